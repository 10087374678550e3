/* tests/unit/test_fn_ip.c — checks the IPv4/IPv6 functions of engine/fn_ip.c
 * through fn_lookup on one-row constant vectors, against the examples the KQL
 * documentation publishes (the ipv4-*, ipv6-*, has-*ipv4* conformance files),
 * plus invalid input (null results, "" for strings).
 *
 * Arguments are written "T:text" (y dynamic JSON, s string, l long, ...);
 * null results print as "<null>". Prints one line per failed check, then
 * "N passed, N failed".
 */
#include "engine/fn.h"
#include "tables/dyn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;
static harena arena;
static char result[1 << 16];

static htype type_of(char c)
{
    switch (c) {
    case 'y': return HT_DYNAMIC;
    case 's': return HT_STRING;
    case 'l': return HT_LONG;
    case 'i': return HT_INT;
    case 'r': return HT_REAL;
    case 'b': return HT_BOOL;
    case 'd': return HT_DATETIME;
    case 't': return HT_TIMESPAN;
    default: return HT_UNKNOWN;
    }
}

/* Builds a one-row constant vector from "T:text". */
static void make_arg(hvec *v, const char *spec)
{
    htype t = type_of(spec[0]);
    const char *x = spec + 2;
    size_t n = strlen(x);
    if (spec[1] == '!') {
        vec_const_null(&arena, v, t, 1);
        return;
    }
    vec_const(&arena, v, t, 1);
    switch (t) {
    case HT_DYNAMIC: {
        dbuf b = {0};
        if (!dyn_from_json(x, n, &b, NULL, 0))
            dyn_put_string(&b, x, n);
        char *p = arena_alloc(&arena, b.n);
        memcpy(p, b.p, b.n);
        v->s[0] = (hstr){p, (uint32_t)b.n};
        dbuf_free(&b);
        break;
    }
    case HT_STRING: v->s[0] = (hstr){arena_strndup(&arena, x, n), (uint32_t)n}; break;
    case HT_LONG:
    case HT_INT: v->i[0] = strtoll(x, NULL, 10); break;
    case HT_REAL: v->r[0] = strtod(x, NULL); break;
    case HT_BOOL: v->b[0] = strcmp(x, "true") == 0; break;
    case HT_DATETIME: ht_parse_datetime(x, n, &v->i[0]); break;
    case HT_TIMESPAN: ht_parse_timespan(x, n, &v->i[0]); break;
    default: break;
    }
}

static void format_result(const hvec *out)
{
    char buf[64];
    if (out->type != HT_STRING && vec_is_null(out, 0)) {
        snprintf(result, sizeof result, "<null>");
        return;
    }
    switch (out->type) {
    case HT_DYNAMIC: {
        dbuf b = {0};
        dyn_to_json((const uint8_t *)vec_s(out, 0).p, &b);
        snprintf(result, sizeof result, "%.*s", (int)b.n, (const char *)b.p);
        dbuf_free(&b);
        break;
    }
    case HT_STRING:
        snprintf(result, sizeof result, "%.*s", (int)vec_s(out, 0).n, vec_s(out, 0).p);
        break;
    case HT_LONG:
    case HT_INT: snprintf(result, sizeof result, "%lld", (long long)vec_i(out, 0)); break;
    case HT_REAL:
        ht_format_real(vec_r(out, 0), buf);
        snprintf(result, sizeof result, "%s", buf);
        break;
    case HT_BOOL: snprintf(result, sizeof result, "%s", vec_b(out, 0) ? "true" : "false"); break;
    default: snprintf(result, sizeof result, "<type %d>", out->type); break;
    }
}

