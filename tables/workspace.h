/* tables/workspace.h — a durable workspace: a directory holding a sqlite3
 * catalog and immutable extent files.
 *
 *   DIR/catalog.db      sqlite3 (WAL, synchronous=FULL): tables and their
 *                       schemas, extents, batches, ingest checkpoints,
 *                       quarantined records, retention policies
 *   DIR/extents/N.hx    one extent per file (tables/extent_io.h), N = its id
 *   DIR/sources.json    HTTP pull sources (ingest/pull.c), written by the user
 *
 * Commit protocol (ws_batch_commit): BEGIN IMMEDIATE (the write lock); each
 * new extent written to N.hx.tmp, fsynced, renamed, directory fsynced; then
 * the extent rows, schema changes, quarantine rows and checkpoint inserted;
 * COMMIT. A crash before COMMIT leaves files no row names: ws_open deletes
 * them under the same write lock, so a batch is visible entirely or not at
 * all. Opening maps each extent file (tables/extent_io.h): no JSON is
 * parsed again and no array is copied; its structure is validated, and its
 * checksum is verified by ws_check (hunt check-workspace).
 *
 * A workspace opened with dir == NULL is memory-only: batches commit to the
 * in-memory catalog and nothing is written.
 *
 * Ownership: ws_close frees the workspace, not the catalog it loaded into.
 */
#ifndef HUNT_WORKSPACE_H
#define HUNT_WORKSPACE_H

#include "catalog.h"

#include <sqlite3.h>
#include <stddef.h>

typedef struct hworkspace hworkspace;

/* Opens (creating when missing) the workspace at dir and adds its tables and
 * extents to cat. dir NULL: memory-only. Returns 0, or -1 with err set. */
int ws_open(const char *dir, hcatalog *cat, hworkspace **out, char *err, size_t errcap);
void ws_close(hworkspace *ws);
const char *ws_dir(const hworkspace *ws); /* NULL when memory-only */
sqlite3 *ws_sqlite(const hworkspace *ws); /* NULL when memory-only */
hcatalog *ws_catalog(const hworkspace *ws);

/* --- batches ---------------------------------------------------------------- */

typedef struct ws_pending {
    htable *t;
    hextent *e;     /* a new extent of t (t holds the reference) */
    uint64_t *keys; /* malloc'd dedupe keys, e->nrows of them, or NULL */
} ws_pending;

typedef struct ws_qrow {
    char *table, *source, *reason, *raw;
    size_t rawn;
    int64_t pos;
} ws_qrow;

typedef struct ws_batch {
    hworkspace *ws;
    char *source;
    /* tables and extent counts when the batch began */
    int nsnap;
    htable **snap_t;
    int *snap_next, *snap_ncols;
    /* filled by ws_batch_collect */
    ws_pending *pend;
    int npend;
    ws_qrow *q;
    int nq, qcap;
    char *ckpt_name, *ckpt_value;
    int64_t *qdel; /* quarantine rows deleted by the commit (replayed) */
    int nqdel;
    int64_t rows_loaded, rows_rejected, rows_duplicate;
} ws_batch;

/* Starts a batch: remembers every table's extents, so that what a load adds
 * to the catalog afterwards is this batch. */
ws_batch *ws_batch_begin(hworkspace *ws, const char *source);
/* Lists the extents added since begin into b->pend. */
void ws_batch_collect(ws_batch *b);
/* Records a rejected record (copied) to be quarantined with the batch. */
void ws_batch_quarantine(ws_batch *b, const char *table, const char *source, int64_t pos,
                         const char *reason, const char *raw, size_t rawn);
/* Deletes quarantine row id in the batch's transaction (a replay). */
void ws_batch_unquarantine(ws_batch *b, int64_t id);
/* Sets the checkpoint committed with the batch (copied). */
void ws_batch_checkpoint(ws_batch *b, const char *name, const char *value);
/* Makes the batch durable (see the protocol above). On failure the batch's
 * extents are removed from the catalog, err is set, -1. Memory-only: 0. */
int ws_batch_commit(ws_batch *b, char *err, size_t errcap);
/* Removes the batch's extents from the catalog (a batch not committed). */
void ws_batch_abort(ws_batch *b);
void ws_batch_free(ws_batch *b);

/* Replaces extent idx of t (nrows adjusted); e NULL removes it. Takes e's
 * reference, drops the old one. */
void ws_table_replace_extent(htable *t, int idx, hextent *e);

/* --- reading back ------------------------------------------------------------ */

/* Calls fn with the dedupe keys of every committed extent of table (those
 * with keys). Returns 0, or -1 with err set. */
int ws_table_keys(hworkspace *ws, const char *table,
                  void (*fn)(void *arg, const uint64_t *keys, uint32_t n), void *arg, char *err,
                  size_t errcap);

/* Reads a checkpoint into out ("" when none). */
void ws_checkpoint_get(hworkspace *ws, const char *name, char *out, size_t cap);

/* --- maintenance -------------------------------------------------------------- */

/* Sets table's retention (ticks; 0 removes the policy) and applies it.
 * Applying drops every extent whose newest time (TimeGenerated, Timestamp,
 * else the time of its commit) is older than now - retention.
 * *dropped_ext / *dropped_rows may be NULL. Returns 0 or -1. */
int ws_set_retention(hworkspace *ws, const char *table, int64_t ticks, int64_t now,
                     int *dropped_ext, int64_t *dropped_rows, char *err, size_t errcap);
/* Applies every table's policy (done by ws_open too). */
int ws_apply_retention(hworkspace *ws, int64_t now, int *dropped_ext, int64_t *dropped_rows,
                       char *err, size_t errcap);

/* Verifies the workspace: sqlite integrity, every extent file present with
 * the recorded size, row count and checksum, no unrecorded extent file.
 * Each problem goes to report (one line, no newline). Returns the number of
 * problems (0 = sound), -1 when the check could not run. */
int ws_check(hworkspace *ws, void (*report)(void *arg, const char *line), void *arg,
             int64_t *extents, int64_t *rows);

#endif
