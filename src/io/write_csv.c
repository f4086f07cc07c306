/*
 * write_csv.c - flat events as RFC 4180 CSV with a header line: one row per
 * event, the fields a spreadsheet or data frame wants first.
 */
#include "out.h"

#include <string.h>

static const char header[] =
    "event_id,article_id,date,source_code,source_text,target_code,target_text,cameo,base,root,"
    "quad_class,goldstein,plover_type,plover_mode,plover_context,modality,sentence,trigger,"
    "place,place_country,lat,lon,num_mentions,num_sources,num_articles,outlet,url,title\n";

int ow_csv_header(buf *b) { return buf_puts(b, header); }

/* A field, quoted when it holds a comma, quote or line break. */
static int field(buf *b, const char *s, int last) {
    if (s) {
        if (strpbrk(s, ",\"\r\n")) {
            if (buf_putc(b, '"')) return -1;
            for (; *s; s++)
                if ((*s == '"' && buf_putc(b, '"')) || buf_putc(b, *s)) return -1;
            if (buf_putc(b, '"')) return -1;
        } else if (buf_puts(b, s)) {
            return -1;
        }
    }
    return buf_putc(b, last ? '\n' : ',');
}

int ow_csv_row(buf *b, const ow_event *e) {
    if (field(b, e->id, 0) || field(b, e->art_id, 0) || field(b, e->date, 0) ||
        field(b, e->src_code, 0) || field(b, e->src_text, 0) || field(b, e->tgt_code, 0) ||
        field(b, e->tgt_text, 0) || field(b, e->cameo, 0) || field(b, e->base, 0) ||
        field(b, e->root, 0))
        return -1;
    if ((e->quad ? buf_printf(b, "%d,", e->quad) : buf_putc(b, ',')) ||
        (e->has_goldstein ? buf_printf(b, "%g,", e->goldstein) : buf_putc(b, ',')))
        return -1;
    if (field(b, e->pl_type, 0) || field(b, e->pl_mode, 0) || field(b, e->pl_context, 0) ||
        field(b, e->modality, 0) ||
        (e->sentence >= 0 ? buf_printf(b, "%ld,", e->sentence) : buf_putc(b, ',')) ||
        field(b, e->trigger, 0) || field(b, e->pl_name, 0) || field(b, e->pl_country, 0))
        return -1;
    if (e->has_latlon ? buf_printf(b, "%.6g,%.6g,", e->lat, e->lon) : buf_puts(b, ",,")) return -1;
    if (buf_printf(b, "%lld,%lld,%lld,", e->num_mentions, e->num_sources, e->num_articles))
        return -1;
    return field(b, e->art_source, 0) || field(b, e->art_url, 0) || field(b, e->art_title, 1);
}
