/* engine/fn_string.c — KQL string, regex, parsing and encoding functions.
 *
 * Every kernel loops over the rows of its batch; scratch text is built in one
 * dbuf per kernel call (never a malloc per row) and copied into ctx->arena.
 * Results that are slices of an input (substring, trim, extract) point into
 * the input's strings without a copy. KQL strings are never null: a null
 * string input reads as "" and string results are "" where other types would
 * be null. Positions (strlen, substring, indexof) count Unicode code points;
 * an invalid UTF-8 byte counts as one code point.
 *
 * Regular expressions: KQL uses RE2 syntax; hunt runs them with PCRE2, whose
 * syntax is a superset of RE2's. The differences are handled by compile
 * options rather than by rewriting the pattern text:
 *   - UTF-8 matching (RE2 default): PCRE2_UTF, with PCRE2_MATCH_INVALID_UTF
 *     so invalid input bytes never fail or crash a match;
 *   - RE2's `$` (without (?m)) matches only at the very end of the text:
 *     PCRE2_DOLLAR_ENDONLY;
 *   - \d \w \s \b stay ASCII-only as in RE2 (no PCRE2_UCP);
 *   - RE2 runs in linear time; PCRE2 backtracks, so matches run under a match
 *     and depth limit and a row that hits it counts as "no match";
 *   - \C (single byte) is refused (PCRE2_NEVER_BACKSLASH_C);
 *   - global iteration follows RE2's GlobalReplace: an empty match right
 *     after the previous match is skipped.
 * PCRE2-only syntax (backreferences, lookaround) is accepted, not refused.
 * Constant patterns are compiled once per call site and kept in *ctx->state
 * (a small cache keyed by pattern text, so varying patterns also reuse work).
 */
#include "fn.h"
#include "../tables/dyn.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* ==== small helpers ========================================================================== */

static const hstr str_empty = {"", 0};

static hstr arg_s(const hvec *v, uint32_t i)
{
    if (vec_is_null(v, i))
        return str_empty;
    hstr s = vec_s(v, i);
    if (!s.p)
        s = str_empty;
    return s;
}

static void out_str(fn_ctx *ctx, hvec *out, uint32_t i, const void *p, size_t n)
{
    vec_set_str(ctx->arena, out, i, (const char *)p, n);
}

static void out_null(fn_ctx *ctx, hvec *out, uint32_t i)
{
    if (ht_is_str(out->type))
        out->s[i] = str_empty;
    else if (out->type == HT_GUID)
        memset(&out->g[i], 0, sizeof out->g[i]);
    else if (out->type == HT_REAL)
        out->r[i] = 0;
    else if (out->type == HT_BOOL)
        out->b[i] = 0;
    else
        out->i[i] = 0;
    vec_set_null(ctx->arena, out, i);
}

static void buf_str(dbuf *b, const char *p, size_t n)
{
    if (n)
        dbuf_put(b, p, n);
}

static void buf_ch(dbuf *b, char c)
{
    dbuf_put(b, &c, 1);
}

static void fail(fn_ctx *ctx, const char *fmt, const char *a)
{
    if (ctx->err && ctx->errcap)
        snprintf(ctx->err, ctx->errcap, fmt, a);
}

/* --- UTF-8 ----------------------------------------------------------------- */

/* Length of the UTF-8 sequence starting at p[0..n); 1 for an invalid byte. */
static size_t u8_len(const char *p, size_t n)
{
    uint8_t c = (uint8_t)p[0];
    size_t k = c < 0x80 ? 1 : c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
    if (c >= 0xF5 || k > n)
        return 1;
    for (size_t j = 1; j < k; j++)
        if (((uint8_t)p[j] & 0xC0) != 0x80)
            return 1;
    return k;
}

/* Decodes one code point at p; *len receives its byte length. Invalid bytes
 * decode as themselves (Latin-1 style) so nothing is lost. */
static uint32_t u8_dec(const char *p, size_t n, size_t *len)
{
    size_t k = u8_len(p, n);
    *len = k;
    const uint8_t *u = (const uint8_t *)p;
    switch (k) {
    case 2:
        return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    case 3:
        return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    case 4:
        return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) |
               (u[3] & 0x3Fu);
    default:
        return u[0];
    }
}

static void u8_put(dbuf *b, uint32_t cp)
{
    char t[4];
    size_t k;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        t[0] = (char)cp, k = 1;
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6)), t[1] = (char)(0x80 | (cp & 0x3F)), k = 2;
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12)), t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F)), k = 3;
    } else {
        t[0] = (char)(0xF0 | (cp >> 18)), t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), t[3] = (char)(0x80 | (cp & 0x3F)), k = 4;
    }
    dbuf_put(b, t, k);
}

static size_t cp_count(hstr s)
{
    size_t c = 0;
    for (size_t i = 0; i < s.n; i += u8_len(s.p + i, s.n - i))
        c++;
    return c;
}

/* Byte offset of code point k (clamped to the end of s). */
static size_t cp_off(hstr s, size_t k)
{
    size_t i = 0;
    while (k > 0 && i < s.n) {
        i += u8_len(s.p + i, s.n - i);
        k--;
    }
    return i;
}

/* Code point index of byte offset off. */
static size_t cp_index(hstr s, size_t off)
{
    size_t c = 0;
    for (size_t i = 0; i < off && i < s.n; i += u8_len(s.p + i, s.n - i))
        c++;
    return c;
}

static bool u8_valid(hstr s)
{
    for (size_t i = 0; i < s.n;) {
        uint8_t c = (uint8_t)s.p[i];
        size_t k = u8_len(s.p + i, s.n - i);
        if (k == 1 && c >= 0x80)
            return false;
        if (k == 3) { /* overlongs and surrogates */
            uint8_t d = (uint8_t)s.p[i + 1];
            if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0))
                return false;
        } else if (k == 4) {
            uint8_t d = (uint8_t)s.p[i + 1];
            if ((c == 0xF0 && d < 0x90) || (c == 0xF4 && d >= 0x90))
                return false;
        }
        i += k;
    }
    return true;
}

/* --- dynamic results ------------------------------------------------------- */

static void out_dyn(fn_ctx *ctx, hvec *out, uint32_t i, const dbuf *b)
{
    out_str(ctx, out, i, b->p, b->n);
}

/* One row of a kernel whose result is text or an encoded dynamic value: builds
 * row i's result in b (already reset; t is more scratch, kept across rows) and
 * returns true, or returns false for no value. */
typedef bool buf_row(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t);

/* Runs row over every row of out, of type type. A row without a value is ""
 * for a string result (KQL strings are never null) and null otherwise. */
static int buf_rows(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out, htype type,
                    buf_row *row)
{
    vec_alloc(ctx->arena, out, type, out->n);
    dbuf b = {0}, t = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        dbuf_reset(&b);
        if (row(argc, argv, i, &b, &t))
            out_dyn(ctx, out, i, &b);
        else if (type == HT_STRING)
            out->s[i] = str_empty;
        else
            out_null(ctx, out, i);
    }
    dbuf_free(&b);
    dbuf_free(&t);
    return 0;
}

static void dyn_put_hstr(dbuf *b, hstr s)
{
    dyn_put_string(b, s.p, s.n);
}

/* Text of a dynamic element the way tostring() gives it. */
static void dyn_text(const uint8_t *v, dbuf *b)
{
    if (v)
        dyn_to_text(v, b);
}

/* A dynamic argument as an encoded value, or NULL when null or empty. */
static const uint8_t *arg_dyn(const hvec *v, uint32_t i)
{
    if (vec_is_null(v, i))
        return NULL;
    hstr s = vec_s(v, i);
    if (!s.p || s.n == 0)
        return NULL;
    return (const uint8_t *)s.p;
}

/* --- numbers from any numeric vector ------------------------------------------ */

static bool arg_long(const hvec *v, uint32_t i, int64_t *out)
{
    if (vec_is_null(v, i))
        return false;
    if (v->type == HT_REAL) {
        double d = vec_r(v, i);
        if (!(d >= -9.2e18 && d <= 9.2e18))
            return false;
        *out = (int64_t)d;
        return true;
    }
    if (ht_is_int64(v->type)) {
        *out = vec_i(v, i);
        return true;
    }
    if (v->type == HT_BOOL) {
        *out = vec_b(v, i);
        return true;
    }
    return false;
}

static bool arg_real(const hvec *v, uint32_t i, double *out)
{
    if (vec_is_null(v, i))
        return false;
    if (v->type == HT_REAL)
        *out = vec_r(v, i);
    else if (ht_is_int64(v->type))
        *out = (double)vec_i(v, i);
    else
        return false;
    return true;
}

/* ==== type checks ============================================================================ */

/* Checks every argument against kinds[i] (the last kind repeats for extra
 * arguments). Besides fn_want's kinds: 'x' anything, converted to string as
 * tostring() does; 'i' an integer (int/long as is, real cast to long);
 * 'c' an integer or a dynamic array (no cast). */
