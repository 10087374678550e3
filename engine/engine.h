/* engine/engine.h — the engine's internal shapes: bound expressions, batches,
 * physical operators, and the per-query execution context.
 *
 * The binder (bind.c) walks the AST once, checks names and types against the
 * catalog and the let-scopes, and builds a tree of operators (op) whose
 * expressions are bexpr trees with resolved types, column indexes, function
 * definitions and constant values. Nothing is evaluated per row from the AST.
 *
 * Execution is pull-based and vectorized: op->next hands out one batch of up
 * to VEC_BATCH rows at a time. The batch's vectors live in the producing
 * operator's arena and stay valid until the next call of op->next on that
 * operator. Expressions are evaluated a batch at a time by expr_eval, each
 * node running one typed kernel over the whole batch.
 *
 * Memory: everything the binder creates (bexprs, ops, constant vectors) comes
 * from the query arena (qctx->arena) and dies with the query. Operators that
 * hold data across batches (sort, summarize, join) own malloc'd or arena
 * memory released by their close function.
 */
#ifndef HUNT_ENGINE_H
#define HUNT_ENGINE_H

#include "../grammar/ast.h"
#include "../tables/catalog.h"
#include "../tables/dyn.h"
#include "fn.h"
#include "../include/hunt.h"
#include <signal.h>

typedef struct qctx qctx;
typedef struct op op;
typedef struct bexpr bexpr;

/* --- batches -------------------------------------------------------------- */

typedef struct batch {
    uint32_t n;
    int ncols;
    hvec *cols;
} batch;

/* --- bound expressions ---------------------------------------------------- */

typedef enum bx_kind {
    BX_COL,   /* col: index into the input batch */
    BX_CONST, /* cval: a constant vector (n = 1) */
    BX_CALL,  /* fn + args (+ per call-site state) */
    BX_BINOP, /* op (OP_*) on args[0], args[1] */
    BX_NEG,   /* unary minus */
    BX_AND,
    BX_OR,
    BX_CAST,    /* args[0] converted to type */
    BX_MEMBER,  /* args[0] (dynamic) . key (in cval.s[0]) */
    BX_INDEX,   /* args[0] (dynamic) [ args[1] ] */
    BX_IN,      /* op OP_IN.. / HAS_ANY / HAS_ALL; args[0] lhs; set in inset */
    BX_BETWEEN, /* op OP_BETWEEN/NOTBETWEEN; args[0..2] */
    BX_SUBQ     /* a scalar sub-query (toscalar): sub, evaluated once */
} bx_kind;

typedef struct inset inset;           /* a set of constant values for in/has_any (expr.c) */
typedef struct code_cache code_cache; /* results per dictionary code (expr.c) */

struct bexpr {
    bx_kind kind;
    htype type;
    int op;
    int col;
    hvec cval;
    const fn_def *fn;
    void *fnstate;
    int nargs;
    bexpr **args;
    inset *set;
    bexpr *set_src; /* in/has_any with a non-constant list: items evaluated per batch */
    op *sub;        /* BX_SUBQ, or BX_IN with a tabular right side */
    bool sub_done;
    /* A call over a string argument: its results for the dictionary codes
     * of the extent being read (expr.c, eval_by_codes), made at bind time
     * and freed with the query. Not used while shared is set: two threads
     * evaluate the node (a summarize's keys and arguments in a parallel
     * aggregation). */
    code_cache *cc;
    bool shared;
    int off, len; /* source span, for runtime errors */
};

/* Evaluates e over batch b into out (memory from a). Returns 0, or -1 with
 * the query's error set. */
int expr_eval(qctx *q, bexpr *e, const batch *b, harena *a, hvec *out);
/* e, which reads no column (a constant, a let value, a toscalar() sub-query),
 * evaluated once: one value, in a (out->n == 1). */
int expr_eval_once(qctx *q, bexpr *e, harena *a, hvec *out);

/* Casts vector v to type t (KQL conversion rules, like tolong/tostring...). */
int expr_cast(qctx *q, harena *a, const hvec *v, htype t, hvec *out);
/* expr_eval, then expr_cast to t when the result has another type. */
int expr_eval_as(qctx *q, bexpr *e, const batch *b, harena *a, htype t, hvec *out);

/* The code cache of a call (see bexpr.cc): made by the binder, freed with
 * the query. */
code_cache *code_cache_new(harena *a);
void code_cache_free(code_cache *cc);
/* Marks e and everything below it as evaluated by two threads at once. */
void expr_mark_shared(bexpr *e);

