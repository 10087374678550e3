/* detect/automation.c — automation rules (DETECTION.md A2, C7): triggers
 * Incidents Created / Incidents Updated / Alerts Created, conditions
 * (Property with the eight operators, PropertyChanged, Boolean And/Or),
 * actions (ModifyProperties: status with classification, severity, owner,
 * labels; AddIncidentTask; RunPlaybook → an outbox event for the sinks),
 * expiration, and a deterministic order: (order, rule id), actions by their
 * own order. String comparisons are case-insensitive. A chain is bounded:
 * changes made inside automation fire the update-trigger rules once, after
 * the create-trigger rules, never recursively.
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

static void push(json_t *vals, const char *s)
{
    if (s && *s)
        json_array_append_new(vals, json_string(s));
}

static void push_all(json_t *vals, json_t *arr)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        if (json_is_string(v))
            push(vals, json_string_value(v));
        else if (json_is_object(v))
            push(vals, str(v, "labelName"));
    }
}

/* Entity identifiers of the alerts, under the automation property names. */
static void entity_values(json_t *vals, json_t *alerts, const char *prop)
{
    static const char *const map[][3] = {
        {"AccountName", "account", "Name"},       {"AccountUPNSuffix", "account", "UPNSuffix"},
        {"AccountSid", "account", "Sid"},         {"AccountAadUserId", "account", "AadUserId"},
        {"AccountObjectGuid", "account", "ObjectGuid"}, {"HostName", "host", "HostName"},
        {"HostNetBiosName", "host", "NetBiosName"}, {"HostAzureID", "host", "AzureID"},
        {"IPAddress", "ip", "Address"},           {"Url", "url", "Url"},
        {"FileName", "file", "Name"},             {"FileDirectory", "file", "Directory"},
        {"FileHashValue", "filehash", "Value"},   {"ProcessCommandLine", "process", "CommandLine"},
        {"ProcessId", "process", "ProcessId"},    {"DNSDomainName", "dns", "DomainName"},
        {"MailboxPrimaryAddress", "mailbox", "MailboxPrimaryAddress"},
        {"AzureResourceResourceId", "azureresource", "ResourceId"}};
    for (size_t m = 0; m < sizeof map / sizeof map[0]; m++) {
        if (strcasecmp(prop, map[m][0]))
            continue;
        size_t i;
        json_t *a;
        json_array_foreach(alerts, i, a)
        {
            json_t *ents = json_loads(str(a, "Entities"), 0, NULL);
            size_t j;
            json_t *e;
            json_array_foreach(ents, j, e) if (!strcasecmp(str(e, "Type"), map[m][1]))
                push(vals, str(e, map[m][2]));
            json_decref(ents);
        }
    }
}

/* All values of an automation property on obj (incident or alert). */
static json_t *values_of(json_t *obj, json_t *alerts, const char *prop)
{
    json_t *vals = json_array();
    int is_inc = json_object_get(obj, "IncidentNumber") != NULL;
    static const char *const direct[][3] = {
        {"IncidentTitle", "Title", "AlertName"},
        {"IncidentDescription", "Description", "Description"},
        {"IncidentSeverity", "Severity", "AlertSeverity"},
        {"IncidentStatus", "Status", "Status"},
        {"IncidentProviderName", "ProviderName", "ProviderName"},
        {"IncidentUpdatedBySource", "ModifiedBy", "ModifiedBy"},
        {"AlertSeverity", "Severity", "AlertSeverity"}};
    for (size_t i = 0; i < sizeof direct / sizeof direct[0]; i++)
        if (!strcasecmp(prop, direct[i][0]))
            push(vals, str(obj, direct[i][is_inc ? 1 : 2]));
    if (!strcasecmp(prop, "IncidentLabel"))
        push_all(vals, json_object_get(obj, "Labels"));
    if (!strcasecmp(prop, "IncidentTactics")) {
        if (is_inc)
            push_all(vals, json_object_get(obj, "Tactics"));
        else
            push(vals, str(obj, "Tactics"));
    }
    if (!strcasecmp(prop, "IncidentRelatedAnalyticRuleIds") ||
        !strcasecmp(prop, "AlertAnalyticRuleIds")) {
        size_t i;
        json_t *a;
        json_array_foreach(alerts, i, a) push(vals, str(a, "_ruleId"));
    }
    if (!strcasecmp(prop, "AlertProductNames")) {
        size_t i;
        json_t *a;
        json_array_foreach(alerts, i, a) push(vals, str(a, "ProductName"));
    }
    if (!strcasecmp(prop, "IncidentCustomDetailsKey") || !strcasecmp(prop, "IncidentCustomDetailsValue")) {
        const char *k;
        json_t *v;
        json_object_foreach(json_object_get(obj, "CustomDetails"), k, v)
        {
            if (!strcasecmp(prop, "IncidentCustomDetailsKey"))
                push(vals, k);
            else
                push_all(vals, v);
        }
    }
    entity_values(vals, alerts, prop);
    return vals;
}

