/*
 * dict_index.c - the compiled dictionary index: token interning, a hash
 * trie over lower-cased tokens shared by every namespace, diagnostics, and
 * the lookups (longest match, verb and synset queries).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "dict_int.h"
#include "../core/alloc.h"
#include "../core/error.h"

int dict_push(void *arr, size_t *cap, size_t n, size_t sz) {
    void **p = (void **)arr;
    void *tmp = *p;
    if (n + 1 <= *cap) return 0;
    if (tac_grow(&tmp, cap, n + 1, sz) != 0) return -1;
    *p = tmp;
    return 0;
}

tac_status dict_set_new(dict_set **out, tac_error *err) {
    dict_set *s = tac_calloc(1, sizeof *s);
    *out = NULL;
    if (!s) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "dictionary set: out of memory");
    ar_init(&s->ar);
    for (int r = 0; r < DICT_NROOTS; r++) {
        if (DICT_PUSH(s->node_head, s->nnodes, s->cap_nodes) != 0 ||
            DICT_PUSH(s->node_gap, s->nnodes, s->cap_gap) != 0) {
            dict_set_free(s);
            return err_set(err, TAC_ENOMEM, NULL, 0, -1, "dictionary set: out of memory");
        }
        s->node_gap[s->nnodes] = 0;
        s->node_head[s->nnodes++] = DICT_NONE;
    }
    *out = s;
    return TAC_OK;
}

void dict_set_free(dict_set *s) {
    if (!s) return;
    for (size_t i = 0; i < s->nsyns; i++) tac_free(s->syns[i].members);
    tac_free(s->toks); tac_free(s->tok_tab); tac_free(s->node_head); tac_free(s->node_gap);
    tac_free(s->edges); tac_free(s->ents);
    tac_free(s->recs); tac_free(s->codes); tac_free(s->blocks);
    tac_free(s->verbs); tac_free(s->pats); tac_free(s->syns);
    tac_free(s->warns); tac_free(s->files);
    ar_free(&s->ar);
    tac_free(s);
}

int dict_warn(dict_set *s, uint32_t file, unsigned line, dict_wkind kind,
              const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (DICT_PUSH(s->warns, s->nwarns, s->cap_warns) != 0) return -1;
    dict_warning *w = &s->warns[s->nwarns];
    w->file = s->files[file].path;
    w->line = line;
    w->kind = kind;
    w->message = dict_strdup(s, msg, strlen(msg));
    if (!w->message) return -1;
    s->nwarns++;
    s->files[file].warnings++;
    return 0;
}

char *dict_strdup(dict_set *s, const char *text, size_t len) {
    return ar_strndup(&s->ar, text, len);
}

/* Lower-cases text[0..len) into out (cap >= 2 * len + 1: lower-casing
 * never more than doubles a UTF-8 sequence). Returns 0, or -1 when the
 * text is not valid UTF-8. */
static int lower_into(const char *text, size_t len, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) return -1;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        if (m <= 0 || (size_t)m > 4) return -1;
        memcpy(out + o, enc, (size_t)m);
        o += (size_t)m;
        i += (size_t)n;
    }
    out[o] = '\0';
    return 0;
}

int dict_fold(const char *text, size_t len, char *out, size_t cap) {
    if (cap < 2 * len + 1 || lower_into(text, len, out) != 0) return -1;
    return 0;
}

char *dict_lower(dict_set *s, const char *text, size_t len, int *bad) {
    char *out = ar_alloc(&s->ar, 2 * len + 1);
    *bad = 0;
    if (!out) return NULL;
    if (lower_into(text, len, out) != 0) { *bad = 1; return NULL; }
    return out;
}

static uint64_t hash_bytes(const char *w, size_t len) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) { h ^= (unsigned char)w[i]; h *= 1099511628211ull; }
    return h;
}

static uint64_t hash_edge(uint64_t k) {
    k ^= k >> 33; k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53ull;
    return k ^ (k >> 33);
}

