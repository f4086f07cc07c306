/*
 * ne_gaz.c - builds the NER gazetteer from data already in the project:
 * GeoNames cities and divisions, country names and demonyms, and the
 * PETRARCH actor dictionaries (people, groups, countries). Names only;
 * the tagger learns from the training text how far to trust each kind.
 */
#include "ne_gaz.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_sep(char c) { return c == ' ' || c == '_' || c == '\t'; }
static int is_punct(char c) { return c == '-' || c == ',' || c == '/' || c == '(' || c == ')'; }

/* Whether the word w[0..n) is a company's legal form. */
static int legal_form(const char *w, size_t n) {
    static const char *const forms[] = {"inc", "inc.", "plc", "ltd", "ltd.", "llc", "corp",
                                        "corp.", "corporation", "co", "co.", "company", "sa",
                                        "ag", "nv", "limited", "group", "holdings"};
    char low[16];
    if (n >= sizeof low) return 0;
    memcpy(low, w, n);
    low[n] = 0;
    ne_lower(low, low, sizeof low);
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (!strcmp(low, forms[i])) return 1;
    return 0;
}

int ne_gaz_add(ne_lex *x, const char *name, size_t len, uint32_t cat) {
    /* token boundaries first, so over-long names cost no hashing */
    size_t start[NE_GZ_MAXSPAN], tlen[NE_GZ_MAXSPAN], nt = 0;
    for (size_t i = 0; i < len;) {
        if (is_sep(name[i])) { i++; continue; }
        size_t j = i + 1;
        if (!is_punct(name[i]))
            while (j < len && !is_sep(name[j]) && !is_punct(name[j])) j++;
        if (nt == NE_GZ_MAXSPAN) return 0;
        start[nt] = i;
        tlen[nt++] = j - i;
        i = j;
    }
    if (!nt || (nt == 1 && tlen[0] < 2)) return 0;
    if (nt > 1 && legal_form(name + start[nt - 1], tlen[nt - 1]) &&
        ne_gaz_add(x, name, start[nt - 1], cat))
        return -1;
    uint64_t h = 0, first = 0, last = 0;
    for (size_t k = 0; k < nt; k++) {
        char low[NE_LOWCAP], tok[NE_LOWCAP];
        size_t n = tlen[k] < sizeof tok - 1 ? tlen[k] : sizeof tok - 1;
        memcpy(tok, name + start[k], n);
        tok[n] = 0;
        n = ne_lower(tok, low, sizeof low);
        uint64_t one = ne_lex_span_start(low, n);
        if (k && ne_lex_or(x, h, NE_GZ_PREFIX)) return -1;
        h = k ? ne_lex_span_more(h, low, n) : one;
        if (n >= 2 && !is_punct(tok[0])) {
            if (!k) first = one;
            last = one;
        }
    }
    if (ne_lex_or(x, h, cat)) return -1;
    /* people's given and family names, alone, are the strongest clue to
     * names the list does not hold ("Ahmed Yassin", "President Karzai") */
    if ((cat & NE_GZ_PERSON) && nt > 1) {
        if (first && ne_lex_or(x, first, NE_GZ_FIRST)) return -1;
        if (last && last != first && ne_lex_or(x, last, NE_GZ_LAST)) return -1;
    }
    return 0;
}

/* The whole file path as a NUL-terminated buffer (caller frees). */
static tac_status slurp(const char *dir, const char *name, char **out, tac_error *err) {
    char path[4096];
    *out = NULL;
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return err_set(err, TAC_EIO, name, 0, -1, "gazetteer path too long");
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(err, TAC_EIO, path, 0, -1, "cannot open gazetteer file");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (tac_grow((void **)&buf, &cap, n + 65537, 1)) {
            fclose(f);
            tac_free(buf);
            return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
        }
        size_t r = fread(buf + n, 1, 65536, f);
        n += r;
        if (r < 65536) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) { tac_free(buf); return err_set(err, TAC_EIO, path, 0, -1, "read error"); }
    buf[n] = 0;
    *out = buf;
    return TAC_OK;
}

/* Splits line (NUL-terminated, modified) at tabs into f[max]; returns
 * the number of fields found (at most max). */
static int fields(char *line, char **f, int max) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') { *p = 0; f[n++] = p + 1; }
    return n;
}

/* Next line of *p (NUL-terminated in place, CR stripped), or NULL. */
static char *next_line(char **p) {
    char *s = *p;
    if (!*s) return NULL;
    char *e = strchr(s, '\n');
    if (e) { *e = 0; *p = e + 1; }
    else *p = s + strlen(s);
    size_t n = strlen(s);
    if (n && s[n - 1] == '\r') s[n - 1] = 0;
    return s;
}

static int ascii_only(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return 0;
    return 1;
}

static int has_lower(const char *s) {
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z') return 1;
    return 0;
}

static int add_str(ne_lex *x, const char *s, uint32_t cat) { return ne_gaz_add(x, s, strlen(s), cat); }

/* geonames cities: name, ASCII name and, for cities of 100,000 or more,
 * the ASCII alternate names that look like names (not codes). */
static int read_cities(char *buf, ne_lex *x) {
    char *line, *f[19];
    while ((line = next_line(&buf))) {
        if (fields(line, f, 19) < 15) continue;
        long pop = strtol(f[14], NULL, 10);
        uint32_t cat = NE_GZ_CITY | (pop >= 1000000 ? NE_GZ_BIGCITY : 0);
        if (add_str(x, f[1], cat) || add_str(x, f[2], cat)) return -1;
        if (pop < 100000) continue;
        for (char *a = f[3], *e; a && *a; a = e ? e + 1 : NULL) {
            e = strchr(a, ',');
            if (e) *e = 0;
            if (*a >= 'A' && *a <= 'Z' && has_lower(a) && ascii_only(a) && add_str(x, a, cat))
                return -1;
        }
    }
    return 0;
}

