/*
 * lemma.c - the lemmatizer: one string map holding the learnt
 * "XPOS\tform" -> lemma table, WordNet exceptions ("#v\tstruck" -> strike)
 * and the set of known lemmas ("@v\tstrike"); suffix rules by tag fill in
 * for unseen forms, preferring candidates that are known lemmas.
 */
#include "lemma.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include "../learn/perceptron.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LM_MAXW 256

/* The case decision's features: one per group, an index into the weight
 * vector (layout below). Bump LC_FEATURES with any change to the layout
 * or to how case_features computes them: a model stores weights by index. */
#define LC_FEATURES 1u
enum {
    LC_BIAS = 0,
    LC_MARGIN = LC_BIAS + 1,                /* 17 bins of a quarter, -2 .. +2 */
    LC_FIRST = LC_MARGIN + 17,              /* sentence-initial (or after punctuation) */
    LC_TITLE = LC_FIRST + 2,                /* share of capitalized words, 5 bins */
    LC_ALLCAP = LC_TITLE + 5,
    LC_DIGIT = LC_ALLCAP + 2,
    LC_LEN = LC_DIGIT + 2,                  /* length 1..8+ */
    LC_KNOWN = LC_LEN + 8,                  /* form, lowercased form: known lemmas? */
    LC_FIRST_KNOWN = LC_KNOWN + 4,
    LC_TITLE_FIRST = LC_FIRST_KNOWN + 8,
    LC_MARGIN_FIRST = LC_TITLE_FIRST + 10,
    LC_N = LC_MARGIN_FIRST + 34,            /* weights */
    LC_NF = 11                              /* features per word */
};

struct lm_model {
    char *block;            /* all keys and values, NUL-terminated */
    const char **keys, **vals;
    size_t n;
    uint32_t *slot;         /* open addressing: index + 1, 0 = empty */
    size_t cap;
    void *mem;              /* the one allocation all of the above live in */
    float *cw;              /* [LC_N] case decision weights, or NULL (none learnt) */
};

static uint64_t shash(const char *s) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) { h ^= (unsigned char)*s; h *= 0x100000001b3ULL; }
    return h ^ (h >> 31);
}

