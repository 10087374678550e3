/* engine/expr.c — evaluation of bound expressions over batches.
 *
 * expr_eval runs one kernel per expression node over a whole batch: a column
 * reference hands out the input vector itself, a constant its one-value
 * vector, a function call its fn_def kernel, and the built-in operators
 * (arithmetic, comparison, the string operators of KQL, and/or, in, between,
 * dynamic member access) the typed loops below. The binder has already cast
 * operands to a common type, so each loop works on one representation.
 *
 * When every operand of a node is a constant vector the node is computed once
 * (n = 1) and its result is a constant vector too.
 */
#include "engine.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL /* the hash of every group key and join key: inlined, not a library call */
#include <xxhash.h>

/* The first error of a query wins; the lock makes that hold when two halves
 * of an exchange (exec_exchange.c) fail at once. */
static pthread_mutex_t qerr_mu = PTHREAD_MUTEX_INITIALIZER;

int q_error(qctx *q, int code, int off, int len, const char *fmt, ...)
{
    pthread_mutex_lock(&qerr_mu);
    if (!q->err_code) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(q->err_msg, sizeof q->err_msg, fmt, ap);
        va_end(ap);
        q->err_code = code;
        q->err_off = off;
        q->err_len = len;
    }
    pthread_mutex_unlock(&qerr_mu);
    return -1;
}

/* --- string matching ---------------------------------------------------- */

static inline int lc(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Kusto terms are runs of ASCII letters and digits; every other byte
 * (including non-ASCII UTF-8 bytes) separates terms. */
static inline bool is_term_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool str_eq_ci(hstr a, hstr b)
{
    if (a.n != b.n)
        return false;
    for (uint32_t i = 0; i < a.n; i++)
        if (lc((unsigned char)a.p[i]) != lc((unsigned char)b.p[i]))
            return false;
    return true;
}

int str_cmp(hstr a, hstr b)
{
    uint32_t m = a.n < b.n ? a.n : b.n;
    int c = m ? memcmp(a.p, b.p, m) : 0;
    if (c)
        return c;
    return a.n < b.n ? -1 : a.n > b.n;
}

static bool match_at(const char *h, hstr nd, bool cs)
{
    if (cs)
        return memcmp(h, nd.p, nd.n) == 0;
    for (uint32_t i = 0; i < nd.n; i++)
        if (lc((unsigned char)h[i]) != lc((unsigned char)nd.p[i]))
            return false;
    return true;
}

/* The first byte in [p, end) that is the lower-case ASCII letter lower or
 * its upper case, or NULL. Eight bytes at a time: OR-ing 0x20 into each byte
 * folds the letters to lower case (and a few other bytes onto letters, which
 * the caller's full comparison rejects), then the "has a zero byte" bit trick
 * finds the first byte equal to lower; its lowest set bit is exact. */
static const char *find_letter_ci(const char *p, const char *end, unsigned char lower)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const uint64_t want = ones * lower, fold = ones * 0x20;
    while (end - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t x = (w | fold) ^ want;
        uint64_t hit = (x - ones) & ~x & highs;
        if (hit)
            return p + (__builtin_ctzll(hit) >> 3);
        p += 8;
    }
#endif
    for (; p < end; p++)
        if (((unsigned char)*p | 0x20) == lower)
            return p;
    return NULL;
}

static bool has_ascii_letter(hstr s)
{
    for (uint32_t i = 0; i < s.n; i++)
        if ((s.p[i] >= 'a' && s.p[i] <= 'z') || (s.p[i] >= 'A' && s.p[i] <= 'Z'))
            return true;
    return false;
}

/* Finds needle in hay starting at from; returns position or -1. The exact
 * search scans for the first byte with memchr (vectorized in glibc; measured
 * faster here than glibc's memmem on command lines). */
static int64_t find_from(hstr hay, hstr nd, uint32_t from, bool cs)
{
    if (nd.n == 0)
        return from <= hay.n ? (int64_t)from : -1;
    if (nd.n > hay.n)
        return -1;
    uint32_t last = hay.n - nd.n;
    if (!cs && !has_ascii_letter(nd))
        cs = true; /* folding case changes nothing: take the exact search */
    if (cs) {
        const char *base = hay.p;
        uint32_t i = from;
        while (i <= last) {
            const char *p = memchr(base + i, nd.p[0], last - i + 1);
            if (!p)
                return -1;
            i = (uint32_t)(p - base);
            if (memcmp(p, nd.p, nd.n) == 0)
                return i;
            i++;
        }
        return -1;
    }
    int c0 = lc((unsigned char)nd.p[0]);
    bool letter0 = c0 >= 'a' && c0 <= 'z';
    const char *base = hay.p, *end = hay.p + last + 1; /* candidates start before end */
    for (const char *p = base + from; p < end; p++) {
        /* the next byte that may start a match: exact when the needle starts
         * with a non-letter, else either case of the letter */
        p = letter0 ? find_letter_ci(p, end, (unsigned char)c0) : memchr(p, c0, (size_t)(end - p));
        if (!p)
            return -1;
        if (match_at(p, nd, false))
            return p - base;
    }
    return -1;
}

bool str_contains(hstr hay, hstr nd, bool cs)
{
    return find_from(hay, nd, 0, cs) >= 0;
}

/* A match of needle at pos is a whole-term match when it does not extend a
 * term on either side (only checked where the needle itself begins/ends with
 * a term character). */
static bool term_bounded(hstr hay, hstr nd, uint32_t pos, bool check_start, bool check_end)
{
    if (check_start && nd.n && is_term_char((unsigned char)nd.p[0]) && pos > 0 &&
        is_term_char((unsigned char)hay.p[pos - 1]))
        return false;
    uint32_t end = pos + nd.n;
    if (check_end && nd.n && is_term_char((unsigned char)nd.p[nd.n - 1]) && end < hay.n &&
        is_term_char((unsigned char)hay.p[end]))
        return false;
    return true;
}

static bool term_search(hstr hay, hstr nd, bool cs, bool cstart, bool cend)
{
    if (nd.n == 0)
        return true;
    uint32_t from = 0;
    for (;;) {
        int64_t p = find_from(hay, nd, from, cs);
        if (p < 0)
            return false;
        if (term_bounded(hay, nd, (uint32_t)p, cstart, cend))
            return true;
        from = (uint32_t)p + 1;
    }
}

/* `has` with a needle that is one whole term (letters and digits only): walk
 * the terms of the haystack and compare only those of the needle's length. */
