/* engine/exec_externaldata.c — the externaldata operator: a table read from
 * URLs or files when the query runs.
 *
 * `externaldata (a:string, b:long) [ "url", ... ] [with (format=csv,
 * ignoreFirstRecord=true)]` fetches every source in order and appends its
 * records to one table of the declared schema:
 *
 *   http:// https://   libcurl: 10 s connect timeout, 120 s in total, at most
 *                      5 redirects, HTTP errors (>= 400) fail, the body is
 *                      capped at EXT_MAX_BYTES. Errors name the URL.
 *   file:///path, file://localhost/path, or a plain path: a local file.
 *
 * Formats: csv (default), tsv, scsv (';'), psv ('|'), sohsv (\x01) — RFC 4180
 * quoting, fields mapped to columns by position, missing fields null; txt —
 * each line is a record whose first column is the line; raw — the whole
 * content in the first column; json — one JSON object per line; multijson —
 * JSON objects (or arrays of objects) anywhere, spanning lines. JSON
 * properties map to columns by name. Values convert as to<type>() does
 * (empty text is null for non-string columns). ignoreFirstRecord=true drops
 * the first record of every source.
 *
 * Execution is lazy: nothing is fetched at bind time (so --check does no I/O);
 * the first next() fetches, parses into a table, then streams it.
 *
 * CACHE: fetched content is cached per QUERY, keyed by the exact URL text, so
 * a source used twice in one query (a let used by a join, a union) is fetched
 * once. The cache lives in a hidden operator of the query and dies with it; a
 * per-hunt_db cache would need a hook in engine/api.c (not here yet).
 */
#include "exec_text.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define EXT_MAX_BYTES ((size_t)512 * 1024 * 1024)
#define EXT_CONNECT_TIMEOUT 10L
#define EXT_TOTAL_TIMEOUT 120L

enum { F_DELIM, F_TXT, F_RAW, F_JSON, F_MULTIJSON };

typedef struct ext_st {
    const ast *node;
    int nurls;
    const char **urls;
    int format;
    char sep;
    bool skip_first;
    op *scan; /* the values op over the fetched table, once run */
} ext_st;

/* ---- the per-query cache ------------------------------------------------- */

static const char CACHE_OP[] = "externaldata-cache";

typedef struct cache_ent {
    char *url;
    char *data;
    size_t n;
} cache_ent;

typedef struct ext_cache {
    cache_ent *v;
    int n, cap;
} ext_cache;

static void cache_close(op *o)
{
    ext_cache *c = o->st;
    for (int i = 0; i < c->n; i++) {
        free(c->v[i].url);
        free(c->v[i].data);
    }
    free(c->v);
    c->v = NULL;
    c->n = 0;
}

static int cache_none(op *o, batch **out)
{
    (void)o;
    *out = NULL;
    return 0;
}

static ext_cache *cache_of(qctx *q)
{
    for (int i = 0; i < q->nops; i++)
        if (q->ops[i]->name == CACHE_OP)
            return q->ops[i]->st;
    op *o = op_new(q, CACHE_OP, 0);
    o->st = arena_zalloc(&q->arena, sizeof(ext_cache));
    o->next = cache_none;
    o->close = cache_close;
    return o->st;
}

static cache_ent *cache_find(ext_cache *c, const char *url)
{
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->v[i].url, url))
            return &c->v[i];
    return NULL;
}

static cache_ent *cache_put(ext_cache *c, const char *url, char *data, size_t n)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 4;
        c->v = realloc(c->v, sizeof(cache_ent) * (size_t)c->cap);
    }
    cache_ent *e = &c->v[c->n++];
    e->url = strdup(url);
    e->data = data;
    e->n = n;
    return e;
}

/* ---- fetching ---------------------------------------------------------------- */

typedef struct membuf {
    char *p;
    size_t n, cap;
    bool too_big;
} membuf;

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *arg)
{
    membuf *m = arg;
    size_t k = size * nmemb;
    if (m->n + k > EXT_MAX_BYTES) {
        m->too_big = true;
        return 0;
    }
    if (m->n + k + 1 > m->cap) {
        size_t nc = m->cap ? m->cap : 65536;
        while (nc < m->n + k + 1)
            nc *= 2;
        char *np = realloc(m->p, nc);
        if (!np)
            return 0;
        m->p = np;
        m->cap = nc;
    }
    memcpy(m->p + m->n, ptr, k);
    m->n += k;
    return k;
}

