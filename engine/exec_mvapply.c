/* engine/exec_mvapply.c — mv-apply: runs a sub-query over the elements of
 * each input row's arrays.
 *
 *   T | mv-apply [with_itemindex=I] [Name =] Arr [to typeof(T)], ... [limit N]
 *       on ( SubQuery )
 *
 * For each input row the arrays are expanded into rows as mv-expand does
 * (the i-th row holds each array's i-th element, null past a shorter array;
 * the row's other columns repeat), the sub-query runs over those rows, and
 * each of its output rows is emitted with the input row's columns: a column
 * the sub-query outputs takes its value, the other input columns keep the
 * input row's value, and the sub-query's new columns come after them.
 *
 * The sub-query's operators keep state (sort, summarize, take...) and have
 * no reset, so each input row binds the sub-query afresh into a child query
 * context whose arena and operators are reset between rows (cheap: binding
 * a small pipe is a few bump allocations). The sub-query is also bound once
 * at bind time, for its errors and its output schema. A small source
 * operator (mva-rows) serves the current row's expanded rows to it.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

/* --- the source of the expanded rows ----------------------------------------- */

typedef struct src_st {
    batch rows; /* current row's expanded rows (any count) */
    uint32_t served;
} src_st;

static int src_next(op *o, batch **out)
{
    src_st *s = o->st;
    arena_reset(&o->arena);
    if (s->served >= s->rows.n) {
        *out = NULL;
        return 0;
    }
    uint32_t m = s->rows.n - s->served < VEC_BATCH ? s->rows.n - s->served : VEC_BATCH;
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = m;
    b->ncols = s->rows.ncols;
    b->cols = arena_alloc(&o->arena, sizeof(hvec) * (size_t)(b->ncols ? b->ncols : 1));
    for (int c = 0; c < b->ncols; c++)
        b->cols[c] = vec_slice(&s->rows.cols[c], s->served, m);
    s->served += m;
    *out = b;
    return 0;
}

/* --- operator state -------------------------------------------------------------- */

typedef struct mva_st {
    int nexp;
    bexpr **exprs; /* expanded expressions over the input */
    htype *totype;
    int *srccol; /* source column of each expanded expression */
    int idxcol;  /* with_itemindex source column, or -1 */
    int64_t limit;
    op *src;
    int nsrc;     /* source columns */
    int *srcpass; /* per source column: input column repeated, or -1 */
    const ast *subq;
    bind_scope *scope;
    int *outsub; /* per output column: sub-query column, or -1 */
    int *outin;  /* per output column: input column (when outsub < 0) */
    /* running */
    qctx child;
    bool child_live;
    op *root; /* the sub-query of the current row */
    batch *in;
    hvec *vals;      /* expanded expressions of the current input batch */
    harena inarena;  /* vals */
    harena rowarena; /* current row's expanded rows */
    uint32_t row;
    bool eof;
} mva_st;

/* Closes the child context's operators and call-site states; keeps memory. */
static void child_reset(mva_st *s, bool release)
{
    qctx *c = &s->child;
    for (int i = 0; i < c->nops; i++) {
        op *o = c->ops[i];
        if (o->close)
            o->close(o);
        arena_free(&o->arena);
        schema_free(&o->schema);
    }
    c->nops = 0;
    for (int i = 0; i < c->nfncalls; i++) {
        bexpr *e = c->fncalls[i];
        if (e->kind == BX_CALL && e->fn && e->fn->free_state && e->fnstate)
            e->fn->free_state(e->fnstate);
        if (e->set)
            inset_free(e->set);
        if (e->cc)
            code_cache_free(e->cc);
    }
    c->nfncalls = 0;
    if (release) {
        free(c->ops);
        free(c->fncalls);
        c->ops = NULL;
        c->fncalls = NULL;
        c->opscap = c->fncap = 0;
        arena_free(&c->arena);
    } else {
        arena_reset(&c->arena);
    }
    s->root = NULL;
}

static void child_init(mva_st *s, const qctx *q)
{
    qctx *c = &s->child;
    memset(c, 0, sizeof *c);
    arena_init(&c->arena);
    c->catalog = q->catalog;
    c->src = q->src;
    c->srclen = q->srclen;
    c->now = q->now;
    c->interrupt = q->interrupt;
    s->child_live = true;
}

static int child_error(op *o)
{
    mva_st *s = o->st;
    qctx *c = &s->child;
    return q_error(o->q, c->err_code ? c->err_code : HUNT_ESEMANTIC, c->err_off, c->err_len, "%s",
                   c->err_msg[0] ? c->err_msg : "mv-apply sub-query failed");
}

