/*
 * abbrev.c - abbreviations that keep their period in news and web text.
 * Titles come first: they precede a name, so a period after them never
 * ends a sentence. The others can (".. and other items, etc. The ...").
 */
#include "token.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const titles[] = {
    "adm", "amb", "approx", "art", "atty", "brig", "capt", "cdr", "ch", "cmdr", "col",
    "cpl", "cpt", "dept", "det", "dr", "fig", "fr", "ft", "gen", "gens", "gov", "hon",
    "insp", "jr", "lieut", "lt", "maj", "messrs", "mlle", "mme", "mr", "mrs", "ms", "mt",
    "no", "nos", "para", "pp", "pres", "prof", "pvt", "ref", "rep", "reps", "rev", "sec",
    "sen", "sens", "sgt", "sgts", "sr", "st", "ste", "supt", "v", "vol", "vs",
};

static const char *const others[] = {
    "abt", "al", "ala", "appt", "apr", "ariz", "ark", "assn", "attn", "aug", "ave",
    "blvd", "bros", "calif", "cf", "cit", "co", "colo", "conn", "corp", "dak", "dec",
    "del", "dept", "dir", "dist", "div", "ed", "eds", "eg", "esp", "est", "etc", "ext",
    "feb", "fla", "fri", "ft", "ga", "govt", "hr", "hrs", "hwy", "ie", "ill", "inc",
    "int", "jan", "jul", "jun", "kan", "km", "ky", "la", "lb", "lbs", "llc", "ltd", "mar",
    "mass", "max", "md", "mgr", "mi", "mich", "min", "minn", "mins", "misc", "miss", "mo",
    "mon", "mont", "natl", "neb", "nev", "nov", "oct", "okla", "op", "ore", "oz", "pa",
    "penn", "plc", "rd", "sat", "sep", "sept", "sq", "sun", "tel", "tenn", "tex", "thu",
    "thur", "thurs", "tue", "tues", "univ", "va", "vt", "wash", "wed", "wis", "wyo", "yr",
    "yrs",
};

static int cmp_str(const void *a, const void *b) {
    return strcmp((const char *)a, *(const char *const *)b);
}

/* The lists are sorted (a unit test checks it), so lookup is a bsearch. */
static int in_list(const char *const *list, size_t n_list, const char *w, size_t n) {
    char low[16];
    if (n == 0 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)w[i]);
    low[n] = 0;
    return bsearch(low, list, n_list, sizeof *list, cmp_str) != NULL;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int tk_abbrev_lists_sorted(void) {
    for (size_t i = 1; i < COUNT(titles); i++)
        if (strcmp(titles[i - 1], titles[i]) >= 0) return 0;
    for (size_t i = 1; i < COUNT(others); i++)
        if (strcmp(others[i - 1], others[i]) >= 0) return 0;
    return 1;
}

int tk_is_title(const char *w, size_t n) { return in_list(titles, COUNT(titles), w, n); }

int tk_is_abbrev(const char *w, size_t n) {
    return in_list(titles, COUNT(titles), w, n) || in_list(others, COUNT(others), w, n);
}
