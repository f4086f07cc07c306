/*
 * dict_read.c - the dictionary file loop (comments, XML-style comment
 * blocks, ---STOP---) and the readers for the actor, agent, discard and
 * issue formats. Verb dictionaries are read in dict_verbs.c.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dict_int.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/error.h"

/* ---- text helpers ------------------------------------------------------ */

char *dict_trim(char *s, size_t *len) {
    while (*len && isspace((unsigned char)*s)) { s++; (*len)--; }
    while (*len && isspace((unsigned char)s[*len - 1])) (*len)--;
    s[*len] = '\0';
    return s;
}

int dict_is_blank(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (!isspace((unsigned char)s[i])) return 0;
    return 1;
}

int dict_split_code(char *line, size_t *len, char **code, size_t *clen) {
    char *open = memchr(line, '[', *len);
    if (!open) return 0;
    char *close = memchr(open, ']', *len - (size_t)(open - line));
    if (!close) return -1;
    *code = open + 1;
    *clen = (size_t)(close - open - 1);
    *code = dict_trim(*code, clen);
    *len = (size_t)(open - line);
    line[*len] = '\0';
    return 1;
}

int dict_code_ok(const char *code, size_t len) {
    if (!len) return 0;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)code[i]) && !strchr(":-_", code[i])) return 0;
    return 1;
}

/* ---- actors ------------------------------------------------------------ */

static int add_code(dict_reader *r, const char *code, size_t clen, int from, int to,
                    int is_default) {
    dict_set *s = r->s;
    if (DICT_PUSH(s->codes, s->ncodes, s->cap_codes) != 0) return -1;
    dict_code *c = &s->codes[s->ncodes];
    c->code = dict_strdup(s, code, clen);
    if (!c->code) return -1;
    c->from = from;
    c->to = to;
    c->is_default = is_default;
    c->line = r->line;
    s->ncodes++;
    s->recs[r->rec].n++;
    return 0;
}

/* Reads one "[CODE]", "[CODE <D]", "[CODE >D]" or "[CODE D1-D2]" body
 * (brackets removed) into the current record; a bad one is a warning. */
static int actor_code_spec(dict_reader *r, char *spec, size_t len) {
    char orig[128];
    snprintf(orig, sizeof orig, "%.*s", (int)len, spec);   /* parsing cuts spec */
    size_t cl = strcspn(spec, " \t");
    char *rest = spec + cl;
    size_t rl = len - cl;
    rest = dict_trim(rest, &rl);
    if (!cl || memchr(spec, '[', len))
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         "empty or malformed code '[%s]'", orig);
    if (!rl) return add_code(r, spec, cl, 0, 99999999, 1);
    int from = 0, to = 99999999, d;
    if (rest[0] == '<' || rest[0] == '>') {
        char *p = rest + 1;
        size_t pl = rl - 1;
        p = dict_trim(p, &pl);
        d = dict_parse_date(p, pl);
        if (!d) goto bad;
        if (rest[0] == '<') to = d; else from = d;
    } else {
        char *dash = strchr(rest, '-');
        if (!dash) goto bad;
        size_t al = (size_t)(dash - rest), bl = rl - al - 1;
        char *a = dict_trim(rest, &al), *b = dict_trim(dash + 1, &bl);
        from = dict_parse_date(a, al);
        to = dict_parse_date(b, bl);
        /* "1920030320": a YYYYMMDD date behind a stray "19" century (the
         * Phoenix files have it on IRAQ_ and SOUTH_SUDAN_, and dropping
         * the range left Iraq uncoded from 2003 to 2006) */
        if (!from && al == 10 && !strncmp(a, "1920", 4) && (from = dict_parse_date(a + 2, 8))) {
            if (dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                          "date '%.10s' in '[%s]' read as %d", a, orig, from))
                return -1;
        }
        if (!from || !to) goto bad;
        if (to < from)
            return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                             "date range of %.*s ends before it starts; skipped", (int)cl, spec);
    }
    return add_code(r, spec, cl, from, to, 0);
bad:
    return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                     "bad date restriction '[%s]' (want <DATE, >DATE or DATE-DATE, "
                     "DATE = YYMMDD or YYYYMMDD); skipped", orig);
}

