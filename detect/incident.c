/* detect/incident.c — incidents from alerts (DETECTION.md A1.8, A1.10, A3,
 * C6, C7): per-rule grouping (AllEntities, AnyAlert, Selected) inside the
 * lookback counted from the incident's first alert, reopening of closed
 * incidents, the alerts-per-incident cap with overflow into a new incident,
 * incident-creation rules for external SecurityAlert rows (product,
 * severity, name filters; one incident per alert however many rules match),
 * the New → Active → Closed lifecycle with classification, and status sync
 * in both directions (switchable in a kind: Settings file).
 *
 * An alert lands in at most one incident: its _incident field is set once.
 * Every change appends an entry to the incident's _log and an event to the
 * outbox (IncidentCreated / IncidentUpdated).
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static int64_t time_of(json_t *o, const char *k)
{
    int64_t t = 0;
    det_time_parse(str(o, k), &t);
    return t;
}

static void set_time(json_t *o, const char *k, int64_t t)
{
    char b[DET_TBUF];
    json_object_set_new(o, k, json_string(det_time_format(t, b)));
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, newline-joined strings of arr that pass keep (NULL: all). */
static void append_sorted(char **buf, size_t *len, json_t *arr, const char *type)
{
    size_t n = json_array_size(arr), m = 0;
    const char **v = malloc((n + 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        const char *s = json_string_value(json_array_get(arr, i));
        if (!s)
            continue;
        if (type) {
            const char *h = strchr(s, '#');
            s = h ? h + 1 : s;
            size_t tl = strlen(type);
            if (strncasecmp(s, type, tl) || s[tl] != '|')
                continue;
        }
        v[m++] = s;
    }
    qsort(v, m, sizeof *v, cmp_cstr);
    for (size_t i = 0; i < m; i++) {
        size_t add = strlen(v[i]) + 2;
        *buf = realloc(*buf, *len + add + 1);
        *len += (size_t)sprintf(*buf + *len, "%s\n", v[i]);
    }
    free(v);
}

/* The grouping key of an alert under rule r (malloc'd). */
static char *group_key(const det_rule *r, json_t *a)
{
    char *k = calloc(1, 1);
    size_t len = 0;
    if (r->matching == DET_MATCH_ANY_ALERT)
        return k;
    json_t *keys = json_object_get(a, "_entityKeys");
    if (r->matching == DET_MATCH_ALL_ENTITIES) {
        append_sorted(&k, &len, keys, NULL);
        return k;
    }
    for (int i = 0; i < r->group_entities.n; i++) {
        k = realloc(k, len + 3);
        len += (size_t)sprintf(k + len, "E\n");
        append_sorted(&k, &len, keys, r->group_entities.v[i]);
    }
    for (int i = 0; i < r->group_details.n; i++) {
        const char *d = r->group_details.v[i];
        const char *v =
            !strcasecmp(d, "Severity") ? str(a, "AlertSeverity") : str(a, "DisplayName");
        k = realloc(k, len + strlen(v) + 4);
        len += (size_t)sprintf(k + len, "D:%s\n", v);
    }
    json_t *cd = json_object_get(a, "_customDetails");
    for (int i = 0; i < r->group_custom.n; i++) {
        char *v =
            json_dumps(json_object_get(cd, r->group_custom.v[i]), JSON_COMPACT | JSON_ENCODE_ANY);
        k = realloc(k, len + (v ? strlen(v) : 0) + 4);
        len += (size_t)sprintf(k + len, "C:%s\n", v ? v : "");
        free(v);
    }
    return k;
}

static void log_change(json_t *inc, const char *by, const char *what, int64_t now)
{
    json_t *log = json_object_get(inc, "_log");
    if (!log) {
        log = json_array();
        json_object_set_new(inc, "_log", log);
    }
    char b[DET_TBUF];
    json_array_append_new(log, json_pack("{s:s, s:s, s:s, s:s}", "Time", det_time_format(now, b),
                                         "ModifiedBy", by, "Change", what, "Status",
                                         str(inc, "Status")));
}

void det_incident_touch(det_state *st, json_t *inc, const char *by, int64_t now)
{
    set_time(inc, "LastModifiedTime", now);
    json_object_set_new(inc, "ModifiedBy", json_string(by));
    json_array_append_new(st->events,
                          json_pack("{s:s, s:O}", "event", "IncidentUpdated", "incident", inc));
}

/* Appends s unless present; returns 1 when it was added. */
static int add_unique(json_t *arr, const char *s)
{
    size_t i;
    json_t *v;
    if (!s || !*s)
        return 0;
    json_array_foreach(arr, i, v) if (!strcasecmp(json_string_value(v), s)) return 0;
    json_array_append_new(arr, json_string(s));
    return 1;
}

static void add_alert(json_t *inc, json_t *a)
{
    json_array_append_new(json_object_get(inc, "AlertIds"), json_string(str(a, "SystemAlertId")));
    det_note_added(inc, "Alerts", str(a, "SystemAlertId"));
    json_object_set(a, "_incident", json_object_get(inc, "IncidentNumber"));
    json_object_set_new(a, "IsIncident", json_true());
    int sev = det_severity_parse(str(a, "AlertSeverity"));
    if (sev > det_severity_parse(str(inc, "Severity"))) {
        det_note_change(inc, "IncidentSeverity", json_string(str(inc, "Severity")),
                        json_string(det_severity_name(sev)));
        json_object_set_new(inc, "Severity", json_string(det_severity_name(sev)));
    }
    int64_t s = time_of(a, "StartTime"), e = time_of(a, "EndTime");
    if (s < time_of(inc, "FirstActivityTime"))
        set_time(inc, "FirstActivityTime", s);
    if (e > time_of(inc, "LastActivityTime"))
        set_time(inc, "LastActivityTime", e);
    char *tactics = strdup(str(a, "Tactics"));
    for (char *save = NULL, *t = strtok_r(tactics, ",", &save); t; t = strtok_r(NULL, ",", &save))
        if (add_unique(json_object_get(inc, "Tactics"), t))
            det_note_added(inc, "Tactics", t);
    free(tactics);
    add_unique(json_object_get(inc, "RelatedAnalyticRuleIds"), str(a, "_ruleId"));
    json_t *cd = json_object_get(a, "_customDetails"), *icd = json_object_get(inc, "CustomDetails");
    const char *k;
    json_t *v;
    json_object_foreach(cd, k, v)
    {
        json_t *dst = json_object_get(icd, k);
        if (!dst) {
            dst = json_array();
            json_object_set_new(icd, k, dst);
        }
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) add_unique(dst, json_string_value(x));
    }
}

