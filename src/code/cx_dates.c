/*
 * cx_dates.c - the date pass: absolute dates ("October 17, 2023", "17 Oct.
 * 2023", "2023-10-17", "January 2024", "2023"), dates relative to the
 * publication date (week days, "yesterday", "last week", "three days ago",
 * "earlier this month"), ranges ("from 2020 to 2022", "since ...") and
 * offsets anchored on another event ("a day after"). Token rules, no regex.
 */
#include <stdlib.h>
#include <string.h>
#include "cx_int.h"

/* A partly known calendar date: g is CX_DAY, CX_MONTH or CX_YEAR; has_y is 0
 * when the text gave no year ("Jan. 9"). end is one past its last token. */
typedef struct part {
    int y, m, dd, has_y;
    cx_gran g;
    size_t end;
} part;

static int month_of(const char *w) {
    static const char *const full[] = {"january", "february", "march", "april",
                                       "may", "june", "july", "august", "september",
                                       "october", "november", "december"};
    static const char *const abbr[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int k = 0; k < 12; k++)
        if (strcmp(w, full[k]) == 0 || strcmp(w, abbr[k]) == 0) return k + 1;
    return strcmp(w, "sept") == 0 ? 9 : 0;
}

/* Monday = 0 ... Sunday = 6, or -1. */
static int weekday_of(const char *w) {
    static const char *const names[] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
    for (int k = 0; k < 7; k++)
        if (strcmp(w, names[k]) == 0) return k;
    return -1;
}

static int weekday(long days) { return (int)(((days % 7) + 7 + 3) % 7); }

static int in_list(const char *w, const char *const *list) {
    for (; *list; list++)
        if (strcmp(w, *list) == 0) return 1;
    return 0;
}

static int is_word(const tac_doc *d, size_t i, uint32_t s, const char *const *list) {
    char w[CX_WORD];
    return cx_in(d, i, s) && cx_word(d, i, w) && in_list(w, list);
}

/* Month name at i: capitalized (so "may" the modal and "march" the verb
 * stay out), and not tagged as a modal. */
static int month_at(const tac_doc *d, size_t i, uint32_t s) {
    char w[CX_WORD];
    if (!cx_in(d, i, s) || !cx_cap(d, i) || !cx_word(d, i, w) || cx_xpos(d, i, "MD")) return 0;
    return month_of(w);
}

/* Day of the month at i: "9", "17", "9th", "1st"; 0 when not one. */
static int mday_at(const tac_doc *d, size_t i, uint32_t s) {
    if (!cx_in(d, i, s)) return 0;
    const tk_token *t = &d->tokens.v[i];
    const char *p = d->norm.data + t->start;
    size_t n = t->end - t->start, k = 0;
    int v = 0;
    while (k < n && k < 2 && p[k] >= '0' && p[k] <= '9') v = v * 10 + (p[k++] - '0');
    if (k == 0) return 0;
    if (k < n) {
        if (n - k != 2) return 0;
        const char *sfx = p + k;
        if (strncmp(sfx, "st", 2) && strncmp(sfx, "nd", 2) && strncmp(sfx, "rd", 2) &&
            strncmp(sfx, "th", 2))
            return 0;
    }
    return v >= 1 && v <= 31 ? v : 0;
}

/* Four-digit year at i (1000..2999), else 0. */
static int year_at(const tac_doc *d, size_t i, uint32_t s) {
    if (!cx_in(d, i, s) || d->tokens.v[i].end - d->tokens.v[i].start != 4) return 0;
    long v = cx_int(d, i);
    return v >= 1000 && v <= 2999 ? (int)v : 0;
}

/* Optional year after a day or month: "2023" or ", 2023". */
static int year_after(const tac_doc *d, size_t j, uint32_t s, size_t *end) {
    int y = year_at(d, j, s);
    if (y) { *end = j + 1; return y; }
    if (cx_is(d, j, s, ",") && (y = year_at(d, j + 1, s))) { *end = j + 2; return y; }
    return 0;
}

static const char *const month_preps[] = {
    "in", "since", "from", "until", "till", "by", "between", "and", "to", "through",
    "during", "early", "late", "mid", "of", "last", "next", "this", "before", "after",
    "or", "-", NULL};

/* Absolute date starting at token i. loose (inside "since"/"from"/"between")
 * also accepts a bare month or year. Fills p; 1 when found. */