static int fetch_http(qctx *q, const ast *n, const char *url, membuf *m)
{
    CURL *h = curl_easy_init();
    if (!h)
        return q_error(q, HUNT_EIO, n->off, n->len, "externaldata: can't start an HTTP client");
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, m);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, EXT_CONNECT_TIMEOUT);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, EXT_TOTAL_TIMEOUT);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_USERAGENT, "hunt-externaldata/1");
    CURLcode rc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    if (m->too_big)
        return q_error(q, HUNT_EIO, n->off, n->len, "externaldata: '%s' is larger than %zu MiB",
                       url, EXT_MAX_BYTES >> 20);
    if (rc != CURLE_OK)
        return q_error(q, HUNT_EIO, n->off, n->len, "externaldata: can't fetch '%s': %s", url,
                       errbuf[0] ? errbuf : curl_easy_strerror(rc));
    return 0;
}

/* The local path of a file URL or plain path. */
static const char *local_path(const char *url)
{
    if (!strncmp(url, "file://localhost/", 17))
        return url + 16;
    if (!strncmp(url, "file://", 7))
        return url + 7;
    return url;
}

static int fetch_file(qctx *q, const ast *n, const char *url, membuf *m)
{
    const char *path = local_path(url);
    FILE *f = fopen(path, "rb");
    if (!f)
        return q_error(q, HUNT_EIO, n->off, n->len, "externaldata: can't open '%s': %s", url,
                       strerror(errno));
    char buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0)
        if (on_body(buf, 1, k, m) != k)
            break;
    bool err = ferror(f);
    fclose(f);
    if (m->too_big)
        return q_error(q, HUNT_EIO, n->off, n->len, "externaldata: '%s' is larger than %zu MiB",
                       url, EXT_MAX_BYTES >> 20);
    if (err)
        return q_error(q, HUNT_EIO, n->off, n->len, "externaldata: can't read '%s'", url);
    return 0;
}

static bool is_http(const char *url)
{
    return !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8);
}

/* The content of url, from the cache or fetched into it. */
static cache_ent *fetch(qctx *q, const ast *n, const char *url)
{
    ext_cache *c = cache_of(q);
    cache_ent *e = cache_find(c, url);
    if (e)
        return e;
    membuf m = {0};
    int rc = is_http(url) ? fetch_http(q, n, url, &m) : fetch_file(q, n, url, &m);
    if (rc < 0) {
        free(m.p);
        return NULL;
    }
    if (!m.p)
        m.p = calloc(1, 1);
    return cache_put(c, url, m.p, m.n);
}

/* ---- records into the table --------------------------------------------------- */

/* Accumulates up to VEC_BATCH records as per-column vectors (text for the
 * delimited formats, dynamic for JSON), then converts and appends them. */
typedef struct rows {
    qctx *q;
    htable *t;
    tbuild *tb;
    harena a;
    hvec *cols;
    uint32_t n;
    htype vt;  /* HT_STRING or HT_DYNAMIC */
    bool skip; /* the next record is dropped (ignoreFirstRecord) */
} rows;

static void rows_reset(rows *r)
{
    arena_reset(&r->a);
    r->cols = arena_zalloc(&r->a, sizeof(hvec) * (size_t)(r->t->schema.ncols + 1));
    for (int c = 0; c < r->t->schema.ncols; c++) {
        vec_alloc(&r->a, &r->cols[c], r->vt, VEC_BATCH);
        r->cols[c].null = arena_zalloc(&r->a, VEC_BATCH);
    }
    r->n = 0;
}

