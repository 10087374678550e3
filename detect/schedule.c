/* detect/schedule.c — the deterministic scheduler (DETECTION.md C2, C8).
 *
 * The clock is a parameter: det_step(engine, now) runs every tick that is
 * due at `now` and never reads wall time. Tick k of a rule executes at
 * E_k = A + k*F where A is startTimeUtc or, by default, the Unix epoch (so
 * ticks are aligned on multiples of F and survive restarts). Windows:
 *   event      W_k = [E_k - D - P, E_k - D) on the record's time column
 *   ingestion  (E_k - F - D, E_k - D] on the ingestion time (NRT default)
 * and a row is visible only if ingested at or before E_k. now() = end of the
 * window. Missed ticks are caught up in order (catchUp: true, the default),
 * each with its own window; catchUp: false runs only the latest. Due ticks of
 * all rules run in (E_k, rule id) order; external SecurityAlert rows are
 * processed (incident-creation rules, status sync) up to each E_k first.
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>

static int64_t anchor(const det_rule *r)
{
    return r->start_time;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t det_tick_floor(const det_rule *r, int64_t t)
{
    int64_t f = r->frequency > 0 ? r->frequency : DET_HOUR, a = anchor(r);
    return a + floor_div(t - a, f) * f;
}

int64_t det_tick_ceil(const det_rule *r, int64_t t)
{
    int64_t fl = det_tick_floor(r, t);
    return fl == t ? t : fl + (r->frequency > 0 ? r->frequency : DET_HOUR);
}

det_scope det_window(const det_rule *r, int64_t exec)
{
    det_scope sc = {.mode = r->window_mode, .visible_at = exec, .time_col = r->time_column};
    if (r->window_mode == DET_WIN_INGESTION) {
        sc.from = exec - r->frequency - r->delay;
        sc.to = exec - r->delay;
    } else {
        sc.from = exec - r->delay - r->period;
        sc.to = exec - r->delay;
    }
    return sc;
}

typedef struct due {
    int64_t at;
    det_rule *rule;
} due;

static int cmp_due(const void *a, const void *b)
{
    const due *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return strcmp(x->rule->id, y->rule->id);
}

static json_t *new_record(const det_rule *r, int64_t exec, const det_scope *sc)
{
    char a[DET_TBUF], b[DET_TBUF], c[DET_TBUF];
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i}",
                     "RuleId", r->id, "RuleName", r->name, "Tick", det_time_format(exec, a),
                     "WindowStart", det_time_format(sc->from, b), "WindowEnd",
                     det_time_format(sc->to, c), "Mode",
                     sc->mode == DET_WIN_INGESTION ? "ingestion" : "event", "Status", "Succeeded",
                     "ResultRows", 0, "AlertsCreated", 0, "AlertsDeduped", 0, "AlertsCapped", 0,
                     "EntitiesSkipped", 0, "LateRowsMissed", 0, "IncidentsCreated", 0);
}

static int triggered(const det_rule *r, int64_t rows)
{
    if (r->kind == DET_KIND_NRT)
        return rows > 0;
    switch (r->trigger_op) {
    case DET_OP_GT:
        return rows > r->threshold;
    case DET_OP_LT:
        return rows < r->threshold;
    case DET_OP_EQ:
        return rows == r->threshold;
    default:
        return rows != r->threshold;
    }
}

/* Adds an alert of a rule to the state, to SecurityAlert (alert-on-alert),
 * to the outbox, then runs alert automation and incident placement. */
static void publish_alert(det_engine *e, const det_rule *r, json_t *a, int64_t exec)
{
    det_state *st = e->state;
    json_array_append(st->alerts, a);
    json_t *rec = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(a, k, v) if (k[0] != '_') json_object_set(rec, k, v);
    det_source_add(e->source, "SecurityAlert", rec, exec);
    json_decref(rec);
    json_array_append_new(st->events, json_pack("{s:s, s:O}", "event", "AlertCreated", "alert", a));
    det_automation_run(st, e->rules, "Alerts", "Created", a, exec);
    det_incident_place(st, r, det_ruleset_settings(e->rules), a, exec);
}

