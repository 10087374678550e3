/* include/hunt.h — the public interface of libhunt, a KQL engine for security
 * hunting. This is the only header an embedder includes.
 *
 * Shape (sqlite3's): an opaque engine handle (hunt_db) owns tables; a query
 * runs to an opaque, fully materialized result (hunt_result) read column by
 * column and cell by cell. Every call that can fail returns an int code
 * (HUNT_OK = 0) and fills a caller-provided hunt_error with the kind, a
 * message and, for query text, the position.
 *
 * Threads: a hunt_db is used by one thread at a time; hunt_interrupt may be
 * called from another thread or a signal handler. Two hunt_db handles share
 * nothing.
 *
 * Ownership: what hunt_* returns through an out-pointer is the caller's, to
 * be released by the matching free call. Strings returned as const char *
 * belong to the object they came from (see each call).
 */
#ifndef HUNT_H
#define HUNT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HUNT_VERSION "0.1.0"

/* Result codes. */
enum {
    HUNT_OK = 0,
    HUNT_ESYNTAX,      /* the query text does not parse */
    HUNT_ESEMANTIC,    /* unknown name, wrong type, wrong argument count */
    HUNT_EUNSUPPORTED, /* valid KQL that hunt does not support yet */
    HUNT_ERUNTIME,     /* the query failed while running */
    HUNT_EIO,          /* a file or network operation failed */
    HUNT_EDATA,        /* input data could not be loaded */
    HUNT_EMISUSE,      /* wrong use of the API */
    HUNT_ENOMEM,
    HUNT_EINTERRUPT /* hunt_interrupt stopped the query */
};

/* Column types of results and tables (the KQL scalar types). */
enum {
    HUNT_TUNKNOWN = 0,
    HUNT_TBOOL,
    HUNT_TINT,
    HUNT_TLONG,
    HUNT_TREAL,
    HUNT_TSTRING,
    HUNT_TDATETIME,
    HUNT_TTIMESPAN,
    HUNT_TGUID,
    HUNT_TDYNAMIC
};

typedef struct hunt_error {
    int code; /* HUNT_E* */
    char message[512];
    int offset, length; /* byte span in the query text; -1 when none */
    int line, column;   /* 1-based position of offset; 0 when none */
} hunt_error;

typedef struct hunt_db hunt_db;
typedef struct hunt_result hunt_result;

/* Opens an in-memory engine with the built-in tables (SecurityAlert,
 * CloudAuditEvents, CloudProcessEvents, ...) created empty.
 * Returns HUNT_OK or HUNT_ENOMEM. Release with hunt_close. */
int hunt_open(hunt_db **out);
void hunt_close(hunt_db *db);

/* Fixes the value of now() for the queries that follow (datetime in 100 ns
 * ticks since the Unix epoch); 0 returns to the wall clock. */
void hunt_set_now(hunt_db *db, int64_t ticks);

/* Asks the running query, if any, to stop with HUNT_EINTERRUPT.
 * Async-signal-safe. */
void hunt_interrupt(hunt_db *db);

/* --- loading ------------------------------------------------------------ */

typedef struct hunt_load_stats {
    int64_t rows_loaded;
    int64_t rows_rejected;
    int64_t bytes_read;
    int unknown_fields; /* distinct fields not in the schema (kept or reported) */
} hunt_load_stats;

/* Loads an NDJSON or JSON-array file into table (created with a schema
 * inferred from the data when it does not exist). Bad records are reported
 * through the diagnostic callback (when set) with file:line and reason, and
 * counted in stats. Returns HUNT_OK when the file was read, even with
 * rejected records; HUNT_EIO/HUNT_EDATA when it could not be read at all. */
int hunt_load_file(hunt_db *db, const char *table, const char *path, hunt_load_stats *stats,
                   hunt_error *err);

/* Where load diagnostics and query warnings go (one line of text each, no
 * newline; a warning's text starts with "warning: "). Default: none. */
typedef void (*hunt_diag_fn)(void *arg, const char *line);
void hunt_set_diagnostics(hunt_db *db, hunt_diag_fn fn, void *arg);

/* --- querying ------------------------------------------------------------- */

enum {
    HUNT_RUN = 0,
    HUNT_PARSE_ONLY = 1, /* stop after parsing (hunt --syntax) */
    HUNT_CHECK_ONLY = 2  /* parse and bind names and types, do not run */
};

