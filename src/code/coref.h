/*
 * coref.h - coreference inside one article (prefix cr_): links short
 * names, bare titles and personal pronouns to the actor the article already
 * named, so "Hussein ... he added" and "the Prime Minister" carry the code
 * of the mention they refer to.
 */
#ifndef TAC_COREF_H
#define TAC_COREF_H

typedef struct tac_doc tac_doc;

/* Resolves the mentions of d in place: sets antecedent and, when the
 * mention has no country yet, its code. Pronoun mentions are added for
 * he/she/they/it/its... when an antecedent is found. Returns 0 or -1. */
int cr_resolve(tac_doc *d);

#endif
