/* ingest/alerts.c — maps alert resources onto SecurityAlert columns.
 *
 * Two shapes reach hunt from cloud APIs rather than from Log Analytics:
 *   - Defender for Cloud alert resources (ARM type Microsoft.Security/
 *     locations/alerts, the answer of .../providers/Microsoft.Security/alerts),
 *     with the alert in `properties`;
 *   - Microsoft Graph security alerts (alerts_v2, @odata.type
 *     #microsoft.graph.security.alert).
 * Each becomes the record Log Analytics would have stored in SecurityAlert:
 * the field-by-field table is in README.md, "Ingest and the workspace". Nested values (entities,
 * extended properties, remediation steps, techniques) become JSON text, as
 * SecurityAlert keeps them in string columns. Cloud resource ids are kept
 * verbatim — Azure resource ids, AWS ARNs, GCP full resource names — so that
 * `ResourceId startswith "arn:aws:"` or `has "googleapis.com"` find them.
 */
#include "ingest/formats.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

static const char *str_of(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static bool contains_ci(const char *s, const char *needle)
{
    return s && strcasestr(s, needle) != NULL;
}

static bool is_mdc(json_t *rec)
{
    const char *type = str_of(rec, "type"), *id = str_of(rec, "id");
    if (!json_is_object(json_object_get(rec, "properties")))
        return false;
    if (type && contains_ci(type, "Microsoft.Security/") && contains_ci(type, "alerts"))
        return true;
    return id && contains_ci(id, "/providers/Microsoft.Security/") && contains_ci(id, "/alerts/");
}

static bool is_graph(json_t *rec)
{
    const char *t = str_of(rec, "@odata.type");
    if (t)
        return strcasecmp(t, "#microsoft.graph.security.alert") == 0;
    return str_of(rec, "providerAlertId") && str_of(rec, "serviceSource") && str_of(rec, "title");
}

bool alert_is_resource(json_t *rec)
{
    return json_is_object(rec) && (is_mdc(rec) || is_graph(rec));
}

/* --- helpers ------------------------------------------------------------------ */

static void set_str(json_t *out, const char *col, const char *v)
{
    if (v)
        json_object_set_new(out, col, json_string(v));
}

static void copy_str(json_t *out, const char *col, json_t *in, const char *key)
{
    json_t *v = json_object_get(in, key);
    if (v && !json_is_null(v))
        json_object_set(out, col, v);
}

/* A nested value as JSON text (a string stays as it is). */
static void set_json_text(json_t *out, const char *col, json_t *v)
{
    if (!v || json_is_null(v))
        return;
    if (json_is_string(v)) {
        json_object_set(out, col, v);
        return;
    }
    char *txt = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (txt)
        json_object_set_new(out, col, json_string(txt));
    free(txt);
}

/* "high" -> "High", "inProgress" -> "InProgress". */
static void set_capitalized(json_t *out, const char *col, const char *v)
{
    if (!v || !*v)
        return;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", v);
    buf[0] = (char)toupper((unsigned char)buf[0]);
    set_str(out, col, buf);
}

static void set_common(json_t *out)
{
    set_str(out, "Type", "SecurityAlert");
    set_str(out, "SourceSystem", "Detection");
    json_object_set_new(out, "IsIncident", json_false());
}

/* --- Defender for Cloud ---------------------------------------------------------- */

/* ResourceId and the workspace columns from properties.resourceIdentifiers:
 * an Azure resource id first, else any AWS/GCP native id the entry carries. */
static void mdc_resource(json_t *out, json_t *p)
{
    json_t *ids = json_object_get(p, "resourceIdentifiers"), *r;
    size_t i;
    const char *best = NULL;
    json_array_foreach(ids, i, r)
    {
        const char *az = str_of(r, "azureResourceId");
        const char *native = str_of(r, "nativeResourceId");
        if (!native)
            native = str_of(r, "awsResourceId") ? str_of(r, "awsResourceId")
                                                : str_of(r, "gcpResourceId");
        if (az)
            best = az;
        else if (native && !best)
            best = native;
        if (str_of(r, "workspaceSubscriptionId"))
            copy_str(out, "WorkspaceSubscriptionId", r, "workspaceSubscriptionId");
        if (str_of(r, "workspaceResourceGroup"))
            copy_str(out, "WorkspaceResourceGroup", r, "workspaceResourceGroup");
        if (str_of(r, "agentId"))
            copy_str(out, "SourceComputerId", r, "agentId");
    }
    set_str(out, "ResourceId", best);
}

static const char *mdc_status(const char *s)
{
    if (!s)
        return NULL;
    if (strcasecmp(s, "Active") == 0)
        return "New";
    return s; /* InProgress, Resolved, Dismissed */
}

static json_t *map_mdc(json_t *rec, int64_t now)
{
    json_t *p = json_object_get(rec, "properties"), *out = json_object();
    const char *sys = str_of(p, "systemAlertId") ? str_of(p, "systemAlertId") : str_of(rec, "name");
    set_str(out, "SystemAlertId", sys);
    set_str(out, "VendorOriginalId", sys);
    copy_str(out, "AlertName", p, "alertDisplayName");
    copy_str(out, "DisplayName", p, "alertDisplayName");
    copy_str(out, "AlertType", p, "alertType");
    copy_str(out, "AlertSeverity", p, "severity");
    copy_str(out, "CompromisedEntity", p, "compromisedEntity");
    copy_str(out, "Description", p, "description");
    copy_str(out, "AlertLink", p, "alertUri");
    copy_str(out, "StartTime", p, "startTimeUtc");
    copy_str(out, "EndTime", p, "endTimeUtc");
    copy_str(out, "ProcessingEndTime", p, "processingEndTimeUtc");
    copy_str(out, "ProductComponentName", p, "productComponentName");
    copy_str(out, "Tactics", p, "intent");
    copy_str(out, "VendorName", p, "vendorName");
    set_json_text(out, "Techniques", json_object_get(p, "techniques"));
    set_json_text(out, "SubTechniques", json_object_get(p, "subTechniques"));
    set_json_text(out, "Entities", json_object_get(p, "entities"));
    set_json_text(out, "ExtendedProperties", json_object_get(p, "extendedProperties"));
    set_json_text(out, "ExtendedLinks", json_object_get(p, "extendedLinks"));
    set_json_text(out, "RemediationSteps", json_object_get(p, "remediationSteps"));
    const char *product = str_of(p, "productName");
    set_str(out, "ProductName", product ? product : "Azure Security Center");
    set_str(out, "ProviderName", "Azure Security Center");
    const char *status = mdc_status(str_of(p, "status"));
    set_str(out, "Status", status);
    mdc_resource(out, p);
    /* The resource carries no modification time: a changed state is dated
     * when hunt reads it, as Log Analytics dates rows by ingestion. */
    json_t *tg = json_object_get(p, "timeGeneratedUtc");
    if (status && strcmp(status, "New") != 0 && now > 0) {
        char buf[40];
        ht_format_datetime_full(now, buf);
        set_str(out, "TimeGenerated", buf);
    } else if (tg) {
        json_object_set(out, "TimeGenerated", tg);
    }
    set_common(out);
    return out;
}

/* --- Graph alerts_v2 ------------------------------------------------------------------ */

static const char *graph_product(const char *service)
{
    static const struct {
        const char *service, *product;
    } map[] = {
        {"microsoftDefenderForCloud", "Microsoft Defender for Cloud"},
        {"microsoftDefenderForEndpoint", "Microsoft Defender Advanced Threat Protection"},
        {"microsoftDefenderForIdentity", "Azure Advanced Threat Protection"},
        {"microsoftDefenderForCloudApps", "Microsoft Cloud App Security"},
        {"microsoftDefenderForOffice365", "Office 365 Advanced Threat Protection"},
        {"microsoftSentinel", "Azure Sentinel"},
        {"azureAdIdentityProtection", "Azure Active Directory Identity Protection"},
    };
    for (size_t i = 0; service && i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(service, map[i].service) == 0)
            return map[i].product;
    return service;
}

/* ResourceId and CompromisedEntity from the evidence list: the first cloud
 * resource (Azure resourceId, AWS amazonResourceId, GCP fullResourceName)
 * and the first device or resource name. */
static void graph_evidence(json_t *out, json_t *ev)
{
    size_t i;
    json_t *e;
    const char *rid = NULL, *entity = NULL;
    json_array_foreach(ev, i, e)
    {
        const char *r = str_of(e, "resourceId");
        if (!r)
            r = str_of(e, "amazonResourceId");
        if (!r)
            r = str_of(e, "fullResourceName");
        if (r && !rid)
            rid = r;
        const char *name = str_of(e, "deviceDnsName");
        if (!name)
            name = str_of(e, "resourceName");
        if (name && !entity)
            entity = name;
    }
    set_str(out, "ResourceId", rid);
    set_str(out, "CompromisedEntity", entity);
}

static void graph_extended(json_t *out, json_t *rec)
{
    static const char *keys[] = {"classification",   "determination",  "detectorId",
                                 "incidentId",       "incidentWebUrl", "threatDisplayName",
                                 "threatFamilyName", "assignedTo",     "category",
                                 "detectionSource",  "serviceSource",  "actorDisplayName"};
    json_t *x = json_object();
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        json_t *v = json_object_get(rec, keys[i]);
        if (v && !json_is_null(v))
            json_object_set(x, keys[i], v);
    }
    set_json_text(out, "ExtendedProperties", x);
    json_decref(x);
}

