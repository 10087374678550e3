/* engine/exec_mvexpand.c — mv-expand: one output row per element of dynamic
 * arrays (or per property of bags).
 *
 * For each input row the expanded expressions are evaluated; the row repeats
 * max(element counts) times, the i-th copy holding each column's i-th element
 * (null when a column has fewer). A bag expands to single-property bags
 * ({"k": v}, bagexpansion=bag, the default) or [k, v] pairs (bagexpansion=
 * array / kind=array). A scalar dynamic value expands to itself once. `to typeof(T)` converts the
 * elements, with_itemindex adds the element index, limit caps the rows per input row. A null value
 * expands to one row holding null; an empty array to none.
 *
 * Streaming: an input batch may yield more rows than one output batch holds,
 * so the operator keeps its place (row, element) and the input batch stays
 * pinned (its own arena) until it is used up.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

typedef struct mvx_st {
    int ncols; /* expanded columns */
    bexpr **exprs;
    int *outcol; /* output column of each expanded expression */
    htype *totype;
    int *passcol; /* per output column: input column passed through, or -1 */
    int idxcol;   /* with_itemindex output column or -1 */
    bool bag_as_array;
    int64_t limit;
    /* current input */
    batch *in;
    hvec *vals; /* evaluated expressions of the current input batch */
    harena inarena;
    uint32_t row;
    int64_t item;
    bool eof;
} mvx_st;

/* Element count of a dynamic value for expansion. */
static int64_t elem_count(const hvec *v, uint32_t i)
{
    /* a null value gives one row holding null (the docs' rule) */
    if (vec_is_null(v, i))
        return 1;
    hstr s = vec_s(v, i);
    if (!s.n)
        return 1;
    const uint8_t *d = (const uint8_t *)s.p;
    int t = dyn_tag(d);
    if (t == DYN_ARRAY || t == DYN_OBJECT)
        return dyn_count(d);
    return 1;
}

/* Walks the elements of one value in order; element k after element k-1 is
 * one step, so expanding an array of n elements is O(n), not O(n^2). */
typedef struct cursor {
    const uint8_t *base;
    int64_t k;
    const uint8_t *elem;
    hstr key;
    dyn_iter it;
} cursor;

static const uint8_t *cursor_at(cursor *c, const uint8_t *d, int64_t k, hstr *key)
{
    if (c->base != d || k < c->k || !c->elem) {
        c->base = d;
        c->k = 0;
        c->elem = dyn_first(d, &c->it, &c->key);
    }
    while (c->elem && c->k < k) {
        c->elem = dyn_next(&c->it, &c->key);
        c->k++;
    }
    *key = c->key;
    return c->elem;
}

/* Writes element k of v[i] (encoded) into b. */
static bool elem_at(cursor *c, const hvec *v, uint32_t i, int64_t k, bool bag_as_array, dbuf *b)
{
    hstr s = vec_s(v, i);
    const uint8_t *d = (const uint8_t *)s.p;
    int t = dyn_tag(d);
    if (t == DYN_ARRAY || t == DYN_OBJECT) {
        hstr key;
        const uint8_t *e = cursor_at(c, d, k, &key);
        if (!e)
            return false;
        if (t == DYN_ARRAY) {
            dyn_put_raw(b, e);
        } else if (bag_as_array) {
            size_t m = dyn_begin_array(b);
            dyn_put_string(b, key.p, key.n);
            dyn_put_raw(b, e);
            dyn_end(b, m, 2);
        } else {
            size_t m = dyn_begin_object(b);
            dyn_put_key(b, key.p, key.n);
            dyn_put_raw(b, e);
            dyn_end(b, m, 1);
        }
        return true;
    }
    if (k == 0) {
        dyn_put_raw(b, d);
        return true;
    }
    return false;
}

