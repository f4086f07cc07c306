/*
 * segeval.h - scoring sentence and token segmentation against a CoNLL-U
 * treebank, the CoNLL 2018 shared-task way (prefix se_): spans must match
 * exactly; precision, recall and F1 over surface tokens and sentences.
 */
#ifndef TAC_SEGEVAL_H
#define TAC_SEGEVAL_H

#include "tacitus.h"
#include "../core/buf.h"
#include "../io/conllu.h"

#include <stdio.h>

typedef struct se_prf {
    long long gold, pred, match;
} se_prf;

typedef struct se_span { size_t a, b; } se_span;
typedef struct spanvec { se_span *v; size_t n, cap; } spanvec;

/* The gold side of a treebank rebuilt as raw text. word_tok has one entry
 * per word of the bank: .a = index of its surface token in tok, .b = its
 * position inside that token (0 unless a multi-word token). */
typedef struct se_gold {
    buf text;
    spanvec tok, word, sent, word_tok;
} se_gold;

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

/* Rebuilds the raw text of bk (sentences joined by a space, paragraphs and
 * documents by a blank line) with the gold spans. g is the caller's; free
 * with se_gold_free. Errors name path and the sentence's line. */
tac_status se_rebuild(const cu_bank *bk, const char *path, se_gold *g, tac_error *err);
void se_gold_free(se_gold *g);

/* The doc's surface tokens (clitic groups joined), single-word token spans
 * (words, may be NULL) and per-token (surface index, position) pairs
 * (tok_of_word, may be NULL). Returns TAC_OK or TAC_ENOMEM. */
tac_status se_pred_tokens(const tac_doc *doc, spanvec *tokens, spanvec *words, spanvec *tok_of_word);

double se_f1(const se_prf *p);
double se_precision(const se_prf *p);
double se_recall(const se_prf *p);

#endif
