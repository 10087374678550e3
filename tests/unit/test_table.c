/* tests/unit/test_table.c — unit tests of tables/table.c, tables/catalog.c
 * and tables/schemas.c: schemas, the row builder (values, nulls, cancelled
 * rows, extent sealing, min/max), table_add_column, dictionary-encoded string
 * columns (tables/col_dict.c: values, the extent file round trip, a corrupt
 * code, the term index over codes) and the built-in catalog.
 * Prints one line per failed check and ends with "N passed, N failed".
 */
#include "tables/catalog.h"
#include "tables/extent_io.h"
#include "tables/term_index.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_schema(void)
{
    hschema s, d;
    schema_init(&s);
    schema_add(&s, "A", HT_LONG);
    schema_add(&s, "Bee", HT_STRING);
    CHECK_I(2, s.ncols);
    CHECK_I(1, schema_find(&s, "Bee", 3));
    CHECK_I(0, schema_find(&s, "Bee", 1) == -1 ? 0 : 1); /* "B" is not a column */
    CHECK_I(-1, schema_find(&s, "bee", 3));
    CHECK_I(0, schema_find(&s, "Axyz", 1));
    schema_copy(&d, &s);
    schema_free(&s);
    CHECK_I(HT_STRING, d.types[1]);
    CHECK_SN("Bee", d.names[1], strlen(d.names[1]));
    schema_free(&d);
    CHECK_I(0, d.ncols);

    CHECK_I(1, schema_parse(&s, "T:datetime,N:int,X:dynamic,G:guid,S:timespan"));
    CHECK_I(5, s.ncols);
    CHECK_I(HT_DATETIME, s.types[0]);
    CHECK_I(HT_INT, s.types[1]);
    CHECK_I(HT_GUID, s.types[3]);
    schema_free(&s);
    CHECK_I(0, schema_parse(&s, "A:long,B:notatype"));
    CHECK_I(0, s.ncols);
    CHECK_I(0, schema_parse(&s, "A:long,:string"));
    CHECK_I(0, schema_parse(&s, "Alone"));
}

static htable *small_table(void)
{
    hschema s;
    schema_parse(&s, "L:long,R:real,S:string,B:bool,D:dynamic,G:guid");
    htable *t = table_new("T", &s);
    schema_free(&s);
    return t;
}

static void test_builder_small(void)
{
    htable *t = small_table();
    tbuild *b = tbuild_new(t);
    hguid g;
    memset(&g, 0xab, sizeof g);
    /* row 0: everything set */
    tbuild_long(b, 0, 5);
    tbuild_real(b, 1, 2.5);
    tbuild_str(b, 2, "hello", 5);
    tbuild_bool(b, 3, true);
    tbuild_str(b, 4, "\x05\x01\x00\x00\x00x", 6);
    tbuild_guid(b, 5, &g);
    tbuild_end_row(b);
    /* a cancelled row leaves no trace */
    tbuild_long(b, 0, 999);
    tbuild_str(b, 2, "garbage", 7);
    tbuild_null(b, 1);
    tbuild_cancel_row(b);
    /* row 1: only L (-3) and S set twice; others null */
    tbuild_str(b, 2, "first", 5);
    tbuild_long(b, 0, -3);
    tbuild_str(b, 2, "xy", 2);
    tbuild_end_row(b);
    /* row 2: explicit nulls, then a value over a null */
    tbuild_null(b, 0);
    tbuild_null(b, 2);
    tbuild_null(b, 1);
    tbuild_real(b, 1, -1.0);
    tbuild_end_row(b);
    CHECK_I(3, tbuild_rows(b));
    tbuild_finish(b);

    CHECK_I(1, t->next);
    CHECK_I(3, t->nrows);
    hextent *e = t->ext[0];
    CHECK_I(3, e->nrows);
    CHECK_I(6, e->ncols);
    hcol *L = &e->cols[0], *R = &e->cols[1], *S = &e->cols[2], *B = &e->cols[3];
    hcol *D = &e->cols[4], *G = &e->cols[5];
    CHECK_I(5, L->i[0]);
    CHECK_I(-3, L->i[1]);
    CHECK_I(1, col_is_null(L, 2));
    CHECK_I(0, col_is_null(L, 1));
    CHECK_I(1, L->nnull);
    CHECK_I(1, L->has_minmax);
    CHECK_I(-3, L->imin);
    CHECK_I(5, L->imax);
    CHECK_I(1, R->has_minmax);
    CHECK_I(-1, (long long)R->rmin);
    CHECK_I(2, (long long)(R->rmax * 10) / 10);
    CHECK_I(1, R->nnull);
    CHECK_I(1, col_is_null(R, 1));
    CHECK_I(0, col_is_null(R, 2));
    /* strings: no nulls, empty instead */
    CHECK_I(1, S->nullbits == NULL);
    hstr s0 = col_str(S, 0), s1 = col_str(S, 1), s2 = col_str(S, 2);
    CHECK_SN("hello", s0.p, s0.n);
    CHECK_SN("xy", s1.p, s1.n);
    CHECK_I(0, s2.n);
    CHECK_I(1, B->b[0]);
    CHECK_I(2, B->nnull);
    CHECK_I(0, B->has_minmax);
    CHECK_I(6, col_str(D, 0).n);
    CHECK_I(1, col_is_null(D, 1));
    CHECK_I(0xab, G->g[0].b[15]);
    CHECK_I(1, col_is_null(G, 2));
    table_free(t);
}

