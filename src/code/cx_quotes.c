/*
 * cx_quotes.c - quotes: text between quotation marks (one item per quoted
 * stretch; a paragraph left open continues in the next), the clause a
 * reporting verb governs ("Hussein said that Iraq ..."), and the claim of
 * "according to X"; each with its reporting verb and its speaker, the
 * mention that names the speaker after coreference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cx_int.h"

/* Verbs that introduce a direct quote but report no clause ("She
 * continued: "..."", "cited examples ...: "...""). */
static const char *const quote_only[] = {"cite", "continue", "quote", NULL};

/* Reporting verbs (lemmas). Cognition verbs that report a stance ("believe",
 * "find") are in; hedged or non-verbal ones ("suggest", "show", "estimate",
 * "ask", "reveal") are not. */
static const char *const speech[] = {
    "acknowledge", "add", "admit", "allege", "announce", "argue", "assert", "believe",
    "call", "caution", "characterise", "characterize", "claim", "comment", "complain", "concede",
    "conclude", "confirm", "declare", "deny", "describe", "disclose", "dub", "emphasise",
    "emphasize", "explain", "find", "illustrate", "insist", "maintain", "mention", "note",
    "observe", "predict", "promise", "read", "reason", "recall", "recommend", "reply",
    "report", "respond",
    "say", "state", "stress", "tell", "testify", "theorise",
    "theorize", "threaten", "tweet", "vow", "warn", "write", NULL};

static int in_list(const char *w, const char *const *list) {
    for (; *list; list++)
        if (strcmp(w, *list) == 0) return 1;
    return 0;
}

/* Lemma of token i: the tagger's, else a crude one from the word form
 * (so the rules still run without models). w has CX_WORD bytes. */
static const char *lemma_of(const tac_doc *d, size_t i, char *w) {
    const char *l = cx_lemma(d, i);
    if (l) return l;
    size_t n = cx_word(d, i, w);
    static const char *const irregular[][2] = {
        {"said", "say"}, {"says", "say"}, {"told", "tell"}, {"tells", "tell"},
        {"wrote", "write"}, {"writes", "write"}, {"found", "find"}, {"finds", "find"}};
    for (size_t k = 0; k < sizeof irregular / sizeof *irregular; k++)
        if (n && strcmp(w, irregular[k][0]) == 0) return irregular[k][1];
    if (n > 4 && strcmp(w + n - 3, "ied") == 0) strcpy(w + n - 3, "y");
    else if (n > 3 && strcmp(w + n - 2, "ed") == 0) w[n - 2] = 0;
    else if (n > 3 && w[n - 1] == 's') w[n - 1] = 0;
    return w;
}

static int is_speech(const tac_doc *d, size_t i) {
    char w[CX_WORD];
    if (d->upos && !cx_upos(d, i, "VERB")) return 0;
    const char *l = lemma_of(d, i, w);
    if (in_list(l, speech)) return 1;
    /* without lemmas the form may be "noted" -> "not", "described" -> "describ" */
    if (!cx_lemma(d, i) && strlen(l) > 3) {
        char e[CX_WORD + 1];
        snprintf(e, sizeof e, "%se", l);
        return in_list(e, speech);
    }
    return 0;
}

static int is_mark(const tac_doc *d, size_t i) {
    const tk_token *t = &d->tokens.v[i];
    size_t n = t->end - t->start;
    const char *s = d->norm.data + t->start;
    return (n == 1 && s[0] == '"') || (n == 2 && (!memcmp(s, "\xc2\xab", 2) || !memcmp(s, "\xc2\xbb", 2)));
}

/* 1 when a line break separates token i from token i + 1. */
static int para_break(const tac_doc *d, size_t i) {
    if (i + 1 >= d->tokens.n) return 1;
    for (size_t b = d->tokens.v[i].end; b < d->tokens.v[i + 1].start; b++)
        if (d->norm.data[b] == '\n') return 1;
    return 0;
}

