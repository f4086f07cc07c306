/*
 * geo_load.c - builds the gazetteer from the GeoNames files in data/geo:
 * countries (with coordinates and demonyms), first-level divisions and
 * cities over 15,000 people, each under its name, ASCII name and usable
 * alternate names. Everything is read once, at engine load.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "geo_int.h"
#include "../core/alloc.h"
#include "../core/error.h"

/* Whole file, NUL-terminated, owned by the caller. NULL with errno set. */
static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *s = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (s = tac_malloc((size_t)n + 1)) && fread(s, 1, (size_t)n, f) == (size_t)n) {
        s[n] = 0;
        *len = (size_t)n;
    } else {
        tac_free(s);
        s = NULL;
        if (!errno) errno = EIO;
    }
    fclose(f);
    return s;
}

/* Splits line at tabs in place into f[max]; returns the field count. */
static int split(char *line, char sep, char **f, int max) {
    int k = 0;
    f[k++] = line;
    for (char *p = line; *p && k < max; p++)
        if (*p == sep) {
            *p = 0;
            f[k++] = p + 1;
        }
    return k;
}

/* Next line of *p (modified in place: the newline becomes NUL), or NULL. */
static char *next_line(char **p) {
    char *s = *p;
    if (!*s) return NULL;
    char *e = strchr(s, '\n');
    if (e) {
        *e = 0;
        if (e > s && e[-1] == '\r') e[-1] = 0;
        *p = e + 1;
    } else {
        *p = s + strlen(s);
    }
    return s;
}

static uint32_t pool_add(geo_gaz *g, const char *s) {
    size_t n = strlen(s) + 1;
    if (g->plen + n > g->pcap) {
        size_t nc = g->pcap ? g->pcap * 2 : 1u << 16;
        while (nc < g->plen + n) nc *= 2;
        char *p = tac_realloc(g->pool, nc);
        if (!p) return UINT32_MAX;
        g->pool = p;
        g->pcap = nc;
    }
    memcpy(g->pool + g->plen, s, n);
    g->plen += n;
    return (uint32_t)(g->plen - n);
}

/* Appends a place; returns its index or -1 (no memory). */
static long add_place(geo_gaz *g, geo_kind kind, const char *name, const char *feature,
                      const char *iso2) {
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 1024;
        geo_place *v = tac_realloc(g->v, nc * sizeof *v);
        if (v) g->v = v;
        uint32_t *a = tac_realloc(g->name_off, nc * sizeof *a);
        if (a) g->name_off = a;
        uint32_t *b = tac_realloc(g->feat_off, nc * sizeof *b);
        if (b) g->feat_off = b;
        int32_t *c = tac_realloc(g->admin1_of, nc * sizeof *c);
        if (c) g->admin1_of = c;
        if (!v || !a || !b || !c) return -1;
        g->cap = nc;
    }
    geo_place *p = &g->v[g->n];
    memset(p, 0, sizeof *p);
    p->kind = kind;
    memcpy(p->iso2, iso2, 2);
    g->name_off[g->n] = pool_add(g, name);
    g->feat_off[g->n] = pool_add(g, feature);
    g->admin1_of[g->n] = -1;
    if (g->name_off[g->n] == UINT32_MAX || g->feat_off[g->n] == UINT32_MAX) return -1;
    return (long)g->n++;
}

static int add_code(geo_gaz *g, char tag, const char *code, uint32_t i) {
    char k[32];
    size_t n = strlen(code);
    if (n + 1 >= sizeof k) return 0;
    k[0] = tag;
    memcpy(k + 1, code, n);
    return geo_index_add(g, geo_hash(k, n + 1), i);
}

static long find_code(const geo_gaz *g, char tag, const char *code) {
    char k[32];
    size_t n = strlen(code);
    if (n + 1 >= sizeof k) return -1;
    k[0] = tag;
    memcpy(k + 1, code, n);
    return geo_lookup_code(g, geo_hash(k, n + 1));
}

