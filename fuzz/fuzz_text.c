/*
 * fuzz_text.c - libFuzzer entry: the whole text pipeline (normalize,
 * tokenize, sentences, JSON writer) on arbitrary bytes. Checks the span
 * invariants the writers rely on.
 */
#include "tacitus.h"

#include "fuzz_util.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    fz_open(50, 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tac_engine *e = fz_engine;
    tac_doc *d = fz_doc;
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