static bool has_single_term(hstr hay, hstr nd, bool cs)
{
    const unsigned char *p = (const unsigned char *)hay.p, *end = p + hay.n;
    while (p < end) {
        while (p < end && !is_term_char(*p))
            p++;
        const unsigned char *t = p;
        while (p < end && is_term_char(*p))
            p++;
        if ((uint32_t)(p - t) == nd.n && match_at((const char *)t, nd, cs))
            return true;
    }
    return false;
}

static bool all_term_chars(hstr s)
{
    for (uint32_t i = 0; i < s.n; i++)
        if (!is_term_char((unsigned char)s.p[i]))
            return false;
    return s.n > 0;
}

bool str_has(hstr hay, hstr nd, bool cs)
{
    if (all_term_chars(nd))
        return has_single_term(hay, nd, cs);
    return term_search(hay, nd, cs, true, true);
}
bool str_hasprefix(hstr hay, hstr nd, bool cs)
{
    return term_search(hay, nd, cs, true, false);
}
bool str_hassuffix(hstr hay, hstr nd, bool cs)
{
    return term_search(hay, nd, cs, false, true);
}

static bool str_startswith(hstr h, hstr nd, bool cs)
{
    return nd.n <= h.n && match_at(h.p, nd, cs);
}
static bool str_endswith(hstr h, hstr nd, bool cs)
{
    return nd.n <= h.n && match_at(h.p + h.n - nd.n, nd, cs);
}

/* --- value comparison and hashing ----------------------------------------- */

int value_cmp(const hvec *a, uint32_t i, const hvec *b, uint32_t j)
{
    switch (a->type) {
    case HT_BOOL:
        return (int)vec_b(a, i) - (int)vec_b(b, j);
    case HT_REAL: {
        double x = vec_r(a, i), y = vec_r(b, j);
        if (isnan(x) || isnan(y)) /* NaN sorts first ascending, last descending */
            return isnan(y) - isnan(x);
        return x < y ? -1 : x > y;
    }
    case HT_STRING:
        return str_cmp(vec_s(a, i), vec_s(b, j));
    case HT_DYNAMIC: {
        hstr x = vec_s(a, i), y = vec_s(b, j);
        return str_cmp(x, y);
    }
    case HT_GUID:
        return memcmp(vec_g(a, i), vec_g(b, j), 16);
    default: {
        int64_t x = vec_i(a, i), y = vec_i(b, j);
        return x < y ? -1 : x > y;
    }
    }
}

uint64_t value_hash(const hvec *v, uint32_t i)
{
    if (vec_is_null(v, i))
        return 0x9e3779b97f4a7c15ULL;
    switch (v->type) {
    case HT_BOOL:
        return vec_b(v, i) ? 0x51ed2701 : 0x2127599b;
    case HT_REAL: {
        double d = vec_r(v, i);
        if (d == 0)
            d = 0; /* -0.0 hashes as 0.0 */
        return XXH3_64bits(&d, sizeof d);
    }
    case HT_STRING:
    case HT_DYNAMIC: {
        const uint16_t *code = vec_codes(v); /* the dictionary knows the hash */
        if (code)
            return v->dhash[code[i]];
        hstr s = vec_s(v, i);
        return XXH3_64bits(s.p, s.n);
    }
    case HT_GUID:
        return XXH3_64bits(vec_g(v, i), 16);
    default: {
        int64_t x = vec_i(v, i);
        return XXH3_64bits(&x, sizeof x);
    }
    }
}

bool value_eq(const hvec *a, uint32_t i, const hvec *b, uint32_t j)
{
    bool na = vec_is_null(a, i), nb = vec_is_null(b, j);
    if (na || nb)
        return na && nb;
    if (a->type == HT_REAL)
        return vec_r(a, i) == vec_r(b, j) || (isnan(vec_r(a, i)) && isnan(vec_r(b, j)));
    return value_cmp(a, i, b, j) == 0;
}

/* --- in / has_any sets ------------------------------------------------------ */

struct inset {
    int op;
    htype type; /* the type items were converted to (lhs type) */
    bool ci;    /* case-insensitive string compare */
    int n;
    hvec items;       /* n values, no nulls */
    uint64_t *hashes; /* open addressing table of item indexes+1 by hash, for n > 8 */
    uint32_t *slots;
    uint32_t nslots;
    uint64_t lenmask; /* strings: bit min(len, 63) set for each item's length */
    uint64_t *prefix; /* strings: first 8 bytes of each item, zero-padded (lowered if ci) */
};

/* The first 8 bytes of s as one word, zero-padded; ASCII-lowered when ci. */
static inline uint64_t str_prefix(hstr s, bool ci)
{
    /* byte by byte: a memcpy of a few bytes costs more than the bytes */
    uint64_t w = 0;
    uint32_t n = s.n < 8 ? s.n : 8;
    const unsigned char *p = (const unsigned char *)s.p;
    for (uint32_t k = 0; k < n; k++)
        w |= (uint64_t)(ci ? (unsigned char)lc(p[k]) : p[k]) << (8 * k);
    return w;
}

static uint64_t hash_ci(hstr s)
{
    uint64_t h = 1469598103934665603ULL;
    for (uint32_t i = 0; i < s.n; i++)
        h = (h ^ (uint64_t)lc((unsigned char)s.p[i])) * 1099511628211ULL;
    return h;
}

static uint64_t item_hash(const inset *s, const hvec *v, uint32_t i)
{
    if (s->ci && v->type == HT_STRING)
        return hash_ci(vec_s(v, i));
    if (v->type == HT_REAL) {
        double d = vec_r(v, i);
        if (d == floor(d) && fabs(d) < 9e18) {
            int64_t x = (int64_t)d;
            return XXH3_64bits(&x, sizeof x);
        }
    }
    return value_hash(v, i);
}

const hvec *inset_items(const inset *s)
{
    return s ? &s->items : NULL;
}

void inset_free(inset *s)
{
    if (!s)
        return;
    free(s->slots);
    free(s);
}

static bool item_eq(const inset *s, const hvec *a, uint32_t i, uint32_t j)
{
    if (s->type == HT_STRING) {
        hstr x = vec_s(a, i), y = s->items.s[j];
        if (x.n != y.n)
            return false;
        if (s->prefix && x.n <= 8)
            return str_prefix(x, s->ci) == s->prefix[j];
        return s->ci ? str_eq_ci(x, y) : memcmp(x.p, y.p, x.n) == 0;
    }
    if (s->type == HT_REAL)
        return vec_r(a, i) == s->items.r[j];
    return value_cmp(a, i, &s->items, j) == 0;
}

