/* tests/unit/test_summarize.c — summarize over a table of several extents:
 * the parallel partial aggregation (two threads, each aggregating every
 * other extent into its own hash table, then merged) must give exactly the
 * single-threaded answer, and both must equal values computed here in C.
 * The data has empty strings, keys differing only in case, nulls, thousands
 * of groups, and groups spanning all extents. Also checks arg_max(T, *)
 * followed by another summarize (which reads only the columns it names), and
 * string keys through dictionary codes, computed strings and the merge.
 */
#include "hunt.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define NROWS 200000 /* 4 extents of at most 65,536 rows */
#define NGROUPS 5003

/* Row i's values (the NDJSON below and the expected answers use these). */
static void account(int i, char *buf, size_t cap)
{
    if (i % 7 == 0)
        snprintf(buf, cap, "%s", ""); /* empty string: a group of its own */
    else if (i % 13 == 0)
        snprintf(buf, cap, "Root");
    else if (i % 11 == 0)
        snprintf(buf, cap, "root");
    else
        snprintf(buf, cap, "u%d", (int)((long)i * 7919 % NGROUPS));
}
static bool pid_null(int i)
{
    return i % 10 == 0;
}
static long pid(int i)
{
    return (long)(i * 37 % 1000);
}

static char *write_rows(void)
{
    static char path[] = "/tmp/hunt-test-summarize-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "w");
    char acc[32];
    for (int i = 0; i < NROWS; i++) {
        long s = 10L * i; /* unique, rising timestamps: no ties for arg_max */
        account(i, acc, sizeof acc);
        fprintf(f,
                "{\"Timestamp\":\"2026-02-%02ldT%02ld:%02ld:%02ldZ\",\"AccountName\":\"%s\","
                "\"ProcessName\":\"p%d\",\"KubernetesNamespace\":\"ns%d\"",
                1 + s / 86400, (s / 3600) % 24, (s / 60) % 60, s % 60, acc, i % 3, i % 50);
        if (!pid_null(i))
            fprintf(f, ",\"ProcessId\":%ld", pid(i));
        fprintf(f, "}\n");
    }
    fclose(f);
    return path;
}

