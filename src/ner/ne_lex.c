/*
 * ne_lex.c - word and entity-span statistics for the NER tagger, counted
 * over a training corpus (optionally leaving out one fold of documents,
 * so that training sees lexicon features as unreliable as on new text).
 */
#include "ne_lex.h"
#include "../core/alloc.h"
#include "../learn/modelfile.h"
#include "../learn/perceptron.h"

#include <string.h>

enum { TM_WORD = 9001, TM_SPAN = 9002 };

size_t ne_lower(const char *s, char *out, size_t cap) {
    size_t n = 0;
    for (; s[n] && n + 1 < cap; n++) {
        char ch = s[n];
        out[n] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    out[n] = 0;
    return n;
}

uint64_t ne_lex_word_key(const char *lower, size_t len) { return lp_hash(TM_WORD, lower, len); }
uint64_t ne_lex_span_start(const char *lower, size_t len) { return lp_hash(TM_SPAN, lower, len); }
uint64_t ne_lex_span_more(uint64_t h, const char *lower, size_t len) {
    return lp_hash_more(lp_hash_more(h, " ", 1), lower, len);
}

void ne_lex_free(ne_lex *x) {
    tac_free(x->mem);
    memset(x, 0, sizeof *x);
}

static size_t lex_slot(const ne_lex *x, uint64_t key) {
    size_t mask = x->cap - 1, i = (size_t)key & mask;
    while (x->keys[i] && x->keys[i] != key) i = (i + 1) & mask;
    return i;
}

uint32_t ne_lex_get(const ne_lex *x, uint64_t key) {
    if (!x->cap) return 0;
    size_t i = lex_slot(x, key);
    return x->keys[i] ? x->vals[i] : 0;
}

static void lex_put(ne_lex *x, uint64_t key, uint32_t val);

static int lex_alloc(ne_lex *x, size_t n);

/* An empty table of cap slots (a power of two) in x: keys then values in
 * one zeroed block, on huge pages when large (the gazetteer's is 6 MB,
 * and faulting it in 4 KB at a time was most of loading it). Returns 0 or
 * -1 (no memory; x then empty). */
static int lex_make(ne_lex *x, size_t cap) {
    memset(x, 0, sizeof *x);
    if (cap > SIZE_MAX / 16) return -1;
    x->keys = tac_calloc_huge(cap * (sizeof *x->keys + sizeof *x->vals), &x->mem);
    if (!x->keys) return -1;
    x->vals = (uint32_t *)(void *)(x->keys + cap);
    x->cap = cap;
    return 0;
}

tac_status ne_lex_copy(const ne_lex *a, ne_lex *b) {
    memset(b, 0, sizeof *b);
    if (!a->cap) return TAC_OK;
    if (lex_make(b, a->cap)) return TAC_ENOMEM;
    memcpy(b->keys, a->keys, a->cap * sizeof *b->keys);
    memcpy(b->vals, a->vals, a->cap * sizeof *b->vals);
    b->n = a->n;
    return TAC_OK;
}

static int lex_alloc(ne_lex *x, size_t n) {
    size_t cap = 64;
    while (cap < n * 2 + 2) cap *= 2;
    return lex_make(x, cap);
}

int ne_lex_or(ne_lex *x, uint64_t key, uint32_t bits) {
    if (!key) return 0; /* cannot happen: lp_hash never returns 0 */
    if ((x->n + 1) * 2 + 2 > x->cap) {
        ne_lex old = *x;
        if (lex_alloc(x, old.n * 2 + 32)) { ne_lex_free(x); *x = old; return -1; }
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i]) lex_put(x, old.keys[i], old.vals[i]);
        ne_lex_free(&old);
    }
    size_t i = lex_slot(x, key);
    if (!x->keys[i]) { x->keys[i] = key; x->vals[i] = 0; x->n++; }
    x->vals[i] |= bits;
    return 0;
}

/* ---- counting map: key -> counts, used while building ---- */

/* occurrences; non-initial ones; capitalized non-initial ones; inside
 * an entity (words) or as a whole entity (spans) of each type */
typedef struct cnt { uint32_t total, mid, cap, in[NE_NTYPES]; } cnt;

typedef struct cmap {
    uint64_t *keys;
    uint32_t *idx;
    cnt *c;
    size_t cap, n, ccap;
} cmap;

static void cmap_free(cmap *m) {
    tac_free(m->keys);
    tac_free(m->idx);
    tac_free(m->c);
}

