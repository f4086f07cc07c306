/*
 * store.h - the SQLite event store (prefix db_): articles, their events,
 * actor mentions and quotes, written in WAL mode one transaction per batch,
 * so a killed process leaves every committed batch and no half article.
 * Schema in docs/scale.md.
 */
#ifndef TAC_STORE_H
#define TAC_STORE_H

#include <jansson.h>

#include "tacitus.h"

typedef struct db_store db_store;

/* Opens (creating when needed) the database at path and its schema. *out
 * is the caller's (db_close). Errors name the file. */
tac_status db_open(const char *path, db_store **out, tac_error *err);
/* Closes s (NULL is fine); an open batch is rolled back. */
void db_close(db_store *s);

/* Batches: everything between db_begin and db_commit is one transaction. */
tac_status db_begin(db_store *s, tac_error *err);
tac_status db_commit(db_store *s, tac_error *err);

/* Stores the native record rec (borrowed) of one article: the article, its
 * events, mentions and quotes. An article with the same id is replaced
 * (its old events, mentions and quotes go with it). */
tac_status db_put_article(db_store *s, json_t *rec, tac_error *err);

/* Which events db_query returns; NULL / 0 fields do not filter. */
typedef struct db_filter {
    const char *actor;  /* prefix of the source or target actor code */
    const char *cameo;  /* prefix of the CAMEO code */
    const char *from, *to; /* YYYY-MM-DD, inclusive */
    const char *place;  /* ISO3 country of the event's place */
    int quad;           /* QuadClass 1-4 */
} db_filter;

/* Called once per matching event, ordered by date, article id and event
 * number, with a record (borrowed, valid during the call) holding the
 * article's fields and "events": [the event]. Returns 0, or non-zero to
 * stop (db_query then returns TAC_EIO). */
typedef int (*db_event_fn)(void *ctx, json_t *art);

tac_status db_query(db_store *s, const db_filter *f, db_event_fn fn, void *ctx, tac_error *err);

/* Counts rows of a table ("articles", "events", "mentions", "quotes"); -1 on error. */
long long db_count(db_store *s, const char *table);

#endif
