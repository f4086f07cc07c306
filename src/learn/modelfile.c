/*
 * modelfile.c - the model container: chunks buffered in memory streams,
 * written with tmp + rename; loaded with one read and validated before any
 * pointer into it is handed out. Layout in docs/model-format.md.
 */
#include "modelfile.h"
#include "../core/alloc.h"
#include "../core/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* header: magic 4, version 4, kind length 4, kind, count 4; entry 20 bytes */
#define MF_ENTRY 20u

typedef struct mf_chunkbuf {
    char tag[4];
    char *data;         /* from open_memstream: libc malloc, freed with free() */
    size_t size;
} mf_chunkbuf;

struct mf_out {
    char *path;
    char *kind;
    mf_chunkbuf *chunks;
    size_t nchunks, cap;
    FILE *open;         /* stream of the open chunk, or NULL */
    char *obuf;         /* its memstream buffer and size */
    size_t osize;
    tac_status failed;  /* first error from mf_chunk_begin, or TAC_OK */
    char why[128];
};

typedef struct mf_entry {
    char tag[4];
    size_t off, size;
} mf_entry;

struct mf_file {
    unsigned char *data;    /* the whole file: mapped read-only, or read into memory */
    size_t size;
    int mapped;             /* data is an mmap of size bytes (else tac_malloc'd) */
    char kind[MF_MAX_KIND + 1];
    mf_entry *chunks;
    size_t nchunks;
};

/* ---- little-endian helpers --------------------------------------------- */

int mf_put_u32(FILE *f, uint32_t v) {
    unsigned char b[4];
    for (int i = 0; i < 4; i++) b[i] = (unsigned char)(v >> (8 * i));
    return fwrite(b, 1, 4, f) == 4 ? 0 : -1;
}

int mf_put_u64(FILE *f, uint64_t v) {
    unsigned char b[8];
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)(v >> (8 * i));
    return fwrite(b, 1, 8, f) == 8 ? 0 : -1;
}

int mf_put_f32(FILE *f, float v) {
    uint32_t u;
    memcpy(&u, &v, 4);
    return mf_put_u32(f, u);
}

int mf_put_str(FILE *f, const char *s, size_t n) {
    if (n > UINT32_MAX || mf_put_u32(f, (uint32_t)n)) return -1;
    return n == 0 || fwrite(s, 1, n, f) == n ? 0 : -1;
}

