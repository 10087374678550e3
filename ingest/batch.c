/* ingest/batch.c — the ingest driver: batches, dedupe, commit, checkpoints,
 * progress (see batch.h).
 *
 * A file's checkpoint is named "file:TABLE:" + its real path (TABLE "*"
 * when the format picks it) and holds
 * "h1 OFFSET LINE HASH": the bytes and lines committed so far and the XXH3
 * hash of those bytes (of the decompressed data for gzip input). It commits
 * in the same transaction as the batch's extents. A rerun resumes at OFFSET
 * when the input still starts with the same bytes, so an interrupted ingest
 * goes on where it stopped, a complete one (OFFSET = the input's length)
 * adds nothing even with --no-dedupe, and a file that only grew loads just
 * its new lines. Any other change starts from the beginning, where dedupe
 * drops the rows already loaded. File size and mtime are not the identity:
 * mtime has a one-second grain and a copy keeps the content.
 */
#include "ingest/batch.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#define DEFAULT_BATCH_BYTES (64u << 20)

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int ing_session_open(ing_session **out, hcatalog *cat, const char *dir, char *err, size_t errcap)
{
    ing_session *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->cat = cat;
    if (ws_open(dir, cat, &s->ws, err, errcap) != 0) {
        free(s);
        *out = NULL;
        return -1;
    }
    s->dd = dd_new();
    s->batch_bytes = DEFAULT_BATCH_BYTES;
    const char *env = getenv("HUNT_BATCH_BYTES"); /* tests make batches small */
    if (env && atol(env) > 0)
        s->batch_bytes = (size_t)atol(env);
    *out = s;
    return 0;
}

void ing_session_close(ing_session *s)
{
    if (!s)
        return;
    ws_close(s->ws);
    dd_free(s->dd);
    free(s);
}

/* --- one batch ---------------------------------------------------------------- */

typedef struct qctx {
    ws_batch *b;
    const char *table, *source;
} qctx;

static void on_reject(void *arg, long line, const char *reason, const char *raw, size_t rawn)
{
    qctx *q = arg;
    ws_batch_quarantine(q->b, q->table ? q->table : "", q->source, line, reason, raw, rawn);
}

static void add_result(ing_result *r, const ing_stats *st, const ws_batch *b)
{
    r->rows_loaded += st->rows_loaded - b->rows_duplicate;
    r->rows_rejected += st->rows_rejected;
    r->rows_duplicate += b->rows_duplicate;
    r->bytes_read += st->bytes_read;
    r->unknown_fields += st->unknown_fields;
    r->batches++;
}

/* Loads data as one batch and commits it (with a checkpoint, and quarantine
 * rows to delete). */
static int run_batch(ing_session *s, const char *table, const char *name, const char *data,
                     size_t n, int fmt, long first_line, const char *ckpt_name,
                     const char *ckpt_value, const int64_t *qdel, int nqdel, ing_result *r,
                     char *err, size_t errcap)
{
    ws_batch *b = ws_batch_begin(s->ws, name);
    qctx q = {b, table, name};
    ing_opts o = {.first_line = first_line, .reject = on_reject, .reject_arg = &q};
    ing_stats st = {0};
    if (fmt_load(s->cat, table, name, data, n, fmt, &o, &st, s->diag, s->diag_arg, err, errcap) !=
        0) {
        ws_batch_abort(b);
        ws_batch_free(b);
        return -1;
    }
    ws_batch_collect(b);
    if (!s->no_dedupe)
        dd_filter(s->dd, s->ws, b);
    else
        dd_keys_only(b);
    b->rows_loaded = st.rows_loaded - b->rows_duplicate;
    b->rows_rejected = st.rows_rejected;
    if (ckpt_name)
        ws_batch_checkpoint(b, ckpt_name, ckpt_value);
    for (int i = 0; i < nqdel; i++)
        ws_batch_unquarantine(b, qdel[i]);
    int rc = ws_batch_commit(b, err, errcap);
    if (rc == 0) {
        dd_commit(s->dd, b);
        add_result(r, &st, b);
    }
    ws_batch_free(b);
    return rc;
}

int ing_ingest_buffer(ing_session *s, const char *table, const char *name, const char *data,
                      size_t n, int fmt, const char *ckpt_name, const char *ckpt_value,
                      const int64_t *qdel, int nqdel, ing_result *r, char *err, size_t errcap)
{
    ing_result dummy = {0};
    return run_batch(s, table, name, data, n, fmt, 1, ckpt_name, ckpt_value, qdel, nqdel,
                     r ? r : &dummy, err, errcap);
}

/* --- a whole input -------------------------------------------------------------- */

typedef struct fileck {
    char name[PATH_MAX + 300];
    long long offset, line;
    bool on;
    XXH3_state_t *hash; /* of data[0, offset) */
} fileck;

/* A checkpoint "h1 OFFSET LINE HASH" that this input continues: its first
 * OFFSET bytes hash to HASH and end a line (or the whole input). */
