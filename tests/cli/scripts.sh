#!/bin/sh
# tests/cli/scripts.sh — scripts: several ';'-separated statements in one
# file (each tabular statement prints its own result), comments and blank
# lines, stdin ("-" or a pipe), --syntax and --check, --load, --now, --timer.
set -u
. "$(dirname "$0")/common.inc"

cat >"$T/two.kql" <<'KQL'
// Two results from one file.

let n = 2;
print a = 1;

// the second one
print b = n
KQL
run "$T/two.kql"
expect_rc "a script with two statements" 0
expect_out "each statement prints its result" 'a\n1\n\nb\n2\n'

run_in 'print x = 5'
expect_rc "a pipe on stdin" 0
expect_out "the stdin result" 'x\n5\n'
run_in 'print x = 6' -
expect_out "'-' reads stdin" 'x\n6\n'

printf 'print a = 1\n' >"$T/a.kql"
printf 'print b = 2\n' >"$T/b.kql"
run "$T/a.kql" "$T/b.kql"
expect_out "several files run in order" 'a\n1\n\nb\n2\n'

run --syntax -c 'NoSuchTable | where x > 1'
expect_rc "--syntax only parses" 0
expect_out "--syntax prints nothing" ''
run --syntax -c 'print x = '
expect_rc "--syntax finds a syntax error" 1
run --check -c 'NoSuchTable | where x > 1'
expect_rc "--check binds names" 1
expect_err "--check error" '^hunt: error: line 1, column 1: '
run --check -c 'print x = 1 | where x > 0'
expect_rc "--check accepts a good query" 0
expect_out "--check prints nothing" ''

printf '{"Name":"a","N":1}\n{"Name":"b","N":2}\nnot json\n' >"$T/t.ndjson"
run --load "Things=$T/t.ndjson" -c 'Things | summarize c = count()'
expect_rc "--load" 0
expect_err "the load summary" "^hunt: loaded 2 rows into Things from $T/t.ndjson \\(1 rejected\\)$"
expect_err "the diagnostic names the line" 't.ndjson:3'
expect_out "the loaded rows" 'c\n2\n'
run --load "Things=$T/missing.ndjson" -c 'print x = 1'
expect_rc "--load of a missing file" 1

run --now 2024-05-01T12:00:00Z -c 'print t = now()'
expect_out "--now fixes now()" 't\n2024-05-01T12:00:00Z\n'
run --now '2024-05-01 14:30:00+02:00' -c 'print t = now()'
expect_out "--now with an offset" 't\n2024-05-01T12:30:00Z\n'

run --timer -c 'print x = 1'
expect_err "--timer" '^hunt: time: [0-9.]+ ms \(query; [0-9.]+ ms with output\), extents scanned [0-9]+, skipped [0-9]+, rows scanned [0-9]+$'

finish