/* Binds and runs name(args...) on one row; the result text is in `result`. */
static const char *call(const char *name, int argc, const char **args)
{
    hvec argv_s[FN_MAX_ARGS];
    const hvec *argv[FN_MAX_ARGS];
    htype argt[FN_MAX_ARGS];
    char err[256] = "";
    const fn_def *d = fn_lookup(name, strlen(name));
    if (!d)
        return snprintf(result, sizeof result, "<no function %s>", name), result;
    for (int i = 0; i < argc; i++) {
        make_arg(&argv_s[i], args[i]);
        argv[i] = &argv_s[i];
        argt[i] = argv_s[i].type;
    }
    fn_sig sig = {argc, argt, argv, {0}, err, sizeof err};
    if (argc < d->min_args || argc > d->max_args)
        return snprintf(result, sizeof result, "<arg count>"), result;
    htype rt = d->type(&sig);
    if (rt == HT_UNKNOWN)
        return snprintf(result, sizeof result, "<type error: %s>", err), result;
    for (int i = 0; i < argc; i++)
        if (sig.cast[i] != HT_UNKNOWN && sig.cast[i] != argt[i])
            return snprintf(result, sizeof result, "<cast %d needed>", i), result;
    void *state = NULL;
    char rerr[256] = "";
    fn_ctx ctx = {&arena, &state, 0, rerr, sizeof rerr};
    hvec out = {.type = rt, .n = 1, .cmask = ~0u};
    if (d->run(&ctx, argc, argv, &out) != 0)
        snprintf(result, sizeof result, "<runtime error: %s>", rerr);
    else
        format_result(&out);
    if (d->free_state)
        d->free_state(state);
    return result;
}

#define CALL(name, ...)                                                                            \
    call(name, (int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)),               \
         (const char *[]){__VA_ARGS__})

#define CHECK(want, name, ...)                                                                     \
    do {                                                                                           \
        const char *got_ = CALL(name, __VA_ARGS__);                                                \
        if (strcmp(got_, want) == 0) {                                                             \
            passed++;                                                                              \
        } else {                                                                                   \
            failed++;                                                                              \
            printf("%s:%d: %s: expected %s, got %s\n", __FILE__, __LINE__, name, want, got_);     \
        }                                                                                          \
    } while (0)

static void test_ipv4(void)
{
    CHECK("true", "ipv4_is_private", "s:10.1.2.3");
    CHECK("true", "ipv4_is_private", "s:192.168.1.1/24");
    CHECK("false", "ipv4_is_private", "s:127.0.0.1");
    CHECK("true", "ipv4_is_private", "s:172.31.255.255");
    CHECK("false", "ipv4_is_private", "s:172.32.0.1");
    CHECK("false", "ipv4_is_private", "s:202.1.2.3");
    CHECK("<null>", "ipv4_is_private", "s:not an ip");
    CHECK("true", "ipv4_is_in_range", "s:192.168.1.1", "s:192.168.1.1");
    CHECK("true", "ipv4_is_in_range", "s:192.168.1.1", "s:192.168.1.255/24");
    CHECK("false", "ipv4_is_in_range", "s:192.168.2.1", "s:192.168.1.255/24");
    CHECK("<null>", "ipv4_is_in_range", "s:192.168.1.256", "s:192.168.1.255/24");
    CHECK("true", "ipv4_is_in_any_range", "s:192.168.1.6", "s:192.168.1.1/24", "s:10.0.0.1/8",
          "s:127.1.0.1/16");
    CHECK("true", "ipv4_is_in_any_range", "s:127.0.0.1", "y:[\"127.0.0.1\", \"192.168.1.1\"]");
    const char *nets = "y:[\"192.168.1.1/16\",\"127.0.0.1/8\",\"10.0.0.1/8\"]";
    CHECK("true", "ipv4_is_in_any_range", "s:10.1.2.3", nets);
    CHECK("true", "ipv4_is_in_any_range", "s:192.168.1.5", nets);
    CHECK("false", "ipv4_is_in_any_range", "s:123.1.11.21", nets);
    CHECK("false", "ipv4_is_in_any_range", "s:1.1.1.1", nets);
    CHECK("true", "ipv4_is_match", "s:192.168.1.1/24", "s:192.168.1.255");
    CHECK("true", "ipv4_is_match", "s:192.168.1.1/30", "s:192.168.1.255/24");
    CHECK("true", "ipv4_is_match", "s:192.168.1.1", "s:192.168.1.0", "l:31");
    CHECK("true", "ipv4_is_match", "s:192.168.1.1", "s:192.168.1.255", "l:24");
    CHECK("false", "ipv4_is_match", "s:192.168.1.1", "s:192.168.1.0");
    CHECK("0", "ipv4_compare", "s:192.168.1.0", "s:192.168.1.0");
    CHECK("0", "ipv4_compare", "s:192.168.1.1/24", "s:192.168.1.255");
    CHECK("0", "ipv4_compare", "s:192.168.1.1/24", "s:192.168.1.255", "l:31");
    CHECK("-1", "ipv4_compare", "s:192.168.1.1", "s:192.168.1.255");
    CHECK("1", "ipv4_compare", "s:192.168.1.1", "s:192.168.1.0");
    CHECK("<null>", "ipv4_compare", "s:192.168.1.1", "s:x");
    CHECK("3232235777", "parse_ipv4", "s:192.168.1.1");
    CHECK("3232235776", "parse_ipv4", "s:192.168.1.1/24");
    CHECK("4294967294", "parse_ipv4", "s:255.255.255.255/31");
    CHECK("<null>", "parse_ipv4", "s:1.2.3");
    CHECK("<null>", "parse_ipv4", "s:1.2.3.4/33");
    CHECK("3232235776", "parse_ipv4_mask", "s:192.168.1.1", "l:24");
    CHECK("<null>", "parse_ipv4_mask", "s:192.168.1.1", "l:-1");
    CHECK("192.168.1.0", "format_ipv4", "s:192.168.1.1", "l:24");
    CHECK("192.168.1.1", "format_ipv4", "s:192.168.1.1", "l:32");
    CHECK("192.168.1.0", "format_ipv4", "s:192.168.1.1/24", "l:32");
    CHECK("", "format_ipv4", "s:192.168.1.1/24", "l:-1");
    CHECK("192.168.1.1", "format_ipv4", "l:3232235777");
    CHECK("192.168.1.0/24", "format_ipv4_mask", "s:192.168.1.1", "l:24");
    CHECK("192.168.1.1/32", "format_ipv4_mask", "s:192.168.1.1", "l:32");
    CHECK("192.168.1.0/24", "format_ipv4_mask", "s:192.168.1.1/24", "l:32");
    CHECK("", "format_ipv4_mask", "s:192.168.1.1/24", "l:-1");
    CHECK("32", "ipv4_netmask_suffix", "s:10.1.2.3");
    CHECK("24", "ipv4_netmask_suffix", "s:192.168.1.1/24");
    CHECK("16", "ipv4_netmask_suffix", "s:127.0.0.1/16");
    CHECK("<null>", "ipv4_netmask_suffix", "s:");
}

