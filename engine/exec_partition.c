/* engine/exec_partition.c — the partition operator: runs a sub-query once per
 * value of a key column and outputs the union of the results.
 *
 *   T | partition [hint.strategy=legacy|native|shuffle] [hint.* ...] by Col ( SubQuery )
 *   T | partition [hint.strategy=legacy] by Col { QueryWithSource }
 *
 * `( SubQuery )`: a pipe without a source; each run reads the rows of T whose
 * Col has one value (nulls form one partition too). `{ Query }` (legacy
 * strategy only): a query with its own source, run once per value of Col
 * with Col bound as a scalar holding that value (`Col` and `toscalar(Col)`
 * both work); T's other columns are not visible.
 *
 * The strategies give the same result; the legacy one (the default when no
 * strategy is given) fails, as documented, when Col has more than 64 values.
 * The other hints (shufflekey, materialized, concurrency, spread) only tune
 * the execution and are accepted and ignored.
 *
 * The sub-query is bound once at bind time over an empty input (for its
 * errors and output schema), then, when the operator is first pulled, the
 * input is collected, split by key (partitions in order of first
 * appearance), and the sub-query is bound and run for each partition in
 * turn; its rows are appended to the output table and its operators are
 * closed. A run whose output columns differ from the bind-time schema fails
 * with a clear error.
 */
#include "engine.h"
#include "vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEGACY_MAX_PARTITIONS 64

typedef struct part_st {
    int key;          /* key column of the input */
    bool braces;      /* { query } form */
    bool legacy;      /* the legacy strategy (64 partitions at most) */
    const ast *subq;  /* the sub-query */
    const ast *keyid; /* the key column's name node */
    bind_scope *scope;
    htable *out;
    hvec *flat;
    uint32_t emitted;
    bool done;
} part_st;

/* --- binding the sub-query ------------------------------------------------------------------ */

/* A literal AST for value i of v (the { query } form's key); NULL when the
 * type can't be written as one. */
static ast *key_literal(qctx *q, const ast *at, const hvec *v, uint32_t i, htype t)
{
    ast *n = ast_new(&q->arena, AST_LITERAL, at->off, at->len);
    n->type = t;
    if (!v || vec_is_null(v, i)) {
        n->op = LIT_NULL;
        return n;
    }
    n->op = LIT_VALUE;
    switch (t) {
    case HT_STRING:
        n->str = v->s[i];
        break;
    case HT_REAL:
        n->rval = vec_r(v, i);
        break;
    case HT_BOOL:
        n->ival = vec_b(v, i);
        break;
    case HT_INT:
    case HT_LONG:
    case HT_DATETIME:
    case HT_TIMESPAN:
        n->ival = vec_i(v, i);
        break;
    default:
        return NULL;
    }
    return n;
}

/* Binds the sub-query over src (the ( ) form) or with the key bound to
 * value i of keyv (the { } form; keyv NULL: a typed null). */
static op *bind_sub(qctx *q, part_st *s, op *src, htype kt, const hvec *keyv, uint32_t i)
{
    bind_scope *sc = bind_scope_new(q, s->scope);
    if (!s->braces) {
        bind_scope_set_input(sc, src);
        return bind_tabular(q, sc, s->subq);
    }
    ast *lit = key_literal(q, s->keyid, keyv, i, kt);
    if (!lit)
        return q_error(q, HUNT_EUNSUPPORTED, s->keyid->off, s->keyid->len,
                       "partition: a %s key is not supported with { query }", ht_name(kt)),
               NULL;
    ast *let = ast_new(&q->arena, AST_LET, s->keyid->off, s->keyid->len);
    let->name = s->keyid->name;
    ast_add(&q->arena, let, lit);
    if (bind_let(q, sc, let) < 0)
        return NULL;
    return bind_tabular(q, sc, s->subq);
}

/* --- running ------------------------------------------------------------------------------- */

static uint64_t group_mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
}

/* Numbers the distinct keys (pre[i] if pre, then cols[0..nk) at row i; nulls
 * equal each other) of the rows not skipped, in order of first appearance.
 * gid[i], when gid is not NULL, is row i's number, or UINT32_MAX for a
 * skipped row (skip[i] set); rep[g], when rep is not NULL (n entries), is
 * group g's first row. Returns how many. Used by pivot, partition,
 * sample-distinct and activity_counts_metrics. */
