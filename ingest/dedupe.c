/* ingest/dedupe.c — row identity keys, per-table key sets, and filtering
 * the extents of a batch down to the rows not seen before (see dedupe.h).
 *
 * A key set is an open-addressing table of uint64_t (0 marks an empty slot,
 * so a key of 0 is stored as 1), grown at half full. Filtering copies the
 * kept rows of an extent column by column into a new extent — only when a
 * row was dropped, which is rare outside re-ingests.
 */
#include "ingest/dedupe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include <xxhash.h>

typedef struct keyset {
    uint64_t *slot;
    size_t cap, n;
} keyset;

typedef struct tkeys {
    char *table;
    keyset set;
} tkeys;

struct dd_state {
    tkeys *t;
    int n;
};

/* --- key sets -------------------------------------------------------------- */

static uint64_t norm(uint64_t k)
{
    return k ? k : 1;
}

static void ks_grow(keyset *s);

static bool ks_has(const keyset *s, uint64_t k)
{
    if (!s->cap)
        return false;
    k = norm(k);
    for (size_t i = k & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (s->slot[i] == k)
            return true;
        if (!s->slot[i])
            return false;
    }
}

/* Adds k; false when it was there already. */
static bool ks_add(keyset *s, uint64_t k)
{
    if (2 * (s->n + 1) > s->cap)
        ks_grow(s);
    k = norm(k);
    size_t i = k & (s->cap - 1);
    while (s->slot[i]) {
        if (s->slot[i] == k)
            return false;
        i = (i + 1) & (s->cap - 1);
    }
    s->slot[i] = k;
    s->n++;
    return true;
}

static void ks_grow(keyset *s)
{
    keyset g = {calloc(s->cap ? 2 * s->cap : 1024, sizeof(uint64_t)), s->cap ? 2 * s->cap : 1024,
                0};
    if (!g.slot)
        abort();
    for (size_t i = 0; i < s->cap; i++)
        if (s->slot[i])
            ks_add(&g, s->slot[i]);
    free(s->slot);
    *s = g;
}

static void add_keys(void *arg, const uint64_t *keys, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        ks_add(arg, keys[i]);
}

dd_state *dd_new(void)
{
    dd_state *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    return d;
}

void dd_free(dd_state *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->n; i++) {
        free(d->t[i].table);
        free(d->t[i].set.slot);
    }
    free(d->t);
    free(d);
}

/* The key set of table, loaded from the workspace the first time. */
static keyset *table_set(dd_state *d, hworkspace *ws, const char *table)
{
    for (int i = 0; i < d->n; i++)
        if (strcmp(d->t[i].table, table) == 0)
            return &d->t[i].set;
    d->t = realloc(d->t, (size_t)(d->n + 1) * sizeof *d->t);
    if (!d->t)
        abort();
    tkeys *k = &d->t[d->n++];
    k->table = strdup(table);
    memset(&k->set, 0, sizeof k->set);
    char err[512];
    if (ws)
        ws_table_keys(ws, table, add_keys, &k->set, err, sizeof err);
    return &k->set;
}

/* --- row keys ----------------------------------------------------------------- */

static size_t width_of(htype t)
{
    return t == HT_BOOL ? 1 : t == HT_GUID ? sizeof(hguid) : 8;
}

/* Hashes the value of column c at row i into h (null as a marker byte). */
static void hash_cell(XXH3_state_t *h, const hcol *c, uint32_t i)
{
    static const char null_mark = 0, val_mark = 1;
    if (col_is_null(c, i)) {
        XXH3_64bits_update(h, &null_mark, 1);
        return;
    }
    XXH3_64bits_update(h, &val_mark, 1);
    if (ht_is_str(c->type)) {
        hstr s = col_str(c, i);
        XXH3_64bits_update(h, &s.n, sizeof s.n);
        XXH3_64bits_update(h, s.p, s.n);
    } else {
        size_t w = width_of(c->type);
        XXH3_64bits_update(h, (const char *)c->data + (size_t)i * w, w);
    }
}

