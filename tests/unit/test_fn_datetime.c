/* tests/unit/test_fn_datetime.c — unit tests of the datetime functions
 * (engine/fn_datetime.c).
 *
 * Each check (FN_TYPED of fn_harness.h) binds a call through
 * fn_lookup(...)->type with the argument types, performs the casts the type
 * check asks for (as the engine would), runs the kernel and compares the
 * result, written as "type:value"
 * ("datetime:2017-01-01T00:00:00Z", "int:2017", "string:17-01-29",
 * "datetime:null"), with the expected text; "error" stands for a refused
 * call. Expected values come from the KQL reference examples where there
 * are some. now() is pinned to 2020-02-02T20:02:20Z (fh_now).
 */
#include "fn_harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 2020-02-02T20:02:20Z */
#define NOW_TICKS 15806737400000000LL

#define T FN_TYPED /* T(want, "name", args...) checks "type:value" of name(args) */
#define T0 FN_TYPED0

/* --- tests -------------------------------------------------------------------- */

static void test_now_ago(void)
{
    T0("datetime:2020-02-02T20:02:20Z", "now");
    T("datetime:2020-02-02T21:02:20Z", "now", TS("1h"));
    T("datetime:2020-02-01T20:02:20Z", "ago", TS("1d"));
    T("datetime:2020-02-02T20:02:20Z", "ago", TS("0s"));
    T("datetime:null", "ago", NUL(HT_TIMESPAN));
    T("error", "ago", L(1));
}

static void test_startof_endof(void)
{
    const char *d = "2017-01-01 10:10:17";
    T("datetime:2016-12-31T00:00:00Z", "startofday", DT(d), L(-1));
    T("datetime:2017-01-01T00:00:00Z", "startofday", DT(d));
    T("datetime:2017-01-02T00:00:00Z", "startofday", DT(d), I(1));
    T("datetime:2016-12-25T00:00:00Z", "startofweek", DT(d), L(-1));
    T("datetime:2017-01-01T00:00:00Z", "startofweek", DT(d), L(0));
    T("datetime:2017-01-08T00:00:00Z", "startofweek", DT(d), L(1));
    T("datetime:2025-06-15T00:00:00Z", "startofweek", DT("2025-06-17"));
    T("datetime:2016-12-01T00:00:00Z", "startofmonth", DT(d), L(-1));
    T("datetime:2017-02-01T00:00:00Z", "startofmonth", DT(d), L(1));
    T("datetime:2016-01-01T00:00:00Z", "startofyear", DT(d), L(-1));
    T("datetime:2018-01-01T00:00:00Z", "startofyear", DT(d), L(1));
    T("datetime:2016-12-31T23:59:59.9999999Z", "endofday", DT(d), L(-1));
    T("datetime:2017-01-02T23:59:59.9999999Z", "endofday", DT(d), L(1));
    T("datetime:2016-12-31T23:59:59.9999999Z", "endofweek", DT(d), L(-1));
    T("datetime:2017-01-07T23:59:59.9999999Z", "endofweek", DT(d));
    T("datetime:2017-01-14T23:59:59.9999999Z", "endofweek", DT(d), L(1));
    T("datetime:2016-12-31T23:59:59.9999999Z", "endofmonth", DT(d), L(-1));
    T("datetime:2017-01-31T23:59:59.9999999Z", "endofmonth", DT(d));
    T("datetime:2017-02-28T23:59:59.9999999Z", "endofmonth", DT(d), L(1));
    T("datetime:2016-02-29T23:59:59.9999999Z", "endofmonth", DT("2016-02-10"));
    T("datetime:2017-12-31T23:59:59.9999999Z", "endofyear", DT(d));
    T("datetime:9999-12-31T23:59:59.9999999Z", "endofyear", DT("9999-03-01"));
    T("datetime:null", "startofyear", DT("9999-03-01"), L(1));
    T("datetime:null", "startofday", DT(d), L(9000000000000LL));
    T("datetime:null", "startofday", NUL(HT_DATETIME));
    T("datetime:null", "endofweek", DT(d), NUL(HT_LONG));
    T("datetime:1969-12-28T00:00:00Z", "startofweek", DT("1970-01-01 05:00"));
    T("datetime:1969-12-31T00:00:00Z", "startofday", DT("1969-12-31 23:00"));
    T("error", "startofday", S("2017-01-01"));
}

