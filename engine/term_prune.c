/* engine/term_prune.c — which rows of an extent a `where` can keep, from the
 * term indexes of its string columns (tables/term_index.h).
 *
 * A scan with a `where` right above it asks, per extent, for the candidate
 * rows of the predicate: a superset of the rows it keeps. Only a superset is
 * promised; the filter above the scan still evaluates the predicate on every
 * row handed out, so an answer never depends on the index.
 *
 * What narrows (col a string column of the scanned table, the rest constant):
 *  - col has "x", col has_cs "x": a row matches only when it holds every
 *    whole term of "x" (each maximal run of letters and digits of "x" is a
 *    whole term of the matching text, as `has` checks the needle's ends);
 *    the rows of the rarest such term of TIX_MIN_TERM or more characters;
 *  - col == "x", col =~ "x", col in (...), col in~ (...): a value equal to
 *    "x" holds exactly the terms of "x", so the same rows; for a list, the
 *    union over its items;
 *  - col has_any (...): the union over the items; col has_all (...): the
 *    intersection;
 *  - p and q: the intersection; p or q: the union.
 * Anything else (negations such as !has, not(), other operators, short or
 * term-less needles, columns without an index) keeps every row.
 */
#include "engine.h"
#include "../tables/term_index.h"

#include <string.h>

#define ALL (-1) /* every row may match */

typedef struct cand {
    int64_t n; /* ALL, or the count of rows */
    uint32_t *rows;
} cand;

static const cand every = {ALL, NULL};

static bool is_str_col(const bexpr *e, const hextent *x)
{
    return e->kind == BX_COL && e->type == HT_STRING && e->col >= 0 && e->col < x->ncols &&
           x->cols[e->col].type == HT_STRING;
}

static bool is_str_const(const bexpr *e)
{
    return e->kind == BX_CONST && e->cval.type == HT_STRING && !vec_is_null(&e->cval, 0);
}

/* The rows that may hold every term of needle nd: those of its rarest
 * indexable term. */
static cand needle_rows(const term_index *ix, hstr nd, harena *a)
{
    tix_post best = {0, NULL, NULL, 0};
    int64_t nbest = ALL;
    const unsigned char *p = (const unsigned char *)nd.p, *end = p + nd.n;
    while (p < end && nbest != 0) {
        while (p < end && !tix_is_term_char(*p))
            p++;
        const unsigned char *t = p;
        while (p < end && tix_is_term_char(*p))
            p++;
        if (p - t < TIX_MIN_TERM)
            continue;
        tix_post post;
        uint32_t k = tix_lookup(ix, tix_hash((const char *)t, (uint32_t)(p - t)), &post);
        if (nbest == ALL || k < nbest) {
            nbest = k;
            best = post;
        }
    }
    cand c = {nbest, NULL};
    if (nbest > 0) {
        c.rows = arena_alloc(a, sizeof(uint32_t) * (size_t)nbest);
        c.n = tix_post_rows(&best, c.rows);
    }
    return c;
}

static cand intersect(cand x, cand y, harena *a)
{
    if (x.n == ALL)
        return y;
    if (y.n == ALL)
        return x;
    cand r = {0, arena_alloc(a, sizeof(uint32_t) * (size_t)(x.n < y.n ? x.n : y.n) + 4)};
    int64_t i = 0, j = 0;
    while (i < x.n && j < y.n) {
        if (x.rows[i] < y.rows[j])
            i++;
        else if (x.rows[i] > y.rows[j])
            j++;
        else {
            r.rows[r.n++] = x.rows[i];
            i++;
            j++;
        }
    }
    return r;
}

