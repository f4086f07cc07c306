/*
 * normalize.h - UTF-8 validation and normalization (prefix nz_).
 */
#ifndef TAC_NORMALIZE_H
#define TAC_NORMALIZE_H

#include "offmap.h"
#include "../core/buf.h"

typedef struct nz_stats {
    size_t invalid_bytes;   /* replaced by U+FFFD */
    size_t nul_bytes;       /* replaced by a space */
    size_t changed_chars;   /* characters mapped to something else */
    size_t first_invalid;   /* byte offset of the first invalid byte (when any) */
    size_t first_nul;       /* byte offset of the first NUL (when any) */
} nz_stats;

/* Normalizes in[0..len) into out (cleared first) and records every change
 * in map (cleared first): invalid bytes become U+FFFD, CRLF and CR become
 * LF, other control characters and NUL become spaces, BOM and zero-width
 * characters vanish, exotic spaces become ' ', typographic quotes become
 * ASCII quotes, dashes become '-' (em dash '--'), the ellipsis '...', and
 * the rest is NFC. Returns 0 or -1 (no memory). */
int nz_normalize(const char *in, size_t len, buf *out, offmap *map, nz_stats *st);

#endif