static const char *lookup(const lm_model *m, const char *key) {
    if (!m || !m->cap) return NULL;
    size_t j = (size_t)shash(key) & (m->cap - 1);
    while (m->slot[j]) {
        uint32_t k = m->slot[j] - 1;
        if (!strcmp(m->keys[k], key)) return m->vals[k];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

void lm_free(lm_model *m) {
    if (!m) return;
    tac_free(m->mem);
    tac_free(m->cw);
    tac_free(m);
}

/* ---- loading ---------------------------------------------------------------- */

/* Parses an LMTB chunk: u32 count, count x (str key, str value). */
static tac_status parse_table(const unsigned char *p, size_t n, const char *path, long long base,
                              lm_model **out, tac_error *err) {
    *out = NULL;
    mf_cursor c;
    mf_cursor_init(&c, p, n);
    uint32_t count = mf_get_u32(&c);
    if (!c.ok || count > n / 8)
        return err_set(err, TAC_EFORMAT, path, 0, base, "lemma table: bad entry count");
    lm_model *m = tac_calloc(1, sizeof *m);
    if (!m) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    m->cap = 16;
    while (m->cap < (size_t)count * 2 + 2) m->cap *= 2;
    /* one zeroed block (2.2 MB for the EWT table: on huge pages, since
     * faulting in fresh memory 4 KB at a time cost more than filling it):
     * keys, values, slots, then the strings */
    size_t nk = ((size_t)count + 1) * sizeof *m->keys, ns = m->cap * sizeof *m->slot;
    char *a = tac_calloc_huge(2 * nk + ns + n + 2 * (size_t)count + 1, &m->mem);
    if (!a) {
        lm_free(m);
        return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    }
    m->keys = (const char **)(void *)a;
    m->vals = (const char **)(void *)(a + nk);
    m->slot = (uint32_t *)(void *)(a + 2 * nk);
    m->block = a + 2 * nk + ns;
    char *q = m->block;
    for (uint32_t i = 0; i < count; i++) {
        size_t at = c.pos, kl, vl;
        const char *k = mf_get_str(&c, &kl);
        const char *v = mf_get_str(&c, &vl);
        if (!c.ok || !kl || memchr(k, 0, kl) || memchr(v, 0, vl)) {
            lm_free(m);
            return err_set(err, TAC_EFORMAT, path, 0, base >= 0 ? base + (long long)at : -1,
                           "lemma table: corrupt entry %u", i);
        }
        memcpy(q, k, kl); q[kl] = 0; m->keys[i] = q; q += kl + 1;
        memcpy(q, v, vl); q[vl] = 0; m->vals[i] = q; q += vl + 1;
        /* the writer stores each key once (sorted, unique), so the first
         * empty slot is its place; a repeated key in a damaged file would
         * only shadow the later copy */
        size_t j = (size_t)shash(m->keys[i]) & (m->cap - 1);
        while (m->slot[j]) j = (j + 1) & (m->cap - 1);
        m->slot[j] = i + 1;
    }
    m->n = count;
    *out = m;
    return TAC_OK;
}

/* Reads the optional LMCS chunk (the case decision's weights) into m:
 * u32 feature layout (LC_FEATURES), u32 count (LC_N), count x f32. */
static tac_status read_case(const mf_file *f, const char *path, lm_model *m, tac_error *err) {
    size_t n;
    const unsigned char *p = mf_chunk(f, "LMCS", &n);
    if (!p) return TAC_OK;      /* older models: no case decision */
    mf_cursor c;
    mf_cursor_init(&c, p, n);
    uint32_t ver = mf_get_u32(&c), count = mf_get_u32(&c);
    if (!c.ok || ver != LC_FEATURES || count != LC_N)
        return err_set(err, TAC_EFORMAT, path, 0, mf_offset(f, p),
                       "lemma case model of feature layout %u with %u weights, this build reads "
                       "layout %u with %u: retrain the tagger", ver, count, LC_FEATURES, (unsigned)LC_N);
    if (!(m->cw = tac_malloc(LC_N * sizeof *m->cw))) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    for (uint32_t k = 0; k < LC_N; k++) {
        m->cw[k] = mf_get_f32(&c);
        if (!c.ok || !isfinite(m->cw[k]))
            return err_set(err, TAC_EFORMAT, path, 0, mf_offset(f, p), "lemma case model: bad weight %u", k);
    }
    return TAC_OK;
}

tac_status lm_from_file(const mf_file *f, const char *path, lm_model **out, tac_error *err) {
    size_t n;
    const unsigned char *p = mf_chunk(f, "LMTB", &n);
    *out = NULL;
    if (!p) return err_set(err, TAC_EFORMAT, path, 0, -1, "model has no lemma table (chunk LMTB)");
    tac_status st = parse_table(p, n, path, mf_offset(f, p), out, err);
    if (!st && (st = read_case(f, path, *out, err)) != TAC_OK) {
        lm_free(*out);
        *out = NULL;
    }
    return st;
}

tac_status lm_load(const char *path, lm_model **out, tac_error *err) {
    mf_file *f;
    *out = NULL;
    tac_status st = mf_load(path, "tagger", &f, err);
    if (st) return st;
    st = lm_from_file(f, path, out, err);
    mf_free(f);
    return st;
}

/* ---- lemmatizing -------------------------------------------------------------- */

static size_t put(char *buf, size_t cap, const char *s, size_t n) {
    if (cap) {
        size_t k = n < cap - 1 ? n : cap - 1;
        memcpy(buf, s, k);
        buf[k] = 0;
    }
    return n;
}

static int ends(const char *w, size_t n, const char *suf) {
    size_t k = strlen(suf);
    return n >= k && !memcmp(w + n - k, suf, k);
}

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* A known lemma of category cat ('n', 'v', 'a', 'r')? */
static int known(const lm_model *m, char cat, const char *w) {
    char key[LM_MAXW + 16];
    snprintf(key, sizeof key, "@%c\t%s", cat, w);
    return lookup(m, key) != NULL;
}

/* A known lemma of any open class: weaker evidence, tried after cat. */
static int known_any(const lm_model *m, const char *w) {
    return known(m, 'v', w) || known(m, 'n', w) || known(m, 'a', w);
}

/* Candidate stem: w[0..n-strip) + add into out. */
static void cand(char *out, const char *w, size_t n, size_t strip, const char *add) {
    size_t k = n - strip;
    memcpy(out, w, k);
    strcpy(out + k, add);
}

/* Default "e" restoration for a verb/adjective stem when no candidate is
 * known: stems English never ends a word with (v, c, u...), common -ate,
 * -ize... endings, and one-syllable vowel+consonant stems (fin-ed, ag-ed). */
static int wants_e(const char *s, size_t k) {
    static const char *const pats[] = {"v", "z", "c", "u", "at", "iz", "ag", "ur", "as", "os", "us",
                                       "ys", "is", "ns", "rs", "dg", "rg", "bl", "pl", "tl", "gl", "kl", "cl",
                                       "dl", "ud", "id", "ad", "od", "ib", "ir",
                                       "ar", "ut", "it", "ot", NULL};
    if (k < 2) return 0;
    char last = s[k - 1];
    if (last == 'v' || last == 'u' || last == 'c') return 1;
    if (k >= 3 && is_vowel(s[k - 2]) && is_vowel(s[k - 3])) return 0;  /* peak, rain, look */
    int groups = 0;
    for (size_t i = 0; i < k; i++)
        if (is_vowel(s[i]) && (i == 0 || !is_vowel(s[i - 1]))) groups++;
    if (groups == 1 && is_vowel(s[k - 2]) && !is_vowel(last) && !strchr("wxy", last)) return 1;
    for (int i = 0; pats[i]; i++)
        if (ends(s, k, pats[i])) {
            /* "visit", "edit", "limit": unstressed -it keeps no e */
            if (!strcmp(pats[i], "it") && k > 3 && !is_vowel(s[k - 3])) return 0;
            return 1;
        }
    return 0;
}

/* A one-syllable stem ending in a single vowel and a consonant (bit, rat,
 * din): such a verb doubles the consonant before -ed/-ing (bitten,
 * ratted), so an undoubled "biting" or "rated" is bite, rate. */
static int single_cvc(const char *s, size_t k) {
    if (k < 2 || is_vowel(s[k - 1]) || strchr("wxy", s[k - 1]) || !is_vowel(s[k - 2])) return 0;
    if (k >= 3 && is_vowel(s[k - 3])) return 0;
    for (size_t i = 0; i + 2 < k; i++)
        if (is_vowel(s[i]) || !((s[i] >= 'a' && s[i] <= 'z'))) return 0;
    return 1;
}

/* Whether the known verbs whose stem ends like s[0..k) (last three
 * letters) mostly end in e (undermin-: determine, examine), from the
 * table's "%v" entries; -1 when no known verb ends so. */
static int ending_e(const lm_model *m, const char *s, size_t k) {
    if (k < 3) return -1;
    char key[8];
    snprintf(key, sizeof key, "%%v\t%.3s", s + k - 3);
    const char *v = lookup(m, key);
    return v ? *v == 'e' : -1;
}

/* Strips an inflectional suffix (ed, ing, er, est) from w into out. */
static void strip_suffix(const lm_model *m, char cat, const char *w, size_t n, const char *suf,
                         const char *ysuf, char *out) {
    size_t sl = strlen(suf), yl = strlen(ysuf);
    char c1[LM_MAXW + 8], c2[LM_MAXW + 8], c3[LM_MAXW + 8];
    if (ends(w, n, ysuf) && n > yl + 1) {
        cand(c1, w, n, yl, "y");
        cand(c2, w, n, sl, "");     /* "dyed", "skiing" */
        if (known(m, cat, c1) || !known(m, cat, c2)) { strcpy(out, c1); return; }
        strcpy(out, c2);
        return;
    }
    if (n <= sl + 1) { memcpy(out, w, n); out[n] = 0; return; }
    size_t k = n - sl;
    cand(c1, w, n, sl, "");         /* walked */
    cand(c2, w, n, sl, "e");        /* baked */
    c3[0] = 0;
    if (k >= 3 && w[k - 1] == w[k - 2] && !is_vowel(w[k - 1]) && !strchr("lsfz", w[k - 1]))
        cand(c3, w, n, sl + 1, ""); /* stopped */
    if (c3[0] && known(m, cat, c3)) { strcpy(out, c3); return; }
    if (single_cvc(c1, k)) { strcpy(out, c2); return; }
    if (known(m, cat, c1)) { strcpy(out, c1); return; }
    if (known(m, cat, c2)) { strcpy(out, c2); return; }
    if (c3[0] && known_any(m, c3)) { strcpy(out, c3); return; }
    if (known_any(m, c1)) { strcpy(out, c1); return; }
    if (known_any(m, c2)) { strcpy(out, c2); return; }
    if (c3[0]) { strcpy(out, c3); return; }
    int e = cat == 'v' ? ending_e(m, c1, k) : -1;
    strcpy(out, (e < 0 ? wants_e(c1, k) : e) ? c2 : c1);
}

/* Strips a plural / 3rd person -s from w into out. */
static void strip_s(const lm_model *m, char cat, const char *w, size_t n, char *out) {
    char c1[LM_MAXW + 8], c2[LM_MAXW + 8];
    memcpy(out, w, n + 1);
    if (n > 2 && ends(w, n, "'s")) { out[n - 2] = 0; return; }            /* DM's */
    if (n > 4 && ends(w, n, "\xe2\x80\x99s")) { out[n - 4] = 0; return; }  /* DM’s */
    if (cat == 'n' && n > 4 && ends(w, n, "men")) { cand(out, w, n, 3, "man"); return; } /* horsemen */
    if (n >= 3 && cat == 'n' && ends(w, n, "is")) {    /* skis, taxis; not a crisis */
        cand(c1, w, n, 1, "");
        if (known(m, 'n', c1)) strcpy(out, c1);
        return;
    }
    if (n < 3 || w[n - 1] != 's' || ends(w, n, "ss") || ends(w, n, "us") || ends(w, n, "is")) return;
    if (ends(w, n, "ies") && n > 4) {
        cand(out, w, n, 3, "y");
        cand(c2, w, n, 1, "");      /* cookies, hippies: when only the -ie spelling is known */
        if (!known(m, cat, out) && known(m, cat, c2)) strcpy(out, c2);
        return;
    }
    /* -es is a suffix only after a hissing sound or o (boxes, watches,
     * heroes); elsewhere the e is the stem's (pines, bees, stripes) */
    if (ends(w, n, "es") && !strchr("sxzho", w[n - 3])) { cand(out, w, n, 1, ""); return; }
    if (ends(w, n, "es")) {
        cand(c1, w, n, 2, "");      /* boxes, watches */
        cand(c2, w, n, 1, "");      /* houses, makes */
        if (known(m, cat, c2)) { strcpy(out, c2); return; }
        if (known(m, cat, c1)) { strcpy(out, c1); return; }
        if (known_any(m, c2)) { strcpy(out, c2); return; }
        if (known_any(m, c1)) { strcpy(out, c1); return; }
        if (ends(w, n, "ches") || ends(w, n, "shes") || ends(w, n, "xes") || ends(w, n, "zzes") ||
            ends(w, n, "sses") || ends(w, n, "oes"))
            strcpy(out, c1);
        else
            strcpy(out, c2);
        return;
    }
    cand(out, w, n, 1, "");
}

static int is_tag(const char *t, const char *a) { return t && !strcmp(t, a); }

/* Proper nouns are their own lemma, except a long all-capitals spelling,
 * which EWT writes in title case (TEHRAN -> Tehran: about 4 in 5 of such
 * words of five or more letters; shorter ones are mostly acronyms). */
static size_t proper_lemma(const char *form, size_t n, char *out) {
    size_t letters = 0;
    int lower = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)form[i];
        if (c >= 'A' && c <= 'Z') letters++;
        else if (c >= 'a' && c <= 'z') lower = 1;
        else return memcpy(out, form, n + 1), n;
    }
    memcpy(out, form, n + 1);
    if (lower || letters < 5) return n;
    for (size_t i = 1; i < n; i++) out[i] = (char)(out[i] + 32);
    return n;
}

