/*
 * reader.c - input readers: plain-text files (one article each), JSON
 * Lines (one article per line, parsed with jansson), HTML pages and WARC
 * archives (read_html.c, read_warc.c), stdin, and sorted directory walks.
 * The format comes from --input-format, else the name, else the first
 * bytes. A bad record is reported with its file and record and the reader
 * moves on; only an input that cannot be opened is fatal.
 */
#define _GNU_SOURCE /* fopencookie, to put sniffed bytes back on a pipe */
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/error.h"
#include "read_html.h"
#include "read_warc.h"
#include "reader.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zlib.h>

#define RD_SNIFF 1024 /* bytes looked at to choose a format */

struct tac_reader {
    FILE *stream;           /* borrowed stream for rd_open_stream, else NULL */
    char **files;           /* queue of paths (owned) */
    size_t nfiles, capfiles, next;
    tac_format forced;
    const char *default_date;
    char date_default[11];
    size_t max_bytes;
    int fatal;
    /* current file */
    FILE *fp;
    char *name;             /* points into files[] or "-" */
    tac_format fmt;
    long long line;
    char *line_buf;
    size_t line_cap;
    buf text;
    json_t *json;           /* current JSONL record, released on next */
    char id_buf[4200];  /* "file:line" ids: unique across the files of one run */
    char date_buf[11];
    char warn_buf[640];
    /* HTML and WARC */
    hr_page page;
    wr_reader *warc;
    buf payload;            /* a WARC record's HTTP body after de-chunking or inflating */
    char source_buf[256];
    /* progress: bytes of the files already closed, and of all files (0: unknown) */
    unsigned long long done_bytes, total_bytes;
    long long cur_size;     /* size of the current file, -1 when not a regular file */
};

static int is_jsonl_name(const char *p) {
    const char *dot = strrchr(p, '.');
    return dot && (!strcmp(dot, ".jsonl") || !strcmp(dot, ".ndjson") || !strcmp(dot, ".json"));
}

static int ends_ci(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* The format a file name implies, or TAC_FORMAT_AUTO. */
static tac_format name_format(const char *p) {
    if (is_jsonl_name(p)) return TAC_FORMAT_JSONL;
    if (ends_ci(p, ".html") || ends_ci(p, ".htm") || ends_ci(p, ".xhtml")) return TAC_FORMAT_HTML;
    if (ends_ci(p, ".warc") || ends_ci(p, ".warc.gz")) return TAC_FORMAT_WARC;
    return TAC_FORMAT_AUTO;
}

/* The format the first bytes of an input imply. */
static tac_format content_format(const unsigned char *s, size_t n) {
    if (wr_sniff(s, n)) return TAC_FORMAT_WARC;
    if (hr_sniff((const char *)s, n)) return TAC_FORMAT_HTML;
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && isspace(s[i])) i++;
    return i < n && s[i] == '{' ? TAC_FORMAT_JSONL : TAC_FORMAT_TEXT;
}

/* A stream that first gives back the sniffed bytes, then the rest of a
 * stream that cannot seek (a pipe). Closing it leaves the stream open. */
typedef struct prefixed {
    FILE *under;
    unsigned char head[RD_SNIFF];
    size_t n, pos;
} prefixed;

static ssize_t pf_read(void *cookie, char *out, size_t n) {
    prefixed *p = cookie;
    if (p->pos < p->n) {
        size_t k = p->n - p->pos < n ? p->n - p->pos : n;
        memcpy(out, p->head + p->pos, k);
        p->pos += k;
        return (ssize_t)k;
    }
    size_t k = fread(out, 1, n, p->under);
    return k == 0 && ferror(p->under) ? -1 : (ssize_t)k;
}

static int pf_close(void *cookie) {
    tac_free(cookie);
    return 0;
}

/* Reads the first bytes of r->fp to choose its format, then puts them
 * back: by seeking, or by wrapping a pipe. Returns 0 or -1 (ENOMEM). */
