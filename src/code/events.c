/*
 * events.c - event coding: for each verb (and each noun the verb
 * dictionary knows, used as an event: "US strikes on armed groups"), the
 * dictionary patterns are matched against the words of its dependents;
 * the most specific pattern gives the CAMEO code. Source and target come
 * from the actor mentions on the subject and object sides of the tree.
 */
#include "events.h"
#include "context.h"
#include "codebook.h"
#include "ev_int.h"
#include "../core/alloc.h"
#include "../core/error.h"
#include "../dict/dict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

struct ev_resources {
    dict_set *verbs;
    cb_book *cb;
    int any_code;     /* validation dictionaries: codes outside CAMEO are kept */
    int has_discards; /* discard phrases are loaded (in verbs) */
};

/* Stand-in entry for a code the codebook lacks (validation runs only). */
static const cb_entry no_entry = {"", "(not a CAMEO 1.1b3 code)", 0.0, 0, NULL, NULL, NULL};

#define EV_MAXINFO 8
#define EV_MAXENV 256
#define EV_MAXACT 8

static const char *const verb_files[] = {"dict/CAMEO.2.0.txt", "cameo/tacitus.verbs.txt", NULL};

static int exists(const char *p) {
    struct stat sb;
    return stat(p, &sb) == 0;
}

/* Opens the coder over verb dictionaries paths[0..n) and the codebook of
 * data_dir. */
static tac_status open_files(const char *data_dir, const char *const *paths, size_t n,
                             const char *discards, ev_resources **out, tac_error *err) {
    char cbp[4096], plp[4096];
    ev_resources *r = tac_calloc(1, sizeof *r);
    if (!r) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory opening event coder");
    tac_status st = dict_set_new(&r->verbs, err);
    for (size_t i = 0; st == TAC_OK && i < n; i++) st = dict_set_load(r->verbs, paths[i], DICT_VERBS, err);
    if (st == TAC_OK && discards && exists(discards)) {
        st = dict_set_load(r->verbs, discards, DICT_DISCARDS, err);
        r->has_discards = 1;
    }
    if (st == TAC_OK) {
        snprintf(cbp, sizeof cbp, "%s/cameo/cameo_1.1b3_eventcodes.tsv", data_dir);
        snprintf(plp, sizeof plp, "%s/plover/cameo2plover_2021.tsv", data_dir);
        st = cb_open(cbp, exists(plp) ? plp : NULL, &r->cb, err);
    }
    if (st != TAC_OK) {
        ev_close(r);
        return st;
    }
    *out = r;
    return TAC_OK;
}

tac_status ev_open(const char *data_dir, ev_resources **out, tac_error *err) {
    char p[2][4096], cbp[4096];
    const char *paths[2];
    size_t n = 0;
    *out = NULL;
    snprintf(cbp, sizeof cbp, "%s/cameo/cameo_1.1b3_eventcodes.tsv", data_dir);
    for (size_t i = 0; verb_files[i] && n < 2; i++) {
        snprintf(p[n], sizeof p[n], "%s/%s", data_dir, verb_files[i]);
        if (exists(p[n])) { paths[n] = p[n]; n++; }
        else if (i == 0) return TAC_OK; /* no verb dictionary: nothing to code with */
    }
    if (!exists(cbp)) return TAC_OK;
    char disc[4096];
    snprintf(disc, sizeof disc, "%s/dict/Phoenix.discards.txt", data_dir);
    return open_files(data_dir, paths, n, disc, out, err);
}

tac_status ev_open_verbs(const char *data_dir, const char *verb_file, const char *discard_file,
                         ev_resources **out, tac_error *err) {
    *out = NULL;
    tac_status st = open_files(data_dir, &verb_file, 1, discard_file, out, err);
    if (st == TAC_OK) (*out)->any_code = 1;
    return st;
}

void ev_close(ev_resources *r) {
    if (!r) return;
    dict_set_free(r->verbs);
    cb_close(r->cb);
    tac_free(r);
}

const char *ev_modality_name(ev_modality m) {
    static const char *const names[] = {"asserted", "negated", "hypothetical", "future",
                                        "reported"};
    return (unsigned)m < 5 ? names[m] : "asserted";
}

/* ---- the words around a trigger ---- */

/* 1 if verb c is an infinitive ("to accord"): marked by "to", no subject. */
static int infinitive(const ev_view *v, int c) {
    int m = ev_case(v, c);
    return m >= 0 && !strcmp(v->fold[m], "to") && ev_child(v, c, "nsubj") < 0;
}

/* 1 if c is an adverbial clause opened by "that" (the parser's reading of
 * some complement clauses). */
static int that_clause(const ev_view *v, int c) {
    if (!ev_rel_base(v, c, "advcl")) return 0;
    int m = ev_case(v, c);
    return m >= 0 && !strcmp(v->fold[m], "that");
}

/* Dependents whose words never belong to the trigger's own pattern: the
 * subject side, other clauses and conjuncts (an advcl only counts when
 * it completes the verb: "called for ending..."). Nouns also drop their
 * clauses (acl). Below the trigger, clauses never count: "mentioned that
 * ... the events, which included attacks" is not "mention attack". */
static int env_skip(const ev_view *v, int c, int nominal, int top) {
    if (ev_rel_base(v, c, "punct") || ev_rel_base(v, c, "parataxis") || ev_rel_base(v, c, "cc") ||
        ev_rel(v, c, "acl:relcl"))
        return 1;
    /* a verb's own that-clause is part of its phrase, as in PETRARCH's
     * verb phrases ("allowed that Mordor isn't a really pleasant place") */
    /* ... but what is said is an event of its own, not words of the
     * speech verb ("said that US forces have been subjected to attacks"
     * is no SAY * ATTACK) */
    if (ev_rel_base(v, c, "ccomp") || that_clause(v, c))
        return !top || nominal || c < v->d->head[c] /* a fronted quote */ ||
               ev_is_speech(v, v->d->head[c]);
    if (!top) return ev_rel_base(v, c, "advcl");
    if (ev_rel_base(v, c, "conj")) return 1;
    if (nominal) return ev_rel_base(v, c, "acl");
    if (ev_rel_base(v, c, "advcl")) {
        int m = ev_case(v, c);
        return !(m >= 0 && (!strcmp(v->fold[m], "for") || !strcmp(v->fold[m], "to")));
    }
    return ev_rel_base(v, c, "nsubj") || ev_rel_base(v, c, "csubj") || ev_rel_base(v, c, "expl");
}

static int cmp_int(const void *a, const void *b) {
    return *(const int *)a - *(const int *)b;
}

/* Whether a bare pattern word (outside parentheses) may match inside the
 * subtree of trigger child c: PETRARCH reads bare words in the object
 * noun phrase or the verb complement, words in parentheses in
 * prepositional phrases. */
static int core_child(const ev_view *v, int c, int nominal) {
    return nominal || ev_rel_base(v, c, "obj") || ev_rel_base(v, c, "iobj") ||
           ev_rel_base(v, c, "xcomp") || ev_rel_base(v, c, "compound") ||
           ev_rel_base(v, c, "ccomp") || that_clause(v, c) ||
           (ev_rel_base(v, c, "advcl") && infinitive(v, c)) || /* "vowed to wage war" */
           /* an oblique without a preposition is an object the tagger
            * misread ("fired two artillery shells" with "shells" a verb) */
           (ev_rel_base(v, c, "obl") && !ev_rel(v, c, "obl:tmod") && ev_case(v, c) < 0) ||
           ev_rel_base(v, c, "advmod") || ev_rel_base(v, c, "nsubj");
}

/* Tokens of t's subtree minus the skipped dependents, in text order. */
static size_t collect_env(const ev_view *v, int t, int nominal, int *env) {
    size_t n = 0;
    int stack[EV_MAXENV], sp = 0;
    stack[sp++] = t;
    while (sp > 0 && n < EV_MAXENV) {
        int x = stack[--sp];
        env[n++] = x;
        for (int c = v->fc[x]; c >= 0; c = v->ns[c])
            if (!env_skip(v, c, nominal, x == t) && sp < EV_MAXENV) stack[sp++] = c;
    }
    qsort(env, n, sizeof *env, cmp_int);
    return n;
}

/* 1 if token y (in trigger t's subtree) may match a bare pattern word. */
static int is_core(const ev_view *v, int t, int y, int nominal) {
    if (y == t) return 1;
    /* a noun's bare words: its dependents and their own dependents
     * ("demands for withdrawal", not "strikes on groups with ties") */
    if (nominal) return v->d->head[y] == t || (v->d->head[y] >= 0 && v->d->head[v->d->head[y]] == t);
    int r = y;
    for (int k = 0; k < 64 && r >= 0 && v->d->head[r] != t; k++) r = v->d->head[r];
    return r == y || (r >= 0 && core_child(v, r, 0));
}

static int is_upos(const ev_view *v, int t, const char *u) {
    return v->d->upos && v->d->upos[t] && v->d->upos[t][0] == u[0] && strcmp(v->d->upos[t], u) == 0;
}

static int coded(const ev_view *v, int m) {
    return m >= 0 && v->d->mentions.v[m].code != NULL;
}

/* A pattern word matches a token by form or lemma; a plural pattern word
 * ("TALKS") matches its singular lemma. */
static int word_match(const ev_view *v, const char *w, int t) {
    const char *l = ev_lemma(v, t);
    /* most pairs differ in the first byte (pattern words are lower case) */
    int l0 = l[0] >= 'A' && l[0] <= 'Z' ? l[0] - 'A' + 'a' : l[0];
    if (w[0] != v->fold[t][0] && w[0] != l0) return 0;
    if (strcmp(w, v->fold[t]) == 0) return 1;
    /* a singular noun in a pattern does not match a plural in the text
     * (PETRARCH: "* EFFORT" is not "abandoned efforts"); verbs match by
     * lemma */
    if (strcasecmp(w, l) == 0) return !is_upos(v, t, "NOUN") || strcmp(l, v->fold[t]) == 0;
    size_t n = strlen(w);
    return n > 3 && w[n - 1] == 's' && strlen(l) == n - 1 && strncasecmp(w, l, n - 1) == 0;
}

