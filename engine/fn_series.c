/* engine/fn_series.c — the series_* functions: elementwise arithmetic,
 * comparisons and math over dynamic numeric arrays (as make-series builds
 * them), gap filling, statistics, similarity measures, IIR filtering and the
 * seasonal component.
 *
 * Each kernel reads a series (a dynamic array) into a scratch vector of
 * doubles with per-element flags (missing, integral), computes, and encodes
 * the result array. Elements that are not numbers count as missing and give
 * null elements, as the KQL documentation says. Integral inputs keep integral
 * outputs where Kusto does (add, subtract, multiply, abs, sign, the fills);
 * everything else yields reals.
 *
 * series_stats(x), which returns seven columns, is expanded by the window
 * binder (exec_window.c) into items of series_stats_dynamic(x) defined here.
 */
#include "fn.h"
#include "../tables/dyn.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- scratch state ----------------------------------------------------------- */

typedef struct series {
    double *v;
    uint8_t *miss; /* 1 = missing (null or not a number) */
    uint8_t *lng;  /* 1 = integral element */
    uint32_t n, cap;
    bool scalar; /* a scalar argument broadcast over the other series */
} series;

typedef struct ser_state {
    series s[3];
    dbuf out;
    double *tmp;
    size_t tmpcap;
} ser_state;

static void ser_free(void *p)
{
    ser_state *st = p;
    if (!st)
        return;
    for (int i = 0; i < 3; i++) {
        free(st->s[i].v);
        free(st->s[i].miss);
        free(st->s[i].lng);
    }
    free(st->tmp);
    dbuf_free(&st->out);
    free(st);
}

static ser_state *st_get(fn_ctx *ctx)
{
    ser_state *st = *ctx->state;
    if (!st) {
        st = calloc(1, sizeof *st);
        if (!st)
            abort();
        *ctx->state = st;
    }
    return st;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        abort();
    return q;
}

static void ser_room(series *s, uint32_t n)
{
    if (n <= s->cap)
        return;
    uint32_t c = s->cap ? s->cap : 64;
    while (c < n)
        c *= 2;
    s->v = xrealloc(s->v, sizeof(double) * c);
    s->miss = xrealloc(s->miss, c);
    s->lng = xrealloc(s->lng, c);
    s->cap = c;
}

static double *tmp_room(ser_state *st, size_t n)
{
    if (n > st->tmpcap) {
        st->tmpcap = n;
        st->tmp = xrealloc(st->tmp, sizeof(double) * n);
    }
    return st->tmp;
}

/* --- reading and writing ------------------------------------------------------- */

static bool elem_num(const uint8_t *e, double *x, bool *lng)
{
    switch (dyn_tag(e)) {
    case DYN_LONG:
        *x = (double)dyn_long(e);
        *lng = true;
        return true;
    case DYN_REAL:
        *x = dyn_real(e);
        *lng = false;
        return true;
    default:
        return false;
    }
}

/* Reads argument v at row i into s. A dynamic array is a series; a number
 * (or dynamic number) is a scalar. Returns false when v[i] is neither. */
static bool read_series(const hvec *v, uint32_t i, series *s)
{
    s->n = 0;
    s->scalar = false;
    if (vec_is_null(v, i))
        return false;
    if (v->type != HT_DYNAMIC) {
        if (!ht_is_numeric(v->type))
            return false;
        ser_room(s, 1);
        s->v[0] = vec_num(v, i);
        s->lng[0] = v->type != HT_REAL;
        s->miss[0] = 0;
        s->n = 1;
        s->scalar = true;
        return true;
    }
    hstr str = vec_s(v, i);
    if (!str.n)
        return false;
    const uint8_t *d = (const uint8_t *)str.p;
    if (dyn_tag(d) != DYN_ARRAY) {
        double x;
        bool l;
        if (!elem_num(d, &x, &l))
            return false;
        ser_room(s, 1);
        s->v[0] = x;
        s->lng[0] = l;
        s->miss[0] = 0;
        s->n = 1;
        s->scalar = true;
        return true;
    }
    uint32_t n = dyn_count(d);
    ser_room(s, n);
    dyn_iter it;
    uint32_t k = 0;
    for (const uint8_t *e = dyn_first(d, &it, NULL); e && k < n; e = dyn_next(&it, NULL), k++) {
        bool l = false;
        s->miss[k] = !elem_num(e, &s->v[k], &l);
        s->lng[k] = l;
        if (s->miss[k])
            s->v[k] = 0;
    }
    s->n = k;
    return true;
}

static void put_num(dbuf *b, double x, bool lng)
{
    if (lng && x >= -9.2e18 && x <= 9.2e18)
        dyn_put_long(b, (int64_t)x);
    else
        dyn_put_real(b, x);
}

