/*
 * offmap.h - map from normalized-text byte offsets back to input bytes
 * (prefix om_). Only the places where normalization changed the bytes are
 * stored, as segments; between segments the two texts run in step, so an
 * ASCII article costs nothing.
 */
#ifndef TAC_OFFMAP_H
#define TAC_OFFMAP_H

#include <stddef.h>

typedef struct om_seg {
    size_t norm, norm_len;  /* normalized bytes [norm, norm+norm_len) */
    size_t orig, orig_len;  /* came from input bytes [orig, orig+orig_len) */
} om_seg;

typedef struct offmap {
    om_seg *seg;            /* sorted by norm, then by insertion */
    size_t n, cap;          /* owned; reused across documents */
} offmap;

void om_init(offmap *m);
void om_free(offmap *m);
void om_clear(offmap *m);
/* Records that input [orig, orig+orig_len) became [norm, norm+norm_len).
 * Calls must come in increasing order. Returns 0 or -1 (no memory). */
int om_add(offmap *m, size_t norm, size_t norm_len, size_t orig, size_t orig_len);
/* Input offset where the character at normalized offset n starts. */
size_t om_start(const offmap *m, size_t n);
/* Input offset just past the character that ends at normalized offset n. */
size_t om_end(const offmap *m, size_t n);

#endif
