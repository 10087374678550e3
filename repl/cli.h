/* repl/cli.h — the internal interface between the files of the hunt command.
 *
 * The command is an embedder like any other: it uses only include/hunt.h.
 *   main.c     argument parsing, the batch driver (-c, files, stdin), usage
 *   run.c      running one script: errors with position, results, timer, loads,
 *              the SIGINT handler that interrupts a running query
 *   format.c   the output formats (table, tsv, csv, json, ndjson)
 *   isotime.c  the ISO 8601 parser behind --now
 *   repl.c     the interactive loop (libedit) and its dot-commands
 *   cmd_detect.c  the rule and detection subcommands (rules, detect, alerts,
 *              incidents), dispatched by main.c on the first argument
 */
#ifndef REPL_CLI_H
#define REPL_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "hunt.h"

/* Output formats, in the order of REPL_FORMAT_NAMES. */
enum { REPL_FMT_TABLE, REPL_FMT_TSV, REPL_FMT_CSV, REPL_FMT_JSON, REPL_FMT_NDJSON };
#define REPL_FORMAT_NAMES "table|tsv|csv|json|ndjson"

typedef struct repl_opts {
    int format; /* REPL_FMT_* */
    int flags;  /* HUNT_RUN, HUNT_PARSE_ONLY or HUNT_CHECK_ONLY */
    int timer;  /* print each query's elapsed time to stderr */
} repl_opts;

/* format.c: the REPL_FMT_* of a name, or -1. */
int repl_format_parse(const char *name);
const char *repl_format_name(int format);
/* Writes one result table to out. Returns 0, or -1 when out failed. */
int repl_print_result(FILE *out, hunt_result *r, int format);

/* run.c: installs the SIGINT handler; interactive selects what Ctrl-C does
 * outside a query (set a flag for the REPL, or end the process). */
void repl_signals_init(hunt_db *db, int interactive);
/* Returns 1 (and clears it) when Ctrl-C was pressed outside a query. */
int repl_take_sigint(void);
/* Starts a new output: the next result gets no separator before it. */
void repl_new_output(void);
/* Runs one KQL script and prints its results to stdout and its error to
 * stderr, naming source (a file name, or NULL) in the error. Returns 0 on
 * success, 1 on a query error; *interrupted (may be NULL) says whether the
 * query was stopped by Ctrl-C. */
int repl_run(hunt_db *db, const char *text, size_t len, const char *source, const repl_opts *o,
             int *interrupted);
/* Loads path into table and prints the summary line to stderr. 0 or 1. */
int repl_load(hunt_db *db, const char *table, const char *path);
/* Sends load diagnostics to stderr. */
void repl_diag_init(hunt_db *db);
/* Reads a whole stream; malloc'd, NUL-terminated, NULL on error. */
char *repl_read_all(FILE *f, size_t *len);
/* Prints "hunt: error: [source: ]TEXT" to stderr, TEXT from hunt_error_format. */
void repl_print_error(const char *source, const hunt_error *err, const char *text, size_t len);

/* isotime.c: parses an ISO 8601 date-time (YYYY-MM-DD[(T| )HH:MM[:SS[.f]]][Z|+HH:MM])
 * into 100 ns ticks since the Unix epoch. Returns 0, or -1 when s is not one. */
int repl_parse_datetime(const char *s, int64_t *ticks);

/* repl.c: the interactive loop. Returns the exit status. */
int repl_interactive(hunt_db *db, repl_opts *o);

/* cmd_detect.c: the subcommands; argv[0] is the subcommand's name. Each
 * returns the exit status. */
int cmd_rules(int argc, char **argv);
int cmd_detect(int argc, char **argv);
int cmd_alerts(int argc, char **argv);
int cmd_incidents(int argc, char **argv);

#endif
