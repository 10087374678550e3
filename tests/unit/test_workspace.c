/* tests/unit/test_workspace.c — the durable workspace: extent files read back
 * cell for cell (every type, nulls, empty strings), a workspace reopened
 * without the source files, batches committed with their dedupe keys (the
 * same file twice, two connectors, a newer alert state), a corrupt or
 * missing extent found by the check, orphan files removed, retention,
 * and the quarantine (list, replay, drop).
 * Run from the repository root. Ends with "N passed, N failed".
 */
#include "hunt.h"
#include "check.h"
#include "tables/extent_io.h"
#include "tables/workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[256];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static char *path_in(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

/* The first cell of a query's result as a long (-1 on error). */
static long long q_long(hunt_db *db, const char *kql)
{
    hunt_result *r;
    hunt_error err;
    if (hunt_query(db, kql, strlen(kql), HUNT_RUN, &r, &err) != HUNT_OK) {
        printf("query failed: %s: %s\n", kql, err.message);
        return -1;
    }
    long long v = hunt_result_rows(r) ? hunt_result_long(r, 0, 0) : -1;
    hunt_result_free(r);
    return v;
}

static int64_t table_rows(hunt_db *db, const char *name)
{
    for (int i = 0; i < hunt_table_count(db); i++)
        if (strcmp(hunt_table_name(db, i), name) == 0)
            return hunt_table_rows(db, i);
    return -1;
}

/* --- extent files ------------------------------------------------------------- */

static void test_extent_roundtrip(void)
{
    hschema s;
    schema_init(&s);
    schema_add(&s, "b", HT_BOOL);
    schema_add(&s, "l", HT_LONG);
    schema_add(&s, "r", HT_REAL);
    schema_add(&s, "s", HT_STRING);
    schema_add(&s, "d", HT_DATETIME);
    schema_add(&s, "g", HT_GUID);
    schema_add(&s, "y", HT_DYNAMIC);
    htable *t = table_new("T", &s);
    tbuild *b = tbuild_new(t);
    for (int i = 0; i < 1000; i++) {
        if (i % 7)
            tbuild_bool(b, 0, i & 1);
        tbuild_long(b, 1, i * 1000003LL);
        if (i % 5)
            tbuild_real(b, 2, i / 3.0);
        char txt[32];
        int tn = snprintf(txt, sizeof txt, "row %d", i);
        tbuild_str(b, 3, txt, i % 3 ? (size_t)tn : 0);
        tbuild_long(b, 4, 17000000000000000LL + i);
        hguid g = {{(uint8_t)i}};
        tbuild_guid(b, 5, &g);
        if (i % 2)
            tbuild_str(b, 6, "\x05", 1);
        tbuild_end_row(b);
    }
    tbuild_finish(b);
    CHECK_I(1, t->next);
    uint64_t keys[1000], sum;
    for (int i = 0; i < 1000; i++)
        keys[i] = (uint64_t)i * 77;
    char err[512];
    CHECK_I(0, ext_write_file(path_in("x.hx"), t->ext[0], &s, keys, &sum, err, sizeof err));
    /* read back with an extra column and the columns reordered */
    hschema s2;
    schema_init(&s2);
    schema_add(&s2, "y", HT_DYNAMIC);
    schema_add(&s2, "new", HT_LONG);
    for (int c = 0; c < s.ncols - 1; c++)
        schema_add(&s2, s.names[c], s.types[c]);
    hextent *e = ext_read_file(path_in("x.hx"), &s2, true, err, sizeof err);
    CHECK(e != NULL);
    if (!e)
        return;
    const hextent *o = t->ext[0];
    CHECK_I(1000, e->nrows);
    CHECK_I(1000, e->cols[1].nnull); /* "new" is all null */
    bool same = true;
    for (uint32_t i = 0; i < 1000; i++) {
        same &= col_is_null(&e->cols[2], i) == col_is_null(&o->cols[0], i);
        same &= e->cols[3].i[i] == o->cols[1].i[i];
        same &= col_is_null(&e->cols[4], i) == col_is_null(&o->cols[2], i);
        hstr a = col_str(&e->cols[5], i), c = col_str(&o->cols[3], i);
        same &= a.n == c.n && memcmp(a.p, c.p, a.n) == 0;
        same &= memcmp(&e->cols[7].g[i], &o->cols[5].g[i], 16) == 0;
        same &= col_is_null(&e->cols[0], i) == col_is_null(&o->cols[6], i);
    }
    CHECK(same);
    CHECK(e->cols[3].has_minmax && e->cols[3].imax == 999 * 1000003LL);
    uint64_t *k;
    uint32_t nk;
    CHECK_I(0, ext_read_keys(path_in("x.hx"), &k, &nk, err, sizeof err));
    CHECK(nk == 1000 && k && k[999] == 999 * 77);
    free(k);
    ext_unref(e);
    /* damage one byte: the checksum catches it; cut the file: the size does */
    FILE *f = fopen(path_in("x.hx"), "r+");
    fseek(f, 900, SEEK_SET);
    fputc('Z', f);
    fclose(f);
    CHECK(ext_read_file(path_in("x.hx"), &s, true, err, sizeof err) == NULL);
    CHECK(strstr(err, "checksum") != NULL);
    CHECK_I(0, truncate(path_in("x.hx"), 500));
    CHECK(ext_check_file(path_in("x.hx"), NULL, NULL, err, sizeof err) != 0);
    write_file(path_in("junk.hx"), "not an extent at all, just some text................"
                                   "................................................"
                                   "................................................"
                                   "..............................................");
    CHECK(ext_read_file(path_in("junk.hx"), &s, false, err, sizeof err) == NULL);
    table_free(t);
    schema_free(&s);
    schema_free(&s2);
}