static void test_parts(void)
{
    T("int:2015", "getyear", DT("2015-10-12"));
    T("int:12", "monthofyear", DT("2015-12-14"));
    T("int:12", "getmonth", DT("2015-12-14"));
    T("int:18", "hourofday", DT("2015-12-14 18:54"));
    T("int:14", "dayofmonth", DT("2015-12-14"));
    T("int:365", "dayofyear", DT("2015-12-31"));
    T("int:366", "dayofyear", DT("2016-12-31"));
    T("timespan:00:00:00", "dayofweek", DT("1947-11-30 10:00:05"));
    T("timespan:1.00:00:00", "dayofweek", DT("1970-05-11"));
    T("timespan:2.00:00:00", "dayofweek", DT("1970-05-12"));
    T("timespan:6.00:00:00", "dayofweek", DT("1969-12-27"));
    T("int:53", "week_of_year", DT("2020-12-31"));
    T("int:25", "week_of_year", DT("2020-06-15"));
    T("int:1", "week_of_year", DT("1970-01-01"));
    T("int:52", "week_of_year", DT("2000-01-01"));
    T("int:1", "week_of_year", DT("2019-12-30"));
    T("int:null", "getyear", NUL(HT_DATETIME));
    const char *dt = "2017-10-30 01:02:03.7654321";
    T("int:2017", "datetime_part", S("year"), DT(dt));
    T("int:4", "datetime_part", S("quarter"), DT(dt));
    T("int:10", "datetime_part", S("month"), DT(dt));
    T("int:44", "datetime_part", S("week_of_year"), DT(dt));
    T("int:30", "datetime_part", S("day"), DT(dt));
    T("int:303", "datetime_part", S("dayOfYear"), DT(dt));
    T("int:1", "datetime_part", S("hour"), DT(dt));
    T("int:2", "datetime_part", S("minute"), DT(dt));
    T("int:3", "datetime_part", S("second"), DT(dt));
    T("int:765", "datetime_part", S("millisecond"), DT(dt));
    T("int:765432", "datetime_part", S("microsecond"), DT(dt));
    T("int:765432100", "datetime_part", S("Nanosecond"), DT(dt));
    T("error", "datetime_part", K(S("fortnight")), DT(dt));
    T("int:null", "datetime_part", S("fortnight"), DT(dt));
    T("int:null", "datetime_part", S("year"), NUL(HT_DATETIME));
}

