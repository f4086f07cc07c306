/*
 * dict_verbs.c - reader for PETRARCH verb dictionaries (CAMEO.2.0.txt):
 * synonym sets (&NAME with +members), verb blocks (--- NAME [code] ---),
 * verbs with {irregular forms} and [code], and '-' patterns with their
 * $ source, + target and * verb slots. '~' transformation lines are
 * accepted and not indexed.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "dict_int.h"
#include "../core/alloc.h"

#define WARN(r, ...) dict_warn((r)->s, (r)->file, (r)->line, DICT_W_MALFORMED, __VA_ARGS__)

static uint32_t synset_find(const dict_set *s, const char *name, size_t len) {
    for (size_t i = s->nsyns; i-- > 0;)   /* the latest definition wins */
        if (strlen(s->syns[i].name) == len && !strncmp(s->syns[i].name, name, len))
            return (uint32_t)i;
    return DICT_NONE;
}

/* Stores one member phrase (and its plural unless suppressed) of synset
 * id in the synset namespace. */
static int synset_store(dict_reader *r, uint32_t id, const char *ph, size_t len, int plural) {
    dict_set *s = r->s;
    dict_ent e = {0};
    int oom;
    e.file = r->file;
    e.line = r->line;
    e.payload = id;
    if (!(e.phrase = dict_strdup(s, ph, len))) return -1;
    if (dict_insert(s, DICT_ROOT_SYNSET, ph, len, &e, &oom) == DICT_NONE)
        return oom ? -1 : WARN(r, "synonym '%.*s' is empty or not UTF-8; skipped", (int)len, ph);
    if (!plural) return 0;
    char tmp[512];
    int n;
    char last = ph[len - 1];
    if (len + 3 >= sizeof tmp) return 0;
    if (last == 'Y' || last == 'y') n = snprintf(tmp, sizeof tmp, "%.*sIES", (int)len - 1, ph);
    else if (len > 1 && toupper((unsigned char)last) == 'S' &&
             toupper((unsigned char)ph[len - 2]) == 'S')
        n = snprintf(tmp, sizeof tmp, "%.*sES", (int)len, ph);
    else n = snprintf(tmp, sizeof tmp, "%.*sS", (int)len, ph);
    e.generated = 1;
    if (dict_insert(s, DICT_ROOT_SYNSET, tmp, (size_t)n, &e, &oom) == DICT_NONE && oom) return -1;
    return 0;
}

static int synset_member(dict_reader *r, char *ph, size_t len) {
    dict_set *s = r->s;
    dict_synset *sy = &s->syns[r->syn];
    /* "+" alone, or a word of NUL bytes, leaves nothing to match */
    len = strnlen(ph, len);
    if (len == 0) return WARN(r, "empty synonym; skipped");
    if (ph[0] == '&') {   /* a nested set: copy its members in */
        size_t nl = len;
        while (nl && ph[nl - 1] == '_') nl--;
        uint32_t id = synset_find(s, ph, nl);
        if (id == DICT_NONE || id == r->syn)
            return WARN(r, "synonym set %.*s used before it is defined; skipped", (int)nl, ph);
        for (size_t i = 0; i < s->syns[id].n; i++) {
            const char *m = s->syns[id].members[i];
            if (synset_member(r, (char *)m, strlen(m)) != 0) return -1;
            sy = &s->syns[r->syn];
        }
        return 0;
    }
    if (strpbrk(ph, "$+%^*[]{}()"))
        return WARN(r, "synonym '%s' may only contain words; skipped", ph);
    if (DICT_PUSH(sy->members, sy->n, sy->cap) != 0) return -1;
    if (!(sy->members[sy->n] = dict_strdup(s, ph, len))) return -1;
    sy->n++;
    s->files[r->file].entries++;
    int plural = !sy->noplural && ph[len - 1] != '_';
    while (len && ph[len - 1] == '_') len--;
    return synset_store(r, r->syn, ph, len, plural);
}

