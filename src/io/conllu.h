/*
 * conllu.h - CoNLL-U treebank reader (prefix cu_), for evaluation and
 * training. The file is read into one buffer and split in place; every
 * string points into it and lives until cu_free.
 */
#ifndef TAC_CONLLU_H
#define TAC_CONLLU_H

#include "tacitus.h"

typedef struct cu_word {
    const char *form, *lemma, *upos, *xpos, *feats, *deprel, *misc;
    int head;               /* 0 = root */
} cu_word;

typedef struct cu_token {   /* a surface token: words [first, last] */
    int first, last;
    const char *form;
    int space_after;
} cu_token;

typedef struct cu_sent {
    const char *text;       /* "# text = " or NULL */
    int newdoc, newpar;
    size_t word0, nwords;   /* into bank.words */
    size_t tok0, ntoks;     /* into bank.toks */
    long long line;         /* line of the first token */
} cu_sent;

typedef struct cu_bank {
    char *data;
    cu_sent *sents;
    size_t nsents, capsents;
    cu_word *words;
    size_t nwords, capwords;
    cu_token *toks;
    size_t ntoks, captoks;
} cu_bank;

/* Loads path. Malformed lines are errors naming file:line (the treebank
 * is training data: better to stop than to learn from garbage). */
tac_status cu_load(const char *path, cu_bank *b, tac_error *err);
/* Parses a NUL-terminated buffer allocated with tac_malloc; the bank takes
 * ownership of data (cu_free releases it, also after an error). path names
 * the input in errors. */
tac_status cu_parse(char *data, const char *path, cu_bank *b, tac_error *err);
void cu_free(cu_bank *b);

#endif
