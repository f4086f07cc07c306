/*
 * tg_train.c - training the tagger: joint (XPOS, UPOS) classes and the word
 * lexicon from the treebank, perceptron epochs over a deterministically
 * shuffled corpus, epoch choice on dev, and writing the model file
 * (with the lemmatizer's chunks, see src/lexicon/lemma.h).
 */
#include "tg_int.h"
#include "../core/alloc.h"
#include "../core/error.h"
#include "../io/conllu.h"
#include "../lexicon/lemma.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Settings measured on EWT dev (docs/tagger.md has the numbers). */
#define LEX_MIN 1           /* occurrences a form needs to get an ambiguity class */
#define FIX_MIN 20          /* ... and to go in the tag dictionary (skips the classifier) */
#define FIX_SHARE 0.995     /* ... when its top class has at least this share */
#define AMB_SHARE 0.0       /* classes below this share of a form stay out of its class set */
#define FEAT_MIN 2          /* features seen fewer times (gold history) are not learnt */

void tg_train_opts_init(tg_train_opts *o) {
    memset(o, 0, sizeof *o);
    o->max_epochs = 12;
    o->prune = 0.02f;
    o->seed = 20240111ULL;
    o->case_folds = 3;
}

/* Everything training holds; freed by trainer_free. */
typedef struct trainer {
    const tg_train_opts *o;
    cu_bank train, dev;
    int have_dev;
    const char **tforms, **dforms;  /* form of every word of each bank */
    int *tgold, *dgold;             /* class of every word, -1 if unknown */
    uint32_t *ttype;                /* type id of every training word */
    uint64_t *tamb;                 /* leave-one-out ambiguity class of every training word */
    uint64_t *fkeys;                /* feature counts (gold history): open addressing */
    uint32_t *fcount;
    size_t fcap, fn;
    uint32_t fmin;                  /* features seen fewer times are not learnt */
    size_t ntsent;                  /* training sentences used */
    tg_model m;                     /* classes, lexicon, weights being trained */
    uint32_t *counts;               /* [ntypes * C] form x class counts */
    tg_model types;                 /* form -> type id (in .fixed) */
    size_t ntypes, typecap, countcap;
    const char **typeform;
} trainer;

/* Frees what only training needs (counts, training weights, labels),
 * keeping the classes and the lexicon that tagging and writing use. */
static void trainer_shed(trainer *t) {
    tac_free((void *)t->tforms);
    tac_free((void *)t->dforms);
    tac_free(t->tgold);
    tac_free(t->dgold);
    tac_free(t->counts);
    tac_free(t->ttype);
    tac_free(t->tamb);
    tac_free(t->fkeys);
    tac_free(t->fcount);
    lp_free(&t->m.w);
    t->tforms = t->dforms = NULL;
    t->tgold = t->dgold = NULL;
    t->counts = NULL;
    t->ttype = NULL;
    t->tamb = NULL;
    t->fkeys = NULL;
    t->fcount = NULL;
    t->fcap = t->fn = 0;
    t->countcap = 0;
}

static void trainer_free(trainer *t) {
    cu_free(&t->train);
    if (t->have_dev) cu_free(&t->dev);
    trainer_shed(t);
    tac_free(t->types.lex);
    tac_free((void *)t->typeform);
    tac_free((void *)t->m.xpos);
    tac_free((void *)t->m.upos);
    tac_free(t->m.proper);
    tac_free(t->m.lex);
}

/* ---- classes -------------------------------------------------------------- */

typedef struct cls_count { const char *x, *u; size_t n; } cls_count;

static int cls_cmp(const void *a, const void *b) {
    const cls_count *p = a, *q = b;
    if (p->n != q->n) return p->n > q->n ? -1 : 1;
    int c = strcmp(p->x, q->x);
    return c ? c : strcmp(p->u, q->u);
}

static int class_of(const tg_model *m, const char *x, const char *u) {
    for (uint32_t c = 0; c < m->nclasses; c++)
        if (!strcmp(m->xpos[c], x) && !strcmp(m->upos[c], u)) return (int)c;
    return -1;
}