static void test_add_diff(void)
{
    const char *d = "2017-01-01";
    T("datetime:2018-01-01T00:00:00Z", "datetime_add", S("year"), L(1), DT(d));
    T("datetime:2017-04-01T00:00:00Z", "datetime_add", S("quarter"), L(1), DT(d));
    T("datetime:2017-02-01T00:00:00Z", "datetime_add", S("month"), L(1), DT(d));
    T("datetime:2017-01-08T00:00:00Z", "datetime_add", S("week"), L(1), DT(d));
    T("datetime:2017-01-02T00:00:00Z", "datetime_add", S("day"), L(1), DT(d));
    T("datetime:2017-01-01T01:00:00Z", "datetime_add", S("hour"), L(1), DT(d));
    T("datetime:2017-01-01T00:01:00Z", "datetime_add", S("minute"), L(1), DT(d));
    T("datetime:2017-01-01T00:00:01Z", "datetime_add", S("second"), I(1), DT(d));
    T("datetime:2012-01-01T00:00:00Z", "datetime_add", S("year"), L(-5), DT(d));
    T("datetime:2020-01-01T00:00:00Z", "datetime_add", S("quarter"), L(12), DT(d));
    T("datetime:2015-10-01T00:00:00Z", "datetime_add", S("month"), L(-15), DT(d));
    T("datetime:2018-12-02T00:00:00Z", "datetime_add", S("week"), L(100), DT(d));
    T("datetime:2017-02-28T00:00:00Z", "datetime_add", S("Month"), L(1), DT("2017-01-31"));
    T("datetime:2017-02-28T00:00:00Z", "datetime_add", S("year"), L(1), DT("2016-02-29"));
    T("datetime:2017-01-01T00:00:00.0000005Z", "datetime_add", S("nanosecond"), L(500), DT(d));
    T("datetime:2017-01-01T00:00:00.0010000Z", "datetime_add", S("millisecond"), L(1), DT(d));
    T("datetime:null", "datetime_add", S("year"), L(9000), DT(d));
    T("datetime:null", "datetime_add", S("day"), L(INT64_MAX), DT(d));
    T("datetime:null", "datetime_add", S("bogus"), L(1), DT(d));
    T("error", "datetime_add", K(S("bogus")), L(1), DT(d));
    T("long:17", "datetime_diff", S("year"), DT("2017-01-01"), DT("2000-12-31"));
    T("long:2", "datetime_diff", S("quarter"), DT("2017-07-01"), DT("2017-03-30"));
    T("long:13", "datetime_diff", S("month"), DT("2017-01-01"), DT("2015-12-30"));
    T("long:5", "datetime_diff", S("week"), DT("2017-10-29 00:00"), DT("2017-09-30 23:59"));
    T("long:29", "datetime_diff", S("day"), DT("2017-10-29 00:00"), DT("2017-09-30 23:59"));
    T("long:2", "datetime_diff", S("hour"), DT("2017-10-31 01:00"), DT("2017-10-30 23:59"));
    T("long:5", "datetime_diff", S("minute"), DT("2017-10-30 23:05:01"), DT("2017-10-30 23:00:59"));
    T("long:10", "datetime_diff", S("second"), DT("2017-10-30 23:00:10.100"),
      DT("2017-10-30 23:00:00.900"));
    T("long:100", "datetime_diff", S("millisecond"), DT("2017-10-30 23:00:00.200100"),
      DT("2017-10-30 23:00:00.100900"));
    T("long:100", "datetime_diff", S("microsecond"), DT("2017-10-30 23:00:00.1009001"),
      DT("2017-10-30 23:00:00.1008009"));
    T("long:-700", "datetime_diff", S("nanosecond"), DT("2017-10-30 23:00:00.0000000"),
      DT("2017-10-30 23:00:00.0000007"));
    T("long:-17", "datetime_diff", S("YEAR"), DT("2000-12-31"), DT("2017-01-01"));
    T("long:null", "datetime_diff", S("day"), NUL(HT_DATETIME), DT(d));
    T("long:null", "datetime_diff", S("nanosecond"), DT("9999-01-01"), DT("0001-01-01"));
}

static void test_make(void)
{
    T("datetime:2017-10-01T00:00:00Z", "make_datetime", L(2017), L(10), L(1));
    T("datetime:2017-10-01T12:10:00Z", "make_datetime", L(2017), L(10), L(1), L(12), L(10));
    T("datetime:2017-10-01T12:11:00.1234567Z", "make_datetime", L(2017), L(10), L(1), L(12), L(11),
      R(0.1234567));
    T("datetime:2017-10-01T12:11:07Z", "make_datetime", I(2017), I(10), I(1), I(12), I(11), L(7));
    T("datetime:null", "make_datetime", L(2017), L(2), L(29));
    T("datetime:2016-02-29T00:00:00Z", "make_datetime", L(2016), L(2), L(29));
    T("datetime:null", "make_datetime", L(2017), L(13), L(1));
    T("datetime:null", "make_datetime", L(10000), L(1), L(1));
    T("datetime:null", "make_datetime", L(2017), L(1), L(1), L(24), L(0));
    T("datetime:null", "make_datetime", L(2017), L(1), L(1), L(1), L(0), R(60));
    T("datetime:null", "make_datetime", NUL(HT_LONG), L(1), L(1));
    T("error", "make_datetime", L(2017), L(1), L(1), L(1));
    T("timespan:1.12:30:55.1230000", "make_timespan", L(1), L(12), L(30), R(55.123));
    T("timespan:12:30:00", "make_timespan", L(12), L(30));
    T("timespan:12:30:15", "make_timespan", L(12), L(30), L(15));
    T("timespan:null", "make_timespan", L(24), L(0));
    T("timespan:null", "make_timespan", L(1), NUL(HT_LONG));
}

