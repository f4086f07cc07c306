/*
 * ev_tree.c - the event coder's view of the dependency tree: children
 * lists, folded forms, the token -> mention map, the actor a nominal
 * denotes, and the modality of a trigger (negation, conditionals, future,
 * reported speech) read from its auxiliaries and governing verbs.
 */
#include "ev_int.h"
#include "../dict/dict.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

int ev_view_build(ev_view *v, tac_doc *d) {
    size_t n = d->tokens.n;
    v->d = d;
    v->n = n;
    if (n == 0) return 0;
    v->fc = ar_alloc(&d->ar, n * sizeof *v->fc);
    v->ns = ar_alloc(&d->ar, n * sizeof *v->ns);
    v->tok2m = ar_alloc(&d->ar, n * sizeof *v->tok2m);
    v->fold = ar_alloc(&d->ar, n * sizeof *v->fold);
    int *last = ar_alloc(&d->ar, n * sizeof *last);
    if (!v->fc || !v->ns || !v->tok2m || !v->fold || !last) return -1;
    for (size_t i = 0; i < n; i++) v->fc[i] = v->ns[i] = v->tok2m[i] = last[i] = -1;
    /* children in token order: append each token to its head's list */
    for (size_t i = 0; i < n; i++) {
        int h = d->head ? d->head[i] : -1;
        if (h < 0 || (size_t)h >= n) continue;
        if (last[h] < 0) v->fc[h] = (int)i;
        else v->ns[last[h]] = (int)i;
        last[h] = (int)i;
    }
    for (size_t m = 0; m < d->mentions.n; m++) {
        const mn_mention *mm = &d->mentions.v[m];
        for (uint32_t t = mm->first; t < mm->last && t < n; t++)
            if (v->tok2m[t] < 0) v->tok2m[t] = (int)m;
    }
    for (size_t i = 0; i < n; i++) {
        const tk_token *t = &d->tokens.v[i];
        size_t len = t->end - t->start, cap = 2 * len + 1;
        char *f = ar_alloc(&d->ar, cap);
        if (!f) return -1;
        if (dict_fold(d->norm.data + t->start, len, f, cap)) {
            memcpy(f, d->norm.data + t->start, len);
            f[len] = 0;
        }
        v->fold[i] = f;
    }
    return 0;
}

void ev_tracef(const ev_view *v, const char *fmt, ...) {
    if (!v->trace) return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    v->trace(v->tctx, line);
}

/* Relations are compared very often: the first byte settles most
 * comparisons before a string function is called. */
int ev_rel(const ev_view *v, int t, const char *rel) {
    const char *r = v->d->deprel ? v->d->deprel[t] : NULL;
    return r && r[0] == rel[0] && strcmp(r, rel) == 0;
}

int ev_rel_base(const ev_view *v, int t, const char *rel) {
    const char *r = v->d->deprel ? v->d->deprel[t] : NULL;
    if (!r || r[0] != rel[0]) return 0;
    size_t i = 1;
    while (rel[i] && r[i] == rel[i]) i++;
    return rel[i] == 0 && (r[i] == 0 || r[i] == ':');
}

const char *ev_lemma(const ev_view *v, int t) {
    return v->d->lemma && v->d->lemma[t] ? v->d->lemma[t] : v->fold[t];
}

int ev_lemma_is(const ev_view *v, int t, const char *w) {
    return strcasecmp(ev_lemma(v, t), w) == 0 || strcmp(v->fold[t], w) == 0;
}

int ev_child(const ev_view *v, int t, const char *rel) {
    for (int c = v->fc[t]; c >= 0; c = v->ns[c])
        if (ev_rel_base(v, c, rel)) return c;
    return -1;
}

int ev_case(const ev_view *v, int t) {
    for (int c = v->fc[t]; c >= 0; c = v->ns[c])
        if (ev_rel_base(v, c, "case") || ev_rel_base(v, c, "mark")) return c;
    return -1;
}

int ev_in_subtree(const ev_view *v, int t, int a) {
    for (int k = 0; t >= 0 && k < 512; k++) {
        if (t == a) return 1;
        t = v->d->head[t];
    }
    return 0;
}

static int coded(const ev_view *v, int m) {
    return m >= 0 && v->d->mentions.v[m].code != NULL;
}

/* Subtrees the actor of a nominal never comes from: clauses attached to
 * it, its conjuncts (their own events) and loose material. */
