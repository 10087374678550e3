/* tests/unit/test_vec.c — checks engine/vec.c: arena alignment, growth, large
 * blocks, reset and free; vector allocation, constants, nulls, strings and
 * copies. Prints one line per failed check, then "N passed, N failed".
 */
#include "engine/vec.h"
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void test_arena(void)
{
    harena a;
    arena_init(&a);
    CHECK_MSG(a.head == NULL && a.total == 0, "fresh arena not empty");
    int misaligned = 0;
    char *prev = NULL;
    int repeats = 0;
    for (int i = 1; i < 5000; i++) {
        char *p = arena_alloc(&a, (size_t)(i % 37));
        if ((uintptr_t)p % 16)
            misaligned++;
        memset(p, 0xAB, (size_t)(i % 37));
        if (prev && (size_t)(p - prev) < (size_t)((i - 1) % 37) && p > prev)
            repeats++;
        prev = p;
    }
    CHECK_MSG(repeats == 0, "%d overlapping allocations", repeats);
    CHECK_MSG(misaligned == 0, "%d misaligned pointers", misaligned);
    size_t before = a.total;
    CHECK_MSG(before >= 64 * 1024, "total %zu", before);
    /* a large allocation gets its own block and leaves the head in place */
    void *head = a.head;
    size_t used = a.used;
    char *big = arena_alloc(&a, 1 << 20);
    memset(big, 1, 1 << 20);
    CHECK_MSG(a.head == head && a.used == used, "large allocation moved the head");
    CHECK_MSG(a.total >= before + (1 << 20), "total %zu after big block", a.total);
    CHECK_MSG((uintptr_t)big % 16 == 0, "big block misaligned");
    uint8_t *z = arena_zalloc(&a, 100);
    int nz = 0;
    for (int i = 0; i < 100; i++)
        nz += z[i] != 0;
    CHECK_MSG(nz == 0, "zalloc left %d non-zero bytes", nz);
    char *s = arena_strndup(&a, "hello world", 5);
    CHECK_MSG(strcmp(s, "hello") == 0, "strndup gave '%s'", s);
    char *e = arena_strndup(&a, NULL, 0);
    CHECK_MSG(e[0] == 0, "empty strndup not terminated");
    void *zero = arena_alloc(&a, 0);
    CHECK_MSG(zero != NULL && (uintptr_t)zero % 16 == 0, "alloc(0)");

    arena_reset(&a);
    CHECK_MSG(a.head != NULL && a.used == 0, "reset dropped every block");
    CHECK_MSG(a.total >= 64 * 1024 && a.total < 65 * 1024, "reset kept %zu bytes", a.total);
    char *again = arena_alloc(&a, 10);
    CHECK_MSG(again != NULL && a.used == 16, "used %zu after reset+alloc", a.used);
    arena_free(&a);
    CHECK_MSG(a.head == NULL && a.total == 0 && a.used == 0, "free left state");

    /* an arena whose first request is large */
    arena_init(&a);
    char *l = arena_alloc(&a, 100000);
    l[99999] = 1;
    char *sm = arena_alloc(&a, 8);
    sm[0] = 2;
    CHECK_MSG(l != sm && (uintptr_t)sm % 16 == 0, "small after large");
    arena_reset(&a);
    CHECK_MSG(a.head != NULL && a.total < 70 * 1024, "reset after large kept %zu", a.total);
    arena_reset(&a);
    arena_free(&a);
    arena_free(&a); /* freeing twice is harmless */
    CHECK_MSG(a.head == NULL, "double free");
}