static int abs_at(const tac_doc *d, size_t i, uint32_t s, int loose, part *p) {
    memset(p, 0, sizeof *p);
    if (!cx_in(d, i, s)) return 0;
    const tk_token *t = &d->tokens.v[i];
    long z;
    if (cx_parse_iso(d->norm.data + t->start, t->end - t->start, &z) == 0) {
        cx_civil(z, &p->y, &p->m, &p->dd);
        p->has_y = 1, p->g = CX_DAY, p->end = i + 1;
        return 1;
    }
    int m = month_at(d, i, s), dd;
    if (m) {
        p->m = m;
        if ((dd = mday_at(d, i + 1, s)) && !cx_is(d, i + 2, s, "%")) {
            p->dd = dd, p->g = CX_DAY, p->end = i + 2;
            p->y = year_after(d, i + 2, s, &p->end);
        } else if ((p->y = year_after(d, i + 1, s, &p->end))) {
            p->g = CX_MONTH;
        } else if (loose || (i > 0 && is_word(d, i - 1, s, month_preps))) {
            p->g = CX_MONTH, p->end = i + 1;
        } else {
            return 0;
        }
        p->has_y = p->y != 0;
        return 1;
    }
    if ((dd = mday_at(d, i, s)) && (m = month_at(d, i + 1, s))) {
        p->m = m, p->dd = dd, p->g = CX_DAY, p->end = i + 2;
        p->y = year_after(d, i + 2, s, &p->end);
        p->has_y = p->y != 0;
        return 1;
    }
    if (loose && (p->y = year_at(d, i, s))) {
        p->has_y = 1, p->g = CX_YEAR, p->end = i + 1;
        return 1;
    }
    return 0;
}

/* The tense of the verb governing token i: +1 future (a will/shall/'ll
 * auxiliary, an infinitive "to", or a bare verb under a modal), -1 past (a
 * past form, or a participle under have/be), 0 present or unknown. Without
 * a tree: the nearest "will" or past verb shortly before i. */
static int tense_at(const tac_doc *d, size_t i) {
    static const char *const fut[] = {"will", "shall", "'ll", "wo", NULL};
    static const char *const modal[] = {"may", "might", "must", "can", "should", NULL};
    uint32_t s = d->tokens.v[i].sentence;
    size_t f = d->sentences.v[s].first, l = d->sentences.v[s].last;
    if (d->head && d->upos) {
        int g = d->head[i];
        for (int k = 0; g >= 0 && k < 3 && !cx_upos(d, g, "VERB") && !cx_upos(d, g, "AUX"); k++)
            g = d->head[g];
        if (g >= 0 && (cx_upos(d, g, "VERB") || cx_upos(d, g, "AUX"))) {
            size_t G = (size_t)g;
            int past = cx_xpos(d, G, "VBD"), aux = 0;
            for (size_t k = f; k < l; k++) {
                if (d->head[k] != g) continue;
                aux |= cx_upos(d, k, "AUX");
                int to_mark = cx_is(d, k, s, "to") &&
                              (!d->deprel || (d->deprel[k] && !strcmp(d->deprel[k], "mark")));
                if (is_word(d, k, s, fut) || to_mark ||
                    (cx_xpos(d, G, "VB") && is_word(d, k, s, modal)))
                    return 1;
                if (cx_upos(d, k, "AUX") && (cx_xpos(d, k, "VBD") ||
                                             (cx_xpos(d, G, "VBN") && !cx_is(d, k, s, "be"))))
                    past = 1;
            }
            /* a participle with no auxiliary is a past form the tagger misread */
            return past || (cx_xpos(d, G, "VBN") && !aux) ? -1 : 0;
        }
    }
    for (size_t k = i; k-- > f && i - k <= 8;) {
        if (is_word(d, k, s, fut)) return 1;
        if (cx_xpos(d, k, "VBD")) return -1;
    }
    return d->xpos ? 0 : -1;    /* untagged: news reports the past */
}

/* Formats a part with a known year at its own granularity. */
static const char *part_value(cx_ctx *c, const part *p) {
    if (p->g == CX_YEAR) return cx_fmt(c, "%04d", p->y);
    if (p->g == CX_MONTH) return cx_fmt(c, "%04d-%02d", p->y, p->m);
    return cx_fmt(c, "%04d-%02d-%02d", p->y, p->m, p->dd);
}

