/* engine/exec_sample.c — sample and sample-distinct, seeded so that they are
 * deterministic.
 *
 *   T | sample N                  up to N rows of T, chosen at random
 *   T | sample-distinct N of Col  up to N distinct values of Col (one column,
 *                                 named and typed like Col)
 *
 * KQL calls both non-deterministic; hunt makes them repeatable: every sample
 * operator draws from its own splitmix64 generator started from the fixed
 * seed SAMPLE_SEED, so the same input gives the same sample on every run.
 * The draw is uniform without replacement (Floyd's algorithm picks N of the
 * row numbers 0..rows-1), and the picked rows keep their input order. With N
 * at least the row count every row is returned. sample-distinct first lists
 * the distinct values of Col (nulls count as one value) in order of first
 * appearance, then picks N of them the same way. N is any numeric expression
 * without columns (a constant, a let value, toscalar(...)), evaluated once; a
 * real is truncated and a negative N gives no rows.
 *
 * Both collect their input (exec_collect) when first pulled, choose the rows,
 * gather the chosen values into vectors and hand them out a batch at a time.
 */
#include "engine.h"
#include "rng.h"
#include "vec.h"

#include <stdlib.h>
#include <string.h>

#define SAMPLE_SEED 0x68756e74u /* "hunt" */

typedef struct sample_st {
    bexpr *count; /* N: numeric, no column references */
    const char *opname;
    int64_t k;
    bexpr *col; /* sample-distinct: the sampled column; NULL for sample */
    htable *t;  /* the collected input; gathered strings point into it */
    hvec *out;
    uint32_t total, emitted;
    bool done;
} sample_st;

/* --- the generator ------------------------------------------------------------------------ */

/* A uniform integer in [0, bound] (rejection keeps it unbiased). */
static uint64_t uniform(uint64_t *s, uint64_t bound)
{
    uint64_t range = bound + 1;
    if (range == 0)
        return rng_next(s);
    uint64_t limit = UINT64_MAX - UINT64_MAX % range;
    uint64_t x;
    do
        x = rng_next(s);
    while (x >= limit);
    return x % range;
}

/* k of the numbers 0..n-1 (k <= n) in increasing order into sel (Floyd). */
static void pick(uint32_t n, uint32_t k, uint32_t *sel)
{
    uint8_t *in = calloc(n ? n : 1, 1);
    if (!in)
        abort();
    uint64_t seed = SAMPLE_SEED;
    for (uint32_t j = n - k; j < n; j++) {
        uint32_t t = (uint32_t)uniform(&seed, j);
        in[in[t] ? j : t] = 1;
    }
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++)
        if (in[i])
            sel[m++] = i;
    free(in);
}

static uint32_t clamp_k(int64_t k, uint32_t n)
{
    return k < 0 ? 0 : (uint64_t)k < n ? (uint32_t)k : n;
}

/* --- the operator ------------------------------------------------------------------------- */

/* Evaluates N once (a constant, a let value or a toscalar() sub-query). */
static int eval_count(op *o)
{
    sample_st *s = o->st;
    hvec v;
    if (expr_eval_once(o->q, s->count, &o->q->arena, &v) < 0)
        return -1;
    if (vec_is_null(&v, 0))
        return q_error(o->q, HUNT_ESEMANTIC, s->count->off, s->count->len, "%s: the count is null",
                       s->opname);
    if (v.type != HT_REAL) {
        s->k = vec_i(&v, 0);
        return 0;
    }
    double r = vec_r(&v, 0);
    s->k = !(r >= 1) ? 0 : r >= 9e18 ? INT64_MAX : (int64_t)r;
    return 0;
}

static int sample_build(op *o)
{
    sample_st *s = o->st;
    qctx *q = o->q;
    if (eval_count(o) < 0)
        return -1;
    s->t = exec_collect(q, o->kids[0]);
    if (!s->t)
        return -1;
    uint32_t n = (uint32_t)s->t->nrows;
    int nc = s->t->schema.ncols;
    hvec *flat = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(nc ? nc : 1));
    table_flatten(&q->arena, s->t, flat);
    uint32_t *sel = arena_alloc(&q->arena, sizeof(uint32_t) * (n ? n : 1));
    s->out = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(o->schema.ncols));
    if (!s->col) {
        s->total = clamp_k(s->k, n);
        pick(n, s->total, sel);
        for (int c = 0; c < nc; c++)
            vec_gather(&q->arena, &flat[c], sel, s->total, &s->out[c]);
        return 0;
    }
    batch f = {n, nc, flat};
    hvec v;
    if (expr_eval_all(q, s->col, &f, &q->arena, &v) < 0)
        return -1;
    uint32_t *rep = arena_alloc(&q->arena, sizeof(uint32_t) * (n ? n : 1));
    uint32_t m = vec_group_rows(&v, n, NULL, rep);
    s->total = clamp_k(s->k, m);
    pick(m, s->total, sel);
    for (uint32_t i = 0; i < s->total; i++)
        sel[i] = rep[sel[i]];
    vec_gather(&q->arena, &v, sel, s->total, &s->out[0]);
    return 0;
}

static int sample_next(op *o, batch **out)
{
    sample_st *s = o->st;
    arena_reset(&o->arena);
    if (!s->done) {
        s->done = true;
        if (sample_build(o) < 0)
            return -1;
    }
    *out = flat_next(&o->arena, s->out, o->schema.ncols, s->total, &s->emitted);
    return 0;
}

static void sample_close(op *o)
{
    sample_st *s = o->st;
    if (s->t)
        table_free(s->t);
    s->t = NULL;
}

/* --- binding ------------------------------------------------------------------------------ */

/* The count N of `sample N`: a numeric expression without columns, evaluated
 * once when the operator runs. -1 with the error set when it is not one. */
static int bind_count(qctx *q, bind_scope *sc, const ast *n, sample_st *s)
{
    s->count = bind_scalar(q, sc, NULL, n);
    if (!s->count)
        return -1;
    if (!ht_is_numeric(s->count->type))
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len, "%s: the count must be a number, got %s",
                       s->opname, ht_name(s->count->type));
    return 0;
}

static op *sample_op(qctx *q, op *in, sample_st *s, const hschema *out)
{
    op *o = op_new(q, s->col ? "sample-distinct" : "sample", 1);
    o->kids[0] = in;
    o->st = s;
    schema_copy(&o->schema, out);
    o->next = sample_next;
    o->close = sample_close;
    return o;
}

op *bind_sample(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    sample_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->opname = "sample";
    if (bind_count(q, sc, n->kid[0], s) < 0)
        return NULL;
    return sample_op(q, in, s, &in->schema);
}

op *bind_sample_distinct(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    sample_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->opname = "sample-distinct";
    if (bind_count(q, sc, n->kid[0], s) < 0)
        return NULL;
    const ast *c = n->kid[1];
    if (c->kind != AST_IDENT)
        return q_error(q, HUNT_EUNSUPPORTED, c->off, c->len,
                       "sample-distinct: only a column name is supported after 'of'"),
               NULL;
    s->col = bind_scalar(q, sc, &in->schema, c);
    if (!s->col)
        return NULL;
    hschema out;
    schema_init(&out);
    schema_add(&out, arena_strndup(&q->arena, c->name.p, c->name.n), s->col->type);
    op *o = sample_op(q, in, s, &out);
    schema_free(&out);
    return o;
}
