/*
 * abbrev.c - abbreviations that keep their period in news and web text.
 * Titles come first: they precede a name, so a period after them never
 * ends a sentence. The others can (".. and other items, etc. The ...").
 */
#include "token.h"

#include <ctype.h>
#include <string.h>

static const char *const titles[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt",
    "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig", "sen", "rep",
    "gov", "pres", "rev", "fr", "sr", "jr", "st", "hon", "amb", "supt",
    "insp", "det", "no", "nos", "vs", "v", "messrs", "mme", "mlle", "ft",
    "mt", "ste", "gens", "sens", "reps", "lieut", "sec", "atty", "dept",
    "fig", "ref", "approx", "para", "art", "vol", "pp", "ch", "sgts",
    NULL};

static const char *const others[] = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "inc", "ltd", "co", "corp", "bros", "llc", "plc",
    "etc", "al", "ave", "blvd", "rd", "hwy", "est", "cf", "eg", "ie", "min",
    "max", "mins", "hrs", "hr", "sq", "oz", "lb", "lbs", "ft", "yr", "yrs",
    "km", "mi", "govt", "int", "natl", "univ", "assn", "dist", "div", "mass",
    "calif", "fla", "ill", "tex", "penn", "wash", "ariz", "conn", "colo",
    "ga", "ky", "la", "md", "mich", "minn", "mo", "neb", "nev", "okla",
    "ore", "tenn", "va", "wis", "wyo", "ala", "ark", "del", "kan", "miss",
    "mont", "pa", "vt", "dak", "esp", "dept", "misc", "tel", "ext",
    "op", "cit", "ed", "eds", "abt", "appt", "attn", "dir", "mgr", "div",
    NULL};

static int in_list(const char *const *list, const char *w, size_t n) {
    char low[16];
    if (n == 0 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)w[i]);
    low[n] = 0;
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == low[0] && strcmp(list[i], low) == 0) return 1;
    return 0;
}

int tk_is_title(const char *w, size_t n) { return in_list(titles, w, n); }

int tk_is_abbrev(const char *w, size_t n) {
    return in_list(titles, w, n) || in_list(others, w, n);
}
