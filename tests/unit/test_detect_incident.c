/* tests/unit/test_detect_incident.c — incidents and automation under a
 * simulated clock: no grouping, AnyAlert with lookback expiry, AllEntities,
 * Selected by custom detail, reopening closed incidents, the alerts-per-
 * incident cap, status sync incident → alerts, closing rules, incident-
 * creation rules for external SecurityAlert rows with source status sync,
 * and automation order with ties broken by id, plus expiration.
 * Prints "N passed, N failed".
 */
#include "detect_test.h"

#define PER_RESULT "eventGroupingSettings: {aggregationKind: AlertPerResult}\nhunt: {delay: 0m}\n"

static char *grouped_rule(const char *grouping)
{
    char *s = NULL;
    if (asprintf(&s,
                 RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 1h\n" PER_RESULT
                           "customDetails: {Op: OperationName}\n"
                           "incidentConfiguration:\n  createIncident: true\n"
                           "  groupingConfiguration:\n%s",
                 grouping) < 0)
        exit(2);
    return s;
}

static int incidents(world *w)
{
    return (int)json_array_size(w->st.incidents);
}

static json_t *incident(world *w, int i)
{
    return json_array_get(w->st.incidents, (size_t)i);
}

static void run_rule(world *w, const char *rule)
{
    world_rule(w, rule);
    world_load(w, T("2026-03-10T10:00:00Z"));
}

