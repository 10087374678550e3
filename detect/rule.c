/* detect/rule.c — loads rule files into det_rule with libyaml.
 *
 * One YAML (or JSON) document per file. Accepted shapes (DETECTION.md C1):
 * Sentinel analytic-rule YAML as published (kind Scheduled / NRT) with the
 * ARM property names as aliases; kind MicrosoftSecurityIncidentCreation;
 * kind AutomationRule (the REST shape); Defender custom detections (Graph
 * detectionRule: queryCondition / schedule / detectionAction); and kind
 * Settings (workspace policies). hunt-only settings live under `hunt:`.
 *
 * The libyaml document API keeps each node's start mark, so every error
 * carries file:line:column. Keys compare case-insensitively; unknown keys
 * are ignored (Sentinel tooling adds many). Static limits are checked by
 * validate.c after loading; here only shapes and value syntax.
 */
#include "detect/detect.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

typedef struct loader {
    yaml_document_t doc;
    const char *file;
    const char *text; /* whole file, for block-scalar indentation */
    det_diags *d;
    int errors;
} loader;

static det_pos pos_of(const yaml_node_t *n)
{
    det_pos p = {0, 0};
    if (n) {
        p.line = (int)n->start_mark.line + 1;
        p.col = (int)n->start_mark.column + 1;
    }
    return p;
}

static void err_at(loader *L, const yaml_node_t *n, const char *msg, const char *arg)
{
    det_pos p = pos_of(n);
    det_diag_add(L->d, 1, L->file, p.line, p.col, msg, arg ? arg : "");
    L->errors++;
}

static void warn_at(loader *L, const yaml_node_t *n, const char *msg, const char *arg)
{
    det_pos p = pos_of(n);
    det_diag_add(L->d, 0, L->file, p.line, p.col, msg, arg ? arg : "");
}

static yaml_node_t *node(loader *L, int id)
{
    return id ? yaml_document_get_node(&L->doc, id) : NULL;
}

/* The value node of key in mapping m (case-insensitive), or NULL. */
static yaml_node_t *get(loader *L, yaml_node_t *m, const char *key)
{
    if (!m || m->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(L, p->key);
        if (k && k->type == YAML_SCALAR_NODE && strcasecmp((char *)k->data.scalar.value, key) == 0)
            return node(L, p->value);
    }
    return NULL;
}

static int is_null_scalar(const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *s = (const char *)n->data.scalar.value;
    return !*s || !strcmp(s, "~") || !strcasecmp(s, "null");
}

/* The scalar text of n, or NULL (with an error) when n is not a scalar. */
static const char *scalar(loader *L, yaml_node_t *n, const char *what)
{
    if (!n)
        return NULL;
    if (n->type != YAML_SCALAR_NODE) {
        err_at(L, n, "%s must be a single value", what);
        return NULL;
    }
    if (is_null_scalar(n))
        return NULL;
    return (const char *)n->data.scalar.value;
}

static char *dup_scalar(loader *L, yaml_node_t *m, const char *key)
{
    const char *s = scalar(L, get(L, m, key), key);
    return s ? strdup(s) : NULL;
}

static int get_bool(loader *L, yaml_node_t *m, const char *key, int def)
{
    yaml_node_t *n = get(L, m, key);
    const char *s = scalar(L, n, key);
    if (!s)
        return def;
    if (!strcasecmp(s, "true") || !strcasecmp(s, "yes") || !strcasecmp(s, "on"))
        return 1;
    if (!strcasecmp(s, "false") || !strcasecmp(s, "no") || !strcasecmp(s, "off"))
        return 0;
    err_at(L, n, "%s must be true or false", key);
    return def;
}

static int64_t get_duration(loader *L, yaml_node_t *m, const char *key, int64_t def)
{
    yaml_node_t *n = get(L, m, key);
    const char *s = scalar(L, n, key);
    if (!s)
        return def;
    int64_t v;
    if (det_duration_parse(s, &v) < 0) {
        det_pos p = pos_of(n);
        det_diag_add(L->d, 1, L->file, p.line, p.col,
                     "%s: '%s' is not a duration (use 5m, 1h, 1d, PT1H or hh:mm:ss)", key, s);
        L->errors++;
        return def;
    }
    return v;
}

