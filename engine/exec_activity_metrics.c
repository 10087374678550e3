/* engine/exec_activity_metrics.c — the activity_counts_metrics plugin.
 *
 *   T | evaluate activity_counts_metrics(IdColumn, TimelineColumn, Start, End,
 *                                        Step [, Dimension, ...])
 *
 * It lives in its own file because it is an operator of its own: it has to
 * see all its input before the first window can be finished (a window's new
 * ids depend on every earlier window), so it drains its input on the first
 * pull, computes, and hands out the result. Its output schema is known at
 * bind time, so nothing runs while binding (unlike pivot and bag_unpack).
 *
 * Semantics, from the KQL reference (activity-counts-metrics-plugin.md in
 * MicrosoftDocs/dataexplorer-docs, and its sibling activity-metrics-plugin.md
 * where this page is silent):
 *
 * - Output columns, in the order of the page's older schema table:
 *   TimelineColumn, the dimensions, count, dcount, new_dcount,
 *   aggregated_dcount. The first column has the TimelineColumn's name and
 *   type ("Timestamp" on the current page is the name the example's
 *   timeline column has; the older schema table and the activity_metrics
 *   example, whose output column is `_day`, name it after the argument).
 *   The counts are longs.
 * - count is the number of rows of the window and dimensions; dcount the
 *   number of distinct ids among them; new_dcount the number of those ids
 *   not seen in any earlier window of the same dimensions; aggregated_dcount
 *   the distinct ids of the dimensions from the first window up to this one
 *   (inclusive), i.e. the running sum of new_dcount.
 * - Rows count when Start <= TimelineColumn <= End: the published example
 *   has End = 2017-08-04 and counts the row at 2017-08-04. A null timeline
 *   value is outside the range.
 * - With a timespan Step the windows are aligned to Start: Start, Start+Step,
 *   ... (the window start is the "time window start time"; the
 *   activity_metrics example with Start on a Monday and a 7d Step has its
 *   windows on Mondays, not on bin()'s epoch-aligned days). With Step 'week',
 *   'month' or 'year' a row's window is startofweek/startofmonth/startofyear
 *   of its time, as the page says.
 * - Rows come for each window and each combination of dimension values that
 *   has rows in it ("for each existing dimensions combination", as
 *   activity_metrics puts it); a window without rows gives no row. The page
 *   does not say more (its example has a row in every window); this is the
 *   reading its "in the time window and dim(s)" supports, and the one the
 *   corpus queries that compare a group's first and last window expect.
 *   Rows are ordered by window, then by first appearance of the dimension
 *   values (the page's example is ordered by window).
 * - A null id counts in count and is not a distinct value (as dcount()
 *   ignores nulls); null dimension values form a group of their own, as in
 *   summarize.
 *
 * Not supported (the page does not define them): a decimal or datetime
 * Step, a zero or negative timespan, a Step string other than
 * week/month/year, a null Start or End, a timeline column that is not a
 * datetime, a dimension that would repeat an output column's name, and any
 * argument after Step that is not a column of the input (the old page's
 * Cohort and Lookback arguments).
 */
#include "engine.h"
#include "vec.h"

#include <stdlib.h>
#include <string.h>

enum { STEP_SPAN, STEP_WEEK, STEP_MONTH, STEP_YEAR };

typedef struct acm_st {
    int idcol, tlcol;
    int *dims;
    int ndims;
    int64_t start, end, step; /* step: the timespan of STEP_SPAN */
    int kind;                 /* STEP_* */
    bexpr *win;               /* startofweek(...) etc. for the calendar steps */
    htable *rows;             /* collected: window, dims..., id */
    htable *out;
    hvec *flat;
    uint32_t emitted;
    bool done;
} acm_st;

static const char *const out_names[] = {"count", "dcount", "new_dcount", "aggregated_dcount"};

/* --- computing ------------------------------------------------------------------ */

typedef struct acm_cell {
    int64_t w;
    uint32_t g, row; /* dimension group, its first row */
    int64_t count, dcount, fresh, agg;
} acm_cell;

static int by_group_window(const void *a, const void *b)
{
    const acm_cell *x = a, *y = b;
    if (x->g != y->g)
        return x->g < y->g ? -1 : 1;
    return x->w < y->w ? -1 : x->w > y->w;
}

static int by_window_group(const void *a, const void *b)
{
    const acm_cell *x = a, *y = b;
    if (x->w != y->w)
        return x->w < y->w ? -1 : 1;
    return x->g < y->g ? -1 : x->g > y->g;
}

/* The result table from the collected rows: cols[0] the window, cols[1..nd]
 * the dimensions, cols[nd+1] the id. */
