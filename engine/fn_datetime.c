/* engine/fn_datetime.c — the datetime and timespan scalar functions: now/ago,
 * start-of and end-of periods, calendar parts, datetime_add/diff/part,
 * make_datetime/make_timespan, unix-epoch conversions and the custom
 * format_datetime/format_timespan formatters.
 *
 * Datetimes are int64 ticks (100 ns) since 1970-01-01 (tables/types.h) and
 * all calendar work goes through the proleptic Gregorian helpers there
 * (ht_days_from_civil / ht_civil_from_days). Every datetime result is kept
 * within datetime(0001-01-01) .. datetime(9999-12-31 23:59:59.9999999);
 * anything outside, an invalid component (make_datetime(2017, 2, 30)), an
 * unknown period name or a null argument gives null. Weeks start on Sunday
 * (startofweek, dayofweek, datetime_diff('week')); week_of_year is ISO 8601.
 * Calendar-part results (getyear, datetime_part, ...) are int, as in KQL;
 * datetime_diff is long. Format strings follow the .NET custom format
 * specifiers that the KQL reference lists; other characters are copied.
 */
#include "fn.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- calendar helpers ------------------------------------------------------ */

#define DAY HT_TICKS_PER_DAY

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    return a - floor_div(a, b) * b;
}

static bool dt_in_range(int64_t t)
{
    return t >= HT_DATETIME_MIN && t <= HT_DATETIME_MAX;
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(int64_t y, unsigned m)
{
    static const unsigned dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* A datetime broken into calendar fields. */
typedef struct civil {
    int64_t y;
    unsigned m, d;
    int64_t days; /* days since 1970-01-01 */
    int64_t tod;  /* ticks since midnight */
} civil;

static civil to_civil(int64_t t)
{
    civil c;
    c.days = floor_div(t, DAY);
    c.tod = t - c.days * DAY;
    ht_civil_from_days(c.days, &c.y, &c.m, &c.d);
    return c;
}

/* Day of week, Sunday = 0 (1970-01-01 was a Thursday). */
static int64_t weekday(int64_t days)
{
    return floor_mod(days + 4, 7);
}

static int64_t day_of_year(const civil *c)
{
    return c->days - ht_days_from_civil(c->y, 1, 1) + 1;
}

static int64_t iso_weeks_in_year(int64_t y)
{
    int64_t jan1 = weekday(ht_days_from_civil(y, 1, 1));
    return jan1 == 4 || (jan1 == 3 && is_leap(y)) ? 53 : 52;
}

/* ISO 8601 week number: week 1 holds the year's first Thursday. */
static int64_t iso_week(const civil *c)
{
    int64_t wd = weekday(c->days);
    if (wd == 0)
        wd = 7;
    int64_t w = (day_of_year(c) - wd + 10) / 7;
    if (w < 1)
        return iso_weeks_in_year(c->y - 1);
    if (w > iso_weeks_in_year(c->y))
        return 1;
    return w;
}

/* Ticks of y-m-d (month may be any value, normalized into years) + tod,
 * with the day clamped to the month's length; false when out of range. */
static bool from_months(int64_t y, int64_t m0, unsigned d, int64_t tod, int64_t *t)
{
    int64_t total;
    if (__builtin_mul_overflow(y, 12, &total) || __builtin_add_overflow(total, m0, &total))
        return false;
    int64_t ny = floor_div(total, 12);
    unsigned nm = (unsigned)floor_mod(total, 12) + 1;
    if (ny < 1 || ny > 9999)
        return false;
    unsigned dim = days_in_month(ny, nm);
    *t = ht_days_from_civil(ny, nm, d > dim ? dim : d) * DAY + tod;
    return dt_in_range(*t);
}

/* --- shared kernel helpers ---------------------------------------------------- */

static bool any_null(int argc, const hvec *const *argv, uint32_t i)
{
    for (int a = 0; a < argc; a++)
        if (vec_is_null(argv[a], i))
            return true;
    return false;
}

static void out_null(fn_ctx *ctx, hvec *out, uint32_t i)
{
    vec_set_null(ctx->arena, out, i);
    out->i[i] = 0;
}

static bool ieq(hstr s, const char *lit)
{
    size_t n = strlen(lit);
    if (s.n != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s.p[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return true;
}

/* Looks s up (case-insensitively) in a NULL-ended list; -1 when absent. */
static int name_index(hstr s, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (ieq(s, names[i]))
            return i;
    return -1;
}

/* Checks a constant period/part (argument 0) against its list at bind time. */
static bool const_name_ok(fn_sig *sig, const char *fname, const char *what,
                          const char *const *names)
{
    hstr s;
    if (fn_const_str(sig, 0, &s) && name_index(s, names) < 0) {
        fn_type_error(sig, "%s(): unknown %s '%.*s'", fname, what, (int)(s.n > 64 ? 64 : s.n), s.p);
        return false;
    }
    return true;
}

/* --- now, ago --------------------------------------------------------------- */

static htype t_now(fn_sig *sig)
{
    if (sig->argc > 0 && !fn_want(sig, "now", 0, 't'))
        return HT_UNKNOWN;
    return HT_DATETIME;
}

static htype t_ago(fn_sig *sig)
{
    return fn_want(sig, "ago", 0, 't') ? HT_DATETIME : HT_UNKNOWN;
}

static int run_shift_now(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, int sign)
{
    vec_alloc(ctx->arena, out, HT_DATETIME, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int64_t off = argc > 0 && !vec_is_null(argv[0], i) ? vec_i(argv[0], i) : 0, r;
        if ((argc > 0 && vec_is_null(argv[0], i)) ||
            (sign > 0 ? __builtin_add_overflow(ctx->now, off, &r)
                      : __builtin_sub_overflow(ctx->now, off, &r)) ||
            !dt_in_range(r))
            out_null(ctx, out, i);
        else
            out->i[i] = r;
    }
    return 0;
}

static int k_now(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_shift_now(ctx, argc, argv, out, 1);
}
static int k_ago(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_shift_now(ctx, argc, argv, out, -1);
}

/* --- startof / endof ---------------------------------------------------------- */

enum { P_DAY, P_WEEK, P_MONTH, P_YEAR };

/* Start of the period holding t, moved by off periods; no range check. */
static bool start_of(int p, int64_t t, int64_t off, int64_t *r)
{
    civil c = to_civil(t);
    int64_t d;
    switch (p) {
    case P_DAY:
        if (off > 4000000 || off < -4000000)
            return false;
        *r = (c.days + off) * DAY;
        return true;
    case P_WEEK:
        if (off > 600000 || off < -600000)
            return false;
        d = c.days - weekday(c.days) + off * 7;
        *r = d * DAY;
        return true;
    case P_MONTH:
        if (off > 200000 || off < -200000)
            return false;
        return from_months(c.y, (int64_t)c.m - 1 + off, 1, 0, r);
    default:
        if (off > 20000 || off < -20000)
            return false;
        return from_months(c.y + off, 0, 1, 0, r);
    }
}

static bool end_of(int p, int64_t t, int64_t off, int64_t *r)
{
    /* the end is one tick before the next start; the next start may be one
     * period past datetime max (year 10000), so compute it unchecked */
    if (off > 4000000 || off < -4000000)
        return false;
    civil c = to_civil(t);
    if (p == P_YEAR || p == P_MONTH) {
        int64_t months = p == P_YEAR ? (c.y + off + 1) * 12 : c.y * 12 + c.m + off;
        int64_t ny = floor_div(months, 12);
        unsigned nm = (unsigned)floor_mod(months, 12) + 1;
        if (ny < 1 || ny > 10000)
            return false;
        *r = ht_days_from_civil(ny, nm, 1) * DAY - 1;
        return true;
    }
    if (!start_of(p, t, off + 1, r))
        return false;
    *r -= 1;
    return true;
}

static htype t_period(fn_sig *sig)
{
    if (!fn_want(sig, sig->name, 0, 'd'))
        return HT_UNKNOWN;
    if (sig->argc > 1 && !fn_want(sig, sig->name, 1, 'l'))
        return HT_UNKNOWN;
    return HT_DATETIME;
}

static int run_period(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, int p, bool end)
{
    vec_alloc(ctx->arena, out, HT_DATETIME, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int64_t r;
        if (any_null(argc, argv, i)) {
            out_null(ctx, out, i);
            continue;
        }
        int64_t off = argc > 1 ? vec_i(argv[1], i) : 0;
        bool ok =
            end ? end_of(p, vec_i(argv[0], i), off, &r) : start_of(p, vec_i(argv[0], i), off, &r);
        if (ok && dt_in_range(r))
            out->i[i] = r;
        else
            out_null(ctx, out, i);
    }
    return 0;
}

#define PERIODFN(NAME, P, END)                                                                     \
    static int k_##NAME(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)                 \
    {                                                                                              \
        return run_period(ctx, argc, argv, out, P, END);                                           \
    }

PERIODFN(startofday, P_DAY, false)
PERIODFN(startofweek, P_WEEK, false)
PERIODFN(startofmonth, P_MONTH, false)
PERIODFN(startofyear, P_YEAR, false)
PERIODFN(endofday, P_DAY, true)
PERIODFN(endofweek, P_WEEK, true)
PERIODFN(endofmonth, P_MONTH, true)
PERIODFN(endofyear, P_YEAR, true)

/* --- calendar parts ------------------------------------------------------------ */

enum {
    PART_YEAR,
    PART_QUARTER,
    PART_MONTH,
    PART_WEEK_OF_YEAR,
    PART_DAY,
    PART_DAYOFYEAR,
    PART_HOUR,
    PART_MINUTE,
    PART_SECOND,
    PART_MILLISECOND,
    PART_MICROSECOND,
    PART_NANOSECOND,
};

static const char *const part_names[] = {
    "year",   "quarter", "month",       "week_of_year", "day",        "dayofyear", "hour",
    "minute", "second",  "millisecond", "microsecond",  "nanosecond", NULL,
};

static int64_t part_of(int part, int64_t t)
{
    civil c = to_civil(t);
    int64_t frac = c.tod % HT_TICKS_PER_SEC;
    switch (part) {
    case PART_YEAR:
        return c.y;
    case PART_QUARTER:
        return (c.m - 1) / 3 + 1;
    case PART_MONTH:
        return c.m;
    case PART_WEEK_OF_YEAR:
        return iso_week(&c);
    case PART_DAY:
        return c.d;
    case PART_DAYOFYEAR:
        return day_of_year(&c);
    case PART_HOUR:
        return c.tod / HT_TICKS_PER_HOUR;
    case PART_MINUTE:
        return c.tod / HT_TICKS_PER_MIN % 60;
    case PART_SECOND:
        return c.tod / HT_TICKS_PER_SEC % 60;
    case PART_MILLISECOND:
        return frac / HT_TICKS_PER_MS;
    case PART_MICROSECOND:
        return frac / HT_TICKS_PER_US;
    default:
        return frac * 100;
    }
}

static int run_part(fn_ctx *ctx, const hvec *a, hvec *out, int part)
{
    vec_alloc(ctx->arena, out, HT_INT, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        if (vec_is_null(a, i))
            out_null(ctx, out, i);
        else
            out->i[i] = part_of(part, vec_i(a, i));
    }
    return 0;
}

static htype t_part(fn_sig *sig)
{
    return fn_want(sig, sig->name, 0, 'd') ? HT_INT : HT_UNKNOWN;
}

#define PARTFN(NAME, PART)                                                                         \
    static int k_##NAME(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)                 \
    {                                                                                              \
        (void)argc;                                                                                \
        return run_part(ctx, argv[0], out, PART);                                                  \
    }

PARTFN(getyear, PART_YEAR)
PARTFN(getmonth, PART_MONTH)
PARTFN(monthofyear, PART_MONTH)
PARTFN(dayofmonth, PART_DAY)
PARTFN(dayofyear, PART_DAYOFYEAR)
PARTFN(hourofday, PART_HOUR)
PARTFN(week_of_year, PART_WEEK_OF_YEAR)

static htype t_dayofweek(fn_sig *sig)
{
    return fn_want(sig, "dayofweek", 0, 'd') ? HT_TIMESPAN : HT_UNKNOWN;
}

static int k_dayofweek(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_TIMESPAN, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        if (vec_is_null(argv[0], i))
            out_null(ctx, out, i);
        else
            out->i[i] = weekday(floor_div(vec_i(argv[0], i), DAY)) * DAY;
    }
    return 0;
}

static htype t_datetime_part(fn_sig *sig)
{
    if (!fn_want(sig, sig->name, 0, 's') || !fn_want(sig, sig->name, 1, 'd'))
        return HT_UNKNOWN;
    return const_name_ok(sig, sig->name, "part", part_names) ? HT_INT : HT_UNKNOWN;
}

static int k_datetime_part(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_INT, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int part = any_null(argc, argv, i) ? -1 : name_index(vec_s(argv[0], i), part_names);
        if (part < 0)
            out_null(ctx, out, i);
        else
            out->i[i] = part_of(part, vec_i(argv[1], i));
    }
    return 0;
}

/* --- datetime_add, datetime_diff ------------------------------------------------ */

enum {
    PER_YEAR,
    PER_QUARTER,
    PER_MONTH,
    PER_WEEK,
    PER_DAY,
    PER_HOUR,
    PER_MINUTE,
    PER_SECOND,
    PER_MILLISECOND,
    PER_MICROSECOND,
    PER_NANOSECOND,
};

static const char *const period_names[] = {
    "year",   "quarter", "month",       "week",        "day",        "hour",
    "minute", "second",  "millisecond", "microsecond", "nanosecond", NULL,
};

/* Ticks per period, for the fixed-length periods (week and shorter). */
static int64_t period_ticks(int per)
{
    switch (per) {
    case PER_WEEK:
        return 7 * DAY;
    case PER_DAY:
        return DAY;
    case PER_HOUR:
        return HT_TICKS_PER_HOUR;
    case PER_MINUTE:
        return HT_TICKS_PER_MIN;
    case PER_SECOND:
        return HT_TICKS_PER_SEC;
    case PER_MILLISECOND:
        return HT_TICKS_PER_MS;
    case PER_MICROSECOND:
        return HT_TICKS_PER_US;
    default:
        return 1;
    }
}

static bool dt_add(int per, int64_t amount, int64_t t, int64_t *r)
{
    int64_t months, ticks;
    if (per <= PER_MONTH) {
        int64_t mul = per == PER_YEAR ? 12 : per == PER_QUARTER ? 3 : 1;
        if (__builtin_mul_overflow(amount, mul, &months))
            return false;
        civil c = to_civil(t);
        if (months > 200000 || months < -200000)
            return false;
        return from_months(c.y, (int64_t)c.m - 1 + months, c.d, c.tod, r);
    }
    if (per == PER_NANOSECOND)
        ticks = amount / 100;
    else if (__builtin_mul_overflow(amount, period_ticks(per), &ticks))
        return false;
    return !__builtin_add_overflow(t, ticks, r) && dt_in_range(*r);
}

static bool dt_diff(int per, int64_t a, int64_t b, int64_t *r)
{
    if (per <= PER_MONTH) {
        civil x = to_civil(a), y = to_civil(b);
        if (per == PER_YEAR)
            *r = x.y - y.y;
        else if (per == PER_QUARTER)
            *r = (x.y * 4 + (x.m - 1) / 3) - (y.y * 4 + (y.m - 1) / 3);
        else
            *r = (x.y * 12 + x.m) - (y.y * 12 + y.m);
        return true;
    }
    if (per == PER_WEEK) {
        int64_t da = floor_div(a, DAY), db = floor_div(b, DAY);
        *r = ((da - weekday(da)) - (db - weekday(db))) / 7;
        return true;
    }
    if (per == PER_NANOSECOND) {
        int64_t d;
        return !__builtin_sub_overflow(a, b, &d) && !__builtin_mul_overflow(d, 100, r);
    }
    int64_t u = period_ticks(per);
    *r = floor_div(a, u) - floor_div(b, u);
    return true;
}

/* datetime_add(period, amount, dt) and datetime_diff(period, dt1, dt2): the
 * period name, then argument 1 of kind k1, then a datetime. */
static htype t_period_op(fn_sig *sig, char k1, htype result)
{
    const char *f = sig->name;
    if (!fn_want(sig, f, 0, 's') || !fn_want(sig, f, 1, k1) || !fn_want(sig, f, 2, 'd'))
        return HT_UNKNOWN;
    return const_name_ok(sig, f, "period", period_names) ? result : HT_UNKNOWN;
}

static htype t_datetime_add(fn_sig *sig)
{
    return t_period_op(sig, 'l', HT_DATETIME);
}

static htype t_datetime_diff(fn_sig *sig)
{
    return t_period_op(sig, 'd', HT_LONG);
}

static int run_period_op(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, htype t,
                         bool (*op)(int per, int64_t x, int64_t y, int64_t *r))
{
    vec_alloc(ctx->arena, out, t, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int per = any_null(argc, argv, i) ? -1 : name_index(vec_s(argv[0], i), period_names);
        int64_t r;
        if (per >= 0 && op(per, vec_i(argv[1], i), vec_i(argv[2], i), &r))
            out->i[i] = r;
        else
            out_null(ctx, out, i);
    }
    return 0;
}

static int k_datetime_add(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_period_op(ctx, argc, argv, out, HT_DATETIME, dt_add);
}

static int k_datetime_diff(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_period_op(ctx, argc, argv, out, HT_LONG, dt_diff);
}

/* --- make_datetime, make_timespan ------------------------------------------------ */

/* Seconds (real, [0, 60)) as ticks; false when out of range. */
static bool sec_ticks(double s, int64_t *t)
{
    if (!(s >= 0 && s < 60))
        return false;
    *t = llround(s * (double)HT_TICKS_PER_SEC);
    return true;
}

static htype t_make_datetime(fn_sig *sig)
{
    const char *f = "make_datetime";
    if (sig->argc == 4)
        return fn_type_error(sig, "%s(): expects 3, 5 or 6 arguments", f);
    for (int i = 0; i < sig->argc && i < 5; i++)
        if (!fn_want(sig, f, i, 'l'))
            return HT_UNKNOWN;
    if (sig->argc == 6 && !fn_want(sig, f, 5, 'r'))
        return HT_UNKNOWN;
    return HT_DATETIME;
}

static bool make_dt(int argc, const hvec *const *argv, uint32_t i, int64_t *r)
{
    int64_t y = vec_i(argv[0], i), m = vec_i(argv[1], i), d = vec_i(argv[2], i);
    int64_t h = argc > 3 ? vec_i(argv[3], i) : 0, mi = argc > 4 ? vec_i(argv[4], i) : 0;
    int64_t st = 0;
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, (unsigned)m))
        return false;
    if (h < 0 || h > 23 || mi < 0 || mi > 59)
        return false;
    if (argc > 5 && !sec_ticks(vec_r(argv[5], i), &st))
        return false;
    *r = ht_days_from_civil(y, (unsigned)m, (unsigned)d) * DAY + h * HT_TICKS_PER_HOUR +
         mi * HT_TICKS_PER_MIN + st;
    return dt_in_range(*r);
}

