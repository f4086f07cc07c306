/*
 * dp_model.c - the trained parser: greedy decoding (dp_run/dp_parse),
 * evaluation, the frozen tables it scores from, and the model file (kind
 * "parser": chunks DPHD header, DPLB labels, DPAM ambiguity classes, DPFA
 * and DPFL the frozen action and label tables; see docs/parser.md).
 */
#include "dp_int.h"
#include "../core/alloc.h"
#include "../core/error.h"
#include "../learn/modelfile.h"

#include <string.h>

/* The file's records are copied into these as they are (mf_scatter). */
_Static_assert(sizeof(dp_fact) == 16 && sizeof(dp_flab) == 8 && sizeof(dp_lpair) == 8,
               "the frozen tables must match their records in the model file");

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

void dp_unfreeze(dp_model *m) {
    tac_free(m->frozen);
    m->frozen = NULL;
    m->fa = NULL;
    m->fl = NULL;
    m->pairs = NULL;
    m->fa_mask = m->fl_mask = m->npairs = 0;
}

/* One zeroed block for the frozen tables (ca action slots, cl label slots,
 * np pairs), the action table first, on huge pages (tac_calloc_huge).
 * Returns 0 or -1 (no memory). */
static int frozen_alloc(dp_model *m, size_t ca, size_t cl, size_t np) {
    dp_unfreeze(m);
    if (ca > SIZE_MAX / 64 || cl > SIZE_MAX / 64 || np > SIZE_MAX / 64) return -1;
    size_t na = ca * sizeof *m->fa, nl = cl * sizeof *m->fl, np8 = np * sizeof *m->pairs;
    char *a = tac_calloc_huge(na + nl + np8, &m->frozen);
    if (!a) return -1;
    m->fa = (dp_fact *)(void *)a;
    m->fl = (dp_flab *)(void *)(a + na);
    m->pairs = (dp_lpair *)(void *)(a + na + nl);
    m->fa_mask = ca - 1;
    m->fl_mask = cl - 1;
    m->npairs = np;
    return 0;
}

static size_t nonzeros(const float *w, size_t C) {
    size_t k = 0;
    for (size_t c = 0; c < C; c++) k += w[c] != 0;
    return k;
}

