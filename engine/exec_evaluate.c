/* engine/exec_evaluate.c — the evaluate operator and its plugins.
 *
 * Implemented: bag_unpack(Column [, OutputColumnPrefix] [, columnsConflict]
 * [, ignoredProperties]) [: (OutputSchema)] here; pivot lives in
 * exec_pivot.c, ipv4_lookup and ipv6_lookup in exec_ip_lookup.c, and
 * activity_counts_metrics in exec_activity_metrics.c. Every other plugin
 * (autocluster, python, ...) reports "plugin 'X' is not supported yet" at
 * the plugin's position.
 *
 * bag_unpack removes Column and adds one column per distinct top-level slot
 * of the bags in Column (named prefix + slot, sorted by name). A column's
 * type is the slots' type when every non-null value has the same one, else
 * dynamic; slots that are only ever null are ignored (the plugin "ignores
 * null values"). A slot whose name is already an input column is an error,
 * unless columnsConflict='replace_source' (the input column is replaced in
 * place) or 'keep_source' (the slot is dropped).
 *
 * MATERIALIZATION: without an OutputSchema the output columns depend on the
 * data, and a plan must know its schema when it is bound. So bag_unpack
 * without a schema runs its input to the end AT BIND TIME (exec_collect), scans
 * it for slots, and then streams the collected table. This costs a full pass
 * and the memory of the whole input (also under --check). With an
 * OutputSchema, `: (Name:string, ...)` or `: (*, Name:string, ...)`, nothing is
 * materialized: the operator streams. The parser accepts and drops the
 * schema, so it is read back here from the query text after the call.
 *
 * Values are converted to the column type as to<type>() converts a dynamic
 * value; a missing slot or non-bag row gives null ("" for strings).
 */
#include "engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { CONFLICT_ERROR, CONFLICT_REPLACE, CONFLICT_KEEP };

typedef struct unpack_col {
    int incol;       /* >= 0: passed through from the input */
    const char *key; /* else: the slot (without prefix) */
    uint32_t keyn;
    htype type;
} unpack_col;

typedef struct unpack_st {
    bexpr *bag;
    unpack_col *cols;
} unpack_st;

typedef struct unpack_args {
    const bexpr *bag;
    int bagcol; /* input column of the bag, or -1 for an expression */
    hstr prefix;
    int conflict;
    const uint8_t *ignored; /* encoded dynamic array, or NULL */
} unpack_args;

/* ---- running: shared by both paths ----------------------------------------- */

/* The dynamic values of one slot over a batch (null where missing). */
static void slot_values(harena *a, const hvec *bags, uint32_t n, const unpack_col *c, hvec *out)
{
    vec_alloc(a, out, HT_DYNAMIC, n);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *v = NULL;
        hstr b = vec_s(bags, i);
        if (!vec_is_null(bags, i) && b.n && dyn_tag((const uint8_t *)b.p) == DYN_OBJECT)
            v = dyn_get((const uint8_t *)b.p, c->key, c->keyn);
        if (!v || dyn_tag(v) == DYN_NULL) {
            vec_set_null(a, out, i);
            out->s[i] = (hstr){"", 0};
            continue;
        }
        out->s[i] = (hstr){(const char *)v, (uint32_t)dyn_size(v)};
    }
}

static int unpack_next(op *o, batch **out)
{
    unpack_st *s = o->st;
    batch *in;
    if (o->kids[0]->next(o->kids[0], &in) < 0)
        return -1;
    if (!in) {
        *out = NULL;
        return 0;
    }
    arena_reset(&o->arena);
    hvec bags;
    if (expr_eval(o->q, s->bag, in, &o->arena, &bags) < 0)
        return -1;
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = in->n;
    b->ncols = o->schema.ncols;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(b->ncols ? b->ncols : 1));
    for (int c = 0; c < b->ncols; c++) {
        const unpack_col *uc = &s->cols[c];
        if (uc->incol >= 0) {
            b->cols[c] = in->cols[uc->incol];
            continue;
        }
        hvec dv;
        slot_values(&o->arena, &bags, in->n, uc, &dv);
        if (uc->type == HT_DYNAMIC) {
            b->cols[c] = dv;
            continue;
        }
        if (expr_cast(o->q, &o->arena, &dv, uc->type, &b->cols[c]) < 0)
            return -1;
        if (uc->type == HT_STRING)
            b->cols[c].null = NULL;
        b->cols[c].n = in->n;
    }
    *out = b;
    return 0;
}

