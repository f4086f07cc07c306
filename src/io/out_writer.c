/*
 * out_writer.c - the public writer (tac_writer): chooses the format, reads
 * the native JSON record of a coded doc back with jansson and hands each
 * event to the GDELT, PLOVER or CSV row writer. A writer is read-only after
 * tac_writer_open, so threads share one.
 */
#include "out.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include <string.h>

struct tac_writer {
    tac_output fmt;
    unsigned layers;
    ow_tables *tables;
};

static const char *const fmt_names[] = {"json", "gdelt", "plover", "csv"};

tac_status tac_output_parse(const char *name, tac_output *out, tac_error *err) {
    err_clear(err);
    for (int i = 0; i < 4; i++)
        if (name && !strcmp(name, fmt_names[i])) {
            *out = (tac_output)i;
            return TAC_OK;
        }
    return err_set(err, TAC_EINVAL, NULL, 0, -1,
                   "unknown output format '%s' (json, gdelt, plover, csv)", name ? name : "");
}

tac_status tac_writer_open(tac_output fmt, unsigned layers, const char *data_dir,
                           tac_writer **out, tac_error *err) {
    err_clear(err);
    *out = NULL;
    if ((unsigned)fmt > TAC_OUTPUT_CSV)
        return err_set(err, TAC_EINVAL, NULL, 0, -1, "tac_writer_open: bad format %d", (int)fmt);
    tac_writer *w = tac_calloc(1, sizeof *w);
    if (!w) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    w->fmt = fmt;
    w->layers = layers;
    if (fmt != TAC_OUTPUT_JSON) {
        tac_status st = ow_tables_open(data_dir, &w->tables, err);
        if (st != TAC_OK) { tac_free(w); return st; }
    }
    *out = w;
    return TAC_OK;
}

void tac_writer_free(tac_writer *w) {
    if (!w) return;
    ow_tables_free(w->tables);
    tac_free(w);
}

tac_output ow_writer_format(const tac_writer *w) { return w->fmt; }
const ow_tables *ow_writer_tables(const tac_writer *w) { return w->tables; }

int ow_writer_header(const tac_writer *w, buf *b) {
    return w->fmt == TAC_OUTPUT_CSV ? ow_csv_header(b) : 0;
}

tac_status tac_writer_header(const tac_writer *w, FILE *out, tac_error *err) {
    err_clear(err);
    buf b;
    buf_init(&b);
    tac_status st = TAC_OK;
    if (ow_writer_header(w, &b)) st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory");
    else if (b.len && fwrite(b.data, 1, b.len, out) != b.len)
        st = err_set(err, TAC_EIO, NULL, 0, -1, "write failed");
    buf_free(&b);
    return st;
}

int ow_event_write(buf *b, const ow_tables *t, tac_output fmt, const ow_event *e) {
    switch (fmt) {
    case TAC_OUTPUT_GDELT: return ow_gdelt_row(b, t, e);
    case TAC_OUTPUT_PLOVER: return ow_plover_record(b, t, e);
    case TAC_OUTPUT_CSV: return ow_csv_row(b, e);
    case TAC_OUTPUT_JSON: return ow_merged_json(b, e);
    }
    return -1; /* cannot happen: formats are checked when the writer opens */
}

int ow_article(buf *b, const ow_tables *t, tac_output fmt, json_t *art, size_t *nevents) {
    json_t *evs = json_object_get(art, "events");
    size_t i;
    json_t *ev;
    json_array_foreach(evs, i, ev) {
        ow_event e;
        ow_event_read(&e, art, ev);
        if (ow_event_write(b, t, fmt, &e)) return -1;
    }
    if (nevents) *nevents = json_array_size(evs);
    return 0;
}

int ow_writer_render(const tac_writer *w, const tac_doc *d, buf *b, size_t *nevents,
                     tac_error *err) {
    if (nevents) *nevents = 0;
    if (w->fmt == TAC_OUTPUT_JSON) {
        if (ow_doc_json(b, d, w->layers)) return -1;
        if (nevents) *nevents = ow_doc_event_count(d);
        return 0;
    }
    buf tmp;
    buf_init(&tmp);
    int rc = -1;
    json_error_t je;
    json_t *art = NULL;
    if (ow_doc_json(&tmp, d, 0)) goto done;
    art = json_loadb(tmp.data, tmp.len, 0, &je);
    if (!art) {
        /* The JSON writer's own output, valid by construction (the tests
         * validate it), so this is a failed allocation: jansson 2.14
         * reports one inside its parser as a syntax error. */
        err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory reading back the native record (%s)",
                je.text);
        rc = -2;
        goto done;
    }
    rc = ow_article(b, w->tables, w->fmt, art, nevents);
done:
    json_decref(art);
    buf_free(&tmp);
    return rc;
}

tac_status tac_writer_doc(const tac_writer *w, const tac_doc *d, FILE *out, tac_error *err) {
    err_clear(err);
    buf b;
    buf_init(&b);
    tac_status st = TAC_OK;
    int rc = ow_writer_render(w, d, &b, NULL, err);
    if (rc == -2) st = err->status;
    else if (rc) st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory writing output");
    else if (b.len && fwrite(b.data, 1, b.len, out) != b.len)
        st = err_set(err, TAC_EIO, NULL, 0, -1, "write failed");
    buf_free(&b);
    return st;
}
