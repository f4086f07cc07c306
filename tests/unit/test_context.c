/*
 * test_context.c - the context stage: absolute, relative and ranged dates
 * against a publication date, numbers with scales, vague quantities,
 * percent, money and counted nouns, with and without the parse models,
 * and the seed article's dates and figures.
 */
#include <stdlib.h>
#include "check.h"
#include "code/context.h"
#include "core/doc.h"
#include "tacitus.h"

static tac_engine *eng;
static tac_doc *doc;

static int code(tac_engine *e, const char *text, const char *date) {
    tac_article a = {.id = "t", .text = text, .text_len = strlen(text), .date = date};
    tac_error err;
    return tac_engine_code(e, &a, doc, &err) == TAC_OK;
}

/* Text of tokens [t0, t1) in a static buffer. */
static const char *span_text(uint32_t t0, uint32_t t1) {
    static char b[256];
    size_t a = doc->tokens.v[t0].start, z = doc->tokens.v[t1 - 1].end;
    snprintf(b, sizeof b, "%.*s", (int)(z - a), doc->norm.data + a);
    return b;
}

/* Value of the date whose text is `text` ("(none)" when absent, "(null)"
 * when unresolved), optionally its granularity. */
static const char *date_of(const char *text, cx_gran *g) {
    const cx_layer *L = cx_get(doc);
    for (size_t i = 0; L && i < L->ndates; i++)
        if (strcmp(span_text(L->dates[i].tok0, L->dates[i].tok1), text) == 0) {
            if (g) *g = L->dates[i].gran;
            return L->dates[i].value ? L->dates[i].value : "(null)";
        }
    return "(none)";
}

static const cx_number *number_of(const char *text) {
    const cx_layer *L = cx_get(doc);
    for (size_t i = 0; L && i < L->nnumbers; i++)
        if (strcmp(span_text(L->numbers[i].tok0, L->numbers[i].tok1), text) == 0)
            return &L->numbers[i];
    return NULL;
}

static size_t ndates(void) { return cx_get(doc) ? cx_get(doc)->ndates : 0; }
static size_t nnumbers(void) { return cx_get(doc) ? cx_get(doc)->nnumbers : 0; }

/* n has value v, unit u (NULL for none) and approx flag a. */
static int num_is(const cx_number *n, double v, const char *u, int a) {
    if (!n) return 0;
    int unit_ok = u ? (n->unit && strcmp(n->unit, u) == 0) : !n->unit;
    return n->value == v && unit_ok && (int)n->approx == a;
}

static void test_calendar(void) {
    long z;
    CHECK(cx_days(1970, 1, 1) == 0);
    CHECK(cx_parse_iso("2024-01-11", 10, &z) == 0 && z == cx_days(2024, 1, 11));
    int y, m, dd;
    cx_civil(cx_days(2024, 2, 29) + 1, &y, &m, &dd);
    CHECK(y == 2024 && m == 3 && dd == 1);
    CHECK(cx_parse_iso("2023-02-29", 10, &z) == -1);
    CHECK(cx_parse_iso("2023-13-01", 10, &z) == -1);
    CHECK(cx_parse_iso("2023-1-01", 9, &z) == -1);
    CHECK(cx_triggers_sorted());
}

static void test_absolute(tac_engine *e) {
    cx_gran g = CX_RANGE;
    CHECK(code(e, "Officials met on October 17, 2023 in Baghdad.", "2024-01-11"));
    CHECK_STR(date_of("October 17, 2023", &g), "2023-10-17");
    CHECK(g == CX_DAY);
    CHECK(nnumbers() == 0);     /* the day and the year are not figures */
    CHECK(code(e, "They met on 17 Oct. 2023 and again on 2023-10-17.", "2024-01-11"));
    CHECK_STR(date_of("17 Oct. 2023", NULL), "2023-10-17");
    CHECK_STR(date_of("2023-10-17", NULL), "2023-10-17");
    CHECK(code(e, "The vote was held on Jan. 9 in Kabul.", "2024-01-11"));
    CHECK_STR(date_of("Jan. 9", NULL), "2024-01-09");
    CHECK(code(e, "The talks began on December 20 in Doha.", "2024-01-11"));
    CHECK_STR(date_of("December 20", NULL), "2023-12-20");  /* latest before publication */
    CHECK(code(e, "The report came out in January 2024 and covered 2023.", "2024-01-11"));
    CHECK_STR(date_of("January 2024", &g), "2024-01");
    CHECK(g == CX_MONTH);
    CHECK_STR(date_of("2023", &g), "2023");
    CHECK(g == CX_YEAR);
    CHECK(code(e, "It sent 2000 troops.", "2024-01-11"));
    CHECK(ndates() == 0 && num_is(number_of("2000"), 2000, "troop", 0));
    CHECK(code(e, "No date on June 31, 2023 exists.", "2024-01-11"));
    CHECK_STR(date_of("June 31, 2023", NULL), "(none)");
    CHECK(code(e, "Friday, July 21, 2017\n\nA team won.", "2017-07-21"));
    CHECK_STR(date_of("Friday, July 21, 2017", NULL), "2017-07-21");
    CHECK(ndates() == 1);
    CHECK(code(e, "The pact may fail.", "2024-01-11"));
    CHECK(ndates() == 0);       /* the modal is not the month */
}

