/* engine/agg.c — the aggregation functions of summarize.
 *
 * Each aggregate is an agg_def: type rule, per-group state, a batch update
 * loop and a finalizer (see agg.h). The *if variants (countif, sumif, ...)
 * take a predicate as their last argument and skip rows where it is not true.
 * dcount is exact (a hash set of 64-bit value hashes per group), which equals
 * Kusto's estimate on small sets and is never further off than its error bound.
 * buildschema's state and kernels live in agg_buildschema.c.
 */
#include "agg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL /* the hash of every group key and join key: inlined, not a library call */
#include <xxhash.h>

/* --- one kept value ------------------------------------------------------------ */

typedef struct cell {
    union {
        int64_t i;
        double r;
        hstr s;
        hguid g;
        uint8_t b;
    };
    uint8_t null;
} cell;

static void cell_set(cell *c, const hvec *v, uint32_t i, harena *keep)
{
    c->null = vec_is_null(v, i);
    switch (v->type) {
    case HT_BOOL:
        c->b = vec_b(v, i);
        break;
    case HT_REAL:
        c->r = vec_r(v, i);
        break;
    case HT_GUID:
        c->g = *vec_g(v, i);
        break;
    case HT_STRING:
    case HT_DYNAMIC: {
        hstr s = vec_s(v, i);
        c->s.p = s.n ? arena_strndup(keep, s.p, s.n) : "";
        c->s.n = s.n;
        break;
    }
    case HT_UNKNOWN:
        c->null = 1;
        break;
    default:
        c->i = vec_i(v, i);
        break;
    }
}

static void cell_out(const cell *c, htype t, harena *a, hvec *out, uint32_t i)
{
    if (c->null) {
        vec_set_null(a, out, i);
        if (ht_is_str(t)) {
            out->s[i].p = "";
            out->s[i].n = 0;
        }
        return;
    }
    switch (t) {
    case HT_BOOL:
        out->b[i] = c->b;
        break;
    case HT_REAL:
        out->r[i] = c->r;
        break;
    case HT_GUID:
        out->g[i] = c->g;
        break;
    case HT_STRING:
    case HT_DYNAMIC:
        out->s[i] = c->s;
        break;
    default:
        out->i[i] = c->i;
        break;
    }
}

/* A cell as a one-value vector, for value_cmp. */
static hvec cell_vec(cell *c, htype t)
{
    hvec v = {0};
    v.type = t;
    v.n = 1;
    v.cmask = 0;
    v.data = c;
    return v;
}

static bool pred_ok(const hvec *p, uint32_t i)
{
    return !vec_is_null(p, i) && vec_b(p, i);
}

static htype type_long(aggspec *s, const htype *t, char *e, size_t n)
{
    (void)s, (void)t, (void)e, (void)n;
    return HT_LONG;
}
static htype type_real(aggspec *s, const htype *t, char *e, size_t n)
{
    (void)s, (void)e, (void)n;
    if (!ht_is_numeric(t[0]) && t[0] != HT_TIMESPAN && t[0] != HT_DYNAMIC && t[0] != HT_UNKNOWN) {
        snprintf(e, n, "expects a numeric argument, got %s", ht_name(t[0]));
        return HT_UNKNOWN;
    }
    return HT_REAL;
}
static htype type_same(aggspec *s, const htype *t, char *e, size_t n)
{
    (void)s, (void)e, (void)n;
    return t[0] == HT_INT ? HT_INT : t[0];
}
static htype type_dyn(aggspec *s, const htype *t, char *e, size_t n)
{
    (void)s, (void)t, (void)e, (void)n;
    return HT_DYNAMIC;
}

/* make_bag, make_bag_if: of property bags only (Kusto.Language's parameter is dynamic) */
static htype type_bag(aggspec *s, const htype *t, char *e, size_t n)
{
    (void)s;
    if (t[0] != HT_DYNAMIC && t[0] != HT_UNKNOWN) {
        snprintf(e, n, "expects a dynamic property bag, got %s", ht_name(t[0]));
        return HT_UNKNOWN;
    }
    return HT_DYNAMIC;
}

/* --- count, countif ----------------------------------------------------------------- */

static void init_zero(aggspec *s, void *st)
{
    memset(st, 0, s->size);
}

static void count_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n,
                         const hvec *args, harena *keep)
{
    (void)keep;
    /* count(x) counts every row of the group, as the summarize reference's
     * example shows (count(y) is 2 over one null and one value); countif(p)
     * the rows where p is true */
    bool ifform = s->def->name[5] == 'i';
    for (uint32_t i = 0; i < n; i++)
        if (!ifform || pred_ok(&args[s->nargs - 1], i))
            (*(int64_t *)(states + gid[i] * s->size))++;
}

static void count_final(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)a, (void)k;
    out->i[i] = *(int64_t *)st;
}

/* --- sum, avg ------------------------------------------------------------------------ */

typedef struct sum_st {
    double r;
    int64_t i;
    int64_t n;
} sum_st;

static htype sum_type(aggspec *s, const htype *t, char *e, size_t n)
{
    (void)s;
    if (t[0] == HT_INT || t[0] == HT_LONG)
        return HT_LONG;
    if (t[0] == HT_REAL || t[0] == HT_DYNAMIC || t[0] == HT_UNKNOWN)
        return HT_REAL;
    if (t[0] == HT_TIMESPAN)
        return HT_TIMESPAN;
    snprintf(e, n, "expects a numeric argument, got %s", ht_name(t[0]));
    return HT_UNKNOWN;
}

