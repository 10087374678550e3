/* tables/term_index.h — per-extent term indexes of string columns, for `has`.
 *
 * Kusto answers `has` from a term index: every string value is split into
 * terms (maximal runs of ASCII letters and digits) and each term of three
 * characters or more is indexed. hunt keeps one such index per extent and
 * string column: the sorted 32-bit hashes of the lowercased terms, each with
 * the ascending list of rows (uint16: an extent holds at most 65,536 rows)
 * whose value holds the term. Only hashes are kept, so a lookup may return
 * rows of another term with the same hash: the index only narrows the rows
 * a scan reads, and the exact kernel (engine/expr.c) decides every row.
 *
 * When indexes are built:
 *  - a workspace writes the indexes of an extent's text columns (values of
 *    TIX_TEXT_MIN..TIX_TEXT_MAX bytes on average, not mostly distinct terms)
 *    into its extent file when it ingests it (tables/extent_io.c); opening
 *    the workspace maps them, so they cost neither time nor memory up front;
 *  - any other column of a catalog extent (every column of a table loaded
 *    into memory, and of extent files written before version 2) is indexed
 *    by the first query that asks for it (tix_get) and cached on the extent:
 *    that query pays for the build, later ones use it.
 * HUNT_TERM_INDEX=0 turns the index off (every scan reads every row).
 *
 * Ownership: an extent owns its indexes (e->tix); ext_unref frees them with
 * tix_extent_free. Indexes are published with atomic compare-and-swap, so
 * concurrent queries may race to build one; the loser frees its copy.
 */
#ifndef HUNT_TERM_INDEX_H
#define HUNT_TERM_INDEX_H

#include "table.h"

#define TIX_MIN_TERM 3   /* shorter terms are not indexed: such a `has` scans */
#define TIX_TEXT_MIN 24  /* background indexing: average bytes per value ... */
#define TIX_TEXT_MAX 512 /* ... within this range */

typedef struct term_index term_index;

/* Kusto's term characters: ASCII letters and digits. */
static inline bool tix_is_term_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The case-insensitive hash of the term p[0..n) (term characters only). */
uint32_t tix_hash(const char *p, uint32_t n);

/* Builds the index of string column c of an extent of n rows. Returns a
 * malloc'd index (free with tix_free), or NULL when c is not a string column
 * or n exceeds TABLE_EXTENT_ROWS. */
term_index *tix_build(const hcol *c, uint32_t n);
void tix_free(term_index *ix);
size_t tix_bytes(const term_index *ix); /* memory held */

/* The postings of one term: a list of rows (ascending, no repeats), or a
 * bitmap of nrows bits for a term in many rows. Both point into the index. */
typedef struct tix_post {
    uint32_t n; /* rows */
    const uint16_t *rows;
    const uint16_t *bits;
    uint32_t nrows;
} tix_post;

/* The rows whose value may hold a term hashing to h, in *out. Returns their
 * count (0: no row holds the term). */
uint32_t tix_lookup(const term_index *ix, uint32_t h, tix_post *out);
/* Writes p's rows (p->n of them, ascending) to rows; returns the count. */
uint32_t tix_post_rows(const tix_post *p, uint32_t *rows);

/* The index of column col of e, building and caching it when missing (safe
 * from several threads). NULL when disabled or col is not a string column. */
const term_index *tix_get(hextent *e, int col);
/* The index of column col of e when one is built already, else NULL. */
const term_index *tix_peek(const hextent *e, int col);

/* Is c, a column of an extent of nrows rows, text worth indexing when the
 * extent is written: a string column of TIX_TEXT_MIN..TIX_TEXT_MAX bytes per
 * value on average? */
bool tix_wanted(const hcol *c, uint32_t nrows);
/* tix_build for a wanted column, NULL otherwise, or when the index would be
 * mostly distinct terms (identifiers: about a third of the text's size). */
term_index *tix_build_text(const hcol *c, uint32_t nrows);

/* Serializing for extent files: the blob's size (a multiple of 8) and its
 * bytes (out holds tix_blob_size(ix) bytes). */
size_t tix_blob_size(const term_index *ix);
void tix_blob_write(const term_index *ix, void *out);
/* An index over a blob in memory that outlives it (a mapped extent file),
 * for an extent of nrows rows; NULL when the blob is malformed. Free with
 * tix_free (the blob stays). */
term_index *tix_view(const void *blob, size_t len, uint32_t nrows);
/* Makes ix (owned from now on) the index of column col of e. */
void tix_attach(hextent *e, int col, term_index *ix);
/* Frees e's indexes (ext_unref calls it when e dies). */
void tix_extent_free(hextent *e);
/* False when HUNT_TERM_INDEX=0. */
bool tix_enabled(void);

#endif
