/* detect/store.c — the detection state (alerts, incidents, run records,
 * dedupe fingerprints, per-rule schedule state) and its persistence in
 * sqlite3: DIR/detect.db, or nothing (in memory) when no directory is given.
 *
 * The whole state is loaded at the start of a command and written back in
 * one transaction at the end, so a crash never leaves half a step stored:
 * a restarted scheduler resumes from the last committed next_tick, which
 * gives "no re-alerting, no missed ticks" across restarts. Objects are kept
 * as JSON text with a few indexed columns for the list commands. Sink events
 * that could not be delivered are kept in the outbox table and delivered by
 * the next command that flushes a sink.
 */
#include "detect/detect.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

void det_state_init(det_state *st)
{
    memset(st, 0, sizeof *st);
    st->alerts = json_array();
    st->incidents = json_array();
    st->runs = json_array();
    st->events = json_array();
    st->next_incident = 1;
}

void det_state_free(det_state *st)
{
    json_decref(st->alerts);
    json_decref(st->incidents);
    json_decref(st->runs);
    json_decref(st->events);
    for (int i = 0; i < st->nrs; i++)
        free(st->rs[i].rule_id);
    free(st->rs);
    for (int i = 0; i < st->nfps; i++)
        free(st->fps[i].rule_id);
    free(st->fps);
    memset(st, 0, sizeof *st);
}

det_rule_state *det_state_rule(det_state *st, const char *rule_id)
{
    for (int i = 0; i < st->nrs; i++)
        if (!strcmp(st->rs[i].rule_id, rule_id))
            return &st->rs[i];
    det_rule_state *n = realloc(st->rs, (size_t)(st->nrs + 1) * sizeof *n);
    if (!n)
        return NULL;
    st->rs = n;
    det_rule_state *r = &st->rs[st->nrs++];
    memset(r, 0, sizeof *r);
    r->rule_id = strdup(rule_id);
    return r;
}

json_t *det_state_alert(det_state *st, const char *id)
{
    size_t i;
    json_t *a;
    json_array_foreach(st->alerts, i, a)
    {
        const char *s = json_string_value(json_object_get(a, "SystemAlertId"));
        if (s && id && !strcmp(s, id))
            return a;
    }
    return NULL;
}

json_t *det_state_incident(det_state *st, int64_t number)
{
    size_t i;
    json_t *v;
    json_array_foreach(st->incidents, i, v) if (json_integer_value(json_object_get(
                                                    v, "IncidentNumber")) == number) return v;
    return NULL;
}

static const char *const schema_sql =
    "CREATE TABLE IF NOT EXISTS alerts(seq INTEGER PRIMARY KEY, id TEXT, rule_id TEXT,"
    " time TEXT, severity TEXT, status TEXT, incident INTEGER, json TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS incidents(number INTEGER PRIMARY KEY, status TEXT,"
    " severity TEXT, title TEXT, json TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS runs(seq INTEGER PRIMARY KEY, rule_id TEXT, tick TEXT,"
    " status TEXT, json TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS fingerprints(rule_id TEXT, hi INTEGER, lo INTEGER, at INTEGER);"
    "CREATE TABLE IF NOT EXISTS rule_state(rule_id TEXT PRIMARY KEY, next_tick INTEGER,"
    " suppressed_until INTEGER, last_visible INTEGER);"
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER);"
    "CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY, json TEXT NOT NULL);";

static sqlite3 *open_db(const char *dir, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/detect.db", dir);
    sqlite3 *db = NULL;
    /* wait for other readers and writers (a query of HuntAlerts while the
     * daemon saves) before the first statement, not after it */
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_busy_timeout(db, 10000) != SQLITE_OK ||
        sqlite3_exec(db, schema_sql, NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static int load_json_table(sqlite3 *db, const char *sql, json_t *into)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    while (sqlite3_step(s) == SQLITE_ROW) {
        json_t *v = json_loads((const char *)sqlite3_column_text(s, 0), 0, NULL);
        if (v)
            json_array_append_new(into, v);
    }
    sqlite3_finalize(s);
    return 0;
}

static void load_scalars(sqlite3 *db, det_state *st)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT rule_id, hi, lo, at FROM fingerprints", -1, &s, NULL) ==
        SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            if (st->nfps == st->capfps) {
                st->capfps = st->capfps ? st->capfps * 2 : 256;
                st->fps = realloc(st->fps, (size_t)st->capfps * sizeof *st->fps);
            }
            st->fps[st->nfps++] =
                (det_fp){strdup((const char *)sqlite3_column_text(s, 0)),
                         (uint64_t)sqlite3_column_int64(s, 1), (uint64_t)sqlite3_column_int64(s, 2),
                         sqlite3_column_int64(s, 3)};
        }
        sqlite3_finalize(s);
    }
    if (sqlite3_prepare_v2(db, "SELECT * FROM rule_state ORDER BY rule_id", -1, &s, NULL) ==
        SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            det_rule_state *r = det_state_rule(st, (const char *)sqlite3_column_text(s, 0));
            r->next_tick = sqlite3_column_int64(s, 1);
            r->suppressed_until = sqlite3_column_int64(s, 2);
            r->last_visible = sqlite3_column_int64(s, 3);
        }
        sqlite3_finalize(s);
    }
    if (sqlite3_prepare_v2(db, "SELECT key, value FROM meta", -1, &s, NULL) == SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            const char *k = (const char *)sqlite3_column_text(s, 0);
            if (!strcmp(k, "alert_watermark"))
                st->alert_watermark = sqlite3_column_int64(s, 1);
            else if (!strcmp(k, "next_incident"))
                st->next_incident = sqlite3_column_int64(s, 1);
        }
        sqlite3_finalize(s);
    }
}

