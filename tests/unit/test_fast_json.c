/* tests/unit/test_fast_json.c — the fast scanner of flat JSON records
 * (ingest/fast_ndjson.c) loads exactly what jansson loads: every file of
 * tests/data, tests/data/ingest and samples/data, plus a file of edge cases
 * (escapes, surrogates, bad UTF-8, big and odd numbers, duplicate keys,
 * aliases, AdditionalFields, nesting, wrong types, junk), is loaded both
 * ways into a built-in table and an inferred one; every table's schema and
 * every cell must match, and so must the diagnostics and rejected records.
 * Run from the repository root. Ends with "N passed, N failed".
 */
#include "ingest/ingest.h"
#include "tables/catalog.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int npass, nfail;

static void check(bool ok, const char *what, const char *file)
{
    if (ok) {
        npass++;
        return;
    }
    nfail++;
    printf("failed: %s: %s\n", file, what);
}

typedef struct log {
    char *p;
    size_t n, cap;
} log;

static void log_add(log *l, const char *s, size_t n)
{
    if (l->n + n + 2 > l->cap) {
        l->cap = (l->n + n + 2) * 2;
        l->p = realloc(l->p, l->cap);
        if (!l->p)
            abort();
    }
    memcpy(l->p + l->n, s, n);
    l->n += n;
    l->p[l->n++] = '\n';
    l->p[l->n] = 0;
}

static void on_diag(void *arg, const char *line)
{
    log_add(arg, line, strlen(line));
}

static void on_reject(void *arg, long line, const char *reason, const char *raw, size_t rawn)
{
    char head[700];
    int k = snprintf(head, sizeof head, "reject %ld %s", line, reason);
    log_add(arg, head, (size_t)k);
    log_add(arg, raw, rawn);
}

static bool cell_equal(const hcol *a, uint32_t i, const hcol *b, uint32_t j)
{
    if (col_is_null(a, i) != col_is_null(b, j))
        return false;
    if (ht_is_str(a->type)) {
        hstr x = col_str(a, i), y = col_str(b, j);
        return x.n == y.n && memcmp(x.p, y.p, x.n) == 0;
    }
    if (col_is_null(a, i))
        return true;
    switch (a->type) {
    case HT_BOOL:
        return a->b[i] == b->b[j];
    case HT_REAL:
        return memcmp(&a->r[i], &b->r[j], sizeof(double)) == 0;
    case HT_GUID:
        return memcmp(&a->g[i], &b->g[j], sizeof(hguid)) == 0;
    default:
        return a->i[i] == b->i[j];
    }
}

/* Row r of t: its extent and the row in it. */
static const hextent *locate(const htable *t, int64_t r, uint32_t *at)
{
    for (int e = 0; e < t->next; e++) {
        if (r < t->ext[e]->nrows) {
            *at = (uint32_t)r;
            return t->ext[e];
        }
        r -= t->ext[e]->nrows;
    }
    return NULL;
}

static bool tables_equal(const htable *a, const htable *b)
{
    if (a->nrows != b->nrows || a->schema.ncols != b->schema.ncols)
        return false;
    for (int c = 0; c < a->schema.ncols; c++)
        if (strcmp(a->schema.names[c], b->schema.names[c]) != 0 ||
            a->schema.types[c] != b->schema.types[c])
            return false;
    for (int64_t r = 0; r < a->nrows; r++) {
        uint32_t i = 0, j = 0;
        const hextent *x = locate(a, r, &i), *y = locate(b, r, &j);
        for (int c = 0; c < a->schema.ncols; c++)
            if (!cell_equal(&x->cols[c], i, &y->cols[c], j))
                return false;
    }
    return true;
}

static bool catalogs_equal(const hcatalog *a, const hcatalog *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++) {
        htable *t = catalog_find((hcatalog *)b, a->tables[i]->name, strlen(a->tables[i]->name));
        if (!t || !tables_equal(a->tables[i], t))
            return false;
    }
    return true;
}

