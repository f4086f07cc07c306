/*
 * error.c - status names and error formatting.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *tac_status_name(tac_status s) {
    switch (s) {
    case TAC_OK: return "ok";
    case TAC_END: return "end of input";
    case TAC_ENOMEM: return "out of memory";
    case TAC_EIO: return "I/O error";
    case TAC_EINVAL: return "invalid argument";
    case TAC_EPARSE: return "malformed input";
    case TAC_ELIMIT: return "limit exceeded";
    case TAC_EFORMAT: return "bad file format";
    case TAC_EINTERNAL: return "internal error";
    }
    return "unknown status";
}

void err_clear(tac_error *e) {
    if (!e) return;
    memset(e, 0, sizeof *e);
    e->offset = -1;
}

tac_status err_set(tac_error *e, tac_status s, const char *file,
                   long long record, long long offset, const char *fmt, ...) {
    if (!e) return s;
    e->status = s;
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
    e->record = record;
    e->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return s;
}

void tac_error_format(const tac_error *e, char *buf, size_t cap) {
    if (!cap) return;
    /* "file: record 3, byte 17: message" with the parts that are known */
    char where[700] = "";
    size_t n = 0;
    const char *sep = "";
    if (e->file[0]) n += (size_t)snprintf(where + n, sizeof where - n, "%s:", e->file), sep = " ";
    if (e->record > 0 && n < sizeof where)
        n += (size_t)snprintf(where + n, sizeof where - n, "%srecord %lld", sep, e->record), sep = ", ";
    if (e->offset >= 0 && n < sizeof where)
        n += (size_t)snprintf(where + n, sizeof where - n, "%sbyte %lld", sep, e->offset);
    if (n && where[n - 1] != ':' && n < sizeof where) snprintf(where + n, sizeof where - n, ":");
    snprintf(buf, cap, "%s%s%s", where, where[0] ? " " : "",
             e->message[0] ? e->message : tac_status_name(e->status));
}
