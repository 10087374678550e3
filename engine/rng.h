/* engine/rng.h — the one pseudo-random generator of the engine: splitmix64
 * (Steele, Lea, Flood), small and fast, with good statistical quality for
 * sampling and random values. rand() and new_guid() seed one per call site
 * from the OS (fn_rng_state); sample and sample-distinct start theirs from a
 * fixed seed so the same input gives the same sample (exec_sample.c).
 */
#ifndef HUNT_RNG_H
#define HUNT_RNG_H

#include <stdint.h>

struct fn_ctx;

/* The next 64 random bits of the generator whose state is *s. */
static inline uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* A function call site's generator state: malloc'd and seeded from
 * getrandom() (the clock if that fails) on first use, kept in *ctx->state and
 * freed with the query (the function's free_state is free). fn_math.c. */
uint64_t *fn_rng_state(struct fn_ctx *ctx);

#endif
