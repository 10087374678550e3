/* grammar/kql_parse.y — the KQL grammar (lemon, SQLite style).
 *
 * kql.c feeds the tokens of kql_lex (kql_lex.re) to kqlParse one at a time;
 * each rule's action is a one-line call of a small constructor (the static
 * helpers below, over ast.c) that builds the tree of grammar/ast.h in the
 * query's arena, following the child conventions written beside each kind.
 *
 * Shape of the language as parsed here:
 *   script    statements separated by ';' (empty ones allowed): let, set and
 *             query statements.
 *   query     a source (an expression naming a table or calling a tabular
 *             function, datatable, print, range, union, externaldata,
 *             evaluate, search) followed by `| operator` any number of times.
 *             A parenthesised query is a primary expression, so `(T | ...)`
 *             works wherever an expression does (join right sides, in (...)).
 *   expr      or < and < comparisons and string operators < + - < * / % <
 *             unary - + < postfix (.name, [index]) < primary.
 * Bracketed names (['a b'], ["x"]) are parsed here (name rule), not in the
 * lexer, so `x['k']` stays an index.
 * Keywords fall back to identifiers (%fallback) wherever a keyword cannot
 * appear, so columns named kind, count, from, to, on, with ... work. Lemon
 * falls back only when the keyword has no explicit action, so a keyword that
 * is meaningful right after an empty rule (summarize by) gets rules that shift
 * it instead of reducing the empty rule first.
 * Every comparison and string operator is one token (CMP), the in family
 * another (INOP); the operator is read back from the token text.
 */

%name kqlParse
%token_prefix TK_
%token_type {hstr}
%default_type {ast *}
%extra_argument {kql_ctx *ctx}
%stack_size 1000

%syntax_error     { kql_syntax_error(ctx, yymajor, TOKEN); }
%stack_overflow   { kql_stack_overflow(ctx); }

