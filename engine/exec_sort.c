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
    int64_t limit; /* -1: all */
    htable *t;
    hvec *flat;    /* ncols input columns, then nkeys key columns */
    hvec *cmpflat; /* what cmp_rows compares (flat, or a compaction's) */
    int keybase;   /* first key column in cmpflat */
    hvec *thresh;  /* top-N: keys of the N-th best row so far (one value each) */
    bool have_thresh;
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
    for (int k = 0; k < s->nkeys; k++) {
        const hvec *v = &s->cmpflat[s->keybase + k];
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

/* Does row i of the key vectors sort strictly before the threshold row? */
static bool beats_threshold(sort_st *s, const hvec *kv, uint32_t i)
{
    for (int k = 0; k < s->nkeys; k++) {
        const hvec *v = &kv[k], *t = &s->thresh[k];
        bool na = vec_is_null(v, i), nb = vec_is_null(t, 0);
        int c;
        if (na || nb) {
            if (na && nb)
                continue;
            c = (na ? -1 : 1) * (s->keys[k].nulls_first ? 1 : -1);
        } else {
            c = value_cmp(v, i, t, 0);
            if (s->keys[k].desc)
                c = -c;
        }
        if (c)
            return c < 0;
    }
    return false; /* a tie does not beat rows that came first */
}

/* Orders rows of one batch by the sort keys (ties: batch order). */
typedef struct batch_cmp {
    sort_st *s;
    const hvec *kv;
} batch_cmp;

static int cmp_batch_rows(const void *pa, const void *pb, void *arg)
{
    const batch_cmp *bc = arg;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    for (int k = 0; k < bc->s->nkeys; k++) {
        const hvec *v = &bc->kv[k];
        bool na = vec_is_null(v, a), nb = vec_is_null(v, b);
        if (na || nb) {
            if (na && nb)
                continue;
            return (na ? -1 : 1) * (bc->s->keys[k].nulls_first ? 1 : -1);
        }
        int c = value_cmp(v, a, v, b);
        if (c)
            return bc->s->keys[k].desc ? -c : c;
    }
    return a < b ? -1 : a > b;
}

static htable *sort_table(sort_st *s, const hschema *sch)
{
    (void)s;
    return table_new("sort", sch);
}

/* Sorts the buffered rows of s->t and keeps the first `keep` of them in a
 * new table; remembers the last kept row's keys as the top-N threshold. */
static void compact(sort_st *s, qctx *q, uint32_t keep)
{
    harena tmp;
    arena_init(&tmp);
    htable *t = s->t;
    int nc = t->schema.ncols;
    hvec *flat = arena_zalloc(&tmp, sizeof(hvec) * (size_t)nc);
    table_flatten(&tmp, t, flat);
    uint32_t n = (uint32_t)t->nrows;
    uint32_t *perm = malloc(sizeof(uint32_t) * (n ? n : 1));
    for (uint32_t i = 0; i < n; i++)
        perm[i] = i;
    s->cmpflat = flat;
    s->keybase = nc - s->nkeys;
    qsort_r(perm, n, sizeof(uint32_t), cmp_rows, s);
    if (keep > n)
        keep = n;
    htable *t2 = sort_table(s, &t->schema);
    tbuild *tb = tbuild_new_scratch(t2);
    for (uint32_t r = 0; r < keep; r++) {
        for (int c = 0; c < nc; c++)
            tbuild_vec(tb, c, &flat[c], perm[r]);
        tbuild_end_row(tb);
    }
    tbuild_finish(tb);
    if (keep > 0) {
        if (!s->thresh)
            s->thresh = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)s->nkeys);
        for (int k = 0; k < s->nkeys; k++) {
            hvec *v = &s->thresh[k];
            const hvec *src = &flat[s->keybase + k];
            vec_const(&q->arena, v, src->type, 1);
            vec_copy_value(&q->arena, v, 0, src, perm[keep - 1]);
            if (ht_is_str(src->type) && !vec_is_null(src, perm[keep - 1])) {
                hstr x = vec_s(src, perm[keep - 1]);
                v->s[0].p = arena_strndup(&q->arena, x.p, x.n);
            }
        }
        s->have_thresh = true;
    }
    free(perm);
    table_free(t);
    s->t = t2;
    arena_free(&tmp);
}