static void sum_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n, const hvec *args,
                       harena *keep)
{
    (void)keep;
    const hvec *x = &args[0];
    const hvec *p = s->def->max_args == 2 ? &args[1] : NULL;
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i) || (p && !pred_ok(p, i)))
            continue;
        sum_st *st = (sum_st *)(states + gid[i] * s->size);
        if (x->type == HT_REAL)
            st->r += vec_r(x, i);
        else if (x->type == HT_BOOL)
            st->i += vec_b(x, i);
        else
            st->i = (int64_t)((uint64_t)st->i + (uint64_t)vec_i(x, i));
        st->n++;
    }
}

static void sum_final(aggspec *s, void *vst, harena *a, int k, hvec *out, uint32_t i)
{
    (void)k;
    sum_st *st = vst;
    (void)s;
    if (out->type == HT_REAL)
        out->r[i] = st->r + (double)st->i;
    else
        out->i[i] = st->i;
    (void)a;
}

/* The mean of the non-null values; with none it is NaN, "due to dividing by
 * 0", as the summarize docs show for an empty input. */
static void avg_final(aggspec *s, void *vst, harena *a, int k, hvec *out, uint32_t i)
{
    (void)k, (void)s, (void)a;
    sum_st *st = vst;
    if (st->n == 0) {
        out->r[i] = NAN;
        return;
    }
    out->r[i] = (st->r + (double)st->i) / (double)st->n;
}

/* --- min, max, take_any -------------------------------------------------------------- */

typedef struct minmax_st {
    cell c;
    uint8_t has;
} minmax_st;

static void minmax_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n,
                          const hvec *args, harena *keep, int dir)
{
    const hvec *x = &args[0];
    const hvec *p = s->def->max_args == 2 ? &args[1] : NULL;
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i) || (p && !pred_ok(p, i)))
            continue;
        minmax_st *st = (minmax_st *)(states + gid[i] * s->size);
        if (st->has) {
            if (dir == 0)
                continue;
            hvec cv = cell_vec(&st->c, x->type);
            int c = value_cmp(x, i, &cv, 0);
            if ((dir > 0 && c <= 0) || (dir < 0 && c >= 0))
                continue;
        }
        cell_set(&st->c, x, i, keep);
        st->has = 1;
    }
}

static void max_update(aggspec *s, char *st, const uint32_t *g, uint32_t n, const hvec *a,
                       harena *k)
{
    minmax_update(s, st, g, n, a, k, 1);
}
static void min_update(aggspec *s, char *st, const uint32_t *g, uint32_t n, const hvec *a,
                       harena *k)
{
    minmax_update(s, st, g, n, a, k, -1);
}
static void any_update(aggspec *s, char *st, const uint32_t *g, uint32_t n, const hvec *a,
                       harena *k)
{
    minmax_update(s, st, g, n, a, k, 0);
}

static void minmax_final(aggspec *s, void *vst, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)k;
    minmax_st *st = vst;
    if (!st->has) {
        cell c = {0};
        c.null = 1;
        cell_out(&c, out->type, a, out, i);
        return;
    }
    cell_out(&st->c, out->type, a, out, i);
}

/* --- arg_max, arg_min: the first argument is maximized, the rest returned ------------ */

/* State: a header (flag, string buffer owned by the group) then one cell per
 * returned column. The strings of the best row are copied into the group's
 * own buffer, reused at every improvement, so memory stays one row per group
 * however often the maximum moves (time-ordered input improves every row). */
typedef struct arg_hdr {
    uint8_t has;       /* 1: a row with a non-null maximized value; 2: fallback row */
    uint8_t pend_null; /* the pending row's maximized value is null */
    uint32_t pend;     /* during one update: the chunk's best row + 1, 0 = none */
    char *buf;
    size_t cap;
} arg_hdr;

static htype arg_type(aggspec *s, const htype *t, char *e, size_t n)
{
    (void)e, (void)n;
    s->nout = s->nargs;
    s->outtypes = arena_alloc(s->arena, sizeof(htype) * (size_t)s->nargs);
    for (int k = 0; k < s->nargs; k++)
        s->outtypes[k] = t[k];
    s->size = sizeof(arg_hdr) + sizeof(cell) * (size_t)s->nargs;
    return t[0];
}

static void arg_keep_row(aggspec *s, arg_hdr *h, cell *cells, const hvec *args, uint32_t i)
{
    size_t need = 0;
    for (int k = 0; k < s->nargs; k++)
        if (ht_is_str(args[k].type) && !vec_is_null(&args[k], i))
            need += vec_s(&args[k], i).n;
    if (need > h->cap) {
        size_t nc = h->cap ? h->cap : 64;
        while (nc < need)
            nc *= 2;
        free(h->buf);
        h->buf = malloc(nc);
        h->cap = nc;
    }
    size_t at = 0;
    for (int k = 0; k < s->nargs; k++) {
        const hvec *v = &args[k];
        cell *c = &cells[k];
        c->null = vec_is_null(v, i);
        switch (v->type) {
        case HT_BOOL:
            c->b = vec_b(v, i);
            break;
        case HT_REAL:
            c->r = vec_r(v, i);
            break;
        case HT_GUID:
            c->g = *vec_g(v, i);
            break;
        case HT_STRING:
        case HT_DYNAMIC: {
            hstr x = c->null ? (hstr){"", 0} : vec_s(v, i);
            if (x.n)
                memcpy(h->buf + at, x.p, x.n);
            c->s.p = x.n ? h->buf + at : "";
            c->s.n = x.n;
            at += x.n;
            break;
        }
        case HT_UNKNOWN:
            c->null = 1;
            break;
        default:
            c->i = vec_i(v, i);
            break;
        }
    }
}

