/* tests/unit/detect_test.h — shared helpers of the test_detect_*.c programs
 * (checks come from check.h): rule files written to a temp directory, rows
 * added with explicit event and ingestion times, and a simulated clock
 * (every step is an explicit det_step(engine, time)).
 */
#ifndef TEST_DETECT_H
#define TEST_DETECT_H

#include "detect/detect.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline int64_t T(const char *iso)
{
    int64_t t = 0;
    if (det_time_parse(iso, &t) < 0) {
        printf("bad time %s\n", iso);
        exit(2);
    }
    return t;
}

/* One test world: rules from YAML texts, rows, state, engine. */
typedef struct world {
    char dir[256];
    int nfiles;
    det_ruleset rules;
    det_source src;
    det_state st;
    det_engine e;
    det_diags d;
} world;

static inline void world_init(world *w)
{
    memset(w, 0, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/hunt-detect-test-XXXXXX");
    if (!mkdtemp(w->dir))
        exit(2);
    det_source_init(&w->src);
    det_state_init(&w->st);
}

static inline void world_rule(world *w, const char *yaml)
{
    char p[512];
    snprintf(p, sizeof p, "%s/r%02d.yaml", w->dir, w->nfiles++);
    FILE *f = fopen(p, "w");
    fputs(yaml, f);
    fclose(f);
}

/* Loads the rules; first_at 0 = start at the first step's tick. */
static inline int world_load(world *w, int64_t first_at)
{
    det_ruleset_load(w->dir, &w->rules, &w->d);
    if (det_diags_errors(&w->d))
        det_diags_print(&w->d, stdout);
    w->st.rules = &w->rules;
    w->e = (det_engine){.rules = &w->rules,
                        .source = &w->src,
                        .state = &w->st,
                        .first_at = first_at,
                        .no_catch_up_cap = 1};
    return det_diags_errors(&w->d);
}

static inline void world_free(world *w)
{
    for (int i = 0; i < w->nfiles; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/r%02d.yaml", w->dir, i);
        unlink(p);
    }
    char p[512];
    snprintf(p, sizeof p, "%s/detect.db", w->dir);
    unlink(p);
    rmdir(w->dir);
    det_ruleset_free(&w->rules);
    det_source_free(&w->src);
    det_state_free(&w->st);
    det_diags_free(&w->d);
}

/* A CloudAuditEvents row at time ts (ISO), ingested at ing (NULL = ts). */
static inline void audit(world *w, const char *ts, const char *ing, const char *ip, const char *op)
{
    static int seq;
    char rid[32];
    snprintf(rid, sizeof rid, "rep-%d", ++seq);
    json_t *r = json_pack("{s:s, s:s, s:s, s:s, s:s}", "Timestamp", ts, "ReportId", rid,
                          "IPAddress", ip, "OperationName", op, "DataSource", "Azure");
    if (ing)
        json_object_set_new(r, "_ingestedAt", json_string(ing));
    det_source_add(&w->src, "CloudAuditEvents", r, INT64_MIN);
    json_decref(r);
}

static inline int own_alerts(world *w)
{
    int n = 0;
    size_t i;
    json_t *a;
    json_array_foreach(w->st.alerts, i, a) n += !json_object_get(a, "_external");
    return n;
}

static inline int runs_with(world *w, const char *status)
{
    int n = 0;
    size_t i;
    json_t *r;
    json_array_foreach(w->st.runs, i, r) n +=
        !strcmp(json_string_value(json_object_get(r, "Status")), status);
    return n;
}

static inline int64_t runs_sum(world *w, const char *field)
{
    int64_t n = 0;
    size_t i;
    json_t *r;
    json_array_foreach(w->st.runs, i, r) n += json_integer_value(json_object_get(r, field));
    return n;
}

static inline const char *sfield(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

#define RULE_HEAD                                                                                  \
    "id: r-test\nname: Test rule\ndescription: test\nseverity: Medium\nkind: Scheduled\n"          \
    "triggerOperator: gt\ntriggerThreshold: 0\n"                                                   \
    "query: |\n  CloudAuditEvents\n  | project Timestamp, ReportId, IPAddress, OperationName\n"    \
    "entityMappings:\n  - entityType: IP\n    fieldMappings:\n"                                    \
    "      - identifier: Address\n        columnName: IPAddress\n"

#endif
