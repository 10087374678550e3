/* detect/validate.c — rule validation (DETECTION.md A1.1, A1.2, C1, C9).
 *
 * Static checks: durations and their limits, trigger, tactics and
 * techniques, entity types / identifiers / "needs one of", custom-detail
 * names, placeholder counts, suppression, grouping, automation limits.
 * Sentinel enforces some of these at deploy time; hunt reports the ones
 * that would make a rule wrong or unrunnable as errors and the rest as
 * warnings, so published rules load.
 *
 * Bind check: the query is bound with HUNT_CHECK_ONLY; then, to learn the
 * output schema, it is run over the same engine whose tables are empty
 * (nothing to scan, so this is as cheap as binding), and every column the
 * rule names (entity, custom detail, {{Column}}, severity, tactics, dynamic
 * property) must be in that schema. Errors carry the rule file's
 * line:column, including errors inside the query text.
 */
#include "detect/detect.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define E(d, r, p, ...) det_diag_add(d, 1, (r)->file, (p).line, (p).col, __VA_ARGS__)
#define W(d, r, p, ...) det_diag_add(d, 0, (r)->file, (p).line, (p).col, __VA_ARGS__)

static const char *const tactics[] = {"Collection",
                                      "CommandAndControl",
                                      "CredentialAccess",
                                      "DefenseEvasion",
                                      "Discovery",
                                      "Execution",
                                      "Exfiltration",
                                      "Impact",
                                      "ImpairProcessControl",
                                      "InhibitResponseFunction",
                                      "InitialAccess",
                                      "LateralMovement",
                                      "Persistence",
                                      "PreAttack",
                                      "PrivilegeEscalation",
                                      "Reconnaissance",
                                      "ResourceDevelopment"};

static int valid_tactic(const char *t)
{
    for (size_t i = 0; i < sizeof tactics / sizeof tactics[0]; i++)
        if (!strcasecmp(t, tactics[i]))
            return 1;
    return 0;
}

static int valid_technique(const char *t)
{
    if (t[0] != 'T' || strlen(t) < 5)
        return 0;
    for (int i = 1; i < 5; i++)
        if (!isdigit((unsigned char)t[i]))
            return 0;
    if (t[5] == '\0')
        return 1;
    return t[5] == '.' && isdigit((unsigned char)t[6]) && isdigit((unsigned char)t[7]) &&
           isdigit((unsigned char)t[8]) && t[9] == '\0';
}

static int word_ok(const char *s, int allow_leading_underscore)
{
    if (!s || !(isalpha((unsigned char)*s) || (allow_leading_underscore && *s == '_')))
        return 0;
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            return 0;
    return 1;
}

static int count_placeholders(const char *f)
{
    int n = 0;
    for (const char *p = f; p && (p = strstr(p, "{{")); p += 2)
        if (strstr(p + 2, "}}"))
            n++;
    return n;
}

static void check_entities(const det_rule *r, det_diags *d)
{
    if (r->nentities > 10)
        W(d, r, r->entities[10].pos, "more than 10 entity mappings (Sentinel's limit)");
    for (int i = 0; i < r->nentities; i++) {
        const det_entity_map *m = &r->entities[i];
        const char *type = det_entity_type_canon(m->type);
        if (!type) {
            E(d, r, m->pos, "unknown entity type '%s'", m->type ? m->type : "");
            continue;
        }
        if (m->nfields == 0)
            E(d, r, m->pos, "entity mapping %s has no field mappings", type);
        if (m->nfields > 3)
            W(d, r, m->fields[3].pos, "more than 3 identifiers in one mapping (Sentinel's limit)");
        for (int f = 0; f < m->nfields; f++) {
            const det_field_map *fm = &m->fields[f];
            if (!det_entity_has_identifier(type, fm->identifier))
                E(d, r, fm->pos, "%s has no identifier '%s'", type,
                  fm->identifier ? fm->identifier : "");
            if (!fm->column || !*fm->column)
                E(d, r, fm->pos, "field mapping %s.%s has no columnName", type,
                  fm->identifier ? fm->identifier : "");
        }
    }
}

static void check_custom(const det_rule *r, det_diags *d)
{
    if (r->ncustom > 20)
        W(d, r, r->custom[20].pos, "more than 20 custom details (Sentinel's limit)");
    for (int i = 0; i < r->ncustom; i++) {
        const det_kv *kv = &r->custom[i];
        if (!word_ok(kv->key, 0) || strlen(kv->key) > 20)
            W(d, r, kv->pos,
              "custom detail key '%s' must match ^[a-zA-Z]+\\w*$ and be at most 20 "
              "characters",
              kv->key);
        if (!kv->value || !word_ok(kv->value, 1))
            E(d, r, kv->pos, "custom detail '%s' needs a column name", kv->key);
    }
}

