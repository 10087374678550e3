/* engine/exec_parse.c — the parse and parse-where operators.
 *
 * `parse [kind=simple|regex|relaxed] [flags=...] Expr with * "lit" col:type
 * "lit" ...` is compiled, once at bind time, into one anchored PCRE2 regex
 * with a named group per extracted column, then matched against every row:
 *
 *   kind=simple   literals match as plain text; `*` is `.*?`; a string column
 *                 is `(.*?)` (the first occurrence of the next delimiter
 *                 ends it), an int/long column `(-?\d+)`, other types
 *                 `(.*?)` then converted. Strict: a value that does not
 *                 convert makes the whole row a non-match.
 *   kind=relaxed  as simple, but every column is `(.*?)` and a value that
 *                 does not convert is null on its own (the row still matches).
 *   kind=regex    literals are regular expressions (RE2 syntax, run by
 *                 PCRE2); `*` is `.*?`, string and non-integer columns are
 *                 `(.*)` (greedy, as the KQL docs' examples show), int/long
 *                 `(-?\d+)`. flags= takes U (ungreedy), i, m, s. Strict.
 *
 * Non-matching rows get null columns ("" for strings) under parse and are
 * dropped by parse-where. A column whose name exists already replaces it
 * (type included), like extend. The source expression is converted to
 * string when it is not one. Also holds the helpers of exec_text.h.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "exec_text.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARSE_MATCH_LIMIT 2000000u
#define PARSE_DEPTH_LIMIT 20000u

enum { PK_SIMPLE, PK_RELAXED, PK_REGEX };

typedef struct parse_st {
    bexpr *src;
    pcre2_code *re;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    int ncap;
    int *group;   /* regex group number of each capture */
    htype *types; /* declared type of each capture */
    int *outcol;  /* output column of each capture */
    int *passcol; /* per output column: input column, or -1 */
    int kind;
    bool where; /* parse-where: drop non-matching rows */
} parse_st;

/* ---- exec_text.h helpers ------------------------------------------------ */

static void dyn_from_text(harena *a, const hvec *v, hvec *out)
{
    uint32_t n = v->cmask ? v->n : 1;
    vec_alloc(a, out, HT_DYNAMIC, n);
    if (!v->cmask) {
        out->cmask = 0;
        out->n = v->n;
    }
    dbuf b = {0};
    for (uint32_t i = 0; i < n; i++) {
        hstr s = vec_s(v, i);
        dbuf_reset(&b);
        if (!vec_is_null(v, i) && !dyn_from_json(s.p, s.n, &b, NULL, 0)) {
            dbuf_reset(&b);
            dyn_put_string(&b, s.p, s.n);
        }
        if (vec_is_null(v, i) || !b.n) {
            vec_set_null(a, out, i);
            out->s[i] = (hstr){"", 0};
            continue;
        }
        char *p = arena_alloc(a, b.n);
        memcpy(p, b.p, b.n);
        out->s[i] = (hstr){p, (uint32_t)b.n};
        if (dyn_tag((uint8_t *)p) == DYN_NULL)
            vec_set_null(a, out, i);
    }
    dbuf_free(&b);
}

int text_convert(qctx *q, harena *a, const hvec *strs, htype t, hvec *out)
{
    if (t == HT_DYNAMIC) {
        dyn_from_text(a, strs, out);
        return 0;
    }
    if (t == HT_STRING || t == HT_UNKNOWN) {
        *out = *strs;
        out->null = NULL;
        return 0;
    }
    return expr_cast(q, a, strs, t, out);
}

bool text_opt_str(const ast *opt, hstr *out)
{
    if (!opt || opt->nkid < 1 || !opt->kid[0])
        return false;
    const ast *v = opt->kid[0];
    if (v->kind == AST_LITERAL && v->type == HT_STRING && v->op == LIT_VALUE) {
        *out = v->str;
        return true;
    }
    if (v->kind == AST_IDENT) {
        *out = v->name;
        return true;
    }
    return false;
}

int text_schema_put(hschema *s, const char *name, htype t)
{
    int at = schema_find(s, name, strlen(name));
    if (at >= 0) {
        s->types[at] = t;
        return at;
    }
    schema_add(s, name, t);
    return s->ncols - 1;
}

/* ---- building the regex -------------------------------------------------- */

/* Appends text escaped so PCRE2 matches it literally. */
static void put_escaped(dbuf *b, hstr s)
{
    for (uint32_t i = 0; i < s.n; i++) {
        unsigned char c = (unsigned char)s.p[i];
        if (c < 0x80 && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') &&
            !(c >= 'A' && c <= 'Z') && c != '_' && c != ' ') {
            if (c < 0x20 || c == 0x7f) {
                char hx[8];
                snprintf(hx, sizeof hx, "\\x%02x", c);
                dbuf_put(b, hx, strlen(hx));
                continue;
            }
            dbuf_put(b, "\\", 1);
        }
        dbuf_put(b, &s.p[i], 1);
    }
}