static int synset_begin(dict_reader *r, char *name, size_t len) {
    dict_set *s = r->s;
    size_t i = 1;
    while (i < len && !isspace((unsigned char)name[i])) i++;
    if (i < len || i == 1) return WARN(r, "malformed synonym set label; skipped");
    int noplural = name[len - 1] == '_';
    while (len > 1 && name[len - 1] == '_') len--;
    if (DICT_PUSH(s->syns, s->nsyns, s->cap_syns) != 0) return -1;
    dict_synset *sy = &s->syns[s->nsyns];
    memset(sy, 0, sizeof *sy);
    if (!(sy->name = dict_strdup(s, name, len))) return -1;
    sy->noplural = noplural;
    r->syn = (uint32_t)s->nsyns++;
    r->in_synset = 1;
    return 0;
}

static int block_begin(dict_reader *r, char *line, size_t len) {
    dict_set *s = r->s;
    char *code = NULL;
    size_t clen = 0;
    int k = dict_split_code(line, &len, &code, &clen);
    if (k < 0) return WARN(r, "malformed verb block header (want --- NAME [CODE] ---); skipped");
    /* An odd code still opens the block, or its verbs would join the last one. */
    if (k > 0 && !dict_code_ok(code, clen) &&
        WARN(r, "unusual block code '[%.*s]' kept as written", (int)clen, code) != 0)
        return -1;
    char *name = line;
    while (len && *name == '-') { name++; len--; }
    while (len && name[len - 1] == '-') len--;
    name = dict_trim(name, &len);
    if (!len) return WARN(r, "verb block header without a name; skipped");
    if (DICT_PUSH(s->blocks, s->nblocks, s->cap_blocks) != 0) return -1;
    dict_block *b = &s->blocks[s->nblocks];
    b->name = dict_strdup(s, name, len);
    b->code = k > 0 ? dict_strdup(s, code, clen) : "---";
    if (!b->name || !b->code) return -1;
    b->file = r->file;
    b->line = r->line;
    b->first_pat = (uint32_t)s->npats;
    b->npat = 0;
    r->block = (uint32_t)s->nblocks++;
    r->in_synset = 0;
    return 0;
}

/* Regular forms of an upper-case verb word w: 3rd person, past, -ing. */
static void regular_forms(const char *w, size_t n, char f[3][128]) {
    char last = n ? w[n - 1] : 0, prev = n > 1 ? w[n - 2] : 0;
    int cons_y = last == 'Y' && prev && !strchr("AEIOU", prev);
    if (cons_y) snprintf(f[0], 128, "%.*sIES", (int)n - 1, w);
    else if (strchr("SXZO", last) || (last == 'H' && (prev == 'S' || prev == 'C')))
        snprintf(f[0], 128, "%.*sES", (int)n, w);
    else snprintf(f[0], 128, "%.*sS", (int)n, w);
    if (last == 'E') snprintf(f[1], 128, "%.*sD", (int)n, w);
    else if (cons_y) snprintf(f[1], 128, "%.*sIED", (int)n - 1, w);
    else snprintf(f[1], 128, "%.*sED", (int)n, w);
    if (last == 'E' && prev == 'I') snprintf(f[2], 128, "%.*sYING", (int)n - 2, w);
    else if (last == 'E' && prev != 'E' && prev != 'Y' && prev != 'O')
        snprintf(f[2], 128, "%.*sING", (int)n - 1, w);
    else snprintf(f[2], 128, "%.*sING", (int)n, w);
}

static int verb_store(dict_reader *r, uint32_t v, const char *form, size_t len, int generated) {
    char tmp[256];
    size_t o = 0;
    dict_ent e = {0};
    int oom;
    for (size_t i = 0; i < len && o + 1 < sizeof tmp; i++)
        if (form[i] != '+') tmp[o++] = form[i];
    e.file = r->file;
    e.line = r->line;
    e.payload = v;
    e.generated = (uint8_t)generated;
    e.phrase = r->s->verbs[v].phrase;
    if (dict_insert(r->s, DICT_ROOT_VERB, tmp, o, &e, &oom) == DICT_NONE)
        return oom ? -1 : WARN(r, "verb form '%.*s' is empty or not UTF-8; skipped", (int)len, form);
    return 0;
}