static int word_count(const tac_doc *d, size_t t0, size_t t1) {
    int n = 0;
    for (size_t i = t0; i < t1; i++) {
        unsigned char ch = (unsigned char)d->norm.data[d->tokens.v[i].start];
        n += (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
             ch >= 0x80;
    }
    return n;
}

static int is_punct(const tac_doc *d, size_t i) {
    unsigned char ch = (unsigned char)d->norm.data[d->tokens.v[i].start];
    return d->tokens.v[i].end - d->tokens.v[i].start == 1 && (ch == ',' || ch == ':' ||
           ch == ';' || ch == '-' || ch == '(' || ch == ')' || ch == '"' || ch == '.');
}

/* 1 when tokens [a, z) hold a verb or an auxiliary. */
static int has_verb(const tac_doc *d, size_t a, size_t z) {
    for (size_t i = a; i < z; i++)
        if (cx_upos(d, i, "VERB") || cx_upos(d, i, "AUX")) return 1;
    return 0;
}

/* Subtree of token t within its sentence: [*lo, *hi). */
static void subtree(const tac_doc *d, size_t t, size_t *lo, size_t *hi) {
    uint32_t s = d->tokens.v[t].sentence;
    *lo = t;
    *hi = t + 1;
    size_t a = t, z = t;
    while (a > 0 && d->tokens.v[a - 1].sentence == s) a--;
    while (z + 1 < d->tokens.n && d->tokens.v[z + 1].sentence == s) z++;
    for (size_t i = a; i <= z; i++) {
        size_t k = i;
        for (int guard = 0; guard < 64 && d->head[k] >= 0 && k != t; guard++) k = (size_t)d->head[k];
        if (k != t) continue;
        if (i < *lo) *lo = i;
        if (i + 1 > *hi) *hi = i + 1;
    }
}

/* The child of v with relation rel, or -1. */
static int child(const tac_doc *d, size_t v, const char *rel) {
    uint32_t s = d->tokens.v[v].sentence;
    for (size_t i = v; i-- > 0 && d->tokens.v[i].sentence == s;)
        if (d->head[i] == (int)v && cx_deprel(d, i, rel)) return (int)i;
    for (size_t i = v + 1; i < d->tokens.n && d->tokens.v[i].sentence == s; i++)
        if (d->head[i] == (int)v && cx_deprel(d, i, rel)) return (int)i;
    return -1;
}

/* The first child of v with relation rel after v, or -1 (a complement
 * before its verb is the "..., he said" pattern, not a clause it governs). */
static int child_after(const tac_doc *d, size_t v, const char *rel) {
    uint32_t s = d->tokens.v[v].sentence;
    for (size_t i = v + 1; i < d->tokens.n && d->tokens.v[i].sentence == s; i++)
        if (d->head[i] == (int)v && cx_deprel(d, i, rel)) return (int)i;
    return -1;
}

/* The dependent of v whose subtree holds token i (i itself or an
 * ancestor of it whose head is v), or -1. */
static int branch_of(const tac_doc *d, size_t v, size_t i) {
    for (int guard = 0; guard < 64 && d->head[i] >= 0; guard++) {
        if (d->head[i] == (int)v) return (int)i;
        i = (size_t)d->head[i];
    }
    return -1;
}

/* Follows coreference from mention m to the mention that names the actor. */
static int named(const tac_doc *d, int m) {
    for (int guard = 0; m >= 0 && guard < 32 && d->mentions.v[m].antecedent >= 0; guard++) {
        const mn_mention *x = &d->mentions.v[m];
        /* a full personal name names its actor already (coreference may
         * link "Mohamed El-Hassan Mohamed" to another Mohamed) */
        if (x->ner && strcmp(x->ner, "PER") == 0 && x->last - x->first >= 2) break;
        m = x->antecedent;
    }
    return m;
}

/* 1 when token i belongs to the phrase of k itself, not to a phrase
 * under a preposition or a possessive inside it ("Posts on the message
 * board for the Scientology-critic site", "the wife of X"). Without a
 * tree every token does. */
static int in_phrase(const tac_doc *d, size_t i, size_t k) {
    if (!d->head) return 1;
    for (int guard = 0; guard < 64 && i != k; guard++) {
        if (cx_deprel(d, i, "nmod") || cx_deprel(d, i, "obl") || cx_deprel(d, i, "acl"))
            return 0;
        if (d->head[i] < 0) return 0;
        i = (size_t)d->head[i];
    }
    return i == k;
}

/* 1 when the person mention mi (of token i, searched from k within lo..)
 * is set off by commas, so it stands beside the head whatever the parser
 * made of it ("The secretary general of CEI, Nunzio Galantino,"), or has a
 * comma before and its verb k right after (", NASA administrator Michael
 * Griffin told", the parser having joined the name to an adverbial before
 * it). */
static int set_off(const tac_doc *d, int mi, size_t i, size_t lo, size_t k) {
    const mn_mention *x = &d->mentions.v[mi];
    uint32_t s = d->tokens.v[i].sentence;
    if (x->first > 0 && cx_is(d, x->first - 1, s, ",") && cx_is(d, x->last, s, ",")) return 1;
    if (!d->head || x->last >= d->tokens.n || d->head[k] != (int)x->last) return 0;
    size_t b = x->first;
    while (b > lo && (cx_upos(d, b - 1, "NOUN") || cx_upos(d, b - 1, "PROPN") ||
                      cx_upos(d, b - 1, "ADJ")) && x->first - b < 4)
        b--;
    return b > 0 && cx_is(d, b - 1, s, ",");
}

/* The person mention nearest token k inside [lo, hi), else -1; with
 * own_phrase, only one in k's own phrase (see in_phrase) or set off
 * beside it (see set_off). */
static int person_near(const tac_doc *d, size_t lo, size_t hi, size_t k, int own_phrase) {
    int best = -1;
    size_t dist = (size_t)-1;
    for (size_t i = lo; i < hi; i++) {
        int mi = cx_mention_at(d, i);
        const char *ne = mi >= 0 ? d->mentions.v[mi].ner : NULL;
        if (!ne || strcmp(ne, "PER") != 0) continue;
        if (own_phrase && !set_off(d, mi, i, lo, k) && !in_phrase(d, i, k)) continue;
        size_t dd = i > k ? i - k : k - i;
        if (dd < dist) dist = dd, best = mi;
    }
    return best;
}

static int person_in(const tac_doc *d, size_t lo, size_t hi, size_t k) {
    return person_near(d, lo, hi, k, 0);
}

static int person_of(const tac_doc *d, size_t lo, size_t hi, size_t k) {
    return person_near(d, lo, hi, k, 1);
}

/* 1 when token k is a pronoun standing for someone: not one with a
 * determiner ("the i", a newspaper) nor one in capitals ("WHO"). */
static int is_pronoun(const tac_doc *d, size_t k) {
    if (!cx_upos(d, k, "PRON")) return 0;
    const tk_token *t = &d->tokens.v[k];
    int caps = t->end - t->start >= 2;
    for (size_t b = t->start; b < t->end && caps; b++)
        caps = d->norm.data[b] >= 'A' && d->norm.data[b] <= 'Z';
    char w[CX_WORD];
    int article = k > 0 && d->tokens.v[k - 1].sentence == t->sentence && cx_word(d, k - 1, w) &&
                  (!strcmp(w, "the") || !strcmp(w, "a") || !strcmp(w, "an"));
    return !caps && !article;
}

/* The subject of verb v: of several ("Kiara Perkins, a second year USI
 * art major, admitted", "Labour's Shadow Home Secretary Yvette Cooper"
 * parsed with two), the first holding a person's name, else the nearest
 * to the verb; -1. */
static int subject_of(const tac_doc *d, size_t v) {
    uint32_t s = d->tokens.v[v].sentence;
    int near = -1;
    size_t a = v;
    while (a > 0 && d->tokens.v[a - 1].sentence == s) a--;
    for (size_t i = a; i < d->tokens.n && d->tokens.v[i].sentence == s; i++) {
        if (d->head[i] != (int)v || !cx_deprel(d, i, "nsubj")) continue;
        size_t lo, hi;
        subtree(d, i, &lo, &hi);
        if (person_of(d, lo, hi, i) >= 0) return (int)i;
        for (size_t j = lo; j < hi; j++)
            if (cx_ner(d, j) && !strcmp(cx_ner(d, j), "PER") && in_phrase(d, j, i)) return (int)i;
        if (near < 0 || i < v) near = (int)i;
    }
    return near;
}

/* The latest person mention before token t within three sentences. */
static int person_before(const tac_doc *d, size_t t) {
    uint32_t s = d->tokens.v[t].sentence;
    int best = -1;
    for (size_t k = 0; k < d->mentions.n; k++) {
        const mn_mention *m = &d->mentions.v[k];
        if (m->first >= t || m->sentence + 3 < s || !m->ner || strcmp(m->ner, "PER")) continue;
        if (best < 0 || m->first > d->mentions.v[best].first) best = (int)k;
    }
    return best;
}

/* The latest mention of an organization, group or country before token t
 * within three sentences (not a person), or -1. */
static int group_before(const tac_doc *d, size_t t) {
    uint32_t s = d->tokens.v[t].sentence;
    int best = -1;
    for (size_t k = 0; k < d->mentions.n; k++) {
        const mn_mention *m = &d->mentions.v[k];
        if (m->first >= t || m->sentence + 3 < s || (m->ner && strcmp(m->ner, "PER") == 0))
            continue;
        if (!(m->ner && strcmp(m->ner, "ORG") == 0) && !(m->how & MN_ACTOR)) continue;
        if (best < 0 || m->first > d->mentions.v[best].first) best = (int)k;
    }
    return best;
}

/* inside[i]: token i lies in a direct quote (marks included) */
typedef struct qstate {
    unsigned char *inside;
} qstate;

/* Fills the speaker of q from subject token k (a mention, else its phrase);
 * returns 1 when one was found. */
/* For a he/she at token k: the subject of the previous sentence's main
 * verb when it is a person's mention or a bare proper name, or -1. */
static int prev_subject(const tac_doc *d, size_t k) {
    char w[CX_WORD];
    if (!d->head || !cx_word(d, k, w) || (strcmp(w, "he") && strcmp(w, "she"))) return -1;
    uint32_t s = d->tokens.v[k].sentence;
    if (s == 0) return -1;
    size_t i = k;
    while (i > 0 && d->tokens.v[i - 1].sentence == s) i--;
    for (size_t j = i; j-- > 0 && d->tokens.v[j].sentence == s - 1;) {
        if (d->head[j] < 0 || d->head[d->head[j]] >= 0 || !cx_deprel(d, j, "nsubj")) continue;
        /* of several subjects the one with a person; a person in its
         * phrase ("Labour's Shadow Home Secretary Yvette Cooper said") */
        j = (size_t)subject_of(d, (size_t)d->head[j]);
        size_t lo, hi;
        subtree(d, j, &lo, &hi);
        int pm = person_of(d, lo, hi, j);
        if (pm >= 0) return (int)d->mentions.v[pm].first;
        int m = cx_mention_at(d, j);
        const char *ne = m >= 0 ? d->mentions.v[m].ner : NULL;
        if (ne && !strcmp(ne, "PER")) return (int)j;
        /* a name the NER model missed ("Rathbun requested ...") */
        return m < 0 && cx_upos(d, j, "PROPN") && !cx_ner(d, j) ? (int)j : -1;
    }
    return -1;
}

static int speaker_from(const tac_doc *d, cx_quote *q, int k) {
    if (k < 0) return 0;
    size_t lo = (size_t)k, hi = (size_t)k + 1;
    if (d->head) {
        /* "the post by an unknown author": the author speaks */
        int by = cx_upos(d, (size_t)k, "NOUN") ? child_after(d, (size_t)k, "nmod") : -1;
        int c = by >= 0 ? child(d, (size_t)by, "case") : -1;
        if (c >= 0 && cx_is(d, (size_t)c, d->tokens.v[c].sentence, "by")) k = by;
        subtree(d, (size_t)k, &lo, &hi);
        if (c >= 0 && k == by) lo = (size_t)c + 1;
    }
    /* "Malaysia's Prime Minister, Najib Razak": the person in the subject */
    int m = person_of(d, lo, hi, (size_t)k);
    if (m < 0) {
        /* a name the tagger saw but no mention holds ("Ambassador Mohib") */
        for (size_t i = lo; i < hi; i++) {
            const char *ne = cx_ner(d, i);
            if (!ne || strcmp(ne, "PER") != 0 || !in_phrase(d, i, (size_t)k)) continue;
            size_t e = i + 1;
            while (e < hi && cx_ner(d, e) && strcmp(cx_ner(d, e), "PER") == 0 &&
                   d->ner[e][0] == 'I')
                e++;
            q->stok0 = (uint32_t)i;
            q->stok1 = (uint32_t)e;
            return 1;
        }
        m = cx_mention_at(d, (size_t)k);
        /* a bare role ("Ambassador" of "Ambassador Mohib", no name known to
         * the dictionaries): the subject's whole phrase names the speaker */
        if (m >= 0 && !(d->mentions.v[m].how & (MN_ACTOR | MN_NER | MN_COREF))) {
            const mn_mention *x = &d->mentions.v[m];
            for (size_t i = lo; i < hi; i++)
                if ((i < x->first || i >= x->last) && cx_upos(d, i, "PROPN")) {
                    while (lo < hi && is_punct(d, lo)) lo++;
                    while (hi > lo && is_punct(d, hi - 1)) hi--;
                    q->stok0 = (uint32_t)lo;
                    q->stok1 = (uint32_t)hi;
                    return 1;
                }
        }
    }
    if (is_pronoun(d, (size_t)k)) {
        /* "Rathbun requested ... He described": a he/she that opens its
         * clause is most often the previous sentence's subject */
        int p = prev_subject(d, (size_t)k);
        if (p >= 0 && cx_mention_at(d, (size_t)p) >= 0) {
            q->speaker = named(d, cx_mention_at(d, (size_t)p));
            return 1;
        } else if (p >= 0) {
            size_t a = (size_t)p, z = (size_t)p + 1;
            while (a > 0 && d->head[a - 1] == p && cx_upos(d, a - 1, "PROPN")) a--;
            while (z < d->tokens.n && d->head[z] == p && cx_upos(d, z, "PROPN")) z++;
            q->stok0 = (uint32_t)a;
            q->stok1 = (uint32_t)z;
            return 1;
        }
        /* else the previous quote's speaker, then coreference: decided
         * once the quotes are in order */
        q->pronoun = k;
        return 0;
    }
    if (m >= 0 && d->head) {
        /* "Both the Irving Independent School District and the Irving
         * Police Department asserted": the first of coordinated subjects,
         * also when one mention runs over both */
        const mn_mention *x = &d->mentions.v[m];
        int cj = child_after(d, (size_t)k, "conj");
        if (cj >= 0 && (size_t)cj < x->last && !(x->ner && !strcmp(x->ner, "PER"))) {
            size_t a, z;
            subtree(d, (size_t)cj, &a, &z);
            while (lo < (size_t)k && (cx_upos(d, lo, "CCONJ") || cx_upos(d, lo, "DET") ||
                                      is_punct(d, lo)))
                lo++;
            while (a > (size_t)k + 1 && (is_punct(d, a - 1) || cx_upos(d, a - 1, "CCONJ"))) a--;
            q->stok0 = (uint32_t)lo;
            q->stok1 = (uint32_t)a;
            return 1;
        }
    }
    if (m >= 0) {
        q->speaker = named(d, m);
        return 1;
    }
    if (is_pronoun(d, (size_t)k)) {
        q->pronoun = k; /* resolved after the quotes are in order */
        return 0; /* unresolved: inherit later */
    }
    /* no mention: the subject's phrase when short ("other sites such as
     * Gawker.com"), else its head noun with what precedes it ("Posts",
     * "a recent poll", "PC World's recent analysis") */
    while (lo < (size_t)k && is_punct(d, lo)) lo++;
    while (hi > (size_t)k + 1 && is_punct(d, hi - 1)) hi--;
    /* its article, when the parser hung it elsewhere ("the i reporting") */
    if (lo == (size_t)k && lo > 0 && d->tokens.v[lo - 1].sentence == d->tokens.v[lo].sentence &&
        cx_upos(d, lo - 1, "DET") && !is_pronoun(d, (size_t)k) && cx_upos(d, (size_t)k, "PRON"))
        lo--;
    /* a name first: "Kiara Perkins, a second year USI art major," */
    size_t e = lo;
    while (e < hi && cx_upos(d, e, "PROPN")) e++;
    if (e > lo + 1 && e < hi && is_punct(d, e)) {
        q->stok0 = (uint32_t)lo;
        q->stok1 = (uint32_t)e;
        return 1;
    }
    q->stok0 = (uint32_t)lo;
    q->stok1 = hi - lo <= 6 ? (uint32_t)hi : (uint32_t)k + 1;
    return 1;
}

/* The capitalized name right before verb v, after at most a comma ("the
 * minister, Abdul Amir al-Shammari, told"): [*a, *e); 0 when none. */
static int name_before(const tac_doc *d, const qstate *st, size_t v, size_t *a, size_t *e) {
    uint32_t s = d->tokens.v[v].sentence;
    size_t end = v, i;
    if (end > 0 && cx_is(d, end - 1, s, ",")) end--;
    for (i = end; i > 0 && cx_in(d, i - 1, s) && !st->inside[i - 1]; i--) {
        size_t k = i - 1;
        int hyphen = cx_is(d, k, s, "-") || cx_is(d, k + 1, s, "-");
        if (!cx_cap(d, k) && !(hyphen && k + 1 < end)) break;
    }
    while (i < end && cx_is(d, i, s, "-")) i++;
    *a = i;
    *e = end;
    return i < end;
}

/* Speaker of reporting verb v: its subject in the tree, else the nearest
 * mention (after v when it follows the quote: "said KCNA"; else before). */
static void speaker_of_verb(const tac_doc *d, const qstate *st, cx_quote *q, size_t v, int after) {
    int k = d->head ? subject_of(d, v) : -1;
    /* "One poster admitted ..., writing "...": the subject of the verb
     * the participle hangs from */
    if (k < 0 && d->head && d->head[v] >= 0 &&
        (cx_deprel(d, v, "advcl") || cx_deprel(d, v, "xcomp") || cx_deprel(d, v, "conj")))
        k = subject_of(d, (size_t)d->head[v]);
    /* "The city reasoned, ..." parsed as a clause on "city"; but a
     * participle on a noun that is no subject ("admitted to being a part
     * of the effort, writing") takes the subject of the verb above */
    if (k < 0 && d->head && d->head[v] >= 0 && cx_deprel(d, v, "acl") && d->head[v] < (int)v) {
        size_t h = (size_t)d->head[v];
        if (d->head[h] < 0 || cx_deprel(d, h, "nsubj")) k = (int)h;
        for (int up = 0; k < 0 && up < 4 && d->head[h] >= 0; up++) {
            h = (size_t)d->head[h];
            k = subject_of(d, h);
        }
    }
    /* a reporting verb the tagger took for a noun ("with one poster
     * writing "..."", "The report states that"): the noun before it */
    if (k < 0 && d->head && cx_upos(d, v, "NOUN") && v > 0 && d->head[v - 1] == (int)v &&
        (cx_upos(d, v - 1, "NOUN") || cx_upos(d, v - 1, "PROPN")))
        k = (int)v - 1;
    if (k >= 0 && st->inside[k]) k = -1;
    if (speaker_from(d, q, k)) return;
    if (k >= 0 && is_pronoun(d, (size_t)k)) return;
    uint32_t s = d->tokens.v[v].sentence;
    /* after a quote the speaker stands between it and the verb ("...," the
     * minister told Reuters) or right after the verb ("said KCNA"), never
     * the listener */
    if (after) {
        size_t na, ne;
        /* without models a name the dictionaries lack is no mention */
        if (!d->ner && name_before(d, st, v, &na, &ne) && cx_mention_at(d, na) < 0) {
            q->stok0 = (uint32_t)na;
            q->stok1 = (uint32_t)ne;
            return;
        }
        for (size_t i = v; i-- > 0 && cx_in(d, i, s) && !st->inside[i];)
            if (cx_mention_at(d, i) >= 0) {
                speaker_from(d, q, (int)i);
                return;
            }
        char w[CX_WORD];
        int tell = strcmp(lemma_of(d, v, w), "tell") == 0;
        for (size_t i = v + 1; !tell && cx_in(d, i, s) && !st->inside[i]; i++)
            if (cx_mention_at(d, i) >= 0) {
                speaker_from(d, q, (int)i);
                return;
            }
        /* "..., said the post by an unknown author": the subject after the
         * verb, parsed as its object */
        int o = !tell && d->head ? child_after(d, v, "obj") : -1;
        if (o >= 0 && (size_t)o <= v + 3 && !st->inside[o] && speaker_from(d, q, o)) return;
    }
    /* no subject in the tree: the nearest person named before the verb,
     * else the nearest mention ("Matthew Ingram of The Globe and Mail
     * dubbed") */
    int near = -1, person = -1;
    for (size_t i = v; i-- > 0 && cx_in(d, i, s) && !st->inside[i];) {
        int m = cx_mention_at(d, i);
        if (m < 0) continue;
        if (near < 0) near = (int)i;
        const char *ne = d->mentions.v[m].ner;
        if (ne && !strcmp(ne, "PER")) {
            person = (int)i;
            break;
        }
    }
    if (person >= 0 || near >= 0) {
        speaker_from(d, q, person >= 0 ? person : near);
        return;
    }
    /* no mention (no models): the capitalized words next to the verb,
     * "Hussein explained", "said KCNA" */
    size_t a, e;
    char w[CX_WORD];
    if (name_before(d, st, v, &a, &e)) {
        q->stok0 = (uint32_t)a;
        q->stok1 = (uint32_t)e;
        return;
    }
    size_t z = v;
    if (after && strcmp(lemma_of(d, v, w), "tell") != 0)
        while (cx_in(d, z + 1, s) && !st->inside[z + 1] && cx_cap(d, z + 1)) z++;
    if (z > v) q->stok0 = (uint32_t)v + 1, q->stok1 = (uint32_t)z + 1;
}

/* The verb's text: "told Reuters" takes the listener that follows. */
static uint32_t verb_end(const tac_doc *d, size_t v) {
    char w[CX_WORD];
    if (!d->head || strcmp(lemma_of(d, v, w), "tell") != 0) return (uint32_t)v + 1;
    int o = child(d, v, "obj");
    if (o < 0) o = child(d, v, "iobj");
    if (o < 0 || (size_t)o <= v) return (uint32_t)v + 1;
    size_t lo, hi;
    subtree(d, (size_t)o, &lo, &hi);
    return lo == v + 1 && hi - lo <= 5 ? (uint32_t)hi : (uint32_t)v + 1;
}

/* 1 when token i is the -ing form of a reporting verb ("writing",
 * "saying", "stating", "adding"), whatever its tag. */
static int ing_speech(const tac_doc *d, size_t i) {
    char w[CX_WORD + 2];
    size_t n = cx_word(d, i, w);
    if (n < 6 || strcmp(w + n - 3, "ing")) return 0;
    w[n - 3] = 0;
    if (in_list(w, speech)) return 1;
    strcat(w, "e"); /* writ -> write */
    if (in_list(w, speech)) return 1;
    w[n - 3] = 0;
    if (n >= 7 && w[n - 4] == w[n - 5]) { /* admitting -> admit */
        w[n - 4] = 0;
        return in_list(w, speech);
    }
    return 0;
}

/* A reporting verb for the direct quote [o, c] (marks): after it in the
 * sentence ("...," he added), else before it ("X said, "..."), in the same
 * sentence or in the previous one ending with ':' or ','. -1 when none. */
static int verb_for(const tac_doc *d, const qstate *st, size_t o, size_t c, int *after) {
    uint32_t s = d->tokens.v[c].sentence;
    *after = 1;
    for (size_t i = c + 1; cx_in(d, i, s) && !is_mark(d, i) && i <= c + 25; i++)
        if (!st->inside[i] && is_speech(d, i)) return (int)i;
    *after = 0;
    s = d->tokens.v[o].sentence;
    size_t i = o;
    if (o > 0 && d->tokens.v[o - 1].sentence != s) {
        char ch = d->norm.data[d->tokens.v[o - 1].start];
        if (ch != ':' && ch != ',') return -1;
        s = d->tokens.v[o - 1].sentence;
    }
    for (; i-- > 0 && cx_in(d, i, s);) {
        if (st->inside[i]) continue;
        if (is_speech(d, i)) return (int)i;
        char lw[CX_WORD];
        if (cx_upos(d, i, "VERB") && in_list(lemma_of(d, i, lw), quote_only)) return (int)i;
        /* "The U.S. Department of Agriculture notes, "..." with "notes"
         * tagged a noun: a reporting form right before the quote; also
         * a participle ("with one poster writing "..."") */
        char w[CX_WORD];
        if (i + 2 >= o && (i + 1 == o || cx_is(d, i + 1, s, ",") || cx_is(d, i + 1, s, ":")) &&
            cx_upos(d, i, "NOUN") && (in_list(lemma_of(d, i, w), speech) || ing_speech(d, i)))
            return (int)i;
    }
    return -1;
}

/* "in the words of X, "..."" / "according to X, "..."": X's mention. */
static int source_before(const tac_doc *d, const qstate *st, size_t o) {
    uint32_t s = d->tokens.v[o].sentence;
    for (size_t i = o; i-- > 0 && cx_in(d, i, s) && !st->inside[i];) {
        if (!((cx_is(d, i, s, "words") && cx_is(d, i + 1, s, "of")) ||
              (cx_is(d, i, s, "according") && cx_is(d, i + 1, s, "to"))))
            continue;
        for (size_t k = i + 2; k < o; k++) {
            int m = cx_mention_at(d, k);
            if (m >= 0) {
                int p = person_in(d, k, o, k);
                return named(d, p >= 0 ? p : m);
            }
        }
    }
    return -1;
}

/* "- Matthew Ingram" / ", Anonymous blogger" right after the closing mark. */
static void byline(const tac_doc *d, cx_quote *q, size_t c) {
    uint32_t s = d->tokens.v[c].sentence;
    size_t i = c + 1;
    if (!cx_in(d, i, s)) {
        if (i >= d->tokens.n) return;
        s = d->tokens.v[i].sentence;
    }
    if (!(cx_is(d, i, s, "-") || cx_is(d, i, s, ","))) return;
    int m = cx_mention_at(d, i + 1);
    if (m >= 0 && d->mentions.v[m].first == i + 1) {
        q->speaker = named(d, m);
        return;
    }
    /* a signature no mention holds ("Anonymous blogger, "..."): up to five
     * words from a capital to the next punctuation or the sentence end */
    size_t e = i + 1;
    if (!cx_in(d, e, s) || !cx_cap(d, e)) return;
    while (cx_in(d, e, s) && !is_punct(d, e) && e <= i + 5) e++;
    if (cx_in(d, e, s) && !is_punct(d, e)) return;
    q->stok0 = (uint32_t)i + 1;
    q->stok1 = (uint32_t)e;
}

/* 1 when the words of [t0, t1) are capitalized but for short function
 * words, with no final stop: a title, not something said. */
static int title_case(const tac_doc *d, size_t t0, size_t t1) {
    static const char *const small[] = {"a", "an", "and", "for", "in", "of", "on", "the", "to",
                                        "vs", NULL};
    char w[CX_WORD];
    if (t1 > t0 && cx_is(d, t1 - 1, d->tokens.v[t1 - 1].sentence, ".")) return 0;
    for (size_t i = t0; i < t1; i++) {
        unsigned char ch = (unsigned char)d->norm.data[d->tokens.v[i].start];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) continue;
        if (ch >= 'a' && ch <= 'z' && !(cx_word(d, i, w) && in_list(w, small))) return 0;
    }
    return 1;
}

