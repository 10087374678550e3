/* tables/dyn.c — writing, reading and printing the binary dynamic encoding.
 *
 * The layout is documented in dyn.h: a tag byte, then a payload; containers
 * start with their total byte size and element count so readers can skip a
 * subtree in O(1). All multi-byte fields are unaligned little-endian (host
 * order on every target we build for) and are accessed through memcpy.
 *
 * dyn_from_json first runs the single-pass scanner of dyn_parse.c; texts it
 * defers (huge integers, duplicate keys) and errors that need a message go
 * to jansson (insertion-ordered objects since 2.14), whose tree is walked
 * once; dyn_to_json prints Kusto's compact JSON, the way
 * Newtonsoft.Json writes it: no spaces, whole reals with ".0", non-ASCII
 * kept as UTF-8, control characters and U+0085/U+2028/U+2029 escaped.
 */
#include "dyn.h"

#include <jansson.h>
#include <xxhash.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- dbuf ------------------------------------------------------------------ */

void dbuf_free(dbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

void dbuf_reset(dbuf *b)
{
    b->n = 0;
}

void *dbuf_reserve(dbuf *b, size_t extra)
{
    if (b->cap - b->n >= extra && b->p)
        return b->p + b->n;
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->n < extra && cap <= SIZE_MAX / 2)
        cap *= 2;
    if (cap - b->n < extra)
        cap = 0; /* cannot grow: fails below */
    uint8_t *p = cap ? realloc(b->p, cap) : NULL;
    if (!p) {
        fprintf(stderr, "hunt: out of memory (dynamic buffer of %zu bytes)\n", cap);
        abort();
    }
    b->p = p;
    b->cap = cap;
    return b->p + b->n;
}

void dbuf_commit(dbuf *b, size_t n)
{
    b->n += n;
}

