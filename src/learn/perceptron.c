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
    tac_free(m->keys);
    tac_free(m->rows);
    tac_free(m->w);
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
            float *restrict sc = scores;
            if (!w) continue;
            uint32_t c = 0;
#if defined(__GNUC__)
            /* four lanes at a time: the same per-class sums, in vector adds */
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

/* Chunk layout, little-endian (docs/model-format.md). Weight rows are
 * very sparse (a feature is usually updated for a handful of classes), so
 * rows are stored sparse: u32 marker "LPS1", u32 nclasses, u64 nrows, then
 * nrows x (u64 key, u16 nnz, nnz x (u16 class, f32 weight)), classes
 * increasing; all-zero rows are dropped. lp_read also accepts the older
 * dense layout: u64 nclasses, u64 nrows, nrows x (u64 key, nclasses x f32). */
#define LP_SPARSE 0x3153504CU   /* "LPS1" read as a little-endian u32 */

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

static int put_u16(FILE *f, uint32_t v) {
    unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    return fwrite(b, 1, 2, f) == 2 ? 0 : -1;
}

static uint64_t get_u64(const unsigned char *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static uint32_t get_u32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static size_t row_nnz(const float *w, size_t C) {
    size_t k = 0;
    for (size_t c = 0; c < C; c++) k += w[c] != 0;
    return k;
}

int lp_write(const lp_model *m, FILE *f) {
    size_t C = m->nclasses, rows = 0;
    for (size_t i = 0; i < m->tcap; i++)
        if (m->keys[i] && row_nnz(m->w + (size_t)m->rows[i] * C, C)) rows++;
    if (put_u32(f, LP_SPARSE) || put_u32(f, m->nclasses) || put_u64(f, rows)) return -1;
    for (size_t i = 0; i < m->tcap; i++) {
        if (!m->keys[i]) continue;
        const float *w = m->w + (size_t)m->rows[i] * C;
        size_t nnz = row_nnz(w, C);
        if (!nnz) continue;
        if (put_u64(f, m->keys[i]) || put_u16(f, (uint32_t)nnz)) return -1;
        for (size_t c = 0; c < C; c++) {
            if (w[c] == 0) continue;
            uint32_t u;
            memcpy(&u, &w[c], 4);
            if (put_u16(f, (uint32_t)c) || put_u32(f, u)) return -1;
        }
    }
    return 0;
}

/* Allocates m for rows rows of C classes (weights zeroed). */
static tac_status alloc_rows(lp_model *m, uint64_t C, uint64_t rows) {
    m->nclasses = (uint32_t)C;
    size_t cap = 1024;
    while (cap < rows * 2 + 2) cap *= 2;
    m->tcap = cap;
    m->keys = tac_calloc(cap, sizeof *m->keys);
    m->rows = tac_calloc(cap, sizeof *m->rows);
    m->w = tac_calloc((rows ? rows : 1) * C, sizeof *m->w);
    if (!m->keys || !m->rows || !m->w) { lp_free(m); return TAC_ENOMEM; }
    return TAC_OK;
}

/* Inserts key as row r; -1 when zero or a duplicate. */
static int insert_key(lp_model *m, uint64_t key, size_t r) {
    if (!key) return -1;
    size_t j = slot_of(m, key);
    if (m->keys[j]) return -1;
    m->keys[j] = key;
    m->rows[j] = (uint32_t)r;
    return 0;
}

static tac_status read_dense(lp_model *m, const unsigned char *p, size_t n, size_t *used) {
    if (n < 16) return TAC_EFORMAT;
    uint64_t C = get_u64(p), rows = get_u64(p + 8);
    if (C < 2 || C > 4096) return TAC_EFORMAT;
    size_t rec = 8 + 4 * (size_t)C;
    if (rows > (n - 16) / rec) return TAC_EFORMAT;
    tac_status st = alloc_rows(m, C, rows);
    if (st) return st;
    const unsigned char *q = p + 16;
    for (size_t r = 0; r < rows; r++, q += rec) {
        if (insert_key(m, get_u64(q), r)) { lp_free(m); return TAC_EFORMAT; }
        for (size_t c = 0; c < C; c++) {
            uint32_t u = get_u32(q + 8 + 4 * c);
            memcpy(&m->w[r * C + c], &u, 4);
            if (!isfinite(m->w[r * C + c])) { lp_free(m); return TAC_EFORMAT; }
        }
    }
    m->nrows = m->rowcap = (size_t)rows;
    *used = 16 + (size_t)rows * rec;
    return TAC_OK;
}

static tac_status read_sparse(lp_model *m, const unsigned char *p, size_t n, size_t *used) {
    if (n < 16) return TAC_EFORMAT;
    uint64_t C = get_u32(p + 4), rows = get_u64(p + 8);
    if (C < 2 || C > 4096) return TAC_EFORMAT;
    if (rows > (n - 16) / 16) return TAC_EFORMAT;   /* a row takes at least 16 bytes */
    tac_status st = alloc_rows(m, C, rows);
    if (st) return st;
    size_t pos = 16;
    for (size_t r = 0; r < rows; r++) {
        if (n - pos < 10) { lp_free(m); return TAC_EFORMAT; }
        uint64_t key = get_u64(p + pos);
        size_t nnz = (size_t)p[pos + 8] | (size_t)p[pos + 9] << 8;
        pos += 10;
        if (nnz == 0 || nnz > C || nnz > (n - pos) / 6 || insert_key(m, key, r)) {
            lp_free(m);
            return TAC_EFORMAT;
        }
        long last = -1;
        for (size_t k = 0; k < nnz; k++, pos += 6) {
            long c = (long)((size_t)p[pos] | (size_t)p[pos + 1] << 8);
            uint32_t u = get_u32(p + pos + 2);
            float v;
            memcpy(&v, &u, 4);
            if (c <= last || (uint64_t)c >= C || !isfinite(v)) { lp_free(m); return TAC_EFORMAT; }
            m->w[r * C + (size_t)c] = v;
            last = c;
        }
    }
    m->nrows = m->rowcap = (size_t)rows;
    *used = pos;
    return TAC_OK;
}

tac_status lp_read(lp_model *m, const unsigned char *p, size_t n, size_t *used) {
    memset(m, 0, sizeof *m);
    if (n >= 4 && get_u32(p) == LP_SPARSE) return read_sparse(m, p, n, used);
    return read_dense(m, p, n, used);
}
