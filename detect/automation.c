/* detect/automation.c — automation rules (DETECTION.md A2, C7): triggers
 * Incidents Created / Incidents Updated / Alerts Created, conditions
 * (Property with the eight operators; PropertyArray over custom details and
 * their values with AnyItem/AllItems item conditions; PropertyChanged on
 * IncidentStatus/IncidentSeverity/IncidentOwner; PropertyArrayChanged on
 * Alerts/Labels/Tactics/Comments Added; Boolean And/Or),
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

/* The item a PropertyArray condition is looking at: a custom-detail key
 * (arrayType CustomDetails) and/or one of its values (CustomDetailValues),
 * and the change records the Changed conditions look at. */
typedef struct item_ctx {
    const char *cd_key, *cd_value;
    json_t *changes; /* holds _changed/_added for Changed conditions; NULL: the object */
} item_ctx;

static json_t *custom_details(json_t *obj)
{
    json_t *cd = json_object_get(obj, "CustomDetails");
    return cd ? cd : json_object_get(obj, "_customDetails");
}

/* Values of a custom detail: a string, or an array of them. */
static void cd_values(json_t *vals, json_t *v)
{
    if (json_is_array(v))
        push_all(vals, v);
    else if (json_is_string(v))
        push(vals, json_string_value(v));
}

