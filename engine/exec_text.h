/* engine/exec_text.h — helpers shared by the operators that turn text into
 * typed columns: parse / parse-where (exec_parse.c), parse-kv
 * (exec_parse_kv.c) and externaldata (exec_externaldata.c).
 *
 * They all extract substrings and convert them to a column's declared type
 * the way KQL's to<type>() functions do; a failed conversion is null. The
 * one exception to expr_cast is dynamic: text becomes its parsed JSON value
 * (like todynamic/parse_json), or a JSON string when it is not JSON.
 */
#ifndef HUNT_EXEC_TEXT_H
#define HUNT_EXEC_TEXT_H

#include "engine.h"

/* Converts a string vector to type t (memory from a). Returns 0, or -1 with
 * q's error set. Nulls and failed conversions are null in out; a string
 * result is never null. */
int text_convert(qctx *q, harena *a, const hvec *strs, htype t, hvec *out);

/* The string value of an option (AST_LITERAL string or AST_IDENT); false
 * when the option node holds something else. */
bool text_opt_str(const ast *opt, hstr *out);

/* Appends a new operator output column or replaces one of the same name
 * (as extend does); returns its index. */
int text_schema_put(hschema *s, const char *name, htype t);

#endif
