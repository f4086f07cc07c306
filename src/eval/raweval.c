/*
 * raweval.c - the whole pipeline scored from raw text. Words align through
 * their surface tokens: identical spans, then word by word inside a
 * multi-word token when both sides split it into the same number of words
 * (a simplification of the CoNLL 2018 LCS alignment that only matters for
 * clitic groups split differently). LAS compares the universal part of the
 * relation (before ':'), as CoNLL 2018 does.
 */
#define _POSIX_C_SOURCE 200809L
#include "raweval.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

double re_f1(const re_result *r, long long correct) {
    double p = r->pred_words ? (double)correct / (double)r->pred_words : 0;
    double q = r->gold_words ? (double)correct / (double)r->gold_words : 0;
    return p + q > 0 ? 100.0 * 2 * p * q / (p + q) : 0;
}

static int same_rel(const char *a, const char *b) {
    size_t n = strcspn(a, ":"), m = strcspn(b, ":");
    return n == m && strncmp(a, b, n) == 0;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Gold word index of every predicted token (-1 when unaligned). */
static tac_status align(const cu_bank *bk, const se_gold *g, const spanvec *pt,
                        const spanvec *ptw, long *gold_of_pred, size_t npred) {
    /* surface token alignment: gold token index of each predicted token */
    long *tokmap = tac_malloc((pt->n ? pt->n : 1) * sizeof *tokmap);
    size_t *gcount = tac_calloc(g->tok.n ? g->tok.n : 1, sizeof *gcount);
    size_t *gfirst = tac_calloc(g->tok.n ? g->tok.n : 1, sizeof *gfirst);
    size_t *pcount = tac_calloc(pt->n ? pt->n : 1, sizeof *pcount);
    if (!tokmap || !gcount || !gfirst || !pcount) {
        tac_free(tokmap); tac_free(gcount); tac_free(gfirst); tac_free(pcount);
        return TAC_ENOMEM;
    }
    size_t i = 0, j = 0;
    for (size_t k = 0; k < pt->n; k++) tokmap[k] = -1;
    while (i < g->tok.n && j < pt->n) {
        const se_span *a = &g->tok.v[i], *b = &pt->v[j];
        if (a->a == b->a && a->b == b->b) tokmap[j++] = (long)i++;
        else if (a->a < b->a || (a->a == b->a && a->b < b->b)) i++;
        else j++;
    }
    for (size_t w = 0; w < bk->nwords; w++) {
        size_t t = g->word_tok.v[w].a;
        if (gcount[t]++ == 0) gfirst[t] = w;
    }
    for (size_t p = 0; p < npred; p++) pcount[ptw->v[p].a]++;
    for (size_t p = 0; p < npred; p++) {
        size_t t = ptw->v[p].a;
        long gt = tokmap[t];
        gold_of_pred[p] = -1;
        if (gt >= 0 && gcount[gt] == pcount[t])
            gold_of_pred[p] = (long)(gfirst[gt] + ptw->v[p].b);
    }
    tac_free(tokmap); tac_free(gcount); tac_free(gfirst); tac_free(pcount);
    return TAC_OK;
}

/* Sentence-level gold head of word w as a bank word index, -1 for root. */
static long gold_head(const cu_bank *bk, const size_t *sent_of_word, size_t w) {
    int h = bk->words[w].head;
    if (h == 0) return -1;
    return (long)(bk->sents[sent_of_word[w]].word0 + (size_t)h - 1);
}

tac_status re_run(const tac_engine *e, const char *path, re_result *out, tac_error *err) {
    memset(out, 0, sizeof *out);
    tac_status st = se_run(e, path, &out->seg, err); /* segmentation figures */
    if (st != TAC_OK) return st;
    cu_bank bk;
    if ((st = cu_load(path, &bk, err)) != TAC_OK) return st;
    se_gold g;
    if ((st = se_rebuild(&bk, path, &g, err)) != TAC_OK) { cu_free(&bk); return st; }
    tac_doc *doc = NULL;
    spanvec pt = {0}, ptw = {0};
    long *gop = NULL, *pog = NULL;
    size_t *sent_of_word = NULL;
    if ((st = tac_doc_new(&doc)) != TAC_OK) goto done;
    tac_article a = {.id = path, .text = g.text.data, .text_len = g.text.len, .origin = path};
    double t0 = now();
    if ((st = tac_engine_code(e, &a, doc, err)) != TAC_OK) goto done;
    out->seconds = now() - t0;
    out->layers = tac_engine_layers(e);
    size_t np = tac_doc_token_count(doc);
    gop = tac_malloc((np ? np : 1) * sizeof *gop);
    pog = tac_malloc((bk.nwords ? bk.nwords : 1) * sizeof *pog);
    sent_of_word = tac_malloc((bk.nwords ? bk.nwords : 1) * sizeof *sent_of_word);
    if (!gop || !pog || !sent_of_word || se_pred_tokens(doc, &pt, NULL, &ptw) != TAC_OK ||
        align(&bk, &g, &pt, &ptw, gop, np) != TAC_OK) {
        st = err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
        goto done;
    }
    for (size_t s = 0; s < bk.nsents; s++)
        for (size_t w = 0; w < bk.sents[s].nwords; w++) sent_of_word[bk.sents[s].word0 + w] = s;
    for (size_t w = 0; w < bk.nwords; w++) pog[w] = -1;
    for (size_t p = 0; p < np; p++)
        if (gop[p] >= 0) pog[gop[p]] = (long)p;
    out->gold_words = (long long)bk.nwords;
    out->pred_words = (long long)np;
    for (size_t p = 0; p < np; p++) {
        if (gop[p] < 0) continue;
        const cu_word *gw = &bk.words[gop[p]];
        tac_token t;
        tac_doc_token(doc, p, &t);
        out->aligned++;
        out->upos += t.upos && !strcmp(t.upos, gw->upos);
        out->xpos += t.xpos && !strcmp(t.xpos, gw->xpos);
        out->lemma += t.lemma && !strcmp(t.lemma, gw->lemma);
        if (t.head < -1) continue;
        long gh = gold_head(&bk, sent_of_word, (size_t)gop[p]);
        long ph = t.head < 0 ? -1 : gop[t.head];
        int head_ok = (t.head < 0 && gh < 0) || (t.head >= 0 && ph >= 0 && ph == gh);
        out->uas += head_ok;
        out->las += head_ok && t.deprel && same_rel(t.deprel, gw->deprel);
    }
done:
    tac_free(gop);
    tac_free(pog);
    tac_free(sent_of_word);
    tac_free(pt.v);
    tac_free(ptw.v);
    tac_doc_free(doc);
    se_gold_free(&g);
    cu_free(&bk);
    return st;
}
