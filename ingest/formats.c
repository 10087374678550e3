/* ingest/formats.c — reading inputs (files, stdin, gzip) and the JSON
 * document formats: export envelopes, advanced hunting answers, Log
 * Analytics answers and ARM/Graph list answers (see formats.h).
 *
 * A whole-document format is recognised by its top-level keys once the
 * input is known to be one JSON object; it is parsed once with jansson and
 * its records handed to ing_load_records (json_load.c) so coercion,
 * inference, AdditionalFields and reporting are the same as for NDJSON.
 * Positions in messages are record numbers ("file.json[records]:3") since a
 * record inside a document has no line of its own. API answers declare
 * their column types: a table hunt does not know is created with them
 * instead of inferred ones.
 */
#include "ingest/formats.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

static const char *const FMT_NAMES[FMT__COUNT] = {"auto",     "json", "csv", "tsv",
                                                  "envelope", "ah",   "la",  "list"};

int fmt_from_name(const char *name)
{
    if (!name || !*name)
        return FMT_AUTO;
    for (int i = 0; i < FMT__COUNT; i++)
        if (strcasecmp(name, FMT_NAMES[i]) == 0)
            return i;
    if (!strcasecmp(name, "ndjson") || !strcasecmp(name, "jsonl"))
        return FMT_JSON;
    if (!strcasecmp(name, "advanced-hunting"))
        return FMT_AH;
    if (!strcasecmp(name, "log-analytics"))
        return FMT_LA;
    return -1;
}

const char *fmt_name(int fmt)
{
    return fmt >= 0 && fmt < FMT__COUNT ? FMT_NAMES[fmt] : "?";
}

/* --- reading --------------------------------------------------------------- */

static int read_fd(int fd, const char *path, char **out, size_t *n, char *err, size_t cap)
{
    size_t have = 0, room = 0;
    char *buf = NULL;
    for (;;) {
        if (have == room) {
            room = room ? 2 * room : 1 << 16;
            char *q = realloc(buf, room);
            if (!q)
                abort();
            buf = q;
        }
        ssize_t r = read(fd, buf + have, room - have);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            snprintf(err, cap, "%s: cannot read: %s", path, strerror(errno));
            free(buf);
            return -1;
        }
        if (r == 0)
            break;
        have += (size_t)r;
    }
    *out = buf;
    *n = have;
    return 0;
}

