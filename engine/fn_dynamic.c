/* engine/fn_dynamic.c — KQL functions over dynamic values: JSON parsing,
 * arrays (array_*, pack_array, zip, range, set_*), property bags (bag_*,
 * pack) and JSONPath extraction (extract_json, treepath).
 *
 * Values are read straight from the encoded form of tables/dyn.h and new
 * values are built in a per-call-site scratch dbuf, then copied into
 * ctx->arena (one copy per result row, no malloc per row). Arguments that KQL
 * takes as "any scalar" (pack_array items, bag values, lookup values) are
 * encoded with put_value, so strings stay strings (never parsed as JSON).
 *
 * Null rules (KQL docs): array functions return null when an argument that
 * must be an array is not one; bag functions likewise for bags.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fn.h"
#include "../tables/dyn.h"

#define RANGE_MAX 1048576 /* range() truncates its result at 2^20 values */
#define PATH_MAX_SEGS 32
#define ZIP_MAX 16 /* most arrays zip() takes */

/* --- call-site state and output helpers -------------------------------------- */

typedef struct dyn_state {
    dbuf out;  /* the value being built */
    dbuf tmp;  /* scratch (text, nested values) */
    dbuf ptrs; /* scratch arrays (element pointers, sort entries) */
} dyn_state;

static void dyn_state_free(void *p)
{
    dyn_state *st = p;
    if (!st)
        return;
    dbuf_free(&st->out);
    dbuf_free(&st->tmp);
    dbuf_free(&st->ptrs);
    free(st);
}

static dyn_state *st_get(fn_ctx *ctx)
{
    dyn_state *st = *ctx->state;
    if (!st) {
        st = calloc(1, sizeof *st);
        if (!st)
            abort();
        *ctx->state = st;
    }
    dbuf_reset(&st->out);
    dbuf_reset(&st->tmp);
    dbuf_reset(&st->ptrs);
    return st;
}

/* Makes b hold at least `bytes` bytes (contents undefined); returns them. */
static void *buf_room(dbuf *b, size_t bytes)
{
    static const uint8_t zero[256];
    dbuf_reset(b);
    if (b->cap < bytes) {
        while (b->n < bytes) /* dbuf_put is the only way to grow a dbuf */
            dbuf_put(b, zero, bytes - b->n < sizeof zero ? bytes - b->n : sizeof zero);
        dbuf_reset(b);
    }
    return b->p;
}

/* Room for n items of size sz in st->ptrs. */
static void *ptrs_room(dyn_state *st, size_t n, size_t sz)
{
    return buf_room(&st->ptrs, (n ? n : 1) * sz);
}

static void set_dyn(fn_ctx *ctx, hvec *out, uint32_t i, const dbuf *b)
{
    char *p = arena_alloc(ctx->arena, b->n ? b->n : 1);
    memcpy(p, b->p, b->n);
    out->s[i] = (hstr){p, (uint32_t)b->n};
}

static void set_null(fn_ctx *ctx, hvec *out, uint32_t i)
{
    if (out->type == HT_STRING || out->type == HT_DYNAMIC)
        out->s[i] = (hstr){"", 0};
    else
        out->i[i] = 0;
    if (out->type != HT_STRING)
        vec_set_null(ctx->arena, out, i);
}

/* The encoded value of dynamic argument v at row i, or NULL when null. */
static const uint8_t *arg_dyn(const hvec *v, uint32_t i)
{
    if (v->type != HT_DYNAMIC || vec_is_null(v, i))
        return NULL;
    hstr s = vec_s(v, i);
    return s.n ? (const uint8_t *)s.p : NULL;
}

static const uint8_t *arg_array(const hvec *v, uint32_t i)
{
    const uint8_t *d = arg_dyn(v, i);
    return d && dyn_tag(d) == DYN_ARRAY ? d : NULL;
}

static const uint8_t *arg_bag(const hvec *v, uint32_t i)
{
    const uint8_t *d = arg_dyn(v, i);
    return d && dyn_tag(d) == DYN_OBJECT ? d : NULL;
}

/* One row of a dynamic-valued function: builds row i's value into st->out
 * (already reset) and returns true, or returns false for null. opt is the
 * variant (direction, set operation) for rows shared by several functions. */
typedef bool dyn_row(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt);

/* Runs row over every row of out, a dynamic vector. */
static int dyn_rows(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, dyn_row *row,
                    int opt)
{
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    dyn_state *st = st_get(ctx);
    for (uint32_t i = 0; i < out->n; i++) {
        dbuf_reset(&st->out);
        if (row(st, argc, argv, i, opt))
            set_dyn(ctx, out, i, &st->out);
        else
            set_null(ctx, out, i);
    }
    return 0;
}

/* Encodes row i of v into st->tmp and returns a pointer to it (for lookups). */
static const uint8_t *value_as_dyn(dyn_state *st, const hvec *v, uint32_t i)
{
    dbuf_reset(&st->tmp);
    vec_put_dyn(&st->tmp, v, i);
    return st->tmp.p;
}

/* Loads the elements of array a into a pointer list in st->ptrs. */
static const uint8_t **elems_in(dbuf *buf, const uint8_t *a, uint32_t *count)
{
    uint32_t n = dyn_count(a);
    const uint8_t **e = buf_room(buf, (n ? n : 1) * sizeof *e);
    dyn_iter it;
    uint32_t k = 0;
    for (const uint8_t *x = dyn_first(a, &it, NULL); x && k < n; x = dyn_next(&it, NULL))
        e[k++] = x;
    *count = k;
    return e;
}

static const uint8_t **elems(dyn_state *st, const uint8_t *a, uint32_t *count)
{
    return elems_in(&st->ptrs, a, count);
}

static bool array_has(const uint8_t *a, const uint8_t *v)
{
    dyn_iter it;
    for (const uint8_t *x = dyn_first(a, &it, NULL); x; x = dyn_next(&it, NULL))
        if (dyn_equal(x, v))
            return true;
    return false;
}

/* Truthiness of an array_iff condition element: 1, 0, or -1 (not a bool). */
static int dyn_truth(const uint8_t *v)
{
    switch (dyn_tag(v)) {
    case DYN_TRUE:
        return 1;
    case DYN_FALSE:
        return 0;
    case DYN_LONG:
        return dyn_long(v) != 0;
    case DYN_REAL:
        return dyn_real(v) != 0;
    default:
        return -1;
    }
}

static bool dyn_number(const uint8_t *v, double *out)
{
    if (dyn_tag(v) == DYN_LONG)
        *out = (double)dyn_long(v);
    else if (dyn_tag(v) == DYN_REAL)
        *out = dyn_real(v);
    else
        return false;
    return true;
}

/* --- type checks ------------------------------------------------------------- */

/* Every argument becomes dynamic. */
static htype tc_dyn_all(fn_sig *sig, htype result)
{
    for (int i = 0; i < sig->argc; i++)
        if (!fn_want(sig, sig->name, i, 'y'))
            return HT_UNKNOWN;
    return result;
}

/* Argument 0 dynamic, the rest as given by kinds ('*' anything). */
static htype tc_dyn_then(fn_sig *sig, const char *kinds, htype result)
{
    if (!fn_want(sig, sig->name, 0, 'y'))
        return HT_UNKNOWN;
    size_t nk = strlen(kinds);
    for (int i = 1; i < sig->argc; i++) {
        char k = (size_t)(i - 1) < nk ? kinds[i - 1] : '*';
        if (!fn_want(sig, sig->name, i, k))
            return HT_UNKNOWN;
    }
    return result;
}

#define TC_ALL(fn, res)                                                                            \
    static htype fn(fn_sig *sig)                                                                   \
    {                                                                                              \
        return tc_dyn_all(sig, res);                                                               \
    }
