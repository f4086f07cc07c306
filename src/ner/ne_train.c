/*
 * ne_train.c - training the NER tagger: greedy perceptron passes over
 * shuffled sentences (fixed seed; optionally some lowercased), lexicon
 * features from other folds of documents, the gazetteer read once, and
 * the averaged model of the best epoch on dev kept.
 */
#include "ne_impl.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include <string.h>

enum { NE_MAX_FOLDS = 16, NE_PATIENCE = 4 };

void ne_train_opts_init(ne_train_opts *o) {
    o->epochs = 12;
    o->scheme = NE_SCHEME_BILOU;
    o->folds = 8;
    o->seed = 20240229;
    o->prune = 0;
    o->repeat_from = 0;
    o->repeat = 1;
    o->gazetteer = NULL;
    o->doc_pass = 1;
    o->lower_every = 0;
}

static uint64_t next_rand(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Deep copy of a model in training (weights, sums and timestamps). */
static int lp_clone(const lp_model *a, lp_model *b) {
    memset(b, 0, sizeof *b);
    size_t C = a->nclasses, nw = (a->rowcap ? a->rowcap : 1) * C;
    b->nclasses = a->nclasses;
    b->tcap = a->tcap;
    b->nrows = a->nrows;
    b->rowcap = a->rowcap;
    b->tick = a->tick;
    b->keys = tac_malloc(a->tcap * sizeof *b->keys);
    b->rows = tac_malloc(a->tcap * sizeof *b->rows);
    b->w = tac_malloc(nw * sizeof *b->w);
    b->acc = tac_malloc(nw * sizeof *b->acc);
    b->stamp = tac_malloc(nw * sizeof *b->stamp);
    if (!b->keys || !b->rows || !b->w || !b->acc || !b->stamp) { lp_free(b); return -1; }
    memcpy(b->keys, a->keys, a->tcap * sizeof *b->keys);
    memcpy(b->rows, a->rows, a->tcap * sizeof *b->rows);
    size_t used = a->nrows * C;
    if (used) {
        memcpy(b->w, a->w, used * sizeof *b->w);
        memcpy(b->acc, a->acc, used * sizeof *b->acc);
        memcpy(b->stamp, a->stamp, used * sizeof *b->stamp);
    }
    return 0;
}

typedef struct trainer {
    const ne_corpus *c;
    const ne_train_opts *o;
    int nclasses;
    lp_model lp;
    ne_lex full, fold[NE_MAX_FOLDS], gaz;
    size_t *order, norder;  /* sentence index << 1 | lowercased copy */
    char *lowbuf;           /* a lowercased sentence: forms, NUL-separated */
    const char **lowforms;
    ne_tokinfo *ti;
    uint64_t *stat;
    uint8_t *gold;
    uint64_t rng;
    size_t ntoks;           /* tokens visited per epoch */
} trainer;

static void trainer_free(trainer *t) {
    lp_free(&t->lp);
    ne_lex_free(&t->full);
    ne_lex_free(&t->gaz);
    for (int k = 0; k < NE_MAX_FOLDS; k++) ne_lex_free(&t->fold[k]);
    tac_free(t->order);
    tac_free(t->lowbuf);
    tac_free(t->lowforms);
    tac_free(t->ti);
    tac_free(t->stat);
    tac_free(t->gold);
}

static tac_status trainer_init(trainer *t, const ne_corpus *c, const ne_train_opts *o,
                               tac_error *err) {
    memset(t, 0, sizeof *t);
    t->c = c;
    t->o = o;
    t->nclasses = ne_nclasses(o->scheme);
    t->rng = o->seed;
    size_t maxn = 1;
    for (size_t s = 0; s < c->nsents; s++)
        if (c->sents[s].ntoks > maxn) maxn = c->sents[s].ntoks;
    size_t extra = o->repeat_from < c->nsents ? c->nsents - o->repeat_from : 0;
    size_t nlow = o->lower_every ? (c->nsents + (size_t)o->lower_every - 1) / (size_t)o->lower_every : 0;
    t->norder = c->nsents + extra * (size_t)(o->repeat - 1) + nlow;
    t->order = tac_malloc(t->norder * sizeof *t->order);
    t->ti = tac_malloc(maxn * sizeof *t->ti);
    t->stat = tac_malloc(maxn * NE_NSTATIC * sizeof *t->stat);
    t->gold = tac_malloc(maxn);
    size_t maxbytes = 1;
    for (size_t s = 0; s < c->nsents; s++) {
        size_t b = 0;
        for (size_t i = 0; i < c->sents[s].ntoks; i++) b += strlen(c->forms[c->sents[s].tok0 + i]) + 1;
        if (b > maxbytes) maxbytes = b;
    }
    t->lowbuf = tac_malloc(maxbytes);
    t->lowforms = tac_malloc(maxn * sizeof *t->lowforms);
    if (!t->order || !t->ti || !t->stat || !t->gold || !t->lowbuf || !t->lowforms) return TAC_ENOMEM;
    if (o->gazetteer) {
        tac_status s = ne_gaz_build(o->gazetteer, &t->gaz, err);
        if (s) return s;
    }
    size_t nrep = t->norder - nlow;
    for (size_t k = 0; k < nrep; k++)
        t->order[k] = (k < c->nsents ? k : o->repeat_from + (k - c->nsents) % extra) << 1;
    /* every lower_every-th sentence once more, all lowercase, as web text
     * often is: names must then be found without their capitals */
    for (size_t k = 0; k < nlow; k++) t->order[nrep + k] = (k * (size_t)o->lower_every) << 1 | 1;
    for (size_t k = 0; k < t->norder; k++) t->ntoks += c->sents[t->order[k] >> 1].ntoks;
    if (lp_init(&t->lp, (uint32_t)t->nclasses)) return TAC_ENOMEM;
    if (ne_lex_build(c, 1, -1, &t->full)) return TAC_ENOMEM;
    for (int k = 0; o->folds > 1 && k < o->folds; k++)
        if (ne_lex_build(c, o->folds, k, &t->fold[k])) return TAC_ENOMEM;
    return TAC_OK;
}

/* One perceptron pass over a sentence; counts correct tokens. The
 * history is the model's own constrained decisions, as at run time; the
 * update compares gold with the unconstrained best class. */
static int train_sentence(trainer *t, size_t item, size_t *correct) {
    const ne_sent *st = &t->c->sents[item >> 1];
    size_t n = st->ntoks;
    const ne_lex *lex = t->o->folds > 1 ? &t->fold[st->doc % (size_t)t->o->folds] : &t->full;
    const char *const *words = t->c->forms + st->tok0;
    if (item & 1) {
        char *p = t->lowbuf;
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(words[i]);
            ne_lower(words[i], p, len + 1);
            t->lowforms[i] = p;
            p += len + 1;
        }
        words = t->lowforms;
    }
    ne_feats_static(lex, &t->gaz, words, n, t->ti, t->stat);
    ne_bio_to_classes(t->o->scheme, t->c->tags + st->tok0, n, t->gold);
    uint64_t f[NE_NFEAT];
    float scores[NE_MAXCLASS];
    int p1 = -1, p2 = -1;
    for (size_t i = 0; i < n; i++) {
        memcpy(f, t->stat + i * NE_NSTATIC, NE_NSTATIC * sizeof *f);
        ne_feats_dyn(t->ti, i, p1, p2, f + NE_NSTATIC);
        lp_score(&t->lp, f, NE_NFEAT, scores);
        int guess = 0;
        for (int c = 1; c < t->nclasses; c++)
            if (scores[c] > scores[guess]) guess = c;
        if (lp_update(&t->lp, f, NE_NFEAT, t->gold[i], guess, 1.0f)) return -1;
        lp_tick(&t->lp);
        int c = guess;
        if (!ne_allowed(t->o->scheme, p1, c, i + 1 == n))
            c = ne_best(t->o->scheme, t->nclasses, scores, p1, i + 1 == n);
        *correct += c == t->gold[i];
        p2 = p1;
        p1 = c;
    }
    return 0;
}

