/* engine/bind.c — from syntax tree to typed plan.
 *
 * The binder resolves every name (columns of the operator's input, let
 * symbols in the scope chain, tables of the catalog, functions), checks and
 * infers types, inserts the casts KQL's promotion rules imply, folds constant
 * sub-expressions, and builds the operator tree. Errors name the position of
 * the offending node. Nothing here touches data, except constant folding and
 * the literal table of datatable. `set` statements keep the options the
 * binder reads (bin_auto's); assert() is checked here.
 *
 * Tabular lets and user functions are bound where they are used (like
 * views), in the scope where they were defined.
 */
#include "agg.h"
#include "commands.h"
#include "result_name.h"
#include "../grammar/kql.h"

#include <ctype.h>
#include <fnmatch.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { SYM_SCALAR, SYM_TABULAR, SYM_FUNC } sym_kind;

typedef struct sym {
    hstr name;
    sym_kind kind;
    bexpr *scalar;        /* SYM_SCALAR */
    const ast *node;      /* SYM_TABULAR: the expression; SYM_FUNC: the AST_LAMBDA */
    bind_scope *defscope; /* where node was defined */
    struct sym *next;
} sym;

/* A query option a `set name = value;` statement gave, that the binder uses
 * (query_bin_auto_size, query_bin_auto_at); other options are ignored. */
typedef struct setopt {
    hstr name;
    bexpr *value; /* a constant */
    struct setopt *next;
} setopt;

struct bind_scope {
    bind_scope *parent;
    sym *syms;
    setopt *opts;      /* set statements of this scope (the script's) */
    bind_scope *live;  /* a let's view of a scope as it was (bind_let): the scope itself */
    op *mvapply_input; /* inside an mv-apply sub-query: the rows it applies to */
    /* a function call's scope: the caller's row (input schema), whose columns
     * the parameters (and lets over them) may read; NULL elsewhere */
    const hschema *rowctx;
};

/* What an expression is bound against. */
typedef struct bctx {
    const hschema *in; /* input columns, may be NULL */
    bind_scope *scope;
    struct aggbind *agg;  /* inside summarize: where aggregate calls go */
    const hschema *op_in; /* extend: the operator's own input, without the columns
                             its earlier assignments add (pack_all() packs these) */
} bctx;

static bexpr *bind_expr(qctx *q, bctx *c, const ast *n);
op *bind_tabular(qctx *q, bind_scope *s, const ast *n);
static bool is_tabular_node(qctx *q, bind_scope *s, const ast *n);
static bool const_string_arg(qctx *q, bctx *c, const ast *arg, const char *expects, hstr *out);
static bool fn_is_tabular(qctx *q, sym *y);
static bexpr *bind_user_call(qctx *q, bctx *c, const ast *n, sym *f);
static op *scan_table(qctx *q, htable *t, int64_t lo, int64_t hi);

/* --- small helpers ----------------------------------------------------------------- */

static char *hstr_dup(qctx *q, hstr s)
{
    return arena_strndup(&q->arena, s.p, s.n);
}

static bool hstr_is(hstr s, const char *lit)
{
    size_t n = strlen(lit);
    return s.n == n && memcmp(s.p, lit, n) == 0;
}

static bexpr *bx_new(qctx *q, bx_kind k, htype t, const ast *n)
{
    bexpr *e = arena_zalloc(&q->arena, sizeof *e);
    e->kind = k;
    e->type = t;
    e->col = -1;
    if (n) {
        e->off = n->off;
        e->len = n->len;
    } else {
        e->off = -1;
    }
    return e;
}

static bexpr *bx_args(qctx *q, bexpr *e, int n)
{
    e->nargs = n;
    e->args = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)(n ? n : 1));
    return e;
}

