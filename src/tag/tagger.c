/*
 * tagger.c - tagging with a trained model: the word lexicon, per-token
 * feature extraction, greedy left-to-right decoding and model loading.
 * Training lives in tg_train.c.
 */
#include "tg_int.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include <string.h>

/* Feature template ids: part of every feature hash, so equal values of
 * different templates never collide on purpose. Never renumber: a model
 * stores hashes, not templates. */
enum {
    F_BIAS = 1, F_FORM, F_LOW, F_PRE1, F_SUF1 = F_PRE1 + 4, F_SHAPE = F_SUF1 + 4, F_FLAGS,
    F_P1, F_P2, F_P12, F_WM1, F_WM2, F_WP1, F_WP2, F_P1_LOW, F_SUFP1, F_AMB0, F_AMBP1,
    F_AMBP2, F_AMB01, F_P1_AMB0, F_LOW_WP1, F_WM1_LOW, F_P1_SUF3, F_SHAPEP1, F_SHAPEM1,
    F_AMBM1, F_SUF3_FLAGS, F_AMBOTHER, F_AMBOTHER_FL
};

enum { FL_INITCAP = 1, FL_ALLCAP = 2, FL_DIGIT = 4, FL_HYPHEN = 8, FL_NOALPHA = 16, FL_FIRST = 32 };

/* ---- lexicon ------------------------------------------------------------ */

static uint64_t str_hash(const char *s, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 0x100000001b3ULL; }
    return h ^ (h >> 29);
}

/* Rehashes the lexicon into at least want slots (a power of two, and at
 * least double the current size). 0 or -1 (no memory). */
static int lex_resize(tg_model *m, size_t want) {
    size_t cap = m->lexcap ? m->lexcap * 2 : 1024;
    while (cap < want) cap *= 2;
    tg_lex *t = tac_calloc(cap, sizeof *t);
    if (!t) return -1;
    for (size_t i = 0; i < m->lexcap; i++) {
        if (!m->lex[i].w) continue;
        size_t j = (size_t)str_hash(m->lex[i].w, m->lex[i].len) & (cap - 1);
        while (t[j].w) j = (j + 1) & (cap - 1);
        t[j] = m->lex[i];
    }
    tac_free(m->lex);
    m->lex = t;
    m->lexcap = cap;
    return 0;
}

int tg_lex_add(tg_model *m, const char *w, size_t len, uint32_t fixed, uint64_t amb) {
    if (len > UINT32_MAX) return -1;
    if ((m->nlex + 1) * 2 > m->lexcap && lex_resize(m, 0)) return -1;
    size_t j = (size_t)str_hash(w, len) & (m->lexcap - 1);
    while (m->lex[j].w) {
        if (m->lex[j].len == len && !memcmp(m->lex[j].w, w, len)) break;
        j = (j + 1) & (m->lexcap - 1);
    }
    if (!m->lex[j].w) m->nlex++;
    m->lex[j] = (tg_lex){w, (uint32_t)len, fixed, amb};
    return 0;
}

const tg_lex *tg_lex_find(const tg_model *m, const char *w, size_t len) {
    if (!m->lexcap) return NULL;
    size_t j = (size_t)str_hash(w, len) & (m->lexcap - 1);
    while (m->lex[j].w) {
        if (m->lex[j].len == len && !memcmp(m->lex[j].w, w, len)) return &m->lex[j];
        j = (j + 1) & (m->lexcap - 1);
    }
    return NULL;
}

/* ---- features ------------------------------------------------------------ */

/* Combining already hashed values needs only a 64-bit finalizer
 * (murmur3's), much cheaper than hashing their bytes again. Never 0. */
static uint64_t mix(uint64_t x) {
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x ? x : 1;
}

static uint64_t h1(uint32_t t, uint64_t a) { return mix(a + (uint64_t)t * 0x9E3779B97F4A7C15ULL); }

static uint64_t h2(uint32_t t, uint64_t a, uint64_t b) { return mix(h1(t, a) ^ (b * 0xD6E8FEB86659FD93ULL)); }

/* Collapsed word shape: X for upper, x for lower, d for digit, other ASCII
 * kept, non-ASCII bytes as u; runs of one symbol collapse to one. */
