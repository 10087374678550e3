/* grammar/ast.h — the syntax tree the KQL parser builds and the binder reads.
 *
 * One node shape serves every construct: a kind, an operator/sub-kind code,
 * the byte span in the query text, a name, literal payloads, children and
 * options. Every node lives in the query's arena (no per-node free); the tree
 * is dropped with the arena.
 *
 * Conventions per kind are written beside each kind below. "kid[i]" is the
 * i-th child; a child may be NULL only where it says "or NULL".
 *
 * A tabular expression is either a source node (AST_IDENT naming a table or
 * a tabular let, AST_CALL of a tabular function, AST_DATATABLE, AST_PRINT,
 * AST_RANGE, AST_UNION, AST_EXTERNALDATA, AST_EVALUATE, AST_SEARCH) or an
 * AST_PIPE whose kid[0] is such a source and whose kid[1..] are operators,
 * applied left to right. In mv-apply sub-queries the pipe's kid[0] is NULL
 * (the operators apply to the expanded rows).
 */
#ifndef HUNT_AST_H
#define HUNT_AST_H

#include "../engine/vec.h"

/* (clang-format is off for the X-macro lists: they keep their hand-made layout) */
// clang-format off
#define AST_KINDS(X)                                                                   \
    /* statements */                                                                   \
    X(SCRIPT)     /* kid[] = statements (AST_LET, AST_SET, tabular or scalar exprs) */ \
    X(LET)        /* name; kid[0] = value: expr, tabular, or AST_LAMBDA */            \
    X(SET)        /* name; kid[0] = value or NULL (`set x=y;` — accepted, ignored) */  \
    X(LAMBDA)     /* kid[0] = AST_LIST of AST_PARAM; kid[1] = AST_SCRIPT body */        \
    X(PARAM)      /* name; type (scalar) or op=1 tabular; kid[0] = AST_SCHEMA or        \
                     AST_STAR for (*) or NULL; kid[1] = default value or NULL */       \
    X(SCHEMA)     /* kid[] = AST_COLDEF */                                             \
    X(COLDEF)     /* name; type */                                                     \
    X(LIST)       /* kid[] = anything (generic list) */                                \
    X(OPTION)     /* name = option name ("kind", "hint.strategy", "withsource",        \
                     "isfuzzy", "with_itemindex", "bagexpansion", "limit", ...);       \
                     kid[0] = value: AST_IDENT or AST_LITERAL */                       \
    /* tabular sources */                                                              \
    X(PIPE)       /* kid[0] = source or NULL; kid[1..] = operators */                  \
    X(DATATABLE)  /* kid[0] = AST_SCHEMA; kid[1..] = values, row-major */              \
    X(PRINT)      /* kid[] = expressions or AST_NAMED */                               \
    X(RANGE)      /* name = column; kid[0] = from, kid[1] = to, kid[2] = step */       \
    X(UNION)      /* opts (kind, withsource, isfuzzy); kid[] = tabular expressions    \
                     (AST_IDENT whose name may hold '*' wildcards); op = 1 when it is  \
                     an operator after '|' (its input is the first leg) */             \
    X(EXTERNALDATA) /* kid[0] = AST_SCHEMA; kid[1..] = URL string literals; opts */    \
    X(EVALUATE)   /* name = plugin; kid[] = arguments; opts (hint.*) */                \
    X(SEARCH)     /* opts (kind); kid[0] = predicate; kid[1] = AST_LIST of tables       \
                     (`in (T1, T2)`) or NULL; op = 1 when after '|'; op = 2 for find:  \
                     opts (withsource); kid[2] = AST_LIST of project columns (AST_IDENT, \
                     AST_COLDEF, pack_all() AST_CALL) or NULL for project-smart */      \
    /* tabular operators */                                                            \
    X(WHERE)      /* kid[0] = predicate (also `filter`); name = the dropped Name of   \
                     `where Name = predicate`, else empty */                           \
    X(PROJECT)    /* kid[] = expr or AST_NAMED */                                      \
    X(EXTEND)     /* kid[] = expr or AST_NAMED */                                      \
    X(PROJECT_AWAY) /* kid[] = AST_IDENT (name may hold '*') */                        \
    X(PROJECT_KEEP) /* kid[] = AST_IDENT (name may hold '*') */                        \
    X(PROJECT_RENAME) /* kid[] = AST_NAMED (name = new; kid[0] = AST_IDENT old) */     \
    X(PROJECT_REORDER) /* kid[] = AST_SORTKEY with kid[0] = AST_IDENT (wildcards) */   \
    X(TAKE)       /* kid[0] = count (also `limit`) */                                  \
    X(COUNT)      /* no kids */                                                        \
    X(SORT)       /* kid[] = AST_SORTKEY (also `order by`) */                          \
    X(SORTKEY)    /* kid[0] = expr; op = SORT_* flags as written */                    \
    X(TOP)        /* kid[0] = count; kid[1..] = AST_SORTKEY */                         \
    X(DISTINCT)   /* kid[] = expr, or one AST_STAR */                                  \
    X(SUMMARIZE)  /* opts; kid[0] = AST_LIST of aggregates (expr or AST_NAMED);         \
                     kid[1] = AST_LIST of group keys (expr or AST_NAMED), may be empty */ \
    X(JOIN)       /* opts (kind, hint.*); kid[0] = right tabular; kid[1..] = keys:     \
                     AST_IDENT (same name both sides) or AST_BINARY OP_EQ between      \
                     $left.x and $right.y (AST_MEMBER of AST_IDENT "$left") */         \
    X(LOOKUP)     /* as AST_JOIN */                                                    \
    X(MV_EXPAND)  /* opts (kind, bagexpansion, with_itemindex, limit);                  \
                     kid[] = AST_MVCOL */                                              \
    X(MVCOL)      /* kid[0] = expr or AST_NAMED; type = `to typeof(T)` or HT_UNKNOWN */ \
    X(MV_APPLY)   /* opts (with_itemindex, limit); kid[0] = AST_LIST of AST_MVCOL;      \
                     kid[1] = AST_PIPE sub-query (kid[0] NULL) */                      \
    X(PARSE)      /* opts (kind, flags); kid[0] = source expr; kid[1..] = pattern:     \
                     AST_LITERAL string, AST_COLDEF capture (type HT_STRING when not    \
                     given), AST_STAR wildcard */                                      \
    X(PARSE_WHERE) /* as AST_PARSE */                                                  \
    X(PARSE_KV)   /* kid[0] = expr; kid[1] = AST_SCHEMA; opts from with(...) */        \
    X(MAKE_SERIES) /* kid[0] = AST_LIST of aggregates (AST_NAMED, kid[1] = default    \
                      value or absent); kid[1] = axis expr; kid[2] = from or NULL;     \
                      kid[3] = to or NULL; kid[4] = step; kid[5] = AST_LIST by-keys */  \
    X(SERIALIZE)  /* kid[] = AST_NAMED (may be empty) */                               \
    X(AS)         /* name; opts */                                                     \
    X(RENDER)     /* name = visualization; opts from with(...) */                      \
    X(GETSCHEMA)  /* no kids */                                                        \
    X(INVOKE)     /* kid[0] = AST_CALL */                                              \
    X(SAMPLE)     /* kid[0] = count */                                                 \
    X(SAMPLE_DISTINCT) /* kid[0] = count; kid[1] = expr */                             \
    X(TOP_NESTED) /* kid[] = AST_LIST clauses: [count or NULL, of-expr (AST_NAMED or   \
                     expr), by-aggregate (AST_NAMED or expr)]; opts per clause ignored */ \
    X(TOP_HITTERS) /* kid[0] = count; kid[1] = of expr; kid[2] = by expr or NULL */    \
    X(SCAN)       /* opts (with_match_id: kid[0] = AST_IDENT); kid[0] = AST_LIST of      \
                     AST_PARAM (declare: name, type, kid[1] = default or NULL);          \
                     kid[1] = AST_LIST of AST_SORTKEY (order by); kid[2] = AST_LIST of   \
                     partition-by exprs; kid[3..] = AST_SCAN_STEP (at least one);        \
                     each list may be empty */                                           \
    X(SCAN_STEP)  /* name = step; op = SCAN_OUT_*; kid[0] = condition;                  \
                     kid[1..] = AST_NAMED assignments (`=> a = x, b = y`) */             \
    X(PROJECT_BY_NAMES) /* kid[] = column specifiers: expressions (string or dynamic     \
                     array constants, column_names_of(T) calls) */                       \
    X(REDUCE)     /* opts (kind; threshold, characters from `with a=x, b=y`);           \
                     kid[0] = expr */                                                    \
    X(PARTITION)  /* opts (hint.*); kid[0] = AST_IDENT key column; kid[1] = sub-query:    \
                     AST_PIPE without source (op = 0, `( ... )`) or a query with its    \
                     own source (op = 1, `{ ... }`) */                                   \
    /* expressions */                                                                  \
    X(LITERAL)    /* type; op = LIT_VALUE (ival/rval/str hold the value: bool and int  \
                     types in ival, real in rval, string in str), LIT_RAW (str = the   \
                     text inside `datetime(...)`, `guid(...)`, `dynamic(...)`, ... for \
                     the binder to convert), or LIT_NULL (`long(null)`, `dynamic(null)`)*/ \
    X(IDENT)      /* name (brackets and quotes removed: ['a b'] -> a b) */            \
    X(NAMED)      /* name; kid[0] = expr; kid[1..] = AST_IDENT for (a, b) = expr */     \
    X(BINARY)     /* op = OP_*; kid[0], kid[1] */                                      \
    X(UNARY)      /* op = OP_NEG or OP_PLUS; kid[0] */                                 \
    X(IN)         /* op = OP_IN/NOTIN/IN_CI/NOTIN_CI/HAS_ANY/HAS_ALL; kid[0] = lhs;    \
                     kid[1..] = items (expressions, or one tabular expression) */       \
    X(BETWEEN)    /* op = OP_BETWEEN or OP_NOTBETWEEN; kid[0] = lhs, kid[1] = lo,       \
                     kid[2] = hi */                                                    \
    X(CALL)       /* name; kid[] = arguments (expr, AST_STAR, tabular) */              \
    X(MEMBER)     /* kid[0] = expr; name = property (x.a) */                           \
    X(INDEX)      /* kid[0] = expr; kid[1] = index or key expr (x[0], x["a"]) */       \
    X(STAR)       /* `*` */                                                            \
    X(TYPEOF)     /* type (`typeof(long)`) */

