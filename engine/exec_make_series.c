/* engine/exec_make_series.c — make-series: one row per group, each aggregate
 * as an array over the bins of an axis (usually time).
 *
 *   T | make-series [kind=nonempty] [Col =] Agg [default = v], ...
 *       on Axis [from A] [to B] step S | in range(A, B, S)   [by Keys]
 *
 * Semantics (KQL docs): bins are A, A+S, ... below B (B exclusive); a row
 * falls in bin floor((Axis - A) / S); rows outside are ignored. Without from/to
 * the first/last bins holding data are used (bins aligned with bin(x, S)).
 * The `in range(A, B, S)` form aligns bins with bin() and includes B. A bin
 * with no row holds the default (0 unless given). With no input rows there is
 * no output, except with kind=nonempty (one all-default row when no keys).
 * Output columns: the keys, the aggregate arrays, then the axis array.
 *
 * The aggregates reuse agg.h per (group, bin): group g's bin b state is slot
 * g * nbins + b. The operator collects its input first (exec_collect), so
 * missing from/to can be computed, then evaluates keys, axis and aggregate
 * arguments over the collected rows in slices of VEC_BATCH.
 *
 * This file also holds ms_bind_agg, which binds one aggregate call outside
 * summarize (used by top-nested too).
 */
#include "agg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MS_MAX_BINS (1 << 20) /* a longer series is an error, not a cut one */

size_t agg_state_size(const agg_def *d);

/* --- binding one aggregate ---------------------------------------------------- */

static bool name_is(hstr s, const char *lit)
{
    return s.n == strlen(lit) && !memcmp(s.p, lit, s.n);
}

static int bind_agg_args(qctx *q, bind_scope *s, const hschema *in, const ast *call, aggspec *sp)
{
    const agg_def *d = sp->def;
    bool pct = !strncmp(d->name, "percentile", 10);
    sp->args = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)(call->nkid + 1));
    for (int i = 0; i < call->nkid; i++) {
        const ast *a = call->kid[i];
        if (a->kind == AST_STAR)
            continue;
        if ((!strcmp(d->name, "dcount") && i == 1) || (!strcmp(d->name, "dcountif") && i == 2))
            continue;
        bexpr *e = bind_scalar(q, s, in, a->kind == AST_NAMED ? a->kid[0] : a);
        if (!e)
            return -1;
        if (pct && i >= 1) {
            if (e->kind != BX_CONST || !ht_is_numeric(e->type))
                return q_error(q, HUNT_ESEMANTIC, a->off, a->len,
                               "percentile values must be constant numbers");
            sp->params = realloc(sp->params, sizeof(double) * (size_t)(sp->nparams + 1));
            sp->params[sp->nparams++] = vec_num(&e->cval, 0);
            continue;
        }
        sp->args[sp->nargs++] = e;
    }
    return 0;
}

/* Binds aggregate expression e (a call of an aggregate function; any other
 * expression is taken as take_any(e)) over input columns `in`. *name gets
 * the default column name. Returns NULL with the query's error set. */