static bool sig_args(fn_sig *sig, const char *kinds)
{
    const char *fname = sig->name;
    size_t nk = strlen(kinds);
    for (int i = 0; i < sig->argc && i < FN_MAX_ARGS; i++) {
        char k = kinds[(size_t)i < nk ? (size_t)i : nk - 1];
        htype t = sig->argt[i];
        if (k == 'x') {
            if (t != HT_STRING)
                sig->cast[i] = HT_STRING;
        } else if (k == 'i') {
            if (t == HT_REAL || t == HT_UNKNOWN)
                sig->cast[i] = HT_LONG;
            else if (t != HT_INT && t != HT_LONG) {
                fn_type_error(sig, "%s(): expects an integer as argument %d, got %s", fname, i + 1,
                              ht_name(t));
                return false;
            }
        } else if (k == 'c') {
            if (t == HT_UNKNOWN)
                sig->cast[i] = HT_LONG;
            else if (t != HT_INT && t != HT_LONG && t != HT_DYNAMIC) {
                fn_type_error(sig, "%s(): expects an integer or a dynamic array as argument %d",
                              fname, i + 1);
                return false;
            }
        } else if (!fn_want(sig, fname, i, k)) {
            return false;
        }
    }
    return true;
}

/* Compiles a constant regex argument at bind time so a bad pattern is a
 * query error with a message, not a per-row failure. */
static bool sig_regex(fn_sig *sig, int i);

/* The type checks shared by functions of one signature, named after their
 * kinds and result: ty_x_string checks kinds "x" and returns a string. The
 * _rxN ones also compile a constant regex in argument N. */
#define SIG(ty, kinds, ret)                                                                        \
    static htype ty(fn_sig *sig)                                                                   \
    {                                                                                              \
        return sig_args(sig, kinds) ? ret : HT_UNKNOWN;                                            \
    }
#define SIG_RX(ty, kinds, rxarg, ret)                                                              \
    static htype ty(fn_sig *sig)                                                                   \
    {                                                                                              \
        if (!sig_args(sig, kinds) || !sig_regex(sig, rxarg))                                       \
            return HT_UNKNOWN;                                                                     \
        return ret;                                                                                \
    }

SIG(ty_x_long, "x", HT_LONG)
SIG(ty_x_string, "x", HT_STRING)
SIG(ty_xii_string, "xii", HT_STRING)
SIG(ty_yx_string, "yx", HT_STRING)
SIG(ty_xxi_dynamic, "xxi", HT_DYNAMIC)
SIG(ty_xxx_string, "xxx", HT_STRING)
SIG(ty_xyy_string, "xyy", HT_STRING)
SIG(ty_xxiii_int, "xxiii", HT_INT)
SIG(ty_xix_string, "xix", HT_STRING)
SIG(ty_xx_int, "xx", HT_INT)
SIG(ty_x_bool, "x", HT_BOOL)
SIG(ty_x_dynamic, "x", HT_DYNAMIC)
SIG(ty_c_string, "c", HT_STRING)
SIG(ty_nis_string, "nis", HT_STRING)
SIG(ty_y_string, "y", HT_STRING)
SIG(ty_g_string, "g", HT_STRING)
SIG(ty_x_guid, "x", HT_GUID)
SIG_RX(ty_sx_rx0_string, "sx", 0, HT_STRING)
SIG_RX(ty_xsx_rx1_string, "xsx", 1, HT_STRING)
SIG_RX(ty_sxx_rx0_string, "sxx", 0, HT_STRING)
SIG_RX(ty_xsiii_rx1_int, "xsiii", 1, HT_INT)

/* ==== regex machinery ======================================================================== */

enum { RX_PLAIN, RX_TRIM_START, RX_TRIM_END };
#define RX_SLOTS 8
#define RX_MATCH_LIMIT 2000000u
#define RX_DEPTH_LIMIT 20000u

typedef struct rx_entry {
    char *pat;
    size_t n;
    int mode;
    pcre2_code *re;
} rx_entry;

typedef struct rx_state {
    rx_entry e[RX_SLOTS];
    unsigned next;
    pcre2_match_data *md;
    pcre2_match_context *mc;
} rx_state;

static void rx_free(void *p)
{
    rx_state *st = p;
    if (!st)
        return;
    for (int i = 0; i < RX_SLOTS; i++) {
        free(st->e[i].pat);
        pcre2_code_free(st->e[i].re);
    }
    pcre2_match_data_free(st->md);
    pcre2_match_context_free(st->mc);
    free(st);
}

static rx_state *rx_state_get(fn_ctx *ctx)
{
    rx_state *st = ctx->state ? *ctx->state : NULL;
    if (st)
        return st;
    st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->md = pcre2_match_data_create(128, NULL);
    st->mc = pcre2_match_context_create(NULL);
    if (!st->md || !st->mc) {
        rx_free(st);
        return NULL;
    }
    pcre2_set_match_limit(st->mc, RX_MATCH_LIMIT);
    pcre2_set_depth_limit(st->mc, RX_DEPTH_LIMIT);
    if (ctx->state)
        *ctx->state = st;
    return st;
}

/* Compiles pattern p[0..n) in the given mode; on failure writes a message. */
static pcre2_code *rx_compile(const char *p, size_t n, int mode, char *err, size_t errcap)
{
    uint32_t opts =
        PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_NEVER_BACKSLASH_C;
    const char *pat = p;
    size_t plen = n;
    char *wrapped = NULL;
    if (mode != RX_PLAIN) {
        wrapped = malloc(n + 16);
        if (!wrapped)
            return NULL;
        if (mode == RX_TRIM_START)
            plen = (size_t)sprintf(wrapped, "\\A(?:");
        else
            plen = (size_t)sprintf(wrapped, "(?:");
        memcpy(wrapped + plen, p, n);
        plen += n;
        plen += (size_t)sprintf(wrapped + plen, mode == RX_TRIM_START ? ")+" : ")+\\z");
        pat = wrapped;
    }
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, plen, opts, &ec, &eo, NULL);
    free(wrapped);
    if (re)
        pcre2_jit_compile(re,
                          PCRE2_JIT_COMPLETE); /* a speed-up only; failure leaves it interpreted */
    if (!re && err && errcap) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        snprintf(err, errcap, "invalid regular expression '%.*s': %s", (int)(n > 200 ? 200 : n), p,
                 (const char *)msg);
    }
    return re;
}

static bool sig_regex(fn_sig *sig, int i)
{
    hstr p;
    if (!fn_const_str(sig, i, &p))
        return true;
    char msg[300];
    pcre2_code *re = rx_compile(p.p, p.n, RX_PLAIN, msg, sizeof msg);
    if (!re) {
        fn_type_error(sig, "%s(): %s", sig->name, msg);
        return false;
    }
    pcre2_code_free(re);
    return true;
}

/* The compiled form of pattern p (cached); NULL after writing ctx->err. */
static pcre2_code *rx_get(fn_ctx *ctx, rx_state *st, hstr p, int mode)
{
    for (int i = 0; i < RX_SLOTS; i++) {
        rx_entry *e = &st->e[i];
        if (e->re && e->mode == mode && e->n == p.n && memcmp(e->pat, p.p, p.n) == 0)
            return e->re;
    }
    pcre2_code *re = rx_compile(p.p, p.n, mode, ctx->err, ctx->errcap);
    if (!re)
        return NULL;
    rx_entry *e = &st->e[st->next++ % RX_SLOTS];
    free(e->pat);
    pcre2_code_free(e->re);
    e->pat = malloc(p.n + 1);
    if (!e->pat) {
        pcre2_code_free(re);
        e->re = NULL;
        return NULL;
    }
    memcpy(e->pat, p.p, p.n);
    e->n = p.n;
    e->mode = mode;
    e->re = re;
    return re;
}

/* One match of re in s from byte offset pos; returns the number of captured
 * pairs available (>= 1) or 0 for no match. */
static int rx_match(rx_state *st, pcre2_code *re, hstr s, size_t pos, uint32_t flags)
{
    if (pos > s.n)
        return 0;
    int rc = pcre2_match(re, (PCRE2_SPTR)s.p, s.n, pos, flags, st->md, st->mc);
    if (rc < 0)
        return 0;
    if (rc == 0)
        rc = (int)pcre2_get_ovector_count(st->md);
    return rc;
}

static PCRE2_SIZE *rx_ov(rx_state *st)
{
    return pcre2_get_ovector_pointer(st->md);
}

/* Global iteration (RE2 GlobalReplace rules). it->pos is the search start,
 * it->last the end of the previous match (or SIZE_MAX). */
typedef struct rx_iter {
    rx_state *st;
    pcre2_code *re;
    hstr s;
    size_t pos, last;
    size_t ms, me; /* the current match */
    int groups;
} rx_iter;

static void rx_iter_init(rx_iter *it, rx_state *st, pcre2_code *re, hstr s)
{
    it->st = st, it->re = re, it->s = s;
    it->pos = 0, it->last = SIZE_MAX;
}

static bool rx_iter_next(rx_iter *it)
{
    while (it->pos <= it->s.n) {
        int rc = rx_match(it->st, it->re, it->s, it->pos, 0);
        if (rc <= 0)
            return false;
        PCRE2_SIZE *ov = rx_ov(it->st);
        size_t ms = ov[0], me = ov[1];
        if (ms == me && ms == it->last) { /* empty match glued to the last one */
            if (ms >= it->s.n)
                return false;
            it->pos = ms + u8_len(it->s.p + ms, it->s.n - ms);
            continue;
        }
        it->ms = ms, it->me = me, it->groups = rc;
        it->last = me;
        it->pos = me > ms ? me : me + (me < it->s.n ? u8_len(it->s.p + me, it->s.n - me) : 1);
        return true;
    }
    return false;
}

