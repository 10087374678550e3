/* tests/unit/test_formats.c — every input format through hunt_ingest_file
 * (memory-only engine) over the files in tests/data/ingest/: Defender for
 * Cloud alert resources and Graph alerts_v2 mapped to SecurityAlert (cloud
 * resource ids of Azure, AWS, GCP), export envelopes routed by category,
 * advanced hunting and Log Analytics answers with declared types, CSV and
 * TSV, gzip (whole and truncated), stdin, and bad input: invalid UTF-8, a
 * number out of range, a wrong type, a truncated file, a 100 MB line.
 * Run from the repository root. Ends with "N passed, N failed".
 */
#include "hunt.h"
#include "check.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define DATA "tests/data/ingest/"

static char diags[64][600];
static int ndiag;

static void on_diag(void *arg, const char *line)
{
    (void)arg;
    if (ndiag < 64)
        snprintf(diags[ndiag++], sizeof diags[0], "%s", line);
}

static bool has_diag(const char *needle)
{
    for (int i = 0; i < ndiag; i++)
        if (strstr(diags[i], needle))
            return true;
    for (int i = 0; i < ndiag; i++)
        printf("    diag: %s\n", diags[i]);
    return false;
}

static hunt_db *db;
static char textbuf[4096];

/* The text of the first cell of a query ("<error>" on failure). */
static const char *q_text(const char *kql)
{
    hunt_result *r;
    hunt_error err;
    if (hunt_query(db, kql, strlen(kql), HUNT_RUN, &r, &err) != HUNT_OK) {
        printf("query failed: %s: %s\n", kql, err.message);
        return "<error>";
    }
    size_t n = 0;
    const char *t = hunt_result_rows(r) ? hunt_result_text(r, 0, 0, &n) : "<no rows>";
    snprintf(textbuf, sizeof textbuf, "%.*s", (int)(hunt_result_rows(r) ? n : strlen(t)), t);
    hunt_result_free(r);
    return textbuf;
}

static long long q_long(const char *kql)
{
    return atoll(q_text(kql));
}

static hunt_ingest_stats ingest(const char *table, const char *path, const char *format, int rc)
{
    hunt_ingest_stats st = {0};
    hunt_error err;
    ndiag = 0;
    int got = hunt_ingest_file(db, table, path, format, 0, &st, &err);
    if (got != rc)
        printf("ingest %s: expected rc %d, got %d (%s)\n", path, rc, got, err.message);
    CHECK_I(rc, got);
    return st;
}

static void test_alerts(void)
{
    hunt_ingest_stats st = ingest(NULL, DATA "mdc_alerts.json", NULL, HUNT_OK);
    CHECK_I(2, st.rows_loaded);
    CHECK_S("Microsoft Defender for Cloud",
            q_text("SecurityAlert | where AlertType == 'LinuxSuspiciousDownloadExec'"
                   " | project ProductName"));
    CHECK_S("Azure Security Center",
            q_text("SecurityAlert | where AlertType == 'AWS_CryptoMining' | project ProductName"));
    CHECK_S("arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc123def4567890",
            q_text("SecurityAlert | where AlertType == 'AWS_CryptoMining' | project ResourceId"));
    CHECK_S("Dismissed",
            q_text("SecurityAlert | where AlertType == 'AWS_CryptoMining' | project Status"));
    CHECK_S("New", q_text("SecurityAlert | where CompromisedEntity == 'web-01' | project Status"));
    CHECK_S("sec-rg", q_text("SecurityAlert | where CompromisedEntity == 'web-01'"
                             " | project WorkspaceResourceGroup"));
    CHECK_S("203.0.113.50", q_text("SecurityAlert | where CompromisedEntity == 'web-01'"
                                   " | project tostring(parse_json(Entities)[1].Address)"));
    CHECK_S("[\"T1059\",\"T1105\"]",
            q_text("SecurityAlert | where CompromisedEntity == 'web-01' | project Techniques"));
    CHECK_S("2026-03-02T08:21:04Z",
            q_text("SecurityAlert | where CompromisedEntity == 'web-01' | project TimeGenerated"));

    st = ingest(NULL, DATA "graph_alerts.json", NULL, HUNT_OK);
    CHECK_I(1, st.rows_loaded); /* same alert, a newer state: a new row */
    CHECK_S("//compute.googleapis.com/projects/prod-123/zones/europe-west1-b/instances/web-01",
            q_text("SecurityAlert | where Status == 'InProgress' | project ResourceId"));
    CHECK_S("High", q_text("SecurityAlert | where Status == 'InProgress' | project AlertSeverity"));
    CHECK_I(2, q_long("SecurityAlert | where VendorOriginalId =="
                      " '2517362049184410000_5c1b9e2d-7a3f-4b8c-9d0e-1f2a3b4c5d6e' | count"));
    CHECK_S("InProgress", q_text("SecurityAlert | where VendorOriginalId =="
                                 " '2517362049184410000_5c1b9e2d-7a3f-4b8c-9d0e-1f2a3b4c5d6e'"
                                 " | summarize arg_max(TimeGenerated, Status) | project Status"));
    st = ingest("SecurityAlert", DATA "graph_alerts.json", NULL, HUNT_OK);
    CHECK_I(0, st.rows_loaded);
    CHECK_I(1, st.rows_duplicate);
}

