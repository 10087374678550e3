/* engine/fn_conv.c — conversion and conditional functions: tostring, toint,
 * tolong, toreal/todouble/todecimal, tobool/toboolean, toguid, todatetime,
 * totimespan, tohex, isnull/isnotnull/isempty/isnotempty, coalesce, iff/iif,
 * case, not, gettype.
 *
 * The engine's casts (expr_cast) call the to<type>() kernels here, so each of
 * them accepts an argument of any type. Conversions give null on invalid
 * input (toint("abc")); tostring never gives null (null becomes "").
 * decimal is mapped to real (see tables/types.h), so todecimal is toreal.
 *
 * iff, case and coalesce find the common type of their value arguments
 * (int -> long -> real promotion; a null literal takes the others' type;
 * dynamic absorbs any other type) and ask the binder to cast the others to
 * it, so their kernels copy values of one type only.
 */
#include "fn.h"
#include "../tables/dyn.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const hstr str_empty = {"", 0};

static void out_null(fn_ctx *ctx, hvec *out, uint32_t i)
{
    if (ht_is_str(out->type))
        out->s[i] = str_empty;
    else if (out->type == HT_GUID)
        memset(&out->g[i], 0, sizeof out->g[i]);
    else if (out->type == HT_REAL)
        out->r[i] = 0;
    else if (out->type == HT_BOOL)
        out->b[i] = 0;
    else
        out->i[i] = 0;
    vec_set_null(ctx->arena, out, i);
}

/* The encoded dynamic value of row i, or NULL when the row is null. */
static const uint8_t *arg_dyn(const hvec *v, uint32_t i)
{
    if (vec_is_null(v, i))
        return NULL;
    hstr s = vec_s(v, i);
    return s.p && s.n ? (const uint8_t *)s.p : NULL;
}

static htype ty_any(fn_sig *sig, htype ret)
{
    if (sig->argc != 1)
        return fn_type_error(sig, "conversion expects exactly one argument");
    return ret;
}

/* ==== tostring =============================================================================== */

/* Appends the tostring() text of row i of v to b; false when null. */
static bool text_of(const hvec *v, uint32_t i, dbuf *b)
{
    char tmp[48];
    size_t n = 0;
    if (vec_is_null(v, i))
        return false;
    switch (v->type) {
    case HT_BOOL:
        n = (size_t)snprintf(tmp, sizeof tmp, "%s", vec_b(v, i) ? "true" : "false");
        break;
    case HT_INT:
    case HT_LONG:
        n = (size_t)snprintf(tmp, sizeof tmp, "%" PRId64, vec_i(v, i));
        break;
    case HT_REAL:
        n = ht_format_real(vec_r(v, i), tmp);
        break;
    case HT_DATETIME:
        n = ht_format_datetime(vec_i(v, i), tmp);
        break;
    case HT_TIMESPAN:
        n = ht_format_timespan(vec_i(v, i), tmp);
        break;
    case HT_GUID:
        n = ht_format_guid(vec_g(v, i), tmp);
        break;
    case HT_STRING: {
        hstr s = vec_s(v, i);
        if (s.n)
            dbuf_put(b, s.p, s.n);
        return true;
    }
    case HT_DYNAMIC: {
        const uint8_t *d = arg_dyn(v, i);
        if (!d)
            return false;
        dyn_to_text(d, b);
        return true;
    }
    default:
        return false;
    }
    dbuf_put(b, tmp, n);
    return true;
}

static htype ty_tostring(fn_sig *sig)
{
    return ty_any(sig, HT_STRING);
}
static int run_tostring(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    const hvec *v = argv[0];
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    if (v->type == HT_STRING) {
        for (uint32_t i = 0; i < out->n; i++)
            out->s[i] = vec_is_null(v, i) || !vec_s(v, i).p ? str_empty : vec_s(v, i);
        return 0;
    }
    dbuf b = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        dbuf_reset(&b);
        if (!text_of(v, i, &b) || b.n == 0)
            out->s[i] = str_empty;
        else
            vec_set_str(ctx->arena, out, i, (const char *)b.p, b.n);
    }
    dbuf_free(&b);
    return 0;
}

