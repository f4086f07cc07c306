/*
 * write_string.c - the JSON writer into memory, for language bindings
 * (python/): the same bytes as tac_doc_write_json, so a binding's result
 * equals the command line's.
 */
#include "../core/error.h"
#include "tacitus.h"

#include <stdio.h>
#include <stdlib.h>

tac_status tac_doc_json(const tac_doc *d, unsigned layers, char **out, size_t *len,
                        tac_error *err) {
    err_clear(err);
    if (!d || !out) return err_set(err, TAC_EINVAL, NULL, 0, -1, "tac_doc_json: no document or output");
    *out = NULL;
    size_t n = 0;
    /* open_memstream keeps one writer for both: the FILE grows its own buffer */
    FILE *f = open_memstream(out, &n);
    if (!f) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory writing JSON");
    tac_status st = tac_doc_write_json(d, layers, f, err);
    if (fclose(f) != 0 && st == TAC_OK)
        st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory writing JSON");
    if (st != TAC_OK) {
        free(*out);
        *out = NULL;
        return st;
    }
    if (len) *len = n;
    return TAC_OK;
}

void tac_string_free(char *s) { free(s); }