%include {
#include <assert.h>
#include <string.h>
#include "ast.h"
#include "kql_parse.h"

/* The parse state and the helpers that need it live in kql.c. */
typedef struct kql_ctx kql_ctx;
harena *kql_arena(kql_ctx *ctx);
int kql_offset(kql_ctx *ctx, hstr t);
ast *kql_literal(kql_ctx *ctx, int code, hstr t);
htype kql_type(kql_ctx *ctx, hstr t);
int kql_op(hstr t);
void kql_syntax_error(kql_ctx *ctx, int code, hstr t);
void kql_stack_overflow(kql_ctx *ctx);
void kql_accept(kql_ctx *ctx, ast *script);
bool kql_word(kql_ctx *ctx, hstr t, const char *want);
int kql_scan_output(kql_ctx *ctx, hstr kw, hstr v);
ast *kql_declare(kql_ctx *ctx, hstr kw, ast *what, ast *params);

/* No token: a node that takes its span from its children. */
#define NOTOK ((hstr){0, 0})

/* A node of kind k spanning token t. */
static ast *mk(kql_ctx *ctx, ast_kind k, hstr t) {
    return ast_new(kql_arena(ctx), k, kql_offset(ctx, t), (int)t.n);
}

/* Widens n to cover token t. */
static ast *widen(kql_ctx *ctx, ast *n, hstr t) {
    ast_span(n, kql_offset(ctx, t), (int)t.n);
    return n;
}

/* Appends kid (may be NULL) and widens p over it. */
static ast *add(kql_ctx *ctx, ast *p, ast *kid) {
    ast_add(kql_arena(ctx), p, kid);
    if (kid && p->len == 0) {
        p->off = kid->off;
        p->len = kid->len;
    } else if (kid) {
        ast_span(p, kid->off, kid->len);
    }
    return p;
}

/* Appends every child of the AST_LIST l (may be NULL) to p. */
static ast *add_all(kql_ctx *ctx, ast *p, ast *l) {
    for (int i = 0; l && i < l->nkid; i++)
        add(ctx, p, l->kid[i]);
    return p;
}

static ast *list0(kql_ctx *ctx) {
    return ast_new(kql_arena(ctx), AST_LIST, 0, 0);
}

static ast *list1(kql_ctx *ctx, ast *kid) {
    return add(ctx, list0(ctx), kid);
}

/* A node of kind k at token t whose name is the token text. */
static ast *named_tok(kql_ctx *ctx, ast_kind k, hstr t) {
    ast *n = mk(ctx, k, t);
    n->name = t;
    return n;
}

/* A node of kind k at token t with one child. */
static ast *op1(kql_ctx *ctx, ast_kind k, hstr t, ast *kid) {
    return add(ctx, mk(ctx, k, t), kid);
}

/* A node of kind k at token t with two children. */
static ast *op2(kql_ctx *ctx, ast_kind k, hstr t, ast *a, ast *b) {
    return add(ctx, op1(ctx, k, t, a), b);
}

/* A node of kind k at token t whose children are those of list l. */
static ast *opl(kql_ctx *ctx, ast_kind k, hstr t, ast *l) {
    return add_all(ctx, mk(ctx, k, t), l);
}

/* Attaches the option list o (an AST_LIST or NULL) to n. */
static ast *with_opts(ast *n, ast *o) {
    if (o && o->nkid)
        n->opts = o;
    return n;
}

static ast *opts_add(kql_ctx *ctx, ast *l, ast *opt) {
    return add(ctx, l ? l : list0(ctx), opt);
}

/* `name = value` option; name is the option keyword's text. */
static ast *option(kql_ctx *ctx, hstr name, ast *val) {
    return add(ctx, named_tok(ctx, AST_OPTION, name), val);
}

/* The option named by ident node id (`with (title = "x")`). */
static ast *option_id(kql_ctx *ctx, ast *id, ast *val) {
    ast *o = add(ctx, ast_new(kql_arena(ctx), AST_OPTION, id->off, id->len), val);
    o->name = id->name;
    return o;
}

/* Adds a bare value to the last option of l (`ycolumns = a, b`). */
static ast *option_more(kql_ctx *ctx, ast *l, ast *val) {
    add(ctx, l->kid[l->nkid - 1], val);
    ast_span(l, val->off, val->len);
    return l;
}

static ast *ident(kql_ctx *ctx, hstr t) {
    return named_tok(ctx, AST_IDENT, t);
}

/* ['name'] or ["name"]: the string literal s is the name. */
static ast *bracket_ident(kql_ctx *ctx, hstr lb, ast *s, hstr rb) {
    ast *n = widen(ctx, mk(ctx, AST_IDENT, lb), rb);
    n->name = s->str;
    return n;
}

/* Appends text t to the name of ident id (wildcard names: Col*, *_s). */
static ast *name_cat(kql_ctx *ctx, ast *id, hstr t) {
    char *p = arena_alloc(kql_arena(ctx), id->name.n + t.n + 1);
    memcpy(p, id->name.p, id->name.n);
    memcpy(p + id->name.n, t.p, t.n);
    id->name = (hstr){p, id->name.n + t.n};
    return widen(ctx, id, t);
}

static ast *wild_part(kql_ctx *ctx, hstr t) {
    return ident(ctx, t);
}

static ast *wild_join(kql_ctx *ctx, ast *id, ast *part) {
    return name_cat(ctx, id, part->name);
}

/* Adjacent string literals concatenate: "a" "b" is "ab". */
static ast *str_cat(kql_ctx *ctx, ast *s, hstr t) {
    ast *r = kql_literal(ctx, TK_STRING, t);
    char *p = arena_alloc(kql_arena(ctx), s->str.n + r->str.n + 1);
    memcpy(p, s->str.p, s->str.n);
    memcpy(p + s->str.n, r->str.p, r->str.n);
    s->str = (hstr){p, s->str.n + r->str.n};
    return widen(ctx, s, t);
}

static ast *binary(kql_ctx *ctx, int op, ast *l, ast *r) {
    ast *n = ast_new(kql_arena(ctx), AST_BINARY, l->off, l->len);
    n->op = op;
    return add(ctx, add(ctx, n, l), r);
}

static ast *binary_tok(kql_ctx *ctx, hstr op, ast *l, ast *r) {
    return binary(ctx, kql_op(op), l, r);
}

static ast *unary(kql_ctx *ctx, int op, hstr t, ast *e) {
    ast *n = op1(ctx, AST_UNARY, t, e);
    n->op = op;
    return n;
}

/* -N in an option value. */
static ast *negative(kql_ctx *ctx, hstr minus, hstr num) {
    return unary(ctx, OP_NEG, minus, kql_literal(ctx, TK_NUMBER, num));
}

/* lhs in (args), lhs !in~ (args), lhs has_any (args), ... */
static ast *in_expr(kql_ctx *ctx, hstr op, ast *lhs, ast *args, hstr rp) {
    ast *n = ast_new(kql_arena(ctx), AST_IN, lhs->off, lhs->len);
    n->op = kql_op(op);
    return widen(ctx, add_all(ctx, add(ctx, n, lhs), args), rp);
}

static ast *between(kql_ctx *ctx, hstr op, ast *lhs, ast *lo, ast *hi, hstr rp) {
    ast *n = ast_new(kql_arena(ctx), AST_BETWEEN, lhs->off, lhs->len);
    n->op = kql_op(op);
    return widen(ctx, add(ctx, add(ctx, add(ctx, n, lhs), lo), hi), rp);
}

static ast *call(kql_ctx *ctx, ast *fn, ast *args, hstr rp) {
    ast *n = ast_new(kql_arena(ctx), AST_CALL, fn->off, fn->len);
    n->name = fn->name;
    return widen(ctx, add_all(ctx, n, args), rp);
}

static ast *member(kql_ctx *ctx, ast *e, ast *name) {
    ast *n = add(ctx, ast_new(kql_arena(ctx), AST_MEMBER, e->off, e->len), e);
    n->name = name->name;
    ast_span(n, name->off, name->len);
    return n;
}

static ast *index_expr(kql_ctx *ctx, ast *e, ast *i, hstr rb) {
    ast *n = ast_new(kql_arena(ctx), AST_INDEX, e->off, e->len);
    return widen(ctx, add(ctx, add(ctx, n, e), i), rb);
}

static ast *typeof_expr(kql_ctx *ctx, hstr kw, hstr type, hstr rp) {
    ast *n = widen(ctx, mk(ctx, AST_TYPEOF, kw), rp);
    n->type = kql_type(ctx, type);
    return n;
}

/* name = expr */
static ast *named(kql_ctx *ctx, ast *id, ast *e) {
    ast *n = add(ctx, ast_new(kql_arena(ctx), AST_NAMED, id->off, id->len), e);
    n->name = id->name;
    return n;
}

/* (a, b) = expr: kid[0] = expr, kid[1..] = the names */
static ast *named_tuple(kql_ctx *ctx, hstr lp, ast *names, ast *e) {
    return add_all(ctx, add(ctx, mk(ctx, AST_NAMED, lp), e), names);
}

/* An unnamed expression as an AST_NAMED with an empty name (make-series). */
static ast *as_named(kql_ctx *ctx, ast *e) {
    if (e->kind == AST_NAMED)
        return e;
    return add(ctx, ast_new(kql_arena(ctx), AST_NAMED, e->off, e->len), e);
}

static ast *coldef(kql_ctx *ctx, ast *id, hstr type) {
    ast *n = widen(ctx, ast_new(kql_arena(ctx), AST_COLDEF, id->off, id->len), type);
    n->name = id->name;
    n->type = kql_type(ctx, type);
    return n;
}

/* A parse pattern capture without a type: a string column. */
static ast *capture(kql_ctx *ctx, ast *id) {
    ast *n = ast_new(kql_arena(ctx), AST_COLDEF, id->off, id->len);
    n->name = id->name;
    n->type = HT_STRING;
    return n;
}

static ast *param(kql_ctx *ctx, ast *id, hstr type, ast *dflt) {
    ast *n = ast_new(kql_arena(ctx), AST_PARAM, id->off, id->len);
    n->name = id->name;
    n->type = kql_type(ctx, type);
    return add(ctx, add(ctx, widen(ctx, n, type), NULL), dflt);
}

/* T:(a:string) or T:(*) */
static ast *param_tab(kql_ctx *ctx, ast *id, ast *schema, hstr rp) {
    ast *n = ast_new(kql_arena(ctx), AST_PARAM, id->off, id->len);
    n->name = id->name;
    n->op = 1;
    return widen(ctx, add(ctx, add(ctx, n, schema), NULL), rp);
}

static ast *lambda(kql_ctx *ctx, hstr lp, ast *params, ast *body) {
    return add(ctx, add(ctx, mk(ctx, AST_LAMBDA, lp), params), body);
}

static ast *let_stmt(kql_ctx *ctx, hstr kw, ast *id, ast *val) {
    ast *n = add(ctx, mk(ctx, AST_LET, kw), val);
    n->name = id->name;
    return n;
}

static ast *set_stmt(kql_ctx *ctx, hstr kw, ast *id, ast *val) {
    ast *n = add(ctx, widen(ctx, mk(ctx, AST_SET, kw), (hstr){id->name.p, id->name.n}), val);
    n->name = id->name;
    return n;
}

/* Appends a statement; an AST_LIST (declare query_parameters) adds each. */
static ast *script_add(kql_ctx *ctx, ast *s, ast *stmt) {
    if (!s)
        s = ast_new(kql_arena(ctx), AST_SCRIPT, 0, 0);
    if (stmt && stmt->kind == AST_LIST)
        return add_all(ctx, s, stmt);
    return stmt ? add(ctx, s, stmt) : s;
}

/* q | op: a source becomes the head of a new AST_PIPE. */
static ast *pipe_add(kql_ctx *ctx, ast *q, ast *op) {
    if (!q || q->kind != AST_PIPE)
        q = add(ctx, ast_new(kql_arena(ctx), AST_PIPE, q ? q->off : op->off, q ? q->len : 0), q);
    return add(ctx, q, op);
}

static ast *sortkey(kql_ctx *ctx, ast *e, int flags) {
    ast *n = add(ctx, ast_new(kql_arena(ctx), AST_SORTKEY, e->off, e->len), e);
    n->op = flags;
    return n;
}

static ast *sort_op(kql_ctx *ctx, ast_kind k, hstr t, ast *opts, ast *keys) {
    return with_opts(opl(ctx, k, t, keys), opts);
}

static ast *top_op(kql_ctx *ctx, hstr t, ast *count, ast *keys) {
    return add_all(ctx, op1(ctx, AST_TOP, t, count), keys);
}

static ast *summarize(kql_ctx *ctx, hstr t, ast *opts, ast *aggs, ast *by) {
    ast *n = add(ctx, add(ctx, mk(ctx, AST_SUMMARIZE, t), aggs), by);
    return with_opts(n, opts);
}

/* Join keys: `a, b` or `$left.a == $right.b and ...` (and-chains split). */
static void join_key(kql_ctx *ctx, ast *j, ast *e) {
    if (e->kind == AST_BINARY && e->op == OP_AND) {
        join_key(ctx, j, e->kid[0]);
        join_key(ctx, j, e->kid[1]);
    } else {
        add(ctx, j, e);
    }
}

static ast *join_op(kql_ctx *ctx, ast_kind k, hstr t, ast *opts, ast *right, ast *keys) {
    ast *n = op1(ctx, k, t, right);
    for (int i = 0; keys && i < keys->nkid; i++)
        join_key(ctx, n, keys->kid[i]);
    return with_opts(n, opts);
}

static ast *union_op(kql_ctx *ctx, hstr t, ast *opts, ast *legs, int is_op) {
    ast *n = with_opts(opl(ctx, AST_UNION, t, legs), opts);
    n->op = is_op;
    return n;
}

static ast *mvcol(kql_ctx *ctx, ast *e, hstr type) {
    ast *n = add(ctx, ast_new(kql_arena(ctx), AST_MVCOL, e->off, e->len), e);
    if (type.p)
        n->type = kql_type(ctx, type);
    return type.p ? widen(ctx, n, type) : n;
}

/* limit N of mv-expand / mv-apply, kept as an option. */
static ast *limit_opt(kql_ctx *ctx, ast *opts, hstr kw, ast *val) {
    return val ? opts_add(ctx, opts, option(ctx, kw, val)) : opts;
}

/* The options of b (an AST_LIST or NULL) appended to those of a. */
static ast *opts_join(kql_ctx *ctx, ast *a, ast *b) {
    for (int i = 0; b && i < b->nkid; i++)
        a = opts_add(ctx, a, b->kid[i]);
    return a;
}

static ast *mv_expand(kql_ctx *ctx, hstr t, ast *opts, ast *cols) {
    return with_opts(opl(ctx, AST_MV_EXPAND, t, cols), opts);
}

static ast *mv_apply(kql_ctx *ctx, hstr t, ast *opts, ast *cols, ast *sub, hstr rp) {
    ast *n = add(ctx, add(ctx, mk(ctx, AST_MV_APPLY, t), cols), sub);
    return widen(ctx, with_opts(n, opts), rp);
}

/* A sub-query of mv-apply: a pipe without a source. */
static ast *subpipe(kql_ctx *ctx, ast *op) {
    return add(ctx, add(ctx, ast_new(kql_arena(ctx), AST_PIPE, op->off, op->len), NULL), op);
}

static ast *parse_op(kql_ctx *ctx, ast_kind k, hstr t, ast *opts, ast *src, ast *pat) {
    return with_opts(add_all(ctx, op1(ctx, k, t, src), pat), opts);
}

static ast *parse_kv(kql_ctx *ctx, hstr t, ast *e, ast *schema, ast *opts) {
    return with_opts(add(ctx, op1(ctx, AST_PARSE_KV, t, e), schema), opts);
}

/* make-series: aggs, axis, then range = LIST [from, to, step], by keys. */
static ast *make_series(kql_ctx *ctx, hstr t, ast *opts, ast *aggs, ast *axis, ast *range,
                        ast *by) {
    ast *n = add(ctx, add(ctx, mk(ctx, AST_MAKE_SERIES, t), aggs), axis);
    return with_opts(add(ctx, add_all(ctx, n, range), by ? by : list0(ctx)), opts);
}

static ast *range3(kql_ctx *ctx, ast *from, ast *to, ast *step) {
    return add(ctx, add(ctx, add(ctx, list0(ctx), from), to), step);
}

static ast *series_agg(kql_ctx *ctx, ast *e, ast *dflt) {
    return dflt ? add(ctx, as_named(ctx, e), dflt) : as_named(ctx, e);
}

static ast *top_nested(kql_ctx *ctx, hstr t, ast *count, ast *of, ast *by) {
    ast *l = widen(ctx, add(ctx, add(ctx, list1(ctx, count), of), by), t);
    return l;
}

static ast *top_hitters(kql_ctx *ctx, hstr t, ast *count, ast *of, ast *by) {
    return add(ctx, add(ctx, op1(ctx, AST_TOP_HITTERS, t, count), of), by);
}

static ast *named_op(kql_ctx *ctx, ast_kind k, hstr t, ast *id, ast *opts) {
    ast *n = with_opts(mk(ctx, k, t), opts);
    n->name = id->name;
    ast_span(n, id->off, id->len);
    return n;
}

static ast *evaluate(kql_ctx *ctx, hstr t, ast *opts, ast *c) {
    ast *n = with_opts(add_all(ctx, mk(ctx, AST_EVALUATE, t), c), opts);
    n->name = c->name;
    ast_span(n, c->off, c->len);
    return n;
}

static ast *search(kql_ctx *ctx, hstr t, ast *opts, ast *tables, ast *pred, int is_op) {
    ast *n = with_opts(add(ctx, add(ctx, mk(ctx, AST_SEARCH, t), pred), tables), opts);
    n->op = is_op;
    return n;
}

/* find: an AST_SEARCH with op 2; kid[2] = project list (NULL: project-smart). */
static ast *find_src(kql_ctx *ctx, hstr t, ast *opts, ast *tables, ast *pred, ast *proj) {
    return add(ctx, search(ctx, t, opts, tables, pred, 2), proj);
}

/* partition by Col ( subquery ) (braces = 0) or { query } (braces = 1) */
static ast *partition_op(kql_ctx *ctx, hstr t, ast *opts, ast *col, ast *sub, hstr rp, int braces) {
    ast *n = widen(ctx, with_opts(op2(ctx, AST_PARTITION, t, col, sub), opts), rp);
    n->op = braces;
    return n;
}

static ast *datatable(kql_ctx *ctx, ast_kind k, hstr t, ast *schema, ast *vals, hstr rb) {
    return widen(ctx, add_all(ctx, op1(ctx, k, t, schema), vals), rb);
}

static ast *range_src(kql_ctx *ctx, hstr t, ast *id, ast *from, ast *to, ast *step) {
    ast *n = add(ctx, add(ctx, add(ctx, mk(ctx, AST_RANGE, t), from), to), step);
    n->name = id->name;
    return n;
}

static ast *star(kql_ctx *ctx, hstr t) {
    return mk(ctx, AST_STAR, t);
}

/* scan: the node starts with its three (empty) clause lists; the clauses
 * after `scan` fill them in any order, then `with (steps)` appends steps. */
static ast *scan_new(kql_ctx *ctx, hstr t) {
    return add(ctx, add(ctx, add(ctx, mk(ctx, AST_SCAN, t), list0(ctx)), list0(ctx)), list0(ctx));
}

/* with_match_id = Name */
static ast *scan_match_id(kql_ctx *ctx, ast *s, hstr kw, ast *name) {
    kql_word(ctx, kw, "with_match_id");
    s->opts = opts_add(ctx, s->opts, option(ctx, kw, name));
    return widen(ctx, s, kw);
}

/* order by (which = 1), partition by (2), declare (0): items of l into kid[which] */
static ast *scan_clause(kql_ctx *ctx, ast *s, int which, hstr kw, const char *word, ast *l) {
    if (word)
        kql_word(ctx, kw, word);
    add_all(ctx, s->kid[which], l);
    if (l && l->len)
        ast_span(s, l->off, l->len);
    return widen(ctx, s, kw);
}

static ast *scan_op(kql_ctx *ctx, ast *s, ast *steps, hstr rp) {
    return widen(ctx, add_all(ctx, s, steps), rp);
}

/* step Name [output = v]: Condition [=> a = x, ...] */
static ast *scan_step(kql_ctx *ctx, hstr kw, ast *name, int out, ast *cond, ast *assigns) {
    ast *n = add_all(ctx, op1(ctx, AST_SCAN_STEP, kw, cond), assigns);
    n->name = name->name;
    n->op = out;
    return n;
}
}

