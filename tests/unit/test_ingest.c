/* tests/unit/test_ingest.c — unit tests of ingest/json_load.c over the small
 * files in tests/data/: type coercion per column, nulls, rejected records
 * with their line numbers and messages, the Log Analytics column names,
 * AdditionalFields merging (dynamic bag and JSON text), unknown-field
 * reports, schema inference and widening, and the input layouts (NDJSON with
 * BOM/CRLF/blank lines, JSON array, pretty-printed objects).
 * Run from the repository root. Prints one line per failed check and ends
 * with "N passed, N failed".
 */
#include "ingest/ingest.h"
#include "tables/dyn.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    return check_summary();
}
