/* detect/alert.c — turns the result of one triggered run into alerts
 * (DETECTION.md C3, C4): SingleAlert vs AlertPerResult with the per-run cap
 * and summary alert, {{Column}} name/description overrides, severity and
 * tactics columns, dynamic properties, custom details, entities,
 * StartTime/EndTime from the rows, deterministic ids, and the fingerprint
 * dedupe / per-entity suppression that keeps overlapping windows from
 * re-alerting the same rows.
 *
 * Alerts are jansson objects in the SecurityAlert shape; hunt's private
 * fields start with '_' (_ruleId, _entityKeys, _customDetails, _incident).
 */
#include "detect/detect.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

char *det_uuid(const char *seed, char *buf)
{
    XXH128_hash_t h = XXH3_128bits(seed, strlen(seed));
    unsigned char b[16];
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(h.high64 >> (56 - 8 * i));
        b[8 + i] = (unsigned char)(h.low64 >> (56 - 8 * i));
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x50); /* version 5 style */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(buf, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
             b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
    return buf;
}

static int col_of(hunt_result *res, const char *name)
{
    int n = hunt_result_columns(res);
    for (int c = 0; name && c < n; c++)
        if (!strcmp(hunt_result_column_name(res, c), name))
            return c;
    return -1;
}

/* The text of column name at row, malloc'd; NULL when missing/null/empty. */
static char *cell_text(hunt_result *res, int64_t row, const char *name)
{
    int c = col_of(res, name);
    if (c < 0 || row < 0 || hunt_result_is_null(res, row, c))
        return NULL;
    size_t len;
    const char *v = hunt_result_text(res, row, c, &len);
    if (!v || len == 0)
        return NULL;
    return strndup(v, len);
}

char *det_format_override(const char *fmt, hunt_result *res, int64_t row)
{
    size_t cap = strlen(fmt) + 64, len = 0;
    char *out = malloc(cap);
    for (const char *p = fmt; *p;) {
        const char *open = strstr(p, "{{");
        const char *close = open ? strstr(open + 2, "}}") : NULL;
        if (!open || !close || memchr(open + 2, '{', (size_t)(close - open - 2))) {
            open = p + strlen(p);
            close = NULL;
        }
        size_t lit = (size_t)(open - p), vlen = 0;
        char *val = NULL;
        if (close) {
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)(close - open - 2), open + 2);
            val = cell_text(res, row, name);
            if (!val) {
                free(out);
                return NULL; /* the doc: an empty placeholder reverts to the default */
            }
            vlen = strlen(val);
        }
        if (len + lit + vlen + 1 > cap) {
            cap = (len + lit + vlen + 1) * 2;
            out = realloc(out, cap);
        }
        memcpy(out + len, p, lit);
        len += lit;
        if (val)
            memcpy(out + len, val, vlen);
        len += vlen;
        free(val);
        p = close ? close + 2 : open;
    }
    out[len] = '\0';
    return out;
}

/* --- time column ---------------------------------------------------------------- */

static int time_col(const det_rule *r, hunt_result *res)
{
    const char *cands[] = {r->time_column, "TimeGenerated", "Timestamp"};
    for (int i = 0; i < 3; i++) {
        int c = col_of(res, cands[i]);
        if (c >= 0 && hunt_result_column_type(res, c) == HUNT_TDATETIME)
            return c;
    }
    return -1;
}

/* --- fingerprints ----------------------------------------------------------------- */

static void fp_of_row(det_run *run, int64_t row, XXH128_hash_t *out)
{
    const det_rule *r = run->rule;
    hunt_result *res = run->res;
    XXH3_state_t *st = XXH3_createState();
    XXH3_128bits_reset(st);
    XXH3_128bits_update(st, r->id, strlen(r->id) + 1);
    if (r->dedupe_key.n) { /* explicit key columns replace the default parts */
        for (int k = 0; k < r->dedupe_key.n; k++) {
            char *txt = cell_text(res, row, r->dedupe_key.v[k]);
            XXH3_128bits_update(st, txt ? txt : "", txt ? strlen(txt) + 1 : 1);
            free(txt);
        }
        *out = XXH3_128bits_digest(st);
        XXH3_freeState(st);
        return;
    }
    json_t *ids = json_array();
    int skipped;
    json_t *ents = det_entities_extract(r, res, &row, 1, ids, &skipped);
    json_decref(ents);
    int parts = (int)json_array_size(ids);
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v)
        XXH3_128bits_update(st, json_string_value(v), strlen(json_string_value(v)) + 1);
    json_decref(ids);
    int tc = time_col(r, res);
    int64_t t = tc >= 0 && !hunt_result_is_null(res, row, tc) ? hunt_result_long(res, row, tc) : 0;
    if (tc >= 0) {
        XXH3_128bits_update(st, &t, sizeof t);
        parts++;
    }
    const char *extra[1 + 32];
    int nx = 0;
    extra[nx++] = "ReportId";
    for (int k = 0; k < r->ncustom && nx < 33; k++)
        extra[nx++] = r->custom[k].value;
    for (int k = 0; k < nx; k++) {
        char *txt = cell_text(res, row, extra[k]);
        if (txt) {
            XXH3_128bits_update(st, txt, strlen(txt) + 1);
            parts++;
        }
        free(txt);
    }
    if (!parts) /* nothing identifying: the whole row */
        for (int c = 0; c < hunt_result_columns(res); c++) {
            size_t len;
            const char *txt = hunt_result_text(res, row, c, &len);
            XXH3_128bits_update(st, txt ? txt : "", len + 1);
        }
    *out = XXH3_128bits_digest(st);
    XXH3_freeState(st);
}