static void test_relative(tac_engine *e) {
    /* 2024-01-11 is a Thursday */
    CHECK(code(e, "The minister said on Tuesday that talks had ended.", "2024-01-11"));
    CHECK_STR(date_of("Tuesday", NULL), "2024-01-09");
    CHECK(code(e, "The talks will resume on Tuesday.", "2024-01-11"));
    CHECK_STR(date_of("Tuesday", NULL), "2024-01-16");
    CHECK(code(e, "They met last Thursday.", "2024-01-11"));
    CHECK_STR(date_of("last Thursday", NULL), "2024-01-04");
    CHECK(code(e, "Yesterday the army withdrew, and today it returned.", "2024-01-11"));
    CHECK_STR(date_of("Yesterday", NULL), "2024-01-10");
    CHECK_STR(date_of("today", NULL), "2024-01-11");
    CHECK(code(e, "Protests grew last week and earlier this month.", "2024-01-11"));
    CHECK_STR(date_of("last week", NULL), "2024-01-01/2024-01-07");
    CHECK_STR(date_of("earlier this month", NULL), "2024-01-01/2024-01-11");
    CHECK(code(e, "The summit is next month; the vote was last year.", "2024-01-11"));
    CHECK_STR(date_of("next month", NULL), "2024-02");
    CHECK_STR(date_of("last year", NULL), "2023");
    CHECK(code(e, "Forty people died three days ago.", "2024-01-11"));
    CHECK_STR(date_of("three days ago", NULL), "2024-01-08");
    CHECK(code(e, "It rose over the past 30 days, and began nearly a decade ago.", "2024-01-11"));
    CHECK_STR(date_of("the past 30 days", NULL), "2023-12-12/2024-01-11");
    CHECK_STR(date_of("a decade ago", NULL), "2014");
    CHECK(nnumbers() == 0);
    /* year-less dates: closest to publication in the present tense */
    CHECK(code(e, "The festival runs through March 11 this year.", "2007-03-05"));
    if (doc->xpos) CHECK_STR(date_of("March 11", NULL), "2007-03-11");  /* tense needs tags */
    CHECK(code(e, "The referendum is to be held from November 20 to December 11.", "2015-05-07"));
    if (doc->xpos)
        CHECK_STR(date_of("from November 20 to December 11", NULL), "2015-11-20/2015-12-11");
    CHECK(code(e, "He spoke this weekend, posted 24 hours ago, and met last weekend.",
               "2015-09-22"));     /* a Tuesday */
    CHECK_STR(date_of("this weekend", NULL), "2015-09-19/2015-09-20");
    CHECK_STR(date_of("24 hours ago", NULL), "2015-09-21");
    CHECK_STR(date_of("last weekend", NULL), "2015-09-19/2015-09-20");
    CHECK(code(e, "Yields fell over 2000 - 2050.", "2014-07-28"));
    CHECK_STR(date_of("2000 - 2050", NULL), "2000/2050");
    CHECK(code(e, "The remarks came a day after a US strike.", "2024-01-11"));
    CHECK_STR(date_of("a day after", NULL), "(null)");  /* anchored on the strike */
    CHECK(cx_get(doc)->ndates == 1 && strcmp(cx_get(doc)->dates[0].offset, "P1D") == 0);
    CHECK(nnumbers() == 0);
    /* without a publication date relative values stay null */
    CHECK(code(e, "The minister said on Tuesday that talks began on Jan. 9.", NULL));
    CHECK_STR(date_of("Tuesday", NULL), "(null)");
    CHECK_STR(date_of("Jan. 9", NULL), "(null)");
    CHECK(code(e, "Fighting began on October 17, 2023.", NULL));
    CHECK_STR(date_of("October 17, 2023", NULL), "2023-10-17");
}

