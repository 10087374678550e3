/* detect/graph.c — the Microsoft Graph security API view of hunt's alerts
 * and incidents (issue 5): a Graph `alert` (alerts_v2, namespace
 * microsoft.graph.security) for an alert, with its entities as `evidence`
 * (userEvidence, ipEvidence, deviceEvidence, processEvidence, …), and a Graph
 * `incident` with its alerts embedded (as GET ?$expand=alerts returns them).
 * sink.c adds them to each outbox event as "graphAlert" / "graphIncident",
 * next to the SecurityAlert-shaped fields, which stay as they are.
 *
 * The objects are views built when an event is delivered; nothing here
 * changes the state. Mapping (Sentinel → Graph): status New/InProgress/
 * Resolved/Dismissed → new/inProgress/resolved/resolved; incident status
 * New/Active/Closed → active/inProgress/resolved; severity lowercased;
 * Classification TruePositive/FalsePositive/BenignPositive/Undetermined →
 * truePositive/falsePositive/informationalExpectedActivity/unknown and the
 * ClassificationReason → determination; an alert takes the classification
 * of its incident. Analytic-rule alerts have serviceSource microsoftSentinel
 * and detectionSource scheduledAlerts (nrtAlerts for NRT rules); ingested
 * alerts are mapped from their ProductName.
 */
