/* engine/exec_search.c — the search operator and `where * <op> "x"`.
 *
 * A search predicate is rewritten, per input schema, into an ordinary
 * where-predicate AST that the binder then binds (so every scalar operator
 * behaves exactly as it does in `where`):
 *
 *   "term"          any column has "term"   (all columns; non-string ones
 *                   through tostring(); dynamic ones as their JSON text)
 *   "*term"         hassuffix      "term*"  hasprefix     "*term*" contains
 *   "a*b"           matches regex @"\ba.*b\b"
 *   *               true (search *)
 *   * has "x"       any column has "x" (any string operator after `*`)
 *   a and b, a or b, not(a)   rewritten inside
 *   anything else   left as is (x == 123, Col matches regex "...", ...)
 *
 * kind=case_sensitive turns the term operators and the `*` forms into their
 * _cs variants (regexes lose their (?i)); default/case_insensitive keep them
 * case-insensitive.
 *
 * Sources: `T | search ...` filters its input (no $table column, like the
 * equivalent `where`). `search [in (T1, T*, ...)] ...` searches the listed
 * tables (wildcards match catalog tables), or every non-empty catalog table
 * when no list is given, and outputs the union (by column name, outer) of the
 * matching rows with a first column `$table` holding each row's table name.
 * A column the predicate names that a table lacks is null in that table (so
 * `A == 1 or B == 2` filters a table without B by A alone, as find does); a
 * table with none of the predicate's columns is skipped.
 *
 * Not supported: `Col:"x"` (the grammar does not parse it yet; write
 * `Col has "x"`).
 */
#include "engine.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- AST construction ---------------------------------------------------- */

static ast *mk(qctx *q, ast_kind k, const ast *at)
{
    return ast_new(&q->arena, k, at->off, at->len);
}

static ast *mk_bool(qctx *q, const ast *at, bool v)
{
    ast *n = mk(q, AST_LITERAL, at);
    n->type = HT_BOOL;
    n->op = LIT_VALUE;
    n->ival = v;
    return n;
}

static ast *mk_str(qctx *q, const ast *at, const char *p, size_t len)
{
    ast *n = mk(q, AST_LITERAL, at);
    n->type = HT_STRING;
    n->op = LIT_VALUE;
    n->str = (hstr){arena_strndup(&q->arena, p, len), (uint32_t)len};
    return n;
}

static ast *mk_bin(qctx *q, const ast *at, int bop, ast *l, ast *r)
{
    ast *n = mk(q, AST_BINARY, at);
    n->op = bop;
    ast_add(&q->arena, n, l);
    ast_add(&q->arena, n, r);
    return n;
}

/* Column c of s as a string expression. */
static ast *mk_col(qctx *q, const ast *at, const hschema *s, int c)
{
    ast *id = mk(q, AST_IDENT, at);
    id->name = (hstr){s->names[c], (uint32_t)strlen(s->names[c])};
    if (s->types[c] == HT_STRING)
        return id;
    ast *call = mk(q, AST_CALL, at);
    call->name = (hstr){"tostring", 8};
    ast_add(&q->arena, call, id);
    return call;
}

/* OR over every column of s of (column OP rhs). */
static ast *any_column(qctx *q, const ast *at, const hschema *s, int bop, const ast *rhs)
{
    ast *acc = NULL;
    for (int c = 0; c < s->ncols; c++) {
        if (!strcmp(s->names[c], "$table"))
            continue;
        ast *t = mk_bin(q, at, bop, mk_col(q, at, s, c), (ast *)rhs);
        acc = acc ? mk_bin(q, at, OP_OR, acc, t) : t;
    }
    return acc ? acc : mk_bool(q, at, false);
}

/* ---- the term forms -------------------------------------------------------- */

static int cs_op(int bop, bool cs)
{
    if (!cs)
        return bop;
    switch (bop) {
    case OP_HAS:
        return OP_HAS_CS;
    case OP_NHAS:
        return OP_NHAS_CS;
    case OP_HASPREFIX:
        return OP_HASPREFIX_CS;
    case OP_NHASPREFIX:
        return OP_NHASPREFIX_CS;
    case OP_HASSUFFIX:
        return OP_HASSUFFIX_CS;
    case OP_NHASSUFFIX:
        return OP_NHASSUFFIX_CS;
    case OP_CONTAINS:
        return OP_CONTAINS_CS;
    case OP_NCONTAINS:
        return OP_NCONTAINS_CS;
    case OP_STARTSWITH:
        return OP_STARTSWITH_CS;
    case OP_NSTARTSWITH:
        return OP_NSTARTSWITH_CS;
    case OP_ENDSWITH:
        return OP_ENDSWITH_CS;
    case OP_NENDSWITH:
        return OP_NENDSWITH_CS;
    case OP_EQ_CI:
        return OP_EQ;
    case OP_NE_CI:
        return OP_NE;
    default:
        return bop;
    }
}

