/* engine/exec_sort.c — sort, order by and top: materialize, sort a row
 * permutation, emit in order.
 *
 * The input and the evaluated sort keys are collected into a query-owned
 * table, flattened into one vector per column, and a permutation of row
 * numbers is sorted with the keys' comparisons (nulls placed as asked; ties
 * keep input order). top N emits only the first N rows.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

typedef struct sort_st {
    sortkey *keys;
    int nkeys;
    int64_t limit;  /* -1: all */
    htable *t;
    hvec *flat;     /* ncols input columns, then nkeys key columns */
    uint32_t *perm;
    uint32_t nrows, emitted;
    bool done;
} sort_st;

/* Flattens the extents of t into one vector per column (memory from a);
 * strings point into the extents. */
void table_flatten(harena *a, htable *t, hvec *cols)
{
    uint32_t n = (uint32_t)t->nrows;
    for (int c = 0; c < t->schema.ncols; c++) {
        hvec *v = &cols[c];
        vec_alloc(a, v, t->schema.types[c], n ? n : 1);
        v->n = n;
        size_t w = vec_width(v->type);
        uint32_t at = 0;
        for (int e = 0; e < t->next; e++) {
            hextent *x = t->ext[e];
            hcol *col = &x->cols[c];
            for (uint32_t r = 0; r < x->nrows; r++) {
                if (col_is_null(col, r))
                    vec_set_null(a, v, at + r);
                if (ht_is_str(v->type))
                    v->s[at + r] = col_str(col, r);
            }
            if (!ht_is_str(v->type))
                memcpy((char *)v->data + w * at, col->data, w * x->nrows);
            at += x->nrows;
        }
    }
}

static int cmp_rows(const void *pa, const void *pb, void *arg)
{
    sort_st *s = arg;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    int base = s->t->schema.ncols - s->nkeys;
    for (int k = 0; k < s->nkeys; k++) {
        const hvec *v = &s->flat[base + k];
        bool na = vec_is_null(v, a), nb = vec_is_null(v, b);
        if (na || nb) {
            if (na && nb)
                continue;
            return (na ? -1 : 1) * (s->keys[k].nulls_first ? 1 : -1);
        }
        int c = value_cmp(v, a, v, b);
        if (c)
            return s->keys[k].desc ? -c : c;
    }
    return a < b ? -1 : a > b;
}

static int sort_consume(op *o)
{
    sort_st *s = o->st;
    qctx *q = o->q;
    hschema sch;
    schema_init(&sch);
    schema_copy(&sch, &o->schema);
    for (int k = 0; k < s->nkeys; k++)
        schema_add(&sch, "__key", s->keys[k].e->type);
    s->t = table_new("sort", &sch);
    schema_free(&sch);
    tbuild *tb = tbuild_new(s->t);
    harena tmp;
    arena_init(&tmp);
    int rc = 0;
    int nin = o->schema.ncols;
    for (;;) {
        batch *in;
        if (o->kids[0]->next(o->kids[0], &in) < 0) {
            rc = -1;
            break;
        }
        if (!in)
            break;
        arena_reset(&tmp);
        hvec kv[64];
        for (int k = 0; k < s->nkeys; k++)
            if (expr_eval(q, s->keys[k].e, in, &tmp, &kv[k]) < 0) {
                rc = -1;
                goto out;
            }
        for (uint32_t i = 0; i < in->n; i++) {
            for (int c = 0; c < nin; c++)
                tbuild_vec(tb, c, &in->cols[c], i);
            for (int k = 0; k < s->nkeys; k++)
                tbuild_vec(tb, nin + k, &kv[k], i);
            tbuild_end_row(tb);
        }
    }
out:
    tbuild_finish(tb);
    arena_free(&tmp);
    if (rc < 0)
        return -1;
    s->nrows = (uint32_t)s->t->nrows;
    s->flat = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)s->t->schema.ncols);
    table_flatten(&q->arena, s->t, s->flat);
    s->perm = malloc(sizeof(uint32_t) * (s->nrows ? s->nrows : 1));
    for (uint32_t i = 0; i < s->nrows; i++)
        s->perm[i] = i;
    qsort_r(s->perm, s->nrows, sizeof(uint32_t), cmp_rows, s);
    if (s->limit >= 0 && (int64_t)s->nrows > s->limit)
        s->nrows = (uint32_t)s->limit;
    s->done = true;
    return 0;
}

static int sort_next(op *o, batch **out)
{
    sort_st *s = o->st;
    if (!s->done && sort_consume(o) < 0)
        return -1;
    arena_reset(&o->arena);
    if (s->emitted >= s->nrows) {
        *out = NULL;
        return 0;
    }
    uint32_t n = s->nrows - s->emitted;
    if (n > VEC_BATCH)
        n = VEC_BATCH;
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = n;
    b->ncols = o->schema.ncols;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(b->ncols ? b->ncols : 1));
    const uint32_t *sel = s->perm + s->emitted;
    for (int c = 0; c < b->ncols; c++) {
        hvec *v = &b->cols[c];
        const hvec *src = &s->flat[c];
        vec_alloc(&o->arena, v, src->type, n);
        for (uint32_t i = 0; i < n; i++)
            vec_copy_value(&o->arena, v, i, src, sel[i]);
    }
    s->emitted += n;
    *out = b;
    return 0;
}

static void sort_close(op *o)
{
    sort_st *s = o->st;
    free(s->perm);
    if (s->t)
        table_free(s->t);
}

op *exec_sort(qctx *q, op *in, sortkey *keys, int nkeys, int64_t limit)
{
    op *o = op_new(q, "sort", 1);
    o->kids[0] = in;
    sort_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->keys = keys;
    s->nkeys = nkeys;
    s->limit = limit;
    o->st = s;
    schema_copy(&o->schema, &in->schema);
    o->next = sort_next;
    o->close = sort_close;
    o->serialized = true;
    return o;
}
