/* tables/table.c — schemas, extents and the row-at-a-time table builder.
 *
 * An extent stores each column as one typed array (bool bytes, int64, double,
 * guid) or, for string and dynamic columns, one offsets array plus one byte
 * buffer; a null bitmap exists only when some row is null. Nothing is
 * allocated per cell.
 *
 * The builder (tbuild) keeps growable per-column buffers for the pending rows
 * and writes each value straight into its slot. Sealing an extent hands those
 * buffers over to the extent (shrunk to size with realloc, which does not copy
 * large blocks) and computes min/max, so a 10-million-row load does one pass
 * over its values after the parser.
 *
 * KQL strings are never null (isnull() of a string is always false; a missing
 * string is empty), so a null written to a string column is stored as "" and
 * string columns never carry a null bitmap. Dynamic columns do keep nulls.
 *
 * Extents are reference-counted with atomic operations; a table holds one
 * reference to each of its extents.
 */
#include "tables/table.h"
#include "tables/term_index.h"
#include "tables/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Largest byte buffer of one string column in one extent before the builder
 * seals early: keeps offsets within uint32_t. */
#define BUILD_MAX_BYTES (1u << 30)
#define BUILD_FIRST_CAP 1024u

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* Bytes per value in the fixed-width array of a column of type t; 0 for
 * string and dynamic (offsets + bytes). */
static size_t col_width(htype t)
{
    switch (t) {
    case HT_BOOL:
        return 1;
    case HT_INT:
    case HT_LONG:
    case HT_DATETIME:
    case HT_TIMESPAN:
        return 8;
    case HT_REAL:
        return 8;
    case HT_GUID:
        return sizeof(hguid);
    case HT_STRING:
    case HT_DYNAMIC:
        return 0;
    default:
        return 8; /* HT_UNKNOWN: kept as an all-null int64 array */
    }
}

/* --- schema ---------------------------------------------------------------- */

void schema_init(hschema *s)
{
    s->ncols = 0;
    s->names = NULL;
    s->types = NULL;
}

void schema_add(hschema *s, const char *name, htype t)
{
    s->names = xrealloc(s->names, (size_t)(s->ncols + 1) * sizeof *s->names);
    s->types = xrealloc(s->types, (size_t)(s->ncols + 1) * sizeof *s->types);
    s->names[s->ncols] = xstrndup(name, strlen(name));
    s->types[s->ncols] = t;
    s->ncols++;
}

int schema_find(const hschema *s, const char *name, size_t n)
{
    for (int i = 0; i < s->ncols; i++)
        if (strncmp(s->names[i], name, n) == 0 && s->names[i][n] == 0)
            return i;
    return -1;
}

void schema_copy(hschema *dst, const hschema *src)
{
    schema_init(dst);
    for (int i = 0; i < src->ncols; i++)
        schema_add(dst, src->names[i], src->types[i]);
}

void schema_free(hschema *s)
{
    for (int i = 0; i < s->ncols; i++)
        free(s->names[i]);
    free(s->names);
    free(s->types);
    schema_init(s);
}

/* --- extents --------------------------------------------------------------- */

static void col_free(hcol *c)
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

void ext_ref(hextent *e)
{
    __atomic_add_fetch(&e->refs, 1, __ATOMIC_RELAXED);
}

void ext_unref(hextent *e)
{
    if (!e || __atomic_sub_fetch(&e->refs, 1, __ATOMIC_ACQ_REL) > 0)
        return;
    tix_extent_free(e);
    if (e->release) {
        e->release(e);
        return;
    }
    for (int i = 0; i < e->ncols; i++)
        col_free(&e->cols[i]);
    free(e->cols);
    free(e);
}

/* Fills c as a column of n rows that are all null (strings: all empty). */
static void col_make_null(hcol *c, htype t, uint32_t n)
{
    memset(c, 0, sizeof *c);
    c->type = t;
    if (ht_is_str(t)) {
        c->s.off = xcalloc((size_t)n + 1, sizeof(uint32_t));
        c->s.bytes = xmalloc(1);
        if (t == HT_STRING)
            return;
    } else {
        c->data = xcalloc(n, col_width(t));
    }
    if (n == 0)
        return;
    c->nullbits = xmalloc(((size_t)n + 7) / 8);
    memset(c->nullbits, 0xff, ((size_t)n + 7) / 8);
    c->nnull = n;
}

