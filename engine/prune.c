/* engine/prune.c — which columns of a scanned table a pipeline can read.
 *
 * Hunting tables are wide (CloudProcessEvents has 24 columns) and most
 * queries touch a handful of them. When a pipeline starting at a table scan
 * closes its columns early (project, summarize, count, distinct, top-nested,
 * make-series) and every operator before that only reads columns by name,
 * the scan needs only the columns whose names appear in the query: the rest
 * are never read, so the scan hands out a null constant for them instead
 * of slicing their data. The analysis is by name over the syntax tree and
 * errs on the side of keeping a column; anything it does not understand (a
 * `*`, pack_all(), an operator it does not know) keeps them all. One `*` is
 * understood: `summarize arg_max(T, *) by K` followed by an operator that
 * closes the columns again keeps only the columns named in the query.
 */
#include "engine.h"

#include <string.h>

/* Operators that read named columns and pass the rest through. */
static bool passes_through(ast_kind k)
{
    switch (k) {
    case AST_WHERE:
    case AST_EXTEND:
    case AST_TAKE:
    case AST_SORT:
    case AST_TOP:
    case AST_MV_EXPAND:
    case AST_PARSE:
    case AST_PARSE_WHERE:
    case AST_SERIALIZE:
    case AST_PROJECT_RENAME:
    case AST_AS:
        return true;
    default:
        return false;
    }
}

/* Operators after which only the columns they name (or make) exist. */
static bool closes_columns(const ast *n)
{
    switch (n->kind) {
    case AST_PROJECT:
    case AST_SUMMARIZE:
    case AST_COUNT:
    case AST_MAKE_SERIES:
    case AST_TOP_NESTED:
        return true;
    case AST_DISTINCT:
        return !(n->nkid == 1 && n->kid[0] && n->kid[0]->kind == AST_STAR);
    default:
        return false;
    }
}

typedef struct names {
    const hschema *s;
    uint8_t *need;
    bool all;
    /* a summarize whose arg_max/arg_min(..., *) a later operator narrows
     * (narrowed_star): that `*` does not keep every column */
    const ast *argstar;
    bool in_argstar;
} names;

static void mark(names *nm, hstr name);

/* In the narrowed summarize, `*` columns keep their names, but a clash with
 * an explicit argument is renamed X1, X2...: mark X too. */
static void mark_unsuffixed(names *nm, hstr name)
{
    size_t n = name.n;
    while (n > 0 && name.p[n - 1] >= '0' && name.p[n - 1] <= '9')
        n--;
    if (n > 0 && n < name.n)
        mark(nm, (hstr){name.p, n});
}

static void mark(names *nm, hstr name)
{
    if (!name.p || !name.n)
        return;
    int i = schema_find(nm->s, name.p, name.n);
    if (i >= 0)
        nm->need[i] = 1;
    if (nm->argstar)
        mark_unsuffixed(nm, name);
    /* Timestamp and TimeGenerated name the same column (see bind.c) */
    if (name.n == 13 && !memcmp(name.p, "TimeGenerated", 13)) {
        i = schema_find(nm->s, "Timestamp", 9);
        if (i >= 0)
            nm->need[i] = 1;
    }
    if (name.n == 9 && !memcmp(name.p, "Timestamp", 9)) {
        i = schema_find(nm->s, "TimeGenerated", 13);
        if (i >= 0)
            nm->need[i] = 1;
    }
}

static void walk(names *nm, const ast *n)
{
    if (!n || nm->all)
        return;
    switch (n->kind) {
    case AST_STAR:
        nm->all = true;
        return;
    case AST_CALL:
        if (n->name.n == 8 && !memcmp(n->name.p, "pack_all", 8))
            nm->all = true;
        /* a user function may read columns of its caller by name */
        mark(nm, n->name);
        break;
    case AST_IDENT:
    case AST_COLDEF:
    case AST_NAMED:
    case AST_LET:
        mark(nm, n->name);
        break;
    case AST_LITERAL:
        mark(nm, n->str); /* column_ifexists("Name", ...) */
        break;
    case AST_MEMBER:
        mark(nm, n->name);
        break;
    default:
        break;
    }
    bool was = nm->in_argstar;
    if (n == nm->argstar)
        nm->in_argstar = true;
    bool argcall = nm->in_argstar && n->kind == AST_CALL &&
                   ((n->name.n == 7 && !memcmp(n->name.p, "arg_max", 7)) ||
                    (n->name.n == 7 && !memcmp(n->name.p, "arg_min", 7)));
    for (int i = 0; i < n->nkid; i++)
        if (!(argcall && i > 0 && n->kid[i] && n->kid[i]->kind == AST_STAR))
            walk(nm, n->kid[i]);
    if (n->opts)
        walk(nm, n->opts);
    nm->in_argstar = was;
}

/* `summarize arg_max(T, *) by K` followed, through where/extend/sort/take,
 * by an operator that closes the columns without a `*` of its own (a
 * summarize, project, count): only the columns named in the query survive
 * past it, so the `*` needs no others. Returns the summarize, or NULL. */
static const ast *narrowed_star(const ast *pipe, int close, const hschema *s, uint8_t *need)
{
    if (pipe->kid[close]->kind != AST_SUMMARIZE)
        return NULL;
    /* (a, b, c) = arg_max(T, *): the names go to the columns in order, so
     * which columns `*` keeps decides what they name */
    const ast *aggs = pipe->kid[close]->nkid ? pipe->kid[close]->kid[0] : NULL;
    for (int i = 0; aggs && i < aggs->nkid; i++)
        if (aggs->kid[i]->kind == AST_NAMED && aggs->kid[i]->nkid > 1)
            return NULL;
    for (int j = close + 1; j < pipe->nkid; j++) {
        const ast *o = pipe->kid[j];
        names probe = {s, need, false, NULL, false};
        walk(&probe, o);
        if (probe.all || o->kind == AST_AS)
            return NULL;
        if (closes_columns(o))
            return pipe->kid[close];
        if (!passes_through(o->kind))
            return NULL;
    }
    return NULL;
}

bool prune_columns(const ast *pipe, const ast *script, const hschema *s, uint8_t *need)
{
    if (pipe->kind != AST_PIPE || !script)
        return false;
    int close = -1;
    for (int i = 1; i < pipe->nkid; i++) {
        const ast *o = pipe->kid[i];
        if (closes_columns(o)) {
            close = i;
            break;
        }
        if (!passes_through(o->kind))
            return false;
    }
    if (close < 0)
        return false;
    const ast *argstar = narrowed_star(pipe, close, s, need);
    for (int i = 1; i <= close; i++) {
        names probe = {s, need, false, argstar, false};
        walk(&probe, pipe->kid[i]);
        if (probe.all)
            return false;
    }
    /* Names anywhere in the script count: let-bound functions and sub-queries
     * may mention columns too. Keeping too many is only slower. */
    memset(need, 0, (size_t)s->ncols);
    names nm = {s, need, false, argstar, false};
    walk(&nm, script);
    if (nm.all) {
        /* a `*` elsewhere in the script does not reach this pipeline's
         * columns by itself; but stay simple and keep everything */
        return false;
    }
    return true;
}