static int k_make_datetime(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_DATETIME, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int64_t r;
        if (!any_null(argc, argv, i) && make_dt(argc, argv, i, &r))
            out->i[i] = r;
        else
            out_null(ctx, out, i);
    }
    return 0;
}

static htype t_make_timespan(fn_sig *sig)
{
    const char *f = "make_timespan";
    int nint = sig->argc == 4 ? 3 : 2; /* (d,) h, m are whole; the seconds are real */
    for (int i = 0; i < sig->argc; i++)
        if (!fn_want(sig, f, i, i < nint ? 'l' : 'r'))
            return HT_UNKNOWN;
    return HT_TIMESPAN;
}

static bool make_ts(int argc, const hvec *const *argv, uint32_t i, int64_t *r)
{
    int k = 0;
    int64_t d = argc == 4 ? vec_i(argv[k++], i) : 0;
    int64_t h = vec_i(argv[k++], i), m = vec_i(argv[k++], i), st = 0;
    if (h < 0 || h > 23 || m < 0 || m > 59 || d < -10675199 || d > 10675199)
        return false;
    if (k < argc && !sec_ticks(vec_r(argv[k], i), &st))
        return false;
    *r = d * DAY + h * HT_TICKS_PER_HOUR + m * HT_TICKS_PER_MIN + st;
    return true;
}

