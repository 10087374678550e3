/* engine/exec_pivot.c — the pivot plugin.
 *
 *   T | evaluate pivot(PivotColumn [, Aggregation] [, Column1, Column2, ...])
 *
 * Turns each distinct value of PivotColumn into an output column. The output
 * has the columns Column1, ... (by default every input column other than
 * PivotColumn and the columns the aggregation reads), then one column per
 * pivot value, named by its text, holding the aggregation (default count())
 * of the rows with that value and those Column values. The pivot columns come
 * in order of first appearance of their value (the docs' examples are not
 * sorted: ARKANSAS before ARIZONA), the rows in order of first appearance of
 * their Column values. A combination with no rows for a pivot value gets 0
 * for count, dcount and sum (as in the docs' examples) and null for the other
 * aggregations. The aggregation is one of min, max, take_any (or its legacy
 * spelling any), sum, dcount, avg, stdev, variance, make_list, make_bag,
 * make_set, count.
 *
 * With an output schema `: (c:type, ...)` the output has exactly those columns
 * in that order, converted to the given types; a listed pivot value absent
 * from the data gets the empty-cell value, and unlisted columns are dropped
 * (as the docs' example shows). `: (*, ...)` is not supported.
 *
 * The output schema depends on the data, so, as bag_unpack does without an
 * output schema, the plugin runs its input at bind time: it binds
 * `summarize v = Aggregation by Column1, ..., PivotColumn` over the input,
 * collects the result and spreads it into a table the operator then scans.
 * A null or empty pivot value can't name a column: not supported.
 */
#include "engine.h"
#include "vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIVOT_MAX_CELLS 100000000 /* output rows x pivot columns */

/* The documented aggregations, and any(), the legacy spelling of take_any(). */
static const char *const pivot_aggs[] = {
    "min",   "max",      "take_any",  "any",      "sum",      "dcount", "avg",
    "stdev", "variance", "make_list", "make_bag", "make_set", "count",
};

static bool is_name(hstr h, const char *s)
{
    return h.n == strlen(s) && !memcmp(h.p, s, h.n);
}

static bool pivot_agg(const ast *a)
{
    for (size_t i = 0; i < sizeof pivot_aggs / sizeof pivot_aggs[0]; i++)
        if (a->kind == AST_CALL && is_name(a->name, pivot_aggs[i]))
            return true;
    return false;
}

/* Marks in used[] the input columns that expression e names. */
static void mark_cols(const ast *e, const hschema *s, bool *used)
{
    if (!e)
        return;
    if (e->kind == AST_IDENT) {
        int c = schema_find(s, e->name.p, e->name.n);
        if (c >= 0)
            used[c] = true;
    }
    for (int i = 0; i < e->nkid; i++)
        mark_cols(e->kid[i], s, used);
}

static ast *ident(qctx *q, const ast *at, const char *name)
{
    ast *n = ast_new(&q->arena, AST_IDENT, at->off, at->len);
    n->name = (hstr){name, (uint32_t)strlen(name)};
    return n;
}

/* `summarize __pivot_v = agg by keys..., pivot` as a pipe over the input. */
static ast *summarize_ast(qctx *q, const ast *at, const ast *agg, const char **keys, int nkeys,
                          const char *pivot)
{
    ast *named = ast_new(&q->arena, AST_NAMED, agg->off, agg->len);
    named->name = (hstr){"__pivot_v", 9};
    ast_add(&q->arena, named, (ast *)agg);
    ast *aggs = ast_new(&q->arena, AST_LIST, at->off, at->len);
    ast_add(&q->arena, aggs, named);
    ast *by = ast_new(&q->arena, AST_LIST, at->off, at->len);
    for (int i = 0; i < nkeys; i++)
        ast_add(&q->arena, by, ident(q, at, keys[i]));
    ast_add(&q->arena, by, ident(q, at, pivot));
    ast *sum = ast_new(&q->arena, AST_SUMMARIZE, at->off, at->len);
    ast_add(&q->arena, sum, aggs);
    ast_add(&q->arena, sum, by);
    ast *pipe = ast_new(&q->arena, AST_PIPE, at->off, at->len);
    ast_add(&q->arena, pipe, NULL);
    ast_add(&q->arena, pipe, sum);
    return pipe;
}

typedef struct pivot_run {
    qctx *q;
    const ast *at;
    htable *r; /* the summarize result: keys..., pivot, value */
    hvec *rc;
    int nkeys;
    bool zero; /* missing cells are 0 */
} pivot_run;

/* The first row of each group (groups are numbered in order of appearance). */
static uint32_t *first_rows(const uint32_t *gid, uint32_t n, uint32_t ngroups)
{
    uint32_t *first = malloc(sizeof(uint32_t) * (ngroups + 1));
    if (!first)
        abort();
    for (uint32_t i = 0, next = 0; i < n; i++)
        if (gid[i] == next)
            first[next++] = i;
    return first;
}

