/*
 * cmd_context_eval.c - `tacitus eval context DIR [--errors] [--time]`: scores the
 * dates, numbers, quotes and places of the context stage against
 * hand-annotated golden files (the .json files of DIR: article path,
 * publication date, items). --time adds the CPU cost of the context pass
 * against the whole coding, and the gazetteer's load time.
 */
#include "cli.h"
#include "../code/context.h"
#include "../geo/geo.h"
#include "../core/doc.h"
#include "../engine/engine.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Declared here until cli.h lists it beside the other evaluators. */
int cli_eval_context(int argc, char **argv);

/* The scored layers, in the order of the report. */
enum { L_DATES, L_NUMBERS, L_QUOTES, L_PLACES, L_COUNT };
static const char *const layer_key[L_COUNT] = {"dates", "numbers", "quotes", "places"};
static const char *const layer_item[L_COUNT] = {"date", "number", "quote", "place"};

/* Counts of one layer: gold, predicted, matched on text (found) and on
 * text plus value (right): the value, and unit, of numbers; the kind and
 * speaker of quotes; the country of places. */
typedef struct cx_prf {
    long gold, pred, found, right;
} cx_prf;

/* One predicted or gold item, flattened for matching. */
typedef struct item {
    char text[1024];    /* quotes: gold gives the opening words only */
    char value[64];     /* dates: ISO value or "null"; numbers: "%.6g"; quotes: kind;
                           places: ISO3 country */
    char unit[128];     /* numbers: unit; quotes: speaker */
    int used;
} item;

/* Reads a whole file into a malloc'ed NUL-terminated buffer; NULL on error. */
static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    while (s) {
        n += fread(s + n, 1, cap - n - 1, f);
        if (n < cap - 1) break;
        char *t = realloc(s, cap *= 2);
        if (!t) { free(s); s = NULL; }
        else s = t;
    }
    fclose(f);
    if (s) s[n] = 0, *len = n;
    return s;
}

/* The article body: the "# key: value" metadata lines of the GUM sources
 * are not part of the text. */
static const char *skip_meta(const char *s) {
    while (s[0] == '#' && s[1] == ' ') {
        const char *nl = strchr(s, '\n');
        if (!nl) return s + strlen(s);
        s = nl + 1;
    }
    return s;
}

