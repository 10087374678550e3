/* tests/unit/test_fn_dynamic.c — checks the dynamic (array/bag/JSON) functions
 * of engine/fn_dynamic.c through fn_lookup: each call binds the function with
 * constant arguments, runs it on one row and compares the result's text with
 * the value the KQL documentation publishes (the conformance files).
 *
 * Arguments are written "T:text": y dynamic (JSON), s string, l long, r real,
 * b bool, d datetime, t timespan; "T!" is a null of type T. Results print as
 * compact JSON (dynamic), bare text (string) or the value; null as "<null>".
 * Prints one line per failed check, then "N passed, N failed".
 */
#include "engine/fn.h"
#include "tables/dyn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;
static harena arena;
static char result[1 << 16];

static htype type_of(char c)
{
    switch (c) {
    case 'y': return HT_DYNAMIC;
    case 's': return HT_STRING;
    case 'l': return HT_LONG;
    case 'i': return HT_INT;
    case 'r': return HT_REAL;
    case 'b': return HT_BOOL;
    case 'd': return HT_DATETIME;
    case 't': return HT_TIMESPAN;
    default: return HT_UNKNOWN;
    }
}

/* Builds a one-row constant vector from "T:text". */
static void make_arg(hvec *v, const char *spec)
{
    htype t = type_of(spec[0]);
    const char *x = spec + 2;
    size_t n = strlen(x);
    if (spec[1] == '!') {
        vec_const_null(&arena, v, t, 1);
        return;
    }
    vec_const(&arena, v, t, 1);
    switch (t) {
    case HT_DYNAMIC: {
        dbuf b = {0};
        if (!dyn_from_json(x, n, &b, NULL, 0))
            dyn_put_string(&b, x, n);
        char *p = arena_alloc(&arena, b.n);
        memcpy(p, b.p, b.n);
        v->s[0] = (hstr){p, (uint32_t)b.n};
        dbuf_free(&b);
        break;
    }
    case HT_STRING: v->s[0] = (hstr){arena_strndup(&arena, x, n), (uint32_t)n}; break;
    case HT_LONG:
    case HT_INT: v->i[0] = strtoll(x, NULL, 10); break;
    case HT_REAL: v->r[0] = strtod(x, NULL); break;
    case HT_BOOL: v->b[0] = strcmp(x, "true") == 0; break;
    case HT_DATETIME: ht_parse_datetime(x, n, &v->i[0]); break;
    case HT_TIMESPAN: ht_parse_timespan(x, n, &v->i[0]); break;
    default: break;
    }
}

static void format_result(const hvec *out)
{
    char buf[64];
    if (out->type != HT_STRING && vec_is_null(out, 0)) {
        snprintf(result, sizeof result, "<null>");
        return;
    }
    switch (out->type) {
    case HT_DYNAMIC: {
        dbuf b = {0};
        dyn_to_json((const uint8_t *)vec_s(out, 0).p, &b);
        snprintf(result, sizeof result, "%.*s", (int)b.n, (const char *)b.p);
        dbuf_free(&b);
        break;
    }
    case HT_STRING:
        snprintf(result, sizeof result, "%.*s", (int)vec_s(out, 0).n, vec_s(out, 0).p);
        break;
    case HT_LONG:
    case HT_INT: snprintf(result, sizeof result, "%lld", (long long)vec_i(out, 0)); break;
    case HT_REAL:
        ht_format_real(vec_r(out, 0), buf);
        snprintf(result, sizeof result, "%s", buf);
        break;
    case HT_BOOL: snprintf(result, sizeof result, "%s", vec_b(out, 0) ? "true" : "false"); break;
    default: snprintf(result, sizeof result, "<type %d>", out->type); break;
    }
}

