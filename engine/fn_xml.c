/* engine/fn_xml.c — parse_xml(): XML text to a dynamic value, with expat.
 *
 * The conversion follows the table of the parse_xml() docs:
 *   <e/>                          {"e": null}
 *   <e>text</e>                   {"e": "text"}
 *   <e name="value"/>             {"e": {"@name": "value"}}
 *   <e name="value">text</e>      {"e": {"@name": "value", "#text": "text"}}
 *   <e><a>x</a><b>y</b></e>       {"e": {"a": "x", "b": "y"}}
 *   <e><a>x</a><a>y</a></e>       {"e": {"a": ["x", "y"]}}
 *   <e> text <a>x</a></e>         {"e": {"#text": "text", "a": "x"}}
 * Attributes come first, then the text and child elements grouped by name in
 * order of first appearance; a name (or #text) seen more than once becomes an
 * array. Text runs are trimmed of surrounding whitespace, and whitespace-only
 * runs are dropped. Values stay strings (no number conversion). As the docs
 * say, only elements, attributes and text are translated: the declaration,
 * comments, processing instructions, DOCTYPE and CDATA sections are skipped.
 * Invalid XML, or input over 1 MB (1,048,576 bytes), gives null.
 *
 * Each row is parsed by a fresh expat parser; the elements under
 * construction are a stack of nodes whose finished children are kept as
 * encoded dynamic values (tables/dyn.h) until their parent ends.
 */
#include "fn.h"

#include <ctype.h>
#include <expat.h>
#include <stdlib.h>
#include <string.h>

#include "../tables/dyn.h"

#define XML_MAX_INPUT 1048576

typedef struct xitem {
    char *key;    /* child element name, or NULL for a text run */
    uint8_t *val; /* encoded value (child) or text bytes */
    size_t n;
} xitem;

typedef struct xnode {
    char *name;
    char **attrs; /* name, value, name, value, ... */
    int nattrs;
    xitem *items;
    int nitems, cap;
    dbuf text; /* the text run being read */
} xnode;

typedef struct xparse {
    xnode *stack;
    int depth, cap;
    int cdata; /* inside a CDATA section */
    bool failed;
    dbuf root; /* the finished document element's value */
    char *root_name;
} xparse;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        abort();
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *p = xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

static void item_add(xnode *x, char *key, uint8_t *val, size_t n)
{
    if (x->nitems == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 4;
        x->items = realloc(x->items, sizeof(xitem) * (size_t)x->cap);
        if (!x->items)
            abort();
    }
    x->items[x->nitems++] = (xitem){key, val, n};
}

/* Ends the current text run of x: trimmed, kept when not blank. */
static void flush_text(xnode *x)
{
    const char *p = (const char *)x->text.p;
    size_t a = 0, b = x->text.n;
    while (a < b && isspace((unsigned char)p[a]))
        a++;
    while (b > a && isspace((unsigned char)p[b - 1]))
        b--;
    if (b > a) {
        uint8_t *t = xmalloc(b - a);
        memcpy(t, p + a, b - a);
        item_add(x, NULL, t, b - a);
    }
    dbuf_reset(&x->text);
}

static void node_free(xnode *x)
{
    free(x->name);
    for (int i = 0; i < 2 * x->nattrs; i++)
        free(x->attrs[i]);
    free(x->attrs);
    for (int i = 0; i < x->nitems; i++) {
        free(x->items[i].key);
        free(x->items[i].val);
    }
    free(x->items);
    dbuf_free(&x->text);
}

static bool same_key(const xitem *a, const xitem *b)
{
    if (!a->key || !b->key)
        return !a->key && !b->key;
    return !strcmp(a->key, b->key);
}

static void put_item(dbuf *b, const xitem *it)
{
    if (it->key)
        dyn_put_raw(b, it->val);
    else
        dyn_put_string(b, (const char *)it->val, it->n);
}

/* The encoded value of finished element x (see the top of the file). */
static void node_value(const xnode *x, dbuf *b)
{
    if (x->nattrs == 0 && x->nitems == 0) {
        dyn_put_null(b);
        return;
    }
    if (x->nattrs == 0 && x->nitems == 1 && !x->items[0].key) {
        put_item(b, &x->items[0]);
        return;
    }
    size_t mark = dyn_begin_object(b);
    uint32_t count = 0;
    for (int i = 0; i < x->nattrs; i++, count++) {
        const char *k = x->attrs[2 * i], *v = x->attrs[2 * i + 1];
        size_t kn = strlen(k);
        char *key = xmalloc(kn + 2);
        key[0] = '@';
        memcpy(key + 1, k, kn + 1);
        dyn_put_key(b, key, kn + 1);
        free(key);
        dyn_put_string(b, v, strlen(v));
    }
    uint8_t *done = calloc((size_t)x->nitems + 1, 1);
    if (!done)
        abort();
    for (int i = 0; i < x->nitems; i++) {
        if (done[i])
            continue;
        const char *key = x->items[i].key ? x->items[i].key : "#text";
        dyn_put_key(b, key, strlen(key));
        count++;
        int same = 0;
        for (int j = i; j < x->nitems; j++)
            same += same_key(&x->items[i], &x->items[j]);
        if (same == 1) {
            put_item(b, &x->items[i]);
            done[i] = 1;
            continue;
        }
        size_t am = dyn_begin_array(b);
        for (int j = i; j < x->nitems; j++)
            if (same_key(&x->items[i], &x->items[j])) {
                put_item(b, &x->items[j]);
                done[j] = 1;
            }
        dyn_end(b, am, (uint32_t)same);
    }
    free(done);
    dyn_end(b, mark, count);
}

