/* engine/exec_window.c — window functions (row_number, prev, next,
 * row_cumsum, row_rank_dense, row_rank_min, row_window_session) and the
 * operator that evaluates an extend/project/serialize containing them.
 *
 * Why an operator and not scalar kernels: these functions read other rows
 * (the previous or next ones) and carry state from one batch to the next, so
 * they need the rows in order and once each. The binder routes an extend or
 * project whose expressions call one of them here (bind_window_extend).
 *
 * Binding: each window call is replaced, innermost first, by a hidden
 * column "__winK" appended to the input schema; its arguments are bound
 * against the input plus the hidden columns made before it, so
 * row_number(1, prev(a) != a) becomes __win0 = prev(a), then
 * __win1 = row_number(1, __win0 != a). The projected expressions are then
 * bound against that extended schema.
 *
 * Running: a frame is the input columns plus the hidden ones. Without
 * next() the operator streams: each input batch is a frame, the hidden
 * columns are computed in order with per-call state (a short history of
 * earlier values for prev, running sums, ranks, session starts). next()
 * needs rows that come later, so a query using it collects the whole input
 * first and computes over one frame of all rows (evaluated in slices).
 *
 * A window call needs a serialized input (after serialize, sort/order, top,
 * range, or operators that keep the order); otherwise binding fails with
 * Kusto's message. This file also expands the functions that return several
 * columns in an extend, project or print: series_stats(x) into its seven
 * columns, series_fit_line(x), and array_sort_asc/desc over several arrays
 * into a column per array.
 */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { W_ROW_NUMBER, W_PREV, W_NEXT, W_CUMSUM, W_RANK_DENSE, W_RANK_MIN, W_SESSION };

static const char *const win_names[] = {
    "row_number",         "prev", "next", "row_cumsum", "row_rank_dense", "row_rank_min",
    "row_window_session", NULL};

typedef struct wcall {
    int kind;
    bexpr *args[4];
    int nargs;
    htype type;
    int col;        /* frame column of the result */
    int64_t offset; /* prev/next */
    int64_t start;  /* row_number */
    /* state across batches */
    bool any; /* a row was seen */
    int64_t counter, rank, rownum;
    int64_t isum;
    double rsum;
    int64_t sess_start, sess_prev;
    hvec hist; /* prev: last values (oldest first); ranks: last value */
    uint32_t nhist;
    harena histmem[2];
    int cur; /* which histmem holds hist */
} wcall;

typedef struct win_st {
    wcall *calls;
    int ncalls;
    int nin;       /* input columns */
    bexpr **exprs; /* projected expressions over the frame */
    int nexprs;
    bool whole; /* collect the input first (next() is used) */
    /* whole-input mode */
    htable *t;
    batch frame;
    uint32_t emitted;
    bool done;
    harena keep; /* whole mode: hidden columns and their arguments */
} win_st;

/* --- detection and rewriting ------------------------------------------------ */

static int win_index(hstr name)
{
    for (int i = 0; win_names[i]; i++)
        if (name.n == strlen(win_names[i]) && !memcmp(name.p, win_names[i], name.n))
            return i;
    return -1;
}

static int win_kind(const ast *n)
{
    return n->kind == AST_CALL ? win_index(n->name) : -1;
}

bool window_fn_name(hstr name)
{
    return win_index(name) >= 0;
}

static bool is_tabular_kind(ast_kind k)
{
    return k == AST_PIPE || k == AST_DATATABLE || k == AST_PRINT || k == AST_RANGE ||
           k == AST_UNION || k == AST_EVALUATE || k == AST_SEARCH || k == AST_EXTERNALDATA;
}

static bool has_window(const ast *n)
{
    if (!n || is_tabular_kind(n->kind))
        return false;
    if (win_kind(n) >= 0)
        return true;
    for (int i = 0; i < n->nkid; i++)
        if (has_window(n->kid[i]))
            return true;
    return false;
}

static bool hstr_eq(hstr s, const char *lit)
{
    return s.n == strlen(lit) && !memcmp(s.p, lit, s.n);
}

/* Functions that compute several columns; each is bound as items of a
 * function returning one property bag (name_dynamic). conv gives each key's
 * type: 'r' real, 'l' long, 'd' dynamic. The docs of series_fit_line and
 * series_fit_2lines say `extend (a, b) = f(x)` keeps only the named columns
 * while project names the rest by default (named_only); series_stats keeps
 * all, as before. */
static const char *const stats_keys[] = {"min", "min_idx", "max",     "max_idx",
                                         "avg", "stdev",   "variance"};
