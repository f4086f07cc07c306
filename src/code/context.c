/*
 * context.c - dates and numbers: not implemented yet. Wired into the
 * engine and the writer so the stage can land without touching them;
 * until then "dates" and "numbers" stay empty arrays.
 */
#include "context.h"

int cx_run(tac_doc *d) {
    (void)d;
    return 0;
}

int cx_json_dates(buf *b, const tac_doc *d) {
    (void)b;
    (void)d;
    return 0;
}

int cx_json_numbers(buf *b, const tac_doc *d) {
    (void)b;
    (void)d;
    return 0;
}
