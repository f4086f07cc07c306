/*
 * test_text.c - normalization, the offset map, tokenization and sentence
 * splitting on the cases news text throws at them.
 */
#include "check.h"
#include "core/doc.h"
#include "text/normalize.h"
#include "text/offmap.h"
#include "text/token.h"
#include "tacitus.h"

#include <stdlib.h>

static tac_engine *eng;
static tac_doc *doc;

/* Codes text and returns the tokens joined by '|' (static buffer). */
static const char *toks(const char *text) {
    static char out[4096];
    tac_article a = {.id = "t", .text = text, .text_len = strlen(text)};
    tac_error err;
    if (tac_engine_code(eng, &a, doc, &err) != TAC_OK) return "(error)";
    size_t n = 0;
    out[0] = 0;
    for (size_t i = 0; i < tac_doc_token_count(doc); i++) {
        tac_token t;
        tac_doc_token(doc, i, &t);
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", i ? "|" : "", (int)t.text_len, t.text);
    }
    return out;
}

/* Codes text and returns the sentences joined by " || " (input slices). */
static const char *sents(const char *text) {
    static char out[8192];
    tac_article a = {.id = "t", .text = text, .text_len = strlen(text)};
    tac_error err;
    if (tac_engine_code(eng, &a, doc, &err) != TAC_OK) return "(error)";
    size_t n = 0;
    out[0] = 0;
    for (size_t i = 0; i < tac_doc_sentence_count(doc); i++) {
        tac_sentence s;
        tac_doc_sentence(doc, i, &s);
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", i ? " || " : "",
                              (int)(s.end - s.start), text + s.start);
    }
    return out;
}

static void test_normalize(void) {
    buf out;
    offmap m;
    nz_stats st;
    buf_init(&out);
    om_init(&m);
    /* typographic quotes, em dash, NBSP, zero-width space, CRLF, bad byte */
    const char *in = "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x94 a\xC2\xA0" "b\xE2\x80\x8B" "c\r\nd\xFF";
    CHECK(nz_normalize(in, strlen(in), &out, &m, &st) == 0);
    CHECK_STR(out.data, "\"Hi\" -- a bc\nd\xEF\xBF\xBD");
    CHECK(st.invalid_bytes == 1);
    /* "Hi" at normalized [1,3) is input [3,5) */
    CHECK(om_start(&m, 1) == 3 && om_end(&m, 3) == 5);
    /* the closing quote [3,4) maps to the 3 input bytes [5,8) */
    CHECK(om_start(&m, 3) == 5 && om_end(&m, 4) == 8);
    /* "bc": b at input 16; the zero-width space 17..19 stays outside "b" */
    size_t b = (size_t)(strchr(out.data, 'b') - out.data);
    CHECK(om_start(&m, b) == 16 && om_end(&m, b + 1) == 17);
    CHECK(om_start(&m, b + 1) == 20);
    /* NFC: e + combining acute becomes U+00E9 */
    CHECK(nz_normalize("caf" "e\xCC\x81", 6, &out, &m, &st) == 0);
    CHECK_STR(out.data, "caf\xC3\xA9");
    CHECK(om_end(&m, 5) == 6);
    /* a BOM vanishes, NUL becomes a space */
    CHECK(nz_normalize("\xEF\xBB\xBFx\0y", 6, &out, &m, &st) == 0);
    CHECK_STR(out.data, "x y");
    CHECK(st.nul_bytes == 1 && om_start(&m, 0) == 3);
    buf_free(&out);
    om_free(&m);
}

