/* engine/exec.c — the streaming operators: scan, filter, project/extend,
 * take, count, union, the collector that materializes an operator's output
 * into a table, and the helpers that evaluate over or serve such a
 * materialized frame batch by batch.
 *
 * Each operator hands out batches from its own arena, reset at every call of
 * next, so memory stays bounded by one batch per operator in the pipeline.
 * The scan reads extents without copying fixed-width columns: its vectors
 * point into the extent arrays; strings get an hstr array per batch.
 */
#include "engine.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

op *op_new(qctx *q, const char *name, int nkids)
{
    op *o = arena_zalloc(&q->arena, sizeof *o);
    o->name = name;
    o->q = q;
    arena_init(&o->arena);
    schema_init(&o->schema);
    if (nkids)
        o->kids = arena_zalloc(&q->arena, sizeof(op *) * (size_t)nkids);
    o->nkids = nkids;
    if (q->nops == q->opscap) {
        q->opscap = q->opscap ? q->opscap * 2 : 16;
        q->ops = realloc(q->ops, sizeof(op *) * (size_t)q->opscap);
    }
    q->ops[q->nops++] = o;
    return o;
}

/* Frees every operator the query created (whether or not it ran). */
void op_close_tree(op *o)
{
    (void)o;
}

static int op_pull(op *o, batch **out)
{
    return o->next(o, out);
}

static batch *batch_new(harena *a, int ncols, uint32_t n)
{
    batch *b = arena_alloc(a, sizeof *b);
    b->n = n;
    b->ncols = ncols;
    b->cols = arena_zalloc(a, sizeof(hvec) * (size_t)(ncols ? ncols : 1));
    return b;
}

/* --- scan ------------------------------------------------------------------ */

typedef struct scan_st {
    htable *t;
    int ext;      /* current extent */
    uint32_t row; /* next row in it */
    int64_t tmin, tmax;
    int timecol;      /* -1: no pruning */
    bool owned;       /* table belongs to the query (materialized) */
    uint8_t *need;    /* columns to slice; NULL = all (prune.c) */
    int part, nparts; /* this scan reads extents with index % nparts == part */
    int *order;       /* extent visiting order (top N by a column), or NULL */
    int ingest_col;   /* output column of ingestion_time(), or -1 */
    bool (*skip)(void *arg, const hextent *e); /* asked before each extent */
    void *skip_arg;
    /* term-index pruning (term_prune.c): the predicates of the `where`s
     * right above the scan; per extent, the candidate rows when they are
     * fewer than all (then row counts positions in cand) */
    bexpr *terms[4];
    int nterms;
    harena tarena;  /* cand, reset per extent */
    uint32_t *cand; /* NULL: every row */
    uint32_t ncand;
} scan_st;

static bool ext_in_range(scan_st *s, hextent *e)
{
    if (s->timecol < 0)
        return true;
    hcol *c = &e->cols[s->timecol];
    if (!c->has_minmax)
        return c->nnull < e->nrows ? true : false;
    return !(c->imax < s->tmin || c->imin > s->tmax);
}

/* The null map of rows from, from + 1, ... (rows NULL) or rows[0..n) of c, or
 * NULL when none of them is null. */
static uint8_t *col_nulls(harena *a, const hcol *c, uint32_t from, const uint32_t *rows, uint32_t n)
{
    if (!c->nullbits)
        return NULL;
    uint8_t *nb = NULL;
    for (uint32_t i = 0; i < n; i++) {
        if (col_is_null(c, rows ? rows[i] : from + i)) {
            if (!nb)
                nb = arena_zalloc(a, n);
            nb[i] = 1;
        }
    }
    return nb;
}

/* Gives string vector v (rows from `codes`) the codes of dictionary column c. */
static void vec_set_codes(hvec *v, const hcol *c, const uint16_t *codes)
{
    if (!c->s.dhash)
        return;
    v->codes = codes;
    v->dhash = c->s.dhash;
    v->dict = c->s.off;
    v->ndict = c->s.ndict;
    v->codes_for = v->s;
}

