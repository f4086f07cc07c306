/*
 * cx_places.c - places: capitalized token runs the gazetteer knows, kept
 * only where the article uses them as places (not inside a person's or an
 * organization's name, not as a modifier, not a capital standing for its
 * government), then disambiguated by the article's countries and size.
 */
#include <string.h>
#include "cx_int.h"
#include "../geo/geo.h"

#define MAXCAND 16
#define MAXSPAN 6
#define MAXCOUNTRIES 64

typedef struct span {
    uint32_t t0, t1;
    uint32_t cand[MAXCAND];
    size_t ncand;
} span;

typedef struct countries {
    char v[MAXCOUNTRIES][4];
    size_t n;
} countries;

static void add_country(countries *cs, const char *iso3) {
    for (size_t k = 0; k < cs->n; k++)
        if (memcmp(cs->v[k], iso3, 3) == 0) return;
    if (cs->n < MAXCOUNTRIES) memcpy(cs->v[cs->n++], iso3, 4);
}

static int has_country(const countries *cs, const char *iso3) {
    for (size_t k = 0; k < cs->n; k++)
        if (memcmp(cs->v[k], iso3, 3) == 0) return 1;
    return 0;
}

static int is_word(const char *w, const char *const *list) {
    for (; *list; list++)
        if (strcmp(w, *list) == 0) return 1;
    return 0;
}

/* prepositions that put what follows on the map */
static const char *const locative[] = {
    "in", "at", "near", "from", "outside", "inside", "across", "around", "throughout",
    "into", "within", "toward", "towards", "via", "to", "of", NULL};
/* the subset that still does when the name is also a government actor
 * ("attack in Baghdad", but "relations with Washington", "told Washington") */
static const char *const strongly_locative[] = {
    "in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", NULL};

static int prev_word_in(const tac_doc *d, uint32_t t0, const char *const *list) {
    char w[CX_WORD];
    if (t0 == 0 || !cx_in(d, t0 - 1, d->tokens.v[t0].sentence)) return 0;
    size_t k = t0 - 1;
    if (cx_word(d, k, w) && strcmp(w, "the") == 0 && k > 0 &&
        cx_in(d, k - 1, d->tokens.v[t0].sentence))
        k--; /* "in the West Bank" */
    return cx_word(d, k, w) && is_word(w, list);
}

static int sentence_initial(const tac_doc *d, uint32_t t) {
    return t == 0 || d->tokens.v[t - 1].sentence != d->tokens.v[t].sentence;
}

/* A capitalized word that continues a proper name (not a sentence's first
 * word, which is capitalized anyway). */
static int name_word(const tac_doc *d, size_t i) {
    if (!cx_cap(d, i)) return 0;
    if (d->upos) return cx_upos(d, i, "PROPN");
    return !sentence_initial(d, (uint32_t)i);
}

/* Actor codes whose role makes a capital a government or its organs. */
static int role_code(const char *code) {
    static const char *const roles[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "MED",
                                        "BUS", "REB", "OPP", "PTY", NULL};
    return code && strlen(code) == 6 && is_word(code + 3, roles);
}

/* 2 when the article names a person or an organization with the words of
 * tokens [t0, t1) (part of a longer personal name, or a whole organization
 * name), 1 when they are only tagged PER more often than LOC, else 0: one
 * sense per article, so "Valeska Paris" makes every
 * "Paris" of it a person. The NER model's single-word PER tags are noisy
 * ("Mecca's pilgrimages"), so those count only when they outnumber the
 * LOC tags of the same words; an organization counts only as a whole name
 * ("Google"), not as part of one ("University of Texas"). */