void dbuf_put(dbuf *b, const void *p, size_t n)
{
    if (!n)
        return;
    dbuf_reserve(b, n);
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void put_byte(dbuf *b, uint8_t c)
{
    dbuf_put(b, &c, 1);
}

static void put_u32(dbuf *b, uint32_t v)
{
    dbuf_put(b, &v, 4);
}

static void put_str(dbuf *b, const char *s)
{
    dbuf_put(b, s, strlen(s));
}

static uint32_t rd_u32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* --- writing --------------------------------------------------------------- */

void dyn_put_null(dbuf *b)
{
    put_byte(b, DYN_NULL);
}

void dyn_put_bool(dbuf *b, bool v)
{
    put_byte(b, v ? DYN_TRUE : DYN_FALSE);
}

static void put_tagged8(dbuf *b, int tag, const void *v)
{
    uint8_t t[9];
    t[0] = (uint8_t)tag;
    memcpy(t + 1, v, 8);
    dbuf_put(b, t, 9);
}

void dyn_put_long(dbuf *b, int64_t v)
{
    put_tagged8(b, DYN_LONG, &v);
}

void dyn_put_real(dbuf *b, double v)
{
    put_tagged8(b, DYN_REAL, &v);
}

void dyn_put_datetime(dbuf *b, int64_t ticks)
{
    put_tagged8(b, DYN_DATETIME, &ticks);
}

void dyn_put_timespan(dbuf *b, int64_t ticks)
{
    put_tagged8(b, DYN_TIMESPAN, &ticks);
}

void dyn_put_string(dbuf *b, const char *s, size_t n)
{
    put_byte(b, DYN_STRING);
    put_u32(b, (uint32_t)n);
    dbuf_put(b, s, n);
}

void dyn_put_guid(dbuf *b, const hguid *g)
{
    put_byte(b, DYN_GUID);
    dbuf_put(b, g->b, 16);
}

void dyn_put_raw(dbuf *b, const uint8_t *v)
{
    dbuf_put(b, v, dyn_size(v));
}

static size_t begin_container(dbuf *b, int tag)
{
    size_t mark = b->n;
    uint8_t h[9] = {(uint8_t)tag};
    dbuf_put(b, h, 9);
    return mark;
}

size_t dyn_begin_array(dbuf *b)
{
    return begin_container(b, DYN_ARRAY);
}

size_t dyn_begin_object(dbuf *b)
{
    return begin_container(b, DYN_OBJECT);
}

void dyn_put_key(dbuf *b, const char *k, size_t n)
{
    put_u32(b, (uint32_t)n);
    dbuf_put(b, k, n);
}

void dyn_end(dbuf *b, size_t mark, uint32_t count)
{
    uint32_t size = (uint32_t)(b->n - mark);
    memcpy(b->p + mark + 1, &size, 4);
    memcpy(b->p + mark + 5, &count, 4);
}

/* --- reading --------------------------------------------------------------- */

/* Byte size of the value at v; inlined into the lookups and iteration. */
static inline size_t size_of(const uint8_t *v)
{
    /* sizes of the fixed-size tags; 0 marks the ones with a length field */
    static const uint8_t fixed[256] = {
        [DYN_NULL] = 1, [DYN_FALSE] = 1,    [DYN_TRUE] = 1,     [DYN_LONG] = 9,
        [DYN_REAL] = 9, [DYN_DATETIME] = 9, [DYN_TIMESPAN] = 9, [DYN_GUID] = 17,
    };
    if (fixed[v[0]])
        return fixed[v[0]];
    if (v[0] == DYN_STRING)
        return 5 + (size_t)rd_u32(v + 1);
    if (v[0] == DYN_ARRAY || v[0] == DYN_OBJECT)
        return rd_u32(v + 1);
    return 1; /* unknown tags count as one byte, as before */
}

size_t dyn_size(const uint8_t *v)
{
    return size_of(v);
}

int64_t dyn_long(const uint8_t *v)
{
    int64_t x;
    memcpy(&x, v + 1, 8);
    return x;
}

double dyn_real(const uint8_t *v)
{
    double x;
    memcpy(&x, v + 1, 8);
    return x;
}

hstr dyn_string(const uint8_t *v)
{
    hstr s = {(const char *)v + 5, rd_u32(v + 1)};
    return s;
}

hguid dyn_guid(const uint8_t *v)
{
    hguid g;
    memcpy(g.b, v + 1, 16);
    return g;
}

uint32_t dyn_count(const uint8_t *v)
{
    return v[0] == DYN_ARRAY || v[0] == DYN_OBJECT ? rd_u32(v + 5) : 0;
}

const uint8_t *dyn_first(const uint8_t *v, dyn_iter *it, hstr *key)
{
    it->p = NULL;
    it->left = 0;
    it->object = v[0] == DYN_OBJECT;
    if (v[0] != DYN_ARRAY && v[0] != DYN_OBJECT)
        return NULL;
    it->p = v + 9;
    it->left = rd_u32(v + 5);
    return dyn_next(it, key);
}

const uint8_t *dyn_next(dyn_iter *it, hstr *key)
{
    if (!it->left)
        return NULL;
    const uint8_t *p = it->p;
    if (it->object) {
        uint32_t kn = rd_u32(p);
        if (key) {
            key->p = (const char *)p + 4;
            key->n = kn;
        }
        p += 4 + kn;
    }
    it->p = p + size_of(p);
    it->left--;
    return p;
}

/* A straight walk over the members: compares the length and first byte
 * before memcmp, and skips each value by its size. */
const uint8_t *dyn_get(const uint8_t *v, const char *key, size_t n)
{
    if (v[0] != DYN_OBJECT)
        return NULL;
    uint32_t count = rd_u32(v + 5);
    const uint8_t *p = v + 9;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t kn = rd_u32(p);
        const uint8_t *val = p + 4 + kn;
        if (kn == n && (n == 0 || (p[4] == (uint8_t)key[0] && memcmp(p + 4, key, n) == 0)))
            return val;
        p = val + size_of(val);
    }
    return NULL;
}

const uint8_t *dyn_index(const uint8_t *v, int64_t i)
{
    if (v[0] != DYN_ARRAY)
        return NULL;
    int64_t count = rd_u32(v + 5);
    if (i < 0)
        i += count;
    if (i < 0 || i >= count)
        return NULL;
    const uint8_t *p = v + 9;
    while (i--)
        p += size_of(p);
    return p;
}