static void shuffle(trainer *t) {
    for (size_t i = t->norder; i > 1; i--) {
        size_t j = (size_t)(next_rand(&t->rng) % i);
        size_t x = t->order[i - 1];
        t->order[i - 1] = t->order[j];
        t->order[j] = x;
    }
}

/* The averaged model of the current state, sharing nothing with t. */
static tac_status snapshot(trainer *t, ne_model **out) {
    ne_model *m = tac_calloc(1, sizeof *m);
    if (!m) return TAC_ENOMEM;
    m->scheme = t->o->scheme;
    m->nclasses = t->nclasses;
    if (lp_clone(&t->lp, &m->lp) || lp_average(&m->lp, t->o->prune)) { ne_free(m); return TAC_ENOMEM; }
    /* the lexicon is copied by value-rebuild: cheap next to training */
    if (ne_lex_build(t->c, 1, -1, &m->lex) || ne_lex_copy(&t->gaz, &m->gaz)) {
        ne_free(m);
        return TAC_ENOMEM;
    }
    *out = m;
    return TAC_OK;
}

tac_status ne_train(const ne_corpus *train, const ne_corpus *dev, const ne_train_opts *o,
                    ne_model **out, ne_train_report *rep, tac_error *err) {
    *out = NULL;
    err_clear(err);
    ne_train_report dummy;
    if (!rep) rep = &dummy;
    memset(rep, 0, sizeof *rep);
    if (o->epochs < 1 || o->epochs > NE_MAX_EPOCHS || o->folds < 1 || o->folds > NE_MAX_FOLDS ||
        (o->scheme != NE_SCHEME_BIO && o->scheme != NE_SCHEME_BILOU) || !(o->prune >= 0) ||
        o->repeat < 1 || o->repeat > 100 || o->lower_every < 0)
        return err_set(err, TAC_EINVAL, NULL, 0, -1, "bad training options");
    if (!train->nsents) return err_set(err, TAC_EINVAL, NULL, 0, -1, "empty training corpus");
    trainer t;
    ne_model *best = NULL;
    double best_f1 = -1;
    tac_status s = trainer_init(&t, train, o, err);
    for (int e = 1; !s && e <= o->epochs; e++) {
        shuffle(&t);
        size_t correct = 0;
        for (size_t k = 0; k < t.norder && !s; k++)
            if (train_sentence(&t, t.order[k], &correct)) s = TAC_ENOMEM;
        if (s) break;
        rep->epochs_run = e;
        rep->train_acc[e - 1] = 100.0 * (double)correct / (double)(t.ntoks ? t.ntoks : 1);
        if (!dev && e < o->epochs) continue;
        ne_model *m;
        if ((s = snapshot(&t, &m))) break;
        double f = 0;
        if (dev) {
            ne_counts cnt;
            double p, r;
            if ((s = ne_evaluate(m, dev, o->doc_pass, &cnt, err))) { ne_free(m); break; }
            ne_prf(&cnt, -1, &p, &r, &f);
            rep->dev_f1[e - 1] = f;
        }
        if (f > best_f1) {
            ne_free(best);
            best = m;
            best_f1 = f;
            rep->best_epoch = e;
        } else {
            ne_free(m);
            if (e - rep->best_epoch >= NE_PATIENCE) break;
        }
    }
    trainer_free(&t);
    if (s) {
        ne_free(best);
        return s == TAC_ENOMEM ? err_set(err, s, NULL, 0, -1, "out of memory") : s;
    }
    *out = best;
    return TAC_OK;
}
