/*
 * segeval.c - segmentation evaluation on a treebank. Gold spans come from
 * locating each surface token's form in the rebuilt text; predicted spans
 * from the engine's tokens, with clitic splits joined back into their
 * surface token.
 */
#include "segeval.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/error.h"
#include "../io/conllu.h"

#include <string.h>
#include <utf8proc.h>

typedef se_span span;

static int sv_push(spanvec *s, size_t a, size_t b) {
    if (tac_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v)) return -1;
    s->v[s->n++] = (span){a, b};
    return 0;
}

double se_precision(const se_prf *p) { return p->pred ? 100.0 * (double)p->match / (double)p->pred : 0; }
double se_recall(const se_prf *p) { return p->gold ? 100.0 * (double)p->match / (double)p->gold : 0; }
double se_f1(const se_prf *p) {
    double pr = se_precision(p), re = se_recall(p);
    return pr + re > 0 ? 2 * pr * re / (pr + re) : 0;
}

/* Counts spans present in both sorted vectors. */
static long long count_match(const spanvec *g, const spanvec *p) {
    size_t i = 0, j = 0;
    long long m = 0;
    while (i < g->n && j < p->n) {
        if (g->v[i].a == p->v[j].a && g->v[i].b == p->v[j].b) { m++; i++; j++; }
        else if (g->v[i].a < p->v[j].a || (g->v[i].a == p->v[j].a && g->v[i].b < p->v[j].b)) i++;
        else j++;
    }
    return m;
}

/* Bytes of white space (ASCII, no-break and Unicode spaces) at s. */
static size_t skip_space(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
        if (m <= 0 || !(c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || c == 0x202F ||
                        (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF))
            break;
        i += (size_t)m;
    }
    return i;
}

/* Appends sentence s's text to t and records gold token, word and
 * sentence spans. Forms are searched forward from the current position. */
static tac_status add_sentence(const cu_bank *bk, const cu_sent *s, buf *t, spanvec *gt,
                               spanvec *gw, spanvec *gs, spanvec *wt, const char *path,
                               tac_error *err) {
    size_t base = t->len;
    if (s->text) {
        if (buf_append(t, s->text, strlen(s->text))) goto nomem;
    } else {
        for (size_t k = 0; k < s->ntoks; k++) {
            const cu_token *tk = &bk->toks[s->tok0 + k];
            if (buf_append(t, tk->form, strlen(tk->form)) ||
                (tk->space_after && k + 1 < s->ntoks && buf_putc(t, ' ')))
                goto nomem;
        }
    }
    size_t pos = base, first = 0, last = 0;
    for (size_t k = 0; k < s->ntoks; k++) {
        const cu_token *tk = &bk->toks[s->tok0 + k];
        size_t n = strlen(tk->form);
        pos += skip_space(t->data + pos, t->len - pos);
        if (pos + n > t->len || memcmp(t->data + pos, tk->form, n) != 0)
            return err_set(err, TAC_EPARSE, path, s->line, -1,
                           "token '%s' not found in the sentence's # text", tk->form);
        if (k == 0) first = pos;
        if (sv_push(gt, pos, pos + n)) goto nomem;
        if (tk->first == tk->last && sv_push(gw, pos, pos + n)) goto nomem;
        /* each word of the token: (token index, position inside the token) */
        for (int w = tk->first; wt && w <= tk->last; w++)
            if (sv_push(wt, gt->n - 1, (size_t)(w - tk->first))) goto nomem;
        pos += n;
        last = pos;
    }
    if (s->ntoks && sv_push(gs, first, last)) goto nomem;
    return TAC_OK;
nomem:
    return err_set(err, TAC_ENOMEM, path, s->line, -1, "out of memory");
}

/* Writes spans present on one side only, in text order. */
static void dump_diff(FILE *f, const char *kind, const spanvec *g, const spanvec *p, const char *t) {
    size_t i = 0, j = 0;
    while (i < g->n || j < p->n) {
        int gi = i < g->n, pj = j < p->n;
        if (gi && pj && g->v[i].a == p->v[j].a && g->v[i].b == p->v[j].b) { i++; j++; continue; }
        const span *s;
        char sign;
        if (gi && (!pj || g->v[i].a < p->v[j].a || (g->v[i].a == p->v[j].a && g->v[i].b < p->v[j].b)))
            s = &g->v[i++], sign = '-';
        else
            s = &p->v[j++], sign = '+';
        int n = (int)(s->b - s->a);
        fprintf(f, "%s %c [%zu,%zu) %.*s\n", kind, sign, s->a, s->b, n > 160 ? 160 : n, t + s->a);
    }
}

