/*
 * cmd_explain.c - the event coder's diagnostic commands. `tacitus explain
 * "SENTENCE" [--date D]` (or `explain FILE --sentence N`) codes one
 * sentence and prints why (tokens, tree, mentions, triggers, patterns
 * tried, events); `tacitus validate FILE.xml [--json] [-v] [--trace]`
 * runs a PETRARCH validation file with the dictionaries it names.
 */
#include "cli.h"
#include "../core/doc.h"
#include "../code/codebook.h"
#include "../code/coref.h"
#include "../code/events.h"
#include "../dict/dict.h"
#include "../engine/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Declared in cli.h once the integrator adds them there. */
int cli_explain(int argc, char **argv);
int cli_validate(int argc, char **argv);

static char *slurp(const char *path, size_t *len);

int cli_explain(int argc, char **argv) {
    const char *text = NULL, *date = NULL;
    long sent = -1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--date") && i + 1 < argc) date = argv[++i];
        else if (!strcmp(argv[i], "--sentence") && i + 1 < argc) sent = strtol(argv[++i], NULL, 10);
        else if (argv[i][0] == '-' && argv[i][1]) return cli_usage("explain: unknown option '%s'", argv[i]);
        else if (!text) text = argv[i];
        else return cli_usage("explain: one sentence (quote it)");
    }
    if (!text || sent < -1)
        return cli_usage("explain: usage: tacitus explain \"SENTENCE\" [--date YYYY-MM-DD] | "
                         "tacitus explain FILE --sentence N [--date YYYY-MM-DD]");
    /* FILE --sentence N: the whole article is coded, sentence N explained */
    char *file = NULL;
    size_t flen = 0;
    if (sent >= 0 && !(file = slurp(text, &flen))) {
        fprintf(stderr, "tacitus: explain: cannot read %s\n", text);
        return CLI_FATAL;
    }
    tac_options opt;
    tac_options_init(&opt);
    tac_error err;
    tac_engine *eng = NULL;
    if (tac_engine_open(&opt, &eng, &err) != TAC_OK) { cli_error(&err); free(file); return CLI_FATAL; }
    tac_article art;
    memset(&art, 0, sizeof art);
    art.text = file ? file : text;
    art.text_len = file ? flen : strlen(text);
    art.date = date;
    art.origin = file ? text : "explain";
    int rc = CLI_OK;
    if (tac_engine_explain(eng, &art, sent, stdout, &err) != TAC_OK) {
        cli_error(&err);
        rc = CLI_FATAL;
    }
    tac_engine_free(eng);
    free(file);
    return rc;
}

/* ---- validate ---- */

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *s = NULL;
    size_t n = 0, cap = 0, k;
    char chunk[65536];
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n + k + 1 > cap) {
            cap = 2 * (n + k + 1);
            char *ns = realloc(s, cap);
            if (!ns) { free(s); fclose(f); return NULL; }
            s = ns;
        }
        memcpy(s + n, chunk, k);
        n += k;
    }
    fclose(f);
    if (!s) s = calloc(1, 1);
    else s[n] = 0;
    *len = n;
    return s;
}

/* 1-based line of p in s. */
static int line_of(const char *s, const char *p) {
    int n = 1;
    for (; s < p; s++) n += *s == '\n';
    return n;
}

/* Blanks <!-- ... --> comments so commented-out records are not read. */
static void blank_comments(char *s) {
    for (char *p = strstr(s, "<!--"); p; p = strstr(p, "<!--")) {
        char *e = strstr(p + 4, "-->");
        char *end = e ? e + 3 : p + strlen(p);
        memset(p, ' ', (size_t)(end - p));
        p = end;
    }
}

