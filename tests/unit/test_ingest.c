/* tests/unit/test_ingest.c — unit tests of ingest/json_load.c over the small
 * files in tests/data/: type coercion per column, nulls, rejected records
 * with their line numbers and messages, the Log Analytics column names,
 * AdditionalFields merging (dynamic bag and JSON text), unknown-field
 * reports, schema inference and widening, and the input layouts (NDJSON with
 * BOM/CRLF/blank lines, JSON array, pretty-printed objects), and a large
 * NDJSON input split over two threads loading as it does on one.
 * Run from the repository root. Prints one line per failed check and ends
 * with "N passed, N failed".
 */
#include "ingest/ingest.h"
#include "tables/dyn.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Collected diagnostics. */
static char diags[32][512];
static int ndiag;

static void on_diag(void *arg, const char *line)
{
    (void)arg;
    if (ndiag < 32)
        snprintf(diags[ndiag++], sizeof diags[0], "%s", line);
}

static bool has_diag(const char *prefix)
{
    for (int i = 0; i < ndiag; i++)
        if (strncmp(diags[i], prefix, strlen(prefix)) == 0)
            return true;
    return false;
}

#define CHECK_DIAG(prefix)                                                                         \
    do {                                                                                           \
        if (has_diag(prefix))                                                                      \
            npass++;                                                                               \
        else {                                                                                     \
            nfail++;                                                                               \
            printf("%s:%d: expected a message starting \"%s\"; got %d:\n", __FILE__, __LINE__,     \
                   prefix, ndiag);                                                                 \
            for (int i_ = 0; i_ < ndiag; i_++)                                                     \
                printf("    %s\n", diags[i_]);                                                     \
        }                                                                                          \
    } while (0)

static hcol *col(htable *t, int ext, const char *name)
{
    int c = schema_find(&t->schema, name, strlen(name));
    if (c < 0 || ext >= t->next) {
        printf("no column %s\n", name);
        abort();
    }
    return &t->ext[ext]->cols[c];
}

static void check_dt(const char *file, int line, const char *exp, hcol *c, uint32_t row)
{
    char buf[40];
    if (col_is_null(c, row)) {
        check_sn(file, line, exp, "null", 4);
        return;
    }
    size_t n = ht_format_datetime(c->i[row], buf);
    check_sn(file, line, exp, buf, n);
}
#define CHECK_DT(exp, c, row) check_dt(__FILE__, __LINE__, (exp), (c), (row))

/* Compact JSON of a dynamic cell, or "null". */
static void check_dyn(const char *file, int line, const char *exp, hcol *c, uint32_t row)
{
    if (col_is_null(c, row)) {
        check_sn(file, line, exp, "null", 4);
        return;
    }
    dbuf b = {0};
    hstr s = col_str(c, row);
    dyn_to_json((const uint8_t *)s.p, &b);
    check_sn(file, line, exp, (const char *)b.p, b.n);
    dbuf_free(&b);
}
#define CHECK_DYN(exp, c, row) check_dyn(__FILE__, __LINE__, (exp), (c), (row))
#define CHECK_STR(exp, c, row)                                                                     \
    do {                                                                                           \
        hstr s_ = col_str((c), (row));                                                             \
        check_sn(__FILE__, __LINE__, (exp), s_.p, s_.n);                                           \
    } while (0)

