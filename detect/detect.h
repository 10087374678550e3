/* detect/detect.h — the internal interface of hunt's detection layer:
 * rules (Sentinel Scheduled/NRT, incident-creation, automation, settings),
 * the row source with ingestion times, the scheduler, alerts, entities,
 * incidents, automation, the sqlite store and the sinks.
 *
 * detect/ talks to the query engine only through include/hunt.h. Alerts and
 * incidents are jansson objects shaped like the SecurityAlert / Graph
 * objects; the det_state that holds them is the single owner, persisted by
 * store.c. Times are KQL ticks (100 ns since the Unix epoch, UTC).
 *
 * Ownership: every det_* constructor returns a malloc'd object released by
 * its matching *_free; strings inside structs are owned by the struct.
 */
#ifndef DETECT_DETECT_H
#define DETECT_DETECT_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "hunt.h"

#define DET_TICKS_PER_SEC 10000000LL
#define DET_MIN (60 * DET_TICKS_PER_SEC)
#define DET_HOUR (60 * DET_MIN)
#define DET_DAY (24 * DET_HOUR)
#define DET_TBUF 64

/* --- time.c: durations and ISO 8601 datetimes ------------------------------ */

/* Parses "5m", "1h", "2d", "30s", "PT5M", "P1DT2H", "01:00:00", "1.00:00:00".
 * Returns 0 and sets *out, or -1. */
int det_duration_parse(const char *s, int64_t *out);
/* Parses an ISO 8601 datetime (date, optional time, fraction, Z/offset). */
int det_time_parse(const char *s, int64_t *out);
/* Writes "YYYY-MM-DDTHH:MM:SS[.fffffff]Z" into buf (DET_TBUF bytes); returns buf. */
char *det_time_format(int64_t t, char *buf);
/* "1h", "5m", "90s": the shortest exact form; buf has DET_TBUF bytes. */
char *det_duration_format(int64_t d, char *buf);

/* --- diagnostics ------------------------------------------------------------- */

typedef struct det_diag {
    int error; /* 1 error, 0 warning */
    char *file;
    int line, col;
    char *msg;
} det_diag;

typedef struct det_diags {
    det_diag *v;
    int n, cap;
} det_diags;

void det_diag_add(det_diags *d, int error, const char *file, int line, int col, const char *fmt,
                  ...) __attribute__((format(printf, 6, 7)));
int det_diags_errors(const det_diags *d);
void det_diags_print(const det_diags *d, FILE *out);
void det_diags_free(det_diags *d);

/* --- rule model (rule.c) ------------------------------------------------------ */

enum { DET_KIND_SCHEDULED, DET_KIND_NRT, DET_KIND_MSIC, DET_KIND_AUTOMATION, DET_KIND_SETTINGS };
enum { DET_SEV_INFORMATIONAL, DET_SEV_LOW, DET_SEV_MEDIUM, DET_SEV_HIGH };
enum { DET_OP_GT, DET_OP_LT, DET_OP_EQ, DET_OP_NE };
enum { DET_AGG_SINGLE, DET_AGG_PER_RESULT };
enum { DET_WIN_EVENT, DET_WIN_INGESTION };
enum { DET_DEDUPE_AUTO, DET_DEDUPE_NONE };
enum { DET_SUPP_RULE, DET_SUPP_ENTITY };
enum { DET_MATCH_ALL_ENTITIES, DET_MATCH_ANY_ALERT, DET_MATCH_SELECTED };

typedef struct det_pos {
    int line, col; /* 1-based; 0 when unknown */
} det_pos;

typedef struct det_field_map {
    char *identifier, *column;
    det_pos pos; /* of columnName */
} det_field_map;

typedef struct det_entity_map {
    char *type;
    det_field_map *fields;
    int nfields;
    det_pos pos;
} det_entity_map;

typedef struct det_kv {
    char *key, *value;
    det_pos pos; /* of the value */
} det_kv;

typedef struct det_strv {
    char **v;
    int n;
} det_strv;

