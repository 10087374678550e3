/* grammar/ast.c — constructors, lookups and the S-expression dump of the
 * syntax tree declared in ast.h.
 *
 * Nodes and their child arrays come from the query's arena; a child array
 * grows by doubling (the old array is simply abandoned in the arena). The
 * dump is the one place that mallocs: it builds a string the tests compare
 * against expected text, in the shape
 *   (PIPE (IDENT T) (WHERE (BINARY == (IDENT a) (LITERAL long 1))))
 * Per node: the kind, then what is set among op, type, name, literal value
 * and options, then the children (a NULL child prints as `nil`).
 */
#include "ast.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
#define AST_KNAME(k) #k,
    AST_KINDS(AST_KNAME)
#undef AST_KNAME
};

static const char *const op_names[] = {"",
#define AST_OP_NAME(o, s) s,
                                       AST_OPS(AST_OP_NAME)
#undef AST_OP_NAME
};

ast *ast_new(harena *a, ast_kind kind, int off, int len)
{
    ast *n = arena_zalloc(a, sizeof *n);
    n->kind = kind;
    n->off = off;
    n->len = len;
    return n;
}

ast *ast_add(harena *a, ast *parent, ast *kid)
{
    if (parent->nkid == parent->kidcap) {
        int cap = parent->kidcap ? parent->kidcap * 2 : 4;
        ast **k = arena_alloc(a, (size_t)cap * sizeof *k);
        if (parent->nkid)
            memcpy(k, parent->kid, (size_t)parent->nkid * sizeof *k);
        parent->kid = k;
        parent->kidcap = cap;
    }
    parent->kid[parent->nkid++] = kid;
    return parent;
}

ast *ast_add_opt(harena *a, ast *node, ast *opt)
{
    if (!node->opts)
        node->opts = ast_new(a, AST_LIST, opt ? opt->off : node->off, 0);
    ast_add(a, node->opts, opt);
    return node;
}

void ast_span(ast *n, int off, int len)
{
    int end = n->off + n->len;
    if (off < n->off)
        n->off = off;
    if (off + len > end)
        end = off + len;
    n->len = end - n->off;
}

const ast *ast_opt(const ast *node, const char *name)
{
    if (!node || !node->opts)
        return NULL;
    size_t len = strlen(name);
    for (int i = 0; i < node->opts->nkid; i++) {
        const ast *o = node->opts->kid[i];
        if (o && o->name.n == len && memcmp(o->name.p, name, len) == 0)
            return o;
    }
    return NULL;
}

const char *ast_kind_name(ast_kind k)
{
    if ((int)k < 0 || k >= AST__COUNT)
        return "?";
    return kind_names[k];
}

const char *ast_op_name(int op)
{
    if (op < 0 || op >= OP__COUNT)
        return "?";
    return op_names[op];
}

/* --- dump ------------------------------------------------------------------ */

typedef struct dbuf {
    char *p;
    size_t n, cap;
} dbuf;

