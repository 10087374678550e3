/* engine/fn_guid.c — new_guid(): a random version 4 (RFC 4122) guid per row.
 *
 * Each call site draws from its own splitmix64 generator, seeded once from
 * the operating system's random source (getrandom; the clock if that fails),
 * so every row, call site and query gets a different guid. The 122 random
 * bits come from two 64-bit draws; the version nibble is 4 and the variant
 * bits are 10, as RFC 4122 requires.
 */
#include "fn.h"
#include "rng.h"

#include <stdlib.h>
#include <string.h>

static htype tc_new_guid(fn_sig *sig)
{
    (void)sig;
    return HT_GUID;
}

static int run_new_guid(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    (void)argv;
    uint64_t *s = fn_rng_state(ctx);
    vec_alloc(ctx->arena, out, HT_GUID, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        uint64_t hi = rng_next(s), lo = rng_next(s);
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
