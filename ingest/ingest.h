/* ingest/ingest.h — loading JSON records into tables.
 *
 * ing_load_file reads NDJSON (one object per line) or a JSON array of
 * objects (also a single object) and appends the records to a table of the
 * catalog, coercing each field to its column's type:
 *   - ISO 8601 / other datetime strings and epoch numbers to datetime,
 *   - numbers given as strings to int/long/real, "true"/"false" to bool,
 *   - nested objects/arrays to dynamic, or to their JSON text in string
 *     columns (SecurityAlert.Entities is a string column holding JSON).
 * A table that does not exist is created with a schema inferred from the
 * records (types widened as needed). Fields not in the schema are kept in the
 * AdditionalFields column when the table has one and otherwise reported once
 * per file. A record that cannot be loaded is reported with path:line and the
 * reason, counted, and skipped; the records before and after it are kept.
 */
#ifndef HUNT_INGEST_H
#define HUNT_INGEST_H

#include "../tables/catalog.h"

typedef struct ing_stats {
    int64_t rows_loaded;
    int64_t rows_rejected;
    int64_t bytes_read;
    int unknown_fields;
} ing_stats;

typedef void (*ing_diag_fn)(void *arg, const char *line);

/* Returns 0 when the file was read (even with rejected records), -1 when it
 * could not be (err says why: cannot open, not JSON at all). */
int ing_load_file(hcatalog *cat, const char *table, const char *path, ing_stats *st,
                  ing_diag_fn diag, void *diag_arg, char *err, size_t errcap);

/* The same over a buffer already in memory; name is used in messages. */
int ing_load_buffer(hcatalog *cat, const char *table, const char *name, const char *data,
                    size_t n, ing_stats *st, ing_diag_fn diag, void *diag_arg, char *err,
                    size_t errcap);

#endif
