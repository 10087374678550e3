/* repl/run.c — runs KQL scripts for the hunt command and reports on them.
 *
 * One script is one hunt_query call: the library splits it at ';' and gives
 * one result per tabular statement, printed in order (a blank line between
 * results in the text formats). Errors print as
 *   hunt: error: [FILE: ]line L, column C: MESSAGE
 *       <query line>
 *       ^^^^
 * SIGINT: while a query runs, the handler calls hunt_interrupt (three
 * presses end the process if the engine does not stop); outside a query it
 * sets a flag the REPL reads, or, in batch mode, ends the process as usual.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static hunt_db *sig_db;
static int sig_interactive;
static volatile sig_atomic_t sig_running; /* a query is running */
static volatile sig_atomic_t sig_presses; /* Ctrl-C presses during this query */
static volatile sig_atomic_t sig_idle;    /* Ctrl-C pressed outside a query */

static int results_printed;    /* results written so far, for the separators */
static const char *run_source; /* the file of the running script, for warnings */

static void on_sigint(int signo)
{
    if (sig_running) {
        hunt_interrupt(sig_db);
        if (sig_interactive && sig_presses == 0)
            (void)!write(STDERR_FILENO, "\n", 1); /* after the terminal's ^C */
        if (++sig_presses >= 3)
            _exit(130);
        return;
    }
    if (!sig_interactive) {
        signal(signo, SIG_DFL);
        raise(signo);
        return;
    }
    sig_idle = 1;
}

void repl_signals_init(hunt_db *db, int interactive)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sig_db = db;
    sig_interactive = interactive;
    sigaction(SIGINT, &sa, NULL);
}

void repl_new_output(void)
{
    results_printed = 0;
}

int repl_take_sigint(void)
{
    int seen = sig_idle;
    sig_idle = 0;
    return seen;
}

void repl_print_error(const char *source, const hunt_error *err, const char *text, size_t len)
{
    char *msg = hunt_error_format(err, text, len);
    const char *m = msg ? msg : err->message;
    size_t n = strlen(m);
    while (n > 0 && m[n - 1] == '\n')
        n--;
    fprintf(stderr, "hunt: error: %s%s%.*s\n", source ? source : "", source ? ": " : "", (int)n, m);
    hunt_free(msg);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Prints every result of the chain; 0, or 1 when stdout failed. */
static int print_results(hunt_result *first, const repl_opts *o)
{
    for (hunt_result *r = first; r; r = hunt_result_next(r)) {
        int sep =
            o->format == REPL_FMT_TABLE || o->format == REPL_FMT_TSV || o->format == REPL_FMT_CSV;
        if (sep && results_printed++ > 0)
            fputs(o->format == REPL_FMT_CSV ? "\r\n" : "\n", stdout);
        if (repl_print_result(stdout, r, o->format) < 0) {
            fprintf(stderr, "hunt: error: cannot write the result: %s\n", strerror(errno));
            return 1;
        }
        const char *render = hunt_result_render(r);
        if (render && o->format == REPL_FMT_TABLE)
            fprintf(stderr, "hunt: note: 'render %s' is not drawn here; the table is shown\n",
                    render);
    }
    return 0;
}

int repl_run(hunt_db *db, const char *text, size_t len, const char *source, const repl_opts *o,
             int *interrupted)
{
    hunt_result *res = NULL;
    hunt_error err;
    memset(&err, 0, sizeof err);
    double t0 = now_seconds();
    sig_presses = 0;
    sig_running = 1;
    run_source = source;
    int rc = hunt_query(db, text, len, o->flags, &res, &err);
    run_source = NULL;
    double t1 = now_seconds();
    sig_running = 0;
    hunt_query_stats qs;
    hunt_result_stats(res, &qs);
    if (interrupted)
        *interrupted = rc == HUNT_EINTERRUPT;
    int status = 0;
    if (rc != HUNT_OK) {
        repl_print_error(source, &err, text, len);
        status = 1;
    } else if (res) {
        status = print_results(res, o);
    }
    hunt_result_free(res);
    if (o->timer)
        fprintf(stderr,
                "hunt: time: %.3f ms (query; %.3f ms with output), extents scanned %lld, "
                "skipped %lld, rows scanned %lld\n",
                (t1 - t0) * 1000.0, (now_seconds() - t0) * 1000.0, (long long)qs.extents_scanned,
                (long long)qs.extents_skipped, (long long)qs.rows_scanned);
    return status;
}

static void print_diag(void *arg, const char *line)
{
    (void)arg;
    if (run_source && strncmp(line, "warning: ", 9) == 0)
        fprintf(stderr, "hunt: warning: %s: %s\n", run_source, line + 9);
    else
        fprintf(stderr, "hunt: %s\n", line);
}

void repl_diag_init(hunt_db *db)
{
    hunt_set_diagnostics(db, print_diag, NULL);
}

int repl_load(hunt_db *db, const char *table, const char *path)
{
    hunt_load_stats st;
    hunt_error err;
    memset(&st, 0, sizeof st);
    memset(&err, 0, sizeof err);
    if (hunt_load_file(db, table, path, &st, &err) != HUNT_OK) {
        repl_print_error(path, &err, NULL, 0);
        return 1;
    }
    fprintf(stderr, "hunt: loaded %lld rows into %s from %s (%lld rejected)\n",
            (long long)st.rows_loaded, table, path, (long long)st.rows_rejected);
    return 0;
}

char *repl_read_all(FILE *f, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (ferror(f) || feof(f))
            break;
        char *more = realloc(buf, cap * 2);
        if (!more) {
            free(buf);
            return NULL;
        }
        buf = more;
        cap *= 2;
    }
    if (!buf || ferror(f)) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}