/* Token slots hold (hash << 32 | id + 1), 0 = empty: comparing the stored
 * hash first spares most string comparisons. */
uint32_t dict_tok_find(const dict_set *s, const char *w, size_t len) {
    if (!s->tok_slots || len > s->max_tok_len) return DICT_NONE;
    uint64_t h = hash_bytes(w, len), tag = h >> 32;
    size_t mask = s->tok_slots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint64_t v = s->tok_tab[i];
        if (!v) return DICT_NONE;
        if ((v >> 32) != tag) continue;
        const char *t = s->toks[(uint32_t)v - 1];
        if (strncmp(t, w, len) == 0 && t[len] == '\0') return (uint32_t)v - 1;
    }
}

static int tok_rehash(dict_set *s) {
    size_t slots = s->tok_slots ? s->tok_slots * 2 : 1024;
    uint64_t *tab = tac_calloc(slots, sizeof *tab);
    if (!tab) return -1;
    for (size_t j = 0; j < s->tok_slots; j++) {
        uint64_t v = s->tok_tab[j];
        if (!v) continue;
        const char *t = s->toks[(uint32_t)v - 1];
        size_t i = hash_bytes(t, strlen(t)) & (slots - 1);
        while (tab[i]) i = (i + 1) & (slots - 1);
        tab[i] = v;
    }
    tac_free(s->tok_tab);
    s->tok_tab = tab;
    s->tok_slots = slots;
    return 0;
}

uint32_t dict_tok_intern(dict_set *s, const char *w, size_t len) {
    uint32_t id = dict_tok_find(s, w, len);
    if (id != DICT_NONE) return id;
    if ((s->ntoks + 1) * 2 > s->tok_slots && tok_rehash(s) != 0) return DICT_NONE;
    if (DICT_PUSH(s->toks, s->ntoks, s->cap_toks) != 0) return DICT_NONE;
    char *copy = dict_strdup(s, w, len);
    if (!copy) return DICT_NONE;
    uint64_t h = hash_bytes(w, len);
    size_t mask = s->tok_slots - 1, i = h & mask;
    while (s->tok_tab[i]) i = (i + 1) & mask;
    s->toks[s->ntoks] = copy;
    if (len > s->max_tok_len) s->max_tok_len = len;
    s->tok_tab[i] = (h >> 32 << 32) | ((uint64_t)s->ntoks + 1);
    return (uint32_t)s->ntoks++;
}

/* Edges live in one array of (parent, token, child) so a probe touches a
 * single cache line; child == DICT_NONE marks an empty slot. */
uint32_t dict_trie_child(const dict_set *s, uint32_t node, uint32_t tok) {
    if (!s->edge_slots || tok == DICT_NONE) return DICT_NONE;
    size_t mask = s->edge_slots - 1;
    for (size_t i = hash_edge(((uint64_t)node << 32) | tok) & mask;; i = (i + 1) & mask) {
        const dict_edge *e = &s->edges[i];
        if (e->child == DICT_NONE) return DICT_NONE;
        if (e->parent == node && e->tok == tok) return e->child;
    }
}

static int edge_rehash(dict_set *s) {
    size_t slots = s->edge_slots ? s->edge_slots * 2 : 4096;
    dict_edge *tab = tac_malloc(slots * sizeof *tab);
    if (!tab) return -1;
    memset(tab, 0xff, slots * sizeof *tab);
    for (size_t j = 0; j < s->edge_slots; j++) {
        const dict_edge *e = &s->edges[j];
        if (e->child == DICT_NONE) continue;
        size_t i = hash_edge(((uint64_t)e->parent << 32) | e->tok) & (slots - 1);
        while (tab[i].child != DICT_NONE) i = (i + 1) & (slots - 1);
        tab[i] = *e;
    }
    tac_free(s->edges);
    s->edges = tab;
    s->edge_slots = slots;
    return 0;
}

