/* engine/fn.h — the scalar function library: how a KQL function is declared,
 * type-checked and run over a batch.
 *
 * Each family file (fn_string.c, fn_math.c, fn_datetime.c, ...) defines a
 * table of fn_def entries ending with an entry whose name is NULL, and the
 * registry (fn_registry.c) looks names up across all tables.
 *
 * Binding: the binder calls def->type once per call site with the argument
 * types (and the values of constant arguments) and the function's name, so
 * one type check can serve several functions. It returns the result type,
 * or HT_UNKNOWN after writing a message into sig->err ("… expects a string
 * as its first argument"). A type check may also ask the binder to convert
 * an argument before the call by setting sig->cast[i] (e.g. int -> real).
 *
 * Running: def->run is called once per batch with the argument vectors and an
 * output vector whose type and n are set; the kernel allocates out's array
 * (vec_alloc with ctx->arena) and fills all n rows. Arguments may be constant
 * vectors (read with vec_i(v, i) etc.). When every argument is constant the
 * engine calls the kernel with n = 1 and treats the result as a constant.
 * A kernel returns 0, or -1 after writing a message into ctx->err for a
 * runtime error that must stop the query (rare: KQL mostly yields null).
 *
 * Per call-site state (a compiled regex, a parsed constant) lives in
 * *ctx->state: NULL on the first batch, kept by the engine between batches,
 * released with def->free_state when the query ends.
 */
#ifndef HUNT_FN_H
#define HUNT_FN_H

#include "vec.h"

#define FN_MAX_ARGS 256 /* Kusto.Language lets case() and pack_array() repeat more */

typedef struct fn_sig {
    int argc;
    const htype *argt;         /* argument types */
    const hvec *const *constv; /* constv[i]: value of a constant argument, else NULL */
    htype cast[FN_MAX_ARGS];   /* set by the type check: convert argument i to this
                                  type before calling (HT_UNKNOWN = leave it) */
    char *err;                 /* message buffer for a type error */
    size_t errcap;
    const char *name; /* the function's KQL name, for messages */
} fn_sig;

typedef struct fn_ctx {
    harena *arena; /* output memory, dropped after the batch is consumed */
    void **state;  /* per call-site cache, see above */
    int64_t now;   /* now() of this query, datetime ticks */
    char *err;     /* message buffer for a runtime error */
    size_t errcap;
} fn_ctx;

typedef htype (*fn_type_fn)(fn_sig *sig);
typedef int (*fn_run_fn)(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out);

enum {
    FN_VOLATILE = 1, /* result differs per call even with constant args (rand) */
};

typedef struct fn_def {
    const char *name; /* KQL name, exact case */
    int min_args, max_args;
    fn_type_fn type;
    fn_run_fn run;
    void (*free_state)(void *state); /* may be NULL */
    unsigned flags;
} fn_def;

/* Finds a function by name; NULL when none. */
const fn_def *fn_lookup(const char *name, size_t n);

/* Family tables, each ending with {NULL}. */
extern const fn_def fn_string_defs[];
extern const fn_def fn_math_defs[];
extern const fn_def fn_datetime_defs[];
extern const fn_def fn_conv_defs[];
extern const fn_def fn_dynamic_defs[];
extern const fn_def fn_ip_defs[];
extern const fn_def fn_hash_defs[];
extern const fn_def fn_series_defs[];
extern const fn_def fn_misc_defs[];
extern const fn_def fn_geo_defs[];
/* `matches regex` whose pattern depends on the row (fn_string.c). */
extern const fn_def fn_matches_regex_rows;
extern const fn_def fn_useragent_defs[];
extern const fn_def fn_guid_defs[]; /* fn_guid.c */
extern const fn_def fn_xml_defs[];  /* fn_xml.c */

/* pack_all(true)'s filter: drops null and "" properties of a bag (fn_dynamic.c);
 * bound by the binder only. */
extern const fn_def fn_bag_drop_empty_def;

/* --- helpers for type checks (fn_registry.c) ------------------------------ */

/* Writes "NAME(): MESSAGE" style text into sig->err; returns HT_UNKNOWN. */
htype fn_type_error(fn_sig *sig, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Checks sig->argt[i] against a wanted kind and, for numbers, sets the cast:
 *   'n' numeric (int/long/real; bool is refused), 's' string (dynamic is
 *   cast to string), 'S' string exactly or dynamic (left as is),
 *   'd' datetime, 't' timespan, 'l' long (int cast to long; real refused),
 *   'r' real (int/long cast to real), 'b' bool, 'y' dynamic (any cast to dynamic),
 *   'g' guid, '*' anything.
 * Returns false (with sig->err written) when the argument does not fit. */
bool fn_want(fn_sig *sig, const char *fname, int i, char kind);

/* The constant argument i as a string/long, when it is a non-null constant. */
bool fn_const_str(const fn_sig *sig, int i, hstr *out);
bool fn_const_long(const fn_sig *sig, int i, int64_t *out);

#endif
