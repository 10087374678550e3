/* engine/db.h — struct hunt_db, the handle of include/hunt.h, shared by the
 * files that implement the public API (engine/api.c: queries and tables;
 * engine/api_workspace.c: workspace and ingest). Internal: not installed.
 *
 * Ownership: the handle owns its catalog and, through `ws`, the ingest
 * session (ingest/batch.h: workspace, dedupe state) that loads into that
 * catalog. hunt_close closes the session first (db_session_close), then
 * frees the catalog.
 */
#ifndef HUNT_ENGINE_DB_H
#define HUNT_ENGINE_DB_H

#include "../include/hunt.h"
#include "../tables/catalog.h"

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

struct hunt_db {
    hcatalog catalog;
    int64_t fixed_now;
    volatile sig_atomic_t interrupt;
    hunt_diag_fn diag;
    void *diag_arg;
    void *ws; /* ing_session * (ingest/batch.h) or NULL: none opened yet */
};

/* Closes db's ingest session and its workspace, if any (engine/api_workspace.c). */
void db_session_close(hunt_db *db);

/* When db has a workspace on disk, loads path into table through it, so the
 * rows persist (committed in batches, deduplicated, with a checkpoint), sets
 * *rc to a HUNT_* code and returns true. Returns false when db has no
 * workspace on disk: the caller loads into memory. (engine/api_workspace.c) */
bool db_workspace_load(hunt_db *db, const char *table, const char *path, hunt_load_stats *stats,
                       hunt_error *err, int *rc);

#endif
