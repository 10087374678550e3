/* ingest/dedupe.h — dropping rows that were loaded before.
 *
 * Every row gets a 64-bit identity key (XXH3):
 *   SecurityAlert  the alert's own id (VendorOriginalId, the provider's id,
 *                  else SystemAlertId) plus Status: the same alert from two
 *                  connectors is one row, a newer state is a new row;
 *   a table with a ReportId column  ReportId plus the row's time column;
 *   any other table (or an empty id)  a hash of every column's value.
 * A table's keys live in its extent files (extent_io.h) and are read back
 * into a hash set the first time the table is ingested into again.
 */
#ifndef HUNT_DEDUPE_H
#define HUNT_DEDUPE_H

#include "tables/workspace.h"

typedef struct dd_state dd_state;

dd_state *dd_new(void);
void dd_free(dd_state *d);

/* For every pending extent of b: computes the row keys (kept in b->pend[i].keys)
 * and removes the rows whose key the table already has, or that appeared
 * earlier in the batch (the extent is replaced by a filtered copy, or
 * dropped when nothing is left). Adds the count to b->rows_duplicate.
 * ws supplies the committed keys of a table the first time it is seen. */
void dd_filter(dd_state *d, hworkspace *ws, ws_batch *b);
/* Only computes the keys (stored with the extents): --no-dedupe. */
void dd_keys_only(ws_batch *b);
/* After a successful commit: the batch's keys become known. */
void dd_commit(dd_state *d, const ws_batch *b);

/* The key of row i of extent e of table t (exposed for tests). */
uint64_t dd_row_key(const htable *t, const hextent *e, uint32_t i);

#endif