/* Builds the constant set of an in/has_any expression from constant items. */
inset *inset_new(qctx *q, int op, htype lhs_type, hvec *const *items, int nitems);
void inset_free(inset *s);
/* The constant items of a set (type and count in the vector); NULL for NULL. */
const hvec *inset_items(const inset *s);
/* Term-index pruning of scans (term_prune.c): could p narrow a scan; the
 * candidate rows of extent e (-1: every row), ascending, memory from a. */
bool term_prune_applies(const bexpr *p);
int64_t term_prune_rows(const bexpr *p, hextent *e, bool build, harena *a, uint32_t **rows);

/* Does haystack hold needle as a whole term (has), prefix or suffix of a term?
 * Case-insensitive unless cs. */
bool str_has(hstr hay, hstr needle, bool cs);
bool str_hasprefix(hstr hay, hstr needle, bool cs);
bool str_hassuffix(hstr hay, hstr needle, bool cs);
bool str_contains(hstr hay, hstr needle, bool cs);
bool str_eq_ci(hstr a, hstr b);
int str_cmp(hstr a, hstr b); /* ordinal byte order */

/* Compares two values of one type for sorting: <0, 0, >0 (nulls not here). */
int value_cmp(const hvec *a, uint32_t i, const hvec *b, uint32_t j);
/* Hash of one value (nulls hash to a fixed value). */
uint64_t value_hash(const hvec *v, uint32_t i);
/* Equality of two values of one type, for grouping and joins (null == null). */
bool value_eq(const hvec *a, uint32_t i, const hvec *b, uint32_t j);

/* --- operators ------------------------------------------------------------- */

struct op {
    const char *name;
    hschema schema;                     /* output columns */
    int (*next)(op *self, batch **out); /* *out = NULL at the end; -1 on error */
    void (*close)(op *self);
    qctx *q;
    harena arena; /* memory of the batch last handed out */
    op **kids;
    int nkids;
    void *st; /* operator state */
    int64_t rows_out;
    bool serialized; /* output order is meaningful (after sort/serialize) */
};

op *op_new(qctx *q, const char *name, int nkids);
void op_close_tree(op *o);

/* --- query context --------------------------------------------------------- */

typedef struct hunt_db_internal_view {
    hcatalog *catalog;
} hunt_db_internal_view;

struct qctx {
    harena arena; /* binder output and long-lived query memory */
    hcatalog *catalog;
    const char *src; /* query text */
    size_t srclen;
    int64_t now; /* now() in ticks */
    volatile sig_atomic_t *interrupt;
    /* error state */
    int err_code;
    char err_msg[512];
    int err_off, err_len;
    /* render */
    char *render;
    /* the parsed script, for whole-query analyses (prune.c) */
    const ast *script;
    /* set while binding a pipeline's source when the pipeline uses
     * ingestion_time() or _TimeReceived: table scans then add the hidden
     * ingestion-time column (bind.c) */
    bool want_ingest;
    /* extents skipped / scanned, for --explain and the benchmark */
    int64_t ext_scanned, ext_skipped;
    int64_t rows_scanned;
    /* function call sites whose state must be freed at the end */
    bexpr **fncalls;
    int nfncalls, fncap;
    /* ops to close at the end (all created ops) */
    op **ops;
    int nops, opscap;
    /* Checking only (HUNT_CHECK_ONLY): a watchlist that is not loaded gets,
     * besides the columns every watchlist has, the string columns named in
     * wl_assume (hunt_query adds a name each time binding stops on it);
     * wl_open says whether the query read such a watchlist. The same names
     * are dynamic columns of a bag_unpack whose columns come from the data
     * (with no data, none would): data_open says whether one was bound. */
    bool check_only;
    const char *const *wl_assume;
    int nwl_assume;
    bool wl_open;
    bool data_open;
    /* checking only: a table whose columns come from its data (AzureDiagnostics,
     * catalog_open_columns) was scanned; the names in wl_assume with a Log
     * Analytics type suffix (httpStatus_d) are its columns of that type */
    bool open_cols;
};