static bool inset_contains(const inset *s, const hvec *v, uint32_t i)
{
    if (s->type == HT_STRING) {
        hstr x = vec_s(v, i);
        if (!(s->lenmask >> (x.n < 63 ? x.n : 63) & 1))
            return false;            /* no item has this length */
        if (!s->slots && x.n <= 8) { /* short: compare one word per item */
            uint64_t px = str_prefix(x, s->ci);
            for (int j = 0; j < s->n; j++)
                if (s->items.s[j].n == x.n && s->prefix[j] == px)
                    return true;
            return false;
        }
    }
    if (!s->slots) {
        for (int j = 0; j < s->n; j++)
            if (item_eq(s, v, i, (uint32_t)j))
                return true;
        return false;
    }
    uint64_t h = item_hash(s, v, i);
    uint32_t mask = s->nslots - 1;
    for (uint32_t k = (uint32_t)h & mask;; k = (k + 1) & mask) {
        uint32_t e = s->slots[k];
        if (!e)
            return false;
        if (item_eq(s, v, i, e - 1))
            return true;
    }
}

/* Flattens the constant items (dynamic arrays expand to their elements) and
 * converts each to the lhs type. */
inset *inset_new(qctx *q, int opk, htype lt, hvec *const *items, int nitems)
{
    inset *s = calloc(1, sizeof *s);
    s->op = opk;
    s->type = (opk == OP_HAS_ANY || opk == OP_HAS_ALL) ? HT_STRING : lt;
    if (s->type == HT_INT)
        s->type = HT_LONG;
    s->ci = (opk == OP_IN_CI || opk == OP_NOTIN_CI);
    /* count */
    int cap = 0;
    for (int k = 0; k < nitems; k++) {
        const hvec *v = items[k];
        if (v->type == HT_DYNAMIC && !vec_is_null(v, 0) &&
            dyn_tag((const uint8_t *)v->s[0].p) == DYN_ARRAY)
            cap += (int)dyn_count((const uint8_t *)v->s[0].p);
        else
            cap++;
    }
    /* gather as a dynamic-free list of single-value vectors, converted */
    vec_alloc(&q->arena, &s->items, s->type, (uint32_t)(cap ? cap : 1));
    harena tmp;
    arena_init(&tmp);
    for (int k = 0; k < nitems; k++) {
        const hvec *v = items[k];
        hvec one, conv;
        if (v->type == HT_DYNAMIC && !vec_is_null(v, 0) &&
            dyn_tag((const uint8_t *)v->s[0].p) == DYN_ARRAY) {
            dyn_iter it;
            for (const uint8_t *e = dyn_first((const uint8_t *)v->s[0].p, &it, NULL); e;
                 e = dyn_next(&it, NULL)) {
                vec_const(&tmp, &one, HT_DYNAMIC, 1);
                one.s[0].p = (const char *)e;
                one.s[0].n = (uint32_t)dyn_size(e);
                if (dyn_tag(e) == DYN_NULL)
                    continue;
                if (expr_cast(q, &tmp, &one, s->type, &conv) < 0 || vec_is_null(&conv, 0))
                    continue;
                vec_copy_value(&q->arena, &s->items, (uint32_t)s->n++, &conv, 0);
            }
            continue;
        }
        if (vec_is_null(v, 0))
            continue;
        if (v->type != s->type) {
            if (expr_cast(q, &tmp, v, s->type, &conv) < 0 || vec_is_null(&conv, 0))
                continue;
            v = &conv;
        }
        vec_copy_value(&q->arena, &s->items, (uint32_t)s->n++, v, 0);
    }
    /* strings must survive tmp */
    if (s->type == HT_STRING || s->type == HT_DYNAMIC)
        for (int j = 0; j < s->n; j++)
            s->items.s[j].p = arena_strndup(&q->arena, s->items.s[j].p, s->items.s[j].n);
    arena_free(&tmp);
    s->items.n = (uint32_t)s->n;
    if (s->type == HT_STRING) {
        s->prefix = arena_alloc(&q->arena, sizeof(uint64_t) * (size_t)(s->n ? s->n : 1));
        for (int j = 0; j < s->n; j++) {
            uint32_t n = s->items.s[j].n;
            s->lenmask |= 1ULL << (n < 63 ? n : 63);
            s->prefix[j] = str_prefix(s->items.s[j], s->ci);
        }
    }
    if (s->n > 8 && opk != OP_HAS_ANY && opk != OP_HAS_ALL) {
        uint32_t ns = 16;
        while (ns < (uint32_t)s->n * 2)
            ns <<= 1;
        s->nslots = ns;
        s->slots = calloc(ns, sizeof *s->slots);
        for (int j = 0; j < s->n; j++) {
            uint64_t h = item_hash(s, &s->items, (uint32_t)j);
            uint32_t k = (uint32_t)h & (ns - 1);
            while (s->slots[k]) {
                if (item_eq(s, &s->items, (uint32_t)j, s->slots[k] - 1))
                    goto dup;
                k = (k + 1) & (ns - 1);
            }
            s->slots[k] = (uint32_t)j + 1;
        dup:;
        }
    }
    return s;
}

/* --- casts ------------------------------------------------------------------- */

static int run_fn(qctx *q, const char *name, harena *a, const hvec *v, htype t, hvec *out)
{
    const fn_def *f = fn_lookup(name, strlen(name));
    if (!f)
        return q_error(q, HUNT_EUNSUPPORTED, -1, 0, "conversion %s() is not available", name);
    void *state = NULL;
    char fnerr[256] = "";
    fn_ctx ctx = {a, &state, q->now, fnerr, sizeof fnerr};
    const hvec *argv[1] = {v};
    out->type = t;
    out->n = v->cmask ? v->n : 1;
    out->cmask = ~0u;
    out->null = NULL;
    int rc = f->run(&ctx, 1, argv, out);
    if (f->free_state && state)
        f->free_state(state);
    if (rc < 0)
        return q_error(q, HUNT_ERUNTIME, -1, 0, "%s", fnerr);
    if (!v->cmask) {
        out->cmask = 0;
        out->n = v->n;
    }
    return 0;
}

static void to_dynamic(harena *a, const hvec *v, hvec *out)
{
    uint32_t n = v->cmask ? v->n : 1;
    vec_alloc(a, out, HT_DYNAMIC, n);
    dbuf b = {0};
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(v, i)) {
            vec_set_null(a, out, i);
            out->s[i].p = "";
            out->s[i].n = 0;
            continue;
        }
        dbuf_reset(&b);
        vec_put_dyn(&b, v, i);
        char *p = arena_alloc(a, b.n);
        memcpy(p, b.p, b.n);
        out->s[i].p = p;
        out->s[i].n = (uint32_t)b.n;
    }
    dbuf_free(&b);
    if (!v->cmask) {
        out->cmask = 0;
        out->n = v->n;
    }
}

