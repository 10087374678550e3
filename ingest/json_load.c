/* ingest/json_load.c — loads JSON records (NDJSON, a JSON array, or objects
 * one after another) into a table of the catalog.
 *
 * The input is read once into memory (mmap for regular files). The loader
 * splits it into one span per record itself — lines for NDJSON, top-level
 * elements for an array, top-level values for pretty-printed objects — and
 * parses each span, so a bad record costs only itself and every message can
 * name its line. A span is first read by the fast scanner of flat records
 * (ingest/fast_ndjson.h: scalars decoded in place, nested values parsed by
 * jansson); a span it leaves alone, or a record that needs the general
 * mapping (a key twice, fields for the AdditionalFields bag, a transform
 * hook), is parsed whole by jansson. Both feed the same coercion code
 * (fnj_value), so the tables, messages and rejected records are the same. Each field is coerced to
 * its column's type and written straight into a table builder (tables/table.h); nothing is kept per
 * record once it is written.
 *
 * Mapping rules (see ingest/ingest.h): the Log Analytics names TimeGenerated
 * and CloudResourceId land in Timestamp and ResourceId when the table has
 * those and not the others; fields not in the schema go into
 * AdditionalFields when the table has that column (merged into the bag, or
 * into the JSON text of a string column) and are otherwise reported once per
 * input. A table that is not built in is created, or widened, with columns
 * whose types are inferred from all the records of the input (a first pass).
 *
 * Field names are mapped to columns through a cache indexed by the field's
 * position in its record: records of one input nearly always repeat the same
 * keys in the same order, so the lookup is one strcmp per field.
 *
 * A large NDJSON input (SPLIT_MIN_BYTES, or HUNT_LOAD_SPLIT_MIN bytes) loads on
 * HUNT_THREADS threads (default 2; at most MAX_PARTS and the online CPUs)
 * unless a transform hook is set (load_lines). After the inference pass, if
 * any (one thread), the body is cut at line starts into one part per thread.
 * The calling thread loads the first part into the table as usual; each
 * other part runs on a worker thread with its own context (scanner, key
 * caches, builder) into a private table of the same schema, its lines
 * numbered from 0, and keeps its messages (rejected records with their raw
 * text, first sightings of unknown fields) in a log instead of calling the
 * diag callback or the reject hook. After each worker ends, in file order,
 * the calling thread replays the part's log with its lines shifted to the
 * file's (so an unknown field is still reported and counted once per input)
 * and appends the part's extents to the table: rows, messages, hook calls
 * and counts are those of a load on one thread. Each part releases only its
 * own range of a mapped input. The code the workers run keeps no mutable
 * static state; jansson's hash seed is set before they start.
 *
 * Hooks for the other input formats (ing_opts, ing_load_ex, ing_load_records):
 * a first line number (for inputs cut into batches), a transform applied to
 * every parsed record (alert resources mapped to SecurityAlert), a callback
 * that receives every rejected record with its raw text (the quarantine),
 * text inference (CSV cells are strings: "42" infers long), and records
 * already parsed by the caller (envelopes, API answers, CSV rows).
 */
#include "ingest/ingest.h"

#include "ingest/fast_ndjson.h"
#include "tables/dyn.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEYCACHE_MAX 512
#define MAX_EXTRAS 256
#define MAX_PARTS 8 /* threads one input is loaded on, at most */
#define SPLIT_MIN_BYTES                                                                            \
    ((size_t)256 << 20) /* smaller inputs (and ingest batches) load on one thread */

/* Inferred kinds, ordered so that merging two numeric kinds takes the max. */
enum { K_NONE = 0, K_BOOL, K_LONG, K_REAL, K_DATETIME, K_STRING, K_DYNAMIC };

typedef struct keyslot {
    char *key;
    int col; /* column, or -1 when not in the schema */
} keyslot;

typedef struct infield {
    char *name;
    int kind;
} infield;

/* A message a part loaded on a worker thread keeps for the calling thread to
 * replay (parallel load, see load_lines): a rejected record, or an unknown
 * field's first occurrence in the part. */
typedef struct ldevent {
    long line;       /* from the part's first line (0); -1: an unknown field */
    size_t text;     /* the reason, or the field name: offset in ldlog.text */
    const char *raw; /* the record's text in the input, or NULL ... */
    size_t rawoff;   /* ... then its copy in ldlog.text */
    size_t rawn;
} ldevent;

typedef struct ldlog {
    ldevent *ev;
    size_t n, cap;
    dbuf text; /* NUL-terminated reasons and field names, copied raw texts */
} ldlog;

typedef struct ldctx {
    size_t released_steps; /* release_before: 64 MiB steps of input released */
    const char *name;      /* path or buffer name, for messages */
    htable *t;
    tbuild *b;
    ing_stats *st;
    ing_diag_fn diag;
    void *diag_arg;
    bool quiet;      /* the inference pass reports nothing */
    htable *scratch; /* a field-less new table, or a part's rows; not in the catalog */
    ldlog *log;      /* a part on a worker thread: messages kept here, not reported */

    /* column mapping */
    int af_col;          /* AdditionalFields, or -1 */
    int ts_col, rid_col; /* alias targets (Timestamp, ResourceId), or -1 */
    keyslot cache[KEYCACHE_MAX];
    uint64_t *colset; /* per column: rowstamp when set in this record */
    uint64_t rowstamp;
    char **reported; /* unknown field names already reported */
    int nreported;

    /* inference */
    infield *fields;
    int nfields, fcap;
    keyslot icache[KEYCACHE_MAX];

    /* per record */
    const char *xkeys[MAX_EXTRAS];
    json_t *xvals[MAX_EXTRAS];
    int nextra;
    json_t *afval;
    char reason[512];
    dbuf dyn, txt;

    /* hooks (ingest.h ing_opts) and the record being loaded */
    ing_opts o;
    const char *raw; /* its text, when it came from a span of the input */
    size_t rawn;
    json_t *cur;         /* the parsed record, for its text otherwise */
    json_t *const *recs; /* ing_load_records input */
    const long *lines;
    size_t nrecs;

    /* the fast scanner (ingest/fast_ndjson.h) */
    bool fast;
    fnj_record fr;
    int *fcols; /* per field of fr: its column (loading) or field (inference) */
    int fcolcap;
    uint64_t *istamp; /* per inferred field: irow when seen in this record */
    int istampcap;
    uint64_t irow;
} ldctx;

typedef bool (*record_fn)(ldctx *c, json_t *rec, long line);

/* --- small helpers ------------------------------------------------------- */

