/* tests/unit/test_dyn_parse.c — proves the single-pass JSON scanner of
 * tables/dyn_parse.c equivalent to the jansson path of dyn_from_json.
 *
 * Every input goes through dyn_parse_json, dyn_from_json_jansson and
 * dyn_from_json. Checks: the scanner never accepts what jansson rejects; when
 * it accepts, its bytes equal jansson's; when it declines, the buffer is back
 * at its old length; dyn_from_json decides, encodes and words errors exactly
 * as jansson does; and texts with none of the features the scanner leaves to
 * jansson (huge integers, duplicate or NUL keys, numbers over 127 chars) are
 * taken by the scanner itself.
 *
 * Inputs: the lines and nested JSON strings of samples/data, tests/data and
 * /work/shared/schemas/examples (when present), hand-written edge cases,
 * exhaustive UTF-8 and \u escape sweeps, nesting at the depth limit, and a
 * few hundred thousand random and mutated texts (fixed seed).
 * Prints one line per failed check (at most 40), then "N passed, N failed".
 */
#include "tables/dyn.h"

#include <glob.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;
static long n_fast, n_fallback_ok, n_rejected, n_defer_bad;

static void report(const char *what, const char *s, size_t n)
{
    failed++;
    if (failed > 40)
        return;
    printf("%s: ", what);
    for (size_t i = 0; i < n && i < 160; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F)
            putchar(c);
        else
            printf("\\x%02x", c);
    }
    printf("%s (%zu bytes)\n", n > 160 ? "..." : "", n);
}

static bool same(const dbuf *a, const dbuf *b)
{
    return a->n == b->n && memcmp(a->p, b->p, a->n) == 0;
}

/* dyn_from_json over s with and without an error buffer: both must decide
 * and encode as jansson did (j, ej), the first with jansson's message. */
static bool combined_same(const char *s, size_t n, bool ja, const dbuf *j, const char *ej)
{
    static dbuf c;
    char ec[200] = "";
    for (int with_err = 0; with_err < 2; with_err++) {
        dbuf_reset(&c);
        dyn_put_long(&c, 7);
        bool ca =
            with_err ? dyn_from_json(s, n, &c, ec, sizeof ec) : dyn_from_json(s, n, &c, NULL, 0);
        if (ca != ja || (ca ? !same(&c, j) : c.n != 9) || (with_err && !ca && strcmp(ec, ej) != 0))
            return false;
    }
    return true;
}

/* Runs the scanner, jansson and dyn_from_json over s; must_fast: the scanner
 * has to take it when jansson does. */
static void compare(const char *s, size_t n, bool must_fast)
{
    static dbuf f, j;
    char ej[200] = "";
    dbuf_reset(&f);
    dbuf_reset(&j);
    dyn_put_long(&f, 7); /* existing content must survive */
    dyn_put_long(&j, 7);
    int fr = dyn_parse_json(s, n, &f);
    bool fa = fr == DYN_PARSE_OK;
    bool ja = dyn_from_json_jansson(s, n, &j, ej, sizeof ej);
    if (fa && !ja)
        return report("scanner accepts what jansson rejects", s, n);
    if (fr == DYN_PARSE_INVALID && ja)
        return report("scanner calls invalid what jansson accepts", s, n);
    if (fa && !same(&f, &j))
        return report("scanner bytes differ from jansson", s, n);
    if (!fa && f.n != 9)
        return report("scanner left bytes behind on decline", s, n);
    if (!combined_same(s, n, ja, &j, ej))
        return report("dyn_from_json differs from jansson", s, n);
    if (must_fast && ja && !fa)
        return report("scanner declined a plain valid text", s, n);
    if (ja && dyn_size(j.p + 9) != j.n - 9)
        return report("encoded size mismatch", s, n);
    passed++;
    n_fast += fa;
    n_fallback_ok += !fa && ja;
    n_defer_bad += fr == DYN_PARSE_DEFER && !ja;
    n_rejected += !ja;
}

static void compare_str(const char *s, bool must_fast)
{
    compare(s, strlen(s), must_fast);
}

/* --- file corpus ------------------------------------------------------------ */

/* Every string in the tree that looks like JSON, and every container
 * re-printed compactly and indented. */
