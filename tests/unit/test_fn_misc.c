/* tests/unit/test_fn_misc.c — checks the functions of engine/fn_misc.c
 * (convert_*, punycode_*, parse_version, ipv4_range_to_cidr_list,
 * has_any_index, around) through fn_lookup, as the binder and engine call
 * them: the documented examples (the matching conformance files), the sample
 * strings of RFC 3492, nulls, invalid input, multi-row columns, and a
 * no-crash pass over pseudo-random input.
 *
 * FN_SPEC arguments are written "T:text" (s string, r real, l long, y dynamic
 * JSON, d datetime, t timespan; "T!" a null); null results print as
 * "<null>". FN_TYPED prints "type:v1,v2,..." over all rows. Prints one line
 * per failed check, then "N passed, N failed".
 */
#include "fn_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T FN_SPEC /* T(want, "name", "T:text"...) checks the text of name(args) */
#define CALL FN_CALL_SPEC

/* Checks a real result numerically (relative 1e-12). */
static void near_at(int line, const char *got, double want)
{
    char *end;
    double g = strtod(got, &end);
    if (*got && !*end && fabs(g - want) <= 1e-12 * fmax(1.0, fabs(want)))
        npass++;
    else
        check_fail(__FILE__, line, "expected %.17g, got %s", want, got);
}
#define NEAR(want, ...) near_at(__LINE__, CALL(__VA_ARGS__), want)

static void test_convert(void)
{
    /* the documented examples */
    T("72", "convert_angle", "r:1.2", "s:Degree", "s:Arcminute");
    NEAR(0.00113738054437598, "convert_energy", "r:1.2", "s:Joule", "s:BritishThermalUnit");
    NEAR(0.12, "convert_force", "r:1.2", "s:Newton", "s:Decanewton");
    NEAR(3.93700787401575, "convert_length", "r:1.2", "s:Meter", "s:Foot");
    NEAR(2.64554714621853, "convert_mass", "r:1.2", "s:Kilogram", "s:Pound");
    NEAR(432000, "convert_speed", "r:1.2", "s:MeterPerSecond", "s:CentimeterPerHour");
    NEAR(-271.95, "convert_temperature", "r:1.2", "s:Kelvin", "s:DegreeCelsius");
    NEAR(0.0009728568, "convert_volume", "r:1.2", "s:CubicMeter", "s:AcreFoot");

    /* more units, both directions */
    NEAR(M_PI, "convert_angle", "r:180", "s:Degree", "s:Radian");
    NEAR(400, "convert_angle", "r:1", "s:Revolution", "s:Gradian");
    NEAR(1, "convert_angle", "r:90", "s:Degree", "s:Tilt");
    NEAR(30, "convert_angle", "r:0.5", "s:Tilt", "s:Degree");
    NEAR(1e3, "convert_angle", "r:1", "s:Radian", "s:Milliradian");
    NEAR(3.6, "convert_energy", "r:1", "s:KilowattHour", "s:Megajoule");
    NEAR(4184, "convert_energy", "r:1", "s:Kilocalorie", "s:Joule");
    NEAR(24, "convert_energy", "r:1", "s:WattDay", "s:WattHour");
    NEAR(1e3, "convert_force", "r:1", "s:KilopoundForce", "s:PoundForce");
    NEAR(9.80665002864, "convert_force", "r:1", "s:KiloPond", "s:Newton");
    NEAR(1e5, "convert_force", "r:1", "s:Newton", "s:Dyn");
    NEAR(1760, "convert_length", "r:1", "s:Mile", "s:Yard");
    NEAR(1, "convert_length", "r:12", "s:Inch", "s:Foot");
    NEAR(1e10, "convert_length", "r:1", "s:Meter", "s:Angstrom");
    NEAR(1e3, "convert_length", "r:1", "s:KilolightYear", "s:LightYear");
    NEAR(1200.0 / 3937.0, "convert_length", "r:1", "s:UsSurveyFoot", "s:Meter");
    NEAR(16, "convert_mass", "r:1", "s:Pound", "s:Ounce");
    NEAR(2000, "convert_mass", "r:1", "s:ShortTon", "s:Pound");
    NEAR(1e-3 / 453592.37, "convert_mass", "r:1", "s:Gram", "s:Megapound");
    NEAR(10, "convert_speed", "r:36", "s:KilometerPerHour", "s:MeterPerSecond");
    NEAR(0.44704 / 0.3048, "convert_speed", "r:1", "s:MilePerHour", "s:FootPerSecond");
    NEAR(212, "convert_temperature", "r:100", "s:DegreeCelsius", "s:DegreeFahrenheit");
    NEAR(273.15, "convert_temperature", "r:32", "s:DegreeFahrenheit", "s:Kelvin");
    NEAR(491.67, "convert_temperature", "r:0", "s:DegreeCelsius", "s:DegreeRankine");
    NEAR(150, "convert_temperature", "r:0", "s:DegreeCelsius", "s:DegreeDelisle");
    NEAR(7.5, "convert_temperature", "r:0", "s:DegreeCelsius", "s:DegreeRoemer");
    NEAR(80, "convert_temperature", "r:100", "s:DegreeCelsius", "s:DegreeReaumur");
    NEAR(33, "convert_temperature", "r:100", "s:DegreeCelsius", "s:DegreeNewton");
    NEAR(1e3, "convert_volume", "r:1", "s:Liter", "s:Milliliter");
    NEAR(1, "convert_volume", "r:2", "s:UsPint", "s:UsQuart");
    NEAR(10, "convert_volume", "r:1", "s:DecausGallon", "s:UsGallon");

    /* unit names ignore case; unknown units and null values give null */
    NEAR(1e7, "convert_energy", "r:1", "s:joule", "s:ERG");
    T("<null>", "convert_length", "r:1", "s:Meter", "s:Furlong");
    T("<null>", "convert_length", "r:1", "s:", "s:Meter");
    T("<null>", "convert_length", "r!", "s:Meter", "s:Foot");
    T("<null>", "convert_mass", "r:1", "s:Meter", "s:Foot"); /* units of another quantity */
    T("<null>", "convert_temperature", "r:1", "s:Kelvin", "s!");
    /* the value is a real: a long is cast, a string refused */
    T("<cast 0 needed>", "convert_length", "l:1", "s:Meter", "s:Foot");
    CHECK(strncmp(CALL("convert_length", "s:1", "s:Meter", "s:Foot"), "<type error", 11) == 0);
    CHECK(strncmp(CALL("convert_length", "r:1", "l:1", "s:Foot"), "<type error", 11) == 0);
    FN_TEXT("100", "convert_length", L(1), S("Meter"), S("Centimeter"));

    /* per-row unit names (not constant) and a null row */
    hvec v = col3(HT_LONG, 1, 2, INT64_MIN);
    hvec from;
    vec_alloc(&A, &from, HT_STRING, 3);
    from.s[0] = (hstr){"Kilometer", 9};
    from.s[1] = (hstr){"Nope", 4};
    from.s[2] = (hstr){"Meter", 5};
    FN_TYPED("real:1000,null,null", "convert_length", v, from, K(S("Meter")));
    hvec to = from;
    FN_TYPED("real:1,null,null", "convert_length", K(R(1000)), K(S("Meter")), to);
}