static void test_process_ndjson(hcatalog *cat)
{
    ing_stats st = {0};
    char err[256] = "";
    ndiag = 0;
    int rc = ing_load_file(cat, "CloudProcessEvents", "tests/data/cpe_mixed.ndjson", &st, on_diag,
                           NULL, err, sizeof err);
    CHECK_I(0, rc);
    CHECK_I(5, st.rows_loaded);
    CHECK_I(4, st.rows_rejected);
    CHECK_I(0, st.unknown_fields);
    CHECK_I(1, st.bytes_read > 2000);
    CHECK_I(4, ndiag);
    CHECK_DIAG("tests/data/cpe_mixed.ndjson:4: invalid JSON: ");
    CHECK_DIAG("tests/data/cpe_mixed.ndjson:5: field 'ProcessId': cannot convert \"abc\" to "
               "long");
    CHECK_DIAG("tests/data/cpe_mixed.ndjson:9: field 'Timestamp': cannot convert \"not a "
               "date\" to datetime");
    CHECK_DIAG("tests/data/cpe_mixed.ndjson:10: record is an array, not a JSON object");

    htable *t = catalog_find(cat, "CloudProcessEvents", 18);
    CHECK_I(5, t->nrows);
    CHECK_I(24, t->schema.ncols);
    hcol *ts = col(t, 0, "Timestamp"), *pid = col(t, 0, "ProcessId");
    hcol *logon = col(t, 0, "LogonId"), *af = col(t, 0, "AdditionalFields");
    CHECK_DT("2026-03-02T08:30:01.2000000Z", ts, 0);
    CHECK_DT("2026-03-02T08:31:00Z", ts, 1);
    CHECK_DT("2026-03-02T08:34:00Z", ts, 2); /* epoch seconds */
    CHECK_DT("2026-03-02T08:35:00Z", ts, 3); /* TimeGenerated */
    CHECK_I(1, ts->has_minmax);
    CHECK_I(1, ts->nullbits == NULL);
    CHECK_I(3121, pid->i[0]);
    CHECK_I(3377, pid->i[1]); /* "3377" */
    CHECK_I(100, pid->i[3]);
    CHECK_I(99, pid->imin);
    CHECK_I(3377, pid->imax);
    CHECK_I(7, logon->i[1]);
    CHECK_I(1, col_is_null(logon, 4));
    CHECK_I(1, col_is_null(logon, 3)); /* absent */
    CHECK_I(2, logon->nnull);
    CHECK_STR("{\"UpperLayer\":\"False\",\"Memfd\":\"False\"}", af, 0);
    CHECK_STR("", af, 1);
    CHECK_STR("{\"UpperLayer\":\"True\",\"HostName\":\"node-1\"}", af, 2);
    CHECK_STR("{\"TenantId\":\"t-1\",\"Type\":\"CloudProcessEvents\"}", af, 3);
    CHECK_STR("{\"Memfd\":\"True\"}", af, 4);
    CHECK_STR("ls", col(t, 0, "ProcessCommandLine"), 3);
    CHECK_STR("", col(t, 0, "AzureResourceId"), 3);
    CHECK_STR("3120", col(t, 0, "ParentProcessId"), 0);
}

static void test_audit_array(hcatalog *cat)
{
    ing_stats st = {0};
    char err[256] = "";
    ndiag = 0;
    int rc = ing_load_file(cat, "CloudAuditEvents", "tests/data/audit_la.json", &st, on_diag, NULL,
                           err, sizeof err);
    CHECK_I(0, rc);
    CHECK_I(4, st.rows_loaded);
    CHECK_I(1, st.rows_rejected);
    CHECK_I(1, ndiag);
    CHECK_DIAG("tests/data/audit_la.json:6: field 'IsAnonymousProxy': cannot convert \"maybe\" "
               "to bool");
    htable *t = catalog_find(cat, "CloudAuditEvents", 16);
    hcol *ts = col(t, 0, "Timestamp"), *rid = col(t, 0, "ResourceId");
    hcol *anon = col(t, 0, "IsAnonymousProxy"), *raw = col(t, 0, "RawEventData");
    hcol *af = col(t, 0, "AdditionalFields");
    CHECK_DT("2026-03-03T10:00:00Z", ts, 0);
    CHECK_DT("2026-03-03T10:05:00Z", ts, 1);
    CHECK_DT("2026-03-03T10:06:00Z", ts, 2); /* Timestamp wins over TimeGenerated */
    CHECK_STR("/subscriptions/7c0f2e4a-1d3b-4c55-9e8f-2a6b1c9d0e11/resourceGroups/prod-rg/"
              "providers/Microsoft.Storage/storageAccounts/prodlogs",
              rid, 0);
    CHECK_I(1, anon->b[0]);
    CHECK_I(0, anon->b[1]);
    CHECK_I(1, anon->b[2]);
    CHECK_I(0, anon->b[3]);
    CHECK_DYN("{\"caller\":\"app-1\",\"properties\":{\"statusCode\":\"OK\"},"
              "\"n\":[1,2.5,true,null]}",
              raw, 0);
    CHECK_DYN("{\"verb\":\"create\"}", raw, 1);
    CHECK_DYN("null", raw, 2);
    CHECK_DYN("\"plain text\"", raw, 3);
    CHECK_DYN("{\"AccountUpn\":\"x@y\",\"TenantId\":\"4b24\",\"SourceSystem\":\"Azure\","
              "\"Type\":\"CloudAuditEvents\"}",
              af, 0);
    CHECK_DYN("{\"TenantId\":\"4b24\"}", af, 1);
    CHECK_DYN("{\"TimeGenerated\":\"2026-03-03T10:07:00Z\"}", af, 2);
    CHECK_DYN("null", af, 3);
}

