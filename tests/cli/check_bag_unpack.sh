#!/bin/sh
# tests/cli/check_bag_unpack.sh — checking (hunt --check) a query whose
# bag_unpack makes its columns from the data: nothing runs, so there are no
# slots; the names later operators read and nothing else defines are assumed
# to be dynamic columns of the bag_unpack, with a warning naming them. A name
# unknown elsewhere is still an error, and running the query assumes nothing.
set -u
. "$(dirname "$0")/common.inc"

run --memory --check -c 'Event
| extend EventData = parse_xml(EventData).DataItem.EventData.Data
| mv-expand bagexpansion=array EventData
| evaluate bag_unpack(EventData)
| extend Key = tostring(["@Name"]), Value = ["#text"]
| where Key == "Image"'
expect_rc "a Sysmon query that pivots bag_unpack's slots binds" 0
expect_err "the warning names the assumed columns" \
    "^hunt: warning: bag_unpack makes its columns from the data, and there is none when checking; these are assumed to be dynamic columns: @Name, #text$"

run --memory --check -c 'print d = dynamic({"a": 1}) | evaluate bag_unpack(d, "p_") | project p_a, p_b, n = strlen(tostring(p_b))'
expect_rc "with a prefix, prefixed names are assumed" 0
expect_err "only the name the data lacks" 'assumed to be dynamic columns: p_b$'

run --memory --check -c 'print d = dynamic({"a": 1}) | evaluate bag_unpack(d, "p_") | project q_b'
expect_rc "a name without the prefix is not one of bag_unpack's" 1
expect_err "it is unknown" "unknown name 'q_b'"

run --memory --check -c 'print d = dynamic({"a": 1}) | project e = 1 | evaluate bag_unpack(d)'
expect_rc "a name unknown before bag_unpack is still an error" 1
expect_err "named where it is" "unknown name 'd'"

run --memory -c 'print d = dynamic({"a": 1}) | evaluate bag_unpack(d) | project b'
expect_rc "running assumes nothing" 1
expect_err "the name the data lacks is unknown" "unknown name 'b'"

finish
