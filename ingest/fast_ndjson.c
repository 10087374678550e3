/* ingest/fast_ndjson.c — the flat-record scanner (see fast_ndjson.h).
 *
 * One pass over the span: keys and string values are checked for JSON's
 * rules (no control characters, valid escapes, surrogate pairs) and for
 * valid UTF-8 as jansson checks it (no overlong forms, no surrogates, no
 * code point above U+10FFFF); strings without escapes point into the input.
 * Numbers follow JSON's grammar: an integer of up to 18 digits is computed
 * exactly, a number with a fraction or exponent goes through strtod as in
 * jansson. A nested value's end is found by bracket matching and its text is
 * parsed by jansson with the flags json_load.c uses. Every failure returns
 * false and leaves the span to jansson.
 */
#include "ingest/fast_ndjson.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FNJ_MAX_DEPTH 1000 /* deeper nesting is left to jansson (limit 2048) */
#define FNJ_MAX_NUMBER 64

typedef struct scan {
    fnj_record *r;
    const char *p, *e;
} scan;

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static void skip_space(scan *s)
{
    while (s->p < s->e && is_space(*s->p))
        s->p++;
}

/* Length of the valid UTF-8 sequence at p (first byte >= 0x80), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *e)
{
    unsigned c = p[0], need, cp;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if ((size_t)(e - p) <= need)
        return 0;
    for (unsigned k = 1; k <= need; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[k] & 0x3F);
    }
    if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need + 1;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char ch = p[k];
        int d = ch >= '0' && ch <= '9'   ? ch - '0'
                : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                         : -1;
        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

static char *put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Decodes the \u escape at s->p (after the backslash and 'u') into *o. */
static bool unicode_escape(scan *s, char **o)
{
    if (s->e - s->p < 4)
        return false;
    int hi = hex4(s->p);
    s->p += 4;
    if (hi < 0 || (hi >= 0xDC00 && hi <= 0xDFFF))
        return false;
    unsigned cp = (unsigned)hi;
    if (hi >= 0xD800 && hi <= 0xDBFF) {
        if (s->e - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u')
            return false;
        int lo = hex4(s->p + 2);
        if (lo < 0xDC00 || lo > 0xDFFF)
            return false;
        s->p += 6;
        cp = 0x10000 + (((unsigned)hi - 0xD800) << 10) + ((unsigned)lo - 0xDC00);
    }
    *o = put_utf8(*o, cp);
    return true;
}

static bool simple_escape(char ch, char *out)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *k = ch ? strchr(from, ch) : NULL;
    if (!k)
        return false;
    *out = to[k - from];
    return true;
}

/* The rest of a string with escapes, copied unescaped to the buffer from
 * s->p (the first backslash); start..s->p is copied first. */
static bool string_escaped(scan *s, const char *start, const char **out, size_t *n)
{
    fnj_record *r = s->r;
    char *o0 = r->buf + r->bufn, *o = o0;
    memcpy(o, start, (size_t)(s->p - start));
    o += s->p - start;
    while (s->p < s->e) {
        unsigned char c = (unsigned char)*s->p;
        if (c == '"') {
            s->p++;
            *out = o0;
            *n = (size_t)(o - o0);
            r->bufn += *n + 1;
            *o = 0;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (s->e - s->p < 2)
                return false;
            char x = s->p[1];
            s->p += 2;
            if (x == 'u') {
                if (!unicode_escape(s, &o))
                    return false;
            } else if (!simple_escape(x, o++)) {
                return false;
            }
            continue;
        }
        size_t len =
            c < 0x80 ? 1 : utf8_len((const unsigned char *)s->p, (const unsigned char *)s->e);
        if (!len)
            return false;
        memcpy(o, s->p, len);
        o += len;
        s->p += len;
    }
    return false;
}

/* A string at s->p (after the opening quote). Without escapes it points
 * into the input; with key, it is copied NUL-terminated to the buffer. */
static bool string(scan *s, bool key, const char **out, size_t *n)
{
    const char *start = s->p;
    while (s->p < s->e) {
        unsigned char c = (unsigned char)*s->p;
        if (c == '"')
            break;
        if (c == '\\')
            return string_escaped(s, start, out, n);
        if (c < 0x20)
            return false;
        if (c < 0x80) {
            s->p++;
            continue;
        }
        size_t len = utf8_len((const unsigned char *)s->p, (const unsigned char *)s->e);
        if (!len)
            return false;
        s->p += len;
    }
    if (s->p >= s->e)
        return false;
    *n = (size_t)(s->p - start);
    s->p++;
    if (!key) {
        *out = start;
        return true;
    }
    char *o = s->r->buf + s->r->bufn;
    memcpy(o, start, *n);
    o[*n] = 0;
    s->r->bufn += *n + 1;
    *out = o;
    return true;
}

static bool digits(scan *s)
{
    const char *q = s->p;
    while (s->p < s->e && *s->p >= '0' && *s->p <= '9')
        s->p++;
    return s->p > q;
}

