/*
 * test_dict.c - unit tests for the PETRARCH2 dictionary readers and index:
 * every format feature on the fixtures in tests/data/dict, warnings with
 * their line numbers, and the real dictionaries (entry counts, load time,
 * memory).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "dict/dict.h"
#include "core/alloc.h"

#define FIX "tests/data/dict/"

static dict_set *load1(const char *path) {
    dict_set *s = NULL;
    tac_error err;
    if (dict_set_new(&s, &err) != TAC_OK) return NULL;
    if (dict_set_load(s, path, DICT_AUTO, &err) != TAC_OK) {
        fprintf(stderr, "load %s: %s\n", path, err.message);
        dict_set_free(s);
        return NULL;
    }
    return s;
}

/* 1 if the set has a warning of kind at file line. */
static int has_warning(const dict_set *s, unsigned line, dict_wkind kind) {
    for (size_t i = 0; i < dict_warning_count(s); i++) {
        const dict_warning *w = dict_warning_get(s, i);
        if (w->line == line && w->kind == kind) return 1;
    }
    return 0;
}

static size_t count_kind(const dict_set *s, dict_wkind kind) {
    size_t n = 0;
    for (size_t i = 0; i < dict_warning_count(s); i++) n += dict_warning_get(s, i)->kind == kind;
    return n;
}

/* Actor code for a space-separated lower-case phrase on date; NULL if none. */
static const char *actor(const dict_set *s, const char *phrase, int date, size_t *ntok,
                         unsigned *line) {
    const char *tok[16];
    char copy[256];
    size_t n = 0;
    dict_hit h[4];
    snprintf(copy, sizeof copy, "%s", phrase);
    for (char *p = strtok(copy, " "); p && n < 16; p = strtok(NULL, " ")) tok[n++] = p;
    if (!dict_actor_match(s, tok, n, 0, date, h, 4)) return NULL;
    if (ntok) *ntok = h[0].ntok;
    if (line) *line = h[0].code_line;
    return h[0].code ? h[0].code : "(null)";
}

