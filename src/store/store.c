/*
 * store.c - the SQLite event store: schema, replacing an article with its
 * events, mentions and quotes, and the filtered event query. Statements
 * are prepared once per store; one store is used by one thread.
 */
#include "store.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/error.h"
#include "../io/out.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define DB_SCHEMA_VERSION "1"

/* Events carry their key columns for filtering and their native JSON whole,
 * so query output is what code wrote. Child rows die with their article. */
static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS articles(id TEXT PRIMARY KEY, source TEXT, url TEXT,"
    " title TEXT, date TEXT, json TEXT NOT NULL, text TEXT);"
    "CREATE TABLE IF NOT EXISTS events(article_id TEXT NOT NULL REFERENCES articles(id)"
    " ON DELETE CASCADE, n INTEGER NOT NULL, id TEXT, key TEXT NOT NULL, date TEXT,"
    " source_code TEXT, target_code TEXT, cameo TEXT, base TEXT, root TEXT, quad INTEGER,"
    " goldstein REAL, place_country TEXT, place TEXT, json TEXT NOT NULL,"
    " PRIMARY KEY(article_id, n));"
    "CREATE INDEX IF NOT EXISTS events_key ON events(key);"
    "CREATE INDEX IF NOT EXISTS events_date ON events(date);"
    "CREATE INDEX IF NOT EXISTS events_source ON events(source_code);"
    "CREATE INDEX IF NOT EXISTS events_target ON events(target_code);"
    "CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);"
    "CREATE TABLE IF NOT EXISTS mentions(article_id TEXT NOT NULL REFERENCES articles(id)"
    " ON DELETE CASCADE, n INTEGER NOT NULL, text TEXT, code TEXT, sentence INTEGER,"
    " start INTEGER, end INTEGER, PRIMARY KEY(article_id, n));"
    "CREATE TABLE IF NOT EXISTS quotes(article_id TEXT NOT NULL REFERENCES articles(id)"
    " ON DELETE CASCADE, n INTEGER NOT NULL, text TEXT, speaker TEXT, kind TEXT,"
    " json TEXT NOT NULL, PRIMARY KEY(article_id, n));"
    "INSERT OR IGNORE INTO meta VALUES('schema', '" DB_SCHEMA_VERSION "');";

enum { Q_DEL, Q_ART, Q_EV, Q_MN, Q_QT, Q_N };
static const char *const stmt_sql[Q_N] = {
    "DELETE FROM articles WHERE id = ?1",
    "INSERT INTO articles(id, source, url, title, date, json, text) VALUES(?1,?2,?3,?4,?5,?6,?7)",
    "INSERT INTO events(article_id, n, id, key, date, source_code, target_code, cameo, base,"
    " root, quad, goldstein, place_country, place, json)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
    "INSERT INTO mentions(article_id, n, text, code, sentence, start, end)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7)",
    "INSERT INTO quotes(article_id, n, text, speaker, kind, json) VALUES(?1,?2,?3,?4,?5,?6)",
};

struct db_store {
    sqlite3 *db;
    sqlite3_stmt *q[Q_N];
    char *path;
    int in_tx;
};

static tac_status db_fail(db_store *s, tac_error *err, const char *what) {
    return err_set(err, TAC_EIO, s->path, 0, -1, "%s: %s", what, sqlite3_errmsg(s->db));
}

static tac_status exec(db_store *s, const char *sql, tac_error *err) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK) return TAC_OK;
    tac_status st = err_set(err, TAC_EIO, s->path, 0, -1, "%s", msg ? msg : "sqlite error");
    sqlite3_free(msg);
    return st;
}

