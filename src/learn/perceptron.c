/*
 * perceptron.c - averaged perceptron with an interned feature table.
 */
#include "perceptron.h"
#include "../core/alloc.h"

#include <math.h>
#include <string.h>

int lp_init(lp_model *m, uint32_t nclasses) {
    memset(m, 0, sizeof *m);
    if (nclasses < 2 || nclasses > 4096) return -1;
    m->nclasses = nclasses;
    m->tcap = 1024;
    m->keys = tac_calloc(m->tcap, sizeof *m->keys);
    m->rows = tac_calloc(m->tcap, sizeof *m->rows);
    if (!m->keys || !m->rows) { lp_free(m); return -1; }
    return 0;
}

void lp_free(lp_model *m) {
    if (m->mem) {
        tac_free(m->mem);   /* keys, rows and w live in it */
    } else {
        tac_free(m->keys);
        tac_free(m->rows);
        tac_free(m->w);
    }
    tac_free(m->acc);
    tac_free(m->stamp);
    memset(m, 0, sizeof *m);
}

/* FNV-1a over the bytes, then a 64-bit finalizer (splitmix) so that close
 * inputs spread across the table. */
uint64_t lp_hash_more(uint64_t h, const void *s, size_t n) {
    const unsigned char *p = s;
    for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 0x100000001b3ULL; }
    h ^= h >> 30; h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27; h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h ? h : 1;
}

uint64_t lp_hash(uint32_t tmpl, const void *s, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL ^ ((uint64_t)tmpl * 0x9E3779B97F4A7C15ULL);
    return lp_hash_more(h, s, n);
}

static size_t slot_of(const lp_model *m, uint64_t key) {
    size_t mask = m->tcap - 1, i = (size_t)key & mask;
    while (m->keys[i] && m->keys[i] != key) i = (i + 1) & mask;
    return i;
}

/* Scoring is bound by cache misses on large models (key table, row index,
 * weight row: three dependent misses per feature), so features go in
 * batches: prefetch all key slots, then resolve rows and prefetch them,
 * then sum. The summation order is the feature order, as before. */
#define LP_BATCH 64

/* sc[c] += w[c] for the C classes: four lanes at a time where the
 * compiler has vector types (the same sums, in vector adds). */
static void add_row(float *restrict sc, const float *restrict w, uint32_t C) {
    uint32_t c = 0;
#if defined(__GNUC__)
    typedef float v4 __attribute__((vector_size(16)));
    for (; c + 4 <= C; c += 4) {
        v4 a, b;
        memcpy(&a, sc + c, sizeof a);
        memcpy(&b, w + c, sizeof b);
        a += b;
        memcpy(sc + c, &a, sizeof a);
    }
#endif
    for (; c < C; c++) sc[c] += w[c];
}

void lp_score(const lp_model *m, const uint64_t *feats, size_t nf, float *scores) {
    uint32_t C = m->nclasses;
    memset(scores, 0, C * sizeof *scores);
    size_t mask = m->tcap - 1;
    const float *rowp[LP_BATCH];
    for (size_t k0 = 0; k0 < nf; k0 += LP_BATCH) {
        size_t kn = nf - k0 < LP_BATCH ? nf - k0 : LP_BATCH;
        for (size_t k = 0; k < kn; k++) {
            size_t i = (size_t)feats[k0 + k] & mask;
            __builtin_prefetch(&m->keys[i]);
            __builtin_prefetch(&m->rows[i]);
        }
        for (size_t k = 0; k < kn; k++) {
            uint64_t key = feats[k0 + k];
            size_t i = (size_t)key & mask;
            while (m->keys[i] && m->keys[i] != key) i = (i + 1) & mask;
            if (!m->keys[i]) { rowp[k] = NULL; continue; }
            rowp[k] = m->w + (size_t)m->rows[i] * C;
            for (uint32_t c = 0; c < C; c += 16) __builtin_prefetch(rowp[k] + c);
        }
        for (size_t k = 0; k < kn; k++) {
            const float *restrict w = rowp[k];
            if (!w) continue;
            add_row(scores, w, C);
        }
    }
}

