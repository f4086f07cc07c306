/*
 * test_perceptron.c - the shared averaged perceptron: learns a small
 * separable problem, averages and prunes sanely, and survives a
 * lp_write/lp_read round trip with identical scores, and scores the same
 * from the in-place table (lp_table); corrupt chunks fail.
 */
#include "learn/perceptron.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* Toy problem: 4 classes; instance i has a class-revealing feature
 * (id class*10 + variant) plus two shared noise features. */
#define NI 200
static uint64_t feats[NI][3];
static int gold[NI];

static void make_data(void) {
    uint64_t s = 12345;
    for (int i = 0; i < NI; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        int c = (int)((s >> 33) % 4), v = (int)((s >> 40) % 5);
        uint32_t id = (uint32_t)(c * 10 + v), n1 = (uint32_t)((s >> 20) % 7), n2 = 99;
        gold[i] = c;
        feats[i][0] = lp_hash(1, &id, sizeof id);
        feats[i][1] = lp_hash(2, &n1, sizeof n1);
        feats[i][2] = lp_hash(3, &n2, sizeof n2);
    }
}

static int argmax(const float *s, int n) {
    int b = 0;
    for (int c = 1; c < n; c++)
        if (s[c] > s[b]) b = c;
    return b;
}

static int errors(const lp_model *m) {
    int e = 0;
    float sc[4];
    for (int i = 0; i < NI; i++) {
        lp_score(m, feats[i], 3, sc);
        if (argmax(sc, 4) != gold[i]) e++;
    }
    return e;
}

/* A chunk of m written by lp_write, in a malloc'd (so 8-aligned) buffer. */
static unsigned char *written(const lp_model *m, size_t *len) {
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (!f) return NULL;
    int bad = lp_write(m, f);
    fclose(f);
    if (bad) { free(buf); return NULL; }
    return (unsigned char *)buf;
}

/* The in-place table scores exactly like the dense model, and damage to
 * its layout (misalignment, an unreachable key, an out-of-range class, a
 * NaN, an old marker) is refused. */
static void test_table(const lp_model *m) {
    size_t len, used = 0;
    unsigned char *buf = written(m, &len);
    CHECK(buf != NULL);
    if (!buf) return;
    lp_table t;
    CHECK(lp_table_view(&t, buf, len, &used) == TAC_OK && used == len);
    CHECK(t.nclasses == 4 && t.nrows == m->nrows && t.npairs > 0);
    int same = 1;
    for (int i = 0; i < NI; i++) {
        float a[4], b[4];
        lp_score(m, feats[i], 3, a);
        lp_table_score(&t, feats[i], 3, b);
        if (memcmp(a, b, sizeof a)) same = 0;
    }
    CHECK(same);
    uint64_t unk = lp_hash(9, "unknown", 7);
    float sc[4] = {1, 1, 1, 1};
    lp_table_score(&t, &unk, 1, sc);
    CHECK(sc[0] == 0 && sc[1] == 0 && sc[2] == 0 && sc[3] == 0);

    /* misaligned: the same bytes one byte further on */
    unsigned char *shift = malloc(len + 8);
    memcpy(shift + 1, buf, len);
    CHECK(lp_table_view(&t, shift + 1, len, &used) == TAC_EFORMAT);
    free(shift);

    /* find the first used slot (header 40 bytes, slots of 16) */
    uint64_t ns;
    memcpy(&ns, buf + 16, 8);
    size_t s0 = 0;
    uint64_t key = 0;
    while (s0 < ns) {
        memcpy(&key, buf + 40 + 16 * s0, 8);
        if (key) break;
        s0++;
    }
    CHECK(s0 < ns);
    unsigned char *bad = malloc(len);
    /* a key whose home is the slot after it cannot be found by probing */
    if (s0 < ns) {
        memcpy(bad, buf, len);
        uint64_t moved = (key & ~(uint64_t)(ns - 1)) | ((s0 + 1) & (ns - 1));
        memcpy(bad + 40 + 16 * s0, &moved, 8);
        CHECK(moved != 0 && lp_table_view(&t, bad, len, &used) == TAC_EFORMAT);
        /* a lost key (slot emptied) no longer matches the row count */
        memset(bad + 40 + 16 * s0, 0, 8);
        CHECK(lp_table_view(&t, bad, len, &used) == TAC_EFORMAT);
    }
    /* a class out of range; a NaN weight (slots, then dense rows, weights, classes) */
    uint64_t np, nd;
    memcpy(&np, buf + 24, 8);
    memcpy(&nd, buf + 32, 8);
    size_t first = 40 + 16 * (size_t)ns;
    if (np) {
        memcpy(bad, buf, len);
        uint16_t c = 4;
        memcpy(bad + first + 16 * (size_t)nd + 4 * (size_t)np, &c, 2);
        CHECK(lp_table_view(&t, bad, len, &used) == TAC_EFORMAT);
    }
    /* NaN or infinity in the first, a middle or the last weight (the check
     * runs four at a time, then the rest one by one) */
    uint32_t C;
    memcpy(&C, buf + 4, 4);
    size_t nfl = (size_t)nd * C + (size_t)np, at[] = {0, nfl / 2 + 1, nfl - 1};
    float odd[] = {NAN, INFINITY, -INFINITY};
    for (size_t k = 0; k < 3; k++) {
        memcpy(bad, buf, len);
        memcpy(bad + first + 4 * at[k], &odd[k], 4);   /* dense rows, then pair weights */
        CHECK(nfl > 2 && lp_table_view(&t, bad, len, &used) == TAC_EFORMAT);
    }
    /* the marker of the earlier sparse layout is not this one */
    memcpy(bad, buf, len);
    memcpy(bad, "LPS1", 4);
    lp_model r;
    CHECK(lp_read(&r, bad, len, &used) == TAC_EFORMAT);
    free(bad);
    free(buf);
}

