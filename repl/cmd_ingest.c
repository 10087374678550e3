/* repl/cmd_ingest.c — the subcommands that load data and look after the
 * workspace: ingest, pull, quarantine, check-workspace, retention (usage in
 * repl/cmd_ingest.h). Only include/hunt.h is used.
 *
 * Each subcommand parses its own workspace options (-w DIR, --workspace
 * DIR, --memory), opens the workspace, does one thing, prints a summary to
 * stderr (data, such as quarantined records, to stdout) and closes it.
 */
#include "cmd_ingest.h"

#include "hunt.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct wsopt {
    const char *dir;
    int memory;
} wsopt;

static void print_diag(void *arg, const char *line)
{
    (void)arg;
    fprintf(stderr, "hunt: %s\n", line);
}

static int usage(const char *text)
{
    fprintf(stderr, "usage: %s\n", text);
    return 2;
}

/* Takes a workspace option at argv[*i]; 1 when it was one, -1 when its
 * value is missing, 0 otherwise. */
static int ws_option(wsopt *w, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (strcmp(a, "--memory") == 0) {
        w->memory = 1;
        return 1;
    }
    if (strncmp(a, "--workspace=", 12) == 0) {
        w->dir = a + 12;
        return 1;
    }
    if (strcmp(a, "-w") == 0 || strcmp(a, "--workspace") == 0) {
        if (*i + 1 >= argc)
            return -1;
        w->dir = argv[++*i];
        return 1;
    }
    return 0;
}

/* Opens the workspace w names (or the default one). NULL after printing why. */
static hunt_db *open_ws(const wsopt *w)
{
    char dir[4096];
    hunt_db *db;
    hunt_error err;
    if (!w->memory && !w->dir && hunt_default_workspace(dir, sizeof dir) != 0) {
        fprintf(stderr, "hunt: no workspace: give -w DIR or set HUNT_WORKSPACE\n");
        return NULL;
    }
    const char *d = w->memory ? NULL : w->dir ? w->dir : dir;
    if (hunt_open_workspace(d, &db, &err) != HUNT_OK) {
        fprintf(stderr, "hunt: error: %s\n", err.message);
        return NULL;
    }
    hunt_set_diagnostics(db, print_diag, NULL);
    return db;
}

/* Splits argv into workspace options, other options (kept in opts with
 * their values) and positional arguments. Returns 0 or 2. */
static int split_args(int argc, char **argv, wsopt *w, char **pos, int *npos)
{
    *npos = 0;
    for (int i = 1; i < argc; i++) {
        int r = ws_option(w, argc, argv, &i);
        if (r < 0)
            return 2;
        if (r == 0)
            pos[(*npos)++] = argv[i];
    }
    return 0;
}

/* --- ingest ---------------------------------------------------------------------- */

static void print_summary(const char *path, const char *table, const hunt_ingest_stats *st)
{
    double mb = (double)st->bytes_read / 1e6, s = st->seconds > 0 ? st->seconds : 1e-9;
    fprintf(stderr,
            "hunt: %s -> %s: %lld rows loaded, %lld duplicates skipped, %lld rejected"
            " (quarantined); %.1f MB in %.2fs (%.1f MB/s, %.0f rows/s)\n",
            path, table ? table : "(auto)", (long long)st->rows_loaded,
            (long long)st->rows_duplicate, (long long)st->rows_rejected, mb, st->seconds, mb / s,
            (double)(st->rows_loaded + st->rows_duplicate) / s);
}

