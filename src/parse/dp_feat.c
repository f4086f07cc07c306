/*
 * dp_feat.c - feature extraction for the parser: per-token atoms (hashed
 * word, tags, suffix) and the Zhang & Nivre (2011) rich templates adapted to
 * arc-hybrid (s1-s0 pairs matter: RIGHT joins them), plus the templates of
 * the separate label classifier. Features are 64-bit hashes, never strings.
 */
#include "dp_int.h"

#include "../core/alloc.h"

#include <string.h>

/* Mixing of up to three atoms with a template id; never returns 0 (0 marks
 * an empty slot in the perceptron's table). */
static inline uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 31);
}

static inline uint64_t fin(uint64_t h) {
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return h ? h : 1;
}

static inline uint64_t F1(uint32_t t, uint64_t a) {
    return fin(mix(0xD6E8FEB86659FD93ULL * (t + 1), a));
}
static inline uint64_t F2(uint32_t t, uint64_t a, uint64_t b) {
    return fin(mix(mix(0xD6E8FEB86659FD93ULL * (t + 1), a), b));
}
static inline uint64_t F3(uint32_t t, uint64_t a, uint64_t b, uint64_t c) {
    return fin(mix(mix(mix(0xD6E8FEB86659FD93ULL * (t + 1), a), b), c));
}

/* Word atom: ASCII lower case, digits folded to 0 (numbers behave alike). */
static void word_atoms(const char *s, dp_tok *t) {
    char buf[64] = {0};
    size_t n = strlen(s), k = n < sizeof buf ? n : sizeof buf;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        else if (c >= '0' && c <= '9') c = '0';
        buf[i] = c;
    }
    t->w = lp_hash(1, buf, k) ^ (n > k ? lp_hash(2, s + k, n - k) : 0);
    size_t sl = k < 3 ? k : 3;
    t->suf = lp_hash(3, buf + k - sl, sl);
}

/* A word made only of ASCII punctuation (",", "--", "...", "(" ...). */
static int is_punct(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= '!' && *s <= '/') || (*s >= ':' && *s <= '@') || (*s >= '[' && *s <= '`') ||
              (*s >= '{' && *s <= '~')))
            return 0;
    return 1;
}

/* Punctuation words strictly between a and b (a < b), capped at 3. */
static inline uint64_t punct_between(const dp_tok *T, int a, int b) {
    if (!a || b <= a + 1) return 0;
    int c = T[b - 1].cpunct - T[a].cpunct;
    return (uint64_t)(c < 3 ? c : 3);
}

uint64_t dp_word_atom(const char *s) {
    dp_tok t;
    word_atoms(s, &t);
    return t.w;
}

int dp_ac_alloc(dp_model *m, size_t n) {
    size_t cap = 256;
    while (cap < 2 * n + 2) cap *= 2;
    m->ac_keys = tac_calloc(cap, sizeof *m->ac_keys);
    m->ac_vals = tac_calloc(cap, sizeof *m->ac_vals);
    if (!m->ac_keys || !m->ac_vals) return -1;
    m->ac_mask = cap - 1;
    m->ac_n = 0;
    return 0;
}

void dp_ac_put(dp_model *m, uint64_t word, uint64_t cls) {
    size_t i = word & m->ac_mask;
    while (m->ac_keys[i] && m->ac_keys[i] != word) i = (i + 1) & m->ac_mask;
    if (!m->ac_keys[i]) m->ac_n++;
    m->ac_keys[i] = word;
    m->ac_vals[i] = cls;
}

static uint64_t ac_get(const dp_model *m, uint64_t word) {
    if (!m->ac_keys) return 0;
    size_t i = word & m->ac_mask;
    while (m->ac_keys[i] && m->ac_keys[i] != word) i = (i + 1) & m->ac_mask;
    return m->ac_keys[i] ? m->ac_vals[i] : 0;
}

void dp_atoms(const dp_model *m, dp_tok *tok, int n, const char *const *words,
              const char *const *upos, const char *const *xpos) {
    tok[0].w = tok[0].p = tok[0].u = tok[0].suf = tok[0].a = lp_hash(4, "<none>", 6);
    tok[n + 1].w = tok[n + 1].p = tok[n + 1].u = tok[n + 1].suf = tok[n + 1].a =
        lp_hash(4, "<root>", 6);
    tok[0].cpunct = 0;
    for (int i = 1; i <= n; i++) {
        word_atoms(words[i - 1], &tok[i]);
        tok[i].a = ac_get(m, tok[i].w);
        tok[i].cpunct = tok[i - 1].cpunct + is_punct(words[i - 1]);
        tok[i + 1].cpunct = tok[i].cpunct;  /* keeps ROOT (n + 1) defined */
        const char *x = xpos && xpos[i - 1] ? xpos[i - 1] : "_";
        const char *u = upos && upos[i - 1] ? upos[i - 1] : "_";
        tok[i].p = lp_hash(5, x, strlen(x));
        tok[i].u = lp_hash(6, u, strlen(u));
    }
}