static int table_grow(lp_model *m) {
    size_t ncap = m->tcap * 2;
    uint64_t *k = tac_calloc(ncap, sizeof *k);
    uint32_t *r = tac_calloc(ncap, sizeof *r);
    if (!k || !r) { tac_free(k); tac_free(r); return -1; }
    for (size_t i = 0; i < m->tcap; i++) {
        if (!m->keys[i]) continue;
        size_t j = (size_t)m->keys[i] & (ncap - 1);
        while (k[j]) j = (j + 1) & (ncap - 1);
        k[j] = m->keys[i];
        r[j] = m->rows[i];
    }
    tac_free(m->keys);
    tac_free(m->rows);
    m->keys = k;
    m->rows = r;
    m->tcap = ncap;
    return 0;
}

/* Row of key, created (zeroed) when absent. Returns -1 on no memory. */
static long row_of(lp_model *m, uint64_t key) {
    size_t i = slot_of(m, key);
    if (m->keys[i]) return m->rows[i];
    if ((m->nrows + 1) * 2 > m->tcap) {
        if (table_grow(m)) return -1;
        i = slot_of(m, key);
    }
    if (m->nrows == m->rowcap) {
        size_t C = m->nclasses;
        size_t cap = m->rowcap * C, cap2 = cap, cap3 = cap; /* in elements */
        size_t need = m->nrows + 1;
        if (tac_grow((void **)&m->w, &cap, need * C, sizeof *m->w) ||
            tac_grow((void **)&m->acc, &cap2, need * C, sizeof *m->acc) ||
            tac_grow((void **)&m->stamp, &cap3, need * C, sizeof *m->stamp))
            return -1;
        /* the three grew from the same size to the same size */
        size_t newrows = cap / C;
        memset(m->w + m->rowcap * C, 0, (newrows - m->rowcap) * C * sizeof *m->w);
        memset(m->acc + m->rowcap * C, 0, (newrows - m->rowcap) * C * sizeof *m->acc);
        memset(m->stamp + m->rowcap * C, 0, (newrows - m->rowcap) * C * sizeof *m->stamp);
        m->rowcap = newrows;
    }
    m->keys[i] = key;
    m->rows[i] = (uint32_t)m->nrows;
    return (long)m->nrows++;
}

static void bump(lp_model *m, size_t idx, float delta) {
    m->acc[idx] += (float)(m->tick - m->stamp[idx]) * m->w[idx];
    m->stamp[idx] = m->tick;
    m->w[idx] += delta;
}

int lp_update(lp_model *m, const uint64_t *feats, size_t nf, int truth, int guess, float amount) {
    if (truth == guess) return 0;
    if (m->mem) return -1;  /* read by lp_read: its arrays cannot grow */
    size_t C = m->nclasses;
    for (size_t k = 0; k < nf; k++) {
        long r = row_of(m, feats[k]);
        if (r < 0) return -1;
        if (truth >= 0) bump(m, (size_t)r * C + (size_t)truth, amount);
        if (guess >= 0) bump(m, (size_t)r * C + (size_t)guess, -amount);
    }
    return 0;
}

void lp_tick(lp_model *m) { m->tick++; }

