/*
 * context.h - article context (prefix cx_): dated expressions resolved
 * against the publication date, and numeric claims with what they count.
 */
#ifndef TAC_CONTEXT_H
#define TAC_CONTEXT_H

#include "../core/buf.h"

typedef struct tac_doc tac_doc;

/* Finds the dates and numbers of d (tokens and, when present, tags and
 * tree) into its context layers. Returns 0 or -1 (no memory). */
int cx_run(tac_doc *d);

/* Append the "dates" / "numbers" elements of d as JSON array elements
 * (without brackets) to b. Return 0 or -1 (no memory). */
int cx_json_dates(buf *b, const tac_doc *d);
int cx_json_numbers(buf *b, const tac_doc *d);

#endif
