/*
 * doc.c - document lifetime, warnings and the public layer accessors.
 */
#include "doc.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

tac_status tac_doc_new(tac_doc **out) {
    tac_doc *d = tac_calloc(1, sizeof *d);
    if (!d) return TAC_ENOMEM;
    ar_init(&d->ar);
    buf_init(&d->norm);
    om_init(&d->map);
    *out = d;
    return TAC_OK;
}

void tac_doc_free(tac_doc *d) {
    if (!d) return;
    ar_free(&d->ar);
    buf_free(&d->norm);
    om_free(&d->map);
    tac_free(d->tokens.v);
    tac_free(d->sentences.v);
    tac_free(d->mentions.v);
    tac_free(d);
}

void doc_reset(tac_doc *d) {
    ar_reset(&d->ar);
    d->id = d->title = d->date = d->source = d->url = NULL;
    d->orig = NULL;
    d->orig_len = 0;
    d->norm.len = 0;
    om_clear(&d->map);
    d->tokens.n = 0;
    d->sentences.n = 0;
    d->upos = d->xpos = d->lemma = d->deprel = d->ner = NULL;
    d->head = NULL;
    d->mentions.n = 0;
    d->events = NULL;
    d->context = NULL;
    d->warnings = NULL;
    d->nwarn = d->capwarn = 0;
}

int doc_warn(tac_doc *d, const char *fmt, ...) {
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (d->nwarn == d->capwarn) {
        size_t cap = d->capwarn ? d->capwarn * 2 : 8;
        const char **w = ar_alloc(&d->ar, cap * sizeof *w);
        if (!w) return -1;
        if (d->nwarn) memcpy(w, d->warnings, d->nwarn * sizeof *w);
        d->warnings = w;
        d->capwarn = cap;
    }
    const char *s = ar_strndup(&d->ar, tmp, strlen(tmp));
    if (!s) return -1;
    d->warnings[d->nwarn++] = s;
    return 0;
}

void doc_span(const tac_doc *d, size_t a, size_t b, size_t *start, size_t *end) {
    *start = om_start(&d->map, a);
    *end = b > a ? om_end(&d->map, b) : *start;
}

size_t tac_doc_sentence_count(const tac_doc *d) { return d->sentences.n; }
size_t tac_doc_token_count(const tac_doc *d) { return d->tokens.n; }
size_t tac_doc_warning_count(const tac_doc *d) { return d->nwarn; }

const char *tac_doc_warning(const tac_doc *d, size_t i) {
    return i < d->nwarn ? d->warnings[i] : NULL;
}

tac_status tac_doc_sentence(const tac_doc *d, size_t i, tac_sentence *out) {
    if (i >= d->sentences.n) return TAC_EINVAL;
    const ss_sentence *s = &d->sentences.v[i];
    const tk_token *t = d->tokens.v;
    doc_span(d, t[s->first].start, t[s->last - 1].end, &out->start, &out->end);
    return TAC_OK;
}

tac_status tac_doc_token(const tac_doc *d, size_t i, tac_token *out) {
    if (i >= d->tokens.n) return TAC_EINVAL;
    const tk_token *t = &d->tokens.v[i];
    doc_span(d, t->start, t->end, &out->start, &out->end);
    out->sentence = (int)t->sentence;
    out->text = d->norm.data + t->start;
    out->text_len = t->end - t->start;
    out->space_after = (t->flags & TK_SPACE_AFTER) != 0;
    out->mwt_count = t->mwt;
    out->upos = d->upos ? d->upos[i] : NULL;
    out->xpos = d->xpos ? d->xpos[i] : NULL;
    out->lemma = d->lemma ? d->lemma[i] : NULL;
    out->deprel = d->deprel ? d->deprel[i] : NULL;
    out->ner = d->ner ? d->ner[i] : NULL;
    out->head = d->head ? d->head[i] : -2;
    return TAC_OK;
}
