/* engine/exec_join.c — join and lookup: hash joins of every KQL kind.
 *
 * Both sides are materialized (collected and flattened into vectors), the
 * key expressions evaluated over each side, and a chained hash table built
 * over the right side's keys. Probing gives the list of (left row, right row)
 * pairs each kind asks for; output batches gather from the flat vectors.
 *
 *   innerunique  left rows deduplicated on the keys (first one kept), then inner
 *   inner        every matching pair
 *   leftouter    pairs, plus unmatched left rows with right columns null
 *   rightouter   pairs, plus unmatched right rows; fullouter both
 *   leftsemi / leftanti / rightsemi / rightanti: rows of one side that do /
 *                do not have a match, with that side's columns only
 *
 * Keys with a null value match nothing. Hints (hint.strategy, ...) change
 * nothing here.
 *
 * A `where` right above the join is applied to the pairs before any output
 * column is gathered (filter_pairs). When it holds `X between (lo .. hi)`
 * with X a right column and lo, hi computed from left columns (an event
 * followed by another within a window), an inner join searches each key's
 * right rows, sorted by X, for each left row's range instead of pairing
 * every row of the key (range_join); the whole filter still runs on what
 * that yields.
 */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct side {
    op *in;
    htable *t;
    hvec *cols;
    hvec *keys;
    bexpr **kexpr;
} side;

typedef struct join_st {
    int kind;
    bool lookup;
    int nkeys;
    side l, r;
    int *outsrc;      /* per output column: >= 0 left column, < 0: -(right column) - 1 */
    int64_t *pl, *pr; /* pairs; -1 = none */
    bexpr *filter;    /* a `where` right above the join, applied to the pairs */
    size_t npairs, cap, emitted;
    bool done;
} join_st;

static void collect_side(qctx *q, side *s, int nkeys, int *rc)
{
    if (*rc < 0)
        return;
    s->t = exec_collect(q, s->in);
    if (!s->t) {
        *rc = -1;
        return;
    }
    s->cols = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(s->t->schema.ncols + 1));
    table_flatten(&q->arena, s->t, s->cols);
    batch b = {(uint32_t)s->t->nrows, s->t->schema.ncols, s->cols};
    s->keys = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(nkeys + 1));
    for (int k = 0; k < nkeys; k++) {
        if (expr_eval(q, s->kexpr[k], &b, &q->arena, &s->keys[k]) < 0) {
            *rc = -1;
            return;
        }
        if (!s->keys[k].cmask) { /* constant key: give it a row count */
            s->keys[k].n = b.n;
        }
    }
}

static uint64_t key_hash(const side *s, int nkeys, uint32_t i, bool *has_null)
{
    uint64_t h = 0x2545F4914F6CDD1DULL;
    *has_null = false;
    for (int k = 0; k < nkeys; k++) {
        if (vec_is_null(&s->keys[k], i))
            *has_null = true;
        h = (h ^ value_hash(&s->keys[k], i)) * 0x100000001b3ULL + (h >> 31);
    }
    return h;
}

static bool keys_eq(const side *a, uint32_t i, const side *b, uint32_t j, int nkeys)
{
    for (int k = 0; k < nkeys; k++)
        if (!value_eq(&a->keys[k], i, &b->keys[k], j))
            return false;
    return true;
}

static void add_pair(join_st *j, int64_t l, int64_t r)
{
    if (j->npairs == j->cap) {
        j->cap = j->cap ? j->cap * 2 : 1024;
        j->pl = realloc(j->pl, sizeof(int64_t) * j->cap);
        j->pr = realloc(j->pr, sizeof(int64_t) * j->cap);
    }
    j->pl[j->npairs] = l;
    j->pr[j->npairs] = r;
    j->npairs++;
}

/* A chained hash table over the distinct keys of one side. Each bucket
 * chains one row per distinct key (its first row, the representative); the
 * other rows with that key hang off it in ascending order (same), so a probe
 * compares keys once per distinct key, not once per matching row. */
typedef struct chain {
    uint32_t *head; /* representative row + 1 */
    uint32_t *next; /* next representative in the bucket (+ 1) */
    uint32_t *same; /* next row with the same key (+ 1) */
    uint32_t *tail; /* a representative's last row (used while building) */
    uint64_t *hash;
    uint32_t mask;
} chain;

