/*
 * cmd_parser.c - `tacitus train parser` and `tacitus eval parser`: load
 * CoNLL-U treebanks, optionally retag them with a tagger model, train or
 * score the dependency parser (src/parse), print progress and results.
 */
#include "cli.h"
#include "../parse/parser.h"
#include "../io/conllu.h"
#include "../tag/tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* CPU time of this process: the machine may be shared, and parsing speed
 * is quoted per core, so wall time would understate it. */
static double cpu_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

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

/* Replaces the gold tags of b by those of the tagger at path; tm receives
 * the tagger (its strings back the tags: free it after the bank). */
static int retag(bank *b, const char *path, tg_model **tm) {
    tac_error e;
    if (tg_load(path, tm, &e)) { cli_error(&e); return -1; }
    for (size_t s = 0; s < b->c.nsents; s++) {
        dp_sent *x = &b->c.sents[s];
        size_t o = (size_t)(x->words - b->c.words);
        if (tg_tag(*tm, x->words, x->n, b->c.upos + o, b->c.xpos + o)) {
            fprintf(stderr, "tacitus: out of memory while tagging\n");
            return -1;
        }
    }
    return 0;
}

/* ---- jack-knifed training tags ------------------------------------------ */

/* Tag strings outlive the fold taggers: they are interned here. */
typedef struct interned {
    char *s[256];
    size_t n;
} interned;

static const char *intern(interned *t, const char *s) {
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->s[i], s)) return t->s[i];
    if (t->n == 256) return "_";
    size_t l = strlen(s) + 1;
    char *c = malloc(l);
    if (!c) return "_";
    memcpy(c, s, l);
    return t->s[t->n++] = c;
}

static void interned_free(interned *t) {
    for (size_t i = 0; i < t->n; i++) free(t->s[i]);
    t->n = 0;
}

static char *read_text(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 20, n = 0, r;
    char *d = malloc(cap);
    while (d && (r = fread(d + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *d2 = realloc(d, cap *= 2);
            if (!d2) { free(d); d = NULL; }
            d = d2;
        }
    }
    fclose(f);
    *len = n;
    return d;
}

/* Writes the sentence blocks of text (separated by blank lines) whose index
 * is not congruent to fold mod k; returns the number of blocks seen. */
static long write_fold(const char *text, size_t len, int fold, int k, FILE *out) {
    long blk = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && (text[i] == '\n' || text[i] == '\r')) i++;
        if (i >= len) break;
        size_t j = i;
        while (j < len && !(text[j] == '\n' && (j + 1 >= len || text[j + 1] == '\n' ||
                                                 text[j + 1] == '\r')))
            j++;
        if (blk % k != fold) { fwrite(text + i, 1, j - i, out); fputs("\n\n", out); }
        blk++;
        i = j + 1;
    }
    return blk;
}

/* Replaces the training tags by k-fold jack-knifed predictions: each fold
 * is tagged by a tagger trained on the other folds, so the parser learns
 * from tags as wrong as those it will see. Returns 0 or -1 (reported). */
static int jackknife(bank *tr, const char *path, const char *dev, int k, interned *tags) {
    size_t len;
    char *text = read_text(path, &len);
    char dir[] = "/tmp/tacitus-jk-XXXXXX";
    if (!text || !mkdtemp(dir)) { free(text); fprintf(stderr, "tacitus: cannot read %s\n", path); return -1; }
    char fpath[64], mpath[64];
    snprintf(fpath, sizeof fpath, "%s/fold.conllu", dir);
    snprintf(mpath, sizeof mpath, "%s/fold.model", dir);
    int rc = 0;
    const char *up[4096], *xp[4096];
    for (int f = 0; f < k && !rc; f++) {
        FILE *out = fopen(fpath, "wb");
        long blocks = out ? write_fold(text, len, f, k, out) : -1;
        if (!out || fclose(out) || blocks != (long)tr->c.nsents) {
            fprintf(stderr, "tacitus: jack-knife: cannot split %s into %zu sentences\n", path,
                    tr->c.nsents);
            rc = -1;
            break;
        }
        tg_train_opts o;
        tg_train_opts_init(&o);
        o.train_path = fpath;
        o.dev_path = dev;
        o.out_path = mpath;
        o.case_folds = 0;   /* tags only: the lemmas' case decision is not used */
        tac_error e;
        tg_model *tm = NULL;
        if (tg_train(&o, NULL, &e) || tg_load(mpath, &tm, &e)) { cli_error(&e); rc = -1; break; }
        for (size_t s = (size_t)f; s < tr->c.nsents && !rc; s += (size_t)k) {
            dp_sent *x = &tr->c.sents[s];
            size_t o0 = (size_t)(x->words - tr->c.words);
            if (x->n > 4096) continue;      /* keeps gold tags: no real sentence is this long */
            if (tg_tag(tm, x->words, x->n, up, xp)) { rc = -1; break; }
            for (size_t i = 0; i < x->n; i++) {
                tr->c.upos[o0 + i] = intern(tags, up[i]);
                tr->c.xpos[o0 + i] = intern(tags, xp[i]);
            }
        }
        tg_free(tm);
        fprintf(stderr, "jack-knife fold %d/%d tagged\n", f + 1, k);
    }
    remove(fpath);
    remove(mpath);
    rmdir(dir);
    free(text);
    return rc;
}

