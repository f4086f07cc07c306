/*
 * engine.c - opens the engine and runs the pipeline over one article:
 * normalize -> tokenize -> sentences (later stages add their layers).
 */
#include "engine.h"
#include "../core/alloc.h"
#include "../core/doc.h"
#include "../core/error.h"
#include "../code/context.h"
#include "../code/coref.h"
#include "../code/events.h"
#include "../dict/dict.h"
#include "../geo/geo.h"
#include "../text/normalize.h"

#include <string.h>

#include <stdlib.h>

#ifndef TAC_DEFAULT_DATA_DIR
#define TAC_DEFAULT_DATA_DIR "data"
#endif
#ifndef TAC_DEFAULT_MODEL_DIR
#define TAC_DEFAULT_MODEL_DIR "build/models"
#endif

void tac_options_init(tac_options *o) {
    memset(o, 0, sizeof *o);
    /* TACITUS_DATA and TACITUS_MODELS point an installed binary at its files */
    const char *dd = getenv("TACITUS_DATA"), *md = getenv("TACITUS_MODELS");
    o->data_dir = dd && *dd ? dd : TAC_DEFAULT_DATA_DIR;
    o->model_dir = md && *md ? md : TAC_DEFAULT_MODEL_DIR;
    o->max_article_bytes = 16u << 20;
    o->max_sentence_tokens = 400;
    o->max_events_per_sentence = 64;
    o->stages = TAC_STAGE_ALL;
}

size_t tac_options_size(void) { return sizeof(tac_options); }
size_t tac_article_size(void) { return sizeof(tac_article); }

tac_status tac_engine_open(const tac_options *o, tac_engine **out, tac_error *err) {
    err_clear(err);
    tac_options def;
    if (!o) { tac_options_init(&def); o = &def; }
    if (o->max_article_bytes == 0 || o->max_article_bytes > 0x7FFFFFFFu)
        return err_set(err, TAC_EINVAL, NULL, 0, -1,
                       "max_article_bytes must be between 1 and 2147483647");
    if (o->max_sentence_tokens < 0 || o->max_events_per_sentence < 0)
        return err_set(err, TAC_EINVAL, NULL, 0, -1,
                       "max_sentence_tokens and max_events_per_sentence must be 0 (no limit) or more");
    tac_engine *e = tac_calloc(1, sizeof *e);
    if (!e) return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory opening engine");
    e->opt = *o;
    e->data_dir = tac_strdup(o->data_dir ? o->data_dir : TAC_DEFAULT_DATA_DIR);
    e->model_dir = tac_strdup(o->model_dir ? o->model_dir : TAC_DEFAULT_MODEL_DIR);
    if (!e->data_dir || !e->model_dir) {
        tac_engine_free(e);
        return err_set(err, TAC_ENOMEM, NULL, 0, -1, "out of memory opening engine");
    }
    e->opt.data_dir = e->data_dir;
    e->opt.model_dir = e->model_dir;
    /* load only what the chosen stages use */
    unsigned stages = o->stages;
    tac_status st = TAC_OK;
    if (stages & TAC_STAGE_NLP) st = nlp_open(e, err);
    if (st == TAC_OK && (stages & (TAC_STAGE_MENTIONS | TAC_STAGE_EVENTS)))
        st = eng_dict_open(e, err);
    if (st == TAC_OK && (stages & TAC_STAGE_EVENTS)) st = ev_open(e->data_dir, &e->events, err);
    if (st == TAC_OK && (stages & TAC_STAGE_CONTEXT)) st = geo_open(e->data_dir, &e->geo, err);
    if (st != TAC_OK) {
        tac_engine_free(e);
        return st;
    }
    *out = e;
    return TAC_OK;
}

void tac_engine_free(tac_engine *e) {
    if (!e) return;
    nlp_close(e);
    dict_set_free(e->dict);
    ev_close(e->events);
    geo_close(e->geo);
    tac_free(e->model_dir);
    tac_free(e->data_dir);
    tac_free(e);
}

static const char *copy_opt(tac_doc *d, const char *s) {
    return s ? ar_strndup(&d->ar, s, strlen(s)) : NULL;
}

/* Cuts at a UTF-8 character boundary at or before max. */
static size_t utf8_cut(const char *s, size_t max) {
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80 && max - n < 4) n--;
    return n;
}

/* YYYY-MM-DD with a real month and day, optionally followed by a time
 * ("T..." or " ..."), as the readers pass it on. */
