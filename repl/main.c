/* repl/main.c — the hunt command: argument parsing and the batch driver.
 *
 *   hunt -c 'QUERY'          run one query (repeatable)
 *   hunt FILE.kql ...        run each file as one KQL script
 *   hunt - / ... | hunt      run the script on standard input
 *   hunt                     the REPL, when standard input is a terminal
 *   hunt rules|detect|alerts|incidents ...   subcommands (repl/cmd_detect.c)
 *   hunt ingest|pull|quarantine|check-workspace|retention ...
 *                            workspace subcommands (repl/cmd_ingest.c)
 *
 * Workspace: -w DIR (or $HUNT_WORKSPACE) opens a durable workspace; without
 * either, queries use the default workspace when it exists (created by
 * `hunt ingest`), else memory; --memory always keeps everything in memory.
 * Detections (README.md, "Detection rules") are queryable as HuntAlerts, HuntIncidents
 * and HuntRuleRuns: from --store DIR (DIR/detect.db), else from the
 * workspace directory when it holds a detect.db.
 *
 * Options come before, between or after the scripts; scripts run in the
 * order given, after every --load. Exit status: 0 success, 1 a query or
 * data error (the remaining scripts still run, except after Ctrl-C), 2 a
 * usage error.
 */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_ingest.h"
#include "detect/detect.h"

#define MAX_ITEMS 1024

enum { JOB_QUERY, JOB_FILE, JOB_STDIN };

typedef struct job {
    int kind;
    const char *arg; /* the query text or the file name */
} job;

enum { LOAD_DATA, LOAD_SCHEMA, LOAD_WATCHLIST };

typedef struct load {
    char *table; /* LOAD_WATCHLIST: the alias */
    const char *path;
    int kind;  /* LOAD_* */
    char *key; /* LOAD_WATCHLIST: the search key column, or NULL */
} load;

typedef struct cli {
    repl_opts opts;
    int format_set;
    const char *now;
    job jobs[MAX_ITEMS];
    int njobs;
    load loads[MAX_ITEMS];
    int nloads;
    const char *workspace; /* -w DIR */
    int memory;            /* --memory */
    const char *store;     /* --store DIR: detection tables from DIR/detect.db */
    const char *geoip;     /* --geoip FILE: the MaxMind DB of geo_info_from_ip_address */
} cli;

static void usage(FILE *out)
{
    fputs(
        "usage: hunt [OPTIONS] [-c QUERY | FILE.kql ... | -]\n"
        "Runs KQL queries over in-memory tables. Without a query or file, reads the script\n"
        "from standard input, or starts the interactive shell on a terminal.\n"
        "\n"
        "  -c QUERY               run QUERY (repeatable)\n"
        "  FILE.kql               run the file as one KQL script (';' separates statements)\n"
        "  -                      run the script on standard input\n"
        "  --format FMT           output format: " REPL_FORMAT_NAMES "\n"
        "                         (default: table on a terminal, tsv otherwise)\n"
        "  --load TABLE=PATH      load an NDJSON or JSON file into TABLE (repeatable)\n"
        "  --schema FILE          declare the tables of a JSON schema file (repeatable;\n"
        "                         {\"Table\": {\"Col\": \"type\", ...}}, see README.md, Table "
        "schemas)\n"
        "  --watchlist NAME[:KEY]=PATH\n"
        "                         load a CSV/JSON watchlist for _GetWatchlist('NAME');\n"
        "                         KEY is the SearchKey column (default: the first)\n"
        "  --geoip FILE           the GeoLite2-City .mmdb geo_info_from_ip_address() reads\n"
        "                         (default: $HUNT_GEOIP, else /usr/share/GeoIP or /var/lib/GeoIP)\n"
        "  --syntax               only parse the queries\n"
        "  --check                parse and bind names and types, do not run\n"
        "  --now DATETIME         fix now() to DATETIME (ISO 8601, e.g. 2024-05-01T12:00:00Z)\n"
        "  --timer                print each query's elapsed time to stderr\n"
        "  -w, --workspace DIR    open the durable workspace DIR (default: $HUNT_WORKSPACE,\n"
        "                         else the default workspace if it exists, else memory)\n"
        "  --memory               keep everything in memory; open no workspace\n"
        "  --store DIR            query the detections of DIR/detect.db as the tables\n"
        "                         HuntAlerts, HuntIncidents, HuntRuleRuns (default: the\n"
        "                         workspace's detect.db when there is one)\n"
        "  -h, --help             show this help\n"
        "  --version              print the version\n"
        "\n"
        "Subcommands (see 'hunt SUBCOMMAND --help'): rules, detect, alerts, incidents,\n"
        "ingest, pull, quarantine, check-workspace, retention.\n"
        "Exit status: 0 success, 1 query or data error, 2 usage error.\n",
        out);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("hunt: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'hunt --help' for more information.\n", stderr);
    return 2;
}