aggspec *ms_bind_agg(qctx *q, bind_scope *s, const hschema *in, const ast *e, const char **name);
aggspec *ms_bind_agg(qctx *q, bind_scope *s, const hschema *in, const ast *e, const char **name)
{
    const agg_def *d = e->kind == AST_CALL ? agg_lookup(e->name.p, e->name.n) : NULL;
    aggspec *sp = arena_zalloc(&q->arena, sizeof *sp);
    sp->nout = 1;
    if (!d) {
        sp->def = agg_lookup("take_any", 8);
        sp->args = arena_zalloc(&q->arena, sizeof(bexpr *));
        sp->args[0] = bind_scalar(q, s, in, e);
        if (!sp->args[0])
            return NULL;
        sp->nargs = 1;
        *name = bind_expr_name(q, e);
    } else {
        if (e->nkid < d->min_args || e->nkid > d->max_args) {
            q_error(q, HUNT_ESEMANTIC, e->off, e->len, "%s() expects %d to %d arguments, got %d",
                    d->name, d->min_args, d->max_args, e->nkid);
            return NULL;
        }
        if (!strncmp(d->name, "arg", 3) ||
            /* arg_max, arg_min, argmax, argmin */ !strncmp(d->name, "make_", 5) ||
            !strcmp(d->name, "percentiles") || !strcmp(d->name, "percentiles_array")) {
            q_error(q, HUNT_EUNSUPPORTED, e->off, e->len,
                    "%s() is not supported here: use an aggregate with a single result", d->name);
            return NULL;
        }
        sp->def = d;
        if (bind_agg_args(q, s, in, e, sp) < 0) {
            free(sp->params);
            return NULL;
        }
        const char *an =
            e->nkid && e->kid[0]->kind != AST_STAR ? bind_expr_name(q, e->kid[0]) : NULL;
        char buf[300];
        snprintf(buf, sizeof buf, "%s%s", d->prefix, an ? an : "");
        *name = arena_strndup(&q->arena, buf, strlen(buf));
    }
    htype argt[FN_MAX_ARGS];
    for (int i = 0; i < sp->nargs && i < FN_MAX_ARGS; i++)
        argt[i] = sp->args[i]->type;
    sp->size = agg_state_size(sp->def);
    sp->arena = &q->arena;
    char msg[256] = "";
    htype t = sp->def->type(sp, argt, msg, sizeof msg);
    if (t == HT_UNKNOWN) {
        q_error(q, HUNT_ESEMANTIC, e->off, e->len, "%s(): %s", sp->def->name, msg);
        free(sp->params);
        return NULL;
    }
    if (strstr(sp->def->name, "if") && sp->nargs >= 1)
        sp->args[sp->nargs - 1] = bind_cast(q, sp->args[sp->nargs - 1], HT_BOOL);
    if ((!strncmp(sp->def->name, "sum", 3) || !strncmp(sp->def->name, "avg", 3) ||
         !strncmp(sp->def->name, "stdev", 5) || !strncmp(sp->def->name, "variance", 8)) &&
        sp->nargs && sp->args[0]->type == HT_DYNAMIC)
        sp->args[0] = bind_cast(q, sp->args[0], HT_REAL);
    sp->outtypes = arena_alloc(&q->arena, sizeof(htype));
    sp->outtypes[0] = t;
    return sp;
}

/* --- operator state --------------------------------------------------------------- */

typedef struct ms_agg {
    aggspec *sp;
    htype type;
    hvec dflt; /* default value (n = 1), type `type` */
} ms_agg;

typedef struct ms_st {
    ms_agg *aggs;
    int naggs;
    bexpr **keys;
    int nkeys;
    bexpr *axis;
    bexpr *from, *to, *step;
    bool alt_range; /* in range(A, B, S) */
    bool nonempty;
    htable *out; /* result, built on the first next() */
    hvec *flat;
    uint32_t emitted;
    bool done;
} ms_st;

/* Numbers on the axis: int64 ticks/longs, or reals. */
typedef struct axis_num {
    bool real;
    int64_t i;
    double r;
} axis_num;

/* --- grouping ------------------------------------------------------------------------ */

typedef struct grouping {
    uint32_t *gid; /* per row */
    uint32_t *rep; /* per group: a row holding its keys */
    uint32_t ngroups;
} grouping;

static uint64_t row_hash(const hvec *kv, int nk, uint32_t i)
{
    uint64_t h = 0x12345;
    for (int k = 0; k < nk; k++)
        h = (h ^ value_hash(&kv[k], i)) * 0x100000001b3ULL + (h >> 29);
    return h;
}

static bool rows_eq(const hvec *kv, int nk, uint32_t a, uint32_t b)
{
    for (int k = 0; k < nk; k++)
        if (!value_eq(&kv[k], a, &kv[k], b))
            return false;
    return true;
}

/* Groups rows 0..n-1 by the key vectors (memory from a). */
static void group_rows(harena *a, const hvec *kv, int nk, uint32_t n, grouping *g)
{
    uint32_t nslots = 16;
    while (nslots < n * 2)
        nslots *= 2;
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        abort();
    g->gid = arena_alloc(a, sizeof(uint32_t) * (n ? n : 1));
    g->rep = arena_alloc(a, sizeof(uint32_t) * (n ? n : 1));
    g->ngroups = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t k = (uint32_t)row_hash(kv, nk, i) & (nslots - 1);
        for (;; k = (k + 1) & (nslots - 1)) {
            if (!slots[k]) {
                g->rep[g->ngroups] = i;
                slots[k] = ++g->ngroups;
                g->gid[i] = g->ngroups - 1;
                break;
            }
            if (rows_eq(kv, nk, g->rep[slots[k] - 1], i)) {
                g->gid[i] = slots[k] - 1;
                break;
            }
        }
    }
    free(slots);
}