int det_store_load(const char *dir, det_state *st, char *err, size_t errlen)
{
    if (!dir)
        return 0;
    sqlite3 *db = open_db(dir, err, errlen);
    if (!db)
        return -1;
    load_json_table(db, "SELECT json FROM alerts ORDER BY seq", st->alerts);
    load_json_table(db, "SELECT json FROM incidents ORDER BY number", st->incidents);
    load_json_table(db, "SELECT json FROM runs ORDER BY seq", st->runs);
    load_json_table(db, "SELECT json FROM outbox ORDER BY seq", st->events);
    load_scalars(db, st);
    sqlite3_close(db);
    return 0;
}

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int exec_stmt(sqlite3 *db, const char *sql, int n, const char **texts, const int64_t *ints,
                     const char *kinds)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    int ti = 0, ii = 0;
    for (int i = 0; i < n; i++) {
        if (kinds[i] == 't')
            sqlite3_bind_text(s, i + 1, texts[ti++], -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_int64(s, i + 1, ints[ii++]);
    }
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(s);
    return rc;
}

static int save_objects(sqlite3 *db, const det_state *st)
{
    size_t i;
    json_t *v;
    int rc = 0;
    json_array_foreach(st->alerts, i, v)
    {
        char *j = json_dumps(v, JSON_COMPACT);
        const char *t[] = {str(v, "SystemAlertId"), str(v, "_ruleId"), str(v, "TimeGenerated"),
                           str(v, "AlertSeverity"), str(v, "Status"),  j};
        int64_t n[] = {json_integer_value(json_object_get(v, "_incident"))};
        rc |= exec_stmt(db,
                        "INSERT INTO alerts(id,rule_id,time,severity,status,incident,json)"
                        " VALUES(?,?,?,?,?,?,?)",
                        7, t, n, "tttttit");
        free(j);
    }
    json_array_foreach(st->incidents, i, v)
    {
        char *j = json_dumps(v, JSON_COMPACT);
        const char *t[] = {str(v, "Status"), str(v, "Severity"), str(v, "Title"), j};
        int64_t n[] = {json_integer_value(json_object_get(v, "IncidentNumber"))};
        rc |= exec_stmt(db, "INSERT INTO incidents VALUES(?,?,?,?,?)", 5, t, n, "itttt");
        free(j);
    }
    json_array_foreach(st->runs, i, v)
    {
        char *j = json_dumps(v, JSON_COMPACT);
        const char *t[] = {str(v, "RuleId"), str(v, "Tick"), str(v, "Status"), j};
        rc |= exec_stmt(db, "INSERT INTO runs(rule_id,tick,status,json) VALUES(?,?,?,?)", 4, t,
                        NULL, "tttt");
        free(j);
    }
    json_array_foreach(st->events, i, v)
    {
        char *j = json_dumps(v, JSON_COMPACT);
        const char *t[] = {j};
        rc |= exec_stmt(db, "INSERT INTO outbox(json) VALUES(?)", 1, t, NULL, "t");
        free(j);
    }
    return rc;
}

static int save_scalars(sqlite3 *db, const det_state *st)
{
    int rc = 0;
    for (int i = 0; i < st->nfps; i++) {
        const char *t[] = {st->fps[i].rule_id};
        int64_t n[] = {(int64_t)st->fps[i].hi, (int64_t)st->fps[i].lo, st->fps[i].at};
        rc |= exec_stmt(db, "INSERT INTO fingerprints VALUES(?,?,?,?)", 4, t, n, "tiii");
    }
    for (int i = 0; i < st->nrs; i++) {
        const char *t[] = {st->rs[i].rule_id};
        int64_t n[] = {st->rs[i].next_tick, st->rs[i].suppressed_until, st->rs[i].last_visible};
        rc |= exec_stmt(db, "INSERT INTO rule_state VALUES(?,?,?,?)", 4, t, n, "tiii");
    }
    const char *k1[] = {"alert_watermark"}, *k2[] = {"next_incident"};
    int64_t v1[] = {st->alert_watermark}, v2[] = {st->next_incident};
    rc |= exec_stmt(db, "INSERT INTO meta VALUES(?,?)", 2, k1, v1, "ti");
    rc |= exec_stmt(db, "INSERT INTO meta VALUES(?,?)", 2, k2, v2, "ti");
    return rc;
}

int det_store_save(const char *dir, const det_state *st, char *err, size_t errlen)
{
    if (!dir)
        return 0;
    sqlite3 *db = open_db(dir, err, errlen);
    if (!db)
        return -1;
    int rc = sqlite3_exec(db,
                          "BEGIN IMMEDIATE; DELETE FROM alerts; DELETE FROM incidents;"
                          " DELETE FROM runs; DELETE FROM fingerprints; DELETE FROM rule_state;"
                          " DELETE FROM meta; DELETE FROM outbox;",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK && save_objects(db, st) == 0 && save_scalars(db, st) == 0)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    else
        rc = SQLITE_ERROR;
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s/detect.db: %s", dir, sqlite3_errmsg(db));
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}
