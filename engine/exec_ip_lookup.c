/* engine/exec_ip_lookup.c — the ipv4_lookup and ipv6_lookup plugins of
 * evaluate (ipv4-lookup-plugin.md, ipv6-lookup-plugin.md).
 *
 *   T | evaluate ipv4_lookup(LookupTable, SourceKey, LookupKey
 *                            [, ExtraKey ...] [, return_unmatched])
 *
 * Each row of T is joined with the rows of LookupTable whose LookupKey
 * network contains its SourceKey address. Both keys are strings in IP-prefix
 * notation ("10.1.0.0/16"; no prefix: the whole address); two addresses
 * match when their first min(prefix1, prefix2) bits are equal. Extra keys
 * are columns of both tables that must also be equal. return_unmatched
 * (positional bool or return_unmatched = bool; default false) keeps rows of T
 * without a match, lookup columns empty. A row matching several networks
 * gives one row per match, in lookup-table order; an unparsable key matches
 * nothing. ipv6_lookup parses both IPv6 and IPv4 text (IPv4 as
 * ::ffff:a.b.c.d, its prefix counted from bit 96); ipv4_lookup only IPv4.
 *
 * Output columns ("union of both schemas, like lookup"), as the published
 * examples show them: ipv4_lookup gives T's columns then the lookup table's,
 * ipv6_lookup the lookup table's then T's. Extra keys appear once (T's
 * value); another lookup column whose name T already has is renamed (name1).
 *
 * Running: the lookup table is collected on the first pull and indexed by
 * (prefix, masked address) in one hash table; a source address with prefix
 * ps probes each distinct lookup prefix p <= ps and scans the (rare) entries
 * with p > ps. T streams; a source row with more matches than fit in a batch
 * continues in the next one (the input batch stays pinned).
 */
#include "engine.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

typedef struct ipkey {
    uint8_t a[16];
    int p;
} ipkey;

typedef struct ipl_st {
    bool v6;
    bool unmatched;
    op *lookup;
    int srccol, lkcol;
    int nextra;
    int *xsrc, *xlk; /* extra key columns */
    int *omap;       /* per output column: source col >= 0, or -1 - lookup col */
    /* the lookup table */
    bool ready;
    htable *t;
    hvec *flat;
    uint32_t nl;
    ipkey *keys; /* per lookup row */
    bool *valid;
    int32_t *chain; /* next entry of the same bucket key, -1 */
    int32_t *slots; /* hash slots: first entry, -1 */
    uint32_t nslots;
    bool has_p[129];
    /* input */
    batch *in;
    uint32_t row;
    int32_t *match; /* matches of the current row */
    uint32_t nmatch, mcap, mpos;
    bool row_started;
    bool eof;
    harena mem;
} ipl_st;

/* --- addresses ----------------------------------------------------------------- */

static void mask_key(ipkey *k, int p)
{
    for (int i = 0; i < 16; i++) {
        int bits = p - i * 8;
        k->a[i] &= bits >= 8 ? 0xff : bits <= 0 ? 0 : (uint8_t)(0xff << (8 - bits));
    }
}

static bool parse_prefix(const char *s, int max, int *out)
{
    int v = 0, n = 0;
    for (; s[n]; n++) {
        if (s[n] < '0' || s[n] > '9' || n >= 3)
            return false;
        v = v * 10 + (s[n] - '0');
    }
    if (n == 0 || v > max)
        return false;
    *out = v;
    return true;
}

/* Parses an address with an optional /prefix into k (IPv4 as ::ffff:a.b.c.d). */
static bool ip_parse(hstr s, bool v6, ipkey *k)
{
    char buf[80];
    while (s.n && (s.p[0] == ' ' || s.p[0] == '\t'))
        s.p++, s.n--;
    while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
        s.n--;
    if (s.n == 0 || s.n >= sizeof buf)
        return false;
    memcpy(buf, s.p, s.n);
    buf[s.n] = 0;
    char *slash = strchr(buf, '/');
    if (slash)
        *slash++ = 0;
    const char *v4 = !strchr(buf, ':')                   ? buf
                     : v6 && !strncmp(buf, "::ffff:", 7) ? buf + 7
                     : v6 && !strncmp(buf, "::", 2)      ? buf + 2
                                                         : NULL;
    memset(k, 0, sizeof *k);
    if (v4 && strchr(v4, '.') && !strchr(v4, ':')) {
        struct in_addr a;
        if (inet_pton(AF_INET, v4, &a) != 1)
            return false;
        k->a[10] = k->a[11] = 0xff;
        memcpy(k->a + 12, &a.s_addr, 4);
        int p = 32;
        if (slash && !parse_prefix(slash, 32, &p))
            return false;
        k->p = p + 96;
        return true;
    }
    if (!v6)
        return false;
    struct in6_addr a6;
    if (inet_pton(AF_INET6, buf, &a6) != 1)
        return false;
    memcpy(k->a, a6.s6_addr, 16);
    k->p = 128;
    return !slash || parse_prefix(slash, 128, &k->p);
}

