/* engine/api.c — the public interface (include/hunt.h) over the engine.
 *
 * hunt_query parses the script, binds its let statements in order, and runs
 * each tabular statement: bind to an operator tree, pull it to the end into a
 * result table, free the per-query memory. Results are materialized tables
 * (one extent list) read back through typed cell accessors; the text of a
 * cell is formatted on demand into a per-result buffer.
 */
#include "../grammar/kql.h"
#include "../ingest/ingest.h"
#include "db.h"
#include "engine.h"
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct hunt_result {
    htable *t;
    char *render;
    /* flat cell access: extent index by row */
    int64_t *ext_start; /* next+1 entries */
    dbuf text;
    hunt_query_stats stats;
    hunt_result *next;
};

int hunt_open(hunt_db **out)
{
    hunt_db *db = calloc(1, sizeof *db);
    if (!db) {
        *out = NULL;
        return HUNT_ENOMEM;
    }
    catalog_init(&db->catalog);
    catalog_add_builtins(&db->catalog);
    *out = db;
    return HUNT_OK;
}

void hunt_close(hunt_db *db)
{
    if (!db)
        return;
    db_session_close(db);
    catalog_free(&db->catalog);
    free(db);
}

void hunt_set_now(hunt_db *db, int64_t ticks)
{
    db->fixed_now = ticks;
}

void hunt_interrupt(hunt_db *db)
{
    db->interrupt = 1;
}

void hunt_set_diagnostics(hunt_db *db, hunt_diag_fn fn, void *arg)
{
    db->diag = fn;
    db->diag_arg = arg;
}

void hunt_free(void *p)
{
    free(p);
}

static void set_error(hunt_error *err, int code, const char *msg, int off, int len)
{
    if (!err)
        return;
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", msg);
    err->offset = off;
    err->length = len;
    err->line = 0;
    err->column = 0;
}

