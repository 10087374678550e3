/* engine/fn_math.c — the math scalar functions: rounding and binning, powers
 * and logarithms, trigonometry, special functions, bit operations, min/max.
 *
 * Result types follow the KQL reference: functions that are defined on real
 * numbers (sqrt, log, sin, pow, ...) ask the binder to cast int/long to real
 * and return real; abs, ceiling, round, bin keep the integer type of their
 * input (int stays 32-bit: a result out of int range is null); bin and
 * bin_at also bin datetime and timespan values by a timespan. The binary_*
 * family works on long.
 *
 * Nulls: a null argument gives a null result, and so does an input outside
 * a function's domain where the reference says so (sqrt and log of a
 * negative number, acos(2), a negative bin size). Functions the reference
 * does not restrict keep IEEE results (exp(1000) is +inf, gamma(-1) NaN).
 * max_of/min_of are the exception: nulls are skipped, and the result is null
 * only when every argument is null.
 *
 * Datetime bins are aligned on 0001-01-01 (the origin of .NET ticks, which
 * KQL uses), so bin(dt, 7d) falls on Mondays as in Kusto.
 */
#include "fn.h"
#include "rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

/* --- shared helpers -------------------------------------------------------- */

#define INT32_LO (-2147483647LL - 1)
#define INT32_HI 2147483647LL

/* The type argument i will have when the kernel runs (after any cast). */
static htype arg_type(const fn_sig *sig, int i)
{
    return sig->cast[i] != HT_UNKNOWN ? sig->cast[i] : sig->argt[i];
}

static bool any_null(int argc, const hvec *const *argv, uint32_t i)
{
    for (int a = 0; a < argc; a++)
        if (vec_is_null(argv[a], i))
            return true;
    return false;
}

/* Marks row i of out null and zeroes its value slot. */
static void out_null(fn_ctx *ctx, hvec *out, uint32_t i)
{
    vec_set_null(ctx->arena, out, i);
    if (out->type == HT_BOOL)
        out->b[i] = 0;
    else
        out->i[i] = 0;
}

/* Stores an int64 result, checking that an int result stays in 32 bits. */
static void out_int(fn_ctx *ctx, hvec *out, uint32_t i, int64_t v)
{
    if (out->type == HT_INT && (v < INT32_LO || v > INT32_HI)) {
        out_null(ctx, out, i);
        return;
    }
    out->i[i] = v;
}

static void out_real(fn_ctx *ctx, hvec *out, uint32_t i, double v, bool ok)
{
    if (!ok) {
        out_null(ctx, out, i);
        return;
    }
    out->r[i] = v;
}

/* Floor division for int64 (b > 0). */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* a rounded down to a multiple of b (b > 0); false on overflow. */
static bool floor_to(int64_t a, int64_t b, int64_t *r)
{
    return !__builtin_mul_overflow(floor_div(a, b), b, r);
}

/* The common result type of two numeric types: real > long > int. */
static htype num_join(htype a, htype b)
{
    if (a == HT_REAL || b == HT_REAL)
        return HT_REAL;
    if (a == HT_LONG || b == HT_LONG)
        return HT_LONG;
    return HT_INT;
}

/* --- real -> real functions -------------------------------------------------- */

typedef bool (*real_op)(double x, double *r);

static int run_real1(fn_ctx *ctx, const hvec *a, hvec *out, real_op op)
{
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        double r = 0;
        bool ok = !vec_is_null(a, i) && op(vec_r(a, i), &r);
        out_real(ctx, out, i, r, ok);
    }
    return 0;
}

/* The type check of every real -> real function. */
static htype t_real(fn_sig *sig)
{
    return fn_want(sig, sig->name, 0, 'r') ? HT_REAL : HT_UNKNOWN;
}