/* ---- slot discovery (no-schema path) --------------------------------------- */

typedef struct slot {
    char *name;
    uint32_t n;
    htype type;
} slot;

typedef struct slotset {
    slot *v;
    int n, cap;
    int *hash; /* index + 1 */
    uint32_t hmask;
} slotset;

static uint32_t name_hash(const char *p, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)p[i]) * 16777619u;
    return h;
}

static void slotset_grow(slotset *ss)
{
    uint32_t sz = ss->hmask ? (ss->hmask + 1) * 2 : 64;
    free(ss->hash);
    ss->hash = calloc(sz, sizeof(int));
    ss->hmask = sz - 1;
    for (int i = 0; i < ss->n; i++) {
        uint32_t h = name_hash(ss->v[i].name, ss->v[i].n) & ss->hmask;
        while (ss->hash[h])
            h = (h + 1) & ss->hmask;
        ss->hash[h] = i + 1;
    }
}

static slot *slotset_get(slotset *ss, hstr key)
{
    if ((uint32_t)(ss->n + 1) * 2 > ss->hmask)
        slotset_grow(ss);
    uint32_t h = name_hash(key.p, key.n) & ss->hmask;
    while (ss->hash[h]) {
        slot *x = &ss->v[ss->hash[h] - 1];
        if (x->n == key.n && !memcmp(x->name, key.p, key.n))
            return x;
        h = (h + 1) & ss->hmask;
    }
    if (ss->n == ss->cap) {
        ss->cap = ss->cap ? ss->cap * 2 : 16;
        ss->v = realloc(ss->v, sizeof(slot) * (size_t)ss->cap);
    }
    slot *x = &ss->v[ss->n];
    x->name = malloc(key.n + 1);
    memcpy(x->name, key.p, key.n);
    x->name[key.n] = 0;
    x->n = key.n;
    x->type = HT_UNKNOWN;
    ss->hash[h] = ++ss->n;
    return x;
}

static void slotset_free(slotset *ss)
{
    for (int i = 0; i < ss->n; i++)
        free(ss->v[i].name);
    free(ss->v);
    free(ss->hash);
}

static htype tag_type(int tag)
{
    switch (tag) {
    case DYN_FALSE:
    case DYN_TRUE:
        return HT_BOOL;
    case DYN_LONG:
        return HT_LONG;
    case DYN_REAL:
        return HT_REAL;
    case DYN_STRING:
        return HT_STRING;
    case DYN_DATETIME:
        return HT_DATETIME;
    case DYN_TIMESPAN:
        return HT_TIMESPAN;
    case DYN_GUID:
        return HT_GUID;
    default:
        return HT_DYNAMIC;
    }
}

static bool is_ignored(const unpack_args *ua, hstr key)
{
    if (!ua->ignored || dyn_tag(ua->ignored) != DYN_ARRAY)
        return false;
    dyn_iter it;
    hstr k;
    for (const uint8_t *e = dyn_first(ua->ignored, &it, &k); e; e = dyn_next(&it, &k)) {
        if (dyn_tag(e) != DYN_STRING)
            continue;
        hstr s = dyn_string(e);
        if (s.n == key.n && !memcmp(s.p, key.p, key.n))
            return true;
    }
    return false;
}