/* GEO_VAL_CAPS when s has capitals and no lower-case letter ("US", "DPRK"). */
static uint32_t caps_flag(const char *s) {
    int up = 0;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z') return 0;
        up |= *s >= 'A' && *s <= 'Z';
    }
    return up ? GEO_VAL_CAPS : 0;
}

static int add_name(geo_gaz *g, const char *s, uint32_t i, uint32_t flags) {
    return geo_add_name(g, s, strlen(s), i, flags | caps_flag(s));
}

/* An alternate name of a city worth indexing: Latin letters only, written as
 * a name (capital first, some lower case), 3 to 40 bytes. Codes ("NYC"),
 * transliterations with digits or other scripts are left out. */
static int usable_alt(const char *s, size_t n) {
    if (n < 3 || n > 40 || s[0] < 'A' || s[0] > 'Z') return 0;
    int lower = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z') lower = 1;
        else if (!((c >= 'A' && c <= 'Z') || c == ' ' || c == '-' || c == '\'' || c == '.'))
            return 0;
    }
    return lower;
}

/* countryInfo.tsv: ISO, ISO3, numeric, fips, name, capital, area, population,
 * continent, ..., geonameid (field 16). */
static int load_countries(geo_gaz *g, char *s) {
    char *line, *f[20];
    while ((line = next_line(&s))) {
        if (line[0] == '#' || !line[0]) continue;
        if (split(line, '\t', f, 20) < 17 || strlen(f[0]) != 2 || strlen(f[1]) != 3) continue;
        long i = add_place(g, GEO_COUNTRY, f[4], "PCL", f[0]);
        if (i < 0) return -1;
        geo_place *p = &g->v[i];
        memcpy(p->iso3, f[1], 3);
        p->population = (uint32_t)strtoul(f[7], NULL, 10);
        p->geonames_id = (uint32_t)strtoul(f[16], NULL, 10);
        if (add_name(g, f[4], (uint32_t)i, 0) || add_code(g, '\2', f[0], (uint32_t)i) ||
            add_code(g, '\3', f[1], (uint32_t)i))
            return -1;
    }
    return 0;
}

/* country_latlng.tsv: cca3, lat, lon. */
static void load_latlng(geo_gaz *g, char *s) {
    char *line, *f[4];
    while ((line = next_line(&s))) {
        if (line[0] == '#' || split(line, '\t', f, 4) < 3) continue;
        long i = find_code(g, '\3', f[0]);
        if (i < 0) continue;
        g->v[i].lat = strtof(f[1], NULL);
        g->v[i].lon = strtof(f[2], NULL);
    }
}

/* demonyms_eng.tsv: cca2, cca3, common name, official name, demonym m/f,
 * alternate spellings separated by '|'. Two-letter spellings equal to the
 * ISO code ("IN", "AT") are skipped: they are words too. */
static int load_demonyms(geo_gaz *g, char *s) {
    char *line, *f[8], *alt[64];
    while ((line = next_line(&s))) {
        if (line[0] == '#' || split(line, '\t', f, 8) < 7) continue;
        long i = find_code(g, '\3', f[1]);
        if (i < 0) continue;
        uint32_t u = (uint32_t)i;
        if (add_name(g, f[2], u, 0) || add_name(g, f[3], u, 0) ||
            geo_add_name(g, f[4], strlen(f[4]), u, GEO_VAL_DEMONYM) ||
            geo_add_name(g, f[5], strlen(f[5]), u, GEO_VAL_DEMONYM))
            return -1;
        int na = split(f[6], '|', alt, 64);
        for (int k = 0; k < na; k++) {
            if (strcmp(alt[k], f[0]) == 0 || strchr(alt[k], ',')) continue;
            int ascii = 1;
            for (const char *c = alt[k]; *c; c++) ascii &= (unsigned char)*c < 0x80;
            if (ascii && add_name(g, alt[k], u, 0)) return -1;
        }
    }
    return 0;
}

/* tacitus.places.tsv (the project's additions): name, ISO3, and "demonym"
 * in a third column for adjectives. */
