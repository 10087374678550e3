/* tests/unit/test_fn_ip.c — checks the IPv4/IPv6 functions of engine/fn_ip.c
 * through fn_lookup on one-row constant vectors, against the examples the KQL
 * documentation publishes (the ipv4-*, ipv6-*, has-*ipv4* conformance files),
 * plus invalid input (null results, "" for strings).
 *
 * Arguments (FN_SPEC of fn_harness.h) are written "T:text" (y dynamic JSON, s
 * string, l long, ...); null results print as "<null>". Prints one line per
 * failed check, then "N passed, N failed".
 */
#include "fn_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T FN_SPEC /* T(want, "name", "T:text"...) checks the text of name(args) */

static void test_ipv4(void)
{
    T("true", "ipv4_is_private", "s:10.1.2.3");
    T("true", "ipv4_is_private", "s:192.168.1.1/24");
    T("false", "ipv4_is_private", "s:127.0.0.1");
    T("true", "ipv4_is_private", "s:172.31.255.255");
    T("false", "ipv4_is_private", "s:172.32.0.1");
    T("false", "ipv4_is_private", "s:202.1.2.3");
    T("<null>", "ipv4_is_private", "s:not an ip");
    T("true", "ipv4_is_in_range", "s:192.168.1.1", "s:192.168.1.1");
    T("true", "ipv4_is_in_range", "s:192.168.1.1", "s:192.168.1.255/24");
    T("false", "ipv4_is_in_range", "s:192.168.2.1", "s:192.168.1.255/24");
    T("<null>", "ipv4_is_in_range", "s:192.168.1.256", "s:192.168.1.255/24");
    T("true", "ipv4_is_in_any_range", "s:192.168.1.6", "s:192.168.1.1/24", "s:10.0.0.1/8",
      "s:127.1.0.1/16");
    T("true", "ipv4_is_in_any_range", "s:127.0.0.1", "y:[\"127.0.0.1\", \"192.168.1.1\"]");
    const char *nets = "y:[\"192.168.1.1/16\",\"127.0.0.1/8\",\"10.0.0.1/8\"]";
    T("true", "ipv4_is_in_any_range", "s:10.1.2.3", nets);
    T("true", "ipv4_is_in_any_range", "s:192.168.1.5", nets);
    T("false", "ipv4_is_in_any_range", "s:123.1.11.21", nets);
    T("false", "ipv4_is_in_any_range", "s:1.1.1.1", nets);
    T("true", "ipv4_is_match", "s:192.168.1.1/24", "s:192.168.1.255");
    T("true", "ipv4_is_match", "s:192.168.1.1/30", "s:192.168.1.255/24");
    T("true", "ipv4_is_match", "s:192.168.1.1", "s:192.168.1.0", "l:31");
    T("true", "ipv4_is_match", "s:192.168.1.1", "s:192.168.1.255", "l:24");
    T("false", "ipv4_is_match", "s:192.168.1.1", "s:192.168.1.0");
    T("0", "ipv4_compare", "s:192.168.1.0", "s:192.168.1.0");
    T("0", "ipv4_compare", "s:192.168.1.1/24", "s:192.168.1.255");
    T("0", "ipv4_compare", "s:192.168.1.1/24", "s:192.168.1.255", "l:31");
    T("-1", "ipv4_compare", "s:192.168.1.1", "s:192.168.1.255");
    T("1", "ipv4_compare", "s:192.168.1.1", "s:192.168.1.0");
    T("<null>", "ipv4_compare", "s:192.168.1.1", "s:x");
    T("3232235777", "parse_ipv4", "s:192.168.1.1");
    T("3232235776", "parse_ipv4", "s:192.168.1.1/24");
    T("4294967294", "parse_ipv4", "s:255.255.255.255/31");
    T("<null>", "parse_ipv4", "s:1.2.3");
    T("<null>", "parse_ipv4", "s:1.2.3.4/33");
    T("3232235776", "parse_ipv4_mask", "s:192.168.1.1", "l:24");
    T("<null>", "parse_ipv4_mask", "s:192.168.1.1", "l:-1");
    T("192.168.1.0", "format_ipv4", "s:192.168.1.1", "l:24");
    T("192.168.1.1", "format_ipv4", "s:192.168.1.1", "l:32");
    T("192.168.1.0", "format_ipv4", "s:192.168.1.1/24", "l:32");
    T("", "format_ipv4", "s:192.168.1.1/24", "l:-1");
    T("192.168.1.1", "format_ipv4", "l:3232235777");
    T("192.168.1.0/24", "format_ipv4_mask", "s:192.168.1.1", "l:24");
    T("192.168.1.1/32", "format_ipv4_mask", "s:192.168.1.1", "l:32");
    T("192.168.1.0/24", "format_ipv4_mask", "s:192.168.1.1/24", "l:32");
    T("", "format_ipv4_mask", "s:192.168.1.1/24", "l:-1");
    T("32", "ipv4_netmask_suffix", "s:10.1.2.3");
    T("24", "ipv4_netmask_suffix", "s:192.168.1.1/24");
    T("16", "ipv4_netmask_suffix", "s:127.0.0.1/16");
    T("<null>", "ipv4_netmask_suffix", "s:");
}