/* Capture group g of the current match, "" when it did not take part. */
static hstr rx_group(rx_state *st, hstr s, int groups, int g)
{
    if (g < 0 || g >= groups)
        return str_empty;
    PCRE2_SIZE *ov = rx_ov(st);
    if (ov[2 * g] == PCRE2_UNSET || ov[2 * g] > s.n || ov[2 * g + 1] < ov[2 * g])
        return str_empty;
    return (hstr){s.p + ov[2 * g], (uint32_t)(ov[2 * g + 1] - ov[2 * g])};
}

static uint32_t rx_capture_count(pcre2_code *re)
{
    uint32_t c = 0;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &c);
    return c;
}

/* Sets *re for row i from a pattern vector, reusing the state. */
#define RX_STATE_OR_FAIL(st)                                                                       \
    rx_state *st = rx_state_get(ctx);                                                              \
    if (!st) {                                                                                     \
        fail(ctx, "%s(): out of memory", "regex");                                                 \
        return -1;                                                                                 \
    }

/* ==== length, case, substring ================================================================ */

static int run_strlen(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_LONG, out->n);
    for (uint32_t i = 0; i < out->n; i++)
        out->i[i] = (int64_t)cp_count(arg_s(argv[0], i));
    return 0;
}

static int run_string_size(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_LONG, out->n);
    for (uint32_t i = 0; i < out->n; i++)
        out->i[i] = arg_s(argv[0], i).n;
    return 0;
}

static locale_t case_loc;
static pthread_once_t case_once = PTHREAD_ONCE_INIT;
static void case_init(void)
{
    case_loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!case_loc)
        case_loc = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
}

static int run_case(fn_ctx *ctx, const hvec *v, hvec *out, bool upper)
{
    pthread_once(&case_once, case_init);
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    dbuf b = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = arg_s(v, i);
        dbuf_reset(&b);
        for (size_t j = 0; j < s.n;) {
            size_t k;
            uint32_t c = u8_dec(s.p + j, s.n - j, &k);
            if (k == 1 && c >= 0x80) { /* invalid byte: keep it */
                buf_ch(&b, s.p[j]);
            } else if (c < 0x80) {
                buf_ch(&b, (char)(upper ? (c >= 'a' && c <= 'z' ? c - 32 : c)
                                        : (c >= 'A' && c <= 'Z' ? c + 32 : c)));
            } else if (case_loc) {
                u8_put(&b, (uint32_t)(upper ? towupper_l((wint_t)c, case_loc)
                                            : towlower_l((wint_t)c, case_loc)));
            } else {
                buf_str(&b, s.p + j, k);
            }
            j += k;
        }
        out_str(ctx, out, i, b.p, b.n);
    }
    dbuf_free(&b);
    return 0;
}

static int run_tolower(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_case(ctx, argv[0], out, false);
}
static int run_toupper(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_case(ctx, argv[0], out, true);
}

static int run_substring(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = arg_s(argv[0], i);
        int64_t start, len = INT64_MAX;
        out->s[i] = str_empty;
        if (!arg_long(argv[1], i, &start))
            continue;
        if (argc > 2 && !arg_long(argv[2], i, &len))
            continue;
        int64_t total = (int64_t)cp_count(s);
        if (start < 0)
            start += total;
        if (start < 0)
            start = 0;
        if (len <= 0 || start >= total)
            continue;
        size_t a = cp_off(s, (size_t)start);
        hstr rest = {s.p + a, (uint32_t)(s.n - a)};
        size_t e = len >= total ? rest.n : cp_off(rest, (size_t)len);
        out->s[i] = (hstr){rest.p, (uint32_t)e};
    }
    return 0;
}

/* ==== concatenation ========================================================================== */

static bool row_strcat(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)t;
    for (int a = 0; a < argc; a++) {
        hstr s = arg_s(argv[a], i);
        buf_str(b, s.p, s.n);
    }
    return true;
}

static int run_strcat(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_strcat);
}

static bool row_strcat_delim(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)t;
    hstr d = arg_s(argv[0], i);
    for (int a = 1; a < argc; a++) {
        hstr s = arg_s(argv[a], i);
        if (a > 1)
            buf_str(b, d.p, d.n);
        buf_str(b, s.p, s.n);
    }
    return true;
}

static int run_strcat_delim(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_strcat_delim);
}

static bool row_strcat_array(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)argc, (void)t;
    const uint8_t *arr = arg_dyn(argv[0], i);
    hstr d = arg_s(argv[1], i);
    if (arr && dyn_tag(arr) == DYN_ARRAY) {
        dyn_iter it;
        int k = 0;
        for (const uint8_t *e = dyn_first(arr, &it, NULL); e; e = dyn_next(&it, NULL)) {
            if (k++)
                buf_str(b, d.p, d.n);
            dyn_text(e, b);
        }
    }
    return true;
}

static int run_strcat_array(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_strcat_array);
}

/* ==== split ================================================================================== */

static bool row_split(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)t;
    hstr s = arg_s(argv[0], i), d = arg_s(argv[1], i);
    int64_t want = -1;
    if (argc > 2 && !arg_long(argv[2], i, &want))
        return false;
    size_t mark = dyn_begin_array(b);
    uint32_t count = 0;
    int64_t idx = 0;
    size_t pos = 0;
    for (;;) {
        const char *hit = d.n ? memmem(s.p + pos, s.n - pos, d.p, d.n) : NULL;
        size_t end = hit ? (size_t)(hit - s.p) : s.n;
        if (argc <= 2 || idx == want) {
            dyn_put_string(b, s.p + pos, end - pos);
            count++;
        }
        idx++;
        if (!hit)
            break;
        pos = end + d.n;
    }
    dyn_end(b, mark, count);
    return true;
}

static int run_split(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_DYNAMIC, row_split);
}

/* ==== trim =================================================================================== */

static int run_trim_mode(fn_ctx *ctx, const hvec *const *argv, hvec *out, bool start, bool end)
{
    RX_STATE_OR_FAIL(st);
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        hstr p = arg_s(argv[0], i), s = arg_s(argv[1], i);
        size_t a = 0, e = s.n;
        if (start) {
            pcre2_code *re = rx_get(ctx, st, p, RX_TRIM_START);
            if (!re)
                return -1;
            if (rx_match(st, re, s, 0, PCRE2_ANCHORED) > 0)
                a = rx_ov(st)[1];
        }
        if (end && a < s.n) {
            pcre2_code *re = rx_get(ctx, st, p, RX_TRIM_END);
            if (!re)
                return -1;
            hstr rest = {s.p + a, (uint32_t)(s.n - a)};
            if (rx_match(st, re, rest, 0, 0) > 0)
                e = a + rx_ov(st)[0];
        }
        out->s[i] = (hstr){s.p + a, (uint32_t)(e > a ? e - a : 0)};
    }
    return 0;
}

static int run_trim(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_trim_mode(ctx, argv, out, true, true);
}
static int run_trim_start(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_trim_mode(ctx, argv, out, true, false);
}
static int run_trim_end(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_trim_mode(ctx, argv, out, false, true);
}

/* ==== replace ================================================================================ */

static int run_replace_string(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    dbuf b = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = arg_s(argv[0], i), f = arg_s(argv[1], i), r = arg_s(argv[2], i);
        if (f.n == 0 || !memmem(s.p, s.n, f.p, f.n)) {
            out->s[i] = s;
            continue;
        }
        dbuf_reset(&b);
        size_t pos = 0;
        const char *hit;
        while ((hit = memmem(s.p + pos, s.n - pos, f.p, f.n))) {
            size_t at = (size_t)(hit - s.p);
            buf_str(&b, s.p + pos, at - pos);
            buf_str(&b, r.p, r.n);
            pos = at + f.n;
        }
        buf_str(&b, s.p + pos, s.n - pos);
        out_str(ctx, out, i, b.p, b.n);
    }
    dbuf_free(&b);
    return 0;
}

/* replace_strings: matches of earlier lookups win; a later lookup only
 * replaces where it overlaps no chosen match (the documented order rule). */
typedef struct span {
    size_t at, len;
    uint32_t which;
} span;

typedef struct spans {
    span *v;
    size_t n, cap;
} spans;

static bool spans_free_at(const spans *sp, size_t at, size_t len)
{
    for (size_t k = 0; k < sp->n; k++)
        if (at < sp->v[k].at + sp->v[k].len && sp->v[k].at < at + len)
            return false;
    return true;
}

static bool spans_add(spans *sp, size_t at, size_t len, uint32_t which)
{
    if (sp->n == sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 32;
        span *v = realloc(sp->v, cap * sizeof *v);
        if (!v)
            return false;
        sp->v = v, sp->cap = cap;
    }
    sp->v[sp->n++] = (span){at, len, which};
    return true;
}

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