/* ==== numbers ================================================================================ */

enum { NUM_NONE, NUM_INT, NUM_REAL };

/* Row i of v as a number: *iv for exact integers, *rv for reals. */
static int num_of(const hvec *v, uint32_t i, int64_t *iv, double *rv)
{
    if (vec_is_null(v, i))
        return NUM_NONE;
    switch (v->type) {
    case HT_BOOL:
        *iv = vec_b(v, i);
        return NUM_INT;
    case HT_INT:
    case HT_LONG:
    case HT_DATETIME:
    case HT_TIMESPAN:
        *iv = vec_i(v, i);
        return NUM_INT;
    case HT_REAL:
        *rv = vec_r(v, i);
        return NUM_REAL;
    case HT_STRING: {
        hstr s = vec_s(v, i);
        if (ht_parse_long(s.p, s.n, iv))
            return NUM_INT;
        return ht_parse_real(s.p, s.n, rv) ? NUM_REAL : NUM_NONE;
    }
    case HT_DYNAMIC: {
        const uint8_t *d = arg_dyn(v, i);
        if (!d)
            return NUM_NONE;
        switch (dyn_tag(d)) {
        case DYN_TRUE:
            *iv = 1;
            return NUM_INT;
        case DYN_FALSE:
            *iv = 0;
            return NUM_INT;
        case DYN_LONG:
        case DYN_DATETIME:
        case DYN_TIMESPAN:
            *iv = dyn_long(d);
            return NUM_INT;
        case DYN_REAL:
            *rv = dyn_real(d);
            return NUM_REAL;
        case DYN_STRING: {
            hstr s = dyn_string(d);
            if (ht_parse_long(s.p, s.n, iv))
                return NUM_INT;
            return ht_parse_real(s.p, s.n, rv) ? NUM_REAL : NUM_NONE;
        }
        default:
            return NUM_NONE;
        }
    }
    default:
        return NUM_NONE;
    }
}

/* Integer conversion with truncation toward zero; false when out of range. */
static bool int_of(const hvec *v, uint32_t i, int64_t lo, int64_t hi, int64_t *out)
{
    int64_t iv = 0;
    double rv = 0;
    switch (num_of(v, i, &iv, &rv)) {
    case NUM_INT:
        break;
    case NUM_REAL:
        if (!(rv > -9223372036854775808.0 && rv < 9223372036854775808.0))
            return false;
        iv = (int64_t)rv;
        break;
    default:
        return false;
    }
    if (iv < lo || iv > hi)
        return false;
    *out = iv;
    return true;
}

static int run_int_conv(fn_ctx *ctx, const hvec *v, hvec *out, htype t)
{
    int64_t lo = t == HT_INT ? INT32_MIN : INT64_MIN, hi = t == HT_INT ? INT32_MAX : INT64_MAX;
    vec_alloc(ctx->arena, out, t, out->n);
    for (uint32_t i = 0; i < out->n; i++)
        if (!int_of(v, i, lo, hi, &out->i[i]))
            out_null(ctx, out, i);
    return 0;
}

static htype ty_toint(fn_sig *sig)
{
    return ty_any(sig, HT_INT);
}
static int run_toint(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_int_conv(ctx, argv[0], out, HT_INT);
}
static htype ty_tolong(fn_sig *sig)
{
    return ty_any(sig, HT_LONG);
}
static int run_tolong(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_int_conv(ctx, argv[0], out, HT_LONG);
}

