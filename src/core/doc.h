/*
 * doc.h - the document: one article and the layers each stage adds
 * (prefix doc_). Stages append layers in pipeline order and never rewrite
 * an earlier one. Small things live in the arena; the big flat arrays are
 * vectors owned by the doc and reused by the next article.
 */
#ifndef TAC_DOC_H
#define TAC_DOC_H

#include "tacitus.h"
#include "arena.h"
#include "buf.h"
#include "../text/offmap.h"
#include "../text/token.h"
#include "../code/mentions.h"

struct tac_doc {
    arena ar;
    /* article metadata, arena copies (NULL when unknown) */
    const char *id, *title, *date, *source, *url;
    /* input text as given (arena copy) and its normalized form */
    const char *orig;
    size_t orig_len;
    buf norm;
    offmap map;
    /* layers */
    tk_vec tokens;
    ss_vec sentences;
    /* NLP layers, one entry per token (arena; NULL when the stage did not
     * run). head is the document-level index of the head token, -1 for a
     * sentence root. Strings are owned by the models or the arena. */
    const char **upos, **xpos, **lemma, **deprel, **ner;
    int *head;
    mn_vec mentions;        /* actor mentions (owned vector) */
    /* layers of later stages, owned by their modules (arena memory; NULL
     * until the stage runs): src/code/events.c, src/code/context.c */
    struct ev_layer *events;
    struct cx_layer *context;
    /* warnings: arena strings */
    const char **warnings;
    size_t nwarn, capwarn;
};

/* Clears all layers and the arena for a new article. */
void doc_reset(tac_doc *d);
/* Adds a formatted warning; returns 0 or -1 (no memory). */
int doc_warn(tac_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Input-text span of normalized span [a, b). */
void doc_span(const tac_doc *d, size_t a, size_t b, size_t *start, size_t *end);

#endif