static void locate(hunt_error *err, const char *src, size_t n)
{
    if (!err || err->offset < 0 || !src)
        return;
    int line = 1, col = 1;
    for (size_t i = 0; i < (size_t)err->offset && i < n; i++) {
        if (src[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)src[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    err->line = line;
    err->column = col;
}

int hunt_load_file(hunt_db *db, const char *table, const char *path, hunt_load_stats *stats,
                   hunt_error *err)
{
    ing_stats st = {0};
    char msg[512] = "";
    int wrc;
    if (db_workspace_load(db, table, path, stats, err, &wrc))
        return wrc;
    int rc = ing_load_file(&db->catalog, table, path, &st, db->diag, db->diag_arg, msg, sizeof msg);
    if (stats) {
        stats->rows_loaded = st.rows_loaded;
        stats->rows_rejected = st.rows_rejected;
        stats->bytes_read = st.bytes_read;
        stats->unknown_fields = st.unknown_fields;
    }
    if (rc < 0) {
        set_error(err, HUNT_EIO, msg[0] ? msg : "cannot load file", -1, 0);
        return HUNT_EIO;
    }
    if (err)
        err->code = HUNT_OK;
    return HUNT_OK;
}

static int64_t wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * HT_TICKS_PER_SEC + ts.tv_nsec / 100;
}

static void qctx_free(qctx *q)
{
    /* newest first: an operator stops using its inputs (an exchange joins
     * its threads) before they close */
    for (int i = q->nops - 1; i >= 0; i--) {
        op *o = q->ops[i];
        if (o->close)
            o->close(o);
        arena_free(&o->arena);
        schema_free(&o->schema);
    }
    free(q->ops);
    for (int i = 0; i < q->nfncalls; i++) {
        bexpr *e = q->fncalls[i];
        if (e->kind == BX_CALL && e->fn && e->fn->free_state && e->fnstate)
            e->fn->free_state(e->fnstate);
        if (e->set)
            inset_free(e->set);
        if (e->cc)
            code_cache_free(e->cc);
    }
    free(q->fncalls);
    arena_free(&q->arena);
}

static hunt_result *result_new(htable *t, const char *render)
{
    hunt_result *r = calloc(1, sizeof *r);
    r->t = t;
    r->render = render ? strdup(render) : NULL;
    r->ext_start = malloc(sizeof(int64_t) * (size_t)(t->next + 1));
    int64_t at = 0;
    for (int e = 0; e < t->next; e++) {
        r->ext_start[e] = at;
        at += t->ext[e]->nrows;
    }
    r->ext_start[t->next] = at;
    return r;
}

/* Function calls that keep per-call-site state also need freeing when bind
 * fails half-way; qctx_free handles both. */
static bool is_tabular_stmt(const ast *n)
{
    return n->kind != AST_LET && n->kind != AST_SET;
}

/* Temporary tables registered by invoke are dropped after the query. */
static void drop_temp_tables(hcatalog *c)
{
    int k = 0;
    for (int i = 0; i < c->n; i++) {
        if (!strncmp(c->tables[i]->name, "__invoke_", 9)) {
            table_free(c->tables[i]);
            continue;
        }
        c->tables[k++] = c->tables[i];
    }
    c->n = k;
}

/* One warning through the diagnostics callback for each place where the
 * parser took a line break for ';' (grammar/kql.h, kql_parse_split). */
static void warn_splits(hunt_db *db, const char *src, size_t n, const kql_splits *sp)
{
    for (int i = 0; db->diag && i < sp->n; i++) {
        hunt_error at = {.offset = sp->off[i]};
        locate(&at, src, n);
        char line[200];
        snprintf(line, sizeof line,
                 "warning: line %d: a new query starts here without ';' — ran as a separate "
                 "statement (KQL needs ';' between statements)",
                 at.line);
        db->diag(db->diag_arg, line);
    }
}

/* One warning for each `where Name = expr` in the script: KQL takes it as a
 * named expression and filters on expr alone (`where IsBillable = true` keeps
 * every row), which is seldom what its author meant. */
static void warn_named_where(hunt_db *db, const char *src, size_t n, const ast *a)
{
    if (!a || !db->diag)
        return;
    if (a->kind == AST_WHERE && a->name.n) {
        hunt_error at = {.offset = a->off};
        locate(&at, src, n);
        char line[300];
        snprintf(line, sizeof line,
                 "warning: line %d: 'where %.*s = ...' does not compare: KQL filters on the "
                 "expression after '=' alone (did you mean '=='?)",
                 at.line, (int)(a->name.n > 64 ? 64 : a->name.n), a->name.p);
        db->diag(db->diag_arg, line);
    }
    for (int i = 0; i < a->nkid; i++)
        warn_named_where(db, src, n, a->kid[i]);
}

static void qctx_init(qctx *q, hunt_db *db, const char *kql, size_t len, int flags)
{
    memset(q, 0, sizeof *q);
    arena_init(&q->arena);
    q->catalog = &db->catalog;
    q->src = kql;
    q->srclen = len;
    q->now = db->fixed_now ? db->fixed_now : wall_now();
    q->interrupt = &db->interrupt;
    q->check_only = flags & HUNT_CHECK_ONLY;
}

#define WL_ASSUME_MAX 64

/* Columns assumed while checking (qctx.wl_assume): binding stopped on
 * "unknown name 'X'" in a query that reads a watchlist that is not loaded, or
 * a bag_unpack whose columns come from the data; X joins the names and the
 * query is bound again. Returns whether it did. */
static bool assume_column(const qctx *q, char names[][128], const char **ptrs, int *n)
{
    /* a name in an expression, or a column project-away/-keep/-rename names */
    static const char prefix[] = "unknown name '", prefix2[] = "unknown column '";
    if (!q->check_only || !(q->wl_open || q->data_open || q->open_cols) || *n >= WL_ASSUME_MAX)
        return false;
    const char *name;
    if (!strncmp(q->err_msg, prefix, sizeof prefix - 1))
        name = q->err_msg + sizeof prefix - 1;
    else if (!strncmp(q->err_msg, prefix2, sizeof prefix2 - 1))
        name = q->err_msg + sizeof prefix2 - 1;
    else
        return false;
    const char *end = strchr(name, '\'');
    if (!end || end == name || end - name >= 128)
        return false;
    /* a table with open columns only explains a name with a type suffix */
    if (!q->wl_open && !q->data_open && la_suffix_type(name, (size_t)(end - name)) == HT_UNKNOWN)
        return false;
    for (int i = 0; i < *n; i++)
        if (strlen(names[i]) == (size_t)(end - name) && !strncmp(names[i], name, end - name))
            return false; /* assumed already: a real error elsewhere */
    memcpy(names[*n], name, (size_t)(end - name));
    names[*n][end - name] = 0;
    ptrs[*n] = names[*n];
    (*n)++;
    return true;
}

/* One warning naming the columns a check assumed, and why. */
static void warn_assumed(hunt_db *db, const char *const *names, int n, bool wl, bool data,
                         bool open)
{
    if (!db->diag || n == 0)
        return;
    char line[1024];
    int at = snprintf(line, sizeof line, "%s",
                      wl && data ? "warning: a watchlist is not loaded and bag_unpack makes its "
                                   "columns from the data; these columns are assumed: "
                      : wl   ? "warning: a watchlist is not loaded; its columns are assumed to be "
                               "strings: "
                      : data ? "warning: bag_unpack makes its columns from the data, and there is "
                               "none when checking; these are assumed to be dynamic columns: "
                      : open ? "warning: AzureDiagnostics gains a column for each field its "
                               "resource logs send, and there is no data when checking; these "
                               "are assumed to be its columns, typed by their suffix: "
                             : "warning: these columns are assumed: ");
    for (int i = 0; i < n && at < (int)sizeof line; i++)
        at += snprintf(line + at, sizeof line - (size_t)at, "%s%s", i ? ", " : "", names[i]);
    db->diag(db->diag_arg, line);
}

int hunt_query(hunt_db *db, const char *kql, size_t len, int flags, hunt_result **out,
               hunt_error *err)
{
    *out = NULL;
    if (err) {
        memset(err, 0, sizeof *err);
        err->offset = -1;
    }
    db->interrupt = 0;
    qctx q;
    qctx_init(&q, db, kql, len, flags);
    /* control commands (.create table, .create-or-alter function, ...) at the
     * start of the script apply to the catalog; the KQL after them runs */
    bool only_cmds = false;
    if (cmd_apply(&db->catalog, &q.arena, &kql, len, flags, &only_cmds, err) < 0) {
        locate(err, kql, len);
        qctx_free(&q);
        return err ? err->code : HUNT_ESEMANTIC;
    }
    q.src = kql;
    if (only_cmds) {
        qctx_free(&q);
        return HUNT_OK;
    }
    char assumed[WL_ASSUME_MAX][128];
    const char *assumed_p[WL_ASSUME_MAX];
    int nassumed = 0;
    bool assumed_wl = false, assumed_data = false,
         assumed_open = false; /* why names were assumed */
    bool first_pass = true;
    char *owned = NULL; /* the text, kept across a restart (cmd_apply's copy lives in q.arena) */
again:
    q.wl_assume = assumed_p;
    q.nwl_assume = nassumed;
    kql_error perr;
    memset(&perr, 0, sizeof perr);
    kql_splits splits;
    ast *script = kql_parse_split(&q.arena, kql, len, &perr, &splits);
    if (first_pass) {
        warn_splits(db, kql, len, &splits);
        warn_named_where(db, kql, len, script);
    }
    if (!script) {
        set_error(err, perr.code ? perr.code : HUNT_ESYNTAX, perr.msg, perr.off, perr.len);
        locate(err, kql, len);
        qctx_free(&q);
        free(owned);
        return err ? err->code : HUNT_ESYNTAX;
    }
    q.script = script;
    if (flags & HUNT_PARSE_ONLY) {
        qctx_free(&q);
        free(owned);
        return HUNT_OK;
    }
    /* Bind every statement first, so a name or type error anywhere in the
     * script stops it before anything runs; then run the tabular ones. */
    bind_scope *scope = bind_scope_new(&q, NULL);
    hunt_result *first = NULL, **tail = &first;
    int ntab = 0;
    op **roots = arena_alloc(&q.arena, sizeof(op *) * (size_t)(script->nkid + 1));
    const char **renders = arena_zalloc(&q.arena, sizeof(char *) * (size_t)(script->nkid + 1));
    for (int i = 0; i < script->nkid; i++) {
        const ast *st = script->kid[i];
        if (!is_tabular_stmt(st)) {
            if (bind_let(&q, scope, st) < 0)
                goto fail;
            continue;
        }
        q.render = NULL;
        roots[ntab] = bind_tabular(&q, scope, st);
        if (!roots[ntab])
            goto fail;
        renders[ntab++] = q.render;
    }
    if (!(flags & HUNT_CHECK_ONLY))
        for (int i = 0; i < ntab; i++) {
            htable *t = exec_collect(&q, roots[i]);
            if (!t)
                goto fail;
            *tail = result_new(t, renders[i]);
            tail = &(*tail)->next;
        }
    if (first) {
        first->stats.extents_scanned = q.ext_scanned;
        first->stats.extents_skipped = q.ext_skipped;
        first->stats.rows_scanned = q.rows_scanned;
    }
    if (ntab == 0 && !(flags & HUNT_CHECK_ONLY)) {
        q_error(&q, HUNT_ESEMANTIC, -1, 0, "the query has no tabular expression to run");
        goto fail;
    }
    warn_assumed(db, assumed_p, nassumed, assumed_wl || q.wl_open, assumed_data || q.data_open,
                 assumed_open || q.open_cols);
    drop_temp_tables(&db->catalog);
    qctx_free(&q);
    free(owned);
    *out = first;
    return HUNT_OK;
fail:
    if (assume_column(&q, assumed, assumed_p, &nassumed)) {
        assumed_wl |= q.wl_open;
        assumed_data |= q.data_open;
        assumed_open |= q.open_cols;
        if (!owned) {
            owned = malloc(len ? len : 1);
            if (!owned)
                abort();
            memcpy(owned, kql, len);
            kql = owned;
        }
        drop_temp_tables(&db->catalog);
        qctx_free(&q);
        hunt_result_free(first);
        qctx_init(&q, db, kql, len, flags);
        first_pass = false;
        goto again;
    }
    set_error(err, q.err_code ? q.err_code : HUNT_ERUNTIME,
              q.err_msg[0] ? q.err_msg : "query failed", q.err_off, q.err_len);
    locate(err, kql, len);
    drop_temp_tables(&db->catalog);
    qctx_free(&q);
    hunt_result_free(first);
    free(owned);
    return err ? err->code : HUNT_ERUNTIME;
}

char *hunt_error_format(const hunt_error *err, const char *query, size_t len)
{
    dbuf b = {0};
    char head[700];
    if (err->line > 0)
        snprintf(head, sizeof head, "line %d, column %d: %s", err->line, err->column, err->message);
    else
        snprintf(head, sizeof head, "%s", err->message);
    dbuf_put(&b, head, strlen(head));
    if (query && err->offset >= 0 && (size_t)err->offset <= len) {
        size_t s = (size_t)err->offset;
        while (s > 0 && query[s - 1] != '\n')
            s--;
        size_t e = (size_t)err->offset;
        while (e < len && query[e] != '\n')
            e++;
        dbuf_put(&b, "\n    ", 5);
        dbuf_put(&b, query + s, e - s);
        dbuf_put(&b, "\n    ", 5);
        for (size_t i = s; i < (size_t)err->offset; i++)
            if (((unsigned char)query[i] & 0xC0) != 0x80)
                dbuf_put(&b, query[i] == '\t' ? "\t" : " ", 1);
        size_t carets = err->length > 0 ? (size_t)err->length : 1;
        if (err->offset + (int)carets > (int)e)
            carets = e > (size_t)err->offset ? e - (size_t)err->offset : 1;
        for (size_t i = 0; i < carets; i++)
            dbuf_put(&b, "^", 1);
    }
    dbuf_put(&b, "", 1);
    return (char *)b.p;
}

/* --- results ----------------------------------------------------------------------- */

int hunt_result_columns(const hunt_result *r)
{
    return r->t->schema.ncols;
}
int64_t hunt_result_rows(const hunt_result *r)
{
    return r->t->nrows;
}
const char *hunt_result_column_name(const hunt_result *r, int col)
{
    return col >= 0 && col < r->t->schema.ncols ? r->t->schema.names[col] : NULL;
}
int hunt_result_column_type(const hunt_result *r, int col)
{
    return col >= 0 && col < r->t->schema.ncols ? (int)r->t->schema.types[col] : HUNT_TUNKNOWN;
}
const char *hunt_type_name(int type)
{
    return ht_name((htype)type);
}
const char *hunt_result_render(const hunt_result *r)
{
    return r->render;
}
void hunt_result_stats(const hunt_result *r, hunt_query_stats *st)
{
    memset(st, 0, sizeof *st);
    if (r)
        *st = r->stats;
}

hunt_result *hunt_result_next(hunt_result *r)
{
    return r ? r->next : NULL;
}

static const hcol *cell(const hunt_result *r, int64_t row, int col, uint32_t *local)
{
    if (col < 0 || col >= r->t->schema.ncols || row < 0 || row >= r->t->nrows)
        return NULL;
    int lo = 0, hi = r->t->next - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (r->ext_start[mid] <= row)
            lo = mid;
        else
            hi = mid - 1;
    }
    *local = (uint32_t)(row - r->ext_start[lo]);
    return &r->t->ext[lo]->cols[col];
}

int hunt_result_is_null(const hunt_result *r, int64_t row, int col)
{
    uint32_t i;
    const hcol *c = cell(r, row, col, &i);
    return !c || col_is_null(c, i);
}
int hunt_result_bool(const hunt_result *r, int64_t row, int col)
{
    uint32_t i;
    const hcol *c = cell(r, row, col, &i);
    return c && c->type == HT_BOOL && !col_is_null(c, i) ? c->b[i] : 0;
}
int64_t hunt_result_long(const hunt_result *r, int64_t row, int col)
{
    uint32_t i;
    const hcol *c = cell(r, row, col, &i);
    if (!c || col_is_null(c, i))
        return 0;
    if (ht_is_int64(c->type))
        return c->i[i];
    if (c->type == HT_REAL)
        return (int64_t)c->r[i];
    if (c->type == HT_BOOL)
        return c->b[i];
    return 0;
}
double hunt_result_real(const hunt_result *r, int64_t row, int col)
{
    uint32_t i;
    const hcol *c = cell(r, row, col, &i);
    if (!c || col_is_null(c, i))
        return 0;
    if (c->type == HT_REAL)
        return c->r[i];
    if (ht_is_int64(c->type))
        return (double)c->i[i];
    if (c->type == HT_BOOL)
        return c->b[i];
    return 0;
}

/* Appends the canonical text of a cell. */
static void cell_text(const hcol *c, uint32_t i, dbuf *b)
{
    char buf[64];
    size_t n;
    if (col_is_null(c, i))
        return;
    switch (c->type) {
    case HT_BOOL:
        dbuf_put(b, c->b[i] ? "true" : "false", c->b[i] ? 4 : 5);
        return;
    case HT_INT:
    case HT_LONG:
        n = (size_t)snprintf(buf, sizeof buf, "%lld", (long long)c->i[i]);
        break;
    case HT_REAL:
        n = ht_format_real(c->r[i], buf);
        break;
    case HT_DATETIME:
        n = ht_format_datetime(c->i[i], buf);
        break;
    case HT_TIMESPAN:
        n = ht_format_timespan(c->i[i], buf);
        break;
    case HT_GUID:
        n = ht_format_guid(&c->g[i], buf);
        break;
    case HT_STRING: {
        hstr s = col_str(c, i);
        dbuf_put(b, s.p, s.n);
        return;
    }
    case HT_DYNAMIC: {
        /* a dynamic string shows bare, like Kusto; anything else as JSON */
        hstr s = col_str(c, i);
        if (s.n)
            dyn_to_text((const uint8_t *)s.p, b);
        return;
    }
    default:
        return;
    }
    dbuf_put(b, buf, n);
}

const char *hunt_result_text(hunt_result *r, int64_t row, int col, size_t *len)
{
    uint32_t i;
    const hcol *c = cell(r, row, col, &i);
    dbuf_reset(&r->text);
    if (c)
        cell_text(c, i, &r->text);
    if (len)
        *len = r->text.n;
    dbuf_put(&r->text, "", 1);
    r->text.n--;
    return (const char *)r->text.p;
}

static void json_string(dbuf *b, const char *s, size_t n)
{
    dbuf tmp = {0};
    dyn_put_string(&tmp, s, n);
    dyn_to_json(tmp.p, b);
    dbuf_free(&tmp);
}

static const char *api_type_name(htype t)
{
    switch (t) {
    case HT_BOOL:
        return "Boolean";
    case HT_INT:
        return "Int32";
    case HT_LONG:
        return "Int64";
    case HT_REAL:
        return "Double";
    case HT_STRING:
        return "String";
    case HT_DATETIME:
        return "DateTime";
    case HT_TIMESPAN:
        return "TimeSpan";
    case HT_GUID:
        return "Guid";
    case HT_DYNAMIC:
        return "Object";
    default:
        return "Object";
    }
}

/* Appends one cell as a typed JSON value. */
static void cell_json(const hcol *c, uint32_t i, dbuf *b)
{
    if (col_is_null(c, i)) {
        if (c->type == HT_STRING)
            dbuf_put(b, "\"\"", 2);
        else
            dbuf_put(b, "null", 4);
        return;
    }
    switch (c->type) {
    case HT_BOOL:
    case HT_INT:
    case HT_LONG:
        cell_text(c, i, b);
        return;
    case HT_REAL: {
        double v = c->r[i];
        if (v != v || v - v != 0) { /* NaN, infinities: JSON has none */
            char buf[64];
            size_t n = ht_format_real(v, buf);
            json_string(b, buf, n);
            return;
        }
        char buf[64];
        size_t n = ht_format_real(v, buf);
        dbuf_put(b, buf, n);
        return;
    }
    case HT_DYNAMIC: {
        hstr s = col_str(c, i);
        dyn_to_json((const uint8_t *)s.p, b);
        return;
    }
    case HT_DATETIME: {
        char buf[64];
        size_t n = ht_format_datetime_full(c->i[i], buf);
        json_string(b, buf, n);
        return;
    }
    default: {
        dbuf t = {0};
        cell_text(c, i, &t);
        json_string(b, t.n ? (const char *)t.p : "", t.n);
        dbuf_free(&t);
        return;
    }
    }
}

char *hunt_result_json(const hunt_result *r)
{
    dbuf b = {0};
    const hschema *s = &r->t->schema;
    dbuf_put(&b, "{\"Schema\":[", 11);
    for (int c = 0; c < s->ncols; c++) {
        if (c)
            dbuf_put(&b, ",", 1);
        dbuf_put(&b, "{\"Name\":", 8);
        json_string(&b, s->names[c], strlen(s->names[c]));
        dbuf_put(&b, ",\"Type\":\"", 9);
        const char *tn = api_type_name(s->types[c]);
        dbuf_put(&b, tn, strlen(tn));
        dbuf_put(&b, "\"}", 2);
    }
    dbuf_put(&b, "],\"Results\":[", 13);
    bool firstrow = true;
    for (int e = 0; e < r->t->next; e++) {
        hextent *x = r->t->ext[e];
        for (uint32_t i = 0; i < x->nrows; i++) {
            dbuf_put(&b, firstrow ? "{" : ",{", firstrow ? 1 : 2);
            firstrow = false;
            for (int c = 0; c < s->ncols; c++) {
                if (c)
                    dbuf_put(&b, ",", 1);
                json_string(&b, s->names[c], strlen(s->names[c]));
                dbuf_put(&b, ":", 1);
                cell_json(&x->cols[c], i, &b);
            }
            dbuf_put(&b, "}", 1);
        }
    }
    dbuf_put(&b, "]}", 3);
    return (char *)b.p;
}

void hunt_result_free(hunt_result *r)
{
    while (r) {
        hunt_result *nx = r->next;
        table_free(r->t);
        free(r->render);
        free(r->ext_start);
        dbuf_free(&r->text);
        free(r);
        r = nx;
    }
}

/* --- catalog ----------------------------------------------------------------------------- */

int hunt_table_count(hunt_db *db)
{
    return db->catalog.n;
}
static htable *tab(hunt_db *db, int i)
{
    return i >= 0 && i < db->catalog.n ? db->catalog.tables[i] : NULL;
}
const char *hunt_table_name(hunt_db *db, int i)
{
    htable *t = tab(db, i);
    return t ? t->name : NULL;
}
int64_t hunt_table_rows(hunt_db *db, int i)
{
    htable *t = tab(db, i);
    return t ? t->nrows : 0;
}
int hunt_table_columns(hunt_db *db, int i)
{
    htable *t = tab(db, i);
    return t ? t->schema.ncols : 0;
}
const char *hunt_table_column_name(hunt_db *db, int i, int col)
{
    htable *t = tab(db, i);
    return t && col >= 0 && col < t->schema.ncols ? t->schema.names[col] : NULL;
}
int hunt_table_column_type(hunt_db *db, int i, int col)
{
    htable *t = tab(db, i);
    return t && col >= 0 && col < t->schema.ncols ? (int)t->schema.types[col] : HUNT_TUNKNOWN;
}