int expr_cast(qctx *q, harena *a, const hvec *v, htype t, hvec *out)
{
    if (v->type == t || (t == HT_UNKNOWN)) {
        *out = *v;
        return 0;
    }
    uint32_t n = v->cmask ? v->n : 1;
    if (v->type == HT_UNKNOWN) { /* typed null */
        vec_const_null(a, out, t, v->n);
        return 0;
    }
    if ((v->type == HT_INT && t == HT_LONG) || (v->type == HT_LONG && t == HT_INT)) {
        *out = *v;
        out->type = t;
        return 0;
    }
    if (ht_is_numeric(v->type) && t == HT_REAL) {
        vec_alloc(a, out, HT_REAL, n);
        for (uint32_t i = 0; i < n; i++)
            out->r[i] = (double)v->i[i];
        out->null = v->null;
        if (!v->cmask) {
            out->cmask = 0;
            out->n = v->n;
        }
        return 0;
    }
    switch (t) {
    case HT_STRING:
        return run_fn(q, "tostring", a, v, t, out);
    case HT_LONG:
        return run_fn(q, "tolong", a, v, t, out);
    case HT_INT:
        return run_fn(q, "toint", a, v, t, out);
    case HT_REAL:
        return run_fn(q, "toreal", a, v, t, out);
    case HT_BOOL:
        return run_fn(q, "tobool", a, v, t, out);
    case HT_DATETIME:
        return run_fn(q, "todatetime", a, v, t, out);
    case HT_TIMESPAN:
        return run_fn(q, "totimespan", a, v, t, out);
    case HT_GUID:
        return run_fn(q, "toguid", a, v, t, out);
    case HT_DYNAMIC:
        to_dynamic(a, v, out);
        return 0;
    default:
        return q_error(q, HUNT_ESEMANTIC, -1, 0, "cannot convert %s to %s", ht_name(v->type),
                       ht_name(t));
    }
}

int expr_eval_as(qctx *q, bexpr *e, const batch *b, harena *a, htype t, hvec *out)
{
    if (expr_eval(q, e, b, a, out) < 0)
        return -1;
    if (out->type == t)
        return 0;
    hvec v = *out;
    return expr_cast(q, a, &v, t, out);
}

/* --- kernels ----------------------------------------------------------------- */

static void merge_nulls(harena *a, hvec *out, const hvec *x, const hvec *y, uint32_t n)
{
    if (!x->null && !(y && y->null))
        return;
    for (uint32_t i = 0; i < n; i++)
        if (vec_is_null(x, i) || (y && vec_is_null(y, i)))
            vec_set_null(a, out, i);
}

static int64_t wrap_int(int64_t v)
{
    return (int64_t)(int32_t)(uint32_t)(uint64_t)v;
}

static int arith(qctx *q, bexpr *e, const hvec *x, const hvec *y, harena *a, hvec *out, uint32_t n)
{
    vec_alloc(a, out, e->type, n);
    merge_nulls(a, out, x, y, n);
    int opk = e->op;
    bool real_math = x->type == HT_REAL || y->type == HT_REAL;
    if (e->type == HT_REAL || real_math) {
        for (uint32_t i = 0; i < n; i++) {
            double u = vec_num(x, i), w = vec_num(y, i), r;
            switch (opk) {
            case OP_ADD:
                r = u + w;
                break;
            case OP_SUB:
                r = u - w;
                break;
            case OP_MUL:
                r = u * w;
                break;
            case OP_DIV:
                r = u / w;
                break;
            default:
                r = fmod(u, w);
                if (r < 0)
                    r += fabs(w);
                break;
            }
            if (e->type == HT_REAL)
                out->r[i] = r;
            else if (isnan(r) || isinf(r)) {
                out->i[i] = 0;
                vec_set_null(a, out, i);
            } else
                out->i[i] = (int64_t)llround(r);
        }
        return 0;
    }
    for (uint32_t i = 0; i < n; i++) {
        int64_t u = vec_i(x, i), w = vec_i(y, i), r = 0;
        switch (opk) {
        case OP_ADD:
            r = (int64_t)((uint64_t)u + (uint64_t)w);
            break;
        case OP_SUB:
            r = (int64_t)((uint64_t)u - (uint64_t)w);
            break;
        case OP_MUL:
            r = (int64_t)((uint64_t)u * (uint64_t)w);
            break;
        case OP_DIV:
        case OP_MOD:
            if (w == 0 || (w == -1 && u == INT64_MIN)) {
                if (!vec_is_null(x, i) && !vec_is_null(y, i) && w == 0)
                    return q_error(q, HUNT_ERUNTIME, e->off, e->len, "division by zero");
                r = 0;
                vec_set_null(a, out, i);
            } else if (opk == OP_DIV) {
                r = u / w;
            } else {
                /* KQL's modulo is never negative: 0 <= N % D < abs(D) */
                r = u % w;
                if (r < 0)
                    r += w < 0 ? -w : w;
            }
            break;
        }
        out->i[i] = e->type == HT_INT ? wrap_int(r) : r;
    }
    return 0;
}

static bool cmp_result(int opk, int c)
{
    switch (opk) {
    case OP_EQ:
        return c == 0;
    case OP_NE:
        return c != 0;
    case OP_LT:
        return c < 0;
    case OP_LE:
        return c <= 0;
    case OP_GT:
        return c > 0;
    default:
        return c >= 0;
    }
}

/* == and != when nulls are present, as Kusto defines them: null == null and
 * null != null are null; a null against a value makes == false and != true
 * (so `where x != 5` keeps the rows where x is null). */
static int compare_eq_nulls(int opk, const hvec *x, const hvec *y, harena *a, hvec *out, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        bool nx = vec_is_null(x, i), ny = vec_is_null(y, i);
        if (nx && ny) {
            out->b[i] = 0; /* stays null (merge_nulls) */
            continue;
        }
        if (out->null)
            out->null[i] = 0;
        if (nx || ny) {
            out->b[i] = opk == OP_NE;
            continue;
        }
        int c;
        if (x->type == HT_REAL)
            c = vec_r(x, i) == vec_r(y, i) ? 0 : 1;
        else if (x->type == HT_DYNAMIC)
            c = dyn_equal((const uint8_t *)vec_s(x, i).p, (const uint8_t *)vec_s(y, i).p) ? 0 : 1;
        else if (x->type == HT_BOOL)
            c = vec_b(x, i) != vec_b(y, i);
        else
            c = value_cmp(x, i, y, i);
        out->b[i] = (c == 0) == (opk == OP_EQ);
    }
    (void)a;
    return 0;
}