/* Runs a KQL query script: let/set statements and tabular expression
 * statements separated by ';'. A script that does not parse as written, but
 * does when a line that starts a new query is taken as following a ';'
 * (queries pasted one after another), runs so, with a warning for each such
 * line through the diagnostics callback. Each tabular statement yields one result
 * table, as in Kusto; *out is the first and hunt_result_next walks the rest.
 * On HUNT_OK, *out is the result (NULL with PARSE_ONLY/CHECK_ONLY); release it
 * with hunt_result_free (which frees the whole chain). On error, *out is NULL
 * and err says why and where. */
int hunt_query(hunt_db *db, const char *kql, size_t len, int flags, hunt_result **out,
               hunt_error *err);

/* Formats an error the way the hunt command prints it:
 *   line L, column C: MESSAGE
 *       <the query line>
 *       ^^^^
 * Returns a malloc'd string (free with hunt_free). query may be NULL. */
char *hunt_error_format(const hunt_error *err, const char *query, size_t len);

void hunt_free(void *p);

/* --- results ------------------------------------------------------------ */

int hunt_result_columns(const hunt_result *r);
int64_t hunt_result_rows(const hunt_result *r);
const char *hunt_result_column_name(const hunt_result *r, int col);
int hunt_result_column_type(const hunt_result *r, int col); /* HUNT_T* */
const char *hunt_type_name(int type);                       /* "string", "long", ... */

int hunt_result_is_null(const hunt_result *r, int64_t row, int col);
int hunt_result_bool(const hunt_result *r, int64_t row, int col);
/* int, long; datetime and timespan as 100 ns ticks */
int64_t hunt_result_long(const hunt_result *r, int64_t row, int col);
double hunt_result_real(const hunt_result *r, int64_t row, int col);
/* The canonical text of any cell (the tsv form: strings bare, datetimes ISO
 * 8601, dynamic as compact JSON, null as ""). The pointer stays valid until
 * the next hunt_result_text call on r or hunt_result_free; *len may be NULL. */
const char *hunt_result_text(hunt_result *r, int64_t row, int col, size_t *len);

/* The result as the Defender advanced hunting API shapes it:
 *   {"Schema":[{"Name":..,"Type":..}],"Results":[{col: value, ...}]}
 * malloc'd, free with hunt_free. */
char *hunt_result_json(const hunt_result *r);

/* The name of the visualization a `render` operator asked for, or NULL. */
const char *hunt_result_render(const hunt_result *r);

/* What running the script read (for the whole script, kept on its first
 * result): extents scanned and skipped by their min/max (time-window
 * pruning), and rows scanned. */
typedef struct hunt_query_stats {
    int64_t extents_scanned;
    int64_t extents_skipped;
    int64_t rows_scanned;
} hunt_query_stats;
void hunt_result_stats(const hunt_result *r, hunt_query_stats *st);

/* The next result table of the same script, or NULL; owned by the first. */
hunt_result *hunt_result_next(hunt_result *r);

void hunt_result_free(hunt_result *r);

/* --- catalog -------------------------------------------------------------- */

int hunt_table_count(hunt_db *db);
const char *hunt_table_name(hunt_db *db, int i);
int64_t hunt_table_rows(hunt_db *db, int i);
int hunt_table_columns(hunt_db *db, int i);
const char *hunt_table_column_name(hunt_db *db, int i, int col);
int hunt_table_column_type(hunt_db *db, int i, int col);

/* ==== workspace and ingest (issue 4; implemented in engine/api_workspace.c) ====
 *
 * A workspace is a directory holding a sqlite3 catalog and immutable extent
 * files (README.md, "Ingest and the workspace"). hunt_open_workspace opens (creating it when
 * missing) the workspace and loads its tables; what hunt_ingest_file loads
 * is committed there in atomic batches. dir NULL opens a memory-only engine
 * that still dedupes (the `--memory` option). Close with
 * hunt_close_workspace. */
int hunt_open_workspace(const char *dir, hunt_db **out, hunt_error *err);
void hunt_close_workspace(hunt_db *db);
/* The directory of db's workspace, or NULL (memory-only, or hunt_open). */
const char *hunt_workspace_dir(hunt_db *db);
/* The workspace to use when none is named: $HUNT_WORKSPACE, else
 * $XDG_DATA_HOME/hunt, else $HOME/.local/share/hunt. Writes it to buf;
 * returns 0, or -1 when none can be formed. */
int hunt_default_workspace(char *buf, size_t cap);

typedef struct hunt_ingest_stats {
    int64_t rows_loaded;    /* new rows committed */
    int64_t rows_rejected;  /* records quarantined */
    int64_t rows_duplicate; /* rows dropped as already loaded */
    int64_t bytes_read;
    int batches;
    int unknown_fields;
    double seconds;
} hunt_ingest_stats;