static int fp_seen(det_state *st, const char *rule_id, XXH128_hash_t h, int64_t since)
{
    for (int i = 0; i < st->nfps; i++) {
        det_fp *f = &st->fps[i];
        if (f->hi == h.high64 && f->lo == h.low64 && f->at >= since && !strcmp(f->rule_id, rule_id))
            return 1;
    }
    return 0;
}

static void fp_add(det_state *st, const char *rule_id, XXH128_hash_t h, int64_t at)
{
    if (st->nfps == st->capfps) {
        int cap = st->capfps ? st->capfps * 2 : 256;
        det_fp *n = realloc(st->fps, (size_t)cap * sizeof *n);
        if (!n)
            return;
        st->fps = n;
        st->capfps = cap;
    }
    st->fps[st->nfps++] = (det_fp){strdup(rule_id), h.high64, h.low64, at};
}

/* --- one alert ----------------------------------------------------------------------- */

static json_t *custom_details(const det_rule *r, hunt_result *res, const int64_t *rows, int n)
{
    json_t *cd = json_object();
    for (int k = 0; k < r->ncustom; k++) {
        json_t *vals = json_array();
        for (int i = 0; i < n; i++) {
            char *t = cell_text(res, rows[i], r->custom[k].value);
            int dup = 0;
            size_t j;
            json_t *v;
            json_array_foreach(vals, j, v) if (t && !strcmp(json_string_value(v), t)) dup = 1;
            if (t && !dup)
                json_array_append_new(vals, json_string(t));
            free(t);
        }
        json_object_set_new(cd, r->custom[k].key, vals);
    }
    return cd;
}

static void set_time(json_t *o, const char *k, int64_t t)
{
    char b[DET_TBUF];
    json_object_set_new(o, k, json_string(det_time_format(t, b)));
}

static void set_tactics(json_t *a, const det_rule *r, hunt_result *res, int64_t row)
{
    char *col = r->tactics_column && row >= 0 ? cell_text(res, row, r->tactics_column) : NULL;
    char buf[1024] = "";
    if (col) {
        json_t *arr = json_loads(col, 0, NULL);
        if (json_is_array(arr)) {
            size_t i;
            json_t *v;
            json_array_foreach(arr, i, v) if (json_is_string(v))
            {
                if (*buf)
                    strncat(buf, ",", sizeof buf - strlen(buf) - 1);
                strncat(buf, json_string_value(v), sizeof buf - strlen(buf) - 1);
            }
        } else
            snprintf(buf, sizeof buf, "%s", col);
        json_decref(arr);
        free(col);
    }
    for (int i = 0; !*buf && i < r->tactics.n; i++) {
        if (i)
            strncat(buf, ",", sizeof buf - strlen(buf) - 1);
        strncat(buf, r->tactics.v[i], sizeof buf - strlen(buf) - 1);
    }
    json_object_set_new(a, "Tactics", json_string(buf));
}

