/* tests/unit/test_detect_automation.c — automation conditions on tracked
 * changes and arrays (PropertyArray over custom details with AnyItem /
 * AllItems, PropertyArrayChanged on Alerts/Labels/Tactics/Comments,
 * PropertyChanged on IncidentStatus / IncidentSeverity / IncidentOwner),
 * hunt.timeColumn scoping the window and the late-row count, and the sink
 * outbox kept in the store when delivery fails. Simulated clock throughout.
 * Prints "N passed, N failed".
 */
#include "detect_test.h"

static int match(const char *conds, const char *obj)
{
    json_t *c = json_loads(conds, 0, NULL), *o = json_loads(obj, 0, NULL);
    if (!c || !o) {
        printf("bad JSON in test\n");
        exit(2);
    }
    json_t *alerts = json_array();
    int m = det_automation_match(c, o, alerts);
    json_decref(alerts);
    json_decref(c);
    json_decref(o);
    return m;
}

#define INC                                                                                        \
    "{\"IncidentNumber\":1,\"CustomDetails\":{\"Country\":[\"US\",\"DE\"],\"User\":[\"bob\"]}"
#define KEY(op, v)                                                                                 \
    "{\"conditionType\":\"Property\",\"conditionProperties\":{\"propertyName\":"                   \
    "\"IncidentCustomDetailsKey\",\"operator\":\"" op "\",\"propertyValues\":[\"" v "\"]}}"
#define VAL(op, v)                                                                                 \
    "{\"conditionType\":\"Property\",\"conditionProperties\":{\"propertyName\":"                   \
    "\"IncidentCustomDetailsValue\",\"operator\":\"" op "\",\"propertyValues\":[\"" v "\"]}}"
#define ARR(type, kind, items)                                                                     \
    "{\"conditionType\":\"PropertyArray\",\"conditionProperties\":{\"arrayType\":\"" type          \
    "\",\"arrayConditionType\":\"" kind "\",\"itemConditions\":[" items "]}}"

static void test_property_array(void)
{
    /* a key and one of its own values */
    CHECK(match("[" ARR("CustomDetails", "AnyItem",
                        KEY("Equals", "Country") "," ARR("CustomDetailValues", "AnyItem",
                                                         VAL("Equals", "DE"))) "]",
                INC "}"));
    CHECK(!match("[" ARR("CustomDetails", "AnyItem",
                         KEY("Equals", "Country") "," ARR("CustomDetailValues", "AnyItem",
                                                          VAL("Equals", "FR"))) "]",
                 INC "}"));
    /* DE is a value of Country, not of User: items are scoped */
    CHECK(!match("[" ARR("CustomDetails", "AnyItem",
                         KEY("Equals", "User") "," ARR("CustomDetailValues", "AnyItem",
                                                       VAL("Equals", "DE"))) "]",
                 INC "}"));
    /* a key with a value condition directly on the item */
    CHECK(match(
        "[" ARR("CustomDetails", "AnyItem", KEY("StartsWith", "us") "," VAL("Equals", "BOB")) "]",
        INC "}"));
    CHECK(!match(
        "[" ARR("CustomDetails", "AnyItem", KEY("Equals", "User") "," VAL("Equals", "US")) "]",
        INC "}"));
    /* values of any key */
    CHECK(match("[" ARR("CustomDetailValues", "AnyItem", VAL("Equals", "bob")) "]", INC "}"));
    /* AllItems: every value is not XX / not every value is US */
    CHECK(match("[" ARR("CustomDetailValues", "AllItems", VAL("NotEquals", "XX")) "]", INC "}"));
    CHECK(!match("[" ARR("CustomDetailValues", "AllItems", VAL("Equals", "US")) "]", INC "}"));
    /* no custom details: neither AnyItem nor AllItems holds */
    CHECK(!match("[" ARR("CustomDetails", "AnyItem", KEY("NotEquals", "x")) "]",
                 "{\"IncidentNumber\":1,\"CustomDetails\":{}}"));
    CHECK(!match("[" ARR("CustomDetails", "AllItems", KEY("NotEquals", "x")) "]",
                 "{\"IncidentNumber\":1}"));
    /* an alert's custom details */
    CHECK(match("[" ARR("CustomDetailValues", "AnyItem", VAL("Contains", "let")) "]",
                "{\"SystemAlertId\":\"a\",\"_customDetails\":{\"Op\":[\"delete\"]}}"));
    /* unknown array type never matches; nesting inside Boolean works */
    CHECK(!match("[" ARR("Entities", "AnyItem", VAL("Equals", "bob")) "]", INC "}"));
    CHECK(match("[{\"conditionType\":\"Boolean\",\"conditionProperties\":{\"operator\":\"Or\","
                "\"innerConditions\":[" VAL("Equals", "nope") "," ARR(
                    "CustomDetailValues", "AnyItem", VAL("Equals", "US")) "]}}]",
                INC "}"));
}

