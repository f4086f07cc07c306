/*
 * test_tagger.c - the POS tagger end to end on a slice of UD English EWT:
 * trains on the first 300 sentences, tags a news sentence, checks that the
 * saved model predicts exactly what the in-memory one did, that training
 * is deterministic (byte-identical files) and that damaged models fail,
 * including a model from another feature set.
 */
#include "tag/tagger.h"
#include "tag/tg_int.h"
#include "io/conllu.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define TRAIN "data/ud/en_ewt-ud-train.conllu"
#define DEV "data/ud/en_ewt-ud-dev.conllu"

static char pa[256], pb[256], pc[256];

static unsigned char *slurp(const char *p, size_t *n) {
    FILE *f = fopen(p, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)sz + 1);
    *n = fread(b, 1, (size_t)sz, f);
    fclose(f);
    return b;
}

static void spit(const char *p, const unsigned char *b, size_t n) {
    FILE *f = fopen(p, "wb");
    fwrite(b, 1, n, f);
    fclose(f);
}

static tac_status train(const char *out, const char *dev, tg_train_info *info) {
    tg_train_opts o;
    tg_train_opts_init(&o);
    o.train_path = TRAIN;
    o.dev_path = dev;
    o.out_path = out;
    o.lexicon_dir = "data/lexicon";
    o.max_sents = 300;
    o.epochs = 3;
    o.prune = 0;        /* only all-zero rows go: the saved model scores as in memory */
    tac_error err;
    tac_status st = tg_train(&o, info, &err);
    if (st) fprintf(stderr, "train: %s\n", err.message);
    return st;
}

/* Joint accuracy of a loaded model on the dev treebank, as tg_train measures it. */
static double joint_accuracy(const tg_model *m) {
    cu_bank b;
    tac_error err;
    if (cu_load(DEV, &b, &err)) return -1;
    size_t right = 0, total = 0;
    const char *w[512], *u[512], *x[512];
    for (size_t s = 0; s < b.nsents; s++) {
        const cu_sent *se = &b.sents[s];
        if (se->nwords > 512) continue;
        for (size_t i = 0; i < se->nwords; i++) w[i] = b.words[se->word0 + i].form;
        if (tg_tag(m, w, se->nwords, u, x)) { cu_free(&b); return -1; }
        for (size_t i = 0; i < se->nwords; i++) {
            const cu_word *g = &b.words[se->word0 + i];
            right += !strcmp(u[i], g->upos) && !strcmp(x[i], g->xpos);
        }
        total += se->nwords;
    }
    cu_free(&b);
    return total ? (double)right / (double)total : -1;
}

static void test_tagging(const tg_model *m) {
    const char *words[] = {"The", "Pentagon", "said", "it", "struck", "bases", "."};
    const char *u[7], *x[7];
    CHECK(tg_tag(m, words, 7, u, x) == 0);
    CHECK_STR(u[6], "PUNCT");
    CHECK_STR(x[6], ".");
    CHECK_STR(u[0], "DET");
    CHECK_STR(x[0], "DT");
    CHECK_STR(u[3], "PRON");
    CHECK(!strcmp(u[2], "VERB") || !strcmp(u[2], "AUX"));
    CHECK(!strcmp(u[1], "PROPN") || !strcmp(u[1], "NOUN"));
    CHECK(tg_tag(m, words, 0, u, x) == 0);  /* empty sentence */
    /* a statement without a finite verb: the participle after the noun is it */
    {
        const char *w[] = {"Police", "arrested", "protesters", "."};
        const char *ru[] = {"NOUN", "VERB", "NOUN", "PUNCT"}, *rx[] = {"NNS", "VBN", "NNS", "."};
        CHECK(tg_repair_finite(m, w, 4, ru, rx) == 1);
        CHECK_STR(rx[1], "VBD");
        CHECK_STR(ru[1], "VERB");
        CHECK(tg_repair_finite(m, w, 4, ru, rx) == -1);  /* now it has one */
        const char *q[] = {"Site", "made", "here", "!"};
        const char *qu[] = {"NOUN", "VERB", "ADV", "PUNCT"}, *qx[] = {"NN", "VBN", "RB", "."};
        CHECK(tg_repair_finite(m, q, 4, qu, qx) == -1);  /* not a "." statement */
        CHECK_STR(qx[1], "VBN");
        const char *h[] = {"He", "has", "arrested", "them", "."};
        const char *hu[] = {"PRON", "AUX", "VERB", "PRON", "PUNCT"};
        const char *hx[] = {"PRP", "VBZ", "VBN", "PRP", "."};
        CHECK(tg_repair_finite(m, h, 5, hu, hx) == -1);  /* "has" is finite */
        CHECK_STR(hx[2], "VBN");
    }
    /* runner-ups from the other case family, for capitalized words only,
     * and the same tags as tg_tag */
    const char *u2[7], *x2[7];
    lm_alt alt[7];
    CHECK(tg_tag_alt(m, words, 7, u2, x2, alt) == 0);
    for (int i = 0; i < 7; i++) CHECK(u2[i] == u[i] && x2[i] == x[i]);
    CHECK(alt[1].xpos != NULL && alt[1].margin >= 0);
    if (alt[1].xpos) {
        int own = !strcmp(x[1], "NNP") || !strcmp(x[1], "NNPS");
        int other = !strcmp(alt[1].xpos, "NNP") || !strcmp(alt[1].xpos, "NNPS");
        CHECK(own != other);
    }
    CHECK(alt[2].xpos == NULL && alt[4].xpos == NULL && alt[6].xpos == NULL);
    /* a long sentence of odd tokens (heap scratch path, no crash) */
    enum { N = 300 };
    const char *lw[N], *lu[N], *lx[N];
    for (int i = 0; i < N; i++) lw[i] = i % 3 ? "x" : i % 2 ? "" : "\xc3\xa9t\xc3\xa9-42";
    CHECK(tg_tag(m, lw, N, lu, lx) == 0);
    CHECK(lu[N - 1] != NULL && lx[N - 1] != NULL);
}

