/*
 * read_warc.h - WARC 1.0/1.1 record reader (prefix wr_), plain or gzipped
 * (one gzip member per record, as in CC-NEWS, or one stream), with
 * resynchronization after bad records and bounded decompression.
 */
#ifndef TAC_READ_WARC_H
#define TAC_READ_WARC_H

#include "tacitus.h"

#include <stddef.h>
#include <stdio.h>

typedef struct wr_reader wr_reader;

/* One WARC record. Strings are NUL-terminated header values or NULL; they
 * and block point into the reader and are valid until the next wr_next. */
typedef struct wr_record {
    long long number;       /* 1 for the first record of the file */
    long long offset;       /* byte offset in the file: the record, or its gzip member */
    const char *type;       /* WARC-Type */
    const char *id;         /* WARC-Record-ID without the angle brackets */
    const char *uri;        /* WARC-Target-URI */
    const char *date;       /* WARC-Date */
    const char *content_type;
    const char *block;      /* the record's content block */
    size_t block_len;
} wr_record;

/* Starts reading fp (borrowed, read from its current position; gzip is
 * detected from the magic). name labels errors; max_bytes caps one
 * record's block. On success *out is the caller's (wr_free). */
tac_status wr_open(FILE *fp, const char *name, size_t max_bytes, wr_reader **out,
                   tac_error *err);

/* Reads the next record. Returns TAC_OK, TAC_END, or an error for one
 * record (bad header, wrong Content-Length, corrupt or truncated gzip
 * member, record over max_bytes) naming the file, the record number and
 * the byte offset; the next call continues after it. TAC_ENOMEM and
 * TAC_EIO are fatal. */
tac_status wr_next(wr_reader *w, wr_record *rec, tac_error *err);

void wr_free(wr_reader *w);

/* 1 when s[0..n) starts a WARC file: "WARC/1." or a gzip member whose
 * first bytes inflate to "WARC/1.". */
int wr_sniff(const unsigned char *s, size_t n);

/* Splits an HTTP response block into its body and a few headers. Copies
 * the media type's charset into charset[cap] ("" when none) and sets
 * *html when Content-Type names HTML (-1 when absent), *chunked for
 * Transfer-Encoding: chunked, *encoded for a Content-Encoding other than
 * identity. Returns the HTTP status code, or -1 when it is not HTTP. */
int wr_http(const char *block, size_t len, const char **body, size_t *body_len,
            char *charset, size_t cap, int *html, int *chunked, int *encoded);

/* Decodes a chunked HTTP body in place; returns its new length, or
 * (size_t)-1 when the chunk framing is broken. */
size_t wr_dechunk(char *body, size_t len);

#endif
