/*
 * read_html.c - main-text extraction from HTML pages (prefix hr_). The page
 * is converted to UTF-8 with iconv, parsed by libxml2's HTML parser in
 * recovery mode (no network), and its text blocks are kept or dropped by
 * tag, class/id words, length and link density.
 */
#define _GNU_SOURCE
#include "read_html.h"

#include "../core/error.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <strings.h>
#include <string.h>

#define HR_MAX_DEPTH 400    /* libxml2 caps HTML nesting lower; this guards our recursion */
#define HR_MIN_WORDS 8      /* a block this long is text even without final punctuation */
#define HR_MIN_SENT_WORDS 3 /* shorter blocks need sentence punctuation */

void hr_global_init(void) { xmlInitParser(); }

void hr_init(hr_page *p) {
    memset(p, 0, sizeof *p);
    buf_init(&p->text);
    buf_init(&p->title);
    buf_init(&p->url);
}

void hr_free(hr_page *p) {
    buf_free(&p->text);
    buf_free(&p->title);
    buf_free(&p->url);
}

static void page_clear(hr_page *p) {
    p->text.len = p->title.len = p->url.len = 0;
    p->date[0] = 0;
    p->warning[0] = 0;
}

/* Makes b a NUL-terminated string (possibly empty). */
static int terminate(buf *b) {
    if (buf_reserve(b, 1)) return -1;
    b->data[b->len] = 0;
    return 0;
}

static int ieq_prefix(const char *s, size_t n, const char *lit) {
    size_t k = strlen(lit);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[i]) != lit[i]) return 0;
    return 1;
}

int hr_sniff(const char *s, size_t n) {
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && isspace((unsigned char)s[i])) i++;
    s += i, n -= i;
    return ieq_prefix(s, n, "<!doctype html") || ieq_prefix(s, n, "<html") ||
           ieq_prefix(s, n, "<head") || ieq_prefix(s, n, "<!--");
}

/* ---- charsets ------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s[0..n), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    size_t k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (k == 0 || k > n) return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0;
    if (c == 0xED && s[1] > 0x9F) return 0;
    if (c == 0xF0 && s[1] < 0x90) return 0;
    if (c == 0xF4 && s[1] > 0x8F) return 0;
    return k;
}

/* 1 when s[0..n) is valid UTF-8 with at least one non-ASCII character. */
static int utf8_multibyte(const char *s, size_t n) {
    int multi = 0;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_len((const unsigned char *)s + i, n - i);
        if (!k) return 0;
        multi |= k > 1;
        i += k;
    }
    return multi;
}

/* Copies the charset name at s (after "charset") into out[cap], lower case.
 * Returns 1 when one was found. */
static int charset_value(const char *s, const char *end, char *out, size_t cap) {
    while (s < end && (*s == ' ' || *s == '\t')) s++;
    if (s >= end || *s != '=') return 0;
    s++;
    while (s < end && (*s == ' ' || *s == '\t' || *s == '"' || *s == '\'')) s++;
    size_t k = 0;
    while (s < end && k + 1 < cap && (isalnum((unsigned char)*s) || strchr("._:-", *s)))
        out[k++] = (char)tolower((unsigned char)*s++);
    out[k] = 0;
    return k > 0;
}

/* Finds a charset declared in a <meta> tag within the first 4 KiB. */
static int meta_charset(const char *s, size_t n, char *out, size_t cap) {
    if (n > 4096) n = 4096;
    const char *end = s + n;
    for (const char *p = s; p + 7 < end; p++) {
        if (!ieq_prefix(p, (size_t)(end - p), "charset")) continue;
        const char *lt = p;
        while (lt > s && *lt != '<' && *lt != '>') lt--;
        if (*lt == '<' && ieq_prefix(lt, (size_t)(end - lt), "<meta") &&
            charset_value(p + 7, end, out, cap))
            return 1;
    }
    return 0;
}

/* Maps a declared name to what glibc iconv should use; NULL for UTF-8.
 * Like browsers, latin-1 and ASCII labels mean windows-1252. */
