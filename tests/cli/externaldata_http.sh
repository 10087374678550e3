#!/bin/sh
# tests/cli/externaldata_http.sh — externaldata over HTTP and file:// URLs:
# a python3 http.server on 127.0.0.1 (started and stopped here) serves
# files; checks csv over HTTP, the per-query cache (one GET for a source used
# twice), a 404 and a refused connection naming the URL, and file:// URLs.
# Without python3 the HTTP checks are skipped.
set -u
. "$(dirname "$0")/common.inc"

D=$T/www
mkdir -p "$D"
printf 'Name,Count\nalpha,1\nbeta,2\n' >"$D/p.csv"

run -c "externaldata (Name:string, Count:long) ['file://$D/p.csv'] with (ignoreFirstRecord=true) | summarize sum(Count)"
expect_out "file:// URL" 'sum_Count\n3\n'

run -c "externaldata (Name:string) ['file://localhost$D/p.csv'] | count"
expect_out "file://localhost URL" 'Count\n3\n'

if command -v python3 >/dev/null 2>&1; then
    (cd "$D" && exec python3 -u -m http.server 0 --bind 127.0.0.1) >"$T/http.log" 2>&1 &
    spid=$!
    trap 'kill $spid 2>/dev/null; rm -rf "$T"' EXIT INT TERM
    port=""
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$T/http.log" 2>/dev/null | head -n 1)
        [ -n "$port" ] && break
        sleep 0.25
    done
    if [ -n "$port" ]; then
        U="http://127.0.0.1:$port"
        run -c "let P = externaldata (Name:string, Count:long) ['$U/p.csv'] with (ignoreFirstRecord=true); P | join kind=inner P on Name | summarize sum(Count)"
        expect_out "csv over http, joined with itself" 'sum_Count\n3\n'
        n=$(grep -c 'GET /p.csv' "$T/http.log")
        if [ "$n" -eq 1 ]; then ok; else bad "per-query cache: $n GETs, want 1"; fi

        run -c "externaldata (a:string) ['$U/missing.csv']"
        expect_rc "404 fails" 1
        expect_err "404 names the URL" "can't fetch '$U/missing.csv'.*404"
    else
        bad "http.server did not start"
    fi
    kill "$spid" 2>/dev/null
fi

run -c "externaldata (a:string) ['http://127.0.0.1:1/x.csv']"
expect_rc "refused connection fails" 1
expect_err "refused connection names the URL" "can't fetch 'http://127.0.0.1:1/x.csv'"

finish