static void scan_bag(const unpack_args *ua, const uint8_t *d, slotset *ss)
{
    dyn_iter it;
    hstr key;
    for (const uint8_t *v = dyn_first(d, &it, &key); v; v = dyn_next(&it, &key)) {
        if (dyn_tag(v) == DYN_NULL || is_ignored(ua, key))
            continue;
        slot *x = slotset_get(ss, key);
        htype t = tag_type(dyn_tag(v));
        x->type = x->type == HT_UNKNOWN || x->type == t ? t : HT_DYNAMIC;
    }
}

static int slot_cmp(const void *a, const void *b)
{
    const slot *x = a, *y = b;
    uint32_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->name, y->name, m);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* ---- output plan ---------------------------------------------------------- */

typedef struct plan {
    hschema sch;
    unpack_col *cols;
    int n, cap;
} plan;

static void plan_add(qctx *q, plan *p, const char *name, unpack_col c)
{
    if (p->n == p->cap) {
        int nc = p->cap ? p->cap * 2 : 16;
        unpack_col *v = arena_alloc(&q->arena, sizeof(unpack_col) * (size_t)nc);
        if (p->n)
            memcpy(v, p->cols, sizeof(unpack_col) * (size_t)p->n);
        p->cols = v;
        p->cap = nc;
    }
    p->cols[p->n++] = c;
    schema_add(&p->sch, name, c.type);
}

static char *prefixed(qctx *q, hstr prefix, const char *name, uint32_t n)
{
    char *s = arena_alloc(&q->arena, prefix.n + n + 1);
    if (prefix.n)
        memcpy(s, prefix.p, prefix.n);
    memcpy(s + prefix.n, name, n);
    s[prefix.n + n] = 0;
    return s;
}

/* Adds one slot column, resolving a clash with an input column. */
static int plan_slot(qctx *q, const ast *n, const unpack_args *ua, plan *p, const slot *x)
{
    char *nm = prefixed(q, ua->prefix, x->name, x->n);
    int at = schema_find(&p->sch, nm, strlen(nm));
    unpack_col c = {-1, x->name, x->n, x->type};
    if (at < 0) {
        plan_add(q, p, nm, c);
        return 0;
    }
    if (ua->conflict == CONFLICT_KEEP)
        return 0;
    if (ua->conflict == CONFLICT_REPLACE) {
        p->cols[at] = c;
        p->sch.types[at] = c.type;
        return 0;
    }
    return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                   "bag_unpack: slot '%s' clashes with input column '%s'; use "
                   "columnsConflict='replace_source' or 'keep_source', or a column prefix",
                   x->name, nm);
}

static void plan_inputs(qctx *q, const hschema *in, const unpack_args *ua, plan *p)
{
    for (int c = 0; c < in->ncols; c++) {
        if (c == ua->bagcol)
            continue;
        unpack_col uc = {c, NULL, 0, in->types[c]};
        plan_add(q, p, in->names[c], uc);
    }
}

/* Runs the input, finds the slots; returns the collected table. */
static htable *discover(qctx *q, op *in, const unpack_args *ua, slotset *ss)
{
    htable *t = exec_collect(q, in);
    if (!t)
        return NULL;
    harena a;
    arena_init(&a);
    hvec *cols = arena_zalloc(&a, sizeof(hvec) * (size_t)(t->schema.ncols + 1));
    table_flatten(&a, t, cols);
    batch b = {(uint32_t)t->nrows, t->schema.ncols, cols};
    hvec bags;
    if (expr_eval(q, (bexpr *)ua->bag, &b, &a, &bags) < 0) {
        arena_free(&a);
        table_free(t);
        return NULL;
    }
    for (uint32_t i = 0; i < b.n; i++) {
        hstr s = vec_s(&bags, i);
        if (!vec_is_null(&bags, i) && s.n && dyn_tag((const uint8_t *)s.p) == DYN_OBJECT)
            scan_bag(ua, (const uint8_t *)s.p, ss);
    }
    arena_free(&a);
    return t;
}