typedef struct det_rule {
    char *file;
    int kind;
    char *id, *name, *description;
    int enabled;
    int severity;
    char *query;
    det_pos query_pos;
    int query_block; /* 1 when the query is a block scalar (text starts next line) */
    int64_t frequency, period, delay;
    int trigger_op;
    int64_t threshold;
    det_strv tactics, techniques;
    int aggregation;
    det_entity_map *entities;
    int nentities;
    det_kv *custom;
    int ncustom;
    char *name_format, *desc_format, *severity_column, *tactics_column;
    det_pos name_format_pos, desc_format_pos, severity_column_pos, tactics_column_pos;
    det_kv *dyn_props; /* alertProperty -> column */
    int ndyn_props;
    int suppression_enabled;
    int64_t suppression_duration;
    int create_incident;
    int grouping_enabled, reopen_closed;
    int64_t lookback;
    int matching;
    det_strv group_entities, group_details, group_custom;
    int64_t start_time; /* 0: aligned on multiples of frequency since the epoch */
    /* hunt: block */
    char *time_column;
    int window_mode;
    int catch_up;
    int dedupe;
    int64_t dedupe_for;
    det_strv dedupe_key; /* hunt.dedupe.key: columns replacing the default fingerprint */
    int max_alerts;
    int suppression_mode;
    int max_catch_up;
    json_t *tests; /* array of test cases, or NULL */
    det_pos tests_pos;
    /* MicrosoftSecurityIncidentCreation */
    det_strv products, severities, names_include, names_exclude;
    /* AutomationRule */
    int order;
    char *triggers_on, *triggers_when;
    int64_t expiration;
    json_t *conditions, *actions; /* arrays as in the REST shape */
    /* Settings */
    int sync_incident_to_alerts, sync_alerts_close_incident;
    int max_alerts_per_incident;
    int incidents_for_informational;
} det_rule;

typedef struct det_ruleset {
    det_rule **v;
    int n;
} det_ruleset;

/* Loads one rule file. Returns the rule (caller frees with det_rule_free) or
 * NULL with errors in diags. Warnings are added to diags too. */
det_rule *det_rule_load(const char *path, det_diags *diags);
/* Loads every *.yaml / *.yml / *.json file of dir (sorted by name), skipping
 * files that fail (errors in diags). Returns 0, or -1 when dir is unreadable. */
int det_ruleset_load(const char *dir, det_ruleset *out, det_diags *diags);
void det_ruleset_free(det_ruleset *rs);
void det_rule_free(det_rule *r);
const char *det_severity_name(int sev);
int det_severity_parse(const char *s); /* -1 when not one */
const char *det_kind_name(int kind);
/* The settings in force (a kind: Settings rule or the defaults); never NULL. */
const det_rule *det_ruleset_settings(const det_ruleset *rs);

/* --- validate.c ----------------------------------------------------------------- */

/* Static checks (durations, limits, entity types and identifiers, names). */
void det_validate_static(const det_rule *r, det_diags *d);
/* Binds the rule's query against db (tables empty) and checks every column
 * the rule names against the output schema. Returns 0 bound, -1 not. */
int det_validate_bind(hunt_db *db, const det_rule *r, det_diags *d);
/* The 1-based line/column in the file of byte offset off of the query. */
det_pos det_query_pos(const det_rule *r, int qline, int qcol);

/* --- entity.c ------------------------------------------------------------------------ */

/* Known entity type (canonical spelling) or NULL. */
const char *det_entity_type_canon(const char *type);
/* 1 when identifier belongs to type. */
int det_entity_has_identifier(const char *type, const char *identifier);
/* Builds the entities of the given result rows: an array of Sentinel-shaped
 * entity objects (new reference), identity strings appended to ids (array of
 * strings "MAPPINGINDEX#type|Id=value|...", may be NULL); *skipped counts mappings that yielded no
 * entity. */
json_t *det_entities_extract(const det_rule *r, hunt_result *res, const int64_t *rows, int nrows,
                             json_t *ids, int *skipped);
/* Cloud of a resource id: "Azure", "AWS", "GCP" or NULL. */
const char *det_cloud_of(const char *resource_id);

/* --- source.c: tables of rows with event and ingestion times -------------------------- */

typedef struct det_row {
    char *json;       /* the record without _ingestedAt */
    int64_t time;     /* event time; INT64_MIN when the record has none */
    int64_t ingested; /* ingestion time */
} det_row;

typedef struct det_table {
    char *name;
    det_row *rows;
    int64_t n, cap;
    /* event times on another column (a rule's hunt.timeColumn), parsed once:
     * tcache[i] is row i's tcol value, else its det_row.time */
    char *tcol;
    int64_t *tcache;
    int64_t tcache_n;
} det_table;

typedef struct det_source {
    det_table *t;
    int n;
    char *tmpdir;
} det_source;

void det_source_init(det_source *s);
void det_source_free(det_source *s);
det_table *det_source_table(det_source *s, const char *name, int create);
/* Adds one JSON record (object). Its event time is TimeGenerated, else
 * Timestamp; a scope with a time_col uses that column instead where the row
 * has it (det_source_row_time). The ingestion time is the
 * record's _ingestedAt, else default_ingest when != INT64_MIN, else the event
 * time. Returns 0 or -1 (not an object). */