/* The pivot columns' names (text of the pivot values), in first-appearance order. */
static int pivot_names(pivot_run *p, const uint32_t *pg, uint32_t np, hschema *out, htype vt)
{
    qctx *q = p->q;
    uint32_t n = (uint32_t)p->r->nrows;
    hvec txt;
    if (expr_cast(q, &q->arena, &p->rc[p->nkeys], HT_STRING, &txt) < 0)
        return -1;
    uint32_t *first = first_rows(pg, n, np);
    for (uint32_t g = 0; g < np; g++) {
        uint32_t i = first[g];
        hstr s = vec_is_null(&txt, i) ? (hstr){"", 0} : txt.s[i];
        if (!s.n) {
            free(first);
            return q_error(q, HUNT_EUNSUPPORTED, p->at->off, p->at->len,
                           "pivot: a null or empty pivot value can't name a column; not supported");
        }
        const char *nm = arena_strndup(&q->arena, s.p, s.n);
        schema_add(out, name_unique(q, out, nm), vt);
    }
    free(first);
    return 0;
}

static void put_cell(tbuild *tb, int col, const hvec *v, int64_t i, bool zero)
{
    if (i >= 0)
        tbuild_vec(tb, col, v, (uint32_t)i);
    else if (!zero)
        tbuild_null(tb, col);
    else if (v->type == HT_REAL)
        tbuild_real(tb, col, 0);
    else
        tbuild_long(tb, col, 0);
}

static htable *spread(pivot_run *p)
{
    uint32_t n = (uint32_t)p->r->nrows;
    int nk = p->nkeys;
    uint32_t *rg = malloc(sizeof(uint32_t) * (n ? n : 1));
    uint32_t *pg = malloc(sizeof(uint32_t) * (n ? n : 1));
    if (!rg || !pg)
        abort();
    uint32_t nr = vec_group_keys(NULL, p->rc, nk, n, NULL, rg, NULL);
    uint32_t np = vec_group_keys(NULL, &p->rc[nk], 1, n, NULL, pg, NULL);
    hschema out;
    schema_init(&out);
    for (int c = 0; c < nk; c++)
        schema_add(&out, p->r->schema.names[c], p->r->schema.types[c]);
    htable *t = NULL;
    const hvec *vals = &p->rc[nk + 1];
    if ((uint64_t)nr * np > PIVOT_MAX_CELLS)
        q_error(p->q, HUNT_EUNSUPPORTED, p->at->off, p->at->len,
                "pivot: %u rows by %u values is more than %d cells; not supported", nr, np,
                PIVOT_MAX_CELLS);
    else if (pivot_names(p, pg, np, &out, vals->type) == 0) {
        uint32_t *first = first_rows(rg, n, nr);
        int64_t *cell = malloc(sizeof(int64_t) * ((size_t)nr * np + 1));
        if (!cell)
            abort();
        for (size_t k = 0; k < (size_t)nr * np; k++)
            cell[k] = -1;
        for (uint32_t i = 0; i < n; i++)
            cell[(size_t)rg[i] * np + pg[i]] = i;
        t = table_new("pivot", &out);
        tbuild *tb = tbuild_new_scratch(t);
        for (uint32_t g = 0; g < nr; g++) {
            for (int c = 0; c < nk; c++)
                tbuild_vec(tb, c, &p->rc[c], first[g]);
            for (uint32_t v = 0; v < np; v++)
                put_cell(tb, nk + (int)v, vals, cell[(size_t)g * np + v], p->zero);
            tbuild_end_row(tb);
        }
        tbuild_finish(tb);
        free(cell);
        free(first);
    }
    schema_free(&out);
    free(rg);
    free(pg);
    return t;
}

/* t reshaped to the output schema: its columns in that order, converted to the
 * declared types; a column t lacks (a pivot value absent from the data) is 0
 * or null as a cell without rows is. */
