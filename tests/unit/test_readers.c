/*
 * test_readers.c - HTML and WARC readers: main text, title, date and URL of
 * the page fixtures in tests/data/html (news site, blog, JSON-LD, wire
 * service table layout, ISO-8859-1, malformed), and a WARC.gz written here with zlib whose bad records
 * (wrong length, truncated member, bad header, gzip bomb) each give one
 * error while the others are read.
 */
#include "check.h"
#include "io/read_html.h"
#include "io/read_warc.h"
#include "io/reader.h"
#include "tacitus.h"

#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#define FIX "tests/data/html/"

static int contains(const char *s, const char *lit) { return s && strstr(s, lit) != NULL; }

/* Opens one fixture through the public reader and returns its article. */
static tac_status read_one(const char *path, tac_reader **r, tac_article *a, tac_error *err) {
    if (tac_reader_open(path, TAC_FORMAT_AUTO, "2020-01-01", 1 << 20, r, err) != TAC_OK)
        return TAC_EIO;
    return tac_reader_next(*r, a, err);
}

static void test_news(void) {
    tac_reader *r;
    tac_article a;
    tac_error err;
    CHECK(read_one(FIX "news.html", &r, &a, &err) == TAC_OK);
    CHECK_STR(a.title, "Iraq and Turkey sign water-sharing accord in Baghdad");
    CHECK_STR(a.date, "2024-01-11");
    CHECK_STR(a.url, "https://www.dailycourier.example/world/iraq-turkey-water");
    CHECK(contains(a.text, "Iraq and Turkey signed an agreement on Thursday"));
    CHECK(contains(a.text, "rivers, ending months of talks between the two governments.\n\nThe Iraqi"));
    CHECK(contains(a.text, "during the summer months."));
    CHECK(!contains(a.text, "Subscribe"));       /* ad block */
    CHECK(!contains(a.text, "Editor's note"));   /* comment */
    CHECK(!contains(a.text, "Politics"));        /* nav */
    CHECK(!contains(a.text, "All rights"));      /* footer */
    CHECK(!contains(a.text, "Markets fall"));    /* link bar */
    CHECK(!contains(a.text, "Turkey builds"));   /* link-dense paragraph */
    CHECK(!contains(a.text, "Read more"));       /* short block */
    CHECK(!contains(a.text, "morning briefing")); /* newsletter */
    CHECK(!contains(a.text, "dataLayer"));       /* script */
    CHECK(!contains(a.text, "Officials at the ceremony")); /* caption */
    CHECK(a.text_len == strlen(a.text));
    CHECK(tac_reader_next(r, &a, &err) == TAC_END);
    tac_reader_free(r);
}

static void test_blog(void) {
    tac_reader *r;
    tac_article a;
    tac_error err;
    CHECK(read_one(FIX "blog.html", &r, &a, &err) == TAC_OK);
    CHECK_STR(a.title, "Notes from the field"); /* <title> without " | A Diplomat's Blog" */
    CHECK_STR(a.date, "2023-06-02");               /* <time datetime> */
    CHECK(a.url == NULL);
    CHECK(contains(a.text, "Protesters gathered outside the parliament in Belgrade"));
    CHECK(contains(a.text, "Nobody was hurt."));
    CHECK(!contains(a.text, "Great post"));  /* comments */
    CHECK(!contains(a.text, "About me"));    /* sidebar */
    CHECK(!contains(a.text, "Share on"));
    tac_reader_free(r);
}

static void test_jsonld(void) {
    tac_reader *r;
    tac_article a;
    tac_error err;
    CHECK(read_one(FIX "jsonld.html", &r, &a, &err) == TAC_OK);
    CHECK_STR(a.date, "2024-03-05"); /* datePublished inside @graph, not dateModified */
    CHECK_STR(a.url, "https://eaw.example/2024/03/ministers-meet"); /* og:url */
    CHECK_STR(a.title, "Ministers meet in Nairobi");
    CHECK(contains(a.text, "Kenya\xE2\x80\x99s foreign minister said the talks were "
                           "\xE2\x80\x9C" "constructive\xE2\x80\x9D."));
    CHECK(!contains(a.text, "Download our app"));
    tac_reader_free(r);
}