static int named_scan(const tac_doc *d, uint32_t t0, uint32_t t1) {
    size_t n = t1 - t0;
    int per = 0, loc = 0;
    for (size_t i = 0; i + n <= d->tokens.n; i++) {
        size_t k = 0;
        for (; k < n; k++) {
            const tk_token *a = &d->tokens.v[i + k], *b = &d->tokens.v[t0 + k];
            if (a->end - a->start != b->end - b->start ||
                memcmp(d->norm.data + a->start, d->norm.data + b->start, a->end - a->start))
                break;
        }
        if (k < n) continue;
        const char *ne = cx_ner(d, i);
        if (!ne) continue;
        if (!strcmp(ne, "LOC")) { loc++; continue; }
        const char *next = i + n < d->tokens.n ? d->ner[i + n] : NULL;
        int inside = d->ner[i][0] == 'I' || (next && next[0] == 'I');
        if (!strcmp(ne, "PER")) {
            if (inside && i != t0) return 2; /* part of a longer personal name */
            per++;
        } else if (!strcmp(ne, "ORG") && i != t0 && !inside) {
            return 2;
        }
    }
    return per > loc;
}

/* named_scan reads the whole article: remember its answer per name (a
 * small table per document; names repeat, "Iraq" a dozen times). */
#define MEMO 256
typedef struct memo {
    uint64_t key[MEMO]; /* hash of the name's text, 0 = empty */
    unsigned char val[MEMO];
} memo;

static int named_elsewhere(const tac_doc *d, memo *mo, uint32_t t0, uint32_t t1) {
    size_t a = d->tokens.v[t0].start, z = d->tokens.v[t1 - 1].end;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = a; i < z; i++) h = (h ^ (unsigned char)d->norm.data[i]) * 1099511628211ull;
    h |= 1;
    size_t j = (size_t)(h >> 7) % MEMO;
    for (size_t k = 0; k < MEMO; k++, j = (j + 1) % MEMO) {
        if (mo->key[j] == h) return mo->val[j];
        if (!mo->key[j]) {
            mo->key[j] = h;
            return mo->val[j] = (unsigned char)named_scan(d, t0, t1);
        }
    }
    return named_scan(d, t0, t1); /* table full: no memo */
}

/* Counts match scores ("1 - 0") in the article: sports reports name teams
 * after countries ("Belgium defeated Panama"). */
static int scores(const tac_doc *d) {
    int n = 0;
    for (size_t i = 0; i + 2 < d->tokens.n; i++) {
        const tk_token *m = &d->tokens.v[i + 1];
        if (cx_int(d, i) >= 0 && cx_int(d, i + 2) >= 0 && m->end - m->start == 1 &&
            d->norm.data[m->start] == '-' && d->tokens.v[i].sentence == d->tokens.v[i + 2].sentence)
            n++;
    }
    return n;
}

