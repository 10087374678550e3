/* engine/exec_parse_kv.c — the parse-kv operator: key/value extraction.
 *
 * `parse-kv Expr as (k1:type, k2:type, ...) with (...)` adds one column per
 * listed key, filled from the first appearance of that key in the text
 * (later ones are ignored; a missing key is null, "" for strings). Keys and
 * values are trimmed of surrounding white space. Three modes, per the docs:
 *
 *   specified delimiters  pair_delimiter= and kv_delimiter= (any strings)
 *                         split the text into pairs. quote= (one char, or two
 *                         for different open/close chars; repeatable) lets a
 *                         key or value hold delimiters; escape= (one char,
 *                         repeatable) escapes the next char inside quotes.
 *                         greedy=true: an unquoted value runs to the next key
 *                         (the pair delimiter before the next kv delimiter)
 *                         or the end, instead of to the next pair delimiter.
 *   no delimiters         each listed key is looked up as a whole word,
 *                         followed by one non-alphanumeric delimiter char;
 *                         the value is a quoted string or a run of
 *                         alphanumeric/'_' chars ("any nonalphanumeric
 *                         character is considered a delimiter").
 *   regex=                a regex with exactly two groups, key and value;
 *                         matches are scanned left to right.
 *
 * Streaming: one output batch per input batch; values that needed unquoting
 * are copied into the operator's arena.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "exec_text.h"

#include <ctype.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#define KV_MAX_QUOTES 8

typedef struct kv_st {
    bexpr *src;
    int nkeys;
    hstr *keys;
    htype *types;
    int *outcol;
    int *passcol;
    hstr pair, kv; /* delimiters; n = 0 when not given */
    char qopen[KV_MAX_QUOTES], qclose[KV_MAX_QUOTES];
    int nquotes;
    char esc[KV_MAX_QUOTES];
    int nesc;
    bool greedy;
    pcre2_code *re;
    pcre2_match_data *md;
    pcre2_match_context *mc;
} kv_st;

/* What one row yields: a value per key, and whether it was found. */
typedef struct kv_row {
    hstr *val;
    uint8_t *found;
    harena *a;
} kv_row;

/* ---- small text helpers ------------------------------------------------- */

static hstr trim_ws(hstr s)
{
    while (s.n && isspace((unsigned char)s.p[0]))
        s.p++, s.n--;
    while (s.n && isspace((unsigned char)s.p[s.n - 1]))
        s.n--;
    return s;
}

static bool at(hstr t, uint32_t i, hstr d)
{
    return d.n && i + d.n <= t.n && !memcmp(t.p + i, d.p, d.n);
}

static int quote_of(const kv_st *s, char c)
{
    for (int q = 0; q < s->nquotes; q++)
        if (s->qopen[q] == c)
            return q;
    return -1;
}

static bool is_esc(const kv_st *s, char c)
{
    for (int e = 0; e < s->nesc; e++)
        if (s->esc[e] == c)
            return true;
    return false;
}

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80;
}

/* Reads a quoted string starting at t[*i] (the open quote); the unescaped
 * content goes to *out (copied when escapes were removed). */
static void read_quoted(const kv_st *s, hstr t, uint32_t *i, int q, harena *a, hstr *out)
{
    uint32_t j = *i + 1, start = j;
    bool copied = false;
    char *buf = NULL;
    uint32_t bn = 0;
    while (j < t.n && t.p[j] != s->qclose[q]) {
        if (is_esc(s, t.p[j]) && j + 1 < t.n) {
            if (!copied) {
                buf = arena_alloc(a, t.n - start + 1);
                memcpy(buf, t.p + start, j - start);
                bn = j - start;
                copied = true;
            }
            buf[bn++] = t.p[j + 1];
            j += 2;
            continue;
        }
        if (copied)
            buf[bn++] = t.p[j];
        j++;
    }
    *out = copied ? (hstr){buf, bn} : (hstr){t.p + start, j - start};
    *i = j < t.n ? j + 1 : j;
}