static char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)len + 1);
    *n = fread(p, 1, (size_t)len, f);
    fclose(f);
    return p;
}

/* Loads data into table both ways and compares. */
static void compare(const char *name, const char *table, const char *data, size_t n)
{
    hcatalog cat[2];
    log lg[2] = {{0}, {0}};
    char err[2][512] = {"", ""};
    int rc[2];
    ing_stats st[2];
    memset(st, 0, sizeof st);
    for (int k = 0; k < 2; k++) {
        catalog_init(&cat[k]);
        catalog_add_builtins(&cat[k]);
        ing_opts o = {.reject = on_reject, .reject_arg = &lg[k], .slow_json = k == 1};
        rc[k] = ing_load_ex(&cat[k], table, name, data, n, &o, &st[k], on_diag, &lg[k], err[k],
                            sizeof err[k]);
    }
    char what[300];
    snprintf(what, sizeof what, "table %s: return code and error", table);
    check(rc[0] == rc[1] && strcmp(err[0], err[1]) == 0, what, name);
    snprintf(what, sizeof what, "table %s: counts", table);
    check(st[0].rows_loaded == st[1].rows_loaded && st[0].rows_rejected == st[1].rows_rejected &&
              st[0].unknown_fields == st[1].unknown_fields,
          what, name);
    snprintf(what, sizeof what, "table %s: diagnostics and rejected records", table);
    check((lg[0].n == lg[1].n) && (!lg[0].n || memcmp(lg[0].p, lg[1].p, lg[0].n) == 0), what, name);
    if (lg[0].n != lg[1].n || (lg[0].n && memcmp(lg[0].p, lg[1].p, lg[0].n) != 0))
        printf("--- fast:\n%s--- jansson:\n%s", lg[0].p ? lg[0].p : "", lg[1].p ? lg[1].p : "");
    snprintf(what, sizeof what, "table %s: every cell", table);
    check(catalogs_equal(&cat[0], &cat[1]), what, name);
    for (int k = 0; k < 2; k++) {
        catalog_free(&cat[k]);
        free(lg[k].p);
    }
}

static void compare_file(const char *path)
{
    size_t n;
    char *data = read_all(path, &n);
    if (!data) {
        check(false, "cannot read", path);
        return;
    }
    compare(path, "Inferred", data, n);
    compare(path, "CloudProcessEvents", data, n);
    compare(path, "SecurityAlert", data, n);
    free(data);
}

static void compare_dir(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        size_t len = strlen(de->d_name), sl = strlen(suffix);
        if (len < sl || strcmp(de->d_name + len - sl, suffix) != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        compare_file(path);
    }
    if (d)
        closedir(d);
}