static cand unite(cand x, cand y, harena *a)
{
    if (x.n == ALL || y.n == ALL)
        return every;
    cand r = {0, arena_alloc(a, sizeof(uint32_t) * (size_t)(x.n + y.n) + 4)};
    int64_t i = 0, j = 0;
    while (i < x.n || j < y.n) {
        if (j == y.n || (i < x.n && x.rows[i] < y.rows[j]))
            r.rows[r.n++] = x.rows[i++];
        else if (i == x.n || y.rows[j] < x.rows[i])
            r.rows[r.n++] = y.rows[j++];
        else {
            r.rows[r.n++] = x.rows[i++];
            j++;
        }
    }
    return r;
}

typedef struct tctx {
    hextent *e;
    bool build; /* build missing indexes (catalog tables) */
    harena *a;
} tctx;

static const term_index *index_of(tctx *c, int col)
{
    return c->build ? tix_get(c->e, col) : tix_peek(c->e, col);
}

/* Does string v equal one of items (case-sensitive)? */
static bool equals_item(hstr v, const hstr *items, uint32_t nitems)
{
    for (uint32_t j = 0; j < nitems; j++)
        if (items[j].n == v.n && (v.n == 0 || memcmp(v.p, items[j].p, v.n) == 0))
            return true;
    return false;
}

/* exact_rows over a dictionary-encoded column: each distinct value is
 * compared once, then the rows are picked by their codes. */
static cand exact_codes(tctx *c, const hcol *hc, const hstr *items, uint32_t nitems, uint32_t *rows)
{
    uint32_t n = (uint32_t)c->e->nrows, k = 0;
    uint8_t *hit = arena_alloc(c->a, hc->s.ndict ? hc->s.ndict : 1);
    bool any = false;
    for (uint32_t d = 0; d < hc->s.ndict; d++) {
        hstr v = {hc->s.bytes + hc->s.off[d], hc->s.off[d + 1] - hc->s.off[d]};
        hit[d] = equals_item(v, items, nitems);
        any |= hit[d];
    }
    if (!any && !hc->nullbits)
        return (cand){0, rows};
    for (uint32_t i = 0; i < n; i++)
        if (hit[hc->s.codes[i]] || col_is_null(hc, i))
            rows[k++] = i;
    return (cand){k, rows};
}

/* The rows of string column col equal (case-sensitive) to one of items,
 * read straight from the column's offsets and bytes: for == and `in` when
 * the index cannot narrow (no index, or an item without a term of
 * TIX_MIN_TERM characters, such as "nc"). Null rows are kept too (the filter
 * decides them). Exact, so also a superset. */
static cand exact_rows(tctx *c, int col, const hstr *items, uint32_t nitems)
{
    const hcol *hc = &c->e->cols[col];
    uint64_t lenmask = 0; /* bit min(len, 63) for each item's length */
    for (uint32_t j = 0; j < nitems; j++)
        lenmask |= 1ull << (items[j].n < 63 ? items[j].n : 63);
    uint32_t n = (uint32_t)c->e->nrows, k = 0;
    uint32_t *rows = arena_alloc(c->a, sizeof(uint32_t) * (n ? n : 1));
    const uint32_t *off = hc->s.off;
    if (hc->s.codes)
        return exact_codes(c, hc, items, nitems, rows);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len = off[i + 1] - off[i];
        bool keep = col_is_null(hc, i);
        if (!keep && (lenmask >> (len < 63 ? len : 63) & 1)) {
            const char *v = hc->s.bytes + off[i];
            for (uint32_t j = 0; j < nitems && !keep; j++)
                keep = items[j].n == len &&
                       (len == 0 || (v[0] == items[j].p[0] && v[len - 1] == items[j].p[len - 1] &&
                                     memcmp(v, items[j].p, len) == 0));
        }
        if (keep)
            rows[k++] = i;
    }
    return (cand){k, rows};
}

