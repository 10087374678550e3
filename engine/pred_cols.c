/* engine/pred_cols.c — one predicate over several tables, as find and
 * search apply it: which of its identifiers are columns of some table, and
 * the predicate each table sees, in which the columns it lacks are typed
 * nulls (so `A == 1 or B == 2` filters a table without B by A alone, as a
 * union of the tables followed by the where would).
 *
 * An identifier that names no column of any table (a let, a function
 * parameter) is left to the binder; sub-queries keep their own columns.
 * Everything is allocated in the query's arena.
 */
#include "engine.h"

#include <string.h>

htype legs_col_type(const hschema *const *legs, int nlegs, const char *name, bool *mixed)
{
    htype t = HT_UNKNOWN;
    *mixed = false;
    for (int l = 0; l < nlegs; l++) {
        int c = schema_find(legs[l], name, strlen(name));
        if (c < 0)
            continue;
        htype lt = legs[l]->types[c];
        if (t != HT_UNKNOWN && lt != t)
            *mixed = true;
        if (t == HT_UNKNOWN)
            t = lt;
    }
    return t;
}

static void pred_cols_add(qctx *q, pred_cols *pc, const char *name, htype t)
{
    for (int i = 0; i < pc->n; i++)
        if (!strcmp(pc->names[i], name))
            return;
    const char **n = arena_alloc(&q->arena, sizeof(char *) * (size_t)(pc->n + 1));
    htype *ty = arena_alloc(&q->arena, sizeof(htype) * (size_t)(pc->n + 1));
    if (pc->n) {
        memcpy(n, pc->names, sizeof(char *) * (size_t)pc->n);
        memcpy(ty, pc->types, sizeof(htype) * (size_t)pc->n);
    }
    n[pc->n] = name;
    ty[pc->n++] = t;
    pc->names = n;
    pc->types = ty;
}

void pred_cols_collect(qctx *q, const hschema *const *legs, int nlegs, const ast *pred,
                       pred_cols *pc)
{
    if (!pred)
        return;
    if (pred->kind == AST_IDENT) {
        char *nm = arena_strndup(&q->arena, pred->name.p, pred->name.n);
        bool mixed;
        htype t = legs_col_type(legs, nlegs, nm, &mixed);
        if (t != HT_UNKNOWN)
            pred_cols_add(q, pc, nm, t);
        return;
    }
    if (pred->kind == AST_PIPE)
        return; /* a sub-query has its own columns */
    for (int i = 0; i < pred->nkid; i++)
        pred_cols_collect(q, legs, nlegs, pred->kid[i], pc);
}

bool pred_cols_any(const hschema *leg, const pred_cols *pc)
{
    if (pc->n == 0)
        return true;
    for (int i = 0; i < pc->n; i++)
        if (schema_find(leg, pc->names[i], strlen(pc->names[i])) >= 0)
            return true;
    return false;
}

ast *null_literal(qctx *q, const ast *at, htype t)
{
    ast *n = ast_new(&q->arena, AST_LITERAL, at->off, at->len);
    n->type = t;
    n->op = LIT_NULL;
    return n;
}

const ast *pred_cols_fill(qctx *q, const hschema *leg, const pred_cols *pc, const ast *pred)
{
    if (!pred)
        return pred;
    if (pred->kind == AST_IDENT) {
        for (int i = 0; i < pc->n; i++)
            if (strlen(pc->names[i]) == pred->name.n &&
                !memcmp(pc->names[i], pred->name.p, pred->name.n) &&
                schema_find(leg, pc->names[i], pred->name.n) < 0)
                return null_literal(q, pred, pc->types[i]);
        return pred;
    }
    if (pred->kind == AST_PIPE || !pred->nkid)
        return pred;
    ast *c = ast_new(&q->arena, pred->kind, pred->off, pred->len);
    *c = *pred;
    c->kid = arena_alloc(&q->arena, sizeof(ast *) * (size_t)pred->nkid);
    c->kidcap = pred->nkid;
    for (int i = 0; i < pred->nkid; i++)
        c->kid[i] = (ast *)pred_cols_fill(q, leg, pc, pred->kid[i]);
    return c;
}
