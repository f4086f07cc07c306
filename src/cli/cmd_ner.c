/*
 * cmd_ner.c - `tacitus train ner` (fit the named-entity tagger on an IOB2
 * corpus, epochs chosen on dev) and `tacitus eval ner` (entity-level
 * precision, recall and F1 per type, conlleval style, plus speed).
 */
#include "cli.h"
#include "../core/error.h"
#include "../ner/ner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int load_corpus(const char *path, ne_corpus *c) {
    tac_error err;
    if (ne_corpus_load(path, c, &err) == TAC_OK) return 0;
    cli_error(&err);
    ne_corpus_free(c);
    return -1;
}

/* Parses a non-negative integer option value into *v; -1 when bad. */
static int int_arg(const char *opt, const char *s, long lo, long hi, long *v) {
    char *end;
    long x = s ? strtol(s, &end, 10) : 0;
    if (!s || *end || end == s || x < lo || x > hi) {
        cli_usage("train ner: %s needs a number in [%ld, %ld]", opt, lo, hi);
        return -1;
    }
    *v = x;
    return 0;
}

/* --final: the dev-chosen epoch count, retrained on train + dev, so the
 * saved model also learns from the (current-release) dev annotations.
 * Replaces *m. */
static tac_status retrain_final(const ne_corpus *tr, const ne_corpus *dv, const ne_train_opts *o,
                                int epochs, int dev_weight, ne_model **m, tac_error *err) {
    ne_corpus both;
    if (ne_corpus_cat(tr, dv, &both)) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    ne_train_opts o2 = *o;
    o2.epochs = epochs;
    o2.repeat_from = tr->nsents;
    o2.repeat = dev_weight;
    ne_model *m2;
    tac_status s = ne_train(&both, NULL, &o2, &m2, NULL, err);
    ne_corpus_free(&both);
    if (s) return s;
    ne_free(*m);
    *m = m2;
    return TAC_OK;
}

int cli_train_ner(int argc, char **argv) {
    const char *train = NULL, *dev = NULL, *outp = NULL;
    int final = 0;
    long dev_weight = 3;  /* best of 1-5 on split-dev runs: see docs/ner.md */
    ne_train_opts o;
    ne_train_opts_init(&o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        long x;
        if (!strcmp(a, "--train") && v) { train = v; i++; }
        else if (!strcmp(a, "--dev") && v) { dev = v; i++; }
        else if (!strcmp(a, "-o") && v) { outp = v; i++; }
        else if (!strcmp(a, "--final")) final = 1;
        else if (!strcmp(a, "--gazetteer") && v) { o.gazetteer = v; i++; }
        else if (!strcmp(a, "--lower-every")) { if (int_arg(a, v, 0, 1000000, &x)) return CLI_FATAL; o.lower_every = (int)x; i++; }
        else if (!strcmp(a, "--dev-weight")) { if (int_arg(a, v, 1, 100, &dev_weight)) return CLI_FATAL; i++; }
        else if (!strcmp(a, "--epochs")) { if (int_arg(a, v, 1, NE_MAX_EPOCHS, &x)) return CLI_FATAL; o.epochs = (int)x; i++; }
        else if (!strcmp(a, "--folds")) { if (int_arg(a, v, 1, 16, &x)) return CLI_FATAL; o.folds = (int)x; i++; }
        else if (!strcmp(a, "--seed")) { if (int_arg(a, v, 0, 0x7fffffffL, &x)) return CLI_FATAL; o.seed = (uint64_t)x; i++; }
        else if (!strcmp(a, "--scheme") && v && (!strcmp(v, "bio") || !strcmp(v, "bilou"))) {
            o.scheme = !strcmp(v, "bio") ? NE_SCHEME_BIO : NE_SCHEME_BILOU;
            i++;
        } else return cli_usage("train ner: unknown or incomplete option '%s'", a);
    }
    if (!train || !outp)
        return cli_usage("train ner: --train F.iob2 [--dev F.iob2] -o MODEL [--epochs N] "
                         "[--scheme bio|bilou] [--folds K] [--seed N] [--gazetteer DATA_DIR] [--lower-every N] "
                         "[--final [--dev-weight W]]");
    if (final && !dev) return cli_usage("train ner: --final needs --dev");
    ne_corpus tr, dv;
    memset(&dv, 0, sizeof dv);
    if (load_corpus(train, &tr)) return CLI_FATAL;
    if (dev && load_corpus(dev, &dv)) { ne_corpus_free(&tr); return CLI_FATAL; }
    double t0 = now_s();
    ne_model *m = NULL;
    ne_train_report rep;
    tac_error err;
    tac_status s = ne_train(&tr, dev ? &dv : NULL, &o, &m, &rep, &err);
    double secs = now_s() - t0;
    int rc = CLI_OK;
    if (s == TAC_OK) {
        for (int e = 0; e < rep.epochs_run; e++)
            if (dev) fprintf(stderr, "epoch %2d  train token acc %.2f  dev F1 %.2f\n", e + 1,
                             rep.train_acc[e], rep.dev_f1[e]);
            else fprintf(stderr, "epoch %2d  train token acc %.2f\n", e + 1, rep.train_acc[e]);
        if (final) s = retrain_final(&tr, &dv, &o, rep.best_epoch, (int)dev_weight, &m, &err);
        if (s == TAC_OK) s = ne_save(m, outp, &err);
    }
    if (s == TAC_OK) {
        struct stat sb;
        long long size = stat(outp, &sb) ? -1 : (long long)sb.st_size;
        fprintf(stderr, "kept epoch %d%s, %zu features, %lld bytes, %.1f s, %zu sentences\n",
                rep.best_epoch, dev ? " (best dev F1)" : "", ne_model_features(m), size, secs,
                tr.nsents);
        if (dev) fprintf(stderr, "dev F1 %.2f (model trained on --train only)%s\n",
                         rep.dev_f1[rep.best_epoch - 1],
                         final ? "; saved model retrained on train+dev" : "");
    } else {
        cli_error(&err);
        rc = CLI_FATAL;
    }
    ne_free(m);
    ne_corpus_free(&tr);
    ne_corpus_free(&dv);
    return rc;
}

