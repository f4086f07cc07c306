/*
 * filter.c - the query parameters of /v1/events, /v1/stats and /v1/network,
 * checked strictly: every value is validated here, so the SQL only ever
 * binds known-good values and a bad parameter is a 400 that names it.
 */
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sv_filter_init(sv_filter *f) {
    memset(f, 0, sizeof *f);
    f->limit = 100;
    f->sort_desc = 1;
    snprintf(f->by, sizeof f->by, "quad");
    snprintf(f->interval, sizeof f->interval, "month");
    f->min = 1;
}

static int all_of(const char *s, const char *set, size_t lo, size_t hi) {
    size_t n = strlen(s);
    return n >= lo && n <= hi && strspn(s, set) == n;
}

static int valid_date(const char *s) {
    if (strlen(s) != 10 || !all_of(s, "0123456789-", 10, 10) || s[4] != '-' || s[7] != '-')
        return 0;
    int m = atoi(s + 5), d = atoi(s + 8);
    return strchr(s + 5, '-') == s + 7 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* A decimal integer in [lo, hi], nothing else. */
static int int_in(const char *s, long long lo, long long hi, long long *out) {
    if (!all_of(s, "0123456789", 1, 18)) return 0;
    long long v = strtoll(s, NULL, 10);
    if (v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGITS "0123456789"

int sv_filter_set(sv_filter *f, const char *key, const char *v, char *msg, size_t cap) {
    long long n;
    if (!v) v = "";
    if (!strcmp(key, "actor")) {
        if (!all_of(v, UPPER DIGITS, 1, sizeof f->actor - 1)) goto bad;
        snprintf(f->actor, sizeof f->actor, "%s", v);
    } else if (!strcmp(key, "cameo")) {
        if (!all_of(v, DIGITS, 1, 4)) goto bad;
        snprintf(f->cameo, sizeof f->cameo, "%s", v);
    } else if (!strcmp(key, "quad")) {
        if (!int_in(v, 1, 4, &n)) goto bad;
        f->quad = (int)n;
    } else if (!strcmp(key, "from") || !strcmp(key, "to")) {
        if (!valid_date(v)) goto bad;
        snprintf(key[0] == 'f' ? f->from : f->to, sizeof f->from, "%s", v);
    } else if (!strcmp(key, "place")) {
        if (!all_of(v, UPPER, 3, 3)) goto bad;
        snprintf(f->place, sizeof f->place, "%s", v);
    } else if (!strcmp(key, "limit")) {
        if (!int_in(v, 1, 1000, &n)) goto bad;
        f->limit = (int)n;
    } else if (!strcmp(key, "cursor")) {
        if (!int_in(v, 0, 999999999999999999LL, &n)) goto bad;
        f->cursor = n;
    } else if (!strcmp(key, "sort")) {
        if (!strcmp(v, "date")) f->sort_desc = 0;
        else if (!strcmp(v, "-date")) f->sort_desc = 1;
        else goto bad;
    } else if (!strcmp(key, "by")) {
        if (strcmp(v, "root") && strcmp(v, "quad") && strcmp(v, "plover")) goto bad;
        snprintf(f->by, sizeof f->by, "%s", v);
    } else if (!strcmp(key, "interval")) {
        if (strcmp(v, "day") && strcmp(v, "week") && strcmp(v, "month")) goto bad;
        snprintf(f->interval, sizeof f->interval, "%s", v);
    } else if (!strcmp(key, "min")) {
        if (!int_in(v, 1, 1000000, &n)) goto bad;
        f->min = (int)n;
    } else {
        snprintf(msg, cap, "unknown parameter '%.40s'", key);
        return -1;
    }
    return 0;
bad:
    snprintf(msg, cap, "bad value for '%s': '%.40s' (%s)", key, v,
             !strcmp(key, "actor")   ? "a CAMEO actor code such as USAGOV"
             : !strcmp(key, "cameo") ? "1-4 digits of a CAMEO event code"
             : !strcmp(key, "quad")  ? "1-4"
             : !strcmp(key, "place") ? "an ISO 3166 alpha-3 code such as IRQ"
             : !strcmp(key, "limit") ? "1-1000"
             : !strcmp(key, "sort")  ? "date or -date"
             : !strcmp(key, "by")    ? "root, quad or plover"
             : !strcmp(key, "interval") ? "day, week or month"
             : !strcmp(key, "min")   ? "1-1000000"
             : !strcmp(key, "cursor") ? "the next_cursor of the previous page"
                                     : "YYYY-MM-DD");
    return -1;
}