/* --- equality -------------------------------------------------------------- */

static bool is_num_tag(int t)
{
    return t == DYN_LONG || t == DYN_REAL;
}

static bool num_equal(const uint8_t *a, const uint8_t *b)
{
    if (a[0] == DYN_LONG && b[0] == DYN_LONG)
        return dyn_long(a) == dyn_long(b);
    double x = a[0] == DYN_LONG ? (double)dyn_long(a) : dyn_real(a);
    double y = b[0] == DYN_LONG ? (double)dyn_long(b) : dyn_real(b);
    return x == y;
}

static bool object_equal(const uint8_t *a, const uint8_t *b)
{
    /* same keys with equal values, in any order */
    dyn_iter it;
    hstr k;
    for (const uint8_t *e = dyn_first(a, &it, &k); e; e = dyn_next(&it, &k)) {
        const uint8_t *o = dyn_get(b, k.p, k.n);
        if (!o || !dyn_equal(e, o))
            return false;
    }
    return true;
}

uint64_t dyn_hash(const uint8_t *v)
{
    switch (v[0]) {
    case DYN_LONG:
    case DYN_REAL: {
        /* by value as dyn_equal compares numbers: 1 and 1.0 alike, 0 and -0 */
        double d = v[0] == DYN_LONG ? (double)dyn_long(v) : dyn_real(v);
        if (d == 0)
            d = 0;
        return XXH3_64bits(&d, sizeof d);
    }
    case DYN_DATETIME:
    case DYN_TIMESPAN: {
        int64_t t = dyn_long(v);
        return XXH3_64bits_withSeed(&t, sizeof t, v[0]);
    }
    case DYN_STRING:
        return XXH3_64bits_withSeed(v + 5, rd_u32(v + 1), DYN_STRING);
    case DYN_GUID:
        return XXH3_64bits_withSeed(v + 1, 16, DYN_GUID);
    case DYN_ARRAY: {
        uint64_t h = 0x9e3779b97f4a7c15u ^ dyn_count(v);
        dyn_iter it;
        for (const uint8_t *e = dyn_first(v, &it, NULL); e; e = dyn_next(&it, NULL))
            h = (h ^ dyn_hash(e)) * 0x100000001b3u; /* in order */
        return h;
    }
    case DYN_OBJECT: {
        uint64_t h = 0xcbf29ce484222325u ^ dyn_count(v);
        dyn_iter it;
        hstr k;
        for (const uint8_t *e = dyn_first(v, &it, &k); e; e = dyn_next(&it, &k))
            h += XXH3_64bits(k.p, k.n) * 31 + dyn_hash(e); /* in any order */
        return h;
    }
    default:
        return v[0]; /* null, true, false */
    }
}

bool dyn_equal(const uint8_t *a, const uint8_t *b)
{
    if (is_num_tag(a[0]) && is_num_tag(b[0]))
        return num_equal(a, b);
    if (a[0] != b[0])
        return false;
    switch (a[0]) {
    case DYN_DATETIME:
    case DYN_TIMESPAN:
        return dyn_long(a) == dyn_long(b);
    case DYN_STRING:
        return rd_u32(a + 1) == rd_u32(b + 1) && memcmp(a + 5, b + 5, rd_u32(a + 1)) == 0;
    case DYN_GUID:
        return memcmp(a + 1, b + 1, 16) == 0;
    case DYN_ARRAY: {
        if (dyn_count(a) != dyn_count(b))
            return false;
        dyn_iter ia, ib;
        const uint8_t *x = dyn_first(a, &ia, NULL), *y = dyn_first(b, &ib, NULL);
        for (; x; x = dyn_next(&ia, NULL), y = dyn_next(&ib, NULL))
            if (!dyn_equal(x, y))
                return false;
        return true;
    }
    case DYN_OBJECT:
        return dyn_count(a) == dyn_count(b) && object_equal(a, b);
    default:
        return true;
    }
}