static void set_out(fn_ctx *ctx, hvec *out, uint32_t i, const dbuf *b)
{
    char *p = arena_alloc(ctx->arena, b->n ? b->n : 1);
    memcpy(p, b->p, b->n);
    out->s[i] = (hstr){p, (uint32_t)b->n};
}

static void set_null(fn_ctx *ctx, hvec *out, uint32_t i)
{
    if (ht_is_str(out->type))
        out->s[i] = (hstr){"", 0};
    else
        out->i[i] = 0;
    vec_set_null(ctx->arena, out, i);
}

/* Element j of s (a scalar broadcasts); false when missing or past the end. */
static bool at(const series *s, uint32_t j, double *x, bool *lng)
{
    uint32_t k = s->scalar ? 0 : j;
    if (k >= s->n || s->miss[k])
        return false;
    *x = s->v[k];
    *lng = s->lng[k];
    return true;
}

/* --- type checks ------------------------------------------------------------------ */

static bool want_series(fn_sig *sig, const char *fname, int i)
{
    htype t = sig->argt[i];
    if (t == HT_DYNAMIC || ht_is_numeric(t) || t == HT_UNKNOWN)
        return true;
    fn_type_error(sig, "%s(): argument %d must be a dynamic array or a number, got %s", fname,
                  i + 1, ht_name(t));
    return false;
}

static htype tc_series_args(fn_sig *sig, const char *fname, int nseries, htype res)
{
    for (int i = 0; i < sig->argc; i++) {
        if (i < nseries) {
            if (!want_series(sig, fname, i))
                return HT_UNKNOWN;
        } else if (!fn_want(sig, fname, i, '*')) {
            return HT_UNKNOWN;
        }
    }
    return res;
}

#define TC(fn, name, nseries, res)                                                                 \
    static htype fn(fn_sig *sig)                                                                   \
    {                                                                                              \
        return tc_series_args(sig, name, nseries, res);                                            \
    }

/* --- elementwise binary -------------------------------------------------------------- */

enum { B_ADD, B_SUB, B_MUL, B_DIV, B_POW, B_GT, B_GE, B_LT, B_LE, B_EQ, B_NE };

static void put_binary(dbuf *b, int op, double x, bool xl, double y, bool yl)
{
    bool both = xl && yl;
    switch (op) {
    case B_ADD:
        put_num(b, x + y, both);
        break;
    case B_SUB:
        put_num(b, x - y, both);
        break;
    case B_MUL:
        put_num(b, x * y, both);
        break;
    case B_DIV:
        dyn_put_real(b, x / y);
        break;
    case B_POW:
        dyn_put_real(b, pow(x, y));
        break;
    case B_GT:
        dyn_put_bool(b, x > y);
        break;
    case B_GE:
        dyn_put_bool(b, x >= y);
        break;
    case B_LT:
        dyn_put_bool(b, x < y);
        break;
    case B_LE:
        dyn_put_bool(b, x <= y);
        break;
    case B_EQ:
        dyn_put_bool(b, x == y);
        break;
    default:
        dyn_put_bool(b, x != y);
        break;
    }
}

static int run_binary(fn_ctx *ctx, const hvec *const *argv, hvec *out, int op)
{
    ser_state *st = st_get(ctx);
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        series *a = &st->s[0], *b = &st->s[1];
        if (!read_series(argv[0], i, a) || !read_series(argv[1], i, b) ||
            (a->scalar && b->scalar)) {
            set_null(ctx, out, i);
            continue;
        }
        uint32_t n = a->scalar ? b->n : b->scalar ? a->n : (a->n > b->n ? a->n : b->n);
        dbuf_reset(&st->out);
        size_t m = dyn_begin_array(&st->out);
        for (uint32_t j = 0; j < n; j++) {
            double x, y;
            bool xl, yl;
            if (at(a, j, &x, &xl) && at(b, j, &y, &yl))
                put_binary(&st->out, op, x, xl, y, yl);
            else
                dyn_put_null(&st->out);
        }
        dyn_end(&st->out, m, n);
        set_out(ctx, out, i, &st->out);
    }
    return 0;
}

#define BINARY(fn, op)                                                                             \
    static int fn(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)                       \
    {                                                                                              \
        (void)argc;                                                                                \
        return run_binary(ctx, argv, out, op);                                                     \
    }
BINARY(run_add, B_ADD)
BINARY(run_subtract, B_SUB)
BINARY(run_multiply, B_MUL)
BINARY(run_divide, B_DIV)
BINARY(run_pow, B_POW)
BINARY(run_greater, B_GT)
BINARY(run_greater_equals, B_GE)
BINARY(run_less, B_LT)
BINARY(run_less_equals, B_LE)
BINARY(run_equals, B_EQ)
BINARY(run_not_equals, B_NE)