static void check_grouping(const det_rule *r, det_diags *d)
{
    det_pos p = {0, 0};
    if (!r->grouping_enabled)
        return;
    if (r->lookback < 5 * DET_MIN || r->lookback > 7 * DET_DAY)
        W(d, r, p, "grouping lookbackDuration outside 5m..7d");
    if (r->matching != DET_MATCH_SELECTED)
        return;
    if (!r->group_entities.n && !r->group_details.n && !r->group_custom.n)
        E(d, r, p,
          "matchingMethod Selected needs groupByEntities, groupByAlertDetails or "
          "groupByCustomDetails");
    for (int i = 0; i < r->group_entities.n; i++) {
        int found = 0;
        for (int k = 0; k < r->nentities; k++)
            found |=
                r->entities[k].type && !strcasecmp(r->entities[k].type, r->group_entities.v[i]);
        if (!found)
            E(d, r, p, "groupByEntities names %s, which the rule does not map",
              r->group_entities.v[i]);
    }
    for (int i = 0; i < r->group_details.n; i++)
        if (strcasecmp(r->group_details.v[i], "DisplayName") &&
            strcasecmp(r->group_details.v[i], "Severity"))
            E(d, r, p, "groupByAlertDetails accepts DisplayName and Severity, not '%s'",
              r->group_details.v[i]);
    for (int i = 0; i < r->group_custom.n; i++) {
        int found = 0;
        for (int k = 0; k < r->ncustom; k++)
            found |= !strcmp(r->custom[k].key, r->group_custom.v[i]);
        if (!found)
            E(d, r, p, "groupByCustomDetails names '%s', which customDetails does not define",
              r->group_custom.v[i]);
    }
}

/* Warns about ago(X) with X longer than the period: the window hides it. */
static void check_ago(const det_rule *r, det_diags *d)
{
    for (const char *p = r->query; (p = strstr(p, "ago(")); p += 4) {
        const char *q = p + 4;
        while (*q == ' ')
            q++;
        char num[32];
        int n = 0;
        while (isdigit((unsigned char)*q) && n < 20)
            num[n++] = *q++;
        if (!n)
            continue;
        char unit = *q;
        if (!strncmp(q, "min", 3))
            unit = 'm';
        num[n] = unit;
        num[n + 1] = '\0';
        int64_t v;
        if (det_duration_parse(num, &v) == 0 && v > r->period) {
            int line = 1, col = 1;
            for (const char *c = r->query; c < p; c++)
                line += *c == '\n', col = *c == '\n' ? 1 : col + 1;
            det_pos at = det_query_pos(r, line, col);
            W(d, r, at, "ago(%s) reaches beyond queryPeriod: the run window hides those rows", num);
        }
    }
}

static void check_scheduled(const det_rule *r, det_diags *d)
{
    det_pos p0 = {0, 0};
    if (!r->query)
        return;
    if (strlen(r->query) > 10000)
        W(d, r, r->query_pos, "query longer than 10,000 characters (Sentinel's limit)");
    if (strstr(r->query, "search *") || strstr(r->query, "union *"))
        W(d, r, r->query_pos, "Sentinel rejects 'search *' and 'union *' in rules");
    if (r->kind == DET_KIND_SCHEDULED) {
        if (r->frequency == 0 || r->period == 0)
            E(d, r, p0, "queryFrequency and queryPeriod are required for a Scheduled rule");
        else if (r->frequency < DET_MIN)
            E(d, r, p0, "queryFrequency must be at least 1m");
        else if (r->frequency < 5 * DET_MIN)
            W(d, r, p0, "queryFrequency below Sentinel's minimum of 5m");
        if (r->period < r->frequency)
            E(d, r, p0,
              "queryPeriod is shorter than queryFrequency: rows between windows are "
              "never seen");
        if (r->period > 14 * DET_DAY || r->frequency > 14 * DET_DAY)
            W(d, r, p0, "queryPeriod/queryFrequency above Sentinel's 14 days");
        if (r->period >= 2 * DET_DAY && r->frequency < DET_HOUR)
            W(d, r, p0,
              "queryPeriod of 2 days or more needs queryFrequency of at least 1h "
              "in Sentinel");
        if (r->period > r->frequency && r->dedupe == DET_DEDUPE_NONE)
            W(d, r, p0,
              "queryPeriod > queryFrequency with dedupe: none alerts the same rows "
              "in several runs");
    }
    if (r->threshold < 0 || r->threshold > 10000)
        E(d, r, p0, "triggerThreshold must be 0..10000");
    for (int i = 0; i < r->tactics.n; i++)
        if (!valid_tactic(r->tactics.v[i]))
            W(d, r, p0, "unknown tactic '%s'", r->tactics.v[i]);
    for (int i = 0; i < r->techniques.n; i++)
        if (!valid_technique(r->techniques.v[i]))
            W(d, r, p0, "technique '%s' is not T1234 or T1234.001", r->techniques.v[i]);
    if (count_placeholders(r->name_format) > 3)
        W(d, r, r->name_format_pos, "more than 3 {{Column}} placeholders");
    if (count_placeholders(r->desc_format) > 3)
        W(d, r, r->desc_format_pos, "more than 3 {{Column}} placeholders");
    if (r->suppression_enabled && r->suppression_duration > DET_DAY)
        W(d, r, p0, "suppressionDuration above Sentinel's 24h");
    if (r->max_alerts < 1 || r->max_alerts > 10000)
        E(d, r, p0, "hunt.maxAlertsPerRun must be 1..10000");
    check_entities(r, d);
    check_custom(r, d);
    check_grouping(r, d);
    check_ago(r, d);
}

