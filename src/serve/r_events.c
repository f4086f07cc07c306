/*
 * r_events.c - the store's routes: /v1/events (de-duplicated events,
 * filtered and paged), /v1/events/{id} (one event, every mention of it and
 * the sentences behind them), /v1/stats/timeseries and /v1/network. Each
 * request reads through its own read-only connection, so readers never
 * wait for each other or for an ingest (WAL). Every value reaches SQL as a
 * bound parameter, checked first by filter.c.
 *
 * An event here is what the store's de-duplication key makes one: the
 * same (date, source, target, base code, place) from any number of
 * articles, with num_mentions, num_sources and num_articles.
 */
#include "serve.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *open_ro(const sv_request *q, sv_reply *rep) {
    if (!q->config->db_path) {
        sv_error(rep, 409, "no store: start the server with --db FILE");
        return NULL;
    }
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(q->config->db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sv_error(rep, 500, "cannot open the store: %s", db ? sqlite3_errmsg(db) : "no memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 5000);
    return db;
}

struct parse_ctx {
    sv_filter *f;
    const char *const *allowed;
    char msg[200];
};

static int take_arg(void *ctx, const char *k, const char *v) {
    struct parse_ctx *c = ctx;
    int ok = 0;
    for (const char *const *a = c->allowed; *a; a++) ok |= !strcmp(*a, k);
    if (!ok) {
        snprintf(c->msg, sizeof c->msg, "unknown parameter '%.40s' for this route", k);
        return 1;
    }
    return sv_filter_set(c->f, k, v, c->msg, sizeof c->msg) ? 1 : 0;
}

/* Parses the query into f; on a bad parameter sets a 400 reply, returns -1. */
static int parse_args(const sv_request *q, sv_filter *f, const char *const *allowed, sv_reply *rep) {
    struct parse_ctx c = {f, allowed, {0}};
    sv_filter_init(f);
    if (q->each_arg(q, take_arg, &c)) {
        sv_error(rep, 400, "%s", c.msg);
        return -1;
    }
    return 0;
}

/* The WHERE clause of f over events e (placeholders ?1-?5, bound by bind_where). */
static const char where_sql[] =
    " WHERE (?1 IS NULL OR substr(e.source_code, 1, length(?1)) = ?1"
    "        OR substr(e.target_code, 1, length(?1)) = ?1)"
    " AND (?2 IS NULL OR substr(e.cameo, 1, length(?2)) = ?2)"
    " AND (?3 = 0 OR e.quad = ?3)"
    " AND (?4 IS NULL OR e.date >= ?4) AND (?5 IS NULL OR e.date <= ?5)"
    " AND (?6 IS NULL OR e.place_country = ?6)";

static void bind_opt(sqlite3_stmt *st, int i, const char *s) {
    if (s[0]) sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

static void bind_where(sqlite3_stmt *st, const sv_filter *f) {
    bind_opt(st, 1, f->actor);
    bind_opt(st, 2, f->cameo);
    sqlite3_bind_int(st, 3, f->quad);
    bind_opt(st, 4, f->from);
    bind_opt(st, 5, f->to);
    bind_opt(st, 6, f->place);
}

static int db_fail(sqlite3 *db, sv_reply *rep) {
    return sv_error(rep, 500, "store query failed: %s", sqlite3_errmsg(db));
}

/* Prepares sql on db; on failure sets the 500 reply (*rc its result),
 * closes db and returns NULL. */
static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, sv_reply *rep, int *rc) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) return st;
    *rc = db_fail(db, rep);
    sqlite3_close(db);
    return NULL;
}

static int put_json(sv_reply *rep, json_t *v) {
    char *s = json_dumps(v, JSON_COMPACT);
    if (!s) return -1;
    int rc = buf_puts(&rep->body, s) || buf_putc(&rep->body, '\n');
    free(s);
    rep->status = 200;
    rep->content_type = "application/json";
    return rc;
}

