/*
 * arena.c - bump allocator backing every per-document layer.
 * Blocks grow geometrically; reset keeps one block so that a stream of
 * similar articles stops calling malloc after the first few.
 */
#include "arena.h"
#include "alloc.h"

#include <stdint.h>
#include <string.h>

struct ar_block {
    ar_block *next;
    size_t cap;
    max_align_t align_;  /* places data on a maximally aligned boundary */
    unsigned char data[];
};

enum { AR_MIN_BLOCK = 64 * 1024 };

void ar_init(arena *a) { memset(a, 0, sizeof *a); }

static ar_block *block_new(size_t cap) {
    if (cap > SIZE_MAX - sizeof(ar_block)) return NULL;
    ar_block *b = tac_malloc(sizeof(ar_block) + cap);
    if (!b) return NULL;
    b->next = NULL;
    b->cap = cap;
    return b;
}

void *ar_alloc(arena *a, size_t size) {
    if (size > SIZE_MAX - 15) return NULL;
    size = (size + 15) & ~(size_t)15;
    if (size == 0) size = 16;
    if (!a->head || a->head->cap - a->used < size) {
        size_t cap = a->head ? a->head->cap * 2 : AR_MIN_BLOCK;
        if (cap < size) cap = size;
        ar_block *b = block_new(cap);
        if (!b) return NULL;
        b->next = a->head;
        a->head = b;
        a->used = 0;
    }
    void *p = a->head->data + a->used;
    a->used += size;
    a->total += size;
    return p;
}

void *ar_calloc(arena *a, size_t n, size_t sz) {
    if (sz && n > SIZE_MAX / sz) return NULL;
    void *p = ar_alloc(a, n * sz);
    if (p) memset(p, 0, n * sz);
    return p;
}

char *ar_strndup(arena *a, const char *s, size_t len) {
    if (len == SIZE_MAX) return NULL;
    char *p = ar_alloc(a, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = 0;
    return p;
}

void ar_reset(arena *a) {
    /* Keep the newest block: it is the largest. */
    ar_block *keep = a->head;
    if (keep) {
        ar_block *b = keep->next;
        while (b) {
            ar_block *n = b->next;
            tac_free(b);
            b = n;
        }
        keep->next = NULL;
    }
    a->used = 0;
    a->total = 0;
}

void ar_free(arena *a) {
    ar_block *b = a->head;
    while (b) {
        ar_block *n = b->next;
        tac_free(b);
        b = n;
    }
    ar_init(a);
}
