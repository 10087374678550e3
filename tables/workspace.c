/* tables/workspace.c — the durable workspace (see workspace.h): the sqlite3
 * catalog, loading a workspace into an hcatalog, committing a batch of new
 * extents atomically, retention and the consistency check.
 *
 * The catalog's tables:
 *   meta(key, value)                         format version
 *   tables(name, schema, retention_ticks)    schema as JSON [[name, type], ...]
 *   extents(id, table_name, file, nrows, bytes, checksum, min_time, max_time,
 *           created, batch)
 *   batches(id, source, rows, rejected, duplicates, created)
 *   checkpoints(name, value, updated)
 *   quarantine(id, table_name, source, position, reason, raw, created)
 * The workspace also remembers which in-memory extent each committed id is,
 * so retention can drop it from the running catalog.
 */
#include "tables/workspace.h"

#include "tables/extent_io.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct wsext {
    int64_t id;
    htable *t;
    hextent *e;
} wsext;

struct hworkspace {
    char *dir;
    sqlite3 *db;
    hcatalog *cat;
    wsext *ext;
    int next, extcap;
};

static const char *SCHEMA_SQL =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS tables(name TEXT PRIMARY KEY, schema TEXT NOT NULL,"
    " retention_ticks INTEGER);"
    "CREATE TABLE IF NOT EXISTS extents(id INTEGER PRIMARY KEY, table_name TEXT NOT NULL,"
    " file TEXT NOT NULL UNIQUE, nrows INTEGER NOT NULL, bytes INTEGER NOT NULL,"
    " checksum INTEGER NOT NULL, min_time INTEGER, max_time INTEGER, created INTEGER NOT NULL,"
    " batch INTEGER);"
    "CREATE INDEX IF NOT EXISTS extents_table ON extents(table_name);"
    "CREATE TABLE IF NOT EXISTS batches(id INTEGER PRIMARY KEY, source TEXT, rows INTEGER,"
    " rejected INTEGER, duplicates INTEGER, created INTEGER);"
    "CREATE TABLE IF NOT EXISTS checkpoints(name TEXT PRIMARY KEY, value TEXT, updated INTEGER);"
    "CREATE TABLE IF NOT EXISTS quarantine(id INTEGER PRIMARY KEY, table_name TEXT, source TEXT,"
    " position INTEGER, reason TEXT, raw BLOB, created INTEGER);"
    "INSERT OR IGNORE INTO meta VALUES('format', '1');";

static int64_t now_ticks(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * HT_TICKS_PER_SEC + ts.tv_nsec / 100;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p)
        abort();
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        abort();
    return q;
}

static int sql_fail(hworkspace *ws, const char *what, char *err, size_t cap)
{
    snprintf(err, cap, "%s/catalog.db: %s: %s", ws->dir, what, sqlite3_errmsg(ws->db));
    return -1;
}

static void extent_path(const hworkspace *ws, int64_t id, char *out, size_t cap)
{
    snprintf(out, cap, "%s/extents/%lld.hx", ws->dir, (long long)id);
}

static void remember(hworkspace *ws, int64_t id, htable *t, hextent *e)
{
    if (ws->next == ws->extcap) {
        ws->extcap = ws->extcap ? 2 * ws->extcap : 64;
        ws->ext = xrealloc(ws->ext, (size_t)ws->extcap * sizeof *ws->ext);
    }
    ws->ext[ws->next++] = (wsext){id, t, e};
}

/* --- schema text ------------------------------------------------------------ */

static char *schema_json(const hschema *s)
{
    json_t *a = json_array();
    for (int i = 0; i < s->ncols; i++)
        json_array_append_new(a, json_pack("[ss]", s->names[i], ht_name(s->types[i])));
    char *txt = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    return txt;
}