size_t lm_lemma(const lm_model *m, const char *form, const char *upos, const char *xpos,
                char *buf, size_t cap);

/* An abbreviation the table knows in another spelling, with or without
 * its period or in title case (Aug, AUG -> Aug. -> August; Thur -> Thur.
 * -> Thursday): the lemma of that spelling when it is not the spelling
 * itself (an expansion), else NULL. x is a proper-noun tag, form[0..n). */
static const char *spelt_out(const lm_model *m, const char *x, const char *form, size_t n) {
    char v[LM_MAXW + 2], key[LM_MAXW + 40];
    for (int variant = 1; variant < 4; variant++) {     /* bit 0: period toggled, bit 1: title case */
        memcpy(v, form, n + 1);
        size_t k = n;
        if (variant & 2)
            for (size_t i = 1; i < k; i++) v[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
        if (variant & 1) {
            if (v[k - 1] == '.') v[--k] = 0;
            else { v[k++] = '.'; v[k] = 0; }
        }
        snprintf(key, sizeof key, "%s\t%s", x, v);
        const char *l = lookup(m, key);
        if (l && strcmp(l, v)) return l;
    }
    return NULL;
}

/* Letters drawn out for emphasis ("sooooo", "VERYYY", "litttle"): runs of
 * three or more of one letter shrink to two or one, and the first spelling
 * the tables know is lemmatized instead (EWT: so, very, little). Returns
 * the lemma's length, or (size_t)-1 when the word has no such run or no
 * shortening is known. low is the lowercased word, n its length. */
static size_t elongated(const lm_model *m, const char *low, size_t n, const char *upos,
                        const char *x, char *buf, size_t cap) {
    enum { MAXRUN = 4 };
    size_t at[MAXRUN], len[MAXRUN], r = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && low[j] == low[i]) j++;
        if (!(low[i] >= 'a' && low[i] <= 'z')) return (size_t)-1;  /* words only: no URLs, numbers */
        if (j - i >= 3) {
            if (r == MAXRUN) return (size_t)-1;
            at[r] = i;
            len[r++] = j - i;
        }
        i = j;
    }
    if (!r) return (size_t)-1;
    char c[LM_MAXW + 1], key[LM_MAXW + 40];
    for (int pass = 0; pass < 2; pass++)
        for (unsigned mask = 0; mask < 1u << r; mask++) {   /* all runs of two first */
            size_t k = 0, from = 0;
            for (size_t q = 0; q < r; q++) {
                memcpy(c + k, low + from, at[q] - from);
                k += at[q] - from;
                size_t keep = mask >> q & 1 ? 1 : 2;
                memset(c + k, low[at[q]], keep);
                k += keep;
                from = at[q] + len[q];
            }
            memcpy(c + k, low + from, n - from);
            k += n - from;
            c[k] = 0;
            if (pass == 0) {    /* the spelling seen with this tag */
                snprintf(key, sizeof key, "%s\t%s", x, c);
                const char *v = strlen(x) < 16 ? lookup(m, key) : NULL;
                if (v) return put(buf, cap, v, strlen(v));
            } else if (known_any(m, c) || known(m, 'r', c)) {
                return lm_lemma(m, c, upos, x, buf, cap);  /* c has no long run: no loop */
            }
        }
    return (size_t)-1;
}

