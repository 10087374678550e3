/* engine/exec_top_nested.c — top-nested: hierarchical aggregation with the
 * top values at each level.
 *
 *   T | top-nested [N] of [Name =] Expr by [Name =] Aggregation, top-nested ...
 *
 * Level 1 partitions the rows by Expr, aggregates each partition, keeps the
 * N partitions with the highest aggregate (all when N is omitted); each
 * following clause does the same inside each kept partition. The output has
 * one row per kept leaf with two columns per clause: the Expr value (named
 * after Expr) and the aggregate (named aggregated_<Expr> unless named).
 * Order is descending (the parser does not keep asc/desc or `with others`,
 * which are therefore not supported).
 *
 * The operator collects its input, evaluates each clause's Expr and
 * aggregate arguments over all rows once, then recurses over row subsets
 * (arrays of row numbers), aggregating with agg.h per partition.
 */
#include "agg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

aggspec *ms_bind_agg(qctx *q, bind_scope *s, const hschema *in, const ast *e, const char **name);

typedef struct tn_clause {
    int64_t n;    /* -1: all */
    bexpr *nexpr; /* N known only when running (a toscalar() sub-query), else NULL */
    bexpr *of;
    aggspec *agg;
    hvec ofv;   /* Expr over all rows */
    hvec *argv; /* aggregate arguments over all rows */
} tn_clause;

typedef struct tn_st {
    tn_clause *cl;
    int ncl;
    htable *out;
    hvec *flat;
    uint32_t emitted;
    bool done;
} tn_st;

/* One kept partition on the current path: its Expr value (a row of ofv)
 * and its aggregate value. */
typedef struct tn_path {
    uint32_t rep;
    hvec aggv; /* one value */
} tn_path;

typedef struct tn_run {
    op *o;
    harena *a;
    tbuild *tb;
    tn_path *path;
    harena keep;
} tn_run;

/* N from its one value (not null): a real is truncated, a negative N is 0. */
static int64_t n_value(const hvec *v)
{
    int64_t n = v->type == HT_REAL ? (int64_t)vec_r(v, 0) : vec_i(v, 0);
    return n < 0 ? 0 : n;
}

/* Groups rows[0..n) by v: gid per row, rep (first row) per group. */
static uint32_t group_by(const hvec *v, const uint32_t *rows, uint32_t n, uint32_t *gid,
                         uint32_t *rep)
{
    uint32_t nslots = 16, ng = 0;
    while (nslots < n * 2)
        nslots *= 2;
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        abort();
    for (uint32_t i = 0; i < n; i++) {
        uint32_t r = rows[i];
        uint32_t k = (uint32_t)value_hash(v, r) & (nslots - 1);
        for (;; k = (k + 1) & (nslots - 1)) {
            if (!slots[k]) {
                rep[ng] = r;
                slots[k] = ++ng;
                gid[i] = ng - 1;
                break;
            }
            if (value_eq(v, rep[slots[k] - 1], v, r)) {
                gid[i] = slots[k] - 1;
                break;
            }
        }
    }
    free(slots);
    return ng;
}

/* Aggregates clause c over rows grouped by gid into aggv (ng values). */
static void aggregate(tn_run *r, tn_clause *c, const uint32_t *rows, const uint32_t *gid,
                      uint32_t n, uint32_t ng, hvec *aggv)
{
    aggspec *sp = c->agg;
    char *states = calloc(ng ? ng : 1, sp->size);
    if (!states)
        abort();
    for (uint32_t g = 0; g < ng; g++)
        sp->def->init(sp, states + sp->size * g);
    hvec av[FN_MAX_ARGS];
    harena tmp;
    arena_init(&tmp);
    for (uint32_t off = 0; off < n; off += VEC_BATCH) {
        uint32_t m = n - off < VEC_BATCH ? n - off : VEC_BATCH;
        arena_reset(&tmp);
        for (int j = 0; j < sp->nargs; j++) {
            vec_alloc(&tmp, &av[j], c->argv[j].type, m);
            for (uint32_t i = 0; i < m; i++)
                vec_copy_value(&tmp, &av[j], i, &c->argv[j], rows[off + i]);
        }
        sp->def->update(sp, states, gid + off, m, av, &r->keep);
    }
    arena_free(&tmp);
    vec_alloc(r->a, aggv, sp->outtypes[0], ng ? ng : 1);
    memset(aggv->data, 0, vec_width(aggv->type) * (ng ? ng : 1));
    for (uint32_t g = 0; g < ng; g++)
        sp->def->final(sp, states + sp->size * g, r->a, 0, aggv, g);
    if (sp->def->destroy)
        for (uint32_t g = 0; g < ng; g++)
            sp->def->destroy(sp, states + sp->size * g);
    free(states);
}

