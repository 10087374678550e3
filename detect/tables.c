/* detect/tables.c — the detection state as KQL tables, so hunters can query
 * their own detections: HuntAlerts, HuntIncidents and HuntRuleRuns, loaded
 * from DIR/detect.db into an engine through include/hunt.h only.
 *
 * The engine has no in-memory row API, so each table is declared with a
 * fixed schema (hunt_load_schema on a JSON schema written to a private temp
 * directory: the tables exist with stable types even when empty) and filled
 * from an NDJSON file there (hunt_load_file). Every record is projected onto
 * exactly the declared columns; JSON carried as text in the SecurityAlert
 * shape (Entities, ExtendedProperties) becomes dynamic; hunt-private fields
 * get public names (RuleId, IncidentNumber, GroupKey, ...). The temp files
 * are removed before returning.
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { SRC_FIELD, SRC_JSONTEXT, SRC_COUNT, SRC_NOT_NULL };

typedef struct col {
    const char *name, *type, *from; /* from: the object's key (NULL: name) */
    int how;                        /* SRC_* */
} col;

static const col alert_cols[] = {
    {"TimeGenerated", "datetime", NULL, SRC_FIELD},
    {"SystemAlertId", "string", NULL, SRC_FIELD},
    {"AlertName", "string", NULL, SRC_FIELD},
    {"DisplayName", "string", NULL, SRC_FIELD},
    {"Description", "string", NULL, SRC_FIELD},
    {"AlertSeverity", "string", NULL, SRC_FIELD},
    {"Status", "string", NULL, SRC_FIELD},
    {"StartTime", "datetime", NULL, SRC_FIELD},
    {"EndTime", "datetime", NULL, SRC_FIELD},
    {"ProcessingEndTime", "datetime", NULL, SRC_FIELD},
    {"ProductName", "string", NULL, SRC_FIELD},
    {"ProductComponentName", "string", NULL, SRC_FIELD},
    {"ProviderName", "string", NULL, SRC_FIELD},
    {"AlertType", "string", NULL, SRC_FIELD},
    {"Tactics", "string", NULL, SRC_FIELD},
    {"Techniques", "dynamic", NULL, SRC_JSONTEXT},
    {"CompromisedEntity", "string", NULL, SRC_FIELD},
    {"Entities", "dynamic", NULL, SRC_JSONTEXT},
    {"ExtendedProperties", "dynamic", NULL, SRC_JSONTEXT},
    {"IsIncident", "bool", NULL, SRC_FIELD},
    {"IncidentNumber", "long", "_incident", SRC_FIELD},
    {"RuleId", "string", "_ruleId", SRC_FIELD},
    {"External", "bool", "_external", SRC_NOT_NULL},
    {"CustomDetails", "dynamic", "_customDetails", SRC_FIELD},
    {"EntityKeys", "dynamic", "_entityKeys", SRC_FIELD},
    {"ResultRows", "long", "_rowCount", SRC_FIELD},
    {"IsSummary", "bool", "_isSummary", SRC_FIELD},
    {"Automation", "dynamic", "_automation", SRC_FIELD},
};

static const col incident_cols[] = {
    {"IncidentNumber", "long", NULL, SRC_FIELD},
    {"IncidentName", "string", NULL, SRC_FIELD},
    {"Title", "string", NULL, SRC_FIELD},
    {"Description", "string", NULL, SRC_FIELD},
    {"Severity", "string", NULL, SRC_FIELD},
    {"Status", "string", NULL, SRC_FIELD},
    {"Classification", "string", NULL, SRC_FIELD},
    {"ClassificationReason", "string", NULL, SRC_FIELD},
    {"ClassificationComment", "string", NULL, SRC_FIELD},
    {"Owner", "dynamic", NULL, SRC_FIELD},
    {"Labels", "dynamic", NULL, SRC_FIELD},
    {"Tactics", "dynamic", NULL, SRC_FIELD},
    {"AlertIds", "dynamic", NULL, SRC_FIELD},
    {"AlertCount", "long", "AlertIds", SRC_COUNT},
    {"RelatedAnalyticRuleIds", "dynamic", NULL, SRC_FIELD},
    {"ProviderName", "string", NULL, SRC_FIELD},
    {"CustomDetails", "dynamic", NULL, SRC_FIELD},
    {"Tasks", "dynamic", NULL, SRC_FIELD},
    {"CreatedTime", "datetime", NULL, SRC_FIELD},
    {"LastModifiedTime", "datetime", NULL, SRC_FIELD},
    {"ClosedTime", "datetime", NULL, SRC_FIELD},
    {"FirstActivityTime", "datetime", NULL, SRC_FIELD},
    {"LastActivityTime", "datetime", NULL, SRC_FIELD},
    {"ModifiedBy", "string", NULL, SRC_FIELD},
    {"RuleId", "string", "_ruleId", SRC_FIELD},
    {"GroupKey", "string", "_groupKey", SRC_FIELD},
    {"ChangeLog", "dynamic", "_log", SRC_FIELD},
    {"Automation", "dynamic", "_automation", SRC_FIELD},
};

