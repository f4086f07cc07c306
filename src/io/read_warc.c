/*
 * read_warc.c - WARC record reader (prefix wr_). Two layers: a byte source
 * (fread, or zlib inflating gzip members one after another) filling a
 * window, and a record parser over the window that checks each record's
 * framing and resynchronizes on the next "WARC/1.x" line after an error.
 */
#define _GNU_SOURCE
#include "read_warc.h"

#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/error.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#define WR_IN_SIZE (1u << 16)
#define WR_CHUNK (1u << 16)     /* bytes produced per step */
#define WR_HDR_MAX (1u << 16)   /* a longer WARC header is an error */
#define WR_MEMBERS 64           /* member starts remembered for error offsets */

typedef struct member {
    long long dec;  /* decompressed offset where the member starts */
    long long comp; /* its byte offset in the file */
} member;

struct wr_reader {
    FILE *fp;
    char *name;
    size_t max_bytes;
    int gz;
    z_stream zs;
    int zinit, member_open, src_eof;
    unsigned char in[WR_IN_SIZE];
    size_t in_pos, in_len;
    long long in_off;           /* file offset of in[0] */
    long long start;            /* ftello at open, -1 when not seekable */
    unsigned char *win;         /* decompressed window */
    size_t pos, len, cap, keep; /* read cursor, valid bytes, size, first byte to keep */
    long long base;             /* stream offset of win[0] */
    member members[WR_MEMBERS];
    int nmembers;
    long long brk;              /* stream offset of a gzip break (corrupt/truncated), or -1 */
    long long brk_comp;         /* file offset of the member that broke */
    char brk_msg[160];
    long long nrec;
    buf hdr;                    /* the current header, lines NUL-terminated */
};

/* ---- byte source ------------------------------------------------------------ */

/* Moves unread input to the front and reads more. Returns bytes read, 0 at
 * EOF, -1 on a read error. */
static long refill(wr_reader *w) {
    size_t rest = w->in_len - w->in_pos;
    memmove(w->in, w->in + w->in_pos, rest);
    w->in_off += (long long)w->in_pos;
    w->in_pos = 0;
    w->in_len = rest;
    size_t n = fread(w->in + rest, 1, sizeof w->in - rest, w->fp);
    w->in_len += n;
    if (n == 0 && ferror(w->fp)) return -1;
    return (long)n;
}

/* Drops window bytes before keep, so the window holds one record at most. */
static void compact(wr_reader *w) {
    if (w->keep == 0) return;
    memmove(w->win, w->win + w->keep, w->len - w->keep);
    w->base += (long long)w->keep;
    w->pos -= w->keep;
    w->len -= w->keep;
    w->keep = 0;
}

static int reserve_out(wr_reader *w) {
    compact(w);
    if (w->cap - w->len >= WR_CHUNK) return 0;
    return tac_grow((void **)&w->win, &w->cap, w->len + WR_CHUNK, 1);
}

static void note_member(wr_reader *w, long long dec, long long comp) {
    if (w->nmembers == WR_MEMBERS) {
        memmove(w->members, w->members + 1, (WR_MEMBERS - 1) * sizeof *w->members);
        w->nmembers--;
    }
    w->members[w->nmembers++] = (member){dec, comp};
}

/* File offset to report for the record starting at stream offset dec. */
static long long file_offset(const wr_reader *w, long long dec) {
    if (!w->gz) return dec;
    long long off = -1;
    for (int i = 0; i < w->nmembers; i++)
        if (w->members[i].dec <= dec) off = w->members[i].comp;
    return off;
}

static void gz_break(wr_reader *w, const char *why) {
    w->member_open = 0;
    if (w->brk >= 0) return; /* the first break of a record is the one to report */
    w->brk = w->base + (long long)w->len;
    w->brk_comp = w->members[w->nmembers ? w->nmembers - 1 : 0].comp;
    snprintf(w->brk_msg, sizeof w->brk_msg, "%s", why);
}

