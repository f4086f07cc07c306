/*
 * modelfile.h - the versioned binary container every trained model is
 * stored in (prefix mf_): magic, version, kind, a table of tagged chunks.
 * Writers stream each chunk into a FILE*; readers load the whole file with
 * one read and get bounds-checked pointers to chunks. See docs/model-format.md.
 */
#ifndef TAC_MODELFILE_H
#define TAC_MODELFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tacitus.h"

#define MF_MAGIC "TACM"
#define MF_VERSION 2u   /* 2: perceptron weights as an in-place table (LPT2) */
#define MF_MAX_CHUNKS 256u
#define MF_MAX_KIND 64u

/* ---- writing ------------------------------------------------------------ */

typedef struct mf_out mf_out;

/* Starts a model file of the given kind ("tagger", "parser", "ner") to be
 * written at path by mf_close. Nothing touches the disk before mf_close.
 * On success *out is the caller's: finish with mf_close or mf_abort.
 * Errors: TAC_EINVAL (bad kind), TAC_ENOMEM. */
tac_status mf_create(const char *path, const char *kind, mf_out **out, tac_error *err);

/* Opens chunk tag (4 bytes, need not be NUL-terminated) and returns the
 * stream to write its bytes to; the stream belongs to m (do not fclose it).
 * Returns NULL when a chunk is already open, the tag is a duplicate or no
 * memory; the failure is remembered and reported by mf_chunk_end/mf_close. */
FILE *mf_chunk_begin(mf_out *m, const char tag[4]);

/* Closes the open chunk. Errors: TAC_EINVAL (no open chunk), TAC_EIO
 * (a write to the stream failed), TAC_ENOMEM. */
tac_status mf_chunk_end(mf_out *m, tac_error *err);

/* Writes the file atomically (a temporary file next to path, then rename)
 * and frees m in every case. Errors: TAC_EIO, TAC_ENOMEM, or the first
 * error remembered from a chunk (then nothing is written). */
tac_status mf_close(mf_out *m, tac_error *err);

/* Frees m (NULL is fine) without writing anything. */
void mf_abort(mf_out *m);

/* ---- reading ------------------------------------------------------------ */

typedef struct mf_file mf_file;

/* Reads path with one read and validates header, kind and chunk table.
 * kind NULL accepts any kind. On success *out is the caller's (mf_free).
 * Errors: TAC_EIO (cannot open/read), TAC_ENOMEM, TAC_EFORMAT (bad magic,
 * version, kind, truncated or corrupt table; the message names the file
 * and the byte offset). */
tac_status mf_load(const char *path, const char *kind, mf_file **out, tac_error *err);

/* Bytes of chunk tag, owned by f (valid until mf_free), length in *len.
 * NULL (and *len = 0) when the file has no such chunk. */
const unsigned char *mf_chunk(const mf_file *f, const char tag[4], size_t *len);

/* File offset of p, a pointer into one of f's chunks, for error messages;
 * -1 when p is not inside f. */
long long mf_offset(const mf_file *f, const void *p);

/* Kind string of a loaded file (owned by f). */
const char *mf_kind(const mf_file *f);

void mf_free(mf_file *f);

/* ---- little-endian helpers for chunk contents ---------------------------- */

/* Writers: return 0 or -1 (write error). */
int mf_put_u32(FILE *f, uint32_t v);
int mf_put_u64(FILE *f, uint64_t v);
int mf_put_f32(FILE *f, float v);
/* u32 length then the bytes (no NUL). */
int mf_put_str(FILE *f, const char *s, size_t n);

/* A bounds-checked reader over one chunk. Every get fails softly: once a
 * read would pass the end, ok becomes 0 and later gets return zeros, so a
 * loader checks ok once at the end (and pos tells where it went wrong). */
typedef struct mf_cursor {
    const unsigned char *p;
    size_t n, pos;
    int ok;
} mf_cursor;

void mf_cursor_init(mf_cursor *c, const unsigned char *p, size_t n);
uint32_t mf_get_u32(mf_cursor *c);
uint64_t mf_get_u64(mf_cursor *c);
float mf_get_f32(mf_cursor *c);
/* Returns a pointer to n bytes inside the chunk (not NUL-terminated), or
 * NULL when fewer remain. */
const unsigned char *mf_get_bytes(mf_cursor *c, size_t n);
/* A string written by mf_put_str: pointer into the chunk and its length. */
const char *mf_get_str(mf_cursor *c, size_t *len);

/* ---- slot maps: hash tables stored in their final layout ----------------- */

/* An open-addressing table is stored as its occupied slots only: u64
 * nslots (a power of two, 64..2^32), u64 nused (< nslots, so every probe
 * ends), nslots/64 u64 words of occupancy bits (bit b of word j: slot
 * 64j + b), then the caller's records of the occupied slots in slot order.
 * Loading scatters the records back to their slots (mf_scatter): one
 * sequential pass, where re-inserting them would cost a cache miss each,
 * and the table comes back exactly as it was saved, probe order and all. */
typedef struct mf_slots {
    const unsigned char *bits;  /* nslots / 8 bytes inside the chunk */
    size_t nslots, nused;
} mf_slots;

/* Writes nslots, nused and the occupancy bits of a table of nslots slots
 * (a power of two >= 64), where occupied(t, i) says whether slot i holds
 * something. The caller then writes one record per occupied slot, in slot
 * order. Returns 0 or -1 (bad nslots, a full table, or a write error). */
int mf_put_slots(FILE *f, const void *t, size_t nslots, int (*occupied)(const void *t, size_t i));

/* Reads the head and bits written by mf_put_slots at the cursor and checks
 * them (nslots a power of two in range, the bits count nused < nslots).
 * Returns 0, or -1 with c->ok cleared. */
int mf_get_slots(mf_cursor *c, mf_slots *s);

/* dst[i] = src[k] for the k-th occupied slot i of s: s->nused records of
 * size bytes at src (any size; 4, 8 and 16 have fast paths), copied as they are (little-endian
 * files on a little-endian host), into a dst of s->nslots records. Other
 * slots of dst are not touched. */
void mf_scatter(const mf_slots *s, void *dst, const void *src, size_t size);

#endif