static json_t *new_incident(det_state *st, const char *rule_id, const char *key, json_t *a,
                            const char *provider, int64_t now)
{
    int64_t num = st->next_incident++;
    char seed[300], id[40];
    snprintf(seed, sizeof seed, "incident|%s|%s", rule_id, str(a, "SystemAlertId"));
    json_t *inc = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:n, s:n, s:n, s:{}, s:[], s:[], s:[], s:[], s:s, s:{},"
        " s:[], s:s, s:s}",
        "IncidentNumber", (json_int_t)num, "IncidentName", det_uuid(seed, id), "Title",
        str(a, "DisplayName"), "Description", str(a, "Description"), "Severity",
        str(a, "AlertSeverity"), "Status", "New", "Classification", "ClassificationReason",
        "ClassificationComment", "Owner", "Labels", "Tactics", "AlertIds", "RelatedAnalyticRuleIds",
        "ProviderName", provider, "CustomDetails", "Tasks", "_ruleId", rule_id, "_groupKey", key);
    set_time(inc, "CreatedTime", now);
    set_time(inc, "LastModifiedTime", now);
    set_time(inc, "FirstActivityTime", time_of(a, "StartTime"));
    set_time(inc, "LastActivityTime", time_of(a, "EndTime"));
    set_time(inc, "_firstAlertTime", time_of(a, "TimeGenerated"));
    json_object_set_new(inc, "ModifiedBy", json_string("Alert grouping"));
    add_alert(inc, a);
    log_change(inc, "Alert grouping", "Created", now);
    json_array_append_new(st->incidents, inc);
    json_array_append_new(st->events,
                          json_pack("{s:s, s:O}", "event", "IncidentCreated", "incident", inc));
    det_automation_run(st, st->rules, "Incidents", "Created", inc, now);
    return inc;
}

static json_t *find_candidate(det_state *st, const det_rule *r, const char *key, json_t *a)
{
    int64_t at = time_of(a, "TimeGenerated");
    for (size_t i = json_array_size(st->incidents); i-- > 0;) {
        json_t *inc = json_array_get(st->incidents, i);
        if (strcmp(str(inc, "_ruleId"), r->id) || strcmp(str(inc, "_groupKey"), key))
            continue;
        if (at - time_of(inc, "_firstAlertTime") > r->lookback)
            return NULL; /* older incidents are older still */
        return inc;
    }
    return NULL;
}

