/*
 * fuzz_text.c - libFuzzer entry: the whole text pipeline (normalize,
 * tokenize, sentences, JSON writer) on arbitrary bytes. Checks the span
 * invariants the writers rely on.
 */
#include "tacitus.h"

#include <stdint.h>
#include <stdlib.h>

static tac_engine *e;
static tac_doc *d;

/* The engine (all dictionaries and models) loads once here, where the
 * per-input timeout does not apply: under ASan on a busy machine the load
 * alone can pass it. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    tac_error err;
    tac_options o;
    tac_options_init(&o);
    o.max_sentence_tokens = 50;
    if (tac_engine_open(&o, &e, &err) != TAC_OK || tac_doc_new(&d) != TAC_OK) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tac_error err;
    tac_article a = {.id = "fuzz", .text = (const char *)data, .text_len = size};
    if (tac_engine_code(e, &a, d, &err) != TAC_OK) abort();
    size_t prev = 0;
    for (size_t i = 0; i < tac_doc_token_count(d); i++) {
        tac_token t;
        if (tac_doc_token(d, i, &t) != TAC_OK || t.start > t.end || t.end > size || t.start < prev)
            abort();
        prev = t.start;
    }
    for (size_t i = 0; i < tac_doc_sentence_count(d); i++) {
        tac_sentence s;
        if (tac_doc_sentence(d, i, &s) != TAC_OK || s.start > s.end || s.end > size) abort();
    }
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        if (tac_doc_write_json(d, TAC_LAYER_SENTENCES | TAC_LAYER_TOKENS, null, &err) != TAC_OK) abort();
        fclose(null);
    }
    return 0;
}
