/*
 * dict.h - TABARI/PETRARCH2 dictionaries (prefix dict_): readers for the
 * verb, actor, agent, discard and issue formats, compiled into one
 * read-only token index (a hash trie over lower-cased tokens).
 * Format notes and semantics: docs/dictionaries.md.
 */
#ifndef TAC_DICT_H
#define TAC_DICT_H

#include <stddef.h>
#include "tacitus.h"

typedef struct dict_set dict_set;

typedef enum dict_kind {
    DICT_AUTO = 0,     /* guess from the file name (verbs/actors/agents/...) */
    DICT_VERBS,
    DICT_ACTORS,
    DICT_AGENTS,
    DICT_DISCARDS,
    DICT_ISSUES
} dict_kind;

/* Kinds of diagnostics. The loader only emits DICT_W_MALFORMED (the line is
 * skipped) and DICT_W_NOCODE; dict_set_audit adds the other kinds. */
typedef enum dict_wkind {
    DICT_W_MALFORMED = 0,  /* line could not be read; skipped */
    DICT_W_NOCODE,         /* actor entry without codes of its own */
    DICT_W_DUPLICATE,      /* same phrase, same codes, entered twice */
    DICT_W_CONFLICT,       /* same phrase, different codes */
    DICT_W_OVERLAP         /* date ranges of one actor overlap */
} dict_wkind;

typedef struct dict_warning {
    const char *file;      /* path as given to dict_set_load */
    unsigned line;         /* 1-based */
    dict_wkind kind;
    const char *message;   /* without the "file:line: " prefix */
} dict_warning;

/* One code of an actor with its validity. from/to are inclusive YYYYMMDD;
 * an open end is 0 / 99999999. is_default marks an undated code. */
typedef struct dict_code {
    const char *code;
    int from, to;
    int is_default;
    unsigned line;
} dict_code;

/* One dictionary entry matched at a token position. Strings belong to the
 * dict_set and live as long as it does. */
typedef struct dict_hit {
    size_t ntok;           /* tokens matched */
    const char *phrase;    /* the phrase as written in the file */
    const char *file;
    unsigned line;         /* line of the phrase */
    const char *code;      /* actors: code valid on the date (NULL: none);
                              agents: code without '~'; issues: issue code
                              (NULL for an ignore phrase); discards: NULL */
    unsigned code_line;    /* line where that code is written */
    int flag;              /* agents: 1 if the code goes before the actor
                              code (CODE~); discards: 1 = story level;
                              issues: 1 = ignore phrase */
    unsigned rec;          /* actors: record handle for dict_actor_codes */
} dict_hit;

/* A token of a verb pattern. */
typedef enum dict_ptkind {
    DICT_PT_WORD = 0, DICT_PT_SYNSET, DICT_PT_VERB /* * */, DICT_PT_SOURCE /* $ */,
    DICT_PT_TARGET /* + */, DICT_PT_OTHER /* % ^ */, DICT_PT_LPAREN, DICT_PT_RPAREN,
    DICT_PT_LBRACE, DICT_PT_RBRACE
} dict_ptkind;

typedef struct dict_ptok {
    dict_ptkind kind;
    int joined;            /* 1 if attached to the previous token by '_' */
    const char *text;      /* lower-cased word, synset name with '&', or the symbol */
} dict_ptok;

typedef struct dict_pattern {
    const char *text;      /* pattern as written, without '-' and comment */
    const char *code;      /* e.g. "0231", "042:043", ":173", "---" */
    const char *file;
    unsigned line;
    int has_source, has_target;
    size_t ntoks;
    const dict_ptok *toks;
} dict_pattern;

typedef struct dict_verb_info {
    const char *phrase;    /* verb as written (e.g. "+ASK_FOR") */
    const char *block;     /* block name, e.g. "ASK" */
    const char *code;      /* the verb's own code, else the block code */
    const char *file;
    unsigned line;
    size_t npatterns;      /* patterns of the verb's block */
    const dict_pattern *patterns;
} dict_verb_info;

/* Per-file counts. entries: actor/agent/discard/issue phrases as written
 * (not generated plurals), verbs: verbs + patterns + synset members. */
typedef struct dict_file_info {
    const char *path;
    dict_kind kind;
    size_t entries;
    size_t warnings;
} dict_file_info;

/* Creates an empty set. Returns TAC_ENOMEM on failure. */
tac_status dict_set_new(dict_set **out, tac_error *err);
void dict_set_free(dict_set *s);