#define CHANGED(arr, type)                                                                         \
    "[{\"conditionType\":\"PropertyArrayChanged\",\"conditionProperties\":{\"arrayType\":\"" arr   \
    "\",\"changeType\":\"" type "\"}}]"

static void test_array_changed_direct(void)
{
    const char *inc =
        "{\"IncidentNumber\":1,\"_added\":{\"Labels\":[\"x\"],\"Tactics\":[\"Impact\"],"
        "\"Comments\":[\"c\"],\"Alerts\":[]}}";
    CHECK(match(CHANGED("Labels", "Added"), inc));
    CHECK(match(CHANGED("Tactics", "Added"), inc));
    CHECK(match(CHANGED("Comments", "Added"), inc));
    CHECK(!match(CHANGED("Alerts", "Added"), inc)); /* empty list: nothing added */
    CHECK(!match(CHANGED("Labels", "Removed"), inc));
    CHECK(!match(CHANGED("Labels", "Added"), "{\"IncidentNumber\":1}"));
}

static void auto_rule(world *w, const char *id, int order, const char *when, const char *conds,
                      const char *config)
{
    char buf[2048];
    snprintf(buf, sizeof buf,
             "kind: AutomationRule\nid: %s\ndisplayName: %s\norder: %d\n"
             "triggeringLogic:\n  isEnabled: true\n  triggersOn: Incidents\n"
             "  triggersWhen: %s\n  conditions: %s\n"
             "actions:\n  - order: 1\n    actionType: ModifyProperties\n"
             "    actionConfiguration: %s\n",
             id, id, order, when, conds, config);
    world_rule(w, buf);
}

static int has_label(json_t *inc, const char *name)
{
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(inc, "Labels"), i,
                       l) if (!strcmp(sfield(l, "labelName"), name)) return 1;
    return 0;
}

#define LABEL(n) "{labels: [{labelName: " n "}]}"
#define PCHANGED(prop, side, op, v)                                                                \
    "{conditionType: PropertyChanged, conditionProperties: {propertyName: " prop                   \
    ", changeType: " side ", operator: " op ", propertyValues: [" v "]}}"