static void test_envelope(void)
{
    hunt_ingest_stats st = ingest(NULL, DATA "envelope.json", NULL, HUNT_OK);
    CHECK_I(3, st.rows_loaded);
    CHECK_I(2, q_long("CloudAuditEvents | count"));
    CHECK_I(1, q_long("CloudProcessEvents | count"));
    CHECK_S("alice", q_text("CloudAuditEvents | where ReportId == 'r-1'"
                            " | project tostring(RawEventData.caller)"));
    /* the envelope's time lands in Timestamp (TimeGenerated is its alias) */
    CHECK_S("2026-03-02T08:00:13Z",
            q_text("CloudAuditEvents | where ReportId == 'r-2' | project Timestamp"));
}

static void test_api_answers(void)
{
    hunt_ingest_stats st = ingest("DeviceLogons", DATA "ah_answer.json", NULL, HUNT_OK);
    CHECK_I(2, st.rows_loaded);
    CHECK_I(1, st.rows_rejected);
    CHECK(has_diag("ah_answer.json[Results]:3: field 'Timestamp': cannot convert"));
    CHECK_I(10, q_long("DeviceLogons | summarize sum(LogonCount)"));
    CHECK_S("real", q_text("DeviceLogons | getschema | where ColumnName == 'Ratio'"
                           " | project ColumnType"));
    CHECK_I(1, q_long("DeviceLogons | where DeviceName == 'web-01' | project toint(Extra.a)"));

    st = ingest("LaEvents", DATA "la_answer.json", "la", HUNT_OK);
    CHECK_I(2, st.rows_loaded);
    CHECK_I(1, st.rows_rejected);
    CHECK(has_diag("la_answer.json[rows]:3: field 'EventID': cannot convert 99999999999 to int"
                   " (out of range)"));
    CHECK_I(3, q_long("LaEvents | where Computer == 'dc-01' | project toint(Props.LogonType)"));
    st = ingest("LaEvents", DATA "la_answer.json", "ah", HUNT_EDATA);
}

static void test_csv(void)
{
    hunt_ingest_stats st = ingest("Csv", DATA "events.csv", NULL, HUNT_OK);
    CHECK_I(3, st.rows_loaded);
    CHECK_I(1, st.rows_rejected);
    CHECK(has_diag("events.csv:5: row has 3 fields, the header has 5"));
    CHECK_S("multi\nline \"quoted\"", q_text("Csv | where Host == 'web-02' | project Note"));
    CHECK_S("hello, world", q_text("Csv | where Host == 'web-01' | project Note"));
    CHECK_S("real", q_text("Csv | getschema | where ColumnName == 'Score' | project ColumnType"));
    CHECK_S("string", q_text("Csv | getschema | where ColumnName == 'Count' | project ColumnType"));
    CHECK_S("datetime",
            q_text("Csv | getschema | where ColumnName == 'Timestamp' | project ColumnType"));
    st = ingest("Tsv", DATA "events.tsv", NULL, HUNT_OK);
    CHECK_I(2, st.rows_loaded);
    CHECK_I(7, q_long("Tsv | summarize sum(Count)"));
}

