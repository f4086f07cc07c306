/*
 * test_modelfile.c - the model container: round trip, every truncation of
 * a small file, wrong magic, wrong kind, chunk offsets past the end; slot
 * maps (tables stored in their final layout).
 */
#include "learn/modelfile.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static char path[256];

static unsigned char *slurp(const char *p, size_t *n) {
    FILE *f = fopen(p, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)sz + 1);
    *n = fread(b, 1, (size_t)sz, f);
    fclose(f);
    return b;
}

static void spit(const char *p, const unsigned char *b, size_t n) {
    FILE *f = fopen(p, "wb");
    fwrite(b, 1, n, f);
    fclose(f);
}

static int write_sample(const char *p) {
    tac_error err;
    mf_out *m;
    if (mf_create(p, "tagger", &m, &err)) return -1;
    FILE *f = mf_chunk_begin(m, "HEAD");
    if (!f) { mf_abort(m); return -1; }
    mf_put_u32(f, 42);
    mf_put_str(f, "hello", 5);
    mf_put_f32(f, 1.5f);
    if (mf_chunk_end(m, &err)) { mf_abort(m); return -1; }
    f = mf_chunk_begin(m, "DATA");
    for (int i = 0; i < 13; i++) fputc('a' + i, f);
    if (mf_chunk_end(m, &err)) { mf_abort(m); return -1; }
    return mf_close(m, &err) == TAC_OK ? 0 : -1;
}

static void test_round_trip(void) {
    CHECK(write_sample(path) == 0);
    mf_file *f;
    tac_error err;
    CHECK(mf_load(path, "tagger", &f, &err) == TAC_OK);
    if (!f) return;
    CHECK_STR(mf_kind(f), "tagger");
    size_t n;
    const unsigned char *p = mf_chunk(f, "HEAD", &n);
    CHECK(p != NULL && n == 4 + 4 + 5 + 4);
    mf_cursor c;
    mf_cursor_init(&c, p, n);
    CHECK(mf_get_u32(&c) == 42);
    size_t sl;
    const char *s = mf_get_str(&c, &sl);
    CHECK(s && sl == 5 && !memcmp(s, "hello", 5));
    CHECK(mf_get_f32(&c) == 1.5f);
    CHECK(c.ok && c.pos == n);
    mf_get_u32(&c);
    CHECK(!c.ok);               /* reading past the end fails softly */
    p = mf_chunk(f, "DATA", &n);
    CHECK(p && n == 13 && !memcmp(p, "abcdefghijklm", 13));
    CHECK(mf_chunk(f, "NONE", &n) == NULL && n == 0);
    mf_free(f);
    CHECK(mf_load(path, NULL, &f, &err) == TAC_OK);  /* any kind */
    mf_free(f);
}

static void test_wrong_kind_and_magic(void) {
    mf_file *f;
    tac_error err;
    CHECK(mf_load(path, "parser", &f, &err) == TAC_EFORMAT && f == NULL);
    CHECK(strstr(err.message, "parser") != NULL);
    CHECK(strstr(err.file, path) != NULL);
    size_t n;
    unsigned char *b = slurp(path, &n);
    char bad[300];
    snprintf(bad, sizeof bad, "%s.bad", path);
    b[0] = 'X';
    spit(bad, b, n);
    CHECK(mf_load(bad, "tagger", &f, &err) == TAC_EFORMAT);
    CHECK(err.offset == 0);
    b[0] = 'T';
    unsigned char ver = b[4];
    b[4] = 9;   /* version */
    spit(bad, b, n);
    CHECK(mf_load(bad, "tagger", &f, &err) == TAC_EFORMAT);
    CHECK(strstr(err.message, "version 9") != NULL);
    b[4] = ver;
    /* first table entry: after magic, version, kind len, "tagger", count */
    size_t e0 = 4 + 4 + 4 + 6 + 4;
    unsigned char save = b[e0 + 4 + 7];
    b[e0 + 4 + 7] = 0x7f;       /* offset far past the end */
    spit(bad, b, n);
    CHECK(mf_load(bad, "tagger", &f, &err) == TAC_EFORMAT);
    CHECK(err.offset == (long long)e0);
    b[e0 + 4 + 7] = save;
    b[e0 + 4 + 8 + 7] = 0x7f;   /* size far past the end */
    spit(bad, b, n);
    CHECK(mf_load(bad, "tagger", &f, &err) == TAC_EFORMAT);
    b[e0 + 4 + 8 + 7] = 0;
    b[e0 + 4] = 0;              /* offset into the header */
    spit(bad, b, n);
    CHECK(mf_load(bad, "tagger", &f, &err) == TAC_EFORMAT);
    CHECK(mf_load("/nonexistent/model.bin", "tagger", &f, &err) == TAC_EIO);
    unlink(bad);
    free(b);
}

