/* repl/cmd_detect.c — the detection commands of the hunt command:
 *
 *   hunt rules lint DIR                 validate rules, bind queries (exit 1 on errors)
 *   hunt rules test DIR                 run the fixtures inside the rule files
 *   hunt detect run DIR --at TIME       one scheduler step at TIME (catch-up included)
 *   hunt detect simulate DIR --from T1 --to T2   replay a period: what would have fired
 *   hunt detect daemon DIR              the same on the wall clock, every minute;
 *        [--now T] [--every D] [--until T] [--steps N]   a simulated clock that
 *        starts at T and advances by D per step without sleeping, and bounds
 *        (so tests can stop and restart it deterministically)
 *   hunt alerts list|show ID            stored alerts
 *   hunt incidents list|show N|close N  stored incidents
 *
 * Data for runs: --data DIR (DIR/TABLE.ndjson) and --load TABLE=PATH. State:
 * --store DIR (DIR/detect.db; default ".") or --memory. Output events go to
 * --sink stdout|file:PATH|webhook:URL (default stdout for run/simulate).
 * Exit codes: 0 ok, 1 error (or lint errors / failed tests), 2 usage.
 * Only include/hunt.h and detect/detect.h are used.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "detect/detect.h"

typedef struct opts {
    const char *dir, *at, *from, *to, *data, *store, *sink, *rules;
    const char *now, *every, *until, *steps;
    const char *classification, *reason, *comment, *status;
    const char *loads[64];
    int nloads, memory, quiet;
    const char *args[8];
    int nargs;
} opts;

static int usage(const char *msg)
{
    if (msg)
        fprintf(stderr, "hunt: %s\n", msg);
    fputs(
        "usage: hunt rules lint|test DIR [--quiet]\n"
        "       hunt detect run DIR --at TIME [--data DIR] [--load TABLE=PATH] [--store "
        "DIR|--memory]"
        " [--sink SPEC]\n"
        "       hunt detect simulate DIR --from TIME --to TIME [--data DIR] [--load TABLE=PATH]"
        " [--store DIR] [--sink SPEC]\n"
        "       hunt detect daemon DIR [--data DIR] [--store DIR] [--sink SPEC] [--every "
        "DURATION]\n"
        "                              [--now TIME (simulated clock)] [--until TIME] [--steps N]\n"
        "       hunt alerts list | show ID [--store DIR]\n"
        "       hunt incidents list | show N | close N --classification C [--reason R]"
        " [--comment TEXT] [--rules DIR] [--store DIR]\n"
        "SPEC: stdout | file:PATH | webhook:URL (secret in HUNT_WEBHOOK_SECRET)\n",
        stderr);
    return 2;
}

static int parse_opts(int argc, char **argv, int first, opts *o)
{
    memset(o, 0, sizeof *o);
    struct {
        const char *name;
        const char **dst;
    } named[] = {{"--at", &o->at},         {"--from", &o->from},
                 {"--to", &o->to},         {"--data", &o->data},
                 {"--store", &o->store},   {"--sink", &o->sink},
                 {"--rules", &o->rules},   {"--classification", &o->classification},
                 {"--reason", &o->reason}, {"--comment", &o->comment},
                 {"--status", &o->status}, {"--now", &o->now},
                 {"--every", &o->every},   {"--until", &o->until},
                 {"--steps", &o->steps}};
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        int done = 0;
        for (size_t k = 0; k < sizeof named / sizeof named[0] && !done; k++) {
            size_t n = strlen(named[k].name);
            if (!strncmp(a, named[k].name, n) && (a[n] == '=' || a[n] == '\0')) {
                if (a[n] == '=')
                    *named[k].dst = a + n + 1;
                else if (i + 1 < argc)
                    *named[k].dst = argv[++i];
                else
                    return -1;
                done = 1;
            }
        }
        if (done)
            continue;
        if (!strcmp(a, "--load") && i + 1 < argc && o->nloads < 64)
            o->loads[o->nloads++] = argv[++i];
        else if (!strcmp(a, "--memory"))
            o->memory = 1;
        else if (!strcmp(a, "--quiet") || !strcmp(a, "-q"))
            o->quiet = 1;
        else if (a[0] == '-' && a[1])
            return -1;
        else if (o->nargs < 8)
            o->args[o->nargs++] = a;
        else
            return -1;
    }
    return 0;
}

static int parse_time_arg(const char *s, int64_t *t, const char *what)
{
    if (!s || det_time_parse(s, t) < 0) {
        fprintf(stderr, "hunt: %s: '%s' is not an ISO 8601 datetime\n", what, s ? s : "");
        return -1;
    }
    return 0;
}

static const char *store_dir(const opts *o)
{
    return o->memory ? NULL : o->store ? o->store : ".";
}

/* --- rules lint ------------------------------------------------------------------ */