static int run_replace_strings(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    dbuf b = {0}, t = {0};
    spans sp = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = arg_s(argv[0], i);
        const uint8_t *look = arg_dyn(argv[1], i), *rep = arg_dyn(argv[2], i);
        out->s[i] = s;
        if (!look || dyn_tag(look) != DYN_ARRAY)
            continue;
        sp.n = 0;
        dyn_iter it;
        uint32_t w = 0;
        for (const uint8_t *e = dyn_first(look, &it, NULL); e; e = dyn_next(&it, NULL), w++) {
            dbuf_reset(&t);
            dyn_text(e, &t);
            if (t.n == 0)
                continue;
            for (size_t pos = 0; pos + t.n <= s.n;) {
                const char *hit = memmem(s.p + pos, s.n - pos, t.p, t.n);
                if (!hit)
                    break;
                size_t at = (size_t)(hit - s.p);
                if (spans_free_at(&sp, at, t.n)) {
                    if (!spans_add(&sp, at, t.n, w))
                        break;
                    pos = at + t.n;
                } else {
                    pos = at + 1;
                }
            }
        }
        if (sp.n == 0)
            continue;
        qsort(sp.v, sp.n, sizeof *sp.v, span_cmp);
        dbuf_reset(&b);
        size_t pos = 0;
        for (size_t k = 0; k < sp.n; k++) {
            buf_str(&b, s.p + pos, sp.v[k].at - pos);
            const uint8_t *r =
                rep && dyn_tag(rep) == DYN_ARRAY ? dyn_index(rep, sp.v[k].which) : NULL;
            if (r && dyn_tag(r) == DYN_STRING) /* a non-string replacement keeps the text */
                dyn_text(r, &b);
            else if (r)
                buf_str(&b, s.p + sp.v[k].at, sp.v[k].len);
            pos = sp.v[k].at + sp.v[k].len;
        }
        buf_str(&b, s.p + pos, s.n - pos);
        out_str(ctx, out, i, b.p, b.n);
    }
    free(sp.v);
    dbuf_free(&b);
    dbuf_free(&t);
    return 0;
}

/* Appends rewrite r with \0..\9 replaced by the groups of the current match. */
static void rewrite_put(dbuf *b, hstr r, rx_state *st, hstr s, int groups)
{
    for (size_t k = 0; k < r.n; k++) {
        if (r.p[k] == '\\' && k + 1 < r.n && r.p[k + 1] >= '0' && r.p[k + 1] <= '9') {
            hstr g = rx_group(st, s, groups, r.p[k + 1] - '0');
            buf_str(b, g.p, g.n);
            k++;
        } else if (r.p[k] == '\\' && k + 1 < r.n && r.p[k + 1] == '\\') {
            buf_ch(b, '\\');
            k++;
        } else {
            buf_ch(b, r.p[k]);
        }
    }
}

static int replace_regex_rows(fn_ctx *ctx, const hvec *src, const hvec *pat, const hvec *rw,
                              hvec *out)
{
    RX_STATE_OR_FAIL(st);
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    dbuf b = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = arg_s(src, i), p = arg_s(pat, i), r = arg_s(rw, i);
        pcre2_code *re = rx_get(ctx, st, p, RX_PLAIN);
        if (!re) {
            dbuf_free(&b);
            return -1;
        }
        rx_iter it;
        rx_iter_init(&it, st, re, s);
        dbuf_reset(&b);
        size_t copied = 0;
        bool any = false;
        while (rx_iter_next(&it)) {
            any = true;
            buf_str(&b, s.p + copied, it.ms - copied);
            rewrite_put(&b, r, st, s, it.groups);
            copied = it.me;
        }
        if (!any) {
            out->s[i] = s;
            continue;
        }
        buf_str(&b, s.p + copied, s.n - copied);
        out_str(ctx, out, i, b.p, b.n);
    }
    dbuf_free(&b);
    return 0;
}

static int run_replace_regex(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return replace_regex_rows(ctx, argv[0], argv[1], argv[2], out);
}
static int run_replace(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return replace_regex_rows(ctx, argv[2], argv[0], argv[1], out);
}

/* ==== indexof ================================================================================ */

/* Reads start/length/occurrence; false when the result is null. */
static bool index_args(int argc, const hvec *const *argv, uint32_t i, int64_t *start, int64_t *len,
                       int64_t *occ)
{
    *start = 0, *len = -1, *occ = 1;
    if (argc > 2 && !arg_long(argv[2], i, start))
        return false;
    if (argc > 3 && !arg_long(argv[3], i, len))
        return false;
    if (argc > 4 && !arg_long(argv[4], i, occ))
        return false;
    return *len >= -1 && *occ >= 0;
}

static int run_indexof(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_INT, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = arg_s(argv[0], i), m = arg_s(argv[1], i);
        int64_t start, len, occ;
        if (!index_args(argc, argv, i, &start, &len, &occ)) {
            out_null(ctx, out, i);
            continue;
        }
        int64_t total = (int64_t)cp_count(s);
        if (start < 0)
            start = total + start < 0 ? 0 : total + start;
        out->i[i] = -1;
        if (start > total || occ == 0)
            continue;
        int64_t found = -1;
        for (int64_t k = 0; k < occ; k++) {
            int64_t lim = len < 0 || start + len > total ? total : start + len;
            size_t a = cp_off(s, (size_t)start), e = cp_off(s, (size_t)lim);
            const char *hit =
                m.n == 0 ? s.p + a : (e >= a ? memmem(s.p + a, e - a, m.p, m.n) : NULL);
            if (!hit) {
                found = -1;
                break;
            }
            found = (int64_t)cp_index(s, (size_t)(hit - s.p));
            start = found + 1;
        }
        out->i[i] = found;
    }
    return 0;
}

static int run_indexof_regex(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    RX_STATE_OR_FAIL(st);
    vec_alloc(ctx->arena, out, HT_INT, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = arg_s(argv[0], i), p = arg_s(argv[1], i);
        int64_t start, len, occ;
        if (!index_args(argc, argv, i, &start, &len, &occ) || start < 0) {
            out_null(ctx, out, i);
            continue;
        }
        pcre2_code *re = rx_get(ctx, st, p, RX_PLAIN);
        if (!re)
            return -1;
        out->i[i] = -1;
        int64_t total = (int64_t)cp_count(s);
        if (start > total || occ == 0)
            continue;
        int64_t lim = len < 0 || start + len > total ? total : start + len;
        size_t a = cp_off(s, (size_t)start), e = cp_off(s, (size_t)lim);
        hstr sub = {s.p, (uint32_t)e};
        rx_iter it;
        rx_iter_init(&it, st, re, sub);
        it.pos = a;
        int64_t k = 0;
        while (rx_iter_next(&it))
            if (++k == occ) {
                out->i[i] = (int64_t)cp_index(s, it.ms);
                break;
            }
    }
    return 0;
}

/* ==== extract, extract_all, countof ========================================================== */

/* Converts extracted text to type t as the to<type>() functions do. */
static bool text_to_type(hstr s, htype t, hvec *out, uint32_t i, dbuf *b)
{
    int64_t v;
    double d;
    switch (t) {
    case HT_INT:
        if (!ht_parse_long(s.p, s.n, &v) || v < INT32_MIN || v > INT32_MAX)
            return false;
        out->i[i] = v;
        return true;
    case HT_LONG:
        if (!ht_parse_long(s.p, s.n, &v))
            return false;
        out->i[i] = v;
        return true;
    case HT_REAL:
        if (!ht_parse_real(s.p, s.n, &d))
            return false;
        out->r[i] = d;
        return true;
    case HT_DATETIME:
        return ht_parse_datetime(s.p, s.n, &out->i[i]);
    case HT_TIMESPAN:
        return ht_parse_timespan(s.p, s.n, &out->i[i]);
    case HT_GUID:
        return ht_parse_guid(s.p, s.n, &out->g[i]);
    case HT_BOOL:
        if (s.n == 4 && strncasecmp(s.p, "true", 4) == 0)
            out->b[i] = 1;
        else if (s.n == 5 && strncasecmp(s.p, "false", 5) == 0)
            out->b[i] = 0;
        else if (ht_parse_long(s.p, s.n, &v))
            out->b[i] = v != 0;
        else
            return false;
        return true;
    case HT_DYNAMIC:
        dbuf_reset(b);
        return dyn_from_json(s.p, s.n, b, NULL, 0);
    default:
        return false;
    }
}

static htype ty_extract(fn_sig *sig)
{
    if (!sig_args(sig, "sixs") || !sig_regex(sig, 0))
        return HT_UNKNOWN;
    if (sig->argc < 4)
        return HT_STRING;
    hstr tn;
    htype t;
    if (!fn_const_str(sig, 3, &tn) || (t = ht_from_name(tn.p, tn.n)) == HT_UNKNOWN)
        return fn_type_error(sig, "extract(): the fourth argument must be typeof(T)");
    return t;
}
static int run_extract(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    RX_STATE_OR_FAIL(st);
    htype t = out->type;
    vec_alloc(ctx->arena, out, t, out->n);
    dbuf b = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        hstr p = arg_s(argv[0], i), s = arg_s(argv[2], i);
        int64_t g;
        pcre2_code *re = rx_get(ctx, st, p, RX_PLAIN);
        if (!re) {
            dbuf_free(&b);
            return -1;
        }
        int rc = arg_long(argv[1], i, &g) ? rx_match(st, re, s, 0, 0) : 0;
        bool ok = rc > 0 && g >= 0 && g <= (int64_t)rx_capture_count(re);
        hstr v = ok ? rx_group(st, s, rc, (int)g) : str_empty;
        if (t == HT_STRING) {
            out->s[i] = v;
        } else if (!ok || !text_to_type(v, t, out, i, &b)) {
            out_null(ctx, out, i);
        } else if (t == HT_DYNAMIC) {
            out_dyn(ctx, out, i, &b);
        }
    }
    dbuf_free(&b);
    return 0;
}

