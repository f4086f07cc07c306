/*
 * mentions.c - actor mentions from dictionaries, agents and NER.
 * Left to right in each sentence, the longest actor or agent phrase at a
 * token starts a mention; adjacent agent phrases and one actor phrase join
 * it ("the Iraqi Foreign Minister", "US forces"); a person name right after
 * a title joins it too ("Prime Minister Mohammad Shia Al-Sudani"). The code
 * is the actor's code followed by its agents' codes, as CAMEO composes them
 * (IRQ + GOV = IRQGOV); an agent without an actor keeps "---" for the
 * country until coreference tells more.
 */
#include "mentions.h"
#include "../core/alloc.h"
#include "../core/doc.h"
#include "../dict/dict.h"

#include <ctype.h>
#include <string.h>

enum { MAX_HITS = 8, MAX_CODE = 64 };

static int push(mn_vec *v, const mn_mention *m) {
    if (v->n == v->cap && tac_grow((void **)&v->v, &v->cap, v->n + 1, sizeof *v->v)) return -1;
    v->v[v->n++] = *m;
    return 0;
}

/* "backed", "led", "allied"... after "Iran-": the actor sponsors the group. */
static int affiliation_word(const char *w) {
    static const char *const a[] = {"backed", "led", "allied", "linked", "aligned",
                                    "supported", "sponsored", "funded", "affiliated", NULL};
    for (size_t i = 0; a[i]; i++)
        if (!strcmp(a[i], w)) return 1;
    return 0;
}

/* Appends an agent code to the code being built, skipping one that the
 * actor code already ends with (USAMIL + MIL stays USAMIL). */
static void add_agent(char *code, const char *agent, int before) {
    size_t n = strlen(code), m = strlen(agent);
    if (n >= m && !strcmp(code + n - m, agent)) return;
    if (n + m + 1 > MAX_CODE) return;
    if (before) {
        memmove(code + m, code, n + 1);
        memcpy(code, agent, m);
    } else {
        memcpy(code + n, agent, m + 1);
    }
}

/* NER type of token i ("PER"...) or NULL; B- or I- prefix in *begin. */
static const char *ner_type(const tac_doc *d, size_t i, int *begin) {
    const char *l = d->ner ? d->ner[i] : NULL;
    if (!l || l[0] == 'O' || !l[1]) return NULL;
    *begin = l[0] == 'B';
    return l + 2;
}

/* End of the NER entity starting at i (i itself when none). */
static size_t ner_end(const tac_doc *d, size_t i, size_t last, const char **type) {
    int b;
    const char *t = ner_type(d, i, &b);
    *type = t;
    if (!t) return i;
    size_t j = i + 1;
    while (j < last) {
        const char *u = ner_type(d, j, &b);
        if (!u || b || strcmp(u, t)) break;
        j++;
    }
    return j;
}

/* Scans sentence tokens [first, last) with lower-cased forms low[]. */
static int scan_sentence(const dict_set *dict, tac_doc *d, const char *const *low,
                         size_t first, size_t last, uint32_t sent, int date, mn_vec *out) {
    dict_hit act[MAX_HITS], agt[MAX_HITS];
    size_t i = first;
    while (i < last) {
        size_t na = 0, ng = 0, la = 0, lg = 0;
        if (dict) {
            na = dict_actor_match(dict, low, last, i, date, act, MAX_HITS);
            ng = dict_agent_match(dict, low, last, i, agt, MAX_HITS);
            /* an actor with no code on this date (a former office holder
             * named like someone else) is no evidence */
            la = na && act[0].code ? act[0].ntok : 0;
            lg = ng ? agt[0].ntok : 0;
        }
        const char *nt = NULL;
        size_t ne = ner_end(d, i, last, &nt);
        if (!la && !lg) {
            if (ne > i) { /* a name no dictionary knows: listed, uncoded */
                mn_mention m = {(uint32_t)i, (uint32_t)ne, sent, MN_NER, NULL, NULL, 0, NULL, 0, nt, -1};
                if (push(out, &m)) return -1;
                i = ne;
            } else {
                i++;
            }
            continue;
        }
        mn_mention m = {(uint32_t)i, (uint32_t)i, sent, 0, NULL, NULL, 0, NULL, 0, nt, -1};
        char code[MAX_CODE + 1] = "";
        int have_actor = 0;
        size_t j = i;
        for (;;) {
            if (j >= last) break;
            na = dict ? dict_actor_match(dict, low, last, j, date, act, MAX_HITS) : 0;
            ng = dict ? dict_agent_match(dict, low, last, j, agt, MAX_HITS) : 0;
            la = na && act[0].code ? act[0].ntok : 0;
            lg = ng ? agt[0].ntok : 0;
            if (la && la >= lg && !have_actor) {
                have_actor = 1;
                m.how |= MN_ACTOR;
                m.actor_file = act[0].file;
                m.actor_line = act[0].code_line ? act[0].code_line : act[0].line;
                char tail[MAX_CODE + 1];
                memcpy(tail, code, strlen(code) + 1); /* agents seen before the actor */
                snprintf(code, sizeof code, "%s%s", act[0].code, tail);
                j += la;
                /* "Iran-backed groups": the actor sponsors the group that follows */
                if (j + 1 < last && !strcmp(low[j], "-") && affiliation_word(low[j + 1])) {
                    m.how |= MN_AFFIL;
                    j += 2;
                }
                continue;
            }
            if (lg) {
                if (!(m.how & MN_AGENT)) {
                    m.agent_file = agt[0].file;
                    m.agent_line = agt[0].code_line ? agt[0].code_line : agt[0].line;
                }
                m.how |= MN_AGENT;
                if (agt[0].code) add_agent(code, agt[0].code, agt[0].flag);
                j += lg;
                continue;
            }
            break;
        }
        /* a title followed by a name: "Press Secretary Pat Ryder" */
        const char *pt = NULL;
        size_t pe = ner_end(d, j, last, &pt);
        if ((m.how & MN_AGENT) && pe > j && pt && !strcmp(pt, "PER")) {
            m.how |= MN_NER;
            m.ner = "PER";
            j = pe;
        }
        m.last = (uint32_t)j;
        if (code[0]) {
            char full[MAX_CODE + 4];
            snprintf(full, sizeof full, "%s%s", have_actor ? "" : "---", code);
            if (!(m.code = ar_strndup(&d->ar, full, strlen(full)))) return -1;
        }
        if (push(out, &m)) return -1;
        i = j > i ? j : i + 1;
    }
    return 0;
}

int mn_find(const dict_set *dict, tac_doc *d, int date) {
    mn_vec *out = &d->mentions;
    out->n = 0;
    size_t n = d->tokens.n;
    if (!n) return 0;
    const char **low = ar_alloc(&d->ar, n * sizeof *low);
    if (!low) return -1;
    for (size_t i = 0; i < n; i++) {
        const tk_token *t = &d->tokens.v[i];
        char *w = ar_strndup(&d->ar, d->norm.data + t->start, t->end - t->start);
        if (!w) return -1;
        for (char *p = w; *p; p++) *p = (char)tolower((unsigned char)*p);
        low[i] = w;
    }
    for (size_t s = 0; s < d->sentences.n; s++)
        if (scan_sentence(dict, d, low, d->sentences.v[s].first, d->sentences.v[s].last,
                          (uint32_t)s, date, out))
            return -1;
    return 0;
}
