#!/bin/sh
# tests/cli/named_where.sh — `where Name = expr` is valid KQL that does not
# compare: Kusto filters on expr alone and drops the name (so
# `where IsBillable = true` keeps every row). hunt does the same and warns,
# naming the line, since the author almost always meant '=='.
set -u
. "$(dirname "$0")/common.inc"

run_in 'datatable(IsBillable:bool)[true, false, false]
| where IsBillable = true
| count'
expect_rc "the query runs" 0
expect_out "every row is kept, as on the service" 'Count\n3\n'
expect_err "the warning names the line and the name" \
    "^hunt: warning: line 2: 'where IsBillable = \\.\\.\\.' does not compare: KQL filters on the expression after '=' alone \\(did you mean '=='\\?\\)$"

run_in 'datatable(IsBillable:bool)[true, false, false]
| where IsBillable == true
| count'
expect_rc "a comparison runs" 0
expect_out "and filters" 'Count\n1\n'
if [ -s "$T/err" ]; then bad "a comparison gives no warning"; else ok; fi

run --check -c 'let t = (print a = 1 | where b = a > 0); t'
expect_rc "--check binds it" 0
expect_err "--check warns, inside a let too" "line 1: 'where b = \\.\\.\\.' does not compare"

finish