static const char *capture_regex(int kind, htype t)
{
    bool integer = t == HT_INT || t == HT_LONG;
    if (kind == PK_RELAXED) /* a number when there is one, else anything (null) */
        return integer ? "(\\-?\\d+|.*?)" : "(.*?)";
    if (integer)
        return "(\\-?\\d+)";
    return kind == PK_REGEX ? "(.*)" : "(.*?)";
}

static int parse_flags(qctx *q, const ast *n, hstr f, uint32_t *opts)
{
    for (uint32_t i = 0; i < f.n; i++) {
        switch (f.p[i]) {
        case 'U':
            *opts |= PCRE2_UNGREEDY;
            break;
        case 'i':
            *opts |= PCRE2_CASELESS;
            break;
        case 'm':
            *opts |= PCRE2_MULTILINE;
            break;
        case 's':
            *opts |= PCRE2_DOTALL;
            break;
        default:
            return q_error(q, HUNT_ESEMANTIC, n->off, n->len,
                           "parse: unknown regex flag '%c' (expected U, i, m or s)", f.p[i]);
        }
    }
    return 0;
}

static int parse_kind(qctx *q, const ast *n, int *kind)
{
    hstr k;
    *kind = PK_SIMPLE;
    const ast *o = ast_opt(n, "kind");
    if (!o)
        return 0;
    if (!text_opt_str(o, &k))
        return q_error(q, HUNT_ESEMANTIC, o->off, o->len,
                       "parse: kind must be simple, regex or relaxed");
    if (k.n == 6 && !memcmp(k.p, "simple", 6))
        *kind = PK_SIMPLE;
    else if (k.n == 5 && !memcmp(k.p, "regex", 5))
        *kind = PK_REGEX;
    else if (k.n == 7 && !memcmp(k.p, "relaxed", 7))
        *kind = PK_RELAXED;
    else
        return q_error(q, HUNT_ESEMANTIC, o->off, o->len,
                       "parse: unknown kind '%.*s' (expected simple, regex or relaxed)", (int)k.n,
                       k.p);
    return 0;
}

/* Writes the pattern items of n (kid[1..]) as one regex into b. */
static int build_pattern(qctx *q, const ast *n, parse_st *s, dbuf *b)
{
    dbuf_put(b, "\\A(?:", 5);
    int cap = 0;
    for (int i = 1; i < n->nkid; i++) {
        const ast *it = n->kid[i];
        if (it->kind == AST_STAR) {
            dbuf_put(b, ".*?", 3);
        } else if (it->kind == AST_LITERAL) {
            if (s->kind == PK_REGEX) {
                dbuf_put(b, "(?:", 3);
                dbuf_put(b, it->str.p, it->str.n);
                dbuf_put(b, ")", 1);
            } else {
                put_escaped(b, it->str);
            }
        } else if (it->kind == AST_COLDEF) {
            if (it->type == HT_STRING && i + 1 < n->nkid && n->kid[i + 1]->kind == AST_STAR)
                return q_error(q, HUNT_ESEMANTIC, n->kid[i + 1]->off, n->kid[i + 1]->len,
                               "parse: '*' can't follow a string column ('%.*s')", (int)it->name.n,
                               it->name.p);
            char nm[32];
            snprintf(nm, sizeof nm, "(?<hc%d>", cap);
            const char *rx = capture_regex(s->kind, it->type);
            dbuf_put(b, nm, strlen(nm));
            dbuf_put(b, rx + 1, strlen(rx) - 1); /* skip the '(' of rx */
            cap++;
        } else {
            return q_error(q, HUNT_ESEMANTIC, it->off, it->len, "parse: unexpected pattern item");
        }
    }
    dbuf_put(b, ")\\z", 3);
    return 0;
}

