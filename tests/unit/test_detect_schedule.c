/* tests/unit/test_detect_schedule.c — the detection scheduler under a
 * simulated clock: durations, tick alignment, windows, boundaries, late
 * data, catch-up and gaps, thresholds, dedupe across overlapping windows,
 * suppression (rule and entity), the per-run cap with its summary alert,
 * {{Column}} overrides, entities, deterministic ids, and a store restart.
 * Prints "N passed, N failed".
 */
#include "detect_test.h"

static void test_durations(void)
{
    int64_t v;
    CHECK(det_duration_parse("5m", &v) == 0 && v == 5 * DET_MIN);
    CHECK(det_duration_parse("PT1H", &v) == 0 && v == DET_HOUR);
    CHECK(det_duration_parse("P1DT2H", &v) == 0 && v == DET_DAY + 2 * DET_HOUR);
    CHECK(det_duration_parse("01:30:00", &v) == 0 && v == 90 * DET_MIN);
    CHECK(det_duration_parse("1.00:00:00", &v) == 0 && v == DET_DAY);
    CHECK(det_duration_parse("5x", &v) < 0);
    CHECK(det_duration_parse("", &v) < 0);
    CHECK(det_duration_parse("P", &v) < 0);
    char b[DET_TBUF];
    CHECK_S("2026-03-10T02:20:05Z", det_time_format(T("2026-03-10T02:20:05Z"), b));
    CHECK_S("2026-03-10T00:20:05.1000000Z", det_time_format(T("2026-03-10T02:20:05.1+02:00"), b));
}