static void test_unixtime(void)
{
    T("datetime:2019-01-01T00:00:00Z", "unixtime_seconds_todatetime", L(1546300800));
    T("datetime:2019-01-01T00:00:00Z", "unixtime_milliseconds_todatetime", L(1546300800000));
    T("datetime:2019-01-01T00:00:00Z", "unixtime_microseconds_todatetime", L(1546300800000000));
    T("datetime:2019-01-01T00:00:00Z", "unixtime_nanoseconds_todatetime", L(1546300800000000000));
    T("datetime:2019-01-01T00:00:00.5000000Z", "unixtime_seconds_todatetime", R(1546300800.5));
    T("datetime:1969-12-31T23:59:59Z", "unixtime_seconds_todatetime", I(-1));
    T("datetime:null", "unixtime_seconds_todatetime", L(INT64_MAX));
    T("datetime:null", "unixtime_seconds_todatetime", R(1e300));
    T("datetime:null", "unixtime_seconds_todatetime", R(NAN));
    T("datetime:null", "unixtime_milliseconds_todatetime", NUL(HT_LONG));
}

static void test_format(void)
{
    hvec dt = DT("2017-01-29 09:00:05");
    T("string:17-01-29 [09:00:05]", "format_datetime", dt, S("yy-MM-dd [HH:mm:ss]"));
    T("string:2017-1-29 [9:00:05]", "format_datetime", dt, S("yyyy-M-dd [H:mm:ss]"));
    T("string:17-01-29 [09:00:05 AM]", "format_datetime", dt, S("yy-MM-dd [hh:mm:ss tt]"));
    hvec f = DT("2009-06-15T13:45:30.6175425");
    T("string:6", "format_datetime", f, S("f"));
    T("string:617", "format_datetime", f, S("fff"));
    T("string:6175425", "format_datetime", f, S("fffffff"));
    T("string:1 01 PM 13", "format_datetime", f, S("h hh tt HH"));
    T("string:9 15", "format_datetime", f, S("y d"));
    T("string:000115", "format_datetime", DT("2009-06-15T13:45:30.0001150"), S("FFFFFFF"));
    T("string:", "format_datetime", DT("2009-06-15T13:45:30.05"), S("F"));
    T("string:30", "format_datetime", DT("2009-06-15T13:45:30"), S("ss.FFF"));
    T("string:1 01 0001", "format_datetime", DT("0001-01-01"), S("y yy yyyy"));
    T("string:0 00 0900", "format_datetime", DT("0900-01-01"), S("y yy yyyy"));
    T("string:Mon Monday Jun June", "format_datetime", f, S("ddd dddd MMM MMMM"));
    T("string:", "format_datetime", NUL(HT_DATETIME), S("yyyy"));
    T("string:", "format_datetime", dt, S(""));
    T("string:2017,01/29_x", "format_datetime", dt, S("yyyy,MM/dd_'x'"));
    hvec t = TS("29.09:00:05.12345");
    T("string:29.09:00:05:12", "format_timespan", t, S("dd.hh:mm:ss:FF"));
    T("string:029.9:00:05 [1234500]", "format_timespan", t, S("ddd.h:mm:ss [fffffff]"));
    T("string:15 15 015", "format_timespan", TS("15.13:45:30"), S("d dd ddd"));
    T("string:13 13 9 09", "format_timespan", TS("15.13:09:09"), S("H HH s ss"));
    T("string:", "format_timespan", NUL(HT_TIMESPAN), S("d"));
    T("error", "format_timespan", dt, S("d"));
    /* several rows, constant format */
    T("string:1970-01-01,,1970-01-02", "format_datetime",
      col3(HT_DATETIME, 0, INT64_MIN, HT_TICKS_PER_DAY), K(S("yyyy-MM-dd")));
}

