#!/usr/bin/env python3
# tests/ingest/server.py — the loopback HTTP server of tests/ingest/pull.sh.
# Serves paged JSON answers on 127.0.0.1 (port chosen by the OS, written to
# the file given as argv[1]) and injects faults by path:
#   /events?page=N       3 pages of 2 records, linked by @odata.nextLink;
#                        page 2 answers 429 (Retry-After: 1) the first time,
#                        page 3 answers 500, then a truncated body, then OK
#   /flaky?page=N        like /events, but page 2 answers 403 until /fix is hit
#   /slow                sleeps 5 s before answering
#   /fix                 makes /flaky page 2 answer
# Every request must carry "Authorization: Bearer s3cret" (else 401).
# The server exits by itself after 120 s.
import json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

hits = {}
fixed = {"flaky": False}

def page_body(base, page):
    recs = [{"id": (page - 1) * 2 + k, "name": "rec%d" % ((page - 1) * 2 + k)} for k in range(2)]
    doc = {"value": recs}
    if page < 3:
        doc["@odata.nextLink"] = "http://127.0.0.1:%d/%s?page=%d" % (PORT, base, page + 1)
    return json.dumps(doc).encode()

class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, code, body=b"", headers=None, length=None):
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(length if length is not None else len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        u = urlparse(self.path)
        base = u.path.strip("/")
        page = int(parse_qs(u.query).get("page", ["1"])[0])
        key = "%s:%d" % (base, page)
        hits[key] = hits.get(key, 0) + 1
        n = hits[key]
        if self.headers.get("Authorization") != "Bearer s3cret":
            return self.send(401, b'{"error":"unauthorized"}')
        if base == "fix":
            fixed["flaky"] = True
            return self.send(200, b"{}")
        if base == "slow":
            time.sleep(5)
            return self.send(200, page_body("slow", 3))
        if base == "events" and page == 2 and n == 1:
            return self.send(429, b'{"error":"throttled"}', {"Retry-After": "1"})
        if base == "events" and page == 3 and n == 1:
            return self.send(500, b'{"error":"boom"}')
        if base == "events" and page == 3 and n == 2:
            body = page_body(base, page)
            self.send(200, body[: len(body) // 2], length=len(body))
            self.close_connection = True
            return
        if base == "flaky" and page == 2 and not fixed["flaky"]:
            return self.send(403, b'{"error":"forbidden"}')
        if base in ("events", "flaky"):
            return self.send(200, page_body(base, page))
        self.send(404, b'{"error":"not found"}')

srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
PORT = srv.server_address[1]
with open(sys.argv[1], "w") as f:
    f.write(str(PORT))
threading.Timer(120, srv.shutdown).start()
srv.serve_forever()