static void chain_build(chain *c, const side *s, int nkeys, uint32_t n, bool skip_nulls)
{
    uint32_t sz = 16;
    while (sz < n * 2)
        sz <<= 1;
    c->mask = sz - 1;
    c->head = calloc(sz, sizeof(uint32_t));
    c->next = calloc(n ? n : 1, sizeof(uint32_t));
    c->same = calloc(n ? n : 1, sizeof(uint32_t));
    c->tail = calloc(n ? n : 1, sizeof(uint32_t));
    c->hash = calloc(n ? n : 1, sizeof(uint64_t));
    for (uint32_t i = 0; i < n; i++) {
        bool hn;
        uint64_t h = key_hash(s, nkeys, i, &hn);
        c->hash[i] = h;
        if (hn && skip_nulls)
            continue;
        uint32_t b = (uint32_t)h & c->mask, e;
        for (e = c->head[b]; e; e = c->next[e - 1])
            if (c->hash[e - 1] == h && keys_eq(s, e - 1, s, i, nkeys))
                break;
        if (e) { /* a key seen before: append to its rows */
            uint32_t rep = e - 1;
            c->same[c->tail[rep]] = i + 1;
            c->tail[rep] = i;
        } else { /* a new key: i represents it */
            c->next[i] = c->head[b];
            c->head[b] = i + 1;
            c->tail[i] = i;
        }
    }
}

/* The representative of row i's key in c (built over side s), or -1 when
 * no row of s has the key. */
static int64_t chain_find(const chain *c, const side *s, const side *ps, uint32_t i, int nkeys,
                          uint64_t h)
{
    for (uint32_t e = c->head[(uint32_t)h & c->mask]; e; e = c->next[e - 1])
        if (c->hash[e - 1] == h && keys_eq(ps, i, s, e - 1, nkeys))
            return e - 1;
    return -1;
}

static void chain_free(chain *c)
{
    free(c->head);
    free(c->next);
    free(c->same);
    free(c->tail);
    free(c->hash);
}

/* --- range pruning ------------------------------------------------------------ */

/* Does e read only output columns that come from the left side? */
static bool only_left(const join_st *j, const bexpr *e, int ncols)
{
    if (e->kind == BX_SUBQ || e->sub)
        return false;
    if (e->kind == BX_COL && (e->col < 0 || e->col >= ncols || j->outsrc[e->col] < 0))
        return false;
    for (int i = 0; i < e->nargs; i++)
        if (!only_left(j, e->args[i], ncols))
            return false;
    return true;
}

/* A conjunct `X between (lo .. hi)` of filter f with X a right column and
 * lo, hi of X's type (long, int, datetime or timespan) from left columns. */
static const bexpr *find_between(const join_st *j, const bexpr *f, int ncols)
{
    if (!f)
        return NULL;
    if (f->kind == BX_AND) {
        for (int i = 0; i < f->nargs; i++) {
            const bexpr *b = find_between(j, f->args[i], ncols);
            if (b)
                return b;
        }
        return NULL;
    }
    if (f->kind != BX_BETWEEN || f->op != OP_BETWEEN || f->nargs != 3)
        return NULL;
    const bexpr *x = f->args[0];
    if (x->kind != BX_COL || x->col < 0 || x->col >= ncols || j->outsrc[x->col] >= 0 ||
        !ht_is_int64(x->type) || f->args[1]->type != x->type || f->args[2]->type != x->type)
        return NULL;
    return only_left(j, f->args[1], ncols) && only_left(j, f->args[2], ncols) ? f : NULL;
}

typedef struct xrow {
    int64_t x;
    uint32_t r;
} xrow;

static int xrow_cmp(const void *a, const void *b)
{
    const xrow *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return p->r < q->r ? -1 : p->r > q->r;
}

static int row_cmp(const void *a, const void *b)
{
    uint32_t p = *(const uint32_t *)a, q = *(const uint32_t *)b;
    return p < q ? -1 : p > q;
}

/* The right rows of every key, sorted by X (rows with a null X left out):
 * key representative rep owns seg[at[rep] .. at[rep] + len[rep]). */
typedef struct xsegs {
    xrow *seg;
    uint32_t *at, *len;
} xsegs;