/* 1 when the part's day exists (no 31 June) once its year is known. */
static int part_valid(const part *p) {
    if (p->g != CX_DAY) return 1;
    int y, m, dd;
    cx_civil(cx_days(p->y, p->m, p->dd), &y, &m, &dd);
    return m == p->m && dd == p->dd;
}

/* Gives a year-less part a year from the publication date: the latest on
 * or before it in the past tense, the earliest on or after it in the future,
 * else the closest. 0 when there is no publication date. */
static int infer_year(cx_ctx *c, part *p, int tense) {
    if (p->has_y) return 1;
    if (!c->have_pub) return 0;
    int py, pm, pd;
    cx_civil(c->pub, &py, &pm, &pd);
    long key = p->m * 100 + (p->g == CX_DAY ? p->dd : 0);
    long pkey = pm * 100 + (p->g == CX_DAY ? pd : 0);
    p->y = py;
    if (tense > 0 && key < pkey) p->y = py + 1;
    else if (tense < 0 && key > pkey) p->y = py - 1;
    else if (tense == 0) {
        /* month steps are enough to find the nearer of three years */
        int best = 99;
        for (int y = py - 1; y <= py + 1; y++) {
            int dist = abs((y * 12 + p->m) - (py * 12 + pm));
            if (dist < best) best = dist, p->y = y;
        }
    }
    return 1;
}

/* Stores part p over [t0, p->end) as a date item. */
static int add_part(cx_ctx *c, size_t t0, part *p, size_t anchor_tok) {
    int tense = p->has_y ? 0 : tense_at(c->d, anchor_tok);
    int fut = tense > 0;
    int known = infer_year(c, p, tense);
    if (known && !part_valid(p)) return 0;
    cx_date *x = cx_add_date(c, t0, p->end, p->g);
    if (!x) return -1;
    x->relative = !p->has_y;
    x->future = (unsigned)fut;
    if (known && !(x->value = part_value(c, p))) return -1;
    return 0;
}

static const char *open_end(cx_ctx *c) { return c->have_pub ? cx_fmt_day(c, c->pub) : ".."; }

/* "since DATE": the inner date, plus a range from it to the publication
 * date. Returns tokens consumed, 0 when no match, -1 on no memory. */
static long since_at(cx_ctx *c, size_t i, uint32_t s) {
    part p;
    if (!abs_at(c->d, i + 1, s, 1, &p)) return 0;
    cx_date *r = cx_add_date(c, i, p.end, CX_RANGE);
    if (!r) return -1;
    r->relative = 1;
    if (add_part(c, i + 1, &p, i + 1)) return -1;
    if (p.has_y || c->have_pub) {
        const char *a = part_value(c, &p), *b = open_end(c);
        if (!a || !b || !(r->value = cx_fmt(c, "%s/%s", a, b))) return -1;
    }
    return (long)(p.end - i);
}

/* "from A to B", "between A and B". A year-less end takes the other's year. */
static long range_at(cx_ctx *c, size_t i, uint32_t s, int between) {
    static const char *const to[] = {"to", "until", "till", "through", "-", NULL};
    static const char *const and_[] = {"and", NULL};
    part a, b;
    if (!abs_at(c->d, i + 1, s, 1, &a) || !is_word(c->d, a.end, s, between ? and_ : to) ||
        !abs_at(c->d, a.end + 1, s, 1, &b))
        return 0;
    if (!a.has_y && b.has_y) a.y = b.y, a.has_y = b.g != CX_YEAR;
    if (a.has_y && !b.has_y) b.y = a.y, b.has_y = 1;
    int tense = tense_at(c->d, i);
    cx_date *r = cx_add_date(c, i, b.end, CX_RANGE);
    if (!r) return -1;
    int ka = infer_year(c, &a, tense), kb = infer_year(c, &b, tense);
    if (ka && kb && b.y < a.y) b.y = a.y + (b.m < a.m);
    r->relative = !a.has_y;
    if (ka && kb) {
        const char *va = part_value(c, &a), *vb = part_value(c, &b);
        if (!va || !vb || !(r->value = cx_fmt(c, "%s/%s", va, vb))) return -1;
    }
    return (long)(b.end - i);
}