#define TC_THEN(fn, kinds, res)                                                                    \
    static htype fn(fn_sig *sig)                                                                   \
    {                                                                                              \
        return tc_dyn_then(sig, kinds, res);                                                       \
    }

TC_ALL(tc_all_string, HT_STRING)
TC_ALL(tc_all_long, HT_LONG)
TC_ALL(tc_all_real, HT_REAL)
TC_ALL(tc_all_dynamic, HT_DYNAMIC)
TC_THEN(tc_then_long, "l", HT_DYNAMIC)      /* array, count */
TC_THEN(tc_then_long_any, "l*", HT_DYNAMIC) /* array, count[, fill] */
TC_THEN(tc_then_any_bool, "*", HT_BOOL)     /* array, value */
TC_THEN(tc_then_str_bool, "s", HT_BOOL)     /* bag, key */
TC_THEN(tc_then_str_any, "s*", HT_DYNAMIC)  /* bag, key, value */

/* --- parse_json, dynamic_to_json -------------------------------------------- */

static htype tc_parse_json(fn_sig *sig)
{
    (void)sig;
    return HT_DYNAMIC;
}

static int run_parse_json(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    const hvec *a = argv[0];
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    dyn_state *st = st_get(ctx);
    for (uint32_t i = 0; i < out->n; i++) {
        if (a->type == HT_DYNAMIC) {
            const uint8_t *d = arg_dyn(a, i);
            if (d)
                out->s[i] = vec_s(a, i);
            else
                set_null(ctx, out, i);
            continue;
        }
        if (a->type != HT_STRING) {
            if (vec_is_null(a, i)) {
                set_null(ctx, out, i);
                continue;
            }
            dbuf_reset(&st->out);
            vec_put_dyn(&st->out, a, i);
            set_dyn(ctx, out, i, &st->out);
            continue;
        }
        hstr s = vec_s(a, i);
        if (vec_is_null(a, i) || s.n == 0) {
            set_null(ctx, out, i);
            continue;
        }
        dbuf_reset(&st->out);
        if (!dyn_from_json(s.p, s.n, &st->out, NULL, 0)) {
            dbuf_reset(&st->out);
            dyn_put_string(&st->out, s.p, s.n);
        }
        set_dyn(ctx, out, i, &st->out);
    }
    return 0;
}

typedef struct key_ent {
    hstr key;
    const uint8_t *val;
} key_ent;

static int key_cmp(const void *x, const void *y)
{
    const key_ent *a = x, *b = y;
    uint32_t n = a->key.n < b->key.n ? a->key.n : b->key.n;
    int c = memcmp(a->key.p, b->key.p, n);
    if (c)
        return c;
    return a->key.n < b->key.n ? -1 : a->key.n > b->key.n;
}

/* Appends v to b with every object's keys sorted (ordinal), recursively. */
static void put_sorted(dbuf *b, const uint8_t *v)
{
    dyn_iter it;
    hstr k;
    if (dyn_tag(v) == DYN_ARRAY) {
        size_t m = dyn_begin_array(b);
        uint32_t n = 0;
        for (const uint8_t *x = dyn_first(v, &it, NULL); x; x = dyn_next(&it, NULL), n++)
            put_sorted(b, x);
        dyn_end(b, m, n);
        return;
    }
    if (dyn_tag(v) != DYN_OBJECT) {
        dyn_put_raw(b, v);
        return;
    }
    uint32_t n = dyn_count(v);
    key_ent *ents = malloc((n ? n : 1) * sizeof *ents); /* per object, not per row */
    if (!ents)
        abort();
    uint32_t c = 0;
    for (const uint8_t *x = dyn_first(v, &it, &k); x && c < n; x = dyn_next(&it, &k))
        ents[c++] = (key_ent){k, x};
    qsort(ents, c, sizeof *ents, key_cmp);
    size_t m = dyn_begin_object(b);
    for (uint32_t j = 0; j < c; j++) {
        dyn_put_key(b, ents[j].key.p, ents[j].key.n);
        put_sorted(b, ents[j].val);
    }
    dyn_end(b, m, c);
    free(ents);
}

static int run_dynamic_to_json(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    dyn_state *st = st_get(ctx);
    for (uint32_t i = 0; i < out->n; i++) {
        const uint8_t *d = arg_dyn(argv[0], i);
        dbuf_reset(&st->out);
        dbuf_reset(&st->tmp);
        if (d) {
            put_sorted(&st->tmp, d);
            dyn_to_json(st->tmp.p, &st->out);
        } else {
            dbuf_put(&st->out, "null", 4);
        }
        set_dyn(ctx, out, i, &st->out);
    }
    return 0;
}

/* --- array_length, array_sum, array_reverse ---------------------------------- */

static int run_array_length(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_LONG, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        const uint8_t *a = arg_array(argv[0], i);
        if (a)
            out->i[i] = dyn_count(a);
        else
            set_null(ctx, out, i);
    }
    return 0;
}

static int run_array_sum(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        const uint8_t *a = arg_array(argv[0], i);
        double sum = 0, x;
        bool ok = a != NULL;
        dyn_iter it;
        for (const uint8_t *e = a ? dyn_first(a, &it, NULL) : NULL; e && ok;
             e = dyn_next(&it, NULL)) {
            ok = dyn_number(e, &x);
            sum += x;
        }
        if (ok)
            out->r[i] = sum;
        else
            set_null(ctx, out, i);
    }
    return 0;
}

static bool row_array_reverse(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)argc, (void)opt;
    const uint8_t *a = arg_array(argv[0], i);
    if (!a)
        return false;
    uint32_t n;
    const uint8_t **e = elems(st, a, &n);
    size_t m = dyn_begin_array(&st->out);
    for (uint32_t j = n; j-- > 0;)
        dyn_put_raw(&st->out, e[j]);
    dyn_end(&st->out, m, n);
    return true;
}

static int run_array_reverse(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_array_reverse, 0);
}

/* --- array_rotate_left/right, array_shift_left/right ------------------------- */

enum { MOVE_LEFT = 1, MOVE_RIGHT = 2, MOVE_ROTATE = 4 };

/* Moves elements left or right by k (opt: MOVE_* flags). Rotating wraps
 * around; shifting fills the vacated slots with argument fill (or null). */
static bool row_move_elems(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    const uint8_t *a = arg_array(argv[0], i);
    if (!a || vec_is_null(argv[1], i))
        return false;
    bool rotate = opt & MOVE_ROTATE;
    uint32_t n;
    const uint8_t **e = elems(st, a, &n);
    int64_t k = vec_i(argv[1], i);
    k = opt & MOVE_RIGHT ? -k : k; /* k > 0: move left */
    size_t m = dyn_begin_array(&st->out);
    for (uint32_t j = 0; j < n; j++) {
        if (rotate) { /* n > 0 inside this loop */
            int64_t s = ((int64_t)j + k % (int64_t)n + (int64_t)n) % (int64_t)n;
            dyn_put_raw(&st->out, e[s]);
            continue;
        }
        int64_t s = (int64_t)j + k;
        if (k > (int64_t)n || k < -(int64_t)n || s < 0 || s >= (int64_t)n) {
            if (argc > 2)
                vec_put_dyn(&st->out, argv[2], i);
            else
                dyn_put_null(&st->out);
        } else {
            dyn_put_raw(&st->out, e[s]);
        }
    }
    dyn_end(&st->out, m, n);
    return true;
}

static int run_array_rotate_left(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_move_elems, MOVE_LEFT | MOVE_ROTATE);
}

static int run_array_rotate_right(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_move_elems, MOVE_RIGHT | MOVE_ROTATE);
}

static int run_array_shift_left(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_move_elems, MOVE_LEFT);
}

