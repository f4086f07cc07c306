/*
 * dict_int.h - internals shared by the dictionary readers, the index and
 * the audit (prefix dict_). Not for use outside src/dict.
 */
#ifndef TAC_DICT_INT_H
#define TAC_DICT_INT_H

#include <stdint.h>
#include "dict.h"
#include "../core/arena.h"

#define DICT_NONE 0xffffffffu

/* Every namespace is a subtree of one token trie, rooted at its own node. */
enum { DICT_ROOT_ACTOR, DICT_ROOT_AGENT, DICT_ROOT_DISCARD, DICT_ROOT_ISSUE,
       DICT_ROOT_VERB, DICT_ROOT_SYNSET, DICT_NROOTS };

/* A phrase ending at a trie node; entries of one node are chained by next. */
typedef struct dict_ent {
    uint32_t next;
    uint32_t file, line;
    uint32_t payload;      /* actor: record; verb: verb; synset: synset id */
    const char *phrase;
    const char *code;      /* agents and issues */
    uint8_t flag;          /* as dict_hit.flag */
    uint8_t generated;     /* a plural or verb form made from another entry */
    uint8_t stem;          /* discards: last word matches as a prefix */
    uint8_t root;          /* DICT_ROOT_*, set by dict_insert */
} dict_ent;

typedef struct dict_edge {
    uint32_t parent, tok, child;
} dict_edge;

typedef struct dict_rec {  /* an actor record: its codes are restrs[first..+n) */
    uint32_t first, n;
    uint32_t file, line;
} dict_rec;

typedef struct dict_block {
    const char *name, *code;
    uint32_t file, line, first_pat, npat;
} dict_block;

typedef struct dict_verb {
    const char *phrase, *code;
    uint32_t block, file, line;
} dict_verb;

typedef struct dict_synset {
    const char *name;      /* with '&', upper case as written, '_' stripped */
    int noplural;
    const char **members;  /* phrases as written (for nested expansion) */
    size_t n, cap;
} dict_synset;

struct dict_set {
    arena ar;              /* all strings and pattern tokens */
    /* token interning: ids index toks; tab holds hash<<32 | id+1 (0 = empty) */
    const char **toks; size_t ntoks, cap_toks;
    uint64_t *tok_tab; size_t tok_slots;
    size_t max_tok_len;    /* of any interned token: longer words cannot match one */
    /* trie: node -> first entry; edges (parent,token) -> child */
    uint32_t *node_head; size_t nnodes, cap_nodes;
    /* 1 for an actor or agent node whose word followed a blank in its
     * phrase: other words may come between (TABARI's connector) */
    unsigned char *node_gap; size_t cap_gap;
    dict_edge *edges; size_t nedges, edge_slots;
    dict_ent *ents; size_t nents, cap_ents;
    dict_rec *recs; size_t nrecs, cap_recs;
    dict_code *codes; size_t ncodes, cap_codes;
    dict_block *blocks; size_t nblocks, cap_blocks;
    dict_verb *verbs; size_t nverbs, cap_verbs;
    dict_pattern *pats; size_t npats, cap_pats;
    dict_synset *syns; size_t nsyns, cap_syns;
    dict_warning *warns; size_t nwarns, cap_warns;
    dict_file_info *files; size_t nfiles, cap_files;
};

/* Grows array *arr (element size sz, count n, capacity *cap) to hold n+1;
 * returns 0 or -1 on allocation failure. */
int dict_push(void *arr, size_t *cap, size_t n, size_t sz);
#define DICT_PUSH(arr, n, cap) dict_push(&(arr), &(cap), (n), sizeof *(arr))

/* Records a diagnostic; -1 on allocation failure. */
int dict_warn(dict_set *s, uint32_t file, unsigned line, dict_wkind kind,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Lower-cases UTF-8 text[0..len) into the arena; NULL if the text is not
 * valid UTF-8 or on allocation failure (*bad tells which). */
char *dict_lower(dict_set *s, const char *text, size_t len, int *bad);
char *dict_strdup(dict_set *s, const char *text, size_t len);

/* Interns a lower-case token; DICT_NONE on allocation failure. */
uint32_t dict_tok_intern(dict_set *s, const char *w, size_t len);
/* Finds a token without adding it; DICT_NONE if unknown. */
uint32_t dict_tok_find(const dict_set *s, const char *w, size_t len);

/* Child of node by token, created when create != 0; DICT_NONE if absent
 * (or on allocation failure when creating). */
uint32_t dict_trie_step(dict_set *s, uint32_t node, uint32_t tok, int create);
uint32_t dict_trie_child(const dict_set *s, uint32_t node, uint32_t tok);

/* Inserts the phrase (words separated by ' ' or '_', any case) under
 * root; e is copied in (next is set here). Returns the entry index, or
 * DICT_NONE: *oom tells allocation failure from an empty/invalid phrase. */
uint32_t dict_insert(dict_set *s, int root, const char *phrase, size_t len,
                     const dict_ent *e, int *oom);

/* Shared per-file readers. line is NUL-terminated and without its newline
 * or comment; returns 0, or -1 on allocation failure. */
typedef struct dict_reader dict_reader;
int dict_read_verbs_line(dict_reader *r, char *line, size_t len);
int dict_read_actors_line(dict_reader *r, char *line, size_t len);
int dict_read_agents_line(dict_reader *r, char *line, size_t len);
int dict_read_discards_line(dict_reader *r, char *line, size_t len);
int dict_read_issues_line(dict_reader *r, char *line, size_t len);
int dict_read_finish(dict_reader *r);

/* State of one file being read. */
struct dict_reader {
    dict_set *s;
    uint32_t file;
    unsigned line;
    /* actors */
    uint32_t rec;          /* current record, DICT_NONE before the first */
    unsigned rec_line;
    const char *rec_phrase;
    /* agents: !MARKER! substitution sets */
    struct dict_marker { const char *name; const char **items; size_t n; } *mk;
    size_t nmk, cap_mk;
    /* verbs */
    int in_synset;         /* 1 after '&NAME', 0 after a block header */
    uint32_t syn, block;
};

/* Text helpers (in dict_read.c). */
char *dict_trim(char *s, size_t *len);
/* Splits "TEXT [CODE] rest": on success code and clen point into line, the
 * bracket is cut off the text and 1 is returned; 0 when there is no '['
 * and -1 when the ']' is missing. */
int dict_split_code(char *line, size_t *len, char **code, size_t *clen);
/* 1 if code is made of [A-Za-z0-9:_-] only and non-empty. */
int dict_code_ok(const char *code, size_t len);
int dict_is_blank(const char *s, size_t len);

#endif