static void test_has_ipv4(void)
{
    const char *log = "s:05:04:54 127.0.0.1 GET /favicon.ico 404";
    const char *bad = "s:05:04:54 127.0.0.256 GET /favicon.ico 404";
    const char *glued = "s:05:04:54127.0.0.1 GET /favicon.ico 404";
    CHECK("true", "has_ipv4", log, "s:127.0.0.1");
    CHECK("false", "has_ipv4", bad, "s:127.0.0.256");
    CHECK("false", "has_ipv4", glued, "s:127.0.0.1");
    CHECK("true", "has_ipv4", "s:from: 192.168.1.1, 10.1.1.115 and 10.1.1.201.", "s:10.1.1.201");
    CHECK("false", "has_ipv4", "s:10.1.1.2011", "s:10.1.1.201");
    CHECK("true", "has_ipv4_prefix", log, "s:127.0.");
    CHECK("false", "has_ipv4_prefix", log, "s:127.0");
    CHECK("false", "has_ipv4_prefix", bad, "s:127.0.");
    CHECK("false", "has_ipv4_prefix", glued, "s:127.0.");
    CHECK("true", "has_ipv4_prefix", log, "s:127.0.0.1");
    CHECK("true", "has_any_ipv4", log, "s:127.0.0.1", "s:127.0.0.2");
    CHECK("true", "has_any_ipv4", log, "y:[\"127.0.0.1\", \"127.0.0.2\"]");
    CHECK("false", "has_any_ipv4", bad, "y:[\"127.0.0.256\", \"192.168.1.1\"]");
    CHECK("false", "has_any_ipv4", glued, "s:127.0.0.1", "s:192.168.1.1");
    CHECK("true", "has_any_ipv4_prefix", log, "s:127.0.", "s:192.168.");
    CHECK("true", "has_any_ipv4_prefix", log, "y:[\"127.0.\", \"192.168.\"]");
    CHECK("false", "has_any_ipv4_prefix", log, "s:127.0");
    CHECK("false", "has_any_ipv4_prefix", glued, "s:127.0.", "s:192.");
}

