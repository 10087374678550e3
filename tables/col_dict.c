/* tables/col_dict.c — dictionary encoding of an extent's string columns.
 *
 * Hunting data repeats itself: ActionType, DataSource, account, process,
 * container and resource names take a few hundred or thousand values over
 * millions of rows. When an extent is sealed, each string column is offered
 * to col_dict_encode, which replaces one string per row (4 bytes of offset
 * plus the bytes) with a 2-byte code per row and the extent's distinct values
 * once. An extent holds at most 65536 rows, so a code always fits 16 bits.
 *
 * The encoding is kept only when it saves at least a fifth of the column's
 * memory. Columns of mostly distinct values (command lines, JSON text) are
 * recognized early from the first rows and left plain, so they cost little.
 * Readers see either form through col_str (tables/table.h). Each distinct
 * value's XXH3_64bits is kept with the dictionary (dhash): it is the engine's
 * hash of a string, so grouping and joins over codes never hash the bytes.
 */
#include "tables/table.h"
#include "tables/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#define DICT_MIN_ROWS 32      /* smaller extents stay plain */
#define DICT_SAMPLE_ROWS 4096 /* rows seen before judging the distinct share */

typedef struct dict {
    uint32_t *slot; /* open addressing: code + 1, 0 = empty */
    uint32_t mask;
    uint64_t *hash; /* per code: its XXH3_64bits, to rehash, to skip compares, and kept */
    uint32_t *off;  /* per code: offset of its bytes; off[ndict] = used */
    char *bytes;
    uint32_t ndict;
} dict;

static void dict_rehash(dict *d, uint32_t slots)
{
    free(d->slot);
    d->slot = xcalloc(slots, sizeof *d->slot);
    d->mask = slots - 1;
    for (uint32_t k = 0; k < d->ndict; k++) {
        uint32_t s = (uint32_t)d->hash[k] & d->mask;
        while (d->slot[s])
            s = (s + 1) & d->mask;
        d->slot[s] = k + 1;
    }
}

/* The code of s, added when new. */
static uint32_t dict_code(dict *d, hstr s)
{
    uint64_t h = XXH3_64bits(s.p, s.n);
    uint32_t at = (uint32_t)h & d->mask;
    for (;;) {
        uint32_t k = d->slot[at];
        if (!k)
            break;
        k--;
        if (d->hash[k] == h && d->off[k + 1] - d->off[k] == s.n &&
            memcmp(d->bytes + d->off[k], s.p, s.n) == 0)
            return k;
        at = (at + 1) & d->mask;
    }
    uint32_t k = d->ndict++;
    d->hash[k] = h;
    memcpy(d->bytes + d->off[k], s.p, s.n);
    d->off[k + 1] = d->off[k] + s.n;
    d->slot[at] = k + 1;
    if (2 * d->ndict > d->mask)
        dict_rehash(d, 2 * (d->mask + 1));
    return k;
}

static void dict_free(dict *d)
{
    free(d->slot);
    free(d->hash);
    free(d->off);
    free(d->bytes);
}

bool col_dict_encode(hcol *c, uint32_t n)
{
    if (c->type != HT_STRING || c->s.codes || n < DICT_MIN_ROWS || n > 65536)
        return false;
    uint64_t plain = 4ull * (n + 1) + c->s.off[n];
    uint64_t budget = plain - plain / 5; /* the encoding must save a fifth */
    if (2ull * n >= budget)
        return false;
    dict d = {0};
    d.hash = xmalloc(sizeof *d.hash * n);
    d.off = xmalloc(sizeof *d.off * ((size_t)n + 1));
    d.bytes = xmalloc(c->s.off[n]);
    d.off[0] = 0;
    dict_rehash(&d, 1024);
    uint16_t *codes = xmalloc(sizeof *codes * n);
    bool ok = true;
    for (uint32_t i = 0; i < n && ok; i++) {
        hstr s = {c->s.bytes + c->s.off[i], c->s.off[i + 1] - c->s.off[i]};
        codes[i] = (uint16_t)dict_code(&d, s);
        if (i + 1 == DICT_SAMPLE_ROWS && 2 * d.ndict > DICT_SAMPLE_ROWS)
            ok = false; /* mostly distinct so far: not worth it */
        else if (2ull * n + 4ull * (d.ndict + 1) + d.off[d.ndict] > budget)
            ok = false;
    }
    if (!ok) {
        free(codes);
        dict_free(&d);
        return false;
    }
    free(c->s.off);
    free(c->s.bytes);
    uint32_t used = d.off[d.ndict];
    c->s.codes = codes;
    c->s.ndict = d.ndict;
    c->s.off = xrealloc(d.off, sizeof *d.off * ((size_t)d.ndict + 1));
    c->s.bytes = xrealloc(d.bytes, used);
    c->s.dhash = xrealloc(d.hash, sizeof *d.hash * d.ndict);
    d.off = NULL;
    d.bytes = NULL;
    d.hash = NULL;
    dict_free(&d);
    return true;
}

uint64_t col_str_row_bytes(const hcol *c, uint32_t n)
{
    if (!c->s.codes)
        return c->s.off[n] - c->s.off[0];
    uint64_t sum = 0;
    for (uint32_t i = 0; i < n; i++)
        sum += c->s.off[c->s.codes[i] + 1] - c->s.off[c->s.codes[i]];
    return sum;
}