static int rows_flush(rows *r)
{
    int nc = r->t->schema.ncols;
    for (int c = 0; c < nc; c++) {
        hvec v = r->cols[c], out;
        v.n = r->n;
        htype t = r->t->schema.types[c];
        int rc = r->vt == HT_STRING ? text_convert(r->q, &r->a, &v, t, &out)
                                    : expr_cast(r->q, &r->a, &v, t, &out);
        if (rc < 0)
            return -1;
        if (t == HT_STRING)
            out.null = NULL;
        r->cols[c] = out;
    }
    for (uint32_t i = 0; i < r->n; i++) {
        for (int c = 0; c < nc; c++)
            tbuild_vec(r->tb, c, &r->cols[c], i);
        tbuild_end_row(r->tb);
    }
    rows_reset(r);
    return 0;
}

/* Starts a record; false when it is the skipped first record. */
static bool rows_begin(rows *r)
{
    if (r->skip) {
        r->skip = false;
        return false;
    }
    for (int c = 0; c < r->t->schema.ncols; c++) {
        r->cols[c].null[r->n] = 1;
        r->cols[c].s[r->n] = (hstr){"", 0};
    }
    return true;
}

static void rows_set(rows *r, int c, const char *p, size_t n)
{
    if (c >= r->t->schema.ncols)
        return;
    char *d = arena_alloc(&r->a, n + 1);
    memcpy(d, p, n);
    d[n] = 0;
    r->cols[c].s[r->n] = (hstr){d, (uint32_t)n};
    r->cols[c].null[r->n] = (r->vt == HT_STRING && n == 0 && r->t->schema.types[c] != HT_STRING);
}

static int rows_end(rows *r)
{
    return ++r->n == VEC_BATCH ? rows_flush(r) : 0;
}

/* ---- delimited text ------------------------------------------------------------ */

/* One field from *i; unquotes into a scratch buffer. Returns the end char
 * ('\n' for end of record, sep, or 0 at the end of data). */
static char read_field(const char *s, size_t n, size_t *i, char sep, dbuf *f)
{
    dbuf_reset(f);
    if (*i < n && s[*i] == '"') {
        size_t j = *i + 1;
        for (; j < n; j++) {
            if (s[j] == '"') {
                if (j + 1 < n && s[j + 1] == '"') {
                    dbuf_put(f, "\"", 1);
                    j++;
                    continue;
                }
                j++;
                break;
            }
            dbuf_put(f, &s[j], 1);
        }
        while (j < n && s[j] != sep && s[j] != '\n')
            j++; /* junk after the closing quote is dropped */
        *i = j;
    } else {
        size_t j = *i;
        while (j < n && s[j] != sep && s[j] != '\n')
            j++;
        size_t e = j;
        if (e > *i && s[e - 1] == '\r' && (j >= n || s[j] == '\n'))
            e--;
        dbuf_put(f, s + *i, e - *i);
        *i = j;
    }
    if (*i >= n)
        return 0;
    return s[(*i)++];
}

static int parse_delimited(rows *r, const char *s, size_t n, char sep)
{
    size_t i = 0;
    dbuf f = {0};
    int rc = 0;
    while (i < n && rc == 0) {
        if (s[i] == '\n' || (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')) {
            i += s[i] == '\r' ? 2 : 1; /* an empty line is no record */
            continue;
        }
        bool keep = rows_begin(r);
        int c = 0;
        char end;
        do {
            end = read_field(s, n, &i, sep, &f);
            if (keep)
                rows_set(r, c, f.n ? (const char *)f.p : "", f.n);
            c++;
        } while (end == sep);
        if (keep)
            rc = rows_end(r);
    }
    dbuf_free(&f);
    return rc;
}

static int parse_lines(rows *r, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, len = e - i;
        if (len && s[e - 1] == '\r')
            len--;
        if (!(nl == NULL && len == 0) && rows_begin(r)) {
            rows_set(r, 0, s + i, len);
            if (rows_end(r) < 0)
                return -1;
        }
        i = e + 1;
    }
    return 0;
}

/* ---- JSON ---------------------------------------------------------------------- */

