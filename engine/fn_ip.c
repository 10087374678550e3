/* engine/fn_ip.c — KQL IPv4/IPv6 functions: parsing with CIDR prefixes,
 * matching, ranges, comparison, formatting, and the has_ipv4 family that
 * looks for addresses inside free text.
 *
 * Addresses are parsed with inet_pton. IPv4 text may carry "/prefix"; the
 * prefix masks the address. For the IPv6 functions an IPv4 address (also
 * written "::a.b.c.d") is taken as ::ffff:a.b.c.d and its prefix counts
 * from bit 96. Comparisons use the smallest prefix of the two addresses and
 * the optional prefix argument. Invalid input gives null (bool/long) or ""
 * (string), per the docs.
 *
 * has_ipv4 rules (docs): an address in the text must be delimited by
 * non-alphanumeric characters; the searched address must be a valid IPv4,
 * and a prefix must end with a dot (or be a whole address).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "fn.h"
#include "../tables/dyn.h"

#define IP_TEXT_MAX 64

/* --- parsing ------------------------------------------------------------------ */

/* Parses "digits" in s[0..n) as a prefix length in [0, max]. */
static bool parse_prefix(const char *s, size_t n, int max, int *out)
{
    int v = 0;
    if (n == 0 || n > 3)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    if (v > max)
        return false;
    *out = v;
    return true;
}

/* Copies s without surrounding blanks into buf (NUL-terminated). */
static bool trimmed(hstr s, char *buf)
{
    while (s.n && (s.p[0] == ' ' || s.p[0] == '\t'))
        s.p++, s.n--;
    while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
        s.n--;
    if (s.n == 0 || s.n >= IP_TEXT_MAX)
        return false;
    memcpy(buf, s.p, s.n);
    buf[s.n] = 0;
    return true;
}

static uint32_t mask4(int prefix)
{
    return prefix <= 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1);
}

/* Parses "a.b.c.d[/p]": the address and its prefix (32 when none). */
static bool ip4_parse(hstr s, uint32_t *addr, int *prefix)
{
    char buf[IP_TEXT_MAX];
    if (!trimmed(s, buf))
        return false;
    char *slash = strchr(buf, '/');
    *prefix = 32;
    if (slash) {
        *slash = 0;
        if (!parse_prefix(slash + 1, strlen(slash + 1), 32, prefix))
            return false;
    }
    struct in_addr a;
    if (inet_pton(AF_INET, buf, &a) != 1)
        return false;
    *addr = ntohl(a.s_addr);
    return true;
}

/* Parses an IPv6 or IPv4 address with optional prefix into 16 bytes. */
static bool ip6_parse(hstr s, uint8_t addr[16], int *prefix)
{
    char buf[IP_TEXT_MAX];
    if (!trimmed(s, buf))
        return false;
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = 0;
    /* a.b.c.d, ::a.b.c.d and ::ffff:a.b.c.d are IPv4 addresses, mapped to
     * ::ffff:a.b.c.d with the prefix counted from bit 96 */
    const char *v4 = !strchr(buf, ':')             ? buf
                     : !strncmp(buf, "::ffff:", 7) ? buf + 7
                     : !strncmp(buf, "::", 2)      ? buf + 2
                                                   : NULL;
    if (v4 && strchr(v4, '.') && !strchr(v4, ':')) {
        struct in_addr a;
        if (inet_pton(AF_INET, v4, &a) != 1)
            return false;
        memset(addr, 0, 10);
        addr[10] = addr[11] = 0xff;
        memcpy(addr + 12, &a.s_addr, 4);
        *prefix = 128;
        if (slash && !parse_prefix(slash + 1, strlen(slash + 1), 32, prefix))
            return false;
        if (slash)
            *prefix += 96;
        return true;
    }
    struct in6_addr a6;
    if (inet_pton(AF_INET6, buf, &a6) != 1)
        return false;
    memcpy(addr, a6.s6_addr, 16);
    *prefix = 128;
    return !slash || parse_prefix(slash + 1, strlen(slash + 1), 128, prefix);
}

static void mask6(uint8_t a[16], int prefix)
{
    for (int i = 0; i < 16; i++) {
        int bits = prefix - i * 8;
        a[i] &= bits >= 8 ? 0xff : bits <= 0 ? 0 : (uint8_t)(0xff << (8 - bits));
    }
}

