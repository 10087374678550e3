/* engine/exec_range.c — the range operator:
 *
 *   range x from A to B step S    x = A, A + S, A + 2S, ... while not past B
 *
 * A, B and S are scalar expressions without a row, each evaluated once.
 * Constant ones (literals, lets, folded arithmetic) are evaluated by the
 * binder, which builds the rows right away (a table the query owns) and
 * refuses a range over RANGE_MAX rows before anything runs. A bound that reads
 * a sub-query (toscalar(...), or a let bound to one) is evaluated when the
 * operator is first pulled, since the whole query is bound before any part of
 * it runs (and `--check` runs nothing); the rows are then generated a batch at
 * a time. A bound that varies with a row (a parameter of a function called
 * with a column) is refused: range has no row to take it from.
 *
 * The column is a long (int widens to long), a real when any bound is real,
 * else the type of A: a datetime or timespan range goes to a value of A's
 * type by a timespan step. A null bound is an error; a zero step gives no
 * rows. The output is ordered (serialized), as the docs say.
 */
#include "engine.h"
#include "vec.h"

#include <math.h>
#include <string.h>

#define RANGE_MAX 100000000 /* rows range generates at most */

/* The rows of one range: x_k = from + k * step for k < count. */
typedef struct range_spec {
    htype t;
    int64_t ifrom, istep;
    double rfrom, rstep;
    uint64_t count;
} range_spec;

typedef struct range_st {
    bexpr *bound[3]; /* from, to, step: cast to the types the rows need */
    range_spec spec;
    uint64_t emitted;
    bool ready;   /* spec computed */
    int off, len; /* the range, for errors */
} range_st;

static const char *const bound_names[3] = {"from", "to", "step"};

/* --- counting and generating ----------------------------------------------------------- */

/* Rows of an integral range (long, datetime, timespan): exact, no overflow. */
static uint64_t count_int(int64_t a, int64_t b, int64_t st)
{
    if (st == 0 || (st > 0 && b < a) || (st < 0 && b > a))
        return 0;
    uint64_t diff = st > 0 ? (uint64_t)b - (uint64_t)a : (uint64_t)a - (uint64_t)b;
    uint64_t mag = st > 0 ? (uint64_t)st : (uint64_t)0 - (uint64_t)st;
    return diff / mag + 1;
}

static bool past_end(double v, double b, double st)
{
    return st > 0 ? v > b : v < b;
}

/* Rows of a real range: the values a + st * k that are not past b (the
 * estimate from the quotient is corrected against the values themselves).
 * RANGE_MAX + 1 stands for "too many" (also for infinite bounds). */
static uint64_t count_real(double a, double b, double st)
{
    if (!(st != 0) || isnan(a) || isnan(b) || past_end(a, b, st))
        return 0;
    double q = floor((b - a) / st);
    if (!(q < (double)RANGE_MAX))
        return (uint64_t)RANGE_MAX + 1;
    uint64_t n = (uint64_t)q + 1;
    while (n > 0 && past_end(a + st * (double)(n - 1), b, st))
        n--;
    while (n <= RANGE_MAX && !past_end(a + st * (double)n, b, st))
        n++;
    return n;
}

/* The spec of range values from/to/step (one row each, cast to the range's
 * types); -1 after an error at off/len (a null bound, too many rows). */
static int make_spec(qctx *q, const hvec *const v[3], htype t, int off, int len, range_spec *sp)
{
    for (int i = 0; i < 3; i++)
        if (vec_is_null(v[i], 0))
            return q_error(q, HUNT_ESEMANTIC, off, len, "range: the %s value is null",
                           bound_names[i]);
    memset(sp, 0, sizeof *sp);
    sp->t = t;
    if (t == HT_REAL) {
        sp->rfrom = vec_r(v[0], 0);
        sp->rstep = vec_r(v[2], 0);
        sp->count = count_real(sp->rfrom, vec_r(v[1], 0), sp->rstep);
    } else {
        sp->ifrom = vec_i(v[0], 0);
        sp->istep = vec_i(v[2], 0);
        sp->count = count_int(sp->ifrom, vec_i(v[1], 0), sp->istep);
    }
    if (sp->count > RANGE_MAX) {
        double rows =
            t == HT_REAL ? floor((vec_r(v[1], 0) - sp->rfrom) / sp->rstep) + 1 : (double)sp->count;
        return q_error(q, HUNT_EUNSUPPORTED, off, len,
                       "range would produce %.0f rows; hunt generates at most %d", rows, RANGE_MAX);
    }
    return 0;
}

/* Value k of the range into out row i. */
static void put_value(const range_spec *sp, uint64_t k, hvec *out, uint32_t i)
{
    if (sp->t == HT_REAL)
        out->r[i] = sp->rfrom + sp->rstep * (double)k;
    else /* stays between from and to: the unsigned sum cannot leave int64 */
        out->i[i] = (int64_t)((uint64_t)sp->ifrom + k * (uint64_t)sp->istep);
}

/* --- the operator over bounds known only when it runs ------------------------------------ */

/* Evaluates the bounds (sub-queries run here, once) into s->spec. */
static int range_prepare(op *o)
{
    range_st *s = o->st;
    hvec v[3];
    const hvec *pv[3];
    for (int i = 0; i < 3; i++) {
        if (expr_eval_once(o->q, s->bound[i], &o->arena, &v[i]) < 0)
            return -1;
        pv[i] = &v[i];
    }
    if (make_spec(o->q, pv, o->schema.types[0], s->off, s->len, &s->spec) < 0)
        return -1;
    s->ready = true;
    return 0;
}