#define REAL1(NAME)                                                                                \
    static int k_##NAME(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)                 \
    {                                                                                              \
        (void)argc;                                                                                \
        return run_real1(ctx, argv[0], out, op_##NAME);                                            \
    }

static bool op_sqrt(double x, double *r)
{
    *r = sqrt(x);
    return !(x < 0);
}
static bool op_exp(double x, double *r)
{
    *r = exp(x);
    return true;
}
static bool op_exp2(double x, double *r)
{
    *r = exp2(x);
    return true;
}
static bool op_exp10(double x, double *r)
{
    *r = pow(10.0, x);
    return true;
}
static bool op_log(double x, double *r)
{
    *r = log(x);
    return !(x < 0);
}
static bool op_log2(double x, double *r)
{
    *r = log2(x);
    return !(x < 0);
}
static bool op_log10(double x, double *r)
{
    *r = log10(x);
    return !(x < 0);
}
static bool op_gamma(double x, double *r)
{
    *r = tgamma(x);
    return true;
}
static bool op_loggamma(double x, double *r)
{
    int sign;
    *r = lgamma_r(x, &sign);
    return true;
}
static bool op_erf(double x, double *r)
{
    *r = erf(x);
    return true;
}
static bool op_erfc(double x, double *r)
{
    *r = erfc(x);
    return true;
}
static bool op_sin(double x, double *r)
{
    *r = sin(x);
    return true;
}
static bool op_cos(double x, double *r)
{
    *r = cos(x);
    return true;
}
static bool op_tan(double x, double *r)
{
    *r = tan(x);
    return true;
}
static bool op_cot(double x, double *r)
{
    *r = 1.0 / tan(x);
    return true;
}
static bool op_asin(double x, double *r)
{
    *r = asin(x);
    return x >= -1.0 && x <= 1.0;
}
static bool op_acos(double x, double *r)
{
    *r = acos(x);
    return x >= -1.0 && x <= 1.0;
}
static bool op_atan(double x, double *r)
{
    *r = atan(x);
    return true;
}
static bool op_degrees(double x, double *r)
{
    *r = x * (180.0 / M_PI);
    return true;
}
static bool op_radians(double x, double *r)
{
    *r = x * (M_PI / 180.0);
    return true;
}
static bool op_sign(double x, double *r)
{
    *r = x > 0 ? 1.0 : x < 0 ? -1.0 : x; /* NaN stays NaN, -0 stays 0 */
    if (*r == 0)
        *r = 0;
    return true;
}

REAL1(sqrt)
REAL1(exp)
REAL1(exp2)
REAL1(exp10)
REAL1(log)
REAL1(log2)
REAL1(log10)
REAL1(gamma)
REAL1(loggamma)
REAL1(erf)
REAL1(erfc)
REAL1(sin)
REAL1(cos)
REAL1(tan)
REAL1(cot)
REAL1(asin)
REAL1(acos)
REAL1(atan)
REAL1(degrees)
REAL1(radians)
REAL1(sign)

/* --- real x real -> real ------------------------------------------------------ */

static htype t_real2(fn_sig *sig)
{
    if (!fn_want(sig, sig->name, 0, 'r') || !fn_want(sig, sig->name, 1, 'r'))
        return HT_UNKNOWN;
    return HT_REAL;
}

static int k_pow(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        bool ok = !any_null(argc, argv, i);
        out_real(ctx, out, i, ok ? pow(vec_r(argv[0], i), vec_r(argv[1], i)) : 0, ok);
    }
    return 0;
}

static int k_atan2(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        bool ok = !any_null(argc, argv, i);
        out_real(ctx, out, i, ok ? atan2(vec_r(argv[0], i), vec_r(argv[1], i)) : 0, ok);
    }
    return 0;
}

/* --- isnan, isinf, isfinite ------------------------------------------------- */

static int run_realpred(fn_ctx *ctx, const hvec *a, hvec *out, int which)
{
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        if (vec_is_null(a, i)) {
            out_null(ctx, out, i);
            continue;
        }
        double x = vec_r(a, i);
        out->b[i] = which == 0 ? isnan(x) != 0 : which == 1 ? isinf(x) != 0 : isfinite(x) != 0;
    }
    return 0;
}

static htype t_realpred(fn_sig *sig)
{
    return fn_want(sig, sig->name, 0, 'r') ? HT_BOOL : HT_UNKNOWN;
}
static int k_isnan(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_realpred(ctx, argv[0], out, 0);
}
static int k_isinf(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_realpred(ctx, argv[0], out, 1);
}
static int k_isfinite(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_realpred(ctx, argv[0], out, 2);
}

