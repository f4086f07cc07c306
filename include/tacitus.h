/*
 * tacitus.h - the one public header of the tacitus event coder.
 * Opaque handles with create/free pairs; every fallible call returns a
 * tac_status and fills a tac_error. The library never prints and never exits.
 */
#ifndef TACITUS_H
#define TACITUS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TAC_VERSION "0.1.0"

#if defined(__GNUC__)
#define TAC_API __attribute__((visibility("default")))
#else
#define TAC_API
#endif

/* Status codes. TAC_OK is zero, errors are negative, TAC_END (positive) tells
 * a reader that the input is exhausted. */
typedef enum tac_status {
    TAC_OK = 0,
    TAC_END = 1,        /* no more records */
    TAC_ENOMEM = -1,    /* allocation failed */
    TAC_EIO = -2,       /* file missing, unreadable, short read */
    TAC_EINVAL = -3,    /* bad argument from the caller */
    TAC_EPARSE = -4,    /* malformed input record (JSON, CoNLL-U...) */
    TAC_ELIMIT = -5,    /* a configured limit was exceeded */
    TAC_EFORMAT = -6,   /* unknown or corrupt file format (models, dictionaries) */
    TAC_EINTERNAL = -7  /* a "cannot happen" invariant broke: a bug */
} tac_status;

/* Where and why something failed. record counts from 1 (line of a JSONL
 * file, article number of a directory walk); 0 means "not applicable".
 * offset is a byte offset into the file or record; -1 means unknown. */
typedef struct tac_error {
    tac_status status;
    char message[512];
    char file[512];
    long long record;
    long long offset;
} tac_error;

/* Human name of a status ("out of memory"...); static storage. */
TAC_API const char *tac_status_name(tac_status s);

/* Formats "file:record:offset: message" into buf (always NUL-terminated). */
TAC_API void tac_error_format(const tac_error *e, char *buf, size_t cap);

/* ---- articles ---------------------------------------------------------- */

/* One input article. All strings are borrowed: the reader (or the caller)
 * owns them and keeps them valid until the next tac_reader_next/free.
 * text need not be NUL-terminated and may hold any bytes. Optional fields
 * are NULL when unknown; date is "YYYY-MM-DD" (the date part of ISO 8601). */
typedef struct tac_article {
    const char *id;
    const char *text;
    size_t text_len;
    const char *title;
    const char *date;
    const char *source;
    const char *url;
    const char *origin;     /* file name the record came from */
    long long record;       /* record number within origin, from 1 */
    const char *warning;    /* a reader's note on this record (bad date...), or NULL */
} tac_article;

/* ---- engine ------------------------------------------------------------ */

/* Engine options. Fill with tac_options_init, then override. Paths are
 * borrowed for the duration of tac_engine_open only. */
typedef struct tac_options {
    const char *data_dir;       /* where dictionaries and gazetteers live */
    const char *model_dir;      /* where the trained models live (tagger.tacm, parser.tacm,
                                   ner.tacm); a missing model skips its layer */
    size_t max_article_bytes;   /* longer articles are truncated, with a warning
                                   (1..2147483647; default 16 MiB) */
    int max_sentence_tokens;    /* longer sentences are split, with a warning
                                   (0: no limit; default 400) */
    unsigned stages;            /* TAC_STAGE_* to run (default: all); the text
                                   stage always runs */
    int parse_candidates;       /* 1: parse only the sentences that can yield an
                                   event (two actor mentions or pronouns and a
                                   verb dictionary word); the others keep no tree
                                   (their tokens have no head), so their dates and
                                   numbers are read from the surface. Default 0 */
    int max_events_per_sentence; /* events kept per sentence (the first found);
                                   the rest are dropped with a warning; 0: no
                                   limit. Default 64 (docs/limits.md) */
} tac_options;

/* Pipeline stages, for tac_options.stages (benchmarks time them apart). */
enum {
    TAC_STAGE_TEXT = 1u << 0,       /* normalize, tokenize, sentences */
    TAC_STAGE_NLP = 1u << 1,        /* tagger, lemmas, NER, parser */
    TAC_STAGE_MENTIONS = 1u << 2,   /* actor mentions and coreference */
    TAC_STAGE_CONTEXT = 1u << 3,    /* dates and numbers */
    TAC_STAGE_EVENTS = 1u << 4,     /* event coding */
    TAC_STAGE_ALL = 0xFFu
};

