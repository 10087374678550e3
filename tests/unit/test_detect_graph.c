/* tests/unit/test_detect_graph.c — the Microsoft Graph security shapes that
 * the sinks add to each event (detect/graph.c): a rule alert with account,
 * IP, host, process and Azure-resource entities as graphAlert with its
 * evidence; its incident as graphIncident, before and after closing with a
 * classification; an NRT rule's detectionSource; an ingested Defender alert;
 * and a file sink writing both shapes without changing the outbox objects.
 * Prints "N passed, N failed".
 */
#include "detect_test.h"

#define GRAPH_RULE                                                                                 \
    "id: r-graph\nname: Graph rule\ndescription: Suspicious role change\nseverity: High\n"         \
    "kind: Scheduled\nqueryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\n"                  \
    "triggerThreshold: 0\ntactics: [Persistence, PrivilegeEscalation]\n"                           \
    "relevantTechniques: [T1098, T1078]\nhunt: {delay: 0m}\n"                                      \
    "query: |\n  GraphTestEvents\n"                                                                \
    "  | project TimeGenerated, User, Upn, Sid, Ip, Host, Domain, Os, Pid, Cmd, Res, Op\n"         \
    "customDetails: {Operation: Op}\n"                                                             \
    "incidentConfiguration: {createIncident: true}\n"                                              \
    "entityMappings:\n"                                                                            \
    "  - entityType: Account\n    fieldMappings:\n"                                                \
    "      - {identifier: Name, columnName: User}\n"                                               \
    "      - {identifier: UPNSuffix, columnName: Upn}\n"                                           \
    "      - {identifier: Sid, columnName: Sid}\n"                                                 \
    "  - entityType: IP\n    fieldMappings:\n      - {identifier: Address, columnName: Ip}\n"      \
    "  - entityType: Host\n    fieldMappings:\n"                                                   \
    "      - {identifier: HostName, columnName: Host}\n"                                           \
    "      - {identifier: DnsDomain, columnName: Domain}\n"                                        \
    "      - {identifier: OSFamily, columnName: Os}\n"                                             \
    "  - entityType: Process\n    fieldMappings:\n"                                                \
    "      - {identifier: ProcessId, columnName: Pid}\n"                                           \
    "      - {identifier: CommandLine, columnName: Cmd}\n"                                         \
    "  - entityType: AzureResource\n    fieldMappings:\n"                                          \
    "      - {identifier: ResourceId, columnName: Res}\n"

#define RES_ID                                                                                     \
    "/subscriptions/0000-1111/resourceGroups/rg-prod/providers/Microsoft.Compute/"                 \
    "virtualMachines/vm-web-01"

static void add_row(world *w)
{
    json_t *r = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s}",
                          "TimeGenerated", "2026-03-10T09:30:00Z", "User", "alice", "Upn",
                          "contoso.com", "Sid", "S-1-5-21-1-2-3-1001", "Ip", "203.0.113.7", "Host",
                          "web01", "Domain", "contoso.local", "Os", "Linux", "Pid",
                          (json_int_t)4242, "Cmd", "bash -c 'az role assignment create'", "Res",
                          RES_ID, "Op", "RoleAssignmentCreate");
    det_source_add(&w->src, "GraphTestEvents", r, INT64_MIN);
    json_decref(r);
}

/* The first outbox event named name, with the Graph shapes added (owned). */
static json_t *graph_event(world *w, const char *name)
{
    size_t i;
    json_t *ev;
    json_array_foreach(w->st.events, i, ev) if (!strcmp(sfield(ev, "event"),
                                                        name)) return det_graph_event(&w->st, ev);
    return NULL;
}

/* The evidence of g with @odata.type type (the short name). */
static json_t *evidence(json_t *g, const char *type)
{
    char full[128];
    snprintf(full, sizeof full, "#microsoft.graph.security.%s", type);
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(g, "evidence"), i,
                       e) if (!strcmp(sfield(e, "@odata.type"), full)) return e;
    return NULL;
}

