/*
 * ne_tagger.c - the NER model at run time: greedy constrained decoding,
 * loading and saving (container: src/learn/modelfile.h, kind "ner"), and
 * conlleval-style scoring of a corpus.
 */
#include "ne_impl.h"
#include "../core/alloc.h"
#include "../core/error.h"
#include "../learn/modelfile.h"

#include <string.h>

/* Version of the NEHD/NELX/NEPW contents AND of the feature templates:
 * features are hashes, so a model trained with other templates would load
 * and tag badly. Bump it whenever ne_feat.c or ne_lex.c changes what it
 * computes. 3: lexicons stored as slot maps. */
enum { NE_FORMAT = 3 };

void ne_free(ne_model *m) {
    if (!m) return;
    lp_free(&m->lp);
    ne_lex_free(&m->lex);
    ne_lex_free(&m->gaz);
    tac_free(m);
}

size_t ne_model_features(const ne_model *m) { return m->lp.nrows; }
int ne_model_scheme(const ne_model *m) { return m->scheme; }

/* Decodes one sentence given its static features (n * NE_NSTATIC) and
 * token facts; writes classes into cls[n]. */
static void decode(const ne_model *m, const ne_tokinfo *ti, const uint64_t *stat, size_t n,
                   uint8_t *cls) {
    uint64_t f[NE_NFEAT];
    float scores[NE_MAXCLASS];
    int p1 = -1, p2 = -1;
    for (size_t i = 0; i < n; i++) {
        memcpy(f, stat + i * NE_NSTATIC, NE_NSTATIC * sizeof *f);
        ne_feats_dyn(ti, i, p1, p2, f + NE_NSTATIC);
        lp_score(&m->lp, f, NE_NFEAT, scores);
        int c = ne_best(m->scheme, m->nclasses, scores, p1, i + 1 == n);
        cls[i] = (uint8_t)c;
        p2 = p1;
        p1 = c;
    }
}

int ne_tag_ids(const ne_model *m, const char *const *words, size_t n, uint8_t *out) {
    if (!m || (n && (!words || !out))) return -1;
    if (!n) return 0;
    memset(out, 0, n);
    for (size_t i = 0; i < n; i++)
        if (!words[i]) return -1;
    if (n > SIZE_MAX / (NE_NSTATIC * sizeof(uint64_t))) return -1;
    ne_tokinfo *ti = tac_malloc(n * sizeof *ti);
    uint64_t *stat = tac_malloc(n * NE_NSTATIC * sizeof *stat);
    int rc = -1;
    if (ti && stat) {
        ne_feats_static(&m->lex, &m->gaz, words, n, ti, stat);
        decode(m, ti, stat, n, out);
        for (size_t i = 0; i < n; i++) out[i] = ne_class_to_bio(m->scheme, out[i]);
        rc = 0;
    }
    tac_free(ti);
    tac_free(stat);
    return rc;
}

int ne_tag(const ne_model *m, const char *const *words, const char *const *upos, size_t n,
           const char **labels) {
    (void)upos; /* the model is trained without POS: tags need not exist yet */
    if (n && !labels) return -1;
    for (size_t i = 0; i < n; i++) labels[i] = ne_bio_names[0];
    uint8_t small[256];
    uint8_t *ids = n <= sizeof small ? small : tac_malloc(n);
    if (!ids) return -1;
    int rc = ne_tag_ids(m, words, n, ids);
    if (!rc)
        for (size_t i = 0; i < n; i++) labels[i] = ne_bio_names[ids[i]];
    if (ids != small) tac_free(ids);
    return rc;
}

/* ---- files ---- */

tac_status ne_save(const ne_model *m, const char *path, tac_error *err) {
    mf_out *o;
    tac_status s = mf_create(path, "ner", &o, err);
    if (s) return s;
    FILE *f = mf_chunk_begin(o, "NEHD");
    if (f) {
        mf_put_u32(f, NE_FORMAT);
        mf_put_u32(f, (uint32_t)m->scheme);
        mf_put_u32(f, (uint32_t)m->nclasses);
        mf_put_u32(f, NE_NSTATIC);
        mf_put_u32(f, NE_NDYN);
        mf_put_u32(f, NE_LOWCAP);
        mf_put_u32(f, NE_LEX_MAXSPAN);
    }
    if ((s = mf_chunk_end(o, err))) goto fail;
    f = mf_chunk_begin(o, "NELX");
    if (f && ne_lex_write(&m->lex, f)) { mf_abort(o); return err_set(err, TAC_EIO, path, 0, -1, "write error"); }
    if ((s = mf_chunk_end(o, err))) goto fail;
    f = mf_chunk_begin(o, "NEGZ");
    if (f && ne_lex_write(&m->gaz, f)) { mf_abort(o); return err_set(err, TAC_EIO, path, 0, -1, "write error"); }
    if ((s = mf_chunk_end(o, err))) goto fail;
    f = mf_chunk_begin(o, "NEPW");
    if (f && lp_write(&m->lp, f)) { mf_abort(o); return err_set(err, TAC_EIO, path, 0, -1, "write error"); }
    if ((s = mf_chunk_end(o, err))) goto fail;
    return mf_close(o, err);
fail:
    mf_abort(o);
    return s;
}