static bool number(scan *s, fnj_value *v)
{
    const char *start = s->p;
    if (*s->p == '-')
        s->p++;
    const char *int_start = s->p;
    if (!digits(s) || (*int_start == '0' && s->p - int_start > 1))
        return false;
    bool real = false;
    if (s->p < s->e && *s->p == '.') {
        s->p++;
        if (!digits(s))
            return false;
        real = true;
    }
    if (s->p < s->e && (*s->p == 'e' || *s->p == 'E')) {
        s->p++;
        if (s->p < s->e && (*s->p == '+' || *s->p == '-'))
            s->p++;
        if (!digits(s))
            return false;
        real = true;
    }
    size_t len = (size_t)(s->p - start);
    if (!real) {
        if (s->p - int_start > 18)
            return false; /* may overflow: jansson decides */
        int64_t x = 0;
        for (const char *q = int_start; q < s->p; q++)
            x = x * 10 + (*q - '0');
        v->t = FNJ_INT;
        v->i = *start == '-' ? -x : x;
        return true;
    }
    char tmp[FNJ_MAX_NUMBER + 1];
    if (len > FNJ_MAX_NUMBER)
        return false;
    memcpy(tmp, start, len);
    tmp[len] = 0;
    v->t = FNJ_REAL;
    v->r = strtod(tmp, NULL);
    return isfinite(v->r);
}

/* The end of the object or array at s->p, by bracket matching (strings
 * skipped); its text is parsed by jansson. */
static bool nested(scan *s, fnj_value *v)
{
    const char *start = s->p;
    int depth = 0;
    for (; s->p < s->e; s->p++) {
        char ch = *s->p;
        if (ch == '"') {
            for (s->p++; s->p < s->e && *s->p != '"'; s->p++)
                if (*s->p == '\\' && s->p + 1 < s->e)
                    s->p++;
            if (s->p >= s->e)
                return false;
        } else if (ch == '{' || ch == '[') {
            if (++depth > FNJ_MAX_DEPTH)
                return false;
        } else if ((ch == '}' || ch == ']') && --depth == 0) {
            s->p++;
            break;
        }
    }
    if (depth != 0)
        return false;
    /* validated by the dynamic encoder's own scanner (no tree built); the
     * consumers encode it from the text again, or ask jansson for a tree only
     * where they need one (fnj_nested_tree) */
    size_t n = (size_t)(s->p - start);
    dbuf_reset(&s->r->scratch);
    if (!dyn_from_json(start, n, &s->r->scratch, NULL, 0))
        return false;
    v->t = FNJ_NESTED;
    v->j = NULL;
    v->s = start;
    v->n = n;
    return true;
}

static bool literal(scan *s, const char *word, size_t n)
{
    if ((size_t)(s->e - s->p) < n || memcmp(s->p, word, n) != 0)
        return false;
    s->p += n;
    return true;
}

static bool value(scan *s, fnj_value *v)
{
    memset(v, 0, sizeof *v);
    if (s->p >= s->e)
        return false;
    switch (*s->p) {
    case '"':
        s->p++;
        v->t = FNJ_STR;
        return string(s, false, &v->s, &v->n);
    case '{':
    case '[':
        return nested(s, v);
    case 't':
        v->t = FNJ_BOOL;
        v->b = true;
        return literal(s, "true", 4);
    case 'f':
        v->t = FNJ_BOOL;
        return literal(s, "false", 5);
    case 'n':
        v->t = FNJ_NULL;
        return literal(s, "null", 4);
    default:
        return (*s->p == '-' || (*s->p >= '0' && *s->p <= '9')) && number(s, v);
    }
}

static fnj_field *new_field(fnj_record *r)
{
    if (r->n == r->cap) {
        int cap = r->cap ? 2 * r->cap : 64;
        fnj_field *f = realloc(r->f, (size_t)cap * sizeof *f);
        if (!f)
            abort();
        r->f = f;
        r->cap = cap;
    }
    fnj_field *f = &r->f[r->n++];
    f->v.t = FNJ_NULL;
    f->v.j = NULL;
    return f;
}

/* One "key": value member at s->p. */
static bool member(scan *s)
{
    if (s->p >= s->e || *s->p != '"')
        return false;
    s->p++;
    fnj_field *f = new_field(s->r);
    if (!string(s, true, &f->key, &f->kn) || memchr(f->key, 0, f->kn))
        return false;
    skip_space(s);
    if (s->p >= s->e || *s->p != ':')
        return false;
    s->p++;
    skip_space(s);
    return value(s, &f->v);
}

static bool object(scan *s)
{
    if (s->p >= s->e || *s->p != '{')
        return false;
    s->p++;
    skip_space(s);
    if (s->p < s->e && *s->p == '}') {
        s->p++;
        return true;
    }
    for (;;) {
        if (!member(s))
            return false;
        skip_space(s);
        if (s->p >= s->e)
            return false;
        if (*s->p == '}') {
            s->p++;
            return true;
        }
        if (*s->p != ',')
            return false;
        s->p++;
        skip_space(s);
    }
}

void fnj_clear(fnj_record *r)
{
    for (int i = 0; i < r->n; i++)
        if (r->f[i].v.t == FNJ_NESTED)
            json_decref((json_t *)r->f[i].v.j);
    r->n = 0;
    r->bufn = 0;
}

bool fnj_scan(fnj_record *r, const char *p, size_t n)
{
    fnj_clear(r);
    if (r->bufcap < n + 16) {
        free(r->buf);
        r->bufcap = n + 16 > 4096 ? n + 16 : 4096;
        r->buf = malloc(r->bufcap);
        if (!r->buf)
            abort();
    }
    scan s = {r, p, p + n};
    if (!object(&s))
        return false;
    skip_space(&s);
    return s.p == s.e;
}

void fnj_free(fnj_record *r)
{
    fnj_clear(r);
    free(r->f);
    free(r->buf);
    dbuf_free(&r->scratch);
    memset(r, 0, sizeof *r);
}
