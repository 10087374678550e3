/* tables/term_index.c — building, looking up and caching per-extent term
 * indexes (see term_index.h for the design).
 *
 * A build walks the column's values once, emitting one 64-bit key per term
 * occurrence of TIX_MIN_TERM characters or more: the term's hash in the high
 * bits and the row in the low 16. Rows are emitted in ascending order, so a
 * stable LSD radix sort on the hash bits leaves every hash's rows ascending;
 * one more pass drops repeats (a term twice in a row) and cuts the sorted
 * keys into the dictionary (hashes) and the postings: a list of rows (2
 * bytes each), or a bitmap of the extent's rows for a term in more than 1/16
 * of them, whichever is smaller. An index built in memory is one malloc'd
 * block: 8 bytes per distinct term plus its postings. An index read from an
 * extent file (tix_view) is a small struct pointing into the mapping, checked
 * first for the invariants lookups rely on.
 */
#include "tables/term_index.h"
#include "tables/xalloc.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct term_index {
    uint32_t nterms, npost, nrows;
    uint32_t *hash;  /* nterms, ascending */
    uint32_t *start; /* nterms + 1: term i's postings are pool[start[i]..start[i+1]) (the
                      * TIX_BITMAP flag masked off); with the flag, a bitmap of nrows bits */
    uint16_t *pool;
    size_t bytes;
};

#define TIX_BITMAP 0x80000000u

/* Per-extent slots: the index of each column, or NULL (e->tix). */
struct tix_slots {
    int ncols;
    term_index *ix[];
};
typedef struct tix_slots tix_slots;

/* --- hashing ----------------------------------------------------------------- */

/* A term is hashed 8 bytes at a time: each word ORed with 0x20 per byte
 * (for term characters that lowercases letters and keeps digits), folded in
 * by multiplication, then mixed with the length. tail() reads the last
 * n % 8 bytes: when the buffer surely extends 8 bytes past them (a column's
 * bytes, away from its end) with one load, else byte by byte; both give the
 * same word. */