static int find_direct(cx_ctx *c, qstate *st) {
    tac_doc *d = c->d;
    long open = -1;
    int carry = 0; /* the previous paragraph ended inside a quote */
    for (size_t i = 0; i < d->tokens.n; i++) {
        if (i == 0 || para_break(d, i - 1)) {
            /* a paragraph that continues an open quote may lack its opening
             * mark: then, when it has marks, the first one closes */
            size_t marks = 0, k = i;
            do marks += (size_t)is_mark(d, k);
            while (!para_break(d, k++));
            if (carry && marks >= 1 && !is_mark(d, i)) open = (long)i - 1;
            carry = 0;
        }
        int mark = is_mark(d, i);
        long o = -1, e = -1; /* content [o+1, e) */
        if (mark && open < 0) open = (long)i;
        else if (mark) o = open, e = (long)i, open = -1;
        if (!mark && open >= 0 && para_break(d, i)) o = open, e = (long)i + 1, open = -1, carry = 1;
        if (o < 0) {
            if (mark && open >= 0 && para_break(d, i)) open = -1; /* a lone mark */
            continue;
        }
        size_t t0 = (size_t)o + 1, t1 = (size_t)e;
        while (t1 > t0 && is_punct(d, t1 - 1) && !cx_is(d, t1 - 1, d->tokens.v[t1 - 1].sentence, "."))
            t1--;
        int words = word_count(d, t0, t1);
        char last = t1 > t0 ? d->norm.data[d->tokens.v[t1 - 1].start] : 0;
        /* scare quotes and titles: "courageous achievement", "Hope" */
        if (words < 4 && !(words >= 2 && (last == '.' || last == '!' || last == '?'))) continue;
        /* a phrase the sentence uses as a name: a "quasi-state of war",
         * Microsoft's "...", named "Better Idea of Afghan Girls", or a title
         * in capitals ("The Internet Explorer 6 Countdown") */
        if (o > 0 && d->tokens.v[o - 1].sentence == d->tokens.v[o].sentence) {
            char w[CX_WORD];
            size_t p = (size_t)o - 1;
            const char *l = lemma_of(d, p, w);
            if (cx_upos(d, p, "DET") || cx_is(d, p, d->tokens.v[p].sentence, "'s") ||
                !strcmp(l, "name") || !strcmp(l, "title") || !strcmp(l, "entitle") ||
                !strcmp(l, "label"))
                continue;
        }
        if (title_case(d, t0, t1)) continue;
        for (size_t k = (size_t)o; k < (size_t)e + (mark ? 1 : 0) && k < d->tokens.n; k++)
            st->inside[k] = 1;
        cx_quote *q = cx_add_quote(c);
        if (!q) return -1;
        q->tok0 = (uint32_t)t0;
        q->tok1 = (uint32_t)t1;
        q->direct = 1;
        q->stok0 = q->stok1 = (uint32_t)mark; /* 1: closed by a mark (reset below) */
        q->vtok1 = (uint32_t)e;               /* the closing mark or the paragraph end */
    }
    return 0;
}