uint32_t dict_trie_step(dict_set *s, uint32_t node, uint32_t tok, int create) {
    uint32_t child = dict_trie_child(s, node, tok);
    if (child != DICT_NONE || !create) return child;
    /* Load factor stays under 1/2 so probes stay short. */
    if ((s->nedges + 1) * 2 > s->edge_slots && edge_rehash(s) != 0) return DICT_NONE;
    if (DICT_PUSH(s->node_head, s->nnodes, s->cap_nodes) != 0 ||
        DICT_PUSH(s->node_gap, s->nnodes, s->cap_gap) != 0)
        return DICT_NONE;
    child = (uint32_t)s->nnodes;
    s->node_gap[child] = 0;
    s->node_head[s->nnodes++] = DICT_NONE;
    size_t mask = s->edge_slots - 1, i = hash_edge(((uint64_t)node << 32) | tok) & mask;
    while (s->edges[i].child != DICT_NONE) i = (i + 1) & mask;
    s->edges[i] = (dict_edge){node, tok, child};
    s->nedges++;
    return child;
}

uint32_t dict_insert(dict_set *s, int root, const char *phrase, size_t len,
                     const dict_ent *e, int *oom) {
    uint32_t node = (uint32_t)root;
    size_t nw = 0;
    char low[2048];   /* scratch: only the interned tokens are kept */
    *oom = 0;
    if (2 * len + 1 > sizeof low || lower_into(phrase, len, low) != 0) return DICT_NONE;
    /* In actor and agent phrases a blank between two words lets other
     * words come between them in the text, an underscore does not
     * ("ITHILEN TELEVISION" is "Ithilen state-run television"); a blank
     * next to an underscore ("VIRGILIO_ FONTES") is an underscore. */
    int gaps = root == DICT_ROOT_ACTOR || root == DICT_ROOT_AGENT, blank = 0, under = 0;
    for (char *p = low; *p;) {
        size_t w = strcspn(p, " _\t");
        if (w) {
            uint32_t t = dict_tok_intern(s, p, w);
            if (t == DICT_NONE || (node = dict_trie_step(s, node, t, 1)) == DICT_NONE) {
                *oom = 1;
                return DICT_NONE;
            }
            if (gaps && nw && blank && !under) s->node_gap[node] = 1;
            nw++;
            blank = under = 0;
        }
        p += w;
        if (*p) {
            if (*p == '_') under = 1;
            else blank = 1;
            p++;
        }
    }
    if (!nw) return DICT_NONE;
    if (DICT_PUSH(s->ents, s->nents, s->cap_ents) != 0) { *oom = 1; return DICT_NONE; }
    /* Append at the chain's tail so hits come back in load order. */
    dict_ent *n = &s->ents[s->nents];
    *n = *e;
    n->next = DICT_NONE;
    n->root = (uint8_t)root;
    uint32_t *link = &s->node_head[node];
    while (*link != DICT_NONE) link = &s->ents[*link].next;
    *link = (uint32_t)s->nents;
    return (uint32_t)s->nents++;
}

/* Walks tok[i..n) from root; returns the deepest node carrying an entry
 * and its depth in *depth (DICT_NONE if none). When stem is set, a last
 * dictionary word marked as a stem may match a token prefix. */
static uint32_t longest(const dict_set *s, int root, const char *const *tok, size_t n,
                        size_t i, size_t *depth, int stem) {
    uint32_t node = (uint32_t)root, best = DICT_NONE;
    for (size_t j = i; j < n; j++) {
        const char *w = tok[j];
        size_t wl = strlen(w);
        if (stem) {
            /* Stems: the longest proper prefix of this token that ends a
             * stem entry (the whole token is tried below). Prefixes longer
             * than any dictionary token are not tried: each costs a hash of
             * its length, and a 1 MB token made this quadratic (hours). */
            int found = 0;
            size_t top = wl - (wl > 0);
            if (top > s->max_tok_len) top = s->max_tok_len;
            for (size_t k = top; k >= 1 && !found; k--) {
                uint32_t c = dict_trie_child(s, node, dict_tok_find(s, w, k));
                if (c == DICT_NONE) continue;
                for (uint32_t e = s->node_head[c]; e != DICT_NONE && !found; e = s->ents[e].next)
                    if (s->ents[e].stem) { best = c; *depth = j - i + 1; found = 1; }
            }
        }
        node = dict_trie_child(s, node, dict_tok_find(s, w, wl));
        if (node == DICT_NONE) break;
        if (s->node_head[node] != DICT_NONE) { best = node; *depth = j - i + 1; }
    }
    return best;
}