static int cmd_lint(const opts *o)
{
    det_diags d = {0};
    det_ruleset rs;
    if (det_ruleset_load(o->args[0], &rs, &d) < 0) {
        det_diags_print(&d, stderr);
        det_diags_free(&d);
        return 1;
    }
    int files = rs.n; /* plus the distinct files that failed to load */
    for (int i = 0; i < d.n; i++) {
        int first = d.v[i].error;
        for (int k = 0; k < i && first; k++)
            first = !(d.v[k].error && !strcmp(d.v[k].file, d.v[i].file));
        files += first;
    }
    int queries = 0, bound = 0;
    hunt_db *db = NULL;
    hunt_open(&db);
    for (int i = 0; i < rs.n; i++) {
        det_validate_static(rs.v[i], &d);
        if (rs.v[i]->query) {
            queries++;
            bound += db && det_validate_bind(db, rs.v[i], &d) == 0;
        }
    }
    hunt_close(db);
    if (!o->quiet)
        det_diags_print(&d, stdout);
    int errors = det_diags_errors(&d);
    printf("lint: %d files, %d loaded, %d with queries, %d bound, %d errors, %d warnings\n", files,
           rs.n, queries, bound, errors, d.n - errors);
    det_ruleset_free(&rs);
    det_diags_free(&d);
    return errors ? 1 : 0;
}

/* --- rules test ------------------------------------------------------------------- */

static int load_fixture_data(det_source *src, json_t *data)
{
    const char *table;
    json_t *rows;
    json_object_foreach(data, table, rows)
    {
        size_t i;
        json_t *row;
        json_array_foreach(rows, i,
                           row) if (det_source_add(src, table, row, INT64_MIN) < 0) return -1;
    }
    return 0;
}

static int64_t count_matching(json_t *arr, const char *field, const char *value)
{
    int64_t n = 0;
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        const char *s = json_string_value(json_object_get(v, field));
        n += !value || (s && !strcmp(s, value));
    }
    return n;
}

static int64_t sum_runs(json_t *runs, const char *field)
{
    int64_t n = 0;
    size_t i;
    json_t *v;
    json_array_foreach(runs, i, v) n += json_integer_value(json_object_get(v, field));
    return n;
}

static int expect_int(const char *file, const char *name, json_t *expect, const char *key,
                      int64_t got)
{
    json_t *e = json_object_get(expect, key);
    if (!json_is_integer(e) || json_integer_value(e) == got)
        return 0;
    printf("FAIL %s: %s: expected %s = %lld, got %lld\n", file, name, key,
           (long long)json_integer_value(e), (long long)got);
    return 1;
}

static int run_case(const det_ruleset *all, det_rule *r, json_t *tc)
{
    const char *name = json_string_value(json_object_get(tc, "name"));
    name = name ? name : "(unnamed)";
    json_t *clock = json_object_get(tc, "clock");
    int64_t from, to, step = 0;
    if (det_time_parse(json_string_value(json_object_get(clock, "from")), &from) < 0 ||
        det_time_parse(json_string_value(json_object_get(clock, "to")), &to) < 0 ||
        (json_object_get(clock, "step") &&
         det_duration_parse(json_string_value(json_object_get(clock, "step")), &step) < 0)) {
        printf("FAIL %s: %s: clock needs from and to (ISO 8601) and an optional step\n", r->file,
               name);
        return 1;
    }
    det_source src;
    det_source_init(&src);
    det_state st;
    det_state_init(&st);
    st.alert_watermark = from - 1;
    det_ruleset rs = {calloc((size_t)all->n + 1, sizeof(det_rule *)), 0};
    for (int i = 0; i < all->n; i++)
        if (all->v[i] == r || !all->v[i]->query)
            rs.v[rs.n++] = all->v[i];
    det_engine e = {
        .rules = &rs, .source = &src, .state = &st, .first_at = from, .no_catch_up_cap = 1};
    int fail = load_fixture_data(&src, json_object_get(tc, "data")) < 0;
    if (fail)
        printf("FAIL %s: %s: data must map table names to lists of rows\n", r->file, name);
    for (int64_t t = step ? from : to; !fail && t <= to; t += step ? step : 1)
        det_step(&e, t);
    json_t *expect = json_object_get(tc, "expect");
    int64_t hunt_alerts = 0;
    size_t i;
    json_t *a;
    json_array_foreach(st.alerts, i, a) hunt_alerts += !json_object_get(a, "_external");
    if (!fail) {
        fail |= expect_int(r->file, name, expect, "alerts", hunt_alerts);
        fail |=
            expect_int(r->file, name, expect, "incidents", (int64_t)json_array_size(st.incidents));
        fail |= expect_int(r->file, name, expect, "openIncidents",
                           count_matching(st.incidents, "Status", "New") +
                               count_matching(st.incidents, "Status", "Active"));
        fail |= expect_int(r->file, name, expect, "lateRowsMissed",
                           sum_runs(st.runs, "LateRowsMissed"));
        fail |= expect_int(r->file, name, expect, "runs", (int64_t)json_array_size(st.runs));
        fail |= expect_int(r->file, name, expect, "failedRuns",
                           count_matching(st.runs, "Status", "Failed"));
        fail |= expect_int(r->file, name, expect, "suppressedRuns",
                           count_matching(st.runs, "Status", "Suppressed"));
        fail |=
            expect_int(r->file, name, expect, "dedupedRows", sum_runs(st.runs, "AlertsDeduped"));
    }
    if (!fail)
        printf("PASS %s: %s\n", r->file, name);
    free(rs.v);
    det_state_free(&st);
    det_source_free(&src);
    return fail;
}