static uint32_t rd32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p) {
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

void mf_cursor_init(mf_cursor *c, const unsigned char *p, size_t n) {
    c->p = p;
    c->n = p ? n : 0;
    c->pos = 0;
    c->ok = 1;
}

const unsigned char *mf_get_bytes(mf_cursor *c, size_t n) {
    if (!c->ok || n > c->n - c->pos) { c->ok = 0; return NULL; }
    const unsigned char *q = c->p + c->pos;
    c->pos += n;
    return q;
}

uint32_t mf_get_u32(mf_cursor *c) {
    const unsigned char *q = mf_get_bytes(c, 4);
    return q ? rd32(q) : 0;
}

uint64_t mf_get_u64(mf_cursor *c) {
    const unsigned char *q = mf_get_bytes(c, 8);
    return q ? rd64(q) : 0;
}

float mf_get_f32(mf_cursor *c) {
    uint32_t u = mf_get_u32(c);
    float v;
    memcpy(&v, &u, 4);
    return v;
}

const char *mf_get_str(mf_cursor *c, size_t *len) {
    uint32_t n = mf_get_u32(c);
    const unsigned char *q = mf_get_bytes(c, n);
    *len = q ? n : 0;
    return (const char *)q;
}

/* ---- writing ------------------------------------------------------------ */

static int valid_kind(const char *kind) {
    size_t n = kind ? strlen(kind) : 0;
    return n > 0 && n <= MF_MAX_KIND;
}

tac_status mf_create(const char *path, const char *kind, mf_out **out, tac_error *err) {
    *out = NULL;
    if (!path || !*path || !valid_kind(kind))
        return err_set(err, TAC_EINVAL, path, 0, -1, "model file needs a path and a kind of 1-%u bytes",
                       MF_MAX_KIND);
    mf_out *m = tac_calloc(1, sizeof *m);
    if (!m) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    m->path = tac_strdup(path);
    m->kind = tac_strdup(kind);
    if (!m->path || !m->kind) {
        mf_abort(m);
        return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    }
    *out = m;
    return TAC_OK;
}

static void remember(mf_out *m, tac_status s, const char *why) {
    if (m->failed) return;
    m->failed = s;
    snprintf(m->why, sizeof m->why, "%s", why);
}

FILE *mf_chunk_begin(mf_out *m, const char tag[4]) {
    if (m->open) { remember(m, TAC_EINVAL, "chunk begun while another is open"); return NULL; }
    for (size_t i = 0; i < m->nchunks; i++)
        if (!memcmp(m->chunks[i].tag, tag, 4)) {
            remember(m, TAC_EINVAL, "duplicate chunk tag");
            return NULL;
        }
    if (m->nchunks >= MF_MAX_CHUNKS) { remember(m, TAC_ELIMIT, "too many chunks"); return NULL; }
    if (tac_grow((void **)&m->chunks, &m->cap, m->nchunks + 1, sizeof *m->chunks)) {
        remember(m, TAC_ENOMEM, "out of memory");
        return NULL;
    }
    m->obuf = NULL;
    m->osize = 0;
    m->open = open_memstream(&m->obuf, &m->osize);
    if (!m->open) { remember(m, TAC_ENOMEM, "cannot open a memory stream"); return NULL; }
    memcpy(m->chunks[m->nchunks].tag, tag, 4);
    return m->open;
}

tac_status mf_chunk_end(mf_out *m, tac_error *err) {
    if (!m->open)
        return err_set(err, m->failed ? m->failed : TAC_EINVAL, m->path, 0, -1, "model chunk: %s",
                       m->failed ? m->why : "no chunk is open");
    int bad = ferror(m->open);
    int closed = fclose(m->open);
    m->open = NULL;
    if (bad || closed) {
        free(m->obuf);
        m->obuf = NULL;
        remember(m, TAC_EIO, "write to a chunk stream failed");
        return err_set(err, TAC_EIO, m->path, 0, -1, "model chunk: write failed");
    }
    mf_chunkbuf *c = &m->chunks[m->nchunks++];
    c->data = m->obuf;
    c->size = m->osize;
    m->obuf = NULL;
    return TAC_OK;
}

void mf_abort(mf_out *m) {
    if (!m) return;
    if (m->open) fclose(m->open);
    free(m->obuf);
    for (size_t i = 0; i < m->nchunks; i++) free(m->chunks[i].data);
    tac_free(m->chunks);
    tac_free(m->path);
    tac_free(m->kind);
    tac_free(m);
}

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

/* Writes header, table and chunks (each chunk starts 8-aligned) to f. */
static int write_all(const mf_out *m, FILE *f) {
    size_t klen = strlen(m->kind);
    size_t off = pad8(16 + klen + MF_ENTRY * m->nchunks);
    if (fwrite(MF_MAGIC, 1, 4, f) != 4 || mf_put_u32(f, MF_VERSION) ||
        mf_put_str(f, m->kind, klen) || mf_put_u32(f, (uint32_t)m->nchunks))
        return -1;
    for (size_t i = 0; i < m->nchunks; i++) {
        if (fwrite(m->chunks[i].tag, 1, 4, f) != 4 || mf_put_u64(f, off) ||
            mf_put_u64(f, m->chunks[i].size))
            return -1;
        off = pad8(off + m->chunks[i].size);
    }
    static const unsigned char zeros[8];
    size_t pos = 16 + klen + MF_ENTRY * m->nchunks;
    for (size_t i = 0; i < m->nchunks; i++) {   /* no padding after the last */
        size_t gap = pad8(pos) - pos;
        if (gap && fwrite(zeros, 1, gap, f) != gap) return -1;
        pos += gap;
        size_t sz = m->chunks[i].size;
        if (sz && fwrite(m->chunks[i].data, 1, sz, f) != sz) return -1;
        pos += sz;
    }
    return 0;
}

tac_status mf_close(mf_out *m, tac_error *err) {
    tac_status st = TAC_OK;
    char *tmp = NULL;
    if (m->open) remember(m, TAC_EINVAL, "a chunk is still open");
    if (m->failed) {
        st = err_set(err, m->failed, m->path, 0, -1, "model not written: %s", m->why);
        goto done;
    }
    size_t plen = strlen(m->path);
    tmp = tac_malloc(plen + 16);
    if (!tmp) { st = err_set(err, TAC_ENOMEM, m->path, 0, -1, "out of memory"); goto done; }
    memcpy(tmp, m->path, plen);
    memcpy(tmp + plen, ".tmpXXXXXX", 11);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        st = err_set(err, TAC_EIO, m->path, 0, -1, "cannot create a temporary file: %s", strerror(errno));
        tac_free(tmp);
        tmp = NULL;
        goto done;
    }
    (void)fchmod(fd, 0644);
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        st = err_set(err, TAC_EIO, m->path, 0, -1, "cannot write: %s", strerror(errno));
        goto done;
    }
    int bad = write_all(m, f);
    if (fflush(f)) bad = 1;
    if (fclose(f)) bad = 1;
    if (bad) { st = err_set(err, TAC_EIO, m->path, 0, -1, "write failed: %s", strerror(errno)); goto done; }
    if (rename(tmp, m->path)) {
        st = err_set(err, TAC_EIO, m->path, 0, -1, "cannot rename the temporary file: %s", strerror(errno));
        goto done;
    }
    tac_free(tmp);
    tmp = NULL;
