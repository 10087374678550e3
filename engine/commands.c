/* engine/commands.c — schemas the user declares, stored functions and
 * watchlists (engine/commands.h; user documentation in README.md, "Table schemas").
 *
 * Control commands. KQL scripts may declare tables and functions with
 * Kusto's control commands; the grammar has no rules for them, so cmd_apply
 * finds them first: it walks the script with a small scanner that knows
 * KQL's strings and comments, and a statement that begins with '.' and a
 * letter is a command. Each is parsed here, applied to the catalog, and its
 * text replaced by spaces (newlines kept) so that positions in the rest of
 * the script do not move. Supported:
 *   .create table T (Col:type, ...) [with (...)]       (also .create tables A (...), B (...))
 *   .create-merge table / .alter table / .alter-merge table / .create-or-alter table
 *   .drop table T [ifexists]
 *   .create function / .create-or-alter function / .alter function
 *       [ifnotexists] [with (k = v, ...)] F(params) { body }
 *   .drop function F [ifexists]
 * Anything else starting with '.' is "not supported".
 *
 * Schema files are JSON in one of these layouts:
 *   {"T": {"Col": "type", ...}, ...}
 *   {"T": [{"name": "Col", "type": "type"}, ...], ...}   (Name/Type, ColumnName/ColumnType too)
 *   {"table": "T", "columns": [{"name": .., "type": ..}]}  or an array of those
 * Type names are KQL's, or the .NET / Log Analytics ones (String, Int64,
 * Int32, Double, Boolean, DateTime, TimeSpan, Guid, Object, Dynamic, ...).
 *
 * Watchlists. _GetWatchlist('alias') in Microsoft Sentinel returns the
 * watchlist's items with the columns _DTItemId, LastUpdatedTimeUTC and
 * SearchKey, then every column of the uploaded list (as strings, since the
 * items are stored as a bag of strings and unpacked). hunt_load_watchlist
 * loads a CSV/TSV (header line) or JSON (objects) file into a table of that
 * shape; SearchKey is the value of the search-key column (the first column
 * unless named), _DTItemId the item's number, LastUpdatedTimeUTC the load
 * time.
 */
#include "commands.h"

#include "../ingest/formats.h"
#include "../tables/asim.h"
#include "db.h"

#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

/* --- types --------------------------------------------------------------------- */

htype cmd_type_from_name(const char *s, size_t n)
{
    htype t = ht_from_name(s, n);
    if (t != HT_UNKNOWN)
        return t;
    static const struct {
        const char *name;
        htype t;
    } more[] = {
        {"string", HT_STRING},
        {"system.string", HT_STRING},
        {"int32", HT_INT},
        {"system.int32", HT_INT},
        {"int64", HT_LONG},
        {"system.int64", HT_LONG},
        {"int", HT_INT},
        {"long", HT_LONG},
        {"real", HT_REAL},
        {"double", HT_REAL},
        {"system.double", HT_REAL},
        {"single", HT_REAL},
        {"float", HT_REAL},
        {"decimal", HT_REAL},
        {"system.decimal", HT_REAL},
        {"sqldecimal", HT_REAL},
        {"bool", HT_BOOL},
        {"boolean", HT_BOOL},
        {"system.boolean", HT_BOOL},
        {"sbyte", HT_BOOL},
        {"datetime", HT_DATETIME},
        {"date", HT_DATETIME},
        {"system.datetime", HT_DATETIME},
        {"timespan", HT_TIMESPAN},
        {"time", HT_TIMESPAN},
        {"system.timespan", HT_TIMESPAN},
        {"guid", HT_GUID},
        {"uniqueid", HT_GUID},
        {"system.guid", HT_GUID},
        {"dynamic", HT_DYNAMIC},
        {"object", HT_DYNAMIC},
        {"system.object", HT_DYNAMIC},
    };
    char low[32];
    if (n == 0 || n >= sizeof low)
        return HT_UNKNOWN;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[n] = 0;
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        if (!strcmp(low, more[i].name))
            return more[i].t;
    return HT_UNKNOWN;
}

/* --- catalog edits --------------------------------------------------------------- */

static void catalog_drop(hcatalog *c, htable *t)
{
    int k = 0;
    for (int i = 0; i < c->n; i++) {
        if (c->tables[i] == t)
            continue;
        c->tables[k++] = c->tables[i];
    }
    if (k < c->n)
        table_free(t);
    c->n = k;
}

static bool schema_same(const hschema *a, const hschema *b)
{
    if (a->ncols != b->ncols)
        return false;
    for (int i = 0; i < a->ncols; i++)
        if (strcmp(a->names[i], b->names[i]) || a->types[i] != b->types[i])
            return false;
    return true;
}

