/*
 * raweval.h - end-to-end evaluation (prefix re_): the engine reads the raw
 * text rebuilt from a treebank and every layer it produces is scored
 * against the gold words it aligns with, the CoNLL 2018 way.
 */
#ifndef TAC_RAWEVAL_H
#define TAC_RAWEVAL_H

#include "segeval.h"

typedef struct re_result {
    se_result seg;                  /* tokens, words, sentences */
    long long gold_words, pred_words, aligned;
    long long upos, xpos, lemma, uas, las;  /* correct counts over aligned words */
    unsigned layers;                /* TAC_LAYER_* the engine produced */
    double seconds;                 /* time spent in tac_engine_code */
} re_result;

/* Scores the engine on the treebank at path. Returns TAC_OK or an error. */
tac_status re_run(const tac_engine *e, const char *path, re_result *out, tac_error *err);

/* F1 of a correct count: precision over predicted words, recall over gold. */
double re_f1(const re_result *r, long long correct);

#endif