size_t lm_lemma(const lm_model *m, const char *form, const char *upos, const char *xpos,
                char *buf, size_t cap) {
    size_t n = strlen(form);
    if (n == 0 || n > LM_MAXW) return put(buf, cap, form, n);
    char low[LM_MAXW + 1], key[LM_MAXW + 40], out[LM_MAXW + 8];
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = (unsigned char)form[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    const char *x = xpos && *xpos ? xpos : "_";
    int nnp = !strcmp(x, "NNP") || !strcmp(x, "NNPS");
    /* a letter used as a noun or adjective keeps its capital ("plan B",
     * "Z"), which the lowercased key below would lose */
    if (n == 1 && form[0] >= 'A' && form[0] <= 'Z' &&
        (is_tag(x, "NN") || is_tag(x, "NNS") || is_tag(x, "JJ")))
        return put(buf, cap, form, n);
    if (strlen(x) < 16) {
        /* proper nouns keep their case in the key: "al" is not "Al" */
        snprintf(key, sizeof key, "%s\t%s", x, nnp ? form : low);
        const char *v = lookup(m, key);
        if (v) return put(buf, cap, v, strlen(v));
    }
    int proper = is_tag(upos, "PROPN") || is_tag(x, "NNP") || is_tag(x, "NNPS");
    if (proper) {
        char pl[LM_MAXW + 8];
        const char *v = nnp && strlen(x) < 16 ? spelt_out(m, x, form, n) : NULL;
        if (v) return put(buf, cap, v, strlen(v));
        size_t k = proper_lemma(form, n, pl);
        if (is_tag(x, "NNPS")) { strip_s(m, 'n', pl, k, out); return put(buf, cap, out, strlen(out)); }
        return put(buf, cap, pl, k);
    }
    size_t el = elongated(m, low, n, upos, x, buf, cap);
    if (el != (size_t)-1) return el;
    const char *dot = strchr(low, '.');
    if (is_tag(x, "CD") && strchr(low, ',') && strspn(low, "0123456789,.") == n &&
        (!dot || (!strchr(dot + 1, '.') && !strchr(dot, ',')))) {
        size_t k = 0;   /* "12,000" -> "12000", "3,202.61" -> "3202.61", as EWT writes number lemmas */
        for (size_t i = 0; i < n; i++) if (low[i] != ',') out[k++] = low[i];
        return put(buf, cap, out, k);
    }
    char cat = 0;
    if (is_tag(x, "NNS")) cat = 'n';
    else if (is_tag(x, "VBD") || is_tag(x, "VBN") || is_tag(x, "VBG") || is_tag(x, "VBZ")) cat = 'v';
    else if (is_tag(x, "JJR") || is_tag(x, "JJS")) cat = 'a';
    else if (is_tag(x, "RBR") || is_tag(x, "RBS")) cat = 'r';
    if (!cat) return put(buf, cap, low, n);
    snprintf(key, sizeof key, "#%c\t%s", cat, low);
    const char *v = lookup(m, key);
    if (v) return put(buf, cap, v, strlen(v));
    if (cat == 'n' || is_tag(x, "VBZ")) {
        strip_s(m, cat, low, n, out);
        /* "species", "series" tagged NNS: known as their own lemma, no singular known */
        if (cat == 'n' && strcmp(out, low) && known(m, 'n', low) && !known(m, 'n', out))
            memcpy(out, low, n + 1);
    } else if (is_tag(x, "VBG")) strip_suffix(m, cat, low, n, "ing", "ying", out);
    else if (cat == 'v') strip_suffix(m, cat, low, n, "ed", "ied", out);
    else if (ends(low, n, "est")) strip_suffix(m, cat, low, n, "est", "iest", out);
    else if (ends(low, n, "er")) strip_suffix(m, cat, low, n, "er", "ier", out);
    else memcpy(out, low, n + 1);
    if (cat == 'v' && is_tag(x, "VBG") && !ends(low, n, "ing")) memcpy(out, low, n + 1);
    if (cat == 'v' && !is_tag(x, "VBG") && !is_tag(x, "VBZ") && !ends(low, n, "ed")) memcpy(out, low, n + 1);
    return put(buf, cap, out, strlen(out));
}

/* ---- in a sentence --------------------------------------------------------------- */

static int is_lower_word(const char *w, const char *a) {
    for (; *w && *a; w++, a++)
        if ((*w >= 'A' && *w <= 'Z' ? *w + 32 : *w) != *a) return 0;
    return !*w && !*a;
}

/* "'s" tagged VBZ is "be" ("it's late") unless a perfect follows, maybe
 * after adverbs: "he's been", "she's always got" (EWT: have in 10 of 11
 * before "been" or "got"; before other participles be in 12 of 18, so
 * those stay with the table). */
static int s_is_have(const lm_sent *s, size_t i) {
    const char *w = s->words[i];
    if (!is_tag(s->xpos[i], "VBZ") || !(!strcmp(w, "'s") || !strcmp(w, "\xe2\x80\x99s"))) return 0;
    size_t j = i + 1;
    while (j < s->n && (is_tag(s->xpos[j], "RB") || is_tag(s->xpos[j], "RBR"))) j++;
    return j < s->n && (is_lower_word(s->words[j], "been") || is_lower_word(s->words[j], "got") ||
                        is_lower_word(s->words[j], "gotten"));
}

/* ---- case decision ------------------------------------------------------------- */

/* Whether a capitalized word is a name (its lemma keeps the case) or a
 * common word (lowercased) is the tagger's NNP-or-not decision, and the
 * tagger is most wrong on words it has not seen: there a small linear
 * model, learnt from held-out tagging of the training treebank, takes the
 * final decision from the tagger's margin and what the sentence and the
 * lemma table say. */

static int is_proper_tag(const char *x) { return is_tag(x, "NNP") || is_tag(x, "NNPS"); }

static int nominal(const char *x) { return !strncmp(x, "NN", 2) || !strncmp(x, "JJ", 2); }

static int has_alnum(const char *w) {
    for (; *w; w++)
        if ((*w >= 'a' && *w <= 'z') || (*w >= 'A' && *w <= 'Z') || (*w >= '0' && *w <= '9')) return 1;
    return 0;
}

/* Known as a lemma of an open class, spelt as w or lowercased? */
static void known_cases(const lm_model *m, const char *w, int *as_is, int *lowered) {
    char low[LM_MAXW + 1];
    size_t n = strlen(w);
    *as_is = *lowered = 0;
    if (n > LM_MAXW) return;
    for (size_t i = 0; i <= n; i++) low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    *as_is = known_any(m, w) || known(m, 'r', w);
    *lowered = known_any(m, low) || known(m, 'r', low);
}

/* Features of word i of s (capitalized, its runner-up in the other family)
 * into f[LC_NF]; margin is the proper-noun family's score minus the other's. */
static void case_features(const lm_model *m, const lm_sent *s, size_t i, float margin, uint16_t *f) {
    const char *w = s->words[i];
    int first = i == 0 || !has_alnum(s->words[i - 1]);
    size_t letters = 0, caps = 0;
    for (size_t k = 1; k < s->n; k++) {     /* how capitalized is the sentence? */
        char c = s->words[k][0];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) { letters++; caps += c <= 'Z'; }
    }
    int title = letters ? (int)(5 * caps / letters) : 0;
    if (title > 4) title = 4;
    int lower = 0, digit = 0;
    size_t len = 0;
    for (const char *p = w; *p; p++, len++) {
        lower |= *p >= 'a' && *p <= 'z';
        digit |= *p >= '0' && *p <= '9';
    }
    int allcap = !lower && len > 1;
    float q = floorf(margin * 4);
    int bin = q < -8 ? 0 : q > 8 ? 16 : (int)q + 8;
    int kp, kc;
    known_cases(m, w, &kp, &kc);
    int k = 0;
    f[k++] = LC_BIAS;
    f[k++] = (uint16_t)(LC_MARGIN + bin);
    f[k++] = (uint16_t)(LC_FIRST + first);
    f[k++] = (uint16_t)(LC_TITLE + title);
    f[k++] = (uint16_t)(LC_ALLCAP + allcap);
    f[k++] = (uint16_t)(LC_DIGIT + digit);
    f[k++] = (uint16_t)(LC_LEN + (len > 8 ? 7 : (int)len - 1));
    f[k++] = (uint16_t)(LC_KNOWN + kp * 2 + kc);
    f[k++] = (uint16_t)(LC_FIRST_KNOWN + first * 4 + kp * 2 + kc);
    f[k++] = (uint16_t)(LC_TITLE_FIRST + title * 2 + first);
    f[k++] = (uint16_t)(LC_MARGIN_FIRST + bin * 2 + first);
}