/* Appends s escaped for a regex. */
static void rx_escape(dbuf *b, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strchr("\\^$.|?*+()[]{}", p[i]))
            dbuf_put(b, "\\", 1);
        dbuf_put(b, &p[i], 1);
    }
}

/* "a*b" with inner stars: \ba.*b\b (no \b next to a leading/trailing star). */
static ast *term_regex(qctx *q, const ast *at, const hschema *s, hstr t, bool cs)
{
    dbuf b = {0};
    if (!cs)
        dbuf_put(&b, "(?i)", 4);
    uint32_t i = 0;
    if (t.n && t.p[0] == '*')
        i = 1;
    else
        dbuf_put(&b, "\\b", 2);
    while (i < t.n) {
        const char *star = memchr(t.p + i, '*', t.n - i);
        uint32_t e = star ? (uint32_t)(star - t.p) : t.n;
        rx_escape(&b, t.p + i, e - i);
        if (!star) {
            dbuf_put(&b, "\\b", 2);
            break;
        }
        dbuf_put(&b, ".*", 2);
        i = e + 1;
    }
    ast *rx = mk_str(q, at, (const char *)b.p, b.n);
    dbuf_free(&b);
    return any_column(q, at, s, OP_MATCHES, rx);
}

static ast *term(qctx *q, const ast *n, const hschema *s, bool cs)
{
    hstr t = n->str;
    bool lead = t.n && t.p[0] == '*';
    bool trail = t.n > 1 && t.p[t.n - 1] == '*';
    hstr core = {t.p + lead, t.n - lead - trail};
    if (!core.n)
        return mk_bool(q, n, true);
    if (memchr(core.p, '*', core.n))
        return term_regex(q, n, s, t, cs);
    int bop = lead && trail ? OP_CONTAINS : lead ? OP_HASSUFFIX : trail ? OP_HASPREFIX : OP_HAS;
    return any_column(q, n, s, cs_op(bop, cs), mk_str(q, n, core.p, core.n));
}

/* Rewrites a search predicate for schema s (see the top of the file). */
const ast *search_rewrite(qctx *q, const hschema *s, const ast *n, bool cs);
const ast *search_rewrite(qctx *q, const hschema *s, const ast *n, bool cs)
{
    switch (n->kind) {
    case AST_STAR:
        return mk_bool(q, n, true);
    case AST_LITERAL:
        return n->type == HT_STRING && n->op == LIT_VALUE ? term(q, n, s, cs) : n;
    case AST_BINARY:
        if (n->op == OP_AND || n->op == OP_OR) {
            const ast *l = search_rewrite(q, s, n->kid[0], cs);
            const ast *r = search_rewrite(q, s, n->kid[1], cs);
            return mk_bin(q, n, n->op, (ast *)l, (ast *)r);
        }
        if (n->kid[0]->kind == AST_STAR)
            return any_column(q, n, s, cs_op(n->op, cs), n->kid[1]);
        return n;
    case AST_CALL:
        if (n->nkid == 1 && n->name.n == 3 && !memcmp(n->name.p, "not", 3)) {
            ast *c = mk(q, AST_CALL, n);
            c->name = n->name;
            ast_add(&q->arena, c, (ast *)search_rewrite(q, s, n->kid[0], cs));
            return c;
        }
        return n;
    default:
        return n;
    }
}

/* Rewrites only the `* op "x"` leaves of an and/or/not tree (for where). */
static bool has_star(const ast *n)
{
    if (n->kind == AST_BINARY && (n->op == OP_AND || n->op == OP_OR))
        return has_star(n->kid[0]) || has_star(n->kid[1]);
    if (n->kind == AST_CALL && n->nkid == 1 && n->name.n == 3 && !memcmp(n->name.p, "not", 3))
        return has_star(n->kid[0]);
    return n->kind == AST_BINARY && n->kid[0]->kind == AST_STAR;
}