int dp_freeze(dp_model *m) {
    size_t C = m->lab.nclasses, np = 0;
    if (m->act.nclasses != DP_NACT || C != m->nlabels) return -1; /* cannot happen */
    for (size_t r = 0; r < m->lab.nrows; r++) np += nonzeros(m->lab.w + r * C, C);
    if (np > UINT32_MAX ||
        frozen_alloc(m, table_cap(m->act.nrows), table_cap(m->lab.nrows), np))
        return -1;
    for (size_t i = 0; i < m->act.tcap; i++) {
        uint64_t key = m->act.keys[i];
        const float *w = m->act.w + (size_t)m->act.rows[i] * DP_NACT;
        if (!key || !nonzeros(w, DP_NACT)) continue;
        size_t j = key & m->fa_mask;
        while (m->fa[j].fp) j = (j + 1) & m->fa_mask;
        m->fa[j].fp = fp_of(key);
        memcpy(m->fa[j].w, w, sizeof m->fa[j].w);
    }
    /* label rows: first the slots with the source row, then the rows laid
     * out in slot order (what the file stores, and the loader checks) */
    for (size_t i = 0; i < m->lab.tcap; i++) {
        uint64_t key = m->lab.keys[i];
        if (!key || !nonzeros(m->lab.w + (size_t)m->lab.rows[i] * C, C)) continue;
        size_t j = key & m->fl_mask;
        while (m->fl[j].fp) j = (j + 1) & m->fl_mask;
        m->fl[j].fp = fp_of(key);
        m->fl[j].off = m->lab.rows[i];
    }
    size_t pos = 0;
    for (size_t j = 0; j <= m->fl_mask; j++) {
        if (!m->fl[j].fp) continue;
        const float *w = m->lab.w + (size_t)m->fl[j].off * C;
        m->fl[j].off = (uint32_t)pos;
        for (size_t c = 0; c < C; c++)
            if (w[c] != 0) m->pairs[pos++] = (dp_lpair){(uint16_t)c, 0, w[c]};
        m->pairs[pos - 1].end = 1;
    }
    m->npairs = pos;    /* cannot differ: every row has one key */
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

/* Label scores: each row's pairs added in feature order, so every class
 * gets the same sum as from dense rows (the absent classes add zeros). */
static void score_lab(const dp_model *m, const uint64_t *f, size_t nf, float *sc) {
    size_t mask = m->fl_mask, nr = 0;
    const dp_flab *t = m->fl;
    const dp_lpair *rowp[DP_MAX_LFEATS];
    for (size_t k = 0; k < nf; k++) __builtin_prefetch(&t[f[k] & mask]);
    for (size_t k = 0; k < nf && nr < DP_MAX_LFEATS; k++) {
        size_t i = f[k] & mask;
        uint32_t fp = fp_of(f[k]);
        while (t[i].fp && t[i].fp != fp) i = (i + 1) & mask;
        if (!t[i].fp) continue;
        rowp[nr] = m->pairs + t[i].off;
        __builtin_prefetch(rowp[nr]);
        nr++;
    }
    memset(sc, 0, m->nlabels * sizeof *sc);
    for (size_t j = 0; j < nr; j++)
        for (const dp_lpair *p = rowp[j];; p++) {
            sc[p->cls] += p->w;
            if (p->end) break;
        }
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
    dp_unfreeze(m);
    tac_free(m->ac_keys);
    tac_free(m->ac_vals);
    tac_free(m->labels);
    tac_free(m->label_mem);
    tac_free(m);
}

static int fact_used(const void *t, size_t i) { return ((const dp_fact *)t)[i].fp != 0; }
static int flab_used(const void *t, size_t i) { return ((const dp_flab *)t)[i].fp != 0; }

/* Chunk DPFA: the action table as a slot map of (u32 fp, 3 x f32). */
static int write_fa(const dp_model *m, FILE *f) {
    if (mf_put_slots(f, m->fa, m->fa_mask + 1, fact_used)) return -1;
    for (size_t i = 0; i <= m->fa_mask; i++) {
        if (!m->fa[i].fp) continue;
        if (mf_put_u32(f, m->fa[i].fp)) return -1;
        for (int c = 0; c < DP_NACT; c++)
            if (mf_put_f32(f, m->fa[i].w[c])) return -1;
    }
    return 0;
}

/* Chunk DPFL: the label table as a slot map of (u32 fp, u32 off), then
 * u64 npairs and the pairs (u16 class, u16 end, f32 weight). */
static int write_fl(const dp_model *m, FILE *f) {
    if (mf_put_slots(f, m->fl, m->fl_mask + 1, flab_used)) return -1;
    for (size_t i = 0; i <= m->fl_mask; i++)
        if (m->fl[i].fp && (mf_put_u32(f, m->fl[i].fp) || mf_put_u32(f, m->fl[i].off))) return -1;
    if (mf_put_u64(f, m->npairs)) return -1;
    for (size_t k = 0; k < m->npairs; k++) {
        const dp_lpair *p = &m->pairs[k];
        if (mf_put_u32(f, (uint32_t)p->cls | (uint32_t)p->end << 16) || mf_put_f32(f, p->w))
            return -1;
    }
    return 0;
}

tac_status dp_save(const dp_model *m, const char *path, tac_error *err) {
    if (!m->fa)   /* cannot happen: trained and loaded models are frozen */
        return err_set(err, TAC_EINVAL, path, 0, -1, "the parser has no frozen tables to save");
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
    if ((f = mf_chunk_begin(o, "DPFA")) && write_fa(m, f))
        return mf_abort(o), err_set(err, TAC_EIO, path, 0, -1, "cannot write action weights");
    if ((s = mf_chunk_end(o, err))) goto fail;
    if ((f = mf_chunk_begin(o, "DPFL")) && write_fl(m, f))
        return mf_abort(o), err_set(err, TAC_EIO, path, 0, -1, "cannot write label weights");
    if ((s = mf_chunk_end(o, err))) goto fail;
    return mf_close(o, err);
fail:
    mf_abort(o);
    return s;
}

static tac_status bad(tac_error *err, const char *path, const char *what) {
    return err_set(err, TAC_EFORMAT, path, 0, -1, "corrupt parser model: %s", what);
}

static uint32_t rd32(const unsigned char *p) {
    uint32_t v;
    memcpy(&v, p, 4);   /* little-endian file, little-endian host (mf_scatter) */
    return v;
}

static int finite(uint32_t bits) { return (bits & 0x7F800000u) != 0x7F800000u; }

/* Whether the n action records at p have odd fingerprints and finite
 * weights: branch-free (with a test and branch per field the pass over the
 * 10 MB cost more than the copy; as it is, it runs at memory speed, and
 * vector code gained nothing measurable). */
static int facts_ok(const unsigned char *p, size_t n) {
    uint32_t bad = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t v[4];
        memcpy(v, p + 16 * k, 16);
        bad |= (~v[0] & 1) | ((v[1] & 0x7F800000u) == 0x7F800000u) |
               ((v[2] & 0x7F800000u) == 0x7F800000u) | ((v[3] & 0x7F800000u) == 0x7F800000u);
    }
    return !bad;
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

/* The frozen tables of chunks DPFA and DPFL, checked, then copied to the
 * slots they were saved from: fingerprints odd (as fp_of makes them),
 * weights finite, each label row a run of increasing classes below
 * nlabels ended by its end mark, rows in slot order covering every pair. */
static tac_status load_tables(dp_model *m, const mf_file *mf, const char *path, tac_error *err) {
    size_t len;
    mf_cursor c;
    mf_slots sa, sl;
    const unsigned char *p = mf_chunk(mf, "DPFA", &len);
    if (!p) return bad(err, path, "no action table (chunk DPFA)");
    mf_cursor_init(&c, p, len);
    const unsigned char *fa = NULL;
    if (!mf_get_slots(&c, &sa)) fa = mf_get_bytes(&c, sa.nused * sizeof(dp_fact));
    if (!fa || c.pos != len) return bad(err, path, "action table (chunk DPFA) has the wrong size");
    if (!facts_ok(fa, sa.nused)) return bad(err, path, "action table (chunk DPFA) has a bad entry");
    if (!(p = mf_chunk(mf, "DPFL", &len))) return bad(err, path, "no label table (chunk DPFL)");
    mf_cursor_init(&c, p, len);
    const unsigned char *fl = NULL, *pr = NULL;
    if (!mf_get_slots(&c, &sl)) fl = mf_get_bytes(&c, sl.nused * sizeof(dp_flab));
    uint64_t np = mf_get_u64(&c);
    if (c.ok && np <= (len - c.pos) / sizeof(dp_lpair)) pr = mf_get_bytes(&c, (size_t)np * sizeof(dp_lpair));
    if (!fl || !pr || c.pos != len) return bad(err, path, "label table (chunk DPFL) has the wrong size");
    size_t pos = 0;
    for (size_t k = 0; k < sl.nused; k++) {
        const unsigned char *r = fl + k * sizeof(dp_flab);
        if (!(rd32(r) & 1) || rd32(r + 4) != pos) return bad(err, path, "label table (chunk DPFL) has a bad entry");
        for (uint32_t prev = 0, first = 1;; first = 0) {
            if (pos >= np) return bad(err, path, "label row (chunk DPFL) runs past the pairs");
            uint32_t ce = rd32(pr + 8 * pos), cls = ce & 0xFFFF, end = ce >> 16;
            if (cls >= m->nlabels || (!first && cls <= prev) || end > 1 || !finite(rd32(pr + 8 * pos + 4)))
                return bad(err, path, "label row (chunk DPFL) has a bad pair");
            prev = cls;
            pos++;
            if (end) break;
        }
    }
    if (pos != np) return bad(err, path, "label table (chunk DPFL) has pairs outside any row");
    if (frozen_alloc(m, sa.nslots, sl.nslots, (size_t)np))
        return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    mf_scatter(&sa, m->fa, fa, sizeof(dp_fact));
    mf_scatter(&sl, m->fl, fl, sizeof(dp_flab));
    if (np) memcpy(m->pairs, pr, (size_t)np * sizeof(dp_lpair));
    return TAC_OK;
}

static tac_status load_parts(dp_model *m, const mf_file *mf, const char *path, tac_error *err) {
    size_t len;
    const unsigned char *p = mf_chunk(mf, "DPHD", &len);
    if (!p) return bad(err, path, "no header (chunk DPHD)");
    mf_cursor c;
    mf_cursor_init(&c, p, len);
    uint32_t fmt = mf_get_u32(&c);
    m->nlabels = mf_get_u32(&c);
    m->root_label = mf_get_u32(&c);
    if (c.ok && fmt != DP_FORMAT)
        return err_set(err, TAC_EFORMAT, path, 0, -1,
                       "parser model has format %u, this build reads format %u: retrain it",
                       fmt, DP_FORMAT);
    if (!c.ok || m->nlabels < 2 || m->nlabels > 4096 || m->root_label >= m->nlabels)
        return bad(err, path, "bad header (chunk DPHD)");
    if (!(p = mf_chunk(mf, "DPLB", &len))) return bad(err, path, "no labels (chunk DPLB)");
    tac_status s = load_labels(m, p, len);
    if (s == TAC_ENOMEM) return err_set(err, s, path, 0, -1, "out of memory");
    if (s) return bad(err, path, "bad labels (chunk DPLB)");
    if (!(p = mf_chunk(mf, "DPAM", &len))) return bad(err, path, "no ambiguity classes (chunk DPAM)");
    mf_cursor_init(&c, p, len);
    uint64_t nac = mf_get_u64(&c);
    if (!c.ok || nac > (len - 8) / 16) return bad(err, path, "bad ambiguity classes (chunk DPAM)");
    if (dp_ac_alloc(m, (size_t)nac)) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    for (uint64_t i = 0; i < nac; i++) {
        uint64_t w = mf_get_u64(&c), v = mf_get_u64(&c);
        if (!w) return bad(err, path, "bad ambiguity classes (chunk DPAM)");
        dp_ac_put(m, w, v);
    }
    if (!c.ok || c.pos != len || m->ac_n != nac) return bad(err, path, "bad ambiguity classes (chunk DPAM)");
    return load_tables(m, mf, path, err);
}

tac_status dp_load(const char *path, dp_model **out, tac_error *err) {
    *out = NULL;
    mf_file *mf;
    tac_status s = mf_load(path, "parser", &mf, err);
    if (s) return s;
    dp_model *m = tac_calloc(1, sizeof *m);
    if (!m) { mf_free(mf); return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory"); }
    s = load_parts(m, mf, path, err);
    mf_free(mf);
    if (s) {
        dp_free(m);
        return s;
    }
    *out = m;
    return TAC_OK;
}
