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
 * `*`, pack_all(), an operator it does not know) keeps them all.
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
} names;

static void mark(names *nm, hstr name)
{
    if (!name.p || !name.n)
        return;
    int i = schema_find(nm->s, name.p, name.n);
    if (i >= 0)
        nm->need[i] = 1;
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
    for (int i = 0; i < n->nkid; i++)
        walk(nm, n->kid[i]);
    if (n->opts)
        walk(nm, n->opts);
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
    for (int i = 1; i <= close; i++) {
        names probe = {s, need, false};
        walk(&probe, pipe->kid[i]);
        if (probe.all)
            return false;
    }
    /* Names anywhere in the script count: let-bound functions and sub-queries
     * may mention columns too. Keeping too many is only slower. */
    memset(need, 0, (size_t)s->ncols);
    names nm = {s, need, false};
    walk(&nm, script);
    if (nm.all) {
        /* a `*` elsewhere in the script does not reach this pipeline's
         * columns by itself; but stay simple and keep everything */
        return false;
    }
    return true;
}