static htable *compute(op *o, const hvec *cols, uint32_t n)
{
    acm_st *s = o->st;
    int nd = s->ndims;
    const hvec *id = &cols[nd + 1];
    size_t sz = n ? n : 1;
    uint32_t *dg = malloc(sizeof(uint32_t) * sz), *cg = malloc(sizeof(uint32_t) * sz);
    uint32_t *pg = malloc(sizeof(uint32_t) * sz), *xg = malloc(sizeof(uint32_t) * sz);
    uint8_t *nullid = malloc(sz);
    if (!dg || !cg || !pg || !xg || !nullid)
        abort();
    for (uint32_t i = 0; i < n; i++)
        nullid[i] = vec_is_null(id, i);
    vec_group_keys(NULL, &cols[1], nd, n, NULL, dg, NULL);            /* dimensions */
    uint32_t nc = vec_group_keys(dg, &cols[0], 1, n, NULL, cg, NULL); /* (dimensions, window) */
    uint32_t np = vec_group_keys(dg, id, 1, n, nullid, pg, NULL);     /* (dimensions, id) */
    uint32_t nx = vec_group_keys(cg, id, 1, n, nullid, xg, NULL);     /* (cell, id) */
    acm_cell *cell = calloc(nc ? nc : 1, sizeof *cell);
    uint32_t *first = malloc(sizeof(uint32_t) * (np ? np : 1)); /* a pair's earliest row */
    uint8_t *seen = calloc(nx ? nx : 1, 1);
    if (!cell || !first || !seen)
        abort();
    for (uint32_t p = 0; p < np; p++)
        first[p] = UINT32_MAX;
    for (uint32_t i = 0; i < n; i++) {
        acm_cell *c = &cell[cg[i]];
        if (!c->count) {
            c->w = vec_i(&cols[0], i);
            c->g = dg[i];
            c->row = i;
        }
        c->count++;
        if (nullid[i])
            continue;
        if (!seen[xg[i]]) {
            seen[xg[i]] = 1;
            c->dcount++;
        }
        uint32_t *f = &first[pg[i]];
        if (*f == UINT32_MAX || vec_i(&cols[0], i) < vec_i(&cols[0], *f))
            *f = i;
    }
    for (uint32_t p = 0; p < np; p++)
        cell[cg[first[p]]].fresh++;
    /* running sums per dimension group over its windows, then output order */
    qsort(cell, nc, sizeof *cell, by_group_window);
    for (uint32_t k = 0; k < nc; k++)
        cell[k].agg = cell[k].fresh + (k && cell[k - 1].g == cell[k].g ? cell[k - 1].agg : 0);
    qsort(cell, nc, sizeof *cell, by_window_group);

    htable *t = table_new("activity_counts_metrics", &o->schema);
    tbuild *tb = tbuild_new_scratch(t);
    for (uint32_t k = 0; k < nc; k++) {
        const acm_cell *c = &cell[k];
        tbuild_long(tb, 0, c->w);
        for (int d = 0; d < nd; d++)
            tbuild_vec(tb, 1 + d, &cols[1 + d], c->row);
        tbuild_long(tb, nd + 1, c->count);
        tbuild_long(tb, nd + 2, c->dcount);
        tbuild_long(tb, nd + 3, c->fresh);
        tbuild_long(tb, nd + 4, c->agg);
        tbuild_end_row(tb);
    }
    tbuild_finish(tb);
    free(cell);
    free(first);
    free(seen);
    free(dg);
    free(cg);
    free(pg);
    free(xg);
    free(nullid);
    return t;
}

/* --- running ---------------------------------------------------------------------- */

/* Appends the rows of b inside [start, end] to s->rows as (window, dims, id). */
static int collect_batch(op *o, tbuild *tb, const batch *b, harena *tmp)
{
    acm_st *s = o->st;
    const hvec *tl = &b->cols[s->tlcol];
    hvec win;
    if (s->kind != STEP_SPAN && expr_eval(o->q, s->win, b, tmp, &win) < 0)
        return -1;
    for (uint32_t i = 0; i < b->n; i++) {
        if (vec_is_null(tl, i))
            continue;
        int64_t t = vec_i(tl, i), w;
        if (t < s->start || t > s->end)
            continue;
        if (s->kind == STEP_SPAN) {
            w = s->start + (t - s->start) / s->step * s->step;
        } else {
            if (vec_is_null(&win, i))
                continue;
            w = vec_i(&win, i);
        }
        tbuild_long(tb, 0, w);
        for (int d = 0; d < s->ndims; d++)
            tbuild_vec(tb, 1 + d, &b->cols[s->dims[d]], i);
        tbuild_vec(tb, 1 + s->ndims, &b->cols[s->idcol], i);
        tbuild_end_row(tb);
    }
    return 0;
}