static void set(char *dst, size_t cap, const char *src, size_t n) {
    if (n >= cap) n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

/* Input text of tokens [t0, t1) of d into dst[cap]. */
static void span_text(const tac_doc *d, uint32_t t0, uint32_t t1, char *dst, size_t cap) {
    size_t s, e;
    doc_span(d, d->tokens.v[t0].start, d->tokens.v[t1 - 1].end, &s, &e);
    set(dst, cap, d->orig + s, e - s);
}

/* Flattens the predictions of layer L of d into it[]; returns the count. */
static size_t predicted(const tac_doc *d, int layer, item *it, size_t cap) {
    const cx_layer *L = cx_get(d);
    size_t total = !L ? 0 : layer == L_DATES ? L->ndates : layer == L_NUMBERS ? L->nnumbers
                          : layer == L_QUOTES ? L->nquotes : L->nplaces;
    size_t n = 0;
    for (size_t i = 0; i < total && n < cap; i++, n++) {
        memset(&it[n], 0, sizeof it[n]);
        if (layer == L_DATES) {
            span_text(d, L->dates[i].tok0, L->dates[i].tok1, it[n].text, sizeof it[n].text);
            const char *v = L->dates[i].value ? L->dates[i].value : "null";
            set(it[n].value, sizeof it[n].value, v, strlen(v));
        } else if (layer == L_NUMBERS) {
            span_text(d, L->numbers[i].tok0, L->numbers[i].tok1, it[n].text, sizeof it[n].text);
            snprintf(it[n].value, sizeof it[n].value, "%.6g", L->numbers[i].value);
            const char *u = L->numbers[i].unit ? L->numbers[i].unit : "null";
            set(it[n].unit, sizeof it[n].unit, u, strlen(u));
        } else if (layer == L_QUOTES) {
            const cx_quote *q = &L->quotes[i];
            span_text(d, q->tok0, q->tok1, it[n].text, sizeof it[n].text);
            strcpy(it[n].value, q->direct ? "direct" : "indirect");
            if (q->speaker >= 0)
                span_text(d, d->mentions.v[q->speaker].first, d->mentions.v[q->speaker].last,
                          it[n].unit, sizeof it[n].unit);
            else if (q->stok1 > q->stok0)
                span_text(d, q->stok0, q->stok1, it[n].unit, sizeof it[n].unit);
            else
                strcpy(it[n].unit, "null");
        } else {
            span_text(d, L->places[i].tok0, L->places[i].tok1, it[n].text, sizeof it[n].text);
            set(it[n].value, sizeof it[n].value, L->places[i].place->iso3, 3);
        }
    }
    return n;
}

static const char *gold_str(json_t *x, const char *key) {
    const char *s = json_string_value(json_object_get(x, key));
    return s ? s : "null";
}

/* Flattens the golden array of layer L into it[]; returns the count. */
static size_t expected(json_t *arr, int layer, item *it, size_t cap) {
    size_t n = 0, i;
    json_t *x;
    json_array_foreach(arr, i, x) {
        if (n >= cap) break;
        memset(&it[n], 0, sizeof it[n]);
        const char *t = json_string_value(json_object_get(x, "text"));
        set(it[n].text, sizeof it[n].text, t ? t : "", t ? strlen(t) : 0);
        const char *v = layer == L_DATES ? gold_str(x, "value") : layer == L_QUOTES
                        ? gold_str(x, "kind") : gold_str(x, "country");
        if (layer == L_NUMBERS) {
            snprintf(it[n].value, sizeof it[n].value, "%.6g",
                     json_number_value(json_object_get(x, "value")));
            v = gold_str(x, "unit");
            set(it[n].unit, sizeof it[n].unit, v, strlen(v));
        } else {
            set(it[n].value, sizeof it[n].value, v, strlen(v));
        }
        if (layer == L_QUOTES) {
            v = gold_str(x, "speaker");
            set(it[n].unit, sizeof it[n].unit, v, strlen(v));
        }
        n++;
    }
    return n;
}

/* 1 when a contains b, ignoring ASCII case. */
static int contains(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    for (size_t i = 0; nb <= na && i <= na - nb; i++) {
        size_t k = 0;
        while (k < nb && (a[i + k] | 32) == (b[k] | 32)) k++;
        if (k == nb) return 1;
    }
    return 0;
}

/* Gold g found by prediction p: the same text, or for quotes the gold's
 * opening words inside the predicted quote. */
static int found(int layer, const item *g, const item *p) {
    return layer == L_QUOTES ? strstr(p->text, g->text) != NULL : !strcmp(g->text, p->text);
}

/* Same value too: for quotes the kind and a speaker that names the same
 * actor (one name inside the other: "Mohib", "Ambassador Mohib"). */
static int same(int layer, const item *g, const item *p) {
    if (strcmp(g->value, p->value)) return 0;
    if (layer != L_QUOTES) return !strcmp(g->unit, p->unit);
    return strcmp(p->unit, "null") && (contains(g->unit, p->unit) || contains(p->unit, g->unit));
}

/* Greedy multiset matching: first on text, value and unit, then on text
 * alone; counts into r and reports misses to errors (may be NULL). */
static void score(const char *name, int L, item *g, size_t ng, item *p, size_t np, cx_prf *r,
                  FILE *errors) {
    const char *layer = layer_item[L];
    r->gold += (long)ng;
    r->pred += (long)np;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ng; i++) {
            if (g[i].used) continue;
            for (size_t k = 0; k < np; k++) {
                if (p[k].used || !found(L, &g[i], &p[k])) continue;
                int ok = same(L, &g[i], &p[k]);
                if (pass == 0 && !ok) continue;
                g[i].used = p[k].used = 1;
                r->found++;
                r->right += ok;
                if (!ok && errors)
                    fprintf(errors, "%s %s WRONG \"%s\": gold %s %s, got %s %s\n", name, layer,
                            g[i].text, g[i].value, g[i].unit, p[k].value, p[k].unit);
                break;
            }
        }
    for (size_t i = 0; errors && i < ng; i++)
        if (!g[i].used) fprintf(errors, "%s %s MISSED \"%s\" %s %s\n", name, layer, g[i].text,
                                g[i].value, g[i].unit);
    for (size_t k = 0; errors && k < np; k++)
        if (!p[k].used) fprintf(errors, "%s %s SPURIOUS \"%s\" %s %s\n", name, layer,
                                p[k].text, p[k].value, p[k].unit);
}

#define CX_MAX_ITEMS 512

/* CPU seconds of this process (the machine is shared: wall time is not
 * the cost). */
static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* --time: CPU seconds of whole coding and of the context pass alone. */
static double time_all, time_context;

