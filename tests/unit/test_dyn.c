/* tests/unit/test_dyn.c — checks tables/dyn.c: the writers and readers of the
 * dynamic encoding, lookups by key and index, iteration, equality, Kusto-style
 * JSON output, tostring() text and JSON parsing (including bad input).
 * Prints one line per failed check, then "N passed, N failed".
 */
#include "tables/dyn.h"
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* JSON text of the encoded value v, in a static buffer. */
static const char *json_of(const uint8_t *v)
{
    static char out[8192];
    dbuf b = {0};
    dyn_to_json(v, &b);
    size_t n = b.n < sizeof out - 1 ? b.n : sizeof out - 1;
    memcpy(out, b.p, n);
    out[n] = 0;
    dbuf_free(&b);
    return out;
}

/* Parses json and checks that dyn_to_json prints want. */
static void json_round(const char *json, const char *want, int line)
{
    dbuf b = {0};
    char err[128] = "";
    bool ok = dyn_from_json(json, strlen(json), &b, err, sizeof err);
    const char *got = ok ? json_of(b.p) : err;
    if (ok && strcmp(got, want) == 0 && dyn_size(b.p) == b.n) {
        npass++;
    } else {
        nfail++;
        printf("%s:%d: json %s: expected %s, got %s\n", __FILE__, line, json, want, got);
    }
    dbuf_free(&b);
}

static void json_bad(const char *json, size_t n, int line)
{
    dbuf b = {0};
    dyn_put_long(&b, 5); /* existing content must survive */
    char err[128] = "";
    bool ok = dyn_from_json(json, n, &b, err, sizeof err);
    if (!ok && b.n == 9 && err[0] && dyn_long(b.p) == 5) {
        npass++;
    } else {
        nfail++;
        printf("%s:%d: bad json '%.*s' accepted or buffer changed (n=%zu)\n", __FILE__, line,
               (int)n, json, b.n);
    }
    dbuf_free(&b);
}

static void test_scalars(void)
{
    dbuf b = {0};
    dyn_put_long(&b, -42);
    CHECK_MSG(dyn_tag(b.p) == DYN_LONG && dyn_size(b.p) == 9 && dyn_long(b.p) == -42, "long");
    CHECK_MSG(strcmp(json_of(b.p), "-42") == 0, "long json %s", json_of(b.p));
    dbuf_reset(&b);
    CHECK_MSG(b.n == 0 && b.p != NULL, "reset");
    dyn_put_real(&b, 4);
    CHECK_MSG(dyn_real(b.p) == 4.0 && strcmp(json_of(b.p), "4.0") == 0, "real 4 -> %s",
              json_of(b.p));
    dbuf_reset(&b);
    dyn_put_real(&b, 10.5);
    CHECK_MSG(strcmp(json_of(b.p), "10.5") == 0, "10.5 -> %s", json_of(b.p));
    dbuf_reset(&b);
    dyn_put_real(&b, 1e20);
    CHECK_MSG(strcmp(json_of(b.p), "1E+20") == 0, "1e20 -> %s", json_of(b.p));
    dbuf_reset(&b);
    dyn_put_real(&b, NAN);
    CHECK_MSG(strcmp(json_of(b.p), "\"NaN\"") == 0, "NaN -> %s", json_of(b.p));
    dbuf_reset(&b);
    dyn_put_real(&b, -INFINITY);
    CHECK_MSG(strcmp(json_of(b.p), "\"-Infinity\"") == 0, "-inf -> %s", json_of(b.p));
    dbuf_reset(&b);
    dyn_put_string(&b, "a\"b\\c\n\x01\xC3\xA9\xE2\x80\xA8", 12);
    hstr s = dyn_string(b.p);
    CHECK_MSG(s.n == 12 && memcmp(s.p, "a\"b", 3) == 0 && dyn_size(b.p) == 17, "string");
    CHECK_MSG(strcmp(json_of(b.p), "\"a\\\"b\\\\c\\n\\u0001\xC3\xA9\\u2028\"") == 0, "escapes: %s",
              json_of(b.p));
    dbuf_reset(&b);
    dyn_put_datetime(&b, 0);
    CHECK_MSG(strcmp(json_of(b.p), "\"1970-01-01T00:00:00.0000000Z\"") == 0, "dt %s", json_of(b.p));
    dbuf tb = {0};
    dyn_to_text(b.p, &tb);
    CHECK_MSG(tb.n == 28 && memcmp(tb.p, "1970-01-01T00:00:00.0000000Z", 28) == 0, "dt text");
    dbuf_reset(&b);
    dyn_put_timespan(&b, HT_TICKS_PER_HOUR);
    CHECK_MSG(dyn_long(b.p) == HT_TICKS_PER_HOUR && strcmp(json_of(b.p), "\"01:00:00\"") == 0,
              "timespan %s", json_of(b.p));
    dbuf_reset(&b);
    hguid g;
    for (int i = 0; i < 16; i++)
        g.b[i] = (uint8_t)(0x10 + i);
    dyn_put_guid(&b, &g);
    hguid g2 = dyn_guid(b.p);
    CHECK_MSG(dyn_size(b.p) == 17 && memcmp(&g, &g2, 16) == 0, "guid");
    CHECK_MSG(strcmp(json_of(b.p), "\"10111213-1415-1617-1819-1a1b1c1d1e1f\"") == 0, "guid %s",
              json_of(b.p));
    dbuf_reset(&b);
    dyn_put_null(&b);
    dyn_put_bool(&b, true);
    dyn_put_bool(&b, false);
    CHECK_MSG(b.n == 3 && b.p[0] == DYN_NULL && b.p[1] == DYN_TRUE && b.p[2] == DYN_FALSE,
              "consts");
    CHECK_MSG(strcmp(json_of(b.p), "null") == 0 && strcmp(json_of(b.p + 1), "true") == 0 &&
                  strcmp(json_of(b.p + 2), "false") == 0,
              "const json");
    dbuf_reset(&tb);
    dyn_to_text(b.p, &tb);
    CHECK_MSG(tb.n == 0, "null text has %zu bytes", tb.n);
    dyn_to_text(b.p + 1, &tb);
    CHECK_MSG(tb.n == 4 && memcmp(tb.p, "true", 4) == 0, "true text");
    dbuf_free(&tb);
    dbuf_free(&b);
}