static void test_actors(void) {
    dict_set *s = load1(FIX "test.actors.txt");
    size_t nt = 0;
    unsigned line = 0;
    CHECK(s != NULL);
    if (!s) return;
    /* synonyms share the primary's code */
    CHECK_STR(actor(s, "afghanistan", 0, NULL, NULL), "AFG");
    CHECK_STR(actor(s, "afghan", 0, NULL, NULL), "AFG");
    CHECK_STR(actor(s, "kabul", 20200101, NULL, NULL), "AFG");
    /* date restrictions: range, after, default */
    CHECK_STR(actor(s, "hamid karzai", 19990101, NULL, &line), "AFGELI");
    CHECK(line == 10);
    CHECK_STR(actor(s, "president karzai", 20050101, NULL, &line), "AFGGOV");
    CHECK(line == 11);
    CHECK_STR(actor(s, "hamid karzai", 0, NULL, &line), "AFGELI");
    CHECK(line == 12);
    CHECK_STR(actor(s, "hamid karzai", 20011222, NULL, NULL), "AFGGOV");   /* bounds inclusive */
    CHECK_STR(actor(s, "hamid karzai", 20011221, NULL, NULL), "AFGELI");
    /* the first matching restriction wins, before = "<", after = ">" */
    CHECK_STR(actor(s, "sam gamgee", 20100110, NULL, NULL), "ORCHOB");
    CHECK_STR(actor(s, "sam gamgee", 20070101, NULL, NULL), "HOBCIV");
    CHECK_STR(actor(s, "sam gamgee", 20110101, NULL, NULL), "HOBMIL");
    CHECK_STR(actor(s, "sam gamgee", 20130101, NULL, NULL), "HOBELI");
    CHECK_STR(actor(s, "sam gamgee", 0, NULL, NULL), "HOB");
    /* longest match */
    CHECK_STR(actor(s, "united states navy", 0, &nt, NULL), "USA");
    CHECK(nt == 2);
    /* an entry without codes takes those of the next entry (PETRARCH) */
    CHECK_STR(actor(s, "united states army", 0, &nt, NULL), "SHR");
    CHECK(nt == 3);
    CHECK_STR(actor(s, "nocode phrase", 0, NULL, NULL), "SHR");
    CHECK(actor(s, "states", 0, NULL, NULL) == NULL);
    /* several [..] on one line: the last default wins, all are listed */
    {
        const char *tok[] = {"lorien"};
        dict_hit h[2];
        dict_code c[4];
        CHECK(dict_actor_match(s, tok, 1, 0, 0, h, 2) == 1);
        CHECK(dict_actor_codes(s, h[0].rec, c, 4) == 2);
        CHECK_STR(c[0].code, "ELR/GAL");
        CHECK_STR(h[0].code, "---");
        /* a repeated phrase gives both entries, in load order */
        const char *tok2[] = {"afghanistan"};
        CHECK(dict_actor_match(s, tok2, 1, 0, 0, h, 2) == 2);
        CHECK_STR(h[1].code, "AFGX");
        CHECK(h[1].line == 25);
        CHECK(strstr(h[1].file, "test.actors.txt") != NULL);
    }
    /* malformed lines: warnings with their lines, nothing else lost */
    CHECK(has_warning(s, 20, DICT_W_MALFORMED));   /* 7-digit date */
    CHECK(has_warning(s, 21, DICT_W_MALFORMED));   /* range ends before it starts */
    CHECK(has_warning(s, 22, DICT_W_MALFORMED));   /* indented non-code line */
    CHECK(has_warning(s, 19, DICT_W_NOCODE));
    CHECK(has_warning(s, 23, DICT_W_NOCODE));
    CHECK(has_warning(s, 27, DICT_W_MALFORMED));   /* U+FFFD: kept, but reported */
    CHECK_STR(actor(s, "mangled d\xef\xbf\xbdivoire", 0, NULL, NULL), "CIV");
    CHECK(count_kind(s, DICT_W_MALFORMED) == 4);
    CHECK(dict_file_get(s, 0)->entries == 16);
    {
        dict_hit h[4];
        /* a blank lets the tokens skip[] allows come between two words of
         * a phrase, up to 4; an underscore does not */
        const char *tok[] = {"ithilen", "state", "-", "run", "television"};
        const unsigned char all[] = {1, 1, 1, 1, 1}, none[] = {0, 0, 0, 0, 0};
        CHECK(dict_actor_match_gap(s, tok, 5, 0, 0, all, h, 4) == 1);
        CHECK_STR(h[0].code, "ITHTV");
        CHECK(h[0].ntok == 5);
        CHECK(dict_actor_match_gap(s, tok, 5, 0, 0, none, h, 4) == 1 && h[0].ntok == 1);
        CHECK(dict_actor_match(s, tok, 5, 0, 0, h, 4) == 1 && h[0].ntok == 1);
        const char *tok2[] = {"ithilen", "television"};
        CHECK(dict_actor_match_gap(s, tok2, 2, 0, 0, all, h, 4) == 1 && h[0].ntok == 2);
        const char *tok3[] = {"ithilen", "state", "government", "radio"};
        CHECK(dict_actor_match_gap(s, tok3, 4, 0, 0, all, h, 4) == 1);
        CHECK_STR(h[0].code, "ITH");
        const char *tok4[] = {"ithilen", "a", "b", "c", "d", "e", "television"};
        const unsigned char all7[] = {1, 1, 1, 1, 1, 1, 1};
        CHECK(dict_actor_match_gap(s, tok4, 7, 0, 0, all7, h, 4) == 1 && h[0].ntok == 1);
    }
    /* the audit: overlap (ORCHOB inside HOBMIL) and conflict (AFGHANISTAN) */
    CHECK(dict_set_audit(s, NULL) == TAC_OK);
    CHECK(has_warning(s, 16, DICT_W_OVERLAP));
    CHECK(!has_warning(s, 17, DICT_W_OVERLAP));   /* touching ends do not overlap */
    CHECK(!has_warning(s, 14, DICT_W_OVERLAP));
    CHECK(has_warning(s, 25, DICT_W_CONFLICT));
    dict_set_free(s);
}

