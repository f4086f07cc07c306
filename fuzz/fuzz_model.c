/*
 * fuzz_model.c - libFuzzer entry: the model container and every model
 * loader (tagger, lemmatizer, parser, NER) on arbitrary bytes. A loader
 * must reject what it cannot use with an error, never crash.
 */
#include "lexicon/lemma.h"
#include "learn/modelfile.h"
#include "ner/ner.h"
#include "parse/parser.h"
#include "tag/tagger.h"

#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char path[64];
    if (!path[0]) snprintf(path, sizeof path, "/tmp/tacitus-fuzz-model-%d.tacm", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    tac_error err;
    tg_model *tg = NULL;
    const char *w[] = {"Iraq", "said", "no", "."}, *u[4], *x[4];
    lm_alt alt[4];
    int tagged = 0;
    if (tg_load(path, &tg, &err) == TAC_OK) {
        tagged = tg_tag_alt(tg, w, 4, u, x, alt) == 0;
        tg_tag(tg, w, 4, u, x);
    }
    lm_model *lm;
    if (lm_load(path, &lm, &err) == TAC_OK) {
        char buf[64];
        lm_lemma(lm, "struck", "VERB", "VBD", buf, sizeof buf);
        if (tagged) {   /* the case decision (LMCS) with the tagger's runner-ups */
            lm_sent s = {w, u, x, 4, alt};
            for (size_t i = 0; i < 4; i++) lm_lemma_at(lm, &s, i, buf, sizeof buf);
        }
        lm_free(lm);
    }
    tg_free(tg);
    dp_model *dp;
    if (dp_load(path, &dp, &err) == TAC_OK) {
        const char *w[] = {"Iraq", "said", "no", "."};
        const char *u[] = {"PROPN", "VERB", "INTJ", "PUNCT"}, *x[] = {"NNP", "VBD", "UH", "."};
        int heads[4];
        const char *rels[4];
        dp_parse(dp, w, u, x, 4, heads, rels);
        dp_free(dp);
    }
    ne_model *ne;
    if (ne_load(path, &ne, &err) == TAC_OK) {
        const char *w[] = {"Iraq", "said", "no", "."}, *l[4];
        ne_tag(ne, w, NULL, 4, l);
        ne_free(ne);
    }
    return 0;
}
