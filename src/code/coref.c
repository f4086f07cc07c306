/*
 * coref.c - in-article coreference over the mention layer, three cheap
 * rules in the order an analyst would apply them:
 *  1. names: a person mention whose words end an earlier person mention
 *     ("Al-Sudani" after "Prime Minister Mohammad Shia Al-Sudani") is that
 *     person;
 *  2. titles: a mention with a role but no country ("the Prime Minister",
 *     code ---GOV) takes the code of the latest mention with the same role,
 *     the same head word and a country ("Iraqi Prime Minister", IRQGOV);
 *  3. pronouns: he/she/his/her refer to the latest person-like mention
 *     (a person name or a titled role) within the last two sentences;
 *     they/them/their/its to the latest coded group or country.
 *  4. appositions (with a parse): a name set off beside a coded phrase
 *     ("the Pentagon Press Secretary, Pat Ryder") is that phrase's actor.
 * Resolution only ever copies a code that another mention earned with its
 * own evidence; it never invents one.
 */
#include "coref.h"
#include "mentions.h"
#include "../core/alloc.h"
#include "../core/doc.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Token i of d as a pointer and length into the normalized text. */
static const char *tok(const tac_doc *d, size_t i, size_t *n) {
    *n = d->tokens.v[i].end - d->tokens.v[i].start;
    return d->norm.data + d->tokens.v[i].start;
}

static int tok_eq(const tac_doc *d, size_t i, size_t j) {
    size_t a, b;
    const char *x = tok(d, i, &a), *y = tok(d, j, &b);
    return a == b && strncasecmp(x, y, a) == 0;
}

/* 1 when the words of m end the words of p ("Al-Sudani" ends "Mohammad
 * Shia Al-Sudani"); m must be a capitalized name. */
static int name_suffix(const tac_doc *d, const mn_mention *m, const mn_mention *p) {
    size_t lm = m->last - m->first, lp = p->last - p->first;
    if (lm == 0 || lm >= lp) return 0;
    for (size_t k = 0; k < lm; k++)
        if (!tok_eq(d, m->first + k, p->last - lm + k)) return 0;
    return 1;
}

/* 1 when the mention ends in a plural noun: NNS/NNPS, or without tags a
 * lower-case word ending in a single "s" ("forces", not "press"). */
static int plural_head(const tac_doc *d, const mn_mention *m) {
    if (m->last <= m->first) return 0;
    size_t i = m->last - 1, n;
    if (d->xpos && d->xpos[i]) return !strcmp(d->xpos[i], "NNS") || !strcmp(d->xpos[i], "NNPS");
    const char *w = tok(d, i, &n);
    return n > 3 && w[0] >= 'a' && w[0] <= 'z' && w[n - 1] == 's' && w[n - 2] != 's';
}

/* A person: a PER name, or a single official or officer ("the minister",
 * a GOV or MIL role), never a plural ("US forces" is USAMIL too). */
static int is_person(const tac_doc *d, const mn_mention *m) {
    return (m->ner && !strcmp(m->ner, "PER")) ||
           (m->code && (strstr(m->code, "GOV") || strstr(m->code, "MIL")) &&
            (m->how & MN_AGENT) && !plural_head(d, m));
}

/* Role part of a code: what follows a "---" or a 3-letter country. */
static const char *role_of(const char *code) {
    if (!code) return NULL;
    if (!strncmp(code, "---", 3)) return code + 3;
    return strlen(code) > 3 ? code + 3 : NULL;
}

static int set_code(tac_doc *d, mn_mention *m, const mn_mention *ante, int idx) {
    m->antecedent = idx;
    m->how |= MN_COREF;
    if (ante->code && (!m->code || !strncmp(m->code, "---", 3))) {
        if (!(m->code = ar_strndup(&d->ar, ante->code, strlen(ante->code)))) return -1;
    }
    return 0;
}

static int resolve_names_and_titles(tac_doc *d) {
    mn_vec *v = &d->mentions;
    for (size_t i = 0; i < v->n; i++) {
        mn_mention *m = &v->v[i];
        /* rule 1: short names */
        if (m->ner && !strcmp(m->ner, "PER") && !(m->how & MN_AGENT)) {
            for (size_t k = i; k-- > 0;) {
                const mn_mention *p = &v->v[k];
                if (p->ner && !strcmp(p->ner, "PER") && name_suffix(d, m, p)) {
                    if (set_code(d, m, p, (int)k)) return -1;
                    break;
                }
            }
        }
        /* rule 2: titles without a country */
        if (m->code && !strncmp(m->code, "---", 3)) {
            const char *role = role_of(m->code);
            for (size_t k = i; k-- > 0;) {
                const mn_mention *p = &v->v[k];
                const char *pr = role_of(p->code);
                if (p->code && strncmp(p->code, "---", 3) && pr && !strcmp(pr, role) &&
                    (p->how & MN_AGENT) && tok_eq(d, m->last - 1, p->last - 1)) {
                    if (set_code(d, m, p, (int)k)) return -1;
                    break;
                }
            }
        }
    }
    return 0;
}