int cmd_define_table(hcatalog *c, const char *name, const hschema *s, bool merge, char *msg,
                     size_t cap)
{
    if (!name[0] || strchr(name, ':')) {
        snprintf(msg, cap, "invalid table name '%s'", name);
        return -1;
    }
    for (int i = 0; i < s->ncols; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(s->names[i], s->names[j])) {
                snprintf(msg, cap, "table '%s': column '%s' is declared twice", name, s->names[i]);
                return -1;
            }
    htable *t = catalog_find(c, name, strlen(name));
    if (!t) {
        catalog_create(c, name, s);
        return 0;
    }
    if (merge) {
        for (int i = 0; i < s->ncols; i++) {
            int at = schema_find(&t->schema, s->names[i], strlen(s->names[i]));
            if (at >= 0 && t->schema.types[at] != s->types[i]) {
                snprintf(msg, cap, "table '%s': column '%s' is %s, not %s", name, s->names[i],
                         ht_name(t->schema.types[at]), ht_name(s->types[i]));
                return -1;
            }
        }
        for (int i = 0; i < s->ncols; i++)
            if (schema_find(&t->schema, s->names[i], strlen(s->names[i])) < 0)
                table_add_column(t, s->names[i], s->types[i]);
        return 0;
    }
    if (schema_same(&t->schema, s))
        return 0;
    if (t->nrows > 0) {
        snprintf(msg, cap,
                 "table '%s' already holds rows with another schema (use .create-merge to add "
                 "columns)",
                 name);
        return -1;
    }
    catalog_drop(c, t);
    catalog_create(c, name, s);
    return 0;
}

static htable *find_prefixed(const hcatalog *c, const char *prefix, const char *name, size_t n)
{
    char buf[300];
    size_t pn = strlen(prefix);
    if (pn + n >= sizeof buf)
        return NULL;
    memcpy(buf, prefix, pn);
    memcpy(buf + pn, name, n);
    return catalog_find(c, buf, pn + n);
}

const char *cmd_function_text(const hcatalog *c, const char *name, size_t n)
{
    htable *t = find_prefixed(c, CMD_FN_PREFIX, name, n);
    if (!t) /* none stored: a built-in ASIM parser (tables/asim.c) or nothing */
        return asim_function_text(name, n);
    if (t->next < 1 || t->ext[0]->nrows < 1 || t->schema.ncols < 1 ||
        t->schema.types[0] != HT_STRING)
        return NULL;
    return col_str(&t->ext[0]->cols[0], 0).p;
}

htable *cmd_watchlist(const hcatalog *c, const char *name, size_t n)
{
    return find_prefixed(c, CMD_WL_PREFIX, name, n);
}

/* Stores text (NUL-terminated in the table: the cell holds a trailing 0). */
static void define_function(hcatalog *c, const char *name, size_t n, const char *text, size_t tn)
{
    char buf[300];
    snprintf(buf, sizeof buf, "%s%.*s", CMD_FN_PREFIX, (int)n, name);
    htable *old = catalog_find(c, buf, strlen(buf));
    if (old)
        catalog_drop(c, old);
    hschema s;
    schema_init(&s);
    schema_add(&s, "Text", HT_STRING);
    htable *t = catalog_create(c, buf, &s);
    schema_free(&s);
    tbuild *b = tbuild_new(t);
    char *z = malloc(tn + 1);
    if (!z)
        abort();
    memcpy(z, text, tn);
    z[tn] = 0;
    tbuild_str(b, 0, z, tn + 1);
    free(z);
    tbuild_end_row(b);
    tbuild_finish(b);
}

/* --- a scanner over KQL text --------------------------------------------------------- */

typedef struct scan {
    const char *s;
    size_t n, i;
} scan;

/* Skips a string literal starting at i (which is at a quote, '@' or 'h'
 * prefix, or ``` fence); returns false when i is not at one. */
static bool skip_string(scan *z)
{
    const char *s = z->s;
    size_t n = z->n, i = z->i;
    if (i + 2 < n && (s[i] == '`' || s[i] == '~') && s[i + 1] == s[i] && s[i + 2] == s[i]) {
        char f = s[i];
        for (i += 3; i + 2 < n; i++)
            if (s[i] == f && s[i + 1] == f && s[i + 2] == f) {
                z->i = i + 3;
                return true;
            }
        z->i = n;
        return true;
    }
    bool verbatim = false;
    if ((s[i] == 'h' || s[i] == 'H') && i + 1 < n &&
        (s[i + 1] == '"' || s[i + 1] == '\'' || s[i + 1] == '@'))
        i++;
    if (s[i] == '@' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\'')) {
        verbatim = true;
        i++;
    }
    if (s[i] != '"' && s[i] != '\'')
        return false;
    char q = s[i++];
    while (i < n) {
        if (!verbatim && s[i] == '\\' && i + 1 < n) {
            i += 2;
            continue;
        }
        if (s[i] == q) {
            if (verbatim && i + 1 < n && s[i + 1] == q) {
                i += 2;
                continue;
            }
            i++;
            break;
        }
        if (s[i] == '\n' && !verbatim)
            break;
        i++;
    }
    z->i = i;
    return true;
}

