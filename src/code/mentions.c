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
#include <strings.h>

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

/* End of the noun phrase a sponsor modifies ("Iran-backed [armed groups]"):
 * adjectives and nouns up to the last noun, by the tagger's tags. Without
 * tags nothing is added. An agent phrase there is left for the caller. */
static size_t sponsored_group(const tac_doc *d, size_t j, size_t last) {
    if (!d->upos) return j;
    size_t end = j;
    for (size_t k = j; k < last; k++) {
        const char *u = d->upos[k];
        if (!strcmp(u, "NOUN")) end = k + 1;
        else if (strcmp(u, "ADJ") && strcmp(u, "PROPN")) break;
    }
    return end;
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
/* A weekday or month name: the tagger often runs a name on into the date
 * after it ("met Syrian President Bashar Assad Tuesday"). */
static int date_word(const tac_doc *d, size_t i) {
    static const char *const w[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                    "saturday", "sunday", "january", "february", "march",
                                    "april", "june", "july", "august", "september", "october",
                                    "november", "december", NULL};
    const tk_token *t = &d->tokens.v[i];
    size_t n = t->end - t->start;
    for (size_t k = 0; w[k]; k++)
        if (strlen(w[k]) == n && !strncasecmp(d->norm.data + t->start, w[k], n)) return 1;
    return 0;
}

static size_t ner_end(const tac_doc *d, size_t i, size_t last, const char **type) {
    int b;
    if (i >= last) { *type = NULL; return i; } /* no token there to read */
    const char *t = ner_type(d, i, &b);
    *type = t;
    if (!t || date_word(d, i)) return i;
    size_t j = i + 1;
    while (j < last) {
        const char *u = ner_type(d, j, &b);
        if (!u || b || strcmp(u, t) || date_word(d, j)) break;
        j++;
    }
    return j;
}

/* The dictionaries write "al-qaeda" and "ki-moon" as one token where the
 * tokenizer, following UD, splits at the hyphen; and a text token joined by
 * underscores ("Dol_Amroth") is, as in a dictionary phrase, the words
 * "dol amroth". Matching therefore tries the merged view first (merged[]:
 * hyphen compounds joined, underscored tokens split, with mstart/mend
 * mapping each word back to its tokens), then the plain tokens. */
typedef struct view {
    const char *const *low;     /* plain tokens */
    const char **merged;        /* words of the merged view */
    size_t *mstart, *mend;      /* token range of each word (a piece of a
                                 * split token has its whole token) */
    size_t *mof;                /* first word starting at token i, or SIZE_MAX */
    unsigned char *near_compound; /* 1 when a joined or split word is among [m, m+8) */
    unsigned char *skip;        /* per token: a blank of a phrase may pass over
                                 * it (NULL without tags) */
    size_t nmerged;
} view;

/* Longest actor or agent match at token i: returns tokens covered (0 if
 * none) and fills hits. agent selects the table. */
static size_t match_at(const dict_set *dict, const view *v, size_t i, size_t last, int date,
                       int agent, dict_hit *hits, size_t *nhits) {
    size_t best = 0;
    *nhits = 0;
    if (!dict) return 0;
    size_t mi = v->mof[i];
    /* the merged view differs only near a compound */
    if (mi != SIZE_MAX && v->near_compound[mi]) {
        size_t ml = mi;
        while (ml < v->nmerged && v->mend[ml] <= last) ml++;
        size_t k = agent ? dict_agent_match(dict, v->merged, ml, mi, hits, MAX_HITS)
                         : dict_actor_match(dict, v->merged, ml, mi, date, hits, MAX_HITS);
        size_t me = k ? mi + hits[0].ntok : 0; /* word after the match */
        /* a match ending inside a split token ("dol" of "Dol_Amroth") is none */
        if (k && me < v->nmerged && v->mstart[me] == v->mstart[me - 1]) k = 0;
        if (k && (agent || hits[0].code)) {
            best = v->mend[mi + hits[0].ntok - 1] - i;
            *nhits = k;
        }
    }
    dict_hit alt[MAX_HITS];
    size_t k = agent ? dict_agent_match_gap(dict, v->low, last, i, v->skip, alt, MAX_HITS)
                     : dict_actor_match_gap(dict, v->low, last, i, date, v->skip, alt, MAX_HITS);
    /* an actor with no code on this date (a former office holder named
     * like someone else) is no evidence */
    if (k && (agent || alt[0].code) && alt[0].ntok > best) {
        best = alt[0].ntok;
        *nhits = k;
        memcpy(hits, alt, (k < MAX_HITS ? k : MAX_HITS) * sizeof *hits);
    }
    if (best) hits[0].ntok = best; /* in plain tokens from here on */
    return best;
}

/* Scans sentence tokens [first, last) with lower-cased forms low[]. */
static int scan_sentence(const dict_set *dict, tac_doc *d, const view *vw,
                         size_t first, size_t last, uint32_t sent, int date, mn_vec *out) {
    const char *const *low = vw->low;
    dict_hit act[MAX_HITS], agt[MAX_HITS];
    size_t i = first;
    while (i < last) {
        size_t na = 0, ng = 0, la = 0, lg = 0;
        la = match_at(dict, vw, i, last, date, 0, act, &na);
        lg = match_at(dict, vw, i, last, date, 1, agt, &ng);
        const char *nt = NULL;
        size_t ne = ner_end(d, i, last, &nt);
        /* "former" opening an actor or agent phrase: see below */
        int former = 0;
        size_t former_at = i;
        if (!la && !lg && i + 1 < last && !strcmp(low[i], "former")) {
            la = match_at(dict, vw, i + 1, last, date, 0, act, &na);
            lg = match_at(dict, vw, i + 1, last, date, 1, agt, &ng);
            former = la || lg;
        }
        if (!la && !lg) {
            /* a name never starts with a clitic or punctuation ("'s
             * president" tagged as one entity) */
            if (ne > i && d->upos && (!strcmp(d->upos[i], "PART") || !strcmp(d->upos[i], "PUNCT")))
                ne = i;
            /* nor runs over a possessive into what it owns ("Ithilen 's
             * president" tagged as one entity). A dictionary word inside a
             * name does not cut it: "Valeska Paris" is a person. */
            for (size_t k = i + 1; k < ne && d->upos; k++)
                if (!strcmp(d->upos[k], "PART") || !strcmp(d->upos[k], "PUNCT")) {
                    ne = k;
                    break;
                }
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
        const char *actor_code = NULL;
        const char *agents[MAX_HITS];   /* agent codes in text order */
        int agent_before[MAX_HITS];
        size_t nagents = 0;
        int have_actor = 0;
        const size_t start = i + (size_t)former;
        size_t j = start;
        for (;;) {
            if (j >= last) break;
            if (j > start) { /* at the start the matches are known */
                la = match_at(dict, vw, j, last, date, 0, act, &na);
                lg = match_at(dict, vw, j, last, date, 1, agt, &ng);
                /* "Arnor former security officials" */
                if (!la && !lg && !former && j + 1 < last && !strcmp(low[j], "former") &&
                    match_at(dict, vw, j + 1, last, date, 1, agt, &ng)) {
                    former = 1;
                    former_at = j++;
                    continue;
                }
            }
            if (la && la >= lg && !have_actor) {
                have_actor = 1;
                m.how |= MN_ACTOR;
                m.actor_file = act[0].file;
                m.actor_line = act[0].code_line ? act[0].code_line : act[0].line;
                actor_code = act[0].code;
                j += la;
                /* "Iran-backed groups": the actor sponsors the group that follows */
                if (j + 1 < last && !strcmp(low[j], "-") && affiliation_word(low[j + 1])) {
                    m.how |= MN_AFFIL;
                    j += 2;
                    j = sponsored_group(d, j, last);
                }
                continue;
            }
            if (lg) {
                if (!(m.how & MN_AGENT)) {
                    m.agent_file = agt[0].file;
                    m.agent_line = agt[0].code_line ? agt[0].code_line : agt[0].line;
                }
                m.how |= MN_AGENT;
                /* CAMEO codes former office holders as elites: the role
                 * after "former" is ELI ("former Gondor prosecutors" GONELI,
                 * "former security officials" ---ELI), as TABARI did */
                if (former == 1 && nagents < MAX_HITS) {
                    agent_before[nagents] = 0;
                    agents[nagents++] = "ELI";
                    former = 2;
                } else if (agt[0].code && nagents < MAX_HITS) {
                    agent_before[nagents] = agt[0].flag;
                    agents[nagents++] = agt[0].code;
                }
                j += lg;
                continue;
            }
            break;
        }
        /* a "former" no role followed is no part of the mention */
        if (former == 1) {
            if (former_at == i) m.first = (uint32_t)(i + 1);
            else j = former_at;
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
        if (actor_code || nagents) {
            /* the actor's code, then its roles: "Prime Minister Al-Sudani"
             * is IRQGOV (the name already says GOV), "Iraqi foreign
             * minister" IRQ + GOV */
            char code[MAX_CODE + 1];
            snprintf(code, sizeof code, "%s", actor_code ? actor_code : "---");
            for (size_t k = 0; k < nagents; k++) add_agent(code, agents[k], agent_before[k]);
            if (!(m.code = ar_strndup(&d->ar, code, strlen(code)))) return -1;
        }
        if (push(out, &m)) return -1;
        i = j > i ? j : i + 1;
    }
    return 0;
}

/* Is token i glued to token i+1 (no white space between)? */
static int glued(const tac_doc *d, size_t i) {
    return !(d->tokens.v[i].flags & TK_SPACE_AFTER) && d->tokens.v[i].end == d->tokens.v[i + 1].start;
}

/* Adds the words of token i to the merged view when underscores join
 * them ("dol_amroth" -> "dol", "amroth"; a leading, trailing or doubled
 * underscore joins nothing). The last word v->nmerged - 1 is already
 * reserved for i. Returns 1 when split, 0 when not, -1 on no memory. */
static int split_token(arena *ar, view *v, size_t i) {
    const char *w = v->low[i];
    size_t m = v->nmerged - 1, len = strlen(w);
    if (len < 3 || !strchr(w + 1, '_')) return 0;
    int any = 0;
    for (const char *p = w + 1; p[1]; p++) any |= *p == '_' && p[1] != '_' && p[-1] != '_';
    if (!any) return 0;
    for (const char *p = w; *p;) {
        size_t k = strcspn(p, "_");
        if (k) {
            char *piece = ar_strndup(ar, p, k);
            if (!piece) return -1;
            if (m == v->nmerged) v->nmerged++;
            v->merged[m] = piece;
            v->mstart[m] = i;
            v->mend[m] = i + 1;
            m++;
        }
        p += k;
        p += strspn(p, "_");
    }
    return 1;
}

int mn_find(const dict_set *dict, tac_doc *d, int date) {
    mn_vec *out = &d->mentions;
    out->n = 0;
    size_t n = d->tokens.n;
    if (!n) return 0;
    view v;
    const char **low = ar_alloc(&d->ar, n * sizeof *low);
    v.mof = ar_alloc(&d->ar, n * sizeof *v.mof);
    if (!low || !v.mof) return -1;
    for (size_t i = 0; i < n; i++) {
        const tk_token *t = &d->tokens.v[i];
        size_t len = t->end - t->start;
        char *w = ar_alloc(&d->ar, len * 2 + 8);
        if (!w) return -1;
        dict_fold(d->norm.data + t->start, len, w, len * 2 + 8);
        low[i] = w;
        v.mof[i] = SIZE_MAX;
    }
    v.low = low;
    /* merged view: word-hyphen-word runs inside one sentence become one
     * word, a token with underscores between letters several */
    size_t cap = n;
    for (size_t i = 0; i < n; i++)
        for (const char *p = low[i] + 1; *p; p++) cap += *p == '_' && p[1] && p[1] != '_';
    v.merged = ar_alloc(&d->ar, cap * sizeof *v.merged);
    v.mstart = ar_alloc(&d->ar, cap * sizeof *v.mstart);
    v.mend = ar_alloc(&d->ar, cap * sizeof *v.mend);
    if (!v.merged || !v.mstart || !v.mend) return -1;
    v.nmerged = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 2 < n && glued(d, j) && glued(d, j + 1) && !strcmp(low[j + 1], "-") &&
               d->tokens.v[j + 2].sentence == d->tokens.v[i].sentence)
            j += 2;
        size_t m = v.nmerged++;
        v.mstart[m] = i;
        v.mend[m] = j + 1;
        v.mof[i] = m;
        int sp = j == i ? split_token(&d->ar, &v, i) : 0;
        if (sp < 0) return -1;
        if (sp) {
            /* the words of token i are in place */
        } else if (j == i) {
            v.merged[m] = low[i];
        } else {
            size_t len = d->tokens.v[j].end - d->tokens.v[i].start;
            char *w = ar_alloc(&d->ar, len * 2 + 8);
            if (!w) return -1;
            dict_fold(d->norm.data + d->tokens.v[i].start, len, w, len * 2 + 8);
            v.merged[m] = w;
        }
        i = j + 1;
    }
    v.near_compound = ar_alloc(&d->ar, v.nmerged ? v.nmerged : 1);
    if (!v.near_compound) return -1;
    size_t next = SIZE_MAX; /* nearest joined or split word at or after m */
    for (size_t m = v.nmerged; m-- > 0;) {
        if (v.mend[m] - v.mstart[m] > 1 || v.merged[m] != low[v.mstart[m]]) next = m;
        v.near_compound[m] = next != SIZE_MAX && next - m < 8;
    }
    /* what a blank of an actor or agent phrase may pass over: modifiers
     * inside the noun phrase ("Ithilen state-run television") */
    v.skip = NULL;
    if (d->upos) {
        if (!(v.skip = ar_alloc(&d->ar, n))) return -1;
        for (size_t i = 0; i < n; i++) {
            const char *u = d->upos[i];
            v.skip[i] = !strcmp(u, "ADJ") || !strcmp(u, "NOUN") || !strcmp(u, "PROPN") ||
                        !strcmp(u, "NUM") || (i && glued(d, i - 1) && !strcmp(low[i - 1], "-")) ||
                        (i + 1 < n && glued(d, i) && !strcmp(low[i], "-"));
        }
    }
    for (size_t s = 0; s < d->sentences.n; s++)
        if (scan_sentence(dict, d, &v, d->sentences.v[s].first, d->sentences.v[s].last,
                          (uint32_t)s, date, out))
            return -1;
    return 0;
}
