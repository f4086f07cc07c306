/*
 * cx_event.c - what an event takes from the article context: the date of
 * a time expression its trigger governs (else the publication date), the
 * place its tree gives it ("in Baghdad"), the speaker it is attributed to
 * (a quote it sits in, "according to X", "X told Reuters") and casualty
 * counts (dead, injured, arrested) from the numbers of its sentence.
 */
#include <string.h>
#include "cx_int.h"
#include "../geo/geo.h"

/* Head of tokens [t0, t1): the token whose head lies outside, or -1. */
static int span_head(const tac_doc *d, uint32_t t0, uint32_t t1) {
    for (uint32_t i = t0; i < t1; i++) {
        int h = cx_head(d, i);
        if (h < (int)t0 || h >= (int)t1) return (int)i;
    }
    return -1;
}

/* 1 when token h hangs from the trigger directly, or through one noun that
 * is the trigger's subject or object ("the US forces in Iraq ... were
 * subjected"). */
static int attached(const tac_doc *d, int h, uint32_t trigger) {
    if (h < 0) return 0;
    int p = cx_head(d, (size_t)h);
    if (p == (int)trigger) return 1;
    return p >= 0 && cx_head(d, (size_t)p) == (int)trigger &&
           (cx_deprel(d, (size_t)p, "nsubj") || cx_deprel(d, (size_t)p, "obj"));
}

int cx_json_event_date(buf *b, const tac_doc *d, uint32_t sentence, uint32_t trigger) {
    const cx_layer *L = d->context;
    const char *v = d->date;
    for (size_t i = 0; L && d->head && i < L->ndates; i++) {
        const cx_date *x = &L->dates[i];
        if (!x->value || d->tokens.v[x->tok0].sentence != sentence) continue;
        if (attached(d, span_head(d, x->tok0, x->tok1), trigger)) {
            v = x->value;
            break;
        }
    }
    if (buf_puts(b, "\"date\":")) return -1;
    return v ? buf_json_str(b, v, strlen(v)) : buf_puts(b, "null");
}

long cx_event_place(const tac_doc *d, uint32_t trigger) {
    static const char *const where[] = {"in", "at", "near", "inside", "outside", "across",
                                        "around", "throughout", "within", "on", NULL};
    const cx_layer *L = d->context;
    if (!L || !d->head) return -1;
    for (size_t i = 0; i < L->nplaces; i++) {
        const cx_place *x = &L->places[i];
        int h = span_head(d, x->tok0, x->tok1);
        if (h < 0 || d->tokens.v[h].sentence != d->tokens.v[trigger].sentence ||
            !attached(d, h, trigger))
            continue;
        /* the place needs a locative preposition of its own */
        uint32_t s = d->tokens.v[h].sentence;
        for (size_t k = x->tok0; k-- > 0 && cx_in(d, k, s) && k + 4 > x->tok0;) {
            char w[CX_WORD];
            if (cx_head(d, k) != h || !cx_deprel(d, k, "case") || !cx_word(d, k, w)) continue;
            for (const char *const *p = where; *p; p++)
                if (strcmp(w, *p) == 0) return (long)i;
        }
    }
    return -1;
}

/* The quote the event is attributed to: one its trigger sits in, else an
 * "according to" or a "told <listener>" in its sentence; NULL when none. */
static const cx_quote *attribution(const tac_doc *d, uint32_t sentence, uint32_t trigger) {
    const cx_layer *L = d->context;
    const cx_quote *best = NULL;
    for (size_t i = 0; L && i < L->nquotes; i++) {
        const cx_quote *q = &L->quotes[i];
        if (q->speaker < 0 && q->stok1 <= q->stok0) continue;
        if (q->tok0 <= trigger && trigger < q->tok1) return q;
        if (d->tokens.v[q->tok0].sentence != sentence || q->verb < 0) continue;
        if (q->according || q->vtok1 > (uint32_t)q->verb + 1) best = q;
    }
    return best;
}

/* Casualty kind of verb token v: 0 dead, 1 injured, 2 arrested, -1 none. */
static int casualty_kind(const tac_doc *d, int v) {
    static const char *const kinds[3][6] = {
        {"kill", "die", "slay", "murder", "execute", NULL},
        {"wound", "injure", "hurt", NULL},
        {"arrest", "detain", "jail", "imprison", "capture", NULL}};
    const char *l = v >= 0 ? cx_lemma(d, (size_t)v) : NULL;
    for (int k = 0; l && k < 3; k++)
        for (const char *const *p = kinds[k]; *p; p++)
            if (strcmp(l, *p) == 0) return k;
    return -1;
}

/* Counts of dead, injured and arrested the numbers of the sentence give
 * this event: a number (or the noun it counts) that is the object or the
 * passive subject of "kill", "wound", "arrest"... whose verb is the trigger
 * or hangs from it, or any such number when the sentence has one event. */
static void casualties(const tac_doc *d, uint32_t sentence, uint32_t trigger, double n[3],
                       int have[3]) {
    const cx_layer *L = d->context;
    size_t events = 0;
    for (size_t i = 0; d->events && i < d->events->n; i++)
        events += d->events->v[i].sentence == sentence;
    for (size_t i = 0; L && d->head && i < L->nnumbers; i++) {
        const cx_number *x = &L->numbers[i];
        if (x->kind != CX_COUNT || d->tokens.v[x->tok0].sentence != sentence) continue;
        int t = (int)x->tok1 - 1;
        if (cx_deprel(d, (size_t)t, "nummod")) t = cx_head(d, (size_t)t);
        if (t < 0 || !(cx_deprel(d, (size_t)t, "obj") || cx_deprel(d, (size_t)t, "nsubj")))
            continue;
        int v = cx_head(d, (size_t)t), k = casualty_kind(d, v);
        if (k < 0) continue;
        int near = v == (int)trigger || cx_head(d, (size_t)v) == (int)trigger ||
                   cx_head(d, trigger) == v || events == 1;
        if (!near) continue;
        n[k] += x->value;
        have[k] = 1;
    }
}

int cx_json_event_context(buf *b, const tac_doc *d, uint32_t sentence, uint32_t trigger) {
    const cx_quote *q = attribution(d, sentence, trigger);
    if (buf_puts(b, "\"attribution\":")) return -1;
    if (!q) {
        if (buf_puts(b, "null")) return -1;
    } else {
        if (cx_put_actor(b, d, q, 1)) return -1;
    }
    long p = cx_event_place(d, trigger);
    if (buf_puts(b, ",\"place\":") ||
        (p < 0 ? buf_puts(b, "null") : cx_put_place(b, d, &d->context->places[p])))
        return -1;
    double n[3] = {0, 0, 0};
    int have[3] = {0, 0, 0};
    casualties(d, sentence, trigger, n, have);
    static const char *const keys[3] = {"dead", "injured", "arrested"};
    for (int k = 0; k < 3; k++)
        if (have[k] && buf_printf(b, ",\"%s\":%.15g", keys[k], n[k])) return -1;
    return 0;
}