static int err_at(qctx *q, const ast *n, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int err_at(qctx *q, const ast *n, int code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return q_error(q, code, n ? n->off : -1, n ? n->len : 0, "%s", msg);
}

static bexpr *bx_const_null(qctx *q, htype t, const ast *n)
{
    bexpr *e = bx_new(q, BX_CONST, t, n);
    vec_const_null(&q->arena, &e->cval, t, 1);
    if (ht_is_str(t)) {
        e->cval.s[0].p = "";
        e->cval.s[0].n = 0;
    }
    if (t == HT_STRING)
        e->cval.null = NULL; /* strings are never null: "" */
    return e;
}

static bexpr *bx_const_str(qctx *q, const char *p, size_t len, const ast *n)
{
    bexpr *e = bx_new(q, BX_CONST, HT_STRING, n);
    vec_const(&q->arena, &e->cval, HT_STRING, 1);
    e->cval.s[0].p = arena_strndup(&q->arena, p, len);
    e->cval.s[0].n = (uint32_t)len;
    return e;
}

/* A constant of an integer type, or of bool (v != 0). */
static bexpr *bx_const_long(qctx *q, htype t, int64_t v, const ast *n)
{
    bexpr *e = bx_new(q, BX_CONST, t, n);
    vec_const(&q->arena, &e->cval, t, 1);
    if (t == HT_BOOL)
        e->cval.b[0] = v != 0; /* a bool slot is one byte wide */
    else
        e->cval.i[0] = v;
    return e;
}

static bool is_const(const bexpr *e)
{
    return e->kind == BX_CONST;
}

/* Evaluates a constant-foldable expression now, replacing it by a constant. */
static bexpr *eval_const(qctx *q, bexpr *e);

static bexpr *fold(qctx *q, bexpr *e)
{
    if (e->kind == BX_CONST || e->kind == BX_COL || e->kind == BX_SUBQ)
        return e;
    for (int i = 0; i < e->nargs; i++)
        if (!is_const(e->args[i]))
            return e;
    if (e->set_src || e->sub)
        return e;
    if (e->kind == BX_CALL && (e->fn->flags & FN_VOLATILE))
        return e;
    return eval_const(q, e);
}

/* e, which reads no column, evaluated now into a constant node (its strings
 * copied into the query arena); NULL with q's error when it fails. */
static bexpr *eval_const(qctx *q, bexpr *e)
{
    hvec out;
    harena tmp;
    arena_init(&tmp);
    if (expr_eval_once(q, e, &tmp, &out) < 0) {
        arena_free(&tmp);
        return NULL;
    }
    bexpr *k = bx_new(q, BX_CONST, e->type, NULL);
    k->off = e->off;
    k->len = e->len;
    vec_const(&q->arena, &k->cval, e->type, 1);
    vec_copy_value(&q->arena, &k->cval, 0, &out, 0);
    if (ht_is_str(e->type) && !vec_is_null(&out, 0)) {
        hstr s = vec_s(&out, 0);
        k->cval.s[0].p = arena_strndup(&q->arena, s.p, s.n);
        k->cval.s[0].n = s.n;
    }
    arena_free(&tmp);
    return k;
}

static bexpr *cast_to(qctx *q, bexpr *e, htype t)
{
    if (!e || e->type == t || t == HT_UNKNOWN)
        return e;
    if (e->kind == BX_CONST && e->type == HT_UNKNOWN)
        return bx_const_null(q, t, NULL);
    bexpr *c = bx_new(q, BX_CAST, t, NULL);
    c->off = e->off;
    c->len = e->len;
    bx_args(q, c, 1);
    c->args[0] = e;
    return fold(q, c);
}

/* --- scopes ------------------------------------------------------------------------ */

bind_scope *bind_scope_new(qctx *q, bind_scope *parent)
{
    bind_scope *s = arena_zalloc(&q->arena, sizeof *s);
    s->parent = parent;
    if (parent)
        s->mvapply_input = parent->mvapply_input;
    return s;
}

/* The row context of a tabular function's parameters: no row at all (its
 * body reads rows of its own). */
static const hschema no_row;

static sym *scope_find(bind_scope *s, hstr name)
{
    for (; s; s = s->parent)
        for (sym *y = s->syms; y; y = y->next)
            if (y->name.n == name.n && memcmp(y->name.p, name.p, name.n) == 0)
                return y;
    return NULL;
}

static sym *scope_add(qctx *q, bind_scope *s, hstr name, sym_kind k)
{
    sym *y = arena_zalloc(&q->arena, sizeof *y);
    y->name = name;
    y->kind = k;
    y->defscope = s;
    y->next = s->syms;
    s->syms = y;
    return y;
}

/* A stored function (.create function, engine/commands.c): its text parsed
 * as `let NAME = (params) { body }` and bound in a scope of its own (it sees
 * tables and other stored functions, not the query's lets). The symbol is
 * cached in the outermost scope of the query. */
static sym *stored_fn(qctx *q, bind_scope *s, hstr name)
{
    const char *text = cmd_function_text(q->catalog, name.p, name.n);
    if (!text)
        return NULL;
    size_t tl = strlen(text);
    char *src = arena_alloc(&q->arena, name.n + tl + 16);
    int n = snprintf(src, name.n + tl + 16, "let %.*s = %s", (int)name.n, name.p, text);
    kql_error perr;
    memset(&perr, 0, sizeof perr);
    ast *script = kql_parse(&q->arena, src, (size_t)n, &perr);
    if (!script || script->nkid != 1 || script->kid[0]->kind != AST_LET ||
        script->kid[0]->kid[0]->kind != AST_LAMBDA)
        return NULL;
    bind_scope *root = s;
    while (root->parent)
        root = root->parent;
    bind_scope *own = bind_scope_new(q, NULL);
    own->mvapply_input = NULL;
    sym *y = scope_add(q, own, name, SYM_FUNC);
    y->node = script->kid[0]->kid[0];
    sym *c = scope_add(q, root, name, SYM_FUNC);
    c->node = y->node;
    c->defscope = own;
    return c;
}

/* A name in the scope chain, else a stored function. */
static sym *lookup(qctx *q, bind_scope *s, hstr name)
{
    sym *y = scope_find(s, name);
    return y ? y : stored_fn(q, s, name);
}

/* Calls of user functions nest at most this deep (a function that calls
 * itself would otherwise recurse in the binder for ever). */
#define MAX_CALL_DEPTH 64
static _Thread_local int call_depth;

/* --- literals ----------------------------------------------------------------------- */

static hstr trim(hstr s)
{
    while (s.n && isspace((unsigned char)s.p[0]))
        s.p++, s.n--;
    while (s.n && isspace((unsigned char)s.p[s.n - 1]))
        s.n--;
    return s;
}

/* The first index at or after i in raw that is not a blank or inside a `//`
 * comment, as the lexer skips them (NBSP and zero-width blanks included). */
static uint32_t skip_blanks(hstr raw, uint32_t i)
{
    while (i < raw.n) {
        unsigned char ch = (unsigned char)raw.p[i];
        if (isspace(ch)) {
            i++;
        } else if (ch == 0xC2 && i + 1 < raw.n && (unsigned char)raw.p[i + 1] == 0xA0) {
            i += 2;
        } else if (ch == 0xE2 && i + 2 < raw.n && (unsigned char)raw.p[i + 1] == 0x80 &&
                   (((unsigned char)raw.p[i + 2] >= 0x80 && (unsigned char)raw.p[i + 2] <= 0x8B) ||
                    (unsigned char)raw.p[i + 2] == 0xAF)) {
            i += 3;
        } else if (ch == 0xEF && i + 2 < raw.n && (unsigned char)raw.p[i + 1] == 0xBB &&
                   (unsigned char)raw.p[i + 2] == 0xBF) {
            i += 3;
        } else if (ch == '/' && i + 1 < raw.n && raw.p[i + 1] == '/') {
            while (i < raw.n && raw.p[i] != '\n')
                i++;
        } else {
            break;
        }
    }
    return i;
}

/* Does a string literal start at raw[i] ("...", '...', @"...", h"...")? */
static bool string_starts(hstr raw, uint32_t i)
{
    if (i >= raw.n)
        return false;
    char ch = raw.p[i];
    if (ch == '"' || ch == '\'')
        return true;
    return (ch == '@' || ch == 'h' || ch == 'H') && i + 1 < raw.n &&
           (raw.p[i + 1] == '"' || raw.p[i + 1] == '\'');
}

/* After a string literal's closing quote at raw[i]: when another string
 * follows (blanks and comments between), the two are one string (*glue set,
 * the index moves before it); else the JSON string is closed. Returns the
 * index the caller's loop continues from. */
static uint32_t close_string(hstr raw, uint32_t i, char *o, size_t *k, bool *glue)
{
    uint32_t next = skip_blanks(raw, i + 1);
    *glue = string_starts(raw, next);
    if (*glue)
        return next - 1;
    o[(*k)++] = '"';
    return i;
}

/* The text of a dynamic(...) literal as JSON, for jansson. Kusto reads it
 * with KQL's own tokens, which JSON lacks: '...' and @"..." strings, adjacent
 * strings joined into one ("a" "b" is "ab"), `//` comments and NBSP blanks,
 * nested dynamic() and datetime() literals; everything else is left as it is. */
static char *dynamic_to_json(qctx *q, hstr raw, size_t *outlen)
{
    char *o = arena_alloc(&q->arena, raw.n * 2 + 64);
    size_t k = 0;
    int nested = 0;    /* dynamic( openers dropped, whose ')' is dropped too */
    bool glue = false; /* the string being opened continues the one just closed */
    for (uint32_t i = 0; i < raw.n; i++) {
        char ch = raw.p[i];
        uint32_t b = skip_blanks(raw, i);
        if (b > i) {
            o[k++] = ' ';
            i = b - 1;
            continue;
        }
        /* a nested dynamic(...) literal: its inside stands for itself (JSON has
         * no parentheses outside strings, so the next unmatched ')' closes it) */
        if (ch == 'd' && raw.n - i > 7 && !memcmp(raw.p + i, "dynamic", 7) &&
            (i == 0 || !isalnum((unsigned char)raw.p[i - 1]))) {
            uint32_t j = i + 7;
            while (j < raw.n && isspace((unsigned char)raw.p[j]))
                j++;
            if (j < raw.n && raw.p[j] == '(') {
                nested++;
                i = j;
                continue;
            }
        }
        if (ch == ')' && nested > 0) {
            nested--;
            continue;
        }
        /* a verbatim string @"..." / @'...': no escapes, a doubled quote is
         * one quote; written as a JSON string */
        if ((ch == '@' || ch == 'h' || ch == 'H') && i + 1 < raw.n &&
            (raw.p[i + 1] == '"' || raw.p[i + 1] == '\'') &&
            (ch == '@' || i == 0 || !isalnum((unsigned char)raw.p[i - 1]))) {
            if (ch != '@') { /* h"..." obfuscated: an ordinary string, h dropped */
                continue;
            }
            char quote = raw.p[i + 1];
            if (!glue)
                o[k++] = '"';
            glue = false;
            for (i += 2; i < raw.n; i++) {
                char c = raw.p[i];
                if (c == quote) {
                    if (i + 1 < raw.n && raw.p[i + 1] == quote) {
                        i++;
                    } else {
                        break;
                    }
                }
                if (c == '"' || c == '\\')
                    o[k++] = '\\';
                o[k++] = c;
            }
            i = close_string(raw, i, o, &k, &glue);
            continue;
        }
        /* a datetime(...) literal inside: its canonical text, as Kusto's JSON shows it */
        if (ch == 'd' && raw.n - i > 9 && !memcmp(raw.p + i, "datetime(", 9)) {
            const char *close = memchr(raw.p + i + 9, ')', raw.n - i - 9);
            int64_t ticks;
            if (close) {
                hstr inner = trim((hstr){raw.p + i + 9, (uint32_t)(close - raw.p - i - 9)});
                if (ht_parse_datetime(inner.p, inner.n, &ticks)) {
                    char buf[48];
                    size_t bl = ht_format_datetime_full(ticks, buf);
                    o[k++] = '"';
                    memcpy(o + k, buf, bl);
                    k += bl;
                    o[k++] = '"';
                    i = (uint32_t)(close - raw.p);
                    continue;
                }
            }
        }
        if (ch == '"' || ch == '\'') {
            char quote = ch;
            if (!glue)
                o[k++] = '"';
            glue = false;
            for (i++; i < raw.n && raw.p[i] != quote; i++) {
                if (raw.p[i] == '\\' && i + 1 < raw.n) {
                    if (quote == '\'' && raw.p[i + 1] == '\'') {
                        o[k++] = '\'';
                        i++;
                        continue;
                    }
                    o[k++] = raw.p[i++];
                    o[k++] = raw.p[i];
                    continue;
                }
                if (quote == '\'' && raw.p[i] == '"')
                    o[k++] = '\\';
                o[k++] = raw.p[i];
            }
            i = close_string(raw, i, o, &k, &glue);
            continue;
        }
        o[k++] = ch;
    }
    o[k] = 0;
    *outlen = k;
    return o;
}

static bexpr *bind_literal(qctx *q, const ast *n)
{
    htype t = n->type == HT_UNKNOWN ? HT_UNKNOWN : n->type;
    if (n->op == LIT_NULL)
        return bx_const_null(q, t, n);
    if (n->op == LIT_VALUE) {
        bexpr *e = bx_new(q, BX_CONST, t, n);
        vec_const(&q->arena, &e->cval, t == HT_UNKNOWN ? HT_UNKNOWN : t, 1);
        switch (t) {
        case HT_STRING:
            e->cval.s[0] = n->str;
            break;
        case HT_REAL:
            e->cval.r[0] = n->rval;
            break;
        case HT_BOOL:
            e->cval.b[0] = n->ival != 0;
            break;
        case HT_UNKNOWN:
            vec_const_null(&q->arena, &e->cval, HT_UNKNOWN, 1);
            break;
        default:
            e->cval.i[0] = n->ival;
            break;
        }
        return e;
    }
    /* LIT_RAW: text inside type(...); datetime("...") and the like may quote it */
    hstr s = trim(n->str);
    if (t != HT_DYNAMIC && s.n >= 2 && (s.p[0] == '"' || s.p[0] == '\'') &&
        s.p[s.n - 1] == s.p[0]) {
        s.p++;
        s.n -= 2;
    }
    bexpr *e = bx_new(q, BX_CONST, t, n);
    vec_const(&q->arena, &e->cval, t, 1);
    if (hstr_is(s, "null"))
        return bx_const_null(q, t, n);
    bool ok = true;
    switch (t) {
    case HT_DATETIME:
        ok = ht_parse_datetime_literal(s.p, s.n, &e->cval.i[0]);
        break;
    case HT_TIMESPAN: {
        ok = ht_parse_timespan(s.p, s.n, &e->cval.i[0]);
        if (!ok) { /* time(15 seconds): a number, blanks, a unit */
            char buf[64];
            size_t k = 0;
            for (uint32_t i = 0; i < s.n && k + 1 < sizeof buf; i++)
                if (!isspace((unsigned char)s.p[i]))
                    buf[k++] = s.p[i];
            ok = ht_parse_timespan(buf, k, &e->cval.i[0]);
        }
        break;
    }
    case HT_GUID:
        ok = ht_parse_guid(s.p, s.n, &e->cval.g[0]);
        break;
    case HT_INT:
    case HT_LONG:
        ok = ht_parse_long(s.p, s.n, &e->cval.i[0]);
        break;
    case HT_REAL:
        ok = ht_parse_real(s.p, s.n, &e->cval.r[0]);
        break;
    case HT_BOOL:
        if (hstr_is(s, "true") || hstr_is(s, "1"))
            e->cval.b[0] = 1;
        else if (hstr_is(s, "false") || hstr_is(s, "0"))
            e->cval.b[0] = 0;
        else
            ok = false;
        break;
    case HT_STRING:
        e->cval.s[0] = s;
        break;
    case HT_DYNAMIC: {
        size_t jl;
        char *js = dynamic_to_json(q, s, &jl);
        dbuf b = {0};
        char err[128];
        if (!dyn_from_json(js, jl, &b, err, sizeof err)) {
            dbuf_free(&b);
            err_at(q, n, HUNT_ESYNTAX, "invalid dynamic literal: %s", err);
            return NULL;
        }
        char *p = arena_alloc(&q->arena, b.n);
        memcpy(p, b.p, b.n);
        e->cval.s[0].p = p;
        e->cval.s[0].n = (uint32_t)b.n;
        dbuf_free(&b);
        if (dyn_tag((uint8_t *)p) == DYN_NULL)
            return bx_const_null(q, HT_DYNAMIC, n);
        break;
    }
    default:
        ok = false;
    }
    if (!ok) {
        err_at(q, n, HUNT_ESYNTAX, "invalid %s literal '%.*s'", ht_name(t), (int)s.n, s.p);
        return NULL;
    }
    return e;
}

/* --- names ----------------------------------------------------------------------------- */

static int find_col(const hschema *s, hstr name)
{
    if (!s)
        return -1;
    int i = schema_find(s, name.p, name.n);
    if (i >= 0)
        return i;
    /* Defender tables say Timestamp where Log Analytics says TimeGenerated:
     * either name reaches the other's column. */
    if (hstr_is(name, "TimeGenerated"))
        return schema_find(s, "Timestamp", 9);
    if (hstr_is(name, "Timestamp"))
        return schema_find(s, "TimeGenerated", 13);
    /* Log Analytics' hidden _TimeReceived: when the record was received,
     * here when hunt ingested it (the same hidden column as ingestion_time()) */
    if (hstr_is(name, "_TimeReceived"))
        return schema_find(s, INGESTION_TIME_COLUMN, strlen(INGESTION_TIME_COLUMN));
    return -1;
}

/* Does e read a column of its row (a sub-query's own columns do not count)? */
bool bexpr_reads_column(const bexpr *e)
{
    if (e->kind == BX_COL)
        return true;
    if (e->set_src && bexpr_reads_column(e->set_src))
        return true;
    for (int i = 0; i < e->nargs; i++)
        if (bexpr_reads_column(e->args[i]))
            return true;
    return false;
}

/* Is scalar symbol y a value of a function caller's row (a parameter given a
 * column, or a let over one) used against other rows, as inside a sub-query
 * of the function's body? Its column references would read the wrong
 * columns. Expressions bound without rows (lets, range bounds) pass: their
 * own users check. */
static bool outside_row_context(const bctx *c, const sym *y)
{
    const hschema *home = y->defscope ? y->defscope->rowctx : NULL;
    return home && c->in && c->in != home && bexpr_reads_column(y->scalar);
}

/* --- suggestions for unknown names ---------------------------------------------------------- */

/* Edit distance between a and b, case-insensitive, or limit + 1 once it is
 * sure to exceed limit. */
static int name_distance(const char *a, size_t an, const char *b, size_t bn, int limit)
{
    if (an > 64 || bn > 64 || (an > bn ? an - bn : bn - an) > (size_t)limit)
        return limit + 1;
    int prev[65], cur[65];
    for (size_t j = 0; j <= bn; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= an; i++) {
        cur[0] = (int)i;
        int best = cur[0];
        for (size_t j = 1; j <= bn; j++) {
            int sub = prev[j - 1] +
                      (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (cur[j] < best)
                best = cur[j];
        }
        if (best > limit)
            return limit + 1;
        memcpy(prev, cur, sizeof(int) * (bn + 1));
    }
    return prev[bn];
}

/* The closest of names[0..n) to want: a name that differs only in case, or
 * else the one nearest within a small edit distance (a third of the name,
 * at most 2), when there is exactly one such; NULL otherwise. */
static const char *closest_name(hstr want, const char *const *names, int n)
{
    const char *best = NULL;
    int bestd = want.n >= 6 ? 2 : want.n >= 4 ? 1 : 0, ties = 0;
    for (int i = 0; i < n; i++) {
        size_t ln = strlen(names[i]);
        if (ln == want.n && !strncasecmp(names[i], want.p, ln))
            return names[i];
        int d = name_distance(want.p, want.n, names[i], ln, bestd);
        if (d == 0 || d > bestd)
            continue;
        if (!best || d < bestd) {
            best = names[i], bestd = d, ties = 0;
        } else if (strcmp(best, names[i])) {
            ties++;
        }
    }
    return ties ? NULL : best;
}

/* The names a suggestion for an unknown name is chosen from: the columns of
 * in (may be NULL), the catalog's tables when tables is set, and the scope's
 * symbols of kind k; counted first, then listed in the query's arena. */
static const char **candidate_names(qctx *q, const hschema *in, bool tables, bind_scope *s,
                                    sym_kind k, int *count)
{
    int n = (in ? in->ncols : 0) + (tables ? q->catalog->n : 0);
    for (bind_scope *sc = s; sc; sc = sc->parent)
        for (sym *y = sc->syms; y; y = y->next)
            n++;
    const char **names = arena_alloc(&q->arena, sizeof(char *) * (size_t)(n + 1));
    int m = 0;
    for (int i = 0; in && i < in->ncols; i++)
        names[m++] = in->names[i];
    for (int t = 0; tables && t < q->catalog->n; t++)
        if (!strchr(q->catalog->tables[t]->name, ':')) /* not __fn:, __wl: */
            names[m++] = q->catalog->tables[t]->name;
    for (bind_scope *sc = s; sc; sc = sc->parent)
        for (sym *y = sc->syms; y; y = y->next)
            if (y->kind == k)
                names[m++] = hstr_dup(q, y->name);
    *count = m;
    return names;
}

/* " (did you mean 'X'?)" when one candidate is close to want, else "". */
static const char *did_you_mean(qctx *q, hstr want, const char **names, int n)
{
    const char *hit = closest_name(want, names, n);
    if (!hit)
        return "";
    size_t len = strlen(hit) + 24;
    char *out = arena_alloc(&q->arena, len);
    snprintf(out, len, " (did you mean '%s'?)", hit);
    return out;
}

/* The suggestion for an unknown column or value name. */
static const char *suggest_name(qctx *q, bctx *c, hstr want)
{
    int n;
    const char **names = candidate_names(q, c->in, false, c->scope, SYM_SCALAR, &n);
    return did_you_mean(q, want, names, n);
}

/* The suggestion for an unknown table: the catalog's tables and the tabular
 * lets in scope. */
static const char *suggest_table(qctx *q, bind_scope *s, hstr want)
{
    int n;
    const char **names = candidate_names(q, NULL, true, s, SYM_TABULAR, &n);
    return did_you_mean(q, want, names, n);
}

static bexpr *bind_ident(qctx *q, bctx *c, const ast *n)
{
    int i = find_col(c->in, n->name);
    if (i >= 0) {
        bexpr *e = bx_new(q, BX_COL, c->in->types[i], n);
        e->col = i;
        return e;
    }
    sym *y = scope_find(c->scope, n->name);
    if (y && y->kind == SYM_SCALAR && outside_row_context(c, y)) {
        err_at(q, n, HUNT_ESEMANTIC,
               "can't use '%.*s' here: it holds a value of the calling row, which is outside "
               "this row context (a sub-query such as toscalar() runs once, not per row)",
               (int)n->name.n, n->name.p);
        return NULL;
    }
    if (y && y->kind == SYM_SCALAR)
        return y->scalar;
    /* a function without parameters is called by its name alone, as Kusto's
     * stored functions are (`let Keywords = () { dynamic([...]) }; ... has_any (Keywords)`) */
    if (y && y->kind == SYM_FUNC && y->node->kid[0]->nkid == 0 && !fn_is_tabular(q, y))
        return bind_user_call(q, c, n, y);
    if (y) {
        err_at(q, n, HUNT_ESEMANTIC, "'%.*s' is a %s, not a scalar value", (int)n->name.n,
               n->name.p, y->kind == SYM_FUNC ? "function" : "tabular expression");
        return NULL;
    }
    if (catalog_find(q->catalog, n->name.p, n->name.n)) {
        err_at(q, n, HUNT_ESEMANTIC, "'%.*s' is a table, not a column", (int)n->name.n, n->name.p);
        return NULL;
    }
    err_at(q, n, HUNT_ESEMANTIC, "unknown name '%.*s'%s", (int)n->name.n, n->name.p,
           suggest_name(q, c, n->name));
    return NULL;
}

/* --- operators -------------------------------------------------------------------------- */

static bool is_arith(int k)
{
    return k >= OP_ADD && k <= OP_MOD;
}
static bool is_compare(int k)
{
    return k >= OP_EQ && k <= OP_GE;
}
static bool is_cmp_ci(int k)
{
    return k == OP_EQ_CI || k == OP_NE_CI;
}

static htype num_common(htype a, htype b)
{
    if (a == HT_REAL || b == HT_REAL)
        return HT_REAL;
    if (a == HT_LONG || b == HT_LONG)
        return HT_LONG;
    return HT_INT;
}

static htype arith_type(int k, htype a, htype b)
{
    if (a == HT_UNKNOWN)
        a = b;
    if (b == HT_UNKNOWN)
        b = a;
    /* Kusto widens int arithmetic to long (int(1) + int(2) is a long) */
    if (ht_is_numeric(a) && ht_is_numeric(b))
        return num_common(a, b) == HT_INT ? HT_LONG : num_common(a, b);
    if (a == HT_DATETIME && b == HT_DATETIME && k == OP_SUB)
        return HT_TIMESPAN;
    if (a == HT_DATETIME && b == HT_TIMESPAN && (k == OP_ADD || k == OP_SUB))
        return HT_DATETIME;
    if (a == HT_TIMESPAN && b == HT_DATETIME && k == OP_ADD)
        return HT_DATETIME;
    if (a == HT_TIMESPAN && b == HT_TIMESPAN) {
        if (k == OP_ADD || k == OP_SUB || k == OP_MOD)
            return HT_TIMESPAN;
        if (k == OP_DIV)
            return HT_REAL;
    }
    if (a == HT_TIMESPAN && ht_is_numeric(b) && (k == OP_MUL || k == OP_DIV))
        return HT_TIMESPAN;
    if (ht_is_numeric(a) && b == HT_TIMESPAN && k == OP_MUL)
        return HT_TIMESPAN;
    return HT_UNKNOWN;
}

/* The type both sides of a comparison are cast to. */
static htype compare_type(htype a, htype b)
{
    if (a == b)
        return a;
    if (a == HT_UNKNOWN)
        return b;
    if (b == HT_UNKNOWN)
        return a;
    if (ht_is_numeric(a) && ht_is_numeric(b))
        return num_common(a, b) == HT_INT ? HT_LONG : num_common(a, b);
    if (a == HT_DYNAMIC)
        return b;
    if (b == HT_DYNAMIC)
        return a;
    /* Kusto refuses "Cannot compare values of types long and string"; a
     * string is compared with a datetime, timespan or guid by converting it */
    if ((a == HT_STRING && (ht_is_numeric(b) || b == HT_BOOL)) ||
        (b == HT_STRING && (ht_is_numeric(a) || a == HT_BOOL)))
        return HT_UNKNOWN;
    if (a == HT_STRING)
        return b;
    if (b == HT_STRING)
        return a;
    if (a == HT_BOOL && ht_is_numeric(b))
        return HT_LONG;
    if (b == HT_BOOL && ht_is_numeric(a))
        return HT_LONG;
    return HT_UNKNOWN;
}

static bexpr *bind_matches(qctx *q, const ast *n, bexpr *l, bexpr *r);
static bexpr *call_bound(qctx *q, const fn_def *f, bexpr **args, int nargs, const ast *n);

/* `==` and `!=` between a string and a number: Kusto's operator table
 * (Kusto.Language Operators.Equal: any non-bool left, any scalar right)
 * accepts them, and published rules rely on it (SigninLogs.ResultType == 0,
 * SecurityEvent.EventID == "4688"). The right operand is read as the left's
 * type, as `in` reads its list: ResultType == 0 compares ResultType with "0",
 * EventID == "4688" compares EventID with 4688 (a string that is no number is
 * null and so equals nothing). Ordering comparisons (<, >, ...) stay errors,
 * as in Kusto. Returns the comparison type, or HT_UNKNOWN for other pairs. */
static htype string_number_equality(htype l, htype r)
{
    if (!(l == HT_STRING && ht_is_numeric(r)) && !(r == HT_STRING && ht_is_numeric(l)))
        return HT_UNKNOWN;
    return l == HT_INT ? HT_LONG : l;
}

/* `==` and `!=` between a bool and the string constant "true" or "false":
 * the string is read as the bool tobool() documents for it, so
 * `IsBillable == "true"` is `IsBillable == true`. Every reading agrees on
 * these two (tobool of the string, or tostring of the bool, which is "true"
 * or "false"), so the string becomes the bool literal. Any other string
 * ("True", "1", "0", a column) has no documented meaning next to a bool
 * (tobool() documents only "true" and "false"; comparing with tostring() would
 * make "True" equal nothing): an error that says so. Returns -1 on that error,
 * else 0 (operands changed only for the two constants). */
static int bool_string_equality(qctx *q, const ast *n, bexpr **l, bexpr **r)
{
    bool lb = (*l)->type == HT_BOOL && (*r)->type == HT_STRING;
    bool rb = (*r)->type == HT_BOOL && (*l)->type == HT_STRING;
    if (!lb && !rb)
        return 0;
    bexpr **sp = lb ? r : l;
    if (is_const(*sp)) {
        hstr v = vec_s(&(*sp)->cval, 0);
        bool t = v.n == 4 && !memcmp(v.p, "true", 4);
        bool f = v.n == 5 && !memcmp(v.p, "false", 5);
        if (t || f) {
            *sp = bx_const_long(q, HT_BOOL, t, n->kid[lb ? 1 : 0]);
            return 0;
        }
        err_at(q, n, HUNT_ESEMANTIC,
               "cannot compare bool with the string \"%.*s\": only \"true\" and \"false\" "
               "have a documented bool meaning (tobool()); write true or false",
               (int)(v.n > 40 ? 40 : v.n), v.p);
        return -1;
    }
    err_at(q, n, HUNT_ESEMANTIC,
           "cannot compare %s with %s: Kusto documents no conversion between a bool and a "
           "string that is not the constant \"true\" or \"false\"; convert explicitly "
           "(tobool(), tostring())",
           ht_name((*l)->type), ht_name((*r)->type));
    return -1;
}

static bexpr *bind_binary(qctx *q, bctx *c, const ast *n)
{
    bexpr *l = bind_expr(q, c, n->kid[0]);
    if (!l)
        return NULL;
    bexpr *r = bind_expr(q, c, n->kid[1]);
    if (!r)
        return NULL;
    int opk = n->op;
    if (opk == OP_AND || opk == OP_OR) {
        l = cast_to(q, l, HT_BOOL);
        r = cast_to(q, r, HT_BOOL);
        if (l->type != HT_BOOL || r->type != HT_BOOL) {
            err_at(q, n, HUNT_ESEMANTIC, "'%s' needs bool operands", ast_op_name(opk));
            return NULL;
        }
        bexpr *e = bx_args(q, bx_new(q, opk == OP_AND ? BX_AND : BX_OR, HT_BOOL, n), 2);
        e->args[0] = l;
        e->args[1] = r;
        return fold(q, e);
    }
    if (opk == OP_MATCHES)
        return bind_matches(q, n, l, r);
    if (is_arith(opk)) {
        htype lt = l->type, rt = r->type;
        if (lt == HT_DYNAMIC)
            lt = (rt == HT_DYNAMIC || rt == HT_UNKNOWN)
                     ? HT_REAL
                     : (ht_is_numeric(rt) ? (rt == HT_INT ? HT_LONG : rt) : lt);
        if (rt == HT_DYNAMIC)
            rt = ht_is_numeric(lt) ? (lt == HT_INT ? HT_LONG : lt) : HT_REAL;
        if (lt == HT_BOOL)
            lt = HT_LONG;
        if (rt == HT_BOOL)
            rt = HT_LONG;
        l = cast_to(q, l, lt);
        r = cast_to(q, r, rt);
        htype t = arith_type(opk, lt, rt);
        if (t == HT_UNKNOWN) {
            err_at(q, n, HUNT_ESEMANTIC, "operator '%s' is not defined for %s and %s",
                   ast_op_name(opk), ht_name(l->type), ht_name(r->type));
            return NULL;
        }
        if (lt == HT_UNKNOWN)
            l = cast_to(q, l, rt == HT_UNKNOWN ? t : rt);
        if (rt == HT_UNKNOWN)
            r = cast_to(q, r, lt == HT_UNKNOWN ? t : lt);
        bexpr *e = bx_args(q, bx_new(q, BX_BINOP, t, n), 2);
        e->op = opk;
        e->args[0] = l;
        e->args[1] = r;
        return fold(q, e);
    }
    htype ct;
    if (is_compare(opk)) {
        ct = compare_type(l->type, r->type);
        if (ct == HT_DYNAMIC && opk != OP_EQ && opk != OP_NE)
            ct = HT_REAL;
        if (ct == HT_UNKNOWN && l->type == HT_UNKNOWN)
            ct = HT_LONG;
        if (ct == HT_UNKNOWN && (opk == OP_EQ || opk == OP_NE))
            ct = string_number_equality(l->type, r->type);
        if (ct == HT_UNKNOWN && (opk == OP_EQ || opk == OP_NE) &&
            bool_string_equality(q, n, &l, &r) < 0)
            return NULL;
        if (ct == HT_UNKNOWN && l->type == HT_BOOL && r->type == HT_BOOL)
            ct = HT_BOOL;
        if (ct == HT_UNKNOWN) {
            err_at(q, n, HUNT_ESEMANTIC, "cannot compare %s with %s", ht_name(l->type),
                   ht_name(r->type));
            return NULL;
        }
        if (ct == HT_INT)
            ct = HT_LONG;
    } else {
        ct = HT_STRING; /* =~, !~, has, contains, startswith, ... */
    }
    l = cast_to(q, l, ct);
    r = cast_to(q, r, ct);
    if (!l || !r)
        return NULL;
    bexpr *e = bx_args(q, bx_new(q, BX_BINOP, HT_BOOL, n), 2);
    e->op = opk;
    e->args[0] = l;
    e->args[1] = r;
    (void)is_cmp_ci;
    return fold(q, e);
}

static void note_fncall(qctx *q, bexpr *e)
{
    if (q->nfncalls == q->fncap) {
        q->fncap = q->fncap ? q->fncap * 2 : 16;
        q->fncalls = realloc(q->fncalls, sizeof(bexpr *) * (size_t)q->fncap);
    }
    q->fncalls[q->nfncalls++] = e;
}

/* `x matches regex pattern`: a call of fn_matches_regex_rows (fn_string.c),
 * which compiles as extract() and the other regex functions do (RE2's
 * semantics as near as PCRE2 gets, with their step limit); a constant
 * pattern is checked now and compiled once, one that depends on the row (a
 * column the query extended with a pattern) per distinct value. */
static bexpr *bind_matches(qctx *q, const ast *n, bexpr *l, bexpr *r)
{
    l = cast_to(q, l, HT_STRING);
    if (r->type != HT_STRING && r->type != HT_UNKNOWN) {
        err_at(q, n->kid[1], HUNT_ESEMANTIC,
               "the pattern of 'matches regex' must be a string, got %s", ht_name(r->type));
        return NULL;
    }
    r = cast_to(q, r, HT_STRING);
    if (!is_const(r) && !bexpr_reads_column(r) && !q->check_only) {
        /* a value of the whole query (a let of toscalar()): computed once */
        r = eval_const(q, r);
        if (!r)
            return NULL;
        if (vec_is_null(&r->cval, 0)) {
            err_at(q, n->kid[1], HUNT_ESEMANTIC, "the pattern of 'matches regex' is null");
            return NULL;
        }
    }
    bexpr *args[2] = {l, r};
    return call_bound(q, &fn_matches_regex_rows, args, 2, n);
}

static bexpr *bind_in(qctx *q, bctx *c, const ast *n)
{
    bexpr *l = bind_expr(q, c, n->kid[0]);
    if (!l)
        return NULL;
    int opk = n->op;
    bool hasop = opk == OP_HAS_ANY || opk == OP_HAS_ALL;
    if (hasop || opk == OP_IN_CI || opk == OP_NOTIN_CI)
        l = cast_to(q, l, HT_STRING);
    bexpr *e = bx_args(q, bx_new(q, BX_IN, HT_BOOL, n), 1);
    e->op = opk;
    e->args[0] = l;
    /* a tabular right side */
    if (n->nkid == 2 && is_tabular_node(q, c->scope, n->kid[1])) {
        e->sub = bind_tabular(q, c->scope, n->kid[1]);
        if (!e->sub)
            return NULL;
        if (e->sub->schema.ncols < 1) {
            err_at(q, n->kid[1], HUNT_ESEMANTIC, "the sub-query of 'in' has no columns");
            return NULL;
        }
        note_fncall(q, e); /* its set, built when first evaluated, is freed with the query */
        return e;
    }
    int ni = n->nkid - 1;
    hvec **items = arena_alloc(&q->arena, sizeof(hvec *) * (size_t)(ni ? ni : 1));
    bool allconst = true;
    bexpr **bi = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(ni ? ni : 1));
    for (int i = 0; i < ni; i++) {
        bi[i] = bind_expr(q, c, n->kid[i + 1]);
        if (!bi[i])
            return NULL;
        if (!is_const(bi[i]))
            allconst = false;
        else
            items[i] = &bi[i]->cval;
    }
    /* items that do not read the row (a let of toscalar(), a sub-query's
     * list) are values of the whole query: computed now, once, so the set is
     * built before anything runs (and a dynamic array among them is
     * flattened into its elements, as for a literal) */
    bool rowfree = !allconst;
    for (int i = 0; i < ni && rowfree; i++)
        rowfree = is_const(bi[i]) || !bexpr_reads_column(bi[i]);
    if (rowfree) {
        if (q->check_only) { /* nothing runs: the items are not computed */
            e->set = inset_new(q, opk, l->type, items, 0);
            note_fncall(q, e);
            return e;
        }
        for (int i = 0; i < ni; i++) {
            if (is_const(bi[i]))
                continue;
            bexpr *k = eval_const(q, bi[i]);
            if (!k)
                return NULL;
            items[i] = &k->cval;
        }
        allconst = true;
    }
    if (allconst) {
        e->set = inset_new(q, opk, l->type, items, ni);
        /* freed with the query */
        bexpr **slot = arena_alloc(&q->arena, sizeof *slot);
        *slot = e;
        note_fncall(q, e);
        return fold(q, e);
    }
    if (hasop) {
        err_at(q, n, HUNT_EUNSUPPORTED,
               "'%s' with terms that depend on the row is not supported yet", ast_op_name(opk));
        return NULL;
    }
    for (int i = 0; i < ni; i++)
        if (bi[i]->type == HT_DYNAMIC) {
            err_at(q, n->kid[i + 1], HUNT_EUNSUPPORTED,
                   "'%s' with a dynamic list that depends on the row is not supported yet",
                   ast_op_name(opk));
            return NULL;
        }
    /* x in (a, b, col) → x == a or x == b or x == col */
    bool neg = opk == OP_NOTIN || opk == OP_NOTIN_CI;
    bool ci = opk == OP_IN_CI || opk == OP_NOTIN_CI;
    bexpr *acc = NULL;
    for (int i = 0; i < ni; i++) {
        htype ct = ci ? HT_STRING : compare_type(l->type, bi[i]->type);
        if (ct == HT_UNKNOWN) /* a number against a string: read as the left's, as == does */
            ct = string_number_equality(l->type, bi[i]->type);
        if (ct == HT_UNKNOWN && l->type != HT_UNKNOWN && bi[i]->type != HT_UNKNOWN) {
            err_at(q, n->kid[i + 1], HUNT_ESEMANTIC, "cannot compare %s with %s", ht_name(l->type),
                   ht_name(bi[i]->type));
            return NULL;
        }
        if (ct == HT_INT)
            ct = HT_LONG;
        bexpr *cmp = bx_args(q, bx_new(q, BX_BINOP, HT_BOOL, n), 2);
        cmp->op = ci ? (neg ? OP_NE_CI : OP_EQ_CI) : (neg ? OP_NE : OP_EQ);
        cmp->args[0] = cast_to(q, l, ct);
        cmp->args[1] = cast_to(q, bi[i], ct);
        if (!acc) {
            acc = cmp;
            continue;
        }
        bexpr *j = bx_args(q, bx_new(q, neg ? BX_AND : BX_OR, HT_BOOL, n), 2);
        j->args[0] = acc;
        j->args[1] = cmp;
        acc = j;
    }
    return acc ? acc : bx_const_long(q, HT_BOOL, neg, n);
}

static bexpr *bind_between(qctx *q, bctx *c, const ast *n)
{
    bexpr *x = bind_expr(q, c, n->kid[0]);
    bexpr *lo = x ? bind_expr(q, c, n->kid[1]) : NULL;
    bexpr *hi = lo ? bind_expr(q, c, n->kid[2]) : NULL;
    if (!hi)
        return NULL;
    if (x->type == HT_DATETIME && hi->type == HT_TIMESPAN) {
        bexpr *add = bx_args(q, bx_new(q, BX_BINOP, HT_DATETIME, n->kid[2]), 2);
        add->op = OP_ADD;
        add->args[0] = lo;
        add->args[1] = hi;
        hi = fold(q, add);
    }
    htype t = compare_type(compare_type(x->type, lo->type), hi->type);
    if (t == HT_INT)
        t = HT_LONG;
    /* a string against a number or a time has no order in Kusto, as for < */
    for (int i = 0; i < 2; i++) {
        const bexpr *b = i ? hi : lo;
        if (x->type != HT_UNKNOWN && x->type != HT_DYNAMIC && b->type != HT_UNKNOWN &&
            b->type != HT_DYNAMIC && compare_type(x->type, b->type) == HT_UNKNOWN) {
            err_at(q, n, HUNT_ESEMANTIC, "cannot compare %s with %s", ht_name(x->type),
                   ht_name(b->type));
            return NULL;
        }
    }
    if (t == HT_UNKNOWN || t == HT_DYNAMIC)
        t = HT_REAL;
    bexpr *e = bx_args(q, bx_new(q, BX_BETWEEN, HT_BOOL, n), 3);
    e->op = n->op;
    e->args[0] = cast_to(q, x, t);
    e->args[1] = cast_to(q, lo, t);
    e->args[2] = cast_to(q, hi, t);
    return fold(q, e);
}

/* --- function calls ------------------------------------------------------------------------ */

static const char *const known_unsupported_fns[] = {
    "series_fir", "series_iir", "geo_point_to_s2cell", "geo_distance_2points",
    "current_cluster_endpoint", "current_database", "cursor_after", "extent_id",
    "estimate_data_size", "getschema", "cluster", "database", "datetime_utc_to_local",
    "datetime_local_to_utc", "hash_combine", "hash_many", "series_periods_detect",
    "series_periods_validate", "series_decompose_forecast", "series_decompose",
    "series_decompose_anomalies", "series_outliers", "series_fit_2lines",
    "series_fit_2lines_dynamic",
    /* undocumented binary sketches */
    "hll", "hll_if", "hll_merge", "dcount_hll", "tdigest", "tdigest_merge", "merge_tdigest",
    "percentile_tdigest", "percentiles_array_tdigest", "percentrank_tdigest", "rank_tdigest", NULL};

static bool in_list(const char *const *l, hstr s)
{
    for (; *l; l++)
        if (hstr_is(s, *l))
            return true;
    return false;
}

/* column_names_of(T): the column names of a tabular expression, as a constant
 * dynamic array; T is bound (to learn its schema) but never run. */
static bexpr *bind_column_names_of(qctx *q, bctx *c, const ast *n)
{
    if (n->nkid != 1 || !is_tabular_node(q, c->scope, n->kid[0])) {
        err_at(q, n, HUNT_ESEMANTIC, "column_names_of() expects one tabular expression");
        return NULL;
    }
    op *sub = bind_tabular(q, c->scope, n->kid[0]);
    if (!sub)
        return NULL;
    dbuf b = {0};
    size_t mark = dyn_begin_array(&b);
    for (int i = 0; i < sub->schema.ncols; i++)
        dyn_put_string(&b, sub->schema.names[i], strlen(sub->schema.names[i]));
    dyn_end(&b, mark, (uint32_t)sub->schema.ncols);
    bexpr *e = bx_new(q, BX_CONST, HT_DYNAMIC, n);
    vec_const(&q->arena, &e->cval, HT_DYNAMIC, 1);
    char *p = arena_alloc(&q->arena, b.n);
    memcpy(p, b.p, b.n);
    e->cval.s[0].p = p;
    e->cval.s[0].n = (uint32_t)b.n;
    dbuf_free(&b);
    return e;
}

#define PCT_LIST_MAX 64 /* percentiles given as one dynamic array */

/* The numbers of a constant dynamic array as percentiles of sp; -1 after an
 * error naming a, when the array holds anything else or too many. */
static int pct_list(qctx *q, const ast *a, const bexpr *pe, aggspec *sp)
{
    const uint8_t *v = vec_is_null(&pe->cval, 0) ? NULL : (const uint8_t *)pe->cval.s[0].p;
    if (!v || dyn_tag(v) != DYN_ARRAY || dyn_count(v) == 0 || dyn_count(v) > PCT_LIST_MAX)
        return err_at(q, a, HUNT_ESEMANTIC,
                      "percentiles must be numbers, or one dynamic array of 1 to 64 numbers"),
               -1;
    dyn_iter it;
    for (const uint8_t *e = dyn_first(v, &it, NULL); e; e = dyn_next(&it, NULL)) {
        if (dyn_tag(e) == DYN_LONG)
            sp->params[sp->nparams++] = (double)dyn_long(e);
        else if (dyn_tag(e) == DYN_REAL)
            sp->params[sp->nparams++] = dyn_real(e);
        else
            return err_at(q, a, HUNT_ESEMANTIC, "percentiles must be numbers"), -1;
    }
    return 0;
}

/* Deprecated spellings the KQL documentation still lists beside a function
 * ("Deprecated aliases: ..."), which published queries keep using. Each pair
 * is (legacy, current); a call binds exactly as the current name. */
static const char *const legacy_fn_names[][2] = {
    {"arraylength", "array_length"},
    {"pack_dictionary", "bag_pack"},
    {"base64_decodestring", "base64_decode_tostring"},
    {"base64_encodestring", "base64_encode_tostring"},
    {"extractall", "extract_all"},
    {"columnifexists", "column_ifexists"},
    {"make_string", "unicode_codepoints_to_string"},
    {"parseurl", "parse_url"},
    {"parseurlquery", "parse_urlquery"},
};

static const char *legacy_fn_current(hstr name)
{
    for (size_t i = 0; i < sizeof legacy_fn_names / sizeof legacy_fn_names[0]; i++)
        if (hstr_is(name, legacy_fn_names[i][0]))
            return legacy_fn_names[i][1];
    return NULL;
}

struct aggbind; /* summarize aggregate extraction (below) */
static bexpr *agg_call(qctx *q, bctx *c, const ast *n);

static bexpr *bind_user_call(qctx *q, bctx *c, const ast *n, sym *f);

/* A call of built-in function f on bound arguments args[0..nargs): type
 * check, casts and folding as bind_call does them. */
static bexpr *call_bound(qctx *q, const fn_def *f, bexpr **args, int nargs, const ast *n)
{
    if (nargs > FN_MAX_ARGS) {
        err_at(q, n, HUNT_EUNSUPPORTED, "%s() with more than %d arguments is not supported",
               f->name, FN_MAX_ARGS);
        return NULL;
    }
    bexpr *e = bx_args(q, bx_new(q, BX_CALL, HT_UNKNOWN, n), nargs);
    e->fn = f;
    htype argt[FN_MAX_ARGS];
    const hvec *constv[FN_MAX_ARGS];
    for (int i = 0; i < nargs; i++) {
        e->args[i] = args[i];
        argt[i] = args[i]->type;
        constv[i] = is_const(args[i]) ? &args[i]->cval : NULL;
    }
    char msg[400];
    fn_sig sig;
    memset(&sig, 0, sizeof sig);
    sig.argc = nargs;
    sig.argt = argt;
    sig.constv = constv;
    sig.err = msg;
    sig.errcap = sizeof msg;
    sig.name = f->name;
    msg[0] = 0;
    htype t = f->type(&sig);
    if (t == HT_UNKNOWN) {
        err_at(q, n, HUNT_ESEMANTIC, "%s", msg[0] ? msg : "wrong argument types");
        return NULL;
    }
    for (int i = 0; i < nargs; i++)
        if (sig.cast[i] != HT_UNKNOWN)
            e->args[i] = cast_to(q, e->args[i], sig.cast[i]);
    e->type = t;
    bool strarg = false;
    for (int i = 0; i < nargs; i++)
        strarg |= e->args[i]->type == HT_STRING && !is_const(e->args[i]);
    if (strarg && !(f->flags & FN_VOLATILE))
        e->cc = code_cache_new(&q->arena); /* results per dictionary code */
    if (f->free_state || e->cc)
        note_fncall(q, e);
    return fold(q, e);
}

/* A property bag of columns: bag_pack("c1", c1, ...) for up to 32 columns
 * at a time, merged with bag_merge (pack_all(), bag_pack_columns()). */
static bexpr *pack_columns(qctx *q, const char *const *names, bexpr **vals, int n, const ast *node)
{
    const fn_def *pack = fn_lookup("bag_pack", 8), *merge = fn_lookup("bag_merge", 9);
    if (!pack || !merge) {
        err_at(q, node, HUNT_EUNSUPPORTED, "bag_pack() is not available");
        return NULL;
    }
    int nchunks = (n + 31) / 32;
    bexpr **parts = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(nchunks ? nchunks : 1));
    for (int c = 0; c < nchunks; c++) {
        int from = c * 32, cnt = n - from < 32 ? n - from : 32;
        bexpr **args = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(2 * cnt));
        for (int i = 0; i < cnt; i++) {
            args[2 * i] = bx_const_str(q, names[from + i], strlen(names[from + i]), node);
            args[2 * i + 1] = vals[from + i];
        }
        parts[c] = call_bound(q, pack, args, 2 * cnt, node);
        if (!parts[c])
            return NULL;
    }
    if (nchunks == 0)
        return call_bound(q, pack, NULL, 0, node);
    bexpr *acc = parts[0];
    for (int c = 1; c < nchunks; c++) {
        bexpr *two[2] = {acc, parts[c]};
        acc = call_bound(q, merge, two, 2, node);
        if (!acc)
            return NULL;
    }
    return acc;
}