static htype ty_extract_all(fn_sig *sig)
{
    const char *kinds = sig->argc == 3 ? "syx" : "sx";
    if (!sig_args(sig, kinds) || !sig_regex(sig, 0))
        return HT_UNKNOWN;
    return HT_DYNAMIC;
}

/* Resolves the captureGroups array into group numbers; n receives the count. */
static int groups_of(pcre2_code *re, const uint8_t *sel, int *g, int cap)
{
    int n = 0;
    uint32_t ncap = rx_capture_count(re);
    if (!sel || dyn_tag(sel) != DYN_ARRAY) {
        if (ncap == 0)
            g[n++] = 0;
        for (uint32_t k = 1; k <= ncap && n < cap; k++)
            g[n++] = (int)k;
        return n;
    }
    dyn_iter it;
    for (const uint8_t *e = dyn_first(sel, &it, NULL); e && n < cap; e = dyn_next(&it, NULL)) {
        if (dyn_tag(e) == DYN_LONG) {
            int64_t k = dyn_long(e);
            g[n++] = k >= 0 && k <= (int64_t)ncap ? (int)k : -1;
        } else if (dyn_tag(e) == DYN_STRING) {
            hstr name = dyn_string(e);
            char tmp[128];
            int k = -1;
            if (name.n < sizeof tmp) {
                memcpy(tmp, name.p, name.n);
                tmp[name.n] = 0;
                k = pcre2_substring_number_from_name(re, (PCRE2_SPTR)tmp);
            }
            g[n++] = k >= 0 ? k : -1;
        } else {
            g[n++] = -1;
        }
    }
    return n;
}

static int run_extract_all(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    RX_STATE_OR_FAIL(st);
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    dbuf b = {0};
    int g[64];
    for (uint32_t i = 0; i < out->n; i++) {
        hstr p = arg_s(argv[0], i), s = arg_s(argv[argc - 1], i);
        pcre2_code *re = rx_get(ctx, st, p, RX_PLAIN);
        if (!re) {
            dbuf_free(&b);
            return -1;
        }
        int ng = groups_of(re, argc == 3 ? arg_dyn(argv[1], i) : NULL, g, 64);
        bool nested = argc == 3 ? ng > 1 : rx_capture_count(re) > 1;
        dbuf_reset(&b);
        size_t mark = dyn_begin_array(&b);
        uint32_t count = 0;
        rx_iter it;
        rx_iter_init(&it, st, re, s);
        while (rx_iter_next(&it)) {
            size_t inner = nested ? dyn_begin_array(&b) : 0;
            for (int k = 0; k < (nested ? ng : (ng > 0 ? 1 : 0)); k++)
                dyn_put_hstr(&b, rx_group(st, s, it.groups, g[k]));
            if (nested)
                dyn_end(&b, inner, (uint32_t)ng);
            count++;
        }
        dyn_end(&b, mark, count);
        if (count == 0)
            out_null(ctx, out, i);
        else
            out_dyn(ctx, out, i, &b);
    }
    dbuf_free(&b);
    return 0;
}

static htype ty_countof(fn_sig *sig)
{
    if (!sig_args(sig, "xxs"))
        return HT_UNKNOWN;
    hstr k;
    if (sig->argc == 3 && fn_const_str(sig, 2, &k)) {
        if (k.n == 5 && memcmp(k.p, "regex", 5) == 0)
            return sig_regex(sig, 1) ? HT_LONG : HT_UNKNOWN;
        if (!(k.n == 6 && memcmp(k.p, "normal", 6) == 0))
            return fn_type_error(sig, "countof(): kind must be \"normal\" or \"regex\"");
    }
    return HT_LONG;
}
static int run_countof(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_LONG, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = arg_s(argv[0], i), m = arg_s(argv[1], i);
        hstr k = argc > 2 ? arg_s(argv[2], i) : str_empty;
        int64_t c = 0;
        if (k.n == 5 && memcmp(k.p, "regex", 5) == 0) {
            RX_STATE_OR_FAIL(st);
            pcre2_code *re = rx_get(ctx, st, m, RX_PLAIN);
            if (!re)
                return -1;
            rx_iter it;
            rx_iter_init(&it, st, re, s);
            while (rx_iter_next(&it))
                c++;
        } else if (m.n) {
            const char *hit;
            for (size_t pos = 0; (hit = memmem(s.p + pos, s.n - pos, m.p, m.n)); c++)
                pos = (size_t)(hit - s.p) + 1;
        }
        out->i[i] = c;
    }
    return 0;
}

/* ==== reverse, repeat, strrep, strcmp ======================================================== */

static htype ty_reverse(fn_sig *sig)
{
    if (sig->argc < 1)
        return fn_type_error(sig, "reverse(): expects one argument");
    /* datetime keeps its type: reverse() spells it with all 7 fraction digits */
    if (sig->argt[0] != HT_STRING && sig->argt[0] != HT_DATETIME)
        sig->cast[0] = HT_STRING;
    return HT_STRING;
}
static int run_reverse(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    const hvec *v = argv[0];
    for (uint32_t i = 0; i < out->n; i++) {
        char tmp[48];
        hstr s;
        if (v->type == HT_DATETIME) {
            if (vec_is_null(v, i)) {
                out->s[i] = str_empty;
                continue;
            }
            s = (hstr){tmp, (uint32_t)ht_format_datetime_full(vec_i(v, i), tmp)};
        } else {
            s = arg_s(v, i);
        }
        char *r = arena_alloc(ctx->arena, s.n + 1);
        size_t o = s.n;
        for (size_t j = 0; j < s.n;) {
            size_t k = u8_len(s.p + j, s.n - j);
            o -= k;
            memcpy(r + o, s.p + j, k);
            j += k;
        }
        out->s[i] = (hstr){r, s.n};
    }
    return 0;
}

#define REPEAT_MAX 10000000

static htype ty_repeat(fn_sig *sig)
{
    if (!sig_args(sig, "*i"))
        return HT_UNKNOWN;
    if (sig->argt[0] == HT_UNKNOWN)
        sig->cast[0] = HT_DYNAMIC;
    return HT_DYNAMIC;
}

static int run_repeat(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    dbuf b = {0}, one = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        int64_t c;
        if (!arg_long(argv[1], i, &c) || c < 0) {
            out_null(ctx, out, i);
            continue;
        }
        if (c > REPEAT_MAX) {
            dbuf_free(&b);
            dbuf_free(&one);
            fail(ctx, "repeat(): count %s exceeds the limit of 10000000", "");
            return -1;
        }
        dbuf_reset(&b);
        dbuf_reset(&one);
        vec_put_dyn(&one, argv[0], i);
        size_t mark = dyn_begin_array(&b);
        for (int64_t k = 0; k < c; k++)
            dbuf_put(&b, one.p, one.n);
        dyn_end(&b, mark, (uint32_t)c);
        out_dyn(ctx, out, i, &b);
    }
    dbuf_free(&b);
    dbuf_free(&one);
    return 0;
}

#define STRREP_MAX 1024

static bool row_strrep(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)t;
    hstr s = arg_s(argv[0], i), d = argc > 2 ? arg_s(argv[2], i) : str_empty;
    int64_t c;
    if (!arg_long(argv[1], i, &c) || c <= 0)
        return false;
    if (c > STRREP_MAX)
        c = STRREP_MAX;
    for (int64_t k = 0; k < c; k++) {
        if (k)
            buf_str(b, d.p, d.n);
        buf_str(b, s.p, s.n);
    }
    return true;
}

static int run_strrep(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_strrep);
}

static int run_strcmp(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_INT, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        hstr a = arg_s(argv[0], i), b = arg_s(argv[1], i);
        size_t n = a.n < b.n ? a.n : b.n;
        int c = n ? memcmp(a.p, b.p, n) : 0;
        if (c == 0)
            c = a.n < b.n ? -1 : a.n > b.n;
        out->i[i] = c < 0 ? -1 : c > 0;
    }
    return 0;
}

/* ==== predicates and small transforms ======================================================== */

static int run_isascii(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = arg_s(argv[0], i);
        bool ok = true;
        for (size_t j = 0; j < s.n && ok; j++)
            ok = (uint8_t)s.p[j] < 0x80;
        out->b[i] = ok;
    }
    return 0;
}

static int run_isutf8(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    for (uint32_t i = 0; i < out->n; i++)
        out->b[i] = u8_valid(arg_s(argv[0], i));
    return 0;
}

static bool row_regex_quote(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)argc, (void)t;
    hstr s = arg_s(argv[0], i);
    for (size_t j = 0; j < s.n; j++) {
        if (strchr("\\.+*?()|[]{}^$#-", s.p[j]) && s.p[j])
            buf_ch(b, '\\');
        buf_ch(b, s.p[j]);
    }
    return true;
}

static int run_regex_quote(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_regex_quote);
}