static void test_containers(void)
{
    dbuf b = {0};
    /* {"a":1,"list":[1,"x",{"k":null}],"z":2.5} */
    size_t o = dyn_begin_object(&b);
    dyn_put_key(&b, "a", 1);
    dyn_put_long(&b, 1);
    dyn_put_key(&b, "list", 4);
    size_t a = dyn_begin_array(&b);
    dyn_put_long(&b, 1);
    dyn_put_string(&b, "x", 1);
    size_t in = dyn_begin_object(&b);
    dyn_put_key(&b, "k", 1);
    dyn_put_null(&b);
    dyn_end(&b, in, 1);
    dyn_end(&b, a, 3);
    dyn_put_key(&b, "z", 1);
    dyn_put_real(&b, 2.5);
    dyn_end(&b, o, 3);
    const uint8_t *v = b.p;
    CHECK_MSG(dyn_size(v) == b.n, "object size %zu vs %zu", dyn_size(v), b.n);
    CHECK_MSG(dyn_count(v) == 3, "count %u", dyn_count(v));
    CHECK_MSG(strcmp(json_of(v), "{\"a\":1,\"list\":[1,\"x\",{\"k\":null}],\"z\":2.5}") == 0,
              "json %s", json_of(v));
    const uint8_t *l = dyn_get(v, "list", 4);
    CHECK_MSG(l && dyn_tag(l) == DYN_ARRAY && dyn_count(l) == 3, "get list");
    CHECK_MSG(dyn_get(v, "List", 4) == NULL, "case-sensitive key");
    CHECK_MSG(dyn_get(v, "zz", 2) == NULL && dyn_get(l, "a", 1) == NULL, "missing key");
    const uint8_t *e = dyn_index(l, 1);
    CHECK_MSG(e && dyn_tag(e) == DYN_STRING && dyn_string(e).n == 1, "index 1");
    e = dyn_index(l, -1);
    CHECK_MSG(e && dyn_tag(e) == DYN_OBJECT && dyn_get(e, "k", 1) &&
                  *dyn_get(e, "k", 1) == DYN_NULL,
              "index -1");
    CHECK_MSG(dyn_index(l, -3) == dyn_index(l, 0) && dyn_long(dyn_index(l, 0)) == 1, "index -3");
    CHECK_MSG(dyn_index(l, 3) == NULL && dyn_index(l, -4) == NULL, "out of range");
    CHECK_MSG(dyn_index(v, 0) == NULL, "index on object");
    CHECK_MSG(dyn_count(dyn_get(v, "a", 1)) == 0, "count of scalar");

    dyn_iter it;
    hstr k;
    const char *keys[] = {"a", "list", "z"};
    int i = 0;
    for (e = dyn_first(v, &it, &k); e; e = dyn_next(&it, &k), i++)
        CHECK_MSG(i < 3 && k.n == strlen(keys[i]) && memcmp(k.p, keys[i], k.n) == 0, "key %d", i);
    CHECK_MSG(i == 3, "iterated %d keys", i);
    i = 0;
    for (e = dyn_first(l, &it, NULL); e; e = dyn_next(&it, NULL))
        i++;
    CHECK_MSG(i == 3, "iterated %d elements", i);
    CHECK_MSG(dyn_first(dyn_get(v, "a", 1), &it, &k) == NULL, "iterate a scalar");

    /* empty containers */
    dbuf c = {0};
    size_t m = dyn_begin_array(&c);
    dyn_end(&c, m, 0);
    m = dyn_begin_object(&c);
    dyn_end(&c, m, 0);
    CHECK_MSG(strcmp(json_of(c.p), "[]") == 0 && strcmp(json_of(c.p + 9), "{}") == 0, "empties");
    CHECK_MSG(dyn_first(c.p, &it, NULL) == NULL && dyn_index(c.p, 0) == NULL &&
                  dyn_index(c.p, -1) == NULL,
              "empty array access");

    /* dyn_put_raw copies a whole subtree */
    dbuf r = {0};
    dyn_put_raw(&r, l);
    CHECK_MSG(r.n == dyn_size(l) && dyn_equal(r.p, l), "raw copy");
    dbuf t = {0};
    dyn_to_text(l, &t);
    CHECK_MSG(t.n == 18 && memcmp(t.p, "[1,\"x\",{\"k\":null}]", 18) == 0, "array text %.*s",
              (int)t.n, (char *)t.p);
    dbuf_reset(&t);
    dyn_to_text(dyn_index(l, 1), &t);
    CHECK_MSG(t.n == 1 && t.p[0] == 'x', "string text");
    dbuf_free(&t);
    dbuf_free(&r);
    dbuf_free(&c);
    dbuf_free(&b);
}