/* pack_all(), bag_pack_columns(c, ...), ingestion_time(): functions that
 * depend on the input columns. Returns NULL with *handled false when n is
 * none of them. */
static bexpr *bind_column_fn(qctx *q, bctx *c, const ast *n, bool *handled)
{
    *handled = true;
    if (hstr_is(n->name, "pack_all")) {
        bool drop_empty = false; /* pack_all(true): leave out null and "" values */
        if (n->nkid > 1) {
            err_at(q, n, HUNT_ESEMANTIC, "pack_all() expects at most one argument");
            return NULL;
        }
        if (n->nkid == 1) {
            bexpr *flag = bind_expr(q, c, n->kid[0]);
            if (!flag)
                return NULL;
            if (!is_const(flag) || flag->type != HT_BOOL) {
                err_at(q, n->kid[0], HUNT_ESEMANTIC, "pack_all() expects a constant bool");
                return NULL;
            }
            drop_empty = !vec_is_null(&flag->cval, 0) && flag->cval.b[0];
        }
        const hschema *in = c->op_in ? c->op_in : c->in;
        int nc = in ? in->ncols : 0;
        const char **names = arena_alloc(&q->arena, sizeof(char *) * (size_t)(nc ? nc : 1));
        bexpr **vals = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(nc ? nc : 1));
        for (int i = 0; i < nc; i++) {
            names[i] = in->names[i];
            vals[i] = bx_new(q, BX_COL, in->types[i], n);
            vals[i]->col = i;
        }
        bexpr *bag = pack_columns(q, names, vals, nc, n);
        if (!bag || !drop_empty)
            return bag;
        bexpr *e = bx_args(q, bx_new(q, BX_CALL, HT_DYNAMIC, n), 1);
        e->fn = &fn_bag_drop_empty_def;
        e->args[0] = bag;
        note_fncall(q, e); /* its per-query state is released with the query */
        return e;
    }
    if (hstr_is(n->name, "bag_pack_columns")) {
        const char **names =
            arena_alloc(&q->arena, sizeof(char *) * (size_t)(n->nkid ? n->nkid : 1));
        bexpr **vals = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(n->nkid ? n->nkid : 1));
        for (int i = 0; i < n->nkid; i++) {
            const ast *k = n->kid[i];
            if (k->kind != AST_IDENT) {
                err_at(q, k, HUNT_ESEMANTIC, "bag_pack_columns() expects column names");
                return NULL;
            }
            names[i] = hstr_dup(q, k->name);
            vals[i] = bind_expr(q, c, k);
            if (!vals[i])
                return NULL;
        }
        return pack_columns(q, names, vals, n->nkid, n);
    }
    if (hstr_is(n->name, "ingestion_time")) {
        /* the hidden column the scan of the pipeline's table adds: the time
         * hunt ingested each row's extent */
        if (n->nkid) {
            err_at(q, n, HUNT_ESEMANTIC, "ingestion_time() expects no arguments");
            return NULL;
        }
        int i =
            c->in ? schema_find(c->in, INGESTION_TIME_COLUMN, strlen(INGESTION_TIME_COLUMN)) : -1;
        if (i < 0) {
            err_at(q, n, HUNT_EUNSUPPORTED,
                   "ingestion_time() is supported only in a pipeline that starts at a table");
            return NULL;
        }
        bexpr *e = bx_new(q, BX_COL, HT_DATETIME, n);
        e->col = i;
        return e;
    }
    *handled = false;
    return NULL;
}

/* assert(condition, message): the docs make it a check of query analysis,
 * not of rows: the condition must fold to a constant, the message must be a
 * string literal; a condition that is not true (false or null) fails the
 * query with the message, a true one is the constant true. */
static bexpr *bind_assert(qctx *q, bctx *c, const ast *n)
{
    if (n->nkid != 2) {
        err_at(q, n, HUNT_ESEMANTIC, "assert() expects 2 arguments, got %d", n->nkid);
        return NULL;
    }
    const ast *m = n->kid[1];
    if (m->kind != AST_LITERAL || m->type != HT_STRING || m->op != LIT_VALUE) {
        err_at(q, m, HUNT_ESEMANTIC, "assert(): the message must be a string literal");
        return NULL;
    }
    bexpr *cond = bind_expr(q, c, n->kid[0]);
    if (!cond)
        return NULL;
    if (cond->type == HT_UNKNOWN) /* an untyped null */
        cond = cast_to(q, cond, HT_BOOL);
    if (cond->type != HT_BOOL) {
        err_at(q, n->kid[0], HUNT_ESEMANTIC, "assert(): the condition must be a bool, got %s",
               ht_name(cond->type));
        return NULL;
    }
    if (!is_const(cond)) {
        err_at(q, n->kid[0], HUNT_ESEMANTIC,
               "assert(): the condition must be a constant when the query is analyzed; it "
               "cannot depend on the row");
        return NULL;
    }
    if (vec_is_null(&cond->cval, 0) || !cond->cval.b[0]) {
        err_at(q, n, HUNT_ESEMANTIC, "assert() has failed with message: '%.*s'", (int)m->str.n,
               m->str.p);
        return NULL;
    }
    return bx_const_long(q, HT_BOOL, 1, n);
}

static bexpr *set_option(bind_scope *s, const char *name);

/* Is option value o (NULL: not set) of type want (HT_UNKNOWN: a number)?
 * Else an error at the set statement's value. */
static bool bin_auto_option_fits(qctx *q, const char *opt, const bexpr *o, htype want)
{
    if (!o || o->type == HT_UNKNOWN ||
        (want == HT_UNKNOWN ? ht_is_numeric(o->type) : o->type == want))
        return true;
    q_error(q, HUNT_ESEMANTIC, o->off, o->len, "bin_auto(): %s must be a %s here, got %s", opt,
            want == HT_UNKNOWN ? "number" : ht_name(want), ht_name(o->type));
    return false;
}

/* bin_auto(value): bin(value, size) with the size `set
 * query_bin_auto_size=...;` gave, or bin_at(value, size, at) when `set
 * query_bin_auto_at=...;` gave the fixed point too (the docs' default is 0,
 * bin's own origin). Type errors name bin_auto. */
static bexpr *bind_bin_auto(qctx *q, bctx *c, const ast *n)
{
    if (n->nkid != 1) {
        err_at(q, n, HUNT_ESEMANTIC, "bin_auto() expects 1 argument, got %d", n->nkid);
        return NULL;
    }
    bexpr *size = set_option(c->scope, "query_bin_auto_size");
    bexpr *at = set_option(c->scope, "query_bin_auto_at");
    if (!size) {
        err_at(q, n, HUNT_ESEMANTIC,
               "bin_auto() needs the bin size: put `set query_bin_auto_size=...;` before the "
               "query");
        return NULL;
    }
    const fn_def *f = fn_lookup(at ? "bin_at" : "bin", at ? 6 : 3);
    if (!f) {
        err_at(q, n, HUNT_EUNSUPPORTED, "bin_auto() is not available");
        return NULL;
    }
    bexpr *args[3] = {bind_expr(q, c, n->kid[0]), size, at};
    if (!args[0])
        return NULL;
    htype v = args[0]->type;
    bool timed = v == HT_DATETIME || v == HT_TIMESPAN;
    if ((timed || ht_is_numeric(v)) &&
        (!bin_auto_option_fits(q, "query_bin_auto_size", size, timed ? HT_TIMESPAN : HT_UNKNOWN) ||
         !bin_auto_option_fits(q, "query_bin_auto_at", at, timed ? v : HT_UNKNOWN)))
        return NULL;
    fn_def *renamed = arena_alloc(&q->arena, sizeof *renamed);
    *renamed = *f;
    renamed->name = "bin_auto";
    return call_bound(q, renamed, args, at ? 3 : 2, n);
}