static int cmd_test(const opts *o)
{
    det_diags d = {0};
    det_ruleset rs;
    int rc = det_ruleset_load(o->args[0], &rs, &d);
    det_diags_print(&d, stderr);
    if (rc < 0 || det_diags_errors(&d)) {
        det_ruleset_free(&rs);
        det_diags_free(&d);
        return 1;
    }
    int pass = 0, failed = 0;
    for (int i = 0; i < rs.n; i++) {
        size_t k;
        json_t *tc;
        json_array_foreach(rs.v[i]->tests, k, tc)
        {
            if (run_case(&rs, rs.v[i], tc))
                failed++;
            else
                pass++;
        }
    }
    printf("%d passed, %d failed\n", pass, failed);
    det_ruleset_free(&rs);
    det_diags_free(&d);
    return failed ? 1 : 0;
}

int cmd_rules(int argc, char **argv)
{
    opts o;
    if (argc < 2 || parse_opts(argc, argv, 2, &o) < 0 || o.nargs != 1)
        return usage(argc < 2 ? NULL : "rules: expected lint|test DIR");
    if (!strcmp(argv[1], "lint"))
        return cmd_lint(&o);
    if (!strcmp(argv[1], "test"))
        return cmd_test(&o);
    return usage("rules: expected lint or test");
}

/* --- detect run / simulate / daemon ------------------------------------------------ */

typedef struct session {
    det_diags diags;
    det_ruleset rules;
    det_source source;
    det_state state;
    det_sink sink;
    det_engine engine;
} session;

static void readd_own_alerts(session *s)
{
    size_t i;
    json_t *a;
    json_array_foreach(s->state.alerts, i, a)
    {
        if (json_object_get(a, "_external"))
            continue;
        int64_t t;
        if (det_time_parse(json_string_value(json_object_get(a, "ProcessingEndTime")), &t) < 0)
            continue;
        json_t *rec = json_object();
        const char *k;
        json_t *v;
        json_object_foreach(a, k, v) if (k[0] != '_') json_object_set(rec, k, v);
        det_source_add(&s->source, "SecurityAlert", rec, t);
        json_decref(rec);
    }
}

