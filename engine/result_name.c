/* engine/result_name.c — the result-name kind of every built-in scalar
 * function whose unnamed call Kusto does not name ColumnN (result_name.h).
 *
 * The facts come from Kusto.Language, the reference KQL front end: each
 * function of its Functions.cs declares how its result is named (the
 * ResultNameKind and ResultNamePrefix of the FunctionSymbol), and one that
 * declares nothing gets None. Only the non-None functions are listed here:
 * the conversions, the bin/round family and the math functions take the name
 * of their first argument; strlen and a few others prefix it. Aggregates are
 * named by their own table (agg.c); hll_merge, tdigest_merge and merge_tdigest
 * below are the scalar functions of those names, not the aggregates.
 *
 * The table is sorted by name in byte order (strcmp) for the binary search.
 */
#include "result_name.h"

#include <string.h>

typedef struct rn_entry {
    const char *name;
    int kind;
    const char *prefix; /* NULL: none */
} rn_entry;

static const rn_entry rn_table[] = {
    {"__hll_normalize", RN_FIRST_ARG, NULL},
    {"abs", RN_FIRST_ARG, NULL},
    {"acos", RN_FIRST_ARG, NULL},
    {"asin", RN_FIRST_ARG, NULL},
    {"atan", RN_FIRST_ARG, NULL},
    {"atan2", RN_FIRST_ARG, NULL},
    {"bin", RN_FIRST_ARG, NULL},
    {"bin_at", RN_FIRST_ARG, NULL},
    {"bin_auto", RN_FIRST_ARG, NULL},
    {"binary_and", RN_FIRST_ARG, NULL},
    {"binary_not", RN_FIRST_ARG, NULL},
    {"binary_or", RN_FIRST_ARG, NULL},
    {"binary_shift_left", RN_FIRST_ARG, NULL},
    {"binary_shift_right", RN_FIRST_ARG, NULL},
    {"binary_xor", RN_FIRST_ARG, NULL},
    {"bitset_count_ones", RN_FIRST_ARG, NULL},
    {"ceiling", RN_FIRST_ARG, NULL},
    {"column_ifexists", RN_FIRST_ARG_VALUE_IF_COLUMN, NULL},
    {"columnifexists", RN_FIRST_ARG_VALUE_IF_COLUMN, NULL},
    {"cos", RN_FIRST_ARG, NULL},
    {"datetime_to_locale_string", RN_FIRST_ARG, NULL},
    {"dcount_hll", RN_NAME_AND_FIRST_ARG, NULL},
    {"erf", RN_FIRST_ARG, NULL},
    {"erfc", RN_FIRST_ARG, NULL},
    {"exp", RN_FIRST_ARG, NULL},
    {"exp10", RN_FIRST_ARG, NULL},
    {"exp2", RN_FIRST_ARG, NULL},
    {"floor", RN_FIRST_ARG, NULL},
    {"format_bytes", RN_FIRST_ARG, NULL},
    {"format_datetime", RN_FIRST_ARG, NULL},
    {"format_timespan", RN_FIRST_ARG, NULL},
    {"gamma", RN_FIRST_ARG, NULL},
    {"gettype", RN_PREFIX_AND_FIRST_ARG, "type"},
    {"hll_merge", RN_PREFIX_ONLY, "hll_merged_result"},
    {"ingestion_time", RN_PREFIX_ONLY, "$IngestionTime"},
    {"log", RN_FIRST_ARG, NULL},
    {"log10", RN_FIRST_ARG, NULL},
    {"log2", RN_FIRST_ARG, NULL},
    {"loggamma", RN_FIRST_ARG, NULL},
    {"make_datetime", RN_ONLY_ARG, NULL},
    {"make_timespan", RN_ONLY_ARG, NULL},
    {"merge_tdigest", RN_PREFIX_ONLY, "tdigests_merge_result"},
    {"parse_csv", RN_FIRST_ARG, NULL},
    {"parse_json", RN_FIRST_ARG, NULL},
    {"parse_xml", RN_FIRST_ARG, NULL},
    {"parsejson", RN_FIRST_ARG, NULL},
    {"percentile_tdigest", RN_NAME_AND_FIRST_ARG, NULL},
    {"percentiles_array_tdigest", RN_PREFIX_AND_FIRST_ARG, "percentile_tdigest"},
    {"pow", RN_FIRST_ARG, NULL},
    {"rand", RN_FIRST_ARG, NULL},
    {"repeat", RN_PREFIX_AND_FIRST_ARG, "repeat"},
    {"round", RN_FIRST_ARG, NULL},
    {"row_id", RN_PREFIX_ONLY, "$RowId"},
    {"series_fill_backward", RN_FIRST_ARG, NULL},
    {"series_fill_const", RN_FIRST_ARG, NULL},
    {"series_fill_forward", RN_FIRST_ARG, NULL},
    {"series_fill_linear", RN_FIRST_ARG, NULL},
    {"series_fir", RN_FIRST_ARG, NULL},
    {"series_iir", RN_FIRST_ARG, NULL},
    {"series_outliers", RN_FIRST_ARG, NULL},
    {"sin", RN_FIRST_ARG, NULL},
    {"split", RN_FIRST_ARG, NULL},
    {"sqrt", RN_FIRST_ARG, NULL},
    {"startofday", RN_FIRST_ARG, NULL},
    {"string_size", RN_NAME_AND_FIRST_ARG, NULL},
    {"strlen", RN_NAME_AND_FIRST_ARG, NULL},
    {"tan", RN_FIRST_ARG, NULL},
    {"tdigest_merge", RN_PREFIX_ONLY, "tdigests_merge_result"},
    {"tobool", RN_FIRST_ARG, NULL},
    {"toboolean", RN_FIRST_ARG, NULL},
    {"todatetime", RN_FIRST_ARG, NULL},
    {"todecimal", RN_FIRST_ARG, NULL},
    {"todouble", RN_FIRST_ARG, NULL},
    {"todynamic", RN_FIRST_ARG, NULL},
    {"toguid", RN_FIRST_ARG, NULL},
    {"tohex", RN_FIRST_ARG, NULL},
    {"toint", RN_FIRST_ARG, NULL},
    {"tolong", RN_FIRST_ARG, NULL},
    {"toobject", RN_FIRST_ARG, NULL},
    {"toreal", RN_FIRST_ARG, NULL},
    {"tostring", RN_FIRST_ARG, NULL},
    {"totime", RN_FIRST_ARG, NULL},
    {"totimespan", RN_FIRST_ARG, NULL},
    {"treepath", RN_PREFIX_AND_FIRST_ARG, "tree"},
};

#define RN_COUNT (sizeof rn_table / sizeof rn_table[0])

/* strcmp of the NUL-terminated a against b[0..n). */
static int rn_cmp(const char *a, const char *b, size_t n)
{
    int c = strncmp(a, b, n);
    if (c)
        return c;
    return a[n] != '\0';
}

int result_name_kind(const char *name, size_t len, const char **prefix)
{
    size_t lo = 0, hi = RN_COUNT;
    if (prefix)
        *prefix = NULL;
    if (!name || memchr(name, '\0', len))
        return RN_NONE;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = rn_cmp(rn_table[mid].name, name, len);
        if (c == 0) {
            if (prefix)
                *prefix = rn_table[mid].prefix;
            return rn_table[mid].kind;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return RN_NONE;
}