static bool row_translate(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)argc, (void)t;
    hstr from = arg_s(argv[0], i), to = arg_s(argv[1], i), s = arg_s(argv[2], i);
    for (size_t j = 0; j < s.n;) {
        size_t k, fk, pos = 0, fi = 0;
        uint32_t c = u8_dec(s.p + j, s.n - j, &k);
        bool hit = false;
        for (size_t f = 0; f < from.n; f += fk, fi++) {
            if (u8_dec(from.p + f, from.n - f, &fk) == c) {
                hit = true;
                break;
            }
        }
        if (!hit) {
            buf_str(b, s.p + j, k);
        } else if (to.n) { /* the fi-th replacement, or the last one */
            size_t tk = 0, last = 0;
            for (size_t x = 0; x < to.n && pos <= fi; x += tk, pos++) {
                u8_dec(to.p + x, to.n - x, &tk);
                last = x;
            }
            size_t lk;
            u8_dec(to.p + last, to.n - last, &lk);
            buf_str(b, to.p + last, lk);
        }
        j += k;
    }
    return true;
}

static int run_translate(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_translate);
}

static bool row_unicode_codepoints_from_string(int argc, const hvec *const *argv, uint32_t i,
                                               dbuf *b, dbuf *t)
{
    (void)argc, (void)t;
    hstr s = arg_s(argv[0], i);
    size_t mark = dyn_begin_array(b);
    uint32_t c = 0;
    for (size_t j = 0, k; j < s.n; j += k, c++)
        dyn_put_long(b, u8_dec(s.p + j, s.n - j, &k));
    dyn_end(b, mark, c);
    return true;
}

static int run_unicode_codepoints_from_string(fn_ctx *ctx, int argc, const hvec *const *argv,
                                              hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_DYNAMIC, row_unicode_codepoints_from_string);
}

static void cp_put_num(dbuf *b, int64_t v)
{
    u8_put(b, v < 0 || v > 0x10FFFF ? 0xFFFD : (uint32_t)v);
}

static bool row_unicode_codepoints_to_string(int argc, const hvec *const *argv, uint32_t i, dbuf *b,
                                             dbuf *t)
{
    (void)t;
    for (int a = 0; a < argc; a++) {
        const hvec *v = argv[a];
        int64_t x;
        if (v->type == HT_DYNAMIC) {
            const uint8_t *d = arg_dyn(v, i);
            if (d && dyn_tag(d) == DYN_LONG) {
                cp_put_num(b, dyn_long(d));
            } else if (d && dyn_tag(d) == DYN_ARRAY) {
                dyn_iter it;
                for (const uint8_t *e = dyn_first(d, &it, NULL); e; e = dyn_next(&it, NULL))
                    if (dyn_tag(e) == DYN_LONG)
                        cp_put_num(b, dyn_long(e));
            }
        } else if (arg_long(v, i, &x)) {
            cp_put_num(b, x);
        }
    }
    return true;
}

static int run_unicode_codepoints_to_string(fn_ctx *ctx, int argc, const hvec *const *argv,
                                            hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_unicode_codepoints_to_string);
}

/* ==== parse_command_line, parse_csv ========================================================== */

/* Splits a Windows command line the way CommandLineToArgvW does: blanks
 * separate, quotes group, 2n backslashes + quote give n backslashes and a
 * quote toggle, 2n+1 give n backslashes and a literal quote, "" inside quotes
 * gives a literal quote. */
static uint32_t cmdline_split(hstr s, dbuf *b, dbuf *t)
{
    uint32_t count = 0;
    size_t j = 0;
    for (;;) {
        while (j < s.n && (s.p[j] == ' ' || s.p[j] == '\t' || s.p[j] == '\n' || s.p[j] == '\r'))
            j++;
        if (j >= s.n)
            break;
        dbuf_reset(t);
        bool q = false;
        while (j < s.n &&
               (q || !(s.p[j] == ' ' || s.p[j] == '\t' || s.p[j] == '\n' || s.p[j] == '\r'))) {
            if (s.p[j] == '\\') {
                size_t nb = 0;
                while (j < s.n && s.p[j] == '\\')
                    nb++, j++;
                if (j < s.n && s.p[j] == '"') {
                    for (size_t k = 0; k < nb / 2; k++)
                        buf_ch(t, '\\');
                    if (nb % 2) {
                        buf_ch(t, '"');
                        j++;
                    }
                } else {
                    for (size_t k = 0; k < nb; k++)
                        buf_ch(t, '\\');
                }
            } else if (s.p[j] == '"') {
                if (q && j + 1 < s.n && s.p[j + 1] == '"') {
                    buf_ch(t, '"');
                    j += 2;
                } else {
                    q = !q;
                    j++;
                }
            } else {
                buf_ch(t, s.p[j++]);
            }
        }
        dyn_put_string(b, (const char *)t->p, t->n);
        count++;
    }
    return count;
}

static htype ty_parse_command_line(fn_sig *sig)
{
    if (!sig_args(sig, "xs"))
        return HT_UNKNOWN;
    hstr k;
    if (fn_const_str(sig, 1, &k) && !(k.n == 7 && strncasecmp(k.p, "windows", 7) == 0))
        return fn_type_error(sig, "parse_command_line(): the only parser supported is "
                                  "\"windows\"");
    return HT_DYNAMIC;
}
static bool row_parse_command_line(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)argc;
    hstr k = arg_s(argv[1], i);
    if (!(k.n == 7 && strncasecmp(k.p, "windows", 7) == 0))
        return false;
    size_t mark = dyn_begin_array(b);
    uint32_t c = cmdline_split(arg_s(argv[0], i), b, t);
    dyn_end(b, mark, c);
    return true;
}

static int run_parse_command_line(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_DYNAMIC, row_parse_command_line);
}

static bool row_parse_csv(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)argc;
    hstr s = arg_s(argv[0], i);
    size_t mark = dyn_begin_array(b);
    uint32_t c = 0;
    size_t j = 0;
    bool done = false;
    while (!done) {
        dbuf_reset(t);
        if (j < s.n && s.p[j] == '"') { /* quoted field */
            for (j++; j < s.n; j++) {
                if (s.p[j] == '"' && j + 1 < s.n && s.p[j + 1] == '"')
                    buf_ch(t, '"'), j++;
                else if (s.p[j] == '"')
                    break;
                else
                    buf_ch(t, s.p[j]);
            }
            j++; /* closing quote; text up to the separator is kept */
            while (j < s.n && s.p[j] != ',' && s.p[j] != '\n' && s.p[j] != '\r')
                buf_ch(t, s.p[j++]);
        } else {
            while (j < s.n && s.p[j] != ',' && s.p[j] != '\n' && s.p[j] != '\r')
                buf_ch(t, s.p[j++]);
        }
        dyn_put_string(b, (const char *)t->p, t->n);
        c++;
        if (j < s.n && s.p[j] == ',')
            j++;
        else
            done = true; /* end of text or of the first record */
    }
    dyn_end(b, mark, c);
    return true;
}

static int run_parse_csv(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_DYNAMIC, row_parse_csv);
}

/* ==== parse_path, parse_url, parse_urlquery ================================================== */

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void put_kv(dbuf *b, const char *k, hstr v)
{
    dyn_put_key(b, k, strlen(k));
    dyn_put_hstr(b, v);
}

static hstr sub(hstr s, size_t a, size_t e)
{
    if (e > s.n)
        e = s.n;
    if (a > e)
        a = e;
    return (hstr){s.p + a, (uint32_t)(e - a)};
}

static void parse_path_into(hstr s, dbuf *b)
{
    hstr scheme = str_empty, root = str_empty, dir = str_empty, dname = str_empty;
    hstr file = str_empty, ext = str_empty, ads = str_empty;
    size_t j = 0;
    if (s.n && is_alpha(s.p[0])) { /* scheme:// */
        size_t k = 1;
        while (k < s.n && (is_alpha(s.p[k]) || (s.p[k] >= '0' && s.p[k] <= '9') || s.p[k] == '+' ||
                           s.p[k] == '-' || s.p[k] == '.'))
            k++;
        if (k + 2 < s.n && s.p[k] == ':' && s.p[k + 1] == '/' && s.p[k + 2] == '/') {
            scheme = sub(s, 0, k);
            j = k + 3;
        }
    }
    hstr rest = sub(s, j, s.n);
    if (rest.n >= 2 && is_alpha(rest.p[0]) && rest.p[1] == ':')
        root = sub(rest, 0, 2);
    size_t cut = SIZE_MAX;
    for (size_t k = rest.n; k > 0; k--)
        if (rest.p[k - 1] == '/' || rest.p[k - 1] == '\\') {
            cut = k - 1;
            break;
        }
    hstr name = rest;
    if (cut != SIZE_MAX) {
        dir = sub(rest, 0, cut);
        name = sub(rest, cut + 1, rest.n);
    } else if (root.n) {
        dir = root;
        name = sub(rest, 2, rest.n);
    }
    const char *colon = memchr(name.p, ':', name.n);
    if (colon) {
        ads = sub(name, (size_t)(colon - name.p) + 1, name.n);
        name = sub(name, 0, (size_t)(colon - name.p));
    }
    file = name;
    for (size_t k = file.n; k > 0; k--)
        if (file.p[k - 1] == '.') {
            ext = sub(file, k, file.n);
            break;
        }
    size_t dc = 0;
    for (size_t k = dir.n; k > 0; k--)
        if (dir.p[k - 1] == '/' || dir.p[k - 1] == '\\') {
            dc = k;
            break;
        }
    dname = sub(dir, dc, dir.n);
    if (dname.n == 2 && root.n && dname.p == root.p)
        dname = str_empty;
    size_t mark = dyn_begin_object(b);
    put_kv(b, "Scheme", scheme);
    put_kv(b, "RootPath", root);
    put_kv(b, "DirectoryPath", dir);
    put_kv(b, "DirectoryName", dname);
    put_kv(b, "Filename", file);
    put_kv(b, "Extension", ext);
    put_kv(b, "AlternateDataStreamName", ads);
    dyn_end(b, mark, 7);
}