static int64_t get_int(loader *L, yaml_node_t *m, const char *key, int64_t def)
{
    yaml_node_t *n = get(L, m, key);
    const char *s = scalar(L, n, key);
    if (!s)
        return def;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || end == s) {
        err_at(L, n, "%s must be an integer", key);
        return def;
    }
    return v;
}

static int64_t get_time(loader *L, yaml_node_t *m, const char *key)
{
    yaml_node_t *n = get(L, m, key);
    const char *s = scalar(L, n, key);
    int64_t t = 0;
    if (s && det_time_parse(s, &t) < 0)
        err_at(L, n, "%s must be an ISO 8601 datetime", key);
    return t;
}

/* A list of strings (a sequence, or one scalar, or a comma-separated one). */
static det_strv get_strv(loader *L, yaml_node_t *m, const char *key)
{
    det_strv v = {NULL, 0};
    yaml_node_t *n = get(L, m, key);
    if (!n || is_null_scalar(n))
        return v;
    if (n->type == YAML_SCALAR_NODE) {
        v.v = calloc(1, sizeof *v.v);
        v.v[0] = strdup((char *)n->data.scalar.value);
        v.n = 1;
        return v;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        err_at(L, n, "%s must be a list", key);
        return v;
    }
    int cap = (int)(n->data.sequence.items.top - n->data.sequence.items.start);
    v.v = calloc((size_t)cap + 1, sizeof *v.v);
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++) {
        const char *s = scalar(L, node(L, *it), key);
        if (s)
            v.v[v.n++] = strdup(s);
    }
    return v;
}

static void strv_free(det_strv *v)
{
    for (int i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
    v->v = NULL;
    v->n = 0;
}

/* --- YAML node → JSON (fixtures, automation conditions/actions) ----------- */

static json_t *plain_scalar_json(const char *s)
{
    if (!*s || !strcmp(s, "~") || !strcasecmp(s, "null"))
        return json_null();
    if (!strcasecmp(s, "true"))
        return json_true();
    if (!strcasecmp(s, "false"))
        return json_false();
    char *end;
    long long i = strtoll(s, &end, 10);
    if (!*end)
        return json_integer(i);
    double r = strtod(s, &end);
    if (!*end && (strchr(s, '.') || strchr(s, 'e') || strchr(s, 'E')))
        return json_real(r);
    return json_string(s);
}

static json_t *to_json(loader *L, yaml_node_t *n, int depth)
{
    if (!n || depth > 64)
        return json_null();
    if (n->type == YAML_SCALAR_NODE) {
        const char *s = (const char *)n->data.scalar.value;
        if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
            return plain_scalar_json(s);
        return json_string(s);
    }
    if (n->type == YAML_SEQUENCE_NODE) {
        json_t *a = json_array();
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++)
            json_array_append_new(a, to_json(L, node(L, *it), depth + 1));
        return a;
    }
    json_t *o = json_object();
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(L, p->key);
        if (k && k->type == YAML_SCALAR_NODE)
            json_object_set_new(o, (char *)k->data.scalar.value,
                                to_json(L, node(L, p->value), depth + 1));
    }
    return o;
}

/* --- enums ------------------------------------------------------------------------ */

static const char *const sev_names[] = {"Informational", "Low", "Medium", "High"};

const char *det_severity_name(int sev)
{
    return sev >= 0 && sev < 4 ? sev_names[sev] : "Medium";
}

int det_severity_parse(const char *s)
{
    for (int i = 0; s && i < 4; i++)
        if (!strcasecmp(s, sev_names[i]))
            return i;
    return -1;
}