static size_t shape_of(const char *w, size_t n, char *out, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap; i++) {
        unsigned char c = (unsigned char)w[i];
        char s = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x'
               : c >= '0' && c <= '9' ? 'd' : c >= 0x80 ? 'u' : (char)c;
        if (k == 0 || out[k - 1] != s) out[k++] = s;
    }
    return k;
}

static void prepare_one(const tg_model *m, const char *w, size_t i, tg_tok *t) {
    size_t n = strlen(w);
    size_t ln = n < TG_MAXWORD ? n : TG_MAXWORD;
    char low[TG_MAXWORD], shp[16];
    uint32_t fl = i == 0 ? FL_FIRST : 0;
    int upper = 0, lower = 0;
    for (size_t k = 0; k < ln; k++) {
        unsigned char c = (unsigned char)w[k];
        if (c >= 'A' && c <= 'Z') { upper++; low[k] = (char)(c + 32); }
        else { low[k] = (char)c; if (c >= 'a' && c <= 'z') lower++; }
        if (c >= '0' && c <= '9') fl |= FL_DIGIT;
        if (c == '-') fl |= FL_HYPHEN;
    }
    if (upper && (unsigned char)w[0] >= 'A' && (unsigned char)w[0] <= 'Z') fl |= FL_INITCAP;
    if (upper && !lower) fl |= FL_ALLCAP;
    if (!upper && !lower) fl |= FL_NOALPHA;
    t->flags = fl;
    t->form = lp_hash(F_FORM, w, n);
    t->low = lp_hash(F_LOW, low, ln);
    t->shape = lp_hash(F_SHAPE, shp, shape_of(w, n, shp, sizeof shp));
    for (size_t k = 0; k < 4; k++) {
        size_t a = k + 1 < ln ? k + 1 : ln;
        t->pre[k] = lp_hash(F_PRE1 + (uint32_t)k, low, a);
        t->suf[k] = lp_hash(F_SUF1 + (uint32_t)k, low + ln - a, a);
    }
    const tg_lex *e = tg_lex_find(m, w, n);
    if (!e && (fl & (FL_INITCAP | FL_ALLCAP))) e = tg_lex_find(m, low, ln);
    t->fixed = e ? e->fixed : TG_NONE;
    t->amb = e && e->amb ? e->amb : TG_AMB_UNKNOWN;
    /* How the word behaves in the other case: "Charge" is a known noun in
     * lower case, "lisa" a known name in title case. Only a different
     * spelling counts, so a training word never sees its own counts. */
    const tg_lex *o = NULL;
    if (n == ln && (fl & (FL_INITCAP | FL_ALLCAP)) && memcmp(low, w, ln)) {
        o = tg_lex_find(m, low, ln);
    } else if (n == ln && ln && low[0] >= 'a' && low[0] <= 'z') {
        char title[TG_MAXWORD];
        memcpy(title, low, ln);
        title[0] = (char)(title[0] - 32);
        o = tg_lex_find(m, title, ln);
    }
    t->amb_other = o && o->amb ? o->amb : 0x2545F4914F6CDD1DULL;
}

void tg_prepare(const tg_model *m, const char *const *words, size_t n, tg_tok *toks) {
    for (size_t i = 0; i < n; i++) prepare_one(m, words[i], i, &toks[i]);
}

/* Padding tokens before and after the sentence. */
static const tg_tok *pad(int after) {
    static const tg_tok pads[2] = {
        {11, 12, 13, 14, {15, 16, 17, 18}, {19, 20, 21, 22}, 23, TG_NONE, 0},
        {31, 32, 33, 34, {35, 36, 37, 38}, {39, 40, 41, 42}, 43, TG_NONE, 0}};
    return &pads[after ? 1 : 0];
}

static const tg_tok *at(const tg_tok *toks, size_t n, long j) {
    if (j < 0) return pad(0);
    if ((size_t)j >= n) return pad(1);
    return &toks[j];
}