int lp_average(lp_model *m, float prune) {
    if (m->mem) return -1;  /* read by lp_read: nothing to average, arrays cannot be rebuilt */
    size_t C = m->nclasses;
    if (m->acc && m->tick) {
        for (size_t i = 0; i < m->nrows * C; i++) {
            float total = m->acc[i] + (float)(m->tick - m->stamp[i]) * m->w[i];
            m->w[i] = total / (float)m->tick;
        }
    }
    tac_free(m->acc);
    tac_free(m->stamp);
    m->acc = NULL;
    m->stamp = NULL;
    /* compact: keep rows with some weight above prune */
    size_t keep = 0;
    uint32_t *remap = tac_malloc((m->nrows ? m->nrows : 1) * sizeof *remap);
    if (!remap) return -1;
    for (size_t r = 0; r < m->nrows; r++) {
        float mx = 0;
        for (size_t c = 0; c < C; c++) mx = fmaxf(mx, fabsf(m->w[r * C + c]));
        if (mx <= prune) { remap[r] = UINT32_MAX; continue; }
        if (keep != r) memmove(m->w + keep * C, m->w + r * C, C * sizeof *m->w);
        remap[r] = (uint32_t)keep++;
    }
    /* rebuild the table with surviving rows */
    size_t cap = 1024;
    while (cap < keep * 2 + 2) cap *= 2;
    uint64_t *k = tac_calloc(cap, sizeof *k);
    uint32_t *rw = tac_calloc(cap, sizeof *rw);
    if (!k || !rw) { tac_free(k); tac_free(rw); tac_free(remap); return -1; }
    for (size_t i = 0; i < m->tcap; i++) {
        if (!m->keys[i] || remap[m->rows[i]] == UINT32_MAX) continue;
        size_t j = (size_t)m->keys[i] & (cap - 1);
        while (k[j]) j = (j + 1) & (cap - 1);
        k[j] = m->keys[i];
        rw[j] = remap[m->rows[i]];
    }
    tac_free(remap);
    tac_free(m->keys);
    tac_free(m->rows);
    m->keys = k;
    m->rows = rw;
    m->tcap = cap;
    m->nrows = keep;
    m->rowcap = keep;
    return 0;
}

/* ---- the saved table (docs/model-format.md, "LPT2") ------------------------
 * u32 marker, u32 nclasses, u64 nrows, u64 nslots, u64 npairs, u64 ndense,
 * then nslots x lp_slot, ndense x nclasses f32, npairs f32 weights, npairs
 * u16 classes: all little-endian and naturally aligned when the chunk is
 * 8-aligned, so the arrays are read in place on a little-endian host. */
#define LP_TABLE 0x3254504CU    /* "LPT2" read as a little-endian u32 */
#define LP_HEAD 40u

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "lp_table is used in place from little-endian files: port lp_table_view before building here"
#endif
_Static_assert(sizeof(lp_slot) == 16 && sizeof(float) == 4, "lp_slot must match the file layout");

/* A row of C classes with k nonzeros is stored dense when the model asks
 * for it (dense_min), else when that takes no more bytes (4C against 6k). */
static int row_is_dense(const lp_model *m, size_t k) {
    return m->dense_min ? k >= m->dense_min : 4 * (size_t)m->nclasses <= 6 * k;
}

/* Slots for rows rows: a power of two at least 1024, load at most 0.6
 * (a miss then probes ~3 slots, 48 bytes, on average). */
static size_t slots_for(size_t rows) {
    size_t cap = 1024;
    while (cap * 3 < rows * 5 + 3) cap *= 2;
    return cap;
}

static int put_u64(FILE *f, uint64_t v) {
    unsigned char b[8];
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)(v >> (8 * i));
    return fwrite(b, 1, 8, f) == 8 ? 0 : -1;
}

static int put_u32(FILE *f, uint32_t v) {
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    return fwrite(b, 1, 4, f) == 4 ? 0 : -1;
}

static int put_f32(FILE *f, float v) {
    uint32_t u;
    memcpy(&u, &v, 4);
    return put_u32(f, u);
}

static size_t row_nnz(const float *w, size_t C) {
    size_t k = 0;
    for (size_t c = 0; c < C; c++) k += w[c] != 0;
    return k;
}

/* Writes the chunk body once the table is laid out: slot[s] names source
 * row src[s] (UINT32_MAX: empty), with off/n already final. */