static void db_put(dbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->n + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            abort();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void db_str(dbuf *b, const char *s)
{
    db_put(b, s, strlen(s));
}

static void db_fmt(dbuf *b, const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        db_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A string in double quotes with \" \\ \n \t and \xNN escapes. */
static void db_quoted(dbuf *b, hstr s)
{
    db_put(b, "\"", 1);
    for (uint32_t i = 0; i < s.n; i++) {
        unsigned char c = (unsigned char)s.p[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            db_put(b, e, 2);
        } else if (c == '\n') {
            db_str(b, "\\n");
        } else if (c == '\t') {
            db_str(b, "\\t");
        } else if (c < 0x20 || c == 0x7f) {
            db_fmt(b, "\\x%02x", c);
        } else {
            db_put(b, (const char *)&c, 1);
        }
    }
    db_put(b, "\"", 1);
}

/* A name bare when it is a plain word (letters, digits, _ $ . * -), else quoted. */
static void db_name(dbuf *b, hstr s)
{
    bool plain = s.n > 0;
    for (uint32_t i = 0; i < s.n && plain; i++) {
        unsigned char c = (unsigned char)s.p[i];
        plain = c >= 0x80 || c == '_' || c == '$' || c == '.' || c == '*' || c == '-' ||
                (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    if (plain)
        db_put(b, s.p, s.n);
    else
        db_quoted(b, s);
}

static const char *type_name(htype t)
{
    static const char *const names[] = {"unknown", "bool",     "int",      "long", "real",
                                        "string",  "datetime", "timespan", "guid", "dynamic"};
    return (int)t >= 0 && t < HT__COUNT ? names[t] : "?";
}

static void dump_literal(dbuf *b, const ast *n)
{
    db_str(b, type_name(n->type));
    if (n->op == LIT_NULL) {
        db_str(b, " null");
        return;
    }
    if (n->op == LIT_RAW) {
        db_str(b, " raw ");
        db_quoted(b, n->str);
        return;
    }
    db_put(b, " ", 1);
    switch (n->type) {
    case HT_BOOL:
        db_str(b, n->ival ? "true" : "false");
        break;
    case HT_REAL:
        db_fmt(b, "%.17g", n->rval);
        break;
    case HT_STRING:
        db_quoted(b, n->str);
        break;
    default:
        db_fmt(b, "%lld", (long long)n->ival);
        break;
    }
}

static void dump_sortflags(dbuf *b, int op)
{
    if (op & SORT_ASC)
        db_str(b, " asc");
    if (op & SORT_DESC)
        db_str(b, " desc");
    if (op & SORT_NULLS_FIRST)
        db_str(b, " nulls-first");
    if (op & SORT_NULLS_LAST)
        db_str(b, " nulls-last");
}

static void dump_node(dbuf *b, const ast *n);

/* The attributes of n that its kind uses, each preceded by a space. */
static void dump_attrs(dbuf *b, const ast *n)
{
    switch (n->kind) {
    case AST_BINARY:
    case AST_UNARY:
    case AST_IN:
    case AST_BETWEEN:
        db_put(b, " ", 1);
        db_str(b, ast_op_name(n->op));
        break;
    case AST_SORTKEY:
        dump_sortflags(b, n->op);
        break;
    case AST_SCAN_STEP:
        if (n->op == SCAN_OUT_LAST || n->op == SCAN_OUT_NONE)
            db_str(b, n->op == SCAN_OUT_LAST ? " output=last" : " output=none");
        break;
    case AST_LITERAL:
        db_put(b, " ", 1);
        dump_literal(b, n);
        break;
    case AST_PARAM:
    case AST_UNION:
    case AST_SEARCH:
        if (n->op)
            db_str(b, n->kind == AST_PARAM ? " tabular" : " op");
        break;
    default:
        break;
    }
    if (n->name.n || n->kind == AST_NAMED) {
        db_put(b, " ", 1);
        if (n->name.n)
            db_name(b, n->name);
        else
            db_str(b, "\"\"");
    }
    if (n->type != HT_UNKNOWN && n->kind != AST_LITERAL) {
        db_put(b, ":", 1);
        db_str(b, type_name(n->type));
    }
    if (n->opts) {
        for (int i = 0; i < n->opts->nkid; i++) {
            db_put(b, " ", 1);
            dump_node(b, n->opts->kid[i]);
        }
    }
}

static void dump_node(dbuf *b, const ast *n)
{
    if (!n) {
        db_str(b, "nil");
        return;
    }
    db_put(b, "(", 1);
    db_str(b, ast_kind_name(n->kind));
    dump_attrs(b, n);
    for (int i = 0; i < n->nkid; i++) {
        db_put(b, " ", 1);
        dump_node(b, n->kid[i]);
    }
    db_put(b, ")", 1);
}

char *ast_dump(const ast *n)
{
    dbuf b = {0};
    dump_node(&b, n);
    if (!b.p)
        db_put(&b, "", 0);
    return b.p;
}
