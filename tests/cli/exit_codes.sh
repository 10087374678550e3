#!/bin/sh
# tests/cli/exit_codes.sh — hunt's exit status (0 success, 1 query or data
# error, 2 usage error), its error format (line, column, the query line and a
# caret under the culprit) and its usage messages.
set -u
. "$(dirname "$0")/common.inc"

run -c 'print x = 1'
expect_rc "a good query" 0

run -c 'print x = 1 | wher x > 0'
expect_rc "a syntax error" 1
expect_err "error format" '^hunt: error: line 1, column 15: '
expect_err "the query line" '^    print x = 1 \| wher x > 0$'
expect_err "the caret under 'wher'" '^                  \^\^\^\^$'
expect_out "no output on error" ''

printf 'print x = 1\n| where y > 0\n' >"$T/bad.kql"
run "$T/bad.kql"
expect_rc "an error in a file" 1
expect_err "the error names the file" "^hunt: error: $T/bad.kql: line 2, column [0-9]+: "

run -c 'print x = nosuchfunction(1)'
expect_rc "an unknown function" 1
expect_err "unknown function error" '^hunt: error: line 1, column 11: '

run "$T/no-such-file.kql"
expect_rc "a missing file" 1
expect_err "missing file message" '^hunt: error: .*no-such-file.kql'

run --no-such-option
expect_rc "an unknown option" 2
expect_err "a hint" "hunt --help"

run --format xml -c 'print x = 1'
expect_rc "an unknown format" 2
run --now yesterday -c 'print x = 1'
expect_rc "a bad --now" 2
run --load T -c 'print x = 1'
expect_rc "--load without =" 2
run -c
expect_rc "-c without a query" 2

run --help
expect_rc "--help" 0
expect_out_re "usage line" '^usage: hunt'
run --version
expect_rc "--version" 0
expect_out_re "version" '^hunt [0-9]+\.[0-9]+\.[0-9]+$'

run -c 'print x = 1' -c 'print x = ' -c 'print y = 2'
expect_rc "one failing query of three" 1
expect_out "the others still run" 'x\n1\n\ny\n2\n'

finish
