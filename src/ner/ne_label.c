/*
 * ne_label.c - the NER tagger's label schemes (BIO, or BILOU inside the
 * model) and the transition constraints that keep its output well-formed.
 */
#include "ne_impl.h"

int ne_nclasses(int scheme) { return scheme == NE_SCHEME_BILOU ? 1 + 4 * NE_NTYPES : NE_NBIO; }

uint8_t ne_class_to_bio(int scheme, int c) {
    if (!c || scheme != NE_SCHEME_BILOU) return (uint8_t)c;
    int t = (c - 1) / 4, k = (c - 1) % 4;
    return (uint8_t)(k == 0 || k == 3 ? NE_BIO_B(t) : NE_BIO_I(t));
}

/* Type of an open span after class c (BIO: B or I; BILOU: B or I), or -1. */
static int open_type(int scheme, int c) {
    if (c <= 0) return -1;
    if (scheme != NE_SCHEME_BILOU) return NE_BIO_TYPE(c);
    int k = (c - 1) % 4;
    return k <= 1 ? (c - 1) / 4 : -1;
}

void ne_bio_to_classes(int scheme, const uint8_t *bio, size_t n, uint8_t *cls) {
    /* conlleval reading: an I-X that does not continue an X span starts one */
    for (size_t i = 0; i < n; i++) {
        uint8_t l = bio[i];
        if (l && !NE_BIO_IS_B(l) && (i == 0 || !bio[i - 1] || NE_BIO_TYPE(bio[i - 1]) != NE_BIO_TYPE(l)))
            l = (uint8_t)NE_BIO_B(NE_BIO_TYPE(l));
        cls[i] = l;
    }
    if (scheme != NE_SCHEME_BILOU) return;
    for (size_t i = 0; i < n; i++) {
        uint8_t l = cls[i];
        if (!l) continue;
        int t = NE_BIO_TYPE(l);
        int cont = i + 1 < n && bio[i + 1] == NE_BIO_I(t);
        int k = NE_BIO_IS_B(l) ? (cont ? 0 : 3) : (cont ? 1 : 2);
        cls[i] = (uint8_t)(1 + 4 * t + k);
    }
}

int ne_allowed(int scheme, int prev, int c, int last) {
    int ot = open_type(scheme, prev);
    if (scheme != NE_SCHEME_BILOU) {
        if (c && !NE_BIO_IS_B(c)) return ot == NE_BIO_TYPE(c);
        return 1;
    }
    int t = c ? (c - 1) / 4 : -1, k = c ? (c - 1) % 4 : -1;
    if (ot >= 0) return t == ot && (k == 1 || k == 2) && !(last && k == 1);
    if (k == 1 || k == 2) return 0;
    return !(last && k == 0);
}

int ne_best(int scheme, int nclasses, const float *scores, int prev, int last) {
    int best = -1;
    for (int c = 0; c < nclasses; c++)
        if (ne_allowed(scheme, prev, c, last) && (best < 0 || scores[c] > scores[best])) best = c;
    return best < 0 ? 0 : best; /* cannot happen: O or a closing label is always allowed */
}