static const char *iconv_name(const char *cs) {
    if (!strcmp(cs, "utf-8") || !strcmp(cs, "utf8")) return NULL;
    if (!strcmp(cs, "iso-8859-1") || !strcmp(cs, "iso8859-1") || !strcmp(cs, "latin1") ||
        !strcmp(cs, "latin-1") || !strcmp(cs, "us-ascii") || !strcmp(cs, "ascii") ||
        !strcmp(cs, "iso_8859-1"))
        return "WINDOWS-1252";
    return cs;
}

/* Converts in[0..n) from charset cs to UTF-8 into out; bytes invalid in cs
 * become U+FFFD. Returns 0, 1 when iconv does not know cs, -1 on ENOMEM. */
static int convert(const char *cs, const char *in, size_t n, buf *out) {
    iconv_t cd = iconv_open("UTF-8", cs);
    if (cd == (iconv_t)-1) return 1;
    out->len = 0;
    char *ip = (char *)in;
    size_t il = n;
    int rc = 0;
    while (il > 0) {
        if (buf_reserve(out, il * 2 + 16)) { rc = -1; break; }
        char *op = out->data + out->len;
        size_t ol = out->cap - out->len - 1;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        out->len = (size_t)(op - out->data);
        if (r == (size_t)-1 && errno != E2BIG) {
            if (buf_append(out, "\xEF\xBF\xBD", 3)) { rc = -1; break; }
            ip++, il--; /* EILSEQ or EINVAL: skip the bad byte */
        }
    }
    iconv_close(cd);
    return rc;
}

/* ---- text blocks ----------------------------------------------------------- */

typedef struct walker {
    int after_br;       /* only blanks since the last <br>: a second one ends the block */
    buf blk;            /* the block being collected */
    size_t link_bytes;  /* bytes of blk inside <a> */
    buf *out;           /* kept blocks */
    int failed;         /* allocation failure */
} walker;

static int in_list(const char *name, const char *const *list) {
    for (; *list; list++)
        if (!strcmp(name, *list)) return 1;
    return 0;
}

static const char *const skip_tags[] = {
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
    "svg", "button", "select", "textarea", "template", "object", "embed", "canvas", "menu",
    "dialog", "figure", "head", "title", "h1", "label", "input", NULL};

static const char *const block_tags[] = {
    "p", "div", "section", "article", "main", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "blockquote", "pre", "table", "tr", "td", "th", "dl", "dt", "dd", "address",
    "center", "hr", "body", "caption", NULL};

/* Words in class or id attributes that mark page furniture, not text. */
static const char *const junk_words[] = {
    "ad", "ads", "advert", "advertisement", "adslot", "sponsored", "promo", "sidebar", "nav",
    "navbar", "navigation", "menu", "footer", "share", "sharing", "social", "related",
    "comments", "comment", "cookie", "cookies", "newsletter", "breadcrumb", "breadcrumbs",
    "subscribe", "popup", "banner", "masthead", "byline", "tags", "widget", "outbrain",
    "taboola", "recommended", "most-read", "paywall", "caption", NULL};

/* 1 when the class or id attribute of n contains a junk word, the value
 * split on spaces, '-' and '_'. */
static int junk_attr(const xmlNode *n) {
    static const char *const attrs[] = {"class", "id", NULL};
    for (int a = 0; attrs[a]; a++) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)attrs[a]);
        if (!v) continue;
        int junk = 0;
        char word[32];
        size_t k = 0;
        for (const char *s = (const char *)v;; s++) {
            int sep = !*s || isspace((unsigned char)*s) || *s == '-' || *s == '_';
            if (!sep && k + 1 < sizeof word) word[k++] = (char)tolower((unsigned char)*s);
            if (sep && k) {
                word[k] = 0;
                if (in_list(word, junk_words)) junk = 1;
                k = 0;
            }
            if (!*s || junk) break;
        }
        xmlFree(v);
        if (junk) return 1;
    }
    return 0;
}