static void attribute_direct(tac_doc *d, const qstate *st, cx_quote *q) {
    size_t o = q->tok0 - 1, cl = q->vtok1;
    int closed = q->stok0 == 1;
    q->stok0 = q->stok1 = 0;
    q->vtok1 = 0;
    int after = 0, v = -1;
    if (closed) v = verb_for(d, st, o, cl, &after);
    else if (o > 0) v = verb_for(d, st, o, o, &after), after = 0;
    if (v >= 0) {
        q->verb = v;
        q->vtok1 = verb_end(d, (size_t)v);
        speaker_of_verb(d, st, q, (size_t)v, after);
    } else if ((q->speaker = source_before(d, st, o)) < 0 && closed) {
        byline(d, q, cl);
    }
}

/* Clause span of a complement: the subtree without "that", commas and
 * the final punctuation. 0 when it is not a reported claim. */
static int clause(const tac_doc *d, const qstate *st, size_t v, size_t head, size_t *t0,
                  size_t *t1) {
    size_t lo, hi;
    subtree(d, head, &lo, &hi);
    if (lo <= v) return 0; /* reported speech follows its verb */
    if (lo > v + 1 && cx_upos(d, lo - 1, "DET")) lo--;
    char w[CX_WORD];
    uint32_t s = d->tokens.v[v].sentence;
    /* a complement the parser cut in two ("said fisherman | first noticed
     * ...", "said that as of March 4, 2011, | IE6 has ..."): the next
     * complement of the same verb that follows at once, or after a comma */
    for (size_t i = hi; cx_in(d, i, s); i++) {
        if (d->head[i] != (int)v || !cx_deprel(d, i, "ccomp")) continue;
        size_t a, z;
        subtree(d, i, &a, &z);
        if (a > hi + 1 || (a == hi + 1 && !cx_is(d, hi, s, ","))) break;
        hi = z;
    }
    /* and what the parser hung on the reporting verb right after the
     * clause, with no punctuation between ("it is time for IE6 users | to
     * move away from ..."): part of the clause */
    while (cx_in(d, hi, s) && !is_punct(d, hi) && !st->inside[hi]) {
        int b = branch_of(d, v, hi);
        if (b < 0 || (size_t)b < hi ||
            !(cx_deprel(d, (size_t)b, "advcl") || cx_deprel(d, (size_t)b, "obl") ||
              cx_deprel(d, (size_t)b, "xcomp") || cx_deprel(d, (size_t)b, "advmod")))
            break;
        size_t a, z;
        subtree(d, (size_t)b, &a, &z);
        if (a != hi) break;
        hi = z;
    }
    /* a clause that starts with its verb lost its subject to the reporting
     * verb ("They say adding the mineral to salt | is the simplest", "noted
     * what began as ... | had grown"): take back the words between them */
    int took_back = 0;
    if ((cx_upos(d, lo, "AUX") || cx_upos(d, lo, "VERB")) && lo > v + 1 && lo <= v + 9) {
        size_t a = v + 1;
        int clean = 1;
        for (size_t i = a; i < lo; i++) clean &= !is_punct(d, i) && !st->inside[i];
        if (clean) lo = a, took_back = 1;
    }
    /* and a second verb the parser hung elsewhere ("is complicated and
     * will take time") */
    if (cx_is(d, hi, s, "and") && cx_in(d, hi + 1, s) &&
        (cx_upos(d, hi + 1, "AUX") || cx_upos(d, hi + 1, "VERB"))) {
        while (cx_in(d, hi, s) && !st->inside[hi]) hi++;
    }
    int that = 0;
    while (lo < hi && (is_punct(d, lo) || (cx_word(d, lo, w) && strcmp(w, "that") == 0)))
        that |= !is_punct(d, lo++);
    /* "said Friday that ...": a "that" among the first words, with no verb
     * before it, opens the clause (the parser took the adjunct in) */
    for (size_t i = lo + 1; i < hi && i <= lo + 3 && !that; i++) {
        if (cx_upos(d, i, "VERB") || cx_upos(d, i, "AUX") || is_punct(d, i)) break;
        if (cx_word(d, i, w) && !strcmp(w, "that") && cx_deprel(d, i, "mark")) lo = i + 1, that = 1;
    }
    /* "..." she said, but refused to ...": a coordinated verb, not a clause */
    if (lo < hi && cx_upos(d, lo, "CCONJ")) return 0;
    while (hi > lo && is_punct(d, hi - 1)) hi--;
    if (hi - lo < 3 || st->inside[lo]) return 0;
    /* a quoted stretch too short to be a direct quote is no indirect one
     * either ("told the police, "everything he did"") */
    if (lo > 0 && is_mark(d, lo - 1) && cx_in(d, hi, s) && is_mark(d, hi)) return 0;
    /* "asked how ...", "said what ...": a question, not a claim; but not
     * "reported that when they ...", nor a subject taken back ("noted what
     * began as ... had grown") */
    static const char *const wh[] = {"why", "how", "whether", "if", "what", "when", "where",
                                     "who", "which", NULL};
    if (!that && !took_back && cx_word(d, lo, w) && in_list(w, wh)) return 0;
    *t0 = lo;
    *t1 = hi;
    return 2 + that; /* 3: opened by "that" */
}