static int pull_input(op *o)
{
    mvx_st *s = o->st;
    for (;;) {
        batch *in;
        if (o->kids[0]->next(o->kids[0], &in) < 0)
            return -1;
        if (!in) {
            s->eof = true;
            s->in = NULL;
            return 0;
        }
        arena_reset(&s->inarena);
        for (int k = 0; k < s->ncols; k++) {
            if (expr_eval(o->q, s->exprs[k], in, &s->inarena, &s->vals[k]) < 0)
                return -1;
            if (s->vals[k].type != HT_DYNAMIC) {
                hvec d;
                if (expr_cast(o->q, &s->inarena, &s->vals[k], HT_DYNAMIC, &d) < 0)
                    return -1;
                s->vals[k] = d;
            }
        }
        s->in = in;
        s->row = 0;
        s->item = 0;
        return 0;
    }
}

static int mvx_next(op *o, batch **out)
{
    mvx_st *s = o->st;
    arena_reset(&o->arena);
    uint32_t cap = VEC_BATCH;
    int nout = o->schema.ncols;
    /* output rows as (input row, item) pairs, then gathered */
    uint32_t *rows = arena_alloc(&o->arena, sizeof(uint32_t) * cap);
    int64_t *items = arena_alloc(&o->arena, sizeof(int64_t) * cap);
    uint32_t n = 0;
    for (;;) {
        if (!s->in) {
            if (s->eof || pull_input(o) < 0)
                break;
            if (!s->in)
                break;
        }
        while (s->row < s->in->n && n < cap) {
            int64_t cnt = 0;
            for (int k = 0; k < s->ncols; k++) {
                int64_t c = elem_count(&s->vals[k], s->row);
                if (c > cnt)
                    cnt = c;
            }
            if (s->limit >= 0 && cnt > s->limit)
                cnt = s->limit;
            while (s->item < cnt && n < cap) {
                rows[n] = s->row;
                items[n] = s->item;
                n++;
                s->item++;
            }
            if (s->item >= cnt) {
                s->row++;
                s->item = 0;
            }
        }
        if (n == cap)
            break;
        if (s->row >= s->in->n) {
            if (n > 0)
                break; /* emit what we have before pulling (vectors point into the input) */
            s->in = NULL;
        }
    }
    if (o->q->err_code)
        return -1;
    if (n == 0) {
        *out = NULL;
        return 0;
    }
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = n;
    b->ncols = nout;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(nout ? nout : 1));
    for (int c = 0; c < nout; c++) {
        hvec *v = &b->cols[c];
        if (s->passcol[c] >= 0) {
            vec_gather(&o->arena, &s->in->cols[s->passcol[c]], rows, n, v);
        } else if (c == s->idxcol) {
            vec_alloc(&o->arena, v, HT_LONG, n);
            for (uint32_t i = 0; i < n; i++)
                v->i[i] = items[i];
        }
    }
    dbuf db = {0};
    for (int k = 0; k < s->ncols; k++) {
        cursor cur = {0};
        hvec dv;
        vec_alloc(&o->arena, &dv, HT_DYNAMIC, n);
        for (uint32_t i = 0; i < n; i++) {
            dbuf_reset(&db);
            if (!vec_is_null(&s->vals[k], rows[i])) {
                /* an array element is a slice of the array's encoding */
                const uint8_t *d = (const uint8_t *)vec_s(&s->vals[k], rows[i]).p;
                if (d && dyn_tag(d) == DYN_ARRAY) {
                    hstr key;
                    const uint8_t *e = cursor_at(&cur, d, items[i], &key);
                    if (e && dyn_tag(e) != DYN_NULL) {
                        dv.s[i].p = (const char *)e;
                        dv.s[i].n = (uint32_t)dyn_size(e);
                        continue;
                    }
                }
            }
            if (vec_is_null(&s->vals[k], rows[i]) ||
                !elem_at(&cur, &s->vals[k], rows[i], items[i], s->bag_as_array, &db)) {
                vec_set_null(&o->arena, &dv, i);
                dv.s[i].p = "";
                dv.s[i].n = 0;
                continue;
            }
            char *p = arena_alloc(&o->arena, db.n);
            memcpy(p, db.p, db.n);
            dv.s[i].p = p;
            dv.s[i].n = (uint32_t)db.n;
            if (dyn_tag((uint8_t *)p) == DYN_NULL)
                vec_set_null(&o->arena, &dv, i);
        }
        hvec *dst = &b->cols[s->outcol[k]];
        if (s->totype[k] != HT_DYNAMIC && s->totype[k] != HT_UNKNOWN) {
            if (expr_cast(o->q, &o->arena, &dv, s->totype[k], dst) < 0) {
                dbuf_free(&db);
                return -1;
            }
        } else {
            *dst = dv;
        }
    }
    dbuf_free(&db);
    if (s->in && s->row >= s->in->n)
        s->in = NULL;
    *out = b;
    return 0;
}