/* Appends text with runs of whitespace collapsed to one space. */
static void add_text(walker *w, const char *s, int in_link) {
    size_t before = w->blk.len;
    for (; *s; s++) {
        if (!isspace((unsigned char)*s)) w->after_br = 0;
        int sp = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f';
        if (sp) {
            if (w->blk.len && w->blk.data[w->blk.len - 1] != ' ' && buf_putc(&w->blk, ' '))
                w->failed = 1;
        } else if (buf_putc(&w->blk, *s)) {
            w->failed = 1;
        }
    }
    if (in_link) w->link_bytes += w->blk.len - before;
}

static size_t count_words(const char *s, size_t n) {
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) words++;
    return words;
}

/* 1 when the block reads like text of the article: few links, long enough
 * or a short sentence, and not a copyright line. */
static int good_block(const char *s, size_t n, size_t link_bytes) {
    if (n == 0 || link_bytes * 3 > n) return 0;
    if (memmem(s, n, "\xC2\xA9", 2) || memmem(s, n, "All rights reserved", 19) ||
        (n > 10 && !memcmp(s, "Copyright ", 10)))
        return 0;
    if (s[0] == '(' && s[n - 1] == ')' && memmem(s, n, " by ", 4)) return 0; /* wire credit line */
    size_t words = count_words(s, n);
    if (words >= HR_MIN_WORDS) return 1;
    const char *end = s + n - 1; /* skip closing quotes and brackets, then look for . ! ? */
    for (;;) {
        if (end > s && *end && strchr("\"')]", *end)) end--;
        else if (end - s >= 3 && (!memcmp(end - 2, "\xE2\x80\x9D", 3) ||
                                  !memcmp(end - 2, "\xE2\x80\x99", 3))) end -= 3;
        else break;
    }
    int sentence = *end == '.' || *end == '!' || *end == '?';
    return sentence && words >= HR_MIN_SENT_WORDS;
}

/* Ends the current block: keeps it (after a blank line) when good_block. */
static void flush(walker *w) {
    size_t n = w->blk.len;
    const char *s = w->blk.data;
    if (n && s[n - 1] == ' ') n--;
    if (n && good_block(s, n, w->link_bytes)) {
        if ((w->out->len && buf_append(w->out, "\n\n", 2)) || buf_append(w->out, s, n))
            w->failed = 1;
    }
    w->blk.len = 0;
    w->link_bytes = 0;
}

static void walk(walker *w, const xmlNode *n, int in_link, int depth) {
    if (depth > HR_MAX_DEPTH) return;
    for (const xmlNode *c = n->children; c && !w->failed; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) add_text(w, (const char *)c->content, in_link);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || !c->name) continue; /* comments, PIs */
        const char *name = (const char *)c->name;
        if (in_list(name, skip_tags) || junk_attr(c)) continue;
        if (!strcmp(name, "br")) { /* <br><br> separates paragraphs in older layouts */
            if (w->after_br) flush(w);
            else add_text(w, " ", in_link);
            w->after_br = 1;
            continue;
        }
        int block = in_list(name, block_tags);
        if (block) flush(w);
        else if (w->blk.len && w->blk.data[w->blk.len - 1] != ' ' && !strcmp(name, "img"))
            add_text(w, " ", in_link);
        walk(w, c, in_link || !strcmp(name, "a"), depth + 1);
        if (block) flush(w);
    }
}

/* Bytes of text below n outside skipped tags, to rank <article> elements. */
static size_t text_bytes(const xmlNode *n, int depth) {
    size_t total = 0;
    if (depth > HR_MAX_DEPTH) return 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) total += strlen((const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE && c->name &&
                 !in_list((const char *)c->name, skip_tags) && !junk_attr(c))
            total += text_bytes(c, depth + 1);
    }
    return total;
}

/* ---- metadata ---------------------------------------------------------------- */

typedef struct meta {
    char meta_date[11], ld_date[11], time_date[11];
    xmlChar *og_title, *h1, *title, *canonical, *og_url;
    const xmlNode *body_root;   /* itemprop=articleBody */
    const xmlNode *article;     /* the <article> with the most text */
    size_t article_bytes;
    const xmlNode *body;
} meta;

