/*
 * dp_state.c - the arc-hybrid transition system (SHIFT, LEFT, RIGHT) with the
 * ROOT token at the end of the buffer, and its dynamic oracle (Goldberg &
 * Nivre 2013): the cost of an action is the number of gold arcs it makes
 * unreachable.
 */
#include "dp_int.h"
#include "../core/alloc.h"

#include <string.h>

int dp_state_alloc(dp_state *st, int n) {
    if (n < 0 || (size_t)n > (SIZE_MAX / 128) - 4) return -1;
    size_t m = (size_t)n + 2;
    if (!st->mem || st->cap < (size_t)n) {
        /* 64-bit arrays first so every array stays aligned */
        size_t bytes = m * (sizeof(dp_tok) + 2 * sizeof(uint64_t) + 11 * sizeof(int));
        void *p = tac_malloc(bytes);
        if (!p) return -1;
        tac_free(st->mem);
        st->mem = p;
        st->cap = (size_t)n;
    }
    char *p = st->mem;
    st->tok = (dp_tok *)p; p += m * sizeof(dp_tok);
    st->lset = (uint64_t *)p; p += m * sizeof(uint64_t);
    st->rset = (uint64_t *)p; p += m * sizeof(uint64_t);
    int **ints[] = {&st->stack, &st->head, &st->label, &st->l1, &st->l2, &st->r1, &st->r2,
                    &st->nl, &st->nr};
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        *ints[i] = (int *)p;
        p += m * sizeof(int);
    }
    st->n = n;
    st->root = n + 1;
    return 0;
}

void dp_state_free(dp_state *st) {
    tac_free(st->mem);
    memset(st, 0, sizeof *st);
}

void dp_state_reset(dp_state *st) {
    size_t m = (size_t)st->n + 2;
    st->sp = 0;
    st->b = 1;
    memset(st->lset, 0, m * sizeof(uint64_t));
    memset(st->rset, 0, m * sizeof(uint64_t));
    int *arr[] = {st->head, st->label, st->l1, st->l2, st->r1, st->r2, st->nl, st->nr};
    for (size_t i = 0; i < sizeof arr / sizeof *arr; i++) memset(arr[i], 0, m * sizeof(int));
}

int dp_state_final(const dp_state *st) { return st->sp == 0 && st->b == st->root; }

/* The root constraint: ROOT takes a dependent only when that word is the last
 * one left, so every parse is a tree with exactly one root word. */
void dp_valid(const dp_state *st, int valid[DP_NACT]) {
    valid[DP_SHIFT] = st->b < st->root;
    valid[DP_LEFT] = st->sp >= 1 && (st->b < st->root || st->sp == 1);
    valid[DP_RIGHT] = st->sp >= 2;
}

static void add_arc(dp_state *st, int h, int d, int label) {
    st->head[d] = h;
    st->label[d] = label;
    uint64_t bit = 1ULL << (label & 63);
    if (d < h) {
        st->nl[h]++;
        st->lset[h] |= bit;
        if (!st->l1[h] || d < st->l1[h]) { st->l2[h] = st->l1[h]; st->l1[h] = d; }
        else if (!st->l2[h] || d < st->l2[h]) st->l2[h] = d;
    } else {
        st->nr[h]++;
        st->rset[h] |= bit;
        if (!st->r1[h] || d > st->r1[h]) { st->r2[h] = st->r1[h]; st->r1[h] = d; }
        else if (!st->r2[h] || d > st->r2[h]) st->r2[h] = d;
    }
}

int dp_apply(dp_state *st, int a, int label, int *hd) {
    int d = 0, h = 0;
    switch (a) {
    case DP_SHIFT:
        st->stack[st->sp++] = st->b++;
        break;
    case DP_LEFT:
        d = st->stack[--st->sp];
        h = st->b;
        add_arc(st, h, d, label);
        break;
    default: /* DP_RIGHT */
        d = st->stack[--st->sp];
        h = st->stack[st->sp - 1];
        add_arc(st, h, d, label);
        break;
    }
    if (hd) *hd = h;
    return d;
}

/* The buffer b..root is contiguous, so "x is in the buffer" is x >= b. */
void dp_costs(const dp_state *st, const int *gh, int cost[DP_NACT]) {
    int valid[DP_NACT];
    dp_valid(st, valid);
    int b = st->b, n = st->n;
    int s0 = st->sp ? st->stack[st->sp - 1] : 0;
    int s1 = st->sp > 1 ? st->stack[st->sp - 2] : 0;
    enum { BIG = 1 << 20 };
    cost[DP_SHIFT] = cost[DP_LEFT] = cost[DP_RIGHT] = BIG;
    if (valid[DP_SHIFT]) {
        /* b0 can no longer take a head below s0 nor any dependent on the stack */
        int c = 0;
        for (int i = 0; i < st->sp; i++) {
            int k = st->stack[i];
            if (gh[k] == b) c++;
            if (k == gh[b] && i < st->sp - 1) c++;
        }
        cost[DP_SHIFT] = c;
    }
    if (st->sp) {
        /* popping s0 loses its dependents still in the buffer */
        int deps = 0;
        for (int d = b; d <= n; d++) deps += gh[d] == s0;
        int g = gh[s0];
        if (valid[DP_LEFT]) cost[DP_LEFT] = deps + (g != b && (g == s1 || g >= b));
        if (valid[DP_RIGHT]) cost[DP_RIGHT] = deps + (g != s1 && g >= b);
    }
}