/* --- abs, ceiling ------------------------------------------------------------- */

static htype t_abs(fn_sig *sig)
{
    if (sig->argc >= 1 && sig->argt[0] == HT_TIMESPAN)
        return HT_TIMESPAN;
    if (!fn_want(sig, "abs", 0, 'n'))
        return HT_UNKNOWN;
    return arg_type(sig, 0);
}

static int k_abs(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    const hvec *a = argv[0];
    vec_alloc(ctx->arena, out, out->type, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        if (vec_is_null(a, i)) {
            out_null(ctx, out, i);
        } else if (out->type == HT_REAL) {
            out->r[i] = fabs(vec_r(a, i));
        } else {
            int64_t v = vec_i(a, i);
            if (v == INT64_MIN)
                out_null(ctx, out, i);
            else
                out_int(ctx, out, i, v < 0 ? -v : v);
        }
    }
    return 0;
}

static htype t_ceiling(fn_sig *sig)
{
    if (!fn_want(sig, "ceiling", 0, 'n'))
        return HT_UNKNOWN;
    return arg_type(sig, 0);
}

static int k_ceiling(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    const hvec *a = argv[0];
    vec_alloc(ctx->arena, out, out->type, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        if (vec_is_null(a, i))
            out_null(ctx, out, i);
        else if (out->type == HT_REAL)
            out->r[i] = ceil(vec_r(a, i));
        else
            out->i[i] = vec_i(a, i);
    }
    return 0;
}

/* --- round ------------------------------------------------------------------ */

static htype t_round(fn_sig *sig)
{
    if (!fn_want(sig, "round", 0, 'n'))
        return HT_UNKNOWN;
    if (sig->argc > 1 && !fn_want(sig, "round", 1, 'l'))
        return HT_UNKNOWN;
    return arg_type(sig, 0);
}

/* x rounded to p decimal digits, halves away from zero. */
static double round_real(double x, int64_t p)
{
    if (!isfinite(x) || p > 300)
        return x;
    if (p < -300)
        return x * 0.0;
    if (p >= 0) {
        double s = pow(10.0, (double)p);
        double y = x * s;
        if (!isfinite(y))
            return x;
        return round(y) / s;
    }
    double s = pow(10.0, (double)-p);
    return round(x / s) * s;
}

/* v rounded to a multiple of 10^-p when p < 0, halves away from zero. */
static bool round_long(int64_t v, int64_t p, int64_t *r)
{
    if (p >= 0) {
        *r = v;
        return true;
    }
    if (p < -18) {
        *r = 0;
        return true;
    }
    int64_t s = 1;
    for (int64_t k = 0; k < -p; k++)
        s *= 10;
    int64_t q = v / s, rem = v % s;
    if (rem >= s - rem)
        q++;
    else if (-rem >= s + rem)
        q--;
    return !__builtin_mul_overflow(q, s, r);
}

static int k_round(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    const hvec *a = argv[0];
    vec_alloc(ctx->arena, out, out->type, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        if (any_null(argc, argv, i)) {
            out_null(ctx, out, i);
            continue;
        }
        int64_t p = argc > 1 ? vec_i(argv[1], i) : 0;
        int64_t r;
        if (out->type == HT_REAL)
            out->r[i] = round_real(vec_r(a, i), p);
        else if (round_long(vec_i(a, i), p, &r))
            out_int(ctx, out, i, r);
        else
            out_null(ctx, out, i);
    }
    return 0;
}

/* --- bin, floor, bin_at --------------------------------------------------- */

/* Checks value/size (and fixed point, for bin_at) and asks for the casts that
 * make the kernel see either all-real or all-int64 arguments. */
