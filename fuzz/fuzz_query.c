/*
 * fuzz_query.c - libFuzzer entry: the store's query routes with arbitrary
 * query strings, run against a real store (filter.c parsing, the SQL they
 * bind, paging, and the JSON built from the rows). fuzz/run.sh makes the
 * store once with `tacitus ingest` (TACITUS_FUZZ_DB names it); without it
 * an empty store is used, so only the parsing and the empty answers run.
 * Input: one byte picks the route, the rest is the raw query string,
 * percent-decoded here as the HTTP daemon would.
 */
#include "fuzz_util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static tac_engine *eng;
static char db_path[256];


static int hex(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* In-place percent and '+' decoding (a %00 ends the value, as in MHD). */
static void decode(char *s) {
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '+') *w++ = ' ';
        else if (*r == '%' && hex(r[1]) >= 0 && hex(r[2]) >= 0) {
            *w++ = (char)(hex(r[1]) * 16 + hex(r[2]));
            r += 2;
        } else *w++ = *r;
    }
    *w = 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    fz_open(0, TAC_STAGE_TEXT);
    eng = fz_engine;
    const char *seed = getenv("TACITUS_FUZZ_DB");
    if (seed && access(seed, R_OK) == 0) {
        snprintf(db_path, sizeof db_path, "%s", seed);
    } else {
        /* an empty store: db_open creates the tables */
        snprintf(db_path, sizeof db_path, "/tmp/tacitus-fuzz-query-%d.db", (int)getpid());
        sv_config c;
        sv_config_init(&c);
        c.db_path = db_path;
        fz_args a = {.n = 0};
        sv_request q = {.method = "GET", .path = "/v1/events", .arg = fz_arg, .conn = &a,
                        .each_arg = fz_each, .engine = eng, .config = &c};
        sv_reply rep = {0};
        buf_init(&rep.body);
        (void)sv_route(&q, &rep);
        buf_free(&rep.body);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 4096) return 0;
    static const char *const routes[] = {"/v1/events", "/v1/stats/timeseries", "/v1/network",
                                         "/v1/events/"};
    char path[160];
    const char *route = routes[data[0] % 4];
    char *s = malloc(size);
    if (!s) return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = 0;
    char *query = s;
    if (data[0] % 4 == 3) {
        /* event id route: the text up to '?' is the id */
        char *qm = strchr(s, '?');
        if (qm) *qm++ = 0;
        decode(s);
        snprintf(path, sizeof path, "%s%.100s", route, s[0] ? s : "x");
        query = qm ? qm : (char *)"";
    } else {
        snprintf(path, sizeof path, "%s", route);
    }
    fz_args a = {.n = 0};
    for (char *tok = strtok(query, "&"); tok && a.n < 32; tok = strtok(NULL, "&")) {
        char *eq = strchr(tok, '=');
        if (eq) *eq++ = 0;
        decode(tok);
        if (eq) decode(eq);
        a.k[a.n] = tok;
        a.v[a.n++] = eq ? eq : (char *)"";
    }
    sv_config c;
    sv_config_init(&c);
    c.db_path = db_path;
    sv_request q = {.method = "GET", .path = path, .arg = fz_arg, .conn = &a, .each_arg = fz_each,
                    .engine = eng, .config = &c};
    sv_reply rep = {0};
    buf_init(&rep.body);
    rep.status = 200;
    if (sv_route(&q, &rep) == 0) {
        if (rep.status < 200 || rep.status > 599) abort();
        /* a 200 answer is one JSON document */
        if (rep.status == 200 && (rep.body.len == 0 || rep.body.data[0] != '{')) abort();
    }
    buf_free(&rep.body);
    free(s);
    return 0;
}
