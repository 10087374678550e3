/* engine/exec_project_by_names.c — project-by-names: keep and reorder the
 * input columns named by specifiers (KQL's project-by-names-operator.md).
 *
 *   T | project-by-names "Name", dynamic(["A", "B"]), "C*", column_names_of(S)
 *
 * A specifier is a constant string (a column name, or a pattern with `*`
 * wildcards), a constant dynamic array of such strings, or
 * column_names_of(T) (the column names of tabular expression T, in order).
 * A bare identifier that names an input column stands for that name.
 * Columns come out in the order they are specified (a pattern adds the
 * columns it matches in input order); a column is kept once, at its first
 * mention; names that match no column are ignored. Specifiers are evaluated
 * when binding (they must be constant); the operator is a plain projection.
 */
#include "engine.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

typedef struct pbn {
    int *cols;
    int n;
    bool *taken;
    const hschema *in;
} pbn;

/* Adds the columns that name (a pattern when it holds '*') matches. */
static void add_name(pbn *p, const char *name, size_t len)
{
    char buf[512];
    if (len >= sizeof buf)
        return; /* longer than any column name */
    memcpy(buf, name, len);
    buf[len] = 0;
    bool wild = memchr(buf, '*', len) != NULL;
    for (int c = 0; c < p->in->ncols; c++) {
        if (p->taken[c])
            continue;
        const char *cn = p->in->names[c];
        if (wild ? fnmatch(buf, cn, 0) == 0 : (strlen(cn) == len && !memcmp(cn, buf, len))) {
            p->taken[c] = true;
            p->cols[p->n++] = c;
        }
    }
}

static bool is_call(const ast *n, const char *name)
{
    return n->kind == AST_CALL && n->name.n == strlen(name) && !memcmp(n->name.p, name, n->name.n);
}

static int add_spec(qctx *q, bind_scope *sc, pbn *p, const ast *k)
{
    if (k->kind == AST_IDENT && schema_find(p->in, k->name.p, k->name.n) >= 0) {
        add_name(p, k->name.p, k->name.n);
        return 0;
    }
    if (is_call(k, "column_names_of")) {
        if (k->nkid != 1)
            return q_error(q, HUNT_ESEMANTIC, k->off, k->len,
                           "column_names_of expects one tabular argument");
        op *t = bind_tabular(q, sc, k->kid[0]);
        if (!t)
            return -1;
        for (int c = 0; c < t->schema.ncols; c++)
            add_name(p, t->schema.names[c], strlen(t->schema.names[c]));
        return 0;
    }
    bexpr *e = bind_scalar(q, sc, NULL, k);
    if (!e)
        return -1;
    if (e->type != HT_STRING && e->type != HT_DYNAMIC)
        return q_error(q, HUNT_ESEMANTIC, k->off, k->len,
                       "project-by-names expects column names: a string or a dynamic array of "
                       "strings, got %s",
                       ht_name(e->type));
    harena a;
    arena_init(&a);
    hvec v;
    int rc = expr_eval_once(q, e, &a, &v);
    if (rc == 0 && !vec_is_null(&v, 0)) {
        hstr s = vec_s(&v, 0);
        if (e->type == HT_STRING) {
            add_name(p, s.p, s.n);
        } else if (s.n && dyn_tag((const uint8_t *)s.p) == DYN_ARRAY) {
            dyn_iter it;
            hstr key;
            for (const uint8_t *x = dyn_first((const uint8_t *)s.p, &it, &key); x;
                 x = dyn_next(&it, &key))
                if (dyn_tag(x) == DYN_STRING) {
                    hstr nm = dyn_string(x);
                    add_name(p, nm.p, nm.n);
                }
        } else if (s.n && dyn_tag((const uint8_t *)s.p) == DYN_STRING) {
            hstr nm = dyn_string((const uint8_t *)s.p);
            add_name(p, nm.p, nm.n);
        }
    }
    arena_free(&a);
    return rc;
}

op *bind_project_by_names(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    int nc = in->schema.ncols;
    pbn p = {arena_alloc(&q->arena, sizeof(int) * (size_t)(nc + 1)), 0,
             arena_zalloc(&q->arena, (size_t)(nc + 1)), &in->schema};
    for (int i = 0; i < n->nkid; i++)
        if (add_spec(q, sc, &p, n->kid[i]) < 0)
            return NULL;
    bexpr **ex = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(p.n + 1));
    hschema out;
    schema_init(&out);
    ast id = {.kind = AST_IDENT, .off = n->off, .len = n->len};
    for (int i = 0; i < p.n; i++) {
        const char *nm = in->schema.names[p.cols[i]];
        id.name = (hstr){nm, (uint32_t)strlen(nm)};
        ex[i] = bind_scalar(q, sc, &in->schema, &id);
        if (!ex[i]) {
            schema_free(&out);
            return NULL;
        }
        schema_add(&out, nm, in->schema.types[p.cols[i]]);
    }
    op *o = exec_project(q, in, ex, p.n, &out);
    schema_free(&out);
    if (o)
        o->serialized = in->serialized;
    return o;
}
