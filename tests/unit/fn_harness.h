/* tests/unit/fn_harness.h — the harness of the function library's unit tests
 * (test_fn_*.c): argument vectors, a call bound and run as the engine would,
 * and the result as text. Checks count through check.h.
 *
 * Arguments are one-row vectors: v_str("x"), v_long(1), v_dyn("[1]"), ...
 * (S, L, I, R, B, DT, TS, NUL for short), or a 3-row column (col3). A
 * vector is a column unless made constant with K(); constant arguments are
 * handed to the type check as constants, as the binder does with literals.
 *
 * fh_run binds name(args) through fn_lookup(...)->type, performs the casts
 * the type check asks for (a small stand-in for the engine's casts), and runs
 * the kernel over as many rows as the longest column (now() is fh_now). The
 * tests compare the result as text in one of three forms:
 *   FN_TEXT(want, "name", args...)      constant arguments; row 0 as text
 *                                       ("null", dynamic as compact JSON),
 *                                       "<error>" for a refused call;
 *   FN_TYPED(want, "name", args...)     "type:v1,v2,..." over all rows, reals
 *                                       as %.17g compared with a relative
 *                                       tolerance of 1e-13; "error" for a
 *                                       refused call;
 *   FN_SPEC(want, "name", "T:text"...)  arguments written "T:text" (y dynamic
 *                                       JSON, s string, l long, i int, r real,
 *                                       b bool, d datetime, t timespan; "T!" a
 *                                       null of type T), constant, and no cast
 *                                       allowed; null prints as "<null>",
 *                                       errors as "<type error: ...>" etc.
 * Each test file names the form it uses T.
 */
#ifndef TEST_FN_HARNESS_H
#define TEST_FN_HARNESS_H

#include "check.h"
#include "engine/fn.h"
#include "tables/dyn.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static harena A;       /* every vector of a test; arena_init in main */
static int64_t fh_now; /* now() of the calls, datetime ticks */

/* --- argument vectors ------------------------------------------------------------- */

/* v as a one-row column / as a constant. */
static inline hvec v_col(hvec v)
{
    v.cmask = ~0u;
    return v;
}
static inline hvec K(hvec v)
{
    v.cmask = 0;
    return v;
}

static inline hvec v_str(const char *s)
{
    hvec v;
    vec_const(&A, &v, HT_STRING, 1);
    v.s[0] = (hstr){arena_strndup(&A, s, strlen(s)), (uint32_t)strlen(s)};
    return v_col(v);
}
static inline hvec v_long(int64_t x)
{
    hvec v;
    vec_const(&A, &v, HT_LONG, 1);
    v.i[0] = x;
    return v_col(v);
}
static inline hvec v_int(int64_t x)
{
    hvec v = v_long(x);
    v.type = HT_INT;
    return v;
}
static inline hvec v_real(double x)
{
    hvec v;
    vec_const(&A, &v, HT_REAL, 1);
    v.r[0] = x;
    return v_col(v);
}
static inline hvec v_bool(bool b)
{
    hvec v;
    vec_const(&A, &v, HT_BOOL, 1);
    v.b[0] = b;
    return v_col(v);
}
static inline hvec v_null(htype t)
{
    hvec v;
    vec_const_null(&A, &v, t, 1);
    return v_col(v);
}
static inline hvec v_ts(int64_t ticks)
{
    hvec v = v_long(ticks);
    v.type = HT_TIMESPAN;
    return v;
}
static inline hvec v_timespan(const char *s)
{
    hvec v = v_ts(0);
    if (!ht_parse_timespan(s, strlen(s), &v.i[0]))
        fprintf(stderr, "bad timespan literal %s\n", s);
    return v;
}
static inline hvec v_dt(const char *s)
{
    hvec v = v_long(0);
    v.type = HT_DATETIME;
    if (!ht_parse_datetime(s, strlen(s), &v.i[0]))
        fprintf(stderr, "bad datetime literal %s\n", s);
    return v;
}
static inline hvec v_guid(const char *s)
{
    hvec v;
    vec_const(&A, &v, HT_GUID, 1);
    ht_parse_guid(s, strlen(s), &v.g[0]);
    return v_col(v);
}
/* A dynamic value from JSON; text that is not JSON reads as a dynamic
 * string when or_string is set (v_spec's "y:"), else as null (v_dyn). */