static void test_alerts(hcatalog *cat)
{
    ing_stats st = {0};
    char err[256] = "";
    ndiag = 0;
    int rc = ing_load_file(cat, "SecurityAlert", "tests/data/alerts.ndjson", &st, on_diag, NULL,
                           err, sizeof err);
    CHECK_I(0, rc);
    CHECK_I(3, st.rows_loaded);
    CHECK_I(0, st.rows_rejected);
    CHECK_I(2, st.unknown_fields);
    CHECK_I(2, ndiag);
    CHECK_DIAG("tests/data/alerts.ndjson: field 'Severity' is not in the schema of "
               "SecurityAlert; not loaded");
    CHECK_DIAG("tests/data/alerts.ndjson: field 'Extra' is not in the schema of SecurityAlert; "
               "not loaded");
    htable *t = catalog_find(cat, "SecurityAlert", 13);
    hcol *ent = col(t, 0, "Entities"), *ep = col(t, 0, "ExtendedProperties");
    hcol *cs = col(t, 0, "ConfidenceScore"), *inc = col(t, 0, "IsIncident");
    CHECK_STR("[{\"$id\": \"2\", \"HostName\": \"web-01\"}]", ent, 0); /* exact text */
    CHECK_STR("[{\"$id\":\"2\",\"HostName\":\"web-01\",\"Type\":\"host\"},{\"$id\":\"3\","
              "\"Address\":\"203.0.113.50\",\"Type\":\"ip\"}]",
              ent, 1);
    CHECK_STR("", ent, 2);
    CHECK_STR("{\"a\":1,\"b\":[1.5,\"x\"],\"c\":{\"d\":null}}", ep, 1);
    CHECK_I(75, (long long)(cs->r[0] * 100 + 0.5));
    CHECK_I(1, col_is_null(cs, 1));
    CHECK_I(1, cs->has_minmax);
    CHECK_I(50, (long long)(cs->rmin * 100 + 0.5));
    CHECK_I(75, (long long)(cs->rmax * 100 + 0.5));
    CHECK_I(0, inc->b[0]);
    CHECK_I(1, inc->b[2]);
    CHECK_DT("2026-03-02T08:22:04Z", col(t, 0, "TimeGenerated"), 1);
}