static htype t_binlike(fn_sig *sig, bool at)
{
    const char *name = sig->name;
    int need = at ? 3 : 2;
    if (sig->argc != need)
        return fn_type_error(sig, "%s(): expects %d arguments", name, need);
    htype v = sig->argt[0], s = sig->argt[1];
    if (v == HT_DATETIME || v == HT_TIMESPAN) {
        if (s != HT_TIMESPAN && s != HT_UNKNOWN)
            return fn_type_error(sig, "%s(): a %s is binned by a timespan", name, ht_name(v));
        if (s == HT_UNKNOWN)
            sig->cast[1] = HT_TIMESPAN;
        if (at && sig->argt[2] != v) {
            if (sig->argt[2] != HT_UNKNOWN)
                return fn_type_error(sig, "%s(): the fixed point must be a %s", name, ht_name(v));
            sig->cast[2] = v;
        }
        return v;
    }
    if (v == HT_UNKNOWN && s == HT_TIMESPAN) {
        sig->cast[0] = HT_TIMESPAN;
        if (at && sig->argt[2] == HT_UNKNOWN)
            sig->cast[2] = HT_TIMESPAN;
        return at && sig->argt[2] != HT_TIMESPAN && sig->argt[2] != HT_UNKNOWN
                   ? fn_type_error(sig, "%s(): the fixed point must be a timespan", name)
                   : HT_TIMESPAN;
    }
    if (!fn_want(sig, name, 0, 'n') || !fn_want(sig, name, 1, 'n'))
        return HT_UNKNOWN;
    if (at && !fn_want(sig, name, 2, 'n'))
        return HT_UNKNOWN;
    htype r = num_join(arg_type(sig, 0), arg_type(sig, 1));
    if (at && arg_type(sig, 2) == HT_REAL)
        r = HT_REAL;
    if (r == HT_REAL)
        for (int i = 0; i < need; i++)
            if (arg_type(sig, i) != HT_REAL)
                sig->cast[i] = HT_REAL;
    return r;
}

static htype t_bin(fn_sig *sig)
{
    return t_binlike(sig, false);
}
static htype t_bin_at(fn_sig *sig)
{
    return t_binlike(sig, true);
}

/* .NET tick origin (0001-01-01) relative to ours: datetime bins align there. */
static int64_t bin_origin(htype t)
{
    return t == HT_DATETIME ? HT_DATETIME_MIN : 0;
}

static bool bin_one_int(htype t, int64_t v, int64_t s, int64_t fixed, int64_t *r)
{
    int64_t d;
    if (s <= 0 || __builtin_sub_overflow(v, fixed, &d) || !floor_to(d, s, r))
        return false;
    if (__builtin_add_overflow(*r, fixed, r))
        return false;
    return t != HT_DATETIME || (*r >= HT_DATETIME_MIN && *r <= HT_DATETIME_MAX);
}

static bool bin_one_real(double v, double s, double fixed, double *r)
{
    if (!(s > 0))
        return false;
    *r = floor((v - fixed) / s) * s + fixed;
    return true;
}

static int run_bin(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, out->type, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        if (any_null(argc, argv, i)) {
            out_null(ctx, out, i);
            continue;
        }
        if (out->type == HT_REAL) {
            double fixed = argc > 2 ? vec_r(argv[2], i) : 0, r = 0;
            bool ok = bin_one_real(vec_r(argv[0], i), vec_r(argv[1], i), fixed, &r);
            out_real(ctx, out, i, r, ok);
            continue;
        }
        int64_t fixed = argc > 2 ? vec_i(argv[2], i) : bin_origin(out->type), r;
        if (bin_one_int(out->type, vec_i(argv[0], i), vec_i(argv[1], i), fixed, &r))
            out_int(ctx, out, i, r);
        else
            out_null(ctx, out, i);
    }
    return 0;
}

/* --- max_of, min_of ------------------------------------------------------- */

static htype t_extreme(fn_sig *sig)
{
    const char *name = sig->name;
    htype common = HT_UNKNOWN;
    for (int i = 0; i < sig->argc; i++) {
        htype t = sig->argt[i];
        if (t == HT_UNKNOWN)
            continue;
        if (common == HT_UNKNOWN)
            common = t;
        else if (ht_is_numeric(common) && ht_is_numeric(t))
            common = num_join(common, t);
        else if (common != t)
            return fn_type_error(sig, "%s(): arguments must all be of one type, got %s and %s",
                                 name, ht_name(common), ht_name(t));
    }
    if (common == HT_UNKNOWN)
        common = HT_LONG; /* every argument is an untyped null */
    if (common == HT_DYNAMIC || common == HT_GUID)
        return fn_type_error(sig, "%s(): cannot compare %s values", name, ht_name(common));
    for (int i = 0; i < sig->argc; i++) {
        htype t = sig->argt[i];
        if (t == HT_UNKNOWN || (common == HT_REAL && t != HT_REAL))
            sig->cast[i] = common;
    }
    return common;
}

