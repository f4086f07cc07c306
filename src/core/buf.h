/*
 * buf.h - growable byte buffer (prefix buf_), used by readers and writers.
 * The buffer owns its bytes; buf_free releases them. Every append returns
 * 0 or -1 (allocation failure or size overflow) and leaves data intact.
 */
#ifndef TAC_BUF_H
#define TAC_BUF_H

#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
int buf_reserve(buf *b, size_t extra);
int buf_append(buf *b, const void *p, size_t n);
int buf_putc(buf *b, char c);
/* Appends the NUL-terminated string s. */
int buf_puts(buf *b, const char *s);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s[0..n) as a JSON string literal; invalid UTF-8 becomes U+FFFD. */
int buf_json_str(buf *b, const char *s, size_t n);

#endif