uint32_t vec_group_keys(const uint32_t *pre, const hvec *cols, int nk, uint32_t n,
                        const uint8_t *skip, uint32_t *gid, uint32_t *rep)
{
    uint32_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    uint32_t *slot = malloc(sizeof(uint32_t) * cap);
    uint32_t *first = rep ? rep : malloc(sizeof(uint32_t) * (n + 1));
    if (!slot || !first)
        abort();
    memset(slot, 0xff, sizeof(uint32_t) * cap);
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (gid)
            gid[i] = UINT32_MAX;
        if (skip && skip[i])
            continue;
        uint64_t h = 0xcbf29ce484222325ull;
        if (pre)
            h = group_mix(h, pre[i]);
        for (int c = 0; c < nk; c++)
            h = group_mix(h, vec_is_null(&cols[c], i) ? 0x51ull : value_hash(&cols[c], i));
        for (uint32_t k = (uint32_t)h & (cap - 1);; k = (k + 1) & (cap - 1)) {
            uint32_t g = slot[k];
            if (g == UINT32_MAX) {
                slot[k] = g = m++;
                first[g] = i;
            } else {
                uint32_t r = first[g];
                bool same = !pre || pre[r] == pre[i];
                for (int c = 0; c < nk && same; c++) {
                    bool nr = vec_is_null(&cols[c], r), ni = vec_is_null(&cols[c], i);
                    same = nr == ni && (nr || value_eq(&cols[c], r, &cols[c], i));
                }
                if (!same)
                    continue;
            }
            if (gid)
                gid[i] = g;
            break;
        }
    }
    free(slot);
    if (first != rep)
        free(first);
    return m;
}

/* Groups the rows of v by value (nulls form one group), numbered in order of
 * first appearance: rep[g] is group g's first row and, when pid is not NULL,
 * pid[i] row i's group. Returns the number of groups. */
uint32_t vec_group_rows(const hvec *v, uint32_t n, uint32_t *pid, uint32_t *rep)
{
    return vec_group_keys(NULL, v, 1, n, NULL, pid, rep);
}

static bool same_schema(const hschema *a, const hschema *b)
{
    if (a->ncols != b->ncols)
        return false;
    for (int c = 0; c < a->ncols; c++)
        if (a->types[c] != b->types[c] || strcmp(a->names[c], b->names[c]))
            return false;
    return true;
}

/* The rows rows[0..nr) as a table (columns of t). */
static htable *part_table(htable *t, const hvec *flat, const uint32_t *rows, uint32_t nr)
{
    htable *p = table_new("partition", &t->schema);
    tbuild *tb = tbuild_new_scratch(p);
    for (uint32_t k = 0; k < nr; k++) {
        for (int c = 0; c < t->schema.ncols; c++)
            tbuild_vec(tb, c, &flat[c], rows[k]);
        tbuild_end_row(tb);
    }
    tbuild_finish(tb);
    return p;
}

/* Closes and forgets the operators created since q->ops[mark] (one
 * partition's run, finished), so memory does not grow with the partitions. */
static void release_ops(qctx *q, int mark)
{
    for (int i = mark; i < q->nops; i++) {
        op *o = q->ops[i];
        if (o->close)
            o->close(o);
        arena_free(&o->arena);
        schema_free(&o->schema);
    }
    q->nops = mark;
}

/* Runs the sub-query over rows[0..nr) (all with the key of row rows[0]) and
 * appends its rows to ob. */
static int run_part(op *o, tbuild *ob, htable *t, const hvec *flat, const uint32_t *rows,
                    uint32_t nr)
{
    part_st *s = o->st;
    qctx *q = o->q;
    int mark = q->nops;
    op *src = NULL;
    if (!s->braces)
        src = exec_values(q, part_table(t, flat, rows, nr));
    op *root = bind_sub(q, s, src, t->schema.types[s->key], &flat[s->key], rows[0]);
    if (!root)
        return -1;
    if (!same_schema(&root->schema, &o->schema))
        return q_error(q, HUNT_EUNSUPPORTED, s->subq->off, s->subq->len,
                       "partition: the sub-query's output columns differ between partitions; "
                       "not supported");
    htable *r = exec_collect(q, root);
    if (!r)
        return -1;
    hvec *rv = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(r->schema.ncols + 1));
    table_flatten(&q->arena, r, rv);
    for (int64_t i = 0; i < r->nrows; i++) {
        for (int c = 0; c < r->schema.ncols; c++)
            tbuild_vec(ob, c, &rv[c], (uint32_t)i);
        tbuild_end_row(ob);
    }
    table_free(r);
    release_ops(q, mark);
    return 0;
}

/* Row numbers grouped by partition (counting sort, row order kept inside a
 * partition) into order; start[g]..start[g + 1] delimit partition g. */
static void group_order(const uint32_t *pid, uint32_t n, uint32_t m, uint32_t *order,
                        uint32_t *start)
{
    memset(start, 0, sizeof(uint32_t) * (m + 1));
    for (uint32_t i = 0; i < n; i++)
        start[pid[i] + 1]++;
    for (uint32_t g = 0; g < m; g++)
        start[g + 1] += start[g];
    uint32_t *at = malloc(sizeof(uint32_t) * (m + 1));
    if (!at)
        abort();
    memcpy(at, start, sizeof(uint32_t) * (m + 1));
    for (uint32_t i = 0; i < n; i++)
        order[at[pid[i]]++] = i;
    free(at);
}