static int k_make_timespan(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_TIMESPAN, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int64_t r;
        if (!any_null(argc, argv, i) && make_ts(argc, argv, i, &r))
            out->i[i] = r;
        else
            out_null(ctx, out, i);
    }
    return 0;
}

/* --- unixtime_*_todatetime ----------------------------------------------------- */

static bool unix_to_dt(const hvec *a, uint32_t i, int64_t per_unit, int64_t div, int64_t *r)
{
    if (a->type == HT_REAL) {
        double t = vec_r(a, i) * (double)per_unit / (double)div;
        if (!(t >= (double)HT_DATETIME_MIN && t <= (double)HT_DATETIME_MAX))
            return false;
        *r = llround(t);
    } else if (div > 1) {
        *r = vec_i(a, i) / div;
    } else if (__builtin_mul_overflow(vec_i(a, i), per_unit, r)) {
        return false;
    }
    return dt_in_range(*r);
}

static int run_unix(fn_ctx *ctx, const hvec *a, hvec *out, int64_t per_unit, int64_t div)
{
    vec_alloc(ctx->arena, out, HT_DATETIME, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int64_t r;
        if (!vec_is_null(a, i) && unix_to_dt(a, i, per_unit, div, &r))
            out->i[i] = r;
        else
            out_null(ctx, out, i);
    }
    return 0;
}