/* The group's representative event with the counts of the group. */
static json_t *event_of(sqlite3_stmt *st) {
    const char *js = (const char *)sqlite3_column_text(st, 1);
    json_t *e = js ? json_loads(js, 0, NULL) : NULL;
    if (!e || !json_is_object(e)) {
        json_decref(e);
        e = json_object();
        if (!e) return NULL;
    }
    json_object_set_new(e, "id", json_string((const char *)sqlite3_column_text(st, 0)));
    json_object_set_new(e, "num_mentions", json_integer(sqlite3_column_int64(st, 2)));
    json_object_set_new(e, "num_articles", json_integer(sqlite3_column_int64(st, 3)));
    json_object_set_new(e, "num_sources", json_integer(sqlite3_column_int64(st, 4)));
    json_object_del(e, "sentence");     /* of one mention only: see /v1/events/{id} */
    return e;
}

static const char group_sql[] =
    "SELECT e.key,"
    " (SELECT e2.json FROM events e2 WHERE e2.key = e.key ORDER BY e2.article_id, e2.n LIMIT 1),"
    " count(*), count(DISTINCT e.article_id), count(DISTINCT coalesce(a.source, e.article_id)),"
    " min(e.date)"
    " FROM events e JOIN articles a ON a.id = e.article_id";

int sv_events(const sv_request *q, sv_reply *rep) {
    static const char *const allowed[] = {"actor", "cameo", "quad", "from", "to", "place",
                                          "limit", "cursor", "sort", NULL};
    sv_filter f;
    if (parse_args(q, &f, allowed, rep)) return 0;
    sqlite3 *db = open_ro(q, rep);
    if (!db) return 0;
    char sql[2048];
    snprintf(sql, sizeof sql, "%s%s GROUP BY e.key ORDER BY min(e.date) %s, e.key LIMIT ?7 OFFSET ?8",
             group_sql, where_sql, f.sort_desc ? "DESC" : "ASC");
    int rc = 0;
    sqlite3_stmt *st = prepare(db, sql, rep, &rc);
    if (!st) return rc;
    bind_where(st, &f);
    sqlite3_bind_int(st, 7, f.limit + 1);   /* one more tells whether a next page exists */
    sqlite3_bind_int64(st, 8, f.cursor);
    json_t *out = json_object(), *arr = json_array();
    int n = 0, s;
    while (out && arr && (s = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == f.limit) { n++; break; }
        json_t *e = event_of(st);
        if (!e || json_array_append_new(arr, e)) { rc = -1; break; }
        n++;
    }
    if (!out || !arr) rc = -1;
    if (!rc) {
        json_object_set_new(out, "events", arr);
        arr = NULL;
        char next[32];
        snprintf(next, sizeof next, "%lld", f.cursor + f.limit);
        json_object_set_new(out, "next_cursor", n > f.limit ? json_string(next) : json_null());
        rc = put_json(rep, out);
    }
    json_decref(arr);
    json_decref(out);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}

/* The sentence of an event's mention: from the stored record's sentence
 * spans when it has them, else the text between the nearest line breaks. */
static void sentence_bounds(json_t *art, const char *text, size_t tlen, json_int_t sent,
                            json_int_t at, size_t *a, size_t *b) {
    json_t *sp = json_array_get(json_object_get(art, "sentences"), (size_t)sent);
    if (sp) {
        json_int_t s = json_integer_value(json_object_get(sp, "start"));
        json_int_t e = json_integer_value(json_object_get(sp, "end"));
        if (s >= 0 && e >= s && (size_t)e <= tlen) {
            *a = (size_t)s;
            *b = (size_t)e;
            return;
        }
    }
    size_t x = at < 0 ? 0 : (size_t)at > tlen ? tlen : (size_t)at, y = x;
    while (x > 0 && text[x - 1] != '\n') x--;
    while (y < tlen && text[y] != '\n') y++;
    *a = x;
    *b = y;
}

