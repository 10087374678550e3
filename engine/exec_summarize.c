/* engine/exec_summarize.c — summarize and distinct: hash aggregation.
 *
 * Rows are grouped by the values of the key expressions with an open-
 * addressing hash table of group ids; the group keys are kept column-wise in
 * growable arrays (strings copied into the operator's keep arena), and each
 * aggregate keeps a fixed-size state per group (agg.h). The whole input is
 * consumed before the first output batch.
 *
 * Parallel partial aggregation: when the input is an exchange (the binder
 * splits a table scan and its where/extend into two halves reading every
 * other extent), the halves are not merged batch by batch; each is
 * aggregated into its own hash table on its own thread, and the second
 * table is then folded into the first (agg_merger). That needs every
 * aggregate to merge exactly and every key and argument expression to be
 * safe to evaluate on two threads at once (no per-call-site state);
 * otherwise the batches are pulled through the exchange as before.
 */
#include "agg.h"
#include "../tables/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL /* the hash of every group key and join key: inlined, not a library call */
#include <xxhash.h>

typedef struct gcol {
    hvec v; /* v.n = groups so far; arrays sized cap */
    uint32_t cap;
} gcol;

typedef struct summ_st {
    bexpr **keys;
    int nkeys;
    aggspec **aggs;
    int naggs;
    gcol *kc;
    uint32_t ngroups, gcap;
    uint64_t *ghash;
    uint32_t *slots; /* gid + 1, 0 = empty */
    uint32_t nslots;
    char **states;
    harena keep;
    bool done;
    uint32_t emitted;
    /* One string key read from a dictionary column: the group of each code
     * of the dictionary cdict (gid + 1, 0 = not seen), reset when the
     * dictionary changes (a new extent). */
    const void *cdict;
    uint32_t *code_gid;
    uint32_t ncodes;
    /* One integer key: the last row's key and group (group_by_int). */
    bool has_last;
    int64_t last_key;
    uint32_t last_gid;
} summ_st;

static void gcol_grow(gcol *g, uint32_t need)
{
    if (need <= g->cap)
        return;
    uint32_t nc = g->cap ? g->cap * 2 : 64;
    while (nc < need)
        nc *= 2;
    size_t w = vec_width(g->v.type);
    g->v.data = realloc(g->v.data, w * nc);
    if (g->v.null) {
        g->v.null = realloc(g->v.null, nc);
        memset(g->v.null + g->cap, 0, nc - g->cap);
    }
    g->cap = nc;
}

static void gcol_push(summ_st *s, gcol *g, const hvec *v, uint32_t i)
{
    uint32_t k = g->v.n;
    gcol_grow(g, k + 1);
    if (vec_is_null(v, i)) {
        if (!g->v.null)
            g->v.null = calloc(g->cap, 1);
        g->v.null[k] = 1;
        memset((char *)g->v.data + vec_width(g->v.type) * k, 0, vec_width(g->v.type));
        if (ht_is_str(g->v.type))
            g->v.s[k].p = "";
    } else if (ht_is_str(g->v.type)) {
        hstr x = vec_s(v, i);
        g->v.s[k].p = x.n ? arena_strndup(&s->keep, x.p, x.n) : "";
        g->v.s[k].n = x.n;
    } else {
        size_t w = vec_width(g->v.type);
        memcpy((char *)g->v.data + w * k, (const char *)v->data + w * (i & v->cmask), w);
    }
    g->v.n = k + 1;
}

static void rehash(summ_st *s)
{
    uint32_t ns = s->nslots ? s->nslots * 2 : 1024;
    uint32_t *sl = calloc(ns, sizeof *sl);
    for (uint32_t g = 0; g < s->ngroups; g++) {
        uint32_t k = (uint32_t)s->ghash[g] & (ns - 1);
        while (sl[k])
            k = (k + 1) & (ns - 1);
        sl[k] = g + 1;
    }
    free(s->slots);
    s->slots = sl;
    s->nslots = ns;
}

static uint32_t new_group(summ_st *s, const hvec *kv, uint32_t i, uint64_t h)
{
    uint32_t g = s->ngroups;
    if (g == s->gcap) {
        s->gcap = s->gcap ? s->gcap * 2 : 256;
        s->ghash = realloc(s->ghash, sizeof(uint64_t) * s->gcap);
        for (int a = 0; a < s->naggs; a++)
            s->states[a] = realloc(s->states[a], s->aggs[a]->size * s->gcap);
    }
    for (int k = 0; k < s->nkeys; k++)
        gcol_push(s, &s->kc[k], &kv[k], i);
    for (int a = 0; a < s->naggs; a++)
        s->aggs[a]->def->init(s->aggs[a], s->states[a] + s->aggs[a]->size * g);
    s->ghash[g] = h;
    s->ngroups++;
    return g;
}