/* Inflates gzip data (every member); a damaged stream keeps what decoded. */
static int gunzip(fmt_input *in, const char *path, ing_diag_fn diag, void *diag_arg)
{
    z_stream z = {0};
    size_t cap = in->n * 4 + 4096, have = 0;
    char *out = malloc(cap);
    if (!out || inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        abort();
    z.next_in = (unsigned char *)in->data;
    z.avail_in = (uInt)(in->n > UINT32_MAX ? UINT32_MAX : in->n);
    size_t consumed = 0;
    int rc = Z_OK;
    for (;;) {
        if (have == cap) {
            cap *= 2;
            out = realloc(out, cap);
            if (!out)
                abort();
        }
        z.next_out = (unsigned char *)out + have;
        z.avail_out = (uInt)(cap - have > UINT32_MAX ? UINT32_MAX : cap - have);
        size_t before_in = z.avail_in;
        rc = inflate(&z, Z_NO_FLUSH);
        consumed += before_in - z.avail_in;
        have = (size_t)((char *)z.next_out - out);
        if (rc == Z_STREAM_END) {
            size_t left = in->n - consumed;
            if (left < 2 || (unsigned char)in->data[consumed] != 0x1f)
                break;        /* done (trailing garbage after the last member ignored) */
            inflateReset(&z); /* another member */
            z.next_in = (unsigned char *)in->data + consumed;
            z.avail_in = (uInt)(left > UINT32_MAX ? UINT32_MAX : left);
            continue;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            break;
        if (rc == Z_BUF_ERROR && z.avail_out != 0) {
            if (z.avail_in == 0 && consumed < in->n) {
                size_t left = in->n - consumed;
                z.avail_in = (uInt)(left > UINT32_MAX ? UINT32_MAX : left);
                continue;
            }
            break; /* input ended inside the stream */
        }
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END && diag) {
        char msg[512];
        snprintf(msg, sizeof msg,
                 "%s: gzip data %s after %zu decompressed bytes; loading what was decoded", path,
                 rc == Z_DATA_ERROR ? "corrupt" : "truncated", have);
        diag(diag_arg, msg);
    }
    if (in->mapped)
        munmap(in->data, in->n);
    else
        free(in->data);
    in->data = out;
    in->n = have;
    in->mapped = false;
    in->gzipped = true;
    return 0;
}

int fmt_read(const char *path, fmt_input *in, ing_diag_fn diag, void *diag_arg, char *err,
             size_t errcap)
{
    memset(in, 0, sizeof *in);
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errcap, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat sb;
    if (!is_stdin && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
        void *m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            in->data = m;
            in->n = (size_t)sb.st_size;
            in->mapped = true;
            madvise(m, in->n, MADV_SEQUENTIAL);
        }
    }
    if (!in->mapped && read_fd(fd, is_stdin ? "stdin" : path, &in->data, &in->n, err, errcap)) {
        if (!is_stdin)
            close(fd);
        return -1;
    }
    if (!is_stdin)
        close(fd);
    in->raw_bytes = (int64_t)in->n;
    if (in->n >= 2 && (unsigned char)in->data[0] == 0x1f && (unsigned char)in->data[1] == 0x8b)
        return gunzip(in, is_stdin ? "stdin" : path, diag, diag_arg);
    return 0;
}

void fmt_input_free(fmt_input *in)
{
    if (in->mapped)
        munmap(in->data, in->n);
    else
        free(in->data);
    memset(in, 0, sizeof *in);
}

/* --- detection ----------------------------------------------------------------- */

static const char *skip_bom_ws(const char *p, const char *end)
{
    if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

/* End of the object or array at p, or NULL; *nl: whether it spans lines. */
static const char *value_end(const char *p, const char *end, bool *nl)
{
    int depth = 0;
    bool instr = false;
    *nl = false;
    for (; p < end; p++) {
        char ch = *p;
        if (ch == '\n')
            *nl = true;
        if (instr) {
            if (ch == '\\')
                p++;
            else if (ch == '"')
                instr = false;
        } else if (ch == '"') {
            instr = true;
        } else if (ch == '{' || ch == '[') {
            depth++;
        } else if ((ch == '}' || ch == ']') && --depth == 0) {
            return p + 1;
        }
    }
    return NULL;
}

bool fmt_is_ndjson(const char *data, size_t n)
{
    const char *end = data + n, *p = skip_bom_ws(data, end);
    bool nl;
    if (p >= end || *p != '{')
        return false;
    const char *e = value_end(p, end, &nl);
    return e && !nl && skip_bom_ws(e, end) < end;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

/* True when the text is one JSON object and nothing else. */
static bool single_object(const char *data, size_t n)
{
    const char *end = data + n, *p = skip_bom_ws(data, end);
    bool nl;
    if (p >= end || *p != '{')
        return false;
    const char *e = value_end(p, end, &nl);
    return e && skip_bom_ws(e, end) == end;
}

/* Which document format the keys of a top-level object say. */
static int doc_kind(json_t *doc)
{
    if (json_is_array(json_object_get(doc, "records")))
        return FMT_ENVELOPE;
    if (json_is_array(json_object_get(doc, "Results")))
        return FMT_AH;
    if (json_is_array(json_object_get(doc, "tables")))
        return FMT_LA;
    if (json_is_array(json_object_get(doc, "value")))
        return FMT_LIST;
    return FMT_JSON;
}

/* Document formats are recognised by cheap key probes on the first bytes;
 * the full answer comes from doc_kind once parsed. */
int fmt_detect(const char *name, const char *data, size_t n)
{
    if (name && (ends_with(name, ".csv") || ends_with(name, ".csv.gz")))
        return FMT_CSV;
    if (name && (ends_with(name, ".tsv") || ends_with(name, ".tsv.gz")))
        return FMT_TSV;
    const char *end = data + n, *p = skip_bom_ws(data, end);
    if (p < end && (*p == '{' || *p == '['))
        return FMT_JSON;
    if (p >= end)
        return FMT_JSON;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = (size_t)((nl ? nl : end) - p);
    size_t tabs = 0, commas = 0;
    for (size_t i = 0; i < len; i++) {
        tabs += p[i] == '\t';
        commas += p[i] == ',';
    }
    if (tabs > 0 && tabs >= commas)
        return FMT_TSV;
    if (commas > 0)
        return FMT_CSV;
    return FMT_JSON;
}

/* --- declared schemas ----------------------------------------------------------- */

/* A KQL type from an API's type name: Kusto/LA ("datetime", "long") or the
 * .NET names of advanced hunting ("DateTime", "Int64", "Object"). */
static htype api_type(const char *t)
{
    static const struct {
        const char *name;
        htype type;
    } map[] = {{"Int64", HT_LONG},   {"Int32", HT_INT},         {"Double", HT_REAL},
               {"Boolean", HT_BOOL}, {"DateTime", HT_DATETIME}, {"Object", HT_DYNAMIC},
               {"SByte", HT_BOOL},   {"TimeSpan", HT_TIMESPAN}, {"Guid", HT_GUID},
               {"Decimal", HT_REAL}, {"Single", HT_REAL}};
    if (!t)
        return HT_STRING;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(t, map[i].name) == 0)
            return map[i].type;
    htype k = ht_from_name(t, strlen(t));
    return k == HT_UNKNOWN ? HT_STRING : k;
}

static bool is_builtin(const char *table)
{
    for (const builtin_schema *b = builtin_schemas; b->table; b++)
        if (strcmp(b->table, table) == 0)
            return true;
    return false;
}

/* Creates table with the declared columns (cols: objects with a name key
 * and a type key) when hunt does not know it yet. */
static void declare_table(hcatalog *cat, const char *table, json_t *cols, const char *nkey,
                          const char *tkey)
{
    if (catalog_find(cat, table, strlen(table)) || is_builtin(table) || !json_array_size(cols))
        return;
    hschema s;
    schema_init(&s);
    size_t i;
    json_t *c;
    json_array_foreach(cols, i, c)
    {
        const char *name = json_string_value(json_object_get(c, nkey));
        if (name && *name && schema_find(&s, name, strlen(name)) < 0)
            schema_add(&s, name, api_type(json_string_value(json_object_get(c, tkey))));
    }
    if (s.ncols)
        catalog_create(cat, table, &s);
    schema_free(&s);
}

/* --- record lists ---------------------------------------------------------------- */

typedef struct reclist {
    json_t **v;
    long *pos;
    size_t n, cap;
} reclist;

static void reclist_add(reclist *l, json_t *rec, long pos)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        l->pos = realloc(l->pos, l->cap * sizeof *l->pos);
        if (!l->v || !l->pos)
            abort();
    }
    l->v[l->n] = rec;
    l->pos[l->n++] = pos;
}

