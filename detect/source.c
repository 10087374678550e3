/* detect/source.c — the rows rules run over, with event and ingestion times.
 *
 * Why a separate row store: the engine (include/hunt.h) has no notion of
 * ingestion time or of a query-time window, and DETECTION.md C2 needs both
 * (a rule sees only rows in its window that were ingested by the run's
 * execution time). So detect/ keeps every record as JSON text with its two
 * times, and each run loads a fresh engine with window-restricted copies of
 * the tables the query names (written as NDJSON to a private temp dir and
 * read with hunt_load_file). This mirrors Sentinel's query_datetimescope:
 * the query cannot see outside its window, whatever its own filters say.
 *
 * Ingestion time of a record: its "_ingestedAt" field (removed from the
 * record), else the time the caller gives, else its event time. Event time:
 * TimeGenerated, else Timestamp; a rule's hunt.timeColumn scopes on that
 * column instead (parsed once per table and column, cached).
 */
#include "detect/detect.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void det_source_init(det_source *s)
{
    memset(s, 0, sizeof *s);
}

static void rm_tmpdir(det_source *s)
{
    if (!s->tmpdir)
        return;
    for (int i = 0; i < s->n; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/%s.ndjson", s->tmpdir, s->t[i].name);
        unlink(p);
    }
    rmdir(s->tmpdir);
    free(s->tmpdir);
    s->tmpdir = NULL;
}

void det_source_free(det_source *s)
{
    rm_tmpdir(s);
    for (int i = 0; i < s->n; i++) {
        for (int64_t r = 0; r < s->t[i].n; r++)
            free(s->t[i].rows[r].json);
        free(s->t[i].rows);
        free(s->t[i].name);
        free(s->t[i].tcol);
        free(s->t[i].tcache);
    }
    free(s->t);
    memset(s, 0, sizeof *s);
}

det_table *det_source_table(det_source *s, const char *name, int create)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->t[i].name, name))
            return &s->t[i];
    if (!create)
        return NULL;
    det_table *nt = realloc(s->t, (size_t)(s->n + 1) * sizeof *nt);
    if (!nt)
        return NULL;
    s->t = nt;
    det_table *t = &s->t[s->n++];
    memset(t, 0, sizeof *t);
    t->name = strdup(name);
    return t;
}

static int64_t json_time(json_t *v)
{
    int64_t t;
    if (json_is_string(v) && det_time_parse(json_string_value(v), &t) == 0)
        return t;
    return INT64_MIN;
}

int det_source_add(det_source *s, const char *table, json_t *rec, int64_t default_ingest)
{
    if (!json_is_object(rec))
        return -1;
    det_table *t = det_source_table(s, table, 1);
    if (!t)
        return -1;
    int64_t time = json_time(json_object_get(rec, "TimeGenerated"));
    if (time == INT64_MIN)
        time = json_time(json_object_get(rec, "Timestamp"));
    int64_t ing = json_time(json_object_get(rec, "_ingestedAt"));
    if (ing == INT64_MIN)
        ing = default_ingest != INT64_MIN ? default_ingest : time;
    if (ing == INT64_MIN)
        ing = 0;
    json_t *copy = json_copy(rec);
    json_object_del(copy, "_ingestedAt");
    char *txt = json_dumps(copy, JSON_COMPACT);
    json_decref(copy);
    if (!txt)
        return -1;
    if (t->n == t->cap) {
        int64_t cap = t->cap ? t->cap * 2 : 256;
        det_row *nr = realloc(t->rows, (size_t)cap * sizeof *nr);
        if (!nr) {
            free(txt);
            return -1;
        }
        t->rows = nr;
        t->cap = cap;
    }
    t->rows[t->n++] = (det_row){txt, time, ing};
    return 0;
}

int64_t det_source_load_file(det_source *s, const char *table, const char *path, char *err,
                             size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    int64_t n = 0;
    int c = fgetc(f);
    while (c != EOF && isspace(c))
        c = fgetc(f);
    if (c == '[') {
        ungetc(c, f);
        json_error_t je;
        json_t *a = json_loadf(f, 0, &je);
        fclose(f);
        if (!json_is_array(a)) {
            snprintf(err, errlen, "%s:%d:%d: %s", path, je.line, je.column, je.text);
            json_decref(a);
            return -1;
        }
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v) n += det_source_add(s, table, v, INT64_MIN) == 0;
        json_decref(a);
        return n;
    }
    if (c != EOF)
        ungetc(c, f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (len == 0 || strspn(line, " \t\r\n") == (size_t)len)
            continue;
        json_error_t je;
        json_t *v = json_loadb(line, (size_t)len, 0, &je);
        if (v && det_source_add(s, table, v, INT64_MIN) == 0)
            n++;
        else
            fprintf(stderr, "hunt: %s:%d: skipped record: %s\n", path, lineno,
                    v ? "not an object" : je.text);
        json_decref(v);
    }
    free(line);
    fclose(f);
    return n;
}