/* ---- tokens ------------------------------------------------------------ */

/* Token codes in a fixed order; the class tokens the lexer reports as
 * errors (ILLEGAL, UNTERM, UNSUPOP) never reach the parser. */
%token ID STRING NUMBER TIMESPAN TYPEDLIT TRUE FALSE WILD OPTKW
       BAR SEMI COMMA LP RP LBRACKET RBRACKET LBRACE RBRACE DOT DOTDOT COLON ASSIGN
       ILLEGAL UNTERM UNSUPOP ARROW.

%fallback ID
    LET SET VIEW WHERE PROJECT EXTEND TAKE LIMIT COUNT SORT BY TOP DISTINCT SUMMARIZE
    JOIN LOOKUP UNION PARSE SERIALIZE AS RENDER GETSCHEMA INVOKE SAMPLE SEARCH EVALUATE
    PRINT RANGE DATATABLE EXTERNALDATA ON WITH OF FROM TO STEP ASC DESC NULLS FIRST LAST
    OPTKW DEFAULT OTHERS REGEX MATCHES TYPEOF SCAN REDUCE.

%left OR.
%left AND.
%left CMP INOP BETWEEN MATCHES.
%left PLUS MINUS.
%left STAR SLASH PERCENT.
%right UMINUS.

/* ---- statements ---------------------------------------------------------- */