static int run(op *o)
{
    acm_st *s = o->st;
    qctx *q = o->q;
    tbuild *tb = tbuild_new_scratch(s->rows);
    harena tmp;
    arena_init(&tmp);
    int rc = 0;
    for (;;) {
        batch *b;
        if (o->kids[0]->next(o->kids[0], &b) < 0) {
            rc = -1;
            break;
        }
        if (!b)
            break;
        arena_reset(&tmp);
        if (collect_batch(o, tb, b, &tmp) < 0) {
            rc = -1;
            break;
        }
        if (q->interrupt && *q->interrupt) {
            rc = q_error(q, HUNT_EINTERRUPT, -1, 0, "query interrupted");
            break;
        }
    }
    tbuild_finish(tb);
    arena_free(&tmp);
    if (rc < 0)
        return -1;
    int nc = s->rows->schema.ncols;
    hvec *cols = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)nc);
    table_flatten(&q->arena, s->rows, cols);
    s->out = compute(o, cols, (uint32_t)s->rows->nrows);
    return 0;
}

static int acm_next(op *o, batch **out)
{
    acm_st *s = o->st;
    arena_reset(&o->arena);
    if (!s->done) {
        s->done = true;
        if (run(o) < 0)
            return -1;
        s->flat = arena_zalloc(&o->q->arena, sizeof(hvec) * (size_t)o->schema.ncols);
        table_flatten(&o->q->arena, s->out, s->flat);
    }
    *out = flat_next(&o->arena, s->flat, o->schema.ncols, (uint32_t)s->out->nrows, &s->emitted);
    return 0;
}

static void acm_close(op *o)
{
    acm_st *s = o->st;
    if (s->out)
        table_free(s->out);
    if (s->rows)
        table_free(s->rows);
    s->out = s->rows = NULL;
}

/* --- binding ---------------------------------------------------------------------- */

static bool name_is(hstr h, const char *s)
{
    return h.n == strlen(s) && !memcmp(h.p, s, h.n);
}

/* The input column argument a names, or -1 with the error set. */
static int column_arg(qctx *q, const hschema *s, const ast *a, const char *what)
{
    int c = a->kind == AST_IDENT ? schema_find(s, a->name.p, a->name.n) : -1;
    if (c < 0)
        return q_error(q, HUNT_ESEMANTIC, a->off, a->len,
                       "activity_counts_metrics: %s must be a column of the input", what);
    return c;
}

/* A scalar argument that reads no column, evaluated now. */
static int const_arg(qctx *q, bind_scope *sc, const ast *a, const char *what, hvec *out)
{
    bexpr *e = bind_scalar(q, sc, NULL, a);
    if (!e)
        return -1;
    if (bexpr_reads_column(e))
        return q_error(q, HUNT_ESEMANTIC, a->off, a->len,
                       "activity_counts_metrics: %s must be a constant", what);
    return expr_eval_once(q, e, &q->arena, out);
}

static int datetime_arg(qctx *q, bind_scope *sc, const ast *a, const char *what, int64_t *v)
{
    hvec x;
    if (const_arg(q, sc, a, what, &x) < 0)
        return -1;
    if (x.type != HT_DATETIME)
        return q_error(q, HUNT_ESEMANTIC, a->off, a->len,
                       "activity_counts_metrics: %s must be a datetime, got %s", what,
                       ht_name(x.type));
    if (vec_is_null(&x, 0))
        return q_error(q, HUNT_EUNSUPPORTED, a->off, a->len,
                       "activity_counts_metrics: not supported: a null %s", what);
    *v = vec_i(&x, 0);
    return 0;
}

/* Step: a positive timespan, or 'week', 'month', 'year'. */
static int step_arg(qctx *q, bind_scope *sc, const ast *a, acm_st *s)
{
    hvec x;
    if (const_arg(q, sc, a, "Step", &x) < 0)
        return -1;
    if (x.type == HT_TIMESPAN && !vec_is_null(&x, 0) && vec_i(&x, 0) > 0) {
        s->kind = STEP_SPAN;
        s->step = vec_i(&x, 0);
        return 0;
    }
    if (x.type == HT_STRING && !vec_is_null(&x, 0)) {
        hstr v = vec_s(&x, 0);
        s->kind = name_is(v, "week")    ? STEP_WEEK
                  : name_is(v, "month") ? STEP_MONTH
                  : name_is(v, "year")  ? STEP_YEAR
                                        : -1;
        if (s->kind >= 0)
            return 0;
    }
    if (x.type == HT_TIMESPAN || x.type == HT_STRING)
        return q_error(q, HUNT_EUNSUPPORTED, a->off, a->len,
                       "activity_counts_metrics: not supported: a Step that is not a positive "
                       "timespan or 'week', 'month' or 'year'");
    return q_error(q, HUNT_EUNSUPPORTED, a->off, a->len,
                   "activity_counts_metrics: not supported: a Step of type %s (a decimal or "
                   "datetime Step is not defined by the docs)",
                   ht_name(x.type));
}

