/* ingest/quarantine.c — the records ingest could not load, kept in the
 * workspace catalog's quarantine table (source, position, reason, raw text),
 * listed, replayed and dropped.
 *
 * Records are quarantined by the batch they failed in (batch.c hands every
 * rejected record to ws_batch_quarantine), in the same transaction as the
 * rows that loaded. A replay loads each record's raw text again as its own
 * batch whose commit also deletes the old quarantine row: a record that
 * loads leaves the quarantine, one that fails again comes back with its new
 * reason — either way atomically, never lost and never twice.
 */
#include "ingest/batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int no_workspace(char *err, size_t cap)
{
    snprintf(err, cap, "the quarantine needs a workspace (not --memory)");
    return -1;
}

static sqlite3_stmt *select_rows(sqlite3 *db, int64_t id)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, table_name, source, position, reason, raw FROM quarantine"
                           " WHERE ?1 = 0 OR id = ?1 ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    return st;
}

int ing_quarantine_list(ing_session *s, int64_t id, ing_quarantine_fn fn, void *arg, char *err,
                        size_t errcap)
{
    sqlite3 *db = ws_sqlite(s->ws);
    if (!db)
        return no_workspace(err, errcap);
    sqlite3_stmt *st = select_rows(db, id);
    if (!st) {
        snprintf(err, errcap, "quarantine: %s", sqlite3_errmsg(db));
        return -1;
    }
    while (sqlite3_step(st) == SQLITE_ROW)
        fn(arg, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2), sqlite3_column_int64(st, 3),
           (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_blob(st, 5),
           (size_t)sqlite3_column_bytes(st, 5));
    sqlite3_finalize(st);
    return 0;
}

/* A quarantined record read out of the catalog. */
typedef struct qrec {
    int64_t id;
    char *table, *source, *raw;
    size_t rawn;
} qrec;

static void collect(void *arg, int64_t id, const char *table, const char *source, int64_t pos,
                    const char *reason, const char *raw, size_t rawn)
{
    (void)pos;
    (void)reason;
    qrec **v = arg;
    size_t n = 0;
    while ((*v)[n].table)
        n++;
    *v = realloc(*v, (n + 2) * sizeof **v);
    if (!*v)
        abort();
    qrec *q = &(*v)[n];
    q->id = id;
    q->table = strdup(table ? table : "");
    q->source = strdup(source ? source : "quarantine");
    q->raw = malloc(rawn + 1);
    if (!q->table || !q->source || !q->raw)
        abort();
    if (rawn)
        memcpy(q->raw, raw, rawn);
    q->raw[rawn] = 0;
    q->rawn = rawn;
    memset(&(*v)[n + 1], 0, sizeof **v);
}

int ing_quarantine_replay(ing_session *s, int64_t id, int64_t *loaded, int64_t *failed, char *err,
                          size_t errcap)
{
    if (!ws_sqlite(s->ws))
        return no_workspace(err, errcap);
    qrec *v = calloc(1, sizeof *v);
    if (!v)
        abort();
    int rc = ing_quarantine_list(s, id, collect, &v, err, errcap);
    for (size_t i = 0; rc == 0 && v[i].table; i++) {
        ing_result r = {0};
        char name[1024];
        snprintf(name, sizeof name, "%s (quarantine %lld)", v[i].source, (long long)v[i].id);
        if (ing_ingest_buffer(s, v[i].table[0] ? v[i].table : NULL, name, v[i].raw, v[i].rawn,
                              FMT_JSON, NULL, NULL, &v[i].id, 1, &r, err, errcap) != 0) {
            if (failed) /* not JSON at all (a malformed CSV line): stays as it is */
                (*failed)++;
            continue;
        }
        if (loaded)
            *loaded += r.rows_loaded + r.rows_duplicate;
        if (failed)
            *failed += r.rows_rejected;
    }
    for (size_t i = 0; v[i].table; i++) {
        free(v[i].table);
        free(v[i].source);
        free(v[i].raw);
    }
    free(v);
    return rc;
}

int ing_quarantine_drop(ing_session *s, int64_t id, int64_t *n, char *err, size_t errcap)
{
    sqlite3 *db = ws_sqlite(s->ws);
    sqlite3_stmt *st;
    if (!db)
        return no_workspace(err, errcap);
    if (sqlite3_prepare_v2(db, "DELETE FROM quarantine WHERE ?1 = 0 OR id = ?1", -1, &st, NULL) !=
        SQLITE_OK) {
        snprintf(err, errcap, "quarantine: %s", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (n)
        *n = sqlite3_changes(db);
    if (rc != SQLITE_DONE) {
        snprintf(err, errcap, "quarantine: %s", sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}