static void test_bad_actors(void) {
    dict_set *s = load1(FIX "bad.actors.txt");
    CHECK(s != NULL);
    if (!s) return;
    CHECK(has_warning(s, 1, DICT_W_MALFORMED));   /* missing ']' */
    CHECK(has_warning(s, 2, DICT_W_MALFORMED));   /* code on a synonym line */
    CHECK(has_warning(s, 3, DICT_W_MALFORMED));   /* bad date */
    CHECK(has_warning(s, 1, DICT_W_NOCODE));
    CHECK(has_warning(s, 5, DICT_W_MALFORMED));   /* not UTF-8 */
    CHECK(count_kind(s, DICT_W_MALFORMED) == 4);
    CHECK_STR(actor(s, "ok", 0, NULL, NULL), "OK");
    CHECK_STR(dict_warning_get(s, 0)->file, FIX "bad.actors.txt");
    dict_set_free(s);
}

static size_t agent(const dict_set *s, const char *a, const char *b, dict_hit *h) {
    const char *tok[2] = {a, b};
    return dict_agent_match(s, tok, b ? 2 : 1, 0, h, 2);
}

static void test_agents(void) {
    dict_set *s = load1(FIX "test.agents.txt");
    dict_hit h[2];
    CHECK(s != NULL);
    if (!s) return;
    CHECK(agent(s, "president", NULL, h) == 1 && !strcmp(h[0].code, "GOV") && h[0].flag == 0);
    CHECK(agent(s, "presidents", NULL, h) == 1);             /* regular plural */
    CHECK(agent(s, "authorities", NULL, h) == 1);            /* Y -> IES */
    CHECK(agent(s, "police", NULL, h) == 1);
    CHECK(agent(s, "polices", NULL, h) == 0);                /* {} = no plural */
    CHECK(agent(s, "attorneys", "general", h) == 1 && !strcmp(h[0].code, "GOVATG"));
    CHECK(agent(s, "attorney", "generals", h) == 0);         /* the listed plural only */
    CHECK(agent(s, "congresswomen", NULL, h) == 1 && !strcmp(h[0].code, "LEG"));
    CHECK(agent(s, "congressperson", NULL, h) == 1);
    CHECK(agent(s, "congresspersons", NULL, h) == 0);        /* no plural after a marker */
    {
        const char *tok[] = {"human", "rights", "body"};
        CHECK(dict_agent_match(s, tok, 3, 0, h, 2) == 1);
        CHECK(h[0].flag == 1 && !strcmp(h[0].code, "NGO")); /* NGO~: code goes first */
        CHECK(h[0].ntok == 3 && h[0].line == 8);
    }
    CHECK(has_warning(s, 3, DICT_W_MALFORMED));
    CHECK(has_warning(s, 10, DICT_W_MALFORMED));
    CHECK(has_warning(s, 11, DICT_W_MALFORMED));
    CHECK(has_warning(s, 12, DICT_W_MALFORMED));
    CHECK(has_warning(s, 13, DICT_W_MALFORMED));
    CHECK(dict_warning_count(s) == 5);
    CHECK(dict_file_get(s, 0)->entries == 6);
    dict_set_free(s);
}