static const char *const fit_line_keys[] = {"rsquare",   "slope",        "variance",
                                            "rvariance", "interception", "line_fit"};
typedef struct multi_fn {
    const char *name, *dyn;
    int nkeys;
    const char *const *keys;
    const char *conv;
    bool named_only;
    /* array_sort_asc/desc(a1, ..., aN [, nulls_last]) with two or more
     * arrays: a column per array, item k being f(...)[k] (the function
     * returns the sorted arrays as one array); not expanded under a single
     * name (`s = array_sort_asc(a, b)` is one column, like a nested call) */
    bool per_array;
} multi_fn;
static const multi_fn multi_fns[] = {
    {"series_stats", "series_stats_dynamic", 7, stats_keys, "rlrlrrr", false, false},
    {"series_fit_line", "series_fit_line_dynamic", 6, fit_line_keys, "rrrrrd", true, false},
    {"array_sort_asc", NULL, 0, NULL, NULL, false, true},
    {"array_sort_desc", NULL, 0, NULL, NULL, false, true},
};

/* The multi-column function item k calls, or NULL. */
static const multi_fn *multi_of(const ast *k)
{
    const ast *e = k->kind == AST_NAMED ? k->kid[0] : k;
    if (!e || e->kind != AST_CALL || e->nkid < 1)
        return NULL;
    for (size_t i = 0; i < sizeof multi_fns / sizeof multi_fns[0]; i++) {
        const multi_fn *f = &multi_fns[i];
        if (!hstr_eq(e->name, f->name))
            continue;
        if (f->per_array && (e->nkid < 2 || (k->kind == AST_NAMED && k->nkid == 1)))
            return NULL;
        return f;
    }
    return NULL;
}

static bool is_multi(const ast *k)
{
    return multi_of(k) != NULL;
}

bool window_call_in(const ast *n);
bool window_call_in(const ast *n)
{
    for (int i = 0; i < n->nkid; i++)
        if (has_window(n->kid[i]) || is_multi(n->kid[i]))
            return true;
    return false;
}

/* Does an item of print n call a function that returns several columns? */
bool multi_call_in(const ast *n);
bool multi_call_in(const ast *n)
{
    for (int i = 0; i < n->nkid; i++)
        if (is_multi(n->kid[i]))
            return true;
    return false;
}

/* --- binding ------------------------------------------------------------------ */

typedef struct wbind {
    qctx *q;
    bind_scope *s;
    hschema ext; /* input columns + hidden columns */
    wcall *calls;
    int ncalls, cap;
    const char *first_name; /* first window function met, for the error */
    int first_off, first_len;
} wbind;

static ast *rewrite(wbind *b, const ast *n);

static bool const_long_arg(wbind *b, const ast *a, int64_t *v)
{
    bexpr *e = bind_scalar(b->q, b->s, &b->ext, a);
    if (!e)
        return false;
    if (e->kind != BX_CONST || !ht_is_numeric(e->type) || vec_is_null(&e->cval, 0)) {
        q_error(b->q, HUNT_ESEMANTIC, a->off, a->len, "expected a constant number");
        return false;
    }
    *v = e->type == HT_REAL ? (int64_t)e->cval.r[0] : e->cval.i[0];
    return true;
}

static bool bind_bool_arg(wbind *b, wcall *w, int slot, const ast *a)
{
    bexpr *e = bind_scalar(b->q, b->s, &b->ext, a);
    if (!e)
        return false;
    w->args[slot] = bind_cast(b->q, e, HT_BOOL);
    return w->args[slot] != NULL;
}

static int arg_count_error(wbind *b, const ast *n, int lo, int hi)
{
    return q_error(b->q, HUNT_ESEMANTIC, n->off, n->len,
                   "%.*s() expects %d to %d arguments, got %d", (int)n->name.n, n->name.p, lo, hi,
                   n->nkid);
}