/* Records an error (the first one wins); returns -1 for convenient returns. */
int q_error(qctx *q, int code, int off, int len, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* --- binding ---------------------------------------------------------------- */

/* Binds one tabular statement of script (an AST node) into an operator tree.
 * The let-statements before it are in scope. Returns NULL with q's error. */
typedef struct bind_scope bind_scope;
bind_scope *bind_scope_new(qctx *q, bind_scope *parent);
int bind_let(qctx *q, bind_scope *s, const ast *let);
op *bind_tabular(qctx *q, bind_scope *s, const ast *n);

/* Column names generated like Kusto does: "print_0", "Column1", "count_". */
const char *name_unique(qctx *q, const hschema *s, const char *base);

/* --- operators (exec_*.c) ---------------------------------------------------- */

op *exec_scan(qctx *q, htable *t, int64_t tmin, int64_t tmax, int timecol);
op *exec_values(qctx *q, htable *t); /* scans a table the query owns */
op *exec_filter(qctx *q, op *in, bexpr *pred);
op *exec_project(qctx *q, op *in, bexpr **exprs, int n, const hschema *out);
op *exec_take(qctx *q, op *in, int64_t n);
op *exec_count(qctx *q, op *in, const char *name);
typedef struct sortkey {
    bexpr *e;
    bool desc;
    bool nulls_first;
} sortkey;
op *exec_sort(qctx *q, op *in, sortkey *keys, int nkeys, int64_t limit);
bool exec_sort_set_limit(op *o, int64_t n);
typedef struct aggspec aggspec; /* agg.c */
op *exec_summarize(qctx *q, op *in, bexpr **keys, int nkeys, aggspec **aggs, int naggs,
                   const hschema *out);
op *exec_union(qctx *q, op **legs, int nlegs, const hschema *out, int **colmap, const char *srccol,
               const char **legnames);
typedef struct joinspec {
    int kind; /* JOIN_* */
    int nkeys;
    int *lkeys, *rkeys; /* key column indexes */
    int *lout, *rout;   /* output column sources: -1 none */
} joinspec;
enum {
    JOIN_INNERUNIQUE,
    JOIN_INNER,
    JOIN_LEFTOUTER,
    JOIN_RIGHTOUTER,
    JOIN_FULLOUTER,
    JOIN_LEFTANTI,
    JOIN_RIGHTANTI,
    JOIN_LEFTSEMI,
    JOIN_RIGHTSEMI
};
op *exec_join(qctx *q, op *left, op *right, joinspec *js, const hschema *out);
op *exec_mvexpand(qctx *q, op *in, int *cols, htype *totypes, int ncols, int64_t limit,
                  int itemindex_col, const hschema *out);

/* Materializes all of an operator's output into a new table (q-owned). */
htable *exec_collect(qctx *q, op *o);

/* Evaluates e over every row of frame f (any size) into a full vector. */
int expr_eval_all(qctx *q, bexpr *e, const batch *f, harena *a, hvec *out);

/* The next batch (memory from a) of the flattened columns flat (ncols of them,
 * total rows), from row *emitted on, which it advances; NULL when all are out. */
batch *flat_next(harena *a, const hvec *flat, int ncols, uint32_t total, uint32_t *emitted);

/* Flattens a table's extents into one vector per column (memory from a;
 * strings point into the extents, which must outlive the vectors). */
void table_flatten(harena *a, htable *t, hvec *cols);

/* Binding helpers for operators bound outside bind.c. */
bexpr *bind_scalar(qctx *q, bind_scope *s, const hschema *in, const ast *n);
bexpr *bind_cast(qctx *q, bexpr *e, htype t);
void bind_scope_set_input(bind_scope *s, op *in);
const char *bind_expr_name(qctx *q, const ast *n);
/* Does e read a column of its row (a sub-query's own columns do not count)? */
bool bexpr_reads_column(const bexpr *e);

/* Operators bound outside bind.c (exec_*.c). Each returns NULL with the
 * query's error set on failure. Those not implemented yet live in
 * exec_pending.c and report "operator 'X' is not supported yet". */
op *unsupported_op(qctx *q, const ast *n);
op *bind_join(qctx *q, bind_scope *s, op *left, const ast *n);
op *bind_mvexpand(qctx *q, bind_scope *s, op *in, const ast *n);
op *bind_mvapply(qctx *q, bind_scope *s, op *in, const ast *n);
op *bind_parse(qctx *q, bind_scope *s, op *in, const ast *n);
op *bind_parse_kv(qctx *q, bind_scope *s, op *in, const ast *n);
op *bind_make_series(qctx *q, bind_scope *s, op *in, const ast *n);
op *bind_serialize(qctx *q, bind_scope *s, op *in, const ast *n);
op *bind_evaluate(qctx *q, bind_scope *s, op *in, const ast *n); /* in may be NULL */
op *bind_search(qctx *q, bind_scope *s, op *in, const ast *n);   /* in may be NULL */
op *bind_top_nested(qctx *q, bind_scope *s, op *in, const ast *n);
op *bind_externaldata(qctx *q, bind_scope *s, const ast *n);
op *bind_scan_op(qctx *q, bind_scope *s, op *in, const ast *n); /* exec_scan_op.c */
op *bind_project_by_names(qctx *q, bind_scope *s, op *in,
                          const ast *n);                       /* exec_project_by_names.c */
op *bind_reduce(qctx *q, bind_scope *s, op *in, const ast *n); /* exec_pending.c */
op *bind_ip_lookup(qctx *q, bind_scope *s, op *in, const ast *n, bool v6); /* exec_ip_lookup.c */
op *bind_sample(qctx *q, bind_scope *s, op *in, const ast *n);             /* exec_sample.c */
op *bind_sample_distinct(qctx *q, bind_scope *s, op *in, const ast *n);    /* exec_sample.c */
op *bind_find(qctx *q, bind_scope *s, op *in, const ast *n); /* exec_find.c; in may be NULL */
/* pred_cols.c: one predicate over several tables (find, search). The
 * predicate's columns are its identifiers that name a column of some table,
 * each with its type in the first table that has it. */
typedef struct pred_cols {
    const char **names;
    htype *types;
    int n;
} pred_cols;
htype legs_col_type(const hschema *const *legs, int nlegs, const char *name, bool *mixed);
void pred_cols_collect(qctx *q, const hschema *const *legs, int nlegs, const ast *pred,
                       pred_cols *pc);
bool pred_cols_any(const hschema *leg,
                   const pred_cols *pc); /* leg has one of them (or none named) */
const ast *pred_cols_fill(qctx *q, const hschema *leg, const pred_cols *pc,
                          const ast *pred);         /* the columns leg lacks as typed nulls */
ast *null_literal(qctx *q, const ast *at, htype t); /* a typed null at at's position */
op *bind_partition(qctx *q, bind_scope *s, op *in, const ast *n); /* exec_partition.c */
/* Rows grouped by value in order of first appearance (exec_partition.c). */
uint32_t vec_group_rows(const hvec *v, uint32_t n, uint32_t *pid, uint32_t *rep);
/* Rows grouped by a key of several columns, optionally after a prior group number
 * (exec_partition.c). */
uint32_t vec_group_keys(const uint32_t *pre, const hvec *cols, int nk, uint32_t n,
                        const uint8_t *skip, uint32_t *gid, uint32_t *rep);
/* exec_pivot.c: nschema = -1 without an output schema `: ([*,] name:type, ...)` */
op *bind_pivot(qctx *q, bind_scope *s, op *in, const ast *n, int nschema, const hstr *names,
               const htype *types, bool star);
op *bind_activity_counts_metrics(qctx *q, bind_scope *s, op *in,
                                 const ast *n);                     /* exec_activity_metrics.c */
op *bind_top_hitters(qctx *q, bind_scope *s, op *in, const ast *n); /* exec_top_hitters.c */
op *bind_range(qctx *q, bind_scope *s, const ast *n);               /* exec_range.c */

/* Column pruning (prune.c): fills need[ncols] with the columns of table
 * schema s that pipeline `pipe` (whose source scans it) can read, and returns
 * true; false when every column must be kept. */
bool prune_columns(const ast *pipe, const ast *script, const hschema *s, uint8_t *need);
/* Makes a scan produce only the columns need[] marks (others: null constants). */
void exec_scan_set_needed(op *scan, const uint8_t *need);
/* Gives a scan the predicate of the `where` right above it, to read only the
 * rows the term indexes leave (term_prune.c); the filter still decides. */
void exec_scan_push_terms(op *scan, bexpr *pred);
/* Gives a join the predicate of the `where` right above it: the join filters
 * its pairs before gathering the columns the predicate does not read, and the
 * where is not needed. false when the join already has one (exec_join.c). */
bool exec_join_push_filter(op *join, bexpr *pred);
htable *exec_scan_table(op *scan);
/* Is o a table scan (exec_scan)? */
bool exec_is_scan(const op *o);
/* Is name one of the window functions (row_number, prev, next, ...; exec_window.c)? */
bool window_fn_name(hstr name);
/* ingestion_time(): a hidden scan column, dropped at the end of its pipeline */
#define INGESTION_TIME_COLUMN "$IngestionTime"
bool exec_scan_add_ingestion_time(op *scan);
bool exec_scan_order_by(op *scan, int col, bool desc, bool (*skip)(void *, const hextent *),
                        void *arg);
void exec_scan_set_part(op *scan, int part, int nparts);
/* Two copies of a pipeline on two threads, batches merged (exec_exchange.c). */
op *exec_exchange(qctx *q, op *a, op *b);

/* dst = src's rows sel[0..n) (memory from a; strings are not copied). */
void vec_gather(harena *a, const hvec *src, const uint32_t *sel, uint32_t n, hvec *dst);

/* Appends row i of batch vectors to a table builder. */
struct tbuild;
void tbuild_vec(struct tbuild *b, int col, const hvec *v, uint32_t i);

#endif