/* Skips input to the next gzip magic. Returns 0, or -1 on a read error. */
static int skip_to_magic(wr_reader *w) {
    for (;;) {
        while (w->in_pos + 3 <= w->in_len) {
            const unsigned char *p = w->in + w->in_pos;
            if (p[0] == 0x1f && p[1] == 0x8b && p[2] == 8) return 0;
            w->in_pos++;
        }
        long n = refill(w);
        if (n < 0) return -1;
        if (n == 0) { w->in_pos = w->in_len; return 0; }
    }
}

/* Puts the input back to just after the broken member's magic, since
 * inflate may have eaten into the next member: from the buffer when it is
 * still there, else by seeking (not possible on a pipe: then the search
 * goes on from where inflate stopped). */
static void restart_after(wr_reader *w, long long comp) {
    if (comp + 1 >= w->in_off && comp + 1 <= w->in_off + (long long)w->in_len) {
        w->in_pos = (size_t)(comp + 1 - w->in_off);
    } else if (w->start >= 0 && fseeko(w->fp, w->start + comp + 1, SEEK_SET) == 0) {
        w->in_off = comp + 1;
        w->in_pos = w->in_len = 0;
    }
}

/* Inflates one step of gzip input into the window. Returns 0, 1 at the end
 * of the input, -1 on a read error. */
static int produce_gz(wr_reader *w) {
    if (w->in_pos == w->in_len || (!w->member_open && w->in_len - w->in_pos < 3)) {
        long n = refill(w);
        if (n < 0) return -1;
        if (w->in_pos == w->in_len) {
            if (w->member_open) gz_break(w, "truncated gzip member (the file ends inside it)");
            return 1;
        }
    }
    if (!w->member_open) {
        const unsigned char *p = w->in + w->in_pos;
        if (w->in_len - w->in_pos < 3 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8) {
            gz_break(w, "bytes between gzip members that are not a gzip member");
            w->in_pos++;
            return skip_to_magic(w) ? -1 : 0;
        }
        inflateReset(&w->zs);
        w->member_open = 1;
        note_member(w, w->base + (long long)w->len, w->in_off + (long long)w->in_pos);
    }
    w->zs.next_in = w->in + w->in_pos;
    w->zs.avail_in = (uInt)(w->in_len - w->in_pos);
    w->zs.next_out = w->win + w->len;
    w->zs.avail_out = (uInt)(w->cap - w->len);
    int rc = inflate(&w->zs, Z_NO_FLUSH);
    w->in_pos = w->in_len - w->zs.avail_in;
    w->len = w->cap - w->zs.avail_out;
    if (rc == Z_STREAM_END) w->member_open = 0;
    else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_STREAM_ERROR) {
        char why[120];
        snprintf(why, sizeof why, "corrupt or cut gzip member (zlib: %s)", w->zs.msg ? w->zs.msg : "bad data");
        gz_break(w, why);
        restart_after(w, w->members[w->nmembers - 1].comp);
        return skip_to_magic(w) ? -1 : 0;
    }
    return 0; /* Z_OK, or Z_BUF_ERROR: more input needed */
}

/* Adds bytes to the window. Returns 0, 1 at the end of input, -1 on a
 * read error, -2 on out of memory. */
static int produce(wr_reader *w) {
    if (reserve_out(w)) return -2;
    if (w->gz) return produce_gz(w);
    size_t n = fread(w->win + w->len, 1, w->cap - w->len, w->fp);
    w->len += n;
    if (n == 0) return ferror(w->fp) ? -1 : 1;
    return 0;
}

/* Makes want bytes available after pos for a record's block, stopping
 * early where the record cannot go on: at a gzip break, or where a new
 * gzip member that starts with "WARC/1." begins inside the block (in a
 * per-record gzip file the record lied about its length or was cut).
 * Returns 0 when filled, 1 when the input ends, 2 with *at set (window
 * index of that member), 3 at a break, or a negative produce() code. */