/* x[i] OP k for n integers: one loop per operator, which the compiler
 * vectorizes. */
static void compare_i64_const(int opk, const int64_t *x, int64_t k, uint8_t *o, uint32_t n)
{
    switch (opk) {
    case OP_EQ:
        for (uint32_t i = 0; i < n; i++)
            o[i] = x[i] == k;
        break;
    case OP_NE:
        for (uint32_t i = 0; i < n; i++)
            o[i] = x[i] != k;
        break;
    case OP_LT:
        for (uint32_t i = 0; i < n; i++)
            o[i] = x[i] < k;
        break;
    case OP_LE:
        for (uint32_t i = 0; i < n; i++)
            o[i] = x[i] <= k;
        break;
    case OP_GT:
        for (uint32_t i = 0; i < n; i++)
            o[i] = x[i] > k;
        break;
    default:
        for (uint32_t i = 0; i < n; i++)
            o[i] = x[i] >= k;
        break;
    }
}

static int compare(bexpr *e, const hvec *x, const hvec *y, harena *a, hvec *out, uint32_t n)
{
    vec_alloc(a, out, HT_BOOL, n);
    int opk = e->op;
    if (x->type == HT_STRING) {
        /* strings are never null in KQL; == and != are total */
        for (uint32_t i = 0; i < n; i++) {
            hstr u = vec_s(x, i), w = vec_s(y, i);
            if (opk == OP_EQ_CI || opk == OP_NE_CI)
                out->b[i] = str_eq_ci(u, w) == (opk == OP_EQ_CI);
            else if (opk == OP_EQ || opk == OP_NE)
                out->b[i] = (u.n == w.n &&
                             (u.n == 0 || (u.p[0] == w.p[0] && memcmp(u.p, w.p, u.n) == 0))) ==
                            (opk == OP_EQ);
            else
                out->b[i] = cmp_result(opk, str_cmp(u, w));
        }
        return 0;
    }
    merge_nulls(a, out, x, y, n);
    if ((opk == OP_EQ || opk == OP_NE) && (x->null || y->null))
        return compare_eq_nulls(opk, x, y, a, out, n);
    if (x->type == HT_REAL) {
        for (uint32_t i = 0; i < n; i++) {
            double u = vec_r(x, i), w = vec_r(y, i);
            bool r;
            switch (opk) {
            case OP_EQ:
                r = u == w;
                break;
            case OP_NE:
                r = u != w;
                break;
            case OP_LT:
                r = u < w;
                break;
            case OP_LE:
                r = u <= w;
                break;
            case OP_GT:
                r = u > w;
                break;
            default:
                r = u >= w;
                break;
            }
            out->b[i] = r;
        }
        return 0;
    }
    if (x->type == HT_DYNAMIC) {
        for (uint32_t i = 0; i < n; i++) {
            if (vec_is_null(x, i) || vec_is_null(y, i)) {
                out->b[i] = 0;
                continue;
            }
            bool eq = dyn_equal((const uint8_t *)vec_s(x, i).p, (const uint8_t *)vec_s(y, i).p);
            out->b[i] = (opk == OP_EQ || opk == OP_EQ_CI) ? eq : !eq;
        }
        return 0;
    }
    if (ht_is_int64(x->type) && x->cmask && !x->null && !y->cmask && !y->null &&
        ht_is_int64(y->type)) {
        compare_i64_const(opk, x->i, y->i[0], out->b, n); /* Timestamp > ago(1d) */
        return 0;
    }
    if (ht_is_int64(x->type) || x->type == HT_BOOL) {
        bool isb = x->type == HT_BOOL;
        for (uint32_t i = 0; i < n; i++) {
            int64_t u = isb ? vec_b(x, i) : vec_i(x, i), w = isb ? vec_b(y, i) : vec_i(y, i);
            out->b[i] = cmp_result(opk, u < w ? -1 : u > w);
        }
        return 0;
    }
    for (uint32_t i = 0; i < n; i++)
        out->b[i] = cmp_result(opk, value_cmp(x, i, y, i));
    return 0;
}

static int strop(bexpr *e, const hvec *x, const hvec *y, harena *a, hvec *out, uint32_t n)
{
    vec_alloc(a, out, HT_BOOL, n);
    int opk = e->op;
    bool neg = false, cs = false;
    bool (*fn)(hstr, hstr, bool) = NULL;
    switch (opk) {
    case OP_NHAS:
        neg = true; /* fall through */
    case OP_HAS:
        fn = str_has;
        break;
    case OP_NHAS_CS:
        neg = true; /* fall through */
    case OP_HAS_CS:
        fn = str_has;
        cs = true;
        break;
    case OP_NHASPREFIX:
        neg = true; /* fall through */
    case OP_HASPREFIX:
        fn = str_hasprefix;
        break;
    case OP_NHASPREFIX_CS:
        neg = true; /* fall through */
    case OP_HASPREFIX_CS:
        fn = str_hasprefix;
        cs = true;
        break;
    case OP_NHASSUFFIX:
        neg = true; /* fall through */
    case OP_HASSUFFIX:
        fn = str_hassuffix;
        break;
    case OP_NHASSUFFIX_CS:
        neg = true; /* fall through */
    case OP_HASSUFFIX_CS:
        fn = str_hassuffix;
        cs = true;
        break;
    case OP_NCONTAINS:
        neg = true; /* fall through */
    case OP_CONTAINS:
        fn = str_contains;
        break;
    case OP_NCONTAINS_CS:
        neg = true; /* fall through */
    case OP_CONTAINS_CS:
        fn = str_contains;
        cs = true;
        break;
    case OP_NSTARTSWITH:
        neg = true; /* fall through */
    case OP_STARTSWITH:
        fn = str_startswith;
        break;
    case OP_NSTARTSWITH_CS:
        neg = true; /* fall through */
    case OP_STARTSWITH_CS:
        fn = str_startswith;
        cs = true;
        break;
    case OP_NENDSWITH:
        neg = true; /* fall through */
    case OP_ENDSWITH:
        fn = str_endswith;
        break;
    case OP_NENDSWITH_CS:
        neg = true; /* fall through */
    case OP_ENDSWITH_CS:
        fn = str_endswith;
        cs = true;
        break;
    default:
        return -1;
    }
    /* a constant needle without ASCII letters matches the same either way:
     * take the exact search once here, not a check of the needle per row */
    if (!cs && !y->cmask && !vec_is_null(y, 0) && !has_ascii_letter(vec_s(y, 0)))
        cs = true;
    for (uint32_t i = 0; i < n; i++)
        out->b[i] = fn(vec_s(x, i), vec_s(y, i), cs) != neg;
    return 0;
}

