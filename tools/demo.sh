#!/bin/sh
# tools/demo.sh — the demo: loads samples/data/*.ndjson into their tables
# (table name = file name) and runs each samples/queries/*.kql, printing a
# heading (the file's first comment line) and the result as a table.
# Exits non-zero when a query fails.
#
# usage: sh tools/demo.sh HUNT
set -eu
cd "$(dirname "$0")/.."
HUNT=${1:?usage: sh tools/demo.sh HUNT}
shift

# The --load options, kept in the positional parameters (POSIX sh has no arrays).
for f in samples/data/*.ndjson; do
    [ -f "$f" ] || continue
    set -- "$@" --load "$(basename "$f" .ndjson)=$f"
done

err=$(mktemp "${TMPDIR:-/tmp}/hunt-demo.XXXXXX")
trap 'rm -f "$err"' EXIT INT TERM
failed=0
first=1
for q in samples/queries/*.kql; do
    [ -f "$q" ] || { echo "demo: no samples/queries/*.kql"; exit 0; }
    heading=$(grep -m 1 -E '^[[:space:]]*//' "$q" | sed -E 's|^[[:space:]]*//+[[:space:]]*||')
    echo
    echo "== ${heading:-$(basename "$q")}  ($q)"
    if "$HUNT" --format table "$@" "$q" 2>"$err"; then :; else failed=$((failed + 1)); fi
    # The load summary is shown once; errors and notes always.
    if [ "$first" = 1 ]; then cat "$err" >&2; else grep -v '^hunt: loaded ' "$err" >&2 || true; fi
    first=0
done
# Detection: the sample rules replayed over the sample data's period, then
# the incidents they produced.
if [ -d samples/rules ]; then
    store=$(mktemp -d "${TMPDIR:-/tmp}/hunt-demo-store.XXXXXX")
    echo
    echo "== Detection rules in samples/rules replayed over March 2026 (hunt detect simulate)"
    if "$HUNT" detect simulate samples/rules --data samples/data --from 2026-03-01T00:00:00Z \
        --to 2026-03-21T00:00:00Z --store "$store" --sink file:"$store/alerts.ndjson" >/dev/null 2>"$err"; then
        echo
        echo "== Incidents (hunt incidents list), first 25"
        "$HUNT" incidents list --store "$store" | head -n 25
    else
        cat "$err" >&2
        failed=$((failed + 1))
    fi
    rm -rf "$store"
fi
echo
if [ "$failed" -gt 0 ]; then
    echo "demo: $failed queries failed" >&2
    exit 1
fi