static hunt_result *run(hunt_db *db, const char *q, const char *threads, hunt_error *err)
{
    hunt_result *r = NULL;
    memset(err, 0, sizeof *err);
    setenv("HUNT_THREADS", threads, 1);
    hunt_query(db, q, strlen(q), HUNT_RUN, &r, err);
    unsetenv("HUNT_THREADS");
    return r;
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The result as text: one line per row, rows sorted (summarize promises no
 * order). malloc'd; NULL for no result. */
static char *canonical(hunt_result *r)
{
    if (!r)
        return NULL;
    int64_t n = hunt_result_rows(r);
    int nc = hunt_result_columns(r);
    char **lines = calloc((size_t)n + 1, sizeof *lines);
    size_t total = 1;
    for (int64_t i = 0; i < n; i++) {
        size_t cap = 64, len = 0;
        char *l = malloc(cap);
        l[0] = 0;
        for (int c = 0; c < nc; c++) {
            size_t vl;
            const char *v = hunt_result_text(r, i, c, &vl);
            while (len + vl + 2 > cap)
                l = realloc(l, cap *= 2);
            memcpy(l + len, v, vl);
            len += vl;
            l[len++] = c + 1 < nc ? '\t' : '\n';
            l[len] = 0;
        }
        lines[i] = l;
        total += len;
    }
    qsort(lines, (size_t)n, sizeof *lines, cmp_line);
    char *out = malloc(total);
    out[0] = 0;
    size_t at = 0;
    for (int64_t i = 0; i < n; i++) {
        size_t len = strlen(lines[i]);
        memcpy(out + at, lines[i], len + 1);
        at += len;
        free(lines[i]);
    }
    free(lines);
    return out;
}

/* Runs q on one thread and on two; checks both answer identically and
 * returns the two-thread result (caller frees), or NULL. */
static hunt_result *both(hunt_db *db, const char *q)
{
    hunt_error err;
    hunt_result *one = run(db, q, "1", &err);
    CHECK_MSG(one != NULL, "one thread answers '%s': %s", q, err.message);
    hunt_result *two = run(db, q, "2", &err);
    CHECK_MSG(two != NULL, "two threads answer '%s': %s", q, err.message);
    char *a = canonical(one), *b = canonical(two);
    CHECK_MSG(a && b && !strcmp(a, b), "one and two threads agree on '%s'", q);
    free(a);
    free(b);
    hunt_result_free(one);
    return two;
}

/* Finds the row whose column 0 is key; -1 when none. */
static int64_t find_row(hunt_result *r, const char *key)
{
    for (int64_t i = 0; r && i < hunt_result_rows(r); i++)
        if (!strcmp(hunt_result_text(r, i, 0, NULL), key))
            return i;
    return -1;
}

typedef struct expect {
    long n, c, s, mn, mx, nonnull, last_row;
    bool ns[50];
} expect;

static void test_by_account(hunt_db *db)
{
    static expect e[NGROUPS + 3]; /* u0..u5002, then "", "Root", "root" */
    char acc[32];
    for (int i = 0; i < NROWS; i++) {
        account(i, acc, sizeof acc);
        int g = acc[0] == 'u'   ? atoi(acc + 1)
                : acc[0] == 0   ? NGROUPS
                : acc[0] == 'R' ? NGROUPS + 1
                                : NGROUPS + 2;
        expect *x = &e[g];
        if (!x->n)
            x->mn = 1L << 40, x->mx = -1;
        x->n++;
        x->c += i % 3 == 1;
        x->ns[i % 50] = true;
        x->last_row = i;
        if (!pid_null(i)) {
            x->s += pid(i);
            x->nonnull++;
            if (pid(i) < x->mn)
                x->mn = pid(i);
            if (pid(i) > x->mx)
                x->mx = pid(i);
        }
    }
    hunt_result *r = both(db, "CloudProcessEvents | summarize n = count(), c = countif(ProcessName "
                              "== \"p1\"), s = sum(ProcessId), mn = min(ProcessId), mx = "
                              "max(ProcessId), d = dcount(KubernetesNamespace), last = "
                              "arg_max(Timestamp, ProcessName) by AccountName");
    int groups = 0;
    for (int g = 0; g < NGROUPS + 3; g++)
        groups += e[g].n > 0;
    CHECK_MSG(r && hunt_result_rows(r) == groups, "%d groups, got %lld", groups,
              r ? (long long)hunt_result_rows(r) : -1LL);
    int bad = 0;
    for (int g = 0; r && g < NGROUPS + 3; g++) {
        expect *x = &e[g];
        if (!x->n)
            continue;
        char key[32];
        if (g < NGROUPS)
            snprintf(key, sizeof key, "u%d", g);
        else
            snprintf(key, sizeof key, "%s", g == NGROUPS ? "" : g == NGROUPS + 1 ? "Root" : "root");
        int64_t row = find_row(r, key);
        int d = 0;
        for (int k = 0; k < 50; k++)
            d += x->ns[k];
        char want[256];
        snprintf(want, sizeof want, "%ld %ld %ld %ld %ld %d p%ld", x->n, x->c, x->s, x->mn, x->mx,
                 d, x->last_row % 3);
        char got[256] = "(missing)";
        if (row >= 0) {
            int at = 0;
            for (int c = 1; c <= 8; c++)
                if (c != 7) /* 7: the maximized Timestamp */
                    at += snprintf(got + at, sizeof got - (size_t)at, c > 1 ? " %s" : "%s",
                                   hunt_result_text(r, row, c, NULL));
        }
        if (strcmp(want, got) && bad++ < 5)
            printf("group '%s': want '%s', got '%s'\n", key, want, got);
    }
    CHECK_MSG(bad == 0, "every group's count, countif, sum, min, max, dcount and arg_max (%d bad)",
              bad);
    hunt_result_free(r);
}

/* The same groups through each path of a string key: dictionary codes (the
 * stored column), computed strings (strcat: hashed per row, prefetched past
 * 4,096 groups) and, on two threads, the merge of string-keyed partials. */
static void test_string_key_paths(hunt_db *db)
{
    hunt_result *coded = both(db, "CloudProcessEvents | summarize n = count() by AccountName");
    hunt_result *plain =
        both(db, "CloudProcessEvents | summarize n = count() by A = strcat(AccountName, \"\")");
    char *a = canonical(coded), *b = canonical(plain);
    CHECK_MSG(a && b && !strcmp(a, b), "coded and computed string keys give the same groups");
    CHECK_MSG(coded && hunt_result_rows(coded) == NGROUPS + 3, "%d groups, got %lld", NGROUPS + 3,
              coded ? (long long)hunt_result_rows(coded) : -1LL);
    free(a);
    free(b);
    hunt_result_free(coded);
    hunt_result_free(plain);

    /* a function of a dictionary column, across extents (each with its own
     * dictionary): cached per code on one thread, not cached as a shared key
     * on two; "Root" and "root" fold into one group */
    hunt_result *lower =
        both(db, "CloudProcessEvents | summarize n = count() by L = tolower(AccountName)");
    CHECK_MSG(lower && hunt_result_rows(lower) == NGROUPS + 2, "%d lowered groups, got %lld",
              NGROUPS + 2, lower ? (long long)hunt_result_rows(lower) : -1LL);
    hunt_result_free(lower);
    long longer = 0;
    char acc[32], want[32];
    for (int i = 0; i < NROWS; i++) {
        account(i, acc, sizeof acc);
        longer += strlen(acc) > 3;
    }
    /* a let of toscalar() in the streaming part: its sub-query runs once, not
     * on both threads at once */
    hunt_result *m = both(db, "let m = toscalar(CloudProcessEvents | summarize max(ProcessId)); "
                              "CloudProcessEvents | where ProcessId == m | extend e = "
                              "extract('u([0-9]+)', 1, AccountName) | summarize count()");
    long atmax = 0;
    for (int i = 0; i < NROWS; i++)
        atmax += !pid_null(i) && pid(i) == 999;
    snprintf(want, sizeof want, "%ld", atmax);
    CHECK_MSG(m && hunt_result_rows(m) == 1 && !strcmp(hunt_result_text(m, 0, 0, NULL), want),
              "rows at the max ProcessId: %s, got %s", want,
              m && hunt_result_rows(m) ? hunt_result_text(m, 0, 0, NULL) : "nothing");
    hunt_result_free(m);
    hunt_result *r = both(db, "CloudProcessEvents | where strlen(AccountName) > 3 | count");
    snprintf(want, sizeof want, "%ld", longer);
    CHECK_MSG(r && hunt_result_rows(r) == 1 && !strcmp(hunt_result_text(r, 0, 0, NULL), want),
              "strlen filter counts %s rows, got %s", want,
              r && hunt_result_rows(r) ? hunt_result_text(r, 0, 0, NULL) : "nothing");
    hunt_result_free(r);
}

static void test_filters_and_keys(hunt_db *db)
{
    long root = 0, Root = 0, empty = 0;
    static bool seen_u[NGROUPS], seen_pid[1000];
    int accounts = 3, pids = 1; /* "", Root, root; the null ProcessId */
    char acc[32];
    for (int i = 0; i < NROWS; i++) {
        account(i, acc, sizeof acc);
        root += !strcmp(acc, "root");
        Root += !strcmp(acc, "Root");
        empty += !acc[0];
        if (acc[0] == 'u' && !seen_u[atoi(acc + 1)]) {
            seen_u[atoi(acc + 1)] = true;
            accounts++;
        }
        if (!pid_null(i) && !seen_pid[pid(i)]) {
            seen_pid[pid(i)] = true;
            pids++;
        }
    }
    char want[64];
    /* == is case-sensitive; a filter before a parallel summarize */
    hunt_result *r = both(db, "CloudProcessEvents | where AccountName == \"root\" | summarize "
                              "n = count() by AccountName");
    snprintf(want, sizeof want, "%ld", root);
    CHECK_MSG(r && hunt_result_rows(r) == 1 && !strcmp(hunt_result_text(r, 0, 1, NULL), want),
              "root: %s rows", want);
    hunt_result_free(r);
    r = both(db, "CloudProcessEvents | where AccountName in (\"Root\", \"\") | summarize n = "
                 "count() by AccountName");
    snprintf(want, sizeof want, "%ld", Root);
    int64_t row = find_row(r, "Root");
    CHECK_MSG(row >= 0 && !strcmp(hunt_result_text(r, row, 1, NULL), want), "Root: %s rows", want);
    snprintf(want, sizeof want, "%ld", empty);
    row = find_row(r, "");
    CHECK_MSG(row >= 0 && !strcmp(hunt_result_text(r, row, 1, NULL), want), "empty: %s rows", want);
    hunt_result_free(r);
    /* nothing passes: no groups; with no keys, one row of zeros */
    r = both(db, "CloudProcessEvents | where AccountName == \"nobody\" | summarize count() by "
                 "AccountName");
    CHECK_MSG(r && hunt_result_rows(r) == 0, "no rows, no groups");
    hunt_result_free(r);
    r = both(db, "CloudProcessEvents | where AccountName == \"nobody\" | summarize count(), "
                 "dcount(ProcessName)");
    CHECK_MSG(r && hunt_result_rows(r) == 1 && !strcmp(hunt_result_text(r, 0, 0, NULL), "0"),
              "one row of zeros");
    hunt_result_free(r);
    /* a null group key, and two keys */
    r = both(db, "CloudProcessEvents | summarize n = count() by ProcessId");
    snprintf(want, sizeof want, "%d", NROWS / 10);
    row = find_row(r, "");
    CHECK_MSG(r && hunt_result_rows(r) == pids && row >= 0 &&
                  !strcmp(hunt_result_text(r, row, 1, NULL), want),
              "%d ids with the null group of %s rows", pids, want);
    hunt_result_free(r);
    r = both(db, "CloudProcessEvents | summarize n = count() by bin(Timestamp, 1d), ProcessName");
    CHECK_MSG(r && hunt_result_rows(r) == 3 * 24, "24 days x 3 processes, got %lld",
              r ? (long long)hunt_result_rows(r) : -1LL);
    hunt_result_free(r);
    /* distinct, and dcount over the whole table */
    r = both(db, "CloudProcessEvents | distinct AccountName | count");
    snprintf(want, sizeof want, "%d", accounts);
    CHECK_MSG(r && !strcmp(hunt_result_text(r, 0, 0, NULL), want), "%s distinct accounts", want);
    hunt_result_free(r);
    r = both(db, "CloudProcessEvents | summarize dcount(AccountName), min(AccountName), "
                 "max(AccountName), arg_min(Timestamp, ProcessId)");
    CHECK_MSG(r && !strcmp(hunt_result_text(r, 0, 0, NULL), want) &&
                  !strcmp(hunt_result_text(r, 0, 1, NULL), "") &&
                  !strcmp(hunt_result_text(r, 0, 2, NULL), "u999") &&
                  !strcmp(hunt_result_text(r, 0, 4, NULL), ""),
              "dcount, min '' and max 'u999', arg_min's null ProcessId of row 0");
    hunt_result_free(r);
}

/* arg_max(T, *) then a summarize that names two columns: the scan reads only
 * the named ones, and the answer is the same as when every column is kept. */
static void test_arg_max_star(hunt_db *db)
{
    hunt_result *narrow = both(db, "CloudProcessEvents | summarize arg_max(Timestamp, *) by "
                                   "KubernetesNamespace | summarize n = count() by ProcessName, "
                                   "ProcessId");
    hunt_result *wide = both(db, "CloudProcessEvents | summarize arg_max(Timestamp, *) by "
                                 "KubernetesNamespace | project ProcessName, ProcessId");
    /* the last row of namespace k (0..49) is the last i with i % 50 == k */
    int per[3] = {0};
    for (int k = 0; k < 50; k++)
        per[(NROWS - 50 + k) % 3]++;
    char *a = canonical(narrow);
    CHECK_MSG(narrow && hunt_result_rows(narrow) <= 50 && wide && hunt_result_rows(wide) == 50,
              "50 namespaces");
    long total = 0;
    for (int64_t i = 0; narrow && i < hunt_result_rows(narrow); i++)
        total += atol(hunt_result_text(narrow, i, 2, NULL));
    CHECK_MSG(total == 50, "every namespace counted once, got %ld", total);
    int64_t p0 = 0;
    for (int64_t i = 0; wide && i < hunt_result_rows(wide); i++)
        p0 += !strcmp(hunt_result_text(wide, i, 0, NULL), "p0");
    CHECK_MSG(p0 == per[0], "%d namespaces end on p0, got %lld", per[0], (long long)p0);
    free(a);
    hunt_result_free(narrow);
    hunt_result_free(wide);
}

int main(void)
{
    char *path = write_rows();
    CHECK_MSG(path != NULL, "temp file");
    hunt_db *db;
    CHECK_MSG(hunt_open(&db) == HUNT_OK, "open");
    hunt_load_stats st;
    hunt_error err;
    memset(&st, 0, sizeof st);
    CHECK_MSG(hunt_load_file(db, "CloudProcessEvents", path, &st, &err) == HUNT_OK, "load: %s",
              err.message);
    CHECK_MSG(st.rows_loaded == NROWS, "%d rows loaded, got %lld", NROWS,
              (long long)st.rows_loaded);
    unlink(path);
    test_by_account(db);
    test_string_key_paths(db);
    test_filters_and_keys(db);
    test_arg_max_star(db);
    hunt_close(db);
    return check_summary();
}