/* Binds and runs name(args...) on one row; the result text is in `result`. */
static const char *call(const char *name, int argc, const char **args)
{
    hvec argv_s[FN_MAX_ARGS];
    const hvec *argv[FN_MAX_ARGS];
    htype argt[FN_MAX_ARGS];
    char err[256] = "";
    const fn_def *d = fn_lookup(name, strlen(name));
    if (!d)
        return snprintf(result, sizeof result, "<no function %s>", name), result;
    for (int i = 0; i < argc; i++) {
        make_arg(&argv_s[i], args[i]);
        argv[i] = &argv_s[i];
        argt[i] = argv_s[i].type;
    }
    fn_sig sig = {argc, argt, argv, {0}, err, sizeof err};
    if (argc < d->min_args || argc > d->max_args)
        return snprintf(result, sizeof result, "<arg count>"), result;
    htype rt = d->type(&sig);
    if (rt == HT_UNKNOWN)
        return snprintf(result, sizeof result, "<type error: %s>", err), result;
    for (int i = 0; i < argc; i++)
        if (sig.cast[i] != HT_UNKNOWN && sig.cast[i] != argt[i])
            return snprintf(result, sizeof result, "<cast %d needed>", i), result;
    void *state = NULL;
    char rerr[256] = "";
    fn_ctx ctx = {&arena, &state, 0, rerr, sizeof rerr};
    hvec out = {.type = rt, .n = 1, .cmask = ~0u};
    if (d->run(&ctx, argc, argv, &out) != 0)
        snprintf(result, sizeof result, "<runtime error: %s>", rerr);
    else
        format_result(&out);
    if (d->free_state)
        d->free_state(state);
    return result;
}

#define CALL(name, ...)                                                                            \
    call(name, (int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)),               \
         (const char *[]){__VA_ARGS__})

#define CHECK(want, name, ...)                                                                     \
    do {                                                                                           \
        const char *got_ = CALL(name, __VA_ARGS__);                                                \
        if (strcmp(got_, want) == 0) {                                                             \
            passed++;                                                                              \
        } else {                                                                                   \
            failed++;                                                                              \
            printf("%s:%d: %s: expected %s, got %s\n", __FILE__, __LINE__, name, want, got_);     \
        }                                                                                          \
    } while (0)

static void test_json(void)
{
    CHECK("{\"a\":123,\"b\":\"x\"}", "parse_json", "s:{\"a\":123, \"b\":\"x\"}");
    CHECK("\"not json\"", "parse_json", "s:not json");
    CHECK("[1,2]", "todynamic", "y:[1,2]");
    CHECK("7", "parsejson", "l:7");
    CHECK("<null>", "parse_json", "s:");
    CHECK("{\"A1\":12,\"A14\":[15,13,18],\"B1\":2,\"X8\":{\"a4\":6,\"c3\":1}}", "dynamic_to_json",
          "y:{\"X8\":{\"c3\":1,\"a4\":6},\"A14\":[15,13,18],\"B1\":2,\"A1\":12}");
    CHECK("null", "dynamic_to_json", "y!");
    CHECK("John", "extract_json", "s:$.name", "s:{\"name\": \"John\", \"age\": 30}", "s:string");
    CHECK("30", "extract_json", "s:$.age", "s:{\"name\": \"John\", \"age\": 30}", "s:long");
    CHECK("30", "extract_json", "s:$.age", "s:{\"name\": \"John\", \"age\": 30}");
    CHECK("2", "extractjson", "s:$.a[1]", "s:{\"a\":[1,2,3]}", "s:int");
    CHECK("{\"c\":1}", "extract_json", "s:$['b']", "s:{\"b\":{\"c\":1}}");
    CHECK("", "extract_json", "s:$.zz", "s:{\"b\":1}");
    CHECK("<null>", "extract_json", "s:$.zz", "s:{\"b\":1}", "s:long");
    CHECK("", "extract_json", "s:$.a", "s:not json");
    CHECK("", "extract_json", "s:bad path", "s:{\"a\":1}");
}

