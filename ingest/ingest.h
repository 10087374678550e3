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

struct json_t; /* jansson's; not included here (engine/api.c has its own json_string) */

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
int ing_load_buffer(hcatalog *cat, const char *table, const char *name, const char *data, size_t n,
                    ing_stats *st, ing_diag_fn diag, void *diag_arg, char *err, size_t errcap);

/* --- hooks for the other formats (ingest/formats.c, csv.c, batch.c) ------- */

typedef struct ing_opts {
    long first_line;  /* line number of the first byte (inputs cut in batches); 0 = 1 */
    bool text_values; /* infer long/real/bool from strings (CSV cells) */
    /* Called with every parsed record; returns a replacement (a new
     * reference, released by the loader) or NULL to load rec as it is. */
    struct json_t *(*xform)(void *arg, struct json_t *rec);
    void *xform_arg;
    /* Called with every rejected record: its position, the reason, and its
     * raw text (the input span, or the record re-serialized). */
    void (*reject)(void *arg, long line, const char *reason, const char *raw, size_t rawn);
    void *reject_arg;
    /* Parse every record with jansson, never with the fast scanner of flat
     * records (ingest/fast_ndjson.h); the result is the same (tests). The
     * environment variable HUNT_JSON_SLOW=1 does the same. */
    bool slow_json;
    /* The input is a read-only file mapping the loader may release as it goes
     * (madvise DONTNEED behind the parse position), so loading a large file
     * does not hold all of it in memory at once. Never set it for memory the
     * caller owns. */
    bool release_input;
} ing_opts;

/* ing_load_buffer with options (o may be NULL). */
int ing_load_ex(hcatalog *cat, const char *table, const char *name, const char *data, size_t n,
                const ing_opts *o, ing_stats *st, ing_diag_fn diag, void *diag_arg, char *err,
                size_t errcap);

/* Loads records the caller has parsed (recs[i] at position lines[i]; lines
 * may be NULL: 1, 2, ...). The records stay the caller's. bytes_read is not
 * counted. Same coercion, inference and reporting as the other loaders. */
int ing_load_records(hcatalog *cat, const char *table, const char *name, struct json_t *const *recs,
                     const long *lines, size_t nrecs, const ing_opts *o, ing_stats *st,
                     ing_diag_fn diag, void *diag_arg, char *err, size_t errcap);

#endif