static htype ty_toreal(fn_sig *sig)
{
    return ty_any(sig, HT_REAL);
}
static int run_toreal(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int64_t iv = 0;
        double rv = 0;
        switch (num_of(argv[0], i, &iv, &rv)) {
        case NUM_INT:
            out->r[i] = (double)iv;
            break;
        case NUM_REAL:
            out->r[i] = rv;
            break;
        default:
            out_null(ctx, out, i);
            break;
        }
    }
    return 0;
}

/* ==== bool, guid, datetime, timespan ========================================================= */

static bool bool_text(hstr s, bool *out)
{
    while (s.n && (s.p[0] == ' ' || s.p[0] == '\t'))
        s.p++, s.n--;
    while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
        s.n--;
    if (s.n == 4 && strncasecmp(s.p, "true", 4) == 0)
        *out = true;
    else if (s.n == 5 && strncasecmp(s.p, "false", 5) == 0)
        *out = false;
    else
        return false;
    return true;
}

static htype ty_tobool(fn_sig *sig)
{
    return ty_any(sig, HT_BOOL);
}
static int run_tobool(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    const hvec *v = argv[0];
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        bool b = false, ok = false;
        int64_t iv = 0;
        double rv = 0;
        if (vec_is_null(v, i)) {
            ok = false;
        } else if (v->type == HT_STRING) {
            ok = bool_text(vec_s(v, i), &b);
        } else if (v->type == HT_DYNAMIC && arg_dyn(v, i) && dyn_tag(arg_dyn(v, i)) == DYN_STRING) {
            ok = bool_text(dyn_string(arg_dyn(v, i)), &b);
        } else {
            int k = num_of(v, i, &iv, &rv);
            ok = k != NUM_NONE && !(k == NUM_REAL && isnan(rv));
            b = k == NUM_INT ? iv != 0 : rv != 0;
        }
        if (ok)
            out->b[i] = b;
        else
            out_null(ctx, out, i);
    }
    return 0;
}

/* Parses a guid, also accepting 32 hex digits with dashes anywhere. */
static bool guid_text(hstr s, hguid *g)
{
    if (ht_parse_guid(s.p, s.n, g))
        return true;
    char hex[33];
    size_t k = 0;
    for (size_t j = 0; j < s.n; j++) {
        if (s.p[j] == '-')
            continue;
        if (k >= 32)
            return false;
        hex[k++] = s.p[j];
    }
    return k == 32 && ht_parse_guid(hex, 32, g);
}

static htype ty_toguid(fn_sig *sig)
{
    return ty_any(sig, HT_GUID);
}
static int run_toguid(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    const hvec *v = argv[0];
    vec_alloc(ctx->arena, out, HT_GUID, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        bool ok = false;
        if (vec_is_null(v, i)) {
            ok = false;
        } else if (v->type == HT_GUID) {
            out->g[i] = *vec_g(v, i);
            ok = true;
        } else if (v->type == HT_STRING) {
            ok = guid_text(vec_s(v, i), &out->g[i]);
        } else if (v->type == HT_DYNAMIC && arg_dyn(v, i)) {
            const uint8_t *d = arg_dyn(v, i);
            if (dyn_tag(d) == DYN_GUID) {
                out->g[i] = dyn_guid(d);
                ok = true;
            } else if (dyn_tag(d) == DYN_STRING) {
                ok = guid_text(dyn_string(d), &out->g[i]);
            }
        }
        if (!ok)
            out_null(ctx, out, i);
    }
    return 0;
}