tac_status db_open(const char *path, db_store **out, tac_error *err) {
    err_clear(err);
    *out = NULL;
    db_store *s = tac_calloc(1, sizeof *s);
    if (!s || !(s->path = tac_strdup(path))) {
        tac_free(s);
        return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    }
    tac_status st = TAC_OK;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        st = db_fail(s, err, "cannot open database");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 10000);
    /* WAL: readers never block the writer and a kill leaves the last
     * commit intact; FULL syncs each commit, so a batch that committed
     * survives even a power cut. */
    if ((st = exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", err)) ||
        (st = exec(s, schema, err)))
        goto fail;
    for (int i = 0; i < Q_N; i++)
        if (sqlite3_prepare_v2(s->db, stmt_sql[i], -1, &s->q[i], NULL) != SQLITE_OK) {
            st = db_fail(s, err, "cannot prepare statement (is this a tacitus database?)");
            goto fail;
        }
    *out = s;
    return TAC_OK;
fail:
    db_close(s);
    return st;
}

void db_close(db_store *s) {
    if (!s) return;
    for (int i = 0; i < Q_N; i++) sqlite3_finalize(s->q[i]);
    if (s->db && s->in_tx) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(s->db);
    tac_free(s->path);
    tac_free(s);
}

tac_status db_begin(db_store *s, tac_error *err) {
    err_clear(err);
    tac_status st = exec(s, "BEGIN IMMEDIATE", err);
    if (st == TAC_OK) s->in_tx = 1;
    return st;
}

tac_status db_commit(db_store *s, tac_error *err) {
    err_clear(err);
    tac_status st = exec(s, "COMMIT", err);
    if (st == TAC_OK) s->in_tx = 0;
    return st;
}

/* ---- writing ---------------------------------------------------------------- */

static void bind_str(sqlite3_stmt *q, int i, const char *v) {
    if (v) sqlite3_bind_text(q, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(q, i);
}

/* Binds v as JSON text (NULL for no v); -1 when it cannot be encoded (no
 * memory): binding NULL then would store a record without its JSON. */
static int bind_json(sqlite3_stmt *q, int i, json_t *v) {
    if (!v) return sqlite3_bind_null(q, i), 0;
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(10));
    if (!s) return -1;
    sqlite3_bind_text(q, i, s, -1, free);
    return 0;
}

/* Steps q and resets it: 0 done, -1 an SQLite error. */
static int run(sqlite3_stmt *q) {
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Statement q after a failed bind: cleared for the next use, -2 (no memory). */
static int unbind(sqlite3_stmt *q) {
    sqlite3_clear_bindings(q);
    return -2;
}

static const char *jstr(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The place object of e, resolved (an index into the article's places is
 * replaced by the place itself), or NULL. New reference. */
static json_t *place_of(json_t *rec, json_t *ev) {
    json_t *p = json_object_get(ev, "place");
    if (json_is_integer(p)) p = json_array_get(json_object_get(rec, "places"), (size_t)json_integer_value(p));
    return json_is_object(p) || json_is_string(p) ? json_incref(p) : NULL;
}

/* The put_ functions return 0, -1 on an SQLite error, -2 out of memory. */
static int put_event(db_store *s, json_t *rec, const char *aid, size_t n, json_t *ev, buf *key) {
    ow_event e;
    ow_event_read(&e, rec, ev);
    key->len = 0;
    if (ow_event_key(key, &e) || buf_putc(key, 0)) return -2;
    sqlite3_stmt *q = s->q[Q_EV];
    json_t *place = place_of(rec, ev);
    bind_str(q, 1, aid);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)n);
    bind_str(q, 3, e.id);
    bind_str(q, 4, key->data);
    bind_str(q, 5, e.date);
    bind_str(q, 6, e.src_code);
    bind_str(q, 7, e.tgt_code);
    bind_str(q, 8, e.cameo);
    bind_str(q, 9, e.base);
    bind_str(q, 10, e.root);
    if (e.quad) sqlite3_bind_int(q, 11, e.quad);
    if (e.has_goldstein) sqlite3_bind_double(q, 12, e.goldstein);
    bind_str(q, 13, e.pl_country);
    int bad = bind_json(q, 14, place) || bind_json(q, 15, ev);
    json_decref(place);
    return bad ? unbind(q) : run(q);
}