static uint32_t find_group(summ_st *s, const hvec *kv, uint32_t i, uint64_t h)
{
    if ((s->ngroups + 1) * 2 > s->nslots)
        rehash(s);
    uint32_t mask = s->nslots - 1;
    for (uint32_t k = (uint32_t)h & mask;; k = (k + 1) & mask) {
        uint32_t e = s->slots[k];
        if (!e) {
            uint32_t g = new_group(s, kv, i, h);
            s->slots[k] = g + 1;
            return g;
        }
        uint32_t g = e - 1;
        if (s->ghash[g] != h)
            continue;
        bool eq = true;
        for (int c = 0; c < s->nkeys && eq; c++)
            eq = value_eq(&kv[c], i, &s->kc[c].v, g);
        if (eq)
            return g;
    }
}

/* find_group for one string key: hash and compare the bytes directly. */
static uint32_t find_group_str(summ_st *s, const hvec *kv, uint32_t i, hstr x, uint64_t h)
{
    if ((s->ngroups + 1) * 2 > s->nslots)
        rehash(s);
    uint32_t mask = s->nslots - 1;
    for (uint32_t k = (uint32_t)h & mask;; k = (k + 1) & mask) {
        uint32_t e = s->slots[k];
        if (!e) {
            uint32_t g = new_group(s, kv, i, h);
            s->slots[k] = g + 1;
            return g;
        }
        uint32_t g = e - 1;
        if (s->ghash[g] != h)
            continue;
        hstr y = s->kc[0].v.s[g];
        if (y.n == x.n && (x.n == 0 || memcmp(y.p, x.p, x.n) == 0))
            return g;
    }
}

/* The groups of n rows whose one string key has dictionary codes: each code
 * is looked up once per extent, then remembered. */
static void group_by_codes(summ_st *s, const hvec *kv, uint32_t n, const uint16_t *codes,
                           uint32_t *gid)
{
    if (s->cdict != kv->dict) {
        if (!s->code_gid) {
            s->code_gid = calloc(65536, sizeof *s->code_gid);
            if (!s->code_gid)
                abort();
        }
        memset(s->code_gid, 0, sizeof *s->code_gid * s->ncodes);
        s->cdict = kv->dict;
        s->ncodes = kv->ndict;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = codes[i], g = s->code_gid[c];
        if (!g) {
            g = find_group_str(s, kv, i, vec_s(kv, i), kv->dhash[c]) + 1;
            s->code_gid[c] = g;
        }
        gid[i] = g - 1;
    }
}

/* The groups of n (at most VEC_BATCH) rows of one string key without codes,
 * whose hashes are h (the common `by SomeName`; strings are never null in
 * KQL). With many groups the table outgrows the caches and each row waits on
 * three loads in a row (slot, group key, key bytes), so the rows are walked
 * in passes that first prefetch each row's slot, then its likely group's key,
 * then that key's bytes; the lookups that follow find them in cache. */
static void group_hashed_str(summ_st *s, const hvec *kv, uint32_t n, const uint64_t *h,
                             uint32_t *gid)
{
    uint32_t cand[VEC_BATCH];
    if (s->ngroups < 4096) { /* a small table stays in cache */
        for (uint32_t i = 0; i < n; i++)
            gid[i] = find_group_str(s, kv, i, vec_s(kv, i), h[i]);
        return;
    }
    while ((s->ngroups + n) * 2 > s->nslots) /* no rehash between the passes and the lookups */
        rehash(s);
    uint32_t mask = s->nslots - 1;
    for (uint32_t i = 0; i < n; i++)
        __builtin_prefetch(&s->slots[(uint32_t)h[i] & mask]);
    for (uint32_t i = 0; i < n; i++) {
        cand[i] = s->slots[(uint32_t)h[i] & mask];
        if (cand[i]) {
            __builtin_prefetch(&s->ghash[cand[i] - 1]);
            __builtin_prefetch(&s->kc[0].v.s[cand[i] - 1]);
        }
    }
    for (uint32_t i = 0; i < n; i++)
        if (cand[i])
            __builtin_prefetch(s->kc[0].v.s[cand[i] - 1].p);
    for (uint32_t i = 0; i < n; i++)
        gid[i] = find_group_str(s, kv, i, vec_s(kv, i), h[i]);
}