void se_gold_free(se_gold *g) {
    buf_free(&g->text);
    tac_free(g->tok.v);
    tac_free(g->word.v);
    tac_free(g->sent.v);
    tac_free(g->word_tok.v);
    memset(g, 0, sizeof *g);
}

tac_status se_rebuild(const cu_bank *bk, const char *path, se_gold *g, tac_error *err) {
    memset(g, 0, sizeof *g);
    buf_init(&g->text);
    tac_status st = TAC_OK;
    for (size_t i = 0; i < bk->nsents && st == TAC_OK; i++) {
        const cu_sent *s = &bk->sents[i];
        if (i > 0 && buf_append(&g->text, s->newpar ? "\n\n" : " ", s->newpar ? 2 : 1)) {
            st = err_set(err, TAC_ENOMEM, path, s->line, -1, "out of memory");
            break;
        }
        st = add_sentence(bk, s, &g->text, &g->tok, &g->word, &g->sent, &g->word_tok, path, err);
    }
    if (st == TAC_OK && !g->text.data && buf_reserve(&g->text, 1))
        st = err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    if (st != TAC_OK) se_gold_free(g);
    return st;
}

tac_status se_pred_tokens(const tac_doc *doc, spanvec *tokens, spanvec *words, spanvec *tok_of_word) {
    size_t nt = tac_doc_token_count(doc);
    for (size_t i = 0; i < nt; i++) {
        tac_token t, u;
        tac_doc_token(doc, i, &t);
        size_t end = t.end, k = i;
        while (k + 1 < nt && tac_doc_token(doc, k + 1, &u) == TAC_OK && u.mwt_count == 0) {
            end = u.end;
            k++;
        }
        if (sv_push(tokens, t.start, end) || (k == i && words && sv_push(words, t.start, end)))
            return TAC_ENOMEM;
        for (size_t w = i; tok_of_word && w <= k; w++)
            if (sv_push(tok_of_word, tokens->n - 1, w - i)) return TAC_ENOMEM;
        i = k;
    }
    return TAC_OK;
}

tac_status se_run(const tac_engine *e, const char *path, se_result *out, tac_error *err) {
    return se_run_errors(e, path, out, NULL, err);
}

tac_status se_run_errors(const tac_engine *e, const char *path, se_result *out, FILE *errors,
                         tac_error *err) {
    memset(out, 0, sizeof *out);
    cu_bank bk;
    tac_status st = cu_load(path, &bk, err);
    if (st != TAC_OK) return st;
    se_gold g;
    spanvec pt = {0}, pw = {0}, ps = {0};
    tac_doc *doc = NULL;
    if ((st = se_rebuild(&bk, path, &g, err)) != TAC_OK) {
        cu_free(&bk);
        return st;
    }
    spanvec gt = g.tok, gw = g.word, gs = g.sent;
    buf text = g.text;
    if ((st = tac_doc_new(&doc)) != TAC_OK) goto done;
    tac_article a = {.id = path, .text = text.data, .text_len = text.len, .origin = path, .record = 1};
    if ((st = tac_engine_code(e, &a, doc, err)) != TAC_OK) goto done;
    if (se_pred_tokens(doc, &pt, &pw, NULL) != TAC_OK) {
        st = err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < tac_doc_sentence_count(doc); i++) {
        tac_sentence s;
        tac_doc_sentence(doc, i, &s);
        if (sv_push(&ps, s.start, s.end)) {
            st = err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
            goto done;
        }
    }
    out->tokens = (se_prf){(long long)gt.n, (long long)pt.n, count_match(&gt, &pt)};
    out->words = (se_prf){(long long)gw.n, (long long)pw.n, count_match(&gw, &pw)};
    out->sentences = (se_prf){(long long)gs.n, (long long)ps.n, count_match(&gs, &ps)};
    out->text_bytes = text.len;
    if (errors) {
        dump_diff(errors, "token", &gt, &pt, text.data);
        dump_diff(errors, "sentence", &gs, &ps, text.data);
    }
done:
    tac_doc_free(doc);
    tac_free(pt.v); tac_free(pw.v); tac_free(ps.v);
    se_gold_free(&g);
    cu_free(&bk);
    return st;
}