static void test_ipv6(void)
{
    CHECK("0", "ipv6_compare", "s:192.168.1.1", "s:192.168.1.1");
    CHECK("0", "ipv6_compare", "s:192.168.1.1/24", "s:192.168.1.255");
    CHECK("0", "ipv6_compare", "s:fe80::85d:e82c:9446:7994/120", "s:fe80::85d:e82c:9446:7998");
    CHECK("0", "ipv6_compare", "s:192.168.1.1", "s:::ffff:c0a8:0101");
    CHECK("0", "ipv6_compare", "s:::ffff:c0a8:0101", "s:192.168.1.255/24");
    CHECK("0", "ipv6_compare", "s:::192.168.1.1/30", "s:192.168.1.255/24");
    CHECK("0", "ipv6_compare", "s:fe80::85d:e82c:9446:7994", "s:fe80::85d:e82c:9446:7995",
          "l:127");
    CHECK("0", "ipv6_compare", "s:192.168.1.1/24", "s:::ffff:c0a8:01ff", "l:127");
    CHECK("0", "ipv6_compare", "s:::192.168.1.1/30", "s:192.168.1.255/24", "l:127");
    CHECK("-1", "ipv6_compare", "s:fe80::1", "s:fe80::2");
    CHECK("1", "ipv6_compare", "s:fe80::3", "s:fe80::2");
    CHECK("<null>", "ipv6_compare", "s:fe80::zz", "s:fe80::2");
    CHECK("true", "ipv6_is_match", "s:fe80::85d:e82c:9446:7994/120",
          "s:fe80::85d:e82c:9446:7998/120");
    CHECK("true", "ipv6_is_match", "s:::ffff:c0a8:0101", "s:192.168.1.255", "l:120");
    CHECK("false", "ipv6_is_match", "s:fe80::1", "s:fe80::2");
    CHECK("0000:0000:0000:0000:0000:ffff:c0a8:ffff", "parse_ipv6", "s:192.168.255.255");
    CHECK("0000:0000:0000:0000:0000:ffff:c0a8:ff00", "parse_ipv6", "s:192.168.255.255/24");
    CHECK("0000:0000:0000:0000:0000:ffff:ffff:ffff", "parse_ipv6", "s:255.255.255.255");
    CHECK("", "parse_ipv6", "s:nonsense");
    CHECK("0000:0000:0000:0000:0000:ffff:c0a8:ff00", "parse_ipv6_mask", "s:192.168.255.255",
          "l:120");
    CHECK("0000:0000:0000:0000:0000:ffff:c0a8:ff00", "parse_ipv6_mask", "s:192.168.255.255/24",
          "l:124");
    CHECK("fe80:0000:0000:0000:085d:e82c:9446:7994", "parse_ipv6_mask",
          "s:fe80::85d:e82c:9446:7994", "l:128");
    CHECK("fe80:0000:0000:0000:085d:e82c:9446:7900", "parse_ipv6_mask",
          "s:fe80::85d:e82c:9446:7994/120", "l:124");
    CHECK("0000:0000:0000:0000:0000:ffff:c0a8:ffff", "parse_ipv6_mask", "s:::192.168.255.255",
          "l:128");
    CHECK("0000:0000:0000:0000:0000:ffff:c0a8:ff00", "parse_ipv6_mask",
          "s:::192.168.255.255/24", "l:128");
    const char *ip = "s:a5e:f127:8a9d:146d:e102:b5d3:c755:abcd";
    CHECK("true", "ipv6_is_in_range", ip, "s:a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112");
    CHECK("true", "ipv6_is_in_range", ip, "s:a5e:f127:8a9d:146d:e102:b5d3:c755:abcd");
    CHECK("false", "ipv6_is_in_range", ip, "s:0:0:0:0:0:ffff:c0a8:ac/60");
    const char *nets =
        "y:[\"a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112\",\"0:0:0:0:0:ffff:c0a8:ac/60\"]";
    CHECK("true", "ipv6_is_in_any_range", "s:a5e:f127:8a9d:146d:e102:b5d3:c755:abcf", nets);
    CHECK("false", "ipv6_is_in_any_range", "s:a5e:f127:8a9d:146d:e102:b5d3:c756:abd1", nets);
    CHECK("<null>", "ipv6_is_in_any_range", "s:x", nets);
}

int main(void)
{
    arena_init(&arena);
    test_ipv4();
    test_has_ipv4();
    test_ipv6();
    arena_free(&arena);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
