/* engine/exec_find.c — the find operator: rows matching a predicate across
 * a set of tables, in the documented output shape.
 *
 *   find [withsource=C] [in (T1, T*, (Q), ...)] where Pred [project-smart | project ...]
 *   find Pred [project-smart | project ...]
 *
 * Tables: the `in (...)` list (names, wildcards over catalog tables, or
 * parenthesised queries), or every catalog table that holds rows. The
 * predicate is a where-predicate that may also use search's forms ("term",
 * `* has "x"`, ...), rewritten per table by exec_search.c.
 *
 * A column the predicate names but a table lacks is null in that table (so
 * `A == 1 or B == 2` filters a table without B by A alone); a table that has
 * none of the columns the predicate names is left out.
 *
 * Output: first the source column (`source_`, or the withsource name)
 * holding each row's table name, then
 *   project-smart (the default): the columns the predicate names and the
 *     columns every kept table has, in table-column order, then `pack_`, a
 *     property bag of each row's other columns (its table's columns only);
 *   project c1, c2:type, ..., pack_all(): the listed columns (null where a
 *     table lacks one; `:type` converts), and for pack_all() a `pack_` bag of
 *     the row's columns that are not listed, as the docs' examples show.
 * A column with different types in different tables needs a `:type` in
 * project; project-smart would split it into Col_type columns, which is not
 * supported here (a clear error).
 */
#include "engine.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const ast *search_rewrite(qctx *q, const hschema *s, const ast *n, bool cs);

typedef struct find_leg {
    op *o;
    const char *name;
} find_leg;

typedef struct find_ctx {
    qctx *q;
    bind_scope *sc;
    find_leg *legs;
    int n, cap;
    const hschema **schemas; /* legs[i].o->schema, for pred_cols.c */
    pred_cols pc;            /* the columns the predicate uses */
} find_ctx;

/* --- the tables ----------------------------------------------------------------------------- */

static void leg_add(find_ctx *f, op *o, const char *name)
{
    if (f->n == f->cap) {
        int nc = f->cap ? f->cap * 2 : 16;
        find_leg *l = arena_alloc(&f->q->arena, sizeof(find_leg) * (size_t)nc);
        if (f->n)
            memcpy(l, f->legs, sizeof(find_leg) * (size_t)f->n);
        f->legs = l, f->cap = nc;
    }
    f->legs[f->n].o = o;
    f->legs[f->n++].name = name;
}

static bool user_table(const htable *t)
{
    return strncmp(t->name, "__invoke_", 9) != 0;
}

static int collect(find_ctx *f, const ast *list)
{
    qctx *q = f->q;
    hcatalog *c = q->catalog;
    for (int t = 0; !list && t < c->n; t++)
        if (user_table(c->tables[t]) && c->tables[t]->nrows > 0)
            leg_add(f, exec_scan(q, c->tables[t], INT64_MIN, INT64_MAX, -1), c->tables[t]->name);
    for (int i = 0; list && i < list->nkid; i++) {
        const ast *k = list->kid[i];
        if (k->kind == AST_IDENT && memchr(k->name.p, '*', k->name.n)) {
            char *pat = arena_strndup(&q->arena, k->name.p, k->name.n);
            for (int t = 0; t < c->n; t++)
                if (user_table(c->tables[t]) && fnmatch(pat, c->tables[t]->name, 0) == 0)
                    leg_add(f, exec_scan(q, c->tables[t], INT64_MIN, INT64_MAX, -1),
                            c->tables[t]->name);
            continue;
        }
        op *o = bind_tabular(q, f->sc, k);
        if (!o)
            return -1;
        leg_add(f, o,
                k->kind == AST_IDENT ? arena_strndup(&q->arena, k->name.p, k->name.n) : "find_arg");
    }
    return 0;
}

/* --- the predicate's columns ---------------------------------------------------------------- */

static int leg_col(const find_leg *l, const char *name)
{
    return schema_find(&l->o->schema, name, strlen(name));
}

/* The type of column name in the first table that has it; HT_UNKNOWN when none. */
static htype col_type(const find_ctx *f, const char *name, bool *mixed)
{
    return legs_col_type(f->schemas, f->n, name, mixed);
}