/* --- axis ----------------------------------------------------------------------------- */

static axis_num num_of(const hvec *v, uint32_t i, bool real)
{
    axis_num x = {real, 0, 0};
    if (real)
        x.r = vec_num(v, i);
    else
        x.i = v->type == HT_REAL ? (int64_t)vec_r(v, i) : vec_i(v, i);
    return x;
}

static int eval_const(qctx *q, bexpr *e, harena *a, bool real, axis_num *out, bool *isnull)
{
    hvec v;
    if (expr_eval_once(q, e, a, &v) < 0)
        return -1;
    *isnull = vec_is_null(&v, 0);
    if (!*isnull)
        *out = num_of(&v, 0, real);
    return 0;
}

/* Integer axis arithmetic is done in 128 bits: a range near the ends of long
 * (or datetime) must neither wrap nor be silently cut. */
static __int128 floordiv128(__int128 a, __int128 b)
{
    __int128 d = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? d - 1 : d;
}

static bool fits64(__int128 v)
{
    return v >= INT64_MIN && v <= INT64_MAX;
}

/* Bin index of x from start by step (may be out of range). */
static int64_t bin_index(axis_num x, axis_num start, axis_num step)
{
    if (x.real) {
        double k = floor((x.r - start.r) / step.r);
        return k < -1e18 ? INT64_MIN : k > 1e18 ? INT64_MAX : (int64_t)k;
    }
    __int128 k = floordiv128((__int128)x.i - start.i, step.i);
    return k < INT64_MIN ? INT64_MIN : k > INT64_MAX ? INT64_MAX : (int64_t)k;
}

/* x rounded down to a multiple of step, and x + k steps; false when an
 * integer result leaves the range of long. */
static bool bin_floor(axis_num x, axis_num step, axis_num *out)
{
    *out = x;
    if (x.real) {
        out->r = floor(x.r / step.r) * step.r;
        return true;
    }
    __int128 v = floordiv128(x.i, step.i) * step.i;
    out->i = (int64_t)v;
    return fits64(v);
}

static bool axis_add(axis_num x, axis_num step, int64_t k, axis_num *out)
{
    *out = x;
    if (x.real) {
        out->r += step.r * (double)k;
        return true;
    }
    __int128 v = (__int128)x.i + (__int128)step.i * k;
    out->i = (int64_t)v;
    return fits64(v);
}

/* Start, step and bin count of the series. Missing from/to come from the
 * smallest/largest axis value. */
static int axis_range(op *o, const hvec *ax, harena *a, axis_num *start, axis_num *step,
                      int64_t *nbins)
{
    ms_st *s = o->st;
    bool real = ax->type == HT_REAL;
    bool nul;
    *nbins = 0;
    if (eval_const(o->q, s->step, a, real, step, &nul) < 0)
        return -1;
    if (nul || (real ? !(step->r > 0) : step->i <= 0))
        return q_error(o->q, HUNT_ESEMANTIC, -1, 0, "make-series: step must be a positive value");
    axis_num lo = {real, 0, 0}, hi = lo, end;
    bool any = false;
    for (uint32_t i = 0; i < ax->n; i++) {
        if (vec_is_null(ax, i))
            continue;
        axis_num x = num_of(ax, i, real);
        if (!any || (real ? x.r < lo.r : x.i < lo.i))
            lo = x;
        if (!any || (real ? x.r > hi.r : x.i > hi.i))
            hi = x;
        any = true;
    }
    bool have_from = false, have_to = false;
    if (s->from && eval_const(o->q, s->from, a, real, start, &nul) < 0)
        return -1;
    have_from = s->from && !nul;
    if (s->to && eval_const(o->q, s->to, a, real, &end, &nul) < 0)
        return -1;
    have_to = s->to && !nul;
    bool ok = true;
    if (!have_from)
        ok = bin_floor(lo, *step, start);
    else if (s->alt_range)
        ok = bin_floor(*start, *step, start);
    if (ok && !have_to)
        ok = bin_floor(hi, *step, &end) && axis_add(end, *step, 1, &end);
    else if (ok && s->alt_range)
        ok = bin_floor(end, *step, &end) && axis_add(end, *step, 1, &end);
    if (!ok)
        return q_error(o->q, HUNT_ESEMANTIC, -1, 0,
                       "make-series: the range of the axis leaves the range of its type");
    if (!have_from && !have_to && !any)
        return 0;
    double kr = real ? ceil((end.r - start->r) / step->r)
                     : (double)floordiv128((__int128)end.i - start->i + step->i - 1, step->i);
    if (kr > (double)MS_MAX_BINS)
        return q_error(o->q, HUNT_EUNSUPPORTED, -1, 0,
                       "make-series: the series would have %.0f bins; hunt makes at most %d", kr,
                       MS_MAX_BINS);
    int64_t k = kr < 0 ? 0 : (int64_t)kr;
    *nbins = k > 0 ? k : 0;
    return 0;
}

