/*
 * cx_int.h - internals shared by the context stage's files (context.c,
 * cx_dates.c, cx_numbers.c): the scan state and token word helpers.
 */
#ifndef TAC_CX_INT_H
#define TAC_CX_INT_H

#include "context.h"
#include "../core/doc.h"
#include "events.h"

/* Scan state of one document. used[i] is set on tokens a date took, so the
 * number pass does not count a year or a day of the month again. */
typedef struct cx_ctx {
    tac_doc *d;
    const geo_gaz *geo;
    cx_layer *L;
    unsigned char *used;
    unsigned char *start;   /* start[i]: token i may begin a date or number */
    int have_pub;
    long pub;               /* publication date, days since 1970 */
} cx_ctx;

#define CX_WORD 32

/* Lower-cased ASCII copy of token i into w[CX_WORD] without a final period;
 * returns its length, 0 when the token is longer than the buffer. */
size_t cx_word(const tac_doc *d, size_t i, char *w);
/* 1 when token i exists, is in sentence s, and its lower-cased form is w. */
int cx_is(const tac_doc *d, size_t i, uint32_t s, const char *w);
/* 1 when token i's first byte is an ASCII capital. */
int cx_cap(const tac_doc *d, size_t i);
/* 1 when token i is in sentence s (and exists). */
int cx_in(const tac_doc *d, size_t i, uint32_t s);
/* Tag helpers: 0 when the layer is absent. */
int cx_xpos(const tac_doc *d, size_t i, const char *tag);
int cx_upos(const tac_doc *d, size_t i, const char *tag);
/* Strict unsigned integer of token i (digits only); -1 when not one. */
long cx_int(const tac_doc *d, size_t i);
/* Value of a spelled-out number word 0..90 ("one", "twelve", "forty"), or -1. */
int cx_small_word(const char *w);

/* Appends a date/number to the layer; returns its slot or NULL (no memory). */
cx_date *cx_add_date(cx_ctx *c, size_t tok0, size_t tok1, cx_gran g);
cx_number *cx_add_number(cx_ctx *c, size_t tok0, size_t tok1);
/* Arena copy of a formatted date value. NULL on no memory. */
const char *cx_fmt_day(cx_ctx *c, long days);
const char *cx_fmt(cx_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

cx_quote *cx_add_quote(cx_ctx *c);
cx_place *cx_add_place(cx_ctx *c);

/* Tree helpers: 0/NULL/-1 when the layer is absent. */
const char *cx_lemma(const tac_doc *d, size_t i);
int cx_deprel(const tac_doc *d, size_t i, const char *rel); /* exact or "rel:sub" */
int cx_head(const tac_doc *d, size_t i);
/* NER class of token i ("PER", "ORG", "LOC") or NULL. */
const char *cx_ner(const tac_doc *d, size_t i);
/* Index of the mention covering token i, or -1. */
int cx_mention_at(const tac_doc *d, size_t i);

/* JSON pieces shared by cx_json.c and cx_event.c: the speaker of a quote as
 * an object or null (with its verb when verb is 1), and a place object. 0
 * or -1. */
int cx_put_actor(buf *b, const tac_doc *d, const cx_quote *q, int verb);
int cx_put_place(buf *b, const tac_doc *d, const cx_place *x);

/* The passes: each returns 0 or -1 (no memory). */
int cx_find_dates(cx_ctx *c);
int cx_find_numbers(cx_ctx *c);
int cx_find_quotes(cx_ctx *c);
int cx_find_places(cx_ctx *c);

#endif
