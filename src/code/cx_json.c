/*
 * cx_json.c - the "quotes" and "places" elements of the output (dates and
 * numbers are written in context.c): spans mapped back to the input text.
 */
#include <string.h>
#include "cx_int.h"
#include "../geo/geo.h"

/* The speaker of q as an object: the naming mention's text and span and
 * its code; with verb, the reporting verb too ("according to", "told
 * Reuters"). "null" when the quote has no speaker. */
int cx_put_actor(buf *b, const tac_doc *d, const cx_quote *q, int verb) {
    if (q->speaker < 0 && q->stok1 <= q->stok0) return buf_puts(b, "null");
    uint32_t t0 = q->stok0, t1 = q->stok1;
    const char *code = NULL;
    if (q->speaker >= 0) {
        const mn_mention *m = &d->mentions.v[q->speaker];
        t0 = m->first;
        t1 = m->last;
        code = m->code;
    }
    size_t a = d->tokens.v[t0].start, z = d->tokens.v[t1 - 1].end, s, e;
    doc_span(d, a, z, &s, &e);
    if (buf_puts(b, "{\"text\":") || buf_json_str(b, d->orig + s, e - s) ||
        buf_puts(b, ",\"code\":") ||
        (code ? buf_json_str(b, code, strlen(code)) : buf_puts(b, "null")) ||
        buf_printf(b, ",\"span\":[%zu,%zu]", s, e))
        return -1;
    if (verb && q->verb >= 0) {
        size_t va = d->tokens.v[q->verb].start, vz = d->tokens.v[q->vtok1 - 1].end;
        if (buf_puts(b, ",\"verb\":") || buf_json_str(b, d->norm.data + va, vz - va)) return -1;
    }
    return buf_putc(b, '}');
}

int cx_json_quotes(buf *b, const tac_doc *d) {
    const cx_layer *L = d->context;
    for (size_t i = 0; L && i < L->nquotes; i++) {
        const cx_quote *q = &L->quotes[i];
        size_t a = d->tokens.v[q->tok0].start, z = d->tokens.v[q->tok1 - 1].end, s, e;
        doc_span(d, a, z, &s, &e);
        if ((i && buf_putc(b, ',')) || buf_puts(b, "{\"text\":") ||
            buf_json_str(b, d->orig + s, e - s) ||
            buf_printf(b, ",\"span\":[%zu,%zu],\"kind\":\"%s\",\"verb\":", s, e,
                       q->direct ? "direct" : "indirect"))
            return -1;
        if (q->verb < 0) {
            if (buf_puts(b, "null")) return -1;
        } else {
            size_t va = d->tokens.v[q->verb].start, vz = d->tokens.v[q->vtok1 - 1].end;
            if (buf_json_str(b, d->norm.data + va, vz - va)) return -1;
        }
        if (buf_puts(b, ",\"speaker\":") || cx_put_actor(b, d, q, 0) || buf_putc(b, '}'))
            return -1;
    }
    return 0;
}

int cx_put_place(buf *b, const tac_doc *d, const cx_place *x) {
    const geo_place *p = x->place;
    size_t a = d->tokens.v[x->tok0].start, z = d->tokens.v[x->tok1 - 1].end, s, e;
    doc_span(d, a, z, &s, &e);
    return buf_puts(b, "{\"text\":") || buf_json_str(b, d->orig + s, e - s) ||
           buf_puts(b, ",\"name\":") || buf_json_str(b, p->name, strlen(p->name)) ||
           buf_printf(b, ",\"country\":\"%s\",\"admin1\":", p->iso3) ||
           (p->admin1 ? buf_json_str(b, p->admin1, strlen(p->admin1)) : buf_puts(b, "null")) ||
           buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f,\"geonames_id\":%u,\"feature\":\"%s\","
                         "\"span\":[%zu,%zu]}",
                      p->lat, p->lon, p->geonames_id, p->feature, s, e);
}

int cx_json_places(buf *b, const tac_doc *d) {
    const cx_layer *L = d->context;
    for (size_t i = 0; L && i < L->nplaces; i++)
        if ((i && buf_putc(b, ',')) || cx_put_place(b, d, &L->places[i])) return -1;
    return 0;
}
