/* tests/unit/test_term_index.c — the per-extent term index (tables/term_index.c)
 * and the scans it narrows (engine/term_prune.c).
 *
 * 1. Postings against brute force: a random corpus of terms, separators,
 *    case variants and non-ASCII bytes in two extents; for every probe term
 *    the index's rows are exactly the rows where `has` (str_has) is true.
 * 2. Extent files: the index written with an extent reads back (mapped) with
 *    the same postings; a version 1 file (no index section) still reads.
 * 3. Queries through include/hunt.h on a loaded table of three extents: each
 *    indexed form (has, has_cs, has_any, has_all, in, in~, ==, =~, and, or)
 *    and each form that must not narrow (!has, short terms, not()) gives the
 *    same answer as the same predicate after an `extend`, which the scan
 *    cannot see and so evaluates on every row.
 */
#include "check.h"
#include "engine/engine.h"
#include "hunt.h"
#include "tables/extent_io.h"
#include "tables/term_index.h"

#include <stdlib.h>
#include <unistd.h>

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

static const char *const words[] = {
    "secrets",     "Secrets",      "SECRETS",   "secretsmanager", "mysecrets", "kubectl",
    "get",         "ab",           "x1",        "token",          "169",       "254",
    "caf\xc3\xa9", "na\xc3\xafve", "ABC123def", "abc123DEF",      "zz9"};
static const char *const seps[] = {" ", "/", "-", "_", ".", "\xe2\x80\x94", "", "\"", "=", "  "};

static void random_value(char *buf, size_t cap)
{
    size_t n = 0;
    int k = (int)(next_rand() % 7);
    buf[0] = 0;
    for (int i = 0; i < k; i++) {
        const char *w = words[next_rand() % (sizeof words / sizeof *words)];
        const char *s = seps[next_rand() % (sizeof seps / sizeof *seps)];
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", w, s);
        if (n >= cap - 64)
            break;
    }
}

static void test_postings(void)
{
    hschema s;
    schema_init(&s);
    schema_add(&s, "Text", HT_STRING);
    htable *t = table_new("T", &s);
    schema_free(&s);
    tbuild *b = tbuild_new(t);
    char buf[512];
    for (int r = 0; r < 70000; r++) {
        random_value(buf, sizeof buf);
        tbuild_str(b, 0, buf, strlen(buf));
        tbuild_end_row(b);
    }
    tbuild_finish(b);
    CHECK_I(2, t->next);
    static const char *const probes[] = {
        "secrets", "SECRETS", "secretsmanager", "kubectl", "token",
        "169",     "caf",     "abc123def",      "zz9",     "absent"};
    for (int x = 0; x < t->next; x++) {
        hextent *e = t->ext[x];
        const term_index *ix = tix_get(e, 0);
        CHECK(ix != NULL);
        if (!ix)
            continue;
        uint32_t *rows = malloc(sizeof(uint32_t) * e->nrows);
        for (size_t p = 0; p < sizeof probes / sizeof *probes; p++) {
            hstr nd = {probes[p], (uint32_t)strlen(probes[p])};
            tix_post post;
            uint32_t n = tix_lookup(ix, tix_hash(nd.p, nd.n), &post);
            uint32_t got = tix_post_rows(&post, rows);
            CHECK_I(n, got);
            uint32_t want = 0, k = 0;
            bool same = true;
            for (uint32_t r = 0; r < e->nrows; r++) {
                if (!str_has(col_str(&e->cols[0], r), nd, false))
                    continue;
                want++;
                if (k >= got || rows[k] != r)
                    same = false;
                k++;
            }
            CHECK_MSG(same && want == got, "probe %s extent %d: %u rows, index %u", probes[p], x,
                      want, got);
        }
        free(rows);
    }
    /* a term shorter than TIX_MIN_TERM is not indexed */
    tix_post post;
    CHECK_I(0, tix_lookup(tix_get(t->ext[0], 0), tix_hash("ab", 2), &post));
    table_free(t);
}

/* --- extent files ---------------------------------------------------------------- */

static bool same_postings(const term_index *a, const term_index *b, const char *term)
{
    tix_post pa, pb;
    uint32_t h = tix_hash(term, (uint32_t)strlen(term));
    uint32_t na = tix_lookup(a, h, &pa), nb = tix_lookup(b, h, &pb);
    if (na != nb)
        return false;
    uint32_t *ra = malloc(sizeof(uint32_t) * (na + 1)), *rb = malloc(sizeof(uint32_t) * (nb + 1));
    bool same = tix_post_rows(&pa, ra) == tix_post_rows(&pb, rb) &&
                memcmp(ra, rb, sizeof(uint32_t) * na) == 0;
    free(ra);
    free(rb);
    return same;
}