static void reclist_free(reclist *l)
{
    for (size_t i = 0; i < l->n; i++)
        json_decref(l->v[i]);
    free(l->v);
    free(l->pos);
    memset(l, 0, sizeof *l);
}

/* The state of one fmt_load call: the caller's hooks plus the alert map. */
typedef struct fload {
    hcatalog *cat;
    const char *name;
    ing_opts o;
    const ing_opts *user;
    ing_stats *st;
    ing_diag_fn diag;
    void *diag_arg;
    char *err;
    size_t errcap;
} fload;

static json_t *alert_xform(void *arg, json_t *rec)
{
    fload *f = arg;
    json_t *m = alert_map(rec, (int64_t)time(NULL) * HT_TICKS_PER_SEC);
    if (!m && f->user && f->user->xform)
        return f->user->xform(f->user->xform_arg, rec);
    return m;
}

/* The hooks for one target table: the alert mapping for SecurityAlert. */
static const ing_opts *opts_for(fload *f, const char *table)
{
    f->o = f->user ? *f->user : (ing_opts){0};
    if (table && strcmp(table, "SecurityAlert") == 0) {
        f->o.xform = alert_xform;
        f->o.xform_arg = f;
    }
    return &f->o;
}

static int load_list(fload *f, const char *table, const char *where, reclist *l)
{
    char name[1024];
    snprintf(name, sizeof name, "%s[%s]", f->name, where);
    return ing_load_records(f->cat, table, name, l->v, l->pos, l->n, opts_for(f, table), f->st,
                            f->diag, f->diag_arg, f->err, f->errcap);
}

/* The table a path names by its base name up to the first '.'. */
static void table_from_name(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strcspn(b, ".");
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), b);
}

/* --- envelope --------------------------------------------------------------------- */