#include "detect/detect.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define GRAPH_NS "#microsoft.graph.security."

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* A JSON string of s, or null when s is NULL or empty. */
static json_t *jstr(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

/* The ISO 8601 UTC form of the datetime at o[k], or null. */
static json_t *jtime(json_t *o, const char *k)
{
    int64_t t;
    const char *s = str(o, k);
    char b[DET_TBUF];
    if (!s || !*s || det_time_parse(s, &t) < 0)
        return json_null();
    return json_string(det_time_format(t, b));
}

/* A JSON integer of a decimal string, or null. */
static json_t *jint(const char *s)
{
    if (!s || !*s)
        return json_null();
    char *end;
    long long v = strtoll(s, &end, 10);
    return *end ? json_null() : json_integer(v);
}

/* --- enumerations ---------------------------------------------------------------- */

static const char *alert_status(const char *s)
{
    if (!s)
        return "unknown";
    if (!strcasecmp(s, "New"))
        return "new";
    if (!strcasecmp(s, "InProgress"))
        return "inProgress";
    if (!strcasecmp(s, "Resolved") || !strcasecmp(s, "Dismissed"))
        return "resolved";
    return "unknown";
}

static const char *incident_status(const char *s)
{
    if (!s)
        return "unknown";
    if (!strcasecmp(s, "New"))
        return "active";
    if (!strcasecmp(s, "Active"))
        return "inProgress";
    if (!strcasecmp(s, "Closed"))
        return "resolved";
    return "unknown";
}

static const char *severity(const char *s)
{
    static const char *const n[] = {"informational", "low", "medium", "high"};
    int v = s ? det_severity_parse(s) : -1;
    return v >= 0 && v < 4 ? n[v] : "unknown";
}

static json_t *classification(const char *c)
{
    if (!c || !*c)
        return json_null();
    if (!strcasecmp(c, "TruePositive"))
        return json_string("truePositive");
    if (!strcasecmp(c, "FalsePositive"))
        return json_string("falsePositive");
    if (!strcasecmp(c, "BenignPositive"))
        return json_string("informationalExpectedActivity");
    return json_string("unknown");
}

static json_t *determination(const char *c, const char *reason)
{
    if (!c || !*c)
        return json_null();
    if (reason && !strcasecmp(reason, "SuspiciousActivity"))
        return json_string("other");
    if (reason && !strcasecmp(reason, "SuspiciousButExpected"))
        return json_string("confirmedActivity");
    if (reason && !strcasecmp(reason, "IncorrectAlertLogic"))
        return json_string("notMalicious");
    if (reason && !strcasecmp(reason, "InaccurateData"))
        return json_string("notEnoughDataToValidate");
    return json_string("unknown");
}

/* serviceSource / detectionSource of an ingested alert, by its ProductName
 * (the current names and the old ones). */
static const struct {
    const char *product, *service, *detection;
} products[] = {
    {"Microsoft Defender Advanced Threat Protection", "microsoftDefenderForEndpoint",
     "microsoftDefenderForEndpoint"},
    {"Microsoft Defender for Endpoint", "microsoftDefenderForEndpoint",
     "microsoftDefenderForEndpoint"},
    {"Azure Advanced Threat Protection", "microsoftDefenderForIdentity",
     "microsoftDefenderForIdentity"},
    {"Microsoft Defender for Identity", "microsoftDefenderForIdentity",
     "microsoftDefenderForIdentity"},
    {"Microsoft Cloud App Security", "microsoftDefenderForCloudApps", "cloudAppSecurity"},
    {"Microsoft Defender for Cloud Apps", "microsoftDefenderForCloudApps", "cloudAppSecurity"},
    {"Office 365 Advanced Threat Protection", "microsoftDefenderForOffice365",
     "microsoftDefenderForOffice365"},
    {"Microsoft Defender for Office 365", "microsoftDefenderForOffice365",
     "microsoftDefenderForOffice365"},
    {"Azure Active Directory Identity Protection", "azureAdIdentityProtection",
     "azureAdIdentityProtection"},
    {"Microsoft Entra ID Protection", "azureAdIdentityProtection", "azureAdIdentityProtection"},
    {"Azure Security Center", "microsoftDefenderForCloud", "microsoftDefenderForCloud"},
    {"Microsoft Defender for Cloud", "microsoftDefenderForCloud", "microsoftDefenderForCloud"},
    {"Microsoft 365 Defender", "microsoft365Defender", "microsoft365Defender"},
    {"Microsoft Defender XDR", "microsoft365Defender", "microsoft365Defender"},
    {"Azure Sentinel", "microsoftSentinel", "unknown"},
    {"Microsoft Sentinel", "microsoftSentinel", "unknown"},
};

static void sources(det_state *st, json_t *a, const char **service, const char **detection)
{
    if (!json_object_get(a, "_external")) { /* raised by a hunt analytic rule */
        *service = "microsoftSentinel";
        *detection = "scheduledAlerts";
        const char *rid = str(a, "_ruleId");
        for (int i = 0; rid && st->rules && i < st->rules->n; i++)
            if (!strcmp(st->rules->v[i]->id, rid) && st->rules->v[i]->kind == DET_KIND_NRT)
                *detection = "nrtAlerts";
        return;
    }
    *service = *detection = "unknown";
    const char *p = str(a, "ProductName");
    for (size_t i = 0; p && i < sizeof products / sizeof products[0]; i++)
        if (!strcasecmp(p, products[i].product)) {
            *service = products[i].service;
            *detection = products[i].detection;
        }
    const char *comp = str(a, "ProductComponentName");
    if (!strcmp(*service, "microsoftSentinel") && comp)
        *detection = !strcasecmp(comp, "Scheduled Alerts") ? "scheduledAlerts"
                     : !strcasecmp(comp, "NRT Alerts")     ? "nrtAlerts"
                                                           : "unknown";
}

/* assignedTo of an incident: its owner's assignedTo, else UPN, else email. */
static json_t *assigned_to(json_t *inc)
{
    json_t *o = json_object_get(inc, "Owner");
    const char *k[] = {"assignedTo", "userPrincipalName", "email"};
    for (int i = 0; i < 3; i++)
        if (str(o, k[i]) && *str(o, k[i]))
            return json_string(str(o, k[i]));
    return json_null();
}

/* --- evidence ------------------------------------------------------------------------ */

static json_t *evidence_new(const char *type, json_t *created)
{
    char t[96];
    snprintf(t, sizeof t, GRAPH_NS "%s", type);
    return json_pack("{s:s, s:O, s:s, s:s, s:[], s:[]}", "@odata.type", t, "createdDateTime",
                     created, "verdict", "unknown", "remediationStatus", "none", "roles", "tags");
}

/* e[from] copied into ev[to] (null when missing). */
static void put(json_t *ev, const char *to, json_t *e, const char *from)
{
    json_object_set_new(ev, to, jstr(str(e, from)));
}

static json_t *user_account(json_t *e)
{
    const char *name = str(e, "Name"), *upn = str(e, "UPNSuffix"), *full = str(e, "FullName");
    const char *dom = str(e, "NTDomain");
    if (!dom || !*dom)
        dom = upn && *upn ? upn : str(e, "DnsDomain");
    char *p = NULL;
    if (name && *name && upn && *upn) {
        if (asprintf(&p, "%s@%s", name, upn) < 0)
            p = NULL;
    } else if (full && strchr(full, '@'))
        p = strdup(full);
    json_t *u = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "accountName", jstr(name), "domainName",
                          jstr(dom), "userSid", jstr(str(e, "Sid")), "azureAdUserId",
                          jstr(str(e, "AadUserId")), "userPrincipalName", jstr(p), "displayName",
                          jstr(str(e, "DisplayName")));
    free(p);
    return u;
}

