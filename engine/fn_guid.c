/* engine/fn_guid.c — new_guid(): a random version 4 (RFC 4122) guid per row.
 *
 * Each call site draws from its own splitmix64 generator, seeded once from
 * the operating system's random source (getrandom; the clock if that fails),
 * so every row, call site and query gets a different guid. The 122 random
 * bits come from two 64-bit draws; the version nibble is 4 and the variant
 * bits are 10, as RFC 4122 requires.
 */
#include "fn.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static htype tc_new_guid(fn_sig *sig)
{
    (void)sig;
    return HT_GUID;
}

static uint64_t next64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* The call site's generator (malloc'd on first use, freed with the query). */
static uint64_t *guid_state(fn_ctx *ctx)
{
    static uint64_t fallback;
    if (!ctx->state)
        return &fallback;
    if (!*ctx->state) {
        uint64_t *s = malloc(sizeof *s);
        if (!s)
            return &fallback;
        if (getrandom(s, sizeof *s, 0) != (ssize_t)sizeof *s) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            *s = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)(uintptr_t)s;
        }
        *ctx->state = s;
    }
    return *ctx->state;
}

static int run_new_guid(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    (void)argv;
    uint64_t *s = guid_state(ctx);
    vec_alloc(ctx->arena, out, HT_GUID, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        uint64_t hi = next64(s), lo = next64(s);
        for (int k = 0; k < 8; k++) {
            out->g[i].b[k] = (uint8_t)(hi >> (56 - 8 * k));
            out->g[i].b[8 + k] = (uint8_t)(lo >> (56 - 8 * k));
        }
        out->g[i].b[6] = (uint8_t)((out->g[i].b[6] & 0x0f) | 0x40);
        out->g[i].b[8] = (uint8_t)((out->g[i].b[8] & 0x3f) | 0x80);
    }
    return 0;
}

const fn_def fn_guid_defs[] = {
    {"new_guid", 0, 0, tc_new_guid, run_new_guid, free, FN_VOLATILE},
    {NULL},
};