static int col_of(const htable *t, const char *name)
{
    return schema_find(&t->schema, name, strlen(name));
}

static bool nonempty(const hextent *e, int c, uint32_t i)
{
    return c >= 0 && c < e->ncols && ht_is_str(e->cols[c].type) && col_str(&e->cols[c], i).n > 0;
}

uint64_t dd_row_key(const htable *t, const hextent *e, uint32_t i)
{
    XXH3_state_t h;
    XXH3_64bits_reset(&h);
    XXH3_64bits_update(&h, t->name, strlen(t->name) + 1);
    if (strcmp(t->name, "SecurityAlert") == 0) {
        int vid = col_of(t, "VendorOriginalId"), sid = col_of(t, "SystemAlertId");
        int st = col_of(t, "Status");
        int id = nonempty(e, vid, i) ? vid : nonempty(e, sid, i) ? sid : -1;
        if (id >= 0) {
            hash_cell(&h, &e->cols[id], i);
            if (st >= 0)
                hash_cell(&h, &e->cols[st], i);
            return XXH3_64bits_digest(&h);
        }
    }
    int rid = col_of(t, "ReportId");
    if (nonempty(e, rid, i)) {
        hash_cell(&h, &e->cols[rid], i);
        int tc = col_of(t, "Timestamp");
        if (tc < 0)
            tc = col_of(t, "TimeGenerated");
        if (tc >= 0 && tc < e->ncols)
            hash_cell(&h, &e->cols[tc], i);
        return XXH3_64bits_digest(&h);
    }
    for (int c = 0; c < e->ncols; c++)
        hash_cell(&h, &e->cols[c], i);
    return XXH3_64bits_digest(&h);
}

/* --- filtering -------------------------------------------------------------------- */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        abort();
    return p;
}

static void set_stats(hcol *c, uint32_t n)
{
    c->has_minmax = false;
    for (uint32_t i = 0; i < n; i++) {
        if (col_is_null(c, i))
            continue;
        if (ht_is_int64(c->type)) {
            int64_t v = c->i[i];
            if (!c->has_minmax || v < c->imin)
                c->imin = v;
            if (!c->has_minmax || v > c->imax)
                c->imax = v;
            c->has_minmax = true;
        } else if (c->type == HT_REAL && c->r[i] == c->r[i]) {
            double v = c->r[i];
            if (!c->has_minmax || v < c->rmin)
                c->rmin = v;
            if (!c->has_minmax || v > c->rmax)
                c->rmax = v;
            c->has_minmax = true;
        }
    }
}

/* Copies the rows of src marked in keep into dst (n of them). */
static void filter_col(hcol *dst, const hcol *src, uint32_t nrows, const uint8_t *keep, uint32_t n)
{
    memset(dst, 0, sizeof *dst);
    dst->type = src->type;
    if (src->nullbits)
        dst->nullbits = calloc(((size_t)n + 7) / 8 + 1, 1);
    if (ht_is_str(src->type)) {
        size_t bytes = 0;
        for (uint32_t i = 0; i < nrows; i++)
            if (keep[i])
                bytes += col_str(src, i).n;
        dst->s.off = xmalloc(((size_t)n + 1) * sizeof(uint32_t));
        dst->s.bytes = xmalloc(bytes);
        dst->s.off[0] = 0;
    } else {
        dst->data = xmalloc((size_t)n * width_of(src->type));
    }
    size_t w = width_of(src->type);
    uint32_t k = 0;
    for (uint32_t i = 0; i < nrows; i++) {
        if (!keep[i])
            continue;
        if (ht_is_str(src->type)) {
            hstr s = col_str(src, i);
            memcpy(dst->s.bytes + dst->s.off[k], s.p, s.n);
            dst->s.off[k + 1] = dst->s.off[k] + s.n;
        } else {
            memcpy((char *)dst->data + (size_t)k * w, (const char *)src->data + (size_t)i * w, w);
        }
        if (col_is_null(src, i)) {
            dst->nullbits[k >> 3] |= (uint8_t)(1u << (k & 7));
            dst->nnull++;
        }
        k++;
    }
    if (dst->nullbits && !dst->nnull) {
        free(dst->nullbits);
        dst->nullbits = NULL;
    }
    set_stats(dst, n);
    col_dict_encode(dst, n); /* as tbuild does when it seals an extent */
}

