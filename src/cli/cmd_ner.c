/*
 * cmd_ner.c - `tacitus train ner` and `tacitus eval ner` (placeholder until
 * the ner lands; both report that it is not built yet).
 */
#include "cli.h"

int cli_train_ner(int argc, char **argv) {
    (void)argc; (void)argv;
    return cli_usage("train ner: not available in this build yet");
}

int cli_eval_ner(int argc, char **argv) {
    (void)argc; (void)argv;
    return cli_usage("eval ner: not available in this build yet");
}