static bexpr *bind_call(qctx *q, bctx *c, const ast *n)
{
    hstr name = n->name;
    sym *y = lookup(q, c->scope, name);
    if (y && y->kind == SYM_FUNC)
        return bind_user_call(q, c, n, y);
    const char *current = legacy_fn_current(name);
    if (current) {
        ast *m = arena_alloc(&q->arena, sizeof *m);
        *m = *n;
        m->name = (hstr){current, (uint32_t)strlen(current)};
        return bind_call(q, c, m);
    }
    if (agg_lookup(name.p, name.n)) {
        if (c->agg)
            return agg_call(q, c, n);
        err_at(q, n, HUNT_ESEMANTIC, "aggregate function '%.*s' is only allowed in summarize",
               (int)name.n, name.p);
        return NULL;
    }
    if (hstr_is(name, "toscalar")) {
        if (n->nkid != 1) {
            err_at(q, n, HUNT_ESEMANTIC, "toscalar() expects one argument");
            return NULL;
        }
        if (!is_tabular_node(q, c->scope, n->kid[0]))
            return bind_expr(q, c, n->kid[0]);
        op *sub = bind_tabular(q, c->scope, n->kid[0]);
        if (!sub)
            return NULL;
        bexpr *e = bx_new(q, BX_SUBQ, sub->schema.ncols ? sub->schema.types[0] : HT_LONG, n);
        e->sub = sub;
        return e;
    }
    if (hstr_is(name, "column_names_of"))
        return bind_column_names_of(q, c, n);
    if (hstr_is(name, "assert"))
        return bind_assert(q, c, n);
    if (hstr_is(name, "bin_auto"))
        return bind_bin_auto(q, c, n);
    if (hstr_is(name, "column_ifexists")) {
        if (n->nkid != 2) {
            err_at(q, n, HUNT_ESEMANTIC,
                   "column_ifexists() expects a column name string and a default");
            return NULL;
        }
        /* the name is a constant: a literal, or a parameter given one */
        hstr col = n->kid[0]->str;
        if (n->kid[0]->kind != AST_LITERAL || n->kid[0]->type != HT_STRING) {
            bctx cc = {NULL, c->scope, NULL};
            if (!const_string_arg(q, &cc, n->kid[0],
                                  "column_ifexists() expects a constant string column name", &col))
                return NULL;
        }
        int i = find_col(c->in, col);
        if (i >= 0) {
            bexpr *e = bx_new(q, BX_COL, c->in->types[i], n);
            e->col = i;
            return e;
        }
        return bind_expr(q, c, n->kid[1]);
    }
    bool handled;
    bexpr *ce = bind_column_fn(q, c, n, &handled);
    if (handled)
        return ce;
    const fn_def *f = fn_lookup(name.p, name.n);
    if (!f) {
        if (in_list(known_unsupported_fns, name))
            err_at(q, n, HUNT_EUNSUPPORTED, "function '%.*s' is not supported yet", (int)name.n,
                   name.p);
        else if (window_fn_name(name)) /* bound by extend, project, serialize */
            err_at(q, n, HUNT_EUNSUPPORTED,
                   "not supported: %.*s() here; hunt runs window functions in extend, project "
                   "and serialize (extend it into a column, then filter on the column)",
                   (int)name.n, name.p);
        else
            err_at(q, n, HUNT_ESEMANTIC, "unknown function '%.*s'", (int)name.n, name.p);
        return NULL;
    }
    if (n->nkid > f->max_args && f->max_args >= FN_MAX_ARGS - 1) {
        /* hunt's limit on arguments (Kusto.Language lets pack_array() and
         * case() repeat theirs up to 32767 times) */
        err_at(q, n, HUNT_EUNSUPPORTED,
               "%s() with more than %d arguments is not supported (got %d)", f->name, f->max_args,
               n->nkid);
        return NULL;
    }
    if (n->nkid < f->min_args || n->nkid > f->max_args) {
        if (f->min_args == f->max_args)
            err_at(q, n, HUNT_ESEMANTIC, "%s() expects %d argument%s, got %d", f->name, f->min_args,
                   f->min_args == 1 ? "" : "s", n->nkid);
        else
            err_at(q, n, HUNT_ESEMANTIC, "%s() expects %d to %d arguments, got %d", f->name,
                   f->min_args, f->max_args, n->nkid);
        return NULL;
    }
    bexpr *args[FN_MAX_ARGS];
    for (int i = 0; i < n->nkid && i < FN_MAX_ARGS; i++) {
        const ast *a = n->kid[i];
        if (a->kind == AST_STAR) {
            err_at(q, a, HUNT_EUNSUPPORTED, "'*' as an argument of %s() is not supported yet",
                   f->name);
            return NULL;
        }
        args[i] = bind_expr(q, c, a);
        if (!args[i])
            return NULL;
    }
    return call_bound(q, f, args, n->nkid, n);
}

/* A user-defined function: binds its body with the parameters bound to the
 * call's arguments. */
static const ast *call_arg(const ast *call, const ast *params, int i);

static bexpr *bind_user_call(qctx *q, bctx *c, const ast *n, sym *f)
{
    const ast *lam = f->node;
    const ast *params = lam->kid[0];
    const ast *body = lam->kid[1];
    if (call_depth >= MAX_CALL_DEPTH) {
        err_at(q, n, HUNT_ESEMANTIC, "function '%.*s' calls itself too deeply", (int)n->name.n,
               n->name.p);
        return NULL;
    }
    if (n->nkid > params->nkid) {
        err_at(q, n, HUNT_ESEMANTIC, "%.*s() takes %d argument%s, got %d", (int)n->name.n,
               n->name.p, params->nkid, params->nkid == 1 ? "" : "s", n->nkid);
        return NULL;
    }
    bind_scope *s = bind_scope_new(q, f->defscope);
    s->rowctx = c->in;
    for (int i = 0; i < params->nkid; i++) {
        const ast *p = params->kid[i];
        const ast *given = call_arg(n, params, i);
        const ast *arg = given ? given : (p->nkid > 1 ? p->kid[1] : NULL);
        if (!arg) {
            err_at(q, n, HUNT_ESEMANTIC, "missing argument '%.*s' of %.*s()", (int)p->name.n,
                   p->name.p, (int)n->name.n, n->name.p);
            return NULL;
        }
        if (p->op == 1) {
            sym *y = scope_add(q, s, p->name, SYM_TABULAR);
            y->node = arg;
            y->defscope = c->scope;
            continue;
        }
        bctx ac = *c;
        if (!given) { /* default value: bound in the function's scope */
            ac.scope = f->defscope;
            ac.in = NULL;
        }
        bexpr *v = bind_expr(q, &ac, arg);
        if (!v)
            return NULL;
        if (p->type != HT_UNKNOWN)
            v = cast_to(q, v, p->type);
        sym *y = scope_add(q, s, p->name, SYM_SCALAR);
        y->scalar = v;
    }
    if (body->nkid == 0) {
        err_at(q, n, HUNT_ESEMANTIC, "function '%.*s' has an empty body", (int)n->name.n,
               n->name.p);
        return NULL;
    }
    call_depth++;
    bexpr *e = NULL;
    int i = 0;
    /* body: lets, then the result expression */
    for (; i + 1 < body->nkid; i++)
        if (bind_let(q, s, body->kid[i]) < 0)
            break;
    if (i + 1 >= body->nkid) {
        bctx bc = *c;
        bc.scope = s;
        e = bind_expr(q, &bc, body->kid[body->nkid - 1]);
    }
    call_depth--;
    return e;
}

/* --- expressions ------------------------------------------------------------------------- */

static bexpr *bind_expr(qctx *q, bctx *c, const ast *n)
{
    if (!n) {
        q_error(q, HUNT_ESYNTAX, -1, 0, "missing expression");
        return NULL;
    }
    switch (n->kind) {
    case AST_LITERAL:
        return bind_literal(q, n);
    case AST_IDENT:
        return bind_ident(q, c, n);
    case AST_NAMED:
        return bind_expr(q, c, n->kid[0]);
    case AST_BINARY:
        return bind_binary(q, c, n);
    case AST_UNARY: {
        bexpr *x = bind_expr(q, c, n->kid[0]);
        if (!x)
            return NULL;
        if (x->type == HT_DYNAMIC)
            x = cast_to(q, x, HT_REAL);
        if (n->op == OP_PLUS)
            return x;
        if (!ht_is_numeric(x->type) && x->type != HT_TIMESPAN) {
            err_at(q, n, HUNT_ESEMANTIC, "unary '-' is not defined for %s", ht_name(x->type));
            return NULL;
        }
        bexpr *e = bx_args(q, bx_new(q, BX_NEG, x->type, n), 1);
        e->args[0] = x;
        return fold(q, e);
    }
    case AST_IN:
        return bind_in(q, c, n);
    case AST_BETWEEN:
        return bind_between(q, c, n);
    case AST_CALL:
        return bind_call(q, c, n);
    case AST_MEMBER:
    case AST_INDEX: {
        bexpr *base = bind_expr(q, c, n->kid[0]);
        if (!base)
            return NULL;
        if (base->type != HT_DYNAMIC) {
            err_at(q, n, HUNT_ESEMANTIC,
                   "property access needs a dynamic value, but this is %s (use parse_json())",
                   ht_name(base->type));
            return NULL;
        }
        if (n->kind == AST_MEMBER) {
            bexpr *e = bx_args(q, bx_new(q, BX_MEMBER, HT_DYNAMIC, n), 1);
            e->args[0] = base;
            vec_const(&q->arena, &e->cval, HT_STRING, 1);
            e->cval.s[0] = n->name;
            return fold(q, e);
        }
        bexpr *ix = bind_expr(q, c, n->kid[1]);
        if (!ix)
            return NULL;
        if (ix->type == HT_DYNAMIC)
            ix = cast_to(q, ix, HT_STRING);
        if (ix->type != HT_STRING && !ht_is_numeric(ix->type)) {
            err_at(q, n->kid[1], HUNT_ESEMANTIC, "an index must be a string or a number");
            return NULL;
        }
        if (ix->type == HT_INT)
            ix = cast_to(q, ix, HT_LONG);
        bexpr *e = bx_args(q, bx_new(q, BX_INDEX, HT_DYNAMIC, n), 2);
        e->args[0] = base;
        e->args[1] = ix;
        return fold(q, e);
    }
    case AST_TYPEOF: {
        const char *tn = ht_name(n->type);
        return bx_const_str(q, tn, strlen(tn), n);
    }
    case AST_STAR:
        err_at(q, n, HUNT_EUNSUPPORTED, "'*' is not supported in this position yet");
        return NULL;
    default:
        if (is_tabular_node(q, c->scope, n)) {
            err_at(q, n, HUNT_ESEMANTIC,
                   "a tabular expression is not allowed here (use toscalar())");
            return NULL;
        }
        err_at(q, n, HUNT_EUNSUPPORTED, "expression '%s' is not supported yet",
               ast_kind_name(n->kind));
        return NULL;
    }
}

/* --- output names ------------------------------------------------------------------------ */

const char *name_unique(qctx *q, const hschema *s, const char *base)
{
    if (schema_find(s, base, strlen(base)) < 0)
        return base;
    char buf[300];
    for (int i = 1;; i++) {
        snprintf(buf, sizeof buf, "%s%d", base, i);
        if (schema_find(s, buf, strlen(buf)) < 0)
            return arena_strndup(&q->arena, buf, strlen(buf));
    }
}

static bool in_list(const char *const *l, hstr s);

/* x['a'] or x[0]: an index that Kusto spells into a column name. */
static bool name_index(const ast *n)
{
    if (n->kind != AST_INDEX || n->nkid != 2 || n->kid[1]->kind != AST_LITERAL)
        return false;
    htype t = n->kid[1]->type;
    return t == HT_STRING || ((t == HT_LONG || t == HT_INT) && n->kid[1]->ival >= 0);
}

/* The column name Kusto gives an unnamed expression, or NULL for "ColumnN". */
static const char *call_name(qctx *q, const ast *n);

static const char *expr_name(qctx *q, const ast *n)
{
    if (n->kind == AST_IDENT)
        return hstr_dup(q, n->name);
    /* `Name = expr` as an argument of a built-in function, whose arguments
     * are positional: toint(Compliant = dcountif(...)) is named Compliant, as
     * Kusto.Language names it (Binder.GetExpressionResultName) */
    if (n->kind == AST_NAMED && n->nkid == 1 && n->name.n)
        return hstr_dup(q, n->name);
    if (n->kind == AST_MEMBER || name_index(n)) {
        /* x.a.b, x['a'], x[0].b → x_a_b, x_0_b as Kusto does */
        char buf[512];
        size_t k = 0;
        const ast *p = n;
        const ast *chain[32];
        int nc = 0;
        while (nc < 31 && (p->kind == AST_MEMBER || name_index(p))) {
            chain[nc++] = p;
            p = p->kid[0];
        }
        /* the base's own name (parse_json(d).a is d_a); a base without one
         * leaves the selectors alone (dynamic({"z": 1}).z is z), as Kusto's
         * GetExpressionResultName does */
        const char *base = expr_name(q, p);
        k += (size_t)snprintf(buf, sizeof buf, "%s", base ? base : "");
        for (int i = nc - 1; i >= 0 && k < sizeof buf - 2; i--) {
            const ast *c = chain[i];
            if (c->kind == AST_INDEX && c->kid[1]->type != HT_STRING) {
                k += (size_t)snprintf(buf + k, sizeof buf - k, "_%lld", (long long)c->kid[1]->ival);
                continue;
            }
            hstr part = c->kind == AST_MEMBER ? c->name : c->kid[1]->str;
            k += (size_t)snprintf(buf + k, sizeof buf - k, "_%.*s", (int)part.n, part.p);
        }
        if (k >= sizeof buf)
            k = sizeof buf - 1;
        size_t skip = base && *base ? 0 : 1; /* the first selector's '_' */
        if (k <= skip)
            return NULL;
        return arena_strndup(&q->arena, buf + skip, k - skip);
    }
    if (n->kind == AST_CALL)
        return call_name(q, n);
    return NULL;
}

/* The column name Kusto gives an unnamed call of a built-in function, by the
 * function's result-name kind (engine/result_name.h), or NULL for "ColumnN". */
static const char *call_name(qctx *q, const ast *n)
{
    const char *prefix;
    int kind = result_name_kind(n->name.p, n->name.n, &prefix);
    const char *arg = n->nkid ? expr_name(q, n->kid[0]) : NULL;
    char buf[600];
    switch (kind) {
    case RN_FIRST_ARG:
        return arg;
    case RN_ONLY_ARG:
        return n->nkid == 1 ? arg : NULL;
    case RN_PREFIX_ONLY:
        return prefix;
    case RN_NAME_AND_FIRST_ARG:
    case RN_PREFIX_AND_FIRST_ARG:
        /* Kusto keeps the underscore when the argument has no name: strlen_ */
        snprintf(buf, sizeof buf, "%.*s_%s",
                 kind == RN_PREFIX_AND_FIRST_ARG ? (int)strlen(prefix) : (int)n->name.n,
                 kind == RN_PREFIX_AND_FIRST_ARG ? prefix : n->name.p, arg ? arg : "");
        return arena_strndup(&q->arena, buf, strlen(buf));
    default:
        return NULL; /* RN_NONE; column_ifexists() is named where it is bound */
    }
}

static const char *column_n(qctx *q, const hschema *s, int *counter)
{
    char buf[32];
    for (;;) {
        snprintf(buf, sizeof buf, "Column%d", ++*counter);
        if (schema_find(s, buf, strlen(buf)) < 0)
            return arena_strndup(&q->arena, buf, strlen(buf));
    }
}

/* --- tabular sources ------------------------------------------------------------------------ */

/* The value of the body's last statement: through the body's own lets, so a
 * body ending in `let R = T | ...; R` is seen to return R's value. */
static const ast *body_result(const ast *body)
{
    const ast *r = body->kid[body->nkid - 1];
    for (int i = body->nkid - 2; i >= 0 && r->kind == AST_IDENT; i--) {
        const ast *let = body->kid[i];
        if (let->kind == AST_LET && let->name.n == r->name.n &&
            !memcmp(let->name.p, r->name.p, r->name.n) && let->kid[0]->kind != AST_LAMBDA)
            r = let->kid[0];
    }
    return r;
}

/* Does user function y return a table? */
static bool fn_is_tabular(qctx *q, sym *y)
{
    const ast *body = y->node->kid[1];
    if (!body->nkid || call_depth >= MAX_CALL_DEPTH)
        return false;
    call_depth++;
    bool t = is_tabular_node(q, y->defscope, body_result(body));
    call_depth--;
    return t;
}

/* The call a cross-service table reference starts from: arg("").Resources
 * (Azure Resource Graph), workspace("w").T, app("a").T, cluster("c").T,
 * adx("u").T, resource("r").T; NULL for anything else. */
static const ast *cross_service_root(const ast *n)
{
    static const char *const services[] = {"arg", "workspace", "app", "cluster",
                                           "adx", "resource",  NULL};
    while (n && n->kind == AST_MEMBER)
        n = n->kid[0];
    return n && n->kind == AST_CALL && in_list(services, n->name) ? n : NULL;
}

static bool is_tabular_node(qctx *q, bind_scope *s, const ast *n)
{
    switch (n->kind) {
    case AST_PIPE:
    case AST_DATATABLE:
    case AST_PRINT:
    case AST_RANGE:
    case AST_UNION:
    case AST_EXTERNALDATA:
    case AST_EVALUATE:
    case AST_SEARCH:
        return true;
    case AST_IDENT: {
        sym *y = lookup(q, s, n->name);
        if (y && y->kind == SYM_FUNC)
            return fn_is_tabular(q, y);
        if (y)
            return y->kind == SYM_TABULAR;
        return catalog_find(q->catalog, n->name.p, n->name.n) != NULL;
    }
    case AST_CALL: {
        if (hstr_is(n->name, "materialize") || hstr_is(n->name, "table") ||
            hstr_is(n->name, "view") || hstr_is(n->name, "_GetWatchlist"))
            return true;
        sym *y = lookup(q, s, n->name);
        return y && y->kind == SYM_FUNC && fn_is_tabular(q, y);
    }
    case AST_MEMBER:
        return cross_service_root(n) != NULL; /* bound only to say it is not supported */
    default:
        return false;
    }
}

/* A one-row, zero-column source (print). */
static int single_next(op *o, batch **out)
{
    bool *done = o->st;
    if (*done) {
        *out = NULL;
        return 0;
    }
    *done = true;
    arena_reset(&o->arena);
    batch *b = arena_zalloc(&o->arena, sizeof *b);
    b->n = 1;
    b->ncols = 0;
    b->cols = NULL;
    *out = b;
    return 0;
}

static op *single_row(qctx *q)
{
    op *o = op_new(q, "singlerow", 0);
    o->st = arena_zalloc(&q->arena, sizeof(bool));
    o->next = single_next;
    return o;
}

bool multi_call_in(const ast *n);
op *bind_window_print(qctx *q, bind_scope *s, op *in, const ast *n);

static op *bind_print(qctx *q, bind_scope *s, const ast *n)
{
    op *src = single_row(q);
    if (multi_call_in(n)) /* array_sort_asc(a, b), series_stats(x): several columns */
        return bind_window_print(q, s, src, n);
    bctx c = {&src->schema, s, NULL};
    bexpr **ex = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(n->nkid ? n->nkid : 1));
    hschema out;
    schema_init(&out);
    for (int i = 0; i < n->nkid; i++) {
        ex[i] = bind_expr(q, &c, n->kid[i]);
        if (!ex[i]) {
            schema_free(&out);
            return NULL;
        }
        char buf[32];
        const char *nm;
        if (n->kid[i]->kind == AST_NAMED)
            nm = hstr_dup(q, n->kid[i]->name);
        else {
            snprintf(buf, sizeof buf, "print_%d", i);
            nm = buf;
        }
        htype t = ex[i]->type == HT_UNKNOWN ? HT_STRING : ex[i]->type;
        if (ex[i]->type == HT_UNKNOWN)
            ex[i] = bx_const_null(q, HT_STRING, n->kid[i]);
        schema_add(&out, name_unique(q, &out, nm), t);
    }
    op *o = exec_project(q, src, ex, n->nkid, &out);
    schema_free(&out);
    return o;
}

