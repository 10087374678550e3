/* tables/xalloc.h — malloc, calloc and realloc that never return NULL.
 *
 * The table code cannot go on without the memory it asks for (an extent half
 * built is no table), so running out says how much was asked and aborts.
 * A zero size asks for one byte, so the result is always a real pointer.
 */
#ifndef HUNT_XALLOC_H
#define HUNT_XALLOC_H

#include <stdio.h>
#include <stdlib.h>

static inline void xalloc_fail(size_t n)
{
    fprintf(stderr, "hunt: out of memory (%zu bytes)\n", n);
    abort();
}

static inline void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        xalloc_fail(n);
    return p;
}

static inline void *xcalloc(size_t n, size_t w)
{
    void *p = calloc(n ? n : 1, w ? w : 1);
    if (!p)
        xalloc_fail(n * w);
    return p;
}

static inline void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        xalloc_fail(n);
    return q;
}

#endif