enum { GAP_MAX = 4 };   /* tokens a blank in a phrase may pass over */

typedef struct gap_best {
    uint32_t node;
    size_t words, ntok;
} gap_best;

/* Depth-first walk of tok[j..n) from node, words dictionary words matched
 * so far from token i: a word matches the next token, or after a blank
 * (node_gap) the token after up to GAP_MAX tokens that skip[] allows.
 * Keeps in *b the entry node with the most words, then the fewest tokens. */
static void walk_gap(const dict_set *s, uint32_t node, const char *const *tok, size_t n,
                     size_t i, size_t j, size_t words, const unsigned char *skip, gap_best *b) {
    if (s->node_head[node] != DICT_NONE &&
        (words > b->words || (words == b->words && j - i < b->ntok))) {
        b->node = node;
        b->words = words;
        b->ntok = j - i;
    }
    for (size_t g = 0; g <= GAP_MAX && j + g < n; g++) {
        if (g && !skip[j + g - 1]) break;
        const char *w = tok[j + g];
        uint32_t c = dict_trie_child(s, node, dict_tok_find(s, w, strlen(w)));
        if (c != DICT_NONE && (!g || s->node_gap[c]))
            walk_gap(s, c, tok, n, i, j + g + 1, words + 1, skip, b);
    }
}

static void hit_base(const dict_set *s, const dict_ent *e, size_t depth, dict_hit *h) {
    memset(h, 0, sizeof *h);
    h->ntok = depth;
    h->phrase = e->phrase;
    h->file = s->files[e->file].path;
    h->line = e->line;
    h->code = e->code;
    h->code_line = e->line;
    h->flag = e->flag;
    h->rec = e->payload;
}

static size_t match_root(const dict_set *s, int root, const char *const *tok, size_t n,
                         size_t i, dict_hit *out, size_t cap) {
    size_t depth = 0, k = 0;
    if (!s || i >= n) return 0;
    uint32_t node = longest(s, root, tok, n, i, &depth, root == DICT_ROOT_DISCARD);
    if (node == DICT_NONE) return 0;
    for (uint32_t e = s->node_head[node]; e != DICT_NONE; e = s->ents[e].next, k++)
        if (k < cap) hit_base(s, &s->ents[e], depth, &out[k]);
    return k;
}

const char *dict_actor_code_on(const dict_set *s, unsigned rec, int date, unsigned *line) {
    const dict_rec *r = &s->recs[rec];
    const dict_code *def = NULL, *cur = NULL;
    for (uint32_t i = 0; i < r->n; i++) {
        const dict_code *c = &s->codes[r->first + i];
        if (c->is_default) def = c;
        else if (date && c->from <= date && date <= c->to) { *line = c->line; return c->code; }
        /* Undated text (no publication date given) is taken to be current:
         * "Iraq" is [IRQ >20060520] with no default, and leaving it uncoded
         * drops the actor of every undated Iraq story. The code in force
         * now is the open-ended one (">DATE") that starts last. A range
         * that has ended is not used: "HUSSEIN_" [JORGOV 520811-990207]
         * is King Hussein, not the Hussein of today's news. */
        else if (!date && c->to == 99999999 && (!cur || c->from > cur->from))
            cur = c;
    }
    if (!def) def = cur;
    if (!def) return NULL;
    *line = def->line;
    return def->code;
}