static op *bind_datatable(qctx *q, bind_scope *s, const ast *n)
{
    const ast *sch = n->kid[0];
    hschema hs;
    schema_init(&hs);
    for (int i = 0; i < sch->nkid; i++) {
        char *nm = hstr_dup(q, sch->kid[i]->name);
        schema_add(&hs, nm, sch->kid[i]->type);
    }
    int nc = hs.ncols, nv = n->nkid - 1;
    if (nc == 0 || nv % nc) {
        schema_free(&hs);
        err_at(q, n, HUNT_ESEMANTIC, "datatable has %d values for %d columns", nv, nc);
        return NULL;
    }
    htable *t = table_new("datatable", &hs);
    schema_free(&hs);
    tbuild *tb = tbuild_new_scratch(t);
    bctx c = {NULL, s, NULL};
    harena tmp;
    arena_init(&tmp);
    for (int i = 0; i < nv; i++) {
        const ast *vn = n->kid[i + 1];
        int col = i % nc;
        bexpr *e = bind_expr(q, &c, vn);
        if (e && !is_const(e)) {
            err_at(q, vn, HUNT_ESEMANTIC, "datatable values must be constants");
            e = NULL;
        }
        if (e)
            e = cast_to(q, e, t->schema.types[col]);
        if (!e || !is_const(e)) {
            if (e)
                err_at(q, vn, HUNT_ESEMANTIC, "cannot convert this value to %s",
                       ht_name(t->schema.types[col]));
            tbuild_finish(tb);
            table_free(t);
            arena_free(&tmp);
            return NULL;
        }
        tbuild_vec(tb, col, &e->cval, 0);
        if (col == nc - 1)
            tbuild_end_row(tb);
    }
    tbuild_finish(tb);
    arena_free(&tmp);
    return exec_values(q, t);
}

/* Union by name: columns in order of first appearance; a name with two types
 * gets the wider one (numbers) or string. */
static op *bind_union(qctx *q, bind_scope *s, const ast *n, op *first)
{
    int cap = n->nkid + 1 + (first ? 1 : 0);
    op **legs = arena_alloc(&q->arena, sizeof(op *) * (size_t)(cap * 64));
    const char **names = arena_alloc(&q->arena, sizeof(char *) * (size_t)(cap * 64));
    int nl = 0;
    char fuzzy_err[sizeof q->err_msg] = ""; /* why the first leg isfuzzy dropped failed */
    if (first) {
        legs[nl] = first;
        names[nl++] = "union_arg0";
    }
    for (int i = 0; i < n->nkid; i++) {
        const ast *k = n->kid[i];
        bool all = k->kind == AST_STAR; /* union *: every table of the database */
        if (all || (k->kind == AST_IDENT && memchr(k->name.p, '*', k->name.n))) {
            const char *pat = all ? "*" : hstr_dup(q, k->name);
            /* let-bound tabular names (views) match too, innermost first */
            for (bind_scope *sc = s; sc; sc = sc->parent)
                for (sym *y = sc->syms; y && nl < cap * 64; y = y->next) {
                    /* a tabular let, or a view: a function without parameters */
                    bool view = y->kind == SYM_FUNC && y->node->kid[0]->nkid == 0;
                    if (y->kind != SYM_TABULAR && !view)
                        continue;
                    char *yn = hstr_dup(q, y->name);
                    if (fnmatch(pat, yn, 0) != 0)
                        continue;
                    op *o;
                    if (view) {
                        ast *call = ast_new(&q->arena, AST_CALL, k->off, k->len);
                        call->name = y->name;
                        o = bind_tabular(q, sc, call);
                    } else {
                        o = bind_tabular(q, y->defscope, y->node);
                    }
                    if (!o)
                        return NULL;
                    legs[nl] = o;
                    names[nl++] = yn;
                }
            for (int t = 0; t < q->catalog->n && nl < cap * 64; t++) {
                htable *tab = q->catalog->tables[t];
                if (!strchr(tab->name, ':') &&
                    fnmatch(pat, tab->name, 0) == 0) { /* not __fn:, __wl: */
                    legs[nl] = scan_table(q, tab, 0, 0);
                    names[nl++] = tab->name;
                }
            }
            continue;
        }
        op *o = bind_tabular(q, s, k);
        if (!o) {
            const ast *fz = ast_opt(n, "isfuzzy");
            if (fz && fz->nkid && fz->kid[0]->kind == AST_LITERAL && fz->kid[0]->ival) {
                if (!fuzzy_err[0])
                    snprintf(fuzzy_err, sizeof fuzzy_err, "%s", q->err_msg);
                q->err_code = 0;
                continue;
            }
            return NULL;
        }
        legs[nl] = o;
        /* withsource names a leg by its table, or by the `as` that ends it */
        const char *leg = "union_arg";
        if (k->kind == AST_IDENT)
            leg = hstr_dup(q, k->name);
        else if (k->kind == AST_PIPE && k->nkid > 1 && k->kid[k->nkid - 1]->kind == AST_AS)
            leg = hstr_dup(q, k->kid[k->nkid - 1]->name);
        names[nl++] = leg;
    }
    if (nl == 0) {
        if (fuzzy_err[0])
            err_at(q, n, HUNT_ESEMANTIC,
                   "union isfuzzy=true: none of its sources resolved (the first: %s)", fuzzy_err);
        else
            err_at(q, n, HUNT_ESEMANTIC, "union has no tables");
        return NULL;
    }
    const ast *ws = ast_opt(n, "withsource");
    const char *srccol = NULL;
    hschema out;
    schema_init(&out);
    if (ws && ws->nkid && ws->kid[0]->kind == AST_IDENT) {
        srccol = hstr_dup(q, ws->kid[0]->name);
        schema_add(&out, srccol, HT_STRING);
    }
    const ast *kind = ast_opt(n, "kind");
    bool inner = kind && kind->nkid && hstr_is(kind->kid[0]->name, "inner");
    /* By name, in order of first appearance. A name that comes with two
     * types becomes one column per type, named name_type (x_long, x_int),
     * as Kusto does. */
    int maxp = 0;
    for (int l = 0; l < nl; l++)
        maxp += legs[l]->schema.ncols;
    const char **pn = arena_alloc(&q->arena, sizeof(char *) * (size_t)(maxp + 1));
    htype *pt = arena_alloc(&q->arena, sizeof(htype) * (size_t)(maxp + 1));
    int np = 0;
    for (int l = 0; l < nl; l++)
        for (int c = 0; c < legs[l]->schema.ncols; c++) {
            const char *nm = legs[l]->schema.names[c];
            htype t = legs[l]->schema.types[c];
            bool dup = false;
            for (int p = 0; p < np && !dup; p++)
                dup = pt[p] == t && !strcmp(pn[p], nm);
            if (!dup) {
                pn[np] = nm;
                pt[np++] = t;
            }
        }
    const char **outname = arena_alloc(&q->arena, sizeof(char *) * (size_t)(np + 1));
    for (int p = 0; p < np; p++) {
        bool clash = false;
        for (int r = 0; r < np && !clash; r++)
            clash = r != p && !strcmp(pn[r], pn[p]);
        if (clash) {
            char buf[300];
            snprintf(buf, sizeof buf, "%s_%s", pn[p], ht_name(pt[p]));
            /* a column already called x_long keeps its name; ours gets a suffix */
            bool taken = false;
            for (int r = 0; r < np && !taken; r++)
                taken = !strcmp(pn[r], buf);
            if (taken)
                strncat(buf, "1", sizeof buf - strlen(buf) - 1);
            outname[p] = arena_strndup(&q->arena, buf, strlen(buf));
        } else {
            outname[p] = pn[p];
        }
        schema_add(&out, outname[p], pt[p]);
    }
    if (inner) { /* keep only columns every leg has */
        hschema in2;
        schema_init(&in2);
        int k = 0;
        for (int c = 0; c < out.ncols; c++) {
            bool all = srccol && !strcmp(out.names[c], srccol);
            int p = srccol ? c - 1 : c;
            if (!all && p >= 0) {
                all = true;
                for (int l = 0; l < nl && all; l++) {
                    int at = schema_find(&legs[l]->schema, pn[p], strlen(pn[p]));
                    all = at >= 0 && legs[l]->schema.types[at] == pt[p];
                }
            }
            if (all) {
                schema_add(&in2, out.names[c], out.types[c]);
                if (p >= 0) {
                    pn[k] = pn[p];
                    pt[k] = pt[p];
                    k++;
                }
            }
        }
        schema_free(&out);
        out = in2;
    }
    int **map = arena_alloc(&q->arena, sizeof(int *) * (size_t)nl);
    int base = srccol ? 1 : 0;
    for (int l = 0; l < nl; l++) {
        map[l] = arena_alloc(&q->arena, sizeof(int) * (size_t)(out.ncols ? out.ncols : 1));
        for (int c = 0; c < out.ncols; c++) {
            map[l][c] = -1;
            if (c < base)
                continue;
            int at = schema_find(&legs[l]->schema, pn[c - base], strlen(pn[c - base]));
            if (at >= 0 && legs[l]->schema.types[at] == pt[c - base])
                map[l][c] = at;
        }
    }
    op *o = exec_union(q, legs, nl, &out, map, srccol, names);
    schema_free(&out);
    return o;
}

/* --- tabular operators ------------------------------------------------------------------- */

static bool name_matches(const char *pat, const char *name)
{
    return fnmatch(pat, name, 0) == 0;
}

/* Window functions and multi-column functions (exec_window.c). */
bool window_call_in(const ast *n);
op *bind_window_extend(qctx *q, bind_scope *s, op *in, const ast *n, bool extend);

/* Replaces references to columns that ex[] redefines (anything but the
 * identity column) by their defining expressions. Shared sub-trees are fine:
 * expressions are evaluated per batch, not mutated. */
static bexpr *subst_cols(qctx *q, bexpr *e, bexpr **ex)
{
    if (e->kind == BX_COL) {
        bexpr *d = ex[e->col];
        return (d->kind == BX_COL && d->col == e->col) ? e : d;
    }
    bool changed = false;
    bexpr **args = e->args;
    for (int i = 0; i < e->nargs; i++) {
        bexpr *a = subst_cols(q, e->args[i], ex);
        if (a != e->args[i]) {
            if (!changed) {
                args = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)e->nargs);
                memcpy(args, e->args, sizeof(bexpr *) * (size_t)e->nargs);
                changed = true;
            }
            args[i] = a;
        }
    }
    if (!changed)
        return e;
    bexpr *c = arena_alloc(&q->arena, sizeof *c);
    *c = *e;
    c->args = args;
    if (c->kind == BX_CALL && c->fn && c->fn->free_state) {
        c->fnstate = NULL; /* its own per-call-site state, freed with the query */
        note_fncall(q, c);
    }
    return c;
}

static op *bind_project_like(qctx *q, bind_scope *s, op *in, const ast *n, bool extend)
{
    if (window_call_in(n))
        return bind_window_extend(q, s, in, n, extend);
    bctx c = {&in->schema, s, NULL};
    int cap = in->schema.ncols + n->nkid + 1;
    bexpr **ex = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)cap);
    hschema out;
    schema_init(&out);
    int ne = 0, counter = 0;
    if (extend)
        for (int i = 0; i < in->schema.ncols; i++) {
            bexpr *e = bx_new(q, BX_COL, in->schema.types[i], NULL);
            e->col = i;
            ex[ne++] = e;
            schema_add(&out, in->schema.names[i], in->schema.types[i]);
        }
    for (int i = 0; i < n->nkid; i++) {
        const ast *k = n->kid[i];
        /* in extend, an expression may use a column an earlier one defined
         * (extend b = a + 1, c = b * 10): bind against the columns so far and
         * substitute the defining expressions */
        if (extend) {
            c.in = &out;
            c.op_in = &in->schema;
        }
        bexpr *e = bind_expr(q, &c, k);
        if (e && extend)
            e = subst_cols(q, e, ex);
        if (!e) {
            schema_free(&out);
            return NULL;
        }
        if (e->type == HT_UNKNOWN)
            e = bx_const_null(q, HT_STRING, k);
        const char *nm;
        if (k->kind == AST_NAMED)
            nm = hstr_dup(q, k->name);
        else
            nm = expr_name(q, k);
        if (!nm)
            nm = column_n(q, &out, &counter);
        int at = schema_find(&out, nm, strlen(nm));
        if (at >= 0 && (extend || k->kind == AST_NAMED || k->kind == AST_IDENT)) {
            if (!extend && k->kind == AST_IDENT) {
                schema_free(&out);
                err_at(q, k, HUNT_ESEMANTIC, "column '%s' is projected twice", nm);
                return NULL;
            }
            ex[at] = e;
            out.types[at] = e->type;
            continue;
        }
        if (at >= 0)
            nm = name_unique(q, &out, nm);
        ex[ne++] = e;
        schema_add(&out, nm, e->type);
    }
    op *o = exec_project(q, in, ex, ne, &out);
    schema_free(&out);
    return o;
}

static op *project_cols(qctx *q, op *in, const int *cols, const char *const *names, int n)
{
    bexpr **ex = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(n ? n : 1));
    hschema out;
    schema_init(&out);
    for (int i = 0; i < n; i++) {
        ex[i] = bx_new(q, BX_COL, in->schema.types[cols[i]], NULL);
        ex[i]->col = cols[i];
        schema_add(&out, names ? names[i] : in->schema.names[cols[i]], in->schema.types[cols[i]]);
    }
    op *o = exec_project(q, in, ex, n, &out);
    schema_free(&out);
    return o;
}

static op *bind_project_away(qctx *q, op *in, const ast *n, bool keep)
{
    int nc = in->schema.ncols;
    int *cols = arena_alloc(&q->arena, sizeof(int) * (size_t)(nc ? nc : 1));
    int k = 0;
    for (int i = 0; i < n->nkid; i++) {
        char *pat = hstr_dup(q, n->kid[i]->name);
        bool any = false;
        for (int c = 0; c < nc; c++)
            if (name_matches(pat, in->schema.names[c]))
                any = true;
        if (!any && !strchr(pat, '*')) {
            err_at(q, n->kid[i], HUNT_ESEMANTIC, "unknown column '%s'", pat);
            return NULL;
        }
    }
    for (int c = 0; c < nc; c++) {
        bool hit = false;
        for (int i = 0; i < n->nkid && !hit; i++)
            hit = name_matches(hstr_dup(q, n->kid[i]->name), in->schema.names[c]);
        if (hit == keep)
            cols[k++] = c;
    }
    return project_cols(q, in, cols, NULL, k);
}

static op *bind_project_rename(qctx *q, op *in, const ast *n)
{
    int nc = in->schema.ncols;
    int *cols = arena_alloc(&q->arena, sizeof(int) * (size_t)(nc ? nc : 1));
    const char **names = arena_alloc(&q->arena, sizeof(char *) * (size_t)(nc ? nc : 1));
    for (int c = 0; c < nc; c++) {
        cols[c] = c;
        names[c] = in->schema.names[c];
    }
    for (int i = 0; i < n->nkid; i++) {
        const ast *k = n->kid[i];
        const ast *old = k->kind == AST_NAMED ? k->kid[0] : NULL;
        if (!old || old->kind != AST_IDENT) {
            err_at(q, k, HUNT_ESYNTAX, "project-rename expects new = old");
            return NULL;
        }
        int at = find_col(&in->schema, old->name);
        if (at < 0) {
            err_at(q, old, HUNT_ESEMANTIC, "unknown column '%.*s'", (int)old->name.n, old->name.p);
            return NULL;
        }
        names[at] = hstr_dup(q, k->name);
    }
    return project_cols(q, in, cols, names, nc);
}

static op *bind_project_reorder(qctx *q, op *in, const ast *n)
{
    int nc = in->schema.ncols;
    int *cols = arena_alloc(&q->arena, sizeof(int) * (size_t)(nc ? nc : 1));
    bool *used = arena_zalloc(&q->arena, (size_t)(nc ? nc : 1));
    int k = 0;
    for (int i = 0; i < n->nkid; i++) {
        const ast *key = n->kid[i]->kind == AST_SORTKEY ? n->kid[i]->kid[0] : n->kid[i];
        int fl = n->kid[i]->kind == AST_SORTKEY ? n->kid[i]->op : 0;
        char *pat = hstr_dup(q, key->name);
        int first = k;
        for (int c = 0; c < nc; c++)
            if (!used[c] && name_matches(pat, in->schema.names[c])) {
                used[c] = true;
                cols[k++] = c;
            }
        /* `a* asc` / `a* desc`: the columns a pattern matched, ordered by name */
        if (fl & (SORT_ASC | SORT_DESC))
            for (int x = first + 1; x < k; x++)
                for (int y = x; y > first; y--) {
                    int cmp = strcmp(in->schema.names[cols[y - 1]], in->schema.names[cols[y]]);
                    if ((fl & SORT_DESC) ? cmp >= 0 : cmp <= 0)
                        break;
                    int t = cols[y];
                    cols[y] = cols[y - 1];
                    cols[y - 1] = t;
                }
    }
    for (int c = 0; c < nc; c++)
        if (!used[c])
            cols[k++] = c;
    return project_cols(q, in, cols, NULL, k);
}

static int64_t const_count(qctx *q, bind_scope *s, const ast *n, bool *ok)
{
    bctx c = {NULL, s, NULL};
    bexpr *e = bind_expr(q, &c, n);
    *ok = false;
    if (!e)
        return 0;
    if (!is_const(e) || !ht_is_numeric(e->type)) {
        err_at(q, n, HUNT_ESEMANTIC, "expected a constant number");
        return 0;
    }
    *ok = true;
    return e->type == HT_REAL ? (int64_t)e->cval.r[0] : e->cval.i[0];
}

static sortkey *bind_sortkeys(qctx *q, bind_scope *s, op *in, const ast *const *keys, int nk)
{
    bctx c = {&in->schema, s, NULL};
    sortkey *sk = arena_zalloc(&q->arena, sizeof(sortkey) * (size_t)(nk ? nk : 1));
    for (int i = 0; i < nk; i++) {
        const ast *k = keys[i];
        const ast *ex = k->kind == AST_SORTKEY ? k->kid[0] : k;
        int fl = k->kind == AST_SORTKEY ? k->op : 0;
        sk[i].e = bind_expr(q, &c, ex);
        if (!sk[i].e)
            return NULL;
        sk[i].desc = !(fl & SORT_ASC);
        if (fl & SORT_NULLS_FIRST)
            sk[i].nulls_first = true;
        else if (fl & SORT_NULLS_LAST)
            sk[i].nulls_first = false;
        else
            sk[i].nulls_first = !sk[i].desc;
    }
    return sk;
}

/* --- summarize ----------------------------------------------------------------------------- */

struct aggbind {
    aggspec **specs;
    int n, cap;
    const hschema *in;
    hschema *out; /* columns: keys, then aggregate outputs */
    int nkeys;
    const char *want_name;   /* name of the aggregate when it is the whole expression */
    const char **want_names; /* (a, b) = agg(...): names of its first columns */
    int nwant;
    const ast *by;  /* the by clause (argmin/argmax leave its columns out of `*`) */
    const ast *top; /* the aggregate expression being bound */
    bool star_skip_first;
    int *hidden; /* per aggregate spec: first output column */
    struct {
        const ast *node;
        int col;
    } * made;
};