static void set_overrides(json_t *a, const det_rule *r, hunt_result *res, int64_t row)
{
    char *name = r->name_format && row >= 0 ? det_format_override(r->name_format, res, row) : NULL;
    char *desc = r->desc_format && row >= 0 ? det_format_override(r->desc_format, res, row) : NULL;
    const char *dn = name ? name : r->name;
    json_object_set_new(a, "AlertName", json_string(dn));
    json_object_set_new(a, "DisplayName", json_string(dn));
    json_object_set_new(a, "Description", json_string(desc ? desc : r->description));
    free(name);
    free(desc);
    int sev = r->severity;
    char *sc = r->severity_column && row >= 0 ? cell_text(res, row, r->severity_column) : NULL;
    if (sc && det_severity_parse(sc) >= 0)
        sev = det_severity_parse(sc);
    free(sc);
    json_object_set_new(a, "AlertSeverity", json_string(det_severity_name(sev)));
    set_tactics(a, r, res, row);
    for (int i = 0; i < r->ndyn_props && row >= 0; i++) {
        char *v = cell_text(res, row, r->dyn_props[i].value);
        if (v && !strcmp(r->dyn_props[i].key, "ConfidenceScore"))
            json_object_set_new(a, "ConfidenceScore", json_real(atof(v)));
        else if (v)
            json_object_set_new(a, r->dyn_props[i].key, json_string(v));
        free(v);
    }
}

static void set_times(json_t *a, det_run *run, const int64_t *rows, int n)
{
    int tc = time_col(run->rule, run->res);
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (int i = 0; tc >= 0 && i < n; i++)
        if (!hunt_result_is_null(run->res, rows[i], tc)) {
            int64_t t = hunt_result_long(run->res, rows[i], tc);
            lo = t < lo ? t : lo;
            hi = t > hi ? t : hi;
        }
    set_time(a, "StartTime", lo <= hi ? lo : run->wfrom);
    set_time(a, "EndTime", lo <= hi ? hi : run->wto);
    set_time(a, "TimeGenerated", run->wto);
    set_time(a, "ProcessingEndTime", run->exec);
}

static const char *op_name(int op)
{
    static const char *const n[] = {"GreaterThan", "LessThan", "Equal", "NotEqual"};
    return n[op & 3];
}

static json_t *extended(det_run *run, json_t *cd, int is_summary, int64_t total)
{
    const det_rule *r = run->rule;
    char f[DET_TBUF], t[DET_TBUF], per[DET_TBUF];
    det_time_format(run->wfrom, f);
    det_time_format(run->wto, t);
    json_t *x = json_object();
    char *q = NULL;
    if (asprintf(&q,
                 "// hunt scoped this run to the window [%s, %s) on the tables' time column\n"
                 "set query_datetimescope_from = datetime(%s);\n"
                 "set query_datetimescope_to = datetime(%s);\n%s",
                 f, t, f, t, r->query) < 0)
        q = NULL;
    json_object_set_new(x, "Query", json_string(q ? q : r->query));
    free(q);
    json_object_set_new(x, "OriginalQuery", json_string(r->query));
    json_object_set_new(x, "Query Period", json_string(det_duration_format(r->period, per)));
    json_object_set_new(x, "Query Start Time UTC", json_string(f));
    json_object_set_new(x, "Query End Time UTC", json_string(t));
    json_object_set_new(x, "Trigger Operator", json_string(op_name(r->trigger_op)));
    json_object_set_new(x, "Trigger Threshold", json_integer(r->threshold));
    json_object_set_new(
        x, "Query Results Aggregation Kind",
        json_string(r->aggregation == DET_AGG_PER_RESULT ? "AlertPerResult" : "SingleAlert"));
    json_object_set_new(x, "Search Query Results Overall Count", json_integer(total));
    json_object_set_new(x, "Analytic Rule Ids", json_sprintf("[\"%s\"]", r->id));
    json_object_set_new(x, "Analytic Rule Name", json_string(r->name));
    json_object_set_new(x, "IsSummary", json_boolean(is_summary));
    const char *k;
    json_t *v;
    json_object_foreach(cd, k, v) if (!json_object_get(x, k)) json_object_set(x, k, v);
    return x;
}

