/*
 * geo_index.c - the gazetteer's name index: key normalization, a hash
 * table from name keys to places, and the lookups the context stage uses.
 */
#include <string.h>
#include "geo_int.h"
#include "../core/alloc.h"

static int rehash(geo_gaz *g);

size_t geo_key(const char *s, size_t n, char *key, size_t cap) {
    size_t k = 0;
    int space = 1; /* drops leading separators and collapses runs */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' || c == ',') continue;
        if (c == ' ' || c == '-' || c == '\t' || c == '\n') {
            if (!space) {
                if (k + 1 >= cap) return 0;
                key[k++] = ' ';
            }
            space = 1;
            continue;
        }
        if (k + 1 >= cap) return 0;
        key[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        space = 0;
    }
    while (k && key[k - 1] == ' ') k--;
    key[k] = 0;
    return k;
}

uint64_t geo_hash(const char *key, size_t n) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211ull;
    }
    return h ? h : 1; /* 0 marks an empty slot */
}

/* Slot of a hash: the high bits folded in, since FNV's low bits are weak. */
static size_t slot(uint64_t h, size_t cap) { return (size_t)(h ^ (h >> 29)) & (cap - 1); }

int geo_index_reserve(geo_gaz *g, size_t names) {
    size_t want = 1u << 12;
    while (want < names * 2) want *= 2; /* load at most 1/2: short probes */
    while (g->tcap < want)
        if (rehash(g)) return -1;
    return 0;
}

static int rehash(geo_gaz *g) {
    size_t nc = g->tcap ? g->tcap * 2 : 1u << 12;
    uint64_t *h = tac_calloc(nc, sizeof *h);
    uint32_t *v = tac_malloc(nc * sizeof *v);
    if (!h || !v) {
        tac_free(h);
        tac_free(v);
        return -1;
    }
    for (size_t i = 0; i < g->tcap; i++) {
        if (!g->h[i]) continue;
        size_t j = slot(g->h[i], nc);
        while (h[j]) j = (j + 1) & (nc - 1);
        h[j] = g->h[i];
        v[j] = g->val[i];
    }
    tac_free(g->h);
    tac_free(g->val);
    g->h = h;
    g->val = v;
    g->tcap = nc;
    return 0;
}

int geo_index_add(geo_gaz *g, uint64_t h, uint32_t val) {
    if ((g->tn + 1) * 2 > g->tcap && rehash(g)) return -1;
    size_t j = slot(h, g->tcap);
    for (; g->h[j]; j = (j + 1) & (g->tcap - 1)) {
        /* the same place under the same key: keep the first, but a name
         * that is not capitals-only wins over a capitals-only duplicate */
        if (g->h[j] == h && ((g->val[j] ^ val) & (GEO_VAL_PLACE | GEO_VAL_DEMONYM)) == 0) {
            g->val[j] &= val | ~GEO_VAL_CAPS;
            return 0;
        }
    }
    g->h[j] = h;
    g->val[j] = val;
    g->tn++;
    return 0;
}

int geo_add_name(geo_gaz *g, const char *s, size_t n, uint32_t i, uint32_t flags) {
    char key[128];
    size_t k = geo_key(s, n, key, sizeof key);
    if (!k) return 0;
    return geo_index_add(g, geo_hash(key, k), i | flags);
}

long geo_lookup_code(const geo_gaz *g, uint64_t h) {
    if (!g->tcap) return -1;
    for (size_t j = slot(h, g->tcap); g->h[j]; j = (j + 1) & (g->tcap - 1))
        if (g->h[j] == h) return (long)(g->val[j] & GEO_VAL_PLACE);
    return -1;
}

size_t geo_find(const geo_gaz *g, const char *key, size_t n, int all_caps, uint32_t *out,
                size_t max) {
    if (!g || !g->tcap || !n) return 0;
    uint64_t h = geo_hash(key, n);
    size_t k = 0;
    for (size_t j = slot(h, g->tcap); g->h[j]; j = (j + 1) & (g->tcap - 1)) {
        uint32_t v = g->val[j];
        if (g->h[j] != h || (v & GEO_VAL_DEMONYM) || ((v & GEO_VAL_CAPS) && !all_caps)) continue;
        if (k < max) out[k] = v & GEO_VAL_PLACE;
        k++;
    }
    return k;
}

const char *geo_demonym(const geo_gaz *g, const char *key, size_t n) {
    if (!g || !g->tcap || !n) return NULL;
    uint64_t h = geo_hash(key, n);
    for (size_t j = slot(h, g->tcap); g->h[j]; j = (j + 1) & (g->tcap - 1))
        if (g->h[j] == h && (g->val[j] & GEO_VAL_DEMONYM))
            return g->v[g->val[j] & GEO_VAL_PLACE].iso3;
    return NULL;
}

const geo_place *geo_get(const geo_gaz *g, uint32_t i) { return i < g->n ? &g->v[i] : NULL; }

int geo_is_country(const geo_gaz *g, const char *iso3) {
    char k[5] = {'\3', 0, 0, 0, 0};
    if (!g || strlen(iso3) != 3) return 0;
    memcpy(k + 1, iso3, 3);
    return geo_lookup_code(g, geo_hash(k, 4)) >= 0;
}

size_t geo_count(const geo_gaz *g) { return g ? g->n : 0; }

size_t geo_bytes(const geo_gaz *g) {
    if (!g) return 0;
    return g->cap * sizeof *g->v + g->pcap + g->tcap * (sizeof *g->h + sizeof *g->val);
}