static int json_record(rows *r, const uint8_t *v)
{
    if (dyn_tag(v) != DYN_OBJECT || !rows_begin(r))
        return 0;
    for (int c = 0; c < r->t->schema.ncols; c++) {
        const char *nm = r->t->schema.names[c];
        const uint8_t *x = dyn_get(v, nm, strlen(nm));
        if (x && dyn_tag(x) != DYN_NULL) {
            rows_set(r, c, (const char *)x, dyn_size(x));
            r->cols[c].null[r->n] = 0;
        }
    }
    return rows_end(r);
}

/* End of the JSON value starting at s[i] (after white space), or 0. */
static size_t json_end(const char *s, size_t n, size_t i)
{
    int depth = 0;
    bool str = false;
    for (; i < n; i++) {
        char ch = s[i];
        if (str) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                str = false;
            continue;
        }
        if (ch == '"')
            str = true;
        else if (ch == '{' || ch == '[')
            depth++;
        else if ((ch == '}' || ch == ']') && --depth == 0)
            return i + 1;
    }
    return 0;
}

static int json_value(rows *r, const ast *node, const char *url, const char *p, size_t len, dbuf *b)
{
    dbuf_reset(b);
    if (!dyn_from_json(p, len, b, NULL, 0))
        return q_error(r->q, HUNT_EDATA, node->off, node->len,
                       "externaldata: '%s' holds a record that is not JSON: %.40s", url, p);
    const uint8_t *v = b->p;
    if (dyn_tag(v) != DYN_ARRAY)
        return json_record(r, v);
    dyn_iter it;
    hstr k;
    for (const uint8_t *e = dyn_first(v, &it, &k); e; e = dyn_next(&it, &k))
        if (json_record(r, e) < 0)
            return -1;
    return 0;
}

static int parse_json(rows *r, const ast *node, const char *url, const char *s, size_t n,
                      bool multi)
{
    dbuf b = {0};
    size_t i = 0;
    int rc = 0;
    while (i < n && rc == 0) {
        while (i < n &&
               (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == ','))
            i++;
        if (i >= n)
            break;
        size_t e;
        if (multi) {
            e = json_end(s, n, i);
            if (!e)
                e = n;
        } else {
            const char *nl = memchr(s + i, '\n', n - i);
            e = nl ? (size_t)(nl - s) : n;
        }
        rc = json_value(r, node, url, s + i, e - i, &b);
        i = e;
    }
    dbuf_free(&b);
    return rc;
}

/* ---- running -------------------------------------------------------------------- */

static int parse_source(ext_st *s, rows *r, const char *url, const cache_ent *e)
{
    r->skip = s->skip_first;
    switch (s->format) {
    case F_DELIM:
        return parse_delimited(r, e->data, e->n, s->sep);
    case F_TXT:
        return parse_lines(r, e->data, e->n);
    case F_RAW:
        if (rows_begin(r)) {
            rows_set(r, 0, e->data, e->n);
            return rows_end(r);
        }
        return 0;
    default:
        return parse_json(r, s->node, url, e->data, e->n, s->format == F_MULTIJSON);
    }
}

static htable *ext_load(op *o)
{
    ext_st *s = o->st;
    rows r = {0};
    r.q = o->q;
    r.t = table_new("externaldata", &o->schema);
    r.tb = tbuild_new(r.t);
    r.vt = s->format == F_JSON || s->format == F_MULTIJSON ? HT_DYNAMIC : HT_STRING;
    arena_init(&r.a);
    rows_reset(&r);
    int rc = 0;
    for (int u = 0; u < s->nurls && rc == 0; u++) {
        cache_ent *e = fetch(o->q, s->node, s->urls[u]);
        rc = e ? parse_source(s, &r, s->urls[u], e) : -1;
    }
    if (rc == 0 && r.n)
        rc = rows_flush(&r);
    tbuild_finish(r.tb);
    arena_free(&r.a);
    if (rc < 0) {
        table_free(r.t);
        return NULL;
    }
    return r.t;
}

static int ext_next(op *o, batch **out)
{
    ext_st *s = o->st;
    if (!s->scan) {
        htable *t = ext_load(o);
        if (!t)
            return -1;
        s->scan = exec_values(o->q, t);
    }
    return s->scan->next(s->scan, out);
}

/* ---- binding ---------------------------------------------------------------------- */