/* Binds the (already rewritten) arguments of window call n into w. */
static int bind_wargs(wbind *b, wcall *w, const ast *n)
{
    static const int lo[] = {0, 1, 1, 1, 1, 1, 4}, hi[] = {2, 3, 3, 2, 2, 2, 4};
    if (n->nkid < lo[w->kind] || n->nkid > hi[w->kind])
        return arg_count_error(b, n, lo[w->kind], hi[w->kind]);
    qctx *q = b->q;
    switch (w->kind) {
    case W_ROW_NUMBER:
        w->type = HT_LONG;
        w->start = 1;
        if (n->nkid >= 1 && !const_long_arg(b, n->kid[0], &w->start))
            return -1;
        if (n->nkid >= 2 && !bind_bool_arg(b, w, 0, n->kid[1]))
            return -1;
        w->nargs = n->nkid >= 2 ? 1 : 0;
        return 0;
    case W_PREV:
    case W_NEXT: {
        w->args[0] = bind_scalar(q, b->s, &b->ext, n->kid[0]);
        if (!w->args[0])
            return -1;
        w->type = w->args[0]->type == HT_UNKNOWN ? HT_STRING : w->args[0]->type;
        w->args[0] = bind_cast(q, w->args[0], w->type);
        w->offset = 1;
        if (n->nkid >= 2 && !const_long_arg(b, n->kid[1], &w->offset))
            return -1;
        if (w->offset < 0 || w->offset > (1 << 24))
            return q_error(q, HUNT_ESEMANTIC, n->kid[1]->off, n->kid[1]->len,
                           "the offset of %.*s() must be between 0 and 16777216", (int)n->name.n,
                           n->name.p);
        w->nargs = 1;
        if (n->nkid >= 3) {
            bexpr *d = bind_scalar(q, b->s, &b->ext, n->kid[2]);
            if (!d)
                return -1;
            w->args[1] = bind_cast(q, d, w->type);
            w->nargs = 2;
        }
        return 0;
    }
    case W_CUMSUM:
    case W_RANK_DENSE:
    case W_RANK_MIN: {
        bexpr *e = bind_scalar(q, b->s, &b->ext, n->kid[0]);
        if (!e)
            return -1;
        if (w->kind == W_CUMSUM) {
            if (e->type == HT_DYNAMIC || e->type == HT_BOOL)
                e = bind_cast(q, e, HT_REAL);
            if (e->type == HT_INT)
                e = bind_cast(q, e, HT_LONG);
            if (!ht_is_numeric(e->type) && e->type != HT_TIMESPAN)
                return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                               "row_cumsum() expects a numeric argument, got %s", ht_name(e->type));
            w->type = e->type;
        } else {
            w->type = HT_LONG;
        }
        w->args[0] = e;
        w->nargs = 1;
        if (n->nkid >= 2 && !bind_bool_arg(b, w, 1, n->kid[1]))
            return -1;
        if (n->nkid >= 2)
            w->nargs = 2;
        return 0;
    }
    default: { /* row_window_session(expr, max_from_first, max_between, restart) */
        for (int i = 0; i < 3; i++) {
            bexpr *e = bind_scalar(q, b->s, &b->ext, n->kid[i]);
            if (!e)
                return -1;
            if (i == 0 && !ht_is_int64(e->type) && e->type != HT_REAL)
                return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                               "row_window_session() expects a datetime or number, got %s",
                               ht_name(e->type));
            w->args[i] = i == 0 ? e : bind_cast(q, e, e->type == HT_REAL ? HT_REAL : e->type);
        }
        w->type = w->args[0]->type;
        if (!bind_bool_arg(b, w, 3, n->kid[3]))
            return -1;
        w->nargs = 4;
        return 0;
    }
    }
}

/* Replaces window call n (its kids already rewritten in c) by a hidden
 * column, binding it. */
static ast *replace_call(wbind *b, const ast *orig, ast *c, int kind)
{
    if (!b->first_name) {
        b->first_name = win_names[kind];
        b->first_off = orig->off;
        b->first_len = orig->len;
    }
    if (b->ncalls == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 8;
        wcall *nc = arena_zalloc(&b->q->arena, sizeof(wcall) * (size_t)b->cap);
        if (b->ncalls)
            memcpy(nc, b->calls, sizeof(wcall) * (size_t)b->ncalls);
        b->calls = nc;
    }
    wcall *w = &b->calls[b->ncalls];
    memset(w, 0, sizeof *w);
    w->kind = kind;
    if (bind_wargs(b, w, c) < 0)
        return NULL;
    char nm[32];
    snprintf(nm, sizeof nm, "__win%d", b->ncalls);
    w->col = b->ext.ncols;
    schema_add(&b->ext, nm, w->type);
    b->ncalls++;
    ast *id = ast_new(&b->q->arena, AST_IDENT, orig->off, orig->len);
    id->name.p = arena_strndup(&b->q->arena, nm, strlen(nm));
    id->name.n = (uint32_t)strlen(nm);
    return id;
}