TC(tc_add, "series_add", 2, HT_DYNAMIC)
TC(tc_subtract, "series_subtract", 2, HT_DYNAMIC)
TC(tc_multiply, "series_multiply", 2, HT_DYNAMIC)
TC(tc_divide, "series_divide", 2, HT_DYNAMIC)
TC(tc_pow, "series_pow", 2, HT_DYNAMIC)
TC(tc_greater, "series_greater", 2, HT_DYNAMIC)
TC(tc_greater_equals, "series_greater_equals", 2, HT_DYNAMIC)
TC(tc_less, "series_less", 2, HT_DYNAMIC)
TC(tc_less_equals, "series_less_equals", 2, HT_DYNAMIC)
TC(tc_equals, "series_equals", 2, HT_DYNAMIC)
TC(tc_not_equals, "series_not_equals", 2, HT_DYNAMIC)

/* --- elementwise unary ------------------------------------------------------------------ */

enum { U_ABS, U_SIGN, U_CEIL, U_FLOOR, U_ACOS, U_ASIN, U_ATAN, U_COS, U_SIN, U_TAN, U_EXP, U_LOG };

static void put_unary(dbuf *b, int op, double x, bool lng)
{
    switch (op) {
    case U_ABS:
        put_num(b, fabs(x), lng);
        break;
    case U_SIGN:
        put_num(b, (double)((x > 0) - (x < 0)), lng);
        break;
    case U_CEIL:
        dyn_put_real(b, ceil(x));
        break;
    case U_FLOOR:
        dyn_put_real(b, floor(x));
        break;
    case U_ACOS:
        dyn_put_real(b, acos(x));
        break;
    case U_ASIN:
        dyn_put_real(b, asin(x));
        break;
    case U_ATAN:
        dyn_put_real(b, atan(x));
        break;
    case U_COS:
        dyn_put_real(b, cos(x));
        break;
    case U_SIN:
        dyn_put_real(b, sin(x));
        break;
    case U_TAN:
        dyn_put_real(b, tan(x));
        break;
    case U_EXP:
        dyn_put_real(b, exp(x));
        break;
    default:
        if (x > 0)
            dyn_put_real(b, log(x));
        else
            dyn_put_null(b);
    }
}

static int run_unary(fn_ctx *ctx, const hvec *const *argv, hvec *out, int op)
{
    ser_state *st = st_get(ctx);
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        series *a = &st->s[0];
        if (!read_series(argv[0], i, a) || a->scalar) {
            set_null(ctx, out, i);
            continue;
        }
        dbuf_reset(&st->out);
        size_t m = dyn_begin_array(&st->out);
        for (uint32_t j = 0; j < a->n; j++) {
            if (a->miss[j])
                dyn_put_null(&st->out);
            else
                put_unary(&st->out, op, a->v[j], a->lng[j]);
        }
        dyn_end(&st->out, m, a->n);
        set_out(ctx, out, i, &st->out);
    }
    return 0;
}

#define UNARY(fn, tc, name, op)                                                                    \
    static int fn(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)                       \
    {                                                                                              \
        (void)argc;                                                                                \
        return run_unary(ctx, argv, out, op);                                                      \
    }                                                                                              \
    TC(tc, name, 1, HT_DYNAMIC)
UNARY(run_abs, tc_abs, "series_abs", U_ABS)
UNARY(run_sign, tc_sign, "series_sign", U_SIGN)
UNARY(run_ceiling, tc_ceiling, "series_ceiling", U_CEIL)
UNARY(run_floor, tc_floor, "series_floor", U_FLOOR)
UNARY(run_acos, tc_acos, "series_acos", U_ACOS)
UNARY(run_asin, tc_asin, "series_asin", U_ASIN)
UNARY(run_atan, tc_atan, "series_atan", U_ATAN)
UNARY(run_cos, tc_cos, "series_cos", U_COS)
UNARY(run_sin, tc_sin, "series_sin", U_SIN)
UNARY(run_tan, tc_tan, "series_tan", U_TAN)
UNARY(run_exp, tc_exp, "series_exp", U_EXP)
UNARY(run_log, tc_log, "series_log", U_LOG)

/* --- fills -------------------------------------------------------------------------------- */

/* Marks elements equal to the placeholder argument (when given, not null)
 * as missing. */
static void apply_placeholder(series *a, const hvec *ph, uint32_t i)
{
    if (!ph || vec_is_null(ph, i) || !ht_is_numeric(ph->type))
        return;
    double p = vec_num(ph, i);
    for (uint32_t j = 0; j < a->n; j++)
        if (!a->miss[j] && a->v[j] == p)
            a->miss[j] = 1;
}

