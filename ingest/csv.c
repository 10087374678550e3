/* ingest/csv.c — CSV and TSV with a header line.
 *
 * The first record names the columns. Each later record becomes a JSON
 * object of strings (empty cells left out, so they load as null) and goes to
 * ing_load_records in chunks of TABLE_EXTENT_ROWS, with text inference on:
 * for a table hunt does not know, "42" infers long, "1.5" real, "true"
 * bool, ISO dates datetime. CSV follows RFC 4180 (quoted fields, "" inside
 * quotes, newlines inside quotes, CRLF); TSV has no quoting. A row with the
 * wrong number of fields or invalid UTF-8 is rejected with its line.
 */
#include "ingest/formats.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cfield {
    const char *p;
    size_t n;
    bool quoted; /* p points into scratch with "" already undone */
} cfield;

typedef struct cparser {
    const char *p, *end;
    char sep;
    long line;
    cfield *f;
    int nf, fcap;
    char *scratch; /* unescaped quoted fields of the current row */
    size_t sn, scap;
    const char *row_start;
    bool unterminated;
} cparser;

static void add_field(cparser *c, const char *p, size_t n, bool quoted)
{
    if (c->nf == c->fcap) {
        c->fcap = c->fcap ? 2 * c->fcap : 64;
        c->f = realloc(c->f, (size_t)c->fcap * sizeof *c->f);
        if (!c->f)
            abort();
    }
    c->f[c->nf++] = (cfield){p, n, quoted};
}

static size_t scratch_put(cparser *c, char ch)
{
    if (c->sn == c->scap) {
        c->scap = c->scap ? 2 * c->scap : 4096;
        c->scratch = realloc(c->scratch, c->scap);
        if (!c->scratch)
            abort();
    }
    c->scratch[c->sn] = ch;
    return c->sn++;
}

/* A quoted field starting after its opening quote; returns the position
 * after the closing quote, or NULL when the input ends first. The field's
 * text goes to scratch (offset kept in f->p until the row ends). */
static const char *quoted_field(cparser *c, const char *p)
{
    size_t start = c->sn;
    for (; p < c->end; p++) {
        if (*p == '"') {
            if (p + 1 < c->end && p[1] == '"') {
                scratch_put(c, '"');
                p++;
                continue;
            }
            add_field(c, (const char *)(uintptr_t)start, c->sn - start, true);
            return p + 1;
        }
        if (*p == '\n')
            c->line++;
        scratch_put(c, *p);
    }
    return NULL;
}

/* Parses one record into c->f. Returns false at the end of the input. */
static bool next_row(cparser *c)
{
    c->nf = 0;
    c->sn = 0;
    c->row_start = c->p;
    if (c->p >= c->end)
        return false;
    const char *p = c->p;
    for (;;) {
        if (c->sep == ',' && p < c->end && *p == '"') {
            p = quoted_field(c, p + 1);
            if (!p) {
                c->unterminated = true;
                c->p = c->end;
                return true;
            }
            while (p < c->end && *p != c->sep && *p != '\n')
                p++; /* text after the closing quote is dropped */
        } else {
            const char *s = p;
            while (p < c->end && *p != c->sep && *p != '\n')
                p++;
            const char *e = p;
            if (e > s && e[-1] == '\r' && (p >= c->end || *p == '\n'))
                e--;
            add_field(c, s, (size_t)(e - s), false);
        }
        if (p < c->end && *p == c->sep) {
            p++;
            continue;
        }
        break;
    }
    c->p = p < c->end ? p + 1 : c->end;
    c->line++;
    for (int i = 0; i < c->nf; i++) /* scratch offsets to pointers */
        if (c->f[i].quoted)
            c->f[i].p = c->scratch + (uintptr_t)c->f[i].p;
    return true;
}

static bool blank_row(const cparser *c)
{
    return c->nf == 1 && c->f[0].n == 0 && !c->f[0].quoted;
}

/* --- loading -------------------------------------------------------------------- */

typedef struct cload {
    const char *name, *table;
    const ing_opts *o;
    ing_stats *st;
    ing_diag_fn diag;
    void *diag_arg;
    char **cols;
    int ncols;
    json_t **recs;
    long *lines;
    size_t n;
} cload;