static json_t *device(json_t *e, json_t *created)
{
    json_t *ev = evidence_new("deviceEvidence", created);
    const char *host = str(e, "HostName"), *dns = str(e, "DnsDomain"), *full = str(e, "FullName");
    char *fqdn = NULL;
    if (host && *host && dns && *dns) {
        if (asprintf(&fqdn, "%s.%s", host, dns) < 0)
            fqdn = NULL;
    } else
        fqdn = strdup(full && *full ? full : host && *host ? host : "");
    json_object_set_new(ev, "deviceDnsName", jstr(fqdn));
    free(fqdn);
    json_object_set_new(ev, "hostName", jstr(host && *host ? host : str(e, "NetBiosName")));
    put(ev, "ntDomain", e, "NTDomain");
    put(ev, "dnsDomain", e, "DnsDomain");
    put(ev, "osPlatform", e, "OSFamily");
    put(ev, "version", e, "OSVersion");
    return ev;
}

static json_t *resource(json_t *e, json_t *created)
{
    const char *id = str(e, "ResourceId");
    const char *cloud = det_cloud_of(id);
    json_t *ev;
    if (cloud && !strcmp(cloud, "AWS")) {
        ev = evidence_new("amazonResourceEvidence", created);
        put(ev, "amazonResourceId", e, "ResourceId");
        return ev;
    }
    if (cloud && !strcmp(cloud, "GCP")) {
        ev = evidence_new("googleCloudResourceEvidence", created);
        put(ev, "fullResourceName", e, "ResourceId");
        return ev;
    }
    ev = evidence_new("azureResourceEvidence", created);
    put(ev, "resourceId", e, "ResourceId");
    /* /subscriptions/S/resourceGroups/G/providers/NS/TYPE/NAME[/SUBTYPE/SUBNAME]:
     * resourceType NS/TYPE[/SUBTYPE], resourceName the last segment */
    const char *prov = id ? strcasestr(id, "/providers/") : NULL;
    const char *last = id ? strrchr(id, '/') : NULL;
    json_object_set_new(ev, "resourceName", jstr(last && last[1] ? last + 1 : NULL));
    if (prov) {
        char buf[512] = "";
        const char *seg = prov + 11;
        int n = 0;
        for (const char *p = seg; *p && n < 6;) { /* keep NS, TYPE, and every other one after */
            const char *q = strchr(p, '/');
            size_t len = q ? (size_t)(q - p) : strlen(p);
            if (n == 0 || n == 1 || n == 3 || n == 5) {
                if (*buf)
                    strncat(buf, "/", sizeof buf - strlen(buf) - 1);
                if (len < sizeof buf - strlen(buf))
                    strncat(buf, p, len);
            }
            n++;
            p = q ? q + 1 : p + len;
        }
        json_object_set_new(ev, "resourceType", jstr(buf));
    } else
        json_object_set_new(ev, "resourceType", json_null());
    return ev;
}