/* --- aggregation over (group, bin) -------------------------------------------------------------
 */

typedef struct ms_run {
    batch rows;     /* every input row */
    uint32_t *slot; /* per row: group * nbins + bin, or the trash slot */
    uint32_t ngroups;
    int64_t nbins;
    harena keep; /* strings aggregates keep until final */
} ms_run;

/* Folds aggregate g over all rows into states (one per slot, the last one
 * the trash slot of rows outside the series). */
static int fold_agg(op *o, ms_agg *g, ms_run *r, char *states, uint8_t *seen, harena *tmp)
{
    aggspec *sp = g->sp;
    size_t nst = (size_t)r->ngroups * (size_t)r->nbins + 1;
    for (size_t k = 0; k < nst; k++)
        sp->def->init(sp, states + sp->size * k);
    hvec av[FN_MAX_ARGS];
    hvec *cols = arena_alloc(tmp, sizeof(hvec) * (size_t)(r->rows.ncols ? r->rows.ncols : 1));
    for (uint32_t off = 0; off < r->rows.n; off += VEC_BATCH) {
        uint32_t m = r->rows.n - off < VEC_BATCH ? r->rows.n - off : VEC_BATCH;
        for (int c = 0; c < r->rows.ncols; c++)
            cols[c] = vec_slice(&r->rows.cols[c], off, m);
        batch sl = {m, r->rows.ncols, cols};
        for (int j = 0; j < sp->nargs; j++)
            if (expr_eval(o->q, sp->args[j], &sl, tmp, &av[j]) < 0)
                return -1;
        sp->def->update(sp, states, r->slot + off, m, av, &r->keep);
        for (uint32_t i = 0; i < m; i++)
            seen[r->slot[off + i]] = 1;
    }
    return 0;
}

static void put_agg_series(dbuf *b, ms_agg *g, char *states, const uint8_t *seen, size_t base,
                           int64_t nbins, harena *a)
{
    aggspec *sp = g->sp;
    hvec one;
    vec_alloc(a, &one, g->type, 1);
    size_t m = dyn_begin_array(b);
    for (int64_t k = 0; k < nbins; k++) {
        if (!seen[base + (size_t)k]) {
            vec_put_dyn(b, &g->dflt, 0);
            continue;
        }
        one.null = NULL;
        memset(one.data, 0, vec_width(one.type));
        sp->def->final(sp, states + sp->size * (base + (size_t)k), a, 0, &one, 0);
        vec_put_dyn(b, &one, 0);
    }
    dyn_end(b, m, (uint32_t)nbins);
}

static void put_axis(dbuf *b, htype t, axis_num start, axis_num step, int64_t nbins)
{
    size_t m = dyn_begin_array(b);
    for (int64_t k = 0; k < nbins; k++) {
        axis_num x;
        axis_add(start, step, k, &x); /* between start and the end: in range */
        if (t == HT_DATETIME)
            dyn_put_datetime(b, x.i);
        else if (t == HT_TIMESPAN)
            dyn_put_timespan(b, x.i);
        else if (x.real)
            dyn_put_real(b, x.r);
        else
            dyn_put_long(b, x.i);
    }
    dyn_end(b, m, (uint32_t)nbins);
}

static void destroy_states(aggspec *sp, char *states, size_t nst)
{
    if (sp->def->destroy && states)
        for (size_t k = 0; k < nst; k++)
            sp->def->destroy(sp, states + sp->size * k);
    free(states);
}