static int sniff(tac_reader *r) {
    prefixed *p = tac_calloc(1, sizeof *p);
    if (!p) return -1;
    off_t start = ftello(r->fp);
    p->under = r->fp;
    p->n = fread(p->head, 1, sizeof p->head, r->fp);
    r->fmt = content_format(p->head, p->n);
    if (start >= 0 && fseeko(r->fp, start, SEEK_SET) == 0) {
        tac_free(p);
        return 0;
    }
    clearerr(r->fp);
    cookie_io_functions_t io = {.read = pf_read, .close = pf_close};
    FILE *f = fopencookie(p, "rb", io);
    if (!f) { tac_free(p); return -1; }
    r->fp = f; /* not stdin nor r->stream: close_current closes the wrapper only */
    return 0;
}

static int add_file(tac_reader *r, const char *path) {
    if (tac_grow((void **)&r->files, &r->capfiles, r->nfiles + 1, sizeof *r->files)) return -1;
    char *p = tac_strdup(path);
    if (!p) return -1;
    r->files[r->nfiles++] = p;
    return 0;
}

static int name_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files below dir, in byte order of their names at each
 * level, skipping hidden entries. Returns TAC_OK or an error. */
static tac_status walk(tac_reader *r, const char *dir, int depth, tac_error *err) {
    if (depth > 64) return err_set(err, TAC_ELIMIT, dir, 0, -1, "directories nested too deeply");
    DIR *d = opendir(dir);
    if (!d) return err_set(err, TAC_EIO, dir, 0, -1, "cannot open directory: %s", strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    tac_status st = TAC_OK;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        if (tac_grow((void **)&names, &cap, n + 1, sizeof *names) ||
            !(names[n] = tac_strdup(de->d_name))) {
            st = err_set(err, TAC_ENOMEM, dir, 0, -1, "out of memory listing directory");
            goto done;
        }
        n++;
    }
    if (n) qsort(names, n, sizeof *names, name_cmp); /* an empty directory leaves names NULL */
    for (size_t i = 0; i < n && st == TAC_OK; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = tac_malloc(len);
        if (!path) { st = err_set(err, TAC_ENOMEM, dir, 0, -1, "out of memory"); break; }
        snprintf(path, len, "%s/%s", dir, names[i]);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) st = walk(r, path, depth + 1, err);
        else if (add_file(r, path)) st = err_set(err, TAC_ENOMEM, dir, 0, -1, "out of memory");
        tac_free(path);
    }
done:
    for (size_t i = 0; i < n; i++) tac_free(names[i]);
    tac_free(names);
    closedir(d);
    return st;
}

/* Checks "YYYY-MM-DD" at the start of s; copies it into out[11]. */
static void sum_sizes(tac_reader *r);

static int iso_date(const char *s, char out[11]) {
    if (!s || strlen(s) < 10) return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) { if (s[i] != '-') return 0; }
        else if (!isdigit((unsigned char)s[i])) return 0;
    }
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
    if (s[10] && s[10] != 'T' && s[10] != ' ' && s[10] != 't') return 0;
    memcpy(out, s, 10);
    out[10] = 0;
    return 1;
}