int det_source_add(det_source *s, const char *table, json_t *rec, int64_t default_ingest);
/* Loads an NDJSON / JSON-array file. Returns rows added or -1 (err set). */
int64_t det_source_load_file(det_source *s, const char *table, const char *path, char *err,
                             size_t errlen);
/* Loads every DIR/NAME.ndjson into table NAME. Returns 0 or -1. */
int det_source_load_dir(det_source *s, const char *dir, char *err, size_t errlen);

typedef struct det_scope {
    int mode;             /* DET_WIN_* */
    int64_t from, to;     /* event window [from, to) or ingestion window (from, to] */
    int64_t visible_at;   /* rows ingested after this are invisible */
    const char *time_col; /* rule's time column or NULL */
} det_scope;

/* Opens a fresh engine holding the rows of every source table named in
 * query, restricted to scope. Returns the db (hunt_close) or NULL (err). */
hunt_db *det_source_open_scoped(det_source *s, const char *query, const det_scope *sc, char *err,
                                size_t errlen);
/* Rows visible in (prev_visible, visible_at] whose event time (on time_col
 * when given) < before, over the tables named in query: rows the rule can no
 * longer see. */
int64_t det_source_late_rows(det_source *s, const char *query, const char *time_col,
                             int64_t prev_visible, int64_t visible_at, int64_t before);
/* The event time of row i of t on col (NULL or TimeGenerated: the row's
 * time): the column's datetime where the row has one, else the row's time. */
int64_t det_source_row_time(det_table *t, int64_t i, const char *col);
/* 1 when the identifier name appears in query as a whole word. */
int det_query_mentions(const char *query, const char *name);

/* --- state (schedule.c owns the logic, store.c the persistence) ----------------------- */

typedef struct det_rule_state {
    char *rule_id;
    int64_t next_tick; /* next execution time; 0 = not started */
    int64_t suppressed_until;
    int64_t last_visible; /* visible_at of the last run (late-row accounting) */
} det_rule_state;

typedef struct det_fp {
    char *rule_id;
    uint64_t hi, lo;
    int64_t at;
} det_fp;

typedef struct det_state {
    json_t *alerts;    /* array of alert objects, creation order */
    json_t *incidents; /* array of incident objects, IncidentNumber order */
    json_t *runs;      /* array of run records (HuntRuleRuns) */
    json_t *events;    /* outbox for sinks: {"type":..., "data":...} */
    det_rule_state *rs;
    int nrs;
    det_fp *fps;
    int nfps, capfps;
    int64_t alert_watermark; /* SecurityAlert rows ingested up to here were processed */
    int64_t next_incident;
    const det_ruleset *rules; /* borrowed: automation and settings */
    int automation_depth;     /* > 0 inside an automation chain */
} det_state;

void det_state_init(det_state *st);
void det_state_free(det_state *st);
det_rule_state *det_state_rule(det_state *st, const char *rule_id);
json_t *det_state_alert(det_state *st, const char *id);
json_t *det_state_incident(det_state *st, int64_t number);

/* --- schedule.c --------------------------------------------------------------------- */

typedef struct det_engine {
    det_ruleset *rules;
    det_source *source;
    det_state *state;
    int64_t first_at; /* simulate: first tick >= this; 0: start at the latest tick */
    int no_catch_up_cap;
    char err[512];
} det_engine;

/* One scheduler step at clock time now: runs every due tick of every rule
 * (catch-up), processes newly visible SecurityAlert rows (incident-creation
 * rules, source status sync), groups, automates. Returns 0, or -1 when a
 * rule failed (recorded in its run record; other rules still ran). */
int det_step(det_engine *e, int64_t now);
/* The time of tick k of rule r as seen from t: largest tick <= t. */
int64_t det_tick_floor(const det_rule *r, int64_t t);
int64_t det_tick_ceil(const det_rule *r, int64_t t);
/* Window of the tick executing at exec. */
det_scope det_window(const det_rule *r, int64_t exec);

/* --- alert.c --------------------------------------------------------------------------- */

typedef struct det_run {
    const det_rule *rule;
    int64_t exec, wfrom, wto;
    hunt_result *res;
    json_t *record; /* the run record being filled */
} det_run;

/* Builds the alerts of one triggered run (new references appended to out),
 * applying cap, overrides, entities, custom details, dedupe and entity
 * suppression against st. Returns the number created. */