static void col_slice(harena *a, const hcol *c, uint32_t from, uint32_t n, hvec *v)
{
    v->type = c->type;
    v->n = n;
    v->cmask = ~0u;
    v->codes = NULL;
    v->codes_for = NULL;
    v->null = col_nulls(a, c, from, NULL, n);
    switch (c->type) {
    case HT_BOOL:
        v->b = c->b + from;
        break;
    case HT_REAL:
        v->r = c->r + from;
        break;
    case HT_GUID:
        v->g = c->g + from;
        break;
    case HT_STRING:
    case HT_DYNAMIC: {
        hstr *s = arena_alloc(a, sizeof(hstr) * n);
        if (c->s.codes) {
            const uint16_t *code = c->s.codes + from;
            for (uint32_t i = 0; i < n; i++) {
                uint32_t k = code[i];
                s[i].p = c->s.bytes + c->s.off[k];
                s[i].n = c->s.off[k + 1] - c->s.off[k];
            }
            v->s = s;
            vec_set_codes(v, c, code);
        } else {
            const uint32_t *off = c->s.off + from;
            for (uint32_t i = 0; i < n; i++) {
                s[i].p = c->s.bytes + off[i];
                s[i].n = off[i + 1] - off[i];
            }
        }
        v->s = s;
        break;
    }
    default:
        v->i = c->i + from;
        break;
    }
}

/* Like col_slice, for the rows rows[0..n) of c. */
static void col_pick(harena *a, const hcol *c, const uint32_t *rows, uint32_t n, hvec *v)
{
    v->type = c->type;
    v->n = n;
    v->cmask = ~0u;
    v->codes = NULL;
    v->codes_for = NULL;
    v->null = col_nulls(a, c, 0, rows, n);
    switch (c->type) {
    case HT_BOOL:
        v->b = arena_alloc(a, n);
        for (uint32_t i = 0; i < n; i++)
            v->b[i] = c->b[rows[i]];
        break;
    case HT_REAL:
        v->r = arena_alloc(a, sizeof(double) * n);
        for (uint32_t i = 0; i < n; i++)
            v->r[i] = c->r[rows[i]];
        break;
    case HT_GUID:
        v->g = arena_alloc(a, sizeof(hguid) * n);
        for (uint32_t i = 0; i < n; i++)
            v->g[i] = c->g[rows[i]];
        break;
    case HT_STRING:
    case HT_DYNAMIC: {
        /* picked rows are scattered: start loading their bytes now, so the
         * kernels above find them in cache instead of waiting on each */
        hstr *st = arena_alloc(a, sizeof(hstr) * n);
        if (c->s.codes) { /* the dictionary is small and shared: no prefetch */
            uint16_t *code = arena_alloc(a, sizeof *code * (n ? n : 1));
            for (uint32_t i = 0; i < n; i++) {
                code[i] = c->s.codes[rows[i]];
                st[i] = col_str(c, rows[i]);
            }
            v->s = st;
            vec_set_codes(v, c, code);
            break;
        }
        for (uint32_t i = 0; i < n; i++) {
            uint32_t r = rows[i];
            st[i].p = c->s.bytes + c->s.off[r];
            st[i].n = c->s.off[r + 1] - c->s.off[r];
            __builtin_prefetch(st[i].p);
            if (st[i].n > 64)
                __builtin_prefetch(st[i].p + 64);
        }
        v->s = st;
        break;
    }
    default:
        v->i = arena_alloc(a, sizeof(int64_t) * n);
        for (uint32_t i = 0; i < n; i++)
            v->i[i] = c->i[rows[i]];
        break;
    }
}

/* On entering extent e: the candidate rows of the term predicates, in
 * s->cand (NULL: read every row). Returns false when no row can match. */
static bool scan_terms(scan_st *s, hextent *e)
{
    s->cand = NULL;
    if (!s->nterms)
        return true;
    arena_reset(&s->tarena);
    uint32_t *best = NULL;
    int64_t nbest = -1;
    for (int i = 0; i < s->nterms; i++) {
        uint32_t *rows;
        int64_t k = term_prune_rows(s->terms[i], e, !s->owned, &s->tarena, &rows);
        if (k == 0)
            return false;
        if (k > 0 && (nbest < 0 || k < nbest)) {
            nbest = k;
            best = rows;
        }
    }
    /* most rows: reading them all in order costs no more */
    if (nbest >= 0 && (uint64_t)nbest * 4 < (uint64_t)e->nrows * 3) {
        s->cand = best;
        s->ncand = (uint32_t)nbest;
    }
    return true;
}