static int part_build(op *o)
{
    part_st *s = o->st;
    qctx *q = o->q;
    htable *t = exec_collect(q, o->kids[0]);
    if (!t)
        return -1;
    uint32_t n = (uint32_t)t->nrows;
    hvec *flat = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(t->schema.ncols + 1));
    table_flatten(&q->arena, t, flat);
    uint32_t *pid = malloc(sizeof(uint32_t) * (n ? n : 1));
    uint32_t *rep = malloc(sizeof(uint32_t) * (n ? n : 1));
    if (!pid || !rep)
        abort();
    uint32_t m = vec_group_rows(&flat[s->key], n, pid, rep);
    int rc = 0;
    if (s->legacy && m > LEGACY_MAX_PARTITIONS)
        rc = q_error(q, HUNT_ESEMANTIC, s->keyid->off, s->keyid->len,
                     "partition: the legacy strategy allows at most %d values of '%s' (found %u); "
                     "use hint.strategy=native or shuffle",
                     LEGACY_MAX_PARTITIONS, t->schema.names[s->key], m);
    uint32_t *order = malloc(sizeof(uint32_t) * (n + 1));
    uint32_t *start = malloc(sizeof(uint32_t) * (m + 1));
    if (!order || !start)
        abort();
    group_order(pid, n, m, order, start);
    tbuild *ob = tbuild_new_scratch(s->out);
    for (uint32_t g = 0; g < m && rc == 0; g++)
        rc = run_part(o, ob, t, flat, order + start[g], start[g + 1] - start[g]);
    tbuild_finish(ob);
    free(order);
    free(start);
    free(pid);
    free(rep);
    table_free(t);
    return rc;
}

static int part_next(op *o, batch **out)
{
    part_st *s = o->st;
    arena_reset(&o->arena);
    if (!s->done) {
        s->done = true;
        if (part_build(o) < 0)
            return -1;
        s->flat = arena_zalloc(&o->q->arena, sizeof(hvec) * (size_t)(o->schema.ncols + 1));
        table_flatten(&o->q->arena, s->out, s->flat);
    }
    *out = flat_next(&o->arena, s->flat, o->schema.ncols, (uint32_t)s->out->nrows, &s->emitted);
    return 0;
}

static void part_close(op *o)
{
    part_st *s = o->st;
    if (s->out)
        table_free(s->out);
    s->out = NULL;
}

/* --- options -------------------------------------------------------------------------------- */

static bool opt_is(const ast *o, const char *name)
{
    return o->name.n == strlen(name) && !memcmp(o->name.p, name, o->name.n);
}

static int read_opts(qctx *q, const ast *n, part_st *s)
{
    static const char *const ignored[] = {"hint.shufflekey", "hint.materialized",
                                          "hint.concurrency", "hint.spread"};
    s->legacy = true;
    for (int i = 0; n->opts && i < n->opts->nkid; i++) {
        const ast *o = n->opts->kid[i];
        bool known = false;
        for (size_t k = 0; k < sizeof ignored / sizeof ignored[0]; k++)
            known = known || opt_is(o, ignored[k]);
        if (known)
            continue;
        if (!opt_is(o, "hint.strategy"))
            return q_error(q, HUNT_EUNSUPPORTED, o->off, o->len,
                           "partition: option '%.*s' is not supported", (int)o->name.n, o->name.p);
        const ast *v = o->nkid ? o->kid[0] : NULL;
        hstr vs = v && v->kind == AST_IDENT ? v->name : v ? v->str : (hstr){"", 0};
        if (vs.n == 6 && !memcmp(vs.p, "legacy", 6))
            s->legacy = true;
        else if ((vs.n == 6 && !memcmp(vs.p, "native", 6)) ||
                 (vs.n == 7 && !memcmp(vs.p, "shuffle", 7)))
            s->legacy = false;
        else
            return q_error(q, HUNT_ESEMANTIC, o->off, o->len,
                           "partition: hint.strategy must be legacy, native or shuffle");
    }
    if (s->braces && !s->legacy)
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                       "partition: a { query } with its own source needs the legacy strategy");
    return 0;
}

op *bind_partition(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    part_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->keyid = n->kid[0];
    s->subq = n->kid[1];
    s->braces = n->op == 1;
    s->scope = sc;
    if (read_opts(q, n, s) < 0)
        return NULL;
    s->key = schema_find(&in->schema, s->keyid->name.p, s->keyid->name.n);
    if (s->key < 0)
        return q_error(q, HUNT_ESEMANTIC, s->keyid->off, s->keyid->len,
                       "partition: unknown column '%.*s'", (int)s->keyid->name.n, s->keyid->name.p),
               NULL;
    op *probe_src = s->braces ? NULL : exec_values(q, table_new("partition", &in->schema));
    op *probe = bind_sub(q, s, probe_src, in->schema.types[s->key], NULL, 0);
    if (!probe)
        return NULL;
    s->out = table_new("partition", &probe->schema);
    op *o = op_new(q, "partition", 1);
    o->kids[0] = in;
    o->st = s;
    schema_copy(&o->schema, &probe->schema);
    o->next = part_next;
    o->close = part_close;
    return o;
}
