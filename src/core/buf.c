/*
 * buf.c - growable byte buffer and JSON string escaping.
 */
#include "buf.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

void buf_init(buf *b) { b->data = NULL; b->len = b->cap = 0; }

void buf_free(buf *b) { tac_free(b->data); buf_init(b); }

int buf_reserve(buf *b, size_t extra) {
    if (extra > SIZE_MAX - b->len - 1) return -1;
    return tac_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

int buf_append(buf *b, const void *p, size_t n) {
    if (buf_reserve(b, n)) return -1;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

int buf_putc(buf *b, char c) { return buf_append(b, &c, 1); }

int buf_puts(buf *b, const char *s) { return buf_append(b, s, strlen(s)); }

int buf_printf(buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return -1;
    if ((size_t)n < sizeof tmp) return buf_append(b, tmp, (size_t)n);
    if (buf_reserve(b, (size_t)n)) return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int buf_json_str(buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    if (buf_reserve(b, n + 2)) return -1;
    if (buf_putc(b, '"')) return -1;
    size_t run = 0; /* start of the pending run of bytes needing no escape */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) { /* keep valid UTF-8, replace what is not */
            utf8proc_int32_t cp;
            utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &cp);
            if (m > 0) { i += (size_t)m - 1; continue; }
            if (buf_append(b, s + run, i - run) || buf_append(b, "\xEF\xBF\xBD", 3)) return -1;
            run = i + 1;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        if (buf_append(b, s + run, i - run)) return -1;
        run = i + 1;
        char esc[7] = {'\\', 0};
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\t': esc[1] = 't'; break;
        case '\r': esc[1] = 'r'; break;
        default:
            esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
            esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
            if (buf_append(b, esc, 6)) return -1;
            continue;
        }
        if (buf_append(b, esc, 2)) return -1;
    }
    if (buf_append(b, s + run, n - run)) return -1;
    return buf_putc(b, '"');
}