static void test_timezones(void)
{
    hvec l = DT("2020-02-02 20:02:20");
    T("datetime:2020-02-02T19:02:20Z", "datetime_local_to_utc", l, S("Europe/Paris"));
    T("datetime:2020-02-03T02:02:20Z", "datetime_local_to_utc", l, S("America/Chicago"));
    T("datetime:2020-02-03T04:02:20Z", "datetime_local_to_utc", l, S("US/Pacific"));
    /* the spring-forward night in Brussels */
    const char *z = "Europe/Brussels";
    T("datetime:2022-03-27T00:00:00Z", "datetime_local_to_utc", DT("2022-03-27 01:00"), S(z));
    T("datetime:2022-03-27T00:00:00Z", "datetime_local_to_utc", DT("2022-03-27 02:00"), S(z));
    T("datetime:2022-03-27T01:00:00Z", "datetime_local_to_utc", DT("2022-03-27 03:00"), S(z));
    T("datetime:2022-03-27T02:00:00Z", "datetime_local_to_utc", DT("2022-03-27 04:00"), S(z));
    T("datetime:2022-03-27T01:00:00Z", "datetime_utc_to_local", DT("2022-03-27 00:00"), S(z));
    T("datetime:2022-03-27T03:00:00Z", "datetime_utc_to_local", DT("2022-03-27 01:00"), S(z));
    T("datetime:2022-03-27T04:00:00.1234567Z", "datetime_utc_to_local",
      DT("2022-03-27 02:00:00.1234567"), S(z));
    /* past the file's transitions the footer rule applies (CEST in July 2050) */
    T("datetime:2050-07-01T14:00:00Z", "datetime_utc_to_local", DT("2050-07-01 12:00"), S(z));
    T("datetime:2050-01-01T13:00:00Z", "datetime_utc_to_local", DT("2050-01-01 12:00"), S(z));
    T("datetime:2020-01-01T12:00:00Z", "datetime_utc_to_local", DT("2020-01-01 12:00"), S("UTC"));
    T("datetime:null", "datetime_utc_to_local", DT("2020-01-01"), S("Nowhere/City"));
    T("datetime:null", "datetime_utc_to_local", DT("2020-01-01"), S("../../etc/passwd"));
    T("datetime:null", "datetime_utc_to_local", DT("2020-01-01"), S(""));
    T("datetime:null", "datetime_utc_to_local", NUL(HT_DATETIME), S(z));
    T("datetime:2020-01-01T09:00:00Z,null,2020-01-01T09:00:00Z", "datetime_utc_to_local",
      col3(HT_DATETIME, 15778368000000000LL, INT64_MIN, 15778368000000000LL), K(S("Asia/Tokyo")));
}

int main(void)
{
    arena_init(&A);
    fh_now = NOW_TICKS;
    /* naming the table also makes the linker take the family object out of
     * libhunt.a instead of the registry's weak empty stand-in */
    if (!fn_datetime_defs[0].name) {
        printf("fn_datetime_defs is empty: the family object is not linked\n0 passed, 1 failed\n");
        return 1;
    }
    test_now_ago();
    test_startof_endof();
    test_parts();
    test_add_diff();
    test_make();
    test_unixtime();
    test_format();
    test_timezones();
    arena_free(&A);
    return check_summary();
}