static int scan_next(op *o, batch **out)
{
    scan_st *s = o->st;
    arena_reset(&o->arena);
    for (;;) {
        if (s->ext >= s->t->next) {
            *out = NULL;
            return 0;
        }
        hextent *e = s->t->ext[s->order ? s->order[s->ext] : s->ext];
        if (s->row == 0 && s->skip && s->skip(s->skip_arg, e)) {
            __atomic_add_fetch(&o->q->ext_skipped, 1, __ATOMIC_RELAXED);
            s->ext++;
            continue;
        }
        if (s->row == 0 && s->nparts > 1 && s->ext % s->nparts != s->part) {
            s->ext++; /* the other half of an exchange reads it */
            continue;
        }
        if (s->row == 0 && (!ext_in_range(s, e) || !scan_terms(s, e))) {
            __atomic_add_fetch(&o->q->ext_skipped, 1, __ATOMIC_RELAXED);
            s->ext++;
            continue;
        }
        if (s->row == 0)
            __atomic_add_fetch(&o->q->ext_scanned, 1, __ATOMIC_RELAXED);
        uint32_t nrows = s->cand ? s->ncand : e->nrows;
        if (s->row >= nrows) {
            s->ext++;
            s->row = 0;
            continue;
        }
        uint32_t n = nrows - s->row;
        if (n > VEC_BATCH)
            n = VEC_BATCH;
        batch *b = batch_new(&o->arena, e->ncols + 1, n);
        for (int c = 0; c < e->ncols && c < o->schema.ncols; c++) {
            if (s->need && !s->need[c])
                vec_const_null(&o->arena, &b->cols[c], e->cols[c].type, n);
            else if (s->cand)
                col_pick(&o->arena, &e->cols[c], s->cand + s->row, n, &b->cols[c]);
            else
                col_slice(&o->arena, &e->cols[c], s->row, n, &b->cols[c]);
        }
        b->ncols = o->schema.ncols < e->ncols ? o->schema.ncols : e->ncols;
        if (s->ingest_col >= 0) { /* ingestion_time(): the extent's, for every row */
            hvec *v = &b->cols[s->ingest_col];
            if (e->ingested) {
                vec_const(&o->arena, v, HT_DATETIME, n);
                v->i[0] = e->ingested;
            } else {
                vec_const_null(&o->arena, v, HT_DATETIME, n);
            }
            b->ncols = s->ingest_col + 1;
        }
        s->row += n;
        __atomic_add_fetch(&o->q->rows_scanned, (int64_t)n, __ATOMIC_RELAXED);
        *out = b;
        return 0;
    }
}

static void scan_close(op *o)
{
    scan_st *s = o->st;
    arena_free(&s->tarena);
    if (s->owned)
        table_free(s->t);
}

op *exec_scan(qctx *q, htable *t, int64_t tmin, int64_t tmax, int timecol)
{
    op *o = op_new(q, "scan", 0);
    scan_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->t = t;
    s->tmin = tmin;
    s->tmax = tmax;
    s->timecol = timecol;
    s->ingest_col = -1;
    arena_init(&s->tarena);
    o->st = s;
    schema_copy(&o->schema, &t->schema);
    o->next = scan_next;
    o->close = scan_close;
    return o;
}

op *exec_values(qctx *q, htable *t)
{
    op *o = exec_scan(q, t, 0, 0, -1);
    ((scan_st *)o->st)->owned = true;
    return o;
}

/* Is o a table scan? By its next function, not its name: another operator
 * may share the name (the KQL scan operator did, and its state was then read
 * as a table scan's). */
bool exec_is_scan(const op *o)
{
    return o->next == scan_next;
}

/* The catalog table a scan reads, or NULL (not a scan, or a query-owned
 * table). */
htable *exec_scan_table(op *o)
{
    if (!exec_is_scan(o))
        return NULL;
    scan_st *s = o->st;
    return s->owned ? NULL : s->t;
}

