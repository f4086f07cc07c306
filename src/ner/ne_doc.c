/*
 * ne_doc.c - the NER tagger's document pass: a name the tagger found in
 * one sentence is labelled wherever the same words recur in the document
 * and the tagger left them O ("Miramar ... we drove to miramar"). Web
 * text repeats its names with less context and less care for case.
 */
#include "ne_impl.h"
#include "../core/alloc.h"

#include <string.h>

enum { DOC_MAXSPAN = 4 };   /* longest name carried over, in tokens */

typedef struct name_tab {
    uint64_t *keys;
    uint32_t (*cnt)[NE_NTYPES];
    size_t cap;
} name_tab;

static size_t tab_slot(const name_tab *t, uint64_t key) {
    size_t i = (size_t)key & (t->cap - 1);
    while (t->keys[i] && t->keys[i] != key) i = (i + 1) & (t->cap - 1);
    return i;
}

/* Key of words[a..b) lowercased, as lexicon spans are keyed. */
static uint64_t span_key(const char *const *words, size_t a, size_t b) {
    char low[NE_LOWCAP];
    uint64_t h = 0;
    for (size_t k = a; k < b; k++) {
        size_t n = ne_lower(words[k], low, sizeof low);
        h = k == a ? ne_lex_span_start(low, n) : ne_lex_span_more(h, low, n);
    }
    return h;
}

/* End (exclusive) of the span starting at i in ids[i..end). */
static size_t span_end(const uint8_t *ids, size_t i, size_t end) {
    int t = NE_BIO_TYPE(ids[i]);
    size_t j = i + 1;
    while (j < end && ids[j] == NE_BIO_I(t)) j++;
    return j;
}

/* Sentence s covers [first[s], first[s+1]) (the last one ends at n). */
static size_t sent_end(const size_t *first, size_t nsents, size_t n, size_t s) {
    return s + 1 < nsents ? first[s + 1] : n;
}

/* Majority type of a name, ties to the lower type index; -1 for a
 * first-word mark (no counts). */
static int major(const uint32_t *c) {
    int b = 0;
    for (int t = 1; t < NE_NTYPES; t++)
        if (c[t] > c[b]) b = t;
    return c[b] ? b : -1;
}

int ne_doc_pass(const char *const *words, size_t n, const size_t *first, size_t nsents,
                uint8_t *ids) {
    if (!n) return 0;
    if (!words || !ids || !first || !nsents) return -1;
    size_t nspans = 0;
    for (size_t i = 0; i < n; i++) nspans += NE_BIO_IS_B(ids[i]);
    if (!nspans) return 0;
    name_tab t;
    t.cap = 16;
    while (t.cap < nspans * 4) t.cap *= 2;
    t.keys = tac_calloc(t.cap, sizeof *t.keys);
    t.cnt = tac_calloc(t.cap, sizeof *t.cnt);
    if (!t.keys || !t.cnt) { tac_free(t.keys); tac_free(t.cnt); return -1; }
    /* the names found, by their words, with how often each type */
    for (size_t s = 0; s < nsents; s++) {
        size_t end = sent_end(first, nsents, n, s);
        for (size_t i = first[s]; i < end; i++) {
            if (!NE_BIO_IS_B(ids[i])) continue;
            size_t j = span_end(ids, i, end);
            if (j - i > DOC_MAXSPAN) continue;
            uint64_t key = span_key(words, i, j);
            size_t k = tab_slot(&t, key);
            t.keys[k] = key;
            t.cnt[k][NE_BIO_TYPE(ids[i])]++;
            /* the first word alone, with no counts, marks where a longer
             * name may start: other words cost one lookup */
            if (j - i > 1) {
                key = span_key(words, i, i + 1);
                t.keys[tab_slot(&t, key)] = key;
            }
        }
    }
    /* untagged recurrences, longest names first */
    for (size_t len = DOC_MAXSPAN; len >= 1; len--) {
        for (size_t s = 0; s < nsents; s++) {
            size_t end = sent_end(first, nsents, n, s);
            for (size_t i = first[s]; i + len <= end; i++) {
                size_t j = i;
                while (j < i + len && !ids[j]) j++;
                if (j < i + len) { i = j; continue; } /* the loop's i++ passes the label */
                size_t k = tab_slot(&t, span_key(words, i, i + 1));
                if (!t.keys[k]) continue;
                if (len > 1) k = tab_slot(&t, span_key(words, i, i + len));
                int ty = t.keys[k] ? major(t.cnt[k]) : -1;
                if (ty < 0) continue;
                ids[i] = (uint8_t)NE_BIO_B(ty);
                /* the input is well-formed, so the token after a run of O
                 * is not an I label: the output stays well-formed */
                for (j = i + 1; j < i + len; j++) ids[j] = (uint8_t)NE_BIO_I(ty);
                i += len - 1;
            }
        }
    }
    tac_free(t.keys);
    tac_free(t.cnt);
    return 0;
}

int ne_doc_labels(const char *const *words, size_t n, const size_t *first, size_t nsents,
                  const char **labels) {
    if (!n) return 0;
    if (!labels) return -1;
    uint8_t small[512];
    uint8_t *ids = n <= sizeof small ? small : tac_malloc(n);
    if (!ids) return -1;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        int l = labels[i] ? ne_bio_parse(labels[i]) : -1;
        /* only well-formed IOB2 (what ne_tag writes) is accepted */
        if (l < 0 || (l && !NE_BIO_IS_B(l) && (!i || !ids[i - 1] || NE_BIO_TYPE(ids[i - 1]) != NE_BIO_TYPE(l))))
            rc = -1;
        else ids[i] = (uint8_t)l;
    }
    if (!rc) rc = ne_doc_pass(words, n, first, nsents, ids);
    if (!rc)
        for (size_t i = 0; i < n; i++) labels[i] = ne_bio_names[ids[i]];
    if (ids != small) tac_free(ids);
    return rc;
}

int ne_tag_doc_ids(const ne_model *m, const char *const *words, size_t n, const size_t *first,
                   size_t nsents, uint8_t *ids) {
    if (!n) return 0;
    if (!m || !words || !first || !nsents || !ids || first[0] != 0) return -1;
    for (size_t s = 1; s < nsents; s++)
        if (first[s] < first[s - 1] || first[s] > n) return -1;
    int rc = 0;
    for (size_t s = 0; !rc && s < nsents; s++) {
        size_t a = first[s], b = sent_end(first, nsents, n, s);
        rc = ne_tag_ids(m, words + a, b - a, ids + a);
    }
    if (!rc) rc = ne_doc_pass(words, n, first, nsents, ids);
    if (rc) memset(ids, 0, n);
    return rc;
}

int ne_tag_doc(const ne_model *m, const char *const *words, size_t n, const size_t *first,
               size_t nsents, const char **labels) {
    if (!n) return 0;
    if (!labels) return -1;
    for (size_t i = 0; i < n; i++) labels[i] = ne_bio_names[0];
    uint8_t *ids = tac_malloc(n);
    int rc = ids ? ne_tag_doc_ids(m, words, n, first, nsents, ids) : -1;
    if (!rc)
        for (size_t i = 0; i < n; i++) labels[i] = ne_bio_names[ids[i]];
    tac_free(ids);
    return rc;
}