static int put_mention(db_store *s, const char *aid, size_t n, json_t *m) {
    sqlite3_stmt *q = s->q[Q_MN];
    json_t *span = json_object_get(m, "span"), *sent = json_object_get(m, "sentence");
    bind_str(q, 1, aid);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)n);
    bind_str(q, 3, jstr(m, "text"));
    bind_str(q, 4, jstr(m, "code"));
    if (json_is_integer(sent)) sqlite3_bind_int64(q, 5, json_integer_value(sent));
    if (json_is_integer(json_array_get(span, 0))) sqlite3_bind_int64(q, 6, json_integer_value(json_array_get(span, 0)));
    if (json_is_integer(json_array_get(span, 1))) sqlite3_bind_int64(q, 7, json_integer_value(json_array_get(span, 1)));
    return run(q);
}

static int put_quote(db_store *s, const char *aid, size_t n, json_t *qt) {
    sqlite3_stmt *q = s->q[Q_QT];
    json_t *sp = json_object_get(qt, "speaker");
    /* the speaker may be a name or a mention object; keep its text */
    const char *speaker = json_is_string(sp) ? json_string_value(sp) : jstr(sp, "text");
    bind_str(q, 1, aid);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)n);
    bind_str(q, 3, jstr(qt, "text"));
    bind_str(q, 4, speaker);
    bind_str(q, 5, jstr(qt, "kind"));
    return bind_json(q, 6, qt) ? unbind(q) : run(q);
}

tac_status db_put_article(db_store *s, json_t *rec, tac_error *err) {
    err_clear(err);
    const char *aid = jstr(rec, "id");
    if (!aid) return err_set(err, TAC_EINVAL, s->path, 0, -1, "record without an id");
    sqlite3_stmt *q = s->q[Q_DEL];
    bind_str(q, 1, aid);
    if (run(q)) return db_fail(s, err, "cannot replace article");
    /* the stored article keeps its fields but not the per-event arrays
     * that live in their own tables */
    json_t *art = json_copy(rec);
    if (!art) return err_set(err, TAC_ENOMEM, s->path, 0, -1, "out of memory");
    json_object_del(art, "events");
    json_object_del(art, "mentions");
    json_object_del(art, "quotes");
    /* the text, when the record carries it, has its own column: evidence
     * sentences are cut from it by the spans (tacitus serve) */
    json_object_del(art, "text");
    q = s->q[Q_ART];
    bind_str(q, 1, aid);
    bind_str(q, 2, jstr(rec, "source"));
    bind_str(q, 3, jstr(rec, "url"));
    bind_str(q, 4, jstr(rec, "title"));
    bind_str(q, 5, jstr(rec, "date"));
    if (bind_json(q, 6, art)) {
        json_decref(art);
        unbind(q);
        return err_set(err, TAC_ENOMEM, s->path, 0, -1, "out of memory");
    }
    json_t *text = json_object_get(rec, "text");
    if (json_is_string(text))
        sqlite3_bind_text(q, 7, json_string_value(text), (int)json_string_length(text), SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, 7);
    json_decref(art);
    if (run(q)) return db_fail(s, err, "cannot store article");
    buf key;
    buf_init(&key);
    size_t i;
    json_t *v;
    int rc = 0;
    const char *what = "event";
    json_array_foreach(json_object_get(rec, "events"), i, v) if (!rc) rc = put_event(s, rec, aid, i, v, &key);
    if (!rc) what = "mention";
    json_array_foreach(json_object_get(rec, "mentions"), i, v) if (!rc) rc = put_mention(s, aid, i, v);
    if (!rc) what = "quote";
    json_array_foreach(json_object_get(rec, "quotes"), i, v) if (!rc) rc = put_quote(s, aid, i, v);
    buf_free(&key);
    if (rc == -2) return err_set(err, TAC_ENOMEM, s->path, 0, -1, "out of memory");
    if (rc) return err_set(err, TAC_EIO, s->path, 0, -1, "cannot store %s: %s", what, sqlite3_errmsg(s->db));
    return TAC_OK;
}

/* ---- reading ---------------------------------------------------------------- */

