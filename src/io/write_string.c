/*
 * write_string.c - the JSON writer into memory, for language bindings
 * (python/): the same bytes as tac_doc_write_json, so a binding's result
 * equals the command line's.
 */
#include "../core/error.h"
#include "write_string.h"
#include "tacitus.h"

#include <stdio.h>
#include <stdlib.h>

tac_status ow_to_string(ow_file_fn fn, const void *ctx, char **out, size_t *len, tac_error *err) {
    err_clear(err);
    if (!out) return err_set(err, TAC_EINVAL, NULL, 0, -1, "no output string");
    *out = NULL;
    size_t n = 0;
    /* open_memstream keeps one writer for file and string: the FILE grows its own buffer */
    FILE *f = open_memstream(out, &n);
    if (!f) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    tac_status st = fn(ctx, f, err);
    if (fclose(f) != 0 && st == TAC_OK) st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    if (st != TAC_OK) {
        free(*out);
        *out = NULL;
        return st;
    }
    if (len) *len = n;
    return TAC_OK;
}

struct json_args {
    const tac_doc *d;
    unsigned layers;
};

static tac_status json_to(const void *ctx, FILE *f, tac_error *err) {
    const struct json_args *a = ctx;
    return tac_doc_write_json(a->d, a->layers, f, err);
}

tac_status tac_doc_json(const tac_doc *d, unsigned layers, char **out, size_t *len,
                        tac_error *err) {
    if (!d) return err_set(err, TAC_EINVAL, NULL, 0, -1, "tac_doc_json: no document");
    struct json_args a = {d, layers};
    return ow_to_string(json_to, &a, out, len, err);
}

void tac_string_free(char *s) { free(s); }
