#!/bin/sh
# tests/cli/detect_daemon.sh — `hunt detect daemon` survives restarts without
# re-alerting or missing ticks (issue 5, "Done when: daemon restart").
# Run as: sh tests/cli/detect_daemon.sh HUNT (tools/run-tests.sh does).
#
# The daemon runs on a simulated clock (--now T --every D --until T), so the
# test is deterministic: one uninterrupted run is the reference; the same
# period run as three daemons (stopped mid-period, restarted at once, and
# restarted after being down across two ticks) must end with the same
# alerts (same ids, none twice), every tick run exactly once, no gap, and
# no alert event delivered twice to the sink. A wall-clock daemon must stop
# on SIGTERM after saving its step.
. "$(dirname "$0")/common.inc"

R=$T/rules D=$T/data
mkdir -p "$R" "$D"
cat >"$R/ip.yaml" <<'YAML'
id: 0d5e8c1a-daem-4on0-test-000000000001
name: Operation from {{IPAddress}}
description: every audit row alerts once
severity: Medium
kind: Scheduled
queryFrequency: 1h
queryPeriod: 2h
triggerOperator: gt
triggerThreshold: 0
query: |
  CloudAuditEvents
  | project Timestamp, ReportId, IPAddress, OperationName
entityMappings:
  - entityType: IP
    fieldMappings:
      - identifier: Address
        columnName: IPAddress
customDetails:
  ReportId: ReportId
eventGroupingSettings:
  aggregationKind: AlertPerResult
YAML
n=0
for ts in 02:10 02:50 03:30 04:40 05:20 06:15 06:45 07:30 08:20; do
    n=$((n + 1))
    printf '{"Timestamp":"2026-03-10T%s:00Z","ReportId":"r%d","IPAddress":"10.0.0.%d","OperationName":"op"}\n' \
        "$ts" "$n" "$n"
done >"$D/CloudAuditEvents.ndjson"
# a late row: event 05:50, ingested 06:30 (still inside the 07:00 tick's window)
printf '{"Timestamp":"2026-03-10T05:50:00Z","ReportId":"r10","IPAddress":"10.0.0.10","OperationName":"op","_ingestedAt":"2026-03-10T06:30:00Z"}\n' \
    >>"$D/CloudAuditEvents.ndjson"

daemon() { # STORE ARGS...: a bounded daemon on the simulated clock
    store=$1
    shift
    run detect daemon "$R" --data "$D" --store "$store" --sink "file:$store/events.ndjson" \
        --every 10m "$@"
}
q() { # STORE QUERY: the query's tsv output without the header
    "$HUNT" --memory --store "$1" -c "$2" 2>"$T/qerr" | tail -n +2
}

mkdir -p "$T/ref" "$T/re"
daemon "$T/ref" --now 2026-03-10T02:00:00Z --until 2026-03-10T09:00:00Z
expect_rc "reference daemon" 0

daemon "$T/re" --now 2026-03-10T02:00:00Z --until 2026-03-10T04:25:00Z
expect_rc "first daemon, stopped mid-period" 0
daemon "$T/re" --now 2026-03-10T04:35:00Z --until 2026-03-10T05:10:00Z
expect_rc "restarted mid-period" 0
daemon "$T/re" --now 2026-03-10T05:10:00Z --steps 1
expect_rc "restarted at the time it stopped" 0
daemon "$T/re" --now 2026-03-10T07:20:00Z --until 2026-03-10T09:00:00Z
expect_rc "restarted after missing two ticks" 0

check() { # NAME GOT WANT
    if [ "$2" = "$3" ]; then ok; else
        fail=$((fail + 1))
        printf 'FAIL: %s: got [%s], want [%s]\n' "$1" "$2" "$3"
    fi
}

ref_ids=$(q "$T/ref" 'HuntAlerts | order by SystemAlertId asc | project SystemAlertId')
re_ids=$(q "$T/re" 'HuntAlerts | order by SystemAlertId asc | project SystemAlertId')
check "reference alerts" "$(echo "$ref_ids" | grep -c .)" 10
check "same alerts after restarts" "$re_ids" "$ref_ids"
check "no alert twice" "$(q "$T/re" 'HuntAlerts | summarize n = count() by SystemAlertId | where n > 1 | count')" 0
check "every row alerted (no missed window)" \
    "$(q "$T/re" 'HuntAlerts | extend r = tostring(CustomDetails.ReportId[0]) | summarize dcount(r)')" 10
ticks='HuntRuleRuns | order by Tick asc | project Tick, Status'
check "ticks 02:00..09:00, once each" "$(q "$T/re" "$ticks" | cut -c12-16 | tr '\n' ' ')" \
    "02:00 03:00 04:00 05:00 06:00 07:00 08:00 09:00 "
check "same runs as the reference" "$(q "$T/re" "$ticks")" "$(q "$T/ref" "$ticks")"
check "no gap, no failure" "$(q "$T/re" 'HuntRuleRuns | where Status != "Succeeded" | count')" 0
check "late row counted as seen, not missed" "$(q "$T/re" 'HuntRuleRuns | summarize sum(LateRowsMissed)')" 0
sink_ids=$(grep '"AlertCreated"' "$T/re/events.ndjson" | sed -E 's/.*"SystemAlertId":"([^"]*)".*/\1/' | sort)
check "sink: each alert delivered once" "$sink_ids" "$(echo "$sink_ids" | sort -u)"
check "sink: all alerts delivered" "$(echo "$sink_ids" | grep -c .)" 10

# bounds and usage
mkdir -p "$T/past"
run detect daemon "$R" --data "$D" --store "$T/past" --until 2000-01-01T00:00:00Z
expect_rc "wall clock past --until: stops at once" 0
check "no step after --until" "$(ls "$T/past")" ""
run detect daemon "$R" --data "$D" --store "$T/past" --every fortnight
expect_rc "bad --every" 2
run detect daemon "$R" --data "$D" --store "$T/past" --now yesterday
expect_rc "bad --now" 2
run detect daemon "$R" --data "$D" --store "$T/past" --now 2026-03-10T02:00:00Z --steps 0
expect_rc "bad --steps" 2

# the wall clock: SIGTERM ends the daemon after its step is saved
mkdir -p "$T/wall"
"$HUNT" detect daemon "$R" --data "$D" --store "$T/wall" --sink none >"$T/out" 2>"$T/err" &
pid=$!
i=0
while [ $i -lt 100 ] && [ "$(q "$T/wall" 'HuntRuleRuns | count' 2>/dev/null)" != 1 ]; do
    sleep 0.1
    i=$((i + 1))
done
kill -TERM "$pid" 2>/dev/null
i=0
while [ $i -lt 50 ] && kill -0 "$pid" 2>/dev/null; do
    sleep 0.1
    i=$((i + 1))
done
if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    rc=137
else
    rc=0
    wait "$pid" || rc=$?
fi
expect_rc "SIGTERM stops the wall-clock daemon within 5 s" 0
check "its step was saved" "$(q "$T/wall" 'HuntRuleRuns | count')" 1

finish