static json_t *map_graph(json_t *rec)
{
    json_t *out = json_object();
    copy_str(out, "SystemAlertId", rec, "id");
    const char *vid = str_of(rec, "providerAlertId");
    set_str(out, "VendorOriginalId", vid ? vid : str_of(rec, "id"));
    copy_str(out, "AlertName", rec, "title");
    copy_str(out, "DisplayName", rec, "title");
    copy_str(out, "Description", rec, "description");
    copy_str(out, "AlertLink", rec, "alertWebUrl");
    copy_str(out, "TenantId", rec, "tenantId");
    copy_str(out, "AlertType", rec, "alertPolicyId");
    if (!json_object_get(out, "AlertType"))
        copy_str(out, "AlertType", rec, "detectorId");
    copy_str(out, "StartTime", rec, "firstActivityDateTime");
    copy_str(out, "EndTime", rec, "lastActivityDateTime");
    copy_str(out, "ProcessingEndTime", rec, "createdDateTime");
    copy_str(out, "Tactics", rec, "category");
    copy_str(out, "RemediationSteps", rec, "recommendedActions");
    copy_str(out, "ProviderName", rec, "detectionSource");
    set_capitalized(out, "AlertSeverity", str_of(rec, "severity"));
    set_capitalized(out, "Status", str_of(rec, "status"));
    set_json_text(out, "Techniques", json_object_get(rec, "mitreTechniques"));
    set_json_text(out, "Entities", json_object_get(rec, "evidence"));
    const char *product = str_of(rec, "productName");
    set_str(out, "ProductName", product ? product : graph_product(str_of(rec, "serviceSource")));
    set_str(out, "VendorName", "Microsoft");
    json_t *t = json_object_get(rec, "lastUpdateDateTime");
    if (!t || json_is_null(t))
        t = json_object_get(rec, "createdDateTime");
    if (t && !json_is_null(t))
        json_object_set(out, "TimeGenerated", t);
    graph_evidence(out, json_object_get(rec, "evidence"));
    graph_extended(out, rec);
    set_common(out);
    return out;
}

json_t *alert_map(json_t *rec, int64_t now)
{
    if (!json_is_object(rec))
        return NULL;
    if (is_mdc(rec))
        return map_mdc(rec, now);
    if (is_graph(rec))
        return map_graph(rec);
    return NULL;
}
