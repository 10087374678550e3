/* ingest/batch.h — ingesting an input into a workspace in committed batches.
 *
 * An ing_session joins a catalog, its workspace (or a memory-only one) and
 * the dedupe state. ing_ingest_path reads a file or stdin (gzip too), cuts
 * NDJSON into batches of about batch_bytes at line ends (other layouts are
 * one batch), and for each batch: loads it (ingest/formats.c), drops the
 * duplicate rows (ingest/dedupe.c), and commits extents, quarantined records
 * and the file's checkpoint (bytes done) in one transaction. Re-running an
 * interrupted ingest of the same unchanged file resumes after the last
 * committed batch; dedupe makes any overlap harmless anyway.
 */
#ifndef HUNT_BATCH_H
#define HUNT_BATCH_H

#include "ingest/dedupe.h"
#include "ingest/formats.h"

typedef struct ing_session {
    hcatalog *cat;
    hworkspace *ws;
    dd_state *dd;
    bool no_dedupe;
    bool progress; /* a progress line on stderr when it is a terminal */
    size_t batch_bytes;
    ing_diag_fn diag;
    void *diag_arg;
} ing_session;

typedef struct ing_result {
    int64_t rows_loaded, rows_rejected, rows_duplicate, bytes_read;
    int batches, unknown_fields;
    double seconds;
} ing_result;

/* Opens the workspace at dir (NULL: memory-only) into cat. 0 or -1. */
int ing_session_open(ing_session **out, hcatalog *cat, const char *dir, char *err, size_t errcap);
void ing_session_close(ing_session *s);

/* Ingests path ("-" = stdin) in format fmt (FMT_AUTO: detected) into table
 * (NULL: chosen by the format / the file name). r is added to. 0, or -1 with
 * err set when the input could not be read or a commit failed (batches
 * committed before stay). */
int ing_ingest_path(ing_session *s, const char *table, const char *path, int fmt, ing_result *r,
                    char *err, size_t errcap);

/* One batch from memory; with ckpt_name the checkpoint (ckpt_value) commits
 * with it, and qdel[0..nqdel) quarantine rows are deleted with it. */
int ing_ingest_buffer(ing_session *s, const char *table, const char *name, const char *data,
                      size_t n, int fmt, const char *ckpt_name, const char *ckpt_value,
                      const int64_t *qdel, int nqdel, ing_result *r, char *err, size_t errcap);

/* --- quarantine.c ------------------------------------------------------------ */

typedef void (*ing_quarantine_fn)(void *arg, int64_t id, const char *table, const char *source,
                                  int64_t pos, const char *reason, const char *raw, size_t rawn);

/* Calls fn for each quarantined record (id 0: all, else that one). 0 or -1. */
int ing_quarantine_list(ing_session *s, int64_t id, ing_quarantine_fn fn, void *arg, char *err,
                        size_t errcap);
/* Loads each quarantined record again (id 0: all); each one that loads now
 * leaves the quarantine, one that fails again is kept with its new reason.
 * *loaded / *failed may be NULL. 0 or -1. */
int ing_quarantine_replay(ing_session *s, int64_t id, int64_t *loaded, int64_t *failed, char *err,
                          size_t errcap);
/* Deletes quarantined records (id 0: all); *n receives how many. 0 or -1. */
int ing_quarantine_drop(ing_session *s, int64_t id, int64_t *n, char *err, size_t errcap);

#endif