static json_t *span_of(json_t *e, const char *k) {
    json_t *sp = json_object_get(json_object_get(e, k), "span");
    return json_is_array(sp) ? json_incref(sp) : json_null();
}

int sv_event(const sv_request *q, const char *id, sv_reply *rep) {
    sqlite3 *db = open_ro(q, rep);
    if (!db) return 0;
    int rc = 0;
    sqlite3_stmt *g = NULL, *m = NULL;
    char sql[1024];
    snprintf(sql, sizeof sql, "%s WHERE e.key = ?1 GROUP BY e.key", group_sql);
    if (sqlite3_prepare_v2(db, sql, -1, &g, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT e.article_id, e.json, a.json, a.text, a.title, a.source, a.url"
                           " FROM events e JOIN articles a ON a.id = e.article_id"
                           " WHERE e.key = ?1 ORDER BY e.article_id, e.n LIMIT 100",
                           -1, &m, NULL) != SQLITE_OK) {
        rc = db_fail(db, rep);
        goto done;
    }
    sqlite3_bind_text(g, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(m, 1, id, -1, SQLITE_TRANSIENT);
    int s = sqlite3_step(g);
    if (s == SQLITE_DONE) {
        rc = sv_error(rep, 404, "no event with id '%.120s'", id);
        goto done;
    }
    if (s != SQLITE_ROW) {
        rc = db_fail(db, rep);
        goto done;
    }
    json_t *out = json_object(), *ms = json_array(), *ev = event_of(g);
    if (!out || !ms || !ev) rc = -1;
    while (!rc && sqlite3_step(m) == SQLITE_ROW) {
        json_t *e = json_loads((const char *)sqlite3_column_text(m, 1), 0, NULL);
        json_t *art = json_loads((const char *)sqlite3_column_text(m, 2), 0, NULL);
        const char *text = (const char *)sqlite3_column_text(m, 3);
        size_t tlen = (size_t)sqlite3_column_bytes(m, 3);
        json_t *one = json_object();
        if (!e || !one) {
            json_decref(e), json_decref(art), json_decref(one);
            rc = -1;
            break;
        }
        json_int_t sent = json_integer_value(json_object_get(e, "sentence"));
        json_t *trig = json_object_get(json_object_get(e, "trigger"), "span");
        json_int_t at = json_integer_value(json_array_get(trig, 0));
        json_object_set_new(one, "article_id", json_string((const char *)sqlite3_column_text(m, 0)));
        for (int c = 4; c <= 6; c++) {
            const char *v = (const char *)sqlite3_column_text(m, c);
            json_object_set_new(one, c == 4 ? "title" : c == 5 ? "source" : "url",
                                v ? json_string(v) : json_null());
        }
        json_object_set_new(one, "sentence", json_integer(sent));
        if (text) {
            size_t a, b;
            sentence_bounds(art, text, tlen, sent, at, &a, &b);
            json_object_set_new(one, "sentence_start", json_integer((json_int_t)a));
            json_object_set_new(one, "sentence_end", json_integer((json_int_t)b));
            json_object_set_new(one, "sentence_text", json_stringn_nocheck(text + a, b - a));
        } else {
            json_object_set_new(one, "sentence_text", json_null());
        }
        json_object_set_new(one, "source", span_of(e, "source"));
        json_object_set_new(one, "target", span_of(e, "target"));
        json_object_set_new(one, "trigger", span_of(e, "trigger"));
        json_object_set_new(one, "modality", json_incref(json_object_get(e, "modality")));
        json_object_set_new(one, "pattern", json_incref(json_object_get(e, "pattern")));
        json_decref(e);
        json_decref(art);
        if (json_array_append_new(ms, one)) rc = -1;
    }
    if (!rc) {
        json_object_set_new(out, "event", ev);
        json_object_set_new(out, "mentions", ms);
        ev = ms = NULL;
        rc = put_json(rep, out);
    }
    json_decref(ev);
    json_decref(ms);
    json_decref(out);
done:
    sqlite3_finalize(g);
    sqlite3_finalize(m);
    sqlite3_close(db);
    return rc;
}

/* Index of s in the sorted-on-insert list v (of n), adding it when new. */
static int intern(char ***v, int *n, int *cap, const char *s) {
    for (int i = 0; i < *n; i++)
        if (!strcmp((*v)[i], s)) return i;
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 16;
        char **nv = realloc(*v, (size_t)nc * sizeof *nv);
        if (!nv) return -1;
        *v = nv;
        *cap = nc;
    }
    char *c = strdup(s);
    if (!c) return -1;
    (*v)[(*n)++] = c;
    return *n - 1;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct ts_row { int p, k; long long n; double g; };

/* The period after p ("YYYY-MM" or "YYYY-MM-DD") into out; 0, or -1 when
 * p is not one of those forms. */
static int next_period(const char *p, int day, char out[32]) {
    int y, m, d = 1;
    if (day ? sscanf(p, "%4d-%2d-%2d", &y, &m, &d) != 3 : sscanf(p, "%4d-%2d", &y, &m) != 2) return -1;
    if (!day) {
        if (++m > 12) m = 1, y++;
        snprintf(out, 32, "%04d-%02d", y, m);
        return 0;
    }
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12) return -1;
    if (++d > mdays[m - 1] + (m == 2 && leap)) {
        d = 1;
        if (++m > 12) m = 1, y++;
    }
    snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
    return 0;
}