static void test_latin1(void) {
    tac_reader *r;
    tac_article a;
    tac_error err;
    CHECK(read_one(FIX "latin1.html", &r, &a, &err) == TAC_OK);
    CHECK_STR(a.title, "Le pr\xC3\xA9sident fran\xC3\xA7" "ais re\xC3\xA7oit son homologue");
    CHECK(contains(a.text, "\xC3\xA0 l'\xC3\x89lys\xC3\xA9" "e"));
    CHECK(contains(a.text, "\xC2\xAB pour la paix \xC2\xBB"));
    CHECK(!contains(a.text, "Accueil"));
    CHECK_STR(a.date, "2020-01-01"); /* none in the page: the reader's default */
    tac_reader_free(r);
}

/* An old table layout: no <p>, paragraphs split by <br><br>, a
 * windows-1252 page, a basic-format date, a credit and a copyright line. */
static void test_wire(void) {
    tac_reader *r;
    tac_article a;
    tac_error err;
    CHECK(read_one(FIX "wire.html", &r, &a, &err) == TAC_OK);
    CHECK_STR(a.title, "WIRE: Somalia, Kenya agree to reopen border");
    CHECK_STR(a.date, "2024-01-11");
    CHECK(contains(a.text, "officials from both countries said.\n\nThe decision was announced"));
    CHECK(contains(a.text, "Mogadishu.\n\n\xE2\x80\x9CThis is a new chapter for our peoples,\xE2\x80\x9D"));
    CHECK(!contains(a.text, "Front page"));
    CHECK(!contains(a.text, "Reporting by"));
    CHECK(!contains(a.text, "Reproduction"));
    CHECK(!contains(a.text, "Tags"));
    tac_reader_free(r);
}

static void test_malformed(void) {
    tac_reader *r;
    tac_article a;
    tac_error err;
    CHECK(read_one(FIX "malformed.html", &r, &a, &err) == TAC_OK);
    CHECK(contains(a.text, "Rebels attacked a police station"));
    CHECK(contains(a.text, "to the region late at night."));
    CHECK(contains(a.text, "Three soldiers were wounded"));
    CHECK(!contains(a.text, "document.write"));
    tac_reader_free(r);
    CHECK(read_one(FIX "empty.html", &r, &a, &err) == TAC_EPARSE);
    CHECK(contains(err.message, "no main text"));
    CHECK(contains(err.file, "empty.html"));
    CHECK(tac_reader_next(r, &a, &err) == TAC_END);
    tac_reader_free(r);
}

/* Undeclared bytes that are not UTF-8 pass through for the engine to
 * replace; a declared charset iconv does not know is a warning. */
static void test_charsets(void) {
    hr_page p;
    hr_init(&p);
    tac_error err;
    const char *raw = "<html><body><p>Le pr\xE9sident a re\xE7u son homologue pour des "
                      "entretiens sur la d\xE9" "fense.</p></body></html>";
    CHECK(hr_extract(raw, strlen(raw), NULL, &p, "t", 1, &err) == TAC_OK);
    CHECK(contains(p.text.data, "pr\xE9sident"));
    const char *unk = "<html><head><meta charset=\"x-no-such-charset\"></head><body><p>The "
                      "minister spoke to reporters in the capital on Monday.</p></body></html>";
    CHECK(hr_extract(unk, strlen(unk), NULL, &p, "t", 1, &err) == TAC_OK);
    CHECK(contains(p.warning, "x-no-such-charset"));
    /* an HTTP charset beats the page's own meta */
    const char *w1252 = "<html><head><meta charset=\"utf-8\"></head><body><p>\x93Peace now,\x94 "
                        "the crowd shouted outside the embassy.</p></body></html>";
    CHECK(hr_extract(w1252, strlen(w1252), "windows-1252", &p, "t", 1, &err) == TAC_OK);
    CHECK(contains(p.text.data, "\xE2\x80\x9CPeace now,\xE2\x80\x9D"));
    /* UTF-16 with a BOM */
    const char *ascii = "<html><body><p>Talks resumed in Geneva on Friday.</p></body></html>";
    size_t n = strlen(ascii);
    char *u16 = malloc(2 * n + 2);
    u16[0] = (char)0xFF, u16[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) u16[2 + 2 * i] = ascii[i], u16[3 + 2 * i] = 0;
    CHECK(hr_extract(u16, 2 * n + 2, NULL, &p, "t", 1, &err) == TAC_OK);
    CHECK_STR(p.text.data, "Talks resumed in Geneva on Friday.");
    free(u16);
    CHECK(hr_extract("", 0, NULL, &p, "t", 1, &err) == TAC_EPARSE);
    hr_free(&p);
}

