/* engine/agg_buildschema.c — the buildschema(DynamicExpr) aggregate: the
 * minimal schema that admits every value of a group, as the KQL docs define
 * it:
 *
 *   Container ::= '{' Named-type* '}'
 *   Named-type ::= (name | '"`indexer`"') ':' Type
 *   Type ::= Primitive-type | Union-type | Container
 *   Union-type ::= '[' Type* ']'
 *
 * A property bag is a container of its keys; an array is a container whose
 * one named type, "`indexer`", admits its elements. A name or element seen
 * with several types gets a union of them, a single type stands alone. Types
 * and names keep the order they were first met in (the docs' example shows
 * x, y, z, t and ["double", {"w": "string"}] that way); a bag and an array
 * met at one place share one container. Null values and elements add
 * nothing; a group of nulls gives null.
 *
 * Primitive type names: "long" and "double" (a real) and "string" as the
 * docs show them; "bool", "datetime", "timespan" and "guid" (hunt's choice,
 * the docs list no others) for the other scalars a dynamic value holds.
 *
 * The state is a tree of nodes malloc'd per group. The aggregate is not
 * mergeable (agg_merger gives NULL): the first-met order depends on the row
 * order, which a split over two threads would change.
 */
#include "agg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_BOOL, K_LONG, K_REAL, K_STRING, K_DATETIME, K_TIMESPAN, K_GUID, K_CONTAINER, K_N };

static const char *const kind_names[K_CONTAINER] = {"bool",     "long",     "double", "string",
                                                    "datetime", "timespan", "guid"};

#define INDEXER "`indexer`"

typedef struct bs_node bs_node;

typedef struct bs_field {
    char *name; /* malloc'd */
    uint32_t len;
    bs_node *type; /* malloc'd */
} bs_field;

/* The types admitted at one place; the state of a group is its root. */
struct bs_node {
    uint8_t kinds[K_N]; /* kinds seen, in order of first appearance */
    uint8_t nkinds;
    uint32_t nfields, cap, hint; /* container: its named types; hint: next to try */
    bs_field *fields;
};

size_t agg_buildschema_state_size(void)
{
    return sizeof(bs_node);
}

static void *xrealloc(void *p, size_t n)
{
    void *r = realloc(p, n);
    if (!r)
        abort();
    return r;
}

/* Records that kind k occurs at node t. */
static void add_kind(bs_node *t, int k)
{
    for (int i = 0; i < t->nkinds; i++)
        if (t->kinds[i] == k)
            return;
    t->kinds[t->nkinds++] = (uint8_t)k;
}

/* The node of container member `name`, added (last) when new. Members keep
 * their order, and values usually list keys in the same order, so the
 * member after the last one found is tried first. */
static bs_node *member(bs_node *t, const char *name, uint32_t len)
{
    for (uint32_t probe = 0; probe < t->nfields; probe++) {
        uint32_t j = (t->hint + probe) % t->nfields;
        bs_field *f = &t->fields[j];
        if (f->len == len && !memcmp(f->name, name, len)) {
            t->hint = j + 1 < t->nfields ? j + 1 : 0;
            return f->type;
        }
    }
    if (t->nfields == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 4;
        t->fields = xrealloc(t->fields, sizeof(bs_field) * t->cap);
    }
    bs_field *f = &t->fields[t->nfields++];
    f->name = xrealloc(NULL, len ? len : 1);
    memcpy(f->name, name, len);
    f->len = len;
    f->type = calloc(1, sizeof(bs_node));
    if (!f->type)
        abort();
    t->hint = 0;
    return f->type;
}

