/*
 * test_store.c - the SQLite store on hand-made records: an article with
 * events (one placed through the article's places), mentions and quotes;
 * replacing it; filters; errors naming the file; merging independent of
 * order.
 */
#include "check.h"
#include "io/out.h"
#include "store/store.h"

#include <stdlib.h>
#include <unistd.h>

static json_t *load(const char *s) {
    json_error_t e;
    json_t *j = json_loads(s, 0, &e);
    if (!j) fprintf(stderr, "bad test JSON: %s\n", e.text);
    return j;
}

static const char *art1 =
    "{\"id\":\"a\",\"source\":\"wire\",\"date\":\"2024-01-11\",\"events\":["
    "{\"id\":\"a-e1\",\"date\":\"2024-01-11\",\"source\":{\"code\":\"USAGOV\"},\"target\":{\"code\":\"IRQ\"},"
    "\"cameo\":\"042\",\"base\":\"042\",\"root\":\"04\",\"quad_class\":1,\"place\":0},"
    "{\"id\":\"a-e2\",\"date\":\"2024-01-11\",\"source\":{\"code\":\"IRQ\"},\"target\":null,"
    "\"cameo\":\"190\",\"base\":\"190\",\"root\":\"19\",\"quad_class\":4,\"place\":null}],"
    "\"places\":[{\"name\":\"Baghdad\",\"country\":\"IRQ\",\"geonames_id\":98182}],"
    "\"quotes\":[{\"text\":\"We will talk\",\"kind\":\"direct\",\"speaker\":{\"text\":\"the minister\"}}],"
    "\"mentions\":[{\"text\":\"US\",\"code\":\"USA\",\"span\":[0,2],\"sentence\":0}]}";

static const char *art1b =
    "{\"id\":\"a\",\"source\":\"wire\",\"date\":\"2024-01-11\",\"events\":["
    "{\"id\":\"a-e1\",\"date\":\"2024-01-11\",\"source\":{\"code\":\"USAGOV\"},\"target\":{\"code\":\"IRQ\"},"
    "\"cameo\":\"042\",\"base\":\"042\",\"root\":\"04\",\"quad_class\":1}],\"quotes\":[],\"mentions\":[]}";

typedef struct seen {
    int n;
    char place[32];
} seen;

static int count(void *ctx, json_t *art) {
    seen *s = ctx;
    s->n++;
    json_t *pl = json_object_get(json_array_get(json_object_get(art, "events"), 0), "place");
    const char *c = json_string_value(json_object_get(pl, "country"));
    snprintf(s->place, sizeof s->place, "%s", c ? c : "");
    return 0;
}

