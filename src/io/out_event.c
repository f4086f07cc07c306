/*
 * out_event.c - reads one event of a native JSON record into the flat
 * ow_event every writer renders, and the small shared helpers: country
 * tables, CAMEO actor code splitting, event numbers, tab-safe fields.
 */
#include "out.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *key) {
    return json_string_value(json_object_get(o, key));
}

static long long integer(json_t *o, const char *key, long long unknown) {
    json_t *v = json_object_get(o, key);
    if (json_is_integer(v)) return json_integer_value(v);
    if (json_is_string(v)) {
        /* geonames ids sometimes arrive as strings */
        char *end;
        long long n = strtoll(json_string_value(v), &end, 10);
        if (end != json_string_value(v) && !*end) return n;
    }
    return unknown;
}

static int number(json_t *o, const char *key, double *out) {
    json_t *v = json_object_get(o, key);
    if (!json_is_number(v)) return 0;
    *out = json_number_value(v);
    return 1;
}

/* The place of an event: an object, an index into the article's places, or
 * a bare name. Fills what it finds; other branches decide the shape. */
void ow_event_place(ow_event *e, json_t *art, json_t *p) {
    if (json_is_integer(p)) p = json_array_get(json_object_get(art, "places"), (size_t)json_integer_value(p));
    if (json_is_string(p)) { e->pl_name = json_string_value(p); return; }
    if (!json_is_object(p)) return;
    e->pl_name = str(p, "name");
    e->pl_country = str(p, "country");
    e->pl_admin1 = str(p, "admin1");
    e->pl_feature = str(p, "feature");
    e->geonames_id = integer(p, "geonames_id", 0);
    e->has_latlon = number(p, "lat", &e->lat) && number(p, "lon", &e->lon);
}

void ow_event_read(ow_event *e, json_t *art, json_t *ev) {
    memset(e, 0, sizeof *e);
    e->event = ev;
    e->id = str(ev, "id");
    e->date = str(ev, "date");
    if (!e->date) e->date = str(art, "date");
    json_t *s = json_object_get(ev, "source"), *t = json_object_get(ev, "target");
    e->src_code = str(s, "code");
    e->src_text = str(s, "text");
    e->tgt_code = str(t, "code");
    e->tgt_text = str(t, "text");
    e->cameo = str(ev, "cameo");
    e->base = str(ev, "base");
    e->root = str(ev, "root");
    e->quad = (int)integer(ev, "quad_class", 0);
    e->has_goldstein = number(ev, "goldstein", &e->goldstein);
    json_t *pl = json_object_get(ev, "plover");
    e->pl_type = str(pl, "type");
    e->pl_mode = str(pl, "mode");
    e->pl_context = str(pl, "context");
    e->modality = str(ev, "modality");
    e->pattern = str(ev, "pattern");
    e->sentence = (long)integer(ev, "sentence", -1);
    json_t *tr = json_object_get(ev, "trigger");
    e->trigger = str(tr, "text");
    json_t *span = json_object_get(tr, "span");
    e->trig_start = e->trig_end = -1;
    if (json_is_integer(json_array_get(span, 0)) && json_is_integer(json_array_get(span, 1))) {
        e->trig_start = json_integer_value(json_array_get(span, 0));
        e->trig_end = json_integer_value(json_array_get(span, 1));
    }
    ow_event_place(e, art, json_object_get(ev, "place"));
    e->art_id = str(art, "id");
    e->art_source = str(art, "source");
    e->art_url = str(art, "url");
    e->art_title = str(art, "title");
    e->num_mentions = e->num_sources = e->num_articles = 1;
}

/* ---- country tables ------------------------------------------------------ */

typedef struct ow_country {
    char iso3[4], fips[3];
} ow_country;

struct ow_tables {
    ow_country *v; /* sorted by iso3 */
    size_t n;
};

static int country_cmp(const void *a, const void *b) {
    return strcmp(((const ow_country *)a)->iso3, ((const ow_country *)b)->iso3);
}