static void print_json(const ne_counts *c, double tps) {
    double p, r, f;
    ne_prf(c, -1, &p, &r, &f);
    printf("{\"f1\":%.2f,\"precision\":%.2f,\"recall\":%.2f,\"tokens_per_s\":%.0f,"
           "\"tokens\":%zu,\"per_type\":{", f, p, r, tps, c->tokens);
    for (int t = 0; t < NE_NTYPES; t++) {
        ne_prf(c, t, &p, &r, &f);
        printf("%s\"%s\":{\"f1\":%.2f,\"precision\":%.2f,\"recall\":%.2f,\"gold\":%zu,\"pred\":%zu}",
               t ? "," : "", ne_types[t], f, p, r, c->gold[t], c->pred[t]);
    }
    printf("}}\n");
}

static void print_table(const ne_counts *c, double tps) {
    double p, r, f;
    printf("%-6s %9s %9s %9s %6s %6s %7s\n", "type", "precision", "recall", "F1", "gold", "pred",
           "correct");
    for (int t = 0; t <= NE_NTYPES; t++) {
        int k = t < NE_NTYPES ? t : -1;
        ne_prf(c, k, &p, &r, &f);
        size_t g = 0, q = 0, ok = 0;
        for (int i = 0; i < NE_NTYPES; i++)
            if (k < 0 || i == k) { g += c->gold[i]; q += c->pred[i]; ok += c->correct[i]; }
        printf("%-6s %9.2f %9.2f %9.2f %6zu %6zu %7zu\n", k < 0 ? "all" : ne_types[k], p, r, f,
               g, q, ok);
    }
    printf("token accuracy %.2f%%, %zu tokens, %.0f tokens/s\n",
           c->tokens ? 100.0 * (double)c->tokens_correct / (double)c->tokens : 0.0, c->tokens, tps);
}

int cli_eval_ner(int argc, char **argv) {
    const char *model = NULL, *gold = NULL;
    int json = 0, doc_pass = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--sentences")) doc_pass = 0;
        else if (argv[i][0] == '-' && argv[i][1]) return cli_usage("eval ner: unknown option '%s'", argv[i]);
        else if (!model) model = argv[i];
        else if (!gold) gold = argv[i];
        else return cli_usage("eval ner: unexpected argument '%s'", argv[i]);
    }
    if (!model || !gold) return cli_usage("eval ner: MODEL GOLD.iob2 [--json] [--sentences]");
    tac_error err;
    ne_model *m;
    if (ne_load(model, &m, &err) != TAC_OK) { cli_error(&err); return CLI_FATAL; }
    ne_corpus c;
    if (load_corpus(gold, &c)) { ne_free(m); return CLI_FATAL; }
    ne_counts cnt;
    double t0 = now_s();
    tac_status s = ne_evaluate(m, &c, doc_pass, &cnt, &err);
    double secs = now_s() - t0;
    if (s == TAC_OK) {
        double tps = secs > 0 ? (double)cnt.tokens / secs : 0;
        if (json) print_json(&cnt, tps);
        else print_table(&cnt, tps);
    } else cli_error(&err);
    ne_free(m);
    ne_corpus_free(&c);
    return s == TAC_OK ? CLI_OK : CLI_FATAL;
}
