/* samples/embed.c — how to embed libhunt: open an engine, load a file, run
 * a KQL query, read the result with typed access, handle a bad query, and
 * free everything. Only include/hunt.h is needed.
 *
 * Build (from the repository root): make build/embed
 * Run:   build/embed [samples/data/CloudProcessEvents.ndjson]
 *
 * It also checks what it reads and ends with "N passed, N failed", so the
 * test suite (tools/run-tests.sh) runs it; it exits 0 when every check held.
 */
#include <stdio.h>
#include <string.h>

#include "hunt.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAILED: %s\n", what);
    }
}

/* Prints one cell with the accessor that fits its column type. */
static void print_cell(hunt_result *r, int64_t row, int col)
{
    if (hunt_result_is_null(r, row, col)) {
        printf("%-24s", "(null)");
        return;
    }
    switch (hunt_result_column_type(r, col)) {
    case HUNT_TBOOL:
        printf("%-24s", hunt_result_bool(r, row, col) ? "true" : "false");
        break;
    case HUNT_TINT:
    case HUNT_TLONG:
        printf("%-24lld", (long long)hunt_result_long(r, row, col));
        break;
    case HUNT_TREAL:
        printf("%-24g", hunt_result_real(r, row, col));
        break;
    default: /* strings, datetimes, timespans, guids, dynamic: their text */
        printf("%-24s", hunt_result_text(r, row, col, NULL));
        break;
    }
}

static void print_result(hunt_result *r)
{
    int ncol = hunt_result_columns(r);
    for (int c = 0; c < ncol; c++) {
        char head[128];
        snprintf(head, sizeof head, "%s:%s", hunt_result_column_name(r, c),
                 hunt_type_name(hunt_result_column_type(r, c)));
        printf("%-24s", head);
    }
    printf("\n");
    for (int64_t i = 0; i < hunt_result_rows(r); i++) {
        for (int c = 0; c < ncol; c++)
            print_cell(r, i, c);
        printf("\n");
    }
}

/* Runs the summary query and checks it against what was loaded. */
static void run_summary(hunt_db *db, int64_t loaded)
{
    const char *q = "CloudProcessEvents\n"
                    "| summarize Events = count(), First = min(Timestamp) by AccountName\n"
                    "| sort by Events desc";
    hunt_result *r = NULL;
    hunt_error err;
    int rc = hunt_query(db, q, strlen(q), HUNT_RUN, &r, &err);
    check(rc == HUNT_OK, "the summary query runs");
    if (rc != HUNT_OK) {
        char *msg = hunt_error_format(&err, q, strlen(q));
        printf("error: %s\n", msg ? msg : err.message);
        hunt_free(msg);
        return;
    }
    print_result(r);
    check(hunt_result_columns(r) == 3, "three columns");
    check(hunt_result_column_type(r, 1) == HUNT_TLONG, "count() is a long");
    check(hunt_result_column_type(r, 2) == HUNT_TDATETIME, "min(Timestamp) is a datetime");
    int64_t sum = 0;
    for (int64_t i = 0; i < hunt_result_rows(r); i++)
        sum += hunt_result_long(r, i, 1);
    check(sum == loaded, "the counts add up to the rows loaded");
    check(hunt_result_next(r) == NULL, "one statement gives one result");
    hunt_result_free(r);
}

/* A query with a typo: the error says what and where. */
static void run_bad_query(hunt_db *db)
{
    const char *q = "CloudProcessEvents\n| wher ProcessName == \"curl\"";
    hunt_result *r = NULL;
    hunt_error err;
    memset(&err, 0, sizeof err);
    int rc = hunt_query(db, q, strlen(q), HUNT_RUN, &r, &err);
    hunt_result_free(r); /* NULL on error, as expected; freed in case */
    check(rc != HUNT_OK && r == NULL, "the bad query fails");
    check(err.line == 2, "the error is on line 2");
    char *msg = hunt_error_format(&err, q, strlen(q));
    check(msg != NULL && strchr(msg, '^') != NULL, "the formatted error has a caret");
    printf("expected error: %s\n", msg ? msg : err.message);
    hunt_free(msg);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "samples/data/CloudProcessEvents.ndjson";
    hunt_db *db = NULL;
    if (hunt_open(&db) != HUNT_OK) {
        printf("cannot open the engine\n0 passed, 1 failed\n");
        return 1;
    }
    hunt_load_stats st;
    hunt_error err;
    int rc = hunt_load_file(db, "CloudProcessEvents", path, &st, &err);
    check(rc == HUNT_OK, "the sample file loads");
    if (rc == HUNT_OK) {
        printf("loaded %lld rows (%lld rejected) from %s\n", (long long)st.rows_loaded,
               (long long)st.rows_rejected, path);
        check(st.rows_loaded > 0, "some rows were loaded");
        run_summary(db, st.rows_loaded);
    } else {
        printf("load failed: %s\n", err.message);
    }
    run_bad_query(db);
    hunt_close(db);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