static void test_no_grouping(void)
{
    world w;
    world_init(&w);
    audit(&w, "2026-03-10T09:10:00Z", NULL, "1.1.1.1", "a");
    audit(&w, "2026-03-10T09:20:00Z", NULL, "1.1.1.1", "b");
    run_rule(&w, RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 1h\n" PER_RESULT);
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(2, incidents(&w));
    CHECK_I(1, json_integer_value(json_object_get(incident(&w, 0), "IncidentNumber")));
    CHECK_I(2, json_integer_value(json_object_get(incident(&w, 1), "IncidentNumber")));
    world_free(&w);
}

static void test_any_alert_lookback(void)
{
    world w;
    world_init(&w);
    audit(&w, "2026-03-10T09:10:00Z", NULL, "1.1.1.1", "a");
    audit(&w, "2026-03-10T10:10:00Z", NULL, "2.2.2.2", "b");
    audit(&w, "2026-03-10T12:10:00Z", NULL, "3.3.3.3", "c");
    char *r = grouped_rule("    enabled: true\n    reopenClosedIncident: false\n"
                           "    lookbackDuration: 2h\n    matchingMethod: AnyAlert\n");
    run_rule(&w, r);
    free(r);
    det_step(&w.e, T("2026-03-10T13:00:00Z"));
    CHECK_I(3, own_alerts(&w));
    CHECK_I(2, incidents(&w)); /* 10:00 and 11:00 together; 13:00 is past the 2h lookback */
    CHECK_I(2, json_array_size(json_object_get(incident(&w, 0), "AlertIds")));
    world_free(&w);
}

static void test_all_entities(void)
{
    world w;
    world_init(&w);
    audit(&w, "2026-03-10T09:10:00Z", NULL, "1.1.1.1", "a");
    audit(&w, "2026-03-10T09:20:00Z", NULL, "2.2.2.2", "a");
    audit(&w, "2026-03-10T10:10:00Z", NULL, "1.1.1.1", "b");
    char *r = grouped_rule("    enabled: true\n    reopenClosedIncident: false\n"
                           "    lookbackDuration: 5h\n    matchingMethod: AllEntities\n");
    run_rule(&w, r);
    free(r);
    det_step(&w.e, T("2026-03-10T11:00:00Z"));
    CHECK_I(2, incidents(&w));
    CHECK_I(2, json_array_size(json_object_get(incident(&w, 0), "AlertIds")));
    /* an alert is in exactly one incident */
    size_t i;
    json_t *a;
    int placed = 0;
    json_array_foreach(w.st.alerts, i, a) placed +=
        json_integer_value(json_object_get(a, "_incident")) > 0;
    CHECK_I(3, placed);
    world_free(&w);
}

static void test_selected_custom(void)
{
    world w;
    world_init(&w);
    audit(&w, "2026-03-10T09:10:00Z", NULL, "1.1.1.1", "a");
    audit(&w, "2026-03-10T09:20:00Z", NULL, "2.2.2.2", "a");
    audit(&w, "2026-03-10T09:30:00Z", NULL, "3.3.3.3", "b");
    char *r = grouped_rule("    enabled: true\n    reopenClosedIncident: false\n"
                           "    lookbackDuration: 5h\n    matchingMethod: Selected\n"
                           "    groupByCustomDetails: [Op]\n");
    run_rule(&w, r);
    free(r);
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(2, incidents(&w));
    world_free(&w);
}

static void test_reopen_and_sync(void)
{
    for (int reopen = 0; reopen < 2; reopen++) {
        world w;
        world_init(&w);
        audit(&w, "2026-03-10T09:10:00Z", NULL, "1.1.1.1", "a");
        audit(&w, "2026-03-10T10:10:00Z", NULL, "1.1.1.1", "b");
        char *r = grouped_rule(reopen ? "    enabled: true\n    reopenClosedIncident: true\n"
                                        "    lookbackDuration: 5h\n    matchingMethod: AnyAlert\n"
                                      : "    enabled: true\n    reopenClosedIncident: false\n"
                                        "    lookbackDuration: 5h\n    matchingMethod: AnyAlert\n");
        run_rule(&w, r);
        free(r);
        det_step(&w.e, T("2026-03-10T10:00:00Z"));
        char msg[256];
        const det_rule *s = det_ruleset_settings(&w.rules);
        CHECK(det_incident_set_status(&w.st, s, incident(&w, 0), "Closed", NULL, NULL, NULL, "User",
                                      T("2026-03-10T10:30:00Z"), msg, sizeof msg) < 0);
        CHECK(det_incident_set_status(&w.st, s, incident(&w, 0), "Closed", "FalsePositive",
                                      "SuspiciousActivity", NULL, "User", T("2026-03-10T10:30:00Z"),
                                      msg, sizeof msg) < 0);
        CHECK_I(0, det_incident_set_status(&w.st, s, incident(&w, 0), "Closed", "FalsePositive",
                                           "IncorrectAlertLogic", NULL, "User",
                                           T("2026-03-10T10:30:00Z"), msg, sizeof msg));
        CHECK_S("Dismissed", sfield(json_array_get(w.st.alerts, 0), "Status"));
        det_step(&w.e, T("2026-03-10T11:00:00Z"));
        CHECK_I(reopen ? 1 : 2, incidents(&w));
        CHECK_S(reopen ? "Active" : "Closed", sfield(incident(&w, 0), "Status"));
        if (reopen)
            CHECK_S("InProgress", sfield(json_array_get(w.st.alerts, 0), "Status"));
        world_free(&w);
    }
}

static void test_incident_cap(void)
{
    world w;
    world_init(&w);
    world_rule(&w, "kind: Settings\nmaxAlertsPerIncident: 2\n");
    for (int i = 0; i < 3; i++) {
        char ts[40];
        snprintf(ts, sizeof ts, "2026-03-10T09:1%d:00Z", i);
        audit(&w, ts, NULL, "1.1.1.1", "a");
    }
    char *r = grouped_rule("    enabled: true\n    reopenClosedIncident: false\n"
                           "    lookbackDuration: 5h\n    matchingMethod: AnyAlert\n");
    run_rule(&w, r);
    free(r);
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(2, incidents(&w));
    CHECK_S(sfield(incident(&w, 0), "Title"), sfield(incident(&w, 1), "Title"));
    world_free(&w);
}

static void external(world *w, const char *id, const char *product, const char *sev,
                     const char *name, const char *status, const char *ing)
{
    json_t *a =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "SystemAlertId", id, "ProductName",
                  product, "AlertSeverity", sev, "AlertName", name, "DisplayName", name, "Status",
                  status, "TimeGenerated", ing, "_ingestedAt", ing);
    det_source_add(&w->src, "SecurityAlert", a, INT64_MIN);
    json_decref(a);
}

