/*
 * dp_train.c - training the parser: averaged perceptron over the arc-hybrid
 * transitions with the dynamic oracle and error exploration (Goldberg & Nivre
 * 2012/2013), a separate label classifier, deterministic shuffling, optional
 * tag noise, the epoch with the best dev LAS kept, and several such runs
 * (parallel threads, different seeds) averaged into the model shipped.
 */
#include "dp_int.h"
#include "../core/alloc.h"
#include "../core/error.h"
#include "../io/conllu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void dp_train_opts_init(dp_train_opts *o) {
    memset(o, 0, sizeof *o);
    o->epochs = 15;
    o->patience = 3;
    o->runs = 1;            /* 2: +0.1 UAS on dev, within noise (docs/parser.md) */
    o->threads = 2;
    o->explore_from = 2;
    o->explore_p = 0.9;
    o->tag_noise = 0.0;
    o->seed = 0x5EED5EEDULL;
    o->prune = 1.5f;        /* 15 MB instead of 50 MB, same test LAS, 20% faster */
}

/* ---- corpus ------------------------------------------------------------- */

void dp_corpus_free(dp_corpus *c) {
    tac_free(c->sents);
    tac_free(c->words);
    tac_free(c->upos);
    tac_free(c->xpos);
    tac_free(c->deprels);
    tac_free(c->heads);
    memset(c, 0, sizeof *c);
}

tac_status dp_corpus_from_bank(const cu_bank *b, dp_corpus *c, tac_error *err) {
    memset(c, 0, sizeof *c);
    size_t nw = b->nwords ? b->nwords : 1, ns = b->nsents ? b->nsents : 1;
    c->sents = tac_calloc(ns, sizeof *c->sents);
    c->words = tac_calloc(nw, sizeof *c->words);
    c->upos = tac_calloc(nw, sizeof *c->upos);
    c->xpos = tac_calloc(nw, sizeof *c->xpos);
    c->deprels = tac_calloc(nw, sizeof *c->deprels);
    c->heads = tac_calloc(nw, sizeof *c->heads);
    if (!c->sents || !c->words || !c->upos || !c->xpos || !c->deprels || !c->heads) {
        dp_corpus_free(c);
        return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    }
    for (size_t i = 0; i < b->nwords; i++) {
        const cu_word *w = &b->words[i];
        c->words[i] = w->form;
        c->upos[i] = w->upos;
        c->xpos[i] = w->xpos;
        c->deprels[i] = w->deprel;
        c->heads[i] = w->head;
    }
    for (size_t s = 0; s < b->nsents; s++) {
        size_t o = b->sents[s].word0;
        dp_sent *x = &c->sents[s];
        x->n = b->sents[s].nwords;
        x->words = c->words + o;
        x->upos = c->upos + o;
        x->xpos = c->xpos + o;
        x->deprels = c->deprels + o;
        x->heads = c->heads + o;
    }
    c->nsents = b->nsents;
    c->nwords = b->nwords;
    return TAC_OK;
}

/* ---- helpers ------------------------------------------------------------- */