static ast *rewrite(wbind *b, const ast *n)
{
    if (!n)
        return NULL;
    if (is_tabular_kind(n->kind) || !has_window(n))
        return (ast *)n;
    ast *c = ast_new(&b->q->arena, n->kind, n->off, n->len);
    ast_kind k = c->kind;
    *c = *n;
    c->kind = k;
    c->kid = NULL;
    c->nkid = c->kidcap = 0;
    for (int i = 0; i < n->nkid; i++) {
        ast *r = rewrite(b, n->kid[i]);
        if (n->kid[i] && !r)
            return NULL;
        ast_add(&b->q->arena, c, r);
    }
    int kind = win_kind(n);
    return kind >= 0 ? replace_call(b, n, c, kind) : c;
}

/* --- series_stats(x) and the other multi-column functions ------------------------- */

static ast *mk_call(qctx *q, const ast *at, const char *fn, ast *arg)
{
    ast *c = ast_new(&q->arena, AST_CALL, at->off, at->len);
    c->name.p = fn;
    c->name.n = (uint32_t)strlen(fn);
    ast_add(&q->arena, c, arg);
    return c;
}

/* Item k of f(x): toreal/tolong(f_dynamic(x).key), or the member itself for
 * a dynamic key. */
static ast *multi_item(qctx *q, const multi_fn *f, const ast *call, int k)
{
    ast *dyn = mk_call(q, call, f->dyn, call->kid[0]);
    for (int i = 1; i < call->nkid; i++)
        ast_add(&q->arena, dyn, call->kid[i]);
    ast *m = ast_new(&q->arena, AST_MEMBER, call->off, call->len);
    m->name.p = f->keys[k];
    m->name.n = (uint32_t)strlen(f->keys[k]);
    ast_add(&q->arena, m, dyn);
    if (f->conv[k] == 'd')
        return m;
    return mk_call(q, call, f->conv[k] == 'l' ? "tolong" : "toreal", m);
}

/* --- output columns -------------------------------------------------------------- */

typedef struct outcols {
    bexpr **ex;
    int n, cap;
    hschema s;
    int counter;
    int print_item; /* print: the item being bound (named print_N); else -1 */
} outcols;

static void out_put(qctx *q, outcols *o, const char *nm, bexpr *e, bool replace)
{
    int at = schema_find(&o->s, nm, strlen(nm));
    if (at >= 0 && replace) {
        o->ex[at] = e;
        o->s.types[at] = e->type;
        return;
    }
    if (at >= 0)
        nm = name_unique(q, &o->s, nm);
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        bexpr **nx = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)o->cap);
        if (o->n)
            memcpy(nx, o->ex, sizeof(bexpr *) * (size_t)o->n);
        o->ex = nx;
    }
    o->ex[o->n++] = e;
    schema_add(&o->s, nm, e->type);
}

static const char *column_name(qctx *q, outcols *o, const ast *k)
{
    if (k->kind == AST_NAMED)
        return arena_strndup(&q->arena, k->name.p, k->name.n);
    char buf[32];
    if (o->print_item >= 0) { /* print names every unnamed column print_N */
        snprintf(buf, sizeof buf, "print_%d", o->print_item);
        return arena_strndup(&q->arena, buf, strlen(buf));
    }
    const char *nm = bind_expr_name(q, k);
    if (nm)
        return nm;
    do
        snprintf(buf, sizeof buf, "Column%d", ++o->counter);
    while (schema_find(&o->s, buf, strlen(buf)) >= 0);
    return arena_strndup(&q->arena, buf, strlen(buf));
}

/* The literal i (a long). */
static ast *mk_long(qctx *q, const ast *at, int64_t i)
{
    ast *l = ast_new(&q->arena, AST_LITERAL, at->off, at->len);
    l->type = HT_LONG;
    l->op = LIT_VALUE;
    l->ival = i;
    return l;
}

/* The column name of array argument i of a sort without a name for it: the
 * argument's name + "_sorted" (the docs' array1_sorted), or, for an
 * expression without a name, arrayK_sorted (K = i + 1, after the docs'
 * parameter names array1...arrayN). */
static const char *sorted_name(qctx *q, const ast *arg, int i)
{
    const char *base = bind_expr_name(q, arg);
    char buf[300];
    if (base)
        snprintf(buf, sizeof buf, "%s_sorted", base);
    else
        snprintf(buf, sizeof buf, "array%d_sorted", i + 1);
    return arena_strndup(&q->arena, buf, strlen(buf));
}

/* array_sort_asc/desc(a1, ..., aN [, nulls_last]) as N columns, item i being
 * the call's [i]; `(x, y) = ...` names them. With one array (the second
 * argument is nulls_last) it is one column, named as any expression. */