/* Copies the "YYYY-MM-DD" start of an ISO 8601 date into out[11]. */
static int iso_date(const char *s, char out[11]) {
    if (!s) return 0;
    while (isspace((unsigned char)*s)) s++;
    int k = 0;
    while (k < 9 && isdigit((unsigned char)s[k])) k++;
    if (k == 8) { /* the basic format, YYYYMMDD */
        char ext[11] = {s[0], s[1], s[2], s[3], '-', s[4], s[5], '-', s[6], s[7], 0};
        return iso_date(ext, out);
    }
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) { if (s[i] != '-') return 0; }
        else if (!isdigit((unsigned char)s[i])) return 0;
    }
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
    if (s[10] && s[10] != 'T' && s[10] != ' ' && s[10] != 't' && s[10] != 'Z') return 0;
    memcpy(out, s, 10);
    out[10] = 0;
    return 1;
}

static void set_once(xmlChar **slot, xmlChar *v) {
    if (!*slot && v && *v) *slot = v;
    else xmlFree(v);
}

/* Finds datePublished in a JSON-LD value (objects, arrays, @graph). */
static void ld_date(json_t *v, char out[11], int depth) {
    if (out[0] || depth > 8) return;
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) ld_date(x, out, depth + 1);
    } else if (json_is_object(v)) {
        json_t *d = json_object_get(v, "datePublished");
        if (json_is_string(d) && iso_date(json_string_value(d), out)) return;
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) if (json_is_array(x) || json_is_object(x))
            ld_date(x, out, depth + 1);
    }
}

static void scan_meta_tag(meta *m, const xmlNode *c) {
    xmlChar *prop = xmlGetProp(c, (const xmlChar *)"property");
    if (!prop) prop = xmlGetProp(c, (const xmlChar *)"name");
    if (!prop) prop = xmlGetProp(c, (const xmlChar *)"itemprop");
    if (!prop) return;
    const char *p = (const char *)prop;
    xmlChar *content = xmlGetProp(c, (const xmlChar *)"content");
    if (content) {
        if (!strcasecmp(p, "og:title")) set_once(&m->og_title, content), content = NULL;
        else if (!strcasecmp(p, "og:url")) set_once(&m->og_url, content), content = NULL;
        else if ((!strcasecmp(p, "article:published_time") || !strcasecmp(p, "datePublished") ||
                  !strcasecmp(p, "pubdate")) && !m->meta_date[0])
            iso_date((const char *)content, m->meta_date);
    }
    xmlFree(content);
    xmlFree(prop);
}

static int attr_is(const xmlNode *c, const char *attr, const char *value) {
    xmlChar *v = xmlGetProp(c, (const xmlChar *)attr);
    int yes = v && !strcasecmp((const char *)v, value);
    xmlFree(v);
    return yes;
}

/* One pass over the whole tree for metadata and candidate text roots.
 * furniture is set inside header/nav/footer/aside, whose h1 is a logo. */
static void scan(meta *m, const xmlNode *n, int furniture, int depth) {
    if (depth > HR_MAX_DEPTH) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !c->name) continue;
        const char *name = (const char *)c->name;
        if (!strcmp(name, "meta")) scan_meta_tag(m, c);
        else if (!strcmp(name, "link") && attr_is(c, "rel", "canonical"))
            set_once(&m->canonical, xmlGetProp(c, (const xmlChar *)"href"));
        else if (!strcmp(name, "title") && !m->title) set_once(&m->title, xmlNodeGetContent(c));
        else if (!strcmp(name, "h1") && !furniture && !m->h1) set_once(&m->h1, xmlNodeGetContent(c));
        else if (!strcmp(name, "time") && !m->time_date[0]) {
            xmlChar *v = xmlGetProp(c, (const xmlChar *)"datetime");
            if (v) iso_date((const char *)v, m->time_date);
            xmlFree(v);
        } else if (!strcmp(name, "script") && attr_is(c, "type", "application/ld+json")) {
            xmlChar *js = xmlNodeGetContent(c);
            json_t *j = js ? json_loads((const char *)js, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
            if (j) ld_date(j, m->ld_date, 0);
            json_decref(j);
            xmlFree(js);
            continue;
        } else if (!strcmp(name, "body") && !m->body) {
            m->body = c;
        }
        if (!m->body_root && attr_is(c, "itemprop", "articleBody")) m->body_root = c;
        if (!strcmp(name, "article")) {
            size_t b = text_bytes(c, depth);
            if (b > m->article_bytes) m->article = c, m->article_bytes = b;
        }
        int f = furniture || !strcmp(name, "header") || !strcmp(name, "nav") ||
                !strcmp(name, "footer") || !strcmp(name, "aside");
        scan(m, c, f, depth + 1);
    }
}