/* group_hashed_str for n rows of any count, hashing them a batch at a time. */
static void group_by_str(summ_st *s, const hvec *kv, uint32_t n, uint32_t *gid)
{
    uint64_t h[VEC_BATCH];
    for (uint32_t from = 0; from < n; from += VEC_BATCH) {
        uint32_t m = n - from < VEC_BATCH ? n - from : VEC_BATCH;
        hvec view = vec_slice(kv, from, m);
        for (uint32_t i = 0; i < m; i++) {
            hstr x = vec_s(&view, i);
            h[i] = XXH3_64bits(x.p, x.n);
        }
        group_hashed_str(s, &view, m, h, gid + from);
    }
}

/* The hash of a row's keys, the same on every path (merging relies on it). */
static uint64_t keys_hash(const hvec *kv, int nkeys, uint32_t i)
{
    uint64_t h = 0x12345;
    for (int k = 0; k < nkeys; k++)
        h = (h ^ value_hash(&kv[k], i)) * 0x100000001b3ULL + (h >> 29);
    return h;
}

/* The groups of n rows of one non-null integer key (bin(Timestamp, 1h) and
 * the like): rows come in time order, so a row whose key equals the row
 * before it takes that row's group without a lookup. */
static void group_by_int(summ_st *s, const hvec *kv, uint32_t n, uint32_t *gid)
{
    for (uint32_t i = 0; i < n; i++) {
        int64_t x = vec_i(kv, i);
        if (!s->has_last || x != s->last_key) {
            s->last_gid = find_group(s, kv, i, keys_hash(kv, 1, i));
            s->last_key = x;
            s->has_last = true;
        }
        gid[i] = s->last_gid;
    }
}

static int consume_from(qctx *q, summ_st *s, op *in_op)
{
    harena tmp;
    arena_init(&tmp);
    uint32_t gid[VEC_BATCH];
    /* one vector per key and per argument of the widest aggregate (arg_max(x, *)
     * has one per input column, however many) */
    int maxargs = 1;
    for (int a = 0; a < s->naggs; a++)
        if (s->aggs[a]->nargs > maxargs)
            maxargs = s->aggs[a]->nargs;
    hvec *kv = xcalloc((size_t)(s->nkeys > 0 ? s->nkeys : 1), sizeof(hvec));
    hvec *av = xcalloc((size_t)maxargs, sizeof(hvec));
    int rc = 0;
    if (s->nkeys == 0) { /* one group, even for empty input */
        uint64_t h = 0;
        if (s->ngroups == 0)
            new_group(s, kv, 0, h);
    }
    for (;;) {
        batch *in;
        if (in_op->next(in_op, &in) < 0) {
            rc = -1;
            break;
        }
        if (!in)
            break;
        arena_reset(&tmp);
        for (int k = 0; k < s->nkeys; k++)
            if (expr_eval(q, s->keys[k], in, &tmp, &kv[k]) < 0) {
                rc = -1;
                goto out;
            }
        if (s->nkeys == 0) {
            memset(gid, 0, sizeof(uint32_t) * in->n);
        } else {
            const uint16_t *codes = s->nkeys == 1 ? vec_codes(&kv[0]) : NULL;
            if (codes && kv[0].type == HT_STRING) {
                group_by_codes(s, kv, in->n, codes, gid);
            } else if (s->nkeys == 1 && kv[0].type == HT_STRING) {
                group_by_str(s, kv, in->n, gid);
            } else if (s->nkeys == 1 && ht_is_int64(kv[0].type) && !kv[0].null) {
                group_by_int(s, kv, in->n, gid);
            } else {
                for (uint32_t i = 0; i < in->n; i++)
                    gid[i] = find_group(s, kv, i, keys_hash(kv, s->nkeys, i));
            }
        }
        for (int a = 0; a < s->naggs; a++) {
            aggspec *sp = s->aggs[a];
            for (int j = 0; j < sp->nargs; j++)
                if (expr_eval(q, sp->args[j], in, &tmp, &av[j]) < 0) {
                    rc = -1;
                    goto out;
                }
            sp->def->update(sp, s->states[a], gid, in->n, av, &s->keep);
        }
    }
out:
    free(kv);
    free(av);
    arena_free(&tmp);
    return rc;
}