static void test_discards_issues(void) {
    dict_set *s = load1(FIX "test.discards.txt");
    dict_hit h[2];
    CHECK(s != NULL);
    if (!s) return;
    {
        const char *a[] = {"months", "later"}, *b[] = {"baseballs"}, *c[] = {"world", "cups"},
                   *d[] = {"world", "cup"}, *e[] = {"world", "golf", "championships"};
        CHECK(dict_discard_match(s, a, 2, 0, h, 2) == 1 && h[0].flag == 0);
        CHECK(dict_discard_match(s, b, 1, 0, h, 2) == 1);   /* a stem */
        CHECK(dict_discard_match(s, c, 2, 0, h, 2) == 0);   /* '_': whole word only */
        CHECK(dict_discard_match(s, d, 2, 0, h, 2) == 1);
        CHECK(dict_discard_match(s, e, 3, 0, h, 2) == 1 && h[0].flag == 1);   /* story */
    }
    CHECK(has_warning(s, 6, DICT_W_MALFORMED) && has_warning(s, 7, DICT_W_MALFORMED));
    CHECK(dict_file_get(s, 0)->entries == 4);
    dict_set_free(s);

    s = load1(FIX "test.issues.txt");
    CHECK(s != NULL);
    if (!s) return;
    {
        const char *a[] = {"teachers"}, *b[] = {"pre-k"}, *c[] = {"pre", "k"},
                   *d[] = {"ethnic", "purging"}, *e[] = {"a", "head", "start"};
        CHECK(dict_issue_match(s, a, 1, 0, h, 2) == 1 && !strcmp(h[0].code, "TEACHERS"));
        CHECK(dict_issue_match(s, b, 1, 0, h, 2) == 1);
        CHECK(dict_issue_match(s, c, 2, 0, h, 2) == 1 && h[0].ntok == 2);
        CHECK(dict_issue_match(s, d, 2, 0, h, 2) == 1 && !strcmp(h[0].code, "ID_ATROCITY"));
        CHECK(dict_issue_match(s, e, 3, 0, h, 2) == 1 && h[0].flag == 1 && !h[0].code);
    }
    CHECK(has_warning(s, 6, DICT_W_MALFORMED) && dict_warning_count(s) == 1);
    CHECK(dict_file_get(s, 0)->entries == 4);
    dict_set_free(s);
}

static void test_verbs(void) {
    dict_set *s = load1(FIX "test.verbs.txt");
    dict_verb_info v;
    CHECK(s != NULL);
    if (!s) return;
    CHECK(dict_verb_find(s, "ask", &v) == 1);
    CHECK_STR(v.block, "ASK");
    CHECK_STR(v.code, "020");
    CHECK(v.npatterns == 3 && v.line == 15);
    if (v.npatterns == 3) {
        CHECK_STR(v.patterns[0].code, "0231");
        CHECK(v.patterns[0].line == 18 && v.patterns[0].ntoks == 2);
        CHECK(v.patterns[0].toks[1].kind == DICT_PT_SYNSET);
        CHECK_STR(v.patterns[0].toks[1].text, "&CURRENCY");
        const dict_pattern *p = &v.patterns[1];   /* $ * (FOR HELP) (FROM +) */
        CHECK(p->has_source && p->has_target && p->line == 19);
        CHECK(p->ntoks == 10 && p->toks[0].kind == DICT_PT_SOURCE &&
              p->toks[1].kind == DICT_PT_VERB && p->toks[2].kind == DICT_PT_LPAREN);
        CHECK_STR(p->toks[3].text, "for");
        CHECK(p->toks[8].kind == DICT_PT_TARGET);
        CHECK(!v.patterns[2].has_source && !v.patterns[2].has_target);
    }
    CHECK(dict_verb_find(s, "asked", &v) == 1 && !strcmp(v.block, "ASK"));   /* regular form */
    CHECK(dict_verb_find(s, "asking", &v) == 1);
    CHECK(dict_verb_find(s, "ask for", &v) == 1 && !strcmp(v.code, "021"));
    CHECK(dict_verb_find(s, "asked for", &v) == 1);   /* listed form */
    CHECK(dict_verb_find(s, "queried", &v) == 1);
    CHECK(dict_verb_find(s, "querys", &v) == 0);      /* listed forms replace regular ones */
    CHECK(dict_verb_find(s, "wire taps", &v) == 1 && !strcmp(v.block, "ATTACK"));
    CHECK(dict_verb_find(s, "attack", &v) == 1 && v.npatterns == 1);
    if (v.npatterns == 1) {
        CHECK_STR(v.patterns[0].code, "042:043");
        CHECK(v.patterns[0].has_source && v.patterns[0].has_target);
    }
    CHECK(dict_verb_find(s, "fly", &v) == 0);
    {
        dict_verb_info all[4];
        CHECK(dict_verb_find_all(s, "attacked", all, 4) == 1);
        CHECK(dict_verb_find_all(s, "ask", all, 0) == 1);   /* counts even with cap 0 */
    }
    {
        const char *a[] = {"dollars"}, *b[] = {"cashs"}, *c[] = {"gold"}, *d[] = {"euro"},
                   *e[] = {"wills"};
        CHECK(dict_synset_match(s, "&CURRENCY", a, 1, 0) == 1);   /* plural generated */
        CHECK(dict_synset_match(s, "&CURRENCY", b, 1, 0) == 0);   /* '_': no plural */
        CHECK(dict_synset_match(s, "&MONEYSYN", c, 1, 0) == 1);
        CHECK(dict_synset_match(s, "&MONEYSYN", d, 1, 0) == 1);   /* nested set copied */
        CHECK(dict_synset_match(s, "&CURRENCY", c, 1, 0) == 0);
        CHECK(dict_synset_match(s, "&AUXVERB", e, 1, 0) == 0);    /* label '_': no plurals */
    }
    CHECK(has_warning(s, 21, DICT_W_MALFORMED));   /* undefined synset */
    CHECK(has_warning(s, 22, DICT_W_MALFORMED));   /* unbalanced ( */
    CHECK(has_warning(s, 23, DICT_W_MALFORMED));   /* no code */
    CHECK(has_warning(s, 24, DICT_W_MALFORMED));   /* bad code */
    CHECK(dict_warning_count(s) == 4);
    CHECK(dict_file_get(s, 0)->entries == 17);
    dict_set_free(s);
}