tac_status tac_reader_open(const char *path, tac_format fmt, const char *date,
                           size_t max_bytes, tac_reader **out, tac_error *err) {
    err_clear(err);
    *out = NULL;
    if (!path) return err_set(err, TAC_EINVAL, NULL, 0, -1, "no input path");
    tac_reader *r = tac_calloc(1, sizeof *r);
    if (!r) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    hr_global_init();
    buf_init(&r->text);
    buf_init(&r->payload);
    hr_init(&r->page);
    r->forced = fmt;
    r->cur_size = -1;
    r->max_bytes = max_bytes ? max_bytes : (size_t)16 << 20;
    if (r->max_bytes > 0x7FFFFFFFu) r->max_bytes = 0x7FFFFFFFu;
    if (date) {
        if (!iso_date(date, r->date_default)) {
            tac_reader_free(r);
            return err_set(err, TAC_EINVAL, path, 0, -1, "bad date '%s' (want YYYY-MM-DD)", date);
        }
        r->default_date = r->date_default;
    }
    tac_status st = TAC_OK;
    struct stat sb;
    if (strcmp(path, "-") == 0) {
        if (add_file(r, "-")) st = err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    } else if (stat(path, &sb) != 0) {
        st = err_set(err, TAC_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    } else if (S_ISDIR(sb.st_mode)) {
        st = walk(r, path, 0, err);
    } else if (add_file(r, path)) {
        st = err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    }
    if (st != TAC_OK) { tac_reader_free(r); return st; }
    sum_sizes(r);
    *out = r;
    return TAC_OK;
}

static void close_current(tac_reader *r) {
    if (r->fp && r->cur_size > 0) r->done_bytes += (unsigned long long)r->cur_size;
    r->cur_size = -1;
    wr_free(r->warc);
    r->warc = NULL;
    if (r->fp && r->fp != stdin && r->fp != r->stream) fclose(r->fp);
    r->fp = NULL;
    r->name = NULL;
}

/* Notes a reader warning for the current article, after any it has. */
static void add_warning(tac_reader *r, tac_article *a, const char *msg) {
    if (a->warning && a->warning != r->warn_buf)
        snprintf(r->warn_buf, sizeof r->warn_buf, "%.300s; %s", a->warning, msg);
    else if (a->warning)
        snprintf(r->warn_buf + strlen(r->warn_buf), sizeof r->warn_buf - strlen(r->warn_buf),
                 "; %s", msg);
    else
        snprintf(r->warn_buf, sizeof r->warn_buf, "%s", msg);
    a->warning = r->warn_buf;
}

/* Reads r->fp into r->text, at most r->max_bytes cut at a UTF-8
 * character boundary; the rest is read and thrown away 64 KiB at a time,
 * so memory stays bounded whatever the file (or pipe) holds. Sets
 * *total to the bytes in the file. */
static tac_status slurp(tac_reader *r, unsigned long long *total, tac_error *err) {
    r->text.len = 0;
    *total = 0;
    char tmp[65536];
    size_t n, keep = r->max_bytes + 4; /* 4: to see where the character at the cut ends */
    while ((n = fread(tmp, 1, sizeof tmp, r->fp)) > 0) {
        *total += n;
        size_t room = r->text.len < keep ? keep - r->text.len : 0;
        if (room && buf_append(&r->text, tmp, n < room ? n : room))
            return err_set(err, TAC_ENOMEM, r->name, 1, -1, "out of memory reading file");
    }
    if (ferror(r->fp))
        return err_set(err, TAC_EIO, r->name, 1, (long long)*total, "read error: %s",
                       strerror(errno));
    if (!r->text.data && buf_reserve(&r->text, 1))
        return err_set(err, TAC_ENOMEM, r->name, 1, -1, "out of memory");
    if (r->text.len > r->max_bytes) {
        size_t cut = r->max_bytes;
        const unsigned char *t = (const unsigned char *)r->text.data;
        while (cut > 0 && (t[cut] & 0xC0) == 0x80 && r->max_bytes - cut < 3) cut--;
        r->text.len = cut;
    }
    return TAC_OK;
}

/* The warning of an input cut by slurp, or nothing. */
static void slurp_warning(tac_reader *r, tac_article *a, unsigned long long total,
                          const char *what) {
    if (total <= r->max_bytes) return;
    char msg[200];
    snprintf(msg, sizeof msg, "limit max_article_bytes=%zu: %s of %llu bytes truncated to %zu bytes",
             r->max_bytes, what, total, r->text.len);
    add_warning(r, a, msg);
}

/* Opens the next queued file. Returns TAC_OK, TAC_END, or an error naming
 * the file (the caller may continue with the next one). */
static tac_status open_next(tac_reader *r, tac_error *err) {
    if (r->next >= r->nfiles) return TAC_END;
    char *name = r->files[r->next++];
    int single = r->nfiles == 1;
    r->line = 0;
    if (r->stream) {
        r->fp = r->stream;
    } else if (strcmp(name, "-") == 0) {
        r->fp = stdin;
    } else if (!(r->fp = fopen(name, "rb"))) {
        if (single) r->fatal = 1;
        return err_set(err, TAC_EIO, name, 0, -1, "cannot open: %s", strerror(errno));
    }
    r->name = name;
    struct stat sb;
    r->cur_size = fstat(fileno(r->fp), &sb) == 0 && S_ISREG(sb.st_mode) ? (long long)sb.st_size : -1;
    r->fmt = r->forced;
    if (r->fmt == TAC_FORMAT_AUTO) r->fmt = name_format(name);
    if (r->fmt == TAC_FORMAT_AUTO && sniff(r)) {
        close_current(r);
        return err_set(err, TAC_ENOMEM, name, 0, -1, "out of memory");
    }
    if (r->fmt == TAC_FORMAT_WARC) {
        tac_status st = wr_open(r->fp, name, r->max_bytes, &r->warc, err);
        if (st != TAC_OK) {
            if (single) r->fatal = 1;
            close_current(r);
            return st;
        }
    }
    return TAC_OK;
}

static const char *json_field(json_t *o, const char *key, tac_reader *r, tac_error *err,
                              tac_status *st) {
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) return NULL;
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v) && strcmp(key, "id") == 0) {
        snprintf(r->id_buf, sizeof r->id_buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return r->id_buf;
    }
    *st = err_set(err, TAC_EPARSE, r->name, r->line, -1, "field \"%s\" must be a string", key);
    return NULL;
}