static int run_array_shift_right(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_move_elems, MOVE_RIGHT);
}

/* --- array_slice, array_split, array_concat ----------------------------------- */

static bool row_array_slice(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)argc, (void)opt;
    const uint8_t *a = arg_array(argv[0], i);
    if (!a || vec_is_null(argv[1], i) || vec_is_null(argv[2], i))
        return false;
    uint32_t n;
    const uint8_t **e = elems(st, a, &n);
    int64_t s = vec_i(argv[1], i), t = vec_i(argv[2], i);
    if (s < 0)
        s += n;
    if (t < 0)
        t += n;
    if (s < 0)
        s = 0;
    if (t >= (int64_t)n)
        t = (int64_t)n - 1;
    size_t m = dyn_begin_array(&st->out);
    uint32_t c = 0;
    for (int64_t j = s; j <= t; j++, c++)
        dyn_put_raw(&st->out, e[j]);
    dyn_end(&st->out, m, c);
    return true;
}

static int run_array_slice(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_array_slice, 0);
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

static bool row_array_split(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)argc, (void)opt;
    const uint8_t *a = arg_array(argv[0], i);
    const uint8_t *ix = arg_dyn(argv[1], i);
    if (!a || !ix || (dyn_tag(ix) != DYN_ARRAY && dyn_tag(ix) != DYN_LONG))
        return false;
    uint32_t n = dyn_count(a);
    uint32_t ni = dyn_tag(ix) == DYN_ARRAY ? dyn_count(ix) : 1;
    int64_t *cut = ptrs_room(st, ni + 2, sizeof *cut);
    uint32_t nc = 0;
    cut[nc++] = 0;
    dyn_iter it;
    const uint8_t *x = dyn_tag(ix) == DYN_ARRAY ? dyn_first(ix, &it, NULL) : ix;
    for (; x && nc < ni + 1; x = dyn_tag(ix) == DYN_ARRAY ? dyn_next(&it, NULL) : NULL) {
        if (dyn_tag(x) != DYN_LONG)
            continue;
        int64_t c = dyn_long(x);
        if (c < 0)
            c += n;
        cut[nc++] = c < 0 ? 0 : c > (int64_t)n ? (int64_t)n : c;
    }
    qsort(cut + 1, nc - 1, sizeof *cut, cmp_i64);
    cut[nc++] = n;
    size_t m = dyn_begin_array(&st->out);
    dyn_iter ea;
    const uint8_t *e = dyn_first(a, &ea, NULL);
    int64_t pos = 0;
    for (uint32_t p = 0; p + 1 < nc; p++) {
        size_t mm = dyn_begin_array(&st->out);
        uint32_t c = 0;
        for (; e && pos < cut[p + 1]; e = dyn_next(&ea, NULL), pos++, c++)
            dyn_put_raw(&st->out, e);
        dyn_end(&st->out, mm, c);
    }
    dyn_end(&st->out, m, nc - 1);
    return true;
}

static int run_array_split(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_array_split, 0);
}

/* True when every argument is an array at row i. */
static bool all_arrays(int argc, const hvec *const *argv, uint32_t i)
{
    bool ok = true;
    for (int k = 0; k < argc && ok; k++)
        ok = arg_array(argv[k], i) != NULL;
    return ok;
}

static bool row_array_concat(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)opt;
    if (!all_arrays(argc, argv, i))
        return false;
    size_t m = dyn_begin_array(&st->out);
    uint32_t c = 0;
    for (int k = 0; k < argc; k++) {
        dyn_iter it;
        const uint8_t *a = arg_array(argv[k], i);
        for (const uint8_t *e = dyn_first(a, &it, NULL); e; e = dyn_next(&it, NULL), c++)
            dyn_put_raw(&st->out, e);
    }
    dyn_end(&st->out, m, c);
    return true;
}

static int run_array_concat(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_array_concat, 0);
}

/* --- array_index_of, set_has_element ------------------------------------------ */

static htype tc_array_index_of(fn_sig *sig)
{
    static const char kinds[] = "*lll";
    if (!fn_want(sig, "array_index_of", 0, 'y'))
        return HT_UNKNOWN;
    for (int i = 1; i < sig->argc; i++)
        if (!fn_want(sig, "array_index_of", i, kinds[i - 1]))
            return HT_UNKNOWN;
    return HT_LONG;
}

static int run_array_index_of(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_LONG, out->n);
    dyn_state *st = st_get(ctx);
    for (uint32_t i = 0; i < out->n; i++) {
        const uint8_t *a = arg_array(argv[0], i);
        bool bad = !a;
        for (int k = 2; k < argc; k++)
            bad = bad || vec_is_null(argv[k], i);
        int64_t n = a ? dyn_count(a) : 0;
        int64_t start = argc > 2 ? vec_i(argv[2], i) : 0;
        int64_t len = argc > 3 ? vec_i(argv[3], i) : -1;
        int64_t occ = argc > 4 ? vec_i(argv[4], i) : 1;
        if (bad || len < -1 || occ < 0) {
            set_null(ctx, out, i);
            continue;
        }
        if (start < 0)
            start = start + n < 0 ? 0 : start + n;
        int64_t end = len == -1 || start + len > n ? n : start + len;
        const uint8_t *v = value_as_dyn(st, argv[1], i);
        int64_t found = -1, seen = 0, j = 0;
        dyn_iter it;
        for (const uint8_t *e = dyn_first(a, &it, NULL); e && j < end && found < 0;
             e = dyn_next(&it, NULL), j++)
            if (j >= start && dyn_equal(e, v) && ++seen >= (occ ? occ : 1))
                found = j;
        out->i[i] = found;
    }
    return 0;
}

static int run_set_has_element(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    dyn_state *st = st_get(ctx);
    for (uint32_t i = 0; i < out->n; i++) {
        const uint8_t *a = arg_array(argv[0], i);
        if (!a) {
            set_null(ctx, out, i);
            continue;
        }
        out->b[i] = array_has(a, value_as_dyn(st, argv[1], i));
    }
    return 0;
}

/* --- set_union, set_intersect, set_difference, jaccard_index ------------------- */

enum { SET_UNION, SET_INTERSECT, SET_DIFFERENCE };

/* A set of dynamic values for the set functions: open addressing on
 * dyn_hash, each slot a reference resolved against a base (an offset into
 * the output being built, or a pointer into an input array with base NULL),
 * confirmed with dyn_equal. Linear in the elements, where comparing each
 * element with all the earlier ones was quadratic. */
typedef struct vset {
    uint64_t *hash;
    uintptr_t *ref; /* 0: empty slot; else reference + 1 */
    uint32_t cap, n;
} vset;

static void vset_free(vset *v)
{
    free(v->hash);
    free(v->ref);
    memset(v, 0, sizeof *v);
}

static void vset_grow(vset *v)
{
    uint32_t cap = v->cap ? v->cap * 2 : 16;
    uint64_t *h = calloc(cap, sizeof *h);
    uintptr_t *r = calloc(cap, sizeof *r);
    if (!h || !r)
        abort();
    for (uint32_t i = 0; i < v->cap; i++) {
        if (!v->ref[i])
            continue;
        uint32_t j = (uint32_t)v->hash[i] & (cap - 1);
        while (r[j])
            j = (j + 1) & (cap - 1);
        h[j] = v->hash[i];
        r[j] = v->ref[i];
    }
    free(v->hash);
    free(v->ref);
    v->hash = h;
    v->ref = r;
    v->cap = cap;
}

static bool vset_has(const vset *v, const uint8_t *base, const uint8_t *x, uint64_t hx)
{
    if (!v->cap)
        return false;
    for (uint32_t j = (uint32_t)hx & (v->cap - 1); v->ref[j]; j = (j + 1) & (v->cap - 1))
        if (v->hash[j] == hx &&
            dyn_equal(base ? base + (v->ref[j] - 1) : (const uint8_t *)(v->ref[j] - 1), x))
            return true;
    return false;
}