/* Filters every table; drops those with none of the predicate's columns. */
static int filter_legs(find_ctx *f, const ast *pred)
{
    qctx *q = f->q;
    f->schemas = arena_alloc(&q->arena, sizeof(hschema *) * (size_t)(f->n ? f->n : 1));
    for (int l = 0; l < f->n; l++)
        f->schemas[l] = &f->legs[l].o->schema;
    pred_cols_collect(q, f->schemas, f->n, pred, &f->pc);
    int k = 0;
    for (int l = 0; l < f->n; l++) {
        find_leg *leg = &f->legs[l];
        if (!pred_cols_any(&leg->o->schema, &f->pc))
            continue;
        const ast *p = search_rewrite(q, &leg->o->schema,
                                      pred_cols_fill(q, &leg->o->schema, &f->pc, pred), false);
        bexpr *e = bind_scalar(q, f->sc, &leg->o->schema, p);
        if (!e)
            return -1;
        if (e->type == HT_DYNAMIC || e->type == HT_UNKNOWN)
            e = bind_cast(q, e, HT_BOOL);
        if (e->type != HT_BOOL)
            return q_error(q, HUNT_ESEMANTIC, pred->off, pred->len,
                           "find needs a bool predicate, got %s", ht_name(e->type));
        f->legs[k].o = exec_filter(q, leg->o, e);
        f->legs[k++].name = leg->name;
    }
    f->n = k;
    for (int l = 0; l < f->n; l++)
        f->schemas[l] = &f->legs[l].o->schema;
    return 0;
}

/* --- the output columns --------------------------------------------------------------------- */

typedef struct outcol {
    const char *name;
    htype type;
    bool cast; /* a `:type` was given */
    bool pack; /* the pack_ bag */
} outcol;

typedef struct outset {
    outcol *c;
    int n;
} outset;

static bool out_has(const outset *o, const char *name)
{
    for (int i = 0; i < o->n; i++)
        if (!o->c[i].pack && !strcmp(o->c[i].name, name))
            return true;
    return false;
}

static void out_add(qctx *q, outset *o, const char *name, htype t, bool cast, bool pack)
{
    outcol *n = arena_alloc(&q->arena, sizeof(outcol) * (size_t)(o->n + 1));
    if (o->n)
        memcpy(n, o->c, sizeof(outcol) * (size_t)o->n);
    n[o->n++] = (outcol){name, t, cast, pack};
    o->c = n;
}

static int smart_columns(find_ctx *f, outset *o, const ast *at)
{
    qctx *q = f->q;
    for (int l = 0; l < f->n; l++) {
        const hschema *s = &f->legs[l].o->schema;
        for (int c = 0; c < s->ncols; c++) {
            const char *nm = s->names[c];
            if (out_has(o, nm))
                continue;
            bool keep = false, mixed;
            for (int i = 0; i < f->pc.n && !keep; i++)
                keep = !strcmp(f->pc.names[i], nm);
            bool common = true;
            for (int k = 0; k < f->n && common; k++)
                common = leg_col(&f->legs[k], nm) >= 0;
            htype t = col_type(f, nm, &mixed);
            if ((keep || common) && mixed)
                return q_error(q, HUNT_EUNSUPPORTED, at->off, at->len,
                               "find: column '%s' has different types in different tables; "
                               "project-smart would split it by type, which is not supported "
                               "(use project %s:type)",
                               nm, nm);
            if (keep || common)
                out_add(q, o, nm, t, false, false);
        }
    }
    out_add(q, o, "pack_", HT_DYNAMIC, false, true);
    return 0;
}

static int project_columns(find_ctx *f, outset *o, const ast *list)
{
    qctx *q = f->q;
    for (int i = 0; i < list->nkid; i++) {
        const ast *k = list->kid[i];
        if (k->kind == AST_CALL) {
            if (!(k->name.n == 8 && !memcmp(k->name.p, "pack_all", 8)) || k->nkid)
                return q_error(q, HUNT_EUNSUPPORTED, k->off, k->len,
                               "find: project takes column names and pack_all() only");
            out_add(q, o, "pack_", HT_DYNAMIC, false, true);
            continue;
        }
        const char *nm = arena_strndup(&q->arena, k->name.p, k->name.n);
        if (k->kind == AST_COLDEF) {
            out_add(q, o, nm, k->type, true, false);
            continue;
        }
        bool mixed;
        htype t = col_type(f, nm, &mixed);
        if (mixed)
            return q_error(q, HUNT_ESEMANTIC, k->off, k->len,
                           "find: column '%s' has different types in different tables; "
                           "give its type (%s:type)",
                           nm, nm);
        if (t == HT_UNKNOWN)
            return q_error(q, HUNT_ESEMANTIC, k->off, k->len,
                           "find: no table in scope has a column '%s'", nm);
        out_add(q, o, nm, t, false, false);
    }
    return 0;
}

static ast *ident_ast(qctx *q, const ast *at, const char *name)
{
    ast *n = ast_new(&q->arena, AST_IDENT, at->off, at->len);
    n->name = (hstr){name, (uint32_t)strlen(name)};
    return n;
}

