/* ingest/formats.h — the input formats beyond plain JSON records: reading a
 * file or stdin (gunzipping it when it is gzip), telling the format apart,
 * and decoding envelopes, API answers, CSV/TSV and alert resources into the
 * records ingest/json_load.c loads. See README.md, "Ingest and the workspace" for each format.
 */
#ifndef HUNT_FORMATS_H
#define HUNT_FORMATS_H

#include "ingest/ingest.h"

typedef enum fmt_kind {
    FMT_AUTO = 0,
    FMT_JSON,     /* NDJSON, a JSON array, one object, objects one after another */
    FMT_CSV,      /* comma-separated with a header line */
    FMT_TSV,      /* tab-separated with a header line */
    FMT_ENVELOPE, /* {"records":[{"time","category","properties":{...}}]} */
    FMT_AH,       /* advanced hunting answer {"Schema":[...],"Results":[...]} */
    FMT_LA,       /* Log Analytics answer {"tables":[{"columns","rows"}]} */
    FMT_LIST,     /* an ARM / Graph list answer {"value":[...]} */
    FMT__COUNT
} fmt_kind;

/* "auto", "json", "ndjson", "csv", "tsv", "envelope", "ah", "la", "list"
 * (and the long names "advanced-hunting", "log-analytics"); -1 when none. */
int fmt_from_name(const char *name);
const char *fmt_name(int fmt);

/* An input held in memory: mapped, or malloc'd (stdin, gunzipped). */
typedef struct fmt_input {
    char *data;
    size_t n;
    bool mapped;
    bool gzipped;
    int64_t raw_bytes; /* bytes read from the file (compressed size) */
} fmt_input;

/* Reads path ("-" = stdin) whole, gunzipping gzip data (several members
 * too). A truncated or corrupt gzip stream keeps what was decoded and says
 * so through diag. Returns 0, or -1 with err set ("PATH: reason"). */
int fmt_read(const char *path, fmt_input *in, ing_diag_fn diag, void *diag_arg, char *err,
             size_t errcap);
void fmt_input_free(fmt_input *in);

/* The format of data (name's extension counts for .csv/.tsv). */
int fmt_detect(const char *name, const char *data, size_t n);

/* True when data is NDJSON (its first record ends on its first line), the
 * layout that can be cut into batches at line ends. */
bool fmt_is_ndjson(const char *data, size_t n);

/* Loads data of format fmt (FMT_AUTO: detected) into table (NULL: chosen by
 * the format, else from name). o carries the hooks (may be NULL); the
 * alert mapping below is added for SecurityAlert. Returns 0 or -1. */
int fmt_load(hcatalog *cat, const char *table, const char *name, const char *data, size_t n,
             int fmt, const ing_opts *o, ing_stats *st, ing_diag_fn diag, void *diag_arg, char *err,
             size_t errcap);

/* --- csv.c ---------------------------------------------------------------- */

/* Loads CSV (sep ',') or TSV (sep '\t') with a header line. */
int csv_load(hcatalog *cat, const char *table, const char *name, const char *data, size_t n,
             char sep, const ing_opts *o, ing_stats *st, ing_diag_fn diag, void *diag_arg,
             char *err, size_t errcap);

/* --- alerts.c --------------------------------------------------------------- */

/* When rec is a Defender for Cloud alert resource (Microsoft.Security/alerts)
 * or a Graph security alert (alerts_v2), returns a new SecurityAlert record
 * (a new reference); otherwise NULL. now: ticks used as TimeGenerated of a
 * Defender for Cloud alert whose state changed (it has no modification time). */
struct json_t *alert_map(struct json_t *rec, int64_t now);
/* True when rec is one of those two alert kinds. */
bool alert_is_resource(struct json_t *rec);

#endif