static void diagf(ldctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void diagf(ldctx *c, const char *fmt, ...)
{
    if (!c->diag || c->quiet)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    c->diag(c->diag_arg, buf);
}

/* Hands a rejected record to the reject hook with its raw text. */
static void reject_hook(ldctx *c, long line, const char *reason)
{
    if (c->raw) {
        c->o.reject(c->o.reject_arg, line, reason, c->raw, c->rawn);
        return;
    }
    char *txt = c->cur ? json_dumps(c->cur, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    c->o.reject(c->o.reject_arg, line, reason, txt ? txt : "", txt ? strlen(txt) : 0);
    free(txt);
}

/* Appends a message to the log of a part loaded on a worker thread; returns
 * it for the caller to fill in. text is copied (NUL-terminated). */
static ldevent *log_add(ldlog *l, long line, const char *text)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->ev = realloc(l->ev, l->cap * sizeof *l->ev);
        if (!l->ev)
            abort();
    }
    ldevent *e = &l->ev[l->n++];
    memset(e, 0, sizeof *e);
    e->line = line;
    e->text = l->text.n;
    dbuf_put(&l->text, text, strlen(text) + 1);
    return e;
}

/* Keeps a rejected record for the replay: its line, reason and raw text
 * (pointed to in the input, which stays readable: a released range of a
 * mapped file reads back from the file; or a copy of the re-serialized
 * record). */
static void log_reject(ldctx *c, long line, const char *reason)
{
    ldevent *e = log_add(c->log, line, reason);
    if (c->raw) {
        e->raw = c->raw;
        e->rawn = c->rawn;
        return;
    }
    char *txt = c->cur ? json_dumps(c->cur, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    e->rawoff = c->log->text.n;
    e->rawn = txt ? strlen(txt) : 0;
    dbuf_put(&c->log->text, txt ? txt : "", e->rawn);
    free(txt);
}

static void reject(ldctx *c, long line, const char *reason)
{
    if (c->quiet)
        return;
    if (c->log) {
        log_reject(c, line, reason);
        return;
    }
    c->st->rows_rejected++;
    diagf(c, "%s:%ld: %s", c->name, line, reason);
    if (c->o.reject)
        reject_hook(c, line, reason);
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (!p)
        abort();
    memcpy(p, s, n + 1);
    return p;
}

static bool is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Writes a short quoted excerpt of s for a message. */
static void excerpt(char *out, size_t cap, const char *s, size_t n)
{
    size_t k = n > 40 ? 40 : n;
    snprintf(out, cap, "\"%.*s%s\"", (int)k, s, n > 40 ? "..." : "");
}

/* A value as the coercion code sees it: a scalar, or a jansson object or
 * array (FNJ_NESTED). Records parsed by jansson and records read by the
 * fast scanner (ingest/fast_ndjson.h) both go through it, so they load the
 * same way. */
static fnj_value ival_of(const json_t *v)
{
    fnj_value x;
    memset(&x, 0, sizeof x);
    switch (json_typeof(v)) {
    case JSON_OBJECT:
    case JSON_ARRAY:
        x.t = FNJ_NESTED;
        x.j = v;
        break;
    case JSON_STRING:
        x.t = FNJ_STR;
        x.s = json_string_value(v);
        x.n = json_string_length(v);
        break;
    case JSON_INTEGER:
        x.t = FNJ_INT;
        x.i = (int64_t)json_integer_value(v);
        break;
    case JSON_REAL:
        x.t = FNJ_REAL;
        x.r = json_real_value(v);
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        x.t = FNJ_BOOL;
        x.b = json_is_true(v);
        break;
    default:
        x.t = FNJ_NULL;
        break;
    }
    return x;
}

static const char *kind_name(const fnj_value *v)
{
    switch (v->t) {
    case FNJ_NESTED:
        if (!v->j)
            return v->n && v->s[0] == '{' ? "an object" : "an array";
        return json_is_object(v->j) ? "an object" : "an array";
    case FNJ_STR:
        return "a string";
    case FNJ_INT:
    case FNJ_REAL:
        return "a number";
    case FNJ_BOOL:
        return "a bool";
    default:
        return "null";
    }
}

static const char *json_kind_name(const json_t *v)
{
    fnj_value x = ival_of(v);
    return kind_name(&x);
}

static bool is_number(const fnj_value *v)
{
    return v->t == FNJ_INT || v->t == FNJ_REAL;
}

static double number_value(const fnj_value *v)
{
    return v->t == FNJ_INT ? (double)v->i : v->r;
}

/* --- jansson tree to the dynamic encoding --------------------------------- */

static void json_to_dyn(const json_t *v, dbuf *d)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        size_t mark = dyn_begin_object(d);
        const char *k;
        size_t kn;
        json_t *x;
        uint32_t count = 0;
        json_object_keylen_foreach((json_t *)v, k, kn, x)
        {
            dyn_put_key(d, k, kn);
            json_to_dyn(x, d);
            count++;
        }
        dyn_end(d, mark, count);
        break;
    }
    case JSON_ARRAY: {
        size_t mark = dyn_begin_array(d);
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            json_to_dyn(x, d);
        }
        dyn_end(d, mark, (uint32_t)json_array_size(v));
        break;
    }
    case JSON_STRING:
        dyn_put_string(d, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        dyn_put_long(d, (int64_t)json_integer_value(v));
        break;
    case JSON_REAL:
        dyn_put_real(d, json_real_value(v));
        break;
    case JSON_TRUE:
        dyn_put_bool(d, true);
        break;
    case JSON_FALSE:
        dyn_put_bool(d, false);
        break;
    default:
        dyn_put_null(d);
        break;
    }
}

/* The compact JSON text of v (Kusto style), left in c->txt. */
static void json_compact(ldctx *c, const json_t *v)
{
    dbuf_reset(&c->dyn);
    dbuf_reset(&c->txt);
    json_to_dyn(v, &c->dyn);
    dyn_to_json(c->dyn.p, &c->txt);
}

/* --- coercion to a column type -------------------------------------------- */

static bool str_ieq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && strncasecmp(s, lit, n) == 0;
}

/* Epoch number to ticks: seconds, milliseconds, microseconds or nanoseconds
 * told apart by magnitude (seconds up to year 5138). */
static bool epoch_ticks(double v, int64_t *ticks)
{
    double a = fabs(v), t;
    if (a < 1e11)
        t = v * HT_TICKS_PER_SEC;
    else if (a < 1e14)
        t = v * HT_TICKS_PER_MS;
    else if (a < 1e17)
        t = v * HT_TICKS_PER_US;
    else
        t = v / 100.0;
    if (!(t >= (double)HT_DATETIME_MIN && t <= (double)HT_DATETIME_MAX))
        return false;
    *ticks = (int64_t)llround(t);
    return true;
}

static bool conv_fail(ldctx *c, const char *field, const fnj_value *v, htype t, const char *why)
{
    char ex[64];
    if (v->t == FNJ_STR)
        excerpt(ex, sizeof ex, v->s, v->n);
    else if (v->t == FNJ_INT)
        snprintf(ex, sizeof ex, "%lld", (long long)v->i);
    else if (v->t == FNJ_REAL)
        snprintf(ex, sizeof ex, "%.17g", v->r);
    else
        snprintf(ex, sizeof ex, "%s", kind_name(v));
    snprintf(c->reason, sizeof c->reason, "field '%s': cannot convert %s to %s%s", field, ex,
             ht_name(t), why ? why : "");
    return false;
}

