/*
 * alloc.h - the library's only path to the heap (prefix tac_).
 * Routing every allocation through here lets tests fail the Nth one
 * (fault injection) to prove that TAC_ENOMEM comes back cleanly.
 */
#ifndef TAC_ALLOC_H
#define TAC_ALLOC_H

#include <stddef.h>

void *tac_malloc(size_t n);
void *tac_calloc(size_t n, size_t sz);
void *tac_realloc(void *p, size_t n);
void tac_free(void *p);
char *tac_strdup(const char *s);
/* Grows *cap geometrically until it holds need elements of size sz and
 * reallocates *p; returns 0 on success, -1 on overflow or failure (then *p
 * and *cap are unchanged). */
int tac_grow(void **p, size_t *cap, size_t need, size_t sz);

/* Zeroed memory for a large table that is filled once and then probed at
 * random: n bytes, from 2 MB on starting at a 2 MB boundary marked for
 * transparent huge pages (a page fault per 2 MB instead of per 4 KB, which
 * is most of what filling a fresh table costs, and fewer TLB misses when
 * probing it). Returns the table, and in *mem the pointer to tac_free
 * (not the same one); NULL on no memory (*mem NULL too). */
void *tac_calloc_huge(size_t n, void **mem);

/* Test hook: make the nth allocation from now fail (0 disables). Only that
 * one fails; the allocations after it succeed again. */
void tac_alloc_fail_after(long n);
/* Test hook: allocations still to go before the armed failure (0 when none
 * is armed or it has fired). Arming LONG_MAX and reading this afterwards
 * counts an operation's allocations; a positive value after a run means
 * the armed failure was never reached. */
long tac_alloc_countdown(void);

#endif