/* Per-row slots from the groups and the axis. */
static void assign_slots(ms_run *r, const grouping *gr, const hvec *ax, axis_num start,
                         axis_num step)
{
    uint32_t trash = (uint32_t)((size_t)r->ngroups * (size_t)r->nbins);
    bool real = ax->type == HT_REAL;
    for (uint32_t i = 0; i < r->rows.n; i++) {
        r->slot[i] = trash;
        if (vec_is_null(ax, i))
            continue;
        int64_t k = bin_index(num_of(ax, i, real), start, step);
        if (k >= 0 && k < r->nbins)
            r->slot[i] = gr->gid[i] * (uint32_t)r->nbins + (uint32_t)k;
    }
}

/* Writes one output row per group (or the nonempty default row). */
static int write_rows(op *o, ms_run *r, const grouping *gr, const hvec *kv, const hvec *ax,
                      axis_num start, axis_num step, harena *tmp)
{
    ms_st *s = o->st;
    size_t nst = (size_t)r->ngroups * (size_t)r->nbins + 1;
    char **states = calloc((size_t)s->naggs + 1, sizeof(char *));
    uint8_t **seen = calloc((size_t)s->naggs + 1, sizeof(uint8_t *));
    int rc = 0;
    for (int a = 0; a < s->naggs && rc == 0; a++) {
        states[a] = calloc(nst, s->aggs[a].sp->size);
        seen[a] = calloc(nst, 1);
        if (!states[a] || !seen[a])
            abort();
        rc = fold_agg(o, &s->aggs[a], r, states[a], seen[a], tmp);
    }
    tbuild *tb = tbuild_new_scratch(s->out);
    dbuf db = {0};
    for (uint32_t g = 0; g < r->ngroups && rc == 0; g++) {
        int c = 0;
        for (int k = 0; k < s->nkeys; k++)
            tbuild_vec(tb, c++, &kv[k], gr->rep[g]);
        for (int a = 0; a < s->naggs; a++) {
            dbuf_reset(&db);
            put_agg_series(&db, &s->aggs[a], states[a], seen[a], (size_t)g * (size_t)r->nbins,
                           r->nbins, tmp);
            tbuild_str(tb, c++, (const char *)db.p, db.n);
        }
        dbuf_reset(&db);
        put_axis(&db, ax->type, start, step, r->nbins);
        tbuild_str(tb, c, (const char *)db.p, db.n);
        tbuild_end_row(tb);
    }
    tbuild_finish(tb);
    dbuf_free(&db);
    for (int a = 0; a < s->naggs; a++) {
        destroy_states(s->aggs[a].sp, states[a], nst);
        free(seen[a]);
    }
    free(states);
    free(seen);
    return rc;
}

/* One all-default row for kind=nonempty over empty input (no keys). */
static void write_default_row(op *o, const hvec *ax, axis_num start, axis_num step, int64_t nbins)
{
    ms_st *s = o->st;
    tbuild *tb = tbuild_new_scratch(s->out);
    dbuf db = {0};
    int c = 0;
    for (int a = 0; a < s->naggs; a++) {
        dbuf_reset(&db);
        size_t m = dyn_begin_array(&db);
        for (int64_t k = 0; k < nbins; k++)
            vec_put_dyn(&db, &s->aggs[a].dflt, 0);
        dyn_end(&db, m, (uint32_t)nbins);
        tbuild_str(tb, c++, (const char *)db.p, db.n);
    }
    dbuf_reset(&db);
    put_axis(&db, ax->type, start, step, nbins);
    tbuild_str(tb, c, (const char *)db.p, db.n);
    tbuild_end_row(tb);
    tbuild_finish(tb);
    dbuf_free(&db);
}