/* Skips blanks and // comments. */
static void skip_blank(scan *z)
{
    while (z->i < z->n) {
        char ch = z->s[z->i];
        if (isspace((unsigned char)ch)) {
            z->i++;
        } else if (ch == '/' && z->i + 1 < z->n && z->s[z->i + 1] == '/') {
            while (z->i < z->n && z->s[z->i] != '\n')
                z->i++;
        } else {
            break;
        }
    }
}

static bool is_word(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_' || ch == '-';
}

/* A word at i (letters, digits, '_', '-'); its length (0 when none). */
static size_t word_at(const scan *z, size_t i)
{
    size_t k = i;
    while (k < z->n && is_word(z->s[k]))
        k++;
    return k - i;
}

static bool word_is(const scan *z, size_t len, const char *w)
{
    return strlen(w) == len && strncasecmp(z->s + z->i, w, len) == 0;
}

/* A name: an identifier or ['x'] / ["x"]. Copied (NUL-terminated) to out. */
static bool read_name(scan *z, char *out, size_t cap)
{
    skip_blank(z);
    if (z->i + 1 < z->n && z->s[z->i] == '[' && (z->s[z->i + 1] == '\'' || z->s[z->i + 1] == '"')) {
        char q = z->s[z->i + 1];
        size_t k = z->i + 2;
        while (k < z->n && z->s[k] != q && z->s[k] != '\n')
            k++;
        if (k + 1 >= z->n || z->s[k] != q || z->s[k + 1] != ']' || k - (z->i + 2) >= cap ||
            k == z->i + 2)
            return false;
        snprintf(out, cap, "%.*s", (int)(k - (z->i + 2)), z->s + z->i + 2);
        z->i = k + 2;
        return true;
    }
    size_t k = z->i;
    if (k >= z->n || !(isalpha((unsigned char)z->s[k]) || z->s[k] == '_' || z->s[k] == '$'))
        return false;
    while (k < z->n && (isalnum((unsigned char)z->s[k]) || z->s[k] == '_' || z->s[k] == '$'))
        k++;
    if (k - z->i >= cap)
        return false;
    snprintf(out, cap, "%.*s", (int)(k - z->i), z->s + z->i);
    z->i = k;
    return true;
}

/* Moves past the bracket that closes the one at i (strings and comments
 * inside skipped). False when it is never closed. */
static bool skip_group(scan *z)
{
    char stack[256];
    int depth = 0;
    while (z->i < z->n) {
        char ch = z->s[z->i];
        size_t at = z->i;
        if (skip_string(z)) {
            if (z->i == at)
                z->i++;
            continue;
        }
        if (ch == '/' && z->i + 1 < z->n && z->s[z->i + 1] == '/') {
            skip_blank(z);
            continue;
        }
        z->i++;
        if (ch == '(' || ch == '[' || ch == '{') {
            if (depth == (int)sizeof stack)
                return false;
            stack[depth++] = ch == '(' ? ')' : ch == '[' ? ']' : '}';
        } else if (ch == ')' || ch == ']' || ch == '}') {
            if (depth == 0 || stack[depth - 1] != ch)
                return false;
            if (--depth == 0)
                return true;
        }
    }
    return false;
}

/* --- commands -------------------------------------------------------------------------- */

typedef struct cmdctx {
    hcatalog *c;
    bool apply;
    hunt_error *err;
    scan z;
} cmdctx;