static uint64_t rng_next(uint64_t *s) {     /* splitmix64 */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double rng_unit(uint64_t *s) { return (double)(rng_next(s) >> 11) / 9007199254740992.0; }

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int label_index(const dp_model *m, const char *s) {
    const char **p = bsearch(&s, (const char **)m->labels, m->nlabels, sizeof *m->labels, cmp_str);
    return p ? (int)(p - (const char **)m->labels) : -1;
}

/* Collects the sorted set of deprels of the training data (plus "root"). */
static tac_status build_labels(dp_model *m, const dp_sent *tr, size_t n) {
    size_t cap = 64, k = 0, bytes = 5;
    const char **all = tac_malloc(cap * sizeof *all);
    if (!all) return TAC_ENOMEM;
    all[k++] = "root";
    for (size_t s = 0; s < n; s++)
        for (size_t i = 0; i < tr[s].n; i++) {
            const char *l = tr[s].deprels[i];
            size_t j = 0;
            while (j < k && strcmp(all[j], l)) j++;
            if (j < k) continue;
            if (k == 4095 || (k == cap && tac_grow((void **)&all, &cap, k + 1, sizeof *all))) {
                tac_free(all);
                return k == 4095 ? TAC_ELIMIT : TAC_ENOMEM;
            }
            all[k++] = l;
            bytes += strlen(l) + 1;
        }
    qsort(all, k, sizeof *all, cmp_str);
    m->labels = tac_calloc(k, sizeof *m->labels);
    m->label_mem = tac_malloc(bytes);
    if (!m->labels || !m->label_mem) { tac_free(all); return TAC_ENOMEM; }
    char *q = m->label_mem;
    for (size_t i = 0; i < k; i++) {
        size_t l = strlen(all[i]) + 1;
        memcpy(q, all[i], l);
        m->labels[i] = q;
        q += l;
    }
    m->nlabels = (uint32_t)k;
    m->root_label = (uint32_t)label_index(m, "root");
    tac_free(all);
    return TAC_OK;
}

typedef struct word_tag { uint64_t w, t; } word_tag;

static int cmp_wt(const void *a, const void *b) {
    const word_tag *x = a, *y = b;
    if (x->w != y->w) return x->w < y->w ? -1 : 1;
    return x->t < y->t ? -1 : x->t > y->t;
}

/* Ambiguity classes from the training data: for every word seen twice or
 * more, the set of XPOS tags it had at least 5% of the time. Words seen once
 * get none, as unknown words will at parse time. */
static tac_status build_ac(dp_model *m, const dp_sent *tr, size_t n, size_t nw) {
    word_tag *a = tac_malloc((nw ? nw : 1) * sizeof *a);
    if (!a) return TAC_ENOMEM;
    size_t k = 0;
    for (size_t s = 0; s < n; s++)
        for (size_t i = 0; i < tr[s].n; i++, k++) {
            const char *x = tr[s].xpos && tr[s].xpos[i] ? tr[s].xpos[i] : "_";
            a[k].w = dp_word_atom(tr[s].words[i]);
            a[k].t = lp_hash(5, x, strlen(x));
        }
    qsort(a, k, sizeof *a, cmp_wt);
    size_t words = 0;
    for (size_t i = 0, j; i < k; i = j) {
        for (j = i; j < k && a[j].w == a[i].w; j++) {}
        words += j - i >= 2;
    }
    if (dp_ac_alloc(m, words)) { tac_free(a); return TAC_ENOMEM; }
    for (size_t i = 0, j; i < k; i = j) {
        for (j = i; j < k && a[j].w == a[i].w; j++) {}
        size_t total = j - i;
        if (total < 2) continue;
        uint64_t cls = 0x243F6A8885A308D3ULL;
        for (size_t p = i, q; p < j; p = q) {
            for (q = p; q < j && a[q].t == a[p].t; q++) {}
            if ((q - p) * 20 >= total) cls = lp_hash_more(cls, &a[p].t, sizeof a[p].t);
        }
        dp_ac_put(m, a[i].w, cls);
    }
    tac_free(a);
    return TAC_OK;
}

/* Deep copy of a training-time perceptron (to average it without stopping
 * training). Returns 0 or -1. */
static int lp_copy(lp_model *dst, const lp_model *src) {
    memset(dst, 0, sizeof *dst);
    size_t C = src->nclasses, nr = src->nrows ? src->nrows : 1;
    dst->nclasses = src->nclasses;
    dst->tcap = src->tcap;
    dst->nrows = src->nrows;
    dst->rowcap = nr;
    dst->tick = src->tick;
    dst->keys = tac_malloc(src->tcap * sizeof *dst->keys);
    dst->rows = tac_malloc(src->tcap * sizeof *dst->rows);
    dst->w = tac_malloc(nr * C * sizeof *dst->w);
    dst->acc = tac_malloc(nr * C * sizeof *dst->acc);
    dst->stamp = tac_malloc(nr * C * sizeof *dst->stamp);
    if (!dst->keys || !dst->rows || !dst->w || !dst->acc || !dst->stamp) { lp_free(dst); return -1; }
    memcpy(dst->keys, src->keys, src->tcap * sizeof *dst->keys);
    memcpy(dst->rows, src->rows, src->tcap * sizeof *dst->rows);
    memcpy(dst->w, src->w, src->nrows * C * sizeof *dst->w);
    memcpy(dst->acc, src->acc, src->nrows * C * sizeof *dst->acc);
    memcpy(dst->stamp, src->stamp, src->nrows * C * sizeof *dst->stamp);
    return 0;
}

/* ---- one sentence --------------------------------------------------------- */

typedef struct trainer {
    dp_model *m;                /* weights being trained (labels shared) */
    const dp_train_opts *o;
    dp_state st;
    int *gh, *gl;               /* gold heads (root = n+1) and label ids, [n+2] */
    size_t cap;
    uint64_t rng;
    int explore;
    const char **xp, **up;      /* noised tags */
} trainer;

/* Label of the arc hd -> dep: trains the label classifier when the head is
 * right and returns its (possibly wrong) prediction. */
static int train_label(trainer *t, int hd, int dep) {
    dp_model *m = t->m;
    if (hd == t->st.root) return (int)m->root_label;
    uint64_t f[DP_MAX_LFEATS];
    float sc[4096];
    size_t nf = dp_lab_feats(&t->st, hd, dep, f);
    dp_score(&m->lab, f, nf, sc);
    int best = -1;
    for (uint32_t c = 0; c < m->nlabels; c++)
        if (c != m->root_label && (best < 0 || sc[c] > sc[best])) best = (int)c;
    if (t->gh[dep] == hd) {
        int g = t->gl[dep];
        if (g != best && lp_update(&m->lab, f, nf, g, best, 1.0f)) return -1;
        lp_tick(&m->lab);
    }
    return best;
}

static int train_sent(trainer *t, const dp_sent *x) {
    int n = (int)x->n;
    dp_model *m = t->m;
    if (dp_state_alloc(&t->st, n)) return -1;
    if ((size_t)n + 2 > t->cap) {
        size_t c2 = t->cap;
        if (tac_grow((void **)&t->gh, &t->cap, (size_t)n + 2, sizeof(int))) return -1;
        if (tac_grow((void **)&t->gl, &c2, (size_t)n + 2, sizeof(int))) return -1;
    }
    dp_state *st = &t->st;
    for (int i = 1; i <= n; i++) {
        t->gh[i] = x->heads[i - 1] ? x->heads[i - 1] : n + 1;
        t->gl[i] = label_index(m, x->deprels[i - 1]);
        if (t->gl[i] < 0) t->gl[i] = 0;   /* cannot happen: labels come from this data */
    }
    dp_atoms(m, st->tok, n, x->words, x->upos, x->xpos);
    dp_state_reset(st);
    uint64_t f[DP_MAX_AFEATS];
    float sc[DP_NACT];
    int valid[DP_NACT], cost[DP_NACT];
    while (!dp_state_final(st)) {
        size_t nf = dp_act_feats(st, f);
        dp_score(&m->act, f, nf, sc);
        dp_valid(st, valid);
        dp_costs(st, t->gh, cost);
        int pred = -1, gold = -1, minc = 1 << 30;
        for (int c = 0; c < DP_NACT; c++)
            if (valid[c] && cost[c] < minc) minc = cost[c];
        for (int c = 0; c < DP_NACT; c++) {
            if (!valid[c]) continue;
            if (pred < 0 || sc[c] > sc[pred]) pred = c;
            if (cost[c] == minc && (gold < 0 || sc[c] > sc[gold])) gold = c;
        }
        if (cost[pred] > minc && lp_update(&m->act, f, nf, gold, pred, 1.0f)) return -1;
        lp_tick(&m->act);
        int a = gold;
        if (t->explore && cost[pred] > minc && rng_unit(&t->rng) < t->o->explore_p) a = pred;
        int label = 0;
        if (a != DP_SHIFT) {
            int dep = st->stack[st->sp - 1];
            int hd = a == DP_LEFT ? st->b : st->stack[st->sp - 2];
            if ((label = train_label(t, hd, dep)) < 0) return -1;
        }
        dp_apply(st, a, label, NULL);
    }
    return 0;
}

/* ---- tag noise -------------------------------------------------------------- */

/* Replaces each training tag with probability p by the tags of a random
 * training token (so replacements follow the tag distribution), fresh in
 * every epoch. A cheap stand-in for jack-knifing when no tagger is at hand:
 * it teaches the model not to trust tags blindly. */
static void noise_tags(const dp_sent *tr, size_t n, dp_sent *out, const char **xp,
                       const char **up, size_t nw, double p, uint64_t *rng) {
    size_t k = 0;
    for (size_t s = 0; s < n; s++) {
        out[s] = tr[s];
        out[s].xpos = xp + k;
        out[s].upos = up + k;
        for (size_t i = 0; i < tr[s].n; i++, k++) {
            xp[k] = tr[s].xpos[i];
            up[k] = tr[s].upos[i];
            if (rng_unit(rng) < p && nw) {
                /* a random token's tags: draws follow the tag distribution */
                size_t r = (size_t)(rng_next(rng) % n);
                if (tr[r].n) {
                    size_t j = (size_t)(rng_next(rng) % tr[r].n);
                    xp[k] = tr[r].xpos[j];
                    up[k] = tr[r].upos[j];
                }
            }
        }
    }
}

/* ---- training loop ------------------------------------------------------------ */

static void free_best(lp_model *a, lp_model *l) { lp_free(a); lp_free(l); }

static tac_status check_data(const dp_sent *tr, size_t n, size_t *nw, tac_error *err) {
    *nw = 0;
    for (size_t s = 0; s < n; s++) {
        if (tr[s].n > (1u << 20))
            return err_set(err, TAC_ELIMIT, NULL, (long long)s + 1, -1, "sentence too long");
        for (size_t i = 0; i < tr[s].n; i++)
            if (tr[s].heads[i] < 0 || (size_t)tr[s].heads[i] > tr[s].n || !tr[s].deprels[i] ||
                !tr[s].words[i])
                return err_set(err, TAC_EINVAL, NULL, (long long)s + 1, -1,
                               "training sentence %zu: bad head or missing field", s + 1);
        *nw += tr[s].n;
    }
    return n ? TAC_OK : err_set(err, TAC_EINVAL, NULL, 0, -1, "no training sentences");
}

/* One training run: its own weights, trainer and seed over the labels and
 * word classes of a shared model; runs are independent, so they may train
 * in parallel threads and still give the same bytes. */
typedef struct run {
    const dp_sent *train, *dev;
    size_t ntrain, ndev, nw;
    const dp_train_opts *o;
    const dp_model *shared;     /* labels and word classes (read-only) */
    int index;
    lp_model act, lab;          /* out: the best epoch's averaged weights, unpruned */
    tac_status status;
} run;

/* Trains r->index's model: epochs over shuffled data with the dynamic
 * oracle, each scored on dev, the best kept in r->act/r->lab. Sets
 * r->status (TAC_OK or TAC_ENOMEM). */
static void *run_main(void *arg) {
    run *r = arg;
    const dp_train_opts *o = r->o;
    dp_model m = *r->shared;    /* shallow: labels and classes are shared */
    memset(&m.act, 0, sizeof m.act);
    memset(&m.lab, 0, sizeof m.lab);
    m.frozen = NULL;    /* forget the shared model's tables: not this copy's to free */
    dp_unfreeze(&m);
    trainer t;
    memset(&t, 0, sizeof t);
    size_t *order = tac_malloc(r->ntrain * sizeof *order);
    dp_sent *noisy = tac_malloc(r->ntrain * sizeof *noisy);
    t.xp = tac_malloc((r->nw ? r->nw : 1) * sizeof *t.xp);
    t.up = tac_malloc((r->nw ? r->nw : 1) * sizeof *t.up);
    double best_las = -1;
    int since_best = 0;
    r->status = TAC_ENOMEM;
    if (!order || !noisy || !t.xp || !t.up || lp_init(&m.act, DP_NACT) ||
        lp_init(&m.lab, m.nlabels))
        goto done;
    t.m = &m;
    t.o = o;
    /* run 0 keeps the seed itself, so one run trains as before */
    t.rng = o->seed + 0x632BE59BD9B4E019ULL * (uint64_t)r->index;
    for (size_t i = 0; i < r->ntrain; i++) order[i] = i;
    for (int ep = 1; ep <= o->epochs; ep++) {
        clock_t t0 = clock();
        for (size_t i = r->ntrain; i > 1; i--) {
            size_t j = (size_t)(rng_next(&t.rng) % i), tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
        }
        const dp_sent *tr = r->train;
        if (o->tag_noise > 0) {
            noise_tags(r->train, r->ntrain, noisy, t.xp, t.up, r->nw, o->tag_noise, &t.rng);
            tr = noisy;
        }
        t.explore = ep >= o->explore_from;
        for (size_t i = 0; i < r->ntrain; i++)
            if (tr[order[i]].n && train_sent(&t, &tr[order[i]])) goto done;
        /* average a copy and score it on dev: pruned as it will be shipped when
         * alone, unpruned when runs are merged (pruning follows the merge) */
        dp_model avg = m;
        avg.frozen = NULL;  /* (m has none, but say so) */
        dp_unfreeze(&avg);
        if (lp_copy(&avg.act, &m.act)) goto done;
        double uas = 0, las = 0;
        float prune = o->runs > 1 ? 0 : o->prune;
        int bad = lp_copy(&avg.lab, &m.lab) || lp_average(&avg.act, prune) ||
                  lp_average(&avg.lab, prune) || dp_freeze(&avg) ||
                  (r->ndev && dp_evaluate(&avg, r->dev, r->ndev, &uas, &las));
        dp_unfreeze(&avg);
        if (bad) { free_best(&avg.act, &avg.lab); goto done; }
        if (o->progress)
            o->progress(o->ctx, r->index, ep, uas, las, (double)(clock() - t0) / CLOCKS_PER_SEC);
        if (!r->ndev || las > best_las) {
            free_best(&r->act, &r->lab);
            r->act = avg.act;
            r->lab = avg.lab;
            best_las = las;
            since_best = 0;
        } else {
            free_best(&avg.act, &avg.lab);
            if (++since_best >= o->patience) break;   /* dev LAS has stopped improving */
        }
    }
    r->status = TAC_OK;
done:
    if (r->status) free_best(&r->act, &r->lab);
    free_best(&m.act, &m.lab);
    dp_state_free(&t.st);
    tac_free(t.gh);
    tac_free(t.gl);
    tac_free(t.xp);
    tac_free(t.up);
    tac_free(order);
    tac_free(noisy);
    return NULL;
}

/* Runs rs[0..k), up to `threads` at a time; a thread that cannot be started
 * runs in this one (same result, only slower). */
static void run_all(run *rs, int k, int threads) {
    for (int i = 0; i < k; i += threads) {
        pthread_t th[DP_MAX_RUNS];
        int started[DP_MAX_RUNS] = {0};
        int end = i + threads < k ? i + threads : k;
        for (int j = i + 1; j < end; j++)
            started[j - i] = pthread_create(&th[j - i], NULL, run_main, &rs[j]) == 0;
        run_main(&rs[i]);
        for (int j = i + 1; j < end; j++) {
            if (started[j - i]) pthread_join(th[j - i], NULL);
            else run_main(&rs[j]);
        }
    }
}

tac_status dp_train(const dp_sent *train, size_t ntrain, const dp_sent *dev, size_t ndev,
                    const dp_train_opts *o, dp_model **out, tac_error *err) {
    *out = NULL;
    size_t nw;
    tac_status s = check_data(train, ntrain, &nw, err);
    if (s) return s;
    if (o->runs < 1 || o->runs > DP_MAX_RUNS || o->patience < 1)
        return err_set(err, TAC_EINVAL, NULL, 0, -1, "runs must be 1..%d, patience >= 1",
                       DP_MAX_RUNS);
    int k = o->runs, threads = o->threads < 1 ? 1 : o->threads > k ? k : o->threads;
    dp_model *m = tac_calloc(1, sizeof *m);
    run rs[DP_MAX_RUNS];
    memset(rs, 0, sizeof rs);
    s = TAC_ENOMEM;
    if (!m) goto done;
    if ((s = build_labels(m, train, ntrain)) || (s = build_ac(m, train, ntrain, nw))) goto done;
    for (int i = 0; i < k; i++) {
        rs[i] = (run){.train = train, .dev = dev, .ntrain = ntrain, .ndev = ndev, .nw = nw,
                      .o = o, .shared = m, .index = i};
    }
    run_all(rs, k, threads);
    for (int i = 0; i < k; i++)
        if ((s = rs[i].status)) goto done;
    s = TAC_ENOMEM;
    if (k == 1) {
        /* one run: its model as it is (already pruned) */
        m->act = rs[0].act;
        m->lab = rs[0].lab;
        memset(&rs[0].act, 0, sizeof rs[0].act);
        memset(&rs[0].lab, 0, sizeof rs[0].lab);
    } else {
        /* the runs' mean: an ensemble that scores as fast as one model */
        lp_model *acts[DP_MAX_RUNS], *labs[DP_MAX_RUNS];
        for (int i = 0; i < k; i++) {
            acts[i] = &rs[i].act;
            labs[i] = &rs[i].lab;
        }
        if (dp_mean(&m->act, acts, k) || dp_mean(&m->lab, labs, k) ||
            lp_average(&m->act, o->prune) || lp_average(&m->lab, o->prune))
            goto done;
    }
    if (dp_freeze(m)) goto done;
    *out = m;
    m = NULL;
    s = TAC_OK;
done:
    for (int i = 0; i < k; i++) free_best(&rs[i].act, &rs[i].lab);
    dp_free(m);
    if (s == TAC_ENOMEM) err_set(err, s, NULL, 0, -1, "out of memory while training the parser");
    else if (s == TAC_ELIMIT) err_set(err, s, NULL, 0, -1, "more than 4095 distinct deprels");
    return s;
}
