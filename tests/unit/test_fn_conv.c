/* tests/unit/test_fn_conv.c — unit tests of the conversion and conditional
 * functions (engine/fn_conv.c): to<type>() conversions, null/empty tests,
 * iff/case/coalesce with their common-type casts, not, gettype.
 *
 * Same harness as test_fn_string.c (FN_TEXT of fn_harness.h): bind through
 * fn_lookup(...)->type with constant arguments, apply the requested casts,
 * run the kernel, compare the text of the result. Prints one line per
 * failed check, then "N passed, N failed".
 */
#include "fn_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T FN_TEXT /* T(want, "name", args...) checks the text of name(args) */
#define N(t) v_null(t)

/* The type a call binds to, as a name. */
static const char *bound_type(const char *name, int argc, hvec *args)
{
    const fn_def *f = fn_lookup(name, strlen(name));
    htype at[FN_MAX_ARGS];
    char err[200] = "";
    for (int i = 0; i < argc; i++)
        at[i] = args[i].type;
    if (!f)
        return "<error>";
    fn_sig sig = fh_sig(f, argc, at, NULL, err, sizeof err);
    htype t = f->type(&sig);
    return t == HT_UNKNOWN ? "<error>" : ht_name(t);
}
#define TY(want, name, ...)                                                                        \
    do {                                                                                           \
        hvec a_[] = {__VA_ARGS__};                                                                 \
        check_at(__FILE__, __LINE__, name, bound_type(name, (int)(sizeof a_ / sizeof a_[0]), a_),  \
                 want);                                                                            \
    } while (0)

static void test_tostring(void)
{
    T("123", "tostring", L(123));
    T("-5", "tostring", v_int(-5));
    T("1.5", "tostring", v_real(1.5));
    T("true", "tostring", B(true));
    T("false", "tostring", B(false));
    T("2017-01-01T10:20:30Z", "tostring", v_dt("2017-01-01T10:20:30Z"));
    T("01:00:00", "tostring", v_ts(36000000000LL));
    T("1.00:00:00", "tostring", v_ts(864000000000LL));
    T("ae3133f2-6e22-49ae-b06a-16e6a9b212eb", "tostring",
      v_guid("ae3133f2-6e22-49ae-b06a-16e6a9b212eb"));
    T("abc", "tostring", v_dyn("\"abc\""));
    T("[1,2]", "tostring", v_dyn("[1, 2]"));
    T("{\"a\":1}", "tostring", v_dyn("{\"a\": 1}"));
    T("", "tostring", v_dyn("null"));
    T("", "tostring", N(HT_LONG));
    T("", "tostring", N(HT_DYNAMIC));
    T("hello", "tostring", S("hello"));
}

static void test_numbers(void)
{
    T("123", "toint", S("123"));
    T("2", "toint", v_real(2.3));
    T("-2", "toint", v_real(-2.7));
    T("null", "toint", S("abc"));
    T("null", "toint", S("3000000000"));
    T("null", "toint", N(HT_STRING));
    T("1", "toint", B(true));
    T("42", "tolong", S("42"));
    T("3000000000", "tolong", S("3000000000"));
    T("null", "tolong", S("not a number"));
    T("7", "tolong", v_dyn("7"));
    T("7", "tolong", v_dyn("\"7\""));
    T("null", "tolong", v_dyn("[7]"));
    T("null", "tolong", v_real(1e300));
    T("123.45678", "todecimal", S("123.45678"));
    T("1.5", "toreal", S("1.5"));
    T("1000", "todouble", S("1e3"));
    T("5", "toreal", L(5));
    T("null", "toreal", S("x"));
    T("2.5", "toreal", v_dyn("2.5"));
}

static void test_other_conversions(void)
{
    T("true", "tobool", S("true"));
    T("false", "tobool", S("false"));
    T("true", "tobool", S("TRUE"));
    T("true", "tobool", L(1));
    T("true", "tobool", L(123));
    T("false", "tobool", L(0));
    T("null", "tobool", S("yes"));
    T("true", "toboolean", v_dyn("true"));
    T("01234567-89ab-cdef-0123-456789abcdef", "toguid", S("0123456789abcdef0123456789abcdef"));
    T("01234567-89ab-cdef-0123-456789abcdef", "toguid", S("0123456789ab-cdef-0123-456789abcdef"));
    T("null", "toguid", S("a string that is not a guid"));
    T("2022-12-02T00:00:00Z", "todatetime", S("2022-12-02"));
    T("null", "todatetime", S("not a date"));
    T("2017-01-01T00:00:00Z", "todatetime", v_dt("2017-01-01"));
    T("00:03:00", "totimespan", S("0.00:03:00"));
    T("4.00:00:00", "totimespan", v_ts(4 * 864000000000LL));
    T("null", "totimespan", S("abc"));
    T("100", "tohex", L(256));
    T("ffffffffffffff00", "tohex", L(-256));
    T("ffffff00", "tohex", v_int(-256), L(8));
    T("00000100", "tohex", L(256), L(8));
    T("100", "tohex", L(256), L(2));
    T("", "tohex", N(HT_LONG));
    T("<error>", "tohex", S("x"));
}