/* "WORD", "+ASK_FOR", "WIRE_+TAP" with optional {forms} and [code]. */
static int verb_line(dict_reader *r, char *line, size_t len) {
    dict_set *s = r->s;
    char *code = NULL;
    size_t clen = 0;
    if (r->block == DICT_NONE || r->in_synset)
        return WARN(r, "verb outside a verb block (missing '--- NAME [CODE] ---'); skipped");
    int k = dict_split_code(line, &len, &code, &clen);
    if (k < 0 || (k > 0 && !dict_code_ok(code, clen)))
        return WARN(r, "malformed verb code; skipped");
    char *ob = memchr(line, '{', len), *cb = ob ? memchr(ob, '}', len - (size_t)(ob - line)) : NULL;
    if (ob && !cb) return WARN(r, "missing '}' after the verb forms; skipped");
    size_t pl = ob ? (size_t)(ob - line) : len;
    char *ph = dict_trim(line, &pl);
    if (!pl || strpbrk(ph, " \t$*()[]"))
        return WARN(r, "malformed verb '%s' (one word or word_word phrase); skipped", ph);
    if (DICT_PUSH(s->verbs, s->nverbs, s->cap_verbs) != 0) return -1;
    dict_verb *v = &s->verbs[s->nverbs];
    v->phrase = dict_strdup(s, ph, pl);
    v->code = k > 0 ? dict_strdup(s, code, clen) : NULL;
    if (!v->phrase || (k > 0 && !v->code)) return -1;
    v->block = r->block;
    v->file = r->file;
    v->line = r->line;
    uint32_t vi = (uint32_t)s->nverbs++;
    if (verb_store(r, vi, ph, pl, 0) != 0) return -1;
    s->files[r->file].entries++;
    if (ob) {   /* the listed forms replace the regular ones */
        *cb = '\0';
        for (char *p = ob + 1; *p;) {
            size_t w = strcspn(p, " \t");
            if (w && verb_store(r, vi, p, w, 1) != 0) return -1;
            p += w;
            p += strspn(p, " \t");
        }
        return 0;
    }
    /* The word marked '+' (else the first) takes the regular endings. */
    char *plus = memchr(ph, '+', pl);
    size_t ws = plus ? (size_t)(plus + 1 - ph) : 0;
    size_t we = ws + strcspn(ph + ws, "_");
    char f[3][128], tmp[256];
    regular_forms(ph + ws, we - ws, f);
    for (int i = 0; i < 3; i++) {
        int n = snprintf(tmp, sizeof tmp, "%.*s%s%s", (int)ws, ph, f[i], ph + we);
        if (n > 0 && (size_t)n < sizeof tmp && verb_store(r, vi, tmp, (size_t)n, 1) != 0) return -1;
    }
    return 0;
}