static int foreign_rel(const ev_view *v, int c) {
    return ev_rel_base(v, c, "acl") || ev_rel_base(v, c, "conj") || ev_rel_base(v, c, "parataxis") ||
           ev_rel_base(v, c, "punct") || ev_rel_base(v, c, "cc") || ev_rel_base(v, c, "appos") ||
           ev_rel_base(v, c, "advcl") || ev_rel_base(v, c, "ccomp");
}

/* Breadth-first: the nearest coded mention under t (shallow ones win, so
 * "the leader of Iraq" finds Iraq but "Iraq's attacks on Syria" finds Iraq
 * before Syria only when Iraq is shallower). */
int ev_actor_of(const ev_view *v, int t) {
    if (t < 0) return -1;
    if (coded(v, v->tok2m[t])) return v->tok2m[t];
    int q[64], qn = 0, qi = 0;
    q[qn++] = t;
    while (qi < qn) {
        int x = q[qi++];
        for (int c = v->fc[x]; c >= 0; c = v->ns[c]) {
            if (foreign_rel(v, c)) continue;
            /* "their populations" are not the country "their" stands for */
            if (ev_rel(v, c, "nmod:poss") && v->d->upos && v->d->upos[c] &&
                strcmp(v->d->upos[c], "PRON") == 0)
                continue;
            if (coded(v, v->tok2m[c])) return v->tok2m[c];
            if (qn < 64) q[qn++] = c;
        }
    }
    return -1;
}

static int in_list(const char *w, const char *const *list) {
    for (; *list; list++)
        if (strcasecmp(w, *list) == 0) return 1;
    return 0;
}

static const char *const neg_words[] = {"not", "never", "n't", "no", "neither", "nor", NULL};
static const char *const neg_verbs[] = {"refuse", "deny", "decline", "fail", "reject", "rule", NULL};
static const char *const hyp_aux[] = {"may", "might", "could", "would", "should", "can", "must", NULL};
static const char *const hyp_mark[] = {"if", "whether", "unless", NULL};
static const char *const hyp_verbs[] = {"threaten", "consider", "propose", "suggest", "offer",
                                        "hope", "want", "seek", "try", "attempt", "ask", "urge",
                                        "demand", "call", NULL};
static const char *const fut_aux[] = {"will", "shall", "'ll", NULL};
static const char *const fut_verbs[] = {"plan", "intend", "aim", "expect", "prepare", "schedule",
                                        "vow", "pledge", "promise", "go", NULL};
static const char *const speech_verbs[] = {
    "say", "tell", "add", "warn", "state", "announce", "claim", "report", "note", "explain",
    "stress", "insist", "accuse", "confirm", "allege", "declare", "assert", "argue", "write",
    "mention", "illustrate", "believe", "think", "indicate", "reveal", "acknowledge", NULL};

/* verbs whose "of"/"for" clause is an allegation: "accused the RSF of
 * killing civilians" reports a killing, it does not assert one */
static const char *const accuse_verbs[] = {"accuse", "blame", "charge", "suspect", "allege",
                                           "condemn", "denounce", "criticize", "criticise", NULL};

int ev_is_speech(const ev_view *v, int t) { return in_list(ev_lemma(v, t), speech_verbs); }

/* Modality t's own dependents express: negation first, then
 * conditionals and modal auxiliaries, then future auxiliaries. */
static ev_modality own_modality(const ev_view *v, int t) {
    int hyp = 0, fut = 0;
    for (int c = v->fc[t]; c >= 0; c = v->ns[c]) {
        const char *w = v->fold[c];
        if ((ev_rel_base(v, c, "advmod") || ev_rel_base(v, c, "neg") || ev_rel_base(v, c, "det")) &&
            in_list(w, neg_words))
            return EV_NEGATED;
        if (ev_rel_base(v, c, "aux") && in_list(w, hyp_aux)) hyp = 1;
        if (ev_rel_base(v, c, "mark") && in_list(w, hyp_mark)) hyp = 1;
        if (ev_rel_base(v, c, "aux") && in_list(w, fut_aux)) fut = 1;
    }
    return hyp ? EV_HYPOTHETICAL : fut ? EV_FUTURE : EV_ASSERTED;
}

/* What governing verb h makes of an event in its xcomp/ccomp/advcl t:
 * "refused to" negates, "threatened to" makes it hypothetical, "plans to"
 * future, a speech verb reported; h's own negation carries down into an
 * xcomp ("not intending to withdraw"). Returns -1 when h says nothing. */
