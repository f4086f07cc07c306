/*
 * reader.c - input readers: plain-text files (one article each), JSON
 * Lines (one article per line, parsed with jansson), stdin, and sorted
 * directory walks. A bad record is reported with its file and line and
 * the reader moves on; only an input that cannot be opened is fatal.
 */
#define _POSIX_C_SOURCE 200809L
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/error.h"
#include "reader.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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
    char id_buf[64];
    char date_buf[11];
    char warn_buf[256];
};

static int is_jsonl_name(const char *p) {
    const char *dot = strrchr(p, '.');
    return dot && (!strcmp(dot, ".jsonl") || !strcmp(dot, ".ndjson") || !strcmp(dot, ".json"));
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
    qsort(names, n, sizeof *names, name_cmp);
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
    buf_init(&r->text);
    r->forced = fmt;
    r->max_bytes = max_bytes;
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
    *out = r;
    return TAC_OK;
}

static void close_current(tac_reader *r) {
    if (r->fp && r->fp != stdin && r->fp != r->stream) fclose(r->fp);
    r->fp = NULL;
    r->name = NULL;
}

/* Reads the whole of r->fp into r->text. */
static tac_status slurp(tac_reader *r, tac_error *err) {
    r->text.len = 0;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, r->fp)) > 0)
        if (buf_append(&r->text, tmp, n))
            return err_set(err, TAC_ENOMEM, r->name, 1, -1, "out of memory reading file");
    if (ferror(r->fp))
        return err_set(err, TAC_EIO, r->name, 1, (long long)r->text.len, "read error: %s",
                       strerror(errno));
    if (!r->text.data && buf_reserve(&r->text, 1))
        return err_set(err, TAC_ENOMEM, r->name, 1, -1, "out of memory");
    return TAC_OK;
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
    r->fmt = r->forced;
    if (r->fmt == TAC_FORMAT_AUTO) {
        if (is_jsonl_name(name)) {
            r->fmt = TAC_FORMAT_JSONL;
        } else if (r->fp == stdin || r->fp == r->stream) { /* peek: JSON Lines start with '{' */
            int c;
            while ((c = getc(r->fp)) != EOF && isspace(c)) {}
            if (c != EOF) ungetc(c, r->fp);
            r->fmt = c == '{' ? TAC_FORMAT_JSONL : TAC_FORMAT_TEXT;
        } else {
            r->fmt = TAC_FORMAT_TEXT;
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

static tac_status next_jsonl(tac_reader *r, tac_article *a, tac_error *err) {
    for (;;) {
        ssize_t n = getline(&r->line_buf, &r->line_cap, r->fp);
        if (n < 0) {
            if (ferror(r->fp))
                return err_set(err, TAC_EIO, r->name, r->line + 1, -1, "read error: %s",
                               strerror(errno));
            return TAC_END;
        }
        r->line++;
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
            snprintf(r->id_buf, sizeof r->id_buf, "%lld", r->line);
            a->id = r->id_buf;
        }
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
        /* plain text: the whole file is one article */
        tac_status st = slurp(r, err);
        a->record = r->line = 1;
        a->id = strcmp(r->name, "-") == 0 ? "stdin" : r->name;
        a->text = r->text.data;
        a->text_len = r->text.len;
        a->date = r->default_date;
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

void tac_reader_free(tac_reader *r) {
    if (!r) return;
    close_current(r);
    for (size_t i = 0; i < r->nfiles; i++) tac_free(r->files[i]);
    tac_free(r->files);
    free(r->line_buf); /* from getline */
    buf_free(&r->text);
    json_decref(r->json);
    tac_free(r);
}