/* Orders row i of x against row j of y (same type, neither null). */
static int arg_cmp(const hvec *x, uint32_t i, const hvec *y, uint32_t j)
{
    if (ht_is_int64(x->type)) {
        int64_t a = vec_i(x, i), b = vec_i(y, j);
        return a < b ? -1 : a > b;
    }
    return value_cmp(x, i, y, j);
}

/* Does row i beat the group's candidate: the batch row h->pend - 1 when one
 * is pending, else the kept row? Ties keep the earlier row. */
static bool arg_beats(arg_hdr *h, cell *cells, const hvec *x, uint32_t i, int dir)
{
    int c;
    if (h->pend && !h->pend_null)
        c = arg_cmp(x, i, x, h->pend - 1);
    else if (h->has == 1 && !h->pend) {
        hvec cv = cell_vec(&cells[0], x->type);
        c = arg_cmp(x, i, &cv, 0);
    } else
        return true; /* nothing kept, a fallback row, or a pending null row */
    return dir > 0 ? c > 0 : c < 0;
}

/* One chunk of at most VEC_BATCH rows: each group's best row of the chunk is
 * found first and copied once at the end, not at every improvement. */
static void arg_update_chunk(aggspec *s, char *states, const uint32_t *gid, uint32_t from,
                             uint32_t to, const hvec *args, int dir)
{
    const hvec *x = &args[0];
    uint32_t touched[VEC_BATCH], nt = 0;
    for (uint32_t i = from; i < to; i++) {
        char *st = states + gid[i] * s->size;
        arg_hdr *h = (arg_hdr *)st;
        cell *cells = (cell *)(st + sizeof(arg_hdr));
        bool null = vec_is_null(x, i);
        if (null) { /* a group whose maximized values are all null still returns a row */
            if (h->has || h->pend)
                continue;
        } else if ((h->has == 1 || (h->pend && !h->pend_null)) && !arg_beats(h, cells, x, i, dir)) {
            continue;
        }
        if (!h->pend)
            touched[nt++] = gid[i];
        h->pend = i + 1;
        h->pend_null = null;
    }
    for (uint32_t k = 0; k < nt; k++) {
        char *st = states + touched[k] * s->size;
        arg_hdr *h = (arg_hdr *)st;
        arg_keep_row(s, h, (cell *)(st + sizeof(arg_hdr)), args, h->pend - 1);
        h->has = h->pend_null ? 2 : 1;
        h->pend = 0;
    }
}

static void arg_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n, const hvec *args,
                       harena *keep, int dir)
{
    (void)keep;
    for (uint32_t at = 0; at < n; at += VEC_BATCH)
        arg_update_chunk(s, states, gid, at, n - at < VEC_BATCH ? n : at + VEC_BATCH, args, dir);
}
static void argmax_update(aggspec *s, char *st, const uint32_t *g, uint32_t n, const hvec *a,
                          harena *k)
{
    arg_update(s, st, g, n, a, k, 1);
}
static void argmin_update(aggspec *s, char *st, const uint32_t *g, uint32_t n, const hvec *a,
                          harena *k)
{
    arg_update(s, st, g, n, a, k, -1);
}

static void arg_destroy(aggspec *s, void *st)
{
    (void)s;
    free(((arg_hdr *)st)->buf);
}

static void arg_final(aggspec *s, void *vst, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s;
    arg_hdr *h = vst;
    cell *cells = (cell *)((char *)vst + sizeof(arg_hdr));
    if (!h->has) {
        cell c = {0};
        c.null = 1;
        cell_out(&c, out->type, a, out, i);
        return;
    }
    /* strings: copy out of the group buffer into the output arena */
    if (ht_is_str(out->type) && !cells[k].null && cells[k].s.n) {
        cell c = cells[k];
        c.s.p = arena_strndup(a, c.s.p, c.s.n);
        cell_out(&c, out->type, a, out, i);
        return;
    }
    cell_out(&cells[k], out->type, a, out, i);
}

/* --- hash sets (dcount, make_set) --------------------------------------------------- */

typedef struct hset {
    uint64_t *slots; /* 0 = empty; hashes are forced non-zero */
    uint32_t cap, n;
} hset;

static bool hset_add(hset *h, uint64_t x)
{
    if (x == 0)
        x = 1;
    if ((h->n + 1) * 2 > h->cap) {
        uint32_t nc = h->cap ? h->cap * 2 : 8;
        uint64_t *ns = calloc(nc, sizeof *ns);
        for (uint32_t k = 0; k < h->cap; k++) {
            uint64_t v = h->slots[k];
            if (!v)
                continue;
            uint32_t j = (uint32_t)v & (nc - 1);
            while (ns[j])
                j = (j + 1) & (nc - 1);
            ns[j] = v;
        }
        free(h->slots);
        h->slots = ns;
        h->cap = nc;
    }
    uint32_t j = (uint32_t)x & (h->cap - 1);
    while (h->slots[j]) {
        if (h->slots[j] == x)
            return false;
        j = (j + 1) & (h->cap - 1);
    }
    h->slots[j] = x;
    h->n++;
    return true;
}

static void dcount_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n,
                          const hvec *args, harena *keep)
{
    (void)keep;
    const hvec *x = &args[0];
    const hvec *p = (s->def->name[6] == 'i') ? &args[s->nargs - 1] : NULL; /* dcountif */
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i) || (p && !pred_ok(p, i)))
            continue;
        hset_add((hset *)(states + gid[i] * s->size), value_hash(x, i));
    }
}

static void dcount_final(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)a, (void)k;
    out->i[i] = ((hset *)st)->n;
}

static void hset_destroy(aggspec *s, void *st)
{
    (void)s;
    free(((hset *)st)->slots);
}

/* --- make_list, make_set, make_bag ------------------------------------------------------ */

