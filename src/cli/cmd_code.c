/*
 * cmd_code.c - `tacitus code`: read articles, code them (on -j N threads),
 * write JSON Lines, GDELT, PLOVER or CSV in input order.
 * Exit 0 when every record was coded, 2 when some were rejected (the rest
 * are still written), 1 when nothing could be coded.
 */
#include "cli.h"
#include "pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes each result to stdout; a failed write stops the run. */
static int to_stdout(void *ctx, const pl_result *r) {
    (void)ctx;
    return r->out_len && fwrite(r->out, 1, r->out_len, stdout) != r->out_len ? -1 : 0;
}

int cli_code(int argc, char **argv) {
    tac_options opt;
    tac_options_init(&opt);
    const char *date = NULL, *layers_spec = "", *format = "json";
    int jobs = 1, quiet = 0;
    tac_format fmt = TAC_FORMAT_AUTO;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    int ninputs = 0, asserted_only = 0;
    if (!inputs) return CLI_FATAL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int lim;
        if (!strcmp(a, "--date") && v) { date = v; i++; }
        else if (!strcmp(a, "--layers") && v) { layers_spec = v; i++; }
        else if (!strcmp(a, "--format") && v) { format = v; i++; }
        else if ((!strcmp(a, "-j") || !strcmp(a, "--jobs")) && v) {
            char *end;
            long j = strtol(v, &end, 10);
            if (*end || j < 1 || j > 256) {
                free(inputs);
                return cli_usage("code: -j wants a number of threads from 1 to 256, not '%s'", v);
            }
            jobs = (int)j;
            i++;
        } else if (!strncmp(a, "-j", 2) && a[2] >= '1' && a[2] <= '9') {
            jobs = atoi(a + 2);
            if (jobs > 256) jobs = 256;
        }
        else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) quiet = 1;
        else if (!strcmp(a, "--data") && v) { opt.data_dir = v; i++; }
        else if (!strcmp(a, "--models") && v) { opt.model_dir = v; i++; }
        else if (!strcmp(a, "--asserted-only")) asserted_only = 1;
        else if (!strcmp(a, "--parse-candidates")) opt.parse_candidates = 1;
        else if (!strcmp(a, "--input-format") && v) {
            if (!strcmp(v, "text")) fmt = TAC_FORMAT_TEXT;
            else if (!strcmp(v, "jsonl")) fmt = TAC_FORMAT_JSONL;
            else if (!strcmp(v, "html")) fmt = TAC_FORMAT_HTML;
            else if (!strcmp(v, "warc")) fmt = TAC_FORMAT_WARC;
            else {
                free(inputs);
                return cli_usage("unknown input format '%s' (text, jsonl, html, warc)", v);
            }
            i++;
        } else if ((lim = cli_limit_option(a, v, &opt)) != 0) {
            if (lim < 0) { free(inputs); return CLI_FATAL; }
            i++;
        } else if (a[0] == '-' && a[1] == '-') {
            free(inputs);
            return cli_usage("code: unknown or incomplete option '%s'", a);
        } else {
            inputs[ninputs++] = a;
        }
    }
    if (ninputs == 0) inputs[ninputs++] = "-";
    tac_error err;
    tac_output ofmt;
    if (tac_output_parse(format, &ofmt, &err) != TAC_OK) {
        free(inputs);
        return cli_usage("code: %s", err.message);
    }
    unsigned layers;
    if (tac_layers_parse(layers_spec, &layers, &err) != TAC_OK) {
        cli_error(&err);
        free(inputs);
        return CLI_FATAL;
    }
    if (asserted_only) layers |= TAC_OUT_ASSERTED_ONLY;
    cli_check_models(&opt);
    tac_engine *eng = NULL;
    tac_writer *w = NULL;
    if (tac_engine_open(&opt, &eng, &err) != TAC_OK ||
        tac_writer_open(ofmt, layers, opt.data_dir, &w, &err) != TAC_OK ||
        tac_writer_header(w, stdout, &err) != TAC_OK) {
        cli_error(&err);
        tac_writer_free(w);
        tac_engine_free(eng);
        free(inputs);
        return CLI_FATAL;
    }
    pl_config cfg = {jobs, quiet, date, fmt, opt.max_article_bytes};
    pl_stats stats;
    int run_failed = pl_run(eng, w, (const char *const *)inputs, ninputs, &cfg, to_stdout, NULL, &stats);
    if (run_failed) fprintf(stderr, "tacitus: cannot start %d worker threads\n", jobs);
    long long coded = stats.coded, rejected = stats.rejected;
    int fatal_io = stats.stopped || run_failed;
    int out_failed = fflush(stdout) != 0 || ferror(stdout);
    if (out_failed) fprintf(stderr, "tacitus: cannot write output: %s\n", strerror(errno));
    tac_writer_free(w);
    tac_engine_free(eng);
    free(inputs);
    if (out_failed) return CLI_FATAL; /* results that were not delivered do not count */
    if (coded == 0 && (rejected > 0 || fatal_io)) return CLI_FATAL;
    if (rejected > 0 || fatal_io) return CLI_PARTIAL;
    return CLI_OK;
}
