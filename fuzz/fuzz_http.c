/*
 * fuzz_http.c - the HTTP request path below libmicrohttpd: routing, the
 * static-file name check, query parameters (filter.c) and POST /v1/code
 * bodies (JSON or text). Input: "METHOD PATH?QUERY\nContent-Type\nBODY".
 * The engine runs the text and context stages only (no models), and there
 * is no store, so store routes parse their parameters and answer 409.
 */
#include "fuzz_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static tac_engine *eng;


int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    fz_open(0, TAC_STAGE_TEXT | TAC_STAGE_CONTEXT);
    eng = fz_engine;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = 0;
    /* line 1: request line; line 2: content type; rest: body */
    char *line2 = strchr(s, '\n');
    char *body = NULL, *ctype = NULL;
    if (line2) {
        *line2++ = 0;
        ctype = line2;
        body = strchr(line2, '\n');
        if (body) *body++ = 0;
    }
    char *path = strchr(s, ' ');
    const char *method = s;
    if (path) *path++ = 0;
    else path = s, method = "GET";
    fz_args a = {.n = 0};
    char *query = strchr(path, '?');
    if (query) {
        *query++ = 0;
        for (char *tok = strtok(query, "&"); tok && a.n < 32; tok = strtok(NULL, "&")) {
            char *eq = strchr(tok, '=');
            if (eq) *eq++ = 0;
            a.k[a.n] = tok;
            a.v[a.n++] = eq ? eq : (char *)"";
        }
    }
    sv_config c;
    sv_config_init(&c);
    c.web_dir = "web";
    buf basemap;
    buf_init(&basemap);
    sv_request q = {.method = method, .path = path, .body = body,
                    .body_len = body ? strlen(body) : 0, .content_type = ctype,
                    .arg = fz_arg, .conn = &a, .each_arg = fz_each, .engine = eng,
                    .config = &c, .basemap = &basemap};
    sv_reply rep = {0};
    buf_init(&rep.body);
    rep.status = 200;
    if (sv_route(&q, &rep) == 0 && (rep.status < 200 || rep.status > 599)) abort();
    buf_free(&rep.body);
    free(s);
    return 0;
}