static const ast *star_only(qctx *q, const hschema *s, const ast *n)
{
    if (!has_star(n))
        return n;
    if (n->kind == AST_BINARY && (n->op == OP_AND || n->op == OP_OR))
        return mk_bin(q, n, n->op, (ast *)star_only(q, s, n->kid[0]),
                      (ast *)star_only(q, s, n->kid[1]));
    if (n->kind == AST_CALL) {
        ast *c = mk(q, AST_CALL, n);
        c->name = n->name;
        ast_add(&q->arena, c, (ast *)star_only(q, s, n->kid[0]));
        return c;
    }
    return any_column(q, n, s, n->op, n->kid[1]);
}

const ast *where_star_rewrite(qctx *q, const hschema *s, const ast *n);
const ast *where_star_rewrite(qctx *q, const hschema *s, const ast *n)
{
    return star_only(q, s, n);
}

/* ---- binding --------------------------------------------------------------- */

static int search_cs(qctx *q, const ast *n, bool *cs)
{
    *cs = false;
    const ast *k = ast_opt(n, "kind");
    if (!k)
        return 0;
    hstr v = k->nkid && k->kid[0]->kind == AST_IDENT     ? k->kid[0]->name
             : k->nkid && k->kid[0]->kind == AST_LITERAL ? k->kid[0]->str
                                                         : (hstr){"", 0};
    if (v.n == 14 && !memcmp(v.p, "case_sensitive", 14))
        *cs = true;
    else if (!(v.n == 16 && !memcmp(v.p, "case_insensitive", 16)) &&
             !(v.n == 7 && !memcmp(v.p, "default", 7)))
        return q_error(q, HUNT_ESEMANTIC, k->off, k->len,
                       "search: kind must be default, case_insensitive or case_sensitive");
    return 0;
}

/* Filters one leg by the predicate rewritten for its schema. */
static op *filter_leg(qctx *q, bind_scope *sc, op *leg, const ast *pred, bool cs)
{
    const ast *p = search_rewrite(q, &leg->schema, pred, cs);
    bexpr *e = bind_scalar(q, sc, &leg->schema, p);
    if (!e)
        return NULL;
    if (e->type == HT_DYNAMIC || e->type == HT_UNKNOWN)
        e = bind_cast(q, e, HT_BOOL);
    if (e->type != HT_BOOL) {
        q_error(q, HUNT_ESEMANTIC, pred->off, pred->len, "search needs a bool predicate, got %s",
                ht_name(e->type));
        return NULL;
    }
    return exec_filter(q, leg, e);
}

typedef struct legset {
    op **legs;
    const char **names;
    int n, cap;
} legset;

static void leg_add(qctx *q, legset *ls, op *o, const char *name)
{
    if (ls->n == ls->cap) {
        int nc = ls->cap ? ls->cap * 2 : 16;
        op **l = arena_alloc(&q->arena, sizeof(op *) * (size_t)nc);
        const char **nm = arena_alloc(&q->arena, sizeof(char *) * (size_t)nc);
        if (ls->n) {
            memcpy(l, ls->legs, sizeof(op *) * (size_t)ls->n);
            memcpy(nm, ls->names, sizeof(char *) * (size_t)ls->n);
        }
        ls->legs = l, ls->names = nm, ls->cap = nc;
    }
    ls->legs[ls->n] = o;
    ls->names[ls->n++] = name;
}

static bool searchable(const htable *t, bool all)
{
    if (!strncmp(t->name, "__invoke_", 9))
        return false;
    return !all || t->nrows > 0;
}

/* The tables to search: the `in (...)` list, or every non-empty table. */
static int collect_tables(qctx *q, bind_scope *sc, const ast *list, legset *ls)
{
    hcatalog *c = q->catalog;
    if (!list) {
        for (int t = 0; t < c->n; t++)
            if (searchable(c->tables[t], true))
                leg_add(q, ls, exec_scan(q, c->tables[t], INT64_MIN, INT64_MAX, -1),
                        c->tables[t]->name);
        return 0;
    }
    for (int i = 0; i < list->nkid; i++) {
        const ast *k = list->kid[i];
        if (k->kind == AST_IDENT && memchr(k->name.p, '*', k->name.n)) {
            char *pat = arena_strndup(&q->arena, k->name.p, k->name.n);
            for (int t = 0; t < c->n; t++)
                if (searchable(c->tables[t], false) && fnmatch(pat, c->tables[t]->name, 0) == 0)
                    leg_add(q, ls, exec_scan(q, c->tables[t], INT64_MIN, INT64_MAX, -1),
                            c->tables[t]->name);
            continue;
        }
        op *o = bind_tabular(q, sc, k);
        if (!o)
            return -1;
        leg_add(q, ls, o,
                k->kind == AST_IDENT ? arena_strndup(&q->arena, k->name.p, k->name.n)
                                     : "search_arg");
    }
    return 0;
}

