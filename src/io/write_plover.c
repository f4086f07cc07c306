/*
 * write_plover.c - one PLOVER JSON record per event (PLOVER manual, Draft
 * 2.0, "Data Fields"): the required id, date, actor and event, and the
 * optional fields tacitus knows. CAMEO details ride along in named extra
 * fields, which the manual allows.
 */
#include "out.h"

#include <string.h>

int ow_plover_ok(const ow_event *e) {
    return e->id && e->date && strlen(e->date) == 10 && e->pl_type && e->src_code;
}

static int kv(buf *b, const char *key, const char *v) {
    if (!v) return 0;
    return buf_printf(b, ",\"%s\":", key) || buf_json_str(b, v, strlen(v));
}

/* An entity object: "code" the country or international entity, "sector"
 * the role (USAGOV -> USA, GOV), the CAMEO code and the text as extras. */
static int entity(buf *b, const ow_tables *t, const char *code, const char *text) {
    ow_actor a;
    ow_actor_split(t, code, &a);
    const char *top = a.country[0] ? a.country : a.group[0] ? a.group : a.type[0][0] ? a.type[0] : NULL;
    const char *sector = a.country[0] || a.group[0] ? (a.type[0][0] ? a.type[0] : NULL)
                                                     : (a.type[1][0] ? a.type[1] : NULL);
    char other[16] = "";
    int from = (top == a.type[0]) ? 2 : 1;
    for (int i = from; i < 3 && a.type[i][0]; i++) {
        if (other[0]) strcat(other, " ");
        strcat(other, a.type[i]);
    }
    if (buf_puts(b, "[{\"code\":") ||
        (top ? buf_json_str(b, top, strlen(top)) : buf_puts(b, "null")) || kv(b, "sector", sector) ||
        (other[0] && kv(b, "other_sector_codes", other)) || kv(b, "religion", a.rel1[0] ? a.rel1 : NULL) ||
        kv(b, "ethnicity", a.ethnic[0] ? a.ethnic : NULL) || kv(b, "entity_text", text) ||
        kv(b, "cameo_code", code))
        return -1;
    return buf_puts(b, "}]");
}

static int list1(buf *b, const char *key, const char *v) {
    if (!v) return 0;
    return buf_printf(b, ",\"%s\":[", key) || buf_json_str(b, v, strlen(v)) || buf_putc(b, ']');
}

static int event_loc(buf *b, const ow_event *e) {
    if (!e->pl_name && !e->pl_country) return 0;
    if (buf_puts(b, ",\"event_loc\":{\"extracted_place\":") ||
        (e->pl_name ? buf_json_str(b, e->pl_name, strlen(e->pl_name)) : buf_puts(b, "null")) ||
        kv(b, "country_code", e->pl_country) || kv(b, "feature_code", e->pl_feature) ||
        (e->geonames_id && buf_printf(b, ",\"geonameid\":%lld", e->geonames_id)) ||
        (e->has_latlon && buf_printf(b, ",\"lat\":%.6g,\"lon\":%.6g", e->lat, e->lon)))
        return -1;
    return buf_putc(b, '}');
}

int ow_plover_record(buf *b, const ow_tables *t, const ow_event *e) {
    if (!ow_plover_ok(e)) return 0;
    if (buf_puts(b, "{\"id\":") || buf_json_str(b, e->id, strlen(e->id)) ||
        buf_puts(b, ",\"date\":") || buf_json_str(b, e->date, strlen(e->date)) ||
        buf_puts(b, ",\"actor\":") || entity(b, t, e->src_code, e->src_text))
        return -1;
    if (e->tgt_code && (buf_puts(b, ",\"recipient\":") || entity(b, t, e->tgt_code, e->tgt_text)))
        return -1;
    if (list1(b, "event", e->pl_type) || event_loc(b, e) || list1(b, "event_text", e->trigger) ||
        (e->quad && buf_printf(b, ",\"quad_code\":%d", e->quad)) ||
        list1(b, "mode", e->pl_mode) || list1(b, "context", e->pl_context))
        return -1;
    if (e->sentence >= 0 && (buf_printf(b, ",\"text_info\":{\"sequence\":%ld", e->sentence) ||
                             (e->trig_start >= 0 && buf_printf(b, ",\"start\":%lld,\"end\":%lld",
                                                               e->trig_start, e->trig_end)) ||
                             buf_putc(b, '}')))
        return -1;
    if (buf_puts(b, ",\"cite_info\":{\"coder\":\"tacitus " TAC_VERSION "\"") ||
        kv(b, "citation", e->art_id) || kv(b, "url", e->art_url) || kv(b, "title", e->art_title) ||
        kv(b, "publication", e->art_source) || buf_putc(b, '}'))
        return -1;
    if (buf_puts(b, ",\"coder\":\"tacitus " TAC_VERSION "\"") || kv(b, "cameo", e->cameo) ||
        (e->has_goldstein && buf_printf(b, ",\"goldstein\":%g", e->goldstein)) ||
        kv(b, "modality", e->modality) ||
        buf_printf(b, ",\"num_mentions\":%lld,\"num_sources\":%lld,\"num_articles\":%lld",
                   e->num_mentions, e->num_sources, e->num_articles))
        return -1;
    return buf_puts(b, "}\n");
}