int main(void) {
    make_data();
    lp_model m;
    CHECK(lp_init(&m, 1) != 0);     /* fewer than 2 classes */
    CHECK(lp_init(&m, 4) == 0);
    CHECK(lp_hash(1, "a", 1) != lp_hash(2, "a", 1));
    CHECK(lp_hash(1, "a", 1) != 0 && lp_hash(1, "a", 1) == lp_hash(1, "a", 1));
    int before = errors(&m), upd_fail = 0;
    for (int ep = 0; ep < 10; ep++)
        for (int i = 0; i < NI; i++) {
            float sc[4];
            lp_score(&m, feats[i], 3, sc);
            int g = argmax(sc, 4);
            if (lp_update(&m, feats[i], 3, gold[i], g, 1.0f)) upd_fail = 1;
            lp_tick(&m);
        }
    CHECK(!upd_fail);
    CHECK(before > 0);
    CHECK(errors(&m) == 0);
    CHECK(lp_average(&m, 0.0f) == 0);
    CHECK(errors(&m) == 0);
    CHECK(m.acc == NULL && m.stamp == NULL);

    /* round trip through a memory stream */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(lp_write(&m, f) == 0);
    fclose(f);
    lp_model r;
    size_t used = 0;
    CHECK(lp_read(&r, (unsigned char *)buf, len, &used) == TAC_OK);
    CHECK(used == len);
    CHECK(r.nclasses == 4 && r.nrows == m.nrows);
    int same = 1;
    for (int i = 0; i < NI; i++) {
        float a[4], b[4];
        lp_score(&m, feats[i], 3, a);
        lp_score(&r, feats[i], 3, b);
        if (memcmp(a, b, sizeof a)) same = 0;
    }
    CHECK(same);
    /* truncated chunk at every length must fail cleanly */
    int all_fail = 1;
    for (size_t k = 0; k < len; k++) {
        lp_model t;
        if (lp_read(&t, (unsigned char *)buf, k, &used) != TAC_EFORMAT) { all_fail = 0; lp_free(&t); }
    }
    CHECK(all_fail);
    lp_free(&r);
    free(buf);

    test_table(&m);

    /* pruning with a huge threshold drops every row but still scores */
    CHECK(lp_average(&m, 1e9f) == 0);
    CHECK(m.nrows == 0);
    float sc[4];
    lp_score(&m, feats[0], 3, sc);
    CHECK(sc[0] == 0 && sc[3] == 0);
    lp_free(&m);
    return check_done("test_perceptron");
}