static void test_ranges(tac_engine *e) {
    cx_gran g = CX_DAY;
    CHECK(code(e, "Fighting lasted from 2020 to 2022 and again between September and "
                  "November.", "2024-01-11"));
    CHECK_STR(date_of("from 2020 to 2022", &g), "2020/2022");
    CHECK(g == CX_RANGE);
    /* past or nearest, either reading gives last year */
    CHECK_STR(date_of("between September and November", NULL), "2023-09/2023-11");
    CHECK(code(e, "There were 127 attacks since October 17, 2023.", "2024-01-11"));
    CHECK_STR(date_of("since October 17, 2023", &g), "2023-10-17/2024-01-11");
    CHECK(g == CX_RANGE);
    CHECK_STR(date_of("October 17, 2023", NULL), "2023-10-17");
    CHECK(code(e, "There were 127 attacks since October 17, 2023.", NULL));
    CHECK_STR(date_of("since October 17, 2023", NULL), "2023-10-17/..");
    CHECK(code(e, "The 2020-2022 drought and the 1990s.", "2024-01-11"));
    CHECK_STR(date_of("2020-2022", NULL), "2020/2022");
    CHECK_STR(date_of("1990s", NULL), "1990/1999");
}

static void test_numbers(tac_engine *e) {
    CHECK(code(e, "The forces faced 127 attacks and kept 2,500 personnel for five years.",
               "2024-01-11"));
    CHECK(num_is(number_of("127"), 127, "attack", 0));
    CHECK(num_is(number_of("2,500"), 2500, "personnel", 0));
    CHECK(num_is(number_of("five"), 5, "year", 0));
    CHECK(code(e, "Two dozen soldiers and 3.2 million refugees; 1.5bn was pledged.", NULL));
    CHECK(num_is(number_of("Two dozen"), 24, "soldier", 0));
    CHECK(num_is(number_of("3.2 million"), 3.2e6, "refugee", 0));
    CHECK(num_is(number_of("1.5bn"), 1.5e9, NULL, 0));
    CHECK(code(e, "Dozens of protesters, hundreds of police and scores of drone and missile "
                  "attacks.", NULL));
    CHECK(num_is(number_of("Dozens"), 24, "protester", 1));
    CHECK(num_is(number_of("hundreds"), 200, "police", 1));
    CHECK(num_is(number_of("scores"), 40, "attack", 1));
    CHECK(code(e, "Tens of thousands of people marched and several soldiers were hurt.", NULL));
    CHECK(num_is(number_of("Tens of thousands"), 20000, "people", 1));
    CHECK(num_is(number_of("several"), 3, "soldier", 1));
    CHECK(code(e, "About 40 people died and at least 12 civilians were hurt.", NULL));
    CHECK(num_is(number_of("40"), 40, "people", 1));
    CHECK(num_is(number_of("12"), 12, "civilian", 1));
    CHECK(code(e, "Inflation hit 17.5% and unemployment 17.5 percent.", NULL));
    const cx_number *p = number_of("17.5%");
    CHECK(p && p->kind == CX_PERCENT && p->value == 17.5);
    p = number_of("17.5 percent");
    CHECK(p && p->kind == CX_PERCENT);
    CHECK(code(e, "The deal is worth $3.2bn, 3 million dollars and €5.", NULL));
    p = number_of("$3.2bn");
    CHECK(p && p->kind == CX_MONEY && p->value == 3.2e9 && p->currency &&
          strcmp(p->currency, "USD") == 0);
    p = number_of("3 million dollars");
    CHECK(p && p->kind == CX_MONEY && p->value == 3e6);
    p = number_of("€5");
    CHECK(p && p->kind == CX_MONEY && p->value == 5 && strcmp(p->currency, "EUR") == 0);
    CHECK(code(e, "The war has entered its 97th day.", NULL));
    p = number_of("97th");
    CHECK(p && p->kind == CX_ORDINAL && num_is(p, 97, "day", 0));
    CHECK(code(e, "It was forty percent; a quarter of citizens agreed. Wait until the fourth "
                  "or fifth day. About 100,000 Greeks attended.", NULL));
    p = number_of("forty percent");
    CHECK(p && p->kind == CX_PERCENT && p->value == 40);
    CHECK(num_is(number_of("a quarter"), 0.25, "citizen", 0));
    p = number_of("fourth");
    CHECK(p && p->kind == CX_ORDINAL && num_is(p, 4, "day", 0));
    CHECK(num_is(number_of("fifth"), 5, "day", 0));
    CHECK(num_is(number_of("100,000"), 100000, "Greek", 1));
    CHECK(code(e, "Shells fell near posts 542 and 543 and the #2 browser.", NULL));
    CHECK(nnumbers() == 0);
    CHECK(code(e, "Sweden won 1 - 0. A 19 year old and a nine-month-old child shared a "
                  "high-five.", NULL));
    CHECK(nnumbers() == 0);
    CHECK(code(e, "He paid US$ 20,000 after half an hour on day five and scored two or three "
                  "goals.", NULL));
    p = number_of("US$ 20,000");
    CHECK(p && p->kind == CX_MONEY && p->value == 20000 && strcmp(p->currency, "USD") == 0);
    CHECK(num_is(number_of("half"), 0.5, "hour", 0));
    CHECK(num_is(number_of("five"), 5, "day", 0));
    CHECK(num_is(number_of("two"), 2, "goal", 0));
    CHECK(num_is(number_of("three"), 3, "goal", 0));
    /* not claims: pronoun "one", clock times, ages, names with numbers, plain ordinals */
    CHECK(code(e, "Iraq is the one that decides. One of them left at 10:30 p.m. with a "
                  "25-year-old man. Resolution 2334 passed. The first meeting.", NULL));
    CHECK(nnumbers() == 0);
}