/* The longest JSON Lines record read: room for an article of max_bytes
 * with every character escaped (\u00e9 is 6 bytes for 2) and its other
 * fields. Longer lines are skipped, so one line cannot take all memory. */
static size_t record_limit(const tac_reader *r) { return 4 * r->max_bytes + 65536; }

/* Reads one line (with its newline) into r->line_buf, keeping at most
 * record_limit bytes; *total gets the line's full length. Returns 1, 0 at
 * the end of the input, -1 when out of memory. */
static int read_line(tac_reader *r, size_t *len, unsigned long long *total) {
    size_t limit = record_limit(r), n = 0;
    unsigned long long all = 0;
    int c = EOF;
    flockfile(r->fp);
    while ((c = getc_unlocked(r->fp)) != EOF) {
        all++;
        if (n < limit) {
            if (n + 2 > r->line_cap) {
                size_t cap = r->line_cap ? r->line_cap * 2 : 4096;
                char *nb = realloc(r->line_buf, cap); /* line_buf is free()d: see tac_reader_free */
                if (!nb) { funlockfile(r->fp); return -1; }
                r->line_buf = nb, r->line_cap = cap;
            }
            r->line_buf[n++] = (char)c;
        }
        if (c == '\n') break;
    }
    funlockfile(r->fp);
    if (r->line_buf) r->line_buf[n] = 0;
    *len = n;
    *total = all;
    return all > 0;
}