static htype t_unix(fn_sig *sig)
{
    return fn_want(sig, sig->name, 0, 'n') ? HT_DATETIME : HT_UNKNOWN;
}

#define UNIXFN(NAME, PER, DIV)                                                                     \
    static int k_##NAME(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)                 \
    {                                                                                              \
        (void)argc;                                                                                \
        return run_unix(ctx, argv[0], out, PER, DIV);                                              \
    }

UNIXFN(unixtime_seconds_todatetime, HT_TICKS_PER_SEC, 1)
UNIXFN(unixtime_milliseconds_todatetime, HT_TICKS_PER_MS, 1)
UNIXFN(unixtime_microseconds_todatetime, HT_TICKS_PER_US, 1)
UNIXFN(unixtime_nanoseconds_todatetime, 1, 100)

/* --- format_datetime, format_timespan --------------------------------------------- */

/* The output buffer of one formatted value. */
typedef struct fbuf {
    char *p;
    size_t n, cap;
} fbuf;

static void put_ch(fbuf *b, char c)
{
    if (b->n < b->cap)
        b->p[b->n++] = c;
}

static void put_str(fbuf *b, const char *s)
{
    while (*s)
        put_ch(b, *s++);
}

/* Writes v (>= 0) in decimal, zero-padded to at least width digits. */
static void put_num(fbuf *b, uint64_t v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int k = n; k < width; k++)
        put_ch(b, '0');
    while (n)
        put_ch(b, tmp[--n]);
}

