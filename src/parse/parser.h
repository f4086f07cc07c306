/*
 * parser.h - greedy transition-based dependency parser (prefix dp_): arc-hybrid
 * transitions, averaged perceptron, dynamic-oracle training. The pipeline calls
 * dp_load/dp_parse/dp_free; the trainer is for `tacitus train parser`.
 * See docs/parser.md for the design and measured accuracy.
 */
#ifndef TAC_PARSER_H
#define TAC_PARSER_H

#include <stddef.h>

#include "tacitus.h"

typedef struct dp_model dp_model;

/* Loads a parser model file (kind "parser"). On success *out is the
 * caller's (dp_free). Errors: TAC_EIO, TAC_ENOMEM, TAC_EFORMAT. */
tac_status dp_load(const char *path, dp_model **out, tac_error *err);

/* Frees m (NULL is fine). */
void dp_free(dp_model *m);

/* Parses one sentence. words/upos/xpos: n NUL-terminated strings (upos or
 * xpos may be NULL arrays: missing tags count as unknown). Writes heads[i]
 * (0 = root, else 1-based) and deprels[i] (pointers to model-owned strings,
 * valid until dp_free). Always produces a tree with a single root.
 * Thread-safe for a shared model. Returns 0, or -1 (no memory). */
int dp_parse(const dp_model *m, const char *const *words, const char *const *upos,
             const char *const *xpos, size_t n, int *heads, const char **deprels);

/* ---- training ----------------------------------------------------------- */

/* One training or evaluation sentence: n words with tags; gold heads and
 * deprels may be NULL when only parsing. Strings are borrowed. */
typedef struct dp_sent {
    size_t n;
    const char *const *words, *const *upos, *const *xpos;
    const int *heads;               /* gold, 0 = root */
    const char *const *deprels;     /* gold */
} dp_sent;

/* A whole treebank as dp_sents: flat arrays over all words (pointers into
 * the bank, which must outlive the corpus); sents[i] points into them. The
 * caller may replace upos/xpos entries (e.g. with a tagger's output). */
struct cu_bank;
typedef struct dp_corpus {
    dp_sent *sents;
    size_t nsents, nwords;
    const char **words, **upos, **xpos, **deprels;
    int *heads;
} dp_corpus;

/* Builds c from b. Errors: TAC_ENOMEM. */
tac_status dp_corpus_from_bank(const struct cu_bank *b, dp_corpus *c, tac_error *err);
void dp_corpus_free(dp_corpus *c);

typedef struct dp_train_opts {
    int epochs;             /* maximum epochs; the best on dev is kept */
    int patience;           /* stop after this many epochs without a better dev LAS */
    int runs;               /* models trained with different seeds, then averaged (1..8) */
    int threads;            /* runs trained at the same time */
    int explore_from;       /* first epoch (1-based) that follows model errors */
    double explore_p;       /* probability of following the model's choice */
    double tag_noise;       /* probability of replacing a training tag (see docs) */
    unsigned long long seed;
    float prune;            /* drop averaged rows with all |w| <= prune */
    /* progress callback (may be NULL): run (0-based), epoch, dev UAS, dev LAS
     * (percent), process CPU seconds of the epoch; called from the run's thread */
    void (*progress)(void *ctx, int run, int epoch, double uas, double las, double secs);
    void *ctx;
} dp_train_opts;

void dp_train_opts_init(dp_train_opts *o);

/* Trains o->runs models on train[0..ntrain) (each keeps the epoch with its
 * best dev LAS; dev may be empty: then the last epoch), averages their
 * weights and prunes the mean. On success *out is the caller's.
 * Errors: TAC_EINVAL (no sentences, bad heads, bad options), TAC_ENOMEM. */
tac_status dp_train(const dp_sent *train, size_t ntrain, const dp_sent *dev, size_t ndev,
                    const dp_train_opts *o, dp_model **out, tac_error *err);

/* Writes m to path (atomically). Errors: TAC_EIO, TAC_ENOMEM. */
tac_status dp_save(const dp_model *m, const char *path, tac_error *err);

/* Attachment scores of m on sents (gold heads/deprels required), in
 * percent, punctuation included. Returns 0 or -1 (no memory). */
int dp_evaluate(const dp_model *m, const dp_sent *sents, size_t n, double *uas, double *las);

#endif