static void test_infer(hcatalog *cat)
{
    ing_stats st = {0};
    char err[256] = "";
    ndiag = 0;
    int rc = ing_load_file(cat, NULL, "tests/data/infer.json", &st, on_diag, NULL, err, sizeof err);
    CHECK_I(0, rc);
    CHECK_I(3, st.rows_loaded);
    CHECK_I(0, ndiag);
    htable *t = catalog_find(cat, "infer", 5);
    CHECK_I(1, t != NULL);
    if (!t)
        return;
    static const char *names[] = {"When", "Count", "Score",  "Ok",    "Name",
                                  "Bag",  "Mixed", "Sparse", "Empty", "Late"};
    static const htype types[] = {HT_DATETIME, HT_LONG,   HT_REAL,   HT_BOOL,   HT_STRING,
                                  HT_DYNAMIC,  HT_STRING, HT_STRING, HT_STRING, HT_STRING};
    CHECK_I(10, t->schema.ncols);
    for (int i = 0; i < 10 && i < t->schema.ncols; i++) {
        CHECK_SN(names[i], t->schema.names[i], strlen(t->schema.names[i]));
        CHECK_I(types[i], t->schema.types[i]);
    }
    CHECK_DT("2026-03-01T02:00:00Z", col(t, 0, "When"), 2);
    CHECK_I(2, (long long)(col(t, 0, "Score")->r[0]));
    CHECK_I(1, col_is_null(col(t, 0, "Score"), 2));
    CHECK_I(1, col_is_null(col(t, 0, "Ok"), 2));
    CHECK_STR("1", col(t, 0, "Mixed"), 0);
    CHECK_STR("two", col(t, 0, "Mixed"), 1);
    CHECK_STR("true", col(t, 0, "Mixed"), 2);
    CHECK_STR("2026-03-01", col(t, 0, "Name"), 2);
    CHECK_DYN("[1]", col(t, 0, "Bag"), 1);
    CHECK_DYN("\"s\"", col(t, 0, "Bag"), 2);
    CHECK_STR("new", col(t, 0, "Late"), 2);

    /* a later input widens the inferred table */
    const char *more = "{\"Count\": 4, \"New\": 1.5}\n{\"Count\": \"x\"}\n";
    ndiag = 0;
    memset(&st, 0, sizeof st);
    rc = ing_load_buffer(cat, "infer", "more", more, strlen(more), &st, on_diag, NULL, err,
                         sizeof err);
    CHECK_I(0, rc);
    CHECK_I(1, st.rows_loaded);
    CHECK_I(1, st.rows_rejected);
    CHECK_DIAG("more:2: field 'Count': cannot convert \"x\" to long");
    CHECK_I(11, t->schema.ncols);
    CHECK_I(HT_REAL, t->schema.types[10]);
    CHECK_I(4, t->nrows);
    CHECK_I(11, t->ext[0]->ncols);
    CHECK_I(1, col_is_null(col(t, 0, "New"), 0));
    CHECK_I(15, (long long)(col(t, 1, "New")->r[0] * 10));
}

static void test_edges(hcatalog *cat)
{
    ing_stats st = {0};
    char err[256] = "";
    ndiag = 0;
    CHECK_I(-1,
            ing_load_file(cat, "X", "tests/data/notjson.txt", &st, on_diag, NULL, err, sizeof err));
    CHECK_SN("tests/data/notjson.txt:1: not JSON records (expected '{' or '[')", err, strlen(err));
    CHECK_I(-1, ing_load_file(cat, "X", "tests/data/no-such-file", &st, on_diag, NULL, err,
                              sizeof err));
    CHECK_I(1, strncmp(err, "tests/data/no-such-file: cannot open: ", 38) == 0);
    CHECK_I(0, ing_load_buffer(cat, "Empty", "e", "\xEF\xBB\xBF \r\n", 6, &st, on_diag, NULL, err,
                               sizeof err));
    CHECK_I(0, st.rows_loaded);
    CHECK_I(1, catalog_find(cat, "Empty", 5) == NULL); /* nothing to infer from */

    /* unterminated array: the complete elements are kept */
    const char *arr = "[{\"a\": 1},\n {\"a\": 2},\n {\"a\": ";
    ndiag = 0;
    memset(&st, 0, sizeof st);
    CHECK_I(0, ing_load_buffer(cat, "Arr", "arr", arr, strlen(arr), &st, on_diag, NULL, err,
                               sizeof err));
    CHECK_I(2, st.rows_loaded);
    CHECK_I(1, st.rows_rejected);
    CHECK_DIAG("arr:3: unterminated JSON value");

    /* a stray ']' between pretty-printed records is rejected, and loading goes
     * on (the splitter read the same byte again without end) */
    const char *stray = "{\"a\": 1,\n \"b\": 2}\n]\n{\"a\": 3,\n \"b\": 4}\n";
    ndiag = 0;
    memset(&st, 0, sizeof st);
    CHECK_I(0, ing_load_buffer(cat, "Stray", "stray", stray, strlen(stray), &st, on_diag, NULL, err,
                               sizeof err));
    CHECK_I(2, st.rows_loaded);
    CHECK_I(1, st.rows_rejected);
    CHECK_DIAG("stray:3: invalid JSON");

    /* numbers beyond int64, int range */
    const char *big = "{\"ProcessId\": 99999999999999999999}\n{\"ProcessId\": 1.5}\n"
                      "{\"ProcessId\": 2.0, \"LogonId\": -9223372036854775808}\n";
    ndiag = 0;
    memset(&st, 0, sizeof st);
    CHECK_I(0, ing_load_buffer(cat, "CloudProcessEvents", "big", big, strlen(big), &st, on_diag,
                               NULL, err, sizeof err));
    CHECK_I(1, st.rows_loaded);
    CHECK_I(2, st.rows_rejected);
    CHECK_DIAG("big:1: field 'ProcessId': cannot convert 1e+20 to long");
    CHECK_DIAG("big:2: field 'ProcessId': cannot convert 1.5 to long");
    const char *ev = "{\"ApplicationId\": 3000000000}\n{\"ApplicationId\": \"11161\", "
                     "\"FileSize\": \"\"}\n";
    ndiag = 0;
    memset(&st, 0, sizeof st);
    CHECK_I(0, ing_load_buffer(cat, "AlertEvidence", "ev", ev, strlen(ev), &st, on_diag, NULL, err,
                               sizeof err));
    CHECK_I(1, st.rows_loaded);
    CHECK_DIAG("ev:1: field 'ApplicationId': cannot convert 3000000000 to int (out of range)");
    htable *t = catalog_find(cat, "AlertEvidence", 13);
    CHECK_I(11161, col(t, 0, "ApplicationId")->i[0]);
    CHECK_I(1, col_is_null(col(t, 0, "FileSize"), 0));

    /* garbage bytes never crash */
    const char junk[] = "{\"a\":\"\\u12\"}\n{\x01\x02}\n\"str\"\n{]\n{\"a\":[[[[\n";
    ndiag = 0;
    memset(&st, 0, sizeof st);
    CHECK_I(0, ing_load_buffer(cat, "Junk", "junk", junk, sizeof junk - 1, &st, on_diag, NULL, err,
                               sizeof err));
    CHECK_I(0, st.rows_loaded);
    CHECK_I(5, st.rows_rejected);
    CHECK_I(1, catalog_find(cat, "Junk", 4) == NULL);
}