/* Reads string argument i of v (strings are never null in KQL). */
static hstr arg_str(const hvec *v, uint32_t i)
{
    return vec_is_null(v, i) ? (hstr){"", 0} : vec_s(v, i);
}

/* The optional prefix argument: true and *p when given and valid. */
static bool arg_prefix(int argc, const hvec *const *argv, int at, uint32_t i, int max, int *p)
{
    *p = max;
    if (argc <= at)
        return true;
    if (vec_is_null(argv[at], i))
        return false;
    int64_t v = vec_i(argv[at], i);
    if (v < 0 || v > max)
        return false;
    *p = (int)v;
    return true;
}

static void set_null(fn_ctx *ctx, hvec *out, uint32_t i)
{
    if (out->type == HT_STRING) {
        out->s[i] = (hstr){"", 0};
        return;
    }
    if (out->type == HT_BOOL)
        out->b[i] = 0;
    else
        out->i[i] = 0;
    vec_set_null(ctx->arena, out, i);
}

/* --- type checks --------------------------------------------------------------- */

/* Checks args against kinds (one char per argument, last repeated). */
static htype tc_kinds(fn_sig *sig, const char *kinds, htype result)
{
    size_t nk = strlen(kinds);
    for (int i = 0; i < sig->argc; i++)
        if (!fn_want(sig, sig->name, i, kinds[(size_t)i < nk ? (size_t)i : nk - 1]))
            return HT_UNKNOWN;
    return result;
}

#define TC(fn, kinds, res)                                                                         \
    static htype fn(fn_sig *sig)                                                                   \
    {                                                                                              \
        return tc_kinds(sig, kinds, res);                                                          \
    }

TC(tc_s_bool, "s", HT_BOOL)
TC(tc_s_long, "s", HT_LONG)
TC(tc_s_string, "s", HT_STRING)
TC(tc_sl_long, "sl", HT_LONG)
TC(tc_sl_string, "sl", HT_STRING)
TC(tc_ssl_bool, "ssl", HT_BOOL)
TC(tc_ssl_long, "ssl", HT_LONG)

/* Lists of addresses: strings, or one dynamic array after the first argument. */
static htype tc_list(fn_sig *sig)
{
    if (!fn_want(sig, sig->name, 0, 's'))
        return HT_UNKNOWN;
    for (int i = 1; i < sig->argc; i++) {
        bool arr = sig->argc == 2 && sig->argt[i] == HT_DYNAMIC;
        if (!fn_want(sig, sig->name, i, arr ? 'y' : 's'))
            return HT_UNKNOWN;
    }
    return HT_BOOL;
}

/* format_ipv4 takes a string or a long address, then an optional prefix. */
static htype tc_format(fn_sig *sig)
{
    htype t = sig->argt[0];
    if (!fn_want(sig, sig->name, 0, t == HT_INT || t == HT_LONG ? 'l' : 's'))
        return HT_UNKNOWN;
    if (sig->argc > 1 && !fn_want(sig, sig->name, 1, 'l'))
        return HT_UNKNOWN;
    return HT_STRING;
}

/* --- IPv4 ---------------------------------------------------------------------- */

static int run_ipv4_is_private(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        uint32_t a;
        int p;
        if (!ip4_parse(arg_str(argv[0], i), &a, &p)) {
            set_null(ctx, out, i);
            continue;
        }
        a &= mask4(p);
        out->b[i] = (a & 0xff000000u) == 0x0a000000u || (a & 0xfff00000u) == 0xac100000u ||
                    (a & 0xffff0000u) == 0xc0a80000u;
    }
    return 0;
}

/* Compares a and b (with prefixes) under the extra prefix limit: -1, 0, 1;
 * -2 when either is invalid. */
static int ip4_cmp(hstr x, hstr y, int limit)
{
    uint32_t a, b;
    int pa, pb;
    if (!ip4_parse(x, &a, &pa) || !ip4_parse(y, &b, &pb))
        return -2;
    int p = pa < pb ? pa : pb;
    p = p < limit ? p : limit;
    a &= mask4(p);
    b &= mask4(p);
    return a < b ? -1 : a > b;
}

