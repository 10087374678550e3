/* tests/golden.c — the golden-test runner: runs .test files against libhunt
 * through the public API only (include/hunt.h), as any embedder would.
 *
 * Usage: golden [--conformance] [--list-pass] [--only FILE:LINE] PATH...
 * A PATH is a .test file or a directory searched recursively for *.test.
 *
 * File format (shared/conformance/README.md): blocks of
 *   query [TYPES] rowsort|ordered|error
 *   <query text>
 *   ----
 *   <header line, then rows, TAB-separated>   or   <error text>
 *   <blank line>
 * '#' lines outside blocks are comments; "# doubtful" marks the next block.
 * TYPES, optional, is one letter per column: b bool, i int, l long, r real,
 * s string, d datetime, t timespan, g guid, y dynamic. Our own extensions,
 * on lines outside blocks: `load TABLE PATH` (PATH relative to the current
 * directory) and `now DATETIME`; each file gets a fresh engine.
 *
 * Comparison: values as text; numbers (also inside JSON) with a tolerance
 * when either side is a real (relative 1e-9; with --conformance also
 * "rounds to the published digits" and absolute 1e-12); a lone empty value
 * is written "(empty)". rowsort compares rows as a multiset. If a row only
 * differs in the order of elements of a JSON array, the arrays are compared
 * as sets (make_set and friends promise no order). An error block passes
 * when its text is a substring of the formatted error or of its message
 * (any error passes with --conformance).
 *
 * Output: one line per failing block, then exactly "N passed, N failed"
 * (", N skipped" when --conformance set aside failing doubtful blocks).
 * --list-pass prints FILE:LINE of each passing block; --only runs one
 * block. UPDATE=1 rewrites the expected part of failing blocks of files
 * under tests/ in place. Each block may run BLOCK_TIMEOUT seconds.
 */
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hunt.h"
/* The hunt command's ISO 8601 parser (repl_parse_datetime), shared rather
 * than copied; the Makefile builds golden from this one file. */
#include "repl/isotime.c"

#define BLOCK_TIMEOUT 60
#define GREEDY_MAX 5000 /* rows up to which rowsort tries a tolerant matching */
#define SHOW_MAX 120    /* characters of a value shown in a failure line */

enum { K_ROWSORT, K_ORDERED, K_ERROR };

typedef struct strv {
    char **v;
    int n, cap;
} strv;

typedef struct block {
    int qline;        /* 1-based line of "query" */
    int kind;         /* K_* */
    char types[128];  /* type letters, "" when none */
    int qstart, qend; /* query text: line indexes [qstart, qend) */
    int estart, eend; /* expected text: line indexes [estart, eend) */
    int doubtful;
} block;

typedef struct edit {
    int start, end; /* lines [start, end) are replaced by lines */
    strv lines;
} edit;

typedef struct opts {
    int conformance, list_pass, update;
    const char *only_file;
    int only_line;
} opts;

typedef struct counts {
    int passed, failed, skipped;
} counts;

static const opts *O;
static counts C;
static hunt_db *volatile alarm_db;

/* --- small helpers ------------------------------------------------------------ */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("golden: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    return memcpy(xmalloc(n + 1), s, n + 1);
}

static void strv_push(strv *a, char *s)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        char **v = realloc(a->v, (size_t)a->cap * sizeof *v);
        if (!v) {
            fputs("golden: out of memory\n", stderr);
            exit(2);
        }
        a->v = v;
    }
    a->v[a->n++] = s;
}