static void vset_add(vset *v, uint64_t hx, uintptr_t ref)
{
    if (2 * (v->n + 1) > v->cap)
        vset_grow(v);
    uint32_t j = (uint32_t)hx & (v->cap - 1);
    while (v->ref[j])
        j = (j + 1) & (v->cap - 1);
    v->hash[j] = hx;
    v->ref[j] = ref + 1;
    v->n++;
}

/* The elements of array a, as a set. */
static void vset_of_array(vset *v, const uint8_t *a)
{
    dyn_iter it;
    for (const uint8_t *e = dyn_first(a, &it, NULL); e; e = dyn_next(&it, NULL))
        vset_add(v, dyn_hash(e), (uintptr_t)e);
}

/* set_union/set_intersect/set_difference (opt: SET_*) at row i: the distinct
 * elements of the first array (of all, for a union) in order of first
 * appearance, kept when in every other array (intersect) or in none
 * (difference). */
static bool row_set_op(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int op)
{
    if (!all_arrays(argc, argv, i))
        return false;
    vset seen = {0};
    vset *others = NULL;
    if (op != SET_UNION) {
        others = calloc(argc > 0 ? (size_t)argc : 1, sizeof *others);
        if (!others)
            abort();
        for (int k = 1; k < argc; k++)
            vset_of_array(&others[k], arg_array(argv[k], i));
    }
    size_t m = dyn_begin_array(&st->out);
    uint32_t c = 0;
    int last = op == SET_UNION ? argc : 1;
    for (int k = 0; k < last; k++) {
        dyn_iter it;
        const uint8_t *a = arg_array(argv[k], i);
        for (const uint8_t *e = dyn_first(a, &it, NULL); e; e = dyn_next(&it, NULL)) {
            uint64_t h = dyn_hash(e);
            if (vset_has(&seen, (const uint8_t *)st->out.p, e, h))
                continue;
            bool keep = true;
            for (int o = 1; o < argc && keep && op != SET_UNION; o++) {
                bool in = vset_has(&others[o], NULL, e, h);
                keep = op == SET_INTERSECT ? in : !in;
            }
            if (!keep)
                continue;
            vset_add(&seen, h, st->out.n);
            dyn_put_raw(&st->out, e);
            c++;
        }
    }
    dyn_end(&st->out, m, c);
    vset_free(&seen);
    if (others) {
        for (int k = 1; k < argc; k++)
            vset_free(&others[k]);
        free(others);
    }
    return true;
}

static int run_set_union(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_set_op, SET_UNION);
}

static int run_set_intersect(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_set_op, SET_INTERSECT);
}

static int run_set_difference(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_set_op, SET_DIFFERENCE);
}

/* Number of distinct elements of a; those also in b counted into *common. */
static uint32_t distinct_count(const uint8_t *a, const uint8_t *b, uint32_t *common)
{
    vset seen = {0}, inb = {0};
    if (b)
        vset_of_array(&inb, b);
    dyn_iter it;
    *common = 0;
    for (const uint8_t *e = dyn_first(a, &it, NULL); e; e = dyn_next(&it, NULL)) {
        uint64_t h = dyn_hash(e);
        if (vset_has(&seen, NULL, e, h))
            continue;
        vset_add(&seen, h, (uintptr_t)e);
        if (b && vset_has(&inb, NULL, e, h))
            (*common)++;
    }
    uint32_t n = seen.n;
    vset_free(&seen);
    vset_free(&inb);
    return n;
}

static int run_jaccard_index(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        const uint8_t *a = arg_array(argv[0], i), *b = arg_array(argv[1], i);
        if (!a || !b) {
            set_null(ctx, out, i);
            continue;
        }
        uint32_t common, unused;
        uint32_t na = distinct_count(a, b, &common);
        uint32_t nb = distinct_count(b, NULL, &unused);
        uint32_t uni = na + nb - common;
        out->r[i] = uni ? (double)common / uni : NAN;
    }
    return 0;
}

/* --- array_sort_asc/desc --------------------------------------------------------- */

typedef struct sort_ent {
    const uint8_t *v;
    uint32_t idx;
    int8_t dir;        /* 1 ascending, -1 descending */
    int8_t nulls_last; /* 1 or 0 */
} sort_ent;

static int type_rank(int tag)
{
    switch (tag) {
    case DYN_FALSE:
    case DYN_TRUE:
        return 1;
    case DYN_LONG:
    case DYN_REAL:
        return 2;
    case DYN_DATETIME:
        return 3;
    case DYN_TIMESPAN:
        return 4;
    case DYN_STRING:
        return 5;
    case DYN_GUID:
        return 6;
    case DYN_ARRAY:
        return 7;
    case DYN_OBJECT:
        return 8;
    default:
        return 0;
    }
}

static int cmp_same_rank(const uint8_t *a, const uint8_t *b)
{
    switch (type_rank(dyn_tag(a))) {
    case 1:
        return (dyn_tag(a) == DYN_TRUE) - (dyn_tag(b) == DYN_TRUE);
    case 2: {
        if (dyn_tag(a) == DYN_LONG && dyn_tag(b) == DYN_LONG)
            return dyn_long(a) < dyn_long(b) ? -1 : dyn_long(a) > dyn_long(b);
        double x = 0, y = 0;
        dyn_number(a, &x);
        dyn_number(b, &y);
        return x < y ? -1 : x > y;
    }
    case 3:
    case 4:
        return dyn_long(a) < dyn_long(b) ? -1 : dyn_long(a) > dyn_long(b);
    case 5: {
        hstr x = dyn_string(a), y = dyn_string(b);
        int c = memcmp(x.p, y.p, x.n < y.n ? x.n : y.n);
        return c ? c : (x.n < y.n ? -1 : x.n > y.n);
    }
    case 6:
        return memcmp(a + 1, b + 1, 16);
    default:
        return 0;
    }
}

static int sort_cmp(const void *x, const void *y)
{
    const sort_ent *a = x, *b = y;
    bool an = dyn_tag(a->v) == DYN_NULL, bn = dyn_tag(b->v) == DYN_NULL;
    int c;
    if (an || bn) {
        c = an && bn ? 0 : (an ? 1 : -1) * (a->nulls_last ? 1 : -1);
    } else {
        int ra = type_rank(dyn_tag(a->v)), rb = type_rank(dyn_tag(b->v));
        c = ra != rb ? (ra < rb ? -1 : 1) : cmp_same_rank(a->v, b->v);
        c *= a->dir;
    }
    return c ? c : (a->idx < b->idx ? -1 : a->idx > b->idx);
}

static htype tc_sort(fn_sig *sig)
{
    for (int i = 0; i < sig->argc; i++) {
        bool last_bool = i == sig->argc - 1 && i > 0 && sig->argt[i] == HT_BOOL;
        if (!fn_want(sig, sig->name, i, last_bool ? 'b' : 'y'))
            return HT_UNKNOWN;
    }
    return HT_DYNAMIC;
}

/* Appends array a reordered as ent says; scratch holds a's element list. */
static void put_permuted(dbuf *b, dbuf *scratch, const uint8_t *a, const sort_ent *ent, uint32_t n)
{
    uint32_t na;
    const uint8_t **e = elems_in(scratch, a, &na);
    size_t m = dyn_begin_array(b);
    for (uint32_t j = 0; j < n; j++)
        dyn_put_raw(b, ent[j].idx < na ? e[ent[j].idx] : (const uint8_t *)"");
    dyn_end(b, m, n);
}