static int fill_block(wr_reader *w, size_t want, size_t *at) {
    while (w->len - w->pos < want) {
        if (w->brk >= 0) return 3;
        long long seen = w->nmembers ? w->members[w->nmembers - 1].dec : -1;
        int rc = produce(w);
        if (rc) return rc;
        for (int i = 0; w->gz && i < w->nmembers; i++) {
            long long dec = w->members[i].dec;
            if (dec <= seen || dec <= w->base + (long long)w->pos) continue;
            if (dec >= w->base + (long long)(w->pos + want)) break;
            while (w->brk < 0 && w->base + (long long)w->len < dec + 7 && (rc = produce(w)) == 0) {}
            if (rc < 0) return rc;
            size_t idx = (size_t)(dec - w->base);
            if (idx + 7 <= w->len && memcmp(w->win + idx, "WARC/1.", 7) == 0) {
                *at = idx;
                return 2;
            }
        }
    }
    return w->brk >= 0 && w->brk <= w->base + (long long)(w->pos + want) ? 3 : 0;
}

/* ---- records ------------------------------------------------------------------ */

static tac_status fatal(wr_reader *w, int rc, tac_error *err) {
    if (rc == -2) return err_set(err, TAC_ENOMEM, w->name, w->nrec, -1, "out of memory");
    return err_set(err, TAC_EIO, w->name, w->nrec, -1, "read error: %s", strerror(errno));
}

/* Moves pos to the next "WARC/1.x" line at or after pos, discarding what
 * it passes. Returns 0 or a negative produce() code. */
static int resync(wr_reader *w) {
    for (;;) {
        w->keep = w->pos;
        unsigned char *hit = memmem(w->win + w->pos, w->len - w->pos, "WARC/1.", 7);
        while (hit && (size_t)(hit - w->win) + 10 <= w->len &&
               !(isdigit(hit[7]) && hit[8] == '\r' && hit[9] == '\n'))
            hit = memmem(hit + 1, w->len - (size_t)(hit + 1 - w->win), "WARC/1.", 7);
        if (hit && (size_t)(hit - w->win) + 10 <= w->len) {
            w->pos = (size_t)(hit - w->win);
            return 0;
        }
        size_t tail = w->len - w->pos < 10 ? w->len - w->pos : 10;
        w->pos = w->len - tail;
        int rc = produce(w);
        if (rc == 1) { w->pos = w->len; return 0; }
        if (rc < 0) return rc;
    }
}

/* Finds the end of the header block starting at pos: the byte after the
 * blank line. Returns 0 and sets *hlen, 1 when absent, or a negative code. */
static int header_end(wr_reader *w, size_t *hlen) {
    size_t scanned = 0;
    for (;;) {
        const unsigned char *s = w->win + w->pos;
        size_t n = w->len - w->pos;
        for (size_t i = scanned; i + 3 < n; i++)
            if (s[i] == '\r' && s[i + 1] == '\n' && s[i + 2] == '\r' && s[i + 3] == '\n') {
                *hlen = i + 4;
                return 0;
            }
        scanned = n > 3 ? n - 3 : 0;
        if (n >= WR_HDR_MAX) return 1;
        int rc = produce(w);
        if (rc) return rc == 1 ? 1 : rc;
    }
}

/* Value of header field name in the NUL-separated header copy, or NULL. */
static const char *field(const buf *h, const char *name) {
    size_t k = strlen(name);
    for (size_t i = 0; i < h->len; i += strlen(h->data + i) + 1) {
        const char *line = h->data + i;
        if (strncasecmp(line, name, k) == 0 && line[k] == ':') {
            line += k + 1;
            while (*line == ' ' || *line == '\t') line++;
            return line;
        }
    }
    return NULL;
}

/* Copies the header (hlen bytes at pos) into w->hdr as NUL-terminated
 * lines with trailing blanks removed. Returns 0 or -1 (ENOMEM). */