static uint32_t key_hash(const ipkey *k)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)k->p;
    for (int i = 0; i < 16; i++)
        h = (h ^ k->a[i]) * 1099511628211ull;
    return (uint32_t)(h ^ (h >> 32));
}

static bool key_eq(const ipkey *x, const ipkey *y)
{
    return x->p == y->p && !memcmp(x->a, y->a, 16);
}

/* --- the lookup table ------------------------------------------------------------ */

static int build(op *o)
{
    ipl_st *s = o->st;
    s->ready = true;
    s->t = exec_collect(o->q, s->lookup);
    if (!s->t)
        return -1;
    s->nl = (uint32_t)s->t->nrows;
    harena *a = &s->mem;
    s->flat = arena_zalloc(a, sizeof(hvec) * (size_t)(s->t->schema.ncols + 1));
    table_flatten(a, s->t, s->flat);
    uint32_t n = s->nl ? s->nl : 1;
    s->keys = arena_zalloc(a, sizeof(ipkey) * n);
    s->valid = arena_zalloc(a, sizeof(bool) * n);
    s->chain = arena_alloc(a, sizeof(int32_t) * n);
    s->nslots = 16;
    while (s->nslots < 2 * n)
        s->nslots *= 2;
    s->slots = arena_alloc(a, sizeof(int32_t) * s->nslots);
    memset(s->slots, 0xff, sizeof(int32_t) * s->nslots);
    const hvec *kv = &s->flat[s->lkcol];
    /* insert from the last row so each chain lists rows in table order */
    for (uint32_t r = s->nl; r-- > 0;) {
        s->chain[r] = -1;
        if (vec_is_null(kv, r) || !ip_parse(vec_s(kv, r), s->v6, &s->keys[r]))
            continue;
        mask_key(&s->keys[r], s->keys[r].p);
        s->valid[r] = true;
        s->has_p[s->keys[r].p] = true;
        uint32_t at = key_hash(&s->keys[r]) & (s->nslots - 1);
        while (s->slots[at] >= 0 && !key_eq(&s->keys[s->slots[at]], &s->keys[r]))
            at = (at + 1) & (s->nslots - 1);
        s->chain[r] = s->slots[at];
        s->slots[at] = (int32_t)r;
    }
    return 0;
}

static void add_match(ipl_st *s, int32_t r)
{
    if (s->nmatch == s->mcap) {
        uint32_t ncap = s->mcap ? s->mcap * 2 : 16;
        int32_t *m = realloc(s->match, sizeof(int32_t) * ncap);
        if (!m)
            return;
        s->match = m;
        s->mcap = ncap;
    }
    s->match[s->nmatch++] = r;
}

static int cmp_i32(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return a < b ? -1 : a > b;
}

static bool extra_eq(const ipl_st *s, uint32_t i, int32_t r)
{
    for (int k = 0; k < s->nextra; k++) {
        const hvec *a = &s->in->cols[s->xsrc[k]], *b = &s->flat[s->xlk[k]];
        bool na = vec_is_null(a, i), nb = vec_is_null(b, (uint32_t)r);
        if (na || nb || !value_eq(a, i, b, (uint32_t)r))
            return false;
    }
    return true;
}

/* Fills s->match with the lookup rows matching source row i. */
static void find_matches(ipl_st *s, uint32_t i)
{
    s->nmatch = 0;
    const hvec *sv = &s->in->cols[s->srccol];
    ipkey src;
    if (vec_is_null(sv, i) || !ip_parse(vec_s(sv, i), s->v6, &src))
        return;
    for (int p = 0; p <= 128; p++) {
        if (!s->has_p[p])
            continue;
        if (p <= src.p) {
            ipkey k = src;
            k.p = p;
            mask_key(&k, p);
            uint32_t at = key_hash(&k) & (s->nslots - 1);
            while (s->slots[at] >= 0 && !key_eq(&s->keys[s->slots[at]], &k))
                at = (at + 1) & (s->nslots - 1);
            for (int32_t r = s->slots[at]; r >= 0; r = s->chain[r])
                if (extra_eq(s, i, r))
                    add_match(s, r);
        } else {
            /* lookup networks narrower than the source prefix: compare src.p bits */
            ipkey k = src;
            mask_key(&k, src.p);
            for (uint32_t r = 0; r < s->nl; r++) {
                if (!s->valid[r] || s->keys[r].p != p)
                    continue;
                ipkey e = s->keys[r];
                mask_key(&e, src.p);
                if (!memcmp(e.a, k.a, 16) && extra_eq(s, i, (int32_t)r))
                    add_match(s, (int32_t)r);
            }
        }
    }
    if (s->nmatch > 1)
        qsort(s->match, s->nmatch, sizeof(int32_t), cmp_i32);
}

