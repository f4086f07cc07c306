/*
 * write_json.c - the native output: one JSON object per article per line
 * (schema in docs/output.md and docs/output.schema.json). Built in a
 * buffer and written with one fwrite so a failed write never leaves half
 * an object.
 */
#include "../core/doc.h"
#include "../code/context.h"
#include "../code/codebook.h"
#include "../code/events.h"
#include "../core/error.h"
#include "out.h"

#include <string.h>

static int put_opt(buf *b, const char *key, const char *v) {
    if (buf_printf(b, ",\"%s\":", key)) return -1;
    if (!v) return buf_puts(b, "null");
    return buf_json_str(b, v, strlen(v));
}

/* ,"key":"value" when value is known (layers a model did not produce are omitted). */
static int put_field(buf *b, const char *key, const char *v) {
    if (!v) return 0;
    return buf_printf(b, ",\"%s\":", key) || buf_json_str(b, v, strlen(v));
}

static int put_sentences(buf *b, const tac_doc *d) {
    if (buf_puts(b, ",\"sentences\":[")) return -1;
    for (size_t i = 0; i < d->sentences.n; i++) {
        tac_sentence s;
        tac_doc_sentence(d, i, &s);
        if (buf_printf(b, "%s{\"start\":%zu,\"end\":%zu}", i ? "," : "", s.start, s.end))
            return -1;
    }
    return buf_putc(b, ']');
}

static int put_tokens(buf *b, const tac_doc *d) {
    if (buf_puts(b, ",\"tokens\":[")) return -1;
    for (size_t i = 0; i < d->tokens.n; i++) {
        tac_token t;
        tac_doc_token(d, i, &t);
        if (buf_printf(b, "%s{\"start\":%zu,\"end\":%zu,\"sentence\":%d,\"text\":",
                       i ? "," : "", t.start, t.end, t.sentence) ||
            buf_json_str(b, t.text, t.text_len))
            return -1;
        if (put_field(b, "upos", t.upos) || put_field(b, "xpos", t.xpos) ||
            put_field(b, "lemma", t.lemma))
            return -1;
        if (t.head >= -1 && buf_printf(b, ",\"head\":%d", t.head)) return -1;
        if (put_field(b, "deprel", t.deprel) || put_field(b, "ner", t.ner) || buf_putc(b, '}'))
            return -1;
    }
    return buf_putc(b, ']');
}

static const char *const how_names[] = {"actor", "agent", "ner", "affiliation", "coreference"};

/* "dictionary file:line" evidence of a mention part, or nothing. */
static int put_source(buf *b, const char *key, const char *file, unsigned line) {
    if (!file) return 0;
    /* the file's name, not the path it was loaded from: output must not
     * depend on where the data folder is installed (events' patterns too) */
    const char *slash = strrchr(file, '/');
    if (slash) file = slash + 1;
    return buf_printf(b, ",\"%s\":", key) || buf_json_str(b, file, strlen(file)) ||
           buf_printf(b, ",\"%s_line\":%u", key, line);
}

static int put_mentions(buf *b, const tac_doc *d) {
    if (buf_puts(b, ",\"mentions\":[")) return -1;
    for (size_t i = 0; i < d->mentions.n; i++) {
        const mn_mention *m = &d->mentions.v[i];
        const tk_token *a = &d->tokens.v[m->first], *z = &d->tokens.v[m->last - 1];
        size_t s, e;
        doc_span(d, a->start, z->end, &s, &e);
        if (buf_printf(b, "%s{\"text\":", i ? "," : "") ||
            buf_json_str(b, d->norm.data + a->start, z->end - a->start) ||
            buf_printf(b, ",\"span\":[%zu,%zu],\"sentence\":%u,\"code\":", s, e, m->sentence) ||
            (m->code ? buf_json_str(b, m->code, strlen(m->code)) : buf_puts(b, "null")) ||
            buf_puts(b, ",\"found_by\":["))
            return -1;
        int k = 0;
        for (unsigned bit = 0; bit < 5; bit++)
            if ((m->how >> bit) & 1)
                if (buf_printf(b, "%s\"%s\"", k++ ? "," : "", how_names[bit])) return -1;
        if (buf_putc(b, ']') || put_source(b, "actor_source", m->actor_file, m->actor_line) ||
            put_source(b, "agent_source", m->agent_file, m->agent_line) ||
            put_field(b, "ner", m->ner) ||
            (m->antecedent >= 0 && buf_printf(b, ",\"antecedent\":%d", m->antecedent)) ||
            buf_putc(b, '}'))
            return -1;
    }
    return buf_putc(b, ']');
}