static int cmap_rehash(cmap *m, size_t ncap) {
    uint64_t *k = tac_calloc(ncap, sizeof *k);
    uint32_t *ix = tac_calloc(ncap, sizeof *ix);
    if (!k || !ix) { tac_free(k); tac_free(ix); return -1; }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = (size_t)m->keys[i] & (ncap - 1);
        while (k[j]) j = (j + 1) & (ncap - 1);
        k[j] = m->keys[i];
        ix[j] = m->idx[i];
    }
    tac_free(m->keys);
    tac_free(m->idx);
    m->keys = k;
    m->idx = ix;
    m->cap = ncap;
    return 0;
}

/* Counts of key; created when add is set, else NULL when absent. */
static cnt *cmap_get(cmap *m, uint64_t key, int add) {
    if (m->cap) {
        size_t i = (size_t)key & (m->cap - 1);
        while (m->keys[i] && m->keys[i] != key) i = (i + 1) & (m->cap - 1);
        if (m->keys[i]) return &m->c[m->idx[i]];
    }
    if (!add) return NULL;
    if ((m->n + 1) * 2 > m->cap && cmap_rehash(m, m->cap ? m->cap * 2 : 1024)) return NULL;
    if (tac_grow((void **)&m->c, &m->ccap, m->n + 1, sizeof *m->c)) return NULL;
    size_t i = (size_t)key & (m->cap - 1);
    while (m->keys[i]) i = (i + 1) & (m->cap - 1);
    m->keys[i] = key;
    m->idx[i] = (uint32_t)m->n;
    memset(&m->c[m->n], 0, sizeof *m->c);
    return &m->c[m->n++];
}

static uint32_t ratio_bucket(uint32_t part, uint32_t total) {
    if (!part || !total) return 0;
    double r = (double)part / total;
    return r < 1.0 / 3 ? 1 : r < 2.0 / 3 ? 2 : 3;
}

static uint32_t cap_bucket(uint32_t capd, uint32_t total) {
    if (!total) return 0;
    double r = (double)capd / total;
    return r == 0 ? 1 : r < 0.25 ? 2 : r < 0.75 ? 3 : r < 1 ? 4 : 5;
}

static int is_upper(char ch) { return ch >= 'A' && ch <= 'Z'; }

static int use_sent(const ne_corpus *c, size_t s, int nfolds, int skip) {
    return skip < 0 || (int)(c->sents[s].doc % (size_t)nfolds) != skip;
}

/* Word counts: occurrences, capitalized non-initial occurrences, and
 * occurrences inside an entity of each type. */
static int count_words(const ne_corpus *c, int nfolds, int skip, cmap *w) {
    char low[NE_LOWCAP];
    for (size_t s = 0; s < c->nsents; s++) {
        if (!use_sent(c, s, nfolds, skip)) continue;
        const ne_sent *st = &c->sents[s];
        for (size_t i = 0; i < st->ntoks; i++) {
            const char *f = c->forms[st->tok0 + i];
            size_t n = ne_lower(f, low, sizeof low);
            cnt *k = cmap_get(w, ne_lex_word_key(low, n), 1);
            if (!k) return -1;
            k->total++;
            if (i > 0) { k->mid++; k->cap += is_upper(f[0]); }
            int t = c->tags[st->tok0 + i];
            if (t) k->in[NE_BIO_TYPE(t)]++;
        }
    }
    return 0;
}

/* Entity spans (as whole entities, by type), then how often each such
 * token sequence occurs at all. */
static int count_spans(const ne_corpus *c, int nfolds, int skip, cmap *sp) {
    char low[NE_LOWCAP];
    for (size_t s = 0; s < c->nsents; s++) {
        if (!use_sent(c, s, nfolds, skip)) continue;
        const ne_sent *st = &c->sents[s];
        const uint8_t *tg = c->tags + st->tok0;
        for (size_t i = 0; i < st->ntoks; i++) {
            if (!tg[i]) continue;
            int t = NE_BIO_TYPE(tg[i]);
            if (i > 0 && !NE_BIO_IS_B(tg[i]) && tg[i - 1] && NE_BIO_TYPE(tg[i - 1]) == t) continue;
            size_t j = i + 1;
            while (j < st->ntoks && tg[j] == NE_BIO_I(t)) j++;
            if (j - i > NE_LEX_MAXSPAN) continue;
            uint64_t h = 0;
            for (size_t k = i; k < j; k++) {
                size_t n = ne_lower(c->forms[st->tok0 + k], low, sizeof low);
                h = k == i ? ne_lex_span_start(low, n) : ne_lex_span_more(h, low, n);
            }
            cnt *e = cmap_get(sp, h, 1);
            if (!e) return -1;
            e->in[t]++;
        }
    }
    for (size_t s = 0; s < c->nsents; s++) {
        if (!use_sent(c, s, nfolds, skip)) continue;
        const ne_sent *st = &c->sents[s];
        for (size_t i = 0; i < st->ntoks; i++) {
            uint64_t h = 0;
            for (size_t k = i; k < st->ntoks && k < i + NE_LEX_MAXSPAN; k++) {
                size_t n = ne_lower(c->forms[st->tok0 + k], low, sizeof low);
                h = k == i ? ne_lex_span_start(low, n) : ne_lex_span_more(h, low, n);
                cnt *e = cmap_get(sp, h, 0);
                if (e) e->total++;
            }
        }
    }
    return 0;
}