/* --- one large NDJSON input on two threads ------------------------------------ */

/* What one load reported: its messages and reject-hook calls, in order. */
typedef struct runlog {
    char msg[64][256];
    int nmsg;
    long rline[64];
    char rreason[64][160];
    char rraw[64][160];
    int nrej;
    ing_stats st;
    int rc;
} runlog;

static void run_diag(void *arg, const char *line)
{
    runlog *r = arg;
    if (r->nmsg < 64)
        snprintf(r->msg[r->nmsg++], sizeof r->msg[0], "%s", line);
}

static void run_reject(void *arg, long line, const char *reason, const char *raw, size_t rawn)
{
    runlog *r = arg;
    if (r->nrej >= 64)
        return;
    r->rline[r->nrej] = line;
    snprintf(r->rreason[r->nrej], sizeof r->rreason[0], "%s", reason);
    snprintf(r->rraw[r->nrej++], sizeof r->rraw[0], "%.*s", (int)rawn, raw);
}

/* Loads data into table of a fresh catalog with HUNT_THREADS=threads and the
 * split threshold at one byte (so a small input is split when threads > 1). */
static void run_load(hcatalog *cat, const char *table, const char *data, const char *threads,
                     long first_line, runlog *r)
{
    memset(r, 0, sizeof *r);
    catalog_init(cat);
    catalog_add_builtins(cat);
    setenv("HUNT_THREADS", threads, 1);
    setenv("HUNT_LOAD_SPLIT_MIN", "1", 1);
    ing_opts o = {.first_line = first_line, .reject = run_reject, .reject_arg = r};
    char err[256] = "";
    r->rc = ing_load_ex(cat, table, "par", data, strlen(data), &o, &r->st, run_diag, r, err,
                        sizeof err);
    unsetenv("HUNT_THREADS");
    unsetenv("HUNT_LOAD_SPLIT_MIN");
}

/* Cell row of column c of t (rows counted across extents). */
static const hcol *cell_at(const htable *t, int c, int64_t row, uint32_t *i)
{
    for (int e = 0; e < t->next; e++) {
        if (row < t->ext[e]->nrows) {
            *i = (uint32_t)row;
            return &t->ext[e]->cols[c];
        }
        row -= t->ext[e]->nrows;
    }
    abort();
}

