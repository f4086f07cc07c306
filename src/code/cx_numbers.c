/*
 * cx_numbers.c - the number pass: cardinals in digits or words with their
 * scale ("3.2 million", "1.5bn", "two dozen"), vague quantities ("dozens
 * of"), percentages, money, and ordinals of ongoing periods ("its 97th
 * day"), each with the noun it counts. Tokens a date took are skipped.
 */
#include <string.h>
#include "cx_int.h"

typedef struct wv {
    const char *w;
    double v;
} wv;

static double lookup(const wv *t, const char *w) {
    for (; t->w; t++)
        if (strcmp(t->w, w) == 0) return t->v;
    return 0;
}

static const wv scales[] = {{"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6},
                            {"billion", 1e9}, {"trillion", 1e12}, {"dozen", 12},
                            {"mn", 1e6}, {"bn", 1e9}, {"tn", 1e12}, {NULL, 0}};
static const wv suffixes[] = {{"k", 1e3}, {"m", 1e6}, {"mn", 1e6}, {"mln", 1e6},
                              {"b", 1e9}, {"bn", 1e9}, {"bln", 1e9}, {"tn", 1e12},
                              {"trn", 1e12}, {NULL, 0}};
/* Vague plurals take the smallest value the plural allows: two of the unit
 * (dozens 24, scores 40, hundreds 200...). docs/context.md. */
static const wv vague[] = {{"dozens", 24}, {"scores", 40}, {"hundreds", 200},
                           {"thousands", 2000}, {"millions", 2e6}, {"billions", 2e9},
                           {"tens", 20}, {NULL, 0}};
static const wv vague_base[] = {{"hundreds", 100}, {"thousands", 1e3}, {"millions", 1e6},
                                {"billions", 1e9}, {NULL, 0}};
static const wv ordinals[] = {{"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4},
                              {"fifth", 5}, {"sixth", 6}, {"seventh", 7}, {"eighth", 8},
                              {"ninth", 9}, {"tenth", 10}, {"eleventh", 11}, {"twelfth", 12},
                              {NULL, 0}};

typedef struct money {
    const char *w, *unit, *code;
} money;

/* a country prefix written against "$": "US$", "NZ $" */
static const money dollar_prefixes[] = {{"us", "dollar", "USD"}, {"nz", "dollar", "NZD"},
                                        {"a", "dollar", "AUD"}, {"au", "dollar", "AUD"},
                                        {"c", "dollar", "CAD"}, {"ca", "dollar", "CAD"},
                                        {"hk", "dollar", "HKD"}, {"s", "dollar", "SGD"},
                                        {NULL, NULL, NULL}};
static const money symbols[] = {{"$", "dollar", "USD"}, {"us$", "dollar", "USD"},
                                {"€", "euro", "EUR"}, {"£", "pound", "GBP"},
                                {"¥", "yen", "JPY"}, {NULL, NULL, NULL}};
static const money words[] = {
    {"dollar", "dollar", "USD"}, {"dollars", "dollar", "USD"}, {"euro", "euro", "EUR"},
    {"euros", "euro", "EUR"}, {"yen", "yen", "JPY"}, {"yuan", "yuan", "CNY"},
    {"rupee", "rupee", "INR"}, {"rupees", "rupee", "INR"}, {"ruble", "ruble", "RUB"},
    {"rubles", "ruble", "RUB"}, {"rouble", "ruble", "RUB"}, {"roubles", "ruble", "RUB"},
    {"shekel", "shekel", "ILS"}, {"shekels", "shekel", "ILS"}, {"riyal", "riyal", "SAR"},
    {"riyals", "riyal", "SAR"}, {"dinar", "dinar", NULL}, {"dinars", "dinar", NULL},
    {NULL, NULL, NULL}};

static const money *find_money(const money *t, const char *w) {
    for (; t->w; t++)
        if (strcmp(t->w, w) == 0) return t;
    return NULL;
}

/* Digits with thousands commas, an optional decimal part and an optional
 * scale suffix ("2,500", "17.5", "3.2bn"). 1 and *v when it is one. */
static int numeral(const tac_doc *d, size_t i, double *v) {
    const tk_token *t = &d->tokens.v[i];
    const char *p = d->norm.data + t->start, *e = d->norm.data + t->end;
    double x = 0;
    int nd = 0, group = -1;
    for (; p < e && ((*p >= '0' && *p <= '9') || *p == ','); p++) {
        if (*p == ',') {
            if (nd == 0 || (group >= 0 && group != 3) || (group < 0 && nd > 3)) return 0;
            group = 0;
            continue;
        }
        x = x * 10 + (*p - '0');
        nd++;
        if (group >= 0) group++;
    }
    if (nd == 0 || (group >= 0 && group != 3)) return 0;
    if (p < e && *p == '.' && p + 1 < e && p[1] >= '0' && p[1] <= '9') {
        double f = 0.1;
        for (p++; p < e && *p >= '0' && *p <= '9'; p++, f /= 10) x += (*p - '0') * f;
    }
    if (p < e) {
        char sfx[8];
        size_t n = (size_t)(e - p);
        if (n >= sizeof sfx) return 0;
        for (size_t k = 0; k < n; k++) sfx[k] = (char)(p[k] >= 'A' && p[k] <= 'Z' ? p[k] + 32 : p[k]);
        sfx[n] = 0;
        double s = lookup(suffixes, sfx);
        if (s == 0) return 0;
        x *= s;
    }
    *v = x;
    return 1;
}

/* A parsed number: [t0, end) value v; core_end is one past the last token
 * of the quantity itself (before a currency word or a percent sign). */
typedef struct num {
    size_t t0, end;
    double v;
    int approx, vague, spelled, of;     /* of: ends before "of" (dozens of X) */
    int skip;                           /* tokens between it and its noun ("half an hour") */
    cx_kind kind;
    const char *unit, *currency;
} num;

/* Spelled-out cardinal "twenty - five", or "a"/"an" before a scale word. */
static int spelled_at(const tac_doc *d, size_t i, uint32_t s, const char *w, num *n) {
    char b[CX_WORD];
    int v = cx_small_word(w);
    if (v < 0) {
        if ((strcmp(w, "a") == 0 || strcmp(w, "an") == 0) && cx_in(d, i + 1, s) &&
            cx_word(d, i + 1, b) && lookup(scales, b) > 0) {
            n->v = 1, n->end = i + 1, n->spelled = 1;
            return 1;
        }
        return 0;
    }
    /* taggers call "forty percent" an adjective; only "one" needs the tag */
    if (v == 1 && d->xpos && !cx_xpos(d, i, "CD")) return 0;
    n->v = v, n->end = i + 1, n->spelled = 1;
    int u;
    if (v >= 20 && v % 10 == 0 && cx_is(d, i + 1, s, "-") && cx_in(d, i + 2, s) &&
        cx_word(d, i + 2, b) && (u = cx_small_word(b)) > 0 && u < 10)
        n->v += u, n->end = i + 3;
    return 1;
}

/* Scale words after a quantity: "3.2 million", "two dozen", "two hundred
 * thousand". */
static void scale_after(const tac_doc *d, uint32_t s, num *n) {
    char b[CX_WORD];
    double k;
    while (cx_in(d, n->end, s) && cx_word(d, n->end, b) && (k = lookup(scales, b)) > 0) {
        n->v *= k;
        n->end++;
    }
}

/* Vague quantities: "dozens of", "tens of thousands of", "several", "a few",
 * "a couple of", "a handful of". */
static int vague_at(const tac_doc *d, size_t i, uint32_t s, const char *w, num *n) {
    char b[CX_WORD];
    double v = lookup(vague, w), base;
    if (v > 0) {
        int of = cx_is(d, i + 1, s, "of");
        if (!of && (strcmp(w, "tens") == 0 || strcmp(w, "scores") == 0)) return 0;
        if (d->upos && !of && !cx_upos(d, i, "NOUN") && !cx_upos(d, i, "NUM")) return 0;
        n->end = i + 1;
        if (of && cx_in(d, i + 2, s) && cx_word(d, i + 2, b) && (base = lookup(vague_base, b)) > 0)
            v *= base, n->end = i + 3;
        n->v = v, n->approx = n->vague = 1;
        n->of = cx_is(d, n->end, s, "of");
        return 1;
    }
    static const wv fractions[] = {{"quarter", 0.25}, {"third", 1.0 / 3}, {"half", 0.5},
                                   {NULL, 0}};
    if (strcmp(w, "a") == 0 && cx_in(d, i + 1, s) && cx_word(d, i + 1, b) &&
        (v = lookup(fractions, b)) > 0 && cx_is(d, i + 2, s, "of")) {
        n->v = v, n->end = i + 2, n->of = 1;
        return 1;
    }
    if (strcmp(w, "half") == 0 && cx_is(d, i + 1, s, "of")) {
        n->v = 0.5, n->end = i + 1, n->of = 1;
        return 1;
    }
    /* "half an hour": the article sits between the fraction and its noun */
    if (strcmp(w, "half") == 0 && (cx_is(d, i + 1, s, "a") || cx_is(d, i + 1, s, "an"))) {
        n->v = 0.5, n->end = i + 1, n->skip = 1;
        return 1;
    }
    if (strcmp(w, "several") == 0) v = 3, n->end = i + 1;
    else if (strcmp(w, "a") == 0 && cx_is(d, i + 1, s, "few")) v = 3, n->end = i + 2;
    else if (strcmp(w, "a") == 0 && cx_is(d, i + 1, s, "couple") && cx_is(d, i + 2, s, "of"))
        v = 2, n->end = i + 2;
    else if (strcmp(w, "a") == 0 && cx_is(d, i + 1, s, "handful") && cx_is(d, i + 2, s, "of"))
        v = 5, n->end = i + 2;
    else return 0;
    n->v = v, n->approx = n->vague = 1;
    n->of = cx_is(d, n->end, s, "of");
    return 1;
}

/* Hedges before t0 that make a figure approximate. */
static int hedged(const tac_doc *d, size_t t0, uint32_t s) {
    static const char *const one[] = {"about", "around", "approximately", "roughly",
                                      "nearly", "almost", "some", "estimated", "over",
                                      "under", "circa", "approx", NULL};
    static const char *const two[] = {"more", "less", "fewer", "least", "to", "many",
                                      "upwards", NULL};
    char w[CX_WORD], v[CX_WORD];
    if (t0 == 0 || !cx_in(d, t0 - 1, s) || !cx_word(d, t0 - 1, w)) return 0;
    for (const char *const *p = one; *p; p++)
        if (strcmp(w, *p) == 0) return 1;
    if (strcmp(w, "than") == 0 || strcmp(w, "as") == 0 || strcmp(w, "of") == 0 ||
        strcmp(w, "to") == 0 || strcmp(w, "least") == 0)
        if (t0 >= 2 && cx_in(d, t0 - 2, s) && cx_word(d, t0 - 2, v))
            for (const char *const *p = two; *p; p++)
                if (strcmp(v, *p) == 0 || (strcmp(w, "least") == 0 && strcmp(v, "at") == 0) ||
                    (strcmp(w, "to") == 0 && (strcmp(v, "up") == 0 || strcmp(v, "close") == 0)))
                    return 1;
    return 0;
}

/* Without tags a noun is a lower-case word that is neither a function word
 * nor a past form: crude, but it keeps "127 attacks" and drops "12 were". */
static int untagged_noun(const tac_doc *d, size_t i) {
    static const char *const stop[] = {
        "and", "or", "but", "of", "the", "a", "an", "was", "were", "is", "are", "be", "been",
        "in", "on", "for", "to", "with", "by", "at", "from", "that", "which", "who", "as",
        "than", "more", "have", "has", "had", "will", "would", "this", "these", "those",
        "it", "they", "he", "she", "we", "said", "per", "into", "over", "since", NULL};
    char w[CX_WORD];
    size_t n = cx_word(d, i, w);
    if (n < 2 || (cx_cap(d, i) && d->sentences.v[d->tokens.v[i].sentence].first == i)) return 0;
    for (size_t k = cx_cap(d, i); k < n; k++)
        if (w[k] < 'a' || w[k] > 'z') return 0;
    if (n > 3 && strcmp(w + n - 2, "ed") == 0) return 0;
    for (const char *const *p = stop; *p; p++)
        if (strcmp(w, *p) == 0) return 0;
    return 1;
}

static int noun_at(const tac_doc *d, size_t i, uint32_t s) {
    if (!cx_in(d, i, s)) return 0;
    if (d->upos) return cx_upos(d, i, "NOUN") || cx_xpos(d, i, "NNPS");
    return untagged_noun(d, i);
}

static int modifier_at(const tac_doc *d, size_t i, uint32_t s) {
    return cx_in(d, i, s) && (cx_upos(d, i, "ADJ") || cx_xpos(d, i, "VBN") ||
                              cx_xpos(d, i, "HYPH") || cx_is(d, i, s, "-"));
}

/* The lemma of noun token i: the lemma layer, else the word without a
 * plural -s; a capital inside the sentence is kept ("Greeks" -> "Greek").
 * Arena or model memory; NULL on no memory. */
static const char *lemma_of(cx_ctx *c, size_t i) {
    tac_doc *d = c->d;
    char w[CX_WORD];
    size_t n = cx_word(d, i, w);
    int cap = cx_cap(d, i) && d->sentences.v[d->tokens.v[i].sentence].first != i;
    const char *l = d->lemma ? d->lemma[i] : NULL;
    /* a plural the lemmatizer left alone ("troops") still counts one troop */
    if (l && !(cx_xpos(d, i, "NNS") && n && strcmp(l, w) == 0)) {
        if (!cap || !(l[0] >= 'a' && l[0] <= 'z')) return l;
        n = strlen(l);
        if (n >= CX_WORD) return l;
        memcpy(w, l, n + 1);
    } else {
        if (n > 4 && strcmp(w + n - 3, "ies") == 0) w[n - 3] = 'y', n -= 2;
        else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's') n--;
    }
    if (cap) w[0] = (char)(w[0] - 32);
    return ar_strndup(&d->ar, w, n);
}

/* The counted noun of a quantity ending before token `after`: the nummod
 * head from the tree when it follows closely, else the next noun (skipping
 * adjectives, and a compound run to its last noun). */
static const char *unit_of(cx_ctx *c, size_t last, size_t after, uint32_t s, int of) {
    tac_doc *d = c->d;
    double v;
    char w[CX_WORD];
    /* "two or three goals": the noun of the second number */
    if ((cx_is(d, after, s, "or") || cx_is(d, after, s, "to")) && cx_in(d, after + 1, s) &&
        (numeral(d, after + 1, &v) || (cx_word(d, after + 1, w) && cx_small_word(w) > 0)))
        return unit_of(c, after + 1, after + 2, s, 0);
    if (!of && d->head && d->deprel && d->deprel[last] &&
        strncmp(d->deprel[last], "nummod", 6) == 0) {
        int h = d->head[last], ok = h > (int)last && (size_t)h - last <= 4;
        /* only modifiers between: "aged eighteen for two weeks" is a misparse */
        for (size_t k = last + 1; ok && k < (size_t)h; k++)
            ok = modifier_at(d, k, s) || noun_at(d, k, s);
        if (ok && (noun_at(d, (size_t)h, s) || cx_upos(d, (size_t)h, "PROPN")))
            return lemma_of(c, (size_t)h);
    }
    size_t j = after + (of ? 1 : 0);
    if (of && (cx_is(d, j, s, "the") || cx_is(d, j, s, "these") || cx_is(d, j, s, "those")))
        j++;
    for (int k = 0; k < 3 && modifier_at(d, j, s); k++) j++;
    if (!noun_at(d, j, s)) return NULL;
    /* compounds only when tags can tell them */
    while (d->upos && noun_at(d, j + 1, s)) j++;
    /* "drone and missile attacks": the head is the last noun after the conjunction */
    if (of && (cx_is(d, j + 1, s, "and") || cx_is(d, j + 1, s, "or")) &&
        noun_at(d, j + 2, s) && noun_at(d, j + 3, s))
        for (j += 2; noun_at(d, j + 1, s);) j++;
    return lemma_of(c, j);
}

/* Percent or money after the quantity: "%", "percent", "per cent",
 * "dollars", "US dollars". */
static void suffix_kind(const tac_doc *d, uint32_t s, num *n) {
    char w[CX_WORD];
    if (!cx_in(d, n->end, s) || !cx_word(d, n->end, w)) return;
    if (strcmp(w, "%") == 0 || strcmp(w, "percent") == 0 || strcmp(w, "pct") == 0) {
        n->kind = CX_PERCENT, n->unit = "percent", n->end++;
        return;
    }
    if (strcmp(w, "per") == 0 && cx_is(d, n->end + 1, s, "cent")) {
        n->kind = CX_PERCENT, n->unit = "percent", n->end += 2;
        return;
    }
    if (n->skip) return;
    size_t j = n->end + (strcmp(w, "us") == 0);
    const money *m;
    if (cx_in(d, j, s) && cx_word(d, j, w) && (m = find_money(words, w))) {
        n->kind = CX_MONEY, n->unit = m->unit, n->currency = m->code, n->end = j + 1;
    }
}

/* Ordinal of an ongoing period: "97th day", "the third consecutive week". */
static const char *const periods[] = {"day", "week", "month", "year", NULL};

static int ordinal_at(const tac_doc *d, size_t i, uint32_t s, const char *w, num *n) {
    size_t len = strlen(w);
    double v = lookup(ordinals, w);
    if (v == 0 && len >= 3) {
        const char *sfx = w + len - 2;
        if (strcmp(sfx, "th") && strcmp(sfx, "st") && strcmp(sfx, "nd") && strcmp(sfx, "rd"))
            return 0;
        for (size_t k = 0; k + 2 < len; k++) {
            if (w[k] < '0' || w[k] > '9') return 0;
            v = v * 10 + (w[k] - '0');
        }
    }
    if (v <= 0) return 0;
    size_t j = i + 1;
    char o[CX_WORD];
    /* "the fourth or fifth day" */
    if ((cx_is(d, j, s, "or") || cx_is(d, j, s, "and") || cx_is(d, j, s, "to")) &&
        cx_in(d, j + 1, s) && cx_word(d, j + 1, o) && lookup(ordinals, o) > 0)
        j += 2;
    if (cx_is(d, j, s, "consecutive") || cx_is(d, j, s, "straight")) j++;
    char u[CX_WORD];
    if (!cx_in(d, j, s) || !cx_word(d, j, u)) return 0;
    for (const char *const *p = periods; *p; p++)
        if (strcmp(u, *p) == 0) {
            n->v = v, n->end = i + 1, n->kind = CX_ORDINAL, n->unit = *p;
            return 1;
        }
    return 0;
}

/* Figures that are not claims: clock times, ages, "No. 5", "Resolution 2334". */
static int not_a_claim(const tac_doc *d, const num *n, const char *unit, uint32_t s) {
    static const char *const clock[] = {"a.m", "p.m", "am", "pm", "gmt", "utc", "o'clock",
                                        NULL};
    char w[CX_WORD];
    if (cx_in(d, n->end, s) && cx_word(d, n->end, w))
        for (const char *const *p = clock; *p; p++)
            if (strcmp(w, *p) == 0) return 1;
    static const char *const ages[] = {"year", "years", "month", "months", "week", "weeks",
                                       "day", "days", NULL};
    size_t e = n->end, p0 = n->t0;
    /* ages: "25-year-old", "nine-month-old", "a 19 year old" */
    for (const char *const *a = ages; *a; a++) {
        if (cx_is(d, e, s, "-") && cx_is(d, e + 1, s, *a) && cx_is(d, e + 2, s, "-") &&
            cx_is(d, e + 3, s, "old"))
            return 1;
        if (cx_is(d, e, s, *a) && cx_is(d, e + 1, s, "old")) return 1;
    }
    /* match scores "1 - 0", "Internet: 1" */
    if (n->kind == CX_COUNT && !unit && (cx_is(d, e, s, "-") || cx_is(d, e, s, "–")) &&
        cx_in(d, e + 1, s) && cx_int(d, e + 1) >= 0)
        return 1;
    if (n->kind == CX_COUNT && !unit && p0 >= 2 && (cx_is(d, p0 - 1, s, "-") ||
                                                   cx_is(d, p0 - 1, s, "–")) &&
        cx_int(d, p0 - 2) >= 0)
        return 1;
    if (n->kind == CX_COUNT && !unit && p0 > 0 && cx_is(d, p0 - 1, s, ":")) return 1;
    /* "a high-five": a spelled number glued to a word by a hyphen */
    if (n->spelled && p0 >= 2 && cx_is(d, p0 - 1, s, "-") &&
        d->tokens.v[p0 - 1].start == d->tokens.v[p0 - 2].end && cx_int(d, p0 - 2) < 0)
        return 1;
    if (n->kind != CX_COUNT || n->spelled || n->vague || p0 == 0 || !cx_in(d, p0 - 1, s))
        return 0;
    if (cx_is(d, p0 - 1, s, "#") || cx_is(d, p0 - 1, s, "no")) return 1;
    /* a number right after a name: "Resolution 2334", "Internet Explorer 6 Countdown" */
    if (cx_cap(d, p0 - 1) && !cx_xpos(d, p0 - 1, "IN") && !cx_xpos(d, p0 - 1, "RB") &&
        !cx_xpos(d, p0 - 1, "DT") && !hedged(d, p0, s) && (!unit || (cx_in(d, n->end, s) && cx_cap(d, n->end))))
        return 1;
    /* a label after a common noun: "posts 542 and 543" */
    return !unit && (noun_at(d, p0 - 1, s) || cx_upos(d, p0 - 1, "PROPN"));
}

/* Reads one quantity at token i into n; 1 when found. */
static int number_at(cx_ctx *c, size_t i, uint32_t s, num *n) {
    tac_doc *d = c->d;
    char w[CX_WORD];
    memset(n, 0, sizeof *n);
    n->t0 = i;
    if (!cx_word(d, i, w)) return 0;
    const money *m = find_money(symbols, w);
    /* "US$ 20,000" split as "US" "$": the prefix names the dollar */
    if (!m && cx_is(d, i + 1, s, "$") && d->tokens.v[i + 1].start == d->tokens.v[i].end) {
        const money *pre = find_money(dollar_prefixes, w);
        if (pre) {
            num inner;
            if (!number_at(c, i + 1, s, &inner)) return 0;
            *n = inner;
            n->t0 = i, n->currency = pre->code;
            return 1;
        }
    }
    size_t q = m ? i + 1 : i;
    if (m && !cx_in(d, q, s)) return 0;
    if (m && !cx_word(d, q, w)) return 0;
    if (ordinal_at(d, q, s, w, n)) return !m;
    if (numeral(d, q, &n->v)) n->end = q + 1;
    else if (m || !(spelled_at(d, q, s, w, n) || vague_at(d, q, s, w, n))) return 0;
    if (!n->vague) scale_after(d, s, n);
    if (m) n->kind = CX_MONEY, n->unit = m->unit, n->currency = m->code;
    else suffix_kind(d, s, n);
    return 1;
}

/* "one" is a pronoun far more often than a count: keep it only before
 * the noun it counts. */
static int lone_one(const tac_doc *d, const num *n, const char *unit, uint32_t s) {
    char w[CX_WORD];
    if (!n->spelled || n->v != 1 || n->end != n->t0 + 1 || !cx_word(d, n->t0, w) ||
        strcmp(w, "one"))
        return 0;
    return !unit || cx_is(d, n->end, s, "of");
}

int cx_find_numbers(cx_ctx *c) {
    tac_doc *d = c->d;
    size_t label_end = 0;
    for (size_t i = 0; i < d->tokens.n;) {
        uint32_t s = d->tokens.v[i].sentence;
        num n;
        if (c->used[i] || !c->start[i] || !number_at(c, i, s, &n) || n.end <= i) {
            i++;
            continue;
        }
        int bad = 0;
        for (size_t k = i; k < n.end; k++) bad |= c->used[k];
        const char *unit = n.unit;
        if (!bad && n.kind == CX_COUNT) unit = unit_of(c, n.end - 1, n.end + n.skip, s, n.of);
        /* "day five" of a tournament: the period named before the number */
        if (!unit && n.kind == CX_COUNT && i > 0 && !n.vague)
            for (const char *const *p = periods; *p; p++)
                if (cx_is(d, i - 1, s, *p)) unit = *p;
        /* "posts 542 and 543": the label after a rejected label is one too */
        int chained = label_end && i == label_end + 1 && !unit && !n.spelled &&
                      (cx_is(d, i - 1, s, "and") || cx_is(d, i - 1, s, "or") ||
                       cx_is(d, i - 1, s, ","));
        if (bad || chained || not_a_claim(d, &n, unit, s) || lone_one(d, &n, unit, s)) {
            if (!bad && !unit && !n.spelled) label_end = n.end;
            i = n.end;
            continue;
        }
        cx_number *x = cx_add_number(c, i, n.end);
        if (!x) return -1;
        x->kind = n.kind;
        x->value = n.v;
        x->unit = unit;
        x->currency = n.currency;
        x->approx = (unsigned)(n.approx || hedged(d, i, s));
        i = n.end;
    }
    return 0;
}
