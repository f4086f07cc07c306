/*
 * ne_corpus.c - IOB2 column reader for the NER trainer and evaluator.
 * The whole file is read into one buffer and split in place.
 */
#include "ne_corpus.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ne_types[NE_NTYPES] = {"PER", "ORG", "LOC"};
const char *const ne_bio_names[NE_NBIO] = {"O", "B-PER", "I-PER", "B-ORG",
                                           "I-ORG", "B-LOC", "I-LOC"};

int ne_bio_parse(const char *s) {
    for (int l = 0; l < NE_NBIO; l++)
        if (!strcmp(s, ne_bio_names[l])) return l;
    return -1;
}

void ne_corpus_free(ne_corpus *c) {
    tac_free(c->data);
    tac_free(c->forms);
    tac_free(c->tags);
    tac_free(c->sents);
    memset(c, 0, sizeof *c);
}

/* Splits line at tabs into at most max fields; returns the field count
 * (max + 1 when there were more). */
static int split_tabs(char *line, char **f, int max) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p; p++) {
        if (*p != '\t') continue;
        if (n == max) return max + 1;
        *p = 0;
        f[n++] = p + 1;
    }
    return n;
}

static int close_sent(ne_corpus *c, ne_sent *cur, int *in_sent) {
    if (!*in_sent) return 0;
    if (tac_grow((void **)&c->sents, &c->capsents, c->nsents + 1, sizeof *c->sents)) return -1;
    c->sents[c->nsents++] = *cur;
    *in_sent = 0;
    return 0;
}

/* One token line "id form tag ..." appended to the open sentence. */
static tac_status add_token(ne_corpus *c, ne_sent *cur, char *line, const char *name,
                            long long lineno, tac_error *err) {
    char *f[8];
    int nf = split_tabs(line, f, 8);
    if (nf < 3 || nf > 8)
        return err_set(err, TAC_EPARSE, name, lineno, -1,
                       "expected 3 to 8 tab-separated fields, found %d", nf);
    char *end;
    errno = 0;
    long id = strtol(f[0], &end, 10);
    if (*end || end == f[0] || errno || id != (long)cur->ntoks + 1)
        return err_set(err, TAC_EPARSE, name, lineno, -1, "token id '%s' out of sequence", f[0]);
    if (!f[1][0]) return err_set(err, TAC_EPARSE, name, lineno, -1, "empty word form");
    int tag = ne_bio_parse(f[2]);
    if (tag < 0) return err_set(err, TAC_EPARSE, name, lineno, -1, "unknown tag '%s'", f[2]);
    size_t need = c->ntoks + 1, cap = c->captoks;
    if (tac_grow((void **)&c->forms, &cap, need, sizeof *c->forms))
        return err_set(err, TAC_ENOMEM, name, lineno, -1, "out of memory");
    cap = c->captoks;
    if (tac_grow((void **)&c->tags, &cap, need, sizeof *c->tags))
        return err_set(err, TAC_ENOMEM, name, lineno, -1, "out of memory");
    c->captoks = cap;
    c->forms[c->ntoks] = f[1];
    c->tags[c->ntoks] = (uint8_t)tag;
    c->ntoks++;
    cur->ntoks++;
    return TAC_OK;
}

/* Splits c->data (NUL-terminated, owned by c) into sentences. */
static tac_status parse_buffer(ne_corpus *c, const char *name, tac_error *err) {
    char *p = c->data;
    long long lineno = 0;
    ne_sent cur = {0};
    int in_sent = 0;
    size_t doc = 0;
    int seen_doc = 0;
    while (*p) {
        char *line = p;
        char *nl = strchr(p, '\n');
        if (nl) { *nl = 0; p = nl + 1; } else p += strlen(p);
        lineno++;
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r') line[--ll] = 0;
        if (line[0] == '#' && !in_sent) {
            if (!strncmp(line, "# newdoc", 8)) { doc += seen_doc; seen_doc = 1; }
            continue;
        }
        if (line[0] == 0) {
            if (close_sent(c, &cur, &in_sent)) goto nomem;
            continue;
        }
        if (!in_sent) {
            cur = (ne_sent){c->ntoks, 0, doc, lineno};
            in_sent = 1;
            seen_doc = 1;
        }
        tac_status s = add_token(c, &cur, line, name, lineno, err);
        if (s) return s;
    }
    if (close_sent(c, &cur, &in_sent)) goto nomem;
    c->ndocs = c->nsents ? doc + 1 : 0;
    return TAC_OK;
nomem:
    return err_set(err, TAC_ENOMEM, name, lineno, -1, "out of memory");
}

tac_status ne_corpus_parse(const char *text, size_t len, const char *name,
                           ne_corpus *c, tac_error *err) {
    memset(c, 0, sizeof *c);
    err_clear(err);
    if (len == SIZE_MAX || !(c->data = tac_malloc(len + 1)))
        return err_set(err, TAC_ENOMEM, name, 0, -1, "out of memory");
    memcpy(c->data, text, len);
    c->data[len] = 0;
    if (memchr(text, 0, len))
        return err_set(err, TAC_EPARSE, name, 0, -1, "NUL byte in text");
    return parse_buffer(c, name, err);
}

tac_status ne_corpus_load(const char *path, ne_corpus *c, tac_error *err) {
    memset(c, 0, sizeof *c);
    err_clear(err);
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(err, TAC_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, len = 0, n;
    char *d = tac_malloc(cap);
    while (d && (n = fread(d + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap && tac_grow((void **)&d, &cap, cap + 1, 1)) { tac_free(d); d = NULL; }
    }
    int bad = !d || ferror(f);
    fclose(f);
    if (!d) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    if (bad) { tac_free(d); return err_set(err, TAC_EIO, path, 0, -1, "read error"); }
    d[len] = 0;
    c->data = d;
    if (memchr(d, 0, len)) return err_set(err, TAC_EPARSE, path, 0, -1, "NUL byte in file");
    return parse_buffer(c, path, err);
}

tac_status ne_corpus_cat(const ne_corpus *a, const ne_corpus *b, ne_corpus *out) {
    memset(out, 0, sizeof *out);
    size_t nt = a->ntoks + b->ntoks, ns = a->nsents + b->nsents;
    out->forms = tac_malloc((nt ? nt : 1) * sizeof *out->forms);
    out->tags = tac_malloc(nt ? nt : 1);
    out->sents = tac_malloc((ns ? ns : 1) * sizeof *out->sents);
    if (!out->forms || !out->tags || !out->sents) { ne_corpus_free(out); return TAC_ENOMEM; }
    if (a->ntoks) memcpy(out->forms, a->forms, a->ntoks * sizeof *out->forms);
    if (b->ntoks) memcpy(out->forms + a->ntoks, b->forms, b->ntoks * sizeof *out->forms);
    if (a->ntoks) memcpy(out->tags, a->tags, a->ntoks);
    if (b->ntoks) memcpy(out->tags + a->ntoks, b->tags, b->ntoks);
    if (a->nsents) memcpy(out->sents, a->sents, a->nsents * sizeof *out->sents);
    for (size_t s = 0; s < b->nsents; s++) {
        ne_sent st = b->sents[s];
        st.tok0 += a->ntoks;
        st.doc += a->ndocs;
        out->sents[a->nsents + s] = st;
    }
    out->ntoks = out->captoks = nt;
    out->nsents = out->capsents = ns;
    out->ndocs = a->ndocs + b->ndocs;
    return TAC_OK;
}
