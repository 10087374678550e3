/* tables/extent_io.h — the on-disk form of one immutable extent.
 *
 * An extent file holds the typed column arrays of tables/table.h exactly as
 * they are in memory (little-endian), so opening a workspace reads them back
 * with one read per array and never re-parses the source records. Each column
 * is stored under its name, so an extent written before a table gained a
 * column still loads (the missing column reads as null). An optional section
 * holds one 64-bit dedupe key per row (ingest/dedupe.c), committed with the
 * rows it describes. The file ends with an XXH64 checksum of everything
 * before it; `hunt check-workspace` verifies it.
 *
 * Layout (every field 8 bytes, every section 8-byte aligned):
 *   header      xhdr (magic "HUNTEXT1", version, ncols, nrows, ...)
 *   directory   ncols x xcoldesc (type, stats, section offsets/lengths)
 *   names       column names, back to back
 *   sections    per column: values or string offsets+bytes, null bitmap
 *   keys        nrows x uint64_t (when present)
 *   term index  version 2, when present: ncols x (offset, length), then one
 *               blob per indexed string column (tables/term_index.h)
 *   footer      xxh64 of [0, size-16), magic "HUNTEND1"
 * Version 1 files (no term-index section) still read; their columns are
 * indexed when a query needs it.
 */
#ifndef HUNT_EXTENT_IO_H
#define HUNT_EXTENT_IO_H

#include "table.h"

#include <stddef.h>

/* Writes e (its columns named by s) and keys (NULL or e->nrows values) to
 * path: written to path.tmp, fsynced, renamed to path. *checksum receives the
 * file's XXH64. Returns 0, or -1 with err set (the .tmp file is removed). */
int ext_write_file(const char *path, const hextent *e, const hschema *s, const uint64_t *keys,
                   uint64_t *checksum, char *err, size_t errcap);

/* Reads the extent at path, laid out as the columns of s (a column the file
 * lacks is all null; a column the file has that s lacks is skipped; a column
 * whose type differs is null). With verify, the checksum is checked first.
 * Returns a new extent (one reference, the caller's) or NULL with err set.
 * The file is validated: no value read from it can index out of bounds. */
hextent *ext_read_file(const char *path, const hschema *s, bool verify, char *err, size_t errcap);

/* Reads only the dedupe keys of the extent at path into a malloc'd array
 * (*keys, *n rows); *keys is NULL when the file has none. 0 or -1. */
int ext_read_keys(const char *path, uint64_t **keys, uint32_t *n, char *err, size_t errcap);

/* Checks the file at path: structure and checksum; *nrows and *checksum
 * (may be NULL) receive what the file says. 0 when sound, -1 with err set. */
int ext_check_file(const char *path, uint32_t *nrows, uint64_t *checksum, char *err, size_t errcap);

#endif
