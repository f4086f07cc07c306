/*
 * cmd_bench.c - `tacitus bench segment FILE... [--repeat N]`: throughput
 * of normalization + tokenization + sentence splitting on one core, as
 * MB/s and tokens/s, with peak memory (ru_maxrss); `bench mentions` the
 * mention stage alone; `bench models [DIR]`: what opening the trained
 * models costs; `bench code FILE` end to end with a stage split.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *d = malloc(cap);
    while (d && (r = fread(d + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) { char *e = realloc(d, cap *= 2); if (!e) { free(d); d = NULL; } else d = e; }
    }
    fclose(f);
    *len = n;
    return d;
}

static int bench_segment(int argc, char **argv) {
    int repeat = 20;
    tac_options opt;
    tac_options_init(&opt);
    opt.stages = TAC_STAGE_TEXT; /* the text stages alone */
    tac_engine *e;
    tac_doc *d;
    tac_error err;
    if (tac_engine_open(&opt, &e, &err) != TAC_OK) { cli_error(&err); return CLI_FATAL; }
    if (tac_doc_new(&d) != TAC_OK) { tac_engine_free(e); return CLI_FATAL; }
    double bytes = 0, toks = 0, secs = 0, docs = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--repeat") && i + 1 < argc) { repeat = atoi(argv[++i]); continue; }
        size_t len;
        char *text = slurp(argv[i], &len);
        if (!text) { fprintf(stderr, "tacitus: %s: cannot read\n", argv[i]); continue; }
        tac_article a = {.id = argv[i], .text = text, .text_len = len};
        double t0 = now();
        for (int r = 0; r < repeat; r++) {
            if (tac_engine_code(e, &a, d, &err) != TAC_OK) { cli_error(&err); break; }
            toks += (double)tac_doc_token_count(d);
            bytes += (double)len;
            docs++;
        }
        secs += now() - t0;
        free(text);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"bench\":\"segment\",\"bytes\":%.0f,\"tokens\":%.0f,\"seconds\":%.3f,"
           "\"mb_per_s\":%.1f,\"tokens_per_s\":%.0f,\"articles_per_s\":%.0f,\"peak_rss_mb\":%.1f}\n",
           bytes, toks, secs, secs > 0 ? bytes / 1e6 / secs : 0, secs > 0 ? toks / secs : 0,
           secs > 0 ? docs / secs : 0, (double)ru.ru_maxrss / 1024.0);
    tac_doc_free(d);
    tac_engine_free(e);
    return CLI_OK;
}

/* Seconds to code text `repeat` times with engine e; tokens counted. */
static double time_code(tac_engine *e, tac_doc *d, const char *text, size_t len, int repeat,
                        double *toks) {
    tac_article a = {.id = "bench", .text = text, .text_len = len, .date = "2024-01-11"};
    tac_error err;
    double t0 = now();
    for (int r = 0; r < repeat; r++) {
        if (tac_engine_code(e, &a, d, &err) != TAC_OK) { cli_error(&err); break; }
        *toks += (double)tac_doc_token_count(d);
    }
    return now() - t0;
}

/* Mention finding and coreference alone: the same articles coded with and
 * without the dictionaries (no models either way); the difference is the
 * cost of the mention stage. Also reports the dictionaries' load time. */
