/*
 * test_parser.c - the dependency parser (src/parse): the dynamic oracle
 * rebuilds every projective EWT training tree, a small trained model gives
 * well-formed trees, save/load keeps parses identical (and load/save the
 * bytes), training is
 * deterministic (also across thread counts), the mean of runs scores as the
 * mean of their scores, and corrupt or old model files are refused.
 */
#include "check.h"
#include "io/conllu.h"
#include "learn/modelfile.h"
#include "parse/dp_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define TRAIN "data/ud/en_ewt-ud-train.conllu"
#define DEV "data/ud/en_ewt-ud-dev.conllu"

/* Projective: every word between a head and its dependent descends from
 * that head. heads are 1-based with 0 = root. */
static int projective(const int *heads, int n) {
    for (int d = 1; d <= n; d++) {
        int h = heads[d - 1];
        if (!h) continue;
        int lo = h < d ? h : d, hi = h < d ? d : h;
        for (int k = lo + 1; k < hi; k++) {
            int x = k, steps = 0;
            while (x && x != h && steps++ <= n) x = heads[x - 1];
            if (x != h) return 0;
        }
    }
    return 1;
}

/* Follows zero-cost actions from the initial state; returns 1 when the tree
 * built equals the gold tree (heads and labels). */
static int oracle_rebuilds(const dp_sent *x, dp_state *st, int *gh) {
    int n = (int)x->n;
    if (dp_state_alloc(st, n)) return 0;
    for (int i = 1; i <= n; i++) gh[i] = x->heads[i - 1] ? x->heads[i - 1] : n + 1;
    dp_state_reset(st);
    int cost[DP_NACT], steps = 0;
    while (!dp_state_final(st)) {
        if (steps++ > 2 * n + 2) return 0;
        dp_costs(st, gh, cost);
        int a = -1;
        for (int c = DP_NACT - 1; c >= 0; c--)
            if (cost[c] == 0) a = c;
        if (a < 0) return 0;
        /* the label is the gold label's index into the sentence: any int works */
        int dep = a == DP_SHIFT ? 0 : st->stack[st->sp - 1];
        dp_apply(st, a, dep ? dep : 0, NULL);
    }
    for (int i = 1; i <= n; i++) {
        int h = st->head[i] == n + 1 ? 0 : st->head[i];
        if (h != x->heads[i - 1] || (st->label[i] != i)) return 0;
    }
    return 1;
}

static void test_oracle(const dp_corpus *c) {
    dp_state st = {0};
    int *gh = malloc(4096 * sizeof *gh);
    size_t proj = 0, rebuilt = 0, nonproj = 0;
    for (size_t s = 0; s < c->nsents; s++) {
        const dp_sent *x = &c->sents[s];
        if (x->n == 0 || x->n > 4000) continue;
        if (!projective(x->heads, (int)x->n)) { nonproj++; continue; }
        proj++;
        rebuilt += oracle_rebuilds(x, &st, gh);
    }
    printf("oracle: %zu/%zu projective trees rebuilt (%zu non-projective skipped)\n", rebuilt,
           proj, nonproj);
    CHECK(proj > 10000);
    CHECK(rebuilt == proj);
    dp_state_free(&st);
    free(gh);
}

/* Single root, heads in range, no cycles, every word labelled. */
static int valid_tree(const int *heads, const char **rels, int n) {
    int roots = 0;
    for (int i = 0; i < n; i++) {
        if (heads[i] < 0 || heads[i] > n || heads[i] == i + 1 || !rels[i]) return 0;
        roots += heads[i] == 0;
        int x = i + 1, steps = 0;
        while (x && steps++ <= n) x = heads[x - 1];
        if (x) return 0;    /* did not reach the root: a cycle */
    }
    return roots == 1;
}

/* A model trained on 300 sentences; runs/threads 0 keep the defaults. */
static dp_model *train_small_with(const dp_corpus *c, int runs, int threads, unsigned long long seed) {
    dp_train_opts o;
    dp_train_opts_init(&o);
    o.epochs = 3;
    if (runs) o.runs = runs;
    if (threads) o.threads = threads;
    if (seed) o.seed = seed;
    dp_model *m = NULL;
    tac_error e;
    size_t n = c->nsents < 300 ? c->nsents : 300;
    CHECK(dp_train(c->sents, n, NULL, 0, &o, &m, &e) == TAC_OK);
    return m;
}

static dp_model *train_small(const dp_corpus *c) { return train_small_with(c, 0, 0, 0); }