static void test_punycode(void)
{
    T("acadmie-franaise-npb1a", "punycode_from_string", "s:académie-française");
    T("cqv902d", "punycode_from_string", "s:艺术");
    T("académie-française", "punycode_to_string", "s:acadmie-franaise-npb1a");
    /* RFC 3492 section 7.1 samples */
    T("ihqwcrb4cv8a8dqg056pqjye", "punycode_from_string", "s:他们为什么不说中文");
    T("3B-ww4c5e180e575a65lsy2b", "punycode_from_string", "s:3年B組金八先生");
    T("-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n", "punycode_from_string",
      "s:安室奈美恵-with-SUPER-MONKEYS");
    T("MajiKoi5-783gue6qz075azm5e", "punycode_from_string", "s:MajiでKoiする5秒前");
    T("d9juau41awczczp", "punycode_from_string", "s:そのスピードで");
    T("-> $1.00 <--", "punycode_from_string", "s:-> $1.00 <-");
    T("他们为什么不说中文", "punycode_to_string", "s:ihqwcrb4cv8a8dqg056pqjye");
    T("3年B組金八先生", "punycode_to_string", "s:3B-ww4c5e180e575a65lsy2b");
    T("MajiでKoiする5秒前", "punycode_to_string", "s:MajiKoi5-783gue6qz075azm5e");
    T("そのスピードで", "punycode_to_string", "s:D9JUAU41AWCZCZP"); /* digits ignore case */
    T("-> $1.00 <-", "punycode_to_string", "s:-> $1.00 <--");
    /* ASCII only, empty, invalid */
    T("abc-", "punycode_from_string", "s:abc");
    T("abc", "punycode_to_string", "s:abc-");
    T("", "punycode_from_string", "s:");
    T("", "punycode_to_string", "s:");
    T("", "punycode_from_string", "s!");
    T("", "punycode_to_string", "s:bcher-kv!");
    T("", "punycode_to_string", "s:bcher-k");            /* truncated digit run */
    T("", "punycode_to_string", "s:zzzzzzzzzzzzzzzzzz"); /* overflow */
    T("", "punycode_to_string", "s:é-kva");              /* non-ASCII basic part */
    T("", "punycode_from_string", "s:\xff\xfe");         /* invalid UTF-8 */
    T("", "punycode_from_string", "s:\xed\xa0\x80");     /* surrogate */

    /* domains */
    T("xn--Ge-mia.Bulg.edu", "punycode_domain_to_string", "s:Gáe.Bulg.edu");
    T("Gáe.Bulg.edu", "punycode_domain_from_string", "s:xn--Ge-mia.Bulg.edu");
    T("Lúin.Celtchair.org", "punycode_domain_from_string", "s:xn--Lin-8na.Celtchair.org");
    T("Rúyì.Jīngū.Bàng.com", "punycode_domain_from_string",
      "s:xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com");
    T("xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com", "punycode_domain_to_string",
      "s:Lê Lợi。Thuận Thiên。com");
    T("xn--Riill-jta.xn--Skldskaparml-dbbj.org", "punycode_domain_to_string",
      "s:Riðill｡Skáldskaparmál｡org");
    T("Kaledvoulc'h.xn--Artorjos-ejb.edu", "punycode_domain_to_string",
      "s:Kaledvoulc'h.Artorījos.edu");
    T("xn--mnchen-3ya.de", "punycode_domain_to_string", "s:münchen．de"); /* U+FF0E */
    T("a..b.", "punycode_domain_to_string", "s:a..b.");
    T("a..b.", "punycode_domain_from_string", "s:a..b.");
    T("münchen.de", "punycode_domain_from_string", "s:XN--mnchen-3ya.de");
    T("", "punycode_domain_from_string", "s:xn--!!.de");
    T("", "punycode_domain_to_string", "s:ok.\xff.de");
    T("", "punycode_domain_to_string", "s:");
    T("", "punycode_domain_from_string", "s!");
    CHECK(strncmp(CALL("punycode_from_string", "l:1"), "<type error", 11) == 0);
}

