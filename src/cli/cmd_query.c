/*
 * cmd_query.c - `tacitus query --db F [filters] [--format F] [--dedup]`:
 * events from the store, one per stored event or merged by event key.
 */
#include "cli.h"
#include "../io/out.h"
#include "../store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

typedef struct query {
    const ow_tables *t;
    tac_output fmt;
    mg_set *merge;      /* --dedup: events gathered here, written at the end */
    buf b;
    long long n;
} query;

static int put(void *ctx, const char *p, size_t n) {
    (void)ctx;
    if (!n) return 0; /* an empty buffer may have no storage yet */
    return fwrite(p, 1, n, stdout) != n;
}

static int one(void *ctx, json_t *art) {
    query *q = ctx;
    q->n++;
    if (q->merge) return mg_add_article(q->merge, art);
    q->b.len = 0;
    if (ow_article(&q->b, q->t, q->fmt, art, NULL)) return -1;
    return put(NULL, q->b.data, q->b.len);
}

int cli_query(int argc, char **argv) {
    tac_options opt;
    tac_options_init(&opt);
    const char *db_path = NULL, *format = "json";
    db_filter f = {0};
    int dedup = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--dedup")) { dedup = 1; continue; }
        if (!v) return cli_usage("query: bad or incomplete option '%s'", a);
        if (!strcmp(a, "--db")) db_path = v;
        else if (!strcmp(a, "--actor")) f.actor = v;
        else if (!strcmp(a, "--cameo")) f.cameo = v;
        else if (!strcmp(a, "--from")) f.from = v;
        else if (!strcmp(a, "--to")) f.to = v;
        else if (!strcmp(a, "--place")) f.place = v;
        else if (!strcmp(a, "--format")) format = v;
        else if (!strcmp(a, "--data")) opt.data_dir = v;
        else if (!strcmp(a, "--quad")) {
            f.quad = atoi(v);
            if (f.quad < 1 || f.quad > 4 || v[1]) return cli_usage("query: --quad wants 1, 2, 3 or 4");
        } else return cli_usage("query: unknown option '%s'", a);
        i++;
    }
    if (!db_path) return cli_usage("query: --db FILE is required");
    if (access(db_path, R_OK) != 0) {
        fprintf(stderr, "tacitus: %s: cannot open: %s\n", db_path, strerror(errno));
        return CLI_FATAL;
    }
    tac_error err;
    query q = {0};
    if (tac_output_parse(format, &q.fmt, &err) != TAC_OK) return cli_usage("query: %s", err.message);
    ow_tables *t = NULL;
    db_store *db = NULL;
    int rc = CLI_FATAL;
    buf_init(&q.b);
    if (ow_tables_open(opt.data_dir, &t, &err) != TAC_OK || db_open(db_path, &db, &err) != TAC_OK) {
        cli_error(&err);
        goto done;
    }
    q.t = t;
    if (dedup && !(q.merge = mg_new())) goto done;
    if (q.fmt == TAC_OUTPUT_CSV && (ow_csv_header(&q.b) || put(NULL, q.b.data, q.b.len))) goto done;
    if (db_query(db, &f, one, &q, &err) != TAC_OK) {
        cli_error(&err);
        goto done;
    }
    if (q.merge && mg_write(q.merge, t, q.fmt, put, NULL)) goto done;
    rc = fflush(stdout) ? CLI_FATAL : CLI_OK;
done:
    if (rc != CLI_OK && ferror(stdout)) fprintf(stderr, "tacitus: cannot write output\n");
    mg_free(q.merge);
    buf_free(&q.b);
    db_close(db);
    ow_tables_free(t);
    return rc;
}
