/*
 * tokenize.c - Penn/UD-style word segmentation of normalized text.
 * Works chunk by chunk (runs without whitespace): URLs, e-mails, handles,
 * numbers and abbreviations stay whole; hyphenated compounds split as UD
 * English does except after prefixes (non-, pre-, co-...); clitics become
 * words of one surface token (do|n't, Bush|'s).
 */
#include "token.h"
#include "../core/alloc.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

typedef struct scan {
    const char *s;
    size_t len;
    tk_vec *out;
} scan;

/* Decodes the character at i; returns its byte length (1 for bad bytes,
 * which cannot occur after normalization but are handled anyway). */
static size_t cp_at(const char *s, size_t len, size_t i, int32_t *c) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) { *c = b; return 1; }
    utf8proc_int32_t d;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &d);
    if (n <= 0) { *c = 0xFFFD; return 1; }
    *c = d;
    return (size_t)n;
}

/* ASCII classes, one lookup each: bit 1 letter, bit 2 digit. */
static const unsigned char ascii_class[128] = {
    ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2, ['7'] = 2,
    ['8'] = 2, ['9'] = 2,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1};

static int is_alpha(int32_t c) {
    if (c < 0x80) return c >= 0 && (ascii_class[c] & 1);
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME);
}

static int is_digit(int32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

static int is_alnum(int32_t c) {
    if (c < 0x80) return c >= 0 && ascii_class[c] != 0;
    return is_alpha(c) || is_digit(c);
}

static int alnum_at(const scan *sc, size_t i, size_t end) {
    if (i >= end) return 0;
    unsigned char b = (unsigned char)sc->s[i];
    if (b < 0x80) return ascii_class[b] != 0;
    int32_t c;
    cp_at(sc->s, sc->len, i, &c);
    return is_alnum(c);
}

static int digit_at(const scan *sc, size_t i, size_t end) {
    return i < end && sc->s[i] >= '0' && sc->s[i] <= '9';
}

static int push(scan *sc, size_t a, size_t b, int mwt) {
    tk_vec *v = sc->out;
    if (v->n == v->cap && tac_grow((void **)&v->v, &v->cap, v->n + 1, sizeof *v->v)) return -1;
    v->v[v->n++] = (tk_token){(uint32_t)a, (uint32_t)b, 0, 0, (uint16_t)mwt};
    return 0;
}

/* ---- special whole tokens ---------------------------------------------- */

static int has_prefix_ci(const char *s, size_t n, const char *p) {
    size_t m = strlen(p);
    return n >= m && strncasecmp(s, p, m) == 0;
}

/* Strips closing punctuation that ends a sentence or clause from a URL or
 * e-mail candidate [a, b); keeps a ')' that closes a '(' inside it. */
static size_t trim_tail(const char *s, size_t a, size_t b) {
    while (b > a) {
        char c = s[b - 1];
        if (strchr(".,;:!?\"'>]", c)) { b--; continue; }
        if (c == ')') {
            int open = 0;
            for (size_t i = a; i < b; i++) open += (s[i] == '(') - (s[i] == ')');
            if (open < 0) { b--; continue; }
        }
        break;
    }
    return b;
}

static size_t match_url(const scan *sc, size_t i, size_t end) {
    const char *p = sc->s + i;
    size_t n = end - i;
    switch (*p) { /* cheap gate: most words are not URLs */
    case 'h': case 'H': case 'f': case 'F': case 'w': case 'W': case 'm': case 'M': break;
    default: return 0;
    }
    if (n < 5) return 0;
    if (!(has_prefix_ci(p, n, "http://") || has_prefix_ci(p, n, "https://") ||
          has_prefix_ci(p, n, "ftp://") || has_prefix_ci(p, n, "www.") ||
          has_prefix_ci(p, n, "mailto:")))
        return 0;
    size_t b = trim_tail(sc->s, i, end);
    return b > i + 4 ? b - i : 0;
}

static int email_char(char c) {
    return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-' || c == '+';
}

static size_t match_email(const scan *sc, size_t i, size_t end) {
    size_t j = i;
    while (j < end && email_char(sc->s[j])) j++;
    if (j == i || j >= end || sc->s[j] != '@') return 0;
    size_t k = j + 1, dots = 0, last_dot = 0;
    while (k < end && (isalnum((unsigned char)sc->s[k]) || sc->s[k] == '-' || sc->s[k] == '.')) {
        if (sc->s[k] == '.') { dots++; last_dot = k; }
        k++;
    }
    while (k > j + 1 && sc->s[k - 1] == '.') k--, dots -= (last_dot == k);
    if (k <= j + 1) return 0;
    /* "Olsen@ENRON": mail systems' internal addresses have no dot */
    if (dots == 0 && !isalpha((unsigned char)sc->s[j + 1])) return 0;
    return k - i;
}

static const char *const emoticons[] = {
    ":-)", ":-(", ":-D", ":-P", ":-p", ";-)", ":'(", ":)", ":(", ":D", ":P",
    ":p", ";)", ":/", ":|", "<3", ":o", ":O", "^_^", "XD", "=)", NULL};

static size_t match_emoticon(const scan *sc, size_t i, size_t end) {
    switch (sc->s[i]) {
    case ':': case ';': case '<': case '^': case 'X': case '=': break;
    default: return 0;
    }
    for (size_t k = 0; emoticons[k]; k++) {
        size_t m = strlen(emoticons[k]);
        if (i + m <= end && memcmp(sc->s + i, emoticons[k], m) == 0 &&
            !alnum_at(sc, i + m, end))
            return m;
    }
    return 0;
}

/* ---- words -------------------------------------------------------------- */

/* Prefixes that UD English keeps attached to a hyphenated word. */
static const char *const hyphen_prefixes[] = {
    "e", "non", "pre", "anti", "re", "mid", "post", "co", "pro", "multi",
    "semi", "ex", "sub", "vice", "neo", "counter", "cross", "un", "socio",
    "mis", "micro", "intra", "inter", "psycho", "self", "ultra", "bi", "tri",
    "over", "de", "x", "u", NULL};

static int keeps_hyphen(const char *w, size_t n) {
    for (size_t k = 0; hyphen_prefixes[k]; k++) {
        size_t m = strlen(hyphen_prefixes[k]);
        if (n == m && strncasecmp(w, hyphen_prefixes[k], m) == 0) return 1;
    }
    return 0;
}

/* Contractions written without an apostrophe, split as UD does. */
static const struct { const char *word; int cut; } fused[] = {
    {"cannot", 3}, {"gonna", 3}, {"wanna", 3}, {"gotta", 3}, {"dont", 2},
    {"didnt", 3}, {"doesnt", 4}, {"isnt", 2}, {"wasnt", 3}, {"arent", 3},
    {"couldnt", 5}, {"wouldnt", 5}, {"shouldnt", 6}, {"havent", 4},
    {"hasnt", 3}, {"wont", 2}, {"cant", 2}, {"aint", 2}, {NULL, 0}};

static const char *const clitics[] = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m", NULL};

/* Emits one hyphen-free piece [a, b), splitting off a clitic. */
static int emit_piece(scan *sc, size_t a, size_t b) {
    const char *w = sc->s + a;
    size_t n = b - a;
    char last = (char)(w[n - 1] | 0x20);
    int apos = memchr(w, '\'', n) != NULL;
    if (!apos && (n < 4 || n > 8 || (last != 't' && last != 'a')))
        return push(sc, a, b, 1); /* no clitic can end this word */
    for (size_t k = 0; apos && clitics[k]; k++) {
        size_t m = strlen(clitics[k]);
        if (n > m && strncasecmp(w + n - m, clitics[k], m) == 0 &&
            isalpha((unsigned char)w[n - m - 1])) {
            size_t cut = b - m;
            if (push(sc, a, cut, 2) || push(sc, cut, b, 0)) return -1;
            return 0;
        }
    }
    for (size_t k = 0; !apos && fused[k].word; k++) {
        size_t m = strlen(fused[k].word);
        if (n == m && (w[0] | 0x20) == fused[k].word[0] && strncasecmp(w, fused[k].word, m) == 0 &&
            (islower((unsigned char)w[1]) || n == 1)) {
            size_t cut = a + (size_t)fused[k].cut;
            if (push(sc, a, cut, 2) || push(sc, cut, b, 0)) return -1;
            return 0;
        }
    }
    return push(sc, a, b, 1);
}

static int piece_has_digit(const char *s, size_t a, size_t b) {
    for (size_t i = a; i < b; i++)
        if (s[i] >= '0' && s[i] <= '9') return 1;
    return 0;
}

/* Emits the word [a, b), splitting hyphenated compounds as UD does. */
static int emit_word(scan *sc, size_t a, size_t b) {
    const char *s = sc->s;
    if (!memchr(s + a, '-', b - a)) return emit_piece(sc, a, b);
    /* Numbers, codes and phone numbers stay whole: every part has a digit. */
    /* Phone numbers and codes stay whole (every part has a digit and
     * one is long: 713-853-3989, x3-9890); scores and ranges split (5-3). */
    int all_digits = 1, parts = 0, longest = 0;
    size_t p = a;
    for (size_t i = a; i <= b; i++)
        if (i == b || s[i] == '-') {
            if (!piece_has_digit(s, p, i)) all_digits = 0;
            if ((int)(i - p) > longest) longest = (int)(i - p);
            parts++;
            p = i + 1;
        }
    if (all_digits && (parts >= 3 || longest >= 3)) return push(sc, a, b, 1);
    size_t first = (size_t)((const char *)memchr(s + a, '-', b - a) - s);
    if (keeps_hyphen(s + a, first - a)) return emit_piece(sc, a, b);
    p = a;
    for (size_t i = a; i <= b; i++) {
        if (i < b && s[i] != '-') continue;
        if (i > p && emit_piece(sc, p, i)) return -1;
        if (i < b && push(sc, i, i + 1, 1)) return -1;
        p = i + 1;
    }
    return 0;
}

/* Abbreviations that are also ordinary words take their period only when
 * capitalized or when a number follows ("No. 5", "Fig. 2"). */
static int abbrev_period(const scan *sc, size_t a, size_t b, size_t end) {
    const char *w = sc->s + a;
    size_t n = b - a;
    int upper = isupper((unsigned char)w[0]);
    /* "U.S", "e.g", "a.m": letters separated by periods */
    if (n >= 3 && memchr(w, '.', n)) {
        int ok = 1;
        for (size_t i = 0; i < n; i++)
            if (!(isalpha((unsigned char)w[i]) || (w[i] == '.' && i % 2 == 1))) ok = 0;
        if (ok) return 1;
    }
    if (n == 1 && (w[0] == 'v' || w[0] == 'V')) return 1; /* "Hamdan v. Rumsfeld" */
    if (n == 1 && isalpha((unsigned char)w[0])) return upper; /* initial */
    if (!tk_is_abbrev(w, n)) return 0;
    size_t after = b + 1;
    while (after < sc->len && sc->s[after] == ' ') after++;
    int num_follows = after < sc->len && isdigit((unsigned char)sc->s[after]);
    static const char *const need_number[] = {"no", "nos", "fig", "art", "vol",
                                              "ch", "ref", "para", "pp", "op", NULL};
    for (size_t k = 0; need_number[k]; k++)
        if (n == strlen(need_number[k]) && strncasecmp(w, need_number[k], n) == 0)
            return num_follows && b + 1 <= end;
    if (tk_is_title(w, n)) return upper;
    return upper || n <= 3 || !islower((unsigned char)w[1]);
}

/* Scans a word starting at i; returns its end. Connectors join only when
 * a letter or digit follows: periods (U.S, 3.5, google.com), apostrophes,
 * hyphens, '&' (AT&T), '_' ; commas, colons and slashes join digits. */
static size_t scan_word(const scan *sc, size_t i, size_t end) {
    size_t j = i;
    while (j < end) {
        unsigned char b = (unsigned char)sc->s[j];
        if (b < 0x80 && ascii_class[b]) { j++; continue; } /* the common case */
        int32_t c;
        size_t k = cp_at(sc->s, sc->len, j, &c);
        if (is_alnum(c)) { j += k; continue; }
        if (j == i || !alnum_at(sc, j + 1, end)) break;
        int prev_digit = sc->s[j - 1] >= '0' && sc->s[j - 1] <= '9';
        if (c == '.' || c == '\'' || c == '-' || c == '&' || c == '_') { j++; continue; }
        if (c == ':' && prev_digit && digit_at(sc, j + 1, end)) { j++; continue; }
        if (c == ',' && prev_digit && digit_at(sc, j + 1, end) && digit_at(sc, j + 3, end) &&
            !digit_at(sc, j + 4, end)) {
            j++; /* 200,000 but not 11,2000 */
            continue;
        }
        if (c == '/') {
            /* 11/28/2000, w/o, I/S, L/C */
            size_t l = j, r = j + 1;
            while (l > i && isalnum((unsigned char)sc->s[l - 1])) l--;
            while (r < end && isalnum((unsigned char)sc->s[r])) r++;
            if ((prev_digit && digit_at(sc, j + 1, end)) || (j - l <= 1 && r - j - 1 <= 2)) {
                j++;
                continue;
            }
        }
        break;
    }
    return j;
}

/* Punctuation token at i: runs of .!? and of repeated symbols stay whole. */
static size_t scan_punct(const scan *sc, size_t i, size_t end) {
    const char *s = sc->s;
    char c = s[i];
    size_t j = i + 1;
    if (c == '.' || c == '!' || c == '?') {
        while (j < end && (s[j] == '.' || s[j] == '!' || s[j] == '?')) j++;
        return j - i;
    }
    if (strchr("-*=_~<>|'`#+", c) && c) {
        while (j < end && s[j] == c) j++;
        return j - i;
    }
    int32_t cp;
    return cp_at(s, sc->len, i, &cp);
}

static int tokenize_chunk(scan *sc, size_t i, size_t end, int has_at) {
    const char *s = sc->s;
    while (i < end) {
        size_t m;
        if ((m = match_url(sc, i, end)) || (has_at && (m = match_email(sc, i, end))) ||
            (m = match_emoticon(sc, i, end))) {
            if (push(sc, i, i + m, 1)) return -1;
            i += m;
            continue;
        }
        int32_t c;
        size_t k = cp_at(s, sc->len, i, &c);
        /* handles and hashtags: @name, #tag */
        if ((c == '@' || c == '#') && i + 1 < end && isalpha((unsigned char)s[i + 1]) &&
            (i == 0 || !alnum_at(sc, i - 1, end))) {
            size_t j = i + 1;
            while (j < end && (isalnum((unsigned char)s[j]) || s[j] == '_')) j++;
            if (push(sc, i, j, 1)) return -1;
            i = j;
            continue;
        }
        if (is_alnum(c)) {
            size_t j = scan_word(sc, i, end);
            /* a final period that belongs to an abbreviation */
            if (j < end && s[j] == '.' && !(j + 1 < end && s[j + 1] == '.') &&
                abbrev_period(sc, i, j, end)) {
                if (push(sc, i, j + 1, 1)) return -1;
                sc->out->v[sc->out->n - 1].flags |= TK_ABBREV;
                i = j + 1;
                continue;
            }
            if (emit_word(sc, i, j)) return -1;
            /* "parents'": the possessive apostrophe is a word of the same
             * surface token, as with "Bush's" */
            tk_token *last = &sc->out->v[sc->out->n - 1];
            if (j < end && s[j] == '\'' && (s[j - 1] == 's' || s[j - 1] == 'S') &&
                !alnum_at(sc, j + 1, end) && last->mwt == 1 && j - i >= 2) {
                last->mwt = 2;
                if (push(sc, j, j + 1, 0)) return -1;
                j++;
            }
            i = j;
            continue;
        }
        /* '67, '90s: a year with its apostrophe */
        if (c == '\'' && digit_at(sc, i + 1, end) && digit_at(sc, i + 2, end) &&
            !digit_at(sc, i + 3, end) && (i == 0 || !alnum_at(sc, i - 1, end))) {
            size_t j = i + 3;
            if (j < end && s[j] == 's') j++;
            if (push(sc, i, j, 1)) return -1;
            i = j;
            continue;
        }
        /* ".5", ".doc": a period glued to what follows inside a chunk */
        if (c == '.' && i + 1 < end && alnum_at(sc, i + 1, end) &&
            (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n' || s[i - 1] == '\t')) {
            size_t j = scan_word(sc, i + 1, end);
            if (push(sc, i, j, 1)) return -1;
            i = j;
            continue;
        }
        m = scan_punct(sc, i, end);
        (void)k;
        if (push(sc, i, i + m, 1)) return -1;
        i += m;
    }
    return 0;
}

int tk_tokenize(const char *text, size_t len, tk_vec *out) {
    scan sc = {text, len, out};
    out->n = 0;
    size_t i = 0;
    int newlines = 0;
    while (i < len) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n') {
            newlines += c == '\n';
            i++;
            continue;
        }
        size_t j = i;
        int has_at = 0;
        while (j < len && text[j] != ' ' && text[j] != '\t' && text[j] != '\n') has_at |= text[j++] == '@';
        size_t before = out->n;
        if (tokenize_chunk(&sc, i, j, has_at)) return -1;
        if (out->n > before) {
            if (newlines) out->v[before].flags |= TK_NEWLINE_BEFORE;
            if (newlines >= 2) out->v[before].flags |= TK_PARA_BEFORE;
            if (j < len) out->v[out->n - 1].flags |= TK_SPACE_AFTER;
        }
        newlines = 0;
        i = j;
    }
    return 0;
}