static int bind_per_array(wbind *b, outcols *o, const ast *k, bool extend)
{
    qctx *q = b->q;
    const ast *call = k->kind == AST_NAMED ? k->kid[0] : k;
    ast *r = rewrite(b, call);
    if (!r)
        return -1;
    bexpr *last = bind_scalar(q, b->s, &b->ext, r->kid[r->nkid - 1]);
    if (!last)
        return -1;
    int narr = r->nkid - (last->type == HT_BOOL ? 1 : 0);
    int nnames = k->kind == AST_NAMED ? k->nkid - 1 : 0;
    if (nnames > (narr > 1 ? narr : 1))
        return q_error(q, HUNT_ESEMANTIC, k->off, k->len,
                       "%.*s() returns %d column%s here (one per array), but %d names are given",
                       (int)call->name.n, call->name.p, narr, narr == 1 ? "" : "s", nnames);
    bool replace = extend || nnames > 0;
    for (int i = 0; i < narr; i++) {
        ast *item = r;
        if (narr > 1) {
            item = ast_new(&q->arena, AST_INDEX, call->off, call->len);
            ast_add(&q->arena, item, r);
            ast_add(&q->arena, item, mk_long(q, call, i));
        }
        bexpr *e = bind_scalar(q, b->s, &b->ext, item);
        if (!e)
            return -1;
        const char *nm;
        if (i < nnames)
            nm = arena_strndup(&q->arena, k->kid[1 + i]->name.p, k->kid[1 + i]->name.n);
        else if (narr > 1)
            nm = sorted_name(q, call->kid[i], i);
        else
            nm = column_name(q, o, call);
        out_put(q, o, nm, e, replace);
    }
    return 0;
}

static int bind_multi(wbind *b, outcols *o, const ast *k, bool extend)
{
    qctx *q = b->q;
    const multi_fn *f = multi_of(k);
    if (f->per_array)
        return bind_per_array(b, o, k, extend);
    const ast *call = k->kind == AST_NAMED ? k->kid[0] : k;
    const char *base = bind_expr_name(q, call->kid[0]);
    for (int i = 0; i < f->nkeys; i++) {
        bool named = k->kind == AST_NAMED && k->nkid > 1 + i;
        if (extend && f->named_only && k->kind == AST_NAMED && k->nkid > 1 && !named)
            break; /* extend (a, b) = f(x): only the named columns */
        ast *it = multi_item(q, f, call, i);
        ast *r = rewrite(b, it);
        if (!r)
            return -1;
        bexpr *e = bind_scalar(q, b->s, &b->ext, r);
        if (!e)
            return -1;
        char nm[300];
        if (named)
            snprintf(nm, sizeof nm, "%.*s", (int)k->kid[1 + i]->name.n, k->kid[1 + i]->name.p);
        else if (k->kind == AST_NAMED && k->nkid == 1)
            snprintf(nm, sizeof nm, "%.*s_%s", (int)k->name.n, k->name.p, f->keys[i]);
        else if (base)
            snprintf(nm, sizeof nm, "%s_%s_%s", f->name, base, f->keys[i]);
        else
            snprintf(nm, sizeof nm, "%s_%s", f->name, f->keys[i]);
        out_put(q, o, arena_strndup(&q->arena, nm, strlen(nm)), e, false);
    }
    return 0;
}

/* --- running ------------------------------------------------------------------------ */

/* Evaluates e over a frame of any size, in slices of VEC_BATCH rows. */
static int eval_frame(qctx *q, bexpr *e, const batch *f, harena *a, hvec *out)
{
    if (f->n <= VEC_BATCH)
        return expr_eval(q, e, f, a, out);
    return expr_eval_all(q, e, f, a, out);
}

static bool flag_at(const hvec *v, uint32_t i)
{
    return v && !vec_is_null(v, i) && vec_b(v, i);
}

/* Keeps the last `keep` values of (hist ++ v[0..n)) as w->hist, copying
 * strings into the other history arena. */
static void hist_update(wcall *w, const hvec *v, uint32_t n, uint32_t keep)
{
    uint32_t total = w->nhist + n;
    uint32_t k = total < keep ? total : keep;
    int nx = 1 - w->cur;
    harena *a = &w->histmem[nx];
    arena_reset(a);
    hvec h;
    vec_alloc(a, &h, v->type, k ? k : 1);
    for (uint32_t j = 0; j < k; j++) {
        uint32_t src = total - k + j;
        const hvec *from = src < w->nhist ? &w->hist : v;
        uint32_t at = src < w->nhist ? src : src - w->nhist;
        vec_copy_value(a, &h, j, from, at);
        if (ht_is_str(h.type) && !vec_is_null(&h, j)) {
            hstr s = h.s[j];
            h.s[j].p = s.n ? arena_strndup(a, s.p, s.n) : "";
        }
    }
    arena_reset(&w->histmem[w->cur]);
    w->hist = h;
    w->nhist = k;
    w->cur = nx;
}