/* The two lemmas of word i of s: under its own tag into own (own_proper:
 * whether that is a proper-noun tag) and under its runner-up into other.
 * 0 when there is no decision to take (no runner-up, or the same lemma). */
static int case_choice(const lm_model *m, const lm_sent *s, size_t i, char *own, char *other,
                       size_t cap, int *own_proper) {
    const lm_alt *a = s->alt ? &s->alt[i] : NULL;
    const char *xp = s->xpos ? s->xpos[i] : NULL;
    if (!a || !a->xpos || !xp || is_proper_tag(xp) == is_proper_tag(a->xpos)) return 0;
    /* nouns and adjectives only: a verb keeps its verb lemma ("Attacked"
     * at the start of a headline is attack, whatever its case) */
    if (!nominal(xp) || !nominal(a->xpos)) return 0;
    const char *w = s->words[i];
    if (!(w[0] >= 'A' && w[0] <= 'Z')) return 0;
    if (lm_lemma(m, w, s->upos ? s->upos[i] : NULL, xp, own, cap) >= cap ||
        lm_lemma(m, w, a->upos, a->xpos, other, cap) >= cap || !strcmp(own, other))
        return 0;
    *own_proper = is_proper_tag(xp);
    return 1;
}

size_t lm_lemma_at(const lm_model *m, const lm_sent *s, size_t i, char *buf, size_t cap) {
    const char *up = s->upos ? s->upos[i] : NULL, *xp = s->xpos ? s->xpos[i] : NULL;
    if (xp && s_is_have(s, i)) return put(buf, cap, "have", 4);
    char own[LM_MAXW + 8], other[LM_MAXW + 8];
    int own_proper;
    if (m && m->cw && case_choice(m, s, i, own, other, sizeof own, &own_proper)) {
        uint16_t f[LC_NF];
        float margin = own_proper ? s->alt[i].margin : -s->alt[i].margin, sc = 0;
        case_features(m, s, i, margin, f);
        for (int k = 0; k < LC_NF; k++) sc += m->cw[f[k]];
        const char *l = (sc > 0) == own_proper ? own : other;
        return put(buf, cap, l, strlen(l));
    }
    return lm_lemma(m, s->words[i], up, xp, buf, cap);
}

