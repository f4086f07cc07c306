/*
 * ne_feat.c - feature extraction for the NER tagger: word identity and
 * context, shape and affixes that generalize to unseen names, the
 * lexicon's capitalization, entity-word and entity-span hints, the
 * gazetteer's names and the run of capitalized words a token is in.
 */
#include "ne_impl.h"

#include <string.h>

/* Feature = template id mixed into a value hash (splitmix finalizer). */
static uint64_t mix(uint64_t h) {
    h ^= h >> 30; h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27; h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h ? h : 1;
}

static uint64_t f1(uint32_t t, uint64_t a) { return mix(a + 0x9E3779B97F4A7C15ULL * (t + 1)); }
static uint64_t f2(uint32_t t, uint64_t a, uint64_t b) { return f1(t, a * 31 + mix(b)); }
static uint64_t f3(uint32_t t, uint64_t a, uint64_t b, uint64_t c) {
    return f1(t, (a * 31 + mix(b)) * 31 + mix(c));
}

enum { CAP_LOWER, CAP_INIT, CAP_ALL, CAP_MIXED, CAP_NONE, CAP_ONE };
enum { FL_DIGIT = 1, FL_HYPHEN = 2, FL_PERIOD = 4, FL_APOS = 8, FL_AMP = 16, FL_ALLDIGIT = 32 };

