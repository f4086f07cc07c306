/*
 * test_writers.c - the GDELT, PLOVER and CSV writers on hand-made native
 * records: column count, a row laid out as a real GDELT row
 * (data/formats/gdelt2_events_sample100.tsv, line 2), actor code
 * splitting, quoting, and records PLOVER cannot carry.
 */
#include "check.h"
#include "io/out.h"

#include <stdlib.h>

/* Splits a tab-separated line (newline stripped) into at most 80 fields. */
static int split(char *line, char **f) {
    int n = 0;
    line[strcspn(line, "\n")] = 0;
    for (char *p = line;; ) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t || n == 80) break;
        *t = 0;
        p = t + 1;
    }
    return n;
}

static json_t *load(const char *s) {
    json_error_t e;
    json_t *j = json_loads(s, 0, &e);
    if (!j) fprintf(stderr, "bad test JSON: %s\n", e.text);
    return j;
}

/* Line 2 of the sample: an unnamed actor and IND/MUMBAI, 042 on 2014-02-18,
 * action in Bengaluru. */
static const char *mumbai =
    "{\"id\":\"a1\",\"url\":\"http://example.com/a\",\"source\":\"example.com\",\"date\":\"2014-02-18\","
    "\"events\":[{\"id\":\"a1-e1\",\"sentence\":0,\"date\":\"2014-02-18\","
    "\"source\":null,\"target\":{\"text\":\"Mumbai\",\"code\":\"IND\",\"span\":[0,6]},"
    "\"cameo\":\"042\",\"base\":\"042\",\"root\":\"04\",\"quad_class\":1,\"goldstein\":1.9,"
    "\"plover\":{\"type\":\"CONSULT\",\"mode\":null,\"context\":null},\"modality\":\"asserted\","
    "\"trigger\":{\"text\":\"visit\",\"span\":[7,12]},\"place\":0}],"
    "\"places\":[{\"name\":\"Bengaluru\",\"country\":\"IND\",\"admin1\":\"19\",\"lat\":12.9833,"
    "\"lon\":77.5833,\"geonames_id\":1277333,\"feature\":\"PPLA\"}]}";

static void test_gdelt_layout(const ow_tables *t) {
    json_t *art = load(mumbai);
    CHECK(art != NULL);
    if (!art) return;
    buf b;
    buf_init(&b);
    size_t nev = 0;
    CHECK(ow_article(&b, t, TAC_OUTPUT_GDELT, art, &nev) == 0);
    CHECK(nev == 1);
    CHECK(b.len > 0 && b.data[b.len - 1] == '\n');
    buf_putc(&b, 0);
    char *ours[80], *real[80];
    int n = split(b.data, ours);
    CHECK(n == 61);
    FILE *f = fopen("data/formats/gdelt2_events_sample100.tsv", "r");
    char line[4096] = "";
    CHECK(f != NULL);
    if (f) {
        CHECK(fgets(line, sizeof line, f) && fgets(line, sizeof line, f));
        fclose(f);
    }
    int m = split(line, real);
    CHECK(m == 61);
    if (n == 61 && m == 61) {
        /* the columns tacitus knows for this event equal GDELT's (1-based numbers) */
        static const int same[] = {2, 3, 4, 5, 6, 7, 8, 16, 17, 18, 26, 27, 28, 29, 30, 31, 52, 54, 55};
        for (size_t i = 0; i < sizeof same / sizeof *same; i++) CHECK_STR(ours[same[i] - 1], real[same[i] - 1]);
        CHECK(atof(ours[56]) == atof(real[56])); /* ActionGeo_Lat, _Long */
        CHECK(atof(ours[57]) == atof(real[57]));
        CHECK_STR(ours[52], "Bengaluru");
        CHECK_STR(ours[58], "1277333");
        CHECK_STR(ours[59], "20140218000000");
        CHECK_STR(ours[60], "http://example.com/a");
        CHECK_STR(ours[31], "1"); /* NumMentions */
        CHECK_STR(ours[34], "");  /* AvgTone: not computed */
        CHECK_STR(ours[5], "");   /* no Actor1 */
        CHECK(strtoull(ours[0], NULL, 10) == ow_event_number("a1-e1"));
    }
    buf_free(&b);
    json_decref(art);
}

static void test_actor_split(const ow_tables *t) {
    ow_actor a;
    ow_actor_split(t, "USAGOVMIL", &a);
    CHECK_STR(a.country, "USA");
    CHECK_STR(a.type[0], "GOV");
    CHECK_STR(a.type[1], "MIL");
    ow_actor_split(t, "IRQSHIREB", &a);
    CHECK_STR(a.country, "IRQ");
    CHECK_STR(a.rel1, "SHI");
    CHECK_STR(a.type[0], "REB");
    ow_actor_split(t, "GOV", &a);
    CHECK_STR(a.country, "");
    CHECK_STR(a.type[0], "GOV");
    ow_actor_split(t, NULL, &a);
    CHECK_STR(a.country, "");
}

/* Empty and odd fields: no target, no date, tab and comma in texts, a
 * root-01 event PLOVER has no type for. */