/* One Sentinel entity as Graph evidence, or NULL for a kind Graph lacks. */
static json_t *evidence_of(json_t *e, json_t *created)
{
    const char *t = str(e, "Type");
    json_t *ev = NULL;
    if (!t)
        return NULL;
    if (!strcasecmp(t, "account")) {
        ev = evidence_new("userEvidence", created);
        json_object_set_new(ev, "userAccount", user_account(e));
    } else if (!strcasecmp(t, "host"))
        ev = device(e, created);
    else if (!strcasecmp(t, "ip")) {
        ev = evidence_new("ipEvidence", created);
        put(ev, "ipAddress", e, "Address");
    } else if (!strcasecmp(t, "url")) {
        ev = evidence_new("urlEvidence", created);
        put(ev, "url", e, "Url");
    } else if (!strcasecmp(t, "azureresource"))
        ev = resource(e, created);
    else if (!strcasecmp(t, "cloudapplication")) {
        ev = evidence_new("cloudApplicationEvidence", created);
        json_object_set_new(ev, "appId", jint(str(e, "AppId")));
        put(ev, "displayName", e, "Name");
        put(ev, "instanceName", e, "InstanceName");
    } else if (!strcasecmp(t, "dns")) {
        ev = evidence_new("dnsEvidence", created);
        put(ev, "domainName", e, "DomainName");
    } else if (!strcasecmp(t, "file")) {
        ev = evidence_new("fileEvidence", created);
        json_object_set_new(ev, "fileDetails",
                            json_pack("{s:o, s:o}", "fileName", jstr(str(e, "Name")), "filePath",
                                      jstr(str(e, "Directory"))));
    } else if (!strcasecmp(t, "filehash")) {
        ev = evidence_new("fileHashEvidence", created);
        char alg[32] = "";
        snprintf(alg, sizeof alg, "%s", str(e, "Algorithm") ? str(e, "Algorithm") : "");
        for (char *c = alg; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        json_object_set_new(ev, "algorithm", jstr(alg));
        put(ev, "value", e, "Value");
    } else if (!strcasecmp(t, "malware")) {
        ev = evidence_new("malwareEvidence", created);
        put(ev, "name", e, "Name");
        put(ev, "category", e, "Category");
    } else if (!strcasecmp(t, "process")) {
        ev = evidence_new("processEvidence", created);
        json_object_set_new(ev, "processId", jint(str(e, "ProcessId")));
        put(ev, "processCommandLine", e, "CommandLine");
        json_object_set_new(ev, "processCreationDateTime", jtime(e, "CreationTimeUtc"));
    } else if (!strcasecmp(t, "registrykey")) {
        ev = evidence_new("registryKeyEvidence", created);
        put(ev, "registryKey", e, "Key");
        put(ev, "registryHive", e, "Hive");
    } else if (!strcasecmp(t, "registryvalue")) {
        ev = evidence_new("registryValueEvidence", created);
        put(ev, "registryValueName", e, "Name");
        put(ev, "registryValue", e, "Value");
        put(ev, "registryValueType", e, "ValueType");
    } else if (!strcasecmp(t, "securitygroup")) {
        ev = evidence_new("securityGroupEvidence", created);
        const char *id = str(e, "ObjectGuid");
        json_object_set_new(ev, "securityGroupId", jstr(id && *id ? id : str(e, "SID")));
        put(ev, "displayName", e, "DistinguishedName");
    } else if (!strcasecmp(t, "mailbox")) {
        ev = evidence_new("mailboxEvidence", created);
        put(ev, "primaryAddress", e, "MailboxPrimaryAddress");
        put(ev, "displayName", e, "DisplayName");
        json_object_set_new(ev, "userAccount",
                            json_pack("{s:o}", "userPrincipalName", jstr(str(e, "Upn"))));
    } else if (!strcasecmp(t, "mailmessage")) {
        ev = evidence_new("analyzedMessageEvidence", created);
        put(ev, "networkMessageId", e, "NetworkMessageId");
        put(ev, "internetMessageId", e, "InternetMessageId");
        put(ev, "recipientEmailAddress", e, "Recipient");
        put(ev, "subject", e, "Subject");
        put(ev, "senderIp", e, "SenderIP");
    } else if (!strcasecmp(t, "mailcluster")) {
        ev = evidence_new("mailClusterEvidence", created);
        put(ev, "query", e, "Query");
        put(ev, "source", e, "Source");
    } else if (!strcasecmp(t, "submissionmail")) {
        ev = evidence_new("submissionMailEvidence", created);
        put(ev, "submissionId", e, "SubmissionId");
        put(ev, "networkMessageId", e, "NetworkMessageId");
        put(ev, "recipient", e, "Recipient");
        put(ev, "sender", e, "Sender");
        put(ev, "subject", e, "Subject");
        put(ev, "submitter", e, "Submitter");
        put(ev, "reportType", e, "ReportType");
    } else if (!strcasecmp(t, "iotdevice")) {
        ev = evidence_new("ioTDeviceEvidence", created);
        put(ev, "deviceId", e, "DeviceId");
        put(ev, "deviceName", e, "DeviceName");
    }
    return ev;
}

static json_t *evidence(json_t *a, json_t *created)
{
    json_t *out = json_array();
    json_t *ents = json_object_get(a, "Entities");
    json_t *parsed =
        json_is_string(ents) ? json_loads(json_string_value(ents), 0, NULL) : json_incref(ents);
    size_t i;
    json_t *e;
    json_array_foreach(parsed, i, e)
    {
        json_t *ev = json_is_object(e) ? evidence_of(e, created) : NULL;
        if (ev)
            json_array_append_new(out, ev);
    }
    json_decref(parsed);
    return out;
}

/* --- alert ----------------------------------------------------------------------------- */

static json_t *techniques(json_t *a)
{
    json_t *t = json_object_get(a, "Techniques");
    json_t *arr = json_is_string(t) ? json_loads(json_string_value(t), 0, NULL) : json_incref(t);
    json_t *out = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) if (json_is_string(v)) json_array_append(out, v);
    json_decref(arr);
    return out;
}

