/*
 * fuzz_dict.c - libFuzzer entry: the TABARI/PETRARCH dictionary readers
 * (each kind in turn) and the matchers over the loaded index.
 */
#define _GNU_SOURCE
#include "dict/dict.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char path[64];
    if (!path[0]) snprintf(path, sizeof path, "/tmp/tacitus-fuzz-dict-%d.txt", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    static const dict_kind kinds[] = {DICT_VERBS, DICT_ACTORS, DICT_AGENTS, DICT_DISCARDS, DICT_ISSUES};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        dict_set *s;
        tac_error err;
        if (dict_set_new(&s, &err) != TAC_OK) continue;
        if (dict_set_load(s, path, kinds[k], &err) == TAC_OK) {
            dict_set_audit(s, &err);
            const char *toks[] = {"the", "iraqi", "foreign", "minister", "said"};
            dict_hit h[4];
            for (size_t i = 0; i < 5; i++) {
                dict_actor_match(s, toks, 5, i, 20240111, h, 4);
                dict_agent_match(s, toks, 5, i, h, 4);
            }
            dict_verb_info vi;
            dict_verb_find(s, "say", &vi);
        }
        dict_set_free(s);
    }
    return 0;
}