/* --- parallel partial aggregation ------------------------------------------------- */

/* Can e be evaluated by two threads at once? Only shapes without lazily built
 * state: columns, constants, operators, constant in-sets, and functions that
 * keep no per-call-site state. */
static bool expr_thread_safe(const bexpr *e)
{
    if (!e)
        return true;
    switch (e->kind) {
    case BX_SUBQ:
        return false;
    case BX_IN:
        if (!e->set || e->set_src || e->sub)
            return false;
        break;
    case BX_CALL:
        /* free_state marks per-call-site state built lazily (a regex, rand's
         * generator): not for two threads at once */
        if (!e->fn || e->fn->free_state || e->fnstate)
            return false;
        break;
    default:
        break;
    }
    for (int i = 0; i < e->nargs; i++)
        if (!expr_thread_safe(e->args[i]))
            return false;
    return true;
}

static bool parallel_ok(const summ_st *s)
{
    for (int k = 0; k < s->nkeys; k++)
        if (!expr_thread_safe(s->keys[k]))
            return false;
    for (int a = 0; a < s->naggs; a++) {
        if (!agg_merger(s->aggs[a]))
            return false;
        for (int j = 0; j < s->aggs[a]->nargs; j++)
            if (!expr_thread_safe(s->aggs[a]->args[j]))
                return false;
    }
    return true;
}

/* An empty aggregation with s's keys and aggregates (malloc'd; summ_free). */
static summ_st *summ_partial(const summ_st *s)
{
    summ_st *p = calloc(1, sizeof *p);
    p->keys = s->keys;
    p->nkeys = s->nkeys;
    p->aggs = s->aggs;
    p->naggs = s->naggs;
    p->kc = calloc((size_t)(s->nkeys ? s->nkeys : 1), sizeof(gcol));
    for (int k = 0; k < s->nkeys; k++) {
        p->kc[k].v.type = s->kc[k].v.type;
        p->kc[k].v.cmask = ~0u;
    }
    p->states = calloc((size_t)(s->naggs ? s->naggs : 1), sizeof(char *));
    arena_init(&p->keep);
    return p;
}

/* Frees what s holds (not s itself). */
static void summ_release(summ_st *s)
{
    for (int a = 0; a < s->naggs; a++) {
        aggspec *sp = s->aggs[a];
        if (sp->def->destroy && s->states[a])
            for (uint32_t g = 0; g < s->ngroups; g++)
                sp->def->destroy(sp, s->states[a] + sp->size * g);
        free(s->states[a]);
    }
    for (int k = 0; k < s->nkeys; k++) {
        free(s->kc[k].v.data);
        free(s->kc[k].v.null);
    }
    free(s->ghash);
    free(s->slots);
    free(s->code_gid);
    arena_free(&s->keep);
}

static void summ_free(summ_st *s)
{
    summ_release(s);
    free(s->kc);
    free(s->states);
    free(s);
}

/* Folds the groups of p into s: a group of p found in s merges its states,
 * one not found becomes a new group of s (its key copied). The hashes of
 * both tables come from the same key types, so p's are reused. */
static void summ_merge(summ_st *s, summ_st *p)
{
    hvec *kv = xcalloc((size_t)(p->nkeys > 0 ? p->nkeys : 1), sizeof(hvec));
    uint32_t d[VEC_BATCH];
    for (int k = 0; k < p->nkeys; k++)
        kv[k] = p->kc[k].v;
    bool str1 = p->nkeys == 1 && kv[0].type == HT_STRING && !kv[0].null;
    for (uint32_t from = 0; from < p->ngroups; from += VEC_BATCH) {
        uint32_t n = p->ngroups - from < VEC_BATCH ? p->ngroups - from : VEC_BATCH;
        if (str1) { /* one string key: the lookups prefetch, as when consuming */
            hvec view = vec_slice(&kv[0], from, n);
            group_hashed_str(s, &view, n, p->ghash + from, d);
        } else {
            for (uint32_t i = 0; i < n; i++) /* a new group starts initialized */
                d[i] = find_group(s, kv, from + i, p->ghash[from + i]);
        }
        for (uint32_t i = 0; i < n; i++)
            for (int a = 0; a < s->naggs; a++) {
                aggspec *sp = s->aggs[a];
                agg_merger(sp)(sp, s->states[a] + sp->size * d[i],
                               p->states[a] + sp->size * (from + i), &s->keep);
            }
    }
    free(kv);
}