/* --- tables ---------------------------------------------------------------- */

htable *table_new(const char *name, const hschema *schema)
{
    htable *t = xcalloc(1, sizeof *t);
    t->name = xstrndup(name, strlen(name));
    schema_copy(&t->schema, schema);
    return t;
}

void table_free(htable *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->next; i++)
        ext_unref(t->ext[i]);
    free(t->ext);
    schema_free(&t->schema);
    free(t->name);
    free(t);
}

void table_add_extent(htable *t, hextent *e)
{
    if (t->next == t->extcap) {
        t->extcap = t->extcap ? 2 * t->extcap : 8;
        t->ext = xrealloc(t->ext, (size_t)t->extcap * sizeof *t->ext);
    }
    t->ext[t->next++] = e;
    t->nrows += e->nrows;
}

/* Extents are otherwise immutable; adding a column widens each one in place,
 * so it must not run while a query scans t. */
void table_add_column(htable *t, const char *name, htype type)
{
    schema_add(&t->schema, name, type);
    for (int i = 0; i < t->next; i++) {
        hextent *e = t->ext[i];
        e->cols = xrealloc(e->cols, (size_t)(e->ncols + 1) * sizeof *e->cols);
        col_make_null(&e->cols[e->ncols], type, e->nrows);
        e->ncols++;
    }
}

/* --- builder --------------------------------------------------------------- */

typedef struct bcol {
    htype type;
    size_t width;      /* bytes per value; 0 for string/dynamic */
    uint8_t *data;     /* fixed-width values, cap slots */
    uint32_t *off;     /* string/dynamic: cap + 1 offsets */
    char *bytes;       /* string/dynamic bytes */
    size_t nbytes;     /* bytes used, current row included */
    size_t bcap;       /* bytes allocated */
    size_t nextbcap;   /* byte capacity to start the next extent with */
    uint8_t *nullbits; /* TABLE_EXTENT_ROWS bits, allocated on the first null */
    uint32_t nnull;
    uint64_t gen; /* b->gen when last set: set in the current row */
} bcol;

struct tbuild {
    htable *t;
    int ncols;
    bcol *c;
    uint32_t n;   /* rows pending (ended) */
    uint32_t cap; /* row slots allocated in every column */
    uint32_t nextcap;
    uint64_t gen; /* identifies the current row */
    int64_t total;
    bool dict; /* offer string columns to col_dict_encode when sealing */
};

static void bcol_alloc_bytes(bcol *c)
{
    c->bcap = c->nextbcap ? c->nextbcap : 4096;
    c->bytes = xmalloc(c->bcap);
    c->nbytes = 0;
}

/* Gives every column room for cap rows. */
static void build_grow(tbuild *b, uint32_t cap)
{
    for (int i = 0; i < b->ncols; i++) {
        bcol *c = &b->c[i];
        if (c->width) {
            c->data = xrealloc(c->data, (size_t)cap * c->width);
        } else {
            c->off = xrealloc(c->off, ((size_t)cap + 1) * sizeof *c->off);
            if (!c->bytes)
                bcol_alloc_bytes(c);
        }
    }
    b->cap = cap;
}

tbuild *tbuild_new(htable *t)
{
    tbuild *b = xcalloc(1, sizeof *b);
    b->t = t;
    b->ncols = t->schema.ncols;
    b->c = xcalloc((size_t)(b->ncols ? b->ncols : 1), sizeof *b->c);
    for (int i = 0; i < b->ncols; i++) {
        b->c[i].type = t->schema.types[i];
        b->c[i].width = col_width(b->c[i].type);
    }
    b->gen = 1;
    b->dict = true;
    b->nextcap = BUILD_FIRST_CAP;
    build_grow(b, b->nextcap);
    for (int i = 0; i < b->ncols; i++)
        if (!b->c[i].width)
            b->c[i].off[0] = 0;
    return b;
}