/* Records a pair when its key is one of the wanted keys (first one wins). */
static void take_pair(const kv_st *s, kv_row *r, hstr key, hstr val)
{
    key = trim_ws(key);
    for (int k = 0; k < s->nkeys; k++) {
        if (r->found[k] || key.n != s->keys[k].n || memcmp(key.p, s->keys[k].p, key.n))
            continue;
        r->val[k] = trim_ws(val);
        r->found[k] = 1;
        return;
    }
}

/* ---- specified delimiters ---------------------------------------------- */

/* Position of the next occurrence of d at or after i, or t.n. */
static uint32_t find_from(hstr t, uint32_t i, hstr d)
{
    for (; i < t.n; i++)
        if (at(t, i, d))
            return i;
    return t.n;
}

/* Greedy value end: the pair delimiter before the next kv delimiter. */
static uint32_t greedy_end(const kv_st *s, hstr t, uint32_t from)
{
    uint32_t nextkv = find_from(t, from, s->kv);
    if (nextkv >= t.n)
        return t.n;
    uint32_t end = t.n, p = from;
    bool any = false;
    while ((p = find_from(t, p, s->pair)) < nextkv) {
        end = p;
        any = true;
        p += s->pair.n;
    }
    return any ? end : t.n;
}

/* Reads a key (quoted or not) from t[*i]; stops at kv or pair delimiter. */
static void read_key(const kv_st *s, hstr t, uint32_t *i, harena *a, hstr *key)
{
    while (*i < t.n && isspace((unsigned char)t.p[*i]) && !at(t, *i, s->pair) && !at(t, *i, s->kv))
        (*i)++;
    int q = *i < t.n ? quote_of(s, t.p[*i]) : -1;
    if (q >= 0) {
        read_quoted(s, t, i, q, a, key);
        while (*i < t.n && !at(t, *i, s->kv) && !at(t, *i, s->pair))
            (*i)++;
        return;
    }
    uint32_t st = *i;
    while (*i < t.n && !at(t, *i, s->kv) && !at(t, *i, s->pair))
        (*i)++;
    *key = (hstr){t.p + st, *i - st};
}

/* Reads a value from t[*i] (after the kv delimiter); leaves *i at the pair
 * delimiter that ends it (or the end). */
static void read_value(const kv_st *s, hstr t, uint32_t *i, harena *a, hstr *val)
{
    while (*i < t.n && isspace((unsigned char)t.p[*i]) && !at(t, *i, s->pair))
        (*i)++;
    int q = *i < t.n ? quote_of(s, t.p[*i]) : -1;
    if (q >= 0) {
        read_quoted(s, t, i, q, a, val);
        *i = find_from(t, *i, s->pair);
        return;
    }
    uint32_t st = *i;
    *i = s->greedy ? greedy_end(s, t, st) : find_from(t, st, s->pair);
    *val = (hstr){t.p + st, *i - st};
}

static void scan_delimited(const kv_st *s, hstr t, kv_row *r)
{
    uint32_t i = 0;
    while (i < t.n) {
        hstr key = {"", 0}, val = {"", 0};
        read_key(s, t, &i, r->a, &key);
        if (i < t.n && at(t, i, s->kv)) {
            i += s->kv.n;
            read_value(s, t, &i, r->a, &val);
            take_pair(s, r, key, val);
        }
        if (i < t.n && at(t, i, s->pair))
            i += s->pair.n;
        else if (i < t.n && !at(t, i, s->kv))
            i++;
        else if (i < t.n)
            i += s->kv.n; /* a stray kv delimiter */
    }
}

/* ---- no delimiters ---------------------------------------------------- */

