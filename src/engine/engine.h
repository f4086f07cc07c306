/*
 * engine.h - the engine: options and the read-only shared resources
 * (models), loaded once and shared by every thread that codes with it.
 */
#ifndef TAC_ENGINE_H
#define TAC_ENGINE_H

#include "tacitus.h"
#include "../core/doc.h"

typedef struct tg_model tg_model;
typedef struct dp_model dp_model;
typedef struct ne_model ne_model;
typedef struct lm_model lm_model;
typedef struct dict_set dict_set;

struct tac_engine {
    tac_options opt;
    char *data_dir, *model_dir;     /* owned copies */
    tg_model *tagger;               /* NULL when its model file is absent */
    lm_model *lemmas;               /* lemma tables stored in the tagger's file */
    dp_model *parser;
    ne_model *ner;
    dict_set *dict;                 /* actor and agent dictionaries, or NULL */
    struct ev_resources *events;    /* verb dictionary, codebook; NULL: no event coding */
    struct geo_gaz *geo;            /* gazetteer (data/geo); NULL: no places */
};

/* Loads the actor and agent dictionaries found in e->data_dir/dict. A
 * missing folder leaves e->dict NULL; unreadable files are errors;
 * malformed lines are skipped (see `tacitus dict check`). */
tac_status eng_dict_open(tac_engine *e, tac_error *err);

/* Loads the models found in e->model_dir. A missing file leaves its
 * model NULL; a file that exists but does not load is an error. */
tac_status nlp_open(tac_engine *e, tac_error *err);
void nlp_close(tac_engine *e);
/* Runs tagger, lemmatizer, NER and (when parse is 1) parser sentence by
 * sentence over d's tokens, filling its NLP layers. With parse 0 the tree
 * layers are allocated with every head -2 (no parse) for nlp_parse.
 * Returns 0 or -1 (no memory). */
int nlp_run(const tac_engine *e, tac_doc *d, int parse);
/* Parses the sentences s of d with want[s] != 0 (after nlp_run(e, d, 0)).
 * Returns 0 or -1 (no memory). */
int nlp_parse(const tac_engine *e, tac_doc *d, const unsigned char *want);

/* Pieces of tac_engine_explain that `tacitus validate --trace` reuses:
 * the tokens and the mentions of sentence sent (all when negative), and an
 * ev_trace_fn printing one indented line to ctx, a FILE *. */
void eng_put_tokens(FILE *out, const tac_doc *d, long sent);
void eng_put_mentions(FILE *out, const tac_doc *d, long sent);
void eng_trace_line(void *ctx, const char *line);

#endif