static void test_incident_creation_rules(void)
{
    world w;
    world_init(&w);
    world_rule(&w, "kind: MicrosoftSecurityIncidentCreation\nid: msic\ndisplayName: D4C\n"
                   "productFilter: Microsoft Defender for Cloud\nseveritiesFilter: [Medium, High]\n"
                   "displayNamesExcludeFilter: [Preview]\n");
    world_rule(&w, "kind: MicrosoftSecurityIncidentCreation\nid: msic2\ndisplayName: D4C again\n"
                   "productFilter: Azure Security Center\n");
    world_rule(&w, "kind: Settings\nsync: {closeIncidentWhenAllAlertsClosed: true}\n");
    external(&w, "a1", "Azure Security Center", "High", "Miner detected", "New",
             "2026-03-10T09:00:00Z");
    external(&w, "a2", "Azure Security Center", "Low", "Anomalous pod (Preview)", "New",
             "2026-03-10T09:05:00Z");
    external(&w, "a3", "Microsoft Cloud App Security", "High", "Mass download", "New",
             "2026-03-10T09:06:00Z");
    external(&w, "a1", "Azure Security Center", "High", "Miner detected", "Resolved",
             "2026-03-10T09:30:00Z");
    world_load(&w, 0);
    det_step(&w.e, T("2026-03-10T09:10:00Z"));
    CHECK_I(2, incidents(&w)); /* a1 (matches both rules: one incident), a2 via msic2 */
    CHECK_I(3, json_array_size(w.st.alerts));
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_S("Resolved", sfield(json_array_get(w.st.alerts, 0), "Status"));
    CHECK_S("Closed", sfield(incident(&w, 0), "Status"));
    CHECK_S("New", sfield(incident(&w, 1), "Status"));
    world_free(&w);
}

static void test_automation_order(void)
{
    world w;
    world_init(&w);
    const char *tmpl = "kind: AutomationRule\nid: %s\ndisplayName: x\norder: %d\n"
                       "triggeringLogic:\n  isEnabled: true\n  triggersOn: Incidents\n"
                       "  triggersWhen: Created\n%s  conditions: []\n"
                       "actions:\n  - order: 1\n    actionType: ModifyProperties\n"
                       "    actionConfiguration: {labels: [{labelName: %s}]}\n";
    char buf[1024];
    snprintf(buf, sizeof buf, tmpl, "b-rule", 5, "", "second");
    world_rule(&w, buf);
    snprintf(buf, sizeof buf, tmpl, "a-rule", 5, "", "first");
    world_rule(&w, buf);
    snprintf(buf, sizeof buf, tmpl, "c-rule", 1, "", "zeroth");
    world_rule(&w, buf);
    snprintf(buf, sizeof buf, tmpl, "d-expired", 2, "  expirationTimeUtc: 2026-03-01T00:00:00Z\n",
             "expired");
    world_rule(&w, buf);
    world_rule(&w, "kind: AutomationRule\nid: closer\ndisplayName: close info\norder: 9\n"
                   "triggeringLogic:\n  isEnabled: true\n  triggersOn: Incidents\n"
                   "  triggersWhen: Created\n  conditions:\n    - conditionType: Property\n"
                   "      conditionProperties: {propertyName: IncidentSeverity, operator: Equals,"
                   " propertyValues: [Informational]}\n"
                   "actions:\n  - order: 1\n    actionType: ModifyProperties\n"
                   "    actionConfiguration: {status: Closed, classification: BenignPositive,"
                   " classificationReason: SuspiciousButExpected}\n");
    audit(&w, "2026-03-10T09:10:00Z", NULL, "1.1.1.1", "a");
    run_rule(&w, "id: info\nname: Info\ndescription: d\nseverity: Informational\n"
                 "queryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\n"
                 "query: CloudAuditEvents | project Timestamp\nhunt: {delay: 0m}\n");
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(1, incidents(&w));
    json_t *labels = json_object_get(incident(&w, 0), "Labels");
    CHECK_I(3, json_array_size(labels));
    CHECK_S("zeroth", sfield(json_array_get(labels, 0), "labelName"));
    CHECK_S("first", sfield(json_array_get(labels, 1), "labelName"));
    CHECK_S("second", sfield(json_array_get(labels, 2), "labelName"));
    CHECK_S("Closed", sfield(incident(&w, 0), "Status"));
    CHECK_S("Resolved", sfield(json_array_get(w.st.alerts, 0), "Status"));
    world_free(&w);
}

int main(void)
{
    test_no_grouping();
    test_any_alert_lookback();
    test_all_entities();
    test_selected_custom();
    test_reopen_and_sync();
    test_incident_cap();
    test_incident_creation_rules();
    test_automation_order();
    return check_summary();
}
