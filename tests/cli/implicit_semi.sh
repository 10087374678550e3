#!/bin/sh
# tests/cli/implicit_semi.sh — the implicit statement separator: queries
# pasted one after another without ';' run as separate statements, with a
# warning naming each line where one starts; a text that parses as written is
# never split; when a split does not help, the original error is reported.
set -u
. "$(dirname "$0")/common.inc"

cat >"$T/pasted.kql" <<'KQL'
// two queries as an editor keeps them: a blank line, no ';'
print a = 1
| extend b = a + 1

print c = "x"
KQL
run "$T/pasted.kql"
expect_rc "two pasted queries run" 0
expect_out "each pasted query prints its result" 'a\tb\n1\t2\n\nc\nx\n'
expect_err "the warning names the file and line" \
    "^hunt: warning: $T/pasted.kql: line 5: a new query starts here without ';' — ran as a separate statement \\(KQL needs ';' between statements\\)$"

run --syntax "$T/pasted.kql"
expect_rc "--syntax accepts pasted queries" 0
expect_err "--syntax warns too" '^hunt: warning: .*line 5: a new query starts here'
run --check "$T/pasted.kql"
expect_rc "--check accepts pasted queries" 0
expect_err "--check warns too" 'line 5: a new query starts here'

printf 'let n = 3\nprint k = n\nprint m = 2\n' >"$T/three.kql"
run "$T/three.kql"
expect_rc "a let and two prints without ';'" 0
expect_out "the let applies to the later statements" 'k\n3\n\nm\n2\n'
expect_err "the first split" 'line 2: a new query starts here'
expect_err "the second split" 'line 3: a new query starts here'

run_in 'print a = 1
| render timechart

print b = 2
| project b'
expect_rc "the error comes after the line that starts the next query" 0
expect_out "both results" 'a\n1\n\nb\n2\n'
expect_err "the split is at that line" '^hunt: warning: line 4: a new query starts here'

run_in 'print a = 1
| where a > 0
    and a < 5'
expect_rc "a query that parses as written" 0
expect_out "it is one statement" 'a\n1\n'
if grep -q warning "$T/err"; then bad "no warning for a text that parses"; else ok; fi

run_in 'print a = 1; print b = 2'
expect_rc "';' as written" 0
if grep -q warning "$T/err"; then bad "no warning with ';'"; else ok; fi

run_in 'print a = 1
wher z'
expect_rc "a split that does not help" 1
expect_err "the original error and position" "^hunt: error: line 2, column 1: syntax error: unexpected 'wher'$"
if grep -q warning "$T/err"; then bad "no warning when the split is not kept"; else ok; fi

run_in 'print a = (1 +
print b = 2)'
expect_rc "no split inside brackets" 1
expect_err "the error inside brackets" "^hunt: error: line 2, column 7: syntax error: unexpected 'b'$"

run_in 'print a = 1

print b = 2
| extend c = 3 3'
expect_rc "a later error after a split" 1
expect_err "the split is reported" 'line 3: a new query starts here'
expect_err "the later error keeps its position" "^hunt: error: line 4, column 16: syntax error: unexpected '3'$"

finish