static void test_sparse(const ow_tables *t) {
    json_t *art = load(
        "{\"id\":\"x,1\",\"events\":[{\"id\":\"x-e1\",\"source\":{\"text\":\"Tab\\there, \\\"q\\\"\","
        "\"code\":\"FRA\"},\"cameo\":\"010\",\"base\":\"010\",\"root\":\"01\",\"quad_class\":1,"
        "\"plover\":null},{\"id\":\"x-e2\"}]}");
    CHECK(art != NULL);
    if (!art) return;
    buf b;
    buf_init(&b);
    CHECK(ow_article(&b, t, TAC_OUTPUT_GDELT, art, NULL) == 0);
    buf_putc(&b, 0);
    char *rows = b.data, *nl = strchr(rows, '\n');
    CHECK(nl != NULL);
    if (nl) {
        *nl = 0;
        char *f[80];
        CHECK(split(rows, f) == 61);
        CHECK_STR(f[6], "TAB HERE, \"Q\""); /* tab became a space */
        CHECK_STR(f[1], "");
        CHECK_STR(f[30], "");
        CHECK(split(nl + 1, f) == 61); /* the empty event still gives a full row */
    }
    b.len = 0;
    CHECK(ow_article(&b, t, TAC_OUTPUT_PLOVER, art, NULL) == 0);
    CHECK(b.len == 0); /* neither has a PLOVER type and a date */
    b.len = 0;
    CHECK(ow_article(&b, t, TAC_OUTPUT_CSV, art, NULL) == 0);
    buf_putc(&b, 0);
    CHECK(strstr(b.data, "x-e1,\"x,1\",,FRA,\"Tab\there, \"\"q\"\"\",,,010,") == b.data);
    buf_free(&b);
    json_decref(art);
}

static void test_plover(const ow_tables *t) {
    json_t *art = load(
        "{\"id\":\"p\",\"date\":\"2014-02-18\",\"events\":[{\"id\":\"p-e1\",\"sentence\":2,"
        "\"source\":{\"text\":\"India\",\"code\":\"INDGOV\"},\"target\":{\"text\":\"US\",\"code\":\"USA\"},"
        "\"cameo\":\"042\",\"quad_class\":1,\"plover\":{\"type\":\"CONSULT\",\"mode\":\"visit\"},"
        "\"place\":{\"name\":\"Bengaluru\",\"country\":\"IND\",\"geonames_id\":1277333}}]}");
    if (!art) return;
    buf b;
    buf_init(&b);
    CHECK(ow_article(&b, t, TAC_OUTPUT_PLOVER, art, NULL) == 0);
    buf_putc(&b, 0);
    json_error_t e;
    json_t *r = json_loads(b.data, 0, &e);
    CHECK(r != NULL);
    CHECK_STR(json_string_value(json_object_get(r, "id")), "p-e1");
    CHECK_STR(json_string_value(json_object_get(r, "date")), "2014-02-18");
    CHECK_STR(json_string_value(json_array_get(json_object_get(r, "event"), 0)), "CONSULT");
    json_t *actor = json_array_get(json_object_get(r, "actor"), 0);
    CHECK_STR(json_string_value(json_object_get(actor, "code")), "IND");
    CHECK_STR(json_string_value(json_object_get(actor, "sector")), "GOV");
    CHECK_STR(json_string_value(json_array_get(json_object_get(r, "mode"), 0)), "visit");
    CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(r, "recipient"), 0), "code")), "USA");
    CHECK(json_integer_value(json_object_get(json_object_get(r, "event_loc"), "geonameid")) == 1277333);
    json_decref(r);
    buf_free(&b);
    json_decref(art);
}

/* An event record written, read back and written again gives the same bytes. */
static void test_record_roundtrip(const ow_tables *t) {
    json_t *art = load(mumbai);
    if (!art) return;
    buf a, b;
    buf_init(&a);
    buf_init(&b);
    CHECK(ow_article(&a, t, TAC_OUTPUT_JSON, art, NULL) == 0);
    json_error_t e;
    json_t *rec = json_loadb(a.data, a.len, 0, &e);
    CHECK(rec != NULL);
    ow_event ev;
    CHECK(rec && ow_event_read_record(&ev, rec) == 0);
    if (rec) CHECK(ow_event_write(&b, t, TAC_OUTPUT_JSON, &ev) == 0);
    CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    buf_putc(&a, 0);
    CHECK(strstr(a.data, "\"key\":\"2014-02-18||IND|042|g1277333\"") != NULL);
    json_decref(rec);
    buf_free(&a);
    buf_free(&b);
    json_decref(art);
}

int main(void) {
    ow_tables *t = NULL;
    tac_error err;
    CHECK(ow_tables_open("data", &t, &err) == TAC_OK);
    CHECK_STR(ow_fips(t, "IND"), "IN");
    CHECK(ow_fips(t, "XXX") == NULL);
    test_gdelt_layout(t);
    test_actor_split(t);
    test_sparse(t);
    test_plover(t);
    test_record_roundtrip(t);
    ow_tables_free(t);
    return check_done("test_writers");
}
