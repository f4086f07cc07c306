/*
 * router.c - which handler answers a request: the /v1 JSON API by path
 * and method, everything else from the dashboard's static files.
 */
#include "serve.h"

#include <string.h>

static int health(const sv_request *q, sv_reply *rep) {
    unsigned l = tac_engine_layers(q->engine);
    rep->content_type = "application/json";
    return buf_printf(&rep->body,
                      "{\"status\":\"ok\",\"version\":\"%s\",\"store\":%s,\"dashboard\":%s,"
                      "\"models\":{\"tagger\":%s,\"parser\":%s,\"ner\":%s}}\n",
                      TAC_VERSION, q->config->db_path ? "true" : "false",
                      q->config->web_dir ? "true" : "false",
                      l & TAC_LAYER_TAGS ? "true" : "false", l & TAC_LAYER_PARSE ? "true" : "false",
                      l & TAC_LAYER_NER ? "true" : "false");
}

static int is(const char *m, const char *want) { return strcmp(m, want) == 0; }

int sv_route(const sv_request *q, sv_reply *rep) {
    const char *p = q->path, *m = q->method;
    if (strncmp(p, "/v1/", 4) != 0 && strcmp(p, "/v1") != 0) {
        if (!is(m, "GET") && !is(m, "HEAD")) return sv_error(rep, 405, "method %.10s not allowed", m);
        return sv_static(q, rep);
    }
    int get = is(m, "GET") || is(m, "HEAD");
    if (!strcmp(p, "/v1/health")) return get ? health(q, rep) : sv_error(rep, 405, "use GET");
    if (!strcmp(p, "/v1/code")) return is(m, "POST") ? sv_code(q, rep) : sv_error(rep, 405, "use POST");
    if (!strcmp(p, "/v1/events")) return get ? sv_events(q, rep) : sv_error(rep, 405, "use GET");
    if (!strncmp(p, "/v1/events/", 11) && p[11])
        return get ? sv_event(q, p + 11, rep) : sv_error(rep, 405, "use GET");
    if (!strcmp(p, "/v1/stats/timeseries"))
        return get ? sv_timeseries(q, rep) : sv_error(rep, 405, "use GET");
    if (!strcmp(p, "/v1/geo/basemap")) {
        if (!get) return sv_error(rep, 405, "use GET");
        rep->content_type = "application/json";
        return buf_append(&rep->body, q->basemap->data, q->basemap->len);
    }
    if (!strcmp(p, "/v1/network")) return get ? sv_network(q, rep) : sv_error(rep, 405, "use GET");
    return sv_error(rep, 404, "no such route: %.100s", p);
}