/* "2020-2022", "2020-22" as one token: a year range. */
static long year_span_at(cx_ctx *c, size_t i) {
    const tk_token *t = &c->d->tokens.v[i];
    const char *p = c->d->norm.data + t->start;
    size_t n = t->end - t->start;
    if ((n != 9 && n != 7) || p[4] != '-') return 0;
    for (size_t k = 0; k < n; k++)
        if (k != 4 && (p[k] < '0' || p[k] > '9')) return 0;
    int a = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    int b = n == 9 ? (p[5] - '0') * 1000 + (p[6] - '0') * 100 + (p[7] - '0') * 10 + (p[8] - '0')
                   : a / 100 * 100 + (p[5] - '0') * 10 + (p[6] - '0');
    if (a < 1800 || a > 2100 || b <= a || b - a > 100) return 0;
    cx_date *r = cx_add_date(c, i, i + 1, CX_RANGE);
    if (!r || !(r->value = cx_fmt(c, "%04d/%04d", a, b))) return -1;
    return 1;
}

/* "2000 - 2050" over three tokens: a year range. */
static long year_dash_at(cx_ctx *c, size_t i, uint32_t s) {
    int a = year_at(c->d, i, s), b;
    if (a < 1800 || a > 2100 || !cx_is(c->d, i + 1, s, "-") || !(b = year_at(c->d, i + 2, s)) ||
        b <= a || b - a > 100)
        return 0;
    cx_date *r = cx_add_date(c, i, i + 3, CX_RANGE);
    if (!r || !(r->value = cx_fmt(c, "%04d/%04d", a, b))) return -1;
    return 3;
}

/* A week day with an optional last/next/this before it. */
static long weekday_at(cx_ctx *c, size_t i, uint32_t s, int wd) {
    tac_doc *d = c->d;
    size_t t0 = i;
    int last = 0, next = 0;
    if (i > 0 && cx_in(d, i - 1, s) && !c->used[i - 1]) {
        if (cx_is(d, i - 1, s, "last")) last = 1, t0 = i - 1;
        else if (cx_is(d, i - 1, s, "next")) next = 1, t0 = i - 1;
        else if (cx_is(d, i - 1, s, "this")) t0 = i - 1;
    }
    int fut = next || (!last && tense_at(d, i) > 0);
    cx_date *x = cx_add_date(c, t0, i + 1, CX_DAY);
    if (!x) return -1;
    x->relative = 1;
    x->future = (unsigned)fut;
    if (!c->have_pub) return 1;
    int wp = weekday(c->pub);
    long delta = fut ? (wd - wp + 7) % 7 : -((wp - wd + 7) % 7);
    if (last && delta == 0) delta = -7;
    if (next && delta == 0) delta = 7;
    return (x->value = cx_fmt_day(c, c->pub + delta)) ? 1 : -1;
}

/* First day of the month `delta` months from the publication month. */
static long month_start(long pub, int delta, int *y, int *m) {
    int dd;
    cx_civil(pub, y, m, &dd);
    int k = *y * 12 + (*m - 1) + delta;
    *y = k / 12, *m = k % 12 + 1;
    return cx_days(*y, *m, 1);
}

/* Calendar period words: yesterday/today/tomorrow, last/this/next
 * week/month/year, earlier/later this ..., the past week. */
