/*
 * arena.h - per-document bump allocator (prefix ar_).
 * Everything a document's layers need comes from its arena and is released
 * at once by ar_reset; nothing allocated here is freed individually.
 */
#ifndef TAC_ARENA_H
#define TAC_ARENA_H

#include <stddef.h>

typedef struct ar_block ar_block;

typedef struct arena {
    ar_block *head;     /* current block; older ones follow ->next */
    size_t used;        /* bytes used in head */
    size_t total;       /* bytes handed out since the last reset */
} arena;

void ar_init(arena *a);
/* Returns size bytes aligned to 16, or NULL on overflow/allocation failure.
 * Owned by the arena: valid until ar_reset or ar_free. */
void *ar_alloc(arena *a, size_t size);
/* ar_alloc for n elements of size sz, overflow-checked; zero-filled. */
void *ar_calloc(arena *a, size_t n, size_t sz);
/* Copies len bytes and a NUL terminator into the arena. */
char *ar_strndup(arena *a, const char *s, size_t len);
/* Keeps the largest block for reuse, frees the rest. */
void ar_reset(arena *a);
void ar_free(arena *a);

#endif