/* ---- learning the case decision --------------------------------------------------- */

struct lm_case_data {
    uint16_t (*f)[LC_NF];   /* [n] features of each example */
    unsigned char *y;       /* [n] 1: the name's lemma is right, 0: the common word's */
    size_t n, cap, ycap;
};

lm_case_data *lm_case_data_new(void) { return tac_calloc(1, sizeof(lm_case_data)); }

void lm_case_data_free(lm_case_data *d) {
    if (!d) return;
    tac_free(d->f);
    tac_free(d->y);
    tac_free(d);
}

size_t lm_case_data_count(const lm_case_data *d) { return d->n; }

int lm_case_collect(lm_case_data *d, const lm_model *m, const lm_sent *s, const char *const *gold) {
    char own[LM_MAXW + 8], other[LM_MAXW + 8];
    int own_proper;
    for (size_t i = 0; i < s->n; i++) {
        if (!case_choice(m, s, i, own, other, sizeof own, &own_proper)) continue;
        int y;
        if (!strcmp(gold[i], own)) y = own_proper;
        else if (!strcmp(gold[i], other)) y = !own_proper;
        else continue;      /* neither lemma is right: nothing to learn */
        if (tac_grow((void **)&d->f, &d->cap, d->n + 1, sizeof *d->f) ||
            tac_grow((void **)&d->y, &d->ycap, d->n + 1, sizeof *d->y))
            return -1;
        case_features(m, s, i, own_proper ? s->alt[i].margin : -s->alt[i].margin, d->f[d->n]);
        d->y[d->n++] = (unsigned char)y;
    }
    return 0;
}