/* --- expanding one input row --------------------------------------------------------- */

static int64_t elem_count(const hvec *v, uint32_t i)
{
    if (vec_is_null(v, i))
        return 0;
    hstr s = vec_s(v, i);
    if (!s.n)
        return 0;
    int t = dyn_tag((const uint8_t *)s.p);
    if (t == DYN_ARRAY || t == DYN_OBJECT)
        return dyn_count((const uint8_t *)s.p);
    return t == DYN_NULL ? 0 : 1;
}

/* Writes the elements of v[i] (a dynamic value) into dv rows 0..m-1 (null
 * past its end). Bag properties become {"key": value}. */
static void expand_elems(harena *a, const hvec *v, uint32_t i, uint32_t m, hvec *dv, dbuf *db)
{
    vec_alloc(a, dv, HT_DYNAMIC, m ? m : 1);
    dv->n = m;
    const uint8_t *d = NULL;
    if (!vec_is_null(v, i) && vec_s(v, i).n)
        d = (const uint8_t *)vec_s(v, i).p;
    int t = d ? dyn_tag(d) : DYN_NULL;
    dyn_iter it;
    hstr key = {0};
    const uint8_t *e = (t == DYN_ARRAY || t == DYN_OBJECT) ? dyn_first(d, &it, &key) : NULL;
    for (uint32_t k = 0; k < m; k++) {
        const uint8_t *val = NULL;
        dbuf_reset(db);
        if (t == DYN_ARRAY || t == DYN_OBJECT) {
            val = e;
            if (e && t == DYN_OBJECT) {
                size_t mk = dyn_begin_object(db);
                dyn_put_key(db, key.p, key.n);
                dyn_put_raw(db, e);
                dyn_end(db, mk, 1);
            } else if (e) {
                dyn_put_raw(db, e);
            }
            if (e)
                e = dyn_next(&it, &key);
        } else if (k == 0 && d && t != DYN_NULL) {
            val = d;
            dyn_put_raw(db, d);
        }
        if (!val || dyn_tag(db->p) == DYN_NULL) {
            vec_set_null(a, dv, k);
            dv->s[k] = (hstr){"", 0};
            continue;
        }
        char *p = arena_alloc(a, db->n);
        memcpy(p, db->p, db->n);
        dv->s[k] = (hstr){p, (uint32_t)db->n};
    }
}

/* A vector of m rows all holding src[i]. */
static void repeat_value(harena *a, const hvec *src, uint32_t i, uint32_t m, hvec *out)
{
    vec_const(a, out, src->type, m);
    out->null = NULL;
    vec_copy_value(a, out, 0, src, i);
    out->n = m;
}

/* Builds the expanded rows of input row s->row into the source operator. */
static int expand_row(op *o)
{
    mva_st *s = o->st;
    src_st *ss = s->src->st;
    harena *a = &s->rowarena;
    arena_reset(a);
    int64_t cnt = 0;
    for (int k = 0; k < s->nexp; k++) {
        int64_t c = elem_count(&s->vals[k], s->row);
        cnt = c > cnt ? c : cnt;
    }
    if (s->limit >= 0 && cnt > s->limit)
        cnt = s->limit;
    if (cnt > (1 << 24))
        cnt = 1 << 24;
    uint32_t m = (uint32_t)cnt;
    batch *b = &ss->rows;
    b->n = m;
    b->ncols = s->nsrc;
    b->cols = arena_zalloc(a, sizeof(hvec) * (size_t)(s->nsrc ? s->nsrc : 1));
    for (int c = 0; c < s->nsrc; c++)
        if (s->srcpass[c] >= 0)
            repeat_value(a, &s->in->cols[s->srcpass[c]], s->row, m, &b->cols[c]);
    dbuf db = {0};
    for (int k = 0; k < s->nexp; k++) {
        hvec dv;
        expand_elems(a, &s->vals[k], s->row, m, &dv, &db);
        hvec *dst = &b->cols[s->srccol[k]];
        if (s->totype[k] != HT_DYNAMIC) {
            if (expr_cast(o->q, a, &dv, s->totype[k], dst) < 0) {
                dbuf_free(&db);
                return -1;
            }
            dst->n = m;
        } else {
            *dst = dv;
        }
    }
    dbuf_free(&db);
    if (s->idxcol >= 0) {
        hvec *iv = &b->cols[s->idxcol];
        vec_alloc(a, iv, HT_LONG, m ? m : 1);
        iv->n = m;
        for (uint32_t k = 0; k < m; k++)
            iv->i[k] = k;
    }
    ss->served = 0;
    return 0;
}