int det_alerts_build(det_run *run, det_state *st, json_t *out);
/* Deterministic UUID text from a seed string (xxhash-128). buf >= 37. */
char *det_uuid(const char *seed, char *buf);
/* Substitutes {{Column}} from row of res; NULL when a placeholder is empty. */
char *det_format_override(const char *fmt, hunt_result *res, int64_t row);

/* --- incident.c ------------------------------------------------------------------------ */

/* Adds a new scheduled-rule alert to an incident per r's grouping. */
void det_incident_place(det_state *st, const det_rule *r, const det_rule *settings, json_t *alert,
                        int64_t now);
/* An external SecurityAlert record: creates the alert (or updates its status
 * when already known) and an incident when an incident-creation rule matches. */
void det_incident_external(det_state *st, const det_ruleset *rs, json_t *rec, int64_t now);
/* Changes an incident's status (New/Active/Closed) with sync to its alerts.
 * Returns 0, or -1 with msg set (e.g. closing without a classification). */
int det_incident_set_status(det_state *st, const det_rule *settings, json_t *inc,
                            const char *status, const char *classification, const char *reason,
                            const char *comment, const char *by, int64_t now, char *msg,
                            size_t msglen);
/* Records a change of inc in the change log (SecurityIncident-style). */
void det_incident_touch(det_state *st, json_t *inc, const char *by, int64_t now);

/* --- automation.c ------------------------------------------------------------------------ */

/* Runs the automation rules for trigger ("Incidents"/"Alerts", "Created"/
 * "Updated") on obj, in (order, id) order, skipping expired rules. */
void det_automation_run(det_state *st, const det_ruleset *rs, const char *on, const char *when,
                        json_t *obj, int64_t now);
/* Records, for the update-trigger rules, that obj's prop (IncidentStatus,
 * IncidentSeverity, IncidentOwner) changed from -> to (new references: a
 * string, or an array of strings for the owner); several changes before
 * the rules run keep the first From and the last To. */
void det_note_change(json_t *obj, const char *prop, json_t *from, json_t *to);
/* Records that item was added to obj's array (Alerts, Labels, Tactics,
 * Comments) for PropertyArrayChanged. The outermost det_automation_run
 * forgets both records when it ends. */
void det_note_added(json_t *obj, const char *array, const char *item);
/* Evaluates one condition array against obj (exported for tests). */
int det_automation_match(json_t *conditions, json_t *obj, json_t *alerts_of_incident);

/* --- store.c --------------------------------------------------------------------------- */

/* Loads the state from DIR/detect.db (dir NULL: empty in-memory state).
 * Returns 0 or -1 (err). */
int det_store_load(const char *dir, det_state *st, char *err, size_t errlen);
/* Writes the whole state to DIR/detect.db in one transaction. 0 or -1. */
int det_store_save(const char *dir, const det_state *st, char *err, size_t errlen);

/* --- tables.c ------------------------------------------------------------------------- */

/* Declares HuntAlerts, HuntIncidents and HuntRuleRuns in db (fixed schemas,
 * README.md, "Detection rules") and loads them from DIR/detect.db. counts (may be NULL)
 * gets the rows of each. Returns 0, or -1 (err; also when DIR has no
 * detect.db). */
int det_tables_load(hunt_db *db, const char *dir, int64_t counts[3], char *err, size_t errlen);

/* --- graph.c: the Microsoft Graph security API shapes ------------------------------------ */

/* A Graph security alert (alerts_v2) built from an alert (new reference);
 * entities become evidence. st gives the incident and the rule kind. */
json_t *det_graph_alert(det_state *st, json_t *alert);
/* A Graph security incident with its alerts embedded (new reference). */
json_t *det_graph_incident(det_state *st, json_t *incident);
/* A shallow copy of the outbox event ev with "graphAlert" (when it carries
 * an alert) and "graphIncident" (an incident) added; ev is not changed. */
json_t *det_graph_event(det_state *st, json_t *ev);

/* --- sink.c ---------------------------------------------------------------------------- */

typedef struct det_sink {
    int kind; /* 0 none, 1 stdout, 2 file, 3 webhook */
    char *target;
} det_sink;

/* Parses "stdout", "file:PATH", "webhook:URL". 0 or -1. */
int det_sink_parse(const char *spec, det_sink *out);
/* Writes each outbox event as one NDJSON line (or POSTs it), in order, and
 * removes the delivered ones; at the first event that cannot be delivered it
 * stops, leaving that event and the rest in the outbox (det_store_save keeps
 * them). Returns the number of events left undelivered. */
int det_sink_flush(const det_sink *s, det_state *st);
void det_sink_free(det_sink *s);

#endif