/* "AdvancedHunting-DeviceEvents" -> "DeviceEvents"; other categories as
 * they are. */
static void table_from_category(const char *cat, char *out, size_t cap)
{
    const char *p = cat;
    if (strncasecmp(p, "AdvancedHunting-", 16) == 0)
        p += 16;
    snprintf(out, cap, "%s", p);
}

/* One envelope record: its properties, plus time as TimeGenerated when the
 * properties have no time of their own. */
static json_t *envelope_record(json_t *r)
{
    json_t *p = json_object_get(r, "properties");
    if (!json_is_object(p))
        return json_incref(r);
    json_t *out = json_copy(p);
    json_t *t = json_object_get(r, "time");
    if (t && !json_object_get(out, "Timestamp") && !json_object_get(out, "TimeGenerated"))
        json_object_set(out, "TimeGenerated", t);
    return out;
}

static int load_envelope(fload *f, const char *table, json_t *doc)
{
    json_t *recs = json_object_get(doc, "records"), *r;
    char fallback[256];
    table_from_name(f->name, fallback, sizeof fallback);
    /* group by target table, keeping each group's order */
    char **names = NULL;
    reclist *lists = NULL;
    int ng = 0, rc = 0;
    size_t i;
    json_array_foreach(recs, i, r)
    {
        char tn[256];
        const char *cat = json_string_value(json_object_get(r, "category"));
        if (table && *table)
            snprintf(tn, sizeof tn, "%s", table);
        else if (cat && *cat)
            table_from_category(cat, tn, sizeof tn);
        else
            snprintf(tn, sizeof tn, "%s", fallback);
        int g = 0;
        while (g < ng && strcmp(names[g], tn) != 0)
            g++;
        if (g == ng) {
            names = realloc(names, (size_t)(ng + 1) * sizeof *names);
            lists = realloc(lists, (size_t)(ng + 1) * sizeof *lists);
            if (!names || !lists)
                abort();
            names[g] = strdup(tn);
            memset(&lists[g], 0, sizeof lists[g]);
            ng++;
        }
        reclist_add(&lists[g], envelope_record(r), (long)i + 1);
    }
    for (int g = 0; g < ng; g++) {
        if (rc == 0 && load_list(f, names[g], "records", &lists[g]) != 0)
            rc = -1;
        reclist_free(&lists[g]);
        free(names[g]);
    }
    free(names);
    free(lists);
    return rc;
}

/* --- API answers ------------------------------------------------------------------ */

/* {"Schema":[{"Name","Type"}],"Results":[{...}]} */
static int load_ah(fload *f, const char *table, json_t *doc)
{
    declare_table(f->cat, table, json_object_get(doc, "Schema"), "Name", "Type");
    reclist l = {0};
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(doc, "Results"), i, r)
    {
        reclist_add(&l, json_incref(r), (long)i + 1);
    }
    int rc = load_list(f, table, "Results", &l);
    reclist_free(&l);
    return rc;
}

/* One row array as an object keyed by the column names. */
static json_t *la_row(json_t *cols, json_t *row)
{
    if (!json_is_array(row))
        return json_incref(row); /* rejected by the loader, with its text */
    json_t *o = json_object();
    size_t i;
    json_t *v;
    json_array_foreach(row, i, v)
    {
        const char *name = json_string_value(json_object_get(json_array_get(cols, i), "name"));
        if (!name)
            name = json_string_value(json_object_get(json_array_get(cols, i), "ColumnName"));
        if (name)
            json_object_set(o, name, v);
    }
    return o;
}

/* {"tables":[{"name","columns":[{"name","type"}],"rows":[[...]]}]}: the
 * first table (PrimaryResult). */
static int load_la(fload *f, const char *table, json_t *doc)
{
    json_t *t = json_array_get(json_object_get(doc, "tables"), 0);
    json_t *cols = json_object_get(t, "columns");
    const char *tkey = json_object_get(json_array_get(cols, 0), "type") ? "type" : "ColumnType";
    const char *nkey = json_object_get(json_array_get(cols, 0), "name") ? "name" : "ColumnName";
    declare_table(f->cat, table, cols, nkey, tkey);
    reclist l = {0};
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(t, "rows"), i, r)
    {
        reclist_add(&l, la_row(cols, r), (long)i + 1);
    }
    int rc = load_list(f, table, "rows", &l);
    reclist_free(&l);
    return rc;
}