static void xsegs_build(xsegs *g, const chain *c, const hvec *x, uint32_t nr)
{
    g->seg = malloc(sizeof *g->seg * (nr ? nr : 1));
    g->at = calloc(nr ? nr : 1, sizeof *g->at);
    g->len = calloc(nr ? nr : 1, sizeof *g->len);
    if (!g->seg || !g->at || !g->len)
        abort();
    uint32_t k = 0;
    for (uint32_t b = 0; b <= c->mask; b++)
        for (uint32_t e = c->head[b]; e; e = c->next[e - 1]) {
            uint32_t rep = e - 1, start = k;
            for (uint32_t f = e; f; f = c->same[f - 1])
                if (!vec_is_null(x, f - 1))
                    g->seg[k++] = (xrow){vec_i(x, f - 1), f - 1};
            qsort(g->seg + start, k - start, sizeof *g->seg, xrow_cmp);
            g->at[rep] = start;
            g->len[rep] = k - start;
        }
}

static void xsegs_free(xsegs *g)
{
    free(g->seg);
    free(g->at);
    free(g->len);
}

/* The pairs of an inner join whose filter has a between on a right column
 * (find_between): for each left row, the right rows of its key with X in
 * [lo, hi], in right-row order, as the plain join would list them. */
static int range_join(op *o, const bexpr *bt, const chain *rc_, const bool *lskip)
{
    join_st *j = o->st;
    qctx *q = o->q;
    uint32_t nl = (uint32_t)j->l.t->nrows, nr = (uint32_t)j->r.t->nrows;
    int nc = o->schema.ncols;
    /* lo and hi over the left rows: a frame of the output's shape whose right
     * columns are null (the bounds do not read them) */
    batch b = {nl, nc, arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(nc ? nc : 1))};
    for (int c = 0; c < nc; c++) {
        if (j->outsrc[c] >= 0)
            b.cols[c] = j->l.cols[j->outsrc[c]];
        else
            vec_const_null(&q->arena, &b.cols[c], o->schema.types[c], nl);
    }
    hvec lo, hi;
    if (expr_eval(q, bt->args[1], &b, &q->arena, &lo) < 0 ||
        expr_eval(q, bt->args[2], &b, &q->arena, &hi) < 0)
        return -1;
    xsegs g;
    xsegs_build(&g, rc_, &j->r.cols[-j->outsrc[bt->args[0]->col] - 1], nr);
    uint32_t *hits = malloc(sizeof *hits * (nr ? nr : 1));
    if (!hits)
        abort();
    int rc = 0;
    for (uint32_t i = 0; i < nl; i++) {
        if (q->interrupt && *q->interrupt) {
            rc = q_error(q, HUNT_EINTERRUPT, -1, 0, "query interrupted");
            break;
        }
        if ((lskip && lskip[i]) || vec_is_null(&lo, i) || vec_is_null(&hi, i))
            continue;
        bool hn;
        uint64_t h = key_hash(&j->l, j->nkeys, i, &hn);
        int64_t rep = hn ? -1 : chain_find(rc_, &j->r, &j->l, i, j->nkeys, h);
        if (rep < 0)
            continue;
        int64_t a = vec_i(&lo, i), z = vec_i(&hi, i);
        const xrow *seg = g.seg + g.at[rep];
        uint32_t first = 0, last = g.len[rep];
        while (first < last) { /* the first x >= a */
            uint32_t mid = first + (last - first) / 2;
            if (seg[mid].x < a)
                first = mid + 1;
            else
                last = mid;
        }
        uint32_t n = 0;
        for (uint32_t k = first; k < g.len[rep] && seg[k].x <= z; k++)
            hits[n++] = seg[k].r;
        qsort(hits, n, sizeof *hits, row_cmp);
        for (uint32_t k = 0; k < n; k++)
            add_pair(j, i, hits[k]);
    }
    free(hits);
    xsegs_free(&g);
    return rc;
}