/* Collects the input and builds the result table. */
static int ms_build(op *o, harena *a)
{
    ms_st *s = o->st;
    qctx *q = o->q;
    htable *t = exec_collect(q, o->kids[0]);
    if (!t)
        return -1;
    ms_run r = {0};
    arena_init(&r.keep);
    r.rows.n = (uint32_t)t->nrows;
    r.rows.ncols = t->schema.ncols;
    r.rows.cols = arena_zalloc(a, sizeof(hvec) * (size_t)(t->schema.ncols ? t->schema.ncols : 1));
    table_flatten(a, t, r.rows.cols);
    int rc = -1;
    hvec *kv = arena_zalloc(a, sizeof(hvec) * (size_t)(s->nkeys ? s->nkeys : 1));
    hvec ax;
    for (int k = 0; k < s->nkeys; k++)
        if (expr_eval_all(q, s->keys[k], &r.rows, a, &kv[k]) < 0)
            goto out;
    if (expr_eval_all(q, s->axis, &r.rows, a, &ax) < 0)
        goto out;
    axis_num start = {ax.type == HT_REAL, 0, 0}, step = start;
    if (axis_range(o, &ax, a, &start, &step, &r.nbins) < 0)
        goto out;
    grouping gr;
    group_rows(a, kv, s->nkeys, r.rows.n, &gr);
    r.ngroups = gr.ngroups;
    if ((size_t)r.ngroups * (size_t)r.nbins >= UINT32_MAX) {
        q_error(q, HUNT_ESEMANTIC, -1, 0, "make-series: too many groups and bins");
        goto out;
    }
    r.slot = arena_alloc(a, sizeof(uint32_t) * (r.rows.n ? r.rows.n : 1));
    assign_slots(&r, &gr, &ax, start, step);
    if (r.rows.n == 0 && s->nonempty && s->nkeys == 0)
        write_default_row(o, &ax, start, step, r.nbins);
    else if (write_rows(o, &r, &gr, kv, &ax, start, step, a) < 0)
        goto out;
    rc = 0;
out:
    arena_free(&r.keep);
    table_free(t);
    return rc;
}

static int ms_next(op *o, batch **out)
{
    ms_st *s = o->st;
    arena_reset(&o->arena);
    if (!s->done) {
        s->done = true;
        harena tmp;
        arena_init(&tmp);
        int rc = ms_build(o, &tmp);
        arena_free(&tmp);
        if (rc < 0)
            return -1;
        s->flat = arena_zalloc(&o->q->arena, sizeof(hvec) * (size_t)o->schema.ncols);
        table_flatten(&o->q->arena, s->out, s->flat);
    }
    *out = flat_next(&o->arena, s->flat, o->schema.ncols, (uint32_t)s->out->nrows, &s->emitted);
    return 0;
}

static void free_specs(ms_st *s)
{
    for (int a = 0; a < s->naggs; a++) {
        if (!s->aggs[a].sp)
            continue;
        free(s->aggs[a].sp->params);
        s->aggs[a].sp->outtypes = NULL;
        s->aggs[a].sp->params = NULL;
    }
}

static void ms_close(op *o)
{
    ms_st *s = o->st;
    if (s->out)
        table_free(s->out);
    s->out = NULL;
    free_specs(s);
}

/* --- binding ---------------------------------------------------------------------------- */

/* The default value of an aggregate: `default = v` cast to its type, else 0. */
static int bind_default(qctx *q, bind_scope *sc, const ast *d, ms_agg *g)
{
    bexpr *e;
    if (d) {
        e = bind_scalar(q, sc, NULL, d);
        if (!e)
            return -1;
    } else {
        hvec zero;
        vec_const(&q->arena, &zero, HT_LONG, 1);
        zero.i[0] = 0;
        e = arena_zalloc(&q->arena, sizeof *e);
        e->kind = BX_CONST;
        e->type = HT_LONG;
        e->cval = zero;
        if (!ht_is_numeric(g->type) && g->type != HT_TIMESPAN && g->type != HT_BOOL) {
            vec_const_null(&q->arena, &g->dflt, g->type, 1);
            return 0;
        }
    }
    e = bind_cast(q, e, g->type);
    if (!e || expr_eval(q, e, NULL, &q->arena, &g->dflt) < 0)
        return -1;
    return 0;
}

static int bind_aggs(qctx *q, bind_scope *sc, op *in, const ast *list, ms_st *s, hschema *out)
{
    s->naggs = list->nkid;
    s->aggs = arena_zalloc(&q->arena, sizeof(ms_agg) * (size_t)(list->nkid ? list->nkid : 1));
    for (int i = 0; i < list->nkid; i++) {
        const ast *a = list->kid[i];
        const ast *ex = a->kind == AST_NAMED ? a->kid[0] : a;
        const char *nm = NULL;
        ms_agg *g = &s->aggs[i];
        g->sp = ms_bind_agg(q, sc, &in->schema, ex, &nm);
        if (!g->sp)
            return -1;
        g->type = g->sp->outtypes[0];
        if (bind_default(q, sc, a->kind == AST_NAMED && a->nkid > 1 ? a->kid[1] : NULL, g) < 0)
            return -1;
        if (a->kind == AST_NAMED && a->name.n)
            nm = arena_strndup(&q->arena, a->name.p, a->name.n);
        if (!nm)
            nm = "Column1";
        schema_add(out, name_unique(q, out, nm), HT_DYNAMIC);
    }
    return 0;
}