static void meta_free(meta *m) {
    xmlFree(m->og_title);
    xmlFree(m->h1);
    xmlFree(m->title);
    xmlFree(m->canonical);
    xmlFree(m->og_url);
}

/* Puts s into b with whitespace collapsed and trimmed; for a <title>,
 * drops a trailing " | Site Name" or " - Site Name". */
static int set_clean(buf *b, const xmlChar *s, int site_suffix) {
    walker w = {0};
    buf_init(&w.blk);
    add_text(&w, (const char *)s, 0);
    size_t n = w.blk.len;
    const char *t = w.blk.data ? w.blk.data : ""; /* NULL when s is all blanks */
    if (n && t[n - 1] == ' ') n--;
    if (n && t[0] == ' ') t++, n--;
    if (site_suffix) {
        static const char *const seps[] = {" | ", " -- ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL};
        for (int i = 0; seps[i]; i++) {
            const char *cut = NULL;
            for (const char *p = t; (p = memmem(p, n - (size_t)(p - t), seps[i], strlen(seps[i])));
                 p++)
                cut = p;
            if (cut && t + n - cut <= 48 && cut - t >= 10) { n = (size_t)(cut - t); break; }
        }
    }
    b->len = 0;
    int rc = buf_append(b, t, n) || terminate(b) || w.failed;
    buf_free(&w.blk);
    return rc ? -1 : 0;
}

/* ---- extraction ------------------------------------------------------------- */

/* Converts html to UTF-8 in conv when it declares another charset; sets
 * *text and *n to the bytes to parse. Returns 0 or -1 (ENOMEM). */
static int to_utf8(const char *html, size_t len, const char *hint, hr_page *p, buf *conv,
                   const char **text, size_t *n) {
    *text = html, *n = len;
    char cs[40] = "";
    const unsigned char *u = (const unsigned char *)html;
    if (len >= 3 && !memcmp(html, "\xEF\xBB\xBF", 3)) { *text += 3, *n -= 3; return 0; }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) strcpy(cs, "utf-16le");
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) strcpy(cs, "utf-16be");
    else if (hint && *hint) {
        size_t k = 0;
        for (; hint[k] && k + 1 < sizeof cs; k++) cs[k] = (char)tolower((unsigned char)hint[k]);
        cs[k] = 0;
    } else if (!meta_charset(html, len, cs, sizeof cs)) {
        return 0;
    }
    const char *ic = iconv_name(cs);
    if (!ic) return 0;
    int skip = cs[0] == 'u' && cs[1] == 't' ? 2 : 0; /* the UTF-16 BOM */
    if (!skip && utf8_multibyte(html, len)) {
        snprintf(p->warning, sizeof p->warning,
                 "page declares charset %s but is valid UTF-8; read as UTF-8", cs);
        return 0;
    }
    int rc = convert(ic, html + skip, len - (size_t)skip, conv);
    if (rc < 0) return -1;
    if (rc > 0) {
        snprintf(p->warning, sizeof p->warning, "unknown charset '%s'; read as UTF-8", cs);
        return 0;
    }
    *text = conv->data, *n = conv->len;
    return 0;
}