int cmd_ingest(int argc, char **argv)
{
    static const char *use =
        "hunt ingest [-w DIR|--memory] [--format FMT] [--no-dedupe] TABLE|auto PATH...\n"
        "  FMT: auto json csv tsv envelope ah la list; PATH '-' reads stdin";
    wsopt w = {0};
    const char *format = NULL, *table = NULL;
    int flags = HUNT_INGEST_PROGRESS, npaths = 0, status = 0;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths)
        return 1;
    for (int i = 1; i < argc; i++) {
        int r = ws_option(&w, argc, argv, &i);
        if (r < 0 || (strcmp(argv[i], "--format") == 0 && i + 1 >= argc) ||
            strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            free(paths);
            return usage(use);
        }
        if (r > 0)
            continue;
        if (strcmp(argv[i], "--format") == 0)
            format = argv[++i];
        else if (strncmp(argv[i], "--format=", 9) == 0)
            format = argv[i] + 9;
        else if (strcmp(argv[i], "--no-dedupe") == 0)
            flags |= HUNT_INGEST_NODEDUPE;
        else if (!table)
            table = argv[i];
        else
            paths[npaths++] = argv[i];
    }
    if (!table || npaths == 0) {
        free(paths);
        return usage(use);
    }
    if (strcmp(table, "auto") == 0)
        table = NULL;
    hunt_db *db = open_ws(&w);
    for (int i = 0; db && i < npaths; i++) {
        hunt_ingest_stats st;
        hunt_error err;
        if (hunt_ingest_file(db, table, paths[i], format, flags, &st, &err) != HUNT_OK) {
            fprintf(stderr, "hunt: error: %s\n", err.message);
            status = 1;
            if (err.code == HUNT_EMISUSE)
                break;
        }
        print_summary(paths[i], table, &st);
    }
    if (!db)
        status = 1;
    hunt_close_workspace(db);
    free(paths);
    return status;
}

/* --- pull ---------------------------------------------------------------------------- */

int cmd_pull(int argc, char **argv)
{
    wsopt w = {0};
    char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int npos, status = 0;
    if (!pos)
        return 1;
    if (split_args(argc, argv, &w, pos, &npos) != 0 || npos != 1 || pos[0][0] == '-') {
        free(pos);
        return usage("hunt pull [-w DIR] SOURCE   (sources are defined in DIR/sources.json)");
    }
    hunt_db *db = open_ws(&w);
    hunt_ingest_stats st = {0};
    hunt_error err;
    if (!db) {
        status = 1;
    } else if (hunt_pull(db, pos[0], &st, &err) != HUNT_OK) {
        fprintf(stderr, "hunt: error: %s\n", err.message);
        status = 1;
    }
    if (db)
        fprintf(stderr,
                "hunt: pull %s: %d pages, %lld rows loaded, %lld duplicates skipped, %lld "
                "rejected\n",
                pos[0], st.batches, (long long)st.rows_loaded, (long long)st.rows_duplicate,
                (long long)st.rows_rejected);
    hunt_close_workspace(db);
    free(pos);
    return status;
}

/* --- quarantine -------------------------------------------------------------------- */

static void print_quarantined(void *arg, int64_t id, const char *table, const char *source,
                              int64_t pos, const char *reason, const char *raw, size_t rawn)
{
    int full = *(int *)arg;
    if (full) {
        printf("id: %lld\ntable: %s\nsource: %s:%lld\nreason: %s\nraw: %.*s\n\n", (long long)id,
               table, source, (long long)pos, reason, (int)rawn, raw);
        return;
    }
    printf("%lld\t%s\t%s:%lld\t%s\t%.*s%s\n", (long long)id, table, source, (long long)pos, reason,
           (int)(rawn > 80 ? 80 : rawn), raw, rawn > 80 ? "..." : "");
}

static int quarantine_do(hunt_db *db, const char *verb, const char *arg)
{
    hunt_error err;
    int64_t id = arg && strcmp(arg, "all") != 0 ? strtoll(arg, NULL, 10) : 0;
    int rc;
    if (strcmp(verb, "list") == 0 || strcmp(verb, "show") == 0) {
        int full = strcmp(verb, "show") == 0;
        rc = hunt_quarantine_list(db, id, print_quarantined, &full, &err);
    } else if (strcmp(verb, "replay") == 0) {
        int64_t loaded = 0, failed = 0;
        rc = hunt_quarantine_replay(db, id, &loaded, &failed, &err);
        fprintf(stderr, "hunt: replayed: %lld loaded, %lld still rejected\n", (long long)loaded,
                (long long)failed);
    } else {
        int64_t n = 0;
        rc = hunt_quarantine_drop(db, id, &n, &err);
        fprintf(stderr, "hunt: %lld quarantined records dropped\n", (long long)n);
    }
    if (rc != HUNT_OK)
        fprintf(stderr, "hunt: error: %s\n", err.message);
    return rc == HUNT_OK ? 0 : 1;
}