static void strv_free(strv *a)
{
    for (int i = 0; i < a->n; i++)
        free(a->v[i]);
    free(a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lines [from, to) of lines joined by '\n' (malloc'd). */
static char *join_lines(char **lines, int from, int to)
{
    size_t n = 1;
    for (int i = from; i < to; i++)
        n += strlen(lines[i]) + 1;
    char *s = xmalloc(n), *p = s;
    for (int i = from; i < to; i++) {
        size_t k = strlen(lines[i]);
        memcpy(p, lines[i], k);
        p += k;
        if (i + 1 < to)
            *p++ = '\n';
    }
    *p = '\0';
    return s;
}

static void on_alarm(int signo)
{
    (void)signo;
    if (alarm_db)
        hunt_interrupt(alarm_db);
}

/* --- reading files ---------------------------------------------------------- */

/* Splits the file into lines (without "\n" or "\r\n"). Returns 0 or -1. */
static int read_lines(const char *path, strv *lines)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        strv_push(lines, xstrdup(line));
    }
    free(line);
    fclose(f);
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Adds path, or the *.test files under it (sorted), to files. */
static void collect(const char *path, strv *files)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        strv_push(files, xstrdup(path));
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        return;
    strv names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            strv_push(&names, xstrdup(e->d_name));
    closedir(d);
    if (names.n)
        qsort(names.v, (size_t)names.n, sizeof *names.v, cmp_str);
    for (int i = 0; i < names.n; i++) {
        size_t n = strlen(path) + strlen(names.v[i]) + 2;
        char *sub = xmalloc(n);
        snprintf(sub, n, "%s%s%s", path, ends_with(path, "/") ? "" : "/", names.v[i]);
        if (stat(sub, &st) == 0 && (S_ISDIR(st.st_mode) || ends_with(sub, ".test")))
            collect(sub, files);
        free(sub);
    }
    strv_free(&names);
}

/* --- value comparison --------------------------------------------------------- */

static int is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.';
}

/* Length of the number token at s[i] (digits[.digits][e[+-]digits], with an
 * optional '-'), or 0 when s[i] does not start one. *real says whether it
 * has a fraction or an exponent. */
static size_t number_len(const char *s, size_t i, int *real)
{
    size_t j = i;
    *real = 0;
    if (i > 0 && (is_word_char(s[i - 1]) || s[i - 1] == '-'))
        return 0;
    if (s[j] == '-')
        j++;
    if (!isdigit((unsigned char)s[j]))
        return 0;
    while (isdigit((unsigned char)s[j]))
        j++;
    if (s[j] == '.' && isdigit((unsigned char)s[j + 1])) {
        *real = 1;
        for (j++; isdigit((unsigned char)s[j]);)
            j++;
    }
    if ((s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1 + (s[j + 1] == '+' || s[j + 1] == '-');
        if (isdigit((unsigned char)s[k])) {
            *real = 1;
            for (j = k; isdigit((unsigned char)s[j]);)
                j++;
        }
    }
    if (isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '.')
        return 0; /* part of a word, a version or an address */
    return j - i;
}

/* The place value of the last digit of a published number ("0.125" ->
 * 0.001, "1.5E-05" -> 1e-6). */
static double last_digit_unit(const char *s, size_t len)
{
    int decimals = 0, exponent = 0;
    size_t i = 0;
    while (i < len && s[i] != '.' && s[i] != 'e' && s[i] != 'E')
        i++;
    if (i < len && s[i] == '.')
        for (i++; i < len && isdigit((unsigned char)s[i]); i++)
            decimals++;
    if (i < len && (s[i] == 'e' || s[i] == 'E'))
        exponent = atoi(s + i + 1);
    return pow(10.0, exponent - decimals);
}

static int reals_match(const char *e, size_t elen, const char *g, size_t glen)
{
    char eb[64], gb[64];
    if (elen >= sizeof eb || glen >= sizeof gb)
        return 0;
    memcpy(eb, e, elen);
    eb[elen] = '\0';
    memcpy(gb, g, glen);
    gb[glen] = '\0';
    double a = strtod(eb, NULL), b = strtod(gb, NULL), d = fabs(a - b);
    if (a == b || d <= 1e-9 * fmax(fabs(a), fabs(b)))
        return 1;
    return O->conformance && (d < 1e-12 || d <= 0.5 * last_digit_unit(eb, elen) * (1 + 1e-9));
}

/* Whether got matches the expected text exp: equal, except that numbers
 * where either side is a real compare with a tolerance. */
static int text_match(const char *exp, const char *got)
{
    size_t i = 0, j = 0;
    while (exp[i] && got[j]) {
        int er, gr;
        size_t en = number_len(exp, i, &er), gn = number_len(got, j, &gr);
        if (en && gn) {
            int same = en == gn && memcmp(exp + i, got + j, en) == 0;
            if (!same && !((er || gr) && reals_match(exp + i, en, got + j, gn)))
                return 0;
            i += en;
            j += gn;
        } else if (exp[i] == got[j]) {
            i++;
            j++;
        } else {
            return 0;
        }
    }
    return exp[i] == got[j];
}

/* The top-level elements of the JSON array text s ("[...]"), or -1 when s
 * is not one. */
static int array_elements(const char *s, strv *out)
{
    size_t n = strlen(s);
    if (n < 2 || s[0] != '[' || s[n - 1] != ']')
        return -1;
    int depth = 0, in_str = 0;
    size_t start = 1;
    for (size_t i = 1; i < n - 1; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\' && i + 1 < n - 1)
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '[' || c == '{') {
            depth++;
        } else if (c == ']' || c == '}') {
            depth--;
        } else if (c == ',' && depth == 0) {
            strv_push(out, strndup(s + start, i - start));
            start = i + 1;
        }
    }
    if (n > 2)
        strv_push(out, strndup(s + start, n - 1 - start));
    return 0;
}

