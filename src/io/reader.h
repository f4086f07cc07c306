/*
 * reader.h - internal entry points of the readers (prefix rd_), beyond the
 * public tac_reader_* calls: reading from an open stream, used by the fuzz
 * harnesses and by embedders that already hold a FILE*.
 */
#ifndef TAC_READER_H
#define TAC_READER_H

#include "tacitus.h"

#include <stdio.h>

/* Like tac_reader_open on a single input, reading from fp (borrowed: not
 * closed by the reader) and naming it name in errors and ids. */
tac_status rd_open_stream(FILE *fp, const char *name, tac_format fmt, const char *date,
                          size_t max_bytes, tac_reader **out, tac_error *err);

#endif