/* ipv4_compare / ipv6_compare (a long) and *_is_match (a bool): cmp of the
 * two addresses under the optional prefix argument (at most bits). */
static int run_ip_compare(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, bool match,
                          int bits, int (*cmp)(hstr, hstr, int))
{
    vec_alloc(ctx->arena, out, match ? HT_BOOL : HT_LONG, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int limit;
        int c = arg_prefix(argc, argv, 2, i, bits, &limit)
                    ? cmp(arg_str(argv[0], i), arg_str(argv[1], i), limit)
                    : -2;
        if (c == -2)
            set_null(ctx, out, i);
        else if (match)
            out->b[i] = c == 0;
        else
            out->i[i] = c;
    }
    return 0;
}

static int run_ipv4_compare(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_ip_compare(ctx, argc, argv, out, false, 32, ip4_cmp);
}

static int run_ipv4_is_match(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_ip_compare(ctx, argc, argv, out, true, 32, ip4_cmp);
}

/* ip inside range: the address masked by the range's prefix equals the range. */
static int ip4_in_range(hstr ip, hstr range)
{
    uint32_t a, r;
    int pa, pr;
    if (!ip4_parse(ip, &a, &pa))
        return -1;
    if (!ip4_parse(range, &r, &pr))
        return -2;
    return (a & mask4(pr)) == (r & mask4(pr));
}

static int run_ipv4_is_in_range(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int r = ip4_in_range(arg_str(argv[0], i), arg_str(argv[1], i));
        if (r < 0)
            set_null(ctx, out, i);
        else
            out->b[i] = r;
    }
    return 0;
}

/* Calls test(source, item) for each listed item (string arguments or the
 * strings of one dynamic array); returns 1 on the first hit, -1 when test
 * says the source itself is invalid, else 0. */
typedef int (*item_test)(hstr source, hstr item);

static int any_item(const hvec *const *argv, int argc, uint32_t i, item_test test)
{
    hstr src = arg_str(argv[0], i);
    if (argc == 2 && argv[1]->type == HT_DYNAMIC) {
        if (vec_is_null(argv[1], i))
            return 0;
        const uint8_t *d = (const uint8_t *)vec_s(argv[1], i).p;
        dyn_iter it;
        const uint8_t *e = dyn_tag(d) == DYN_ARRAY ? dyn_first(d, &it, NULL) : d;
        for (; e; e = dyn_tag(d) == DYN_ARRAY ? dyn_next(&it, NULL) : NULL) {
            int r = dyn_tag(e) == DYN_STRING ? test(src, dyn_string(e)) : 0;
            if (r != 0 && r != -2)
                return r;
        }
        return 0;
    }
    for (int k = 1; k < argc; k++) {
        int r = test(src, arg_str(argv[k], i));
        if (r != 0 && r != -2)
            return r;
    }
    return 0;
}

static int run_any(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, item_test test)
{
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int r = any_item(argv, argc, i, test);
        if (r < 0)
            set_null(ctx, out, i);
        else
            out->b[i] = r;
    }
    return 0;
}

static int run_ipv4_is_in_any_range(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_any(ctx, argc, argv, out, ip4_in_range);
}

static int run_parse_ipv4(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_LONG, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        uint32_t a;
        int p, limit;
        if (!arg_prefix(argc, argv, 1, i, 32, &limit) || !ip4_parse(arg_str(argv[0], i), &a, &p)) {
            set_null(ctx, out, i);
            continue;
        }
        out->i[i] = a & mask4(p < limit ? p : limit);
    }
    return 0;
}

static int run_ipv4_netmask_suffix(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_LONG, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        uint32_t a;
        int p;
        if (ip4_parse(arg_str(argv[0], i), &a, &p))
            out->i[i] = p;
        else
            set_null(ctx, out, i);
    }
    return 0;
}

/* The address of format_ipv4's first argument (text or number). */
static bool format_addr(const hvec *v, uint32_t i, uint32_t *a, int *p)
{
    if (v->type == HT_STRING)
        return ip4_parse(arg_str(v, i), a, p);
    if (vec_is_null(v, i) || vec_i(v, i) < 0 || vec_i(v, i) > 0xffffffffLL)
        return false;
    *a = (uint32_t)vec_i(v, i);
    *p = 32;
    return true;
}