static void test_parse_version(void)
{
    T("5", "parse_version", "s:0.0.0.5");
    T("700000000", "parse_version", "s:0.0.7.0");
    T("300000000", "parse_version", "s:0.0.3");
    NEAR(2e16, "parse_version", "s:0.2");
    NEAR(1.00000002e16, "parse_version", "s:0.1.2.0");
    NEAR(1e24, "parse_version", "s:1");
    NEAR(1e24, "parse_version", "s:1.0.0.0");
    NEAR(99999999e24, "parse_version", "s:99999999");
    T("<null>", "parse_version", "s:");
    T("<null>", "parse_version", "s!");
    T("<null>", "parse_version", "s:1.2.3.4.5");
    T("<null>", "parse_version", "s:123456789");
    T("<null>", "parse_version", "s:1..2");
    T("<null>", "parse_version", "s:1.2.");
    T("<null>", "parse_version", "s:.1");
    T("<null>", "parse_version", "s:v1.2");
    T("<null>", "parse_version", "s:-1");
    T("<null>", "parse_version", "s:1.2 beta");
}

static void test_cidr(void)
{
    T("[\"1.1.128.0/21\",\"1.1.136.0/22\",\"1.1.140.0/24\"]", "ipv4_range_to_cidr_list",
      "s:1.1.128.0", "s:1.1.140.255");
    T("[\"10.0.0.1/32\"]", "ipv4_range_to_cidr_list", "s:10.0.0.1", "s:10.0.0.1");
    T("[\"0.0.0.0/0\"]", "ipv4_range_to_cidr_list", "s:0.0.0.0", "s:255.255.255.255");
    T("[\"255.255.255.255/32\"]", "ipv4_range_to_cidr_list", "s:255.255.255.255",
      "s:255.255.255.255");
    T("[\"10.0.0.1/32\",\"10.0.0.2/31\",\"10.0.0.4/31\",\"10.0.0.6/32\"]",
      "ipv4_range_to_cidr_list", "s:10.0.0.1", "s:10.0.0.6");
    T("[\"0.0.0.1/32\",\"0.0.0.2/31\",\"0.0.0.4/30\",\"0.0.0.8/29\",\"0.0.0.16/28\","
      "\"0.0.0.32/27\",\"0.0.0.64/26\",\"0.0.0.128/25\",\"0.0.1.0/24\",\"0.0.2.0/23\","
      "\"0.0.4.0/22\",\"0.0.8.0/21\",\"0.0.16.0/20\",\"0.0.32.0/19\",\"0.0.64.0/18\","
      "\"0.0.128.0/17\",\"0.1.0.0/16\",\"0.2.0.0/15\",\"0.4.0.0/14\",\"0.8.0.0/13\","
      "\"0.16.0.0/12\",\"0.32.0.0/11\",\"0.64.0.0/10\",\"0.128.0.0/9\",\"1.0.0.0/8\","
      "\"2.0.0.0/7\",\"4.0.0.0/6\",\"8.0.0.0/5\",\"16.0.0.0/4\",\"32.0.0.0/3\",\"64.0.0.0/2\","
      "\"128.0.0.0/2\",\"192.0.0.0/3\",\"224.0.0.0/4\",\"240.0.0.0/5\",\"248.0.0.0/6\","
      "\"252.0.0.0/7\",\"254.0.0.0/8\",\"255.0.0.0/9\",\"255.128.0.0/10\",\"255.192.0.0/11\","
      "\"255.224.0.0/12\",\"255.240.0.0/13\",\"255.248.0.0/14\",\"255.252.0.0/15\","
      "\"255.254.0.0/16\",\"255.255.0.0/17\",\"255.255.128.0/18\",\"255.255.192.0/19\","
      "\"255.255.224.0/20\",\"255.255.240.0/21\",\"255.255.248.0/22\",\"255.255.252.0/23\","
      "\"255.255.254.0/24\",\"255.255.255.0/25\",\"255.255.255.128/26\","
      "\"255.255.255.192/27\",\"255.255.255.224/28\",\"255.255.255.240/29\","
      "\"255.255.255.248/30\",\"255.255.255.252/31\",\"255.255.255.254/32\"]",
      "ipv4_range_to_cidr_list", "s:0.0.0.1", "s:255.255.255.254");
    T("<null>", "ipv4_range_to_cidr_list", "s:10.0.0.5", "s:10.0.0.4");
    T("<null>", "ipv4_range_to_cidr_list", "s:10.0.0.256", "s:10.0.0.4");
    T("<null>", "ipv4_range_to_cidr_list", "s:", "s:10.0.0.4");
    T("<null>", "ipv4_range_to_cidr_list", "s:10.0.0.1", "s!");
    T("<null>", "ipv4_range_to_cidr_list", "s:::1", "s:::2");
}