/* --- running ------------------------------------------------------------------------ */

static int ipl_next(op *o, batch **out)
{
    ipl_st *s = o->st;
    arena_reset(&o->arena);
    if (!s->ready && build(o) < 0)
        return -1;
    uint32_t cap = VEC_BATCH, n = 0;
    uint32_t *rows = arena_alloc(&o->arena, sizeof(uint32_t) * cap);
    int32_t *lrows = arena_alloc(&o->arena, sizeof(int32_t) * cap);
    while (n < cap) {
        if (!s->in) {
            if (s->eof)
                break;
            batch *in;
            if (o->kids[0]->next(o->kids[0], &in) < 0)
                return -1;
            if (!in) {
                s->eof = true;
                break;
            }
            s->in = in;
            s->row = 0;
            s->row_started = false;
        }
        if (s->row >= s->in->n) {
            if (n > 0)
                break; /* the output points into this batch */
            s->in = NULL;
            continue;
        }
        if (!s->row_started) {
            find_matches(s, s->row);
            s->mpos = 0;
            s->row_started = true;
            if (s->nmatch == 0 && s->unmatched) {
                rows[n] = s->row;
                lrows[n++] = -1;
            }
        }
        while (s->mpos < s->nmatch && n < cap) {
            rows[n] = s->row;
            lrows[n++] = s->match[s->mpos++];
        }
        if (s->mpos >= s->nmatch) {
            s->row++;
            s->row_started = false;
        }
    }
    if (n == 0) {
        *out = NULL;
        return 0;
    }
    int nc = o->schema.ncols;
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = n;
    b->ncols = nc;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(nc ? nc : 1));
    for (int c = 0; c < nc; c++) {
        hvec *v = &b->cols[c];
        htype t = o->schema.types[c];
        vec_alloc(&o->arena, v, t == HT_UNKNOWN ? HT_STRING : t, n);
        v->type = t;
        int m = s->omap[c];
        for (uint32_t i = 0; i < n; i++) {
            if (m >= 0) {
                vec_copy_value(&o->arena, v, i, &s->in->cols[m], rows[i]);
            } else if (lrows[i] >= 0) {
                vec_copy_value(&o->arena, v, i, &s->flat[-1 - m], (uint32_t)lrows[i]);
            } else {
                memset((char *)v->data + vec_width(v->type) * i, 0, vec_width(v->type));
                if (ht_is_str(t))
                    v->s[i] = (hstr){"", 0};
                if (t != HT_STRING)
                    vec_set_null(&o->arena, v, i);
            }
        }
    }
    *out = b;
    return 0;
}

static void ipl_close(op *o)
{
    ipl_st *s = o->st;
    if (s->t)
        table_free(s->t);
    s->t = NULL;
    free(s->match);
    s->match = NULL;
    arena_free(&s->mem);
}

/* --- binding ----------------------------------------------------------------------- */

static bool is_name(const ast *a, const char *s)
{
    return a->name.n == strlen(s) && !memcmp(a->name.p, s, a->name.n);
}

/* A constant bool argument. */
static int const_bool(qctx *q, bind_scope *sc, const ast *a, bool *out)
{
    bexpr *e = bind_scalar(q, sc, NULL, a);
    if (!e)
        return -1;
    if (e->kind != BX_CONST || e->type != HT_BOOL)
        return q_error(q, HUNT_ESEMANTIC, a->off, a->len,
                       "return_unmatched must be a constant bool");
    *out = !vec_is_null(&e->cval, 0) && vec_b(&e->cval, 0);
    return 0;
}

static int col_arg(qctx *q, const hschema *sch, const ast *a, const char *what)
{
    if (a->kind != AST_IDENT) {
        q_error(q, HUNT_ESEMANTIC, a->off, a->len, "%s must be a column name", what);
        return -1;
    }
    int c = schema_find(sch, a->name.p, a->name.n);
    if (c < 0) {
        q_error(q, HUNT_ESEMANTIC, a->off, a->len, "%s: unknown column '%.*s'", what,
                (int)a->name.n, a->name.p);
        return -1;
    }
    if (sch->types[c] != HT_STRING) {
        q_error(q, HUNT_ESEMANTIC, a->off, a->len, "%s '%.*s' must be a string column, got %s",
                what, (int)a->name.n, a->name.p, ht_name(sch->types[c]));
        return -1;
    }
    return c;
}