tbuild *tbuild_new_scratch(htable *t)
{
    tbuild *b = tbuild_new(t);
    b->dict = false;
    return b;
}

static void bit_set(uint8_t *bits, uint32_t i)
{
    bits[i >> 3] |= (uint8_t)(1u << (i & 7));
}

static void bit_clear(uint8_t *bits, uint32_t i)
{
    bits[i >> 3] &= (uint8_t) ~(1u << (i & 7));
}

/* Marks column col of the current row set (not null) and returns it. A value
 * written twice in one row replaces the first; a null written before is
 * cleared. */
static bcol *bset(tbuild *b, int col)
{
    bcol *c = &b->c[col];
    if (c->gen == b->gen && c->nullbits && (c->nullbits[b->n >> 3] >> (b->n & 7) & 1)) {
        bit_clear(c->nullbits, b->n);
        c->nnull--;
    }
    c->gen = b->gen;
    return c;
}

static void bput_null(bcol *c, uint32_t row)
{
    if (c->width)
        memset(c->data + (size_t)row * c->width, 0, c->width);
    else
        c->nbytes = c->off[row];
    if (c->type == HT_STRING)
        return;
    if (!c->nullbits)
        c->nullbits = xcalloc(TABLE_EXTENT_ROWS / 8, 1);
    if (!(c->nullbits[row >> 3] >> (row & 7) & 1)) {
        bit_set(c->nullbits, row);
        c->nnull++;
    }
}

void tbuild_null(tbuild *b, int col)
{
    if (col < 0 || col >= b->ncols)
        return;
    bcol *c = bset(b, col);
    bput_null(c, b->n);
}

void tbuild_bool(tbuild *b, int col, bool v)
{
    if (col < 0 || col >= b->ncols)
        return;
    bcol *c = bset(b, col);
    if (c->type == HT_BOOL)
        c->data[b->n] = v ? 1 : 0;
    else
        bput_null(c, b->n); /* a value of the wrong type is dropped */
}

void tbuild_long(tbuild *b, int col, int64_t v)
{
    if (col < 0 || col >= b->ncols)
        return;
    bcol *c = bset(b, col);
    if (ht_is_int64(c->type))
        memcpy(c->data + (size_t)b->n * 8, &v, 8);
    else
        bput_null(c, b->n);
}

void tbuild_real(tbuild *b, int col, double v)
{
    if (col < 0 || col >= b->ncols)
        return;
    bcol *c = bset(b, col);
    if (c->type == HT_REAL)
        memcpy(c->data + (size_t)b->n * 8, &v, 8);
    else
        bput_null(c, b->n);
}

void tbuild_str(tbuild *b, int col, const char *p, size_t n)
{
    if (col < 0 || col >= b->ncols || b->c[col].width)
        return;
    bcol *c = bset(b, col);
    if (n > BUILD_MAX_BYTES)
        n = BUILD_MAX_BYTES; /* a single cell beyond 1 GB is cut */
    c->nbytes = c->off[b->n];
    if (c->nbytes + n > c->bcap) {
        while (c->nbytes + n > c->bcap)
            c->bcap *= 2;
        c->bytes = xrealloc(c->bytes, c->bcap);
    }
    if (n)
        memcpy(c->bytes + c->nbytes, p, n);
    c->nbytes += n;
}

void tbuild_guid(tbuild *b, int col, const hguid *g)
{
    if (col < 0 || col >= b->ncols)
        return;
    bcol *c = bset(b, col);
    if (c->type == HT_GUID)
        memcpy(c->data + (size_t)b->n * sizeof(hguid), g, sizeof(hguid));
    else
        bput_null(c, b->n);
}

