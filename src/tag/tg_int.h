/*
 * tg_int.h - tagger internals shared by tagger.c (features, decoding,
 * loading) and tg_train.c (training, writing): the model layout, the word
 * lexicon and the per-token feature context.
 */
#ifndef TAC_TG_INT_H
#define TAC_TG_INT_H

#include <stdint.h>

#include "tagger.h"
#include "../learn/modelfile.h"
#include "../learn/perceptron.h"

#define TG_FORMAT 2u        /* layout of the TGHD chunk (2: with TG_FEATURES) */
/* Version of what the weights mean: feature templates, their hashing, the
 * lexicon's class sets. Bump it with any change to tg_features, tg_prepare
 * or the hashes they use, so an older model is refused, not misread. */
#define TG_FEATURES 2u
#define TG_NONE UINT32_MAX
#define TG_MAXF 40          /* features per token, upper bound */
#define TG_MAXWORD 256      /* bytes of a word looked at for lowercase/affixes */
#define TG_AMB_UNKNOWN 0x5bd1e995ULL  /* ambiguity class of unknown words */

/* One known word form (exact spelling). */
typedef struct tg_lex {
    const char *w;          /* not NUL-terminated; NULL marks an empty slot */
    uint32_t len;
    uint32_t fixed;         /* tag-dictionary class, or TG_NONE */
    uint64_t amb;           /* hash of the set of classes seen (0: none) */
} tg_lex;

struct tg_model {
    mf_file *file;          /* loaded file (lexicon strings point into it), or NULL */
    uint32_t nclasses;
    const char **xpos, **upos;  /* [nclasses] NUL-terminated names */
    unsigned char *proper;      /* [nclasses] 1 for the proper-noun classes (NNP, NNPS) */
    char *names;            /* storage of the names when loaded */
    tg_lex *lex;
    size_t lexcap, nlex;    /* open addressing, lexcap a power of two */
    lp_model w;             /* dense weights while training */
    lp_table wt;            /* loaded weights, in place in file; slots NULL while training */
};

/* Everything about one token that does not depend on predicted tags. */
typedef struct tg_tok {
    uint64_t form, low, shape, amb, pre[4], suf[4];
    uint64_t amb_other;     /* class set of the other-case spelling (lower or Title), or a constant */
    uint32_t fixed;
    uint32_t flags;
} tg_tok;

/* Adds a lexicon entry (w is borrowed and must outlive m). 0 or -1 (no memory). */
int tg_lex_add(tg_model *m, const char *w, size_t len, uint32_t fixed, uint64_t amb);
const tg_lex *tg_lex_find(const tg_model *m, const char *w, size_t len);

/* Fills toks[0..n) for words (NUL-terminated forms). */
void tg_prepare(const tg_model *m, const char *const *words, size_t n, tg_tok *toks);

/* Features of token i given the two previous predicted classes (-1 when
 * before the sentence). f holds TG_MAXF entries; returns the count. */
size_t tg_features(const tg_tok *toks, size_t n, size_t i, int p1, int p2, uint64_t *f);

/* Tags words[0..n) into cls[0..n) with the model's current weights; alt
 * (NULL: not wanted) as tg_tag_alt, which needs m->proper.
 * Returns 0 or -1 (no memory). */
int tg_tag_ids(const tg_model *m, const char *const *words, size_t n, int *cls, lm_alt *alt);

/* Fills m->proper from m->xpos. 0 or -1 (no memory). */
int tg_mark_proper(tg_model *m);

/* Frees what the model owns (not the struct). */
void tg_clear(tg_model *m);

#endif