static void test_arrays(void)
{
    CHECK("4", "array_length", "y:[1, 2, 3, \"four\"]");
    CHECK("<null>", "array_length", "y:{\"a\":1}");
    CHECK("<null>", "array_length", "y!");
    CHECK("10", "array_sum", "y:[1,2,3,4]");
    CHECK("<null>", "array_sum", "y:[1,\"a\"]");
    CHECK("[\"example\",\"an\",\"is\",\"this\"]", "array_reverse",
          "y:[\"this\",\"is\",\"an\",\"example\"]");
    CHECK("[3,4,5,1,2]", "array_rotate_left", "y:[1,2,3,4,5]", "l:2");
    CHECK("[4,5,1,2,3]", "array_rotate_left", "y:[1,2,3,4,5]", "l:-2");
    CHECK("[4,5,1,2,3]", "array_rotate_right", "y:[1,2,3,4,5]", "l:2");
    CHECK("[3,4,5,1,2]", "array_rotate_right", "y:[1,2,3,4,5]", "l:-2");
    CHECK("[]", "array_rotate_right", "y:[]", "l:3");
    CHECK("[3,4,5,null,null]", "array_shift_left", "y:[1,2,3,4,5]", "l:2");
    CHECK("[3,4,5,-1,-1]", "array_shift_left", "y:[1,2,3,4,5]", "l:2", "l:-1");
    CHECK("[-1,-1,1,2,3]", "array_shift_left", "y:[1,2,3,4,5]", "l:-2", "l:-1");
    CHECK("[null,null,1,2,3]", "array_shift_right", "y:[1,2,3,4,5]", "l:2");
    CHECK("[-1,-1,1,2,3]", "array_shift_right", "y:[1,2,3,4,5]", "l:2", "l:-1");
    CHECK("[3,4,5,-1,-1]", "array_shift_right", "y:[1,2,3,4,5]", "l:-2", "l:-1");
    CHECK("[2,3]", "array_slice", "y:[1,2,3]", "l:1", "l:2");
    CHECK("[3,4,5]", "array_slice", "y:[1,2,3,4,5]", "l:2", "l:-1");
    CHECK("[3,4]", "array_slice", "y:[1,2,3,4,5]", "l:-3", "l:-2");
    CHECK("[]", "array_slice", "y:[1,2,3]", "l:5", "l:9");
    CHECK("[[1,2],[3,4,5]]", "array_split", "y:[1,2,3,4,5]", "y:2");
    CHECK("[[1],[2,3],[4,5]]", "array_split", "y:[1,2,3,4,5]", "y:[1,3]");
    CHECK("[1,2,4,1,2]", "array_concat", "y:[1,2,4]", "y:[1,2]");
    CHECK("<null>", "array_concat", "y:[1]", "y:5");
}

static void test_index_of(void)
{
    const char *arr = "y:[\"this\",\"is\",\"an\",\"example\",\"an\",\"example\"]";
    CHECK("2", "array_index_of", arr, "s:an");
    CHECK("3", "array_index_of", arr, "s:example", "l:1", "l:3");
    CHECK("-1", "array_index_of", arr, "s:example", "l:1", "l:2");
    CHECK("-1", "array_index_of", arr, "s:is", "l:2", "l:4");
    CHECK("3", "array_index_of", arr, "s:example", "l:2", "l:-1");
    CHECK("4", "array_index_of", arr, "s:an", "l:1", "l:-1", "l:2");
    CHECK("-1", "array_index_of", arr, "s:an", "l:1", "l:-1", "l:3");
    CHECK("4", "array_index_of", arr, "s:an", "l:-3");
    CHECK("-1", "array_index_of", arr, "s:is", "l:-4");
    CHECK("<null>", "array_index_of", arr, "s:is", "l:0", "l:-2");
    CHECK("1", "array_index_of", "y:[1,2,3]", "l:2");
    CHECK("true", "set_has_element", "y:[\"this\",\"is\",\"an\",\"example\"]", "s:example");
    CHECK("false", "set_has_element", "y:[1,2]", "s:1");
}

static void test_sets(void)
{
    CHECK("[1,2,4,8]", "set_union", "y:[1,2,1,4]", "y:[1,2]", "y:[8]");
    CHECK("[\"A4\",\"A2\",\"A7\"]", "set_union", "y:[\"A4\",\"A2\",\"A7\",\"A2\"]",
          "y:[\"A4\",\"A2\",\"A7\",\"A2\"]");
    CHECK("[1]", "set_intersect", "y:[1,2,1,4]", "y:[1,2]", "y:[8,1]");
    CHECK("[]", "set_intersect", "y:[1,2,3]", "y:[4,5]");
    CHECK("[4]", "set_difference", "y:[1,2,1,4]", "y:[1,2]", "y:[1,2,8]");
    CHECK("[]", "set_difference", "y:[1,2,3]", "y:[1,2,3]");
    CHECK("<null>", "set_union", "y:[1]", "y!");
    CHECK("0.75", "jaccard_index", "y:[1,2,3]", "y:[1,2,3,4]");
    CHECK("0.5", "jaccard_index", "y:[1,1,2]", "y:[2]");
}