done:
    if (tmp) { unlink(tmp); tac_free(tmp); }
    mf_abort(m);
    return st;
}

/* ---- reading ------------------------------------------------------------ */

void mf_free(mf_file *f) {
    if (!f) return;
    if (f->mapped) munmap(f->data, f->size);
    else tac_free(f->data);
    tac_free(f->chunks);
    tac_free(f);
}

/* Maps the file read-only: the pages come straight from the page cache,
 * with no copy and no zeroing of fresh memory, which is what loading cost
 * when the models were read into a buffer (19 MB: ~24 ms read, ~2 ms
 * mapped). The writer replaces files by rename, never in place, so a
 * mapping stays valid while a new model is written. Files that cannot be
 * mapped (empty, pipes) are read instead. */
static tac_status read_file(const char *path, mf_file *f, tac_error *err) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return err_set(err, TAC_EIO, path, 0, -1, "cannot open model: %s", strerror(errno));
    struct stat st;
    if (fstat(fileno(fp), &st) || st.st_size < 0 || (unsigned long long)st.st_size > SIZE_MAX - 1) {
        fclose(fp);
        return err_set(err, TAC_EIO, path, 0, -1, "cannot size model file");
    }
    size_t n = (size_t)st.st_size;
    if (n > 0 && S_ISREG(st.st_mode)) {
        int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
        flags |= MAP_POPULATE;  /* map every page now, in one call, not one fault each */
#endif
        void *p = mmap(NULL, n, PROT_READ, flags, fileno(fp), 0);
        if (p != MAP_FAILED) {
            fclose(fp);
            f->data = p;
            f->size = n;
            f->mapped = 1;
            return TAC_OK;
        }
    }
    unsigned char *buf = tac_malloc(n ? n : 1);
    if (!buf) { fclose(fp); return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory (%zu bytes)", n); }
    size_t got = fread(buf, 1, n, fp);
    int bad = ferror(fp);
    fclose(fp);
    if (bad || got != n) {
        tac_free(buf);
        return err_set(err, TAC_EIO, path, 0, (long long)got, "short read of model file");
    }
    f->data = buf;
    f->size = n;
    return TAC_OK;
}