/* The usable candidate spans of sentence-level rules, or 0 to drop it. */
static int usable(const cx_ctx *c, memo *mo, const countries *cs, const span *sp, int *country,
                  int sports) {
    const tac_doc *d = c->d;
    uint32_t t0 = sp->t0, t1 = sp->t1, s = d->tokens.v[t0].sentence;
    int loc = 0;
    /* words that are directions before they are places ("the North") */
    static const char *const compass[] = {"north", "south", "east", "west", "central",
                                          "centre", "northern", "southern", "eastern",
                                          "western", "middle", NULL};
    char w[CX_WORD];
    if (t1 == t0 + 1 && cx_word(d, t0, w) && is_word(w, compass)) return 0;
    for (uint32_t i = t0; i < t1; i++) {
        const char *ne = cx_ner(d, i);
        if (ne && strcmp(ne, "ORG") == 0) return 0;
        loc |= ne && strcmp(ne, "LOC") == 0;
    }
    /* inside a longer name: "Metro Toronto Convention Centre", "Fan Expo
     * Canada", "the Mary & Leigh Block Museum" */
    if (cx_in(d, t1, s) && (name_word(d, t1) || cx_is(d, t1, s, "&"))) return 0;
    if (t0 > 0 && cx_in(d, t0 - 1, s) && (name_word(d, t0 - 1) || cx_is(d, t0 - 1, s, "&")))
        return 0;
    /* a modifier: "US forces", "an Ottawa street", "Texas student" */
    int poss = cx_is(d, t1, s, "'s") || cx_is(d, t1, s, "'");
    if (!poss) {
        for (uint32_t i = t0; i < t1; i++) {
            int h = cx_head(d, i);
            if ((h < (int)t0 || h >= (int)t1) && (cx_deprel(d, i, "compound") || cx_deprel(d, i, "amod")))
                return 0;
        }
        if (cx_in(d, t1, s) && cx_upos(d, t1, "NOUN")) return 0;
    }
    *country = 0;
    for (size_t k = 0; k < sp->ncand; k++)
        if (geo_get(c->geo, sp->cand[k])->kind == GEO_COUNTRY) *country = 1;
    /* capitals only: country codes ("US", "UK"), not acronyms ("DAB") */
    int caps = 1;
    for (uint32_t i = t0; i < t1; i++)
        for (size_t b = d->tokens.v[i].start; b < d->tokens.v[i].end; b++)
            caps &= !(d->norm.data[b] >= 'a' && d->norm.data[b] <= 'z');
    if (caps && !*country) return 0;
    /* the NER model's PER tags on places are noisy ("deals with Albania",
     * "Evansville, Indiana"): a longer personal name elsewhere ("Valeska
     * Paris") decides; a city also yields to a PER majority over LOC */
    int region = *country;
    for (size_t k = 0; k < sp->ncand; k++)
        region |= geo_get(c->geo, sp->cand[k])->kind == GEO_ADMIN1;
    int named = named_elsewhere(d, mo, t0, t1);
    if (named == 2 || (!region && named)) return 0;
    /* a hyphenated modifier: "US-led", "Iran-backed" */
    if (cx_in(d, t1, s) && cx_is(d, t1, s, "-") && d->tokens.v[t1].start == d->tokens.v[t1 - 1].end)
        return 0;
    if (sports && !prev_word_in(d, t0, strongly_locative)) return 0;
    /* a capital standing for its government: "Washington warned"; but
     * "Seattle, Washington" is the state */
    int comma_place = cx_is(d, t1, s, ",") && cx_in(d, t1 + 1, s) && cx_cap(d, t1 + 1);
    int after_comma = t0 > 1 && cx_is(d, t0 - 1, s, ",") && cx_in(d, t0 - 2, s) && cx_cap(d, t0 - 2);
    int m = cx_mention_at(d, t0);
    if (m >= 0 && !*country && role_code(d->mentions.v[m].code) &&
        !prev_word_in(d, t0, strongly_locative) && !after_comma)
        return 0;
    if (*country) return 1;
    /* cities and divisions need the article to use them as places; a
     * sentence's first word needs a LOC tag, a "City, State" or to be a
     * division of one of the article's countries ("Tasmania was excluded") */
    if (sentence_initial(d, t0) && !loc && !comma_place) {
        int division = 0;
        for (size_t k = 0; k < sp->ncand; k++) {
            const geo_place *p = geo_get(c->geo, sp->cand[k]);
            division |= p->kind == GEO_ADMIN1 && has_country(cs, p->iso3);
        }
        return division;
    }
    return loc || prev_word_in(d, t0, locative) || poss || comma_place || after_comma;
}

/* Longest gazetteer match starting at token i within sentence s. */
static int match_at(const cx_ctx *c, size_t i, span *sp) {
    const tac_doc *d = c->d;
    uint32_t s = d->tokens.v[i].sentence;
    size_t max = 0;
    while (max < MAXSPAN && cx_in(d, i + max, s) && !c->used[i + max]) max++;
    for (size_t n = max; n >= 1; n--) {
        size_t last = i + n - 1;
        if (!cx_cap(d, last)) continue;
        size_t a = d->tokens.v[i].start, z = d->tokens.v[last].end;
        char key[128];
        size_t k = geo_key(d->norm.data + a, z - a, key, sizeof key);
        if (!k) continue;
        int caps = 1;
        for (size_t b = a; b < z; b++)
            if (d->norm.data[b] >= 'a' && d->norm.data[b] <= 'z') caps = 0;
        size_t nc = geo_find(c->geo, key, k, caps, sp->cand, MAXCAND);
        if (nc) {
            sp->t0 = (uint32_t)i;
            sp->t1 = (uint32_t)(i + n);
            sp->ncand = nc < MAXCAND ? nc : MAXCAND;
            return 1;
        }
    }
    return 0;
}

