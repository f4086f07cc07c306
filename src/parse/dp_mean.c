/*
 * dp_mean.c - the mean of several trained perceptrons, feature by feature.
 * Scores are linear in the weights, so the mean model scores exactly like
 * the average of the models' scores: an ensemble of runs trained with
 * different seeds that parses as fast as one model.
 */
#include "dp_int.h"
#include "../core/alloc.h"

#include <string.h>

int dp_mean(lp_model *dst, lp_model *const *src, int k) {
    memset(dst, 0, sizeof *dst);
    if (k < 1) return -1;
    size_t C = src[0]->nclasses, rows = 0, cap = 1024;
    for (int i = 0; i < k; i++) {
        if (src[i]->nclasses != C) return -1;  /* cannot happen: same labels */
        rows += src[i]->nrows;
    }
    while (cap < 2 * rows + 2) cap *= 2;
    dst->nclasses = (uint32_t)C;
    dst->tcap = cap;
    dst->rowcap = rows ? rows : 1;
    dst->keys = tac_calloc(cap, sizeof *dst->keys);
    dst->rows = tac_calloc(cap, sizeof *dst->rows);
    dst->w = tac_calloc(dst->rowcap * C, sizeof *dst->w);
    if (!dst->keys || !dst->rows || !dst->w) { lp_free(dst); return -1; }
    float scale = 1.0f / (float)k;
    /* models in order, each in its table order: the same bytes every time */
    for (int i = 0; i < k; i++) {
        const lp_model *s = src[i];
        for (size_t t = 0; t < s->tcap; t++) {
            uint64_t key = s->keys[t];
            if (!key) continue;
            size_t j = key & (cap - 1);
            while (dst->keys[j] && dst->keys[j] != key) j = (j + 1) & (cap - 1);
            if (!dst->keys[j]) {
                dst->keys[j] = key;
                dst->rows[j] = (uint32_t)dst->nrows++;
            }
            float *d = dst->w + (size_t)dst->rows[j] * C;
            const float *w = s->w + (size_t)s->rows[t] * C;
            for (size_t c = 0; c < C; c++) d[c] += scale * w[c];
        }
    }
    return 0;
}