static json_t *make_alert(det_run *run, const int64_t *rows, int n, int index, int is_summary,
                          int *skipped)
{
    const det_rule *r = run->rule;
    hunt_result *res = run->res;
    json_t *a = json_object();
    char seed[512], id[40];
    snprintf(seed, sizeof seed, "%s|%lld|%d", r->id, (long long)run->exec, index);
    json_object_set_new(a, "SystemAlertId", json_string(det_uuid(seed, id)));
    int64_t rep = n > 0 ? rows[0] : -1;
    set_overrides(a, r, res, rep);
    set_times(a, run, rows, n);
    json_object_set_new(a, "Status", json_string("New"));
    json_object_set_new(a, "ProductName", json_string("Azure Sentinel"));
    json_object_set_new(a, "ProductComponentName", json_string("Scheduled Alerts"));
    json_object_set_new(a, "ProviderName", json_string("ASI Scheduled Alerts"));
    json_object_set_new(a, "VendorName", json_string("Microsoft"));
    json_object_set_new(a, "AlertType", json_string(r->id));
    json_object_set_new(a, "SourceSystem", json_string("Detection"));
    json_object_set_new(a, "Type", json_string("SecurityAlert"));
    json_t *tech = json_array();
    for (int i = 0; i < r->techniques.n; i++)
        json_array_append_new(tech, json_string(r->techniques.v[i]));
    char *techs = json_dumps(tech, JSON_COMPACT);
    json_decref(tech);
    if (!json_object_get(a, "Techniques"))
        json_object_set_new(a, "Techniques", json_string(techs ? techs : "[]"));
    free(techs);
    json_t *keys = json_array();
    json_t *ents = det_entities_extract(r, res, rows, n, keys, skipped);
    char *etxt = json_dumps(ents, JSON_COMPACT);
    json_object_set_new(a, "Entities", json_string(etxt ? etxt : "[]"));
    free(etxt);
    json_decref(ents);
    json_t *cd = custom_details(r, res, rows, n);
    json_t *x = extended(run, cd, is_summary, hunt_result_rows(res));
    char *xtxt = json_dumps(x, JSON_COMPACT);
    json_object_set_new(a, "ExtendedProperties", json_string(xtxt ? xtxt : "{}"));
    free(xtxt);
    json_decref(x);
    json_object_set_new(a, "IsIncident", json_false());
    json_object_set_new(a, "_ruleId", json_string(r->id));
    json_object_set_new(a, "_entityKeys", keys);
    json_object_set_new(a, "_customDetails", cd);
    json_object_set_new(a, "_rowCount", json_integer(n));
    json_object_set_new(a, "_isSummary", json_boolean(is_summary));
    return a;
}

static void count(json_t *rec, const char *k, int64_t add)
{
    json_object_set_new(rec, k, json_integer(json_integer_value(json_object_get(rec, k)) + add));
}

int det_alerts_build(det_run *run, det_state *st, json_t *out)
{
    const det_rule *r = run->rule;
    int64_t n = hunt_result_rows(run->res);
    if (n > 100000)
        n = 100000;
    int64_t *fresh = malloc((size_t)(n + 1) * sizeof *fresh);
    int64_t *all = malloc((size_t)(n + 1) * sizeof *all);
    XXH128_hash_t *fps = malloc((size_t)(n + 1) * sizeof *fps);
    int nfresh = 0;
    int64_t span = 0;
    if (r->dedupe == DET_DEDUPE_AUTO)
        span = r->dedupe_for ? r->dedupe_for : r->period + r->delay;
    if (r->suppression_enabled && r->suppression_mode == DET_SUPP_ENTITY &&
        r->suppression_duration > span)
        span = r->suppression_duration;
    for (int64_t i = 0; i < n; i++) {
        all[i] = i;
        fp_of_row(run, i, &fps[i]);
        int dup = !span || fp_seen(st, r->id, fps[i], run->exec - span);
        int within_run = r->dedupe_key.n || r->suppression_mode == DET_SUPP_ENTITY;
        for (int k = 0; span && !dup && within_run && k < nfresh; k++)
            dup = fps[fresh[k]].high64 == fps[i].high64 && fps[fresh[k]].low64 == fps[i].low64;
        if (!span || !dup)
            fresh[nfresh++] = i;
    }
    count(run->record, "AlertsDeduped", n - nfresh);
    int made = 0, skipped = 0, sk;
    if (r->aggregation == DET_AGG_SINGLE || n == 0) {
        if (n == 0 || nfresh > 0) {
            json_t *a = make_alert(run, all, (int)n, 0, 0, &skipped);
            json_object_set_new(a, "_newRowCount", json_integer(nfresh));
            json_array_append_new(out, a);
            made = 1;
        }
    } else {
        int cap = r->max_alerts > 0 ? r->max_alerts : 150;
        int per = nfresh > cap ? cap - 1 : nfresh;
        for (int i = 0; i < per; i++, made++) {
            json_array_append_new(out, make_alert(run, &fresh[i], 1, i, 0, &sk));
            skipped += sk;
        }
        if (nfresh > cap) {
            json_array_append_new(out, make_alert(run, fresh, nfresh, per, 1, &sk));
            skipped += sk;
            made++;
            count(run->record, "AlertsCapped", nfresh - per);
        }
    }
    for (int i = 0; i < nfresh && made; i++)
        fp_add(st, r->id, fps[fresh[i]], run->exec);
    count(run->record, "AlertsCreated", made);
    count(run->record, "EntitiesSkipped", skipped);
    free(fresh);
    free(all);
    free(fps);
    return made;
}
