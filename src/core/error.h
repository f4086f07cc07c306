/*
 * error.h - filling tac_error from library code (prefix err_).
 */
#ifndef TAC_ERROR_H
#define TAC_ERROR_H

#include "tacitus.h"

/* Sets e (may be NULL) and returns s, so callers write
 * `return err_set(e, TAC_EIO, file, rec, off, "cannot open: %s", why);` */
tac_status err_set(tac_error *e, tac_status s, const char *file,
                   long long record, long long offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void err_clear(tac_error *e);

#endif