/* Whether two cells hold the same value (or are both null). */
static bool same_cell(const hcol *a, uint32_t i, const hcol *b, uint32_t j)
{
    if (a->type != b->type || col_is_null(a, i) != col_is_null(b, j))
        return false;
    if (col_is_null(a, i))
        return true;
    if (ht_is_str(a->type)) {
        hstr x = col_str(a, i), y = col_str(b, j);
        return x.n == y.n && memcmp(x.p, y.p, x.n) == 0;
    }
    if (ht_is_int64(a->type))
        return a->i[i] == b->i[j];
    if (a->type == HT_REAL)
        return memcmp(&a->r[i], &b->r[j], sizeof(double)) == 0;
    if (a->type == HT_BOOL)
        return a->b[i] == b->b[j];
    return memcmp(&a->g[i], &b->g[j], sizeof(hguid)) == 0;
}

/* Checks that two tables have the same schema and, row by row, the same
 * value in every column. */
static void check_same_table(const htable *a, const htable *b)
{
    CHECK(a && b);
    if (!a || !b)
        return;
    CHECK_I(a->schema.ncols, b->schema.ncols);
    CHECK_I(a->nrows, b->nrows);
    if (a->schema.ncols != b->schema.ncols || a->nrows != b->nrows)
        return;
    int diff = 0;
    for (int c = 0; c < a->schema.ncols; c++) {
        CHECK_S(a->schema.names[c], b->schema.names[c]);
        CHECK_I(a->schema.types[c], b->schema.types[c]);
        for (int64_t r = 0; r < a->nrows; r++) {
            uint32_t i, j;
            const hcol *x = cell_at(a, c, r, &i), *y = cell_at(b, c, r, &j);
            if (!same_cell(x, i, y, j) && diff++ < 5)
                printf("    column %s row %lld differs\n", a->schema.names[c], (long long)r);
        }
    }
    CHECK_I(0, diff);
}

/* Checks that two loads reported the same messages and rejects, in order. */
static void check_same_log(const runlog *a, const runlog *b)
{
    CHECK_I(a->rc, b->rc);
    CHECK_I(a->st.rows_loaded, b->st.rows_loaded);
    CHECK_I(a->st.rows_rejected, b->st.rows_rejected);
    CHECK_I(a->st.unknown_fields, b->st.unknown_fields);
    CHECK_I(a->st.bytes_read, b->st.bytes_read);
    CHECK_I(a->nmsg, b->nmsg);
    for (int i = 0; i < a->nmsg && i < b->nmsg; i++)
        CHECK_S(a->msg[i], b->msg[i]);
    CHECK_I(a->nrej, b->nrej);
    for (int i = 0; i < a->nrej && i < b->nrej; i++) {
        CHECK_I(a->rline[i], b->rline[i]);
        CHECK_S(a->rreason[i], b->rreason[i]);
        CHECK_S(a->rraw[i], b->rraw[i]);
    }
}

/* The parts the split load makes of an input: one per thread, at most the
 * online CPUs (see load_threads in json_load.c). */
static int expected_parts(void)
{
    return sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2 : 1;
}

/* Lines 1-10 and 11-19 of an input whose middle byte falls inside line 10
 * (its long Description), so the split cuts after line 10: bad records and
 * unknown fields in both halves. */
static char *par_input(void)
{
    char pad[2001];
    memset(pad, 'x', 2000);
    pad[2000] = 0;
    const char *head =
        "{\"IncidentNumber\":1,\"Title\":\"one\",\"CreatedTime\":\"2026-03-01T00:00:01Z\","
        "\"Labels\":[\"a\"],\"Extra1\":1}\n"
        "{\"IncidentNumber\":2,\"Title\":\"two\",\"Owner\":{\"name\":\"o2\"}}\n"
        "{\"IncidentNumber\":\"x3\",\"Title\":\"three\"}\n"
        "\n"
        "{\"IncidentNumber\":5,\"Title\":\"five\",\"Extra1\":\"again\",\"CreatedTime\":1772323200}"
        "\n"
        "{\"IncidentNumber\":6,\"Title\":\n"
        "[7]\n"
        "{\"IncidentNumber\":8,\"Title\":\"eight\",\"IncidentNumber\":9}\n"
        "{\"IncidentNumber\":10,\"Title\":\"ten\\ttab\",\"Comments\":[1,2.5,null,\"s\"]}\r\n";
    const char *tail =
        "\",\"TimeGenerated\":\"2026-03-02T00:00:00Z\"}\n"
        "{\"IncidentNumber\":12,\"Title\":\"twelve\",\"Extra2\":true}\n"
        "{\"IncidentNumber\":13,\"CreatedTime\":\"not a date\"}\n"
        "{\"IncidentNumber\":14,\"Title\":\"fourteen\",\"Extra1\":null}\n"
        "  \"str\"  \n"
        "{\"IncidentNumber\":15,\"Labels\":{\"k\":[1,{\"z\":false}]}}\n"
        "{\"IncidentNumber\":16, bad json here}\n"
        "{\"IncidentNumber\":3000000000}\n"
        "{\"IncidentNumber\":18,\"Title\":\"eighteen\",\"Extra2\":1,\"Extra3\":\"x\"}\n"
        "{\"IncidentNumber\":19,\"Title\":\"last\"}";
    size_t cap = strlen(head) + strlen(pad) + strlen(tail) + 64;
    char *s = malloc(cap);
    if (!s)
        abort();
    snprintf(s, cap, "%s{\"IncidentNumber\":11,\"Description\":\"%s%s", head, pad, tail);
    return s;
}