static int bench_mentions(int argc, char **argv) {
    int repeat = 20;
    tac_options with, without;
    tac_options_init(&with);
    tac_options_init(&without);
    with.stages = TAC_STAGE_TEXT | TAC_STAGE_MENTIONS;
    without.stages = TAC_STAGE_TEXT;
    with.model_dir = without.model_dir = "/nonexistent";
    tac_engine *ew, *eo;
    tac_doc *d;
    tac_error err;
    double t0 = now();
    if (tac_engine_open(&with, &ew, &err) != TAC_OK) { cli_error(&err); return CLI_FATAL; }
    double load = now() - t0;
    if (tac_engine_open(&without, &eo, &err) != TAC_OK || tac_doc_new(&d) != TAC_OK) {
        tac_engine_free(ew);
        return CLI_FATAL;
    }
    double tw = 0, to = 0, toks = 0, dummy = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--repeat") && i + 1 < argc) { repeat = atoi(argv[++i]); continue; }
        size_t len;
        char *text = slurp(argv[i], &len);
        if (!text) { fprintf(stderr, "tacitus: %s: cannot read\n", argv[i]); continue; }
        to += time_code(eo, d, text, len, repeat, &dummy);
        tw += time_code(ew, d, text, len, repeat, &toks);
        free(text);
    }
    double stage = tw - to;
    printf("{\"bench\":\"mentions\",\"tokens\":%.0f,\"stage_seconds\":%.3f,"
           "\"tokens_per_s\":%.0f,\"dict_load_ms\":%.1f}\n",
           toks, stage, stage > 0 ? toks / stage : 0, load * 1000);
    tac_doc_free(d);
    tac_engine_free(ew);
    tac_engine_free(eo);
    return CLI_OK;
}

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resident memory of this process in MB (0 when /proc is not there). */
static double rss_mb(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, res = 0;
    if (!f) return 0;
    if (fscanf(f, "%ld %ld", &pages, &res) != 2) res = 0;
    fclose(f);
    return (double)res * (double)sysconf(_SC_PAGESIZE) / 1e6;
}

/* Opening the three trained models (tagger with its lemma table, parser,
 * NER) as tac_engine_open does, once, in this fresh process: CPU time
 * (what one core spends, whatever the neighbours do), wall time, the
 * files' size and the resident memory they add. All three must exist. */
static int bench_models(int argc, char **argv) {
    tac_options opt;
    tac_options_init(&opt);
    opt.stages = TAC_STAGE_TEXT | TAC_STAGE_NLP;  /* models, no dictionaries */
    if (argc > 1) opt.model_dir = argv[1];
    static const char *const names[] = {"tagger.tacm", "parser.tacm", "ner.tacm"};
    double bytes = 0;
    for (int i = 0; i < 3; i++) {
        char path[4096];
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s", opt.model_dir, names[i]);
        if (stat(path, &sb)) {
            fprintf(stderr, "tacitus: bench models: %s is missing\n", path);
            return CLI_FATAL;
        }
        bytes += (double)sb.st_size;
    }
    tac_engine *e;
    tac_error err;
    double rss0 = rss_mb(), c0 = cpu_now(), w0 = now();
    if (tac_engine_open(&opt, &e, &err) != TAC_OK) { cli_error(&err); return CLI_FATAL; }
    double w1 = now(), c1 = cpu_now(), rss1 = rss_mb();
    printf("{\"bench\":\"models-load\",\"cpu_ms\":%.1f,\"wall_ms\":%.1f,\"model_mb\":%.1f,"
           "\"rss_mb\":%.1f}\n",
           (c1 - c0) * 1000, (w1 - w0) * 1000, bytes / 1e6, rss1 - rss0);
    tac_engine_free(e);
    return CLI_OK;
}

/* Codes each line of text as one article, `repeat` times, with the
 * stages of o, writing JSON to out when not NULL. Returns CPU seconds
 * (-1 on error); *sents gets the sentences coded. */
static double code_lines(const tac_options *o, const char *text, size_t len, int repeat, FILE *out,
                         double *sents) {
    tac_engine *e;
    tac_doc *d;
    tac_error err;
    if (tac_engine_open(o, &e, &err) != TAC_OK) { cli_error(&err); return -1; }
    if (tac_doc_new(&d) != TAC_OK) { tac_engine_free(e); return -1; }
    double t0 = cpu_now();
    *sents = 0;
    for (int r = 0; r < repeat; r++)
        for (size_t a = 0; a < len;) {
            const char *nl = memchr(text + a, '\n', len - a);
            size_t b = nl ? (size_t)(nl - text) : len;
            tac_article art = {.id = "bench", .text = text + a, .text_len = b - a,
                               .date = "2024-01-11"};
            if (b > a) {
                if (tac_engine_code(e, &art, d, &err) != TAC_OK ||
                    (out && tac_doc_write_json(d, 0, out, &err) != TAC_OK)) {
                    cli_error(&err);
                    break;
                }
                *sents += (double)tac_doc_sentence_count(d);
            }
            a = b + 1;
        }
    double secs = cpu_now() - t0;
    tac_doc_free(d);
    tac_engine_free(e);
    return secs;
}