/* Validates the header and table of f->data; fills kind and chunks. */
static tac_status parse_header(mf_file *f, const char *path, const char *kind, tac_error *err) {
    mf_cursor c;
    mf_cursor_init(&c, f->data, f->size);
    const unsigned char *magic = mf_get_bytes(&c, 4);
    if (!magic || memcmp(magic, MF_MAGIC, 4))
        return err_set(err, TAC_EFORMAT, path, 0, 0, "not a tacitus model (magic is not TACM)");
    uint32_t ver = mf_get_u32(&c);
    if (!c.ok) return err_set(err, TAC_EFORMAT, path, 0, 4, "truncated model header");
    if (ver != MF_VERSION)
        return err_set(err, TAC_EFORMAT, path, 0, 4, "model format version %u, this build reads %u",
                       ver, MF_VERSION);
    uint32_t klen = mf_get_u32(&c);
    if (!c.ok || klen == 0 || klen > MF_MAX_KIND)
        return err_set(err, TAC_EFORMAT, path, 0, 8, "truncated header or bad kind length %u", klen);
    const unsigned char *k = mf_get_bytes(&c, klen);
    if (!k) return err_set(err, TAC_EFORMAT, path, 0, 12, "truncated model kind");
    memcpy(f->kind, k, klen);
    f->kind[klen] = 0;
    if (memchr(k, 0, klen)) return err_set(err, TAC_EFORMAT, path, 0, 12, "NUL byte in model kind");
    if (kind && strcmp(f->kind, kind))
        return err_set(err, TAC_EFORMAT, path, 0, 12, "model kind is '%s', expected '%s'", f->kind, kind);
    size_t at = c.pos;
    uint32_t count = mf_get_u32(&c);
    if (!c.ok) return err_set(err, TAC_EFORMAT, path, 0, (long long)at, "truncated chunk count");
    if (count > MF_MAX_CHUNKS)
        return err_set(err, TAC_EFORMAT, path, 0, (long long)at, "too many chunks (%u)", count);
    f->chunks = tac_calloc(count ? count : 1, sizeof *f->chunks);
    if (!f->chunks) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    size_t table_end = c.pos + (size_t)count * MF_ENTRY;
    if (table_end > f->size)
        return err_set(err, TAC_EFORMAT, path, 0, (long long)f->size, "truncated chunk table");
    for (uint32_t i = 0; i < count; i++) {
        at = c.pos;
        const unsigned char *tag = mf_get_bytes(&c, 4);
        uint64_t off = mf_get_u64(&c), size = mf_get_u64(&c);
        if (!c.ok) return err_set(err, TAC_EFORMAT, path, 0, (long long)at, "truncated chunk table");
        if (off < table_end || off > f->size || size > f->size - off)
            return err_set(err, TAC_EFORMAT, path, 0, (long long)at,
                           "chunk '%.4s' [%llu, +%llu) lies outside the file (%zu bytes)",
                           (const char *)tag, (unsigned long long)off, (unsigned long long)size, f->size);
        for (uint32_t j = 0; j < i; j++)
            if (!memcmp(f->chunks[j].tag, tag, 4))
                return err_set(err, TAC_EFORMAT, path, 0, (long long)at, "duplicate chunk '%.4s'",
                               (const char *)tag);
        memcpy(f->chunks[i].tag, tag, 4);
        f->chunks[i].off = (size_t)off;
        f->chunks[i].size = (size_t)size;
    }
    f->nchunks = count;
    return TAC_OK;
}

