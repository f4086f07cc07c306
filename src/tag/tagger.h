/*
 * tagger.h - part-of-speech tagger (prefix tg_): greedy left-to-right
 * averaged perceptron over joint (Penn XPOS, UPOS) classes, with a tag
 * dictionary for frequent unambiguous words. Models are TACM files of kind
 * "tagger" (docs/model-format.md, docs/tagger.md).
 */
#ifndef TAC_TAGGER_H
#define TAC_TAGGER_H

#include <stddef.h>

#include "tacitus.h"
#include "../lexicon/lemma.h"

typedef struct tg_model tg_model;

/* Loads a tagger model. On success *out is the caller's (tg_free); it is
 * read-only afterwards and may be shared by threads.
 * Errors: TAC_EIO, TAC_ENOMEM, TAC_EFORMAT (message names file and offset). */
tac_status tg_load(const char *path, tg_model **out, tac_error *err);
void tg_free(tg_model *m);

/* Tags one sentence. words[i] (i < n) are NUL-terminated forms; fills
 * upos[i] and xpos[i] with strings owned by m (valid until tg_free).
 * Thread-safe on a shared model. Returns 0, or -1 when out of memory. */
int tg_tag(const tg_model *m, const char *const *words, size_t n,
           const char **upos, const char **xpos);

/* After tg_tag: a sentence ending in "." with no finite verb (VBD, VBZ,
 * VBP, MD) gets its first participle that follows a noun or pronoun
 * retagged VBD/VERB ("Police arrested/VBN protesters ."). Returns the
 * index changed, or -1 when nothing was. */
int tg_repair_finite(const tg_model *m, const char *const *words, size_t n, const char **upos,
                     const char **xpos);

/* As tg_tag, and alt[i] gets the runner-up of word i from the other case
 * family, for words that start with a capital letter (lm_alt in
 * src/lexicon/lemma.h; alt[i].xpos NULL for the others). alt has n entries. */
int tg_tag_alt(const tg_model *m, const char *const *words, size_t n,
               const char **upos, const char **xpos, lm_alt *alt);

/* Training options; fill with tg_train_opts_init. Paths are borrowed. */
typedef struct tg_train_opts {
    const char *train_path;     /* CoNLL-U training treebank (required) */
    const char *dev_path;       /* CoNLL-U dev treebank for picking epochs, or NULL */
    const char *lexicon_dir;    /* WordNet *.exc lists for the lemmatizer, or NULL */
    const char *out_path;       /* model file to write (required) */
    int epochs;                 /* > 0: exactly this many; 0: best on dev (max_epochs) */
    int max_epochs;
    float prune;                /* rows with all |w| <= prune are dropped */
    unsigned long long seed;    /* shuffling seed */
    size_t max_sents;           /* > 0: use only the first max_sents training sentences */
    int case_folds;             /* folds of held-out tagging for the lemmas' case decision
                                 * (docs/tagger.md); < 2: none (default 3) */
    /* progress callback (may be NULL): epoch, train accuracy, dev accuracy (-1 if none) */
    void (*progress)(void *ctx, int epoch, double train_acc, double dev_acc);
    void *ctx;
} tg_train_opts;

void tg_train_opts_init(tg_train_opts *o);

/* What training reports back. */
typedef struct tg_train_info {
    int epochs;                 /* epochs whose weights were saved */
    double dev_acc;             /* joint-class accuracy on dev at that epoch, -1 if none */
    size_t nfeatures;           /* weight rows after pruning */
    size_t case_examples;       /* examples the case decision learnt from (0: none) */
    double seconds;             /* wall time, informational only (not in the model) */
} tg_train_info;

/* Trains a tagger (and the lemma tables stored beside it) and writes the
 * model file to o->out_path. info may be NULL.
 * Errors: those of reading the treebanks, TAC_ENOMEM, TAC_EIO (writing). */
tac_status tg_train(const tg_train_opts *o, tg_train_info *info, tac_error *err);

#endif