/* Reads every [...] group of a line into the current record. */
static int actor_codes(dict_reader *r, char *p) {
    while ((p = strchr(p, '['))) {
        char *close = strchr(p, ']');
        if (!close)
            return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                             "missing ']' in code; skipped");
        *close = '\0';   /* the spec is read as a C string */
        if (actor_code_spec(r, p + 1, (size_t)(close - p - 1)) != 0) return -1;
        p = close + 1;
    }
    return 0;
}

static int has_fffd(const char *p, size_t len) {
    for (size_t i = 0; i + 2 < len; i++)
        if ((unsigned char)p[i] == 0xEF && (unsigned char)p[i + 1] == 0xBF &&
            (unsigned char)p[i + 2] == 0xBD)
            return 1;
    return 0;
}

static int actor_phrase(dict_reader *r, const char *ph, size_t len) {
    dict_ent e = {0};
    int oom;
    e.file = r->file;
    e.line = r->line;
    e.payload = r->rec;
    e.phrase = dict_strdup(r->s, ph, len);
    if (!e.phrase) return -1;
    if (dict_insert(r->s, DICT_ROOT_ACTOR, ph, len, &e, &oom) == DICT_NONE) {
        if (oom) return -1;
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         "actor phrase '%.*s' is empty or not UTF-8; skipped", (int)len, ph);
    }
    r->s->files[r->file].entries++;
    /* U+FFFD marks a name mangled by an earlier re-encoding: keep, but tell. */
    if (has_fffd(ph, len))
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         "actor phrase '%.*s' holds U+FFFD (mangled encoding); kept",
                         (int)len, ph);
    return 0;
}

/* An entry without any code shares the codes of the next one (PETRARCH
 * keeps filling the same code slot); say so, since it is rarely meant. */
static int actor_nocode(dict_reader *r, int at_end) {
    if (r->rec == DICT_NONE || r->s->recs[r->rec].n) return 0;
    if (at_end)
        return dict_warn(r->s, r->file, r->rec_line, DICT_W_NOCODE,
                         "actor '%s' has no code", r->rec_phrase);
    return dict_warn(r->s, r->file, r->rec_line, DICT_W_NOCODE,
                     "actor '%s' has no code; it takes the codes of the entry at line %u",
                     r->rec_phrase, r->line);
}

int dict_read_actors_line(dict_reader *r, char *line, size_t len) {
    dict_set *s = r->s;
    if (line[0] == '\t' || line[0] == ' ' || line[0] == '[') {
        size_t tl = len;
        char *t = dict_trim(line, &tl);
        if (t[0] != '[')
            return dict_warn(s, r->file, r->line, DICT_W_MALFORMED,
                             "indented line is not a [code] line; skipped");
        if (r->rec == DICT_NONE)
            return dict_warn(s, r->file, r->line, DICT_W_MALFORMED,
                             "code line before any actor; skipped");
        return actor_codes(r, t);
    }
    if (line[0] == '+') {
        size_t pl = len - 1;
        char *p = dict_trim(line + 1, &pl);
        if (r->rec == DICT_NONE)
            return dict_warn(s, r->file, r->line, DICT_W_MALFORMED,
                             "synonym before any actor; skipped");
        if (memchr(p, '[', pl))
            return dict_warn(s, r->file, r->line, DICT_W_MALFORMED,
                             "code on a synonym line (codes go on the primary or a tab line); skipped");
        return actor_phrase(r, p, pl);
    }
    char *br = strchr(line, '[');
    size_t pl = br ? (size_t)(br - line) : len;
    char *p = dict_trim(line, &pl);
    if (!pl)
        return dict_warn(s, r->file, r->line, DICT_W_MALFORMED, "code without a phrase; skipped");
    if (actor_nocode(r, 0) != 0) return -1;
    if (r->rec == DICT_NONE || s->recs[r->rec].n) {
        if (DICT_PUSH(s->recs, s->nrecs, s->cap_recs) != 0) return -1;
        s->recs[s->nrecs] = (dict_rec){(uint32_t)s->ncodes, 0, r->file, r->line};
        r->rec = (uint32_t)s->nrecs++;
    }
    r->rec_line = r->line;
    r->rec_phrase = dict_strdup(s, p, pl);
    if (!r->rec_phrase || actor_phrase(r, p, pl) != 0) return -1;
    if (!br) return 0;
    *br = '[';   /* dict_trim may have cut the text at the bracket */
    return actor_codes(r, br);
}

