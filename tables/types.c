/* tables/types.c — names, parsing and formatting of KQL scalar values.
 *
 * Everything here is a pure function over bytes: no allocation, no locale.
 * Datetimes are int64 ticks (100 ns) since 1970-01-01; civil dates use the
 * proleptic Gregorian calendar (days_from_civil / civil_from_days after
 * Howard Hinnant's public-domain algorithms). Text parsing walks a small
 * cursor (pcur) so each accepted form is a short sequence of steps:
 *
 *   ISO 8601   2017-01-01[(T| )hh:mm[:ss[.f]]][Z|+hh:mm|GMT]
 *   US         12/31/2017[ hh:mm[:ss[.f]]]  (also with '-')
 *   RFC 822/850/1123  [Sat, ]8 Nov 2014 23:59:59 GMT, Saturday, 08-Nov-14 ...
 *
 * Reals print as .NET's shortest round-trip text (Kusto's output): fixed
 * notation for decimal exponents -5 < e < 15, else "1.5E+20" / "1E-05".
 */
#include "types.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- type names ---------------------------------------------------------- */

static const char *const type_names[HT__COUNT] = {
    [HT_UNKNOWN] = "unknown",   [HT_BOOL] = "bool",         [HT_INT] = "int",
    [HT_LONG] = "long",         [HT_REAL] = "real",         [HT_STRING] = "string",
    [HT_DATETIME] = "datetime", [HT_TIMESPAN] = "timespan", [HT_GUID] = "guid",
    [HT_DYNAMIC] = "dynamic",
};

const char *ht_name(htype t)
{
    if ((unsigned)t >= HT__COUNT)
        return "unknown";
    return type_names[t];
}

static const struct {
    const char *name;
    htype type;
} type_aliases[] = {
    {"int", HT_INT},       {"long", HT_LONG},         {"real", HT_REAL},
    {"double", HT_REAL},   {"decimal", HT_REAL},      {"string", HT_STRING},
    {"bool", HT_BOOL},     {"boolean", HT_BOOL},      {"datetime", HT_DATETIME},
    {"date", HT_DATETIME}, {"timespan", HT_TIMESPAN}, {"time", HT_TIMESPAN},
    {"guid", HT_GUID},     {"uniqueid", HT_GUID},     {"dynamic", HT_DYNAMIC},
};

htype ht_from_name(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof type_aliases / sizeof type_aliases[0]; i++) {
        const char *a = type_aliases[i].name;
        if (strlen(a) == n && memcmp(a, s, n) == 0)
            return type_aliases[i].type;
    }
    return HT_UNKNOWN;
}

/* --- civil dates ------------------------------------------------------------ */