static void test_sort(void)
{
    CHECK("[1,2,3,4,5]", "array_sort_asc", "y:[1,3,4,5,2]");
    CHECK("[[1,2,3,4,5],[\"a\",\"e\",\"b\",\"c\",\"d\"]]", "array_sort_asc", "y:[1,3,4,5,2]",
          "y:[\"a\",\"b\",\"c\",\"d\",\"e\"]");
    CHECK("[[5,4,3,2,1],[\"d\",\"c\",\"b\",\"e\",\"a\"]]", "array_sort_desc", "y:[1,3,4,5,2]",
          "y:[\"a\",\"b\",\"c\",\"d\",\"e\"]");
    CHECK("[\"blue\",\"green\",\"yellow\",null,null]", "array_sort_asc",
          "y:[null,\"blue\",\"yellow\",\"green\",null]");
    CHECK("[null,null,\"blue\",\"green\",\"yellow\"]", "array_sort_asc",
          "y:[null,\"blue\",\"yellow\",\"green\",null]", "b:false");
    CHECK("[\"yellow\",\"green\",\"blue\",null,null]", "array_sort_desc",
          "y:[null,\"blue\",\"yellow\",\"green\",null]");
    CHECK("[null,null,\"yellow\",\"green\",\"blue\"]", "array_sort_desc",
          "y:[null,\"blue\",\"yellow\",\"green\",null]", "b:false");
    CHECK("<null>", "array_sort_asc", "y:[1,2]", "y:[1]");
}

static void test_iff_zip_pack(void)
{
    CHECK("[1,5,3]", "array_iff", "y:[true,false,true]", "y:[1,2,3]", "y:[4,5,6]");
    CHECK("[\"yes\",\"no\",\"yes\"]", "array_iff", "y:[1,0,50]", "s:yes", "s:no");
    CHECK("[null,null,null]", "array_iff", "y:[\"some string value\",\"x\",null]", "l:1",
          "l:0");
    CHECK("[1,2,null]", "array_iif", "y:[true,true,true]", "y:[1,2]", "y:[3,4]");
    CHECK("[[1,2],[3,4],[5,6]]", "zip", "y:[1,3,5]", "y:[2,4,6]");
    CHECK("[[\"A\",{}],[1,\"B\"],[1.5,null]]", "zip", "y:[\"A\", 1, 1.5]", "y:[{}, \"B\"]");
    CHECK("[1,\"2\",\"00:00:02\"]", "pack_array", "l:1", "s:2", "t:00:00:02");
    CHECK("[1,null]", "pack_array", "l:1", "l!");
    CHECK("{\"Level\":\"Information\",\"ProcessID\":1234,\"Data\":{\"url\":\"www.bing.com\"}}",
          "bag_pack", "s:Level", "s:Information", "s:ProcessID", "l:1234", "s:Data",
          "y:{\"url\":\"www.bing.com\"}");
    CHECK("{\"Dest\":100,\"Text\":\"Hi\"}", "pack", "s:Dest", "i:100", "s:Text", "s:Hi");
    CHECK("<type error: bag_pack(): expects key/value pairs (an even number of arguments)>",
          "bag_pack", "s:a");
}