/* Computes min/max over the non-null values of a sealed column. */
static void col_stats(hcol *c, uint32_t n)
{
    c->has_minmax = false;
    if (ht_is_int64(c->type)) {
        for (uint32_t i = 0; i < n; i++) {
            if (col_is_null(c, i))
                continue;
            int64_t v = c->i[i];
            if (!c->has_minmax) {
                c->imin = c->imax = v;
                c->has_minmax = true;
            } else if (v < c->imin) {
                c->imin = v;
            } else if (v > c->imax) {
                c->imax = v;
            }
        }
    } else if (c->type == HT_REAL) {
        for (uint32_t i = 0; i < n; i++) {
            double v = c->r[i];
            if (col_is_null(c, i) || v != v)
                continue;
            if (!c->has_minmax) {
                c->rmin = c->rmax = v;
                c->has_minmax = true;
            } else if (v < c->rmin) {
                c->rmin = v;
            } else if (v > c->rmax) {
                c->rmax = v;
            }
        }
    }
}

/* Moves the pending column buffers of b into a new extent of t; with again,
 * gives b fresh buffers for the next extent. */
static void build_seal(tbuild *b, bool again)
{
    uint32_t n = b->n;
    if (n == 0)
        return;
    hextent *e = xcalloc(1, sizeof *e);
    e->nrows = n;
    e->ncols = b->ncols;
    e->refs = 1;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    e->ingested = (int64_t)ts.tv_sec * HT_TICKS_PER_SEC + ts.tv_nsec / 100;
    e->cols = xcalloc((size_t)(b->ncols ? b->ncols : 1), sizeof *e->cols);
    for (int i = 0; i < b->ncols; i++) {
        bcol *bc = &b->c[i];
        hcol *c = &e->cols[i];
        c->type = bc->type;
        if (bc->width) {
            c->data = xrealloc(bc->data, (size_t)n * bc->width);
            bc->data = NULL;
        } else {
            c->s.off = xrealloc(bc->off, ((size_t)n + 1) * sizeof *bc->off);
            c->s.bytes = xrealloc(bc->bytes, bc->nbytes);
            bc->nextbcap = bc->nbytes > 4096 ? bc->nbytes + bc->nbytes / 8 : 4096;
            bc->off = NULL;
            bc->bytes = NULL;
            if (b->dict)
                col_dict_encode(c, n);
        }
        if (bc->nnull) {
            c->nullbits = xrealloc(bc->nullbits, ((size_t)n + 7) / 8);
            c->nnull = bc->nnull;
            bc->nullbits = NULL;
            bc->nnull = 0;
        }
        col_stats(c, n);
    }
    table_add_extent(b->t, e);
    b->n = 0;
    if (!again)
        return;
    b->nextcap = TABLE_EXTENT_ROWS; /* a table that filled one extent is big */
    build_grow(b, b->nextcap);
    for (int i = 0; i < b->ncols; i++)
        if (!b->c[i].width)
            b->c[i].off[0] = 0;
}

void tbuild_end_row(tbuild *b)
{
    bool big = false;
    for (int i = 0; i < b->ncols; i++) {
        bcol *c = &b->c[i];
        if (c->gen != b->gen)
            bput_null(c, b->n);
        if (!c->width) {
            c->off[b->n + 1] = (uint32_t)c->nbytes;
            big |= c->nbytes > BUILD_MAX_BYTES;
        }
    }
    b->gen++;
    b->n++;
    b->total++;
    if (b->n == TABLE_EXTENT_ROWS || big)
        build_seal(b, true);
    else if (b->n == b->cap)
        build_grow(b, b->cap * 2 < TABLE_EXTENT_ROWS ? b->cap * 2 : TABLE_EXTENT_ROWS);
}

void tbuild_cancel_row(tbuild *b)
{
    for (int i = 0; i < b->ncols; i++) {
        bcol *c = &b->c[i];
        if (c->gen != b->gen)
            continue;
        if (!c->width)
            c->nbytes = c->off[b->n];
        if (c->nullbits && (c->nullbits[b->n >> 3] >> (b->n & 7) & 1)) {
            bit_clear(c->nullbits, b->n);
            c->nnull--;
        }
    }
    b->gen++;
}

void tbuild_finish(tbuild *b)
{
    if (!b)
        return;
    build_seal(b, false);
    for (int i = 0; i < b->ncols; i++) {
        bcol *c = &b->c[i];
        free(c->data);
        free(c->off);
        free(c->bytes);
        free(c->nullbits);
    }
    free(b->c);
    free(b);
}

int64_t tbuild_rows(const tbuild *b)
{
    return b->total;
}
