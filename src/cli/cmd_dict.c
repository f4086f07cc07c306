/*
 * cmd_dict.c - `tacitus dict check|lookup|stats`: validate PETRARCH2
 * dictionaries (file:line: messages, exit 2 on defects), show the codes a
 * phrase gets, and report entry counts, load time and memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "cli.h"
#include "../dict/dict.h"

int cli_dict(int argc, char **argv);

static const char *const default_dicts[] = {
    "data/dict/CAMEO.2.0.txt",
    "data/dict/Phoenix.Countries.actors.txt",
    "data/dict/Phoenix.International.actors.txt",
    "data/dict/Phoenix.MilNonState.actors.txt",
    "data/dict/Phoenix.agents.txt",
    "data/dict/Phoenix.discards.txt",
    "data/dict/Phoenix.IssueCoding.txt",
};
#define NDEFAULT (sizeof default_dicts / sizeof *default_dicts)

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Loads files (or the defaults) into a new set; prints and returns NULL on
 * a fatal error. *ms gets the load time. */
static dict_set *load(const char *const *files, size_t n, double *ms) {
    dict_set *s;
    tac_error err;
    if (!n) { files = default_dicts; n = NDEFAULT; }
    if (dict_set_new(&s, &err) != TAC_OK) { cli_error(&err); return NULL; }
    double t0 = now_ms();
    for (size_t i = 0; i < n; i++) {
        if (dict_set_load(s, files[i], DICT_AUTO, &err) != TAC_OK) {
            cli_error(&err);
            dict_set_free(s);
            return NULL;
        }
    }
    if (ms) *ms = now_ms() - t0;
    return s;
}

static const char *wkind_name(dict_wkind k) {
    static const char *const names[] = {"malformed", "no code", "duplicate", "conflict",
                                        "date overlap"};
    return names[k];
}

static void print_counts(const dict_set *s, FILE *out) {
    for (size_t i = 0; i < dict_file_count(s); i++) {
        const dict_file_info *f = dict_file_get(s, i);
        fprintf(out, "%s: %s, %zu entries, %zu warnings\n", f->path, dict_kind_name(f->kind),
                f->entries, f->warnings);
    }
}

static int cmd_check(int argc, char **argv) {
    int stats = 0;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t n = 0;
    if (!files) return CLI_FATAL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--stats")) stats = 1;
        else if (argv[i][0] == '-' && argv[i][1]) { free(files); return cli_usage("dict check: unknown option '%s'", argv[i]); }
        else files[n++] = argv[i];
    }
    double ms = 0;
    dict_set *s = load(files, n, &ms);
    free(files);
    if (!s) return CLI_FATAL;
    tac_error err;
    if (dict_set_audit(s, &err) != TAC_OK) { cli_error(&err); dict_set_free(s); return CLI_FATAL; }
    size_t nw = dict_warning_count(s), by[5] = {0};
    for (size_t i = 0; i < nw; i++) {
        const dict_warning *w = dict_warning_get(s, i);
        by[w->kind]++;
        printf("%s:%u: %s: %s\n", w->file, w->line, wkind_name(w->kind), w->message);
    }
    if (stats) {
        print_counts(s, stderr);
        fprintf(stderr, "load %.1f ms, %.1f MB\n", ms, dict_set_memory(s) / 1048576.0);
    }
    fprintf(stderr, "%zu defects (%zu malformed, %zu no code, %zu duplicate, %zu conflict, "
            "%zu date overlap)\n", nw, by[0], by[1], by[2], by[3], by[4]);
    dict_set_free(s);
    return nw ? CLI_PARTIAL : CLI_OK;
}

/* Splits a phrase into lower-cased tokens (whitespace and '_'). */
static size_t phrase_tokens(const char *phrase, char **tok, size_t cap) {
    size_t n = 0;
    for (const char *p = phrase; *p && n < cap;) {
        size_t w = strcspn(p, " \t_");
        if (w) {
            char *t = malloc(w + 1);
            if (!t) break;
            memcpy(t, p, w);
            t[w] = '\0';
            utf8proc_uint8_t *low = NULL;
            if (utf8proc_map((const utf8proc_uint8_t *)t, (utf8proc_ssize_t)w, &low,
                             UTF8PROC_NULLTERM | UTF8PROC_CASEFOLD) >= 0 && low) {
                free(t);
                t = (char *)low;
            }
            tok[n++] = t;
        }
        p += w;
        if (*p) p++;
    }
    return n;
}

static void print_actor(const dict_set *s, const dict_hit *h, int date) {
    dict_code codes[64];
    size_t nc = dict_actor_codes(s, h->rec, codes, 64);
    printf("actor    %s  %s:%u  '%s'\n", h->code ? h->code : "(none)", h->file, h->line, h->phrase);
    for (size_t i = 0; i < nc && i < 64; i++) {
        const dict_code *c = &codes[i];
        int chosen = h->code && c->line == h->code_line && !strcmp(c->code, h->code);
        char when[40];
        if (c->is_default) snprintf(when, sizeof when, "default");
        else if (c->from == 0) snprintf(when, sizeof when, "until %d", c->to);
        else if (c->to == 99999999) snprintf(when, sizeof when, "from %d", c->from);
        else snprintf(when, sizeof when, "%d-%d", c->from, c->to);
        printf("  %c %-14s %-19s line %u\n", chosen ? '*' : ' ', c->code, when, c->line);
    }
    if (date && !h->code) printf("  (no code valid on %d)\n", date);
}

