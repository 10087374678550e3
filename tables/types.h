/* tables/types.h — KQL scalar types and how one value of each is represented.
 *
 * Every layer of hunt speaks these types: the binder checks them, the kernels
 * loop over arrays of them, extents store them, the formatters print them.
 *
 *   bool      uint8_t 0/1
 *   int       int64_t (KQL int is 32-bit: values are kept in range by the
 *             kernels that produce int; storage widens to 64 bits)
 *   long      int64_t
 *   real      double   (decimal is mapped to real, see README.md)
 *   string    hstr: pointer + length, UTF-8, not NUL-terminated
 *   datetime  int64_t ticks of 100 ns since 1970-01-01T00:00:00Z
 *   timespan  int64_t ticks of 100 ns
 *   guid      hguid: 16 bytes in textual (big-endian) order
 *   dynamic   hstr holding the binary encoding of tables/dyn.h
 *
 * Every type is nullable; nullness is kept beside the values (vectors: a
 * byte per row, columns: a bitmap), never inside them.
 */
#ifndef HUNT_TYPES_H
#define HUNT_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum htype {
    HT_UNKNOWN = 0, /* the type of an untyped null, or not yet bound */
    HT_BOOL,
    HT_INT,
    HT_LONG,
    HT_REAL,
    HT_STRING,
    HT_DATETIME,
    HT_TIMESPAN,
    HT_GUID,
    HT_DYNAMIC,
    HT__COUNT
} htype;

typedef struct hstr {
    const char *p;
    uint32_t n;
} hstr;

typedef struct hguid {
    uint8_t b[16];
} hguid;

#define HT_TICKS_PER_US 10LL
#define HT_TICKS_PER_MS 10000LL
#define HT_TICKS_PER_SEC 10000000LL
#define HT_TICKS_PER_MIN (60LL * HT_TICKS_PER_SEC)
#define HT_TICKS_PER_HOUR (60LL * HT_TICKS_PER_MIN)
#define HT_TICKS_PER_DAY (24LL * HT_TICKS_PER_HOUR)
/* datetime(0001-01-01) and datetime(9999-12-31 23:59:59.9999999), in ticks */
#define HT_DATETIME_MIN (-621355968000000000LL)
#define HT_DATETIME_MAX (2534023007999999999LL)

/* True for int, long, real: the types arithmetic promotes between. */
static inline bool ht_is_numeric(htype t)
{
    return t == HT_INT || t == HT_LONG || t == HT_REAL;
}

/* True for types whose values live in the int64_t array of a vector. */
static inline bool ht_is_int64(htype t)
{
    return t == HT_INT || t == HT_LONG || t == HT_DATETIME || t == HT_TIMESPAN;
}

/* True for types whose values are hstr (string and dynamic). */
static inline bool ht_is_str(htype t)
{
    return t == HT_STRING || t == HT_DYNAMIC;
}

/* The KQL name of a type ("string", "long", ...); "unknown" for HT_UNKNOWN. */
const char *ht_name(htype t);

/* Parses a KQL type name, aliases included (int, long, real, double, decimal,
 * string, bool, boolean, datetime, date, timespan, time, guid, uniqueid,
 * dynamic). Returns HT_UNKNOWN when the name is not a type. */
htype ht_from_name(const char *s, size_t n);

/* --- datetime ---------------------------------------------------------- */

/* Parses the datetime forms KQL accepts: ISO 8601 ("2017-01-01",
 * "2017-01-01T10:20:30.1234567Z", "2017-01-01 10:20", offsets "+02:00"),
 * RFC 822/1123 ("Sat, 08 Jul 2017 10:20:30 GMT"), and the US form
 * "10/01/2017 10:20:30". Returns false when s is not a datetime. */
bool ht_parse_datetime(const char *s, size_t n, int64_t *ticks);
/* ht_parse_datetime, or the component form of a datetime(...) literal:
 * "y, m, d[, h[, mi[, s]]]" (the KQL reference's examples use it). */
bool ht_parse_datetime_literal(const char *s, size_t n, int64_t *ticks);

/* Writes the canonical text of a datetime, "2017-01-01T10:20:30Z" or with a
 * 7-digit fraction when the fraction is not zero ("...30.1234567Z").
 * buf must hold 40 bytes; returns the length written (NUL-terminated). */
size_t ht_format_datetime(int64_t ticks, char *buf);

/* The same with the fraction always written (Kusto's JSON form inside
 * dynamic values: "2017-01-01T00:00:00.0000000Z"). */
size_t ht_format_datetime_full(int64_t ticks, char *buf);

/* Civil date <-> days since 1970-01-01 (proleptic Gregorian). */
int64_t ht_days_from_civil(int64_t y, unsigned m, unsigned d);
void ht_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

/* --- timespan ---------------------------------------------------------- */

/* Parses "[-][d.]hh:mm[:ss[.fffffff]]" and the literal forms "1d", "2h",
 * "30m", "10s", "100ms", "10microsecond", "1tick" ... . */
bool ht_parse_timespan(const char *s, size_t n, int64_t *ticks);

/* Writes "[-][d.]hh:mm:ss[.fffffff]" (fraction only when not zero).
 * buf must hold 40 bytes; returns the length written. */
size_t ht_format_timespan(int64_t ticks, char *buf);

/* --- real, guid, bool --------------------------------------------------- */

/* Writes a real the way Kusto prints it: the shortest text that reads back
 * to the same double ("1", "0.5", "1e+20" as "1E+20"), "NaN", "∞", "-∞".
 * buf must hold 40 bytes; returns the length written. */
size_t ht_format_real(double v, char *buf);

/* Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (also without dashes, or
 * in braces). Returns false when s is not a guid. */
bool ht_parse_guid(const char *s, size_t n, hguid *g);

/* Writes the lower-case dashed form; buf must hold 37 bytes; returns 36. */
size_t ht_format_guid(const hguid *g, char *buf);

/* Parses a long from text the way tolong() does (leading/trailing space
 * allowed, optional sign, decimal digits, or a real with no fraction).
 * Returns false when s is not a long or is out of range. */
bool ht_parse_long(const char *s, size_t n, int64_t *v);

/* Parses a real from text the way toreal() does ("1.5", "1e3", "NaN",
 * "inf"). Returns false when s is not a number. */
bool ht_parse_real(const char *s, size_t n, double *v);

#endif