input ::= script(S).                                 { kql_accept(ctx, S); }

script(A) ::= stmt_opt(S).                           { A = script_add(ctx, NULL, S); }
script(A) ::= script(L) SEMI stmt_opt(S).            { A = script_add(ctx, L, S); }

stmt_opt(A) ::= .                                    { A = NULL; }
stmt_opt(A) ::= stmt(S).                             { A = S; }

stmt(A) ::= LET(K) name(N) ASSIGN letval(V).         { A = let_stmt(ctx, K, N, V); }
stmt(A) ::= SET(K) name(N).                          { A = set_stmt(ctx, K, N, NULL); }
stmt(A) ::= SET(K) name(N) ASSIGN expr(V).           { A = set_stmt(ctx, K, N, V); }
stmt(A) ::= query(Q).                                { A = Q; }
/* declare query_parameters(...): DECLARE comes from kql.c (declare_word) */
stmt(A) ::= DECLARE(K) name(Q) LP paramlist(L) RP.   { A = kql_declare(ctx, K, Q, L); }

letval(A) ::= query(Q).                              { A = Q; }
letval(A) ::= LP(L) params(P) RP body(B).            { A = lambda(ctx, L, P, B); }
letval(A) ::= VIEW(L) LP params(P) RP body(B).       { A = lambda(ctx, L, P, B); }

body(A) ::= LBRACE script(S) RBRACE.                 { A = S; }

params(A) ::= .                                      { A = list0(ctx); }
params(A) ::= paramlist(L).                          { A = L; }
paramlist(A) ::= param(P).                           { A = list1(ctx, P); }
paramlist(A) ::= paramlist(L) COMMA param(P).        { A = add(ctx, L, P); }

param(A) ::= name(N) COLON type(T).                  { A = param(ctx, N, T, NULL); }
param(A) ::= name(N) COLON type(T) ASSIGN expr(D).   { A = param(ctx, N, T, D); }
param(A) ::= name(N) COLON LP schema(S) RP(R).       { A = param_tab(ctx, N, S, R); }
param(A) ::= name(N) COLON LP STAR(S) RP(R).         { A = param_tab(ctx, N, star(ctx, S), R); }

%type type {hstr}
type(A) ::= ID(T).                                   { A = T; }

schema(A) ::= coldef(C).                             { A = op1(ctx, AST_SCHEMA, NOTOK, C); }
schema(A) ::= schema(L) COMMA coldef(C).             { A = add(ctx, L, C); }
schema(A) ::= schema(L) COMMA.                       { A = L; }
coldef(A) ::= name(N) COLON type(T).                 { A = coldef(ctx, N, T); }