static inline hvec fh_dyn(const char *json, size_t n, bool or_string)
{
    hvec v;
    dbuf b = {0};
    vec_const(&A, &v, HT_DYNAMIC, 1);
    if (!dyn_from_json(json, n, &b, NULL, 0)) {
        if (or_string)
            dyn_put_string(&b, json, n);
        else
            dyn_put_null(&b);
    }
    char *p = arena_alloc(&A, b.n);
    memcpy(p, b.p, b.n);
    v.s[0] = (hstr){p, (uint32_t)b.n};
    dbuf_free(&b);
    return v_col(v);
}
static inline hvec v_dyn(const char *json)
{
    return fh_dyn(json, strlen(json), false);
}

/* A 3-row column of an int64 type; a value of INT64_MIN stands for null. */
static inline hvec col3(htype t, int64_t a, int64_t b, int64_t c)
{
    hvec v;
    int64_t x[3] = {a, b, c};
    vec_alloc(&A, &v, t, 3);
    for (uint32_t i = 0; i < 3; i++) {
        v.i[i] = x[i] == INT64_MIN ? 0 : x[i];
        if (x[i] == INT64_MIN)
            vec_set_null(&A, &v, i);
    }
    return v;
}

/* A constant from "T:text" (see the top of the file). */
static inline hvec v_spec(const char *spec)
{
    const char *x = spec + 2;
    htype t;
    switch (spec[0]) {
    case 'y':
        t = HT_DYNAMIC;
        break;
    case 's':
        t = HT_STRING;
        break;
    case 'l':
        t = HT_LONG;
        break;
    case 'i':
        t = HT_INT;
        break;
    case 'r':
        t = HT_REAL;
        break;
    case 'b':
        t = HT_BOOL;
        break;
    case 'd':
        t = HT_DATETIME;
        break;
    case 't':
        t = HT_TIMESPAN;
        break;
    default:
        t = HT_UNKNOWN;
        break;
    }
    if (spec[1] == '!')
        return K(v_null(t));
    switch (t) {
    case HT_DYNAMIC:
        return K(fh_dyn(x, strlen(x), true));
    case HT_STRING:
        return K(v_str(x));
    case HT_LONG:
        return K(v_long(strtoll(x, NULL, 10)));
    case HT_INT:
        return K(v_int(strtoll(x, NULL, 10)));
    case HT_REAL:
        return K(v_real(strtod(x, NULL)));
    case HT_BOOL:
        return K(v_bool(strcmp(x, "true") == 0));
    case HT_DATETIME:
        return K(v_dt(x));
    case HT_TIMESPAN:
        return K(v_timespan(x));
    default:
        return K(v_null(t));
    }
}

#define S(x) v_str(x)
#define L(x) v_long(x)
#define I(x) v_int(x)
#define R(x) v_real(x)
#define B(x) v_bool(x)
#define DT(s) v_dt(s)
#define TS(s) v_timespan(s)
#define NUL(t) v_null(t)

/* --- binding and running ------------------------------------------------------------ */

/* The fn_sig the binder would build for f. */
static inline fn_sig fh_sig(const fn_def *f, int argc, const htype *argt, const hvec *const *constv,
                            char *err, size_t errcap)
{
    fn_sig sig = {argc, argt, constv, {HT_UNKNOWN}, err, errcap, f->name};
    return sig;
}

/* Runs a kernel on one argument (a cast done with a conversion function). */
static inline int fh_run1(const char *name, const hvec *in, hvec *out, htype t)
{
    const fn_def *f = fn_lookup(name, strlen(name));
    void *st = NULL;
    char err[256] = "";
    fn_ctx ctx = {&A, &st, 0, err, sizeof err};
    const hvec *argv[1] = {in};
    out->type = t, out->n = in->n, out->cmask = ~0u, out->null = NULL;
    int rc = f ? f->run(&ctx, 1, argv, out) : -1;
    if (f && f->free_state && st)
        f->free_state(st);
    return rc;
}