static int cmp_desc(const void *pa, const void *pb, void *arg)
{
    const hvec *sort_vec = arg;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    bool na = vec_is_null(sort_vec, a), nb = vec_is_null(sort_vec, b);
    if (na || nb)
        return na && nb ? (a > b) - (a < b) : na ? 1 : -1;
    int c = value_cmp(sort_vec, b, sort_vec, a);
    return c ? c : (a > b) - (a < b);
}

static void emit_path(tn_run *r)
{
    tn_st *s = r->o->st;
    for (int l = 0; l < s->ncl; l++) {
        tbuild_vec(r->tb, 2 * l, &s->cl[l].ofv, r->path[l].rep);
        tbuild_vec(r->tb, 2 * l + 1, &r->path[l].aggv, 0);
    }
    tbuild_end_row(r->tb);
}

static void level(tn_run *r, int l, const uint32_t *rows, uint32_t n)
{
    tn_st *s = r->o->st;
    if (l == s->ncl) {
        emit_path(r);
        return;
    }
    if (n == 0)
        return;
    tn_clause *c = &s->cl[l];
    uint32_t *gid = malloc(sizeof(uint32_t) * n);
    uint32_t *rep = malloc(sizeof(uint32_t) * n);
    uint32_t *order = malloc(sizeof(uint32_t) * n);
    uint32_t *sub = malloc(sizeof(uint32_t) * n);
    if (!gid || !rep || !order || !sub)
        abort();
    uint32_t ng = group_by(&c->ofv, rows, n, gid, rep);
    hvec aggv;
    aggregate(r, c, rows, gid, n, ng, &aggv);
    for (uint32_t g = 0; g < ng; g++)
        order[g] = g;
    qsort_r(order, ng, sizeof(uint32_t), cmp_desc, &aggv);
    uint32_t keep = c->n >= 0 && (uint64_t)c->n < ng ? (uint32_t)c->n : ng;
    for (uint32_t k = 0; k < keep; k++) {
        uint32_t g = order[k];
        uint32_t m = 0;
        for (uint32_t i = 0; i < n; i++)
            if (gid[i] == g)
                sub[m++] = rows[i];
        r->path[l].rep = rep[g];
        vec_alloc(r->a, &r->path[l].aggv, aggv.type, 1);
        r->path[l].aggv.null = NULL;
        vec_copy_value(r->a, &r->path[l].aggv, 0, &aggv, g);
        level(r, l + 1, sub, m);
    }
    free(gid);
    free(rep);
    free(order);
    free(sub);
}

static int tn_build(op *o, harena *a)
{
    tn_st *s = o->st;
    htable *t = exec_collect(o->q, o->kids[0]);
    if (!t)
        return -1;
    batch f = {(uint32_t)t->nrows, t->schema.ncols,
               arena_zalloc(a, sizeof(hvec) * (size_t)(t->schema.ncols ? t->schema.ncols : 1))};
    table_flatten(a, t, f.cols);
    int rc = 0;
    for (int l = 0; l < s->ncl && rc == 0; l++) {
        tn_clause *c = &s->cl[l];
        if (c->nexpr) {
            hvec nv;
            rc = expr_eval_once(o->q, c->nexpr, a, &nv);
            if (rc == 0 && vec_is_null(&nv, 0))
                rc = q_error(o->q, HUNT_ESEMANTIC, c->nexpr->off, c->nexpr->len,
                             "top-nested: N is null");
            if (rc < 0)
                break;
            c->n = n_value(&nv);
        }
        rc = expr_eval_all(o->q, c->of, &f, a, &c->ofv);
        c->argv = arena_zalloc(a, sizeof(hvec) * (size_t)(c->agg->nargs + 1));
        for (int j = 0; j < c->agg->nargs && rc == 0; j++)
            rc = expr_eval_all(o->q, c->agg->args[j], &f, a, &c->argv[j]);
    }
    if (rc == 0) {
        tn_run r = {o,
                    a,
                    tbuild_new_scratch(s->out),
                    arena_zalloc(a, sizeof(tn_path) * (size_t)s->ncl),
                    {0}};
        arena_init(&r.keep);
        uint32_t *rows = malloc(sizeof(uint32_t) * (f.n ? f.n : 1));
        if (!rows)
            abort();
        for (uint32_t i = 0; i < f.n; i++)
            rows[i] = i;
        level(&r, 0, rows, f.n);
        free(rows);
        tbuild_finish(r.tb);
        arena_free(&r.keep);
    }
    table_free(t);
    return rc;
}

