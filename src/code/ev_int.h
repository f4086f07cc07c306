/*
 * ev_int.h - internals shared by the event coder's files (prefix ev_):
 * the per-document tree view (children lists, folded forms, mention map)
 * and the modality and role helpers of ev_tree.c.
 */
#ifndef TAC_EV_INT_H
#define TAC_EV_INT_H

#include "events.h"
#include "../core/doc.h"

#include <stdarg.h>

/* Read-only view of d built once per document (arena memory). */
typedef struct ev_view {
    tac_doc *d;
    size_t n;                  /* tokens */
    int *fc, *ns;              /* first child, next sibling (-1: none), in token order */
    int *tok2m;                /* token -> mention index covering it, -1 */
    const char **fold;         /* lower-cased forms */
    ev_trace_fn trace;
    void *tctx;
    int one_sided;             /* ev_opts.one_sided */
} ev_view;

/* Builds v over d; returns 0 or -1 (no memory). */
int ev_view_build(ev_view *v, tac_doc *d);
/* deprel of t without its subtype ("nsubj:pass" -> "nsubj" when base). */
int ev_rel(const ev_view *v, int t, const char *rel);
/* 1 when deprel of t is exactly rel or rel followed by ':'. */
int ev_rel_base(const ev_view *v, int t, const char *rel);
/* 1 when t's lemma (case-folded) equals w. */
int ev_lemma_is(const ev_view *v, int t, const char *w);
/* Lower-case lemma of t (fold of the lemma, or of the form). */
const char *ev_lemma(const ev_view *v, int t);
/* First child of t with deprel rel (base match), -1 if none. */
int ev_child(const ev_view *v, int t, const char *rel);
/* The case/mark word (ADP) of nominal t: its first child with deprel case or mark. */
int ev_case(const ev_view *v, int t);
/* 1 if t lies in the subtree of a. */
int ev_in_subtree(const ev_view *v, int t, int a);
/* Mention index of the actor a nominal t denotes: the coded mention
 * covering t, else the first coded mention in t's subtree outside
 * clauses, conjuncts and relative clauses; -1 if none. */
int ev_actor_of(const ev_view *v, int t);
/* 1 if t is a verb of saying or thinking (say, tell, warn, believe...),
 * whose complement clause is reported speech. */
int ev_is_speech(const ev_view *v, int t);
/* Modality of an event triggered at t. */
ev_modality ev_modality_of(const ev_view *v, int t);
/* Sends a formatted trace line when tracing. */
void ev_tracef(const ev_view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