tac_status mf_load(const char *path, const char *kind, mf_file **out, tac_error *err) {
    *out = NULL;
    mf_file *f = tac_calloc(1, sizeof *f);
    if (!f) return err_set(err, TAC_ENOMEM, path, 0, -1, "out of memory");
    tac_status st = read_file(path, f, err);
    if (st == TAC_OK) st = parse_header(f, path, kind, err);
    if (st != TAC_OK) { mf_free(f); return st; }
    *out = f;
    return TAC_OK;
}

const unsigned char *mf_chunk(const mf_file *f, const char tag[4], size_t *len) {
    for (size_t i = 0; i < f->nchunks; i++)
        if (!memcmp(f->chunks[i].tag, tag, 4)) {
            *len = f->chunks[i].size;
            return f->data + f->chunks[i].off;
        }
    *len = 0;
    return NULL;
}

const char *mf_kind(const mf_file *f) { return f->kind; }

long long mf_offset(const mf_file *f, const void *p) {
    const unsigned char *q = p;
    if (!f || !q || q < f->data || q > f->data + f->size) return -1;
    return (long long)(q - f->data);
}

/* ---- slot maps ---------------------------------------------------------- */

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "mf_scatter copies little-endian records as they are: port it before building here"
#endif

#define MF_MIN_SLOTS 64u
#define MF_MAX_SLOTS ((uint64_t)1 << 32)

int mf_put_slots(FILE *f, const void *t, size_t nslots, int (*occupied)(const void *t, size_t i)) {
    if (nslots < MF_MIN_SLOTS || (uint64_t)nslots > MF_MAX_SLOTS || (nslots & (nslots - 1)))
        return -1;
    size_t nused = 0;
    for (size_t i = 0; i < nslots; i++) nused += occupied(t, i) != 0;
    if (nused >= nslots || mf_put_u64(f, nslots) || mf_put_u64(f, nused)) return -1;
    for (size_t j = 0; j < nslots / 64; j++) {
        uint64_t w = 0;
        for (unsigned b = 0; b < 64; b++)
            if (occupied(t, 64 * j + b)) w |= (uint64_t)1 << b;
        if (mf_put_u64(f, w)) return -1;
    }
    return 0;
}

int mf_get_slots(mf_cursor *c, mf_slots *s) {
    memset(s, 0, sizeof *s);
    uint64_t ns = mf_get_u64(c), nu = mf_get_u64(c);
    if (!c->ok || ns < MF_MIN_SLOTS || ns > MF_MAX_SLOTS || ns > SIZE_MAX / 64 || (ns & (ns - 1)) ||
        nu >= ns) {
        c->ok = 0;
        return -1;
    }
    const unsigned char *bits = mf_get_bytes(c, (size_t)(ns / 8));
    if (!bits) return -1;
    uint64_t count = 0;
    for (size_t j = 0; j < ns / 64; j++) count += (uint64_t)__builtin_popcountll(rd64(bits + 8 * j));
    if (count != nu) { c->ok = 0; return -1; }
    s->bits = bits;
    s->nslots = (size_t)ns;
    s->nused = (size_t)nu;
    return 0;
}

/* The walk over the set bits, with the record size a constant where the
 * caller passes one, so that each copy is a single move. */
static inline void scatter_n(const mf_slots *s, unsigned char *dst, const unsigned char *src,
                             size_t size) {
    for (size_t j = 0; j < s->nslots / 64; j++) {
        uint64_t w = rd64(s->bits + 8 * j);
        while (w) {
            size_t i = 64 * j + (size_t)__builtin_ctzll(w);
            memcpy(dst + i * size, src, size);
            src += size;
            w &= w - 1;
        }
    }
}

void mf_scatter(const mf_slots *s, void *dst, const void *src, size_t size) {
    switch (size) {
    case 4: scatter_n(s, dst, src, 4); break;
    case 8: scatter_n(s, dst, src, 8); break;
    case 16: scatter_n(s, dst, src, 16); break;
    default: scatter_n(s, dst, src, size); break;
    }
}