int64_t ht_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void ht_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;                                   /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(int64_t y, unsigned m)
{
    static const unsigned dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* datetime(9999-12-31 23:59:59.9999999): .NET DateTime.MaxValue.Ticks minus
 * the 1970 epoch (3155378975999999999 - 621355968000000000). tables/types.h's
 * HT_DATETIME_MAX is 8 hours short of this; until it is fixed, use this. */
#define DT_MAX 2534023007999999999LL

/* --- parsing cursor --------------------------------------------------------- */

typedef struct pcur {
    const char *p, *e;
} pcur;

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool is_alpha(int c)
{
    c = lower(c);
    return c >= 'a' && c <= 'z';
}

static void skip_ws(pcur *c)
{
    while (c->p < c->e && is_space((unsigned char)*c->p))
        c->p++;
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space((unsigned char)(*s)[0]))
        (*s)++, (*n)--;
    while (*n && is_space((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

static bool at(const pcur *c, char ch)
{
    return c->p < c->e && *c->p == ch;
}

static bool eat(pcur *c, char ch)
{
    if (!at(c, ch))
        return false;
    c->p++;
    return true;
}

/* Reads min..max decimal digits into *v; returns the count read, 0 on fail. */
static int read_num(pcur *c, int min, int max, int64_t *v)
{
    int k = 0;
    int64_t x = 0;
    while (k < max && c->p < c->e && is_digit((unsigned char)*c->p)) {
        x = x * 10 + (*c->p++ - '0');
        k++;
    }
    if (k < min) {
        c->p -= k;
        return 0;
    }
    *v = x;
    return k;
}

/* Reads ".ddd..." (at least one digit) as ticks; digits past the 7th are
 * dropped. Returns false when no digit follows the dot. */
static bool read_fraction(pcur *c, int64_t *ticks)
{
    int64_t f = 0;
    int k = 0;
    if (!eat(c, '.'))
        return false;
    while (c->p < c->e && is_digit((unsigned char)*c->p)) {
        if (k < 7) {
            f = f * 10 + (*c->p - '0');
            k++;
        }
        c->p++;
    }
    if (k == 0)
        return false;
    for (; k < 7; k++)
        f *= 10;
    *ticks = f;
    return true;
}

/* Case-insensitive match of a whole alphabetic word at the cursor. */
static bool word_is(const char *w, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (n != m)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)w[i]) != lit[i])
            return false;
    return true;
}

static size_t read_word(pcur *c, const char **w)
{
    *w = c->p;
    while (c->p < c->e && is_alpha((unsigned char)*c->p))
        c->p++;
    return (size_t)(c->p - *w);
}

/* --- datetime parsing ------------------------------------------------------- */

/* hh:mm[:ss[.fffffff]] -> ticks since midnight. */
static bool parse_clock(pcur *c, int64_t *tod)
{
    int64_t h, mi, s = 0, f = 0;
    if (!read_num(c, 1, 2, &h) || !eat(c, ':') || !read_num(c, 2, 2, &mi))
        return false;
    if (eat(c, ':')) {
        if (!read_num(c, 2, 2, &s))
            return false;
        if (at(c, '.') && !read_fraction(c, &f))
            return false;
    }
    if (h > 23 || mi > 59 || s > 59)
        return false;
    *tod = h * HT_TICKS_PER_HOUR + mi * HT_TICKS_PER_MIN + s * HT_TICKS_PER_SEC + f;
    return true;
}

static const struct {
    const char *name;
    int hours;
} zone_names[] = {
    {"z", 0},    {"gmt", 0},  {"ut", 0},   {"utc", 0},  {"est", -5}, {"edt", -4},
    {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
};

/* Optional zone then end of text: Z, +hh[:mm], +hhmm, GMT/UTC/EST... The
 * offset is returned in ticks (local = UTC + offset). */
static bool parse_zone_end(pcur *c, int64_t *off)
{
    *off = 0;
    skip_ws(c);
    if (c->p == c->e)
        return true;
    if (at(c, '+') || at(c, '-')) {
        int sign = *c->p++ == '-' ? -1 : 1;
        int64_t h, m = 0;
        int k = read_num(c, 2, 4, &h);
        if (k == 4) {
            m = h % 100;
            h /= 100;
        } else if (k == 2) {
            if (eat(c, ':') && !read_num(c, 2, 2, &m))
                return false;
        } else {
            return false;
        }
        if (h > 14 || m > 59)
            return false;
        *off = sign * (h * HT_TICKS_PER_HOUR + m * HT_TICKS_PER_MIN);
    } else {
        const char *w;
        size_t n = read_word(c, &w);
        size_t i, nz = sizeof zone_names / sizeof zone_names[0];
        for (i = 0; i < nz; i++)
            if (word_is(w, n, zone_names[i].name))
                break;
        if (i == nz)
            return false;
        *off = zone_names[i].hours * HT_TICKS_PER_HOUR;
    }
    skip_ws(c);
    return c->p == c->e;
}

/* Optional "[T| ]clock zone" after a date; fills tod and offset. */
static bool parse_time_part(pcur *c, bool allow_t, int64_t *tod, int64_t *off)
{
    *tod = 0;
    *off = 0;
    if (c->p == c->e)
        return true;
    if (allow_t && (at(c, 'T') || at(c, 't'))) {
        c->p++;
    } else if (is_space((unsigned char)*c->p)) {
        skip_ws(c);
        if (c->p == c->e)
            return true;
    } else {
        return false;
    }
    return parse_clock(c, tod) && parse_zone_end(c, off);
}

static bool make_ticks(int64_t y, int64_t m, int64_t d, int64_t tod, int64_t off, int64_t *t)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, (unsigned)m))
        return false;
    int64_t v = ht_days_from_civil(y, (unsigned)m, (unsigned)d) * HT_TICKS_PER_DAY + tod - off;
    if (v < HT_DATETIME_MIN || v > DT_MAX)
        return false;
    *t = v;
    return true;
}

/* yyyy-mm-dd or yyyy/mm/dd, then an optional time. */
static bool parse_iso(pcur c, int64_t *t)
{
    int64_t y, m, d, tod, off;
    if (read_num(&c, 4, 4, &y) != 4 || !(at(&c, '-') || at(&c, '/')))
        return false;
    char sep = *c.p++;
    if (!read_num(&c, 1, 2, &m) || !eat(&c, sep) || !read_num(&c, 1, 2, &d))
        return false;
    return parse_time_part(&c, true, &tod, &off) && make_ticks(y, m, d, tod, off, t);
}