static void put_default(harena *a, hvec *out, uint32_t i, const hvec *dflt)
{
    if (dflt)
        vec_copy_value(a, out, i, dflt, i);
    else
        vec_set_null(a, out, i);
}

static void run_shift(wcall *w, const hvec *args, uint32_t n, harena *a, hvec *out)
{
    const hvec *v = &args[0];
    const hvec *dflt = w->nargs > 1 ? &args[1] : NULL;
    int64_t off = w->offset;
    for (uint32_t i = 0; i < n; i++) {
        if (ht_is_str(out->type))
            out->s[i] = (hstr){"", 0};
        int64_t src = w->kind == W_PREV ? (int64_t)i - off : (int64_t)i + off;
        if (src >= 0 && src < (int64_t)n)
            vec_copy_value(a, out, i, v, (uint32_t)src);
        else if (w->kind == W_PREV && src < 0 && (int64_t)w->nhist + src >= 0)
            vec_copy_value(a, out, i, &w->hist, (uint32_t)((int64_t)w->nhist + src));
        else
            put_default(a, out, i, dflt);
    }
    if (w->kind == W_PREV && off > 0)
        hist_update(w, v, n, (uint32_t)off);
}

static void run_cumsum(wcall *w, const hvec *args, uint32_t n, hvec *out)
{
    const hvec *v = &args[0];
    const hvec *rs = w->nargs > 1 ? &args[1] : NULL;
    for (uint32_t i = 0; i < n; i++) {
        if (flag_at(rs, i)) {
            w->isum = 0;
            w->rsum = 0;
        }
        if (!vec_is_null(v, i)) {
            if (w->type == HT_REAL)
                w->rsum += vec_r(v, i);
            else
                w->isum = (int64_t)((uint64_t)w->isum + (uint64_t)vec_i(v, i));
        }
        if (w->type == HT_REAL)
            out->r[i] = w->rsum;
        else
            out->i[i] = w->isum;
    }
}

static void run_ranks(wcall *w, const hvec *args, uint32_t n, hvec *out)
{
    const hvec *v = &args[0];
    const hvec *rs = w->nargs > 1 ? &args[1] : NULL;
    for (uint32_t i = 0; i < n; i++) {
        bool fresh = !w->any || flag_at(rs, i);
        bool same = false;
        if (!fresh)
            same = i > 0 ? value_eq(v, i - 1, v, i) : value_eq(&w->hist, 0, v, i);
        if (fresh) {
            w->rank = 1;
            w->rownum = 1;
        } else {
            w->rownum++;
            if (!same)
                w->rank = w->kind == W_RANK_DENSE ? w->rank + 1 : w->rownum;
        }
        w->any = true;
        out->i[i] = w->rank;
    }
    if (n)
        hist_update(w, v, n, 1);
}

static void run_row_number(wcall *w, const hvec *args, uint32_t n, hvec *out)
{
    const hvec *rs = w->nargs > 0 ? &args[0] : NULL;
    for (uint32_t i = 0; i < n; i++) {
        if (!w->any || flag_at(rs, i))
            w->counter = w->start;
        else /* past long's largest value the count wraps, as Kusto's long arithmetic does */
            w->counter = (int64_t)((uint64_t)w->counter + 1);
        w->any = true;
        out->i[i] = w->counter;
    }
}

static double num_at(const hvec *v, uint32_t i)
{
    return v->type == HT_REAL ? vec_r(v, i) : (double)vec_i(v, i);
}

static void run_session(wcall *w, const hvec *args, uint32_t n, harena *a, hvec *out)
{
    const hvec *v = &args[0];
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(v, i)) {
            vec_set_null(a, out, i);
            out->i[i] = 0;
            continue;
        }
        int64_t x = vec_i(v, i);
        double maxfirst = vec_is_null(&args[1], i) ? 0 : num_at(&args[1], i);
        double maxnext = vec_is_null(&args[2], i) ? 0 : num_at(&args[2], i);
        if (!w->any || flag_at(&args[3], i) || (double)(x - w->sess_start) > maxfirst ||
            (double)(x - w->sess_prev) > maxnext)
            w->sess_start = x;
        w->sess_prev = x;
        w->any = true;
        out->i[i] = w->sess_start;
    }
}