/* array_sort_asc/desc at row i; dir 1 ascending, -1 descending. With
 * several arrays the result is an array of the sorted arrays, where an
 * argument that is no array or differs in length from the first is null
 * (the docs: "null is returned for every array that differs in length"). */
static bool row_sort(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int dir)
{
    int narr = argc;
    if (argc > 1 && argv[argc - 1]->type == HT_BOOL)
        narr = argc - 1;
    bool nulls_last = narr == argc || vec_is_null(argv[argc - 1], i) || vec_b(argv[argc - 1], i);
    const uint8_t *a = arg_array(argv[0], i);
    if (!a)
        return false;
    uint32_t n = dyn_count(a);
    sort_ent *ent = ptrs_room(st, n, sizeof *ent);
    dyn_iter it;
    uint32_t c = 0;
    for (const uint8_t *e = dyn_first(a, &it, NULL); e && c < n; e = dyn_next(&it, NULL))
        ent[c] = (sort_ent){e, c, (int8_t)dir, (int8_t)nulls_last}, c++;
    qsort(ent, c, sizeof *ent, sort_cmp);
    if (narr == 1) {
        put_permuted(&st->out, &st->tmp, a, ent, c);
    } else {
        size_t m = dyn_begin_array(&st->out);
        for (int k = 0; k < narr; k++) {
            const uint8_t *o = arg_array(argv[k], i);
            if (o && dyn_count(o) == n)
                put_permuted(&st->out, &st->tmp, o, ent, c);
            else
                dyn_put_null(&st->out);
        }
        dyn_end(&st->out, m, (uint32_t)narr);
    }
    return true;
}

static int run_array_sort_asc(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_sort, 1);
}

static int run_array_sort_desc(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_sort, -1);
}

/* --- array_iff, zip, pack_array, bag_pack -------------------------------------- */

static htype tc_array_iff(fn_sig *sig)
{
    if (!fn_want(sig, "array_iff", 0, 'y') || !fn_want(sig, "array_iff", 1, '*') ||
        !fn_want(sig, "array_iff", 2, '*'))
        return HT_UNKNOWN;
    return HT_DYNAMIC;
}

/* One branch of array_iff: walked in step with the condition when it is an
 * array (null past its end), else the same scalar for every element. */
typedef struct branch {
    const hvec *v;
    const uint8_t *arr, *cur;
    dyn_iter it;
} branch;

static void branch_start(branch *br, const hvec *v, uint32_t i)
{
    br->v = v;
    br->arr = v->type == HT_DYNAMIC ? arg_array(v, i) : NULL;
    br->cur = br->arr ? dyn_first(br->arr, &br->it, NULL) : NULL;
}

static void branch_put(dbuf *b, const branch *br, uint32_t i)
{
    if (br->arr) {
        if (br->cur)
            dyn_put_raw(b, br->cur);
        else
            dyn_put_null(b);
        return;
    }
    vec_put_dyn(b, br->v, i);
}

static void branch_next(branch *br)
{
    if (br->cur)
        br->cur = dyn_next(&br->it, NULL);
}

static bool row_array_iff(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)argc, (void)opt;
    const uint8_t *c = arg_array(argv[0], i);
    if (!c)
        return false;
    branch br[2];
    branch_start(&br[0], argv[1], i);
    branch_start(&br[1], argv[2], i);
    size_t m = dyn_begin_array(&st->out);
    dyn_iter it;
    uint32_t j = 0;
    for (const uint8_t *e = dyn_first(c, &it, NULL); e; e = dyn_next(&it, NULL), j++) {
        int t = dyn_truth(e);
        if (t < 0)
            dyn_put_null(&st->out);
        else
            branch_put(&st->out, &br[t ? 0 : 1], i);
        branch_next(&br[0]);
        branch_next(&br[1]);
    }
    dyn_end(&st->out, m, j);
    return true;
}

static int run_array_iff(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_array_iff, 0);
}

static bool row_zip(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)opt;
    uint32_t n = 0;
    bool ok = true;
    for (int k = 0; k < argc && ok; k++) {
        const uint8_t *a = arg_array(argv[k], i);
        ok = a != NULL;
        if (ok && dyn_count(a) > n)
            n = dyn_count(a);
    }
    if (!ok)
        return false;
    dyn_iter its[ZIP_MAX];
    const uint8_t *cur[ZIP_MAX];
    for (int k = 0; k < argc; k++)
        cur[k] = dyn_first(arg_array(argv[k], i), &its[k], NULL);
    size_t m = dyn_begin_array(&st->out);
    for (uint32_t j = 0; j < n; j++) {
        size_t mm = dyn_begin_array(&st->out);
        for (int k = 0; k < argc; k++) {
            if (cur[k])
                dyn_put_raw(&st->out, cur[k]);
            else
                dyn_put_null(&st->out);
            if (cur[k])
                cur[k] = dyn_next(&its[k], NULL);
        }
        dyn_end(&st->out, mm, (uint32_t)argc);
    }
    dyn_end(&st->out, m, n);
    return true;
}

static int run_zip(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_zip, 0);
}

static htype tc_pack_array(fn_sig *sig)
{
    (void)sig;
    return HT_DYNAMIC;
}

static bool row_pack_array(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)opt;
    size_t m = dyn_begin_array(&st->out);
    for (int k = 0; k < argc; k++)
        vec_put_dyn(&st->out, argv[k], i);
    dyn_end(&st->out, m, (uint32_t)argc);
    return true;
}

static int run_pack_array(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_pack_array, 0);
}

static htype tc_bag_pack(fn_sig *sig)
{
    if (sig->argc % 2)
        return fn_type_error(sig, "bag_pack(): expects key/value pairs (an even number of "
                                  "arguments)");
    for (int i = 0; i < sig->argc; i += 2)
        if (!fn_want(sig, "bag_pack", i, 's'))
            return HT_UNKNOWN;
    return HT_DYNAMIC;
}

/* bag_pack(k1, v1, k2, v2, ...): a bag of the pairs, in order; when a key
 * repeats, its last value is kept. */
static bool row_bag_pack(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)opt;
    size_t m = dyn_begin_object(&st->out);
    uint32_t c = 0;
    for (int k = 0; k + 1 < argc; k += 2) {
        hstr key = vec_s(argv[k], i);
        bool dup = false;
        for (int p = k + 2; p + 1 < argc && !dup; p += 2) {
            hstr o = vec_s(argv[p], i);
            dup = o.n == key.n && memcmp(o.p, key.p, key.n) == 0;
        }
        if (dup) /* a later pair sets the same key: the last one wins */
            continue;
        dyn_put_key(&st->out, key.p, key.n);
        vec_put_dyn(&st->out, argv[k + 1], i);
        c++;
    }
    dyn_end(&st->out, m, c);
    return true;
}

static int run_bag_pack(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_bag_pack, 0);
}

/* --- bag_keys, bag_merge, bag_zip ------------------------------------------------ */

static bool row_bag_keys(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)argc, (void)opt;
    const uint8_t *b = arg_bag(argv[0], i);
    if (!b)
        return false;
    size_t m = dyn_begin_array(&st->out);
    dyn_iter it;
    hstr k;
    uint32_t c = 0;
    for (const uint8_t *e = dyn_first(b, &it, &k); e; e = dyn_next(&it, &k), c++)
        dyn_put_string(&st->out, k.p, k.n);
    dyn_end(&st->out, m, c);
    return true;
}

static int run_bag_keys(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_bag_keys, 0);
}