static int logic(bexpr *e, const hvec *x, const hvec *y, harena *a, hvec *out, uint32_t n)
{
    vec_alloc(a, out, HT_BOOL, n);
    bool is_and = e->kind == BX_AND;
    for (uint32_t i = 0; i < n; i++) {
        bool xn = vec_is_null(x, i), yn = vec_is_null(y, i);
        bool xv = !xn && vec_b(x, i), yv = !yn && vec_b(y, i);
        if (is_and) {
            if ((!xn && !xv) || (!yn && !yv))
                out->b[i] = 0;
            else if (xn || yn) {
                out->b[i] = 0;
                vec_set_null(a, out, i);
            } else
                out->b[i] = 1;
        } else {
            if (xv || yv)
                out->b[i] = 1;
            else if (xn || yn) {
                out->b[i] = 0;
                vec_set_null(a, out, i);
            } else
                out->b[i] = 0;
        }
    }
    return 0;
}

static int member(qctx *q, bexpr *e, const hvec *x, const hvec *key, harena *a, hvec *out,
                  uint32_t n)
{
    (void)q;
    vec_alloc(a, out, HT_DYNAMIC, n);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *v = NULL;
        if (!vec_is_null(x, i) && !vec_is_null(key, i)) {
            const uint8_t *base = (const uint8_t *)vec_s(x, i).p;
            if (key->type == HT_STRING) {
                hstr k = vec_s(key, i);
                v = dyn_get(base, k.p, k.n);
            } else if (key->type == HT_REAL) {
                v = dyn_index(base, (int64_t)vec_r(key, i));
            } else {
                v = dyn_index(base, vec_i(key, i));
            }
        }
        if (!v || dyn_tag(v) == DYN_NULL) {
            out->s[i].p = "";
            out->s[i].n = 0;
            vec_set_null(a, out, i);
        } else {
            out->s[i].p = (const char *)v;
            out->s[i].n = (uint32_t)dyn_size(v);
        }
    }
    (void)e;
    return 0;
}

static int in_kernel(qctx *q, bexpr *e, const batch *b, const hvec *x, harena *a, hvec *out,
                     uint32_t n)
{
    vec_alloc(a, out, HT_BOOL, n);
    inset *s = e->set;
    bool neg = e->op == OP_NOTIN || e->op == OP_NOTIN_CI;
    if (e->op == OP_HAS_ANY || e->op == OP_HAS_ALL) {
        bool all = e->op == OP_HAS_ALL;
        for (uint32_t i = 0; i < n; i++) {
            hstr h = vec_s(x, i);
            bool r = all;
            for (int j = 0; j < s->n; j++) {
                bool m = str_has(h, s->items.s[j], false);
                if (all && !m) {
                    r = false;
                    break;
                }
                if (!all && m) {
                    r = true;
                    break;
                }
            }
            if (all && s->n == 0)
                r = false;
            out->b[i] = r;
        }
        return 0;
    }
    (void)q;
    (void)b;
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i)) {
            out->b[i] = neg; /* null is in no set */
            continue;
        }
        out->b[i] = inset_contains(s, x, i) != neg;
    }
    return 0;
}

static int between(bexpr *e, const hvec *x, const hvec *lo, const hvec *hi, harena *a, hvec *out,
                   uint32_t n)
{
    vec_alloc(a, out, HT_BOOL, n);
    bool neg = e->op == OP_NOTBETWEEN;
    /* datetimes, timespans, longs: compare the integers (ticks) directly */
    bool ints = ht_is_int64(x->type) && lo->type == x->type && hi->type == x->type;
    /* the common time window (constant bounds, no nulls) in one branch-free
     * pass the compiler vectorizes */
    if (ints && x->cmask && !x->null && !lo->cmask && !hi->cmask && !lo->null && !hi->null) {
        int64_t a0 = lo->i[0], z0 = hi->i[0];
        const int64_t *xv = x->i;
        uint8_t *o = out->b;
        if (a0 > z0) {
            memset(o, neg, n);
            return 0;
        }
        uint64_t span = (uint64_t)z0 - (uint64_t)a0;
        for (uint32_t i = 0; i < n; i++)
            o[i] = ((uint64_t)xv[i] - (uint64_t)a0 <= span) != neg;
        return 0;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i) || vec_is_null(lo, i) || vec_is_null(hi, i)) {
            out->b[i] = 0;
            vec_set_null(a, out, i);
            continue;
        }
        bool r;
        if (ints) {
            int64_t v = vec_i(x, i);
            r = v >= vec_i(lo, i) && v <= vec_i(hi, i);
        } else {
            r = value_cmp(x, i, lo, i) >= 0 && value_cmp(x, i, hi, i) <= 0;
        }
        out->b[i] = r != neg;
    }
    return 0;
}

/* Materializes the sub-query of e (toscalar or `in (T | ...)`) once. */
static int eval_subquery(qctx *q, bexpr *e, harena *a, hvec *out)
{
    (void)a;
    if (!e->sub_done) {
        htable *t = exec_collect(q, e->sub);
        if (!t)
            return -1;
        e->sub_done = true;
        if (e->kind == BX_SUBQ) {
            hvec v;
            if (t->nrows == 0 || t->schema.ncols == 0) {
                vec_const_null(&q->arena, &v, e->type, 1);
            } else {
                hcol *c = &t->ext[0]->cols[0];
                vec_const(&q->arena, &v, e->type, 1);
                if (col_is_null(c, 0)) {
                    vec_set_null(&q->arena, &v, 0);
                } else if (ht_is_str(e->type)) {
                    hstr s = col_str(c, 0);
                    v.s[0].p = arena_strndup(&q->arena, s.p, s.n);
                    v.s[0].n = s.n;
                } else {
                    memcpy(v.data, (char *)c->data, vec_width(e->type));
                }
            }
            e->cval = v;
        } else {
            /* in (tabular): the first column's values become the set */
            int nitems = 0;
            for (int k = 0; k < t->next; k++)
                nitems += (int)t->ext[k]->nrows;
            hvec **items = arena_alloc(&q->arena, sizeof(hvec *) * (size_t)(nitems + 1));
            int m = 0;
            htype ct = t->schema.types[0];
            for (int k = 0; k < t->next; k++) {
                hcol *c = &t->ext[k]->cols[0];
                for (uint32_t r = 0; r < t->ext[k]->nrows; r++) {
                    hvec *v = arena_alloc(&q->arena, sizeof *v);
                    vec_const(&q->arena, v, ct, 1);
                    if (col_is_null(c, r))
                        vec_set_null(&q->arena, v, 0);
                    else if (ht_is_str(ct)) {
                        hstr s = col_str(c, r);
                        v->s[0].p = arena_strndup(&q->arena, s.p, s.n);
                        v->s[0].n = s.n;
                    } else
                        memcpy(v->data, (char *)c->data + vec_width(ct) * r, vec_width(ct));
                    items[m++] = v;
                }
            }
            e->set = inset_new(q, e->op, e->args[0]->type, items, m);
        }
        table_free(t);
    }
    if (e->kind == BX_SUBQ)
        *out = e->cval;
    return 0;
}