static bool schema_from_json(hschema *s, const char *txt)
{
    schema_init(s);
    json_t *a = json_loads(txt ? txt : "", 0, NULL);
    size_t i;
    json_t *v;
    bool ok = json_is_array(a);
    json_array_foreach(a, i, v)
    {
        const char *name = json_string_value(json_array_get(v, 0));
        const char *type = json_string_value(json_array_get(v, 1));
        htype t = type ? ht_from_name(type, strlen(type)) : HT_UNKNOWN;
        if (!name || t == HT_UNKNOWN) {
            ok = false;
            break;
        }
        schema_add(s, name, t);
    }
    json_decref(a);
    return ok;
}

/* --- opening ------------------------------------------------------------------ */

static int make_dirs(const char *dir, char *err, size_t cap)
{
    char p[4096];
    snprintf(p, sizeof p, "%s", dir);
    for (char *q = p + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = 0;
        mkdir(p, 0755);
        *q = '/';
    }
    if (mkdir(p, 0755) != 0 && errno != EEXIST) {
        snprintf(err, cap, "%s: cannot create workspace directory: %s", dir, strerror(errno));
        return -1;
    }
    snprintf(p, sizeof p, "%s/extents", dir);
    if (mkdir(p, 0755) != 0 && errno != EEXIST) {
        snprintf(err, cap, "%s: cannot create: %s", p, strerror(errno));
        return -1;
    }
    return 0;
}

static bool extent_known(hworkspace *ws, int64_t id)
{
    sqlite3_stmt *st;
    bool found = false;
    if (sqlite3_prepare_v2(ws->db, "SELECT 1 FROM extents WHERE id=?", -1, &st, NULL) != SQLITE_OK)
        return true; /* when in doubt, keep the file */
    sqlite3_bind_int64(st, 1, id);
    found = sqlite3_step(st) != SQLITE_DONE;
    sqlite3_finalize(st);
    return found;
}

/* Deletes extent files no committed row names (a batch that crashed before
 * COMMIT) and stray .tmp files. Runs under the write lock, so no commit of
 * another process is half-way. */
static void remove_orphans(hworkspace *ws)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/extents", ws->dir);
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *n = de->d_name;
        size_t len = strlen(n);
        char *end;
        long long id = strtoll(n, &end, 10);
        bool tmp = len > 4 && strcmp(n + len - 4, ".tmp") == 0;
        bool ext = strcmp(end, ".hx") == 0 && end != n;
        if (!tmp && !(ext && !extent_known(ws, id)))
            continue;
        snprintf(path, sizeof path, "%s/extents/%s", ws->dir, n);
        unlink(path);
    }
    closedir(d);
}

static htable *open_table(hworkspace *ws, const char *name, const char *schema_txt)
{
    htable *t = catalog_find(ws->cat, name, strlen(name));
    hschema s;
    if (!schema_from_json(&s, schema_txt)) {
        schema_free(&s);
        fprintf(stderr, "hunt: warning: %s/catalog.db: table %s has an unreadable schema\n",
                ws->dir, name);
        return t;
    }
    if (!t) {
        t = catalog_create(ws->cat, name, &s);
    } else {
        for (int i = 0; i < s.ncols; i++)
            if (schema_find(&t->schema, s.names[i], strlen(s.names[i])) < 0)
                table_add_column(t, s.names[i], s.types[i]);
    }
    schema_free(&s);
    return t;
}