static int session_open(session *s, const opts *o, const char *store, const char *default_sink)
{
    memset(s, 0, sizeof *s);
    det_source_init(&s->source);
    det_state_init(&s->state);
    char err[600];
    if (det_ruleset_load(o->args[0], &s->rules, &s->diags) < 0 || det_diags_errors(&s->diags)) {
        det_diags_print(&s->diags, stderr);
        return -1;
    }
    det_diags_print(&s->diags, stderr);
    if (o->data && det_source_load_dir(&s->source, o->data, err, sizeof err) < 0) {
        fprintf(stderr, "hunt: %s\n", err);
        return -1;
    }
    for (int i = 0; i < o->nloads; i++) {
        char *eq = strchr(o->loads[i], '=');
        if (!eq) {
            fprintf(stderr, "hunt: --load needs TABLE=PATH\n");
            return -1;
        }
        char *table = strndup(o->loads[i], (size_t)(eq - o->loads[i]));
        int64_t n = det_source_load_file(&s->source, table, eq + 1, err, sizeof err);
        free(table);
        if (n < 0) {
            fprintf(stderr, "hunt: %s\n", err);
            return -1;
        }
    }
    if (det_store_load(store, &s->state, err, sizeof err) < 0) {
        fprintf(stderr, "hunt: %s\n", err);
        return -1;
    }
    readd_own_alerts(s);
    if (det_sink_parse(o->sink ? o->sink : default_sink, &s->sink) < 0) {
        fprintf(stderr, "hunt: --sink: expected stdout, file:PATH or webhook:URL\n");
        return -1;
    }
    s->engine = (det_engine){.rules = &s->rules, .source = &s->source, .state = &s->state};
    s->state.rules = &s->rules;
    return 0;
}

static void session_close(session *s)
{
    det_ruleset_free(&s->rules);
    det_source_free(&s->source);
    det_state_free(&s->state);
    det_sink_free(&s->sink);
    det_diags_free(&s->diags);
}

static void summary(session *s, size_t runs0, size_t alerts0, int64_t inc0)
{
    int64_t failed = 0;
    for (size_t i = runs0; i < json_array_size(s->state.runs); i++) {
        const char *st =
            json_string_value(json_object_get(json_array_get(s->state.runs, i), "Status"));
        failed += st && !strcmp(st, "Failed");
        if (st && !strcmp(st, "Failed"))
            fprintf(stderr, "hunt: rule %s failed at %s: %s\n",
                    json_string_value(json_object_get(json_array_get(s->state.runs, i), "RuleId")),
                    json_string_value(json_object_get(json_array_get(s->state.runs, i), "Tick")),
                    json_string_value(json_object_get(json_array_get(s->state.runs, i), "Error")));
    }
    fprintf(stderr, "hunt: %zu runs (%lld failed), %zu alerts, %lld incidents\n",
            json_array_size(s->state.runs) - runs0, (long long)failed,
            json_array_size(s->state.alerts) - alerts0, (long long)(s->state.next_incident - inc0));
}

/* Delivers the outbox, saves the state (undelivered events stay in the
 * store's outbox for the next run) and closes s. Returns rc, or 1 when
 * delivery or saving failed; *store_failed (may be NULL) tells which. */
static int finish_ex(session *s, const char *store, int rc, int *store_failed)
{
    char err[600];
    int undelivered = det_sink_flush(&s->sink, &s->state);
    if (undelivered > 0) {
        fprintf(stderr, "hunt: %d events could not be delivered to the sink%s\n", undelivered,
                store ? " (kept in the outbox for the next run)" : "");
        rc = 1;
    }
    if (store_failed)
        *store_failed = 0;
    if (det_store_save(store, &s->state, err, sizeof err) < 0) {
        fprintf(stderr, "hunt: %s\n", err);
        rc = 1;
        if (store_failed)
            *store_failed = 1;
    }
    session_close(s);
    return rc;
}

static int finish(session *s, const char *store, int rc)
{
    return finish_ex(s, store, rc, NULL);
}

static int cmd_run(const opts *o)
{
    int64_t at;
    if (parse_time_arg(o->at, &at, "--at") < 0)
        return 2;
    session s;
    const char *store = store_dir(o);
    if (session_open(&s, o, store, "stdout") < 0) {
        session_close(&s);
        return 1;
    }
    size_t r0 = json_array_size(s.state.runs), a0 = json_array_size(s.state.alerts);
    int64_t i0 = s.state.next_incident;
    int rc = det_step(&s.engine, at) < 0;
    summary(&s, r0, a0, i0);
    return finish(&s, store, rc);
}

static int cmd_simulate(const opts *o)
{
    int64_t from, to;
    if (parse_time_arg(o->from, &from, "--from") < 0 || parse_time_arg(o->to, &to, "--to") < 0)
        return 2;
    if (to < from)
        return usage("simulate: --to is before --from");
    session s;
    const char *store = o->store && !o->memory ? o->store : NULL; /* scratch by default */
    if (session_open(&s, o, store, "stdout") < 0) {
        session_close(&s);
        return 1;
    }
    s.engine.first_at = from;
    s.engine.no_catch_up_cap = 1;
    if (!s.state.alert_watermark)
        s.state.alert_watermark = from - 1;
    size_t r0 = json_array_size(s.state.runs), a0 = json_array_size(s.state.alerts);
    int64_t i0 = s.state.next_incident;
    int rc = det_step(&s.engine, to) < 0;
    summary(&s, r0, a0, i0);
    return finish(&s, store, rc);
}

