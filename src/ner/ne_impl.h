/*
 * ne_impl.h - internals shared by the NER tagger's files: the model
 * struct, label schemes and feature extraction. Not for other modules.
 */
#ifndef TAC_NE_IMPL_H
#define TAC_NE_IMPL_H

#include "ner.h"
#include "ne_lex.h"
#include "ne_gaz.h"
#include "../learn/perceptron.h"

#define NE_MAXCLASS 13      /* O + 4 BILOU labels x 3 types */

struct ne_model {
    int scheme;             /* NE_SCHEME_* */
    int nclasses;           /* 7 (BIO) or 13 (BILOU) */
    lp_model lp;
    ne_lex lex;
    ne_lex gaz;             /* ne_gaz: external names, empty when trained without */
};

/* ---- label schemes (ne_label.c) ----
 * BIO classes are the ne_bio indices. BILOU classes: 0 = O, then for type
 * t: 1+4t B, 2+4t I, 3+4t L, 4+4t U. */
int ne_nclasses(int scheme);
/* BIO index of class c. */
uint8_t ne_class_to_bio(int scheme, int c);
/* Gold classes for one sentence of BIO indices (stray I-X read as B-X). */
void ne_bio_to_classes(int scheme, const uint8_t *bio, size_t n, uint8_t *cls);
/* Whether class c may follow class prev (-1 = sentence start); last says
 * c is on the final token (BILOU: no open span may be left). */
int ne_allowed(int scheme, int prev, int c, int last);

/* ---- features (ne_feat.c) ---- */

enum { NE_NSTATIC = 52, NE_NDYN = 7, NE_NFEAT = NE_NSTATIC + NE_NDYN };

/* Per-token facts computed once per sentence. */
typedef struct ne_tokinfo {
    uint64_t form, low, shape, pre[3], suf[4];
    uint32_t lexv;          /* ne_lex word value */
    uint32_t gzv;           /* gazetteer value of the word alone */
    uint32_t gx;            /* longest gazetteer name covering the word:
                             * position (1..4 = B,I,L,U) << 16 | categories */
    uint8_t gxlen;
    uint32_t run0, run1;    /* token indices of the first and last word of
                             * the run of capitalized words around this one */
    uint8_t capcls, flags, gz, gzlen, lowlen;
    char lower[NE_LOWCAP];
} ne_tokinfo;

/* Static (label-independent) features of a sentence: out[i*NE_NSTATIC..]
 * for each token. ti is scratch of n entries. */
void ne_feats_static(const ne_lex *lex, const ne_lex *gaz, const char *const *words, size_t n, ne_tokinfo *ti,
                     uint64_t *out);
/* Label-dependent features of token i given the two previous classes
 * (-1 = before the sentence) into out[NE_NDYN]. */
void ne_feats_dyn(const ne_tokinfo *ti, size_t i, int p1, int p2, uint64_t *out);

/* Best allowed class under scores (ties to the lower class). */
int ne_best(int scheme, int nclasses, const float *scores, int prev, int last);

#endif