/* Reads "ISO ISO3 ISO-Numeric fips ..." rows (tab-separated, '#' comments). */
tac_status ow_tables_open(const char *data_dir, ow_tables **out, tac_error *err) {
    err_clear(err);
    *out = NULL;
    ow_tables *t = tac_calloc(1, sizeof *t);
    if (!t) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    char path[4096];
    snprintf(path, sizeof path, "%s/geo/countryInfo.tsv", data_dir ? data_dir : "data");
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT) { *out = t; return TAC_OK; }
        tac_free(t);
        return err_set(err, TAC_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    }
    char line[4096];
    size_t cap = 0;
    tac_status st = TAC_OK;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        char *f1 = strchr(line, '\t'), *f2 = f1 ? strchr(f1 + 1, '\t') : NULL;
        char *f3 = f2 ? strchr(f2 + 1, '\t') : NULL;
        if (!f3 || f2 - f1 != 4) continue; /* not a country row */
        if (tac_grow((void **)&t->v, &cap, t->n + 1, sizeof *t->v)) {
            st = err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
            break;
        }
        ow_country *c = &t->v[t->n++];
        memcpy(c->iso3, f1 + 1, 3);
        c->iso3[3] = 0;
        size_t fl = strcspn(f3 + 1, "\t\r\n");
        if (fl == 2) memcpy(c->fips, f3 + 1, 2);
        c->fips[fl == 2 ? 2 : 0] = 0;
    }
    if (st == TAC_OK && ferror(f)) st = err_set(err, TAC_EIO, path, 0, -1, "read error");
    fclose(f);
    if (st != TAC_OK) { ow_tables_free(t); return st; }
    if (t->n) qsort(t->v, t->n, sizeof *t->v, country_cmp); /* t->v is NULL when no rows */
    *out = t;
    return TAC_OK;
}

void ow_tables_free(ow_tables *t) {
    if (!t) return;
    tac_free(t->v);
    tac_free(t);
}

static const ow_country *find_country(const ow_tables *t, const char *s) {
    if (!t || !s) return NULL;
    ow_country key;
    memcpy(key.iso3, s, 3);
    key.iso3[3] = 0;
    if (strlen(key.iso3) != 3) return NULL;
    return bsearch(&key, t->v, t->n, sizeof *t->v, country_cmp);
}

const char *ow_fips(const ow_tables *t, const char *iso3) {
    if (!iso3 || strlen(iso3) != 3) return NULL;
    const ow_country *c = find_country(t, iso3);
    return c && c->fips[0] ? c->fips : NULL;
}

int ow_is_country(const ow_tables *t, const char *s) { return find_country(t, s) != NULL; }

/* ---- CAMEO actor codes ------------------------------------------------------ */

/* Role codes of the CAMEO manual (domestic and international), religions;
 * "|" separated so a lookup is one strstr of "|XYZ|". */
static const char role_codes[] =
    "|COP|GOV|INS|JUD|MIL|OPP|PTY|REB|SEP|SPY|UAF|AGR|BUS|CRM|CVL|DEV|EDU|ELI|ENV|HLH|HRI"
    "|LAB|LEG|MED|REF|MOD|RAD|AMN|IRC|GRP|UNO|PKO|UIS|IGO|IMG|INT|NGM|NGO|MNC|";
static const char religion_codes[] =
    "|ADR|ATH|BAH|BUD|CHR|CON|HIN|JAN|JEW|MOS|SHN|SIK|TAO|ZRO|CTH|ORT|PRO|SHI|SUN|ALE|DOX|"
    "EVA|MRN|LDS|JHW|ITR|NRM|";

static int in_list(const char *list, const char *code) {
    char k[6] = {'|', code[0], code[1], code[2], '|', 0};
    return strstr(list, k) != NULL;
}

void ow_actor_split(const ow_tables *t, const char *code, ow_actor *a) {
    memset(a, 0, sizeof *a);
    if (!code) return;
    size_t n = strlen(code), nt = 0;
    for (size_t i = 0; i + 3 <= n; i += 3) {
        char c[4] = {code[i], code[i + 1], code[i + 2], 0};
        if (!strcmp(c, "---")) continue;
        if (i == 0 && ow_is_country(t, c)) memcpy(a->country, c, 4);
        else if (in_list(role_codes, c)) { if (nt < 3) memcpy(a->type[nt++], c, 4); }
        else if (in_list(religion_codes, c)) memcpy(a->rel1[0] ? a->rel2 : a->rel1, c, 4);
        else if (c[0] >= 'a' && c[0] <= 'z') memcpy(a->ethnic, c, 4); /* CAMEO ethnic codes are lower case */
        else if (!a->group[0]) memcpy(a->group, c, 4);
    }
}

/* ---- helpers ------------------------------------------------------------------ */

uint64_t ow_event_number(const char *id) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)(id ? id : ""); *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    h &= (1ull << 53) - 1;
    return h ? h : 1;
}

int ow_put_field(buf *b, const char *s) {
    if (!s) return 0;
    size_t start = b->len;
    if (buf_puts(b, s)) return -1;
    for (size_t i = start; i < b->len; i++)
        if (b->data[i] == '\t' || b->data[i] == '\n' || b->data[i] == '\r') b->data[i] = ' ';
    return 0;
}
