#!/bin/sh
# tests/cli/detect_webhook.sh — the webhook sink of `hunt detect` against a
# local python3 http.server (127.0.0.1, an ephemeral port, bounded to 30 s):
# a 500 is retried; the bearer secret comes from HUNT_WEBHOOK_SECRET and is
# never printed nor stored; when the receiver stays down, undelivered events
# stay in the store's outbox and the next run delivers them, in order.
# Run as: sh tests/cli/detect_webhook.sh HUNT (tools/run-tests.sh does).
. "$(dirname "$0")/common.inc"

if ! command -v python3 >/dev/null 2>&1; then
    echo "python3 missing: webhook tests skipped"
    finish
fi

R=$T/rules D=$T/data S=$T/store
mkdir -p "$R" "$D" "$S"
cat >"$R/r.yaml" <<'YAML'
id: 7e1b0c55-webh-00k0-test-000000000001
name: Operation from {{IPAddress}}
description: each audit row alerts
severity: High
kind: Scheduled
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
query: |
  CloudAuditEvents
  | project Timestamp, ReportId, IPAddress
entityMappings:
  - entityType: IP
    fieldMappings:
      - identifier: Address
        columnName: IPAddress
eventGroupingSettings:
  aggregationKind: AlertPerResult
YAML
printf '{"Timestamp":"2026-03-10T09:10:00Z","ReportId":"a","IPAddress":"10.1.1.1"}\n{"Timestamp":"2026-03-10T09:20:00Z","ReportId":"b","IPAddress":"10.1.1.2"}\n' \
    >"$D/CloudAuditEvents.ndjson"

cat >"$T/server.py" <<'PY'
import http.server, sys, time
fail_first, portfile, log = int(sys.argv[1]), sys.argv[2], sys.argv[3]
count = [0]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        count[0] += 1
        code = 500 if count[0] <= fail_first else 200
        with open(log, "a") as f:
            f.write("%d %s %s\n" % (code, self.headers.get("Authorization", "-").replace(" ", "_"),
                                    body.decode()))
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass
srv = http.server.HTTPServer(("127.0.0.1", 0), H)
srv.timeout = 0.2
with open(portfile + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os; os.rename(portfile + ".tmp", portfile)
deadline = time.time() + 30
while time.time() < deadline and not os.path.exists(portfile + ".stop"):
    srv.handle_request()
PY

server_pid=
start_server() { # FAIL_FIRST LOG: sets $url
    rm -f "$T/port" "$T/port.stop"
    python3 "$T/server.py" "$1" "$T/port" "$2" &
    server_pid=$!
    i=0
    while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    url="http://127.0.0.1:$(cat "$T/port" 2>/dev/null)/hook"
}
stop_server() {
    touch "$T/port.stop"
    [ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null
    server_pid=
}
check() { # NAME GOT WANT
    if [ "$2" = "$3" ]; then ok; else
        fail=$((fail + 1))
        printf 'FAIL: %s: got [%s], want [%s]\n' "$1" "$2" "$3"
    fi
}

export HUNT_WEBHOOK_BACKOFF_MS=20
SECRET=s3cret-token-4f1d

# 1. the first POST gets a 500 and is retried; the secret is sent, not shown
start_server 1 "$T/log1"
HUNT_WEBHOOK_SECRET=$SECRET run detect run "$R" --data "$D" --store "$S" \
    --at 2026-03-10T10:00:00Z --sink "webhook:$url"
stop_server
expect_rc "delivered after a retry" 0
check "first try got 500" "$(head -n 1 "$T/log1" | cut -d' ' -f1)" 500
check "then 200s" "$(tail -n +2 "$T/log1" | cut -d' ' -f1 | sort -u)" 200
# 2 AlertCreated + 2 IncidentCreated, the first sent twice
check "posts" "$(wc -l <"$T/log1" | tr -d ' ')" 5
check "delivered events" "$(tail -n +2 "$T/log1" | grep -o '"event":"[A-Za-z]*"' | tr '\n' ' ')" \
    '"event":"AlertCreated" "event":"IncidentCreated" "event":"AlertCreated" "event":"IncidentCreated" '
check "bearer secret from the environment" "$(cut -d' ' -f2 "$T/log1" | sort -u)" "Bearer_$SECRET"
check "secret not on stdout/stderr" "$(cat "$T/out" "$T/err" | grep -c "$SECRET")" 0
check "secret not in the store" "$(grep -c "$SECRET" "$S/detect.db")" 0

# 2. the receiver keeps failing: 3 tries, then the events wait in the outbox
start_server 1000 "$T/log2"
printf '{"Timestamp":"2026-03-10T10:10:00Z","ReportId":"c","IPAddress":"10.1.1.3"}\n' \
    >>"$D/CloudAuditEvents.ndjson"
HUNT_WEBHOOK_SECRET=$SECRET run detect run "$R" --data "$D" --store "$S" \
    --at 2026-03-10T11:00:00Z --sink "webhook:$url"
stop_server
expect_rc "undeliverable: exit 1" 1
expect_err "undeliverable: reported" 'could not be delivered.*outbox'
check "3 tries of the first event, none of the rest" "$(wc -l <"$T/log2" | tr -d ' ')" 3
check "secret not in the error" "$(grep -c "$SECRET" "$T/err")" 0

# 3. next run (no new tick), receiver up, no secret set: the outbox drains
start_server 0 "$T/log3"
run detect run "$R" --data "$D" --store "$S" --at 2026-03-10T11:00:00Z --sink "webhook:$url"
stop_server
expect_rc "outbox delivered" 0
check "kept events delivered once, in order" \
    "$(grep -o '"event":"[A-Za-z]*"' "$T/log3" | tr '\n' ' ')" \
    '"event":"AlertCreated" "event":"IncidentCreated" '
check "no Authorization without a secret" "$(cut -d' ' -f2 "$T/log3" | sort -u)" "-"
run detect run "$R" --data "$D" --store "$S" --at 2026-03-10T11:00:00Z --sink "webhook:$url"
expect_rc "nothing left to deliver" 0

# 4. a receiver that is not listening at all (connection refused)
run detect run "$R" --data "$D" --store "$T/s4" --memory --at 2026-03-10T10:00:00Z \
    --sink "webhook:http://127.0.0.1:9/hook"
expect_rc "connection refused: exit 1" 1
run detect run "$R" --data "$D" --memory --at 2026-03-10T10:00:00Z --sink "webhook:ftp://x"
expect_rc "not an http(s) URL" 1

finish
