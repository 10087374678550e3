/* tests/unit/test_parse.c — checks the KQL front end (grammar/): every
 * construct the parser accepts, compared as the S-expression dump of its tree
 * (ast_dump), the error records of bad queries (code, message, span), a few
 * tree details the dump does not show (spans, option lookup, names), and that
 * no prefix of a long query crashes the parser. Prints one line per failed
 * check, then "N passed, N failed"; exits non-zero when any failed.
 */
#include "grammar/kql.h"
#include "include/hunt.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK(q, want) ok_is(q, want, __LINE__)
#define ERR(q, code, msg, off, len) err_is(q, code, msg, off, len, __LINE__)

/* Parses q and compares the dump of its tree with want. */
static void ok_is(const char *q, const char *want, int line)
{
    harena a;
    arena_init(&a);
    kql_error e;
    ast *t = kql_parse(&a, q, strlen(q), &e);
    char *got = t ? ast_dump(t) : NULL;
    if (got && strcmp(got, want) == 0) {
        npass++;
    } else {
        nfail++;
        printf("%s:%d: %s\n  expected %s\n  got      %s\n", __FILE__, line, q, want,
               got ? got : e.msg);
    }
    free(got);
    arena_free(&a);
}

/* Parses q and checks that it fails with that code, message and span. */
static void err_is(const char *q, int code, const char *msg, int off, int len, int line)
{
    harena a;
    arena_init(&a);
    kql_error e;
    ast *t = kql_parse(&a, q, strlen(q), &e);
    if (!t && e.code == code && strcmp(e.msg, msg) == 0 && e.off == off && e.len == len) {
        npass++;
    } else {
        nfail++;
        char *got = t ? ast_dump(t) : NULL;
        printf("%s:%d: %s\n  expected error %d '%s' at %d+%d\n  got      ", __FILE__, line, q, code,
               msg, off, len);
        if (got)
            printf("%s\n", got);
        else
            printf("error %d '%s' at %d+%d\n", e.code, e.msg, e.off, e.len);
        free(got);
    }
    arena_free(&a);
}

