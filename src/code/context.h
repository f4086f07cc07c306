/*
 * context.h - article context (prefix cx_): dated expressions resolved
 * against the publication date, numeric claims with what they count,
 * quotes with their speakers, and places from the gazetteer; and what an
 * event takes from them (date, place, attribution, casualties).
 * Results live in the document's arena (d->context) until doc_reset.
 */
#ifndef TAC_CONTEXT_H
#define TAC_CONTEXT_H

#include <stddef.h>
#include <stdint.h>
#include "../core/buf.h"

typedef struct tac_doc tac_doc;
typedef struct geo_gaz geo_gaz;
typedef struct geo_place geo_place;

/* Granularity of a date value. */
typedef enum { CX_DAY, CX_MONTH, CX_YEAR, CX_RANGE } cx_gran;

/* A dated expression over tokens [tok0, tok1). value is ISO 8601 ("2023-10-17",
 * "2023-10", "2023", "2023-10-17/2024-01-11", open end ".." when the
 * publication date is unknown) or NULL when it cannot be resolved (relative
 * without a publication date, or anchored on another event: offset holds the
 * ISO duration then, e.g. "P1D" after, "-P1D" before). */
typedef struct cx_date {
    uint32_t tok0, tok1;
    cx_gran gran;
    unsigned relative : 1;  /* resolved against the publication date */
    unsigned future : 1;    /* the tense chose the next occurrence */
    const char *value;      /* arena string or NULL */
    const char *offset;     /* static string or NULL */
} cx_date;

typedef enum { CX_COUNT, CX_PERCENT, CX_MONEY, CX_ORDINAL } cx_kind;

/* A numeric claim over tokens [tok0, tok1): value, the lemma of the counted
 * noun (unit; NULL when none), approx for vague quantities and hedges ("about",
 * "more than", "dozens of"), currency (ISO 4217) for money. */
typedef struct cx_number {
    uint32_t tok0, tok1;
    cx_kind kind;
    unsigned approx : 1;
    double value;
    const char *unit;       /* arena or static string, or NULL */
    const char *currency;   /* static string or NULL */
} cx_number;

/* A quote over tokens [tok0, tok1) (the words said, without the quotation
 * marks or "that"). speaker is a mention index (resolved through
 * coreference to the mention that names the speaker) or -1; when no mention
 * covers the speaker, [stok0, stok1) is the speaker's phrase (else equal).
 * verb is the reporting verb's token (or "according"), -1 when none; vtok1
 * ends the verb's text ("told Reuters"). */
typedef struct cx_quote {
    uint32_t tok0, tok1;
    unsigned direct : 1;
    int speaker;
    uint32_t stok0, stok1;
    int verb;
    uint32_t vtok1;
    int according;          /* 1: "according to X" */
    int pronoun;            /* subject pronoun no mention resolved, or -1 */
} cx_quote;

/* A place mention over tokens [tok0, tok1) resolved to a gazetteer entry. */
typedef struct cx_place {
    uint32_t tok0, tok1;
    const geo_place *place;
} cx_place;

/* What cx_run stores in d->context (arena memory). */
typedef struct cx_layer {
    cx_date *dates;
    size_t ndates, capdates;
    cx_number *numbers;
    size_t nnumbers, capnumbers;
    cx_quote *quotes;
    size_t nquotes, capquotes;
    cx_place *places;
    size_t nplaces, capplaces;
    int *mention_of;        /* per token: the first mention covering it, or -1 */
} cx_layer;

/* Finds the dates, numbers, quotes and places of d (tokens, mentions and,
 * when present, tags and tree) into its context layers. g may be NULL (no
 * places). Returns 0 or -1 (no memory). */
int cx_run(tac_doc *d, const geo_gaz *g);

/* The layer cx_run filled, or NULL before it ran. */
const cx_layer *cx_get(const tac_doc *d);

/* Append the "dates" / "numbers" elements of d as JSON array elements
 * (without brackets) to b. Return 0 or -1 (no memory). */
int cx_json_dates(buf *b, const tac_doc *d);
int cx_json_numbers(buf *b, const tac_doc *d);
int cx_json_quotes(buf *b, const tac_doc *d);
int cx_json_places(buf *b, const tac_doc *d);

/* What an event with trigger token `trigger` in sentence `sentence` takes
 * from the context, written as its "date", then its "attribution", "place",
 * and casualty fields ("dead", "injured", "arrested" when known): each
 * function appends `"key":value` (no leading comma) to b. 0 or -1. */
int cx_json_event_date(buf *b, const tac_doc *d, uint32_t sentence, uint32_t trigger);
int cx_json_event_context(buf *b, const tac_doc *d, uint32_t sentence, uint32_t trigger);

/* The place token range an event with this trigger takes from the tree
 * ("in Baghdad"), as an index into cx_get(d)->places, or -1. */
long cx_event_place(const tac_doc *d, uint32_t trigger);

/* Calendar helpers: days since 1970-01-01 of a proleptic Gregorian date, and
 * back. cx_parse_iso reads "YYYY-MM-DD" (exactly) into days; 0 or -1. */
long cx_days(int y, int m, int dd);
void cx_civil(long days, int *y, int *m, int *dd);
int cx_parse_iso(const char *s, size_t n, long *days);

/* 1 when the table of words that may begin a date or number is sorted, as
 * its binary search needs (a unit test checks it). */
int cx_triggers_sorted(void);

#endif