/* The first of the comma-separated Tactics, or null. */
static json_t *category(json_t *a)
{
    const char *t = str(a, "Tactics");
    if (!t)
        return json_null();
    while (*t == ' ')
        t++;
    size_t n = strcspn(t, ",");
    while (n && t[n - 1] == ' ')
        n--;
    return n ? json_stringn(t, n) : json_null();
}

/* Custom details as Graph's dictionary of strings: one value as is, several
 * as their JSON array text. */
static json_t *custom_details(json_t *a)
{
    json_t *cd = json_object_get(a, "_customDetails"), *out = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(cd, k, v)
    {
        if (json_is_array(v) && json_array_size(v) == 1 && json_is_string(json_array_get(v, 0)))
            json_object_set(out, k, json_array_get(v, 0));
        else if (json_is_string(v))
            json_object_set(out, k, v);
        else {
            char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
            json_object_set_new(out, k, jstr(s));
            free(s);
        }
    }
    return out;
}

static int64_t tval(json_t *o, const char *k)
{
    int64_t t = INT64_MIN;
    const char *s = str(o, k);
    if (s && det_time_parse(s, &t) < 0)
        t = INT64_MIN;
    return t;
}

json_t *det_graph_alert(det_state *st, json_t *a)
{
    json_t *num = json_object_get(a, "_incident");
    json_t *inc = json_is_integer(num) ? det_state_incident(st, json_integer_value(num)) : NULL;
    const char *service, *detection;
    sources(st, a, &service, &detection);
    const char *id = str(a, "SystemAlertId");
    const char *vendor_id = str(a, "VendorOriginalId");
    const char *status = alert_status(str(a, "Status"));
    json_t *created = jtime(a, "TimeGenerated");
    json_t *g = json_object();
    json_object_set_new(g, "@odata.type", json_string(GRAPH_NS "alert"));
    json_object_set_new(g, "id", jstr(id));
    json_object_set_new(
        g, "providerAlertId",
        jstr(json_object_get(a, "_external") && vendor_id && *vendor_id ? vendor_id : id));
    json_object_set_new(g, "incidentId",
                        inc ? json_sprintf("%" JSON_INTEGER_FORMAT, json_integer_value(num))
                            : json_null());
    json_object_set_new(g, "status", json_string(status));
    json_object_set_new(g, "severity", json_string(severity(str(a, "AlertSeverity"))));
    const char *cls = inc ? str(inc, "Classification") : NULL;
    if ((!cls || !*cls) && str(a, "Status") && !strcasecmp(str(a, "Status"), "Dismissed"))
        cls = "FalsePositive";
    json_object_set_new(g, "classification", classification(cls));
    json_object_set_new(g, "determination",
                        determination(cls, inc ? str(inc, "ClassificationReason") : NULL));
    json_object_set_new(g, "serviceSource", json_string(service));
    json_object_set_new(g, "detectionSource", json_string(detection));
    const char *det = str(a, "_ruleId");
    json_object_set_new(g, "detectorId", jstr(det && *det ? det : str(a, "AlertType")));
    const char *title = str(a, "DisplayName");
    json_object_set_new(g, "title", jstr(title && *title ? title : str(a, "AlertName")));
    json_object_set_new(g, "description", jstr(str(a, "Description")));
    json_object_set_new(g, "category", category(a));
    json_object_set_new(g, "assignedTo", inc ? assigned_to(inc) : json_null());
    json_object_set(g, "createdDateTime", created);
    /* the last change: its processing, or a change of its incident that it
     * follows (status sync) */
    const char *upd = "TimeGenerated";
    json_t *updo = a;
    if (tval(a, "ProcessingEndTime") > tval(a, "TimeGenerated"))
        upd = "ProcessingEndTime";
    if (inc && strcmp(status, "new") && tval(inc, "LastModifiedTime") > tval(updo, upd)) {
        updo = inc;
        upd = "LastModifiedTime";
    }
    json_object_set_new(g, "lastUpdateDateTime", jtime(updo, upd));
    json_object_set_new(g, "firstActivityDateTime", jtime(a, "StartTime"));
    json_object_set_new(g, "lastActivityDateTime", jtime(a, "EndTime"));
    json_object_set_new(g, "resolvedDateTime",
                        inc && !strcmp(status, "resolved") ? jtime(inc, "ClosedTime")
                                                           : json_null());
    json_object_set_new(g, "mitreTechniques", techniques(a));
    json_object_set_new(g, "customDetails", custom_details(a));
    json_object_set_new(g, "comments", json_array());
    json_object_set_new(g, "evidence", evidence(a, created));
    json_decref(created);
    return g;
}