/* Shared by todatetime and totimespan: same type passes, text is parsed. */
static int run_time_conv(fn_ctx *ctx, const hvec *v, hvec *out, htype t)
{
    int dtag = t == HT_DATETIME ? DYN_DATETIME : DYN_TIMESPAN;
    vec_alloc(ctx->arena, out, t, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        bool ok = false;
        hstr s = {NULL, 0};
        if (vec_is_null(v, i)) {
            ok = false;
        } else if (v->type == t) {
            out->i[i] = vec_i(v, i);
            ok = true;
        } else if (v->type == HT_STRING) {
            s = vec_s(v, i);
        } else if (v->type == HT_DYNAMIC && arg_dyn(v, i)) {
            const uint8_t *d = arg_dyn(v, i);
            if (dyn_tag(d) == dtag) {
                out->i[i] = dyn_long(d);
                ok = true;
            } else if (dyn_tag(d) == DYN_STRING) {
                s = dyn_string(d);
            }
        }
        if (s.p)
            ok = t == HT_DATETIME ? ht_parse_datetime(s.p, s.n, &out->i[i])
                                  : ht_parse_timespan(s.p, s.n, &out->i[i]);
        if (!ok)
            out_null(ctx, out, i);
    }
    return 0;
}

static htype ty_todatetime(fn_sig *sig)
{
    return ty_any(sig, HT_DATETIME);
}
static int run_todatetime(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_time_conv(ctx, argv[0], out, HT_DATETIME);
}
static htype ty_totimespan(fn_sig *sig)
{
    return ty_any(sig, HT_TIMESPAN);
}
static int run_totimespan(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_time_conv(ctx, argv[0], out, HT_TIMESPAN);
}

/* ==== tohex ================================================================================== */

static htype ty_tohex(fn_sig *sig)
{
    for (int i = 0; i < sig->argc; i++) {
        htype t = sig->argt[i];
        if (t == HT_REAL || t == HT_UNKNOWN)
            sig->cast[i] = HT_LONG;
        else if (t != HT_INT && t != HT_LONG)
            return fn_type_error(sig, "tohex(): expects an integer as argument %d, got %s", i + 1,
                                 ht_name(t));
    }
    return HT_STRING;
}
static int run_tohex(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    const hvec *v = argv[0];
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int64_t minlen = 0;
        out->s[i] = str_empty;
        if (vec_is_null(v, i))
            continue;
        if (argc > 1 && !vec_is_null(argv[1], i))
            minlen = vec_i(argv[1], i);
        uint64_t x = v->type == HT_INT ? (uint64_t)(uint32_t)vec_i(v, i) : (uint64_t)vec_i(v, i);
        char tmp[24];
        int n = snprintf(tmp, sizeof tmp, "%" PRIx64, x);
        if (minlen > 64)
            minlen = 64;
        int pad = minlen > n ? (int)minlen - n : 0;
        char *p = arena_alloc(ctx->arena, (size_t)(pad + n) + 1);
        memset(p, '0', (size_t)pad);
        memcpy(p + pad, tmp, (size_t)n);
        out->s[i] = (hstr){p, (uint32_t)(pad + n)};
    }
    return 0;
}

/* ==== null and emptiness tests =============================================================== */

/* True when row i is null; a dynamic JSON null counts as null. */
static bool is_null_row(const hvec *v, uint32_t i)
{
    if (v->type == HT_UNKNOWN || vec_is_null(v, i))
        return true;
    if (v->type == HT_DYNAMIC) {
        const uint8_t *d = arg_dyn(v, i);
        return !d || dyn_tag(d) == DYN_NULL;
    }
    return false;
}

static bool is_empty_row(const hvec *v, uint32_t i)
{
    if (v->type == HT_STRING)
        return vec_is_null(v, i) || vec_s(v, i).n == 0;
    if (v->type == HT_DYNAMIC && !is_null_row(v, i)) {
        const uint8_t *d = arg_dyn(v, i);
        return dyn_tag(d) == DYN_STRING && dyn_string(d).n == 0;
    }
    return is_null_row(v, i);
}

static htype ty_test(fn_sig *sig)
{
    return ty_any(sig, HT_BOOL);
}

static int run_test(fn_ctx *ctx, const hvec *v, hvec *out, bool empty, bool negate)
{
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        bool r = v->type == HT_STRING && !empty ? false
                 : empty                        ? is_empty_row(v, i)
                                                : is_null_row(v, i);
        out->b[i] = r != negate;
    }
    return 0;
}

