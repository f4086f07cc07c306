/*
 * context.c - the context stage's driver: runs the date pass then the
 * number pass over one document, stores both in d->context (arena) and
 * writes them as JSON. Token helpers shared by the passes live here too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cx_int.h"

/* ---- calendar ---- */

/* Days from civil (H. Hinnant's algorithm): exact for the proleptic
 * Gregorian calendar, so week days and month lengths need no tables. */
long cx_days(int y, int m, int dd) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void cx_civil(long z, int *y, int *m, int *dd) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

int cx_parse_iso(const char *s, size_t n, long *days) {
    if (n != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) || !digits(s + 5, 2) ||
        !digits(s + 8, 2))
        return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), dd = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || dd < 1 || dd > 31) return -1;
    long z = cx_days(y, m, dd);
    int y2, m2, d2;
    cx_civil(z, &y2, &m2, &d2);
    if (m2 != m || d2 != dd) return -1;     /* 31 June */
    *days = z;
    return 0;
}

/* ---- token helpers ---- */

size_t cx_word(const tac_doc *d, size_t i, char *w) {
    const tk_token *t = &d->tokens.v[i];
    size_t n = t->end - t->start;
    const char *s = d->norm.data + t->start;
    if (n > 1 && s[n - 1] == '.') n--;
    if (n >= CX_WORD) return 0;
    for (size_t k = 0; k < n; k++)
        w[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
    w[n] = 0;
    return n;
}

int cx_in(const tac_doc *d, size_t i, uint32_t s) {
    return i < d->tokens.n && d->tokens.v[i].sentence == s;
}

int cx_is(const tac_doc *d, size_t i, uint32_t s, const char *w) {
    char b[CX_WORD];
    return cx_in(d, i, s) && cx_word(d, i, b) && strcmp(b, w) == 0;
}

int cx_cap(const tac_doc *d, size_t i) {
    char ch = d->norm.data[d->tokens.v[i].start];
    return ch >= 'A' && ch <= 'Z';
}

int cx_xpos(const tac_doc *d, size_t i, const char *tag) {
    return d->xpos && d->xpos[i] && strcmp(d->xpos[i], tag) == 0;
}

int cx_upos(const tac_doc *d, size_t i, const char *tag) {
    return d->upos && d->upos[i] && strcmp(d->upos[i], tag) == 0;
}

long cx_int(const tac_doc *d, size_t i) {
    const tk_token *t = &d->tokens.v[i];
    size_t n = t->end - t->start;
    if (n == 0 || n > 9 || !digits(d->norm.data + t->start, n)) return -1;
    long v = 0;
    for (size_t k = 0; k < n; k++) v = v * 10 + (d->norm.data[t->start + k] - '0');
    return v;
}

int cx_small_word(const char *w) {
    static const char *const units[] = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
        "seventeen", "eighteen", "nineteen"};
    static const char *const tens[] = {"twenty", "thirty", "forty", "fifty",
                                       "sixty", "seventy", "eighty", "ninety"};
    for (int k = 0; k < 20; k++)
        if (strcmp(w, units[k]) == 0) return k;
    for (int k = 0; k < 8; k++)
        if (strcmp(w, tens[k]) == 0) return 20 + 10 * k;
    return -1;
}

/* Every word that can begin a date or a number, sorted by byte order, so
 * most tokens are dismissed with one binary search instead of every rule. */
static const char *const triggers[] = {
    "a", "an", "apr", "april", "au", "aug", "august", "between", "billions", "c", "ca",
    "dec", "december", "dozens", "earlier", "eight", "eighteen", "eighth", "eighty",
    "eleven", "eleventh", "feb", "february", "fifteen", "fifth", "fifty", "first", "five",
    "forty", "four", "fourteen", "fourth", "friday", "from", "half", "hk", "hundreds",
    "jan", "january", "jul", "july", "jun", "june", "last", "later", "mar", "march", "may",
    "millions", "monday", "next", "nine", "nineteen", "ninety", "ninth", "nov", "november",
    "nz", "oct", "october", "one", "past", "s", "saturday", "scores", "second", "sep",
    "sept", "september", "seven", "seventeen", "seventh", "seventy", "several", "since",
    "six", "sixteen", "sixth", "sixty", "sunday", "ten", "tens", "tenth", "third",
    "thirteen", "thirty", "this", "thousands", "three", "thursday", "today", "tomorrow",
    "tonight", "tuesday", "twelfth", "twelve", "twenty", "two", "us", "us$", "wednesday",
    "yesterday", "zero"};
