/* tests/unit/test_fn_hash.c — checks the hash and compression functions of
 * engine/fn_hash.c through fn_lookup on one-row constant vectors, against the
 * examples the KQL documentation publishes (hash-*, gzip-*, zlib-* conformance
 * files), plus round trips and invalid input.
 *
 * Arguments are written "T:text" (s string, l long, d datetime, ...); null
 * results print as "<null>". Prints one line per failed check, then
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

static void test_hashes(void)
{
    CHECK("1846988464401551951", "hash", "s:World");
    CHECK("753694413698530628", "hash", "s:Hello");
    CHECK("51", "hash", "s:World", "l:100");
    CHECK("1380966698541616202", "hash", "d:2015-01-01");
    CHECK("1846988464401551951", "hash_xxhash64", "s:World");
    CHECK("51", "hash_xxhash64", "s:World", "l:100");
    CHECK("1380966698541616202", "hash_xxhash64", "d:2015-01-01");
    CHECK("<null>", "hash", "l!");
    CHECK("<null>", "hash", "s:World", "l:0");
    CHECK("f5a7924e621e84c9280a9a27e1bcb7f6", "hash_md5", "s:World");
    CHECK("786c530672d1f8db31fee25ea8a9390b", "hash_md5", "d:2020-01-01");
    CHECK("70c07ec18ef89c5309bbb0937f3a6342411e1fdd", "hash_sha1", "s:World");
    CHECK("e903e533f4d636b4fc0dcf3cf81e7b7f330de776", "hash_sha1", "d:2020-01-01");
    CHECK("78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524", "hash_sha256",
          "s:World");
    CHECK("ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d", "hash_sha256",
          "d:2020-01-01");
    CHECK("d41d8cd98f00b204e9800998ecf8427e", "hash_md5", "s:");
    CHECK("", "hash_md5", "l!");
    /* hash_many(a, b) == hash_combine(hash(a), hash(b)) (the documented pair agrees) */
    char many[64];
    snprintf(many, sizeof many, "%s", CALL("hash_many", "s:Hello", "s:World"));
    CHECK(many, "hash_combine", "l:753694413698530628", "l:1846988464401551951");
    CHECK("<null>", "hash_combine", "l:1", "l!");
}

static void test_compression(void)
{
    CHECK("H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==",
          "gzip_compress_to_base64_string", "s:1234567890qwertyuiop");
    CHECK("1234567890qwertyuiop", "gzip_decompress_from_base64_string",
          "s:H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==");
    CHECK("", "gzip_decompress_from_base64_string", "s:x0x0x0");
    CHECK("eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==", "zlib_compress_to_base64_string",
          "s:1234567890qwertyuiop");
    CHECK("Test string 123", "zlib_decompress_from_base64_string",
          "s:eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4=");
    CHECK("", "zlib_decompress_from_base64_string", "s:x0x0x0");
    CHECK("", "zlib_decompress_from_base64_string", "s:");
    CHECK("", "zlib_decompress_from_base64_string", "s:eJwLSS0uUSguKcrMS1cw");
    /* a compressible text round-trips through real (not stored) deflate */
    char text[400], comp[400];
    memset(text, 'a', 300);
    text[300] = 0;
    char arg[420];
    snprintf(arg, sizeof arg, "s:%s", text);
    snprintf(comp, sizeof comp, "s:%s", CALL("gzip_compress_to_base64_string", arg));
    CHECK(text, "gzip_decompress_from_base64_string", comp);
    if (strlen(comp) < 100) {
        passed++;
    } else {
        failed++;
        printf("%s:%d: gzip of 300 'a' not compressed: %s\n", __FILE__, __LINE__, comp);
    }
    snprintf(comp, sizeof comp, "s:%s", CALL("zlib_compress_to_base64_string", arg));
    CHECK(text, "zlib_decompress_from_base64_string", comp);
}

int main(void)
{
    arena_init(&arena);
    test_hashes();
    test_compression();
    arena_free(&arena);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
