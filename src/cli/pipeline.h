/*
 * pipeline.h - the coding loop shared by `tacitus code` and `tacitus ingest`
 * (prefix pl_): read articles, code them on N worker threads that share one
 * read-only engine and writer, and hand each result to a sink in input
 * order, so the output of -j N is byte-identical to -j 1.
 */
#ifndef TAC_PIPELINE_H
#define TAC_PIPELINE_H

#include "tacitus.h"
#include "../core/buf.h"

/* One article's result as the sink sees it. */
typedef struct pl_result {
    const tac_article *art; /* the article as read (copies owned by the pipeline) */
    const char *out;        /* rendered by the writer: out[0..out_len) */
    size_t out_len;
    size_t nevents;
} pl_result;

/* Called in input order from the thread that called pl_run. Returns 0, or
 * -1 to stop the run (the output is gone; the sink has reported why). */
typedef int (*pl_sink)(void *ctx, const pl_result *r);

typedef struct pl_config {
    int jobs;               /* worker threads; 1 codes on the calling thread */
    int quiet;              /* no progress line even on a terminal */
    const char *date;       /* default publication date, or NULL */
    tac_format in_format;
    size_t max_bytes;
} pl_config;

typedef struct pl_stats {
    long long coded, rejected, events;
    int stopped;            /* the sink stopped the run, or memory ran out */
} pl_stats;

/* Runs inputs[0..n) through eng and w into sink. Errors of single records
 * are printed (in input order) and counted in stats->rejected; the run
 * goes on. Returns 0, or -1 when threads could not be started. */
int pl_run(const tac_engine *eng, const tac_writer *w, const char *const *inputs, int n,
           const pl_config *cfg, pl_sink sink, void *ctx, pl_stats *stats);

#endif
