/*
 * perceptron.h - multiclass averaged perceptron over hashed, interned
 * features (prefix lp_). The one learner the tagger, the NER tagger and
 * the parser share: a stage extracts 64-bit feature hashes, lp_score fills
 * one score per class, lp_update moves weights during training.
 *
 * While training, weights are dense rows of nclasses floats, one row per
 * feature that was ever updated, found through an open-addressing table
 * keyed by the feature hash. Averaging is lazy (per-weight timestamps), so
 * an update costs O(features), not O(model). Trained weights are saved as
 * a compact table (lp_table) that a loaded model file uses in place.
 */
#ifndef TAC_PERCEPTRON_H
#define TAC_PERCEPTRON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tacitus.h"

typedef struct lp_model {
    uint32_t nclasses;
    /* feature table: keys[i] == 0 means empty; rows[i] indexes the row */
    uint64_t *keys;
    uint32_t *rows;
    size_t tcap, nrows, rowcap;
    float *w;               /* [rowcap * nclasses] current weights */
    /* training only (NULL after lp_average or load) */
    float *acc;             /* summed weight * time */
    uint32_t *stamp;        /* tick of the last change of each weight */
    uint32_t tick;          /* instances seen */
    /* lp_write stores a row dense when it has at least this many nonzero
     * classes; 0: when dense takes no more bytes than (class, weight) pairs */
    uint32_t dense_min;
    /* lp_read only: the one block keys, rows and w live in (such a model
     * is read-only: lp_update and lp_average refuse it) */
    void *mem;
} lp_model;

/* Creates an empty model for nclasses (>= 2). Returns 0 or -1 (no memory). */
int lp_init(lp_model *m, uint32_t nclasses);
void lp_free(lp_model *m);

/* Hash of a feature: template id plus the bytes of its value. Never 0. */
uint64_t lp_hash(uint32_t tmpl, const void *s, size_t n);
/* Combines a hash with more bytes (for multi-part feature values). */
uint64_t lp_hash_more(uint64_t h, const void *s, size_t n);

/* scores[c] = sum over features of w[f][c]; scores has nclasses entries.
 * Unknown features contribute nothing. */
void lp_score(const lp_model *m, const uint64_t *feats, size_t nf, float *scores);

/* Perceptron update: +amount to truth, -amount to guess for every feature
 * (nothing when truth == guess). Returns 0 or -1 (no memory). */
int lp_update(lp_model *m, const uint64_t *feats, size_t nf, int truth, int guess, float amount);

/* Marks the end of one training instance (advances the averaging clock). */
void lp_tick(lp_model *m);

/* Replaces weights by their averages and drops training state and rows
 * whose weights are all below prune in magnitude. */
int lp_average(lp_model *m, float prune);

/* Read-only weights in the layout they have in a model file, so a loaded
 * file is used in place (docs/model-format.md, chunk marker "LPT2"): an
 * open-addressing table of slots keyed by feature hash (linear probing
 * from key & mask, key 0 = empty), each naming either a sparse row, n
 * (class, weight) pairs at cls[off], w[off], or (n == 0) a dense row of
 * nclasses floats at dense[off * nclasses]. */
typedef struct lp_slot { uint64_t key; uint32_t off, n; } lp_slot;

typedef struct lp_table {
    uint32_t nclasses;
    size_t mask;            /* slots - 1 (slots a power of two) */
    size_t nrows, npairs, ndense;
    const lp_slot *slots;   /* all of these point into the chunk given to */
    const float *dense;     /* lp_table_view: it must outlive the table */
    const float *w;         /* [npairs] weights of the sparse rows */
    const uint16_t *cls;    /* [npairs] their classes */
} lp_table;

/* Serializes the (averaged) weights as one "LPT2" chunk: see
 * docs/model-format.md. Deterministic for a deterministic model. Returns 0
 * or -1 (write error or no memory). */
int lp_write(const lp_model *m, FILE *f);

/* Points t into the chunk p[0..n) written by lp_write, after validating all
 * of it (sizes, alignment, slot table, classes, finite weights). Nothing is
 * copied: p must be 8-aligned and stay valid and unchanged while t is used.
 * Returns TAC_OK or TAC_EFORMAT; *used gets the bytes the chunk takes. */
tac_status lp_table_view(lp_table *t, const unsigned char *p, size_t n, size_t *used);

/* scores[c] = sum over features of the row's weight for class c, summed in
 * feature order (the same floats lp_score gives for the dense model).
 * scores has nclasses entries; unknown features contribute nothing. */
void lp_table_score(const lp_table *t, const uint64_t *feats, size_t nf, float *scores);

/* Reads a chunk written by lp_write into a dense, owned, read-only model
 * (for stages that score dense rows with lp_score): the slot table is
 * copied in place, not rebuilt, so the model's table has the file's size
 * and positions. Returns TAC_OK, TAC_EFORMAT (truncated/corrupt/
 * misaligned) or TAC_ENOMEM; *used gets the bytes read. */
tac_status lp_read(lp_model *m, const unsigned char *p, size_t n, size_t *used);

#endif
