/* engine/fn_registry.c — the scalar function registry and the type-check helpers.
 *
 * fn_lookup finds a function by its exact KQL name across every family table
 * declared in fn.h. The first call builds an open-addressing hash index over
 * all tables (under pthread_once, so concurrent queries may look up at once);
 * later calls only read it. The index lives for the life of the process.
 *
 * Every family table is referenced strongly, on purpose. Weak empty stand-in
 * tables were tried first (so a missing family file would not break the
 * link), but a static archive member is never extracted just to override a
 * weak definition: the hunt binary, linked with libhunt.a, then saw only the
 * empty stand-ins and knew no function at all. A missing family file is
 * therefore a link error, which is loud, rather than silently missing
 * functions.
 *
 * The helpers (fn_type_error, fn_want, fn_const_*) are what type checks use
 * to refuse arguments with a readable message and to request casts.
 */
#include "fn.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* --- index ---------------------------------------------------------------- */

#define REG_SLOTS 4096 /* power of two, well above the number of KQL functions */

static const fn_def *reg_slot[REG_SLOTS];
static pthread_once_t reg_once = PTHREAD_ONCE_INIT;

/* FNV-1a over the name bytes. */
static uint32_t reg_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

static bool reg_name_is(const fn_def *d, const char *name, size_t n)
{
    return strncmp(d->name, name, n) == 0 && d->name[n] == '\0';
}

/* Inserts d unless a function of that name is already indexed (the first
 * table listed wins, so a duplicate name is never ambiguous). */
static void reg_insert(const fn_def *d)
{
    size_t n = strlen(d->name);
    uint32_t i = reg_hash(d->name, n) & (REG_SLOTS - 1);
    while (reg_slot[i]) {
        if (reg_name_is(reg_slot[i], d->name, n))
            return;
        i = (i + 1) & (REG_SLOTS - 1);
    }
    reg_slot[i] = d;
}

static void reg_build(void)
{
    const fn_def *const tables[] = {
        fn_string_defs,    fn_math_defs, fn_datetime_defs, fn_conv_defs, fn_dynamic_defs,
        fn_ip_defs,        fn_hash_defs, fn_series_defs,   fn_misc_defs, fn_geo_defs,
        fn_useragent_defs, fn_guid_defs, fn_xml_defs,
    };
    size_t count = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        for (const fn_def *d = tables[t]; d->name; d++) {
            if (count + 1 >= REG_SLOTS) /* keep one slot free: lookups end */
                return;
            reg_insert(d);
            count++;
        }
    }
}

const fn_def *fn_lookup(const char *name, size_t n)
{
    if (!name)
        return NULL;
    pthread_once(&reg_once, reg_build);
    uint32_t i = reg_hash(name, n) & (REG_SLOTS - 1);
    while (reg_slot[i]) {
        if (reg_name_is(reg_slot[i], name, n))
            return reg_slot[i];
        i = (i + 1) & (REG_SLOTS - 1);
    }
    return NULL;
}

/* --- type-check helpers ----------------------------------------------------- */

htype fn_type_error(fn_sig *sig, const char *fmt, ...)
{
    if (sig && sig->err && sig->errcap > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(sig->err, sig->errcap, fmt, ap);
        va_end(ap);
    }
    return HT_UNKNOWN;
}

static const char *want_ordinal(int i)
{
    static const char *const names[] = {
        "first", "second",  "third",  "fourth", "fifth",
        "sixth", "seventh", "eighth", "ninth",  "tenth",
    };
    return i >= 0 && i < 10 ? names[i] : "nth";
}

static const char *want_kind_name(char kind)
{
    switch (kind) {
    case 'n':
        return "number (int, long or real)";
    case 's':
        return "string";
    case 'S':
        return "string or dynamic";
    case 'd':
        return "datetime";
    case 't':
        return "timespan";
    case 'l':
        return "long";
    case 'r':
        return "real";
    case 'b':
        return "bool";
    case 'y':
        return "dynamic";
    case 'g':
        return "guid";
    default:
        return "value";
    }
}

/* The cast that turns an untyped null into the wanted kind. */
static htype want_null_type(char kind)
{
    switch (kind) {
    case 'n':
        return HT_LONG;
    case 's':
    case 'S':
        return HT_STRING;
    case 'd':
        return HT_DATETIME;
    case 't':
        return HT_TIMESPAN;
    case 'l':
        return HT_LONG;
    case 'r':
        return HT_REAL;
    case 'b':
        return HT_BOOL;
    case 'y':
        return HT_DYNAMIC;
    case 'g':
        return HT_GUID;
    default:
        return HT_UNKNOWN;
    }
}

/* Decides whether type t fits kind; *cast receives the conversion to ask for. */
static bool want_fits(htype t, char kind, htype *cast)
{
    *cast = HT_UNKNOWN;
    if (kind == '*')
        return true;
    if (t == HT_UNKNOWN) {
        *cast = want_null_type(kind);
        return *cast != HT_UNKNOWN;
    }
    switch (kind) {
    case 'n':
        return ht_is_numeric(t);
    case 's':
        if (t == HT_DYNAMIC)
            *cast = HT_STRING;
        return t == HT_STRING || t == HT_DYNAMIC;
    case 'S':
        return t == HT_STRING || t == HT_DYNAMIC;
    case 'd':
        return t == HT_DATETIME;
    case 't':
        return t == HT_TIMESPAN;
    case 'l':
        if (t == HT_INT)
            *cast = HT_LONG;
        return t == HT_INT || t == HT_LONG;
    case 'r':
        if (t == HT_INT || t == HT_LONG)
            *cast = HT_REAL;
        return ht_is_numeric(t);
    case 'b':
        return t == HT_BOOL;
    case 'y':
        if (t != HT_DYNAMIC)
            *cast = HT_DYNAMIC;
        return true;
    case 'g':
        return t == HT_GUID;
    default:
        return false;
    }
}

bool fn_want(fn_sig *sig, const char *fname, int i, char kind)
{
    if (!sig || i < 0 || i >= sig->argc || i >= FN_MAX_ARGS) {
        if (sig)
            fn_type_error(sig, "%s(): missing %s argument", fname ? fname : "?", want_ordinal(i));
        return false;
    }
    htype t = sig->argt[i];
    htype cast;
    if (!want_fits(t, kind, &cast)) {
        fn_type_error(sig, "%s(): expects a %s as its %s argument, got %s", fname ? fname : "?",
                      want_kind_name(kind), want_ordinal(i), ht_name(t));
        return false;
    }
    if (cast != HT_UNKNOWN)
        sig->cast[i] = cast;
    return true;
}

/* The constant vector of argument i when it is a non-null constant. */
static const hvec *const_arg(const fn_sig *sig, int i)
{
    if (!sig || !sig->constv || i < 0 || i >= sig->argc)
        return NULL;
    const hvec *v = sig->constv[i];
    if (!v || vec_is_null(v, 0))
        return NULL;
    return v;
}

bool fn_const_str(const fn_sig *sig, int i, hstr *out)
{
    const hvec *v = const_arg(sig, i);
    if (!v || v->type != HT_STRING)
        return false;
    *out = vec_s(v, 0);
    return true;
}

bool fn_const_long(const fn_sig *sig, int i, int64_t *out)
{
    const hvec *v = const_arg(sig, i);
    if (!v || (v->type != HT_INT && v->type != HT_LONG))
        return false;
    *out = vec_i(v, 0);
    return true;
}
