/*
 * merge.c - de-duplication of events across articles and shard outputs:
 * a map from event key to the union of its mentions and a representative
 * record, written out sorted by key (contract in out.h). The map is a
 * jansson object, which is a hash table of strings.
 */
#include "out.h"
#include "../core/alloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct mg_group {
    char *key;
    json_t *best;       /* the representative event record */
    char *best_mkey;    /* its smallest mention key */
    json_t *mentions;   /* object: mention key -> mention */
} mg_group;

struct mg_set {
    json_t *index;      /* key -> integer index into v */
    mg_group *v;
    size_t n, cap;
};

mg_set *mg_new(void) {
    mg_set *m = tac_calloc(1, sizeof *m);
    if (m && !(m->index = json_object())) { tac_free(m); return NULL; }
    return m;
}

void mg_free(mg_set *m) {
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) {
        tac_free(m->v[i].key);
        tac_free(m->v[i].best_mkey);
        json_decref(m->v[i].best);
        json_decref(m->v[i].mentions);
    }
    tac_free(m->v);
    json_decref(m->index);
    tac_free(m);
}

size_t mg_count(const mg_set *m) { return m->n; }

/* "article \x1f event": the identity of a mention. */
static char *mention_key(json_t *mn) {
    const char *a = json_string_value(json_object_get(mn, "article"));
    const char *e = json_string_value(json_object_get(mn, "event"));
    a = a ? a : "";
    e = e ? e : "";
    size_t la = strlen(a), le = strlen(e);
    char *k = tac_malloc(la + le + 2);
    if (!k) return NULL;
    memcpy(k, a, la);
    k[la] = '\x1f';
    memcpy(k + la + 1, e, le + 1);
    return k;
}

static mg_group *group_of(mg_set *m, const char *key) {
    json_t *ix = json_object_get(m->index, key);
    if (ix) return &m->v[json_integer_value(ix)];
    if (tac_grow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v)) return NULL;
    mg_group *g = &m->v[m->n];
    memset(g, 0, sizeof *g);
    if (!(g->key = tac_strdup(key)) || !(g->mentions = json_object()) ||
        json_object_set_new(m->index, key, json_integer((json_int_t)m->n))) {
        tac_free(g->key);
        json_decref(g->mentions);
        return NULL;
    }
    m->n++;
    return g;
}

int mg_add_record(mg_set *m, json_t *rec) {
    ow_event e;
    if (ow_event_read_record(&e, rec)) return -2;
    buf key;
    buf_init(&key);
    int rc = -1;
    char *min = NULL;
    if (ow_event_key(&key, &e) || buf_putc(&key, 0)) goto done;
    mg_group *g = group_of(m, key.data);
    if (!g) goto done;
    size_t i;
    json_t *mn;
    json_array_foreach(e.mentions, i, mn) {
        char *k = mention_key(mn);
        if (!k) goto done;
        if (!json_object_get(g->mentions, k) && json_object_set(g->mentions, k, mn)) { tac_free(k); goto done; }
        if (!min || strcmp(k, min) < 0) { tac_free(min); min = k; }
        else tac_free(k);
    }
    if (min && (!g->best_mkey || strcmp(min, g->best_mkey) < 0)) {
        json_decref(g->best);
        tac_free(g->best_mkey);
        g->best = json_incref(rec);
        g->best_mkey = min;
        min = NULL;
    }
    rc = 0;
done:
    tac_free(min);
    buf_free(&key);
    return rc;
}

int mg_add_article(mg_set *m, json_t *art) {
    /* each event becomes its own one-mention record, then merges like any record */
    buf b;
    buf_init(&b);
    size_t i;
    json_t *ev;
    int rc = 0;
    json_array_foreach(json_object_get(art, "events"), i, ev) {
        ow_event e;
        ow_event_read(&e, art, ev);
        b.len = 0;
        if (ow_merged_json(&b, &e)) { rc = -1; break; }
        json_error_t je;
        json_t *rec = json_loadb(b.data, b.len, 0, &je);
        if (!rec) { rc = -1; break; }
        rc = mg_add_record(m, rec);
        json_decref(rec);
        if (rc) break;
    }
    buf_free(&b);
    return rc;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Distinct values of field f among the mentions (outlet falls back to the
 * article: an article of unknown outlet counts as its own source). */
static long long distinct(json_t *ms, const char *f) {
    json_t *seen = json_object();
    size_t i;
    json_t *mn;
    json_array_foreach(ms, i, mn) {
        const char *v = json_string_value(json_object_get(mn, f));
        if (!v) v = json_string_value(json_object_get(mn, "article"));
        if (seen && v) json_object_set_new(seen, v, json_true());
    }
    long long n = seen ? (long long)json_object_size(seen) : 0;
    json_decref(seen);
    return n;
}

/* Writes group g: its mentions sorted by key, the counts, the representative. */
static int write_group(const mg_group *g, const ow_tables *t, tac_output fmt, buf *b) {
    size_t n = json_object_size(g->mentions), k = 0;
    const char **keys = tac_calloc(n ? n : 1, sizeof *keys);
    json_t *arr = json_array();
    int rc = -1;
    if (!keys || !arr) goto done;
    const char *key;
    json_t *mn;
    json_object_foreach(g->mentions, key, mn) keys[k++] = key;
    qsort(keys, n, sizeof *keys, cmp_str);
    for (k = 0; k < n; k++)
        if (json_array_append(arr, json_object_get(g->mentions, keys[k]))) goto done;
    ow_event e;
    if (ow_event_read_record(&e, g->best)) goto done; /* cannot happen: read when added */
    e.mentions = arr;
    e.num_mentions = (long long)n;
    e.num_articles = distinct(arr, "article");
    e.num_sources = distinct(arr, "outlet");
    rc = ow_event_write(b, t, fmt, &e);
done:
    json_decref(arr);
    tac_free(keys);
    return rc;
}

static int cmp_group(const void *a, const void *b) {
    return strcmp((*(mg_group *const *)a)->key, (*(mg_group *const *)b)->key);
}

int mg_write(mg_set *m, const ow_tables *t, tac_output fmt,
             int (*write)(void *ctx, const char *p, size_t n), void *ctx) {
    mg_group **order = tac_calloc(m->n ? m->n : 1, sizeof *order);
    if (!order) return -1;
    for (size_t i = 0; i < m->n; i++) order[i] = &m->v[i];
    qsort(order, m->n, sizeof *order, cmp_group);
    buf b;
    buf_init(&b);
    int rc = 0;
    for (size_t i = 0; i < m->n && !rc; i++) {
        b.len = 0;
        if (write_group(order[i], t, fmt, &b)) rc = -1;
        else if (b.len && write(ctx, b.data, b.len)) rc = -2;
    }
    buf_free(&b);
    tac_free(order);
    return rc;
}