/* --- JSON output ----------------------------------------------------------- */

static void out_string(dbuf *b, const char *s, size_t n)
{
    static const char hx[] = "0123456789abcdef";
    put_byte(b, '"');
    size_t run = 0; /* start of the pending unescaped run */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[7];
        size_t skip = 1;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\b')
            esc = "\\b";
        else if (c == '\f')
            esc = "\\f";
        else if (c < 0x20) {
            snprintf(u, sizeof u, "\\u00%c%c", hx[c >> 4], hx[c & 15]);
            esc = u;
        } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85) {
            esc = "\\u0085";
            skip = 2;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            skip = 3;
        }
        if (!esc)
            continue;
        dbuf_put(b, s + run, i - run);
        put_str(b, esc);
        i += skip - 1;
        run = i + 1;
    }
    dbuf_put(b, s + run, n - run);
    put_byte(b, '"');
}

static void out_real(dbuf *b, double v)
{
    char t[48];
    if (isnan(v)) {
        put_str(b, "\"NaN\"");
        return;
    }
    if (isinf(v)) {
        put_str(b, v < 0 ? "\"-Infinity\"" : "\"Infinity\"");
        return;
    }
    size_t n = ht_format_real(v, t);
    dbuf_put(b, t, n);
    if (!memchr(t, '.', n) && !memchr(t, 'E', n))
        put_str(b, ".0");
}

static void out_text(dbuf *b, const char *s, size_t n, bool quote)
{
    if (quote)
        put_byte(b, '"');
    dbuf_put(b, s, n);
    if (quote)
        put_byte(b, '"');
}

/* Scalars that print as a quoted string in JSON and bare in tostring(). */
static bool scalar_text(const uint8_t *v, dbuf *b, bool quote)
{
    char t[48];
    switch (v[0]) {
    case DYN_DATETIME:
        out_text(b, t, ht_format_datetime_full(dyn_long(v), t), quote);
        return true;
    case DYN_TIMESPAN:
        out_text(b, t, ht_format_timespan(dyn_long(v), t), quote);
        return true;
    case DYN_GUID: {
        hguid g = dyn_guid(v);
        out_text(b, t, ht_format_guid(&g, t), quote);
        return true;
    }
    default:
        return false;
    }
}

void dyn_to_json(const uint8_t *v, dbuf *b)
{
    char t[32];
    dyn_iter it;
    hstr k;
    const uint8_t *e;
    switch (v[0]) {
    case DYN_NULL:
        put_str(b, "null");
        break;
    case DYN_FALSE:
        put_str(b, "false");
        break;
    case DYN_TRUE:
        put_str(b, "true");
        break;
    case DYN_LONG:
        dbuf_put(b, t, (size_t)snprintf(t, sizeof t, "%lld", (long long)dyn_long(v)));
        break;
    case DYN_REAL:
        out_real(b, dyn_real(v));
        break;
    case DYN_STRING:
        out_string(b, (const char *)v + 5, rd_u32(v + 1));
        break;
    case DYN_ARRAY:
        put_byte(b, '[');
        for (e = dyn_first(v, &it, NULL); e; e = dyn_next(&it, NULL)) {
            dyn_to_json(e, b);
            if (it.left)
                put_byte(b, ',');
        }
        put_byte(b, ']');
        break;
    case DYN_OBJECT:
        put_byte(b, '{');
        for (e = dyn_first(v, &it, &k); e; e = dyn_next(&it, &k)) {
            out_string(b, k.p, k.n);
            put_byte(b, ':');
            dyn_to_json(e, b);
            if (it.left)
                put_byte(b, ',');
        }
        put_byte(b, '}');
        break;
    default:
        scalar_text(v, b, true);
        break;
    }
}

void dyn_to_text(const uint8_t *v, dbuf *b)
{
    if (v[0] == DYN_NULL)
        return;
    if (v[0] == DYN_STRING) {
        dbuf_put(b, v + 5, rd_u32(v + 1));
        return;
    }
    if (!scalar_text(v, b, false))
        dyn_to_json(v, b);
}