static void test_queries(void)
{
    OK("T | where a == 1",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY == (IDENT a) (LITERAL long 1)))))");
    OK("T | filter x > 2 and y < 3 or z",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY or (BINARY and (BINARY > (IDENT x) (LITERAL"
       " long 2)) (BINARY < (IDENT y) (LITERAL long 3))) (IDENT z)))))");
    OK("T | where a + b * c - d / e % f == -g",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY == (BINARY - (BINARY + (IDENT a) (BINARY *"
       " (IDENT b) (IDENT c))) (BINARY % (BINARY / (IDENT d) (IDENT e)) (IDENT f))) (UNARY -"
       " (IDENT g))))))");
    OK("T | where x has \"a\" and x !has 'b' and x has_cs \"c\" and x !contains_cs \"d\"",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY and (BINARY and (BINARY and (BINARY has (IDENT"
       " x) (LITERAL string \"a\")) (BINARY !has (IDENT x) (LITERAL string \"b\"))) (BINARY"
       " has_cs (IDENT x) (LITERAL string \"c\"))) (BINARY !contains_cs (IDENT x) (LITERAL"
       " string \"d\"))))))");
    OK("T | where x =~ \"a\" or x !~ \"b\" or x != 1 or x <> 2 or x >= 3 or x <= 4",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY or (BINARY or (BINARY or (BINARY or (BINARY or"
       " (BINARY =~ (IDENT x) (LITERAL string \"a\")) (BINARY !~ (IDENT x) (LITERAL string"
       " \"b\"))) (BINARY != (IDENT x) (LITERAL long 1))) (BINARY != (IDENT x) (LITERAL long"
       " 2))) (BINARY >= (IDENT x) (LITERAL long 3))) (BINARY <= (IDENT x) (LITERAL long"
       " 4))))))");
    OK("T | where x startswith \"a\" and x !endswith_cs \"b\" and x hasprefix \"c\" and x"
       " !hassuffix_cs \"d\"",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY and (BINARY and (BINARY and (BINARY startswith"
       " (IDENT x) (LITERAL string \"a\")) (BINARY !endswith_cs (IDENT x) (LITERAL string"
       " \"b\"))) (BINARY hasprefix (IDENT x) (LITERAL string \"c\"))) (BINARY !hassuffix_cs"
       " (IDENT x) (LITERAL string \"d\"))))))");
    OK("T | where x matches regex \"^a.*\"",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY matches regex (IDENT x) (LITERAL string"
       " \"^a.*\")))))");
    OK("T | where x in (1, 2) and y !in (\"a\") and z in~ (\"b\") and w !in~ (\"c\")",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY and (BINARY and (BINARY and (IN in (IDENT x)"
       " (LITERAL long 1) (LITERAL long 2)) (IN !in (IDENT y) (LITERAL string \"a\"))) (IN"
       " in~ (IDENT z) (LITERAL string \"b\"))) (IN !in~ (IDENT w) (LITERAL string \"c\"))))))");
    OK("T | where x has_any (list) and y has_all (\"a\", \"b\")",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY and (IN has_any (IDENT x) (IDENT list)) (IN"
       " has_all (IDENT y) (LITERAL string \"a\") (LITERAL string \"b\"))))))");
    OK("T | where x in (S | project y)",
       "(SCRIPT (PIPE (IDENT T) (WHERE (IN in (IDENT x) (PIPE (IDENT S) (PROJECT (IDENT"
       " y)))))))");
    OK("T | where x between (1 .. 10) and y !between (datetime(2020-01-01) .. 1d)",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY and (BETWEEN between (IDENT x) (LITERAL long"
       " 1) (LITERAL long 10)) (BETWEEN !between (IDENT y) (LITERAL datetime raw"
       " \"2020-01-01\") (LITERAL timespan 864000000000))))))");
    OK("T | where * has \"x\"",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY has (STAR) (LITERAL string \"x\")))))");
    OK("T | project a, b = c, ['d e'] = f, [\"g\"]",
       "(SCRIPT (PIPE (IDENT T) (PROJECT (IDENT a) (NAMED b (IDENT c)) (NAMED \"d e\" (IDENT"
       " f)) (IDENT g))))");
    OK("T | extend (a, b) = f(x), c = x.y.z, d = x[\"k\"], e = x[0], g = x.[0]",
       "(SCRIPT (PIPE (IDENT T) (EXTEND (NAMED \"\" (CALL f (IDENT x)) (IDENT a) (IDENT b))"
       " (NAMED c (MEMBER z (MEMBER y (IDENT x)))) (NAMED d (INDEX (IDENT x) (LITERAL string"
       " \"k\"))) (NAMED e (INDEX (IDENT x) (LITERAL long 0))) (NAMED g (INDEX (IDENT x)"
       " (LITERAL long 0))))))");
    OK("T | project-away a, b*, *_s",
       "(SCRIPT (PIPE (IDENT T) (PROJECT_AWAY (IDENT a) (IDENT b*) (IDENT *_s))))");
    OK("T | project-keep a*", "(SCRIPT (PIPE (IDENT T) (PROJECT_KEEP (IDENT a*))))");
    OK("T | project-rename n = o, ['x y'] = z",
       "(SCRIPT (PIPE (IDENT T) (PROJECT_RENAME (NAMED n (IDENT o)) (NAMED \"x y\" (IDENT"
       " z)))))");
    OK("T | project-reorder b asc, a*",
       "(SCRIPT (PIPE (IDENT T) (PROJECT_REORDER (SORTKEY asc (IDENT b)) (SORTKEY (IDENT"
       " a*)))))");
    OK("T | take 10 | limit 5",
       "(SCRIPT (PIPE (IDENT T) (TAKE (LITERAL long 10)) (TAKE (LITERAL long 5))))");
    OK("T | count", "(SCRIPT (PIPE (IDENT T) (COUNT)))");
    OK("T | sort by a asc, b desc nulls first, c nulls last",
       "(SCRIPT (PIPE (IDENT T) (SORT (SORTKEY asc (IDENT a)) (SORTKEY desc nulls-first"
       " (IDENT b)) (SORTKEY nulls-last (IDENT c)))))");
    OK("T | order by a", "(SCRIPT (PIPE (IDENT T) (SORT (SORTKEY (IDENT a)))))");
    OK("T | top 10 by a desc",
       "(SCRIPT (PIPE (IDENT T) (TOP (LITERAL long 10) (SORTKEY desc (IDENT a)))))");
    OK("T | distinct a, b", "(SCRIPT (PIPE (IDENT T) (DISTINCT (IDENT a) (IDENT b))))");
    OK("T | distinct *", "(SCRIPT (PIPE (IDENT T) (DISTINCT (STAR))))");
    OK("T | summarize count() by a",
       "(SCRIPT (PIPE (IDENT T) (SUMMARIZE (LIST (CALL count)) (LIST (IDENT a)))))");
    OK("T | summarize n = count(), dcount(x) by bin(t, 1h), k = b",
       "(SCRIPT (PIPE (IDENT T) (SUMMARIZE (LIST (NAMED n (CALL count)) (CALL dcount (IDENT"
       " x))) (LIST (CALL bin (IDENT t) (LITERAL timespan 36000000000)) (NAMED k (IDENT"
       " b))))))");
    OK("T | summarize by a, b",
       "(SCRIPT (PIPE (IDENT T) (SUMMARIZE (LIST) (LIST (IDENT a) (IDENT b)))))");
    OK("T | summarize hint.shufflekey = a arg_max(t, *) by a",
       "(SCRIPT (PIPE (IDENT T) (SUMMARIZE (OPTION hint.shufflekey (IDENT a)) (LIST (CALL"
       " arg_max (IDENT t) (STAR))) (LIST (IDENT a)))))");
    OK("T | summarize (t, v) = arg_max(t, v) by k",
       "(SCRIPT (PIPE (IDENT T) (SUMMARIZE (LIST (NAMED \"\" (CALL arg_max (IDENT t) (IDENT"
       " v)) (IDENT t) (IDENT v))) (LIST (IDENT k)))))");
    OK("T | join kind=inner (S | where x) on a, $left.b == $right.c and $left.d == $right.e",
       "(SCRIPT (PIPE (IDENT T) (JOIN (OPTION kind (IDENT inner)) (PIPE (IDENT S) (WHERE"
       " (IDENT x))) (IDENT a) (BINARY == (MEMBER b (IDENT $left)) (MEMBER c (IDENT $right)))"
       " (BINARY == (MEMBER d (IDENT $left)) (MEMBER e (IDENT $right))))))");
    OK("T | join hint.strategy=broadcast S on a",
       "(SCRIPT (PIPE (IDENT T) (JOIN (OPTION hint.strategy (IDENT broadcast)) (IDENT S)"
       " (IDENT a))))");
    OK("T | lookup kind=leftouter S on k",
       "(SCRIPT (PIPE (IDENT T) (LOOKUP (OPTION kind (IDENT leftouter)) (IDENT S) (IDENT k))))");
    OK("T | union S, (R | where x), Cloud*",
       "(SCRIPT (PIPE (IDENT T) (UNION op (IDENT S) (PIPE (IDENT R) (WHERE (IDENT x))) (IDENT"
       " Cloud*))))");
    OK("union kind=outer withsource=Src isfuzzy=true T, S",
       "(SCRIPT (UNION (OPTION kind (IDENT outer)) (OPTION withsource (IDENT Src)) (OPTION"
       " isfuzzy (LITERAL bool true)) (IDENT T) (IDENT S)))");
    OK("union withsource=Src *", "(SCRIPT (UNION (OPTION withsource (IDENT Src)) (STAR)))");
    OK("T | mv-expand kind=array bagexpansion=bag with_itemindex=i a, b = c to typeof(string)"
       " limit 100",
       "(SCRIPT (PIPE (IDENT T) (MV_EXPAND (OPTION kind (IDENT array)) (OPTION bagexpansion"
       " (IDENT bag)) (OPTION with_itemindex (IDENT i)) (OPTION limit (LITERAL long 100))"
       " (MVCOL (IDENT a)) (MVCOL:string (NAMED b (IDENT c))))))");
    OK("T | mvexpand x", "(SCRIPT (PIPE (IDENT T) (MV_EXPAND (MVCOL (IDENT x)))))");
    OK("T | mv-apply x to typeof(long) on (top 1 by x | project x)",
       "(SCRIPT (PIPE (IDENT T) (MV_APPLY (LIST (MVCOL:long (IDENT x))) (PIPE nil (TOP"
       " (LITERAL long 1) (SORTKEY (IDENT x))) (PROJECT (IDENT x))))))");
    OK("T | mv-apply with_itemindex=i e = d on (summarize sum(e))",
       "(SCRIPT (PIPE (IDENT T) (MV_APPLY (OPTION with_itemindex (IDENT i)) (LIST (MVCOL"
       " (NAMED e (IDENT d)))) (PIPE nil (SUMMARIZE (LIST (CALL sum (IDENT e))) (LIST))))))");
    OK("T | parse x with * \"a=\" a:long \" b=\" b *",
       "(SCRIPT (PIPE (IDENT T) (PARSE (IDENT x) (STAR) (LITERAL string \"a=\") (COLDEF"
       " a:long) (LITERAL string \" b=\") (COLDEF b:string) (STAR))))");
    OK("T | parse kind=regex flags=Ui x with \"(\" a \")\"",
       "(SCRIPT (PIPE (IDENT T) (PARSE (OPTION kind (IDENT regex)) (OPTION flags (IDENT Ui))"
       " (IDENT x) (LITERAL string \"(\") (COLDEF a:string) (LITERAL string \")\"))))");
    OK("T | parse-where x with \"a\" y",
       "(SCRIPT (PIPE (IDENT T) (PARSE_WHERE (IDENT x) (LITERAL string \"a\") (COLDEF"
       " y:string))))");
    OK("T | parse-kv x as (a:string, b:long) with (pair_delimiter=\",\", kv_delimiter=\"=\")",
       "(SCRIPT (PIPE (IDENT T) (PARSE_KV (OPTION pair_delimiter (LITERAL string \",\"))"
       " (OPTION kv_delimiter (LITERAL string \"=\")) (IDENT x) (SCHEMA (COLDEF a:string)"
       " (COLDEF b:long)))))");
    OK("T | make-series n = count() default = 0 on t from ago(1d) to now() step 1h by k",
       "(SCRIPT (PIPE (IDENT T) (MAKE_SERIES (LIST (NAMED n (CALL count) (LITERAL long 0)))"
       " (IDENT t) (CALL ago (LITERAL timespan 864000000000)) (CALL now) (LITERAL timespan"
       " 36000000000) (LIST (IDENT k)))))");
    OK("T | make-series avg(x) on t in range(a, b, 1h)",
       "(SCRIPT (PIPE (IDENT T) (MAKE_SERIES (LIST (NAMED \"\" (CALL avg (IDENT x)))) (IDENT"
       " t) (IDENT a) (IDENT b) (LITERAL timespan 36000000000) (LIST))))");
    OK("T | make-series sum(x) on t step 1d",
       "(SCRIPT (PIPE (IDENT T) (MAKE_SERIES (LIST (NAMED \"\" (CALL sum (IDENT x)))) (IDENT"
       " t) nil nil (LITERAL timespan 864000000000) (LIST))))");
    OK("T | serialize | serialize rn = row_number()",
       "(SCRIPT (PIPE (IDENT T) (SERIALIZE) (SERIALIZE (NAMED rn (CALL row_number)))))");
    OK("T | as hint.materialized=true X",
       "(SCRIPT (PIPE (IDENT T) (AS X (OPTION hint.materialized (LITERAL bool true)))))");
    OK("T | render timechart with (title=\"x\", ycolumns=a, b)",
       "(SCRIPT (PIPE (IDENT T) (RENDER timechart (OPTION title (LITERAL string \"x\"))"
       " (OPTION ycolumns (IDENT a) (IDENT b)))))");
    OK("T | render columnchart kind=stacked",
       "(SCRIPT (PIPE (IDENT T) (RENDER columnchart (OPTION kind (IDENT stacked)))))");
    OK("T | getschema", "(SCRIPT (PIPE (IDENT T) (GETSCHEMA)))");
    OK("T | invoke f(1)", "(SCRIPT (PIPE (IDENT T) (INVOKE (CALL f (LITERAL long 1)))))");
    OK("T | sample 5", "(SCRIPT (PIPE (IDENT T) (SAMPLE (LITERAL long 5))))");
    OK("T | sample-distinct 3 of x",
       "(SCRIPT (PIPE (IDENT T) (SAMPLE_DISTINCT (LITERAL long 3) (IDENT x))))");
    OK("T | top-nested 3 of a by sum(b), top-nested of c with others = \"o\" by n = count()"
       " desc",
       "(SCRIPT (PIPE (IDENT T) (TOP_NESTED (LIST (LITERAL long 3) (IDENT a) (CALL sum (IDENT"
       " b))) (LIST nil (IDENT c) (NAMED n (CALL count))))))");
    OK("T | top-hitters 5 of x by y",
       "(SCRIPT (PIPE (IDENT T) (TOP_HITTERS (LITERAL long 5) (IDENT x) (IDENT y))))");
    OK("T | search \"x\"", "(SCRIPT (PIPE (IDENT T) (SEARCH op (LITERAL string \"x\") nil)))");
    OK("T | evaluate bag_unpack(x, columnsConflict=\"keep_source\") : (a:string)",
       "(SCRIPT (PIPE (IDENT T) (EVALUATE bag_unpack (IDENT x) (NAMED columnsConflict"
       " (LITERAL string \"keep_source\")))))");
    OK("search kind=case_sensitive in (T, S*) \"x\"",
       "(SCRIPT (SEARCH (OPTION kind (IDENT case_sensitive)) (LITERAL string \"x\") (LIST"
       " (IDENT T) (IDENT S*))))");
    OK("search x == 1", "(SCRIPT (SEARCH (BINARY == (IDENT x) (LITERAL long 1)) nil))");
    OK("evaluate hint.distribution=per_node f(1)",
       "(SCRIPT (EVALUATE f (OPTION hint.distribution (IDENT per_node)) (LITERAL long 1)))");
    OK("print x = 1, \"a\", 2.5, 1e3, 0x10, true, False",
       "(SCRIPT (PRINT (NAMED x (LITERAL long 1)) (LITERAL string \"a\") (LITERAL real 2.5)"
       " (LITERAL real 1000) (LITERAL long 16) (LITERAL bool true) (LITERAL bool false)))");
    OK("print 1d, 2h, 30m, 10s, 100ms, 1.5h, 10microseconds, 5ticks, 2days, 3min",
       "(SCRIPT (PRINT (LITERAL timespan 864000000000) (LITERAL timespan 72000000000)"
       " (LITERAL timespan 18000000000) (LITERAL timespan 100000000) (LITERAL timespan"
       " 1000000) (LITERAL timespan 54000000000) (LITERAL timespan 100) (LITERAL timespan 5)"
       " (LITERAL timespan 1728000000000) (LITERAL timespan 1800000000)))");
    OK("print datetime(2020-01-01 10:00), timespan(1d), time(2h), guid(0000-00),"
       " dynamic({\"a\": [1, \")\"]}), dynamic(null), datetime(null)",
       "(SCRIPT (PRINT (LITERAL datetime raw \"2020-01-01 10:00\") (LITERAL timespan raw"
       " \"1d\") (LITERAL timespan raw \"2h\") (LITERAL guid raw \"0000-00\") (LITERAL"
       " dynamic raw \"{\\\"a\\\": [1, \\\")\\\"]}\") (LITERAL dynamic null) (LITERAL"
       " datetime null)))");
    OK("print int(5), long(-3), real(1.5), double(nan), decimal(2), bool(true), long(null),"
       " int(0xf090013d)",
       "(SCRIPT (PRINT (LITERAL int 5) (LITERAL long -3) (LITERAL real 1.5) (LITERAL real"
       " nan) (LITERAL real 2) (LITERAL bool true) (LITERAL long null) (LITERAL int"
       " -258997955)))");
    OK("print typeof(long), typeof(dynamic)", "(SCRIPT (PRINT (TYPEOF:long) (TYPEOF:dynamic)))");
    OK("print \"a\" \"b\" 'c', @\"c:\\x\"\"y\", h\"secret\", H'x', \"\\t\\n\\\\\\\"\\u00e9\","
       " ```multi\nline```",
       "(SCRIPT (PRINT (LITERAL string \"abc\") (LITERAL string \"c:\\\\x\\\"y\") (LITERAL"
       " string \"secret\") (LITERAL string \"x\") (LITERAL string"
       " \"\\t\\n\\\\\\\"\xc3\xa9"
       "\") (LITERAL string \"multi\\nline\")))");
    OK("range x from 1 to 10 step 2",
       "(SCRIPT (RANGE x (LITERAL long 1) (LITERAL long 10) (LITERAL long 2)))");
    OK("datatable (a:long, b:string) [1, \"x\", 2, \"y\",]",
       "(SCRIPT (DATATABLE (SCHEMA (COLDEF a:long) (COLDEF b:string)) (LITERAL long 1)"
       " (LITERAL string \"x\") (LITERAL long 2) (LITERAL string \"y\")))");
    OK("externaldata (a:string) [@\"https://x/y.csv\"] with (format=\"csv\","
       " ignoreFirstRecord=true)",
       "(SCRIPT (EXTERNALDATA (OPTION format (LITERAL string \"csv\")) (OPTION"
       " ignoreFirstRecord (LITERAL bool true)) (SCHEMA (COLDEF a:string)) (LITERAL string"
       " \"https://x/y.csv\")))");
    OK("let x = 5; let T = S | where a > x; T",
       "(SCRIPT (LET x (LITERAL long 5)) (LET T (PIPE (IDENT S) (WHERE (BINARY > (IDENT a)"
       " (IDENT x))))) (IDENT T))");
    OK("let f = (a:long, b:string = \"x\", T:(c:string), U:(*)) { let y = 1; T | where c == b"
       " };",
       "(SCRIPT (LET f (LAMBDA (LIST (PARAM a:long nil nil) (PARAM b:string nil (LITERAL"
       " string \"x\")) (PARAM tabular T (SCHEMA (COLDEF c:string)) nil) (PARAM tabular U"
       " (STAR) nil)) (SCRIPT (LET y (LITERAL long 1)) (PIPE (IDENT T) (WHERE (BINARY =="
       " (IDENT c) (IDENT b))))))))");
    OK("let v = view () { S };", "(SCRIPT (LET v (LAMBDA (LIST) (SCRIPT (IDENT S)))))");
    OK("set query_now = datetime(2020-01-01); set notruncation; T;",
       "(SCRIPT (SET query_now (LITERAL datetime raw \"2020-01-01\")) (SET notruncation nil)"
       " (IDENT T))");
    OK("T; S;", "(SCRIPT (IDENT T) (IDENT S))");
    OK("materialize(T | take 1) | count",
       "(SCRIPT (PIPE (CALL materialize (PIPE (IDENT T) (TAKE (LITERAL long 1)))) (COUNT)))");
    OK("table(\"T\") | count", "(SCRIPT (PIPE (CALL table (LITERAL string \"T\")) (COUNT)))");
    OK("print toscalar(T | count), f(*), count()",
       "(SCRIPT (PRINT (CALL toscalar (PIPE (IDENT T) (COUNT))) (CALL f (STAR)) (CALL count)))");
    OK("T | project kind, type, count, title, from, to, step, on, with, of, hint, by, default",
       "(SCRIPT (PIPE (IDENT T) (PROJECT (IDENT kind) (IDENT type) (IDENT count) (IDENT"
       " title) (IDENT from) (IDENT to) (IDENT step) (IDENT on) (IDENT with) (IDENT of)"
       " (IDENT hint) (IDENT by) (IDENT default))))");
    OK("print -x.y, - - 1, +1",
       "(SCRIPT (PRINT (UNARY - (MEMBER y (IDENT x))) (UNARY - (UNARY - (LITERAL long 1)))"
       " (UNARY + (LITERAL long 1))))");
    OK("(T | where a) | count", "(SCRIPT (PIPE (IDENT T) (WHERE (IDENT a)) (COUNT)))");
    OK("T | where x in (dyn)", "(SCRIPT (PIPE (IDENT T) (WHERE (IN in (IDENT x) (IDENT dyn)))))");
    OK("T | extend x = case(a, 1, 2)",
       "(SCRIPT (PIPE (IDENT T) (EXTEND (NAMED x (CALL case (IDENT a) (LITERAL long 1)"
       " (LITERAL long 2))))))");
    OK("T | where $left.x == 1",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY == (MEMBER x (IDENT $left)) (LITERAL long"
       " 1)))))");
    OK("T | extend y = x.$id, z = $table",
       "(SCRIPT (PIPE (IDENT T) (EXTEND (NAMED y (MEMBER $id (IDENT x))) (NAMED z (IDENT"
       " $table)))))");
}

static void test_errors(void)
{
    ERR("T | wher x == 1", HUNT_ESYNTAX, "syntax error: unexpected 'wher'", 4, 4);
    ERR("T | where", HUNT_ESYNTAX, "syntax error: unexpected end of query", 9, 0);
    ERR("T | where a == 1 |", HUNT_ESYNTAX, "syntax error: unexpected end of query", 18, 0);
    ERR("T | where x in (1,2", HUNT_ESYNTAX, "syntax error: unexpected end of query", 19, 0);
    ERR("let x = ;", HUNT_ESYNTAX, "syntax error: unexpected ';'", 8, 1);
    ERR("T | extend x:foo = 1", HUNT_ESYNTAX, "syntax error: unexpected ':'", 12, 1);
    ERR("T | where x == \"abc", HUNT_ESYNTAX, "syntax error: unterminated string literal", 15, 4);
    ERR("T | where x == 'a\\", HUNT_ESYNTAX, "syntax error: unterminated string literal", 15, 3);
    ERR("print @\"x", HUNT_ESYNTAX, "syntax error: unterminated string literal", 6, 2);
    ERR("print ```x", HUNT_ESYNTAX, "syntax error: unterminated string literal", 6, 3);
    ERR("T | where x # 1", HUNT_ESYNTAX, "syntax error: unexpected character '#'", 12, 1);
    ERR("T \\| count", HUNT_ESYNTAX, "syntax error: unexpected character '\\'", 2, 1);
    ERR("print \"a\" \x01", HUNT_ESYNTAX, "syntax error: unexpected character 0x01", 10, 1);
    ERR("print x = dynamic([1, 2", HUNT_ESYNTAX, "syntax error: missing ')' after 'dynamic('", 10,
        1);
    ERR("print int(abc)", HUNT_ESYNTAX, "syntax error: invalid int literal", 6, 8);
    ERR("print int(3000000000)", HUNT_ESYNTAX, "syntax error: invalid int literal", 6, 15);
    ERR("datatable (a:foo) [1]", HUNT_ESYNTAX, "syntax error: unknown type 'foo'", 13, 3);
    ERR("T | where <AccountId> == 1", HUNT_ESYNTAX, "syntax error: unexpected '<'", 10, 1);
    ERR("T | make-graph a --> b with N on id", HUNT_EUNSUPPORTED,
        "operator 'make-graph' is not supported yet", 4, 10);
    ERR("T | graph-match (a)-[e]->(b) project a", HUNT_EUNSUPPORTED,
        "operator 'graph-match' is not supported yet", 4, 11);
    ERR("G | graph-shortest-paths (a)-[e*1..3]->(b)", HUNT_EUNSUPPORTED,
        "operator 'graph-shortest-paths' is not supported yet", 4, 20);
    ERR("T | fork (take 1)", HUNT_EUNSUPPORTED, "operator 'fork' is not supported yet", 4, 4);
    ERR("T | facet by a", HUNT_EUNSUPPORTED, "operator 'facet' is not supported yet", 4, 5);
    OK("T | partition by a (take 1)",
       "(SCRIPT (PIPE (IDENT T) (PARTITION (IDENT a) (PIPE nil (TAKE (LITERAL long 1))))))");
    ERR("T | consume", HUNT_EUNSUPPORTED, "operator 'consume' is not supported yet", 4, 7);
    ERR("T | execute-and-cache", HUNT_EUNSUPPORTED,
        "operator 'execute-and-cache' is not supported yet", 4, 17);
    ERR("T | assert-schema (a:string)", HUNT_EUNSUPPORTED,
        "operator 'assert-schema' is not supported yet", 4, 13);
    ERR("macro-expand E as X (X | count)", HUNT_EUNSUPPORTED,
        "operator 'macro-expand' is not supported yet", 0, 12);
    OK("find in (T) where x == 1",
       "(SCRIPT (SEARCH op (BINARY == (IDENT x) (LITERAL long 1)) (LIST (IDENT T)) nil))");
    OK("let a = 1;\nfind \"x\"",
       "(SCRIPT (LET a (LITERAL long 1)) (SEARCH op (LITERAL string \"x\") nil nil))");
    OK("let find = 1; print find", "(SCRIPT (LET find (LITERAL long 1)) (PRINT (IDENT find)))");
    OK("declare query_parameters(x:long = 1); T",
       "(SCRIPT (LET x (CALL tolong (LITERAL long 1))) (IDENT T))");
    ERR("declare query_parameters(x:long); T", HUNT_EUNSUPPORTED,
        "query parameter 'x' has no default value; hunt runs without query parameters", 25, 6);
    ERR("declare x", HUNT_EUNSUPPORTED, "operator 'declare' is not supported yet", 0, 7);
    OK("T | search a:\"x\"", "(SCRIPT (PIPE (IDENT T) (SEARCH op (BINARY has (IDENT a) "
                             "(LITERAL string \"x\")) nil)))");
    /* scan, project-by-names, reduce (their contextual words stay names elsewhere) */
    OK("T | scan with_match_id=m order by ts asc partition by u declare (a:long=0, b:string) "
       "with (step s1 output=last: x == 1 => a = s1.a + 1, b = \"x\"; step s2: true)",
       "(SCRIPT (PIPE (IDENT T) (SCAN (OPTION with_match_id (IDENT m)) (LIST (PARAM a:long nil "
       "(LITERAL long 0)) (PARAM b:string nil nil)) (LIST (SORTKEY asc (IDENT ts))) (LIST (IDENT "
       "u)) (SCAN_STEP output=last s1 (BINARY == (IDENT x) (LITERAL long 1)) (NAMED a (BINARY + "
       "(MEMBER a (IDENT s1)) (LITERAL long 1))) (NAMED b (LITERAL string \"x\"))) (SCAN_STEP s2 "
       "(LITERAL bool true)))))");
    OK("T | scan with (step s: x == 1;)",
       "(SCRIPT (PIPE (IDENT T) (SCAN (LIST) (LIST) (LIST) (SCAN_STEP s (BINARY == (IDENT x) "
       "(LITERAL long 1))))))");
    OK("T | scan with (step s output=none: true => x = 1;;)",
       "(SCRIPT (PIPE (IDENT T) (SCAN (LIST) (LIST) (LIST) (SCAN_STEP output=none s (LITERAL bool "
       "true) (NAMED x (LITERAL long 1))))))");
    ERR("T | scan declar (a:long) with (step s: true)", HUNT_ESYNTAX,
        "syntax error: unexpected 'declar'", 9, 6);
    ERR("T | scan with (step s output=some: true)", HUNT_ESYNTAX, "syntax error: unexpected 'some'",
        29, 4);
    ERR("T | scan with ()", HUNT_ESYNTAX, "syntax error: unexpected ')'", 15, 1);
    OK("T | project-by-names \"a\", dynamic([\"b\"]), \"c*\", column_names_of(S)",
       "(SCRIPT (PIPE (IDENT T) (PROJECT_BY_NAMES (LITERAL string \"a\") (LITERAL dynamic raw "
       "\"[\\\"b\\\"]\") (LITERAL string \"c*\") (CALL column_names_of (IDENT S)))))");
    OK("T | reduce by s", "(SCRIPT (PIPE (IDENT T) (REDUCE (IDENT s))))");
    OK("T | reduce kind=source by s with threshold=0.5, characters=\"Z\"",
       "(SCRIPT (PIPE (IDENT T) (REDUCE (OPTION kind (IDENT source)) (OPTION threshold (LITERAL "
       "real 0.5)) (OPTION characters (LITERAL string \"Z\")) (IDENT s))))");
    OK("T | extend reduce = 2, declare = 3, output = 4",
       "(SCRIPT (PIPE (IDENT T) (EXTEND (NAMED reduce (LITERAL long 2)) (NAMED declare (LITERAL "
       "long 3)) (NAMED output (LITERAL long 4)))))");
    /* the same words as names are fine */
    OK("T | where partition == 1 | extend scan = 1, find = 2",
       "(SCRIPT (PIPE (IDENT T) (WHERE (BINARY == (IDENT partition) (LITERAL long 1))) (EXTEND "
       "(NAMED scan (LITERAL long 1)) (NAMED find (LITERAL long 2)))))");
    OK("find | count", "(SCRIPT (PIPE (IDENT find) (COUNT)))");
    OK("", "(SCRIPT)");
    OK(";;", "(SCRIPT)");
}

/* Spans, names and lookups the dump does not show. */
static void test_details(void)
{
    harena a;
    arena_init(&a);
    kql_error e;
    const char *q = "T | where Name has 'x' | join kind=inner (S) on k";
    ast *t = kql_parse(&a, q, strlen(q), &e);
    CHECK_MSG(t && t->kind == AST_SCRIPT && t->nkid == 1, "script of one statement");
    if (t && t->nkid == 1) {
        ast *p = t->kid[0];
        CHECK_MSG(p->kind == AST_PIPE && p->off == 0 && p->len == (int)strlen(q), "pipe span %d+%d",
                  p->off, p->len);
        ast *w = p->kid[1];
        CHECK_MSG(w->kind == AST_WHERE && w->off == 4 && w->len == 18, "where span %d+%d", w->off,
                  w->len);
        ast *has = w->kid[0];
        CHECK_MSG(has->off == 10 && has->len == 12, "has span %d+%d", has->off, has->len);
        CHECK_MSG(has->kid[0]->name.n == 4 && memcmp(has->kid[0]->name.p, "Name", 4) == 0,
                  "ident name");
        ast *j = p->kid[2];
        const ast *k = ast_opt(j, "kind");
        CHECK_MSG(k && k->kid[0]->kind == AST_IDENT && k->kid[0]->name.n == 5, "join kind option");
        CHECK_MSG(!ast_opt(j, "hint.strategy"), "no hint option");
        CHECK_MSG(j->kid[0]->off == 41 && j->kid[0]->len == 3,
                  "parenthesised right side span %d+%d", j->kid[0]->off, j->kid[0]->len);
    }
    /* a name with a NUL inside a literal and a query without a terminating NUL */
    char buf[] = {'p', 'r', 'i', 'n', 't', ' ', '1', 'X'};
    t = kql_parse(&a, buf, 7, &e);
    CHECK_MSG(t && t->nkid == 1 && t->kid[0]->kind == AST_PRINT, "length-bounded query");
    t = kql_parse(&a, "print 1\0 2", 10, &e);
    CHECK_MSG(!t && e.off == 7, "embedded NUL is an illegal character (%s)", t ? "parsed" : e.msg);
    arena_free(&a);

    CHECK_MSG(strcmp(ast_kind_name(AST_MV_EXPAND), "MV_EXPAND") == 0, "kind name");
    CHECK_MSG(strcmp(ast_op_name(OP_NHASPREFIX_CS), "!hasprefix_cs") == 0, "op name");
    CHECK_MSG(strcmp(ast_op_name(-1), "?") == 0 && strcmp(ast_kind_name(AST__COUNT), "?") == 0,
              "out-of-range names");
}

/* Every prefix of a long query, and a few hostile inputs, parse or fail
 * cleanly (run under ASan/UBSan). */
static void test_robustness(void)
{
    const char *q = "let f = (a:long, T:(c:string)) {\n"
                    "    T | where c has_any (dynamic(['x', \")\"])) };"
                    "datatable (a:long, b:string) [1, @\"x\"\"y\", 2, h'z']\n"
                    "| mv-apply e = b to typeof(string) on (top 1 by e desc nulls last)\n"
                    "| parse kind=regex b with * \"(\" x:long \")\" *\n"
                    "| make-series n = count() default = 0 on t in range(ago(1d), now(), 1h)\n"
                    "| join kind=leftouter (S | summarize by k) on $left.a == $right.k\n"
                    "| render timechart with (title = ```t```) // done";
    harena a;
    arena_init(&a);
    kql_error e;
    int n = (int)strlen(q), parsed = 0;
    for (int i = 0; i <= n; i++) {
        parsed += kql_parse(&a, q, (size_t)i, &e) != NULL;
        arena_reset(&a);
    }
    CHECK_MSG(kql_parse(&a, q, (size_t)n, &e) != NULL, "whole query parses: %s", e.msg);
    CHECK_MSG(parsed > 0, "some prefixes parse");
    static char deep[20001];
    memset(deep, '(', 10000);
    memset(deep + 10000, ')', 10000);
    CHECK_MSG(!kql_parse(&a, deep, 20000, &e) && strstr(e.msg, "nested too deeply"),
              "deep nesting: %s", e.msg);
    memset(deep, '-', 20000);
    deep[19999] = '1';
    CHECK_MSG(!kql_parse(&a, deep, 20000, &e), "deep unary minus");
    for (int c = 1; c < 256; c++) {
        char s[8] = {'T', ' ', '|', ' ', (char)c, ' ', 'x', 0};
        kql_parse(&a, s, 7, &e);
    }
    npass++;
    arena_free(&a);
}

int main(void)
{
    test_queries();
    test_errors();
    test_details();
    test_robustness();
    return check_summary();
}
