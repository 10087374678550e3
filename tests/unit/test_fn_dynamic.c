/* tests/unit/test_fn_dynamic.c — checks the dynamic (array/bag/JSON) functions
 * of engine/fn_dynamic.c through fn_lookup: each call binds the function with
 * constant arguments, runs it on one row and compares the result's text with
 * the value the KQL documentation publishes (the conformance files).
 *
 * Arguments (FN_SPEC of fn_harness.h) are written "T:text": y dynamic (JSON),
 * s string, l long, r real, b bool, d datetime, t timespan; "T!" is a null of
 * type T. Results print as compact JSON (dynamic), bare text (string) or the
 * value; null as "<null>". Prints one line per failed check, then "N passed,
 * N failed".
 */
#include "fn_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T FN_SPEC /* T(want, "name", "T:text"...) checks the text of name(args) */

static void test_json(void)
{
    T("{\"a\":123,\"b\":\"x\"}", "parse_json", "s:{\"a\":123, \"b\":\"x\"}");
    T("\"not json\"", "parse_json", "s:not json");
    T("[1,2]", "todynamic", "y:[1,2]");
    T("7", "parsejson", "l:7");
    T("<null>", "parse_json", "s:");
    T("{\"A1\":12,\"A14\":[15,13,18],\"B1\":2,\"X8\":{\"a4\":6,\"c3\":1}}", "dynamic_to_json",
      "y:{\"X8\":{\"c3\":1,\"a4\":6},\"A14\":[15,13,18],\"B1\":2,\"A1\":12}");
    T("null", "dynamic_to_json", "y!");
    T("John", "extract_json", "s:$.name", "s:{\"name\": \"John\", \"age\": 30}", "s:string");
    T("30", "extract_json", "s:$.age", "s:{\"name\": \"John\", \"age\": 30}", "s:long");
    T("30", "extract_json", "s:$.age", "s:{\"name\": \"John\", \"age\": 30}");
    T("2", "extractjson", "s:$.a[1]", "s:{\"a\":[1,2,3]}", "s:int");
    T("{\"c\":1}", "extract_json", "s:$['b']", "s:{\"b\":{\"c\":1}}");
    T("", "extract_json", "s:$.zz", "s:{\"b\":1}");
    T("<null>", "extract_json", "s:$.zz", "s:{\"b\":1}", "s:long");
    T("", "extract_json", "s:$.a", "s:not json");
    T("", "extract_json", "s:bad path", "s:{\"a\":1}");
}

static void test_arrays(void)
{
    T("4", "array_length", "y:[1, 2, 3, \"four\"]");
    T("<null>", "array_length", "y:{\"a\":1}");
    T("<null>", "array_length", "y!");
    T("10", "array_sum", "y:[1,2,3,4]");
    T("<null>", "array_sum", "y:[1,\"a\"]");
    T("[\"example\",\"an\",\"is\",\"this\"]", "array_reverse",
      "y:[\"this\",\"is\",\"an\",\"example\"]");
    T("[3,4,5,1,2]", "array_rotate_left", "y:[1,2,3,4,5]", "l:2");
    T("[4,5,1,2,3]", "array_rotate_left", "y:[1,2,3,4,5]", "l:-2");
    T("[4,5,1,2,3]", "array_rotate_right", "y:[1,2,3,4,5]", "l:2");
    T("[3,4,5,1,2]", "array_rotate_right", "y:[1,2,3,4,5]", "l:-2");
    T("[]", "array_rotate_right", "y:[]", "l:3");
    T("[3,4,5,null,null]", "array_shift_left", "y:[1,2,3,4,5]", "l:2");
    T("[3,4,5,-1,-1]", "array_shift_left", "y:[1,2,3,4,5]", "l:2", "l:-1");
    T("[-1,-1,1,2,3]", "array_shift_left", "y:[1,2,3,4,5]", "l:-2", "l:-1");
    T("[null,null,1,2,3]", "array_shift_right", "y:[1,2,3,4,5]", "l:2");
    T("[-1,-1,1,2,3]", "array_shift_right", "y:[1,2,3,4,5]", "l:2", "l:-1");
    T("[3,4,5,-1,-1]", "array_shift_right", "y:[1,2,3,4,5]", "l:-2", "l:-1");
    T("[2,3]", "array_slice", "y:[1,2,3]", "l:1", "l:2");
    T("[3,4,5]", "array_slice", "y:[1,2,3,4,5]", "l:2", "l:-1");
    T("[3,4]", "array_slice", "y:[1,2,3,4,5]", "l:-3", "l:-2");
    T("[]", "array_slice", "y:[1,2,3]", "l:5", "l:9");
    T("[[1,2],[3,4,5]]", "array_split", "y:[1,2,3,4,5]", "y:2");
    T("[[1],[2,3],[4,5]]", "array_split", "y:[1,2,3,4,5]", "y:[1,3]");
    T("[1,2,4,1,2]", "array_concat", "y:[1,2,4]", "y:[1,2]");
    T("<null>", "array_concat", "y:[1]", "y:5");
}