/* ---- agents ------------------------------------------------------------ */

static int agent_marker_def(dict_reader *r, char *line) {
    char *a = strchr(line, '!'), *b = a ? strchr(a + 1, '!') : NULL;
    char *eq = b ? strchr(b, '=') : NULL;
    if (!eq || b == a + 1)
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         "substitution marker incorrectly defined (want !NAME! = A, B); skipped");
    if (DICT_PUSH(r->mk, r->nmk, r->cap_mk) != 0) return -1;
    const char *name = dict_strdup(r->s, a + 1, (size_t)(b - a - 1));
    size_t n = 1;
    for (char *p = eq + 1; *p; p++) n += *p == ',';
    const char **items = ar_calloc(&r->s->ar, n, sizeof *items);
    if (!name || !items) return -1;
    size_t k = 0;
    for (char *p = eq + 1; k < n; k++) {
        size_t il = strcspn(p, ",");
        char *end = p + il;
        int last = *end == '\0';
        char *it = dict_trim(p, &il);
        items[k] = dict_strdup(r->s, it, il);
        if (!items[k]) return -1;
        if (last) { k++; break; }
        p = end + 1;
    }
    r->mk[r->nmk].name = name;
    r->mk[r->nmk].items = items;
    r->mk[r->nmk].n = k;
    r->nmk++;
    return 0;
}

static int agent_store(dict_reader *r, const char *ph, size_t len, const char *code,
                       int before, int generated) {
    dict_ent e = {0};
    int oom;
    e.file = r->file;
    e.line = r->line;
    e.code = code;
    e.flag = (uint8_t)before;
    e.generated = (uint8_t)generated;
    e.phrase = dict_strdup(r->s, ph, len);
    if (!e.phrase) return -1;
    if (dict_insert(r->s, DICT_ROOT_AGENT, ph, len, &e, &oom) == DICT_NONE) {
        if (oom) return -1;
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         "agent phrase '%.*s' is empty or not UTF-8; skipped", (int)len, ph);
    }
    return 0;
}

/* Expands the one !MARKER! in ph with every item of its set. */
static int agent_markers(dict_reader *r, const char *ph, size_t len, const char *code,
                         int before) {
    const char *a = memchr(ph, '!', len);
    const char *b = memchr(a + 1, '!', len - (size_t)(a + 1 - ph));
    if (!b)
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         "substitution marker syntax incorrect; skipped");
    size_t ml = (size_t)(b - a - 1), i;
    for (i = 0; i < r->nmk; i++)
        if (strlen(r->mk[i].name) == ml && !strncmp(r->mk[i].name, a + 1, ml)) break;
    if (i == r->nmk)
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         "substitution marker !%.*s! is not defined; skipped", (int)ml, a + 1);
    for (size_t k = 0; k < r->mk[i].n; k++) {
        char tmp[512];
        int n = snprintf(tmp, sizeof tmp, "%.*s%s%.*s", (int)(a - ph), ph, r->mk[i].items[k],
                         (int)(len - (size_t)(b + 1 - ph)), b + 1);
        if (n < 0 || (size_t)n >= sizeof tmp)
            return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED, "agent phrase too long");
        if (agent_store(r, tmp, (size_t)n, code, before, k > 0) != 0) return -1;
    }
    r->s->files[r->file].entries++;
    return 0;
}

/* PETRARCH's regular agent plural: Y -> IES, S -> SES, else +S. */
static int agent_plural(dict_reader *r, const char *ph, size_t len, const char *code,
                        int before) {
    char tmp[512];
    int n;
    if (len + 3 >= sizeof tmp) return 0;
    char last = (char)toupper((unsigned char)ph[len - 1]);
    if (last == 'Y') n = snprintf(tmp, sizeof tmp, "%.*sIES", (int)(len - 1), ph);
    else if (last == 'S') n = snprintf(tmp, sizeof tmp, "%.*sES", (int)len, ph);
    else n = snprintf(tmp, sizeof tmp, "%.*sS", (int)len, ph);
    return agent_store(r, tmp, (size_t)n, code, before, 1);
}

