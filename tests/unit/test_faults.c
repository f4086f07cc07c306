/*
 * test_faults.c - allocation-failure sweeps: every public operation is run
 * with allocation n failing, n = 1, 2, 3... past its last allocation. Each
 * failing run must return TAC_ENOMEM (no crash, no abort, no leak: the
 * sanitizer build runs this under LeakSanitizer), and any run that returns
 * TAC_OK must give the same output as a run without injection.
 */
#include "check.h"
#include "core/alloc.h"
#include "dict/dict.h"
#include "geo/geo.h"
#include "store/store.h"
#include "tacitus.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- output of one run: a growable string on the plain heap (not counted) */

typedef struct out {
    char *s;
    size_t n, cap;
} out;

static void out_add(out *o, const char *p, size_t n) {
    if (o->n + n + 1 > o->cap) {
        size_t c = o->cap ? o->cap : 256;
        while (c < o->n + n + 1) c *= 2;
        char *q = realloc(o->s, c);
        if (!q) abort(); /* the test's own heap: not under injection */
        o->s = q;
        o->cap = c;
    }
    memcpy(o->s + o->n, p, n);
    o->n += n;
    o->s[o->n] = 0;
}

static void out_str(out *o, const char *s) { out_add(o, s ? s : "(null)", strlen(s ? s : "(null)")); }

static void out_num(out *o, long long v) {
    char b[32];
    snprintf(b, sizeof b, "%lld;", v);
    out_str(o, b);
}

/* ---- the sweep ---------------------------------------------------------- */

typedef tac_status (*op_fn)(void *ctx, out *o);

static tac_error err; /* the last operation's error, for the report */

/* jansson's allocator in this test: tac_malloc, noting when the failure
 * fell inside jansson. jansson 2.14 reports a failed allocation inside its
 * parser as a syntax error, and its lexer ignores a failed append
 * (lex_save), so such a parse may succeed with a byte missing: neither is
 * ours to fix, and the sweep counts those runs apart. */
static int jansson_failed;
static void *j_malloc(size_t n) {
    void *p = tac_malloc(n);
    if (!p) jansson_failed = 1;
    return p;
}

/* Runs op without injection to count its allocations and get the reference
 * output, then with allocation n failing for n = 1..first, and every
 * stride-th n after that (stride 1: all of them), up to the count.
 * Returns the number of injected runs. */
static long sweep(const char *name, op_fn op, void *ctx, long first, long stride) {
    /* TEST_FAULTS_ONLY=NAME runs one operation (debugging); TEST_FAULTS_SKIP=NAME
     * leaves one out (tests/valgrind.sh skips the slow engine open) */
    const char *only = getenv("TEST_FAULTS_ONLY"), *skip = getenv("TEST_FAULTS_SKIP");
    if ((only && !strstr(name, only)) || (skip && *skip && strstr(name, skip))) return 0;
    out ref = {0};
    tac_alloc_fail_after(LONG_MAX);
    tac_status st = op(ctx, &ref);
    long total = LONG_MAX - tac_alloc_countdown();
    tac_alloc_fail_after(0);
    CHECK(st == TAC_OK);
    if (st != TAC_OK) {
        fprintf(stderr, "%s: fails without injection (%s)\n", name, tac_status_name(st));
        free(ref.s);
        return 0;
    }
    long runs = 0, nomem = 0, other = 0, same = 0, differ = 0, unreached = 0, jansson = 0;
    for (long n = 1;; n = n < first ? n + 1 : n + stride) {
        if (n > total + 1 || n <= 0) n = total + 1; /* the last run: nothing fails */
        out o = {0};
        jansson_failed = 0;
        tac_alloc_fail_after(n);
        st = op(ctx, &o);
        int fired = tac_alloc_countdown() == 0;
        tac_alloc_fail_after(0);
        runs++;
        if (n <= total && !fired) unreached++;
        if (st == TAC_OK) {
            if (o.n == ref.n && (!o.n || memcmp(o.s, ref.s, o.n) == 0)) {
                same++;
                if (fired && getenv("TEST_FAULTS_ONLY"))
                    fprintf(stderr, "%s: n=%ld fails an allocation and succeeds\n", name, n);
            }
            else if (jansson_failed) jansson++;
            else {
                differ++;
                if (differ == 1 || getenv("TEST_FAULTS_ONLY"))
                    fprintf(stderr, "%s: n=%ld succeeds with other output:\n%s\n%s\n", name, n, o.s ? o.s : "", ref.s);
            }
        } else if (st == TAC_ENOMEM) {
            nomem++;
        } else if ((st == TAC_EPARSE || st == TAC_EFORMAT) && jansson_failed) {
            jansson++;
        } else {
            other++;
            if (other == 1 || getenv("TEST_FAULTS_ONLY")) fprintf(stderr, "%s: n=%ld gives %s: %s\n", name, n, tac_status_name(st), err.message);
        }
        free(o.s);
        if (n == total + 1) break;
    }
    free(ref.s);
    printf("  %-22s %6ld allocations, %5ld runs: %ld out of memory, %ld same output, %ld jansson\n",
           name, total, runs, nomem, same, jansson);
    CHECK(other == 0);
    CHECK(differ == 0);
    CHECK(unreached == 0);
    CHECK(nomem > 0 && nomem + same + jansson == runs);
    return runs;
}