static bool checkpoint_matches(const char *val, const fmt_input *in, long long *off,
                               long long *line)
{
    unsigned long long h;
    if (sscanf(val, "h1 %lld %lld %llx", off, line, &h) != 3 || *off < 0 || *line < 1 ||
        (unsigned long long)*off > in->n)
        return false;
    size_t o = (size_t)*off;
    if (o > 0 && o < in->n && in->data[o - 1] != '\n')
        return false;
    return XXH3_64bits(in->data, o) == h;
}

/* The checkpoint of a named input (not stdin), and where to resume in it. */
static void checkpoint_start(ing_session *s, const char *table, const char *path,
                             const fmt_input *in, fileck *f)
{
    char real[PATH_MAX];
    memset(f, 0, sizeof *f);
    f->line = 1;
    if (strcmp(path, "-") == 0 || !realpath(path, real))
        return;
    f->on = true;
    snprintf(f->name, sizeof f->name, "file:%s:%s", table ? table : "*", real);
    f->hash = XXH3_createState();
    if (!f->hash)
        abort();
    XXH3_64bits_reset(f->hash);
    char val[160];
    long long off, line;
    ws_checkpoint_get(s->ws, f->name, val, sizeof val);
    if (!checkpoint_matches(val, in, &off, &line))
        return;
    f->offset = off;
    f->line = line;
    XXH3_64bits_update(f->hash, in->data, (size_t)off);
    if ((size_t)off == in->n && in->n > 0 && s->diag) {
        char msg[PATH_MAX + 64];
        snprintf(msg, sizeof msg, "%s: already ingested (unchanged since)", path);
        s->diag(s->diag_arg, msg);
    }
}

/* The checkpoint value after data[0, end) is in; f->hash moves to end. */
static void checkpoint_value(fileck *f, const fmt_input *in, size_t at, size_t end, long line,
                             char *val, size_t cap)
{
    val[0] = 0;
    if (!f->on)
        return;
    XXH3_64bits_update(f->hash, in->data + at, end - at);
    snprintf(val, cap, "h1 %lld %ld %016llx", (long long)end, line,
             (unsigned long long)XXH3_64bits_digest(f->hash));
}

/* End of the batch starting at p: the first line end after batch_bytes. */
static size_t batch_end(const char *data, size_t n, size_t from, size_t want, long *lines)
{
    size_t at = from + want < n ? from + want : n;
    const char *nl = at < n ? memchr(data + at, '\n', n - at) : NULL;
    size_t end = nl ? (size_t)(nl - data) + 1 : n;
    long count = 0;
    for (const char *q = data + from; (q = memchr(q, '\n', (size_t)(data + end - q))); q++)
        count++;
    *lines = count;
    return end;
}

static void progress(const ing_session *s, const ing_result *r, size_t done, size_t total,
                     double t0, bool last)
{
    if (!s->progress || !isatty(2))
        return;
    double dt = now_sec() - t0, mbs = dt > 0 ? done / 1e6 / dt : 0;
    double eta = done && dt > 0 ? dt * (double)(total - done) / (double)done : 0;
    fprintf(stderr, "\r\033[K%lld rows  %.1f MB/s  %3.0f%%  ETA %.0fs", (long long)r->rows_loaded,
            mbs, total ? 100.0 * (double)done / (double)total : 100.0, eta);
    if (last)
        fprintf(stderr, "\r\033[K");
    fflush(stderr);
}

static int ingest_batches(ing_session *s, const char *table, const char *path, fmt_input *in,
                          int fmt, ing_result *r, char *err, size_t errcap)
{
    fileck f;
    checkpoint_start(s, table, path, in, &f);
    size_t at = (size_t)f.offset;
    long line = (long)f.line;
    double t0 = now_sec();
    const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
    int rc = 0;
    while (rc == 0 && at < in->n) {
        long nl;
        size_t end = batch_end(in->data, in->n, at, s->batch_bytes, &nl);
        char val[160];
        checkpoint_value(&f, in, at, end, line + nl, val, sizeof val);
        rc = run_batch(s, table, name, in->data + at, end - at, fmt, line, f.on ? f.name : NULL,
                       val, NULL, 0, r, err, errcap);
        line += nl;
        at = end;
        progress(s, r, at, in->n, t0, false);
    }
    progress(s, r, at, in->n, t0, true);
    XXH3_freeState(f.hash);
    return rc;
}

int ing_ingest_path(ing_session *s, const char *table, const char *path, int fmt, ing_result *r,
                    char *err, size_t errcap)
{
    fmt_input in;
    double t0 = now_sec();
    if (fmt_read(path, &in, s->diag, s->diag_arg, err, errcap) != 0)
        return -1;
    const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
    if (fmt == FMT_AUTO)
        fmt = fmt_detect(name, in.data, in.n);
    int rc;
    if (fmt == FMT_JSON && fmt_is_ndjson(in.data, in.n))
        rc = ingest_batches(s, table, path, &in, fmt, r, err, errcap);
    else
        rc = run_batch(s, table, name, in.data, in.n, fmt, 1, NULL, NULL, NULL, 0, r, err, errcap);
    fmt_input_free(&in);
    r->seconds += now_sec() - t0;
    return rc;
}