/* --- workspace ---------------------------------------------------------------- */

static const char *ALERT_NEW =
    "{\"SystemAlertId\":\"a-1\",\"VendorOriginalId\":\"v-1\",\"Status\":\"New\","
    "\"ProductName\":\"Azure Security Center\",\"TimeGenerated\":\"2026-03-01T10:00:00Z\","
    "\"AlertName\":\"x\"}\n";
static const char *ALERT_OTHER_CONNECTOR =
    "{\"SystemAlertId\":\"b-2\",\"VendorOriginalId\":\"v-1\",\"Status\":\"New\","
    "\"ProductName\":\"Microsoft Defender for Cloud\",\"TimeGenerated\":\"2026-03-01T10:00:05Z\","
    "\"AlertName\":\"x\"}\n";
static const char *ALERT_RESOLVED =
    "{\"SystemAlertId\":\"a-1\",\"VendorOriginalId\":\"v-1\",\"Status\":\"Resolved\","
    "\"ProductName\":\"Azure Security Center\",\"TimeGenerated\":\"2026-03-01T12:00:00Z\","
    "\"AlertName\":\"x\"}\n";

static void test_persist_and_dedupe(void)
{
    char *ws = strdup(path_in("ws1"));
    char *f1 = strdup(path_in("a1.json")), *f2 = strdup(path_in("a2.json"));
    char *f3 = strdup(path_in("a3.json")), *f4 = strdup(path_in("ev.json"));
    write_file(f1, ALERT_NEW);
    write_file(f2, ALERT_OTHER_CONNECTOR);
    write_file(f3, ALERT_RESOLVED);
    write_file(f4, "{\"id\":1,\"host\":\"a\",\"t\":\"2026-01-01T00:00:00Z\"}\n"
                   "{\"id\":2,\"host\":\"b\",\"t\":\"2026-01-02T00:00:00Z\"}\n"
                   "{\"id\":2,\"host\":\"b\",\"t\":\"2026-01-02T00:00:00Z\"}\n");
    hunt_db *db;
    hunt_error err;
    hunt_ingest_stats st;
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "SecurityAlert", f1, NULL, 0, &st, &err));
    CHECK_I(1, st.rows_loaded);
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "SecurityAlert", f1, NULL, 0, &st, &err));
    CHECK_I(0, st.rows_loaded);
    CHECK_I(1, st.rows_duplicate);
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "SecurityAlert", f2, NULL, 0, &st, &err));
    CHECK_I(0, st.rows_loaded); /* the other connector's copy */
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "SecurityAlert", f3, NULL, 0, &st, &err));
    CHECK_I(1, st.rows_loaded); /* a newer state is a new row */
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "Events", f4, NULL, 0, &st, &err));
    CHECK_I(2, st.rows_loaded); /* content hash: the repeated line once */
    CHECK_I(1, st.rows_duplicate);
    hunt_close_workspace(db);
    unlink(f1);
    unlink(f4); /* the workspace must not need its sources */
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    CHECK_I(2, table_rows(db, "SecurityAlert"));
    CHECK_I(2, table_rows(db, "Events"));
    CHECK_I(3, q_long(db, "Events | summarize sum(id)"));
    CHECK_I(1, q_long(db, "SecurityAlert | summarize arg_max(TimeGenerated, *) by SystemAlertId"
                          " | where Status == 'Resolved' | count"));
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "SecurityAlert", f3, NULL, 0, &st, &err));
    CHECK_I(0, st.rows_loaded); /* keys came back from the extent files */
    int64_t ne = 0, nr = 0;
    CHECK_I(HUNT_OK, hunt_check_workspace(db, NULL, NULL, &ne, &nr, &err));
    CHECK_I(4, nr);
    hunt_close_workspace(db);
    free(ws);
    free(f1);
    free(f2);
    free(f3);
    free(f4);
}