static void test_changes_end_to_end(void)
{
    world w;
    world_init(&w);
    world_rule(&w, RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 1h\n"
                             "eventGroupingSettings: {aggregationKind: AlertPerResult}\n"
                             "hunt: {delay: 0m}\n"
                             "incidentConfiguration:\n  createIncident: true\n"
                             "  groupingConfiguration:\n    enabled: true\n"
                             "    lookbackDuration: 1d\n    matchingMethod: AnyAlert\n");
    auto_rule(&w, "a1", 1, "Created", "[]",
              "{severity: High, owner: {objectId: u1, userPrincipalName: alice@contoso.com}}");
    auto_rule(&w, "u-sev", 2, "Updated",
              "[" PCHANGED("IncidentSeverity", "ChangedFrom", "Equals", "Medium") ", " PCHANGED(
                  "IncidentSeverity", "ChangedTo", "Equals", "High") "]",
              LABEL("sev-raised"));
    auto_rule(&w, "u-owner", 3, "Updated",
              "[" PCHANGED("IncidentOwner", "ChangedTo", "Equals", "alice@contoso.com") "]",
              LABEL("owned"));
    auto_rule(&w, "u-alerts", 4, "Updated",
              "[{conditionType: PropertyArrayChanged, conditionProperties: {arrayType: Alerts,"
              " changeType: Added}}]",
              LABEL("alerts-added"));
    auto_rule(&w, "u-status", 5, "Updated",
              "[" PCHANGED("IncidentStatus", "ChangedTo", "Equals", "Closed") "]",
              LABEL("closed-seen"));
    auto_rule(&w, "u-wrong", 6, "Updated",
              "[" PCHANGED("IncidentSeverity", "ChangedTo", "NotEquals", "High") "]",
              LABEL("wrong"));
    auto_rule(&w, "u-labels", 7, "Updated",
              "[{conditionType: PropertyArrayChanged, conditionProperties: {arrayType: Labels,"
              " changeType: Added}}]",
              "{severity: Low}");
    audit(&w, "2026-03-10T09:10:00Z", NULL, "1.1.1.1", "a");
    CHECK_I(0, world_load(&w, T("2026-03-10T10:00:00Z")));
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(1, (int)json_array_size(w.st.incidents));
    json_t *inc = json_array_get(w.st.incidents, 0);
    CHECK(has_label(inc, "sev-raised"));
    CHECK(has_label(inc, "owned"));
    CHECK(!has_label(inc, "alerts-added")); /* the first alert is not an update */
    CHECK(!has_label(inc, "closed-seen"));
    CHECK(!has_label(inc, "wrong"));
    /* labels added inside the update chain do not cascade into more rules */
    CHECK_S("High", sfield(inc, "Severity"));
    CHECK(!json_object_get(inc, "_changed"));
    CHECK(!json_object_get(inc, "_added"));

    audit(&w, "2026-03-10T10:10:00Z", NULL, "2.2.2.2", "b");
    det_step(&w.e, T("2026-03-10T11:00:00Z"));
    CHECK_I(1, (int)json_array_size(w.st.incidents));
    CHECK_I(2, (int)json_array_size(json_object_get(inc, "AlertIds")));
    CHECK(has_label(inc, "alerts-added"));
    CHECK(!has_label(inc, "wrong"));
    CHECK(!json_object_get(inc, "_added"));

    char msg[256];
    CHECK_I(0, det_incident_set_status(&w.st, det_ruleset_settings(&w.rules), inc, "Closed",
                                       "TruePositive", "SuspiciousActivity", NULL, "User",
                                       T("2026-03-10T11:30:00Z"), msg, sizeof msg));
    CHECK(has_label(inc, "closed-seen"));
    CHECK(!json_object_get(inc, "_changed"));
    /* closing again is no change: nothing re-fires */
    size_t ran = json_array_size(json_object_get(inc, "_automation"));
    CHECK_I(0, det_incident_set_status(&w.st, det_ruleset_settings(&w.rules), inc, "Closed",
                                       "TruePositive", NULL, NULL, "User",
                                       T("2026-03-10T11:40:00Z"), msg, sizeof msg));
    CHECK_I((long long)ran, (long long)json_array_size(json_object_get(inc, "_automation")));
    world_free(&w);
}

static void row(world *w, const char *ts, const char *evt, const char *ing, const char *rid)
{
    json_t *r = json_pack("{s:s, s:s, s:s, s:s}", "Timestamp", ts, "ReportId", rid, "IPAddress",
                          "9.9.9.9", "OperationName", "op");
    if (evt)
        json_object_set_new(r, "EventTime", json_string(evt));
    if (ing)
        json_object_set_new(r, "_ingestedAt", json_string(ing));
    det_source_add(&w->src, "CloudAuditEvents", r, INT64_MIN);
    json_decref(r);
}

static int64_t rows_at(world *w, int run)
{
    return json_integer_value(
        json_object_get(json_array_get(w->st.runs, (size_t)run), "ResultRows"));
}