static int run_format(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, bool with_mask)
{
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        uint32_t a;
        int p, limit;
        if (!arg_prefix(argc, argv, 1, i, 32, &limit) || !format_addr(argv[0], i, &a, &p)) {
            set_null(ctx, out, i);
            continue;
        }
        p = p < limit ? p : limit;
        a &= mask4(p);
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255,
                         a & 255);
        if (with_mask)
            n += snprintf(buf + n, sizeof buf - (size_t)n, "/%d", p);
        vec_set_str(ctx->arena, out, i, buf, (size_t)n);
    }
    return 0;
}

static int run_format_ipv4(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_format(ctx, argc, argv, out, false);
}

static int run_format_ipv4_mask(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_format(ctx, argc, argv, out, true);
}

/* --- has_ipv4 family ------------------------------------------------------------- */

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Reads a dotted-quad at s[0..n): its length, 0 when none (1-3 digits per
 * part, parts <= 255, not followed by an alphanumeric). */
static size_t ip4_token(const char *s, size_t n, uint32_t *addr)
{
    size_t i = 0;
    uint32_t a = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (i >= n || s[i] != '.')
                return 0;
            i++;
        }
        size_t d0 = i;
        unsigned v = 0;
        while (i < n && i - d0 < 4 && s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (unsigned)(s[i++] - '0');
        if (i == d0 || i - d0 > 3 || v > 255)
            return 0;
        a = a << 8 | v;
    }
    if (i < n && is_alnum(s[i]))
        return 0;
    *addr = a;
    return i;
}

/* Calls back for each delimited IPv4 address in text; stops when it says so. */
static bool scan_ipv4(hstr text, bool (*hit)(const char *p, size_t n, uint32_t a, void *u), void *u)
{
    for (size_t i = 0; i < text.n; i++) {
        if (text.p[i] < '0' || text.p[i] > '9' || (i > 0 && is_alnum(text.p[i - 1])))
            continue;
        uint32_t a;
        size_t len = ip4_token(text.p + i, text.n - i, &a);
        if (len && hit(text.p + i, len, a, u))
            return true;
    }
    return false;
}

static bool hit_addr(const char *p, size_t n, uint32_t a, void *u)
{
    (void)p, (void)n;
    return a == *(const uint32_t *)u;
}

static bool hit_prefix(const char *p, size_t n, uint32_t a, void *u)
{
    (void)a;
    const hstr *pre = u;
    return n >= pre->n && memcmp(p, pre->p, pre->n) == 0;
}

/* has_ipv4(source, ip): 1 found, 0 not (also when ip is no valid address). */
static int has_ip(hstr src, hstr ip)
{
    uint32_t a;
    if (ip4_token(ip.p, ip.n, &a) != ip.n || ip.n == 0)
        return 0;
    return scan_ipv4(src, hit_addr, &a);
}

/* A valid prefix is a whole address or 1-3 parts each followed by a dot. */
static bool valid_prefix(hstr pre)
{
    uint32_t a;
    if (pre.n && ip4_token(pre.p, pre.n, &a) == pre.n)
        return true;
    if (pre.n < 2 || pre.p[pre.n - 1] != '.')
        return false;
    int parts = 0;
    size_t i = 0;
    while (i < pre.n) {
        size_t d0 = i;
        unsigned v = 0;
        while (i < pre.n && i - d0 < 4 && pre.p[i] >= '0' && pre.p[i] <= '9')
            v = v * 10 + (unsigned)(pre.p[i++] - '0');
        if (i == d0 || i - d0 > 3 || v > 255 || i >= pre.n || pre.p[i] != '.')
            return false;
        i++;
        parts++;
    }
    return parts >= 1 && parts <= 3;
}

static int has_prefix(hstr src, hstr pre)
{
    if (!valid_prefix(pre))
        return 0;
    return scan_ipv4(src, hit_prefix, &pre);
}

static int run_has_ipv4(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_any(ctx, argc, argv, out, has_ip);
}

static int run_has_ipv4_prefix(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_any(ctx, argc, argv, out, has_prefix);
}

/* --- IPv6 ------------------------------------------------------------------------- */

