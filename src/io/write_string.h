/*
 * write_string.h - writers into memory: anything that writes to a FILE can
 * fill a string instead (for tac_doc_json, tac_engine_explain_string).
 */
#ifndef TAC_WRITE_STRING_H
#define TAC_WRITE_STRING_H

#include "tacitus.h"

typedef tac_status (*ow_file_fn)(const void *ctx, FILE *f, tac_error *err);

/* Runs fn on a memory FILE; *out (released with tac_string_free) gets what
 * it wrote, NUL-terminated, *len its length. On failure *out is NULL. */
tac_status ow_to_string(ow_file_fn fn, const void *ctx, char **out, size_t *len, tac_error *err);

#endif
