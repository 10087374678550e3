/* repl/isotime.c — parses the ISO 8601 date-times the hunt command takes
 * (--now): YYYY-MM-DD, optionally followed by T or a space and HH:MM[:SS[.f]],
 * optionally followed by Z or an offset +HH[:MM] / -HH[:MM]. The result is
 * KQL's datetime representation: 100 ns ticks since 1970-01-01T00:00:00Z.
 */
#include <ctype.h>
#include <string.h>

#include "cli.h"

#define TICKS_PER_SEC 10000000LL

/* Reads exactly n digits at *p into *v; advances *p. */
static int digits(const char **p, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        *v = *v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    return 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

/* Parses [:SS[.fffffff]] after HH:MM into seconds and ticks. */
static int parse_seconds(const char **p, int *sec, int64_t *frac)
{
    *sec = 0;
    *frac = 0;
    if (**p != ':')
        return 0;
    (*p)++;
    if (digits(p, 2, sec) < 0 || *sec > 59)
        return -1;
    if (**p != '.')
        return 0;
    (*p)++;
    int n = 0;
    int64_t scale = TICKS_PER_SEC / 10;
    for (; isdigit((unsigned char)**p); (*p)++, n++) {
        *frac += (**p - '0') * scale;
        scale /= 10;
    }
    return n ? 0 : -1;
}

/* Parses Z, +HH[:MM] or -HH[:MM] (or nothing) into seconds east of UTC. */
static int parse_zone(const char **p, int64_t *offset)
{
    *offset = 0;
    if (**p == 'Z' || **p == 'z') {
        (*p)++;
        return 0;
    }
    if (**p != '+' && **p != '-')
        return 0;
    int sign = **p == '-' ? -1 : 1, h, m = 0;
    (*p)++;
    if (digits(p, 2, &h) < 0 || h > 23)
        return -1;
    if (**p == ':')
        (*p)++;
    if (isdigit((unsigned char)**p) && (digits(p, 2, &m) < 0 || m > 59))
        return -1;
    *offset = sign * (h * 3600LL + m * 60LL);
    return 0;
}

int repl_parse_datetime(const char *s, int64_t *ticks)
{
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, sec = 0;
    int64_t frac = 0, offset = 0;
    if (digits(&p, 4, &y) < 0 || *p++ != '-' || digits(&p, 2, &mo) < 0 || *p++ != '-' ||
        digits(&p, 2, &d) < 0)
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
        return -1;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (digits(&p, 2, &h) < 0 || h > 23 || *p++ != ':' || digits(&p, 2, &mi) < 0 || mi > 59)
            return -1;
        if (parse_seconds(&p, &sec, &frac) < 0)
            return -1;
    }
    if (parse_zone(&p, &offset) < 0 || *p != '\0')
        return -1;
    int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600LL + mi * 60LL + sec - offset;
    *ticks = secs * TICKS_PER_SEC + frac;
    return 0;
}
