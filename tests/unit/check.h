/*
 * check.h - the unit-test harness: each tests/unit/test_*.c is one binary
 * that calls CHECK(...) and ends with check_done(), which prints
 * "<file>: N passed, N failed" for tests/run.sh to add up.
 */
#ifndef TAC_CHECK_H
#define TAC_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_pass, check_fail;

#define CHECK(cond) do { \
    if (cond) check_pass++; \
    else { check_fail++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(a, b) do { \
    const char *ca_ = (a), *cb_ = (b); \
    if (ca_ && cb_ && strcmp(ca_, cb_) == 0) check_pass++; \
    else { check_fail++; fprintf(stderr, "FAIL %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
                                 ca_ ? ca_ : "(null)", cb_ ? cb_ : "(null)"); } \
} while (0)

static int check_done(const char *name) {
    printf("%s: %d passed, %d failed\n", name, check_pass, check_fail);
    return check_fail ? 1 : 0;
}

#endif
