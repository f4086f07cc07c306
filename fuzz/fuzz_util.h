/*
 * fuzz_util.h - what several harnesses share: one engine and document
 * opened before the first input, and query arguments as the HTTP daemon
 * would hand them to the server's handlers.
 */
#ifndef TAC_FUZZ_UTIL_H
#define TAC_FUZZ_UTIL_H

#include "serve/serve.h"
#include "tacitus.h"

#include <stdlib.h>
#include <string.h>

static tac_engine *fz_engine;
static tac_doc *fz_doc;

/* Opens the engine once, from LLVMFuzzerInitialize: there the per-input
 * timeout does not apply, and loading every dictionary and model under ASan
 * on a busy machine can pass it. max_sentence_tokens 0 keeps the default. */
static inline void fz_open(int max_sentence_tokens, unsigned stages) {
    tac_options o;
    tac_options_init(&o);
    if (max_sentence_tokens) o.max_sentence_tokens = max_sentence_tokens;
    if (stages) {
        o.model_dir = "/nonexistent";
        o.stages = stages;
    }
    tac_error err;
    if (tac_engine_open(&o, &fz_engine, &err) != TAC_OK || tac_doc_new(&fz_doc) != TAC_OK) abort();
}

/* Query arguments of one request (sv_request.arg and .each_arg). */
typedef struct { char *k[32], *v[32]; int n; } fz_args;

static inline const char *fz_arg(const sv_request *r, const char *key) {
    const fz_args *a = r->conn;
    for (int i = 0; i < a->n; i++)
        if (!strcmp(a->k[i], key)) return a->v[i];
    return NULL;
}

static inline int fz_each(const sv_request *r, int (*fn)(void *, const char *, const char *),
                          void *ctx) {
    const fz_args *a = r->conn;
    for (int i = 0; i < a->n; i++) {
        int rc = fn(ctx, a->k[i], a->v[i]);
        if (rc) return rc;
    }
    return 0;
}

#endif
