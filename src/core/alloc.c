/*
 * alloc.c - malloc wrappers with a fault-injection counter for tests.
 */
#include "alloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static long fail_countdown; /* 0: never fail; tests only, not thread-safe */

void tac_alloc_fail_after(long n) { fail_countdown = n; }
long tac_alloc_countdown(void) { return fail_countdown; }

/* An injected failure sets errno as a failing malloc does: callers tell
 * "out of memory" from I/O errors by it. */
static int should_fail(void) {
    if (fail_countdown <= 0 || --fail_countdown != 0) return 0;
    errno = ENOMEM;
    return 1;
}

void *tac_malloc(size_t n) { return should_fail() ? NULL : malloc(n ? n : 1); }

void *tac_calloc(size_t n, size_t sz) {
    return should_fail() ? NULL : calloc(n ? n : 1, sz ? sz : 1);
}

void *tac_realloc(void *p, size_t n) {
    return should_fail() ? NULL : realloc(p, n ? n : 1);
}

void tac_free(void *p) { free(p); }

void *tac_calloc_huge(size_t n, void **mem) {
    enum { HUGE = 2u << 20 };
    *mem = NULL;
    if (n < HUGE) return *mem = tac_calloc(1, n);  /* no whole huge page to gain */
    if (n > SIZE_MAX - HUGE) return NULL;
    /* calloc gets blocks this large fresh from the kernel (mmap), already
     * zero, and writes none of it: the pages are first touched by the
     * caller, after the hint below */
    char *p = tac_calloc(1, n + HUGE);
    if (!p) return NULL;
    char *a = (char *)(((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
#ifdef MADV_HUGEPAGE
    madvise(a, n & ~(size_t)(HUGE - 1), MADV_HUGEPAGE); /* a hint: failure is fine */
#endif
    *mem = p;
    return a;
}

char *tac_strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = tac_malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

int tac_grow(void **p, size_t *cap, size_t need, size_t sz) {
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2) return -1;
        c *= 2;
    }
    if (sz && c > SIZE_MAX / sz) return -1;
    void *q = tac_realloc(*p, c * sz);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}