// clang-format on
typedef enum ast_kind {
#define AST_ENUM(k) AST_##k,
    AST_KINDS(AST_ENUM)
#undef AST_ENUM
        AST__COUNT
} ast_kind;

/* Binary and comparison operators (AST_BINARY / AST_IN / AST_BETWEEN op). */
// clang-format off
#define AST_OPS(X)                                                                     \
    X(ADD, "+") X(SUB, "-") X(MUL, "*") X(DIV, "/") X(MOD, "%")                        \
    X(EQ, "==") X(NE, "!=") X(LT, "<") X(LE, "<=") X(GT, ">") X(GE, ">=")              \
    X(EQ_CI, "=~") X(NE_CI, "!~") X(AND, "and") X(OR, "or")                            \
    X(HAS, "has") X(NHAS, "!has") X(HAS_CS, "has_cs") X(NHAS_CS, "!has_cs")            \
    X(HASPREFIX, "hasprefix") X(NHASPREFIX, "!hasprefix")                              \
    X(HASPREFIX_CS, "hasprefix_cs") X(NHASPREFIX_CS, "!hasprefix_cs")                  \
    X(HASSUFFIX, "hassuffix") X(NHASSUFFIX, "!hassuffix")                              \
    X(HASSUFFIX_CS, "hassuffix_cs") X(NHASSUFFIX_CS, "!hassuffix_cs")                  \
    X(CONTAINS, "contains") X(NCONTAINS, "!contains")                                  \
    X(CONTAINS_CS, "contains_cs") X(NCONTAINS_CS, "!contains_cs")                      \
    X(STARTSWITH, "startswith") X(NSTARTSWITH, "!startswith")                          \
    X(STARTSWITH_CS, "startswith_cs") X(NSTARTSWITH_CS, "!startswith_cs")              \
    X(ENDSWITH, "endswith") X(NENDSWITH, "!endswith")                                  \
    X(ENDSWITH_CS, "endswith_cs") X(NENDSWITH_CS, "!endswith_cs")                      \
    X(MATCHES, "matches regex")                                                        \
    X(IN, "in") X(NOTIN, "!in") X(IN_CI, "in~") X(NOTIN_CI, "!in~")                    \
    X(HAS_ANY, "has_any") X(HAS_ALL, "has_all")                                        \
    X(BETWEEN, "between") X(NOTBETWEEN, "!between")                                    \
    X(NEG, "-") X(PLUS, "+")