static int join_run(op *o)
{
    join_st *j = o->st;
    qctx *q = o->q;
    int rc = 0;
    collect_side(q, &j->l, j->nkeys, &rc);
    collect_side(q, &j->r, j->nkeys, &rc);
    if (rc < 0)
        return -1;
    uint32_t nl = (uint32_t)j->l.t->nrows, nr = (uint32_t)j->r.t->nrows;
    chain rc_ = {0};
    chain_build(&rc_, &j->r, j->nkeys, nr, true);
    bool *rmatched = calloc(nr ? nr : 1, 1);
    /* innerunique: first left row of each distinct key (the representatives) */
    bool *lskip = NULL;
    if (j->kind == JOIN_INNERUNIQUE) {
        lskip = calloc(nl ? nl : 1, 1);
        chain lc = {0};
        chain_build(&lc, &j->l, j->nkeys, nl, false);
        for (uint32_t i = 0; i < nl; i++)
            for (uint32_t e = lc.same[i]; e && !lskip[e - 1]; e = lc.same[e - 1])
                lskip[e - 1] = 1;
        chain_free(&lc);
    }
    const bexpr *bt = j->kind == JOIN_INNER || j->kind == JOIN_INNERUNIQUE
                          ? find_between(j, j->filter, o->schema.ncols)
                          : NULL;
    if (bt) {
        rc = range_join(o, bt, &rc_, lskip);
        nl = 0; /* the pairs are made */
    }
    for (uint32_t i = 0; i < nl; i++) {
        if (q->interrupt && *q->interrupt) {
            rc = q_error(q, HUNT_EINTERRUPT, -1, 0, "query interrupted");
            break;
        }
        if (lskip && lskip[i])
            continue;
        bool hn;
        uint64_t h = key_hash(&j->l, j->nkeys, i, &hn);
        bool any = false;
        int64_t rep = hn ? -1 : chain_find(&rc_, &j->r, &j->l, i, j->nkeys, h);
        if (rep >= 0) {
            /* the matching right rows, in right-row order */
            for (uint32_t e = (uint32_t)rep + 1; e; e = rc_.same[e - 1]) {
                uint32_t r = e - 1;
                any = true;
                rmatched[r] = 1;
                switch (j->kind) {
                case JOIN_INNER:
                case JOIN_INNERUNIQUE:
                case JOIN_LEFTOUTER:
                case JOIN_RIGHTOUTER:
                case JOIN_FULLOUTER:
                    add_pair(j, i, r);
                    break;
                default:
                    break;
                }
                if (j->kind == JOIN_LEFTSEMI || j->kind == JOIN_LEFTANTI)
                    break;
            }
        }
        if (!any &&
            (j->kind == JOIN_LEFTOUTER || j->kind == JOIN_FULLOUTER || j->kind == JOIN_LEFTANTI))
            add_pair(j, i, -1);
        if (any && j->kind == JOIN_LEFTSEMI)
            add_pair(j, i, -1);
    }
    if (rc == 0)
        for (uint32_t r = 0; r < nr; r++) {
            if ((j->kind == JOIN_RIGHTOUTER || j->kind == JOIN_FULLOUTER ||
                 j->kind == JOIN_RIGHTANTI) &&
                !rmatched[r])
                add_pair(j, -1, r);
            if (j->kind == JOIN_RIGHTSEMI && rmatched[r])
                add_pair(j, -1, r);
        }
    free(rmatched);
    free(lskip);
    chain_free(&rc_);
    j->done = true;
    return rc;
}

/* dst[i] = src[rows[i]] (rows[i] < 0: null, or "" for a string). A typed
 * copy per width: pairs run into the millions, so no call per value. Strings
 * copy their (pointer, length), pointing into the collected side, which
 * lives until the join closes. */
static void gather_side(harena *a, const hvec *src, const int64_t *rows, uint32_t n, hvec *dst,
                        htype t)
{
    vec_alloc(a, dst, t, n);
    size_t w = vec_width(t);
    const uint8_t *sd = src->data;
    uint8_t *dd = dst->data;
    uint32_t sm = src->cmask;
    for (uint32_t i = 0; i < n; i++) {
        int64_t r = rows[i];
        if (r < 0 || vec_is_null(src, (uint32_t)r)) {
            vec_set_null(a, dst, i);
            memset(dd + w * i, 0, w);
            if (ht_is_str(t))
                dst->s[i].p = "";
            continue;
        }
        uint32_t j = (uint32_t)r & sm;
        switch (w) {
        case 1:
            dd[i] = sd[j];
            break;
        case 8:
            memcpy(dd + 8 * (size_t)i, sd + 8 * (size_t)j, 8);
            break;
        case 16:
            memcpy(dd + 16 * (size_t)i, sd + 16 * (size_t)j, 16);
            break;
        default:
            memcpy(dd + w * i, sd + w * j, w);
        }
    }
}