static int cmd_fail(cmdctx *x, int code, size_t off, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int cmd_fail(cmdctx *x, int code, size_t off, size_t len, const char *fmt, ...)
{
    if (x->err) {
        va_list ap;
        va_start(ap, fmt);
        x->err->code = code;
        vsnprintf(x->err->message, sizeof x->err->message, fmt, ap);
        va_end(ap);
        x->err->offset = (int)off;
        x->err->length = (int)(len ? len : 1);
        x->err->line = x->err->column = 0;
    }
    return -1;
}

/* `with (...)`, if there. */
static bool skip_with(cmdctx *x)
{
    scan save = x->z;
    skip_blank(&x->z);
    size_t w = word_at(&x->z, x->z.i);
    if (!word_is(&x->z, w, "with")) {
        x->z = save;
        return true;
    }
    x->z.i += w;
    skip_blank(&x->z);
    if (x->z.i >= x->z.n || x->z.s[x->z.i] != '(')
        return false;
    return skip_group(&x->z);
}

/* T (Col:type, ...) */
static int table_decl(cmdctx *x, bool merge)
{
    char name[256];
    size_t at = x->z.i;
    skip_blank(&x->z);
    at = x->z.i;
    if (!read_name(&x->z, name, sizeof name))
        return cmd_fail(x, HUNT_ESYNTAX, at, 1, "a table name is expected here");
    skip_blank(&x->z);
    if (x->z.i >= x->z.n || x->z.s[x->z.i] != '(')
        return cmd_fail(x, HUNT_ESYNTAX, x->z.i, 1,
                        "'(' and the columns of table '%s' are expected here", name);
    x->z.i++;
    hschema s;
    schema_init(&s);
    for (;;) {
        char col[256];
        skip_blank(&x->z);
        if (x->z.i < x->z.n && x->z.s[x->z.i] == ')' && s.ncols == 0) {
            x->z.i++;
            break;
        }
        size_t cat = x->z.i;
        if (!read_name(&x->z, col, sizeof col)) {
            schema_free(&s);
            return cmd_fail(x, HUNT_ESYNTAX, cat, 1, "a column name is expected here");
        }
        skip_blank(&x->z);
        if (x->z.i >= x->z.n || x->z.s[x->z.i] != ':') {
            schema_free(&s);
            return cmd_fail(x, HUNT_ESYNTAX, x->z.i, 1,
                            "':' and the type of column '%s' are expected here", col);
        }
        x->z.i++;
        skip_blank(&x->z);
        size_t tat = x->z.i, tl = word_at(&x->z, tat);
        htype t = cmd_type_from_name(x->z.s + tat, tl);
        if (t == HT_UNKNOWN) {
            schema_free(&s);
            return cmd_fail(x, HUNT_ESEMANTIC, tat, tl, "unknown type '%.*s' of column '%s'",
                            (int)tl, x->z.s + tat, col);
        }
        x->z.i += tl;
        schema_add(&s, col, t);
        skip_blank(&x->z);
        if (x->z.i < x->z.n && x->z.s[x->z.i] == ',') {
            x->z.i++;
            continue;
        }
        if (x->z.i < x->z.n && x->z.s[x->z.i] == ')') {
            x->z.i++;
            break;
        }
        schema_free(&s);
        return cmd_fail(x, HUNT_ESYNTAX, x->z.i, 1, "',' or ')' is expected here");
    }
    if (!skip_with(x)) {
        schema_free(&s);
        return cmd_fail(x, HUNT_ESYNTAX, x->z.i, 1, "a 'with (...)' property list is not closed");
    }
    char msg[400];
    int rc = 0;
    if (x->apply && cmd_define_table(x->c, name, &s, merge, msg, sizeof msg) < 0)
        rc = cmd_fail(x, HUNT_ESEMANTIC, at, strlen(name), "%s", msg);
    schema_free(&s);
    return rc;
}

/* [ifnotexists] [with (...)] F(params) { body } */
static int function_decl(cmdctx *x, bool replace)
{
    skip_blank(&x->z);
    size_t w = word_at(&x->z, x->z.i);
    bool ifnotexists = false;
    if (word_is(&x->z, w, "ifnotexists")) {
        ifnotexists = true;
        x->z.i += w;
    }
    if (!skip_with(x))
        return cmd_fail(x, HUNT_ESYNTAX, x->z.i, 1, "a 'with (...)' property list is not closed");
    char name[256];
    skip_blank(&x->z);
    size_t at = x->z.i;
    if (!read_name(&x->z, name, sizeof name))
        return cmd_fail(x, HUNT_ESYNTAX, at, 1, "a function name is expected here");
    skip_blank(&x->z);
    size_t start = x->z.i;
    if (x->z.i >= x->z.n || x->z.s[x->z.i] != '(' || !skip_group(&x->z))
        return cmd_fail(x, HUNT_ESYNTAX, start, 1,
                        "the parameters of function '%s' are expected here: (...)", name);
    skip_blank(&x->z);
    if (x->z.i >= x->z.n || x->z.s[x->z.i] != '{' || !skip_group(&x->z))
        return cmd_fail(x, HUNT_ESYNTAX, x->z.i, 1,
                        "the body of function '%s' is expected here: { ... }", name);
    if (!x->apply)
        return 0;
    bool exists = find_prefixed(x->c, CMD_FN_PREFIX, name, strlen(name)) != NULL;
    if (exists && ifnotexists)
        return 0;
    if (exists && !replace)
        return cmd_fail(x, HUNT_ESEMANTIC, at, strlen(name),
                        "function '%s' already exists (use .create-or-alter function)", name);
    if (catalog_find(x->c, name, strlen(name)))
        return cmd_fail(x, HUNT_ESEMANTIC, at, strlen(name), "'%s' is already the name of a table",
                        name);
    define_function(x->c, name, strlen(name), x->z.s + start, x->z.i - start);
    return 0;
}

static int drop_decl(cmdctx *x, bool function)
{
    char name[256];
    skip_blank(&x->z);
    size_t at = x->z.i;
    if (!read_name(&x->z, name, sizeof name))
        return cmd_fail(x, HUNT_ESYNTAX, at, 1, "a name is expected here");
    scan save = x->z;
    skip_blank(&x->z);
    size_t w = word_at(&x->z, x->z.i);
    bool ifexists = word_is(&x->z, w, "ifexists");
    if (ifexists)
        x->z.i += w;
    else
        x->z = save;
    if (!x->apply)
        return 0;
    htable *t = function ? find_prefixed(x->c, CMD_FN_PREFIX, name, strlen(name))
                         : catalog_find(x->c, name, strlen(name));
    if (!t) {
        if (ifexists)
            return 0;
        return cmd_fail(x, HUNT_ESEMANTIC, at, strlen(name), "unknown %s '%s'",
                        function ? "function" : "table", name);
    }
    catalog_drop(x->c, t);
    return 0;
}

/* One command at z.i ('.'); leaves z.i after it. */
static int one_command(cmdctx *x)
{
    size_t start = x->z.i;
    x->z.i++;
    size_t vl = word_at(&x->z, x->z.i);
    char verb[40];
    snprintf(verb, sizeof verb, "%.*s", (int)(vl < sizeof verb ? vl : sizeof verb - 1),
             x->z.s + x->z.i);
    x->z.i += vl;
    skip_blank(&x->z);
    size_t ol = word_at(&x->z, x->z.i);
    char obj[40];
    snprintf(obj, sizeof obj, "%.*s", (int)(ol < sizeof obj ? ol : sizeof obj - 1),
             x->z.s + x->z.i);
    bool create = !strcasecmp(verb, "create"), create_merge = !strcasecmp(verb, "create-merge"),
         alter = !strcasecmp(verb, "alter"), alter_merge = !strcasecmp(verb, "alter-merge"),
         create_or_alter = !strcasecmp(verb, "create-or-alter"), drop = !strcasecmp(verb, "drop");
    if (!strcasecmp(obj, "table") || !strcasecmp(obj, "tables")) {
        if (!(create || create_merge || alter || alter_merge || create_or_alter || drop))
            goto unsupported;
        x->z.i += ol;
        if (drop)
            return drop_decl(x, false);
        bool many = !strcasecmp(obj, "tables");
        for (;;) {
            if (table_decl(x, create_merge || alter_merge) < 0)
                return -1;
            scan save = x->z;
            skip_blank(&x->z);
            if (many && x->z.i < x->z.n && x->z.s[x->z.i] == ',') {
                x->z.i++;
                continue;
            }
            x->z = save;
            return 0;
        }
    }
    if (!strcasecmp(obj, "function")) {
        if (!(create || alter || create_or_alter || drop))
            goto unsupported;
        x->z.i += ol;
        if (drop)
            return drop_decl(x, true);
        return function_decl(x, alter || create_or_alter);
    }
unsupported:
    return cmd_fail(x, HUNT_EUNSUPPORTED, start, 1 + vl, "command '.%s%s%s' is not supported yet",
                    verb, obj[0] ? " " : "", obj);
}

int cmd_apply(hcatalog *c, harena *a, const char **src, size_t len, int flags, bool *only_commands,
              hunt_error *err)
{
    *only_commands = false;
    const char *s = *src;
    /* quick exit: no '.' that could start a statement */
    if (!memchr(s, '.', len))
        return 0;
    cmdctx x = {c, !(flags & HUNT_PARSE_ONLY), err, {s, len, 0}};
    char *copy = NULL;
    bool stmt_start = true, other = false;
    int depth = 0;
    while (x.z.i < len) {
        if (stmt_start) {
            skip_blank(&x.z);
            if (x.z.i >= len)
                break;
            if (s[x.z.i] == '.' && x.z.i + 1 < len && isalpha((unsigned char)s[x.z.i + 1])) {
                size_t from = x.z.i;
                if (one_command(&x) < 0)
                    return -1;
                if (!copy) {
                    copy = arena_alloc(a, len + 1);
                    memcpy(copy, s, len);
                    copy[len] = 0;
                }
                for (size_t k = from; k < x.z.i; k++)
                    if (copy[k] != '\n')
                        copy[k] = ' ';
                continue;
            }
            stmt_start = false;
        }
        size_t at = x.z.i;
        char ch = s[at];
        if (skip_string(&x.z)) {
            other = true;
            if (x.z.i == at)
                x.z.i++;
            continue;
        }
        if (ch == '/' && at + 1 < len && s[at + 1] == '/') {
            skip_blank(&x.z);
            continue;
        }
        x.z.i++;
        if (isspace((unsigned char)ch))
            continue;
        if (ch == '(' || ch == '[' || ch == '{')
            depth++;
        else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0)
            depth--;
        if (ch == ';' && depth == 0) {
            stmt_start = true;
            continue;
        }
        other = true;
    }
    if (copy) {
        *src = copy;
        *only_commands = !other;
    }
    return 0;
}