/* Top N over a scan, sorted by a column first: can this extent hold a row
 * that beats the current N-th? (Its best value must be strictly better than
 * the threshold's first key; nulls placed first could always beat it.) */
static bool topn_skip_extent(void *arg, const hextent *e)
{
    sort_st *s = arg;
    if (!s->have_thresh || vec_is_null(&s->thresh[0], 0))
        return false;
    const hcol *c = &e->cols[s->keys[0].e->col];
    if (c->nnull > 0 && s->keys[0].nulls_first)
        return false;
    if (!c->has_minmax)
        return c->nnull == e->nrows; /* all null: they sort last here */
    if (c->type == HT_REAL) {
        double t = s->thresh[0].r[0];
        return s->keys[0].desc ? c->rmax < t : c->rmin > t;
    }
    int64_t t = s->thresh[0].i[0];
    return s->keys[0].desc ? c->imax < t : c->imin > t;
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
    s->t = sort_table(s, &sch);
    schema_free(&sch);
    tbuild *tb = tbuild_new_scratch(s->t);
    harena tmp;
    arena_init(&tmp);
    int rc = 0;
    int nin = o->schema.ncols;
    /* top N: rows are buffered up to 2N (at least 4096), then sorted and cut
     * to N; later rows that cannot beat the N-th are not copied at all. */
    bool topn = s->limit >= 0 && s->limit <= 1000000;
    /* sorted by a column of the scanned table: meet the best extents first and
     * skip those that cannot contribute */
    if (topn && s->keys[0].e->kind == BX_COL)
        exec_scan_order_by(o->kids[0], s->keys[0].e->col, s->keys[0].desc, topn_skip_extent, s);
    int64_t buffered = 0, compact_at = topn ? (s->limit * 2 > 4096 ? s->limit * 2 : 4096) : 0;
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
        /* rows of this batch worth keeping: all, or for a top N the ones that
         * beat the current N-th row, cut to this batch's own best N */
        uint32_t *sel = arena_alloc(&tmp, sizeof(uint32_t) * (in->n ? in->n : 1));
        uint32_t ns = 0;
        for (uint32_t i = 0; i < in->n; i++)
            if (!s->have_thresh || beats_threshold(s, kv, i))
                sel[ns++] = i;
        if (topn && ns > (uint32_t)s->limit) {
            batch_cmp bc = {s, kv};
            qsort_r(sel, ns, sizeof(uint32_t), cmp_batch_rows, &bc);
            ns = (uint32_t)s->limit;
        }
        for (uint32_t j = 0; j < ns; j++) {
            uint32_t i = sel[j];
            for (int c = 0; c < nin; c++)
                tbuild_vec(tb, c, &in->cols[c], i);
            for (int k = 0; k < s->nkeys; k++)
                tbuild_vec(tb, nin + k, &kv[k], i);
            tbuild_end_row(tb);
            buffered++;
        }
        /* the first threshold as soon as there are N rows, then every 2N */
        if (topn &&
            (buffered >= compact_at || (!s->have_thresh && s->limit > 0 && buffered >= s->limit))) {
            tbuild_finish(tb);
            compact(s, q, (uint32_t)s->limit);
            buffered = s->t->nrows;
            tb = tbuild_new_scratch(s->t);
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
    s->cmpflat = s->flat;
    s->keybase = s->t->schema.ncols - s->nkeys;
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

/* `sort ... | take N` is a top N: lets the binder push the limit into the
 * sort below it. Returns false when o is not a sort. */
bool exec_sort_set_limit(op *o, int64_t n)
{
    if (strcmp(o->name, "sort") != 0)
        return false;
    sort_st *s = o->st;
    if (s->limit < 0 || n < s->limit)
        s->limit = n;
    return true;
}
