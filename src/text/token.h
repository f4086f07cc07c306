/*
 * token.h - token and sentence records shared by the text stages
 * (prefix tk_ for the tokenizer, ss_ for the sentence splitter).
 * Offsets are bytes into the normalized text; writers map them back.
 */
#ifndef TAC_TOKEN_H
#define TAC_TOKEN_H

#include <stddef.h>
#include <stdint.h>

enum {
    TK_SPACE_AFTER = 1,     /* whitespace follows */
    TK_NEWLINE_BEFORE = 2,  /* a line break precedes it */
    TK_PARA_BEFORE = 4,     /* a blank line precedes it */
    TK_ABBREV = 8,          /* ends in a period that belongs to the word */
    TK_FORCED_SPLIT = 16    /* sentence split here only to respect a limit */
};

typedef struct tk_token {
    uint32_t start, end;    /* normalized byte span */
    uint32_t sentence;      /* filled by ss_split */
    uint16_t flags;
    uint16_t mwt;           /* words in its surface token, on the first word; else 0 */
} tk_token;

typedef struct tk_vec {
    tk_token *v;
    size_t n, cap;          /* owned; reused across documents */
} tk_vec;

typedef struct ss_sentence {
    uint32_t first, last;   /* token indices [first, last) */
} ss_sentence;

typedef struct ss_vec {
    ss_sentence *v;
    size_t n, cap;
} ss_vec;

/* Splits text[0..len) into Penn/UD-style words with flags. Clitics (n't,
 * 's, 're...) become separate words of one surface token. Appends to out
 * after clearing it. Returns 0 or -1 (no memory). */
int tk_tokenize(const char *text, size_t len, tk_vec *out);

/* Groups tokens into sentences (fills each token's .sentence). Sentences
 * longer than max_tokens (0: no limit) are cut, and the cut tokens get
 * TK_FORCED_SPLIT. Returns 0 or -1 (no memory). */
int ss_split(const char *text, tk_token *t, size_t n, int max_tokens, ss_vec *out);

/* 1 when the lower-cased word w[0..n) (without its final period) is an
 * abbreviation that takes a period: Gen, Sen, Jan, Sept, No, St... */
int tk_is_abbrev(const char *w, size_t n);
/* 1 when the abbreviation is a title that never ends a sentence (Mr, Gen). */
int tk_is_title(const char *w, size_t n);
/* 1 when the abbreviation tables are sorted, as the lookup needs. */
int tk_abbrev_lists_sorted(void);

#endif