/* --- schema files ----------------------------------------------------------------------- */

static const char *str_field(json_t *o, const char *const *keys)
{
    for (; *keys; keys++) {
        json_t *v = json_object_get(o, *keys);
        if (json_is_string(v))
            return json_string_value(v);
    }
    return NULL;
}

/* Fills s from a JSON object {"Col":"type"} or an array of column objects. */
static int columns_from_json(json_t *cols, const char *table, hschema *s, char *msg, size_t cap)
{
    static const char *const namek[] = {"name", "Name", "ColumnName", "columnName", NULL};
    static const char *const typek[] = {"type",     "Type",    "ColumnType", "columnType",
                                        "DataType", "CslType", NULL};
    schema_init(s);
    if (json_is_object(cols)) {
        const char *k;
        json_t *v;
        json_object_foreach(cols, k, v)
        {
            htype t = json_is_string(v)
                          ? cmd_type_from_name(json_string_value(v), strlen(json_string_value(v)))
                          : HT_UNKNOWN;
            if (t == HT_UNKNOWN) {
                snprintf(msg, cap, "table '%s': column '%s' has no known type", table, k);
                schema_free(s);
                return -1;
            }
            schema_add(s, k, t);
        }
        return 0;
    }
    if (!json_is_array(cols)) {
        snprintf(msg, cap, "table '%s': the columns must be an object or an array", table);
        return -1;
    }
    size_t i;
    json_t *v;
    json_array_foreach(cols, i, v)
    {
        const char *nm = json_is_object(v) ? str_field(v, namek) : NULL;
        const char *ty = json_is_object(v) ? str_field(v, typek) : NULL;
        htype t = ty ? cmd_type_from_name(ty, strlen(ty)) : HT_UNKNOWN;
        if (!nm || !nm[0] || t == HT_UNKNOWN) {
            snprintf(msg, cap, "table '%s': column %zu needs a name and a known type", table,
                     i + 1);
            schema_free(s);
            return -1;
        }
        schema_add(s, nm, t);
    }
    return 0;
}

