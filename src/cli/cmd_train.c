/*
 * cmd_train.c - `tacitus train tagger|ner|parser`: dispatch only; each
 * model's trainer lives in its own cmd_<model>.c.
 */
#include "cli.h"

#include <string.h>

int cli_train(int argc, char **argv) {
    if (argc < 2) return cli_usage("train: which model? (tagger, ner, parser)");
    const char *w = argv[1];
    if (!strcmp(w, "tagger")) return cli_train_tagger(argc - 1, argv + 1);
    if (!strcmp(w, "ner")) return cli_train_ner(argc - 1, argv + 1);
    if (!strcmp(w, "parser")) return cli_train_parser(argc - 1, argv + 1);
    return cli_usage("train: unknown model '%s' (tagger, ner, parser)", w);
}