static const char *agg_default_name(qctx *q, const agg_def *d, const ast *n, int k)
{
    char buf[300];
    const ast *a0 = n->nkid ? n->kid[0] : NULL;
    if (a0 && a0->kind == AST_NAMED)
        a0 = a0->kid[0];
    /* countif(pred) is countif_ unless the predicate is a named bool (countif_b) */
    const char *an = a0 ? expr_name(q, a0) : NULL;
    if (!strcmp(d->name, "percentile") || !strcmp(d->name, "percentiles") ||
        !strcmp(d->name, "percentilew") || !strcmp(d->name, "percentilesw")) {
        bool w = d->name[strlen(d->name) - 1] == 'w';
        int at = k + 1 + (w ? 1 : 0);
        const ast *p = n->nkid > at ? n->kid[at] : NULL;
        char pv[64] = "";
        if (p && p->kind == AST_LITERAL) {
            if (p->type == HT_REAL)
                snprintf(pv, sizeof pv, "%g", p->rval);
            else
                snprintf(pv, sizeof pv, "%lld", (long long)p->ival);
            for (char *x = pv; *x; x++)
                if (*x == '.')
                    *x = '_';
        }
        /* all four name their columns percentile_X_P (Kusto.Language's
         * PercentileReturn; the docs' percentilesw example shows it) */
        snprintf(buf, sizeof buf, "percentile_%s_%s", an ? an : "", pv);
        return arena_strndup(&q->arena, buf, strlen(buf));
    }
    /* take_any(x) keeps x's name; take_any(1 + x) is any_arg0 (Kusto.Language's
     * GetAnyResult) */
    if (!d->prefix[0] && !an)
        return strcmp(d->name, "take_any") ? "any_" : "any_arg0";
    if (!strncmp(d->name, "covariance", 10) && n->nkid >= 2) { /* covariance_x_y */
        const ast *a1 = n->kid[1]->kind == AST_NAMED ? n->kid[1]->kid[0] : n->kid[1];
        const char *bn = expr_name(q, a1);
        snprintf(buf, sizeof buf, "%s%s_%s", d->prefix, an ? an : "", bn ? bn : "");
        return arena_strndup(&q->arena, buf, strlen(buf));
    }
    snprintf(buf, sizeof buf, "%s%s", d->prefix, an ? an : "");
    return arena_strndup(&q->arena, buf, strlen(buf));
}

/* argmax/argmin (deprecated): Kusto.Language's GetArgMinMaxDepResult names the
 * first column after the first argument (P) and every other one P_name (P_argN
 * for an expression without a name); `*` adds the input's columns but the first
 * argument's, and, as for arg_max, with a `*` a column is returned once and not
 * at all if it is a by column. */
struct depnames {
    uint8_t *used, *bycol;
    int primcol;
    const char *pname;
    bool anystar;
};

static int dep_prepare(qctx *q, bctx *ac, struct aggbind *ab, const ast *n, struct depnames *dn)
{
    dn->used = arena_zalloc(&q->arena, (size_t)ab->in->ncols + 1);
    dn->bycol = arena_zalloc(&q->arena, (size_t)ab->in->ncols + 1);
    dn->primcol = -1;
    dn->pname = "";
    for (int i = 0; i < n->nkid; i++)
        if (n->kid[i]->kind == AST_STAR)
            dn->anystar = true;
    if (n->nkid && n->kid[0]->kind == AST_STAR) {
        err_at(q, n->kid[0], HUNT_ESEMANTIC,
               "%.*s(): the first argument is the value to order by; '*' may only follow it",
               (int)n->name.n, n->name.p);
        return -1;
    }
    for (int i = 0; ab->by && i < ab->by->nkid; i++) {
        const ast *k = ab->by->kid[i];
        if (k->kind == AST_NAMED && k->nkid == 1)
            k = k->kid[0];
        if (k->kind != AST_IDENT)
            continue;
        bexpr *e = bind_expr(q, ac, k);
        if (!e)
            return -1;
        if (e->kind == BX_COL)
            dn->bycol[e->col] = 1;
    }
    return 0;
}

static const char *dep_join(qctx *q, const char *a, const char *b)
{
    char buf[600];
    snprintf(buf, sizeof buf, "%s_%s", a, b);
    return arena_strndup(&q->arena, buf, strlen(buf));
}

/* Binds argument i of argmax/argmin into args[*na...] with its (unprefixed)
 * column name. */
static int dep_arg(qctx *q, bctx *ac, struct aggbind *ab, const ast *n, int i, struct depnames *dn,
                   bexpr **args, const char **argnames, int *na)
{
    const ast *a = n->kid[i];
    if (a->kind == AST_STAR) {
        for (int col = 0; col < ab->in->ncols; col++) {
            if (col == dn->primcol || dn->used[col] || dn->bycol[col])
                continue;
            dn->used[col] = 1;
            bexpr *e = bx_new(q, BX_COL, ab->in->types[col], a);
            e->col = col;
            argnames[*na] = dep_join(q, dn->pname, ab->in->names[col]);
            args[(*na)++] = e;
        }
        return 0;
    }
    const ast *ex = a->kind == AST_NAMED ? a->kid[0] : a;
    bexpr *e = bind_expr(q, ac, ex);
    if (!e)
        return -1;
    const char *nm = a->kind == AST_NAMED ? hstr_dup(q, a->name) : expr_name(q, ex);
    /* a column, named or not; the first argument counts as one only unnamed */
    bool iscol = e->kind == BX_COL && (i > 0 || a->kind != AST_NAMED);
    if (i == 0) {
        dn->pname = nm ? nm : "";
        if (iscol) {
            dn->primcol = e->col;
            dn->used[e->col] = 1;
        }
        argnames[*na] = dn->pname;
        args[(*na)++] = e;
        return 0;
    }
    if (iscol && dn->anystar && (dn->used[e->col] || dn->bycol[e->col]))
        return 0;
    if (iscol)
        dn->used[e->col] = 1;
    char buf[32];
    if (!nm) {
        snprintf(buf, sizeof buf, "arg%d", i);
        nm = buf;
    }
    argnames[*na] = dep_join(q, dn->pname, nm);
    args[(*na)++] = e;
    return 0;
}

static bexpr *agg_call(qctx *q, bctx *c, const ast *n)
{
    struct aggbind *ab = c->agg;
    const agg_def *d = agg_lookup(n->name.p, n->name.n);
    /* take_any(a, b, ...) and take_any(*) return one row's values, named like arg_max's */
    if ((!strcmp(d->name, "take_any") || !strcmp(d->name, "any")) &&
        (n->nkid > 1 || (n->nkid == 1 && n->kid[0]->kind == AST_STAR)))
        d = agg_lookup("take_any()", 10);
    if (n->nkid < d->min_args || n->nkid > d->max_args) {
        err_at(q, n, HUNT_ESEMANTIC, "%s() expects %d to %d arguments, got %d", d->name,
               d->min_args, d->max_args, n->nkid);
        return NULL;
    }
    aggspec *sp = arena_zalloc(&q->arena, sizeof *sp);
    sp->def = d;
    sp->params = arena_zalloc(&q->arena, sizeof(double) * (size_t)(n->nkid + 1 + PCT_LIST_MAX));
    sp->nout = 1;
    /* argmax/argmin, the deprecated spellings (Kusto.Language Aggregates
     * ArgMax_Deprecated, GetArgMinMaxDepResult): the same row, but the
     * columns are named after the first argument */
    bool dep = !strcmp(d->name, "argmax") || !strcmp(d->name, "argmin");
    bool isarg = !strcmp(d->name, "arg_max") || !strcmp(d->name, "arg_min") ||
                 !strcmp(d->name, "take_any()") || dep;
    bool ispct = !strncmp(d->name, "percentile", 10);
    int firstparam =
        !strncmp(d->name, "percentilew", 11) || !strncmp(d->name, "percentilesw", 12) ? 2 : 1;
    bctx ac = {ab->in, c->scope, NULL}; /* no nested aggregates */
    int nargs_max = n->nkid + (isarg ? ab->in->ncols : 0);
    sp->args = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)(nargs_max + 1));
    const char **argnames = arena_zalloc(&q->arena, sizeof(char *) * (size_t)(nargs_max + 1));
    int na = 0;
    struct depnames dn = {0};
    if (dep && dep_prepare(q, &ac, ab, n, &dn) < 0)
        return NULL;
    for (int i = 0; i < n->nkid; i++) {
        const ast *a = n->kid[i];
        if (dep) {
            int r = dep_arg(q, &ac, ab, n, i, &dn, sp->args, argnames, &na);
            if (r < 0)
                return NULL;
            continue;
        }
        if (ispct && i >= firstparam) {
            bexpr *pe = bind_expr(q, &ac, a);
            if (!pe)
                return NULL;
            if (is_const(pe) && pe->type == HT_DYNAMIC && strstr(d->name, "_array") &&
                n->nkid == firstparam + 1) {
                /* percentiles_array(x, dynamic([50, 75])): the list as one array */
                if (pct_list(q, a, pe, sp) < 0)
                    return NULL;
                continue;
            }
            if (!is_const(pe) || !ht_is_numeric(pe->type)) {
                err_at(q, a, HUNT_ESEMANTIC, "percentile values must be constant numbers");
                return NULL;
            }
            sp->params[sp->nparams++] = vec_num(&pe->cval, 0);
            continue;
        }
        if ((!strncmp(d->name, "make_", 5) || !strcmp(d->name, "makelist") ||
             !strcmp(d->name, "makeset")) &&
            i == n->nkid - 1 && i > 0 && !(strstr(d->name, "_if") && i == 1)) {
            bexpr *pe = bind_expr(q, &ac, a); /* max size */
            if (!pe)
                return NULL;
            if (is_const(pe) && ht_is_numeric(pe->type)) {
                sp->params[0] = vec_num(&pe->cval, 0);
                sp->nparams = 1;
                continue;
            }
        }
        if ((!strcmp(d->name, "dcount") && i == 1) || (!strcmp(d->name, "dcountif") && i == 2))
            continue; /* accuracy level: exact here */
        if (a->kind == AST_STAR) {
            if (!isarg) {
                err_at(q, a, HUNT_EUNSUPPORTED, "'*' in %s() is not supported yet", d->name);
                return NULL;
            }
            for (int col = 0; col < ab->in->ncols; col++) {
                const char *cn = ab->in->names[col];
                bool skip = schema_find(ab->out, cn, strlen(cn)) >= 0;
                for (int j = 0; j < na && !skip; j++)
                    skip = argnames[j] && !strcmp(argnames[j], cn);
                if (skip)
                    continue;
                bexpr *e = bx_new(q, BX_COL, ab->in->types[col], a);
                e->col = col;
                argnames[na] = cn;
                sp->args[na++] = e;
            }
            continue;
        }
        const ast *ex = a->kind == AST_NAMED ? a->kid[0] : a;
        sp->args[na] = bind_expr(q, &ac, ex);
        if (!sp->args[na])
            return NULL;
        argnames[na] = a->kind == AST_NAMED ? hstr_dup(q, a->name) : expr_name(q, ex);
        na++;
    }
    sp->nargs = na;
    /* arg_max(x, *) returns every column of a wide table: one type per argument */
    htype *argt = arena_zalloc(&q->arena, sizeof(htype) * (size_t)(na + 1));
    for (int i = 0; i < na; i++)
        argt[i] = sp->args[i]->type;
    extern size_t agg_state_size(const agg_def *d);
    sp->size = agg_state_size(d);
    sp->arena = &q->arena;
    char msg[256] = "";
    htype t = d->type(sp, argt, msg, sizeof msg);
    if (t == HT_UNKNOWN) {
        err_at(q, n, HUNT_ESEMANTIC, "%s(): %s", d->name, msg);
        return NULL;
    }
    /* predicates of the *if forms must be bool */
    if (strstr(d->name, "if") && na >= 1) {
        bexpr **p = &sp->args[na - 1];
        if (!strcmp(d->name, "countif"))
            p = &sp->args[0];
        if ((*p)->type != HT_BOOL && (*p)->type != HT_DYNAMIC && (*p)->type != HT_UNKNOWN) {
            err_at(q, n, HUNT_ESEMANTIC, "%s(): the predicate must be bool, got %s", d->name,
                   ht_name((*p)->type));
            return NULL;
        }
        *p = cast_to(q, *p, HT_BOOL);
    }
    if (!strcmp(d->name, "sum") || !strcmp(d->name, "sumif") || !strcmp(d->name, "avg") ||
        !strcmp(d->name, "avgif") || !strncmp(d->name, "stdev", 5) ||
        !strncmp(d->name, "variance", 8)) {
        if (sp->args[0]->type == HT_DYNAMIC)
            sp->args[0] = cast_to(q, sp->args[0], HT_REAL);
    }
    /* output columns */
    int first = ab->out->ncols;
    int ncol = (sp->nout > 1 || isarg) ? sp->nout : 1;
    if (ab->nwant > ncol) {
        if (ncol == 1)
            err_at(q, n, HUNT_ESEMANTIC,
                   "%s() returns one column, so it takes one name, not (%d names) = ...", d->name,
                   ab->nwant);
        else
            err_at(q, n, HUNT_ESEMANTIC, "%s() returns %d columns here, but %d names are given",
                   d->name, ncol, ab->nwant);
        return NULL;
    }
    if (sp->nout > 1 || isarg) {
        for (int k = 0; k < sp->nout; k++) {
            const char *nm = NULL;
            if (k < ab->nwant) {
                nm = ab->want_names[k];
            } else if (isarg) {
                if (k == 0 && ab->want_name)
                    nm = ab->want_name;
                else if (dep) {
                    /* a column without a declared name: prefixed, as
                     * Binder.AddFunctionTupleResultColumn does */
                    char buf[600];
                    snprintf(buf, sizeof buf, "%s%s", d->prefix, argnames[k]);
                    nm = arena_strndup(&q->arena, buf, strlen(buf));
                } else if (!strcmp(d->name, "take_any()")) {
                    /* GetAnyResult: an argument without a name is argN, and
                     * take_any prefixes it any_; the legacy any(a, b) / any(*)
                     * prefixes every column any_ (AddFunctionTupleResultColumn) */
                    char buf[300];
                    bool legacy = hstr_is(n->name, "any");
                    if (argnames[k])
                        snprintf(buf, sizeof buf, "%s%s", legacy ? "any_" : "", argnames[k]);
                    else
                        snprintf(buf, sizeof buf, "any_arg%d", k);
                    nm = arena_strndup(&q->arena, buf, strlen(buf));
                } else
                    nm = argnames[k];
                if (!nm) {
                    char buf[300];
                    snprintf(buf, sizeof buf, "%s", d->prefix);
                    nm = arena_strndup(&q->arena, buf, strlen(buf));
                }
            } else {
                nm = (k == 0 && ab->want_name && sp->nout == 1) ? ab->want_name
                                                                : agg_default_name(q, d, n, k);
            }
            schema_add(ab->out, name_unique(q, ab->out, nm), sp->outtypes[k]);
        }
    } else {
        const char *nm = ab->want_name ? ab->want_name : agg_default_name(q, d, n, 0);
        schema_add(ab->out, name_unique(q, ab->out, nm), t);
    }
    if (ab->n == ab->cap) {
        ab->cap = ab->cap ? ab->cap * 2 : 8;
        ab->specs = realloc(ab->specs, sizeof(aggspec *) * (size_t)ab->cap);
        ab->hidden = realloc(ab->hidden, sizeof(int) * (size_t)ab->cap);
    }
    ab->hidden[ab->n] = first;
    ab->specs[ab->n++] = sp;
    bexpr *e = bx_new(q, BX_COL, ab->out->types[first], n);
    e->col = first;
    return e;
}

static op *bind_summarize(qctx *q, bind_scope *s, op *in, const ast *n)
{
    const ast *aggs = n->kid[0];
    const ast *by = n->nkid > 1 ? n->kid[1] : NULL;
    bctx kc = {&in->schema, s, NULL};
    int nk = by ? by->nkid : 0;
    bexpr **keys = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(nk ? nk : 1));
    hschema out;
    schema_init(&out);
    int counter = 0;
    for (int i = 0; i < nk; i++) {
        const ast *k = by->kid[i];
        keys[i] = bind_expr(q, &kc, k);
        if (!keys[i]) {
            schema_free(&out);
            return NULL;
        }
        if (keys[i]->type == HT_UNKNOWN)
            keys[i] = bx_const_null(q, HT_STRING, k);
        const char *nm = k->kind == AST_NAMED ? hstr_dup(q, k->name) : expr_name(q, k);
        if (!nm)
            nm = column_n(q, &out, &counter);
        schema_add(&out, name_unique(q, &out, nm), keys[i]->type);
    }
    struct aggbind ab = {0};
    ab.in = &in->schema;
    ab.out = &out;
    ab.nkeys = nk;
    ab.by = by;
    bctx ac = {&in->schema, s, &ab};
    /* Aggregate expressions: a plain aggregate call becomes its own output
     * column(s); an expression over aggregates gets hidden aggregate columns
     * and a projection on top. */
    int na = aggs ? aggs->nkid : 0;
    bexpr **post = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)(na ? na : 1));
    const char **postname = arena_zalloc(&q->arena, sizeof(char *) * (size_t)(na ? na : 1));
    bool need_post = false;
    int *postcol = arena_zalloc(&q->arena, sizeof(int) * (size_t)(na ? na : 1));
    int *postend = arena_zalloc(&q->arena, sizeof(int) * (size_t)(na ? na : 1));
    for (int i = 0; i < na; i++) {
        const ast *a = aggs->kid[i];
        const ast *ex = a->kind == AST_NAMED ? a->kid[0] : a;
        bool direct = ex->kind == AST_CALL && agg_lookup(ex->name.p, ex->name.n);
        /* (a, b) = arg_min(x, y): the names of the aggregate's first columns,
         * in order (Kusto.Language Binder, CompoundNamedExpression) */
        bool tuple = a->kind == AST_NAMED && a->nkid > 1;
        ab.want_name = (a->kind == AST_NAMED && !tuple && direct) ? hstr_dup(q, a->name) : NULL;
        ab.want_names = NULL;
        ab.nwant = 0;
        if (tuple) {
            if (!direct) {
                err_at(q, a, HUNT_ESEMANTIC,
                       "(name, ...) = needs an aggregate that returns several columns "
                       "(arg_max, arg_min, take_any, percentiles ...)");
                goto fail;
            }
            ab.nwant = a->nkid - 1;
            ab.want_names = arena_alloc(&q->arena, sizeof(char *) * (size_t)ab.nwant);
            for (int j = 0; j < ab.nwant; j++)
                ab.want_names[j] = hstr_dup(q, a->kid[1 + j]->name);
        }
        /* toint(Compliant = dcountif(...)) is named Compliant (expr_name) */
        const char *xname = a->kind == AST_NAMED ? NULL : (direct ? NULL : expr_name(q, ex));
        int before = out.ncols;
        bexpr *e = bind_expr(q, &ac, ex);
        ab.nwant = 0;
        if (!e)
            goto fail;
        if (direct) {
            postcol[i] = before;
            postend[i] = out.ncols;
            post[i] = NULL;
            continue;
        }
        if (e->kind == BX_COL && out.ncols > before && !need_post && a->kind != AST_NAMED &&
            !xname) {
            postcol[i] = e->col;
            postend[i] = e->col + 1;
            continue;
        }
        /* expression over aggregates */
        need_post = true;
        post[i] = e;
        postname[i] = a->kind == AST_NAMED ? hstr_dup(q, a->name) : xname;
        postcol[i] = -1;
        if (out.ncols == before) {
            err_at(q, ex, HUNT_ESEMANTIC,
                   "a summarize expression must contain an aggregate function");
            goto fail;
        }
    }
    aggspec **specs = arena_alloc(&q->arena, sizeof(aggspec *) * (size_t)(ab.n ? ab.n : 1));
    if (ab.n)
        memcpy(specs, ab.specs, sizeof(aggspec *) * (size_t)ab.n);
    op *o = exec_summarize(q, in, keys, nk, specs, ab.n, &out);
    free(ab.specs);
    free(ab.hidden);
    if (need_post) {
        /* keys, then each aggregate expression in order */
        int cap = out.ncols + na;
        bexpr **ex = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)cap);
        hschema ps;
        schema_init(&ps);
        int ne = 0;
        for (int i = 0; i < nk; i++) {
            ex[ne] = bx_new(q, BX_COL, out.types[i], NULL);
            ex[ne]->col = i;
            schema_add(&ps, out.names[i], out.types[i]);
            ne++;
        }
        int cnt = 0;
        for (int i = 0; i < na; i++) {
            if (post[i]) {
                ex[ne++] = post[i];
                const char *nm = postname[i] ? postname[i] : column_n(q, &ps, &cnt);
                schema_add(&ps, name_unique(q, &ps, nm), post[i]->type);
            } else {
                /* a direct aggregate: all its output columns (take_any(a, b) has several) */
                for (int col = postcol[i]; col < postend[i] && col < out.ncols; col++) {
                    if (col >= nk && schema_find(&ps, out.names[col], strlen(out.names[col])) < 0) {
                        ex[ne] = bx_new(q, BX_COL, out.types[col], NULL);
                        ex[ne]->col = col;
                        schema_add(&ps, out.names[col], out.types[col]);
                        ne++;
                    }
                }
            }
        }
        o = exec_project(q, o, ex, ne, &ps);
        schema_free(&ps);
    }
    schema_free(&out);
    return o;
