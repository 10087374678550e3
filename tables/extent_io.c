/* tables/extent_io.c — writes and reads extent files (see extent_io.h).
 *
 * Writing computes the whole layout first (header, column directory, names,
 * then one 8-aligned section per array), then streams the arrays straight
 * from the extent with write(2), hashing them on the way; the file is born
 * as PATH.tmp, fsynced, and renamed, so PATH either does not exist or is
 * complete. Reading maps the file (read-only, shared with the page cache),
 * checks every offset and length against the file size (and the checksum
 * when asked), and points the extent's arrays straight into the mapping: no
 * copy, so pages are read when a query touches them. The extent's release
 * hook (tables/table.h) unmaps the file and frees what is not in it: columns
 * the file lacks (made all-null) and columns a schema change added later.
 */
#include "tables/extent_io.h"
#include "tables/term_index.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#define XMAGIC 0x31545845544E5548ULL /* "HUNTEXT1" little-endian */
#define XEND 0x31444E45544E5548ULL   /* "HUNTEND1" */
#define XVERSION 3 /* 2: the term-index section; 3: dictionary columns; 1 and 2 still read */
#define XF_HAS_MINMAX 1u
#define XF_DICT 2u /* a dictionary-encoded string column: codes in data, entries in soff/bytes */

typedef struct xhdr {
    uint64_t magic, version, ncols, nrows, flags, file_size;
    uint64_t names_off, names_len, keys_off, keys_len;
    uint64_t tix_off, tix_len; /* version 2: term indexes (0, 0: none) */
    uint64_t reserved[4];
} xhdr;

typedef struct xcoldesc {
    uint64_t type, flags, nnull, name_off, name_len;
    int64_t imin, imax;
    double rmin, rmax;
    uint64_t data_off, data_len, null_off, null_len, soff_off, soff_len, bytes_off, bytes_len;
    uint64_t dhash_off; /* XF_DICT: the entries' hashes (8 bytes each); 0 before version 3 */
} xcoldesc;

static uint64_t pad8(uint64_t n)
{
    return (n + 7) & ~(uint64_t)7;
}

static size_t type_width(htype t)
{
    switch (t) {
    case HT_BOOL:
        return 1;
    case HT_GUID:
        return sizeof(hguid);
    case HT_STRING:
    case HT_DYNAMIC:
        return 0;
    default:
        return 8;
    }
}

/* --- writing --------------------------------------------------------------- */

typedef struct xwriter {
    int fd;
    uint64_t at;
    XXH64_state_t *h;
    bool failed;
} xwriter;

static void xw_put(xwriter *w, const void *p, size_t n)
{
    static const char zeros[8];
    const char *q = p ? p : zeros;
    XXH64_update(w->h, q, n);
    while (n > 0 && !w->failed) {
        ssize_t r = write(w->fd, q, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            w->failed = true;
            return;
        }
        q += r;
        n -= (size_t)r;
        w->at += (uint64_t)r;
    }
}

/* Writes n bytes then zero padding up to the next multiple of 8. */
static void xw_section(xwriter *w, const void *p, size_t n)
{
    static const char zeros[8];
    xw_put(w, p, n);
    if (pad8(n) != n)
        xw_put(w, zeros, (size_t)(pad8(n) - n));
}

/* Fills the directory entry of column c and advances *at past its sections. */
static void layout_column(xcoldesc *d, const hcol *c, uint32_t nrows, uint64_t *at)
{
    memset(d, 0, sizeof *d);
    d->type = (uint64_t)c->type;
    d->flags = c->has_minmax ? XF_HAS_MINMAX : 0;
    d->nnull = c->nnull;
    d->imin = c->imin;
    d->imax = c->imax;
    d->rmin = c->rmin;
    d->rmax = c->rmax;
    if (ht_is_str(c->type)) {
        uint32_t entries = col_str_entries(c, nrows);
        d->soff_off = *at;
        d->soff_len = ((uint64_t)entries + 1) * 4;
        *at += pad8(d->soff_len);
        d->bytes_off = *at;
        d->bytes_len = c->s.off[entries];
        *at += pad8(d->bytes_len);
        if (c->s.codes) {
            d->flags |= XF_DICT;
            d->data_off = *at;
            d->data_len = (uint64_t)nrows * sizeof *c->s.codes;
            *at += pad8(d->data_len);
            d->dhash_off = *at;
            *at += (uint64_t)entries * 8;
        }
    } else {
        d->data_off = *at;
        d->data_len = (uint64_t)nrows * type_width(c->type);
        *at += pad8(d->data_len);
    }
    if (c->nullbits) {
        d->null_off = *at;
        d->null_len = ((uint64_t)nrows + 7) / 8;
        *at += pad8(d->null_len);
    }
}

