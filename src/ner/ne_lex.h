/*
 * ne_lex.h - the NER tagger's lexicon (prefix ne_lex_): word statistics
 * and entity-name spans learnt from the training corpus only, looked up
 * by 64-bit hash. Gives the tagger gazetteer-like features without any
 * external list.
 */
#ifndef TAC_NE_LEX_H
#define TAC_NE_LEX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tacitus.h"
#include "ne_corpus.h"

enum { NE_LEX_MAXSPAN = 4 };  /* longest entity name stored, in tokens */
enum { NE_LOWCAP = 64 };
#define NE_LEX_KNOWN 8u      /* forms are keyed by their first 63 bytes */

/* Value of a word key (ne_lex_word_key): bits 0-2 capitalization bucket
 * (0 absent, 1 never capitalized inside a sentence ... 5 always), bit 3
 * NE_LEX_KNOWN (the word occurs in the corpus), bits
 * 4+2t..5+2t how often the word is part of an entity of type t (0 never,
 * 1 rarely, 2 often, 3 mostly).
 * Value of a span key (ne_lex_span_key): bits 2t..2t+1 how often the
 * token sequence is an entire entity of type t, same buckets. */
typedef struct ne_lex {
    uint64_t *keys;         /* 0 = empty slot */
    uint32_t *vals;
    size_t cap, n;
    void *mem;              /* the one block keys and vals live in */
} ne_lex;

void ne_lex_free(ne_lex *x);

/* Builds x from the sentences of c whose document number modulo nfolds
 * is not skip (skip < 0 keeps all). Returns TAC_OK or TAC_ENOMEM; x is
 * the caller's in both cases (free with ne_lex_free). */
tac_status ne_lex_build(const ne_corpus *c, int nfolds, int skip, ne_lex *x);

/* Sets bits in the value of key, adding the key (value bits) when absent
 * and growing x as needed. Returns 0 or -1 (no memory; x unchanged). */
int ne_lex_or(ne_lex *x, uint64_t key, uint32_t bits);

/* Copies a into b (b's previous contents are not freed). Returns TAC_OK
 * or TAC_ENOMEM (b then empty). */
tac_status ne_lex_copy(const ne_lex *a, ne_lex *b);

/* Value stored for key, 0 when absent. */
uint32_t ne_lex_get(const ne_lex *x, uint64_t key);

/* Keys: the lowercased form / a lowercased token sequence. lower[] are
 * already lowercased forms with their lengths. */
uint64_t ne_lex_word_key(const char *lower, size_t len);
uint64_t ne_lex_span_start(const char *lower, size_t len);
uint64_t ne_lex_span_more(uint64_t h, const char *lower, size_t len);

/* ASCII lowercase of s into out (cap bytes, NUL-terminated, truncated);
 * returns the length written. */
size_t ne_lower(const char *s, char *out, size_t cap);

/* Serialization: the table in its own layout, a slot map (mf_put_slots in
 * src/learn/modelfile.h) then the occupied slots' keys (u64) and values
 * (u32), so that loading is two sequential copies. ne_lex_write returns 0
 * or -1; ne_lex_read returns TAC_OK, TAC_EFORMAT or TAC_ENOMEM and sets
 * *used (x is empty after an error). */
int ne_lex_write(const ne_lex *x, FILE *f);
tac_status ne_lex_read(ne_lex *x, const unsigned char *p, size_t n, size_t *used);

#endif