/* admin1CodesASCII: code, name, ASCII name, id. */
static int read_admin(char *buf, ne_lex *x) {
    char *line, *f[4];
    while ((line = next_line(&buf)))
        if (fields(line, f, 4) >= 3 && (add_str(x, f[1], NE_GZ_ADMIN) || add_str(x, f[2], NE_GZ_ADMIN)))
            return -1;
    return 0;
}

/* demonyms_eng.tsv: cca2, cca3, common and official names, demonyms
 * (m, f), alternate spellings separated by '|'. */
static int read_countries(char *buf, ne_lex *x) {
    char *line, *f[7];
    while ((line = next_line(&buf))) {
        if (line[0] == '#' || fields(line, f, 7) < 7) continue;
        if (add_str(x, f[2], NE_GZ_COUNTRY) || add_str(x, f[3], NE_GZ_COUNTRY) ||
            add_str(x, f[4], NE_GZ_DEMONYM) || add_str(x, f[5], NE_GZ_DEMONYM))
            return -1;
        for (char *a = f[6], *e; a && *a; a = e ? e + 1 : NULL) {
            e = strchr(a, '|');
            if (e) *e = 0;
            if (has_lower(a) && ascii_only(a) && add_str(x, a, NE_GZ_COUNTRY)) return -1;
        }
    }
    return 0;
}

/* ---- PETRARCH/TABARI actor dictionaries ----
 * An entry line names an actor, "+" lines are its synonyms, and "[CODE]"
 * or "[CODE date-date]" (same line or indented below) give its codes. An
 * actor whose codes carry dates holds offices over time: a person. A
 * country file's actor coded with a bare 3-letter country code is the
 * country (its synonyms include capitals and provinces). The rest are
 * groups: governments, parties, armed groups, IGOs, companies. */

enum { GRP_MAX = 512 };    /* names kept per actor; the longest list has 217 */

typedef struct group {
    const char *name[GRP_MAX];
    size_t len[GRP_MAX];
    int n, dated, country, company;
    int coded;              /* a code was seen */
} group;

static int flush(group *g, int countries, ne_lex *x) {
    uint32_t cat = g->dated                  ? NE_GZ_PERSON
                   : countries && g->country ? NE_GZ_COUNTRY
                   : g->company              ? NE_GZ_COMPANY
                                             : NE_GZ_GROUP;
    for (int i = 0; i < g->n; i++)
        if (ne_gaz_add(x, g->name[i], g->len[i], cat)) return -1;
    memset(g, 0, sizeof *g);
    return 0;
}

/* Reads the code after '[' at p into g. */
static void read_code(const char *p, group *g) {
    size_t n = 0;
    while (p[n] && p[n] != ']' && p[n] != ' ') n++;
    if (!g->coded) {
        g->country = n == 3;
        g->company = n >= 3 && !strncmp(p, "MNC", 3);
    }
    g->coded = 1;
    for (const char *q = p + n; *q && *q != ']'; q++)
        if (*q >= '0' && *q <= '9') { g->dated = 1; break; }
}

static int read_actors(char *buf, int countries, ne_lex *x) {
    group *g = tac_calloc(1, sizeof *g);
    if (!g) return -1;
    char *line;
    int rc = 0;
    while (!rc && (line = next_line(&buf))) {
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        char *s = line;
        while (*s == ' ' || *s == '\t') s++;
        if (!*s) continue;
        if (*s == '[') { read_code(s + 1, g); continue; }
        int syn = *s == '+';
        if (syn) s++;
        else if (g->n) rc = flush(g, countries, x);
        char *code = strchr(s, '[');
        if (code) read_code(code + 1, g);
        /* the name ends at a code, a parenthesized acronym or a second '+' */
        size_t len = strcspn(s, "[(+");
        if (!rc && g->n < GRP_MAX) {
            g->name[g->n] = s;
            g->len[g->n++] = len;
        }
    }
    if (!rc && g->n) rc = flush(g, countries, x);
    tac_free(g);
    return rc;
}

typedef struct gaz_file {
    const char *path;
    int kind;               /* 0 cities, 1 admin, 2 countries, 3 country actors, 4 actors */
} gaz_file;

/* Fixed order: the table's contents do not depend on it (bits are OR-ed),
 * but error messages and timing do. */
static const gaz_file gaz_files[] = {
    {"geo/cities15000.txt", 0},
    {"geo/admin1CodesASCII.txt", 1},
    {"geo/demonyms/demonyms_eng.tsv", 2},
    {"dict/Phoenix.Countries.actors.txt", 3},
    {"dict/Phoenix.International.actors.txt", 4},
    {"dict/Phoenix.MilNonState.actors.txt", 4},
};

tac_status ne_gaz_build(const char *dir, ne_lex *x, tac_error *err) {
    memset(x, 0, sizeof *x);
    for (size_t i = 0; i < sizeof gaz_files / sizeof *gaz_files; i++) {
        char *buf;
        tac_status s = slurp(dir, gaz_files[i].path, &buf, err);
        if (s) return s;
        int rc;
        switch (gaz_files[i].kind) {
        case 0: rc = read_cities(buf, x); break;
        case 1: rc = read_admin(buf, x); break;
        case 2: rc = read_countries(buf, x); break;
        default: rc = read_actors(buf, gaz_files[i].kind == 3, x); break;
        }
        tac_free(buf);
        if (rc) return err_set(err, TAC_ENOMEM, gaz_files[i].path, 0, -1, "out of memory");
    }
    return TAC_OK;
}