op *bind_ip_lookup(qctx *q, bind_scope *sc, op *in, const ast *n, bool v6)
{
    const char *plugin = v6 ? "ipv6_lookup" : "ipv4_lookup";
    if (!in) {
        q_error(q, HUNT_ESEMANTIC, n->off, n->len, "%s needs a tabular input: T | evaluate %s(...)",
                plugin, plugin);
        return NULL;
    }
    if (n->nkid < 3) {
        q_error(
            q, HUNT_ESEMANTIC, n->off, n->len,
            "%s expects (LookupTable, SourceKey, LookupKey [, ExtraKey ...] [, return_unmatched])",
            plugin);
        return NULL;
    }
    ipl_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->v6 = v6;
    arena_init(&s->mem);
    s->lookup = bind_tabular(q, sc, n->kid[0]);
    if (!s->lookup)
        return NULL;
    const hschema *ls = &s->lookup->schema, *ss = &in->schema;
    if ((s->srccol = col_arg(q, ss, n->kid[1], "the source key")) < 0 ||
        (s->lkcol = col_arg(q, ls, n->kid[2], "the lookup key")) < 0)
        return NULL;
    s->xsrc = arena_alloc(&q->arena, sizeof(int) * (size_t)n->nkid);
    s->xlk = arena_alloc(&q->arena, sizeof(int) * (size_t)n->nkid);
    for (int i = 3; i < n->nkid; i++) {
        const ast *a = n->kid[i];
        if (a->kind == AST_NAMED) {
            if (!is_name(a, "return_unmatched")) {
                q_error(q, HUNT_ESEMANTIC, a->off, a->len, "%s: unknown argument '%.*s'", plugin,
                        (int)a->name.n, a->name.p);
                return NULL;
            }
            if (const_bool(q, sc, a->kid[0], &s->unmatched) < 0)
                return NULL;
            continue;
        }
        int xs = a->kind == AST_IDENT ? schema_find(ss, a->name.p, a->name.n) : -1;
        int xl = a->kind == AST_IDENT ? schema_find(ls, a->name.p, a->name.n) : -1;
        if (xs >= 0 || xl >= 0) {
            if (xs < 0 || xl < 0 || ss->types[xs] != ls->types[xl]) {
                q_error(q, HUNT_ESEMANTIC, a->off, a->len,
                        "%s: extra key '%.*s' must be a column of both tables, of one type", plugin,
                        (int)a->name.n, a->name.p);
                return NULL;
            }
            s->xsrc[s->nextra] = xs;
            s->xlk[s->nextra++] = xl;
            continue;
        }
        if (const_bool(q, sc, a, &s->unmatched) < 0)
            return NULL;
    }
    /* output columns: names first (a lookup column named like a column of T
     * is renamed), then the two sides in the plugin's order */
    hschema names, out;
    schema_init(&names);
    schema_init(&out);
    schema_copy(&names, ss);
    const char **lname = arena_zalloc(&q->arena, sizeof(char *) * (size_t)(ls->ncols + 1));
    int *lsrc = arena_alloc(&q->arena, sizeof(int) * (size_t)(ls->ncols + 1));
    for (int c = 0; c < ls->ncols; c++) {
        lsrc[c] = -1;
        for (int k = 0; k < s->nextra; k++)
            if (s->xlk[k] == c)
                lsrc[c] = s->xsrc[k];
        const char *nm = ls->names[c];
        if (lsrc[c] < 0 && schema_find(&names, nm, strlen(nm)) >= 0)
            nm = name_unique(q, &names, nm);
        lname[c] = nm;
        if (lsrc[c] < 0)
            schema_add(&names, nm, ls->types[c]);
    }
    schema_free(&names);
    s->omap = arena_alloc(&q->arena, sizeof(int) * (size_t)(ss->ncols + ls->ncols + 1));
    for (int pass = 0; pass < 2; pass++) {
        bool source = (pass == 0) != v6;
        if (source) {
            for (int c = 0; c < ss->ncols; c++) {
                bool extra = false;
                for (int k = 0; k < s->nextra; k++)
                    extra |= s->xsrc[k] == c;
                if (extra && v6)
                    continue; /* already placed with the lookup columns */
                s->omap[out.ncols] = c;
                schema_add(&out, ss->names[c], ss->types[c]);
            }
            continue;
        }
        for (int c = 0; c < ls->ncols; c++) {
            if (lsrc[c] >= 0 && !v6)
                continue; /* T's copy is already there */
            s->omap[out.ncols] = lsrc[c] >= 0 ? lsrc[c] : -1 - c;
            schema_add(&out, lname[c], ls->types[c]);
        }
    }
    op *o = op_new(q, plugin, 1);
    o->kids[0] = in;
    o->st = s;
    o->next = ipl_next;
    o->close = ipl_close;
    schema_copy(&o->schema, &out);
    schema_free(&out);
    return o;
}