static void test_files(void)
{
    hschema s;
    schema_init(&s);
    schema_add(&s, "Cmd", HT_STRING);
    schema_add(&s, "Short", HT_STRING);
    htable *t = table_new("T", &s);
    tbuild *b = tbuild_new(t);
    char buf[512];
    for (int r = 0; r < 3000; r++) {
        random_value(buf, sizeof buf);
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " padding to make this text");
        tbuild_str(b, 0, buf, strlen(buf));
        tbuild_str(b, 1, r % 2 ? "ab" : "cd", 2);
        tbuild_end_row(b);
    }
    tbuild_finish(b);
    hextent *e = t->ext[0];
    char path[] = "/tmp/hunt-test-tix-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    char err[256];
    CHECK_I(0, ext_write_file(path, e, &s, NULL, NULL, err, sizeof err));
    CHECK(tix_peek(e, 0) == NULL); /* writing builds the index for the file only */
    hextent *m = ext_read_file(path, &s, true, err, sizeof err);
    CHECK(m != NULL);
    if (m) {
        CHECK(tix_peek(m, 0) != NULL); /* a text column: indexed in the file */
        CHECK(tix_peek(m, 1) == NULL); /* short values: built when a query asks */
        const term_index *built = tix_get(e, 0), *mapped = tix_peek(m, 0);
        for (size_t w = 0; mapped && w < sizeof words / sizeof *words; w++)
            CHECK_MSG(same_postings(built, mapped, words[w]), "postings of %s", words[w]);
        CHECK(tix_get(m, 1) != NULL);
        ext_unref(m);
    }
    /* blobs: one written and viewed back is sound; a tampered one is refused */
    const term_index *built = tix_get(e, 0);
    size_t bn = tix_blob_size(built);
    uint32_t *blob = malloc(bn);
    tix_blob_write(built, blob);
    term_index *v = tix_view(blob, bn, e->nrows);
    CHECK(v != NULL);
    CHECK(v && same_postings(built, v, "secrets"));
    tix_free(v);
    CHECK(tix_view(blob, bn, e->nrows + 1) == NULL); /* another extent's */
    CHECK(tix_view(blob, 12, e->nrows) == NULL);     /* truncated */
    blob[1] ^= 1;                                    /* another format */
    CHECK(tix_view(blob, bn, e->nrows) == NULL);
    blob[1] ^= 1;
    blob[4] = blob[5] + 1; /* hashes out of order */
    CHECK(tix_view(blob, bn, e->nrows) == NULL);
    free(blob);
    /* a version 1 file: the same bytes, version 1, no index section read */
    FILE *f = fopen(path, "r+b");
    uint64_t v1 = 1;
    CHECK(f && fseek(f, 8, SEEK_SET) == 0 && fwrite(&v1, 8, 1, f) == 1);
    if (f)
        fclose(f);
    m = ext_read_file(path, &s, false, err, sizeof err);
    CHECK_MSG(m != NULL, "version 1: %s", err);
    if (m) {
        CHECK(tix_peek(m, 0) == NULL);
        CHECK_I(3000, m->nrows);
        ext_unref(m);
    }
    unlink(path);
    schema_free(&s);
    table_free(t);
}

/* --- queries ------------------------------------------------------------------ */

static char path[] = "/tmp/hunt-test-term-index-XXXXXX";

/* 140,000 rows (three extents); "needle42" only in the third extent. */
static bool write_rows(void)
{
    int fd = mkstemp(path);
    if (fd < 0)
        return false;
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < 140000; i++) {
        const char *cmd = i % 3 == 0 ? "kubectl get secrets -n kube-system --output=json"
                          : i % 3 == 1
                              ? "cat /var/run/secretsmanager/token.txt"
                              : "sh -c \\\"curl http://169.254.169.254/latest/meta-data\\\"";
        const char *extra = i == 135001   ? " needle42"
                            : i == 139999 ? " NEEDLE42 end"
                            : i == 2      ? " needle4"
                                          : "";
        fprintf(f, "{\"Id\":%d,\"Cmd\":\"%s%s\",\"Name\":\"p%d\"}\n", i, cmd, extra, i % 5);
    }
    fclose(f);
    return true;
}