/* Value of attribute name inside tag [a, b) into out (empty if absent). */
static void attr(const char *a, const char *b, const char *name, char *out, size_t cap) {
    char key[64];
    snprintf(key, sizeof key, " %s=\"", name);
    out[0] = 0;
    const char *p = strstr(a, key);
    if (!p || p >= b) return;
    p += strlen(key);
    const char *q = strchr(p, '"');
    if (!q || q > b) return;
    snprintf(out, cap, "%.*s", (int)(q - p), p);
}

/* The text of element tag inside [a, b) into a fresh string, or NULL. */
static char *element(const char *a, const char *b, const char *tag) {
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *p = strstr(a, open);
    if (!p || p >= b) return NULL;
    p += strlen(open);
    const char *q = strstr(p, close);
    if (!q || q > b) return NULL;
    return strndup(p, (size_t)(q - p));
}

/* Appends s to out (cap bytes, NUL-terminated), cutting what does not fit. */
static void append(char *out, size_t cap, const char *s) {
    size_t n = strlen(out), k = strlen(s);
    if (n + k + 1 > cap) k = cap - n - 1;
    memcpy(out + n, s, k);
    out[n + k] = 0;
}

typedef struct vcat {
    char name[32];
    int total, passed;
} vcat;

/* "SRC TGT CODE" lines of d's events, sorted and unique, into out. */
static void got_set(const tac_doc *d, char *out, size_t cap) {
    char items[64][96];
    int n = 0;
    const struct ev_layer *L = d->events;
    for (size_t i = 0; L && i < L->n && n < 64; i++) {
        const ev_event *e = &L->v[i];
        snprintf(items[n], sizeof items[n], "%s %s %s", e->scode, e->tcode, e->code);
        int dup = 0;
        for (int j = 0; j < n; j++) dup |= strcmp(items[j], items[n]) == 0;
        if (!dup) n++;
    }
    qsort(items, (size_t)n, sizeof items[0], (int (*)(const void *, const void *))strcmp);
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        if (i) append(out, cap, "; ");
        append(out, cap, items[i]);
    }
}

static void want_set(const char *a, const char *b, char *out, size_t cap) {
    char items[64][96];
    int n = 0;
    for (const char *p = strstr(a, "<EventCoding"); p && p < b && n < 64;
         p = strstr(p + 1, "<EventCoding")) {
        const char *e = strchr(p, '>');
        if (!e) break;
        char s[40], t[40], c[12];
        attr(p, e, "sourcecode", s, sizeof s);
        attr(p, e, "targetcode", t, sizeof t);
        attr(p, e, "eventcode", c, sizeof c);
        if (!c[0]) continue; /* noevents / error records expect nothing */
        snprintf(items[n], sizeof items[n], "%s %s %s", s, t, c);
        int dup = 0;
        for (int j = 0; j < n; j++) dup |= strcmp(items[j], items[n]) == 0;
        if (!dup) n++;
    }
    qsort(items, (size_t)n, sizeof items[0], (int (*)(const void *, const void *))strcmp);
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        if (i) append(out, cap, "; ");
        append(out, cap, items[i]);
    }
}

