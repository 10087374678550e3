/* grammar/kql_lex.re — the KQL tokenizer (re2c).
 *
 * kql_lex finds the next token at or after pos and returns its TK_ code
 * (kql_parse.h, generated from kql_parse.y by lemon) with its byte span; it
 * copies nothing. Whitespace (NBSP included) and `//` comments are skipped.
 * The text must have a NUL at src[n]: that sentinel ends the input, and a NUL
 * before it is an illegal character.
 *
 * Classes of tokens that the grammar treats alike share one code: every
 * comparison and string operator (== has !contains_cs ...) is TK_CMP, the
 * `in` family (in !in in~ !in~ has_any has_all) TK_INOP, every string
 * literal form TK_STRING, and a typed literal (datetime(...), dynamic(...),
 * long(...), ...) one TK_TYPEDLIT token that spans up to its closing paren.
 * The parser reads the operator or the value back from the token text.
 *
 * Two words depend on what follows: `range` followed by `(` is the range()
 * function (an identifier), not the range source; `Name*` followed by `,` `|`
 * `)` `;` or the end is a wildcard table name (TK_WILD), not a product (unless it
 * follows `=`: `withsource=T*` names the source column T, then `*` all tables).
 *
 * Errors come back as tokens: TK_ILLEGAL (a character KQL does not use),
 * TK_UNTERM (a string or typed literal that does not end) and TK_UNSUPOP (a
 * hyphenated operator KQL has and hunt does not parse, e.g. make-graph).
 */
#include <stddef.h>

#include "kql_parse.h"

int kql_lex(const char *src, int n, int pos, int *start, int *len);

typedef const unsigned char *uptr;

/* The first byte at or after p that is not a blank (NBSP counts as blank). */
static uptr skip_blanks(uptr p) {
    for (;;) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        else if (p[0] == 0xC2 && p[1] == 0xA0)
            p += 2;
        else
            return p;
    }
}

/* Skips a quoted string starting at p (p[0] is the quote); returns the byte
 * after it, or NULL when the string is unterminated. */
static uptr skip_quoted(uptr p) {
    unsigned char q = *p++;
    while (*p && *p != q) {
        if (*p == '\\' && p[1])
            p++;
        p++;
    }
    return *p ? p + 1 : NULL;
}

/* From just after the '(' of a typed literal, finds its closing paren,
 * honouring nested brackets and strings; returns the byte after it or NULL. */
static uptr skip_raw(uptr p) {
    int depth = 1;
    while (*p) {
        if ((p[0] == '`' || p[0] == '~') && p[1] == p[0] && p[2] == p[0]) {
            unsigned char q = p[0]; /* ```multi-line``` or ~~~ string */
            for (p += 3; *p && !(p[0] == q && p[1] == q && p[2] == q); p++)
                ;
            if (!*p)
                return NULL;
            p += 3;
            continue;
        }
        if (*p == '@' && (p[1] == '"' || p[1] == '\'')) {
            unsigned char q = p[1];
            for (p += 2; *p && !(*p == q && p[1] != q); p += (*p == q) ? 2 : 1)
                ;
            if (!*p)
                return NULL;
            p++;
            continue;
        }
        if (*p == '"' || *p == '\'') {
            p = skip_quoted(p);
            if (!p)
                return NULL;
            continue;
        }
        if (*p == '(' || *p == '[' || *p == '{')
            depth++;
        else if ((*p == ')' || *p == ']' || *p == '}') && --depth == 0)
            return p + 1;
        p++;
    }
    return NULL;
}

/* True when a wildcard name ending at p is followed by a list separator. */
static int ends_name_list(uptr p) {
    p = skip_blanks(p);
    return *p == 0 || *p == ',' || *p == '|' || *p == ')' || *p == ';';
}

/* True when the last non-blank byte before tok is '=' (withsource=T*: the
 * option value is T, the * that follows is a union leg). */
static int after_assign(uptr base, uptr tok) {
    while (tok > base && (tok[-1] == ' ' || tok[-1] == '\t' || tok[-1] == '\n' || tok[-1] == '\r'))
        tok--;
    return tok > base && tok[-1] == '=';
}

