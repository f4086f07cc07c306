/*
 * segeval.h - scoring sentence and token segmentation against a CoNLL-U
 * treebank, the CoNLL 2018 shared-task way (prefix se_): spans must match
 * exactly; precision, recall and F1 over surface tokens and sentences.
 */
#ifndef TAC_SEGEVAL_H
#define TAC_SEGEVAL_H

#include "tacitus.h"

#include <stdio.h>

typedef struct se_prf {
    long long gold, pred, match;
} se_prf;

typedef struct se_result {
    se_prf tokens, sentences, words;
    size_t text_bytes;
} se_result;

/* Rebuilds the raw text of the treebank at path (sentences joined by a
 * space, paragraphs and documents by a blank line), segments it with e and
 * scores. Returns TAC_OK or an error naming the file and line. */
tac_status se_run(const tac_engine *e, const char *path, se_result *out, tac_error *err);
/* As se_run, and writes each gold sentence or token span the engine missed
 * ("- ") and each one it invented ("+ ") to errors, with its text. */
tac_status se_run_errors(const tac_engine *e, const char *path, se_result *out, FILE *errors,
                         tac_error *err);

double se_f1(const se_prf *p);
double se_precision(const se_prf *p);
double se_recall(const se_prf *p);

#endif