/* Writes b with its current tags as CoNLL-U (lemma and features dropped),
 * so jack-knifed tags can be computed once and reused with --train. */
static int write_bank(const bank *b, const char *path) {
    FILE *f = fopen(path, "wb");
    if (!f) { fprintf(stderr, "tacitus: cannot write %s\n", path); return -1; }
    for (size_t s = 0; s < b->c.nsents; s++) {
        const dp_sent *x = &b->c.sents[s];
        for (size_t i = 0; i < x->n; i++)
            fprintf(f, "%zu\t%s\t_\t%s\t%s\t_\t%d\t%s\t_\t_\n", i + 1, x->words[i], x->upos[i],
                    x->xpos[i], x->heads[i], x->deprels[i]);
        fputc('\n', f);
    }
    if (fclose(f)) { fprintf(stderr, "tacitus: cannot write %s\n", path); return -1; }
    return 0;
}

static void progress(void *ctx, int run, int epoch, double uas, double las, double secs) {
    (void)ctx;
    fprintf(stderr, "run %d epoch %d: dev UAS %.2f LAS %.2f (%.1f s)\n", run + 1, epoch, uas, las,
            secs);
}

int cli_train_parser(int argc, char **argv) {
    const char *train = NULL, *dev = NULL, *outp = NULL, *tagger = NULL;
    const char *wtrain = NULL;
    int jk = 0;
    dp_train_opts o;
    dp_train_opts_init(&o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--train") && v) train = argv[++i];
        else if (!strcmp(a, "--dev") && v) dev = argv[++i];
        else if (!strcmp(a, "-o") && v) outp = argv[++i];
        else if (!strcmp(a, "--epochs") && v) o.epochs = atoi(argv[++i]);
        else if (!strcmp(a, "--patience") && v) o.patience = atoi(argv[++i]);
        else if (!strcmp(a, "--seed") && v) o.seed = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(a, "--runs") && v) o.runs = atoi(argv[++i]);
        else if (!strcmp(a, "--threads") && v) o.threads = atoi(argv[++i]);
        else if (!strcmp(a, "--tagger") && v) tagger = argv[++i];
        else if (!strcmp(a, "--jackknife") && v) jk = atoi(argv[++i]);
        else if (!strcmp(a, "--write-train") && v) wtrain = argv[++i];
        else if (!strcmp(a, "--tag-noise") && v) o.tag_noise = atof(argv[++i]);
        else if (!strcmp(a, "--prune") && v) o.prune = (float)atof(argv[++i]);
        else if (!strcmp(a, "--explore-from") && v) o.explore_from = atoi(argv[++i]);
        else return cli_usage("train parser: unknown or incomplete option '%s'", a);
    }
    if (!train || !outp)
        return cli_usage("usage: tacitus train parser --train F [--dev F] -o MODEL [--epochs N]"
                         " [--patience N] [--seed S] [--runs K] [--threads T] [--tagger TAGGER] [--jackknife K] [--write-train F] [--tag-noise P]"
                         " [--prune X]");
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
    tg_model *tm = NULL;
    interned tags = {{0}, 0};
    if ((tagger && dev && retag(&dv, tagger, &tm)) || (jk > 1 && jackknife(&tr, train, dev, jk, &tags)) ||
        (wtrain && write_bank(&tr, wtrain)))
        rc = CLI_FATAL;
    else if (dp_train(tr.c.sents, tr.c.nsents, dv.c.sents, dv.c.nsents, &o, &m, &e) ||
        dp_save(m, outp, &e)) {
        cli_error(&e);
        rc = CLI_FATAL;
    } else {
        fprintf(stderr, "trained in %.1f s, wrote %s\n", now_s() - t0, outp);
    }
    dp_free(m);
    free_bank(&tr);
    free_bank(&dv);
    tg_free(tm);
    interned_free(&tags);
    return rc;
}