const char *det_kind_name(int kind)
{
    static const char *const k[] = {"Scheduled", "NRT", "MicrosoftSecurityIncidentCreation",
                                    "AutomationRule", "Settings"};
    return kind >= 0 && kind < 5 ? k[kind] : "?";
}

static int get_enum(loader *L, yaml_node_t *m, const char *key, const char *const *names, int n,
                    int def)
{
    yaml_node_t *v = get(L, m, key);
    const char *s = scalar(L, v, key);
    if (!s)
        return def;
    for (int i = 0; i < n; i++)
        if (!strcasecmp(s, names[i]))
            return i;
    det_pos p = pos_of(v);
    det_diag_add(L->d, 1, L->file, p.line, p.col, "%s: unknown value '%s'", key, s);
    L->errors++;
    return def;
}

static int trigger_op(loader *L, yaml_node_t *m)
{
    static const char *const names[] = {"gt",          "lt",       "eq",    "ne",
                                        "GreaterThan", "LessThan", "Equal", "NotEqual"};
    int v = get_enum(L, m, "triggerOperator", names, 8, DET_OP_GT);
    return v % 4;
}

/* --- sections ---------------------------------------------------------------------- */

static void load_entities(loader *L, det_rule *r, yaml_node_t *m)
{
    yaml_node_t *n = get(L, m, "entityMappings");
    if (!n || is_null_scalar(n))
        return;
    if (n->type != YAML_SEQUENCE_NODE) {
        err_at(L, n, "entityMappings must be a list", NULL);
        return;
    }
    int cap = (int)(n->data.sequence.items.top - n->data.sequence.items.start);
    r->entities = calloc((size_t)cap + 1, sizeof *r->entities);
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++) {
        yaml_node_t *e = node(L, *it);
        if (!e || e->type != YAML_MAPPING_NODE) {
            err_at(L, e, "an entity mapping must be a mapping", NULL);
            continue;
        }
        det_entity_map *em = &r->entities[r->nentities++];
        em->type = dup_scalar(L, e, "entityType");
        em->pos = pos_of(e);
        yaml_node_t *fm = get(L, e, "fieldMappings");
        if (!fm || fm->type != YAML_SEQUENCE_NODE) {
            err_at(L, fm ? fm : e, "entity mapping needs a fieldMappings list", NULL);
            continue;
        }
        int fc = (int)(fm->data.sequence.items.top - fm->data.sequence.items.start);
        em->fields = calloc((size_t)fc + 1, sizeof *em->fields);
        for (yaml_node_item_t *fi = fm->data.sequence.items.start; fi < fm->data.sequence.items.top;
             fi++) {
            yaml_node_t *f = node(L, *fi);
            if (!f || f->type != YAML_MAPPING_NODE) {
                err_at(L, f, "a field mapping must be a mapping", NULL);
                continue;
            }
            det_field_map *x = &em->fields[em->nfields++];
            x->identifier = dup_scalar(L, f, "identifier");
            x->column = dup_scalar(L, f, "columnName");
            yaml_node_t *c = get(L, f, "columnName");
            x->pos = pos_of(c ? c : f);
        }
    }
}

static det_kv *load_map(loader *L, yaml_node_t *n, const char *what, int *count)
{
    *count = 0;
    if (!n || is_null_scalar(n))
        return NULL;
    if (n->type != YAML_MAPPING_NODE) {
        err_at(L, n, "%s must be a mapping", what);
        return NULL;
    }
    int cap = (int)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    det_kv *kv = calloc((size_t)cap + 1, sizeof *kv);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(L, p->key), *v = node(L, p->value);
        const char *ks = scalar(L, k, what), *vs = scalar(L, v, what);
        if (!ks)
            continue;
        kv[*count].key = strdup(ks);
        kv[*count].value = vs ? strdup(vs) : NULL;
        kv[*count].pos = pos_of(v ? v : k);
        (*count)++;
    }
    return kv;
}

