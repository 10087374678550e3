/* engine/fn_useragent.c — parse_user_agent(): browser, operating system and
 * device of a User-Agent string.
 *
 * Kusto's result fields are those of the ua-parser project (uap-core): Browser
 * {Family, MajorVersion, MinorVersion, Patch}, OperatingSystem {Family,
 * MajorVersion, MinorVersion, Patch, PatchMinor}, Device {Family, Brand,
 * Model}, found by trying "a huge number of predefined patterns" in order.
 * hunt reads the same patterns, uap-core's regexes.yaml (Debian package
 * uap-core, or the file $HUNT_UAP_REGEXES names), and applies them as the
 * uap-core specification says: the first regex of each list that matches
 * wins; *_replacement strings override captures, with $1..$9 substituted;
 * device regexes with regex_flag 'i' ignore case; results are trimmed; no match
 * gives Family "Other". A field without a value is "" (as in the docs'
 * examples). Answers equal Kusto's where both use the same uap-core edition.
 *
 * The patterns are loaded once per process (libyaml), compiled with PCRE2 and
 * its JIT. Each call site keeps a small cache of recent answers, since logs
 * repeat the same few User-Agent strings.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include <yaml.h>

#include "fn.h"
#include "../tables/dyn.h"

#define UAP_DEFAULT_PATH "/usr/share/uap-core/regexes.yaml"
#define UAP_FIELDS 5 /* replacements per pattern: family + 4 versions at most */

enum { UA_BROWSER, UA_OS, UA_DEVICE, UA_KINDS };

typedef struct {
    pcre2_code *re;
    char *repl[UAP_FIELDS]; /* NULL: take the capture */
} uap_pattern;

typedef struct {
    uap_pattern *p;
    int n, cap;
} uap_list;

static uap_list uap[UA_KINDS];
static char uap_error[400]; /* set when loading failed */
static pthread_once_t uap_once = PTHREAD_ONCE_INIT;

/* The YAML keys of each list's replacements, in result-field order. */
static const char *const uap_list_key[UA_KINDS] = {"user_agent_parsers", "os_parsers",
                                                   "device_parsers"};
static const char *const uap_repl_key[UA_KINDS][UAP_FIELDS] = {
    {"family_replacement", "v1_replacement", "v2_replacement", "v3_replacement", NULL},
    {"os_replacement", "os_v1_replacement", "os_v2_replacement", "os_v3_replacement",
     "os_v4_replacement"},
    {"device_replacement", "brand_replacement", "model_replacement", NULL, NULL},
};

/* --- loading regexes.yaml ----------------------------------------------------------- */

static yaml_node_t *ynode(yaml_document_t *d, int id)
{
    return id ? yaml_document_get_node(d, id) : NULL;
}

static bool yscalar_is(const yaml_node_t *n, const char *s)
{
    return n && n->type == YAML_SCALAR_NODE && strlen(s) == n->data.scalar.length &&
           memcmp(n->data.scalar.value, s, n->data.scalar.length) == 0;
}

static yaml_node_t *yget(yaml_document_t *d, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++)
        if (yscalar_is(ynode(d, p->key), key))
            return ynode(d, p->value);
    return NULL;
}

static char *yscalar_dup(const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE)
        return NULL;
    return strndup((const char *)n->data.scalar.value, n->data.scalar.length);
}

/* Adds one list entry; false (with uap_error set) on a bad regex. */
static bool uap_add(yaml_document_t *d, int kind, yaml_node_t *item)
{
    yaml_node_t *rx = yget(d, item, "regex");
    if (!rx || rx->type != YAML_SCALAR_NODE)
        return true; /* not a pattern: ignored, as other ua-parser ports do */
    uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
    if (yscalar_is(yget(d, item, "regex_flag"), "i"))
        opts |= PCRE2_CASELESS;
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re =
        pcre2_compile(rx->data.scalar.value, rx->data.scalar.length, opts, &ec, &eo, NULL);
    if (!re) {
        snprintf(uap_error, sizeof uap_error, "regexes.yaml: pattern at line %zu does not compile",
                 rx->start_mark.line + 1);
        return false;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* a speed-up only */
    uap_list *l = &uap[kind];
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->p = realloc(l->p, sizeof *l->p * (size_t)l->cap);
    }
    uap_pattern *p = &l->p[l->n++];
    p->re = re;
    for (int f = 0; f < UAP_FIELDS; f++)
        p->repl[f] =
            uap_repl_key[kind][f] ? yscalar_dup(yget(d, item, uap_repl_key[kind][f])) : NULL;
    return true;
}