/* Encodes a; missing elements become null. */
static void put_series(dbuf *b, const series *a)
{
    size_t m = dyn_begin_array(b);
    for (uint32_t j = 0; j < a->n; j++) {
        if (a->miss[j])
            dyn_put_null(b);
        else
            put_num(b, a->v[j], a->lng[j]);
    }
    dyn_end(b, m, a->n);
}

static void fill_dir(series *a, bool forward)
{
    bool have = false;
    double last = 0;
    bool lastl = false;
    for (uint32_t k = 0; k < a->n; k++) {
        uint32_t j = forward ? k : a->n - 1 - k;
        if (!a->miss[j]) {
            have = true;
            last = a->v[j];
            lastl = a->lng[j];
        } else if (have) {
            a->miss[j] = 0;
            a->v[j] = last;
            a->lng[j] = lastl;
        }
    }
}

static int run_fill_common(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, int kind)
{
    ser_state *st = st_get(ctx);
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        series *a = &st->s[0];
        if (!read_series(argv[0], i, a) || a->scalar) {
            set_null(ctx, out, i);
            continue;
        }
        if (kind == 2) { /* const: (x, value = 0, placeholder) */
            apply_placeholder(a, argc > 2 ? argv[2] : NULL, i);
            const hvec *cv = argc > 1 ? argv[1] : NULL;
            bool cnull = !cv || vec_is_null(cv, i) || !ht_is_numeric(cv->type);
            double c = cnull ? 0 : vec_num(cv, i);
            bool cl = cnull || cv->type != HT_REAL;
            for (uint32_t j = 0; j < a->n; j++)
                if (a->miss[j]) {
                    a->miss[j] = 0;
                    a->v[j] = c;
                    a->lng[j] = cl;
                }
        } else {
            apply_placeholder(a, argc > 1 ? argv[1] : NULL, i);
            fill_dir(a, kind == 0);
        }
        dbuf_reset(&st->out);
        put_series(&st->out, a);
        set_out(ctx, out, i, &st->out);
    }
    return 0;
}

static int run_fill_forward(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_fill_common(ctx, argc, argv, out, 0);
}
static int run_fill_backward(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_fill_common(ctx, argc, argv, out, 1);
}
static int run_fill_const(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_fill_common(ctx, argc, argv, out, 2);
}
TC(tc_fill_forward, "series_fill_forward", 1, HT_DYNAMIC)
TC(tc_fill_backward, "series_fill_backward", 1, HT_DYNAMIC)
TC(tc_fill_const, "series_fill_const", 1, HT_DYNAMIC)

/* series_fill_linear(x, placeholder = null, fill_edges = true, constant = 0):
 * interior gaps are interpolated linearly; edges take the nearest value when
 * fill_edges; an all-missing series becomes the constant. Integral series
 * stay integral (interpolated values truncated). */
static void fill_linear(series *a, bool edges, double c)
{
    bool all_long = true;
    int64_t first = -1, prev = -1;
    for (uint32_t j = 0; j < a->n; j++)
        if (!a->miss[j]) {
            all_long = all_long && a->lng[j];
            if (first < 0)
                first = j;
            if (prev >= 0 && (int64_t)j - prev > 1)
                for (int64_t k = prev + 1; k < (int64_t)j; k++) {
                    double t = (double)(k - prev) / (double)((int64_t)j - prev);
                    double v = a->v[prev] + (a->v[j] - a->v[prev]) * t;
                    a->v[k] = v;
                    a->miss[k] = 0;
                    a->lng[k] = 2; /* interpolated: typed below */
                }
            prev = j;
        }
    if (first < 0) {
        for (uint32_t j = 0; j < a->n; j++) {
            a->v[j] = c;
            a->miss[j] = 0;
            a->lng[j] = 0;
        }
        return;
    }
    for (uint32_t j = 0; j < a->n; j++)
        if (a->lng[j] == 2) {
            a->lng[j] = all_long;
            if (all_long)
                a->v[j] = trunc(a->v[j]);
        }
    if (!edges)
        return;
    for (int64_t k = 0; k < first; k++) {
        a->v[k] = a->v[first];
        a->lng[k] = a->lng[first];
        a->miss[k] = 0;
    }
    for (int64_t k = prev + 1; k < (int64_t)a->n; k++) {
        a->v[k] = a->v[prev];
        a->lng[k] = a->lng[prev];
        a->miss[k] = 0;
    }
}