/* Collects the joint classes of the training words, most frequent first. */
static tac_status make_classes(trainer *t, tac_error *err) {
    cls_count *cc = NULL;
    size_t ncc = 0, cap = 0;
    const cu_bank *b = &t->train;
    size_t nw = t->ntsent ? b->sents[t->ntsent - 1].word0 + b->sents[t->ntsent - 1].nwords : 0;
    for (size_t i = 0; i < nw; i++) {
        const cu_word *w = &b->words[i];
        size_t k = 0;
        while (k < ncc && (strcmp(cc[k].x, w->xpos) || strcmp(cc[k].u, w->upos))) k++;
        if (k == ncc) {
            if (ncc >= 4096 || tac_grow((void **)&cc, &cap, ncc + 1, sizeof *cc)) {
                tac_free(cc);
                return err_set(err, TAC_ENOMEM, t->o->train_path, 0, -1, "too many tag classes or no memory");
            }
            cc[ncc++] = (cls_count){w->xpos, w->upos, 0};
        }
        cc[k].n++;
    }
    if (ncc < 2) { tac_free(cc); return err_set(err, TAC_EPARSE, t->o->train_path, 0, -1, "fewer than 2 tags"); }
    qsort(cc, ncc, sizeof *cc, cls_cmp);
    t->m.nclasses = (uint32_t)ncc;
    t->m.xpos = tac_calloc(ncc, sizeof *t->m.xpos);
    t->m.upos = tac_calloc(ncc, sizeof *t->m.upos);
    if (!t->m.xpos || !t->m.upos) { tac_free(cc); return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory"); }
    for (size_t k = 0; k < ncc; k++) { t->m.xpos[k] = cc[k].x; t->m.upos[k] = cc[k].u; }
    tac_free(cc);
    return TAC_OK;
}

/* forms[] and gold[] for the first nw words of b. */
static tac_status label_words(trainer *t, const cu_bank *b, size_t nw, const char ***forms, int **gold) {
    *forms = tac_malloc((nw ? nw : 1) * sizeof **forms);
    *gold = tac_malloc((nw ? nw : 1) * sizeof **gold);
    if (!*forms || !*gold) return TAC_ENOMEM;
    int last = -1;
    for (size_t i = 0; i < nw; i++) {
        const cu_word *w = &b->words[i];
        (*forms)[i] = w->form;
        /* runs of the same class are common: try the last one first */
        if (last >= 0 && !strcmp(t->m.xpos[last], w->xpos) && !strcmp(t->m.upos[last], w->upos))
            (*gold)[i] = last;
        else
            (*gold)[i] = last = class_of(&t->m, w->xpos, w->upos);
    }
    return TAC_OK;
}

/* ---- lexicon -------------------------------------------------------------- */

static uint64_t amb_hash(const uint32_t *cnt, uint32_t C, uint32_t total) {
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (uint32_t c = 0; c < C; c++)
        if (cnt[c] && (double)cnt[c] >= AMB_SHARE * total) h = lp_hash_more(h, &c, sizeof c);
    return h;
}

/* Counts form x class over the training words and fills m's lexicon. */
static tac_status make_lexicon(trainer *t, size_t nw, tac_error *err) {
    uint32_t C = t->m.nclasses;
    t->ttype = tac_malloc((nw ? nw : 1) * sizeof *t->ttype);
    t->tamb = tac_malloc((nw ? nw : 1) * sizeof *t->tamb);
    uint32_t *tmp = tac_malloc(C * sizeof *tmp);
    if (!t->ttype || !t->tamb || !tmp) { tac_free(tmp); return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory"); }
    for (size_t i = 0; i < nw; i++) {
        const char *w = t->tforms[i];
        size_t len = strlen(w);
        const tg_lex *e = tg_lex_find(&t->types, w, len);
        uint32_t id;
        if (e) {
            id = e->fixed;
        } else {
            if (tac_grow((void **)&t->typeform, &t->typecap, t->ntypes + 1, sizeof *t->typeform) ||
                tac_grow((void **)&t->counts, &t->countcap, (t->ntypes + 1) * C, sizeof *t->counts))
                return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
            id = (uint32_t)t->ntypes++;
            t->typeform[id] = w;
            memset(t->counts + (size_t)id * C, 0, C * sizeof *t->counts);
            if (tg_lex_add(&t->types, w, len, id, 0)) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
        }
        t->counts[(size_t)id * C + (uint32_t)t->tgold[i]]++;
        t->ttype[i] = id;
    }
    for (size_t id = 0; id < t->ntypes; id++) {
        const uint32_t *cnt = t->counts + id * C;
        uint32_t total = 0, best = 0;
        for (uint32_t c = 0; c < C; c++) { total += cnt[c]; if (cnt[c] > cnt[best]) best = c; }
        if (total < LEX_MIN) continue;
        uint32_t fixed = total >= FIX_MIN && (double)cnt[best] >= FIX_SHARE * total ? best : TG_NONE;
        const char *w = t->typeform[id];
        if (tg_lex_add(&t->m, w, strlen(w), fixed, amb_hash(cnt, C, total))) {
            tac_free(tmp);
            return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
        }
    }
    /* A training word's own occurrence must not vouch for its class: the
     * class set it sees is counted without it (leave one out), as an
     * unseen test word's would be. */
    for (size_t i = 0; i < nw; i++) {
        const uint32_t *cnt = t->counts + (size_t)t->ttype[i] * C;
        uint32_t total = 0;
        for (uint32_t c = 0; c < C; c++) { tmp[c] = cnt[c]; total += cnt[c]; }
        tmp[t->tgold[i]]--;
        total--;
        t->tamb[i] = total >= LEX_MIN ? amb_hash(tmp, C, total) : TG_AMB_UNKNOWN;
    }
    tac_free(tmp);
    return TAC_OK;
}

/* ---- training ------------------------------------------------------------- */

static uint64_t splitmix(uint64_t *s) {
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void shuffle(size_t *ord, size_t n, uint64_t *seed) {
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(splitmix(seed) % i);
        size_t tmp = ord[i - 1]; ord[i - 1] = ord[j]; ord[j] = tmp;
    }
}

/* ---- feature counts ------------------------------------------------------- */

static size_t fslot(const trainer *t, uint64_t key) {
    size_t mask = t->fcap - 1, i = (size_t)key & mask;
    while (t->fkeys[i] && t->fkeys[i] != key) i = (i + 1) & mask;
    return i;
}

static int fcount_add(trainer *t, uint64_t key) {
    if ((t->fn + 1) * 2 > t->fcap) {
        size_t ncap = t->fcap ? t->fcap * 2 : 1 << 16;
        uint64_t *k = tac_calloc(ncap, sizeof *k);
        uint32_t *c = tac_calloc(ncap, sizeof *c);
        if (!k || !c) { tac_free(k); tac_free(c); return -1; }
        for (size_t i = 0; i < t->fcap; i++) {
            if (!t->fkeys[i]) continue;
            size_t j = (size_t)t->fkeys[i] & (ncap - 1);
            while (k[j]) j = (j + 1) & (ncap - 1);
            k[j] = t->fkeys[i];
            c[j] = t->fcount[i];
        }
        tac_free(t->fkeys);
        tac_free(t->fcount);
        t->fkeys = k;
        t->fcount = c;
        t->fcap = ncap;
    }
    size_t i = fslot(t, key);
    if (!t->fkeys[i]) { t->fkeys[i] = key; t->fn++; }
    if (t->fcount[i] < UINT32_MAX) t->fcount[i]++;
    return 0;
}

/* Counts every feature of the training words with the gold history, so
 * that features seen once (mostly memorised noise) can be left out. */
static int count_features(trainer *t, tg_tok **toks, size_t *tcap) {
    uint64_t f[TG_MAXF];
    for (size_t s = 0; s < t->ntsent; s++) {
        const cu_sent *se = &t->train.sents[s];
        size_t n = se->nwords;
        if (tac_grow((void **)toks, tcap, n, sizeof **toks)) return -1;
        tg_prepare(&t->m, t->tforms + se->word0, n, *toks);
        for (size_t i = 0; i < n; i++) (*toks)[i].amb = t->tamb[se->word0 + i];
        const int *gold = t->tgold + se->word0;
        for (size_t i = 0; i < n; i++) {
            size_t nf = tg_features(*toks, n, i, i ? gold[i - 1] : -1, i > 1 ? gold[i - 2] : -1, f);
            for (size_t k = 0; k < nf; k++)
                if (fcount_add(t, f[k])) return -1;
        }
    }
    return 0;
}

/* Drops features counted fewer than fmin times; returns the new count. */
static size_t filter_features(const trainer *t, uint64_t *f, size_t nf) {
    if (t->fmin <= 1 || !t->fcap) return nf;
    size_t j = 0;
    for (size_t k = 0; k < nf; k++) {
        size_t i = fslot(t, f[k]);
        if (t->fkeys[i] && t->fcount[i] >= t->fmin) f[j++] = f[k];
    }
    return j;
}

/* Passive-aggressive (PA) step: when the gold class does not beat the
 * best wrong class g by a margin of 1, move weights by just enough to
 * (loss / (2 nf), the squared norm of the feature difference being 2 nf).
 * Measured on EWT dev it beats the fixed perceptron step by ~0.2 points.
 * Returns 0 or -1 (no memory). */
static int pa_update(lp_model *w, const uint64_t *f, size_t nf, const float *sc, int gold) {
    int g = gold == 0 ? 1 : 0;
    for (uint32_t k = 0; k < w->nclasses; k++)
        if ((int)k != gold && sc[k] > sc[g]) g = (int)k;
    float loss = 1.0f + sc[g] - sc[gold];
    if (loss <= 0 || nf == 0) return 0;
    return lp_update(w, f, nf, gold, g, loss / (2.0f * (float)nf));
}

/* One pass over the training sentences in order ord. Returns -1 on no
 * memory, else fills *acc with the training accuracy. */
static int epoch(trainer *t, const size_t *ord, tg_tok **toks, size_t *tcap, double *acc) {
    uint64_t f[TG_MAXF];
    float sc[4096];
    size_t right = 0, total = 0;
    for (size_t s = 0; s < t->ntsent; s++) {
        const cu_sent *se = &t->train.sents[ord[s]];
        size_t n = se->nwords;
        if (tac_grow((void **)toks, tcap, n, sizeof **toks)) return -1;
        const char *const *words = t->tforms + se->word0;
        const int *gold = t->tgold + se->word0;
        tg_prepare(&t->m, words, n, *toks);
        for (size_t i = 0; i < n; i++) (*toks)[i].amb = t->tamb[se->word0 + i];
        int p1 = -1, p2 = -1;
        for (size_t i = 0; i < n; i++) {
            int c;
            if ((*toks)[i].fixed != TG_NONE) {
                c = (int)(*toks)[i].fixed;
            } else {
                size_t nf = tg_features(*toks, n, i, p1, p2, f);
                nf = filter_features(t, f, nf);
                lp_score(&t->m.w, f, nf, sc);
                c = 0;
                for (uint32_t k = 1; k < t->m.nclasses; k++)
                    if (sc[k] > sc[c]) c = (int)k;
                if (pa_update(&t->m.w, f, nf, sc, gold[i])) return -1;
                lp_tick(&t->m.w);
            }
            right += c == gold[i];
            total++;
            p2 = p1;
            p1 = c;
        }
    }
    *acc = total ? (double)right / (double)total : 0;
    return 0;
}

/* dst = averaged copy of the training weights src (no training state). */
static int avg_copy(const lp_model *src, lp_model *dst) {
    memset(dst, 0, sizeof *dst);
    size_t C = src->nclasses, nw = src->nrows * C;
    dst->nclasses = src->nclasses;
    dst->tcap = src->tcap;
    dst->nrows = dst->rowcap = src->nrows;
    dst->keys = tac_malloc(src->tcap * sizeof *dst->keys);
    dst->rows = tac_malloc(src->tcap * sizeof *dst->rows);
    dst->w = tac_malloc((nw ? nw : 1) * sizeof *dst->w);
    if (!dst->keys || !dst->rows || !dst->w) { lp_free(dst); return -1; }
    memcpy(dst->keys, src->keys, src->tcap * sizeof *dst->keys);
    memcpy(dst->rows, src->rows, src->tcap * sizeof *dst->rows);
    for (size_t i = 0; i < nw; i++) {
        float total = src->acc[i] + (float)(src->tick - src->stamp[i]) * src->w[i];
        dst->w[i] = src->tick ? total / (float)src->tick : src->w[i];
    }
    return 0;
}

/* Joint-class accuracy of model m (weights w) on the dev bank; -1 on no memory. */
static double dev_accuracy(trainer *t, const lp_model *w) {
    tg_model ev = t->m;
    ev.w = *w;
    size_t right = 0, total = 0;
    int *cls = NULL;
    size_t cap = 0;
    for (size_t s = 0; s < t->dev.nsents; s++) {
        const cu_sent *se = &t->dev.sents[s];
        if (tac_grow((void **)&cls, &cap, se->nwords + 1, sizeof *cls) ||
            tg_tag_ids(&ev, t->dforms + se->word0, se->nwords, cls, NULL)) {
            tac_free(cls);
            return -1;
        }
        for (size_t i = 0; i < se->nwords; i++) right += cls[i] == t->dgold[se->word0 + i];
        total += se->nwords;
    }
    tac_free(cls);
    return total ? (double)right / (double)total : 0;
}

/* Runs the epochs; leaves the chosen averaged weights in *best. */
static tac_status run_epochs(trainer *t, lp_model *best, tg_train_info *info, tac_error *err) {
    const tg_train_opts *o = t->o;
    size_t *ord = tac_malloc((t->ntsent ? t->ntsent : 1) * sizeof *ord);
    tg_tok *toks = NULL;
    size_t tcap = 0;
    if (!ord) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    for (size_t i = 0; i < t->ntsent; i++) ord[i] = i;
    t->fmin = FEAT_MIN;
    if (t->fmin > 1 && count_features(t, &toks, &tcap)) {
        tac_free(ord);
        tac_free(toks);
        return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    }
    uint64_t seed = o->seed;
    int n = o->epochs > 0 ? o->epochs : (o->max_epochs > 0 ? o->max_epochs : 12);
    double best_acc = -2;
    int best_ep = 0;
    tac_status st = TAC_OK;
    memset(best, 0, sizeof *best);
    for (int ep = 1; ep <= n; ep++) {
        double tacc, dacc = -1;
        shuffle(ord, t->ntsent, &seed);
        lp_model snap;
        if (epoch(t, ord, &toks, &tcap, &tacc) || avg_copy(&t->m.w, &snap)) {
            st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory while training");
            break;
        }
        if (t->have_dev) dacc = dev_accuracy(t, &snap);
        if (o->progress) o->progress(o->ctx, ep, tacc, dacc);
        /* with a fixed epoch count keep the last; otherwise the best on dev */
        if (o->epochs > 0 || !t->have_dev || dacc > best_acc) {
            lp_free(best);
            *best = snap;
            best_acc = dacc;
            best_ep = ep;
        } else {
            lp_free(&snap);
        }
        if (o->epochs <= 0 && t->have_dev && ep - best_ep >= 3) break;
    }
    tac_free(ord);
    tac_free(toks);
    if (info) { info->epochs = best_ep; info->dev_acc = t->have_dev ? best_acc : -1; }
    return st;
}

/* ---- writing -------------------------------------------------------------- */

static int write_header(const tg_model *m, FILE *f) {
    if (mf_put_u32(f, TG_FORMAT) || mf_put_u32(f, TG_FEATURES) || mf_put_u32(f, m->nclasses))
        return -1;
    for (uint32_t c = 0; c < m->nclasses; c++)
        if (mf_put_str(f, m->xpos[c], strlen(m->xpos[c])) || mf_put_str(f, m->upos[c], strlen(m->upos[c])))
            return -1;
    return 0;
}

/* Lexicon entries in type order (first occurrence in the treebank), so the
 * file does not depend on hash-table layout. */
static int write_lexicon(const trainer *t, FILE *f) {
    if (mf_put_u32(f, (uint32_t)t->m.nlex)) return -1;
    for (size_t id = 0; id < t->ntypes; id++) {
        const char *w = t->typeform[id];
        const tg_lex *e = tg_lex_find(&t->m, w, strlen(w));
        if (!e) continue;
        if (mf_put_str(f, e->w, e->len) || mf_put_u32(f, e->fixed) || mf_put_u64(f, e->amb)) return -1;
    }
    return 0;
}

static tac_status put_chunk(mf_out *mf, const char *tag, int (*fn)(const void *, FILE *), const void *arg,
                            tac_error *err) {
    FILE *f = mf_chunk_begin(mf, tag);
    if (f && fn(arg, f)) {
        mf_chunk_end(mf, err);
        return err_set(err, TAC_EIO, NULL, 0, -1, "cannot write chunk %s", tag);
    }
    return mf_chunk_end(mf, err);
}

static int put_header(const void *a, FILE *f) { return write_header(a, f); }
static int put_lexicon(const void *a, FILE *f) { return write_lexicon(a, f); }
static int put_weights(const void *a, FILE *f) { return lp_write(a, f); }

static tac_status write_model(trainer *t, const lp_model *w, const lm_model *lm, tac_error *err) {
    mf_out *mf;
    tac_status st = mf_create(t->o->out_path, "tagger", &mf, err);
    if (st) return st;
    st = put_chunk(mf, "TGHD", put_header, &t->m, err);
    if (!st) st = put_chunk(mf, "TGDI", put_lexicon, t, err);
    if (!st) st = put_chunk(mf, "TGWT", put_weights, w, err);
    if (!st && lm) st = lm_write(lm, mf, err);
    if (st) { mf_abort(mf); return st; }
    return mf_close(mf, err);
}

/* ---- fitting -------------------------------------------------------------- */

/* Trains on the first t->ntsent sentences of t->train (t->train, t->dev and
 * t->o set): classes, lexicon, epochs; the averaged, pruned weights go to
 * *best (the caller's, lp_free). */
static tac_status fit(trainer *t, lp_model *best, tg_train_info *info, tac_error *err) {
    size_t nw = t->ntsent ? t->train.sents[t->ntsent - 1].word0 + t->train.sents[t->ntsent - 1].nwords : 0;
    tac_status st = make_classes(t, err);
    if (st) return st;
    if (label_words(t, &t->train, nw, &t->tforms, &t->tgold) ||
        (t->have_dev && label_words(t, &t->dev, t->dev.nwords, &t->dforms, &t->dgold)) ||
        lp_init(&t->m.w, t->m.nclasses))
        return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    st = make_lexicon(t, nw, err);
    if (!st) st = run_epochs(t, best, info, err);
    if (!st && lp_average(best, t->o->prune)) st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    /* rows with over C/8 nonzero classes are scored faster as dense rows
     * (C/4 vector adds); stored by size alone, tagging was ~20% slower */
    best->dense_min = t->m.nclasses / 8 + 1;
    return st;
}

/* ---- the lemmas' case decision ---------------------------------------------- */

/* The sentences [0, nsent) of b whose document is (fold_in) or is not in
 * fold f of k (documents dealt out in turn, so that a held-out name was
 * not seen in its own document) as a bank of its own: sentence and word
 * records are copied, strings still point into b. */
static int fold_bank(const cu_bank *b, size_t nsent, int k, int f, int fold_in, cu_bank *out) {
    memset(out, 0, sizeof *out);
    int doc = 0;
    size_t ns = 0, nw = 0;
    for (int pass = 0; pass < 2; pass++) {
        doc = 0;
        for (size_t i = 0; i < nsent; i++) {
            const cu_sent *se = &b->sents[i];
            if (se->newdoc && i) doc++;
            if ((doc % k == f) != fold_in) continue;
            if (pass == 1) {
                cu_sent c = *se;
                c.word0 = out->nwords;
                c.tok0 = c.ntoks = 0;
                out->sents[out->nsents++] = c;
                memcpy(out->words + out->nwords, b->words + se->word0, se->nwords * sizeof *out->words);
                out->nwords += se->nwords;
            } else {
                ns++;
                nw += se->nwords;
            }
        }
        if (pass == 0) {
            out->sents = tac_malloc((ns ? ns : 1) * sizeof *out->sents);
            out->words = tac_malloc((nw ? nw : 1) * sizeof *out->words);
            if (!out->sents || !out->words) { cu_free(out); return -1; }
            out->capsents = ns ? ns : 1;
            out->capwords = nw ? nw : 1;
        }
    }
    return 0;
}

/* Tags the sentences of held with tagger m (weights w) and adds their case
 * examples, lemmatized by lm, to d. 0 or -1 (no memory). */
static int collect_case(const tg_model *m, const lp_model *w, const lm_model *lm, const cu_bank *held,
                        lm_case_data *d) {
    tg_model ev = *m;
    ev.w = *w;
    ev.proper = NULL;
    const char **words = NULL, **up = NULL, **xp = NULL, **gold = NULL;
    int *cls = NULL;
    lm_alt *alt = NULL;
    size_t cap = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0;
    int rc = tg_mark_proper(&ev);
    for (size_t s = 0; !rc && s < held->nsents; s++) {
        const cu_sent *se = &held->sents[s];
        size_t n = se->nwords;
        if (tac_grow((void **)&words, &cap, n + 1, sizeof *words) ||
            tac_grow((void **)&up, &c2, n + 1, sizeof *up) || tac_grow((void **)&xp, &c3, n + 1, sizeof *xp) ||
            tac_grow((void **)&gold, &c4, n + 1, sizeof *gold) || tac_grow((void **)&cls, &c5, n + 1, sizeof *cls) ||
            tac_grow((void **)&alt, &c6, n + 1, sizeof *alt)) {
            rc = -1;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            words[i] = held->words[se->word0 + i].form;
            gold[i] = held->words[se->word0 + i].lemma;
        }
        if ((rc = tg_tag_ids(&ev, words, n, cls, alt)) != 0) break;
        for (size_t i = 0; i < n; i++) { up[i] = ev.upos[cls[i]]; xp[i] = ev.xpos[cls[i]]; }
        lm_sent ls = {words, up, xp, n, alt};
        rc = lm_case_collect(d, lm, &ls, gold);
    }
    tac_free(ev.proper);
    tac_free((void *)words); tac_free((void *)up); tac_free((void *)xp); tac_free((void *)gold);
    tac_free(cls);
    tac_free(alt);
    return rc;
}

/* Learns the lemmas' case decision into lm (docs/tagger.md, "Case
 * decision"): o->case_folds taggers, each trained like the final one for
 * epochs epochs but without one fold of the documents, tag that fold; the
 * capitalized words where the tagger's choice and its runner-up give
 * different lemmas are the examples. *examples gets their number. */
static tac_status learn_case(const tg_train_opts *o, const cu_bank *b, size_t nsent, int epochs,
                             lm_model *lm, size_t *examples, tac_error *err) {
    int k = o->case_folds;
    *examples = 0;
    if (k < 2 || nsent < (size_t)k) return TAC_OK;
    lm_case_data *d = lm_case_data_new();
    if (!d) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    tg_train_opts fo = *o;
    fo.epochs = epochs > 0 ? epochs : 1;
    fo.dev_path = NULL;
    fo.progress = NULL;
    fo.case_folds = 0;
    tac_status st = TAC_OK;
    for (int f = 0; f < k && !st; f++) {
        trainer t;
        memset(&t, 0, sizeof t);
        t.o = &fo;
        cu_bank held;
        lp_model w;
        memset(&w, 0, sizeof w);
        lm_model *flm = NULL;
        if (fold_bank(b, nsent, k, f, 0, &t.train) || fold_bank(b, nsent, k, f, 1, &held)) {
            trainer_free(&t);
            st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
            break;
        }
        t.ntsent = t.train.nsents;
        if (t.ntsent && held.nsents) {
            st = fit(&t, &w, NULL, err);
            trainer_shed(&t);
            if (!st) st = lm_build(&t.train, t.ntsent, o->lexicon_dir, &flm, err);
            if (!st && collect_case(&t.m, &w, flm, &held, d))
                st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
        }
        lm_free(flm);
        lp_free(&w);
        cu_free(&held);
        trainer_free(&t);
    }
    if (!st) {
        *examples = lm_case_data_count(d);
        st = lm_case_learn(lm, d, o->seed, err);
    }
    lm_case_data_free(d);
    return st;
}

/* ---- entry point ---------------------------------------------------------- */

tac_status tg_train(const tg_train_opts *o, tg_train_info *info, tac_error *err) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!o->train_path || !o->out_path)
        return err_set(err, TAC_EINVAL, NULL, 0, -1, "training needs a treebank and an output path");
    trainer t;
    memset(&t, 0, sizeof t);
    t.o = o;
    lp_model best;
    memset(&best, 0, sizeof best);
    lm_model *lm = NULL;
    tg_train_info own;
    if (!info) info = &own;
    memset(info, 0, sizeof *info);
    tac_status st = cu_load(o->train_path, &t.train, err);
    if (st) return st;
    t.ntsent = o->max_sents && o->max_sents < t.train.nsents ? o->max_sents : t.train.nsents;
    if (o->dev_path) {
        st = cu_load(o->dev_path, &t.dev, err);
        if (st) goto done;
        t.have_dev = 1;
    }
    st = fit(&t, &best, info, err);
    trainer_shed(&t);       /* before the fold taggers: peak memory stays one trainer's */
    if (!st) st = lm_build(&t.train, t.ntsent, o->lexicon_dir, &lm, err);
    if (!st) st = learn_case(o, &t.train, t.ntsent, info->epochs, lm, &info->case_examples, err);
    if (!st) st = write_model(&t, &best, lm, err);
    if (!st) info->nfeatures = best.nrows;
done:
    lm_free(lm);
    lp_free(&best);
    trainer_free(&t);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    info->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return st;
}