static uint64_t lc_splitmix(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Averaged perceptron (the shared learner, two classes) over the examples
 * in a shuffled order each epoch; the weights kept are the differences of
 * the two classes' rows. */
tac_status lm_case_learn(lm_model *m, const lm_case_data *d, unsigned long long seed, tac_error *err) {
    enum { EPOCHS = 10 };
    lp_model w;
    size_t *ord = tac_malloc((d->n ? d->n : 1) * sizeof *ord);
    float *cw = tac_calloc(LC_N, sizeof *cw);
    if (!ord || !cw || lp_init(&w, 2)) {
        tac_free(ord);
        tac_free(cw);
        return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    }
    uint64_t st = seed ^ 0x6c656d6d61ULL;
    for (size_t i = 0; i < d->n; i++) ord[i] = i;
    int bad = 0;
    for (int ep = 0; ep < EPOCHS && !bad; ep++) {
        for (size_t i = d->n; i > 1; i--) {
            size_t j = (size_t)(lc_splitmix(&st) % i), t = ord[i - 1];
            ord[i - 1] = ord[j];
            ord[j] = t;
        }
        for (size_t i = 0; i < d->n && !bad; i++) {
            uint64_t f[LC_NF];
            float sc[2];
            for (int k = 0; k < LC_NF; k++) f[k] = (uint64_t)d->f[ord[i]][k] + 1;  /* 0 is no key */
            lp_score(&w, f, LC_NF, sc);
            int guess = sc[1] > sc[0], y = d->y[ord[i]];
            if (guess != y) bad = lp_update(&w, f, LC_NF, y, guess, 1.0f);
            lp_tick(&w);
        }
    }
    if (!bad) bad = lp_average(&w, 0);
    for (uint32_t k = 0; !bad && k < LC_N; k++) {
        uint64_t f = (uint64_t)k + 1;
        float sc[2];
        lp_score(&w, &f, 1, sc);
        cw[k] = sc[1] - sc[0];
    }
    lp_free(&w);
    tac_free(ord);
    if (bad) { tac_free(cw); return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory"); }
    tac_free(m->cw);
    m->cw = cw;
    return TAC_OK;
}

/* ---- building ------------------------------------------------------------------ */

typedef struct pair { char *key; const char *val; size_t order; } pair;

typedef struct pairs { pair *p; size_t n, cap; } pairs;

static int add_pair(pairs *ps, const char *k1, const char *k2, const char *val) {
    if (tac_grow((void **)&ps->p, &ps->cap, ps->n + 1, sizeof *ps->p)) return -1;
    size_t a = strlen(k1), b = strlen(k2);
    char *k = tac_malloc(a + b + 2);
    if (!k) return -1;
    memcpy(k, k1, a);
    k[a] = '\t';
    memcpy(k + a + 1, k2, b + 1);
    ps->p[ps->n] = (pair){k, val, ps->n};
    ps->n++;
    return 0;
}

static int pair_cmp(const void *a, const void *b) {
    const pair *p = a, *q = b;
    int c = strcmp(p->key, q->key);
    if (c) return c;
    c = strcmp(p->val, q->val);
    if (c) return c;
    return p->order < q->order ? -1 : p->order > q->order;
}

static char cat_of_upos(const char *u) {
    if (!strcmp(u, "NOUN") || !strcmp(u, "PROPN")) return 'n';
    if (!strcmp(u, "VERB") || !strcmp(u, "AUX")) return 'v';
    if (!strcmp(u, "ADJ")) return 'a';
    if (!strcmp(u, "ADV")) return 'r';
    return 0;
}

static void lower_into(char *dst, const char *s, size_t cap) {
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        dst[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    dst[i] = 0;
}

/* Reads one WordNet exception list: "inflected base [base...]" per line.
 * Line strings are kept in *keep (freed by the caller). */
static tac_status read_exc(const char *dir, const char *name, char cat, pairs *ps, char ***keep,
                           size_t *nkeep, size_t *capkeep, tac_error *err) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) return err_set(err, TAC_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    char line[512];
    char ck[3] = {'#', cat, 0}, cv[3] = {'@', cat, 0};
    long long ln = 0;
    tac_status st = TAC_OK;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *sp = strchr(line, ' ');
        if (!sp) continue;
        *sp = 0;
        char *base = sp + 1;
        base[strcspn(base, " \r\n")] = 0;
        if (!*line || !*base) continue;
        char *b = tac_strdup(base);
        if (!b || tac_grow((void **)keep, capkeep, *nkeep + 1, sizeof **keep)) {
            tac_free(b);
            st = err_set(err, TAC_ENOMEM, path, ln, -1, "out of memory");
            break;
        }
        (*keep)[(*nkeep)++] = b;
        for (char *q = line; *q; q++) if (*q == '_') *q = ' ';
        if (add_pair(ps, ck, line, b) || add_pair(ps, cv, b, "")) {
            st = err_set(err, TAC_ENOMEM, path, ln, -1, "out of memory");
            break;
        }
    }
    fclose(f);
    return st;
}

/* How verbs end: over the distinct known verb lemmas (treebank and
 * exception lists), the last three letters of the stem (the lemma without
 * a final e) and whether the lemma has the e. An ending goes in the table
 * ("%v\tmin" -> "e") when at least two verbs and two thirds of them agree.
 * Sorts ps. 0 or -1 (no memory). */
typedef struct ending { char s[4]; unsigned char e; } ending;

static int ending_cmp(const void *a, const void *b) {
    const ending *p = a, *q = b;
    int c = strcmp(p->s, q->s);
    return c ? c : (int)p->e - (int)q->e;
}

static int add_endings(pairs *ps) {
    if (ps->n) qsort(ps->p, ps->n, sizeof *ps->p, pair_cmp);
    ending *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t i = 0; i < ps->n; i++) {
        const char *k = ps->p[i].key;
        if (strncmp(k, "@v\t", 3) || (i && !strcmp(k, ps->p[i - 1].key))) continue;
        const char *l = k + 3;
        size_t n = strlen(l);
        if (n < 4 || strspn(l, "abcdefghijklmnopqrstuvwxyz") != n) continue;
        if (tac_grow((void **)&v, &cap, nv + 1, sizeof *v)) { tac_free(v); return -1; }
        size_t stem = n - (l[n - 1] == 'e');
        memcpy(v[nv].s, l + stem - 3, 3);
        v[nv].s[3] = 0;
        v[nv++].e = l[n - 1] == 'e';
    }
    if (nv) qsort(v, nv, sizeof *v, ending_cmp);
    int bad = 0;
    for (size_t i = 0, j; i < nv && !bad; i = j) {
        size_t with = 0;
        for (j = i; j < nv && !strcmp(v[j].s, v[i].s); j++) with += v[j].e;
        size_t without = (j - i) - with;
        if (with >= 2 && with >= 2 * without) bad = add_pair(ps, "%v", v[i].s, "e");
        else if (without >= 2 && without >= 2 * with) bad = add_pair(ps, "%v", v[i].s, "");
    }
    tac_free(v);
    return bad ? -1 : 0;
}