static int copy_header(wr_reader *w, size_t hlen) {
    w->hdr.len = 0;
    const char *s = (const char *)w->win + w->pos;
    size_t start = 0;
    for (size_t i = 0; i < hlen; i++) {
        if (s[i] != '\n') continue;
        size_t e = i;
        while (e > start && (s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
        if (e > start && (buf_append(&w->hdr, s + start, e - start) || buf_putc(&w->hdr, 0)))
            return -1;
        start = i + 1;
    }
    return 0;
}

static int parse_length(const char *v, unsigned long long *out) {
    if (!v || !isdigit((unsigned char)*v)) return 0;
    unsigned long long n = 0;
    for (; isdigit((unsigned char)*v); v++) {
        if (n > (~0ULL - 9) / 10) return 0;
        n = n * 10 + (unsigned)(*v - '0');
    }
    while (*v == ' ' || *v == '\t') v++;
    *out = n;
    return *v == 0;
}

/* Consumes n bytes after pos without keeping them (an oversized block). */
static int skip_bytes(wr_reader *w, unsigned long long n) {
    while (n > 0) {
        size_t avail = w->len - w->pos;
        size_t take = avail < n ? avail : (size_t)n;
        w->pos += take;
        n -= take;
        w->keep = w->pos;
        if (n == 0) break;
        int rc = produce(w);
        if (rc) return rc;
    }
    return 0;
}

/* Reports the gzip break inside the record starting at rec (stream
 * offset) and continues at the member after it. */
static tac_status report_break(wr_reader *w, long long rec, tac_error *err) {
    (void)rec;
    tac_status st = err_set(err, TAC_EFORMAT, w->name, w->nrec, w->brk_comp, "%s", w->brk_msg);
    size_t at = (size_t)(w->brk - w->base);
    w->pos = at <= w->len ? at : w->len;
    w->keep = w->pos;
    w->brk = -1;
    return st;
}

/* Reports a framing error for the record at stream offset rec and moves
 * to the next record after resume (an index into the window). */
static tac_status bad_record(wr_reader *w, long long rec, size_t resume, tac_error *err,
                             const char *what) {
    long long off = file_offset(w, rec);
    tac_status st = err_set(err, TAC_EFORMAT, w->name, w->nrec, off, "%s", what);
    w->pos = resume;
    int rc = resync(w);
    if (rc < 0) return fatal(w, rc, err);
    if (w->brk >= 0 && w->brk <= w->base + (long long)w->pos) w->brk = -1; /* reported */
    return st;
}

static int brk_in(const wr_reader *w, long long from, long long to) {
    return w->brk >= 0 && w->brk >= from && w->brk <= to;
}

/* Skips the CR/LF between records. Returns 0, 1 at the end, or < 0. */
static int skip_blank(wr_reader *w) {
    for (;;) {
        while (w->pos < w->len && (w->win[w->pos] == '\r' || w->win[w->pos] == '\n')) w->pos++;
        w->keep = w->pos;
        if (w->pos < w->len) return 0;
        int rc = produce(w);
        if (rc) return rc;
    }
}

tac_status wr_next(wr_reader *w, wr_record *rec, tac_error *err) {
    err_clear(err);
    memset(rec, 0, sizeof *rec);
    int rc = skip_blank(w);
    if (rc == 1) {
        if (w->brk >= 0) { w->nrec++; return report_break(w, w->brk, err); }
        return TAC_END;
    }
    if (rc < 0) return fatal(w, rc, err);
    w->nrec++;
    long long start = w->base + (long long)w->pos;
    size_t hlen = 0;
    rc = header_end(w, &hlen);
    if (rc < 0) return fatal(w, rc, err);
    if (brk_in(w, start, start + (long long)(rc ? w->len - w->pos : hlen)))
        return report_break(w, start, err);
    if (rc == 1)
        return bad_record(w, start, w->pos + 1, err, "WARC header without the blank line that ends it");
    if (hlen < 9 || memcmp(w->win + w->pos, "WARC/1.", 7) != 0)
        return bad_record(w, start, w->pos + 1, err, "bad header: no \"WARC/1.x\" version line");
    if (copy_header(w, hlen)) return fatal(w, -2, err);
    unsigned long long clen;
    if (!parse_length(field(&w->hdr, "Content-Length"), &clen))
        return bad_record(w, start, w->pos + hlen, err, "bad header: missing or invalid Content-Length");
    if (clen > w->max_bytes) {
        char what[160];
        snprintf(what, sizeof what, "block of %llu bytes exceeds the limit of %zu bytes; skipped",
                 clen, w->max_bytes);
        w->pos += hlen;
        w->keep = w->pos;
        rc = skip_bytes(w, clen);
        if (rc < 0) return fatal(w, rc, err);
        return bad_record(w, start, w->pos, err, what);
    }
    size_t at = 0;
    rc = fill_block(w, hlen + (size_t)clen + 4, &at);
    if (rc < 0) return fatal(w, rc, err);
    long long end = start + (long long)(hlen + clen + 4);
    if (rc == 3 || brk_in(w, start, end)) return report_break(w, start, err);
    if (rc == 2) {
        char what[160];
        snprintf(what, sizeof what, "Content-Length %llu does not match the record (the next "
                 "record's gzip member starts inside the block)", clen);
        return bad_record(w, start, at, err, what);
    }
    size_t body = w->pos + hlen; /* after fill: the window may have moved */
    const unsigned char *t = w->win + body + clen;
    if (rc == 1 || memcmp(t, "\r\n\r\n", 4) != 0) {
        char what[160];
        snprintf(what, sizeof what, "Content-Length %llu does not match the record (%s)", clen,
                 rc == 1 ? "the input ends first" : "no blank line after the block");
        return bad_record(w, start, body, err, what);
    }
    rec->number = w->nrec;
    rec->offset = file_offset(w, start);
    rec->type = field(&w->hdr, "WARC-Type");
    rec->id = field(&w->hdr, "WARC-Record-ID");
    rec->uri = field(&w->hdr, "WARC-Target-URI");
    rec->date = field(&w->hdr, "WARC-Date");
    rec->content_type = field(&w->hdr, "Content-Type");
    if (rec->id && rec->id[0] == '<') {
        char *id = (char *)rec->id + 1, *gt = strchr(id, '>');
        if (gt) *gt = 0;
        rec->id = id;
    }
    if (rec->uri && rec->uri[0] == '<') { /* WARC 1.0 drafts bracket the URI */
        char *u = (char *)rec->uri + 1, *gt = strchr(u, '>');
        if (gt) *gt = 0;
        rec->uri = u;
    }
    rec->block = (const char *)w->win + body;
    rec->block_len = (size_t)clen;
    w->pos = body + (size_t)clen + 4;
    return TAC_OK;
}

/* ---- open / free / sniff -------------------------------------------------------- */

tac_status wr_open(FILE *fp, const char *name, size_t max_bytes, wr_reader **out,
                   tac_error *err) {
    err_clear(err);
    *out = NULL;
    wr_reader *w = tac_calloc(1, sizeof *w);
    if (!w || !(w->name = tac_strdup(name ? name : "warc"))) {
        tac_free(w);
        return err_set(err, TAC_ENOMEM, name, 0, -1, "out of memory");
    }
    w->fp = fp;
    w->max_bytes = max_bytes ? max_bytes : (size_t)16 << 20;
    w->brk = -1;
    buf_init(&w->hdr);
    w->start = ftello(fp);
    long n = refill(w);
    if (n < 0) {
        wr_free(w);
        return err_set(err, TAC_EIO, name, 0, -1, "read error: %s", strerror(errno));
    }
    w->in_off = 0; /* offsets count from where the reader started */
    w->gz = w->in_len >= 2 && w->in[0] == 0x1f && w->in[1] == 0x8b;
    if (w->gz) {
        if (inflateInit2(&w->zs, 16 + MAX_WBITS) != Z_OK) {
            wr_free(w);
            return err_set(err, TAC_ENOMEM, name, 0, -1, "cannot start zlib");
        }
        w->zinit = 1;
    } else {
        /* the bytes already read start the window */
        if (tac_grow((void **)&w->win, &w->cap, w->in_len + WR_CHUNK, 1)) {
            wr_free(w);
            return err_set(err, TAC_ENOMEM, name, 0, -1, "out of memory");
        }
        memcpy(w->win, w->in, w->in_len);
        w->len = w->in_len;
        w->in_len = 0;
    }
    *out = w;
    return TAC_OK;
}

void wr_free(wr_reader *w) {
    if (!w) return;
    if (w->zinit) inflateEnd(&w->zs);
    tac_free(w->win);
    tac_free(w->name);
    buf_free(&w->hdr);
    tac_free(w);
}

int wr_sniff(const unsigned char *s, size_t n) {
    if (n >= 7 && memcmp(s, "WARC/1.", 7) == 0) return 1;
    if (n < 10 || s[0] != 0x1f || s[1] != 0x8b) return 0;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return 0;
    unsigned char head[8];
    zs.next_in = (unsigned char *)s;
    zs.avail_in = (uInt)n;
    zs.next_out = head;
    zs.avail_out = sizeof head;
    inflate(&zs, Z_SYNC_FLUSH);
    int ok = sizeof head - zs.avail_out >= 7 && memcmp(head, "WARC/1.", 7) == 0;
    inflateEnd(&zs);
    return ok;
}

/* ---- HTTP payloads --------------------------------------------------------------- */

/* Copies the charset parameter of a Content-Type value into out[cap]. */
static void ct_charset(const char *v, size_t n, char *out, size_t cap) {
    out[0] = 0;
    const char *c = memmem(v, n, "charset=", 8);
    if (!c) return;
    c += 8;
    const char *end = v + n;
    if (c < end && (*c == '"' || *c == '\'')) c++;
    size_t k = 0;
    while (c < end && k + 1 < cap && (isalnum((unsigned char)*c) || strchr("._:-", *c)))
        out[k++] = *c++;
    out[k] = 0;
}

static int has_ci(const char *s, size_t n, const char *lit) {
    size_t k = strlen(lit);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, lit, k) == 0) return 1;
    return 0;
}