/* Binds the sub-query for the current row in the reset child context. */
static int start_row(op *o)
{
    mva_st *s = o->st;
    if (expand_row(o) < 0)
        return -1;
    child_reset(s, false);
    bind_scope *sc = bind_scope_new(&s->child, s->scope);
    bind_scope_set_input(sc, s->src);
    s->root = bind_tabular(&s->child, sc, s->subq);
    if (!s->root)
        return child_error(o);
    return 0;
}

static int pull_input(op *o)
{
    mva_st *s = o->st;
    batch *in;
    if (o->kids[0]->next(o->kids[0], &in) < 0)
        return -1;
    s->in = in;
    s->row = 0;
    if (!in) {
        s->eof = true;
        return 0;
    }
    arena_reset(&s->inarena);
    for (int k = 0; k < s->nexp; k++) {
        if (expr_eval(o->q, s->exprs[k], in, &s->inarena, &s->vals[k]) < 0)
            return -1;
        if (s->vals[k].type != HT_DYNAMIC) {
            hvec d;
            if (expr_cast(o->q, &s->inarena, &s->vals[k], HT_DYNAMIC, &d) < 0)
                return -1;
            s->vals[k] = d;
        }
    }
    return 0;
}

/* Output batch from one sub-query batch and the current input row. */
static void emit(op *o, const batch *sb, batch **out)
{
    mva_st *s = o->st;
    int nc = o->schema.ncols;
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = sb->n;
    b->ncols = nc;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(nc ? nc : 1));
    for (int c = 0; c < nc; c++) {
        if (s->outsub[c] >= 0 && s->outsub[c] < sb->ncols)
            b->cols[c] = sb->cols[s->outsub[c]]; /* valid until our next call */
        else
            repeat_value(&o->arena, &s->in->cols[s->outin[c]], s->row, sb->n, &b->cols[c]);
        b->cols[c].n = sb->n;
    }
    *out = b;
}

static int mva_next(op *o, batch **out)
{
    mva_st *s = o->st;
    arena_reset(&o->arena);
    for (;;) {
        if (s->root) {
            batch *sb;
            if (s->root->next(s->root, &sb) < 0)
                return s->child.err_code ? child_error(o) : -1;
            if (sb && sb->n) {
                emit(o, sb, out);
                return 0;
            }
            if (sb)
                continue;
            s->root = NULL;
            s->row++;
        }
        if (s->eof) {
            *out = NULL;
            return 0;
        }
        if (!s->in || s->row >= s->in->n) {
            if (pull_input(o) < 0)
                return -1;
            continue;
        }
        if (start_row(o) < 0)
            return -1;
    }
}

static void mva_close(op *o)
{
    mva_st *s = o->st;
    if (s->child_live)
        child_reset(s, true);
    s->child_live = false;
    arena_free(&s->inarena);
    arena_free(&s->rowarena);
}

/* --- binding ------------------------------------------------------------------------------ */

/* Source schema: the input columns (an expanded column of the same name
 * replaces one), the new expanded columns, then the item index. */
static int bind_expanded(qctx *q, bind_scope *sc, op *in, const ast *cols, mva_st *s, hschema *src)
{
    schema_copy(src, &in->schema);
    for (int k = 0; k < s->nexp; k++) {
        const ast *mc = cols->kid[k];
        const ast *ex = mc->kind == AST_MVCOL ? mc->kid[0] : mc;
        const ast *val = ex->kind == AST_NAMED ? ex->kid[0] : ex;
        s->exprs[k] = bind_scalar(q, sc, &in->schema, val);
        if (!s->exprs[k])
            return -1;
        const char *nm = ex->kind == AST_NAMED ? arena_strndup(&q->arena, ex->name.p, ex->name.n)
                                               : bind_expr_name(q, val);
        if (!nm)
            return q_error(q, HUNT_ESEMANTIC, val->off, val->len,
                           "mv-apply of an expression needs a name: name = expression");
        htype t = mc->kind == AST_MVCOL && mc->type != HT_UNKNOWN ? mc->type : HT_DYNAMIC;
        s->totype[k] = t;
        int at = schema_find(src, nm, strlen(nm));
        if (at < 0) {
            at = src->ncols;
            schema_add(src, nm, t);
        } else {
            src->types[at] = t;
        }
        s->srccol[k] = at;
    }
    return 0;
}