/* Entity identifiers of the alerts, under the automation property names. */
static void entity_values(json_t *vals, json_t *alerts, const char *prop)
{
    static const char *const map[][3] = {
        {"AccountName", "account", "Name"},
        {"AccountUPNSuffix", "account", "UPNSuffix"},
        {"AccountSid", "account", "Sid"},
        {"AccountAadUserId", "account", "AadUserId"},
        {"AccountObjectGuid", "account", "ObjectGuid"},
        {"HostName", "host", "HostName"},
        {"HostNetBiosName", "host", "NetBiosName"},
        {"HostAzureID", "host", "AzureID"},
        {"IPAddress", "ip", "Address"},
        {"Url", "url", "Url"},
        {"FileName", "file", "Name"},
        {"FileDirectory", "file", "Directory"},
        {"FileHashValue", "filehash", "Value"},
        {"ProcessCommandLine", "process", "CommandLine"},
        {"ProcessId", "process", "ProcessId"},
        {"DNSDomainName", "dns", "DomainName"},
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
    if (!strcasecmp(prop, "IncidentCustomDetailsKey") ||
        !strcasecmp(prop, "IncidentCustomDetailsValue")) {
        const char *k;
        json_t *v;
        json_object_foreach(custom_details(obj), k, v)
        {
            if (!strcasecmp(prop, "IncidentCustomDetailsKey"))
                push(vals, k);
            else
                cd_values(vals, v);
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

static int property_match(json_t *props, json_t *obj, json_t *alerts, const item_ctx *ctx)
{
    const char *op = str(props, "operator");
    if (!*op)
        op = "Equals";
    int negative = !strncasecmp(op, "Not", 3);
    const char *prop = str(props, "propertyName");
    json_t *have;
    if (ctx && ctx->cd_key && !strcasecmp(prop, "IncidentCustomDetailsKey")) {
        have = json_array();
        push(have, ctx->cd_key);
    } else if (ctx && ctx->cd_value && !strcasecmp(prop, "IncidentCustomDetailsValue")) {
        have = json_array();
        push(have, ctx->cd_value);
    } else if (ctx && ctx->cd_key && !strcasecmp(prop, "IncidentCustomDetailsValue")) {
        have = json_array();
        cd_values(have, json_object_get(custom_details(obj), ctx->cd_key));
    } else
        have = values_of(obj, alerts, prop);
    json_t *want = json_object_get(props, "propertyValues");
    int any = 0;
    size_t i, j;
    json_t *h, *w;
    json_array_foreach(have, i, h)
        json_array_foreach(want, j, w) if (json_is_string(w) &&
                                           op_match(op, json_string_value(h), json_string_value(w)))
            any = 1;
    json_decref(have);
    return negative ? !any : any;
}

/* The recorded change of an incident property: "From"/"To" hold a string
 * or, for the owner, an array of its identifiers. */
static void side_values(json_t *vals, json_t *v)
{
    if (json_is_array(v))
        push_all(vals, v);
    else if (json_is_string(v))
        push(vals, json_string_value(v));
}

static json_t *changes_of(json_t *obj, const item_ctx *ctx)
{
    return ctx && ctx->changes ? ctx->changes : obj;
}

static int changed_match(json_t *props, json_t *obj, const item_ctx *ctx)
{
    json_t *ch = json_object_get(json_object_get(changes_of(obj, ctx), "_changed"),
                                 str(props, "propertyName"));
    if (!ch)
        return 0;
    const char *side = !strcasecmp(str(props, "changeType"), "ChangedFrom") ? "From" : "To";
    json_t *want = json_object_get(props, "propertyValues");
    if (!json_array_size(want))
        return 1;
    const char *op = str(props, "operator");
    int negative = !strncasecmp(op, "Not", 3), any = 0;
    json_t *have = json_array();
    side_values(have, json_object_get(ch, side));
    size_t i, j;
    json_t *h, *w;
    json_array_foreach(have, i, h) json_array_foreach(
        want, j, w) if (json_is_string(w) && op_match(*op ? op : "Equals", json_string_value(h),
                                                      json_string_value(w))) any = 1;
    json_decref(have);
    return negative ? !any : any;
}

static int array_changed_match(json_t *props, json_t *obj, const item_ctx *ctx)
{
    const char *change = str(props, "changeType");
    if (*change && strcasecmp(change, "Added"))
        return 0; /* Added is the only change type */
    const char *arr = str(props, "arrayType");
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(changes_of(obj, ctx), "_added"), k,
                        v) if (!strcasecmp(k, arr) && json_array_size(v)) return 1;
    return 0;
}

static int cond_match(json_t *c, json_t *obj, json_t *alerts, const item_ctx *ctx, int depth);

static int items_match(json_t *conds, json_t *obj, json_t *alerts, const item_ctx *ctx, int depth)
{
    size_t i;
    json_t *c;
    json_array_foreach(conds, i, c) if (!cond_match(c, obj, alerts, ctx, depth + 1)) return 0;
    return 1;
}

/* PropertyArray: the item conditions (all of them) hold for any item
 * (AnyItem, the default) or for every item, of at least one (AllItems). */
static int array_match(json_t *props, json_t *obj, json_t *alerts, const item_ctx *ctx, int depth)
{
    const char *type = str(props, "arrayType");
    int all = !strcasecmp(str(props, "arrayConditionType"), "AllItems");
    json_t *conds = json_object_get(props, "itemConditions");
    int n = 0, matched = 0;
    json_t *cd = custom_details(obj);
    if (!strcasecmp(type, "CustomDetails")) {
        const char *k;
        json_t *v;
        json_object_foreach(cd, k, v)
        {
            item_ctx sub = {k, NULL, ctx ? ctx->changes : NULL};
            n++;
            matched += items_match(conds, obj, alerts, &sub, depth);
        }
    } else if (!strcasecmp(type, "CustomDetailValues")) {
        const char *k;
        json_t *v;
        json_object_foreach(cd, k, v)
        {
            if (ctx && ctx->cd_key && strcmp(k, ctx->cd_key))
                continue;
            json_t *vals = json_array();
            cd_values(vals, v);
            size_t i;
            json_t *x;
            json_array_foreach(vals, i, x)
            {
                item_ctx sub = {ctx ? ctx->cd_key : NULL, json_string_value(x),
                                ctx ? ctx->changes : NULL};
                n++;
                matched += items_match(conds, obj, alerts, &sub, depth);
            }
            json_decref(vals);
        }
    } else
        return 0;
    return all ? n > 0 && matched == n : matched > 0;
}

static int cond_match(json_t *c, json_t *obj, json_t *alerts, const item_ctx *ctx, int depth)
{
    const char *type = str(c, "conditionType");
    json_t *props = json_object_get(c, "conditionProperties");
    if (depth > 8)
        return 0;
    if (!strcasecmp(type, "Property"))
        return property_match(props, obj, alerts, ctx);
    if (!strcasecmp(type, "PropertyChanged"))
        return changed_match(props, obj, ctx);
    if (!strcasecmp(type, "PropertyArrayChanged"))
        return array_changed_match(props, obj, ctx);
    if (!strcasecmp(type, "PropertyArray"))
        return array_match(props, obj, alerts, ctx, depth);
    if (!strcasecmp(type, "Boolean")) {
        int is_or = !strcasecmp(str(props, "operator"), "Or");
        size_t i;
        json_t *inner;
        json_array_foreach(json_object_get(props, "innerConditions"), i, inner)
        {
            int m = cond_match(inner, obj, alerts, ctx, depth + 1);
            if (is_or && m)
                return 1;
            if (!is_or && !m)
                return 0;
        }
        return !is_or;
    }
    return 0; /* unknown condition types never match (lint warns) */
}

/* --- change tracking ------------------------------------------------------------------ */

void det_note_change(json_t *obj, const char *prop, json_t *from, json_t *to)
{
    json_t *ch = json_object_get(obj, "_changed");
    if (!json_is_object(ch)) {
        ch = json_object();
        json_object_set_new(obj, "_changed", ch);
    }
    json_t *e = json_object_get(ch, prop);
    if (!e) { /* several changes in one update: the first From, the last To */
        e = json_object();
        json_object_set_new(e, "From", from ? from : json_null());
        json_object_set_new(ch, prop, e);
    } else if (from)
        json_decref(from);
    json_object_set_new(e, "To", to ? to : json_null());
}

void det_note_added(json_t *obj, const char *array, const char *item)
{
    json_t *ad = json_object_get(obj, "_added");
    if (!json_is_object(ad)) {
        ad = json_object();
        json_object_set_new(obj, "_added", ad);
    }
    json_t *v = json_object_get(ad, array);
    if (!v) {
        v = json_array();
        json_object_set_new(ad, array, v);
    }
    json_array_append_new(v, json_string(item ? item : ""));
}

static void forget_changes(json_t *obj)
{
    json_object_del(obj, "_changed");
    json_object_del(obj, "_added");
}

static int match_conds(json_t *conditions, json_t *obj, json_t *alerts, json_t *changes)
{
    item_ctx ctx = {NULL, NULL, changes};
    size_t i;
    json_t *c;
    json_array_foreach(conditions, i, c) if (!cond_match(c, obj, alerts, &ctx, 0)) return 0;
    return 1;
}

int det_automation_match(json_t *conditions, json_t *obj, json_t *alerts)
{
    return match_conds(conditions, obj, alerts, NULL);
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

/* The identifiers of an owner object, for IncidentOwner conditions. */
static json_t *owner_ids(json_t *owner)
{
    static const char *const keys[] = {"objectId", "userPrincipalName", "email", "assignedTo"};
    json_t *ids = json_array();
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        push(ids, str(owner, keys[i]));
    return ids;
}

static void modify(det_state *st, const det_rule *ar, json_t *obj, json_t *cfg, int64_t now)
{
    char by[300];
    snprintf(by, sizeof by, "Automation rule %s", ar->id);
    const det_rule *settings = det_ruleset_settings(st->rules);
    int is_inc = json_object_get(obj, "IncidentNumber") != NULL;
    const char *sev = str(cfg, "severity");
    if (*sev && det_severity_parse(sev) >= 0) {
        const char *key = is_inc ? "Severity" : "AlertSeverity";
        const char *to = det_severity_name(det_severity_parse(sev));
        if (is_inc && strcmp(str(obj, key), to))
            det_note_change(obj, "IncidentSeverity", json_string(str(obj, key)), json_string(to));
        json_object_set_new(obj, key, json_string(to));
    }
    json_t *owner = json_object_get(cfg, "owner");
    if (json_is_object(owner) && is_inc) {
        json_t *old = owner_ids(json_object_get(obj, "Owner")), *now_ids = owner_ids(owner);
        if (!json_equal(old, now_ids))
            det_note_change(obj, "IncidentOwner", old, now_ids);
        else {
            json_decref(old);
            json_decref(now_ids);
        }
        json_object_set(obj, "Owner", owner);
    }
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
            if (!dup) {
                json_array_append_new(have, json_pack("{s:s}", "labelName", name));
                det_note_added(obj, "Labels", name);
            }
        }
    }
    const char *status = str(cfg, "status");
    if (*status && is_inc) {
        char msg[256];
        if (det_incident_set_status(
                st, settings, obj, status, str(cfg, "classification"),
                str(cfg, "classificationReason")[0] ? str(cfg, "classificationReason") : NULL,
                str(cfg, "classificationComment"), by, now, msg, sizeof msg) < 0)
            json_array_append_new(st->events,
                                  json_pack("{s:s, s:s, s:s}", "event", "AutomationFailed", "rule",
                                            ar->id, "error", msg));
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
        if (r->kind != DET_KIND_AUTOMATION || !r->enabled || !r->triggers_on || !r->triggers_when ||
            strcasecmp(r->triggers_on, on) || strcasecmp(r->triggers_when, when))
            continue;
        if (r->expiration && r->expiration <= now)
            continue;
        v[n++] = r;
    }
    qsort(v, (size_t)n, sizeof *v, cmp_rule);
    /* Every rule of the trigger judges the change that fired it, not what
     * earlier rules of the same trigger changed (no cascades). */
    json_t *changes = json_object();
    json_object_set_new(changes, "_changed", json_deep_copy(json_object_get(obj, "_changed")));
    json_object_set_new(changes, "_added", json_deep_copy(json_object_get(obj, "_added")));
    for (int i = 0; i < n; i++) {
        json_t *alerts = alerts_of(st, obj);
        int m = match_conds(v[i]->conditions, obj, alerts, changes);
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
    json_decref(changes);
    free(v);
    return any;
}

void det_automation_run(det_state *st, const det_ruleset *rs, const char *on, const char *when,
                        json_t *obj, int64_t now)
{
    if (st->automation_depth > 1)
        return;
    int outer = st->automation_depth == 0;
    /* Created: what building the object recorded is not a change; the update
     * rules that follow see only what the create rules changed. */
    if (outer && !strcasecmp(when, "Created"))
        forget_changes(obj);
    if (rs) {
        st->automation_depth++;
        run_trigger(st, rs, on, when, obj, now);
        if (!strcasecmp(on, "Incidents") && !strcasecmp(when, "Created") &&
            (json_object_size(json_object_get(obj, "_changed")) ||
             json_object_size(json_object_get(obj, "_added"))))
            run_trigger(st, rs, "Incidents", "Updated", obj, now);
        st->automation_depth--;
    }
    if (outer) /* the changes of this update were seen by its rules */
        forget_changes(obj);
}