static void load_override(loader *L, det_rule *r, yaml_node_t *m)
{
    yaml_node_t *o = get(L, m, "alertDetailsOverride");
    if (!o || is_null_scalar(o))
        return;
    struct {
        const char *key;
        char **dst;
        det_pos *pos;
    } f[] = {{"alertDisplayNameFormat", &r->name_format, &r->name_format_pos},
             {"alertDescriptionFormat", &r->desc_format, &r->desc_format_pos},
             {"alertSeverityColumnName", &r->severity_column, &r->severity_column_pos},
             {"alertTacticsColumnName", &r->tactics_column, &r->tactics_column_pos}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        *f[i].dst = dup_scalar(L, o, f[i].key);
        *f[i].pos = pos_of(get(L, o, f[i].key));
    }
    yaml_node_t *dp = get(L, o, "alertDynamicProperties");
    if (dp && dp->type == YAML_SEQUENCE_NODE) {
        int cap = (int)(dp->data.sequence.items.top - dp->data.sequence.items.start);
        r->dyn_props = calloc((size_t)cap + 1, sizeof *r->dyn_props);
        for (yaml_node_item_t *it = dp->data.sequence.items.start; it < dp->data.sequence.items.top;
             it++) {
            yaml_node_t *e = node(L, *it);
            char *prop = dup_scalar(L, e, "alertProperty");
            if (!prop)
                continue;
            det_kv *kv = &r->dyn_props[r->ndyn_props++];
            kv->key = prop;
            kv->value = dup_scalar(L, e, "value");
            kv->pos = pos_of(get(L, e, "value"));
        }
    }
}

static void load_incident_config(loader *L, det_rule *r, yaml_node_t *m)
{
    r->create_incident = 1;
    r->lookback = 5 * DET_HOUR;
    yaml_node_t *ic = get(L, m, "incidentConfiguration");
    if (!ic || is_null_scalar(ic))
        return;
    r->create_incident = get_bool(L, ic, "createIncident", 1);
    yaml_node_t *g = get(L, ic, "groupingConfiguration");
    if (!g || is_null_scalar(g))
        return;
    r->grouping_enabled = get_bool(L, g, "enabled", 0);
    r->reopen_closed = get_bool(L, g, "reopenClosedIncident", 0);
    r->lookback = get_duration(L, g, "lookbackDuration", 5 * DET_HOUR);
    static const char *const methods[] = {"AllEntities", "AnyAlert", "Selected"};
    r->matching = get_enum(L, g, "matchingMethod", methods, 3, DET_MATCH_ALL_ENTITIES);
    r->group_entities = get_strv(L, g, "groupByEntities");
    r->group_details = get_strv(L, g, "groupByAlertDetails");
    r->group_custom = get_strv(L, g, "groupByCustomDetails");
}

static void load_hunt(loader *L, det_rule *r, yaml_node_t *m)
{
    int nrt = r->kind == DET_KIND_NRT;
    r->delay = nrt ? 2 * DET_MIN : 5 * DET_MIN;
    r->window_mode = nrt ? DET_WIN_INGESTION : DET_WIN_EVENT;
    r->catch_up = 1;
    r->dedupe = DET_DEDUPE_AUTO;
    r->max_alerts = nrt ? 30 : 150;
    r->max_catch_up = 0;
    yaml_node_t *h = get(L, m, "hunt");
    if (!h || is_null_scalar(h))
        return;
    if (h->type != YAML_MAPPING_NODE) {
        err_at(L, h, "hunt: must be a mapping", NULL);
        return;
    }
    r->time_column = dup_scalar(L, h, "timeColumn");
    static const char *const modes[] = {"event", "ingestion"};
    r->window_mode = get_enum(L, h, "window", modes, 2, r->window_mode);
    r->delay = get_duration(L, h, "delay", r->delay);
    r->catch_up = get_bool(L, h, "catchUp", 1);
    yaml_node_t *dd = get(L, h, "dedupe");
    if (dd && dd->type == YAML_MAPPING_NODE) {
        r->dedupe_for = get_duration(L, dd, "for", 0);
        r->dedupe_key = get_strv(L, dd, "key");
    } else if (dd) {
        static const char *const dm[] = {"auto", "none"};
        r->dedupe = get_enum(L, h, "dedupe", dm, 2, DET_DEDUPE_AUTO);
    }
    r->max_alerts = (int)get_int(L, h, "maxAlertsPerRun", r->max_alerts);
    r->max_catch_up = (int)get_int(L, h, "maxCatchUp", 0);
    static const char *const sm[] = {"rule", "entity"};
    r->suppression_mode = get_enum(L, h, "suppression", sm, 2, DET_SUPP_RULE);
    yaml_node_t *t = get(L, h, "tests");
    if (t && !is_null_scalar(t)) {
        if (t->type != YAML_SEQUENCE_NODE)
            err_at(L, t, "hunt.tests must be a list of test cases", NULL);
        else {
            r->tests = to_json(L, t, 0);
            r->tests_pos = pos_of(t);
        }
    }
}