static tac_status next_jsonl(tac_reader *r, tac_article *a, tac_error *err) {
    for (;;) {
        size_t got;
        unsigned long long total;
        int rl = read_line(r, &got, &total);
        if (rl < 0)
            return err_set(err, TAC_ENOMEM, r->name, r->line + 1, -1, "out of memory reading a line");
        if (rl == 0) {
            if (ferror(r->fp))
                return err_set(err, TAC_EIO, r->name, r->line + 1, -1, "read error: %s",
                               strerror(errno));
            return TAC_END;
        }
        r->line++;
        if (total > got)
            return err_set(err, TAC_ELIMIT, r->name, r->line, (long long)got,
                           "record of %llu bytes exceeds the limit of %zu bytes "
                           "(4 x max_article_bytes + 64 KiB); skipped", total, got);
        ssize_t n = (ssize_t)got;
        const char *p = r->line_buf;
        size_t len = (size_t)n;
        if (r->line == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3, len -= 3;
        size_t k = 0;
        while (k < len && isspace((unsigned char)p[k])) k++;
        if (k == len) continue; /* blank line */
        json_error_t je;
        json_decref(r->json);
        r->json = json_loadb(p, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
        if (!r->json)
            return err_set(err, TAC_EPARSE, r->name, r->line, je.position,
                           "malformed JSON: %s", je.text);
        if (!json_is_object(r->json))
            return err_set(err, TAC_EPARSE, r->name, r->line, 0, "a record must be a JSON object");
        tac_status st = TAC_OK;
        json_t *text = json_object_get(r->json, "text");
        if (!text || !json_is_string(text))
            return err_set(err, TAC_EPARSE, r->name, r->line, -1,
                           text ? "field \"text\" must be a string" : "missing field \"text\"");
        a->text = json_string_value(text);
        a->text_len = json_string_length(text);
        a->id = json_field(r->json, "id", r, err, &st);
        a->title = json_field(r->json, "title", r, err, &st);
        a->source = json_field(r->json, "source", r, err, &st);
        a->url = json_field(r->json, "url", r, err, &st);
        const char *date = json_field(r->json, "date", r, err, &st);
        if (st != TAC_OK) return st;
        if (date && !iso_date(date, r->date_buf)) {
            snprintf(r->warn_buf, sizeof r->warn_buf,
                     "%s:%lld: date '%.40s' is not ISO 8601 (YYYY-MM-DD...); ignored", r->name,
                     r->line, date);
            a->warning = r->warn_buf;
            date = NULL;
        }
        a->date = date ? r->date_buf : r->default_date;
        if (!a->id) {
            /* the file's name too: records of two files must not replace
             * each other in a store (docs/output.md) */
            snprintf(r->id_buf, sizeof r->id_buf, "%.4000s:%lld", r->name, r->line);
            a->id = r->id_buf;
        }
        return TAC_OK;
    }
}

/* Fills a from the extracted page: title, canonical URL and date when the
 * page has them. */
static void page_article(tac_reader *r, tac_article *a) {
    a->text = r->page.text.data;
    a->text_len = r->page.text.len;
    a->title = r->page.title.len ? r->page.title.data : NULL;
    a->url = r->page.url.len ? r->page.url.data : NULL;
    a->date = r->page.date[0] ? r->page.date : r->default_date;
    a->warning = r->page.warning[0] ? r->page.warning : NULL;
}

/* One HTML page per file: the whole file is read and its main text
 * extracted. */
static tac_status next_html(tac_reader *r, tac_article *a, tac_error *err) {
    unsigned long long total;
    tac_status st = slurp(r, &total, err);
    a->record = r->line = 1;
    a->id = strcmp(r->name, "-") == 0 ? "stdin" : r->name;
    if (st == TAC_OK) st = hr_extract(r->text.data, r->text.len, NULL, &r->page, r->name, 1, err);
    if (st == TAC_OK) {
        page_article(r, a);
        slurp_warning(r, a, total, "HTML page");
    } else if (total > r->max_bytes) {
        /* the page may have lost its text to the cut: say so */
        size_t k = strlen(err->message);
        snprintf(err->message + k, sizeof err->message - k,
                 " (the page of %llu bytes was cut at max_article_bytes=%zu)", total, r->max_bytes);
    }
    return st;
}

/* Inflates a gzip or deflate HTTP body into r->payload, at most max_bytes.
 * Returns 0, 1 when the body is corrupt or too large, -1 on ENOMEM. */
static int inflate_body(tac_reader *r, const char *body, size_t n) {
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 32 + MAX_WBITS) != Z_OK) return -1; /* 32: gzip or zlib header */
    r->payload.len = 0;
    zs.next_in = (unsigned char *)body;
    zs.avail_in = (uInt)n;
    int rc = Z_OK, res = 0;
    while (rc == Z_OK) {
        if (r->payload.len >= r->max_bytes) { res = 1; break; }
        if (buf_reserve(&r->payload, 65536)) { res = -1; break; }
        zs.next_out = (unsigned char *)r->payload.data + r->payload.len;
        zs.avail_out = 65536;
        rc = inflate(&zs, Z_NO_FLUSH);
        r->payload.len += 65536 - zs.avail_out;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) res = 1, rc = Z_STREAM_END; /* truncated */
    }
    if (rc != Z_STREAM_END && rc != Z_OK && !res) res = 1;
    inflateEnd(&zs);
    return res;
}

