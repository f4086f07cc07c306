/*
 * r_store.c - POST /v1/code?store=1: the coded article goes into the
 * store as `tacitus ingest` would put it (record, sentences, text), in its
 * own transaction on its own connection, so concurrent requests and a
 * running ingest only wait on SQLite's write lock.
 */
#include "serve.h"
#include "../store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

void sv_content_id(const char *text, size_t n, char out[24]) {
    /* FNV-1a: the same text posted twice replaces itself instead of
     * counting twice in the de-duplicated events */
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)text[i];
        h *= 1099511628211ULL;
    }
    snprintf(out, 24, "api-%016llx", h);
}

int sv_store_doc(const sv_request *q, const tac_doc *d, const tac_article *a, sv_reply *rep) {
    tac_error err;
    char *out = NULL;
    size_t n = 0;
    if (tac_doc_json(d, TAC_LAYER_MENTIONS | TAC_LAYER_SENTENCES, &out, &n, &err) != TAC_OK) return -1;
    json_error_t je;
    json_t *rec = json_loadb(out, n, 0, &je);
    tac_string_free(out);
    if (!rec) return sv_error(rep, 500, "coded record does not parse: %s", je.text);
    if (json_object_set_new(rec, "text", json_stringn_nocheck(a->text, a->text_len))) {
        json_decref(rec);
        return -1;
    }
    db_store *db = NULL;
    tac_status st = db_open(q->config->db_path, &db, &err);
    if (st == TAC_OK) st = db_begin(db, &err);
    if (st == TAC_OK) st = db_put_article(db, rec, &err);
    if (st == TAC_OK) st = db_commit(db, &err);
    db_close(db);
    json_decref(rec);
    if (st == TAC_ENOMEM) return -1;
    /* the coded record was already in the reply; storing failed after it */
    if (st != TAC_OK) return sv_error(rep, 500, "coded but not stored: %s", err.message);
    return 0;
}
