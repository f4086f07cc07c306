/*
 * read_html.h - main-text extraction from one HTML page (prefix hr_):
 * charset conversion, libxml2's recovering HTML parser, boilerplate
 * removal, and the page's title, publication date and canonical URL.
 */
#ifndef TAC_READ_HTML_H
#define TAC_READ_HTML_H

#include "../core/buf.h"
#include "tacitus.h"

#include <stddef.h>

/* What hr_extract finds in a page. All fields are owned by the page and
 * valid until the next hr_extract or hr_free on it. */
typedef struct hr_page {
    buf text;           /* main text, UTF-8, paragraphs separated by "\n\n", NUL-terminated */
    buf title;          /* og:title, else the article's h1, else <title>; empty when none */
    buf url;            /* link rel=canonical, else og:url; empty when none */
    char date[11];      /* "YYYY-MM-DD" or "" */
    char warning[400];  /* a note on the page (unknown charset...) or "" */
} hr_page;

/* Sets up libxml2 once, from the thread that opens readers, before any
 * other thread parses: libxml2 requires it for parsing in threads. */
void hr_global_init(void);

void hr_init(hr_page *p);
void hr_free(hr_page *p);

/* Extracts the main text of the HTML page html[0..len). charset (may be
 * NULL) is the encoding declared outside the page (an HTTP Content-Type);
 * a BOM wins over it and it wins over a <meta> declaration. name and
 * record only label errors. Returns TAC_OK, or TAC_EPARSE when the page
 * cannot be parsed or has no main text (p is then cleared), TAC_ENOMEM. */
tac_status hr_extract(const char *html, size_t len, const char *charset, hr_page *p,
                      const char *name, long long record, tac_error *err);

/* 1 when s[0..n) looks like the start of an HTML page: after a BOM and
 * whitespace, "<!doctype html", "<html", "<head" or "<!--" (any case). */
int hr_sniff(const char *s, size_t n);

#endif