static int up(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int lo(unsigned char c) { return (c >= 'a' && c <= 'z') || c >= 0x80; }
static int dig(unsigned char c) { return c >= '0' && c <= '9'; }

/* Capitalization class and character flags of a form. */
static void classify(const char *w, uint8_t *capcls, uint8_t *flags) {
    size_t nup = 0, nlow = 0, ndig = 0, n = 0;
    uint8_t fl = 0;
    for (const unsigned char *p = (const unsigned char *)w; *p; p++, n++) {
        nup += up(*p);
        nlow += lo(*p);
        ndig += dig(*p);
        if (*p == '-') fl |= FL_HYPHEN;
        else if (*p == '.') fl |= FL_PERIOD;
        else if (*p == '\'') fl |= FL_APOS;
        else if (*p == '&') fl |= FL_AMP;
    }
    if (ndig) fl |= FL_DIGIT;
    if (ndig && ndig == n) fl |= FL_ALLDIGIT;
    *flags = fl;
    if (!nup && !nlow) *capcls = CAP_NONE;
    else if (!nup) *capcls = CAP_LOWER;
    else if (!nlow) *capcls = nup == 1 ? CAP_ONE : CAP_ALL;
    else if (up((unsigned char)w[0]) && nup == 1) *capcls = CAP_INIT;
    else *capcls = CAP_MIXED;
}

/* Collapsed shape: X upper, x lower (or non-ASCII), d digit, other bytes
 * as themselves; runs of one class kept to two. Hash of the result. */
static uint64_t shape_hash(const char *w) {
    char s[32];
    size_t n = 0;
    char last = 0;
    int run = 0;
    for (const unsigned char *p = (const unsigned char *)w; *p && n < sizeof s; p++) {
        char c = up(*p) ? 'X' : lo(*p) ? 'x' : dig(*p) ? 'd' : (char)*p;
        if (c == last && ++run > 2) continue;
        if (c != last) run = 1;
        s[n++] = c;
        last = c;
    }
    return lp_hash(1, s, n);
}

static void token_info(const ne_lex *lex, const ne_lex *gaz, const char *w, ne_tokinfo *t) {
    size_t n = ne_lower(w, t->lower, sizeof t->lower);
    t->lowlen = (uint8_t)n;
    t->form = lp_hash(2, w, strlen(w));
    t->low = lp_hash(3, t->lower, n);
    t->shape = shape_hash(w);
    for (size_t k = 0; k < 3; k++) t->pre[k] = lp_hash(4, t->lower, n < k + 1 ? n : k + 1);
    for (size_t k = 0; k < 4; k++) {
        size_t m = n < k + 1 ? n : k + 1;
        t->suf[k] = lp_hash(5, t->lower + n - m, m);
    }
    t->lexv = ne_lex_get(lex, ne_lex_word_key(t->lower, n));
    /* a word the lexicon never saw gets the identity that training gave
     * words missing from the other folds: the unknown-word weights */
    if (!(t->lexv & NE_LEX_KNOWN)) t->form = t->low = 0x0dd;
    classify(w, &t->capcls, &t->flags);
    t->gz = t->gzlen = 0;
    t->gzv = ne_lex_get(gaz, ne_lex_span_start(t->lower, n));
    t->gx = t->gxlen = 0;
}

/* Marks tokens covered by a lexicon entity span, the longest match
 * winning: gz = (position 1..4 = B,I,L,U) << 4 | type << 2 | bucket. */
static void gazetteer(const ne_lex *lex, ne_tokinfo *ti, size_t n) {
    for (size_t s = 0; s < n; s++) {
        uint64_t h = 0;
        for (size_t k = s; k < n && k < s + NE_LEX_MAXSPAN; k++) {
            h = k == s ? ne_lex_span_start(ti[k].lower, ti[k].lowlen)
                       : ne_lex_span_more(h, ti[k].lower, ti[k].lowlen);
            uint32_t v = ne_lex_get(lex, h);
            if (!v) continue;
            int bt = 0;
            uint32_t bb = 0;
            for (int t = 0; t < NE_NTYPES; t++) {
                uint32_t b = (v >> (2 * t)) & 3;
                if (b > bb) { bb = b; bt = t; }
            }
            size_t len = k - s + 1;
            for (size_t j = s; j <= k; j++) {
                int pos = len == 1 ? 4 : j == s ? 1 : j == k ? 3 : 2;
                /* a token keeps the longest match covering it */
                if (len <= ti[j].gzlen) continue;
                ti[j].gz = (uint8_t)(pos << 4 | bt << 2 | bb);
                ti[j].gzlen = (uint8_t)len;
            }
        }
    }
}

/* Gives tokens s..k the gazetteer categories v unless a longer match
 * already covers them. */
static void mark_gaz(ne_tokinfo *ti, size_t s, size_t k, uint32_t v) {
    size_t len = k - s + 1;
    for (size_t j = s; j <= k; j++) {
        uint32_t pos = len == 1 ? 4 : j == s ? 1 : j == k ? 3 : 2;
        if (len <= ti[j].gxlen) continue;
        ti[j].gx = pos << 16 | v;
        ti[j].gxlen = (uint8_t)len;
    }
}

/* Marks tokens covered by an external name (ne_gaz), the longest match
 * winning; the one-word given/family-name bits are kept apart in gzv.
 * Prefix marks stop the scan as soon as no stored name can continue, so
 * most tokens cost one lookup. */
static void gaz_spans(const ne_lex *gaz, ne_tokinfo *ti, size_t n) {
    if (!gaz->n) return;
    for (size_t s = 0; s < n; s++) {
        uint64_t h = 0;
        for (size_t k = s; k < n && k < s + NE_GZ_MAXSPAN; k++) {
            h = k == s ? ne_lex_span_start(ti[k].lower, ti[k].lowlen)
                       : ne_lex_span_more(h, ti[k].lower, ti[k].lowlen);
            uint32_t all = k == s ? ti[k].gzv : ne_lex_get(gaz, h);
            uint32_t v = all & ~(uint32_t)NE_GZ_NOTCAT;
            if (v) mark_gaz(ti, s, k, v);
            if (!(all & NE_GZ_PREFIX)) break;
        }
    }
}

/* Runs of capitalized words: their last word often says what kind of
 * name it is ("Hayes Street Grill", "Fun Fabrics", "Ohio State
 * University"). A lowercase word is a run of its own. */
static void cap_runs(ne_tokinfo *ti, size_t n) {
    size_t s = 0;
    for (size_t i = 0; i < n; i++) {
        int cap = ti[i].capcls != CAP_LOWER && ti[i].capcls != CAP_NONE;
        int prev = i > 0 && ti[i - 1].capcls != CAP_LOWER && ti[i - 1].capcls != CAP_NONE;
        if (!cap || !prev) s = i;
        ti[i].run0 = (uint32_t)s;
    }
    size_t e = n ? n - 1 : 0;
    for (size_t i = n; i-- > 0;) {
        if (i + 1 == n || ti[i + 1].run0 != ti[i].run0) e = i;
        ti[i].run1 = (uint32_t)e;
    }
}

/* How the sentence uses case: 0 no capitals after the first word, 1
 * ordinary, 2 most words capitalized (a title), 3 shouting. Capitals
 * mean little in the first and last two, so features pair with this. */
static int sentence_case(const ne_tokinfo *ti, size_t n) {
    size_t words = 0, caps = 0, all = 0;
    for (size_t i = 0; i < n; i++) {
        int c = ti[i].capcls;
        if (c == CAP_NONE) continue;
        words++;
        if (c == CAP_ALL) all++;
        if (i > 0 && c != CAP_LOWER) caps++;
    }
    if (words >= 3 && all * 10 >= words * 8) return 3;
    if (!caps) return 0;
    if (words >= 3 && caps * 10 >= (words - 1) * 6) return 2;
    return 1;
}

#define AT(i, field, pad) ((i) < 0 || (size_t)(i) >= n ? (uint64_t)(pad) : (uint64_t)ti[i].field)

void ne_feats_static(const ne_lex *lex, const ne_lex *gaz, const char *const *words, size_t n,
                     ne_tokinfo *ti, uint64_t *out) {
    for (size_t i = 0; i < n; i++) token_info(lex, gaz, words[i], &ti[i]);
    gazetteer(lex, ti, n);
    gaz_spans(gaz, ti, n);
    cap_runs(ti, n);
    const uint64_t BOS = 0x5b05, EOS = 0xe05e;
    uint64_t sc = (uint64_t)sentence_case(ti, n);
    for (size_t u = 0; u < n; u++) {
        long i = (long)u;
        const ne_tokinfo *t = &ti[u];
        uint64_t *o = out + u * NE_NSTATIC;
        int k = 0;
        uint64_t lm1 = AT(i - 1, low, BOS), lp1 = AT(i + 1, low, EOS);
        uint64_t sm1 = AT(i - 1, shape, BOS), sp1 = AT(i + 1, shape, EOS);
        uint64_t cm1 = AT(i - 1, capcls, 9), cp1 = AT(i + 1, capcls, 10);
        uint64_t vm1 = AT(i - 1, lexv, 1u << 20), vp1 = AT(i + 1, lexv, 1u << 21);
        uint64_t gm1 = AT(i - 1, gz, 0xfe), gp1 = AT(i + 1, gz, 0xff);
        int first = u == 0;
        o[k++] = f1(1, 0);
        o[k++] = f1(2, t->form);
        o[k++] = f1(3, t->low);
        o[k++] = f1(4, lm1);
        o[k++] = f1(5, lp1);
        o[k++] = f1(6, AT(i - 2, low, BOS + 1));
        o[k++] = f1(7, AT(i + 2, low, EOS + 1));
        o[k++] = f1(8, t->shape);
        o[k++] = f1(9, sm1);
        o[k++] = f1(10, sp1);
        o[k++] = f3(11, sm1, t->shape, sp1);
        o[k++] = f2(12, lm1, t->low);
        o[k++] = f2(13, t->low, lp1);
        for (int a = 0; a < 3; a++) o[k++] = f1(14 + a, t->pre[a]);
        for (int a = 0; a < 4; a++) o[k++] = f1(17 + a, t->suf[a]);
        o[k++] = f2(21, t->capcls, first);
        o[k++] = f1(22, t->flags);
        o[k++] = f3(23, cm1, t->capcls, cp1);
        o[k++] = f3(24, t->lexv & 7, t->capcls, first);
        o[k++] = f2(25, vm1 & 7, cm1);
        o[k++] = f2(26, vp1 & 7, cp1);
        for (int a = 0; a < NE_NTYPES; a++) o[k++] = f2(27 + a, (t->lexv >> (4 + 2 * a)) & 3, t->capcls == CAP_LOWER);
        o[k++] = f1(30, vm1 >> 4);
        o[k++] = f1(31, vp1 >> 4);
        o[k++] = f1(32, t->gz);
        o[k++] = f2(33, t->gz, t->capcls);
        o[k++] = f3(34, gm1, t->gz, gp1);
        o[k++] = f1(35, AT(i - 1, form, BOS));
        o[k++] = f1(36, AT(i + 1, form, EOS));
        o[k++] = f2(37, lm1, t->shape);
        o[k++] = f2(38, t->shape, lp1);
        o[k++] = f2(39, t->low, first);
        o[k++] = f2(40, t->suf[2], t->capcls);
        o[k++] = f1(41, AT(i - 2, shape, BOS + 1) * 7 + sm1);
        o[k++] = f3(42, sc, t->capcls, first);
        o[k++] = f3(43, sc, t->lexv & 7, t->capcls);
        uint64_t nm = t->gzv & NE_GZ_NAMEBITS, nm1 = AT(i - 1, gzv, 1u << 30) & (NE_GZ_NAMEBITS | 1u << 30);
        o[k++] = f1(44, t->gx);
        o[k++] = f2(45, t->gx & 0xffff, t->capcls);
        o[k++] = f2(46, nm, t->capcls);
        o[k++] = f3(47, nm1, nm, t->capcls);
        o[k++] = f2(48, AT(i - 1, gx, 1u << 30), AT(i + 1, gx, 1u << 31));
        {
            size_t r0 = t->run0, r1 = t->run1;
            uint64_t pos = r0 == r1 ? 4 : u == r0 ? 1 : u == r1 ? 3 : 2;
            o[k++] = f2(49, ti[r1].low, pos);
            o[k++] = f2(50, ti[r0].low, pos);
            o[k++] = f2(51, r1 - r0 < 4 ? r1 - r0 : 4, pos * 8 + (r0 == 0));
        }
        while (k < NE_NSTATIC) o[k++] = f1(1, 0); /* pad: the bias again */
    }
}

void ne_feats_dyn(const ne_tokinfo *ti, size_t i, int p1, int p2, uint64_t *out) {
    const ne_tokinfo *t = &ti[i];
    uint64_t a = (uint64_t)(p1 + 2), b = (uint64_t)(p2 + 2);
    out[0] = f1(100, a);
    out[1] = f2(101, a, b);
    out[2] = f2(102, a, t->low);
    out[3] = f2(103, a, t->shape);
    out[4] = f2(104, a, t->capcls);
    out[5] = f2(105, a, t->gz);
    out[6] = f2(106, a, t->gx);
}