/* A stand-in for the engine's casts: v converted to type t. */
static inline hvec fh_cast(const hvec *v, htype t)
{
    hvec o = *v;
    if (v->type == t)
        return o;
    if (v->type == HT_UNKNOWN)
        return K(v_null(t));
    if ((v->type == HT_INT || v->type == HT_LONG) && (t == HT_INT || t == HT_LONG)) {
        o.type = t;
        return o;
    }
    if (t == HT_DYNAMIC) {
        dbuf b = {0};
        if (vec_is_null(v, 0))
            dyn_put_null(&b);
        else if (v->type == HT_STRING)
            dyn_put_string(&b, v->s[0].p, v->s[0].n);
        else if (v->type == HT_REAL)
            dyn_put_real(&b, v->r[0]);
        else
            dyn_put_long(&b, v->i[0]);
        vec_const(&A, &o, HT_DYNAMIC, 1);
        char *p = arena_alloc(&A, b.n);
        memcpy(p, b.p, b.n);
        o.s[0] = (hstr){p, (uint32_t)b.n};
        dbuf_free(&b);
        return o;
    }
    const char *fn = t == HT_STRING ? "tostring"
                     : t == HT_LONG ? "tolong"
                     : t == HT_INT  ? "toint"
                     : t == HT_REAL ? "toreal"
                     : t == HT_BOOL ? "tobool"
                                    : "tostring";
    if (fh_run1(fn, v, &o, t) < 0)
        return K(v_null(t));
    o.cmask = v->cmask;
    return o;
}

enum { FH_OK, FH_NO_FUNCTION, FH_ARITY, FH_TYPE_ERROR, FH_CAST_NEEDED, FH_RUN_ERROR };

typedef struct fh_result {
    int status;    /* FH_OK or where the call failed */
    int cast_arg;  /* FH_CAST_NEEDED: the argument that wanted a cast */
    hvec out;      /* FH_OK: the result */
    char err[300]; /* the type check's or kernel's message */
} fh_result;

/* Binds and runs name(args); with cast false, a cast the type check asks for
 * is a failure instead. */
static inline fh_result fh_run(const char *name, int argc, const hvec *args, bool cast)
{
    fh_result r;
    memset(&r, 0, sizeof r);
    const fn_def *f = fn_lookup(name, strlen(name));
    if (!f) {
        r.status = FH_NO_FUNCTION;
        return r;
    }
    if (argc < f->min_args || argc > f->max_args) {
        r.status = FH_ARITY;
        return r;
    }
    htype argt[FN_MAX_ARGS];
    const hvec *constv[FN_MAX_ARGS];
    uint32_t n = 1;
    for (int i = 0; i < argc; i++) {
        argt[i] = args[i].type;
        constv[i] = args[i].cmask == 0 ? &args[i] : NULL;
        if (args[i].cmask && args[i].n > n)
            n = args[i].n;
    }
    fn_sig sig = fh_sig(f, argc, argt, constv, r.err, sizeof r.err);
    htype rt = f->type(&sig);
    if (rt == HT_UNKNOWN) {
        r.status = FH_TYPE_ERROR;
        return r;
    }
    hvec cv[FN_MAX_ARGS];
    const hvec *argv[FN_MAX_ARGS];
    for (int i = 0; i < argc; i++) {
        cv[i] = args[i];
        if (sig.cast[i] != HT_UNKNOWN && sig.cast[i] != args[i].type) {
            if (!cast) {
                r.status = FH_CAST_NEEDED;
                r.cast_arg = i;
                return r;
            }
            cv[i] = fh_cast(&args[i], sig.cast[i]);
        }
        argv[i] = &cv[i];
    }
    void *st = NULL;
    fn_ctx ctx = {&A, &st, fh_now, r.err, sizeof r.err};
    r.out.type = rt, r.out.n = n, r.out.cmask = ~0u, r.out.null = NULL;
    if (f->run(&ctx, argc, argv, &r.out) != 0)
        r.status = FH_RUN_ERROR;
    if (f->free_state && st)
        f->free_state(st);
    return r;
}