typedef struct list_st {
    dbuf items; /* encoded elements, back to back */
    uint32_t count;
    hset seen; /* make_set only */
} list_st;

static int64_t list_limit(aggspec *s)
{
    return s->nparams ? (int64_t)s->params[0] : 1048576;
}

static void list_update_common(aggspec *s, char *states, const uint32_t *gid, uint32_t n,
                               const hvec *args, bool set, bool nulls, bool ifv)
{
    const hvec *x = &args[0];
    const hvec *p = ifv ? &args[1] : NULL;
    int64_t lim = list_limit(s);
    for (uint32_t i = 0; i < n; i++) {
        if ((!nulls && vec_is_null(x, i)) || (p && !pred_ok(p, i)))
            continue;
        list_st *st = (list_st *)(states + gid[i] * s->size);
        if ((int64_t)st->count >= lim)
            continue;
        if (x->type == HT_DYNAMIC && !vec_is_null(x, i) &&
            dyn_tag((const uint8_t *)vec_s(x, i).p) == DYN_ARRAY && !nulls) {
            /* make_list/make_set of arrays flatten? No: Kusto keeps arrays as
             * elements for make_list; make_set flattens arrays. */
            if (set) {
                dyn_iter it;
                for (const uint8_t *e = dyn_first((const uint8_t *)vec_s(x, i).p, &it, NULL); e;
                     e = dyn_next(&it, NULL)) {
                    size_t sz = dyn_size(e);
                    uint64_t h = XXH3_64bits(e, sz);
                    if (!hset_add(&st->seen, h))
                        continue;
                    dyn_put_raw(&st->items, e);
                    st->count++;
                }
                continue;
            }
        }
        if (set) {
            uint64_t h;
            if (x->type == HT_DYNAMIC) {
                hstr sv = vec_s(x, i);
                h = XXH3_64bits((const uint8_t *)sv.p, sv.n);
            } else {
                h = value_hash(x, i);
            }
            if (!hset_add(&st->seen, h))
                continue;
        }
        vec_put_dyn(&st->items, x, i);
        st->count++;
    }
}

static void list_update(aggspec *s, char *st, const uint32_t *g, uint32_t n, const hvec *a,
                        harena *k)
{
    (void)k;
    list_update_common(s, st, g, n, a, false, false, false);
}
static void listif_update(aggspec *s, char *st, const uint32_t *g, uint32_t n, const hvec *a,
                          harena *k)
{
    (void)k;
    list_update_common(s, st, g, n, a, false, false, true);
}
static void listnull_update(aggspec *s, char *st, const uint32_t *g, uint32_t n, const hvec *a,
                            harena *k)
{
    (void)k;
    list_update_common(s, st, g, n, a, false, true, false);
}
static void set_update(aggspec *s, char *st, const uint32_t *g, uint32_t n, const hvec *a,
                       harena *k)
{
    (void)k;
    list_update_common(s, st, g, n, a, true, false, false);
}
static void setif_update(aggspec *s, char *st, const uint32_t *g, uint32_t n, const hvec *a,
                         harena *k)
{
    (void)k;
    list_update_common(s, st, g, n, a, true, false, true);
}

/* make_bag: merges property bags; the first value of a key wins. */
static void bag_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n, const hvec *args,
                       harena *keep)
{
    (void)keep;
    const hvec *x = &args[0];
    const hvec *p = s->nargs > 1 && args[1].type == HT_BOOL ? &args[1] : NULL;
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i) || (p && !pred_ok(p, i)))
            continue;
        const uint8_t *v = (const uint8_t *)vec_s(x, i).p;
        if (dyn_tag(v) != DYN_OBJECT)
            continue;
        list_st *st = (list_st *)(states + gid[i] * s->size);
        dyn_iter it;
        hstr key;
        for (const uint8_t *e = dyn_first(v, &it, &key); e; e = dyn_next(&it, &key)) {
            if (!hset_add(&st->seen, XXH3_64bits(key.p, key.n)))
                continue;
            dyn_put_key(&st->items, key.p, key.n);
            dyn_put_raw(&st->items, e);
            st->count++;
        }
    }
}

static void emit_container(list_st *st, bool object, harena *a, hvec *out, uint32_t i)
{
    dbuf b = {0};
    size_t m = object ? dyn_begin_object(&b) : dyn_begin_array(&b);
    if (st->items.n)
        dbuf_put(&b, st->items.p, st->items.n);
    dyn_end(&b, m, st->count);
    char *p = arena_alloc(a, b.n);
    memcpy(p, b.p, b.n);
    out->s[i].p = p;
    out->s[i].n = (uint32_t)b.n;
    dbuf_free(&b);
}

static void list_final(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)k;
    emit_container(st, false, a, out, i);
}
static void bag_final(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)k;
    emit_container(st, true, a, out, i);
}
static void list_destroy(aggspec *s, void *vst)
{
    (void)s;
    list_st *st = vst;
    dbuf_free(&st->items);
    free(st->seen.slots);
}

/* --- stdev, variance ------------------------------------------------------------------ */

typedef struct var_st {
    double mean, m2;
    int64_t n;
} var_st;

static void var_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n, const hvec *args,
                       harena *keep)
{
    (void)keep;
    const hvec *x = &args[0];
    const hvec *p = s->nargs == 2 ? &args[1] : NULL;
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i) || (p && !pred_ok(p, i)))
            continue;
        var_st *st = (var_st *)(states + gid[i] * s->size);
        double v = vec_num(x, i);
        st->n++;
        double d = v - st->mean;
        st->mean += d / (double)st->n;
        st->m2 += d * (v - st->mean);
    }
}