static int bind_keys(qctx *q, bind_scope *sc, op *in, const ast *by, ms_st *s, hschema *out)
{
    s->nkeys = by ? by->nkid : 0;
    s->keys = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)(s->nkeys ? s->nkeys : 1));
    for (int i = 0; i < s->nkeys; i++) {
        const ast *k = by->kid[i];
        const ast *ex = k->kind == AST_NAMED ? k->kid[0] : k;
        s->keys[i] = bind_scalar(q, sc, &in->schema, ex);
        if (!s->keys[i])
            return -1;
        if (s->keys[i]->type == HT_UNKNOWN)
            s->keys[i] = bind_cast(q, s->keys[i], HT_STRING);
        const char *nm = k->kind == AST_NAMED ? arena_strndup(&q->arena, k->name.p, k->name.n)
                                              : bind_expr_name(q, ex);
        schema_add(out, name_unique(q, out, nm ? nm : "Column1"), s->keys[i]->type);
    }
    return 0;
}

static bexpr *bind_bound(qctx *q, bind_scope *sc, const ast *n, htype axis)
{
    if (!n)
        return NULL;
    bexpr *e = bind_scalar(q, sc, NULL, n);
    if (!e)
        return NULL;
    if (axis == HT_REAL && e->type != HT_REAL)
        e = bind_cast(q, e, HT_REAL);
    return e;
}

/* Is the range written `in range(A, B, S)`? The text between the axis and
 * the first bound holds the `range` keyword then. */
static bool is_alt_range(qctx *q, const ast *axis, const ast *from)
{
    if (!from || !q->src)
        return false;
    size_t a = (size_t)axis->off + (size_t)axis->len, b = (size_t)from->off;
    if (b > q->srclen || a >= b)
        return false;
    for (size_t i = a; i + 5 <= b; i++)
        if (!strncmp(q->src + i, "range", 5))
            return true;
    return false;
}

op *bind_make_series(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    if (n->nkid < 6)
        return unsupported_op(q, n);
    ms_st *s = arena_zalloc(&q->arena, sizeof *s);
    hschema out;
    schema_init(&out);
    op *o = NULL;
    const ast *kind = ast_opt(n, "kind");
    if (kind && kind->nkid && kind->kid[0]->kind == AST_IDENT)
        s->nonempty = name_is(kind->kid[0]->name, "nonempty");
    if (bind_keys(q, sc, in, n->kid[5], s, &out) < 0 ||
        bind_aggs(q, sc, in, n->kid[0], s, &out) < 0)
        goto done;
    s->axis = bind_scalar(q, sc, &in->schema, n->kid[1]);
    if (!s->axis)
        goto done;
    if (!ht_is_int64(s->axis->type) && s->axis->type != HT_REAL) {
        q_error(q, HUNT_ESEMANTIC, n->kid[1]->off, n->kid[1]->len,
                "make-series: the axis must be a datetime, timespan or number, got %s",
                ht_name(s->axis->type));
        goto done;
    }
    s->from = bind_bound(q, sc, n->kid[2], s->axis->type);
    s->to = bind_bound(q, sc, n->kid[3], s->axis->type);
    s->step = bind_bound(q, sc, n->kid[4], s->axis->type);
    if ((n->kid[2] && !s->from) || (n->kid[3] && !s->to) || !s->step)
        goto done;
    s->alt_range = is_alt_range(q, n->kid[1], n->kid[2]);
    const char *an = bind_expr_name(q, n->kid[1]);
    schema_add(&out, name_unique(q, &out, an ? an : "Column1"), HT_DYNAMIC);
    s->out = table_new("make-series", &out);
    o = op_new(q, "make-series", 1);
    o->kids[0] = in;
    o->st = s;
    schema_copy(&o->schema, &out);
    o->next = ms_next;
    o->close = ms_close;
done:
    if (!o)
        free_specs(s);
    schema_free(&out);
    return o;
}