static bool eq_json(const char *x, const char *y)
{
    dbuf a = {0}, b = {0};
    bool ok = dyn_from_json(x, strlen(x), &a, NULL, 0) && dyn_from_json(y, strlen(y), &b, NULL, 0);
    bool r = ok && dyn_equal(a.p, b.p);
    dbuf_free(&a);
    dbuf_free(&b);
    return r;
}

static void test_equal(void)
{
    CHECK_MSG(eq_json("1", "1.0"), "1 == 1.0");
    CHECK_MSG(!eq_json("1", "1.5"), "1 != 1.5");
    CHECK_MSG(!eq_json("1", "\"1\""), "1 != \"1\"");
    CHECK_MSG(eq_json("{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2.0],\"a\":1}"), "object key order");
    CHECK_MSG(!eq_json("{\"a\":1}", "{\"a\":1,\"b\":2}"), "extra key");
    CHECK_MSG(!eq_json("{\"a\":1,\"c\":2}", "{\"a\":1,\"b\":2}"), "other key");
    CHECK_MSG(!eq_json("[1,2]", "[2,1]"), "array order");
    CHECK_MSG(!eq_json("[1,2]", "[1,2,3]"), "array length");
    CHECK_MSG(eq_json("null", "null") && eq_json("true", "true"), "consts equal");
    CHECK_MSG(!eq_json("true", "false"), "true != false");
    CHECK_MSG(eq_json("\"abc\"", "\"abc\"") && !eq_json("\"abc\"", "\"abd\""), "strings");
    CHECK_MSG(!eq_json("null", "0"), "null != 0");
    dbuf a = {0}, b = {0};
    dyn_put_datetime(&a, 5);
    dyn_put_datetime(&b, 5);
    dyn_put_timespan(&b, 5);
    CHECK_MSG(dyn_equal(a.p, b.p) && !dyn_equal(a.p, b.p + 9), "datetime vs timespan");
    dbuf_free(&a);
    dbuf_free(&b);
}