static void test_windows(void)
{
    world w;
    world_init(&w);
    world_rule(&w, RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 2h\n");
    CHECK_I(0, world_load(&w, 0));
    const det_rule *r = w.rules.v[0];
    CHECK_I(5 * DET_MIN, r->delay);
    CHECK_I(T("2026-03-10T10:00:00Z"), det_tick_floor(r, T("2026-03-10T10:59:59Z")));
    CHECK_I(T("2026-03-10T11:00:00Z"), det_tick_ceil(r, T("2026-03-10T10:00:01Z")));
    CHECK_I(T("2026-03-10T10:00:00Z"), det_tick_ceil(r, T("2026-03-10T10:00:00Z")));
    det_scope sc = det_window(r, T("2026-03-10T10:00:00Z"));
    CHECK_I(T("2026-03-10T07:55:00Z"), sc.from);
    CHECK_I(T("2026-03-10T09:55:00Z"), sc.to);
    CHECK_I(T("2026-03-10T10:00:00Z"), sc.visible_at);
    world_free(&w);
}

/* A row exactly on a boundary belongs to one run only (half-open windows). */
static void test_boundary(void)
{
    world w;
    world_init(&w);
    world_rule(&w, RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 1h\nhunt: {delay: 0m}\n");
    audit(&w, "2026-03-10T10:00:00Z", NULL, "1.2.3.4", "op");
    world_load(&w, T("2026-03-10T09:00:00Z"));
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(0, own_alerts(&w));
    det_step(&w.e, T("2026-03-10T11:00:00Z"));
    CHECK_I(1, own_alerts(&w));
    det_step(&w.e, T("2026-03-10T12:00:00Z"));
    CHECK_I(1, own_alerts(&w));
    CHECK_I(4, json_array_size(w.st.runs)); /* ticks 09:00, 10:00, 11:00, 12:00 */
    world_free(&w);
}

/* Late data: invisible before ingestion; counted as missed when its window passed. */
static void test_late(void)
{
    world w;
    world_init(&w);
    world_rule(&w, RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 1h\nhunt: {delay: 0m}\n");
    audit(&w, "2026-03-10T09:30:00Z", "2026-03-10T10:30:00Z", "1.2.3.4", "op");
    world_load(&w, T("2026-03-10T10:00:00Z"));
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(0, own_alerts(&w));
    det_step(&w.e, T("2026-03-10T11:00:00Z"));
    CHECK_I(0, own_alerts(&w));
    CHECK_I(1, runs_sum(&w, "LateRowsMissed"));
    world_free(&w);

    world_init(&w); /* a period covering the lag catches it */
    world_rule(&w, RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 2h\nhunt: {delay: 0m}\n");
    audit(&w, "2026-03-10T09:30:00Z", "2026-03-10T10:30:00Z", "1.2.3.4", "op");
    world_load(&w, T("2026-03-10T10:00:00Z"));
    det_step(&w.e, T("2026-03-10T12:00:00Z"));
    CHECK_I(1, own_alerts(&w));
    CHECK_I(0, runs_sum(&w, "LateRowsMissed"));
    world_free(&w);
}

/* NRT: ingestion-time windows see every row once, however late. */
static void test_nrt(void)
{
    world w;
    world_init(&w);
    world_rule(&w, "id: nrt\nname: N\ndescription: d\nseverity: Low\nkind: NRT\n"
                   "query: CloudAuditEvents | project Timestamp, ReportId, IPAddress\n");
    audit(&w, "2026-03-10T08:00:00Z", "2026-03-10T10:00:30Z", "1.2.3.4", "op");
    world_load(&w, T("2026-03-10T10:00:00Z"));
    CHECK_I(DET_KIND_NRT, w.rules.v[0]->kind);
    det_step(&w.e, T("2026-03-10T10:10:00Z"));
    CHECK_I(1, own_alerts(&w));
    CHECK_I(11, json_array_size(w.st.runs));
    world_free(&w);
}

static void test_catch_up(void)
{
    world w;
    world_init(&w);
    world_rule(&w, RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 1h\nhunt: {delay: 0m}\n");
    world_load(&w, 0);
    w.e.no_catch_up_cap = 0;
    det_step(&w.e, T("2026-03-10T10:30:00Z")); /* first run: latest tick only */
    CHECK_I(1, json_array_size(w.st.runs));
    det_step(&w.e, T("2026-03-10T14:00:00Z"));
    CHECK_I(5, json_array_size(w.st.runs));
    CHECK_S("2026-03-10T11:00:00Z", sfield(json_array_get(w.st.runs, 1), "Tick"));
    world_free(&w);

    world_init(&w);
    world_rule(&w, RULE_HEAD
               "queryFrequency: 1h\nqueryPeriod: 1h\nhunt: {delay: 0m, catchUp: false}\n");
    world_load(&w, 0);
    w.e.no_catch_up_cap = 0;
    det_step(&w.e, T("2026-03-10T10:30:00Z"));
    det_step(&w.e, T("2026-03-10T14:00:00Z"));
    CHECK_I(1, runs_with(&w, "Gap"));
    CHECK_I(2, runs_with(&w, "Succeeded"));
    world_free(&w);
}

static void test_dedupe(void)
{
    const char *modes[] = {"auto", "none"};
    int expect[] = {1, 3};
    for (int m = 0; m < 2; m++) {
        world w;
        world_init(&w);
        char rule[2048];
        snprintf(rule, sizeof rule,
                 RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 3h\n"
                           "eventGroupingSettings: {aggregationKind: AlertPerResult}\n"
                           "hunt: {delay: 0m, dedupe: %s}\n",
                 modes[m]);
        world_rule(&w, rule);
        audit(&w, "2026-03-10T09:30:00Z", NULL, "1.2.3.4", "op");
        world_load(&w, T("2026-03-10T10:00:00Z"));
        det_step(&w.e, T("2026-03-10T13:00:00Z"));
        CHECK_I(expect[m], own_alerts(&w));
        world_free(&w);
    }
}

static void test_suppression(void)
{
    world w;
    world_init(&w);
    world_rule(&w, RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 1h\nsuppressionEnabled: true\n"
                             "suppressionDuration: 2h\nhunt: {delay: 0m}\n");
    audit(&w, "2026-03-10T09:10:00Z", NULL, "1.1.1.1", "op");
    audit(&w, "2026-03-10T10:10:00Z", NULL, "2.2.2.2", "op");
    audit(&w, "2026-03-10T11:10:00Z", NULL, "3.3.3.3", "op");
    audit(&w, "2026-03-10T12:10:00Z", NULL, "4.4.4.4", "op");
    world_load(&w, T("2026-03-10T10:00:00Z"));
    det_step(&w.e, T("2026-03-10T13:00:00Z"));
    CHECK_I(2, own_alerts(&w)); /* 10:00 alerts, 11:00 suppressed, 12:00 alerts, 13:00 suppressed */
    CHECK_I(2, runs_with(&w, "Suppressed"));
    world_free(&w);

    world_init(&w); /* entity suppression: same IP again inside the duration is dropped */
    world_rule(&w,
               RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 1h\nsuppressionEnabled: true\n"
                         "suppressionDuration: 3h\n"
                         "eventGroupingSettings: {aggregationKind: AlertPerResult}\n"
                         "customDetails: {Op: OperationName}\n"
                         "hunt: {delay: 0m, suppression: entity, dedupe: {key: [IPAddress]}}\n");
    audit(&w, "2026-03-10T09:10:00Z", NULL, "1.1.1.1", "op");
    audit(&w, "2026-03-10T09:20:00Z", NULL, "1.1.1.1", "op");
    world_load(&w, T("2026-03-10T10:00:00Z"));
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(1, own_alerts(&w)); /* keyed on IPAddress: the second row is suppressed */
    CHECK_I(1, runs_sum(&w, "AlertsDeduped"));
    audit(&w, "2026-03-10T10:20:00Z", NULL, "1.1.1.1", "op");
    audit(&w, "2026-03-10T10:30:00Z", NULL, "9.9.9.9", "op");
    det_step(&w.e, T("2026-03-10T11:00:00Z"));
    CHECK_I(2, own_alerts(&w)); /* only the new IP */
    world_free(&w);
}

static void test_cap_and_threshold(void)
{
    world w;
    world_init(&w);
    world_rule(&w,
               RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 1h\n"
                         "eventGroupingSettings: {aggregationKind: AlertPerResult}\n"
                         "alertDetailsOverride: {alertDisplayNameFormat: 'From {{IPAddress}}'}\n"
                         "hunt: {delay: 0m, maxAlertsPerRun: 3}\n");
    const char *ips[] = {"1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"};
    char ts[40];
    for (int i = 0; i < 5; i++) {
        snprintf(ts, sizeof ts, "2026-03-10T09:1%d:00Z", i);
        audit(&w, ts, NULL, ips[i], "op");
    }
    world_load(&w, T("2026-03-10T10:00:00Z"));
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(3, own_alerts(&w));
    json_t *a0 = json_array_get(w.st.alerts, 0), *a2 = json_array_get(w.st.alerts, 2);
    CHECK_S("From 1.1.1.1", sfield(a0, "AlertName"));
    CHECK(json_is_true(json_object_get(a2, "_isSummary")));
    CHECK_I(5, json_integer_value(json_object_get(a2, "_rowCount")));
    CHECK_I(3, runs_sum(&w, "AlertsCapped"));
    CHECK_S("2026-03-10T09:10:00Z", sfield(a0, "StartTime"));
    CHECK(strstr(sfield(a0, "Entities"), "\"Address\":\"1.1.1.1\"") != NULL);
    world_free(&w);

    world_init(&w); /* eq 0 alerts on an empty result */
    world_rule(&w, "id: quiet\nname: Source went quiet\ndescription: d\nseverity: Low\n"
                   "queryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: eq\ntriggerThreshold: 0\n"
                   "query: CloudAuditEvents | project Timestamp\nhunt: {delay: 0m}\n");
    world_load(&w, T("2026-03-10T10:00:00Z"));
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(1, own_alerts(&w));
    CHECK_S("2026-03-10T09:00:00Z", sfield(json_array_get(w.st.alerts, 0), "StartTime"));
    world_free(&w);
}

/* Same inputs, same ids; a restart from the store neither re-alerts nor skips. */
static void test_determinism_and_restart(void)
{
    char id1[64] = "", id2[64] = "";
    for (int k = 0; k < 2; k++) {
        world w;
        world_init(&w);
        world_rule(&w, RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 2h\nhunt: {delay: 0m}\n");
        audit(&w, "2026-03-10T09:30:00Z", NULL, "1.2.3.4", "op");
        audit(&w, "2026-03-10T11:30:00Z", NULL, "5.6.7.8", "op");
        world_load(&w, 0);
        det_step(&w.e, T("2026-03-10T10:00:00Z"));
        char err[256];
        CHECK_I(0, det_store_save(w.dir, &w.st, err, sizeof err));
        det_state_free(&w.st);
        det_state_init(&w.st);
        CHECK_I(0, det_store_load(w.dir, &w.st, err, sizeof err));
        w.st.rules = &w.rules;
        CHECK_I(1, own_alerts(&w));
        det_step(&w.e, T("2026-03-10T12:00:00Z"));
        CHECK_I(2, own_alerts(&w)); /* 11:00 sees the 09:30 row again: deduped */
        CHECK_I(3, json_array_size(w.st.runs));
        snprintf(k ? id2 : id1, 64, "%s", sfield(json_array_get(w.st.alerts, 1), "SystemAlertId"));
        world_free(&w);
    }
    CHECK_S(id1, id2);
}

int main(void)
{
    test_durations();
    test_windows();
    test_boundary();
    test_late();
    test_nrt();
    test_catch_up();
    test_dedupe();
    test_suppression();
    test_cap_and_threshold();
    test_determinism_and_restart();
    return check_summary();
}
