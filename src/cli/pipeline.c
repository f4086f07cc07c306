/*
 * pipeline.c - reads articles on the calling thread, codes them on worker
 * threads (each with its own tac_doc; the engine and writer are shared
 * read-only), and emits results in input order through a ring of slots.
 * Also draws the progress line on a terminal.
 */
#include "pipeline.h"
#include "cli.h"
#include "../io/out.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { SLOT_FREE, SLOT_READY, SLOT_DONE };

typedef struct slot {
    tac_article art;        /* strings point into own */
    buf own;
    int failed;             /* reading or coding failed: err says why */
    tac_error err;
    buf out;
    buf warn;               /* the doc's warnings, each NUL-terminated */
    size_t nwarn;
    size_t nevents;
    int state;
} slot;

typedef struct pool {
    const tac_engine *eng;
    const tac_writer *w;
    slot *ring;
    size_t cap;
    /* sequence numbers: read <= taken by workers, emitted <= read */
    unsigned long long next_read, next_code, next_emit;
    int stop;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    tac_error fatal;        /* a worker could not get memory for its doc */
    int has_fatal;
} pool;

/* Copies a's strings into s->own so the reader may move on. 0 or -1. */
static int slot_fill(slot *s, const tac_article *a) {
    const char *src[7] = {a->id, a->title, a->date, a->source, a->url, a->origin, a->warning};
    size_t off[7];
    buf *b = &s->own;
    b->len = 0;
    for (int i = 0; i < 7; i++) {
        off[i] = b->len;
        if (src[i] && buf_append(b, src[i], strlen(src[i]) + 1)) return -1;
    }
    size_t text_at = b->len;
    if (buf_append(b, a->text ? a->text : "", a->text_len) || buf_putc(b, 0)) return -1;
    const char **dst[7] = {&s->art.id, &s->art.title, &s->art.date, &s->art.source,
                           &s->art.url, &s->art.origin, &s->art.warning};
    for (int i = 0; i < 7; i++) *dst[i] = src[i] ? b->data + off[i] : NULL;
    s->art.text = b->data + text_at;
    s->art.text_len = a->text_len;
    s->art.record = a->record;
    s->failed = 0;
    s->out.len = 0;
    s->warn.len = 0;
    s->nwarn = 0;
    s->nevents = 0;
    return 0;
}

static void slot_fail(slot *s, const tac_error *err) {
    s->failed = 1;
    s->err = *err;
    s->out.len = 0;
    s->warn.len = 0;
    s->nwarn = 0;
    s->nevents = 0;
}

/* Codes and renders s unless it already failed (a reader error that keeps
 * its place in the order). */
static void slot_code(const pool *p, slot *s, tac_doc *doc) {
    if (s->failed) return;
    int rc = -1;
    if (tac_engine_code(p->eng, &s->art, doc, &s->err) == TAC_OK) {
        rc = ow_writer_render(p->w, doc, &s->out, &s->nevents, &s->err);
        /* warnings go to stderr too: GDELT, PLOVER and CSV rows have no
         * place for them, and a truncation must not pass unseen */
        for (size_t i = 0; rc == 0 && i < tac_doc_warning_count(doc); i++) {
            const char *w = tac_doc_warning(doc, i);
            if (buf_append(&s->warn, w, strlen(w) + 1)) rc = -1;
            else s->nwarn++;
        }
        if (rc == -1) snprintf(s->err.message, sizeof s->err.message, "out of memory writing output");
        if (rc == -1) s->err.status = TAC_ENOMEM;
    }
    if (rc) {
        s->failed = 1;
        s->out.len = 0;
        if (!s->err.file[0] && s->art.origin)
            snprintf(s->err.file, sizeof s->err.file, "%s", s->art.origin);
        if (!s->err.record) s->err.record = s->art.record;
    }
}

