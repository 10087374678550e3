/* engine/api_workspace.c — the workspace and ingest part of the public API
 * (the section "workspace and ingest" of include/hunt.h) over ingest/batch.h.
 *
 * A hunt_db (engine/db.h) holds its ing_session (workspace, dedupe state) in
 * db->ws: opened by hunt_open_workspace, or memory-only on first use for a
 * handle from hunt_open; hunt_close closes it (db_session_close). When the
 * session has a workspace on disk, hunt_load_file (hunt --load) loads
 * through it, so loaded rows persist.
 */
#include "hunt.h"

#include "engine/db.h"
#include "ingest/batch.h"
#include "ingest/pull.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static ing_session *session_of(hunt_db *db)
{
    return db ? db->ws : NULL;
}

void db_session_close(hunt_db *db)
{
    if (!db)
        return;
    ing_session_close(db->ws);
    db->ws = NULL;
}

static int fail(hunt_error *err, int code, const char *msg)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = code;
        err->offset = -1;
        snprintf(err->message, sizeof err->message, "%s", msg);
    }
    return code;
}

static int ok(hunt_error *err)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->offset = -1;
    }
    return HUNT_OK;
}

/* The session of db, created memory-only for a plain hunt_open handle. */
static ing_session *session(hunt_db *db)
{
    ing_session *s = session_of(db);
    if (s)
        return s;
    char msg[512];
    if (ing_session_open(&s, &db->catalog, NULL, msg, sizeof msg) != 0)
        return NULL;
    db->ws = s;
    return s;
}

static void sync_diag(hunt_db *db, ing_session *s)
{
    s->diag = db->diag;
    s->diag_arg = db->diag_arg;
}

int hunt_open_workspace(const char *dir, hunt_db **out, hunt_error *err)
{
    hunt_db *db;
    int rc = hunt_open(&db);
    *out = NULL;
    if (rc != HUNT_OK)
        return fail(err, rc, "out of memory");
    ing_session *s;
    char msg[512];
    if (ing_session_open(&s, &db->catalog, dir, msg, sizeof msg) != 0) {
        hunt_close(db);
        return fail(err, HUNT_EIO, msg);
    }
    db->ws = s;
    *out = db;
    return ok(err);
}

void hunt_close_workspace(hunt_db *db)
{
    hunt_close(db); /* closes the session too */
}

const char *hunt_workspace_dir(hunt_db *db)
{
    ing_session *s = session_of(db);
    return s ? ws_dir(s->ws) : NULL;
}