static void test_dates(void) {
    CHECK(dict_parse_date("011222", 6) == 20011222);
    CHECK(dict_parse_date("750101", 6) == 19750101);
    CHECK(dict_parse_date("300101", 6) == 20300101);
    CHECK(dict_parse_date("310101", 6) == 19310101);
    CHECK(dict_parse_date("2012-02-29", 10) == 20120229);
    CHECK(dict_parse_date("20110229", 8) == 0);
    CHECK(dict_parse_date("2004017", 7) == 0);
    CHECK(dict_parse_date("201005011", 9) == 0);
}

static void test_fold(void) {
    char out[64];
    CHECK(dict_fold("Karzai", 6, out, sizeof out) == 0);
    CHECK_STR(out, "karzai");
    CHECK(dict_fold("ERDO\xc4\x9e" "AN", 8, out, sizeof out) == 0);   /* Ğ -> ğ */
    CHECK_STR(out, "erdo\xc4\x9f" "an");
    CHECK(dict_fold("\xe9t\xe9", 3, out, sizeof out) == -1);          /* Latin-1 */
    CHECK(dict_fold("abc", 3, out, 4) == -1);                         /* short buffer */
}

static double ms_since(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Every real dictionary loads with its known entry count; the Phoenix set
 * fits the budget (50 MB; the 100 ms is checked loosely here because this
 * test also runs under sanitizers, the figure is printed). */
static void test_real(void) {
    static const struct { const char *path; size_t entries; } files[] = {
        {"data/dict/CAMEO.2.0.txt", 7038},
        {"data/dict/Phoenix.Countries.actors.txt", 25917},
        {"data/dict/Phoenix.International.actors.txt", 7906},
        {"data/dict/Phoenix.MilNonState.actors.txt", 1793},
        {"data/dict/Phoenix.agents.txt", 2243},
        {"data/dict/Phoenix.discards.txt", 506},
        {"data/dict/Phoenix.IssueCoding.txt", 3157},
        {"data/validation/PETR.Validate.actors.txt", 161},
        {"data/validation/PETR.Validate.agents.txt", 88},
        {"data/validation/PETR.Validate.discards.txt", 9},
        {"data/validation/PETR.Validate.verbs.txt", 806},
    };
    FILE *f = fopen(files[0].path, "r");
    if (!f) { printf("test_dict: data/dict missing, real dictionaries skipped\n"); return; }
    fclose(f);
    dict_set *s;
    struct timespec t0;
    CHECK(dict_set_new(&s, NULL) == TAC_OK);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t i = 0; i < 7; i++) CHECK(dict_set_load(s, files[i].path, DICT_AUTO, NULL) == TAC_OK);
    double ms = ms_since(&t0);
    size_t mem = dict_set_memory(s);
    printf("test_dict: Phoenix set loads in %.1f ms, %.1f MB, %zu warnings\n", ms,
           mem / 1048576.0, dict_warning_count(s));
    CHECK(mem <= 50u * 1024 * 1024);
    /* load time is printed, not checked: timings belong to `make bench` */
    for (size_t i = 0; i < 7 && i < dict_file_count(s); i++) {
        const dict_file_info *fi = dict_file_get(s, i);
        if (fi->entries != files[i].entries)
            fprintf(stderr, "%s: %zu entries, want %zu\n", fi->path, fi->entries, files[i].entries);
        CHECK(fi->entries == files[i].entries);
    }
    /* real lookups */
    CHECK_STR(actor(s, "afghanistan", 20100101, NULL, NULL), "AFG");
    CHECK_STR(actor(s, "hamid karzai", 20100101, NULL, NULL), "AFGGOV");
    CHECK_STR(actor(s, "hamid karzai", 19900101, NULL, NULL), "AFGELI");
    dict_verb_info v;
    CHECK(dict_verb_find(s, "ask", &v) == 1 && v.npatterns > 50);
    {
        dict_verb_info all[4];   /* ADD is a verb of the ADD and GRANT blocks */
        CHECK(dict_verb_find_all(s, "add", all, 4) == 2);
        CHECK_STR(all[0].block, "ADD");
        CHECK_STR(all[1].block, "GRANT");
    }
    {
        const char *tok[] = {"foreign", "minister"};
        dict_hit h[2];
        CHECK(dict_agent_match(s, tok, 2, 0, h, 2) >= 1);
    }
    CHECK(dict_set_audit(s, NULL) == TAC_OK);
    dict_set_free(s);

    CHECK(dict_set_new(&s, NULL) == TAC_OK);
    for (size_t i = 7; i < sizeof files / sizeof *files; i++) {
        CHECK(dict_set_load(s, files[i].path, DICT_AUTO, NULL) == TAC_OK);
        const dict_file_info *fi = dict_file_get(s, i - 7);
        if (fi && fi->entries != files[i].entries)
            fprintf(stderr, "%s: %zu entries, want %zu\n", fi->path, fi->entries, files[i].entries);
        CHECK(fi && fi->entries == files[i].entries);
    }
    dict_set_free(s);
}