/* Reads one file into s. kind DICT_AUTO guesses from the name. Malformed
 * lines become warnings and are skipped; only TAC_EIO (cannot read),
 * TAC_EINVAL (unknown kind) and TAC_ENOMEM abort, leaving s usable with
 * what was loaded before. path is copied. */
tac_status dict_set_load(dict_set *s, const char *path, dict_kind kind, tac_error *err);

/* Adds duplicate, conflict and date-overlap diagnostics over everything
 * loaded so far (call once, after the last load). */
tac_status dict_set_audit(dict_set *s, tac_error *err);

size_t dict_warning_count(const dict_set *s);
/* i < dict_warning_count; pointer valid while s lives. */
const dict_warning *dict_warning_get(const dict_set *s, size_t i);

size_t dict_file_count(const dict_set *s);
const dict_file_info *dict_file_get(const dict_set *s, size_t i);
/* Bytes held by s (tables, strings, records). */
size_t dict_set_memory(const dict_set *s);

/* Longest match of an actor phrase starting at tok[i] (tok[0..n) are
 * lower-cased token forms). date is YYYYMMDD, 0 = undated (see dict_actor_code_on).
 * Fills up to cap hits (all entries with that phrase, in load order) and
 * returns how many exist; 0 = no actor starts at i. */
size_t dict_actor_match(const dict_set *s, const char *const *tok, size_t n, size_t i,
                        int date, dict_hit *out, size_t cap);
/* The codes of actor record rec in file order; returns how many, fills up
 * to cap. */
size_t dict_actor_codes(const dict_set *s, unsigned rec, dict_code *out, size_t cap);
/* Code of record rec valid on date (first matching dated code in file
 * order, else the last default); NULL if none. Undated (date 0): the last
 * default, else the dated code in force now (open-ended ">DATE", latest
 * start). *line gets its line. */
const char *dict_actor_code_on(const dict_set *s, unsigned rec, int date, unsigned *line);

/* dict_actor_match and dict_agent_match where a blank between two words
 * of a phrase may pass over up to 4 tokens that skip[] (indexed like tok,
 * 1 = may be passed over) allows: "ITHILEN TELEVISION" matches "Ithilen
 * state-run television"; an underscore never does. ntok of a hit counts
 * the tokens passed over. skip NULL: no gaps. */
size_t dict_actor_match_gap(const dict_set *s, const char *const *tok, size_t n, size_t i,
                            int date, const unsigned char *skip, dict_hit *out, size_t cap);
size_t dict_agent_match_gap(const dict_set *s, const char *const *tok, size_t n, size_t i,
                            const unsigned char *skip, dict_hit *out, size_t cap);

/* Same contract as dict_actor_match, for agents, discards and issues. */
size_t dict_agent_match(const dict_set *s, const char *const *tok, size_t n, size_t i,
                        dict_hit *out, size_t cap);
size_t dict_discard_match(const dict_set *s, const char *const *tok, size_t n, size_t i,
                          dict_hit *out, size_t cap);
size_t dict_issue_match(const dict_set *s, const char *const *tok, size_t n, size_t i,
                        dict_hit *out, size_t cap);

/* Finds a verb by lemma or listed form ("ask", "asked", "ask for"; lower
 * case, words separated by one space). Returns 1 and fills out, else 0. */
int dict_verb_find(const dict_set *s, const char *lemma, dict_verb_info *out);
/* Every verb entry with that lemma or form (a verb may sit in several
 * blocks), in load order: fills up to cap, returns how many exist. */
size_t dict_verb_find_all(const dict_set *s, const char *lemma, dict_verb_info *out,
                          size_t cap);

/* Length of the longest member of synonym set name ("&CURRENCY") starting
 * at tok[i], 0 if none. */
size_t dict_synset_match(const dict_set *s, const char *name, const char *const *tok,
                         size_t n, size_t i);

/* Parses "YYYY-MM-DD", "YYYYMMDD" or "YYMMDD" (00-30 -> 20YY) into
 * YYYYMMDD; returns 0 on error (bad digits or impossible day). */
int dict_parse_date(const char *s, size_t len);

/* Lower-cases a token exactly as the index does (Unicode simple lower
 * case per code point) into out; cap must be >= 2 * len + 1. Returns 0, or
 * -1 for invalid UTF-8 or a short buffer. Use it on the token forms passed
 * to the matchers. */
int dict_fold(const char *text, size_t len, char *out, size_t cap);

const char *dict_kind_name(dict_kind k);

#endif
