/* tables/dyn_parse.c — a single-pass JSON scanner that writes the dynamic
 * encoding of dyn.h straight into a dbuf: no tree, no per-node allocation.
 *
 * It is the fast path of dyn_from_json and must produce byte for byte what
 * the jansson path (dyn_from_json_jansson in dyn.c) produces. It therefore
 * accepts a subset of what jansson 2.14 accepts with JSON_DECODE_ANY |
 * JSON_ALLOW_NUL. It returns DYN_PARSE_INVALID for texts jansson rejects
 * too (bad syntax, bad UTF-8, NUL in a key, real overflow, nesting too
 * deep), and DYN_PARSE_DEFER for valid texts it does not handle itself:
 *   - integers outside int64 (jansson re-reads the whole text with
 *     JSON_DECODE_INT_AS_REAL, see dyn.c),
 *   - duplicate object keys (last value wins at the first key's position),
 *   - reals of 128 characters or more, or strtod stopping early (locale),
 *   - containers or strings beyond the u32 limits of the encoding.
 * dyn_from_json then runs jansson, also for invalid texts when an error
 * message is wanted, so the messages stay jansson's.
 *
 * Grammar notes, all mirroring jansson's lexer: one NUL byte right after a
 * number or literal is skipped (see skip_nul); whitespace is space, tab,
 * CR, LF; nesting depth counts every value (the top-level value is depth 1)
 * and must stay within JSON_PARSER_MAX_DEPTH; strings reject raw bytes below
 * 0x20 and any invalid UTF-8 (overlong forms, surrogates, > U+10FFFF);
 * \uXXXX escapes must pair surrogates. Reals are converted exactly (Clinger's
 * fast path) or with strtod, so they equal jansson's strtod results.
 */
#include "dyn.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct scan {
    const uint8_t *end; /* end of the input */
    dbuf *b;            /* output */
    bool defer;         /* stopped on a text jansson has to decide */
} scan;

static const uint8_t *scan_value(scan *sc, const uint8_t *p, unsigned depth);

/* Stops the scan on a text that may be valid: jansson decides. */
static const uint8_t *defer(scan *sc)
{
    sc->defer = true;
    return NULL;
}

/* --- output ----------------------------------------------------------------- */

/* Pointer to k writable bytes at the end of b (b->n not advanced). */
static inline uint8_t *room(dbuf *b, size_t k)
{
    if (b->cap - b->n < k)
        dbuf_reserve(b, k);
    return b->p + b->n;
}

static inline void put_tag8(dbuf *b, int tag, const void *v)
{
    uint8_t *o = room(b, 9);
    o[0] = (uint8_t)tag;
    memcpy(o + 1, v, 8);
    b->n += 9;
}

static inline void put_tag(dbuf *b, int tag)
{
    *room(b, 1) = (uint8_t)tag;
    b->n++;
}

/* --- whitespace and character classes --------------------------------------- */

static inline const uint8_t *skip_ws(const uint8_t *p, const uint8_t *end)
{
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    return p;
}

static inline bool is_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

/* Plain string bytes are copied as they are: printable ASCII other than the
 * quote and the backslash (0x7F included, as jansson does). */