static void test_builder_extents(void)
{
    hschema s;
    schema_parse(&s, "T:datetime,N:long,S:string");
    htable *t = table_new("Big", &s);
    schema_free(&s);
    tbuild *b = tbuild_new(t);
    int64_t total = 2 * TABLE_EXTENT_ROWS + 7;
    char buf[32];
    for (int64_t i = 0; i < total; i++) {
        tbuild_long(b, 0, 1000 + i);
        if (i % 3)
            tbuild_long(b, 1, i);
        int n = snprintf(buf, sizeof buf, "row%lld", (long long)i);
        tbuild_str(b, 2, buf, (size_t)n);
        tbuild_end_row(b);
    }
    tbuild_finish(b);
    CHECK_I(3, t->next);
    CHECK_I(total, t->nrows);
    CHECK_I(TABLE_EXTENT_ROWS, t->ext[0]->nrows);
    CHECK_I(7, t->ext[2]->nrows);
    hcol *T1 = &t->ext[1]->cols[0];
    CHECK_I(1000 + TABLE_EXTENT_ROWS, T1->imin);
    CHECK_I(1000 + 2 * TABLE_EXTENT_ROWS - 1, T1->imax);
    CHECK_I(1, T1->nullbits == NULL);
    hcol *N0 = &t->ext[0]->cols[1];
    CHECK_I((TABLE_EXTENT_ROWS + 2) / 3, N0->nnull);
    CHECK_I(1, N0->imin);
    hstr last = col_str(&t->ext[2]->cols[2], 6);
    snprintf(buf, sizeof buf, "row%lld", (long long)(total - 1));
    CHECK_SN(buf, last.p, last.n);

    /* pinning: an extent outlives its table while referenced */
    hextent *e = t->ext[2];
    ext_ref(e);
    table_add_column(t, "Extra", HT_LONG);
    table_add_column(t, "Txt", HT_STRING);
    CHECK_I(5, t->schema.ncols);
    CHECK_I(5, e->ncols);
    CHECK_I(1, col_is_null(&e->cols[3], 6));
    CHECK_I(7, e->cols[3].nnull);
    CHECK_I(0, e->cols[3].has_minmax);
    CHECK_I(0, col_str(&e->cols[4], 6).n);
    CHECK_I(0, col_is_null(&e->cols[4], 6));
    table_free(t);
    CHECK_I(7, e->nrows);
    ext_unref(e);
}