static bool all_const(hvec *v, int n)
{
    for (int i = 0; i < n; i++)
        if (v[i].cmask)
            return false;
    return true;
}

/* The work of node e over its evaluated arguments argv, m rows (1 when all
 * are constant). */
static int eval_node(qctx *q, bexpr *e, const batch *b, harena *a, hvec *argv, int nargs,
                     uint32_t m, hvec *out)
{
    int rc = 0;
    switch (e->kind) {
    case BX_CALL: {
        const hvec *pv[FN_MAX_ARGS];
        for (int i = 0; i < nargs; i++)
            pv[i] = &argv[i];
        char fnerr[256] = "";
        fn_ctx ctx = {a, &e->fnstate, q->now, fnerr, sizeof fnerr};
        out->type = e->type;
        out->n = m;
        out->cmask = ~0u;
        out->null = NULL;
        out->data = NULL;
        if (e->fn->run(&ctx, nargs, pv, out) < 0)
            return q_error(q, HUNT_ERUNTIME, e->off, e->len, "%s(): %s", e->fn->name, fnerr);
        out->type = e->type;
        break;
    }
    case BX_BINOP:
        if (e->op >= OP_ADD && e->op <= OP_MOD)
            rc = arith(q, e, &argv[0], &argv[1], a, out, m);
        else if ((e->op >= OP_EQ && e->op <= OP_NE_CI))
            rc = compare(e, &argv[0], &argv[1], a, out, m);
        else
            rc = strop(e, &argv[0], &argv[1], a, out, m);
        break;
    case BX_NEG:
        vec_alloc(a, out, e->type, m);
        merge_nulls(a, out, &argv[0], NULL, m);
        for (uint32_t i = 0; i < m; i++) {
            if (e->type == HT_REAL)
                out->r[i] = -vec_r(&argv[0], i);
            else
                out->i[i] = (int64_t)(0 - (uint64_t)vec_i(&argv[0], i));
        }
        break;
    case BX_AND:
    case BX_OR:
        rc = logic(e, &argv[0], &argv[1], a, out, m);
        break;
    case BX_CAST:
        rc = expr_cast(q, a, &argv[0], e->type, out);
        break;
    case BX_MEMBER:
        rc = member(q, e, &argv[0], &e->cval, a, out, m);
        break;
    case BX_INDEX:
        rc = member(q, e, &argv[0], &argv[1], a, out, m);
        break;
    case BX_IN:
        if (e->sub && !e->sub_done && eval_subquery(q, e, a, out) < 0)
            return -1;
        rc = in_kernel(q, e, b, &argv[0], a, out, m);
        break;
    case BX_BETWEEN:
        rc = between(e, &argv[0], &argv[1], &argv[2], a, out, m);
        break;
    default:
        return q_error(q, HUNT_ERUNTIME, e->off, e->len, "internal: bad expression kind %d",
                       e->kind);
    }
    return rc;
}

/* --- results per dictionary code ------------------------------------------------ */

/* A call's results for the codes of one dictionary (the extent being read):
 * state[c] is 1 once vals holds code c's result. Strings of the results live
 * in arena until the dictionary changes, which happens only between batches
 * (a batch comes from one extent), so a batch's vectors stay valid as long
 * as batches must. */
struct code_cache {
    const void *dict;
    uint32_t cap;
    uint8_t *state;
    hvec vals;
    harena arena;
};

code_cache *code_cache_new(harena *a)
{
    code_cache *cc = arena_zalloc(a, sizeof *cc);
    arena_init(&cc->arena);
    return cc;
}

void code_cache_free(code_cache *cc)
{
    free(cc->state);
    free(cc->vals.data);
    free(cc->vals.null);
    arena_free(&cc->arena);
    memset(cc, 0, sizeof *cc);
}

void expr_mark_shared(bexpr *e)
{
    if (!e)
        return;
    e->shared = true;
    for (int i = 0; i < e->nargs; i++)
        expr_mark_shared(e->args[i]);
    expr_mark_shared(e->set_src);
}

/* Empties cc for dictionary dict of ndict entries, results of type t. */
static void cache_reset(code_cache *cc, const void *dict, uint32_t ndict, htype t)
{
    if (ndict > cc->cap) {
        free(cc->state);
        free(cc->vals.data);
        free(cc->vals.null);
        cc->state = malloc(ndict);
        cc->vals.data = malloc(vec_width(t) * ndict);
        cc->vals.null = malloc(ndict);
        if (!cc->state || !cc->vals.data || !cc->vals.null)
            abort();
        cc->cap = ndict;
    }
    memset(cc->state, 0, ndict);
    cc->vals.type = t;
    cc->vals.cmask = ~0u;
    cc->dict = dict;
    arena_reset(&cc->arena);
}

/* Keeps result k of res as code c's (strings copied into the cache). */
static void cache_put(code_cache *cc, uint32_t c, const hvec *res, uint32_t k)
{
    size_t w = vec_width(res->type);
    cc->vals.null[c] = vec_is_null(res, k);
    if (ht_is_str(res->type)) {
        hstr x = vec_s(res, k);
        char *p = arena_alloc(&cc->arena, x.n ? x.n : 1);
        if (x.n)
            memcpy(p, x.p, x.n);
        cc->vals.s[c].p = p;
        cc->vals.s[c].n = x.n;
    } else {
        memcpy((char *)cc->vals.data + w * c, (const char *)res->data + w * (k & res->cmask), w);
    }
    cc->state[c] = 1;
}

