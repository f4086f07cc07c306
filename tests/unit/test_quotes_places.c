/*
 * test_quotes_places.c - the gazetteer (keys, lookups, demonyms, load
 * time), quotes with speakers, places, and what events take from them
 * (place, date, attribution, casualties), on the seed article and on short
 * texts, with and without the models.
 */
#include <stdlib.h>
#include <time.h>
#include "check.h"
#include "code/context.h"
#include "code/events.h"
#include "core/doc.h"
#include "geo/geo.h"
#include "tacitus.h"

static tac_doc *doc;

static int code(tac_engine *e, const char *text, const char *date) {
    tac_article a = {.id = "t", .text = text, .text_len = strlen(text), .date = date};
    tac_error err;
    return tac_engine_code(e, &a, doc, &err) == TAC_OK;
}

static const char *tokens_text(uint32_t t0, uint32_t t1, char *b, size_t cap) {
    size_t a = doc->tokens.v[t0].start, z = doc->tokens.v[t1 - 1].end;
    snprintf(b, cap, "%.*s", (int)(z - a), doc->norm.data + a);
    return b;
}

/* The speaker's text of the quote whose words begin with `start`, "(none)"
 * without a speaker, NULL when there is no such quote; kind in *direct. */
static const char *speaker_of(const char *start, int *direct) {
    static char b[256];
    const cx_layer *L = cx_get(doc);
    for (size_t i = 0; L && i < L->nquotes; i++) {
        const cx_quote *q = &L->quotes[i];
        char t[512];
        tokens_text(q->tok0, q->tok1, t, sizeof t);
        if (strncmp(t, start, strlen(start)) != 0) continue;
        if (direct) *direct = q->direct;
        if (q->speaker >= 0)
            return tokens_text(doc->mentions.v[q->speaker].first,
                               doc->mentions.v[q->speaker].last, b, sizeof b);
        if (q->stok1 > q->stok0) return tokens_text(q->stok0, q->stok1, b, sizeof b);
        return "(none)";
    }
    return NULL;
}

/* The place resolved for text `name` (NULL when it is not a place). */
static const geo_place *place_of(const char *name) {
    const cx_layer *L = cx_get(doc);
    for (size_t i = 0; L && i < L->nplaces; i++) {
        char t[128];
        if (strcmp(tokens_text(L->places[i].tok0, L->places[i].tok1, t, sizeof t), name) == 0)
            return L->places[i].place;
    }
    return NULL;
}

/* The first event whose trigger is `word`, or NULL. */
static const ev_event *event_of(const char *word) {
    for (size_t i = 0; doc->events && i < doc->events->n; i++) {
        char t[64];
        uint32_t k = doc->events->v[i].trigger;
        if (strcmp(tokens_text(k, k + 1, t, sizeof t), word) == 0) return &doc->events->v[i];
    }
    return NULL;
}

/* The event's context fields as JSON, in a static buffer. */
static const char *event_json(const ev_event *e) {
    static char out[2048];
    buf b;
    buf_init(&b);
    out[0] = 0;
    if (e && cx_json_event_context(&b, doc, e->sentence, e->trigger) == 0 && b.data)
        snprintf(out, sizeof out, "%s", b.data);
    buf_free(&b);
    return out;
}