static bool put_integer(ldctx *c, int col, const char *f, const fnj_value *v, htype t)
{
    int64_t x;
    if (v->t == FNJ_INT) {
        x = v->i;
    } else if (v->t == FNJ_REAL) {
        double r = v->r;
        if (!(r >= -9.2233720368547758e18 && r < 9.2233720368547758e18) || r != floor(r))
            return conv_fail(c, f, v, t, NULL);
        x = (int64_t)r;
    } else if (v->t == FNJ_BOOL) {
        x = v->b;
    } else if (v->t == FNJ_STR) {
        if (v->n == 0) {
            tbuild_null(c->b, col);
            return true;
        }
        if (!ht_parse_long(v->s, v->n, &x))
            return conv_fail(c, f, v, t, NULL);
    } else {
        return conv_fail(c, f, v, t, NULL);
    }
    if (t == HT_INT && (x < INT32_MIN || x > INT32_MAX))
        return conv_fail(c, f, v, t, " (out of range)");
    tbuild_long(c->b, col, x);
    return true;
}

static bool put_real(ldctx *c, int col, const char *f, const fnj_value *v)
{
    double r;
    if (is_number(v)) {
        r = number_value(v);
    } else if (v->t == FNJ_STR) {
        if (v->n == 0) {
            tbuild_null(c->b, col);
            return true;
        }
        if (!ht_parse_real(v->s, v->n, &r))
            return conv_fail(c, f, v, HT_REAL, NULL);
    } else if (v->t == FNJ_BOOL) {
        r = v->b;
    } else {
        return conv_fail(c, f, v, HT_REAL, NULL);
    }
    tbuild_real(c->b, col, r);
    return true;
}

static bool put_bool(ldctx *c, int col, const char *f, const fnj_value *v)
{
    if (v->t == FNJ_BOOL) {
        tbuild_bool(c->b, col, v->b);
        return true;
    }
    if (v->t == FNJ_INT && (v->i == 0 || v->i == 1)) {
        tbuild_bool(c->b, col, v->i == 1);
        return true;
    }
    if (v->t == FNJ_STR) {
        if (v->n == 0) {
            tbuild_null(c->b, col);
            return true;
        }
        if (str_ieq(v->s, v->n, "true") || str_ieq(v->s, v->n, "1") ||
            str_ieq(v->s, v->n, "false") || str_ieq(v->s, v->n, "0")) {
            tbuild_bool(c->b, col, str_ieq(v->s, v->n, "true") || str_ieq(v->s, v->n, "1"));
            return true;
        }
    }
    return conv_fail(c, f, v, HT_BOOL, NULL);
}

static bool put_datetime(ldctx *c, int col, const char *f, const fnj_value *v)
{
    int64_t ticks;
    double r;
    if (v->t == FNJ_STR) {
        if (v->n == 0) {
            tbuild_null(c->b, col);
            return true;
        }
        if (ht_parse_datetime(v->s, v->n, &ticks) ||
            (ht_parse_real(v->s, v->n, &r) && epoch_ticks(r, &ticks))) {
            tbuild_long(c->b, col, ticks);
            return true;
        }
    } else if (is_number(v) && epoch_ticks(number_value(v), &ticks)) {
        tbuild_long(c->b, col, ticks);
        return true;
    }
    return conv_fail(c, f, v, HT_DATETIME, NULL);
}

static bool put_timespan(ldctx *c, int col, const char *f, const fnj_value *v)
{
    int64_t ticks;
    if (v->t == FNJ_STR) {
        if (v->n == 0) {
            tbuild_null(c->b, col);
            return true;
        }
        if (ht_parse_timespan(v->s, v->n, &ticks)) {
            tbuild_long(c->b, col, ticks);
            return true;
        }
    } else if (v->t == FNJ_INT) { /* ticks, as totimespan(long) */
        tbuild_long(c->b, col, v->i);
        return true;
    }
    return conv_fail(c, f, v, HT_TIMESPAN, NULL);
}

static bool put_guid(ldctx *c, int col, const char *f, const fnj_value *v)
{
    hguid g;
    if (v->t == FNJ_STR) {
        if (v->n == 0) {
            tbuild_null(c->b, col);
            return true;
        }
        if (ht_parse_guid(v->s, v->n, &g)) {
            tbuild_guid(c->b, col, &g);
            return true;
        }
    }
    return conv_fail(c, f, v, HT_GUID, NULL);
}

static void put_string(ldctx *c, int col, const fnj_value *v)
{
    char buf[48];
    switch (v->t) {
    case FNJ_STR:
        tbuild_str(c->b, col, v->s, v->n);
        break;
    case FNJ_INT:
        tbuild_str(c->b, col, buf, (size_t)snprintf(buf, sizeof buf, "%lld", (long long)v->i));
        break;
    case FNJ_REAL:
        tbuild_str(c->b, col, buf, ht_format_real(v->r, buf));
        break;
    case FNJ_BOOL:
        tbuild_str(c->b, col, v->b ? "true" : "false", v->b ? 4 : 5);
        break;
    case FNJ_NULL:
        tbuild_null(c->b, col);
        break;
    default:
        if (!v->j) { /* scanned text: the same compact form json_compact makes */
            dbuf_reset(&c->dyn);
            dbuf_reset(&c->txt);
            dyn_from_json(v->s, v->n, &c->dyn, NULL, 0);
            dyn_to_json(c->dyn.p, &c->txt);
        } else {
            json_compact(c, v->j);
        }
        tbuild_str(c->b, col, (const char *)c->txt.p, c->txt.n);
        break;
    }
}

/* The dynamic encoding of a scalar, as json_to_dyn writes it. */
static void scalar_to_dyn(const fnj_value *v, dbuf *d)
{
    switch (v->t) {
    case FNJ_STR:
        dyn_put_string(d, v->s, v->n);
        break;
    case FNJ_INT:
        dyn_put_long(d, v->i);
        break;
    case FNJ_REAL:
        dyn_put_real(d, v->r);
        break;
    case FNJ_BOOL:
        dyn_put_bool(d, v->b);
        break;
    default:
        dyn_put_null(d);
        break;
    }
}

/* A string that holds a JSON object or array becomes that value in a dynamic
 * column; any other string stays a dynamic string. */
static void put_dynamic(ldctx *c, int col, const fnj_value *v)
{
    dbuf_reset(&c->dyn);
    if (v->t == FNJ_NULL) {
        tbuild_null(c->b, col);
        return;
    }
    if (v->t == FNJ_STR) {
        size_t i = 0;
        while (i < v->n && is_ws(v->s[i]))
            i++;
        if (i < v->n && (v->s[i] == '{' || v->s[i] == '[') &&
            dyn_from_json(v->s, v->n, &c->dyn, NULL, 0)) {
            tbuild_str(c->b, col, (const char *)c->dyn.p, c->dyn.n);
            return;
        }
        dbuf_reset(&c->dyn);
    }
    if (v->t == FNJ_NESTED && !v->j)
        dyn_from_json(v->s, v->n, &c->dyn, NULL, 0); /* validated by the scanner */
    else if (v->t == FNJ_NESTED)
        json_to_dyn(v->j, &c->dyn);
    else
        scalar_to_dyn(v, &c->dyn);
    tbuild_str(c->b, col, (const char *)c->dyn.p, c->dyn.n);
}