TAC_API void tac_options_init(tac_options *o);
/* sizeof(tac_options) and sizeof(tac_article) as this library was built:
 * bindings that mirror the structs check them before calling in. */
TAC_API size_t tac_options_size(void);
TAC_API size_t tac_article_size(void);

typedef struct tac_engine tac_engine;

/* Opens an engine: loads models and dictionaries once, read-only, shareable
 * by threads. On success *out is the caller's; free with tac_engine_free. */
TAC_API tac_status tac_engine_open(const tac_options *o, tac_engine **out,
                                   tac_error *err);
TAC_API void tac_engine_free(tac_engine *e);

/* Which layers the engine can produce, as TAC_LAYER_* bits (a model that
 * was not found leaves its bit clear). */
TAC_API unsigned tac_engine_layers(const tac_engine *e);

/* ---- documents (results) ----------------------------------------------- */

typedef struct tac_doc tac_doc;

/* A document holds one coded article and all its layers in an arena that is
 * reset by the next tac_engine_code on the same doc. One doc per thread. */
TAC_API tac_status tac_doc_new(tac_doc **out);
TAC_API void tac_doc_free(tac_doc *d);

/* Codes one article into d (replacing what d held). The article's strings
 * are copied; the caller may release them after the call. Per-article
 * problems that are not fatal (invalid UTF-8, truncation) become warnings
 * on the doc, not errors. */
TAC_API tac_status tac_engine_code(const tac_engine *e, const tac_article *a,
                                   tac_doc *d, tac_error *err);

/* A sentence: byte span [start, end) into the article text as given. */
typedef struct tac_sentence {
    size_t start, end;
} tac_sentence;

/* A token (a syntactic word). Spans are into the article text as given;
 * text[0..text_len) is the normalized form the engine saw (not
 * NUL-terminated, owned by the doc). A clitic split such as do|n't shares
 * one surface token: its first word has mwt_count 2, the second 0. */
typedef struct tac_token {
    size_t start, end;
    int sentence;
    const char *text;
    size_t text_len;
    int space_after;    /* 1 when whitespace follows in the input */
    int mwt_count;      /* words in this surface token (>= 1 on its first word, 0 on the rest) */
    /* NLP layers (NULL / -2 when the model is not loaded); strings owned by
     * the engine or the doc */
    const char *upos, *xpos, *lemma, *deprel, *ner;
    int head;           /* document-level token index of the head, -1 for a root */
} tac_token;

TAC_API size_t tac_doc_sentence_count(const tac_doc *d);
TAC_API size_t tac_doc_token_count(const tac_doc *d);
/* Returns TAC_EINVAL for an index out of range. */
TAC_API tac_status tac_doc_sentence(const tac_doc *d, size_t i, tac_sentence *out);
TAC_API tac_status tac_doc_token(const tac_doc *d, size_t i, tac_token *out);
TAC_API size_t tac_doc_warning_count(const tac_doc *d);
TAC_API const char *tac_doc_warning(const tac_doc *d, size_t i);

/* ---- writers ------------------------------------------------------------ */

enum {
    TAC_LAYER_SENTENCES = 1u << 0,
    TAC_LAYER_TOKENS = 1u << 1,
    TAC_LAYER_TAGS = 1u << 2,   /* upos, xpos, lemma (tagger model) */
    TAC_LAYER_PARSE = 1u << 3,  /* head, deprel (parser model) */
    TAC_LAYER_NER = 1u << 4,    /* ner (NER model) */
    TAC_LAYER_MENTIONS = 1u << 5, /* actor mentions (dictionaries, agents, NER) */
    /* Output flags, OR-ed with the layers given to tac_doc_write_json. */
    TAC_OUT_ASSERTED_ONLY = 1u << 16 /* events: drop negated, hypothetical,
                                        future and reported ones */
};

/* Parses "sentences,tokens" into a layer mask. */
TAC_API tac_status tac_layers_parse(const char *spec, unsigned *mask,
                                    tac_error *err);

/* Writes d as one JSON object and a newline to out (see docs/output.md).
 * layers: TAC_LAYER_* bits and TAC_OUT_* flags. */