static int ip6_cmp(hstr x, hstr y, int limit)
{
    uint8_t a[16], b[16];
    int pa, pb;
    if (!ip6_parse(x, a, &pa) || !ip6_parse(y, b, &pb))
        return -2;
    int p = pa < pb ? pa : pb;
    p = p < limit ? p : limit;
    mask6(a, p);
    mask6(b, p);
    int c = memcmp(a, b, 16);
    return c < 0 ? -1 : c > 0;
}

static int run_ipv6_compare(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_ip_compare(ctx, argc, argv, out, false, 128, ip6_cmp);
}

static int run_ipv6_is_match(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_ip_compare(ctx, argc, argv, out, true, 128, ip6_cmp);
}

static int run_parse_ipv6(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        uint8_t a[16];
        int p, limit;
        if (!arg_prefix(argc, argv, 1, i, 128, &limit) || !ip6_parse(arg_str(argv[0], i), a, &p)) {
            set_null(ctx, out, i);
            continue;
        }
        mask6(a, p < limit ? p : limit);
        char buf[48];
        int n = 0;
        for (int g = 0; g < 8; g++)
            n += snprintf(buf + n, sizeof buf - (size_t)n, g ? ":%02x%02x" : "%02x%02x", a[2 * g],
                          a[2 * g + 1]);
        vec_set_str(ctx->arena, out, i, buf, (size_t)n);
    }
    return 0;
}

static int ip6_in_range(hstr ip, hstr range)
{
    uint8_t a[16], r[16];
    int pa, pr;
    if (!ip6_parse(ip, a, &pa))
        return -1;
    if (!ip6_parse(range, r, &pr))
        return -2;
    mask6(a, pr);
    mask6(r, pr);
    return memcmp(a, r, 16) == 0;
}

static int run_ipv6_is_in_range(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        int r = ip6_in_range(arg_str(argv[0], i), arg_str(argv[1], i));
        if (r < 0)
            set_null(ctx, out, i);
        else
            out->b[i] = r;
    }
    return 0;
}

static int run_ipv6_is_in_any_range(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return run_any(ctx, argc, argv, out, ip6_in_range);
}

/* --- the table ----------------------------------------------------------------------- */

#define F(name, lo, hi, tc, run)                                                                   \
    {                                                                                              \
        name, lo, hi, tc, run, NULL, 0                                                             \
    }

const fn_def fn_ip_defs[] = {
    F("ipv4_is_private", 1, 1, tc_s_bool, run_ipv4_is_private),
    F("ipv4_is_in_range", 2, 2, tc_s_bool, run_ipv4_is_in_range),
    F("ipv4_is_in_any_range", 2, FN_MAX_ARGS, tc_list, run_ipv4_is_in_any_range),
    F("ipv4_is_match", 2, 3, tc_ssl_bool, run_ipv4_is_match),
    F("ipv4_compare", 2, 3, tc_ssl_long, run_ipv4_compare),
    F("parse_ipv4", 1, 1, tc_s_long, run_parse_ipv4),
    F("parse_ipv4_mask", 2, 2, tc_sl_long, run_parse_ipv4),
    F("format_ipv4", 1, 2, tc_format, run_format_ipv4),
    F("format_ipv4_mask", 1, 2, tc_format, run_format_ipv4_mask),
    F("ipv4_netmask_suffix", 1, 1, tc_s_long, run_ipv4_netmask_suffix),
    F("has_ipv4", 2, 2, tc_s_bool, run_has_ipv4),
    F("has_ipv4_prefix", 2, 2, tc_s_bool, run_has_ipv4_prefix),
    F("has_any_ipv4", 2, FN_MAX_ARGS, tc_list, run_has_ipv4),
    F("has_any_ipv4_prefix", 2, FN_MAX_ARGS, tc_list, run_has_ipv4_prefix),
    F("ipv6_compare", 2, 3, tc_ssl_long, run_ipv6_compare),
    F("ipv6_is_match", 2, 3, tc_ssl_bool, run_ipv6_is_match),
    F("parse_ipv6", 1, 1, tc_s_string, run_parse_ipv6),
    F("parse_ipv6_mask", 2, 2, tc_sl_string, run_parse_ipv6),
    F("ipv6_is_in_range", 2, 2, tc_s_bool, run_ipv6_is_in_range),
    F("ipv6_is_in_any_range", 2, FN_MAX_ARGS, tc_list, run_ipv6_is_in_any_range),
    {NULL},
};
