/*
 * test_lemma.c - the lemmatizer: news verbs reach their dictionary forms,
 * rules handle unseen forms, proper nouns keep case, and the table
 * survives being written into a model file and loaded back.
 */
#include "lexicon/lemma.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define TRAIN "data/ud/en_ewt-ud-train.conllu"
#define LEXDIR "data/lexicon"

static const char *lem(const lm_model *m, const char *form, const char *upos, const char *xpos) {
    static char buf[256];
    lm_lemma(m, form, upos, xpos, buf, sizeof buf);
    return buf;
}

/* The words the event coder depends on, with the tags a tagger gives them. */
static void check_news_verbs(const lm_model *m) {
    CHECK_STR(lem(m, "strikes", "VERB", "VBZ"), "strike");
    CHECK_STR(lem(m, "struck", "VERB", "VBD"), "strike");
    CHECK_STR(lem(m, "struck", "VERB", "VBN"), "strike");
    CHECK_STR(lem(m, "withdrew", "VERB", "VBD"), "withdraw");
    CHECK_STR(lem(m, "warned", "VERB", "VBD"), "warn");
    CHECK_STR(lem(m, "killed", "VERB", "VBN"), "kill");
    CHECK_STR(lem(m, "killed", "VERB", "VBD"), "kill");
    CHECK_STR(lem(m, "said", "VERB", "VBD"), "say");
    CHECK_STR(lem(m, "Said", "VERB", "VBD"), "say");
}

/* Rules and exception lists alone (no treebank table). */
static void check_rules(const lm_model *m) {
    check_news_verbs(m);
    CHECK_STR(lem(m, "stopped", "VERB", "VBD"), "stop");
    CHECK_STR(lem(m, "tried", "VERB", "VBD"), "try");
    CHECK_STR(lem(m, "bombing", "VERB", "VBG"), "bomb");
    CHECK_STR(lem(m, "boxes", "NOUN", "NNS"), "box");
    CHECK_STR(lem(m, "cities", "NOUN", "NNS"), "city");
    CHECK_STR(lem(m, "children", "NOUN", "NNS"), "child");
    CHECK_STR(lem(m, "troops", "NOUN", "NNS"), "troop");
    CHECK_STR(lem(m, "bigger", "ADJ", "JJR"), "big");
    CHECK_STR(lem(m, "Pentagon", "PROPN", "NNP"), "Pentagon");
    CHECK_STR(lem(m, "Americans", "PROPN", "NNPS"), "American");
    CHECK_STR(lem(m, "The", "DET", "DT"), "the");
    CHECK_STR(lem(m, "12,000", "NUM", "CD"), "12000");
    CHECK_STR(lem(m, "", "X", "_"), "");
    CHECK_STR(lem(m, "Hello", NULL, NULL), "hello");
    /* EWT's conventions: long all-capital names in title case, acronyms
     * and letters kept, -men plurals, the -ise verbs of British spelling */
    CHECK_STR(lem(m, "TEHRAN", "PROPN", "NNP"), "Tehran");
    CHECK_STR(lem(m, "NATO", "PROPN", "NNP"), "NATO");
    CHECK_STR(lem(m, "F-16", "PROPN", "NNP"), "F-16");
    CHECK_STR(lem(m, "Z", "NOUN", "NN"), "Z");
    CHECK_STR(lem(m, "A", "DET", "DT"), "a");
    CHECK_STR(lem(m, "horsemen", "NOUN", "NNS"), "horseman");
    CHECK_STR(lem(m, "recycled", "VERB", "VBN"), "recycle");
    CHECK_STR(lem(m, "authorised", "VERB", "VBN"), "authorise");
    CHECK_STR(lem(m, "crisis", "NOUN", "NNS"), "crisis");
    /* spelling: -es is a suffix after s, x, z, ch, sh, o only */
    CHECK_STR(lem(m, "pines", "NOUN", "NNS"), "pine");
    CHECK_STR(lem(m, "bees", "NOUN", "NNS"), "bee");
    CHECK_STR(lem(m, "watches", "NOUN", "NNS"), "watch");
    CHECK_STR(lem(m, "heroes", "NOUN", "NNS"), "hero");
    /* a one-syllable verb doubles its last consonant, so an undoubled one had an e */
    CHECK_STR(lem(m, "biting", "VERB", "VBG"), "bite");
    CHECK_STR(lem(m, "rated", "VERB", "VBD"), "rate");
    CHECK_STR(lem(m, "planned", "VERB", "VBD"), "plan");
    CHECK_STR(lem(m, "3,202.61", "NUM", "CD"), "3202.61");
    CHECK_STR(lem(m, "1,2.3,4", "NUM", "CD"), "1,2.3,4");
    /* truncation: the full length comes back, the buffer stays terminated */
    char small[4];
    CHECK(lm_lemma(m, "withdrew", "VERB", "VBD", small, sizeof small) == 8);
    CHECK_STR(small, "wit");
}

