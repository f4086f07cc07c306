/*
 * out_merged.c - the event record (one event per line, with its article,
 * counts and mentions) that `tacitus merge` and `tacitus query` write as
 * JSON and read back, and the de-duplication key. Reading a record back
 * and writing it again gives the same bytes, so merges can be repeated.
 */
#include "out.h"

#include <stdlib.h>
#include <string.h>

static int put(buf *b, const char *s) {
    if (!s) return buf_puts(b, "null");
    return buf_json_str(b, s, strlen(s));
}

static int kv(buf *b, const char *key, const char *v) {
    if (!v) return 0;
    return buf_printf(b, ",\"%s\":", key) || buf_json_str(b, v, strlen(v));
}

int ow_event_key(buf *b, const ow_event *e) {
    /* a place is the same place when its GeoNames id is, else by country and name */
    if (ow_put_field(b, e->date) || buf_putc(b, '|') || ow_put_field(b, e->src_code) ||
        buf_putc(b, '|') || ow_put_field(b, e->tgt_code) || buf_putc(b, '|') ||
        ow_put_field(b, e->base) || buf_putc(b, '|'))
        return -1;
    if (e->geonames_id) return buf_printf(b, "g%lld", e->geonames_id);
    if (!e->pl_country && !e->pl_name) return 0;
    return ow_put_field(b, e->pl_country) || buf_putc(b, ':') || ow_put_field(b, e->pl_name);
}

/* The mention object of a single (unmerged) event. */
static int own_mention(buf *b, const ow_event *e) {
    if (buf_puts(b, "{\"article\":") || put(b, e->art_id) || buf_puts(b, ",\"event\":") ||
        put(b, e->id) || kv(b, "outlet", e->art_source) || kv(b, "url", e->art_url) ||
        kv(b, "cameo", e->cameo) || kv(b, "modality", e->modality) || kv(b, "trigger", e->trigger) ||
        (e->sentence >= 0 && buf_printf(b, ",\"sentence\":%ld", e->sentence)))
        return -1;
    return buf_putc(b, '}');
}

static int dump(buf *b, json_t *v) {
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(10));
    if (!s) return -1;
    int rc = buf_puts(b, s);
    free(s);
    return rc;
}

int ow_merged_json(buf *b, const ow_event *e) {
    if (buf_puts(b, "{\"key\":\"")) return -1;
    size_t at = b->len;
    if (ow_event_key(b, e)) return -1;
    /* the key is made of plain fields; escape what JSON needs escaped */
    for (size_t i = at; i < b->len; i++)
        if (b->data[i] == '"' || b->data[i] == '\\' || (unsigned char)b->data[i] < 0x20) b->data[i] = ' ';
    if (buf_printf(b, "\",\"num_mentions\":%lld,\"num_sources\":%lld,\"num_articles\":%lld",
                   e->num_mentions, e->num_sources, e->num_articles))
        return -1;
    if (buf_puts(b, ",\"event\":") || (e->event ? dump(b, e->event) : buf_puts(b, "null")))
        return -1;
    if (buf_puts(b, ",\"article\":{\"id\":") || put(b, e->art_id) || kv(b, "source", e->art_source) ||
        kv(b, "url", e->art_url) || kv(b, "title", e->art_title) || buf_putc(b, '}'))
        return -1;
    if (e->pl_name || e->pl_country) {
        if (buf_puts(b, ",\"place\":{\"name\":") || put(b, e->pl_name) ||
            kv(b, "country", e->pl_country) || kv(b, "admin1", e->pl_admin1) ||
            kv(b, "feature", e->pl_feature) ||
            (e->geonames_id && buf_printf(b, ",\"geonames_id\":%lld", e->geonames_id)) ||
            (e->has_latlon && buf_printf(b, ",\"lat\":%.10g,\"lon\":%.10g", e->lat, e->lon)) ||
            buf_putc(b, '}'))
            return -1;
    }
    if (buf_puts(b, ",\"mentions\":")) return -1;
    if (e->mentions ? dump(b, e->mentions) : (buf_putc(b, '[') || own_mention(b, e) || buf_putc(b, ']')))
        return -1;
    return buf_puts(b, "}\n");
}

static long long count(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? json_integer_value(v) : 1;
}

int ow_event_read_record(ow_event *e, json_t *rec) {
    json_t *ev = json_object_get(rec, "event"), *art = json_object_get(rec, "article");
    if (!json_is_object(ev) || !json_is_object(art)) return -1;
    ow_event_read(e, art, ev);
    json_t *pl = json_object_get(rec, "place");
    if (json_is_object(pl)) ow_event_place(e, art, pl);
    e->num_mentions = count(rec, "num_mentions");
    e->num_sources = count(rec, "num_sources");
    e->num_articles = count(rec, "num_articles");
    json_t *m = json_object_get(rec, "mentions");
    e->mentions = json_is_array(m) ? m : NULL;
    return 0;
}