void det_incident_place(det_state *st, const det_rule *r, const det_rule *settings, json_t *alert,
                        int64_t now)
{
    if (!r->create_incident || json_object_get(alert, "_incident"))
        return;
    if (!settings->incidents_for_informational &&
        det_severity_parse(str(alert, "AlertSeverity")) == DET_SEV_INFORMATIONAL)
        return;
    char *key = r->grouping_enabled ? group_key(r, alert) : NULL;
    json_t *inc = key ? find_candidate(st, r, key, alert) : NULL;
    int cap = settings->max_alerts_per_incident > 0 ? settings->max_alerts_per_incident : 150;
    if (inc && (int)json_array_size(json_object_get(inc, "AlertIds")) >= cap)
        inc = NULL; /* overflow: a new incident with the same key */
    if (inc && !strcmp(str(inc, "Status"), "Closed")) {
        if (!r->reopen_closed)
            inc = NULL;
        else {
            char msg[128];
            det_incident_set_status(st, settings, inc, "Active", NULL, NULL, NULL, "Alert grouping",
                                    now, msg, sizeof msg);
            log_change(inc, "Alert grouping", "Reopened", now);
        }
    }
    if (inc) {
        add_alert(inc, alert);
        log_change(inc, "Alert grouping", "AlertAdded", now);
        det_incident_touch(st, inc, "Alert grouping", now);
        if (!st->automation_depth)
            det_automation_run(st, st->rules, "Incidents", "Updated", inc, now);
    } else
        new_incident(st, r->id, key ? key : str(alert, "SystemAlertId"), alert, "Azure Sentinel",
                     now);
    free(key);
}

/* --- lifecycle ------------------------------------------------------------------------------ */

static int reason_ok(const char *cls, const char *reason)
{
    if (!reason || !*reason)
        return 1;
    if (!strcasecmp(cls, "TruePositive"))
        return !strcasecmp(reason, "SuspiciousActivity");
    if (!strcasecmp(cls, "BenignPositive"))
        return !strcasecmp(reason, "SuspiciousButExpected");
    if (!strcasecmp(cls, "FalsePositive"))
        return !strcasecmp(reason, "IncorrectAlertLogic") || !strcasecmp(reason, "InaccurateData");
    return 0;
}

static void sync_alerts(det_state *st, json_t *inc, const char *status, const char *cls)
{
    const char *to = NULL;
    if (!strcmp(status, "Closed"))
        to = cls && !strcasecmp(cls, "FalsePositive") ? "Dismissed" : "Resolved";
    else if (!strcmp(status, "Active"))
        to = "InProgress";
    size_t i;
    json_t *id;
    json_array_foreach(json_object_get(inc, "AlertIds"), i, id)
    {
        json_t *a = det_state_alert(st, json_string_value(id));
        if (!a || !to)
            continue;
        if (!strcmp(to, "InProgress") && !strcmp(str(a, "Status"), "InProgress"))
            continue;
        json_object_set_new(a, "Status", json_string(to));
        json_array_append_new(st->events,
                              json_pack("{s:s, s:O}", "event", "AlertUpdated", "alert", a));
    }
}

int det_incident_set_status(det_state *st, const det_rule *settings, json_t *inc,
                            const char *status, const char *classification, const char *reason,
                            const char *comment, const char *by, int64_t now, char *msg,
                            size_t msglen)
{
    static const char *const ok[] = {"New", "Active", "Closed"};
    const char *canon = NULL;
    for (int i = 0; i < 3; i++)
        if (status && !strcasecmp(status, ok[i]))
            canon = ok[i];
    if (!canon) {
        snprintf(msg, msglen, "status must be New, Active or Closed");
        return -1;
    }
    if (!strcmp(canon, "Closed")) {
        static const char *const cls[] = {"TruePositive", "BenignPositive", "FalsePositive",
                                          "Undetermined"};
        const char *c = NULL;
        for (int i = 0; i < 4; i++)
            if (classification && !strcasecmp(classification, cls[i]))
                c = cls[i];
        if (!c) {
            snprintf(msg, msglen,
                     "closing needs a classification: TruePositive, BenignPositive, "
                     "FalsePositive or Undetermined");
            return -1;
        }
        if (!reason_ok(c, reason)) {
            snprintf(msg, msglen, "reason '%s' does not go with classification %s", reason, c);
            return -1;
        }
        json_object_set_new(inc, "Classification", json_string(c));
        json_object_set_new(inc, "ClassificationReason",
                            reason ? json_string(reason) : json_null());
        json_object_set_new(inc, "ClassificationComment",
                            comment ? json_string(comment) : json_null());
    } else {
        json_object_set_new(inc, "Classification", json_null());
        json_object_set_new(inc, "ClassificationReason", json_null());
    }
    const char *from = str(inc, "Status");
    int changed = strcmp(from, canon) != 0;
    if (changed)
        det_note_change(inc, "IncidentStatus", json_string(from), json_string(canon));
    json_object_set_new(inc, "Status", json_string(canon));
    if (!strcmp(canon, "Closed"))
        set_time(inc, "ClosedTime", now);
    log_change(inc, by, "Status", now);
    if (settings->sync_incident_to_alerts && changed)
        sync_alerts(st, inc, canon, classification);
    det_incident_touch(st, inc, by, now);
    if (changed && !st->automation_depth)
        det_automation_run(st, st->rules, "Incidents", "Updated", inc, now);
    return 0;
}

