/*
 * cmd_ingest.c - `tacitus ingest --db F.sqlite INPUT...`: codes articles
 * (on -j N threads) and stores each with its events, actor mentions and
 * quotes, one transaction per batch. Re-ingesting an article replaces it.
 */
#include "cli.h"
#include "pipeline.h"
#include "../store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ingest {
    db_store *db;
    long long in_batch, batch, stored, failed;
} ingest;

/* Stores one coded article; commits every `batch` articles. A database
 * error stops the run (the disk is full or the file is gone). */
static int store_one(void *ctx, const pl_result *r) {
    ingest *g = ctx;
    tac_error err;
    json_error_t je;
    json_t *rec = json_loadb(r->out, r->out_len, 0, &je);
    if (!rec) {
        /* cannot happen: the JSON writer's own record */
        fprintf(stderr, "tacitus: %s: record %lld: coded record does not parse: %s\n",
                r->art->origin ? r->art->origin : "-", r->art->record, je.text);
        g->failed++;
        return 0;
    }
    /* the text goes into the store beside the record: the spans point into it */
    if (r->art->text && json_object_set_new(rec, "text", json_stringn_nocheck(r->art->text, r->art->text_len))) {
        json_decref(rec);
        fprintf(stderr, "tacitus: out of memory\n");
        return -1;
    }
    tac_status st = TAC_OK;
    if (g->in_batch == 0) st = db_begin(g->db, &err);
    if (st == TAC_OK) st = db_put_article(g->db, rec, &err);
    json_decref(rec);
    if (st == TAC_OK && ++g->in_batch >= g->batch) {
        st = db_commit(g->db, &err);
        g->in_batch = 0;
    }
    if (st != TAC_OK) {
        cli_error(&err);
        return -1;
    }
    g->stored++;
    return 0;
}

int cli_ingest(int argc, char **argv) {
    tac_options opt;
    tac_options_init(&opt);
    const char *db_path = NULL, *date = NULL;
    int jobs = 1, quiet = 0;
    long batch = 256;
    tac_format fmt = TAC_FORMAT_AUTO;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    int n = 0, bad = 0;
    if (!inputs) return CLI_FATAL;
    for (int i = 1; i < argc && !bad; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int lim;
        if (!strcmp(a, "--db") && v) { db_path = v; i++; }
        else if (!strcmp(a, "--date") && v) { date = v; i++; }
        else if (!strcmp(a, "--data") && v) { opt.data_dir = v; i++; }
        else if (!strcmp(a, "--models") && v) { opt.model_dir = v; i++; }
        else if ((lim = cli_limit_option(a, v, &opt)) != 0) {
            if (lim < 0) { free(inputs); return CLI_FATAL; }
            i++;
        }
        else if (!strcmp(a, "--batch") && v) { batch = strtol(v, NULL, 10); bad = batch < 1; i++; }
        else if ((!strcmp(a, "-j") || !strcmp(a, "--jobs")) && v) {
            jobs = atoi(v);
            bad = jobs < 1 || jobs > 256;
            i++;
        } else if (!strcmp(a, "--input-format") && v) {
            fmt = !strcmp(v, "text") ? TAC_FORMAT_TEXT : !strcmp(v, "jsonl") ? TAC_FORMAT_JSONL
                : !strcmp(v, "html") ? TAC_FORMAT_HTML : !strcmp(v, "warc") ? TAC_FORMAT_WARC
                : TAC_FORMAT_AUTO;
            bad = fmt == TAC_FORMAT_AUTO;
            i++;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) quiet = 1;
        else if (a[0] == '-' && a[1]) bad = 1;
        else inputs[n++] = a;
        if (bad) { free(inputs); return cli_usage("ingest: bad or incomplete option '%s'", a); }
    }
    if (!db_path) { free(inputs); return cli_usage("ingest: --db FILE is required"); }
    if (n == 0) inputs[n++] = "-";
    tac_error err;
    tac_engine *eng = NULL;
    tac_writer *w = NULL;
    cli_check_models(&opt);
    ingest g = {NULL, 0, batch, 0, 0};
    int rc = CLI_FATAL;
    if (db_open(db_path, &g.db, &err) != TAC_OK || tac_engine_open(&opt, &eng, &err) != TAC_OK ||
        tac_writer_open(TAC_OUTPUT_JSON, TAC_LAYER_MENTIONS | TAC_LAYER_SENTENCES, opt.data_dir, &w, &err) != TAC_OK) {
        cli_error(&err);
        goto done;
    }
    pl_config cfg = {jobs, quiet, date, fmt, opt.max_article_bytes};
    pl_stats st;
    if (pl_run(eng, w, (const char *const *)inputs, n, &cfg, store_one, &g, &st)) {
        fprintf(stderr, "tacitus: cannot start %d worker threads\n", jobs);
        goto done;
    }
    if (g.in_batch && db_commit(g.db, &err) != TAC_OK) {
        cli_error(&err);
        goto done;
    }
    if (!quiet)
        fprintf(stderr, "tacitus: %lld articles stored in %s (%lld events); %lld rejected\n", g.stored,
                db_path, st.events, st.rejected + g.failed);
    if (st.stopped) rc = CLI_FATAL;
    else if (st.rejected || g.failed) rc = g.stored ? CLI_PARTIAL : CLI_FATAL;
    else rc = CLI_OK;
done:
    db_close(g.db);
    tac_writer_free(w);
    tac_engine_free(eng);
    free(inputs);
    return rc;
}