/* Periods without events get their zero: the sorted periods become every
 * month (day) from the first to the last, and rows point into the new
 * list. Weeks are left as they are. Returns 0, or -1 when out of memory. */
static int fill_periods(char ***periods, int *np, struct ts_row *rows, int nrows, const char *interval) {
    int day = !strcmp(interval, "day");
    if (*np < 2 || (!day && strcmp(interval, "month"))) return 0;
    char **old = *periods, **full = NULL;
    int nfull = 0, cap = 0;
    char cur[32];
    snprintf(cur, sizeof cur, "%s", old[0]);
    while (nfull < 20000) {
        if (intern(&full, &nfull, &cap, cur) < 0) goto nomem;
        if (strcmp(cur, old[*np - 1]) >= 0) break;
        if (next_period(cur, day, cur)) break;
    }
    if (strcmp(full[nfull - 1], old[*np - 1]) != 0) {     /* not contiguous forms: keep as is */
        for (int i = 0; i < nfull; i++) free(full[i]);
        free(full);
        return 0;
    }
    for (int r = 0; r < nrows; r++) {
        int lo = 0, hi = nfull - 1;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (strcmp(full[mid], old[rows[r].p]) < 0) lo = mid + 1;
            else hi = mid;
        }
        rows[r].p = lo;
    }
    for (int i = 0; i < *np; i++) free(old[i]);
    free(old);
    *periods = full;
    *np = nfull;
    return 0;
nomem:
    for (int i = 0; i < nfull; i++) free(full[i]);
    free(full);
    return -1;
}