/* The value of row i in column `kind` of the dictionary test table. */
static int dict_value(char *buf, size_t cap, int kind, int64_t i)
{
    if (kind == 0) /* 37 values, repeated */
        return snprintf(buf, cap, "account-%lld", (long long)(i % 37));
    if (kind == 1) /* all distinct */
        return snprintf(buf, cap, "cmd --id %lld --x", (long long)(i * 7919));
    return 0; /* all empty */
}

/* Every row of every column of t reads back as dict_value made it. */
static void check_dict_rows(const htable *t)
{
    char want[64];
    int64_t row = 0, bad = 0;
    for (int e = 0; e < t->next; e++) {
        const hextent *x = t->ext[e];
        for (uint32_t r = 0; r < x->nrows; r++, row++)
            for (int k = 0; k < 3; k++) {
                int n = dict_value(want, sizeof want, k, row);
                hstr got = col_str(&x->cols[k], r);
                bad += got.n != (uint32_t)n || memcmp(got.p, want, (size_t)n) != 0;
            }
    }
    CHECK_I(0, bad);
    CHECK_I(t->nrows, row);
}

static void test_dict_columns(void)
{
    hschema s;
    schema_parse(&s, "Low:string,High:string,Empty:string");
    htable *t = table_new("Dict", &s);
    tbuild *b = tbuild_new(t);
    int64_t total = TABLE_EXTENT_ROWS + 1000;
    char buf[64];
    for (int64_t i = 0; i < total; i++) {
        for (int k = 0; k < 2; k++)
            tbuild_str(b, k, buf, (size_t)dict_value(buf, sizeof buf, k, i));
        tbuild_end_row(b);
    }
    tbuild_finish(b);
    CHECK_I(2, t->next);
    hcol *low = &t->ext[0]->cols[0], *high = &t->ext[0]->cols[1], *empty = &t->ext[0]->cols[2];
    CHECK(low->s.codes != NULL);
    CHECK_I(37, low->s.ndict);
    CHECK_I(37, t->ext[1]->cols[0].s.ndict);
    CHECK(high->s.codes == NULL); /* mostly distinct: stays plain */
    CHECK(empty->s.codes != NULL);
    CHECK_I(1, empty->s.ndict);
    CHECK_I(10 * 9 + 27 * 10, col_str_bytes(low, TABLE_EXTENT_ROWS)); /* "account-N", once each */
    check_dict_rows(t);

    /* a small extent with one value per row stays plain */
    hcol one = {0};
    one.type = HT_STRING;
    one.s.off = calloc(65, sizeof(uint32_t));
    one.s.bytes = malloc(64);
    for (int i = 0; i < 64; i++) {
        one.s.bytes[i] = (char)('A' + i % 60);
        one.s.off[i + 1] = (uint32_t)i + 1;
    }
    CHECK_I(0, col_dict_encode(&one, 64));
    free(one.s.off);
    free(one.s.bytes);

    /* the term index over codes finds the rows a plain column's would */
    term_index *ix = tix_build(low, TABLE_EXTENT_ROWS);
    CHECK(ix != NULL);
    tix_post post;
    uint32_t hits = ix ? tix_lookup(ix, tix_hash("account", 7), &post) : 0;
    CHECK_I(TABLE_EXTENT_ROWS, hits ? post.n : 0);
    tix_free(ix);

    /* extent file round trip, then a code past the dictionary is refused */
    char path[] = "/tmp/hunt-test-dict-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    char err[256] = "";
    uint64_t sum;
    CHECK_MSG(ext_write_file(path, t->ext[1], &s, NULL, &sum, err, sizeof err) == 0, "%s", err);
    hextent *back = ext_read_file(path, &s, true, err, sizeof err);
    CHECK_MSG(back != NULL, "%s", err);
    if (back) {
        htable *rt = table_new("Back", &s);
        table_add_extent(rt, back);
        CHECK(back->cols[0].s.codes != NULL);
        char want[64];
        int64_t bad = 0;
        for (uint32_t r = 0; r < back->nrows; r++)
            for (int k = 0; k < 3; k++) {
                int n = dict_value(want, sizeof want, k, TABLE_EXTENT_ROWS + r);
                hstr got = col_str(&back->cols[k], r);
                bad += got.n != (uint32_t)n || memcmp(got.p, want, (size_t)n) != 0;
            }
        CHECK_I(0, bad);
        table_free(rt);
    }
    /* The Low column's codes start 0 1 2 3: codes number the values in the
     * order of first appearance (account-9, -10, ... from row 65536 on). */
    FILE *f = fopen(path, "r+b");
    static unsigned char file[1 << 20];
    size_t fn = f ? fread(file, 1, sizeof file, f) : 0;
    static const unsigned char seq[8] = {0, 0, 1, 0, 2, 0, 3, 0};
    size_t at = 0;
    while (at + 8 <= fn && memcmp(file + at, seq, 8) != 0)
        at += 8;
    CHECK(at + 8 <= fn);
    if (f && at + 8 <= fn) {
        fseek(f, (long)at, SEEK_SET);
        fputc(0xff, f);
        fputc(0xff, f);
        fclose(f);
        hextent *bad = ext_read_file(path, &s, false, err, sizeof err);
        CHECK(bad == NULL);
        CHECK_MSG(strstr(err, "corrupt column directory") != NULL, "%s", err);
    } else if (f) {
        fclose(f);
    }
    unlink(path);
    schema_free(&s);
    table_free(t);
}

