/*
 * mentions.h - actor mentions (prefix mn_): dictionary actors, agents
 * combined with the countries and groups they belong to ("Iraqi foreign
 * minister" = IRQ + GOV), titles joined to the names that follow them, and
 * the named entities no dictionary knows (listed uncoded).
 */
#ifndef TAC_MENTIONS_H
#define TAC_MENTIONS_H

#include <stddef.h>
#include <stdint.h>

typedef struct tac_doc tac_doc;
typedef struct dict_set dict_set;

enum {
    MN_ACTOR = 1,   /* a dictionary actor phrase */
    MN_AGENT = 2,   /* an agent (role) phrase */
    MN_NER = 4,     /* a named entity from the NER model */
    MN_AFFIL = 8,   /* "Iran-backed": the actor sponsors what follows */
    MN_COREF = 16   /* code or identity from an earlier mention */
};

typedef struct mn_mention {
    uint32_t first, last;       /* token range [first, last) */
    uint32_t sentence;
    unsigned how;               /* MN_* bits: what contributed */
    const char *code;           /* combined CAMEO actor code (arena), or NULL */
    const char *actor_file;     /* dictionary line of the actor part, or NULL */
    unsigned actor_line;
    const char *agent_file;     /* dictionary line of the (first) agent part */
    unsigned agent_line;
    const char *ner;            /* PER, ORG, LOC when the NER model tagged it */
    int antecedent;             /* index of the mention it refers to, or -1 */
} mn_mention;

typedef struct mn_vec {
    mn_mention *v;
    size_t n, cap;              /* owned by the doc, reused across documents */
} mn_vec;

/* Finds the mentions of d (tokens, sentences and, when present, NER
 * labels) with dictionaries dict (may be NULL: NER mentions only). date is
 * the article date as YYYYMMDD or 0. Returns 0 or -1 (no memory). */
int mn_find(const dict_set *dict, tac_doc *d, int date);

#endif
