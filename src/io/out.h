/*
 * out.h - output writers other than the native JSON (prefix ow_): GDELT 2.0
 * Event rows, PLOVER JSON records and flat CSV. Every writer reads events
 * from the native JSON record (docs/output.md) by field name, so fields that
 * other stages add later (places, quotes) reach every format without the
 * writers knowing the coder's structures, and the same code renders events
 * read back from a shard file or the SQLite store.
 */
#ifndef TAC_OUT_H
#define TAC_OUT_H

#include <jansson.h>
#include <stdint.h>

#include "tacitus.h"
#include "../core/buf.h"

/* One event, flattened: borrowed strings (NULL when unknown) pointing into
 * the JSON values it was read from; valid while those values live. */
typedef struct ow_event {
    const char *id;             /* event id ("<article>-e<n>"), or the merge key */
    const char *date;           /* YYYY-MM-DD */
    const char *src_code, *src_text, *tgt_code, *tgt_text;
    const char *cameo, *base, *root;
    int quad;                   /* 0: unknown */
    double goldstein;
    int has_goldstein;
    const char *pl_type, *pl_mode, *pl_context;
    const char *modality, *trigger, *pattern;
    long sentence;              /* -1: unknown */
    long long trig_start, trig_end; /* -1: unknown */
    /* place of the action (the event's place, resolved against the
     * article's places when it is an index) */
    const char *pl_name, *pl_country, *pl_admin1, *pl_feature;
    double lat, lon;
    int has_latlon;
    long long geonames_id;      /* 0: unknown */
    /* the article */
    const char *art_id, *art_source, *art_url, *art_title;
    /* counts: 1 for an event of one article; merged events add up */
    long long num_mentions, num_sources, num_articles;
    json_t *mentions;           /* merged events: array of mention objects, else NULL */
    json_t *event;              /* the native event object (borrowed) */
} ow_event;

/* Reads event object ev of article record art (both borrowed) into *e.
 * Never fails: a missing or mistyped field is left unknown. */
void ow_event_read(ow_event *e, json_t *art, json_t *ev);
/* Fills the place fields of e from p: a place object, an index into art's
 * "places", or a name. */
void ow_event_place(ow_event *e, json_t *art, json_t *p);
/* Reads an event record (ow_merged_json's output) into *e, borrowing from
 * rec. Returns 0, or -1 when rec is not an event record. */
int ow_event_read_record(ow_event *e, json_t *rec);

/* Read-only tables a writer needs (ISO3 -> FIPS 10-4 country codes for
 * GDELT's geography columns, ISO3 country codes to split CAMEO actor
 * codes). Shared by threads after ow_tables_open. */
typedef struct ow_tables ow_tables;
/* Loads data_dir/geo/countryInfo.tsv. A missing file gives empty tables
 * (GDELT country columns are then left empty), not an error; a file that
 * exists but cannot be read is. *out is the caller's (ow_tables_free). */
tac_status ow_tables_open(const char *data_dir, ow_tables **out, tac_error *err);
void ow_tables_free(ow_tables *t);
/* FIPS 10-4 code of an ISO 3166 alpha-3 code, or NULL. */
const char *ow_fips(const ow_tables *t, const char *iso3);
/* 1 when the 3 bytes at s are an ISO3 country code. */
int ow_is_country(const ow_tables *t, const char *s);

/* The parts of a CAMEO actor code (USAGOVREB -> country USA, types GOV,
 * REB); each is a NUL-terminated 3-letter code or "". */
typedef struct ow_actor {
    char country[4], group[4], ethnic[4], rel1[4], rel2[4], type[3][4];
} ow_actor;
void ow_actor_split(const ow_tables *t, const char *code, ow_actor *out);

/* GDELT GLOBALEVENTID: a 53-bit hash of the event id (deterministic across
 * runs, shards and thread counts; exact in a double). */
uint64_t ow_event_number(const char *id);

/* Row writers: append one line for e (with its newline). 0 or -1 (no memory). */
int ow_gdelt_row(buf *b, const ow_tables *t, const ow_event *e);
int ow_plover_record(buf *b, const ow_tables *t, const ow_event *e);
int ow_csv_row(buf *b, const ow_event *e);
/* The CSV header line. */
int ow_csv_header(buf *b);
/* PLOVER requires date, actor and event: events without them are not
 * written (roots 01 and 02 have no PLOVER type). */
int ow_plover_ok(const ow_event *e);

/* Appends the rows of every event of article record art in format fmt
 * (GDELT, PLOVER or CSV); *nevents (may be NULL) gets the number of
 * events. 0 or -1 (no memory). */
int ow_article(buf *b, const ow_tables *t, tac_output fmt, json_t *art, size_t *nevents);
/* Appends one event in format fmt (JSON: the event record of
 * docs/output.md "Event records", as `merge` and `query` write it). */
int ow_event_write(buf *b, const ow_tables *t, tac_output fmt, const ow_event *e);
int ow_merged_json(buf *b, const ow_event *e);

/* The de-duplication key of an event: date, source code, target code, base
 * code and place, '|'-separated, appended to b. 0 or -1. */
int ow_event_key(buf *b, const ow_event *e);

/* The native JSON record of d (write_json.c). 0 or -1 (no memory). */
int ow_doc_json(buf *b, const tac_doc *d, unsigned layers);
/* Events d holds (as written by the JSON writer). */
size_t ow_doc_event_count(const tac_doc *d);

/* Renders d with writer w, appending to b: the native record (json) or one
 * row per event; *nevents (may be NULL) gets the event count. Returns 0,
 * -1 (no memory) or -2 (err filled). Thread-safe for distinct b and d. */
int ow_writer_render(const tac_writer *w, const tac_doc *d, buf *b, size_t *nevents,
                     tac_error *err);
/* The writer's header line (CSV), appended to b. 0 or -1. */
int ow_writer_header(const tac_writer *w, buf *b);
tac_output ow_writer_format(const tac_writer *w);
const ow_tables *ow_writer_tables(const tac_writer *w);

/* Appends s[0..) to b with tabs, newlines and carriage returns turned into
 * spaces (for tab-separated columns). NULL appends nothing. */
int ow_put_field(buf *b, const char *s);

/* ---- de-duplication (merge.c, prefix mg_) ------------------------------------
 * Events equal on ow_event_key from any number of articles become one
 * event whose mentions are the union of theirs (by article and event id,
 * so adding the same article twice counts it once). The representative
 * (the fields written) is the mention that sorts first by article id and
 * event id, and events come out sorted by key: the result does not depend
 * on the order of the input. */
typedef struct mg_set mg_set;
mg_set *mg_new(void);
void mg_free(mg_set *m);
/* Adds every event of a native article record (borrowed). 0 or -1. */
int mg_add_article(mg_set *m, json_t *art);
/* Adds an event record (ow_merged_json's output; borrowed). 0, -1 (no
 * memory) or -2 (not an event record). */
int mg_add_record(mg_set *m, json_t *rec);
/* Writes the merged events in key order, each through write(ctx, bytes,
 * n) (non-zero stops: returned as -2). 0, -1 (no memory) or -2. */
int mg_write(mg_set *m, const ow_tables *t, tac_output fmt,
             int (*write)(void *ctx, const char *p, size_t n), void *ctx);
size_t mg_count(const mg_set *m);

#endif
