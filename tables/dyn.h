/* tables/dyn.h — the compact binary encoding of KQL dynamic values.
 *
 * A dynamic cell is one encoded value: a tag byte followed by its payload.
 * Containers carry their total byte size, so a reader skips a whole subtree
 * in one step and a property lookup never builds a tree on the heap.
 *
 *   DYN_NULL                                  (JSON null)
 *   DYN_FALSE, DYN_TRUE
 *   DYN_LONG     int64 little-endian (8 bytes)
 *   DYN_REAL     double (8 bytes)
 *   DYN_STRING   u32 length, bytes
 *   DYN_DATETIME int64 ticks (8 bytes)      (from datetime values packed
 *   DYN_TIMESPAN int64 ticks (8 bytes)       into dynamic by pack/make_list)
 *   DYN_GUID     16 bytes
 *   DYN_ARRAY    u32 size of whole value, u32 count, elements
 *   DYN_OBJECT   u32 size of whole value, u32 count,
 *                count x (u32 key length, key bytes, value)
 *
 * Object keys keep insertion order (Kusto prints bags that way). Multi-byte
 * numbers are stored unaligned; read them with memcpy (the helpers do).
 *
 * Ownership: encoded values are plain bytes. dbuf is a growable malloc'd
 * buffer owned by its user (dbuf_free). Pointers returned by the lookup
 * functions point into the value they were given.
 */
#ifndef HUNT_DYN_H
#define HUNT_DYN_H

#include "types.h"

enum {
    DYN_NULL = 0,
    DYN_FALSE,
    DYN_TRUE,
    DYN_LONG,
    DYN_REAL,
    DYN_STRING,
    DYN_DATETIME,
    DYN_TIMESPAN,
    DYN_GUID,
    DYN_ARRAY,
    DYN_OBJECT
};

typedef struct dbuf {
    uint8_t *p;
    size_t n, cap;
} dbuf;

void dbuf_free(dbuf *b);
void dbuf_reset(dbuf *b); /* n = 0, keeps the memory */
void dbuf_put(dbuf *b, const void *p, size_t n);

/* --- writing ------------------------------------------------------------ */

void dyn_put_null(dbuf *b);
void dyn_put_bool(dbuf *b, bool v);
void dyn_put_long(dbuf *b, int64_t v);
void dyn_put_real(dbuf *b, double v);
void dyn_put_string(dbuf *b, const char *s, size_t n);
void dyn_put_datetime(dbuf *b, int64_t ticks);
void dyn_put_timespan(dbuf *b, int64_t ticks);
void dyn_put_guid(dbuf *b, const hguid *g);
/* Appends an already encoded value. */
void dyn_put_raw(dbuf *b, const uint8_t *v);

/* Containers: begin returns a mark; each element (array) or key then value
 * (object) is written with the put functions; end patches size and count. */
size_t dyn_begin_array(dbuf *b);
size_t dyn_begin_object(dbuf *b);
void dyn_put_key(dbuf *b, const char *k, size_t n);
void dyn_end(dbuf *b, size_t mark, uint32_t count);

/* Parses JSON text into one encoded value appended to b. Integers that fit
 * int64 become DYN_LONG, other numbers DYN_REAL. Returns false (b unchanged
 * past its old length, err filled when not NULL) when the text is not JSON. */
bool dyn_from_json(const char *s, size_t n, dbuf *b, char *err, size_t errcap);

/* --- reading ------------------------------------------------------------ */

static inline int dyn_tag(const uint8_t *v)
{
    return v[0];
}

/* Byte size of the encoded value at v (tag included). */
size_t dyn_size(const uint8_t *v);

int64_t dyn_long(const uint8_t *v);   /* DYN_LONG, DYN_DATETIME, DYN_TIMESPAN */
double dyn_real(const uint8_t *v);    /* DYN_REAL */
hstr dyn_string(const uint8_t *v);    /* DYN_STRING: points into v */
hguid dyn_guid(const uint8_t *v);     /* DYN_GUID */
uint32_t dyn_count(const uint8_t *v); /* DYN_ARRAY, DYN_OBJECT: element count */

/* Property of an object by key (case-sensitive), or NULL. */
const uint8_t *dyn_get(const uint8_t *v, const char *key, size_t n);
/* Element of an array; a negative index counts from the end. NULL when out
 * of range or v is not an array. */
const uint8_t *dyn_index(const uint8_t *v, int64_t i);

/* Iteration over an array or object: it starts at dyn_first(v) and moves with
 * dyn_next. For objects, *key receives the key and the returned pointer is the
 * value. Returns NULL at the end. */
typedef struct dyn_iter {
    const uint8_t *p;
    uint32_t left;
    bool object;
} dyn_iter;
const uint8_t *dyn_first(const uint8_t *v, dyn_iter *it, hstr *key);
const uint8_t *dyn_next(dyn_iter *it, hstr *key);

/* Deep equality (numbers compare by value across long/real). */
bool dyn_equal(const uint8_t *a, const uint8_t *b);
/* A hash that agrees with dyn_equal: equal values hash alike (1 and 1.0, a
 * bag's keys in any order), for sets of dynamic values. */
uint64_t dyn_hash(const uint8_t *v);

/* Appends the compact JSON text of v to b (no NUL), Kusto style: no spaces;
 * reals as the shortest round-trip text with ".0" added to whole numbers
 * (4.0, 10.5, 1e+20 as 1E+20); datetimes as "2017-01-01T00:00:00.0000000Z";
 * timespans as "01:00:00"; guids as their text. */
void dyn_to_json(const uint8_t *v, dbuf *b);

/* The text tostring() gives a dynamic value: a string's own text without
 * quotes, null as empty, anything else its JSON. Appended to b. */
void dyn_to_text(const uint8_t *v, dbuf *b);

/* --- appended: buffer reservation and the two JSON parsers ---------------- */

/* Makes room for extra bytes at the end of b and returns a pointer to them;
 * b->n is not advanced: write, then dbuf_commit(b, bytes written). The
 * pointer is valid until the next call that grows b. */
void *dbuf_reserve(dbuf *b, size_t extra);
void dbuf_commit(dbuf *b, size_t n);

/* The two parsers behind dyn_from_json, exposed for tests and benchmarks.
 * dyn_parse_json (dyn_parse.c) is the single-pass scanner: DYN_PARSE_OK when
 * it encoded the text; otherwise b is unchanged past its old length and the
 * result is DYN_PARSE_INVALID (jansson rejects the text too) or
 * DYN_PARSE_DEFER (a text it leaves to jansson: integers beyond int64,
 * duplicate keys, very long reals). dyn_from_json_jansson is the reference
 * path, with dyn_from_json's contract; it gives the same bytes whenever
 * dyn_parse_json gives DYN_PARSE_OK. */
enum { DYN_PARSE_OK, DYN_PARSE_INVALID, DYN_PARSE_DEFER };
int dyn_parse_json(const char *s, size_t n, dbuf *b);
bool dyn_from_json_jansson(const char *s, size_t n, dbuf *b, char *err, size_t errcap);

#endif
