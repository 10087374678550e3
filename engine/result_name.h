/* engine/result_name.h — how Kusto names the column of an unnamed call to a
 * built-in scalar function (`extend strlen(Name)` makes strlen_Name,
 * `summarize by tostring(x)` makes x, `extend toupper(s)` makes Column1).
 *
 * Each built-in function has a result-name kind, declared with the function
 * in Kusto.Language (Functions.cs). The kinds, for a call f(a, ...) where
 * name(a) is the name its first argument would get on its own (a column
 * name, x.a.b → x_a_b, or that of a nested call; none for other expressions):
 *   RN_NONE                  ColumnN, the default for a function not listed
 *   RN_NAME_AND_FIRST_ARG    f + "_" + name(a), "f_" without arguments
 *   RN_PREFIX_AND_FIRST_ARG  prefix + "_" + name(a), "prefix_" without
 *   RN_FIRST_ARG             name(a)
 *   RN_ONLY_ARG              name(a) when a is the only argument, else ColumnN
 *   RN_PREFIX_ONLY           the prefix as it is ("$IngestionTime")
 *   RN_FIRST_ARG_VALUE_IF_COLUMN  the string value of a when the input has a
 *                            column of that name (column_ifexists), else ColumnN
 * With the *_AND_FIRST_ARG kinds Kusto keeps the underscore when name(a) is
 * empty: strlen("abc") is named strlen_.
 */
#ifndef HUNT_RESULT_NAME_H
#define HUNT_RESULT_NAME_H

#include <stddef.h>

enum {
    RN_NONE,
    RN_NAME_AND_FIRST_ARG,
    RN_PREFIX_AND_FIRST_ARG,
    RN_FIRST_ARG,
    RN_ONLY_ARG,
    RN_PREFIX_ONLY,
    RN_FIRST_ARG_VALUE_IF_COLUMN,
};

/* The result-name kind of scalar function name[0..len) (exact case), RN_NONE
 * when it is not a built-in with another kind. *prefix (when prefix is not
 * NULL) is set to the kind's prefix, or NULL when it has none. */
int result_name_kind(const char *name, size_t len, const char **prefix);

#endif
