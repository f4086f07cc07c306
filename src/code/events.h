/*
 * events.h - event coding (prefix ev_): CAMEO verb patterns matched over
 * the dependency tree, source and target from the mentions, modality,
 * codebook fields (names, Goldstein, QuadClass, PLOVER).
 */
#ifndef TAC_EVENTS_H
#define TAC_EVENTS_H

#include <stdint.h>
#include "tacitus.h"
#include "../core/buf.h"

typedef struct tac_doc tac_doc;
typedef struct dict_set dict_set;
typedef struct ev_resources ev_resources;
typedef struct cb_entry cb_entry;

typedef enum ev_modality {
    EV_ASSERTED = 0, EV_NEGATED, EV_HYPOTHETICAL, EV_FUTURE, EV_REPORTED
} ev_modality;

/* One coded event. Mentions are indices into d->mentions. */
typedef struct ev_event {
    uint32_t sentence;
    uint32_t trigger;          /* token of the verb or nominal trigger */
    int source, target;        /* mention indices; -1 for the missing side of a
                                  one-sided event (ev_opts.one_sided only) */
    const char *scode, *tcode; /* actor codes as reported: the mention's, or an
                                  agent's completed with its country ("---GOV" of
                                  "Gondor's government" -> "GONGOV") */
    char code[5];              /* CAMEO code as the dictionary gives it */
    const cb_entry *cb;        /* codebook entry of code or of its longest listed
                                  prefix: names, Goldstein, QuadClass, PLOVER */
    ev_modality modality;
    int nominal;               /* 1: the trigger is a noun ("US strikes on ...") */
    const char *pat_file;      /* dictionary file (basename) and line that fired */
    unsigned pat_line;
} ev_event;

struct ev_layer {
    ev_event *v;               /* arena */
    size_t n, cap;
    size_t max_per_sentence;   /* 0: no limit (ev_opts.max_per_sentence) */
    size_t dropped;            /* events over that limit, not kept */
    size_t dropped_sentences;  /* sentences that lost some */
    uint32_t last_dropped;     /* the last of them */
};

/* Trace of the decisions for one sentence, for `tacitus explain`: called
 * with one line of text per decision (no newline). */
typedef void (*ev_trace_fn)(void *ctx, const char *line);

/* Loads what event coding needs once, read-only (the CAMEO verb
 * dictionary, the project's verb additions, the Phoenix discards, the
 * codebook, the PLOVER mapping) from data_dir. A missing verb dictionary or codebook leaves
 * *out NULL (no events are coded) and is not an error; unreadable or
 * corrupt files are. */
tac_status ev_open(const char *data_dir, ev_resources **out, tac_error *err);
/* Same with one given verb dictionary instead of data_dir's (for the
 * PETRARCH validation files, whose codes are partly fictional: codes the
 * codebook lacks are kept, with a stand-in entry of quad_class 0; not for
 * JSON output). discard_file may be NULL. The codebook must be in
 * data_dir. */
tac_status ev_open_verbs(const char *data_dir, const char *verb_file, const char *discard_file,
                         ev_resources **out, tac_error *err);
void ev_close(ev_resources *r);

/* Codes the events of d (tokens, tags, tree and mentions must be there)
 * into d's event layer. r may be NULL. Returns 0 or -1 (no memory). */
int ev_run(const ev_resources *r, tac_doc *d);
/* Same, calling trace (when not NULL) with each decision about sentence
 * number `sentence` (all sentences when it is negative). */
int ev_run_traced(const ev_resources *r, tac_doc *d, long sentence, ev_trace_fn trace,
                  void *ctx);

/* Run options; zero-initialised is the default (ev_run's). */
typedef struct ev_opts {
    int one_sided;   /* keep events with a source or a target but not both, the
                        missing side coded "---" with mention -1 (PETRARCH's
                        require_dyad = false; the validation files use it) */
    int max_per_sentence; /* keep at most this many events of one sentence (the
                        first found); the rest are counted in the layer's
                        dropped. 0: no limit */
} ev_opts;
/* ev_run_traced with options o (NULL: defaults). */
int ev_run_opts(const ev_resources *r, tac_doc *d, const ev_opts *o, long sentence,
                ev_trace_fn trace, void *ctx);

/* Marks in want[s] (one byte per sentence of d) the sentences that may
 * yield an event, before they are parsed (tags, lemmas and mentions must
 * be there): two actor mentions or pronouns (coreference may code those)
 * and a verb or noun the verb dictionary knows, alone or with a word
 * near it (particle and compound verbs). r NULL marks none. Cheap next to
 * parsing, and never drops a sentence ev_run would code: it only looks at
 * a superset of ev_run's dictionary keys. */
void ev_candidates(const ev_resources *r, const tac_doc *d, unsigned char *want);

/* Appends the events of d as the elements of a JSON array (without the
 * brackets) to b. Returns 0 or -1 (no memory). */
int ev_json(buf *b, const tac_doc *d);
/* Same; asserted_only drops negated, hypothetical, future and reported
 * events (for `--asserted-only`). Ids keep their numbers. */
int ev_json_opts(buf *b, const tac_doc *d, int asserted_only);

const char *ev_modality_name(ev_modality m);

#endif