/* Scores one golden file; 0 or -1 (unreadable, reported). */
static int eval_file(tac_engine *e, tac_doc *d, const char *path, cx_prf r[L_COUNT],
                     FILE *errors) {
    json_error_t je;
    json_t *g = json_load_file(path, 0, &je);
    if (!g) {
        fprintf(stderr, "tacitus: %s:%d: %s\n", path, je.line, je.text);
        return -1;
    }
    const char *art = json_string_value(json_object_get(g, "article"));
    const char *date = json_string_value(json_object_get(g, "date"));
    size_t len = 0;
    char *raw = art ? slurp(art, &len) : NULL;
    if (!raw) {
        fprintf(stderr, "tacitus: %s: cannot read article '%s'\n", path, art ? art : "(none)");
        json_decref(g);
        return -1;
    }
    const char *body = skip_meta(raw);
    tac_article a = {.id = path, .text = body, .text_len = strlen(body), .date = date};
    tac_error err;
    int rc = -1;
    static item gi[CX_MAX_ITEMS], pi[CX_MAX_ITEMS];
    double t0 = cpu_now();
    tac_status st = tac_engine_code(e, &a, d, &err);
    double t1 = cpu_now();
    time_all += t1 - t0;
    /* the context pass again, alone, five times (it only reads the other
     * layers and replaces its own) */
    for (int k = 0; st == TAC_OK && k < 5; k++)
        if (cx_run(d, e->geo)) st = TAC_ENOMEM;
    time_context += (cpu_now() - t1) / 5;
    if (st != TAC_OK) {
        cli_error(&err);
    } else {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        for (int L = 0; L < L_COUNT; L++) {
            json_t *arr = json_object_get(g, layer_key[L]);
            if (!arr) continue; /* a golden file without this layer */
            size_t ng = expected(arr, L, gi, CX_MAX_ITEMS);
            size_t np = predicted(d, L, pi, CX_MAX_ITEMS);
            score(base, L, gi, ng, pi, np, &r[L], errors);
        }
        rc = 0;
    }
    free(raw);
    json_decref(g);
    return rc;
}

static double pct(long a, long b) { return b ? 100.0 * (double)a / (double)b : 0; }

static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cli_eval_context(int argc, char **argv) {
    const char *dir = NULL;
    FILE *errors = NULL;
    int timing = 0;
    tac_options opt;
    tac_options_init(&opt);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--errors")) errors = stderr;
        else if (!strcmp(argv[i], "--time")) timing = 1;
        else if (!strcmp(argv[i], "--models") && i + 1 < argc) opt.model_dir = argv[++i];
        else if (argv[i][0] == '-') return cli_usage("eval context: unknown option '%s'", argv[i]);
        else dir = argv[i];
    }
    if (!dir)
        return cli_usage("eval context: need a DIR of golden .json files [--errors] [--time]");
    DIR *dh = opendir(dir);
    if (!dh) return cli_usage("eval context: cannot open directory '%s'", dir);
    char *names[1024];
    size_t nn = 0;
    for (struct dirent *de; (de = readdir(dh)) && nn < 1024;) {
        size_t l = strlen(de->d_name);
        if (l > 5 && !strcmp(de->d_name + l - 5, ".json")) {
            size_t need = strlen(dir) + l + 2;
            if (!(names[nn] = malloc(need))) break;
            snprintf(names[nn++], need, "%s/%s", dir, de->d_name);
        }
    }
    closedir(dh);
    qsort(names, nn, sizeof *names, by_name);
    tac_engine *e;
    tac_doc *d;
    tac_error err;
    int status = CLI_OK;
    double load = 0;
    if (timing) { /* the gazetteer's share of opening: open it alone */
        struct geo_gaz *g = NULL;
        double t = cpu_now();
        if (geo_open(opt.data_dir, &g, &err) == TAC_OK) load = cpu_now() - t;
        geo_close(g);
    }
    if (tac_engine_open(&opt, &e, &err) != TAC_OK) {
        cli_error(&err);
        status = CLI_FATAL;
    } else if (tac_doc_new(&d) != TAC_OK) {
        tac_engine_free(e);
        status = CLI_FATAL;
    } else {
        cx_prf r[L_COUNT];
        memset(r, 0, sizeof r);
        size_t ok = 0;
        for (size_t i = 0; i < nn; i++) {
            if (eval_file(e, d, names[i], r, errors) == 0) ok++;
            else status = CLI_PARTIAL;
        }
        printf("context eval: %zu article(s)\n%-8s %6s %6s | %-18s | %-18s\n", ok, "layer",
               "gold", "pred", "span  P / R / F1", "value P / R / F1");
        for (int L = 0; L < L_COUNT; L++) {
            double ps = pct(r[L].found, r[L].pred), rs = pct(r[L].found, r[L].gold);
            double pv = pct(r[L].right, r[L].pred), rv = pct(r[L].right, r[L].gold);
            printf("%-8s %6ld %6ld | %5.1f %5.1f %5.1f | %5.1f %5.1f %5.1f\n",
                   layer_key[L], r[L].gold, r[L].pred, ps, rs, f1(ps, rs), pv, rv,
                   f1(pv, rv));
        }
        if (timing)
            printf("time: coding %.1f ms CPU, context pass %.2f ms CPU (%.1f%%), gazetteer load "
                   "%.1f ms CPU\n", time_all * 1e3, time_context * 1e3,
                   time_all > 0 ? 100 * time_context / time_all : 0, load * 1e3);
        tac_doc_free(d);
        tac_engine_free(e);
    }
    for (size_t i = 0; i < nn; i++) free(names[i]);
    return status;
}