static void lex_put(ne_lex *x, uint64_t key, uint32_t val) {
    size_t i = lex_slot(x, key);
    if (!x->keys[i]) x->n++;
    x->keys[i] = key;
    x->vals[i] = val;
}

tac_status ne_lex_build(const ne_corpus *c, int nfolds, int skip, ne_lex *x) {
    memset(x, 0, sizeof *x);
    cmap w = {0}, sp = {0};
    tac_status st = TAC_ENOMEM;
    if (count_words(c, nfolds, skip, &w) || count_spans(c, nfolds, skip, &sp)) goto done;
    if (lex_alloc(x, w.n + sp.n)) goto done;
    /* word and span keys come from distinct templates: they cannot collide
     * except by a 64-bit accident, where the later one wins */
    for (size_t i = 0; i < w.cap; i++) {
        if (!w.keys[i]) continue;
        const cnt *k = &w.c[w.idx[i]];
        uint32_t v = cap_bucket(k->cap, k->mid) | NE_LEX_KNOWN;
        for (int t = 0; t < NE_NTYPES; t++) v |= ratio_bucket(k->in[t], k->total) << (4 + 2 * t);
        lex_put(x, w.keys[i], v);
    }
    for (size_t i = 0; i < sp.cap; i++) {
        if (!sp.keys[i]) continue;
        const cnt *k = &sp.c[sp.idx[i]];
        uint32_t v = 0;
        for (int t = 0; t < NE_NTYPES; t++) v |= ratio_bucket(k->in[t], k->total) << (2 * t);
        if (v) lex_put(x, sp.keys[i], v);
    }
    st = TAC_OK;
done:
    cmap_free(&w);
    cmap_free(&sp);
    return st;
}

/* ---- serialization ----
 * A slot map (mf_put_slots) of the table as it is, then the keys of the
 * occupied slots, then their values: loading puts them back in the same
 * slots with two sequential copies instead of re-inserting every key
 * (a cache miss each: ~25 ms for the gazetteer's 160k names). */

static int lex_used(const void *t, size_t i) {
    const ne_lex *x = t;
    return x->cap && x->keys[i] != 0;
}

int ne_lex_write(const ne_lex *x, FILE *f) {
    /* an empty lexicon (no gazetteer) is written as the smallest table */
    if (mf_put_slots(f, x, x->cap ? x->cap : 64, lex_used)) return -1;
    for (size_t i = 0; i < x->cap; i++)
        if (x->keys[i] && mf_put_u64(f, x->keys[i])) return -1;
    for (size_t i = 0; i < x->cap; i++)
        if (x->keys[i] && mf_put_u32(f, x->vals[i])) return -1;
    return 0;
}

tac_status ne_lex_read(ne_lex *x, const unsigned char *p, size_t n, size_t *used) {
    memset(x, 0, sizeof *x);
    mf_cursor c;
    mf_slots s;
    mf_cursor_init(&c, p, n);
    if (mf_get_slots(&c, &s)) return TAC_EFORMAT;
    const unsigned char *keys = mf_get_bytes(&c, s.nused * 8), *vals = mf_get_bytes(&c, s.nused * 4);
    if (!keys || !vals) return TAC_EFORMAT;
    for (size_t i = 0; i < s.nused; i++) {
        uint64_t k;
        memcpy(&k, keys + 8 * i, 8);
        if (!k) return TAC_EFORMAT;     /* would read as an empty slot */
    }
    if (lex_make(x, s.nslots)) return TAC_ENOMEM;
    mf_scatter(&s, x->keys, keys, 8);
    mf_scatter(&s, x->vals, vals, 4);
    x->n = s.nused;
    *used = c.pos;
    return TAC_OK;
}
