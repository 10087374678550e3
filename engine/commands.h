/* engine/commands.h — table schemas declared by the user, stored functions
 * and watchlists (engine/commands.c).
 *
 *   - Control commands in a script: `.create table T (Col:type, ...)`,
 *     `.create-merge table`, `.alter table`, `.drop table T [ifexists]`,
 *     `.create[-or-alter] function [with (...)] F(params) { body }`,
 *     `.drop function F`. cmd_apply runs them before the script is parsed
 *     and blanks their text (offsets of the rest stay right).
 *   - Schema files (hunt --schema FILE): JSON, {"Table": {"Col": "type"}}
 *     and the other layouts README.md, "Table schemas" lists.
 *   - Watchlists (hunt --watchlist NAME=PATH): a CSV/TSV/JSON list loaded as
 *     the table _GetWatchlist('NAME') returns.
 *
 * Stored functions and watchlists are catalog tables with a ':' in their
 * name (no KQL identifier has one): "__fn:F" holds the text of F's
 * definition in one string cell, "__wl:NAME" the watchlist's rows.
 */
#ifndef HUNT_COMMANDS_H
#define HUNT_COMMANDS_H

#include "engine.h"

#define CMD_FN_PREFIX "__fn:"
#define CMD_WL_PREFIX "__wl:"

/* Runs the control commands of the script [*src, *src + len): each is
 * applied to c (or, with HUNT_PARSE_ONLY in flags, only checked) and its
 * text replaced by blanks in a copy (from a) that becomes *src. When the
 * script has no commands *src is left as it is. *only_commands tells that
 * nothing but commands, blanks and comments remain. Returns 0, or -1 with
 * err filled (code, message, offset and length; line/column left 0). */
int cmd_apply(hcatalog *c, harena *a, const char **src, size_t len, int flags, bool *only_commands,
              hunt_error *err);

/* Declares table name with schema s: creates it, or replaces the schema of
 * an empty table (merge: adds the missing columns instead). A table that
 * holds rows keeps them: its schema must then be the same (or, with merge,
 * only grow). Returns 0, or -1 with msg written. */
int cmd_define_table(hcatalog *c, const char *name, const hschema *s, bool merge, char *msg,
                     size_t cap);

/* Reads a schema file's JSON text (name is used in messages) and declares
 * every table in it. Returns the number of tables, or -1 with msg. */
int cmd_load_schema_json(hcatalog *c, const char *name, const char *text, size_t n, char *msg,
                         size_t cap);

/* The text "(params) { body }" of stored function name, else of the
 * built-in ASIM parser of that name (tables/asim.c), else NULL. */
const char *cmd_function_text(const hcatalog *c, const char *name, size_t n);

/* The table of watchlist alias name (NULL when none is loaded). */
htable *cmd_watchlist(const hcatalog *c, const char *name, size_t n);

/* A KQL type name (and the .NET / Log Analytics spellings: String, Int64,
 * DateTime, Object, ...) to its type; HT_UNKNOWN when none. */
htype cmd_type_from_name(const char *s, size_t n);

#endif