/* --- expat callbacks ------------------------------------------------------------------------ */

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xparse *p = ud;
    if (p->depth > 0)
        flush_text(&p->stack[p->depth - 1]);
    if (p->depth == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->stack = realloc(p->stack, sizeof(xnode) * (size_t)p->cap);
        if (!p->stack)
            abort();
    }
    xnode *x = &p->stack[p->depth++];
    memset(x, 0, sizeof *x);
    x->name = xstrdup(name);
    while (atts[2 * x->nattrs])
        x->nattrs++;
    x->attrs = xmalloc(sizeof(char *) * (size_t)(2 * x->nattrs));
    for (int i = 0; i < 2 * x->nattrs; i++)
        x->attrs[i] = xstrdup(atts[i]);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    (void)name;
    xparse *p = ud;
    xnode *x = &p->stack[p->depth - 1];
    flush_text(x);
    dbuf v = {0};
    node_value(x, &v);
    if (p->depth == 1) {
        dbuf_reset(&p->root);
        dbuf_put(&p->root, v.p, v.n);
        free(p->root_name);
        p->root_name = x->name;
        x->name = NULL;
    } else {
        uint8_t *val = xmalloc(v.n);
        memcpy(val, v.p, v.n);
        item_add(&p->stack[p->depth - 2], x->name, val, v.n);
        x->name = NULL;
    }
    dbuf_free(&v);
    node_free(x);
    p->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    xparse *p = ud;
    if (p->depth > 0 && !p->cdata)
        dbuf_put(&p->stack[p->depth - 1].text, s, (size_t)len);
}

static void XMLCALL on_cdata_start(void *ud)
{
    ((xparse *)ud)->cdata++;
}

static void XMLCALL on_cdata_end(void *ud)
{
    ((xparse *)ud)->cdata--;
}

/* Parses s into b (one encoded value); false when s is not valid XML. */
static bool xml_to_dyn(const char *s, size_t n, dbuf *b)
{
    XML_Parser xp = XML_ParserCreate("UTF-8");
    if (!xp)
        return false;
    xparse p = {0};
    XML_SetUserData(xp, &p);
    XML_SetElementHandler(xp, on_start, on_end);
    XML_SetCharacterDataHandler(xp, on_text);
    XML_SetCdataSectionHandler(xp, on_cdata_start, on_cdata_end);
    bool ok = XML_Parse(xp, s, (int)n, 1) == XML_STATUS_OK && p.root_name;
    if (ok) {
        size_t mark = dyn_begin_object(b);
        dyn_put_key(b, p.root_name, strlen(p.root_name));
        dbuf_put(b, p.root.p, p.root.n);
        dyn_end(b, mark, 1);
    }
    while (p.depth > 0)
        node_free(&p.stack[--p.depth]);
    free(p.stack);
    free(p.root_name);
    dbuf_free(&p.root);
    XML_ParserFree(xp);
    return ok;
}

/* --- the function ----------------------------------------------------------------------------- */

static htype tc_parse_xml(fn_sig *sig)
{
    if (!fn_want(sig, "parse_xml", 0, 's'))
        return HT_UNKNOWN;
    return HT_DYNAMIC;
}

static int run_parse_xml(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    const hvec *a = argv[0];
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    dbuf b = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = vec_is_null(a, i) ? (hstr){"", 0} : vec_s(a, i);
        dbuf_reset(&b);
        if (s.n == 0 || s.n > XML_MAX_INPUT || !xml_to_dyn(s.p, s.n, &b)) {
            out->s[i] = (hstr){"", 0};
            vec_set_null(ctx->arena, out, i);
            continue;
        }
        char *p = arena_alloc(ctx->arena, b.n);
        memcpy(p, b.p, b.n);
        out->s[i] = (hstr){p, (uint32_t)b.n};
    }
    dbuf_free(&b);
    return 0;
}

const fn_def fn_xml_defs[] = {
    {"parse_xml", 1, 1, tc_parse_xml, run_parse_xml, NULL, 0},
    {NULL},
};