/* f/F specifiers: the first k digits of the 7-digit tick fraction. Upper case
 * drops trailing zeros, and when nothing is left also a '.' just before
 * (only for datetimes, as .NET does). */
static void put_frac(fbuf *b, int64_t frac, int k, bool trim, bool drop_dot)
{
    if (k > 7)
        k = 7;
    int64_t v = frac;
    for (int i = k; i < 7; i++)
        v /= 10;
    int w = k;
    if (trim) {
        while (w > 0 && v % 10 == 0) {
            v /= 10;
            w--;
        }
        if (w == 0) {
            if (drop_dot && b->n > 0 && b->p[b->n - 1] == '.')
                b->n--;
            return;
        }
    }
    put_num(b, (uint64_t)v, w);
}

/* Length of the run of the same character starting at s[i]. */
static size_t run_len(hstr s, size_t i)
{
    size_t k = 1;
    while (i + k < s.n && s.p[i + k] == s.p[i])
        k++;
    return k;
}

/* Copies a quoted literal ('...' or "...") or an escaped character (\x);
 * returns the number of format characters consumed, 0 if s[i] is neither. */
static size_t put_literal(fbuf *b, hstr s, size_t i)
{
    char c = s.p[i];
    if (c == '\\') {
        if (i + 1 < s.n)
            put_ch(b, s.p[i + 1]);
        return i + 1 < s.n ? 2 : 1;
    }
    if (c != '\'' && c != '"')
        return 0;
    size_t j = i + 1;
    while (j < s.n && s.p[j] != c)
        put_ch(b, s.p[j++]);
    return j < s.n ? j - i + 1 : j - i;
}

static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};
static const char *const day_names[] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

static void put_name(fbuf *b, const char *name, size_t k)
{
    if (k >= 4) {
        put_str(b, name);
        return;
    }
    for (int i = 0; i < 3; i++)
        put_ch(b, name[i]);
}

/* One datetime specifier run (letter c repeated k times). */
static bool put_dt_spec(fbuf *b, const civil *c, char ch, size_t k)
{
    int64_t hour = c->tod / HT_TICKS_PER_HOUR, frac = c->tod % HT_TICKS_PER_SEC;
    int w = k >= 2 ? 2 : 1;
    switch (ch) {
    case 'd':
        if (k >= 3)
            put_name(b, day_names[weekday(c->days)], k);
        else
            put_num(b, c->d, w);
        return true;
    case 'M':
        if (k >= 3)
            put_name(b, month_names[c->m - 1], k);
        else
            put_num(b, c->m, w);
        return true;
    case 'y':
        if (k <= 2)
            put_num(b, (uint64_t)(c->y % 100), w);
        else
            put_num(b, (uint64_t)c->y, (int)(k > 9 ? 9 : k));
        return true;
    case 'h':
        put_num(b, (uint64_t)(hour % 12 == 0 ? 12 : hour % 12), w);
        return true;
    case 'H':
        put_num(b, (uint64_t)hour, w);
        return true;
    case 'm':
        put_num(b, (uint64_t)(c->tod / HT_TICKS_PER_MIN % 60), w);
        return true;
    case 's':
        put_num(b, (uint64_t)(c->tod / HT_TICKS_PER_SEC % 60), w);
        return true;
    case 'f':
        put_frac(b, frac, (int)(k > 7 ? 7 : k), false, true);
        return true;
    case 'F':
        put_frac(b, frac, (int)(k > 7 ? 7 : k), true, true);
        return true;
    case 't':
        put_ch(b, hour < 12 ? 'A' : 'P');
        if (k >= 2)
            put_ch(b, 'M');
        return true;
    default:
        return false;
    }
}