static int valid_date(const char *s) {
    for (int i = 0; i < 10; i++) {
        int want_dash = i == 4 || i == 7;
        if (want_dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return 0;
    }
    if (s[10] && s[10] != 'T' && s[10] != ' ') return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

tac_status tac_engine_code(const tac_engine *e, const tac_article *a, tac_doc *d,
                           tac_error *err) {
    err_clear(err);
    if (!e || !a || !d || (!a->text && a->text_len))
        return err_set(err, TAC_EINVAL, NULL, 0, -1, "tac_engine_code: NULL argument");
    const char *origin = a->origin;
    /* the date anchors every relative date and the dictionaries' date
     * restrictions: a wrong one would silently shift them all */
    if (a->date && !valid_date(a->date))
        return err_set(err, TAC_EINVAL, origin, a->record, -1,
                       "date '%.40s' is not a valid YYYY-MM-DD date", a->date);
    doc_reset(d);
    size_t len = a->text_len;
    d->id = copy_opt(d, a->id);
    d->title = copy_opt(d, a->title);
    d->date = copy_opt(d, a->date);
    d->source = copy_opt(d, a->source);
    d->url = copy_opt(d, a->url);
    int trunc = len > e->opt.max_article_bytes;
    if (trunc) len = utf8_cut(a->text, e->opt.max_article_bytes);
    d->orig = ar_strndup(&d->ar, a->text ? a->text : "", len);
    d->orig_len = len;
    if ((a->id && !d->id) || (a->title && !d->title) || (a->date && !d->date) ||
        (a->source && !d->source) || (a->url && !d->url) || !d->orig)
        goto nomem;
    if (a->warning && doc_warn(d, "%s", a->warning)) goto nomem;
    if (trunc && doc_warn(d, "limit max_article_bytes=%zu: article of %zu bytes truncated to %zu bytes",
                          e->opt.max_article_bytes, a->text_len, len))
        goto nomem;

    nz_stats st;
    if (nz_normalize(d->orig, d->orig_len, &d->norm, &d->map, &st)) goto nomem;
    if (st.invalid_bytes &&
        doc_warn(d, "%zu invalid UTF-8 byte(s) replaced by U+FFFD (the first at byte %zu)",
                 st.invalid_bytes, st.first_invalid))
        goto nomem;
    if (st.nul_bytes && doc_warn(d, "%zu NUL byte(s) replaced by spaces (the first at byte %zu)",
                                 st.nul_bytes, st.first_nul))
        goto nomem;
    if (tk_tokenize(d->norm.data, d->norm.len, &d->tokens)) goto nomem;
    if (ss_split(d->norm.data, d->tokens.v, d->tokens.n, e->opt.max_sentence_tokens,
                 &d->sentences))
        goto nomem;
    unsigned stages = e->opt.stages;
    /* parse_candidates: the tree only where an event may come out, decided
     * once tags and mentions are known (ev_candidates) */
    int cand = e->opt.parse_candidates && e->events && e->tagger && e->parser &&
               (stages & TAC_STAGE_NLP) && (stages & TAC_STAGE_MENTIONS) &&
               (stages & TAC_STAGE_EVENTS);
    if ((stages & TAC_STAGE_NLP) && nlp_run(e, d, !cand)) goto nomem;
    if ((stages & TAC_STAGE_MENTIONS) &&
        mn_find(e->dict, d, d->date ? dict_parse_date(d->date, strlen(d->date)) : 0))
        goto nomem;
    if (cand) {
        unsigned char *want = ar_alloc(&d->ar, d->sentences.n ? d->sentences.n : 1);
        if (!want) goto nomem;
        ev_candidates(e->events, d, want);
        if (nlp_parse(e, d, want)) goto nomem;
    }
    if ((stages & TAC_STAGE_MENTIONS) && cr_resolve(d)) goto nomem;
    if ((stages & TAC_STAGE_CONTEXT) && cx_run(d, e->geo)) goto nomem;
    ev_opts eo = {0, e->opt.max_events_per_sentence};
    if ((stages & TAC_STAGE_EVENTS) && ev_run_opts(e->events, d, &eo, -1, NULL, NULL)) goto nomem;
    size_t forced = 0;
    for (size_t i = 0; i < d->tokens.n; i++)
        forced += (d->tokens.v[i].flags & TK_FORCED_SPLIT) != 0;
    if (forced && doc_warn(d, "limit max_sentence_tokens=%d: %zu sentence(s) cut at %d tokens",
                           e->opt.max_sentence_tokens, forced, e->opt.max_sentence_tokens))
        goto nomem;
    if (d->events && d->events->dropped &&
        doc_warn(d, "limit max_events_per_sentence=%d: %zu event(s) dropped in %zu sentence(s)",
                 e->opt.max_events_per_sentence, d->events->dropped, d->events->dropped_sentences))
        goto nomem;
    return TAC_OK;
nomem:
    return err_set(err, TAC_ENOMEM, origin, a->record, -1, "out of memory coding article");
}
