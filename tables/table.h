/* tables/table.h — columnar tables: schemas, immutable extents, builders.
 *
 * A table is a schema plus a list of extents. An extent is an immutable chunk
 * of rows stored column by column (MonetDB BAT style): a typed array, a null
 * bitmap (NULL when the column has no nulls), and min/max of its values so a
 * scan can skip the extent when a filter cannot match. Strings and dynamic
 * values live in one arena per column: offsets[n+1] into a byte buffer, no
 * allocation per cell.
 *
 * A string column of an extent may be dictionary-encoded (col_dict_encode,
 * chosen when it saves memory): codes[i] names row i's value, and off/bytes
 * then hold the extent's distinct values (ndict of them) instead of one
 * string per row. col_str reads either form; code that walks off/bytes
 * itself must check codes first.
 *
 * Extents are reference-counted: a running query pins the extents it scans
 * (ext_ref/ext_unref) while an ingest appends new ones.
 *
 * A tbuild appends rows (a value per column, then tbuild_end_row) and seals
 * an extent every TABLE_EXTENT_ROWS rows and at tbuild_finish.
 *
 * Ownership: htable owns its schema and extents (table_free). Extents own
 * their column arrays, or, with a release hook, the mapping that holds them
 * (tables/extent_io.c maps extent files).
 */
#ifndef HUNT_TABLE_H
#define HUNT_TABLE_H

#include "types.h"

#define TABLE_EXTENT_ROWS 65536

typedef struct hschema {
    int ncols;
    char **names; /* malloc'd, NUL-terminated */
    htype *types;
} hschema;

void schema_init(hschema *s);
void schema_add(hschema *s, const char *name, htype t);
int schema_find(const hschema *s, const char *name, size_t n); /* -1 when absent */
void schema_copy(hschema *dst, const hschema *src);
void schema_free(hschema *s);

typedef struct hcol {
    htype type;
    uint8_t *nullbits; /* bit i set = row i null; NULL when no row is null */
    union {
        uint8_t *b;
        int64_t *i;
        double *r;
        hguid *g;
        struct {
            uint32_t *off; /* n+1 offsets into bytes (strings, dynamic) */
            char *bytes;
            /* Dictionary-encoded strings (HT_STRING only): row i holds
             * value codes[i]; off has ndict+1 entries. NULL: plain. dhash
             * holds each entry's XXH3_64bits (the engine's value_hash). */
            uint16_t *codes;
            uint64_t *dhash;
            uint32_t ndict;
        } s;
        void *data;
    };
    /* Statistics over the non-null values; has_minmax false when all null
     * or the type has none. int64 types use imin/imax, real rmin/rmax. */
    bool has_minmax;
    int64_t imin, imax;
    double rmin, rmax;
    uint32_t nnull;
} hcol;

static inline bool col_is_null(const hcol *c, uint32_t i)
{
    return c->nullbits && (c->nullbits[i >> 3] >> (i & 7) & 1);
}
static inline hstr col_str(const hcol *c, uint32_t i)
{
    uint32_t k = c->s.codes ? c->s.codes[i] : i;
    hstr s = {c->s.bytes + c->s.off[k], c->s.off[k + 1] - c->s.off[k]};
    return s;
}
/* Entries in off/bytes of a string column of n rows: n, or ndict. */
static inline uint32_t col_str_entries(const hcol *c, uint32_t n)
{
    return c->s.codes ? c->s.ndict : n;
}
/* Bytes of string data a string column of n rows holds (its dictionary's
 * when encoded). */
static inline uint32_t col_str_bytes(const hcol *c, uint32_t n)
{
    return c->s.off[col_str_entries(c, n)];
}
/* The sum of the lengths of the n rows' strings (a dictionary's entries
 * counted once per row that holds them). */
uint64_t col_str_row_bytes(const hcol *c, uint32_t n);
/* Dictionary-encodes string column c of n rows in place when that saves at
 * least a fifth of its memory; returns whether it did (tables/col_dict.c). */
bool col_dict_encode(hcol *c, uint32_t n);

typedef struct hextent {
    uint32_t nrows;
    int ncols;
    hcol *cols;
    int refs;
    /* Ownership hook. NULL (an extent built in memory): the column arrays,
     * cols and the extent are malloc'd and ext_unref frees them. Set (an
     * extent whose arrays live in `backing`, e.g. a mapped extent file):
     * ext_unref calls release(e) instead, which frees all of it. */
    void (*release)(struct hextent *e);
    void *backing;
    /* When hunt ingested these rows (sealed in memory, or the extent file's
     * write time for a workspace): 100 ns ticks since 1970; 0 = unknown.
     * KQL's ingestion_time() reads it. */
    int64_t ingested;
    /* Term indexes of string columns, for `has` (tables/term_index.c);
     * NULL until one is built. Freed by ext_unref. */
    struct tix_slots *tix;
} hextent;

void ext_ref(hextent *e);
void ext_unref(hextent *e); /* frees at zero (through e->release when set) */

typedef struct htable {
    char *name;
    hschema schema;
    hextent **ext;
    int next, extcap;
    int64_t nrows;
} htable;

htable *table_new(const char *name, const hschema *schema); /* copies schema */
void table_free(htable *t);
void table_add_extent(htable *t, hextent *e); /* takes the caller's reference */
/* Adds a column (all null in existing extents) — used when a schema grows. */
void table_add_column(htable *t, const char *name, htype type);

/* --- building ----------------------------------------------------------- */

typedef struct tbuild tbuild;

tbuild *tbuild_new(htable *t); /* appends to t; t must outlive the builder */
/* A builder for a query's intermediate table (a join's build side, sorted
 * rows, a materialized result): it lives for one query, so its strings are
 * not dictionary-encoded (col_dict_encode would cost more than it saves). */
tbuild *tbuild_new_scratch(htable *t);
void tbuild_null(tbuild *b, int col);
void tbuild_bool(tbuild *b, int col, bool v);
void tbuild_long(tbuild *b, int col, int64_t v); /* int, long, datetime, timespan */
void tbuild_real(tbuild *b, int col, double v);
void tbuild_str(tbuild *b, int col, const char *p, size_t n); /* string or encoded dynamic */
void tbuild_guid(tbuild *b, int col, const hguid *g);
/* Ends a row: columns not set in it are null. */
void tbuild_end_row(tbuild *b);
/* Drops the values set since the last end_row (a rejected record). */
void tbuild_cancel_row(tbuild *b);
/* Seals the pending rows into an extent of t and frees the builder. */
void tbuild_finish(tbuild *b);
int64_t tbuild_rows(const tbuild *b); /* rows ended so far */

#endif