/* Reads every string of every row of e (the first and last byte of each), so
 * a bound the file check let through would fault here. */
static uint64_t touch_strings(const hextent *e)
{
    uint64_t sum = 0;
    for (int k = 0; k < e->ncols; k++)
        for (uint32_t r = 0; r < e->nrows; r++) {
            hstr v = col_str(&e->cols[k], r);
            sum += v.n ? (unsigned char)v.p[0] + (unsigned char)v.p[v.n - 1] : 1;
        }
    return sum;
}

/* An extent file with dictionary columns, damaged one 8-byte word at a time
 * and opened without the checksum: every open either fails or gives columns
 * whose every string lies in the file. */
static void test_dict_file_damage(void)
{
    hschema s;
    schema_parse(&s, "Low:string,High:string,Empty:string");
    htable *t = table_new("Dict", &s);
    tbuild *b = tbuild_new(t);
    char buf[64];
    for (int64_t i = 0; i < 600; i++) {
        for (int k = 0; k < 2; k++)
            tbuild_str(b, k, buf, (size_t)dict_value(buf, sizeof buf, k, i));
        tbuild_end_row(b);
    }
    tbuild_finish(b);
    CHECK(t->ext[0]->cols[0].s.codes != NULL);
    char path[] = "/tmp/hunt-test-damage-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    char err[256] = "";
    uint64_t sum;
    CHECK_MSG(ext_write_file(path, t->ext[0], &s, NULL, &sum, err, sizeof err) == 0, "%s", err);
    static unsigned char orig[1 << 18];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(orig, 1, sizeof orig, f) : 0;
    if (f)
        fclose(f);
    CHECK(n > 0 && n < sizeof orig);
    int opened = 0, refused = 0;
    for (size_t at = 0; at + 8 <= n; at += 8) {
        static unsigned char copy[1 << 18];
        memcpy(copy, orig, n);
        for (int j = 0; j < 8; j++)
            copy[at + j] ^= (unsigned char)(0x5a + j);
        f = fopen(path, "wb");
        if (!f || fwrite(copy, 1, n, f) != n) {
            CHECK(0);
            break;
        }
        fclose(f);
        hextent *e = ext_read_file(path, &s, false, err, sizeof err);
        if (!e) {
            refused++;
            continue;
        }
        opened++;
        touch_strings(e);
        ext_unref(e);
    }
    CHECK(refused > 0);
    CHECK(opened > 0); /* damage inside string bytes or the dictionary's hashes still opens */
    unlink(path);
    schema_free(&s);
    table_free(t);
}