static int nproblems;
static void count_problem(void *arg, const char *line)
{
    (void)arg;
    (void)line;
    nproblems++;
}

static void test_check_and_orphans(void)
{
    char *ws = strdup(path_in("ws1"));
    char orphan[600], victim[600];
    snprintf(orphan, sizeof orphan, "%s/extents/999.hx", ws);
    snprintf(victim, sizeof victim, "%s/extents/1.hx", ws);
    write_file(orphan, "left by a batch that never committed");
    hunt_db *db;
    hunt_error err;
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    CHECK(access(orphan, F_OK) != 0); /* removed at open */
    hunt_close_workspace(db);
    FILE *f = fopen(victim, "r+");
    fseek(f, 200, SEEK_SET);
    fputc(0x7f, f);
    fclose(f);
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    nproblems = 0;
    CHECK_I(HUNT_EDATA, hunt_check_workspace(db, count_problem, NULL, NULL, NULL, &err));
    CHECK_I(1, nproblems);
    hunt_close_workspace(db);
    free(ws);
}

static void test_retention(void)
{
    char *ws = strdup(path_in("ws2"));
    char *f = strdup(path_in("old.json")), *g = strdup(path_in("new.json"));
    write_file(f, "{\"TimeGenerated\":\"2020-01-01T00:00:00Z\",\"v\":1}\n");
    write_file(g, "{\"TimeGenerated\":\"2026-01-01T00:00:00Z\",\"v\":2}\n");
    hunt_db *db;
    hunt_error err;
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "Logs", f, NULL, 0, NULL, &err));
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "Logs", g, NULL, 0, NULL, &err));
    hunt_set_now(db, 17700000000000000LL); /* 2026-02-01 */
    int de = 0;
    int64_t dr = 0;
    CHECK_I(HUNT_OK, hunt_set_retention(db, "Logs", 365 * 864000000000LL, &de, &dr, &err));
    CHECK_I(1, de);
    CHECK_I(1, dr);
    CHECK_I(1, table_rows(db, "Logs"));
    hunt_close_workspace(db);
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    CHECK_I(1, table_rows(db, "Logs"));
    CHECK_I(HUNT_OK, hunt_check_workspace(db, NULL, NULL, NULL, NULL, &err));
    CHECK(hunt_set_retention(db, "NoSuchTable", 1, NULL, NULL, &err) != HUNT_OK);
    hunt_close_workspace(db);
    free(ws);
    free(f);
    free(g);
}

typedef struct qseen {
    int n;
    char reason[256], raw[256];
    int64_t id, pos;
} qseen;

static void on_q(void *arg, int64_t id, const char *table, const char *source, int64_t pos,
                 const char *reason, const char *raw, size_t rawn)
{
    (void)table;
    (void)source;
    qseen *q = arg;
    q->n++;
    q->id = id;
    q->pos = pos;
    snprintf(q->reason, sizeof q->reason, "%s", reason);
    snprintf(q->raw, sizeof q->raw, "%.*s", (int)rawn, raw);
}

static void test_quarantine(void)
{
    char *ws = strdup(path_in("ws3"));
    char *f = strdup(path_in("proc.json"));
    write_file(f, "{\"ProcessId\":12,\"FileName\":\"a\"}\n"
                  "{\"ProcessId\":\"twelve\",\"FileName\":\"b\"}\n"
                  "{\"ProcessId\":13,\"FileName\":\"c\"\n");
    hunt_db *db;
    hunt_error err;
    hunt_ingest_stats st;
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "CloudProcessEvents", f, NULL, 0, &st, &err));
    CHECK_I(1, st.rows_loaded);
    CHECK_I(2, st.rows_rejected);
    hunt_close_workspace(db);
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    qseen q = {0};
    CHECK_I(HUNT_OK, hunt_quarantine_list(db, 0, on_q, &q, &err));
    CHECK_I(2, q.n);
    CHECK_I(3, q.pos);
    CHECK(strstr(q.reason, "invalid JSON") != NULL);
    CHECK(strcmp(q.raw, "{\"ProcessId\":13,\"FileName\":\"c\"") == 0);
    int64_t loaded = 0, failed = 0;
    CHECK_I(HUNT_OK, hunt_quarantine_replay(db, 0, &loaded, &failed, &err));
    CHECK_I(0, loaded);
    CHECK_I(2, failed);
    q.n = 0;
    hunt_quarantine_list(db, 0, on_q, &q, &err);
    CHECK_I(2, q.n); /* still there, once each */
    int64_t dropped = 0;
    CHECK_I(HUNT_OK, hunt_quarantine_drop(db, 0, &dropped, &err));
    CHECK_I(2, dropped);
    CHECK_I(1, table_rows(db, "CloudProcessEvents"));
    hunt_close_workspace(db);
    free(ws);
    free(f);
}