/* bag of leg l's columns that o does not list (bag_pack_columns, or bag_pack()). */
static bexpr *pack_rest(qctx *q, bind_scope *sc, const hschema *s, const outset *o, const ast *at)
{
    ast *call = ast_new(&q->arena, AST_CALL, at->off, at->len);
    int n = 0;
    for (int c = 0; c < s->ncols; c++)
        if (!out_has(o, s->names[c])) {
            ast_add(&q->arena, call, ident_ast(q, at, s->names[c]));
            n++;
        }
    call->name = n ? (hstr){"bag_pack_columns", 16} : (hstr){"bag_pack", 8};
    return bind_scalar(q, sc, s, call);
}

/* Projects leg l onto the output columns o (after the source column). */
static op *shape_leg(find_ctx *f, const find_leg *l, const outset *o, const hschema *out,
                     const ast *at)
{
    qctx *q = f->q;
    const hschema *s = &l->o->schema;
    bexpr **ex = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(o->n ? o->n : 1));
    hschema sh;
    schema_init(&sh);
    for (int i = 0; i < o->n; i++) {
        const outcol *c = &o->c[i];
        if (c->pack)
            ex[i] = pack_rest(q, f->sc, s, o, at);
        else if (leg_col(l, c->name) >= 0)
            ex[i] = bind_scalar(q, f->sc, s, ident_ast(q, at, c->name));
        else
            ex[i] = bind_scalar(q, f->sc, s, null_literal(q, at, c->type));
        if (!ex[i]) {
            schema_free(&sh);
            return NULL;
        }
        if (ex[i]->type != c->type)
            ex[i] = bind_cast(q, ex[i], c->type);
        schema_add(&sh, out->names[i + 1], c->type);
    }
    op *r = exec_project(q, l->o, ex, o->n, &sh);
    schema_free(&sh);
    return r;
}

static op *union_out(find_ctx *f, const outset *o, const char *srccol, const ast *at)
{
    qctx *q = f->q;
    hschema out;
    schema_init(&out);
    schema_add(&out, srccol, HT_STRING);
    for (int i = 0; i < o->n; i++)
        schema_add(&out, o->c[i].name, o->c[i].type);
    op *r = NULL;
    if (f->n == 0) {
        r = exec_values(q, table_new("find", &out));
        goto done;
    }
    op **legs = arena_alloc(&q->arena, sizeof(op *) * (size_t)f->n);
    const char **names = arena_alloc(&q->arena, sizeof(char *) * (size_t)f->n);
    int **map = arena_alloc(&q->arena, sizeof(int *) * (size_t)f->n);
    for (int l = 0; l < f->n; l++) {
        legs[l] = shape_leg(f, &f->legs[l], o, &out, at);
        if (!legs[l])
            goto done;
        names[l] = f->legs[l].name;
        map[l] = arena_alloc(&q->arena, sizeof(int) * (size_t)out.ncols);
        map[l][0] = -1;
        for (int c = 1; c < out.ncols; c++)
            map[l][c] = c - 1;
    }
    r = exec_union(q, legs, f->n, &out, map, srccol, names);
done:
    schema_free(&out);
    return r;
}

op *bind_find(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    if (in)
        return q_error(q, HUNT_ESYNTAX, n->off, n->len, "find can't follow '|'"), NULL;
    const char *srccol = "source_";
    const ast *ws = ast_opt(n, "withsource");
    if (!ws)
        ws = ast_opt(n, "with_source");
    if (ws && ws->nkid && ws->kid[0]->kind == AST_IDENT)
        srccol = arena_strndup(&q->arena, ws->kid[0]->name.p, ws->kid[0]->name.n);
    for (int i = 0; n->opts && i < n->opts->nkid; i++)
        if (n->opts->kid[i] != ws)
            return q_error(q, HUNT_EUNSUPPORTED, n->opts->kid[i]->off, n->opts->kid[i]->len,
                           "find: option '%.*s' is not supported", (int)n->opts->kid[i]->name.n,
                           n->opts->kid[i]->name.p),
                   NULL;
    find_ctx f = {.q = q, .sc = sc};
    const ast *pred = n->kid[0];
    const ast *list = n->nkid > 1 ? n->kid[1] : NULL;
    const ast *proj = n->nkid > 2 ? n->kid[2] : NULL;
    if (collect(&f, list) < 0 || filter_legs(&f, pred) < 0)
        return NULL;
    outset o = {0};
    if ((proj ? project_columns(&f, &o, proj) : smart_columns(&f, &o, pred)) < 0)
        return NULL;
    return union_out(&f, &o, srccol, pred);
}