/* Opens the dictionaries the file's <Environment> names (next to it). */
static int open_env(const char *xml, const char *path, const char *data_dir, dict_set **ds,
                    ev_resources **er, tac_error *err) {
    char dir[2048], file[512], full[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0;
    else strcpy(dir, ".");
    static const char *const tags[] = {"Actorfile", "Agentfile", NULL};
    if (dict_set_new(ds, err) != TAC_OK) return -1;
    for (int i = 0; tags[i]; i++) {
        char *f = element(xml, xml + strlen(xml), tags[i]);
        if (!f) continue;
        snprintf(file, sizeof file, "%s", f);
        free(f);
        snprintf(full, sizeof full, "%s/%s", dir, file);
        if (dict_set_load(*ds, full, i == 0 ? DICT_ACTORS : DICT_AGENTS, err) != TAC_OK) return -1;
    }
    char *vf = element(xml, xml + strlen(xml), "Verbfile");
    if (!vf) {
        snprintf(err->message, sizeof err->message, "%s: no <Verbfile> in <Environment>", path);
        return -1;
    }
    snprintf(full, sizeof full, "%s/%s", dir, vf);
    free(vf);
    char disc[4096];
    char *df = element(xml, xml + strlen(xml), "Discardfile");
    int has_df = df != NULL;
    if (df) snprintf(disc, sizeof disc, "%s/%s", dir, df);
    free(df);
    return ev_open_verbs(data_dir, full, has_df ? disc : NULL, er, err) == TAC_OK ? 0 : -1;
}

/* Applies the <Config option="..." value="..."> tags in [a, b) to o, in
 * file order (they hold until the next tag for the same option). Options
 * the coder has no counterpart for are ignored. */
static void apply_config(const char *a, const char *b, ev_opts *o) {
    for (const char *p = strstr(a, "<Config"); p && p < b; p = strstr(p + 1, "<Config")) {
        const char *e = strchr(p, '>');
        if (!e) return;
        char name[64], val[32];
        attr(p, e, "option", name, sizeof name);
        attr(p, e, "value", val, sizeof val);
        if (!strcmp(name, "require_dyad")) o->one_sided = !strcasecmp(val, "false");
    }
}

/* 1 if id is one of the comma-separated ids of list (NULL: all). */
static int selected(const char *list, const char *id) {
    if (!list) return 1;
    size_t n = strlen(id);
    for (const char *p = list; *p; ) {
        const char *c = strchr(p, ',');
        size_t k = c ? (size_t)(c - p) : strlen(p);
        if (k == n && !strncmp(p, id, n)) return 1;
        if (!c) break;
        p = c + 1;
    }
    return 0;
}

int cli_validate(int argc, char **argv) {
    const char *path = NULL, *only = NULL;
    int json = 0, verbose = 0, trace = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "-v")) verbose = 1;
        else if (!strcmp(argv[i], "--trace")) verbose = trace = 1;
        else if (!strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
        else if (argv[i][0] == '-') return cli_usage("validate: unknown option '%s'", argv[i]);
        else path = argv[i];
    }
    if (!path) return cli_usage("validate: usage: tacitus validate FILE.xml [--json] [-v] [--trace] [--only ID,...]");
    size_t len;
    char *xml = slurp(path, &len);
    if (!xml) { fprintf(stderr, "tacitus: validate: cannot read %s\n", path); return CLI_FATAL; }
    blank_comments(xml);
    tac_options opt;
    tac_options_init(&opt);
    tac_error err;
    memset(&err, 0, sizeof err);
    tac_engine *eng = NULL;
    tac_doc *doc = NULL;
    dict_set *ds = NULL;
    ev_resources *er = NULL;
    if (tac_engine_open(&opt, &eng, &err) != TAC_OK || tac_doc_new(&doc) != TAC_OK ||
        open_env(xml, path, opt.data_dir, &ds, &er, &err)) {
        cli_error(&err);
        free(xml);
        return CLI_FATAL;
    }
    vcat cats[64];
    int ncat = 0, total = 0, passed = 0, errors = 0; /* errors: records that failed to code */
    char want[2048], got[2048];
    ev_opts eo;
    memset(&eo, 0, sizeof eo);
    const char *seen = xml;
    int broken = 0;
    for (char *p = strstr(xml, "<Sentence "); p; p = strstr(p + 1, "<Sentence ")) {
        char *end = strstr(p, "</Sentence>");
        if (!end) {
            /* a cut file must not pass for a shorter one */
            fprintf(stderr, "tacitus: %s: line %d, byte %td: <Sentence> without </Sentence> "
                    "(the file is cut short?); the records from here on are not read\n",
                    path, line_of(xml, p), p - xml);
            broken++;
            break;
        }
        apply_config(seen, p, &eo);
        seen = end;
        const char *te = strchr(p, '>');
        char id[64], cat[32], date[16], iso[16];
        attr(p, te, "id", id, sizeof id);
        if (!selected(only, id)) {
            p = end;
            continue;
        }
        attr(p, te, "category", cat, sizeof cat);
        attr(p, te, "date", date, sizeof date);
        char *text = element(p, end, "Text");
        if (!text) {
            fprintf(stderr, "tacitus: %s: line %d, byte %td: record '%s' has no <Text>; skipped\n",
                    path, line_of(xml, p), p - xml, id);
            broken++;
            p = end;
            continue;
        }
        for (char *c = text; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t') *c = ' ';
        /* trimmed: the text sits on its own lines in the XML */
        size_t tl = strlen(text);
        while (tl > 0 && text[tl - 1] == ' ') text[--tl] = 0;
        char *tx = text;
        while (*tx == ' ') tx++;
        /* records are single sentences, some without a final stop: give
         * them one (it also avoids a read past the last token in
         * mentions.c when a sentence ends in an agent word) */
        char *stopped = NULL;
        if (tl > 0 && !strchr(".!?\"'", text[tl - 1])) {
            stopped = malloc(tl + 3);
            if (stopped) {
                snprintf(stopped, tl + 3, "%s .", tx);
                tx = stopped;
            }
        }
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
        tac_article a;
        memset(&a, 0, sizeof a);
        a.text = tx;
        a.text_len = strlen(tx);
        a.date = strlen(date) == 8 ? iso : NULL;
        int ok = tac_engine_code(eng, &a, doc, &err) == TAC_OK &&
                 mn_find(ds, doc, dict_parse_date(date, strlen(date))) == 0 && cr_resolve(doc) == 0 &&
                 ev_run_opts(er, doc, &eo, -1, NULL, NULL) == 0;
        want_set(p, end, want, sizeof want);
        if (ok) got_set(doc, got, sizeof got);
        else snprintf(got, sizeof got, "(error)");
        int pass = ok && strcmp(want, got) == 0;
        total++;
        passed += pass;
        errors += !ok;
        int k = 0;
        while (k < ncat && strcmp(cats[k].name, cat)) k++;
        if (k == ncat && ncat < 64) {
            snprintf(cats[ncat].name, sizeof cats[ncat].name, "%s", cat);
            cats[ncat].total = cats[ncat].passed = 0;
            ncat++;
        }
        if (k < ncat) { cats[k].total++; cats[k].passed += pass; }
        if (verbose && !pass && !json)
            printf("FAIL %s [%s]\n  want: %s\n  got:  %s\n  text: %.200s\n", id, cat,
                   want[0] ? want : "(none)", got[0] ? got : "(none)", tx);
        if (trace && !pass && !json && ok) {
            eng_put_tokens(stdout, doc, -1);
            eng_put_mentions(stdout, doc, -1);
            ev_run_opts(er, doc, &eo, -1, eng_trace_line, stdout);
        }
        free(stopped);
        free(text);
        p = end;
    }
    if (json) {
        printf("{\"passed\":%d,\"total\":%d,\"errors\":%d,\"categories\":{", passed, total,
               errors);
        for (int k = 0; k < ncat; k++)
            printf("%s\"%s\":{\"passed\":%d,\"total\":%d}", k ? "," : "", cats[k].name,
                   cats[k].passed, cats[k].total);
        printf("}}\n");
    } else {
        for (int k = 0; k < ncat; k++)
            printf("%-12s %4d / %4d\n", cats[k].name, cats[k].passed, cats[k].total);
        printf("%-12s %4d / %4d (%.1f%%), %d coding errors\n", "total", passed, total,
               total ? 100.0 * passed / total : 0.0, errors);
    }
    ev_close(er);
    dict_set_free(ds);
    tac_doc_free(doc);
    tac_engine_free(eng);
    free(xml);
    return broken ? CLI_PARTIAL : CLI_OK;
}