static void test_errors(void) {
    dict_set *s;
    tac_error err;
    CHECK(dict_set_new(&s, &err) == TAC_OK);
    CHECK(dict_set_load(s, FIX "no-such.actors.txt", DICT_AUTO, &err) == TAC_EIO);
    CHECK(dict_set_load(s, FIX "test.txt", DICT_AUTO, &err) == TAC_EINVAL);
    CHECK(dict_set_load(s, FIX "test.actors.txt", DICT_ACTORS, &err) == TAC_OK);
    dict_set_free(s);
    dict_set_free(NULL);
}

/* Failing the nth allocation anywhere in a load gives TAC_ENOMEM (or OK
 * when n is past the last allocation), never a crash or a leak (ASan). */
static void test_fault_injection(void) {
    static const char *const paths[] = {FIX "test.verbs.txt", FIX "test.actors.txt",
                                        FIX "test.agents.txt", FIX "test.issues.txt"};
    for (size_t p = 0; p < 4; p++) {
        int ok = 0, nomem = 0, other = 0;
        for (long n = 1; n < 400 && !ok; n++) {
            dict_set *s = NULL;
            tac_alloc_fail_after(n);
            tac_status st = dict_set_new(&s, NULL);
            if (st == TAC_OK) st = dict_set_load(s, paths[p], DICT_AUTO, NULL);
            if (st == TAC_OK) st = dict_set_audit(s, NULL);
            tac_alloc_fail_after(0);
            if (st == TAC_OK) ok = 1;
            else if (st == TAC_ENOMEM) nomem++;
            else other++;
            dict_set_free(s);
        }
        CHECK(ok && nomem > 10 && other == 0);
    }
}