int dict_read_agents_line(dict_reader *r, char *line, size_t len) {
    char *code;
    size_t clen;
    if (strchr(line, '!') && strchr(line, '=')) return agent_marker_def(r, line);
    int k = dict_split_code(line, &len, &code, &clen);
    if (k <= 0)
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         k < 0 ? "missing ']' after the agent code; skipped"
                               : "agent without a [code]; skipped");
    int before = clen > 1 && code[clen - 1] == '~';
    if (clen < 2 || (code[0] != '~' && !before) || !dict_code_ok(code + !before, clen - 1))
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         "agent code '[%.*s]' must be ~CODE or CODE~; skipped", (int)clen, code);
    const char *c = dict_strdup(r->s, code + !before, clen - 1);
    char *ph = dict_trim(line, &len);
    if (!c) return -1;
    if (!len)
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED, "code without a phrase; skipped");
    if (memchr(ph, '!', len)) return agent_markers(r, ph, len, c, before);
    char *ob = memchr(ph, '{', len);
    if (!ob) {
        if (agent_store(r, ph, len, c, before, 0) != 0) return -1;
        r->s->files[r->file].entries++;
        return agent_plural(r, ph, len, c, before);
    }
    char *cb = memchr(ob, '}', len - (size_t)(ob - ph));
    if (!cb)
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED, "missing '}'; skipped");
    size_t sl = (size_t)(ob - ph);
    char *sing = dict_trim(ph, &sl);
    if (agent_store(r, sing, sl, c, before, 0) != 0) return -1;
    r->s->files[r->file].entries++;
    *cb = '\0';
    for (char *p = ob + 1; *p;) {   /* explicit plurals; {} means none */
        size_t w = strcspn(p, " \t");
        if (w && agent_store(r, p, w, c, before, 1) != 0) return -1;
        p += w;
        p += strspn(p, " \t");
    }
    return 0;
}

/* ---- discards ---------------------------------------------------------- */

int dict_read_discards_line(dict_reader *r, char *line, size_t len) {
    dict_ent e = {0};
    int oom;
    char *p = dict_trim(line, &len);
    if (p[0] == '+') { e.flag = 1; p++; len--; p = dict_trim(p, &len); }
    if (len && p[len - 1] == '_') len--;
    else e.stem = 1;
    if (!len || memchr(p, '[', len))
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         "discard entry is empty or has a [code]; skipped");
    e.file = r->file;
    e.line = r->line;
    e.phrase = dict_strdup(r->s, p, len);
    if (!e.phrase) return -1;
    if (dict_insert(r->s, DICT_ROOT_DISCARD, p, len, &e, &oom) == DICT_NONE) {
        if (oom) return -1;
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                         "discard phrase is not UTF-8; skipped");
    }
    r->s->files[r->file].entries++;
    return 0;
}

/* ---- issues ------------------------------------------------------------ */

/* Forms of one issue word: n: noun with plural, v: regular verb forms,
 * a+b: "a b" and "a-b". Writes up to 4 forms into f (each < 128 bytes). */
static int issue_word_forms(const char *w, size_t len, char f[4][128]) {
    if (len + 4 >= 128) return -1;
    if (len > 2 && (w[0] == 'n' || w[0] == 'v') && w[1] == ':') {
        char t = w[0];
        w += 2; len -= 2;
        snprintf(f[0], 128, "%.*s", (int)len, w);
        if (t == 'n') {
            if (w[len - 1] == 'y' && len > 1 && !strchr("aeiou", w[len - 2]))
                snprintf(f[1], 128, "%.*sies", (int)(len - 1), w);
            else if (strchr("sxz", w[len - 1]) || (len > 1 && w[len - 1] == 'h'))
                snprintf(f[1], 128, "%.*ses", (int)len, w);
            else
                snprintf(f[1], 128, "%.*ss", (int)len, w);
            return 2;
        }
        int e = w[len - 1] == 'e';
        snprintf(f[1], 128, "%.*ss", (int)len, w);
        snprintf(f[2], 128, "%.*s%s", (int)len, w, e ? "d" : "ed");
        snprintf(f[3], 128, "%.*sing", (int)(len - e), w);
        return 4;
    }
    const char *plus = memchr(w, '+', len);
    snprintf(f[0], 128, "%.*s", (int)len, w);
    if (!plus) return 1;
    for (char *q = f[0]; *q; q++) if (*q == '+') *q = ' ';
    memcpy(f[1], f[0], 128);
    for (char *q = f[1]; *q; q++) if (*q == ' ') *q = '-';
    return 2;
}