/* The article's countries: codes of its actors, demonyms ("Iraqi"). */
static void article_countries(const cx_ctx *c, countries *cs) {
    const tac_doc *d = c->d;
    for (size_t k = 0; k < d->mentions.n; k++) {
        const char *code = d->mentions.v[k].code;
        char iso[4];
        if (!code || strlen(code) < 3) continue;
        memcpy(iso, code, 3);
        iso[3] = 0;
        if (geo_is_country(c->geo, iso)) add_country(cs, iso);
    }
    for (size_t i = 0; i < d->tokens.n; i++) {
        if (!cx_cap(d, i)) continue;
        const tk_token *t = &d->tokens.v[i];
        char key[64];
        size_t k = geo_key(d->norm.data + t->start, t->end - t->start, key, sizeof key);
        const char *iso = k ? geo_demonym(c->geo, key, k) : NULL;
        if (iso) add_country(cs, iso);
    }
}

/* Rank of a candidate: a country, then a city of half a million, then a
 * division, then other cities; ties go to the larger population. */
static int better(const geo_place *a, const geo_place *b) {
    int ra = a->kind == GEO_COUNTRY ? 4 : a->kind == GEO_ADMIN1 ? 2 : a->population >= 500000 ? 3 : 1;
    int rb = b->kind == GEO_COUNTRY ? 4 : b->kind == GEO_ADMIN1 ? 2 : b->population >= 500000 ? 3 : 1;
    return ra != rb ? ra > rb : a->population > b->population;
}

static const geo_place *choose(const cx_ctx *c, const span *sp, const countries *cs) {
    int inside = 0;
    for (size_t k = 0; k < sp->ncand; k++)
        inside |= has_country(cs, geo_get(c->geo, sp->cand[k])->iso3);
    const geo_place *best = NULL;
    for (size_t k = 0; k < sp->ncand; k++) {
        const geo_place *p = geo_get(c->geo, sp->cand[k]);
        if (inside && !has_country(cs, p->iso3)) continue;
        if (!best || better(p, best)) best = p;
    }
    return best;
}

int cx_find_places(cx_ctx *c) {
    tac_doc *d = c->d;
    countries cs = {.n = 0};
    article_countries(c, &cs);
    int sports = scores(d) >= 2;
    memo *mo = ar_calloc(&d->ar, 1, sizeof *mo);
    if (!mo) return -1;
    span *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < d->tokens.n; i++) {
        if (!cx_cap(d, i) || c->used[i]) continue;
        span sp;
        if (!match_at(c, i, &sp)) continue;
        int country;
        if (!usable(c, mo, &cs, &sp, &country, sports)) {
            i = sp.t1 - 1;
            continue;
        }
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            span *w = ar_alloc(&d->ar, nc * sizeof *w);
            if (!w) return -1;
            if (n) memcpy(w, v, n * sizeof *w);
            v = w;
            cap = nc;
        }
        v[n++] = sp;
        /* a country named in the text counts as one of the article's */
        if (sp.ncand == 1 && country) add_country(&cs, geo_get(c->geo, sp.cand[0])->iso3);
        i = sp.t1 - 1;
    }
    for (size_t k = 0; k < n; k++) {
        const geo_place *p = choose(c, &v[k], &cs);
        if (!p) continue;
        cx_place *x = cx_add_place(c);
        if (!x) return -1;
        x->tok0 = v[k].t0;
        x->tok1 = v[k].t1;
        x->place = p;
    }
    return 0;
}