static void var_final_common(void *vst, harena *a, hvec *out, uint32_t i, bool sample, bool root)
{
    var_st *st = vst;
    int64_t div = sample ? st->n - 1 : st->n;
    if (st->n == 0) { /* summarize's default for stdev/variance over no values is 0 */
        out->r[i] = 0;
        (void)a;
        return;
    }
    double v = div > 0 ? st->m2 / (double)div : 0;
    out->r[i] = root ? sqrt(v) : v;
}
static void variance_final(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)k;
    var_final_common(st, a, out, i, true, false);
}
static void variancep_final(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)k;
    var_final_common(st, a, out, i, false, false);
}
static void stdev_final(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)k;
    var_final_common(st, a, out, i, true, true);
}
static void stdevp_final(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)k;
    var_final_common(st, a, out, i, false, true);
}

/* --- percentile(s): nearest rank over the collected values ------------------------------ */

typedef struct pct_st {
    double *v;
    int64_t n, cap;
    bool sorted;
} pct_st;

/* The result type of a percentile aggregate of values of type t: one column
 * per percentile for `several`, a dynamic array for `array`, else one value. */
static htype pct_result(aggspec *s, htype t, const char *several, const char *array)
{
    htype r = t == HT_INT ? HT_LONG : t;
    if (!strcmp(s->def->name, several)) {
        s->nout = s->nparams;
        s->outtypes = arena_alloc(s->arena, sizeof(htype) * (size_t)(s->nparams ? s->nparams : 1));
        for (int k = 0; k < s->nparams; k++)
            s->outtypes[k] = r;
    }
    if (!strcmp(s->def->name, array))
        return HT_DYNAMIC;
    return r;
}

static htype pct_type(aggspec *s, const htype *t, char *e, size_t n)
{
    if (!ht_is_numeric(t[0]) && t[0] != HT_DATETIME && t[0] != HT_TIMESPAN) {
        snprintf(e, n, "expects a numeric, datetime or timespan argument, got %s", ht_name(t[0]));
        return HT_UNKNOWN;
    }
    return pct_result(s, t[0], "percentiles", "percentiles_array");
}

static void pct_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n, const hvec *args,
                       harena *keep)
{
    (void)keep;
    const hvec *x = &args[0];
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i))
            continue;
        pct_st *st = (pct_st *)(states + gid[i] * s->size);
        if (st->n == st->cap) {
            st->cap = st->cap ? st->cap * 2 : 16;
            st->v = realloc(st->v, sizeof(double) * (size_t)st->cap);
        }
        st->v[st->n++] = vec_num(x, i);
        st->sorted = false;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct_value(void *vst, double p)
{
    pct_st *st = vst;
    if (!st->sorted) {
        qsort(st->v, (size_t)st->n, sizeof(double), cmp_double);
        st->sorted = true;
    }
    int64_t rank = (int64_t)ceil(p / 100.0 * (double)st->n);
    if (rank < 1)
        rank = 1;
    if (rank > st->n)
        rank = st->n;
    return st->v[rank - 1];
}

/* Writes the result of a percentile aggregate into row i of out: null when the
 * group kept no value (empty), else the k-th percentile, or all of them as a
 * dynamic array; value(st, p) gives the percentile p of state st. */
static void pct_put(aggspec *s, void *st, bool empty, double (*value)(void *, double), harena *a,
                    int k, hvec *out, uint32_t i)
{
    if (empty) {
        vec_set_null(a, out, i);
        if (ht_is_str(out->type)) {
            out->s[i].p = "";
            out->s[i].n = 0;
        }
        return;
    }
    if (out->type == HT_DYNAMIC) {
        dbuf b = {0};
        size_t m = dyn_begin_array(&b);
        for (int j = 0; j < s->nparams; j++)
            dyn_put_real(&b, value(st, s->params[j]));
        dyn_end(&b, m, (uint32_t)s->nparams);
        char *p = arena_alloc(a, b.n);
        memcpy(p, b.p, b.n);
        out->s[i].p = p;
        out->s[i].n = (uint32_t)b.n;
        dbuf_free(&b);
        return;
    }
    double v = value(st, s->nparams ? s->params[k < s->nparams ? k : 0] : 50);
    if (out->type == HT_REAL)
        out->r[i] = v;
    else
        out->i[i] = (int64_t)v;
}

static void pct_final(aggspec *s, void *vst, harena *a, int k, hvec *out, uint32_t i)
{
    pct_put(s, vst, ((pct_st *)vst)->n == 0, pct_value, a, k, out, i);
}

static void pct_destroy(aggspec *s, void *st)
{
    (void)s;
    free(((pct_st *)st)->v);
}

/* --- percentilew, percentilesw, percentilesw_array: integer weights ----------------- */

typedef struct pw {
    double v;
    int64_t w;
} pw;

typedef struct pctw_st {
    pw *e;
    int64_t n, cap, total;
    bool sorted;
} pctw_st;

static htype pctw_type(aggspec *s, const htype *t, char *e, size_t n)
{
    if (!ht_is_numeric(t[0]) && t[0] != HT_DATETIME && t[0] != HT_TIMESPAN) {
        snprintf(e, n, "expects a numeric, datetime or timespan argument, got %s", ht_name(t[0]));
        return HT_UNKNOWN;
    }
    if (s->nargs < 2 || !ht_is_numeric(t[1]) || t[1] == HT_REAL) {
        snprintf(e, n, "expects an integer weight as its second argument");
        return HT_UNKNOWN;
    }
    s->size = sizeof(pctw_st);
    return pct_result(s, t[0], "percentilesw", "percentilesw_array");
}