int wr_http(const char *block, size_t len, const char **body, size_t *body_len,
            char *charset, size_t cap, int *html, int *chunked, int *encoded) {
    charset[0] = 0;
    *html = -1, *chunked = 0, *encoded = 0;
    if (len < 12 || memcmp(block, "HTTP/", 5) != 0) return -1;
    const char *sp = memchr(block, ' ', len < 16 ? len : 16);
    if (!sp || sp + 4 > block + len || !isdigit((unsigned char)sp[1])) return -1;
    int status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
    const char *end = block + len, *line = memchr(block, '\n', len);
    while (line && ++line < end) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        size_t n = (size_t)((eol ? eol : end) - line);
        if (n && line[n - 1] == '\r') n--;
        if (n == 0) {
            *body = eol ? eol + 1 : end;
            *body_len = (size_t)(end - *body);
            return status;
        }
        if (n > 13 && strncasecmp(line, "Content-Type:", 13) == 0) {
            *html = has_ci(line + 13, n - 13, "html");
            ct_charset(line + 13, n - 13, charset, cap);
        } else if (n > 18 && strncasecmp(line, "Transfer-Encoding:", 18) == 0) {
            *chunked = has_ci(line + 18, n - 18, "chunked");
        } else if (n > 17 && strncasecmp(line, "Content-Encoding:", 17) == 0) {
            *encoded = !has_ci(line + 17, n - 17, "identity");
        }
        line = eol;
    }
    *body = end, *body_len = 0; /* headers only */
    return status;
}

size_t wr_dechunk(char *body, size_t len) {
    size_t in = 0, out = 0;
    for (;;) {
        size_t size = 0;
        int digits = 0;
        while (in < len && isxdigit((unsigned char)body[in])) {
            if (size > ((size_t)-1 >> 5)) return (size_t)-1;
            char c = (char)tolower((unsigned char)body[in++]);
            size = size * 16 + (size_t)(c <= '9' ? c - '0' : c - 'a' + 10);
            digits++;
        }
        if (!digits) return (size_t)-1;
        while (in < len && body[in] != '\n') in++; /* chunk extensions */
        if (in++ >= len) return (size_t)-1;
        if (size == 0) return out;
        if (size > len - in) return (size_t)-1;
        memmove(body + out, body + in, size);
        out += size, in += size;
        if (in < len && body[in] == '\r') in++;
        if (in < len && body[in] == '\n') in++;
    }
}
