/*
 * geo.h - the gazetteer (prefix geo_): countries, first-level divisions and
 * cities over 15,000 people from GeoNames (data/geo, CC BY 4.0), indexed by
 * every usable name, built once at load time and read-only afterwards.
 */
#ifndef TAC_GEO_H
#define TAC_GEO_H

#include <stddef.h>
#include <stdint.h>
#include "tacitus.h"

typedef enum { GEO_COUNTRY = 0, GEO_ADMIN1 = 1, GEO_CITY = 2 } geo_kind;

/* One place. Strings point into the gazetteer (valid until geo_close). */
typedef struct geo_place {
    const char *name;       /* GeoNames name (UTF-8) */
    const char *feature;    /* GeoNames feature code: PCLI, ADM1, PPLC, PPLA... */
    const char *admin1;     /* name of the first-level division, or NULL */
    char iso2[3], iso3[4];  /* country */
    geo_kind kind;
    uint32_t geonames_id;
    uint32_t population;    /* admin1: sum of its cities over 15,000 */
    float lat, lon;         /* admin1: population-weighted mean of its cities */
} geo_place;

typedef struct geo_gaz geo_gaz;

/* Builds the gazetteer from data_dir/geo (countryInfo.tsv,
 * admin1CodesASCII.txt, cities15000.txt, country_latlng.tsv,
 * demonyms/demonyms_eng.tsv). A missing folder leaves *out NULL and is not
 * an error; unreadable or malformed files are. The caller owns *out. */
tac_status geo_open(const char *data_dir, geo_gaz **out, tac_error *err);
void geo_close(geo_gaz *g);

/* Normalizes a name for lookup into key[cap]: ASCII lower case, periods and
 * commas dropped, runs of spaces and hyphens as one space. Returns the key's
 * length, 0 when it does not fit. */
size_t geo_key(const char *s, size_t n, char *key, size_t cap);

/* Places whose names normalize to key (from geo_key): up to max indices into
 * out, returns how many there are in all (may exceed max). all_caps says
 * whether the text was written in capitals: names listed only in capitals
 * ("US", "UK", "DPRK") match only then. */
size_t geo_find(const geo_gaz *g, const char *key, size_t n, int all_caps, uint32_t *out,
                size_t max);
const geo_place *geo_get(const geo_gaz *g, uint32_t i);

/* Country of a demonym or adjective ("Iraqi", "Afghan"): ISO3 or NULL. */
const char *geo_demonym(const geo_gaz *g, const char *key, size_t n);
/* 1 when iso3 is a country the gazetteer knows. */
int geo_is_country(const geo_gaz *g, const char *iso3);
/* Number of places and bytes held (for `tacitus bench` and the docs). */
size_t geo_count(const geo_gaz *g);
size_t geo_bytes(const geo_gaz *g);

#endif