static void write_column(xwriter *w, const xcoldesc *d, const hcol *c)
{
    if (ht_is_str(c->type)) {
        xw_section(w, c->s.off, (size_t)d->soff_len);
        xw_section(w, c->s.bytes, (size_t)d->bytes_len);
        if (c->s.codes) {
            xw_section(w, c->s.codes, (size_t)d->data_len);
            xw_section(w, c->s.dhash, (size_t)c->s.ndict * 8);
        }
    } else {
        xw_section(w, c->data, (size_t)d->data_len);
    }
    if (c->nullbits)
        xw_section(w, c->nullbits, (size_t)d->null_len);
}

static int fsync_dir_of(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* The term indexes to write with e: the built ones, else built now for its
 * text columns (tables/term_index.h). Fills tix[ncols] (owned[i]: built
 * here, to free) and returns the section's length (0: no index at all). */
static uint64_t gather_indexes(const hextent *e, int ncols, const term_index **tix, bool *owned)
{
    uint64_t len = 0;
    for (int i = 0; i < ncols; i++) {
        tix[i] = tix_peek(e, i);
        owned[i] = false;
        if (!tix[i] && tix_enabled()) {
            tix[i] = tix_build_text(&e->cols[i], e->nrows);
            owned[i] = tix[i] != NULL;
        }
        if (tix[i])
            len += tix_blob_size(tix[i]);
    }
    return len ? len + 16 * (uint64_t)ncols : 0;
}

static void free_indexes(const term_index **tix, bool *owned, int ncols)
{
    for (int i = 0; i < ncols; i++)
        if (owned[i])
            tix_free((term_index *)tix[i]);
    free(tix);
    free(owned);
}

/* Writes the term-index section: ncols (offset, length) pairs, then the
 * blobs, at file offset at. */
static void write_indexes(xwriter *w, const term_index **tix, int ncols, uint64_t at)
{
    uint64_t pos = at + 16 * (uint64_t)ncols;
    for (int i = 0; i < ncols; i++) {
        uint64_t pair[2] = {tix[i] ? pos : 0, tix[i] ? tix_blob_size(tix[i]) : 0};
        xw_put(w, pair, sizeof pair);
        pos += pair[1];
    }
    for (int i = 0; i < ncols; i++) {
        if (!tix[i])
            continue;
        size_t n = tix_blob_size(tix[i]);
        void *blob = malloc(n);
        if (!blob)
            abort();
        tix_blob_write(tix[i], blob);
        xw_put(w, blob, n);
        free(blob);
    }
}

int ext_write_file(const char *path, const hextent *e, const hschema *s, const uint64_t *keys,
                   uint64_t *checksum, char *err, size_t errcap)
{
    int ncols = e->ncols < s->ncols ? e->ncols : s->ncols;
    xhdr h = {0};
    h.magic = XMAGIC;
    h.version = XVERSION;
    h.ncols = (uint64_t)ncols;
    h.nrows = e->nrows;
    xcoldesc *dir = calloc((size_t)(ncols ? ncols : 1), sizeof *dir);
    if (!dir)
        abort();
    uint64_t names_len = 0;
    for (int i = 0; i < ncols; i++)
        names_len += strlen(s->names[i]);
    h.names_off = sizeof h + (uint64_t)ncols * sizeof *dir;
    h.names_len = names_len;
    uint64_t at = h.names_off + pad8(names_len), noff = 0;
    for (int i = 0; i < ncols; i++) {
        layout_column(&dir[i], &e->cols[i], e->nrows, &at);
        dir[i].name_off = h.names_off + noff;
        dir[i].name_len = strlen(s->names[i]);
        noff += dir[i].name_len;
    }
    if (keys) {
        h.keys_off = at;
        h.keys_len = (uint64_t)e->nrows * 8;
        at += h.keys_len;
    }
    const term_index **tix = calloc((size_t)(ncols ? ncols : 1), sizeof *tix);
    bool *owned = calloc((size_t)(ncols ? ncols : 1), sizeof *owned);
    if (!tix || !owned)
        abort();
    h.tix_len = gather_indexes(e, ncols, tix, owned);
    h.tix_off = h.tix_len ? at : 0;
    at += h.tix_len;
    h.file_size = at + 16;

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    xwriter w = {.fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
    if (w.fd < 0) {
        snprintf(err, errcap, "%s: cannot create: %s", tmp, strerror(errno));
        free(dir);
        free_indexes(tix, owned, ncols);
        return -1;
    }
    w.h = XXH64_createState();
    XXH64_reset(w.h, 0);
    xw_put(&w, &h, sizeof h);
    xw_put(&w, dir, (size_t)ncols * sizeof *dir);
    for (int i = 0; i < ncols; i++)
        xw_put(&w, s->names[i], (size_t)dir[i].name_len);
    if (pad8(names_len) != names_len)
        xw_put(&w, NULL, (size_t)(pad8(names_len) - names_len));
    for (int i = 0; i < ncols; i++)
        write_column(&w, &dir[i], &e->cols[i]);
    if (keys)
        xw_put(&w, keys, (size_t)h.keys_len);
    if (h.tix_len)
        write_indexes(&w, tix, ncols, h.tix_off);
    free_indexes(tix, owned, ncols);
    uint64_t foot[2] = {XXH64_digest(w.h), XEND};
    if (!w.failed && write(w.fd, foot, sizeof foot) != (ssize_t)sizeof foot)
        w.failed = true;
    XXH64_freeState(w.h);
    free(dir);
    int saved = errno;
    if (w.failed || fsync(w.fd) != 0) {
        snprintf(err, errcap, "%s: cannot write: %s", tmp, strerror(saved ? saved : errno));
        close(w.fd);
        unlink(tmp);
        return -1;
    }
    close(w.fd);
    if (rename(tmp, path) != 0 || fsync_dir_of(path) != 0) {
        snprintf(err, errcap, "%s: cannot rename into place: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    if (checksum)
        *checksum = foot[0];
    return 0;
}

/* --- reading --------------------------------------------------------------- */

typedef struct xmap {
    const char *p;
    size_t n;
    const xhdr *h;
    const xcoldesc *dir;
} xmap;

static bool fail(char *err, size_t cap, const char *path, const char *why)
{
    snprintf(err, cap, "%s: %s", path, why);
    return false;
}

static bool in_file(const xmap *m, uint64_t off, uint64_t len)
{
    return off <= m->n && len <= m->n - off;
}

/* Checks that column d's sections lie in the file and agree with nrows. */
static bool check_column(const xmap *m, const xcoldesc *d, uint64_t nrows)
{
    if (d->type == HT_UNKNOWN || d->type >= HT__COUNT || !in_file(m, d->name_off, d->name_len))
        return false;
    htype t = (htype)d->type;
    if (d->null_len && (d->null_len != (nrows + 7) / 8 || !in_file(m, d->null_off, d->null_len)))
        return false;
    if (!ht_is_str(t))
        return d->data_len == nrows * type_width(t) && in_file(m, d->data_off, d->data_len) &&
               d->data_off % 8 == 0;
    uint64_t entries = nrows;
    if (d->flags & XF_DICT) {
        entries = d->soff_len / 4 - 1;
        if (t != HT_STRING || d->soff_len < 4 || entries > 65536 || d->data_len != nrows * 2 ||
            !in_file(m, d->data_off, d->data_len) || d->data_off % 8 != 0 ||
            !in_file(m, d->dhash_off, entries * 8) || d->dhash_off % 8 != 0)
            return false;
    }
    if (d->soff_len != (entries + 1) * 4 || !in_file(m, d->soff_off, d->soff_len) ||
        !in_file(m, d->bytes_off, d->bytes_len) || d->soff_off % 8 != 0)
        return false;
    const uint32_t *off = (const uint32_t *)(m->p + d->soff_off);
    if (off[0] != 0 || off[entries] != d->bytes_len)
        return false;
    for (uint64_t i = 0; i < entries; i++)
        if (off[i] > off[i + 1])
            return false;
    if (d->flags & XF_DICT) {
        const uint16_t *code = (const uint16_t *)(m->p + d->data_off);
        for (uint64_t i = 0; i < nrows; i++)
            if (code[i] >= entries)
                return false;
    }
    return true;
}

/* The term-index pairs of a version 2 file, or NULL (none). */
static const uint64_t *index_pairs(const xmap *m)
{
    return m->h->version >= 2 && m->h->tix_len ? (const uint64_t *)(m->p + m->h->tix_off) : NULL;
}

/* Checks that the term-index section and each blob lie in the file (the
 * blobs themselves are checked when mapped: tix_view). */
static bool check_indexes(const xmap *m)
{
    if (m->h->version < 2 || !m->h->tix_len)
        return true;
    if (m->h->tix_off % 8 || !in_file(m, m->h->tix_off, m->h->tix_len) ||
        m->h->tix_len < 16 * m->h->ncols)
        return false;
    const uint64_t *pair = index_pairs(m);
    for (uint64_t i = 0; i < m->h->ncols; i++)
        if (pair[2 * i + 1] && (pair[2 * i] % 8 || !in_file(m, pair[2 * i], pair[2 * i + 1])))
            return false;
    return true;
}

/* Maps path and validates the whole structure. m->p is NULL on failure. */
static bool xmap_open(xmap *m, const char *path, bool verify, char *err, size_t cap)
{
    memset(m, 0, sizeof *m);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(err, cap, path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || sb.st_size < (off_t)(sizeof(xhdr) + 16)) {
        close(fd);
        return fail(err, cap, path, "not an extent file (too short)");
    }
    void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return fail(err, cap, path, strerror(errno));
    m->p = p;
    m->n = (size_t)sb.st_size;
    m->h = (const xhdr *)m->p;
    uint64_t foot[2];
    memcpy(foot, m->p + m->n - 16, sizeof foot);
    const char *why = NULL;
    if (m->n % 8 != 0)
        why = "file size differs from its header (truncated?)";
    else if (m->h->magic != XMAGIC || foot[1] != XEND)
        why = "not an extent file (bad magic)";
    else if (m->h->version < 1 || m->h->version > XVERSION)
        why = "unsupported extent file version";
    else if (m->h->file_size != m->n)
        why = "file size differs from its header (truncated?)";
    else if (m->h->ncols > 100000 || m->h->nrows > UINT32_MAX ||
             !in_file(m, sizeof(xhdr), m->h->ncols * sizeof(xcoldesc)))
        why = "corrupt header";
    else if (verify && XXH64(m->p, m->n - 16, 0) != foot[0])
        why = "checksum mismatch";
    else if (m->h->keys_len && (m->h->keys_len != m->h->nrows * 8 ||
                                !in_file(m, m->h->keys_off, m->h->keys_len) || m->h->keys_off % 8))
        why = "corrupt key section";
    m->dir = (const xcoldesc *)(m->p + sizeof(xhdr));
    for (uint64_t i = 0; !why && i < m->h->ncols; i++)
        if (!check_column(m, &m->dir[i], m->h->nrows))
            why = "corrupt column directory";
    if (!why && !check_indexes(m))
        why = "corrupt term-index section";
    if (why) {
        munmap((void *)m->p, m->n);
        m->p = NULL;
        return fail(err, cap, path, why);
    }
    return true;
}

static void xmap_close(xmap *m)
{
    if (m->p)
        munmap((void *)m->p, m->n);
}

static void *copy_out(const xmap *m, uint64_t off, uint64_t len)
{
    void *q = malloc(len ? (size_t)len : 1);
    if (!q)
        abort();
    if (len)
        memcpy(q, m->p + off, (size_t)len);
    return q;
}

/* What a mapped extent owns: the mapping, and which of its first ncols
 * columns point into it (the others, and columns added later, are malloc'd). */
typedef struct xbacking {
    void *p;
    size_t n;
    int ncols;
    bool mapped[];
} xbacking;

static void free_column(hcol *c)
{
    free(c->nullbits);
    if (ht_is_str(c->type)) {
        free(c->s.off);
        free(c->s.bytes);
        free(c->s.codes);
        free(c->s.dhash);
    } else {
        free(c->data);
    }
}

/* The release hook of a mapped extent (see hextent in tables/table.h). */
static void mapped_release(hextent *e)
{
    xbacking *b = e->backing;
    for (int i = 0; i < e->ncols; i++)
        if (i >= b->ncols || !b->mapped[i])
            free_column(&e->cols[i]);
    munmap(b->p, b->n);
    free(b);
    free(e->cols);
    free(e);
}

/* An all-null column (strings: all empty) of n rows. */
static void null_column(hcol *c, htype t, uint32_t n)
{
    memset(c, 0, sizeof *c);
    c->type = t;
    if (ht_is_str(t)) {
        c->s.off = calloc((size_t)n + 1, sizeof(uint32_t));
        c->s.bytes = malloc(1);
        if (!c->s.off || !c->s.bytes)
            abort();
        if (t == HT_STRING)
            return;
    } else {
        size_t w = type_width(t);
        c->data = calloc(n ? n : 1, w);
        if (!c->data)
            abort();
    }
    if (n == 0)
        return;
    c->nullbits = malloc(((size_t)n + 7) / 8);
    if (!c->nullbits)
        abort();
    memset(c->nullbits, 0xff, ((size_t)n + 7) / 8);
    c->nnull = n;
}

/* Points column c at its sections in the mapping (validated by xmap_open;
 * the arrays are read-only). */
static void map_column(hcol *c, const xmap *m, const xcoldesc *d)
{
    char *base = (char *)m->p; /* the extent API is not const; nothing writes */
    memset(c, 0, sizeof *c);
    c->type = (htype)d->type;
    if (ht_is_str(c->type)) {
        c->s.off = (uint32_t *)(void *)(base + d->soff_off);
        c->s.bytes = base + d->bytes_off;
        if (d->flags & XF_DICT) {
            c->s.codes = (uint16_t *)(void *)(base + d->data_off);
            c->s.ndict = (uint32_t)(d->soff_len / 4 - 1);
            c->s.dhash = (uint64_t *)(void *)(base + d->dhash_off);
        }
    } else {
        c->data = base + d->data_off;
    }
    if (d->null_len) {
        c->nullbits = (uint8_t *)(base + d->null_off);
        c->nnull = (uint32_t)d->nnull;
    }
    c->has_minmax = d->flags & XF_HAS_MINMAX;
    c->imin = d->imin;
    c->imax = d->imax;
    c->rmin = d->rmin;
    c->rmax = d->rmax;
}

/* Attaches the term index of file column j (when the file has a sound one)
 * to column i of e; without one, a query builds it when it needs it. */
static void map_index(hextent *e, int i, const xmap *m, int j)
{
    const uint64_t *pair = index_pairs(m);
    if (!pair || !pair[2 * j + 1] || e->cols[i].type != HT_STRING || !tix_enabled())
        return;
    term_index *ix = tix_view(m->p + pair[2 * j], (size_t)pair[2 * j + 1], e->nrows);
    if (ix)
        tix_attach(e, i, ix);
}

static int find_column(const xmap *m, const char *name)
{
    size_t n = strlen(name);
    for (uint64_t i = 0; i < m->h->ncols; i++)
        if (m->dir[i].name_len == n && memcmp(m->p + m->dir[i].name_off, name, n) == 0)
            return (int)i;
    return -1;
}

hextent *ext_read_file(const char *path, const hschema *s, bool verify, char *err, size_t errcap)
{
    xmap m;
    if (!xmap_open(&m, path, verify, err, errcap))
        return NULL;
    hextent *e = calloc(1, sizeof *e);
    xbacking *b = calloc(1, sizeof *b + (size_t)s->ncols * sizeof(bool));
    hcol *cols = calloc((size_t)(s->ncols ? s->ncols : 1), sizeof *cols);
    if (!e || !b || !cols)
        abort();
    /* extent files are written once, at ingest: their time is the rows' ingestion time */
    struct stat st;
    if (stat(path, &st) == 0)
        e->ingested = (int64_t)st.st_mtim.tv_sec * HT_TICKS_PER_SEC + st.st_mtim.tv_nsec / 100;
    e->cols = cols;
    e->nrows = (uint32_t)m.h->nrows;
    e->ncols = s->ncols;
    e->refs = 1;
    b->p = (void *)m.p;
    b->n = m.n;
    b->ncols = s->ncols;
    for (int i = 0; i < s->ncols; i++) {
        int j = find_column(&m, s->names[i]);
        b->mapped[i] = j >= 0 && m.dir[j].type == (uint64_t)s->types[i];
        if (b->mapped[i])
            map_column(&e->cols[i], &m, &m.dir[j]);
        else
            null_column(&e->cols[i], s->types[i], e->nrows);
        if (b->mapped[i])
            map_index(e, i, &m, j);
    }
    e->release = mapped_release;
    e->backing = b;
    return e;
}

int ext_read_keys(const char *path, uint64_t **keys, uint32_t *n, char *err, size_t errcap)
{
    xmap m;
    *keys = NULL;
    *n = 0;
    if (!xmap_open(&m, path, false, err, errcap))
        return -1;
    *n = (uint32_t)m.h->nrows;
    if (m.h->keys_len)
        *keys = copy_out(&m, m.h->keys_off, m.h->keys_len);
    xmap_close(&m);
    return 0;
}

int ext_check_file(const char *path, uint32_t *nrows, uint64_t *checksum, char *err, size_t errcap)
{
    xmap m;
    if (!xmap_open(&m, path, true, err, errcap))
        return -1;
    if (nrows)
        *nrows = (uint32_t)m.h->nrows;
    if (checksum)
        memcpy(checksum, m.p + m.n - 16, sizeof *checksum);
    xmap_close(&m);
    return 0;
}