/* 1 when s is one of the n names (case-insensitive). */
static int one_of(const char *s, const char *const *names, int n)
{
    for (int i = 0; s && i < n; i++)
        if (!strcasecmp(s, names[i]))
            return 1;
    return 0;
}

/* An automation condition, recursively (Boolean inner conditions,
 * PropertyArray item conditions): warnings for what never matches. */
static void check_condition(const det_rule *r, det_diags *d, json_t *c, size_t n, int depth)
{
    det_pos p0 = {0, 0};
    const char *t = json_string_value(json_object_get(c, "conditionType"));
    json_t *props = json_object_get(c, "conditionProperties");
    static const char *const changed_props[] = {"IncidentSeverity", "IncidentStatus",
                                                "IncidentOwner"};
    static const char *const sides[] = {"ChangedFrom", "ChangedTo"};
    static const char *const arrays[] = {"CustomDetails", "CustomDetailValues"};
    static const char *const kinds[] = {"AnyItem", "AllItems"};
    static const char *const changed_arrays[] = {"Alerts", "Labels", "Tactics", "Comments"};
    const char *a = json_string_value(json_object_get(props, "arrayType"));
    const char *ct = json_string_value(json_object_get(props, "changeType"));
    size_t i;
    json_t *inner;
    if (depth > 8) {
        W(d, r, p0, "condition %zu: nested too deeply (never matches)", n);
    } else if (t && !strcasecmp(t, "Property")) {
    } else if (t && !strcasecmp(t, "Boolean")) {
        json_array_foreach(json_object_get(props, "innerConditions"), i, inner)
            check_condition(r, d, inner, n, depth + 1);
    } else if (t && !strcasecmp(t, "PropertyChanged")) {
        if (!one_of(json_string_value(json_object_get(props, "propertyName")), changed_props, 3))
            W(d, r, p0,
              "condition %zu: PropertyChanged tracks IncidentSeverity, IncidentStatus"
              " and IncidentOwner only (never matches)",
              n);
        if (ct && !one_of(ct, sides, 2))
            W(d, r, p0, "condition %zu: changeType must be ChangedFrom or ChangedTo", n);
    } else if (t && !strcasecmp(t, "PropertyArray")) {
        const char *k = json_string_value(json_object_get(props, "arrayConditionType"));
        if (!one_of(a, arrays, 2))
            W(d, r, p0,
              "condition %zu: arrayType must be CustomDetails or CustomDetailValues"
              " (never matches)",
              n);
        if (k && !one_of(k, kinds, 2))
            W(d, r, p0, "condition %zu: arrayConditionType must be AnyItem or AllItems", n);
        json_array_foreach(json_object_get(props, "itemConditions"), i, inner)
            check_condition(r, d, inner, n, depth + 1);
    } else if (t && !strcasecmp(t, "PropertyArrayChanged")) {
        if (!one_of(a, changed_arrays, 4) || (ct && strcasecmp(ct, "Added")))
            W(d, r, p0,
              "condition %zu: PropertyArrayChanged wants arrayType Alerts, Labels,"
              " Tactics or Comments and changeType Added (never matches)",
              n);
        else if (!strcasecmp(a, "Comments"))
            W(d, r, p0, "condition %zu: hunt incidents have no comments yet (never matches)", n);
    } else
        W(d, r, p0, "condition %zu: type '%s' is not supported by hunt (never matches)", n,
          t ? t : "");
}