static int load_tables(hworkspace *ws, char *err, size_t cap)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ws->db, "SELECT name, schema FROM tables ORDER BY rowid", -1, &st,
                           NULL) != SQLITE_OK)
        return sql_fail(ws, "reading tables", err, cap);
    while (sqlite3_step(st) == SQLITE_ROW)
        open_table(ws, (const char *)sqlite3_column_text(st, 0),
                   (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return 0;
}

static int load_extents(hworkspace *ws, char *err, size_t cap)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ws->db, "SELECT id, table_name FROM extents ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK)
        return sql_fail(ws, "reading extents", err, cap);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        const char *tn = (const char *)sqlite3_column_text(st, 1);
        htable *t = tn ? catalog_find(ws->cat, tn, strlen(tn)) : NULL;
        char path[4096], why[512];
        extent_path(ws, id, path, sizeof path);
        /* mapped, structure validated; the checksum (a read of every byte)
         * is left to check-workspace, so opening stays fast */
        hextent *e = t ? ext_read_file(path, &t->schema, false, why, sizeof why) : NULL;
        if (!e) {
            fprintf(stderr, "hunt: warning: extent %lld of %s not loaded: %s\n", (long long)id,
                    tn ? tn : "?", t ? why : "table not in the catalog");
            continue;
        }
        table_add_extent(t, e);
        remember(ws, id, t, e);
    }
    sqlite3_finalize(st);
    return 0;
}

