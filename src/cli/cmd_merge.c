/*
 * cmd_merge.c - `tacitus merge [--format F] [--keyed] [FILE...]`: the
 * reduce step. Reads native article records and event records (JSON Lines,
 * each line optionally "KEY<TAB>" first, as Hadoop Streaming hands them
 * over), merges equal events (out.h, mg_) and writes them sorted by key.
 * Merging merged output again gives the same result.
 */
#include "cli.h"
#include "../io/out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int put(void *ctx, const char *p, size_t n) {
    (void)ctx;
    return fwrite(p, 1, n, stdout) != n;
}

/* --keyed: "KEY<TAB>record" so a shuffle can partition by event. */
static int put_keyed(void *ctx, const char *p, size_t n) {
    (void)ctx;
    const char *k = strstr(p, "\"key\":\"");
    if (!k) return put(NULL, p, n);
    k += 7;
    size_t kl = strcspn(k, "\"");
    return fwrite(k, 1, kl, stdout) != kl || fputc('\t', stdout) == EOF || put(NULL, p, n);
}

/* Adds every line of fp to m; bad lines are reported and skipped.
 * Returns the number of bad lines, or -1 when memory ran out. */
static long long read_into(mg_set *m, FILE *fp, const char *name) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long long ln = 0, bad = 0, off = 0, at;
    while ((len = getline(&line, &cap, fp)) > 0) {
        ln++;
        at = off;
        off += len;
        char *p = line;
        size_t n = (size_t)len;
        while (n && (p[n - 1] == '\n' || p[n - 1] == '\r')) n--;
        if (n == 0) continue;
        if (*p != '{') {
            /* a shuffle key before a tab: the record follows it */
            char *tab = memchr(p, '\t', n);
            if (tab) { n -= (size_t)(tab + 1 - p); at += tab + 1 - p; p = tab + 1; }
        }
        json_error_t je;
        json_t *rec = json_loadb(p, n, 0, &je);
        int rc = -2;
        if (rec && json_is_array(json_object_get(rec, "events"))) rc = mg_add_article(m, rec);
        else if (rec) rc = mg_add_record(m, rec);
        json_decref(rec);
        if (rc == -1) { free(line); return -1; }
        if (rc) {
            bad++;
            if (!rec)
                fprintf(stderr, "tacitus: %s: record %lld, byte %lld: malformed JSON: %s\n", name, ln,
                        at + je.position, je.text);
            else
                fprintf(stderr, "tacitus: %s: record %lld, byte %lld: neither an article record nor an "
                                "event record\n", name, ln, at);
        }
    }
    free(line);
    if (ferror(fp)) {
        fprintf(stderr, "tacitus: %s: read error: %s\n", name, strerror(errno));
        bad++;
    }
    return bad;
}

int cli_merge(int argc, char **argv) {
    tac_options opt;
    tac_options_init(&opt);
    const char *format = "json";
    int keyed = 0, n = 0;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    if (!inputs) return CLI_FATAL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--keyed")) keyed = 1;
        else if (!strcmp(a, "--format") && v) { format = v; i++; }
        else if (!strcmp(a, "--data") && v) { opt.data_dir = v; i++; }
        else if (a[0] == '-' && a[1]) { free(inputs); return cli_usage("merge: bad or incomplete option '%s'", a); }
        else inputs[n++] = a;
    }
    if (n == 0) inputs[n++] = "-";
    tac_error err;
    tac_output fmt;
    if (tac_output_parse(format, &fmt, &err) != TAC_OK) { free(inputs); return cli_usage("merge: %s", err.message); }
    if (keyed && fmt != TAC_OUTPUT_JSON) { free(inputs); return cli_usage("merge: --keyed goes with --format json"); }
    ow_tables *t = NULL;
    mg_set *m = mg_new();
    long long bad = 0;
    int rc = CLI_FATAL;
    if (!m) goto done;
    if (ow_tables_open(opt.data_dir, &t, &err) != TAC_OK) { cli_error(&err); goto done; }
    for (int k = 0; k < n; k++) {
        FILE *fp = strcmp(inputs[k], "-") ? fopen(inputs[k], "r") : stdin;
        if (!fp) {
            fprintf(stderr, "tacitus: %s: cannot open: %s\n", inputs[k], strerror(errno));
            bad++;
            continue;
        }
        long long b = read_into(m, fp, inputs[k]);
        if (fp != stdin) fclose(fp);
        if (b < 0) { fputs("tacitus: out of memory merging\n", stderr); goto done; }
        bad += b;
    }
    if (fmt == TAC_OUTPUT_CSV) {
        buf h;
        buf_init(&h);
        int hf = ow_csv_header(&h) || put(NULL, h.data, h.len);
        buf_free(&h);
        if (hf) goto done;
    }
    if (mg_write(m, t, fmt, keyed ? put_keyed : put, NULL)) goto done;
    if (fflush(stdout)) goto done;
    rc = bad ? CLI_PARTIAL : CLI_OK;
done:
    if (rc == CLI_FATAL && ferror(stdout)) fprintf(stderr, "tacitus: cannot write output\n");
    mg_free(m);
    ow_tables_free(t);
    free(inputs);
    return rc;
}