/* Deterministic mutation run: flipped, inserted and cut bytes in every
 * fixture must load (warnings allowed) without crashing; ASan checks the
 * memory side. */
static void test_mutations(void) {
    static const char *const names[] = {"test.verbs.txt", "test.actors.txt", "test.agents.txt",
                                        "test.discards.txt", "test.issues.txt"};
    static const dict_kind kinds[] = {DICT_VERBS, DICT_ACTORS, DICT_AGENTS, DICT_DISCARDS,
                                      DICT_ISSUES};
    static const char alphabet[] = "[]{}()<>!~+-_&$*%^#:; \t\n\r0123456789AZaz\xc3\xef\xbf";
    unsigned long long seed = 42;
    char in[4096], out[4200], path[256];
    int failures = 0;
    for (size_t f = 0; f < 5; f++) {
        snprintf(path, sizeof path, FIX "%s", names[f]);
        FILE *fp = fopen(path, "rb");
        size_t n = fp ? fread(in, 1, sizeof in, fp) : 0;
        if (fp) fclose(fp);
        CHECK(n > 0);
        for (int round = 0; round < 150; round++) {
            memcpy(out, in, n);
            size_t m = n;
            for (int k = 0; k < 1 + round % 8; k++) {
                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                size_t at = (size_t)(seed >> 33) % m;
                char c = alphabet[(seed >> 20) % (sizeof alphabet - 1)];
                if (k % 3 == 2 && m + 1 < sizeof out) {   /* insert */
                    memmove(out + at + 1, out + at, m - at);
                    out[at] = c;
                    m++;
                } else {
                    out[at] = c;
                }
            }
            if (round % 10 == 9) m = m / 2;   /* truncate */
            snprintf(path, sizeof path, "/tmp/tacitus-test-dict-%ld-%d.txt", (long)getpid(), (int)f);
            fp = fopen(path, "wb");
            if (!fp) { failures++; continue; }
            fwrite(out, 1, m, fp);
            fclose(fp);
            dict_set *s = NULL;
            if (dict_set_new(&s, NULL) != TAC_OK ||
                dict_set_load(s, path, kinds[f], NULL) != TAC_OK ||
                dict_set_audit(s, NULL) != TAC_OK)
                failures++;
            const char *tok[] = {"ask", "for", "afghanistan", "baseball"};
            dict_hit h[4];
            dict_verb_info v;
            for (size_t i = 0; i < 4; i++) {
                dict_actor_match(s, tok, 4, i, 20100101, h, 4);
                dict_agent_match(s, tok, 4, i, h, 4);
                dict_discard_match(s, tok, 4, i, h, 4);
                dict_issue_match(s, tok, 4, i, h, 4);
            }
            dict_verb_find(s, "ask", &v);
            for (size_t i = 0; i < dict_warning_count(s); i++)
                if (!dict_warning_get(s, i)->message) failures++;
            dict_set_free(s);
            remove(path);
        }
    }
    CHECK(failures == 0);
}

int main(void) {
    test_mutations();
    test_fault_injection();
    test_dates();
    test_fold();
    test_actors();
    test_bad_actors();
    test_agents();
    test_discards_issues();
    test_verbs();
    test_real();
    test_errors();
    return check_done("test_dict");
}