static int str_cmp(hstr a, hstr b)
{
    size_t n = a.n < b.n ? a.n : b.n;
    int c = n ? memcmp(a.p, b.p, n) : 0;
    return c ? c : (a.n > b.n) - (a.n < b.n);
}

/* Compares argument a row i with the current best b row i: >0 when a > b. */
static int cmp_rows(htype t, const hvec *a, const hvec *b, uint32_t i)
{
    switch (t) {
    case HT_BOOL:
        return (int)vec_b(a, i) - (int)vec_b(b, i);
    case HT_REAL: {
        double x = vec_r(a, i), y = vec_r(b, i);
        return (x > y) - (x < y);
    }
    case HT_STRING:
        return str_cmp(vec_s(a, i), vec_s(b, i));
    default: {
        int64_t x = vec_i(a, i), y = vec_i(b, i);
        return (x > y) - (x < y);
    }
    }
}

static int run_extreme(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, int dir)
{
    vec_alloc(ctx->arena, out, out->type, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        const hvec *best = NULL;
        for (int a = 0; a < argc; a++) {
            if (vec_is_null(argv[a], i))
                continue;
            if (!best || cmp_rows(out->type, argv[a], best, i) * dir > 0)
                best = argv[a];
        }
        if (best)
            vec_copy_value(ctx->arena, out, i, best, i);
        else if (out->type == HT_STRING)
            out->s[i] = (hstr){"", 0};
        else
            out_null(ctx, out, i);
    }
    return 0;
}

static int k_max_of(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_extreme(ctx, argc, argv, out, 1);
}
static int k_min_of(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_extreme(ctx, argc, argv, out, -1);
}

/* --- pi, rand --------------------------------------------------------------- */

static htype t_pi(fn_sig *sig)
{
    (void)sig;
    return HT_REAL;
}

static int k_pi(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    (void)argv;
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++)
        out->r[i] = M_PI;
    return 0;
}

static htype t_rand(fn_sig *sig)
{
    if (sig->argc > 0 && !fn_want(sig, "rand", 0, 'l'))
        return HT_UNKNOWN;
    return HT_REAL;
}

uint64_t *fn_rng_state(fn_ctx *ctx)
{
    static uint64_t fallback;
    if (!ctx->state)
        return &fallback;
    if (!*ctx->state) {
        uint64_t *s = malloc(sizeof *s);
        if (!s)
            return &fallback;
        if (getrandom(s, sizeof *s, 0) != (ssize_t)sizeof *s) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            *s = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)(uintptr_t)s;
        }
        *ctx->state = s;
    }
    return *ctx->state;
}

static int k_rand(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    uint64_t *s = fn_rng_state(ctx);
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        double u = (double)(rng_next(s) >> 11) * 0x1.0p-53; /* [0, 1) */
        if (argc == 0) {
            out->r[i] = u;
            continue;
        }
        int64_t n = vec_is_null(argv[0], i) ? 0 : vec_i(argv[0], i);
        if (n <= 0)
            out_null(ctx, out, i);
        else
            out->r[i] = floor(u * (double)n);
    }
    return 0;
}

/* --- bit operations --------------------------------------------------------- */

static htype t_long_n(fn_sig *sig)
{
    for (int i = 0; i < sig->argc; i++)
        if (!fn_want(sig, sig->name, i, 'l'))
            return HT_UNKNOWN;
    return HT_LONG;
}

/* Arithmetic right shift without relying on implementation-defined >>. */
static int64_t sar64(int64_t v, unsigned s)
{
    return v < 0 ? ~(int64_t)((uint64_t)~v >> s) : (int64_t)((uint64_t)v >> s);
}