static void walk(json_t *v)
{
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        if (s[0] == '{' || s[0] == '[' || s[0] == '"' || (s[0] >= '0' && s[0] <= '9'))
            compare(s, json_string_length(v), false);
        return;
    }
    if (!json_is_object(v) && !json_is_array(v))
        return;
    for (int indent = 0; indent <= 2; indent += 2) {
        char *t = json_dumps(v, JSON_PRESERVE_ORDER | JSON_INDENT(indent) | JSON_COMPACT);
        if (t)
            compare_str(t, true);
        free(t);
    }
    size_t i;
    const char *k;
    json_t *e;
    if (json_is_array(v))
        json_array_foreach(v, i, e) walk(e);
    else
        json_object_foreach(v, k, e) walk(e);
}

static void one_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return;
    dbuf d = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        dbuf_put(&d, chunk, got);
    fclose(fp);
    compare((const char *)d.p, d.n, false); /* the whole file */
    const char *p = (const char *)d.p, *end = p + d.n;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        compare(p, (size_t)(e - p), false);
        json_t *v = json_loadb(p, (size_t)(e - p), JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
        if (v)
            walk(v);
        json_decref(v);
        p = e + 1;
    }
    dbuf_free(&d);
}

static void file_corpus(void)
{
    static const char *pats[] = {"samples/data/*", "tests/data/*", "tests/data/*/*",
                                 "/work/shared/schemas/examples/*.jsonl"};
    for (size_t i = 0; i < sizeof pats / sizeof *pats; i++) {
        glob_t g;
        if (glob(pats[i], 0, NULL, &g) != 0)
            continue;
        for (size_t k = 0; k < g.gl_pathc; k++)
            one_file(g.gl_pathv[k]);
        globfree(&g);
    }
}

/* --- hand-written cases ----------------------------------------------------- */

static void edge_cases(void)
{
    static const char *plain[] = {
        "0",
        "-0",
        "1",
        "-1",
        "0.0",
        "-0.0",
        "1.5",
        "1e5",
        "1E5",
        "1e+5",
        "1e-5",
        "-1.25e-3",
        "9223372036854775807",
        "-9223372036854775808",
        "922337203685477580",
        "1.0",
        "0.1",
        "0.30000000000000004",
        "123456789012345678",
        "1234567890123456789",
        "1.7976931348623157e308",
        "2.2250738585072014e-308",
        "4.9e-324",
        "1e-400",
        "-1e-400",
        "0e999999999",
        "0.000000000000000000000000000001",
        "9007199254740993.0",
        "12345678901234567890.5",
        "1.2345678901234567890123",
        "100000000000000000000000e-10",
        "true",
        "false",
        "null",
        " \t\r\n true \t\r\n ",
        "\"\"",
        "\"a\"",
        "[]",
        "{}",
        "[ ]",
        "{ }",
        "[1,2,3]",
        "[ 1 , 2 , 3 ]",
        "{\"a\":1}",
        "{ \"a\" : 1 , \"b\" : [ ] }",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        "\"\\u0041\\u00e9\\u20ac\\uD83D\\uDE00\"",
        "\"\\u0000\"",
        "[\"a\\u0000b\"]",
        "\"\\uFFFF\\uFFFE\\uDBFF\\uDFFF\"",
        "\"\x7f\"",
        "\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf\"",
        "{\"\":\"\"}",
        "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}",
        "[[[[[]]]]]",
        "{\"A\":1,\"a\":2}",
        "\"\\u00e9 in the middle of a long string with escapes \\n and more text\"",
        "{\"$id\":\"2\",\"HostName\":\"h\",\"Host\":{\"$ref\":\"2\"},\"Type\":\"host\"}",
    };
    static const char *fallback[] = {
        "9223372036854775808",
        "-9223372036854775809",
        "99999999999999999999",
        "[1, 9223372036854775807, 9223372036854775808, 1.0, 1e3, 2.5, 9007199254740993]",
        "{\"a\":1,\"a\":2}",
        "{\"a\":1,\"b\":2,\"a\":{\"x\":3}}",
        "{\"a\\u0000\":1}",
        "{\"\":1,\"\":2}",
        "[{\"k\":1,\"k\":[1,2],\"k\":\"s\"}]",
    };
    static const char *bad[] = {
        "",
        " ",
        "tru",
        "truex",
        "nul",
        "nulll",
        "True",
        "NaN",
        "Infinity",
        "-",
        "+1",
        "01",
        "-01",
        "1.",
        ".5",
        "1e",
        "1e+",
        "1.e5",
        "0x10",
        "1 2",
        "[1,]",
        "[,1]",
        "[1 2]",
        "{,}",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\" 1}",
        "{a:1}",
        "{\"a\":1,}",
        "{\"a\":1 \"b\":2}",
        "[",
        "]",
        "{",
        "}",
        "[1",
        "{\"a\":1",
        "\"abc",
        "\"a\\\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\\uD800\"",
        "\"\\uDC00\"",
        "\"\\uD800\\u0041\"",
        "\"\\uD800x\"",
        "\"\\uD800\\\"",
        "\"tab\there\"",
        "\"nl\nhere\"",
        "\"\x80\"",
        "\"\xc0\xaf\"",
        "\"\xc1\xbf\"",
        "\"\xe0\x80\xaf\"",
        "\"\xed\xa0\x80\"",
        "\"\xf4\x90\x80\x80\"",
        "\"\xf5\x80\x80\x80\"",
        "\"\xff\"",
        "\"\xc3\"",
        "\"\xe2\x82\"",
        "1e400",
        "-1e400",
        "[1]x",
        "{}{}",
        "\"a\"\"b\"",
        "\xef\xbb\xbf{}",
        "[1,2]\x00",
        "\x00",
        "[\"\x00\"]",
        "/* c */ 1",
        "[1,2,3,]",
        "[-]",
        "[--1]",
        "[1e5.5]",
    };
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        compare_str(plain[i], true);
    for (size_t i = 0; i < sizeof fallback / sizeof *fallback; i++)
        compare_str(fallback[i], false);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        compare_str(bad[i], false);
        /* jansson drops one NUL byte right after a number or a literal */
#define TEXT(t)                                                                                    \
    {                                                                                              \
        t, sizeof t - 1                                                                            \
    }
    static const struct {
        const char *s;
        size_t n;
    } nul_after[] = {TEXT("1\0"),
                     TEXT("[1\0]"),
                     TEXT("[1\0,2]"),
                     TEXT("true\0"),
                     TEXT("[null\0 ,false\0]"),
                     TEXT("1.5\0"),
                     TEXT("-2e5\0 "),
                     TEXT("{\"a\":0\0}"),
                     TEXT("1\0\0"),
                     TEXT("\"a\"\0"),
                     TEXT("[1,\0 2]"),
                     TEXT("[\0]"),
                     TEXT("{\"a\"\0:1}"),
                     TEXT("nul\0l"),
                     TEXT("-\0"
                          "1"),
                     TEXT("[0\0\0]")};
#undef TEXT
    for (size_t i = 0; i < sizeof nul_after / sizeof *nul_after; i++)
        compare(nul_after[i].s, nul_after[i].n, true);
    compare("[1,2]\0", 6, false);
    compare("\"a\0b\"", 5, false);
    compare("{\"a\":1}", 3, false); /* a prefix of the buffer only */
    compare(NULL, 0, false);
}