#define NTRIGGERS (sizeof triggers / sizeof *triggers)

int cx_triggers_sorted(void) {
    for (size_t k = 1; k < NTRIGGERS; k++)
        if (strcmp(triggers[k - 1], triggers[k]) >= 0) return 0;
    return 1;
}

static int cmp_word(const void *key, const void *elem) {
    return strcmp((const char *)key, *(const char *const *)elem);
}

/* A prefilter on the first three letters (case-folded; anything else is 0)
 * of the trigger words: one bit test rejects "the", "and", "to" before the
 * binary search. Rebuilt per document: 2.5 KB, no shared mutable state. */
#define KEY3 (27 * 27 * 27)
typedef struct prefix3 {
    unsigned char bits[(KEY3 + 7) / 8];
} prefix3;

static int letter(const char *s, size_t n, size_t k) {
    unsigned char ch = k < n ? (unsigned char)(s[k] | 32) : 0;
    return ch >= 'a' && ch <= 'z' ? ch - 'a' + 1 : 0;
}

static int key3(const char *s, size_t n) {
    return letter(s, n, 0) * 729 + letter(s, n, 1) * 27 + letter(s, n, 2);
}

static void prefix3_init(prefix3 *p) {
    memset(p, 0, sizeof *p);
    for (size_t k = 0; k < NTRIGGERS; k++) {
        int key = key3(triggers[k], strlen(triggers[k]));
        p->bits[key >> 3] |= (unsigned char)(1u << (key & 7));
    }
}

/* 1 when token i may begin a date or a number: a digit, a symbol such as
 * "$" or "€", or a trigger word. */
static int may_start(const tac_doc *d, size_t i, const prefix3 *p) {
    const tk_token *t = &d->tokens.v[i];
    const char *s = d->norm.data + t->start;
    unsigned char ch = (unsigned char)s[0];
    if ((ch >= '0' && ch <= '9') || ch == '$' || ch >= 0x80) return 1;
    int key = key3(s, t->end - t->start);
    if (!(p->bits[key >> 3] & (1u << (key & 7)))) return 0;
    char w[CX_WORD];
    if (!((ch | 32) >= 'a' && (ch | 32) <= 'z') || !cx_word(d, i, w)) return 0;
    if (!bsearch(w, triggers, NTRIGGERS, sizeof *triggers, cmp_word)) return 0;
    /* the article, the commonest trigger, begins something only before these */
    static const char *const after_a[] = {
        "billion", "couple", "day", "decade", "dozen", "few", "half", "handful", "hundred",
        "million", "month", "quarter", "third", "thousand", "trillion", "week", "year"};
    if ((w[0] == 'a' && w[1] == 0) || strcmp(w, "an") == 0) {
        if (!cx_in(d, i + 1, t->sentence) || !cx_word(d, i + 1, w)) return 0;
        return bsearch(w, after_a, sizeof after_a / sizeof *after_a, sizeof *after_a,
                       cmp_word) != NULL;
    }
    return 1;
}

/* ---- tree helpers ---- */

const char *cx_lemma(const tac_doc *d, size_t i) { return d->lemma ? d->lemma[i] : NULL; }

int cx_deprel(const tac_doc *d, size_t i, const char *rel) {
    if (!d->deprel || !d->deprel[i]) return 0;
    size_t n = strlen(rel);
    return strncmp(d->deprel[i], rel, n) == 0 && (d->deprel[i][n] == 0 || d->deprel[i][n] == ':');
}

