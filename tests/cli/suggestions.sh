#!/bin/sh
# tests/cli/suggestions.sh — an unknown column, value or table name gets a
# "did you mean" when exactly one known name differs from it only in case or
# by a small edit, and none otherwise (the error ends at the name).
set -u
. "$(dirname "$0")/common.inc"

run --memory -c 'print abce = 1, abcf = 2 | project abcd'
expect_rc "an unknown name is an error" 1
expect_err "two names as near give no suggestion" "unknown name 'abcd'\$"

run --memory -c 'print abce = 1, xyz = 2 | project abcd'
expect_err "one near name is suggested" "unknown name 'abcd' \\(did you mean 'abce'\\?\\)\$"

run --memory -c 'print a = 1 | project Zzzzzz'
expect_err "nothing near gives none" "unknown name 'Zzzzzz'\$"

run --memory -c 'print a = 1 | project ab'
expect_err "a name shorter than four letters gets no edit suggestion" "unknown name 'ab'\$"

run --memory -c 'securityalert | take 1'
expect_err "a table that differs in case is named" "unknown table 'securityalert' \\(did you mean 'SecurityAlert'\\?\\)\$"

finish
