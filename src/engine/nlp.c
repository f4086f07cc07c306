/*
 * nlp.c - the trained stages of the pipeline: tags and lemmas, named
 * entities, dependency trees, run one sentence at a time over the tokens
 * and stored as per-token layers on the document.
 */
#include "engine.h"
#include "../core/error.h"
#include "../lexicon/lemma.h"
#include "../ner/ner.h"
#include "../parse/parser.h"
#include "../tag/tagger.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Full path of a model file in dir, or NULL when the file is absent. */
static const char *model_path(const char *dir, const char *name, char *out, size_t cap) {
    struct stat sb;
    snprintf(out, cap, "%s/%s", dir, name);
    return stat(out, &sb) == 0 ? out : NULL;
}

tac_status nlp_open(tac_engine *e, tac_error *err) {
    char path[4096];
    const char *p;
    tac_status st = TAC_OK;
    if ((p = model_path(e->model_dir, "tagger.tacm", path, sizeof path))) {
        st = tg_load(p, &e->tagger, err);
        if (st == TAC_OK) st = lm_load(p, &e->lemmas, err); /* stored beside the tagger */
    }
    if (st == TAC_OK && (p = model_path(e->model_dir, "parser.tacm", path, sizeof path)))
        st = dp_load(p, &e->parser, err);
    if (st == TAC_OK && (p = model_path(e->model_dir, "ner.tacm", path, sizeof path)))
        st = ne_load(p, &e->ner, err);
    return st;
}

void nlp_close(tac_engine *e) {
    tg_free(e->tagger);
    lm_free(e->lemmas);
    dp_free(e->parser);
    ne_free(e->ner);
    e->tagger = NULL;
    e->lemmas = NULL;
    e->parser = NULL;
    e->ner = NULL;
}

unsigned tac_engine_layers(const tac_engine *e) {
    unsigned m = TAC_LAYER_SENTENCES | TAC_LAYER_TOKENS | TAC_LAYER_MENTIONS;
    if (e->tagger) m |= TAC_LAYER_TAGS;
    if (e->parser && e->tagger) m |= TAC_LAYER_PARSE;
    if (e->ner) m |= TAC_LAYER_NER;
    return m;
}

/* Lemmas of sentence tokens [a, a+len) into d->lemma (arena strings);
 * alt: the tagger's runner-ups of those tokens, or NULL. */
static int lemmatize(const tac_engine *e, tac_doc *d, const char **words, size_t a, size_t len,
                     const lm_alt *alt) {
    char lem[256];
    lm_sent s = {words + a, d->upos + a, d->xpos + a, len, alt};
    for (size_t i = a; i < a + len; i++) {
        size_t n = lm_lemma_at(e->lemmas, &s, i - a, lem, sizeof lem);
        if (n >= sizeof lem) n = sizeof lem - 1;
        if (!(d->lemma[i] = ar_strndup(&d->ar, lem, n))) return -1;
    }
    return 0;
}

/* Parses sentence tokens [a, a+len); heads become document indices. */
static int parse(const tac_engine *e, tac_doc *d, const char **words, size_t a, size_t len,
                 int *scratch) {
    if (dp_parse(e->parser, words + a, d->upos + a, d->xpos + a, len, scratch, d->deprel + a))
        return -1;
    for (size_t i = 0; i < len; i++)
        d->head[a + i] = scratch[i] == 0 ? -1 : (int)(a + (size_t)scratch[i] - 1);
    return 0;
}

/* NUL-terminated forms of d's tokens (arena), or NULL (no memory). */
static const char **forms(tac_doc *d) {
    size_t n = d->tokens.n;
    const char **words = ar_alloc(&d->ar, n * sizeof *words);
    if (!words) return NULL;
    for (size_t i = 0; i < n; i++) {
        const tk_token *t = &d->tokens.v[i];
        if (!(words[i] = ar_strndup(&d->ar, d->norm.data + t->start, t->end - t->start))) return NULL;
    }
    return words;
}

int nlp_parse(const tac_engine *e, tac_doc *d, const unsigned char *want) {
    size_t n = d->tokens.n;
    if (!n || !d->head || !e->parser) return 0;
    const char **words = forms(d);
    int *scratch = ar_alloc(&d->ar, n * sizeof *scratch);
    if (!words || !scratch) return -1;
    for (size_t s = 0; s < d->sentences.n; s++) {
        size_t a = d->sentences.v[s].first, len = d->sentences.v[s].last - a;
        if (want[s] && parse(e, d, words, a, len, scratch)) return -1;
    }
    return 0;
}

int nlp_run(const tac_engine *e, tac_doc *d, int parse_now) {
    size_t n = d->tokens.n;
    if (!n || (!e->tagger && !e->ner)) return 0;
    /* NUL-terminated forms, once for the whole document */
    const char **words = forms(d);
    if (!words) return -1;
    int parsing = e->tagger && e->parser;
    int *scratch = NULL;
    lm_alt *alt = NULL;     /* the tagger's runner-ups, for the lemmas' case */
    if (e->tagger) {
        d->upos = ar_alloc(&d->ar, n * sizeof *d->upos);
        d->xpos = ar_alloc(&d->ar, n * sizeof *d->xpos);
        d->lemma = e->lemmas ? ar_alloc(&d->ar, n * sizeof *d->lemma) : NULL;
        alt = e->lemmas ? ar_alloc(&d->ar, n * sizeof *alt) : NULL;
        if (!d->upos || !d->xpos || (e->lemmas && (!d->lemma || !alt))) return -1;
    }
    if (parsing) {
        d->head = ar_alloc(&d->ar, n * sizeof *d->head);
        d->deprel = ar_alloc(&d->ar, n * sizeof *d->deprel);
        scratch = ar_alloc(&d->ar, n * sizeof *scratch);
        if (!d->head || !d->deprel || !scratch) return -1;
        for (size_t i = 0; i < n; i++) {
            d->head[i] = -2; /* not parsed (yet) */
            d->deprel[i] = NULL;
        }
    }
    if (e->ner && !(d->ner = ar_alloc(&d->ar, n * sizeof *d->ner))) return -1;
    for (size_t s = 0; s < d->sentences.n; s++) {
        size_t a = d->sentences.v[s].first, len = d->sentences.v[s].last - a;
        if (e->tagger && tg_tag_alt(e->tagger, words + a, len, d->upos + a, d->xpos + a,
                                    alt ? alt + a : NULL))
            return -1;
        if (e->tagger) tg_repair_finite(e->tagger, words + a, len, d->upos + a, d->xpos + a);
        if (e->lemmas && lemmatize(e, d, words, a, len, alt ? alt + a : NULL)) return -1;
        if (e->ner && ne_tag(e->ner, words + a, d->upos ? d->upos + a : NULL, len, d->ner + a))
            return -1;
        if (parsing && parse_now && parse(e, d, words, a, len, scratch)) return -1;
    }
    /* a name tagged in one sentence is the same name where it recurs
     * untagged in another (docs/ner.md, the document pass) */
    if (e->ner && d->sentences.n > 1) {
        size_t *first = ar_alloc(&d->ar, d->sentences.n * sizeof *first);
        if (!first) return -1;
        for (size_t s = 0; s < d->sentences.n; s++) first[s] = d->sentences.v[s].first;
        if (ne_doc_labels(words, n, first, d->sentences.n, d->ner)) return -1;
    }
    return 0;
}