/* For a top N by column col: visits the extents in the order that meets the
 * best values first (by max descending, or min ascending), and asks skip()
 * before each one, so the sort can refuse extents that cannot beat its N-th
 * row. Returns false when the column has no statistics to order by. */
static int order_col;
static bool order_desc;
static const htable *order_table;
static int cmp_ext(const void *a, const void *b)
{
    const hcol *x = &order_table->ext[*(const int *)a]->cols[order_col];
    const hcol *y = &order_table->ext[*(const int *)b]->cols[order_col];
    double vx, vy;
    if (x->type == HT_REAL) {
        vx = order_desc ? x->rmax : x->rmin;
        vy = order_desc ? y->rmax : y->rmin;
    } else {
        vx = (double)(order_desc ? x->imax : x->imin);
        vy = (double)(order_desc ? y->imax : y->imin);
    }
    if (!x->has_minmax || !y->has_minmax)
        return (int)y->has_minmax - (int)x->has_minmax;
    int c = vx < vy ? -1 : vx > vy;
    return order_desc ? -c : c;
}

bool exec_scan_order_by(op *o, int col, bool desc, bool (*skip)(void *, const hextent *), void *arg)
{
    if (!exec_is_scan(o))
        return false;
    scan_st *s = o->st;
    if (s->ext != 0 || s->row != 0 || s->nparts > 1 || col < 0 || col >= s->t->schema.ncols)
        return false;
    htype t = s->t->schema.types[col];
    if (!ht_is_int64(t) && t != HT_REAL)
        return false;
    s->order = arena_alloc(&o->q->arena, sizeof(int) * (size_t)(s->t->next + 1));
    for (int i = 0; i < s->t->next; i++)
        s->order[i] = i;
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER; /* qsort has no context */
    pthread_mutex_lock(&mu);
    order_col = col;
    order_desc = desc;
    order_table = s->t;
    qsort(s->order, (size_t)s->t->next, sizeof(int), cmp_ext);
    pthread_mutex_unlock(&mu);
    s->skip = skip;
    s->skip_arg = arg;
    return true;
}

/* Adds the hidden column INGESTION_TIME_COLUMN (datetime: each row's
 * extent's ingestion time) to a scan of a table; returns false when o is not
 * such a scan. Idempotent. */
bool exec_scan_add_ingestion_time(op *o)
{
    if (!exec_is_scan(o))
        return false;
    scan_st *s = o->st;
    if (s->ingest_col >= 0)
        return true;
    if (s->owned || o->schema.ncols != s->t->schema.ncols)
        return false; /* datatable, range ...: nothing was ingested */
    s->ingest_col = o->schema.ncols;
    schema_add(&o->schema, INGESTION_TIME_COLUMN, HT_DATETIME);
    return true;
}

/* Makes the scan read only the extents with index % nparts == part. */
void exec_scan_set_part(op *o, int part, int nparts)
{
    scan_st *s = o->st;
    s->part = part;
    s->nparts = nparts;
}

void exec_scan_set_needed(op *o, const uint8_t *need)
{
    scan_st *s = o->st;
    s->need = arena_alloc(&o->q->arena, (size_t)o->schema.ncols + 1);
    memcpy(s->need, need, (size_t)o->schema.ncols);
}

/* Gives a scan the predicate of a `where` right above it: per extent, the
 * scan then reads only the rows the term indexes leave (term_prune.c); the
 * filter still decides every row. */
void exec_scan_push_terms(op *o, bexpr *p)
{
    scan_st *s = o->st;
    if (!exec_is_scan(o) || s->nterms == 4 || !term_prune_applies(p))
        return;
    s->terms[s->nterms++] = p;
}

/* Sets a time window on a scan (used by the binder's pushdown). */
void exec_scan_set_window(op *o, int timecol, int64_t tmin, int64_t tmax)
{
    scan_st *s = o->st;
    if (timecol < 0 || timecol >= s->t->schema.ncols)
        return; /* not a stored column (the hidden ingestion time) */
    if (s->timecol == timecol) {
        if (tmin > s->tmin)
            s->tmin = tmin;
        if (tmax < s->tmax)
            s->tmax = tmax;
        return;
    }
    s->timecol = timecol;
    s->tmin = tmin;
    s->tmax = tmax;
}