/* Fills p from the parsed document. Returns 0 or -1 (ENOMEM). */
static int extract(htmlDocPtr doc, hr_page *p) {
    meta m = {0};
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (root) scan(&m, (const xmlNode *)doc, 0, 0);
    walker w = {0};
    buf_init(&w.blk);
    w.out = &p->text;
    const xmlNode *top = m.body_root ? m.body_root : m.article ? m.article
                       : m.body ? m.body : root;
    if (top) {
        walk(&w, top, 0, 0);
        flush(&w);
        if (p->text.len == 0 && top != m.body && m.body) walk(&w, m.body, 0, 0), flush(&w);
    }
    int rc = w.failed || terminate(&p->text);
    buf_free(&w.blk);
    const xmlChar *title = m.og_title ? m.og_title : m.h1 ? m.h1 : m.title;
    if (!rc && title) rc = set_clean(&p->title, title, title == m.title);
    const xmlChar *url = m.canonical ? m.canonical : m.og_url;
    if (!rc && url) rc = set_clean(&p->url, url, 0);
    const char *date = m.meta_date[0] ? m.meta_date : m.ld_date[0] ? m.ld_date : m.time_date;
    memcpy(p->date, date, 11);
    meta_free(&m);
    return rc ? -1 : 0;
}

tac_status hr_extract(const char *html, size_t len, const char *charset, hr_page *p,
                      const char *name, long long record, tac_error *err) {
    page_clear(p);
    if (len > 0x7FFFFFFF)
        return err_set(err, TAC_ELIMIT, name, record, -1, "HTML page of %zu bytes is too large", len);
    buf conv;
    buf_init(&conv);
    const char *text;
    size_t n;
    tac_status st = TAC_OK;
    if (to_utf8(html, len, charset, p, &conv, &text, &n)) {
        st = err_set(err, TAC_ENOMEM, name, record, -1, "out of memory converting the page");
        goto done;
    }
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
    /* a parser context, to learn whether libxml2 stopped early: it stops
     * (keeping what it has) at a fatal error such as nesting deeper than
     * 256 elements, and the text after that point is lost */
    htmlParserCtxtPtr ctx = n ? htmlNewParserCtxt() : NULL;
    if (n && !ctx) {
        st = err_set(err, TAC_ENOMEM, name, record, -1, "out of memory parsing the page");
        goto done;
    }
    htmlDocPtr doc = ctx ? htmlCtxtReadMemory(ctx, text, (int)n, NULL, "UTF-8", opts) : NULL;
    char stopped[160] = "";
    if (ctx && ctx->disableSAX && ctx->lastError.message) {
        size_t k = strcspn(ctx->lastError.message, "\n");
        snprintf(stopped, sizeof stopped, "the HTML parser stopped at line %d: %.*s", ctx->lastError.line,
                 (int)(k > 100 ? 100 : k), ctx->lastError.message);
    }
    if (ctx) htmlFreeParserCtxt(ctx);
    if (!doc) {
        st = err_set(err, TAC_EPARSE, name, record, -1, "not an HTML page (%s)",
                     stopped[0] ? stopped : "the parser gave up");
        goto done;
    }
    int rc = extract(doc, p);
    xmlFreeDoc(doc);
    if (rc) st = err_set(err, TAC_ENOMEM, name, record, -1, "out of memory extracting text");
    else if (p->text.len == 0 && stopped[0])
        st = err_set(err, TAC_EPARSE, name, record, -1, "HTML page has no main text (%s)", stopped);
    else if (p->text.len == 0)
        st = err_set(err, TAC_EPARSE, name, record, -1,
                     "HTML page has no main text (only navigation, scripts or short blocks)");
    else if (stopped[0]) {
        /* coded with what came before; the warning says the rest is lost */
        size_t k = strlen(p->warning);
        snprintf(p->warning + k, sizeof p->warning - k, "%s%s; the text after it is lost",
                 k ? "; " : "", stopped);
    }
done:
    buf_free(&conv);
    if (st != TAC_OK) page_clear(p);
    return st;
}