size_t tg_features(const tg_tok *toks, size_t n, size_t i, int p1, int p2, uint64_t *f) {
    const tg_tok *t = &toks[i], *m1 = at(toks, n, (long)i - 1), *m2 = at(toks, n, (long)i - 2);
    const tg_tok *n1 = at(toks, n, (long)i + 1), *n2 = at(toks, n, (long)i + 2);
    uint64_t a = (uint64_t)(p1 + 2), b = (uint64_t)(p2 + 2);
    size_t k = 0;
    f[k++] = h1(F_BIAS, 0);
    f[k++] = t->form;
    f[k++] = t->low;
    for (int j = 0; j < 4; j++) f[k++] = t->pre[j];
    for (int j = 0; j < 4; j++) f[k++] = t->suf[j];
    f[k++] = t->shape;
    f[k++] = h1(F_FLAGS, t->flags);
    f[k++] = h1(F_P1, a);
    f[k++] = h1(F_P2, b);
    f[k++] = h2(F_P12, a, b);
    f[k++] = h1(F_WM1, m1->low);
    f[k++] = h1(F_WM2, m2->low);
    f[k++] = h1(F_WP1, n1->low);
    f[k++] = h1(F_WP2, n2->low);
    f[k++] = h2(F_P1_LOW, a, t->low);
    f[k++] = h1(F_SUFP1, n1->suf[2]);
    f[k++] = h1(F_AMB0, t->amb);
    f[k++] = h1(F_AMBP1, n1->amb);
    f[k++] = h1(F_AMBP2, n2->amb);
    f[k++] = h2(F_AMB01, t->amb, n1->amb);
    f[k++] = h2(F_P1_AMB0, a, t->amb);
    f[k++] = h2(F_LOW_WP1, t->low, n1->low);
    f[k++] = h2(F_WM1_LOW, m1->low, t->low);
    f[k++] = h2(F_P1_SUF3, a, t->suf[2]);
    f[k++] = h1(F_SHAPEP1, n1->shape);
    f[k++] = h1(F_SHAPEM1, m1->shape);
    f[k++] = h1(F_AMBM1, m1->amb);
    f[k++] = h2(F_SUF3_FLAGS, t->suf[2], t->flags);
    f[k++] = h1(F_AMBOTHER, t->amb_other);
    f[k++] = h2(F_AMBOTHER_FL, t->amb_other, t->flags);
    return k;
}

static int argmax(const float *s, uint32_t n) {
    uint32_t b = 0;
    for (uint32_t c = 1; c < n; c++)
        if (s[c] > s[b]) b = c;
    return (int)b;
}

int tg_mark_proper(tg_model *m) {
    tac_free(m->proper);
    m->proper = tac_calloc(m->nclasses ? m->nclasses : 1, 1);
    if (!m->proper) return -1;
    for (uint32_t c = 0; c < m->nclasses; c++)
        m->proper[c] = !strcmp(m->xpos[c], "NNP") || !strcmp(m->xpos[c], "NNPS");
    return 0;
}

/* The best class of the other case family than c (proper noun or not) and
 * its distance below c, into a. */
static void runner_up(const tg_model *m, const float *sc, int c, lm_alt *a) {
    int other = -1;
    unsigned char fam = m->proper[c];
    for (uint32_t k = 0; k < m->nclasses; k++)
        if (m->proper[k] != fam && (other < 0 || sc[k] > sc[other])) other = (int)k;
    if (other < 0) return;
    a->upos = m->upos[other];
    a->xpos = m->xpos[other];
    a->margin = sc[c] - sc[other];
}

int tg_tag_ids(const tg_model *m, const char *const *words, size_t n, int *cls, lm_alt *alt) {
    if (!n) return 0;
    tg_tok stackt[64];
    float stacks[256];
    tg_tok *toks = n <= 64 ? stackt : tac_malloc(n * sizeof *toks);
    float *sc = m->nclasses <= 256 ? stacks : tac_malloc(m->nclasses * sizeof *sc);
    if (!toks || !sc) {
        if (toks != stackt) tac_free(toks);
        if (sc != stacks) tac_free(sc);
        return -1;
    }
    tg_prepare(m, words, n, toks);
    uint64_t f[TG_MAXF];
    int p1 = -1, p2 = -1;
    for (size_t i = 0; alt && i < n; i++) alt[i] = (lm_alt){NULL, NULL, 0};
    for (size_t i = 0; i < n; i++) {
        int c;
        if (toks[i].fixed != TG_NONE) {
            c = (int)toks[i].fixed;
        } else {
            size_t nf = tg_features(toks, n, i, p1, p2, f);
            if (m->wt.slots) lp_table_score(&m->wt, f, nf, sc);
            else lp_score(&m->w, f, nf, sc);
            c = argmax(sc, m->nclasses);
            if (alt && (toks[i].flags & FL_INITCAP)) runner_up(m, sc, c, &alt[i]);
        }
        cls[i] = c;
        p2 = p1;
        p1 = c;
    }
    if (toks != stackt) tac_free(toks);
    if (sc != stacks) tac_free(sc);
    return 0;
}