static void run_session_real(wcall *w, const hvec *args, uint32_t n, harena *a, hvec *out)
{
    /* a real axis: the state keeps doubles in the int64 slots' bits */
    const hvec *v = &args[0];
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(v, i)) {
            vec_set_null(a, out, i);
            out->r[i] = 0;
            continue;
        }
        double x = vec_r(v, i), st, pv;
        memcpy(&st, &w->sess_start, sizeof st);
        memcpy(&pv, &w->sess_prev, sizeof pv);
        double maxfirst = vec_is_null(&args[1], i) ? 0 : num_at(&args[1], i);
        double maxnext = vec_is_null(&args[2], i) ? 0 : num_at(&args[2], i);
        if (!w->any || flag_at(&args[3], i) || x - st > maxfirst || x - pv > maxnext)
            st = x;
        memcpy(&w->sess_start, &st, sizeof st);
        memcpy(&w->sess_prev, &x, sizeof x);
        w->any = true;
        out->r[i] = st;
    }
}

/* Computes hidden column w over frame f (n rows) into f->cols[w->col]. */
static int run_call(qctx *q, wcall *w, batch *f, harena *a)
{
    hvec args[4];
    for (int i = 0; i < w->nargs; i++)
        if (eval_frame(q, w->args[i], f, a, &args[i]) < 0)
            return -1;
    hvec *out = &f->cols[w->col];
    uint32_t n = f->n;
    vec_alloc(a, out, w->type, n);
    memset(out->data, 0, vec_width(w->type) * (n ? n : 1));
    switch (w->kind) {
    case W_ROW_NUMBER:
        run_row_number(w, args, n, out);
        break;
    case W_PREV:
    case W_NEXT:
        run_shift(w, args, n, a, out);
        break;
    case W_CUMSUM:
        run_cumsum(w, args, n, out);
        break;
    case W_RANK_DENSE:
    case W_RANK_MIN:
        run_ranks(w, args, n, out);
        break;
    default:
        if (w->type == HT_REAL)
            run_session_real(w, args, n, a, out);
        else
            run_session(w, args, n, a, out);
    }
    return 0;
}

/* Builds a frame over input columns `in` (n rows) and computes every hidden
 * column. */
static int make_frame(op *o, const hvec *in, uint32_t n, harena *a, batch *f)
{
    win_st *s = o->st;
    int nc = s->nin + s->ncalls;
    f->n = n;
    f->ncols = nc;
    f->cols = arena_zalloc(a, sizeof(hvec) * (size_t)(nc ? nc : 1));
    for (int c = 0; c < s->nin; c++)
        f->cols[c] = in[c];
    for (int k = 0; k < s->ncalls; k++)
        if (run_call(o->q, &s->calls[k], f, a) < 0)
            return -1;
    return 0;
}

static int project_frame(op *o, const batch *f, batch **out)
{
    win_st *s = o->st;
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = f->n;
    b->ncols = s->nexprs;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(s->nexprs ? s->nexprs : 1));
    for (int i = 0; i < s->nexprs; i++) {
        if (expr_eval(o->q, s->exprs[i], f, &o->arena, &b->cols[i]) < 0)
            return -1;
        b->cols[i].n = f->n;
    }
    *out = b;
    return 0;
}

static int win_next_stream(op *o, batch **out)
{
    batch *in;
    if (o->kids[0]->next(o->kids[0], &in) < 0)
        return -1;
    arena_reset(&o->arena);
    if (!in) {
        *out = NULL;
        return 0;
    }
    batch f;
    if (make_frame(o, in->cols, in->n, &o->arena, &f) < 0)
        return -1;
    return project_frame(o, &f, out);
}

static int win_collect(op *o)
{
    win_st *s = o->st;
    s->done = true;
    s->t = exec_collect(o->q, o->kids[0]);
    if (!s->t)
        return -1;
    hvec *cols = arena_zalloc(&s->keep, sizeof(hvec) * (size_t)(s->nin ? s->nin : 1));
    table_flatten(&s->keep, s->t, cols);
    return make_frame(o, cols, (uint32_t)s->t->nrows, &s->keep, &s->frame);
}

static int win_next_whole(op *o, batch **out)
{
    win_st *s = o->st;
    if (!s->done && win_collect(o) < 0)
        return -1;
    arena_reset(&o->arena);
    if (s->emitted >= s->frame.n) {
        *out = NULL;
        return 0;
    }
    uint32_t m = s->frame.n - s->emitted;
    if (m > VEC_BATCH)
        m = VEC_BATCH;
    batch sl = {
        m, s->frame.ncols,
        arena_alloc(&o->arena, sizeof(hvec) * (size_t)(s->frame.ncols ? s->frame.ncols : 1))};
    for (int c = 0; c < s->frame.ncols; c++)
        sl.cols[c] = vec_slice(&s->frame.cols[c], s->emitted, m);
    s->emitted += m;
    return project_frame(o, &sl, out);
}