/* eval_by_codes for a call with a code cache: the codes of the batch not
 * seen in this extent yet are evaluated (once each), then every row reads
 * its code's result. */
static int eval_cached(qctx *q, bexpr *e, const batch *b, harena *a, hvec *argv, int nargs,
                       int which, const uint16_t *codes, uint32_t n, hvec *out)
{
    code_cache *cc = e->cc;
    hvec saved = argv[which];
    if (cc->dict != saved.dict)
        cache_reset(cc, saved.dict, saved.ndict, e->type);
    uint32_t *first = arena_alloc(a, sizeof *first * n), m = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!cc->state[codes[i]]) {
            cc->state[codes[i]] = 2; /* pending */
            first[m++] = i;
        }
    if (m) {
        hvec compact, res;
        vec_alloc(a, &compact, HT_STRING, m);
        for (uint32_t k = 0; k < m; k++)
            compact.s[k] = saved.s[first[k]];
        argv[which] = compact;
        int rc = eval_node(q, e, b, a, argv, nargs, m, &res);
        argv[which] = saved;
        if (rc < 0) {
            for (uint32_t k = 0; k < m; k++)
                cc->state[codes[first[k]]] = 0;
            return -1;
        }
        for (uint32_t k = 0; k < m; k++)
            cache_put(cc, codes[first[k]], &res, k);
    }
    size_t w = vec_width(e->type);
    vec_alloc(a, out, e->type, n);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = codes[i];
        memcpy((char *)out->data + w * i, (const char *)cc->vals.data + w * c, w);
        if (cc->vals.null[c])
            vec_set_null(a, out, i);
    }
    return 0;
}

/* Node e over one string argument read from a dictionary column (every other
 * argument constant) runs once per distinct value of the batch and is spread
 * over the rows by code: parse_json, tolower, ==, in, has ... of a column of
 * names. *done says whether it ran (not when the batch has no codes, or too
 * many distinct values for it to pay). */
static int eval_by_codes(qctx *q, bexpr *e, const batch *b, harena *a, hvec *argv, int nargs,
                         uint32_t n, hvec *out, bool *done)
{
    *done = false;
    int which = -1;
    for (int i = 0; i < nargs; i++)
        if (argv[i].cmask) {
            if (which >= 0)
                return 0;
            which = i;
        }
    if (which < 0 || n < 64 || argv[which].type != HT_STRING || argv[which].null)
        return 0;
    const uint16_t *codes = vec_codes(&argv[which]);
    if (!codes)
        return 0;
    if (e->kind == BX_CALL && e->cc && !e->shared && !(e->fn->flags & FN_VOLATILE)) {
        *done = true;
        return eval_cached(q, e, b, a, argv, nargs, which, codes, n, out);
    }
    switch (e->kind) {
    case BX_CALL:
        if (e->fn->flags & FN_VOLATILE)
            return 0;
        break;
    case BX_IN:
        if (e->set_src || e->sub)
            return 0;
        break;
    case BX_BINOP:
    case BX_CAST:
    case BX_BETWEEN:
        break;
    default:
        return 0;
    }
    /* the batch's distinct codes, in order of first appearance; a function
     * (parse_json, a regex) costs more per row than the spreading, so it
     * still pays with three distinct values in four rows */
    uint32_t most = e->kind == BX_CALL ? n - n / 4 : n / 2;
    uint32_t cap = 64;
    while (cap < 2 * n)
        cap <<= 1;
    uint32_t *key = arena_zalloc(a, sizeof *key * cap); /* code + 1, 0 = empty */
    uint32_t *val = arena_alloc(a, sizeof *val * cap);
    uint32_t *sel = arena_alloc(a, sizeof *sel * n), *first = arena_alloc(a, sizeof *first * n);
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = codes[i], h = (c * 0x9E3779B1u) & (cap - 1);
        while (key[h] && key[h] != c + 1)
            h = (h + 1) & (cap - 1);
        if (!key[h]) {
            if (m + 1 > most)
                return 0; /* mostly distinct here: not worth it */
            key[h] = c + 1;
            val[h] = m;
            first[m++] = i;
        }
        sel[i] = val[h];
    }
    hvec compact, saved = argv[which];
    vec_alloc(a, &compact, HT_STRING, m);
    for (uint32_t k = 0; k < m; k++)
        compact.s[k] = saved.s[first[k]];
    argv[which] = compact;
    hvec res;
    int rc = eval_node(q, e, b, a, argv, nargs, m, &res);
    argv[which] = saved;
    if (rc < 0)
        return -1;
    if (!res.cmask) {
        *out = res;
        out->n = n;
    } else {
        vec_gather(a, &res, sel, m ? n : 0, out);
    }
    *done = true;
    return 0;
}

int expr_eval(qctx *q, bexpr *e, const batch *b, harena *a, hvec *out)
{
    uint32_t n = b ? b->n : 1;
    if (q->interrupt && *q->interrupt)
        return q_error(q, HUNT_EINTERRUPT, -1, 0, "query interrupted");
    switch (e->kind) {
    case BX_COL:
        *out = b->cols[e->col];
        return 0;
    case BX_CONST:
        *out = e->cval;
        out->n = n;
        return 0;
    case BX_SUBQ:
        if (eval_subquery(q, e, a, out) < 0)
            return -1;
        out->n = n;
        return 0;
    default:
        break;
    }
    /* the arguments' vectors: on the stack for the usual few (this frame
     * stays alive while nested calls evaluate), in the batch arena beyond */
    hvec small[8];
    int nargs = e->nargs;
    hvec *argv = nargs <= 8 ? small : arena_alloc(a, sizeof *argv * (size_t)nargs);
    for (int i = 0; i < nargs; i++)
        if (expr_eval(q, e->args[i], b, a, &argv[i]) < 0)
            return -1;
    bool konst = all_const(argv, nargs);
    uint32_t m = konst ? 1 : n;
    if (e->kind == BX_CALL && (e->fn->flags & FN_VOLATILE))
        m = n, konst = false;
    bool done = false;
    if (!konst && eval_by_codes(q, e, b, a, argv, nargs, n, out, &done) < 0)
        return -1;
    if (done)
        return 0;
    int rc = eval_node(q, e, b, a, argv, nargs, m, out);
    if (rc < 0)
        return -1;
    if (konst) {
        out->cmask = 0;
        out->n = n;
    }
    return 0;
}

int expr_eval_once(qctx *q, bexpr *e, harena *a, hvec *out)
{
    batch one = {1, 0, NULL};
    return expr_eval(q, e, &one, a, out);
}