int hunt_default_workspace(char *buf, size_t cap)
{
    const char *env = getenv("HUNT_WORKSPACE"), *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int n;
    if (env && *env)
        n = snprintf(buf, cap, "%s", env);
    else if (xdg && *xdg)
        n = snprintf(buf, cap, "%s/hunt", xdg);
    else if (home && *home)
        n = snprintf(buf, cap, "%s/.local/share/hunt", home);
    else
        return -1;
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

static void fill_stats(hunt_ingest_stats *st, const ing_result *r)
{
    if (!st)
        return;
    st->rows_loaded = r->rows_loaded;
    st->rows_rejected = r->rows_rejected;
    st->rows_duplicate = r->rows_duplicate;
    st->bytes_read = r->bytes_read;
    st->batches = r->batches;
    st->unknown_fields = r->unknown_fields;
    st->seconds = r->seconds;
}

int hunt_ingest_file(hunt_db *db, const char *table, const char *path, const char *format,
                     int flags, hunt_ingest_stats *st, hunt_error *err)
{
    ing_session *s = session(db);
    ing_result r = {0};
    char msg[512] = "";
    int fmt = fmt_from_name(format);
    fill_stats(st, &r);
    if (!s)
        return fail(err, HUNT_ENOMEM, "cannot set up ingest");
    if (fmt < 0) {
        snprintf(msg, sizeof msg, "unknown format '%s'", format);
        return fail(err, HUNT_EMISUSE, msg);
    }
    sync_diag(db, s);
    s->no_dedupe = flags & HUNT_INGEST_NODEDUPE;
    s->progress = flags & HUNT_INGEST_PROGRESS;
    int rc = ing_ingest_path(s, table && *table ? table : NULL, path, fmt, &r, msg, sizeof msg);
    s->no_dedupe = false;
    fill_stats(st, &r);
    if (rc != 0)
        return fail(err, strstr(msg, "cannot") ? HUNT_EIO : HUNT_EDATA, msg);
    return ok(err);
}

bool db_workspace_load(hunt_db *db, const char *table, const char *path, hunt_load_stats *stats,
                       hunt_error *err, int *rc)
{
    ing_session *s = session_of(db);
    if (!s || !ws_dir(s->ws))
        return false;
    hunt_ingest_stats st;
    memset(&st, 0, sizeof st);
    *rc = hunt_ingest_file(db, table, path, "json", 0, &st, err);
    if (stats) {
        stats->rows_loaded = st.rows_loaded;
        stats->rows_rejected = st.rows_rejected;
        stats->bytes_read = st.bytes_read;
        stats->unknown_fields = st.unknown_fields;
    }
    return true;
}

int hunt_pull(hunt_db *db, const char *source, hunt_ingest_stats *st, hunt_error *err)
{
    ing_session *s = session_of(db);
    ing_result r = {0};
    char msg[512] = "";
    if (!s || !ws_dir(s->ws))
        return fail(err, HUNT_EMISUSE, "pull needs a workspace (its sources.json)");
    sync_diag(db, s);
    int rc = pull_source(s, source, &r, msg, sizeof msg);
    fill_stats(st, &r);
    return rc == 0 ? ok(err) : fail(err, HUNT_EIO, msg);
}

typedef struct qfwd {
    hunt_quarantine_fn fn;
    void *arg;
} qfwd;

static void forward(void *arg, int64_t id, const char *table, const char *source, int64_t pos,
                    const char *reason, const char *raw, size_t rawn)
{
    qfwd *f = arg;
    f->fn(f->arg, id, table, source, pos, reason, raw, rawn);
}

int hunt_quarantine_list(hunt_db *db, int64_t id, hunt_quarantine_fn fn, void *arg, hunt_error *err)
{
    ing_session *s = session(db);
    char msg[512];
    qfwd f = {fn, arg};
    if (!s || ing_quarantine_list(s, id, forward, &f, msg, sizeof msg) != 0)
        return fail(err, HUNT_EMISUSE, s ? msg : "no workspace");
    return ok(err);
}

int hunt_quarantine_replay(hunt_db *db, int64_t id, int64_t *loaded, int64_t *failed,
                           hunt_error *err)
{
    ing_session *s = session(db);
    char msg[512];
    int64_t l = 0, f = 0;
    if (s)
        sync_diag(db, s);
    int rc = s ? ing_quarantine_replay(s, id, &l, &f, msg, sizeof msg) : -1;
    if (loaded)
        *loaded = l;
    if (failed)
        *failed = f;
    return rc == 0 ? ok(err) : fail(err, HUNT_EIO, s ? msg : "no workspace");
}

int hunt_quarantine_drop(hunt_db *db, int64_t id, int64_t *dropped, hunt_error *err)
{
    ing_session *s = session(db);
    char msg[512];
    int rc = s ? ing_quarantine_drop(s, id, dropped, msg, sizeof msg) : -1;
    return rc == 0 ? ok(err) : fail(err, HUNT_EIO, s ? msg : "no workspace");
}

static int64_t now_ticks(hunt_db *db)
{
    if (db->fixed_now)
        return db->fixed_now;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 10000000LL + ts.tv_nsec / 100;
}

int hunt_set_retention(hunt_db *db, const char *table, int64_t ticks, int *dropped_extents,
                       int64_t *dropped_rows, hunt_error *err)
{
    ing_session *s = session_of(db);
    char msg[512];
    int de = 0;
    int64_t dr = 0;
    if (!s || !ws_dir(s->ws))
        return fail(err, HUNT_EMISUSE, "retention needs a workspace (not --memory)");
    int rc = ws_set_retention(s->ws, table, ticks, now_ticks(db), &de, &dr, msg, sizeof msg);
    if (dropped_extents)
        *dropped_extents = de;
    if (dropped_rows)
        *dropped_rows = dr;
    return rc == 0 ? ok(err) : fail(err, HUNT_EIO, msg);
}

int hunt_check_workspace(hunt_db *db, hunt_diag_fn report, void *arg, int64_t *extents,
                         int64_t *rows, hunt_error *err)
{
    ing_session *s = session_of(db);
    if (!s || !ws_dir(s->ws))
        return fail(err, HUNT_EMISUSE, "no workspace to check");
    int bad = ws_check(s->ws, report, arg, extents, rows);
    if (bad < 0)
        return fail(err, HUNT_EIO, "the workspace catalog cannot be read");
    if (bad > 0) {
        char msg[128];
        snprintf(msg, sizeof msg, "%d problem%s found", bad, bad == 1 ? "" : "s");
        return fail(err, HUNT_EDATA, msg);
    }
    return ok(err);
}