static void test_has_any_index(void)
{
    T("0", "has_any_index", "s:this is an example", "y:[\"this\",\"example\"]");
    T("1", "has_any_index", "s:this is an example", "y:[\"not\",\"example\"]");
    T("-1", "has_any_index", "s:this is an example", "y:[\"not\",\"found\"]");
    T("1", "has_any_index", "s:Example number 2", "y:[1,2,3]");
    T("-1", "has_any_index", "s:this is an example", "y:[]");
    T("1", "has_any_index", "s:THIS is", "y:[\"th\",\"this\"]"); /* whole terms, any case */
    T("2", "has_any_index", "s:a 1.5 b", "y:[null,true,1.5]");
    T("-1", "has_any_index", "s:", "y:[\"x\"]");
    T("-1", "has_any_index", "s:x", "y!");
    T("0", "has_any_index", "s:one two", "y:two");   /* a lone value is a list of one */
    FN_TEXT("0", "has_any_index", S("a b"), S("b")); /* a string is cast to dynamic */
    /* per-row lists */
    hvec lists;
    vec_alloc(&A, &lists, HT_DYNAMIC, 3);
    lists.s[0] = v_dyn("[\"q\",\"x\"]").s[0];
    lists.s[1] = v_dyn("[\"z\"]").s[0];
    lists.s[2] = v_dyn("[]").s[0];
    vec_set_null(&A, &lists, 2);
    FN_TYPED("long:1,-1,-1", "has_any_index", K(S("x y")), lists);
}