/* --- JSON input ------------------------------------------------------------ */

/* ints_as_real: the text was loaded with JSON_DECODE_INT_AS_REAL because an
 * integer overflowed int64; whole reals in int64 range are then taken back as
 * longs (a literal "1.0" in such a document becomes the long 1). */
static bool encode_json(const json_t *j, dbuf *b, bool ints_as_real);

static bool encode_array(const json_t *j, dbuf *b, bool ints_as_real)
{
    size_t n = json_array_size(j);
    if (n > UINT32_MAX)
        return false;
    size_t mark = dyn_begin_array(b);
    for (size_t i = 0; i < n; i++)
        if (!encode_json(json_array_get(j, i), b, ints_as_real))
            return false;
    if (b->n - mark > UINT32_MAX)
        return false;
    dyn_end(b, mark, (uint32_t)n);
    return true;
}

static bool encode_object(const json_t *j, dbuf *b, bool ints_as_real)
{
    size_t mark = dyn_begin_object(b), n = 0;
    const char *key;
    size_t klen;
    json_t *val;
    json_object_keylen_foreach((json_t *)j, key, klen, val)
    {
        dyn_put_key(b, key, klen);
        if (!encode_json(val, b, ints_as_real))
            return false;
        n++;
    }
    if (b->n - mark > UINT32_MAX || n > UINT32_MAX)
        return false;
    dyn_end(b, mark, (uint32_t)n);
    return true;
}

static bool encode_json(const json_t *j, dbuf *b, bool ints_as_real)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT:
        return encode_object(j, b, ints_as_real);
    case JSON_ARRAY:
        return encode_array(j, b, ints_as_real);
    case JSON_STRING:
        if (json_string_length(j) > UINT32_MAX - 16)
            return false;
        dyn_put_string(b, json_string_value(j), json_string_length(j));
        return true;
    case JSON_INTEGER:
        dyn_put_long(b, (int64_t)json_integer_value(j));
        return true;
    case JSON_REAL: {
        double d = json_real_value(j);
        if (ints_as_real && d == floor(d) && d >= -9223372036854775808.0 &&
            d < 9223372036854775808.0)
            dyn_put_long(b, (int64_t)d);
        else
            dyn_put_real(b, d);
        return true;
    }
    case JSON_TRUE:
        dyn_put_bool(b, true);
        return true;
    case JSON_FALSE:
        dyn_put_bool(b, false);
        return true;
    default:
        dyn_put_null(b);
        return true;
    }
}

static bool int_overflow(const json_error_t *e)
{
    return strstr(e->text, "too big") != NULL;
}

bool dyn_from_json_jansson(const char *s, size_t n, dbuf *b, char *err, size_t errcap)
{
    const size_t flags = JSON_DECODE_ANY | JSON_ALLOW_NUL;
    json_error_t je;
    bool ints_as_real = false;
    json_t *j = json_loadb(s, n, flags, &je);
    if (!j && int_overflow(&je)) {
        j = json_loadb(s, n, flags | JSON_DECODE_INT_AS_REAL, &je);
        ints_as_real = true;
    }
    if (!j) {
        if (err && errcap)
            snprintf(err, errcap, "invalid JSON at line %d, column %d: %s", je.line, je.column,
                     je.text);
        return false;
    }
    size_t old = b->n;
    bool ok = encode_json(j, b, ints_as_real);
    json_decref(j);
    if (!ok) {
        b->n = old;
        if (err && errcap)
            snprintf(err, errcap, "JSON value too large for a dynamic value");
    }
    return ok;
}

/* The scanner first; jansson for the texts it defers, and for invalid ones
 * when the caller wants jansson's error message. */
bool dyn_from_json(const char *s, size_t n, dbuf *b, char *err, size_t errcap)
{
    int r = dyn_parse_json(s, n, b);
    if (r == DYN_PARSE_OK)
        return true;
    if (r == DYN_PARSE_INVALID && !(err && errcap))
        return false;
    return dyn_from_json_jansson(s, n, b, err, errcap);
}