/* Writes v into column col; false (c->reason set) when it cannot convert. */
static bool put_ival(ldctx *c, int col, const char *field, const fnj_value *v)
{
    htype t = c->t->schema.types[col];
    if (v->t == FNJ_NULL) {
        tbuild_null(c->b, col);
        return true;
    }
    switch (t) {
    case HT_BOOL:
        return put_bool(c, col, field, v);
    case HT_INT:
    case HT_LONG:
        return put_integer(c, col, field, v, t);
    case HT_REAL:
        return put_real(c, col, field, v);
    case HT_DATETIME:
        return put_datetime(c, col, field, v);
    case HT_TIMESPAN:
        return put_timespan(c, col, field, v);
    case HT_GUID:
        return put_guid(c, col, field, v);
    case HT_DYNAMIC:
        put_dynamic(c, col, v);
        return true;
    default:
        put_string(c, col, v);
        return true;
    }
}

static bool put_value(ldctx *c, int col, const char *field, const json_t *v)
{
    fnj_value x = ival_of(v);
    return put_ival(c, col, field, &x);
}

/* --- field to column mapping ---------------------------------------------- */

static int lookup_column(ldctx *c, const char *key, size_t kn)
{
    const hschema *s = &c->t->schema;
    int col = schema_find(s, key, kn);
    if (col >= 0)
        return col;
    if (c->ts_col >= 0 && kn == 13 && memcmp(key, "TimeGenerated", 13) == 0)
        return c->ts_col;
    if (c->rid_col >= 0 && kn == 15 && memcmp(key, "CloudResourceId", 15) == 0)
        return c->rid_col;
    return -1;
}

static int cached_column(ldctx *c, size_t pos, const char *key, size_t kn)
{
    if (pos >= KEYCACHE_MAX)
        return lookup_column(c, key, kn);
    keyslot *k = &c->cache[pos];
    if (k->key && strcmp(k->key, key) == 0)
        return k->col;
    free(k->key);
    k->key = dupstr(key);
    k->col = lookup_column(c, key, kn);
    return k->col;
}

static void report_unknown(ldctx *c, const char *key)
{
    for (int i = 0; i < c->nreported; i++)
        if (strcmp(c->reported[i], key) == 0)
            return;
    char **p = realloc(c->reported, (size_t)(c->nreported + 1) * sizeof *p);
    if (!p)
        abort();
    c->reported = p;
    c->reported[c->nreported++] = dupstr(key);
    if (c->log) {
        log_add(c->log, -1, key);
        return;
    }
    c->st->unknown_fields++;
    diagf(c, "%s: field '%s' is not in the schema of %s; not loaded", c->name, key, c->t->name);
}

/* The AdditionalFields bag with the record's extra fields merged in; a new
 * reference the caller drops. Keys the bag already has are kept. */
static json_t *merged_bag(ldctx *c)
{
    json_t *bag = NULL, *af = c->afval;
    if (af && json_is_object(af)) {
        bag = json_incref(af);
    } else if (af && json_is_string(af) && json_string_length(af) > 0) {
        bag = json_loadb(json_string_value(af), json_string_length(af), 0, NULL);
        if (bag && !json_is_object(bag)) {
            json_decref(bag);
            bag = NULL;
        }
        if (!bag) {
            bag = json_object();
            json_object_set(bag, "AdditionalFields", af);
        }
    } else {
        bag = json_object();
        if (af && !json_is_null(af) && !json_is_string(af))
            json_object_set(bag, "AdditionalFields", af);
    }
    for (int i = 0; i < c->nextra; i++)
        if (!json_object_get(bag, c->xkeys[i]))
            json_object_set(bag, c->xkeys[i], c->xvals[i]);
    return bag;
}

static bool put_additional(ldctx *c)
{
    if (c->nextra == 0) {
        if (!c->afval)
            return true;
        return put_value(c, c->af_col, "AdditionalFields", c->afval);
    }
    json_t *bag = merged_bag(c);
    bool ok = put_value(c, c->af_col, "AdditionalFields", bag);
    json_decref(bag);
    return ok;
}

/* --- loading one record ---------------------------------------------------- */

static bool load_field(ldctx *c, size_t pos, const char *key, size_t kn, json_t *v)
{
    int col = cached_column(c, pos, key, kn);
    if (col >= 0 && c->colset[col] == c->rowstamp && strcmp(c->t->schema.names[col], key) != 0)
        col = -1; /* an alias whose column the record already set */
    if (col == c->af_col && col >= 0) {
        c->afval = v;
        c->colset[col] = c->rowstamp;
        return true;
    }
    if (col < 0) {
        if (c->af_col >= 0 && c->nextra < MAX_EXTRAS) {
            c->xkeys[c->nextra] = key;
            c->xvals[c->nextra++] = v;
        } else {
            report_unknown(c, key);
        }
        return true;
    }
    c->colset[col] = c->rowstamp;
    return put_value(c, col, key, v);
}

static bool load_record(ldctx *c, json_t *rec, long line)
{
    if (!json_is_object(rec)) {
        snprintf(c->reason, sizeof c->reason, "record is %s, not a JSON object",
                 json_kind_name(rec));
        reject(c, line, c->reason);
        return false;
    }
    c->rowstamp++;
    c->nextra = 0;
    c->afval = NULL;
    const char *key;
    size_t kn, pos = 0;
    json_t *v;
    bool ok = true;
    json_object_keylen_foreach(rec, key, kn, v)
    {
        if (!(ok = load_field(c, pos++, key, kn, v)))
            break;
    }
    if (ok && c->af_col >= 0)
        ok = put_additional(c);
    if (!ok) {
        tbuild_cancel_row(c->b);
        reject(c, line, c->reason);
        return false;
    }
    tbuild_end_row(c->b);
    c->st->rows_loaded++;
    return true;
}

/* --- inference ------------------------------------------------------------- */

static bool looks_iso_date(const char *s, size_t n)
{
    return n >= 10 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
           s[2] <= '9' && s[3] >= '0' && s[3] <= '9' && s[4] == '-' && s[7] == '-';
}

/* The kind of a CSV cell: numbers and bools written as text count as such. */
static int text_kind(const char *s, size_t n)
{
    int64_t x;
    double r;
    if (str_ieq(s, n, "true") || str_ieq(s, n, "false"))
        return K_BOOL;
    if (n > 0 && n < 19 && ht_parse_long(s, n, &x) && memchr(s, '.', n) == NULL &&
        !(n > 1 && s[0] == '0'))
        return K_LONG;
    if (n > 0 && (s[0] == '-' || s[0] == '.' || (s[0] >= '0' && s[0] <= '9')) &&
        ht_parse_real(s, n, &r) && !(n > 1 && s[0] == '0' && s[1] != '.'))
        return K_REAL;
    return K_STRING;
}