static int open_sqlite(hworkspace *ws, char *err, size_t cap)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/catalog.db", ws->dir);
    if (sqlite3_open_v2(path, &ws->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        snprintf(err, cap, "%s: cannot open: %s", path,
                 ws->db ? sqlite3_errmsg(ws->db) : "out of memory");
        return -1;
    }
    sqlite3_busy_timeout(ws->db, 30000);
    char *msg = NULL;
    if (sqlite3_exec(ws->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", NULL, NULL,
                     &msg) != SQLITE_OK ||
        sqlite3_exec(ws->db, SCHEMA_SQL, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, cap, "%s: %s", path, msg ? msg : "cannot set up the catalog");
        sqlite3_free(msg);
        return -1;
    }
    if (sqlite3_exec(ws->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return sql_fail(ws, "taking the write lock", err, cap);
    remove_orphans(ws);
    sqlite3_exec(ws->db, "COMMIT", NULL, NULL, NULL);
    return 0;
}

int ws_open(const char *dir, hcatalog *cat, hworkspace **out, char *err, size_t errcap)
{
    *out = NULL;
    hworkspace *ws = calloc(1, sizeof *ws);
    if (!ws)
        abort();
    ws->cat = cat;
    if (!dir) {
        *out = ws;
        return 0;
    }
    ws->dir = xstrdup(dir);
    if (make_dirs(dir, err, errcap) != 0 || open_sqlite(ws, err, errcap) != 0 ||
        load_tables(ws, err, errcap) != 0 || load_extents(ws, err, errcap) != 0) {
        ws_close(ws);
        return -1;
    }
    ws_apply_retention(ws, now_ticks(), NULL, NULL, err, errcap);
    *out = ws;
    return 0;
}

void ws_close(hworkspace *ws)
{
    if (!ws)
        return;
    if (ws->db)
        sqlite3_close_v2(ws->db);
    free(ws->ext);
    free(ws->dir);
    free(ws);
}

const char *ws_dir(const hworkspace *ws)
{
    return ws->dir;
}

sqlite3 *ws_sqlite(const hworkspace *ws)
{
    return ws->db;
}

hcatalog *ws_catalog(const hworkspace *ws)
{
    return ws->cat;
}

/* --- batches --------------------------------------------------------------------- */

ws_batch *ws_batch_begin(hworkspace *ws, const char *source)
{
    ws_batch *b = calloc(1, sizeof *b);
    if (!b)
        abort();
    b->ws = ws;
    b->source = xstrdup(source);
    hcatalog *c = ws->cat;
    b->nsnap = c->n;
    b->snap_t = xrealloc(NULL, (size_t)(c->n + 1) * sizeof *b->snap_t);
    b->snap_next = xrealloc(NULL, (size_t)(c->n + 1) * sizeof *b->snap_next);
    b->snap_ncols = xrealloc(NULL, (size_t)(c->n + 1) * sizeof *b->snap_ncols);
    for (int i = 0; i < c->n; i++) {
        b->snap_t[i] = c->tables[i];
        b->snap_next[i] = c->tables[i]->next;
        b->snap_ncols[i] = c->tables[i]->schema.ncols;
    }
    return b;
}

/* Index of t in the snapshot, or -1 when the batch created it. */
static int snap_index(const ws_batch *b, const htable *t)
{
    for (int i = 0; i < b->nsnap; i++)
        if (b->snap_t[i] == t)
            return i;
    return -1;
}

void ws_batch_collect(ws_batch *b)
{
    hcatalog *c = b->ws->cat;
    for (int i = 0; i < b->npend; i++)
        free(b->pend[i].keys);
    b->npend = 0;
    int cap = 0;
    for (int i = 0; i < c->n; i++) {
        htable *t = c->tables[i];
        int k = snap_index(b, t);
        for (int x = k >= 0 ? b->snap_next[k] : 0; x < t->next; x++) {
            if (b->npend == cap) {
                cap = cap ? 2 * cap : 16;
                b->pend = xrealloc(b->pend, (size_t)cap * sizeof *b->pend);
            }
            b->pend[b->npend++] = (ws_pending){t, t->ext[x], NULL};
        }
    }
}

void ws_batch_quarantine(ws_batch *b, const char *table, const char *source, int64_t pos,
                         const char *reason, const char *raw, size_t rawn)
{
    if (b->nq == b->qcap) {
        b->qcap = b->qcap ? 2 * b->qcap : 16;
        b->q = xrealloc(b->q, (size_t)b->qcap * sizeof *b->q);
    }
    ws_qrow *q = &b->q[b->nq++];
    q->table = xstrdup(table);
    q->source = xstrdup(source);
    q->reason = xstrdup(reason);
    q->raw = xrealloc(NULL, rawn + 1);
    if (rawn)
        memcpy(q->raw, raw, rawn);
    q->raw[rawn] = 0;
    q->rawn = rawn;
    q->pos = pos;
}

void ws_batch_unquarantine(ws_batch *b, int64_t id)
{
    b->qdel = xrealloc(b->qdel, (size_t)(b->nqdel + 1) * sizeof *b->qdel);
    b->qdel[b->nqdel++] = id;
}

void ws_batch_checkpoint(ws_batch *b, const char *name, const char *value)
{
    free(b->ckpt_name);
    free(b->ckpt_value);
    b->ckpt_name = xstrdup(name);
    b->ckpt_value = xstrdup(value);
}

void ws_table_replace_extent(htable *t, int idx, hextent *e)
{
    if (idx < 0 || idx >= t->next)
        return;
    hextent *old = t->ext[idx];
    t->nrows -= old->nrows;
    if (e) {
        t->ext[idx] = e;
        t->nrows += e->nrows;
    } else {
        memmove(&t->ext[idx], &t->ext[idx + 1], (size_t)(t->next - idx - 1) * sizeof *t->ext);
        t->next--;
    }
    ext_unref(old);
}

static int extent_index(const htable *t, const hextent *e)
{
    for (int i = t->next - 1; i >= 0; i--)
        if (t->ext[i] == e)
            return i;
    return -1;
}

void ws_batch_abort(ws_batch *b)
{
    ws_batch_collect(b);
    for (int i = b->npend - 1; i >= 0; i--)
        ws_table_replace_extent(b->pend[i].t, extent_index(b->pend[i].t, b->pend[i].e), NULL);
    b->npend = 0;
}

void ws_batch_free(ws_batch *b)
{
    if (!b)
        return;
    for (int i = 0; i < b->npend; i++)
        free(b->pend[i].keys);
    free(b->pend);
    for (int i = 0; i < b->nq; i++) {
        free(b->q[i].table);
        free(b->q[i].source);
        free(b->q[i].reason);
        free(b->q[i].raw);
    }
    free(b->q);
    free(b->ckpt_name);
    free(b->ckpt_value);
    free(b->qdel);
    free(b->snap_t);
    free(b->snap_next);
    free(b->snap_ncols);
    free(b->source);
    free(b);
}

/* The time column retention and the extent rows use, or -1. */
static int time_column(const htable *t)
{
    int c = schema_find(&t->schema, "TimeGenerated", 13);
    if (c < 0 || t->schema.types[c] != HT_DATETIME)
        c = schema_find(&t->schema, "Timestamp", 9);
    return c >= 0 && t->schema.types[c] == HT_DATETIME ? c : -1;
}

static int64_t insert_batch_row(ws_batch *b)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(b->ws->db,
                           "INSERT INTO batches(source, rows, rejected, duplicates, created)"
                           " VALUES(?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, b->source, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, b->rows_loaded);
    sqlite3_bind_int64(st, 3, b->rows_rejected);
    sqlite3_bind_int64(st, 4, b->rows_duplicate);
    sqlite3_bind_int64(st, 5, now_ticks());
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? sqlite3_last_insert_rowid(b->ws->db) : -1;
}

static int64_t next_extent_id(hworkspace *ws)
{
    sqlite3_stmt *st;
    int64_t id = 0;
    if (sqlite3_prepare_v2(ws->db, "SELECT coalesce(max(id), 0) FROM extents", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return id + 1;
}

/* Writes one pending extent's file and its row. */
static int commit_extent(ws_batch *b, const ws_pending *p, int64_t id, int64_t batch, char *err,
                         size_t cap)
{
    hworkspace *ws = b->ws;
    char path[4096];
    extent_path(ws, id, path, sizeof path);
    uint64_t sum;
    if (ext_write_file(path, p->e, &p->t->schema, p->keys, &sum, err, cap) != 0)
        return -1;
    struct stat sb;
    stat(path, &sb);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ws->db,
                           "INSERT INTO extents(id, table_name, file, nrows, bytes, checksum,"
                           " min_time, max_time, created, batch) VALUES(?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return sql_fail(ws, "recording an extent", err, cap);
    char fname[64];
    snprintf(fname, sizeof fname, "%lld.hx", (long long)id);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, p->t->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, fname, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, p->e->nrows);
    sqlite3_bind_int64(st, 5, (int64_t)sb.st_size);
    sqlite3_bind_int64(st, 6, (int64_t)sum);
    int tc = time_column(p->t);
    if (tc >= 0 && tc < p->e->ncols && p->e->cols[tc].has_minmax) {
        sqlite3_bind_int64(st, 7, p->e->cols[tc].imin);
        sqlite3_bind_int64(st, 8, p->e->cols[tc].imax);
    }
    sqlite3_bind_int64(st, 9, now_ticks());
    sqlite3_bind_int64(st, 10, batch);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sql_fail(ws, "recording an extent", err, cap);
}

/* Stores the schema of every table the batch created, widened or added to. */
static int commit_schemas(ws_batch *b, char *err, size_t cap)
{
    hcatalog *c = b->ws->cat;
    for (int i = 0; i < c->n; i++) {
        htable *t = c->tables[i];
        int k = snap_index(b, t);
        bool touched = k < 0 || b->snap_ncols[k] != t->schema.ncols;
        for (int j = 0; !touched && j < b->npend; j++)
            touched = b->pend[j].t == t;
        if (!touched)
            continue;
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(b->ws->db,
                               "INSERT INTO tables(name, schema) VALUES(?,?) ON CONFLICT(name)"
                               " DO UPDATE SET schema=excluded.schema",
                               -1, &st, NULL) != SQLITE_OK)
            return sql_fail(b->ws, "recording a schema", err, cap);
        char *txt = schema_json(&t->schema);
        sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, txt, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        free(txt);
        if (rc != SQLITE_DONE)
            return sql_fail(b->ws, "recording a schema", err, cap);
    }
    return 0;
}

static int commit_unquarantine(ws_batch *b, char *err, size_t cap)
{
    sqlite3_stmt *st;
    if (!b->nqdel)
        return 0;
    if (sqlite3_prepare_v2(b->ws->db, "DELETE FROM quarantine WHERE id=?", -1, &st, NULL) !=
        SQLITE_OK)
        return sql_fail(b->ws, "replaying quarantine", err, cap);
    for (int i = 0; i < b->nqdel; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, b->qdel[i]);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return sql_fail(b->ws, "replaying quarantine", err, cap);
        }
    }
    sqlite3_finalize(st);
    return 0;
}

