/*
 * ner.h - named-entity tagger (prefix ne_): PER, ORG and LOC in IOB2
 * labels, a greedy left-to-right averaged perceptron with BIO-respecting
 * decoding. The pipeline calls ne_load/ne_tag (or ne_tag_doc for a whole
 * document)/ne_free; the trainer and evaluator (tacitus train|eval ner)
 * use the rest. Model format: docs/ner.md.
 */
#ifndef TAC_NER_H
#define TAC_NER_H

#include <stddef.h>
#include <stdint.h>

#include "tacitus.h"
#include "ne_corpus.h"

typedef struct ne_model ne_model;

/* Loads a model written by ne_save. On success *out is the caller's
 * (free with ne_free); read-only afterwards, so threads may share it.
 * Errors: TAC_EIO (cannot read), TAC_EFORMAT (not a NER model, wrong
 * version, truncated or corrupt), TAC_ENOMEM. */
tac_status ne_load(const char *path, ne_model **out, tac_error *err);
void ne_free(ne_model *m);

/* Tags one sentence. words: n NUL-terminated forms (upos may be NULL:
 * POS tags are not used). Writes labels[i] as "O", "B-PER", "I-PER",
 * "B-ORG"... (static strings); the sequence is always well-formed IOB2
 * (no I-X unless the previous label is B-X or I-X). Returns 0, or -1 on
 * bad arguments or no memory (labels then all "O"). Thread-safe. */
int ne_tag(const ne_model *m, const char *const *words, const char *const *upos, size_t n,
           const char **labels);

/* Same, writing BIO indices (ne_bio_names) into out[n]. */
int ne_tag_ids(const ne_model *m, const char *const *words, size_t n, uint8_t *out);

/* Tags a whole document: words[n] its tokens, sentence s covering
 * [first[s], first[s+1]) (first[0] = 0, non-decreasing; the last ends at
 * n). Each sentence as ne_tag, then ne_doc_pass. labels as ne_tag writes
 * them, ids as ne_tag_ids. Returns 0, or -1 on bad arguments or no
 * memory (all O then). Thread-safe. */
int ne_tag_doc(const ne_model *m, const char *const *words, size_t n, const size_t *first,
               size_t nsents, const char **labels);
int ne_tag_doc_ids(const ne_model *m, const char *const *words, size_t n, const size_t *first,
                   size_t nsents, uint8_t *ids);

/* Document pass, after every sentence of a document has been tagged:
 * where the words of a name found elsewhere in the document (up to 4
 * tokens, compared lowercased) recur untagged, they get that name's
 * majority type. words[n] are the document's tokens, sentence s covers
 * [first[s], first[s+1]) (the last ends at n; names never cross a
 * sentence), ids[n] BIO indices as ne_tag_ids writes them, updated in
 * place and still well-formed. Returns 0, or -1 on bad arguments or no
 * memory (ids then unchanged). Thread-safe; needs no model. */
int ne_doc_pass(const char *const *words, size_t n, const size_t *first, size_t nsents,
                uint8_t *ids);

/* Same on labels as ne_tag writes them (static strings, replaced in
 * place). -1 also when the labels are not well-formed IOB2. */
int ne_doc_labels(const char *const *words, size_t n, const size_t *first, size_t nsents,
                  const char **labels);

/* ---- training ---- */

enum { NE_SCHEME_BIO = 0, NE_SCHEME_BILOU = 1 };
enum { NE_MAX_EPOCHS = 100 };

typedef struct ne_train_opts {
    int epochs;         /* maximum passes; the best on dev is kept (default 12) */
    int scheme;         /* internal labels: NE_SCHEME_BIO or NE_SCHEME_BILOU */
    int folds;          /* lexicon jackknife folds over documents (default 8; 1 = none) */
    uint64_t seed;      /* shuffling seed */
    float prune;        /* drop features whose averaged weights are all below */
    size_t repeat_from; /* sentences from this index on ... */
    int repeat;         /* ... are visited this many times per epoch (default 1) */
    const char *gazetteer; /* data folder to read ne_gaz names from; NULL = none */
    int doc_pass;       /* score dev with ne_doc_pass (default 1) */
    int lower_every;    /* also train on every Nth sentence lowercased (0 = none) */
} ne_train_opts;

typedef struct ne_train_report {
    int epochs_run, best_epoch;     /* best_epoch from 1 */
    double dev_f1[NE_MAX_EPOCHS];   /* per epoch, when dev was given */
    double train_acc[NE_MAX_EPOCHS];/* token accuracy during each pass */
} ne_train_report;

void ne_train_opts_init(ne_train_opts *o);

/* Trains on train; when dev is non-NULL the epoch with the best dev F1
 * is kept, else the last. Deterministic: same inputs and options give
 * the same model, byte for byte. On success *out is the caller's. rep
 * may be NULL. Errors: TAC_EINVAL (bad options, empty corpus),
 * TAC_ENOMEM. */
tac_status ne_train(const ne_corpus *train, const ne_corpus *dev, const ne_train_opts *o,
                    ne_model **out, ne_train_report *rep, tac_error *err);

/* Writes m to path. Errors: TAC_EIO. */
tac_status ne_save(const ne_model *m, const char *path, tac_error *err);

/* Model facts for reports. */
size_t ne_model_features(const ne_model *m);
int ne_model_scheme(const ne_model *m);

/* ---- evaluation (conlleval: exact span and type) ---- */

typedef struct ne_counts {
    size_t gold[NE_NTYPES], pred[NE_NTYPES], correct[NE_NTYPES];
    size_t tokens, tokens_correct;
} ne_counts;

/* Adds the entity spans of one sentence (BIO indices gold[n], pred[n])
 * to c. An I-X that does not continue an X span starts one, as in
 * conlleval. */
void ne_count(const uint8_t *gold, const uint8_t *pred, size_t n, ne_counts *c);

/* Tags corpus with m and counts into c (zeroed first): with doc_pass
 * set, each document ("# newdoc") with ne_tag_doc_ids, else each
 * sentence alone with ne_tag_ids. Returns TAC_OK or TAC_ENOMEM. */
tac_status ne_evaluate(const ne_model *m, const ne_corpus *corpus, int doc_pass, ne_counts *c,
                       tac_error *err);

/* Precision, recall and F1 in percent for type t, or all types (t < 0). */
void ne_prf(const ne_counts *c, int t, double *p, double *r, double *f);

#endif
