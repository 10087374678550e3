/* tests/unit/test_engine.c — engine behaviour seen through include/hunt.h:
 * time-window pruning of extents, scripts with several results, binding the
 * whole script before running, error positions, independence of two engines,
 * and column pruning not changing answers.
 */
#include "hunt.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int passed, failed;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (cond) {                                                                                \
            passed++;                                                                              \
        } else {                                                                                   \
            failed++;                                                                              \
            printf("%s:%d: ", __FILE__, __LINE__);                                                 \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
        }                                                                                          \
    } while (0)

static hunt_result *run(hunt_db *db, const char *q, hunt_error *err)
{
    hunt_result *r = NULL;
    memset(err, 0, sizeof *err);
    hunt_query(db, q, strlen(q), HUNT_RUN, &r, err);
    return r;
}

static const char *cell(hunt_result *r, int64_t row, int col)
{
    return r ? hunt_result_text(r, row, col, NULL) : "(no result)";
}

/* The 28 days of February 2026, one event every 10 seconds: 241,920 rows in
 * ceil(241920 / 65536) = 4 extents, in time order. */
static char *write_events(void)
{
    static char path[] = "/tmp/hunt-test-engine-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < 241920; i++) {
        long s = 10L * i;
        fprintf(f,
                "{\"Timestamp\":\"2026-02-%02ldT%02ld:%02ld:%02ldZ\",\"ActionType\":\"A%d\","
                "\"ProcessName\":\"p%d\",\"ProcessId\":%d}\n",
                1 + s / 86400, (s / 3600) % 24, (s / 60) % 60, s % 60, i % 3, i % 7, i);
    }
    fclose(f);
    return path;
}

static void test_pruning(hunt_db *db)
{
    hunt_error err;
    hunt_result *r = run(db,
                         "CloudProcessEvents | where Timestamp >= datetime(2026-02-27) and "
                         "Timestamp < datetime(2026-02-28) | count",
                         &err);
    CHECK(r != NULL, "query failed: %s", err.message);
    CHECK(r && !strcmp(cell(r, 0, 0), "8640"), "one day holds 8640 rows, got %s", cell(r, 0, 0));
    hunt_query_stats st;
    hunt_result_stats(r, &st);
    CHECK(st.extents_skipped >= 2, "a one-day window skips extents, skipped %lld",
          (long long)st.extents_skipped);
    CHECK(st.extents_scanned <= 2, "a one-day window scans at most 2 extents, scanned %lld",
          (long long)st.extents_scanned);
    hunt_result_free(r);

    /* the same answer without pruning (the predicate hides the column) */
    r = run(db,
            "CloudProcessEvents | extend t = Timestamp + 0s | where t >= datetime(2026-02-27) "
            "and t < datetime(2026-02-28) | count",
            &err);
    CHECK(r && !strcmp(cell(r, 0, 0), "8640"), "unpruned count 8640, got %s", cell(r, 0, 0));
    hunt_result_stats(r, &st);
    CHECK(st.extents_skipped == 0, "no pruning through a computed column, skipped %lld",
          (long long)st.extents_skipped);
    hunt_result_free(r);
}

static void test_column_pruning(hunt_db *db)
{
    hunt_error err;
    /* only ActionType is read; the answer must not change */
    hunt_result *r =
        run(db, "CloudProcessEvents | summarize n = count() by ActionType | sort by ActionType asc",
            &err);
    CHECK(r && hunt_result_rows(r) == 3, "3 action types, got %lld",
          r ? (long long)hunt_result_rows(r) : -1LL);
    CHECK(r && !strcmp(cell(r, 0, 0), "A0"), "first group A0, got %s", cell(r, 0, 0));
    CHECK(r && hunt_result_long(r, 0, 1) == 80640, "A0 has 80640 rows, got %lld",
          r ? (long long)hunt_result_long(r, 0, 1) : -1LL);
    hunt_result_free(r);
    r = run(db, "CloudProcessEvents | where ProcessId == 7 | project ProcessName, Timestamp", &err);
    CHECK(r && !strcmp(cell(r, 0, 0), "p0"), "row 7 is p0, got %s", cell(r, 0, 0));
    CHECK(r && !strcmp(cell(r, 0, 1), "2026-02-01T00:01:10Z"), "row 7 time, got %s", cell(r, 0, 1));
    hunt_result_free(r);
}