static void check_alert(json_t *g, const char *alert_id)
{
    CHECK_S("#microsoft.graph.security.alert", sfield(g, "@odata.type"));
    CHECK_S(alert_id, sfield(g, "id"));
    CHECK_S(alert_id, sfield(g, "providerAlertId"));
    CHECK_S("1", sfield(g, "incidentId"));
    CHECK_S("new", sfield(g, "status"));
    CHECK_S("high", sfield(g, "severity"));
    CHECK(json_is_null(json_object_get(g, "classification")));
    CHECK(json_is_null(json_object_get(g, "determination")));
    CHECK_S("microsoftSentinel", sfield(g, "serviceSource"));
    CHECK_S("scheduledAlerts", sfield(g, "detectionSource"));
    CHECK_S("r-graph", sfield(g, "detectorId"));
    CHECK_S("Graph rule", sfield(g, "title"));
    CHECK_S("Suspicious role change", sfield(g, "description"));
    CHECK_S("Persistence", sfield(g, "category"));
    CHECK_S("2026-03-10T10:00:00Z", sfield(g, "createdDateTime"));
    CHECK_S("2026-03-10T10:00:00Z", sfield(g, "lastUpdateDateTime"));
    CHECK_S("2026-03-10T09:30:00Z", sfield(g, "firstActivityDateTime"));
    CHECK_S("2026-03-10T09:30:00Z", sfield(g, "lastActivityDateTime"));
    CHECK(json_is_null(json_object_get(g, "resolvedDateTime")));
    json_t *tech = json_object_get(g, "mitreTechniques");
    CHECK_I(2, json_array_size(tech));
    CHECK_S("T1098", json_string_value(json_array_get(tech, 0)));
    CHECK_S("T1078", json_string_value(json_array_get(tech, 1)));
    CHECK_S("RoleAssignmentCreate", sfield(json_object_get(g, "customDetails"), "Operation"));
    CHECK_I(5, json_array_size(json_object_get(g, "evidence")));

    json_t *u = evidence(g, "userEvidence");
    CHECK(u != NULL);
    json_t *acct = json_object_get(u, "userAccount");
    CHECK_S("alice", sfield(acct, "accountName"));
    CHECK_S("contoso.com", sfield(acct, "domainName"));
    CHECK_S("S-1-5-21-1-2-3-1001", sfield(acct, "userSid"));
    CHECK_S("alice@contoso.com", sfield(acct, "userPrincipalName"));
    CHECK_S("2026-03-10T10:00:00Z", sfield(u, "createdDateTime"));
    CHECK_S("unknown", sfield(u, "verdict"));
    CHECK_S("none", sfield(u, "remediationStatus"));

    json_t *ip = evidence(g, "ipEvidence");
    CHECK_S("203.0.113.7", sfield(ip, "ipAddress"));

    json_t *dev = evidence(g, "deviceEvidence");
    CHECK_S("web01.contoso.local", sfield(dev, "deviceDnsName"));
    CHECK_S("web01", sfield(dev, "hostName"));
    CHECK_S("contoso.local", sfield(dev, "dnsDomain"));
    CHECK_S("Linux", sfield(dev, "osPlatform"));

    json_t *proc = evidence(g, "processEvidence");
    CHECK_I(4242, json_integer_value(json_object_get(proc, "processId")));
    CHECK(json_is_integer(json_object_get(proc, "processId")));
    CHECK_S("bash -c 'az role assignment create'", sfield(proc, "processCommandLine"));

    json_t *res = evidence(g, "azureResourceEvidence");
    CHECK_S(RES_ID, sfield(res, "resourceId"));
    CHECK_S("vm-web-01", sfield(res, "resourceName"));
    CHECK_S("Microsoft.Compute/virtualMachines", sfield(res, "resourceType"));
}