/* Tries key k at position p: whole word, delimiter char, value. */
static bool try_key_at(const kv_st *s, hstr t, uint32_t p, hstr key, harena *a, hstr *val)
{
    if (p > 0 && word_char(t.p[p - 1]))
        return false;
    uint32_t i = p + key.n;
    if (i < t.n && word_char(t.p[i]) && word_char(key.p[key.n - 1]))
        return false;
    while (i < t.n && t.p[i] == ' ')
        i++;
    if (i >= t.n || word_char(t.p[i]) || isspace((unsigned char)t.p[i]) || quote_of(s, t.p[i]) >= 0)
        return false;
    i++; /* the delimiter */
    while (i < t.n && t.p[i] == ' ')
        i++;
    int q = i < t.n ? quote_of(s, t.p[i]) : -1;
    if (q >= 0) {
        read_quoted(s, t, &i, q, a, val);
        return true;
    }
    uint32_t st = i;
    while (i < t.n && word_char(t.p[i]))
        i++;
    *val = (hstr){t.p + st, i - st};
    return true;
}

static void scan_free(const kv_st *s, hstr t, kv_row *r)
{
    for (int k = 0; k < s->nkeys; k++) {
        hstr key = s->keys[k];
        if (!key.n)
            continue;
        for (uint32_t p = 0; p + key.n <= t.n; p++) {
            if (memcmp(t.p + p, key.p, key.n))
                continue;
            hstr v;
            if (try_key_at(s, t, p, key, r->a, &v)) {
                r->val[k] = trim_ws(v);
                r->found[k] = 1;
                break;
            }
        }
    }
}

/* ---- regex ------------------------------------------------------------- */

static void scan_regex(const kv_st *s, hstr t, kv_row *r)
{
    size_t pos = 0;
    while (pos <= t.n) {
        int rc = pcre2_match(s->re, (PCRE2_SPTR)t.p, t.n, pos, 0, s->md, s->mc);
        if (rc < 0)
            return;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
        hstr g[3] = {{"", 0}, {"", 0}, {"", 0}};
        for (int k = 1; k < 3 && k < rc; k++)
            if (ov[2 * k] != PCRE2_UNSET && ov[2 * k + 1] >= ov[2 * k])
                g[k] = (hstr){t.p + ov[2 * k], (uint32_t)(ov[2 * k + 1] - ov[2 * k])};
        take_pair(s, r, g[1], g[2]);
        pos = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
    }
}

/* ---- running ------------------------------------------------------------ */

static int kv_batch(op *o, const batch *in, batch **out)
{
    kv_st *s = o->st;
    uint32_t n = in->n;
    hvec sv;
    if (expr_eval_as(o->q, s->src, in, &o->arena, HT_STRING, &sv) < 0)
        return -1;
    hvec *strs = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)s->nkeys);
    uint8_t **found = arena_zalloc(&o->arena, sizeof(uint8_t *) * (size_t)s->nkeys);
    for (int k = 0; k < s->nkeys; k++) {
        vec_alloc(&o->arena, &strs[k], HT_STRING, n);
        found[k] = arena_zalloc(&o->arena, n ? n : 1);
    }
    kv_row r;
    r.val = arena_alloc(&o->arena, sizeof(hstr) * (size_t)s->nkeys);
    r.found = arena_alloc(&o->arena, (size_t)s->nkeys);
    r.a = &o->arena;
    for (uint32_t i = 0; i < n; i++) {
        memset(r.found, 0, (size_t)s->nkeys);
        hstr t = vec_is_null(&sv, i) ? (hstr){"", 0} : vec_s(&sv, i);
        if (s->re)
            scan_regex(s, t, &r);
        else if (s->kv.n)
            scan_delimited(s, t, &r);
        else
            scan_free(s, t, &r);
        for (int k = 0; k < s->nkeys; k++) {
            strs[k].s[i] = r.found[k] ? r.val[k] : (hstr){"", 0};
            found[k][i] = r.found[k];
        }
    }
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = n;
    b->ncols = o->schema.ncols;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(b->ncols ? b->ncols : 1));
    for (int c = 0; c < b->ncols; c++)
        if (s->passcol[c] >= 0)
            b->cols[c] = in->cols[s->passcol[c]];
    for (int k = 0; k < s->nkeys; k++) {
        hvec *d = &b->cols[s->outcol[k]];
        if (text_convert(o->q, &o->arena, &strs[k], s->types[k], d) < 0)
            return -1;
        if (d->type != HT_STRING)
            for (uint32_t i = 0; i < n; i++)
                if (!found[k][i])
                    vec_set_null(&o->arena, d, i);
    }
    *out = b;
    return 0;
}