static int ival_kind(const ldctx *c, const fnj_value *v)
{
    int64_t ticks;
    switch (v->t) {
    case FNJ_NESTED:
        return K_DYNAMIC;
    case FNJ_STR:
        if (v->n == 0)
            return K_NONE;
        if (looks_iso_date(v->s, v->n) && ht_parse_datetime(v->s, v->n, &ticks))
            return K_DATETIME;
        return c->o.text_values ? text_kind(v->s, v->n) : K_STRING;
    case FNJ_INT:
        return K_LONG;
    case FNJ_REAL:
        return K_REAL;
    case FNJ_BOOL:
        return K_BOOL;
    default:
        return K_NONE;
    }
}

static int value_kind(const ldctx *c, const json_t *v)
{
    fnj_value x = ival_of(v);
    return ival_kind(c, &x);
}

static int merge_kind(int a, int b)
{
    if (a == K_NONE || a == b)
        return b;
    if (b == K_NONE)
        return a;
    if ((a == K_LONG || a == K_REAL) && (b == K_LONG || b == K_REAL))
        return K_REAL;
    if (a == K_DYNAMIC || b == K_DYNAMIC)
        return K_DYNAMIC;
    return K_STRING;
}

static htype kind_type(int k)
{
    static const htype map[] = {HT_STRING,   HT_BOOL,   HT_LONG,   HT_REAL,
                                HT_DATETIME, HT_STRING, HT_DYNAMIC};
    return map[k];
}

static int infer_field(ldctx *c, size_t pos, const char *key)
{
    keyslot *k = pos < KEYCACHE_MAX ? &c->icache[pos] : NULL;
    if (k && k->key && strcmp(k->key, key) == 0)
        return k->col;
    int f = -1;
    for (int i = 0; i < c->nfields; i++)
        if (strcmp(c->fields[i].name, key) == 0)
            f = i;
    if (f < 0) {
        if (c->nfields == c->fcap) {
            c->fcap = c->fcap ? 2 * c->fcap : 32;
            c->fields = realloc(c->fields, (size_t)c->fcap * sizeof *c->fields);
            if (!c->fields)
                abort();
        }
        f = c->nfields++;
        c->fields[f].name = dupstr(key);
        c->fields[f].kind = K_NONE;
    }
    if (k) {
        free(k->key);
        k->key = dupstr(key);
        k->col = f;
    }
    return f;
}

static bool infer_record(ldctx *c, json_t *rec, long line)
{
    (void)line;
    if (!json_is_object(rec))
        return false;
    const char *key;
    size_t pos = 0;
    json_t *v;
    json_object_foreach(rec, key, v)
    {
        int f = infer_field(c, pos++, key);
        c->fields[f].kind = merge_kind(c->fields[f].kind, value_kind(c, v));
    }
    return true;
}

/* --- splitting the input into records ------------------------------------- */

/* End of the JSON value starting at p (an object, array, string or bare
 * scalar), or NULL when it is not closed before end. Adds its newlines. */
static const char *skip_value(const char *p, const char *end, long *line)
{
    int depth = 0;
    bool instr = false;
    if (*p != '{' && *p != '[' && *p != '"') {
        while (p < end && !is_ws(*p) && *p != ',' && *p != ']' && *p != '}')
            p++;
        return p;
    }
    for (; p < end; p++) {
        char ch = *p;
        if (ch == '\n')
            (*line)++;
        if (instr) {
            if (ch == '\\' && p + 1 < end)
                p++;
            else if (ch == '"')
                instr = false;
            if (!instr && depth == 0)
                return p + 1;
            continue;
        }
        if (ch == '"')
            instr = true;
        else if (ch == '{' || ch == '[')
            depth++;
        else if ((ch == '}' || ch == ']') && --depth == 0)
            return p + 1;
    }
    return NULL;
}

static const char *skip_ws(const char *p, const char *end, long *line)
{
    for (; p < end && is_ws(*p); p++)
        if (*p == '\n')
            (*line)++;
    return p;
}

/* Hands one parsed record to fn, through the transform hook when set. */
static void feed(ldctx *c, json_t *rec, long line, record_fn fn)
{
    json_t *x = c->o.xform ? c->o.xform(c->o.xform_arg, rec) : NULL;
    c->cur = x ? x : rec;
    fn(c, c->cur, line);
    c->cur = NULL;
    if (x)
        json_decref(x);
}

/* --- records read by the fast scanner --------------------------------------- */

static void fast_reserve(ldctx *c)
{
    if (c->fr.n <= c->fcolcap)
        return;
    c->fcolcap = c->fr.n * 2;
    c->fcols = realloc(c->fcols, (size_t)c->fcolcap * sizeof *c->fcols);
    if (!c->fcols)
        abort();
}

/* Maps the fields of c->fr to columns; false when the record needs the
 * general path: a key twice (or a key and its alias), or fields that go
 * into the AdditionalFields bag. */
static bool fast_columns(ldctx *c)
{
    fast_reserve(c);
    c->rowstamp++;
    for (int i = 0; i < c->fr.n; i++) {
        const fnj_field *f = &c->fr.f[i];
        int col = cached_column(c, (size_t)i, f->key, f->kn);
        if (col < 0 && c->af_col >= 0)
            return false;
        if (col >= 0 && c->colset[col] == c->rowstamp)
            return false;
        if (col >= 0)
            c->colset[col] = c->rowstamp;
        c->fcols[i] = col;
    }
    return true;
}

/* load_record over c->fr. false: not loaded, take the jansson path. */
static bool fast_load(ldctx *c, long line)
{
    if (!fast_columns(c))
        return false;
    const fnj_value *af = NULL;
    bool ok = true;
    for (int i = 0; ok && i < c->fr.n; i++) {
        int col = c->fcols[i];
        if (col < 0)
            report_unknown(c, c->fr.f[i].key);
        else if (col == c->af_col)
            af = &c->fr.f[i].v;
        else
            ok = put_ival(c, col, c->fr.f[i].key, &c->fr.f[i].v);
    }
    if (ok && af)
        ok = put_ival(c, c->af_col, "AdditionalFields", af);
    if (!ok) {
        tbuild_cancel_row(c->b);
        reject(c, line, c->reason);
        return true;
    }
    tbuild_end_row(c->b);
    c->st->rows_loaded++;
    return true;
}