fail:
    free(ab.specs);
    free(ab.hidden);
    schema_free(&out);
    return NULL;
}

static op *bind_distinct(qctx *q, bind_scope *s, op *in, const ast *n)
{
    bctx c = {&in->schema, s, NULL};
    bool star = n->nkid == 1 && n->kid[0]->kind == AST_STAR;
    int nk = star ? in->schema.ncols : n->nkid;
    bexpr **keys = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(nk ? nk : 1));
    hschema out;
    schema_init(&out);
    int counter = 0;
    for (int i = 0; i < nk; i++) {
        const char *nm;
        if (star) {
            keys[i] = bx_new(q, BX_COL, in->schema.types[i], NULL);
            keys[i]->col = i;
            nm = in->schema.names[i];
        } else {
            keys[i] = bind_expr(q, &c, n->kid[i]);
            if (!keys[i]) {
                schema_free(&out);
                return NULL;
            }
            nm = n->kid[i]->kind == AST_NAMED ? hstr_dup(q, n->kid[i]->name)
                                              : expr_name(q, n->kid[i]);
            if (!nm)
                nm = column_n(q, &out, &counter);
        }
        schema_add(&out, name_unique(q, &out, nm), keys[i]->type);
    }
    op *o = exec_summarize(q, in, keys, nk, NULL, 0, &out);
    schema_free(&out);
    return o;
}

/* Pushes `where TimeCol >= X`, `> X`, `< X`, `<= X`, `between` with constant
 * bounds into the scan below, which then skips extents by their min/max. */
void exec_scan_set_window(op *o, int timecol, int64_t tmin, int64_t tmax);

static void push_window(op *scan, bexpr *p)
{
    if (p->kind == BX_AND) {
        push_window(scan, p->args[0]);
        push_window(scan, p->args[1]);
        return;
    }
    int64_t lo = INT64_MIN, hi = INT64_MAX;
    int col = -1;
    if (p->kind == BX_BINOP && p->nargs == 2) {
        /* TimeCol op X, or X op TimeCol read as TimeCol (mirrored op) X */
        bool colfirst = p->args[0]->kind == BX_COL;
        const bexpr *c = p->args[colfirst ? 0 : 1], *k = p->args[colfirst ? 1 : 0];
        if (c->kind != BX_COL || !is_const(k) || c->type != HT_DATETIME || k->type != HT_DATETIME ||
            vec_is_null(&k->cval, 0))
            return;
        int64_t v = k->cval.i[0];
        col = c->col;
        switch (p->op) {
        case OP_GT:
        case OP_GE:
            *(colfirst ? &lo : &hi) = v;
            break;
        case OP_LT:
        case OP_LE:
            *(colfirst ? &hi : &lo) = v;
            break;
        case OP_EQ:
            lo = hi = v;
            break;
        default:
            return;
        }
    } else if (p->kind == BX_BETWEEN && p->op == OP_BETWEEN && p->args[0]->kind == BX_COL &&
               p->args[0]->type == HT_DATETIME && is_const(p->args[1]) && is_const(p->args[2]) &&
               !vec_is_null(&p->args[1]->cval, 0) && !vec_is_null(&p->args[2]->cval, 0)) {
        col = p->args[0]->col;
        lo = p->args[1]->cval.i[0];
        hi = p->args[2]->cval.i[0];
    } else {
        return;
    }
    exec_scan_set_window(scan, col, lo, hi);
}

/* Does e call a function whose result differs per call (rand)? */
static bool has_volatile(const bexpr *e)
{
    if (!e)
        return false;
    if (e->kind == BX_CALL && e->fn && (e->fn->flags & FN_VOLATILE))
        return true;
    for (int i = 0; i < e->nargs; i++)
        if (has_volatile(e->args[i]))
            return true;
    return false;
}

static op *bind_where(qctx *q, bind_scope *s, op *in, const ast *n)
{
    bctx c = {&in->schema, s, NULL};
    const ast *pred = n->kid[0];
    if (pred->kind == AST_BINARY || pred->kind == AST_CALL) {
        /* `where * has "x"` (also inside and/or/not): any column, rewritten
         * by exec_search.c; other predicates come back unchanged */
        const ast *where_star_rewrite(qctx *, const hschema *, const ast *);
        pred = where_star_rewrite(q, &in->schema, pred);
    }
    bexpr *p = bind_expr(q, &c, pred);
    if (!p)
        return NULL;
    if (p->type == HT_DYNAMIC || p->type == HT_UNKNOWN)
        p = cast_to(q, p, HT_BOOL);
    if (p->type != HT_BOOL) {
        err_at(q, n->kid[0], HUNT_ESEMANTIC, "where needs a bool predicate, got %s",
               ht_name(p->type));
        return NULL;
    }
    if (exec_is_scan(in)) {
        push_window(in, p);
        exec_scan_push_terms(in, p);
    }
    if (!strcmp(in->name, "join") && !has_volatile(p) && exec_join_push_filter(in, p))
        return in; /* the join filters its pairs itself */
    return exec_filter(q, in, p);
}

static op *bind_getschema(qctx *q, op *in)
{
    hschema hs;
    schema_init(&hs);
    schema_add(&hs, "ColumnName", HT_STRING);
    schema_add(&hs, "ColumnOrdinal", HT_INT);
    schema_add(&hs, "DataType", HT_STRING);
    schema_add(&hs, "ColumnType", HT_STRING);
    htable *t = table_new("getschema", &hs);
    schema_free(&hs);
    tbuild *tb = tbuild_new_scratch(t);
    static const char *const dotnet[] = {"",
                                         "System.Boolean",
                                         "System.Int32",
                                         "System.Int64",
                                         "System.Double",
                                         "System.String",
                                         "System.DateTime",
                                         "System.TimeSpan",
                                         "System.Guid",
                                         "System.Object"};
    for (int i = 0; i < in->schema.ncols; i++) {
        const char *nm = in->schema.names[i];
        tbuild_str(tb, 0, nm, strlen(nm));
        tbuild_long(tb, 1, i);
        htype ty = in->schema.types[i];
        tbuild_str(tb, 2, dotnet[ty], strlen(dotnet[ty]));
        tbuild_str(tb, 3, ht_name(ty), strlen(ht_name(ty)));
        tbuild_end_row(tb);
    }
    tbuild_finish(tb);
    return exec_values(q, t);
}

static const char *op_display_name(ast_kind k)
{
    switch (k) {
    case AST_JOIN:
        return "join";
    case AST_LOOKUP:
        return "lookup";
    case AST_MV_EXPAND:
        return "mv-expand";
    case AST_MV_APPLY:
        return "mv-apply";
    case AST_PARSE:
        return "parse";
    case AST_PARSE_WHERE:
        return "parse-where";
    case AST_PARSE_KV:
        return "parse-kv";
    case AST_MAKE_SERIES:
        return "make-series";
    case AST_SERIALIZE:
        return "serialize";
    case AST_INVOKE:
        return "invoke";
    case AST_SAMPLE:
        return "sample";
    case AST_SAMPLE_DISTINCT:
        return "sample-distinct";
    case AST_TOP_NESTED:
        return "top-nested";
    case AST_TOP_HITTERS:
        return "top-hitters";
    case AST_EVALUATE:
        return "evaluate";
    case AST_SEARCH:
        return "search";
    case AST_EXTERNALDATA:
        return "externaldata";
    case AST_SCAN:
        return "scan";
    case AST_PROJECT_BY_NAMES:
        return "project-by-names";
    case AST_REDUCE:
        return "reduce";
    default:
        return ast_kind_name(k);
    }
}

op *unsupported_op(qctx *q, const ast *n)
{
    err_at(q, n, HUNT_EUNSUPPORTED, "operator '%s' is not supported yet", op_display_name(n->kind));
    return NULL;
}

static op *bind_invoke(qctx *q, bind_scope *s, op *in, const ast *n)
{
    const ast *call = n->kid[0];
    sym *y = lookup(q, s, call->name);
    if (!y || y->kind != SYM_FUNC) {
        if (!y && hstr_is(call->name, "FileProfile"))
            /* Defender's enrichment: file prevalence and signer data from
             * Microsoft's cloud, which hunt has no copy of */
            err_at(q, call, HUNT_EUNSUPPORTED,
                   "FileProfile() is not supported: it looks files up in Microsoft Defender's "
                   "cloud (prevalence, signer, first seen), which hunt cannot reach");
        else if (!y)
            err_at(q, call, HUNT_ESEMANTIC,
                   "unknown function '%.*s' (invoke calls a function defined in the query or "
                   "stored with .create-or-alter function)",
                   (int)call->name.n, call->name.p);
        else
            err_at(q, call, HUNT_ESEMANTIC, "invoke needs a tabular function; '%.*s' is not one",
                   (int)call->name.n, call->name.p);
        return NULL;
    }
    const ast *lam = y->node;
    const ast *params = lam->kid[0];
    const ast *body = lam->kid[1];
    bind_scope *fs = bind_scope_new(q, y->defscope);
    /* first parameter: the piped input, bound as a materialized table */
    if (params->nkid < 1) {
        err_at(q, call, HUNT_ESEMANTIC,
               "function invoked with a table needs a tabular first parameter");
        return NULL;
    }
    htable *t = exec_collect(q, in);
    if (!t)
        return NULL;
    char tname[64];
    snprintf(tname, sizeof tname, "__invoke_%p", (void *)t);
    free(t->name);
    t->name = strdup(tname);
    /* register as a temporary catalog table owned by the query: keep in scope */
    htable *reg = catalog_create(q->catalog, tname, &t->schema);
    for (int e = 0; e < t->next; e++) {
        ext_ref(t->ext[e]);
        table_add_extent(reg, t->ext[e]);
    }
    table_free(t);
    ast *id = ast_new(&q->arena, AST_IDENT, call->off, call->len);
    id->name.p = reg->name;
    id->name.n = (uint32_t)strlen(reg->name);
    sym *p0 = scope_add(q, fs, params->kid[0]->name, SYM_TABULAR);
    p0->node = id;
    p0->defscope = s;
    fs->rowctx = &no_row;
    for (int i = 1; i < params->nkid; i++) {
        const ast *p = params->kid[i];
        const ast *arg = i - 1 < call->nkid ? call->kid[i - 1] : (p->nkid > 1 ? p->kid[1] : NULL);
        if (!arg) {
            err_at(q, call, HUNT_ESEMANTIC, "missing argument '%.*s'", (int)p->name.n, p->name.p);
            return NULL;
        }
        bctx c = {NULL, s, NULL};
        bexpr *v = bind_expr(q, &c, arg);
        if (!v)
            return NULL;
        sym *yy = scope_add(q, fs, p->name, SYM_SCALAR);
        yy->scalar = p->type != HT_UNKNOWN ? cast_to(q, v, p->type) : v;
    }
    for (int i = 0; i + 1 < body->nkid; i++)
        if (bind_let(q, fs, body->kid[i]) < 0)
            return NULL;
    return bind_tabular(q, fs, body->kid[body->nkid - 1]);
}

static op *bind_operator(qctx *q, bind_scope *s, op *in, const ast *n)
{
    bool ok;
    switch (n->kind) {
    case AST_WHERE:
        return bind_where(q, s, in, n);
    case AST_PROJECT:
        return bind_project_like(q, s, in, n, false);
    case AST_EXTEND:
        return bind_project_like(q, s, in, n, true);
    case AST_PROJECT_AWAY:
        return bind_project_away(q, in, n, false);
    case AST_PROJECT_KEEP:
        return bind_project_away(q, in, n, true);
    case AST_PROJECT_RENAME:
        return bind_project_rename(q, in, n);
    case AST_PROJECT_REORDER:
        return bind_project_reorder(q, in, n);
    case AST_TAKE: {
        int64_t k = const_count(q, s, n->kid[0], &ok);
        if (ok && k >= 0)
            exec_sort_set_limit(in, k); /* sort | take N runs as a top N */
        return ok ? exec_take(q, in, k < 0 ? 0 : k) : NULL;
    }
    case AST_COUNT:
        return exec_count(q, in, n->name.n ? hstr_dup(q, n->name) : "Count"); /* count as Name */
    case AST_SORT: {
        sortkey *sk = bind_sortkeys(q, s, in, (const ast *const *)n->kid, n->nkid);
        return sk ? exec_sort(q, in, sk, n->nkid, -1) : NULL;
    }
    case AST_TOP: {
        int64_t k = const_count(q, s, n->kid[0], &ok);
        if (!ok)
            return NULL;
        sortkey *sk = bind_sortkeys(q, s, in, (const ast *const *)n->kid + 1, n->nkid - 1);
        return sk ? exec_sort(q, in, sk, n->nkid - 1, k < 0 ? 0 : k) : NULL;
    }
    case AST_DISTINCT:
        return bind_distinct(q, s, in, n);
    case AST_SUMMARIZE:
        return bind_summarize(q, s, in, n);
    case AST_UNION:
        return bind_union(q, s, n, in);
    case AST_AS:
        return in;
    case AST_RENDER:
        q->render = hstr_dup(q, n->name);
        return in;
    case AST_GETSCHEMA:
        return bind_getschema(q, in);
    case AST_INVOKE:
        return bind_invoke(q, s, in, n);
    case AST_JOIN:
    case AST_LOOKUP:
        return bind_join(q, s, in, n);
    case AST_MV_EXPAND:
        return bind_mvexpand(q, s, in, n);
    case AST_MV_APPLY:
        return bind_mvapply(q, s, in, n);
    case AST_PARSE:
    case AST_PARSE_WHERE:
        return bind_parse(q, s, in, n);
    case AST_PARSE_KV:
        return bind_parse_kv(q, s, in, n);
    case AST_MAKE_SERIES:
        return bind_make_series(q, s, in, n);
    case AST_SERIALIZE:
        if (n->nkid == 0) {
            in->serialized = true;
            return in;
        }
        return bind_serialize(q, s, in, n);
    case AST_EVALUATE:
        return bind_evaluate(q, s, in, n);
    case AST_SEARCH:
        return bind_search(q, s, in, n);
    case AST_TOP_NESTED:
        return bind_top_nested(q, s, in, n);
    case AST_SCAN:
        return bind_scan_op(q, s, in, n);
    case AST_PROJECT_BY_NAMES:
        return bind_project_by_names(q, s, in, n);
    case AST_REDUCE:
        return bind_reduce(q, s, in, n);
    case AST_SAMPLE:
        return bind_sample(q, s, in, n);
    case AST_SAMPLE_DISTINCT:
        return bind_sample_distinct(q, s, in, n);
    case AST_PARTITION:
        return bind_partition(q, s, in, n);
    case AST_TOP_HITTERS:
        return bind_top_hitters(q, s, in, n);
    default:
        return unsupported_op(q, n);
    }
}

/* `| as Name`: the pipeline up to here becomes a tabular symbol of the
 * scope, like a let-bound view, so the rest of the query can use it. */
static void bind_as(qctx *q, bind_scope *s, const ast *pipe, int at)
{
    const ast *as = pipe->kid[at];
    ast *prefix =
        ast_new(&q->arena, AST_PIPE, pipe->off, as->off > pipe->off ? as->off - pipe->off : 0);
    for (int k = 0; k < at; k++)
        ast_add(&q->arena, prefix, (ast *)pipe->kid[k]);
    /* bound with the names defined before it, as a let is: in
     * `let T = ...; T | as T | union T` the prefix's T is the let's, not
     * this name itself (which recursed without end) */
    bind_scope *before = arena_alloc(&q->arena, sizeof *before);
    *before = *s;
    before->live = s->live ? s->live : s;
    sym *y = scope_add(q, s, as->name, SYM_TABULAR);
    y->node = prefix;
    y->defscope = before;
}

/* The parameter of params a named argument `name = value` gives, or -1
 * (not a named argument, or a name that is no parameter). */
static int named_param(const ast *a, const ast *params)
{
    if (a->kind != AST_NAMED || a->nkid != 1)
        return -1;
    for (int j = 0; j < params->nkid; j++)
        if (a->name.n == params->kid[j]->name.n &&
            !memcmp(a->name.p, params->kid[j]->name.p, a->name.n))
            return j;
    return -1;
}

/* The argument of a call for parameter i of params: a named argument
 * (`f(b = 2)`) by name; else the unnamed arguments fill, in order, the
 * parameters no argument names (`f(a = 1, x)` gives x to the second
 * parameter, as the docs' checkLength(len=3, input) does). NULL when
 * missing. */
static const ast *call_arg(const ast *call, const ast *params, int i)
{
    if (call->kind != AST_CALL)
        return NULL;
    for (int k = 0; k < call->nkid; k++)
        if (named_param(call->kid[k], params) == i)
            return call->kid[k]->kid[0];
    int slot = 0; /* i's position among the parameters no argument names */
    for (int j = 0; j < i; j++) {
        bool named = false;
        for (int k = 0; k < call->nkid && !named; k++)
            named = named_param(call->kid[k], params) == j;
        slot += !named;
    }
    int pos = 0;
    for (int k = 0; k < call->nkid; k++) {
        if (named_param(call->kid[k], params) >= 0)
            continue;
        if (pos++ == slot)
            return call->kid[k];
    }
    return NULL;
}

/* A call of a tabular user function (n: the AST_CALL, or an AST_IDENT for a
 * function called without parentheses). */
static op *bind_fn_tabular(qctx *q, bind_scope *s, sym *y, const ast *n)
{
    const ast *lam = y->node;
    const ast *params = lam->kid[0];
    const ast *body = lam->kid[1];
    if (call_depth >= MAX_CALL_DEPTH) {
        err_at(q, n, HUNT_ESEMANTIC, "function '%.*s' calls itself too deeply", (int)n->name.n,
               n->name.p);
        return NULL;
    }
    int nargs = n->kind == AST_CALL ? n->nkid : 0;
    if (nargs > params->nkid) {
        err_at(q, n, HUNT_ESEMANTIC, "%.*s() takes %d argument%s, got %d", (int)n->name.n,
               n->name.p, params->nkid, params->nkid == 1 ? "" : "s", nargs);
        return NULL;
    }
    bind_scope *fs = bind_scope_new(q, y->defscope);
    fs->rowctx = &no_row; /* the body's rows are its own: none is the caller's */
    for (int i = 0; i < params->nkid; i++) {
        const ast *p = params->kid[i];
        const ast *given = call_arg(n, params, i);
        const ast *arg = given ? given : (p->nkid > 1 ? p->kid[1] : NULL);
        if (!arg) {
            err_at(q, n, HUNT_ESEMANTIC, "missing argument '%.*s'", (int)p->name.n, p->name.p);
            return NULL;
        }
        if (p->op == 1) {
            sym *yy = scope_add(q, fs, p->name, SYM_TABULAR);
            yy->node = arg;
            yy->defscope = s;
            continue;
        }
        bctx c = {NULL, given ? s : y->defscope, NULL};
        bexpr *v = bind_expr(q, &c, arg);
        if (!v)
            return NULL;
        sym *yy = scope_add(q, fs, p->name, SYM_SCALAR);
        yy->scalar = p->type != HT_UNKNOWN ? cast_to(q, v, p->type) : v;
    }
    call_depth++;
    op *o = NULL;
    int i = 0;
    for (; i + 1 < body->nkid; i++)
        if (bind_let(q, fs, body->kid[i]) < 0)
            break;
    if (i + 1 >= body->nkid && body->nkid)
        o = bind_tabular(q, fs, body->kid[body->nkid - 1]);
    call_depth--;
    return o;
}

/* A constant string argument (a literal, a let or a parameter of the calling
 * function bound to one): its value in *out, or false after the error
 * `expects` ("table() expects a constant string table name"). */
static bool const_string_arg(qctx *q, bctx *c, const ast *arg, const char *expects, hstr *out)
{
    bexpr *e = bind_expr(q, c, arg);
    if (!e)
        return false;
    if (!is_const(e) || e->type != HT_STRING || vec_is_null(&e->cval, 0)) {
        err_at(q, arg, HUNT_ESEMANTIC, "%s", expects);
        return false;
    }
    *out = e->cval.s[0];
    return true;
}

/* table(name [, scope]): the table of that name, or else the tabular let or
 * function without parameters of that name, as Kusto's table() documents.
 * The name must be known when binding: a literal, or a parameter given one
 * (`let f = (t:string) { table(t) | ... }; f("SigninLogs")`). hunt keeps no
 * cache tiers, so every scope ("hotcache", "all", "default") reads all rows. */
