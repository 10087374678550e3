/* tests/unit/test_strsearch.c — the substring search behind contains, has
 * and their case-sensitive forms (engine/expr.c), against a plain byte-by-byte
 * reference over random haystacks built from a small alphabet of letters in
 * both cases, digits, punctuation and the bytes that folding with 0x20 maps
 * onto letters ('@', '`', '[', '{'), so the eight-bytes-at-a-time scan meets
 * every kind of near miss, at every alignment and at both ends.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "check.h"

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool naive_contains(const char *h, size_t hn, const char *n, size_t nn, bool cs)
{
    if (nn == 0)
        return true;
    for (size_t i = 0; i + nn <= hn; i++) {
        size_t k = 0;
        while (k < nn &&
               (cs ? h[i + k] == n[k] : fold((unsigned char)h[i + k]) == fold((unsigned char)n[k])))
            k++;
        if (k == nn)
            return true;
    }
    return false;
}

static uint32_t seed = 12345;
static uint32_t rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

int main(void)
{
    static const char alphabet[] = "aAbBkKzZ09@`[{.-/ ";
    size_t na = sizeof alphabet - 1;
    char hay[80], nd[8];
    int mismatches = 0;
    for (int t = 0; t < 200000; t++) {
        size_t hn = rnd() % sizeof hay, nn = 1 + rnd() % (sizeof nd - 1);
        for (size_t i = 0; i < hn; i++)
            hay[i] = alphabet[rnd() % na];
        /* half the needles are cut from the haystack, case flipped at random */
        if (hn >= nn && rnd() % 2) {
            size_t at = rnd() % (hn - nn + 1);
            for (size_t k = 0; k < nn; k++) {
                char c = hay[at + k];
                nd[k] = (rnd() % 2 && c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
            }
        } else {
            for (size_t k = 0; k < nn; k++)
                nd[k] = alphabet[rnd() % na];
        }
        hstr h = {hay, (uint32_t)hn}, n = {nd, (uint32_t)nn};
        for (int cs = 0; cs < 2; cs++) {
            bool want = naive_contains(hay, hn, nd, nn, cs);
            if (str_contains(h, n, cs) != want && mismatches++ < 5)
                CHECK_MSG(0, "contains%s('%.*s', '%.*s') should be %d", cs ? "_cs" : "", (int)hn,
                          hay, (int)nn, nd, want);
        }
    }
    CHECK_MSG(mismatches == 0, "%d mismatches against the reference", mismatches);
    return check_summary();
}