static inline uint64_t dist_bucket(int d) {
    if (d <= 4) return (uint64_t)d;
    if (d <= 6) return 5;
    if (d <= 9) return 6;
    return 7;
}

static inline uint64_t lab_of(const dp_state *st, int x) {
    return x ? (uint64_t)st->label[x] + 1 : 0;
}

size_t dp_act_feats(const dp_state *st, uint64_t *f) {
    const dp_tok *T = st->tok;
    int sp = st->sp, n1 = st->root;
    int s0 = sp > 0 ? st->stack[sp - 1] : 0;
    int s1 = sp > 1 ? st->stack[sp - 2] : 0;
    int s2 = sp > 2 ? st->stack[sp - 3] : 0;
    int b0 = st->b, b1 = b0 < n1 ? b0 + 1 : 0, b2 = b1 && b1 < n1 ? b1 + 1 : 0;
    int s0l = st->l1[s0], s0l2 = st->l2[s0], s0r = st->r1[s0], s0r2 = st->r2[s0];
    int b0l = st->l1[b0], b0l2 = st->l2[b0];
    int s1l = st->l1[s1], s1r = st->r1[s1];
    uint64_t s0w = T[s0].w, s0p = T[s0].p, s1w = T[s1].w, s1p = T[s1].p;
    uint64_t b0w = T[b0].w, b0p = T[b0].p, b1w = T[b1].w, b1p = T[b1].p;
    uint64_t b2w = T[b2].w, b2p = T[b2].p, s2p = T[s2].p;
    uint64_t s0wp = mix(s0w, s0p), s1wp = mix(s1w, s1p), b0wp = mix(b0w, b0p);
    uint64_t d = !s0 ? 0 : b0 == n1 ? 8 : dist_bucket(b0 - s0);
    uint64_t d1 = s1 ? dist_bucket(s0 - s1) : 0;
    size_t k = 0;
    /* single positions */
    f[k++] = F1(0, 0);
    f[k++] = F1(1, s0w); f[k++] = F1(2, s0p); f[k++] = F1(3, s0wp);
    f[k++] = F1(4, s1w); f[k++] = F1(5, s1p); f[k++] = F1(6, s1wp);
    f[k++] = F1(7, b0w); f[k++] = F1(8, b0p); f[k++] = F1(9, b0wp);
    f[k++] = F1(10, b1w); f[k++] = F1(11, b1p); f[k++] = F1(12, mix(b1w, b1p));
    f[k++] = F1(13, b2w); f[k++] = F1(14, b2p); f[k++] = F1(15, mix(b2w, b2p));
    f[k++] = F1(16, s2p); f[k++] = F1(17, T[s0].u); f[k++] = F1(18, T[b0].u);
    f[k++] = F1(19, T[b0].suf); f[k++] = F1(20, T[s0].suf);
    /* s0-b0 pairs (LEFT joins them) */
    f[k++] = F2(21, s0wp, b0wp); f[k++] = F2(22, s0wp, b0w); f[k++] = F2(23, s0w, b0wp);
    f[k++] = F2(24, s0wp, b0p); f[k++] = F2(25, s0p, b0wp); f[k++] = F2(26, s0w, b0w);
    f[k++] = F2(27, s0p, b0p); f[k++] = F2(28, b0p, b1p);
    /* s1-s0 pairs (RIGHT joins them) */
    f[k++] = F2(29, s1wp, s0wp); f[k++] = F2(30, s1wp, s0w); f[k++] = F2(31, s1w, s0wp);
    f[k++] = F2(32, s1wp, s0p); f[k++] = F2(33, s1p, s0wp); f[k++] = F2(34, s1w, s0w);
    f[k++] = F2(35, s1p, s0p); f[k++] = F3(36, s1p, s0p, d1); f[k++] = F3(37, s1w, s0w, d1);
    f[k++] = F2(38, T[s1].u, T[s0].u);
    /* triples */
    f[k++] = F3(39, b0p, b1p, b2p); f[k++] = F3(40, s0p, b0p, b1p);
    f[k++] = F3(41, s1p, s0p, b0p); f[k++] = F3(42, s0p, T[s0l].p, b0p);
    f[k++] = F3(43, s0p, T[s0r].p, b0p); f[k++] = F3(44, s0p, b0p, T[b0l].p);
    f[k++] = F3(45, s2p, s1p, s0p); f[k++] = F3(46, s1p, T[s1r].p, s0p);
    f[k++] = F3(47, s1p, T[s1l].p, s0p); f[k++] = F3(48, s1p, s0p, T[s0l].p);
    f[k++] = F3(49, T[s1].u, T[s0].u, T[b0].u);
    /* distance */
    f[k++] = F2(50, s0w, d); f[k++] = F2(51, s0p, d); f[k++] = F2(52, b0w, d);
    f[k++] = F2(53, b0p, d); f[k++] = F3(54, s0w, b0w, d); f[k++] = F3(55, s0p, b0p, d);
    /* valency */
    uint64_t vl0 = (uint64_t)st->nl[s0], vr0 = (uint64_t)st->nr[s0], vlb = (uint64_t)st->nl[b0];
    f[k++] = F2(56, s0w, vr0); f[k++] = F2(57, s0p, vr0); f[k++] = F2(58, s0w, vl0);
    f[k++] = F2(59, s0p, vl0); f[k++] = F2(60, b0w, vlb); f[k++] = F2(61, b0p, vlb);
    f[k++] = F2(62, s1p, (uint64_t)st->nr[s1]);
    /* children */
    f[k++] = F1(63, T[s0l].w); f[k++] = F1(64, T[s0l].p); f[k++] = F1(65, lab_of(st, s0l));
    f[k++] = F1(66, T[s0r].w); f[k++] = F1(67, T[s0r].p); f[k++] = F1(68, lab_of(st, s0r));
    f[k++] = F1(69, T[b0l].w); f[k++] = F1(70, T[b0l].p); f[k++] = F1(71, lab_of(st, b0l));
    f[k++] = F1(72, T[s0l2].w); f[k++] = F1(73, T[s0l2].p); f[k++] = F1(74, lab_of(st, s0l2));
    f[k++] = F1(75, T[s0r2].w); f[k++] = F1(76, T[s0r2].p); f[k++] = F1(77, lab_of(st, s0r2));
    f[k++] = F1(78, T[b0l2].w); f[k++] = F1(79, T[b0l2].p); f[k++] = F1(80, lab_of(st, b0l2));
    f[k++] = F3(81, s0p, T[s0l].p, T[s0l2].p); f[k++] = F3(82, s0p, T[s0r].p, T[s0r2].p);
    f[k++] = F3(83, b0p, T[b0l].p, T[b0l2].p);
    f[k++] = F2(84, T[s1r].p, lab_of(st, s1r)); f[k++] = F2(85, T[s1l].p, lab_of(st, s1l));
    /* label sets */
    f[k++] = F2(86, s0w, st->rset[s0]); f[k++] = F2(87, s0p, st->rset[s0]);
    f[k++] = F2(88, s0w, st->lset[s0]); f[k++] = F2(89, s0p, st->lset[s0]);
    f[k++] = F2(90, b0w, st->lset[b0]); f[k++] = F2(91, b0p, st->lset[b0]);
    f[k++] = F2(92, s1p, st->rset[s1]); f[k++] = F3(93, s1p, st->lset[s1], s0p);
    /* more words, fewer tags: predicted tags are wrong 5% of the time */
    uint64_t s0u = T[s0].u, s1u = T[s1].u, b0u = T[b0].u, b1u = T[b1].u;
    f[k++] = F2(94, b0w, b1w); f[k++] = F2(95, s1w, b0w); f[k++] = F3(96, s0w, b0w, b1p);
    f[k++] = F3(97, s0u, b0u, b1u); f[k++] = F3(98, s0u, T[s0l].u, b0u);
    f[k++] = F3(99, s0u, T[s0r].u, b0u); f[k++] = F3(100, s1u, s0u, d1);
    f[k++] = F2(101, T[b0].suf, s0p); f[k++] = F2(102, T[s0].suf, b0p);
    f[k++] = F2(103, T[s1].suf, s0p); f[k++] = F2(104, T[b1].suf, b0p);
    f[k++] = F3(105, s0w, s0u, b0u); f[k++] = F3(106, b0w, s0u, b0u);
    /* ambiguity classes: what the word can be, whatever the tagger said */
    uint64_t s0a = T[s0].a, s1a = T[s1].a, b0a = T[b0].a, b1a = T[b1].a;
    f[k++] = F2(107, s0a, s0p); f[k++] = F2(108, b0a, b0p); f[k++] = F2(109, s0a, b0a);
    f[k++] = F2(110, s1a, s0a); f[k++] = F3(111, s0a, b0a, b1a); f[k++] = F2(112, b0a, b1a);
    f[k++] = F2(113, s0p, b0a); f[k++] = F2(114, s0a, b0p); f[k++] = F3(115, s1a, s0a, b0a);
    f[k++] = F2(116, T[s0l].a, s0a); f[k++] = F2(117, b1a, b1p);
    /* punctuation in between: a comma between two words is a clause or
     * list boundary, which tags and distance alone do not show */
    uint64_t pb = punct_between(T, s0, b0 < n1 ? b0 : st->n + 1);
    uint64_t p1 = punct_between(T, s1, s0);
    f[k++] = F3(118, s0p, b0p, pb); f[k++] = F3(119, s1p, s0p, p1);
    f[k++] = F3(120, b0w, pb, d); f[k++] = F3(121, s0w, p1, pb);
    return k;
}