static int commit_quarantine(ws_batch *b, char *err, size_t cap)
{
    sqlite3_stmt *st;
    if (commit_unquarantine(b, err, cap) != 0)
        return -1;
    if (!b->nq)
        return 0;
    if (sqlite3_prepare_v2(b->ws->db,
                           "INSERT INTO quarantine(table_name, source, position, reason, raw,"
                           " created) VALUES(?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return sql_fail(b->ws, "quarantining", err, cap);
    int64_t now = now_ticks();
    for (int i = 0; i < b->nq; i++) {
        const ws_qrow *q = &b->q[i];
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, q->table, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, q->source, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, q->pos);
        sqlite3_bind_text(st, 4, q->reason, -1, SQLITE_STATIC);
        sqlite3_bind_blob(st, 5, q->raw, (int)q->rawn, SQLITE_STATIC);
        sqlite3_bind_int64(st, 6, now);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return sql_fail(b->ws, "quarantining", err, cap);
        }
    }
    sqlite3_finalize(st);
    return 0;
}

static int commit_checkpoint(ws_batch *b, char *err, size_t cap)
{
    sqlite3_stmt *st;
    if (!b->ckpt_name)
        return 0;
    if (sqlite3_prepare_v2(b->ws->db, "INSERT OR REPLACE INTO checkpoints VALUES(?,?,?)", -1, &st,
                           NULL) != SQLITE_OK)
        return sql_fail(b->ws, "recording the checkpoint", err, cap);
    sqlite3_bind_text(st, 1, b->ckpt_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b->ckpt_value, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now_ticks());
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sql_fail(b->ws, "recording the checkpoint", err, cap);
}