/* Offset of chunk tag in model file b[0..n), or 0 when absent. */
static size_t chunk_at(const unsigned char *b, size_t n, const char *tag) {
    uint32_t klen, count;
    if (n < 16) return 0;
    memcpy(&klen, b + 8, 4);                /* the test machine is little-endian */
    if (16 + (size_t)klen > n) return 0;
    memcpy(&count, b + 12 + klen, 4);
    for (size_t i = 0; i < count && 16 + klen + 20 * (i + 1) <= n; i++) {
        const unsigned char *e = b + 16 + klen + 20 * i;
        uint64_t off;
        memcpy(&off, e + 4, 8);
        if (!memcmp(e, tag, 4)) return (size_t)off;
    }
    return 0;
}

/* A model written by older feature code is refused with an error that
 * names the file and both feature-set versions. */
static void test_feature_version(const char *good) {
    size_t n;
    unsigned char *b = slurp(good, &n);
    size_t at = b ? chunk_at(b, n, "TGHD") : 0;
    CHECK(at > 0 && at + 12 <= n);
    if (!at || at + 12 > n) { free(b); return; }
    uint32_t v;
    memcpy(&v, b + at + 4, 4);
    CHECK(v == TG_FEATURES);
    v = TG_FEATURES - 1;
    memcpy(b + at + 4, &v, 4);
    spit(pc, b, n);
    tg_model *m = NULL;
    tac_error err;
    CHECK(tg_load(pc, &m, &err) == TAC_EFORMAT && m == NULL);
    CHECK(strstr(err.message, "feature set") != NULL);
    CHECK(strstr(err.message, pc) != NULL);
    CHECK_STR(err.file, pc);
    free(b);
}

static void test_damage(const char *good) {
    size_t n;
    unsigned char *b = slurp(good, &n);
    CHECK(b != NULL && n > 1000);
    if (!b) return;
    int all_fail = 1;
    tg_model *m;
    tac_error err;
    /* truncations: every byte of the header and table, then a stride */
    size_t stride = n / 60 > 4099 ? n / 60 : 4099;
    for (size_t k = 0; k < n; k += k < 400 ? 1 : stride) {
        spit(pc, b, k);
        if (tg_load(pc, &m, &err) != TAC_EFORMAT) { all_fail = 0; tg_free(m); }
    }
    CHECK(all_fail);
    /* corrupt bytes inside chunks must fail or still load, never crash */
    for (size_t k = 100; k < n; k += stride + 13) {
        unsigned char save = b[k];
        b[k] ^= 0xff;
        spit(pc, b, n);
        if (tg_load(pc, &m, &err) == TAC_OK) {
            const char *w[] = {"a", "test"}, *u[2], *x[2];
            CHECK(tg_tag(m, w, 2, u, x) == 0);
            tg_free(m);
        }
        b[k] = save;
    }
    /* a model of another kind is refused */
    memcpy(b + 12, "parser", 6);
    spit(pc, b, n);
    CHECK(tg_load(pc, &m, &err) == TAC_EFORMAT);
    CHECK(strstr(err.message, "parser") != NULL);
    CHECK(tg_load("/nonexistent/tagger.bin", &m, &err) == TAC_EIO);
    free(b);
}

int main(void) {
    struct stat sb;
    if (stat(TRAIN, &sb) || stat(DEV, &sb)) {
        printf("test_tagger: skipped, %s or %s missing\n", TRAIN, DEV);
        return check_done("test_tagger");
    }
    long pid = (long)getpid();
    snprintf(pa, sizeof pa, "/tmp/tacitus_tg_%ld_a.bin", pid);
    snprintf(pb, sizeof pb, "/tmp/tacitus_tg_%ld_b.bin", pid);
    snprintf(pc, sizeof pc, "/tmp/tacitus_tg_%ld_c.bin", pid);
    tg_train_info ia, ib;
    CHECK(train(pa, DEV, &ia) == TAC_OK);
    CHECK(train(pb, NULL, &ib) == TAC_OK);
    /* deterministic: same data, same bytes (dev only picks nothing here) */
    size_t na, nb;
    unsigned char *a = slurp(pa, &na), *b = slurp(pb, &nb);
    CHECK(a && b && na == nb && memcmp(a, b, na) == 0);
    free(a);
    free(b);
    tg_model *m = NULL;
    tac_error err;
    CHECK(tg_load(pa, &m, &err) == TAC_OK);
    if (m) {
        test_tagging(m);
        /* the saved model predicts exactly what the trained one did */
        double acc = joint_accuracy(m);
        CHECK(ia.dev_acc > 0.5);
        CHECK(acc == ia.dev_acc);
        if (acc != ia.dev_acc) fprintf(stderr, "loaded %.6f trained %.6f\n", acc, ia.dev_acc);
        tg_free(m);
    }
    test_damage(pa);
    test_feature_version(pa);
    tg_free(NULL);
    unlink(pa);
    unlink(pb);
    unlink(pc);
    return check_done("test_tagger");
}
