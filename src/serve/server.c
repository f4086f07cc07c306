/*
 * server.c - the libmicrohttpd daemon: limits (body cap, connections,
 * timeouts), request bodies gathered under the cap, one reply per request
 * built whole by the router, and the headers every reply carries.
 */
#include "serve.h"
#include "../core/alloc.h"
#include "../core/error.h"
#include "../engine/engine.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sv_server {
    struct MHD_Daemon *d;
    const tac_engine *engine;
    sv_config config;
    char *db_path, *web_dir, *cors;     /* owned copies */
    buf basemap;
    unsigned port;
};

/* Per-request state between libmicrohttpd's calls for one request. */
typedef struct pending {
    buf body;
    int too_large;
} pending;

void sv_config_init(sv_config *c) {
    memset(c, 0, sizeof *c);
    c->bind = "127.0.0.1";
    c->port = 8080;
    c->max_body = 4u << 20;
    c->max_conns = 64;
    c->timeout_s = 30;
    c->threads = 2;
}

int sv_error(sv_reply *r, int status, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->status = status;
    r->content_type = "application/json";
    r->body.len = 0;
    return buf_printf(&r->body, "{\"error\":{\"status\":%d,\"message\":", status) ||
                   buf_json_str(&r->body, msg, strlen(msg)) || buf_puts(&r->body, "}}\n")
               ? -1
               : 0;
}

static const char *arg_of(const sv_request *r, const char *key) {
    return MHD_lookup_connection_value((struct MHD_Connection *)r->conn, MHD_GET_ARGUMENT_KIND,
                                       key);
}

struct each_ctx {
    int (*fn)(void *, const char *, const char *);
    void *ctx;
    int rc;
};

static enum MHD_Result each_cb(void *cls, enum MHD_ValueKind kind, const char *k, const char *v) {
    (void)kind;
    struct each_ctx *c = cls;
    c->rc = c->fn(c->ctx, k, v);
    return c->rc ? MHD_NO : MHD_YES;
}

static int each_arg(const sv_request *r, int (*fn)(void *, const char *, const char *), void *ctx) {
    struct each_ctx c = {fn, ctx, 0};
    MHD_get_connection_values((struct MHD_Connection *)r->conn, MHD_GET_ARGUMENT_KIND, each_cb, &c);
    return c.rc;
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, const sv_server *s, sv_reply *rep) {
    struct MHD_Response *res =
        MHD_create_response_from_buffer(rep->body.len, rep->body.data, MHD_RESPMEM_MUST_COPY);
    if (!res) return MHD_NO;
    MHD_add_response_header(res, "Content-Type", rep->content_type ? rep->content_type
                                                                   : "application/json");
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(res, "Cache-Control", "no-store");
    /* the dashboard loads nothing from elsewhere: say so to the browser */
    MHD_add_response_header(res, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'");
    if (rep->location) MHD_add_response_header(res, "Location", rep->location);
    if (s->cors) MHD_add_response_header(res, "Access-Control-Allow-Origin", s->cors);
    enum MHD_Result r = MHD_queue_response(conn, (unsigned)rep->status, res);
    MHD_destroy_response(res);
    return r;
}

static enum MHD_Result reply_error(struct MHD_Connection *conn, const sv_server *s, int status,
                                   const char *msg) {
    sv_reply rep = {0};
    buf_init(&rep.body);
    enum MHD_Result r = MHD_NO;
    if (sv_error(&rep, status, "%s", msg) == 0) r = send_reply(conn, s, &rep);
    buf_free(&rep.body);
    return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **state) {
    (void)version;
    sv_server *s = cls;
    pending *p = *state;
    if (!p) {
        p = tac_calloc(1, sizeof *p);
        if (!p) return MHD_NO;
        buf_init(&p->body);
        *state = p;
        /* refuse a declared oversized body before reading any of it */
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->config.max_body) {
            p->too_large = 1;
            char msg[96];
            snprintf(msg, sizeof msg, "request body over %zu bytes", s->config.max_body);
            return reply_error(conn, s, 413, msg);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (!p->too_large) {
            if (p->body.len + *upload_size > s->config.max_body) p->too_large = 1;
            else if (buf_append(&p->body, upload_data, *upload_size)) return MHD_NO;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (p->too_large) {
        char msg[96];
        snprintf(msg, sizeof msg, "request body over %zu bytes", s->config.max_body);
        return reply_error(conn, s, 413, msg);
    }
    if (buf_putc(&p->body, '\0')) return MHD_NO;
    sv_request q = {
        .method = method,
        .path = url,
        .body = p->body.data,
        .body_len = p->body.len - 1,
        .content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type"),
        .arg = arg_of,
        .conn = conn,
        .each_arg = each_arg,
        .engine = s->engine,
        .config = &s->config,
        .basemap = &s->basemap,
    };
    sv_reply rep = {0};
    buf_init(&rep.body);
    rep.status = 200;
    enum MHD_Result r;
    if (sv_route(&q, &rep)) r = reply_error(conn, s, 500, "out of memory");
    else r = send_reply(conn, s, &rep);
    buf_free(&rep.body);
    return r;
}

static void on_done(void *cls, struct MHD_Connection *conn, void **state,
                    enum MHD_RequestTerminationCode code) {
    (void)cls, (void)conn, (void)code;
    pending *p = *state;
    if (!p) return;
    buf_free(&p->body);
    tac_free(p);
    *state = NULL;
}

static char *dup_opt(const char *s) { return s ? tac_strdup(s) : NULL; }

tac_status sv_start(const tac_engine *e, const sv_config *c, sv_server **out, tac_error *err) {
    err_clear(err);
    *out = NULL;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)c->port);
    if (c->port > 65535 || inet_pton(AF_INET, c->bind ? c->bind : "127.0.0.1", &addr.sin_addr) != 1)
        return err_set(err, TAC_EINVAL, NULL, 0, -1, "serve: bad address %s:%u (IPv4 address, port 0-65535)",
                       c->bind ? c->bind : "127.0.0.1", c->port);
    sv_server *s = tac_calloc(1, sizeof *s);
    if (!s) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    s->engine = e;
    s->config = *c;
    s->db_path = dup_opt(c->db_path);
    s->web_dir = dup_opt(c->web_dir);
    s->cors = dup_opt(c->cors_origin);
    s->config.db_path = s->db_path;
    s->config.web_dir = s->web_dir;
    s->config.cors_origin = s->cors;
    s->config.bind = NULL;
    buf_init(&s->basemap);
    if (sv_basemap(e->data_dir, &s->basemap)) {
        sv_stop(s);
        return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    }
    if ((c->db_path && !s->db_path) || (c->web_dir && !s->web_dir) || (c->cors_origin && !s->cors)) {
        sv_stop(s);
        return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    }
    s->d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL, (uint16_t)c->port, NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(c->threads ? c->threads : 1),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)c->max_conns,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->timeout_s,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, (void *)NULL,
        MHD_OPTION_END);
    if (!s->d) {
        sv_stop(s);
        return err_set(err, TAC_EIO, NULL, 0, -1,
                       "serve: cannot listen on %s:%u (in use, or not allowed)",
                       c->bind ? c->bind : "127.0.0.1", c->port);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : c->port;
    *out = s;
    return TAC_OK;
}

unsigned sv_port(const sv_server *s) { return s->port; }

void sv_stop(sv_server *s) {
    if (!s) return;
    if (s->d) MHD_stop_daemon(s->d);
    tac_free(s->db_path);
    tac_free(s->web_dir);
    tac_free(s->cors);
    buf_free(&s->basemap);
    tac_free(s);
}