static int kv_next(op *o, batch **out)
{
    batch *in;
    if (o->kids[0]->next(o->kids[0], &in) < 0)
        return -1;
    if (!in) {
        *out = NULL;
        return 0;
    }
    arena_reset(&o->arena);
    return kv_batch(o, in, out);
}

static void kv_close(op *o)
{
    kv_st *s = o->st;
    pcre2_match_data_free(s->md);
    pcre2_match_context_free(s->mc);
    pcre2_code_free(s->re);
    s->re = NULL;
    s->md = NULL;
    s->mc = NULL;
}

/* ---- binding ------------------------------------------------------------ */

static bool opt_is(const ast *o, const char *name)
{
    return o && o->kind == AST_OPTION && o->name.n == strlen(name) &&
           !memcmp(o->name.p, name, o->name.n);
}

static int kv_opt_char(qctx *q, const ast *o, hstr v, kv_st *s)
{
    if (opt_is(o, "quote")) {
        if ((v.n != 1 && v.n != 2) || s->nquotes >= KV_MAX_QUOTES)
            return q_error(q, HUNT_ESEMANTIC, o->off, o->len,
                           "parse-kv: quote must be one or two characters");
        s->qopen[s->nquotes] = v.p[0];
        s->qclose[s->nquotes++] = v.p[v.n - 1];
        return 0;
    }
    if (v.n != 1 || s->nesc >= KV_MAX_QUOTES)
        return q_error(q, HUNT_ESEMANTIC, o->off, o->len, "parse-kv: escape must be one character");
    s->esc[s->nesc++] = v.p[0];
    return 0;
}

static int kv_compile_regex(qctx *q, const ast *o, hstr v, kv_st *s)
{
    int ec;
    PCRE2_SIZE eo;
    s->re =
        pcre2_compile((PCRE2_SPTR)v.p, v.n, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ec, &eo, NULL);
    if (!s->re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        return q_error(q, HUNT_ESEMANTIC, o->off, o->len, "parse-kv: invalid regex: %s",
                       (const char *)msg);
    }
    uint32_t c = 0;
    pcre2_pattern_info(s->re, PCRE2_INFO_CAPTURECOUNT, &c);
    if (c != 2)
        return q_error(
            q, HUNT_ESEMANTIC, o->off, o->len,
            "parse-kv: the regex must have exactly two capturing groups (key, value); it has %u",
            c);
    s->md = pcre2_match_data_create_from_pattern(s->re, NULL);
    s->mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(s->mc, 2000000u);
    pcre2_set_depth_limit(s->mc, 20000u);
    return 0;
}

static int kv_one_opt(qctx *q, const ast *o, kv_st *s)
{
    hstr v = {"", 0};
    bool isstr = text_opt_str(o, &v) && o->kid[0]->kind == AST_LITERAL;
    if (opt_is(o, "greedy")) {
        const ast *x = o->nkid ? o->kid[0] : NULL;
        if (!x || x->kind != AST_LITERAL || x->type != HT_BOOL)
            return q_error(q, HUNT_ESEMANTIC, o->off, o->len,
                           "parse-kv: greedy must be true or false");
        s->greedy = x->ival != 0;
        return 0;
    }
    if (!isstr)
        return q_error(q, HUNT_ESEMANTIC, o->off, o->len,
                       "parse-kv: option '%.*s' needs a string value", (int)o->name.n, o->name.p);
    if (opt_is(o, "pair_delimiter") || opt_is(o, "kv_delimiter")) {
        if (!v.n)
            return q_error(q, HUNT_ESEMANTIC, o->off, o->len,
                           "parse-kv: a delimiter can't be empty");
        *(opt_is(o, "pair_delimiter") ? &s->pair : &s->kv) = v;
        return 0;
    }
    if (opt_is(o, "quote") || opt_is(o, "escape"))
        return kv_opt_char(q, o, v, s);
    if (opt_is(o, "regex"))
        return kv_compile_regex(q, o, v, s);
    return q_error(q, HUNT_ESEMANTIC, o->off, o->len,
                   "parse-kv: unknown option '%.*s' (expected pair_delimiter, kv_delimiter, quote, "
                   "escape, greedy or regex)",
                   (int)o->name.n, o->name.p);
}