/* ---- the OutputSchema, read back from the query text ------------------------ */

typedef struct txt {
    const char *p;
    size_t i, n;
} txt;

static void skip_ws(txt *t)
{
    for (;;) {
        while (t->i < t->n && isspace((unsigned char)t->p[t->i]))
            t->i++;
        if (t->i + 1 < t->n && t->p[t->i] == '/' && t->p[t->i + 1] == '/') {
            while (t->i < t->n && t->p[t->i] != '\n')
                t->i++;
            continue;
        }
        return;
    }
}

static bool eat(txt *t, char c)
{
    skip_ws(t);
    if (t->i < t->n && t->p[t->i] == c) {
        t->i++;
        return true;
    }
    return false;
}

/* A name: identifier or ['...'] / ["..."]. */
static bool read_name(txt *t, hstr *out)
{
    skip_ws(t);
    size_t st = t->i;
    if (t->i + 1 < t->n && t->p[t->i] == '[' && (t->p[t->i + 1] == '\'' || t->p[t->i + 1] == '"')) {
        char qc = t->p[t->i + 1];
        size_t j = t->i + 2;
        while (j < t->n && t->p[j] != qc)
            j++;
        if (j + 1 >= t->n || t->p[j + 1] != ']')
            return false;
        *out = (hstr){t->p + st + 2, (uint32_t)(j - st - 2)};
        t->i = j + 2;
        return true;
    }
    while (t->i < t->n && (isalnum((unsigned char)t->p[t->i]) || t->p[t->i] == '_'))
        t->i++;
    *out = (hstr){t->p + st, (uint32_t)(t->i - st)};
    return t->i > st;
}

typedef struct outschema {
    bool star;
    int n;
    hstr names[256];
    htype types[256];
} outschema;

/* Reads `: ( [*,] name:type, ... )` after the call; false when absent. */
static bool read_outschema(qctx *q, const ast *n, outschema *os)
{
    if (!q->src || (size_t)(n->off + n->len) > q->srclen)
        return false;
    txt t = {q->src, (size_t)(n->off + n->len), q->srclen};
    if (!eat(&t, ':') || !eat(&t, '('))
        return false;
    os->n = 0;
    os->star = eat(&t, '*');
    if (os->star && !eat(&t, ','))
        return eat(&t, ')');
    do {
        hstr nm, ty;
        if (os->n >= 256 || !read_name(&t, &nm) || !eat(&t, ':') || !read_name(&t, &ty))
            return false;
        htype ht = ht_from_name(ty.p, ty.n);
        if (ht == HT_UNKNOWN)
            return false;
        os->names[os->n] = nm;
        os->types[os->n++] = ht;
    } while (eat(&t, ','));
    return eat(&t, ')');
}

static void plan_from_schema(qctx *q, const hschema *in, const unpack_args *ua, const outschema *os,
                             plan *p)
{
    if (os->star)
        plan_inputs(q, in, ua, p);
    for (int k = 0; k < os->n; k++) {
        char *nm = arena_strndup(&q->arena, os->names[k].p, os->names[k].n);
        int inc = schema_find(in, nm, strlen(nm));
        int at = schema_find(&p->sch, nm, strlen(nm));
        unpack_col c = {-1, NULL, 0, os->types[k]};
        if (inc >= 0 && inc != ua->bagcol && !os->star) {
            c.incol = inc; /* a listed input column */
        } else {
            bool pre = ua->prefix.n && strlen(nm) >= ua->prefix.n &&
                       !memcmp(nm, ua->prefix.p, ua->prefix.n);
            c.key = pre ? nm + ua->prefix.n : nm;
            c.keyn = (uint32_t)strlen(c.key);
        }
        if (at >= 0) {
            p->cols[at] = c;
            p->sch.types[at] = c.type;
        } else {
            plan_add(q, p, nm, c);
        }
    }
}

/* ---- arguments -------------------------------------------------------------- */