static void test_catalog(void)
{
    hcatalog c;
    catalog_init(&c);
    catalog_add_builtins(&c);
    int nbuiltin = 0;
    for (const builtin_schema *b = builtin_schemas; b->table; b++)
        nbuiltin++;
    CHECK_I(1, nbuiltin >= 6);
    CHECK_I(nbuiltin, c.n);
    catalog_add_builtins(&c); /* idempotent */
    CHECK_I(nbuiltin, c.n);
    htable *sa = catalog_find(&c, "SecurityAlert", 13);
    CHECK_I(1, sa != NULL);
    CHECK_I(35, sa ? sa->schema.ncols : 0);
    CHECK_I(0, sa ? sa->nrows : -1);
    CHECK_I(HT_STRING, sa->schema.types[schema_find(&sa->schema, "Entities", 8)]);
    CHECK_I(HT_REAL, sa->schema.types[schema_find(&sa->schema, "ConfidenceScore", 15)]);
    CHECK_I(HT_BOOL, sa->schema.types[schema_find(&sa->schema, "IsIncident", 10)]);
    htable *ca = catalog_find(&c, "CloudAuditEvents", 16);
    CHECK_I(14, ca->schema.ncols);
    CHECK_I(HT_DYNAMIC, ca->schema.types[13]);
    CHECK_I(HT_DYNAMIC, ca->schema.types[12]);
    htable *cp = catalog_find(&c, "CloudProcessEvents", 18);
    CHECK_I(24, cp->schema.ncols);
    CHECK_I(HT_LONG, cp->schema.types[schema_find(&cp->schema, "ProcessId", 9)]);
    CHECK_I(HT_STRING, cp->schema.types[schema_find(&cp->schema, "ParentProcessId", 15)]);
    CHECK_I(HT_STRING, cp->schema.types[23]);
    CHECK_I(8, catalog_find(&c, "AlertInfo", 9)->schema.ncols);
    htable *ae = catalog_find(&c, "AlertEvidence", 13);
    CHECK_I(42, ae->schema.ncols);
    CHECK_I(HT_INT, ae->schema.types[schema_find(&ae->schema, "ApplicationId", 13)]);
    htable *si = catalog_find(&c, "SecurityIncident", 16);
    CHECK_I(31, si->schema.ncols);
    CHECK_I(HT_INT, si->schema.types[schema_find(&si->schema, "IncidentNumber", 14)]);
    CHECK_I(1, catalog_find(&c, "securityalert", 13) == NULL);
    CHECK_I(1, catalog_find(&c, "SecurityAlertX", 14) == NULL);
    CHECK_I(1, catalog_find(&c, "SecurityAlertX", 13) == sa);
    /* time aliases */
    for (const builtin_schema *b = builtin_schemas; b->table; b++) {
        /* a column named exactly Timestamp (not EventSubmissionTimestamp) */
        bool has_ts = strncmp(b->columns, "Timestamp:datetime", 18) == 0 ||
                      strstr(b->columns, ",Timestamp:datetime") != NULL;
        CHECK_I(has_ts, b->time_alias != NULL);
    }
    hschema s;
    schema_parse(&s, "X:long");
    CHECK_I(1, catalog_create(&c, "SecurityAlert", &s) == NULL);
    htable *n = catalog_create(&c, "Mine", &s);
    CHECK_I(1, n != NULL && catalog_find(&c, "Mine", 4) == n);
    schema_free(&s);
    catalog_free(&c);
    CHECK_I(0, c.n);
}

int main(void)
{
    test_schema();
    test_builder_small();
    test_builder_extents();
    test_dict_columns();
    test_dict_file_damage();
    test_catalog();
    return check_summary();
}
