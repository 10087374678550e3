#!/bin/sh
# tests/ingest/pull.sh — `hunt pull` against a loopback HTTP server this test
# starts (tests/ingest/server.py on 127.0.0.1): paging by @odata.nextLink,
# 429 with Retry-After, a 500, a truncated body, the bearer token from an
# environment variable (never printed), a second pull that adds nothing, an
# interrupted pull (403 on page 2) that resumes at page 2 without loss or
# duplicates, and a time-out. Prints "N passed, N failed".
#   sh tests/ingest/pull.sh [BUILDDIR]
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${1:-build}
T=$(mktemp -d "${TMPDIR:-/tmp}/hunt-pull.XXXXXX") || exit 2
SRV=""
trap '[ -n "$SRV" ] && kill $SRV 2>/dev/null; rm -rf "$T"' EXIT INT TERM
SAN=""
# a sanitizer build of libhunt.a needs the sanitizers at link time too
nm "$B/libhunt.a" 2>/dev/null | grep -q __asan_ && SAN="-fsanitize=address,undefined"
LIBS=$(make -s --no-print-directory print-ldlibs) || LIBS="-ljansson -lpcre2-8 -lm -pthread"
cc -std=c11 -D_GNU_SOURCE -O1 -g $SAN -I. -Iinclude -o "$T/driver" tests/ingest/driver.c \
    repl/cmd_ingest.c "$B/libhunt.a" $LIBS || { echo "0 passed, 1 failed"; exit 1; }
python3 tests/ingest/server.py "$T/port" &
SRV=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$T/port")
W="$T/ws"
mkdir -p "$W"
cat > "$W/sources.json" <<JSON
{"sources": {
  "events": {"url": "http://127.0.0.1:$PORT/events?page=1", "table": "PullEvents",
             "token_env": "HUNT_TEST_TOKEN", "backoff_ms": 50, "retries": 4, "timeout": 10},
  "flaky":  {"url": "http://127.0.0.1:$PORT/flaky?page=1", "table": "Flaky",
             "token_env": "HUNT_TEST_TOKEN", "backoff_ms": 20, "retries": 1, "timeout": 10},
  "slow":   {"url": "http://127.0.0.1:$PORT/slow", "table": "Slow",
             "token_env": "HUNT_TEST_TOKEN", "backoff_ms": 10, "retries": 1, "timeout": 1},
  "notoken": {"url": "http://127.0.0.1:$PORT/events?page=1", "table": "X", "token_env": "HUNT_NO_SUCH_VAR"}
}}
JSON
export HUNT_TEST_TOKEN=s3cret
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect() { # expect DESCRIPTION STATUS COMMAND...: runs it, checks the exit status
    d=$1; want=$2; shift 2
    "$@" >"$T/out" 2>&1; got=$?
    if [ $got -eq "$want" ]; then ok; else bad "$d: exit $got, wanted $want"; cat "$T/out"; fi
}
rows() { sqlite3 "$W/catalog.db" "select coalesce(sum(nrows),0) from extents where table_name='$1'"; }

expect "paged pull with 429, 500, truncated body" 0 "$T/driver" pull -w "$W" events
grep -q "3 pages, 6 rows loaded" "$T/out" && ok || { bad "summary"; cat "$T/out"; }
grep -q s3cret "$T/out" && bad "token printed" || ok
"$T/driver" verify "$W" PullEvents 1 6 | grep -q "6 rows, 0 problems" && ok || bad "rows after pull"
expect "second pull" 0 "$T/driver" pull -w "$W" events
grep -q "0 rows loaded, 6 duplicates" "$T/out" && ok || { bad "second pull adds nothing"; cat "$T/out"; }
[ "$(rows PullEvents)" = 6 ] && ok || bad "rows after second pull: $(rows PullEvents)"

expect "interrupted pull" 1 "$T/driver" pull -w "$W" flaky
grep -q "flaky: HTTP 403" "$T/out" && ok || { bad "403 message"; cat "$T/out"; }
[ "$(rows Flaky)" = 2 ] && ok || bad "page 1 committed: $(rows Flaky)"
ck=$(sqlite3 "$W/catalog.db" "select value from checkpoints where name='pull:flaky'")
case "$ck" in "next http://127.0.0.1:$PORT/flaky?page=2") ok ;; *) bad "checkpoint: $ck" ;; esac
curl -s -H "Authorization: Bearer s3cret" "http://127.0.0.1:$PORT/fix" >/dev/null
expect "resumed pull" 0 "$T/driver" pull -w "$W" flaky
grep -q "2 pages, 4 rows loaded, 0 duplicates" "$T/out" && ok || { bad "resume from page 2"; cat "$T/out"; }
"$T/driver" verify "$W" Flaky 1 6 | grep -q "6 rows, 0 problems" && ok || bad "rows after resume"

start=$(date +%s)
expect "time-out" 1 "$T/driver" pull -w "$W" slow
grep -q "Timeout" "$T/out" && ok || { bad "time-out message"; cat "$T/out"; }
[ $(( $(date +%s) - start )) -lt 8 ] && ok || bad "time-out took too long"
expect "missing token" 1 "$T/driver" pull -w "$W" notoken
grep -q "HUNT_NO_SUCH_VAR is not set" "$T/out" && ok || bad "missing token message"
expect "unknown source" 1 "$T/driver" pull -w "$W" nosuch
expect "usage" 2 "$T/driver" pull -w "$W"
"$T/driver" check-workspace -w "$W" >/dev/null 2>&1 && ok || bad "check-workspace"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