static int same_file(const char *a, const char *b) {
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb, ca, cb;
    while (same && (ca = getc(fa)) != EOF) {
        cb = getc(fb);
        same = ca == cb;
    }
    if (same) same = getc(fb) == EOF;
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

/* After pos: every few bytes of the first n, then k-th of 300 spread
 * over the rest of a file of total bytes. */
static size_t next_pos(size_t pos, size_t n, size_t total, size_t *k) {
    if (pos + 1 + pos / 8 < n) return pos + 1 + pos / 8;
    if (total <= n) return total;
    size_t at = n + *k * (total - n) / 300 + *k % 16;
    ++*k;
    return at;
}

/* Flips bytes all over the head of the file (header, labels, ambiguity
 * classes) and here and there in the frozen tables: every load must
 * either fail cleanly or give a model that still parses into a tree.
 * Returns the number of bad outcomes. */
static int corrupt_loads(const char *good, const char *tmp) {
    FILE *f = fopen(good, "rb");
    if (!f) return 1;
    static unsigned char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    long total;
    fseek(f, 0, SEEK_END);
    total = ftell(f);
    int bad = 0;
    /* dense over the head, then 300 places spread over the frozen tables */
    size_t k = 0;
    for (size_t pos = 0; pos < (size_t)total; pos = next_pos(pos, n, (size_t)total, &k)) {
        FILE *g = fopen(tmp, "wb");
        fseek(f, 0, SEEK_SET);
        for (long i = 0; g && i < total; i++) {
            int ch = getc(f);
            putc(i == (long)pos ? ch ^ 0x5A : ch, g);
        }
        if (g) fclose(g);
        dp_model *m = NULL;
        tac_error e;
        if (dp_load(tmp, &m, &e) == TAC_OK) {
            static const char *w[] = {"I", "saw", "it", "."};
            int heads[4];
            const char *rels[4];
            bad += dp_parse(m, w, NULL, NULL, 4, heads, rels) != 0 || !valid_tree(heads, rels, 4);
            dp_free(m);
        } else {
            bad += m != NULL;
        }
    }
    fclose(f);
    return bad;
}

static void test_model(const dp_corpus *c, const dp_corpus *dev) {
    dp_model *m = train_small(c);
    if (!m) return;
    static const char *w[] = {"The", "minister", "said", "on", "Monday", "that", "talks",
                              "would", "resume", "."};
    static const char *u[] = {"DET", "NOUN", "VERB", "ADP", "PROPN", "SCONJ", "NOUN",
                              "AUX", "VERB", "PUNCT"};
    static const char *x[] = {"DT", "NN", "VBD", "IN", "NNP", "IN", "NNS", "MD", "VB", "."};
    int heads[10];
    const char *rels[10];
    CHECK(dp_parse(m, w, u, x, 10, heads, rels) == 0);
    CHECK(valid_tree(heads, rels, 10));
    CHECK(heads[1] == 3);   /* minister <- said: 300 sentences are enough for that */
    CHECK_STR(rels[2], "root");
    /* also without tags, and a one-word sentence */
    CHECK(dp_parse(m, w, NULL, NULL, 10, heads, rels) == 0 && valid_tree(heads, rels, 10));
    CHECK(dp_parse(m, w + 9, u + 9, x + 9, 1, heads, rels) == 0 && heads[0] == 0);
    CHECK_STR(rels[0], "root");

    const char *p1 = "/tmp/test_parser_1.model", *p2 = "/tmp/test_parser_2.model";
    tac_error e;
    CHECK(dp_save(m, p1, &e) == TAC_OK);
    dp_model *l = NULL;
    CHECK(dp_load(p1, &l, &e) == TAC_OK);
    size_t same = 0, total = 0, trees = 0;
    int *h1 = malloc(4096 * sizeof *h1), *h2 = malloc(4096 * sizeof *h2);
    const char **r1 = malloc(4096 * sizeof *r1), **r2 = malloc(4096 * sizeof *r2);
    for (size_t s = 0; l && s < dev->nsents && s < 300; s++) {
        const dp_sent *d = &dev->sents[s];
        if (d->n > 4096) continue;
        dp_parse(m, d->words, d->upos, d->xpos, d->n, h1, r1);
        dp_parse(l, d->words, d->upos, d->xpos, d->n, h2, r2);
        trees += valid_tree(h1, r1, (int)d->n);
        for (size_t i = 0; i < d->n; i++, total++)
            same += h1[i] == h2[i] && !strcmp(r1[i], r2[i]);
    }
    CHECK(total > 1000 && same == total);
    CHECK(trees == (dev->nsents < 300 ? dev->nsents : 300));
    double uas, las;
    CHECK(dp_evaluate(l, dev->sents, 300, &uas, &las) == 0);
    printf("small model: dev[0:300] UAS %.2f LAS %.2f\n", uas, las);
    CHECK(uas > 60 && las > 50 && las <= uas);

    /* determinism: a second training writes the same bytes */
    dp_model *m2 = train_small(c);
    CHECK(m2 && dp_save(m2, p2, &e) == TAC_OK);
    CHECK(same_file(p1, p2));

    /* two runs trained in two threads or in one give the same bytes */
    dp_model *m3 = train_small_with(c, 2, 2, 0), *m4 = train_small_with(c, 2, 1, 0);
    CHECK(m3 && dp_save(m3, p1, &e) == TAC_OK);
    CHECK(m4 && dp_save(m4, p2, &e) == TAC_OK);
    CHECK(same_file(p1, p2));
    dp_free(m3);
    dp_free(m4);
    CHECK(dp_save(m, p1, &e) == TAC_OK);    /* p1 is the one-run model again */

    /* a truncated file is refused, not half-loaded */
    FILE *f = fopen(p1, "rb"), *g = fopen(p2, "wb");
    for (int i = 0, ch; f && g && i < 5000 && (ch = getc(f)) != EOF; i++) putc(ch, g);
    if (f) fclose(f);
    if (g) fclose(g);
    dp_model *bad = NULL;
    CHECK(dp_load(p2, &bad, &e) != TAC_OK && bad == NULL);
    CHECK(dp_load("/nonexistent/parser.model", &bad, &e) == TAC_EIO);
    CHECK(corrupt_loads(p1, p2) == 0);

    /* a loaded model saves the same bytes: the file holds the tables as
     * they are used */
    dp_model *again = NULL;
    CHECK(dp_load(p1, &again, &e) == TAC_OK && again && dp_save(again, p2, &e) == TAC_OK);
    CHECK(same_file(p1, p2));
    dp_free(again);
    /* a model of another format is refused with a reason, not as corrupt */
    mf_file *mf = NULL;
    size_t hl;
    CHECK(mf_load(p1, "parser", &mf, &e) == TAC_OK);
    const unsigned char *hd = mf ? mf_chunk(mf, "DPHD", &hl) : NULL;
    long long at = hd ? mf_offset(mf, hd) : -1;
    mf_free(mf);
    f = fopen(p1, "rb");
    g = fopen(p2, "wb");
    for (long long i = 0, ch; f && g && (ch = getc(f)) != EOF; i++) putc(i == at ? 3 : (int)ch, g);
    if (f) fclose(f);
    if (g) fclose(g);
    CHECK(at > 0 && dp_load(p2, &bad, &e) == TAC_EFORMAT && bad == NULL);
    CHECK(strstr(e.message, "format 3") && strstr(e.message, "retrain"));

    remove(p1);
    remove(p2);
    free(h1); free(h2); free(r1); free(r2);
    dp_free(m);
    dp_free(m2);
    dp_free(l);
}

/* The mean of two perceptrons (dp_mean) scores every decision as the mean
 * of their scores: the ensemble of runs costs no parsing time. */
static void test_mean(const dp_corpus *c, const dp_corpus *dev) {
    dp_model *a = train_small_with(c, 1, 1, 11), *b = train_small_with(c, 1, 1, 22);
    if (!a || !b) { dp_free(a); dp_free(b); return; }
    lp_model mean, *acts[2] = {&a->act, &b->act}, *labs[2] = {&a->lab, &b->lab};
    CHECK(dp_mean(&mean, acts, 2) == 0);
    dp_state st = {0};
    uint64_t f[DP_MAX_AFEATS];
    float sa[DP_NACT], sb[DP_NACT], sm[DP_NACT];
    int checked = 0, differ = 0, bad = 0;
    for (size_t s = 0; s < 50 && s < dev->nsents; s++) {
        const dp_sent *x = &dev->sents[s];
        if (dp_state_alloc(&st, (int)x->n)) break;
        dp_atoms(a, st.tok, (int)x->n, x->words, x->upos, x->xpos);
        dp_state_reset(&st);
        /* the first decisions of each sentence: shift, then score */
        for (int step = 0; step < 3 && !dp_state_final(&st); step++) {
            size_t nf = dp_act_feats(&st, f);
            lp_score(&a->act, f, nf, sa);
            lp_score(&b->act, f, nf, sb);
            lp_score(&mean, f, nf, sm);
            for (int k = 0; k < DP_NACT; k++) {
                float want = (sa[k] + sb[k]) / 2;
                bad += fabsf(sm[k] - want) > 1e-3f * (1 + fabsf(want));
                differ += sa[k] != sb[k];
            }
            checked++;
            int valid[DP_NACT];
            dp_valid(&st, valid);
            dp_apply(&st, valid[DP_SHIFT] ? DP_SHIFT : DP_LEFT, 0, NULL);
        }
    }
    CHECK(checked > 100 && differ > 0 && bad == 0);
    lp_free(&mean);
    /* different class counts cannot be averaged */
    lp_model *mixed[2] = {&a->act, &b->lab};
    CHECK(dp_mean(&mean, mixed, 2) != 0);
    CHECK(dp_mean(&mean, labs, 2) == 0 && mean.nclasses == a->nlabels);
    lp_free(&mean);
    dp_state_free(&st);
    dp_free(a);
    dp_free(b);
}

int main(void) {
    cu_bank tb, db;
    tac_error e;
    if (cu_load(TRAIN, &tb, &e) != TAC_OK || cu_load(DEV, &db, &e) != TAC_OK) {
        printf("note: %s or %s missing, parser tests skipped\n", TRAIN, DEV);
        CHECK(0);   /* the data ships with the repository: missing means broken */
        return check_done("test_parser");
    }
    dp_corpus tc, dc;
    CHECK(dp_corpus_from_bank(&tb, &tc, &e) == TAC_OK);
    CHECK(dp_corpus_from_bank(&db, &dc, &e) == TAC_OK);
    test_oracle(&tc);
    test_model(&tc, &dc);
    test_mean(&tc, &dc);
    dp_corpus_free(&tc);
    dp_corpus_free(&dc);
    cu_free(&tb);
    cu_free(&db);
    return check_done("test_parser");
}
