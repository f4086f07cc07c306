/*
 * ne_gaz.h - the NER tagger's gazetteer (prefix ne_gaz_): names of
 * places, countries, organizations and people read from the project's
 * own data (GeoNames cities and first-level divisions, country names and
 * demonyms, the PETRARCH actor dictionaries), stored in the model.
 */
#ifndef TAC_NE_GAZ_H
#define TAC_NE_GAZ_H

#include "ne_lex.h"

/* Category bits of a gazetteer key (a lowercased token sequence, keyed
 * like lexicon spans). A name may carry several. */
enum {
    NE_GZ_CITY = 1 << 0,     /* GeoNames city (>= 15,000 people) */
    NE_GZ_BIGCITY = 1 << 1,  /* ... of >= 1,000,000 people */
    NE_GZ_ADMIN = 1 << 2,    /* first-level division (state, province) */
    NE_GZ_COUNTRY = 1 << 3,  /* country name or spelling */
    NE_GZ_DEMONYM = 1 << 4,  /* "Iraqi", "French" */
    NE_GZ_PERSON = 1 << 5,   /* actor with dated roles: a person */
    NE_GZ_GROUP = 1 << 6,    /* international, armed or national actor */
    NE_GZ_COMPANY = 1 << 7,  /* multinational company or media (MNC codes) */
    NE_GZ_FIRST = 1 << 8,    /* first word of a person's name (one token) */
    NE_GZ_LAST = 1 << 9,     /* last word of a person's name (one token) */
    NE_GZ_PREFIX = 1 << 10,  /* the first words of a longer name: keep reading */
    NE_GZ_NAMEBITS = NE_GZ_FIRST | NE_GZ_LAST,
    NE_GZ_NOTCAT = NE_GZ_FIRST | NE_GZ_LAST | NE_GZ_PREFIX
};
enum { NE_GZ_MAXSPAN = 6 };  /* longest name stored, in tokens */

/* Reads the gazetteer files under dir (the project's data/ folder: see
 * docs/ner.md for the list) into x, which is the caller's in every case
 * (free with ne_lex_free). The result depends only on the files' bytes.
 * Errors: TAC_EIO (a file is missing or unreadable; err names it),
 * TAC_ENOMEM. */
tac_status ne_gaz_build(const char *dir, ne_lex *x, tac_error *err);

/* Adds one name (words separated by spaces or underscores; hyphens,
 * commas, slashes and parentheses become tokens of their own) with the
 * category bits cat; its shorter beginnings get NE_GZ_PREFIX. A company
 * name ending in a legal form ("Inc", "PLC", "Ltd", "Corp"...) is also
 * added without it. Names of more than NE_GZ_MAXSPAN tokens or with a
 * one-byte word alone are ignored. Returns 0 or -1 (no memory). */
int ne_gaz_add(ne_lex *x, const char *name, size_t len, uint32_t cat);

#endif