/* Host part of an http(s) URL, copied into r->source_buf; NULL if none. */
static const char *url_host(tac_reader *r, const char *url) {
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p) return NULL;
    p += 3;
    size_t n = strcspn(p, "/?#:");
    if (n == 0 || n >= sizeof r->source_buf) return NULL;
    memcpy(r->source_buf, p, n);
    r->source_buf[n] = 0;
    if (!strncmp(r->source_buf, "www.", 4)) memmove(r->source_buf, r->source_buf + 4, n - 3);
    return r->source_buf;
}

/* The HTML page in a WARC record: the HTTP body of a 2xx response whose
 * Content-Type is HTML (or absent and the body looks like HTML), or a
 * resource record of type text/html. Returns 1 and sets *html, *n and cs, 0 to
 * skip the record, or an error status (negative). */
static int warc_page(tac_reader *r, const wr_record *rec, const char **html, size_t *n,
                     char *cs, size_t cap, tac_error *err) {
    cs[0] = 0;
    if (rec->type && !strcasecmp(rec->type, "resource")) {
        if (!rec->content_type || !strstr(rec->content_type, "html")) return 0;
        *html = rec->block, *n = rec->block_len;
        return 1;
    }
    if (!rec->type || strcasecmp(rec->type, "response")) return 0;
    int is_html, chunked, encoded;
    int status = wr_http(rec->block, rec->block_len, html, n, cs, cap, &is_html, &chunked, &encoded);
    if (status < 200 || status > 299 || is_html == 0) return 0;
    if (chunked || encoded) {
        if (encoded) {
            int rc = inflate_body(r, *html, *n);
            if (rc < 0) return TAC_ENOMEM;
            if (rc > 0)
                return err_set(err, TAC_EPARSE, r->name, rec->number, rec->offset,
                               "compressed HTTP body is corrupt or over %zu bytes", r->max_bytes);
        } else {
            r->payload.len = 0;
            if (buf_append(&r->payload, *html, *n)) return TAC_ENOMEM;
        }
        if (chunked) {
            size_t k = wr_dechunk(r->payload.data, r->payload.len);
            if (k == (size_t)-1)
                return err_set(err, TAC_EPARSE, r->name, rec->number, rec->offset,
                               "broken chunked HTTP body");
            r->payload.len = k;
        }
        *html = r->payload.data, *n = r->payload.len;
    }
    if (is_html < 0 && !hr_sniff(*html, *n)) return 0;
    return 1;
}

/* Next HTML page of a WARC file; other records are skipped. */
static tac_status next_warc(tac_reader *r, tac_article *a, tac_error *err) {
    for (;;) {
        wr_record rec;
        tac_status st = wr_next(r->warc, &rec, err);
        if (st == TAC_END) return st;
        a->record = st == TAC_OK ? rec.number : err->record;
        if (st != TAC_OK) return st;
        const char *html;
        size_t n;
        char cs[40];
        int got = warc_page(r, &rec, &html, &n, cs, sizeof cs, err);
        if (got == TAC_ENOMEM) return err_set(err, TAC_ENOMEM, r->name, rec.number, -1, "out of memory");
        if (got < 0) return (tac_status)got;
        if (got == 0) continue;
        st = hr_extract(html, n, cs[0] ? cs : NULL, &r->page, r->name, rec.number, err);
        if (st != TAC_OK) {
            err->offset = rec.offset;
            return st;
        }
        page_article(r, a);
        if (!r->page.date[0] && iso_date(rec.date, r->date_buf)) a->date = r->date_buf;
        if (rec.uri) a->url = rec.uri;
        a->id = rec.id ? rec.id : a->url;
        if (!a->id) {
            snprintf(r->id_buf, sizeof r->id_buf, "%.4000s:%lld", r->name, rec.number);
            a->id = r->id_buf;
        }
        a->source = url_host(r, rec.uri);
        return TAC_OK;
    }
}