/* "stated to LA Weekly that ...", "explains, in a satirical fashion,
 * that ...": a "that" within ten words after verb v with only the verb's
 * adjuncts between (no verb, no object: "noted the fact that" is no
 * report), when the parser hung the clause elsewhere. The clause runs to
 * the sentence end, quotes included. */
static int that_clause(const tac_doc *d, const qstate *st, size_t v, size_t *t0, size_t *t1) {
    uint32_t s = d->tokens.v[v].sentence;
    size_t i;
    char w[CX_WORD];
    for (i = v + 1; cx_in(d, i, s) && i <= v + 10; i++) {
        if (st->inside[i] || cx_upos(d, i, "VERB") || cx_upos(d, i, "AUX")) return 0;
        if (cx_word(d, i, w) && !strcmp(w, "that")) break;
        int b = branch_of(d, v, i);
        if (b >= 0 && (cx_deprel(d, (size_t)b, "obj") || cx_deprel(d, (size_t)b, "ccomp")))
            return 0;
    }
    if (!cx_in(d, i, s) || i > v + 10 || i == v + 1) return 0;
    size_t lo = i + 1, hi = lo;
    while (cx_in(d, lo, s) && is_punct(d, lo) && !is_mark(d, lo)) lo++;
    while (cx_in(d, hi, s)) hi++;
    while (hi > lo && is_punct(d, hi - 1)) hi--;
    if (!cx_in(d, lo, s) || st->inside[lo] || word_count(d, lo, hi) < 3 || !has_verb(d, lo, hi))
        return 0;
    *t0 = lo;
    *t1 = hi;
    return 1;
}

