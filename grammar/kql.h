/* grammar/kql.h — the KQL front end: query text in, syntax tree out.
 *
 * kql_parse runs the re2c lexer (kql_lex.re) and feeds the lemon parser
 * (kql_parse.y) token by token, the way SQLite's sqlite3RunParser does.
 * Tokens are offsets into the query text; line and column are computed only
 * when an error is reported (hunt_error in include/hunt.h).
 *
 * Errors: a syntax error names the unexpected token ("syntax error: unexpected
 * 'wher'"); an operator that KQL has but hunt does not yet support is reported
 * as such ("operator 'make-graph' is not supported yet") with its span, so a
 * user never sees a generic syntax error for a valid query.
 */
#ifndef HUNT_KQL_H
#define HUNT_KQL_H

#include "ast.h"

typedef struct kql_error {
    int code; /* HUNT_ESYNTAX or HUNT_EUNSUPPORTED (include/hunt.h) */
    char msg[256];
    int off, len; /* byte span of the offending token */
} kql_error;

/* Parses a whole query script. Returns its AST_SCRIPT node (memory from a),
 * or NULL with *err filled. */
ast *kql_parse(harena *a, const char *src, size_t n, kql_error *err);

/* The implicit statement separator (kql.c): queries pasted one after another
 * without ';' (as the Log Analytics and Defender editors keep them, apart by
 * blank lines). Only when the text does not parse as written: a virtual ';'
 * is fed before a token that starts one of the last lines (outside brackets)
 * up to the error, and the text parsed again; the split stays when the parse
 * then gets past the error's line. Up to KQL_MAX_SPLITS times. off[] holds
 * the byte offsets (ascending) of the tokens that start a new statement so;
 * they stand even when the parse then fails further on (*err says where). */
#define KQL_MAX_SPLITS 128
#define KQL_SPLIT_TRIES 3 /* line starts tried before one error */
typedef struct kql_splits {
    int n;
    int off[KQL_MAX_SPLITS];
} kql_splits;

/* kql_parse with the implicit separator; splits (not NULL) is filled. */
ast *kql_parse_split(harena *a, const char *src, size_t n, kql_error *err, kql_splits *splits);

#endif
