#!/bin/sh
# tests/ingest/crash.sh — kills an ingest with SIGKILL at random points, many
# times, and proves after each kill, on the reopened workspace: no partial
# batch visible (the row count is a whole number of batches), no row of a
# committed batch lost and none duplicated (ids 0..n-1 exactly once), and a
# consistent catalog (check-workspace verifies every extent's checksum).
# Finally an uninterrupted run completes the file: all N rows, once each.
#   sh tests/ingest/crash.sh [BUILDDIR]      (default build; needs libhunt.a)
# Prints "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${1:-build}
T=$(mktemp -d "${TMPDIR:-/tmp}/hunt-crash.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
SAN=""
# a sanitizer build of libhunt.a needs the sanitizers at link time too
nm "$B/libhunt.a" 2>/dev/null | grep -q __asan_ && SAN="-fsanitize=address,undefined"
LIBS=$(make -s --no-print-directory print-ldlibs) || LIBS="-ljansson -lpcre2-8 -lm -pthread"
cc -std=c11 -D_GNU_SOURCE -O1 -g $SAN -I. -Iinclude -o "$T/driver" tests/ingest/driver.c \
    repl/cmd_ingest.c "$B/libhunt.a" $LIBS || { echo "0 passed, 1 failed"; exit 1; }
N=${CRASH_ROWS:-300000}
KILLS=${CRASH_KILLS:-20}
L=100                       # bytes per line, so every batch holds the same rows
BYTES=100000                # batch size in bytes
R=$((BYTES / L + 1))        # rows per batch: the cut is the line end after BYTES
python3 - "$T/big.ndjson" "$N" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    for i in range(n):
        line = '{"id":%d,"host":"h%03d","pad":"' % (i, i % 997)
        f.write(line + "x" * (100 - len(line) - 3) + '"}\n')
PY
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
export HUNT_BATCH_BYTES=$BYTES
W="$T/ws"
k=0
while [ $k -lt "$KILLS" ]; do
    k=$((k + 1))
    delay=$(python3 -c 'import random; print("%.3f" % random.uniform(0.01, 0.6))')
    "$T/driver" ingest -w "$W" --no-dedupe Crash "$T/big.ndjson" 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    if out=$("$T/driver" verify "$W" Crash $R "$N" 2>&1); then ok; else bad "after kill $k: $out"; fi
    if "$T/driver" check-workspace -w "$W" >/dev/null 2>&1; then ok; else bad "check-workspace after kill $k"; fi
done
"$T/driver" ingest -w "$W" Crash "$T/big.ndjson" 2>/dev/null
if out=$("$T/driver" verify "$W" Crash $R "$N"); then
    case "$out" in *"$N rows, 0 problems"*) ok ;; *) bad "final: $out" ;; esac
else
    bad "final: $out"
fi
if "$T/driver" check-workspace -w "$W" >/dev/null 2>&1; then ok; else bad "final check-workspace"; fi
# the same file again adds nothing (dedupe on, checkpoint complete)
"$T/driver" ingest -w "$W" Crash "$T/big.ndjson" 2>/dev/null
if "$T/driver" verify "$W" Crash $R "$N" | grep -q "$N rows, 0 problems"; then ok; else bad "re-ingest"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