/* The value of an option given as "--opt VALUE" or "--opt=VALUE", or NULL. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (strcmp(argv[*i], name) == 0 && *i + 1 < argc)
        return argv[++*i];
    return NULL;
}

static int is_option(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static int add_job(cli *c, int kind, const char *arg)
{
    if (c->njobs == MAX_ITEMS)
        return usage_error("too many queries and files (at most %s)", "1024");
    c->jobs[c->njobs++] = (job){kind, arg};
    return 0;
}

static int add_load(cli *c, const char *spec)
{
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || eq[1] == '\0')
        return usage_error("--load wants TABLE=PATH, not '%s'", spec);
    if (c->nloads == MAX_ITEMS)
        return usage_error("too many --load options (at most %s)", "1024");
    char *table = strndup(spec, (size_t)(eq - spec));
    if (!table)
        return usage_error("%s", "out of memory");
    c->loads[c->nloads++] = (load){table, eq + 1, LOAD_DATA, NULL};
    return 0;
}

/* --schema FILE, --watchlist NAME[:KEY]=PATH */
static int add_schema(cli *c, const char *path)
{
    if (c->nloads == MAX_ITEMS)
        return usage_error("too many --load/--schema/--watchlist options (at most %s)", "1024");
    c->loads[c->nloads++] = (load){NULL, path, LOAD_SCHEMA, NULL};
    return 0;
}

static int add_watchlist(cli *c, const char *spec)
{
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || eq[1] == '\0')
        return usage_error("--watchlist wants NAME=PATH or NAME:KEY=PATH, not '%s'", spec);
    if (c->nloads == MAX_ITEMS)
        return usage_error("too many --load/--schema/--watchlist options (at most %s)", "1024");
    const char *colon = memchr(spec, ':', (size_t)(eq - spec));
    char *name = strndup(spec, (size_t)((colon ? colon : eq) - spec));
    char *key = colon && colon + 1 < eq ? strndup(colon + 1, (size_t)(eq - colon - 1)) : NULL;
    if (!name)
        return usage_error("%s", "out of memory");
    c->loads[c->nloads++] = (load){name, eq + 1, LOAD_WATCHLIST, key};
    return 0;
}

/* Handles the option at argv[*i] that takes a value. Returns 0, 2 on a
 * usage error, or -1 when argv[*i] is not such an option. */
static int value_option(cli *c, int argc, char **argv, int *i)
{
    static const char *const names[] = {"--format", "--load",      "--now",   "-c",
                                        "--schema", "--watchlist", "--store", "--geoip"};
    for (int k = 0; k < 8; k++) {
        if (!is_option(argv[*i], names[k]) || (k == 3 && argv[*i][2] != '\0'))
            continue;
        const char *v = option_value(argc, argv, i, names[k]);
        if (!v)
            return usage_error("option '%s' needs a value", names[k]);
        switch (k) {
        case 0:
            c->opts.format = repl_format_parse(v);
            c->format_set = 1;
            if (c->opts.format < 0)
                return usage_error("unknown format '%s' (use " REPL_FORMAT_NAMES ")", v);
            return 0;
        case 1:
            return add_load(c, v);
        case 2:
            c->now = v;
            return 0;
        case 4:
            return add_schema(c, v);
        case 5:
            return add_watchlist(c, v);
        case 6:
            c->store = v;
            return 0;
        case 7:
            c->geoip = v;
            return 0;
        default:
            return add_job(c, JOB_QUERY, v);
        }
    }
    return -1;
}