static void load_query(loader *L, det_rule *r, yaml_node_t *n)
{
    const char *q = scalar(L, n, "query");
    if (!q)
        return;
    r->query = strdup(q);
    r->query_pos = pos_of(n);
    yaml_scalar_style_t st = n->data.scalar.style;
    if (st == YAML_LITERAL_SCALAR_STYLE || st == YAML_FOLDED_SCALAR_STYLE) {
        /* The text starts on the next non-empty line, at its indentation. */
        r->query_block = 1;
        const char *p = L->text + n->start_mark.index;
        int line = r->query_pos.line;
        while (*p && *p != '\n')
            p++;
        while (*p == '\n') {
            p++;
            line++;
            const char *s = p;
            while (*s == ' ')
                s++;
            if (*s != '\n') {
                r->query_pos.line = line;
                r->query_pos.col = (int)(s - p) + 1;
                break;
            }
        }
    } else if (st != YAML_PLAIN_SCALAR_STYLE) {
        r->query_pos.col++; /* skip the quote */
    }
}

static void load_scheduled(loader *L, det_rule *r, yaml_node_t *m)
{
    r->frequency = get_duration(L, m, "queryFrequency", r->kind == DET_KIND_NRT ? DET_MIN : 0);
    r->period = get_duration(L, m, "queryPeriod", r->kind == DET_KIND_NRT ? DET_MIN : 0);
    if (r->kind == DET_KIND_NRT) {
        r->frequency = DET_MIN;
        r->period = DET_MIN;
    }
    r->trigger_op = trigger_op(L, m);
    r->threshold = get_int(L, m, "triggerThreshold", 0);
    r->techniques = get_strv(L, m, "relevantTechniques");
    if (!r->techniques.n)
        r->techniques = get_strv(L, m, "techniques");
    yaml_node_t *eg = get(L, m, "eventGroupingSettings");
    static const char *const agg[] = {"SingleAlert", "AlertPerResult"};
    r->aggregation =
        eg ? get_enum(L, eg, "aggregationKind", agg, 2, DET_AGG_SINGLE) : DET_AGG_SINGLE;
    load_entities(L, r, m);
    r->custom = load_map(L, get(L, m, "customDetails"), "customDetails", &r->ncustom);
    load_override(L, r, m);
    r->suppression_enabled = get_bool(L, m, "suppressionEnabled", 0);
    r->suppression_duration = get_duration(L, m, "suppressionDuration", 5 * DET_HOUR);
    load_incident_config(L, r, m);
    r->start_time = get_time(L, m, "startTimeUtc");
}

