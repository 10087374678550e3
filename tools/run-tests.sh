#!/bin/sh
# tools/run-tests.sh — runs every test program of one build and sums their
# "N passed, N failed" lines into one final line of the same form.
#
#   sh tools/run-tests.sh BUILDDIR          unit tests, golden tests (tests/kql),
#                                           command tests (tests/cli/*.sh), embed
#   sh tools/run-tests.sh BUILDDIR unit     unit tests only
#
# A program that prints no summary counts as 1 passed when it exits 0, and as
# 1 failed otherwise; a crash (signal, sanitizer report) or a non-zero exit is
# always a failure, printed with the program's name and the end of its output.
# Exits non-zero when anything failed.
set -u
cd "$(dirname "$0")/.." || exit 2
B=${1:?usage: sh tools/run-tests.sh BUILDDIR [unit]}
MODE=${2:-all}
passed=0
failed=0
log=$(mktemp "${TMPDIR:-/tmp}/hunt-tests.XXXXXX") || exit 2
trap 'rm -f "$log"' EXIT INT TERM

# run NAME COMMAND...: runs one test program and adds up its counts.
run() {
    name=$1
    shift
    "$@" >"$log" 2>&1 </dev/null
    rc=$?
    summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=0
    f=0
    if [ -n "$summary" ]; then
        p=$(echo "$summary" | sed -E 's/^([0-9]+) passed.*/\1/')
        f=$(echo "$summary" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    elif [ "$rc" -eq 0 ]; then
        p=1
    fi
    note=""
    if [ "$rc" -ge 128 ] || grep -qE 'Sanitizer|runtime error:' "$log"; then
        note=" CRASH (exit $rc)"
        [ "$f" -gt 0 ] || f=1
    elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        note=" FAILED (exit $rc)"
        f=$((f + 1))
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    printf '%-36s %s passed, %s failed%s\n' "$name" "$p" "$f" "$note"
    if [ "$f" -gt 0 ]; then
        tail -n 60 "$log" | sed 's/^/    /'
    fi
}

# missing NAME: a program that should exist does not.
missing() {
    printf '%-36s MISSING (not built?)\n' "$1"
    failed=$((failed + 1))
}

for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    run "$(basename "$t")" "$t"
done

if [ "$MODE" != unit ]; then
    if [ ! -x "$B/golden" ]; then
        missing golden
    elif [ -d tests/kql ]; then
        run "golden tests/kql" "$B/golden" tests/kql
    fi
    for t in tests/cli/*.sh; do
        [ -f "$t" ] || continue
        run "$t" sh "$t" "$B/hunt"
    done
    for t in tests/ingest/*.sh; do
        [ -f "$t" ] || continue
        run "$t" sh "$t" "$B"
    done
    if [ -x "$B/embed" ]; then
        run embed "$B/embed"
    else
        missing embed
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