int det_source_load_dir(det_source *s, const char *dir, char *err, size_t errlen)
{
    static const char *const known[] = {"SecurityAlert", "CloudAuditEvents", "CloudProcessEvents",
                                        "AlertInfo",     "AlertEvidence",    "SecurityIncident"};
    char path[4096];
    int any = 0;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        snprintf(path, sizeof path, "%s/%s.ndjson", dir, known[i]);
        if (access(path, R_OK) != 0)
            continue;
        if (det_source_load_file(s, known[i], path, err, errlen) < 0)
            return -1;
        any = 1;
    }
    if (!any) {
        snprintf(err, errlen, "%s: no TABLE.ndjson files of known tables", dir);
        return -1;
    }
    return 0;
}

int det_query_mentions(const char *query, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = query; (p = strstr(p, name)); p += n) {
        int before = p > query && (isalnum((unsigned char)p[-1]) || p[-1] == '_');
        int after = isalnum((unsigned char)p[n]) || p[n] == '_';
        if (!before && !after)
            return 1;
    }
    return 0;
}

/* Brings t's cache of col's times up to date; 0, or -1 (out of memory). */
static int cache_times(det_table *t, const char *col)
{
    if (!t->tcol || strcmp(t->tcol, col)) {
        free(t->tcol);
        free(t->tcache);
        t->tcache = NULL;
        t->tcache_n = 0;
        if (!(t->tcol = strdup(col)))
            return -1;
    }
    if (t->tcache_n == t->n)
        return 0;
    int64_t *nc = realloc(t->tcache, (size_t)(t->n + 1) * sizeof *nc);
    if (!nc)
        return -1;
    t->tcache = nc;
    for (int64_t i = t->tcache_n; i < t->n; i++) {
        json_t *rec = json_loads(t->rows[i].json, 0, NULL);
        int64_t v = json_time(json_object_get(rec, col));
        json_decref(rec);
        nc[i] = v != INT64_MIN ? v : t->rows[i].time;
    }
    t->tcache_n = t->n;
    return 0;
}

int64_t det_source_row_time(det_table *t, int64_t i, const char *col)
{
    if (!col || !*col || !strcmp(col, "TimeGenerated") || i < 0 || i >= t->n)
        return i >= 0 && i < t->n ? t->rows[i].time : INT64_MIN;
    if (cache_times(t, col) < 0)
        return t->rows[i].time;
    return t->tcache[i];
}

static int row_in_scope(det_table *t, int64_t i, const det_scope *sc)
{
    const det_row *r = &t->rows[i];
    if (r->ingested > sc->visible_at)
        return 0;
    if (sc->mode == DET_WIN_INGESTION)
        return r->ingested > sc->from && r->ingested <= sc->to;
    int64_t time = det_source_row_time(t, i, sc->time_col);
    if (time == INT64_MIN)
        return 1; /* no time column: not scoped (lookups, watchlists) */
    return time >= sc->from && time < sc->to;
}

static int ensure_tmpdir(det_source *s)
{
    if (s->tmpdir)
        return 0;
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/hunt-detect-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpl))
        return -1;
    s->tmpdir = strdup(tmpl);
    return 0;
}

/* Writes the rows of t in scope to a temp NDJSON file; returns the count or -1. */
static int64_t write_scoped(det_source *s, det_table *t, const det_scope *sc, char *path,
                            size_t plen)
{
    snprintf(path, plen, "%s/%s.ndjson", s->tmpdir, t->name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int64_t n = 0;
    for (int64_t i = 0; i < t->n; i++)
        if (row_in_scope(t, i, sc)) {
            fputs(t->rows[i].json, f);
            fputc('\n', f);
            n++;
        }
    return fclose(f) == 0 ? n : -1;
}

hunt_db *det_source_open_scoped(det_source *s, const char *query, const det_scope *sc, char *err,
                                size_t errlen)
{
    hunt_db *db = NULL;
    if (hunt_open(&db) != HUNT_OK) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (sc->to) /* now() = end of the window */
        hunt_set_now(db, sc->to);
    if (ensure_tmpdir(s) < 0) {
        snprintf(err, errlen, "cannot create a temporary directory");
        hunt_close(db);
        return NULL;
    }
    for (int i = 0; i < s->n; i++) {
        det_table *t = &s->t[i];
        if (!det_query_mentions(query, t->name))
            continue;
        char path[4096];
        int64_t n = write_scoped(s, t, sc, path, sizeof path);
        hunt_error he;
        if (n < 0 || (n > 0 && hunt_load_file(db, t->name, path, NULL, &he) != HUNT_OK)) {
            snprintf(err, errlen, "loading %s for the run failed", t->name);
            unlink(path);
            hunt_close(db);
            return NULL;
        }
        unlink(path);
    }
    return db;
}

int64_t det_source_late_rows(det_source *s, const char *query, const char *time_col,
                             int64_t prev_visible, int64_t visible_at, int64_t before)
{
    int64_t n = 0;
    for (int i = 0; i < s->n; i++) {
        det_table *t = &s->t[i];
        if (!det_query_mentions(query, t->name))
            continue;
        for (int64_t r = 0; r < t->n; r++) {
            const det_row *row = &t->rows[r];
            if (row->ingested <= prev_visible || row->ingested > visible_at)
                continue;
            int64_t time = det_source_row_time(t, r, time_col);
            if (time != INT64_MIN && time < before)
                n++;
        }
    }
    return n;
}
