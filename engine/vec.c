/* engine/vec.c — the bump arena and the small vector helpers of vec.h.
 *
 * An harena is a list of malloc'd blocks, newest first. Small requests are
 * carved from the head block (64 KiB, or more when it had to grow); a request
 * larger than a quarter block gets a block of its own, linked behind the head
 * so the head keeps serving small requests. Every pointer handed out is
 * 16-byte aligned. arena_reset frees all blocks but one standard block, so a
 * per-batch arena settles to one malloc for its whole life.
 *
 * Vectors never own memory: vec_* carve their arrays and null maps from the
 * arena given to them.
 */
#include "vec.h"

#include "../tables/dyn.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64u * 1024u)
#define ARENA_ALIGN 16u

struct arena_block {
    arena_block *next;
    size_t cap; /* usable bytes after the header */
    bool own;   /* a dedicated block for one large allocation */
};

/* Header size rounded up so data starts 16-byte aligned. */
#define BLOCK_HDR ((sizeof(arena_block) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1))

static uint8_t *block_data(arena_block *b)
{
    return (uint8_t *)b + BLOCK_HDR;
}

static arena_block *block_new(harena *a, size_t cap, bool own)
{
    arena_block *b = malloc(BLOCK_HDR + cap);
    if (!b) {
        fprintf(stderr, "hunt: out of memory (arena block of %zu bytes)\n", cap);
        abort();
    }
    b->next = NULL;
    b->cap = cap;
    b->own = own;
    a->total += BLOCK_HDR + cap;
    return b;
}

void arena_init(harena *a)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void *arena_alloc(harena *a, size_t n)
{
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need == 0)
        need = ARENA_ALIGN;
    if (need < n) { /* size_t overflow */
        fprintf(stderr, "hunt: arena request too large\n");
        abort();
    }
    if (a->head && a->used + need <= a->head->cap) {
        void *p = block_data(a->head) + a->used;
        a->used += need;
        return p;
    }
    if (need > ARENA_BLOCK / 4) {
        arena_block *b = block_new(a, need, true);
        if (a->head) { /* behind the head: the head keeps serving */
            b->next = a->head->next;
            a->head->next = b;
        } else {
            a->head = b;
            a->used = need;
        }
        return block_data(b);
    }
    arena_block *b = block_new(a, ARENA_BLOCK, false);
    b->next = a->head;
    a->head = b;
    a->used = need;
    return block_data(b);
}

void *arena_zalloc(harena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(harena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void arena_reset(harena *a)
{
    arena_block *keep = NULL, *b = a->head;
    while (b) {
        arena_block *next = b->next;
        if (!keep && !b->own) {
            keep = b;
        } else {
            a->total -= BLOCK_HDR + b->cap;
            free(b);
        }
        b = next;
    }
    if (keep)
        keep->next = NULL;
    a->head = keep;
    a->used = 0;
}

void arena_free(harena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena_init(a);
}

/* --- vectors ------------------------------------------------------------ */

double vec_num(const hvec *v, uint32_t i)
{
    switch (v->type) {
    case HT_BOOL:
        return vec_b(v, i) ? 1.0 : 0.0;
    case HT_INT:
    case HT_LONG:
    case HT_DATETIME:
    case HT_TIMESPAN:
        return (double)vec_i(v, i);
    case HT_REAL:
        return vec_r(v, i);
    default:
        return NAN;
    }
}

size_t vec_width(htype t)
{
    switch (t) {
    case HT_BOOL:
        return 1;
    case HT_STRING:
    case HT_DYNAMIC:
        return sizeof(hstr);
    case HT_GUID:
        return sizeof(hguid);
    default: /* int64 types, real, and unknown (an untyped null column) */
        return 8;
    }
}

hvec vec_slice(const hvec *v, uint32_t off, uint32_t n)
{
    hvec r = *v;
    r.n = n;
    if (!v->cmask)
        return r;
    r.data = (char *)v->data + vec_width(v->type) * off;
    if (v->null)
        r.null = v->null + off;
    if (vec_codes(v)) {
        r.codes = v->codes + off;
        r.codes_for = r.s;
    }
    return r;
}

void vec_alloc(harena *a, hvec *v, htype t, uint32_t n)
{
    v->type = t;
    v->n = n;
    v->cmask = ~0u;
    v->null = NULL;
    v->data = arena_alloc(a, vec_width(t) * (n ? n : 1));
    v->codes = NULL;
    v->codes_for = NULL;
}

void vec_const(harena *a, hvec *v, htype t, uint32_t n)
{
    v->type = t;
    v->n = n;
    v->cmask = 0;
    v->null = NULL;
    v->data = arena_zalloc(a, vec_width(t));
    v->codes = NULL;
    v->codes_for = NULL;
}

void vec_const_null(harena *a, hvec *v, htype t, uint32_t n)
{
    vec_const(a, v, t, n);
    memset(v->data, 0, vec_width(t));
    if (ht_is_str(t))
        v->s[0].p = "";
    v->null = arena_alloc(a, 1);
    v->null[0] = 1;
}

void vec_set_null(harena *a, hvec *v, uint32_t i)
{
    if (!v->null) {
        size_t n = v->cmask ? v->n : 1;
        v->null = arena_zalloc(a, n ? n : 1);
    }
    v->null[i & v->cmask] = 1;
}

void vec_set_str(harena *a, hvec *v, uint32_t i, const char *p, size_t n)
{
    hstr *s = &v->s[i & v->cmask];
    s->p = n ? arena_strndup(a, p, n) : "";
    s->n = (uint32_t)n;
}

void vec_copy_value(harena *a, hvec *dst, uint32_t i, const hvec *src, uint32_t j)
{
    if (vec_is_null(src, j)) {
        vec_set_null(a, dst, i);
        memset((uint8_t *)dst->data + (size_t)(i & dst->cmask) * vec_width(dst->type), 0,
               vec_width(dst->type));
        if (ht_is_str(dst->type))
            dst->s[i & dst->cmask].p = "";
        return;
    }
    if (dst->null)
        dst->null[i & dst->cmask] = 0;
    size_t w = vec_width(dst->type);
    memcpy((uint8_t *)dst->data + (size_t)(i & dst->cmask) * w,
           (const uint8_t *)src->data + (size_t)(j & src->cmask) * w, w);
}

void vec_put_dyn(dbuf *b, const hvec *v, uint32_t i)
{
    if (v->type == HT_STRING) { /* strings are never null in KQL: "" */
        hstr s = vec_s(v, i);
        dyn_put_string(b, s.p, vec_is_null(v, i) ? 0 : s.n);
        return;
    }
    if (vec_is_null(v, i)) {
        dyn_put_null(b);
        return;
    }
    switch (v->type) {
    case HT_BOOL:
        dyn_put_bool(b, vec_b(v, i));
        break;
    case HT_INT:
    case HT_LONG:
        dyn_put_long(b, vec_i(v, i));
        break;
    case HT_REAL:
        dyn_put_real(b, vec_r(v, i));
        break;
    case HT_DATETIME:
        dyn_put_datetime(b, vec_i(v, i));
        break;
    case HT_TIMESPAN:
        dyn_put_timespan(b, vec_i(v, i));
        break;
    case HT_GUID:
        dyn_put_guid(b, vec_g(v, i));
        break;
    case HT_DYNAMIC: {
        hstr s = vec_s(v, i);
        if (s.p && s.n)
            dyn_put_raw(b, (const uint8_t *)s.p);
        else
            dyn_put_null(b);
        break;
    }
    default:
        dyn_put_null(b);
        break;
    }
}