static int run_tick(det_engine *e, det_rule *r, int64_t exec)
{
    det_state *st = e->state;
    det_rule_state *rs = det_state_rule(st, r->id);
    det_scope sc = det_window(r, exec);
    json_t *rec = new_record(r, exec, &sc);
    json_array_append_new(st->runs, rec);
    if (rs->suppressed_until > exec) {
        json_object_set_new(rec, "Status", json_string("Suppressed"));
        return 0;
    }
    if (sc.mode == DET_WIN_EVENT && rs->last_visible)
        json_object_set_new(rec, "LateRowsMissed",
                            json_integer(det_source_late_rows(e->source, r->query, r->time_column,
                                                              rs->last_visible, exec, sc.from)));
    rs->last_visible = exec;
    char err[512] = "";
    hunt_db *db = det_source_open_scoped(e->source, r->query, &sc, err, sizeof err);
    hunt_result *res = NULL;
    hunt_error he;
    if (db && hunt_query(db, r->query, strlen(r->query), HUNT_RUN, &res, &he) != HUNT_OK)
        snprintf(err, sizeof err, "%s", he.message);
    if (!res) {
        json_object_set_new(rec, "Status", json_string("Failed"));
        json_object_set_new(rec, "Error", json_string(err[0] ? err : "the query failed"));
        if (db)
            hunt_close(db);
        return -1;
    }
    int64_t rows = hunt_result_rows(res);
    json_object_set_new(rec, "ResultRows", json_integer(rows));
    int trig = triggered(r, rows);
    json_object_set_new(rec, "Triggered", json_boolean(trig));
    if (trig) {
        det_run run = {r, exec, sc.from, sc.to, res, rec};
        json_t *alerts = json_array();
        int made = det_alerts_build(&run, st, alerts);
        int64_t before = st->next_incident;
        size_t i;
        json_t *a;
        json_array_foreach(alerts, i, a) publish_alert(e, r, a, exec);
        json_object_set_new(rec, "IncidentsCreated", json_integer(st->next_incident - before));
        json_decref(alerts);
        if (made && r->suppression_enabled && r->suppression_mode == DET_SUPP_RULE)
            rs->suppressed_until = exec + r->suppression_duration;
    }
    hunt_result_free(res);
    hunt_close(db);
    return 0;
}

/* External SecurityAlert rows ingested in (watermark, upto]. */
static void process_external(det_engine *e, int64_t upto)
{
    det_state *st = e->state;
    det_table *t = det_source_table(e->source, "SecurityAlert", 0);
    if (!t || upto <= st->alert_watermark)
        return;
    /* Ingestion order, then file order: stable and deterministic. */
    int64_t *idx = malloc((size_t)(t->n + 1) * sizeof *idx);
    int64_t n = 0;
    for (int64_t i = 0; i < t->n; i++)
        if (t->rows[i].ingested > st->alert_watermark && t->rows[i].ingested <= upto)
            idx[n++] = i;
    for (int64_t i = 1; i < n; i++)
        for (int64_t j = i; j > 0 && t->rows[idx[j - 1]].ingested > t->rows[idx[j]].ingested; j--) {
            int64_t x = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = x;
        }
    for (int64_t i = 0; i < n; i++) {
        json_t *rec = json_loads(t->rows[idx[i]].json, 0, NULL);
        if (rec)
            det_incident_external(st, e->rules, rec, t->rows[idx[i]].ingested);
        json_decref(rec);
    }
    free(idx);
    st->alert_watermark = upto;
}

static int is_runnable(const det_rule *r)
{
    return r->enabled && r->query && (r->kind == DET_KIND_SCHEDULED || r->kind == DET_KIND_NRT);
}

/* Appends the due ticks of r at now to *v; records gaps. */
static void collect(det_engine *e, det_rule *r, int64_t now, due **v, int *n, int *cap)
{
    det_rule_state *rs = det_state_rule(e->state, r->id);
    if (!rs->next_tick)
        rs->next_tick = e->first_at ? det_tick_ceil(r, e->first_at) : det_tick_floor(r, now);
    int64_t last = det_tick_floor(r, now);
    if (rs->next_tick > last)
        return;
    int64_t count = (last - rs->next_tick) / r->frequency + 1;
    int64_t limit = r->max_catch_up > 0 ? r->max_catch_up : (14 * DET_DAY) / r->frequency + 1;
    if (!r->catch_up)
        limit = 1;
    if (e->no_catch_up_cap && r->catch_up)
        limit = count;
    if (count > limit) {
        det_scope sc = det_window(r, rs->next_tick);
        json_t *rec = new_record(r, rs->next_tick, &sc);
        json_object_set_new(rec, "Status", json_string("Gap"));
        json_object_set_new(rec, "TicksSkipped", json_integer(count - limit));
        json_array_append_new(e->state->runs, rec);
        rs->next_tick += (count - limit) * r->frequency;
    }
    for (int64_t t = rs->next_tick; t <= last; t += r->frequency) {
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 64;
            *v = realloc(*v, (size_t)*cap * sizeof **v);
        }
        (*v)[(*n)++] = (due){t, r};
    }
    rs->next_tick = last + r->frequency;
}

int det_step(det_engine *e, int64_t now)
{
    e->state->rules = e->rules;
    due *v = NULL;
    int n = 0, cap = 0, rc = 0;
    for (int i = 0; i < e->rules->n; i++)
        if (is_runnable(e->rules->v[i]) && e->rules->v[i]->frequency > 0)
            collect(e, e->rules->v[i], now, &v, &n, &cap);
    if (n)
        qsort(v, (size_t)n, sizeof *v, cmp_due);
    for (int i = 0; i < n; i++) {
        process_external(e, v[i].at);
        if (run_tick(e, v[i].rule, v[i].at) < 0) {
            snprintf(e->err, sizeof e->err, "rule %s failed at a run", v[i].rule->id);
            rc = -1;
        }
    }
    process_external(e, now);
    free(v);
    return rc;
}
