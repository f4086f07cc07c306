/*
 * dp_int.h - internals of the parser shared by its files: the arc-hybrid
 * state, the dynamic oracle, feature extraction and the model struct.
 * Tokens are numbered 1..n; the artificial ROOT is token n+1 at the end of
 * the buffer; token 0 is the "nothing here" padding.
 */
#ifndef TAC_DP_INT_H
#define TAC_DP_INT_H

#include <stdint.h>

#include "parser.h"
#include "../learn/perceptron.h"

enum { DP_SHIFT = 0, DP_LEFT = 1, DP_RIGHT = 2, DP_NACT = 3 };
#define DP_MAX_AFEATS 128
#define DP_MAX_LFEATS 48
#define DP_FORMAT 4u         /* feature set and file layout (docs/parser.md) */
#define DP_MAX_RUNS 8        /* most runs averaged into one model */

/* Read-only lookup tables for parsing, built from the perceptrons by
 * dp_freeze and stored as they are in the model file (docs/parser.md): a
 * 32-bit fingerprint of the feature hash beside its weights, so one probe
 * costs one cache line instead of three (keys, rows, weights). A label
 * row is a run of (class, weight) pairs, its last one marked by end: most
 * rows have ~4 of the 51 classes, so a sparse row is also the faster sum. */
typedef struct dp_fact { uint32_t fp; float w[DP_NACT]; } dp_fact;
typedef struct dp_flab { uint32_t fp, off; } dp_flab;   /* off: first pair of the row */
typedef struct dp_lpair { uint16_t cls, end; float w; } dp_lpair;

struct dp_model {
    /* trained weights (empty in a loaded model: it has only the frozen tables) */
    lp_model act;           /* SHIFT / LEFT / RIGHT */
    lp_model lab;           /* deprel of a new arc (nlabels classes) */
    /* frozen tables, all in one block (frozen) */
    dp_fact *fa;            /* action table, fa_mask + 1 slots */
    dp_flab *fl;            /* label table, fl_mask + 1 slots */
    dp_lpair *pairs;        /* [npairs] the label rows, in fl slot order */
    size_t fa_mask, fl_mask, npairs;
    void *frozen;           /* the allocation the tables are aligned inside */
    /* ambiguity classes: word atom -> hash of the set of tags the word had
     * in training (words seen twice or more); ac_mask + 1 slots, key 0 empty */
    uint64_t *ac_keys, *ac_vals;
    size_t ac_mask, ac_n;
    uint32_t nlabels, root_label;
    char **labels;          /* nlabels strings, sorted */
    char *label_mem;
};

/* Per-token feature atoms (hashes), computed once per sentence. */
typedef struct dp_tok {
    uint64_t w, p, u, suf;  /* normalized word, xpos, upos, 3-letter suffix */
    uint64_t a;             /* ambiguity class of the word (tagger-independent) */
    int cpunct;             /* punctuation words among tokens 1..this one */
} dp_tok;

typedef struct dp_state {
    int n, root;            /* root = n + 1 */
    int *stack, sp;         /* stack[0..sp) */
    int b;                  /* buffer front, 1..root */
    int *head, *label;      /* per token; head 0 = none yet */
    int *l1, *l2, *r1, *r2; /* leftmost, 2nd leftmost, rightmost, 2nd rightmost child */
    int *nl, *nr;           /* number of left / right children */
    uint64_t *lset, *rset;  /* bit (label & 63) of left / right children */
    dp_tok *tok;            /* [n + 2] */
    void *mem;              /* the one block all arrays live in */
    size_t cap;             /* words the block holds */
} dp_state;

/* Makes st hold n words, reusing its block when large enough (start from a
 * zeroed dp_state; release with dp_state_free). Returns 0 or -1 (no memory). */
int dp_state_alloc(dp_state *st, int n);
void dp_state_free(dp_state *st);
/* Resets to the initial configuration (empty stack, whole buffer). */
void dp_state_reset(dp_state *st);
int dp_state_final(const dp_state *st);
/* valid[a] = whether action a applies (single root enforced). */
void dp_valid(const dp_state *st, int valid[DP_NACT]);
/* Applies action a (must be valid); for arcs stores label. Returns the
 * dependent of the new arc, or 0 for SHIFT. Sets *hd to the head. */
int dp_apply(dp_state *st, int a, int label, int *hd);
/* Dynamic-oracle costs (arcs lost) of each valid action against gold heads
 * gh[1..n] (n+1 = root); invalid actions get a large cost. */
void dp_costs(const dp_state *st, const int *gh, int cost[DP_NACT]);

/* Fills the atoms of tok[0..n+1] from the sentence strings and m's
 * ambiguity classes. */
void dp_atoms(const dp_model *m, dp_tok *tok, int n, const char *const *words,
              const char *const *upos, const char *const *xpos);
/* Word atom of a form (as in dp_tok.w). */
uint64_t dp_word_atom(const char *s);
/* Inserts word -> class into m's ambiguity table (sized by dp_ac_alloc). */
void dp_ac_put(dp_model *m, uint64_t word, uint64_t cls);
/* Allocates an empty table for n entries. Returns 0 or -1. */
int dp_ac_alloc(dp_model *m, size_t n);
/* Features of the action decision; returns the count (<= DP_MAX_AFEATS). */
size_t dp_act_feats(const dp_state *st, uint64_t *f);
/* Features of the label of the arc hd -> dep; returns the count. */
size_t dp_lab_feats(const dp_state *st, int hd, int dep, uint64_t *f);

/* lp_score with the table lookups prefetched first (the model is larger
 * than the cache, so this hides most of the memory latency). */
void dp_score(const lp_model *m, const uint64_t *f, size_t nf, float *scores);

/* Builds the frozen tables from m->act and m->lab (replacing old ones;
 * rows with no nonzero weight are left out). Returns 0 or -1 (no memory). */
int dp_freeze(dp_model *m);
/* Frees the frozen tables (the perceptrons stay). */
void dp_unfreeze(dp_model *m);

/* dst = the mean of the k perceptrons in src (averaged weights, same class
 * count; a feature missing from one counts as zero there). dst is the
 * caller's (lp_free); it has no training state. Returns 0 or -1 (no memory). */
int dp_mean(lp_model *dst, lp_model *const *src, int k);

/* Parses st (atoms already set) with m (frozen); fills head/label in st. */
void dp_run(const dp_model *m, dp_state *st);

#endif