int cmd_quarantine(int argc, char **argv)
{
    static const char *use =
        "hunt quarantine [-w DIR] [list | show ID | replay [ID] | drop ID|all]";
    wsopt w = {0};
    char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int npos;
    if (!pos)
        return 1;
    if (split_args(argc, argv, &w, pos, &npos) != 0 || npos > 2) {
        free(pos);
        return usage(use);
    }
    const char *verb = npos ? pos[0] : "list", *arg = npos > 1 ? pos[1] : NULL;
    bool known = !strcmp(verb, "list") || !strcmp(verb, "show") || !strcmp(verb, "replay") ||
                 !strcmp(verb, "drop");
    if (!known || (!strcmp(verb, "drop") && !arg) || (!strcmp(verb, "show") && !arg)) {
        free(pos);
        return usage(use);
    }
    hunt_db *db = open_ws(&w);
    int status = db ? quarantine_do(db, verb, arg) : 1;
    hunt_close_workspace(db);
    free(pos);
    return status;
}

/* --- check-workspace ------------------------------------------------------------------ */

static void print_problem(void *arg, const char *line)
{
    (void)arg;
    printf("%s\n", line);
}

int cmd_check_workspace(int argc, char **argv)
{
    wsopt w = {0};
    char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int npos;
    if (!pos)
        return 1;
    if (split_args(argc, argv, &w, pos, &npos) != 0 || npos != 0 || w.memory) {
        free(pos);
        return usage("hunt check-workspace [-w DIR]");
    }
    free(pos);
    hunt_db *db = open_ws(&w);
    if (!db)
        return 1;
    int64_t ne = 0, nr = 0;
    hunt_error err;
    int rc = hunt_check_workspace(db, print_problem, NULL, &ne, &nr, &err);
    if (rc == HUNT_OK)
        fprintf(stderr, "hunt: %s: ok (%lld extents, %lld rows)\n", hunt_workspace_dir(db),
                (long long)ne, (long long)nr);
    else
        fprintf(stderr, "hunt: %s: %s\n", hunt_workspace_dir(db), err.message);
    hunt_close_workspace(db);
    return rc == HUNT_OK ? 0 : 1;
}

/* --- retention ----------------------------------------------------------------------- */

/* "30d", "12h", "90m", "45s", "0" -> ticks; -1 when not an age. */
static int64_t parse_age(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || v < 0)
        return -1;
    int64_t unit = 10000000LL;
    if (!strcmp(end, "d"))
        unit *= 86400;
    else if (!strcmp(end, "h"))
        unit *= 3600;
    else if (!strcmp(end, "m"))
        unit *= 60;
    else if (strcmp(end, "s") != 0 && !(v == 0 && *end == 0))
        return -1;
    if (v > INT64_MAX / unit)
        return -1;
    return v * unit;
}

int cmd_retention(int argc, char **argv)
{
    wsopt w = {0};
    char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int npos;
    if (!pos)
        return 1;
    if (split_args(argc, argv, &w, pos, &npos) != 0 || npos != 2 || parse_age(pos[1]) < 0) {
        free(pos);
        return usage("hunt retention [-w DIR] TABLE AGE   (AGE: 30d, 12h, 90m, 45s; 0 removes)");
    }
    hunt_db *db = open_ws(&w);
    int status = 1;
    if (db) {
        int de = 0;
        int64_t dr = 0;
        hunt_error err;
        if (hunt_set_retention(db, pos[0], parse_age(pos[1]), &de, &dr, &err) == HUNT_OK) {
            fprintf(stderr, "hunt: retention of %s set to %s; %d extents (%lld rows) dropped\n",
                    pos[0], pos[1], de, (long long)dr);
            status = 0;
        } else {
            fprintf(stderr, "hunt: error: %s\n", err.message);
        }
    }
    hunt_close_workspace(db);
    free(pos);
    return status;
}