static int run_isnull(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_test(ctx, argv[0], out, false, false);
}
static int run_isnotnull(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_test(ctx, argv[0], out, false, true);
}
static int run_isempty(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_test(ctx, argv[0], out, true, false);
}
static int run_isnotempty(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_test(ctx, argv[0], out, true, true);
}

/* ==== common type for iff / case / coalesce ================================================== */

static int num_rank(htype t)
{
    return t == HT_INT ? 1 : t == HT_LONG ? 2 : t == HT_REAL ? 3 : 0;
}

/* Finds the common type of the arguments whose index satisfies
 * (i >= first && (i - first) % step == 0) or i == extra, and sets casts. */
static htype unify(fn_sig *sig, const char *fname, int first, int step, int extra)
{
    htype common = HT_UNKNOWN;
    for (int i = 0; i < sig->argc; i++) {
        if (!((i >= first && (i - first) % step == 0) || i == extra))
            continue;
        htype t = sig->argt[i];
        if (t == HT_UNKNOWN || t == common)
            continue;
        if (common == HT_UNKNOWN)
            common = t;
        else if (num_rank(t) && num_rank(common))
            common = num_rank(t) > num_rank(common) ? t : common;
        else if (t == HT_DYNAMIC || common == HT_DYNAMIC)
            common = HT_DYNAMIC;
        else
            return fn_type_error(sig, "%s(): the values must have one type, got %s and %s", fname,
                                 ht_name(common), ht_name(t));
    }
    if (common == HT_UNKNOWN)
        common = HT_DYNAMIC; /* every value is a null literal */
    for (int i = 0; i < sig->argc && i < FN_MAX_ARGS; i++)
        if (((i >= first && (i - first) % step == 0) || i == extra) && sig->argt[i] != common)
            sig->cast[i] = common;
    return common;
}

static htype ty_iff(fn_sig *sig)
{
    if (sig->argc != 3)
        return fn_type_error(sig, "iff(): expects 3 arguments");
    if (!fn_want(sig, "iff", 0, 'b'))
        return HT_UNKNOWN;
    return unify(sig, "iff", 1, 1, -1);
}
static int run_iff(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, out->type, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        bool c = !vec_is_null(argv[0], i) && vec_b(argv[0], i);
        vec_copy_value(ctx->arena, out, i, c ? argv[1] : argv[2], i);
    }
    return 0;
}

static htype ty_case(fn_sig *sig)
{
    if (sig->argc < 3 || sig->argc % 2 == 0)
        return fn_type_error(sig, "case(): expects condition/value pairs and an else value");
    for (int i = 0; i + 1 < sig->argc; i += 2)
        if (!fn_want(sig, "case", i, 'b'))
            return HT_UNKNOWN;
    return unify(sig, "case", 1, 2, sig->argc - 1);
}
static int run_case(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, out->type, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        const hvec *pick = argv[argc - 1];
        for (int k = 0; k + 1 < argc; k += 2)
            if (!vec_is_null(argv[k], i) && vec_b(argv[k], i)) {
                pick = argv[k + 1];
                break;
            }
        vec_copy_value(ctx->arena, out, i, pick, i);
    }
    return 0;
}

static htype ty_coalesce(fn_sig *sig)
{
    if (sig->argc < 2)
        return fn_type_error(sig, "coalesce(): expects at least 2 arguments");
    return unify(sig, "coalesce", 0, 1, -1);
}
static int run_coalesce(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, out->type, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        const hvec *pick = argv[argc - 1];
        for (int k = 0; k < argc; k++)
            if (argv[k]->type == HT_STRING ? !is_empty_row(argv[k], i) : !is_null_row(argv[k], i)) {
                pick = argv[k];
                break;
            }
        if (pick->type == HT_UNKNOWN)
            out_null(ctx, out, i);
        else
            vec_copy_value(ctx->arena, out, i, pick, i);
        if (ht_is_str(out->type) && vec_is_null(out, i))
            out->s[i] = str_empty;
    }
    return 0;
}