static bool row_parse_path(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)argc, (void)t;
    parse_path_into(arg_s(argv[0], i), b);
    return true;
}

static int run_parse_path(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_DYNAMIC, row_parse_path);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decodes s into b ('+' becomes a space when plus is set). */
static void pct_decode(hstr s, dbuf *b, bool plus)
{
    for (size_t j = 0; j < s.n; j++) {
        int h, l;
        if (s.p[j] == '%' && j + 2 < s.n && (h = hexval(s.p[j + 1])) >= 0 &&
            (l = hexval(s.p[j + 2])) >= 0) {
            buf_ch(b, (char)(h * 16 + l));
            j += 2;
        } else if (plus && s.p[j] == '+') {
            buf_ch(b, ' ');
        } else {
            buf_ch(b, s.p[j]);
        }
    }
}

/* Writes the "Query Parameters" bag of query text q (no leading '?'). */
static void put_query_bag(dbuf *b, hstr q, dbuf *t)
{
    size_t mark = dyn_begin_object(b);
    uint32_t c = 0;
    size_t j = 0;
    while (j < q.n) {
        size_t e = j;
        while (e < q.n && q.p[e] != '&')
            e++;
        hstr pair = sub(q, j, e);
        if (pair.n) {
            const char *eq = memchr(pair.p, '=', pair.n);
            hstr k = eq ? sub(pair, 0, (size_t)(eq - pair.p)) : pair;
            hstr v = eq ? sub(pair, (size_t)(eq - pair.p) + 1, pair.n) : str_empty;
            dbuf_reset(t);
            pct_decode(k, t, true);
            size_t kn = t->n;
            pct_decode(v, t, true);
            dyn_put_key(b, (const char *)t->p, kn);
            dyn_put_string(b, (const char *)t->p + kn, t->n - kn);
            c++;
        }
        j = e + 1;
    }
    dyn_end(b, mark, c);
}

static void parse_url_into(hstr s, dbuf *b, dbuf *t)
{
    hstr scheme = str_empty, host = str_empty, port = str_empty, path = str_empty;
    hstr user = str_empty, pass = str_empty, query = str_empty, frag = str_empty;
    const char *sep = s.n >= 3 ? memmem(s.p, s.n, "://", 3) : NULL;
    bool ok = sep && sep > s.p && is_alpha(s.p[0]);
    if (ok) {
        scheme = sub(s, 0, (size_t)(sep - s.p));
        hstr rest = sub(s, scheme.n + 3, s.n);
        const char *h = memchr(rest.p, '#', rest.n);
        if (h) {
            frag = sub(rest, (size_t)(h - rest.p) + 1, rest.n);
            rest = sub(rest, 0, (size_t)(h - rest.p));
        }
        const char *q = memchr(rest.p, '?', rest.n);
        if (q) {
            query = sub(rest, (size_t)(q - rest.p) + 1, rest.n);
            rest = sub(rest, 0, (size_t)(q - rest.p));
        }
        const char *sl = memchr(rest.p, '/', rest.n);
        hstr auth = rest;
        if (sl) {
            path = sub(rest, (size_t)(sl - rest.p) + 1, rest.n);
            auth = sub(rest, 0, (size_t)(sl - rest.p));
        }
        const char *at = NULL;
        for (size_t k = auth.n; k > 0; k--)
            if (auth.p[k - 1] == '@') {
                at = auth.p + k - 1;
                break;
            }
        if (at) {
            hstr ui = sub(auth, 0, (size_t)(at - auth.p));
            auth = sub(auth, (size_t)(at - auth.p) + 1, auth.n);
            const char *c = memchr(ui.p, ':', ui.n);
            user = c ? sub(ui, 0, (size_t)(c - ui.p)) : ui;
            pass = c ? sub(ui, (size_t)(c - ui.p) + 1, ui.n) : str_empty;
        }
        host = auth;
        size_t close = 0;
        if (auth.n && auth.p[0] == '[') { /* [ipv6]:port */
            const char *cb = memchr(auth.p, ']', auth.n);
            close = cb ? (size_t)(cb - auth.p) : 0;
        }
        const char *c = close < auth.n ? memchr(auth.p + close, ':', auth.n - close) : NULL;
        if (c) {
            host = sub(auth, 0, (size_t)(c - auth.p));
            port = sub(auth, (size_t)(c - auth.p) + 1, auth.n);
        }
    }
    size_t mark = dyn_begin_object(b);
    put_kv(b, "Scheme", scheme);
    put_kv(b, "Host", host);
    put_kv(b, "Port", port);
    put_kv(b, "Path", path);
    put_kv(b, "Username", user);
    put_kv(b, "Password", pass);
    dyn_put_key(b, "Query Parameters", 16);
    put_query_bag(b, query, t);
    put_kv(b, "Fragment", frag);
    dyn_end(b, mark, 8);
}

static bool row_parse_url(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)argc;
    parse_url_into(arg_s(argv[0], i), b, t);
    return true;
}

static int run_parse_url(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_DYNAMIC, row_parse_url);
}

static bool row_parse_urlquery(int argc, const hvec *const *argv, uint32_t i, dbuf *b, dbuf *t)
{
    (void)argc;
    hstr q = arg_s(argv[0], i);
    if (q.n && q.p[0] == '?')
        q = sub(q, 1, q.n);
    size_t mark = dyn_begin_object(b);
    dyn_put_key(b, "Query Parameters", 16);
    put_query_bag(b, q, t);
    dyn_end(b, mark, 1);
    return true;
}

static int run_parse_urlquery(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_DYNAMIC, row_parse_urlquery);
}

/* ==== format_bytes =========================================================================== */

static const char *const byte_units[] = {"Bytes", "KB", "MB", "GB", "TB", "PB", "EB"};

static int unit_index(hstr u)
{
    for (int k = 0; k < 7; k++)
        if (strlen(byte_units[k]) == u.n && strncasecmp(byte_units[k], u.p, u.n) == 0)
            return k;
    if (u.n == 1 && (u.p[0] == 'B' || u.p[0] == 'b'))
        return 0;
    return -1;
}

static int run_format_bytes(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    for (uint32_t i = 0; i < out->n; i++) {
        double v;
        int64_t prec = 0;
        out->s[i] = str_empty;
        if (!arg_real(argv[0], i, &v) || !isfinite(v))
            continue;
        if (argc > 1 && !arg_long(argv[1], i, &prec))
            prec = 0;
        if (prec < 0)
            prec = 0;
        if (prec > 15)
            prec = 15;
        int u = -1;
        if (argc > 2)
            u = unit_index(arg_s(argv[2], i));
        if (u < 0) {
            u = 0;
            for (double a = fabs(v); a >= 1024.0 && u < 6; a /= 1024.0)
                u++;
        }
        double x = v / pow(1024.0, u);
        char tmp[400];
        int n = snprintf(tmp, sizeof tmp, "%.*f %s", (int)prec, x, byte_units[u]);
        if (n > 0)
            out_str(ctx, out, i, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
    }
    return 0;
}

/* ==== URL encoding =========================================================================== */

static void pct_encode(hstr s, dbuf *b, bool plus)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t j = 0; j < s.n; j++) {
        unsigned char c = (unsigned char)s.p[j];
        if (is_alpha((char)c) || (c >= '0' && c <= '9') || strchr("-_.!*()", c) != NULL) {
            if (c)
                buf_ch(b, (char)c);
            else
                buf_str(b, "%00", 3);
        } else if (c == ' ' && plus) {
            buf_ch(b, '+');
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_str(b, e, 3);
        }
    }
}

static int run_url_code(fn_ctx *ctx, const hvec *v, hvec *out, int mode)
{
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    dbuf b = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        dbuf_reset(&b);
        hstr s = arg_s(v, i);
        if (mode == 2)
            pct_decode(s, &b, true);
        else
            pct_encode(s, &b, mode == 0);
        out_str(ctx, out, i, b.p, b.n);
    }
    dbuf_free(&b);
    return 0;
}

static int run_url_encode(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_url_code(ctx, argv[0], out, 0);
}
static int run_url_encode_component(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_url_code(ctx, argv[0], out, 1);
}
static int run_url_decode(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    return run_url_code(ctx, argv[0], out, 2);
}

