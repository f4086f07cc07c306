/*
 * cmd_explain.c - `tacitus explain "SENTENCE" [--date D]`: codes one
 * sentence and prints why: tokens with tags and heads, the mentions, each
 * candidate trigger with the patterns tried, what fired, and the events.
 */
#include "cli.h"
#include "../core/doc.h"
#include "../code/codebook.h"
#include "../code/events.h"
#include "../engine/engine.h"

#include <stdio.h>
#include <string.h>

/* Declared in cli.h once the integrator adds it there. */
int cli_explain(int argc, char **argv);

static void print_line(void *ctx, const char *line) {
    (void)ctx;
    printf("  %s\n", line);
}

static void print_tokens(const tac_doc *d) {
    printf("tokens (index form upos xpos lemma head deprel):\n");
    for (size_t i = 0; i < d->tokens.n; i++) {
        const tk_token *t = &d->tokens.v[i];
        printf("  %3zu %-16.*s %-6s %-5s %-14s %3d %s\n", i, (int)(t->end - t->start),
               d->norm.data + t->start, d->upos ? d->upos[i] : "-", d->xpos ? d->xpos[i] : "-",
               d->lemma ? d->lemma[i] : "-", d->head ? d->head[i] : -2,
               d->deprel ? d->deprel[i] : "-");
    }
}

static void print_mentions(const tac_doc *d) {
    printf("mentions:\n");
    for (size_t i = 0; i < d->mentions.n; i++) {
        const mn_mention *m = &d->mentions.v[i];
        const tk_token *a = &d->tokens.v[m->first], *z = &d->tokens.v[m->last - 1];
        printf("  %zu '%.*s' tokens %u-%u code %s", i, (int)(z->end - a->start),
               d->norm.data + a->start, m->first, m->last - 1, m->code ? m->code : "(none)");
        if (m->actor_file) printf("  actor %s:%u", m->actor_file, m->actor_line);
        if (m->agent_file) printf("  agent %s:%u", m->agent_file, m->agent_line);
        if (m->antecedent >= 0) printf("  refers to %d", m->antecedent);
        printf("\n");
    }
}

static void print_events(const tac_doc *d) {
    printf("events:\n");
    const struct ev_layer *L = d->events;
    for (size_t i = 0; L && i < L->n; i++) {
        const ev_event *e = &L->v[i];
        const mn_mention *s = &d->mentions.v[e->source], *t = &d->mentions.v[e->target];
        printf("  %s -> %s  %s %s (goldstein %.1f, quad %d%s%s)  %s  pattern %s:%u\n", s->code,
               t->code, e->cb->code, e->cb->name, e->cb->goldstein, e->cb->quad_class,
               e->cb->plover_type ? ", plover " : "",
               e->cb->plover_type ? e->cb->plover_type : "", ev_modality_name(e->modality),
               e->pat_file, e->pat_line);
    }
    if (!L || L->n == 0) printf("  (none)\n");
}

int cli_explain(int argc, char **argv) {
    const char *text = NULL, *date = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--date") && i + 1 < argc) date = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) return cli_usage("explain: unknown option '%s'", argv[i]);
        else if (!text) text = argv[i];
        else return cli_usage("explain: one sentence (quote it)");
    }
    if (!text) return cli_usage("explain: usage: tacitus explain \"SENTENCE\" [--date YYYY-MM-DD]");
    tac_options opt;
    tac_options_init(&opt);
    tac_error err;
    tac_engine *eng = NULL;
    tac_doc *doc = NULL;
    if (tac_engine_open(&opt, &eng, &err) != TAC_OK) { cli_error(&err); return CLI_FATAL; }
    if (tac_doc_new(&doc) != TAC_OK) { tac_engine_free(eng); return CLI_FATAL; }
    tac_article art;
    memset(&art, 0, sizeof art);
    art.text = text;
    art.text_len = strlen(text);
    art.date = date;
    art.origin = "explain";
    int rc = CLI_OK;
    if (tac_engine_code(eng, &art, doc, &err) != TAC_OK) {
        cli_error(&err);
        rc = CLI_FATAL;
    } else {
        print_tokens(doc);
        print_mentions(doc);
        printf("triggers:\n");
        if (!eng->events) printf("  (no verb dictionary or codebook: event coding is off)\n");
        if (ev_run_traced(eng->events, doc, print_line, NULL)) rc = CLI_FATAL;
        print_events(doc);
    }
    tac_doc_free(doc);
    tac_engine_free(eng);
    return rc;
}