tac_status tac_reader_next(tac_reader *r, tac_article *a, tac_error *err) {
    err_clear(err);
    memset(a, 0, sizeof *a);
    for (;;) {
        if (!r->fp) {
            tac_status st = open_next(r, err);
            if (st != TAC_OK) return st;
        }
        a->origin = r->name;
        if (r->fmt == TAC_FORMAT_JSONL) {
            tac_status st = next_jsonl(r, a, err);
            a->record = r->line;
            if (st == TAC_END) { close_current(r); continue; }
            return st;
        }
        if (r->fmt == TAC_FORMAT_WARC) {
            tac_status st = next_warc(r, a, err);
            if (st == TAC_END) { close_current(r); continue; }
            if (st == TAC_ENOMEM || st == TAC_EIO) close_current(r); /* cannot go on in this file */
            return st;
        }
        if (r->fmt == TAC_FORMAT_HTML) {
            tac_status st = next_html(r, a, err);
            close_current(r);
            return st;
        }
        /* plain text: the whole file is one article */
        unsigned long long total;
        tac_status st = slurp(r, &total, err);
        a->record = r->line = 1;
        a->id = strcmp(r->name, "-") == 0 ? "stdin" : r->name;
        a->text = r->text.data;
        a->text_len = r->text.len;
        a->date = r->default_date;
        if (st == TAC_OK) slurp_warning(r, a, total, "article");
        close_current(r);
        return st;
    }
}

tac_status rd_open_stream(FILE *fp, const char *name, tac_format fmt, const char *date,
                          size_t max_bytes, tac_reader **out, tac_error *err) {
    tac_status st = tac_reader_open("-", fmt, date, max_bytes, out, err);
    if (st != TAC_OK) return st;
    tac_reader *r = *out;
    r->stream = fp;
    tac_free(r->files[0]);
    if (!(r->files[0] = tac_strdup(name ? name : "stream"))) {
        tac_reader_free(r);
        *out = NULL;
        return err_set(err, TAC_ENOMEM, name, 0, -1, "out of memory");
    }
    return TAC_OK;
}

int tac_reader_fatal(const tac_reader *r) { return r ? r->fatal : 1; }

/* Sizes of the queued files, summed once; any input that is not a regular
 * file (stdin, a pipe) makes the total unknown. */
static void sum_sizes(tac_reader *r) {
    unsigned long long t = 0;
    for (size_t i = 0; i < r->nfiles; i++) {
        struct stat sb;
        if (!strcmp(r->files[i], "-") || stat(r->files[i], &sb) != 0 || !S_ISREG(sb.st_mode)) {
            r->total_bytes = 0;
            return;
        }
        t += (unsigned long long)sb.st_size;
    }
    r->total_bytes = t;
}

void tac_reader_progress(const tac_reader *r, unsigned long long *done,
                         unsigned long long *total) {
    *done = *total = 0;
    if (!r) return;
    *total = r->total_bytes;
    *done = r->done_bytes;
    if (r->fp && r->cur_size > 0) {
        off_t at = ftello(r->fp);
        if (at > 0) *done += (unsigned long long)at;
    }
}

void tac_reader_free(tac_reader *r) {
    if (!r) return;
    close_current(r);
    for (size_t i = 0; i < r->nfiles; i++) tac_free(r->files[i]);
    tac_free(r->files);
    free(r->line_buf); /* from getline */
    buf_free(&r->text);
    buf_free(&r->payload);
    hr_free(&r->page);
    json_decref(r->json);
    tac_free(r);
}
