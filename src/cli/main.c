/*
 * main.c - entry point of the tacitus command: dispatches subcommands.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

static const char usage[] =
    "usage: tacitus <command> [options]\n"
    "\n"
    "commands:\n"
    "  code [--format json|gdelt|plover|csv] [--layers sentences,tokens] [--date YYYY-MM-DD]\n"
    "       [-j N] [--quiet] [--asserted-only] [--parse-candidates] [LIMITS] INPUT...\n"
    "        code articles (text, JSON Lines, HTML, WARC, directories, - for stdin)\n"
    "  ingest --db F.sqlite [-j N] [--batch N] [LIMITS] INPUT...   code and store (docs/scale.md)\n"
    "        LIMITS (docs/limits.md; each one exceeded is a warning naming the article):\n"
    "        --max-article-bytes N       cut longer articles (default 16777216; alias --max-bytes)\n"
    "        --max-sentence-tokens N     split longer sentences (default 400; 0: no limit)\n"
    "        --max-events-per-sentence N keep the first N events of a sentence (default 64; 0: no limit)\n"
    "  query --db F.sqlite [--actor CODE] [--cameo PREFIX] [--quad N] [--from D] [--to D]\n"
    "        [--place ISO3] [--dedup] [--format json|gdelt|plover|csv]\n"
    "  merge [--format F] [--keyed] [FILE...]   de-duplicate events of shard outputs\n"
    "  train tagger|ner|parser --train F --dev F -o MODEL\n"
    "        train a model from a treebank (parser: [--tagger T] [--jackknife K];\n"
    "        ner: [--final]; see docs/tagger.md, docs/parser.md, docs/ner.md)\n"
    "  eval segment GOLD.conllu [--json] [--errors]\n"
    "  eval tagger|parser|ner MODEL GOLD [--json] (tagger: [--errors]; parser: [--tagger T] [--output F])\n"
    "  eval pipeline GOLD.conllu [--json]   every layer from raw text\n"
    "  eval context DIR [--errors] [--time] dates, numbers, quotes, places vs annotations\n"
    "        score sentence and token segmentation against a treebank\n"
    "  dict check FILES... | dict lookup \"PHRASE\" [--date D] [--dict FILE...]\n"
    "        validate dictionaries; show an actor's code and its source line\n"
    "  explain \"SENTENCE\" [--date D] | explain FILE --sentence N [--date D]\n"
    "  validate FILE.xml [--json] [-v] [--trace]   PETRARCH validation records\n"
    "  serve [--db F.sqlite] [--port 8080] [--bind 127.0.0.1] [--web DIR] [--max-body N]\n"
    "        HTTP API (/v1/...) and dashboard (docs/api.md)\n"
    "  bench segment FILE... [--repeat N]\n"
    "        measure segmentation throughput\n"
    "  bench models [DIR]                 time and memory to open the trained models\n"
    "  version\n";

void cli_error(const tac_error *e) {
    char msg[1400];
    tac_error_format(e, msg, sizeof msg);
    fprintf(stderr, "tacitus: %s\n", msg);
}

void cli_check_models(const tac_options *o) {
    struct stat sb;
    if (!(o->stages & TAC_STAGE_NLP) || (stat(o->model_dir, &sb) == 0 && S_ISDIR(sb.st_mode))) return;
    fprintf(stderr, "tacitus: warning: model directory '%s' not found: coding without tags, "
                    "trees and named entities (--models DIR or TACITUS_MODELS)\n", o->model_dir);
}

int cli_usage(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("tacitus: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n(run 'tacitus help' for usage)\n", stderr);
    va_end(ap);
    return CLI_FATAL;
}

/* v as a whole number in [lo, hi], or -1. */
static long long parse_count(const char *v, long long lo, long long hi) {
    if (!v || !*v || *v == '-' || *v == '+') return -1;
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (*end || errno || x < lo || x > hi) return -1;
    return x;
}

int cli_limit_option(const char *a, const char *v, tac_options *opt) {
    long long x;
    if (!strcmp(a, "--max-article-bytes") || !strcmp(a, "--max-bytes")) {
        if ((x = parse_count(v, 1, 0x7FFFFFFF)) < 0) goto bad;
        opt->max_article_bytes = (size_t)x;
        return 1;
    }
    if (!strcmp(a, "--max-sentence-tokens")) {
        if ((x = parse_count(v, 0, 1000000)) < 0) goto bad;
        opt->max_sentence_tokens = (int)x;
        return 1;
    }
    if (!strcmp(a, "--max-events-per-sentence")) {
        if ((x = parse_count(v, 0, 1000000)) < 0) goto bad;
        opt->max_events_per_sentence = (int)x;
        return 1;
    }
    return 0;
bad:
    cli_usage("%s wants a whole number (%s), not '%s'", a,
              !strcmp(a, "--max-article-bytes") || !strcmp(a, "--max-bytes")
                  ? "1 to 2147483647" : "0 for no limit, up to 1000000",
              v ? v : "nothing");
    return -1;
}

int main(int argc, char **argv) {
    if (argc < 2) { fputs(usage, stderr); return CLI_FATAL; }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "code")) return cli_code(argc - 1, argv + 1);
    if (!strcmp(cmd, "eval")) return cli_eval(argc - 1, argv + 1);
    if (!strcmp(cmd, "bench")) return cli_bench(argc - 1, argv + 1);
    if (!strcmp(cmd, "train")) return cli_train(argc - 1, argv + 1);
    if (!strcmp(cmd, "dict")) return cli_dict(argc - 1, argv + 1);
    if (!strcmp(cmd, "explain")) return cli_explain(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate")) return cli_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve")) return cli_serve(argc - 1, argv + 1);
    if (!strcmp(cmd, "ingest")) return cli_ingest(argc - 1, argv + 1);
    if (!strcmp(cmd, "query")) return cli_query(argc - 1, argv + 1);
    if (!strcmp(cmd, "merge")) return cli_merge(argc - 1, argv + 1);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("tacitus %s\n", TAC_VERSION);
        return CLI_OK;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(usage, stdout);
        return CLI_OK;
    }
    return cli_usage("unknown command '%s'", cmd);
}
