/*
 * r_static.c - the dashboard's files. Only flat names of known types from
 * the web folder are served: no subfolders, no dot-dot, no hidden files,
 * so no request can reach outside it.
 */
#include "serve.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const struct { const char *ext, *type; } types[] = {
    {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
    {".json", "application/json"},         {".png", "image/png"},
    {".ico", "image/x-icon"},
};

enum { MAX_STATIC = 16 << 20 };

int sv_static(const sv_request *q, sv_reply *rep) {
    if (!q->config->web_dir) return sv_error(rep, 404, "no dashboard (start with --web DIR)");
    const char *name = q->path[0] == '/' ? q->path + 1 : q->path;
    if (!*name) name = "index.html";
    size_t n = strlen(name);
    const char *dot = strrchr(name, '.');
    if (n > 100 || name[0] == '.' || !dot ||
        strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") != n ||
        strstr(name, ".."))
        return sv_error(rep, 404, "not found");
    const char *type = NULL;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(dot, types[i].ext)) type = types[i].type;
    if (!type) return sv_error(rep, 404, "not found");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", q->config->web_dir, name);
    struct stat sb;
    FILE *f = NULL;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > MAX_STATIC ||
        !(f = fopen(path, "rb")))
        return sv_error(rep, 404, "not found");
    int rc = buf_reserve(&rep->body, (size_t)sb.st_size + 1);
    if (!rc) {
        size_t got = fread(rep->body.data, 1, (size_t)sb.st_size, f);
        rep->body.len = got;
        if (got != (size_t)sb.st_size) rc = sv_error(rep, 500, "cannot read %s", name);
        else {
            rep->status = 200;
            rep->content_type = type;
        }
    }
    fclose(f);
    return rc;
}