/* Graph detectionRule (Defender custom detection) onto the same model. */
static void load_defender(loader *L, det_rule *r, yaml_node_t *m)
{
    yaml_node_t *qc = get(L, m, "queryCondition");
    load_query(L, r, get(L, qc, "queryText"));
    yaml_node_t *sc = get(L, m, "schedule");
    const char *per = scalar(L, get(L, sc, "period"), "period");
    static const struct {
        const char *p;
        int64_t f, lb;
    } map[] = {{"1H", DET_HOUR, 4 * DET_HOUR},
               {"3H", 3 * DET_HOUR, 12 * DET_HOUR},
               {"12H", 12 * DET_HOUR, 48 * DET_HOUR},
               {"24H", DET_DAY, 30 * DET_DAY}};
    r->frequency = DET_DAY;
    r->period = 30 * DET_DAY;
    for (size_t i = 0; per && i < sizeof map / sizeof map[0]; i++)
        if (!strcasecmp(per, map[i].p)) {
            r->frequency = map[i].f;
            r->period = map[i].lb;
        }
    if (per && !strcmp(per, "0")) {
        r->kind = DET_KIND_NRT;
        r->frequency = r->period = DET_MIN;
    }
    r->frequency = get_duration(L, sc, "frequency", r->frequency);
    r->period = get_duration(L, sc, "lookback", r->period);
    r->enabled = get_bool(L, m, "isEnabled", 1);
    yaml_node_t *at = get(L, get(L, m, "detectionAction"), "alertTemplate");
    char *title = dup_scalar(L, at, "title");
    if (title) {
        r->name_format = title;
        r->name_format_pos = pos_of(get(L, at, "title"));
    }
    char *desc = dup_scalar(L, at, "description");
    if (desc) {
        free(r->description);
        r->description = desc;
    }
    const char *sev = scalar(L, get(L, at, "severity"), "severity");
    if (sev && det_severity_parse(sev) >= 0)
        r->severity = det_severity_parse(sev);
    r->techniques = get_strv(L, at, "mitreTechniques");
    r->aggregation = DET_AGG_PER_RESULT;
    r->trigger_op = DET_OP_GT;
    r->create_incident = 1;
    r->lookback = 5 * DET_HOUR;
    if (!r->time_column)
        r->time_column = strdup("Timestamp");
}

static void load_msic(loader *L, det_rule *r, yaml_node_t *m)
{
    r->products = get_strv(L, m, "productFilter");
    r->severities = get_strv(L, m, "severitiesFilter");
    r->names_include = get_strv(L, m, "displayNamesFilter");
    r->names_exclude = get_strv(L, m, "displayNamesExcludeFilter");
    if (!r->products.n)
        err_at(L, m, "an incident-creation rule needs productFilter", NULL);
}

static void load_automation(loader *L, det_rule *r, yaml_node_t *m)
{
    r->order = (int)get_int(L, m, "order", 0);
    yaml_node_t *tl = get(L, m, "triggeringLogic");
    if (!tl || tl->type != YAML_MAPPING_NODE) {
        err_at(L, tl ? tl : m, "an automation rule needs triggeringLogic", NULL);
        return;
    }
    r->enabled = get_bool(L, tl, "isEnabled", 1);
    r->expiration = get_time(L, tl, "expirationTimeUtc");
    r->triggers_on = dup_scalar(L, tl, "triggersOn");
    r->triggers_when = dup_scalar(L, tl, "triggersWhen");
    yaml_node_t *c = get(L, tl, "conditions");
    r->conditions = c ? to_json(L, c, 0) : json_array();
    yaml_node_t *a = get(L, m, "actions");
    r->actions = a ? to_json(L, a, 0) : json_array();
    if (!json_is_array(r->conditions))
        err_at(L, c, "conditions must be a list", NULL);
    if (!json_is_array(r->actions) || json_array_size(r->actions) == 0)
        err_at(L, a ? a : m, "an automation rule needs a non-empty actions list", NULL);
}

static void load_settings(loader *L, det_rule *r, yaml_node_t *m)
{
    yaml_node_t *s = get(L, m, "sync");
    r->sync_incident_to_alerts = get_bool(L, s, "incidentToAlerts", 1);
    r->sync_alerts_close_incident = get_bool(L, s, "closeIncidentWhenAllAlertsClosed", 0);
    r->max_alerts_per_incident = (int)get_int(L, m, "maxAlertsPerIncident", 150);
    r->incidents_for_informational = get_bool(L, m, "incidentsForInformational", 1);
}