static long period_at(cx_ctx *c, size_t i, uint32_t s, const char *w) {
    static const char *const units[] = {"week", "month", "year", "weekend", NULL};
    tac_doc *d = c->d;
    long P = c->pub, a = 0, b = 0;
    cx_gran g = CX_DAY;
    size_t end = i + 1;
    int off = 0, y, m;
    char u[CX_WORD] = "";
    if (strcmp(w, "yesterday") == 0) off = -1;
    else if (strcmp(w, "tomorrow") == 0) off = 1;
    else if (strcmp(w, "today") == 0 || strcmp(w, "tonight") == 0) off = 0;
    else {
        int mode; /* 0 last, 1 this, 2 next, 3 earlier this, 4 later this, 5 past */
        size_t j = i + 1;
        if (strcmp(w, "last") == 0) mode = 0;
        else if (strcmp(w, "this") == 0) mode = 1;
        else if (strcmp(w, "next") == 0) mode = 2;
        else if (strcmp(w, "past") == 0 && i > 0 && cx_is(d, i - 1, s, "the")) mode = 5;
        else if ((strcmp(w, "earlier") == 0 || strcmp(w, "later") == 0) &&
                 cx_is(d, i + 1, s, "this"))
            mode = w[0] == 'e' ? 3 : 4, j = i + 2;
        else return 0;
        if (!is_word(d, j, s, units)) {
            if (mode == 0 && cx_is(d, j, s, "night")) { off = -1; end = j + 1; goto day; }
            return 0;
        }
        cx_word(d, j, u);
        end = j + 1;
        long mon = P - weekday(P);
        g = CX_RANGE;
        if (strcmp(u, "weekend") == 0) {
            if (mode > 2) return 0;
            /* the latest Saturday on or before publication, or the next one */
            long sat = P - ((weekday(P) - 5 + 7) % 7);
            int ahead = mode == 2 || (mode == 1 && tense_at(d, i) > 0);
            if (ahead && sat + 1 < P) sat += 7;
            if (mode == 0 && sat + 1 >= P) sat -= 7;
            a = sat, b = sat + 1;
        } else if (u[0] == 'w') {
            static const int lo[] = {-7, 0, 7}, hi[] = {-1, 6, 13};
            if (mode <= 2) a = mon + lo[mode], b = mon + hi[mode];
            else if (mode == 3) a = mon, b = P;
            else if (mode == 4) a = P, b = mon + 6;
            else a = P - 7, b = P;
        } else if (u[0] == 'm') {
            long first = month_start(P, 0, &y, &m), nextm = month_start(P, 1, &y, &m);
            if (mode <= 2) {
                month_start(P, mode - 1, &y, &m);
                cx_date *x = cx_add_date(c, i, end, CX_MONTH);
                if (!x) return -1;
                x->relative = 1;
                if (c->have_pub && !(x->value = cx_fmt(c, "%04d-%02d", y, m))) return -1;
                return (long)(end - i);
            }
            if (mode == 3) a = first, b = P;
            else if (mode == 4) a = P, b = nextm - 1;
            else a = P - 30, b = P;
        } else {
            int py, pm, pd;
            cx_civil(P, &py, &pm, &pd);
            if (mode <= 2) {
                cx_date *x = cx_add_date(c, i, end, CX_YEAR);
                if (!x) return -1;
                x->relative = 1;
                if (c->have_pub && !(x->value = cx_fmt(c, "%04d", py + mode - 1))) return -1;
                return (long)(end - i);
            }
            if (mode == 3) a = cx_days(py, 1, 1), b = P;
            else if (mode == 4) a = P, b = cx_days(py, 12, 31);
            else a = P - 365, b = P;
        }
        cx_date *x = cx_add_date(c, i, end, g);
        if (!x) return -1;
        x->relative = 1;
        if (c->have_pub) {
            const char *va = cx_fmt_day(c, a), *vb = cx_fmt_day(c, b);
            if (!va || !vb || !(x->value = cx_fmt(c, "%s/%s", va, vb))) return -1;
        }
        return (long)(end - i);
    }
day:;
    cx_date *x = cx_add_date(c, i, end, CX_DAY);
    if (!x) return -1;
    x->relative = 1;
    if (c->have_pub && !(x->value = cx_fmt_day(c, P + off))) return -1;
    return (long)(end - i);
}

/* Count word at i: digits, a spelled-out number, or "a"/"an"; -1 if none. */
static long count_at(const tac_doc *d, size_t i, uint32_t s) {
    char w[CX_WORD];
    if (!cx_in(d, i, s) || !cx_word(d, i, w)) return -1;
    long n = cx_int(d, i);
    if (n < 0) n = strcmp(w, "a") == 0 || strcmp(w, "an") == 0 ? 1 : cx_small_word(w);
    return n;
}

/* Days in n units counted back from day z: day, week, month, year, decade. */
static long back_days(long z, long n, char unit) {
    int y, m, dd;
    if (unit == 'd') return z - n;
    if (unit == 'w') return z - 7 * n;
    cx_civil(z, &y, &m, &dd);
    long k = (long)y * 12 + (m - 1) - (unit == 'm' ? n : unit == 'y' ? 12 * n : 120 * n);
    /* unit 'D' is a decade */
    int y2 = (int)(k / 12), m2 = (int)(k % 12) + 1;
    long last = cx_days(m2 == 12 ? y2 + 1 : y2, m2 == 12 ? 1 : m2 + 1, 1) - 1;
    long t = cx_days(y2, m2, 1) + dd - 1;
    return t > last ? last : t;
}