/* ---- queries ---------------------------------------------------------------- */

query(A) ::= source(S).                              { A = S; }
query(A) ::= expr(E).                                { A = E; }
query(A) ::= query(Q) BAR op(O).                     { A = pipe_add(ctx, Q, O); }

source(A) ::= DATATABLE(K) LP schema(S) RP LBRACKET values(V) RBRACKET(R).
                                    { A = datatable(ctx, AST_DATATABLE, K, S, V, R); }
source(A) ::= EXTERNALDATA(K) LP schema(S) RP LBRACKET values(V) RBRACKET(R) withopts(W).
                        { A = with_opts(datatable(ctx, AST_EXTERNALDATA, K, S, V, R), W); }
source(A) ::= PRINT(K) namedlist(L).                 { A = opl(ctx, AST_PRINT, K, L); }
source(A) ::= RANGE(K) name(N) FROM expr(F) TO expr(T) STEP expr(S).
                                                     { A = range_src(ctx, K, N, F, T, S); }
source(A) ::= UNION(K) opts(O) legs(L).              { A = union_op(ctx, K, O, L, 0); }
source(A) ::= EVALUATE(K) opts(O) call(C) evalschema. { A = evaluate(ctx, K, O, C); }
source(A) ::= SEARCH(K) opts(O) searchin(I) expr(P). { A = search(ctx, K, O, I, P, 0); }
source(A) ::= FIND(K) opts(O) INOP LP legs(I) RP WHERE expr(P) findproj(J).
                                                     { A = find_src(ctx, K, O, I, P, J); }
source(A) ::= FIND(K) opts(O) WHERE expr(P) findproj(J). { A = find_src(ctx, K, O, NULL, P, J); }
source(A) ::= FIND(K) opts(O) expr(P) findproj(J).   { A = find_src(ctx, K, O, NULL, P, J); }

/* find [withsource=C] [in (T, ...)] where P [project-smart | project c[:type], ..., pack_all()]
 * (WHERE is shifted by its own rule: after an empty rule, lemon would take it as a name) */
findproj(A) ::= .                                    { A = NULL; }
findproj(A) ::= PROJECT_SMART.                       { A = NULL; }
findproj(A) ::= PROJECT findcols(L).                 { A = L; }
findcols(A) ::= findcol(C).                          { A = list1(ctx, C); }
findcols(A) ::= findcols(L) COMMA findcol(C).        { A = add(ctx, L, C); }
findcol(A) ::= name(N).                              { A = N; }
findcol(A) ::= name(N) COLON type(T).                { A = coldef(ctx, N, T); }
findcol(A) ::= call(C).                              { A = C; }

values(A) ::= .                                      { A = NULL; }
values(A) ::= exprlist(L).                           { A = L; }
values(A) ::= exprlist(L) COMMA.                     { A = L; }

legs(A) ::= leg(E).                                  { A = list1(ctx, E); }
legs(A) ::= legs(L) COMMA leg(E).                    { A = add(ctx, L, E); }
leg(A) ::= expr(E).                                  { A = E; }
leg(A) ::= WILD(T).                                  { A = ident(ctx, T); }

searchin(A) ::= .                                    { A = NULL; }
searchin(A) ::= INOP LP wildlist(L) RP.              { A = L; }

/* ---- tabular operators --------------------------------------------------- */

op(A) ::= WHERE(K) expr(E).                          { A = op1(ctx, AST_WHERE, K, E); }
/* `where Name = expr` is no comparison: Kusto parses a named expression and
 * filters on expr alone, the name dropped (`where IsBillable = true` keeps
 * every row). Parsed the same way here; the name stays on the node so that
 * hunt_query can warn about it. */
op(A) ::= WHERE(K) name(N) ASSIGN expr(E).           { A = op1(ctx, AST_WHERE, K, E); A->name = N->name; }
op(A) ::= PROJECT(K) namedlist(L).                   { A = opl(ctx, AST_PROJECT, K, L); }
op(A) ::= EXTEND(K) namedlist(L).                    { A = opl(ctx, AST_EXTEND, K, L); }
op(A) ::= PROJECT_AWAY(K) wildlist(L).               { A = opl(ctx, AST_PROJECT_AWAY, K, L); }
op(A) ::= PROJECT_KEEP(K) wildlist(L).               { A = opl(ctx, AST_PROJECT_KEEP, K, L); }
op(A) ::= PROJECT_RENAME(K) renames(L).              { A = opl(ctx, AST_PROJECT_RENAME, K, L); }
op(A) ::= PROJECT_REORDER(K) reorders(L).            { A = opl(ctx, AST_PROJECT_REORDER, K, L); }
op(A) ::= TAKE(K) expr(E).                           { A = op1(ctx, AST_TAKE, K, E); }
op(A) ::= LIMIT(K) expr(E).                          { A = op1(ctx, AST_TAKE, K, E); }
op(A) ::= COUNT(K).                                  { A = mk(ctx, AST_COUNT, K); }
op(A) ::= COUNT(K) AS name(N).                       { A = named_op(ctx, AST_COUNT, K, N, NULL); }
op(A) ::= SORT(K) opts(O) BY sortkeys(L).            { A = sort_op(ctx, AST_SORT, K, O, L); }
op(A) ::= TOP(K) expr(E) BY sortkeys(L).             { A = top_op(ctx, K, E, L); }
op(A) ::= DISTINCT(K) opts(O) namedlist(L).          { A = sort_op(ctx, AST_DISTINCT, K, O, L); }
op(A) ::= SUMMARIZE(K) opts(O) namedlist(G).         { A = summarize(ctx, K, O, G, list0(ctx)); }
op(A) ::= SUMMARIZE(K) opts(O) namedlist(G) BY namedlist(B).
                                                     { A = summarize(ctx, K, O, G, B); }
op(A) ::= SUMMARIZE(K) opts(O) BY namedlist(B).      { A = summarize(ctx, K, O, list0(ctx), B); }
op(A) ::= JOIN(K) opts(O) expr(R) joinon(J).         { A = join_op(ctx, AST_JOIN, K, O, R, J); }
op(A) ::= LOOKUP(K) opts(O) expr(R) joinon(J).       { A = join_op(ctx, AST_LOOKUP, K, O, R, J); }
op(A) ::= UNION(K) opts(O) legs(L).                  { A = union_op(ctx, K, O, L, 1); }
op(A) ::= MV_EXPAND(K) opts(O) mvcols(L) LIMIT(M) expr(N).
                                    { A = mv_expand(ctx, K, limit_opt(ctx, O, M, N), L); }