static void check_automation(const det_rule *r, det_diags *d)
{
    det_pos p0 = {0, 0};
    if (r->order < 1 || r->order > 1000)
        W(d, r, p0, "automation order should be 1..1000");
    int on_ok = r->triggers_on &&
                (!strcasecmp(r->triggers_on, "Incidents") || !strcasecmp(r->triggers_on, "Alerts"));
    int when_ok = r->triggers_when && (!strcasecmp(r->triggers_when, "Created") ||
                                       !strcasecmp(r->triggers_when, "Updated"));
    if (!on_ok || !when_ok)
        E(d, r, p0, "triggersOn must be Incidents or Alerts and triggersWhen Created or Updated");
    if (json_array_size(r->conditions) > 50)
        W(d, r, p0, "more than 50 conditions");
    if (json_array_size(r->actions) > 20)
        W(d, r, p0, "more than 20 actions");
    size_t i;
    json_t *c;
    json_array_foreach(r->conditions, i, c) check_condition(r, d, c, i + 1, 0);
    json_array_foreach(r->actions, i, c)
    {
        json_t *cfg = json_object_get(c, "actionConfiguration");
        const char *st = json_string_value(json_object_get(cfg, "status"));
        if (st && !strcasecmp(st, "Closed") && !json_object_get(cfg, "classification"))
            E(d, r, p0, "action %zu closes incidents without a classification", i + 1);
    }
}

void det_validate_static(const det_rule *r, det_diags *d)
{
    if (r->kind == DET_KIND_SCHEDULED || r->kind == DET_KIND_NRT)
        check_scheduled(r, d);
    else if (r->kind == DET_KIND_AUTOMATION)
        check_automation(r, d);
    else if (r->kind == DET_KIND_MSIC)
        for (int i = 0; i < r->severities.n; i++)
            if (det_severity_parse(r->severities.v[i]) < 0) {
                det_pos p0 = {0, 0};
                E(d, r, p0, "severitiesFilter: '%s' is not a severity", r->severities.v[i]);
            }
}

det_pos det_query_pos(const det_rule *r, int qline, int qcol)
{
    det_pos p = r->query_pos;
    if (qline <= 0)
        return p;
    if (r->query_block) {
        p.line += qline - 1;
        p.col += qcol - 1;
    } else if (qline == 1)
        p.col += qcol - 1;
    else {
        p.line += qline - 1;
        p.col = qcol;
    }
    return p;
}

static int has_col(hunt_result *res, const char *c)
{
    for (int i = 0; c && i < hunt_result_columns(res); i++)
        if (!strcmp(hunt_result_column_name(res, i), c))
            return 1;
    return 0;
}

static void need_col(const det_rule *r, hunt_result *res, const char *col, det_pos p,
                     const char *what, det_diags *d)
{
    if (!col || has_col(res, col))
        return;
    char cols[600] = "";
    for (int i = 0; i < hunt_result_columns(res) && strlen(cols) < 500; i++) {
        if (i)
            strcat(cols, ", ");
        strncat(cols, hunt_result_column_name(res, i), 80);
    }
    E(d, r, p, "%s column '%s' is not in the query's output (%s)", what, col, cols);
}

static void check_placeholders(const det_rule *r, hunt_result *res, const char *fmt, det_pos p,
                               det_diags *d)
{
    for (const char *s = fmt; s && (s = strstr(s, "{{")); s += 2) {
        const char *e = strstr(s + 2, "}}");
        if (!e)
            break;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(e - s - 2), s + 2);
        need_col(r, res, name, p, "placeholder", d);
    }
}

static void check_columns(const det_rule *r, hunt_result *res, det_diags *d)
{
    for (int i = 0; i < r->nentities; i++)
        for (int f = 0; f < r->entities[i].nfields; f++)
            need_col(r, res, r->entities[i].fields[f].column, r->entities[i].fields[f].pos,
                     "entity", d);
    for (int i = 0; i < r->ncustom; i++)
        need_col(r, res, r->custom[i].value, r->custom[i].pos, "custom detail", d);
    check_placeholders(r, res, r->name_format, r->name_format_pos, d);
    check_placeholders(r, res, r->desc_format, r->desc_format_pos, d);
    need_col(r, res, r->severity_column, r->severity_column_pos, "severity", d);
    need_col(r, res, r->tactics_column, r->tactics_column_pos, "tactics", d);
    for (int i = 0; i < r->ndyn_props; i++)
        need_col(r, res, r->dyn_props[i].value, r->dyn_props[i].pos, "dynamic property", d);
}

int det_validate_bind(hunt_db *db, const det_rule *r, det_diags *d)
{
    if (!r->query)
        return -1;
    hunt_result *res = NULL;
    hunt_error he;
    size_t len = strlen(r->query);
    int rc = hunt_query(db, r->query, len, HUNT_CHECK_ONLY, &res, &he);
    if (rc == HUNT_OK)
        rc = hunt_query(db, r->query, len, HUNT_RUN, &res, &he);
    if (rc != HUNT_OK) {
        det_pos p = det_query_pos(r, he.line, he.column);
        E(d, r, p, "query: %s", he.message);
        return -1;
    }
    check_columns(r, res, d);
    hunt_result_free(res);
    return 0;
}