/* --- results as text ---------------------------------------------------------------- */

/* Row i of v as text into buf: null_text for a null (strings are never
 * null), dynamic as compact JSON, reals as KQL prints them or, with
 * exact_reals, as %.17g. */
static inline const char *fh_text(const hvec *v, uint32_t i, const char *null_text,
                                  bool exact_reals, char *buf, size_t cap)
{
    char tmp[64];
    if (v->type != HT_STRING && vec_is_null(v, i)) {
        snprintf(buf, cap, "%s", null_text);
        return buf;
    }
    switch (v->type) {
    case HT_STRING:
        snprintf(buf, cap, "%.*s", (int)vec_s(v, i).n, vec_s(v, i).p);
        break;
    case HT_DYNAMIC: {
        dbuf b = {0};
        dyn_to_json((const uint8_t *)vec_s(v, i).p, &b);
        snprintf(buf, cap, "%.*s", (int)b.n, (const char *)b.p);
        dbuf_free(&b);
        break;
    }
    case HT_BOOL:
        snprintf(buf, cap, "%s", vec_b(v, i) ? "true" : "false");
        break;
    case HT_INT:
    case HT_LONG:
        snprintf(buf, cap, "%" PRId64, vec_i(v, i));
        break;
    case HT_REAL:
        if (exact_reals)
            snprintf(buf, cap, "%.17g", vec_r(v, i));
        else
            ht_format_real(vec_r(v, i), tmp), snprintf(buf, cap, "%s", tmp);
        break;
    case HT_GUID:
        ht_format_guid(vec_g(v, i), tmp);
        snprintf(buf, cap, "%s", tmp);
        break;
    case HT_DATETIME:
        ht_format_datetime(vec_i(v, i), tmp);
        snprintf(buf, cap, "%s", tmp);
        break;
    case HT_TIMESPAN:
        ht_format_timespan(vec_i(v, i), tmp);
        snprintf(buf, cap, "%s", tmp);
        break;
    default:
        snprintf(buf, cap, "<type %s>", ht_name(v->type));
        break;
    }
    return buf;
}

/* --- checks --------------------------------------------------------------------------- */

/* Counts a check that text got equals want. */
static inline void check_at(const char *file, int line, const char *what, const char *got,
                            const char *want)
{
    if (strcmp(got, want) == 0)
        npass++;
    else
        check_fail(file, line, "%s: expected [%s], got [%s]", what, want, got);
}

/* FN_TEXT: the text of name(args), all arguments constant. */
static inline void fh_check_text(const char *file, int line, const char *want, const char *name,
                                 int argc, hvec *args)
{
    static char buf[1 << 16];
    char nofn[200];
    for (int i = 0; i < argc; i++)
        args[i] = K(args[i]);
    fh_result r = fh_run(name, argc, args, true);
    const char *err = r.err;
    switch (r.status) {
    case FH_NO_FUNCTION:
        snprintf(nofn, sizeof nofn, "no function %s", name);
        err = nofn;
        break;
    case FH_ARITY:
        err = "bad arity";
        break;
    case FH_TYPE_ERROR:
        err = r.err[0] ? r.err : "type error";
        break;
    case FH_RUN_ERROR:
        err = r.err[0] ? r.err : "runtime error";
        break;
    default:
        break;
    }
    const char *got = err[0] ? "<error>" : fh_text(&r.out, 0, "null", false, buf, sizeof buf);
    check_at(file, line, name, got, want);
    if (err[0] && strcmp(want, "<error>") != 0)
        printf("    (%s)\n", err);
}

