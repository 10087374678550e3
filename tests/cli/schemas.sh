#!/bin/sh
# tests/cli/schemas.sh — declaring tables with --schema FILE (JSON layouts of
# README.md, "Table schemas") and loading watchlists with --watchlist NAME[:KEY]=PATH
# (CSV with a header, or JSON records) for _GetWatchlist('NAME').
set -u
. "$(dirname "$0")/common.inc"

cat >"$T/s.json" <<'JSON'
{"MyTable": {"Time": "datetime", "User": "string", "Count": "Int64", "Props": "dynamic"},
 "Other": [{"name": "A", "type": "String"}, {"Name": "B", "Type": "real"}]}
JSON
run --memory --schema "$T/s.json" -c 'MyTable | getschema | project ColumnName, ColumnType'
expect_rc "--schema declares a table" 0
expect_out "its columns, in file order, with .NET type names mapped" \
    'ColumnName\tColumnType\nTime\tdatetime\nUser\tstring\nCount\tlong\nProps\tdynamic\n'
run --memory --schema "$T/s.json" -c 'Other | getschema | project ColumnName, ColumnType'
expect_out "the array layout" 'ColumnName\tColumnType\nA\tstring\nB\treal\n'

printf '{"table": "One", "columns": [{"name": "x", "type": "long"}]}\n' >"$T/one.json"
run --memory --schema "$T/one.json" -c 'One | getschema | project ColumnName, ColumnType'
expect_out "the table/columns layout" 'ColumnName\tColumnType\nx\tlong\n'

printf '{"X": {"a": "strng"}}\n' >"$T/bad.json"
run --memory --schema "$T/bad.json" -c 'print 1'
expect_rc "a bad type is an error" 1
expect_err "the error names the column" "column 'a' has no known type"

printf 'Host,IP Address,Owner\nsrv1,10.0.0.1,"Doe, J"\nsrv2,10.0.0.2,\n' >"$T/hosts.csv"
run --memory --now 2024-01-01T00:00:00Z --watchlist hosts="$T/hosts.csv" \
    -c "_GetWatchlist('hosts') | project SearchKey, Host, ['IP Address'], Owner, LastUpdatedTimeUTC"
expect_rc "--watchlist loads a CSV" 0
expect_out "SearchKey is the first column; values are strings" \
    'SearchKey\tHost\tIP Address\tOwner\tLastUpdatedTimeUTC\nsrv1\tsrv1\t10.0.0.1\tDoe, J\t2024-01-01T00:00:00Z\nsrv2\tsrv2\t10.0.0.2\t\t2024-01-01T00:00:00Z\n'

run --memory --watchlist 'hosts:IP Address'="$T/hosts.csv" -c "_GetWatchlist('hosts') | project SearchKey"
expect_out "NAME:KEY picks the search key column" 'SearchKey\n10.0.0.1\n10.0.0.2\n'

run --memory --watchlist hosts="$T/hosts.csv" -c "_GetWatchlist('hosts') | getschema | project ColumnName"
expect_out "the columns every watchlist has come first" \
    'ColumnName\n_DTItemId\nLastUpdatedTimeUTC\nSearchKey\nHost\nIP Address\nOwner\n'

printf '[{"UPN": "a@x.com", "Risk": 3}, {"UPN": "b@x.com", "Risk": "high", "Extra": true}]' >"$T/vip.json"
run --memory --watchlist vip="$T/vip.json" -c "_GetWatchlist('vip') | project SearchKey, Risk, Extra"
expect_rc "--watchlist loads JSON records" 0
expect_out "JSON values become strings" 'SearchKey\tRisk\tExtra\na@x.com\t3\t\nb@x.com\thigh\ttrue\n'

run --memory --watchlist vip="$T/vip.json" \
    -c "datatable(u:string)['b@x.com', 'c@x.com'] | where u in ((_GetWatchlist('vip') | project SearchKey))"
expect_out "a watchlist in an in() sub-query" 'u\nb@x.com\n'

run --memory --watchlist 'vip:Nope'="$T/vip.json" -c 'print 1'
expect_rc "an unknown search key column is an error" 1
expect_err "the error names it" "no column 'Nope'"

run --memory --watchlist vip="$T/missing.csv" -c 'print 1'
expect_rc "a missing file is an error" 1

run --memory --watchlist novalue -c 'print 1'
expect_rc "--watchlist without =PATH is a usage error" 2

# --check without the user's list: the columns a query names on a watchlist
# that is not loaded are assumed to be strings, and said so
run --memory --check -c "_GetWatchlist('exp') | where Activity == 'x' | summarize make_list(Auxiliar) by Kind"
expect_rc "--check binds a query over an unloaded watchlist's columns" 0
expect_err "it names the assumed columns"     "a watchlist is not loaded; its columns are assumed to be strings: Activity, Kind, Auxiliar"
run --memory --check -c "_GetWatchlist('exp') | extend n = strlen(Activity) + 1 | where n > Activity"
expect_rc "an assumed column is a string, so comparing it with a long is still an error" 1
expect_err "the type error" "cannot compare"
run --memory --check -c "_GetWatchlist('exp') | join (SecurityAlert | project Nope) on \$left.Activity == \$right.Nope"
expect_rc "an unknown column of another table is still an error" 1
expect_err "named where it is" "unknown name 'Nope'"
run --memory -c "_GetWatchlist('exp') | where Activity == 'x'"
expect_rc "running (not checking) over an unloaded watchlist does not assume its columns" 1
expect_err "as in Sentinel" "unknown name 'Activity'"
run --memory --watchlist hosts="$T/hosts.csv" --check -c "_GetWatchlist('hosts') | project Nope"
expect_rc "a loaded watchlist's columns are known, not assumed" 1

finish