int cx_head(const tac_doc *d, size_t i) { return d->head ? d->head[i] : -1; }

const char *cx_ner(const tac_doc *d, size_t i) {
    const char *t = d->ner ? d->ner[i] : NULL;
    return t && (t[0] == 'B' || t[0] == 'I') && t[1] == '-' ? t + 2 : NULL;
}

int cx_mention_at(const tac_doc *d, size_t i) {
    const cx_layer *L = d->context;
    if (L && L->mention_of) return i < d->tokens.n ? L->mention_of[i] : -1;
    for (size_t k = 0; k < d->mentions.n; k++) { /* before cx_run built the index */
        const mn_mention *m = &d->mentions.v[k];
        if (m->first <= i && i < m->last) return (int)k;
    }
    return -1;
}

/* Token -> mention index, so the passes ask in constant time. */
static int index_mentions(tac_doc *d, cx_layer *L) {
    if (!(L->mention_of = ar_alloc(&d->ar, (d->tokens.n + 1) * sizeof *L->mention_of))) return -1;
    for (size_t i = 0; i <= d->tokens.n; i++) L->mention_of[i] = -1;
    for (size_t k = 0; k < d->mentions.n; k++) {
        const mn_mention *m = &d->mentions.v[k];
        for (size_t i = m->first; i < m->last && i < d->tokens.n; i++)
            if (L->mention_of[i] < 0) L->mention_of[i] = (int)k;
    }
    return 0;
}

/* ---- storage ---- */

/* Doubles an arena array: the old copy stays in the arena (freed with it). */
static void *grow(arena *ar, void *p, size_t n, size_t *cap, size_t sz) {
    if (n < *cap) return p;
    size_t nc = *cap ? *cap * 2 : 16;
    void *q = ar_alloc(ar, nc * sz);
    if (!q) return NULL;
    if (n) memcpy(q, p, n * sz);
    *cap = nc;
    return q;
}

cx_date *cx_add_date(cx_ctx *c, size_t tok0, size_t tok1, cx_gran g) {
    cx_layer *L = c->L;
    cx_date *v = grow(&c->d->ar, L->dates, L->ndates, &L->capdates, sizeof *v);
    if (!v) return NULL;
    L->dates = v;
    cx_date *x = &v[L->ndates++];
    memset(x, 0, sizeof *x);
    x->tok0 = (uint32_t)tok0;
    x->tok1 = (uint32_t)tok1;
    x->gran = g;
    for (size_t i = tok0; i < tok1; i++) c->used[i] = 1;
    return x;
}

cx_number *cx_add_number(cx_ctx *c, size_t tok0, size_t tok1) {
    cx_layer *L = c->L;
    cx_number *v = grow(&c->d->ar, L->numbers, L->nnumbers, &L->capnumbers, sizeof *v);
    if (!v) return NULL;
    L->numbers = v;
    cx_number *x = &v[L->nnumbers++];
    memset(x, 0, sizeof *x);
    x->tok0 = (uint32_t)tok0;
    x->tok1 = (uint32_t)tok1;
    return x;
}

cx_quote *cx_add_quote(cx_ctx *c) {
    cx_layer *L = c->L;
    cx_quote *v = grow(&c->d->ar, L->quotes, L->nquotes, &L->capquotes, sizeof *v);
    if (!v) return NULL;
    L->quotes = v;
    cx_quote *x = &v[L->nquotes++];
    memset(x, 0, sizeof *x);
    x->speaker = x->verb = x->pronoun = -1;
    return x;
}

cx_place *cx_add_place(cx_ctx *c) {
    cx_layer *L = c->L;
    cx_place *v = grow(&c->d->ar, L->places, L->nplaces, &L->capplaces, sizeof *v);
    if (!v) return NULL;
    L->places = v;
    cx_place *x = &v[L->nplaces++];
    memset(x, 0, sizeof *x);
    return x;
}

