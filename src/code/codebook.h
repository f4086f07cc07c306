/*
 * codebook.h - the CAMEO event codebook (prefix cb_): names from the CAMEO
 * 1.1b3 manual, GDELT Goldstein values, the GDELT QuadClass of each root
 * and the CAMEO -> PLOVER mapping (event type, mode, context).
 */
#ifndef TAC_CODEBOOK_H
#define TAC_CODEBOOK_H

#include "tacitus.h"

typedef struct cb_entry {
    char code[5];              /* "19", "190", "1951" */
    const char *name;          /* CAMEO manual name */
    double goldstein;          /* GDELT value */
    int quad_class;            /* GDELT: roots 01-05 1, 06-09 2, 10-14 3, 15-20 4 */
    const char *plover_type;   /* PLOVER event ("ASSAULT"), NULL when unmapped */
    const char *plover_mode;   /* may be NULL */
    const char *plover_context;/* may be NULL */
} cb_entry;

typedef struct cb_book cb_book;

/* Reads the codebook from cameo_tsv (cameo_1.1b3_eventcodes.tsv) and,
 * when plover_tsv is not NULL, the PLOVER mapping (cameo2plover_2021.tsv).
 * A malformed row is an error (TAC_EFORMAT) naming file:line. */
tac_status cb_open(const char *cameo_tsv, const char *plover_tsv, cb_book **out,
                   tac_error *err);
void cb_close(cb_book *b);

/* The entry of code exactly ("190"), or NULL. */
const cb_entry *cb_find(const cb_book *b, const char *code);
/* The entry of code or of its longest listed prefix of at least 2 digits
 * (a 4-digit code absent from the book falls back to its base), or NULL. */
const cb_entry *cb_lookup(const cb_book *b, const char *code);
/* GDELT QuadClass of a code's root ("19" or "190" -> 4); 0 if not 01-20. */
int cb_quad_class(const char *code);
size_t cb_count(const cb_book *b);

#endif
