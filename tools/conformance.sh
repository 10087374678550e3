#!/bin/sh
# tools/conformance.sh — runs the official KQL reference examples
# (../shared/conformance/*.test) with BUILDDIR/golden --conformance, one
# process per file (a crash or a hang costs one file, not the run), and
# prints each file's counts and the total. Doubtful blocks that fail are
# reported as skipped, not failed (a file with only those is marked DOUBT).
#
# It fails only on a regression: a block listed in tests/conformance-pass.txt
# (FILE:LINE, FILE the base name, '#' comments allowed) that does not pass now.
#
# Refresh the list after the engine learns something (review the diff, then
# commit it):
#     make all build/golden && REFRESH=1 sh tools/conformance.sh build
#
# usage: sh tools/conformance.sh BUILDDIR
set -u
cd "$(dirname "$0")/.." || exit 2
B=${1:?usage: sh tools/conformance.sh BUILDDIR}
DIR=../shared/conformance
LIST=tests/conformance-pass.txt
TIMEOUT=${CONFORMANCE_TIMEOUT:-120}

if [ ! -d "$DIR" ]; then
    echo "conformance: $DIR not found; skipped"
    exit 0
fi
if [ ! -x "$B/golden" ]; then
    echo "conformance: $B/golden not built (make $B/golden)" >&2
    exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hunt-conf.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
: >"$tmp/pass"
: >"$tmp/fail"
tp=0
tf=0
ts=0
files=0
clean=0

for f in "$DIR"/*.test; do
    name=$(basename "$f")
    timeout "$TIMEOUT" "$B/golden" --conformance --list-pass "$f" >"$tmp/out" 2>&1
    rc=$?
    grep -E '^[^ ]+:[0-9]+$' "$tmp/out" | sed 's|.*/||' >"$tmp/filepass"
    cat "$tmp/filepass" >>"$tmp/pass"
    grep -E '^[^ ]+:[0-9]+: ' "$tmp/out" | sed 's|^[^ ]*/||' >>"$tmp/fail"
    summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$tmp/out" | tail -n 1)
    if [ -z "$summary" ]; then
        blocks=$(grep -c '^query' "$f")
        before=$(wc -l <"$tmp/filepass")
        if [ "$rc" -eq 124 ]; then why="timed out"; else why="crashed (exit $rc)"; fi
        echo "CRASH $name: $why; the blocks not passed before count as failed"
        grep -m 1 -E 'SUMMARY|runtime error' "$tmp/out" | sed 's/^/    /'
        summary="$before passed, $((blocks - before)) failed"
    fi
    p=$(echo "$summary" | sed -E 's/^([0-9]+) passed.*/\1/')
    fl=$(echo "$summary" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    s=$(echo "$summary" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
    s=${s:-0}
    if [ "$fl" -eq 0 ] && [ "$s" -eq 0 ]; then
        status=PASS
        clean=$((clean + 1))
    elif [ "$fl" -eq 0 ]; then
        status=DOUBT
    else
        status=FAIL
    fi
    echo "$status $name: $summary"
    tp=$((tp + p))
    tf=$((tf + fl))
    ts=$((ts + s))
    files=$((files + 1))
done

echo "conformance: $clean of $files files pass; blocks: $tp passed, $tf failed, $ts doubtful failed"

if [ "${REFRESH:-0}" = 1 ]; then
    {
        echo "# Conformance blocks (FILE:LINE of ../shared/conformance) that pass and must keep"
        echo "# passing. Refresh: REFRESH=1 sh tools/conformance.sh build (see that script)."
        sort -t: -k1,1 -k2,2n "$tmp/pass"
    } >"$LIST"
    echo "conformance: wrote $(wc -l <"$tmp/pass") blocks to $LIST"
    exit 0
fi

regressions=0
if [ -f "$LIST" ]; then
    for entry in $(grep -vE '^[[:space:]]*(#|$)' "$LIST"); do
        if ! grep -qxF "$entry" "$tmp/pass"; then
            regressions=$((regressions + 1))
            why=$(grep -F "$entry: " "$tmp/fail" | head -n 1)
            echo "REGRESSION ${why:-$entry: no longer passes}"
        fi
    done
fi
if [ "$regressions" -gt 0 ]; then
    echo "conformance: $regressions blocks of $LIST no longer pass"
    exit 1
fi
echo "conformance: no regressions against $LIST"