/* Inserts every combination of the word forms of words[k..nw). */
static int issue_expand(dict_reader *r, char **words, size_t *wl, size_t nw, size_t k,
                        char *acc, size_t alen, dict_ent *e, int *count) {
    char f[4][128];
    if (k == nw) {
        int oom;
        e->generated = (uint8_t)(*count > 0);
        (*count)++;
        if (*count > 256) return 0;   /* a runaway product; the first 256 suffice */
        if (dict_insert(r->s, DICT_ROOT_ISSUE, acc, alen, e, &oom) == DICT_NONE && oom) return -1;
        return 0;
    }
    int nf = issue_word_forms(words[k], wl[k], f);
    if (nf < 0) return 0;
    for (int i = 0; i < nf; i++) {
        size_t fl = strlen(f[i]);
        if (alen + fl + 2 >= 1024) return 0;
        size_t n = alen;
        if (n) acc[n++] = ' ';
        memcpy(acc + n, f[i], fl + 1);
        if (issue_expand(r, words, wl, nw, k + 1, acc, n + fl, e, count) != 0) return -1;
        acc[alen] = '\0';
    }
    return 0;
}

int dict_read_issues_line(dict_reader *r, char *line, size_t len) {
    dict_ent e = {0};
    char *code = NULL, *words[32], acc[1024];
    size_t clen = 0, wl[32], nw = 0;
    int count = 0;
    char *p = dict_trim(line, &len);
    if (p[0] == '<') {
        if (!strncmp(p, "<ISSUE", 6) || !strncmp(p, "</ISSUE", 7)) return 0;
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED, "unknown tag; skipped");
    }
    if (p[0] == '~') {
        e.flag = 1;
        while (*p == '~') { p++; len--; }
    } else {
        int k = dict_split_code(p, &len, &code, &clen);
        if (k <= 0 || !dict_code_ok(code, clen))
            return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED,
                             "issue phrase without a valid [CODE]; skipped");
        if (!(e.code = dict_strdup(r->s, code, clen))) return -1;
    }
    p = dict_trim(p, &len);
    for (char *q = p; *q && nw < 32;) {
        size_t w = strcspn(q, " \t");
        if (w) { words[nw] = q; wl[nw++] = w; }
        q += w;
        q += strspn(q, " \t");
    }
    if (!nw)
        return dict_warn(r->s, r->file, r->line, DICT_W_MALFORMED, "issue entry without a phrase; skipped");
    e.file = r->file;
    e.line = r->line;
    if (!(e.phrase = dict_strdup(r->s, p, len))) return -1;
    acc[0] = '\0';
    if (issue_expand(r, words, wl, nw, 0, acc, 0, &e, &count) != 0) return -1;
    r->s->files[r->file].entries++;
    return 0;
}

/* ---- the file loop ----------------------------------------------------- */

static dict_kind guess_kind(const char *path) {
    const char *base = strrchr(path, '/');
    char low[256];
    size_t i;
    base = base ? base + 1 : path;
    for (i = 0; base[i] && i + 1 < sizeof low; i++) low[i] = (char)tolower((unsigned char)base[i]);
    low[i] = '\0';
    if (strstr(low, "verb") || !strncmp(low, "cameo", 5)) return DICT_VERBS;
    if (strstr(low, "actor")) return DICT_ACTORS;
    if (strstr(low, "agent")) return DICT_AGENTS;
    if (strstr(low, "discard")) return DICT_DISCARDS;
    if (strstr(low, "issue")) return DICT_ISSUES;
    return DICT_AUTO;
}

