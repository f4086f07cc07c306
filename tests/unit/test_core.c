/*
 * test_core.c - arena, buffer, JSON escaping, error formatting and the
 * allocation-failure hook: coding under every failing allocation must
 * return TAC_ENOMEM cleanly (ASan checks for leaks and bad frees).
 */
#include "check.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "tacitus.h"

#include <stdint.h>

static void test_arena(void) {
    arena a;
    ar_init(&a);
    char *p = ar_alloc(&a, 10);
    CHECK(p && ((uintptr_t)p % 16) == 0);
    char *big = ar_alloc(&a, 1 << 20); /* larger than a block */
    CHECK(big != NULL);
    CHECK(ar_alloc(&a, SIZE_MAX) == NULL);
    CHECK(ar_calloc(&a, SIZE_MAX / 2, 4) == NULL);
    CHECK_STR(ar_strndup(&a, "hello", 4), "hell");
    ar_reset(&a);
    CHECK(a.total == 0);
    CHECK(ar_alloc(&a, 100) != NULL);
    ar_free(&a);
    ar_free(&a); /* twice is fine */
}

static void test_buf(void) {
    buf b;
    buf_init(&b);
    CHECK(buf_json_str(&b, "a\"b\\c\n\x01\xC3\xA9\xFFz", 11) == 0);
    CHECK_STR(b.data, "\"a\\\"b\\\\c\\n\\u0001\xC3\xA9\xEF\xBF\xBDz\"");
    b.len = 0;
    CHECK(buf_printf(&b, "%0300d", 7) == 0 && b.len == 300);
    buf_free(&b);
}

static void test_error(void) {
    tac_error e;
    err_clear(&e);
    CHECK(err_set(&e, TAC_EPARSE, "in.jsonl", 3, 17, "malformed JSON: %s", "x") == TAC_EPARSE);
    char msg[256];
    tac_error_format(&e, msg, sizeof msg);
    CHECK_STR(msg, "in.jsonl: record 3, byte 17: malformed JSON: x");
    err_set(&e, TAC_EIO, "a.txt", 0, -1, "cannot open");
    tac_error_format(&e, msg, sizeof msg);
    CHECK_STR(msg, "a.txt: cannot open");
    CHECK_STR(tac_status_name(TAC_ENOMEM), "out of memory");
}

/* Fails allocation number 1, 2, 3... during engine open and coding until
 * a run gets through; each failing run must report TAC_ENOMEM. */
static void test_alloc_failures(void) {
    const char *text = "\xE2\x80\x9CWe will not leave,\xE2\x80\x9D Gen. Smith said. Iraq agreed.";
    int failures = 0, wrong = 0;
    for (long n = 1; n < 500; n++) {
        tac_alloc_fail_after(n);
        tac_engine *e = NULL;
        tac_doc *d = NULL;
        tac_error err;
        tac_options o;
        tac_options_init(&o);
        o.model_dir = "/nonexistent"; /* the text pipeline's allocations; */
        o.data_dir = "/nonexistent";  /* loaders have their own failure tests */
        tac_status st = tac_engine_open(&o, &e, &err);
        if (st == TAC_OK) st = tac_doc_new(&d);
        if (st == TAC_OK) {
            tac_article a = {.id = "x", .text = text, .text_len = strlen(text)};
            st = tac_engine_code(e, &a, d, &err);
        }
        tac_alloc_fail_after(0);
        tac_doc_free(d);
        tac_engine_free(e);
        if (st == TAC_OK) break;
        failures++;
        if (st != TAC_ENOMEM) wrong++;
    }
    CHECK(failures > 5);
    CHECK(wrong == 0);
}

/* The same with the installed models and dictionaries (when built): fail
 * allocation n during coding only, for n up to where coding succeeds. */
static void test_alloc_failures_full(void) {
    tac_engine *e = NULL;
    tac_doc *d = NULL;
    tac_error err;
    if (tac_engine_open(NULL, &e, &err) != TAC_OK || tac_doc_new(&d) != TAC_OK) {
        CHECK(0);
        return;
    }
    const char *text = "The Iraqi foreign minister said on Tuesday that US forces would leave.";
    tac_article a = {.id = "x", .text = text, .text_len = strlen(text), .date = "2024-01-11"};
    int ok = 0, wrong = 0;
    for (long n = 1; n < 2000 && !ok; n++) {
        tac_alloc_fail_after(n);
        tac_status st = tac_engine_code(e, &a, d, &err);
        tac_alloc_fail_after(0);
        if (st == TAC_OK) ok = 1;
        else if (st != TAC_ENOMEM) wrong++;
    }
    CHECK(ok);
    CHECK(wrong == 0);
    CHECK(tac_engine_code(e, &a, d, &err) == TAC_OK); /* the doc is still usable */
    tac_doc_free(d);
    tac_engine_free(e);
}

int main(void) {
    test_arena();
    test_buf();
    test_error();
    test_alloc_failures();
    test_alloc_failures_full();
    return check_done("test_core");
}