/* infer_record over c->fr. false: a key twice, take the jansson path. */
static bool fast_infer(ldctx *c)
{
    fast_reserve(c);
    c->irow++;
    for (int i = 0; i < c->fr.n; i++) {
        int f = infer_field(c, (size_t)i, c->fr.f[i].key);
        if (f >= c->istampcap) {
            int cap = c->fcap > f ? c->fcap : f + 1;
            c->istamp = realloc(c->istamp, (size_t)cap * sizeof *c->istamp);
            if (!c->istamp)
                abort();
            memset(c->istamp + c->istampcap, 0, (size_t)(cap - c->istampcap) * sizeof *c->istamp);
            c->istampcap = cap;
        }
        if (c->istamp[f] == c->irow)
            return false;
        c->istamp[f] = c->irow;
        c->fcols[i] = f;
    }
    for (int i = 0; i < c->fr.n; i++) {
        infield *f = &c->fields[c->fcols[i]];
        f->kind = merge_kind(f->kind, ival_kind(c, &c->fr.f[i].v));
    }
    return true;
}

/* Loads (or infers) one span with the fast scanner when it can; false when
 * the span needs jansson. */
static bool fast_span(ldctx *c, const char *p, size_t n, long line, record_fn fn)
{
    if (!c->fast || c->o.xform || (fn != load_record && fn != infer_record) ||
        !fnj_scan(&c->fr, p, n))
        return false;
    c->raw = p;
    c->rawn = n;
    bool done = fn == load_record ? fast_load(c, line) : fast_infer(c);
    c->raw = NULL;
    return done;
}

/* Parses one record span and hands it to fn; a parse error rejects it. */
static void parse_span(ldctx *c, const char *p, size_t n, long line, record_fn fn)
{
    if (fast_span(c, p, n, line, fn))
        return;
    json_error_t je;
    size_t flags = JSON_DECODE_ANY | JSON_ALLOW_NUL;
    json_t *rec = json_loadb(p, n, flags, &je);
    if (!rec && strstr(je.text, "too big"))
        rec = json_loadb(p, n, flags | JSON_DECODE_INT_AS_REAL, &je);
    if (!rec) {
        long at = line + (je.line > 1 ? je.line - 1 : 0);
        snprintf(c->reason, sizeof c->reason, "invalid JSON: %s (column %d)", je.text, je.column);
        c->raw = p;
        c->rawn = n;
        reject(c, at, c->reason);
        c->raw = NULL;
        return;
    }
    c->raw = p;
    c->rawn = n;
    feed(c, rec, line, fn);
    c->raw = NULL;
    json_decref(rec);
}

/* Gives back to the kernel the pages of a mapped input before p (already
 * parsed), every 64 MiB, when the caller allowed it (ing_opts.release_input). */
static void release_before(ldctx *c, const char *base, const char *p)
{
    if (!c->o.release_input)
        return;
    const size_t step = (size_t)64 << 20;
    uintptr_t b = (uintptr_t)base, at = (uintptr_t)p;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t start = (b + page - 1) & ~(page - 1);
    uintptr_t stop = at & ~(page - 1);
    if (stop > start && stop - start >= step && ((stop - start) / step) != c->released_steps) {
        madvise((void *)start, stop - start, MADV_DONTNEED);
        c->released_steps = (stop - start) / step;
    }
}

/* Feeds each line of p..end to fn, the first being line `line`; returns the
 * number after the last line's. */
static long split_lines(ldctx *c, const char *p, const char *end, long line, record_fn fn)
{
    const char *base = p;
    while (p < end) {
        if ((line & 4095) == 0)
            release_before(c, base, p);
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *s = p;
        while (s < e && is_ws(*s))
            s++;
        const char *t = e;
        while (t > s && is_ws(t[-1]))
            t--;
        if (t > s)
            parse_span(c, s, (size_t)(t - s), line, fn);
        line++;
        p = nl ? nl + 1 : end;
    }
    return line;
}

/* Top-level values one after another (pretty-printed objects); in_array:
 * the elements of an array whose '[' was consumed. */
static void split_values(ldctx *c, const char *p, const char *end, long line, bool in_array,
                         record_fn fn)
{
    for (;;) {
        p = skip_ws(p, end, &line);
        if (p >= end) {
            if (in_array)
                reject(c, line, "unterminated JSON array (missing ']')");
            return;
        }
        if (in_array && *p == ']')
            return;
        long start = line;
        const char *e = skip_value(p, end, &line);
        if (!e) {
            reject(c, start, "unterminated JSON value; the rest of the input is not loaded");
            return;
        }
        if (e == p) /* a stray ',', ']' or '}': rejected as a value of its own, so the
                     * loop moves on (it read the same byte again without end) */
            e = p + 1;
        parse_span(c, p, (size_t)(e - p), start, fn);
        p = skip_ws(e, end, &line);
        if (in_array && p < end && *p == ',') {
            p++;
        } else if (in_array && p < end && *p != ']') {
            reject(c, line,
                   "expected ',' or ']' after an array element; the rest of the "
                   "input is not loaded");
            return;
        }
    }
}

static void load_lines(ldctx *c, const char *p, const char *end, long line, record_fn fn);

/* Decides the layout of the input and feeds each record to fn. Returns false
 * (err set) when the input is not JSON records at all. */
static bool for_each_record(ldctx *c, const char *data, size_t n, record_fn fn, char *err,
                            size_t errcap)
{
    const char *p = data, *end = data + n;
    long line = c->o.first_line > 0 ? c->o.first_line : 1;
    if (c->recs) {
        for (size_t i = 0; i < c->nrecs; i++)
            feed(c, c->recs[i], c->lines ? c->lines[i] : (long)i + 1, fn);
        return true;
    }
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    const char *body = p;
    long body_line = line;
    p = skip_ws(p, end, &line);
    if (p >= end)
        return true;
    if (*p == '[') {
        split_values(c, p + 1, end, line, true, fn);
        return true;
    }
    if (*p == '{') {
        long l2 = line;
        const char *e = skip_value(p, end, &l2);
        if (e && l2 != line) /* the first object spans lines: pretty-printed */
            split_values(c, p, end, line, false, fn);
        else
            load_lines(c, body, end, body_line, fn);
        return true;
    }
    /* Not '{' nor '[': NDJSON whose first line is bad, or not JSON at all. */
    for (const char *q = p; q < end;) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q < end && *q == '{') {
            load_lines(c, body, end, body_line, fn);
            return true;
        }
        q = nl ? nl + 1 : end;
    }
    snprintf(err, errcap, "%s:%ld: not JSON records (expected '{' or '[')", c->name, line);
    return false;
}

/* --- table set-up ---------------------------------------------------------- */

static bool is_builtin(const char *name)
{
    for (const builtin_schema *b = builtin_schemas; b->table; b++)
        if (strcmp(b->table, name) == 0)
            return true;
    return false;
}

/* The type of a new column of a table with open columns: its Log Analytics
 * suffix's (httpStatus_d is real) when the values fit it, else the values'. */
static htype open_column_type(const char *name, int kind)
{
    htype t = la_suffix_type(name, strlen(name));
    bool fits = kind == K_NONE || (t == HT_STRING && kind == K_STRING) ||
                (t == HT_REAL && (kind == K_LONG || kind == K_REAL)) ||
                (t == HT_BOOL && kind == K_BOOL) || (t == HT_DATETIME && kind == K_DATETIME);
    if (t != HT_UNKNOWN && t != HT_GUID && fits)
        return t;
    return kind_type(kind);
}