static int write_table(const lp_model *m, FILE *f, const lp_slot *slot, const uint32_t *src,
                       size_t ns, size_t rows, size_t npairs, size_t ndense) {
    size_t C = m->nclasses;
    if (put_u32(f, LP_TABLE) || put_u32(f, m->nclasses) || put_u64(f, rows) || put_u64(f, ns) ||
        put_u64(f, npairs) || put_u64(f, ndense))
        return -1;
    for (size_t s = 0; s < ns; s++)
        if (put_u64(f, slot[s].key) || put_u32(f, slot[s].off) || put_u32(f, slot[s].n)) return -1;
    for (size_t s = 0; s < ns; s++) {
        if (!slot[s].key || slot[s].n) continue;
        const float *w = m->w + (size_t)src[s] * C;
        for (size_t c = 0; c < C; c++)
            if (put_f32(f, w[c])) return -1;
    }
    for (int pass = 0; pass < 2; pass++)    /* the weights, then their classes */
        for (size_t s = 0; s < ns; s++) {
            if (!slot[s].key || !slot[s].n) continue;
            const float *w = m->w + (size_t)src[s] * C;
            for (size_t c = 0; c < C; c++) {
                if (w[c] == 0) continue;
                unsigned char b[2] = {(unsigned char)c, (unsigned char)(c >> 8)};
                if (pass ? fwrite(b, 1, 2, f) != 2 : put_f32(f, w[c]) != 0) return -1;
            }
        }
    return 0;
}

int lp_write(const lp_model *m, FILE *f) {
    size_t C = m->nclasses, rows = 0;
    for (size_t i = 0; i < m->tcap; i++)
        if (m->keys[i] && row_nnz(m->w + (size_t)m->rows[i] * C, C)) rows++;
    size_t ns = slots_for(rows), mask = ns - 1;
    if (rows > UINT32_MAX) return -1;
    lp_slot *slot = tac_calloc(ns, sizeof *slot);
    uint32_t *src = tac_malloc(ns * sizeof *src);
    if (!slot || !src) { tac_free(slot); tac_free(src); return -1; }
    for (size_t s = 0; s < ns; s++) src[s] = UINT32_MAX;
    /* place keys in the source table's order: deterministic */
    for (size_t i = 0; i < m->tcap; i++) {
        if (!m->keys[i]) continue;
        size_t k = row_nnz(m->w + (size_t)m->rows[i] * C, C);
        if (!k) continue;
        size_t s = (size_t)m->keys[i] & mask;
        while (slot[s].key) s = (s + 1) & mask;
        slot[s].key = m->keys[i];
        slot[s].n = (uint32_t)k;
        src[s] = m->rows[i];
    }
    /* rows are stored in slot order, so a table walk reads them in order */
    size_t npairs = 0, ndense = 0;
    int bad = 0;
    for (size_t s = 0; s < ns; s++) {
        if (!slot[s].key) continue;
        if (row_is_dense(m, slot[s].n)) {
            slot[s].off = (uint32_t)ndense++;
            slot[s].n = 0;
        } else {
            if (npairs > UINT32_MAX - slot[s].n) bad = 1;
            slot[s].off = (uint32_t)npairs;
            npairs += slot[s].n;
        }
    }
    if (!bad) bad = write_table(m, f, slot, src, ns, rows, npairs, ndense);
    tac_free(slot);
    tac_free(src);
    return bad ? -1 : 0;
}

