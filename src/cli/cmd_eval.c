/*
 * cmd_eval.c - `tacitus eval segment GOLD.conllu [--json]`.
 */
#include "cli.h"
#include "../eval/segeval.h"

#include <stdio.h>
#include <string.h>

static int eval_segment(int argc, char **argv) {
    const char *gold = NULL;
    int json = 0;
    FILE *errors = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--errors")) errors = stderr;
        else if (argv[i][0] == '-' && argv[i][1]) return cli_usage("eval segment: unknown option '%s'", argv[i]);
        else gold = argv[i];
    }
    if (!gold) return cli_usage("eval segment: need a GOLD.conllu file [--json] [--errors]");
    tac_options opt;
    tac_options_init(&opt);
    opt.max_article_bytes = 0x7FFFFFFF;
    opt.max_sentence_tokens = 0;
    tac_engine *e;
    tac_error err;
    if (tac_engine_open(&opt, &e, &err) != TAC_OK) { cli_error(&err); return CLI_FATAL; }
    se_result r;
    tac_status st = se_run_errors(e, gold, &r, errors, &err);
    tac_engine_free(e);
    if (st != TAC_OK) { cli_error(&err); return CLI_FATAL; }
    if (json) {
        printf("{\"tokens_f1\":%.2f,\"tokens_precision\":%.2f,\"tokens_recall\":%.2f,"
               "\"sentences_f1\":%.2f,\"sentences_precision\":%.2f,\"sentences_recall\":%.2f,"
               "\"words_f1\":%.2f,\"gold_tokens\":%lld,\"gold_sentences\":%lld}\n",
               se_f1(&r.tokens), se_precision(&r.tokens), se_recall(&r.tokens),
               se_f1(&r.sentences), se_precision(&r.sentences), se_recall(&r.sentences),
               se_f1(&r.words), r.tokens.gold, r.sentences.gold);
    } else {
        printf("%-10s %9s %9s %9s %8s %8s\n", "metric", "precision", "recall", "F1", "gold", "pred");
        const se_prf *m[] = {&r.tokens, &r.words, &r.sentences};
        const char *names[] = {"tokens", "words", "sentences"};
        for (int i = 0; i < 3; i++)
            printf("%-10s %9.2f %9.2f %9.2f %8lld %8lld\n", names[i], se_precision(m[i]),
                   se_recall(m[i]), se_f1(m[i]), m[i]->gold, m[i]->pred);
    }
    return CLI_OK;
}

int cli_eval(int argc, char **argv) {
    if (argc < 2) return cli_usage("eval: which? (segment)");
    if (!strcmp(argv[1], "segment")) return eval_segment(argc - 1, argv + 1);
    if (!strcmp(argv[1], "tagger")) return cli_eval_tagger(argc - 1, argv + 1);
    if (!strcmp(argv[1], "ner")) return cli_eval_ner(argc - 1, argv + 1);
    if (!strcmp(argv[1], "parser")) return cli_eval_parser(argc - 1, argv + 1);
    return cli_usage("eval: unknown target '%s' (segment, tagger, ner, parser)", argv[1]);
}