static void test_vectors(void)
{
    harena a;
    arena_init(&a);
    CHECK_MSG(vec_width(HT_BOOL) == 1, "bool width %zu", vec_width(HT_BOOL));
    CHECK_MSG(vec_width(HT_LONG) == 8 && vec_width(HT_INT) == 8 && vec_width(HT_DATETIME) == 8,
              "int64 widths");
    CHECK_MSG(vec_width(HT_REAL) == 8, "real width");
    CHECK_MSG(vec_width(HT_STRING) == sizeof(hstr) && vec_width(HT_DYNAMIC) == sizeof(hstr), "str");
    CHECK_MSG(vec_width(HT_GUID) == 16, "guid width %zu", vec_width(HT_GUID));

    hvec v;
    vec_alloc(&a, &v, HT_LONG, VEC_BATCH);
    CHECK_MSG(v.type == HT_LONG && v.n == VEC_BATCH && v.cmask == ~0u && v.null == NULL, "alloc");
    for (uint32_t i = 0; i < v.n; i++)
        v.i[i] = (int64_t)i * 3;
    CHECK_MSG(vec_i(&v, 1000) == 3000, "vec_i %lld", (long long)vec_i(&v, 1000));
    CHECK_MSG(vec_num(&v, 7) == 21.0, "vec_num %g", vec_num(&v, 7));
    CHECK_MSG(!vec_is_null(&v, 5), "row 5 null");
    vec_set_null(&a, &v, 5);
    CHECK_MSG(vec_is_null(&v, 5) && !vec_is_null(&v, 4) && !vec_is_null(&v, 1023), "null map");

    hvec c;
    vec_const(&a, &c, HT_REAL, 500);
    CHECK_MSG(c.cmask == 0 && c.n == 500 && c.r[0] == 0.0, "const zeroed");
    c.r[0] = 2.5;
    CHECK_MSG(vec_r(&c, 0) == 2.5 && vec_r(&c, 499) == 2.5 && vec_num(&c, 123) == 2.5,
              "const read");

    hvec cn;
    vec_const_null(&a, &cn, HT_STRING, 10);
    CHECK_MSG(vec_is_null(&cn, 0) && vec_is_null(&cn, 9), "const null");

    hvec b;
    vec_const(&a, &b, HT_BOOL, 3);
    b.b[0] = 1;
    CHECK_MSG(vec_num(&b, 2) == 1.0 && vec_b(&b, 1), "bool const");
    hvec s;
    vec_alloc(&a, &s, HT_STRING, 4);
    CHECK_MSG(isnan(vec_num(&s, 0)), "vec_num on string not NaN");

    char src[] = "abcdef";
    vec_set_str(&a, &s, 2, src, 3);
    src[0] = 'X';
    hstr h = vec_s(&s, 2);
    CHECK_MSG(h.n == 3 && memcmp(h.p, "abc", 3) == 0, "set_str copy got %.*s", (int)h.n, h.p);
    vec_set_str(&a, &s, 3, NULL, 0);
    CHECK_MSG(vec_s(&s, 3).n == 0, "empty string");

    /* copies: constant source, null source, overwriting a null */
    hvec d;
    vec_alloc(&a, &d, HT_REAL, 8);
    vec_copy_value(&a, &d, 0, &c, 77);
    CHECK_MSG(d.r[0] == 2.5 && !vec_is_null(&d, 0), "copy from const");
    vec_copy_value(&a, &d, 1, &cn, 3); /* null string const into a real: only nullness */
    CHECK_MSG(vec_is_null(&d, 1), "copy of null");
    vec_copy_value(&a, &d, 1, &c, 0);
    CHECK_MSG(!vec_is_null(&d, 1) && d.r[1] == 2.5, "overwrite null");

    hvec gs, gd;
    vec_alloc(&a, &gs, HT_GUID, 2);
    vec_alloc(&a, &gd, HT_GUID, 2);
    for (int i = 0; i < 16; i++)
        gs.g[1].b[i] = (uint8_t)(i * 7);
    vec_copy_value(&a, &gd, 0, &gs, 1);
    CHECK_MSG(memcmp(vec_g(&gd, 0), &gs.g[1], 16) == 0, "guid copy");

    hvec ss;
    vec_alloc(&a, &ss, HT_STRING, 2);
    vec_copy_value(&a, &ss, 1, &s, 2);
    CHECK_MSG(ss.s[1].p == s.s[2].p && ss.s[1].n == 3, "string copy shares bytes");

    hvec lc;
    vec_const(&a, &lc, HT_DATETIME, 1);
    vec_set_null(&a, &lc, 0);
    CHECK_MSG(vec_is_null(&lc, 0) && vec_is_null(&lc, 900), "null on a constant");

    hvec z;
    vec_alloc(&a, &z, HT_LONG, 0);
    CHECK_MSG(z.data != NULL && z.n == 0, "zero-row vector");
    arena_free(&a);
}

int main(void)
{
    test_arena();
    test_vectors();
    return check_summary();
}
