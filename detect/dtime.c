/* detect/dtime.c — durations and datetimes for rule files and commands.
 *
 * Rule durations come in three spellings (DETECTION.md A1.1, C1): Sentinel
 * YAML "<int>m|h|d" (hunt adds "s"), ISO 8601 "PT5M"/"P1DT2H", and .NET
 * TimeSpan "hh:mm:ss" / "d.hh:mm:ss". Datetimes are ISO 8601 in UTC. All
 * values are KQL ticks (100 ns). Pure functions, no allocation.
 */
#include "detect/detect.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int parse_uint(const char **p, int64_t *out)
{
    if (!isdigit((unsigned char)**p))
        return -1;
    int64_t v = 0;
    while (isdigit((unsigned char)**p)) {
        if (v > INT64_MAX / 100)
            return -1;
        v = v * 10 + (**p - '0');
        (*p)++;
    }
    *out = v;
    return 0;
}

static int64_t unit_ticks(char u)
{
    switch (tolower((unsigned char)u)) {
    case 's':
        return DET_TICKS_PER_SEC;
    case 'm':
        return DET_MIN;
    case 'h':
        return DET_HOUR;
    case 'd':
        return DET_DAY;
    default:
        return 0;
    }
}

static int parse_iso_duration(const char *s, int64_t *out)
{
    const char *p = s + 1;
    int in_time = 0;
    int64_t total = 0;
    int any = 0;
    while (*p) {
        if (*p == 'T' || *p == 't') {
            in_time = 1;
            p++;
            continue;
        }
        int64_t v;
        if (parse_uint(&p, &v) < 0)
            return -1;
        char u = (char)toupper((unsigned char)*p++);
        int64_t m = u == 'D' && !in_time   ? DET_DAY
                    : u == 'W' && !in_time ? 7 * DET_DAY
                    : u == 'H' && in_time  ? DET_HOUR
                    : u == 'M' && in_time  ? DET_MIN
                    : u == 'S' && in_time  ? DET_TICKS_PER_SEC
                                           : 0;
        if (!m || v > INT64_MAX / m)
            return -1;
        total += v * m;
        any = 1;
    }
    if (!any)
        return -1;
    *out = total;
    return 0;
}

static int parse_timespan(const char *s, int64_t *out)
{
    const char *p = s;
    int64_t a, days = 0, h, m, sec = 0;
    if (parse_uint(&p, &a) < 0)
        return -1;
    if (*p == '.') {
        days = a;
        p++;
        if (parse_uint(&p, &a) < 0)
            return -1;
    }
    h = a;
    if (*p++ != ':' || parse_uint(&p, &m) < 0)
        return -1;
    if (*p == ':') {
        p++;
        if (parse_uint(&p, &sec) < 0)
            return -1;
    }
    if (*p || h > 23 || m > 59 || sec > 59 || days > 100000)
        return -1;
    *out = days * DET_DAY + h * DET_HOUR + m * DET_MIN + sec * DET_TICKS_PER_SEC;
    return 0;
}

int det_duration_parse(const char *s, int64_t *out)
{
    if (!s || !*s)
        return -1;
    if (s[0] == 'P' || s[0] == 'p')
        return parse_iso_duration(s, out);
    if (strchr(s, ':'))
        return parse_timespan(s, out);
    const char *p = s;
    int64_t v;
    if (parse_uint(&p, &v) < 0)
        return -1;
    int64_t m = unit_ticks(*p);
    if (!m || p[1] != '\0' || v > INT64_MAX / m)
        return -1;
    *out = v * m;
    return 0;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int mo, int d)
{
    y -= mo <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *mo, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *mo = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*mo <= 2));
}

static int fixed_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

static int parse_clock(const char **pp, int64_t *t)
{
    const char *p = *pp;
    int h, mi, sec = 0;
    if (fixed_digits(&p, 2, &h) < 0 || *p++ != ':' || fixed_digits(&p, 2, &mi) < 0)
        return -1;
    int64_t frac = 0;
    if (*p == ':') {
        p++;
        if (fixed_digits(&p, 2, &sec) < 0)
            return -1;
        if (*p == '.') {
            p++;
            int64_t scale = 1000000;
            if (!isdigit((unsigned char)*p))
                return -1;
            while (isdigit((unsigned char)*p)) {
                frac += (*p - '0') * scale;
                scale /= 10;
                p++;
            }
        }
    }
    if (h > 23 || mi > 59 || sec > 60)
        return -1;
    *t = h * DET_HOUR + mi * DET_MIN + sec * DET_TICKS_PER_SEC + frac;
    *pp = p;
    return 0;
}

static int parse_zone(const char *p, int64_t *off)
{
    *off = 0;
    if (*p == '\0' || ((*p == 'Z' || *p == 'z') && p[1] == '\0'))
        return 0;
    if (*p != '+' && *p != '-')
        return -1;
    int sign = *p == '-' ? -1 : 1, h, m = 0;
    p++;
    if (fixed_digits(&p, 2, &h) < 0)
        return -1;
    if (*p == ':')
        p++;
    if (*p && fixed_digits(&p, 2, &m) < 0)
        return -1;
    if (*p)
        return -1;
    *off = sign * (h * DET_HOUR + m * DET_MIN);
    return 0;
}

int det_time_parse(const char *s, int64_t *out)
{
    if (!s)
        return -1;
    const char *p = s;
    int y, mo, d;
    if (fixed_digits(&p, 4, &y) < 0 || *p++ != '-' || fixed_digits(&p, 2, &mo) < 0 || *p++ != '-' ||
        fixed_digits(&p, 2, &d) < 0)
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return -1;
    int64_t tod = 0, off = 0;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (parse_clock(&p, &tod) < 0)
            return -1;
    }
    if (parse_zone(p, &off) < 0)
        return -1;
    *out = days_from_civil(y, mo, d) * DET_DAY + tod - off;
    return 0;
}

char *det_time_format(int64_t t, char *buf)
{
    int64_t days = t >= 0 ? t / DET_DAY : -((-t + DET_DAY - 1) / DET_DAY);
    int64_t rem = t - days * DET_DAY;
    int y, mo, d;
    civil_from_days(days, &y, &mo, &d);
    int h = (int)(rem / DET_HOUR), mi = (int)(rem % DET_HOUR / DET_MIN);
    int sec = (int)(rem % DET_MIN / DET_TICKS_PER_SEC);
    int frac = (int)(rem % DET_TICKS_PER_SEC);
    if (frac)
        snprintf(buf, DET_TBUF, "%04d-%02d-%02dT%02d:%02d:%02d.%07dZ", y, mo, d, h, mi, sec, frac);
    else
        snprintf(buf, DET_TBUF, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, sec);
    return buf;
}

char *det_duration_format(int64_t v, char *buf)
{
    static const struct {
        int64_t t;
        const char *u;
    } units[] = {{DET_DAY, "d"}, {DET_HOUR, "h"}, {DET_MIN, "m"}, {DET_TICKS_PER_SEC, "s"}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (v != 0 && v % units[i].t == 0) {
            snprintf(buf, DET_TBUF, "%lld%s", (long long)(v / units[i].t), units[i].u);
            return buf;
        }
    snprintf(buf, DET_TBUF, "%lldticks", (long long)v);
    return buf;
}
