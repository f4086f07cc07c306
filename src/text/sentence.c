/*
 * sentence.c - sentence boundaries over the token stream.
 * A boundary follows terminal punctuation (and the quotes or brackets that
 * close after it) when the next word can start a sentence; paragraph
 * breaks always end one; a line break ends one after a headline-like line
 * or before a list item. Abbreviations carry their period inside the
 * token, so "Gen. Smith" never splits and "the U.S. The" can.
 */
#include "token.h"
#include "../core/alloc.h"

#include <ctype.h>
#include <string.h>

static int tok_is(const char *s, const tk_token *t, const char *w) {
    if (s[t->start] != w[0]) return 0; /* cheap reject before strlen */
    size_t n = strlen(w);
    return t->end - t->start == n && memcmp(s + t->start, w, n) == 0;
}

static int is_terminal(const char *s, const tk_token *t) {
    for (uint32_t i = t->start; i < t->end; i++)
        if (s[i] != '.' && s[i] != '!' && s[i] != '?') return 0;
    return 1;
}

static int is_closer(const char *s, const tk_token *t) {
    char c = s[t->start];
    if (c != '"' && c != '\'' && c != ')' && c != ']' && c != '}') return 0;
    return tok_is(s, t, "\"") || tok_is(s, t, "'") || tok_is(s, t, "''") ||
           tok_is(s, t, ")") || tok_is(s, t, "]") || tok_is(s, t, "}");
}

static int starts_lower(const char *s, const tk_token *t) {
    return islower((unsigned char)s[t->start]);
}

/* Words that often start a sentence after an abbreviation such as U.S. */
static int sentence_starter(const char *s, const tk_token *t) {
    static const char *const w[] = {"The", "He", "She", "It", "They", "We", "I",
                                    "But", "In", "This", "That", "A", "An", "On",
                                    "His", "Her", "Their", "There", "And", "So", "If",
                                    "As", "At", "For", "When", "After", "Now", "Then",
                                    "What", "Why", "How", "You", "My", "Our", "Your",
                                    "Please", "Thanks", "Thank", "Also", "However", "Some",
                                    "Many", "Yes", "These", "Those", "Its", "Is", "Are",
                                    "Was", "Were", "Do", "Does", "Did", "Can", "Will", NULL};
    for (size_t i = 0; w[i]; i++)
        if (tok_is(s, t, w[i])) return 1;
    return 0;
}

/* List item markers at the start of a line: "-", "*", "1.", "a)". */
static int list_marker(const char *s, const tk_token *t, const tk_token *next) {
    if (tok_is(s, t, "-") || tok_is(s, t, "*") || tok_is(s, t, "•") || tok_is(s, t, "--"))
        return 1;
    if (next && isdigit((unsigned char)s[t->start]) && t->end - t->start <= 2 &&
        (tok_is(s, next, ".") || tok_is(s, next, ")")))
        return 1;
    return 0;
}

/* A line that ends without punctuation and is short reads as a headline
 * or a list item, not as a wrapped sentence. */
static int line_is_headline(const char *s, const tk_token *t, size_t first_of_line, size_t last) {
    const tk_token *end = &t[last];
    if (strchr(",;:-(", s[end->end - 1])) return 0;
    size_t chars = t[last].end - t[first_of_line].start;
    return chars < 60;
}

static int starts_upper(const char *s, const tk_token *t) {
    return isupper((unsigned char)s[t->start]);
}

/* "*****", "=====", "_____": a separator line stands alone. */
static int is_rule(const char *s, const tk_token *t) {
    size_t n = t->end - t->start;
    if (n < 3) return 0;
    char c = s[t->start];
    if (c != '*' && c != '=' && c != '_' && c != '~' && c != '#') return 0;
    for (size_t k = 1; k < n; k++)
        if (s[t->start + k] != s[t->start]) return 0;
    return 1;
}

/* ":-)", ":)", ";)", ":D": ends a sentence like a full stop would. */
static int is_emoticon(const char *s, const tk_token *t) {
    size_t n = t->end - t->start;
    return n >= 2 && n <= 3 && (s[t->start] == ':' || s[t->start] == ';') &&
           strchr(")(DPp", s[t->end - 1]);
}

/* "BAGHDAD (Reuters) -" or "WASHINGTON, Jan. 9 (AP) --": a dateline is a
 * sentence of its own, so its agency never becomes an event's actor. It
 * ends at a dash after a parenthesized source, early in its line. */
static int dateline_ends(const char *s, const tk_token *t, size_t i, size_t line_start) {
    if (!(tok_is(s, &t[i], "-") || tok_is(s, &t[i], "--")) || i < line_start + 4 ||
        i > line_start + 12)
        return 0;
    if (!tok_is(s, &t[i - 1], ")")) return 0;
    const tk_token *first = &t[line_start];
    for (uint32_t k = first->start; k < first->end; k++)
        if (islower((unsigned char)s[k])) return 0; /* the place is in capitals */
    return first->end - first->start >= 2;
}