/* A built-in table with open columns (AzureDiagnostics) gains the inferred
 * fields it lacks as columns, as its reference describes, until it has
 * OPEN_TABLE_MAX_COLUMNS; the fields beyond go to AdditionalFields. */
static void widen_open_table(ldctx *c, htable *t)
{
    for (int i = 0; i < c->nfields && t->schema.ncols < OPEN_TABLE_MAX_COLUMNS; i++) {
        const char *f = c->fields[i].name;
        if (schema_find(&t->schema, f, strlen(f)) < 0)
            table_add_column(t, f, open_column_type(f, c->fields[i].kind));
    }
}

/* Creates the table from its built-in schema or from the inferred fields,
 * or widens a non-built-in table (or one with open columns) with the
 * inferred fields it lacks. */
static htable *prepare_table(ldctx *c, hcatalog *cat, const char *table)
{
    htable *t = catalog_find(cat, table, strlen(table));
    bool open = catalog_open_columns(table, strlen(table));
    if (!t) {
        for (const builtin_schema *b = builtin_schemas; b->table; b++) {
            hschema s;
            if (strcmp(b->table, table) == 0 && schema_parse(&s, b->columns)) {
                t = catalog_create(cat, table, &s);
                schema_free(&s);
                if (t && open)
                    widen_open_table(c, t);
                return t;
            }
        }
        hschema s;
        schema_init(&s);
        for (int i = 0; i < c->nfields; i++)
            schema_add(&s, c->fields[i].name, kind_type(c->fields[i].kind));
        /* No field at all (empty input, or every record bad): the records are
         * still run, for their messages, against a table kept out of the
         * catalog. */
        t = c->nfields ? catalog_create(cat, table, &s) : (c->scratch = table_new(table, &s));
        schema_free(&s);
        return t;
    }
    if (open) {
        widen_open_table(c, t);
        return t;
    }
    if (is_builtin(table) || schema_find(&t->schema, "AdditionalFields", 16) >= 0)
        return t;
    for (int i = 0; i < c->nfields; i++) {
        const char *f = c->fields[i].name;
        if (schema_find(&t->schema, f, strlen(f)) < 0)
            table_add_column(t, f, kind_type(c->fields[i].kind));
    }
    return t;
}

static void setup_mapping(ldctx *c)
{
    const hschema *s = &c->t->schema;
    c->af_col = schema_find(s, "AdditionalFields", 16);
    int ts = schema_find(s, "Timestamp", 9);
    c->ts_col = ts >= 0 && schema_find(s, "TimeGenerated", 13) < 0 ? ts : -1;
    int rid = schema_find(s, "ResourceId", 10);
    c->rid_col = rid >= 0 && schema_find(s, "CloudResourceId", 15) < 0 ? rid : -1;
    c->colset = calloc((size_t)(s->ncols ? s->ncols : 1), sizeof *c->colset);
    if (!c->colset)
        abort();
}

static void ctx_free(ldctx *c)
{
    for (int i = 0; i < KEYCACHE_MAX; i++) {
        free(c->cache[i].key);
        free(c->icache[i].key);
    }
    for (int i = 0; i < c->nreported; i++)
        free(c->reported[i]);
    free(c->reported);
    for (int i = 0; i < c->nfields; i++)
        free(c->fields[i].name);
    free(c->fields);
    free(c->colset);
    fnj_free(&c->fr);
    free(c->fcols);
    free(c->istamp);
    table_free(c->scratch);
    dbuf_free(&c->dyn);
    dbuf_free(&c->txt);
}

/* --- one large NDJSON input on several threads ------------------------------ */

/* A part of the input loaded on a worker thread: its own context (scanner,
 * key caches, builder) writing into a private table with the schema of the
 * real one, and its messages kept in a log. */
typedef struct ldpart {
    ldctx *c;
    const char *from, *to;
    long lines; /* lines in the part */
    ing_stats st;
    ldlog log;
    pthread_t th;
    bool started;
} ldpart;

/* Threads to load one input on: HUNT_THREADS as engine/bind.c reads it
 * (default 2), at most MAX_PARTS and the online CPUs. */
static int load_threads(void)
{
    const char *env = getenv("HUNT_THREADS");
    int n = env ? atoi(env) : 2;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (n > MAX_PARTS)
        n = MAX_PARTS;
    if (cpus > 0 && n > cpus)
        n = (int)cpus;
    return n < 1 ? 1 : n;
}

/* The input size from which NDJSON is split: HUNT_LOAD_SPLIT_MIN bytes
 * (tests split small inputs), else SPLIT_MIN_BYTES. */
static size_t split_min(void)
{
    const char *env = getenv("HUNT_LOAD_SPLIT_MIN");
    char *e;
    unsigned long long v = env && *env ? strtoull(env, &e, 10) : 0;
    return env && *env && *e == 0 ? (size_t)v : SPLIT_MIN_BYTES;
}

/* Cuts p..end into at most k parts of about equal size, each starting at a
 * line start: part i is cut[i]..cut[i+1]. Returns the number of parts. */
static int cut_parts(const char *p, const char *end, int k, const char **cut)
{
    size_t n = (size_t)(end - p);
    int m = 0;
    cut[0] = p;
    for (int i = 1; i < k; i++) {
        const char *at = p + n / (size_t)k * (size_t)i;
        if (at < cut[m])
            at = cut[m];
        const char *nl = memchr(at, '\n', (size_t)(end - at));
        if (!nl || nl + 1 >= end)
            break;
        cut[++m] = nl + 1;
    }
    cut[++m] = end;
    return m;
}

/* Sets up part p of c's input: a context with c's options loading from..to
 * into a private table; no diag callback or reject hook (see ldlog). */
static void part_init(ldpart *p, const ldctx *c, const char *from, const char *to)
{
    ldctx *w = calloc(1, sizeof *w);
    if (!w)
        abort();
    w->name = c->name;
    w->o = c->o;
    w->o.reject = NULL;
    w->fast = c->fast;
    w->st = &p->st;
    w->log = &p->log;
    w->scratch = table_new(c->t->name, &c->t->schema);
    w->t = w->scratch;
    setup_mapping(w);
    w->b = tbuild_new(w->t);
    p->c = w;
    p->from = from;
    p->to = to;
}

/* A worker thread: loads its part, lines numbered from 0. */
static void *part_run(void *arg)
{
    ldpart *p = arg;
    p->lines = split_lines(p->c, p->from, p->to, 0, load_record);
    tbuild_finish(p->c->b);
    p->c->b = NULL;
    return NULL;
}

/* On the calling thread, after the part's thread ended: reports its messages
 * through c (first: the file's line number of the part's first line; an
 * unknown field once per input), counts its rows, appends its extents to
 * c's table and frees the part. */