static const char EDGES[] =
    "{\"a\":1,\"s\":\"plain\",\"r\":1.5,\"b\":true,\"n\":null,\"d\":\"2026-01-01T00:00:00Z\"}\n"
    "{\"a\":-0,\"s\":\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u20ac \\ud83d\\ude00\"}\n"
    "{\"a\":2,\"s\":\"nul \\u0000 inside\",\"r\":-1.25e-3}\n"
    "{\"a\":3,\"s\":\"lone \\ud800 surrogate\"}\n"
    "{\"a\":4,\"s\":\"bad \\udc00 low\"}\n"
    "{\"a\":5,\"s\":\"bad escape \\x\"}\n"
    "{\"a\":6,\"s\":\"utf8 \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}\n"
    "{\"a\":7,\"s\":\"bad utf8 \xc3\x28\"}\n"
    "{\"a\":8,\"s\":\"overlong \xc0\xaf\"}\n"
    "{\"a\":9,\"s\":\"surrogate \xed\xa0\x80\"}\n"
    "{\"a\":10,\"s\":\"ctl \x01 char\"}\n"
    "{\"a\":123456789012345678,\"r\":1e308}\n"
    "{\"a\":9223372036854775807,\"r\":2}\n"
    "{\"a\":92233720368547758070,\"r\":3}\n"
    "{\"a\":11,\"r\":1e400}\n"
    "{\"a\":12,\"r\":1e-400}\n"
    "{\"a\":012}\n"
    "{\"a\":1.}\n"
    "{\"a\":.5}\n"
    "{\"a\":-}\n"
    "{\"a\":13,\"a\":14}\n"
    "{\"a\":15,\"s\":\"x\",\"a\":\"16\"}\n"
    "{\"Timestamp\":\"2026-01-02T00:00:00Z\",\"TimeGenerated\":\"2026-01-03T00:00:00Z\"}\n"
    "{\"TimeGenerated\":\"2026-01-03T00:00:00Z\",\"ProcessId\":\"77\"}\n"
    "{\"AdditionalFields\":{\"k\":1},\"ProcessId\":1}\n"
    "{\"AdditionalFields\":\"{\\\"k\\\":2}\",\"Unknown1\":\"u\"}\n"
    "{\"AdditionalFields\":\"not json\"}\n"
    "{\"ProcessId\":\"notanumber\"}\n"
    "{\"ProcessId\":99999999999}\n"
    "{\"ProcessId\":1.5,\"FileName\":[1,2,{\"x\":null}]}\n"
    "{\"nested\":{\"a\":[1,2,3],\"b\":{\"c\":\"d\\\"}\"},\"e\":\"]\"},\"t\":[]}\n"
    "{\"nested\":{\"big\":92233720368547758070}}\n"
    "{\"nested\":{\"dup\":1,\"dup\":2}}\n"
    "{\"nested\":{\"unterminated\":[1,2}}\n"
    "{}\n"
    "  { \"a\" : 17 , \"s\" : \"spaced\" }  \n"
    "{\"a\":18} trailing\n"
    "{\"a\":19,}\n"
    "{\"a\" 20}\n"
    "[1,2]\n"
    "\"just a string\"\n"
    "42\n"
    "{\"a\":true,\"b\":\"TRUE\",\"c\":\"0\",\"g\":\"00000000-0000-0000-0000-000000000001\"}\n"
    "{\"a\":21,\"b\":1,\"d\":1700000000,\"t\":\"1.02:03:04\"}\n"
    "{\"a\":22,\"b\":2,\"d\":\"1700000000000\",\"t\":5}\n"
    "{\"a\":23,\"s\":12.5,\"n\":false}\n"
    "{\"a\":24,\"s\":{\"o\":1}}\n"
    "{\"a\":25,\"d\":\"not a date\",\"r\":\"\"}\n"
    "{\"a\":26,\"s\":\"\\u00\"}\n"
    "{\"a\":27,\"s\":\"unterminated}\n"
    "{\"a\":28,\"s\":\""
    "\\\\"
    "\"}\n"
    "{\"ProcessId\":3,\"ProcessId\":4}\n"
    "{\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}\n";

/* Deeply nested values: jansson's depth limit decides. */
static void compare_deep(void)
{
    size_t depth = 2100, n = 0;
    char *p = malloc(depth * 2 + 64);
    n += (size_t)sprintf(p, "{\"deep\":");
    for (size_t i = 0; i < depth; i++)
        p[n++] = '[';
    for (size_t i = 0; i < depth; i++)
        p[n++] = ']';
    n += (size_t)sprintf(p + n, "}\n{\"deep\":1}\n");
    compare("deep", "Inferred", p, n);
    free(p);
}

int main(void)
{
    compare("edges", "Inferred", EDGES, sizeof EDGES - 1);
    compare("edges", "CloudProcessEvents", EDGES, sizeof EDGES - 1);
    compare("edges", "SecurityAlert", EDGES, sizeof EDGES - 1);
    compare_deep();
    compare_dir("tests/data", ".ndjson");
    compare_dir("tests/data", ".json");
    compare_dir("tests/data/ingest", ".ndjson");
    compare_dir("tests/data/ingest", ".json");
    compare_dir("samples/data", ".ndjson");
    printf("%d passed, %d failed\n", npass, nfail);
    return nfail ? 1 : 0;
}