/* ---- WARC ------------------------------------------------------------------- */

typedef struct out {
    unsigned char *data;
    size_t len, cap;
} out;

static void put(out *o, const void *p, size_t n) {
    if (o->len + n > o->cap) {
        o->cap = (o->len + n) * 2;
        o->data = realloc(o->data, o->cap);
    }
    memcpy(o->data + o->len, p, n);
    o->len += n;
}

/* Appends s as one gzip member; keep < 1 keeps only that share of it. */
static void gz_member(out *o, const char *s, size_t n, double keep) {
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&zs, n);
    unsigned char *tmp = malloc(cap);
    zs.next_in = (unsigned char *)s;
    zs.avail_in = (uInt)n;
    zs.next_out = tmp;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    size_t len = cap - zs.avail_out;
    deflateEnd(&zs);
    put(o, tmp, (size_t)(len * keep));
    free(tmp);
}

/* A WARC record with the given type, URI, HTTP block, and a Content-Length
 * off by lie bytes. Returns a malloc'ed string. */
static char *record(const char *type, const char *id, const char *uri, const char *block,
                    long lie) {
    size_t n = strlen(block) + 512;
    char *r = malloc(n);
    snprintf(r, n,
             "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: 2024-02-02T10:00:00Z\r\n"
             "WARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: %s\r\n"
             "Content-Type: application/http; msgtype=response\r\nContent-Length: %ld\r\n\r\n"
             "%s\r\n\r\n",
             type, id, uri, (long)strlen(block) + lie, block);
    return r;
}

static char *http(const char *headers, const char *body) {
    size_t n = strlen(headers) + strlen(body) + 64;
    char *r = malloc(n);
    snprintf(r, n, "HTTP/1.1 200 OK\r\n%s\r\n%s", headers, body);
    return r;
}

static const char *page1 =
    "<!DOCTYPE html><html><head><meta property=\"article:published_time\" "
    "content=\"2024-02-01T09:00:00Z\"><title>One</title></head><body><nav><a href=\"/\">Home</a>"
    "</nav><p>Iraqi forces attacked militants near Mosul on Wednesday, the army said.</p></body></html>";
static const char *page2 =
    "<html><body><article><h1>Two</h1><p>Israel and Egypt held talks in Cairo about the "
    "border crossing.</p></article></body></html>";

/* Builds the archive: good, warcinfo, wrong length, chunked good, truncated
 * member, request, image, latin-1 good, bad header, oversized, good. */
