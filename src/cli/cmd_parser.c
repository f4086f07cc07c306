/*
 * cmd_parser.c - `tacitus train parser` and `tacitus eval parser`: load
 * CoNLL-U treebanks, optionally retag them with a tagger model, train or
 * score the dependency parser (src/parse), print progress and results.
 */
#include "cli.h"
#include "../parse/parser.h"
#include "../io/conllu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A treebank loaded as a parser corpus. */
typedef struct bank {
    cu_bank cu;
    dp_corpus c;
} bank;

static int load_bank(const char *path, bank *b) {
    tac_error e;
    memset(b, 0, sizeof *b);
    if (cu_load(path, &b->cu, &e) || dp_corpus_from_bank(&b->cu, &b->c, &e)) {
        cli_error(&e);
        cu_free(&b->cu);
        return -1;
    }
    return 0;
}

static void free_bank(bank *b) {
    dp_corpus_free(&b->c);
    cu_free(&b->cu);
}

static void progress(void *ctx, int epoch, double uas, double las, double secs) {
    (void)ctx;
    fprintf(stderr, "epoch %d: dev UAS %.2f LAS %.2f (%.1f s)\n", epoch, uas, las, secs);
}

int cli_train_parser(int argc, char **argv) {
    const char *train = NULL, *dev = NULL, *outp = NULL;
    dp_train_opts o;
    dp_train_opts_init(&o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--train") && v) train = argv[++i];
        else if (!strcmp(a, "--dev") && v) dev = argv[++i];
        else if (!strcmp(a, "-o") && v) outp = argv[++i];
        else if (!strcmp(a, "--epochs") && v) o.epochs = atoi(argv[++i]);
        else if (!strcmp(a, "--tag-noise") && v) o.tag_noise = atof(argv[++i]);
        else if (!strcmp(a, "--prune") && v) o.prune = (float)atof(argv[++i]);
        else if (!strcmp(a, "--explore-from") && v) o.explore_from = atoi(argv[++i]);
        else return cli_usage("train parser: unknown or incomplete option '%s'", a);
    }
    if (!train || !outp)
        return cli_usage("usage: tacitus train parser --train F [--dev F] -o MODEL [--epochs N]"
                         " [--tag-noise P] [--prune X]");
    if (o.epochs < 1 || o.epochs > 1000) return cli_usage("train parser: --epochs must be 1..1000");
    bank tr, dv;
    memset(&dv, 0, sizeof dv);
    if (load_bank(train, &tr)) return CLI_FATAL;
    if (dev && load_bank(dev, &dv)) { free_bank(&tr); return CLI_FATAL; }
    o.progress = progress;
    double t0 = now_s();
    dp_model *m = NULL;
    tac_error e;
    int rc = CLI_OK;
    if (dp_train(tr.c.sents, tr.c.nsents, dv.c.sents, dv.c.nsents, &o, &m, &e) ||
        dp_save(m, outp, &e)) {
        cli_error(&e);
        rc = CLI_FATAL;
    } else {
        fprintf(stderr, "trained in %.1f s, wrote %s\n", now_s() - t0, outp);
    }
    dp_free(m);
    free_bank(&tr);
    free_bank(&dv);
    return rc;
}

int cli_eval_parser(int argc, char **argv) {
    const char *model = NULL, *gold = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (argv[i][0] == '-') return cli_usage("eval parser: unknown option '%s'", argv[i]);
        else if (!model) model = argv[i];
        else if (!gold) gold = argv[i];
        else return cli_usage("eval parser: too many arguments");
    }
    if (!model || !gold) return cli_usage("usage: tacitus eval parser MODEL GOLD.conllu [--json]");
    dp_model *m;
    tac_error e;
    if (dp_load(model, &m, &e)) { cli_error(&e); return CLI_FATAL; }
    bank g;
    if (load_bank(gold, &g)) { dp_free(m); return CLI_FATAL; }
    double t0 = now_s(), uas, las;
    int rc = dp_evaluate(m, g.c.sents, g.c.nsents, &uas, &las);
    double secs = now_s() - t0;
    if (rc) {
        fprintf(stderr, "tacitus: out of memory\n");
    } else {
        double tps = secs > 0 ? (double)g.c.nwords / secs : 0;
        if (json) printf("{\"uas\":%.2f,\"las\":%.2f,\"tokens_per_s\":%.0f}\n", uas, las, tps);
        else printf("UAS %.2f  LAS %.2f  (%zu words, %.0f tokens/s)\n", uas, las, g.c.nwords, tps);
    }
    free_bank(&g);
    dp_free(m);
    return rc ? CLI_FATAL : CLI_OK;
}
