/*
 * dict_audit.c - whole-set checks run after loading: phrases entered twice
 * (duplicates), the same phrase with different codes (conflicts) and
 * overlapping date ranges inside one actor entry.
 */
#include <stdio.h>
#include <string.h>

#include "dict_int.h"
#include "../core/error.h"

static int recs_equal(const dict_set *s, uint32_t a, uint32_t b) {
    const dict_rec *ra = &s->recs[a], *rb = &s->recs[b];
    if (a == b) return 1;
    if (ra->n != rb->n) return 0;
    for (uint32_t i = 0; i < ra->n; i++) {
        const dict_code *x = &s->codes[ra->first + i], *y = &s->codes[rb->first + i];
        if (strcmp(x->code, y->code) || x->from != y->from || x->to != y->to ||
            x->is_default != y->is_default)
            return 0;
    }
    return 1;
}

/* Short text of an entry's code(s) for messages. */
static void code_text(const dict_set *s, const dict_ent *e, char *out, size_t cap) {
    size_t o = 0;
    out[0] = '\0';
    if (e->root == DICT_ROOT_ACTOR) {
        const dict_rec *r = &s->recs[e->payload];
        for (uint32_t i = 0; i < r->n && o < cap; i++) {
            const dict_code *c = &s->codes[r->first + i];
            int n = c->is_default ? snprintf(out + o, cap - o, "%s[%s]", i ? " " : "", c->code)
                                  : snprintf(out + o, cap - o, "%s[%s %d-%d]", i ? " " : "",
                                             c->code, c->from, c->to);
            if (n < 0) break;
            o += (size_t)n;
        }
        if (!r->n) snprintf(out, cap, "(no code)");
    } else if (e->root == DICT_ROOT_VERB) {
        const dict_verb *v = &s->verbs[e->payload];
        snprintf(out, cap, "block %s", s->blocks[v->block].name);
    } else if (e->root == DICT_ROOT_DISCARD) {
        snprintf(out, cap, "%s", e->flag ? "story" : "sentence");
    } else {
        snprintf(out, cap, "[%s%s]", e->code ? e->code : "ignore",
                 e->root == DICT_ROOT_AGENT ? (e->flag ? " before" : " after") : "");
    }
}

static int same_codes(const dict_set *s, const dict_ent *a, const dict_ent *b) {
    switch (a->root) {
    case DICT_ROOT_ACTOR: return recs_equal(s, a->payload, b->payload);
    case DICT_ROOT_VERB: return s->verbs[a->payload].block == s->verbs[b->payload].block;
    case DICT_ROOT_DISCARD: return a->flag == b->flag;
    default:
        return a->flag == b->flag &&
               ((!a->code && !b->code) || (a->code && b->code && !strcmp(a->code, b->code)));
    }
}

/* Compares each explicit entry of a node with the explicit ones before it. */
static int audit_node(dict_set *s, uint32_t node) {
    char ca[256], cb[256];
    for (uint32_t b = s->node_head[node]; b != DICT_NONE; b = s->ents[b].next) {
        const dict_ent *eb = &s->ents[b];
        if (eb->generated || eb->root == DICT_ROOT_SYNSET) continue;
        uint32_t first = DICT_NONE, dup = DICT_NONE;
        for (uint32_t a = s->node_head[node]; a != b; a = s->ents[a].next) {
            const dict_ent *ea = &s->ents[a];
            if (ea->generated) continue;
            if (first == DICT_NONE) first = a;
            if (same_codes(s, ea, eb)) { dup = a; break; }
        }
        uint32_t a = dup != DICT_NONE ? dup : first;
        if (a == DICT_NONE) continue;
        const dict_ent *ea = &s->ents[a];
        code_text(s, ea, ca, sizeof ca);
        code_text(s, eb, cb, sizeof cb);
        int rc = dup != DICT_NONE
            ? dict_warn(s, eb->file, eb->line, DICT_W_DUPLICATE,
                        "duplicate entry '%s' %s (already at %s:%u)", eb->phrase, cb,
                        s->files[ea->file].path, ea->line)
            : dict_warn(s, eb->file, eb->line, DICT_W_CONFLICT,
                        "conflicting codes for '%s': %s here, %s at %s:%u", eb->phrase, cb, ca,
                        s->files[ea->file].path, ea->line);
        if (rc != 0) return -1;
    }
    return 0;
}

/* Dated codes of one record whose ranges share more than an end day (the
 * files chain ranges end-to-start on the same day by convention). */
static int audit_dates(dict_set *s, uint32_t ri) {
    const dict_rec *r = &s->recs[ri];
    for (uint32_t j = 1; j < r->n; j++) {
        const dict_code *cj = &s->codes[r->first + j];
        if (cj->is_default) continue;
        for (uint32_t i = 0; i < j; i++) {
            const dict_code *ci = &s->codes[r->first + i];
            if (ci->is_default) continue;
            int lo = ci->from > cj->from ? ci->from : cj->from;
            int hi = ci->to < cj->to ? ci->to : cj->to;
            if (lo >= hi) continue;
            if (dict_warn(s, r->file, cj->line, DICT_W_OVERLAP,
                          "date range %d-%d of %s overlaps %d-%d of %s at line %u%s",
                          cj->from, cj->to, cj->code, ci->from, ci->to, ci->code, ci->line,
                          strcmp(ci->code, cj->code) ? " (the earlier line wins)" : "") != 0)
                return -1;
            break;
        }
    }
    return 0;
}

tac_status dict_set_audit(dict_set *s, tac_error *err) {
    if (!s) return err_set(err, TAC_EINVAL, NULL, 0, -1, "no dictionary set");
    for (uint32_t n = DICT_NROOTS; n < s->nnodes; n++)
        if (s->node_head[n] != DICT_NONE && s->ents[s->node_head[n]].next != DICT_NONE &&
            audit_node(s, n) != 0)
            return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    for (uint32_t r = 0; r < s->nrecs; r++)
        if (audit_dates(s, r) != 0) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    return TAC_OK;
}