static out build_warc(int gz) {
    out o = {0};
    char *blocks[12], *recs[12];
    int k = 0;
    blocks[k] = http("Content-Type: text/html; charset=utf-8\r\n", page1);
    recs[k] = record("response", "r1", "https://www.news.example/a", blocks[k], 0), k++;
    blocks[k] = strdup("software: test\r\n");
    recs[k] = record("warcinfo", "r2", "", blocks[k], 0), k++;
    blocks[k] = http("Content-Type: text/html\r\n", page2);
    recs[k] = record("response", "r3", "https://news.example/lie", blocks[k], 40), k++;
    const char *c2 = "gypt and Sudan signed a trade agreement in Khartoum on Monday, officials "
                     "said.</p></body></html>";
    char chunked[300];
    snprintf(chunked, sizeof chunked, "10\r\n<html><body><p>E\r\n%zx\r\n%s\r\n0\r\n\r\n",
             strlen(c2), c2);
    blocks[k] = http("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked);
    recs[k] = record("response", "r4", "http://blog.example/chunked", blocks[k], 0), k++;
    blocks[k] = http("Content-Type: text/html\r\n", page2);
    recs[k] = record("response", "r5", "https://news.example/truncated", blocks[k], 0), k++;
    blocks[k] = strdup("GET / HTTP/1.1\r\nHost: news.example\r\n\r\n");
    recs[k] = record("request", "r6", "https://news.example/", blocks[k], 0), k++;
    blocks[k] = http("Content-Type: image/png\r\n", "\x89PNG....");
    recs[k] = record("response", "r7", "https://news.example/logo.png", blocks[k], 0), k++;
    blocks[k] = http("Content-Type: text/html; charset=ISO-8859-1\r\n",
                     "<html><body><p>Le ministre fran\xE7" "ais a rencontr\xE9 son homologue "
                     "\xE0 Berlin.</p></body></html>");
    recs[k] = record("response", "r8", "https://lemonde.example/x", blocks[k], 0), k++;
    blocks[k] = strdup("");
    recs[k] = strdup("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\nxx\r\n\r\n");
    k++;
    char *big = malloc(200001);
    memset(big, 'a', 200000);
    big[200000] = 0;
    blocks[k] = big;
    recs[k] = record("response", "r10", "https://news.example/bomb", big, 0), k++;
    blocks[k] = http("Content-Type: text/html\r\n", page2);
    recs[k] = record("response", "r11", "https://news.example/last", blocks[k], 0), k++;
    for (int i = 0; i < k; i++) {
        if (gz) gz_member(&o, recs[i], strlen(recs[i]), i == 4 ? 0.5 : 1.0);
        else if (i != 4) put(&o, recs[i], strlen(recs[i])); /* plain: no truncation */
        free(recs[i]);
        free(blocks[i]);
    }
    return o;
}

/* Reads the archive from path and checks what comes out. */
static void check_warc(const char *path, int gz) {
    tac_reader *r;
    tac_error err;
    tac_article a;
    CHECK(tac_reader_open(path, TAC_FORMAT_AUTO, NULL, 100000, &r, &err) == TAC_OK);
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
    CHECK_STR(a.id, "urn:uuid:r1");
    CHECK_STR(a.url, "https://www.news.example/a");
    CHECK_STR(a.source, "news.example");
    CHECK_STR(a.date, "2024-02-01"); /* from the page */
    CHECK_STR(a.text, "Iraqi forces attacked militants near Mosul on Wednesday, the army said.");
    CHECK(a.record == 1);
    /* record 2 (warcinfo) is skipped; record 3 lies about its length */
    CHECK(tac_reader_next(r, &a, &err) == TAC_EFORMAT);
    CHECK(err.record == 3);
    CHECK(err.offset > 0);
    CHECK(contains(err.message, "Content-Length"));
    CHECK(contains(err.file, "test.warc"));
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
    CHECK_STR(a.id, "urn:uuid:r4");
    CHECK_STR(a.date, "2024-02-02"); /* WARC-Date: the page has none */
    CHECK(contains(a.text, "Egypt and Sudan signed a trade agreement"));
    tac_status st = TAC_OK;
    if (gz) {
        st = tac_reader_next(r, &a, &err);
        CHECK(st == TAC_EFORMAT);
        CHECK(contains(err.message, "gzip"));
        CHECK(err.record == 5);
        CHECK(err.offset > 0);
    }
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
    CHECK_STR(a.id, "urn:uuid:r8");
    CHECK(contains(a.text, "fran\xC3\xA7" "ais a rencontr\xC3\xA9 son homologue \xC3\xA0 Berlin."));
    CHECK(tac_reader_next(r, &a, &err) == TAC_EFORMAT);
    CHECK(contains(err.message, "Content-Length"));
    CHECK(tac_reader_next(r, &a, &err) == TAC_EFORMAT);
    CHECK(contains(err.message, "exceeds the limit"));
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
    CHECK_STR(a.id, "urn:uuid:r11");
    CHECK(contains(a.text, "Israel and Egypt held talks in Cairo"));
    CHECK(tac_reader_next(r, &a, &err) == TAC_END);
    tac_reader_free(r);
}

static void test_warc(void) {
    char dir[] = "/tmp/tacitus-test-readers-XXXXXX";
    if (!mkdtemp(dir)) { CHECK(0); return; }
    char path[128];
    for (int gz = 0; gz <= 1; gz++) {
        /* names without .warc: the format comes from the content */
        snprintf(path, sizeof path, "%s/test.warc%s", dir, gz ? "-gz.bin" : "-plain.bin");
        out o = build_warc(gz);
        FILE *f = fopen(path, "wb");
        fwrite(o.data, 1, o.len, f);
        fclose(f);
        check_warc(path, gz);
        /* a pipe cannot seek: the sniffed bytes must be given back */
        char cmd[200];
        snprintf(cmd, sizeof cmd, "cat %s", path);
        FILE *p = popen(cmd, "r");
        tac_reader *r;
        tac_error err;
        tac_article a;
        CHECK(rd_open_stream(p, "pipe", TAC_FORMAT_AUTO, NULL, 100000, &r, &err) == TAC_OK);
        CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
        CHECK_STR(a.id, "urn:uuid:r1");
        int ok = 1, bad = 0;
        tac_status st;
        while ((st = tac_reader_next(r, &a, &err)) != TAC_END) st == TAC_OK ? ok++ : bad++;
        CHECK(ok == 4);
        CHECK(bad == 3 + gz);
        tac_reader_free(r);
        pclose(p);
        remove(path);
        free(o.data);
    }
    rmdir(dir);
}

/* A gzip bomb: a small member that inflates past max_bytes is refused
 * without holding it in memory. */
static void test_bomb(void) {
    size_t n = 50u << 20;
    char *rec = malloc(n + 256);
    int h = snprintf(rec, 256, "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: %zu\r\n\r\n", n);
    memset(rec + h, ' ', n);
    memcpy(rec + h + n, "\r\n\r\n", 4);
    out o = {0};
    gz_member(&o, rec, (size_t)h + n + 4, 1.0);
    free(rec);
    const char *tail = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
    gz_member(&o, tail, strlen(tail), 1.0);
    CHECK(o.len < (1u << 20));
    FILE *f = fmemopen(o.data, o.len, "rb");
    wr_reader *w;
    tac_error err;
    wr_record rec2;
    CHECK(wr_open(f, "bomb.warc.gz", 1 << 20, &w, &err) == TAC_OK);
    CHECK(wr_next(w, &rec2, &err) == TAC_EFORMAT);
    CHECK(contains(err.message, "exceeds the limit"));
    CHECK(wr_next(w, &rec2, &err) == TAC_OK);
    CHECK(rec2.number == 2 && rec2.block_len == 0);
    CHECK(wr_next(w, &rec2, &err) == TAC_END);
    wr_free(w);
    fclose(f);
    free(o.data);
}

/* The CC-NEWS-shaped fixtures: plain and one gzip member per record give
 * the same four pages; requests, metadata and robots.txt are skipped. */
static void test_fixtures(void) {
    const char *files[] = {"tests/data/warc/ccnews-sample.warc", "tests/data/warc/ccnews-sample.warc.gz"};
    size_t lens[2][4] = {{0}};
    for (int f = 0; f < 2; f++) {
        tac_reader *r;
        tac_error err;
        tac_article a;
        CHECK(tac_reader_open(files[f], TAC_FORMAT_AUTO, NULL, 1 << 20, &r, &err) == TAC_OK);
        int n = 0;
        tac_status st;
        while ((st = tac_reader_next(r, &a, &err)) == TAC_OK && n < 4) lens[f][n++] = a.text_len;
        CHECK(n == 4 && st == TAC_END);
        tac_reader_free(r);
    }
    CHECK(lens[0][0] > 0 && memcmp(lens[0], lens[1], sizeof lens[0]) == 0);
    /* --input-format wins over the name */
    tac_reader *r;
    tac_error err;
    tac_article a;
    CHECK(tac_reader_open(FIX "blog.html", TAC_FORMAT_TEXT, NULL, 1 << 20, &r, &err) == TAC_OK);
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
    CHECK(contains(a.text, "<div id=\"wrapper\">"));
    tac_reader_free(r);
    FILE *fp = fopen(FIX "jsonld.html", "rb");
    CHECK(rd_open_stream(fp, "page.txt", TAC_FORMAT_HTML, NULL, 1 << 20, &r, &err) == TAC_OK);
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
    CHECK_STR(a.date, "2024-03-05");
    tac_reader_free(r);
    fclose(fp);
}

/* A member with flipped bytes in the middle of the file costs its own
 * record only: reading starts again at the next member. */
static void test_corrupt_member(void) {
    out o = {0};
    size_t cut[4];
    for (int i = 0; i < 3; i++) {
        char *blk = http("Content-Type: text/html\r\n", page2);
        char *rec = record("response", i == 0 ? "a" : i == 1 ? "b" : "c", "https://x.example/", blk, 0);
        cut[i] = o.len;
        gz_member(&o, rec, strlen(rec), 1.0);
        free(rec);
        free(blk);
    }
    cut[3] = o.len;
    for (size_t k = cut[1] + 30; k < cut[1] + 40; k++) o.data[k] ^= 0x5A;
    FILE *f = fmemopen(o.data, o.len, "rb");
    wr_reader *w;
    tac_error err;
    wr_record rec;
    CHECK(wr_open(f, "flip.warc.gz", 1 << 20, &w, &err) == TAC_OK);
    CHECK(wr_next(w, &rec, &err) == TAC_OK && !strcmp(rec.id, "urn:uuid:a"));
    CHECK(wr_next(w, &rec, &err) == TAC_EFORMAT);
    CHECK(err.record == 2 && err.offset == (long long)cut[1]);
    CHECK(contains(err.message, "gzip member"));
    CHECK(wr_next(w, &rec, &err) == TAC_OK && !strcmp(rec.id, "urn:uuid:c"));
    CHECK(rec.number == 3 && rec.offset == (long long)cut[2]);
    CHECK(wr_next(w, &rec, &err) == TAC_END);
    wr_free(w);
    fclose(f);
    free(o.data);
}

static void test_http(void) {
    char body[] = "5\r\nhello\r\n6;x=1\r\n world\r\n0\r\n\r\n";
    CHECK(wr_dechunk(body, strlen(body)) == 11);
    CHECK(memcmp(body, "hello world", 11) == 0);
    char bad[] = "zz\r\nhello";
    CHECK(wr_dechunk(bad, strlen(bad)) == (size_t)-1);
    const char *b;
    size_t n;
    char cs[40];
    int html, chunked, enc;
    const char *resp = "HTTP/1.1 301 Moved\r\nContent-Type: text/html; charset=\"koi8-r\"\r\n\r\nX";
    CHECK(wr_http(resp, strlen(resp), &b, &n, cs, sizeof cs, &html, &chunked, &enc) == 301);
    CHECK_STR(cs, "koi8-r");
    CHECK(html == 1 && chunked == 0 && n == 1);
    CHECK(wr_http("GET / HTTP/1.1\r\n", 16, &b, &n, cs, sizeof cs, &html, &chunked, &enc) == -1);
    CHECK(wr_sniff((const unsigned char *)"WARC/1.1\r\n", 10));
    CHECK(!wr_sniff((const unsigned char *)"<html>", 6));
    CHECK(hr_sniff("\xEF\xBB\xBF  <!DOCTYPE HTML>", 19));
    CHECK(!hr_sniff("{\"text\":1}", 10));
}

int main(void) {
    test_news();
    test_blog();
    test_jsonld();
    test_latin1();
    test_wire();
    test_malformed();
    test_charsets();
    test_http();
    test_fixtures();
    test_corrupt_member();
    test_warc();
    test_bomb();
    return check_done("test_readers");
}
