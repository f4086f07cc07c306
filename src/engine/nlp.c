/*
 * nlp.c - the trained stages of the pipeline: tags and lemmas, named
 * entities, dependency trees, run one sentence at a time over the tokens
 * and stored as per-token layers on the document.
 */
#include "engine.h"
#include "../core/error.h"
#include "../ner/ner.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Loads dir/name with load() when the file exists. */
static tac_status load_opt(const char *dir, const char *name, void **model,
                           tac_status (*load)(const char *, void **, tac_error *), tac_error *err) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat sb;
    if (stat(path, &sb) != 0) return TAC_OK; /* absent: the layer is skipped */
    return load(path, model, err);
}

static tac_status load_ner(const char *p, void **m, tac_error *e) {
    return ne_load(p, (ne_model **)m, e);
}

tac_status nlp_open(tac_engine *e, tac_error *err) {
    tac_status st = load_opt(e->model_dir, "ner.tacm", (void **)&e->ner, load_ner, err);
    return st;
}

void nlp_close(tac_engine *e) {
    ne_free(e->ner);
    e->tagger = NULL;
    e->ner = NULL;
}

unsigned tac_engine_layers(const tac_engine *e) {
    unsigned m = TAC_LAYER_SENTENCES | TAC_LAYER_TOKENS | TAC_LAYER_MENTIONS;
    if (e->tagger) m |= TAC_LAYER_TAGS;
    if (e->parser) m |= TAC_LAYER_PARSE;
    if (e->ner) m |= TAC_LAYER_NER;
    return m;
}

int nlp_run(const tac_engine *e, tac_doc *d) {
    size_t n = d->tokens.n;
    if (!n || (!e->tagger && !e->ner && !e->parser)) return 0;
    /* NUL-terminated forms, once for the whole document */
    const char **words = ar_alloc(&d->ar, n * sizeof *words);
    if (!words) return -1;
    for (size_t i = 0; i < n; i++) {
        const tk_token *t = &d->tokens.v[i];
        if (!(words[i] = ar_strndup(&d->ar, d->norm.data + t->start, t->end - t->start))) return -1;
    }
    if (e->tagger) {
        d->upos = ar_alloc(&d->ar, n * sizeof *d->upos);
        d->xpos = ar_alloc(&d->ar, n * sizeof *d->xpos);
        if (!d->upos || !d->xpos) return -1;
    }
    if (e->ner && !(d->ner = ar_alloc(&d->ar, n * sizeof *d->ner))) return -1;
    for (size_t s = 0; s < d->sentences.n; s++) {
        size_t a = d->sentences.v[s].first, len = d->sentences.v[s].last - a;
        if (e->ner && ne_tag(e->ner, words + a, d->upos ? d->upos + a : NULL, len, d->ner + a))
            return -1;
    }
    return 0;
}