static char *answer(hunt_db *db, const char *q)
{
    hunt_result *r = NULL;
    hunt_error err;
    memset(&err, 0, sizeof err);
    hunt_query(db, q, strlen(q), HUNT_RUN, &r, &err);
    if (!r)
        return strdup(err.message);
    size_t cap = 256, n = 0;
    char *out = malloc(cap);
    out[0] = 0;
    for (int64_t i = 0; i < hunt_result_rows(r); i++) {
        const char *v = hunt_result_text(r, i, 0, NULL);
        size_t l = strlen(v);
        if (n + l + 2 > cap) {
            cap = 2 * (n + l + 2);
            out = realloc(out, cap);
        }
        memcpy(out + n, v, l);
        n += l;
        out[n++] = ',';
        out[n] = 0;
    }
    hunt_result_free(r);
    return out;
}

/* The predicate right after the table (indexed) and after an extend (not). */
static void same(hunt_db *db, const char *pred, const char *want)
{
    char q1[512], q2[512];
    const char *agg = "summarize c = count(), s = sum(Id) | project strcat(c, \"/\", s)";
    snprintf(q1, sizeof q1, "T | where %s | %s", pred, agg);
    snprintf(q2, sizeof q2, "T | extend k = 1 | where %s | %s", pred, agg);
    char *a = answer(db, q1), *b = answer(db, q2);
    CHECK_MSG(strcmp(a, b) == 0, "%s: indexed %s, scanned %s", pred, a, b);
    if (want)
        CHECK_MSG(strncmp(a, want, strlen(want)) == 0, "%s: got %s, want %s...", pred, a, want);
    free(a);
    free(b);
}

static void test_queries(void)
{
    if (!write_rows()) {
        CHECK(!"cannot write the test rows");
        return;
    }
    hunt_db *db = NULL;
    CHECK_I(HUNT_OK, hunt_open(&db));
    hunt_error err;
    hunt_load_stats st;
    memset(&st, 0, sizeof st);
    CHECK_I(HUNT_OK, hunt_load_file(db, "T", path, &st, &err));
    CHECK_I(140000, st.rows_loaded);
    same(db, "Cmd has \"needle42\"", "2/");
    same(db, "Cmd has_cs \"needle42\"", "1/");
    same(db, "Cmd has_cs \"NEEDLE42\"", "1/");
    same(db, "Cmd has \"needle4\"", "1/");
    same(db, "Cmd has \"secrets\"", NULL);
    same(db, "Cmd has \"SECRETS\"", NULL);
    same(db, "Cmd has \"secretsmanager\"", NULL);
    same(db, "Cmd has \"169.254.169.254\"", NULL);
    same(db, "Cmd has \"254.169\"", NULL);
    same(db, "Cmd has \"-n kube\"", NULL);
    same(db, "Cmd has \"\"", "140000/");
    same(db, "Cmd has \"sh\"", NULL);
    same(db, "Cmd has \"absentterm\"", "0/");
    same(db, "Cmd !has \"needle42\"", "139998/");
    same(db, "not(Cmd has \"needle42\")", "139998/");
    same(db, "Cmd has_any (\"needle42\", \"absent\")", "2/");
    same(db, "Cmd has_any (\"needle42\", \"sh\")", NULL);
    same(db, "Cmd has_all (\"needle42\", \"end\")", "1/");
    same(db, "Cmd has_all (\"needle42\", \"absent\")", "0/");
    same(db, "Cmd has \"needle42\" and Name == \"p1\"", NULL);
    same(db, "Cmd has \"needle42\" or Cmd has \"needle4\"", "3/");
    same(db, "Cmd has \"needle42\" or Id == 5", "3/");
    same(db, "Cmd == \"cat /var/run/secretsmanager/token.txt\"", NULL);
    same(db, "Cmd =~ \"CAT /var/run/secretsmanager/token.txt\"", NULL);
    same(db, "Cmd in (\"x needle42\", \"cat /var/run/secretsmanager/token.txt\")", NULL);
    same(db, "Cmd in~ (\"SH -C\", \"kubectl get secrets -n kube-system --output=JSON\")", NULL);
    same(db, "Name == \"p3\"", "28000/");
    same(db, "Name has \"p3\"", "28000/");
    hunt_close(db);
    unlink(path);
}

int main(void)
{
    test_postings();
    test_files();
    test_queries();
    return check_summary();
}