static void *worker(void *arg) {
    pool *p = arg;
    tac_doc *doc = NULL;
    if (tac_doc_new(&doc) != TAC_OK) {
        pthread_mutex_lock(&p->mu);
        p->has_fatal = 1;
        pthread_mutex_unlock(&p->mu);
    }
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next_code == p->next_read) pthread_cond_wait(&p->work, &p->mu);
        if (p->next_code == p->next_read) break; /* stopped and nothing left */
        slot *s = &p->ring[p->next_code++ % p->cap];
        pthread_mutex_unlock(&p->mu);
        if (doc) slot_code(p, s, doc);
        else {
            s->failed = 1;
            s->err.status = TAC_ENOMEM;
            snprintf(s->err.message, sizeof s->err.message, "out of memory for a document");
        }
        pthread_mutex_lock(&p->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    tac_doc_free(doc);
    return NULL;
}

/* ---- progress ------------------------------------------------------------- */

typedef struct progress {
    int on;
    double start, last;
    const tac_reader *rd;
    unsigned long long done_before; /* bytes of readers already closed */
    unsigned long long total;       /* of all inputs, 0: unknown */
} progress;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress_draw(progress *pg, const pl_stats *st, int final) {
    if (!pg->on) return;
    double t = now();
    if (!final && t - pg->last < 0.25) return;
    pg->last = t;
    double el = t - pg->start;
    long long n = st->coded + st->rejected;
    fprintf(stderr, "\rtacitus: %lld articles, %lld events, %.1f articles/s", n, st->events,
            el > 0 ? n / el : 0.0);
    unsigned long long d = 0, tot = 0;
    if (pg->rd) tac_reader_progress(pg->rd, &d, &tot);
    d += pg->done_before;
    if (pg->total && d > 0 && d <= pg->total && !final) {
        double left = el * (double)(pg->total - d) / (double)d;
        fprintf(stderr, ", %2.0f%%, ETA %d:%02d:%02d", 100.0 * d / pg->total, (int)(left / 3600),
                (int)left / 60 % 60, (int)left % 60);
    }
    fputs(final ? "\n" : "   ", stderr);
    fflush(stderr);
}

/* ---- the run ------------------------------------------------------------------ */

/* Hands slot s to the sink (or prints its error) and frees it. */
static void emit(slot *s, pl_sink sink, void *ctx, pl_stats *st) {
    if (s->failed) {
        cli_error(&s->err);
        st->rejected++;
        if (s->err.status == TAC_ENOMEM) st->stopped = 1;
    } else {
        const char *w = s->warn.data;
        for (size_t i = 0; i < s->nwarn; i++, w += strlen(w) + 1)
            fprintf(stderr, "tacitus: %s: record %lld: warning: article '%.200s': %s\n",
                    s->art.origin ? s->art.origin : "-", s->art.record,
                    s->art.id ? s->art.id : "", w);
        pl_result r = {&s->art, s->out.data, s->out.len, s->nevents};
        if (!st->stopped && sink(ctx, &r)) st->stopped = 1;
        st->coded++;
        st->events += (long long)s->nevents;
    }
    s->state = SLOT_FREE;
}

/* Emits every finished slot at the head, blocking until at least the
 * slots before sequence number `until` are emitted. Called with p->mu held. */
static void drain(pool *p, unsigned long long until, pl_sink sink, void *ctx, pl_stats *st,
                  progress *pg) {
    while (p->next_emit < p->next_read) {
        slot *s = &p->ring[p->next_emit % p->cap];
        if (s->state != SLOT_DONE) {
            if (p->next_emit >= until) return;
            pthread_cond_wait(&p->done, &p->mu);
            continue;
        }
        pthread_mutex_unlock(&p->mu);
        emit(s, sink, ctx, st);
        progress_draw(pg, st, 0);
        pthread_mutex_lock(&p->mu);
        p->next_emit++;
    }
}

/* Returns the slot for the next article, first emitting what is finished
 * (and waiting for the oldest when the ring is full). */
static slot *take(pool *p, pl_sink sink, void *ctx, pl_stats *st, progress *pg) {
    pthread_mutex_lock(&p->mu);
    drain(p, p->next_read + 1 > p->cap ? p->next_read + 1 - p->cap : 0, sink, ctx, st, pg);
    pthread_mutex_unlock(&p->mu);
    return &p->ring[p->next_read % p->cap];
}