enum { BIT_AND, BIT_OR, BIT_XOR, BIT_NOT, BIT_SHL, BIT_SHR, BIT_ONES };

static bool bit_one(int op, int64_t a, int64_t b, int64_t *r)
{
    uint64_t x = (uint64_t)a, y = (uint64_t)b;
    switch (op) {
    case BIT_AND:
        *r = (int64_t)(x & y);
        return true;
    case BIT_OR:
        *r = (int64_t)(x | y);
        return true;
    case BIT_XOR:
        *r = (int64_t)(x ^ y);
        return true;
    case BIT_NOT:
        *r = (int64_t)~x;
        return true;
    case BIT_ONES:
        *r = __builtin_popcountll(x);
        return true;
    case BIT_SHL:
        if (b < 0)
            return false;
        *r = (int64_t)(x << (b % 64));
        return true;
    case BIT_SHR:
        if (b < 0)
            return false;
        *r = sar64(a, (unsigned)(b % 64));
        return true;
    default:
        return false;
    }
}

static int run_bits(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, int op)
{
    vec_alloc(ctx->arena, out, HT_LONG, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int64_t r;
        if (any_null(argc, argv, i) ||
            !bit_one(op, vec_i(argv[0], i), argc > 1 ? vec_i(argv[1], i) : 0, &r))
            out_null(ctx, out, i);
        else
            out->i[i] = r;
    }
    return 0;
}

#define BITFN(NAME, OP)                                                                            \
    static int k_##NAME(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)                 \
    {                                                                                              \
        return run_bits(ctx, argc, argv, out, OP);                                                 \
    }

BITFN(binary_and, BIT_AND)
BITFN(binary_or, BIT_OR)
BITFN(binary_xor, BIT_XOR)
BITFN(binary_not, BIT_NOT)
BITFN(binary_shift_left, BIT_SHL)
BITFN(binary_shift_right, BIT_SHR)
BITFN(bitset_count_ones, BIT_ONES)

/* --- beta distribution -------------------------------------------------------- */

/* Continued fraction for the regularized incomplete beta (modified Lentz). */
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    if (fabs(d) < tiny)
        d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 500; m++) {
        double m2 = 2.0 * m;
        double num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        for (int half = 0; half < 2; half++) {
            d = 1.0 + num * d;
            c = 1.0 + num / c;
            if (fabs(d) < tiny)
                d = tiny;
            if (fabs(c) < tiny)
                c = tiny;
            d = 1.0 / d;
            h *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        }
        if (fabs(d * c - 1.0) < 1e-16)
            break;
    }
    return h;
}

static double lbeta(double a, double b)
{
    int s;
    return lgamma_r(a, &s) + lgamma_r(b, &s) - lgamma_r(a + b, &s);
}

/* Regularized incomplete beta I_x(a, b) for 0 <= x <= 1, a, b > 0. */
static double beta_reg(double x, double a, double b)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    double front = exp(a * log(x) + b * log1p(-x) - lbeta(a, b));
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * beta_cf(a, b, x) / a;
    return 1.0 - front * beta_cf(b, a, 1.0 - x) / b;
}

static bool beta_bad(double x, double a, double b)
{
    return !(x >= 0 && x <= 1 && a > 0 && b > 0);
}

static htype t_beta3(fn_sig *sig)
{
    for (int i = 0; i < 3; i++)
        if (!fn_want(sig, sig->name, i, 'r'))
            return HT_UNKNOWN;
    return HT_REAL;
}
static double beta_pdf1(double x, double a, double b)
{
    if (beta_bad(x, a, b))
        return NAN;
    if ((x == 0 && a < 1) || (x == 1 && b < 1))
        return INFINITY;
    if (x == 0 || x == 1) {
        double edge = x == 0 ? a : b;
        return edge > 1 ? 0 : exp(-lbeta(a, b));
    }
    return exp((a - 1) * log(x) + (b - 1) * log1p(-x) - lbeta(a, b));
}