static tac_status bad(tac_error *err, const char *path, const char *what) {
    return err_set(err, TAC_EFORMAT, path, 0, -1, "not a usable NER model: %s", what);
}

/* Checks the NEHD chunk against what this build computes. */
static tac_status read_header(const mf_file *mf, const char *path, ne_model *m, tac_error *err) {
    size_t len;
    const unsigned char *p = mf_chunk(mf, "NEHD", &len);
    if (!p) return bad(err, path, "no NEHD chunk");
    mf_cursor c;
    mf_cursor_init(&c, p, len);
    uint32_t ver = mf_get_u32(&c), scheme = mf_get_u32(&c), ncls = mf_get_u32(&c);
    uint32_t nst = mf_get_u32(&c), ndyn = mf_get_u32(&c), lowcap = mf_get_u32(&c);
    uint32_t span = mf_get_u32(&c);
    if (!c.ok) return bad(err, path, "truncated header");
    if (ver != NE_FORMAT)
        return err_set(err, TAC_EFORMAT, path, 0, -1,
                       "NER model has format %u, this build reads format %d: retrain it", ver,
                       NE_FORMAT);
    if (scheme > NE_SCHEME_BILOU || ncls != (uint32_t)ne_nclasses((int)scheme))
        return bad(err, path, "bad label scheme");
    if (nst != NE_NSTATIC || ndyn != NE_NDYN || lowcap != NE_LOWCAP || span != NE_LEX_MAXSPAN)
        return bad(err, path, "features differ from this build");
    m->scheme = (int)scheme;
    m->nclasses = (int)ncls;
    return TAC_OK;
}

/* The lexicons go back to the slots they were saved from; the weights
 * become dense rows (lp_read): NER scores them faster than the file's
 * table in place (lp_table_score: 13% slower with its sparse rows, 5%
 * with all rows dense), whose 16-byte slots make its probes cost more. */