static int load_extra(geo_gaz *g, char *s) {
    char *line, *f[4];
    while ((line = next_line(&s))) {
        int nf = line[0] == '#' ? 0 : split(line, '\t', f, 4);
        if (nf < 2) continue;
        long i = find_code(g, '\3', f[1]);
        if (i < 0) continue;
        if (nf >= 3 && strcmp(f[2], "demonym") == 0
                ? geo_add_name(g, f[0], strlen(f[0]), (uint32_t)i, GEO_VAL_DEMONYM)
                : add_name(g, f[0], (uint32_t)i, 0))
            return -1;
    }
    return 0;
}

/* admin1CodesASCII.txt: "CC.code", name, ASCII name, geonameid. */
static int load_admin1(geo_gaz *g, char *s) {
    char *line, *f[5];
    while ((line = next_line(&s))) {
        if (split(line, '\t', f, 5) < 4 || strlen(f[0]) < 4 || f[0][2] != '.') continue;
        long c = find_code(g, '\2', (char[3]){f[0][0], f[0][1], 0});
        if (c < 0) continue;
        long i = add_place(g, GEO_ADMIN1, f[1], "ADM1", f[0]);
        if (i < 0) return -1;
        memcpy(g->v[i].iso3, g->v[c].iso3, 3);
        g->v[i].geonames_id = (uint32_t)strtoul(f[3], NULL, 10);
        if (add_name(g, f[1], (uint32_t)i, 0) || add_name(g, f[2], (uint32_t)i, 0) ||
            add_code(g, '\1', f[0], (uint32_t)i))
            return -1;
    }
    return 0;
}

/* A decimal number as GeoNames writes coordinates ("-33.86785"); strtod's
 * locale handling made it a tenth of the load time. */
static double dec(const char *s) {
    int neg = *s == '-';
    s += neg || *s == '+';
    double v = 0, scale = 1;
    for (; *s >= '0' && *s <= '9'; s++) v = v * 10 + (*s - '0');
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++) v += (*s - '0') * (scale /= 10);
    return neg ? -v : v;
}

/* cities15000.txt: geonameid, name, asciiname, alternatenames, lat, lon,
 * feature class, feature code, country, cc2, admin1, ..., population (14). */
static int load_cities(geo_gaz *g, char *s, double *wsum) {
    char *line, *f[20];
    while ((line = next_line(&s))) {
        if (split(line, '\t', f, 20) < 15 || strlen(f[8]) != 2) continue;
        long c = find_code(g, '\2', f[8]);
        if (c < 0) continue;
        long i = add_place(g, GEO_CITY, f[1], f[7], f[8]);
        if (i < 0) return -1;
        geo_place *p = &g->v[i];
        memcpy(p->iso3, g->v[c].iso3, 3);
        p->geonames_id = (uint32_t)strtoul(f[0], NULL, 10);
        p->lat = (float)dec(f[4]);
        p->lon = (float)dec(f[5]);
        p->population = (uint32_t)strtoul(f[14], NULL, 10);
        char code[24];
        size_t na = strlen(f[10]);
        long a = -1;
        if (na && na < 20) {
            memcpy(code, f[8], 2);
            code[2] = '.';
            memcpy(code + 3, f[10], na + 1);
            a = find_code(g, '\1', code);
        }
        g->admin1_of[i] = (int32_t)a;
        if (a >= 0) { /* the division's point: population-weighted mean */
            double w = p->population;
            g->v[a].population += p->population;
            wsum[3 * a] += w;
            wsum[3 * a + 1] += w * p->lat;
            wsum[3 * a + 2] += w * p->lon;
        }
        uint32_t u = (uint32_t)i;
        if (add_name(g, f[1], u, 0) || add_name(g, f[2], u, 0)) return -1;
        /* alternate names (exonyms such as "Genova", "Peking") only for cities
         * large or central enough to be written about abroad: a third of the
         * load time otherwise, for towns known under their own name */
        int alts = p->population >= 100000 || strncmp(f[7], "PPLA", 4) == 0 ||
                   strcmp(f[7], "PPLC") == 0;
        for (char *q = alts ? f[3] : ""; *q;) {
            char *e = strchr(q, ',');
            size_t n = e ? (size_t)(e - q) : strlen(q);
            if (usable_alt(q, n) && geo_add_name(g, q, n, u, 0)) return -1;
            q += n + (e != NULL);
        }
    }
    return 0;
}