static void test_gazetteer(void) {
    char k[64];
    CHECK(geo_key("Washington, D.C.", 16, k, sizeof k) == 13 && strcmp(k, "washington dc") == 0);
    CHECK(geo_key("  Ivory--Coast ", 15, k, sizeof k) && strcmp(k, "ivory coast") == 0);
    CHECK(geo_key("a very long name", 16, k, 8) == 0);
    struct timespec a, z, ca, cz;
    clock_gettime(CLOCK_MONOTONIC, &a);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
    geo_gaz *g = NULL;
    tac_error err;
    CHECK(geo_open("data", &g, &err) == TAC_OK && g);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cz);
    clock_gettime(CLOCK_MONOTONIC, &z);
    double ms = (z.tv_sec - a.tv_sec) * 1e3 + (z.tv_nsec - a.tv_nsec) / 1e6;
    double cpu = (cz.tv_sec - ca.tv_sec) * 1e3 + (cz.tv_nsec - ca.tv_nsec) / 1e6;
    printf("gazetteer: %zu places, %.1f MB, loaded in %.1f ms (%.1f ms CPU)\n", geo_count(g),
           geo_bytes(g) / 1e6, ms, cpu);
    /* load time is printed, not checked: timings belong to `make bench` */
    if (!g) return;
    CHECK(geo_count(g) > 30000);
    uint32_t c[16];
    size_t n = geo_find(g, "baghdad", 7, 0, c, 16);
    int city = 0;
    for (size_t i = 0; i < n && i < 16; i++) {
        const geo_place *p = geo_get(g, c[i]);
        city |= p->kind == GEO_CITY && !strcmp(p->iso3, "IRQ") && p->population > 1000000 &&
                p->lat > 33 && p->lat < 34 && p->lon > 44 && p->lon < 45;
    }
    CHECK(city);
    n = geo_find(g, "israel", 6, 0, c, 16);
    CHECK(n == 1 && !strcmp(geo_get(g, c[0])->name, "Israel") && geo_get(g, c[0])->lat > 29);
    /* "US" only in capitals: the pronoun "us" is not a country */
    CHECK(geo_find(g, "us", 2, 1, c, 16) >= 1 && !strcmp(geo_get(g, c[0])->iso3, "USA"));
    CHECK(geo_find(g, "us", 2, 0, c, 16) == 0);
    CHECK(geo_find(g, "west bank", 9, 0, c, 16) == 1 && geo_get(g, c[0])->kind == GEO_ADMIN1);
    CHECK_STR(geo_demonym(g, "iraqi", 5), "IRQ");
    CHECK(geo_demonym(g, "iraq", 4) == NULL);
    CHECK(geo_is_country(g, "PSE") && !geo_is_country(g, "XYZ"));
    geo_close(g);
    geo_gaz *none = NULL;
    CHECK(geo_open("/nonexistent", &none, &err) == TAC_OK && none == NULL);
    geo_close(NULL);
}

/* The checks on the seed article. */
static void test_seed(tac_engine *e, int models) {
    FILE *f = fopen("examples/seed-article.txt", "rb");
    CHECK(f != NULL);
    if (!f) return;
    static char text[16384];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    CHECK(code(e, text, "2024-01-11"));
    int direct = 0;
    CHECK_STR(speaker_of("According to the results of the negotiations", &direct), "Hussein");
    CHECK(direct);
    CHECK_STR(speaker_of("We do not want to create", &direct), "Hussein");
    CHECK(direct);
    const char *names[] = {"Iraq", "Baghdad", "Syria", "Gaza", "West Bank", "Israel"};
    const char *iso[] = {"IRQ", "IRQ", "SYR", "PSE", "PSE", "ISR"};
    for (int i = 0; i < 6; i++) {
        const geo_place *p = place_of(names[i]);
        CHECK(p && !strcmp(p->iso3, iso[i]) && (p->lat != 0 || p->lon != 0));
    }
    /* "Washington" is the government here, never a place */
    CHECK(place_of("Washington") == NULL);
    if (!models) return;
    CHECK_STR(speaker_of("Iraq is the one that determines", &direct), "Hussein");
    CHECK(!direct);
    CHECK_STR(speaker_of("it is important to rearrange", NULL), "Iraqi Prime Minister");
    CHECK_STR(speaker_of("the US forces in Iraq and Syria", NULL), "Pat Ryder");
    const ev_event *attack = event_of("attack");
    long p = attack ? cx_event_place(doc, attack->trigger) : -1;
    CHECK(p >= 0 && !strcmp(cx_get(doc)->places[p].place->name, "Baghdad"));
    for (size_t i = 0; doc->events && i < doc->events->n; i++) {
        long q = cx_event_place(doc, doc->events->v[i].trigger);
        CHECK(q < 0 || strcmp(cx_get(doc)->places[q].place->name, "Washington") != 0);
    }
    const ev_event *told = event_of("told");
    CHECK(told && strstr(event_json(told), "\"verb\":\"told Reuters\""));
}