static void test_index_of(void)
{
    const char *arr = "y:[\"this\",\"is\",\"an\",\"example\",\"an\",\"example\"]";
    T("2", "array_index_of", arr, "s:an");
    T("3", "array_index_of", arr, "s:example", "l:1", "l:3");
    T("-1", "array_index_of", arr, "s:example", "l:1", "l:2");
    T("-1", "array_index_of", arr, "s:is", "l:2", "l:4");
    T("3", "array_index_of", arr, "s:example", "l:2", "l:-1");
    T("4", "array_index_of", arr, "s:an", "l:1", "l:-1", "l:2");
    T("-1", "array_index_of", arr, "s:an", "l:1", "l:-1", "l:3");
    T("4", "array_index_of", arr, "s:an", "l:-3");
    T("-1", "array_index_of", arr, "s:is", "l:-4");
    T("<null>", "array_index_of", arr, "s:is", "l:0", "l:-2");
    T("1", "array_index_of", "y:[1,2,3]", "l:2");
    T("true", "set_has_element", "y:[\"this\",\"is\",\"an\",\"example\"]", "s:example");
    T("false", "set_has_element", "y:[1,2]", "s:1");
}

static void test_sets(void)
{
    T("[1,2,4,8]", "set_union", "y:[1,2,1,4]", "y:[1,2]", "y:[8]");
    T("[\"A4\",\"A2\",\"A7\"]", "set_union", "y:[\"A4\",\"A2\",\"A7\",\"A2\"]",
      "y:[\"A4\",\"A2\",\"A7\",\"A2\"]");
    T("[1]", "set_intersect", "y:[1,2,1,4]", "y:[1,2]", "y:[8,1]");
    T("[]", "set_intersect", "y:[1,2,3]", "y:[4,5]");
    T("[4]", "set_difference", "y:[1,2,1,4]", "y:[1,2]", "y:[1,2,8]");
    T("[]", "set_difference", "y:[1,2,3]", "y:[1,2,3]");
    T("<null>", "set_union", "y:[1]", "y!");
    T("0.75", "jaccard_index", "y:[1,2,3]", "y:[1,2,3,4]");
    T("0.5", "jaccard_index", "y:[1,1,2]", "y:[2]");
}

static void test_sort(void)
{
    T("[1,2,3,4,5]", "array_sort_asc", "y:[1,3,4,5,2]");
    T("[[1,2,3,4,5],[\"a\",\"e\",\"b\",\"c\",\"d\"]]", "array_sort_asc", "y:[1,3,4,5,2]",
      "y:[\"a\",\"b\",\"c\",\"d\",\"e\"]");
    T("[[5,4,3,2,1],[\"d\",\"c\",\"b\",\"e\",\"a\"]]", "array_sort_desc", "y:[1,3,4,5,2]",
      "y:[\"a\",\"b\",\"c\",\"d\",\"e\"]");
    T("[\"blue\",\"green\",\"yellow\",null,null]", "array_sort_asc",
      "y:[null,\"blue\",\"yellow\",\"green\",null]");
    T("[null,null,\"blue\",\"green\",\"yellow\"]", "array_sort_asc",
      "y:[null,\"blue\",\"yellow\",\"green\",null]", "b:false");
    T("[\"yellow\",\"green\",\"blue\",null,null]", "array_sort_desc",
      "y:[null,\"blue\",\"yellow\",\"green\",null]");
    T("[null,null,\"yellow\",\"green\",\"blue\"]", "array_sort_desc",
      "y:[null,\"blue\",\"yellow\",\"green\",null]", "b:false");
    /* an array of another length than the first is null, the others sorted */
    T("[[1,2],null]", "array_sort_asc", "y:[2,1]", "y:[1]");
    T("[[2,1],null,[\"b\",\"a\"]]", "array_sort_desc", "y:[1,2]", "y:[1]", "y:[\"a\",\"b\"]");
    T("<null>", "array_sort_asc", "y:5", "y:[1]");
}