/* Whether two JSON arrays hold the same elements in any order. */
static int arrays_match_as_sets(const char *exp, const char *got)
{
    strv a = {0}, b = {0};
    int ok = array_elements(exp, &a) == 0 && array_elements(got, &b) == 0 && a.n == b.n;
    if (ok && a.n > 0) {
        qsort(a.v, (size_t)a.n, sizeof *a.v, cmp_str);
        qsort(b.v, (size_t)b.n, sizeof *b.v, cmp_str);
        for (int i = 0; ok && i < a.n; i++)
            ok = text_match(a.v[i], b.v[i]);
    }
    strv_free(&a);
    strv_free(&b);
    return ok;
}

static int cell_match(const char *exp, const char *got, int as_sets)
{
    return text_match(exp, got) || (as_sets && arrays_match_as_sets(exp, got));
}

/* Whether two TAB-separated rows match cell by cell. */
static int row_match(const char *exp, const char *got, int as_sets)
{
    if (strcmp(exp, got) == 0)
        return 1;
    char *e = xstrdup(exp), *g = xstrdup(got);
    char *es = e, *gs = g;
    int ok = 1;
    while (ok) {
        char *et = strchr(es, '\t'), *gt = strchr(gs, '\t');
        if (et)
            *et = '\0';
        if (gt)
            *gt = '\0';
        ok = cell_match(es, gs, as_sets) && !et == !gt;
        if (!et || !gt)
            break;
        es = et + 1;
        gs = gt + 1;
    }
    free(e);
    free(g);
    return ok;
}

/* --- results as text ------------------------------------------------------------ */

static char type_letter(int type)
{
    static const char letters[] = "?bilrsdtgy";
    return type >= 0 && type < (int)sizeof letters - 1 ? letters[type] : '?';
}

/* The canonical text of a result: the header line, then one line per row;
 * a row whose only value is empty is "(empty)". */
static void result_lines(hunt_result *r, strv *out)
{
    int ncol = hunt_result_columns(r);
    int64_t rows = hunt_result_rows(r);
    for (int64_t i = -1; i < rows; i++) {
        char *line = NULL;
        size_t size = 0;
        FILE *m = open_memstream(&line, &size);
        if (!m)
            exit(2);
        for (int c = 0; c < ncol; c++) {
            size_t len;
            const char *s = i < 0 ? hunt_result_column_name(r, c) : hunt_result_text(r, i, c, &len);
            if (i < 0)
                len = strlen(s);
            if (c)
                fputc('\t', m);
            fwrite(s, 1, len, m);
        }
        fclose(m);
        if (i >= 0 && ncol == 1 && line[0] == '\0') {
            free(line);
            line = xstrdup("(empty)");
        }
        strv_push(out, line);
    }
}

/* --- reporting ------------------------------------------------------------------- */

/* s shortened for a one-line report, TABs shown as " | ". */
static void show(FILE *out, const char *s)
{
    fputc('\'', out);
    for (int i = 0; s[i] && i < SHOW_MAX; i++) {
        if (s[i] == '\t')
            fputs(" | ", out);
        else if (s[i] == '\n')
            fputs("\\n", out);
        else
            fputc(s[i], out);
    }
    if (strlen(s) > SHOW_MAX)
        fputs("...", out);
    fputc('\'', out);
}

