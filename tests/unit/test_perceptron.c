/*
 * test_perceptron.c - the shared averaged perceptron: learns a small
 * separable problem, averages and prunes sanely, and survives a
 * lp_write/lp_read round trip with identical scores; corrupt chunks fail.
 */
#include "learn/perceptron.h"

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
    /* a zero feature key is corrupt */
    if (len > 24) {
        memset(buf + 16, 0, 8);
        lp_model t;
        CHECK(lp_read(&t, (unsigned char *)buf, len, &used) == TAC_EFORMAT);
    }
    lp_free(&r);
    free(buf);

    /* the older dense layout still reads: u64 C, u64 rows, (u64 key, C x f32) */
    {
        unsigned char d[16 + 8 + 16];
        uint64_t C = 4, rows = 1, key = feats[0][0];
        float w4[4] = {0.5f, -1.0f, 2.0f, 0.0f};
        memcpy(d, &C, 8);           /* the test machine is little-endian (x86-64) */
        memcpy(d + 8, &rows, 8);
        memcpy(d + 16, &key, 8);
        memcpy(d + 24, w4, 16);
        lp_model t;
        CHECK(lp_read(&t, d, sizeof d, &used) == TAC_OK && used == sizeof d);
        float sc2[4];
        lp_score(&t, feats[0], 3, sc2);
        CHECK(sc2[0] == 0.5f && sc2[1] == -1.0f && sc2[2] == 2.0f && sc2[3] == 0.0f);
        lp_free(&t);
    }

    /* pruning with a huge threshold drops every row but still scores */
    CHECK(lp_average(&m, 1e9f) == 0);
    CHECK(m.nrows == 0);
    float sc[4];
    lp_score(&m, feats[0], 3, sc);
    CHECK(sc[0] == 0 && sc[3] == 0);
    lp_free(&m);
    return check_done("test_perceptron");
}