static void pctw_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n, const hvec *args,
                        harena *keep)
{
    (void)keep;
    const hvec *x = &args[0], *w = &args[1];
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i) || vec_is_null(w, i) || vec_i(w, i) <= 0)
            continue;
        pctw_st *st = (pctw_st *)(states + gid[i] * s->size);
        if (st->n == st->cap) {
            st->cap = st->cap ? st->cap * 2 : 16;
            st->e = realloc(st->e, sizeof(pw) * (size_t)st->cap);
        }
        st->e[st->n].v = vec_num(x, i);
        st->e[st->n++].w = vec_i(w, i);
        if (__builtin_add_overflow(st->total, vec_i(w, i), &st->total))
            st->total = INT64_MAX; /* weights past long's range: the total saturates */
        st->sorted = false;
    }
}

static int cmp_pw(const void *a, const void *b)
{
    double x = ((const pw *)a)->v, y = ((const pw *)b)->v;
    return x < y ? -1 : x > y;
}

/* The value at the nearest rank of p among the values repeated weight times. */
static double pctw_value(void *vst, double p)
{
    pctw_st *st = vst;
    if (!st->sorted) {
        qsort(st->e, (size_t)st->n, sizeof(pw), cmp_pw);
        st->sorted = true;
    }
    double r = ceil(p / 100.0 * (double)st->total);
    int64_t rank = r >= 9.2e18 ? INT64_MAX : r < 1 ? 1 : (int64_t)r;
    int64_t acc = 0;
    for (int64_t j = 0; j < st->n; j++) {
        if (__builtin_add_overflow(acc, st->e[j].w, &acc))
            acc = INT64_MAX;
        if (acc >= rank)
            return st->e[j].v;
    }
    return st->e[st->n - 1].v;
}

static void pctw_final(aggspec *s, void *vst, harena *a, int k, hvec *out, uint32_t i)
{
    pct_put(s, vst, ((pctw_st *)vst)->n == 0, pctw_value, a, k, out, i);
}

static void pctw_destroy(aggspec *s, void *st)
{
    (void)s;
    free(((pctw_st *)st)->e);
}

/* --- take_any with several arguments or *: one row's values ------------------------- */

/* The state and output are arg_max's (one cell per argument); the first row
 * whose first argument is not null is kept (a row with it null only until
 * such a row comes). */
static void anyn_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n, const hvec *args,
                        harena *keep)
{
    (void)keep;
    for (uint32_t i = 0; i < n; i++) {
        char *st = states + gid[i] * s->size;
        arg_hdr *h = (arg_hdr *)st;
        if (h->has == 1)
            continue;
        bool isnull = vec_is_null(&args[0], i);
        if (isnull && h->has)
            continue;
        arg_keep_row(s, h, (cell *)(st + sizeof(arg_hdr)), args, i);
        h->has = isnull ? 2 : 1;
    }
}

/* --- binary_all_and, binary_all_or, binary_all_xor ------------------------------------ */

typedef struct bits_st {
    int64_t v;
    uint8_t has;
} bits_st;

static htype bits_type(aggspec *s, const htype *t, char *e, size_t n)
{
    (void)s;
    if (t[0] != HT_INT && t[0] != HT_LONG && t[0] != HT_DYNAMIC && t[0] != HT_UNKNOWN) {
        snprintf(e, n, "expects a long argument, got %s", ht_name(t[0]));
        return HT_UNKNOWN;
    }
    return HT_LONG;
}

static void bits_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n, const hvec *args,
                        harena *keep)
{
    (void)keep;
    char bop = s->def->name[11]; /* binary_all_[a]nd, [o]r, [x]or */
    const hvec *x = &args[0];
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i))
            continue;
        bits_st *st = (bits_st *)(states + gid[i] * s->size);
        int64_t v = x->type == HT_REAL ? (int64_t)vec_r(x, i) : vec_i(x, i);
        if (!st->has)
            st->v = v;
        else if (bop == 'a')
            st->v &= v;
        else if (bop == 'o')
            st->v |= v;
        else
            st->v ^= v;
        st->has = 1;
    }
}

static void bits_final(aggspec *s, void *vst, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)k;
    bits_st *st = vst;
    if (!st->has)
        vec_set_null(a, out, i);
    else
        out->i[i] = st->v;
}

/* --- covariance, covariancep, covarianceif, covariancepif ---------------------------- */

typedef struct cov_st {
    int64_t n;
    double mx, my, c; /* running means and co-moment (Welford) */
} cov_st;

static htype cov_type(aggspec *s, const htype *t, char *e, size_t n)
{
    (void)s;
    for (int k = 0; k < 2; k++)
        if (!ht_is_numeric(t[k]) && t[k] != HT_DYNAMIC && t[k] != HT_UNKNOWN) {
            snprintf(e, n, "expects numeric arguments, got %s", ht_name(t[k]));
            return HT_UNKNOWN;
        }
    return HT_REAL;
}

static void cov_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n, const hvec *args,
                       harena *keep)
{
    (void)keep;
    const hvec *x = &args[0], *y = &args[1];
    const hvec *p = s->def->max_args == 3 ? &args[2] : NULL;
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i) || vec_is_null(y, i) || (p && !pred_ok(p, i)))
            continue;
        cov_st *st = (cov_st *)(states + gid[i] * s->size);
        double xv = vec_num(x, i), yv = vec_num(y, i);
        st->n++;
        double dx = xv - st->mx;
        st->mx += dx / (double)st->n;
        st->my += (yv - st->my) / (double)st->n;
        st->c += dx * (yv - st->my);
    }
}

static void cov_final(aggspec *s, void *vst, harena *a, int k, hvec *out, uint32_t i)
{
    (void)a, (void)k;
    cov_st *st = vst;
    bool pop = strchr(s->def->name + 10, 'p') != NULL; /* covariance[p][if] */
    if (st->n == 0 || (!pop && st->n < 2))
        out->r[i] = 0; /* as variance(): 0 for fewer than two values */
    else
        out->r[i] = st->c / (double)(pop ? st->n : st->n - 1);
}

