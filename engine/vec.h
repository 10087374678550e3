/* engine/vec.h — vectors (one column of a batch) and the arenas they live in.
 *
 * The engine moves data between operators in batches of up to VEC_BATCH
 * rows. Each column of a batch is an hvec: a typed array plus an optional
 * null byte map. A constant vector (cmask == 0) holds one value that stands
 * for every row, so literals are never broadcast: read element i of any vector
 * as v->i[i & v->cmask].
 *
 * Memory: vector arrays and computed strings come from an harena, a bump
 * allocator whose whole content is dropped at once (arena_reset/arena_free).
 * A vector never owns memory; whoever owns the arena owns the data. String
 * values (hstr) may point into an extent, into an input vector's strings, or
 * into the arena of the batch that produced them.
 */
#ifndef HUNT_VEC_H
#define HUNT_VEC_H

#include "../tables/types.h"

#define VEC_BATCH 1024

/* --- arena --------------------------------------------------------------- */

typedef struct arena_block arena_block;
typedef struct harena {
    arena_block *head; /* current block, linked to older ones */
    size_t used;       /* bytes used in head */
    size_t total;      /* bytes allocated by all blocks, for accounting */
} harena;

void arena_init(harena *a);
void *arena_alloc(harena *a, size_t n);                  /* 16-byte aligned, never NULL */
void *arena_zalloc(harena *a, size_t n);                 /* zero-filled */
char *arena_strndup(harena *a, const char *s, size_t n); /* NUL-terminated */
void arena_reset(harena *a);                             /* drops everything, keeps one block */
void arena_free(harena *a);                              /* drops everything */

/* --- vectors ------------------------------------------------------------ */

typedef struct hvec {
    htype type;
    uint32_t n;     /* rows this vector stands for */
    uint32_t cmask; /* ~0u normally, 0 for a constant (one value at [0]) */
    uint8_t *null;  /* NULL: no nulls; else a byte per value, 1 = null */
    union {
        uint8_t *b; /* bool */
        int64_t *i; /* int, long, datetime, timespan */
        double *r;  /* real */
        hstr *s;    /* string, dynamic */
        hguid *g;   /* guid */
        void *data;
    };
    /* A string vector read from a dictionary-encoded column (tables/table.h)
     * carries its codes: row i is entry codes[i] of the dictionary `dict`
     * (ndict entries), whose value_hash is dhash[codes[i]]. They are valid
     * only while codes_for == s, so an operator that builds a new string
     * array drops them without knowing of them. Read them with vec_codes. */
    const uint16_t *codes;
    const uint64_t *dhash;
    const void *dict;
    uint32_t ndict;
    const hstr *codes_for;
} hvec;

/* The dictionary codes of string vector v, or NULL when it has none. */
static inline const uint16_t *vec_codes(const hvec *v)
{
    return v->codes && v->codes_for == v->s && v->cmask ? v->codes : NULL;
}

static inline bool vec_is_null(const hvec *v, uint32_t i)
{
    return v->null && v->null[i & v->cmask];
}
static inline bool vec_b(const hvec *v, uint32_t i)
{
    return v->b[i & v->cmask];
}
static inline int64_t vec_i(const hvec *v, uint32_t i)
{
    return v->i[i & v->cmask];
}
static inline double vec_r(const hvec *v, uint32_t i)
{
    return v->r[i & v->cmask];
}
static inline hstr vec_s(const hvec *v, uint32_t i)
{
    return v->s[i & v->cmask];
}
static inline const hguid *vec_g(const hvec *v, uint32_t i)
{
    return &v->g[i & v->cmask];
}
/* A numeric value (int, long, real, bool, datetime, timespan) as a double. */
double vec_num(const hvec *v, uint32_t i);

/* Size of one value of type t in a vector array. */
size_t vec_width(htype t);

/* Rows off..off+n of v as a vector sharing v's memory (a constant vector
 * stays constant). */
hvec vec_slice(const hvec *v, uint32_t off, uint32_t n);

/* Makes v a fresh vector of n rows of type t, with its array allocated from
 * a (contents undefined) and no null map. */
void vec_alloc(harena *a, hvec *v, htype t, uint32_t n);

/* Makes v a constant vector standing for n rows; the value is left to the
 * caller (v->i[0] = ...) unless vec_const_null is used. */
void vec_const(harena *a, hvec *v, htype t, uint32_t n);
void vec_const_null(harena *a, hvec *v, htype t, uint32_t n);

/* Marks row i null, allocating the null map on first use. */
void vec_set_null(harena *a, hvec *v, uint32_t i);

/* Sets string row i to a copy of p[0..n) made in a. */
void vec_set_str(harena *a, hvec *v, uint32_t i, const char *p, size_t n);

/* Copies value src[j] (constant-aware) to dst[i]; both of one type. Strings
 * are not copied (the hstr is). */
void vec_copy_value(harena *a, hvec *dst, uint32_t i, const hvec *src, uint32_t j);

/* Appends row i of v, of any type, as one encoded dynamic value
 * (tables/dyn.h): strings stay strings (never parsed as JSON), a null is a
 * JSON null. */
struct dbuf;
void vec_put_dyn(struct dbuf *b, const hvec *v, uint32_t i);

#endif