/* Widens node t to admit encoded dynamic value v. */
static void admit(bs_node *t, const uint8_t *v)
{
    dyn_iter it;
    hstr key;
    switch (dyn_tag(v)) {
    case DYN_NULL:
        return;
    case DYN_FALSE:
    case DYN_TRUE:
        add_kind(t, K_BOOL);
        return;
    case DYN_LONG:
        add_kind(t, K_LONG);
        return;
    case DYN_REAL:
        add_kind(t, K_REAL);
        return;
    case DYN_STRING:
        add_kind(t, K_STRING);
        return;
    case DYN_DATETIME:
        add_kind(t, K_DATETIME);
        return;
    case DYN_TIMESPAN:
        add_kind(t, K_TIMESPAN);
        return;
    case DYN_GUID:
        add_kind(t, K_GUID);
        return;
    case DYN_ARRAY: {
        add_kind(t, K_CONTAINER);
        bs_node *items = NULL;
        for (const uint8_t *e = dyn_first(v, &it, NULL); e; e = dyn_next(&it, NULL)) {
            if (dyn_tag(e) == DYN_NULL)
                continue;
            if (!items)
                items = member(t, INDEXER, sizeof INDEXER - 1);
            admit(items, e);
        }
        return;
    }
    case DYN_OBJECT:
        add_kind(t, K_CONTAINER);
        for (const uint8_t *e = dyn_first(v, &it, &key); e; e = dyn_next(&it, &key))
            if (dyn_tag(e) != DYN_NULL) /* a null property adds nothing, as a null element */
                admit(member(t, key.p, key.n), e);
        return;
    default:
        return;
    }
}

/* Appends the schema of node t: a type, or a union of several. */
static void put_schema(dbuf *b, const bs_node *t)
{
    size_t m = t->nkinds > 1 ? dyn_begin_array(b) : 0;
    for (int i = 0; i < t->nkinds; i++) {
        int k = t->kinds[i];
        if (k != K_CONTAINER) {
            dyn_put_string(b, kind_names[k], strlen(kind_names[k]));
            continue;
        }
        size_t c = dyn_begin_object(b);
        for (uint32_t j = 0; j < t->nfields; j++) {
            dyn_put_key(b, t->fields[j].name, t->fields[j].len);
            put_schema(b, t->fields[j].type);
        }
        dyn_end(b, c, t->nfields);
    }
    if (t->nkinds > 1)
        dyn_end(b, m, t->nkinds);
}

/* Frees what node t holds (not t itself). */
static void free_node(bs_node *t)
{
    for (uint32_t j = 0; j < t->nfields; j++) {
        free_node(t->fields[j].type);
        free(t->fields[j].type);
        free(t->fields[j].name);
    }
    free(t->fields);
    memset(t, 0, sizeof *t);
}

/* --- the aggregate (agg.h) -------------------------------------------------------- */

htype agg_buildschema_type(aggspec *s, const htype *argt, char *err, size_t errcap)
{
    (void)s;
    if (argt[0] == HT_DYNAMIC || argt[0] == HT_UNKNOWN)
        return HT_DYNAMIC;
    snprintf(err, errcap, "expects a dynamic argument, got %s%s", ht_name(argt[0]),
             argt[0] == HT_STRING ? " (use parse_json() on JSON text)" : "");
    return HT_UNKNOWN;
}

void agg_buildschema_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n,
                            const hvec *args, harena *keep)
{
    (void)keep;
    const hvec *x = &args[0];
    if (x->type != HT_DYNAMIC)
        return; /* an untyped null column */
    for (uint32_t i = 0; i < n; i++) {
        if (vec_is_null(x, i))
            continue;
        hstr v = vec_s(x, i);
        if (v.n)
            admit((bs_node *)(states + gid[i] * s->size), (const uint8_t *)v.p);
    }
}

void agg_buildschema_final(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i)
{
    (void)s, (void)k;
    const bs_node *t = st;
    if (!t->nkinds) {
        vec_set_null(a, out, i);
        out->s[i] = (hstr){"", 0};
        return;
    }
    dbuf b = {0};
    put_schema(&b, t);
    char *p = arena_alloc(a, b.n);
    memcpy(p, b.p, b.n);
    out->s[i] = (hstr){p, (uint32_t)b.n};
    dbuf_free(&b);
}

void agg_buildschema_destroy(aggspec *s, void *st)
{
    (void)s;
    free_node(st);
}