tac_status ne_load(const char *path, ne_model **out, tac_error *err) {
    *out = NULL;
    err_clear(err);
    mf_file *mf;
    tac_status s = mf_load(path, "ner", &mf, err);
    if (s) return s;
    ne_model *m = tac_calloc(1, sizeof *m);
    if (!m) { mf_free(mf); return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory"); }
    size_t len, used;
    const unsigned char *p;
    if ((s = read_header(mf, path, m, err))) goto fail;
    if (!(p = mf_chunk(mf, "NELX", &len))) { s = bad(err, path, "no NELX chunk"); goto fail; }
    if ((s = ne_lex_read(&m->lex, p, len, &used)) || used != len) {
        s = s == TAC_ENOMEM ? err_set(err, s, path, 0, -1, "out of memory") : bad(err, path, "corrupt lexicon");
        goto fail;
    }
    if (!(p = mf_chunk(mf, "NEGZ", &len))) { s = bad(err, path, "no NEGZ chunk"); goto fail; }
    if ((s = ne_lex_read(&m->gaz, p, len, &used)) || used != len) {
        s = s == TAC_ENOMEM ? err_set(err, s, path, 0, -1, "out of memory") : bad(err, path, "corrupt gazetteer");
        goto fail;
    }
    if (!(p = mf_chunk(mf, "NEPW", &len))) { s = bad(err, path, "no NEPW chunk"); goto fail; }
    if ((s = lp_read(&m->lp, p, len, &used)) || used != len) {
        s = s == TAC_ENOMEM ? err_set(err, s, path, 0, -1, "out of memory") : bad(err, path, "corrupt weights");
        goto fail;
    }
    if (m->lp.nclasses != (uint32_t)m->nclasses) { s = bad(err, path, "class count mismatch"); goto fail; }
    mf_free(mf);
    *out = m;
    return TAC_OK;
fail:
    mf_free(mf);
    ne_free(m);
    return s;
}

/* ---- scoring ---- */

/* End (inclusive) of the conlleval chunk starting at i. */
static size_t chunk_end(const uint8_t *l, size_t i, size_t n) {
    int t = NE_BIO_TYPE(l[i]);
    while (i + 1 < n && l[i + 1] == NE_BIO_I(t)) i++;
    return i;
}

static int chunk_starts(const uint8_t *l, size_t i) {
    if (!l[i]) return 0;
    return NE_BIO_IS_B(l[i]) || i == 0 || !l[i - 1] || NE_BIO_TYPE(l[i - 1]) != NE_BIO_TYPE(l[i]);
}

void ne_count(const uint8_t *gold, const uint8_t *pred, size_t n, ne_counts *c) {
    for (size_t i = 0; i < n; i++) {
        c->tokens++;
        c->tokens_correct += gold[i] == pred[i];
        int gs = chunk_starts(gold, i), ps = chunk_starts(pred, i);
        if (gs) c->gold[NE_BIO_TYPE(gold[i])]++;
        if (ps) c->pred[NE_BIO_TYPE(pred[i])]++;
        if (gs && ps && NE_BIO_TYPE(gold[i]) == NE_BIO_TYPE(pred[i]) &&
            chunk_end(gold, i, n) == chunk_end(pred, i, n))
            c->correct[NE_BIO_TYPE(gold[i])]++;
    }
}

tac_status ne_evaluate(const ne_model *m, const ne_corpus *corpus, int doc_pass, ne_counts *c,
                       tac_error *err) {
    memset(c, 0, sizeof *c);
    /* documents are runs of sentences with one doc number, tokens contiguous */
    size_t maxn = 1, maxs = 1;
    for (size_t s = 0, e; s < corpus->nsents; s = e) {
        for (e = s + 1; e < corpus->nsents && corpus->sents[e].doc == corpus->sents[s].doc; e++) {}
        const ne_sent *last = &corpus->sents[e - 1];
        size_t toks = last->tok0 + last->ntoks - corpus->sents[s].tok0;
        if (toks > maxn) maxn = toks;
        if (e - s > maxs) maxs = e - s;
    }
    uint8_t *pred = tac_malloc(maxn);
    size_t *first = tac_malloc(maxs * sizeof *first);
    tac_status st = pred && first ? TAC_OK : TAC_ENOMEM;
    for (size_t s = 0, e; !st && s < corpus->nsents; s = e) {
        size_t t0 = corpus->sents[s].tok0;
        for (e = s; e < corpus->nsents && corpus->sents[e].doc == corpus->sents[s].doc; e++) {
            const ne_sent *sn = &corpus->sents[e];
            first[e - s] = sn->tok0 - t0;
            if (!doc_pass && ne_tag_ids(m, corpus->forms + sn->tok0, sn->ntoks, pred + first[e - s]))
                st = TAC_ENOMEM;
        }
        const ne_sent *last = &corpus->sents[e - 1];
        size_t n = last->tok0 + last->ntoks - t0;
        if (!st && doc_pass && ne_tag_doc_ids(m, corpus->forms + t0, n, first, e - s, pred))
            st = TAC_ENOMEM;
        for (size_t k = s; !st && k < e; k++)
            ne_count(corpus->tags + corpus->sents[k].tok0, pred + first[k - s], corpus->sents[k].ntoks, c);
    }
    tac_free(pred);
    tac_free(first);
    return st ? err_set(err, st, NULL, 0, -1, "out of memory") : TAC_OK;
}

static void prf(size_t g, size_t p, size_t k, double *pr, double *rc, double *f) {
    *pr = p ? 100.0 * (double)k / (double)p : 0;
    *rc = g ? 100.0 * (double)k / (double)g : 0;
    *f = *pr + *rc > 0 ? 2 * *pr * *rc / (*pr + *rc) : 0;
}

void ne_prf(const ne_counts *c, int t, double *p, double *r, double *f) {
    size_t g = 0, q = 0, k = 0;
    for (int i = 0; i < NE_NTYPES; i++) {
        if (t >= 0 && i != t) continue;
        g += c->gold[i];
        q += c->pred[i];
        k += c->correct[i];
    }
    prf(g, q, k, p, r, f);
}