static bool row_bag_merge(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)opt;
    size_t m = dyn_begin_object(&st->out);
    uint32_t c = 0;
    for (int k = 0; k < argc; k++) {
        const uint8_t *b = arg_bag(argv[k], i);
        dyn_iter it;
        hstr key;
        for (const uint8_t *e = b ? dyn_first(b, &it, &key) : NULL; e; e = dyn_next(&it, &key)) {
            bool taken = false;
            for (int p = 0; p < k && !taken; p++) {
                const uint8_t *o = arg_bag(argv[p], i);
                taken = o && dyn_get(o, key.p, key.n);
            }
            if (taken)
                continue;
            dyn_put_key(&st->out, key.p, key.n);
            dyn_put_raw(&st->out, e);
            c++;
        }
    }
    dyn_end(&st->out, m, c);
    return true;
}

static int run_bag_merge(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_bag_merge, 0);
}

static bool row_bag_zip(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)argc, (void)opt;
    const uint8_t *keys = arg_array(argv[0], i);
    const uint8_t *vals = arg_array(argv[1], i);
    if (!keys)
        return false;
    size_t m = dyn_begin_object(&st->out);
    dyn_iter it;
    uint32_t j = 0, c = 0;
    for (const uint8_t *k = dyn_first(keys, &it, NULL); k; k = dyn_next(&it, NULL), j++) {
        if (dyn_tag(k) != DYN_STRING)
            continue;
        hstr ks = dyn_string(k);
        const uint8_t *v = vals ? dyn_index(vals, j) : NULL;
        dyn_put_key(&st->out, ks.p, ks.n);
        if (v)
            dyn_put_raw(&st->out, v);
        else
            dyn_put_null(&st->out);
        c++;
    }
    dyn_end(&st->out, m, c);
    return true;
}

static int run_bag_zip(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_bag_zip, 0);
}

/* --- JSONPath: $.a.b[0], $['a'], and plain keys ---------------------------------- */

typedef struct jseg {
    bool is_index;
    int64_t index;
    const char *key;
    size_t klen;
} jseg;

/* Parses a bracketed segment at p ("['k']", "[\"k\"]" or "[N]"); returns the
 * bytes used, 0 when malformed. */
static size_t path_bracket(const char *p, size_t n, jseg *seg)
{
    if (n < 3 || p[0] != '[')
        return 0;
    if (p[1] == '\'' || p[1] == '"') {
        char q = p[1];
        size_t j = 2;
        while (j < n && p[j] != q)
            j++;
        if (j + 1 >= n || p[j + 1] != ']')
            return 0;
        *seg = (jseg){false, 0, p + 2, j - 2};
        return j + 2;
    }
    size_t j = 1;
    bool neg = p[j] == '-';
    j += neg;
    int64_t v = 0;
    size_t d0 = j;
    while (j < n && p[j] >= '0' && p[j] <= '9' && v < (INT64_MAX - 9) / 10)
        v = v * 10 + (p[j++] - '0');
    if (j == d0 || j >= n || p[j] != ']')
        return 0;
    *seg = (jseg){true, neg ? -v : v, NULL, 0};
    return j + 1;
}

/* Parses a path into segs. A text not starting with '$' is one plain key when
 * plain_ok. Returns the segment count, or -1 when malformed. */
static int path_parse(const char *p, size_t n, jseg *segs, bool plain_ok)
{
    if (n == 0 || p[0] != '$') {
        if (!plain_ok || n == 0)
            return -1;
        segs[0] = (jseg){false, 0, p, n};
        return 1;
    }
    int c = 0;
    size_t i = 1;
    while (i < n) {
        if (c == PATH_MAX_SEGS)
            return -1;
        if (p[i] == '.') {
            size_t j = ++i;
            while (j < n && p[j] != '.' && p[j] != '[')
                j++;
            if (j == i)
                return -1;
            segs[c++] = (jseg){false, 0, p + i, j - i};
            i = j;
        } else if (p[i] == '[') {
            size_t used = path_bracket(p + i, n - i, &segs[c]);
            if (!used)
                return -1;
            c++;
            i += used;
        } else {
            return -1;
        }
    }
    return c;
}

static const uint8_t *path_step(const uint8_t *v, const jseg *s)
{
    if (!v)
        return NULL;
    if (s->is_index)
        return dyn_tag(v) == DYN_ARRAY ? dyn_index(v, s->index) : NULL;
    return dyn_tag(v) == DYN_OBJECT ? dyn_get(v, s->key, s->klen) : NULL;
}

static const uint8_t *path_get(const uint8_t *v, const jseg *segs, int n)
{
    for (int k = 0; k < n && v; k++)
        v = path_step(v, &segs[k]);
    return v;
}

static bool key_is(hstr k, const jseg *s)
{
    return !s->is_index && k.n == s->klen && memcmp(k.p, s->key, k.n) == 0;
}

/* Appends v with the value at path segs replaced by val (val NULL: removed).
 * Missing objects on the way are created when setting. */
static void put_edited(dbuf *b, const uint8_t *v, const jseg *segs, int n, const uint8_t *val)
{
    if (n == 0) {
        dyn_put_raw(b, val);
        return;
    }
    dyn_iter it;
    hstr k;
    if (v && dyn_tag(v) == DYN_ARRAY && segs[0].is_index) {
        int64_t cnt = dyn_count(v), at = segs[0].index < 0 ? segs[0].index + cnt : segs[0].index;
        size_t m = dyn_begin_array(b);
        uint32_t c = 0, j = 0;
        for (const uint8_t *e = dyn_first(v, &it, NULL); e; e = dyn_next(&it, NULL), j++) {
            if ((int64_t)j != at) {
                dyn_put_raw(b, e), c++;
            } else if (val || n > 1) {
                put_edited(b, e, segs + 1, n - 1, val), c++;
            }
        }
        dyn_end(b, m, c);
        return;
    }
    if (segs[0].is_index || (v && dyn_tag(v) != DYN_OBJECT)) {
        if (v)
            dyn_put_raw(b, v);
        else
            dyn_put_null(b);
        return;
    }
    size_t m = dyn_begin_object(b);
    uint32_t c = 0;
    bool found = false;
    for (const uint8_t *e = v ? dyn_first(v, &it, &k) : NULL; e; e = dyn_next(&it, &k)) {
        if (!key_is(k, &segs[0])) {
            dyn_put_key(b, k.p, k.n);
            dyn_put_raw(b, e);
            c++;
            continue;
        }
        found = true;
        if (!val && n == 1)
            continue;
        dyn_put_key(b, k.p, k.n);
        put_edited(b, e, segs + 1, n - 1, val);
        c++;
    }
    if (!found && val) {
        dyn_put_key(b, segs[0].key, segs[0].klen);
        put_edited(b, NULL, segs + 1, n - 1, val);
        c++;
    }
    dyn_end(b, m, c);
}

/* --- bag_has_key, bag_remove_keys, bag_set_key ------------------------------------ */

static int run_bag_has_key(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        const uint8_t *b = arg_bag(argv[0], i);
        hstr k = vec_s(argv[1], i);
        jseg segs[PATH_MAX_SEGS];
        int n = path_parse(k.p, k.n, segs, true);
        if (!b || n < 0) {
            set_null(ctx, out, i);
            continue;
        }
        out->b[i] = path_get(b, segs, n) != NULL;
    }
    return 0;
}

static bool row_bag_remove_keys(dyn_state *st, int argc, const hvec *const *argv, uint32_t i,
                                int opt)
{
    (void)argc, (void)opt;
    const uint8_t *b = arg_bag(argv[0], i);
    const uint8_t *keys = arg_array(argv[1], i);
    if (!b || !keys)
        return false;
    /* apply one removal at a time, ping-ponging between out and tmp */
    dyn_put_raw(&st->out, b);
    dyn_iter it;
    for (const uint8_t *k = dyn_first(keys, &it, NULL); k; k = dyn_next(&it, NULL)) {
        if (dyn_tag(k) != DYN_STRING)
            continue;
        hstr ks = dyn_string(k);
        jseg segs[PATH_MAX_SEGS];
        int n = path_parse(ks.p, ks.n, segs, true);
        if (n <= 0)
            continue;
        dbuf_reset(&st->tmp);
        put_edited(&st->tmp, st->out.p, segs, n, NULL);
        dbuf t = st->out;
        st->out = st->tmp;
        st->tmp = t;
    }
    return true;
}