int sv_timeseries(const sv_request *q, sv_reply *rep) {
    static const char *const allowed[] = {"by", "interval", "actor", "cameo", "quad", "from",
                                          "to", "place", NULL};
    sv_filter f;
    if (parse_args(q, &f, allowed, rep)) return 0;
    sqlite3 *db = open_ro(q, rep);
    if (!db) return 0;
    const char *key = !strcmp(f.by, "quad")   ? "CAST(min(e.quad) AS TEXT)"
                      : !strcmp(f.by, "root") ? "min(e.root)"
                                              : "coalesce(min(json_extract(e.json, '$.plover.type')), 'none')";
    const char *period = !strcmp(f.interval, "day")    ? "date"
                         : !strcmp(f.interval, "week") ? "strftime('%Y-W%W', date)"
                                                       : "substr(date, 1, 7)";
    char sql[2048];
    snprintf(sql, sizeof sql,
             "WITH ev AS (SELECT min(e.date) AS date, %s AS k, avg(e.goldstein) AS g FROM events e%s"
             " GROUP BY e.key)"
             " SELECT %s AS p, k, count(*), sum(g) FROM ev WHERE date IS NOT NULL"
             " GROUP BY p, k ORDER BY p, k",
             key, where_sql, period);
    int rc = 0;
    sqlite3_stmt *st = prepare(db, sql, rep, &rc);
    if (!st) return rc;
    bind_where(st, &f);
    /* rows come sorted by period; keys are collected then sorted */
    struct ts_row *rows = NULL;
    int nrows = 0, caprows = 0, np = 0, capp = 0, nk = 0, capk = 0;
    char **periods = NULL, **keys = NULL;
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(st, 0);
        const char *k = (const char *)sqlite3_column_text(st, 1);
        if (nrows == caprows) {
            caprows = caprows ? caprows * 2 : 64;
            void *nr = realloc(rows, (size_t)caprows * sizeof *rows);
            if (!nr) { rc = -1; break; }
            rows = nr;
        }
        int pi = intern(&periods, &np, &capp, p ? p : ""), ki = intern(&keys, &nk, &capk, k ? k : "none");
        if (pi < 0 || ki < 0) { rc = -1; break; }
        rows[nrows++] = (struct ts_row){pi, ki, sqlite3_column_int64(st, 2), sqlite3_column_double(st, 3)};
    }
    if (!rc && fill_periods(&periods, &np, rows, nrows, f.interval)) rc = -1;
    json_t *out = NULL;
    if (!rc) {
        /* sort keys, remembering where each went */
        char **sorted = malloc((size_t)(nk ? nk : 1) * sizeof *sorted);
        int *where = malloc((size_t)(nk ? nk : 1) * sizeof *where);
        out = json_object();
        json_t *jp = json_array(), *jk = json_array(), *jc = json_object(), *jg = json_array();
        if (!sorted || !where || !out || !jp || !jk || !jc || !jg) rc = -1;
        if (!rc) {
            if (nk) memcpy(sorted, keys, (size_t)nk * sizeof *sorted); /* no keys: keys is NULL */
            qsort(sorted, (size_t)nk, sizeof *sorted, cmp_str);
            for (int i = 0; i < nk; i++)
                for (int j = 0; j < nk; j++)
                    if (keys[i] == sorted[j]) where[i] = j;
            json_t **cols = calloc((size_t)(nk ? nk : 1), sizeof *cols);
            double *gs = calloc((size_t)(np ? np : 1), sizeof *gs);
            long long *ns = calloc((size_t)(np ? np : 1), sizeof *ns);
            long long *cell = calloc((size_t)(np ? np : 1) * (size_t)(nk ? nk : 1), sizeof *cell);
            if (!cols || !gs || !ns || !cell) rc = -1;
            for (int r = 0; !rc && r < nrows; r++) {
                cell[(size_t)rows[r].p * (size_t)nk + (size_t)where[rows[r].k]] += rows[r].n;
                gs[rows[r].p] += rows[r].g;
                ns[rows[r].p] += rows[r].n;
            }
            for (int i = 0; !rc && i < np; i++) {
                json_array_append_new(jp, json_string(periods[i]));
                json_array_append_new(jg, ns[i] ? json_real(gs[i] / (double)ns[i]) : json_null());
            }
            for (int j = 0; !rc && j < nk; j++) {
                json_array_append_new(jk, json_string(sorted[j]));
                cols[j] = json_array();
                for (int i = 0; i < np; i++)
                    json_array_append_new(cols[j], json_integer(cell[(size_t)i * (size_t)nk + (size_t)j]));
                json_object_set_new(jc, sorted[j], cols[j]);
            }
            free(cols), free(gs), free(ns), free(cell);
        }
        if (!rc) {
            json_object_set_new(out, "by", json_string(f.by));
            json_object_set_new(out, "interval", json_string(f.interval));
            json_object_set_new(out, "periods", jp);
            json_object_set_new(out, "keys", jk);
            json_object_set_new(out, "counts", jc);
            json_object_set_new(out, "goldstein", jg);
            rc = put_json(rep, out);
        } else {
            json_decref(jp), json_decref(jk), json_decref(jc), json_decref(jg);
        }
        free(sorted);
        free(where);
    }
    json_decref(out);
    for (int i = 0; i < np; i++) free(periods[i]);
    for (int i = 0; i < nk; i++) free(keys[i]);
    free(periods), free(keys), free(rows);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}