size_t dp_lab_feats(const dp_state *st, int hd, int dep, uint64_t *f) {
    const dp_tok *T = st->tok;
    uint32_t dir = hd < dep;    /* 1: dependent on the right */
    uint32_t o = dir * 1000 + 100; /* template ids distinct per direction */
    uint64_t dw = T[dep].w, dpp = T[dep].p, du = T[dep].u;
    uint64_t hw = T[hd].w, hp = T[hd].p, hu = T[hd].u;
    int dist = hd < dep ? dep - hd : hd - dep;
    uint64_t dd = dist_bucket(dist);
    int prev = dep > 1 ? dep - 1 : 0, next = dep < st->n ? dep + 1 : 0;
    /* the dependent's children are all known when it is popped */
    uint64_t dl = st->lset[dep], dr = st->rset[dep];
    /* siblings already attached on the same side of the head */
    uint64_t hs = dir ? st->rset[hd] : st->lset[hd];
    int sib = dir ? st->r1[hd] : st->l1[hd];
    size_t k = 0;
    f[k++] = F1(o + 0, 0);
    f[k++] = F1(o + 1, dw); f[k++] = F1(o + 2, dpp); f[k++] = F1(o + 3, du);
    f[k++] = F1(o + 4, hw); f[k++] = F1(o + 5, hp); f[k++] = F1(o + 6, hu);
    f[k++] = F2(o + 7, dw, hp); f[k++] = F2(o + 8, dpp, hw); f[k++] = F2(o + 9, dpp, hp);
    f[k++] = F2(o + 10, dw, hw); f[k++] = F3(o + 11, dpp, hp, dd);
    f[k++] = F2(o + 12, du, hu); f[k++] = F3(o + 13, dpp, T[prev].p, hp);
    f[k++] = F3(o + 14, dpp, T[next].p, hp); f[k++] = F2(o + 15, T[dep].suf, dpp);
    f[k++] = F2(o + 16, dl, dpp); f[k++] = F2(o + 17, dr, dpp);
    f[k++] = F3(o + 18, dl, dr, hp); f[k++] = F2(o + 19, hs, hp);
    f[k++] = F3(o + 20, lab_of(st, sib), dpp, hp);
    f[k++] = F2(o + 21, lab_of(st, st->l1[dep]), dpp);
    f[k++] = F2(o + 22, lab_of(st, st->r1[dep]), dpp);
    f[k++] = F3(o + 23, dw, T[st->l1[dep]].w, T[st->l1[dep]].p);
    f[k++] = F2(o + 24, T[prev].w, dpp); f[k++] = F2(o + 25, T[next].w, dpp);
    f[k++] = F2(o + 26, dd, dpp); f[k++] = F3(o + 27, hs, dpp, hp);
    f[k++] = F2(o + 28, (uint64_t)(hd == st->root), dpp);
    f[k++] = F3(o + 29, hw, dpp, dl);
    f[k++] = F2(o + 30, T[dep].suf, hp); f[k++] = F3(o + 31, dw, du, hu);
    f[k++] = F3(o + 32, hw, hu, du); f[k++] = F3(o + 33, du, T[prev].u, T[next].u);
    f[k++] = F3(o + 34, dw, T[prev].w, hp); f[k++] = F3(o + 35, dw, dl, dr);
    f[k++] = F3(o + 36, du, hu, dd); f[k++] = F2(o + 37, T[hd].suf, dpp);
    f[k++] = F2(o + 38, T[dep].a, hp); f[k++] = F2(o + 39, T[dep].a, T[hd].a);
    f[k++] = F2(o + 40, dpp, T[dep].a);
    return k;
}