/* Nesting around jansson's limit: arrays and objects, with and without a
 * scalar at the bottom. */
static void depth_cases(void)
{
    static char t[16 * 2100];
    for (int d = JSON_PARSER_MAX_DEPTH - 2; d <= JSON_PARSER_MAX_DEPTH + 1; d++) {
        for (int leaf = 0; leaf < 2; leaf++) {
            size_t n = 0;
            for (int i = 0; i < d; i++)
                t[n++] = '[';
            if (leaf)
                t[n++] = '1';
            for (int i = 0; i < d; i++)
                t[n++] = ']';
            compare(t, n, true);
            n = 0;
            for (int i = 0; i < d; i++)
                n += (size_t)sprintf(t + n, "{\"k\":");
            n += (size_t)sprintf(t + n, leaf ? "1" : "[]");
            for (int i = 0; i < d; i++)
                t[n++] = '}';
            compare(t, n, true);
        }
    }
}

/* Every 2-byte start and its continuations inside a string; every \uXXXX. */
static void utf8_sweep(void)
{
    static const unsigned char tails[] = {0x80, 0xBF, 0x9F, 0x41};
    for (int b0 = 0x80; b0 <= 0xFF; b0++)
        for (int b1 = 0; b1 <= 0xFF; b1++)
            for (size_t k = 0; k < sizeof tails; k += 1 + (b1 < 0x80 || b1 > 0xBF) * 3) {
                char t[8] = {'"', (char)b0, (char)b1, (char)tails[k], (char)0x80, '"'};
                compare(t, 4, false);
                for (size_t end = 2; end <= 5; end++) {
                    char c = t[end];
                    t[end] = '"';
                    compare(t, end + 1, false);
                    t[end] = c;
                }
            }
    char t[32];
    for (int u = 0; u <= 0xFFFF; u++) {
        compare(t, (size_t)snprintf(t, sizeof t, "\"\\u%04x\"", u), false);
        if ((u & 0xFF) == 0x37)
            for (int lo = 0xDBF0; lo <= 0xE010; lo += 7)
                compare(t, (size_t)snprintf(t, sizeof t, "\"\\u%04X\\u%04x\"", u, lo), false);
    }
}