static volatile sig_atomic_t stop_daemon;

static void on_signal(int sig)
{
    (void)sig;
    stop_daemon = 1;
}

/* The daemon's clock: the wall clock, or (--now T) a simulated clock that
 * starts at T and advances by `every` after each step without sleeping.
 * Both stop after --steps N steps or at the first step later than --until. */
typedef struct dclock {
    int simulated;
    int64_t t, every, until, steps;
} dclock;

static int64_t dclock_now(const dclock *c)
{
    return c->simulated ? c->t : (int64_t)time(NULL) * DET_TICKS_PER_SEC;
}

static void dclock_wait(dclock *c)
{
    if (c->simulated) {
        c->t += c->every;
        return;
    }
    for (int64_t i = 0; i < c->every / DET_TICKS_PER_SEC && !stop_daemon; i++)
        sleep(1);
}

static int daemon_clock(const opts *o, dclock *c)
{
    memset(c, 0, sizeof *c);
    c->every = DET_MIN;
    c->until = INT64_MAX;
    if (o->every && (det_duration_parse(o->every, &c->every) < 0 || c->every < DET_TICKS_PER_SEC)) {
        fprintf(stderr, "hunt: --every: '%s' is not a duration of at least 1s\n", o->every);
        return -1;
    }
    if (o->now) {
        if (parse_time_arg(o->now, &c->t, "--now") < 0)
            return -1;
        c->simulated = 1;
    }
    if (o->until && parse_time_arg(o->until, &c->until, "--until") < 0)
        return -1;
    if (o->steps) {
        char *end;
        c->steps = strtoll(o->steps, &end, 10);
        if (*end || c->steps <= 0) {
            fprintf(stderr, "hunt: --steps: '%s' is not a positive number\n", o->steps);
            return -1;
        }
    }
    return 0;
}

/* Each step opens the session afresh (rules, data and state are re-read, so
 * rule edits and appended data are picked up), runs det_step at the clock's
 * time and saves the state in one transaction: a restart resumes from the
 * stored next tick of each rule, so nothing re-alerts and missed ticks are
 * caught up. A sink failure is reported and retried at the next step; a
 * store failure stops the daemon. SIGINT/SIGTERM stop it after the step. */
static int cmd_daemon(const opts *o)
{
    const char *store = store_dir(o);
    dclock clk;
    if (daemon_clock(o, &clk) < 0)
        return 2;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    int rc = 0;
    for (int64_t n = 0; !stop_daemon && (!clk.steps || n < clk.steps); n++) {
        int64_t now = dclock_now(&clk);
        if (now > clk.until)
            break;
        session s;
        if (session_open(&s, o, store, "stdout") < 0) {
            session_close(&s);
            return 1;
        }
        size_t r0 = json_array_size(s.state.runs), a0 = json_array_size(s.state.alerts);
        int64_t i0 = s.state.next_incident;
        det_step(&s.engine, now);
        if (json_array_size(s.state.runs) > r0)
            summary(&s, r0, a0, i0);
        int store_failed = 0;
        finish_ex(&s, store, 0, &store_failed);
        if (store_failed) {
            rc = 1;
            break;
        }
        if (stop_daemon || (clk.steps && n + 1 >= clk.steps))
            break;
        dclock_wait(&clk);
    }
    return rc;
}

int cmd_detect(int argc, char **argv)
{
    opts o;
    if (argc < 2 || parse_opts(argc, argv, 2, &o) < 0 || o.nargs != 1)
        return usage(argc < 2 ? NULL : "detect: expected run|simulate|daemon DIR");
    if (!strcmp(argv[1], "run"))
        return cmd_run(&o);
    if (!strcmp(argv[1], "simulate"))
        return cmd_simulate(&o);
    if (!strcmp(argv[1], "daemon"))
        return cmd_daemon(&o);
    return usage("detect: expected run, simulate or daemon");
}

/* --- alerts / incidents -------------------------------------------------------------- */

