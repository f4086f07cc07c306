/*
 * serve.h - the HTTP API and dashboard (`tacitus serve`): a libmicrohttpd
 * daemon on loopback that codes articles with a shared engine, answers
 * queries over the SQLite store, and serves the dashboard's static files.
 * Handlers build whole responses in memory (sv_reply), so a failure never
 * sends half a body.
 */
#ifndef TAC_SERVE_H
#define TAC_SERVE_H

#include "tacitus.h"
#include "../core/buf.h"

typedef struct sv_config {
    const char *db_path;    /* the store; NULL: only /v1/code and /v1/health */
    const char *web_dir;    /* dashboard files; NULL: no dashboard */
    const char *bind;       /* address to listen on (default 127.0.0.1) */
    unsigned port;          /* 0: any free port (see sv_port) */
    size_t max_body;        /* request body cap in bytes (413 beyond) */
    unsigned max_conns;     /* concurrent connections */
    unsigned timeout_s;     /* idle connection timeout */
    unsigned threads;       /* worker threads */
    const char *cors_origin;/* Access-Control-Allow-Origin, or NULL (off) */
} sv_config;

void sv_config_init(sv_config *c);

typedef struct sv_server sv_server;

/* Starts the daemon (its threads run until sv_stop). e is shared, read-only. */
tac_status sv_start(const tac_engine *e, const sv_config *c, sv_server **out, tac_error *err);
unsigned sv_port(const sv_server *s);
void sv_stop(sv_server *s);

/* ---- inside the server ---- */

/* One request as the handlers see it. */
typedef struct sv_request {
    const char *method, *path;      /* path without the query string */
    const char *body;               /* NUL-terminated copy, or NULL */
    size_t body_len;
    const char *content_type;       /* or NULL */
    /* query arguments, decoded; arg() returns NULL when absent */
    const char *(*arg)(const struct sv_request *r, const char *key);
    void *conn;                     /* the MHD connection, for arg() and each_arg() */
    /* calls fn for every query argument; returns the first non-zero fn result */
    int (*each_arg)(const struct sv_request *r, int (*fn)(void *ctx, const char *k, const char *v),
                    void *ctx);
    const tac_engine *engine;
    const sv_config *config;
    const buf *basemap;             /* GET /v1/geo/basemap, made at start */
} sv_request;

typedef struct sv_reply {
    int status;
    const char *content_type;       /* static string */
    buf body;
    const char *location;           /* static or NULL */
} sv_reply;

/* Sets an error reply {"error":{"status":N,"message":"..."}}; returns 0 or -1. */
int sv_error(sv_reply *r, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Route handlers: fill rep (status, type, body); return 0, or -1 when out
 * of memory (the server then answers 500). */
int sv_route(const sv_request *q, sv_reply *rep);
int sv_code(const sv_request *q, sv_reply *rep);
int sv_static(const sv_request *q, sv_reply *rep);
int sv_events(const sv_request *q, sv_reply *rep);
int sv_event(const sv_request *q, const char *id, sv_reply *rep);
int sv_timeseries(const sv_request *q, sv_reply *rep);
int sv_network(const sv_request *q, sv_reply *rep);
/* The map background: one point per one-degree cell holding a GeoNames
 * city (data_dir/geo/cities15000.txt; no file gives no points). */
int sv_basemap(const char *data_dir, buf *out);
/* Ingests the coded d of article a into the store (POST /v1/code?store=1). */
int sv_store_doc(const sv_request *q, const tac_doc *d, const tac_article *a, sv_reply *rep);
/* An article id from its text ("api-" and 16 hex digits), for stored
 * articles posted without one. */
void sv_content_id(const char *text, size_t n, char out[24]);

/* ---- query filters (shared by the routes; fuzzed) ---- */

typedef struct sv_filter {
    char actor[32];         /* CAMEO actor code prefix, "" any */
    char cameo[8];          /* event code prefix */
    int quad;               /* 1-4, 0 any */
    char from[11], to[11];  /* YYYY-MM-DD, "" open */
    char place[4];          /* ISO3 */
    int limit;              /* page size, 1-1000 */
    long long cursor;       /* rowid after which the page starts */
    int sort_desc;          /* date order */
    char by[8];             /* timeseries: root, quad, plover */
    char interval[8];       /* day, week, month */
    int min;                /* network: minimum count */
} sv_filter;

void sv_filter_init(sv_filter *f);
/* Sets one parameter; returns 0, or -1 with a message in msg (unknown key,
 * bad value). */
int sv_filter_set(sv_filter *f, const char *key, const char *value, char *msg, size_t cap);

#endif