static void test_store(void) {
    char path[] = "/tmp/tacitus-test-store-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    db_store *db = NULL;
    tac_error err;
    CHECK(db_open(path, &db, &err) == TAC_OK);
    if (!db) return;
    json_t *a = load(art1), *b = load(art1b);
    CHECK(db_begin(db, &err) == TAC_OK);
    CHECK(db_put_article(db, a, &err) == TAC_OK);
    CHECK(db_commit(db, &err) == TAC_OK);
    CHECK(db_count(db, "articles") == 1);
    CHECK(db_count(db, "events") == 2);
    CHECK(db_count(db, "mentions") == 1);
    CHECK(db_count(db, "quotes") == 1);
    CHECK(db_count(db, "nonsense") == -1);
    db_filter f = {0};
    seen s = {0};
    f.place = "IRQ";
    CHECK(db_query(db, &f, count, &s, &err) == TAC_OK);
    CHECK(s.n == 1);
    CHECK_STR(s.place, "IRQ"); /* the place index was resolved when stored */
    memset(&f, 0, sizeof f);
    f.actor = "USA";
    s.n = 0;
    CHECK(db_query(db, &f, count, &s, &err) == TAC_OK && s.n == 1);
    f.actor = NULL;
    f.quad = 4;
    s.n = 0;
    CHECK(db_query(db, &f, count, &s, &err) == TAC_OK && s.n == 1);
    f.quad = 0;
    f.cameo = "04";
    f.to = "2024-01-10";
    s.n = 0;
    CHECK(db_query(db, &f, count, &s, &err) == TAC_OK && s.n == 0);
    /* the same id again replaces the article and all its rows */
    CHECK(db_begin(db, &err) == TAC_OK);
    CHECK(db_put_article(db, b, &err) == TAC_OK);
    CHECK(db_commit(db, &err) == TAC_OK);
    CHECK(db_count(db, "articles") == 1);
    CHECK(db_count(db, "events") == 1);
    CHECK(db_count(db, "mentions") == 0);
    CHECK(db_count(db, "quotes") == 0);
    /* an uncommitted batch is gone after close */
    CHECK(db_begin(db, &err) == TAC_OK);
    CHECK(db_put_article(db, a, &err) == TAC_OK);
    db_close(db);
    CHECK(db_open(path, &db, &err) == TAC_OK);
    if (db) CHECK(db_count(db, "events") == 1);
    db_close(db);
    json_decref(a);
    json_decref(b);
    char side[300];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    /* a directory is not a database: the error names it */
    CHECK(db_open("/tmp", &db, &err) != TAC_OK);
    CHECK_STR(err.file, "/tmp");
}

static int collect(void *ctx, const char *p, size_t n) { return buf_append(ctx, p, n); }

/* Two outlets report one event; the merge is the same in either order and
 * counts two mentions, two sources, two articles. */
static void test_merge_order(void) {
    const char *x = "{\"id\":\"x\",\"source\":\"s1\",\"events\":[{\"id\":\"x-e1\",\"date\":\"2024-01-11\","
                    "\"source\":{\"code\":\"FRA\"},\"target\":{\"code\":\"DEU\"},\"cameo\":\"0411\",\"base\":\"041\"}]}";
    const char *y = "{\"id\":\"y\",\"source\":\"s2\",\"events\":[{\"id\":\"y-e1\",\"date\":\"2024-01-11\","
                    "\"source\":{\"code\":\"FRA\"},\"target\":{\"code\":\"DEU\"},\"cameo\":\"041\",\"base\":\"041\"},"
                    "{\"id\":\"y-e2\",\"date\":\"2024-01-12\",\"source\":{\"code\":\"FRA\"},\"base\":\"041\"}]}";
    buf out[2];
    for (int order = 0; order < 2; order++) {
        mg_set *m = mg_new();
        json_t *a = load(order ? y : x), *b = load(order ? x : y);
        CHECK(m && a && b);
        if (!m || !a || !b) return;
        CHECK(mg_add_article(m, a) == 0 && mg_add_article(m, b) == 0);
        CHECK(mg_add_article(m, a) == 0); /* the same article twice counts once */
        CHECK(mg_count(m) == 2);
        buf_init(&out[order]);
        CHECK(mg_write(m, NULL, TAC_OUTPUT_JSON, collect, &out[order]) == 0);
        buf_putc(&out[order], 0);
        mg_free(m);
        json_decref(a);
        json_decref(b);
    }
    CHECK_STR(out[0].data, out[1].data);
    CHECK(strstr(out[0].data, "\"key\":\"2024-01-11|FRA|DEU|041|\",\"num_mentions\":2,\"num_sources\":2,"
                              "\"num_articles\":2,\"event\":{\"id\":\"x-e1\"") != NULL);
    buf_free(&out[0]);
    buf_free(&out[1]);
    /* not an event record */
    mg_set *m = mg_new();
    json_t *j = load("{\"id\":1}");
    CHECK(mg_add_record(m, j) == -2);
    json_decref(j);
    mg_free(m);
}

int main(void) {
    test_store();
    test_merge_order();
    return check_done("test_store");
}