static uint64_t get_u64(const unsigned char *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static uint32_t get_u32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Nonzero when any of the n floats at w is an infinity or a NaN: one
 * branch-free pass over the bits (the exponent all ones); a float test per
 * weight cost more than the rest of loading a model. Four lanes at a time
 * where the compiler has vector types: -O2 left the plain loop scalar,
 * ~45% of checking the tagger's table. */
static int any_nonfinite(const float *w, size_t n) {
    uint32_t bad = 0;
    size_t i = 0;
#if defined(__GNUC__)
    typedef uint32_t v4u __attribute__((vector_size(16)));
    const v4u exp = {0x7f800000U, 0x7f800000U, 0x7f800000U, 0x7f800000U};
    v4u acc = {0, 0, 0, 0};
    for (; i + 4 <= n; i += 4) {
        v4u u;
        memcpy(&u, &w[i], sizeof u);
        acc |= (v4u)((u & exp) == exp);
    }
    bad = acc[0] | acc[1] | acc[2] | acc[3];
#endif
    for (; i < n; i++) {
        uint32_t u;
        memcpy(&u, &w[i], 4);
        bad |= (u & 0x7f800000U) == 0x7f800000U;
    }
    return bad != 0;
}

/* Distance of slot s from the home slot of its key. */
static size_t displacement(const lp_table *t, size_t s) {
    return (s - ((size_t)t->slots[s].key & t->mask)) & t->mask;
}

/* Checks the whole table in one pass over the slots (the walk is what
 * loading costs):
 * - linear probing finds every key when each one sits at most run - 1
 *   slots after its home, run being the length of the occupied stretch
 *   ending at it (a repeated key would only be unreachable, never unsafe,
 *   so it is not looked for); the stretch that wraps around the end is
 *   finished after the pass;
 * - rows counted, offsets consecutive in slot order (the writer's layout,
 *   so rows never overlap), classes increasing and below C, weights finite.
 * 0 or -1. */
static int check_table(const lp_table *t) {
    size_t C = t->nclasses, ns = t->mask + 1, rows = 0, pairs = 0, dense = 0;
    size_t first_empty = 0, run = 0;
    while (first_empty < ns && t->slots[first_empty].key) first_empty++;
    if (first_empty == ns) return -1;   /* probes for unknown keys would not end */
    for (size_t s = 0; s < ns; s++) {
        const lp_slot *e = &t->slots[s];
        if (!e->key) { run = 0; continue; }
        run++;
        rows++;
        if (s > first_empty && displacement(t, s) >= run) return -1;
        if (e->n == 0) {
            if (e->off != dense || dense >= t->ndense) return -1;
            dense++;
            continue;
        }
        if (e->off != pairs || e->n > C || e->n > t->npairs - pairs) return -1;
        const uint16_t *q = t->cls + pairs;
        if (q[0] >= C) return -1;
        for (size_t j = 1; j < e->n; j++)
            if (q[j] >= C || q[j] <= q[j - 1]) return -1;
        pairs += e->n;
    }
    /* slots before the first empty one continue the stretch at the end */
    for (size_t s = 0; s < first_empty; s++)
        if (displacement(t, s) >= run + s + 1) return -1;
    if (rows != t->nrows || pairs != t->npairs || dense != t->ndense) return -1;
    /* dense rows and pair weights are one run of floats */
    return any_nonfinite(t->dense, t->ndense * C + t->npairs) ? -1 : 0;
}

tac_status lp_table_view(lp_table *t, const unsigned char *p, size_t n, size_t *used) {
    memset(t, 0, sizeof *t);
    if (n < LP_HEAD || get_u32(p) != LP_TABLE || ((uintptr_t)p & 7)) return TAC_EFORMAT;
    uint64_t C = get_u32(p + 4), rows = get_u64(p + 8), ns = get_u64(p + 16);
    uint64_t np = get_u64(p + 24), nd = get_u64(p + 32);
    if (C < 2 || C > 4096) return TAC_EFORMAT;
    /* a power of two with at least one empty slot, so every probe ends */
    if (ns < 2 || ns > (1ULL << 32) || (ns & (ns - 1)) || rows >= ns) return TAC_EFORMAT;
    size_t room = n - LP_HEAD;
    if (ns > room / sizeof(lp_slot)) return TAC_EFORMAT;
    room -= (size_t)ns * sizeof(lp_slot);
    if (nd > room / (4 * C)) return TAC_EFORMAT;
    room -= (size_t)nd * 4 * (size_t)C;
    if (np > room / 6) return TAC_EFORMAT;
    room -= (size_t)np * 6;
    t->nclasses = (uint32_t)C;
    t->mask = (size_t)ns - 1;
    t->nrows = (size_t)rows;
    t->npairs = (size_t)np;
    t->ndense = (size_t)nd;
    t->slots = (const lp_slot *)(const void *)(p + LP_HEAD);
    t->dense = (const float *)(const void *)(t->slots + ns);
    t->w = t->dense + nd * C;
    t->cls = (const uint16_t *)(const void *)(t->w + np);
    if (check_table(t)) { memset(t, 0, sizeof *t); return TAC_EFORMAT; }
    *used = n - room;
    return TAC_OK;
}

/* Like lp_score, bound by cache misses: prefetch every home slot, then
 * resolve rows and prefetch them, then sum in feature order. */
void lp_table_score(const lp_table *t, const uint64_t *feats, size_t nf, float *scores) {
    uint32_t C = t->nclasses;
    memset(scores, 0, C * sizeof *scores);
    const lp_slot *hit[LP_BATCH];
    for (size_t k0 = 0; k0 < nf; k0 += LP_BATCH) {
        size_t kn = nf - k0 < LP_BATCH ? nf - k0 : LP_BATCH;
        const uint64_t *f = feats + k0;
        for (size_t k = 0; k < kn; k++) __builtin_prefetch(&t->slots[f[k] & t->mask]);
        for (size_t k = 0; k < kn; k++) {
            size_t i = (size_t)f[k] & t->mask;
            while (t->slots[i].key && t->slots[i].key != f[k]) i = (i + 1) & t->mask;
            hit[k] = t->slots[i].key ? &t->slots[i] : NULL;
            if (!hit[k]) continue;
            if (hit[k]->n) {
                __builtin_prefetch(&t->w[hit[k]->off]);
                __builtin_prefetch(&t->cls[hit[k]->off]);
            } else
                for (uint32_t c = 0; c < C; c += 16) __builtin_prefetch(t->dense + (size_t)hit[k]->off * C + c);
        }
        for (size_t k = 0; k < kn; k++) {
            const lp_slot *h = hit[k];
            if (!h) continue;
            if (h->n) {
                const float *w = t->w + h->off;
                const uint16_t *q = t->cls + h->off;
                for (uint32_t j = 0; j < h->n; j++) scores[q[j]] += w[j];
                continue;
            }
            add_row(scores, t->dense + (size_t)h->off * C, C);
        }
    }
}

tac_status lp_read(lp_model *m, const unsigned char *p, size_t n, size_t *used) {
    memset(m, 0, sizeof *m);
    lp_table t;
    tac_status st = lp_table_view(&t, p, n, used);
    if (st) return st;
    size_t C = t.nclasses, ns = t.mask + 1, nr = t.nrows ? t.nrows : 1;
    m->nclasses = t.nclasses;
    m->tcap = ns;
    /* one zeroed block on huge pages (keys, rows padded to 8, rows of
     * weights): filling fresh memory costs a page fault per 4 KB otherwise,
     * which was most of reading NER's 5 MB */
    size_t nk = ns * sizeof *m->keys, nrw = (ns * sizeof *m->rows + 7) & ~(size_t)7;
    if (nr > SIZE_MAX / 4 / C) return TAC_ENOMEM;
    char *a = tac_calloc_huge(nk + nrw + nr * C * sizeof *m->w, &m->mem);
    if (!a) { lp_free(m); return TAC_ENOMEM; }
    m->keys = (uint64_t *)(void *)a;
    m->rows = (uint32_t *)(void *)(a + nk);
    m->w = (float *)(void *)(a + nk + nrw);
    size_t r = 0;
    for (size_t s = 0; s < ns; s++) {
        const lp_slot *e = &t.slots[s];
        if (!e->key) continue;
        float *w = m->w + r * C;
        if (e->n)
            for (uint32_t j = 0; j < e->n; j++) w[t.cls[e->off + j]] = t.w[e->off + j];
        else
            memcpy(w, t.dense + (size_t)e->off * C, C * sizeof *w);
        m->keys[s] = e->key;
        m->rows[s] = (uint32_t)r++;
    }
    m->nrows = m->rowcap = r;
    return TAC_OK;
}
