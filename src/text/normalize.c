/*
 * normalize.c - the first text stage: bytes in, clean NFC UTF-8 out, with
 * a map back to the input. Downstream stages see one spelling of quotes,
 * dashes and spaces, so no rule has to list every variant.
 */
#include "normalize.h"

#include <string.h>
#include <utf8proc.h>

/* Fixed replacements for characters news text uses in many spellings.
 * NULL replacement means "drop the character". */
static const char *replacement(utf8proc_int32_t c) {
    switch (c) {
    case 0xFEFF: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
    case 0x00AD:
        return "";
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008:
    case 0x2009: case 0x200A: case 0x202F: case 0x205F: case 0x3000:
        return " ";
    case 0x2028: case 0x2029: case 0x0085:
        return "\n";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x02BC:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
        return "-";
    case 0x2014: case 0x2015:
        return "--";
    case 0x2026:
        return "...";
    }
    return NULL;
}

static int is_combining(utf8proc_int32_t c) {
    return c >= 0x300 && utf8proc_get_property(c)->combining_class != 0;
}

/* Emits a changed piece and records it in the map. */
static int emit(buf *out, offmap *map, const char *s, size_t n,
                size_t orig, size_t orig_len) {
    if (om_add(map, out->len, n, orig, orig_len)) return -1;
    return buf_append(out, s, n);
}

/* NFC of one cluster (a starter and its combining marks) at in[i..j). */
static int compose_cluster(const unsigned char *in, size_t i, size_t j,
                           buf *out, offmap *map, nz_stats *st) {
    utf8proc_int32_t cps[64];
    utf8proc_ssize_t n = utf8proc_decompose(in + i, (utf8proc_ssize_t)(j - i),
                                            cps, 64, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
    if (n < 0 || n > 64) /* too long to matter: keep the bytes as they are */
        return buf_append(out, in + i, j - i);
    n = utf8proc_normalize_utf32(cps, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) return buf_append(out, in + i, j - i);
    unsigned char enc[64 * 4];
    size_t m = 0;
    for (utf8proc_ssize_t k = 0; k < n; k++)
        m += (size_t)utf8proc_encode_char(cps[k], enc + m);
    if (m == j - i && memcmp(enc, in + i, m) == 0)
        return buf_append(out, in + i, j - i);
    st->changed_chars++;
    return emit(out, map, (const char *)enc, m, i, j - i);
}

int nz_normalize(const char *input, size_t len, buf *out, offmap *map, nz_stats *st) {
    const unsigned char *in = (const unsigned char *)input;
    out->len = 0;
    om_clear(map);
    memset(st, 0, sizeof *st);
    if (buf_reserve(out, len + 16)) return -1;
    size_t i = 0, run = 0; /* run: start of unchanged ASCII bytes pending */
    while (i < len) {
        unsigned char b = in[i];
        if (b >= 0x20 && b < 0x7F) { i++; continue; }
        if (b == '\n' || b == '\t') { i++; continue; }
        /* A combining mark after an ASCII letter composes with it ("e"
         * U+0301 is "é"): start the cluster one byte earlier. */
        size_t start = i;
        utf8proc_int32_t c = b;
        utf8proc_ssize_t n = 1;
        if (b >= 0x80) {
            n = utf8proc_iterate(in + i, (utf8proc_ssize_t)(len - i), &c);
            if (n > 0 && is_combining(c) && i > run && in[i - 1] >= 0x20 && in[i - 1] < 0x7F)
                start = i - 1;
        }
        if (buf_append(out, in + run, start - run)) return -1;
        if (b < 0x80) { /* control characters */
            if (b == '\r') {
                size_t cr = (i + 1 < len && in[i + 1] == '\n') ? 2 : 1;
                if (emit(out, map, "\n", 1, i, cr)) return -1;
                i += cr;
            } else {
                if (b == 0) {
                    if (st->nul_bytes++ == 0) st->first_nul = i;
                } else {
                    st->changed_chars++;
                }
                if (emit(out, map, " ", 1, i, 1)) return -1;
                i++;
            }
            run = i;
            continue;
        }
        if (n < 0) {
            if (st->invalid_bytes++ == 0) st->first_invalid = i;
            if (emit(out, map, "\xEF\xBF\xBD", 3, i, 1)) return -1;
            i++;
            run = i;
            continue;
        }
        const char *rep = replacement(c);
        if (rep) {
            st->changed_chars++;
            if (emit(out, map, rep, strlen(rep), i, (size_t)n)) return -1;
            i += (size_t)n;
            run = i;
            continue;
        }
        /* A cluster: this character and the combining marks after it. */
        size_t j = i + (size_t)n;
        while (j < len) {
            utf8proc_int32_t d;
            utf8proc_ssize_t m = utf8proc_iterate(in + j, (utf8proc_ssize_t)(len - j), &d);
            if (m < 0 || !is_combining(d)) break;
            j += (size_t)m;
        }
        if (start == i && c < 0x300 && j == i + (size_t)n) {
            if (buf_append(out, in + i, j - i)) return -1; /* Latin-1/Ext: already NFC */
        } else if (compose_cluster(in, start, j, out, map, st)) {
            return -1;
        }
        i = j;
        run = i;
    }
    return buf_append(out, in + run, len - run);
}
