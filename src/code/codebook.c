/*
 * codebook.c - reads the CAMEO codebook TSV (manual names, GDELT
 * Goldstein) and the CAMEO -> PLOVER TSV into one sorted table. Codes
 * missing from the PLOVER table inherit the mapping of their base code.
 */
#include "codebook.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cb_book {
    cb_entry *v;
    size_t n, cap;
    char **strs;               /* owned strings */
    size_t nstr, capstr;
};

#define CB_MAXF 12
#define NO_GOLDSTEIN 99.0   /* placeholder until inherited */

/* A copy of s owned by b into *out (NULL for an empty or absent s, so a
 * NULL result alone cannot tell "empty" from "no memory"): -1 no memory. */
static int own(cb_book *b, const char *s, const char **out) {
    *out = NULL;
    if (!s || !*s) return 0;
    if (b->nstr == b->capstr && tac_grow((void **)&b->strs, &b->capstr, b->nstr + 1, sizeof *b->strs))
        return -1;
    char *c = tac_strdup(s);
    if (!c) return -1;
    b->strs[b->nstr++] = c;
    *out = c;
    return 0;
}

/* Splits line (modified in place) at tabs; returns the field count. */
static int split_tabs(char *line, char **f, int max) {
    int n = 0;
    line[strcspn(line, "\r\n")] = 0;
    for (char *p = line;;) {
        if (n == max) return max + 1;
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = 0;
        p = t + 1;
    }
    return n;
}

