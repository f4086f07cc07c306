/*
 * events.c - event coding: not implemented yet. The stage is wired into
 * the engine and the writer so that it can land without touching them;
 * until then it codes nothing and "events" stays an empty array.
 */
#include "events.h"

tac_status ev_open(const char *data_dir, ev_resources **out, tac_error *err) {
    (void)data_dir;
    (void)err;
    *out = NULL;
    return TAC_OK;
}

void ev_close(ev_resources *r) { (void)r; }

int ev_run(const ev_resources *r, tac_doc *d) {
    (void)r;
    (void)d;
    return 0;
}

int ev_json(buf *b, const tac_doc *d) {
    (void)b;
    (void)d;
    return 0;
}