int sv_network(const sv_request *q, sv_reply *rep) {
    static const char *const allowed[] = {"from", "to", "min", "actor", "cameo", "quad", "place", NULL};
    sv_filter f;
    if (parse_args(q, &f, allowed, rep)) return 0;
    sqlite3 *db = open_ro(q, rep);
    if (!db) return 0;
    char sql[2048];
    snprintf(sql, sizeof sql,
             "WITH ev AS (SELECT min(e.source_code) AS s, min(e.target_code) AS t,"
             " avg(e.goldstein) AS g FROM events e%s GROUP BY e.key)"
             " SELECT s, t, count(*), avg(g) FROM ev WHERE s IS NOT NULL AND t IS NOT NULL"
             " GROUP BY s, t HAVING count(*) >= ?7 ORDER BY count(*) DESC, s, t LIMIT 500",
             where_sql);
    int rc = 0;
    sqlite3_stmt *st = prepare(db, sql, rep, &rc);
    if (!st) return rc;
    bind_where(st, &f);
    sqlite3_bind_int(st, 7, f.min);
    json_t *out = json_object(), *edges = json_array(), *counts = json_object();
    if (!out || !edges || !counts) rc = -1;
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 0), *t = (const char *)sqlite3_column_text(st, 1);
        long long n = sqlite3_column_int64(st, 2);
        json_t *e = json_pack("{s:s, s:s, s:I, s:f}", "source", s, "target", t, "count", (json_int_t)n,
                              "goldstein", sqlite3_column_double(st, 3));
        if (!e || json_array_append_new(edges, e)) { rc = -1; break; }
        for (int k = 0; k < 2; k++) {
            const char *c = k ? t : s;
            json_int_t have = json_integer_value(json_object_get(counts, c));
            json_object_set_new(counts, c, json_integer(have + n));
        }
    }
    if (!rc) {
        /* nodes by event count, then code */
        size_t nn = json_object_size(counts), i = 0;
        const char **codes = calloc(nn ? nn : 1, sizeof *codes);
        json_t *nodes = json_array();
        if (!codes || !nodes) rc = -1;
        const char *k;
        json_t *v;
        if (!rc) {
            json_object_foreach(counts, k, v) codes[i++] = k;
            for (size_t a = 1; a < nn; a++)     /* insertion sort: a few hundred at most */
                for (size_t b = a; b > 0; b--) {
                    json_int_t x = json_integer_value(json_object_get(counts, codes[b - 1]));
                    json_int_t y = json_integer_value(json_object_get(counts, codes[b]));
                    if (x > y || (x == y && strcmp(codes[b - 1], codes[b]) <= 0)) break;
                    const char *tmp = codes[b - 1];
                    codes[b - 1] = codes[b];
                    codes[b] = tmp;
                }
            for (i = 0; i < nn; i++)
                json_array_append_new(nodes, json_pack("{s:s, s:I}", "code", codes[i], "count",
                                                       json_integer_value(json_object_get(counts, codes[i]))));
            json_object_set_new(out, "nodes", nodes);
            json_object_set_new(out, "edges", edges);
            edges = NULL;
            rc = put_json(rep, out);
        } else {
            json_decref(nodes);
        }
        free(codes);
    }
    json_decref(edges);
    json_decref(counts);
    json_decref(out);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}