/* A large-input load split over two threads gives the table, messages
 * (lines exact, in file order, an unknown field once), counts and reject
 * hook calls of a load on one thread. */
static void test_parallel_ndjson(void)
{
    char *data = par_input();
    size_t n = strlen(data), l10 = 0;
    for (int i = 0; i < 9; i++)
        l10 = (size_t)(strchr(data + l10, '\n') - data) + 1;
    CHECK(l10 < n / 2 && strchr(data + l10, '\n') > data + n / 2); /* line 10 holds the middle */

    hcatalog one, two;
    runlog *r1 = malloc(sizeof *r1), *r2 = malloc(sizeof *r2);
    run_load(&one, "SecurityIncident", data, "1", 0, r1);
    run_load(&two, "SecurityIncident", data, "2", 0, r2);
    check_same_log(r1, r2);

    CHECK_I(0, r2->rc);
    CHECK_I(11, r2->st.rows_loaded);
    CHECK_I(7, r2->st.rows_rejected);
    CHECK_I(3, r2->st.unknown_fields);
    static const char *want[] = {
        "par: field 'Extra1' is not in the schema of SecurityIncident; not loaded",
        "par:3: field 'IncidentNumber': cannot convert \"x3\" to int",
        "par:6: invalid JSON: unexpected token near end of file (column 28)",
        "par:7: record is an array, not a JSON object",
        "par: field 'Extra2' is not in the schema of SecurityIncident; not loaded",
        "par:12: field 'CreatedTime': cannot convert \"not a date\" to datetime",
        "par:14: record is a string, not a JSON object",
        "par:16: invalid JSON: string or '}' expected near 'bad' (column 25)",
        "par:17: field 'IncidentNumber': cannot convert 3000000000 to int (out of range)",
        "par: field 'Extra3' is not in the schema of SecurityIncident; not loaded",
    };
    CHECK_I(10, r2->nmsg);
    for (int i = 0; i < 10 && i < r2->nmsg; i++)
        CHECK_S(want[i], r2->msg[i]);

    static const long rlines[] = {3, 6, 7, 12, 14, 16, 17};
    CHECK_I(7, r2->nrej);
    for (int i = 0; i < 7 && i < r2->nrej; i++)
        CHECK_I(rlines[i], r2->rline[i]);
    CHECK_S("[7]", r2->rraw[2]);
    CHECK_S("\"str\"", r2->rraw[4]);
    CHECK_S("{\"IncidentNumber\":16, bad json here}", r2->rraw[5]);

    htable *t1 = catalog_find(&one, "SecurityIncident", 16);
    htable *t2 = catalog_find(&two, "SecurityIncident", 16);
    check_same_table(t1, t2);
    CHECK_I(1, t1->next);
    CHECK_I(expected_parts(), t2->next); /* one extent per part, in file order */
    CHECK_I(expected_parts() == 2 ? 6 : 11, t2->ext[0]->nrows);
    static const int64_t nums[] = {1, 2, 5, 9, 10, 11, 12, 14, 15, 18, 19};
    int c = schema_find(&t2->schema, "IncidentNumber", 14);
    for (int64_t r = 0; r < 11 && r < t2->nrows; r++) {
        uint32_t i;
        const hcol *x = cell_at(t2, c, r, &i);
        CHECK_I(nums[r], x->i[i]);
    }
    catalog_free(&one);
    catalog_free(&two);

    /* a first line number (a batch of a larger input) shifts every part's lines */
    run_load(&one, "SecurityIncident", data, "1", 1000, r1);
    run_load(&two, "SecurityIncident", data, "2", 1000, r2);
    check_same_log(r1, r2);
    CHECK_I(1015, r2->nrej > 5 ? r2->rline[5] : 0);
    CHECK_S("par:1016: field 'IncidentNumber': cannot convert 3000000000 to int (out of range)",
            r2->msg[8]);
    catalog_free(&one);
    catalog_free(&two);
    free(data);
    free(r1);
    free(r2);
}