static void format_dt(fbuf *b, int64_t t, hstr fmt)
{
    civil c = to_civil(t);
    for (size_t i = 0; i < fmt.n;) {
        size_t lit = put_literal(b, fmt, i);
        if (lit) {
            i += lit;
            continue;
        }
        size_t k = run_len(fmt, i);
        if (put_dt_spec(b, &c, fmt.p[i], k)) {
            i += k;
            continue;
        }
        put_ch(b, fmt.p[i++]);
    }
}

/* One timespan specifier run; v is the magnitude in ticks. */
static bool put_ts_spec(fbuf *b, uint64_t v, char ch, size_t k)
{
    int w = k >= 2 ? 2 : 1;
    uint64_t tod = v % (uint64_t)DAY;
    switch (ch) {
    case 'd':
        put_num(b, v / (uint64_t)DAY, (int)(k > 8 ? 8 : k));
        return true;
    case 'h':
    case 'H':
        put_num(b, tod / HT_TICKS_PER_HOUR, w);
        return true;
    case 'm':
        put_num(b, tod / HT_TICKS_PER_MIN % 60, w);
        return true;
    case 's':
        put_num(b, tod / HT_TICKS_PER_SEC % 60, w);
        return true;
    case 'f':
        put_frac(b, (int64_t)(v % HT_TICKS_PER_SEC), (int)k, false, false);
        return true;
    case 'F':
        put_frac(b, (int64_t)(v % HT_TICKS_PER_SEC), (int)k, true, false);
        return true;
    default:
        return false;
    }
}

static void format_ts(fbuf *b, int64_t t, hstr fmt)
{
    /* .NET custom timespan formats print the magnitude only */
    uint64_t v = t < 0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;
    for (size_t i = 0; i < fmt.n;) {
        size_t lit = put_literal(b, fmt, i);
        if (lit) {
            i += lit;
            continue;
        }
        size_t k = run_len(fmt, i);
        if (put_ts_spec(b, v, fmt.p[i], k)) {
            i += k;
            continue;
        }
        put_ch(b, fmt.p[i++]);
    }
}

static htype t_format_datetime(fn_sig *sig)
{
    const char *f = "format_datetime";
    return fn_want(sig, f, 0, 'd') && fn_want(sig, f, 1, 's') ? HT_STRING : HT_UNKNOWN;
}

static htype t_format_timespan(fn_sig *sig)
{
    const char *f = "format_timespan";
    return fn_want(sig, f, 0, 't') && fn_want(sig, f, 1, 's') ? HT_STRING : HT_UNKNOWN;
}

static int run_format(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, bool span)
{
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        out->s[i] = (hstr){"", 0}; /* strings are never null: "" instead */
        if (any_null(argc, argv, i))
            continue;
        hstr fmt = vec_s(argv[1], i);
        fbuf b = {NULL, 0, (size_t)fmt.n * 9 + 16};
        b.p = arena_alloc(ctx->arena, b.cap);
        if (span)
            format_ts(&b, vec_i(argv[0], i), fmt);
        else
            format_dt(&b, vec_i(argv[0], i), fmt);
        out->s[i] = (hstr){b.p, (uint32_t)b.n};
    }
    return 0;
}

static int k_format_datetime(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_format(ctx, argc, argv, out, false);
}
static int k_format_timespan(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_format(ctx, argc, argv, out, true);
}

/* --- datetime_utc_to_local, datetime_local_to_utc ---------------------------------- */

/* Time zones come from the TZif files under /usr/share/zoneinfo, read by
 * this file (the process-global TZ is never touched). The zone of the last
 * row is cached in the call site's state, so a constant zone is read once.
 * Instants after the file's last transition follow the POSIX rule in the
 * file's footer ("CET-1CEST,M3.5.0,M10.5.0/3"); only the M-form of rules is
 * understood, otherwise the last transition's offset stays in force. */

#define TZ_DIR "/usr/share/zoneinfo/"
#define TZ_NAME_MAX 120
#define TZ_FILE_MAX (1 << 20)

typedef struct tzrule {
    int m, w, d;  /* month, week (5 = last), weekday (0 = Sunday) */
    int64_t secs; /* local time of day of the change, seconds */
} tzrule;

typedef struct tzone {
    char name[TZ_NAME_MAX + 1];
    bool ok;
    int n;        /* transitions */
    int64_t *at;  /* transition instants, unix seconds */
    int32_t *off; /* UTC offset in force from at[i], seconds */
    int32_t off0; /* offset before the first transition */
    bool has_rule, has_dst;
    int32_t std_off, dst_off;
    tzrule start, end;
} tzone;

static void tz_clear(tzone *z)
{
    free(z->at);
    free(z->off);
    memset(z, 0, sizeof *z);
}

static void tz_free_state(void *state)
{
    if (state) {
        tz_clear(state);
        free(state);
    }
}