tac_status db_query(db_store *s, const db_filter *f, db_event_fn fn, void *ctx, tac_error *err) {
    err_clear(err);
    buf sql;
    buf_init(&sql);
    tac_status st = TAC_OK;
    sqlite3_stmt *q = NULL;
    if (buf_puts(&sql, "SELECT a.id, a.source, a.url, a.title, a.date, e.place, e.json"
                       " FROM events e JOIN articles a ON a.id = e.article_id WHERE 1") ||
        (f->actor && buf_puts(&sql, " AND (substr(e.source_code, 1, length(?1)) = ?1"
                                    " OR substr(e.target_code, 1, length(?1)) = ?1)")) ||
        (f->cameo && buf_puts(&sql, " AND substr(e.cameo, 1, length(?2)) = ?2")) ||
        (f->quad && buf_puts(&sql, " AND e.quad = ?3")) ||
        (f->from && buf_puts(&sql, " AND e.date >= ?4")) || (f->to && buf_puts(&sql, " AND e.date <= ?5")) ||
        (f->place && buf_puts(&sql, " AND e.place_country = ?6")) ||
        buf_puts(&sql, " ORDER BY e.date, a.id, e.n") || buf_putc(&sql, 0)) {
        buf_free(&sql);
        return err_set(err, TAC_ENOMEM, s->path, 0, -1, "out of memory");
    }
    if (sqlite3_prepare_v2(s->db, sql.data, -1, &q, NULL) != SQLITE_OK) {
        st = db_fail(s, err, "cannot query");
        goto done;
    }
    bind_str(q, 1, f->actor);
    bind_str(q, 2, f->cameo);
    sqlite3_bind_int(q, 3, f->quad);
    bind_str(q, 4, f->from);
    bind_str(q, 5, f->to);
    bind_str(q, 6, f->place);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_error_t je;
        json_t *ev = json_loads((const char *)sqlite3_column_text(q, 6), 0, &je);
        json_t *art = json_object();
        if (!ev || !art) {
            json_decref(ev);
            json_decref(art);
            st = err_set(err, ev ? TAC_ENOMEM : TAC_EFORMAT, s->path, 0, -1,
                         "stored event of article '%s' does not parse", sqlite3_column_text(q, 0));
            goto done;
        }
        /* every set checked: a field lost to a failed allocation would
         * give a wrong record, not an error */
        static const char *const cols[] = {"id", "source", "url", "title", "date"};
        int bad = 0;
        for (int c = 0; c < 5; c++)
            if (sqlite3_column_type(q, c) == SQLITE_TEXT)
                bad |= json_object_set_new(art, cols[c], json_string((const char *)sqlite3_column_text(q, c)));
        if (sqlite3_column_type(q, 5) == SQLITE_TEXT) {
            /* stored by db_put_article, so a failure here is memory */
            json_t *pl = json_loads((const char *)sqlite3_column_text(q, 5), JSON_DECODE_ANY, &je);
            bad |= json_object_set_new(ev, "place", pl);
        }
        json_t *evs = json_array();
        bad |= json_array_append_new(evs, ev);
        bad |= json_object_set_new(art, "events", evs);
        if (bad) {
            json_decref(art);
            st = err_set(err, TAC_ENOMEM, s->path, 0, -1, "out of memory");
            goto done;
        }
        int stop = fn(ctx, art);
        json_decref(art);
        if (stop) {
            st = err_set(err, TAC_EIO, NULL, 0, -1, "output failed");
            goto done;
        }
    }
    if (rc != SQLITE_DONE) st = db_fail(s, err, "query failed");
done:
    sqlite3_finalize(q);
    buf_free(&sql);
    return st;
}

long long db_count(db_store *s, const char *table) {
    static const char *const ok[] = {"articles", "events", "mentions", "quotes"};
    int known = 0;
    for (int i = 0; i < 4; i++) known |= !strcmp(table, ok[i]);
    if (!known) return -1;
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) return -1;
    long long n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
    sqlite3_finalize(q);
    return n;
}
