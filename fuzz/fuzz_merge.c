/*
 * fuzz_merge.c - libFuzzer entry: `tacitus merge` input (JSON Lines of
 * article records and event records, optionally keyed) merged and written
 * in every format. Seeds in fuzz/corpus/merge are real code and merge output.
 */
#include "io/out.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int sink(void *ctx, const char *p, size_t n) {
    (void)p;
    *(size_t *)ctx += n;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static ow_tables *t;
    tac_error err;
    if (!t && ow_tables_open("data", &t, &err) != TAC_OK) abort();
    mg_set *m = mg_new();
    if (!m) return 0;
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *tab = memchr(p, '\t', (size_t)(e - p));
        const char *rec = tab && *p != '{' ? tab + 1 : p;
        json_error_t je;
        json_t *j = json_loadb(rec, (size_t)(e - rec), 0, &je);
        if (j && json_is_array(json_object_get(j, "events"))) mg_add_article(m, j);
        else if (j) mg_add_record(m, j);
        json_decref(j);
        p = e + 1;
    }
    size_t n = 0;
    for (int f = TAC_OUTPUT_JSON; f <= TAC_OUTPUT_CSV; f++) mg_write(m, t, (tac_output)f, sink, &n);
    mg_free(m);
    return 0;
}