static void test_short(tac_engine *e, int models) {
    CHECK(code(e, "Iraqi forces killed 12 militants and arrested 30 others in Mosul on Monday, "
                  "according to the Interior Ministry.\n\n"
                  "\xe2\x80\x9cWe will not stop,\xe2\x80\x9d the minister, Abdul Amir al-Shammari, "
                  "told Reuters. \xe2\x80\x9cThe operation continues until the city is safe.\xe2\x80\x9d\n\n"
                  "\"Our forces are ready,\" he said, \"and they will finish the job.\"\n\n"
                  "Officials called it a \"decisive new phase\" of the war.\n",
             "2024-01-11"));
    int direct = 0;
    const char *s = speaker_of("We will not stop", &direct);
    CHECK(direct && s && strstr(s, "Shammari"));
    /* the next sentence, and both halves of a split quote, keep the speaker */
    s = speaker_of("The operation continues", NULL);
    CHECK(s && strstr(s, "Shammari"));
    s = speaker_of("Our forces are ready", NULL);
    CHECK(s && strstr(s, "Shammari"));
    s = speaker_of("and they will finish the job", NULL);
    CHECK(s && strstr(s, "Shammari"));
    /* a quoted phrase after an article is not a quote */
    CHECK(speaker_of("decisive new phase", NULL) == NULL);
    CHECK_STR(speaker_of("Iraqi forces killed 12 militants", &direct), "Interior Ministry");
    CHECK(!direct);
    const geo_place *m = place_of("Mosul");
    CHECK(m && !strcmp(m->iso3, "IRQ") && m->kind == GEO_CITY);
    if (!models) return;
    const ev_event *k = event_of("killed");
    const char *j = event_json(k);
    CHECK(strstr(j, "\"dead\":12") && strstr(j, "\"arrested\":30"));
    CHECK(strstr(j, "\"attribution\":{\"text\":\"Interior Ministry\""));
    CHECK(strstr(j, "\"verb\":\"according to\""));

    /* a sentence-initial "He" speaks for the previous sentence's subject,
     * even one the NER model missed */
    CHECK(code(e, "Rathbun requested donations to help Montalvo with his legal defense.\n\n"
                  "He described Montalvo as a victim, \"facing the penitentiary for leaving a "
                  "life of slavery.\"\n", "2010-10-09"));
    CHECK_STR(speaker_of("facing the penitentiary", NULL), "Rathbun");

    /* a reporting verb at the end of its sentence reports what precedes */
    CHECK(code(e, "Almost half of all primary school children are iodine deficient, researchers "
                  "say.", "2006-02-23"));
    CHECK_STR(speaker_of("Almost half of all primary school children", &direct), "researchers");
    CHECK(!direct);

    /* a person's name is not a place, even where a city has it */
    CHECK(code(e, "Valeska Paris said she was kept in Clearwater, Florida for years. "
                  "Paris left the ship in 2007.", "2015-05-07"));
    CHECK(place_of("Paris") == NULL);
    const geo_place *c = place_of("Clearwater");
    CHECK(c && !strcmp(c->iso3, "USA") && c->admin1 && !strcmp(c->admin1, "Florida"));
    CHECK(place_of("Florida") != NULL);
    CHECK_STR(speaker_of("she was kept in Clearwater", NULL), "Valeska Paris");
}

int main(void) {
    test_gazetteer();
    tac_options o;
    tac_options_init(&o);
    o.data_dir = "data";
    tac_engine *eng;
    tac_error err;
    if (tac_engine_open(&o, &eng, &err) != TAC_OK || tac_doc_new(&doc) != TAC_OK) {
        fprintf(stderr, "engine: %s\n", err.message);
        return 1;
    }
    test_seed(eng, 1);
    test_short(eng, 1);
    tac_engine_free(eng);
    o.model_dir = "/nonexistent"; /* tokens only */
    if (tac_engine_open(&o, &eng, &err) != TAC_OK) {
        fprintf(stderr, "engine: %s\n", err.message);
        return 1;
    }
    test_seed(eng, 0);
    test_short(eng, 0);
    tac_engine_free(eng);
    tac_doc_free(doc);
    return check_done("test_quotes_places");
}