/* Writes text gzipped to path; with cut, only the first cut bytes. */
static void write_gz(const char *path, const char *text, long cut)
{
    gzFile g = gzopen(path, "wb");
    gzwrite(g, text, (unsigned)strlen(text));
    gzclose(g);
    if (cut > 0 && truncate(path, cut) != 0)
        printf("cannot truncate %s\n", path);
}

static void test_gzip_and_stdin(void)
{
    char text[40000] = "";
    for (int i = 0; i < 1000; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "{\"n\":%d,\"pad\":\"x%d\"}\n", i,
                 i * 7919);
    write_gz("/tmp/hunt-test-fmt.ndjson.gz", text, 0);
    hunt_ingest_stats st = ingest("Gz", "/tmp/hunt-test-fmt.ndjson.gz", NULL, HUNT_OK);
    CHECK_I(1000, st.rows_loaded);
    CHECK_I(499500, q_long("Gz | summarize sum(n)"));
    write_gz("/tmp/hunt-test-fmt.ndjson.gz", text, 2000);
    st = ingest("GzCut", "/tmp/hunt-test-fmt.ndjson.gz", NULL, HUNT_OK);
    CHECK(has_diag("gzip data truncated after"));
    CHECK(st.rows_loaded > 10 && st.rows_loaded < 1000);
    CHECK(st.rows_rejected <= 1);
    unlink("/tmp/hunt-test-fmt.ndjson.gz");
    write_gz("/tmp/hunt-test-fmt.tsv.gz", "a\tb\n1\tx\n2\ty\n", 0);
    st = ingest("GzTsv", "/tmp/hunt-test-fmt.tsv.gz", NULL, HUNT_OK);
    CHECK_I(2, st.rows_loaded);
    unlink("/tmp/hunt-test-fmt.tsv.gz");
    if (!freopen(DATA "events.tsv", "r", stdin))
        return;
    st = ingest("FromStdin", "-", "tsv", HUNT_OK);
    CHECK_I(2, st.rows_loaded);
}

static void test_bad_input(void)
{
    hunt_ingest_stats st = ingest("Utf", DATA "bad_utf8.ndjson", NULL, HUNT_OK);
    CHECK_I(2, st.rows_loaded);
    CHECK_I(1, st.rows_rejected);
    CHECK(has_diag("bad_utf8.ndjson:2: invalid JSON"));
    st = ingest("CloudProcessEvents", DATA "bad_values.ndjson", NULL, HUNT_OK);
    CHECK_I(1, st.rows_loaded);
    CHECK_I(3, st.rows_rejected);
    CHECK(has_diag("bad_values.ndjson:2: field 'ProcessId': cannot convert"));
    CHECK(has_diag("bad_values.ndjson:3: field 'ProcessId': cannot convert an array to long"));
    CHECK(has_diag("bad_values.ndjson:4: invalid JSON"));
    st = ingest("X", DATA "no-such-file.json", NULL, HUNT_EIO);
    st = ingest("X", DATA "events.csv", "yaml", HUNT_EMISUSE);
}

static void test_big_line(void)
{
    size_t n = 100u << 20;
    char *big = malloc(n + 64);
    if (!big)
        return;
    memcpy(big, "{\"big\":\"", 8);
    memset(big + 8, 'a', n);
    memcpy(big + 8 + n, "\"}\n{\"big\":\"small\"}\n", 20);
    FILE *f = fopen("/tmp/hunt-test-fmt-big.json", "w");
    fwrite(big, 1, n + 27, f);
    fclose(f);
    free(big);
    hunt_ingest_stats st = ingest("Big", "/tmp/hunt-test-fmt-big.json", NULL, HUNT_OK);
    CHECK_I(2, st.rows_loaded);
    CHECK_I((long long)n, q_long("Big | summarize max(strlen(big))"));
    unlink("/tmp/hunt-test-fmt-big.json");
}

int main(void)
{
    hunt_error err;
    if (hunt_open_workspace(NULL, &db, &err) != HUNT_OK)
        return 1;
    hunt_set_diagnostics(db, on_diag, NULL);
    test_alerts();
    test_envelope();
    test_api_answers();
    test_csv();
    test_gzip_and_stdin();
    test_bad_input();
    test_big_line();
    hunt_close_workspace(db);
    return check_summary();
}