static int kind_of(loader *L, yaml_node_t *m)
{
    yaml_node_t *k = get(L, m, "kind");
    const char *s = scalar(L, k, "kind");
    if (!s)
        return DET_KIND_SCHEDULED; /* Sentinel templates before kind, Defender rules */
    static const char *const names[] = {"Scheduled", "NRT", "MicrosoftSecurityIncidentCreation",
                                        "AutomationRule", "Settings"};
    for (int i = 0; i < 5; i++)
        if (!strcasecmp(s, names[i]))
            return i;
    if (!strcasecmp(s, "Fusion") || !strcasecmp(s, "MLBehaviorAnalytics") ||
        !strcasecmp(s, "ThreatIntelligence"))
        err_at(L, k, "rule kind '%s' is a built-in Microsoft analytic; hunt cannot run it", s);
    else
        err_at(L, k, "unknown rule kind '%s'", s);
    return -1;
}

static void load_common(loader *L, det_rule *r, yaml_node_t *m)
{
    r->id = dup_scalar(L, m, "id");
    r->name = dup_scalar(L, m, "name");
    if (!r->name)
        r->name = dup_scalar(L, m, "displayName");
    r->description = dup_scalar(L, m, "description");
    r->enabled = get_bool(L, m, "enabled", 1);
    yaml_node_t *sv = get(L, m, "severity");
    const char *s = scalar(L, sv, "severity");
    r->severity = DET_SEV_MEDIUM;
    if (s && det_severity_parse(s) < 0)
        err_at(L, sv, "severity '%s' is not Informational, Low, Medium or High", s);
    else if (s)
        r->severity = det_severity_parse(s);
    r->tactics = get_strv(L, m, "tactics");
}

static det_rule *load_root(loader *L, yaml_node_t *m)
{
    if (!m || m->type != YAML_MAPPING_NODE) {
        err_at(L, m, "a rule file must hold one mapping", NULL);
        return NULL;
    }
    det_rule *r = calloc(1, sizeof *r);
    r->file = strdup(L->file);
    int kind = kind_of(L, m);
    r->kind = kind < 0 ? DET_KIND_SCHEDULED : kind;
    load_common(L, r, m);
    load_hunt(L, r, m);
    if (r->kind == DET_KIND_SCHEDULED || r->kind == DET_KIND_NRT) {
        if (get(L, m, "queryCondition"))
            load_defender(L, r, m);
        else {
            load_query(L, r, get(L, m, "query"));
            load_scheduled(L, r, m);
        }
        if (!r->query)
            err_at(L, m, "the rule has no query", NULL);
    } else if (r->kind == DET_KIND_MSIC)
        load_msic(L, r, m);
    else if (r->kind == DET_KIND_AUTOMATION)
        load_automation(L, r, m);
    else
        load_settings(L, r, m);
    if (r->kind != DET_KIND_SETTINGS && !r->id) {
        /* Published templates always have one; a missing id gets one from the name. */
        char seed[600], buf[40];
        snprintf(seed, sizeof seed, "%s|%s", r->name ? r->name : "", L->file);
        r->id = strdup(det_uuid(seed, buf));
        warn_at(L, m, "the rule has no id; using %s", r->id);
    }
    if (!r->name)
        r->name = strdup(r->id ? r->id : "settings");
    if (!r->description)
        r->description = strdup("");
    if (kind < 0) {
        det_rule_free(r);
        return NULL;
    }
    return r;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, n = 0;
    char *b = malloc(cap);
    size_t k;
    while (b && (k = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n < 2) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    if (b)
        b[n] = '\0';
    *len = n;
    return b;
}

det_rule *det_rule_load(const char *path, det_diags *diags)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        det_diag_add(diags, 1, path, 0, 0, "cannot read the file");
        return NULL;
    }
    loader L = {.file = path, .text = text, .d = diags};
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    det_rule *r = NULL;
    if (!yaml_parser_load(&p, &L.doc)) {
        det_diag_add(diags, 1, path, (int)p.problem_mark.line + 1, (int)p.problem_mark.column + 1,
                     "YAML: %s%s%s", p.problem ? p.problem : "syntax error", p.context ? " " : "",
                     p.context ? p.context : "");
    } else {
        yaml_node_t *root = yaml_document_get_root_node(&L.doc);
        if (!root)
            det_diag_add(diags, 1, path, 1, 1, "the file is empty");
        else
            r = load_root(&L, root);
        yaml_document_delete(&L.doc);
        if (r && L.errors) {
            det_rule_free(r);
            r = NULL;
        }
    }
    yaml_parser_delete(&p);
    free(text);
    return r;
}