/* Serializes d into b (appending). Returns 0 or -1 (no memory). The other
 * writers read this record back (out_writer.c). */
int ow_doc_json(buf *b, const tac_doc *d, unsigned layers) {
    if (buf_puts(b, "{\"id\":")) return -1;
    if (d->id ? buf_json_str(b, d->id, strlen(d->id)) : buf_puts(b, "null")) return -1;
    if (put_opt(b, "source", d->source) || put_opt(b, "url", d->url) ||
        put_opt(b, "date", d->date) || put_opt(b, "title", d->title))
        return -1;
    /* each stage writes its own elements; the brackets stay here */
    if (buf_puts(b, ",\"events\":[") || ev_json(b, d) || buf_puts(b, "],\"quotes\":[]") ||
        buf_puts(b, ",\"dates\":[") || cx_json_dates(b, d) ||
        buf_puts(b, "],\"numbers\":[") || cx_json_numbers(b, d) || buf_puts(b, "],\"places\":[]"))
        return -1;
    if (buf_puts(b, ",\"warnings\":[")) return -1;
    for (size_t i = 0; i < d->nwarn; i++)
        if ((i && buf_putc(b, ',')) || buf_json_str(b, d->warnings[i], strlen(d->warnings[i])))
            return -1;
    if (buf_putc(b, ']')) return -1;
    if ((layers & TAC_LAYER_SENTENCES) && put_sentences(b, d)) return -1;
    if ((layers & TAC_LAYER_TOKENS) && put_tokens(b, d)) return -1;
    if ((layers & TAC_LAYER_MENTIONS) && put_mentions(b, d)) return -1;
    return buf_puts(b, "}\n");
}

tac_status tac_doc_write_json(const tac_doc *d, unsigned layers, FILE *out, tac_error *err) {
    err_clear(err);
    buf b;
    buf_init(&b);
    tac_status st = TAC_OK;
    if (ow_doc_json(&b, d, layers)) {
        st = err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory writing JSON");
        goto done;
    }
    if (fwrite(b.data, 1, b.len, out) != b.len)
        st = err_set(err, TAC_EIO, NULL, 0, -1, "write failed");
done:
    buf_free(&b);
    return st;
}

size_t ow_doc_event_count(const tac_doc *d) {
    size_t n = 0;
    for (size_t i = 0; d->events && i < d->events->n; i++)
        n += d->events->v[i].cb->quad_class != 0; /* as ev_json skips stand-in codes */
    return n;
}

tac_status tac_layers_parse(const char *spec, unsigned *mask, tac_error *err) {
    err_clear(err);
    *mask = 0;
    const char *p = spec;
    while (p && *p) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (n == 9 && !strncmp(p, "sentences", 9)) *mask |= TAC_LAYER_SENTENCES;
        else if (n == 6 && !strncmp(p, "tokens", 6)) *mask |= TAC_LAYER_TOKENS;
        else if (n == 8 && !strncmp(p, "mentions", 8)) *mask |= TAC_LAYER_MENTIONS;
        else if (n == 3 && !strncmp(p, "all", 3))
            *mask |= TAC_LAYER_SENTENCES | TAC_LAYER_TOKENS | TAC_LAYER_MENTIONS;
        else if (n)
            return err_set(err, TAC_EINVAL, NULL, 0, -1,
                           "unknown layer '%.*s' (known: sentences, tokens, mentions, all)",
                           (int)n, p);
        p = q ? q + 1 : NULL;
    }
    return TAC_OK;
}