const char *cx_fmt(cx_ctx *c, const char *fmt, ...) {
    char b[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof b) return NULL;
    return ar_strndup(&c->d->ar, b, (size_t)n);
}

const char *cx_fmt_day(cx_ctx *c, long days) {
    int y, m, dd;
    cx_civil(days, &y, &m, &dd);
    return cx_fmt(c, "%04d-%02d-%02d", y, m, dd);
}

/* ---- driver ---- */

int cx_run(tac_doc *d, const geo_gaz *g) {
    d->context = NULL;
    cx_layer *L = ar_calloc(&d->ar, 1, sizeof *L);
    unsigned char *used = ar_calloc(&d->ar, d->tokens.n + 1, 1);
    unsigned char *start = ar_calloc(&d->ar, d->tokens.n + 1, 1);
    if (!L || !used || !start) return -1;
    prefix3 p3;
    prefix3_init(&p3);
    for (size_t i = 0; i < d->tokens.n; i++) start[i] = (unsigned char)may_start(d, i, &p3);
    cx_ctx c = {d, g, L, used, start, 0, 0};
    if (d->date && cx_parse_iso(d->date, strlen(d->date), &c.pub) == 0) c.have_pub = 1;
    d->context = L;
    if (index_mentions(d, L)) return -1;
    if (cx_find_dates(&c) || cx_find_numbers(&c) || cx_find_quotes(&c) ||
        (g && cx_find_places(&c)))
        return -1;
    return 0;
}

const cx_layer *cx_get(const tac_doc *d) { return d->context; }

static const char *const gran_names[] = {"day", "month", "year", "range"};
static const char *const kind_names[] = {"count", "percent", "money", "ordinal"};

/* "text" and "span" of tokens [t0, t1), shared by both item kinds. */
static int put_text_span(buf *b, const tac_doc *d, uint32_t t0, uint32_t t1) {
    size_t a = d->tokens.v[t0].start, z = d->tokens.v[t1 - 1].end, s, e;
    doc_span(d, a, z, &s, &e);
    return buf_puts(b, "{\"text\":") || buf_json_str(b, d->orig + s, e - s) ||
           buf_printf(b, ",\"span\":[%zu,%zu]", s, e);
}

int cx_json_dates(buf *b, const tac_doc *d) {
    const cx_layer *L = d->context;
    for (size_t i = 0; L && i < L->ndates; i++) {
        const cx_date *x = &L->dates[i];
        if ((i && buf_putc(b, ',')) || put_text_span(b, d, x->tok0, x->tok1) ||
            buf_puts(b, ",\"value\":") ||
            (x->value ? buf_json_str(b, x->value, strlen(x->value)) : buf_puts(b, "null")) ||
            buf_printf(b, ",\"granularity\":\"%s\"", gran_names[x->gran]) ||
            (x->relative && buf_puts(b, ",\"relative\":true")) ||
            (x->future && buf_puts(b, ",\"future\":true")) ||
            (x->offset && buf_printf(b, ",\"offset\":\"%s\",\"anchor\":\"event\"", x->offset)) ||
            buf_putc(b, '}'))
            return -1;
    }
    return 0;
}

int cx_json_numbers(buf *b, const tac_doc *d) {
    const cx_layer *L = d->context;
    for (size_t i = 0; L && i < L->nnumbers; i++) {
        const cx_number *x = &L->numbers[i];
        if ((i && buf_putc(b, ',')) || put_text_span(b, d, x->tok0, x->tok1) ||
            buf_printf(b, ",\"value\":%.15g,\"unit\":", x->value) ||
            (x->unit ? buf_json_str(b, x->unit, strlen(x->unit)) : buf_puts(b, "null")) ||
            buf_printf(b, ",\"approx\":%s,\"kind\":\"%s\"", x->approx ? "true" : "false",
                       kind_names[x->kind]) ||
            (x->currency && buf_printf(b, ",\"currency\":\"%s\"", x->currency)) ||
            buf_putc(b, '}'))
            return -1;
    }
    return 0;
}
