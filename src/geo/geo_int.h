/*
 * geo_int.h - internals of the gazetteer shared by geo_load.c (reading the
 * GeoNames files) and geo_index.c (the name index and lookups).
 */
#ifndef TAC_GEO_INT_H
#define TAC_GEO_INT_H

#include "geo.h"

/* Index values: the place, plus flags on the name that led to it. */
#define GEO_VAL_PLACE 0x0FFFFFFFu
#define GEO_VAL_CAPS 0x40000000u    /* the name is written in capitals only */
#define GEO_VAL_DEMONYM 0x80000000u /* a demonym of the country, not a name */

/* Names are kept as 64-bit hashes of their keys, not as strings: with the
 * ~400,000 names a false match has a probability near 1e-8, and the index
 * stays at 12 bytes a slot. Open addressing, capacity a power of two; the
 * same hash may appear in several slots (one per place with that name). */
struct geo_gaz {
    geo_place *v;
    size_t n, cap;
    uint32_t *name_off, *feat_off; /* pool offsets while loading; -1 none */
    int32_t *admin1_of;            /* place -> admin1 place index, or -1 */
    char *pool;                    /* place names and feature codes */
    size_t plen, pcap;
    uint64_t *h;                   /* 0 = empty slot */
    uint32_t *val;
    size_t tcap, tn;
};

uint64_t geo_hash(const char *key, size_t n);
/* Adds (key hash -> val) unless the same pair is there. 0 or -1 (no memory). */
int geo_index_add(geo_gaz *g, uint64_t h, uint32_t val);
/* Grows the index for about `names` more names at once. 0 or -1. */
int geo_index_reserve(geo_gaz *g, size_t names);
/* Normalizes s and adds it for place i with flags; names whose key does not
 * fit or is empty are skipped. 0 or -1. */
int geo_add_name(geo_gaz *g, const char *s, size_t n, uint32_t i, uint32_t flags);
/* First place whose internal code key (e.g. "\1US.CA", "\2US", "\3USA") is
 * h, or -1. */
long geo_lookup_code(const geo_gaz *g, uint64_t h);

#endif