/* The seed article: the figures and dates the issue names. */
static void test_seed(tac_engine *e) {
    FILE *f = fopen("examples/seed-article.txt", "rb");
    CHECK(f != NULL);
    if (!f) return;
    static char text[16384];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    CHECK(code(e, text, "2024-01-11"));
    CHECK_STR(date_of("October 17, 2023", NULL), "2023-10-17");
    CHECK_STR(date_of("since October 17, 2023", NULL), "2023-10-17/2024-01-11");
    CHECK_STR(date_of("Tuesday", NULL), "2024-01-09");
    CHECK_STR(date_of("Monday", NULL), "2024-01-08");
    CHECK(num_is(number_of("127"), 127, "attack", 0));
    CHECK(num_is(number_of("2,500"), 2500, "personnel", 0));
    const cx_number *p = number_of("97th");
    CHECK(p && p->value == 97 && p->unit && strcmp(p->unit, "day") == 0);
    /* JSON elements follow the schema's required fields */
    buf b;
    buf_init(&b);
    CHECK(cx_json_dates(&b, doc) == 0 && cx_json_numbers(&b, doc) == 0);
    CHECK(b.data && strstr(b.data, "\"value\":\"2023-10-17\",\"granularity\":\"day\""));
    CHECK(b.data && strstr(b.data, "\"value\":127,\"unit\":\"attack\",\"approx\":false"));
    buf_free(&b);
}

static void run_all(tac_engine *e) {
    test_absolute(e);
    test_relative(e);
    test_ranges(e);
    test_numbers(e);
    test_seed(e);
}

int main(void) {
    tac_options o;
    tac_options_init(&o);
    o.data_dir = "data";
    tac_error err;
    if (tac_engine_open(&o, &eng, &err) != TAC_OK || tac_doc_new(&doc) != TAC_OK) {
        fprintf(stderr, "engine: %s\n", err.message);
        return 1;
    }
    test_calendar();
    run_all(eng);               /* with the tagger and parser when TACITUS_MODELS has them */
    tac_engine_free(eng);
    o.model_dir = "/nonexistent";   /* tokens only: the fallback rules */
    if (tac_engine_open(&o, &eng, &err) != TAC_OK) {
        fprintf(stderr, "engine: %s\n", err.message);
        return 1;
    }
    run_all(eng);
    tac_engine_free(eng);
    tac_doc_free(doc);
    return check_done("test_context");
}