static int run_bag_remove_keys(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_bag_remove_keys, 0);
}

static bool row_bag_set_key(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)argc, (void)opt;
    const uint8_t *b = arg_bag(argv[0], i);
    hstr k = vec_s(argv[1], i);
    jseg segs[PATH_MAX_SEGS];
    int n = path_parse(k.p, k.n, segs, true);
    if (!b || n <= 0)
        return false;
    const uint8_t *val = value_as_dyn(st, argv[2], i);
    put_edited(&st->out, b, segs, n, val);
    return true;
}

static int run_bag_set_key(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_bag_set_key, 0);
}

/* --- treepath ---------------------------------------------------------------------- */

/* Adds the path in text[0..n) to the result unless already there. Paths are
 * kept as (offset, length) pairs in ptrs, their text in tmp. */
typedef struct tp_ctx {
    dyn_state *st;
    dbuf path; /* the path being walked */
    uint32_t count;
} tp_ctx;

static void tp_add(tp_ctx *t)
{
    dbuf *seen = &t->st->ptrs; /* u32 length + bytes, back to back */
    size_t off = 0;
    while (off < seen->n) {
        uint32_t len;
        memcpy(&len, seen->p + off, 4);
        if (len == t->path.n && memcmp(seen->p + off + 4, t->path.p, len) == 0)
            return;
        off += 4 + len;
    }
    uint32_t len = (uint32_t)t->path.n;
    dbuf_put(seen, &len, 4);
    dbuf_put(seen, t->path.p, len);
    dyn_put_string(&t->st->out, (const char *)t->path.p, len);
    t->count++;
}

static void tp_walk(tp_ctx *t, const uint8_t *v)
{
    dyn_iter it;
    hstr k;
    size_t mark = t->path.n;
    if (dyn_tag(v) == DYN_OBJECT) {
        for (const uint8_t *e = dyn_first(v, &it, &k); e; e = dyn_next(&it, &k)) {
            t->path.n = mark;
            dbuf_put(&t->path, "['", 2);
            dbuf_put(&t->path, k.p, k.n);
            dbuf_put(&t->path, "']", 2);
            tp_add(t);
            tp_walk(t, e);
        }
    } else if (dyn_tag(v) == DYN_ARRAY && dyn_count(v) > 0) {
        dbuf_put(&t->path, "[0]", 3);
        tp_add(t);
        size_t inner = t->path.n;
        for (const uint8_t *e = dyn_first(v, &it, NULL); e; e = dyn_next(&it, NULL)) {
            t->path.n = inner;
            tp_walk(t, e);
        }
    }
    t->path.n = mark;
}

static int run_treepath(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    dyn_state *st = st_get(ctx);
    tp_ctx t = {st, {0}, 0};
    for (uint32_t i = 0; i < out->n; i++) {
        const uint8_t *d = arg_dyn(argv[0], i);
        if (!d) {
            set_null(ctx, out, i);
            continue;
        }
        dbuf_reset(&st->out);
        dbuf_reset(&st->ptrs);
        dbuf_reset(&t.path);
        t.count = 0;
        size_t m = dyn_begin_array(&st->out);
        tp_walk(&t, d);
        dyn_end(&st->out, m, t.count);
        set_dyn(ctx, out, i, &st->out);
    }
    dbuf_free(&t.path);
    return 0;
}

/* --- range ------------------------------------------------------------------------ */

static htype tc_range(fn_sig *sig)
{
    htype t = sig->argt[0];
    if (t == HT_DATETIME || t == HT_TIMESPAN) {
        if (!fn_want(sig, "range", 1, t == HT_DATETIME ? 'd' : 't') ||
            (sig->argc > 2 && !fn_want(sig, "range", 2, 't')))
            return HT_UNKNOWN;
        return HT_DYNAMIC;
    }
    bool real = false;
    for (int i = 0; i < sig->argc; i++) {
        if (!fn_want(sig, "range", i, 'n'))
            return HT_UNKNOWN;
        real = real || sig->argt[i] == HT_REAL;
    }
    for (int i = 0; i < sig->argc; i++)
        if (sig->argt[i] != (real ? HT_REAL : HT_LONG))
            sig->cast[i] = real ? HT_REAL : HT_LONG;
    return HT_DYNAMIC;
}

/* Appends s, s+step, ... up to e (step != 0) as values of tag kind. */
static uint32_t range_int64(dbuf *b, int64_t s, int64_t e, int64_t step, int kind)
{
    uint32_t c = 0;
    for (int64_t v = s; c < RANGE_MAX && (step > 0 ? v <= e : v >= e); c++) {
        if (kind == DYN_DATETIME)
            dyn_put_datetime(b, v);
        else if (kind == DYN_TIMESPAN)
            dyn_put_timespan(b, v);
        else
            dyn_put_long(b, v);
        if (__builtin_add_overflow(v, step, &v))
            return c + 1;
    }
    return c;
}

static uint32_t range_real(dbuf *b, double s, double e, double step)
{
    uint32_t c = 0;
    for (; c < RANGE_MAX; c++) {
        double v = s + step * c;
        if (step > 0 ? !(v <= e) : !(v >= e))
            break;
        dyn_put_real(b, v);
    }
    return c;
}

static bool row_range(dyn_state *st, int argc, const hvec *const *argv, uint32_t i, int opt)
{
    (void)opt;
    htype t = argv[0]->type;
    bool ticks = t == HT_DATETIME || t == HT_TIMESPAN;
    bool bad = false;
    for (int k = 0; k < argc; k++)
        bad = bad || vec_is_null(argv[k], i);
    double rstep = t == HT_REAL && argc > 2 ? vec_r(argv[2], i) : 1;
    int64_t istep = t != HT_REAL && argc > 2 ? vec_i(argv[2], i) : ticks ? HT_TICKS_PER_HOUR : 1;
    if (bad || istep == 0 || rstep == 0 || isnan(rstep))
        return false;
    size_t m = dyn_begin_array(&st->out);
    uint32_t c;
    if (t == HT_REAL)
        c = range_real(&st->out, vec_r(argv[0], i), vec_r(argv[1], i), rstep);
    else
        c = range_int64(&st->out, vec_i(argv[0], i), vec_i(argv[1], i), istep,
                        t == HT_DATETIME   ? DYN_DATETIME
                        : t == HT_TIMESPAN ? DYN_TIMESPAN
                                           : DYN_LONG);
    dyn_end(&st->out, m, c);
    return true;
}

static int run_range(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_range, 0);
}

/* --- extract_json ------------------------------------------------------------------ */

static htype tc_extract_json(fn_sig *sig)
{
    if (!fn_want(sig, "extract_json", 0, 's') || !fn_want(sig, "extract_json", 1, 's'))
        return HT_UNKNOWN;
    if (sig->argc < 3)
        return HT_STRING;
    hstr tn;
    if (!fn_const_str(sig, 2, &tn))
        return fn_type_error(sig, "extract_json(): the third argument must be typeof(T)");
    htype t = ht_from_name(tn.p, tn.n);
    if (t == HT_UNKNOWN)
        return fn_type_error(sig, "extract_json(): unknown type '%.*s'", (int)tn.n, tn.p);
    return t;
}

