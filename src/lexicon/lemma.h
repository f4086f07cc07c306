/*
 * lemma.h - lemmatizer (prefix lm_): a (lowercased form, XPOS) -> lemma
 * table learnt from a treebank, WordNet exception lists ("struck strike")
 * and suffix rules by tag checked against known lemmas. Its tables are
 * chunks (LMTB) of the tagger model file, so one file serves both.
 */
#ifndef TAC_LEMMA_H
#define TAC_LEMMA_H

#include <stddef.h>

#include "tacitus.h"
#include "../io/conllu.h"
#include "../learn/modelfile.h"

typedef struct lm_model lm_model;

/* Loads the lemmatizer from a tagger model file (its LMTB chunk). On
 * success *out is the caller's (lm_free); read-only, shareable by threads.
 * Errors: TAC_EIO, TAC_ENOMEM, TAC_EFORMAT. */
tac_status lm_load(const char *path, lm_model **out, tac_error *err);

/* Same from an already loaded model file (strings are copied; f may be
 * freed afterwards). path is for messages only. */
tac_status lm_from_file(const mf_file *f, const char *path, lm_model **out, tac_error *err);

void lm_free(lm_model *m);

/* Lemma of form tagged (upos, xpos) into buf[0..cap), NUL-terminated
 * (truncated when it does not fit). upos/xpos may be NULL or "_".
 * Returns the full length of the lemma (as snprintf does). */
size_t lm_lemma(const lm_model *m, const char *form, const char *upos, const char *xpos,
                char *buf, size_t cap);

/* A tagged sentence as lm_lemma_at reads it; everything is borrowed.
 * words, upos and xpos have n entries (tags may be NULL or "_"). */
typedef struct lm_sent {
    const char *const *words, *const *upos, *const *xpos;
    size_t n;
} lm_sent;

/* Lemma of word i (< s->n) of s into buf[0..cap), as lm_lemma, with what
 * the next words tell: "'s" before "been" or "got" is "have" (has been),
 * not "be". Same return value and truncation as lm_lemma. */
size_t lm_lemma_at(const lm_model *m, const lm_sent *s, size_t i, char *buf, size_t cap);

/* ---- building (training) ---------------------------------------------------- */

/* Learns the table from the first nsents sentences of b and reads the
 * WordNet lists {noun,verb,adj,adv}.exc from lexicon_dir (NULL: none).
 * Errors: TAC_EIO/TAC_EPARSE (lists), TAC_ENOMEM. */
tac_status lm_build(const cu_bank *b, size_t nsents, const char *lexicon_dir, lm_model **out,
                    tac_error *err);

/* Adds the lemmatizer's chunk (LMTB) to a model being written. */
tac_status lm_write(const lm_model *m, mf_out *mf, tac_error *err);

#endif