/* Lemma of word i of a tagged sentence (words and tags space-separated). */
static const char *lem_at(const lm_model *m, const char *words, const char *tags, size_t i) {
    static char buf[256], wb[256], tb[256];
    const char *w[16], *x[16];
    size_t n = 0, k = 0;
    snprintf(wb, sizeof wb, "%s", words);
    snprintf(tb, sizeof tb, "%s", tags);
    for (char *p = strtok(wb, " "); p && n < 16; p = strtok(NULL, " ")) w[n++] = p;
    for (char *p = strtok(tb, " "); p && k < 16; p = strtok(NULL, " ")) x[k++] = p;
    lm_sent s = {w, NULL, x, n < k ? n : k, NULL};
    lm_lemma_at(m, &s, i, buf, sizeof buf);
    return buf;
}

/* What the next words tell: "'s" is "have" before a perfect only. */
static void check_context(const lm_model *m) {
    CHECK_STR(lem_at(m, "He 's been away", "PRP VBZ VBN RB", 1), "have");
    CHECK_STR(lem_at(m, "he 's always got", "PRP VBZ RB VBN", 1), "have");
    CHECK_STR(lem_at(m, "It \xe2\x80\x99s BEEN", "PRP VBZ VBN", 1), "have");
    CHECK_STR(lem_at(m, "It 's late", "PRP VBZ JJ", 1), "be");
    CHECK_STR(lem_at(m, "It 's done", "PRP VBZ VBN", 1), "be");
    CHECK_STR(lem_at(m, "It 's", "PRP VBZ", 1), "be");
    CHECK_STR(lem_at(m, "John 's been", "NNP POS VBN", 1), "'s");
    CHECK_STR(lem_at(m, "troops struck", "NNS VBD", 1), "strike");
}

static const char *lem_s(const lm_model *m, const lm_sent *s, size_t i) {
    static char buf[256];
    lm_lemma_at(m, s, i, buf, sizeof buf);
    return buf;
}

/* "A Charge to Keep": the tagger says NN, NNP a close second. */
static const char *cw[] = {"A", "Charge", "to", "Keep"}, *cu[] = {"DET", "NOUN", "PART", "VERB"},
                  *cx[] = {"DT", "NN", "TO", "VB"};
static const lm_alt calt[] = {{NULL, NULL, 0}, {"PROPN", "NNP", 0.1f}, {NULL, NULL, 0}, {"PROPN", "NNP", 3}};
static const lm_sent csent = {cw, cu, cx, 4, calt};

/* The case decision: none before learning; learnt from examples where
 * the gold lemma kept the case against the tagger's NN, it keeps it. */
static void check_case(lm_model *m) {
    CHECK_STR(lem_s(m, &csent, 1), "charge");
    CHECK_STR(lem_s(m, &csent, 3), "keep");
    lm_case_data *d = lm_case_data_new();
    const char *gold[] = {"a", "Charge", "to", "Keep"};
    CHECK(d != NULL);
    if (!d) return;
    for (int r = 0; r < 20; r++) CHECK(lm_case_collect(d, m, &csent, gold) == 0);
    CHECK(lm_case_data_count(d) == 20);    /* "A" has no runner-up, "Keep" is a verb */
    tac_error err;
    CHECK(lm_case_learn(m, d, 7, &err) == TAC_OK);
    CHECK_STR(lem_s(m, &csent, 1), "Charge");
    CHECK_STR(lem_s(m, &csent, 3), "keep");     /* verbs keep their verb lemma */
    CHECK_STR(lem_s(m, &csent, 0), "a");
    CHECK_STR(lem(m, "Charge", "NOUN", "NN"), "charge");   /* no sentence, no decision */
    lm_case_data_free(d);
    lm_case_data_free(NULL);
}