/* Zone names are paths below TZ_DIR: letters, digits, '_', '-', '+', '/'. */
static bool tz_name_ok(hstr s)
{
    if (s.n == 0 || s.n > TZ_NAME_MAX || s.p[0] == '/' || s.p[0] == '.')
        return false;
    for (uint32_t i = 0; i < s.n; i++) {
        char c = s.p[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || c == '+' || c == '/';
        if (!ok || (c == '/' && i + 1 < s.n && s.p[i + 1] == '.'))
            return false;
    }
    return true;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* POSIX TZ pieces: a name ("CET" or "<+03>"), then a [+-]hh[:mm[:ss]] time. */
static const char *tz_skip_name(const char *p)
{
    if (*p == '<') {
        while (*p && *p != '>')
            p++;
        return *p ? p + 1 : NULL;
    }
    const char *q = p;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
        p++;
    return p - q >= 3 ? p : NULL;
}

static const char *tz_time(const char *p, int64_t *secs)
{
    int sign = 1;
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    int64_t part[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        if (*p < '0' || *p > '9')
            return k ? p : NULL;
        while (*p >= '0' && *p <= '9' && part[k] < 1000)
            part[k] = part[k] * 10 + (*p++ - '0');
        if (*p != ':' || k == 2)
            break;
        p++;
    }
    *secs = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
    return p;
}

static const char *tz_rule(const char *p, tzrule *r)
{
    if (*p != 'M' || sscanf(p, "M%d.%d.%d", &r->m, &r->w, &r->d) != 3)
        return NULL;
    if (r->m < 1 || r->m > 12 || r->w < 1 || r->w > 5 || r->d < 0 || r->d > 6)
        return NULL;
    p++;
    while ((*p >= '0' && *p <= '9') || *p == '.')
        p++;
    r->secs = 7200;
    if (*p == '/')
        p = tz_time(p + 1, &r->secs);
    return p;
}

static void tz_footer(tzone *z, const char *p)
{
    int64_t std, dst;
    if (!(p = tz_skip_name(p)) || !(p = tz_time(p, &std)))
        return;
    z->std_off = (int32_t)-std;
    z->has_rule = true;
    if (!*p)
        return;
    const char *q = tz_skip_name(p);
    if (!q)
        return;
    dst = std - 3600;
    if (*q != ',' && !(q = tz_time(q, &dst)))
        return;
    z->dst_off = (int32_t)-dst;
    if (*q != ',' || !(q = tz_rule(q + 1, &z->start)) || *q != ',' || !tz_rule(q + 1, &z->end)) {
        z->has_rule = false;
        return;
    }
    z->has_dst = true;
}

/* Parses the version-2+ part of a TZif file (64-bit times) and its footer. */
static bool tz_parse(tzone *z, const unsigned char *b, size_t n)
{
    if (n < 44 || memcmp(b, "TZif", 4) != 0 || b[4] < '2')
        return false;
    for (int pass = 0; pass < 2; pass++) {
        uint32_t isut = be32(b + 20), isstd = be32(b + 24), leap = be32(b + 28);
        uint32_t timecnt = be32(b + 32), typecnt = be32(b + 36), charcnt = be32(b + 40);
        size_t tsz = pass ? 8 : 4;
        size_t body =
            timecnt * tsz + timecnt + typecnt * 6 + charcnt + leap * (tsz + 4) + isstd + isut;
        if (timecnt > 100000 || typecnt == 0 || typecnt > 256 || leap > 100000 || n < 44 + body)
            return false;
        if (!pass) {
            b += 44 + body;
            n -= 44 + body;
            if (n < 44 || memcmp(b, "TZif", 4) != 0)
                return false;
            continue;
        }
        const unsigned char *times = b + 44, *idx = times + timecnt * 8, *types = idx + timecnt;
        z->at = malloc((timecnt ? timecnt : 1) * sizeof *z->at);
        z->off = malloc((timecnt ? timecnt : 1) * sizeof *z->off);
        if (!z->at || !z->off)
            return false;
        for (uint32_t i = 0; i < timecnt; i++) {
            if (idx[i] >= typecnt)
                return false;
            z->at[i] = be64(times + 8 * i);
            z->off[i] = (int32_t)be32(types + 6 * idx[i]);
        }
        z->n = (int)timecnt;
        z->off0 = (int32_t)be32(types);
        const unsigned char *foot = b + 44 + body, *end = b + n;
        if (foot < end && *foot == '\n') {
            char tzs[128];
            size_t k = 0;
            for (foot++; foot < end && *foot != '\n' && k + 1 < sizeof tzs; foot++)
                tzs[k++] = (char)*foot;
            tzs[k] = '\0';
            tz_footer(z, tzs);
        }
    }
    return true;
}

static bool tz_load(tzone *z, hstr name)
{
    tz_clear(z);
    memcpy(z->name, name.p, name.n);
    z->name[name.n] = '\0';
    if (!tz_name_ok(name))
        return false;
    char path[sizeof TZ_DIR + TZ_NAME_MAX];
    snprintf(path, sizeof path, "%s%s", TZ_DIR, z->name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    unsigned char *buf = malloc(TZ_FILE_MAX);
    size_t n = buf ? fread(buf, 1, TZ_FILE_MAX, f) : 0;
    fclose(f);
    z->ok = buf && tz_parse(z, buf, n);
    free(buf);
    return z->ok;
}

/* The zone named s, from the call site's cache or loaded into it. */
static tzone *tz_get(fn_ctx *ctx, hstr s)
{
    if (!ctx->state)
        return NULL;
    tzone *z = *ctx->state;
    if (!z) {
        z = calloc(1, sizeof *z);
        if (!z)
            return NULL;
        *ctx->state = z;
    } else if (strlen(z->name) == s.n && memcmp(z->name, s.p, s.n) == 0) {
        return z->ok ? z : NULL;
    }
    if (s.n > TZ_NAME_MAX) {
        tz_clear(z);
        return NULL;
    }
    return tz_load(z, s) ? z : NULL;
}

/* Unix seconds of a rule's change in year y, as local (wall) time. */
static int64_t tz_rule_local(const tzrule *r, int64_t y)
{
    int64_t first = ht_days_from_civil(y, (unsigned)r->m, 1);
    int64_t day = floor_mod(r->d - weekday(first), 7) + (r->w - 1) * 7;
    while (day >= days_in_month(y, (unsigned)r->m))
        day -= 7;
    return (first + day) * 86400 + r->secs;
}

static int32_t tz_rule_offset(const tzone *z, int64_t t)
{
    if (!z->has_dst)
        return z->std_off;
    int64_t y;
    unsigned m, d;
    ht_civil_from_days(floor_div(t, 86400), &y, &m, &d);
    int64_t start = tz_rule_local(&z->start, y) - z->std_off;
    int64_t end = tz_rule_local(&z->end, y) - z->dst_off;
    bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
    return dst ? z->dst_off : z->std_off;
}

/* UTC offset (seconds) in force at unix second t. */
static int32_t tz_offset(const tzone *z, int64_t t)
{
    if (z->n == 0 || t < z->at[0])
        return z->n == 0 && z->has_rule ? tz_rule_offset(z, t) : z->off0;
    if (t >= z->at[z->n - 1] && z->has_rule)
        return tz_rule_offset(z, t);
    int lo = 0, hi = z->n - 1; /* last transition <= t */
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (z->at[mid] <= t)
            lo = mid;
        else
            hi = mid - 1;
    }
    return z->off[lo];
}

/* Local wall time -> UTC. An ambiguous time (clocks going back) and a
 * skipped one (clocks going forward) both take the offset in force after
 * the change. */
static int64_t tz_local_to_utc_secs(const tzone *z, int64_t local)
{
    int32_t before = tz_offset(z, local - 86400), after = tz_offset(z, local + 86400);
    if (tz_offset(z, local - after) == after)
        return local - after;
    if (tz_offset(z, local - before) == before)
        return local - before;
    return local - after;
}

static htype t_tzconv(fn_sig *sig)
{
    const char *f = sig->name;
    return fn_want(sig, f, 0, 'd') && fn_want(sig, f, 1, 's') ? HT_DATETIME : HT_UNKNOWN;
}

static int run_tzconv(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, bool to_local)
{
    vec_alloc(ctx->arena, out, HT_DATETIME, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        tzone *z = any_null(argc, argv, i) ? NULL : tz_get(ctx, vec_s(argv[1], i));
        if (!z) {
            out_null(ctx, out, i);
            continue;
        }
        int64_t t = vec_i(argv[0], i), secs = floor_div(t, HT_TICKS_PER_SEC);
        int64_t frac = t - secs * HT_TICKS_PER_SEC;
        int64_t r = to_local ? secs + tz_offset(z, secs) : tz_local_to_utc_secs(z, secs);
        r = r * HT_TICKS_PER_SEC + frac;
        if (dt_in_range(r))
            out->i[i] = r;
        else
            out_null(ctx, out, i);
    }
    return 0;
}

static int k_datetime_utc_to_local(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_tzconv(ctx, argc, argv, out, true);
}
static int k_datetime_local_to_utc(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_tzconv(ctx, argc, argv, out, false);
}

/* --- table ------------------------------------------------------------------ */

#define D1(NAME, T)                                                                                \
    {                                                                                              \
#NAME, 1, 1, T, k_##NAME, NULL, 0                                                          \
    }
#define PERIOD(NAME)                                                                               \
    {                                                                                              \
#NAME, 1, 2, t_period, k_##NAME, NULL, 0                                                   \
    }

const fn_def fn_datetime_defs[] = {
    {"now", 0, 1, t_now, k_now, NULL, 0},
    D1(ago, t_ago),
    PERIOD(startofday),
    PERIOD(startofweek),
    PERIOD(startofmonth),
    PERIOD(startofyear),
    PERIOD(endofday),
    PERIOD(endofweek),
    PERIOD(endofmonth),
    PERIOD(endofyear),
    {"datetime_add", 3, 3, t_datetime_add, k_datetime_add, NULL, 0},
    {"datetime_diff", 3, 3, t_datetime_diff, k_datetime_diff, NULL, 0},
    {"datetime_part", 2, 2, t_datetime_part, k_datetime_part, NULL, 0},
    {"datepart", 2, 2, t_datetime_part, k_datetime_part, NULL, 0},
    D1(getyear, t_part),
    D1(getmonth, t_part),
    D1(monthofyear, t_part),
    D1(dayofmonth, t_part),
    D1(dayofweek, t_dayofweek),
    D1(dayofyear, t_part),
    D1(hourofday, t_part),
    D1(week_of_year, t_part),
    {"format_datetime", 2, 2, t_format_datetime, k_format_datetime, NULL, 0},
    {"format_timespan", 2, 2, t_format_timespan, k_format_timespan, NULL, 0},
    {"make_datetime", 3, 6, t_make_datetime, k_make_datetime, NULL, 0},
    {"make_timespan", 2, 4, t_make_timespan, k_make_timespan, NULL, 0},
    D1(unixtime_seconds_todatetime, t_unix),
    D1(unixtime_milliseconds_todatetime, t_unix),
    D1(unixtime_microseconds_todatetime, t_unix),
    D1(unixtime_nanoseconds_todatetime, t_unix),
    {"datetime_utc_to_local", 2, 2, t_tzconv, k_datetime_utc_to_local, tz_free_state, 0},
    {"datetime_local_to_utc", 2, 2, t_tzconv, k_datetime_local_to_utc, tz_free_state, 0},
    {NULL},
};