/* --- random texts ----------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned pick(unsigned n)
{
    return (unsigned)(rnd() % n);
}

typedef struct gen {
    dbuf t;
    bool plain; /* nothing the scanner leaves to jansson */
} gen;

static void emit(gen *g, const char *s)
{
    dbuf_put(&g->t, s, strlen(s));
}

static void ws(gen *g)
{
    static const char *w[] = {"", "", "", "", " ", "\n", "\t", "\r\n  ", "  "};
    emit(g, w[pick(sizeof w / sizeof *w)]);
}

static void gen_digits(gen *g, unsigned n, bool lead)
{
    for (unsigned i = 0; i < n; i++) {
        char c = (char)('0' + pick(10));
        if (i == 0 && lead && c == '0')
            c = '1';
        dbuf_put(&g->t, &c, 1);
    }
}

static void gen_number(gen *g)
{
    static const char *special[] = {"9223372036854775807",
                                    "-9223372036854775808",
                                    "9223372036854775806",
                                    "-9223372036854775807",
                                    "9007199254740992",
                                    "9007199254740993",
                                    "4503599627370497.5",
                                    "1e22",
                                    "1e23",
                                    "8.5e-323",
                                    "2.2250738585072011e-308",
                                    "0.1e1",
                                    "123.456e-2"};
    char t[48];
    size_t start = g->t.n;
    switch (pick(6)) {
    case 0:
        emit(g, special[pick(sizeof special / sizeof *special)]);
        return;
    case 1:
        snprintf(t, sizeof t, "%lld", (long long)(pick(2001) - 1000));
        emit(g, t);
        return;
    case 2:
        snprintf(t, sizeof t, "%lld", (long long)rnd());
        emit(g, t);
        return;
    default:
        break;
    }
    if (pick(3) == 0)
        emit(g, "-");
    if (pick(4) == 0)
        emit(g, "0");
    else
        gen_digits(g, 1 + pick(pick(8) == 0 ? 30 : 12), true);
    bool real = false;
    if (pick(2)) {
        emit(g, ".");
        gen_digits(g, 1 + pick(pick(6) == 0 ? 30 : 8), false);
        real = true;
    }
    if (pick(3) == 0) {
        static const char *e[] = {"e", "E", "e+", "e-", "E-"};
        emit(g, e[pick(5)]);
        gen_digits(g, 1 + pick(3), false);
        real = true;
    }
    if (!real) { /* integers past int64 go to jansson */
        char *s = (char *)g->t.p + start;
        size_t n = g->t.n - start;
        char z[64];
        snprintf(z, sizeof z, "%.*s", (int)n, s);
        size_t digits = n - (z[0] == '-');
        if (digits > 19 || (digits == 19 && strcmp(z + (z[0] == '-'), "9223372036854775807") > 0))
            g->plain = false;
    }
}

static void gen_string(gen *g, bool key)
{
    static const char *parts[] = {"a",
                                  "Type",
                                  "host",
                                  " ",
                                  "$id",
                                  "\\\"",
                                  "\\\\",
                                  "\\/",
                                  "\\n",
                                  "\\t",
                                  "\\r",
                                  "\\b",
                                  "\\f",
                                  "\\u0041",
                                  "\\u00e9",
                                  "\\u20AC",
                                  "\\uD83D\\uDE00",
                                  "\\u0001",
                                  "\xc3\xa9",
                                  "\xe2\x82\xac",
                                  "\xf0\x9f\x98\x80",
                                  "\xe2\x80\xa8",
                                  "\x7f",
                                  "0123456789abcdef",
                                  "C:\\\\Windows\\\\System32",
                                  "long text without any escapes in it at all, here"};
    emit(g, "\"");
    if (key && pick(40) == 0) {
        emit(g, "\\u0000");
        g->plain = false;
    }
    unsigned n = key ? pick(3) : pick(6);
    for (unsigned i = 0; i < n; i++)
        emit(g, parts[pick(key ? 6 : sizeof parts / sizeof *parts)]);
    emit(g, "\"");
}