/* "Alia Salem said Mohamed wishes to ...", "Heald noted the findings show
 * ...", where the parser made the clause an object or lost it: what
 * follows the verb to the sentence end (quotes included; up to a colon or
 * a comma opening another clause: ", with ...", ", while ..."), when it
 * is a clause of four words whose own verb comes within six words, with
 * no relative pronoun before it ("noted the importance of a timeline that
 * is short" is no clause). "tell" first skips its listener ("told Sky
 * News any process ..."). Not for verbs whose object is a thing named
 * ("described X as", "called X"). */
static int bare_clause(const tac_doc *d, const qstate *st, size_t v, size_t *t0, size_t *t1) {
    static const char *const object_verbs[] = {"describe", "characterize", "characterise",
                                               "call", "dub", "threaten", "promise", "vow",
                                               "deny", "confirm", "announce", "report", NULL};
    static const char *const opener[] = {"with", "while", "whereas", "but", "although",
                                         "though", NULL};
    char w[CX_WORD];
    if (in_list(lemma_of(d, v, w), object_verbs) || !d->upos) return 0;
    uint32_t s = d->tokens.v[v].sentence;
    size_t lo = v + 1, hi = lo;
    if (!strcmp(lemma_of(d, v, w), "tell")) {
        int o = child_after(d, v, "obj");
        if (o < 0) o = child_after(d, v, "iobj");
        size_t a, z;
        if (o < 0) return 0;
        subtree(d, (size_t)o, &a, &z);
        if (a != v + 1 || z > v + 6) return 0;
        lo = z;
    }
    while (cx_in(d, lo, s) && (is_punct(d, lo) || cx_is(d, lo, s, "that"))) lo++;
    for (hi = lo; cx_in(d, hi, s) && !cx_is(d, hi, s, ":"); hi++)
        if (cx_is(d, hi, s, ",") && cx_in(d, hi + 1, s) && !st->inside[hi + 1] &&
            cx_word(d, hi + 1, w) && in_list(w, opener))
            break;
    while (hi > lo && is_punct(d, hi - 1)) hi--;
    if (!cx_in(d, lo, s) || st->inside[lo] || word_count(d, lo, hi) < 4) return 0;
    /* an adjunct or a coordinated verb is no clause ("writing in a blog
     * post "..."", "she said, but refused to") */
    if (cx_upos(d, lo, "ADP") || cx_upos(d, lo, "CCONJ")) return 0;
    /* a claim's object is mostly a thing claimed ("claiming asylum"): a
     * clause starts with a name, a pronoun or a determiner */
    if (!strcmp(lemma_of(d, v, w), "claim") && !cx_upos(d, lo, "PROPN") &&
        !cx_upos(d, lo, "PRON") && !cx_upos(d, lo, "DET"))
        return 0;
    static const char *const rel[] = {"that", "which", "who", "whom", "whose", "where", "when",
                                      "to", NULL};
    for (size_t i = lo + 1; i < hi && i <= lo + 6; i++) {
        if (cx_word(d, i, w) && in_list(w, rel)) return 0;
        if (cx_upos(d, i, "VERB") || cx_upos(d, i, "AUX")) {
            if (cx_xpos(d, i, "VBG") || cx_xpos(d, i, "VBN") || cx_xpos(d, i, "TO")) return 0;
            *t0 = lo;
            *t1 = hi;
            return 1;
        }
    }
    return 0;
}

/* "Almost half of all ... children are iodine deficient, researchers say.":
 * a reporting verb that ends its sentence after ", <subject>" reports what
 * precedes the comma, when that is a clause of four words with a verb and
 * no quotation marks. */
static int tail_clause(const tac_doc *d, const qstate *st, size_t v, size_t *t0, size_t *t1) {
    uint32_t s = d->tokens.v[v].sentence;
    size_t e = v + 1;
    while (cx_in(d, e, s) && is_punct(d, e) && !is_mark(d, e)) e++;
    if (cx_in(d, e, s) || !d->upos) return 0; /* not the sentence's last word */
    size_t c = v;
    while (c > 0 && cx_in(d, c - 1, s) && v - c < 6 && !cx_is(d, c - 1, s, ",")) c--;
    if (c == 0 || !cx_is(d, c - 1, s, ",") || c == v) return 0;
    size_t a = c - 1;
    while (a > 0 && cx_in(d, a - 1, s)) a--;
    size_t z = c - 1;
    if (word_count(d, a, z) < 4 || !has_verb(d, a, z)) return 0;
    for (size_t i = a; i < z; i++)
        if (st->inside[i] || is_mark(d, i)) return 0;
    *t0 = a;
    *t1 = z;
    return 1;
}

/* 1 when clause head k carries tense: a finite form itself or a finite
 * auxiliary or copula ("was", "will", "has"). */
static int finite(const tac_doc *d, size_t k) {
    static const char *const tensed[] = {"VBD", "VBZ", "VBP", "MD", NULL};
    uint32_t s = d->tokens.v[k].sentence;
    if (d->xpos && d->xpos[k] && in_list(d->xpos[k], tensed)) return 1;
    for (size_t i = k; i-- > 0 && cx_in(d, i, s);)
        if (d->head[i] == (int)k && (cx_deprel(d, i, "aux") || cx_deprel(d, i, "cop")) &&
            d->xpos && d->xpos[i] && in_list(d->xpos[i], tensed))
            return 1;
    return 0;
}