/* --- gather: copy selected rows of a batch ------------------------------------ */

void vec_gather(harena *a, const hvec *src, const uint32_t *sel, uint32_t n, hvec *dst)
{
    dst->type = src->type;
    dst->n = n;
    dst->cmask = ~0u;
    dst->null = NULL;
    size_t w = vec_width(src->type);
    if (!src->cmask) {
        *dst = *src;
        dst->n = n;
        return;
    }
    dst->data = arena_alloc(a, w * (n ? n : 1));
    dst->codes = NULL;
    dst->codes_for = NULL;
    const uint16_t *codes = vec_codes(src);
    if (codes) {
        uint16_t *dc = arena_alloc(a, sizeof *dc * (n ? n : 1));
        for (uint32_t i = 0; i < n; i++)
            dc[i] = codes[sel[i]];
        dst->codes = dc;
        dst->dhash = src->dhash;
        dst->dict = src->dict;
        dst->ndict = src->ndict;
        dst->codes_for = dst->s;
    }
    char *d = dst->data;
    const char *s = src->data;
    switch (w) {
    case 1:
        for (uint32_t i = 0; i < n; i++)
            d[i] = s[sel[i]];
        break;
    case 8:
        for (uint32_t i = 0; i < n; i++)
            ((int64_t *)d)[i] = ((const int64_t *)s)[sel[i]];
        break;
    default:
        for (uint32_t i = 0; i < n; i++)
            memcpy(d + w * i, s + w * sel[i], w);
    }
    if (src->null) {
        uint8_t *nb = NULL;
        for (uint32_t i = 0; i < n; i++)
            if (src->null[sel[i]]) {
                if (!nb)
                    nb = arena_zalloc(a, n);
                nb[i] = 1;
            }
        dst->null = nb;
    }
}

/* --- filter -------------------------------------------------------------------- */

typedef struct filter_st {
    bexpr *pred;
    uint32_t *sel;
} filter_st;

static int filter_next(op *o, batch **out)
{
    filter_st *f = o->st;
    for (;;) {
        batch *in;
        if (op_pull(o->kids[0], &in) < 0)
            return -1;
        if (!in) {
            *out = NULL;
            return 0;
        }
        arena_reset(&o->arena);
        hvec pv;
        if (expr_eval(o->q, f->pred, in, &o->arena, &pv) < 0)
            return -1;
        uint32_t k = 0;
        for (uint32_t i = 0; i < in->n; i++)
            if (!vec_is_null(&pv, i) && vec_b(&pv, i))
                f->sel[k++] = i;
        if (k == 0)
            continue;
        if (k == in->n) {
            *out = in;
            return 0;
        }
        batch *b = batch_new(&o->arena, in->ncols, k);
        for (int c = 0; c < in->ncols; c++)
            vec_gather(&o->arena, &in->cols[c], f->sel, k, &b->cols[c]);
        *out = b;
        return 0;
    }
}

op *exec_filter(qctx *q, op *in, bexpr *pred)
{
    op *o = op_new(q, "filter", 1);
    o->kids[0] = in;
    filter_st *f = arena_zalloc(&q->arena, sizeof *f);
    f->pred = pred;
    f->sel = arena_alloc(&q->arena, sizeof(uint32_t) * VEC_BATCH);
    o->st = f;
    schema_copy(&o->schema, &in->schema);
    o->next = filter_next;
    o->serialized = in->serialized;
    return o;
}

/* --- project / extend -------------------------------------------------------- */

typedef struct project_st {
    bexpr **exprs;
    int n;
} project_st;

static int project_next(op *o, batch **out)
{
    project_st *p = o->st;
    batch *in;
    if (op_pull(o->kids[0], &in) < 0)
        return -1;
    if (!in) {
        *out = NULL;
        return 0;
    }
    arena_reset(&o->arena);
    batch *b = batch_new(&o->arena, p->n, in->n);
    for (int i = 0; i < p->n; i++) {
        if (expr_eval(o->q, p->exprs[i], in, &o->arena, &b->cols[i]) < 0)
            return -1;
        b->cols[i].n = in->n;
    }
    *out = b;
    return 0;
}