#define FN_NARGS(...) ((int)(sizeof((hvec[]){__VA_ARGS__}) / sizeof(hvec)))
#define FN_TEXT(want, name, ...)                                                                   \
    fh_check_text(__FILE__, __LINE__, want, name, FN_NARGS(__VA_ARGS__), (hvec[]){__VA_ARGS__})

/* FN_TYPED: "type:v1,v2,..." of name(args), or "error" etc. */
static inline const char *fh_typed(const char *name, int argc, const hvec *args)
{
    static char res[1 << 16];
    fh_result r = fh_run(name, argc, args, true);
    switch (r.status) {
    case FH_NO_FUNCTION:
        return "nofunction";
    case FH_ARITY:
        return "error";
    case FH_TYPE_ERROR:
        return r.err[0] ? "error" : "error-without-message";
    case FH_RUN_ERROR:
        return "runtime-error";
    default:
        break;
    }
    size_t len = (size_t)snprintf(res, sizeof res, "%s:", ht_name(r.out.type));
    for (uint32_t i = 0; i < r.out.n && len < sizeof res; i++) {
        char one[512];
        fh_text(&r.out, i, "null", true, one, sizeof one);
        len += (size_t)snprintf(res + len, sizeof res - len, "%s%s", i ? "," : "", one);
    }
    return res;
}

/* Compares "real:x" texts numerically (relative 1e-13), the rest exactly. */
static inline void check_typed(const char *file, int line, const char *want, const char *got)
{
    bool same = strcmp(want, got) == 0;
    if (strncmp(want, "real:", 5) == 0 && strncmp(got, "real:", 5) == 0 &&
        strcmp(want + 5, "null") && strcmp(got + 5, "null")) {
        double w = strtod(want + 5, NULL), g = strtod(got + 5, NULL);
        if (isnan(w) || isnan(g))
            same = isnan(w) && isnan(g);
        else if (isinf(w) || isinf(g))
            same = w == g;
        else
            same = fabs(w - g) <= 1e-13 * fmax(1.0, fabs(w));
    }
    if (same)
        npass++;
    else
        check_fail(file, line, "expected %s, got %s", want, got);
}

#define FN_TYPED(want, name, ...)                                                                  \
    check_typed(__FILE__, __LINE__, want,                                                          \
                fh_typed(name, FN_NARGS(__VA_ARGS__), (hvec[]){__VA_ARGS__}))
#define FN_TYPED0(want, name) check_typed(__FILE__, __LINE__, want, fh_typed(name, 0, NULL))

/* FN_SPEC / FN_CALL_SPEC: the text of name("T:text"...), or "<null>",
 * "<type error: ...>", "<cast N needed>" and the like. */
static inline const char *fh_spec_call(const char *name, int argc, const char *const *specs)
{
    static char res[1 << 16];
    hvec args[FN_MAX_ARGS];
    for (int i = 0; i < argc && i < FN_MAX_ARGS; i++)
        args[i] = v_spec(specs[i]);
    fh_result r = fh_run(name, argc, args, false);
    switch (r.status) {
    case FH_NO_FUNCTION:
        snprintf(res, sizeof res, "<no function %s>", name);
        break;
    case FH_ARITY:
        snprintf(res, sizeof res, "<arg count>");
        break;
    case FH_TYPE_ERROR:
        snprintf(res, sizeof res, "<type error: %s>", r.err);
        break;
    case FH_CAST_NEEDED:
        snprintf(res, sizeof res, "<cast %d needed>", r.cast_arg);
        break;
    case FH_RUN_ERROR:
        snprintf(res, sizeof res, "<runtime error: %s>", r.err);
        break;
    default:
        fh_text(&r.out, 0, "<null>", false, res, sizeof res);
        break;
    }
    return res;
}

#define FN_CALL_SPEC(name, ...)                                                                    \
    fh_spec_call(name, (int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)),        \
                 (const char *[]){__VA_ARGS__})
#define FN_SPEC(want, name, ...)                                                                   \
    check_at(__FILE__, __LINE__, name, FN_CALL_SPEC(name, __VA_ARGS__), want)

#endif