static int tn_next(op *o, batch **out)
{
    tn_st *s = o->st;
    arena_reset(&o->arena);
    if (!s->done) {
        s->done = true;
        harena tmp;
        arena_init(&tmp);
        int rc = tn_build(o, &tmp);
        arena_free(&tmp);
        if (rc < 0)
            return -1;
        s->flat = arena_zalloc(&o->q->arena, sizeof(hvec) * (size_t)o->schema.ncols);
        table_flatten(&o->q->arena, s->out, s->flat);
    }
    *out = flat_next(&o->arena, s->flat, o->schema.ncols, (uint32_t)s->out->nrows, &s->emitted);
    return 0;
}

static void free_specs(tn_st *s)
{
    for (int l = 0; l < s->ncl; l++)
        if (s->cl[l].agg) {
            free(s->cl[l].agg->params);
            s->cl[l].agg->outtypes = NULL;
            s->cl[l].agg->params = NULL;
        }
}

static void tn_close(op *o)
{
    tn_st *s = o->st;
    if (s->out)
        table_free(s->out);
    s->out = NULL;
    free_specs(s);
}

/* --- binding ---------------------------------------------------------------------------- */

static int bind_clause(qctx *q, bind_scope *sc, op *in, const ast *l, tn_clause *c, hschema *out)
{
    c->n = -1;
    if (l->nkid < 3 || !l->kid[1] || !l->kid[2])
        return q_error(q, HUNT_ESYNTAX, l->off, l->len,
                       "top-nested: expected N of Expr by Aggregation");
    if (l->kid[0]) {
        bexpr *e = bind_scalar(q, sc, NULL, l->kid[0]);
        if (!e)
            return -1;
        if (!ht_is_numeric(e->type) || bexpr_reads_column(e) ||
            (e->kind == BX_CONST && vec_is_null(&e->cval, 0)))
            return q_error(q, HUNT_ESEMANTIC, l->kid[0]->off, l->kid[0]->len,
                           "top-nested: N must be a number that reads no column");
        if (e->kind == BX_CONST)
            c->n = n_value(&e->cval);
        else
            c->nexpr = e; /* a sub-query: it runs with the operator, once */
    }
    const ast *of = l->kid[1], *by = l->kid[2];
    const ast *ofx = of->kind == AST_NAMED ? of->kid[0] : of;
    c->of = bind_scalar(q, sc, &in->schema, ofx);
    if (!c->of)
        return -1;
    if (c->of->type == HT_UNKNOWN)
        c->of = bind_cast(q, c->of, HT_STRING);
    const char *ofname = of->kind == AST_NAMED ? arena_strndup(&q->arena, of->name.p, of->name.n)
                                               : bind_expr_name(q, ofx);
    if (!ofname)
        ofname = "Column1";
    const char *aggname = NULL;
    c->agg = ms_bind_agg(q, sc, &in->schema, by->kind == AST_NAMED ? by->kid[0] : by, &aggname);
    if (!c->agg)
        return -1;
    char buf[300];
    if (by->kind == AST_NAMED)
        snprintf(buf, sizeof buf, "%.*s", (int)by->name.n, by->name.p);
    else
        snprintf(buf, sizeof buf, "aggregated_%s", ofname);
    schema_add(out, name_unique(q, out, ofname), c->of->type);
    schema_add(out, name_unique(q, out, arena_strndup(&q->arena, buf, strlen(buf))),
               c->agg->outtypes[0]);
    return 0;
}

op *bind_top_nested(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    tn_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->ncl = n->nkid;
    s->cl = arena_zalloc(&q->arena, sizeof(tn_clause) * (size_t)(n->nkid ? n->nkid : 1));
    hschema out;
    schema_init(&out);
    op *o = NULL;
    for (int l = 0; l < n->nkid; l++)
        if (bind_clause(q, sc, in, n->kid[l], &s->cl[l], &out) < 0)
            goto done;
    s->out = table_new("top-nested", &out);
    o = op_new(q, "top-nested", 1);
    o->kids[0] = in;
    o->st = s;
    schema_copy(&o->schema, &out);
    o->next = tn_next;
    o->close = tn_close;
done:
    if (!o)
        free_specs(s);
    schema_free(&out);
    return o;
}