static int declare(hcatalog *c, const char *table, json_t *cols, char *msg, size_t cap)
{
    hschema s;
    if (columns_from_json(cols, table, &s, msg, cap) < 0)
        return -1;
    int rc = cmd_define_table(c, table, &s, false, msg, cap);
    schema_free(&s);
    return rc;
}

/* {"table": "T", "columns": [...]} */
static int declare_one(hcatalog *c, json_t *o, char *msg, size_t cap)
{
    static const char *const tk[] = {"table", "Table", "name", "Name", "TableName", NULL};
    const char *t = str_field(o, tk);
    json_t *cols = json_object_get(o, "columns");
    if (!cols)
        cols = json_object_get(o, "Columns");
    if (!t || !cols) {
        snprintf(msg, cap, "a table entry needs \"table\" and \"columns\"");
        return -1;
    }
    return declare(c, t, cols, msg, cap);
}

int cmd_load_schema_json(hcatalog *c, const char *name, const char *text, size_t n, char *msg,
                         size_t cap)
{
    json_error_t je;
    json_t *root = json_loadb(text, n, 0, &je);
    if (!root) {
        snprintf(msg, cap, "%s:%d: not JSON: %s", name, je.line, je.text);
        return -1;
    }
    int count = 0, rc = 0;
    char m[400] = "";
    if (json_is_array(root)) {
        size_t i;
        json_t *v;
        json_array_foreach(root, i, v)
        {
            if (!json_is_object(v) || declare_one(c, v, m, sizeof m) < 0) {
                if (!m[0])
                    snprintf(m, sizeof m, "entry %zu is not an object", i + 1);
                rc = -1;
                break;
            }
            count++;
        }
    } else if (json_is_object(root) &&
               (json_object_get(root, "columns") || json_object_get(root, "Columns"))) {
        rc = declare_one(c, root, m, sizeof m);
        count = rc == 0;
    } else if (json_is_object(root)) {
        const char *k;
        json_t *v;
        json_object_foreach(root, k, v)
        {
            if (declare(c, k, v, m, sizeof m) < 0) {
                rc = -1;
                break;
            }
            count++;
        }
    } else {
        snprintf(m, sizeof m, "expected an object of tables");
        rc = -1;
    }
    json_decref(root);
    if (rc < 0) {
        snprintf(msg, cap, "%s: %s", name, m);
        return -1;
    }
    return count;
}

/* --- watchlists ------------------------------------------------------------------------------ */

typedef struct wlload {
    const char *key; /* search key column */
    int64_t now;
} wlload;