static int ext_format(qctx *q, const ast *n, ext_st *s)
{
    s->format = F_DELIM;
    s->sep = ',';
    const ast *o = ast_opt(n, "format");
    hstr f;
    if (!o)
        return 0;
    if (!text_opt_str(o, &f))
        return q_error(q, HUNT_ESEMANTIC, o->off, o->len,
                       "externaldata: format must be a name like csv");
    static const struct {
        const char *name;
        int format;
        char sep;
    } fm[] = {{"csv", F_DELIM, ','},   {"tsv", F_DELIM, '\t'},
              {"tsve", F_DELIM, '\t'}, {"scsv", F_DELIM, ';'},
              {"psv", F_DELIM, '|'},   {"sohsv", F_DELIM, '\x01'},
              {"txt", F_TXT, 0},       {"raw", F_RAW, 0},
              {"json", F_JSON, 0},     {"multijson", F_MULTIJSON, 0}};
    for (size_t i = 0; i < sizeof fm / sizeof fm[0]; i++)
        if (strlen(fm[i].name) == f.n && !strncasecmp(fm[i].name, f.p, f.n)) {
            s->format = fm[i].format;
            s->sep = fm[i].sep;
            return 0;
        }
    return q_error(q, HUNT_EUNSUPPORTED, o->off, o->len,
                   "externaldata: format '%.*s' is not supported (csv, tsv, scsv, psv, sohsv, txt, "
                   "raw, json, multijson)",
                   (int)f.n, f.p);
}

static int ext_options(qctx *q, const ast *n, ext_st *s)
{
    if (ext_format(q, n, s) < 0)
        return -1;
    for (int i = 0; n->opts && i < n->opts->nkid; i++) {
        const ast *o = n->opts->kid[i];
        if (o->name.n == 17 && !strncasecmp(o->name.p, "ignoreFirstRecord", 17)) {
            const ast *v = o->nkid ? o->kid[0] : NULL;
            if (!v || v->kind != AST_LITERAL || v->type != HT_BOOL)
                return q_error(q, HUNT_ESEMANTIC, o->off, o->len,
                               "externaldata: ignoreFirstRecord must be true or false");
            s->skip_first = v->ival != 0;
        }
        /* other ingestion properties are accepted and ignored */
    }
    return 0;
}

op *bind_externaldata(qctx *q, bind_scope *sc, const ast *n)
{
    (void)sc;
    if (n->nkid < 1 || n->kid[0]->kind != AST_SCHEMA || n->kid[0]->nkid == 0)
        return unsupported_op(q, n);
    ext_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->node = n;
    if (ext_options(q, n, s) < 0)
        return NULL;
    s->nurls = n->nkid - 1;
    if (s->nurls == 0) {
        q_error(q, HUNT_ESEMANTIC, n->off, n->len, "externaldata needs at least one URL");
        return NULL;
    }
    s->urls = arena_alloc(&q->arena, sizeof(char *) * (size_t)s->nurls);
    for (int i = 0; i < s->nurls; i++) {
        const ast *u = n->kid[i + 1];
        if (u->kind != AST_LITERAL || u->type != HT_STRING || u->op != LIT_VALUE || !u->str.n) {
            q_error(q, HUNT_ESEMANTIC, u->off, u->len,
                    "externaldata: a URL must be a non-empty string literal");
            return NULL;
        }
        s->urls[i] = arena_strndup(&q->arena, u->str.p, u->str.n);
    }
    op *o = op_new(q, "externaldata", 0);
    o->st = s;
    const ast *sch = n->kid[0];
    for (int c = 0; c < sch->nkid; c++) {
        const ast *cd = sch->kid[c];
        char *nm = arena_strndup(&q->arena, cd->name.p, cd->name.n);
        if (schema_find(&o->schema, nm, cd->name.n) >= 0) {
            q_error(q, HUNT_ESEMANTIC, cd->off, cd->len,
                    "externaldata: column '%s' is declared twice", nm);
            return NULL;
        }
        schema_add(&o->schema, nm, cd->type == HT_UNKNOWN ? HT_STRING : cd->type);
    }
    o->next = ext_next;
    return o;
}