static void gen_value(gen *g, int depth);

static void gen_array(gen *g, int depth)
{
    emit(g, "[");
    ws(g);
    unsigned n = pick(depth > 4 ? 2 : 6);
    for (unsigned i = 0; i < n; i++) {
        if (i) {
            ws(g);
            emit(g, ",");
            ws(g);
        }
        gen_value(g, depth + 1);
    }
    ws(g);
    emit(g, "]");
}

static void gen_object(gen *g, int depth)
{
    emit(g, "{");
    ws(g);
    unsigned n = pick(depth > 4 ? 2 : pick(10) == 0 ? 50 : 6);
    size_t *keys = malloc((n + 1) * sizeof *keys), *lens = malloc((n + 1) * sizeof *lens);
    for (unsigned i = 0; i < n; i++) {
        if (i) {
            ws(g);
            emit(g, ",");
            ws(g);
        }
        keys[i] = g->t.n;
        gen_string(g, true);
        lens[i] = g->t.n - keys[i];
        for (unsigned k = 0; k < i; k++) /* key parts decode uniquely: same text = dup */
            if (lens[k] == lens[i] && !memcmp(g->t.p + keys[k], g->t.p + keys[i], lens[i]))
                g->plain = false;
        ws(g);
        emit(g, ":");
        ws(g);
        gen_value(g, depth + 1);
    }
    free(keys);
    free(lens);
    ws(g);
    emit(g, "}");
}

static void gen_value(gen *g, int depth)
{
    unsigned k = pick(depth > 6 ? 6 : 10);
    if (k < 3)
        gen_number(g);
    else if (k < 5)
        gen_string(g, false);
    else if (k == 5)
        emit(g, pick(3) == 0 ? "null" : pick(2) ? "true" : "false");
    else if (k < 8)
        gen_array(g, depth);
    else
        gen_object(g, depth);
}

static void mutate(dbuf *t)
{
    static const char bytes[] = "{}[]:,\"\\0123456789-+.eEtfnu \n\x00\x80\xbf\xc3\xed\xf4\xff";
    size_t n = t->n;
    if (!n)
        return;
    size_t at = pick((unsigned)n);
    char c = bytes[pick(sizeof bytes - 1)];
    switch (pick(5)) {
    case 0: /* delete */
        memmove(t->p + at, t->p + at + 1, n - at - 1);
        t->n--;
        break;
    case 1: /* replace */
        t->p[at] = (uint8_t)c;
        break;
    case 2: /* insert */
        dbuf_put(t, "", 1);
        memmove(t->p + at + 1, t->p + at, n - at);
        t->p[at] = (uint8_t)c;
        break;
    case 3: /* truncate */
        t->n = at;
        break;
    default: /* flip a bit */
        t->p[at] ^= (uint8_t)(1u << pick(8));
        break;
    }
}

static void random_texts(long count)
{
    gen g = {{0}, true};
    for (long i = 0; i < count; i++) {
        dbuf_reset(&g.t);
        g.plain = true;
        ws(&g);
        gen_value(&g, 0);
        ws(&g);
        compare((const char *)g.t.p, g.t.n, g.plain);
        for (unsigned m = 1 + pick(3); m > 0; m--)
            mutate(&g.t);
        compare((const char *)g.t.p, g.t.n, false);
    }
    dbuf_free(&g.t);
}

/* --- dbuf_reserve ----------------------------------------------------------- */

static void reserve_cases(void)
{
    dbuf b = {0};
    uint8_t *p = dbuf_reserve(&b, 0);
    bool ok = p != NULL && b.n == 0;
    p = dbuf_reserve(&b, 1000);
    memset(p, 'x', 1000);
    dbuf_commit(&b, 1000);
    p = dbuf_reserve(&b, 10);
    ok = ok && b.n == 1000 && b.cap >= 1010 && p == b.p + 1000 && b.p[999] == 'x';
    dbuf_free(&b);
    if (ok)
        passed++;
    else
        report("dbuf_reserve", "", 0);
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 150000;
    reserve_cases();
    edge_cases();
    depth_cases();
    file_corpus();
    utf8_sweep();
    random_texts(count);
    fprintf(stderr, "scanner took %ld, deferred to jansson %ld valid + %ld invalid; rejected %ld\n",
            n_fast, n_fallback_ok, n_defer_bad, n_rejected);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
