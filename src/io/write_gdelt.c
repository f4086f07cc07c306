/*
 * write_gdelt.c - one GDELT 2.0 Event table row per event: the 61 columns
 * of data/formats/gdelt2_event_61_columns.tsv in order, tab-separated,
 * empty where tacitus does not know the value (docs/output.md says which).
 */
#include "out.h"

#include <stdio.h>
#include <string.h>

/* Parses "YYYY-MM-DD"; 0 when s is not such a date. */
static int ymd(const char *s, int *y, int *m, int *d) {
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-') return 0;
    if (sscanf(s, "%4d-%2d-%2d", y, m, d) != 3) return 0;
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

static int actor(buf *b, const ow_tables *t, const char *code, const char *text) {
    ow_actor a;
    ow_actor_split(t, code, &a);
    if (ow_put_field(b, code) || buf_putc(b, '\t')) return -1;
    /* GDELT names are upper case; only ASCII letters are folded */
    size_t at = b->len;
    if (ow_put_field(b, text)) return -1;
    for (size_t i = at; i < b->len; i++)
        if (b->data[i] >= 'a' && b->data[i] <= 'z') b->data[i] = (char)(b->data[i] - 32);
    return buf_printf(b, "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t", a.country, a.group, a.ethnic,
                      a.rel1, a.rel2, a.type[0], a.type[1], a.type[2]);
}

/* GDELT geography type: 1 country, 2 US state, 3 US city, 4 world city,
 * 5 world state (first-order division); 0 unknown. */
static int geo_type(const ow_event *e) {
    if (!e->pl_name && !e->pl_country) return 0;
    const char *f = e->pl_feature ? e->pl_feature : "";
    int us = e->pl_country && !strcmp(e->pl_country, "USA");
    if (!strncmp(f, "PCL", 3) || (!e->pl_name && !e->has_latlon)) return 1;
    if (!strcmp(f, "ADM1")) return us ? 2 : 5;
    return us ? 3 : 4;
}

static int action_geo(buf *b, const ow_tables *t, const ow_event *e) {
    int type = geo_type(e);
    if (buf_printf(b, "%d\t", type)) return -1;
    if (!type) return buf_puts(b, "\t\t\t\t\t\t\t");
    const char *fips = ow_fips(t, e->pl_country);
    if (ow_put_field(b, e->pl_name ? e->pl_name : e->pl_country) || buf_putc(b, '\t') ||
        ow_put_field(b, fips) || buf_putc(b, '\t'))
        return -1;
    if (fips && type != 1 && e->pl_admin1 && *e->pl_admin1) {
        if (buf_puts(b, fips) || ow_put_field(b, e->pl_admin1)) return -1;
    } else if (fips && buf_puts(b, fips)) {
        return -1;
    }
    if (buf_puts(b, "\t\t")) return -1; /* ADM2 unknown */
    if (e->has_latlon && buf_printf(b, "%.4f\t%.4f\t", e->lat, e->lon)) return -1;
    if (!e->has_latlon && buf_puts(b, "\t\t")) return -1;
    if (e->geonames_id) return buf_printf(b, "%lld\t", e->geonames_id);
    if (type == 1 && fips) return buf_printf(b, "%s\t", fips);
    return buf_putc(b, '\t');
}

int ow_gdelt_row(buf *b, const ow_tables *t, const ow_event *e) {
    int y, m, d;
    int dated = ymd(e->date, &y, &m, &d);
    /* 1-5: id and dates; FractionDate as GDELT computes it: ((month-1)*30+day)/365 */
    if (buf_printf(b, "%llu\t", (unsigned long long)ow_event_number(e->id))) return -1;
    if (dated ? buf_printf(b, "%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t", y, m, d, y, m, y,
                           y + ((m - 1) * 30 + d) / 365.0)
              : buf_puts(b, "\t\t\t\t"))
        return -1;
    /* 6-25: actors */
    if (actor(b, t, e->src_code, e->src_text) || actor(b, t, e->tgt_code, e->tgt_text)) return -1;
    /* 26: IsRootEvent - the lead sentence stands for GDELT's lead paragraph */
    if (e->sentence >= 0 ? buf_printf(b, "%d\t", e->sentence == 0) : buf_putc(b, '\t')) return -1;
    /* 27-31: the action */
    if (ow_put_field(b, e->cameo) || buf_putc(b, '\t') || ow_put_field(b, e->base) ||
        buf_putc(b, '\t') || ow_put_field(b, e->root) || buf_putc(b, '\t'))
        return -1;
    if (e->quad ? buf_printf(b, "%d\t", e->quad) : buf_putc(b, '\t')) return -1;
    if (e->has_goldstein ? buf_printf(b, "%g\t", e->goldstein) : buf_putc(b, '\t')) return -1;
    /* 32-35: counts; AvgTone is not computed */
    if (buf_printf(b, "%lld\t%lld\t%lld\t\t", e->num_mentions, e->num_sources, e->num_articles))
        return -1;
    /* 36-51: actor geography is not resolved (type 0 as GDELT writes it) */
    if (buf_puts(b, "0\t\t\t\t\t\t\t\t0\t\t\t\t\t\t\t\t")) return -1;
    /* 52-59: action geography */
    if (action_geo(b, t, e)) return -1;
    /* 60-61: DATEADDED is the publication date at midnight, so reruns give the same bytes */
    if (dated ? buf_printf(b, "%04d%02d%02d000000\t", y, m, d) : buf_putc(b, '\t')) return -1;
    return ow_put_field(b, e->art_url) || buf_putc(b, '\n');
}