/* ---- operations ----------------------------------------------------------- */

static tac_engine *eng;     /* opened without injection, for coding */
static tac_doc *coded;      /* the article coded without injection, for the writers */
static char tmpdir[64];

static const char *para =
    "Iraqi Foreign Minister Fuad Hussein said on Thursday that US forces would leave Iraq "
    "\"as soon as possible\". The Pentagon denied the report. On Jan. 9, Iran condemned "
    "the strike in Baghdad, which killed 3 people.";

static tac_status op_code(void *ctx, out *o);

static tac_status op_engine_open(void *ctx, out *o) {
    tac_options opt;
    tac_options_init(&opt);
    opt.data_dir = "data";
    tac_engine *e = NULL;
    tac_status st = tac_engine_open(&opt, &e, &err);
    if (st == TAC_OK) {
        /* what the engine does with the paragraph, without injection: an
         * engine that swallowed a failure would code it differently */
        long left = tac_alloc_countdown();
        tac_alloc_fail_after(0);
        out_num(o, tac_engine_layers(e));
        tac_engine *keep = eng;
        eng = e;
        st = op_code(NULL, o);
        eng = keep;
        tac_alloc_fail_after(left);
    }
    tac_engine_free(e);
    return st;
}

/* Codes the paragraph into a new doc and writes its JSON with every layer. */
static tac_status op_code(void *ctx, out *o) {
    tac_doc *d = NULL;
    tac_status st = tac_doc_new(&d);
    tac_article a = {.id = "p1", .text = para, .text_len = strlen(para), .date = "2024-01-11",
                     .source = "wire", .url = "https://example.com/p1"};
    if (st == TAC_OK) st = tac_engine_code(eng, &a, d, &err);
    char *js = NULL;
    size_t len = 0;
    if (st == TAC_OK) st = tac_doc_json(d, 0xFFFFu, &js, &len, &err);
    if (st == TAC_OK) out_add(o, js, len);
    tac_string_free(js);
    tac_doc_free(d);
    return st;
}

/* Opens a writer of format *ctx and writes the header and the coded doc. */
static tac_status op_writer(void *ctx, out *o) {
    tac_output fmt = *(const tac_output *)ctx;
    tac_writer *w = NULL;
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    if (!f) return TAC_EIO;
    tac_status st = tac_writer_open(fmt, 0xFFFFu, "data", &w, &err);
    if (st == TAC_OK) st = tac_writer_header(w, f, &err);
    if (st == TAC_OK) st = tac_writer_doc(w, coded, f, &err);
    fclose(f);
    if (st == TAC_OK) out_add(o, mem, len);
    free(mem);
    tac_writer_free(w);
    return st;
}