static void test_truncations(void) {
    size_t n;
    unsigned char *b = slurp(path, &n);
    char bad[300];
    snprintf(bad, sizeof bad, "%s.trunc", path);
    int all_rejected = 1;
    for (size_t k = 0; k < n; k++) {
        spit(bad, b, k);
        mf_file *f = NULL;
        tac_error err;
        tac_status st = mf_load(bad, "tagger", &f, &err);
        if (st != TAC_EFORMAT || f != NULL) {
            fprintf(stderr, "truncation at %zu accepted\n", k);
            all_rejected = 0;
            mf_free(f);
        }
    }
    CHECK(all_rejected);
    unlink(bad);
    free(b);
}

static void test_writer_misuse(void) {
    mf_out *m;
    tac_error err;
    CHECK(mf_create(path, "", &m, &err) == TAC_EINVAL);
    CHECK(mf_create(path, "ner", &m, &err) == TAC_OK);
    CHECK(mf_chunk_begin(m, "AAAA") != NULL);
    CHECK(mf_chunk_begin(m, "BBBB") == NULL);   /* nested */
    CHECK(mf_chunk_end(m, &err) == TAC_OK);
    char other[300];
    snprintf(other, sizeof other, "%s.misuse", path);
    mf_abort(m);
    CHECK(mf_create(other, "ner", &m, &err) == TAC_OK);
    CHECK(mf_chunk_begin(m, "AAAA") != NULL);
    CHECK(mf_chunk_end(m, &err) == TAC_OK);
    CHECK(mf_chunk_begin(m, "AAAA") == NULL);   /* duplicate */
    CHECK(mf_close(m, &err) != TAC_OK);
    CHECK(access(other, F_OK) != 0);            /* nothing written */
}

static int u32_used(const void *t, size_t i) { return ((const uint32_t *)t)[i] != 0; }

/* A slot map round trip: the records come back to the slots they were
 * written from; bad heads, counts and truncations are refused. */
static void test_slot_map(void) {
    enum { NS = 256 };
    uint32_t tab[NS] = {0}, back[NS] = {0};
    size_t used = 0;
    for (size_t i = 0; i < NS; i++)
        if (i % 3 == 0 || i == 255) { tab[i] = (uint32_t)(i * 7 + 1); used++; }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f && mf_put_slots(f, tab, NS, u32_used) == 0);
    for (size_t i = 0; i < NS; i++)
        if (tab[i]) mf_put_u32(f, tab[i]);
    CHECK(mf_put_slots(f, tab, 100, u32_used) != 0);   /* not a power of two */
    fclose(f);
    CHECK(len == 16 + NS / 8 + 4 * used);
    mf_cursor c;
    mf_slots s;
    mf_cursor_init(&c, (const unsigned char *)buf, len);
    CHECK(mf_get_slots(&c, &s) == 0 && s.nslots == NS && s.nused == used);
    const unsigned char *recs = mf_get_bytes(&c, 4 * s.nused);
    CHECK(recs && c.ok && c.pos == len);
    if (recs) mf_scatter(&s, back, recs, 4);
    CHECK(!memcmp(tab, back, sizeof tab));
    /* the bits must count nused, nused must leave an empty slot, nslots a power of two */
    unsigned char *b = malloc(len);
    memcpy(b, buf, len);
    b[8] ^= 1;
    mf_cursor_init(&c, b, len);
    CHECK(mf_get_slots(&c, &s) != 0 && !c.ok);
    memcpy(b, buf, len);
    b[8] = NS & 0xFF;
    b[9] = NS >> 8;
    mf_cursor_init(&c, b, len);
    CHECK(mf_get_slots(&c, &s) != 0);
    memcpy(b, buf, len);
    b[0] = 96;                                  /* 96 slots */
    b[1] = 0;
    mf_cursor_init(&c, b, len);
    CHECK(mf_get_slots(&c, &s) != 0);
    int all = 1;
    for (size_t k = 0; k < 16 + NS / 8; k++) {  /* truncated head or bits */
        mf_cursor_init(&c, (const unsigned char *)buf, k);
        all &= mf_get_slots(&c, &s) != 0;
    }
    CHECK(all);
    /* a full table cannot be written: probes would not end */
    for (size_t i = 0; i < NS; i++) tab[i] = 1;
    free(buf);
    buf = NULL;
    f = open_memstream(&buf, &len);
    CHECK(f && mf_put_slots(f, tab, NS, u32_used) != 0);
    if (f) fclose(f);
    free(b);
    free(buf);
}

int main(void) {
    snprintf(path, sizeof path, "/tmp/tacitus_test_mf_%ld.bin", (long)getpid());
    test_round_trip();
    test_wrong_kind_and_magic();
    test_truncations();
    test_writer_misuse();
    test_slot_map();
    unlink(path);
    return check_done("test_modelfile");
}