static void test_iff_zip_pack(void)
{
    T("[1,5,3]", "array_iff", "y:[true,false,true]", "y:[1,2,3]", "y:[4,5,6]");
    T("[\"yes\",\"no\",\"yes\"]", "array_iff", "y:[1,0,50]", "s:yes", "s:no");
    T("[null,null,null]", "array_iff", "y:[\"some string value\",\"x\",null]", "l:1", "l:0");
    T("[1,2,null]", "array_iif", "y:[true,true,true]", "y:[1,2]", "y:[3,4]");
    T("[[1,2],[3,4],[5,6]]", "zip", "y:[1,3,5]", "y:[2,4,6]");
    T("[[\"A\",{}],[1,\"B\"],[1.5,null]]", "zip", "y:[\"A\", 1, 1.5]", "y:[{}, \"B\"]");
    T("[1,\"2\",\"00:00:02\"]", "pack_array", "l:1", "s:2", "t:00:00:02");
    T("[1,null]", "pack_array", "l:1", "l!");
    T("{\"Level\":\"Information\",\"ProcessID\":1234,\"Data\":{\"url\":\"www.bing.com\"}}",
      "bag_pack", "s:Level", "s:Information", "s:ProcessID", "l:1234", "s:Data",
      "y:{\"url\":\"www.bing.com\"}");
    T("{\"Dest\":100,\"Text\":\"Hi\"}", "pack", "s:Dest", "i:100", "s:Text", "s:Hi");
    T("<type error: bag_pack(): expects key/value pairs (an even number of arguments)>", "bag_pack",
      "s:a");
}

static void test_bags(void)
{
    T("[\"a\",\"c\"]", "bag_keys", "y:{\"a\":\"b\",\"c\":123}");
    T("[]", "bag_keys", "y:{}");
    T("<null>", "bag_keys", "y:[]");
    T("<null>", "bag_keys", "y!");
    T("{\"A1\":12,\"B1\":2,\"C1\":3,\"A2\":81,\"B2\":82}", "bag_merge",
      "y:{\"A1\":12,\"B1\":2,\"C1\":3}", "y:{\"A2\":81,\"B2\":82,\"A1\":1}");
    T("true", "bag_has_key", "y:{\"key1\":123,\"key2\":\"abc\"}", "s:key2");
    T("false", "bag_has_key", "y:{\"key1\":123,\"key3\":\"abc\"}", "s:key2");
    T("true", "bag_has_key", "y:{\"key1\":123,\"key2\":{\"prop1\":\"abc\"}}", "s:$.key2.prop1");
    T("{\"key1\":123}", "bag_remove_keys", "y:{\"key1\":123,\"key2\":\"abc\"}",
      "y:[\"key2\",\"key4\"]");
    T("{\"key1\":123,\"key2\":{\"prop2\":\"xyz\"}}", "bag_remove_keys",
      "y:{\"key1\":123,\"key2\":{\"prop1\":\"abc\",\"prop2\":\"xyz\"},\"key3\":[100,200]}",
      "y:[\"$.key2.prop1\",\"key3\"]");
    T("{\"key1\":1,\"key2\":2,\"key3\":3}", "bag_set_key", "y:{\"key1\":1,\"key2\":2}", "s:key3",
      "l:3");
    T("{\"key1\":1,\"key3\":3}", "bag_set_key", "y:{\"key1\":1,\"key3\":\"abc\"}", "s:key3", "l:3");
    T("{\"key1\":123,\"key2\":{\"prop1\":\"abc\",\"prop2\":\"xyz\"}}", "bag_set_key",
      "y:{\"key1\":123,\"key2\":{\"prop1\":123,\"prop2\":\"xyz\"}}", "s:$.key2.prop1", "s:abc");
    T("{\"key1\":123,\"key2\":{\"prop1\":\"abc\"}}", "bag_set_key", "y:{\"key1\":123}",
      "s:$.key2.prop1", "s:abc");
    T("{\"a\":1,\"b\":\"2\",\"c\":3.4}", "bag_zip", "y:[\"a\",\"b\",\"c\"]", "y:[1,\"2\",3.4]");
    T("{\"a\":1,\"b\":\"2\",\"c\":null}", "bag_zip", "y:[\"a\",\"b\",\"c\"]", "y:[1,\"2\"]");
    T("{\"a\":1,\"b\":\"2\"}", "bag_zip", "y:[\"a\",\"b\"]", "y:[1,\"2\",2.5]");
    T("{\"a\":1,\"b\":2.5}", "bag_zip", "y:[\"a\",8,\"b\"]", "y:[1,\"2\",2.5]");
    T("{\"a\":null,\"b\":null}", "bag_zip", "y:[\"a\",8,\"b\"]", "y:1");
    T("<null>", "bag_zip", "y:\"a\"", "y:[1,\"2\",2.5]");
}