static int commit_all(ws_batch *b, int64_t *first_id, char *err, size_t cap)
{
    int64_t batch = insert_batch_row(b), id = next_extent_id(b->ws);
    if (batch < 0 || id < 0)
        return sql_fail(b->ws, "starting the batch", err, cap);
    *first_id = id;
    for (int i = 0; i < b->npend; i++)
        if (commit_extent(b, &b->pend[i], id + i, batch, err, cap) != 0)
            return -1;
    if (commit_schemas(b, err, cap) || commit_quarantine(b, err, cap) ||
        commit_checkpoint(b, err, cap))
        return -1;
    if (sqlite3_exec(b->ws->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return sql_fail(b->ws, "committing", err, cap);
    return 0;
}

int ws_batch_commit(ws_batch *b, char *err, size_t errcap)
{
    hworkspace *ws = b->ws;
    if (!ws->db)
        return 0;
    if (sqlite3_exec(ws->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(ws, "taking the write lock", err, errcap);
        ws_batch_abort(b);
        return -1;
    }
    int64_t first = 0;
    if (commit_all(b, &first, err, errcap) != 0) {
        sqlite3_exec(ws->db, "ROLLBACK", NULL, NULL, NULL);
        for (int i = 0; first > 0 && i < b->npend; i++) {
            char path[4096];
            extent_path(ws, first + i, path, sizeof path);
            unlink(path);
        }
        ws_batch_abort(b);
        return -1;
    }
    for (int i = 0; i < b->npend; i++)
        remember(ws, first + i, b->pend[i].t, b->pend[i].e);
    return 0;
}

/* --- reading back ------------------------------------------------------------------ */

int ws_table_keys(hworkspace *ws, const char *table,
                  void (*fn)(void *arg, const uint64_t *keys, uint32_t n), void *arg, char *err,
                  size_t errcap)
{
    if (!ws->db)
        return 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ws->db, "SELECT id FROM extents WHERE table_name=? ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK)
        return sql_fail(ws, "reading extents", err, errcap);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        char path[4096], why[512];
        uint64_t *keys;
        uint32_t n;
        extent_path(ws, sqlite3_column_int64(st, 0), path, sizeof path);
        if (ext_read_keys(path, &keys, &n, why, sizeof why) == 0 && keys)
            fn(arg, keys, n);
        free(keys);
    }
    sqlite3_finalize(st);
    return 0;
}

void ws_checkpoint_get(hworkspace *ws, const char *name, char *out, size_t cap)
{
    out[0] = 0;
    sqlite3_stmt *st;
    if (!ws->db || sqlite3_prepare_v2(ws->db, "SELECT value FROM checkpoints WHERE name=?", -1, &st,
                                      NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

/* --- retention ------------------------------------------------------------------------ */

/* Drops the in-memory extent committed as id, if it is loaded. */
static void forget(hworkspace *ws, int64_t id)
{
    for (int i = 0; i < ws->next; i++) {
        if (ws->ext[i].id != id)
            continue;
        ws_table_replace_extent(ws->ext[i].t, extent_index(ws->ext[i].t, ws->ext[i].e), NULL);
        ws->ext[i] = ws->ext[--ws->next];
        return;
    }
}

/* Deletes the expired extent rows of one table; their ids go to *ids. */
static int expire_table(hworkspace *ws, const char *table, int64_t cutoff, int64_t **ids, int *n,
                        int64_t *rows)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ws->db,
                           "DELETE FROM extents WHERE table_name=?1 AND"
                           " coalesce(max_time, created) < ?2 RETURNING id, nrows",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, cutoff);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *ids = xrealloc(*ids, (size_t)(*n + 1) * sizeof **ids);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
        *rows += sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* One transaction over the policies (all tables, or only `only`). */
static int retention_pass(hworkspace *ws, const char *only, int64_t now, int *dropped_ext,
                          int64_t *dropped_rows, char *err, size_t cap)
{
    int64_t *ids = NULL, rows = 0;
    int n = 0;
    sqlite3_stmt *st;
    if (sqlite3_exec(ws->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return sql_fail(ws, "taking the write lock", err, cap);
    if (sqlite3_prepare_v2(ws->db,
                           "SELECT name, retention_ticks FROM tables WHERE retention_ticks > 0"
                           " AND (?1 IS NULL OR name = ?1)",
                           -1, &st, NULL) != SQLITE_OK) {
        sqlite3_exec(ws->db, "ROLLBACK", NULL, NULL, NULL);
        return sql_fail(ws, "reading retention", err, cap);
    }
    if (only)
        sqlite3_bind_text(st, 1, only, -1, SQLITE_STATIC);
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
        rc = expire_table(ws, (const char *)sqlite3_column_text(st, 0),
                          now - sqlite3_column_int64(st, 1), &ids, &n, &rows);
    sqlite3_finalize(st);
    if (rc != 0 || sqlite3_exec(ws->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(ws, "applying retention", err, cap);
        sqlite3_exec(ws->db, "ROLLBACK", NULL, NULL, NULL);
        free(ids);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        char path[4096];
        extent_path(ws, ids[i], path, sizeof path);
        unlink(path);
        forget(ws, ids[i]);
    }
    free(ids);
    if (dropped_ext)
        *dropped_ext += n;
    if (dropped_rows)
        *dropped_rows += rows;
    return 0;
}

int ws_apply_retention(hworkspace *ws, int64_t now, int *dropped_ext, int64_t *dropped_rows,
                       char *err, size_t errcap)
{
    if (!ws->db)
        return 0;
    return retention_pass(ws, NULL, now, dropped_ext, dropped_rows, err, errcap);
}

int ws_set_retention(hworkspace *ws, const char *table, int64_t ticks, int64_t now,
                     int *dropped_ext, int64_t *dropped_rows, char *err, size_t errcap)
{
    htable *t = catalog_find(ws->cat, table, strlen(table));
    if (!t) {
        snprintf(err, errcap, "no table %s", table);
        return -1;
    }
    if (!ws->db) {
        snprintf(err, errcap, "retention needs a workspace (not --memory)");
        return -1;
    }
    sqlite3_stmt *st;
    char *txt = schema_json(&t->schema);
    if (sqlite3_prepare_v2(
            ws->db,
            "INSERT INTO tables(name, schema, retention_ticks) VALUES(?,?,?)"
            " ON CONFLICT(name) DO UPDATE SET retention_ticks=excluded.retention_ticks",
            -1, &st, NULL) != SQLITE_OK) {
        free(txt);
        return sql_fail(ws, "setting retention", err, errcap);
    }
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, txt, -1, SQLITE_STATIC);
    if (ticks > 0)
        sqlite3_bind_int64(st, 3, ticks);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    free(txt);
    if (rc != SQLITE_DONE)
        return sql_fail(ws, "setting retention", err, errcap);
    return retention_pass(ws, table, now, dropped_ext, dropped_rows, err, errcap);
}

/* --- check ---------------------------------------------------------------------------- */

static void reportf(void (*report)(void *, const char *), void *arg, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void reportf(void (*report)(void *, const char *), void *arg, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (report)
        report(arg, buf);
}

static int check_sqlite(hworkspace *ws, void (*report)(void *, const char *), void *arg)
{
    sqlite3_stmt *st;
    int bad = 0;
    if (sqlite3_prepare_v2(ws->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        return 1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(st, 0);
        if (m && strcmp(m, "ok") != 0) {
            reportf(report, arg, "%s/catalog.db: %s", ws->dir, m);
            bad++;
        }
    }
    sqlite3_finalize(st);
    return bad;
}

static int check_extent_row(hworkspace *ws, sqlite3_stmt *st, void (*report)(void *, const char *),
                            void *arg)
{
    int64_t id = sqlite3_column_int64(st, 0), nrows = sqlite3_column_int64(st, 2);
    int64_t bytes = sqlite3_column_int64(st, 3), sum = sqlite3_column_int64(st, 4);
    const char *tn = (const char *)sqlite3_column_text(st, 1);
    char path[4096], why[512];
    extent_path(ws, id, path, sizeof path);
    uint32_t n;
    uint64_t fsum;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        reportf(report, arg, "%s: missing (extent %lld of %s)", path, (long long)id, tn);
        return 1;
    }
    if (ext_check_file(path, &n, &fsum, why, sizeof why) != 0) {
        reportf(report, arg, "%s", why);
        return 1;
    }
    if ((int64_t)n != nrows || (int64_t)fsum != sum || (int64_t)sb.st_size != bytes) {
        reportf(report, arg, "%s: differs from its catalog row (rows %u/%lld, size %lld/%lld)",
                path, n, (long long)nrows, (long long)sb.st_size, (long long)bytes);
        return 1;
    }
    if (!tn || !catalog_find(ws->cat, tn, strlen(tn))) {
        reportf(report, arg, "%s: belongs to unknown table %s", path, tn ? tn : "(null)");
        return 1;
    }
    return 0;
}

int ws_check(hworkspace *ws, void (*report)(void *arg, const char *line), void *arg,
             int64_t *extents, int64_t *rows)
{
    if (!ws->db)
        return -1;
    int bad = check_sqlite(ws, report, arg);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ws->db,
                           "SELECT id, table_name, nrows, bytes, checksum FROM extents ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int64_t ne = 0, nr = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        bad += check_extent_row(ws, st, report, arg);
        ne++;
        nr += sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (extents)
        *extents = ne;
    if (rows)
        *rows = nr;
    return bad;
}