static hextent *filter_extent(const hextent *e, const uint8_t *keep, uint32_t n)
{
    hextent *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    f->nrows = n;
    f->ncols = e->ncols;
    f->refs = 1;
    f->cols = calloc((size_t)(e->ncols ? e->ncols : 1), sizeof *f->cols);
    if (!f->cols)
        abort();
    for (int c = 0; c < e->ncols; c++)
        filter_col(&f->cols[c], &e->cols[c], e->nrows, keep, n);
    return f;
}

/* The batch-local set of table t (keys already pending in this batch). */
static keyset *batch_set(keyset **sets, htable ***owners, int *n, htable *t)
{
    for (int i = 0; i < *n; i++)
        if ((*owners)[i] == t)
            return &(*sets)[i];
    *sets = realloc(*sets, (size_t)(*n + 1) * sizeof **sets);
    *owners = realloc(*owners, (size_t)(*n + 1) * sizeof **owners);
    if (!*sets || !*owners)
        abort();
    memset(&(*sets)[*n], 0, sizeof **sets);
    (*owners)[*n] = t;
    return &(*sets)[(*n)++];
}

/* Keys one pending extent; filters it when some rows are known. */
static void filter_pending(dd_state *d, hworkspace *ws, ws_batch *b, ws_pending *p, keyset *local)
{
    keyset *known = table_set(d, ws, p->t->name);
    uint32_t n = p->e->nrows, kept = 0;
    uint64_t *keys = xmalloc((size_t)n * sizeof *keys);
    uint8_t *keep = xmalloc(n);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t k = dd_row_key(p->t, p->e, i);
        keep[i] = !ks_has(known, k) && ks_add(local, k);
        if (keep[i])
            keys[kept++] = k;
    }
    b->rows_duplicate += n - kept;
    p->keys = keys;
    int idx = -1;
    for (int i = p->t->next - 1; i >= 0 && idx < 0; i--)
        if (p->t->ext[i] == p->e)
            idx = i;
    if (kept < n) {
        hextent *f = kept ? filter_extent(p->e, keep, kept) : NULL;
        ws_table_replace_extent(p->t, idx, f);
        p->e = f;
    }
    free(keep);
}

void dd_filter(dd_state *d, hworkspace *ws, ws_batch *b)
{
    keyset *sets = NULL;
    htable **owners = NULL;
    int nsets = 0;
    for (int i = 0; i < b->npend; i++) {
        ws_pending *p = &b->pend[i];
        filter_pending(d, ws, b, p, batch_set(&sets, &owners, &nsets, p->t));
    }
    for (int i = 0; i < nsets; i++)
        free(sets[i].slot);
    free(sets);
    free(owners);
    /* drop the pending entries whose extent was emptied */
    int k = 0;
    for (int i = 0; i < b->npend; i++) {
        if (b->pend[i].e)
            b->pend[k++] = b->pend[i];
        else
            free(b->pend[i].keys);
    }
    b->npend = k;
}

void dd_keys_only(ws_batch *b)
{
    for (int i = 0; i < b->npend; i++) {
        ws_pending *p = &b->pend[i];
        p->keys = xmalloc((size_t)p->e->nrows * sizeof *p->keys);
        for (uint32_t r = 0; r < p->e->nrows; r++)
            p->keys[r] = dd_row_key(p->t, p->e, r);
    }
}

void dd_commit(dd_state *d, const ws_batch *b)
{
    for (int i = 0; i < b->npend; i++) {
        const ws_pending *p = &b->pend[i];
        keyset *s = table_set(d, NULL, p->t->name);
        add_keys(s, p->keys, p->e->nrows);
    }
}