/* Adds SearchKey, _DTItemId and LastUpdatedTimeUTC to a record. */
static json_t *wl_xform(void *arg, json_t *rec)
{
    wlload *w = arg;
    if (!json_is_object(rec))
        return NULL;
    json_t *r = json_copy(rec);
    json_t *k = json_object_get(rec, w->key);
    char buf[64];
    if (json_is_string(k))
        json_object_set_new(r, "SearchKey", json_string(json_string_value(k)));
    else if (json_is_integer(k)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(k));
        json_object_set_new(r, "SearchKey", json_string(buf));
    } else if (k && !json_is_null(k)) {
        char *d = json_dumps(k, JSON_ENCODE_ANY | JSON_COMPACT);
        json_object_set_new(r, "SearchKey", json_string(d ? d : ""));
        free(d);
    }
    /* the loader may pass a record through here more than once: the id is
     * derived from the item itself (a GUID-shaped hash), not a counter */
    char *dump = json_dumps(rec, JSON_SORT_KEYS | JSON_COMPACT);
    size_t dl = dump ? strlen(dump) : 0;
    uint64_t h1 = XXH64(dump ? dump : "", dl, 1), h2 = XXH64(dump ? dump : "", dl, 2);
    free(dump);
    snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", (unsigned)(h1 >> 32),
             (unsigned)(h1 >> 16) & 0xffff, (unsigned)h1 & 0xffff, (unsigned)(h2 >> 48),
             (unsigned long long)(h2 & 0xffffffffffffULL));
    json_object_set_new(r, "_DTItemId", json_string(buf));
    char ts[64];
    ht_format_datetime_full(w->now, ts);
    json_object_set_new(r, "LastUpdatedTimeUTC", json_string(ts));
    return r;
}

/* The header fields of CSV/TSV data, as csv.c names them. */
static int csv_header(const char *d, size_t n, char sep, hschema *s)
{
    size_t i = 0;
    int col = 0;
    /* skip blank lines */
    while (i < n && (d[i] == '\n' || d[i] == '\r'))
        i++;
    if (i + 3 <= n && (unsigned char)d[i] == 0xEF && (unsigned char)d[i + 1] == 0xBB &&
        (unsigned char)d[i + 2] == 0xBF)
        i += 3;
    dbuf f = {0};
    for (;;) {
        dbuf_reset(&f);
        if (i < n && d[i] == '"' && sep == ',') {
            for (i++; i < n; i++) {
                if (d[i] == '"') {
                    if (i + 1 < n && d[i + 1] == '"') {
                        dbuf_put(&f, "\"", 1);
                        i++;
                        continue;
                    }
                    i++;
                    break;
                }
                dbuf_put(&f, d + i, 1);
            }
            while (i < n && d[i] != sep && d[i] != '\n' && d[i] != '\r')
                i++;
        } else {
            size_t st = i;
            while (i < n && d[i] != sep && d[i] != '\n' && d[i] != '\r')
                i++;
            dbuf_put(&f, d + st, i - st);
        }
        const char *p = f.n ? (const char *)f.p : "";
        size_t k = f.n;
        while (k && *p == ' ')
            p++, k--;
        while (k && p[k - 1] == ' ')
            k--;
        char name[300];
        if (k)
            snprintf(name, sizeof name, "%.*s", (int)(k < 290 ? k : 290), p);
        else
            snprintf(name, sizeof name, "Column%d", col + 1);
        col++;
        if (schema_find(s, name, strlen(name)) < 0)
            schema_add(s, name, HT_STRING);
        if (i < n && d[i] == sep) {
            i++;
            continue;
        }
        break;
    }
    dbuf_free(&f);
    return col;
}

/* The keys of the JSON records, in order of first appearance. */
static int json_keys(const char *d, size_t n, hschema *s, char *msg, size_t cap)
{
    json_error_t je;
    json_t *root = json_loadb(d, n, JSON_DISABLE_EOF_CHECK, &je);
    if (!root) {
        /* NDJSON: read line by line */
        size_t i = 0;
        while (i < n) {
            const char *nl = memchr(d + i, '\n', n - i);
            size_t e = nl ? (size_t)(nl - d) : n;
            json_t *o = json_loadb(d + i, e - i, 0, &je);
            if (json_is_object(o)) {
                const char *k;
                json_t *v;
                json_object_foreach(o, k, v) if (schema_find(s, k, strlen(k)) < 0)
                    schema_add(s, k, HT_STRING);
            }
            json_decref(o);
            i = e + 1;
        }
        if (s->ncols == 0) {
            snprintf(msg, cap, "no JSON records found");
            return -1;
        }
        return 0;
    }
    json_t *arr = root;
    if (json_is_object(root) && json_is_array(json_object_get(root, "value")))
        arr = json_object_get(root, "value");
    size_t i;
    json_t *o;
    if (json_is_array(arr)) {
        json_array_foreach(arr, i, o)
        {
            if (!json_is_object(o))
                continue;
            const char *k;
            json_t *v;
            json_object_foreach(o, k, v) if (schema_find(s, k, strlen(k)) < 0)
                schema_add(s, k, HT_STRING);
        }
    } else if (json_is_object(arr)) {
        const char *k;
        json_t *v;
        json_object_foreach(arr, k, v) if (schema_find(s, k, strlen(k)) < 0)
            schema_add(s, k, HT_STRING);
    }
    json_decref(root);
    (void)i;
    return 0;
}

static int64_t wall_ticks(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * HT_TICKS_PER_SEC + ts.tv_nsec / 100;
}

