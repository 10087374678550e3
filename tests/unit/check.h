/* tests/unit/check.h — the check counters and macros every unit test shares.
 * Each check counts as passed or failed; a failed one prints
 * "FILE:LINE: message". A test's main() ends with `return check_summary();`,
 * which prints the closing "N passed, N failed" line that
 * tools/run-tests.sh adds up and returns the exit status.
 *
 *   CHECK(cond)                 cond holds
 *   CHECK_MSG(cond, fmt, ...)   cond holds; on failure prints the printf-style
 *                               message (its arguments are evaluated only then)
 *   CHECK_I(want, got)          two integers are equal
 *   CHECK_S(want, got)          two C strings are equal (got may be NULL)
 *   CHECK_SN(want, p, n)        the n bytes at p are the C string want
 *
 * Helpers that count a check themselves call check_sn / check_fail or
 * increment npass.
 */
#ifndef TEST_CHECK_H
#define TEST_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int npass, nfail;

/* Counts a failed check and prints "FILE:LINE: " and the message. */
static inline void check_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline void check_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    nfail++;
    printf("%s:%d: ", file, line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

#define CHECK_MSG(cond, ...)                                                                       \
    do {                                                                                           \
        if (cond)                                                                                  \
            npass++;                                                                               \
        else                                                                                       \
            check_fail(__FILE__, __LINE__, __VA_ARGS__);                                           \
    } while (0)

#define CHECK(cond) CHECK_MSG(cond, "failed: %s", #cond)

#define CHECK_I(want, got)                                                                         \
    do {                                                                                           \
        long long e_ = (long long)(want), g_ = (long long)(got);                                   \
        CHECK_MSG(e_ == g_, "%s: expected %lld, got %lld", #got, e_, g_);                          \
    } while (0)

#define CHECK_S(want, got)                                                                         \
    do {                                                                                           \
        const char *e_ = (want), *g_ = (got);                                                      \
        CHECK_MSG(g_ &&strcmp(e_, g_) == 0, "%s: expected \"%s\", got \"%s\"", #got, e_,           \
                  g_ ? g_ : "(null)");                                                             \
    } while (0)

/* Counts a check that the n bytes at p are the C string want. */
static inline void check_sn(const char *file, int line, const char *want, const void *p, size_t n)
{
    if (strlen(want) == n && memcmp(want, p, n) == 0)
        npass++;
    else
        check_fail(file, line, "expected \"%s\", got \"%.*s\"", want, (int)n, (const char *)p);
}
#define CHECK_SN(want, p, n) check_sn(__FILE__, __LINE__, (want), (p), (n))

/* Prints "N passed, N failed"; returns the exit status (1 when any failed). */
static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", npass, nfail);
    return nfail ? 1 : 0;
}

#endif