static int run_fill_linear(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    ser_state *st = st_get(ctx);
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        series *a = &st->s[0];
        if (!read_series(argv[0], i, a) || a->scalar) {
            set_null(ctx, out, i);
            continue;
        }
        apply_placeholder(a, argc > 1 ? argv[1] : NULL, i);
        bool edges = argc < 3 || vec_is_null(argv[2], i) || vec_b(argv[2], i);
        double c = argc > 3 && !vec_is_null(argv[3], i) ? vec_num(argv[3], i) : 0;
        fill_linear(a, edges, c);
        dbuf_reset(&st->out);
        put_series(&st->out, a);
        set_out(ctx, out, i, &st->out);
    }
    return 0;
}

static htype tc_fill_linear(fn_sig *sig)
{
    if (!want_series(sig, "series_fill_linear", 0))
        return HT_UNKNOWN;
    if (sig->argc > 1 && sig->argt[1] != HT_UNKNOWN && !fn_want(sig, "series_fill_linear", 1, 'r'))
        return HT_UNKNOWN;
    if (sig->argc > 2 && !fn_want(sig, "series_fill_linear", 2, 'b'))
        return HT_UNKNOWN;
    if (sig->argc > 3 && !fn_want(sig, "series_fill_linear", 3, 'r'))
        return HT_UNKNOWN;
    return HT_DYNAMIC;
}

/* --- reductions to one number ----------------------------------------------------------- */

typedef struct stats {
    double min, max, sum, sumsq, prod;
    int64_t min_idx, max_idx, n;
} stats;

static stats series_stats_of(const series *a)
{
    stats s = {0, 0, 0, 0, 1, -1, -1, 0};
    for (uint32_t j = 0; j < a->n; j++) {
        if (a->miss[j])
            continue;
        double x = a->v[j];
        if (s.n == 0 || x < s.min) {
            s.min = x;
            s.min_idx = j;
        }
        if (s.n == 0 || x > s.max) {
            s.max = x;
            s.max_idx = j;
        }
        s.sum += x;
        s.sumsq += x * x;
        s.prod *= x;
        s.n++;
    }
    return s;
}

static double stats_variance(const stats *s)
{
    if (s->n < 2)
        return 0;
    double m = s->sum / (double)s->n;
    double v = (s->sumsq - (double)s->n * m * m) / (double)(s->n - 1);
    return v < 0 ? 0 : v;
}

static void put_stats(dbuf *b, const series *a)
{
    stats s = series_stats_of(a);
    size_t m = dyn_begin_object(b);
    double var = stats_variance(&s);
    dyn_put_key(b, "min", 3);
    s.n ? dyn_put_real(b, s.min) : dyn_put_null(b);
    dyn_put_key(b, "min_idx", 7);
    s.n ? dyn_put_long(b, s.min_idx) : dyn_put_null(b);
    dyn_put_key(b, "max", 3);
    s.n ? dyn_put_real(b, s.max) : dyn_put_null(b);
    dyn_put_key(b, "max_idx", 7);
    s.n ? dyn_put_long(b, s.max_idx) : dyn_put_null(b);
    dyn_put_key(b, "avg", 3);
    s.n ? dyn_put_real(b, s.sum / (double)s.n) : dyn_put_null(b);
    dyn_put_key(b, "stdev", 5);
    dyn_put_real(b, sqrt(var));
    dyn_put_key(b, "variance", 8);
    dyn_put_real(b, var);
    dyn_put_key(b, "sum", 3);
    dyn_put_real(b, s.sum);
    dyn_put_key(b, "len", 3);
    dyn_put_long(b, a->n);
    dyn_end(b, m, 9);
}

static int run_stats_dynamic(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    ser_state *st = st_get(ctx);
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        series *a = &st->s[0];
        if (!read_series(argv[0], i, a) || a->scalar) {
            set_null(ctx, out, i);
            continue;
        }
        apply_placeholder(a, argc > 1 ? argv[1] : NULL, i);
        dbuf_reset(&st->out);
        put_stats(&st->out, a);
        set_out(ctx, out, i, &st->out);
    }
    return 0;
}
TC(tc_stats_dynamic, "series_stats_dynamic", 1, HT_DYNAMIC)

/* --- series_fit_line ----------------------------------------------------------------------- */

/* Least-squares line through (1, a[0]) ... (n, a[n-1]), as the docs' example
 * shows (its line_fit starts at interception + slope): rsquare = 1 - SSres /
 * SStot, variance and rvariance divide by n - 1. These reproduce the example's
 * published figures. false (null) for fewer than two values or a missing one. */