static void csv_reject(cload *l, const cparser *c, long line, const char *why)
{
    char msg[1024];
    snprintf(msg, sizeof msg, "%s:%ld: %s", l->name, line, why);
    l->st->rows_rejected++;
    if (l->diag)
        l->diag(l->diag_arg, msg);
    if (l->o && l->o->reject)
        l->o->reject(l->o->reject_arg, line, why, c->row_start, (size_t)(c->p - c->row_start));
}

static int flush(cload *l, hcatalog *cat, char *err, size_t errcap)
{
    int rc = 0;
    if (l->n)
        rc = ing_load_records(cat, l->table, l->name, l->recs, l->lines, l->n, l->o, l->st, l->diag,
                              l->diag_arg, err, errcap);
    for (size_t i = 0; i < l->n; i++)
        json_decref(l->recs[i]);
    l->n = 0;
    return rc;
}

/* The row as a JSON object, or NULL (rejected) when a cell is not UTF-8. */
static json_t *row_object(cload *l, const cparser *c, long line)
{
    json_t *o = json_object();
    for (int i = 0; i < c->nf; i++) {
        if (c->f[i].n == 0)
            continue;
        json_t *v = json_stringn(c->f[i].p, c->f[i].n);
        if (!v) {
            char why[512];
            snprintf(why, sizeof why, "field '%s': invalid UTF-8", l->cols[i]);
            csv_reject(l, c, line, why);
            json_decref(o);
            return NULL;
        }
        json_object_set_new(o, l->cols[i], v);
    }
    return o;
}

static void read_header(cload *l, const cparser *c)
{
    l->ncols = c->nf;
    l->cols = calloc((size_t)(c->nf ? c->nf : 1), sizeof *l->cols);
    if (!l->cols)
        abort();
    for (int i = 0; i < c->nf; i++) {
        const char *p = c->f[i].p;
        size_t n = c->f[i].n;
        if (i == 0 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
            p += 3;
            n -= 3;
        }
        while (n && (*p == ' '))
            p++, n--;
        while (n && p[n - 1] == ' ')
            n--;
        char *s = malloc(n + 24);
        if (!s)
            abort();
        if (n)
            snprintf(s, n + 1, "%.*s", (int)n, p);
        else
            snprintf(s, n + 24, "Column%d", i + 1);
        l->cols[i] = s;
    }
}

int csv_load(hcatalog *cat, const char *table, const char *name, const char *data, size_t n,
             char sep, const ing_opts *o, ing_stats *st, ing_diag_fn diag, void *diag_arg,
             char *err, size_t errcap)
{
    ing_stats dummy = {0};
    cparser c = {
        .p = data, .end = data + n, .sep = sep, .line = o && o->first_line ? o->first_line : 1};
    ing_opts opts = o ? *o : (ing_opts){0};
    opts.text_values = true;
    cload l = {name, table, &opts, st ? st : &dummy, diag, diag_arg, NULL, 0, NULL, NULL, 0};
    int rc = 0;
    while (next_row(&c) && blank_row(&c))
        ;
    if (c.nf == 0) {
        snprintf(err, errcap, "%s: empty input (no header line)", name);
        return -1;
    }
    read_header(&l, &c);
    l.recs = malloc(TABLE_EXTENT_ROWS * sizeof *l.recs);
    l.lines = malloc(TABLE_EXTENT_ROWS * sizeof *l.lines);
    if (!l.recs || !l.lines)
        abort();
    for (;;) {
        long line = c.line;
        if (!next_row(&c))
            break;
        if (c.unterminated) {
            csv_reject(&l, &c, line,
                       "unterminated quoted field; the rest of the input is not loaded");
            break;
        }
        if (blank_row(&c))
            continue;
        if (c.nf != l.ncols) {
            char why[256];
            snprintf(why, sizeof why, "row has %d fields, the header has %d", c.nf, l.ncols);
            csv_reject(&l, &c, line, why);
            continue;
        }
        json_t *rec = row_object(&l, &c, line);
        if (!rec)
            continue;
        l.recs[l.n] = rec;
        l.lines[l.n++] = line;
        if (l.n == TABLE_EXTENT_ROWS && (rc = flush(&l, cat, err, errcap)) != 0)
            break;
    }
    if (rc == 0)
        rc = flush(&l, cat, err, errcap);
    l.st->bytes_read += (int64_t)n;
    for (int i = 0; i < l.ncols; i++)
        free(l.cols[i]);
    free(l.cols);
    free(l.recs);
    free(l.lines);
    free(c.f);
    free(c.scratch);
    return rc;
}