/* "the past 30 days", "the last two weeks": a range ending at publication. */
static long past_n_at(cx_ctx *c, size_t i, uint32_t s) {
    static const char *const units[] = {"days", "weeks", "months", "years", "decades", NULL};
    tac_doc *d = c->d;
    if (i == 0 || !cx_is(d, i - 1, s, "the") || c->used[i - 1]) return 0;
    if (!cx_is(d, i, s, "past") && !cx_is(d, i, s, "last")) return 0;
    long n = count_at(d, i + 1, s);
    if (n < 2 || n > 1000 || !is_word(d, i + 2, s, units)) return 0;
    if (cx_is(d, i + 3, s, "of")) return 0;     /* "the last five months of her life" */
    char u[CX_WORD];
    cx_word(d, i + 2, u);
    cx_date *x = cx_add_date(c, i - 1, i + 3, CX_RANGE);
    if (!x) return -1;
    x->relative = 1;
    if (c->have_pub) {
        const char *a = cx_fmt_day(c, back_days(c->pub, n, u[1] == 'e' ? 'D' : u[0]));
        const char *b = cx_fmt_day(c, c->pub);
        if (!a || !b || !(x->value = cx_fmt(c, "%s/%s", a, b))) return -1;
    }
    return 3;
}

/* "three days ago" (resolved), "a day after", "two weeks later" (an offset
 * from another event: value NULL, offset kept). */
static long offset_at(cx_ctx *c, size_t i, uint32_t s, const char *w) {
    static const char *const units[] = {"day", "days", "week", "weeks", "month", "months",
                                        "year", "years", "decade", "decades", NULL};
    static const char *const dirs[] = {"ago", "earlier", "later", "after", "before", NULL};
    static const char *const hours[] = {"hour", "hours", NULL};
    tac_doc *d = c->d;
    long n = count_at(d, i, s);
    (void)w;
    /* "24 hours ago": the day it falls on */
    if (n > 0 && n <= 1000 && is_word(d, i + 1, s, hours) && cx_is(d, i + 2, s, "ago")) {
        cx_date *x = cx_add_date(c, i, i + 3, CX_DAY);
        if (!x) return -1;
        x->relative = 1;
        if (c->have_pub && !(x->value = cx_fmt_day(c, c->pub - (n + 23) / 24))) return -1;
        return 3;
    }
    if (n <= 0 || n > 1000 || !is_word(d, i + 1, s, units) || !is_word(d, i + 2, s, dirs))
        return 0;
    char u[CX_WORD], dir[CX_WORD];
    cx_word(d, i + 1, u);
    cx_word(d, i + 2, dir);
    int decade = u[0] == 'd' && u[1] == 'e';
    cx_gran g = u[0] == 'm' ? CX_MONTH : (u[0] == 'y' || decade) ? CX_YEAR : CX_DAY;
    cx_date *x = cx_add_date(c, i, i + 3, g);
    if (!x) return -1;
    x->relative = 1;
    int back = strcmp(dir, "ago") == 0 || strcmp(dir, "earlier") == 0 ||
               strcmp(dir, "before") == 0;
    if (strcmp(dir, "ago") != 0) {
        const char U = (char)(decade ? 'Y' : u[0] == 'd' ? 'D' : u[0] == 'w' ? 'W' :
                              u[0] == 'm' ? 'M' : 'Y');
        return (x->offset = cx_fmt(c, "%sP%ld%c", back ? "-" : "", decade ? 10 * n : n, U))
                   ? 3 : -1;
    }
    if (!c->have_pub) return 3;
    int y, m, dd;
    if (g == CX_DAY) {
        x->value = cx_fmt_day(c, c->pub - n * (u[0] == 'w' ? 7 : 1));
    } else if (g == CX_MONTH) {
        month_start(c->pub, (int)-n, &y, &m);
        x->value = cx_fmt(c, "%04d-%02d", y, m);
    } else {
        cx_civil(c->pub, &y, &m, &dd);
        x->value = cx_fmt(c, "%04ld", y - (decade ? 10 * n : n));
    }
    return x->value ? 3 : -1;
}