static int governed(const ev_view *v, int t, int h) {
    int xcomp = ev_rel_base(v, t, "xcomp");
    ev_modality hm = own_modality(v, h);
    if (xcomp && hm == EV_NEGATED) return EV_NEGATED;
    if (xcomp && in_list(ev_lemma(v, h), neg_verbs)) return EV_NEGATED;
    if (xcomp && in_list(ev_lemma(v, h), hyp_verbs)) return EV_HYPOTHETICAL;
    if (xcomp && in_list(ev_lemma(v, h), fut_verbs)) return EV_FUTURE;
    if (xcomp && (hm == EV_HYPOTHETICAL || hm == EV_FUTURE)) return (int)hm;
    if (ev_rel_base(v, t, "ccomp") && in_list(ev_lemma(v, h), neg_verbs)) return EV_NEGATED;
    if ((ev_rel_base(v, t, "ccomp") || ev_rel_base(v, t, "parataxis")) &&
        in_list(ev_lemma(v, h), speech_verbs))
        return EV_REPORTED;
    if ((ev_rel_base(v, t, "advcl") || ev_rel_base(v, t, "acl")) &&
        in_list(ev_lemma(v, h), accuse_verbs)) {
        for (int c = v->fc[t]; c >= 0; c = v->ns[c])
            if ((ev_rel_base(v, c, "mark") || ev_rel_base(v, c, "case")) &&
                (!strcmp(v->fold[c], "of") || !strcmp(v->fold[c], "for")))
                return EV_REPORTED;
    }
    return -1;
}

/* Strength order: a negated or hypothetical reading wins over a future
 * or reported one, which wins over asserted. */
static int rank(ev_modality m) {
    return m == EV_NEGATED ? 4 : m == EV_HYPOTHETICAL ? 3 : m == EV_FUTURE ? 2
         : m == EV_REPORTED ? 1 : 0;
}

/* 1 when some ancestor of t is the complement of a speech verb ("Hussein
 * said that Iraq is the one that determines ..."). */
static int reported_anywhere(const ev_view *v, int t) {
    for (int depth = 0; depth < 12; depth++) {
        int h = v->d->head[t];
        if (h < 0) return 0;
        if ((ev_rel_base(v, t, "ccomp") || ev_rel_base(v, t, "parataxis")) &&
            in_list(ev_lemma(v, h), speech_verbs))
            return 1;
        t = h;
    }
    return 0;
}

static int is_upos(const ev_view *v, int t, const char *u) {
    return v->d->upos && v->d->upos[t] && v->d->upos[t][0] == u[0] && strcmp(v->d->upos[t], u) == 0;
}

ev_modality ev_modality_of(const ev_view *v, int t) {
    /* a nominal trigger takes the modality of the verb it hangs on
     * ("demands ... have gathered", "would not accept any attack") */
    if (!is_upos(v, t, "VERB")) {
        int x = t;
        for (int depth = 0; depth < 4; depth++) {
            int h = v->d->head[x];
            if (h < 0 || !(ev_rel_base(v, x, "nsubj") || ev_rel_base(v, x, "obj") ||
                           ev_rel_base(v, x, "obl") || ev_rel_base(v, x, "nmod") ||
                           ev_rel_base(v, x, "iobj")))
                break;
            if (is_upos(v, h, "VERB")) return ev_modality_of(v, h);
            x = h;
        }
        return own_modality(v, t);
    }
    ev_modality best = own_modality(v, t);
    /* "accused the RSF of killing": the clause hangs on the accused */
    int hn = v->d->head[t];
    if (best == EV_ASSERTED && hn >= 0 && ev_rel_base(v, t, "acl") && ev_rel_base(v, hn, "obj") &&
        v->d->head[hn] >= 0 && governed(v, t, v->d->head[hn]) == EV_REPORTED)
        return EV_REPORTED;
    int x = t;
    for (int depth = 0; depth < 6 && best != EV_NEGATED; depth++) {
        int h = v->d->head[x];
        if (h < 0) break;
        int m = -1;
        if (ev_rel_base(v, x, "conj")) {
            /* a conjunct shares the auxiliaries of the first conjunct */
            if (own_modality(v, x) == EV_ASSERTED) m = own_modality(v, h);
        } else if (ev_rel_base(v, x, "xcomp") || ev_rel_base(v, x, "ccomp") ||
                   ev_rel_base(v, x, "parataxis") || ev_rel_base(v, x, "advcl")) {
            m = governed(v, x, h);
        } else {
            break;  /* relative clauses and the like are events of their own */
        }
        if (m >= 0 && rank((ev_modality)m) > rank(best)) best = (ev_modality)m;
        x = h;
    }
    if (best == EV_ASSERTED && reported_anywhere(v, t)) best = EV_REPORTED;
    return best;
}
