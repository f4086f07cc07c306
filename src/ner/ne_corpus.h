/*
 * ne_corpus.h - reader for named-entity corpora in IOB2 columns (prefix
 * ne_), the UniversalNER layout: "id<TAB>form<TAB>tag[<TAB>...]" lines,
 * blank lines between sentences, "# ..." comments. Training and
 * evaluation data for the NER tagger; not used by the pipeline.
 */
#ifndef TAC_NE_CORPUS_H
#define TAC_NE_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "tacitus.h"

/* Gold labels as read: NE_O, then B/I for each type in ne_types order. */
enum { NE_NTYPES = 3, NE_NBIO = 1 + 2 * NE_NTYPES };
extern const char *const ne_types[NE_NTYPES];   /* "PER", "ORG", "LOC" */
extern const char *const ne_bio_names[NE_NBIO]; /* "O", "B-PER", "I-PER", ... */
#define NE_BIO_B(t) (1 + 2 * (t))
#define NE_BIO_I(t) (2 + 2 * (t))
#define NE_BIO_TYPE(l) (((l) - 1) / 2)  /* only for l != 0 */
#define NE_BIO_IS_B(l) ((l) != 0 && ((l) - 1) % 2 == 0)

typedef struct ne_sent {
    size_t tok0, ntoks;     /* into corpus.forms / corpus.tags */
    size_t doc;             /* document number ("# newdoc" count), from 0 */
    long long line;         /* line of the first token */
} ne_sent;

typedef struct ne_corpus {
    char *data;             /* the file, split in place; forms point here */
    const char **forms;     /* [ntoks] NUL-terminated word forms */
    uint8_t *tags;          /* [ntoks] gold BIO label index */
    size_t ntoks, captoks;
    ne_sent *sents;
    size_t nsents, capsents;
    size_t ndocs;
} ne_corpus;

/* Loads an IOB2 file into c (owned by the caller, release with
 * ne_corpus_free even after an error). A malformed line (wrong number of
 * fields, id out of sequence, empty form, unknown tag) is TAC_EPARSE with
 * err->file = path and err->record = the line number. */
tac_status ne_corpus_load(const char *path, ne_corpus *c, tac_error *err);

/* Same from text[0..len) (copied); name is used in error messages. */
tac_status ne_corpus_parse(const char *text, size_t len, const char *name,
                           ne_corpus *c, tac_error *err);

/* Joins a then b into out (documents of b numbered after a's). out
 * borrows the word forms: a and b must outlive it. Release out with
 * ne_corpus_free. Returns TAC_OK or TAC_ENOMEM. */
tac_status ne_corpus_cat(const ne_corpus *a, const ne_corpus *b, ne_corpus *out);

void ne_corpus_free(ne_corpus *c);

/* Parses "O", "B-PER", "I-LOC"... into a BIO index; -1 when unknown. */
int ne_bio_parse(const char *s);

#endif