/* ==== not, gettype =========================================================================== */

static htype ty_not(fn_sig *sig)
{
    if (sig->argc != 1 || !fn_want(sig, "not", 0, 'b'))
        return HT_UNKNOWN;
    return HT_BOOL;
}
static int run_not(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        if (vec_is_null(argv[0], i))
            out_null(ctx, out, i);
        else
            out->b[i] = !vec_b(argv[0], i);
    }
    return 0;
}

static const char *dyn_type_name(const uint8_t *d)
{
    if (!d)
        return "null";
    switch (dyn_tag(d)) {
    case DYN_FALSE:
    case DYN_TRUE:
        return "bool";
    case DYN_LONG: {
        int64_t v = dyn_long(d);
        return v >= INT32_MIN && v <= INT32_MAX ? "int" : "long";
    }
    case DYN_REAL:
        return "real";
    case DYN_STRING:
        return "string";
    case DYN_DATETIME:
        return "datetime";
    case DYN_TIMESPAN:
        return "timespan";
    case DYN_GUID:
        return "guid";
    case DYN_ARRAY:
        return "array";
    case DYN_OBJECT:
        return "dictionary";
    default:
        return "null";
    }
}

static htype ty_gettype(fn_sig *sig)
{
    return ty_any(sig, HT_STRING);
}
static int run_gettype(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    const hvec *v = argv[0];
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        const char *name = v->type == HT_DYNAMIC   ? dyn_type_name(arg_dyn(v, i))
                           : v->type == HT_UNKNOWN ? "null"
                                                   : ht_name(v->type);
        out->s[i] = (hstr){name, (uint32_t)strlen(name)};
    }
    return 0;
}

/* ==== the table ============================================================================== */

#define F(name, lo, hi, ty, run)                                                                   \
    {                                                                                              \
        name, lo, hi, ty, run, NULL, 0                                                             \
    }

const fn_def fn_conv_defs[] = {
    F("tostring", 1, 1, ty_tostring, run_tostring),
    F("toint", 1, 1, ty_toint, run_toint),
    F("tolong", 1, 1, ty_tolong, run_tolong),
    F("toreal", 1, 1, ty_toreal, run_toreal),
    F("todouble", 1, 1, ty_toreal, run_toreal),
    F("todecimal", 1, 1, ty_toreal, run_toreal),
    F("tobool", 1, 1, ty_tobool, run_tobool),
    F("toboolean", 1, 1, ty_tobool, run_tobool),
    F("toguid", 1, 1, ty_toguid, run_toguid),
    F("todatetime", 1, 1, ty_todatetime, run_todatetime),
    F("totimespan", 1, 1, ty_totimespan, run_totimespan),
    F("tohex", 1, 2, ty_tohex, run_tohex),
    F("isnull", 1, 1, ty_test, run_isnull),
    F("isnotnull", 1, 1, ty_test, run_isnotnull),
    F("isempty", 1, 1, ty_test, run_isempty),
    F("isnotempty", 1, 1, ty_test, run_isnotempty),
    F("notnull", 1, 1, ty_test, run_isnotnull),   /* deprecated alias (KQL reference) */
    F("notempty", 1, 1, ty_test, run_isnotempty), /* deprecated alias (KQL reference) */
    F("coalesce", 2, 64, ty_coalesce, run_coalesce),
    F("iff", 3, 3, ty_iff, run_iff),
    F("iif", 3, 3, ty_iff, run_iff),
    F("case", 3, FN_MAX_ARGS - 1, ty_case, run_case),
    F("not", 1, 1, ty_not, run_not),
    F("gettype", 1, 1, ty_gettype, run_gettype),
    {NULL},
};
