/*
 * events.h - event coding (prefix ev_): CAMEO verb patterns matched over
 * the dependency tree, source and target from the mentions, modality,
 * codebook fields (names, Goldstein, QuadClass, PLOVER).
 */
#ifndef TAC_EVENTS_H
#define TAC_EVENTS_H

#include "tacitus.h"
#include "../core/buf.h"

typedef struct tac_doc tac_doc;
typedef struct dict_set dict_set;
typedef struct ev_resources ev_resources;

/* Loads what event coding needs once, read-only (the CAMEO verb
 * dictionary, the codebook, the PLOVER mapping) from data_dir. A missing
 * resource leaves *out NULL (no events are coded) and is not an error;
 * unreadable or corrupt files are. */
tac_status ev_open(const char *data_dir, ev_resources **out, tac_error *err);
void ev_close(ev_resources *r);

/* Codes the events of d (tokens, tags, tree and mentions must be there)
 * into d's event layer. r may be NULL. Returns 0 or -1 (no memory). */
int ev_run(const ev_resources *r, tac_doc *d);

/* Appends the events of d as the elements of a JSON array (without the
 * brackets) to b. Returns 0 or -1 (no memory). */
int ev_json(buf *b, const tac_doc *d);

#endif