/* --- the table ------------------------------------------------------------------------ */

static void sum_init(aggspec *s, void *st)
{
    init_zero(s, st);
}

#define CNT sizeof(int64_t)
static const agg_def agg_defs[] = {
    {"count", 0, 1, "count_", type_long, init_zero, count_update, count_final, NULL},
    {"countif", 1, 1, "countif_", type_long, init_zero, count_update, count_final, NULL},
    {"sum", 1, 1, "sum_", sum_type, sum_init, sum_update, sum_final, NULL},
    {"sumif", 2, 2, "sumif_", sum_type, sum_init, sum_update, sum_final, NULL},
    {"avg", 1, 1, "avg_", type_real, sum_init, sum_update, avg_final, NULL},
    {"avgif", 2, 2, "avgif_", type_real, sum_init, sum_update, avg_final, NULL},
    {"min", 1, 1, "min_", type_same, init_zero, min_update, minmax_final, NULL},
    {"max", 1, 1, "max_", type_same, init_zero, max_update, minmax_final, NULL},
    {"minif", 2, 2, "minif_", type_same, init_zero, min_update, minmax_final, NULL},
    {"maxif", 2, 2, "maxif_", type_same, init_zero, max_update, minmax_final, NULL},
    {"take_any", 1, 1, "", type_same, init_zero, any_update, minmax_final, NULL},
    {"any", 1, 1, "any_", type_same, init_zero, any_update, minmax_final, NULL},
    {"arg_max", 1, 64, "max_", arg_type, init_zero, argmax_update, arg_final, arg_destroy},
    {"arg_min", 1, 64, "min_", arg_type, init_zero, argmin_update, arg_final, arg_destroy},
    /* the deprecated spellings: the same values, but their columns are named
     * differently (engine/bind.c, agg_call) */
    {"argmax", 1, 64, "max_", arg_type, init_zero, argmax_update, arg_final, arg_destroy},
    {"argmin", 1, 64, "min_", arg_type, init_zero, argmin_update, arg_final, arg_destroy},
    {"dcount", 1, 2, "dcount_", type_long, init_zero, dcount_update, dcount_final, hset_destroy},
    {"dcountif", 2, 3, "dcountif_", type_long, init_zero, dcount_update, dcount_final,
     hset_destroy},
    {"count_distinct", 1, 1, "count_distinct_", type_long, init_zero, dcount_update, dcount_final,
     hset_destroy},
    {"make_list", 1, 2, "list_", type_dyn, init_zero, list_update, list_final, list_destroy},
    {"makelist", 1, 2, "list_", type_dyn, init_zero, list_update, list_final, list_destroy},
    {"make_list_if", 2, 3, "list_", type_dyn, init_zero, listif_update, list_final, list_destroy},
    {"make_list_with_nulls", 1, 2, "list_", type_dyn, init_zero, listnull_update, list_final,
     list_destroy},
    {"make_set", 1, 2, "set_", type_dyn, init_zero, set_update, list_final, list_destroy},
    {"makeset", 1, 2, "set_", type_dyn, init_zero, set_update, list_final, list_destroy},
    {"make_set_if", 2, 3, "set_", type_dyn, init_zero, setif_update, list_final, list_destroy},
    {"make_bag", 1, 2, "bag_", type_bag, init_zero, bag_update, bag_final, list_destroy},
    {"make_bag_if", 2, 3, "bag_", type_bag, init_zero, bag_update, bag_final, list_destroy},
    {"stdev", 1, 1, "stdev_", type_real, init_zero, var_update, stdev_final, NULL},
    {"stdevif", 2, 2, "stdevif_", type_real, init_zero, var_update, stdev_final, NULL},
    {"stdevp", 1, 1, "stdevp_", type_real, init_zero, var_update, stdevp_final, NULL},
    {"variance", 1, 1, "variance_", type_real, init_zero, var_update, variance_final, NULL},
    {"varianceif", 2, 2, "varianceif_", type_real, init_zero, var_update, variance_final, NULL},
    {"variancep", 1, 1, "variancep_", type_real, init_zero, var_update, variancep_final, NULL},
    {"variancepif", 2, 2, "variancepif_", type_real, init_zero, var_update, variancep_final, NULL},
    {"percentile", 2, 2, "percentile_", pct_type, init_zero, pct_update, pct_final, pct_destroy},
    {"percentiles", 2, 64, "percentile_", pct_type, init_zero, pct_update, pct_final, pct_destroy},
    {"percentiles_array", 2, 64, "percentiles_", pct_type, init_zero, pct_update, pct_final,
     pct_destroy},
    {"percentilew", 3, 3, "percentile_", pctw_type, init_zero, pctw_update, pctw_final,
     pctw_destroy},
    {"percentilesw", 3, 64, "percentile_", pctw_type, init_zero, pctw_update, pctw_final,
     pctw_destroy},
    {"percentilesw_array", 3, 64, "percentile_", pctw_type, init_zero, pctw_update, pctw_final,
     pctw_destroy},
    {"take_anyif", 2, 2, "", type_same, init_zero, any_update, minmax_final, NULL},
    {"anyif", 2, 2, "anyif_", type_same, init_zero, any_update, minmax_final, NULL},
    /* take_any(a, b, ...) and take_any(*): bound by engine/bind.c under this name */
    {"take_any()", 1, 4096, "", arg_type, init_zero, anyn_update, arg_final, arg_destroy},
    {"binary_all_and", 1, 1, "binary_all_and_", bits_type, init_zero, bits_update, bits_final,
     NULL},
    {"binary_all_or", 1, 1, "binary_all_or_", bits_type, init_zero, bits_update, bits_final, NULL},
    {"binary_all_xor", 1, 1, "binary_all_xor_", bits_type, init_zero, bits_update, bits_final,
     NULL},
    {"covariance", 2, 2, "covariance_", cov_type, init_zero, cov_update, cov_final, NULL},
    {"covariancep", 2, 2, "covariancep_", cov_type, init_zero, cov_update, cov_final, NULL},
    {"covarianceif", 3, 3, "covarianceif_", cov_type, init_zero, cov_update, cov_final, NULL},
    {"covariancepif", 3, 3, "covariancepif_", cov_type, init_zero, cov_update, cov_final, NULL},
    {"buildschema", 1, 1, "schema_", agg_buildschema_type, init_zero, agg_buildschema_update,
     agg_buildschema_final, agg_buildschema_destroy},
    {NULL},
};