static void test_bags(void)
{
    CHECK("[\"a\",\"c\"]", "bag_keys", "y:{\"a\":\"b\",\"c\":123}");
    CHECK("[]", "bag_keys", "y:{}");
    CHECK("<null>", "bag_keys", "y:[]");
    CHECK("<null>", "bag_keys", "y!");
    CHECK("{\"A1\":12,\"B1\":2,\"C1\":3,\"A2\":81,\"B2\":82}", "bag_merge",
          "y:{\"A1\":12,\"B1\":2,\"C1\":3}", "y:{\"A2\":81,\"B2\":82,\"A1\":1}");
    CHECK("true", "bag_has_key", "y:{\"key1\":123,\"key2\":\"abc\"}", "s:key2");
    CHECK("false", "bag_has_key", "y:{\"key1\":123,\"key3\":\"abc\"}", "s:key2");
    CHECK("true", "bag_has_key", "y:{\"key1\":123,\"key2\":{\"prop1\":\"abc\"}}",
          "s:$.key2.prop1");
    CHECK("{\"key1\":123}", "bag_remove_keys", "y:{\"key1\":123,\"key2\":\"abc\"}",
          "y:[\"key2\",\"key4\"]");
    CHECK("{\"key1\":123,\"key2\":{\"prop2\":\"xyz\"}}", "bag_remove_keys",
          "y:{\"key1\":123,\"key2\":{\"prop1\":\"abc\",\"prop2\":\"xyz\"},\"key3\":[100,200]}",
          "y:[\"$.key2.prop1\",\"key3\"]");
    CHECK("{\"key1\":1,\"key2\":2,\"key3\":3}", "bag_set_key", "y:{\"key1\":1,\"key2\":2}",
          "s:key3", "l:3");
    CHECK("{\"key1\":1,\"key3\":3}", "bag_set_key", "y:{\"key1\":1,\"key3\":\"abc\"}", "s:key3",
          "l:3");
    CHECK("{\"key1\":123,\"key2\":{\"prop1\":\"abc\",\"prop2\":\"xyz\"}}", "bag_set_key",
          "y:{\"key1\":123,\"key2\":{\"prop1\":123,\"prop2\":\"xyz\"}}", "s:$.key2.prop1",
          "s:abc");
    CHECK("{\"key1\":123,\"key2\":{\"prop1\":\"abc\"}}", "bag_set_key", "y:{\"key1\":123}",
          "s:$.key2.prop1", "s:abc");
    CHECK("{\"a\":1,\"b\":\"2\",\"c\":3.4}", "bag_zip", "y:[\"a\",\"b\",\"c\"]",
          "y:[1,\"2\",3.4]");
    CHECK("{\"a\":1,\"b\":\"2\",\"c\":null}", "bag_zip", "y:[\"a\",\"b\",\"c\"]", "y:[1,\"2\"]");
    CHECK("{\"a\":1,\"b\":\"2\"}", "bag_zip", "y:[\"a\",\"b\"]", "y:[1,\"2\",2.5]");
    CHECK("{\"a\":1,\"b\":2.5}", "bag_zip", "y:[\"a\",8,\"b\"]", "y:[1,\"2\",2.5]");
    CHECK("{\"a\":null,\"b\":null}", "bag_zip", "y:[\"a\",8,\"b\"]", "y:1");
    CHECK("<null>", "bag_zip", "y:\"a\"", "y:[1,\"2\",2.5]");
}

static void test_treepath_range(void)
{
    CHECK("[\"['a']\",\"['c']\"]", "treepath", "y:{\"a\":\"b\", \"c\":123}");
    CHECK("[\"['prop1']\",\"['prop1'][0]\",\"['prop2']\"]", "treepath",
          "y:{\"prop1\":[1,2,3,4], \"prop2\":\"value2\"}");
    CHECK("[\"['listProperty']\",\"['listProperty'][0]\",\"['listProperty'][0]['x']\"]",
          "treepath", "y:{\"listProperty\":[100,200,300,\"abcde\",{\"x\":\"y\"}]}");
    CHECK("[1,4,7]", "range", "l:1", "l:8", "l:3");
    CHECK("[1,2,3]", "range", "l:1", "l:3");
    CHECK("[5,3,1]", "range", "l:5", "l:0", "l:-2");
    CHECK("[1.0,1.5,2.0]", "range", "r:1", "r:2", "r:0.5");
    CHECK("[\"01:00:00\",\"02:00:00\",\"03:00:00\"]", "range", "t:01:00:00", "t:03:00:00");
    CHECK("[\"2015-01-01T00:00:00.0000000Z\",\"2015-01-02T00:00:00.0000000Z\"]", "range",
          "d:2015-01-01", "d:2015-01-02", "t:1.00:00:00");
    CHECK("<null>", "range", "l:1", "l:3", "l:0");
}

static void test_range_limit(void)
{
    const fn_def *d = fn_lookup("range", 5);
    hvec a, b, out = {.type = HT_DYNAMIC, .n = 1, .cmask = ~0u};
    vec_const(&arena, &a, HT_LONG, 1);
    vec_const(&arena, &b, HT_LONG, 1);
    a.i[0] = 1;
    b.i[0] = 1000000000;
    const hvec *argv[2] = {&a, &b};
    void *state = NULL;
    char err[64];
    fn_ctx ctx = {&arena, &state, 0, err, sizeof err};
    d->run(&ctx, 2, argv, &out);
    uint32_t n = dyn_count((const uint8_t *)out.s[0].p);
    if (n == 1048576) {
        passed++;
    } else {
        failed++;
        printf("%s:%d: range: expected 1048576 values, got %u\n", __FILE__, __LINE__, n);
    }
    d->free_state(state);
}

int main(void)
{
    arena_init(&arena);
    test_json();
    test_arrays();
    test_index_of();
    test_sets();
    test_sort();
    test_iff_zip_pack();
    test_bags();
    test_treepath_range();
    test_range_limit();
    arena_free(&arena);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