op(A) ::= MV_EXPAND(K) opts(O) mvcols(L).            { A = mv_expand(ctx, K, O, L); }
op(A) ::= MV_APPLY(K) opts(O) mvcols(L) mvlimit(M) ON LP subquery(S) RP(R).
                                    { A = mv_apply(ctx, K, opts_join(ctx, O, M), L, S, R); }
op(A) ::= PARSE(K) opts(O) expr(E) WITH pattern(P).  { A = parse_op(ctx, AST_PARSE, K, O, E, P); }
op(A) ::= PARSE_WHERE(K) opts(O) expr(E) WITH pattern(P).
                                    { A = parse_op(ctx, AST_PARSE_WHERE, K, O, E, P); }
op(A) ::= PARSE_KV(K) expr(E) AS LP schema(S) RP withopts(W).
                                                     { A = parse_kv(ctx, K, E, S, W); }
op(A) ::= MAKE_SERIES(K) opts(O) seriesaggs(G) ON expr(X) seriesrange(R) bykeys(B).
                                    { A = make_series(ctx, K, O, G, X, R, B); }
op(A) ::= SERIALIZE(K).                              { A = mk(ctx, AST_SERIALIZE, K); }
op(A) ::= SERIALIZE(K) namedlist(L).                 { A = opl(ctx, AST_SERIALIZE, K, L); }
op(A) ::= AS(K) opts(O) name(N).                     { A = named_op(ctx, AST_AS, K, N, O); }
op(A) ::= RENDER(K) name(N) withopts(W).             { A = named_op(ctx, AST_RENDER, K, N, W); }
op(A) ::= RENDER(K) name(N) rlist(W).                { A = named_op(ctx, AST_RENDER, K, N, W); }
op(A) ::= RENDER(K) name(N) rlist(W) WITH LP wlist(L) RP.
                                    { A = named_op(ctx, AST_RENDER, K, N, opts_join(ctx, W, L)); }
op(A) ::= GETSCHEMA(K).                              { A = mk(ctx, AST_GETSCHEMA, K); }
op(A) ::= INVOKE(K) call(C).                         { A = op1(ctx, AST_INVOKE, K, C); }
op(A) ::= SAMPLE(K) expr(E).                         { A = op1(ctx, AST_SAMPLE, K, E); }
op(A) ::= SAMPLE_DISTINCT(K) expr(N) OF expr(E).     { A = op2(ctx, AST_SAMPLE_DISTINCT, K, N, E); }
op(A) ::= nestedlist(L).                             { A = L; }
op(A) ::= TOP_HITTERS(K) expr(N) OF expr(E).         { A = top_hitters(ctx, K, N, E, NULL); }
op(A) ::= TOP_HITTERS(K) expr(N) OF expr(E) BY expr(B). { A = top_hitters(ctx, K, N, E, B); }
op(A) ::= SEARCH(K) opts(O) searchin(I) expr(P).     { A = search(ctx, K, O, I, P, 1); }
op(A) ::= EVALUATE(K) opts(O) call(C) evalschema.    { A = evaluate(ctx, K, O, C); }
op(A) ::= scanhead(H) WITH LP scansteps(S) RP(R).    { A = scan_op(ctx, H, S, R); }
op(A) ::= PROJECT_BY_NAMES(K) exprlist(L).           { A = opl(ctx, AST_PROJECT_BY_NAMES, K, L); }
op(A) ::= PARTITION(K) opts(O) BY name(C) LP subquery(S) RP(R).
                                    { A = partition_op(ctx, K, O, C, S, R, 0); }
op(A) ::= PARTITION(K) opts(O) BY name(C) LBRACE query(Q) RBRACE(R).
                                    { A = partition_op(ctx, K, O, C, Q, R, 1); }
op(A) ::= REDUCE(K) opts(O) BY expr(E) reducewith(W).
                                    { A = with_opts(op1(ctx, AST_REDUCE, K, E), opts_join(ctx, O, W)); }

/* scan [with_match_id = Id] [order by ...] [partition by ...] [declare (...)]
 * with (step ...; ...): with_match_id, partition and declare are identifiers
 * checked by the actions, so they stay usable as names elsewhere. */
scanhead(A) ::= SCAN(K).                             { A = scan_new(ctx, K); }
scanhead(A) ::= scanhead(H) ID(K) ASSIGN name(N).    { A = scan_match_id(ctx, H, K, N); }
scanhead(A) ::= scanhead(H) SORT(K) BY sortkeys(L).  { A = scan_clause(ctx, H, 1, K, NULL, L); }
scanhead(A) ::= scanhead(H) ID(K) BY exprlist(L).    { A = scan_clause(ctx, H, 2, K, "partition", L); }
scanhead(A) ::= scanhead(H) ID(K) LP paramlist(L) RP.
                                    { A = scan_clause(ctx, H, 0, K, "declare", L); }
scansteps(A) ::= scanstep(S).                        { A = list1(ctx, S); }
scansteps(A) ::= scansteps(L) SEMI scanstep(S).      { A = add(ctx, L, S); }
scansteps(A) ::= scansteps(L) SEMI.                  { A = L; }
scanstep(A) ::= STEP(K) name(N) stepout(O) COLON expr(C) stepassigns(X).
                                                     { A = scan_step(ctx, K, N, O, C, X); }
%type stepout {int}
stepout(A) ::= .                                     { A = SCAN_OUT_ALL; }
stepout(A) ::= ID(K) ASSIGN name(V).                 { A = kql_scan_output(ctx, K, V->name); }
stepassigns(A) ::= .                                 { A = NULL; }
stepassigns(A) ::= ARROW assigns(L).                 { A = L; }
assigns(A) ::= name(N) ASSIGN expr(E).               { A = list1(ctx, named(ctx, N, E)); }
assigns(A) ::= assigns(L) COMMA name(N) ASSIGN expr(E). { A = add(ctx, L, named(ctx, N, E)); }

/* reduce ... with threshold = 0.1, characters = "," */
reducewith(A) ::= .                                  { A = NULL; }
reducewith(A) ::= WITH reducelist(L).                { A = L; }
reducelist(A) ::= witem(O).                          { A = list1(ctx, O); }
reducelist(A) ::= reducelist(L) COMMA witem(O).      { A = add(ctx, L, O); }

/* The output schema of a plugin, `: (a:string, ...)`, is accepted and dropped. */
evalschema ::= .
evalschema ::= COLON LP schema RP.
evalschema ::= COLON LP STAR COMMA schema RP.

/* options: kind=inner hint.strategy=broadcast withsource=T isfuzzy=true ... */
opts(A) ::= .                                        { A = NULL; }
opts(A) ::= opts(L) OPTKW(K) ASSIGN optval(V).       { A = opts_add(ctx, L, option(ctx, K, V)); }