static void test_null_tests(void)
{
    T("false", "isnull", S(""));
    T("true", "isnull", N(HT_LONG));
    T("false", "isnull", L(1));
    T("true", "isnull", v_dyn("null"));
    T("false", "isnull", v_dyn("[]"));
    T("true", "isnotnull", L(1));
    T("true", "isnotnull", S(""));
    T("true", "isempty", S(""));
    T("false", "isempty", S("a"));
    T("true", "isempty", N(HT_LONG));
    T("false", "isempty", L(0));
    T("true", "isempty", v_dyn("\"\""));
    T("false", "isempty", v_dyn("[]"));
    T("false", "isempty", v_dyn("{}"));
    T("true", "isnotempty", S("a"));
    T("false", "isnotempty", S(""));
}

static void test_conditionals(void)
{
    T("42", "coalesce", N(HT_LONG), L(42), L(33));
    T("33", "coalesce", N(HT_LONG), N(HT_LONG), L(33));
    T("b", "coalesce", S(""), S("b"), S("c"));
    T("", "coalesce", S(""), S(""));
    T("null", "coalesce", N(HT_LONG), N(HT_LONG));
    TY("long", "coalesce", v_int(1), L(2));
    TY("real", "coalesce", v_int(1), v_real(2));
    T("1.5", "coalesce", N(HT_INT), v_real(1.5));
    TY("<error>", "coalesce", S("a"), L(1));
    T("yes", "iff", B(true), S("yes"), S("no"));
    T("no", "iff", B(false), S("yes"), S("no"));
    T("no", "iff", N(HT_BOOL), S("yes"), S("no"));
    T("2", "iif", B(false), v_int(1), L(2));
    TY("long", "iff", B(true), v_int(1), L(2));
    TY("real", "iff", B(true), L(1), v_real(2));
    T("1", "iff", B(true), v_int(1), v_real(2.5));
    TY("long", "iff", B(true), L(1), N(HT_UNKNOWN));
    TY("<error>", "iff", L(1), L(1), L(2));
    TY("<error>", "iff", B(true), S("a"), L(2));
    T("Small", "case", B(true), S("Small"), B(true), S("Medium"), S("Large"));
    T("Medium", "case", B(false), S("Small"), B(true), S("Medium"), S("Large"));
    T("Large", "case", B(false), S("Small"), N(HT_BOOL), S("Medium"), S("Large"));
    TY("real", "case", B(false), L(1), v_real(2));
    TY("<error>", "case", B(false), L(1));
    T("false", "not", B(true));
    T("true", "not", B(false));
    T("null", "not", N(HT_BOOL));
    TY("<error>", "not", S("x"));
}

static void test_gettype(void)
{
    T("string", "gettype", S("a"));
    T("long", "gettype", L(111));
    T("int", "gettype", v_int(1));
    T("bool", "gettype", B(true));
    T("real", "gettype", v_real(123.45));
    T("datetime", "gettype", v_dt("2020-01-01"));
    T("timespan", "gettype", v_ts(1));
    T("guid", "gettype", v_guid("ae3133f2-6e22-49ae-b06a-16e6a9b212eb"));
    T("int", "gettype", v_dyn("1"));
    T("string", "gettype", v_dyn("\"abc\""));
    T("dictionary", "gettype", v_dyn("{\"abc\":1}"));
    T("array", "gettype", v_dyn("[1,2,3]"));
    T("null", "gettype", N(HT_DYNAMIC));
}

/* Multi-row vectors: a null in the middle, values per row. */
static void test_rows(void)
{
    hvec c, a, b;
    vec_alloc(&A, &c, HT_BOOL, 3);
    vec_alloc(&A, &a, HT_LONG, 3);
    vec_alloc(&A, &b, HT_LONG, 3);
    for (int i = 0; i < 3; i++)
        c.b[i] = i != 1, a.i[i] = i, b.i[i] = 10 + i;
    vec_set_null(&A, &a, 2);
    const fn_def *f = fn_lookup("iff", 3);
    hvec out = {HT_LONG, 3, ~0u, NULL, {NULL}};
    void *st = NULL;
    char err[100];
    fn_ctx ctx = {&A, &st, 0, err, sizeof err};
    const hvec *argv[3] = {&c, &a, &b};
    f->run(&ctx, 3, argv, &out);
    check_at(__FILE__, __LINE__, "iff row 0", out.i[0] == 0 && !vec_is_null(&out, 0) ? "ok" : "bad",
             "ok");
    check_at(__FILE__, __LINE__, "iff row 1", out.i[1] == 11 ? "ok" : "bad", "ok");
    check_at(__FILE__, __LINE__, "iff row 2", vec_is_null(&out, 2) ? "ok" : "bad", "ok");
    hvec s;
    vec_alloc(&A, &s, HT_STRING, 3);
    s.s[0] = (hstr){"12", 2}, s.s[1] = (hstr){"x", 1}, s.s[2] = (hstr){"", 0};
    hvec o2 = {HT_INT, 3, ~0u, NULL, {NULL}};
    const hvec *argv2[1] = {&s};
    fn_lookup("toint", 5)->run(&ctx, 1, argv2, &o2);
    check_at(__FILE__, __LINE__, "toint rows",
             o2.i[0] == 12 && vec_is_null(&o2, 1) && vec_is_null(&o2, 2) ? "ok" : "bad", "ok");
}

int main(void)
{
    arena_init(&A);
    test_tostring();
    test_numbers();
    test_other_conversions();
    test_null_tests();
    test_conditionals();
    test_gettype();
    test_rows();
    arena_free(&A);
    return check_summary();
}