static void test_scripts(hunt_db *db)
{
    hunt_error err;
    hunt_result *r = run(db, "let n = 2; print a = n; print b = n * 3", &err);
    CHECK(r && !strcmp(hunt_result_column_name(r, 0), "a") && !strcmp(cell(r, 0, 0), "2"),
          "first result a=2");
    hunt_result *r2 = r ? hunt_result_next(r) : NULL;
    CHECK(r2 && !strcmp(hunt_result_column_name(r2, 0), "b") && !strcmp(cell(r2, 0, 0), "6"),
          "second result b=6");
    CHECK(r2 && hunt_result_next(r2) == NULL, "two results");
    hunt_result_free(r);

    /* an error in the second statement stops the script before the first runs */
    r = run(db, "print a = 1;\nprint b = nosuchname", &err);
    CHECK(r == NULL, "no result when a later statement does not bind");
    CHECK(err.code == HUNT_ESEMANTIC, "semantic error, got %d", err.code);
    CHECK(err.line == 2 && err.column == 11, "error at 2:11, got %d:%d", err.line, err.column);
    char *msg = hunt_error_format(&err, "print a = 1;\nprint b = nosuchname", 33);
    CHECK(msg && strstr(msg, "line 2, column 11: unknown name 'nosuchname'") &&
              strstr(msg, "\n    print b = nosuchname\n              ^^^^^^^^^^"),
          "formatted error with caret, got:\n%s", msg ? msg : "(null)");
    hunt_free(msg);

    r = run(db, "CloudProcessEvents | make-graph a --> b", &err);
    CHECK(r == NULL && err.code == HUNT_EUNSUPPORTED && strstr(err.message, "make-graph"),
          "unsupported operator named, got %d '%s'", err.code, err.message);
}

/* A costly pipeline (regex extraction) over 4 extents runs as two halves on
 * two threads; the answer must equal the single-threaded one. */
static void test_exchange(hunt_db *db)
{
    const char *q = "CloudProcessEvents | extend d = extract(\"p([0-9])\", 1, ProcessName) "
                    "| where d != \"3\" | summarize n = count(), s = sum(ProcessId) by d, "
                    "ActionType | sort by d asc, ActionType asc";
    hunt_error err;
    setenv("HUNT_THREADS", "1", 1);
    hunt_result *one = run(db, q, &err);
    unsetenv("HUNT_THREADS");
    hunt_result *two = run(db, q, &err);
    CHECK(one && two, "both runs answer: %s", err.message);
    CHECK(one && two && hunt_result_rows(one) == 18 && hunt_result_rows(two) == 18,
          "6 digits x 3 action types = 18 groups, got %lld and %lld",
          one ? (long long)hunt_result_rows(one) : -1LL,
          two ? (long long)hunt_result_rows(two) : -1LL);
    bool same = one && two && hunt_result_rows(one) == hunt_result_rows(two);
    for (int64_t r = 0; same && r < hunt_result_rows(one); r++)
        for (int c = 0; same && c < 4; c++) {
            char a[64];
            snprintf(a, sizeof a, "%s", hunt_result_text(one, r, c, NULL));
            same = strcmp(a, hunt_result_text(two, r, c, NULL)) == 0;
        }
    CHECK(same, "two threads give the same groups, counts and sums as one");
    hunt_result_free(one);
    hunt_result_free(two);
}

static void test_two_engines(hunt_db *db)
{
    hunt_db *other = NULL;
    CHECK(hunt_open(&other) == HUNT_OK, "second engine opens");
    hunt_error err;
    hunt_result *r = run(other, "CloudProcessEvents | count", &err);
    CHECK(r && !strcmp(cell(r, 0, 0), "0"), "the second engine's table is empty, got %s",
          cell(r, 0, 0));
    hunt_result_free(r);
    r = run(db, "CloudProcessEvents | count", &err);
    CHECK(r && !strcmp(cell(r, 0, 0), "241920"), "the first keeps its rows, got %s", cell(r, 0, 0));
    hunt_result_free(r);
    hunt_close(other);
}

int main(void)
{
    char *path = write_events();
    CHECK(path != NULL, "temp file");
    hunt_db *db = NULL;
    CHECK(hunt_open(&db) == HUNT_OK, "open");
    hunt_load_stats st;
    hunt_error err;
    memset(&st, 0, sizeof st);
    CHECK(hunt_load_file(db, "CloudProcessEvents", path, &st, &err) == HUNT_OK, "load: %s",
          err.message);
    CHECK(st.rows_loaded == 241920 && st.rows_rejected == 0, "241920 rows loaded, got %lld/%lld",
          (long long)st.rows_loaded, (long long)st.rows_rejected);
    test_pruning(db);
    test_column_pruning(db);
    test_scripts(db);
    test_exchange(db);
    test_two_engines(db);
    hunt_close(db);
    if (path)
        unlink(path);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