optval(A) ::= name(N).                               { A = N; }
optval(A) ::= STRING(T).                             { A = kql_literal(ctx, TK_STRING, T); }
optval(A) ::= NUMBER(T).                             { A = kql_literal(ctx, TK_NUMBER, T); }
optval(A) ::= TIMESPAN(T).                           { A = kql_literal(ctx, TK_TIMESPAN, T); }
optval(A) ::= TRUE(T).                               { A = kql_literal(ctx, TK_TRUE, T); }
optval(A) ::= FALSE(T).                              { A = kql_literal(ctx, TK_FALSE, T); }
optval(A) ::= TYPEDLIT(T).                           { A = kql_literal(ctx, TK_TYPEDLIT, T); }

/* with (name = value, ...) of render, parse-kv, externaldata */
withopts(A) ::= .                                    { A = NULL; }
withopts(A) ::= WITH LP wlist(L) RP.                 { A = L; }
wlist(A) ::= witem(O).                               { A = list1(ctx, O); }
wlist(A) ::= wlist(L) COMMA witem(O).                { A = add(ctx, L, O); }
wlist(A) ::= wlist(L) COMMA name(N).                 { A = option_more(ctx, L, N); }
witem(A) ::= name(N) ASSIGN optval(V).               { A = option_id(ctx, N, V); }
witem(A) ::= name(N) ASSIGN MINUS(M) NUMBER(T).      { A = option_id(ctx, N, negative(ctx, M, T)); }

/* legacy render options without with (...), in any order: render timechart
 * kind=stacked title="t", and the deprecated `by` column list (render
 * piechart by Col1, Col2), kept as the option `by` with the columns. */
rlist(A) ::= ritem(O).                               { A = list1(ctx, O); }
rlist(A) ::= rlist(L) ritem(O).                      { A = add(ctx, L, O); }
ritem(A) ::= witem(O).                               { A = O; }
ritem(A) ::= BY(K) rbycols(L).
                                    { A = add_all(ctx, named_tok(ctx, AST_OPTION, K), L); }
rbycols(A) ::= name(N).                              { A = list1(ctx, N); }
rbycols(A) ::= rbycols(L) COMMA name(N).             { A = add(ctx, L, N); }

wildlist(A) ::= wild(W).                             { A = list1(ctx, W); }
wildlist(A) ::= wildlist(L) COMMA wild(W).           { A = add(ctx, L, W); }
wild(A) ::= wpart(P).                                { A = P; }
wild(A) ::= wild(W) wpart(P).                        { A = wild_join(ctx, W, P); }
wpart(A) ::= name(N).                                { A = N; }
wpart(A) ::= STAR(T).                                { A = wild_part(ctx, T); }
wpart(A) ::= WILD(T).                                { A = wild_part(ctx, T); }
wpart(A) ::= NUMBER(T).                              { A = wild_part(ctx, T); }

renames(A) ::= rename(R).                            { A = list1(ctx, R); }
renames(A) ::= renames(L) COMMA rename(R).           { A = add(ctx, L, R); }
rename(A) ::= name(N) ASSIGN name(O).                { A = named(ctx, N, O); }

reorders(A) ::= reorder(R).                          { A = list1(ctx, R); }
reorders(A) ::= reorders(L) COMMA reorder(R).        { A = add(ctx, L, R); }
reorder(A) ::= wild(W) sortdir(D).                   { A = sortkey(ctx, W, D); }

sortkeys(A) ::= sortkey(K).                          { A = list1(ctx, K); }
sortkeys(A) ::= sortkeys(L) COMMA sortkey(K).        { A = add(ctx, L, K); }
sortkey(A) ::= expr(E) sortdir(D) nulls(N).          { A = sortkey(ctx, E, D | N); }

%type sortdir {int}
sortdir(A) ::= .                                     { A = 0; }
sortdir(A) ::= ASC.                                  { A = SORT_ASC; }
sortdir(A) ::= DESC.                                 { A = SORT_DESC; }
%type nulls {int}
nulls(A) ::= .                                       { A = 0; }
nulls(A) ::= NULLS FIRST.                            { A = SORT_NULLS_FIRST; }
nulls(A) ::= NULLS LAST.                             { A = SORT_NULLS_LAST; }

bykeys(A) ::= .                                      { A = list0(ctx); }
bykeys(A) ::= BY namedlist(L).                       { A = L; }

joinon(A) ::= .                                      { A = NULL; }
joinon(A) ::= ON exprlist(L).                        { A = L; }

mvcols(A) ::= mvcol(C).                              { A = list1(ctx, C); }
mvcols(A) ::= mvcols(L) COMMA mvcol(C).              { A = add(ctx, L, C); }
mvcol(A) ::= named(E).                               { A = mvcol(ctx, E, NOTOK); }
mvcol(A) ::= named(E) TO TYPEOF LP type(T) RP.       { A = mvcol(ctx, E, T); }

mvlimit(A) ::= .                                     { A = NULL; }
mvlimit(A) ::= LIMIT(K) expr(E).                     { A = list1(ctx, option(ctx, K, E)); }

subquery(A) ::= op(O).                               { A = subpipe(ctx, O); }
subquery(A) ::= BAR op(O).                           { A = subpipe(ctx, O); }
subquery(A) ::= subquery(Q) BAR op(O).               { A = pipe_add(ctx, Q, O); }

pattern(A) ::= pitem(P).                             { A = list1(ctx, P); }
pattern(A) ::= pattern(L) pitem(P).                  { A = add(ctx, L, P); }
pitem(A) ::= STRING(T).                              { A = kql_literal(ctx, TK_STRING, T); }
pitem(A) ::= STAR(T).                                { A = star(ctx, T); }
pitem(A) ::= name(N).                                { A = capture(ctx, N); }
pitem(A) ::= name(N) COLON type(T).                  { A = coldef(ctx, N, T); }

seriesaggs(A) ::= seriesagg(G).                      { A = list1(ctx, G); }
seriesaggs(A) ::= seriesaggs(L) COMMA seriesagg(G).  { A = add(ctx, L, G); }
seriesagg(A) ::= named(E).                           { A = series_agg(ctx, E, NULL); }
seriesagg(A) ::= named(E) DEFAULT ASSIGN expr(D).    { A = series_agg(ctx, E, D); }

seriesrange(A) ::= seriesfrom(F) seriesto(T) STEP expr(S).  { A = range3(ctx, F, T, S); }
seriesrange(A) ::= INOP ID LP expr(F) COMMA expr(T) COMMA expr(S) RP.
                                                     { A = range3(ctx, F, T, S); }