static htable *apply_schema(pivot_run *p, htable *t, int ns, const hstr *names, const htype *types)
{
    qctx *q = p->q;
    hschema out;
    schema_init(&out);
    for (int i = 0; i < ns; i++)
        schema_add(&out, arena_strndup(&q->arena, names[i].p, names[i].n), types[i]);
    hvec *flat = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(t->schema.ncols + 1));
    table_flatten(&q->arena, t, flat);
    hvec *cols = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(ns + 1));
    int *src = arena_alloc(&q->arena, sizeof(int) * (size_t)(ns + 1));
    htable *r = NULL;
    for (int i = 0; i < ns; i++) {
        src[i] = schema_find(&t->schema, names[i].p, names[i].n);
        if (src[i] < 0)
            continue;
        if (flat[src[i]].type == types[i])
            cols[i] = flat[src[i]];
        else if (expr_cast(q, &q->arena, &flat[src[i]], types[i], &cols[i]) < 0)
            goto done;
    }
    r = table_new("pivot", &out);
    tbuild *tb = tbuild_new_scratch(r);
    for (int64_t row = 0; row < t->nrows; row++) {
        for (int i = 0; i < ns; i++) {
            if (src[i] >= 0)
                tbuild_vec(tb, i, &cols[i], (uint32_t)row);
            else if (p->zero && types[i] == HT_REAL)
                tbuild_real(tb, i, 0);
            else if (p->zero && ht_is_numeric(types[i]))
                tbuild_long(tb, i, 0);
            else
                tbuild_null(tb, i);
        }
        tbuild_end_row(tb);
    }
    tbuild_finish(tb);
done:
    schema_free(&out);
    return r;
}

/* The group columns into keys: arguments k.. of n, or by default every input
 * column but the pivot column and those the aggregation reads. Returns their
 * count, or -1 with the error set. */
static int pivot_keys(qctx *q, const ast *n, int k, const hschema *s, const ast *agg, int pcol,
                      const char **keys)
{
    int nkeys = 0;
    if (k >= n->nkid) {
        bool *used = arena_zalloc(&q->arena, (size_t)s->ncols + 1);
        mark_cols(agg, s, used);
        used[pcol] = true;
        for (int c = 0; c < s->ncols; c++)
            if (!used[c])
                keys[nkeys++] = s->names[c];
        return nkeys;
    }
    for (; k < n->nkid; k++) {
        const ast *c = n->kid[k];
        if (c->kind != AST_IDENT || schema_find(s, c->name.p, c->name.n) < 0)
            return q_error(q, HUNT_ESEMANTIC, c->off, c->len,
                           "pivot: expected a column name of the input");
        keys[nkeys++] = arena_strndup(&q->arena, c->name.p, c->name.n);
    }
    return nkeys;
}

op *bind_pivot(qctx *q, bind_scope *sc, op *in, const ast *n, int nschema, const hstr *names,
               const htype *types, bool star)
{
    if (star)
        return q_error(q, HUNT_EUNSUPPORTED, n->off, n->len,
                       "pivot: an output schema with '*' is not supported"),
               NULL;
    if (!in)
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                       "pivot needs a tabular input: T | evaluate pivot(Column)"),
               NULL;
    if (n->nkid < 1 || n->kid[0]->kind != AST_IDENT)
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                       "pivot: the first argument must be a column"),
               NULL;
    const ast *pc = n->kid[0];
    const hschema *s = &in->schema;
    int pcol = schema_find(s, pc->name.p, pc->name.n);
    if (pcol < 0)
        return q_error(q, HUNT_ESEMANTIC, pc->off, pc->len, "pivot: unknown column '%.*s'",
                       (int)pc->name.n, pc->name.p),
               NULL;
    int k = 1;
    const ast *agg = NULL;
    if (n->nkid > 1 && n->kid[1]->kind == AST_CALL) {
        agg = n->kid[k++];
        if (!pivot_agg(agg))
            return q_error(q, HUNT_EUNSUPPORTED, agg->off, agg->len,
                           "pivot: aggregation '%.*s' is not supported", (int)agg->name.n,
                           agg->name.p),
                   NULL;
    } else {
        ast *cnt = ast_new(&q->arena, AST_CALL, n->off, n->len);
        cnt->name = (hstr){"count", 5};
        agg = cnt;
    }
    const char **keys = arena_alloc(&q->arena, sizeof(char *) * (size_t)(s->ncols + n->nkid + 1));
    int nkeys = pivot_keys(q, n, k, s, agg, pcol, keys);
    if (nkeys < 0)
        return NULL;
    bind_scope *sub = bind_scope_new(q, sc);
    bind_scope_set_input(sub, in);
    op *sum = bind_tabular(q, sub, summarize_ast(q, n, agg, keys, nkeys, s->names[pcol]));
    if (!sum)
        return NULL;
    pivot_run p = {q, n, exec_collect(q, sum), NULL, nkeys, false};
    if (!p.r)
        return NULL;
    p.zero =
        is_name(agg->name, "count") || is_name(agg->name, "dcount") || is_name(agg->name, "sum");
    p.rc = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(p.r->schema.ncols + 1));
    table_flatten(&q->arena, p.r, p.rc);
    htable *t = spread(&p);
    table_free(p.r);
    if (t && nschema >= 0) {
        htable *full = t;
        t = apply_schema(&p, full, nschema, names, types);
        table_free(full);
    }
    return t ? exec_values(q, t) : NULL;
}