/* Marks in use[] the output columns expression e reads. */
static void cols_used(const bexpr *e, bool *use, int ncols)
{
    if (!e)
        return;
    if (e->kind == BX_COL && e->col >= 0 && e->col < ncols)
        use[e->col] = true;
    for (int i = 0; i < e->nargs; i++)
        cols_used(e->args[i], use, ncols);
}

/* Applies the pushed-down `where` to the pairs, a batch at a time, gathering
 * only the columns it reads, and keeps the pairs it accepts (in order). Rows
 * are the same and in the same order as the where over the join's output
 * would see, so the answer is the same; the other columns are gathered only
 * for the pairs that pass. */
static int filter_pairs(op *o)
{
    join_st *j = o->st;
    int nc = o->schema.ncols;
    bool *use = calloc((size_t)(nc ? nc : 1), 1);
    if (!use)
        return q_error(o->q, HUNT_ENOMEM, -1, 0, "out of memory");
    cols_used(j->filter, use, nc);
    harena a;
    arena_init(&a);
    size_t kept = 0;
    int rc = 0;
    for (size_t from = 0; from < j->npairs && rc == 0; from += VEC_BATCH) {
        uint32_t n = (uint32_t)(j->npairs - from < VEC_BATCH ? j->npairs - from : VEC_BATCH);
        arena_reset(&a);
        batch b = {n, nc, arena_zalloc(&a, sizeof(hvec) * (size_t)(nc ? nc : 1))};
        for (int c = 0; c < nc; c++) {
            if (!use[c])
                continue;
            int src = j->outsrc[c];
            if (src >= 0)
                gather_side(&a, &j->l.cols[src], j->pl + from, n, &b.cols[c], o->schema.types[c]);
            else
                gather_side(&a, &j->r.cols[-src - 1], j->pr + from, n, &b.cols[c],
                            o->schema.types[c]);
            if (o->schema.types[c] == HT_STRING)
                b.cols[c].null = NULL;
        }
        hvec keep;
        if (expr_eval(o->q, j->filter, &b, &a, &keep) < 0) {
            rc = -1;
            break;
        }
        for (uint32_t i = 0; i < n; i++)
            if (!vec_is_null(&keep, i) && vec_b(&keep, i)) {
                j->pl[kept] = j->pl[from + i];
                j->pr[kept] = j->pr[from + i];
                kept++;
            }
    }
    arena_free(&a);
    free(use);
    if (rc == 0)
        j->npairs = kept;
    return rc;
}

bool exec_join_push_filter(op *join, bexpr *pred)
{
    join_st *j = join->st;
    if (j->filter) /* a second where: it filters the join's output as usual */
        return false;
    j->filter = pred;
    return true;
}

static int join_next(op *o, batch **out)
{
    join_st *j = o->st;
    if (!j->done && (join_run(o) < 0 || (j->filter && filter_pairs(o) < 0)))
        return -1;
    arena_reset(&o->arena);
    if (j->emitted >= j->npairs) {
        *out = NULL;
        return 0;
    }
    uint32_t n = (uint32_t)(j->npairs - j->emitted);
    if (n > VEC_BATCH)
        n = VEC_BATCH;
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = n;
    b->ncols = o->schema.ncols;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(b->ncols ? b->ncols : 1));
    for (int c = 0; c < b->ncols; c++) {
        int s = j->outsrc[c];
        if (s >= 0)
            gather_side(&o->arena, &j->l.cols[s], j->pl + j->emitted, n, &b->cols[c],
                        o->schema.types[c]);
        else
            gather_side(&o->arena, &j->r.cols[-s - 1], j->pr + j->emitted, n, &b->cols[c],
                        o->schema.types[c]);
        /* strings are never null: a missing side gives "" */
        if (o->schema.types[c] == HT_STRING)
            b->cols[c].null = NULL;
    }
    j->emitted += n;
    *out = b;
    return 0;
}

static void join_close(op *o)
{
    join_st *j = o->st;
    if (j->l.t)
        table_free(j->l.t);
    if (j->r.t)
        table_free(j->r.t);
    free(j->pl);
    free(j->pr);
}

/* --- binding ---------------------------------------------------------------------------- */

