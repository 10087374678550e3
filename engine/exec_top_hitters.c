/* engine/exec_top_hitters.c — the top-hitters operator, with exact counts.
 *
 *   T | top-hitters N of Col [by SumExpr]
 *
 * Kusto approximates with a count-min sketch; the docs define the result as
 * `summarize C = count() by Col | top N by C desc` (or sum(SumExpr) for C),
 * and hunt computes exactly that, so its counts are exact. The output
 * columns are Col and approximate_count_Col (approximate_sum_Col with `by`),
 * as the docs' examples name them. Only a column name is supported as the
 * value expression (the docs do not say how another expression's column is
 * named). The operator is bound as that summarize and top over its input.
 */
#include "engine.h"

#include <stdio.h>
#include <string.h>

static ast *node(qctx *q, ast_kind k, const ast *at)
{
    return ast_new(&q->arena, k, at->off, at->len);
}

static ast *ident(qctx *q, const ast *at, const char *name)
{
    ast *n = node(q, AST_IDENT, at);
    n->name = (hstr){name, (uint32_t)strlen(name)};
    return n;
}

/* `summarize out = agg by col | top count by out desc` without a source. */
static ast *rewrite(qctx *q, const ast *n, const char *col, const char *out)
{
    const ast *by = n->nkid > 2 ? n->kid[2] : NULL;
    ast *agg = node(q, AST_CALL, n);
    agg->name = by ? (hstr){"sum", 3} : (hstr){"count", 5};
    if (by)
        ast_add(&q->arena, agg, (ast *)by);
    ast *named = node(q, AST_NAMED, n);
    named->name = (hstr){out, (uint32_t)strlen(out)};
    ast_add(&q->arena, named, agg);
    ast *aggs = node(q, AST_LIST, n), *keys = node(q, AST_LIST, n);
    ast_add(&q->arena, aggs, named);
    ast_add(&q->arena, keys, ident(q, n, col));
    ast *sum = node(q, AST_SUMMARIZE, n);
    ast_add(&q->arena, sum, aggs);
    ast_add(&q->arena, sum, keys);
    ast *key = node(q, AST_SORTKEY, n);
    key->op = SORT_DESC;
    ast_add(&q->arena, key, ident(q, n, out));
    ast *top = node(q, AST_TOP, n);
    ast_add(&q->arena, top, n->kid[0]);
    ast_add(&q->arena, top, key);
    ast *pipe = node(q, AST_PIPE, n);
    ast_add(&q->arena, pipe, NULL);
    ast_add(&q->arena, pipe, sum);
    ast_add(&q->arena, pipe, top);
    return pipe;
}

op *bind_top_hitters(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    const ast *of = n->kid[1];
    if (of->kind != AST_IDENT)
        return q_error(q, HUNT_EUNSUPPORTED, of->off, of->len,
                       "top-hitters: only a column name is supported after 'of'"),
               NULL;
    const char *col = arena_strndup(&q->arena, of->name.p, of->name.n);
    char buf[300];
    snprintf(buf, sizeof buf, "approximate_%s_%s", n->nkid > 2 && n->kid[2] ? "sum" : "count", col);
    const char *out = arena_strndup(&q->arena, buf, strlen(buf));
    bind_scope *sub = bind_scope_new(q, sc);
    bind_scope_set_input(sub, in);
    return bind_tabular(q, sub, rewrite(q, n, col, out));
}