/* The split applies after the inference pass of a new table, and with the
 * AdditionalFields bag and the TimeGenerated alias. */
static void test_parallel_mapping(void)
{
    const char *infer =
        "{\"a\":1,\"b\":\"x\",\"c\":[1]}\n{\"a\":\"bad\"}\n{\"a\":2.5,\"d\":true}\n"
        "{\"b\":\"y\",\"c\":{\"k\":1}}\n{\"a\":3,\"b\":\"z\",\"e\":\"2026-01-01\"}\n"
        "{\"a\":4}\n{oops}\n{\"d\":false,\"b\":\"w\"}\n";
    hcatalog one, two;
    runlog *r1 = malloc(sizeof *r1), *r2 = malloc(sizeof *r2);
    run_load(&one, "ParInfer", infer, "1", 0, r1);
    run_load(&two, "ParInfer", infer, "2", 0, r2);
    check_same_log(r1, r2);
    CHECK_I(1, r2->st.rows_rejected);
    CHECK_S("par:7: invalid JSON: string or '}' expected near 'oops' (column 5)",
            r2->nmsg == 1 ? r2->msg[0] : "");
    htable *t2 = catalog_find(&two, "ParInfer", 8);
    check_same_table(catalog_find(&one, "ParInfer", 8), t2);
    CHECK_I(expected_parts(), t2 ? t2->next : 0);
    catalog_free(&one);
    catalog_free(&two);

    const char *audit =
        "{\"TimeGenerated\":\"2026-03-03T10:00:00Z\",\"ActionType\":\"a\",\"X\":1,"
        "\"AdditionalFields\":{\"k\":\"v\"}}\n"
        "{\"Timestamp\":\"2026-03-03T10:01:00Z\",\"TimeGenerated\":\"2026-03-03T11:00:00Z\","
        "\"IsAnonymousProxy\":\"maybe\"}\n"
        "{\"Timestamp\":\"2026-03-03T10:02:00Z\",\"RawEventData\":{\"n\":[1,2]},\"Y\":\"y\"}\n"
        "{\"CloudResourceId\":\"/r/1\",\"X\":{\"deep\":[true]},\"AdditionalFields\":\"{\\\"j\\\":2}"
        "\"}\n"
        "{\"TimeGenerated\":1772532000,\"IsAnonymousProxy\":\"nope\"}\n"
        "{\"ActionType\":\"last\",\"Z\":null}\n";
    run_load(&one, "CloudAuditEvents", audit, "1", 0, r1);
    run_load(&two, "CloudAuditEvents", audit, "2", 0, r2);
    check_same_log(r1, r2);
    CHECK_I(4, r2->st.rows_loaded);
    CHECK_I(2, r2->nrej);
    CHECK_I(2, r2->nrej == 2 ? r2->rline[0] : 0);
    CHECK_I(5, r2->nrej == 2 ? r2->rline[1] : 0);
    t2 = catalog_find(&two, "CloudAuditEvents", 16);
    check_same_table(catalog_find(&one, "CloudAuditEvents", 16), t2);
    CHECK_I(expected_parts(), t2->next);
    catalog_free(&one);
    catalog_free(&two);
    free(r1);
    free(r2);
}

int main(void)
{
    hcatalog cat;
    catalog_init(&cat);
    catalog_add_builtins(&cat);
    test_process_ndjson(&cat);
    test_audit_array(&cat);
    test_alerts(&cat);
    test_infer(&cat);
    test_edges(&cat);
    catalog_free(&cat);
    test_parallel_ndjson();
    test_parallel_mapping();
    return check_summary();
}
