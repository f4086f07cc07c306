/*
 * dp_model.c - the trained parser: greedy decoding (dp_run/dp_parse),
 * evaluation, and the model file (kind "parser": chunks DPHD header, DPLB
 * labels, DPAC action weights, DPLL label weights; see docs/parser.md).
 */
#include "dp_int.h"
#include "../core/alloc.h"
#include "../core/error.h"
#include "../learn/modelfile.h"

#include <string.h>
#include <sys/mman.h>

void dp_score(const lp_model *m, const uint64_t *f, size_t nf, float *scores) {
    uint32_t C = m->nclasses;
    size_t mask = m->tcap - 1;
    const float *rowp[DP_MAX_AFEATS];
    size_t nr = 0;
    if (nf > DP_MAX_AFEATS) nf = DP_MAX_AFEATS; /* cannot happen: callers stay below */
    for (size_t k = 0; k < nf; k++) {
        __builtin_prefetch(&m->keys[f[k] & mask]);
        __builtin_prefetch(&m->rows[f[k] & mask]);
    }
    for (size_t k = 0; k < nf; k++) {
        size_t i = f[k] & mask;
        while (m->keys[i] && m->keys[i] != f[k]) i = (i + 1) & mask;
        if (!m->keys[i]) continue;
        rowp[nr] = m->w + (size_t)m->rows[i] * C;
        __builtin_prefetch(rowp[nr]);
        nr++;
    }
    memset(scores, 0, C * sizeof *scores);
    for (size_t j = 0; j < nr; j++) {
        const float *w = rowp[j];
        for (uint32_t c = 0; c < C; c++) scores[c] += w[c];
    }
}

static inline uint32_t fp_of(uint64_t key) { return (uint32_t)(key >> 32) | 1u; }

/* Load <= 1/2. Lower is faster (most features of a decision are absent, and
 * a miss probes until an empty slot: 1.6 slots at load 1/3, 2.5 at 1/2; a
 * model at load 0.23 parsed 1.25x faster than at 0.46), but the table is
 * the largest block of memory of the whole engine, which is near its
 * budget (docs/parser.md). */
static size_t table_cap(size_t rows) {
    size_t cap = 1024;
    while (cap < 2 * rows + 1) cap *= 2;
    return cap;
}

/* A zeroed table of n bytes on 2 MB boundaries, marked for transparent
 * huge pages: its probes are random, and with 4 KB pages most of them
 * would also miss the TLB. *mem receives the pointer to free. */