typedef struct match_ctx {
    const ev_view *v;
    const dict_set *ds;
    int trig;
    const int *env;
    size_t nenv;
    uint32_t sfirst, slast;     /* sentence token range */
    int nominal;
    int compound_subj;          /* the trigger's subject has conjuncts */
    int pre[EV_MAXENV + 3];     /* candidates for words before '*' */
    size_t npre;
    size_t postfrom;            /* first env index after the trigger */
} match_ctx;

/* Fills m's pre-verb candidates (the trigger's dependents before it and
 * the three words right before it) and where its post-verb words start. */
static void prepare_match(match_ctx *m) {
    m->npre = 0;
    for (size_t i = 0; i < m->nenv && m->env[i] < m->trig; i++) m->pre[m->npre++] = m->env[i];
    for (int k = m->trig - 3; k < m->trig; k++)
        if (k >= (int)m->sfirst) m->pre[m->npre++] = k;
    /* and the subject phrase ("Eriador's death and injury toll has risen"
     * for DEATH TOLL *); for an infinitive, the words before it of the
     * verbs it completes ("unexpectedly won't try to clash": UNEXPECTEDLY
     * &NEGATVAUXVRB * OVER EFFORTS) */
    const ev_view *v = m->v;
    for (int x = m->trig, depth = 0; x >= 0 && depth < 3; depth++) {
        int sj = ev_child(v, x, "nsubj");
        for (int k = (int)m->sfirst; sj >= 0 && k < m->trig && m->npre < EV_MAXENV + 3; k++)
            if (k < m->trig - 3 && ev_in_subtree(v, k, sj)) m->pre[m->npre++] = k;
        int h = v->d->head[x];
        /* ... and of the verb whose clause it is ("indicated it should
         * have acted": INDICATED SHOULD *) */
        if (h < 0 || !(ev_rel_base(v, x, "xcomp") || (ev_rel_base(v, x, "advcl") && infinitive(v, x)) ||
                       (ev_rel_base(v, x, "ccomp") && h < x)))
            break;
        if (h < m->trig && m->npre < EV_MAXENV + 3) m->pre[m->npre++] = h;
        for (int c = v->fc[h]; c >= 0 && c < m->trig && m->npre < EV_MAXENV + 3; c = v->ns[c])
            if (!ev_rel_base(v, c, "punct") && !ev_rel_base(v, c, "nsubj")) m->pre[m->npre++] = c;
        x = h;
    }
    qsort(m->pre, m->npre, sizeof *m->pre, cmp_int);
    /* unique: a word may be both a dependent and a near word */
    size_t u = 0;
    for (size_t i = 0; i < m->npre; i++)
        if (!u || m->pre[u - 1] != m->pre[i]) m->pre[u++] = m->pre[i];
    m->npre = u;
    m->postfrom = 0;
    while (m->postfrom < m->nenv && m->env[m->postfrom] <= m->trig) m->postfrom++;
}

/* Where a pattern's '+' or '$' points: after the word matched at anchor
 * (dir 1, skipping `skip` noun phrases for each '^' in between), or the
 * actor right before the word or verb matched at anchor (dir -1, a slot
 * opening the pattern: "+ HOSTING * ..."). anchor -1: no slot. */
typedef struct ev_slot {
    int anchor, dir, skip;
} ev_slot;

/* Matches p's literal words in order: words before '*' among the tokens
 * before the trigger, words after it among the trigger's dependents.
 * Returns the number of literal words (the specificity), or -1. The
 * slots get where the pattern puts its target (+) and source ($). */
/* Tokens a pattern's literal words matched (the first EV_MAXPW). */
enum { EV_MAXPW = 8 };
typedef struct ev_pwords {
    int n, tok[EV_MAXPW];
} ev_pwords;

static int match_pattern(const match_ctx *m, const dict_pattern *p, ev_slot *tslot,
                         ev_slot *sslot, int *phrase, ev_pwords *pw) {
    const ev_view *v = m->v;
    int has_verb = 0;
    for (size_t i = 0; i < p->ntoks; i++) has_verb |= p->toks[i].kind == DICT_PT_VERB;
    int post = !has_verb, score = 0, last = -1;
    size_t cur = 0;
    const int *pre = m->pre;
    size_t npre = m->npre, postfrom = m->postfrom;
    tslot->anchor = sslot->anchor = -1;
    *phrase = -1;
    pw->n = 0;
    ev_slot *open = NULL; /* a slot waiting for the next word (dir -1) */
    int paren = 0, pp = -1, last_end = -1, skips = 0;
    for (size_t i = 0; i < p->ntoks; i++) {
        const dict_ptok *k = &p->toks[i];
        if (k->kind == DICT_PT_LPAREN) paren++;
        if (k->kind == DICT_PT_RPAREN && paren > 0) paren--;
        if (k->kind == DICT_PT_VERB) {
            /* "RECENTLY_*": the word right before the verb */
            if (k->joined && last_end >= 0 && last_end != m->trig - 1) return -1;
            if (open) *open = (ev_slot){m->trig, -1, 0};
            open = NULL;
            post = 1;
            cur = postfrom;
            last = -1;
            last_end = m->trig; /* "*_ON": the word right after it */
            skips = 0;
            continue;
        }
        if (k->kind == DICT_PT_TARGET || k->kind == DICT_PT_SOURCE) {
            ev_slot *sl = k->kind == DICT_PT_TARGET ? tslot : sslot;
            if (post && last >= 0) *sl = (ev_slot){last, 1, skips};
            else if (!post && last < 0 && k->kind == DICT_PT_TARGET) open = sl;
            continue;
        }
        if (k->kind == DICT_PT_OTHER && k->text && k->text[0] == '^') {
            skips++;
            continue;
        }
        if (k->kind == DICT_PT_OTHER && k->text && k->text[0] == '%') {
            /* a compound actor: conjoined subjects before the verb, a
             * conjoined phrase after the last matched word */
            int ok = 0;
            if (!post) ok = m->compound_subj;
            for (size_t j = postfrom; post && !ok && j < m->nenv; j++)
                ok = m->env[j] > last && ev_rel_base(v, m->env[j], "conj");
            if (!ok) return -1;
            score++;
            continue;
        }
        if (k->kind != DICT_PT_WORD && k->kind != DICT_PT_SYNSET) continue;
        const int *list = post ? m->env : pre;
        size_t nlist = post ? m->nenv : npre;
        int found = -1;
        for (; cur < nlist; cur++) {
            int t = list[cur];
            if (post && !paren && !is_core(v, m->trig, t, m->nominal) &&
                !(pp >= 0 && ev_in_subtree(v, t, pp)) && !is_upos(v, t, "ADP"))
                continue;
            /* '_' joins a word to the previous one: adjacent in the text */
            if (k->joined && last_end >= 0 && t != last_end + 1) continue;
            size_t len = k->kind == DICT_PT_WORD
                             ? (size_t)word_match(v, k->text, t)
                             : dict_synset_match(m->ds, k->text, v->fold + m->sfirst,
                                                 m->slast - m->sfirst, (size_t)t - m->sfirst);
            if (len > 0) {
                found = t;
                for (size_t q = 0; q < len && pw->n < EV_MAXPW; q++) pw->tok[pw->n++] = t + (int)q;
                last_end = t + (int)len - 1;
                cur++;
                break;
            }
        }
        if (found < 0) return -1;
        if (open) *open = (ev_slot){found, -1, 0};
        open = NULL;
        skips = 0;
        /* a bare preposition opens its phrase to the words after it
         * (TABARI-style "* OVER EFFORTS") */
        if (post && !paren && is_upos(v, found, "ADP") && v->d->head[found] >= 0)
            *phrase = pp = v->d->head[found];
        last = found;
        score++;
    }
    return score;
}

/* ---- codes ---- */

/* One side of a dictionary code into out (5 bytes): 2-4 digits or capital
 * letters, else "". */
static void code_part(const char *s, size_t n, char *out) {
    out[0] = 0;
    if (n < 2 || n > 4) return;
    /* digits; test dictionaries also use letters ("174K") */
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z'))) return;
    memcpy(out, s, n);
    out[n] = 0;
}

/* The event codes of a dictionary code, TABARI style: "190" codes source
 * -> target 190; "042:043" codes source -> target 042 and target ->
 * source 043 (a visit is hosted); ":173" only target -> source 173;
 * "---" nothing. Returns 1 when fwd or rev is set. */
/* The two-digit CAMEO root of a code ("190" -> 19). */
static int code_root(const char *code) { return (code[0] - '0') * 10 + (code[1] - '0'); }

static int parse_code(const char *code, char *fwd, char *rev) {
    const char *colon = strchr(code, ':');
    code_part(code, colon ? (size_t)(colon - code) : strlen(code), fwd);
    if (colon) code_part(colon + 1, strlen(colon + 1), rev);
    else rev[0] = 0;
    return fwd[0] || rev[0];
}