/* {"value":[...]}: ARM and Graph list answers (alerts among them). */
static int load_value_list(fload *f, const char *table, json_t *doc)
{
    reclist l = {0};
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(doc, "value"), i, r)
    {
        reclist_add(&l, json_incref(r), (long)i + 1);
    }
    int rc = load_list(f, table, "value", &l);
    reclist_free(&l);
    return rc;
}

/* --- dispatch --------------------------------------------------------------------- */

/* The default table of a document: SecurityAlert for alert resources, else
 * the input's base name. */
static void default_table(const char *name, json_t *first, char *out, size_t cap)
{
    if (first && alert_is_resource(first))
        snprintf(out, cap, "SecurityAlert");
    else
        table_from_name(name, out, cap);
}

static json_t *first_record(json_t *doc, int kind)
{
    if (kind == FMT_LIST)
        return json_array_get(json_object_get(doc, "value"), 0);
    return kind == FMT_JSON ? doc : NULL;
}

/* Parses a whole document and loads it by the format its keys say (or the
 * one asked for). */
static int load_document(fload *f, const char *table, const char *data, size_t n, int fmt)
{
    json_error_t je;
    json_t *doc = json_loadb(data, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
    if (!doc) {
        snprintf(f->err, f->errcap, "%s:%d: invalid JSON: %s (column %d)", f->name, je.line,
                 je.text, je.column);
        return -1;
    }
    int kind = json_is_object(doc) ? doc_kind(doc) : FMT_JSON;
    if (fmt != FMT_AUTO && fmt != FMT_JSON && fmt != kind) {
        snprintf(f->err, f->errcap, "%s: not a %s document", f->name, fmt_name(fmt));
        json_decref(doc);
        return -1;
    }
    char tn[256];
    if (table && *table)
        snprintf(tn, sizeof tn, "%s", table);
    else
        default_table(f->name, first_record(doc, kind), tn, sizeof tn);
    int rc;
    switch (kind) {
    case FMT_ENVELOPE:
        rc = load_envelope(f, table, doc);
        break;
    case FMT_AH:
        rc = load_ah(f, tn, doc);
        break;
    case FMT_LA:
        rc = load_la(f, tn, doc);
        break;
    case FMT_LIST:
        rc = load_value_list(f, tn, doc);
        break;
    default:
        rc = ing_load_ex(f->cat, tn, f->name, data, n, opts_for(f, tn), f->st, f->diag, f->diag_arg,
                         f->err, f->errcap);
        break;
    }
    json_decref(doc);
    return rc;
}

/* The first record of NDJSON or an array, parsed, to pick a default table. */
static json_t *peek_first(const char *data, size_t n)
{
    const char *end = data + n, *p = skip_bom_ws(data, end);
    if (p < end && *p == '[')
        p = skip_bom_ws(p + 1, end);
    bool nl;
    const char *e = p < end && *p == '{' ? value_end(p, end, &nl) : NULL;
    return e ? json_loadb(p, (size_t)(e - p), 0, NULL) : NULL;
}

int fmt_load(hcatalog *cat, const char *table, const char *name, const char *data, size_t n,
             int fmt, const ing_opts *o, ing_stats *st, ing_diag_fn diag, void *diag_arg, char *err,
             size_t errcap)
{
    fload f = {cat, name, {0}, o, st, diag, diag_arg, err, errcap};
    if (fmt == FMT_AUTO)
        fmt = fmt_detect(name, data, n);
    if (fmt == FMT_CSV || fmt == FMT_TSV) {
        char tn[256];
        if (!table || !*table)
            table_from_name(name, tn, sizeof tn);
        return csv_load(cat, table && *table ? table : tn, name, data, n,
                        fmt == FMT_TSV ? '\t' : ',', opts_for(&f, table && *table ? table : tn), st,
                        diag, diag_arg, err, errcap);
    }
    if (fmt != FMT_JSON || single_object(data, n))
        return load_document(&f, table, data, n, fmt);
    char tn[256];
    if (table && *table) {
        snprintf(tn, sizeof tn, "%s", table);
    } else {
        json_t *first = peek_first(data, n);
        default_table(name, first, tn, sizeof tn);
        json_decref(first);
    }
    return ing_load_ex(cat, tn, name, data, n, opts_for(&f, tn), st, diag, diag_arg, err, errcap);
}