/* startofweek(TimelineColumn) etc. over the input. */
static bexpr *calendar_window(qctx *q, bind_scope *sc, const hschema *in, const ast *tl, int kind)
{
    const char *fn = kind == STEP_WEEK    ? "startofweek"
                     : kind == STEP_MONTH ? "startofmonth"
                                          : "startofyear";
    ast *call = ast_new(&q->arena, AST_CALL, tl->off, tl->len);
    call->name = (hstr){fn, (uint32_t)strlen(fn)};
    ast_add(&q->arena, call, (ast *)tl);
    return bind_scalar(q, sc, in, call);
}

/* The dimension columns: arguments 5.. of n, each a distinct input column
 * whose name is not taken by another output column. */
static int dims_arg(qctx *q, const hschema *s, const ast *n, acm_st *st, hschema *out)
{
    st->ndims = n->nkid - 5;
    st->dims = arena_alloc(&q->arena, sizeof(int) * (size_t)(st->ndims + 1));
    for (int d = 0; d < st->ndims; d++) {
        const ast *a = n->kid[5 + d];
        if (a->kind != AST_IDENT)
            return q_error(q, HUNT_EUNSUPPORTED, a->off, a->len,
                           "activity_counts_metrics: not supported: an argument after Step that "
                           "is not a dimension column");
        int c = column_arg(q, s, a, "a dimension");
        if (c < 0)
            return -1;
        if (schema_find(out, s->names[c], strlen(s->names[c])) >= 0)
            return q_error(q, HUNT_EUNSUPPORTED, a->off, a->len,
                           "activity_counts_metrics: not supported: dimension '%s' repeats an "
                           "output column",
                           s->names[c]);
        for (int k = 0; k < 4; k++)
            if (!strcmp(s->names[c], out_names[k]))
                return q_error(q, HUNT_EUNSUPPORTED, a->off, a->len,
                               "activity_counts_metrics: not supported: a dimension named '%s'",
                               out_names[k]);
        st->dims[d] = c;
        schema_add(out, s->names[c], s->types[c]);
    }
    return 0;
}

op *bind_activity_counts_metrics(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    if (!in)
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                       "activity_counts_metrics needs a tabular input"),
               NULL;
    if (n->nkid < 5)
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                       "activity_counts_metrics: expected (IdColumn, TimelineColumn, Start, "
                       "End, Step [, Dimensions])"),
               NULL;
    const hschema *s = &in->schema;
    acm_st *st = arena_zalloc(&q->arena, sizeof *st);
    st->idcol = column_arg(q, s, n->kid[0], "IdColumn");
    if (st->idcol < 0)
        return NULL;
    st->tlcol = column_arg(q, s, n->kid[1], "TimelineColumn");
    if (st->tlcol < 0)
        return NULL;
    if (s->types[st->tlcol] != HT_DATETIME)
        return q_error(q, HUNT_EUNSUPPORTED, n->kid[1]->off, n->kid[1]->len,
                       "activity_counts_metrics: not supported: a TimelineColumn of type %s "
                       "(Start and End are datetimes)",
                       ht_name(s->types[st->tlcol])),
               NULL;
    if (datetime_arg(q, sc, n->kid[2], "Start", &st->start) < 0 ||
        datetime_arg(q, sc, n->kid[3], "End", &st->end) < 0 || step_arg(q, sc, n->kid[4], st) < 0)
        return NULL;
    if (st->kind != STEP_SPAN) {
        st->win = calendar_window(q, sc, s, n->kid[1], st->kind);
        if (!st->win)
            return NULL;
    }
    hschema out, rows;
    schema_init(&out);
    schema_init(&rows);
    op *o = NULL;
    schema_add(&out, s->names[st->tlcol], HT_DATETIME);
    if (dims_arg(q, s, n, st, &out) < 0)
        goto done;
    schema_add(&rows, "$window", HT_DATETIME);
    for (int d = 0; d < st->ndims; d++)
        schema_add(&rows, s->names[st->dims[d]], s->types[st->dims[d]]);
    schema_add(&rows, "$id", s->types[st->idcol]);
    for (int k = 0; k < 4; k++)
        schema_add(&out, out_names[k], HT_LONG);
    st->rows = table_new("activity_counts_metrics rows", &rows);
    o = op_new(q, "activity_counts_metrics", 1);
    o->kids[0] = in;
    o->st = st;
    schema_copy(&o->schema, &out);
    o->next = acm_next;
    o->close = acm_close;
done:
    schema_free(&out);
    schema_free(&rows);
    return o;
}