static bool put_fit_line(dbuf *b, const series *a)
{
    uint32_t n = a->n;
    if (n < 2)
        return false;
    double mx = (n + 1) / 2.0, my = 0;
    for (uint32_t j = 0; j < n; j++) {
        if (a->miss[j])
            return false;
        my += a->v[j];
    }
    my /= n;
    double sxy = 0, sxx = 0, sst = 0;
    for (uint32_t j = 0; j < n; j++) {
        double dx = (j + 1) - mx, dy = a->v[j] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        sst += dy * dy;
    }
    double slope = sxy / sxx, icpt = my - slope * mx, ssr = 0;
    for (uint32_t j = 0; j < n; j++) {
        double r = a->v[j] - (icpt + slope * (j + 1));
        ssr += r * r;
    }
    size_t m = dyn_begin_object(b);
    dyn_put_key(b, "rsquare", 7);
    dyn_put_real(b, 1 - ssr / sst);
    dyn_put_key(b, "slope", 5);
    dyn_put_real(b, slope);
    dyn_put_key(b, "variance", 8);
    dyn_put_real(b, sst / (n - 1));
    dyn_put_key(b, "rvariance", 9);
    dyn_put_real(b, ssr / (n - 1));
    dyn_put_key(b, "interception", 12);
    dyn_put_real(b, icpt);
    dyn_put_key(b, "line_fit", 8);
    size_t la = dyn_begin_array(b);
    for (uint32_t j = 0; j < n; j++)
        dyn_put_real(b, icpt + slope * (j + 1));
    dyn_end(b, la, n);
    dyn_end(b, m, 6);
    return true;
}

static int run_fit_line_dynamic(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    ser_state *st = st_get(ctx);
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        series *a = &st->s[0];
        dbuf_reset(&st->out);
        if (!read_series(argv[0], i, a) || a->scalar || !put_fit_line(&st->out, a)) {
            set_null(ctx, out, i);
            continue;
        }
        set_out(ctx, out, i, &st->out);
    }
    return 0;
}
TC(tc_fit_line_dynamic, "series_fit_line_dynamic", 1, HT_DYNAMIC)

/* One real per row from one or two series. */
typedef bool (*reduce_fn)(const series *a, const series *b, const hvec *const *argv, int argc,
                          uint32_t i, double *r);

static int run_reduce(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, int nser,
                      reduce_fn f)
{
    ser_state *st = st_get(ctx);
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        series *a = &st->s[0], *b = &st->s[1];
        bool ok = read_series(argv[0], i, a) && !a->scalar;
        if (ok && nser > 1)
            ok = read_series(argv[1], i, b);
        if (!ok || !f(a, b, argv, argc, i, &out->r[i]))
            set_null(ctx, out, i);
    }
    return 0;
}

static bool red_sum(const series *a, const series *b, const hvec *const *argv, int argc, uint32_t i,
                    double *r)
{
    (void)b, (void)argv, (void)argc, (void)i;
    *r = series_stats_of(a).sum;
    return true;
}

static bool red_product(const series *a, const series *b, const hvec *const *argv, int argc,
                        uint32_t i, double *r)
{
    (void)b, (void)argv, (void)argc, (void)i;
    *r = series_stats_of(a).prod;
    return true;
}

static bool red_dot(const series *a, const series *b, const hvec *const *argv, int argc, uint32_t i,
                    double *r)
{
    (void)argv, (void)argc, (void)i;
    uint32_t n = b->scalar ? a->n : (a->n < b->n ? a->n : b->n);
    double s = 0;
    for (uint32_t j = 0; j < n; j++) {
        double x, y;
        bool xl, yl;
        if (at(a, j, &x, &xl) && at(b, j, &y, &yl))
            s += x * y;
    }
    *r = s;
    return true;
}

static bool red_cosine(const series *a, const series *b, const hvec *const *argv, int argc,
                       uint32_t i, double *r)
{
    double dot, ma = 0, mb = 0;
    red_dot(a, b, argv, argc, i, &dot);
    uint32_t n = b->scalar ? a->n : (a->n < b->n ? a->n : b->n);
    for (uint32_t j = 0; j < n; j++) {
        double x, y;
        bool xl, yl;
        if (at(a, j, &x, &xl) && at(b, j, &y, &yl)) {
            ma += x * x;
            mb += y * y;
        }
    }
    if (argc > 2 && !vec_is_null(argv[2], i))
        ma = vec_num(argv[2], i) * vec_num(argv[2], i);
    if (argc > 3 && !vec_is_null(argv[3], i))
        mb = vec_num(argv[3], i) * vec_num(argv[3], i);
    if (ma == 0 || mb == 0)
        return false;
    *r = dot / (sqrt(ma) * sqrt(mb));
    return true;
}