static int cmd_lookup(int argc, char **argv) {
    const char *phrase = NULL;
    int date = 0;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nf = 0;
    if (!files) return CLI_FATAL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--date") && i + 1 < argc) {
            date = dict_parse_date(argv[i + 1], strlen(argv[i + 1]));
            if (!date) { free(files); return cli_usage("dict lookup: bad --date '%s' (YYYY-MM-DD)", argv[i + 1]); }
            i++;
        } else if (!strcmp(argv[i], "--dict")) {
            while (i + 1 < argc && argv[i + 1][0] != '-') files[nf++] = argv[++i];
        } else if (argv[i][0] == '-') {
            free(files);
            return cli_usage("dict lookup: unknown option '%s'", argv[i]);
        } else if (!phrase) {
            phrase = argv[i];
        } else {
            free(files);
            return cli_usage("dict lookup: one phrase (quote it)");
        }
    }
    if (!phrase) { free(files); return cli_usage("usage: tacitus dict lookup \"PHRASE\" [--date YYYY-MM-DD] [--dict FILE...]"); }
    dict_set *s = load(files, nf, NULL);
    free(files);
    if (!s) return CLI_FATAL;
    char *tok[64];
    size_t n = phrase_tokens(phrase, tok, 64), found = 0;
    dict_hit h[16];
    size_t k = dict_actor_match(s, (const char *const *)tok, n, 0, date, h, 16);
    for (size_t i = 0; i < k && i < 16; i++, found++) {
        if (h[i].ntok < n) printf("(matches the first %zu of %zu tokens)\n", h[i].ntok, n);
        print_actor(s, &h[i], date);
    }
    k = dict_agent_match(s, (const char *const *)tok, n, 0, h, 16);
    for (size_t i = 0; i < k && i < 16; i++, found++)
        printf("agent    %s%s%s  %s:%u  '%s'%s\n", h[i].flag ? "" : "~", h[i].code,
               h[i].flag ? "~" : "", h[i].file, h[i].line, h[i].phrase,
               h[i].ntok < n ? "  (prefix of the phrase)" : "");
    k = dict_discard_match(s, (const char *const *)tok, n, 0, h, 16);
    for (size_t i = 0; i < k && i < 16; i++, found++)
        printf("discard  %s  %s:%u  '%s'\n", h[i].flag ? "story" : "sentence", h[i].file,
               h[i].line, h[i].phrase);
    k = dict_issue_match(s, (const char *const *)tok, n, 0, h, 16);
    for (size_t i = 0; i < k && i < 16; i++, found++)
        printf("issue    %s  %s:%u  '%s'\n", h[i].code ? h[i].code : "(ignore)", h[i].file,
               h[i].line, h[i].phrase);
    char joined[512] = "";
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(joined);
        snprintf(joined + l, sizeof joined - l, "%s%s", i ? " " : "", tok[i]);
    }
    dict_verb_info vs[8];
    k = n ? dict_verb_find_all(s, joined, vs, 8) : 0;
    for (size_t j = 0; j < k && j < 8; j++, found++) {
        const dict_verb_info *v = &vs[j];
        printf("verb     %s  %s:%u  '%s' in block %s, %zu patterns\n", v->code, v->file, v->line,
               v->phrase, v->block, v->npatterns);
        for (size_t i = 0; i < v->npatterns; i++)
            printf("  [%s] - %s  %s:%u\n", v->patterns[i].code, v->patterns[i].text,
                   v->patterns[i].file, v->patterns[i].line);
    }
    for (size_t i = 0; i < n; i++) free(tok[i]);
    dict_set_free(s);
    if (!found) { fprintf(stderr, "tacitus: dict lookup: no entry for '%s'\n", phrase); return CLI_FATAL; }
    return CLI_OK;
}

static int cmd_stats(int argc, char **argv) {
    double ms = 0;
    dict_set *s = load((const char *const *)argv, (size_t)argc, &ms);
    if (!s) return CLI_FATAL;
    print_counts(s, stdout);
    printf("load %.1f ms, %.1f MB, %zu warnings\n", ms, dict_set_memory(s) / 1048576.0,
           dict_warning_count(s));
    dict_set_free(s);
    return CLI_OK;
}

/* Usage: tacitus dict check [--stats] [FILES...]
 *        tacitus dict lookup "PHRASE" [--date YYYY-MM-DD] [--dict FILE...]
 *        tacitus dict stats [FILES...]
 * Without files the Phoenix set under data/dict is used. */
int cli_dict(int argc, char **argv) {
    if (argc < 2)
        return cli_usage("usage: tacitus dict check|lookup|stats ... (see docs/dictionaries.md)");
    if (!strcmp(argv[1], "check")) return cmd_check(argc - 2, argv + 2);
    if (!strcmp(argv[1], "lookup")) return cmd_lookup(argc - 2, argv + 2);
    if (!strcmp(argv[1], "stats")) return cmd_stats(argc - 2, argv + 2);
    return cli_usage("dict: unknown subcommand '%s' (check, lookup, stats)", argv[1]);
}