/* --- incident ----------------------------------------------------------------------- */

json_t *det_graph_incident(det_state *st, json_t *inc)
{
    json_t *g = json_object();
    json_t *num = json_object_get(inc, "IncidentNumber");
    json_object_set_new(g, "@odata.type", json_string(GRAPH_NS "incident"));
    json_object_set_new(g, "id",
                        json_is_integer(num)
                            ? json_sprintf("%" JSON_INTEGER_FORMAT, json_integer_value(num))
                            : json_null());
    json_object_set_new(g, "displayName", jstr(str(inc, "Title")));
    json_object_set_new(g, "description", jstr(str(inc, "Description")));
    json_object_set_new(g, "status", json_string(incident_status(str(inc, "Status"))));
    json_object_set_new(g, "severity", json_string(severity(str(inc, "Severity"))));
    const char *cls = str(inc, "Classification");
    json_object_set_new(g, "classification", classification(cls));
    json_object_set_new(g, "determination", determination(cls, str(inc, "ClassificationReason")));
    json_object_set_new(g, "assignedTo", assigned_to(inc));
    json_object_set_new(g, "createdDateTime", jtime(inc, "CreatedTime"));
    json_object_set_new(g, "lastUpdateDateTime", jtime(inc, "LastModifiedTime"));
    json_object_set_new(g, "lastModifiedBy", jstr(str(inc, "ModifiedBy")));
    json_object_set_new(g, "resolvingComment", jstr(str(inc, "ClassificationComment")));
    json_t *tags = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(inc, "Labels"), i, v)
    {
        const char *l = json_is_string(v) ? json_string_value(v) : str(v, "labelName");
        if (l && *l)
            json_array_append_new(tags, json_string(l));
    }
    json_object_set_new(g, "customTags", tags);
    json_object_set_new(g, "systemTags", json_array());
    json_object_set_new(g, "redirectIncidentId", json_null());
    json_object_set_new(g, "comments", json_array());
    json_t *alerts = json_array();
    json_array_foreach(json_object_get(inc, "AlertIds"), i, v)
    {
        json_t *a = json_is_string(v) ? det_state_alert(st, json_string_value(v)) : NULL;
        if (a)
            json_array_append_new(alerts, det_graph_alert(st, a));
    }
    json_object_set_new(g, "alerts", alerts);
    return g;
}

json_t *det_graph_event(det_state *st, json_t *ev)
{
    json_t *out = json_copy(ev); /* shallow: the event itself is not changed */
    json_t *a = json_object_get(ev, "alert"), *inc = json_object_get(ev, "incident");
    json_t *obj = json_object_get(ev, "object"); /* RunPlaybook */
    if (json_is_object(obj) && json_object_get(obj, "IncidentNumber"))
        inc = obj;
    else if (json_is_object(obj) && json_object_get(obj, "SystemAlertId"))
        a = obj;
    if (json_is_object(a))
        json_object_set_new(out, "graphAlert", det_graph_alert(st, a));
    if (json_is_object(inc))
        json_object_set_new(out, "graphIncident", det_graph_incident(st, inc));
    return out;
}