static bool is_side_ref(const ast *n, const char *which)
{
    return n->kind == AST_MEMBER && n->kid[0]->kind == AST_IDENT &&
           n->kid[0]->name.n == strlen(which) &&
           memcmp(n->kid[0]->name.p, which, strlen(which)) == 0;
}

static int kind_of(const ast *n, bool lookup)
{
    const ast *k = ast_opt(n, "kind");
    if (!k || !k->nkid)
        return lookup ? JOIN_LEFTOUTER : JOIN_INNERUNIQUE;
    hstr v = k->kid[0]->kind == AST_IDENT ? k->kid[0]->name : k->kid[0]->str;
    static const struct {
        const char *name;
        int kind;
    } kinds[] = {{"innerunique", JOIN_INNERUNIQUE}, {"inner", JOIN_INNER},
                 {"leftouter", JOIN_LEFTOUTER},     {"rightouter", JOIN_RIGHTOUTER},
                 {"fullouter", JOIN_FULLOUTER},     {"outer", JOIN_FULLOUTER},
                 {"leftanti", JOIN_LEFTANTI},       {"anti", JOIN_LEFTANTI},
                 {"leftantisemi", JOIN_LEFTANTI},   {"rightanti", JOIN_RIGHTANTI},
                 {"rightantisemi", JOIN_RIGHTANTI}, {"leftsemi", JOIN_LEFTSEMI},
                 {"rightsemi", JOIN_RIGHTSEMI}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (v.n == strlen(kinds[i].name) && memcmp(v.p, kinds[i].name, v.n) == 0)
            return kinds[i].kind;
    return -1;
}

/* Flattens `a and b and c` of on-conditions into a list. */
static void flatten_and(const ast *n, const ast **out, int *k, int cap)
{
    if (n->kind == AST_BINARY && n->op == OP_AND) {
        flatten_and(n->kid[0], out, k, cap);
        flatten_and(n->kid[1], out, k, cap);
        return;
    }
    if (*k < cap)
        out[(*k)++] = n;
}

/* The name a right column takes in the join's output: a repeated name takes
 * the next free numeric suffix (TimeGenerated1). A right TimeGenerated also
 * repeats a left Timestamp that stands for it (a Defender table's Timestamp
 * answers to TimeGenerated, bind.c find_col): it takes the suffix, so that
 * TimeGenerated after the join is still the left table's time, as in
 * Sentinel, where both tables have TimeGenerated. */
static const char *right_name(qctx *q, const hschema *out, const hschema *left, const char *nm)
{
    if (left && !strcmp(nm, "TimeGenerated") && schema_find(left, nm, strlen(nm)) < 0 &&
        schema_find(left, "Timestamp", 9) >= 0) {
        char buf[32];
        for (int i = 1;; i++) {
            snprintf(buf, sizeof buf, "TimeGenerated%d", i);
            if (schema_find(out, buf, strlen(buf)) < 0)
                return arena_strndup(&q->arena, buf, strlen(buf));
        }
    }
    return name_unique(q, out, nm);
}

op *bind_join(qctx *q, bind_scope *s, op *left, const ast *n)
{
    bool lookup = n->kind == AST_LOOKUP;
    int kind = kind_of(n, lookup);
    if (kind < 0) {
        const ast *k = ast_opt(n, "kind");
        q_error(q, HUNT_ESEMANTIC, k->off, k->len, "unknown join kind");
        return NULL;
    }
    if (lookup && kind != JOIN_LEFTOUTER && kind != JOIN_INNER) {
        q_error(q, HUNT_ESEMANTIC, n->off, n->len, "lookup supports kind=leftouter or kind=inner");
        return NULL;
    }
    op *right = bind_tabular(q, s, n->kid[0]);
    if (!right)
        return NULL;
    const ast *conds[64];
    int nc = 0;
    for (int i = 1; i < n->nkid; i++)
        flatten_and(n->kid[i], conds, &nc, 64);
    if (nc == 0) {
        q_error(q, HUNT_ESEMANTIC, n->off, n->len, "join needs 'on' keys");
        return NULL;
    }
    join_st *j = arena_zalloc(&q->arena, sizeof *j);
    j->kind = kind;
    j->lookup = lookup;
    j->nkeys = nc;
    j->l.in = left;
    j->r.in = right;
    j->l.kexpr = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)nc);
    j->r.kexpr = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)nc);
    bool *rkey_is_col = arena_zalloc(&q->arena, (size_t)right->schema.ncols + 1);
    for (int i = 0; i < nc; i++) {
        const ast *c = conds[i];
        const ast *la, *ra;
        if (c->kind == AST_IDENT) {
            la = ra = c;
        } else if (c->kind == AST_BINARY && c->op == OP_EQ) {
            la = c->kid[0];
            ra = c->kid[1];
            if (is_side_ref(la, "$right") && is_side_ref(ra, "$left")) {
                const ast *t = la;
                la = ra;
                ra = t;
            }
            if (is_side_ref(la, "$left") || is_side_ref(la, "$right")) {
                if (!is_side_ref(la, "$left") || !is_side_ref(ra, "$right")) {
                    q_error(q, HUNT_ESEMANTIC, c->off, c->len,
                            "join condition must compare $left.column with $right.column");
                    return NULL;
                }
            }
        } else {
            q_error(q, HUNT_EUNSUPPORTED, c->off, c->len,
                    "join condition must be a column name or $left.a == $right.b");
            return NULL;
        }
        /* $left.x → x against the left schema; $right.y → y against the right */
        ast lid = {0}, rid = {0};
        const ast *lx = la, *rx = ra;
        if (is_side_ref(la, "$left")) {
            lid.kind = AST_IDENT;
            lid.name = la->name;
            lid.off = la->off;
            lid.len = la->len;
            lx = &lid;
        }
        if (is_side_ref(ra, "$right")) {
            rid.kind = AST_IDENT;
            rid.name = ra->name;
            rid.off = ra->off;
            rid.len = ra->len;
            rx = &rid;
        }
        bexpr *le = bind_scalar(q, s, &left->schema, lx);
        if (!le)
            return NULL;
        bexpr *re = bind_scalar(q, s, &right->schema, rx);
        if (!re)
            return NULL;
        if (re->kind == BX_COL)
            rkey_is_col[re->col] = lx == rx || (lx->kind == AST_IDENT && rx->kind == AST_IDENT &&
                                                lx->name.n == rx->name.n &&
                                                memcmp(lx->name.p, rx->name.p, lx->name.n) == 0);
        htype t = le->type == re->type ? le->type : HT_UNKNOWN;
        if (t == HT_UNKNOWN) {
            if (ht_is_numeric(le->type) && ht_is_numeric(re->type))
                t = (le->type == HT_REAL || re->type == HT_REAL) ? HT_REAL : HT_LONG;
            else if (le->type == HT_DYNAMIC || re->type == HT_DYNAMIC)
                t = le->type == HT_DYNAMIC ? re->type : le->type;
            else
                t = HT_STRING;
        }
        if (t == HT_INT)
            t = HT_LONG;
        j->l.kexpr[i] = bind_cast(q, le, t);
        j->r.kexpr[i] = bind_cast(q, re, t);
    }
    /* output schema */
    hschema out;
    schema_init(&out);
    int cap = left->schema.ncols + right->schema.ncols + 1;
    j->outsrc = arena_alloc(&q->arena, sizeof(int) * (size_t)cap);
    bool left_cols = kind != JOIN_RIGHTSEMI && kind != JOIN_RIGHTANTI;
    bool right_cols = kind != JOIN_LEFTSEMI && kind != JOIN_LEFTANTI;
    if (left_cols)
        for (int c = 0; c < left->schema.ncols; c++) {
            j->outsrc[out.ncols] = c;
            schema_add(&out, left->schema.names[c], left->schema.types[c]);
        }
    if (right_cols)
        for (int c = 0; c < right->schema.ncols; c++) {
            const char *nm = right->schema.names[c];
            if (lookup && rkey_is_col[c])
                continue; /* lookup does not repeat the key columns */
            j->outsrc[out.ncols] = -c - 1;
            schema_add(&out, right_name(q, &out, left_cols ? &left->schema : NULL, nm),
                       right->schema.types[c]);
        }
    op *o = op_new(q, lookup ? "lookup" : "join", 2);
    o->kids[0] = left;
    o->kids[1] = right;
    o->st = j;
    schema_copy(&o->schema, &out);
    schema_free(&out);
    o->next = join_next;
    o->close = join_close;
    return o;
}