static void test_has_ipv4(void)
{
    const char *log = "s:05:04:54 127.0.0.1 GET /favicon.ico 404";
    const char *bad = "s:05:04:54 127.0.0.256 GET /favicon.ico 404";
    const char *glued = "s:05:04:54127.0.0.1 GET /favicon.ico 404";
    T("true", "has_ipv4", log, "s:127.0.0.1");
    T("false", "has_ipv4", bad, "s:127.0.0.256");
    T("false", "has_ipv4", glued, "s:127.0.0.1");
    T("true", "has_ipv4", "s:from: 192.168.1.1, 10.1.1.115 and 10.1.1.201.", "s:10.1.1.201");
    T("false", "has_ipv4", "s:10.1.1.2011", "s:10.1.1.201");
    T("true", "has_ipv4_prefix", log, "s:127.0.");
    T("false", "has_ipv4_prefix", log, "s:127.0");
    T("false", "has_ipv4_prefix", bad, "s:127.0.");
    T("false", "has_ipv4_prefix", glued, "s:127.0.");
    T("true", "has_ipv4_prefix", log, "s:127.0.0.1");
    T("true", "has_any_ipv4", log, "s:127.0.0.1", "s:127.0.0.2");
    T("true", "has_any_ipv4", log, "y:[\"127.0.0.1\", \"127.0.0.2\"]");
    T("false", "has_any_ipv4", bad, "y:[\"127.0.0.256\", \"192.168.1.1\"]");
    T("false", "has_any_ipv4", glued, "s:127.0.0.1", "s:192.168.1.1");
    T("true", "has_any_ipv4_prefix", log, "s:127.0.", "s:192.168.");
    T("true", "has_any_ipv4_prefix", log, "y:[\"127.0.\", \"192.168.\"]");
    T("false", "has_any_ipv4_prefix", log, "s:127.0");
    T("false", "has_any_ipv4_prefix", glued, "s:127.0.", "s:192.");
}

static void test_ipv6(void)
{
    T("0", "ipv6_compare", "s:192.168.1.1", "s:192.168.1.1");
    T("0", "ipv6_compare", "s:192.168.1.1/24", "s:192.168.1.255");
    T("0", "ipv6_compare", "s:fe80::85d:e82c:9446:7994/120", "s:fe80::85d:e82c:9446:7998");
    T("0", "ipv6_compare", "s:192.168.1.1", "s:::ffff:c0a8:0101");
    T("0", "ipv6_compare", "s:::ffff:c0a8:0101", "s:192.168.1.255/24");
    T("0", "ipv6_compare", "s:::192.168.1.1/30", "s:192.168.1.255/24");
    T("0", "ipv6_compare", "s:fe80::85d:e82c:9446:7994", "s:fe80::85d:e82c:9446:7995", "l:127");
    T("0", "ipv6_compare", "s:192.168.1.1/24", "s:::ffff:c0a8:01ff", "l:127");
    T("0", "ipv6_compare", "s:::192.168.1.1/30", "s:192.168.1.255/24", "l:127");
    T("-1", "ipv6_compare", "s:fe80::1", "s:fe80::2");
    T("1", "ipv6_compare", "s:fe80::3", "s:fe80::2");
    T("<null>", "ipv6_compare", "s:fe80::zz", "s:fe80::2");
    T("true", "ipv6_is_match", "s:fe80::85d:e82c:9446:7994/120", "s:fe80::85d:e82c:9446:7998/120");
    T("true", "ipv6_is_match", "s:::ffff:c0a8:0101", "s:192.168.1.255", "l:120");
    T("false", "ipv6_is_match", "s:fe80::1", "s:fe80::2");
    T("0000:0000:0000:0000:0000:ffff:c0a8:ffff", "parse_ipv6", "s:192.168.255.255");
    T("0000:0000:0000:0000:0000:ffff:c0a8:ff00", "parse_ipv6", "s:192.168.255.255/24");
    T("0000:0000:0000:0000:0000:ffff:ffff:ffff", "parse_ipv6", "s:255.255.255.255");
    T("", "parse_ipv6", "s:nonsense");
    T("0000:0000:0000:0000:0000:ffff:c0a8:ff00", "parse_ipv6_mask", "s:192.168.255.255", "l:120");
    T("0000:0000:0000:0000:0000:ffff:c0a8:ff00", "parse_ipv6_mask", "s:192.168.255.255/24",
      "l:124");
    T("fe80:0000:0000:0000:085d:e82c:9446:7994", "parse_ipv6_mask", "s:fe80::85d:e82c:9446:7994",
      "l:128");
    T("fe80:0000:0000:0000:085d:e82c:9446:7900", "parse_ipv6_mask",
      "s:fe80::85d:e82c:9446:7994/120", "l:124");
    T("0000:0000:0000:0000:0000:ffff:c0a8:ffff", "parse_ipv6_mask", "s:::192.168.255.255", "l:128");
    T("0000:0000:0000:0000:0000:ffff:c0a8:ff00", "parse_ipv6_mask", "s:::192.168.255.255/24",
      "l:128");
    const char *ip = "s:a5e:f127:8a9d:146d:e102:b5d3:c755:abcd";
    T("true", "ipv6_is_in_range", ip, "s:a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112");
    T("true", "ipv6_is_in_range", ip, "s:a5e:f127:8a9d:146d:e102:b5d3:c755:abcd");
    T("false", "ipv6_is_in_range", ip, "s:0:0:0:0:0:ffff:c0a8:ac/60");
    const char *nets =
        "y:[\"a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112\",\"0:0:0:0:0:ffff:c0a8:ac/60\"]";
    T("true", "ipv6_is_in_any_range", "s:a5e:f127:8a9d:146d:e102:b5d3:c755:abcf", nets);
    T("false", "ipv6_is_in_any_range", "s:a5e:f127:8a9d:146d:e102:b5d3:c756:abd1", nets);
    T("<null>", "ipv6_is_in_any_range", "s:x", nets);
}

int main(void)
{
    arena_init(&A);
    test_ipv4();
    test_has_ipv4();
    test_ipv6();
    arena_free(&A);
    return check_summary();
}