/* Converts a dynamic value to row i of out (of out->type); false = null. */
static bool dyn_convert(fn_ctx *ctx, dyn_state *st, const uint8_t *v, hvec *out, uint32_t i)
{
    int tag = dyn_tag(v);
    hstr s = tag == DYN_STRING ? dyn_string(v) : (hstr){NULL, 0};
    double r;
    switch (out->type) {
    case HT_BOOL:
        if (tag == DYN_TRUE || tag == DYN_FALSE)
            return out->b[i] = tag == DYN_TRUE, true;
        if (s.p && ((s.n == 4 && !strncasecmp(s.p, "true", 4)) ||
                    (s.n == 5 && !strncasecmp(s.p, "false", 5))))
            return out->b[i] = s.n == 4, true;
        if (dyn_number(v, &r))
            return out->b[i] = r != 0, true;
        return false;
    case HT_INT:
    case HT_LONG:
        if (tag == DYN_LONG)
            return out->i[i] = dyn_long(v), true;
        if (tag == DYN_REAL && dyn_real(v) >= -9.2e18 && dyn_real(v) <= 9.2e18)
            return out->i[i] = (int64_t)dyn_real(v), true;
        return s.p && ht_parse_long(s.p, s.n, &out->i[i]);
    case HT_REAL:
        if (dyn_number(v, &out->r[i]))
            return true;
        return s.p && ht_parse_real(s.p, s.n, &out->r[i]);
    case HT_DATETIME:
        if (tag == DYN_DATETIME)
            return out->i[i] = dyn_long(v), true;
        return s.p && ht_parse_datetime(s.p, s.n, &out->i[i]);
    case HT_TIMESPAN:
        if (tag == DYN_TIMESPAN)
            return out->i[i] = dyn_long(v), true;
        return s.p && ht_parse_timespan(s.p, s.n, &out->i[i]);
    case HT_GUID:
        if (tag == DYN_GUID)
            return out->g[i] = dyn_guid(v), true;
        return s.p && ht_parse_guid(s.p, s.n, &out->g[i]);
    case HT_DYNAMIC:
        dbuf_reset(&st->out);
        dyn_put_raw(&st->out, v);
        set_dyn(ctx, out, i, &st->out);
        return true;
    default:
        dbuf_reset(&st->out);
        dyn_to_text(v, &st->out);
        set_dyn(ctx, out, i, &st->out);
        return true;
    }
}

static int run_extract_json(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, out->type, out->n);
    dyn_state *st = st_get(ctx);
    for (uint32_t i = 0; i < out->n; i++) {
        hstr p = vec_s(argv[0], i), text = vec_s(argv[1], i);
        jseg segs[PATH_MAX_SEGS];
        int n = path_parse(p.p, p.n, segs, false);
        const uint8_t *v = NULL;
        dbuf_reset(&st->tmp);
        if (n >= 0 && text.n && dyn_from_json(text.p, text.n, &st->tmp, NULL, 0))
            v = path_get(st->tmp.p, segs, n);
        if (!v || (dyn_tag(v) == DYN_NULL && out->type != HT_STRING) ||
            !dyn_convert(ctx, st, v, out, i))
            set_null(ctx, out, i);
    }
    return 0;
}

/* --- the table --------------------------------------------------------------------- */

#define F(name, lo, hi, tc, run)                                                                   \
    {                                                                                              \
        name, lo, hi, tc, run, dyn_state_free, 0                                                   \
    }

/* pack_all(true)'s second step: the bag without the properties whose value
 * is null or an empty string (bound by the binder, not callable by name). */
static bool row_bag_drop_empty(dyn_state *st, int argc, const hvec *const *argv, uint32_t i,
                               int opt)
{
    (void)argc, (void)opt;
    const uint8_t *b = arg_bag(argv[0], i);
    if (!b)
        return false;
    size_t m = dyn_begin_object(&st->out);
    uint32_t c = 0;
    dyn_iter it;
    hstr k;
    for (const uint8_t *v = dyn_first(b, &it, &k); v; v = dyn_next(&it, &k)) {
        if (dyn_tag(v) == DYN_NULL || (dyn_tag(v) == DYN_STRING && dyn_string(v).n == 0))
            continue;
        dyn_put_key(&st->out, k.p, k.n);
        dyn_put_raw(&st->out, v);
        c++;
    }
    dyn_end(&st->out, m, c);
    return true;
}

static int run_bag_drop_empty(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return dyn_rows(ctx, argc, argv, out, row_bag_drop_empty, 0);
}

const fn_def fn_bag_drop_empty_def = {"pack_all",     1, 1, NULL, run_bag_drop_empty,
                                      dyn_state_free, 0};

const fn_def fn_dynamic_defs[] = {
    F("parse_json", 1, 1, tc_parse_json, run_parse_json),
    F("todynamic", 1, 1, tc_parse_json, run_parse_json),
    F("parsejson", 1, 1, tc_parse_json, run_parse_json),
    F("dynamic_to_json", 1, 1, tc_all_string, run_dynamic_to_json),
    F("array_length", 1, 1, tc_all_long, run_array_length),
    F("array_sum", 1, 1, tc_all_real, run_array_sum),
    F("array_reverse", 1, 1, tc_all_dynamic, run_array_reverse),
    F("array_rotate_left", 2, 2, tc_then_long, run_array_rotate_left),
    F("array_rotate_right", 2, 2, tc_then_long, run_array_rotate_right),
    F("array_shift_left", 2, 3, tc_then_long_any, run_array_shift_left),
    F("array_shift_right", 2, 3, tc_then_long_any, run_array_shift_right),
    F("array_slice", 3, 3, tc_then_long, run_array_slice),
    F("array_split", 2, 2, tc_all_dynamic, run_array_split),
    F("array_concat", 1, FN_MAX_ARGS, tc_all_dynamic, run_array_concat),
    F("array_index_of", 2, 5, tc_array_index_of, run_array_index_of),
    F("set_has_element", 2, 2, tc_then_any_bool, run_set_has_element),
    F("set_union", 2, FN_MAX_ARGS, tc_all_dynamic, run_set_union),
    F("set_intersect", 2, FN_MAX_ARGS, tc_all_dynamic, run_set_intersect),
    F("set_difference", 2, FN_MAX_ARGS, tc_all_dynamic, run_set_difference),
    F("jaccard_index", 2, 2, tc_all_real, run_jaccard_index),
    F("array_sort_asc", 1, FN_MAX_ARGS, tc_sort, run_array_sort_asc),
    F("array_sort_desc", 1, FN_MAX_ARGS, tc_sort, run_array_sort_desc),
    F("array_iff", 3, 3, tc_array_iff, run_array_iff),
    F("array_iif", 3, 3, tc_array_iff, run_array_iff),
    F("zip", 2, ZIP_MAX, tc_all_dynamic, run_zip),
    F("pack_array", 1, FN_MAX_ARGS, tc_pack_array, run_pack_array),
    F("bag_pack", 0, FN_MAX_ARGS, tc_bag_pack, run_bag_pack),
    F("pack", 0, FN_MAX_ARGS, tc_bag_pack, run_bag_pack),
    F("bag_keys", 1, 1, tc_all_dynamic, run_bag_keys),
    F("bag_merge", 2, FN_MAX_ARGS, tc_all_dynamic, run_bag_merge),
    F("bag_zip", 2, 2, tc_all_dynamic, run_bag_zip),
    F("bag_has_key", 2, 2, tc_then_str_bool, run_bag_has_key),
    F("bag_remove_keys", 2, 2, tc_all_dynamic, run_bag_remove_keys),
    F("bag_set_key", 3, 3, tc_then_str_any, run_bag_set_key),
    F("treepath", 1, 1, tc_all_dynamic, run_treepath),
    F("range", 2, 3, tc_range, run_range),
    F("extract_json", 2, 3, tc_extract_json, run_extract_json),
    F("extractjson", 2, 3, tc_extract_json, run_extract_json),
    {NULL},
};