// clang-format on
typedef enum ast_op {
    OP_NONE = 0,
#define AST_OP_ENUM(o, s) OP_##o,
    AST_OPS(AST_OP_ENUM)
#undef AST_OP_ENUM
        OP__COUNT
} ast_op;

enum { LIT_VALUE = 0, LIT_RAW = 1, LIT_NULL = 2 };

/* AST_SCAN_STEP output modes (`output=all|last|none`; all when not written). */
enum { SCAN_OUT_ALL = 0, SCAN_OUT_LAST = 1, SCAN_OUT_NONE = 2 };

/* AST_SORTKEY flags: what the query wrote (the binder applies defaults). */
enum { SORT_ASC = 1, SORT_DESC = 2, SORT_NULLS_FIRST = 4, SORT_NULLS_LAST = 8 };

typedef struct ast ast;
struct ast {
    ast_kind kind;
    int op;       /* OP_*, LIT_*, SORT_* or 1 as said per kind */
    int off, len; /* byte span in the query text */
    hstr name;
    hstr str; /* string literal value (unescaped) or raw literal text */
    htype type;
    int64_t ival;
    double rval;
    ast **kid;
    int nkid, kidcap;
    ast *opts; /* AST_LIST of AST_OPTION, or NULL */
};

/* Constructors (grammar/ast.c). All memory comes from a; never NULL. */
ast *ast_new(harena *a, ast_kind kind, int off, int len);
/* Appends a child (may be NULL); returns parent. */
ast *ast_add(harena *a, ast *parent, ast *kid);
/* Appends an option; returns node. */
ast *ast_add_opt(harena *a, ast *node, ast *opt);
/* Widens n's span to cover [off, off+len). */
void ast_span(ast *n, int off, int len);
/* The option of node with that name (case-sensitive), or NULL. */
const ast *ast_opt(const ast *node, const char *name);

const char *ast_kind_name(ast_kind k); /* "WHERE" ... */
const char *ast_op_name(int op);       /* "==" ... */

/* Appends an S-expression dump of n to a malloc'd string (for tests):
 * (PIPE (IDENT T) (WHERE (BINARY == (IDENT a) (LITERAL long 1)))) */
char *ast_dump(const ast *n);

#endif