static void test_json(void)
{
    json_round("{\"a\":123, \"b\":\"{\\\"c\\\":456}\"}", "{\"a\":123,\"b\":\"{\\\"c\\\":456}\"}",
               __LINE__);
    json_round(" [1, 2.0, -3.5, 1e20, 0.1, true, false, null] ",
               "[1,2.0,-3.5,1E+20,0.1,true,false,null]", __LINE__);
    json_round("{\"z\":1,\"a\":2,\"m\":3}", "{\"z\":1,\"a\":2,\"m\":3}", __LINE__);
    json_round("\"\\u00e9\\u827a\\ud83d\\ude00\"", "\"\xC3\xA9\xE8\x89\xBA\xF0\x9F\x98\x80\"",
               __LINE__);
    json_round("\"tab\\there\\/\"", "\"tab\\there/\"", __LINE__);
    json_round("\"nul\\u0000x\"", "\"nul\\u0000x\"", __LINE__);
    json_round("9223372036854775807", "9223372036854775807", __LINE__);
    json_round("-9223372036854775808", "-9223372036854775808", __LINE__);
    json_round("9223372036854775808", "9.223372036854776E+18", __LINE__);
    json_round("[5,99999999999999999999]", "[5,1E+20]", __LINE__);
    json_round("{\"a\":{\"b\":{\"c\":[[],{}]}}}", "{\"a\":{\"b\":{\"c\":[[],{}]}}}", __LINE__);
    json_round("{\"a\":1,\"a\":2}", "{\"a\":2}", __LINE__);
    json_round("\"\"", "\"\"", __LINE__);
    json_round("0.5e-7", "5E-08", __LINE__);

    json_bad("", 0, __LINE__);
    json_bad("{", 1, __LINE__);
    json_bad("[1,]", 4, __LINE__);
    json_bad("{'a':1}", 7, __LINE__);
    json_bad("NaN", 3, __LINE__);
    json_bad("[1] x", 5, __LINE__);
    json_bad("\"abc", 4, __LINE__);
    json_bad("\"\xff\"", 3, __LINE__);
    json_bad("[1]\0[2]", 7, __LINE__);
    json_bad("{\"a\" 1}", 7, __LINE__);
    json_bad("hello", 5, __LINE__);
    /* deep nesting beyond jansson's limit is rejected, not a crash */
    size_t depth = 5000;
    char *deep = malloc(depth * 2);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    json_bad(deep, depth * 2, __LINE__);
    free(deep);

    /* a big array: 100000 elements, index from both ends */
    dbuf t = {0};
    dbuf_put(&t, "[", 1);
    char num[32];
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(num, sizeof num, i ? ",%d" : "%d", i * 2);
        dbuf_put(&t, num, (size_t)n);
    }
    dbuf_put(&t, "]", 1);
    dbuf b = {0};
    bool ok = dyn_from_json((const char *)t.p, t.n, &b, NULL, 0);
    CHECK_MSG(ok && dyn_count(b.p) == 100000 && dyn_size(b.p) == b.n, "big array");
    CHECK_MSG(ok && dyn_long(dyn_index(b.p, 99999)) == 199998, "big [99999]");
    CHECK_MSG(ok && dyn_long(dyn_index(b.p, -100000)) == 0, "big [-100000]");
    CHECK_MSG(ok && dyn_long(dyn_index(b.p, 5000)) == 10000, "big [5000]");
    dbuf out = {0};
    if (ok)
        dyn_to_json(b.p, &out);
    CHECK_MSG(out.n == t.n && memcmp(out.p, t.p, t.n) == 0, "big array json round trip");
    dbuf_free(&out);
    dbuf_free(&b);
    dbuf_free(&t);

    /* appending after existing content */
    dbuf c = {0};
    dyn_put_long(&c, 7);
    CHECK_MSG(dyn_from_json("{\"k\":[1]}", 9, &c, NULL, 0) && dyn_tag(c.p + 9) == DYN_OBJECT &&
                  dyn_size(c.p + 9) == c.n - 9,
              "append after value");
    dbuf_free(&c);
}

int main(void)
{
    test_scalars();
    test_containers();
    test_equal();
    test_json();
    return check_summary();
}