static const char *s_of(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static void print_json(json_t *v)
{
    char *t = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (t)
        puts(t);
    free(t);
}

int cmd_alerts(int argc, char **argv)
{
    opts o;
    if (argc < 2 || parse_opts(argc, argv, 2, &o) < 0)
        return usage(NULL);
    det_state st;
    det_state_init(&st);
    char err[600];
    int rc = 0;
    if (det_store_load(store_dir(&o), &st, err, sizeof err) < 0) {
        fprintf(stderr, "hunt: %s\n", err);
        rc = 1;
    } else if (!strcmp(argv[1], "list") && o.nargs == 0) {
        printf("%-28s %-36s %-13s %-10s %-8s %s\n", "TimeGenerated", "SystemAlertId", "Severity",
               "Status", "Incident", "AlertName");
        size_t i;
        json_t *a;
        json_array_foreach(st.alerts, i, a) printf(
            "%-28s %-36s %-13s %-10s %-8lld %s\n", s_of(a, "TimeGenerated"),
            s_of(a, "SystemAlertId"), s_of(a, "AlertSeverity"), s_of(a, "Status"),
            (long long)json_integer_value(json_object_get(a, "_incident")), s_of(a, "AlertName"));
    } else if (!strcmp(argv[1], "show") && o.nargs == 1) {
        json_t *a = det_state_alert(&st, o.args[0]);
        if (a)
            print_json(a);
        else {
            fprintf(stderr, "hunt: no alert %s\n", o.args[0]);
            rc = 1;
        }
    } else
        rc = usage("alerts: expected list or show ID");
    det_state_free(&st);
    return rc;
}

static int close_incident(det_state *st, const opts *o, json_t *inc)
{
    det_diags d = {0};
    det_ruleset rs = {0};
    if (o->rules)
        det_ruleset_load(o->rules, &rs, &d);
    det_diags_free(&d);
    st->rules = &rs;
    char msg[256];
    int64_t now = (int64_t)time(NULL) * DET_TICKS_PER_SEC;
    if (o->at && det_time_parse(o->at, &now) < 0)
        now = (int64_t)time(NULL) * DET_TICKS_PER_SEC;
    int rc = det_incident_set_status(st, det_ruleset_settings(&rs), inc,
                                     o->status ? o->status : "Closed", o->classification, o->reason,
                                     o->comment, "User", now, msg, sizeof msg);
    if (rc < 0)
        fprintf(stderr, "hunt: %s\n", msg);
    json_array_clear(st->events);
    st->rules = NULL;
    det_ruleset_free(&rs);
    return rc < 0 ? 1 : 0;
}

int cmd_incidents(int argc, char **argv)
{
    opts o;
    if (argc < 2 || parse_opts(argc, argv, 2, &o) < 0)
        return usage(NULL);
    det_state st;
    det_state_init(&st);
    char err[600];
    int rc = 0;
    const char *store = store_dir(&o);
    if (det_store_load(store, &st, err, sizeof err) < 0) {
        fprintf(stderr, "hunt: %s\n", err);
        det_state_free(&st);
        return 1;
    }
    if (!strcmp(argv[1], "list") && o.nargs == 0) {
        printf("%-6s %-8s %-13s %-6s %-28s %s\n", "Number", "Status", "Severity", "Alerts",
               "Created", "Title");
        size_t i;
        json_t *v;
        json_array_foreach(st.incidents, i, v) printf(
            "%-6lld %-8s %-13s %-6zu %-28s %s\n",
            (long long)json_integer_value(json_object_get(v, "IncidentNumber")), s_of(v, "Status"),
            s_of(v, "Severity"), json_array_size(json_object_get(v, "AlertIds")),
            s_of(v, "CreatedTime"), s_of(v, "Title"));
    } else if ((!strcmp(argv[1], "show") || !strcmp(argv[1], "close")) && o.nargs == 1) {
        json_t *inc = det_state_incident(&st, atoll(o.args[0]));
        if (!inc) {
            fprintf(stderr, "hunt: no incident %s\n", o.args[0]);
            rc = 1;
        } else if (!strcmp(argv[1], "show"))
            print_json(inc);
        else if ((rc = close_incident(&st, &o, inc)) == 0 &&
                 det_store_save(store, &st, err, sizeof err) < 0) {
            fprintf(stderr, "hunt: %s\n", err);
            rc = 1;
        }
    } else
        rc = usage("incidents: expected list, show N or close N");
    det_state_free(&st);
    return rc;
}

#ifdef DETECT_MAIN
/* A stand-alone driver until repl/main.c dispatches these commands. */
int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "rules"))
        return cmd_rules(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "detect"))
        return cmd_detect(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "alerts"))
        return cmd_alerts(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "incidents"))
        return cmd_incidents(argc - 1, argv + 1);
    return usage(NULL);
}
#endif