/* Reads every record of the file *ctx: ids, fields and text. */
static tac_status op_read(void *ctx, out *o) {
    tac_reader *r = NULL;
    tac_status st = tac_reader_open(ctx, TAC_FORMAT_AUTO, "2024-01-11", 1 << 20, &r, &err);
    while (st == TAC_OK) {
        tac_article a;
        st = tac_reader_next(r, &a, &err);
        if (st != TAC_OK) break;
        const char *f[] = {a.id, a.title, a.date, a.source, a.url, a.warning};
        for (int i = 0; i < 6; i++) out_str(o, f[i]), out_str(o, "|");
        out_add(o, a.text, a.text_len);
        out_str(o, "\n");
    }
    tac_reader_free(r);
    return st == TAC_END ? TAC_OK : st;
}

/* Loads the dictionary file *ctx, audits it and lists its warnings. */
static tac_status op_dict(void *ctx, out *o) {
    dict_set *s = NULL;
    tac_status st = dict_set_new(&s, &err);
    if (st == TAC_OK) st = dict_set_load(s, ctx, DICT_AUTO, &err);
    if (st == TAC_OK) st = dict_set_audit(s, &err);
    if (st == TAC_OK) {
        out_num(o, (long long)dict_warning_count(s));
        for (size_t i = 0; i < dict_warning_count(s); i++) {
            const dict_warning *w = dict_warning_get(s, i);
            out_num(o, w->line);
            out_str(o, w->message);
        }
    }
    dict_set_free(s);
    return st;
}

static tac_status op_geo(void *ctx, out *o) {
    geo_gaz *g = NULL;
    tac_status st = geo_open("data", &g, &err);
    if (st == TAC_OK) {
        out_num(o, (long long)geo_count(g));
        char key[64];
        uint32_t ix[4];
        size_t k = geo_key("Baghdad", 7, key, sizeof key);
        size_t n = geo_find(g, key, k, 0, ix, 4);
        out_num(o, (long long)n);
        if (n) out_str(o, geo_get(g, ix[0])->name);
        out_str(o, geo_demonym(g, "iraqi", 5));
    }
    geo_close(g);
    return st;
}

/* The query callback: the test's own encoding runs with the injection
 * paused, so the sweep fails only the store's allocations. */
static int collect(void *ctx, json_t *art) {
    long left = tac_alloc_countdown();
    tac_alloc_fail_after(0);
    char *s = json_dumps(art, JSON_COMPACT | JSON_SORT_KEYS);
    tac_alloc_fail_after(left);
    if (!s) return 1;
    out_str(ctx, s);
    out_str(ctx, "\n");
    free(s);
    return 0;
}

/* Stores the native record of the coded article in a new store, reads its
 * events back and counts the rows. */
static tac_status op_store(void *ctx, out *o) {
    char path[96];
    snprintf(path, sizeof path, "%s/s.db", tmpdir);
    unlink(path);
    char wal[128];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    db_store *s = NULL;
    json_t *rec = ctx; /* parsed before the sweep: jansson's parser is not ours to test */
    tac_status st = db_open(path, &s, &err);
    if (st == TAC_OK) st = db_begin(s, &err);
    if (st == TAC_OK) st = db_put_article(s, rec, &err);
    if (st == TAC_OK) st = db_commit(s, &err);
    db_filter f = {0};
    if (st == TAC_OK) st = db_query(s, &f, collect, o, &err);
    static const char *const tables[] = {"articles", "events", "mentions", "quotes"};
    for (int i = 0; st == TAC_OK && i < 4; i++) out_num(o, db_count(s, tables[i]));
    db_close(s);
    return st;
}