/* --- merging partial states (two threads aggregate disjoint extents) ----------------- */

static void count_merge(aggspec *s, void *dst, void *src, harena *keep)
{
    (void)s, (void)keep;
    *(int64_t *)dst += *(int64_t *)src;
}

static void sum_merge(aggspec *s, void *dst, void *src, harena *keep)
{
    (void)s, (void)keep;
    sum_st *d = dst, *x = src; /* integer sums only: exact in any order */
    d->i = (int64_t)((uint64_t)d->i + (uint64_t)x->i);
    d->n += x->n;
}

/* Does cell a beat cell b in direction dir (neither null)? */
static bool cell_beats(cell *a, cell *b, htype t, int dir)
{
    hvec va = cell_vec(a, t), vb = cell_vec(b, t);
    int c = value_cmp(&va, 0, &vb, 0);
    return dir > 0 ? c > 0 : c < 0;
}

static void minmax_merge(aggspec *s, void *dst, void *src, harena *keep)
{
    minmax_st *d = dst, *x = src;
    htype t = s->args[0]->type;
    if (!x->has || (d->has && !cell_beats(&x->c, &d->c, t, s->def->update == max_update ? 1 : -1)))
        return;
    hvec v = cell_vec(&x->c, t);
    cell_set(&d->c, &v, 0, keep);
    d->has = 1;
}

/* The smaller set is added to the larger: the two swap first when src is
 * larger (src is destroyed after the merge either way). */
static void dcount_merge(aggspec *s, void *dst, void *src, harena *keep)
{
    (void)s, (void)keep;
    hset *d = dst, *x = src;
    if (x->n > d->n) {
        hset t = *d;
        *d = *x;
        *x = t;
    }
    for (uint32_t k = 0; k < x->cap; k++)
        if (x->slots[k])
            hset_add(d, x->slots[k]);
}

/* arg_max/arg_min: the better kept row wins; on a tie dst's row stays, as a
 * tie between rows of different extents may return either (as in Kusto). */
static void arg_merge(aggspec *s, void *dst, void *src, harena *keep)
{
    (void)keep;
    arg_hdr *d = dst, *x = src;
    cell *dc = (cell *)((char *)dst + sizeof(arg_hdr));
    cell *xc = (cell *)((char *)src + sizeof(arg_hdr));
    if (!x->has || d->has == 1 || (d->has == 2 && x->has == 2)) {
        int dir = s->def->update == argmax_update ? 1 : -1;
        if (!(x->has == 1 && d->has == 1 && cell_beats(&xc[0], &dc[0], s->args[0]->type, dir)))
            return;
    }
    hvec v[64];
    for (int k = 0; k < s->nargs; k++)
        v[k] = cell_vec(&xc[k], s->outtypes[k]);
    arg_keep_row(s, d, dc, v, 0);
    for (int k = 0; k < s->nargs; k++)
        dc[k].null = xc[k].null; /* cell_vec carries no null map */
    d->has = x->has;
}

agg_merge_fn agg_merger(const aggspec *s)
{
    const agg_def *d = s->def;
    htype t = s->nargs ? s->args[0]->type : HT_UNKNOWN;
    if (d->update == count_update)
        return count_merge;
    if (d->update == sum_update && (ht_is_int64(t) || t == HT_BOOL))
        return sum_merge;
    if (d->update == min_update || d->update == max_update)
        return minmax_merge;
    if (d->update == dcount_update)
        return dcount_merge;
    if ((d->update == argmax_update || d->update == argmin_update) && s->nargs <= 64)
        return arg_merge;
    return NULL;
}

/* State sizes by update function (kept beside the table to keep it readable). */
size_t agg_state_size(const agg_def *d);
size_t agg_state_size(const agg_def *d)
{
    if (d->update == count_update)
        return CNT;
    if (d->update == sum_update)
        return sizeof(sum_st);
    if (d->update == min_update || d->update == max_update || d->update == any_update)
        return sizeof(minmax_st);
    if (d->update == dcount_update)
        return sizeof(hset);
    if (d->update == var_update)
        return sizeof(var_st);
    if (d->update == pct_update)
        return sizeof(pct_st);
    if (d->update == pctw_update)
        return sizeof(pctw_st);
    if (d->update == bits_update)
        return sizeof(bits_st);
    if (d->update == cov_update)
        return sizeof(cov_st);
    if (d->update == agg_buildschema_update)
        return agg_buildschema_state_size();
    return sizeof(list_st);
}

const agg_def *agg_lookup(const char *name, size_t n)
{
    for (const agg_def *d = agg_defs; d->name; d++)
        if (strlen(d->name) == n && memcmp(d->name, name, n) == 0)
            return d;
    return NULL;
}
