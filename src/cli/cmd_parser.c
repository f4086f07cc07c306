/*
 * cmd_parser.c - `tacitus train parser` and `tacitus eval parser` (placeholder until
 * the parser lands; both report that it is not built yet).
 */
#include "cli.h"

int cli_train_parser(int argc, char **argv) {
    (void)argc; (void)argv;
    return cli_usage("train parser: not available in this build yet");
}

int cli_eval_parser(int argc, char **argv) {
    (void)argc; (void)argv;
    return cli_usage("eval parser: not available in this build yet");
}