/* "1990s": a decade as a range. */
static long decade_at(cx_ctx *c, size_t i) {
    const tk_token *t = &c->d->tokens.v[i];
    const char *p = c->d->norm.data + t->start;
    if (t->end - t->start != 5 || p[4] != 's' || p[3] != '0') return 0;
    int y = 0;
    for (int k = 0; k < 4; k++) {
        if (p[k] < '0' || p[k] > '9') return 0;
        y = y * 10 + (p[k] - '0');
    }
    if (y < 1800 || y > 2100) return 0;
    cx_date *x = cx_add_date(c, i, i + 1, CX_RANGE);
    if (!x || !(x->value = cx_fmt(c, "%04d/%04d", y, y + 9))) return -1;
    return 1;
}

/* A bare year "2023": rejected when the token counts something ("2000
 * troops", "1500 personnel") or is hedged or priced like an amount. */
static long lone_year_at(cx_ctx *c, size_t i, uint32_t s) {
    static const char *const amount_before[] = {
        "$", "€", "£", "¥", "about", "around", "nearly", "almost", "some", "over", "than",
        "least", "approximately", "roughly", "estimated", "up", "of", NULL};
    static const char *const amount_after[] = {
        "%", "percent", "per", "pct", "personnel", "people", "of", "hundred", "thousand",
        "million", "billion", "-", "year", "years", "old", NULL};
    static const char *const preps[] = {"in", "since", "by", "until", "from", "during",
                                        "before", "after", "of", "and", "to", NULL};
    tac_doc *d = c->d;
    int y = year_at(d, i, s);
    if (y < 1800 || y > 2100) return 0;
    if (i > 0 && is_word(d, i - 1, s, amount_before) && !cx_is(d, i - 1, s, "of")) return 0;
    if (is_word(d, i + 1, s, amount_after)) return 0;
    if (cx_in(d, i + 1, s) && (cx_xpos(d, i + 1, "NNS") || cx_xpos(d, i + 1, "NNPS"))) return 0;
    /* untagged: a preposition before, or no lower-case word after ("covered 2023.") */
    if (!d->xpos && !(i > 0 && is_word(d, i - 1, s, preps)) && cx_in(d, i + 1, s)) {
        char w[CX_WORD];
        if (!cx_cap(d, i + 1) && cx_word(d, i + 1, w) && w[0] >= 'a' && w[0] <= 'z') return 0;
    }
    cx_date *x = cx_add_date(c, i, i + 1, CX_YEAR);
    if (!x || !(x->value = cx_fmt(c, "%04d", y))) return -1;
    return 1;
}

/* Tries every rule at token i; returns tokens consumed, 0 or -1. */
static long date_at(cx_ctx *c, size_t i) {
    tac_doc *d = c->d;
    uint32_t s = d->tokens.v[i].sentence;
    char w[CX_WORD];
    if (!cx_word(d, i, w)) return 0;
    long k;
    part p;
    if (strcmp(w, "since") == 0 && (k = since_at(c, i, s))) return k;
    if ((strcmp(w, "from") == 0 || strcmp(w, "between") == 0) &&
        (k = range_at(c, i, s, w[0] == 'b')))
        return k;
    if ((k = year_span_at(c, i))) return k;
    if ((k = year_dash_at(c, i, s))) return k;
    if (abs_at(d, i, s, 0, &p)) {
        int r = add_part(c, i, &p, i);
        return r < 0 ? -1 : (long)(p.end - i);
    }
    int wd = weekday_of(w);
    if (wd >= 0 && cx_cap(d, i)) {
        /* "Friday, July 21, 2017": the week day names the date that follows */
        size_t j = i + 1 + cx_is(d, i + 1, s, ",");
        if (abs_at(d, j, s, 0, &p) && p.g == CX_DAY) {
            int r = add_part(c, i, &p, i);
            return r < 0 ? -1 : (long)(p.end - i);
        }
        return weekday_at(c, i, s, wd);
    }
    if ((k = past_n_at(c, i, s))) return k;
    if ((k = period_at(c, i, s, w))) return k;
    if ((k = offset_at(c, i, s, w))) return k;
    if ((k = decade_at(c, i))) return k;
    return lone_year_at(c, i, s);
}

int cx_find_dates(cx_ctx *c) {
    for (size_t i = 0; i < c->d->tokens.n;) {
        long k = c->used[i] || !c->start[i] ? 1 : date_at(c, i);
        if (k < 0) return -1;
        i += k ? (size_t)k : 1;
    }
    return 0;
}