static void submit(pool *p, slot *s, int jobs, pl_sink sink, void *ctx, pl_stats *st,
                   progress *pg, tac_doc *doc) {
    if (jobs <= 1) {
        /* one job: code here, in order, with no thread in between */
        slot_code(p, s, doc);
        p->next_read++;
        emit(s, sink, ctx, st);
        p->next_emit++;
        progress_draw(pg, st, 0);
        return;
    }
    pthread_mutex_lock(&p->mu);
    s->state = SLOT_READY;
    p->next_read++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
}

int pl_run(const tac_engine *eng, const tac_writer *w, const char *const *inputs, int n,
           const pl_config *cfg, pl_sink sink, void *ctx, pl_stats *st) {
    memset(st, 0, sizeof *st);
    int jobs = cfg->jobs < 1 ? 1 : cfg->jobs;
    pool p;
    memset(&p, 0, sizeof p);
    p.eng = eng;
    p.w = w;
    p.cap = jobs <= 1 ? 1 : (size_t)jobs * 4;
    p.ring = calloc(p.cap, sizeof *p.ring);
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    tac_doc *doc = NULL;
    int started = 0, rc = 0;
    if (!p.ring || !th || (jobs <= 1 && tac_doc_new(&doc) != TAC_OK)) { rc = -1; goto out; }
    /* jansson's hash seed is its one lazily set global: set it here, before
     * any worker creates a JSON object (writers read records back) */
    json_object_seed(0);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    for (; jobs > 1 && started < jobs; started++)
        if (pthread_create(&th[started], NULL, worker, &p)) { rc = -1; break; }
    progress pg = {0};
    pg.on = !cfg->quiet && isatty(2);
    pg.start = pg.last = now();
    /* the total of all inputs, from readers opened once up front for their sizes */
    for (int k = 0; pg.on && k < n; k++) {
        tac_reader *r;
        tac_error e;
        unsigned long long d, t;
        if (tac_reader_open(inputs[k], cfg->in_format, cfg->date, cfg->max_bytes, &r, &e) != TAC_OK)
            continue;
        tac_reader_progress(r, &d, &t);
        tac_reader_free(r);
        if (!t) { pg.total = 0; break; }
        pg.total += t;
    }
    for (int k = 0; rc == 0 && k < n && !st->stopped; k++) {
        tac_reader *rd = NULL;
        tac_error err;
        if (tac_reader_open(inputs[k], cfg->in_format, cfg->date, cfg->max_bytes, &rd, &err) != TAC_OK) {
            /* errors travel through the ring too, so they print in input order */
            slot *s = take(&p, sink, ctx, st, &pg);
            slot_fail(s, &err);
            submit(&p, s, jobs, sink, ctx, st, &pg, doc);
            continue;
        }
        pg.rd = rd;
        tac_article art;
        tac_status rs;
        while (!st->stopped && (rs = tac_reader_next(rd, &art, &err)) != TAC_END) {
            slot *s = take(&p, sink, ctx, st, &pg);
            if (rs != TAC_OK) {
                slot_fail(s, &err);
                if (err.status == TAC_ENOMEM) st->stopped = 1;
            } else if (slot_fill(s, &art)) {
                err.status = TAC_ENOMEM;
                snprintf(err.message, sizeof err.message, "out of memory copying an article");
                slot_fail(s, &err);
                st->stopped = 1;
            }
            submit(&p, s, jobs, sink, ctx, st, &pg, doc);
        }
        unsigned long long d, t;
        tac_reader_progress(rd, &d, &t);
        pg.done_before += d;
        pg.rd = NULL;
        tac_reader_free(rd);
    }
    if (jobs > 1) {
        pthread_mutex_lock(&p.mu);
        p.stop = 1;
        pthread_cond_broadcast(&p.work);
        drain(&p, p.next_read, sink, ctx, st, &pg);
        pthread_mutex_unlock(&p.mu);
    }
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    if (p.has_fatal) st->stopped = 1;
    progress_draw(&pg, st, 1);
out:
    for (size_t i = 0; p.ring && i < p.cap; i++) {
        buf_free(&p.ring[i].own);
        buf_free(&p.ring[i].out);
        buf_free(&p.ring[i].warn);
    }
    if (p.ring) {
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.work);
        pthread_cond_destroy(&p.done);
    }
    free(p.ring);
    free(th);
    tac_doc_free(doc);
    return rc;
}
