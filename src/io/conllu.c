/*
 * conllu.c - CoNLL-U reader: sentences, syntactic words and the surface
 * tokens (multi-word token ranges such as "don't" = do + n't).
 */
#include "conllu.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cu_free(cu_bank *b) {
    tac_free(b->data);
    tac_free(b->sents);
    tac_free(b->words);
    tac_free(b->toks);
    memset(b, 0, sizeof *b);
}

static char *read_all(const char *path, tac_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) { err_set(err, TAC_EIO, path, 0, -1, "cannot open: %s", strerror(errno)); return NULL; }
    size_t cap = 1 << 20, len = 0;
    char *d = tac_malloc(cap);
    size_t n;
    while (d && (n = fread(d + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0 && tac_grow((void **)&d, &cap, cap + 1, 1)) { tac_free(d); d = NULL; }
    }
    if (!d) err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    else if (ferror(f)) { tac_free(d); d = NULL; err_set(err, TAC_EIO, path, 0, -1, "read error"); }
    else d[len] = 0;
    fclose(f);
    return d;
}

static int split_tabs(char *line, char **f, int max) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') { *p = 0; f[n++] = p + 1; }
    return n;
}

tac_status cu_load(const char *path, cu_bank *b, tac_error *err) {
    memset(b, 0, sizeof *b);
    err_clear(err);
    char *data = read_all(path, err);
    if (!data) return err->status;
    return cu_parse(data, path, b, err);
}

static tac_status parse_lines(const char *path, cu_bank *b, tac_error *err);

tac_status cu_parse(char *data, const char *path, cu_bank *b, tac_error *err) {
    memset(b, 0, sizeof *b);
    err_clear(err);
    b->data = data;
    tac_status st = parse_lines(path, b, err);
    if (st != TAC_OK) cu_free(b); /* a half-read treebank is of no use */
    return st;
}

/* Splits b->data in place into sentences, words and surface tokens. */
static tac_status parse_lines(const char *path, cu_bank *b, tac_error *err) {
    char *p = b->data;
    long long lineno = 0;
    cu_sent cur = {0};
    int in_sent = 0, pending_doc = 0, pending_par = 0;
    const char *pending_text = NULL;
    int mwt_last = 0; /* last word id covered by the open MWT range */
    while (*p) {
        char *line = p;
        char *nl = strchr(p, '\n');
        if (nl) { *nl = 0; p = nl + 1; } else p += strlen(p);
        lineno++;
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r') line[--ll] = 0;
        if (line[0] == '#') {
            if (!strncmp(line, "# newdoc", 8)) pending_doc = 1;
            else if (!strncmp(line, "# newpar", 8)) pending_par = 1;
            else if (!strncmp(line, "# text = ", 9)) pending_text = line + 9;
            continue;
        }
        if (line[0] == 0) {
            if (in_sent) {
                if (tac_grow((void **)&b->sents, &b->capsents, b->nsents + 1, sizeof *b->sents))
                    goto nomem;
                b->sents[b->nsents++] = cur;
                in_sent = 0;
            }
            continue;
        }
        char *f[10];
        if (split_tabs(line, f, 10) != 10)
            return err_set(err, TAC_EPARSE, path, lineno, -1, "expected 10 tab-separated fields");
        if (!in_sent) {
            memset(&cur, 0, sizeof cur);
            cur.text = pending_text;
            cur.newdoc = pending_doc;
            cur.newpar = pending_par || pending_doc;
            cur.word0 = b->nwords;
            cur.tok0 = b->ntoks;
            cur.line = lineno;
            pending_text = NULL;
            pending_doc = pending_par = 0;
            in_sent = 1;
            mwt_last = 0;
        }
        if (strchr(f[0], '.')) continue; /* empty node of the enhanced graph */
        int space_after = strstr(f[9], "SpaceAfter=No") == NULL;
        char *dash = strchr(f[0], '-');
        if (dash) {
            int a = atoi(f[0]), z = atoi(dash + 1);
            if (a < 1 || z < a)
                return err_set(err, TAC_EPARSE, path, lineno, -1, "bad token range '%s'", f[0]);
            if (tac_grow((void **)&b->toks, &b->captoks, b->ntoks + 1, sizeof *b->toks))
                goto nomem;
            b->toks[b->ntoks++] = (cu_token){(int)(cur.nwords), (int)(cur.nwords) + z - a, f[1],
                                             space_after};
            cur.ntoks++;
            mwt_last = z;
            continue;
        }
        int id = atoi(f[0]);
        if (id != (int)cur.nwords + 1)
            return err_set(err, TAC_EPARSE, path, lineno, -1, "word id %s out of sequence", f[0]);
        char *end;
        long head = strtol(f[6], &end, 10);
        if (*end || head < 0)
            return err_set(err, TAC_EPARSE, path, lineno, -1, "bad head '%s'", f[6]);
        if (tac_grow((void **)&b->words, &b->capwords, b->nwords + 1, sizeof *b->words))
            goto nomem;
        b->words[b->nwords++] = (cu_word){f[1], f[2], f[3], f[4], f[5], f[7], f[9], (int)head};
        cur.nwords++;
        if (id > mwt_last) {
            if (tac_grow((void **)&b->toks, &b->captoks, b->ntoks + 1, sizeof *b->toks))
                goto nomem;
            b->toks[b->ntoks++] = (cu_token){id - 1, id - 1, f[1], space_after};
            cur.ntoks++;
        }
    }
    if (in_sent) {
        if (tac_grow((void **)&b->sents, &b->capsents, b->nsents + 1, sizeof *b->sents))
            goto nomem;
        b->sents[b->nsents++] = cur;
    }
    return TAC_OK;
nomem:
    return err_set(err, TAC_ENOMEM, path, lineno, -1, "out of memory");
}