/* Writes the parses of m for every sentence of b as CoNLL-U (tags as given
 * to the parser) to path, for error analysis. Returns 0 or -1 (reported). */
static int write_parses(const dp_model *m, const bank *b, const char *path) {
    FILE *f = fopen(path, "wb");
    size_t cap = 0;
    for (size_t s = 0; s < b->c.nsents; s++)
        if (b->c.sents[s].n > cap) cap = b->c.sents[s].n;
    int *heads = malloc((cap + 1) * sizeof *heads);
    const char **rels = malloc((cap + 1) * sizeof *rels);
    int rc = f && heads && rels ? 0 : -1;
    for (size_t s = 0; !rc && s < b->c.nsents; s++) {
        const dp_sent *x = &b->c.sents[s];
        if (dp_parse(m, x->words, x->upos, x->xpos, x->n, heads, rels)) { rc = -1; break; }
        for (size_t i = 0; i < x->n; i++)
            fprintf(f, "%zu\t%s\t_\t%s\t%s\t_\t%d\t%s\t_\t_\n", i + 1, x->words[i], x->upos[i],
                    x->xpos[i], heads[i], rels[i]);
        fputc('\n', f);
    }
    if (f && fclose(f)) rc = -1;
    if (rc) fprintf(stderr, "tacitus: cannot write %s\n", path);
    free(heads);
    free(rels);
    return rc;
}

int cli_eval_parser(int argc, char **argv) {
    const char *model = NULL, *gold = NULL, *tagger = NULL, *outp = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--tagger") && i + 1 < argc) tagger = argv[++i];
        else if (!strcmp(argv[i], "--output") && i + 1 < argc) outp = argv[++i];
        else if (argv[i][0] == '-') return cli_usage("eval parser: unknown option '%s'", argv[i]);
        else if (!model) model = argv[i];
        else if (!gold) gold = argv[i];
        else return cli_usage("eval parser: too many arguments");
    }
    if (!model || !gold)
        return cli_usage("usage: tacitus eval parser MODEL GOLD.conllu [--tagger TAGGER] [--json]"
                         " [--output PARSES.conllu]");
    dp_model *m;
    tac_error e;
    if (dp_load(model, &m, &e)) { cli_error(&e); return CLI_FATAL; }
    bank g;
    if (load_bank(gold, &g)) { dp_free(m); return CLI_FATAL; }
    tg_model *tm = NULL;
    if (tagger && retag(&g, tagger, &tm)) { free_bank(&g); tg_free(tm); dp_free(m); return CLI_FATAL; }
    double t0 = cpu_s(), uas, las;
    int rc = dp_evaluate(m, g.c.sents, g.c.nsents, &uas, &las);
    double secs = cpu_s() - t0;
    if (!rc && outp) rc = write_parses(m, &g, outp);
    if (rc) {
        fprintf(stderr, "tacitus: evaluation failed\n");
    } else {
        double tps = secs > 0 ? (double)g.c.nwords / secs : 0;
        if (json) printf("{\"uas\":%.2f,\"las\":%.2f,\"tokens_per_s\":%.0f}\n", uas, las, tps);
        else printf("UAS %.2f  LAS %.2f  (%zu words, %.0f tokens/s)\n", uas, las, g.c.nwords, tps);
    }
    free_bank(&g);
    tg_free(tm);
    dp_free(m);
    return rc ? CLI_FATAL : CLI_OK;
}