/* Inverse of beta_reg in x by bisection (monotone in x). */
static double beta_inv1(double p, double a, double b)
{
    double lo = 0, hi = 1;
    for (int k = 0; k < 200 && hi - lo > 1e-17; k++) {
        double mid = 0.5 * (lo + hi);
        if (beta_reg(mid, a, b) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

enum { BETA_CDF, BETA_PDF, BETA_INV };

static int run_beta(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, int which)
{
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        if (any_null(argc, argv, i)) {
            out_null(ctx, out, i);
            continue;
        }
        double x = vec_r(argv[0], i), a = vec_r(argv[1], i), b = vec_r(argv[2], i);
        if (which == BETA_PDF) {
            out->r[i] = beta_pdf1(x, a, b);
        } else if (which == BETA_CDF) {
            out->r[i] = beta_bad(x, a, b) ? NAN : beta_reg(x, a, b);
        } else if (!(x >= 0 && x <= 1)) {
            out_null(ctx, out, i); /* the reference: p outside [0, 1] yields null */
        } else {
            out->r[i] = beta_bad(x, a, b) ? NAN : beta_inv1(x, a, b);
        }
    }
    return 0;
}

static int k_beta_cdf(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_beta(ctx, argc, argv, out, BETA_CDF);
}
static int k_beta_pdf(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_beta(ctx, argc, argv, out, BETA_PDF);
}
static int k_beta_inv(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_beta(ctx, argc, argv, out, BETA_INV);
}

/* --- table ------------------------------------------------------------------ */

#define R1(NAME, T)                                                                                \
    {                                                                                              \
#NAME, 1, 1, T, k_##NAME, NULL, 0                                                          \
    }

const fn_def fn_math_defs[] = {
    R1(abs, t_abs),
    R1(sign, t_real),
    R1(ceiling, t_ceiling),
    {"round", 1, 2, t_round, k_round, NULL, 0},
    {"bin", 2, 2, t_bin, run_bin, NULL, 0},
    {"floor", 2, 2, t_bin, run_bin, NULL, 0},
    {"bin_at", 3, 3, t_bin_at, run_bin, NULL, 0},
    R1(sqrt, t_real),
    {"pow", 2, 2, t_real2, k_pow, NULL, 0},
    R1(exp, t_real),
    R1(exp2, t_real),
    R1(exp10, t_real),
    R1(log, t_real),
    R1(log2, t_real),
    R1(log10, t_real),
    R1(gamma, t_real),
    R1(loggamma, t_real),
    R1(erf, t_real),
    R1(erfc, t_real),
    R1(isnan, t_realpred),
    R1(isinf, t_realpred),
    R1(isfinite, t_realpred),
    {"max_of", 2, FN_MAX_ARGS, t_extreme, k_max_of, NULL, 0},
    {"min_of", 2, FN_MAX_ARGS, t_extreme, k_min_of, NULL, 0},
    {"pi", 0, 0, t_pi, k_pi, NULL, 0},
    {"rand", 0, 1, t_rand, k_rand, free, FN_VOLATILE},
    R1(sin, t_real),
    R1(cos, t_real),
    R1(tan, t_real),
    R1(cot, t_real),
    R1(asin, t_real),
    R1(acos, t_real),
    R1(atan, t_real),
    {"atan2", 2, 2, t_real2, k_atan2, NULL, 0},
    R1(degrees, t_real),
    R1(radians, t_real),
    {"binary_and", 2, 2, t_long_n, k_binary_and, NULL, 0},
    {"binary_or", 2, 2, t_long_n, k_binary_or, NULL, 0},
    {"binary_xor", 2, 2, t_long_n, k_binary_xor, NULL, 0},
    R1(binary_not, t_long_n),
    {"binary_shift_left", 2, 2, t_long_n, k_binary_shift_left, NULL, 0},
    {"binary_shift_right", 2, 2, t_long_n, k_binary_shift_right, NULL, 0},
    R1(bitset_count_ones, t_long_n),
    {"beta_cdf", 3, 3, t_beta3, k_beta_cdf, NULL, 0},
    {"beta_pdf", 3, 3, t_beta3, k_beta_pdf, NULL, 0},
    {"beta_inv", 3, 3, t_beta3, k_beta_inv, NULL, 0},
    {NULL},
};