TAC_API tac_status tac_doc_write_json(const tac_doc *d, unsigned layers,
                                      FILE *out, tac_error *err);

/* Same as tac_doc_write_json, into a NUL-terminated string (*out, *len
 * bytes without the NUL) for language bindings; release it with
 * tac_string_free. */
TAC_API tac_status tac_doc_json(const tac_doc *d, unsigned layers, char **out, size_t *len,
                                tac_error *err);
TAC_API void tac_string_free(char *s);

/* Codes article a and writes why: tokens with tags and tree, mentions with
 * their dictionary sources, each candidate trigger with the patterns tried
 * (fired or rejected, and why), and the events. sentence selects one
 * sentence (from 0); a negative value explains them all. The same text as
 * `tacitus explain`. */
TAC_API tac_status tac_engine_explain(const tac_engine *e, const tac_article *a, long sentence,
                                      FILE *out, tac_error *err);
/* Same, into a string released with tac_string_free. */
TAC_API tac_status tac_engine_explain_string(const tac_engine *e, const tac_article *a,
                                             long sentence, char **out, size_t *len,
                                             tac_error *err);

/* Output formats of tac_writer (docs/output.md). */
typedef enum tac_output {
    TAC_OUTPUT_JSON = 0,   /* native JSON Lines, one object per article */
    TAC_OUTPUT_GDELT,      /* GDELT 2.0 Event table: 61 tab-separated columns per event */
    TAC_OUTPUT_PLOVER,     /* one PLOVER JSON record per event */
    TAC_OUTPUT_CSV         /* flat events, RFC 4180, with a header line */
} tac_output;

/* "json", "gdelt", "plover", "csv" -> *out; TAC_EINVAL otherwise. */
TAC_API tac_status tac_output_parse(const char *name, tac_output *out, tac_error *err);

typedef struct tac_writer tac_writer;

/* Opens a writer. layers applies to json; data_dir (may be NULL: "data")
 * gives the country tables GDELT's geography columns need. Read-only once
 * open: threads may share it. *out is the caller's (tac_writer_free). */
TAC_API tac_status tac_writer_open(tac_output fmt, unsigned layers, const char *data_dir,
                                   tac_writer **out, tac_error *err);
TAC_API void tac_writer_free(tac_writer *w);
/* Writes the format's header line (CSV only; nothing for the others). */
TAC_API tac_status tac_writer_header(const tac_writer *w, FILE *out, tac_error *err);
/* Writes d: one JSON object (json) or one row per event (others), with one
 * fwrite so a failed write never leaves half a record. */
TAC_API tac_status tac_writer_doc(const tac_writer *w, const tac_doc *d, FILE *out,
                                  tac_error *err);

/* ---- readers ------------------------------------------------------------ */

typedef enum tac_format {
    TAC_FORMAT_AUTO = 0,   /* from the name and content */
    TAC_FORMAT_TEXT,       /* one article per file */
    TAC_FORMAT_JSONL,      /* one article per line */
    TAC_FORMAT_HTML,       /* one web page per file, main text extracted */
    TAC_FORMAT_WARC        /* WARC or WARC.gz: one article per HTML response record */
} tac_format;

typedef struct tac_reader tac_reader;

/* Opens path ("-" is stdin; a directory is walked in sorted order). date
 * (may be NULL) is the publication date given to articles without one. */
TAC_API tac_status tac_reader_open(const char *path, tac_format fmt,
                                   const char *date, size_t max_bytes,
                                   tac_reader **out, tac_error *err);

/* Reads the next article into *a (valid until the next call or free).
 * Returns TAC_OK, TAC_END, or an error for this one record: the caller may
 * keep calling to get the following records. A fatal error (the input
 * cannot be read at all) is returned with tac_reader_fatal() true. */
TAC_API tac_status tac_reader_next(tac_reader *r, tac_article *a,
                                   tac_error *err);
TAC_API int tac_reader_fatal(const tac_reader *r);
/* Bytes of input consumed so far and in all (for progress and ETA); total
 * is 0 when unknown (stdin, a pipe). Compressed inputs count file bytes. */
TAC_API void tac_reader_progress(const tac_reader *r, unsigned long long *done,
                                 unsigned long long *total);
TAC_API void tac_reader_free(tac_reader *r);

#ifdef __cplusplus
}
#endif
#endif