static int compile_pattern(qctx *q, const ast *n, parse_st *s)
{
    uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C;
    if (s->kind != PK_REGEX)
        opts |= PCRE2_DOTALL;
    const ast *fo = ast_opt(n, "flags");
    if (fo) {
        hstr f;
        if (!text_opt_str(fo, &f))
            return q_error(q, HUNT_ESEMANTIC, fo->off, fo->len,
                           "parse: flags must be a word like Ui");
        if (s->kind != PK_REGEX)
            return q_error(q, HUNT_ESEMANTIC, fo->off, fo->len, "parse: flags= needs kind=regex");
        if (parse_flags(q, fo, f, &opts) < 0)
            return -1;
    }
    dbuf b = {0};
    if (build_pattern(q, n, s, &b) < 0) {
        dbuf_free(&b);
        return -1;
    }
    int ec;
    PCRE2_SIZE eo;
    s->re = pcre2_compile((PCRE2_SPTR)b.p, b.n, opts, &ec, &eo, NULL);
    dbuf_free(&b);
    if (!s->re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len, "parse: invalid regular expression: %s",
                       (const char *)msg);
    }
    pcre2_jit_compile(s->re, PCRE2_JIT_COMPLETE); /* optional speed-up; failure is fine */
    s->md = pcre2_match_data_create_from_pattern(s->re, NULL);
    s->mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(s->mc, PARSE_MATCH_LIMIT);
    pcre2_set_depth_limit(s->mc, PARSE_DEPTH_LIMIT);
    for (int k = 0; k < s->ncap; k++) {
        char nm[32];
        snprintf(nm, sizeof nm, "hc%d", k);
        s->group[k] = pcre2_substring_number_from_name(s->re, (PCRE2_SPTR)nm);
    }
    return 0;
}

/* ---- running ------------------------------------------------------------ */

/* Matches one row; fills caps[k][i] (string views into v). */
static bool match_row(parse_st *s, hstr v, hvec *caps, uint32_t i)
{
    int rc = pcre2_match(s->re, (PCRE2_SPTR)v.p, v.n, 0, 0, s->md, s->mc);
    if (rc < 0)
        return false;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
    uint32_t nov = pcre2_get_ovector_count(s->md);
    for (int k = 0; k < s->ncap; k++) {
        int g = s->group[k];
        hstr c = {"", 0};
        if (g > 0 && (uint32_t)g < nov && ov[2 * g] != PCRE2_UNSET && ov[2 * g + 1] >= ov[2 * g])
            c = (hstr){v.p + ov[2 * g], (uint32_t)(ov[2 * g + 1] - ov[2 * g])};
        caps[k].s[i] = c;
    }
    return true;
}

/* Converts the captures to their types; in strict kinds a failed conversion
 * turns the row into a non-match. */
static int convert_caps(op *o, hvec *caps, uint8_t *ok, uint32_t n, hvec *vals)
{
    parse_st *s = o->st;
    for (int k = 0; k < s->ncap; k++) {
        if (text_convert(o->q, &o->arena, &caps[k], s->types[k], &vals[k]) < 0)
            return -1;
        if (s->kind == PK_RELAXED || s->types[k] == HT_STRING)
            continue;
        for (uint32_t i = 0; i < n; i++)
            if (ok[i] && vec_is_null(&vals[k], i))
                ok[i] = 0;
    }
    return 0;
}

/* Nulls (or empties) the extracted columns of rows that did not match. */
static void null_unmatched(op *o, hvec *vals, const uint8_t *ok, uint32_t n)
{
    parse_st *s = o->st;
    for (int k = 0; k < s->ncap; k++) {
        hvec *v = &vals[k];
        if (!v->cmask) { /* materialize a constant before editing rows */
            hvec c;
            vec_alloc(&o->arena, &c, v->type, n);
            for (uint32_t i = 0; i < n; i++)
                vec_copy_value(&o->arena, &c, i, v, i);
            *v = c;
        }
        for (uint32_t i = 0; i < n; i++) {
            if (ok[i])
                continue;
            if (v->type == HT_STRING)
                v->s[i] = (hstr){"", 0};
            else
                vec_set_null(&o->arena, v, i);
        }
    }
}

static batch *assemble(op *o, const batch *in, hvec *vals, const uint8_t *ok, uint32_t n)
{
    parse_st *s = o->st;
    uint32_t *sel = arena_alloc(&o->arena, sizeof(uint32_t) * (n ? n : 1));
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!s->where || ok[i])
            sel[m++] = i;
    if (m == 0)
        return NULL;
    int nout = o->schema.ncols;
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = m;
    b->ncols = nout;
    b->cols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(nout ? nout : 1));
    int *capof = arena_alloc(&o->arena, sizeof(int) * (size_t)(nout ? nout : 1));
    for (int c = 0; c < nout; c++)
        capof[c] = -1;
    for (int k = 0; k < s->ncap; k++)
        capof[s->outcol[k]] = k;
    for (int c = 0; c < nout; c++) {
        const hvec *src = capof[c] >= 0 ? &vals[capof[c]] : &in->cols[s->passcol[c]];
        if (m == n && src->cmask) {
            b->cols[c] = *src;
            b->cols[c].n = m;
            continue;
        }
        hvec *d = &b->cols[c];
        vec_alloc(&o->arena, d, src->type, m);
        for (uint32_t i = 0; i < m; i++)
            vec_copy_value(&o->arena, d, i, src, sel[i]);
    }
    return b;
}