static int negated(const tac_doc *d, size_t v) {
    uint32_t s = d->tokens.v[v].sentence;
    for (size_t i = v; i-- > 0 && cx_in(d, i, s) && i + 4 > v;)
        if (cx_is(d, i, s, "not") || cx_is(d, i, s, "n't") || cx_is(d, i, s, "never")) return 1;
    return 0;
}

/* 1 when verb v is passive: a passive auxiliary or subject, or a form of
 * "be" beside a past participle (parsed as a copula). */
static int passive(const tac_doc *d, size_t v) {
    if (child(d, v, "aux:pass") >= 0 || child(d, v, "nsubj:pass") >= 0) return 1;
    if (!cx_xpos(d, v, "VBN")) return 0;
    int k = child(d, v, "cop");
    if (k < 0) k = child(d, v, "aux");
    const char *l = k >= 0 ? cx_lemma(d, (size_t)k) : NULL;
    return l && strcmp(l, "be") == 0;
}

/* 1 when clause [t0, t1) holds a direct quote and, outside it, no verb
 * and only an adjunct or words set off by a comma ("told the court that,
 * over the last five months of her life, "..."", "asserted that
 * Scientology officials, "... plied"): the direct quote is the claim. A
 * subject the quote continues is a clause of its own ("told Sky News any
 * process "must be well thought out""). */
static int quote_only_clause(const tac_doc *d, const qstate *st, size_t t0, size_t t1) {
    int quoted = 0;
    size_t first = t1;
    for (size_t i = t0; i < t1; i++) {
        if (st->inside[i]) {
            if (!quoted && first == t1) first = i;
            quoted = 1;
        } else if (cx_upos(d, i, "VERB") || cx_upos(d, i, "AUX")) {
            return 0;
        }
    }
    if (!quoted) return 0;
    return cx_upos(d, t0, "ADP") || cx_upos(d, t0, "ADV") || cx_upos(d, t0, "SCONJ") ||
           (first > t0 && is_punct(d, first - 1) && !is_mark(d, first - 1)) ||
           (first > t0 + 1 && is_mark(d, first - 1) && is_punct(d, first - 2));
}

static int find_indirect(cx_ctx *c, const qstate *st) {
    tac_doc *d = c->d;
    if (!d->head) return 0; /* the clause a verb governs needs the tree */
    for (size_t v = 0; v < d->tokens.n; v++) {
        if (st->inside[v] || !is_speech(d, v) || negated(d, v)) continue;
        /* "she was told that ...", "is believed to": the speaker is unsaid */
        if (passive(d, v) || (cx_deprel(d, v, "conj") && d->head[v] >= 0 &&
                              passive(d, (size_t)d->head[v]))) /* "was hauled in and told" */
            continue;
        int k = child_after(d, v, "ccomp");
        /* "claimed that ..." parsed as an adverbial clause */
        if (k < 0 && (k = child_after(d, v, "advcl")) >= 0) {
            int mk = child(d, (size_t)k, "mark");
            char w[CX_WORD];
            if (mk < 0 || !cx_word(d, (size_t)mk, w) || strcmp(w, "that") != 0) k = -1;
        }
        size_t t0, t1;
        int got = 0;
        if (k < 0) {
            if ((got = that_clause(d, st, v, &t0, &t1))) got = 3;
            else if (!bare_clause(d, st, v, &t0, &t1) && !tail_clause(d, st, v, &t0, &t1))
                continue;
        } else if (!(got = clause(d, st, v, (size_t)k, &t0, &t1)) &&
                   !bare_clause(d, st, v, &t0, &t1)) { /* "told Sky News any process "..."" */
            continue;
        }
        /* "claiming asylum", "claimed responsibility": a claim reports a
         * clause opened by "that", or with a subject and a finite verb of
         * its own ("claim she has ...", not "claiming asylum ... expected") */
        char cw[CX_WORD];
        if (k >= 0 && got != 3 && !strcmp(lemma_of(d, v, cw), "claim") &&
            ((child(d, (size_t)k, "nsubj") < 0 && child(d, (size_t)k, "nsubj:pass") < 0) ||
             !finite(d, (size_t)k)))
            continue;
        /* a verb inside another's reported clause reports nothing new
         * ("said he believes redesigning ...") */
        int nested = 0;
        for (size_t j = 0; j < c->L->nquotes; j++) {
            const cx_quote *p = &c->L->quotes[j];
            nested |= !p->direct && p->tok0 <= v && v < p->tok1;
        }
        if (nested || quote_only_clause(d, st, t0, t1)) continue;
        cx_quote *q = cx_add_quote(c);
        if (!q) return -1;
        q->tok0 = (uint32_t)t0;
        q->tok1 = (uint32_t)t1;
        q->verb = (int)v;
        q->vtok1 = verb_end(d, v);
        speaker_of_verb(d, st, q, v, 0);
    }
    return 0;
}

/* "According to X, <claim>." / "<claim>, according to X." */
static int find_according(cx_ctx *c, const qstate *st) {
    tac_doc *d = c->d;
    for (size_t a = 0; a + 2 < d->tokens.n; a++) {
        uint32_t s = d->tokens.v[a].sentence;
        if (st->inside[a] || !cx_is(d, a, s, "according") || !cx_is(d, a + 1, s, "to")) continue;
        size_t x0 = a + 2, x1 = x0;
        while (cx_in(d, x1, s) && !is_punct(d, x1) && !st->inside[x1]) x1++;
        int h = cx_head(d, a);
        if (h > (int)a + 1 && cx_deprel(d, a, "case")) {
            /* the source's phrase in the tree, when it ends before the
             * punctuation does ("According to Iraqi News the Iraqi Foreign
             * Minister mentioned") and no verb follows it up to there */
            size_t lo, hi;
            subtree(d, (size_t)h, &lo, &hi);
            if (lo <= a && hi > x0 && hi < x1 && has_verb(d, hi, x1)) x1 = hi;
        }
        if (!d->upos) { /* no tags: the source is the capitalized run */
            size_t e = x0;
            char w[CX_WORD];
            if (cx_word(d, e, w) && !strcmp(w, "the")) e++;
            while (e < x1 && (cx_cap(d, e) || cx_is(d, e, s, "of") || cx_is(d, e, s, "'s") ||
                              cx_is(d, e, s, "-")))
                e++;
            if (e > x0 && e < x1) x1 = e;
        }
        /* the source ends before a figure ("... Ministry over 345 pilgrims") */
        for (size_t i = x0 + 1; i < x1; i++)
            if (cx_upos(d, i, "NUM") || (cx_int(d, i) >= 0 && !cx_cap(d, i - 1))) {
                x1 = i;
                if (i > x0 + 1 && cx_upos(d, i - 1, "ADP")) x1--; /* "over" */
                break;
            }
        /* and takes the name set off after it ("the team's coach, Alireza
         * Mehraban,") */
        if (cx_is(d, x1, s, ",")) {
            size_t e = x1 + 1;
            while (cx_in(d, e, s) && cx_ner(d, e) && !strcmp(cx_ner(d, e), "PER")) e++;
            if (e > x1 + 1 && cx_is(d, e, s, ",")) x1 = e;
        }
        if (x1 == x0) continue;
        size_t s0 = a, s1 = x1;
        while (s0 > 0 && cx_in(d, s0 - 1, s)) s0--;
        while (cx_in(d, s1, s)) s1++;
        size_t t0, t1;
        size_t before = a;
        while (before > s0 && is_punct(d, before - 1)) before--;
        if (word_count(d, x1, s1) >= 3 && (!d->upos || has_verb(d, x1, s1))) { /* the claim follows */
            t0 = x1;
            t1 = s1;
        } else {
            t0 = s0;
            t1 = before;
        }
        while (t0 < t1 && (is_punct(d, t0) || st->inside[t0])) t0++;
        while (t1 > t0 && is_punct(d, t1 - 1)) t1--;
        if (word_count(d, t0, t1) < 3) continue;
        /* a claim holding a quote or a reporting verb: that quote is the
         * claim; a direct quote without a speaker takes the source */
        int m = -1, holds = 0;
        size_t y0 = x0;
        char w0[CX_WORD];
        if (cx_word(d, y0, w0) && (!strcmp(w0, "the") || !strcmp(w0, "a") || !strcmp(w0, "an")))
            y0++;
        m = person_in(d, x0, x1, x0);
        for (size_t i = x0; i < x1 && m < 0; i++) m = cx_mention_at(d, i);
        /* not a person: the mention that spans the source's phrase, else
         * the phrase ("Yonhap news agency", "Saudi Arabia's Civil Defense
         * Authority") */
        if (m >= 0 && !(d->mentions.v[m].ner && !strcmp(d->mentions.v[m].ner, "PER"))) {
            int last = cx_mention_at(d, x1 - 1);
            m = last >= 0 && d->mentions.v[last].first <= y0 ? last : -1;
        }
        for (size_t j = 0; j < c->L->nquotes; j++) {
            cx_quote *p = &c->L->quotes[j];
            uint32_t at = p->direct ? p->tok0 : (uint32_t)p->verb;
            if (at < t0 || at >= t1) continue;
            holds = 1;
            if (p->direct && p->speaker < 0 && p->stok1 <= p->stok0) {
                if (m >= 0) p->speaker = named(d, m);
                else p->stok0 = (uint32_t)y0, p->stok1 = (uint32_t)x1;
            }
        }
        if (holds) continue;
        cx_quote *q = cx_add_quote(c);
        if (!q) return -1;
        q->tok0 = (uint32_t)t0;
        q->tok1 = (uint32_t)t1;
        q->verb = (int)a;
        q->vtok1 = (uint32_t)a + 2;
        q->according = 1;
        if (m >= 0) q->speaker = named(d, m);
        else {
            size_t y = x0;
            char w[CX_WORD];
            if (cx_word(d, y, w) && (strcmp(w, "the") == 0 || strcmp(w, "a") == 0 ||
                                     strcmp(w, "an") == 0))
                y++;
            q->stok0 = (uint32_t)(y < x1 ? y : x0);
            q->stok1 = (uint32_t)x1;
        }
    }
    return 0;
}

