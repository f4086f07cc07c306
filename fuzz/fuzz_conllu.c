/*
 * fuzz_conllu.c - libFuzzer entry: the CoNLL-U treebank reader.
 */
#include "core/alloc.h"
#include "io/conllu.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *copy = tac_malloc(size + 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    copy[size] = 0;
    cu_bank b;
    tac_error err;
    if (cu_parse(copy, "fuzz.conllu", &b, &err) == TAC_OK) cu_free(&b);
    return 0;
}
