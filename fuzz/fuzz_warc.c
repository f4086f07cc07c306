/*
 * fuzz_warc.c - libFuzzer entry: the WARC reader (plain or gzip members,
 * framing checks and resynchronization, HTTP bodies, HTML extraction) on
 * arbitrary bytes, every page coded.
 */
#include "io/reader.h"

#include "fuzz_util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    fz_open(0, 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tac_engine *e = fz_engine;
    tac_doc *d = fz_doc;
    tac_error err;
    if (size == 0) return 0;
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (!fp) return 0;
    tac_reader *r;
    if (rd_open_stream(fp, "fuzz.warc", TAC_FORMAT_WARC, "2024-01-11", 1 << 16, &r, &err) != TAC_OK)
        abort();
    tac_article a;
    tac_status st;
    int guard = 0;
    while ((st = tac_reader_next(r, &a, &err)) != TAC_END && guard++ < 100000) {
        if (st != TAC_OK) {
            if (err.record < 0) abort();
            continue;
        }
        if (a.text_len != strlen(a.text)) abort(); /* the text is one C string */
        if (tac_engine_code(e, &a, d, &err) != TAC_OK) abort();
    }
    tac_reader_free(r);
    fclose(fp);
    return 0;
}