static void test_time_column(int with)
{
    world w;
    world_init(&w);
    char rule[2048];
    snprintf(rule, sizeof rule,
             RULE_HEAD "queryFrequency: 1h\nqueryPeriod: 1h\nhunt: {delay: 0m%s}\n",
             with ? ", timeColumn: EventTime" : "");
    world_rule(&w, rule);
    /* A: Timestamp in the 10:00 window, EventTime in the 09:00 one */
    row(&w, "2026-03-10T09:10:00Z", "2026-03-10T08:30:00Z", "2026-03-10T08:30:00Z", "A");
    /* C: no EventTime: falls back to Timestamp (10:00 window) */
    row(&w, "2026-03-10T09:40:00Z", NULL, NULL, "C");
    /* D: Timestamp in the 11:00 window, EventTime long before; ingested late */
    row(&w, "2026-03-10T10:20:00Z", "2026-03-10T08:50:00Z", "2026-03-10T10:30:00Z", "D");
    CHECK_I(0, world_load(&w, T("2026-03-10T09:00:00Z")));
    det_step(&w.e, T("2026-03-10T11:00:00Z"));
    CHECK_I(3, (int)json_array_size(w.st.runs));
    if (with) {
        CHECK_I(1, rows_at(&w, 0)); /* 09:00: A by EventTime */
        CHECK_I(1, rows_at(&w, 1)); /* 10:00: C */
        CHECK_I(0, rows_at(&w, 2)); /* 11:00: D is before the window on EventTime */
        CHECK_I(1, runs_sum(&w, "LateRowsMissed"));
    } else {
        CHECK_I(0, rows_at(&w, 0));
        CHECK_I(2, rows_at(&w, 1));
        CHECK_I(1, rows_at(&w, 2));
        CHECK_I(0, runs_sum(&w, "LateRowsMissed"));
    }
    world_free(&w);
}

static void test_outbox_kept(void)
{
    char dir[] = "/tmp/hunt-outbox-test-XXXXXX";
    if (!mkdtemp(dir))
        exit(2);
    det_state st;
    det_state_init(&st);
    for (int i = 0; i < 3; i++)
        json_array_append_new(st.events, json_pack("{s:s, s:i}", "event", "AlertCreated", "n", i));
    det_sink bad, good;
    char spec[512], path[400], err[512];
    snprintf(spec, sizeof spec, "file:%s/no/such/dir/events.ndjson", dir);
    CHECK_I(0, det_sink_parse(spec, &bad));
    CHECK_I(3, det_sink_flush(&bad, &st));
    CHECK_I(3, (int)json_array_size(st.events));
    CHECK_I(0, det_store_save(dir, &st, err, sizeof err));
    det_state_free(&st);
    det_state_init(&st);
    CHECK_I(0, det_store_load(dir, &st, err, sizeof err));
    CHECK_I(3, (int)json_array_size(st.events));
    snprintf(path, sizeof path, "%s/events.ndjson", dir);
    snprintf(spec, sizeof spec, "file:%s", path);
    CHECK_I(0, det_sink_parse(spec, &good));
    CHECK_I(0, det_sink_flush(&good, &st));
    CHECK_I(0, (int)json_array_size(st.events));
    FILE *f = fopen(path, "r");
    char line[256];
    int n = 0, inorder = 1;
    while (f && fgets(line, sizeof line, f)) {
        char want[32];
        snprintf(want, sizeof want, "\"n\": %d", n);
        char want2[32];
        snprintf(want2, sizeof want2, "\"n\":%d", n);
        inorder &= strstr(line, want) != NULL || strstr(line, want2) != NULL;
        n++;
    }
    if (f)
        fclose(f);
    CHECK_I(3, n);
    CHECK(inorder);
    det_sink_free(&bad);
    det_sink_free(&good);
    det_state_free(&st);
    unlink(path);
    snprintf(path, sizeof path, "%s/detect.db", dir);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    test_property_array();
    test_array_changed_direct();
    test_changes_end_to_end();
    test_time_column(1);
    test_time_column(0);
    test_outbox_kept();
    return check_summary();
}