static const col run_cols[] = {
    {"RuleId", "string", NULL, SRC_FIELD},         {"RuleName", "string", NULL, SRC_FIELD},
    {"Tick", "datetime", NULL, SRC_FIELD},         {"WindowStart", "datetime", NULL, SRC_FIELD},
    {"WindowEnd", "datetime", NULL, SRC_FIELD},    {"Mode", "string", NULL, SRC_FIELD},
    {"Status", "string", NULL, SRC_FIELD},         {"Triggered", "bool", NULL, SRC_FIELD},
    {"ResultRows", "long", NULL, SRC_FIELD},       {"AlertsCreated", "long", NULL, SRC_FIELD},
    {"AlertsDeduped", "long", NULL, SRC_FIELD},    {"AlertsCapped", "long", NULL, SRC_FIELD},
    {"EntitiesSkipped", "long", NULL, SRC_FIELD},  {"LateRowsMissed", "long", NULL, SRC_FIELD},
    {"IncidentsCreated", "long", NULL, SRC_FIELD}, {"TicksSkipped", "long", NULL, SRC_FIELD},
    {"Error", "string", NULL, SRC_FIELD},
};

typedef struct tdef {
    const char *name;
    const col *cols;
    size_t ncols;
} tdef;

#define TDEF(n, c)                                                                                 \
    {                                                                                              \
        n, c, sizeof c / sizeof c[0]                                                               \
    }
static const tdef tables[] = {TDEF("HuntAlerts", alert_cols), TDEF("HuntIncidents", incident_cols),
                              TDEF("HuntRuleRuns", run_cols)};

static json_t *project(const tdef *t, json_t *obj)
{
    json_t *rec = json_object();
    for (size_t i = 0; i < t->ncols; i++) {
        const col *c = &t->cols[i];
        json_t *v = json_object_get(obj, c->from ? c->from : c->name);
        json_t *out = NULL;
        switch (c->how) {
        case SRC_JSONTEXT:
            if (json_is_string(v))
                out = json_loads(json_string_value(v), JSON_DECODE_ANY, NULL);
            if (!out && v)
                out = json_incref(v);
            break;
        case SRC_COUNT:
            out = json_integer((json_int_t)json_array_size(v));
            break;
        case SRC_NOT_NULL:
            out = json_boolean(v && !json_is_null(v) && !json_is_false(v));
            break;
        default:
            /* an empty object or array of a string/datetime column is null */
            if (v && (json_is_string(v) || json_is_number(v) || json_is_boolean(v) ||
                      !strcmp(c->type, "dynamic")))
                out = json_incref(v);
        }
        json_object_set_new(rec, c->name, out ? out : json_null());
    }
    return rec;
}

static int write_schema(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputc('{', f);
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        fprintf(f, "%s\"%s\": {", t ? ", " : "", tables[t].name);
        for (size_t i = 0; i < tables[t].ncols; i++)
            fprintf(f, "%s\"%s\": \"%s\"", i ? ", " : "", tables[t].cols[i].name,
                    tables[t].cols[i].type);
        fputc('}', f);
    }
    fputs("}\n", f);
    return fclose(f);
}

static int write_rows(const char *path, const tdef *t, json_t *arr)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    size_t i;
    json_t *v;
    int rc = 0;
    json_array_foreach(arr, i, v)
    {
        json_t *rec = project(t, v);
        char *line = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(rec);
        if (!line || fprintf(f, "%s\n", line) < 0)
            rc = -1;
        free(line);
    }
    return fclose(f) || rc ? -1 : 0;
}

int det_tables_load(hunt_db *db, const char *dir, int64_t counts[3], char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/detect.db", dir);
    if (access(path, R_OK) != 0) {
        snprintf(err, errlen, "%s: no detection store (run 'hunt detect run --store %s' first)",
                 path, dir);
        return -1;
    }
    det_state st;
    det_state_init(&st);
    if (det_store_load(dir, &st, err, errlen) < 0) {
        det_state_free(&st);
        return -1;
    }
    const char *base = getenv("TMPDIR");
    char tmp[2048];
    snprintf(tmp, sizeof tmp, "%s/hunt-tables-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmp)) {
        snprintf(err, errlen, "cannot create a temporary directory");
        det_state_free(&st);
        return -1;
    }
    json_t *src[3] = {st.alerts, st.incidents, st.runs};
    int rc = 0;
    hunt_error he;
    snprintf(path, sizeof path, "%s/schema.json", tmp);
    if (write_schema(path) < 0 || hunt_load_schema(db, path, &he) != HUNT_OK) {
        snprintf(err, errlen, "declaring the detection tables failed");
        rc = -1;
    }
    unlink(path);
    for (int t = 0; t < 3 && rc == 0; t++) {
        snprintf(path, sizeof path, "%s/%s.ndjson", tmp, tables[t].name);
        hunt_load_stats ls = {0};
        if (write_rows(path, &tables[t], src[t]) < 0 ||
            (json_array_size(src[t]) &&
             hunt_load_file(db, tables[t].name, path, &ls, &he) != HUNT_OK)) {
            snprintf(err, errlen, "loading %s failed", tables[t].name);
            rc = -1;
        }
        if (counts)
            counts[t] = ls.rows_loaded;
        unlink(path);
    }
    rmdir(tmp);
    det_state_free(&st);
    return rc;
}