/* Pronoun classes: 1 person (he, she...), 2 group (they, it...). */
static int pronoun_class(const char *w, size_t n) {
    static const char *const person[] = {"he", "she", "him", "his", "her", "hers", NULL};
    /* not "it": mostly expletive in news ("it is important to...") */
    static const char *const group[] = {"they", "them", "their", "its", NULL};
    for (size_t i = 0; person[i]; i++)
        if (strlen(person[i]) == n && !strncasecmp(w, person[i], n)) return 1;
    for (size_t i = 0; group[i]; i++)
        if (strlen(group[i]) == n && !strncasecmp(w, group[i], n)) return 2;
    return 0;
}

static int resolve_pronouns(tac_doc *d) {
    mn_vec *v = &d->mentions;
    size_t nm = v->n, next = 0; /* next: first mention at or after token i */
    for (size_t i = 0; i < d->tokens.n; i++) {
        while (next < nm && v->v[next].first < i) next++;
        size_t n;
        const char *w = tok(d, i, &n);
        int cls = pronoun_class(w, n);
        if (!cls || (d->upos && d->upos[i] && strcmp(d->upos[i], "PRON"))) continue;
        uint32_t sent = d->tokens.v[i].sentence;
        for (size_t k = next; k-- > 0;) {
            const mn_mention *p = &v->v[k];
            if (p->how & MN_COREF && p->antecedent >= 0 && p->first == p->last) continue;
            if (sent - p->sentence > 1) break;
            int ok = cls == 1 ? is_person(d, p) : (p->code && !is_person(d, p));
            if (!ok) continue;
            mn_mention m = {(uint32_t)i, (uint32_t)i + 1, sent, MN_COREF, NULL, NULL, 0, NULL, 0,
                            NULL, (int)k};
            if (p->code && !(m.code = ar_strndup(&d->ar, p->code, strlen(p->code)))) return -1;
            if (v->n == v->cap && tac_grow((void **)&v->v, &v->cap, v->n + 1, sizeof *v->v))
                return -1;
            v->v[v->n++] = m;
            break;
        }
    }
    return 0;
}

/* Index of the coded mention that covers token t or modifies it (its
 * tokens' heads point at t), or -1. */
static long coded_at(const tac_doc *d, size_t t) {
    const mn_vec *v = &d->mentions;
    for (size_t k = 0; k < v->n; k++) {
        const mn_mention *p = &v->v[k];
        if (!p->code || !strncmp(p->code, "---", 3)) continue;
        for (size_t i = p->first; i < p->last; i++)
            if (i == t || d->head[i] == (int)t) return (long)k;
    }
    return -1;
}

static int is_comma(const tac_doc *d, size_t i) {
    size_t n;
    const char *w = tok(d, i, &n);
    return n == 1 && w[0] == ',';
}

/* "TITLE, NAME," on the surface: the mention k - 1 is a coded role that
 * ends right before the comma that opens the name. */
static long surface_apposition(const tac_doc *d, size_t k) {
    const mn_mention *m = &d->mentions.v[k];
    if (k == 0 || m->first < 2 || !is_comma(d, m->first - 1)) return -1;
    const mn_mention *p = &d->mentions.v[k - 1];
    if (p->last != m->first - 1 || !(p->how & MN_AGENT) || !p->code || !strncmp(p->code, "---", 3))
        return -1;
    if (m->last < d->tokens.n && !is_comma(d, m->last)) return -1;
    return (long)k - 1;
}

static int resolve_appositions(tac_doc *d) {
    mn_vec *v = &d->mentions;
    for (size_t k = 0; k < v->n; k++) {
        mn_mention *m = &v->v[k];
        if (m->code || !m->ner || strcmp(m->ner, "PER")) continue;
        size_t f = m->first;
        long a = -1;
        if (d->head && d->deprel && d->deprel[f] && !strcmp(d->deprel[f], "appos") &&
            d->head[f] >= 0)
            a = coded_at(d, (size_t)d->head[f]);
        if (a < 0) a = surface_apposition(d, k);
        if (a >= 0 && set_code(d, m, &v->v[a], (int)a)) return -1;
    }
    return 0;
}

int cr_resolve(tac_doc *d) {
    size_t base = d->mentions.n; /* mentions before the pronouns: in text order */
    if (resolve_appositions(d) || resolve_names_and_titles(d) || resolve_pronouns(d)) return -1;
    size_t n = d->mentions.n;
    if (n == base) return 0;
    /* the pronoun mentions were appended, also in text order: merge the
     * two runs and remap antecedent indices */
    mn_mention *tmp = ar_alloc(&d->ar, n * sizeof *tmp);
    int *newpos = ar_alloc(&d->ar, n * sizeof *newpos);
    if (!tmp || !newpos) return -1;
    memcpy(tmp, d->mentions.v, n * sizeof *tmp);
    size_t a = 0, b = base, k = 0;
    while (a < base || b < n) {
        size_t take = (b >= n || (a < base && tmp[a].first <= tmp[b].first)) ? a++ : b++;
        newpos[take] = (int)k;
        d->mentions.v[k++] = tmp[take];
    }
    for (size_t i = 0; i < n; i++)
        if (d->mentions.v[i].antecedent >= 0)
            d->mentions.v[i].antecedent = newpos[d->mentions.v[i].antecedent];
    return 0;
}
