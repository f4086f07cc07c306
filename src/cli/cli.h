/*
 * cli.h - the tacitus command's subcommands (prefix cli_). Only src/cli
 * talks to the terminal: it prints results, errors and exit statuses.
 */
#ifndef TAC_CLI_H
#define TAC_CLI_H

#include "tacitus.h"

/* Exit statuses, documented in README.md. */
enum { CLI_OK = 0, CLI_FATAL = 1, CLI_PARTIAL = 2 };

int cli_code(int argc, char **argv);
int cli_eval(int argc, char **argv);
int cli_bench(int argc, char **argv);
int cli_train(int argc, char **argv);
int cli_dict(int argc, char **argv);
int cli_eval_context(int argc, char **argv);
int cli_explain(int argc, char **argv);
int cli_validate(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_ingest(int argc, char **argv);
int cli_query(int argc, char **argv);
int cli_merge(int argc, char **argv);
/* per-model trainers and evaluators (src/cli/cmd_<model>.c) */
int cli_train_tagger(int argc, char **argv);
int cli_eval_tagger(int argc, char **argv);
int cli_train_ner(int argc, char **argv);
int cli_eval_ner(int argc, char **argv);
int cli_train_parser(int argc, char **argv);
int cli_eval_parser(int argc, char **argv);

/* Prints "tacitus: <formatted error>" to stderr. */
void cli_error(const tac_error *e);
/* Warns on stderr when o's model directory does not exist: the engine then
 * runs without its trained layers (by design, so that dictionaries alone
 * work), and a mistyped --models would otherwise go unnoticed. */
void cli_check_models(const tac_options *o);
/* The limit options of `code` and `ingest` (docs/limits.md):
 * --max-article-bytes N (alias --max-bytes), --max-sentence-tokens N,
 * --max-events-per-sentence N (0: no limit, for the last two). Returns 1
 * when option a (with its value v, which may be NULL) was one of them and
 * set opt, 0 when a is another option, -1 when the value is missing or bad
 * (reported on stderr). */
int cli_limit_option(const char *a, const char *v, tac_options *opt);
/* Prints a usage error and returns CLI_FATAL. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