static inline bool is_plain(uint8_t c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static inline uint64_t has_zero(uint64_t x)
{
    return (x - ONES) & ~x & HIGHS;
}

/* Marks the bytes of x that are not plain (their high bits). Borrows only
 * run upwards, so the lowest mark is exact: it is the first such byte. */
static inline uint64_t not_plain(uint64_t x)
{
    uint64_t bad = (x & HIGHS) | ((x - 0x20 * ONES) & ~x & HIGHS);
    return bad | has_zero(x ^ ('"' * ONES)) | has_zero(x ^ ('\\' * ONES));
}

/* The first byte at or after q that is not plain, or end. */
static inline const uint8_t *skip_plain(const uint8_t *q, const uint8_t *end)
{
    uint64_t x, bad;
    while (end - q >= 8) {
        memcpy(&x, q, 8);
        bad = not_plain(x);
        if (bad)
            return q + (__builtin_ctzll(bad) >> 3);
        q += 8;
    }
    while (q < end && is_plain(*q))
        q++;
    return q;
}

/* Length of the valid UTF-8 sequence at q (a byte >= 0x80), or 0. Same rules
 * as jansson's utf8_check_full. */
static size_t utf8_seq(const uint8_t *q, const uint8_t *end)
{
    uint8_t c = q[0];
    size_t k = c >= 0xC2 && c <= 0xDF   ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    if (!k || (size_t)(end - q) < k)
        return 0;
    uint32_t cp = c & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
    for (size_t i = 1; i < k; i++) {
        if ((q[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (q[i] & 0x3F);
    }
    if (k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
        return 0;
    if (k == 4 && (cp < 0x10000 || cp > 0x10FFFF))
        return 0;
    return k;
}

/* --- strings ---------------------------------------------------------------- */

static int hex4(const uint8_t *q)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        uint8_t c = q[i];
        int d = is_digit(c)            ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

static size_t utf8_put(uint32_t cp, uint8_t *o)
{
    if (cp < 0x80) {
        o[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (uint8_t)(0xC0 | cp >> 6);
        o[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (uint8_t)(0xE0 | cp >> 12);
        o[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (uint8_t)(0xF0 | cp >> 18);
    o[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the \u escape at q (pointing at 'u'), a surrogate pair included,
 * into o. Returns the input bytes used after the backslash, or 0. */
static size_t unicode_escape(const uint8_t *q, const uint8_t *end, uint8_t *o, size_t *out)
{
    if (end - q < 5)
        return 0;
    int v = hex4(q + 1);
    if (v < 0 || (v >= 0xDC00 && v <= 0xDFFF))
        return 0;
    if (v < 0xD800 || v > 0xDBFF) {
        *out = utf8_put((uint32_t)v, o);
        return 5;
    }
    if (end - q < 11 || q[5] != '\\' || q[6] != 'u')
        return 0;
    int lo = hex4(q + 7);
    if (lo < 0xDC00 || lo > 0xDFFF)
        return 0;
    *out = utf8_put(0x10000 + ((uint32_t)(v - 0xD800) << 10) + (uint32_t)(lo - 0xDC00), o);
    return 11;
}

/* Decodes one escape at q (pointing after the backslash) into o. Returns
 * the input bytes used, or 0 when the escape is invalid. */
static size_t escape(const uint8_t *q, const uint8_t *end, uint8_t *o, size_t *out)
{
    static const uint8_t simple[256] = {['"'] = '"',  ['\\'] = '\\', ['/'] = '/',  ['b'] = '\b',
                                        ['f'] = '\f', ['n'] = '\n',  ['r'] = '\r', ['t'] = '\t'};
    if (q >= end)
        return 0;
    if (*q == 'u')
        return unicode_escape(q, end, o, out);
    if (!simple[*q])
        return 0;
    *o = simple[*q];
    *out = 1;
    return 1;
}

/* End of a string with escapes: the closing quote at or after q, or NULL. */
static const uint8_t *string_end(const uint8_t *q, const uint8_t *end)
{
    while (q < end && *q != '"')
        q += *q == '\\' ? 2 : 1;
    return q < end ? q : NULL;
}

/* Decodes the string body from q (after the plain prefix already copied to
 * o) up to the closing quote; o has room for the rest of the input string.
 * Returns the pointer after the closing quote and sets *len, or NULL. Sets
 * *nul when a \u0000 was decoded. */
static const uint8_t *decode_rest(const uint8_t *q, const uint8_t *end, uint8_t *o, size_t *len,
                                  bool *nul)
{
    uint8_t *o0 = o;
    for (;;) {
        const uint8_t *r = skip_plain(q, end);
        memcpy(o, q, (size_t)(r - q));
        o += r - q;
        q = r;
        if (q >= end || *q < 0x20)
            return NULL;
        if (*q == '"')
            break;
        size_t used, w;
        if (*q == '\\') {
            used = escape(q + 1, end, o, &w);
            if (!used)
                return NULL;
            *nul |= w == 1 && *o == 0;
            q += used + 1;
        } else {
            w = used = utf8_seq(q, end);
            if (!used)
                return NULL;
            memcpy(o, q, used);
            q += used;
        }
        o += w;
    }
    *len = *len + (size_t)(o - o0);
    return q + 1;
}

/* Writes the header of a string of n bytes at o: tag and u32 length, or
 * only the length for a key (hdr 4). */
static void string_header(uint8_t *o, size_t hdr, size_t n)
{
    uint32_t n32 = (uint32_t)n;
    if (hdr == 5)
        *o++ = DYN_STRING;
    memcpy(o, &n32, 4);
}

/* A string at p (after the opening quote). Writes the header and the
 * decoded bytes. Returns the pointer after the closing quote, or NULL. */
static const uint8_t *scan_string(scan *sc, const uint8_t *p, bool key)
{
    const uint8_t *q = p, *end = sc->end;
    size_t hdr = key ? 4 : 5;
    for (;;) {
        q = skip_plain(q, end);
        if (q >= end || *q == '\\' || *q < 0x20)
            break;
        if (*q == '"') {
            size_t n = (size_t)(q - p);
            if (n > UINT32_MAX - 16)
                return defer(sc);
            uint8_t *o = room(sc->b, hdr + (n < 16 ? 16 : n));
            string_header(o, hdr, n);
            if (n <= 16 && end - p >= 16)
                memcpy(o + hdr, p, 16); /* one fixed move; the excess is scratch */
            else
                memcpy(o + hdr, p, n);
            sc->b->n += hdr + n;
            return q + 1;
        }
        size_t k = utf8_seq(q, end);
        if (!k)
            return NULL;
        q += k;
    }
    if (q >= end || *q != '\\')
        return NULL;
    /* escapes: decoded length <= the input length up to the closing quote */
    const uint8_t *close = string_end(q, end);
    if (!close)
        return NULL;
    if ((size_t)(close - p) > UINT32_MAX - 16)
        return defer(sc);
    uint8_t *o = room(sc->b, hdr + (size_t)(close - p));
    size_t n = (size_t)(q - p);
    memcpy(o + hdr, p, n);
    bool nul = false;
    const uint8_t *after = decode_rest(q, end, o + hdr + n, &n, &nul);
    if (!after || (key && nul))
        return NULL;
    string_header(o, hdr, n);
    sc->b->n += hdr + n;
    return after;
}

/* --- numbers ---------------------------------------------------------------- */

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Mantissa digits of a number: value = m * 10^exp10, exact unless many. */
typedef struct mant {
    uint64_t m;
    int exp10;
    int digits; /* significant digits taken into m */
    bool many;  /* more than 19 significant digits: m is truncated */
} mant;

static inline void mant_digit(mant *t, uint8_t c, bool frac)
{
    if (t->digits >= 19) {
        t->many = true;
        return;
    }
    t->m = t->m * 10 + (uint64_t)(c - '0');
    t->digits += t->m != 0;
    t->exp10 -= frac;
}

/* Reads digits into t; returns the pointer after them. */
static const uint8_t *digits(const uint8_t *p, const uint8_t *end, mant *t, bool frac)
{
    while (p < end && is_digit(*p))
        mant_digit(t, *p++, frac);
    return p;
}

/* The exponent part after 'e'/'E'; NULL when it has no digits. */
static const uint8_t *exponent(const uint8_t *p, const uint8_t *end, mant *t)
{
    int sign = 1, e = 0;
    if (p < end && (*p == '+' || *p == '-'))
        sign = *p++ == '-' ? -1 : 1;
    if (p >= end || !is_digit(*p))
        return NULL;
    for (; p < end && is_digit(*p); p++)
        if (e < 100000)
            e = e * 10 + (*p - '0');
    t->exp10 += sign * e;
    return p;
}

/* strtod over the text [s, e), as jansson does; false on overflow (jansson
 * rejects it too), or, deferring, when the text is too long for the local
 * copy or strtod stops early (a locale whose decimal point is not '.'). */
__attribute__((noinline)) /* keeps its buffer off the recursion's frames */
static bool
slow_real(scan *sc, const uint8_t *s, const uint8_t *e, double *out)
{
    char t[128], *stop;
    size_t n = (size_t)(e - s);
    if (n >= sizeof t)
        return defer(sc);
    memcpy(t, s, n);
    t[n] = 0;
    errno = 0;
    double v = strtod(t, &stop);
    if (stop != t + n)
        return defer(sc);
    if ((v == HUGE_VAL || v == -HUGE_VAL) && errno == ERANGE)
        return false;
    *out = v;
    return true;
}

static bool real_value(scan *sc, const uint8_t *s, const uint8_t *e, const mant *t, bool neg,
                       double *out)
{
    if (!t->many && t->m == 0) {
        *out = neg ? -0.0 : 0.0;
        return true;
    }
    if (!t->many && t->m <= (1ull << 53) && t->exp10 >= -22 && t->exp10 <= 22) {
        double v = (double)t->m;
        v = t->exp10 < 0 ? v / pow10_exact[-t->exp10] : v * pow10_exact[t->exp10];
        *out = neg ? -v : v;
        return true;
    }
    return slow_real(sc, s, e, out);
}

/* An integer of the text: false when it overflows int64 (jansson then
 * re-reads the text with integers as reals). */
static bool int_value(const mant *t, bool neg, int64_t *out)
{
    if (t->many)
        return false;
    if (neg) {
        if (t->m > (uint64_t)INT64_MAX + 1)
            return false;
        *out = t->m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)t->m;
        return true;
    }
    if (t->m > (uint64_t)INT64_MAX)
        return false;
    *out = (int64_t)t->m;
    return true;
}

static const uint8_t *scan_number(scan *sc, const uint8_t *p)
{
    const uint8_t *s = p, *end = sc->end;
    bool neg = *p == '-';
    mant t = {0, 0, 0, false};
    p += neg;
    if (p >= end || !is_digit(*p))
        return NULL;
    if (*p == '0') {
        p++;
        if (p < end && is_digit(*p))
            return NULL;
    } else {
        p = digits(p, end, &t, false);
    }
    bool real = p < end && (*p == '.' || *p == 'e' || *p == 'E');
    if (!real) {
        int64_t v;
        if (!int_value(&t, neg, &v))
            return defer(sc);
        put_tag8(sc->b, DYN_LONG, &v);
        return p;
    }
    if (*p == '.') {
        p++;
        if (p >= end || !is_digit(*p))
            return NULL;
        p = digits(p, end, &t, true);
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p = exponent(p + 1, end, &t);
        if (!p)
            return NULL;
    }
    double d;
    if (!real_value(sc, s, p, &t, neg, &d))
        return NULL;
    put_tag8(sc->b, DYN_REAL, &d);
    return p;
}

/* --- literals --------------------------------------------------------------- */

static const uint8_t *scan_literal(scan *sc, const uint8_t *p, const char *word, size_t n, int tag)
{
    if ((size_t)(sc->end - p) < n || memcmp(p, word, n) != 0)
        return NULL;
    put_tag(sc->b, tag);
    return p + n;
}

/* --- containers ------------------------------------------------------------- */

static size_t begin(dbuf *b, int tag)
{
    size_t mark = b->n;
    uint8_t *o = room(b, 9);
    o[0] = (uint8_t)tag;
    b->n += 9;
    return mark;
}

static bool finish(scan *sc, size_t mark, size_t count)
{
    dbuf *b = sc->b;
    size_t size = b->n - mark;
    if (size > UINT32_MAX || count > UINT32_MAX)
        return defer(sc);
    uint32_t s32 = (uint32_t)size, c32 = (uint32_t)count;
    memcpy(b->p + mark + 1, &s32, 4);
    memcpy(b->p + mark + 5, &c32, 4);
    return true;
}

/* After an element: ',' (returns the next element's start) or the closer
 * (sets *done). */
static const uint8_t *separator(const uint8_t *p, const uint8_t *end, uint8_t closer, bool *done)
{
    p = skip_ws(p, end);
    if (p >= end)
        return NULL;
    if (*p == closer) {
        *done = true;
        return p + 1;
    }
    if (*p != ',')
        return NULL;
    return skip_ws(p + 1, end);
}

static const uint8_t *scan_array(scan *sc, const uint8_t *p, unsigned depth)
{
    size_t mark = begin(sc->b, DYN_ARRAY), count = 0;
    p = skip_ws(p + 1, sc->end);
    bool done = p < sc->end && *p == ']';
    if (done)
        p++;
    while (!done) {
        p = scan_value(sc, p, depth + 1);
        if (!p)
            return NULL;
        count++;
        p = separator(p, sc->end, ']', &done);
        if (!p)
            return NULL;
    }
    return finish(sc, mark, count) ? p : NULL;
}

/* --- duplicate keys ----------------------------------------------------------
 * A 64-bit Bloom filter of key hashes catches nearly all keys as new; on a
 * hit, the keys written so far are compared. Past BIG_OBJECT keys a hash table
 * of key offsets (relative to the object's mark) takes over.
 */
enum { BIG_OBJECT = 32 };

typedef struct keyset {
    uint64_t bloom;
    uint32_t *slot; /* offset of a key's length field + 1; 0 = empty */
    size_t cap, used;
} keyset;

/* Full hash of a key, for the table. */
static uint64_t key_hash(const uint8_t *k, uint32_t n)
{
    uint64_t h = 0xcbf29ce484222325ull ^ n;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ k[i]) * 0x100000001b3ull;
    return h ^ h >> 29;
}

/* Bloom bit of a key from its length and its first and last 4 bytes. */
static inline uint64_t key_bit(const uint8_t *k, uint32_t n)
{
    uint64_t x = 0;
    if (n >= 4) {
        uint32_t a, z;
        memcpy(&a, k, 4);
        memcpy(&z, k + n - 4, 4);
        x = (uint64_t)a << 32 | z;
    } else {
        for (uint32_t i = 0; i < n; i++)
            x = x << 8 | k[i];
    }
    x = (x ^ n) * 0x9E3779B97F4A7C15ull;
    return 1ull << (x >> 58);
}

static bool key_at(const uint8_t *e, const uint8_t *k, uint32_t n)
{
    uint32_t en;
    memcpy(&en, e, 4);
    return en == n && memcmp(e + 4, k, n) == 0;
}

/* Linear search of the count keys of the object at obj for k. */
static bool key_seen(const uint8_t *obj, size_t count, const uint8_t *k, uint32_t n)
{
    const uint8_t *e = obj + 9;
    for (size_t i = 0; i < count; i++) {
        uint32_t en;
        memcpy(&en, e, 4);
        if (key_at(e, k, n))
            return true;
        e += 4 + en;
        e += dyn_size(e);
    }
    return false;
}

/* Inserts the key at offset off (from obj); false if it is already there. */
static bool table_add(keyset *ks, const uint8_t *obj, uint32_t off)
{
    uint32_t n;
    memcpy(&n, obj + off, 4);
    const uint8_t *k = obj + off + 4;
    size_t mask = ks->cap - 1;
    for (size_t i = key_hash(k, n) & mask;; i = (i + 1) & mask) {
        if (!ks->slot[i]) {
            ks->slot[i] = off + 1;
            ks->used++;
            return true;
        }
        if (key_at(obj + ks->slot[i] - 1, k, n))
            return false;
    }
}

/* (Re)builds the table with room for twice the count keys at obj. */
static void table_build(keyset *ks, const uint8_t *obj, size_t count)
{
    size_t cap = 64;
    while (cap < 4 * count)
        cap *= 2;
    free(ks->slot);
    ks->slot = calloc(cap, sizeof *ks->slot);
    if (!ks->slot)
        abort();
    ks->cap = cap;
    ks->used = 0;
    const uint8_t *e = obj + 9;
    for (size_t i = 0; i < count; i++) {
        uint32_t en;
        memcpy(&en, e, 4);
        table_add(ks, obj, (uint32_t)(e - obj));
        e += 4 + en;
        e += dyn_size(e);
    }
}

/* The key just written at offset off of the object at obj, which already
 * holds count keys: false when it repeats one of them. */
static bool key_new(keyset *ks, const uint8_t *obj, size_t count, uint32_t off)
{
    uint32_t n;
    memcpy(&n, obj + off, 4);
    const uint8_t *k = obj + off + 4;
    if (count < BIG_OBJECT) {
        uint64_t bit = key_bit(k, n);
        bool maybe = ks->bloom & bit;
        ks->bloom |= bit;
        return !maybe || !key_seen(obj, count, k, n);
    }
    if (!ks->slot || 2 * (ks->used + 1) > ks->cap)
        table_build(ks, obj, count);
    return table_add(ks, obj, off);
}

static const uint8_t *scan_member(scan *sc, const uint8_t *p, size_t mark, size_t count, keyset *ks,
                                  unsigned depth)
{
    if (p >= sc->end || *p != '"')
        return NULL;
    size_t key_off = sc->b->n - mark;
    p = scan_string(sc, p + 1, true);
    if (!p)
        return NULL;
    if (key_off > UINT32_MAX || !key_new(ks, sc->b->p + mark, count, (uint32_t)key_off))
        return defer(sc); /* a duplicate key: the last value wins in place */
    p = skip_ws(p, sc->end);
    if (p >= sc->end || *p != ':')
        return NULL;
    p = skip_ws(p + 1, sc->end);
    return scan_value(sc, p, depth + 1);
}

static const uint8_t *scan_object(scan *sc, const uint8_t *p, unsigned depth)
{
    size_t mark = begin(sc->b, DYN_OBJECT), count = 0;
    keyset ks = {0, NULL, 0, 0};
    p = skip_ws(p + 1, sc->end);
    bool done = p < sc->end && *p == '}';
    if (done)
        p++;
    while (!done && p) {
        p = scan_member(sc, p, mark, count, &ks, depth);
        if (p) {
            count++;
            p = separator(p, sc->end, '}', &done);
        }
    }
    free(ks.slot);
    return p && finish(sc, mark, count) ? p : NULL;
}

/* --- values -----------------------------------------------------------------
 * A jansson quirk: its lexer reads one byte past a number or a bare word and
 * pushes it back; a pushed-back NUL byte looks like an empty lookahead buffer
 * and is lost. So one NUL right after a number, true, false or null is
 * skipped ("[1\0]" is [1]); anywhere else a NUL is an error.
 */

static inline const uint8_t *skip_nul(const uint8_t *p, const uint8_t *end)
{
    return p && p < end && *p == 0 ? p + 1 : p;
}

static const uint8_t *scan_value(scan *sc, const uint8_t *p, unsigned depth)
{
    if (p >= sc->end || depth > JSON_PARSER_MAX_DEPTH)
        return NULL;
    switch (*p) {
    case '"':
        return scan_string(sc, p + 1, false);
    case '{':
        return scan_object(sc, p, depth);
    case '[':
        return scan_array(sc, p, depth);
    case 't':
        return skip_nul(scan_literal(sc, p, "true", 4, DYN_TRUE), sc->end);
    case 'f':
        return skip_nul(scan_literal(sc, p, "false", 5, DYN_FALSE), sc->end);
    case 'n':
        return skip_nul(scan_literal(sc, p, "null", 4, DYN_NULL), sc->end);
    default:
        return *p == '-' || is_digit(*p) ? skip_nul(scan_number(sc, p), sc->end) : NULL;
    }
}

int dyn_parse_json(const char *s, size_t n, dbuf *b)
{
    if (!s)
        return DYN_PARSE_INVALID;
    scan sc = {(const uint8_t *)s + n, b, false};
    size_t old = b->n;
    const uint8_t *p = skip_ws((const uint8_t *)s, sc.end);
    p = scan_value(&sc, p, 1);
    if (p)
        p = skip_ws(p, sc.end);
    if (p == sc.end)
        return DYN_PARSE_OK;
    b->n = old;
    return sc.defer ? DYN_PARSE_DEFER : DYN_PARSE_INVALID;
}