typedef struct run {
    const char *path;
    char **lines;
    const block *b;
    strv got;        /* the canonical result text, or the formatted error */
    int errored;     /* the query failed */
    char types[128]; /* the result's type letters */
} run;

static void fail_line(const run *x, const char *fmt, ...)
{
    va_list ap;
    const char *tag = x->b->doubtful && O->conformance ? "(doubtful) " : "";
    printf("%s:%d: %s", x->path, x->b->qline, tag);
    show(stdout, x->lines[x->b->qstart]);
    fputs(": ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

static void fail_rows(const run *x, const char *what, const char *exp, const char *got)
{
    fail_line(x, "%s: expected ", what);
    show(stdout, exp ? exp : "(nothing)");
    fputs(", got ", stdout);
    show(stdout, got ? got : "(nothing)");
    fputc('\n', stdout);
}

/* --- checking one block -------------------------------------------------------------- */

/* The type letters of r's columns. */
static void result_types(hunt_result *r, char *out, size_t size)
{
    int ncol = hunt_result_columns(r), n = 0;
    for (int c = 0; c < ncol && n < (int)size - 1; c++)
        out[n++] = type_letter(hunt_result_column_type(r, c));
    out[n] = '\0';
}

static int check_types(const run *x, hunt_result *r)
{
    char got[128];
    result_types(r, got, sizeof got);
    if (!x->b->types[0] || strcmp(x->b->types, got) == 0)
        return 1;
    fail_rows(x, "column types", x->b->types, got);
    return 0;
}

/* rowsort: the rows of e and g as multisets. */
static int rows_match_unordered(char **e, char **g, int n, int as_sets, int *bad)
{
    qsort(e, (size_t)n, sizeof *e, cmp_str);
    qsort(g, (size_t)n, sizeof *g, cmp_str);
    int i = 0;
    while (i < n && row_match(e[i], g[i], as_sets))
        i++;
    *bad = i;
    if (i == n)
        return 1;
    if (n > GREEDY_MAX)
        return 0;
    char *used = calloc((size_t)n, 1);
    int ok = used != NULL;
    for (int k = 0; ok && k < n; k++) {
        int j = 0;
        while (j < n && (used[j] || !row_match(e[k], g[j], as_sets)))
            j++;
        if (j == n)
            ok = 0;
        else
            used[j] = 1;
    }
    free(used);
    return ok;
}

static int rows_match(int kind, char **e, char **g, int n, int as_sets, int *bad)
{
    if (kind == K_ROWSORT)
        return rows_match_unordered(e, g, n, as_sets, bad);
    for (*bad = 0; *bad < n; (*bad)++)
        if (!row_match(e[*bad], g[*bad], as_sets))
            return 0;
    return 1;
}

/* Compares the expected lines with x->got (header first). */
static int check_rows(const run *x)
{
    char **exp = x->lines + x->b->estart;
    int ne = x->b->eend - x->b->estart, ng = x->got.n;
    if (ne == 0 || strcmp(exp[0], x->got.v[0]) != 0) {
        fail_rows(x, "header", ne ? exp[0] : NULL, x->got.v[0]);
        return 0;
    }
    if (ne != ng) {
        char buf[64];
        snprintf(buf, sizeof buf, "%d rows instead of %d, first row", ng - 1, ne - 1);
        fail_rows(x, buf, ne > 1 ? exp[1] : NULL, ng > 1 ? x->got.v[1] : NULL);
        return 0;
    }
    int n = ne - 1, bad = 0;
    char **e = xmalloc((size_t)n * sizeof *e), **g = xmalloc((size_t)n * sizeof *g);
    memcpy(e, exp + 1, (size_t)n * sizeof *e);
    memcpy(g, x->got.v + 1, (size_t)n * sizeof *g);
    int ok = rows_match(x->b->kind, e, g, n, 0, &bad) || rows_match(x->b->kind, e, g, n, 1, &bad);
    if (!ok) {
        char buf[32];
        snprintf(buf, sizeof buf, "row %d", bad + 1);
        fail_rows(x, buf, e[bad < n ? bad : 0], g[bad < n ? bad : 0]);
    }
    free(e);
    free(g);
    return ok;
}

static int check_error(const run *x, const hunt_error *err)
{
    if (!x->errored) {
        char buf[64];
        snprintf(buf, sizeof buf, "expected an error, got %d rows\n", x->got.n - 1);
        fail_line(x, "%s", buf);
        return 0;
    }
    if (O->conformance)
        return 1;
    char *exp = join_lines(x->lines, x->b->estart, x->b->eend);
    char *text = join_lines(x->got.v, 0, x->got.n);
    int ok = *exp && (strstr(text, exp) || strstr(err->message, exp));
    if (!ok)
        fail_rows(x, "error", exp, text);
    free(exp);
    free(text);
    return ok;
}

/* Runs block b's query; fills x->got. Returns the hunt_query code. */
static int run_query(hunt_db *db, run *x, hunt_error *err, hunt_result **res)
{
    char *q = join_lines(x->lines, x->b->qstart, x->b->qend);
    size_t len = strlen(q);
    memset(err, 0, sizeof *err);
    alarm_db = db;
    alarm(BLOCK_TIMEOUT);
    int rc = hunt_query(db, q, len, HUNT_RUN, res, err);
    alarm(0);
    alarm_db = NULL;
    x->errored = rc != HUNT_OK;
    if (x->errored) {
        char *f = hunt_error_format(err, q, len);
        strv lines = {0};
        char *save = NULL;
        char *t = strtok_r(f ? f : err->message, "\n", &save);
        for (; t; t = strtok_r(NULL, "\n", &save))
            strv_push(&lines, xstrdup(t));
        x->got = lines;
        hunt_free(f);
    } else if (*res) {
        result_lines(*res, &x->got);
    } else {
        strv_push(&x->got, xstrdup(""));
    }
    free(q);
    return rc;
}

/* Runs and checks one block; returns 1 when it passed. */
static int check_block(hunt_db *db, run *x)
{
    hunt_error err;
    hunt_result *res = NULL;
    run_query(db, x, &err, &res);
    int ok;
    if (x->b->kind == K_ERROR) {
        ok = check_error(x, &err);
    } else if (x->errored) {
        fail_line(x, "error: ");
        show(stdout, x->got.n ? x->got.v[0] : err.message);
        fputc('\n', stdout);
        ok = 0;
    } else {
        ok = (!res || check_types(x, res)) && check_rows(x);
    }
    if (res)
        result_types(res, x->types, sizeof x->types);
    hunt_result_free(res);
    return ok;
}

/* --- one file ---------------------------------------------------------------------- */

typedef struct file_state {
    const char *path;
    strv lines;
    hunt_db *db;
    int doubtful; /* a "# doubtful" comment since the last block */
    edit *edits;
    int nedits;
    int updatable;
} file_state;

static void file_problem(file_state *fs, int line, const char *msg, const char *detail)
{
    printf("%s:%d: %s%s%s\n", fs->path, line, msg, detail ? ": " : "", detail ? detail : "");
    C.failed++;
}

static int parse_kind(const char *line, block *b)
{
    char w1[128] = "", w2[128] = "";
    int n = sscanf(line, "query %127s %127s", w1, w2);
    const char *mode = n == 2 ? w2 : w1;
    b->types[0] = '\0';
    if (n == 2)
        snprintf(b->types, sizeof b->types, "%s", w1);
    if (strcmp(mode, "rowsort") == 0)
        b->kind = K_ROWSORT;
    else if (strcmp(mode, "ordered") == 0)
        b->kind = K_ORDERED;
    else if (strcmp(mode, "error") == 0)
        b->kind = K_ERROR;
    else
        return -1;
    return n >= 1 ? 0 : -1;
}

/* Parses the block starting at line index i; returns the index after it,
 * or -1 with a reported problem. */
static int parse_block(file_state *fs, int i, block *b)
{
    char **l = fs->lines.v;
    int n = fs->lines.n;
    memset(b, 0, sizeof *b);
    b->qline = i + 1;
    b->doubtful = fs->doubtful;
    if (parse_kind(l[i], b) < 0) {
        file_problem(fs, i + 1, "bad query line (want: query [TYPES] rowsort|ordered|error)", NULL);
        return -1;
    }
    b->qstart = ++i;
    while (i < n && strcmp(l[i], "----") != 0 && l[i][0] != '\0')
        i++;
    if (i >= n || l[i][0] == '\0' || i == b->qstart) {
        file_problem(fs, b->qline, "block without query text or '----' line", NULL);
        return -1;
    }
    b->qend = i;
    b->estart = ++i;
    while (i < n && l[i][0] != '\0')
        i++;
    b->eend = i;
    return i;
}

static int selected(const block *b)
{
    return !O->only_file || b->qline == O->only_line;
}

/* The replacement for a failing block's expected part (UPDATE=1). */
static void add_edit(file_state *fs, int start, int end, strv lines)
{
    edit *e = realloc(fs->edits, (size_t)(fs->nedits + 1) * sizeof *e);
    if (!e) {
        strv_free(&lines);
        return;
    }
    fs->edits = e;
    fs->edits[fs->nedits++] = (edit){start, end, lines};
}

static void plan_update(file_state *fs, const block *b, run *x)
{
    static const char *const modes[] = {"rowsort", "ordered", "error"};
    if (!fs->updatable || x->errored != (b->kind == K_ERROR))
        return;
    if (b->types[0] && strcmp(b->types, x->types) != 0) {
        strv q = {0};
        size_t n = strlen(x->types) + 32;
        char *line = xmalloc(n);
        snprintf(line, n, "query %s %s", x->types, modes[b->kind]);
        strv_push(&q, line);
        add_edit(fs, b->qline - 1, b->qline, q);
    }
    add_edit(fs, b->estart, b->eend, x->got);
    x->got = (strv){0};
}

static void record(file_state *fs, const block *b, int ok, run *x)
{
    if (ok) {
        C.passed++;
        if (O->list_pass)
            printf("%s:%d\n", fs->path, b->qline);
        return;
    }
    if (O->conformance && b->doubtful)
        C.skipped++;
    else
        C.failed++;
    if (O->update)
        plan_update(fs, b, x);
}

static void do_block(file_state *fs, const block *b)
{
    run x = {fs->path, fs->lines.v, b, {0}, 0, ""};
    if (!selected(b))
        return;
    int ok = check_block(fs->db, &x);
    record(fs, b, ok, &x);
    strv_free(&x.got);
}

/* `load TABLE PATH` and `now DATETIME` lines. */
static void directive(file_state *fs, int i)
{
    const char *line = fs->lines.v[i];
    char table[256], path[4096];
    if (sscanf(line, "load %255s %4095s", table, path) == 2) {
        hunt_load_stats st;
        hunt_error err;
        memset(&err, 0, sizeof err);
        if (hunt_load_file(fs->db, table, path, &st, &err) != HUNT_OK)
            file_problem(fs, i + 1, "load failed", err.message);
        return;
    }
    if (strncmp(line, "now ", 4) == 0) {
        int64_t ticks;
        if (repl_parse_datetime(line + 4, &ticks) == 0)
            hunt_set_now(fs->db, ticks);
        else
            file_problem(fs, i + 1, "bad now line (want ISO 8601)", line + 4);
        return;
    }
    file_problem(fs, i + 1, "unrecognized line outside a block", line);
}

static void walk_file(file_state *fs)
{
    char **l = fs->lines.v;
    for (int i = 0; i < fs->lines.n;) {
        if (l[i][0] == '#') {
            fs->doubtful |= strncmp(l[i], "# doubtful", 10) == 0;
            i++;
        } else if (l[i][0] == '\0') {
            i++;
        } else if (strncmp(l[i], "query", 5) == 0 && (l[i][5] == ' ' || !l[i][5])) {
            block b;
            int next = parse_block(fs, i, &b);
            if (next < 0) {
                while (i < fs->lines.n && l[i][0] != '\0')
                    i++;
            } else {
                do_block(fs, &b);
                i = next;
            }
            fs->doubtful = 0;
        } else {
            directive(fs, i);
            i++;
        }
    }
}

/* --- UPDATE=1 ------------------------------------------------------------------------- */

static int under_tests(const char *path)
{
    char full[PATH_MAX], tests[PATH_MAX];
    if (!realpath(path, full) || !realpath("tests", tests))
        return 0;
    size_t n = strlen(tests);
    return strncmp(full, tests, n) == 0 && full[n] == '/';
}

/* Writes lines [from, to) of the file, applying the edits that start there. */
static void write_lines(FILE *f, file_state *fs, int *e)
{
    for (int i = 0; i <= fs->lines.n; i++) {
        while (*e < fs->nedits && i == fs->edits[*e].start) {
            for (int k = 0; k < fs->edits[*e].lines.n; k++)
                fprintf(f, "%s\n", fs->edits[*e].lines.v[k]);
            i = fs->edits[(*e)++].end;
        }
        if (i < fs->lines.n)
            fprintf(f, "%s\n", fs->lines.v[i]);
    }
}

static void write_updates(file_state *fs)
{
    if (fs->nedits == 0)
        return;
    size_t n = strlen(fs->path) + 16;
    char *tmp = xmalloc(n);
    snprintf(tmp, n, "%s.update", fs->path);
    FILE *f = fopen(tmp, "w");
    int e = 0;
    if (f)
        write_lines(f, fs, &e);
    if (!f || fclose(f) != 0 || rename(tmp, fs->path) != 0)
        fprintf(stderr, "golden: cannot update %s\n", fs->path);
    else
        fprintf(stderr, "golden: updated %d block(s) in %s\n", fs->nedits, fs->path);
    free(tmp);
}

/* Whether path is the file --only names (the same path, or ending in /NAME). */
static int only_file_matches(const char *path)
{
    if (!O->only_file)
        return 1;
    size_t n = strlen(path), k = strlen(O->only_file);
    return strcmp(path, O->only_file) == 0 ||
           (n > k && strcmp(path + n - k, O->only_file) == 0 && path[n - k - 1] == '/');
}

static void run_file(const char *path)
{
    file_state fs = {path, {0}, NULL, 0, NULL, 0, 0};
    if (!only_file_matches(path))
        return;
    if (read_lines(path, &fs.lines) < 0) {
        printf("%s:0: cannot read the file\n", path);
        C.failed++;
        return;
    }
    fs.updatable = O->update && under_tests(path);
    if (O->update && !fs.updatable)
        fprintf(stderr, "golden: not updating %s (outside tests/)\n", path);
    if (hunt_open(&fs.db) != HUNT_OK) {
        file_problem(&fs, 0, "hunt_open failed", NULL);
    } else {
        walk_file(&fs);
        hunt_close(fs.db);
        write_updates(&fs);
    }
    for (int i = 0; i < fs.nedits; i++)
        strv_free(&fs.edits[i].lines);
    free(fs.edits);
    strv_free(&fs.lines);
}

/* --- main ------------------------------------------------------------------------------ */

static int usage(void)
{
    fputs("usage: golden [--conformance] [--list-pass] [--only FILE:LINE] PATH...\n"
          "Runs .test files (or directories of them); UPDATE=1 rewrites failing blocks.\n",
          stderr);
    return 2;
}

static int parse_only(opts *o, const char *arg)
{
    const char *colon = strrchr(arg, ':');
    if (!colon || colon == arg || atoi(colon + 1) <= 0)
        return -1;
    o->only_file = strndup(arg, (size_t)(colon - arg));
    o->only_line = atoi(colon + 1);
    return 0;
}

int main(int argc, char **argv)
{
    static opts o;
    strv paths = {0}, files = {0};
    const char *upd = getenv("UPDATE");
    o.update = upd && strcmp(upd, "1") == 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--conformance") == 0)
            o.conformance = 1;
        else if (strcmp(argv[i], "--list-pass") == 0)
            o.list_pass = 1;
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc && parse_only(&o, argv[i + 1]) == 0)
            i++;
        else if (argv[i][0] == '-')
            return usage();
        else
            strv_push(&paths, xstrdup(argv[i]));
    }
    if (paths.n == 0)
        return usage();
    O = &o;
    signal(SIGALRM, on_alarm);
    for (int i = 0; i < paths.n; i++)
        collect(paths.v[i], &files);
    for (int i = 0; i < files.n; i++)
        run_file(files.v[i]);
    if (C.skipped)
        printf("%d passed, %d failed, %d skipped\n", C.passed, C.failed, C.skipped);
    else
        printf("%d passed, %d failed\n", C.passed, C.failed);
    strv_free(&paths);
    strv_free(&files);
    free((char *)o.only_file);
    return C.failed ? 1 : 0;
}
