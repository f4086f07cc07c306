/*
 * r_code.c - POST /v1/code: one article in (text/plain, or a JSON object
 * like a JSON Lines input record), its coded record out, the same bytes as
 * `tacitus code` writes. ?date= and ?id= give a plain-text article its
 * metadata, ?layers= adds layers as --layers does, ?store=1 also ingests.
 */
#include "serve.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A string member of o, or NULL when absent or null; -1 for another type. */
static int member(json_t *o, const char *key, const char **out) {
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v)) return 0;
    if (!json_is_string(v)) return -1;
    *out = json_string_value(v);
    return 0;
}

static int is_json(const char *ct) {
    return ct && !strncmp(ct, "application/json", 16);
}

int sv_code(const sv_request *q, sv_reply *rep) {
    tac_article a;
    memset(&a, 0, sizeof a);
    a.origin = "request";
    a.id = q->arg(q, "id");
    a.date = q->arg(q, "date");
    const char *layers_spec = q->arg(q, "layers"), *store = q->arg(q, "store");
    unsigned layers = 0;
    tac_error err;
    if (layers_spec && tac_layers_parse(layers_spec, &layers, &err) != TAC_OK)
        return sv_error(rep, 400, "%s", err.message);
    if (store && strcmp(store, "0") && strcmp(store, "1"))
        return sv_error(rep, 400, "bad value for 'store': '%.20s' (0 or 1)", store);
    int want_store = store && !strcmp(store, "1");
    if (want_store && !q->config->db_path)
        return sv_error(rep, 409, "store=1 needs a store: start the server with --db FILE");
    json_t *root = NULL;
    if (is_json(q->content_type)) {
        json_error_t je;
        root = json_loadb(q->body, q->body_len, JSON_REJECT_DUPLICATES, &je);
        if (!root)
            return sv_error(rep, 400, "bad JSON at line %d column %d (byte %d): %s", je.line,
                            je.column, je.position, je.text);
        const char *text = NULL;
        if (!json_is_object(root)) {
            json_decref(root);
            return sv_error(rep, 400, "JSON body must be an object with a \"text\" string");
        }
        static const char *const keys[] = {"id", "date", "title", "source", "url"};
        const char **dst[] = {&a.id, &a.date, &a.title, &a.source, &a.url};
        json_t *t = json_object_get(root, "text");
        if (!t || !json_is_string(t)) {
            json_decref(root);
            return sv_error(rep, 400, "JSON body needs \"text\" (a string)");
        }
        text = json_string_value(t);
        a.text = text;
        a.text_len = json_string_length(t);
        for (size_t i = 0; i < 5; i++) {
            const char *v;
            if (member(root, keys[i], &v)) {
                json_decref(root);
                return sv_error(rep, 400, "\"%s\" must be a string or null", keys[i]);
            }
            if (v) *dst[i] = v;
        }
    } else {
        a.text = q->body ? q->body : "";
        a.text_len = q->body_len;
    }
    char idbuf[24];
    if (want_store && !a.id) {
        sv_content_id(a.text, a.text_len, idbuf);
        a.id = idbuf;
    }
    tac_doc *d = NULL;
    int rc = 0;
    if (tac_doc_new(&d) != TAC_OK) {
        json_decref(root);
        return -1;
    }
    tac_status st = tac_engine_code(q->engine, &a, d, &err);
    if (st == TAC_EINVAL) rc = sv_error(rep, 400, "%s", err.message);
    else if (st != TAC_OK) rc = sv_error(rep, 500, "%s", err.message);
    else {
        char *out = NULL;
        size_t n = 0;
        if (tac_doc_json(d, layers, &out, &n, &err) != TAC_OK) rc = -1;
        else {
            rep->status = 200;
            rep->content_type = "application/json";
            rc = buf_append(&rep->body, out, n);
            tac_string_free(out);
        }
        if (!rc && want_store && sv_store_doc(q, d, &a, rep)) rc = -1;
    }
    tac_doc_free(d);
    json_decref(root);
    return rc;
}