/* Loads a watchlist into c; returns 0 or -1 with msg. */
static int load_watchlist(hcatalog *c, const char *alias, const char *path, const char *key,
                          int64_t now, int64_t *rows, char *msg, size_t cap)
{
    if (!alias[0] || strlen(alias) > 200) {
        snprintf(msg, cap, "invalid watchlist name '%s'", alias);
        return -1;
    }
    fmt_input in;
    if (fmt_read(path, &in, NULL, NULL, msg, cap) < 0)
        return -1;
    int fmt = fmt_detect(path, in.data, in.n);
    if (fmt != FMT_CSV && fmt != FMT_TSV && fmt != FMT_JSON && fmt != FMT_LIST) {
        /* a plain list of values, one per line, is CSV with a header */
        fmt = FMT_CSV;
    }
    hschema items;
    schema_init(&items);
    int rc = 0;
    if (fmt == FMT_CSV || fmt == FMT_TSV)
        csv_header(in.data, in.n, fmt == FMT_TSV ? '\t' : ',', &items);
    else
        rc = json_keys(in.data, in.n, &items, msg, cap);
    if (rc == 0 && items.ncols == 0) {
        snprintf(msg, cap, "%s: the watchlist has no columns", path);
        rc = -1;
    }
    const char *keycol = key && key[0] ? key : (items.ncols ? items.names[0] : "");
    if (rc == 0 && schema_find(&items, keycol, strlen(keycol)) < 0) {
        snprintf(msg, cap, "%s: the watchlist has no column '%s' for its search key", path, keycol);
        rc = -1;
    }
    if (rc < 0) {
        schema_free(&items);
        fmt_input_free(&in);
        return -1;
    }
    hschema s;
    schema_init(&s);
    schema_add(&s, "_DTItemId", HT_STRING);
    schema_add(&s, "LastUpdatedTimeUTC", HT_DATETIME);
    schema_add(&s, "SearchKey", HT_STRING);
    for (int i = 0; i < items.ncols; i++)
        if (schema_find(&s, items.names[i], strlen(items.names[i])) < 0)
            schema_add(&s, items.names[i], HT_STRING);
    char tname[300];
    snprintf(tname, sizeof tname, "%s%s", CMD_WL_PREFIX, alias);
    htable *old = catalog_find(c, tname, strlen(tname));
    if (old)
        catalog_drop(c, old);
    catalog_create(c, tname, &s);
    schema_free(&s);
    wlload w = {keycol, now ? now : wall_ticks()};
    char *keycopy = strdup(keycol);
    w.key = keycopy;
    schema_free(&items);
    ing_opts o = {0};
    o.xform = wl_xform;
    o.xform_arg = &w;
    ing_stats st = {0};
    rc = fmt_load(c, tname, path, in.data, in.n, fmt, &o, &st, NULL, NULL, msg, cap);
    free(keycopy);
    fmt_input_free(&in);
    if (rc < 0) {
        htable *t = catalog_find(c, tname, strlen(tname));
        if (t)
            catalog_drop(c, t);
        return -1;
    }
    if (rows)
        *rows = st.rows_loaded;
    return 0;
}

/* --- public API ----------------------------------------------------------------------------------
 */

static hcatalog *db_catalog(hunt_db *db)
{
    return &db->catalog;
}

static void api_error(hunt_error *err, int code, const char *msg)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", msg);
    err->offset = -1;
}

int hunt_load_schema(hunt_db *db, const char *path, hunt_error *err)
{
    fmt_input in;
    char msg[512] = "";
    if (!db || !path) {
        api_error(err, HUNT_EMISUSE, "hunt_load_schema: no engine or path");
        return HUNT_EMISUSE;
    }
    if (fmt_read(path, &in, NULL, NULL, msg, sizeof msg) < 0) {
        api_error(err, HUNT_EIO, msg);
        return HUNT_EIO;
    }
    int n = cmd_load_schema_json(db_catalog(db), path, in.data, in.n, msg, sizeof msg);
    fmt_input_free(&in);
    if (n < 0) {
        api_error(err, HUNT_EDATA, msg);
        return HUNT_EDATA;
    }
    api_error(err, HUNT_OK, "");
    return HUNT_OK;
}

int hunt_load_watchlist(hunt_db *db, const char *alias, const char *path, const char *search_key,
                        int64_t *rows, hunt_error *err)
{
    char msg[512] = "";
    if (!db || !alias || !path) {
        api_error(err, HUNT_EMISUSE, "hunt_load_watchlist: no engine, name or path");
        return HUNT_EMISUSE;
    }
    if (load_watchlist(db_catalog(db), alias, path, search_key, db->fixed_now, rows, msg,
                       sizeof msg) < 0) {
        api_error(err, HUNT_EDATA, msg[0] ? msg : "cannot load the watchlist");
        return HUNT_EDATA;
    }
    api_error(err, HUNT_OK, "");
    return HUNT_OK;
}