static void win_close(op *o)
{
    win_st *s = o->st;
    for (int k = 0; k < s->ncalls; k++) {
        arena_free(&s->calls[k].histmem[0]);
        arena_free(&s->calls[k].histmem[1]);
    }
    arena_free(&s->keep);
    if (s->t)
        table_free(s->t);
    s->t = NULL;
}

/* --- entry point ------------------------------------------------------------------- */

static int bind_items(wbind *b, outcols *o, const ast *n, bool extend)
{
    qctx *q = b->q;
    bool print = o->print_item >= 0;
    for (int i = 0; i < n->nkid; i++) {
        const ast *k = n->kid[i];
        if (print)
            o->print_item = i;
        if (is_multi(k)) {
            if (bind_multi(b, o, k, extend) < 0)
                return -1;
            continue;
        }
        ast *r = rewrite(b, k);
        if (!r)
            return -1;
        bexpr *e = bind_scalar(q, b->s, &b->ext, r);
        if (!e)
            return -1;
        if (e->type == HT_UNKNOWN)
            e = bind_cast(q, e, HT_STRING);
        const char *nm = column_name(q, o, k);
        bool replace = extend || (k->kind == AST_NAMED && !print);
        if (!extend && k->kind == AST_IDENT && schema_find(&o->s, nm, strlen(nm)) >= 0)
            return q_error(q, HUNT_ESEMANTIC, k->off, k->len, "column '%s' is projected twice", nm);
        out_put(q, o, nm, e, replace);
    }
    return 0;
}

/* The operator of an extend or project (extend false), or of a print
 * (print: its items are named print_N; in is print's one row). */
static op *bind_window(qctx *q, bind_scope *sc, op *in, const ast *n, bool extend, bool print)
{
    wbind b = {0};
    b.q = q;
    b.s = sc;
    schema_init(&b.ext);
    schema_copy(&b.ext, &in->schema);
    outcols o = {0};
    schema_init(&o.s);
    o.print_item = print ? 0 : -1;
    if (extend)
        for (int i = 0; i < in->schema.ncols; i++) {
            bexpr *e = arena_zalloc(&q->arena, sizeof *e);
            e->kind = BX_COL;
            e->type = in->schema.types[i];
            e->col = i;
            e->off = -1;
            out_put(q, &o, in->schema.names[i], e, false);
        }
    op *res = NULL;
    if (bind_items(&b, &o, n, extend) < 0)
        goto done;
    if (b.ncalls && !in->serialized) {
        q_error(q, HUNT_ESEMANTIC, b.first_off, b.first_len,
                "Function '%s' cannot be invoked in current context. Details: the row set must "
                "be serialized (use serialize, sort/order by or top before it)",
                b.first_name);
        goto done;
    }
    win_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->calls = b.calls;
    s->ncalls = b.ncalls;
    s->nin = in->schema.ncols;
    s->exprs = o.ex;
    s->nexprs = o.n;
    arena_init(&s->keep);
    for (int k = 0; k < b.ncalls; k++) {
        arena_init(&s->calls[k].histmem[0]);
        arena_init(&s->calls[k].histmem[1]);
        if (s->calls[k].kind == W_NEXT)
            s->whole = true;
    }
    res = op_new(q, "window", 1);
    res->kids[0] = in;
    res->st = s;
    schema_copy(&res->schema, &o.s);
    res->next = s->whole ? win_next_whole : win_next_stream;
    res->close = win_close;
    res->serialized = in->serialized;
done:
    schema_free(&b.ext);
    schema_free(&o.s);
    return res;
}

op *bind_window_extend(qctx *q, bind_scope *sc, op *in, const ast *n, bool extend);
op *bind_window_extend(qctx *q, bind_scope *sc, op *in, const ast *n, bool extend)
{
    return bind_window(q, sc, in, n, extend, false);
}

/* print whose items call a function returning several columns (see
 * multi_call_in); in is the one-row source. */
op *bind_window_print(qctx *q, bind_scope *sc, op *in, const ast *n);
op *bind_window_print(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    return bind_window(q, sc, in, n, false, true);
}

/* serialize [Name = Expr, ...]: marks the input ordered, then extends. */
op *bind_serialize(qctx *q, bind_scope *s, op *in, const ast *n)
{
    in->serialized = true;
    return bind_window_extend(q, s, in, n, true);
}