static void make_source(qctx *q, mva_st *s, op *in, const hschema *src)
{
    s->nsrc = src->ncols;
    s->srcpass = arena_alloc(&q->arena, sizeof(int) * (size_t)(src->ncols ? src->ncols : 1));
    for (int c = 0; c < src->ncols; c++)
        s->srcpass[c] = c < in->schema.ncols ? c : -1;
    for (int k = 0; k < s->nexp; k++)
        s->srcpass[s->srccol[k]] = -1;
    if (s->idxcol >= 0)
        s->srcpass[s->idxcol] = -1;
    s->src = op_new(q, "mva-rows", 0);
    /* each row's sub-table keeps its elements' order (mv-apply's docs: "order
     * is preserved"), so window functions such as next() and row_number()
     * run over it, and start afresh for each input row */
    s->src->serialized = true;
    s->src->st = arena_zalloc(&q->arena, sizeof(src_st));
    schema_copy(&s->src->schema, src);
    s->src->next = src_next;
}

/* Output schema: input columns (the sub-query's value when it has the
 * column), then the sub-query's other columns. */
static void make_output(qctx *q, mva_st *s, op *in, const op *sub, hschema *out)
{
    int cap = in->schema.ncols + sub->schema.ncols + 1;
    s->outsub = arena_alloc(&q->arena, sizeof(int) * (size_t)cap);
    s->outin = arena_alloc(&q->arena, sizeof(int) * (size_t)cap);
    for (int c = 0; c < in->schema.ncols; c++) {
        const char *nm = in->schema.names[c];
        int j = schema_find(&sub->schema, nm, strlen(nm));
        s->outsub[out->ncols] = j;
        s->outin[out->ncols] = c;
        schema_add(out, nm, j >= 0 ? sub->schema.types[j] : in->schema.types[c]);
    }
    for (int j = 0; j < sub->schema.ncols; j++) {
        const char *nm = sub->schema.names[j];
        if (schema_find(out, nm, strlen(nm)) >= 0)
            continue;
        s->outsub[out->ncols] = j;
        s->outin[out->ncols] = -1;
        schema_add(out, nm, sub->schema.types[j]);
    }
}

op *bind_mvapply(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    if (n->nkid < 2 || !n->kid[0] || !n->kid[1])
        return unsupported_op(q, n);
    const ast *cols = n->kid[0];
    mva_st *s = arena_zalloc(&q->arena, sizeof *s);
    int nk = cols->nkid;
    s->nexp = nk;
    s->exprs = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)(nk ? nk : 1));
    s->totype = arena_zalloc(&q->arena, sizeof(htype) * (size_t)(nk ? nk : 1));
    s->srccol = arena_zalloc(&q->arena, sizeof(int) * (size_t)(nk ? nk : 1));
    s->vals = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(nk ? nk : 1));
    s->limit = -1;
    s->idxcol = -1;
    s->subq = n->kid[1];
    s->scope = sc;
    arena_init(&s->inarena);
    arena_init(&s->rowarena);
    const ast *lim = ast_opt(n, "limit");
    if (lim && lim->nkid && lim->kid[0]->kind == AST_LITERAL)
        s->limit = lim->kid[0]->ival;
    hschema src, out;
    schema_init(&src);
    schema_init(&out);
    op *o = NULL;
    if (bind_expanded(q, sc, in, cols, s, &src) < 0)
        goto done;
    const ast *wi = ast_opt(n, "with_itemindex");
    if (wi && wi->nkid && wi->kid[0]->kind == AST_IDENT) {
        s->idxcol = src.ncols;
        schema_add(&src, arena_strndup(&q->arena, wi->kid[0]->name.p, wi->kid[0]->name.n), HT_LONG);
    }
    make_source(q, s, in, &src);
    bind_scope *sub = bind_scope_new(q, sc);
    bind_scope_set_input(sub, s->src);
    op *probe = bind_tabular(q, sub, s->subq);
    if (!probe)
        goto done;
    make_output(q, s, in, probe, &out);
    child_init(s, q);
    o = op_new(q, "mv-apply", 1);
    o->kids[0] = in;
    o->st = s;
    schema_copy(&o->schema, &out);
    o->next = mva_next;
    o->close = mva_close;
done:
    schema_free(&src);
    schema_free(&out);
    return o;
}