/* Parses argv into c. Returns 0, 2 on a usage error, or -1 when the
 * command is done (--help, --version). */
static int parse_args(cli *c, int argc, char **argv)
{
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-') {
            if (add_job(c, JOB_FILE, a))
                return 2;
        } else if (strcmp(a, "-") == 0) {
            if (add_job(c, JOB_STDIN, a))
                return 2;
        } else if (strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return -1;
        } else if (strcmp(a, "--version") == 0) {
            printf("hunt %s\n", HUNT_VERSION);
            return -1;
        } else if (strcmp(a, "--syntax") == 0) {
            c->opts.flags = HUNT_PARSE_ONLY;
        } else if (strcmp(a, "--check") == 0) {
            c->opts.flags = HUNT_CHECK_ONLY;
        } else if (strcmp(a, "--timer") == 0) {
            c->opts.timer = 1;
        } else if (strcmp(a, "--memory") == 0) {
            c->memory = 1;
        } else if (strcmp(a, "-w") == 0 || strcmp(a, "--workspace") == 0) {
            if (i + 1 >= argc)
                return usage_error("%s needs a directory", a);
            c->workspace = argv[++i];
        } else {
            int rc = value_option(c, argc, argv, &i);
            if (rc >= 0) {
                if (rc)
                    return rc;
                continue;
            }
            return usage_error("unknown option '%s'", a);
        }
    }
    return 0;
}

/* Runs one job; returns 0 or 1, and sets *stop after Ctrl-C. */
static int run_job(hunt_db *db, const job *j, const repl_opts *o, int *stop)
{
    if (j->kind == JOB_QUERY)
        return repl_run(db, j->arg, strlen(j->arg), NULL, o, stop);
    FILE *f = j->kind == JOB_STDIN ? stdin : fopen(j->arg, "rb");
    if (!f) {
        fprintf(stderr, "hunt: error: cannot open %s: %s\n", j->arg, strerror(errno));
        return 1;
    }
    size_t len = 0;
    char *text = repl_read_all(f, &len);
    if (f != stdin)
        fclose(f);
    if (!text) {
        fprintf(stderr, "hunt: error: cannot read %s\n", j->kind == JOB_STDIN ? "stdin" : j->arg);
        return 1;
    }
    int rc = repl_run(db, text, len, j->kind == JOB_FILE ? j->arg : NULL, o, stop);
    free(text);
    return rc;
}

/* HuntAlerts, HuntIncidents, HuntRuleRuns from --store DIR, else from the
 * workspace directory when it has a detect.db (README.md, "Detection rules"). */
static int load_detections(hunt_db *db, const cli *c)
{
    const char *dir = c->store ? c->store : hunt_workspace_dir(db);
    char path[4096], err[600];
    if (!dir)
        return 0;
    snprintf(path, sizeof path, "%s/detect.db", dir);
    if (!c->store && access(path, R_OK) != 0)
        return 0;
    if (det_tables_load(db, dir, NULL, err, sizeof err) < 0) {
        fprintf(stderr, "hunt: error: %s\n", err);
        return 1;
    }
    return 0;
}

static int setup_db(hunt_db *db, cli *c)
{
    if (c->now) {
        int64_t ticks;
        if (repl_parse_datetime(c->now, &ticks) < 0)
            return usage_error("--now wants an ISO 8601 datetime such as 2024-05-01T12:00:00Z,"
                               " not '%s'",
                               c->now);
        hunt_set_now(db, ticks);
    }
    repl_diag_init(db);
    if (c->geoip) {
        hunt_error err;
        if (hunt_set_geoip_database(c->geoip, &err) != HUNT_OK) {
            fprintf(stderr, "hunt: error: --geoip: %s\n", err.message);
            return 1;
        }
    }
    /* schemas first, so that data loads into the declared tables */
    for (int i = 0; i < c->nloads; i++) {
        if (c->loads[i].kind != LOAD_SCHEMA)
            continue;
        hunt_error err;
        if (hunt_load_schema(db, c->loads[i].path, &err) != HUNT_OK) {
            fprintf(stderr, "hunt: error: %s\n", err.message);
            return 1;
        }
    }
    for (int i = 0; i < c->nloads; i++) {
        if (c->loads[i].kind == LOAD_DATA && repl_load(db, c->loads[i].table, c->loads[i].path))
            return 1;
        if (c->loads[i].kind == LOAD_WATCHLIST) {
            hunt_error err;
            if (hunt_load_watchlist(db, c->loads[i].table, c->loads[i].path, c->loads[i].key, NULL,
                                    &err) != HUNT_OK) {
                fprintf(stderr, "hunt: error: watchlist %s: %s\n", c->loads[i].table, err.message);
                return 1;
            }
        }
    }
    return load_detections(db, c);
}

