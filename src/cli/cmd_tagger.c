/*
 * cmd_tagger.c - `tacitus train tagger` and `tacitus eval tagger` (placeholder until
 * the tagger lands; both report that it is not built yet).
 */
#include "cli.h"

int cli_train_tagger(int argc, char **argv) {
    (void)argc; (void)argv;
    return cli_usage("train tagger: not available in this build yet");
}

int cli_eval_tagger(int argc, char **argv) {
    (void)argc; (void)argv;
    return cli_usage("eval tagger: not available in this build yet");
}
