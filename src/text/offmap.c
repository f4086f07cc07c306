/*
 * offmap.c - segment map from normalized offsets to input offsets.
 * A span [s, e) of normalized text maps to [om_start(s), om_end(e)): a
 * dropped character (zero-width space) at a span's edge stays outside it.
 */
#include "offmap.h"
#include "../core/alloc.h"

void om_init(offmap *m) { m->seg = NULL; m->n = m->cap = 0; }
void om_free(offmap *m) { tac_free(m->seg); om_init(m); }
void om_clear(offmap *m) { m->n = 0; }

int om_add(offmap *m, size_t norm, size_t norm_len, size_t orig, size_t orig_len) {
    if (tac_grow((void **)&m->seg, &m->cap, m->n + 1, sizeof *m->seg)) return -1;
    m->seg[m->n++] = (om_seg){norm, norm_len, orig, orig_len};
    return 0;
}

/* Index of the last segment with norm < n (strict) or norm <= n, or -1. */
static long last_before(const offmap *m, size_t n, int strict) {
    size_t lo = 0, hi = m->n; /* first index whose norm is past n */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int past = strict ? m->seg[mid].norm >= n : m->seg[mid].norm > n;
        if (past) hi = mid; else lo = mid + 1;
    }
    return (long)lo - 1;
}

size_t om_start(const offmap *m, size_t n) {
    long i = last_before(m, n, 0);
    if (i < 0) return n;
    const om_seg *s = &m->seg[i];
    if (n < s->norm + s->norm_len) return s->orig;
    return s->orig + s->orig_len + (n - s->norm - s->norm_len);
}

size_t om_end(const offmap *m, size_t n) {
    long i = last_before(m, n, 1);
    if (i < 0) return n;
    const om_seg *s = &m->seg[i];
    if (n <= s->norm + s->norm_len) return s->orig + s->orig_len;
    return s->orig + s->orig_len + (n - s->norm - s->norm_len);
}