seriesfrom(A) ::= .                                  { A = NULL; }
seriesfrom(A) ::= FROM expr(E).                      { A = E; }
seriesto(A) ::= .                                    { A = NULL; }
seriesto(A) ::= TO expr(E).                          { A = E; }

nestedlist(A) ::= nested(C).                         { A = op1(ctx, AST_TOP_NESTED, NOTOK, C); }
nestedlist(A) ::= nestedlist(L) COMMA nested(C).     { A = add(ctx, L, C); }
nested(A) ::= TOP_NESTED(K) expr(N) OF named(E) nestothers BY named(B) sortdir nulls.
                                                     { A = top_nested(ctx, K, N, E, B); }
nested(A) ::= TOP_NESTED(K) OF named(E) nestothers BY named(B) sortdir nulls.
                                                     { A = top_nested(ctx, K, NULL, E, B); }
nestothers ::= .
nestothers ::= WITH OTHERS ASSIGN expr.

/* ---- expressions -------------------------------------------------------- */

named(A) ::= expr(E).                                { A = E; }
named(A) ::= name(N) ASSIGN expr(E).                 { A = named(ctx, N, E); }
named(A) ::= LP(L) namelist(N) RP ASSIGN expr(E).    { A = named_tuple(ctx, L, N, E); }
namelist(A) ::= name(X) COMMA name(Y).               { A = add(ctx, list1(ctx, X), Y); }
namelist(A) ::= namelist(L) COMMA name(N).           { A = add(ctx, L, N); }

namedlist(A) ::= named(E).                           { A = list1(ctx, E); }
namedlist(A) ::= namedlist(L) COMMA named(E).        { A = add(ctx, L, E); }

exprlist(A) ::= expr(E).                             { A = list1(ctx, E); }
exprlist(A) ::= exprlist(L) COMMA expr(E).           { A = add(ctx, L, E); }

expr(A) ::= postfix(P).                              { A = P; }
expr(A) ::= MINUS(T) expr(E). [UMINUS]               { A = unary(ctx, OP_NEG, T, E); }
expr(A) ::= PLUS(T) expr(E). [UMINUS]                { A = unary(ctx, OP_PLUS, T, E); }
expr(A) ::= expr(L) OR expr(R).                      { A = binary(ctx, OP_OR, L, R); }
expr(A) ::= expr(L) AND expr(R).                     { A = binary(ctx, OP_AND, L, R); }
expr(A) ::= expr(L) CMP(O) expr(R).                  { A = binary_tok(ctx, O, L, R); }
expr(A) ::= expr(L) MATCHES REGEX expr(R).           { A = binary(ctx, OP_MATCHES, L, R); }
expr(A) ::= expr(L) PLUS expr(R).                    { A = binary(ctx, OP_ADD, L, R); }
expr(A) ::= expr(L) MINUS expr(R).                   { A = binary(ctx, OP_SUB, L, R); }
expr(A) ::= expr(L) STAR expr(R).                    { A = binary(ctx, OP_MUL, L, R); }
expr(A) ::= expr(L) SLASH expr(R).                   { A = binary(ctx, OP_DIV, L, R); }
expr(A) ::= expr(L) PERCENT expr(R).                 { A = binary(ctx, OP_MOD, L, R); }
expr(A) ::= expr(L) INOP(O) LP args(X) RP(R).        { A = in_expr(ctx, O, L, X, R); }
expr(A) ::= expr(L) BETWEEN(O) LP expr(X) DOTDOT expr(Y) RP(R).
                                                     { A = between(ctx, O, L, X, Y, R); }

postfix(A) ::= primary(P).                           { A = P; }
postfix(A) ::= postfix(E) DOT name(N).               { A = member(ctx, E, N); }
postfix(A) ::= postfix(E) LBRACKET expr(I) RBRACKET(R). { A = index_expr(ctx, E, I, R); }
postfix(A) ::= postfix(E) DOT LBRACKET NUMBER(I) RBRACKET(R).
                                    { A = index_expr(ctx, E, kql_literal(ctx, TK_NUMBER, I), R); }
postfix(A) ::= postfix(E) DOT LBRACKET ID(I) RBRACKET(R).
                                                     { A = index_expr(ctx, E, ident(ctx, I), R); }

primary(A) ::= name(N).                              { A = N; }
primary(A) ::= call(C).                              { A = C; }
primary(A) ::= strlit(S).                            { A = S; }
primary(A) ::= NUMBER(T).                            { A = kql_literal(ctx, TK_NUMBER, T); }
primary(A) ::= TIMESPAN(T).                          { A = kql_literal(ctx, TK_TIMESPAN, T); }
primary(A) ::= TYPEDLIT(T).                          { A = kql_literal(ctx, TK_TYPEDLIT, T); }
primary(A) ::= TRUE(T).                              { A = kql_literal(ctx, TK_TRUE, T); }
primary(A) ::= FALSE(T).                             { A = kql_literal(ctx, TK_FALSE, T); }
primary(A) ::= TYPEOF(K) LP type(T) RP(R).           { A = typeof_expr(ctx, K, T, R); }
primary(A) ::= STAR(T).                              { A = star(ctx, T); }
primary(A) ::= LP(L) query(Q) RP(R).                 { A = widen(ctx, widen(ctx, Q, L), R); }

call(A) ::= name(N) LP args(X) RP(R).                { A = call(ctx, N, X, R); }

strlit(A) ::= STRING(T).                             { A = kql_literal(ctx, TK_STRING, T); }
strlit(A) ::= strlit(S) STRING(T).                   { A = str_cat(ctx, S, T); }

name(A) ::= ID(T).                                   { A = ident(ctx, T); }
name(A) ::= LBRACKET(L) strlit(S) RBRACKET(R).       { A = bracket_ident(ctx, L, S, R); }

/* Call arguments: expressions, `*`, `name = value`, or one tabular expression
 * as the only argument (toscalar(T | count), x in (T | project y),
 * materialize(union A, B)); a tabular argument among others needs parens. */
args(A) ::= .                                        { A = NULL; }
args(A) ::= arglist(L).                              { A = L; }
args(A) ::= tabarg(Q).                               { A = list1(ctx, Q); }
tabarg(A) ::= source(S).                             { A = S; }
arglist(A) ::= arg(E).                               { A = list1(ctx, E); }
arglist(A) ::= arglist(L) COMMA arg(E).              { A = add(ctx, L, E); }
arg(A) ::= expr(E).                                  { A = E; }
arg(A) ::= name(N) ASSIGN expr(E).                   { A = named(ctx, N, E); }
tabarg(A) ::= expr(E) BAR op(O).                     { A = pipe_add(ctx, E, O); }
tabarg(A) ::= tabarg(Q) BAR op(O).                   { A = pipe_add(ctx, Q, O); }