/* ==== base64 ================================================================================= */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void b64_encode(const uint8_t *p, size_t n, dbuf *b)
{
    for (size_t j = 0; j < n; j += 3) {
        uint32_t v = (uint32_t)p[j] << 16;
        if (j + 1 < n)
            v |= (uint32_t)p[j + 1] << 8;
        if (j + 2 < n)
            v |= p[j + 2];
        char e[4] = {b64[v >> 18], b64[(v >> 12) & 63], j + 1 < n ? b64[(v >> 6) & 63] : '=',
                     j + 2 < n ? b64[v & 63] : '='};
        buf_str(b, e, 4);
    }
}

static int b64_val(char c)
{
    const char *q = c ? strchr(b64, c) : NULL;
    return q ? (int)(q - b64) : -1;
}

/* Strict decoding (padding required, whitespace ignored) into b. */
static bool b64_decode(hstr s, dbuf *b)
{
    uint32_t acc = 0;
    int bits = 0, pad = 0, chars = 0;
    for (size_t j = 0; j < s.n; j++) {
        char c = s.p[j];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        chars++;
        if (c == '=') {
            pad++;
            continue;
        }
        int v = b64_val(c);
        if (v < 0 || pad)
            return false;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf_ch(b, (char)((acc >> bits) & 0xFF));
        }
    }
    return chars % 4 == 0 && pad <= 2;
}

static bool row_base64_encode_tostring(int argc, const hvec *const *argv, uint32_t i, dbuf *b,
                                       dbuf *t)
{
    (void)argc, (void)t;
    hstr s = arg_s(argv[0], i);
    b64_encode((const uint8_t *)s.p, s.n, b);
    return true;
}

static int run_base64_encode_tostring(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_base64_encode_tostring);
}

static bool row_base64_decode_tostring(int argc, const hvec *const *argv, uint32_t i, dbuf *b,
                                       dbuf *t)
{
    (void)argc, (void)t;
    return b64_decode(arg_s(argv[0], i), b) && u8_valid((hstr){(char *)b->p, (uint32_t)b->n});
}

static int run_base64_decode_tostring(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_base64_decode_tostring);
}

static bool row_base64_decode_toarray(int argc, const hvec *const *argv, uint32_t i, dbuf *b,
                                      dbuf *d)
{
    (void)argc;
    dbuf_reset(d);
    if (!b64_decode(arg_s(argv[0], i), d))
        return false;
    size_t mark = dyn_begin_array(b);
    for (size_t k = 0; k < d->n; k++)
        dyn_put_long(b, d->p[k]);
    dyn_end(b, mark, (uint32_t)d->n);
    return true;
}

static int run_base64_decode_toarray(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_DYNAMIC, row_base64_decode_toarray);
}

static bool row_base64_encode_fromarray(int argc, const hvec *const *argv, uint32_t i, dbuf *b,
                                        dbuf *d)
{
    (void)argc;
    const uint8_t *arr = arg_dyn(argv[0], i);
    if (!arr || dyn_tag(arr) != DYN_ARRAY)
        return false;
    dbuf_reset(d);
    bool ok = true;
    dyn_iter it;
    for (const uint8_t *e = dyn_first(arr, &it, NULL); e && ok; e = dyn_next(&it, NULL)) {
        int64_t v = dyn_tag(e) == DYN_LONG ? dyn_long(e) : -1;
        ok = v >= 0 && v <= 255;
        if (ok)
            buf_ch(d, (char)v);
    }
    if (!ok)
        return false;
    b64_encode(d->p, d->n, b);
    return true;
}

static int run_base64_encode_fromarray(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_base64_encode_fromarray);
}

/* .NET Guid.ToByteArray order: the first three fields little-endian. The
 * documented base64_decode_toguid example ("JpbpECu8dUy7Pv5gbeJXAA==" ->
 * 10e99626-bc2b-754c-...) keeps the third field in byte order, so decoding
 * swaps only the first two fields; encoding follows its own documented
 * example (all three swapped). */
static void guid_swap(const uint8_t *in, uint8_t *o, bool third)
{
    static const int enc[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    static const int dec[16] = {3, 2, 1, 0, 5, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    for (int k = 0; k < 16; k++)
        o[k] = in[third ? enc[k] : dec[k]];
}

static bool row_base64_encode_fromguid(int argc, const hvec *const *argv, uint32_t i, dbuf *b,
                                       dbuf *t)
{
    (void)argc, (void)t;
    if (vec_is_null(argv[0], i))
        return false;
    uint8_t raw[16];
    guid_swap(vec_g(argv[0], i)->b, raw, true);
    b64_encode(raw, 16, b);
    return true;
}

static int run_base64_encode_fromguid(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    return buf_rows(ctx, argc, argv, out, HT_STRING, row_base64_encode_fromguid);
}

static int run_base64_decode_toguid(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_GUID, out->n);
    dbuf d = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        dbuf_reset(&d);
        if (!b64_decode(arg_s(argv[0], i), &d) || d.n != 16) {
            out_null(ctx, out, i);
            continue;
        }
        guid_swap(d.p, out->g[i].b, false);
    }
    dbuf_free(&d);
    return 0;
}

/* ==== `matches regex` with a pattern that depends on the row ================================== */

/* Bound by engine/bind.c for the operator, not callable by name: a constant
 * pattern is checked when binding and compiled once; one that depends on the
 * row (a column such as `extend r = @'...'`) goes through the regex cache. */
static htype ty_matches_rows(fn_sig *sig)
{
    return sig_regex(sig, 1) ? HT_BOOL : HT_UNKNOWN;
}

static int run_matches_rows(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    RX_STATE_OR_FAIL(st);
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    pcre2_code *re = NULL;
    for (uint32_t i = 0; i < out->n; i++) {
        if (!re || argv[1]->cmask) { /* a constant pattern is looked up once */
            re = rx_get(ctx, st, arg_s(argv[1], i), RX_PLAIN);
            if (!re)
                return -1;
        }
        out->b[i] = rx_match(st, re, arg_s(argv[0], i), 0, 0) > 0;
    }
    return 0;
}

const fn_def fn_matches_regex_rows = {"matches regex",  2,       2, ty_matches_rows,
                                      run_matches_rows, rx_free, 0};

/* ==== the table ============================================================================== */

#define F(name, lo, hi, ty)                                                                        \
    {                                                                                              \
#name, lo, hi, ty, run_##name, NULL, 0                                                     \
    }
#define FRX(name, lo, hi, ty)                                                                      \
    {                                                                                              \
#name, lo, hi, ty, run_##name, rx_free, 0                                                  \
    }

const fn_def fn_string_defs[] = {
    F(strlen, 1, 1, ty_x_long),
    F(string_size, 1, 1, ty_x_long),
    F(tolower, 1, 1, ty_x_string),
    F(toupper, 1, 1, ty_x_string),
    F(substring, 2, 3, ty_xii_string),
    F(strcat, 1, 64, ty_x_string),
    F(strcat_delim, 3, 64, ty_x_string),
    F(strcat_array, 2, 2, ty_yx_string),
    F(split, 2, 3, ty_xxi_dynamic),
    FRX(trim, 2, 2, ty_sx_rx0_string),
    FRX(trim_start, 2, 2, ty_sx_rx0_string),
    FRX(trim_end, 2, 2, ty_sx_rx0_string),
    F(replace_string, 3, 3, ty_xxx_string),
    F(replace_strings, 3, 3, ty_xyy_string),
    FRX(replace_regex, 3, 3, ty_xsx_rx1_string),
    FRX(replace, 3, 3, ty_sxx_rx0_string),
    F(indexof, 2, 5, ty_xxiii_int),
    FRX(indexof_regex, 2, 5, ty_xsiii_rx1_int),
    FRX(extract, 3, 4, ty_extract),
    FRX(extract_all, 2, 3, ty_extract_all),
    FRX(countof, 2, 3, ty_countof),
    F(reverse, 1, 1, ty_reverse),
    F(repeat, 2, 2, ty_repeat),
    F(strrep, 2, 3, ty_xix_string),
    F(strcmp, 2, 2, ty_xx_int),
    F(isascii, 1, 1, ty_x_bool),
    F(isutf8, 1, 1, ty_x_bool),
    F(regex_quote, 1, 1, ty_x_string),
    F(translate, 3, 3, ty_xxx_string),
    F(unicode_codepoints_from_string, 1, 1, ty_x_dynamic),
    F(unicode_codepoints_to_string, 1, 64, ty_c_string),
    F(parse_command_line, 2, 2, ty_parse_command_line),
    F(parse_csv, 1, 1, ty_x_dynamic),
    F(parse_path, 1, 1, ty_x_dynamic),
    F(parse_url, 1, 1, ty_x_dynamic),
    F(parse_urlquery, 1, 1, ty_x_dynamic),
    F(format_bytes, 1, 3, ty_nis_string),
    F(url_encode, 1, 1, ty_x_string),
    F(url_encode_component, 1, 1, ty_x_string),
    F(url_decode, 1, 1, ty_x_string),
    F(base64_encode_tostring, 1, 1, ty_x_string),
    F(base64_decode_tostring, 1, 1, ty_x_string),
    F(base64_decode_toarray, 1, 1, ty_x_dynamic),
    F(base64_encode_fromarray, 1, 1, ty_y_string),
    F(base64_encode_fromguid, 1, 1, ty_g_string),
    F(base64_decode_toguid, 1, 1, ty_x_guid),
    {NULL},
};
