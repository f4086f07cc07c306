/*
 * basemap.c - the dashboard's map background without a tile server or a
 * bundled outline file: every one-degree cell that holds a GeoNames city of
 * over 15,000 people (data/geo/cities15000.txt), as JSON points. The
 * continents appear where people live, from data the project already has.
 */
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sv_basemap(const char *data_dir, buf *out) {
    char path[4096];
    snprintf(path, sizeof path, "%s/geo/cities15000.txt", data_dir);
    unsigned char (*cell)[360] = calloc(180, sizeof *cell);
    if (!cell || buf_puts(out, "{\"points\":[")) {
        free(cell);
        return -1;
    }
    FILE *f = fopen(path, "r");
    if (f) {
        char line[8192];
        while (fgets(line, sizeof line, f)) {
            /* geonameid, name, asciiname, alternatenames, latitude, longitude, ... */
            char *p = line;
            for (int tab = 0; tab < 4 && p; tab++) {
                p = strchr(p, '\t');
                if (p) p++;
            }
            if (!p) continue;
            char *end;
            double lat = strtod(p, &end);
            if (*end != '\t') continue;
            double lon = strtod(end + 1, &end);
            if (*end != '\t' || lat < -90 || lat > 90 || lon < -180 || lon > 180) continue;
            int r = (int)(90 - lat), c = (int)(lon + 180);
            if (r >= 180) r = 179;
            if (c >= 360) c = 359;
            cell[r][c] = 1;
        }
        fclose(f);
    }
    int first = 1;
    for (int r = 0; r < 180; r++)
        for (int c = 0; c < 360; c++)
            if (cell[r][c]) {
                if (buf_printf(out, "%s[%d,%d]", first ? "" : ",", c - 180, 90 - r)) {
                    free(cell);
                    return -1;
                }
                first = 0;
            }
    free(cell);
    return buf_puts(out, "]}\n");
}