int kql_lex(const char *src, int n, int pos, int *start, int *len) {
    uptr base = (uptr)src, cur = base + pos, mar, tok;
    int code;
again:
    tok = cur;
    /*!re2c
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYCURSOR = cur;
    re2c:define:YYMARKER = mar;
    re2c:yyfill:enable = 0;

    idstart = [A-Za-z_\xC3-\xE1\xE3-\xF4];
    idchar  = [A-Za-z0-9_\x80-\xBF\xC3-\xE1\xE3-\xF4];
    ident   = idstart idchar*;
    dqs     = ["] ([^"\\\n\x00] | [\\] [^\n\x00])* ["];
    sqs     = ['] ([^'\\\n\x00] | [\\] [^\n\x00])* ['];
    vdq     = [@] ["] ([^"\x00] | ["]["])* ["];
    vsq     = [@] ['] ([^'\x00] | [']['])* ['];
    onestr  = dqs | sqs | vdq | vsq;
    mlstr   = "```" ([^`\x00] | [`][^`\x00] | [`][`][^`\x00])* "```"
            | "~~~" ([^~\x00] | [~][^~\x00] | [~][~][^~\x00])* "~~~";
    dec     = [0-9]+;
    real    = dec "." dec ([eE] [+-]? dec)? | dec [eE] [+-]? dec;
    unit    = "d" | "day" | "days" | "h" | "hr" | "hrs" | "hour" | "hours"
            | "m" | "min" | "minute" | "minutes" | "s" | "sec" | "second" | "seconds"
            | "ms" | "milli" | "millis" | "millisecond" | "milliseconds"
            | "microsecond" | "microseconds" | "tick" | "ticks";
    tyname  = "datetime" | "date" | "timespan" | "time" | "guid" | "uuid" | "uniqueid"
            | "dynamic" | "int" | "long" | "real" | "double" | "decimal" | "bool"
            | "boolean" | "int64" | "int32";
    blank   = [ \t\r\n\f\v] | "\xC2\xA0" | "\xE2\x80" [\x80-\x8B\xAF] | "\xEF\xBB\xBF";

    [\x00]          { if (tok - base >= n) { *start = n; *len = 0; return 0; }
                      code = TK_ILLEGAL; goto done; }
    blank+          { goto again; }
    "//" [^\n\x00]* { goto again; }

    onestr          { code = TK_STRING; goto done; }
    [hH] onestr     { code = TK_STRING; goto done; }
    mlstr           { code = TK_STRING; goto done; }
    [hH]? ["] ([^"\\\n\x00] | [\\] [^\n\x00])* [\\]?  { code = TK_UNTERM; goto done; }
    [hH]? ['] ([^'\\\n\x00] | [\\] [^\n\x00])* [\\]?  { code = TK_UNTERM; goto done; }
    [hH]? [@] ["']  { code = TK_UNTERM; goto done; }
    "```" | "~~~"   { code = TK_UNTERM; goto done; }

    dec | "0" [xX] [0-9a-fA-F]+ | real  { code = TK_NUMBER; goto done; }
    dec "." / [^.0-9]                   { code = TK_NUMBER; goto done; }
    (dec | dec "." dec) unit            { code = TK_TIMESPAN; goto done; }
    tyname blank* "("  { cur = skip_raw(cur);
                         if (!cur) { cur = tok + 1; code = TK_UNTERM; goto done; }
                         code = TK_TYPEDLIT; goto done; }

    "|"  { code = TK_BAR; goto done; }
    ";"  { code = TK_SEMI; goto done; }
    ","  { code = TK_COMMA; goto done; }
    "("  { code = TK_LP; goto done; }
    ")"  { code = TK_RP; goto done; }
    "["  { code = TK_LBRACKET; goto done; }
    "]"  { code = TK_RBRACKET; goto done; }
    "{"  { code = TK_LBRACE; goto done; }
    "}"  { code = TK_RBRACE; goto done; }
    "."  { code = TK_DOT; goto done; }
    ".." { code = TK_DOTDOT; goto done; }
    ":"  { code = TK_COLON; goto done; }
    "=>" { code = TK_ARROW; goto done; }
    "="  { code = TK_ASSIGN; goto done; }
    "+"  { code = TK_PLUS; goto done; }
    "-"  { code = TK_MINUS; goto done; }
    "*"  { code = TK_STAR; goto done; }
    "/"  { code = TK_SLASH; goto done; }
    "%"  { code = TK_PERCENT; goto done; }
    "==" | "!=" | "<>" | "=~" | "!~" | "<" | "<=" | ">" | ">="  { code = TK_CMP; goto done; }

    "!"? ("has" | "has_cs" | "hasprefix" | "hasprefix_cs" | "hassuffix" | "hassuffix_cs"
         | "contains" | "contains_cs" | "startswith" | "startswith_cs"
         | "endswith" | "endswith_cs")
    | "containscs" | "notcontains" | "notcontainscs"  { code = TK_CMP; goto done; }
    "in" | "!in" | "in~" | "!in~" | "has_any" | "has_all"  { code = TK_INOP; goto done; }
    "between" | "!between"  { code = TK_BETWEEN; goto done; }
    "matches"    { code = TK_MATCHES; goto done; }
    "regex"      { code = TK_REGEX; goto done; }
    "and"        { code = TK_AND; goto done; }
    "or"         { code = TK_OR; goto done; }
    'true'       { code = TK_TRUE; goto done; }
    'false'      { code = TK_FALSE; goto done; }

    "let"        { code = TK_LET; goto done; }
    "set"        { code = TK_SET; goto done; }
    "view"       { code = TK_VIEW; goto done; }
    "where"      { code = TK_WHERE; goto done; }
    "filter"     { code = TK_WHERE; goto done; }
    "project"    { code = TK_PROJECT; goto done; }
    "extend"     { code = TK_EXTEND; goto done; }
    "take"       { code = TK_TAKE; goto done; }
    "limit"      { code = TK_LIMIT; goto done; }
    "count"      { code = TK_COUNT; goto done; }
    "sort"       { code = TK_SORT; goto done; }
    "order"      { code = TK_SORT; goto done; }
    "by"         { code = TK_BY; goto done; }
    "top"        { code = TK_TOP; goto done; }
    "distinct"   { code = TK_DISTINCT; goto done; }
    "summarize"  { code = TK_SUMMARIZE; goto done; }
    "join"       { code = TK_JOIN; goto done; }
    "lookup"     { code = TK_LOOKUP; goto done; }
    "union"      { code = TK_UNION; goto done; }
    "parse"      { code = TK_PARSE; goto done; }
    "serialize"  { code = TK_SERIALIZE; goto done; }
    "as"         { code = TK_AS; goto done; }
    "render"     { code = TK_RENDER; goto done; }
    "getschema"  { code = TK_GETSCHEMA; goto done; }
    "invoke"     { code = TK_INVOKE; goto done; }
    "sample"     { code = TK_SAMPLE; goto done; }
    "search"     { code = TK_SEARCH; goto done; }
    "evaluate"   { code = TK_EVALUATE; goto done; }
    "scan"       { code = TK_SCAN; goto done; }
    "reduce"     { code = TK_REDUCE; goto done; }
    "print"      { code = TK_PRINT; goto done; }
    "range"      { code = *skip_blanks(cur) == '(' ? TK_ID : TK_RANGE; goto done; }
    "datatable"  { code = TK_DATATABLE; goto done; }
    "externaldata" { code = TK_EXTERNALDATA; goto done; }
    "on"         { code = TK_ON; goto done; }
    "with"       { code = TK_WITH; goto done; }
    "of"         { code = TK_OF; goto done; }
    "from"       { code = TK_FROM; goto done; }
    "to"         { code = TK_TO; goto done; }
    "step"       { code = TK_STEP; goto done; }
    "asc"        { code = TK_ASC; goto done; }
    "desc"       { code = TK_DESC; goto done; }
    "granny-asc" { code = TK_ASC; goto done; }
    "granny-desc" { code = TK_DESC; goto done; }
    "nulls"      { code = TK_NULLS; goto done; }
    "first"      { code = TK_FIRST; goto done; }
    "last"       { code = TK_LAST; goto done; }
    "kind" | "withsource" | "with_source"  { code = TK_OPTKW; goto done; }
    "isfuzzy" | "bagexpansion" | "with_itemindex" | "flags"  { code = TK_OPTKW; goto done; }
    "default"    { code = TK_DEFAULT; goto done; }
    "others"     { code = TK_OTHERS; goto done; }
    "typeof"     { code = TK_TYPEOF; goto done; }
    "hint." ident  { code = TK_OPTKW; goto done; }

    "project-away"     { code = TK_PROJECT_AWAY; goto done; }
    "project-keep"     { code = TK_PROJECT_KEEP; goto done; }
    "project-rename"   { code = TK_PROJECT_RENAME; goto done; }
    "project-reorder"  { code = TK_PROJECT_REORDER; goto done; }
    "mv-expand" | "mvexpand"  { code = TK_MV_EXPAND; goto done; }
    "mv-apply" | "mvapply"    { code = TK_MV_APPLY; goto done; }
    "parse-where"      { code = TK_PARSE_WHERE; goto done; }
    "parse-kv"         { code = TK_PARSE_KV; goto done; }
    "make-series"      { code = TK_MAKE_SERIES; goto done; }
    "top-nested"       { code = TK_TOP_NESTED; goto done; }
    "top-hitters"      { code = TK_TOP_HITTERS; goto done; }
    "sample-distinct"  { code = TK_SAMPLE_DISTINCT; goto done; }
    "project-by-names" { code = TK_PROJECT_BY_NAMES; goto done; }
    "make-graph" | "graph-match" | "graph-shortest-paths" | "graph-merge" | "graph-to-table"
    | "graph-mark-components" | "execute-and-cache" | "assert-schema"
    | "macro-expand" | "project-smart"  { code = TK_UNSUPOP; goto done; }

    "$" ident    { code = TK_ID; goto done; }
    [0-9]+ [A-Za-z_] idchar*  { code = TK_ID; goto done; }
    ident "*" [A-Za-z0-9_*]*  { if (cur[-1] == '*' && ends_name_list(cur)
                                    && !after_assign(base, tok)) {
                                    code = TK_WILD; goto done; }
                                cur = tok; goto ident; }
    ident        { code = TK_ID; goto done; }
    *            { code = TK_ILLEGAL; goto done; }
    */
ident:
    /*!re2c
    ident { code = TK_ID; goto done; }
    *     { code = TK_ILLEGAL; goto done; }
    */
done:
    *start = (int)(tok - base);
    *len = (int)(cur - tok);
    return code;
}