/* ---- files ----------------------------------------------------------------- */

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) abort();
    fputs(text, f);
    fclose(f);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* jansson allocates through the library's allocator here, so its
     * allocations are failed too (tac_malloc is malloc when no failure is
     * armed, so memory crosses between the two freely). libxml2 is left on
     * malloc: 2.9.14 (Debian 12) loops forever in htmlParseDocument after
     * some failed allocations, a bug of its own fixed upstream in 2.11. */
    json_set_alloc_funcs(j_malloc, tac_free);
    /* the store syncs every commit: on tmpfs the 600 runs take 1 s, not 60 */
    snprintf(tmpdir, sizeof tmpdir, "%s/test_faults.XXXXXX", access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm");
    if (!mkdtemp(tmpdir)) return 1;

    tac_options opt;
    tac_options_init(&opt);
    opt.data_dir = "data";
    if (tac_engine_open(&opt, &eng, &err) != TAC_OK || tac_doc_new(&coded) != TAC_OK) {
        fprintf(stderr, "engine: %s\n", err.message);
        return 1;
    }
    tac_article a = {.id = "p1", .text = para, .text_len = strlen(para), .date = "2024-01-11",
                     .source = "wire", .url = "https://example.com/p1"};
    char *rec = NULL;
    size_t reclen;
    if (tac_engine_code(eng, &a, coded, &err) != TAC_OK ||
        tac_doc_json(coded, TAC_LAYER_MENTIONS, &rec, &reclen, &err) != TAC_OK) {
        fprintf(stderr, "coding: %s\n", err.message);
        return 1;
    }

    /* Small operations: every n. */
    sweep("code paragraph", op_code, NULL, LONG_MAX, 1);
    static const tac_output fmts[] = {TAC_OUTPUT_JSON, TAC_OUTPUT_GDELT, TAC_OUTPUT_PLOVER,
                                      TAC_OUTPUT_CSV};
    static const char *const fmt_names[] = {"writer json", "writer gdelt", "writer plover",
                                            "writer csv"};
    for (int i = 0; i < 4; i++) sweep(fmt_names[i], op_writer, (void *)&fmts[i], LONG_MAX, 1);

    char text_path[96], jsonl_path[96];
    snprintf(text_path, sizeof text_path, "%s/a.txt", tmpdir);
    snprintf(jsonl_path, sizeof jsonl_path, "%s/a.jsonl", tmpdir);
    write_file(text_path, para);
    write_file(jsonl_path,
               "{\"id\":\"j1\",\"text\":\"Iran condemned the strike.\",\"date\":\"2024-01-10\"}\n"
               "{\"id\":\"j2\",\"title\":\"T\",\"text\":\"Egypt met Israel.\",\"source\":\"s\","
               "\"url\":\"u\"}\n{\"text\":\"No id here.\",\"date\":\"2024-13-45\"}\n");
    sweep("reader text", op_read, text_path, LONG_MAX, 1);
    sweep("reader jsonl", op_read, jsonl_path, LONG_MAX, 1);
    sweep("reader html", op_read, "tests/data/html/news.html", LONG_MAX, 1);
    sweep("reader warc.gz", op_read, "tests/data/warc/ccnews-sample.warc.gz", LONG_MAX, 1);

    static const char *const dicts[] = {"tests/data/dict/test.verbs.txt",
                                        "tests/data/dict/test.actors.txt",
                                        "tests/data/dict/test.agents.txt",
                                        "tests/data/dict/test.discards.txt",
                                        "tests/data/dict/test.issues.txt"};
    for (int i = 0; i < 5; i++) sweep(dicts[i] + 16, op_dict, (void *)dicts[i], LONG_MAX, 1);
    json_t *recj = json_loads(rec, 0, NULL);
    CHECK(recj != NULL);
    sweep("store", op_store, recj, LONG_MAX, 1);
    json_decref(recj);

    /* The real files: every n for a dictionary and the gazetteer (their
     * loaders allocate in large blocks: tens of allocations). */
    sweep("dict tacitus.actors", op_dict, "data/dict/tacitus.actors.txt", LONG_MAX, 1);
    sweep("dict Phoenix.agents", op_dict, "data/dict/Phoenix.agents.txt", LONG_MAX, 1);
    sweep("gazetteer", op_geo, NULL, LONG_MAX, 1);
    /* Engine open with every stage: ~1,300 allocations at ~0.25 s a run
     * (45 MB of models), so every n would take 5 minutes: the first 40 n
     * (the models), then every 61st (a deterministic sample across the
     * dictionaries, codebook and gazetteer), and the run past the end. */
    /* TEST_FAULTS_FULL=1 sweeps every n (run by hand: see docs/reliability.md). */
    int full = getenv("TEST_FAULTS_FULL") != NULL;
    sweep("engine open", op_engine_open, NULL, full ? LONG_MAX : 40, full ? 1 : 61);

    tac_string_free(rec);
    tac_doc_free(coded);
    tac_engine_free(eng);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", tmpdir);
    return check_done("test_faults");
}