/* A statement (closed by ".") has a finite verb. When the tagger found
 * none, a participle right after a noun or pronoun is that verb: "Police
 * arrested protesters." and "The US troops fired into the crowd." come
 * out as noun phrases ("arrested/VBN protesters") because EWT shows many
 * such verbs only in the passive. Measured on EWT dev: 6 words right, 0
 * wrong (with "!" and "?" too: 3 wrong, "Site made!"); headlines, which
 * have no stop, keep their participles ("Seekers rescued off coast"). */
int tg_repair_finite(const tg_model *m, const char *const *words, size_t n, const char **upos,
                     const char **xpos) {
    if (n < 3 || strcmp(words[n - 1], ".") != 0) return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(xpos[i], "VBD") || !strcmp(xpos[i], "VBZ") || !strcmp(xpos[i], "VBP") ||
            !strcmp(xpos[i], "MD"))
            return -1;
    int vbd = -1;
    for (uint32_t c = 0; c < m->nclasses && vbd < 0; c++)
        if (!strcmp(m->xpos[c], "VBD") && !strcmp(m->upos[c], "VERB")) vbd = (int)c;
    if (vbd < 0) return -1;
    for (size_t i = 1; i + 1 < n; i++)
        if (!strcmp(xpos[i], "VBN") && (!strncmp(xpos[i - 1], "NN", 2) || !strcmp(xpos[i - 1], "PRP"))) {
            xpos[i] = m->xpos[vbd];
            upos[i] = m->upos[vbd];
            return (int)i;
        }
    return -1;
}

int tg_tag_alt(const tg_model *m, const char *const *words, size_t n,
               const char **upos, const char **xpos, lm_alt *alt) {
    int stackc[128];
    int *cls = n <= 128 ? stackc : tac_malloc(n * sizeof *cls);
    if (!cls) return -1;
    int rc = tg_tag_ids(m, words, n, cls, alt);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        upos[i] = m->upos[cls[i]];
        xpos[i] = m->xpos[cls[i]];
    }
    if (cls != stackc) tac_free(cls);
    return rc;
}

int tg_tag(const tg_model *m, const char *const *words, size_t n,
           const char **upos, const char **xpos) {
    return tg_tag_alt(m, words, n, upos, xpos, NULL);
}

/* ---- loading -------------------------------------------------------------- */

void tg_clear(tg_model *m) {
    lp_free(&m->w);
    tac_free(m->lex);
    tac_free((void *)m->xpos);
    tac_free((void *)m->upos);
    tac_free(m->proper);
    tac_free(m->names);
    mf_free(m->file);
    memset(m, 0, sizeof *m);
}

void tg_free(tg_model *m) {
    if (!m) return;
    tg_clear(m);
    tac_free(m);
}

/* A corrupt-chunk error at byte pos of chunk p (NULL: chunk missing). */
static tac_status bad(tac_error *err, const tg_model *m, const char *path, const char *tag,
                      const unsigned char *p, size_t pos, const char *what) {
    long long off = p ? mf_offset(m->file, p) : -1;
    return err_set(err, TAC_EFORMAT, path, 0, off >= 0 ? off + (long long)pos : -1,
                   "tagger chunk %s: %s", tag, what);
}