static int read_all(const char *path, buf *b) {
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t n;
    if (!f) return -1;
    /* Reserve the whole size up front: growing by chunks copies it again and again. */
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size > 0 && buf_reserve(b, (size_t)size + 1) != 0) { fclose(f); errno = ENOMEM; return -1; }
        rewind(f);
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_append(b, chunk, n) != 0) { fclose(f); errno = ENOMEM; return -1; }
    int bad = ferror(f);
    fclose(f);
    if (bad) { errno = EIO; return -1; }
    return buf_putc(b, '\0') != 0 ? (errno = ENOMEM, -1) : 0;
}

/* Handles one raw line: comment blocks "<!-- ... -->", '#' comments and
 * blank lines, then hands the rest to the kind's reader. */
static int dispatch(dict_reader *r, dict_kind kind, char *line, size_t len, int *in_xml,
                    int *stop) {
    size_t tl = len;
    char *t = line;
    while (tl && isspace((unsigned char)*t)) { t++; tl--; }
    if (*in_xml) {
        if (strstr(line, "-->")) *in_xml = 0;
        return 0;
    }
    if (tl >= 2 && t[0] == '<' && t[1] == '!') {
        *in_xml = strstr(t + 2, "-->") == NULL;
        return 0;
    }
    if (strstr(line, "---STOP---")) { *stop = 1; return 0; }
    char *hash = memchr(line, '#', len);
    if (hash) { *hash = '\0'; len = (size_t)(hash - line); }
    while (len && isspace((unsigned char)line[len - 1])) line[--len] = '\0';
    if (dict_is_blank(line, len)) return 0;
    switch (kind) {
    case DICT_VERBS: return dict_read_verbs_line(r, line, len);
    case DICT_ACTORS: return dict_read_actors_line(r, line, len);
    case DICT_AGENTS: return dict_read_agents_line(r, line, len);
    case DICT_DISCARDS: return dict_read_discards_line(r, line, len);
    default: return dict_read_issues_line(r, line, len);
    }
}

int dict_read_finish(dict_reader *r) {
    int rc = actor_nocode(r, 1);
    tac_free(r->mk);
    return rc;
}

tac_status dict_set_load(dict_set *s, const char *path, dict_kind kind, tac_error *err) {
    buf b;
    dict_reader r;
    int in_xml = 0, stop = 0, rc = 0;
    if (!s || !path) return err_set(err, TAC_EINVAL, path, 0, -1, "no dictionary set or path");
    if (kind == DICT_AUTO) kind = guess_kind(path);
    if (kind == DICT_AUTO)
        return err_set(err, TAC_EINVAL, path, 0, -1,
                       "cannot tell the dictionary kind from the name (verbs, actors, "
                       "agents, discards, issues)");
    buf_init(&b);
    if (read_all(path, &b) != 0) {
        int e = errno;
        buf_free(&b);
        if (e == ENOMEM) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
        return err_set(err, TAC_EIO, path, 0, -1, "cannot read: %s", strerror(e));
    }
    if (DICT_PUSH(s->files, s->nfiles, s->cap_files) != 0) goto oom;
    s->files[s->nfiles] = (dict_file_info){dict_strdup(s, path, strlen(path)), kind, 0, 0};
    if (!s->files[s->nfiles].path) goto oom;
    memset(&r, 0, sizeof r);
    r.s = s;
    r.file = (uint32_t)s->nfiles++;
    r.rec = r.syn = r.block = DICT_NONE;
    char *p = b.data, *end = b.data + b.len - 1;
    while (p < end && !stop && rc == 0) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        p[len] = '\0';
        if (len && p[len - 1] == '\r') p[--len] = '\0';
        r.line++;
        rc = dispatch(&r, kind, p, len, &in_xml, &stop);
        if (!nl) break;
        p = nl + 1;
    }
    if (rc == 0 && in_xml)
        rc = dict_warn(s, r.file, r.line, DICT_W_MALFORMED, "unterminated <!-- comment at end of file");
    if (rc == 0) rc = dict_read_finish(&r);
    else dict_read_finish(&r);
    buf_free(&b);
    if (rc != 0) return err_set(err, TAC_ENOMEM, path, r.line, -1, "out of memory");
    return TAC_OK;
oom:
    buf_free(&b);
    return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
}