/* Splits pattern text into tokens; reports problems through *why. */
static size_t pattern_tokens(dict_reader *r, const char *p, dict_ptok *out, size_t cap,
                             const char **why, int *src, int *tgt) {
    size_t n = 0;
    int joined = 0, paren = 0, brace = 0, verbs = 0;
    *why = NULL;
    while (*p) {
        if (*p == ' ' || *p == '\t') { p++; joined = 0; continue; }
        if (*p == '_') { p++; joined = 1; continue; }
        if (n == cap) { *why = "too many tokens"; return n; }
        dict_ptok *t = &out[n];
        t->joined = joined && n > 0;
        joined = 0;
        const char *sym = strchr("(){}*$+%^", *p) ? p : NULL;
        if (sym) {
            static const dict_ptkind kinds[] = {DICT_PT_LPAREN, DICT_PT_RPAREN, DICT_PT_LBRACE,
                                                DICT_PT_RBRACE, DICT_PT_VERB, DICT_PT_SOURCE,
                                                DICT_PT_TARGET, DICT_PT_OTHER, DICT_PT_OTHER};
            t->kind = kinds[strchr("(){}*$+%^", *p) - "(){}*$+%^"];
            t->text = dict_strdup(r->s, p, 1);
            paren += (*p == '(') - (*p == ')');
            brace += (*p == '{') - (*p == '}');
            verbs += *p == '*';
            *src |= *p == '$';
            *tgt |= *p == '+';
            if (paren < 0 || brace < 0) *why = "unbalanced ')' or '}'";
            p++;
        } else {
            size_t w = strcspn(p, " \t_(){}*$+%^");
            int bad;
            t->kind = *p == '&' ? DICT_PT_SYNSET : DICT_PT_WORD;
            if (t->kind == DICT_PT_SYNSET) {
                if (synset_find(r->s, p, w) == DICT_NONE && !*why) *why = "undefined synonym set";
                t->text = dict_strdup(r->s, p, w);
            } else {
                t->text = dict_lower(r->s, p, w, &bad);
                if (!t->text && bad) { *why = "not UTF-8"; return n; }
            }
            p += w;
        }
        if (!t->text) { *why = "oom"; return n; }
        n++;
    }
    if (!*why && (paren || brace)) *why = "unbalanced '(' or '{'";
    if (!*why && verbs != 1) *why = verbs ? "more than one '*'" : "no '*' verb slot";
    return n;
}

static int pattern_line(dict_reader *r, char *line, size_t len) {
    dict_set *s = r->s;
    char *code = NULL;
    size_t clen = 0;
    dict_ptok toks[128];
    const char *why;
    int src = 0, tgt = 0;
    if (r->block == DICT_NONE || r->in_synset)
        return WARN(r, "pattern outside a verb block; skipped");
    line++; len--;
    int k = dict_split_code(line, &len, &code, &clen);
    if (k <= 0) return WARN(r, k < 0 ? "missing ']' after the pattern code; skipped"
                                     : "pattern without a [code]; skipped");
    if (!dict_code_ok(code, clen))
        return WARN(r, "malformed pattern code '[%.*s]'; skipped", (int)clen, code);
    char *text = dict_trim(line, &len);
    size_t n = pattern_tokens(r, text, toks, 128, &why, &src, &tgt);
    if (why && !strcmp(why, "oom")) return -1;
    if (why) return WARN(r, "pattern '%s': %s; skipped", text, why);
    if (DICT_PUSH(s->pats, s->npats, s->cap_pats) != 0) return -1;
    dict_pattern *pt = &s->pats[s->npats];
    dict_ptok *copy = ar_calloc(&s->ar, n ? n : 1, sizeof *copy);
    pt->text = dict_strdup(s, text, len);
    pt->code = dict_strdup(s, code, clen);
    if (!copy || !pt->text || !pt->code) return -1;
    memcpy(copy, toks, n * sizeof *copy);
    pt->toks = copy;
    pt->ntoks = n;
    pt->file = s->files[r->file].path;
    pt->line = r->line;
    pt->has_source = src;
    pt->has_target = tgt;
    s->npats++;
    s->blocks[r->block].npat++;
    s->files[r->file].entries++;
    return 0;
}

int dict_read_verbs_line(dict_reader *r, char *line, size_t len) {
    size_t tl = len;
    char *t = dict_trim(line, &tl);
    if (t[0] == '&') return synset_begin(r, t, tl);
    if (!strncmp(t, "---", 3)) return block_begin(r, t, tl);
    if (t[0] == '-') return pattern_line(r, t, tl);
    if (t[0] == '~') return 0;   /* transformation: read by the coder, not indexed */
    if (t[0] == '+' && r->in_synset) {
        size_t pl = tl - 1;
        char *p = dict_trim(t + 1, &pl);
        if (!pl) return WARN(r, "empty synonym; skipped");
        return synset_member(r, p, pl);
    }
    if (r->in_synset && r->syn != DICT_NONE)
        return WARN(r, "synonym without '+' in set %s; skipped", r->s->syns[r->syn].name);
    return verb_line(r, t, tl);
}
