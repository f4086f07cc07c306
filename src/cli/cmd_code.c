/*
 * cmd_code.c - `tacitus code`: read articles, code them, write JSON Lines.
 * Exit 0 when every record was coded, 2 when some were rejected (the rest
 * are still written), 1 when nothing could be coded.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_code(int argc, char **argv) {
    tac_options opt;
    tac_options_init(&opt);
    const char *date = NULL, *layers_spec = "", *format = "json";
    tac_format fmt = TAC_FORMAT_AUTO;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    int ninputs = 0, asserted_only = 0;
    if (!inputs) return CLI_FATAL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--date") && v) { date = v; i++; }
        else if (!strcmp(a, "--layers") && v) { layers_spec = v; i++; }
        else if (!strcmp(a, "--format") && v) { format = v; i++; }
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
        } else if (!strcmp(a, "--max-bytes") && v) {
            opt.max_article_bytes = strtoull(v, NULL, 10);
            i++;
        } else if (a[0] == '-' && a[1] == '-') {
            free(inputs);
            return cli_usage("code: unknown or incomplete option '%s'", a);
        } else {
            inputs[ninputs++] = a;
        }
    }
    if (ninputs == 0) inputs[ninputs++] = "-";
    if (strcmp(format, "json") != 0) {
        free(inputs);
        return cli_usage("code: unknown format '%s' (json)", format);
    }
    tac_error err;
    unsigned layers;
    if (tac_layers_parse(layers_spec, &layers, &err) != TAC_OK) {
        cli_error(&err);
        free(inputs);
        return CLI_FATAL;
    }
    if (asserted_only) layers |= TAC_OUT_ASSERTED_ONLY;
    tac_engine *eng = NULL;
    tac_doc *doc = NULL;
    if (tac_engine_open(&opt, &eng, &err) != TAC_OK) { cli_error(&err); free(inputs); return CLI_FATAL; }
    if (tac_doc_new(&doc) != TAC_OK) { tac_engine_free(eng); free(inputs); return CLI_FATAL; }
    long long coded = 0, rejected = 0;
    int fatal_io = 0;
    for (int k = 0; k < ninputs && !fatal_io; k++) {
        tac_reader *rd;
        if (tac_reader_open(inputs[k], fmt, date, opt.max_article_bytes, &rd, &err) != TAC_OK) {
            cli_error(&err);
            rejected++;
            continue;
        }
        tac_article art;
        tac_status st;
        while ((st = tac_reader_next(rd, &art, &err)) != TAC_END) {
            if (st != TAC_OK) {
                cli_error(&err);
                rejected++;
                if (err.status == TAC_ENOMEM) { fatal_io = 1; break; }
                continue;
            }
            if (tac_engine_code(eng, &art, doc, &err) != TAC_OK ||
                tac_doc_write_json(doc, layers, stdout, &err) != TAC_OK) {
                cli_error(&err);
                rejected++;
                if (err.status == TAC_EIO) { fatal_io = 1; break; } /* stdout is gone */
                continue;
            }
            coded++;
        }
        tac_reader_free(rd);
    }
    int out_failed = fflush(stdout) != 0 || ferror(stdout);
    if (out_failed) fprintf(stderr, "tacitus: cannot write output: %s\n", strerror(errno));
    tac_doc_free(doc);
    tac_engine_free(eng);
    free(inputs);
    if (out_failed) return CLI_FATAL; /* results that were not delivered do not count */
    if (coded == 0 && (rejected > 0 || fatal_io)) return CLI_FATAL;
    if (rejected > 0 || fatal_io) return CLI_PARTIAL;
    return CLI_OK;
}