int main(void) {
    struct stat sb;
    if (stat(TRAIN, &sb) || stat(LEXDIR "/verb.exc", &sb)) {
        printf("test_lemma: skipped, %s or %s missing\n", TRAIN, LEXDIR);
        return check_done("test_lemma");
    }
    cu_bank b;
    tac_error err;
    CHECK(cu_load(TRAIN, &b, &err) == TAC_OK);
    lm_model *rules = NULL, *full = NULL, *back = NULL;
    CHECK(lm_build(&b, 0, LEXDIR, &rules, &err) == TAC_OK);
    if (rules) check_rules(rules);
    CHECK(lm_build(&b, b.nsents, LEXDIR, &full, &err) == TAC_OK);
    if (full) {
        check_news_verbs(full);
        CHECK_STR(lem(full, "was", "AUX", "VBD"), "be");
        CHECK_STR(lem(full, "I", "PRON", "PRP"), "I");
        CHECK_STR(lem(full, "better", "ADJ", "JJR"), "good");
        /* drawn-out letters: the spelling the treebank knows */
        CHECK_STR(lem(full, "sooooo", "ADV", "RB"), "so");
        CHECK_STR(lem(full, "VERYYY", "ADV", "RB"), "very");
        CHECK_STR(lem(full, "litttle", "ADJ", "JJ"), "little");
        CHECK_STR(lem(full, "III", "NUM", "CD"), "III");   /* a numeral, not a drawn-out "i" */
        CHECK_STR(lem(full, "zzzzqqq", "NOUN", "NN"), "zzzzqqq");
        /* spelling before known stems: "can" is known, but takes no -es */
        CHECK_STR(lem(full, "canes", "NOUN", "NNS"), "cane");
        CHECK_STR(lem(full, "robing", "VERB", "VBG"), "robe");   /* "rob" is known too */
        CHECK_STR(lem(full, "taped", "VERB", "VBD"), "tape");
        /* unknown stems end as the known verbs that end alike: -amine, -oke, -ame */
        CHECK_STR(lem(full, "reexamining", "VERB", "VBG"), "reexamine");
        CHECK_STR(lem(full, "revoking", "VERB", "VBG"), "revoke");
        CHECK_STR(lem(full, "renamed", "VERB", "VBN"), "rename");
        CHECK_STR(lem(full, "reopened", "VERB", "VBN"), "reopen");
        /* an abbreviation known spelt out in another spelling; not one known as itself */
        CHECK_STR(lem(full, "Thur", "PROPN", "NNP"), "Thursday");
        CHECK_STR(lem(full, "AUG", "PROPN", "NNP"), "August");
        CHECK_STR(lem(full, "Corp.", "PROPN", "NNP"), "Corp.");
        CHECK_STR(lem(full, "Zxq", "PROPN", "NNP"), "Zxq");
        /* seen as a noun lemma (NN), no singular: the same lemma as NNS */
        CHECK_STR(lem(full, "series", "NOUN", "NNS"), "series");
        CHECK_STR(lem(full, "herpes", "NOUN", "NNS"), "herpes");
        check_context(full);
        check_case(full);
    }
    CHECK(lm_build(&b, 10, "/nonexistent", &back, &err) == TAC_EIO);
    /* write into a model file, load back, same answers */
    char path[256];
    snprintf(path, sizeof path, "/tmp/tacitus_lm_%ld.bin", (long)getpid());
    mf_out *o;
    CHECK(mf_create(path, "tagger", &o, &err) == TAC_OK);
    CHECK(lm_write(full, o, &err) == TAC_OK);
    CHECK(mf_close(o, &err) == TAC_OK);
    CHECK(lm_load(path, &back, &err) == TAC_OK);
    if (back && full) {
        int same = 1;
        for (size_t i = 0; i < b.nwords; i += 7) {
            const cu_word *w = &b.words[i];
            char x[256], y[256];
            lm_lemma(full, w->form, w->upos, w->xpos, x, sizeof x);
            lm_lemma(back, w->form, w->upos, w->xpos, y, sizeof y);
            if (strcmp(x, y)) same = 0;
        }
        CHECK(same);
        CHECK_STR(lem_s(back, &csent, 1), "Charge");   /* the case decision came along */
    }
    /* a case decision of another feature layout is refused */
    CHECK(mf_create(path, "tagger", &o, &err) == TAC_OK);
    CHECK(lm_write(rules, o, &err) == TAC_OK);
    FILE *cf = mf_chunk_begin(o, "LMCS");
    CHECK(cf != NULL && mf_put_u32(cf, 999) == 0 && mf_put_u32(cf, 1) == 0 && mf_put_f32(cf, 1) == 0);
    CHECK(mf_chunk_end(o, &err) == TAC_OK);
    CHECK(mf_close(o, &err) == TAC_OK);
    lm_model *old = NULL;
    CHECK(lm_load(path, &old, &err) == TAC_EFORMAT && old == NULL);
    CHECK(strstr(err.message, "retrain") != NULL);
    /* a model without the chunk is an error, not a crash */
    CHECK(mf_create(path, "tagger", &o, &err) == TAC_OK);
    CHECK(mf_close(o, &err) == TAC_OK);
    lm_model *none = NULL;
    CHECK(lm_load(path, &none, &err) == TAC_EFORMAT && none == NULL);
    unlink(path);
    lm_free(rules);
    lm_free(full);
    lm_free(back);
    lm_free(NULL);
    cu_free(&b);
    return check_done("test_lemma");
}
