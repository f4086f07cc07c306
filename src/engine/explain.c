/*
 * explain.c - why an article's events were coded: the tokens with their
 * tags and tree, the mentions with the dictionary lines behind them, every
 * candidate trigger with the patterns tried, and the events. Shared by
 * `tacitus explain` and the language bindings, so both tell the same story.
 */
#include "engine.h"
#include "../code/codebook.h"
#include "../code/events.h"
#include "../core/error.h"
#include "../io/write_string.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Dictionary files are named without the folder they were loaded from, as
 * in the JSON output, so explanations read the same on every machine. */
static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

void eng_trace_line(void *ctx, const char *line) { fprintf((FILE *)ctx, "  %s\n", line); }

void eng_put_tokens(FILE *out, const tac_doc *d, long sent) {
    fprintf(out, "tokens (index form upos xpos lemma head deprel):\n");
    for (size_t i = 0; i < d->tokens.n; i++) {
        const tk_token *t = &d->tokens.v[i];
        if (sent >= 0 && (long)t->sentence != sent) continue;
        fprintf(out, "  %3zu %-16.*s %-6s %-5s %-14s %3d %s\n", i, (int)(t->end - t->start),
                d->norm.data + t->start, d->upos ? d->upos[i] : "-", d->xpos ? d->xpos[i] : "-",
                d->lemma ? d->lemma[i] : "-", d->head ? d->head[i] : -2,
                d->deprel ? d->deprel[i] : "-");
    }
}

void eng_put_mentions(FILE *out, const tac_doc *d, long sent) {
    fprintf(out, "mentions:\n");
    for (size_t i = 0; i < d->mentions.n; i++) {
        const mn_mention *m = &d->mentions.v[i];
        if (sent >= 0 && (long)m->sentence != sent) continue;
        const tk_token *a = &d->tokens.v[m->first], *z = &d->tokens.v[m->last - 1];
        fprintf(out, "  %zu '%.*s' tokens %u-%u code %s", i, (int)(z->end - a->start),
                d->norm.data + a->start, m->first, m->last - 1, m->code ? m->code : "(none)");
        if (m->actor_file) fprintf(out, "  actor %s:%u", base_name(m->actor_file), m->actor_line);
        if (m->agent_file) fprintf(out, "  agent %s:%u", base_name(m->agent_file), m->agent_line);
        if (m->antecedent >= 0) fprintf(out, "  refers to %d", m->antecedent);
        fprintf(out, "\n");
    }
}

static void put_events(FILE *out, const tac_doc *d, long sent) {
    fprintf(out, "events:\n");
    const struct ev_layer *L = d->events;
    int any = 0;
    for (size_t i = 0; L && i < L->n; i++) {
        const ev_event *e = &L->v[i];
        if (sent >= 0 && (long)e->sentence != sent) continue;
        any = 1;
        fprintf(out, "  %s -> %s  %s %s (goldstein %.1f, quad %d%s%s)  %s  pattern %s:%u\n",
                e->scode, e->tcode, e->code, e->cb->name, e->cb->goldstein, e->cb->quad_class,
                e->cb->plover_type ? ", plover " : "",
                e->cb->plover_type ? e->cb->plover_type : "", ev_modality_name(e->modality),
                e->pat_file, e->pat_line);
    }
    if (!any) fprintf(out, "  (none)\n");
}

tac_status tac_engine_explain(const tac_engine *e, const tac_article *a, long sentence, FILE *out,
                              tac_error *err) {
    err_clear(err);
    if (!e || !a || !out) return err_set(err, TAC_EINVAL, NULL, 0, -1, "explain: missing argument");
    tac_doc *d = NULL;
    tac_status st = tac_doc_new(&d);
    if (st != TAC_OK) return err_set(err, st, a->origin, a->record, -1, "out of memory");
    st = tac_engine_code(e, a, d, err);
    if (st == TAC_OK && sentence >= (long)d->sentences.n) {
        st = err_set(err, TAC_EINVAL, a->origin, a->record, -1,
                     "explain: sentence %ld out of range: the article has %zu sentences (0-%zu)",
                     sentence, d->sentences.n, d->sentences.n ? d->sentences.n - 1 : 0);
    }
    if (st == TAC_OK) {
        eng_put_tokens(out, d, sentence);
        eng_put_mentions(out, d, sentence);
        fprintf(out, "triggers:\n");
        if (!e->events) fprintf(out, "  (no verb dictionary or codebook: event coding is off)\n");
        /* coding again with a trace gives the same events: the coder is deterministic */
        ev_opts eo = {0, e->opt.max_events_per_sentence};
        if (ev_run_opts(e->events, d, &eo, sentence, eng_trace_line, out))
            st = err_set(err, TAC_ENOMEM, a->origin, a->record, -1, "out of memory explaining");
        else
            put_events(out, d, sentence);
    }
    if (st == TAC_OK && ferror(out))
        st = err_set(err, TAC_EIO, a->origin, a->record, -1, "explain: write failed");
    tac_doc_free(d);
    return st;
}

struct explain_args {
    const tac_engine *e;
    const tac_article *a;
    long sentence;
};

static tac_status explain_to(const void *ctx, FILE *f, tac_error *err) {
    const struct explain_args *x = ctx;
    return tac_engine_explain(x->e, x->a, x->sentence, f, err);
}

tac_status tac_engine_explain_string(const tac_engine *e, const tac_article *a, long sentence,
                                     char **out, size_t *len, tac_error *err) {
    struct explain_args x = {e, a, sentence};
    return ow_to_string(explain_to, &x, out, len, err);
}