static htype merge_type(htype a, htype b)
{
    if (a == b)
        return a;
    if (ht_is_numeric(a) && ht_is_numeric(b))
        return a == HT_REAL || b == HT_REAL ? HT_REAL : HT_LONG;
    return HT_STRING;
}

/* Union of the filtered legs with the $table column first. */
static op *union_legs(qctx *q, legset *ls)
{
    hschema out;
    schema_init(&out);
    schema_add(&out, "$table", HT_STRING);
    for (int l = 0; l < ls->n; l++)
        for (int c = 0; c < ls->legs[l]->schema.ncols; c++) {
            const char *nm = ls->legs[l]->schema.names[c];
            htype t = ls->legs[l]->schema.types[c];
            int at = schema_find(&out, nm, strlen(nm));
            if (at < 0)
                schema_add(&out, nm, t);
            else if (at > 0)
                out.types[at] = merge_type(out.types[at], t);
        }
    op *o;
    if (ls->n == 0) {
        o = exec_values(q, table_new("search", &out));
    } else {
        int **map = arena_alloc(&q->arena, sizeof(int *) * (size_t)ls->n);
        for (int l = 0; l < ls->n; l++) {
            map[l] = arena_alloc(&q->arena, sizeof(int) * (size_t)out.ncols);
            map[l][0] = -1;
            for (int c = 1; c < out.ncols; c++)
                map[l][c] = schema_find(&ls->legs[l]->schema, out.names[c], strlen(out.names[c]));
        }
        o = exec_union(q, ls->legs, ls->n, &out, map, "$table", ls->names);
    }
    schema_free(&out);
    return o;
}

/* Filters every leg. A column the predicate names that a leg lacks is null
 * there (pred_cols.c); a leg with none of the predicate's columns is dropped,
 * and so is a leg the predicate can't bind to, unless every leg fails. */
static int filter_legs(qctx *q, bind_scope *sc, legset *ls, const ast *pred, bool cs)
{
    int k = 0, firsterr = 0;
    char msg[sizeof q->err_msg];
    int eoff = 0, elen = 0;
    const hschema **schemas = arena_alloc(&q->arena, sizeof(hschema *) * (size_t)(ls->n + 1));
    for (int l = 0; l < ls->n; l++)
        schemas[l] = &ls->legs[l]->schema;
    pred_cols pc = {0};
    pred_cols_collect(q, schemas, ls->n, pred, &pc);
    for (int l = 0; l < ls->n; l++) {
        if (!pred_cols_any(&ls->legs[l]->schema, &pc))
            continue;
        op *f =
            filter_leg(q, sc, ls->legs[l], pred_cols_fill(q, &ls->legs[l]->schema, &pc, pred), cs);
        if (!f) {
            if (q->err_code != HUNT_ESEMANTIC)
                return -1;
            if (!firsterr) {
                firsterr = q->err_code;
                memcpy(msg, q->err_msg, sizeof msg);
                eoff = q->err_off, elen = q->err_len;
            }
            q->err_code = 0;
            q->err_msg[0] = 0;
            continue;
        }
        ls->legs[k] = f;
        ls->names[k++] = ls->names[l];
    }
    if (k == 0 && firsterr) {
        q_error(q, firsterr, eoff, elen, "%s", msg);
        return -1;
    }
    ls->n = k;
    return 0;
}

op *bind_search(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    bool cs;
    if (search_cs(q, n, &cs) < 0)
        return NULL;
    const ast *pred = n->kid[0];
    const ast *list = n->nkid > 1 ? n->kid[1] : NULL;
    if (in) {
        if (list) {
            q_error(q, HUNT_ESEMANTIC, list->off, list->len,
                    "search: 'in (tables)' can't be used with a piped input");
            return NULL;
        }
        return filter_leg(q, sc, in, pred, cs);
    }
    legset ls = {0};
    if (collect_tables(q, sc, list, &ls) < 0 || filter_legs(q, sc, &ls, pred, cs) < 0)
        return NULL;
    return union_legs(q, &ls);
}