static void append_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "a");
    fputs(text, f);
    fclose(f);
}

/* The file checkpoint: a complete ingest is not repeated (even with
 * --no-dedupe), a file that grew loads only its new lines, another table
 * gets its own checkpoint, changed content starts over (dedupe drops the
 * old rows). Extents mapped from files take a new column (release frees
 * it), and hunt_load_file goes through the workspace. */
static void test_resume_and_load(void)
{
    char *ws = strdup(path_in("ws-resume")), *f = strdup(path_in("r.json"));
    write_file(f, "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n");
    hunt_db *db;
    hunt_error err;
    hunt_ingest_stats st;
    int nd = HUNT_INGEST_NODEDUPE;
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "R", f, NULL, nd, &st, &err));
    CHECK_I(3, st.rows_loaded);
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "R", f, NULL, nd, &st, &err));
    CHECK_I(0, st.rows_loaded + st.rows_duplicate);
    append_file(f, "{\"id\":4}\n");
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "R", f, NULL, nd, &st, &err));
    CHECK_I(1, st.rows_loaded);
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "R2", f, NULL, nd, &st, &err));
    CHECK_I(4, st.rows_loaded);
    hunt_close_workspace(db);
    write_file(f, "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n{\"id\":5}\n");
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "R", f, NULL, 0, &st, &err));
    CHECK_I(1, st.rows_loaded);
    CHECK_I(3, st.rows_duplicate);
    CHECK_I(5, table_rows(db, "R"));
    CHECK_I(15, q_long(db, "R | summarize sum(id)"));
    char *g = strdup(path_in("wide.json"));
    write_file(g, "{\"id\":9,\"extra\":\"x\"}\n");
    hunt_load_stats ls;
    CHECK_I(HUNT_OK, hunt_load_file(db, "R", g, &ls, &err));
    CHECK_I(1, ls.rows_loaded);
    CHECK_I(1, q_long(db, "R | where isnotempty(extra) | count"));
    hunt_close_workspace(db);
    CHECK_I(HUNT_OK, hunt_open_workspace(ws, &db, &err));
    CHECK_I(6, table_rows(db, "R"));
    CHECK_I(24, q_long(db, "R | summarize sum(id)"));
    hunt_close_workspace(db);
    free(g);
    free(ws);
    free(f);
}

static void test_memory_mode(void)
{
    hunt_db *db;
    hunt_error err;
    hunt_ingest_stats st;
    char *f = strdup(path_in("m.json"));
    write_file(f, ALERT_NEW);
    CHECK_I(HUNT_OK, hunt_open_workspace(NULL, &db, &err));
    CHECK(hunt_workspace_dir(db) == NULL);
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "SecurityAlert", f, NULL, 0, &st, &err));
    CHECK_I(HUNT_OK, hunt_ingest_file(db, "SecurityAlert", f, NULL, 0, &st, &err));
    CHECK_I(1, st.rows_duplicate);
    CHECK(hunt_set_retention(db, "SecurityAlert", 1, NULL, NULL, &err) == HUNT_EMISUSE);
    CHECK(hunt_ingest_file(db, "X", path_in("missing.json"), NULL, 0, &st, &err) == HUNT_EIO);
    CHECK(strstr(err.message, "missing.json: cannot open") != NULL);
    hunt_close_workspace(db);
    free(f);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hunt-test-ws.XXXXXX");
    if (!mkdtemp(tmpdir))
        return 1;
    test_extent_roundtrip();
    test_persist_and_dedupe();
    test_check_and_orphans();
    test_retention();
    test_quarantine();
    test_memory_mode();
    test_resume_and_load();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        printf("cannot remove %s\n", tmpdir);
    return check_summary();
}