static void uap_load(void)
{
    const char *path = getenv("HUNT_UAP_REGEXES");
    if (!path || !*path)
        path = UAP_DEFAULT_PATH;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(uap_error, sizeof uap_error,
                 "needs uap-core's regexes.yaml: cannot read %s (install the Debian package "
                 "uap-core, or set HUNT_UAP_REGEXES=FILE)",
                 path);
        return;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    bool ok = yaml_parser_load(&parser, &doc);
    yaml_parser_delete(&parser);
    fclose(f);
    if (!ok) {
        snprintf(uap_error, sizeof uap_error, "%s is not valid YAML", path);
        return;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    for (int k = 0; k < UA_KINDS && !uap_error[0]; k++) {
        yaml_node_t *seq = yget(&doc, root, uap_list_key[k]);
        if (!seq || seq->type != YAML_SEQUENCE_NODE) {
            snprintf(uap_error, sizeof uap_error, "%s has no %s list", path, uap_list_key[k]);
            break;
        }
        for (yaml_node_item_t *it = seq->data.sequence.items.start;
             it < seq->data.sequence.items.top && uap_add(&doc, k, ynode(&doc, *it)); it++)
            ;
    }
    yaml_document_delete(&doc);
}

/* --- matching ------------------------------------------------------------------------- */

/* Appends to b the replacement r with $1..$9 replaced by captures of s. */
static void substitute(dbuf *b, const char *r, hstr s, const PCRE2_SIZE *ov, int ncap)
{
    for (const char *c = r; *c; c++) {
        if (c[0] == '$' && c[1] >= '1' && c[1] <= '9') {
            int g = c[1] - '0';
            if (g < ncap && ov[2 * g] != PCRE2_UNSET)
                dbuf_put(b, s.p + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            c++;
        } else {
            dbuf_put(b, c, 1);
        }
    }
}

/* Puts "key": value, trimmed, into the object being written to out. */
static void put_field(dbuf *out, const char *key, const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    dyn_put_key(out, key, strlen(key));
    dyn_put_string(out, p, n);
}

/* Field f of a match: the replacement when there is one, else capture cap. */
static void put_match_field(dbuf *out, dbuf *tmp, const char *key, const char *repl, int cap,
                            hstr s, const PCRE2_SIZE *ov, int ncap)
{
    dbuf_reset(tmp);
    if (repl)
        substitute(tmp, repl, s, ov, ncap);
    else if (cap < ncap && ov[2 * cap] != PCRE2_UNSET)
        dbuf_put(tmp, s.p + ov[2 * cap], ov[2 * cap + 1] - ov[2 * cap]);
    put_field(out, key, tmp->n ? (const char *)tmp->p : "", tmp->n);
}

static const char *const kind_name[UA_KINDS] = {"Browser", "OperatingSystem", "Device"};
static const char *const field_name[UA_KINDS][UAP_FIELDS] = {
    {"Family", "MajorVersion", "MinorVersion", "Patch", NULL},
    {"Family", "MajorVersion", "MinorVersion", "Patch", "PatchMinor"},
    {"Family", "Brand", "Model", NULL, NULL},
};
/* Which capture each field takes without a replacement (device: family and
 * model both take $1, brand none). */
static const int field_capture[UA_KINDS][UAP_FIELDS] = {
    {1, 2, 3, 4, 0}, {1, 2, 3, 4, 5}, {1, 0, 1, 0, 0}};

/* Writes "Browser": {...} (or OS, Device) for s into out. */
static void put_kind(dbuf *out, dbuf *tmp, pcre2_match_data *md, int kind, hstr s)
{
    dyn_put_key(out, kind_name[kind], strlen(kind_name[kind]));
    size_t mark = dyn_begin_object(out);
    uint32_t nf = 0;
    const uap_list *l = &uap[kind];
    for (int i = 0; i < l->n; i++) {
        int rc = pcre2_match(l->p[i].re, (PCRE2_SPTR)s.p, s.n, 0, 0, md, NULL);
        if (rc < 0)
            continue;
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        /* rc = 1 + the highest group set; pairs past it hold stale offsets */
        int ncap = rc == 0 ? (int)pcre2_get_ovector_count(md) : rc;
        for (int f = 0; f < UAP_FIELDS && field_name[kind][f]; f++, nf++) {
            int cap = field_capture[kind][f];
            put_match_field(out, tmp, field_name[kind][f], l->p[i].repl[f], cap ? cap : ncap, s, ov,
                            ncap);
        }
        dyn_end(out, mark, nf);
        return;
    }
    for (int f = 0; f < UAP_FIELDS && field_name[kind][f]; f++, nf++)
        put_field(out, field_name[kind][f], f == 0 ? "Other" : "", f == 0 ? 5 : 0);
    dyn_end(out, mark, nf);
}

/* --- the KQL function ------------------------------------------------------------------- */

/* The targets of a look-for value ("browser", "os", "device", or an array of
 * them) as a list of kinds in the order given; the count, or -1. */
static int look_for(const hvec *v, int kinds[UA_KINDS])
{
    int n = 0;
    if (v->type == HT_STRING) {
        hstr s = vec_s(v, 0);
        if (s.n == 7 && strncasecmp(s.p, "browser", 7) == 0)
            kinds[n++] = UA_BROWSER;
        else if (s.n == 2 && strncasecmp(s.p, "os", 2) == 0)
            kinds[n++] = UA_OS;
        else if (s.n == 6 && strncasecmp(s.p, "device", 6) == 0)
            kinds[n++] = UA_DEVICE;
        return n ? n : -1;
    }
    hstr raw = vec_s(v, 0);
    const uint8_t *d = (const uint8_t *)raw.p;
    if (!d || dyn_tag(d) != DYN_ARRAY)
        return -1;
    dyn_iter it;
    hstr key;
    for (const uint8_t *e = dyn_first(d, &it, &key); e; e = dyn_next(&it, &key)) {
        if (dyn_tag(e) != DYN_STRING || n == UA_KINDS)
            return -1;
        hstr s = dyn_string(e);
        int k = s.n == 7 && strncasecmp(s.p, "browser", 7) == 0  ? UA_BROWSER
                : s.n == 2 && strncasecmp(s.p, "os", 2) == 0     ? UA_OS
                : s.n == 6 && strncasecmp(s.p, "device", 6) == 0 ? UA_DEVICE
                                                                 : -1;
        if (k < 0)
            return -1;
        kinds[n++] = k;
    }
    return n ? n : -1;
}

static htype ty_parse_user_agent(fn_sig *sig)
{
    if (!fn_want(sig, "parse_user_agent", 0, 's'))
        return HT_UNKNOWN;
    if (!sig->constv[1] || (sig->argt[1] != HT_STRING && sig->argt[1] != HT_DYNAMIC))
        return fn_type_error(sig, "parse_user_agent() expects a constant look-for: \"browser\", "
                                  "\"os\", \"device\" or a dynamic array of them");
    int kinds[UA_KINDS];
    if (look_for(sig->constv[1], kinds) < 0)
        return fn_type_error(sig, "parse_user_agent(): look-for must be \"browser\", \"os\", "
                                  "\"device\" or a dynamic array of them");
    return HT_DYNAMIC;
}

#define UA_CACHE 512 /* answers kept per call site, by hash of the string */

typedef struct {
    uint64_t hash[UA_CACHE];
    char *ua[UA_CACHE];    /* the string, malloc'd; NULL: empty slot */
    dbuf answer[UA_CACHE]; /* its encoded result */
    pcre2_match_data *md;
} ua_state;

static void ua_state_free(void *p)
{
    ua_state *st = p;
    if (!st)
        return;
    for (int i = 0; i < UA_CACHE; i++) {
        free(st->ua[i]);
        dbuf_free(&st->answer[i]);
    }
    pcre2_match_data_free(st->md);
    free(st);
}

/* The answer for s, from the cache or computed into the cache. */
static const dbuf *ua_answer(ua_state *st, hstr s, const int *kinds, int nk, dbuf *tmp)
{
    uint64_t h = XXH3_64bits(s.p, s.n);
    int slot = (int)(h % UA_CACHE);
    char *c = st->ua[slot];
    if (c && st->hash[slot] == h && strlen(c) == s.n && memcmp(c, s.p, s.n) == 0)
        return &st->answer[slot];
    dbuf *out = &st->answer[slot];
    dbuf_reset(out);
    size_t mark = dyn_begin_object(out);
    for (int k = 0; k < nk; k++)
        put_kind(out, tmp, st->md, kinds[k], s);
    dyn_end(out, mark, (uint32_t)nk);
    free(st->ua[slot]);
    st->ua[slot] = strndup(s.p, s.n);
    st->hash[slot] = h;
    return out;
}

static int run_parse_user_agent(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    pthread_once(&uap_once, uap_load);
    if (uap_error[0]) {
        snprintf(ctx->err, ctx->errcap, "%s", uap_error);
        return -1;
    }
    int kinds[UA_KINDS];
    int nk = look_for(argv[1], kinds);
    if (nk < 0) {
        snprintf(ctx->err, ctx->errcap, "look-for must be \"browser\", \"os\" or \"device\"");
        return -1;
    }
    ua_state *st = *ctx->state;
    if (!st) {
        st = calloc(1, sizeof *st);
        if (!st)
            return -1;
        st->md = pcre2_match_data_create(16, NULL);
        *ctx->state = st;
    }
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    dbuf tmp = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = vec_is_null(argv[0], i) ? (hstr){"", 0} : vec_s(argv[0], i);
        if (!s.p)
            s = (hstr){"", 0};
        /* strings with a NUL byte are answered but not cached (strlen check) */
        const dbuf *a = ua_answer(st, s, kinds, nk, &tmp);
        vec_set_str(ctx->arena, out, i, (const char *)a->p, a->n);
    }
    dbuf_free(&tmp);
    return 0;
}

const fn_def fn_useragent_defs[] = {
    {"parse_user_agent", 2, 2, ty_parse_user_agent, run_parse_user_agent, ua_state_free, 0},
    {NULL},
};
