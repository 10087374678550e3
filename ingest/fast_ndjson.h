/* ingest/fast_ndjson.h — a small scanner for one flat JSON object (the
 * usual NDJSON record), used by ingest/json_load.c before jansson.
 *
 * fnj_scan reads one record span into a list of top-level fields: scalars
 * decoded in place (strings unescaped, numbers converted), nested objects
 * and arrays parsed by jansson from their own text (for the dynamic
 * encoder). It accepts only what jansson accepts and decodes it to the same
 * values; anything it does not handle itself — invalid JSON, invalid UTF-8,
 * an integer beyond 18 digits, a number that overflows, a NUL in a key, deep
 * nesting, trailing text — makes it return false, and the caller parses the
 * span with jansson, which then gives the usual result or message.
 *
 * Ownership: a fnj_record owns its buffers and the nested jansson values of
 * the last scan; the strings point into the input or into the record's
 * buffer and live until the next scan.
 */
#ifndef HUNT_FAST_NDJSON_H
#define HUNT_FAST_NDJSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tables/dyn.h"

struct json_t;

typedef enum fnj_type { FNJ_NULL, FNJ_BOOL, FNJ_INT, FNJ_REAL, FNJ_STR, FNJ_NESTED } fnj_type;

/* One JSON value: a scalar, or (FNJ_NESTED) an object or array: its JSON
 * text in s/n when the scanner read it (j NULL), or a jansson tree in j when
 * the record came from jansson. */
typedef struct fnj_value {
    fnj_type t;
    bool b;
    int64_t i;
    double r;
    const char *s; /* FNJ_STR: n bytes, valid UTF-8, may hold NUL bytes */
    size_t n;
    const struct json_t *j;
} fnj_value;

typedef struct fnj_field {
    const char *key; /* NUL-terminated, no NUL inside */
    size_t kn;
    fnj_value v;
} fnj_field;

typedef struct fnj_record {
    fnj_field *f;
    int n, cap;
    char *buf; /* unescaped strings and keys */
    size_t bufcap, bufn;
    dbuf scratch; /* nested values are validated by encoding them here */
} fnj_record;

/* Scans the object in p[0..n) (no surrounding white space) into r. false
 * when the span is anything the scanner leaves to jansson. */
bool fnj_scan(fnj_record *r, const char *p, size_t n);
/* Releases the nested values of the last scan (r stays usable). */
void fnj_clear(fnj_record *r);
void fnj_free(fnj_record *r);

#endif