/* mm/dd/yyyy or mm-dd-yyyy, then an optional time. */
static bool parse_us(pcur c, int64_t *t)
{
    int64_t y, m, d, tod, off;
    if (!read_num(&c, 1, 2, &m) || !(at(&c, '-') || at(&c, '/')))
        return false;
    char sep = *c.p++;
    if (!read_num(&c, 1, 2, &d) || !eat(&c, sep) || read_num(&c, 4, 4, &y) != 4)
        return false;
    return parse_time_part(&c, false, &tod, &off) && make_ticks(y, m, d, tod, off, t);
}

static int month_from_word(const char *w, size_t n)
{
    static const char *const full[12] = {"january",   "february", "march",    "april",
                                         "may",       "june",     "july",     "august",
                                         "september", "october",  "november", "december"};
    for (int i = 0; i < 12; i++) {
        char abbr[4] = {full[i][0], full[i][1], full[i][2], 0};
        if (word_is(w, n, abbr) || word_is(w, n, full[i]))
            return i + 1;
    }
    if (word_is(w, n, "sept"))
        return 9;
    return 0;
}

static bool is_weekday_word(const char *w, size_t n)
{
    static const char *const full[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday"};
    for (int i = 0; i < 7; i++) {
        char abbr[4] = {full[i][0], full[i][1], full[i][2], 0};
        if (word_is(w, n, abbr) || word_is(w, n, full[i]))
            return true;
    }
    return false;
}

/* RFC 822/1123 "[Sat, ]8 Nov 2014 23:59:59 GMT" and RFC 850
 * "Saturday, 08-Nov-14 23:59:59 GMT"; two-digit years map to 1930..2029. */
static bool parse_rfc(pcur c, int64_t *t)
{
    int64_t y, d, tod, off;
    const char *w;
    size_t n;
    if (c.p < c.e && is_alpha((unsigned char)*c.p)) {
        n = read_word(&c, &w);
        if (!is_weekday_word(w, n) || !eat(&c, ','))
            return false;
        skip_ws(&c);
    }
    if (!read_num(&c, 1, 2, &d))
        return false;
    bool dash = at(&c, '-');
    if (dash)
        c.p++;
    else
        skip_ws(&c);
    n = read_word(&c, &w);
    int m = month_from_word(w, n);
    if (!m || (dash ? !eat(&c, '-') : (skip_ws(&c), false)))
        return false;
    int k = read_num(&c, 2, 4, &y);
    if (k == 2)
        y += y < 30 ? 2000 : 1900;
    else if (k != 4)
        return false;
    if (c.p == c.e)
        return make_ticks(y, m, d, 0, 0, t);
    if (!is_space((unsigned char)*c.p))
        return false;
    skip_ws(&c);
    if (!parse_clock(&c, &tod) || !parse_zone_end(&c, &off))
        return false;
    return make_ticks(y, m, d, tod, off, t);
}

/* y, m, d [, h [, mi [, s]]]: the component form the KQL reference's own
 * examples write (datetime(2025, 6, 14)), read like make_datetime's
 * integer arguments: each a number, blanks allowed around the commas. */
static bool parse_components(pcur c, int64_t *t)
{
    int64_t v[6] = {0, 0, 0, 0, 0, 0};
    static const int maxdig[6] = {4, 2, 2, 2, 2, 2};
    int k = 0;
    for (;;) {
        while (c.p < c.e && *c.p == ' ')
            c.p++;
        if (k == 6 || read_num(&c, 1, maxdig[k], &v[k]) < 1)
            return false;
        k++;
        while (c.p < c.e && *c.p == ' ')
            c.p++;
        if (c.p == c.e)
            break;
        if (!eat(&c, ','))
            return false;
    }
    if (k < 3 || v[3] > 23 || v[4] > 59 || v[5] > 59)
        return false;
    int64_t tod = v[3] * HT_TICKS_PER_HOUR + v[4] * HT_TICKS_PER_MIN + v[5] * HT_TICKS_PER_SEC;
    return make_ticks(v[0], v[1], v[2], tod, 0, t);
}

bool ht_parse_datetime(const char *s, size_t n, int64_t *ticks)
{
    trim(&s, &n);
    if (n == 0)
        return false;
    pcur c = {s, s + n};
    return parse_iso(c, ticks) || parse_us(c, ticks) || parse_rfc(c, ticks);
}

bool ht_parse_datetime_literal(const char *s, size_t n, int64_t *ticks)
{
    if (ht_parse_datetime(s, n, ticks))
        return true;
    trim(&s, &n);
    pcur c = {s, s + n};
    return n > 0 && parse_components(c, ticks);
}

/* --- datetime formatting --------------------------------------------------- */

static size_t format_dt(int64_t ticks, char *buf, bool full)
{
    int64_t days = ticks / HT_TICKS_PER_DAY, rem = ticks % HT_TICKS_PER_DAY;
    if (rem < 0) {
        rem += HT_TICKS_PER_DAY;
        days--;
    }
    int64_t y;
    unsigned m, d;
    ht_civil_from_days(days, &y, &m, &d);
    int hh = (int)(rem / HT_TICKS_PER_HOUR), mi = (int)(rem / HT_TICKS_PER_MIN % 60);
    int ss = (int)(rem / HT_TICKS_PER_SEC % 60), frac = (int)(rem % HT_TICKS_PER_SEC);
    int len;
    if (frac || full)
        len = snprintf(buf, 40, "%04lld-%02u-%02uT%02d:%02d:%02d.%07dZ", (long long)y, m, d, hh, mi,
                       ss, frac);
    else
        len = snprintf(buf, 40, "%04lld-%02u-%02uT%02d:%02d:%02dZ", (long long)y, m, d, hh, mi, ss);
    return (size_t)len;
}

size_t ht_format_datetime(int64_t ticks, char *buf)
{
    return format_dt(ticks, buf, false);
}

size_t ht_format_datetime_full(int64_t ticks, char *buf)
{
    return format_dt(ticks, buf, true);
}

/* --- timespan -------------------------------------------------------------- */

static const struct {
    const char *name;
    int64_t ticks;
} span_units[] = {
    {"d", HT_TICKS_PER_DAY},
    {"day", HT_TICKS_PER_DAY},
    {"days", HT_TICKS_PER_DAY},
    {"h", HT_TICKS_PER_HOUR},
    {"hr", HT_TICKS_PER_HOUR},
    {"hrs", HT_TICKS_PER_HOUR},
    {"hour", HT_TICKS_PER_HOUR},
    {"hours", HT_TICKS_PER_HOUR},
    {"m", HT_TICKS_PER_MIN},
    {"min", HT_TICKS_PER_MIN},
    {"minute", HT_TICKS_PER_MIN},
    {"minutes", HT_TICKS_PER_MIN},
    {"s", HT_TICKS_PER_SEC},
    {"sec", HT_TICKS_PER_SEC},
    {"second", HT_TICKS_PER_SEC},
    {"seconds", HT_TICKS_PER_SEC},
    {"ms", HT_TICKS_PER_MS},
    {"milli", HT_TICKS_PER_MS},
    {"millis", HT_TICKS_PER_MS},
    {"millisecond", HT_TICKS_PER_MS},
    {"milliseconds", HT_TICKS_PER_MS},
    {"microsecond", HT_TICKS_PER_US},
    {"microseconds", HT_TICKS_PER_US},
    {"tick", 1},
    {"ticks", 1},
};

/* "<number><unit>", e.g. "1d", "1.5h", "100ms", "1tick". */
static bool parse_span_literal(pcur c, bool neg, int64_t *ticks)
{
    const char *num = c.p;
    while (c.p < c.e && (is_digit((unsigned char)*c.p) || *c.p == '.'))
        c.p++;
    size_t nn = (size_t)(c.p - num);
    if (nn == 0 || nn > 40)
        return false;
    const char *w;
    size_t wn = read_word(&c, &w);
    if (c.p != c.e || wn == 0)
        return false;
    int64_t unit = 0;
    for (size_t i = 0; i < sizeof span_units / sizeof span_units[0]; i++)
        if (word_is(w, wn, span_units[i].name))
            unit = span_units[i].ticks;
    if (!unit)
        return false;
    char tmp[48];
    memcpy(tmp, num, nn);
    tmp[nn] = 0;
    char *dot = strchr(tmp, '.');
    if (tmp[0] == '.' || tmp[nn - 1] == '.' || (dot && strchr(dot + 1, '.')))
        return false;
    int64_t r;
    if (dot) {
        double t = strtod(tmp, NULL) * (double)unit; /* rounds to the nearest tick */
        if (!(t < 9.2e18))
            return false;
        r = (int64_t)llround(t);
    } else {
        errno = 0;
        long long x = strtoll(tmp, NULL, 10);
        if (errno == ERANGE || x > INT64_MAX / unit)
            return false;
        r = x * unit;
    }
    *ticks = neg ? -r : r;
    return true;
}

/* "[d.]hh:mm[:ss[.f]]", "d:hh:mm:ss[.f]" (.NET), or a bare day count "d". */
static bool parse_span_clock(pcur c, bool neg, int64_t *ticks)
{
    int64_t a, h = 0, m = 0, s = 0, f = 0, d = 0;
    if (!read_num(&c, 1, 8, &a))
        return false;
    if (c.p == c.e) {
        d = a;
    } else if (at(&c, '.')) {
        c.p++;
        d = a;
        if (!read_num(&c, 1, 2, &h) || !eat(&c, ':') || !read_num(&c, 1, 2, &m))
            return false;
        if (eat(&c, ':') && !read_num(&c, 1, 2, &s))
            return false;
    } else {
        int64_t g[4] = {a, 0, 0, 0};
        int k = 1;
        while (k < 4 && eat(&c, ':')) {
            if (!read_num(&c, 1, 2, &g[k]))
                return false;
            k++;
        }
        if (k == 1)
            return false;
        if (k == 4) {
            d = g[0], h = g[1], m = g[2], s = g[3];
        } else {
            h = g[0], m = g[1], s = g[2];
        }
    }
    if (at(&c, '.') && !read_fraction(&c, &f))
        return false;
    if (c.p != c.e || h > 23 || m > 59 || s > 59)
        return false;
    /* the magnitude in unsigned ticks: a span beyond timespan's range
     * (±10675199.02:48:05.4775807, -…808 included) does not parse */
    uint64_t u, part;
    if (__builtin_mul_overflow((uint64_t)d, (uint64_t)HT_TICKS_PER_DAY, &u))
        return false;
    part = (uint64_t)(h * HT_TICKS_PER_HOUR + m * HT_TICKS_PER_MIN + s * HT_TICKS_PER_SEC + f);
    if (__builtin_add_overflow(u, part, &u) || u > (uint64_t)INT64_MAX + (neg ? 1 : 0))
        return false;
    *ticks = neg ? (int64_t)(0 - u) : (int64_t)u;
    return true;
}

bool ht_parse_timespan(const char *s, size_t n, int64_t *ticks)
{
    trim(&s, &n);
    pcur c = {s, s + n};
    bool neg = false;
    if (at(&c, '-') || at(&c, '+'))
        neg = *c.p++ == '-';
    if (c.p == c.e)
        return false;
    return parse_span_clock(c, neg, ticks) || parse_span_literal(c, neg, ticks);
}

size_t ht_format_timespan(int64_t ticks, char *buf)
{
    uint64_t a = ticks < 0 ? 0 - (uint64_t)ticks : (uint64_t)ticks;
    uint64_t d = a / HT_TICKS_PER_DAY, r = a % HT_TICKS_PER_DAY;
    unsigned h = (unsigned)(r / HT_TICKS_PER_HOUR), m = (unsigned)(r / HT_TICKS_PER_MIN % 60);
    unsigned s = (unsigned)(r / HT_TICKS_PER_SEC % 60), f = (unsigned)(r % HT_TICKS_PER_SEC);
    char *o = buf;
    if (ticks < 0)
        *o++ = '-';
    if (d)
        o += sprintf(o, "%llu.", (unsigned long long)d);
    o += sprintf(o, "%02u:%02u:%02u", h, m, s);
    if (f)
        o += sprintf(o, ".%07u", f);
    return (size_t)(o - buf);
}

/* --- real ------------------------------------------------------------------ */

size_t ht_format_real(double v, char *buf)
{
    if (isnan(v))
        return (size_t)sprintf(buf, "NaN");
    if (isinf(v))
        return (size_t)sprintf(buf, v < 0 ? "-\xE2\x88\x9E" : "\xE2\x88\x9E");
    if (v == 0)
        return (size_t)sprintf(buf, "0");
    char tmp[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(tmp, sizeof tmp, "%.*e", p - 1, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    /* tmp is "[-]d[.ddd]e[+-]xx": collect the digits and the exponent */
    char dig[24];
    int nd = 0;
    const char *p = tmp;
    bool neg = *p == '-';
    if (neg)
        p++;
    for (; *p && *p != 'e'; p++)
        if (is_digit((unsigned char)*p))
            dig[nd++] = *p;
    int ex = atoi(p + 1);
    while (nd > 1 && dig[nd - 1] == '0')
        nd--;
    char *o = buf;
    if (neg)
        *o++ = '-';
    if (ex >= 15 || ex < -4) {
        *o++ = dig[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, dig + 1, (size_t)nd - 1);
            o += nd - 1;
        }
        o += sprintf(o, "E%c%02d", ex < 0 ? '-' : '+', ex < 0 ? -ex : ex);
    } else if (ex >= 0) {
        for (int i = 0; i <= ex || i < nd; i++) {
            if (i == ex + 1)
                *o++ = '.';
            *o++ = i < nd ? dig[i] : '0';
        }
    } else {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -ex - 1; i++)
            *o++ = '0';
        memcpy(o, dig, (size_t)nd);
        o += nd;
    }
    *o = 0;
    return (size_t)(o - buf);
}

/* Copies a trimmed number into tmp (NUL-terminated); false when too long. */
static bool num_text(const char *s, size_t n, char *tmp, size_t cap)
{
    trim(&s, &n);
    if (n == 0 || n >= cap)
        return false;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    return true;
}

/* True when tmp is a plain decimal number: sign, digits, '.', exponent. */
static bool plain_decimal(const char *t)
{
    bool digit = false;
    if (*t == '+' || *t == '-')
        t++;
    for (; *t; t++) {
        if (is_digit((unsigned char)*t))
            digit = true;
        else if (*t != '.' && *t != 'e' && *t != 'E' && *t != '+' && *t != '-')
            return false;
    }
    return digit;
}

bool ht_parse_real(const char *s, size_t n, double *v)
{
    char tmp[512];
    if (!num_text(s, n, tmp, sizeof tmp))
        return false;
    const char *t = tmp[0] == '+' || tmp[0] == '-' ? tmp + 1 : tmp;
    if (strcmp(t, "\xE2\x88\x9E") == 0) {
        *v = tmp[0] == '-' ? -INFINITY : INFINITY;
        return true;
    }
    bool special = !strcasecmp(t, "nan") || !strcasecmp(t, "inf") || !strcasecmp(t, "infinity");
    if (!special && !plain_decimal(tmp))
        return false;
    char *end;
    double x = strtod(tmp, &end);
    if (*end || end == tmp)
        return false;
    *v = x;
    return true;
}

bool ht_parse_long(const char *s, size_t n, int64_t *v)
{
    char tmp[512];
    if (!num_text(s, n, tmp, sizeof tmp))
        return false;
    const char *t = tmp[0] == '+' || tmp[0] == '-' ? tmp + 1 : tmp;
    if (!is_digit((unsigned char)*t) && *t != '.')
        return false;
    char *end;
    errno = 0;
    long long x = strtoll(tmp, &end, 10);
    if (!*end && end != tmp) {
        if (errno == ERANGE)
            return false;
        *v = x;
        return true;
    }
    double d;
    if (!ht_parse_real(tmp, strlen(tmp), &d) || !isfinite(d) || d != floor(d))
        return false;
    if (d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return false;
    *v = (int64_t)d;
    return true;
}

/* --- guid ------------------------------------------------------------------ */

static int hexval(int c)
{
    if (is_digit(c))
        return c - '0';
    c = lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool ht_parse_guid(const char *s, size_t n, hguid *g)
{
    trim(&s, &n);
    if (n >= 2 && ((s[0] == '{' && s[n - 1] == '}') || (s[0] == '(' && s[n - 1] == ')'))) {
        s++;
        n -= 2;
    }
    if (n == 0 || s[0] == '-' || s[n - 1] == '-')
        return false;
    hguid r;
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-') {
            if (s[i - 1] == '-')
                return false;
            continue;
        }
        int h = hexval((unsigned char)s[i]);
        if (h < 0 || k >= 32)
            return false;
        if (k % 2 == 0)
            r.b[k / 2] = (uint8_t)(h << 4);
        else
            r.b[k / 2] |= (uint8_t)h;
        k++;
    }
    if (k != 32)
        return false;
    *g = r;
    return true;
}

size_t ht_format_guid(const hguid *g, char *buf)
{
    static const char hx[] = "0123456789abcdef";
    char *o = buf;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = hx[g->b[i] >> 4];
        *o++ = hx[g->b[i] & 15];
    }
    *o = 0;
    return 36;
}