static const char *base_name(const char *path) {
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

typedef struct ev_choice {
    char code[5], rev[5];       /* source -> target, target -> source */
    const char *file;
    unsigned line;
    ev_slot tslot, sslot;       /* where the pattern puts target and source */
    int compound;               /* the pattern has '%': the conjoined subjects act on each other */
    int phrase;                 /* head of the phrase the pattern's last bare preposition opens, -1 */
    ev_pwords words;            /* tokens the pattern's literal words matched */
    int pre_only;               /* the pattern's words all stand before the verb */
} ev_choice;

/* The lemma (lower case) or particle verb form to look up for t. */
static size_t lookup_verb(const ev_resources *r, const ev_view *v, int t, uint32_t slast,
                          dict_verb_info *info) {
    char key[128], lem[96];
    snprintf(lem, sizeof lem, "%s", ev_lemma(v, t));
    for (char *p = lem; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    int prt = ev_child(v, t, "compound");
    if (prt >= 0 && ev_rel(v, prt, "compound:prt")) {
        snprintf(key, sizeof key, "%s %s", lem, v->fold[prt]);
        size_t n = dict_verb_find_all(r->verbs, key, info, EV_MAXINFO);
        if (n) return n < EV_MAXINFO ? n : EV_MAXINFO;
    }
    if ((uint32_t)t + 1 < slast && v->d->upos) {
        const char *u = v->d->upos[t + 1];
        /* particles, and nouns of a compound verb the tagger split off
         * ("will not wire tap": WIRE_+TAP) */
        if (u && (!strcmp(u, "ADP") || !strcmp(u, "ADV") || !strcmp(u, "PART") ||
                  !strcmp(u, "SCONJ") || !strcmp(u, "NOUN"))) {
            snprintf(key, sizeof key, "%s %s", lem, v->fold[t + 1]);
            size_t n = dict_verb_find_all(r->verbs, key, info, EV_MAXINFO);
            if (n) return n < EV_MAXINFO ? n : EV_MAXINFO;
        }
    }
    /* a verb compounded with the word before it ("wire tapped": WIRE_+TAP) */
    if (t > 0 && v->d->tokens.v[t - 1].sentence == v->d->tokens.v[t].sentence) {
        const char *const alt[] = {lem, v->fold[t]};
        for (int a = 0; a < 2; a++) {
            snprintf(key, sizeof key, "%s %s", v->fold[t - 1], alt[a]);
            size_t n = dict_verb_find_all(r->verbs, key, info, EV_MAXINFO);
            if (n) return n < EV_MAXINFO ? n : EV_MAXINFO;
        }
    }
    /* the form first: dictionaries list irregular forms as verbs of their
     * own ("LEFT" in a MEET block, apart from LEAVE) */
    size_t n = 0;
    if (strcmp(v->fold[t], lem) != 0) n = dict_verb_find_all(r->verbs, v->fold[t], info, EV_MAXINFO);
    if (!n) n = dict_verb_find_all(r->verbs, lem, info, EV_MAXINFO);
    return n < EV_MAXINFO ? n : EV_MAXINFO;
}

/* Chooses the code of trigger t: the matching pattern with the most
 * literal words (the first in the file on a tie), else the verb's own
 * code. Returns 1 with *c filled, 0 when nothing codes (no entry, a "---"
 * pattern or block). */
static int choose_code(const ev_resources *r, const ev_view *v, int t, int nominal,
                       uint32_t sfirst, uint32_t slast, ev_choice *c) {
    dict_verb_info info[EV_MAXINFO];
    size_t ni = lookup_verb(r, v, t, slast, info);
    if (ni == 0) return 0;
    int env[EV_MAXENV];
    match_ctx m;
    m.v = v;
    m.ds = r->verbs;
    m.trig = t;
    m.env = env;
    m.nenv = collect_env(v, t, nominal, env);
    m.sfirst = sfirst;
    m.slast = slast;
    m.nominal = nominal;
    m.compound_subj = 0;
    for (int x = t, k = 0; x >= 0 && k < 3 && !m.compound_subj; k++) {
        int sj = ev_child(v, x, "nsubj");
        if (sj >= 0) {
            m.compound_subj = ev_child(v, sj, "conj") >= 0;
            break;
        }
        /* a conjoined or xcomp verb shares its head's subject */
        x = ev_rel_base(v, x, "conj") || ev_rel_base(v, x, "xcomp") ? v->d->head[x] : -1;
    }
    prepare_match(&m);
    const dict_pattern *best = NULL;
    int best_score = -1;
    ev_slot best_t = {-1, 0, 0}, best_s = {-1, 0, 0};
    int best_phrase = -1;
    ev_pwords best_pw = {0, {0}};
    for (size_t i = 0; i < ni; i++) {
        ev_tracef(v, "  verb entry %s (block %s, code %s) %s:%u, %zu patterns", info[i].phrase,
                  info[i].block, info[i].code, base_name(info[i].file), info[i].line,
                  info[i].npatterns);
        for (size_t j = 0; j < info[i].npatterns; j++) {
            const dict_pattern *p = &info[i].patterns[j];
            ev_slot ts, ss;
            int ph;
            ev_pwords pw;
            int s = match_pattern(&m, p, &ts, &ss, &ph, &pw);
            if (s < 0) continue;
            ev_tracef(v, "    pattern %s:%u [%s] '%s' matches (%d words)%s", base_name(p->file),
                      p->line, p->code, p->text, s,
                      s > best_score ? "" : " - less specific than an earlier match");
            if (s > best_score) {
                best = p;
                best_score = s;
                best_t = ts;
                best_s = ss;
                best_phrase = ph;
                best_pw = pw;
            }
        }
    }
    /* a pattern without literal words ("- $ * +") says no more than the block */
    if (best && best_score > 0) {
        if (!parse_code(best->code, c->code, c->rev)) {
            ev_tracef(v, "  -> pattern %s:%u codes %s: no event", base_name(best->file),
                      best->line, best->code);
            return 0;
        }
        c->file = best->file;
        c->line = best->line;
        c->tslot = best_t;
        c->sslot = best_s;
        c->phrase = best_phrase;
        c->words = best_pw;
        int seen_verb = 0, pre = 0, post = 0;
        for (size_t k = 0; k < best->ntoks; k++) {
            int kind = best->toks[k].kind;
            if (kind == DICT_PT_VERB) seen_verb = 1;
            else if (kind == DICT_PT_WORD || kind == DICT_PT_SYNSET) *(seen_verb ? &post : &pre) = 1;
        }
        c->pre_only = pre && !post;
        c->compound = 0;
        for (size_t k = 0; k < best->ntoks; k++)
            c->compound |= best->toks[k].kind == DICT_PT_OTHER && best->toks[k].text &&
                           best->toks[k].text[0] == '%';
        return 1;
    }
    for (size_t i = 0; i < ni; i++)
        if (parse_code(info[i].code, c->code, c->rev)) {
            c->file = info[i].file;
            c->line = info[i].line;
            c->tslot.anchor = c->sslot.anchor = -1;
            c->phrase = -1;
            c->words.n = 0;
            c->pre_only = 0;
            c->compound = 0;
            ev_tracef(v, "  -> no pattern matched: verb code %s (%s:%u)", c->code,
                      base_name(c->file), c->line);
            return 1;
        }
    ev_tracef(v, "  -> no pattern matched and the verb's code is %s: no event", info[0].code);
    return 0;
}

/* ---- roles ---- */

static int add_actor(int *list, int n, int m) {
    if (m < 0 || n >= EV_MAXACT) return n;
    for (int i = 0; i < n; i++)
        if (list[i] == m) return n;
    list[n++] = m;
    return n;
}

/* Head token of mention m: the token whose head lies outside it. */
static int mention_head(const ev_view *v, int m) {
    const mn_mention *mm = &v->d->mentions.v[m];
    for (uint32_t k = mm->first; k < mm->last; k++) {
        int h = v->d->head[k];
        if (h < (int)mm->first || h >= (int)mm->last) return (int)k;
    }
    return (int)mm->first;
}

/* The actors of the conjuncts of t, following chains ("Rohan, Fornost
 * and Bree" parsed as Bree conj of Fornost conj of Rohan). */
static int conj_actors(const ev_view *v, int t, int *list, int n, int depth) {
    if (depth > 8) return n;
    for (int c = v->fc[t]; c >= 0; c = v->ns[c])
        /* an "apposition" with conjuncts of its own is a list member the
         * parser misread ("Evil Mordor, the awful Fornost, and good Gondor") */
        if (ev_rel_base(v, c, "conj") || (ev_rel_base(v, c, "appos") && ev_child(v, c, "conj") >= 0)) {
            n = add_actor(list, n, ev_actor_of(v, c));
            n = conj_actors(v, c, list, n, depth + 1);
        }
    return n;
}

/* The actor of nominal t and of each of its conjuncts, and the conjuncts
 * of the actor found deeper down ("ties with Mordor, Rohan and Bree"),
 * appended to list (EV_MAXACT at most, no duplicates). Returns the new
 * count. */
static int actors_with_conj(const ev_view *v, int t, int *list, int n) {
    int m = ev_actor_of(v, t);
    n = add_actor(list, n, m);
    n = conj_actors(v, t, list, n, 0);
    if (m >= 0) {
        int h = mention_head(v, m);
        if (h != t) n = conj_actors(v, h, list, n, 0);
    }
    return n;
}

static int case_is(const ev_view *v, int t, const char *const *words) {
    int c = ev_case(v, t);
    if (c < 0) return 0;
    for (; *words; words++)
        if (strcmp(v->fold[c], *words) == 0) return 1;
    return 0;
}

static const char *const by_case[] = {"by", NULL};
static const char *const means_case[] = {"in", "by", "during", NULL};
static const char *const place_time_case[] = {"in", "during", "since", "after", "before", "until",
                                              "despite", "amid", "following", "as", "like",
                                              "because", "within", "inside", "according",
                                              "without", NULL};
/* where force is used, the place is its target ("bombing in Gaza") */
static const char *const place_case[] = {"in", "inside", "into", NULL};
static const char *const nominal_target_case[] = {"on", "against", "at", "of", "for", "with",
                                                  "to", "toward", "towards", "upon", "into",
                                                  NULL};
static const char *const light_verbs[] = {"launch", "carry", "conduct", "wage", "begin", "stage",
                                          "mount", "make", "start", "continue", "escalate",
                                          "step", "intensify", "resume", "issue", "renew",
                                          NULL};

/* "launch", "wage", "begin"...: verbs whose object noun is the event. */
static int is_light(const ev_view *v, int h) {
    const char *l = ev_lemma(v, h);
    for (const char *const *w = light_verbs; *w; w++)
        if (strcasecmp(l, *w) == 0) return 1;
    return 0;
}

/* 0 when phrase c is a noun an actor modifies ("killed in a US strike",
 * "in an Israeli raid": it happened in a strike, and the US is no place);
 * else 1 ("in Baghdad", "in the northern parts of Gaza"). */
static int names_place(const ev_view *v, int c) {
    int m = v->tok2m[c];
    if (m >= 0 && v->d->mentions.v[m].code) return 1;
    for (int k = v->fc[c]; k >= 0; k = v->ns[k])
        if ((ev_rel_base(v, k, "compound") || ev_rel_base(v, k, "amod") ||
             ev_rel(v, k, "nmod:poss")) &&
            v->tok2m[k] >= 0 && v->d->mentions.v[v->tok2m[k]].code)
            return 0;
    return 1;
}

/* 1 when the sentence of token t ends without . ! ? or a closing quote
 * after one: a headline or title line. */
static int headline(const ev_view *v, int t) {
    const tac_doc *d = v->d;
    uint32_t s = d->tokens.v[t].sentence, last = d->sentences.v[s].last;
    if (last == 0) return 0;
    const char *w = v->fold[last - 1];
    if (last >= 2 && (!strcmp(w, "\"") || !strcmp(w, "'") || !strcmp(w, "\u201d") || !strcmp(w, ")")))
        w = v->fold[last - 2];
    return strcmp(w, ".") && strcmp(w, "!") && strcmp(w, "?") && strcmp(w, "...");
}

/* A participle with no auxiliary and no object, heading a reduced
 * relative clause ("the commander killed by Israeli troops") or a headline
 * ("Two Iraqi soldiers killed in US strike"): passive, so its noun or
 * subject is what was acted on. (With an object it is a past tense the
 * tagger read as a participle: "police arrested students".) A participle
 * with a subject is only taken as passive with a "by" phrase or in a
 * clause of a headline (no closing punctuation): "the mayor left yesterday",
 * tagged VBN, is active. */
static int reduced_passive(const ev_view *v, int t) {
    if (!v->d->xpos || strcmp(v->d->xpos[t], "VBN") != 0) return 0;
    int by = 0, obj = 0;
    for (int c = v->fc[t]; c >= 0; c = v->ns[c]) {
        /* (an xcomp: "a woman believed linked to Al-Qaeda" raises the noun
         * to the subject of what follows) */
        if (ev_rel_base(v, c, "aux") || ev_rel_base(v, c, "ccomp") || ev_rel_base(v, c, "cop") ||
            ev_rel_base(v, c, "xcomp"))
            return 0;
        obj |= ev_rel_base(v, c, "obj") || ev_rel_base(v, c, "iobj");
        by |= ev_rel_base(v, c, "obl") && case_is(v, c, by_case);
    }
    if (ev_child(v, t, "nsubj") >= 0 && headline(v, t))
        return 1;   /* a headline's VBN is passive even when the parser found an object */
    if (obj) return 0;
    if (ev_rel(v, t, "acl")) return 1;
    if (ev_child(v, t, "nsubj") < 0) return 0;
    return by;
}

static int is_passive(const ev_view *v, int t) {
    for (int c = v->fc[t]; c >= 0; c = v->ns[c])
        if (ev_rel(v, c, "nsubj:pass") || ev_rel(v, c, "aux:pass")) return 1;
    return reduced_passive(v, t);
}



/* 1 when conjunct t is coordinated: it or a later conjunct of its head has
 * a coordinating conjunction ("met, praised and thanked"). A conj with
 * none is mostly the parser joining two clauses it could not relate
 * ("The Prime Minister's remarks took place a day after a US attack
 * killed a commander": "killed" read as a conjunct of "took"), and taking
 * the first clause's subject there makes a false source. */
static int coordinated(const ev_view *v, int t) {
    int h = v->d->head[t];
    if (h < 0) return 0;
    for (int c = v->fc[h]; c >= 0; c = v->ns[c]) {
        if (c < t || !ev_rel_base(v, c, "conj")) continue;
        if (ev_child(v, c, "cc") >= 0) return 1;
    }
    return 0;
}

/* Sources of verb t: its subject (the "by" phrase of a passive), the head
 * of a relative clause, the subject of the verb it is an xcomp or
 * conjunct of (the object for "urged X to"). */
static int verb_sources(const ev_view *v, int t, int *list, int depth) {
    int n = 0, pass = is_passive(v, t), subj = -1;
    for (int c = v->fc[t]; c >= 0; c = v->ns[c]) {
        if (pass ? ((ev_rel(v, c, "obl:agent") || ev_rel_base(v, c, "obl")) && case_is(v, c, by_case))
                 : ev_rel(v, c, "nsubj")) {
            subj = c;
            n = actors_with_conj(v, c, list, n);
        }
    }
    if (n) return n;
    int h = v->d->head[t];
    /* a relative clause acts for its noun, unless passive ("the commander
     * killed by ...": the noun is the target) */
    if (h >= 0 && ev_rel_base(v, t, "acl") && !pass) {
        n = add_actor(list, n, ev_actor_of(v, h));
        if (n) return n;
    }
    /* "Ethiopia indicated it would act": an uncoded pronoun subject of a
     * reported clause is the speaker */
    int that = ev_case(v, t);
    if (h >= 0 && subj >= 0 && is_upos(v, subj, "PRON") && depth < 3 &&
        (ev_rel_base(v, t, "ccomp") ||
         (ev_rel_base(v, t, "advcl") && that >= 0 && !strcmp(v->fold[that], "that"))))
        return verb_sources(v, h, list, depth + 1);
    /* "Arnor is inching nearer to accord with Gondor": a purpose
     * infinitive acts for the subject of the verb it hangs on */
    if (subj < 0 && h >= 0 && depth < 3 && ev_rel_base(v, t, "advcl") && infinitive(v, t) &&
        !pass)
        return verb_sources(v, h, list, depth + 1);
    if (subj < 0 && h >= 0 && depth < 3 &&
        (ev_rel_base(v, t, "xcomp") || (ev_rel_base(v, t, "conj") && coordinated(v, t)))) {
        int o = ev_rel_base(v, t, "xcomp") ? ev_child(v, h, "obj") : -1;
        if (o >= 0) return actors_with_conj(v, o, list, 0);
        /* "Gollum was seen to break into ...": the raised passive subject */
        int ps = ev_rel_base(v, t, "xcomp") && is_passive(v, h) ? ev_child(v, h, "nsubj") : -1;
        if (ps >= 0 && ev_rel(v, ps, "nsubj:pass")) return actors_with_conj(v, ps, list, 0);
        return verb_sources(v, h, list, depth + 1);
    }
    /* a noun the tagger read as a verb keeps its actor right before it
     * ("a series of US strikes on ..."): only when no nominal subject, and
     * not an actor under a preposition ("an attack in Baghdad killed":
     * Baghdad is where, not who) */
    if (!pass && (subj < 0 || !(is_upos(v, subj, "NOUN") || is_upos(v, subj, "PROPN") ||
                                is_upos(v, subj, "PRON")))) {
        if (t > 0 && v->tok2m[t - 1] >= 0 && ev_child(v, t - 1, "case") < 0 &&
            v->d->mentions.v[v->tok2m[t - 1]].last == (uint32_t)t &&
            v->d->mentions.v[v->tok2m[t - 1]].code && v->d->tokens.v[t - 1].sentence ==
                                                      v->d->tokens.v[t].sentence)
            n = add_actor(list, n, v->tok2m[t - 1]);
    }
    return n;
}

static const char *actor_code(const ev_view *v, int m);

/* Drops from list the actors that are a source or share its code ("its
 * troops" of the Pentagon is no target of the Pentagon). */
static int drop_sources(const ev_view *v, int *list, int n, const int *src, int nsrc) {
    int k = 0;
    for (int i = 0; i < n; i++) {
        int same = 0;
        for (int j = 0; j < nsrc && !same; j++)
            same = list[i] == src[j] || strcmp(actor_code(v, list[i]), actor_code(v, src[j])) == 0;
        if (!same) list[k++] = list[i];
    }
    return k;
}

/* 1 when clause c says when or why ("two weeks after rebels kidnapped
 * peacekeepers", "because ..."): its actors are not the verb's target. */
static int circumstance(const ev_view *v, int c) {
    static const char *const marks[] = {"after", "before", "when", "while", "since", "until",
                                        "because", "although", "though", "once", "as", NULL};
    for (int k = v->fc[c]; k >= 0; k = v->ns[k])
        if (ev_rel_base(v, k, "mark") || ev_rel_base(v, k, "case") || ev_rel_base(v, k, "advmod"))
            for (const char *const *m = marks; *m; m++)
                if (!strcmp(v->fold[k], *m)) return 1;
    return 0;
}

/* Targets of verb t: the passive subject, objects, prepositional
 * arguments other than places and times, then actors inside an xcomp or
 * advcl ("called for ending the presence of the coalition"); a class
 * holding only the sources themselves gives way to the next. */
static int verb_targets(const ev_view *v, int t, int *list, int places, const int *src, int nsrc) {
    int n = 0, pass = is_passive(v, t);
    for (int c = v->fc[t]; c >= 0; c = v->ns[c])
        /* in a passive (is_passive) any subject is the one acted on: nsubj:pass,
         * or the plain nsubj the parser gives a reduced passive */
        if ((pass && ev_rel_base(v, c, "nsubj")) || ev_rel_base(v, c, "obj") ||
            ev_rel_base(v, c, "iobj"))
            n = actors_with_conj(v, c, list, n);
    if ((n = drop_sources(v, list, n, src, nsrc))) return n;
    /* the noun of a passive relative clause is what was acted on */
    if (pass && ev_rel(v, t, "acl") && v->d->head[t] >= 0) {
        n = add_actor(list, n, ev_actor_of(v, v->d->head[t]));
        if ((n = drop_sources(v, list, n, src, nsrc))) return n;
    }
    for (int c = v->fc[t]; c >= 0; c = v->ns[c])
        if (ev_rel_base(v, c, "obl") && !ev_rel(v, c, "obl:agent") && !ev_rel(v, c, "obl:tmod") &&
            !case_is(v, c, by_case) &&
            (places ? case_is(v, c, place_case) && names_place(v, c)
                    : !case_is(v, c, place_time_case))) {
            n = actors_with_conj(v, c, list, n);
            if ((n = drop_sources(v, list, n, src, nsrc))) return n;
        }
    if (places) return 0;
    for (int c = v->fc[t]; c >= 0; c = v->ns[c])
        if (ev_rel_base(v, c, "xcomp") ||
            (ev_rel_base(v, c, "advcl") && !that_clause(v, c) && !env_skip(v, c, 0, 1) &&
             !circumstance(v, c))) {
            n = add_actor(list, n, ev_actor_of(v, c));
            if ((n = drop_sources(v, list, n, src, nsrc))) return n;
        }
    /* "Arnor believes Dagolath and Osgiliath can cope ...": with no
     * object, the subject of the that-clause is the target (PETRARCH) */
    for (int c = v->fc[t]; c >= 0; c = v->ns[c])
        if ((ev_rel_base(v, c, "ccomp") || that_clause(v, c)) && c > t) {
            /* (c > t: a fronted quote, "X did Y, an official said", is no
             * target.) The subject itself, not an actor somewhere under
             * it ("disputes in the South China Sea" is not China). */
            int sj = ev_child(v, c, "nsubj");
            /* (a subject under a preposition is a clause the parser could
             * not place: "said, two weeks after rebels kidnapped ...") */
            if (sj >= 0 && coded(v, v->tok2m[sj]) && ev_case(v, sj) < 0 && !circumstance(v, c))
                n = actors_with_conj(v, sj, list, n);
            n = drop_sources(v, list, n, src, nsrc);
            /* "the Pentagon said that the US forces ...": a speaker's own
             * country in what it says is no interaction */
            int k = 0;
            for (int i = 0; i < n; i++) {
                int same = 0;
                for (int j = 0; j < nsrc && !same; j++)
                    same = strncmp(actor_code(v, list[i]), actor_code(v, src[j]), 3) == 0 &&
                           strncmp(actor_code(v, list[i]), "---", 3) != 0;
                if (!same) list[k++] = list[i];
            }
            if ((n = k)) return n;
        }
    /* conjoined verbs share an object: "met and praised China" */
    if (ev_child(v, t, "obj") < 0) {
        for (int c = v->fc[t]; c >= 0 && !n; c = v->ns[c])
            if (ev_rel_base(v, c, "conj") && is_upos(v, c, "VERB") && ev_child(v, c, "nsubj") < 0)
                for (int o = v->fc[c]; o >= 0; o = v->ns[o])
                    if (ev_rel_base(v, o, "obj")) n = actors_with_conj(v, o, list, n);
        int h = v->d->head[t];
        if (!n && h >= 0 && ev_rel_base(v, t, "conj") && is_upos(v, h, "VERB") &&
            ev_child(v, t, "nsubj") < 0)
            for (int o = v->fc[h]; o >= 0; o = v->ns[o])
                if (ev_rel_base(v, o, "obj")) n = actors_with_conj(v, o, list, n);
        n = drop_sources(v, list, n, src, nsrc);
    }
    return n;
}

/* Last resort for verb t, as PETRARCH takes the first actor of the verb
 * phrase: the first coded actor after t among the words of its phrase
 * ("risen in the dispute with Osgiliath", "cordoned off the roads leading
 * into Mordor", "memos sent by Bree"), but not a place or time phrase of
 * the verb itself ("said in Washington"). */
static int phrase_targets(const ev_view *v, int t, int *list, const int *src, int nsrc) {
    static const char *const place_only[] = {"in", "inside", "at", NULL};
    int env[EV_MAXENV];
    size_t ne = collect_env(v, t, 0, env);
    for (size_t i = 0; i < ne; i++) {
        int y = env[i], m = v->tok2m[y];
        if (y <= t || m < 0 || !v->d->mentions.v[m].code) continue;
        int h = mention_head(v, m);
        /* "its embassy" is not the country "its" stands for */
        if (ev_rel(v, h, "nmod:poss") && is_upos(v, h, "PRON")) continue;
        /* the verb's own phrase of place ("in Bree", "in Calenardhon
         * crowds") or time ("years after Calenardhon crowds ...") */
        int c = h, skip = 0;
        while (c >= 0 && v->d->head[c] != t) c = v->d->head[c];
        if (c >= 0 && ev_rel_base(v, c, "obl") && case_is(v, c, place_time_case))
            skip = !case_is(v, c, place_only) || h == c ||
                   (v->d->head[h] == c && !ev_rel_base(v, h, "nmod"));
        /* nor the verb's bare time phrases ("two weeks after rebels ...") */
        if (c >= 0 && (ev_rel(v, c, "obl:unmarked") || ev_rel(v, c, "obl:tmod") ||
                       ev_rel(v, c, "obl:npmod")))
            skip = 1;
        /* nor, deeper, a place or time ("disputes in the South China Sea") */
        int ph = (ev_rel_base(v, h, "compound") || ev_rel_base(v, h, "amod")) ? v->d->head[h] : h;
        if (ph >= 0 && ph != c && case_is(v, ph, place_time_case)) skip = 1;
        if (skip) continue;
        int n = actors_with_conj(v, h, list, 0);
        if ((n = drop_sources(v, list, n, src, nsrc))) return n;
    }
    return 0;
}

/* Source of nominal t: a possessor, compound or adjective actor ("US
 * strikes", "Israel's war", "the Israeli bombing"), a "by" phrase under
 * it, or the subject of a light verb ("Israel launched an attack"). */
static int noun_sources(const ev_view *v, int t, int *list) {
    int n = 0;
    for (int c = v->fc[t]; c >= 0; c = v->ns[c])
        if (ev_rel(v, c, "nmod:poss") || ev_rel_base(v, c, "compound") || ev_rel_base(v, c, "amod"))
            n = actors_with_conj(v, c, list, n);
    if (n) return n;
    /* a "by" phrase anywhere under it, breadth first */
    int q[64], qn = 0, qi = 0;
    q[qn++] = t;
    while (qi < qn && !n) {
        int x = q[qi++];
        for (int c = v->fc[x]; c >= 0 && !n; c = v->ns[c]) {
            if (ev_rel_base(v, c, "acl") || ev_rel_base(v, c, "conj") || ev_rel_base(v, c, "punct"))
                continue;
            if ((ev_rel_base(v, c, "nmod") || ev_rel_base(v, c, "obl")) && case_is(v, c, by_case))
                n = actors_with_conj(v, c, list, n);
            else if (qn < 64)
                q[qn++] = c;
        }
    }
    if (n) return n;
    int h = v->d->head[t];
    if (h >= 0 && ev_rel_base(v, t, "obj") && is_light(v, h)) return verb_sources(v, h, list, 0);
    return 0;
}

/* Targets of nominal t: prepositional dependents (on, against, of...),
 * else the object of the verb the noun is the subject of ("a US attack
 * killed a commander"). */
static int noun_targets(const ev_view *v, int t, const int *src, int nsrc, int *list,
                        int places) {
    int n = 0;
    for (int c = v->fc[t]; c >= 0 && !n; c = v->ns[c]) {
        if (!ev_rel_base(v, c, "nmod") || ev_rel(v, c, "nmod:poss") ||
            !case_is(v, c, places ? place_case : nominal_target_case) ||
            (places && !names_place(v, c)))
            continue;
        int tmp[EV_MAXACT], k = actors_with_conj(v, c, tmp, 0);
        for (int i = 0; i < k; i++) {
            int dup = 0;
            for (int j = 0; j < nsrc; j++) dup |= src[j] == tmp[i];
            if (!dup) n = add_actor(list, n, tmp[i]);
        }
    }
    if (n || places) return n;
    int h = v->d->head[t];
    if (h >= 0 && ev_rel_base(v, t, "obj") && is_light(v, h)) {
        /* "began its war on Gaza", the phrase attached to the verb */
        for (int c = v->fc[h]; c >= 0 && !n; c = v->ns[c])
            if (ev_rel_base(v, c, "obl") && case_is(v, c, nominal_target_case))
                n = actors_with_conj(v, c, list, 0);
        if (n) return n;
    }
    if (h >= 0 && ev_rel(v, t, "nsubj") && is_upos(v, h, "VERB")) {
        int o = ev_child(v, h, "obj");
        if (o >= 0) n = actors_with_conj(v, o, list, 0);
    }
    /* "two soldiers were killed in a US strike": whoever suffered what the
     * event noun is the means of */
    if (!n && h >= 0 && ev_rel_base(v, t, "obl") && case_is(v, t, means_case)) {
        int pass = is_passive(v, h);
        /* "were wounded" read as copula + adjective; "died in" */
        size_t hl = strlen(v->fold[h]);
        int participle = hl > 3 && (!strcmp(v->fold[h] + hl - 2, "ed") ||
                                    !strcmp(v->fold[h] + hl - 2, "en"));
        int suffered = pass || (ev_child(v, h, "cop") >= 0 && is_upos(v, h, "ADJ") && participle) ||
                       ev_lemma_is(v, h, "die") || ev_lemma_is(v, h, "perish");
        for (int c = v->fc[h]; suffered && c >= 0 && !n; c = v->ns[c])
            if (pass ? ev_rel_base(v, c, "nsubj") : ev_rel(v, c, "nsubj"))
                n = actors_with_conj(v, c, list, 0);
        n = drop_sources(v, list, n, src, nsrc);
    }
    return n;
}

/* ---- the layer ---- */

/* Adds e unless its sentence has it already (same code and dyad) or has
 * L->max_per_sentence events (then it is counted as dropped). Sentences
 * are coded in order, so a sentence's events are the tail of the layer:
 * the scan stops there instead of comparing with the whole article. */
static int push_event(tac_doc *d, const ev_event *e) {
    struct ev_layer *L = d->events;
    size_t same = 0;
    for (size_t i = L->n; i-- > 0 && L->v[i].sentence == e->sentence; same++) {
        const ev_event *o = &L->v[i];
        if (strcmp(o->code, e->code) == 0 && strcmp(o->scode, e->scode) == 0 &&
            strcmp(o->tcode, e->tcode) == 0)
            return 0; /* one event per sentence, dyad and code */
    }
    if (L->max_per_sentence && same >= L->max_per_sentence) {
        if (L->dropped_sentences == 0 || L->last_dropped != e->sentence) L->dropped_sentences++;
        L->last_dropped = e->sentence;
        L->dropped++;
        return 0;
    }
    if (L->n == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 16;
        ev_event *nv = ar_alloc(&d->ar, cap * sizeof *nv);
        if (!nv) return -1;
        if (L->n) memcpy(nv, L->v, L->n * sizeof *nv);
        L->v = nv;
        L->cap = cap;
    }
    L->v[L->n++] = *e;
    return 0;
}

static const char *mention_text(const ev_view *v, int m, char *out, size_t cap) {
    if (m < 0) {
        snprintf(out, cap, "(none) [---]");
        return out;
    }
    const mn_mention *mm = &v->d->mentions.v[m];
    const tk_token *a = &v->d->tokens.v[mm->first], *z = &v->d->tokens.v[mm->last - 1];
    snprintf(out, cap, "%.*s [%s]", (int)(z->end - a->start), v->d->norm.data + a->start,
             mm->code ? mm->code : "-");
    return out;
}

/* The code of mention m as the event reports it: an agent without a
 * country ("---GOV", "---OPP") takes the country of an actor attached to
 * its head ("Gondor's government", "activists in Arnor", "the government
 * of Iraq"), as PETRARCH composes them. Arena string or m's own code. */
static const char *actor_code(const ev_view *v, int m) {
    if (m < 0) return "---"; /* the missing side of a one-sided event */
    const mn_mention *mm = &v->d->mentions.v[m];
    if (strncmp(mm->code, "---", 3) != 0) return mm->code;
    /* the phrase head, then the first conjunct it is conjoined to
     * ("lawmakers and officials in Fornost": officials of Fornost too) */
    int h = mention_head(v, m);
    for (int pass = 0; pass < 2 && h >= 0; pass++) {
        /* "Danish media and government": the first conjunct's country
         * adjective holds for the government too (DNK + GOV), but only its
         * country, not the media's role */
        int fm = pass ? v->tok2m[h] : -1;
        if (fm >= 0 && fm != m && v->d->mentions.v[fm].code &&
            strncmp(v->d->mentions.v[fm].code, "---", 3) && v->d->mentions.v[fm].first < (uint32_t)h &&
            (v->d->mentions.v[fm].how & MN_ACTOR)) {
            char cc[64];
            int w = snprintf(cc, sizeof cc, "%.3s%s", v->d->mentions.v[fm].code, mm->code + 3);
            if (w > 0 && (size_t)w < sizeof cc) {
                char *code = ar_strndup(&v->d->ar, cc, (size_t)w);
                if (code) return code;
            }
        }
        for (int c = v->fc[h]; c >= 0; c = v->ns[c]) {
            /* of the first conjunct only what follows it ("in Fornost"), not
             * "Danish" of "the Danish media and government" */
            if (pass ? !(ev_rel_base(v, c, "nmod") && !ev_rel(v, c, "nmod:poss") && c > h)
                     : !(ev_rel(v, c, "nmod:poss") || ev_rel_base(v, c, "nmod") ||
                         ev_rel_base(v, c, "compound") || ev_rel_base(v, c, "amod")))
                continue;
            int o = ev_actor_of(v, c); /* "from Gondor wire" misparsed: under it */
            if (o < 0 || o == m || !v->d->mentions.v[o].code ||
                strncmp(v->d->mentions.v[o].code, "---", 3) == 0)
                continue;
            /* "lawmakers in Fornost and Gondor": FORLEG/GONLEG, which
             * emit_codes splits into one event per code */
            char joined[256];
            size_t len = 0;
            int oh = mention_head(v, o);
            for (int k = -1; k < 0 || k < (int)v->n; ) {
                int om = k < 0 ? o : v->tok2m[k];
                if (om >= 0 && v->d->mentions.v[om].code &&
                    strncmp(v->d->mentions.v[om].code, "---", 3) != 0 && len + 40 < sizeof joined) {
                    /* the actor's whole code, then the roles it lacks, as
                     * PETRARCH mixes them: "activists of Gonzo GMO" is
                     * GONGMO + OPP, "officials in the White House" USAGOV */
                    const char *oc = v->d->mentions.v[om].code, *role = mm->code + 3;
                    int w = snprintf(joined + len, sizeof joined - len, "%s%s%s", len ? "/" : "",
                                     oc, strstr(oc + 3, role) ? "" : role);
                    if (w > 0) len += (size_t)w;
                }
                /* next conjunct of the country, down chains of conjuncts
                 * ("Arnor, Osgiliath and Gondor" with Gondor conj of
                 * Osgiliath): conjuncts come after their head in the text */
                int nk = -1;
                for (int y = (k < 0 ? oh : k) + 1; y < (int)v->n && nk < 0; y++)
                    if (ev_rel_base(v, y, "conj") && ev_in_subtree(v, y, oh)) {
                        int z = y;
                        while (z != oh && ev_rel_base(v, z, "conj")) z = v->d->head[z];
                        if (z == oh) nk = y;
                    }
                if (nk < 0) break;
                k = nk;
            }
            char *code = ar_strndup(&v->d->ar, joined, len);
            return code ? code : mm->code;
        }
        h = ev_rel_base(v, h, "conj") ? v->d->head[h] : -1;
    }
    return mm->code;
}

static int emit_codes(const ev_view *v, const ev_choice *c, const char *code, const cb_entry *cb,
                      int a, int b, const char *ac, const char *bc, int t, uint32_t s, int nominal,
                      ev_modality mod);

/* 1 when mention m is the object of "in", "inside" or "into": a place. */
static int in_place_phrase(const ev_view *v, int m) {
    int h = mention_head(v, m);
    return h >= 0 && case_is(v, h, place_case);
}

/* Pushes a -> b with code for trigger t unless a and b are one actor. */
static int emit(const ev_resources *r, const ev_view *v, const ev_choice *c, const char *code,
                int a, int b, int t, uint32_t s, int nominal, ev_modality mod) {
    const cb_entry *cb = cb_lookup(r->cb, code);
    if (!cb && r->any_code) cb = &no_entry;
    if (!cb) {
        ev_tracef(v, "  -> code %s is not in the CAMEO codebook: no event", code);
        return 0;
    }
    const char *ac = actor_code(v, a), *bc = actor_code(v, b);
    /* A place force was used in (roots 18-20) stands for its country, not
     * for the government its name can also mean: "a US attack in Baghdad"
     * hit Iraq, not the Iraqi government (BAGHDAD_ is [IRQGOV] as a
     * metonym). Other actions keep the metonym: "criticized the closure
     * of guest houses in Michel Delving" is aimed at its government. */
    char *pc;
    int root = code_root(code);
    if (b >= 0 && root >= 18 && root <= 20 && strlen(bc) == 6 && !strcmp(bc + 3, "GOV") &&
        in_place_phrase(v, b)) {
        if (!(pc = ar_alloc(&v->d->ar, 4))) return -1;   /* events keep the pointer */
        memcpy(pc, bc, 3);
        pc[3] = 0;
        bc = pc;
        char nb[256];
        ev_tracef(v, "  target %s is where it happened: coded as its country %s, not %s",
                  mention_text(v, b, nb, sizeof nb), pc, actor_code(v, b));
    }
    return emit_codes(v, c, code, cb, a, b, ac, bc, t, s, nominal, mod);
}

/* One event per actor code: "FRO/BIL/SAM" (an actor the dictionary gives
 * several codes, PETRARCH's "/") is three actors. */
static int emit_codes(const ev_view *v, const ev_choice *c, const char *code, const cb_entry *cb,
                      int a, int b, const char *ac, const char *bc, int t, uint32_t s, int nominal,
                      ev_modality mod) {
    char b1[256], b2[256];
    const char *sl = strchr(ac, '/');
    const char *sl2 = strchr(bc, '/');
    if (sl || sl2) {
        const char *x = sl ? ac : bc, *p = x;
        for (;;) {
            const char *e = strchr(p, '/');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            char *part = ar_strndup(&v->d->ar, p, n);
            if (!part) return -1;
            if (emit_codes(v, c, code, cb, a, b, sl ? part : ac, sl ? bc : part, t, s, nominal, mod))
                return -1;
            if (!e) break;
            p = e + 1;
        }
        return 0;
    }
    if (a == b || strcmp(ac, bc) == 0) {
        ev_tracef(v, "  -> %s and %s: same actor, no event", mention_text(v, a, b1, sizeof b1),
                  mention_text(v, b, b2, sizeof b2));
        return 0;
    }
    /* an actor's own country named as a place ("The Canadian government
     * announced bans on travel to Canada": CANGOV -> CAN; "the US Park
     * Service supported ... in the US") is where, not whom. (A country
     * as a participant stays: PETRARCH codes Cirith Ungol [MORMIL]
     * hosting for Mordor [MOR].) */
    size_t al = strlen(ac), bl = strlen(bc);
    int bh = b >= 0 ? mention_head(v, b) : -1;
    if (strncmp(ac, "---", 3) && bl == 3 && al > 3 && !strncmp(ac, bc, 3) && bh >= 0 &&
        ev_case(v, bh) >= 0) {
        ev_tracef(v, "  -> %s [%s] and %s [%s]: its own country as a place, no event",
                  mention_text(v, a, b1, sizeof b1), ac, mention_text(v, b, b2, sizeof b2), bc);
        return 0;
    }
    ev_event e = {s, (uint32_t)t, a, b, ac, bc, "", cb, mod, nominal, base_name(c->file), c->line};
    memcpy(e.code, code, strlen(code) + 1);
    ev_tracef(v, "  -> EVENT %s -> %s  %s (%s) %s, pattern %s:%u", mention_text(v, a, b1, sizeof b1),
              mention_text(v, b, b2, sizeof b2), code, cb->name, ev_modality_name(mod), e.pat_file,
              e.pat_line);
    return push_event(v->d, &e);
}

/* 1 if t ends a noun phrase: a noun, name or pronoun not followed by
 * another noun or name. */
static int np_end(const ev_view *v, int t, uint32_t slast) {
    if (!(is_upos(v, t, "NOUN") || is_upos(v, t, "PROPN") || is_upos(v, t, "PRON"))) return 0;
    return (uint32_t)t + 1 >= slast ||
           !(is_upos(v, t + 1, "NOUN") || is_upos(v, t + 1, "PROPN"));
}

/* The actors a pattern slot points at (TABARI's reading of '+', '$' and
 * '^'): after the anchor, the actor of the anchor's phrase ("(FROM $)"),
 * else, past `skip` noun phrases, the actor of the next noun phrase or
 * the first actor after it ("IFTAR IN ^ +": "in Osgiliath with the
 * leaders of Gondor" -> Gondor); before it, the nearest actor ("+
 * HOSTING *": "Mordor will be hosting"). Returns the number of actors. */
static int slot_actors(const ev_view *v, const ev_slot *sl, uint32_t sfirst, uint32_t slast,
                       int *list) {
    int a = sl->anchor;
    if (a < 0) return 0;
    if (sl->dir < 0) {
        for (int y = a - 1; y >= (int)sfirst; y--)
            if (coded(v, v->tok2m[y])) return actors_with_conj(v, mention_head(v, v->tok2m[y]), list, 0);
        return 0;
    }
    if (sl->skip == 0) {
        int h = is_upos(v, a, "ADP") ? v->d->head[a] : a;
        if (h >= 0) {
            int n = actors_with_conj(v, h, list, 0);
            if (n) return n;
        }
    }
    int skip = sl->skip;
    for (int y = a + 1; y < (int)slast; y++) {
        if (skip > 0) {
            skip -= np_end(v, y, slast);
            continue;
        }
        if (coded(v, v->tok2m[y])) return actors_with_conj(v, mention_head(v, v->tok2m[y]), list, 0);
        if (np_end(v, y, slast)) {
            int n = actors_with_conj(v, y, list, 0);
            if (n) return n;
        }
    }
    return 0;
}

/* Whether the reverse half of a two-sided code ("[190:190]" clash) holds
 * for target mention m. A pattern that names its counterpart by a bare
 * preposition ("- * WITH", "- * (BETWEEN)") puts the other party in that
 * phrase; when the target came from elsewhere ("US strikes on armed groups
 * with ties to Iran": WITH matched "ties"), nothing in the text says the
 * target acted back. */
static int reverse_holds(const ev_view *v, const ev_choice *c, int m) {
    if (c->tslot.anchor >= 0 || m < 0) return 1;
    /* a pattern whose words all stand before the verb ("&WEAPON *":
     * "Russian missiles struck an apartment building in Odesa") names no
     * counterpart: no reverse half (conjoined parties acting on each
     * other get both directions from their pairs anyway) */
    if (c->phrase < 0) return !c->pre_only;
    const mn_mention *mm = &v->d->mentions.v[m];
    for (uint32_t k = mm->first; k < mm->last; k++)   /* [first, last) */
        if (ev_in_subtree(v, (int)k, c->phrase)) return 1;
    return 0;
}

/* Drops from list the mentions that are a modifier inside the pattern's
 * own words: in "conducting military exercises" ('* {&MILITARY
 * EXERCISES}' [150]) "military" qualifies "exercises", both pattern words,
 * and is part of what was done, not whom it was done to. A pattern word
 * that is itself the argument stays ('* (WITH RIOTERS)': the rioters are
 * the target). */
static int drop_pattern_words(const ev_view *v, const ev_choice *c, int *list, int n) {
    int k = 0;
    char b[256];
    for (int i = 0; i < n; i++) {
        int h = list[i] >= 0 ? mention_head(v, list[i]) : -1, in = 0, up = 0;
        int hh = h >= 0 ? v->d->head[h] : -1;
        for (int w = 0; w < c->words.n; w++) {
            in |= c->words.tok[w] == h;
            up |= hh >= 0 && c->words.tok[w] == hh;
        }
        in = in && up;
        if (in) ev_tracef(v, "  %s is a word of the pattern, not a target",
                          mention_text(v, list[i], b, sizeof b));
        else list[k++] = list[i];
    }
    return k;
}

/* Codes trigger t of sentence s. Returns 0 or -1 (no memory). */
static int code_trigger(const ev_resources *r, const ev_view *v, int t, uint32_t s, int nominal) {
    tac_doc *d = v->d;
    const ss_sentence *ss = &d->sentences.v[s];
    ev_choice c;
    ev_tracef(v, "%s '%s' (lemma %s, token %d)", nominal ? "noun" : "verb", v->fold[t],
              ev_lemma(v, t), t);
    if (!choose_code(r, v, t, nominal, ss->first, ss->last, &c)) return 0;
    const char *main_code = c.code[0] ? c.code : c.rev;
    int src[EV_MAXACT], tgt[EV_MAXACT];
    int ns = nominal ? noun_sources(v, t, src) : verb_sources(v, t, src, 0);
    int nt = 0;
    char b1[256];
    int k = slot_actors(v, &c.sslot, ss->first, ss->last, src);
    if (k) {
        ns = k;
        ev_tracef(v, "  source from the pattern's $ slot: %s", mention_text(v, src[0], b1, sizeof b1));
    }
    nt = slot_actors(v, &c.tslot, ss->first, ss->last, tgt);
    if (nt) ev_tracef(v, "  target from the pattern's + slot: %s", mention_text(v, tgt[0], b1, sizeof b1));
    if (!nt) nt = nominal ? noun_targets(v, t, src, ns, tgt, 0) : verb_targets(v, t, tgt, 0, src, ns);
    /* "The Philippines and France agree ...": conjoined subjects of a
     * cooperative verb without a target act on each other (03-08), before
     * the last-resort phrase search would take an actor deeper in the
     * clause ("agreed to restore relations in a deal brokered by China");
     * so do those of a '%' pattern ("Gondor and Osgiliath have delayed
     * their meeting") */
    int root = code_root(main_code);
    for (int pass = 0; pass < 2; pass++) {
        /* first the reciprocal roots (03-05: agree, meet, cooperate), then,
         * after the phrase search, the rest of 03-08 ("Neither Galadriel
         * nor Gollum boycotted the parade supporting Gondor": Gondor) */
        if (!nt && ns >= 2 && root >= 3 && root <= (pass ? 8 : 5) && !nominal) {
            for (int i = 0; i < ns; i++) tgt[i] = src[i];
            nt = ns;
        }
        if (!pass && ns && !nt && !nominal) nt = phrase_targets(v, t, tgt, src, ns);
    }
    nt = drop_pattern_words(v, &c, tgt, nt);
    if (!nt && c.compound && ns >= 2) {
        for (int i = 0; i < ns; i++) tgt[i] = src[i];
        nt = ns;
    }
    /* a place is the target of force used in it and of a visit to it:
     * fighting (18-20), visiting and hosting (042-044), cooperation (03).
     * Not of a meeting (040, 041, 045, 046): "Obama and Putin will meet
     * in Zurich" is no event with Switzerland. */
    int visit = root == 4 && (main_code[2] == '2' || main_code[2] == '3' || main_code[2] == '4');
    if (!nt && ((root >= 18 && root <= 20) || root == 3 || visit))
        nt = nominal ? noun_targets(v, t, src, ns, tgt, 1) : verb_targets(v, t, tgt, 1, src, ns);
    if (!ns || !nt) {
        if (v->one_sided && (ns || nt)) {
            /* require_dyad off: the missing side is coded "---" */
            if (!ns) src[ns++] = -1;
            else tgt[nt++] = -1;
            ev_tracef(v, "  -> code %s with one side missing (one-sided events allowed)", main_code);
        } else {
            ev_tracef(v, "  -> code %s but %s: no event (an event needs a coded source and target)",
                      main_code, !ns && !nt ? "no source or target actor"
                                 : !ns      ? "no source actor"
                                            : "no target actor");
            return 0;
        }
    }
    ev_modality mod = ev_modality_of(v, t);
    for (int i = 0; i < ns; i++)
        for (int j = 0; j < nt; j++) {
            if (c.code[0] && emit(r, v, &c, c.code, src[i], tgt[j], t, s, nominal, mod)) return -1;
            if (c.rev[0] && c.code[0] && !reverse_holds(v, &c, tgt[j])) {
                ev_tracef(v, "  -> reverse half %s dropped: the target is outside the phrase "
                          "the pattern's preposition opens", c.rev);
                continue;
            }
            if (c.rev[0] && emit(r, v, &c, c.rev, tgt[j], src[i], t, s, nominal, mod)) return -1;
        }
    return 0;
}

/* 2 if tokens [first, last) hold a story-level discard phrase, 1 if a
 * sentence-level one, else 0. */
static int discarded(const ev_resources *r, const ev_view *v, uint32_t first, uint32_t last) {
    if (!r->has_discards) return 0;
    int level = 0;
    dict_hit hit[4];
    for (uint32_t i = first; i < last; i++) {
        size_t k = dict_discard_match(r->verbs, v->fold + first, last - first, i - first, hit, 4);
        for (size_t j = 0; j < k && j < 4; j++) {
            int l = hit[j].flag ? 2 : 1;
            if (l > level) level = l;
        }
    }
    return level;
}

int ev_run_traced(const ev_resources *r, tac_doc *d, long sentence, ev_trace_fn trace,
                  void *ctx) {
    return ev_run_opts(r, d, NULL, sentence, trace, ctx);
}

int ev_run_opts(const ev_resources *r, tac_doc *d, const ev_opts *o, long sentence,
                ev_trace_fn trace, void *ctx) {
    d->events = NULL;
    if (!r || !d->head || !d->deprel || !d->upos || d->tokens.n == 0) return 0;
    struct ev_layer *L = ar_calloc(&d->ar, 1, sizeof *L);
    if (!L) return -1;
    d->events = L;
    if (o && o->max_per_sentence > 0) L->max_per_sentence = (size_t)o->max_per_sentence;
    ev_view v;
    memset(&v, 0, sizeof v);
    if (ev_view_build(&v, d)) return -1;
    v.tctx = ctx;
    v.one_sided = o && o->one_sided;
    for (uint32_t s = 0; s < d->sentences.n; s++) {
        const ss_sentence *ss = &d->sentences.v[s];
        v.trace = sentence < 0 || (long)s == sentence ? trace : NULL;
        /* a discard phrase drops the sentence, or the whole story */
        int dk = discarded(r, &v, ss->first, ss->last);
        if (dk == 2) {
            ev_tracef(&v, "story discarded (a story-level discard phrase in sentence %u)", s);
            L->n = L->dropped = L->dropped_sentences = 0;
            return 0;
        }
        if (dk == 1) {
            ev_tracef(&v, "sentence %u discarded (a discard phrase)", s);
            continue;
        }
        /* an event needs two actors (one when one-sided events are
         * kept): skip sentences with fewer coded mentions */
        int any = 0, first = -1;
        for (uint32_t t = ss->first; t < ss->last && any < 2; t++) {
            int m = v.tok2m[t];
            if (m < 0 || m == first || !d->mentions.v[m].code) continue;
            if (first < 0) first = m;
            any++;
        }
        if (any < (v.one_sided ? 1 : 2)) continue;
        for (uint32_t t = ss->first; t < ss->last; t++) {
            int verb = is_upos(&v, (int)t, "VERB");
            int noun = is_upos(&v, (int)t, "NOUN") && v.tok2m[t] < 0;
            if (!verb && !noun) continue;
            /* "is going to attack": "go" only marks the future */
            if (verb && ev_lemma_is(&v, (int)t, "go") && ev_child(&v, (int)t, "xcomp") >= 0) continue;
            if (noun) {
                /* cheap test first: a noun needs a dictionary entry */
                dict_verb_info info[1];
                char lem[96];
                snprintf(lem, sizeof lem, "%s", ev_lemma(&v, (int)t));
                for (char *p = lem; *p; p++)
                    if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
                if (!dict_verb_find_all(r->verbs, lem, info, 1)) continue;
            }
            if (code_trigger(r, &v, (int)t, s, noun)) return -1;
        }
    }
    return 0;
}

int ev_run(const ev_resources *r, tac_doc *d) { return ev_run_traced(r, d, -1, NULL, NULL); }

/* 1 if key (lower case) is a verb dictionary entry. */
static int known_verb(const ev_resources *r, const char *key) {
    dict_verb_info info[1];
    return dict_verb_find_all(r->verbs, key, info, 1) > 0;
}

/* Lower-cased copy of t's lemma (or form) into out. */
static void lower_lemma(const tac_doc *d, size_t t, char *out, size_t cap) {
    const tk_token *k = &d->tokens.v[t];
    if (d->lemma && d->lemma[t]) snprintf(out, cap, "%s", d->lemma[t]);
    else snprintf(out, cap, "%.*s", (int)(k->end - k->start), d->norm.data + k->start);
    char fold[512];
    if (dict_fold(out, strlen(out), fold, sizeof fold) == 0) snprintf(out, cap, "%.*s", (int)cap - 1, fold);
}

void ev_candidates(const ev_resources *r, const tac_doc *d, unsigned char *want) {
    size_t ns = d->sentences.n;
    memset(want, 0, ns);
    if (!r || !d->upos) return;
    /* actors per sentence: mentions (coded, or names coreference may
     * code) and pronouns */
    unsigned char *actors = want; /* counted in place, capped at 2 */
    for (size_t m = 0; m < d->mentions.n; m++) {
        uint32_t s = d->mentions.v[m].sentence;
        if (s < ns && actors[s] < 2) actors[s]++;
    }
    for (size_t t = 0; t < d->tokens.n; t++) {
        uint32_t s = d->tokens.v[t].sentence;
        if (s < ns && actors[s] < 2 && d->upos[t] && !strcmp(d->upos[t], "PRON")) actors[s]++;
    }
    for (size_t s = 0; s < ns; s++) {
        if (actors[s] < 2) {
            want[s] = 0;
            continue;
        }
        int found = 0;
        size_t first = d->sentences.v[s].first, last = d->sentences.v[s].last;
        for (size_t t = first; t < last && !found; t++) {
            const char *u = d->upos[t];
            if (!u || (strcmp(u, "VERB") && strcmp(u, "NOUN"))) continue;
            char lem[128], form[128], other[128], key[300];
            lower_lemma(d, t, lem, sizeof lem);
            const tk_token *k = &d->tokens.v[t];
            char raw[128];
            snprintf(raw, sizeof raw, "%.*s", (int)(k->end - k->start), d->norm.data + k->start);
            if (dict_fold(raw, strlen(raw), form, sizeof form)) snprintf(form, sizeof form, "%s", raw);
            found = known_verb(r, lem) || known_verb(r, form);
            /* the keys lookup_verb may try: the word before ("wire
             * tapped"), the word after ("wire tap", "carry out") and any
             * particle later on ("carried the attack out") */
            for (size_t j = t > first ? t - 1 : t + 1; !found && j < last; j++) {
                if (j == t) continue;
                if (j > t + 1 && !(d->upos[j] && (!strcmp(d->upos[j], "ADP") ||
                                                  !strcmp(d->upos[j], "ADV") ||
                                                  !strcmp(d->upos[j], "PART"))))
                    continue;
                const tk_token *o = &d->tokens.v[j];
                snprintf(raw, sizeof raw, "%.*s", (int)(o->end - o->start), d->norm.data + o->start);
                if (dict_fold(raw, strlen(raw), other, sizeof other))
                    snprintf(other, sizeof other, "%s", raw);
                for (int a = 0; a < 2 && !found; a++) {
                    if (j < t) snprintf(key, sizeof key, "%s %s", other, a ? form : lem);
                    else snprintf(key, sizeof key, "%s %s", a ? form : lem, other);
                    found = known_verb(r, key);
                }
            }
        }
        want[s] = (unsigned char)found;
    }
}

/* ---- JSON ---- */

static int put_actor(buf *b, const char *key, const tac_doc *d, int m, const char *code) {
    if (m < 0) return buf_printf(b, ",\"%s\":null", key);
    const mn_mention *mm = &d->mentions.v[m];
    const tk_token *a = &d->tokens.v[mm->first], *z = &d->tokens.v[mm->last - 1];
    size_t s, e;
    doc_span(d, a->start, z->end, &s, &e);
    return buf_printf(b, ",\"%s\":{\"text\":", key) ||
           buf_json_str(b, d->norm.data + a->start, z->end - a->start) ||
           buf_puts(b, ",\"code\":") || buf_json_str(b, code, strlen(code)) ||
           buf_printf(b, ",\"span\":[%zu,%zu]}", s, e);
}

/* "key":value with a leading comma unless first. */
static int put_optstr(buf *b, const char *key, const char *v, int first) {
    if (buf_printf(b, "%s\"%s\":", first ? "" : ",", key)) return -1;
    return v ? buf_json_str(b, v, strlen(v)) : buf_puts(b, "null");
}

static int put_pattern(buf *b, const ev_event *e) {
    char p[512];
    int n = snprintf(p, sizeof p, "%s:%u", e->pat_file, e->pat_line);
    return buf_json_str(b, p, n < 0 ? 0 : (size_t)n < sizeof p ? (size_t)n : sizeof p - 1);
}

static int put_event(buf *b, const tac_doc *d, const ev_event *e, size_t i) {
    const cb_entry *cb = e->cb;
    char base[4], root[3];
    snprintf(root, sizeof root, "%.2s", e->code);
    if (strlen(e->code) >= 3) snprintf(base, sizeof base, "%.3s", e->code);
    else snprintf(base, sizeof base, "%.2s0", e->code);
    /* "<article id>-e<n>" is unique across a corpus */
    char id[600];
    if (d->id) snprintf(id, sizeof id, "%.500s-e%zu", d->id, i + 1);
    else snprintf(id, sizeof id, "e%zu", i + 1);
    if (buf_puts(b, "{\"id\":") || buf_json_str(b, id, strlen(id))) return -1;
    if (buf_printf(b, ",\"sentence\":%u,", e->sentence) ||
        cx_json_event_date(b, d, e->sentence, e->trigger) ||
        put_actor(b, "source", d, e->source, e->scode) ||
        put_actor(b, "target", d, e->target, e->tcode) ||
        buf_printf(b, ",\"cameo\":\"%s\",\"base\":\"%s\",\"root\":\"%s\",\"quad_class\":%d,"
                      "\"goldstein\":%.1f,\"plover\":",
                   e->code, base, root, cb->quad_class, cb->goldstein))
        return -1;
    if (cb->plover_type) {
        if (buf_putc(b, '{') || put_optstr(b, "type", cb->plover_type, 1) ||
            put_optstr(b, "mode", cb->plover_mode, 0) ||
            put_optstr(b, "context", cb->plover_context, 0) ||
            buf_putc(b, '}'))
            return -1;
    } else if (buf_puts(b, "null")) {
        return -1;
    }
    const tk_token *t = &d->tokens.v[e->trigger];
    size_t s, en;
    doc_span(d, t->start, t->end, &s, &en);
    return buf_printf(b, ",\"modality\":\"%s\",\"trigger\":{\"text\":", ev_modality_name(e->modality)) ||
           buf_json_str(b, d->norm.data + t->start, t->end - t->start) ||
           buf_printf(b, ",\"span\":[%zu,%zu]},", s, en) ||
           cx_json_event_context(b, d, e->sentence, e->trigger) || buf_puts(b, ",\"pattern\":") ||
           put_pattern(b, e) || buf_putc(b, '}');
}

int ev_json(buf *b, const tac_doc *d) { return ev_json_opts(b, d, 0); }

int ev_json_opts(buf *b, const tac_doc *d, int asserted_only) {
    const struct ev_layer *L = d->events;
    if (!L) return 0;
    size_t k = 0;
    for (size_t i = 0; i < L->n; i++) {
        if (L->v[i].cb->quad_class == 0) continue; /* stand-in code (validation): no schema fields */
        if (asserted_only && L->v[i].modality != EV_ASSERTED) continue;
        if ((k++ && buf_putc(b, ',')) || put_event(b, d, &L->v[i], i)) return -1;
    }
    return 0;
}