static op *bind_table_fn(qctx *q, bind_scope *s, const ast *n)
{
    if (n->nkid < 1 || n->nkid > 2) {
        err_at(q, n, HUNT_ESEMANTIC, "table() expects a table name and an optional data scope");
        return NULL;
    }
    bctx c = {NULL, s, NULL};
    hstr name;
    if (!const_string_arg(q, &c, n->kid[0], "table() expects a constant string table name", &name))
        return NULL;
    if (n->nkid == 2) {
        hstr scope;
        if (!const_string_arg(q, &c, n->kid[1], "table() expects a constant string data scope",
                              &scope))
            return NULL;
        if (!hstr_is(scope, "hotcache") && !hstr_is(scope, "all") && !hstr_is(scope, "default")) {
            err_at(q, n->kid[1], HUNT_ESEMANTIC,
                   "table(): the data scope is \"hotcache\", \"all\" or \"default\"");
            return NULL;
        }
    }
    htable *t = catalog_find(q->catalog, name.p, name.n);
    if (t)
        return scan_table(q, t, INT64_MIN, INT64_MAX);
    sym *y = lookup(q, s, name);
    if (y && y->kind == SYM_TABULAR)
        return bind_tabular(q, y->defscope, y->node);
    if (y && y->kind == SYM_FUNC && y->node->kid[0]->nkid == 0 && fn_is_tabular(q, y))
        return bind_fn_tabular(q, s, y, n->kid[0]);
    err_at(q, n->kid[0], HUNT_ESEMANTIC, "unknown table '%.*s'%s", (int)name.n, name.p,
           suggest_table(q, s, name));
    return NULL;
}

/* _GetWatchlist('alias'): the watchlist loaded under alias (engine/commands.c).
 * One that is not loaded is empty, with the columns every watchlist has, as
 * in Sentinel; when only checking, also with the columns the query names
 * (qctx.wl_assume). */
static op *bind_watchlist(qctx *q, bind_scope *s, const ast *n)
{
    if (n->nkid != 1) {
        err_at(q, n, n->nkid == 2 ? HUNT_EUNSUPPORTED : HUNT_ESEMANTIC,
               n->nkid == 2 ? "_GetWatchlist() with a list of keys is not supported yet"
                            : "_GetWatchlist() expects the watchlist alias");
        return NULL;
    }
    bctx c = {NULL, s, NULL};
    hstr alias;
    if (!const_string_arg(q, &c, n->kid[0], "_GetWatchlist() expects a constant string alias",
                          &alias))
        return NULL;
    htable *t = cmd_watchlist(q->catalog, alias.p, alias.n);
    if (t)
        return exec_scan(q, t, INT64_MIN, INT64_MAX, -1);
    hschema hs;
    schema_init(&hs);
    schema_add(&hs, "_DTItemId", HT_STRING);
    schema_add(&hs, "LastUpdatedTimeUTC", HT_DATETIME);
    schema_add(&hs, "SearchKey", HT_STRING);
    /* checking a query without the user's list: the columns it names are
     * assumed (a watchlist's own columns are all strings) */
    if (q->check_only) {
        q->wl_open = true;
        for (int i = 0; i < q->nwl_assume; i++)
            if (schema_find(&hs, q->wl_assume[i], strlen(q->wl_assume[i])) < 0)
                schema_add(&hs, q->wl_assume[i], HT_STRING);
    }
    htable *empty = table_new("watchlist", &hs);
    schema_free(&hs);
    return exec_values(q, empty);
}

/* --- ingestion_time() ------------------------------------------------------------------ */

static bool calls_ingestion_time(const ast *n)
{
    if (!n)
        return false;
    if (n->kind == AST_CALL && hstr_is(n->name, "ingestion_time"))
        return true;
    if (n->kind == AST_IDENT && hstr_is(n->name, "_TimeReceived"))
        return true;
    for (int i = 0; i < n->nkid; i++)
        if (calls_ingestion_time(n->kid[i]))
            return true;
    return false;
}

/* A scan of table t, with the hidden ingestion-time column when the
 * pipeline being bound asked for it (q->want_ingest). */
/* Checking only, a table whose columns come from its data: its columns and
 * the suffixed names the query reads that it lacks (qctx.open_cols), as an
 * empty table, since nothing runs. NULL when there are none to add. */
static op *open_table_assumed(qctx *q, htable *t)
{
    if (!q->check_only || !catalog_open_columns(t->name, strlen(t->name)))
        return NULL;
    q->open_cols = true;
    hschema hs;
    schema_init(&hs);
    schema_copy(&hs, &t->schema);
    int added = 0;
    for (int i = 0; i < q->nwl_assume; i++) {
        const char *nm = q->wl_assume[i];
        htype ty = la_suffix_type(nm, strlen(nm));
        if (ty != HT_UNKNOWN && schema_find(&hs, nm, strlen(nm)) < 0) {
            schema_add(&hs, nm, ty);
            added++;
        }
    }
    op *o = NULL;
    if (added) {
        htable *empty = table_new(t->name, &hs);
        o = exec_values(q, empty);
    }
    schema_free(&hs);
    return o;
}

static op *scan_table(qctx *q, htable *t, int64_t lo, int64_t hi)
{
    op *assumed = open_table_assumed(q, t);
    if (assumed)
        return assumed;
    op *o = exec_scan(q, t, lo, hi, -1);
    if (o && q->want_ingest)
        exec_scan_add_ingestion_time(o);
    return o;
}

/* The operator's output without the column named name (when it has it). */
static op *drop_column(qctx *q, op *in, const char *name)
{
    int at = schema_find(&in->schema, name, strlen(name));
    if (at < 0)
        return in;
    int nc = in->schema.ncols;
    int *cols = arena_alloc(&q->arena, sizeof(int) * (size_t)nc);
    int k = 0;
    for (int c = 0; c < nc; c++)
        if (c != at)
            cols[k++] = c;
    bool ser = in->serialized;
    op *o = project_cols(q, in, cols, NULL, k);
    o->serialized = ser;
    return o;
}

/* --- two threads for scan → where/extend → summarize ----------------------------------- */

/* Does e hold a sub-query (toscalar, in (T)) that has not run yet? */
static bool has_pending_subquery(const bexpr *e)
{
    if (!e)
        return false;
    if (e->sub && !e->sub_done)
        return true;
    for (int i = 0; i < e->nargs; i++)
        if (has_pending_subquery(e->args[i]))
            return true;
    return has_pending_subquery(e->set_src);
}

/* Is this streaming operator safe to run as two independent copies? It must
 * not hold a sub-query, a user function, a window function or a `*` search. */
static bool parallel_safe(qctx *q, bind_scope *s, const ast *n)
{
    if (!n)
        return true;
    switch (n->kind) {
    case AST_STAR:
        return false;
    case AST_CALL: {
        static const char *const unsafe[] = {"toscalar", "materialize", "table", "rand", NULL};
        if (in_list(unsafe, n->name) || window_fn_name(n->name))
            return false;
        sym *y = lookup(q, s, n->name);
        if (y && y->kind != SYM_SCALAR)
            return false;
        break;
    }
    case AST_IDENT: {
        sym *y = lookup(q, s, n->name);
        if (y && y->kind != SYM_SCALAR)
            return false;
        /* a let of toscalar(): its sub-query would run on first use, on
         * whichever thread gets there (both at once) */
        if (y && y->scalar && has_pending_subquery(y->scalar))
            return false;
        break;
    }
    case AST_IN:
        for (int i = 1; i < n->nkid; i++)
            if (is_tabular_node(q, s, n->kid[i]))
                return false;
        break;
    default:
        break;
    }
    for (int i = 0; i < n->nkid; i++)
        if (!parallel_safe(q, s, n->kid[i]))
            return false;
    return true;
}

/* Does the streaming part do enough work per row to pay for the hand-off
 * between threads? Measured: regex matching, extraction and JSON parsing do;
 * equality, `in`, `has` and `contains` filters are cheaper than the hand-off. */
static bool costly_per_row(const ast *n)
{
    if (!n)
        return false;
    if (n->kind == AST_BINARY && n->op == OP_MATCHES)
        return true;
    if (n->kind == AST_CALL) {
        static const char *const costly[] = {"extract",
                                             "extract_all",
                                             "replace_regex",
                                             "parse_json",
                                             "todynamic",
                                             "parsejson",
                                             "parse_command_line",
                                             "parse_url",
                                             "countof",
                                             "indexof_regex",
                                             "trim",
                                             NULL};
        if (in_list(costly, n->name))
            return true;
    }
    if (n->kind == AST_PARSE || n->kind == AST_PARSE_WHERE)
        return true;
    for (int i = 0; i < n->nkid; i++)
        if (costly_per_row(n->kid[i]))
            return true;
    return false;
}

static bool streaming_op(ast_kind k)
{
    return k == AST_WHERE || k == AST_EXTEND || k == AST_PROJECT || k == AST_PROJECT_AWAY ||
           k == AST_PROJECT_KEEP || k == AST_PROJECT_RENAME;
}

/* Can exec_summarize aggregate each half of an exchange on its own thread and
 * merge (engine/exec_summarize.c)? distinct always; summarize when every
 * call among its aggregates is one whose partial results merge and whose
 * answer does not depend on the order of the rows (so not sum: a sum of reals
 * rounds by order). Worth an exchange even for cheap per-row work, or none. */
static bool mergeable_aggs(const ast *n)
{
    if (!n)
        return true;
    if (n->kind == AST_CALL) {
        static const char *const ok[] = {
            "count", "countif", "dcount",  "dcountif",       "min",    "max",    "minif",
            "maxif", "arg_max", "arg_min", "count_distinct", "argmax", "argmin", NULL};
        if (!in_list(ok, n->name))
            return false;
    }
    for (int i = 0; i < n->nkid; i++)
        if (!mergeable_aggs(n->kid[i]))
            return false;
    return true;
}

static bool partial_aggregation(const ast *n)
{
    if (n->kind == AST_DISTINCT)
        return true;
    return n->kind == AST_SUMMARIZE && n->nkid > 0 && mergeable_aggs(n->kid[0]);
}

/* When a pipeline is a table scan, one or more where/extend/project doing
 * costly per-row work (regexes, JSON parsing), then an order-free aggregation
 * (summarize, count, distinct), binds the streaming part twice — each copy scanning every other
 * extent — under an exchange that runs the copies on two threads (HUNT_THREADS=1 turns it off).
 * *next is where binding continues. Returns scan0's pipeline unchanged when the shape does not fit.
 */
static op *bind_parallel_prefix(qctx *q, bind_scope *s, const ast *n, op *scan0, int *next)
{
    htable *t = exec_scan_table(scan0);
    const char *threads = getenv("HUNT_THREADS");
    if (!t || t->next < 2 || (threads && atoi(threads) < 2))
        return scan0;
    int c = 1;
    while (c < n->nkid && streaming_op(n->kid[c]->kind))
        c++;
    if (c >= n->nkid)
        return scan0;
    ast_kind k = n->kid[c]->kind;
    if (k != AST_SUMMARIZE && k != AST_COUNT && k != AST_DISTINCT)
        return scan0;
    bool partial = partial_aggregation(n->kid[c]);
    if (c == 1 && !partial)
        return scan0;
    bool costly = false;
    for (int i = 1; i < c; i++) {
        if (!parallel_safe(q, s, n->kid[i]))
            return scan0;
        costly = costly || costly_per_row(n->kid[i]);
    }
    if (!costly && !partial)
        return scan0;
    op *halves[2];
    for (int h = 0; h < 2; h++) {
        op *cur = scan0;
        if (h == 1) {
            cur = exec_scan(q, t, INT64_MIN, INT64_MAX, -1);
            if (schema_find(&scan0->schema, INGESTION_TIME_COLUMN, strlen(INGESTION_TIME_COLUMN)) >=
                0)
                exec_scan_add_ingestion_time(cur);
            uint8_t *need = arena_alloc(&q->arena, (size_t)cur->schema.ncols + 1);
            if (prune_columns(n, q->script, &cur->schema, need))
                exec_scan_set_needed(cur, need);
        }
        exec_scan_set_part(cur, h, 2);
        for (int i = 1; cur && i < c; i++)
            cur = bind_operator(q, s, cur, n->kid[i]);
        if (!cur)
            return NULL;
        halves[h] = cur;
    }
    *next = c;
    return exec_exchange(q, halves[0], halves[1]);
}

op *bind_tabular(qctx *q, bind_scope *s, const ast *n)
{
    switch (n->kind) {
    case AST_PIPE: {
        /* ingestion_time() in the pipeline (or in the one this pipeline is
         * the source of): the scans of the source's tables add it as a hidden
         * column — through union legs and let-bound pipelines too —, dropped
         * right after the last operator that uses it */
        bool outer_wants = q->want_ingest;
        int last_ingest = outer_wants ? n->nkid : 0;
        for (int i = 1; i < n->nkid; i++)
            if (calls_ingestion_time(n->kid[i]) && i > last_ingest)
                last_ingest = i;
        op *cur;
        if (n->kid[0]) {
            q->want_ingest = last_ingest > 0;
            cur = bind_tabular(q, s, n->kid[0]);
            q->want_ingest = false;
            if (cur && exec_is_scan(cur) && cur->schema.ncols > 0) {
                uint8_t *need = arena_alloc(&q->arena, (size_t)cur->schema.ncols);
                if (prune_columns(n, q->script, &cur->schema, need))
                    exec_scan_set_needed(cur, need);
            }
        } else if (s->mvapply_input) {
            cur = s->mvapply_input;
        } else {
            err_at(q, n, HUNT_ESYNTAX, "a pipeline needs a source");
            return NULL;
        }
        bool ingest =
            cur && n->kid[0] && last_ingest &&
            schema_find(&cur->schema, INGESTION_TIME_COLUMN, strlen(INGESTION_TIME_COLUMN)) >= 0;
        int i = 1;
        if (cur && n->kid[0])
            cur = bind_parallel_prefix(q, s, n, cur, &i);
        if (cur && ingest && i > last_ingest)
            cur = drop_column(q, cur, INGESTION_TIME_COLUMN);
        for (; cur && i < n->nkid; i++) {
            if (n->kid[i]->kind == AST_AS && n->kid[0])
                bind_as(q, s, n, i);
            cur = bind_operator(q, s, cur, n->kid[i]);
            if (cur && ingest && i == last_ingest)
                cur = drop_column(q, cur, INGESTION_TIME_COLUMN);
        }
        q->want_ingest = outer_wants;
        return cur;
    }
    case AST_IDENT: {
        sym *y = lookup(q, s, n->name);
        if (y && y->kind == SYM_TABULAR)
            return bind_tabular(q, y->defscope, y->node);
        if (y && y->kind == SYM_FUNC && fn_is_tabular(q, y))
            return bind_fn_tabular(q, s, y, n);
        if (y) {
            err_at(q, n, HUNT_ESEMANTIC, "'%.*s' is not a table", (int)n->name.n, n->name.p);
            return NULL;
        }
        htable *t = catalog_find(q->catalog, n->name.p, n->name.n);
        if (!t) {
            err_at(q, n, HUNT_ESEMANTIC, "unknown table '%.*s'%s", (int)n->name.n, n->name.p,
                   suggest_table(q, s, n->name));
            return NULL;
        }
        return scan_table(q, t, INT64_MIN, INT64_MAX);
    }
    case AST_CALL: {
        if (hstr_is(n->name, "materialize") && n->nkid == 1)
            return bind_tabular(q, s, n->kid[0]);
        if (hstr_is(n->name, "table"))
            return bind_table_fn(q, s, n);
        if (hstr_is(n->name, "_GetWatchlist"))
            return bind_watchlist(q, s, n);
        sym *y = lookup(q, s, n->name);
        if (y && y->kind == SYM_FUNC)
            return bind_fn_tabular(q, s, y, n);
        err_at(q, n, HUNT_ESEMANTIC,
               y ? "'%.*s' is not a tabular function" : "unknown function '%.*s'", (int)n->name.n,
               n->name.p);
        return NULL;
    }
    case AST_DATATABLE:
        return bind_datatable(q, s, n);
    case AST_PRINT:
        return bind_print(q, s, n);
    case AST_RANGE:
        return bind_range(q, s, n);
    case AST_UNION:
        return bind_union(q, s, n, NULL);
    case AST_EXTERNALDATA:
        return bind_externaldata(q, s, n);
    case AST_EVALUATE:
        return bind_evaluate(q, s, NULL, n);
    case AST_SEARCH:
        return n->op == 2 ? bind_find(q, s, NULL, n) : bind_search(q, s, NULL, n);
    case AST_MEMBER: {
        const ast *root = cross_service_root(n);
        if (root) {
            err_at(q, n, HUNT_ESEMANTIC,
                   "not supported: a table of another service ('%.*s(...).%.*s'); hunt queries "
                   "the tables of its own workspace",
                   (int)root->name.n, root->name.p, (int)n->name.n, n->name.p);
            return NULL;
        }
    }
        /* fall through */
    default:
        err_at(q, n, HUNT_ESEMANTIC, "expected a tabular expression");
        return NULL;
    }
}

/* The options the binder reads; `set` of any other is accepted and ignored. */
static const char *const used_options[] = {"query_bin_auto_size", "query_bin_auto_at", NULL};

/* `set name = value;`: keeps the constant value of an option the binder
 * uses (a later set of the same name wins, as it is found first). */
static int bind_set(qctx *q, bind_scope *s, const ast *set)
{
    if (!in_list(used_options, set->name))
        return 0;
    if (!set->nkid || !set->kid[0])
        return err_at(q, set, HUNT_ESEMANTIC, "set %.*s needs a value", (int)set->name.n,
                      set->name.p);
    bctx c = {NULL, s, NULL};
    bexpr *v = bind_expr(q, &c, set->kid[0]);
    if (!v)
        return -1;
    if (!is_const(v))
        return err_at(q, set->kid[0], HUNT_ESEMANTIC, "the value of %.*s must be a constant",
                      (int)set->name.n, set->name.p);
    setopt *o = arena_zalloc(&q->arena, sizeof *o);
    o->name = set->name;
    o->value = v;
    o->next = s->opts;
    s->opts = o;
    return 0;
}

/* The value a set statement gave option `name` in scope s or its parents,
 * or NULL. Options hold for the whole query, so a let defined before the set
 * statement sees it too (through the live scope, not the let's view of it). */
static bexpr *set_option(bind_scope *s, const char *name)
{
    for (; s; s = s->parent)
        for (setopt *o = (s->live ? s->live : s)->opts; o; o = o->next)
            if (hstr_is(o->name, name))
                return o->value;
    return NULL;
}

int bind_let(qctx *q, bind_scope *s, const ast *let)
{
    if (let->kind == AST_SET)
        return bind_set(q, s, let);
    if (let->kind != AST_LET)
        return err_at(q, let, HUNT_ESEMANTIC, "expected a let statement");
    const ast *v = let->kid[0];
    if (v->kind == AST_LAMBDA || is_tabular_node(q, s, v)) {
        /* Bound where it is used, but with the names defined before it only
         * (a let sees what precedes it): a later let of the same name must not
         * change it, and it must not see itself (`let T = union *` would). */
        bind_scope *before = arena_alloc(&q->arena, sizeof *before);
        *before = *s;
        before->live = s->live ? s->live : s;
        sym *y = scope_add(q, s, let->name, v->kind == AST_LAMBDA ? SYM_FUNC : SYM_TABULAR);
        y->node = v;
        y->defscope = before;
        return 0;
    }
    bctx c = {NULL, s, NULL};
    bexpr *e = bind_expr(q, &c, v);
    if (!e)
        return -1;
    sym *y = scope_add(q, s, let->name, SYM_SCALAR);
    y->scalar = e;
    return 0;
}

/* Exposed for operators bound in other files. */
bexpr *bind_scalar(qctx *q, bind_scope *s, const hschema *in, const ast *n);
bexpr *bind_scalar(qctx *q, bind_scope *s, const hschema *in, const ast *n)
{
    bctx c = {in, s, NULL};
    return bind_expr(q, &c, n);
}
bexpr *bind_cast(qctx *q, bexpr *e, htype t);
bexpr *bind_cast(qctx *q, bexpr *e, htype t)
{
    return cast_to(q, e, t);
}
void bind_scope_set_input(bind_scope *s, op *in);
void bind_scope_set_input(bind_scope *s, op *in)
{
    s->mvapply_input = in;
}
const char *bind_expr_name(qctx *q, const ast *n);
const char *bind_expr_name(qctx *q, const ast *n)
{
    return expr_name(q, n);
}