/* Decides whether a sentence ends after token i (i + 1 < n). */
static int list_label(const char *s, const tk_token *t) {
    size_t n = t->end - t->start;
    if (n > 2) return 0;
    for (size_t k = 0; k < n; k++)
        if (!isdigit((unsigned char)s[t->start + k]) && !(n == 1 && isalpha((unsigned char)s[t->start])))
            return 0;
    return 1;
}

static int boundary_after(const char *s, const tk_token *t, size_t n, size_t i, size_t line_start,
                          size_t first) {
    const tk_token *next = &t[i + 1];
    /* fast path: a plain word inside a line never ends a sentence */
    unsigned char c0 = (unsigned char)s[t[i].start];
    if (!(next->flags & (TK_NEWLINE_BEFORE | TK_PARA_BEFORE)) && !(t[i].flags & TK_ABBREV) &&
        (isalnum(c0) || c0 >= 0x80) && !is_rule(s, next))
        return 0;
    if (next->flags & TK_PARA_BEFORE) return 1;
    if (next->flags & TK_NEWLINE_BEFORE) {
        if (is_terminal(s, &t[i]) || is_closer(s, &t[i])) return 1;
        if (list_marker(s, next, i + 2 < n ? &t[i + 2] : NULL)) return 1;
        if (line_is_headline(s, t, line_start, i) && !starts_lower(s, next)) return 1;
    }
    if (dateline_ends(s, t, i, line_start) && starts_upper(s, next)) return 1;
    if (is_rule(s, &t[i]) || is_rule(s, next)) return 1;
    if (is_emoticon(s, &t[i]) && starts_upper(s, next)) return 1;
    /* "Hi David: Thought that ..." - a colon before a capitalized word
     * other than a name starts a new sentence in letters and web text */
    if (tok_is(s, &t[i], ":") && (t[i].flags & TK_SPACE_AFTER) && starts_upper(s, next) &&
        sentence_starter(s, next))
        return 1;
    /* find the terminal punctuation this boundary would follow */
    size_t k = i;
    while (k > 0 && is_closer(s, &t[k]) && !(t[k - 1].flags & TK_SPACE_AFTER)) k--;
    const tk_token *p = &t[k];
    if (k != i && !is_terminal(s, p)) return 0;
    if (is_terminal(s, p)) {
        /* "1. Item": a label at the start of a sentence */
        if (k == first + 1 && s[p->start] == '.' && p->end - p->start == 1 && list_label(s, &t[first]))
            return 0;
        if (!(t[i].flags & TK_SPACE_AFTER) && !is_closer(s, next)) return 0; /* "a.b" */
        if (is_closer(s, next) && !(t[i].flags & TK_SPACE_AFTER)) return 0;
        if (is_terminal(s, next)) return 0; /* ". ." stays one ending */
        /* an ellipsis before a lowercase word is a pause, not an end */
        if (starts_lower(s, next) && p->end - p->start >= 2 && s[p->start] == '.' &&
            s[p->start + 1] == '.')
            return 0;
        /* Abbreviations keep their period inside the token, so a bare
         * terminal token ends a sentence even before a lowercase word, as
         * web text often starts them ("call them. they haven't"). A single
         * letter or number before "." is a list label, not an end. */
        if (starts_lower(s, next) && k > 0 && t[k - 1].end - t[k - 1].start == 1 &&
            !(t[k - 1].flags & TK_SPACE_AFTER))
            return 0;
        return 1;
    }
    if (p->flags & TK_ABBREV) {
        /* "U.S. The ..." ends a sentence; "Gen. Smith" does not. */
        if (tk_is_title(s + p->start, p->end - p->start - 1)) return 0;
        size_t len = p->end - p->start;
        int dotted = len >= 4 && memchr(s + p->start, '.', len - 1) != NULL;
        if ((dotted || !isupper((unsigned char)s[p->start]) || len > 4) &&
            sentence_starter(s, next))
            return 1;
        return 0;
    }
    return 0;
}

static int push_sentence(ss_vec *out, size_t a, size_t b) {
    if (tac_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v)) return -1;
    out->v[out->n++] = (ss_sentence){(uint32_t)a, (uint32_t)b};
    return 0;
}

int ss_split(const char *s, tk_token *t, size_t n, int max_tokens, ss_vec *out) {
    out->n = 0;
    size_t first = 0, line_start = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].flags & TK_NEWLINE_BEFORE) line_start = i;
        int end = i + 1 == n || boundary_after(s, t, n, i, line_start, first);
        /* keep MWT words together: never split inside a surface token */
        if (!end && max_tokens > 0 && (int)(i + 1 - first) >= max_tokens &&
            !(i + 1 < n && t[i + 1].mwt == 0)) {
            end = 1;
            t[i].flags |= TK_FORCED_SPLIT;
        }
        if (!end) continue;
        if (push_sentence(out, first, i + 1)) return -1;
        for (size_t k = first; k <= i; k++) t[k].sentence = (uint32_t)(out->n - 1);
        first = i + 1;
    }
    return 0;
}