static int op_match(const char *op, const char *have, const char *want)
{
    size_t hl = strlen(have), wl = strlen(want);
    const char *base = !strncasecmp(op, "Not", 3) ? op + 3 : op;
    if (!strcasecmp(base, "Equals"))
        return !strcasecmp(have, want);
    if (!strcasecmp(base, "Contains"))
        return strcasestr(have, want) != NULL;
    if (!strcasecmp(base, "StartsWith"))
        return !strncasecmp(have, want, wl);
    if (!strcasecmp(base, "EndsWith"))
        return hl >= wl && !strcasecmp(have + hl - wl, want);
    return 0;
}

static int property_match(json_t *props, json_t *obj, json_t *alerts)
{
    const char *op = str(props, "operator");
    if (!*op)
        op = "Equals";
    int negative = !strncasecmp(op, "Not", 3);
    json_t *have = values_of(obj, alerts, str(props, "propertyName"));
    json_t *want = json_object_get(props, "propertyValues");
    int any = 0;
    size_t i, j;
    json_t *h, *w;
    json_array_foreach(have, i, h) json_array_foreach(want, j, w) if (
        json_is_string(w) && op_match(op, json_string_value(h), json_string_value(w))) any = 1;
    json_decref(have);
    return negative ? !any : any;
}

static int changed_match(json_t *props, json_t *obj)
{
    json_t *ch = json_object_get(json_object_get(obj, "_changed"), str(props, "propertyName"));
    if (!ch)
        return 0;
    const char *side = !strcasecmp(str(props, "changeType"), "ChangedFrom") ? "From" : "To";
    json_t *want = json_object_get(props, "propertyValues");
    if (!json_array_size(want))
        return 1;
    const char *op = str(props, "operator");
    int negative = !strncasecmp(op, "Not", 3), any = 0;
    size_t j;
    json_t *w;
    json_array_foreach(want, j, w) if (json_is_string(w) &&
                                       op_match(*op ? op : "Equals", str(ch, side),
                                                json_string_value(w))) any = 1;
    return negative ? !any : any;
}

static int cond_match(json_t *c, json_t *obj, json_t *alerts, int depth)
{
    const char *type = str(c, "conditionType");
    json_t *props = json_object_get(c, "conditionProperties");
    if (!strcasecmp(type, "Property"))
        return property_match(props, obj, alerts);
    if (!strcasecmp(type, "PropertyChanged"))
        return changed_match(props, obj);
    if (!strcasecmp(type, "Boolean") && depth < 8) {
        int is_or = !strcasecmp(str(props, "operator"), "Or");
        size_t i;
        json_t *inner;
        json_array_foreach(json_object_get(props, "innerConditions"), i, inner)
        {
            int m = cond_match(inner, obj, alerts, depth + 1);
            if (is_or && m)
                return 1;
            if (!is_or && !m)
                return 0;
        }
        return !is_or;
    }
    return 0; /* unsupported condition types never match (lint warns) */
}

int det_automation_match(json_t *conditions, json_t *obj, json_t *alerts)
{
    size_t i;
    json_t *c;
    json_array_foreach(conditions, i, c) if (!cond_match(c, obj, alerts, 0)) return 0;
    return 1;
}

static json_t *alerts_of(det_state *st, json_t *obj)
{
    json_t *arr = json_array();
    if (!json_object_get(obj, "IncidentNumber")) {
        json_array_append(arr, obj);
        return arr;
    }
    size_t i;
    json_t *id;
    json_array_foreach(json_object_get(obj, "AlertIds"), i, id)
    {
        json_t *a = det_state_alert(st, json_string_value(id));
        if (a)
            json_array_append(arr, a);
    }
    return arr;
}

static int cmp_action(const void *a, const void *b)
{
    json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "order"));
    json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "order"));
    return x < y ? -1 : x > y;
}