static int range_next(op *o, batch **out)
{
    range_st *s = o->st;
    arena_reset(&o->arena);
    if (!s->ready && range_prepare(o) < 0)
        return -1;
    arena_reset(&o->arena);
    if (s->emitted >= s->spec.count) {
        *out = NULL;
        return 0;
    }
    uint64_t left = s->spec.count - s->emitted;
    uint32_t m = left < VEC_BATCH ? (uint32_t)left : VEC_BATCH;
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = m;
    b->ncols = 1;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec));
    vec_alloc(&o->arena, &b->cols[0], o->schema.types[0], m);
    b->cols[0].n = m;
    for (uint32_t i = 0; i < m; i++)
        put_value(&s->spec, s->emitted + i, &b->cols[0], i);
    s->emitted += m;
    *out = b;
    return 0;
}

/* --- binding ------------------------------------------------------------------------------- */

/* The column type of a range with bound types from/to/step, or HT_UNKNOWN
 * after an error. */
static htype range_type(qctx *q, const ast *n, bexpr *const b[3])
{
    for (int i = 0; i < 3; i++) {
        htype bt = b[i]->type;
        if (bt == HT_UNKNOWN)
            return q_error(q, HUNT_ESEMANTIC, n->kid[i]->off, n->kid[i]->len,
                           "range: the %s value is null", bound_names[i]),
                   HT_UNKNOWN;
        if (!ht_is_numeric(bt) && bt != HT_DATETIME && bt != HT_TIMESPAN)
            return q_error(q, HUNT_ESEMANTIC, n->kid[i]->off, n->kid[i]->len,
                           "range: %s must be a number, datetime or timespan, got %s",
                           bound_names[i], ht_name(bt)),
                   HT_UNKNOWN;
    }
    htype from = b[0]->type;
    bool time = from == HT_DATETIME || from == HT_TIMESPAN;
    htype want[3] = {from, from, HT_TIMESPAN}; /* for a time range */
    for (int i = 1; i < 3; i++) {
        htype bt = b[i]->type;
        if (time ? bt != want[i] : !ht_is_numeric(bt))
            return q_error(q, HUNT_ESEMANTIC, n->kid[i]->off, n->kid[i]->len,
                           "range: %s must be a %s here (from is %s), got %s", bound_names[i],
                           time ? ht_name(want[i]) : "number", ht_name(from), ht_name(bt)),
                   HT_UNKNOWN;
    }
    if (from == HT_REAL || b[1]->type == HT_REAL || b[2]->type == HT_REAL)
        return HT_REAL;
    return from == HT_INT ? HT_LONG : from;
}

static op *range_from_table(qctx *q, const ast *n, htype t, const range_spec *sp)
{
    hschema hs;
    schema_init(&hs);
    schema_add(&hs, arena_strndup(&q->arena, n->name.p, n->name.n), t);
    htable *tab = table_new("range", &hs);
    schema_free(&hs);
    tbuild *tb = tbuild_new_scratch(tab);
    hvec one;
    vec_alloc(&q->arena, &one, t, 1);
    for (uint64_t k = 0; k < sp->count; k++) {
        put_value(sp, k, &one, 0);
        if (t == HT_REAL)
            tbuild_real(tb, 0, one.r[0]);
        else
            tbuild_long(tb, 0, one.i[0]);
        tbuild_end_row(tb);
    }
    tbuild_finish(tb);
    return exec_values(q, tab);
}

static op *range_deferred(qctx *q, const ast *n, htype t, bexpr *const b[3])
{
    op *o = op_new(q, "range", 0);
    range_st *s = arena_zalloc(&q->arena, sizeof *s);
    memcpy(s->bound, b, sizeof s->bound);
    s->off = n->off;
    s->len = n->len;
    o->st = s;
    schema_add(&o->schema, arena_strndup(&q->arena, n->name.p, n->name.n), t);
    o->next = range_next;
    return o;
}

/* `range NAME from A to B step S` (n: kid[0..2] = A, B, S). */
op *bind_range(qctx *q, bind_scope *sc, const ast *n)
{
    bexpr *b[3];
    for (int i = 0; i < 3; i++) {
        b[i] = bind_scalar(q, sc, NULL, n->kid[i]);
        if (!b[i])
            return NULL;
        if (bexpr_reads_column(b[i])) {
            q_error(q, HUNT_ESEMANTIC, n->kid[i]->off, n->kid[i]->len,
                    "range: %s must be a constant or a sub-query's value; this one varies "
                    "with the row (range has no row to read it from)",
                    bound_names[i]);
            return NULL;
        }
    }
    htype t = range_type(q, n, b);
    if (t == HT_UNKNOWN)
        return NULL;
    bool time = t == HT_DATETIME || t == HT_TIMESPAN;
    b[0] = bind_cast(q, b[0], t);
    b[1] = bind_cast(q, b[1], t);
    b[2] = bind_cast(q, b[2], time ? HT_TIMESPAN : t);
    if (!b[0] || !b[1] || !b[2])
        return NULL;
    op *o;
    if (b[0]->kind == BX_CONST && b[1]->kind == BX_CONST && b[2]->kind == BX_CONST) {
        const hvec *v[3] = {&b[0]->cval, &b[1]->cval, &b[2]->cval};
        range_spec sp;
        if (make_spec(q, v, t, n->off, n->len, &sp) < 0)
            return NULL;
        o = range_from_table(q, n, t, &sp);
    } else {
        o = range_deferred(q, n, t, b);
    }
    o->serialized = true; /* range's output is ordered, as the docs say */
    return o;
}