static bool red_pearson(const series *a, const series *b, const hvec *const *argv, int argc,
                        uint32_t i, double *r)
{
    (void)argv, (void)argc, (void)i;
    if (b->scalar || a->n != b->n || a->n < 2)
        return false;
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    uint32_t n = 0;
    for (uint32_t j = 0; j < a->n; j++) {
        if (a->miss[j] || b->miss[j])
            continue;
        double x = a->v[j], y = b->v[j];
        sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
        n++;
    }
    double den = sqrt((double)n * sxx - sx * sx) * sqrt((double)n * syy - sy * sy);
    if (n < 2 || den == 0)
        return false;
    double c = ((double)n * sxy - sx * sy) / den;
    *r = c > 1 ? 1 : c < -1 ? -1 : c; /* rounding may step past +-1 */
    return true;
}

#define REDUCE(fn, nser, f)                                                                        \
    static int fn(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)                       \
    {                                                                                              \
        return run_reduce(ctx, argc, argv, out, nser, f);                                          \
    }
REDUCE(run_sum, 1, red_sum)
REDUCE(run_product, 1, red_product)
REDUCE(run_dot, 2, red_dot)
REDUCE(run_cosine, 2, red_cosine)
REDUCE(run_pearson, 2, red_pearson)
TC(tc_sum, "series_sum", 1, HT_REAL)
TC(tc_product, "series_product", 1, HT_REAL)
TC(tc_dot, "series_dot_product", 2, HT_REAL)
TC(tc_cosine, "series_cosine_similarity", 4, HT_REAL)
TC(tc_pearson, "series_pearson_correlation", 2, HT_REAL)

/* --- series_iir ------------------------------------------------------------------------------ */

/* y[n] = (sum_k b[k] x[n-k] - sum_{k>=1} a[k] y[n-k]) / a[0] */
static void iir(const series *x, const series *b, const series *a, double *y)
{
    for (uint32_t n = 0; n < x->n; n++) {
        double acc = 0;
        for (uint32_t k = 0; k < b->n && k <= n; k++)
            acc += b->v[k] * (x->miss[n - k] ? 0 : x->v[n - k]);
        for (uint32_t k = 1; k < a->n && k <= n; k++)
            acc -= a->v[k] * y[n - k];
        y[n] = acc / a->v[0];
    }
}

static int run_iir(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    ser_state *st = st_get(ctx);
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        series *x = &st->s[0], *b = &st->s[1], *a = &st->s[2];
        if (!read_series(argv[0], i, x) || x->scalar || !read_series(argv[1], i, b) ||
            !read_series(argv[2], i, a) || a->n == 0 || a->miss[0] || a->v[0] == 0) {
            set_null(ctx, out, i);
            continue;
        }
        double *y = tmp_room(st, x->n ? x->n : 1);
        iir(x, b, a, y);
        dbuf_reset(&st->out);
        size_t m = dyn_begin_array(&st->out);
        for (uint32_t j = 0; j < x->n; j++)
            dyn_put_real(&st->out, y[j]);
        dyn_end(&st->out, m, x->n);
        set_out(ctx, out, i, &st->out);
    }
    return 0;
}
TC(tc_iir, "series_iir", 3, HT_DYNAMIC)

/* --- series_seasonal ---------------------------------------------------------------------- */

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* The period (4 or more, seen at least four times) with the strongest
 * autocorrelation (unbiased estimate), or 0 when none scores 0.7 or more.
 * A heuristic stand-in for Kusto's detection, which the docs do not define. */
static uint32_t detect_period(const series *a)
{
    double mean = 0, var = 0;
    uint32_t cnt = 0;
    for (uint32_t j = 0; j < a->n; j++)
        if (!a->miss[j])
            mean += a->v[j], cnt++;
    if (cnt < 8)
        return 0;
    mean /= cnt;
    for (uint32_t j = 0; j < a->n; j++)
        if (!a->miss[j])
            var += (a->v[j] - mean) * (a->v[j] - mean);
    if (var == 0)
        return 0;
    uint32_t best = 0;
    double best_r = 0.7;
    for (uint32_t p = 4; p <= a->n / 4; p++) {
        double s = 0;
        for (uint32_t j = 0; j + p < a->n; j++)
            if (!a->miss[j] && !a->miss[j + p])
                s += (a->v[j] - mean) * (a->v[j + p] - mean);
        double r = (s / (double)(a->n - p)) / (var / (double)a->n);
        if (r > best_r + 1e-9) {
            best_r = r;
            best = p;
        }
    }
    return best;
}