/* TGHD: u32 format, u32 feature set, u32 C, C x (str xpos, str upos). */
static tac_status load_header(tg_model *m, const char *path, tac_error *err) {
    size_t n;
    const unsigned char *p = mf_chunk(m->file, "TGHD", &n);
    if (!p) return bad(err, m, path, "TGHD", NULL, 0, "missing");
    mf_cursor c;
    mf_cursor_init(&c, p, n);
    uint32_t ver = mf_get_u32(&c), feats = mf_get_u32(&c), C = mf_get_u32(&c);
    if (!c.ok || ver != TG_FORMAT) return bad(err, m, path, "TGHD", p, 0, "unknown tagger format");
    if (feats != TG_FEATURES)
        return err_set(err, TAC_EFORMAT, path, 0, mf_offset(m->file, p) + 4,
                       "tagger model %s was trained with feature set %u, this build computes "
                       "feature set %u: retrain it (make, or tacitus train tagger)",
                       path, feats, TG_FEATURES);
    if (C < 2 || C > 4096) return bad(err, m, path, "TGHD", p, 8, "bad class count");
    m->nclasses = C;
    m->xpos = tac_calloc(C, sizeof *m->xpos);
    m->upos = tac_calloc(C, sizeof *m->upos);
    m->names = tac_malloc(n + 2 * (size_t)C);   /* names plus NULs fit in the chunk size */
    if (!m->xpos || !m->upos || !m->names) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    char *q = m->names;
    for (uint32_t i = 0; i < 2 * C; i++) {
        size_t len;
        const char *s = mf_get_str(&c, &len);
        if (!s || len == 0 || memchr(s, 0, len)) return bad(err, m, path, "TGHD", p, c.pos, "bad class name");
        memcpy(q, s, len);
        q[len] = 0;
        if (i % 2 == 0) m->xpos[i / 2] = q; else m->upos[i / 2] = q;
        q += len + 1;
    }
    if (tg_mark_proper(m)) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    return TAC_OK;
}

/* TGDI: u32 count, count x (str word, u32 fixed class or TG_NONE, u64 amb). */
static tac_status load_lexicon(tg_model *m, const char *path, tac_error *err) {
    size_t n;
    const unsigned char *p = mf_chunk(m->file, "TGDI", &n);
    if (!p) return bad(err, m, path, "TGDI", NULL, 0, "missing");
    mf_cursor c;
    mf_cursor_init(&c, p, n);
    uint32_t count = mf_get_u32(&c);
    if (!c.ok || count > n / 16) return bad(err, m, path, "TGDI", p, 0, "bad entry count");
    /* sized once: growing by doubling rehashed the lexicon ~6 times per load */
    if (lex_resize(m, 2 * (size_t)count + 2)) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    for (uint32_t i = 0; i < count; i++) {
        size_t at = c.pos, len;
        const char *w = mf_get_str(&c, &len);
        uint32_t fixed = mf_get_u32(&c);
        uint64_t amb = mf_get_u64(&c);
        if (!c.ok || len == 0) return bad(err, m, path, "TGDI", p, at, "truncated entry");
        if (fixed != TG_NONE && fixed >= m->nclasses) return bad(err, m, path, "TGDI", p, at, "bad class");
        if (tg_lex_add(m, w, len, fixed, amb)) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    }
    return TAC_OK;
}

/* TGWT: the weight table, used in place from the loaded file (no copy). */
static tac_status load_weights(tg_model *m, const char *path, tac_error *err) {
    size_t n, used;
    const unsigned char *p = mf_chunk(m->file, "TGWT", &n);
    if (!p) return bad(err, m, path, "TGWT", NULL, 0, "missing");
    if (lp_table_view(&m->wt, p, n, &used) || used != n)
        return bad(err, m, path, "TGWT", p, 0, "corrupt weights");
    if (m->wt.nclasses != m->nclasses) return bad(err, m, path, "TGWT", p, 0, "class count mismatch");
    return TAC_OK;
}

tac_status tg_load(const char *path, tg_model **out, tac_error *err) {
    *out = NULL;
    tg_model *m = tac_calloc(1, sizeof *m);
    if (!m) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    tac_status st = mf_load(path, "tagger", &m->file, err);
    if (st == TAC_OK) {
        st = load_header(m, path, err);
        if (st == TAC_OK) st = load_lexicon(m, path, err);
        if (st == TAC_OK) st = load_weights(m, path, err);
    }
    if (st != TAC_OK) { tg_free(m); return st; }
    *out = m;
    return TAC_OK;
}