size_t dict_actor_codes(const dict_set *s, unsigned rec, dict_code *out, size_t cap) {
    const dict_rec *r = &s->recs[rec];
    for (uint32_t i = 0; i < r->n && i < cap; i++) out[i] = s->codes[r->first + i];
    return r->n;
}

/* match_root for actors and agents with the blanks of their phrases
 * passing over the tokens skip[] allows (none when skip is NULL). */
static size_t match_gap(const dict_set *s, int root, const char *const *tok, size_t n, size_t i,
                        const unsigned char *skip, dict_hit *out, size_t cap) {
    if (!skip) return match_root(s, root, tok, n, i, out, cap);
    if (!s || i >= n) return 0;
    gap_best b = {DICT_NONE, 0, 0};
    walk_gap(s, (uint32_t)root, tok, n, i, i, 0, skip, &b);
    if (b.node == DICT_NONE) return 0;
    size_t k = 0;
    for (uint32_t e = s->node_head[b.node]; e != DICT_NONE; e = s->ents[e].next, k++)
        if (k < cap) hit_base(s, &s->ents[e], b.ntok, &out[k]);
    return k;
}

size_t dict_actor_match(const dict_set *s, const char *const *tok, size_t n, size_t i,
                        int date, dict_hit *out, size_t cap) {
    return dict_actor_match_gap(s, tok, n, i, date, NULL, out, cap);
}

size_t dict_actor_match_gap(const dict_set *s, const char *const *tok, size_t n, size_t i,
                            int date, const unsigned char *skip, dict_hit *out, size_t cap) {
    size_t k = match_gap(s, DICT_ROOT_ACTOR, tok, n, i, skip, out, cap);
    for (size_t j = 0; j < k && j < cap; j++)
        out[j].code = dict_actor_code_on(s, out[j].rec, date, &out[j].code_line);
    return k;
}

size_t dict_agent_match(const dict_set *s, const char *const *tok, size_t n, size_t i,
                        dict_hit *out, size_t cap) {
    return match_gap(s, DICT_ROOT_AGENT, tok, n, i, NULL, out, cap);
}

size_t dict_agent_match_gap(const dict_set *s, const char *const *tok, size_t n, size_t i,
                            const unsigned char *skip, dict_hit *out, size_t cap) {
    return match_gap(s, DICT_ROOT_AGENT, tok, n, i, skip, out, cap);
}

size_t dict_discard_match(const dict_set *s, const char *const *tok, size_t n, size_t i,
                          dict_hit *out, size_t cap) {
    return match_root(s, DICT_ROOT_DISCARD, tok, n, i, out, cap);
}

size_t dict_issue_match(const dict_set *s, const char *const *tok, size_t n, size_t i,
                        dict_hit *out, size_t cap) {
    return match_root(s, DICT_ROOT_ISSUE, tok, n, i, out, cap);
}

static void verb_info(const dict_set *s, const dict_ent *e, dict_verb_info *out) {
    const dict_verb *v = &s->verbs[e->payload];
    const dict_block *b = &s->blocks[v->block];
    out->phrase = v->phrase;
    out->block = b->name;
    out->code = v->code ? v->code : b->code;
    out->file = s->files[v->file].path;
    out->line = v->line;
    out->npatterns = b->npat;
    out->patterns = b->npat ? s->pats + b->first_pat : NULL; /* no patterns loaded: s->pats is NULL */
}

size_t dict_verb_find_all(const dict_set *s, const char *lemma, dict_verb_info *out,
                          size_t cap) {
    uint32_t node = DICT_ROOT_VERB;
    size_t k = 0;
    if (!s || !lemma) return 0;
    for (const char *p = lemma; *p;) {
        size_t w = strcspn(p, " _");
        if (w) node = dict_trie_child(s, node, dict_tok_find(s, p, w));
        if (node == DICT_NONE) return 0;
        p += w;
        if (*p) p++;
    }
    if (node == DICT_ROOT_VERB) return 0;
    for (uint32_t e = s->node_head[node]; e != DICT_NONE; e = s->ents[e].next, k++)
        if (k < cap) verb_info(s, &s->ents[e], &out[k]);
    return k;
}

