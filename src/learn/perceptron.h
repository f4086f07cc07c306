/*
 * perceptron.h - multiclass averaged perceptron over hashed, interned
 * features (prefix lp_). The one learner the tagger, the NER tagger and
 * the parser share: a stage extracts 64-bit feature hashes, lp_score fills
 * one score per class, lp_update moves weights during training.
 *
 * Weights are dense rows of nclasses floats, one row per feature that was
 * ever updated, found through an open-addressing table keyed by the
 * feature hash. Averaging is lazy (per-weight timestamps), so an update
 * costs O(features), not O(model).
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

/* Serializes the (averaged) weights as one chunk: see docs/model-format.md.
 * Returns 0 or -1 (write error). */
int lp_write(const lp_model *m, FILE *f);
/* Reads a chunk written by lp_write from p[0..n). Returns TAC_OK or
 * TAC_EFORMAT (truncated/corrupt) / TAC_ENOMEM; *used gets bytes read. */
tac_status lp_read(lp_model *m, const unsigned char *p, size_t n, size_t *used);

#endif