/* 2 to 4 digits. */
static int valid_code(const char *s) {
    size_t n = strlen(s);
    if (n < 2 || n > 4) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

int cb_quad_class(const char *code) {
    if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return 0;
    int r = (code[0] - '0') * 10 + (code[1] - '0');
    if (r < 1 || r > 20) return 0;
    return r <= 5 ? 1 : r <= 9 ? 2 : r <= 14 ? 3 : 4;
}

static int cmp_entry(const void *a, const void *b) {
    return strcmp(((const cb_entry *)a)->code, ((const cb_entry *)b)->code);
}

const cb_entry *cb_find(const cb_book *b, const char *code) {
    if (!b || !code || strlen(code) > 4) return NULL;
    cb_entry key;
    memset(&key, 0, sizeof key);
    strcpy(key.code, code);
    return bsearch(&key, b->v, b->n, sizeof *b->v, cmp_entry);
}

const cb_entry *cb_lookup(const cb_book *b, const char *code) {
    char c[5];
    size_t n = code ? strlen(code) : 0;
    if (n > 4) return NULL;
    memcpy(c, code, n + 1);
    for (; n >= 2; c[--n] = 0) {
        const cb_entry *e = cb_find(b, c);
        if (e) return e;
    }
    return NULL;
}

size_t cb_count(const cb_book *b) { return b ? b->n : 0; }

void cb_close(cb_book *b) {
    if (!b) return;
    for (size_t i = 0; i < b->nstr; i++) tac_free(b->strs[i]);
    tac_free(b->strs);
    tac_free(b->v);
    tac_free(b);
}

/* Reads the CAMEO TSV: code level root name goldstein_gdelt ... (10 columns). */
static tac_status read_cameo(cb_book *b, const char *path, tac_error *err) {
    FILE *f = fopen(path, "r");
    if (!f) return err_set(err, TAC_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    char line[2048];
    char *fl[CB_MAXF];
    unsigned ln = 0;
    tac_status st = TAC_OK;
    while (st == TAC_OK && fgets(line, sizeof line, f)) {
        ln++;
        if (ln == 1 || line[0] == '\n' || line[0] == '#') continue; /* header */
        int nf = split_tabs(line, fl, CB_MAXF);
        char *end = NULL;
        /* an empty Goldstein (codes added in 2012: 155, 176, 1834, 1951,
         * 1952) is taken from the base code after loading */
        int nog = nf >= 5 && fl[4][0] == 0;
        double g = nf >= 5 && !nog ? strtod(fl[4], &end) : 0;
        if (nf != 10 || !valid_code(fl[0]) || !*fl[3] ||
            (!nog && (!end || end == fl[4] || *end)) || g < -10 || g > 10 ||
            !cb_quad_class(fl[0]) || (nog && strlen(fl[0]) == 2)) {
            st = err_set(err, TAC_EFORMAT, path, ln, -1,
                         "%s:%u: malformed codebook row (want 10 tab-separated fields: "
                         "code, level, root, name, goldstein in [-10,10], ...)", path, ln);
            break;
        }
        if (b->n == b->cap && tac_grow((void **)&b->v, &b->cap, b->n + 1, sizeof *b->v)) {
            st = err_set(err, TAC_ENOMEM, path, ln, -1, "out of memory reading codebook");
            break;
        }
        cb_entry *e = &b->v[b->n];
        memset(e, 0, sizeof *e);
        strcpy(e->code, fl[0]);
        e->goldstein = nog ? NO_GOLDSTEIN : g;
        e->quad_class = cb_quad_class(fl[0]);
        if (own(b, fl[3], &e->name)) st = err_set(err, TAC_ENOMEM, path, ln, -1, "out of memory reading codebook");
        else b->n++;
    }
    fclose(f);
    if (st == TAC_OK && b->n == 0)
        st = err_set(err, TAC_EFORMAT, path, 0, -1, "%s: no codebook rows", path);
    return st;
}

/* Reads the PLOVER TSV: cameo_code plover_event plover_mode plover_context label. */
static tac_status read_plover(cb_book *b, const char *path, tac_error *err) {
    FILE *f = fopen(path, "r");
    if (!f) return err_set(err, TAC_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    char line[2048];
    char *fl[CB_MAXF];
    unsigned ln = 0;
    tac_status st = TAC_OK;
    while (st == TAC_OK && fgets(line, sizeof line, f)) {
        ln++;
        if (ln == 1 || line[0] == '\n' || line[0] == '#') continue;
        int nf = split_tabs(line, fl, CB_MAXF);
        if (nf != 5 || !valid_code(fl[0]) || !*fl[1]) {
            st = err_set(err, TAC_EFORMAT, path, ln, -1,
                         "%s:%u: malformed PLOVER row (want 5 tab-separated fields: "
                         "cameo_code, plover_event, mode, context, label)", path, ln);
            break;
        }
        cb_entry *e = (cb_entry *)cb_find(b, fl[0]);
        if (!e) continue; /* ICEWS extensions (1213) that CAMEO 1.1b3 lacks */
        if (own(b, fl[1], &e->plover_type) || own(b, fl[2], &e->plover_mode) ||
            own(b, fl[3], &e->plover_context))
            st = err_set(err, TAC_ENOMEM, path, ln, -1, "out of memory");
    }
    fclose(f);
    return st;
}

/* Codes the PLOVER table leaves out take their base code's mapping, and
 * codes without a Goldstein value their base code's value (sorted order
 * puts "19" before "190" before "1901", so bases are complete first). */
static void inherit_plover(cb_book *b) {
    for (size_t i = 0; i < b->n; i++) {
        cb_entry *e = &b->v[i];
        if (e->goldstein == NO_GOLDSTEIN) {
            char c[5];
            strcpy(c, e->code);
            c[strlen(c) - 1] = 0;
            const cb_entry *p = cb_lookup(b, c);
            e->goldstein = p && p->goldstein != NO_GOLDSTEIN ? p->goldstein : 0;
        }
        if (e->plover_type) continue;
        char c[5];
        strcpy(c, e->code);
        for (size_t n = strlen(c); n > 2 && !e->plover_type; ) {
            c[--n] = 0;
            const cb_entry *p = cb_find(b, c);
            if (p && p->plover_type) {
                e->plover_type = p->plover_type;
                e->plover_mode = p->plover_mode;
                e->plover_context = p->plover_context;
            }
        }
    }
}

tac_status cb_open(const char *cameo_tsv, const char *plover_tsv, cb_book **out,
                   tac_error *err) {
    *out = NULL;
    cb_book *b = tac_calloc(1, sizeof *b);
    if (!b) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory opening codebook");
    tac_status st = read_cameo(b, cameo_tsv, err);
    if (st == TAC_OK) {
        qsort(b->v, b->n, sizeof *b->v, cmp_entry);
        for (size_t i = 1; i < b->n; i++)
            if (strcmp(b->v[i - 1].code, b->v[i].code) == 0) {
                st = err_set(err, TAC_EFORMAT, cameo_tsv, 0, -1, "%s: code %s listed twice",
                             cameo_tsv, b->v[i].code);
                break;
            }
    }
    if (st == TAC_OK && plover_tsv) st = read_plover(b, plover_tsv, err);
    if (st != TAC_OK) {
        cb_close(b);
        return st;
    }
    inherit_plover(b);
    *out = b;
    return TAC_OK;
}
