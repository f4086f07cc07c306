/*
 * fuzz_tables.c - libFuzzer entry: the data tables read when an engine or
 * writer opens, other than dictionaries and models (fuzz_dict, fuzz_model):
 * the GeoNames gazetteer's five files, the CAMEO codebook, the PLOVER
 * mapping and the writers' country table. The first byte picks the file
 * replaced by the rest of the input; the others are the heads of the real
 * files under data/ (the harness runs from the repository root), so a
 * loader sees a broken file among good ones, as it would after a bad edit.
 */
#define _GNU_SOURCE
#include "code/codebook.h"
#include "geo/geo.h"
#include "io/out.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const files[] = {
    "geo/countryInfo.tsv", "geo/admin1CodesASCII.txt", "geo/cities15000.txt",
    "geo/country_latlng.tsv", "geo/demonyms/demonyms_eng.tsv",
    "cameo/cameo_1.1b3_eventcodes.tsv", "plover/cameo2plover_2021.tsv",
};
#define NFILES (sizeof files / sizeof files[0])
static char dir[128];
static char *heads[NFILES];
static size_t head_len[NFILES];

static void write_file(size_t i, const void *p, size_t n) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (n) fwrite(p, 1, n, f);
    fclose(f);
}

/* The first lines of data/FILE, enough for every loader to find rows. */
static void read_head(size_t i) {
    char path[512];
    snprintf(path, sizeof path, "data/%s", files[i]);
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16;
    heads[i] = calloc(1, cap);
    if (!heads[i]) abort();
    if (!f) return;     /* a missing table is a case the loaders handle too */
    int lines = 0;
    size_t n = 0;
    for (int c; lines < 300 && n + 1 < cap && (c = fgetc(f)) != EOF;) {
        heads[i][n++] = (char)c;
        if (c == '\n') lines++;
    }
    fclose(f);
    head_len[i] = n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    snprintf(dir, sizeof dir, "/tmp/tacitus-fuzz-tables-%d", (int)getpid());
    char sub[256];
    const char *subs[] = {"", "/geo", "/geo/demonyms", "/cameo", "/plover"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(sub, sizeof sub, "%s%s", dir, subs[i]);
        mkdir(sub, 0700);
    }
    for (size_t i = 0; i < NFILES; i++) {
        read_head(i);
        write_file(i, heads[i], head_len[i]);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    size_t which = data[0] % NFILES;
    write_file(which, data + 1, size - 1);
    tac_error err;
    if (which <= 4) {
        geo_gaz *g = NULL;
        if (geo_open(dir, &g, &err) == TAC_OK && g) {
            static const char *const names[] = {"baghdad", "iraq", "us", "georgia", "andorra la vella"};
            uint32_t hits[8];
            for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
                size_t n = geo_find(g, names[k], strlen(names[k]), k == 2, hits, 8);
                for (size_t j = 0; j < n && j < 8; j++) {
                    const geo_place *p = geo_get(g, hits[j]);
                    if (!p || !p->name) abort();
                }
            }
            (void)geo_demonym(g, "iraqi", 5);
            (void)geo_is_country(g, "IRQ");
            geo_close(g);
        }
        if (which == 0) {
            ow_tables *t = NULL;
            if (ow_tables_open(dir, &t, &err) == TAC_OK) ow_tables_free(t);
        }
    } else {
        char cp[512], pp[512];
        snprintf(cp, sizeof cp, "%s/%s", dir, files[5]);
        snprintf(pp, sizeof pp, "%s/%s", dir, files[6]);
        cb_book *b = NULL;
        if (cb_open(cp, pp, &b, &err) == TAC_OK) {
            static const char *const codes[] = {"190", "0211", "01", "1", "", "20", "999"};
            for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++) {
                (void)cb_find(b, codes[k]);
                (void)cb_lookup(b, codes[k]);
            }
            cb_close(b);
        }
    }
    write_file(which, heads[which], head_len[which]);
    return 0;
}