static int parse_batch(op *o, const batch *in, batch **out)
{
    parse_st *s = o->st;
    uint32_t n = in->n;
    hvec sv;
    if (expr_eval_as(o->q, s->src, in, &o->arena, HT_STRING, &sv) < 0)
        return -1;
    hvec *caps = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(s->ncap + 1));
    hvec *vals = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)(s->ncap + 1));
    for (int k = 0; k < s->ncap; k++)
        vec_alloc(&o->arena, &caps[k], HT_STRING, n);
    uint8_t *ok = arena_zalloc(&o->arena, n ? n : 1);
    for (uint32_t i = 0; i < n; i++) {
        ok[i] = !vec_is_null(&sv, i) && match_row(s, vec_s(&sv, i), caps, i);
        if (!ok[i])
            for (int k = 0; k < s->ncap; k++)
                caps[k].s[i] = (hstr){"", 0};
    }
    if (convert_caps(o, caps, ok, n, vals) < 0)
        return -1;
    null_unmatched(o, vals, ok, n);
    *out = assemble(o, in, vals, ok, n);
    return 0;
}

static int parse_next(op *o, batch **out)
{
    for (;;) {
        batch *in;
        if (o->kids[0]->next(o->kids[0], &in) < 0)
            return -1;
        if (!in) {
            *out = NULL;
            return 0;
        }
        arena_reset(&o->arena);
        if (parse_batch(o, in, out) < 0)
            return -1;
        if (*out)
            return 0;
    }
}

static void parse_close(op *o)
{
    parse_st *s = o->st;
    pcre2_match_data_free(s->md);
    pcre2_match_context_free(s->mc);
    pcre2_code_free(s->re);
    s->md = NULL;
    s->mc = NULL;
    s->re = NULL;
}

/* ---- binding ------------------------------------------------------------- */

static int bind_captures(qctx *q, const ast *n, op *in, parse_st *s, hschema *out)
{
    int cap = 0;
    for (int i = 1; i < n->nkid; i++)
        if (n->kid[i]->kind == AST_COLDEF)
            cap++;
    if (cap == 0)
        return q_error(q, HUNT_ESEMANTIC, n->off, n->len, "parse: the pattern extracts no column");
    s->ncap = cap;
    s->group = arena_zalloc(&q->arena, sizeof(int) * (size_t)cap);
    s->types = arena_zalloc(&q->arena, sizeof(htype) * (size_t)cap);
    s->outcol = arena_zalloc(&q->arena, sizeof(int) * (size_t)cap);
    s->passcol = arena_alloc(&q->arena, sizeof(int) * (size_t)(in->schema.ncols + cap));
    for (int c = 0; c < in->schema.ncols; c++)
        s->passcol[c] = c;
    int k = 0;
    for (int i = 1; i < n->nkid; i++) {
        const ast *it = n->kid[i];
        if (it->kind != AST_COLDEF)
            continue;
        char *nm = arena_strndup(&q->arena, it->name.p, it->name.n);
        htype t = it->type == HT_UNKNOWN ? HT_STRING : it->type;
        for (int j = 0; j < k; j++)
            if (!strcmp(out->names[s->outcol[j]], nm))
                return q_error(q, HUNT_ESEMANTIC, it->off, it->len,
                               "parse: column '%s' is extracted twice", nm);
        s->types[k] = t;
        s->outcol[k] = text_schema_put(out, nm, t);
        s->passcol[s->outcol[k]] = -1;
        k++;
    }
    return 0;
}

op *bind_parse(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    if (n->nkid < 2)
        return unsupported_op(q, n);
    parse_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->where = n->kind == AST_PARSE_WHERE;
    if (parse_kind(q, n, &s->kind) < 0)
        return NULL;
    s->src = bind_scalar(q, sc, &in->schema, n->kid[0]);
    if (!s->src)
        return NULL;
    hschema out;
    schema_init(&out);
    schema_copy(&out, &in->schema);
    if (bind_captures(q, n, in, s, &out) < 0) {
        schema_free(&out);
        return NULL;
    }
    op *o = op_new(q, s->where ? "parse-where" : "parse", 1);
    o->kids[0] = in;
    o->st = s;
    schema_copy(&o->schema, &out);
    schema_free(&out);
    o->next = parse_next;
    o->close = parse_close;
    o->serialized = in->serialized;
    if (compile_pattern(q, n, s) < 0)
        return NULL;
    return o;
}