static void mvx_close(op *o)
{
    mvx_st *s = o->st;
    arena_free(&s->inarena);
}

op *bind_mvexpand(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    mvx_st *s = arena_zalloc(&q->arena, sizeof *s);
    int nk = n->nkid;
    s->ncols = nk;
    s->exprs = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)(nk ? nk : 1));
    s->outcol = arena_zalloc(&q->arena, sizeof(int) * (size_t)(nk ? nk : 1));
    s->totype = arena_zalloc(&q->arena, sizeof(htype) * (size_t)(nk ? nk : 1));
    s->vals = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(nk ? nk : 1));
    s->limit = -1;
    s->idxcol = -1;
    arena_init(&s->inarena);
    const ast *be = ast_opt(n, "bagexpansion");
    const ast *kd = ast_opt(n, "kind");
    const ast *opt = be ? be : kd;
    if (opt && opt->nkid) {
        hstr v = opt->kid[0]->kind == AST_IDENT ? opt->kid[0]->name : opt->kid[0]->str;
        s->bag_as_array = v.n == 5 && !memcmp(v.p, "array", 5);
    }
    const ast *lim = ast_opt(n, "limit");
    if (lim && lim->nkid && lim->kid[0]->kind == AST_LITERAL)
        s->limit = lim->kid[0]->ival;
    hschema out;
    schema_init(&out);
    schema_copy(&out, &in->schema);
    int cap = in->schema.ncols + nk + 2;
    s->passcol = arena_alloc(&q->arena, sizeof(int) * (size_t)cap);
    for (int c = 0; c < in->schema.ncols; c++)
        s->passcol[c] = c;
    for (int k = 0; k < nk; k++) {
        const ast *mc = n->kid[k];
        const ast *ex = mc->kind == AST_MVCOL ? mc->kid[0] : mc;
        htype to = mc->kind == AST_MVCOL ? mc->type : HT_UNKNOWN;
        const ast *val = ex->kind == AST_NAMED ? ex->kid[0] : ex;
        s->exprs[k] = bind_scalar(q, sc, &in->schema, val);
        if (!s->exprs[k]) {
            schema_free(&out);
            return NULL;
        }
        const char *nm = ex->kind == AST_NAMED ? arena_strndup(&q->arena, ex->name.p, ex->name.n)
                                               : bind_expr_name(q, val);
        if (!nm) {
            schema_free(&out);
            q_error(q, HUNT_ESEMANTIC, val->off, val->len,
                    "mv-expand of an expression needs a name: name = expression");
            return NULL;
        }
        htype t = (to == HT_UNKNOWN) ? HT_DYNAMIC : to;
        s->totype[k] = t;
        int at = schema_find(&out, nm, strlen(nm));
        if (at < 0) {
            at = out.ncols;
            schema_add(&out, nm, t);
        } else {
            out.types[at] = t;
        }
        s->passcol[at] = -1;
        s->outcol[k] = at;
    }
    const ast *wi = ast_opt(n, "with_itemindex");
    if (wi && wi->nkid && wi->kid[0]->kind == AST_IDENT) {
        s->idxcol = out.ncols;
        s->passcol[out.ncols] = -1;
        schema_add(&out, arena_strndup(&q->arena, wi->kid[0]->name.p, wi->kid[0]->name.n), HT_LONG);
    }
    op *o = op_new(q, "mv-expand", 1);
    o->kids[0] = in;
    o->st = s;
    schema_copy(&o->schema, &out);
    schema_free(&out);
    o->next = mvx_next;
    o->close = mvx_close;
    return o;
}