static const bexpr *const_arg(qctx *q, bind_scope *sc, const ast *a, htype want, const char *what)
{
    bexpr *e = bind_scalar(q, sc, NULL, a);
    if (!e)
        return NULL;
    if (e->kind != BX_CONST || (e->type != want && e->type != HT_UNKNOWN)) {
        q_error(q, HUNT_ESEMANTIC, a->off, a->len, "bag_unpack: %s must be a constant %s", what,
                ht_name(want));
        return NULL;
    }
    return e;
}

static bool name_is(hstr s, const char *lit)
{
    size_t n = strlen(lit);
    if (s.n != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s.p[i]) != tolower((unsigned char)lit[i]))
            return false;
    return true;
}

static int set_conflict(qctx *q, const ast *a, hstr v, unpack_args *ua)
{
    if (name_is(v, "error"))
        ua->conflict = CONFLICT_ERROR;
    else if (name_is(v, "replace_source"))
        ua->conflict = CONFLICT_REPLACE;
    else if (name_is(v, "keep_source"))
        ua->conflict = CONFLICT_KEEP;
    else
        return q_error(
            q, HUNT_ESEMANTIC, a->off, a->len,
            "bag_unpack: columnsConflict must be 'error', 'replace_source' or 'keep_source'");
    return 0;
}

/* Argument k (1: prefix, 2: columnsConflict, 3: ignoredProperties). */
static int one_arg(qctx *q, bind_scope *sc, const ast *a, int k, unpack_args *ua)
{
    const ast *v = a;
    if (a->kind == AST_NAMED) {
        v = a->kid[0];
        if (name_is(a->name, "OutputColumnPrefix"))
            k = 1;
        else if (name_is(a->name, "columnsConflict"))
            k = 2;
        else if (name_is(a->name, "ignoredProperties"))
            k = 3;
        else
            return q_error(q, HUNT_ESEMANTIC, a->off, a->len, "bag_unpack: unknown argument '%.*s'",
                           (int)a->name.n, a->name.p);
    }
    if (k < 1 || k > 3)
        return q_error(q, HUNT_ESEMANTIC, a->off, a->len, "bag_unpack: too many arguments");
    const bexpr *e = const_arg(q, sc, v, k == 3 ? HT_DYNAMIC : HT_STRING,
                               k == 1   ? "the column prefix"
                               : k == 2 ? "columnsConflict"
                                        : "ignoredProperties");
    if (!e)
        return -1;
    if (vec_is_null(&e->cval, 0))
        return 0;
    if (k == 1)
        ua->prefix = e->cval.s[0];
    else if (k == 2)
        return set_conflict(q, v, e->cval.s[0], ua);
    else
        ua->ignored = (const uint8_t *)e->cval.s[0].p;
    return 0;
}

static int unpack_args_bind(qctx *q, bind_scope *sc, op *in, const ast *n, unpack_args *ua)
{
    memset(ua, 0, sizeof *ua);
    ua->bagcol = -1;
    if (n->nkid < 1)
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                       "bag_unpack needs a dynamic column to unpack");
    bexpr *bag = bind_scalar(q, sc, &in->schema, n->kid[0]);
    if (!bag)
        return -1;
    if (bag->type != HT_DYNAMIC)
        return q_error(q, HUNT_ESEMANTIC, n->kid[0]->off, n->kid[0]->len,
                       "bag_unpack: the column to unpack must be dynamic, got %s",
                       ht_name(bag->type));
    ua->bag = bag;
    ua->bagcol = bag->kind == BX_COL ? bag->col : -1;
    for (int i = 1; i < n->nkid; i++)
        if (one_arg(q, sc, n->kid[i], i, ua) < 0)
            return -1;
    return 0;
}

/* Checking only: nothing runs, so the data gives no slots. Kusto's checker
 * leaves a bag_unpack's columns open; here the names a later operator reads
 * and nothing else defines (qctx.wl_assume, filled by hunt_query) become
 * dynamic slots, so the rest of the query can be checked. */