static void test_alert_and_incident(void)
{
    world w;
    world_init(&w);
    world_rule(&w, GRAPH_RULE);
    add_row(&w);
    CHECK_I(0, world_load(&w, T("2026-03-10T10:00:00Z")));
    det_step(&w.e, T("2026-03-10T10:00:00Z"));
    CHECK_I(1, own_alerts(&w));
    CHECK_I(1, json_array_size(w.st.incidents));
    json_t *alert = json_array_get(w.st.alerts, 0);
    const char *aid = sfield(alert, "SystemAlertId");

    json_t *ev = graph_event(&w, "AlertCreated");
    CHECK(ev != NULL);
    CHECK(json_object_get(ev, "alert") == alert); /* the existing field, unchanged */
    check_alert(json_object_get(ev, "graphAlert"), aid);
    CHECK(!json_object_get(ev, "graphIncident"));
    json_decref(ev);

    ev = graph_event(&w, "IncidentCreated");
    CHECK(ev != NULL);
    json_t *gi = json_object_get(ev, "graphIncident");
    CHECK(!json_object_get(ev, "graphAlert"));
    CHECK_S("#microsoft.graph.security.incident", sfield(gi, "@odata.type"));
    CHECK_S("1", sfield(gi, "id"));
    CHECK_S("Graph rule", sfield(gi, "displayName"));
    CHECK_S("Suspicious role change", sfield(gi, "description"));
    CHECK_S("active", sfield(gi, "status"));
    CHECK_S("high", sfield(gi, "severity"));
    CHECK(json_is_null(json_object_get(gi, "classification")));
    CHECK(json_is_null(json_object_get(gi, "determination")));
    CHECK(json_is_null(json_object_get(gi, "assignedTo")));
    CHECK_S("2026-03-10T10:00:00Z", sfield(gi, "createdDateTime"));
    CHECK_S("2026-03-10T10:00:00Z", sfield(gi, "lastUpdateDateTime"));
    CHECK_I(0, json_array_size(json_object_get(gi, "customTags")));
    CHECK_I(1, json_array_size(json_object_get(gi, "alerts")));
    check_alert(json_array_get(json_object_get(gi, "alerts"), 0), aid);
    json_decref(ev);

    /* owner, label, then closing: the incident and its alert follow */
    json_t *inc = json_array_get(w.st.incidents, 0);
    json_object_set_new(
        inc, "Owner",
        json_pack("{s:s, s:s}", "objectId", "u-1", "userPrincipalName", "bob@contoso.com"));
    json_array_append_new(json_object_get(inc, "Labels"), json_pack("{s:s}", "labelName", "tier1"));
    char msg[256];
    CHECK_I(0, det_incident_set_status(&w.st, det_ruleset_settings(&w.rules), inc, "Closed",
                                       "TruePositive", "SuspiciousActivity", "confirmed", "analyst",
                                       T("2026-03-10T12:00:00Z"), msg, sizeof msg));
    json_t *g = det_graph_incident(&w.st, inc);
    CHECK_S("resolved", sfield(g, "status"));
    CHECK_S("truePositive", sfield(g, "classification"));
    CHECK_S("other", sfield(g, "determination"));
    CHECK_S("bob@contoso.com", sfield(g, "assignedTo"));
    CHECK_S("confirmed", sfield(g, "resolvingComment"));
    CHECK_S("analyst", sfield(g, "lastModifiedBy"));
    CHECK_S("2026-03-10T12:00:00Z", sfield(g, "lastUpdateDateTime"));
    CHECK_S("tier1", json_string_value(json_array_get(json_object_get(g, "customTags"), 0)));
    json_t *ga = json_array_get(json_object_get(g, "alerts"), 0);
    CHECK_S("resolved", sfield(ga, "status"));
    CHECK_S("truePositive", sfield(ga, "classification"));
    CHECK_S("other", sfield(ga, "determination"));
    CHECK_S("bob@contoso.com", sfield(ga, "assignedTo"));
    CHECK_S("2026-03-10T12:00:00Z", sfield(ga, "resolvedDateTime"));
    CHECK_S("2026-03-10T12:00:00Z", sfield(ga, "lastUpdateDateTime"));
    json_decref(g);

    /* reopened, then closed as a false positive on inaccurate data */
    CHECK_I(0, det_incident_set_status(&w.st, det_ruleset_settings(&w.rules), inc, "Active", NULL,
                                       NULL, NULL, "analyst", T("2026-03-10T13:00:00Z"), msg,
                                       sizeof msg));
    g = det_graph_incident(&w.st, inc);
    CHECK_S("inProgress", sfield(g, "status"));
    CHECK_S("inProgress", sfield(json_array_get(json_object_get(g, "alerts"), 0), "status"));
    json_decref(g);
    CHECK_I(0, det_incident_set_status(&w.st, det_ruleset_settings(&w.rules), inc, "Closed",
                                       "FalsePositive", "InaccurateData", NULL, "analyst",
                                       T("2026-03-10T14:00:00Z"), msg, sizeof msg));
    g = det_graph_incident(&w.st, inc);
    CHECK_S("falsePositive", sfield(g, "classification"));
    CHECK_S("notEnoughDataToValidate", sfield(g, "determination"));
    CHECK_S("resolved", sfield(json_array_get(json_object_get(g, "alerts"), 0), "status"));
    json_decref(g);

    /* a file sink writes both shapes; the outbox objects gain nothing */
    char path[300];
    snprintf(path, sizeof path, "%s/events.ndjson", w.dir);
    char spec[320];
    snprintf(spec, sizeof spec, "file:%s", path);
    det_sink s;
    CHECK_I(0, det_sink_parse(spec, &s));
    size_t nev = json_array_size(w.st.events);
    CHECK_I(0, det_sink_flush(&s, &w.st));
    det_sink_free(&s);
    CHECK(!json_object_get(alert, "graphAlert"));
    CHECK(!json_object_get(inc, "graphIncident"));
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    char line[1 << 16];
    size_t lines = 0, with_alert = 0, with_incident = 0;
    while (f && fgets(line, sizeof line, f)) {
        json_t *o = json_loads(line, 0, NULL);
        lines++;
        const char *name = sfield(o, "event");
        json_t *ga2 = json_object_get(o, "graphAlert"), *gi2 = json_object_get(o, "graphIncident");
        if (!strcmp(name, "AlertCreated") || !strcmp(name, "AlertUpdated")) {
            with_alert += ga2 != NULL;
            CHECK_S(aid, sfield(ga2, "id"));
            CHECK(json_object_get(o, "alert") != NULL);
        }
        if (!strncmp(name, "Incident", 8)) {
            with_incident += gi2 != NULL;
            CHECK_S("1", sfield(gi2, "id"));
            CHECK(json_object_get(o, "incident") != NULL);
        }
        json_decref(o);
    }
    if (f)
        fclose(f);
    unlink(path);
    CHECK_I(nev, lines);
    CHECK(with_alert >= 1);
    CHECK(with_incident >= 2);
    world_free(&w);
}