static void test_treepath_range(void)
{
    T("[\"['a']\",\"['c']\"]", "treepath", "y:{\"a\":\"b\", \"c\":123}");
    T("[\"['prop1']\",\"['prop1'][0]\",\"['prop2']\"]", "treepath",
      "y:{\"prop1\":[1,2,3,4], \"prop2\":\"value2\"}");
    T("[\"['listProperty']\",\"['listProperty'][0]\",\"['listProperty'][0]['x']\"]", "treepath",
      "y:{\"listProperty\":[100,200,300,\"abcde\",{\"x\":\"y\"}]}");
    T("[1,4,7]", "range", "l:1", "l:8", "l:3");
    T("[1,2,3]", "range", "l:1", "l:3");
    T("[5,3,1]", "range", "l:5", "l:0", "l:-2");
    T("[1.0,1.5,2.0]", "range", "r:1", "r:2", "r:0.5");
    T("[\"01:00:00\",\"02:00:00\",\"03:00:00\"]", "range", "t:01:00:00", "t:03:00:00");
    T("[\"2015-01-01T00:00:00.0000000Z\",\"2015-01-02T00:00:00.0000000Z\"]", "range",
      "d:2015-01-01", "d:2015-01-02", "t:1.00:00:00");
    T("<null>", "range", "l:1", "l:3", "l:0");
}

static void test_range_limit(void)
{
    const fn_def *d = fn_lookup("range", 5);
    hvec a, b, out = {.type = HT_DYNAMIC, .n = 1, .cmask = ~0u};
    vec_const(&A, &a, HT_LONG, 1);
    vec_const(&A, &b, HT_LONG, 1);
    a.i[0] = 1;
    b.i[0] = 1000000000;
    const hvec *argv[2] = {&a, &b};
    void *state = NULL;
    char err[64];
    fn_ctx ctx = {&A, &state, 0, err, sizeof err};
    d->run(&ctx, 2, argv, &out);
    uint32_t n = dyn_count((const uint8_t *)out.s[0].p);
    if (n == 1048576) {
        npass++;
    } else {
        nfail++;
        printf("%s:%d: range: expected 1048576 values, got %u\n", __FILE__, __LINE__, n);
    }
    d->free_state(state);
}

int main(void)
{
    arena_init(&A);
    test_json();
    test_arrays();
    test_index_of();
    test_sets();
    test_sort();
    test_iff_zip_pack();
    test_bags();
    test_treepath_range();
    test_range_limit();
    arena_free(&A);
    return check_summary();
}