static int kv_options(qctx *q, const ast *n, kv_st *s)
{
    const ast *opts = n->opts;
    for (int i = 0; opts && i < opts->nkid; i++)
        if (kv_one_opt(q, opts->kid[i], s) < 0)
            return -1;
    if ((s->pair.n != 0) != (s->kv.n != 0))
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                       "parse-kv: pair_delimiter and kv_delimiter go together");
    if (s->re && (s->pair.n || s->nquotes || s->nesc || s->greedy))
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                       "parse-kv: regex= can't be combined with other options");
    if (s->greedy && !s->pair.n)
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                       "parse-kv: greedy needs pair_delimiter and kv_delimiter");
    return 0;
}

static int kv_keys(qctx *q, const ast *schema, op *in, kv_st *s, hschema *out)
{
    int nk = schema->nkid;
    if (nk == 0)
        return q_error(q, HUNT_ESEMANTIC, schema->off, schema->len, "parse-kv: no keys to extract");
    s->nkeys = nk;
    s->keys = arena_zalloc(&q->arena, sizeof(hstr) * (size_t)nk);
    s->types = arena_zalloc(&q->arena, sizeof(htype) * (size_t)nk);
    s->outcol = arena_zalloc(&q->arena, sizeof(int) * (size_t)nk);
    s->passcol = arena_alloc(&q->arena, sizeof(int) * (size_t)(in->schema.ncols + nk));
    for (int c = 0; c < in->schema.ncols; c++)
        s->passcol[c] = c;
    for (int k = 0; k < nk; k++) {
        const ast *cd = schema->kid[k];
        char *nm = arena_strndup(&q->arena, cd->name.p, cd->name.n);
        s->keys[k] = (hstr){nm, cd->name.n};
        s->types[k] = cd->type == HT_UNKNOWN ? HT_STRING : cd->type;
        for (int j = 0; j < k; j++)
            if (!strcmp(out->names[s->outcol[j]], nm))
                return q_error(q, HUNT_ESEMANTIC, cd->off, cd->len,
                               "parse-kv: key '%s' is listed twice", nm);
        s->outcol[k] = text_schema_put(out, nm, s->types[k]);
        s->passcol[s->outcol[k]] = -1;
    }
    return 0;
}

op *bind_parse_kv(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    if (n->nkid < 2 || n->kid[1]->kind != AST_SCHEMA)
        return unsupported_op(q, n);
    kv_st *s = arena_zalloc(&q->arena, sizeof *s);
    op *o = op_new(q, "parse-kv", 1); /* created first so close frees the regex */
    o->kids[0] = in;
    o->st = s;
    o->close = kv_close;
    o->next = kv_next;
    o->serialized = in->serialized;
    if (kv_options(q, n, s) < 0)
        return NULL;
    s->src = bind_scalar(q, sc, &in->schema, n->kid[0]);
    if (!s->src)
        return NULL;
    hschema out;
    schema_init(&out);
    schema_copy(&out, &in->schema);
    if (kv_keys(q, n->kid[1], in, s, &out) < 0) {
        schema_free(&out);
        return NULL;
    }
    schema_copy(&o->schema, &out);
    schema_free(&out);
    return o;
}