static void test_nrt_source(void)
{
    world w;
    world_init(&w);
    world_rule(&w, "id: nrt\nname: N\ndescription: d\nseverity: Low\nkind: NRT\n"
                   "query: CloudAuditEvents | project Timestamp, ReportId, IPAddress\n");
    audit(&w, "2026-03-10T08:00:00Z", "2026-03-10T10:00:30Z", "1.2.3.4", "op");
    world_load(&w, T("2026-03-10T10:00:00Z"));
    det_step(&w.e, T("2026-03-10T10:10:00Z"));
    CHECK_I(1, own_alerts(&w));
    json_t *g = det_graph_alert(&w.st, json_array_get(w.st.alerts, 0));
    CHECK_S("nrtAlerts", sfield(g, "detectionSource"));
    CHECK_S("low", sfield(g, "severity"));
    CHECK_I(1, json_array_size(w.st.incidents)); /* createIncident defaults to true */
    CHECK_S("1", sfield(g, "incidentId"));
    CHECK(json_is_null(json_object_get(g, "category")));
    CHECK_I(0, json_array_size(json_object_get(g, "evidence")));
    json_decref(g);
    world_free(&w);
}

static void test_external(void)
{
    det_state st;
    det_state_init(&st);
    json_t *a = json_pack(
        "{s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "_external", 1, "SystemAlertId",
        "ext-1", "VendorOriginalId", "da637", "ProductName",
        "Microsoft Defender Advanced Threat Protection", "AlertName", "Suspicious file",
        "AlertSeverity", "Medium", "Status", "Dismissed", "TimeGenerated",
        "2026-03-10T08:00:00.5+01:00", "AlertType", "WindowsDefenderAv", "Tactics",
        "Execution, DefenseEvasion", "Entities",
        "[{\"$id\":\"2\",\"Type\":\"file\",\"Name\":\"evil.exe\",\"Directory\":\"C:\\\\tmp\"},"
        "{\"$id\":\"3\",\"Type\":\"url\",\"Url\":\"http://bad.example/x\"},"
        "{\"$id\":\"4\",\"Type\":\"cloudapplication\",\"AppId\":\"11161\",\"Name\":\"Office 365\"},"
        "{\"$ref\":\"2\"},{\"$id\":\"5\",\"Type\":\"unknownkind\"}]");
    json_array_append(st.alerts, a);
    json_t *g = det_graph_alert(&st, a);
    CHECK_S("ext-1", sfield(g, "id"));
    CHECK_S("da637", sfield(g, "providerAlertId"));
    CHECK_S("microsoftDefenderForEndpoint", sfield(g, "serviceSource"));
    CHECK_S("microsoftDefenderForEndpoint", sfield(g, "detectionSource"));
    CHECK_S("WindowsDefenderAv", sfield(g, "detectorId"));
    CHECK_S("Suspicious file", sfield(g, "title"));
    CHECK_S("medium", sfield(g, "severity"));
    CHECK_S("resolved", sfield(g, "status"));
    CHECK_S("falsePositive", sfield(g, "classification"));
    CHECK_S("Execution", sfield(g, "category"));
    CHECK_S("2026-03-10T07:00:00.5000000Z", sfield(g, "createdDateTime"));
    CHECK_I(3, json_array_size(json_object_get(g, "evidence")));
    json_t *fe = evidence(g, "fileEvidence");
    CHECK_S("evil.exe", sfield(json_object_get(fe, "fileDetails"), "fileName"));
    CHECK_S("C:\\tmp", sfield(json_object_get(fe, "fileDetails"), "filePath"));
    CHECK_S("http://bad.example/x", sfield(evidence(g, "urlEvidence"), "url"));
    json_t *app = evidence(g, "cloudApplicationEvidence");
    CHECK_I(11161, json_integer_value(json_object_get(app, "appId")));
    CHECK_S("Office 365", sfield(app, "displayName"));
    json_decref(g);
    json_decref(a);
    det_state_free(&st);
}

int main(void)
{
    test_alert_and_incident();
    test_nrt_source();
    test_external();
    return check_summary();
}
