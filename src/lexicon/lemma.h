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

/* A tagger's runner-up for a word that starts with a capital letter: the
 * best class of the other family (proper nouns, XPOS NNP or NNPS, against
 * every other class) and how far below the chosen class it scored (>= 0).
 * xpos NULL: none (lower-case word, or a class from the tag dictionary).
 * Filled by tg_tag_alt (src/tag/tagger.h); strings belong to the tagger. */
typedef struct lm_alt {
    const char *upos, *xpos;
    float margin;
} lm_alt;

/* A tagged sentence as lm_lemma_at reads it; everything is borrowed.
 * words, upos and xpos have n entries (tags may be NULL or "_"); alt is
 * NULL or has n entries. */
typedef struct lm_sent {
    const char *const *words, *const *upos, *const *xpos;
    size_t n;
    const lm_alt *alt;
} lm_sent;

/* Lemma of word i (< s->n) of s into buf[0..cap), as lm_lemma, with what
 * the sentence tells:
 * - "'s" before "been" or "got" is "have" (has been), not "be";
 * - a capitalized word whose runner-up (s->alt) is of the other family
 *   gets the lemma of the family the model's case decision picks (a name
 *   keeps its case, a common word is lowercased), when the model has one
 *   (docs/tagger.md, "Case decision").
 * Same return value and truncation as lm_lemma. */
size_t lm_lemma_at(const lm_model *m, const lm_sent *s, size_t i, char *buf, size_t cap);

/* ---- building (training) ---------------------------------------------------- */

/* Learns the table from the first nsents sentences of b and reads the
 * WordNet lists {noun,verb,adj,adv}.exc from lexicon_dir (NULL: none).
 * Errors: TAC_EIO/TAC_EPARSE (lists), TAC_ENOMEM. */
tac_status lm_build(const cu_bank *b, size_t nsents, const char *lexicon_dir, lm_model **out,
                    tac_error *err);

/* Adds the lemmatizer's chunks (LMTB, and LMCS when a case decision was
 * learnt) to a model being written. */
tac_status lm_write(const lm_model *m, mf_out *mf, tac_error *err);

/* Examples for the case decision of lm_lemma_at: capitalized words of
 * sentences tagged by a tagger that was not trained on them, with their
 * runner-ups, and their gold lemmas. Create/free pair; free accepts NULL. */
typedef struct lm_case_data lm_case_data;
lm_case_data *lm_case_data_new(void);       /* NULL: no memory */
void lm_case_data_free(lm_case_data *d);
size_t lm_case_data_count(const lm_case_data *d);

/* Adds the examples of sentence s (s->alt required), gold[i] the gold
 * lemma of word i, lemmatized with m (a table that did not see s either).
 * Returns 0 or -1 (no memory). */
int lm_case_collect(lm_case_data *d, const lm_model *m, const lm_sent *s, const char *const *gold);

/* Learns the case decision from d into m (replacing any), deterministic
 * for a seed. Errors: TAC_ENOMEM. */
tac_status lm_case_learn(lm_model *m, const lm_case_data *d, unsigned long long seed, tac_error *err);

#endif
