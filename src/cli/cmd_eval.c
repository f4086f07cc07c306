/*
 * cmd_eval.c - `tacitus eval segment GOLD.conllu [--json]`.
 */
#include "cli.h"
#include "../eval/raweval.h"
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
    opt.stages = TAC_STAGE_TEXT;
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

/* `tacitus eval pipeline GOLD.conllu [--json]`, also reached as
 * `eval tagger|parser GOLD --raw`: every layer from raw text. */
static int eval_pipeline(int argc, char **argv) {
    const char *gold = NULL;
    int json = 0;
    tac_options opt;
    tac_options_init(&opt);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--raw")) continue;
        else if (!strcmp(argv[i], "--models") && i + 1 < argc) opt.model_dir = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) return cli_usage("eval pipeline: unknown option '%s'", argv[i]);
        else gold = argv[i];
    }
    if (!gold) return cli_usage("eval pipeline: need a GOLD.conllu file [--models DIR] [--json]");
    opt.max_article_bytes = 0x7FFFFFFF;
    opt.max_sentence_tokens = 0;
    opt.stages = TAC_STAGE_TEXT | TAC_STAGE_NLP;
    tac_engine *e;
    tac_error err;
    if (tac_engine_open(&opt, &e, &err) != TAC_OK) { cli_error(&err); return CLI_FATAL; }
    re_result r;
    tac_status st = re_run(e, gold, &r, &err);
    tac_engine_free(e);
    if (st != TAC_OK) { cli_error(&err); return CLI_FATAL; }
    double tps = r.seconds > 0 ? (double)r.pred_words / r.seconds : 0;
    if (json) {
        printf("{\"tokens_f1\":%.2f,\"sentences_f1\":%.2f,\"words_f1\":%.2f", se_f1(&r.seg.tokens),
               se_f1(&r.seg.sentences), se_f1(&r.seg.words));
        if (r.layers & TAC_LAYER_TAGS)
            printf(",\"upos\":%.2f,\"xpos\":%.2f,\"lemma\":%.2f", re_f1(&r, r.upos),
                   re_f1(&r, r.xpos), re_f1(&r, r.lemma));
        if (r.layers & TAC_LAYER_PARSE)
            printf(",\"uas\":%.2f,\"las\":%.2f", re_f1(&r, r.uas), re_f1(&r, r.las));
        printf(",\"tokens_per_s\":%.0f}\n", tps);
    } else {
        printf("tokens %.2f  sentences %.2f  words %.2f (F1, raw text)\n", se_f1(&r.seg.tokens),
               se_f1(&r.seg.sentences), se_f1(&r.seg.words));
        if (r.layers & TAC_LAYER_TAGS)
            printf("UPOS %.2f  XPOS %.2f  lemma %.2f\n", re_f1(&r, r.upos), re_f1(&r, r.xpos),
                   re_f1(&r, r.lemma));
        if (r.layers & TAC_LAYER_PARSE)
            printf("UAS %.2f  LAS %.2f\n", re_f1(&r, r.uas), re_f1(&r, r.las));
        printf("%.0f tokens/s through the whole pipeline\n", tps);
    }
    return CLI_OK;
}

static int has_flag(int argc, char **argv, const char *flag) {
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], flag)) return 1;
    return 0;
}

int cli_eval(int argc, char **argv) {
    if (argc < 2) return cli_usage("eval: which? (segment)");
    if (!strcmp(argv[1], "segment")) return eval_segment(argc - 1, argv + 1);
    if (!strcmp(argv[1], "pipeline")) return eval_pipeline(argc - 1, argv + 1);
    if ((!strcmp(argv[1], "tagger") || !strcmp(argv[1], "parser")) && has_flag(argc, argv, "--raw"))
        return eval_pipeline(argc - 1, argv + 1);
    if (!strcmp(argv[1], "context")) return cli_eval_context(argc - 1, argv + 1);
    if (!strcmp(argv[1], "tagger")) return cli_eval_tagger(argc - 1, argv + 1);
    if (!strcmp(argv[1], "ner")) return cli_eval_ner(argc - 1, argv + 1);
    if (!strcmp(argv[1], "parser")) return cli_eval_parser(argc - 1, argv + 1);
    return cli_usage("eval: unknown target '%s' (segment, tagger, ner, parser, pipeline, context)", argv[1]);
}