static int plan_assumed(qctx *q, const ast *n, const unpack_args *ua, plan *p)
{
    q->data_open = true;
    size_t pn = ua->prefix.n;
    for (int i = 0; i < q->nwl_assume; i++) {
        const char *nm = q->wl_assume[i];
        if (schema_find(&p->sch, nm, strlen(nm)) >= 0 || strlen(nm) <= pn ||
            (pn && memcmp(nm, ua->prefix.p, pn)))
            continue;
        slot x = {(char *)nm + pn, (uint32_t)(strlen(nm) - pn), HT_DYNAMIC};
        if (plan_slot(q, n, ua, p, &x) < 0)
            return -1;
    }
    return 0;
}

static op *unpack_op(qctx *q, op *in, const unpack_args *ua, plan *p)
{
    op *o = op_new(q, "bag_unpack", 1);
    unpack_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->bag = (bexpr *)ua->bag;
    s->cols = p->cols;
    o->kids[0] = in;
    o->st = s;
    schema_copy(&o->schema, &p->sch);
    o->next = unpack_next;
    return o;
}

static op *bind_bag_unpack(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    unpack_args ua;
    if (unpack_args_bind(q, sc, in, n, &ua) < 0)
        return NULL;
    plan p = {0};
    schema_init(&p.sch);
    outschema *os = arena_zalloc(&q->arena, sizeof *os);
    op *res = NULL;
    if (read_outschema(q, n, os)) {
        plan_from_schema(q, &in->schema, &ua, os, &p);
        res = unpack_op(q, in, &ua, &p);
        schema_free(&p.sch);
        return res;
    }
    slotset ss = {0};
    htable *t = discover(q, in, &ua, &ss);
    if (t) {
        if (ss.n > 1)
            qsort(ss.v, (size_t)ss.n, sizeof(slot), slot_cmp);
        plan_inputs(q, &in->schema, &ua, &p);
        int rc = 0;
        for (int i = 0; i < ss.n && rc == 0; i++) {
            slot x = ss.v[i];
            x.name = arena_strndup(&q->arena, x.name, x.n); /* outlives ss */
            rc = plan_slot(q, n, &ua, &p, &x);
        }
        if (q->check_only && rc == 0)
            rc = plan_assumed(q, n, &ua, &p);
        op *vals = exec_values(q, t); /* owns t from here */
        if (rc == 0)
            res = unpack_op(q, vals, &ua, &p);
    }
    slotset_free(&ss);
    schema_free(&p.sch);
    return res;
}

op *bind_evaluate(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    if (n->name.n == 10 && !memcmp(n->name.p, "bag_unpack", 10)) {
        if (!in) {
            q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                    "bag_unpack needs a tabular input: T | evaluate bag_unpack(Column)");
            return NULL;
        }
        return bind_bag_unpack(q, sc, in, n);
    }
    if (n->name.n == 5 && !memcmp(n->name.p, "pivot", 5)) {
        outschema *os = arena_zalloc(&q->arena, sizeof *os);
        bool has = read_outschema(q, n, os);
        return bind_pivot(q, sc, in, n, has ? os->n : -1, os->names, os->types, os->star);
    }
    if ((n->name.n == 11 && !memcmp(n->name.p, "ipv4_lookup", 11)) ||
        (n->name.n == 11 && !memcmp(n->name.p, "ipv6_lookup", 11)))
        return bind_ip_lookup(q, sc, in, n, n->name.p[3] == '6'); /* exec_ip_lookup.c */
    if (n->name.n == 23 && !memcmp(n->name.p, "activity_counts_metrics", 23))
        return bind_activity_counts_metrics(q, sc, in, n); /* exec_activity_metrics.c */
    q_error(q, HUNT_EUNSUPPORTED, n->off, n->len, "plugin '%.*s' is not supported yet",
            (int)n->name.n, n->name.p);
    return NULL;
}