op *exec_project(qctx *q, op *in, bexpr **exprs, int n, const hschema *out)
{
    op *o = op_new(q, "project", 1);
    o->kids[0] = in;
    project_st *p = arena_zalloc(&q->arena, sizeof *p);
    p->exprs = exprs;
    p->n = n;
    o->st = p;
    schema_copy(&o->schema, out);
    o->next = project_next;
    o->serialized = in->serialized;
    return o;
}

/* --- take ---------------------------------------------------------------------- */

typedef struct take_st {
    int64_t left;
} take_st;

static int take_next(op *o, batch **out)
{
    take_st *t = o->st;
    if (t->left <= 0) {
        *out = NULL;
        return 0;
    }
    batch *in;
    if (op_pull(o->kids[0], &in) < 0)
        return -1;
    if (!in) {
        *out = NULL;
        return 0;
    }
    if ((int64_t)in->n > t->left) {
        arena_reset(&o->arena);
        batch *b = batch_new(&o->arena, in->ncols, (uint32_t)t->left);
        for (int c = 0; c < in->ncols; c++) {
            b->cols[c] = in->cols[c];
            b->cols[c].n = (uint32_t)t->left;
        }
        in = b;
    }
    t->left -= in->n;
    *out = in;
    return 0;
}

op *exec_take(qctx *q, op *in, int64_t n)
{
    op *o = op_new(q, "take", 1);
    o->kids[0] = in;
    take_st *t = arena_zalloc(&q->arena, sizeof *t);
    t->left = n;
    o->st = t;
    schema_copy(&o->schema, &in->schema);
    o->next = take_next;
    o->serialized = in->serialized;
    return o;
}

/* --- count --------------------------------------------------------------------- */

static int count_next(op *o, batch **out)
{
    bool *done = o->st;
    if (*done) {
        *out = NULL;
        return 0;
    }
    int64_t n = 0;
    for (;;) {
        batch *in;
        if (op_pull(o->kids[0], &in) < 0)
            return -1;
        if (!in)
            break;
        n += in->n;
    }
    *done = true;
    arena_reset(&o->arena);
    batch *b = batch_new(&o->arena, 1, 1);
    vec_alloc(&o->arena, &b->cols[0], HT_LONG, 1);
    b->cols[0].i[0] = n;
    *out = b;
    return 0;
}

op *exec_count(qctx *q, op *in, const char *name)
{
    op *o = op_new(q, "count", 1);
    o->kids[0] = in;
    o->st = arena_zalloc(&q->arena, sizeof(bool));
    schema_add(&o->schema, name, HT_LONG);
    o->next = count_next;
    return o;
}

/* --- union ------------------------------------------------------------------------ */

typedef struct union_st {
    int leg;
    int **colmap; /* per leg: output column -> leg column or -1 */
    int srccol;   /* output column of withsource, or -1 */
    const char **legnames;
} union_st;

static int union_next(op *o, batch **out)
{
    union_st *u = o->st;
    while (u->leg < o->nkids) {
        batch *in;
        if (op_pull(o->kids[u->leg], &in) < 0)
            return -1;
        if (!in) {
            u->leg++;
            continue;
        }
        arena_reset(&o->arena);
        batch *b = batch_new(&o->arena, o->schema.ncols, in->n);
        int *map = u->colmap[u->leg];
        for (int c = 0; c < o->schema.ncols; c++) {
            htype t = o->schema.types[c];
            if (c == u->srccol) {
                vec_const(&o->arena, &b->cols[c], HT_STRING, in->n);
                const char *nm = u->legnames[u->leg];
                b->cols[c].s[0].p = nm;
                b->cols[c].s[0].n = (uint32_t)strlen(nm);
            } else if (map[c] < 0) {
                if (t == HT_STRING) {
                    vec_const(&o->arena, &b->cols[c], t, in->n);
                    b->cols[c].s[0].p = "";
                    b->cols[c].s[0].n = 0;
                } else
                    vec_const_null(&o->arena, &b->cols[c], t, in->n);
            } else {
                hvec *src = &in->cols[map[c]];
                if (src->type != t) {
                    if (expr_cast(o->q, &o->arena, src, t, &b->cols[c]) < 0)
                        return -1;
                } else
                    b->cols[c] = *src;
            }
            b->cols[c].n = in->n;
        }
        *out = b;
        return 0;
    }
    *out = NULL;
    return 0;
}