/* --- external alerts --------------------------------------------------------------------- */

static int contains_ci(const char *hay, const char *needle)
{
    return strcasestr(hay, needle) != NULL;
}

static int product_match(const char *product, const char *filter)
{
    static const char *const aliases[][2] = {
        {"Azure Security Center", "Microsoft Defender for Cloud"},
        {"Microsoft Cloud App Security", "Microsoft Defender for Cloud Apps"},
        {"Azure Advanced Threat Protection", "Microsoft Defender for Identity"},
        {"Microsoft Defender Advanced Threat Protection", "Microsoft Defender for Endpoint"},
        {"Office 365 Advanced Threat Protection", "Microsoft Defender for Office 365"},
        {"Azure Active Directory Identity Protection", "Microsoft Entra ID Protection"}};
    if (!strcasecmp(product, filter))
        return 1;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if ((!strcasecmp(product, aliases[i][0]) && !strcasecmp(filter, aliases[i][1])) ||
            (!strcasecmp(product, aliases[i][1]) && !strcasecmp(filter, aliases[i][0])))
            return 1;
    return 0;
}

static int msic_match(const det_rule *r, json_t *a)
{
    int ok = 0;
    for (int i = 0; i < r->products.n; i++)
        ok |= product_match(str(a, "ProductName"), r->products.v[i]);
    if (!ok)
        return 0;
    if (r->severities.n) {
        ok = 0;
        for (int i = 0; i < r->severities.n; i++)
            ok |= !strcasecmp(str(a, "AlertSeverity"), r->severities.v[i]);
        if (!ok)
            return 0;
    }
    const char *name = str(a, "DisplayName")[0] ? str(a, "DisplayName") : str(a, "AlertName");
    if (r->names_include.n) {
        ok = 0;
        for (int i = 0; i < r->names_include.n; i++)
            ok |= contains_ci(name, r->names_include.v[i]);
        if (!ok)
            return 0;
    }
    for (int i = 0; i < r->names_exclude.n; i++)
        if (contains_ci(name, r->names_exclude.v[i]))
            return 0;
    return 1;
}

static int closed_status(const char *s)
{
    return !strcasecmp(s, "Resolved") || !strcasecmp(s, "Dismissed");
}

static void source_status_change(det_state *st, json_t *a, json_t *rec, int64_t now)
{
    const det_rule *settings = det_ruleset_settings(st->rules);
    const char *ns = str(rec, "Status");
    if (!*ns || !strcmp(ns, str(a, "Status")))
        return;
    json_object_set_new(a, "Status", json_string(ns));
    json_array_append_new(st->events, json_pack("{s:s, s:O}", "event", "AlertUpdated", "alert", a));
    json_t *inc = det_state_incident(st, json_integer_value(json_object_get(a, "_incident")));
    if (!inc || !settings->sync_alerts_close_incident || !strcmp(str(inc, "Status"), "Closed"))
        return;
    size_t i;
    json_t *id;
    json_array_foreach(json_object_get(inc, "AlertIds"), i, id)
    {
        json_t *x = det_state_alert(st, json_string_value(id));
        if (x && !closed_status(str(x, "Status")))
            return;
    }
    char msg[256];
    det_incident_set_status(st, settings, inc, "Closed", "Undetermined", NULL,
                            "all alerts were closed at their source", "Alert sync", now, msg,
                            sizeof msg);
}

void det_incident_external(det_state *st, const det_ruleset *rs, json_t *rec, int64_t now)
{
    const char *id = str(rec, "SystemAlertId");
    if (!*id)
        return;
    json_t *a = det_state_alert(st, id);
    if (a) {
        if (!json_object_get(a, "_ruleId") || json_object_get(a, "_external"))
            source_status_change(st, a, rec, now);
        return;
    }
    const det_rule *match = NULL;
    for (int i = 0; rs && i < rs->n && !match; i++)
        if (rs->v[i]->kind == DET_KIND_MSIC && rs->v[i]->enabled && msic_match(rs->v[i], rec))
            match = rs->v[i];
    a = json_deep_copy(rec);
    json_object_set_new(a, "_external", json_true());
    json_array_append_new(st->alerts, a);
    if (!match)
        return;
    const det_rule *settings = det_ruleset_settings(rs);
    if (!settings->incidents_for_informational &&
        det_severity_parse(str(a, "AlertSeverity")) == DET_SEV_INFORMATIONAL)
        return;
    json_object_set_new(a, "_ruleId", json_string(match->id));
    json_t *inc = new_incident(st, match->id, id, a, str(a, "ProductName"), now);
    (void)inc;
}