static void *huge_calloc(size_t n, void **mem) {
    enum { HUGE = 2u << 20 };
    *mem = NULL;
    if (n > SIZE_MAX - HUGE) return NULL;
    char *p = tac_malloc(n + HUGE);
    if (!p) return NULL;
    char *a = (char *)(((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
#ifdef MADV_HUGEPAGE
    if (n >= HUGE) madvise(a, n & ~(size_t)(HUGE - 1), MADV_HUGEPAGE); /* a hint: failure is fine */
#endif
    memset(a, 0, n);
    *mem = p;
    return a;
}

int dp_freeze(dp_model *m) {
    tac_free(m->fa_mem);
    tac_free(m->fl);
    m->fa = NULL;
    m->fa_mem = NULL;
    m->fl = NULL;
    size_t ca = table_cap(m->act.nrows), cl = table_cap(m->lab.nrows);
    m->fa = huge_calloc(ca * sizeof *m->fa, &m->fa_mem);
    m->fl = tac_calloc(cl, sizeof *m->fl);
    if (!m->fa || !m->fl) return -1;
    m->fa_mask = ca - 1;
    m->fl_mask = cl - 1;
    for (size_t i = 0; i < m->act.tcap; i++) {
        uint64_t key = m->act.keys[i];
        if (!key) continue;
        size_t j = key & m->fa_mask;
        while (m->fa[j].fp) j = (j + 1) & m->fa_mask;
        m->fa[j].fp = fp_of(key);
        memcpy(m->fa[j].w, m->act.w + (size_t)m->act.rows[i] * DP_NACT, sizeof m->fa[j].w);
    }
    for (size_t i = 0; i < m->lab.tcap; i++) {
        uint64_t key = m->lab.keys[i];
        if (!key) continue;
        size_t j = key & m->fl_mask;
        while (m->fl[j].fp) j = (j + 1) & m->fl_mask;
        m->fl[j].fp = fp_of(key);
        m->fl[j].row = m->lab.rows[i];
    }
    return 0;
}

/* Action scores from the frozen table: prefetch every slot, then probe. */
static void score_act(const dp_model *m, const uint64_t *f, size_t nf, float *sc) {
    size_t mask = m->fa_mask;
    const dp_fact *t = m->fa;
    for (size_t k = 0; k < nf; k++) __builtin_prefetch(&t[f[k] & mask]);
    float a = 0, b = 0, c = 0;
    for (size_t k = 0; k < nf; k++) {
        size_t i = f[k] & mask;
        uint32_t fp = fp_of(f[k]);
        while (t[i].fp && t[i].fp != fp) i = (i + 1) & mask;
        if (!t[i].fp) continue;
        a += t[i].w[0];
        b += t[i].w[1];
        c += t[i].w[2];
    }
    sc[0] = a;
    sc[1] = b;
    sc[2] = c;
}

static void score_lab(const dp_model *m, const uint64_t *f, size_t nf, float *sc) {
    size_t mask = m->fl_mask, C = m->nlabels, nr = 0;
    const dp_flab *t = m->fl;
    const float *rowp[DP_MAX_LFEATS];
    for (size_t k = 0; k < nf; k++) __builtin_prefetch(&t[f[k] & mask]);
    for (size_t k = 0; k < nf && nr < DP_MAX_LFEATS; k++) {
        size_t i = f[k] & mask;
        uint32_t fp = fp_of(f[k]);
        while (t[i].fp && t[i].fp != fp) i = (i + 1) & mask;
        if (!t[i].fp) continue;
        rowp[nr] = m->lab.w + (size_t)t[i].row * C;
        __builtin_prefetch(rowp[nr]);
        nr++;
    }
    memset(sc, 0, C * sizeof *sc);
    for (size_t j = 0; j < nr; j++)
        for (size_t c = 0; c < C; c++) sc[c] += rowp[j][c];
}

/* Best label for the arc hd -> dep; "root" only for arcs from ROOT. */
static int best_label(const dp_model *m, const dp_state *st, int hd, int dep) {
    if (hd == st->root) return (int)m->root_label;
    uint64_t f[DP_MAX_LFEATS];
    float sc[4096];
    size_t nf = dp_lab_feats(st, hd, dep, f);
    score_lab(m, f, nf, sc);
    int best = -1;
    for (uint32_t c = 0; c < m->nlabels; c++)
        if (c != m->root_label && (best < 0 || sc[c] > sc[best])) best = (int)c;
    return best < 0 ? 0 : best;
}

void dp_run(const dp_model *m, dp_state *st) {
    uint64_t f[DP_MAX_AFEATS];
    float sc[DP_NACT];
    int valid[DP_NACT];
    dp_state_reset(st);
    while (!dp_state_final(st)) {
        size_t nf = dp_act_feats(st, f);
        score_act(m, f, nf, sc);
        dp_valid(st, valid);
        int a = -1;
        for (int c = 0; c < DP_NACT; c++)
            if (valid[c] && (a < 0 || sc[c] > sc[a])) a = c;
        int label = 0;
        if (a != DP_SHIFT) {
            int dep = st->stack[st->sp - 1];
            int hd = a == DP_LEFT ? st->b : st->stack[st->sp - 2];
            label = best_label(m, st, hd, dep);
        }
        dp_apply(st, a, label, NULL);
    }
}

int dp_parse(const dp_model *m, const char *const *words, const char *const *upos,
             const char *const *xpos, size_t n, int *heads, const char **deprels) {
    if (n == 0) return 0;
    if (n > (size_t)1 << 24) return -1; /* far beyond any sentence: refuse, do not overflow */
    dp_state st;
    memset(&st, 0, sizeof st);
    if (dp_state_alloc(&st, (int)n)) return -1;
    dp_atoms(m, st.tok, (int)n, words, upos, xpos);
    dp_run(m, &st);
    for (int i = 1; i <= (int)n; i++) {
        heads[i - 1] = st.head[i] == st.root ? 0 : st.head[i];
        deprels[i - 1] = m->labels[st.label[i]];
    }
    dp_state_free(&st);
    return 0;
}

int dp_evaluate(const dp_model *m, const dp_sent *sents, size_t n, double *uas, double *las) {
    dp_state st;
    memset(&st, 0, sizeof st);
    size_t tot = 0, okh = 0, okl = 0;
    for (size_t s = 0; s < n; s++) {
        const dp_sent *x = &sents[s];
        if (!x->n) continue;
        if (dp_state_alloc(&st, (int)x->n)) { dp_state_free(&st); return -1; }
        dp_atoms(m, st.tok, (int)x->n, x->words, x->upos, x->xpos);
        dp_run(m, &st);
        for (int i = 1; i <= (int)x->n; i++) {
            int h = st.head[i] == st.root ? 0 : st.head[i];
            tot++;
            if (h == x->heads[i - 1]) {
                okh++;
                okl += strcmp(m->labels[st.label[i]], x->deprels[i - 1]) == 0;
            }
        }
    }
    dp_state_free(&st);
    *uas = tot ? 100.0 * (double)okh / (double)tot : 0;
    *las = tot ? 100.0 * (double)okl / (double)tot : 0;
    return 0;
}

void dp_free(dp_model *m) {
    if (!m) return;
    lp_free(&m->act);
    lp_free(&m->lab);
    tac_free(m->fa_mem);
    tac_free(m->fl);
    tac_free(m->ac_keys);
    tac_free(m->ac_vals);
    tac_free(m->labels);
    tac_free(m->label_mem);
    tac_free(m);
}

tac_status dp_save(const dp_model *m, const char *path, tac_error *err) {
    if (!m->act.keys)
        return err_set(err, TAC_EINVAL, path, 0, -1, "only a freshly trained parser can be saved");
    mf_out *o;
    tac_status s = mf_create(path, "parser", &o, err);
    if (s) return s;
    FILE *f = mf_chunk_begin(o, "DPHD");
    if (f) {
        mf_put_u32(f, DP_FORMAT);
        mf_put_u32(f, m->nlabels);
        mf_put_u32(f, m->root_label);
    }
    if ((s = mf_chunk_end(o, err))) goto fail;
    if ((f = mf_chunk_begin(o, "DPLB")))
        for (uint32_t i = 0; i < m->nlabels; i++) mf_put_str(f, m->labels[i], strlen(m->labels[i]));
    if ((s = mf_chunk_end(o, err))) goto fail;
    if ((f = mf_chunk_begin(o, "DPAM"))) {
        mf_put_u64(f, m->ac_n);
        for (size_t i = 0; m->ac_keys && i <= m->ac_mask; i++)
            if (m->ac_keys[i]) { mf_put_u64(f, m->ac_keys[i]); mf_put_u64(f, m->ac_vals[i]); }
    }
    if ((s = mf_chunk_end(o, err))) goto fail;
    if ((f = mf_chunk_begin(o, "DPAC")) && lp_write(&m->act, f))
        return mf_abort(o), err_set(err, TAC_EIO, path, 0, -1, "cannot write action weights");
    if ((s = mf_chunk_end(o, err))) goto fail;
    if ((f = mf_chunk_begin(o, "DPLL")) && lp_write(&m->lab, f))
        return mf_abort(o), err_set(err, TAC_EIO, path, 0, -1, "cannot write label weights");
    if ((s = mf_chunk_end(o, err))) goto fail;
    return mf_close(o, err);
fail:
    mf_abort(o);
    return s;
}

/* Copies the label strings of chunk DPLB into m. */
static tac_status load_labels(dp_model *m, const unsigned char *p, size_t len) {
    mf_cursor c;
    mf_cursor_init(&c, p, len);
    m->labels = tac_calloc(m->nlabels, sizeof *m->labels);
    m->label_mem = tac_malloc(len + m->nlabels + 1);
    if (!m->labels || !m->label_mem) return TAC_ENOMEM;
    char *q = m->label_mem;
    for (uint32_t i = 0; i < m->nlabels; i++) {
        size_t sl;
        const char *s = mf_get_str(&c, &sl);
        if (!s || !c.ok || memchr(s, 0, sl)) return TAC_EFORMAT;
        memcpy(q, s, sl);
        q[sl] = 0;
        m->labels[i] = q;
        q += sl + 1;
    }
    return c.ok && c.pos == len ? TAC_OK : TAC_EFORMAT;
}

static tac_status load_parts(dp_model *m, const mf_file *mf) {
    size_t len, used;
    const unsigned char *p = mf_chunk(mf, "DPHD", &len);
    if (!p) return TAC_EFORMAT;
    mf_cursor c;
    mf_cursor_init(&c, p, len);
    uint32_t fmt = mf_get_u32(&c);
    m->nlabels = mf_get_u32(&c);
    m->root_label = mf_get_u32(&c);
    if (!c.ok || fmt != DP_FORMAT || m->nlabels < 2 || m->nlabels > 4096 ||
        m->root_label >= m->nlabels)
        return TAC_EFORMAT;
    if (!(p = mf_chunk(mf, "DPLB", &len))) return TAC_EFORMAT;
    tac_status s = load_labels(m, p, len);
    if (s) return s;
    if (!(p = mf_chunk(mf, "DPAM", &len))) return TAC_EFORMAT;
    mf_cursor_init(&c, p, len);
    uint64_t nac = mf_get_u64(&c);
    if (!c.ok || nac > (len - 8) / 16) return TAC_EFORMAT;
    if (dp_ac_alloc(m, (size_t)nac)) return TAC_ENOMEM;
    for (uint64_t i = 0; i < nac; i++) {
        uint64_t w = mf_get_u64(&c), v = mf_get_u64(&c);
        if (!w) return TAC_EFORMAT;
        dp_ac_put(m, w, v);
    }
    if (!c.ok || c.pos != len || m->ac_n != nac) return TAC_EFORMAT;
    if (!(p = mf_chunk(mf, "DPAC", &len))) return TAC_EFORMAT;
    if ((s = lp_read(&m->act, p, len, &used))) return s;
    if (used != len || m->act.nclasses != DP_NACT) return TAC_EFORMAT;
    if (!(p = mf_chunk(mf, "DPLL", &len))) return TAC_EFORMAT;
    if ((s = lp_read(&m->lab, p, len, &used))) return s;
    if (used != len || m->lab.nclasses != m->nlabels) return TAC_EFORMAT;
    if (dp_freeze(m)) return TAC_ENOMEM;
    lp_free(&m->act);       /* the frozen table holds all of it */
    return TAC_OK;
}

tac_status dp_load(const char *path, dp_model **out, tac_error *err) {
    *out = NULL;
    mf_file *mf;
    tac_status s = mf_load(path, "parser", &mf, err);
    if (s) return s;
    dp_model *m = tac_calloc(1, sizeof *m);
    if (!m) { mf_free(mf); return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory"); }
    s = load_parts(m, mf);
    mf_free(mf);
    if (s) {
        dp_free(m);
        return err_set(err, s, path, 0, -1, s == TAC_ENOMEM ? "out of memory"
                                                         : "corrupt or incompatible parser model");
    }
    *out = m;
    return TAC_OK;
}