static void test_around(void)
{
    T("true", "around", "l:1", "l:2", "l:1");
    T("false", "around", "l:0", "l:2", "l:1");
    T("false", "around", "l:10", "l:20", "l:-5");
    T("true", "around", "d:2021-01-01 01:29", "d:2021-01-01 01:30", "t:1m");
    T("false", "around", "d:2021-01-01 01:28", "d:2021-01-01 01:30", "t:1m");
    T("true", "around", "t:1d", "t:2d", "t:1d");
    T("<null>", "around", "l!", "l:2", "l:1");
    T("<null>", "around", "d:2021-01-01", "d!", "t:1m");
    T("<null>", "around", "t:1d", "t:1d", "t!");
    /* mixed numbers go to real */
    T("<cast 0 needed>", "around", "l:1", "r:1.5", "r:0.5");
    FN_TEXT("true", "around", L(1), R(1.5), R(0.5));
    FN_TEXT("false", "around", R(1.5), L(2), R(0.4));
    FN_TEXT("true", "around", I(3), L(2), I(1));
    /* extreme values do not overflow */
    FN_TEXT("true", "around", L(INT64_MAX), L(INT64_MAX), L(INT64_MAX));
    FN_TEXT("false", "around", L(INT64_MIN), L(INT64_MAX), L(INT64_MAX));
    /* kinds must agree */
    CHECK(strncmp(CALL("around", "d:2021-01-01", "l:1", "l:1"), "<type error", 11) == 0);
    CHECK(strncmp(CALL("around", "d:2021-01-01", "d:2021-01-01", "l:1"), "<type error", 11) == 0);
    CHECK(strncmp(CALL("around", "s:a", "s:b", "l:1"), "<type error", 11) == 0);
    CHECK(strncmp(CALL("around", "t:1d", "l:1", "t:1d"), "<type error", 11) == 0);
    /* a column */
    FN_TYPED("bool:true,false,null", "around", col3(HT_LONG, 5, 9, INT64_MIN), K(L(6)), K(L(1)));
}

/* Pseudo-random bytes through every string function: no crash, and the
 * string results are valid lengths. */
static void test_no_crash(void)
{
    static const char *const fns[] = {
        "punycode_from_string",        "punycode_to_string", "punycode_domain_to_string",
        "punycode_domain_from_string", "parse_version",
    };
    static const char alphabet[] = "abcxyzXN-09.。\xc3\xa9\xe2\x82\xac\xff\x80 ";
    uint64_t seed = 88172645463325252ull;
    int ran = 0;
    for (int round = 0; round < 3000; round++) {
        char buf[48];
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        size_t n = seed % (sizeof buf);
        for (size_t k = 0; k < n; k++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            buf[k] = (seed & 1) ? alphabet[seed % (sizeof alphabet - 1)] : (char)(seed >> 8);
        }
        hvec s;
        vec_const(&A, &s, HT_STRING, 1);
        s.s[0] = (hstr){arena_strndup(&A, buf, n), (uint32_t)n};
        for (size_t f = 0; f < sizeof fns / sizeof fns[0]; f++) {
            fh_result r = fh_run(fns[f], 1, &s, true);
            ran += r.status == FH_OK;
        }
        hvec two[2] = {s, s};
        ran += fh_run("ipv4_range_to_cidr_list", 2, two, true).status == FH_OK;
        hvec hx[2] = {s, K(v_dyn("[\"a\",\"x\"]"))};
        ran += fh_run("has_any_index", 2, hx, true).status == FH_OK;
        /* round trip: decode(encode(x)) == x for valid UTF-8 */
        fh_result e = fh_run("punycode_from_string", 1, &s, true);
        if (e.status == FH_OK && e.out.s[0].n) {
            hvec enc = K(e.out);
            fh_result d = fh_run("punycode_to_string", 1, &enc, true);
            CHECK_MSG(d.status == FH_OK && d.out.s[0].n == n && memcmp(d.out.s[0].p, buf, n) == 0,
                      "punycode round trip of %zu bytes", n);
        }
        if (round % 500 == 0)
            arena_reset(&A);
    }
    CHECK_I(3000 * 7, ran);
}

int main(void)
{
    arena_init(&A);
    test_convert();
    test_punycode();
    test_parse_version();
    test_cidr();
    test_has_any_index();
    test_around();
    test_no_crash();
    arena_free(&A);
    return check_summary();
}