/* col has/==/=~ constant (either side for the equalities). */
static cand binop_rows(tctx *c, const bexpr *p)
{
    const bexpr *col = p->args[0], *k = p->args[1];
    switch (p->op) {
    case OP_EQ:
    case OP_EQ_CI:
        if (!is_str_col(col, c->e)) {
            col = p->args[1];
            k = p->args[0];
        }
        break;
    case OP_HAS:
    case OP_HAS_CS:
        break;
    default:
        return every;
    }
    if (!is_str_col(col, c->e) || !is_str_const(k))
        return every;
    const term_index *ix = index_of(c, col->col);
    cand r = ix ? needle_rows(ix, k->cval.s[0], c->a) : every;
    if (r.n == ALL && p->op == OP_EQ)
        r = exact_rows(c, col->col, &k->cval.s[0], 1);
    return r;
}

/* col in / in~ / has_any / has_all (constant items). */
static cand in_rows(tctx *c, const bexpr *p)
{
    bool all = p->op == OP_HAS_ALL;
    if (p->op != OP_IN && p->op != OP_IN_CI && p->op != OP_HAS_ANY && !all)
        return every;
    const hvec *items = inset_items(p->set);
    if (!items || p->sub || p->set_src || items->type != HT_STRING || !is_str_col(p->args[0], c->e))
        return every;
    const term_index *ix = index_of(c, p->args[0]->col);
    if (!ix)
        return p->op == OP_IN ? exact_rows(c, p->args[0]->col, items->s, items->n) : every;
    cand r = {0, NULL}; /* no item: nothing matches (has_all of none is false too) */
    for (uint32_t j = 0; j < items->n; j++) {
        cand x = needle_rows(ix, items->s[j], c->a);
        if (j == 0)
            r = x;
        else
            r = all ? intersect(r, x, c->a) : unite(r, x, c->a);
        if ((all && r.n == 0) || (!all && r.n == ALL))
            break;
    }
    if (r.n == ALL && p->op == OP_IN)
        r = exact_rows(c, p->args[0]->col, items->s, items->n);
    return r;
}

static cand rows_of(tctx *c, const bexpr *p)
{
    switch (p->kind) {
    case BX_AND: {
        cand x = rows_of(c, p->args[0]);
        if (x.n == 0)
            return x;
        return intersect(x, rows_of(c, p->args[1]), c->a);
    }
    case BX_OR: {
        cand x = rows_of(c, p->args[0]);
        if (x.n == ALL)
            return x;
        return unite(x, rows_of(c, p->args[1]), c->a);
    }
    case BX_BINOP:
        return p->nargs == 2 ? binop_rows(c, p) : every;
    case BX_IN:
        return p->nargs >= 1 ? in_rows(c, p) : every;
    default:
        return every;
    }
}

/* Could p narrow any scan (before looking at any index)? */
bool term_prune_applies(const bexpr *p)
{
    switch (p->kind) {
    case BX_AND:
        return term_prune_applies(p->args[0]) || term_prune_applies(p->args[1]);
    case BX_OR:
        return term_prune_applies(p->args[0]) && term_prune_applies(p->args[1]);
    case BX_BINOP:
        return p->nargs == 2 &&
               (p->op == OP_HAS || p->op == OP_HAS_CS || p->op == OP_EQ || p->op == OP_EQ_CI) &&
               ((p->args[0]->kind == BX_COL && p->args[0]->type == HT_STRING) ||
                (p->args[1]->kind == BX_COL && p->args[1]->type == HT_STRING));
    case BX_IN:
        return p->nargs >= 1 && p->set && p->args[0]->kind == BX_COL &&
               p->args[0]->type == HT_STRING &&
               (p->op == OP_IN || p->op == OP_IN_CI || p->op == OP_HAS_ANY || p->op == OP_HAS_ALL);
    default:
        return false;
    }
}

/* The candidate rows of extent e for predicate p: ALL (-1) when any row may
 * match, else their count, with *rows ascending (memory from a). build: build
 * missing indexes now (a catalog table) rather than keep every row. */
int64_t term_prune_rows(const bexpr *p, hextent *e, bool build, harena *a, uint32_t **rows)
{
    tctx c = {e, build && tix_enabled(), a};
    cand r = tix_enabled() ? rows_of(&c, p) : every;
    *rows = r.rows;
    return r.n;
}
