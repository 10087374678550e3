/* repl/repl.c — the interactive shell of the hunt command (libedit).
 *
 * Lines accumulate into one query; an empty line runs it (so a pasted
 * multi-line query whose lines start with '|' runs whole). A line starting
 * with '.' while no query is pending is a dot-command and runs at once.
 * Ctrl-C while a query runs interrupts it (run.c's handler); Ctrl-C at the
 * prompt drops the pending input; Ctrl-D quits. History lives in
 * ~/.hunt_history, one entry per query or command.
 */
#include <ctype.h>
#include <editline/readline.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define HISTORY_MAX 1000

typedef struct buf {
    char *s;
    size_t len, cap;
} buf;

static int buf_add(buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 2 > b->cap) {
        size_t cap = (b->len + n + 2) * 2;
        char *p = realloc(b->s, cap);
        if (!p)
            return -1;
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len++] = '\n';
    b->s[b->len] = '\0';
    return 0;
}

static int is_blank(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return *s == '\0';
}

static void history_path(char *out, size_t size)
{
    const char *home = getenv("HOME");
    out[0] = '\0';
    if (home && *home)
        snprintf(out, size, "%s/.hunt_history", home);
}

static void remember(const char *entry, const char *path)
{
    add_history(entry);
    if (*path)
        write_history(path);
}

/* --- dot-commands ------------------------------------------------------------ */

static void cmd_help(void)
{
    puts("Enter a KQL query over one or more lines; an empty line runs it.\n"
         "  .help                 this text\n"
         "  .tables               the tables, their row and column counts\n"
         "  .schema TABLE         the columns of TABLE and their types\n"
         "  .load TABLE PATH      load an NDJSON or JSON file into TABLE\n"
         "  .format FMT           output format: " REPL_FORMAT_NAMES "\n"
         "  .timer on|off         print each query's elapsed time\n"
         "  .quit                 leave (Ctrl-D too)\n"
         "Ctrl-C stops a running query, or drops the input typed so far.");
}

static void cmd_tables(hunt_db *db)
{
    int n = hunt_table_count(db);
    for (int i = 0; i < n; i++)
        printf("%-32s %10lld rows  %3d columns\n", hunt_table_name(db, i),
               (long long)hunt_table_rows(db, i), hunt_table_columns(db, i));
}

static int find_table(hunt_db *db, const char *name)
{
    int n = hunt_table_count(db);
    for (int i = 0; i < n; i++)
        if (strcmp(hunt_table_name(db, i), name) == 0)
            return i;
    return -1;
}

static void cmd_schema(hunt_db *db, const char *name)
{
    int t = find_table(db, name);
    if (t < 0) {
        fprintf(stderr, "hunt: error: no table '%s' (see .tables)\n", name);
        return;
    }
    printf("%s\n", hunt_table_name(db, t));
    for (int c = 0; c < hunt_table_columns(db, t); c++)
        printf("  %-40s %s\n", hunt_table_column_name(db, t, c),
               hunt_type_name(hunt_table_column_type(db, t, c)));
}

static void cmd_format(repl_opts *o, const char *arg)
{
    if (!arg) {
        printf("%s\n", repl_format_name(o->format));
        return;
    }
    int f = repl_format_parse(arg);
    if (f < 0)
        fprintf(stderr, "hunt: error: unknown format '%s' (use " REPL_FORMAT_NAMES ")\n", arg);
    else
        o->format = f;
}

static void cmd_timer(repl_opts *o, const char *arg)
{
    if (arg && strcmp(arg, "on") == 0)
        o->timer = 1;
    else if (arg && strcmp(arg, "off") == 0)
        o->timer = 0;
    else
        fprintf(stderr, "hunt: error: usage: .timer on|off\n");
}

/* Splits line into at most 3 words in place; returns the count. */
static int split_words(char *line, char **w, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t", &save); t && n < max; t = strtok_r(NULL, " \t", &save))
        w[n++] = t;
    return n;
}

/* Runs a dot-command; returns 1 when the shell should quit. */
static int dot_command(hunt_db *db, repl_opts *o, char *line)
{
    char *w[3] = {NULL, NULL, NULL};
    int n = split_words(line, w, 3);
    if (n == 0)
        return 0;
    if (strcmp(w[0], ".quit") == 0 || strcmp(w[0], ".exit") == 0)
        return 1;
    if (strcmp(w[0], ".help") == 0)
        cmd_help();
    else if (strcmp(w[0], ".tables") == 0)
        cmd_tables(db);
    else if (strcmp(w[0], ".schema") == 0 && n == 2)
        cmd_schema(db, w[1]);
    else if (strcmp(w[0], ".load") == 0 && n == 3)
        repl_load(db, w[1], w[2]);
    else if (strcmp(w[0], ".format") == 0)
        cmd_format(o, w[1]);
    else if (strcmp(w[0], ".timer") == 0)
        cmd_timer(o, w[1]);
    else if (strcmp(w[0], ".schema") == 0 || strcmp(w[0], ".load") == 0)
        fprintf(stderr, "hunt: error: usage: %s (see .help)\n",
                w[0][1] == 's' ? ".schema TABLE" : ".load TABLE PATH");
    else
        fprintf(stderr, "hunt: error: unknown command '%s' (see .help)\n", w[0]);
    fflush(stdout);
    return 0;
}

/* --- the loop ------------------------------------------------------------------ */

static void run_pending(hunt_db *db, const repl_opts *o, buf *q, const char *hist)
{
    if (q->len > 0 && q->s[q->len - 1] == '\n')
        q->s[--q->len] = '\0';
    remember(q->s, hist);
    repl_new_output();
    repl_run(db, q->s, q->len, NULL, o, NULL);
    fflush(stdout);
    q->len = 0;
    q->s[0] = '\0';
}

/* Handles one line read at the prompt; returns 1 to quit. */
static int handle_line(hunt_db *db, repl_opts *o, buf *q, char *line, const char *hist)
{
    const char *p = line;
    while (isspace((unsigned char)*p))
        p++;
    if (q->len == 0 && *p == '.') {
        remember(line, hist);
        return dot_command(db, o, line);
    }
    if (is_blank(line)) {
        if (q->len > 0)
            run_pending(db, o, q, hist);
        return 0;
    }
    if (buf_add(q, line) < 0) {
        fputs("hunt: error: out of memory; the input was dropped\n", stderr);
        q->len = 0;
    }
    return 0;
}

int repl_interactive(hunt_db *db, repl_opts *o)
{
    char hist[4096];
    buf q = {NULL, 0, 0};
    history_path(hist, sizeof hist);
    rl_readline_name = "hunt";
    using_history();
    stifle_history(HISTORY_MAX);
    if (*hist)
        read_history(hist);
    rl_bind_key('\t', rl_insert); /* a pasted tab is text, not completion */
    printf("hunt %s: enter a KQL query, an empty line runs it; .help for help\n", HUNT_VERSION);
    for (int quit = 0; !quit;) {
        repl_take_sigint();
        fflush(stdout);
        char *line = readline(q.len ? "   ...> " : "hunt> ");
        if (repl_take_sigint()) {
            /* Ctrl-C at the prompt: drop what was typed so far. */
            free(line);
            q.len = 0;
            fputs("^C\n", stdout);
            continue;
        }
        if (!line) {
            putchar('\n'); /* Ctrl-D: end the prompt's line */
            break;
        }
        quit = handle_line(db, o, &q, line, hist);
        free(line);
    }
    free(q.s);
    return 0;
}