static void part_finish(ldctx *c, ldpart *p, long first)
{
    const char *text = (const char *)p->log.text.p;
    for (size_t i = 0; i < p->log.n; i++) {
        const ldevent *e = &p->log.ev[i];
        if (e->line < 0) {
            report_unknown(c, text + e->text);
            continue;
        }
        c->raw = e->raw ? e->raw : text + e->rawoff;
        c->rawn = e->rawn;
        reject(c, first + e->line, text + e->text);
        c->raw = NULL;
    }
    c->st->rows_loaded += p->st.rows_loaded;
    htable *s = p->c->scratch;
    for (int i = 0; i < s->next; i++)
        table_add_extent(c->t, s->ext[i]);
    s->next = 0;
    ctx_free(p->c);
    free(p->c);
    free(p->log.ev);
    dbuf_free(&p->log.text);
}

/* Loads (or infers from) the NDJSON lines p..end, the first numbered line.
 * A large input being loaded without a transform hook is cut at line starts
 * into one part per thread: the calling thread loads the first part into the
 * table as split_lines does, worker threads the others into private tables;
 * then, in file order, each part's messages are reported and its extents
 * appended, so the table, messages and counts are those of one thread. */
static void load_lines(ldctx *c, const char *p, const char *end, long line, record_fn fn)
{
    const char *cut[MAX_PARTS + 1];
    int k = 1;
    if (fn == load_record && !c->o.xform && (size_t)(end - p) >= split_min())
        k = cut_parts(p, end, load_threads(), cut);
    if (k < 2) {
        split_lines(c, p, end, line, fn);
        return;
    }
    ldpart parts[MAX_PARTS];
    memset(parts, 0, sizeof parts);
    json_object_seed(0); /* jansson's hash seed: set here, not raced for by the threads */
    for (int i = 1; i < k; i++) {
        part_init(&parts[i], c, cut[i], cut[i + 1]);
        parts[i].started = pthread_create(&parts[i].th, NULL, part_run, &parts[i]) == 0;
    }
    line = split_lines(c, cut[0], cut[1], line, fn);
    tbuild_finish(c->b); /* the first part's rows come first */
    c->b = tbuild_new(c->t);
    for (int i = 1; i < k; i++) {
        if (parts[i].started)
            pthread_join(parts[i].th, NULL);
        else
            part_run(&parts[i]);
        part_finish(c, &parts[i], line);
        line += parts[i].lines;
    }
}

/* The table name a path implies: its base name up to the first '.'. */
static void name_from_path(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strcspn(b, ".");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, b, n);
    out[n] = 0;
}

/* --- entry points ---------------------------------------------------------- */

/* The common body of the entry points: records come from data[0..n) or,
 * when recs is set, from the caller's array. */
static int load_input(hcatalog *cat, const char *table, const char *name, const char *data,
                      size_t n, json_t *const *recs, const long *lines, size_t nrecs,
                      const ing_opts *o, ing_stats *st, ing_diag_fn diag, void *diag_arg, char *err,
                      size_t errcap)
{
    char tname[256];
    ing_stats dummy = {0};
    if (!st)
        st = &dummy;
    if (!table || !*table) {
        name_from_path(name, tname, sizeof tname);
        table = tname;
    }
    if (!*table) {
        snprintf(err, errcap, "%s: no table name given", name);
        return -1;
    }
    ldctx *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->name = name;
    c->st = st;
    if (o)
        c->o = *o;
    c->recs = recs;
    c->lines = lines;
    c->nrecs = nrecs;
    c->diag = diag;
    c->diag_arg = diag_arg;
    const char *slow = getenv("HUNT_JSON_SLOW"); /* measuring, tests: jansson only */
    c->fast = !c->o.slow_json && !(slow && *slow && strcmp(slow, "0") != 0);
    int rc = 0;
    htable *t = catalog_find(cat, table, strlen(table));
    if (catalog_open_columns(table, strlen(table)) ||
        (!is_builtin(table) && !(t && schema_find(&t->schema, "AdditionalFields", 16) >= 0))) {
        c->quiet = true;
        if (!for_each_record(c, data, n, infer_record, err, errcap)) {
            rc = -1;
            goto done;
        }
        c->quiet = false;
    }
    c->t = prepare_table(c, cat, table);
    if (!c->t) {
        snprintf(err, errcap, "%s: cannot create table %s", name, table);
        rc = -1;
        goto done;
    }
    setup_mapping(c);
    c->b = tbuild_new(c->t);
    if (!for_each_record(c, data, n, load_record, err, errcap))
        rc = -1;
    tbuild_finish(c->b);
    st->bytes_read += (int64_t)n;
done:
    ctx_free(c);
    free(c);
    return rc;
}

/* table may be NULL: the name comes from `name` (a path's base name). st is
 * added to, not reset. */
int ing_load_buffer(hcatalog *cat, const char *table, const char *name, const char *data, size_t n,
                    ing_stats *st, ing_diag_fn diag, void *diag_arg, char *err, size_t errcap)
{
    return load_input(cat, table, name, data, n, NULL, NULL, 0, NULL, st, diag, diag_arg, err,
                      errcap);
}

int ing_load_ex(hcatalog *cat, const char *table, const char *name, const char *data, size_t n,
                const ing_opts *o, ing_stats *st, ing_diag_fn diag, void *diag_arg, char *err,
                size_t errcap)
{
    return load_input(cat, table, name, data, n, NULL, NULL, 0, o, st, diag, diag_arg, err, errcap);
}

int ing_load_records(hcatalog *cat, const char *table, const char *name, json_t *const *recs,
                     const long *lines, size_t nrecs, const ing_opts *o, ing_stats *st,
                     ing_diag_fn diag, void *diag_arg, char *err, size_t errcap)
{
    return load_input(cat, table, name, "", 0, recs, lines, nrecs ? nrecs : 0, o, st, diag,
                      diag_arg, err, errcap);
}

/* Reads the whole file (mmap when it is a regular file) and loads it. */
int ing_load_file(hcatalog *cat, const char *table, const char *path, ing_stats *st,
                  ing_diag_fn diag, void *diag_arg, char *err, size_t errcap)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errcap, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat sb;
    char *data = NULL;
    size_t n = 0;
    bool mapped = false;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
        void *m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            data = m;
            n = (size_t)sb.st_size;
            mapped = true;
            madvise(m, n, MADV_SEQUENTIAL);
        }
    }
    if (!mapped) {
        size_t cap = 0;
        for (;;) {
            if (n == cap) {
                cap = cap ? 2 * cap : 65536;
                char *q = realloc(data, cap);
                if (!q)
                    abort();
                data = q;
            }
            ssize_t r = read(fd, data + n, cap - n);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                snprintf(err, errcap, "%s: cannot read: %s", path, strerror(errno));
                free(data);
                close(fd);
                return -1;
            }
            if (r == 0)
                break;
            n += (size_t)r;
        }
    }
    close(fd);
    ing_opts o = {0};
    o.release_input = mapped;
    int rc =
        ing_load_ex(cat, table, path, data ? data : "", n, &o, st, diag, diag_arg, err, errcap);
    if (mapped)
        munmap(data, n);
    else
        free(data);
    return rc;
}