static void test_tokens(void) {
    CHECK_STR(toks("The U.S.-led coalition didn't withdraw 2,500 troops."),
              "The|U.S.|-|led|coalition|did|n't|withdraw|2,500|troops|.");
    CHECK_STR(toks("Iran-backed groups; non-state actors and co-workers"),
              "Iran|-|backed|groups|;|non-state|actors|and|co-workers");
    CHECK_STR(toks("Lt. Col. Smith paid $3.2bn, 17.5% more."),
              "Lt.|Col.|Smith|paid|$|3.2bn|,|17.5|%|more|.");
    CHECK_STR(toks("See https://example.com/a?b=1. Mail me@x.org or @user #Gaza :-)"),
              "See|https://example.com/a?b=1|.|Mail|me@x.org|or|@user|#Gaza|:-)");
    CHECK_STR(toks("Wait... really?! Call 713-853-3989 -- now"),
              "Wait|...|really|?!|Call|713-853-3989|--|now");
    CHECK_STR(toks("Bush's aides can't say; the parents' view"),
              "Bush|'s|aides|ca|n't|say|;|the|parents|'|view");
    CHECK_STR(toks("\xE2\x80\x9CWe won\xE2\x80\x99t,\xE2\x80\x9D he said"),
              "\"|We|wo|n't|,|\"|he|said");
    /* offsets point into the input even after normalization */
    const char *in = "\xE2\x80\x9CWe";
    toks(in);
    tac_token t;
    CHECK(tac_doc_token(doc, 1, &t) == TAC_OK && t.start == 3 && t.end == 5);
    CHECK(tac_doc_token(doc, 0, &t) == TAC_OK && t.start == 0 && t.end == 3);
    CHECK(tac_doc_token(doc, 2, &t) == TAC_EINVAL);
    /* clitic groups: do|n't is one surface token */
    toks("don't");
    tac_token a, b;
    tac_doc_token(doc, 0, &a);
    tac_doc_token(doc, 1, &b);
    CHECK(a.mwt_count == 2 && b.mwt_count == 0 && a.end == b.start);
}

static void test_sentences(void) {
    CHECK_STR(sents("Gen. Smith met Sen. Jones in Jan. 2024. They talked."),
              "Gen. Smith met Sen. Jones in Jan. 2024. || They talked.");
    CHECK_STR(sents("He lives in the U.S. The talks failed."),
              "He lives in the U.S. || The talks failed.");
    CHECK_STR(sents("\"We will stay.\" He left. (It rained.) Then"),
              "\"We will stay.\" || He left. || (It rained.) || Then");
    CHECK_STR(sents("BAGHDAD (Reuters) - Iraq said no. It waited."),
              "BAGHDAD (Reuters) - || Iraq said no. || It waited.");
    CHECK_STR(sents("Iraq Votes On Troops\nThe parliament met on Friday."),
              "Iraq Votes On Troops || The parliament met on Friday.");
    CHECK_STR(sents("One para\n\nanother para"), "One para || another para");
    CHECK_STR(sents("It cost 3.5 million. Prices rose 2.5 percent..."),
              "It cost 3.5 million. || Prices rose 2.5 percent...");
    CHECK_STR(sents("- first item\n- second item"), "- first item || - second item");
    CHECK_STR(sents("Wait... what? no way!"), "Wait... what? || no way!");
    CHECK_STR(sents(""), "");
    CHECK(tk_abbrev_lists_sorted());
    CHECK(tk_is_abbrev("Sept", 4) && tk_is_title("Gen", 3) && !tk_is_abbrev("Iraq", 4));
}

static void test_limits(void) {
    /* a long sentence is cut at max_sentence_tokens, with a warning */
    size_t n = 3000;
    char *s = malloc(n * 2 + 1);
    for (size_t i = 0; i < n; i++) { s[2 * i] = 'a'; s[2 * i + 1] = ' '; }
    s[2 * n] = 0;
    sents(s);
    CHECK(tac_doc_sentence_count(doc) == (n + 399) / 400);
    CHECK(tac_doc_warning_count(doc) == 1);
    free(s);
}

int main(void) {
    tac_error err;
    if (tac_engine_open(NULL, &eng, &err) != TAC_OK || tac_doc_new(&doc) != TAC_OK) return 1;
    test_normalize();
    test_tokens();
    test_sentences();
    test_limits();
    tac_doc_free(doc);
    tac_engine_free(eng);
    return check_done("test_text");
}