static tac_status load_file(const char *dir, const char *name, int optional, char **out,
                            tac_error *err) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len;
    errno = 0;
    *out = read_all(path, &len);
    if (*out || (optional && errno == ENOENT)) return TAC_OK;
    if (errno == ENOMEM || !errno) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    return err_set(err, TAC_EIO, path, 0, -1, "cannot read: %s", strerror(errno));
}

void geo_close(geo_gaz *g) {
    if (!g) return;
    tac_free(g->v);
    tac_free(g->name_off);
    tac_free(g->feat_off);
    tac_free(g->admin1_of);
    tac_free(g->pool);
    tac_free(g->h);
    tac_free(g->val);
    tac_free(g);
}

tac_status geo_open(const char *data_dir, geo_gaz **out, tac_error *err) {
    *out = NULL;
    char dir[4000];
    snprintf(dir, sizeof dir, "%s/geo", data_dir);
    char *countries = NULL, *latlng = NULL, *dem = NULL, *extra = NULL, *adm = NULL,
         *cities = NULL;
    double *wsum = NULL;
    geo_gaz *g = NULL;
    tac_status st = load_file(dir, "countryInfo.tsv", 1, &countries, err);
    if (st != TAC_OK || !countries) goto done; /* no gazetteer: no places */
    if ((st = load_file(dir, "country_latlng.tsv", 0, &latlng, err)) ||
        (st = load_file(dir, "demonyms/demonyms_eng.tsv", 0, &dem, err)) ||
        (st = load_file(dir, "tacitus.places.tsv", 1, &extra, err)) ||
        (st = load_file(dir, "admin1CodesASCII.txt", 0, &adm, err)) ||
        (st = load_file(dir, "cities15000.txt", 0, &cities, err)))
        goto done;
    st = TAC_ENOMEM;
    /* about one indexed name per 40 bytes of the cities file */
    if (!(g = tac_calloc(1, sizeof *g)) || geo_index_reserve(g, strlen(cities) / 64))
        goto nomem;
    if (load_countries(g, countries)) goto nomem;
    load_latlng(g, latlng);
    if (load_demonyms(g, dem) || (extra && load_extra(g, extra)) || load_admin1(g, adm))
        goto nomem;
    size_t nadm = g->n;
    if (!(wsum = tac_calloc(3 * nadm + 1, sizeof *wsum)) || load_cities(g, cities, wsum)) goto nomem;
    for (size_t i = 0; i < nadm; i++)
        if (wsum[3 * i] > 0) {
            g->v[i].lat = (float)(wsum[3 * i + 1] / wsum[3 * i]);
            g->v[i].lon = (float)(wsum[3 * i + 2] / wsum[3 * i]);
        }
    /* the pool is final: turn offsets into pointers */
    for (size_t i = 0; i < g->n; i++) {
        g->v[i].name = g->pool + g->name_off[i];
        g->v[i].feature = g->pool + g->feat_off[i];
        g->v[i].admin1 = g->v[i].kind == GEO_ADMIN1 ? g->v[i].name
                         : g->admin1_of[i] >= 0   ? g->pool + g->name_off[g->admin1_of[i]]
                                                  : NULL;
    }
    tac_free(g->name_off);
    tac_free(g->feat_off);
    tac_free(g->admin1_of);
    g->name_off = g->feat_off = NULL;
    g->admin1_of = NULL;
    *out = g;
    g = NULL;
    st = TAC_OK;
    goto done;
nomem:
    err_set(err, TAC_ENOMEM, dir, 0, -1, "out of memory loading the gazetteer");
done:
    geo_close(g);
    tac_free(wsum);
    tac_free(countries);
    tac_free(latlng);
    tac_free(dem);
    tac_free(extra);
    tac_free(adm);
    tac_free(cities);
    return st;
}