op *exec_union(qctx *q, op **legs, int nlegs, const hschema *out, int **colmap, const char *srccol,
               const char **legnames)
{
    op *o = op_new(q, "union", nlegs);
    for (int i = 0; i < nlegs; i++)
        o->kids[i] = legs[i];
    union_st *u = arena_zalloc(&q->arena, sizeof *u);
    u->colmap = colmap;
    u->legnames = legnames;
    schema_copy(&o->schema, out);
    u->srccol = srccol ? schema_find(&o->schema, srccol, strlen(srccol)) : -1;
    o->st = u;
    o->next = union_next;
    return o;
}

/* --- collect ------------------------------------------------------------------------ */

void tbuild_vec(tbuild *b, int col, const hvec *v, uint32_t i)
{
    if (vec_is_null(v, i)) {
        tbuild_null(b, col);
        return;
    }
    switch (v->type) {
    case HT_BOOL:
        tbuild_bool(b, col, vec_b(v, i));
        break;
    case HT_REAL:
        tbuild_real(b, col, vec_r(v, i));
        break;
    case HT_STRING:
    case HT_DYNAMIC: {
        hstr s = vec_s(v, i);
        tbuild_str(b, col, s.p, s.n);
        break;
    }
    case HT_GUID:
        tbuild_guid(b, col, vec_g(v, i));
        break;
    case HT_UNKNOWN:
        tbuild_null(b, col);
        break;
    default:
        tbuild_long(b, col, vec_i(v, i));
        break;
    }
}

htable *exec_collect(qctx *q, op *o)
{
    htable *t = table_new("result", &o->schema);
    tbuild *tb = tbuild_new_scratch(t);
    for (;;) {
        batch *b;
        if (op_pull(o, &b) < 0) {
            tbuild_finish(tb);
            table_free(t);
            return NULL;
        }
        if (!b)
            break;
        for (uint32_t i = 0; i < b->n; i++) {
            for (int c = 0; c < b->ncols && c < t->schema.ncols; c++)
                tbuild_vec(tb, c, &b->cols[c], i);
            tbuild_end_row(tb);
        }
        if (q->interrupt && *q->interrupt) {
            tbuild_finish(tb);
            table_free(t);
            q_error(q, HUNT_EINTERRUPT, -1, 0, "query interrupted");
            return NULL;
        }
    }
    tbuild_finish(tb);
    return t;
}

int expr_eval_all(qctx *q, bexpr *e, const batch *f, harena *a, hvec *out)
{
    vec_alloc(a, out, e->type, f->n ? f->n : 1);
    out->n = f->n;
    hvec *cols = arena_alloc(a, sizeof(hvec) * (size_t)(f->ncols ? f->ncols : 1));
    for (uint32_t off = 0; off < f->n; off += VEC_BATCH) {
        uint32_t m = f->n - off < VEC_BATCH ? f->n - off : VEC_BATCH;
        for (int c = 0; c < f->ncols; c++)
            cols[c] = vec_slice(&f->cols[c], off, m);
        batch sl = {m, f->ncols, cols};
        hvec v;
        if (expr_eval(q, e, &sl, a, &v) < 0)
            return -1;
        for (uint32_t i = 0; i < m; i++)
            vec_copy_value(a, out, off + i, &v, i);
    }
    return 0;
}

batch *flat_next(harena *a, const hvec *flat, int ncols, uint32_t total, uint32_t *emitted)
{
    if (*emitted >= total)
        return NULL;
    uint32_t m = total - *emitted < VEC_BATCH ? total - *emitted : VEC_BATCH;
    batch *b = arena_alloc(a, sizeof *b);
    b->n = m;
    b->ncols = ncols;
    b->cols = arena_alloc(a, sizeof(hvec) * (size_t)b->ncols);
    for (int c = 0; c < b->ncols; c++)
        b->cols[c] = vec_slice(&flat[c], *emitted, m);
    *emitted += m;
    return b;
}