int dict_verb_find(const dict_set *s, const char *lemma, dict_verb_info *out) {
    return dict_verb_find_all(s, lemma, out, 1) > 0;
}

size_t dict_synset_match(const dict_set *s, const char *name, const char *const *tok,
                         size_t n, size_t i) {
    uint32_t id = DICT_NONE, node = DICT_ROOT_SYNSET;
    size_t best = 0;
    if (!s || !name) return 0;
    for (size_t k = 0; k < s->nsyns; k++)
        if (strcmp(s->syns[k].name, name) == 0) { id = (uint32_t)k; break; }
    if (id == DICT_NONE) return 0;
    for (size_t j = i; j < n; j++) {
        node = dict_trie_child(s, node, dict_tok_find(s, tok[j], strlen(tok[j])));
        if (node == DICT_NONE) break;
        for (uint32_t e = s->node_head[node]; e != DICT_NONE; e = s->ents[e].next)
            if (s->ents[e].payload == id) { best = j - i + 1; break; }
    }
    return best;
}

size_t dict_warning_count(const dict_set *s) { return s ? s->nwarns : 0; }
const dict_warning *dict_warning_get(const dict_set *s, size_t i) {
    return i < s->nwarns ? &s->warns[i] : NULL;
}
size_t dict_file_count(const dict_set *s) { return s ? s->nfiles : 0; }
const dict_file_info *dict_file_get(const dict_set *s, size_t i) {
    return i < s->nfiles ? &s->files[i] : NULL;
}

size_t dict_set_memory(const dict_set *s) {
    size_t m = sizeof *s + s->ar.total;
    m += s->cap_toks * sizeof *s->toks + s->tok_slots * sizeof *s->tok_tab;
    m += s->cap_nodes * sizeof *s->node_head + s->cap_gap;
    m += s->edge_slots * sizeof *s->edges;
    m += s->cap_ents * sizeof *s->ents + s->cap_recs * sizeof *s->recs;
    m += s->cap_codes * sizeof *s->codes + s->cap_blocks * sizeof *s->blocks;
    m += s->cap_verbs * sizeof *s->verbs + s->cap_pats * sizeof *s->pats;
    m += s->cap_syns * sizeof *s->syns + s->cap_warns * sizeof *s->warns;
    m += s->cap_files * sizeof *s->files;
    for (size_t i = 0; i < s->nsyns; i++) m += s->syns[i].cap * sizeof *s->syns[i].members;
    return m;
}

const char *dict_kind_name(dict_kind k) {
    switch (k) {
    case DICT_VERBS: return "verbs";
    case DICT_ACTORS: return "actors";
    case DICT_AGENTS: return "agents";
    case DICT_DISCARDS: return "discards";
    case DICT_ISSUES: return "issues";
    default: return "auto";
    }
}

static int days_in(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

int dict_parse_date(const char *str, size_t len) {
    char dig[9];
    size_t nd = 0;
    for (size_t i = 0; i < len; i++) {
        if (str[i] >= '0' && str[i] <= '9') {
            if (nd == 8) return 0;
            dig[nd++] = str[i];
        } else if (!(str[i] == '-' && len == 10 && (i == 4 || i == 7))) {
            return 0;
        }
    }
    if (nd != 6 && nd != 8) return 0;
    dig[nd] = '\0';
    long v = strtol(dig, NULL, 10);
    int y, m = (int)(v / 100 % 100), d = (int)(v % 100);
    if (nd == 6) {
        y = (int)(v / 10000);
        y += y <= 30 ? 2000 : 1900;   /* the KEDS/TABARI convention */
    } else {
        y = (int)(v / 10000);
    }
    if (m < 1 || m > 12 || d < 1 || d > days_in(y, m)) return 0;
    return y * 10000 + m * 100 + d;
}