static int run_all(hunt_db *db, cli *c)
{
    int status = setup_db(db, c);
    if (status)
        return status;
    int interactive = c->njobs == 0 && isatty(STDIN_FILENO);
    repl_signals_init(db, interactive);
    if (interactive)
        return repl_interactive(db, &c->opts);
    if (c->njobs == 0)
        add_job(c, JOB_STDIN, "-");
    for (int i = 0; i < c->njobs; i++) {
        int stop = 0;
        status |= run_job(db, &c->jobs[i], &c->opts, &stop);
        if (stop)
            break;
    }
    return status;
}

/* The subcommand named by the first argument, or NULL. */
static int (*subcommand(const char *name))(int, char **)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } subs[] = {{"rules", cmd_rules},           {"detect", cmd_detect},
                {"alerts", cmd_alerts},         {"incidents", cmd_incidents},
                {"ingest", cmd_ingest},         {"pull", cmd_pull},
                {"quarantine", cmd_quarantine}, {"check-workspace", cmd_check_workspace},
                {"retention", cmd_retention}};
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
        if (strcmp(name, subs[i].name) == 0)
            return subs[i].fn;
    return NULL;
}

/* Opens the workspace the options and environment name (see the top of
 * this file); prints the error and returns non-zero on failure. */
static int open_db(const cli *c, hunt_db **db)
{
    const char *dir = c->memory ? NULL : c->workspace;
    char def[4096];
    if (!c->memory && !dir) {
        const char *env = getenv("HUNT_WORKSPACE");
        if (env && *env)
            dir = env;
        else if (hunt_default_workspace(def, sizeof def) == HUNT_OK && access(def, F_OK) == 0)
            dir = def;
    }
    hunt_error err;
    memset(&err, 0, sizeof err);
    int rc = hunt_open_workspace(dir, db, &err);
    if (rc != HUNT_OK)
        fprintf(stderr, "hunt: error: cannot open workspace %s: %s\n", dir ? dir : "(memory)",
                err.message);
    return rc;
}

/* glibc's allocator serves blocks over 128 KiB (growing to 32 MiB) with fresh
 * mmaps and gives freed heap tops back at 128 KiB, so a query that grows hash
 * tables and vectors pays page faults and zeroing for every growth, and two
 * aggregating threads contend on the kernel's mm lock (bench 07 spent half its
 * time there). Fixed thresholds keep that memory in the heap for reuse; it is
 * still freed, and reused by the next query. GLIBC_TUNABLES set by the user
 * win (they are read before main). Other allocators ignore mallopt. */
static void tune_malloc(void)
{
#ifdef M_MMAP_THRESHOLD
    const char *t = getenv("GLIBC_TUNABLES");
    if (t && strstr(t, "glibc.malloc."))
        return;
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

int main(int argc, char **argv)
{
    static cli c;
    tune_malloc();
    int (*sub)(int, char **) = argc > 1 ? subcommand(argv[1]) : NULL;
    if (sub)
        return sub(argc - 1, argv + 1);
    int status = parse_args(&c, argc, argv);
    if (status == 0) {
        if (!c.format_set)
            c.opts.format = isatty(STDOUT_FILENO) ? REPL_FMT_TABLE : REPL_FMT_TSV;
        hunt_db *db = NULL;
        if (open_db(&c, &db) != HUNT_OK) {
            status = 1;
        } else {
            status = run_all(db, &c);
            hunt_close_workspace(db);
        }
    }
    for (int i = 0; i < c.nloads; i++) {
        free(c.loads[i].table);
        free(c.loads[i].key);
    }
    return status < 0 ? 0 : status;
}