static inline uint64_t load64(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline uint64_t tail(const unsigned char *p, uint32_t n, bool overread)
{
    if (!n)
        return 0;
    if (overread)
        return load64(p) & (~0ULL >> (64 - 8 * n));
    uint64_t w = 0;
    for (uint32_t i = 0; i < n; i++)
        w |= (uint64_t)p[i] << (8 * i);
    return w;
}

static inline uint32_t hash_term(const unsigned char *p, uint32_t n, bool overread)
{
    const uint64_t lower = 0x2020202020202020ULL, k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = n * k;
    uint32_t i = 0;
    for (; i + 8 <= n; i += 8)
        h = (h ^ (load64(p + i) | lower)) * k;
    if (i < n)
        h = (h ^ (tail(p + i, n - i, overread) | (lower >> (64 - 8 * (n - i))))) * k;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ULL;
    h ^= h >> 32;
    return (uint32_t)h;
}

uint32_t tix_hash(const char *p, uint32_t n)
{
    return hash_term((const unsigned char *)p, n, false);
}

/* --- building ------------------------------------------------------------------ */

static uint8_t term_tab[256];
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;
static void tab_init(void)
{
    for (int c = 0; c < 256; c++)
        term_tab[c] = tix_is_term_char((unsigned char)c);
}

/* Appends a key per indexable term occurrence of row r (p..end, inside a
 * buffer that ends at limit); returns the new count. */
static size_t emit_row(const unsigned char *p, const unsigned char *end, const unsigned char *limit,
                       uint32_t r, uint64_t *keys, size_t k)
{
    while (p < end) {
        while (p < end && !term_tab[*p])
            p++;
        const unsigned char *t = p;
        while (p < end && term_tab[*p])
            p++;
        uint32_t n = (uint32_t)(p - t);
        if (n >= TIX_MIN_TERM)
            keys[k++] = (uint64_t)hash_term(t, n, limit - t >= (ptrdiff_t)n + 8) << 16 | r;
    }
    return k;
}

/* Stable LSD radix sort of keys by their bits 16..47 (the hash). */
static void sort_by_hash(uint64_t *keys, uint64_t *tmp, size_t n)
{
    static const int shift[3] = {16, 27, 38};
    static const int bits[3] = {11, 11, 10};
    uint32_t *cnt = xmalloc(sizeof(uint32_t) * 2048);
    uint64_t *src = keys, *dst = tmp;
    for (int pass = 0; pass < 3; pass++) {
        uint32_t mask = (1u << bits[pass]) - 1;
        memset(cnt, 0, sizeof(uint32_t) * 2048);
        for (size_t i = 0; i < n; i++)
            cnt[(src[i] >> shift[pass]) & mask]++;
        uint32_t sum = 0;
        for (uint32_t b = 0; b <= mask; b++) {
            uint32_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[cnt[(src[i] >> shift[pass]) & mask]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != keys) /* an odd number of passes ends in tmp */
        memcpy(keys, src, n * sizeof *keys);
    free(cnt);
}

/* Bitmap words (uint16) of an extent of n rows: a term in more rows than
 * that is stored as a bitmap, which is then the smaller form. */
static uint32_t bitmap_words(uint32_t nrows)
{
    return (nrows + 15) / 16;
}

/* Cuts sorted keys[0..n) into an index of an extent of nrows rows (repeated
 * keys dropped; each term's rows as a list or a bitmap, whichever is smaller). */
static term_index *assemble(const uint64_t *keys, size_t n, uint32_t nrows)
{
    uint32_t nterms = 0, npost = 0;
    for (size_t i = 0; i < n; i++)
        if (!i || keys[i] >> 16 != keys[i - 1] >> 16)
            nterms++;
    uint32_t *cnt = xmalloc(sizeof(uint32_t) * (nterms ? nterms : 1));
    uint32_t t = 0, nbw = bitmap_words(nrows);
    for (size_t i = 0; i < n; i++) {
        if (i && keys[i] == keys[i - 1])
            continue;
        if (!i || keys[i] >> 16 != keys[i - 1] >> 16)
            cnt[t++] = 0;
        cnt[t - 1]++;
        npost++;
    }
    size_t pool = 0;
    for (t = 0; t < nterms; t++)
        pool += cnt[t] > nbw ? nbw : cnt[t];
    size_t bytes =
        sizeof(term_index) + sizeof(uint32_t) * ((size_t)2 * nterms + 1) + sizeof(uint16_t) * pool;
    term_index *ix = xmalloc(bytes);
    ix->nterms = nterms;
    ix->npost = npost;
    ix->nrows = nrows;
    ix->bytes = bytes;
    ix->hash = (uint32_t *)(ix + 1);
    ix->start = ix->hash + nterms;
    ix->pool = (uint16_t *)(ix->start + nterms + 1);
    uint32_t p = 0;
    bool bits = false;
    t = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && keys[i] == keys[i - 1])
            continue;
        if (!i || keys[i] >> 16 != keys[i - 1] >> 16) {
            if (bits)
                p += nbw;
            bits = cnt[t] > nbw;
            ix->hash[t] = (uint32_t)(keys[i] >> 16);
            ix->start[t++] = p | (bits ? TIX_BITMAP : 0);
            if (bits)
                memset(ix->pool + p, 0, sizeof(uint16_t) * nbw);
        }
        uint16_t r = (uint16_t)(keys[i] & 0xffff);
        if (bits)
            ix->pool[p + r / 16] |= (uint16_t)(1u << (r % 16));
        else
            ix->pool[p++] = r;
    }
    if (bits)
        p += nbw;
    ix->start[t] = p;
    free(cnt);
    return ix;
}

term_index *tix_build(const hcol *c, uint32_t n)
{
    if (c->type != HT_STRING || n > TABLE_EXTENT_ROWS || !c->s.off)
        return NULL;
    pthread_once(&tab_once, tab_init);
    const unsigned char *bytes = (const unsigned char *)c->s.bytes;
    const uint32_t *off = c->s.off;
    const uint16_t *code = c->s.codes; /* dictionary-encoded: row r holds entry code[r] */
    /* a term of 3+ characters and its separator take 4 bytes: a bound */
    size_t cap = (size_t)col_str_row_bytes(c, n) / 4 + n + 1;
    uint64_t *keys = xmalloc(cap * sizeof *keys);
    const unsigned char *limit = bytes + col_str_bytes(c, n);
    size_t k = 0;
    for (uint32_t r = 0; r < n; r++) {
        uint32_t e = code ? code[r] : r;
        k = emit_row(bytes + off[e], bytes + off[e + 1], limit, r, keys, k);
    }
    uint64_t *tmp = xmalloc((k ? k : 1) * sizeof *tmp);
    sort_by_hash(keys, tmp, k);
    free(tmp);
    term_index *ix = assemble(keys, k, n);
    free(keys);
    return ix;
}

void tix_free(term_index *ix)
{
    free(ix);
}

size_t tix_bytes(const term_index *ix)
{
    return ix ? ix->bytes : 0;
}

uint32_t tix_lookup(const term_index *ix, uint32_t h, tix_post *out)
{
    memset(out, 0, sizeof *out);
    uint32_t lo = 0, hi = ix->nterms;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ix->hash[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == ix->nterms || ix->hash[lo] != h)
        return 0;
    uint32_t from = ix->start[lo] & ~TIX_BITMAP, to = ix->start[lo + 1] & ~TIX_BITMAP;
    if (!(ix->start[lo] & TIX_BITMAP)) {
        out->rows = ix->pool + from;
        out->n = to - from;
        return out->n;
    }
    out->bits = ix->pool + from;
    out->nrows = ix->nrows;
    for (uint32_t w = from; w < to; w++)
        out->n += (uint32_t)__builtin_popcount(ix->pool[w]);
    return out->n;
}

uint32_t tix_post_rows(const tix_post *p, uint32_t *rows)
{
    if (!p->bits) {
        for (uint32_t i = 0; i < p->n; i++)
            rows[i] = p->rows[i];
        return p->n;
    }
    uint32_t k = 0;
    for (uint32_t w = 0; w < bitmap_words(p->nrows); w++)
        for (uint32_t b = p->bits[w]; b; b &= b - 1)
            rows[k++] = w * 16 + (uint32_t)__builtin_ctz(b);
    return k;
}

/* --- caching on extents ------------------------------------------------------------ */

bool tix_enabled(void)
{
    static int state; /* 0 unknown, 1 on, 2 off */
    int s = __atomic_load_n(&state, __ATOMIC_RELAXED);
    if (!s) {
        const char *v = getenv("HUNT_TERM_INDEX");
        s = v && !strcmp(v, "0") ? 2 : 1;
        __atomic_store_n(&state, s, __ATOMIC_RELAXED);
    }
    return s == 1;
}

static tix_slots *slots_of(hextent *e)
{
    tix_slots *s = __atomic_load_n(&e->tix, __ATOMIC_ACQUIRE);
    if (s)
        return s;
    tix_slots *mine = calloc(1, sizeof *mine + sizeof(term_index *) * (size_t)e->ncols);
    if (!mine)
        return NULL;
    mine->ncols = e->ncols;
    tix_slots *expected = NULL;
    if (__atomic_compare_exchange_n(&e->tix, &expected, mine, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return mine;
    free(mine);
    return expected;
}

const term_index *tix_peek(const hextent *e, int col)
{
    tix_slots *s = __atomic_load_n(&e->tix, __ATOMIC_ACQUIRE);
    if (!s || col < 0 || col >= s->ncols)
        return NULL;
    return __atomic_load_n(&s->ix[col], __ATOMIC_ACQUIRE);
}

/* Publishes mine as the index of column col of e, unless another thread
 * did first; returns the one that stays (NULL when e has no slot for col). */
static const term_index *publish(hextent *e, int col, term_index *mine)
{
    tix_slots *s = slots_of(e);
    if (!s || col >= s->ncols) { /* a column added after the slots were made */
        tix_free(mine);
        return NULL;
    }
    term_index *expected = NULL;
    if (__atomic_compare_exchange_n(&s->ix[col], &expected, mine, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return mine;
    tix_free(mine);
    return expected;
}

const term_index *tix_get(hextent *e, int col)
{
    if (!tix_enabled() || col < 0 || col >= e->ncols || e->cols[col].type != HT_STRING)
        return NULL;
    const term_index *have = tix_peek(e, col);
    if (have)
        return have;
    term_index *mine = tix_build(&e->cols[col], e->nrows);
    return mine ? publish(e, col, mine) : NULL;
}

void tix_extent_free(hextent *e)
{
    tix_slots *s = e->tix;
    if (!s)
        return;
    for (int i = 0; i < s->ncols; i++)
        tix_free(s->ix[i]);
    free(s);
    e->tix = NULL;
}

/* --- text columns, persisted indexes ---------------------------------------------- */

bool tix_wanted(const hcol *c, uint32_t nrows)
{
    if (c->type != HT_STRING || !nrows || !c->s.off || nrows > TABLE_EXTENT_ROWS)
        return false;
    uint64_t avg = col_str_row_bytes(c, nrows) / nrows;
    return avg >= TIX_TEXT_MIN && avg <= TIX_TEXT_MAX;
}

term_index *tix_build_text(const hcol *c, uint32_t nrows)
{
    if (!tix_enabled() || !tix_wanted(c, nrows))
        return NULL;
    term_index *ix = tix_build(c, nrows);
    if (ix && (uint64_t)ix->nterms * 2 > ix->npost) {
        tix_free(ix);
        return NULL;
    }
    return ix;
}

/* The blob: a 16-byte head (nterms, TIX_FORMAT, nrows, pool words), then
 * hash[], start[], pool[], zero-padded to 8 bytes. TIX_FORMAT names the term
 * rules and the hash function: a blob of another format is ignored (and the
 * index built again from the column when a query needs it). */
#define TIX_FORMAT 0x31584954u /* "TIX1" */

static uint32_t pool_words(const term_index *ix)
{
    return ix->start[ix->nterms];
}

size_t tix_blob_size(const term_index *ix)
{
    size_t n = 16 + sizeof(uint32_t) * ((size_t)2 * ix->nterms + 1) +
               sizeof(uint16_t) * (size_t)pool_words(ix);
    return (n + 7) & ~(size_t)7;
}

void tix_blob_write(const term_index *ix, void *out)
{
    char *p = out;
    uint32_t head[4] = {ix->nterms, TIX_FORMAT, ix->nrows, pool_words(ix)};
    size_t total = tix_blob_size(ix);
    memset(p, 0, total);
    memcpy(p, head, 16);
    p += 16;
    memcpy(p, ix->hash, sizeof(uint32_t) * ix->nterms);
    p += sizeof(uint32_t) * ix->nterms;
    memcpy(p, ix->start, sizeof(uint32_t) * ((size_t)ix->nterms + 1));
    p += sizeof(uint32_t) * ((size_t)ix->nterms + 1);
    memcpy(p, ix->pool, sizeof(uint16_t) * pool_words(ix));
}

/* Does the index keep the invariants lookups rely on: hashes ascending,
 * sections within the pool, bitmaps of the right size, rows ascending and
 * below nrows? */
static bool view_sound(const term_index *ix, uint32_t npool)
{
    uint32_t nbw = bitmap_words(ix->nrows);
    if ((ix->start[0] & ~TIX_BITMAP) != 0 || ix->start[ix->nterms] != npool)
        return false;
    for (uint32_t t = 0; t < ix->nterms; t++) {
        if (t && ix->hash[t] <= ix->hash[t - 1])
            return false;
        uint32_t from = ix->start[t] & ~TIX_BITMAP, to = ix->start[t + 1] & ~TIX_BITMAP;
        if (from > to || to > npool)
            return false;
        if (ix->start[t] & TIX_BITMAP) {
            if (to - from != nbw)
                return false;
            continue;
        }
        for (uint32_t k = from; k < to; k++)
            if (ix->pool[k] >= ix->nrows || (k > from && ix->pool[k] <= ix->pool[k - 1]))
                return false;
    }
    return true;
}

term_index *tix_view(const void *blob, size_t len, uint32_t nrows)
{
    uint32_t head[4];
    if (len < 16 || ((uintptr_t)blob & 3))
        return NULL;
    memcpy(head, blob, 16);
    uint64_t need = 16 + 4 * ((uint64_t)2 * head[0] + 1) + 2 * (uint64_t)head[3];
    if (head[1] != TIX_FORMAT || head[2] != nrows || nrows > TABLE_EXTENT_ROWS || need > len)
        return NULL;
    term_index *ix = xmalloc(sizeof *ix);
    ix->nterms = head[0];
    ix->npost = 0; /* not kept in the blob */
    ix->nrows = nrows;
    ix->bytes = sizeof *ix; /* the arrays belong to the mapping */
    ix->hash = (uint32_t *)((const char *)blob + 16);
    ix->start = ix->hash + ix->nterms;
    ix->pool = (uint16_t *)(ix->start + ix->nterms + 1);
    if (!view_sound(ix, head[3])) {
        free(ix);
        return NULL;
    }
    return ix;
}

void tix_attach(hextent *e, int col, term_index *ix)
{
    if (col < 0 || col >= e->ncols)
        tix_free(ix);
    else
        (void)publish(e, col, ix);
}