/* End to end (read -> JSON with events), one article per line of FILE, on
 * one core: sentences/s and articles/s in CPU time, peak memory, and the
 * cost split by stage (each stage timed as the difference between runs
 * with and without it; each run the best of three). */
static int bench_code(int argc, char **argv) {
    int repeat = 10, cand = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--parse-candidates")) cand = 1;
        else path = argv[i];
    }
    if (!path || repeat < 1) return cli_usage("bench code FILE [--repeat N] [--parse-candidates] (one article per line)");
    size_t len;
    char *text = slurp(path, &len);
    if (!text) { fprintf(stderr, "tacitus: %s: cannot read\n", path); return CLI_FATAL; }
    size_t lines = 0;
    /* articles: the non-empty lines */
    for (size_t i = 0; i < len; i++)
        lines += text[i] != '\n' && (i + 1 == len || text[i + 1] == '\n');
    FILE *null = fopen("/dev/null", "w");
    static const struct { const char *name; unsigned stages; } steps[] = {
        {"text", TAC_STAGE_TEXT},
        {"nlp", TAC_STAGE_TEXT | TAC_STAGE_NLP},
        {"mentions", TAC_STAGE_TEXT | TAC_STAGE_NLP | TAC_STAGE_MENTIONS},
        {"context", TAC_STAGE_TEXT | TAC_STAGE_NLP | TAC_STAGE_MENTIONS | TAC_STAGE_CONTEXT},
        {"events", TAC_STAGE_ALL},
    };
    double cost[5], prev = 0, sents = 0;
    tac_options o;
    tac_options_init(&o);
    o.parse_candidates = cand;
    /* the best of three runs per step: the machine may be shared */
    for (int k = 0; k < 5; k++) {
        o.stages = steps[k].stages;
        double s = -1;
        for (int run = 0; run < 3; run++) {
            double x = code_lines(&o, text, len, repeat, k == 4 ? null : NULL, &sents);
            if (x < 0) { free(text); if (null) fclose(null); return CLI_FATAL; }
            if (s < 0 || x < s) s = x;
        }
        cost[k] = s - prev;
        prev = s;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double arts = (double)lines * repeat;
    printf("{\"bench\":\"code\",\"articles\":%.0f,\"sentences\":%.0f,\"cpu_seconds\":%.3f,"
           "\"sentences_per_s\":%.0f,\"articles_per_s\":%.0f,\"peak_rss_mb\":%.1f,\"stage_seconds\":{",
           arts, sents, prev, prev > 0 ? sents / prev : 0, prev > 0 ? arts / prev : 0,
           (double)ru.ru_maxrss / 1024.0);
    for (int k = 0; k < 5; k++)
        printf("%s\"%s\":%.3f", k ? "," : "", steps[k].name, cost[k]);
    printf("}}\n");
    free(text);
    if (null) fclose(null);
    return CLI_OK;
}

int cli_bench(int argc, char **argv) {
    if (argc < 2) return cli_usage("bench: which? (segment, mentions, models, code)");
    if (!strcmp(argv[1], "segment")) return bench_segment(argc - 1, argv + 1);
    if (!strcmp(argv[1], "mentions")) return bench_mentions(argc - 1, argv + 1);
    if (!strcmp(argv[1], "models")) return bench_models(argc - 1, argv + 1);
    if (!strcmp(argv[1], "code")) return bench_code(argc - 1, argv + 1);
    return cli_usage("bench: unknown target '%s' (segment, mentions, models, code)", argv[1]);
}