/* Sorts the pairs and writes the LMTB chunk body to f: for each key the
 * value seen most often (ties: the first seen). */
static int serialize(pairs *ps, FILE *f) {
    if (ps->n) qsort(ps->p, ps->n, sizeof *ps->p, pair_cmp); /* no pairs: ps->p is NULL */
    size_t nkeys = 0;
    for (size_t i = 0; i < ps->n; i++)
        if (i == 0 || strcmp(ps->p[i].key, ps->p[i - 1].key)) nkeys++;
    if (mf_put_u32(f, (uint32_t)nkeys)) return -1;
    for (size_t i = 0; i < ps->n;) {
        size_t j = i, best = i, bestn = 0, bestord = 0;
        while (j < ps->n && !strcmp(ps->p[j].key, ps->p[i].key)) {
            size_t r = j;
            while (r < ps->n && !strcmp(ps->p[r].key, ps->p[i].key) && !strcmp(ps->p[r].val, ps->p[j].val)) r++;
            /* run [j, r) shares one value; sorted by order, so p[j] is its first */
            if (r - j > bestn || (r - j == bestn && ps->p[j].order < bestord)) {
                best = j; bestn = r - j; bestord = ps->p[j].order;
            }
            j = r;
        }
        const char *k = ps->p[best].key, *v = ps->p[best].val;
        if (mf_put_str(f, k, strlen(k)) || mf_put_str(f, v, strlen(v))) return -1;
        i = j;
    }
    return 0;
}

static void pairs_free(pairs *ps) {
    for (size_t i = 0; i < ps->n; i++) tac_free(ps->p[i].key);
    tac_free(ps->p);
}

tac_status lm_build(const cu_bank *b, size_t nsents, const char *lexicon_dir, lm_model **out,
                    tac_error *err) {
    *out = NULL;
    pairs ps = {0};
    char **keep = NULL;
    size_t nkeep = 0, capkeep = 0;
    tac_status st = TAC_OK;
    size_t nw = nsents ? b->sents[nsents - 1].word0 + b->sents[nsents - 1].nwords : 0;
    char low[LM_MAXW + 1];
    for (size_t i = 0; i < nw && !st; i++) {
        const cu_word *w = &b->words[i];
        if (!w->lemma || !strcmp(w->lemma, "_") || strlen(w->form) > LM_MAXW) continue;
        if (!strcmp(w->xpos, "NNP") || !strcmp(w->xpos, "NNPS"))
            snprintf(low, sizeof low, "%s", w->form);   /* proper nouns: keys keep case */
        else
            lower_into(low, w->form, sizeof low);
        char cat = cat_of_upos(w->upos), cv[3] = {'@', cat, 0};
        if (add_pair(&ps, w->xpos, low, w->lemma) || (cat && add_pair(&ps, cv, w->lemma, "")))
            st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    }
    static const struct { const char *file; char cat; } lists[] = {
        {"noun.exc", 'n'}, {"verb.exc", 'v'}, {"adj.exc", 'a'}, {"adv.exc", 'r'}};
    for (size_t k = 0; lexicon_dir && !st && k < 4; k++)
        st = read_exc(lexicon_dir, lists[k].file, lists[k].cat, &ps, &keep, &nkeep, &capkeep, err);
    if (!st && add_endings(&ps)) st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    char *blob = NULL;
    size_t blen = 0;
    if (!st) {
        FILE *f = open_memstream(&blob, &blen);
        if (!f) st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
        else {
            int bad = serialize(&ps, f);
            if (fclose(f) || bad) st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "cannot build the lemma table");
        }
    }
    if (!st) st = parse_table((unsigned char *)blob, blen, "(lemma table)", -1, out, err);
    free(blob);
    pairs_free(&ps);
    for (size_t i = 0; i < nkeep; i++) tac_free(keep[i]);
    tac_free(keep);
    return st;
}

tac_status lm_write(const lm_model *m, mf_out *mf, tac_error *err) {
    FILE *f = mf_chunk_begin(mf, "LMTB");
    if (f) {
        int bad = mf_put_u32(f, (uint32_t)m->n);
        for (size_t i = 0; !bad && i < m->n; i++)
            bad = mf_put_str(f, m->keys[i], strlen(m->keys[i])) || mf_put_str(f, m->vals[i], strlen(m->vals[i]));
        if (bad) {
            mf_chunk_end(mf, err);
            return err_set(err, TAC_EIO, NULL, 0, -1, "cannot write the lemma table");
        }
    }
    tac_status st = mf_chunk_end(mf, err);
    if (st || !m->cw) return st;
    if ((f = mf_chunk_begin(mf, "LMCS")) != NULL) {
        int bad = mf_put_u32(f, LC_FEATURES) || mf_put_u32(f, LC_N);
        for (uint32_t k = 0; !bad && k < LC_N; k++) bad = mf_put_f32(f, m->cw[k]);
        if (bad) {
            mf_chunk_end(mf, err);
            return err_set(err, TAC_EIO, NULL, 0, -1, "cannot write the lemma case model");
        }
    }
    return mf_chunk_end(mf, err);
}