static void modify(det_state *st, const det_rule *ar, json_t *obj, json_t *cfg, int64_t now)
{
    char by[300];
    snprintf(by, sizeof by, "Automation rule %s", ar->id);
    const det_rule *settings = det_ruleset_settings(st->rules);
    int is_inc = json_object_get(obj, "IncidentNumber") != NULL;
    const char *sev = str(cfg, "severity");
    if (*sev && det_severity_parse(sev) >= 0)
        json_object_set_new(obj, is_inc ? "Severity" : "AlertSeverity",
                            json_string(det_severity_name(det_severity_parse(sev))));
    json_t *owner = json_object_get(cfg, "owner");
    if (json_is_object(owner) && is_inc)
        json_object_set(obj, "Owner", owner);
    json_t *labels = json_object_get(cfg, "labels");
    json_t *have = json_object_get(obj, "Labels");
    if (json_is_array(labels) && json_is_array(have)) {
        size_t i, j;
        json_t *l, *h;
        json_array_foreach(labels, i, l)
        {
            const char *name = json_is_string(l) ? json_string_value(l) : str(l, "labelName");
            int dup = !*name;
            json_array_foreach(have, j, h) if (!strcasecmp(str(h, "labelName"), name)) dup = 1;
            if (!dup)
                json_array_append_new(have, json_pack("{s:s}", "labelName", name));
        }
    }
    const char *status = str(cfg, "status");
    if (*status && is_inc) {
        char msg[256];
        if (det_incident_set_status(st, settings, obj, status, str(cfg, "classification"),
                                    str(cfg, "classificationReason")[0]
                                        ? str(cfg, "classificationReason")
                                        : NULL,
                                    str(cfg, "classificationComment"), by, now, msg,
                                    sizeof msg) < 0)
            json_array_append_new(st->events, json_pack("{s:s, s:s, s:s}", "event",
                                                        "AutomationFailed", "rule", ar->id,
                                                        "error", msg));
    } else if (*status)
        json_object_set_new(obj, "Status", json_string(status));
    if (is_inc)
        det_incident_touch(st, obj, by, now);
}

static void apply_actions(det_state *st, const det_rule *ar, json_t *obj, int64_t now)
{
    size_t n = json_array_size(ar->actions);
    json_t **acts = malloc((n + 1) * sizeof *acts);
    for (size_t i = 0; i < n; i++)
        acts[i] = json_array_get(ar->actions, i);
    for (size_t i = 1; i < n; i++) /* stable: equal orders keep file order */
        for (size_t j = i; j > 0 && cmp_action(&acts[j - 1], &acts[j]) > 0; j--) {
            json_t *t = acts[j];
            acts[j] = acts[j - 1];
            acts[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        const char *type = str(acts[i], "actionType");
        json_t *cfg = json_object_get(acts[i], "actionConfiguration");
        if (!strcasecmp(type, "ModifyProperties"))
            modify(st, ar, obj, cfg, now);
        else if (!strcasecmp(type, "AddIncidentTask") && json_object_get(obj, "Tasks"))
            json_array_append_new(json_object_get(obj, "Tasks"),
                                  json_pack("{s:s, s:s, s:s}", "title", str(cfg, "title"),
                                            "description", str(cfg, "description"), "status",
                                            "New"));
        else if (!strcasecmp(type, "RunPlaybook"))
            json_array_append_new(st->events,
                                  json_pack("{s:s, s:s, s:s, s:O}", "event", "RunPlaybook",
                                            "playbook", str(cfg, "logicAppResourceId"), "rule",
                                            ar->id, "object", obj));
    }
    free(acts);
}

static int cmp_rule(const void *a, const void *b)
{
    const det_rule *x = *(det_rule *const *)a, *y = *(det_rule *const *)b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Runs the rules of one trigger; returns 1 when one of them matched. */
static int run_trigger(det_state *st, const det_ruleset *rs, const char *on, const char *when,
                       json_t *obj, int64_t now)
{
    det_rule **v = malloc((size_t)(rs->n + 1) * sizeof *v);
    int n = 0, any = 0;
    for (int i = 0; i < rs->n; i++) {
        det_rule *r = rs->v[i];
        if (r->kind != DET_KIND_AUTOMATION || !r->enabled || !r->triggers_on ||
            !r->triggers_when || strcasecmp(r->triggers_on, on) || strcasecmp(r->triggers_when, when))
            continue;
        if (r->expiration && r->expiration <= now)
            continue;
        v[n++] = r;
    }
    qsort(v, (size_t)n, sizeof *v, cmp_rule);
    for (int i = 0; i < n; i++) {
        json_t *alerts = alerts_of(st, obj);
        int m = det_automation_match(v[i]->conditions, obj, alerts);
        json_decref(alerts);
        if (!m)
            continue;
        any = 1;
        json_t *ran = json_object_get(obj, "_automation");
        if (!ran) {
            ran = json_array();
            json_object_set_new(obj, "_automation", ran);
        }
        json_array_append_new(ran, json_string(v[i]->id));
        apply_actions(st, v[i], obj, now);
    }
    free(v);
    return any;
}

void det_automation_run(det_state *st, const det_ruleset *rs, const char *on, const char *when,
                        json_t *obj, int64_t now)
{
    if (!rs || st->automation_depth > 1)
        return;
    st->automation_depth++;
    int changed = run_trigger(st, rs, on, when, obj, now);
    if (changed && !strcasecmp(on, "Incidents") && !strcasecmp(when, "Created"))
        run_trigger(st, rs, "Incidents", "Updated", obj, now);
    st->automation_depth--;
}