enum {
    HUNT_INGEST_NODEDUPE = 1, /* keep rows already loaded */
    HUNT_INGEST_PROGRESS = 2  /* a progress line on stderr when it is a terminal */
};

/* Loads path ("-" = stdin; gzip is recognised) in format (NULL or "auto":
 * detected; "json", "csv", "tsv", "envelope", "ah", "la", "list") into table
 * (NULL: chosen by the format or the file name). Rejected records go to the
 * quarantine; diagnostics to the hunt_set_diagnostics callback. Returns
 * HUNT_OK (even with rejected records), HUNT_EIO / HUNT_EDATA otherwise;
 * batches committed before an error stay. st may be NULL; it is filled. */
int hunt_ingest_file(hunt_db *db, const char *table, const char *path, const char *format,
                     int flags, hunt_ingest_stats *st, hunt_error *err);

/* Pulls the named source of DIR/sources.json (README.md, "Ingest and the workspace") over HTTP(S),
 * following paging, committing each page with its checkpoint. */
int hunt_pull(hunt_db *db, const char *source, hunt_ingest_stats *st, hunt_error *err);

/* Quarantined records: fn gets each one (id 0: all). */
typedef void (*hunt_quarantine_fn)(void *arg, int64_t id, const char *table, const char *source,
                                   int64_t position, const char *reason, const char *raw,
                                   size_t rawlen);
int hunt_quarantine_list(hunt_db *db, int64_t id, hunt_quarantine_fn fn, void *arg,
                         hunt_error *err);
/* Loads quarantined records again (id 0: all); those that load leave it. */
int hunt_quarantine_replay(hunt_db *db, int64_t id, int64_t *loaded, int64_t *failed,
                           hunt_error *err);
int hunt_quarantine_drop(hunt_db *db, int64_t id, int64_t *dropped, hunt_error *err);

/* Sets table's retention (100 ns ticks; 0 removes it) and drops the
 * extents older than it now. *dropped_extents / *dropped_rows may be NULL. */
int hunt_set_retention(hunt_db *db, const char *table, int64_t ticks, int *dropped_extents,
                       int64_t *dropped_rows, hunt_error *err);

/* Verifies the workspace (catalog integrity, every extent's size, rows and
 * checksum); each problem goes to report. HUNT_OK when sound, HUNT_EDATA
 * when problems were found, HUNT_EMISUSE without a workspace. */
int hunt_check_workspace(hunt_db *db, hunt_diag_fn report, void *arg, int64_t *extents,
                         int64_t *rows, hunt_error *err);
/* ==== end of workspace and ingest ==== */

/* ==== schemas and watchlists (issue 3; implemented in engine/commands.c) ====
 * See README.md, "Table schemas". A script may also declare tables and functions with
 * control commands (`.create table T (Col:type, ...)`,
 * `.create-or-alter function F(...) { ... }`), run by hunt_query. */

/* Declares the tables of a JSON schema file, {"Table": {"Col": "type", ...}}
 * (or the other layouts of README.md, "Table schemas"): each is created empty, or an
 * empty table of that name gets the new schema. HUNT_OK, HUNT_EIO (cannot
 * read), HUNT_EDATA (bad file; tables declared before the bad one stay). */
int hunt_load_schema(hunt_db *db, const char *path, hunt_error *err);

/* Loads a watchlist (CSV/TSV with a header line, or JSON objects) under
 * alias, replacing one of that alias; _GetWatchlist('alias') returns it with
 * the columns _DTItemId, LastUpdatedTimeUTC, SearchKey and the list's own
 * columns (strings). search_key names the column whose value is SearchKey
 * (NULL: the first column). *rows (may be NULL) gets the items loaded. */
int hunt_load_watchlist(hunt_db *db, const char *alias, const char *path, const char *search_key,
                        int64_t *rows, hunt_error *err);
/* ==== end of schemas and watchlists ==== */

/* Opens the IP geolocation database geo_info_from_ip_address() reads: a
 * MaxMind DB file, GeoLite2-City edition for Kusto's answers. Process-wide
 * (every hunt_db shares it); replaces an earlier one. Without this call the
 * first use opens $HUNT_GEOIP, else /usr/share/GeoIP/GeoLite2-City.mmdb or
 * /var/lib/GeoIP/GeoLite2-City.mmdb. HUNT_OK or HUNT_EIO. */
int hunt_set_geoip_database(const char *path, hunt_error *err);

#ifdef __cplusplus
}
#endif
#endif