/* Median of the elements at phase ph of period p. */
static double phase_median(ser_state *st, const series *a, uint32_t p, uint32_t ph)
{
    double *t = tmp_room(st, a->n / p + 2);
    uint32_t k = 0;
    for (uint32_t j = ph; j < a->n; j += p)
        if (!a->miss[j])
            t[k++] = a->v[j];
    if (!k)
        return 0;
    qsort(t, k, sizeof(double), cmp_double);
    return k % 2 ? t[k / 2] : (t[k / 2 - 1] + t[k / 2]) / 2;
}

static int run_seasonal(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    ser_state *st = st_get(ctx);
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        series *a = &st->s[0];
        if (!read_series(argv[0], i, a) || a->scalar) {
            set_null(ctx, out, i);
            continue;
        }
        int64_t p = argc > 1 && !vec_is_null(argv[1], i) ? (int64_t)vec_num(argv[1], i) : -1;
        if (p < 0)
            p = detect_period(a);
        if (p > (int64_t)a->n)
            p = 0;
        series *med = &st->s[1];
        ser_room(med, p > 0 ? (uint32_t)p : 1);
        for (int64_t ph = 0; ph < p; ph++)
            med->v[ph] = phase_median(st, a, (uint32_t)p, (uint32_t)ph);
        dbuf_reset(&st->out);
        size_t m = dyn_begin_array(&st->out);
        for (uint32_t j = 0; j < a->n; j++)
            dyn_put_real(&st->out, p > 0 ? med->v[j % p] : 0.0);
        dyn_end(&st->out, m, a->n);
        set_out(ctx, out, i, &st->out);
    }
    return 0;
}

static htype tc_seasonal(fn_sig *sig)
{
    if (!want_series(sig, "series_seasonal", 0))
        return HT_UNKNOWN;
    if (sig->argc > 1 && !fn_want(sig, "series_seasonal", 1, 'n'))
        return HT_UNKNOWN;
    return HT_DYNAMIC;
}

/* --- table ------------------------------------------------------------------------------------ */

#define F(name, lo, hi, tc, run)                                                                   \
    {                                                                                              \
        name, lo, hi, tc, run, ser_free, 0                                                         \
    }

const fn_def fn_series_defs[] = {
    F("series_add", 2, 2, tc_add, run_add),
    F("series_subtract", 2, 2, tc_subtract, run_subtract),
    F("series_multiply", 2, 2, tc_multiply, run_multiply),
    F("series_divide", 2, 2, tc_divide, run_divide),
    F("series_pow", 2, 2, tc_pow, run_pow),
    F("series_greater", 2, 2, tc_greater, run_greater),
    F("series_greater_equals", 2, 2, tc_greater_equals, run_greater_equals),
    F("series_less", 2, 2, tc_less, run_less),
    F("series_less_equals", 2, 2, tc_less_equals, run_less_equals),
    F("series_equals", 2, 2, tc_equals, run_equals),
    F("series_not_equals", 2, 2, tc_not_equals, run_not_equals),
    F("series_abs", 1, 1, tc_abs, run_abs),
    F("series_sign", 1, 1, tc_sign, run_sign),
    F("series_ceiling", 1, 1, tc_ceiling, run_ceiling),
    F("series_floor", 1, 1, tc_floor, run_floor),
    F("series_acos", 1, 1, tc_acos, run_acos),
    F("series_asin", 1, 1, tc_asin, run_asin),
    F("series_atan", 1, 1, tc_atan, run_atan),
    F("series_cos", 1, 1, tc_cos, run_cos),
    F("series_sin", 1, 1, tc_sin, run_sin),
    F("series_tan", 1, 1, tc_tan, run_tan),
    F("series_exp", 1, 1, tc_exp, run_exp),
    F("series_log", 1, 1, tc_log, run_log),
    F("series_fill_forward", 1, 2, tc_fill_forward, run_fill_forward),
    F("series_fill_backward", 1, 2, tc_fill_backward, run_fill_backward),
    F("series_fill_const", 1, 3, tc_fill_const, run_fill_const),
    F("series_fill_linear", 1, 4, tc_fill_linear, run_fill_linear),
    F("series_stats_dynamic", 1, 2, tc_stats_dynamic, run_stats_dynamic),
    F("series_fit_line_dynamic", 1, 1, tc_fit_line_dynamic, run_fit_line_dynamic),
    F("series_sum", 1, 1, tc_sum, run_sum),
    F("series_product", 1, 1, tc_product, run_product),
    F("series_dot_product", 2, 2, tc_dot, run_dot),
    F("series_cosine_similarity", 2, 4, tc_cosine, run_cosine),
    F("series_pearson_correlation", 2, 2, tc_pearson, run_pearson),
    F("series_iir", 3, 3, tc_iir, run_iir),
    F("series_seasonal", 1, 2, tc_seasonal, run_seasonal),
    {NULL},
};