static int has_rule_ext(const char *n)
{
    const char *dot = strrchr(n, '.');
    return dot &&
           (!strcasecmp(dot, ".yaml") || !strcasecmp(dot, ".yml") || !strcasecmp(dot, ".json"));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int det_ruleset_load(const char *dir, det_ruleset *out, det_diags *diags)
{
    out->v = NULL;
    out->n = 0;
    DIR *d = opendir(dir);
    if (!d) {
        det_diag_add(diags, 1, dir, 0, 0, "cannot open the directory");
        return -1;
    }
    char **names = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !has_rule_ext(e->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = realloc(names, (size_t)cap * sizeof *names);
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, (size_t)n, sizeof *names, cmp_str);
    out->v = calloc((size_t)n + 1, sizeof *out->v);
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        det_rule *r = det_rule_load(path, diags);
        if (r)
            out->v[out->n++] = r;
        free(names[i]);
    }
    free(names);
    return 0;
}

void det_ruleset_free(det_ruleset *rs)
{
    for (int i = 0; i < rs->n; i++)
        det_rule_free(rs->v[i]);
    free(rs->v);
    rs->v = NULL;
    rs->n = 0;
}

const det_rule *det_ruleset_settings(const det_ruleset *rs)
{
    static det_rule defaults = {.kind = DET_KIND_SETTINGS,
                                .sync_incident_to_alerts = 1,
                                .max_alerts_per_incident = 150,
                                .incidents_for_informational = 1};
    for (int i = 0; rs && i < rs->n; i++)
        if (rs->v[i]->kind == DET_KIND_SETTINGS)
            return rs->v[i];
    return &defaults;
}

static void kv_free(det_kv *kv, int n)
{
    for (int i = 0; i < n; i++) {
        free(kv[i].key);
        free(kv[i].value);
    }
    free(kv);
}

void det_rule_free(det_rule *r)
{
    if (!r)
        return;
    free(r->file);
    free(r->id);
    free(r->name);
    free(r->description);
    free(r->query);
    strv_free(&r->tactics);
    strv_free(&r->techniques);
    for (int i = 0; i < r->nentities; i++) {
        for (int j = 0; j < r->entities[i].nfields; j++) {
            free(r->entities[i].fields[j].identifier);
            free(r->entities[i].fields[j].column);
        }
        free(r->entities[i].fields);
        free(r->entities[i].type);
    }
    free(r->entities);
    kv_free(r->custom, r->ncustom);
    kv_free(r->dyn_props, r->ndyn_props);
    free(r->name_format);
    free(r->desc_format);
    free(r->severity_column);
    free(r->tactics_column);
    strv_free(&r->group_entities);
    strv_free(&r->group_details);
    strv_free(&r->group_custom);
    free(r->time_column);
    strv_free(&r->dedupe_key);
    json_decref(r->tests);
    strv_free(&r->products);
    strv_free(&r->severities);
    strv_free(&r->names_include);
    strv_free(&r->names_exclude);
    free(r->triggers_on);
    free(r->triggers_when);
    json_decref(r->conditions);
    json_decref(r->actions);
    free(r);
}