/* 1 when a full stop, '!' or '?' ends the quote that ends before token
 * t, inside its closing mark or right after it ("... a tragedy".). */
static int ends_sentence(const tac_doc *d, size_t t) {
    for (size_t i = t - 1; i < d->tokens.n && i <= t + 2; i++) {
        const tk_token *x = &d->tokens.v[i];
        char ch = d->norm.data[x->start];
        if (x->end - x->start == 1 && (ch == '.' || ch == '!' || ch == '?')) return 1;
        if (i >= t && !is_punct(d, i) && !is_mark(d, i)) return 0;
    }
    return 0;
}

/* For a "they" at token k: the subject of the latest reporting verb
 * within three sentences before it that names no person and is no
 * pronoun ("The report's authors say ... They say", "the Church denied
 * these allegations: ... They also claimed"), or -1. Sources that speak
 * again are mostly what "they" stands for, more than the latest group
 * named in passing. */
static long group_reporter(const tac_doc *d, const qstate *st, size_t k) {
    char w[CX_WORD];
    if (!d->head || !cx_word(d, k, w) || strcmp(w, "they")) return -1;
    uint32_t s = d->tokens.v[k].sentence;
    size_t a = k;
    while (a > 0 && d->tokens.v[a - 1].sentence == s) a--;
    for (size_t i = a; i-- > 0 && d->tokens.v[i].sentence + 3 >= s;) {
        if (st->inside[i] || !is_speech(d, i)) continue;
        int j = subject_of(d, i);
        if (j < 0 || st->inside[j] || cx_upos(d, (size_t)j, "PRON")) continue;
        size_t lo, hi;
        subtree(d, (size_t)j, &lo, &hi);
        int m = cx_mention_at(d, (size_t)j);
        if (person_of(d, lo, hi, (size_t)j) >= 0 ||
            (m >= 0 && d->mentions.v[m].ner && !strcmp(d->mentions.v[m].ner, "PER")))
            continue;
        return j;
    }
    return -1;
}

static int by_start(const void *a, const void *b) {
    const cx_quote *x = a, *y = b;
    return x->tok0 < y->tok0 ? -1 : x->tok0 > y->tok0;
}

int cx_find_quotes(cx_ctx *c) {
    tac_doc *d = c->d;
    qstate st;
    if (!(st.inside = ar_calloc(&d->ar, d->tokens.n + 1, 1))) return -1;
    if (find_direct(c, &st)) return -1;
    size_t ndirect = c->L->nquotes;
    for (size_t i = 0; i < ndirect; i++) attribute_direct(d, &st, &c->L->quotes[i]);
    if (find_indirect(c, &st) || find_according(c, &st)) return -1;
    cx_layer *L = c->L;
    if (L->nquotes > 1) qsort(L->quotes, L->nquotes, sizeof *L->quotes, by_start);
    /* a quote nobody is said to say, or said by a pronoun coreference left
     * open, continues the previous speaker's words ("...," said Mohib. /
     * "They represent ...", "...", it added) within two sentences; else a
     * pronoun takes the latest person (he, she) or group (they, it) */
    for (size_t i = 0; i < L->nquotes; i++) {
        cx_quote *q = &L->quotes[i], *p = i ? &L->quotes[i - 1] : NULL;
        long r;
        if (q->speaker >= 0 || q->stok1 > q->stok0) continue;
        /* a quote nobody says that is no sentence ("Anon declares war on
         * Church of Scientology" after its author's name): a title */
        if (q->direct && q->verb < 0 && q->pronoun < 0 && !ends_sentence(d, q->tok1))
            continue;
        if (p && d->tokens.v[q->tok0].sentence <= d->tokens.v[p->tok1 - 1].sentence + 2 &&
            (p->speaker >= 0 || p->stok1 > p->stok0)) {
            q->speaker = p->speaker;
            q->stok0 = p->stok0;
            q->stok1 = p->stok1;
        } else if (q->pronoun >= 0 && (r = group_reporter(d, &st, (size_t)q->pronoun)) >= 0) {
            speaker_from(d, q, (int)r);
        } else if (q->pronoun >= 0) {
            char w[CX_WORD];
            size_t k = (size_t)q->pronoun;
            int m = cx_mention_at(d, k); /* coreference's answer */
            if (m < 0 || d->mentions.v[m].antecedent < 0) {
                int person = cx_word(d, k, w) && (!strcmp(w, "he") || !strcmp(w, "she"));
                m = person ? person_before(d, k) : group_before(d, k);
            }
            if (m >= 0) q->speaker = named(d, m);
        }
    }
    /* the headline (a first paragraph of one short sentence on one line
     * with no final stop) repeats the story: its claims are not quotes */
    size_t head_end = 0;
    while (head_end < d->tokens.n && !para_break(d, head_end)) head_end++;
    if (head_end + 1 < d->tokens.n) { /* a paragraph follows */
        const tk_token *t = &d->tokens.v[head_end];
        char ch = d->norm.data[t->start];
        int line = 1;
        for (size_t b = d->tokens.v[0].start; b < t->end && line; b++) line = d->norm.data[b] != '\n';
        /* one short sentence */
        line &= head_end < 30 && t->sentence == d->tokens.v[0].sentence;
        if (!line || (t->end - t->start == 1 && (ch == '.' || ch == '!' || ch == '?' || ch == '"')))
            head_end = 0;
        else
            head_end++;
    } else {
        head_end = 0;
    }
    /* quoted text that nobody says is a title or a headline (source lists) */
    size_t k = 0;
    for (size_t i = 0; i < L->nquotes; i++) {
        const cx_quote *q = &L->quotes[i];
        if (q->direct && q->verb < 0 && q->speaker < 0 && q->stok1 <= q->stok0) continue;
        if (q->tok0 < head_end) continue;
        L->quotes[k++] = *q;
    }
    L->nquotes = k;
    return 0;
}