typedef struct part {
    qctx *q;
    summ_st *s;
    op *in;
    int rc;
} part;

static void *part_run(void *arg)
{
    part *p = arg;
    p->rc = consume_from(p->q, p->s, p->in);
    return NULL;
}

/* Aggregates half a into s on this thread and half b into a partial table on
 * another, then merges. */
static int consume_parallel(qctx *q, summ_st *s, op *a, op *b)
{
    /* both threads evaluate the same key and argument expressions: no
     * per-node caches (bexpr.cc) there */
    for (int k = 0; k < s->nkeys; k++)
        expr_mark_shared(s->keys[k]);
    for (int g = 0; g < s->naggs; g++)
        for (int j = 0; j < s->aggs[g]->nargs; j++)
            expr_mark_shared(s->aggs[g]->args[j]);
    part pb = {q, summ_partial(s), b, 0};
    pthread_t th;
    bool threaded = pthread_create(&th, NULL, part_run, &pb) == 0;
    int rc = consume_from(q, s, a);
    if (threaded)
        pthread_join(th, NULL);
    else
        part_run(&pb);
    if (rc == 0 && pb.rc == 0)
        summ_merge(s, pb.s);
    summ_free(pb.s);
    return rc < 0 || pb.rc < 0 ? -1 : 0;
}

static int consume(op *o)
{
    summ_st *s = o->st;
    op *in = o->kids[0];
    int rc;
    if (!strcmp(in->name, "exchange") && in->nkids == 2 && s->nkeys <= 64 && parallel_ok(s))
        rc = consume_parallel(o->q, s, in->kids[0], in->kids[1]);
    else
        rc = consume_from(o->q, s, in);
    s->done = true;
    return rc;
}

static int summ_next(op *o, batch **out)
{
    summ_st *s = o->st;
    if (!s->done && consume(o) < 0)
        return -1;
    arena_reset(&o->arena);
    if (s->emitted >= s->ngroups) {
        *out = NULL;
        return 0;
    }
    uint32_t n = s->ngroups - s->emitted;
    if (n > VEC_BATCH)
        n = VEC_BATCH;
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = n;
    b->ncols = o->schema.ncols;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)b->ncols);
    int c = 0;
    for (int k = 0; k < s->nkeys; k++, c++) {
        hvec *v = &b->cols[c];
        *v = s->kc[k].v;
        size_t w = vec_width(v->type);
        v->data = (char *)v->data + w * s->emitted;
        v->null = v->null ? v->null + s->emitted : NULL;
        v->n = n;
        v->cmask = ~0u;
    }
    for (int a = 0; a < s->naggs; a++) {
        aggspec *sp = s->aggs[a];
        for (int k = 0; k < sp->nout; k++, c++) {
            hvec *v = &b->cols[c];
            vec_alloc(&o->arena, v, o->schema.types[c], n);
            memset(v->data, 0, vec_width(v->type) * n);
            for (uint32_t i = 0; i < n; i++)
                sp->def->final(sp, s->states[a] + sp->size * (s->emitted + i), &o->arena, k, v, i);
        }
    }
    s->emitted += n;
    *out = b;
    return 0;
}

static void summ_close(op *o)
{
    summ_st *s = o->st;
    summ_release(s);
    for (int a = 0; a < s->naggs; a++)
        s->aggs[a]->outtypes = NULL; /* query arena */
}

op *exec_summarize(qctx *q, op *in, bexpr **keys, int nkeys, aggspec **aggs, int naggs,
                   const hschema *out)
{
    op *o = op_new(q, "summarize", 1);
    o->kids[0] = in;
    summ_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->keys = keys;
    s->nkeys = nkeys;
    s->aggs = aggs;
    s->naggs = naggs;
    s->kc = arena_zalloc(&q->arena, sizeof(gcol) * (size_t)(nkeys ? nkeys : 1));
    for (int k = 0; k < nkeys; k++) {
        s->kc[k].v.type = keys[k]->type;
        s->kc[k].v.cmask = ~0u;
    }
    s->states = arena_zalloc(&q->arena, sizeof(char *) * (size_t)(naggs ? naggs : 1));
    arena_init(&s->keep);
    o->st = s;
    schema_copy(&o->schema, out);
    o->next = summ_next;
    o->close = summ_close;
    return o;
}
