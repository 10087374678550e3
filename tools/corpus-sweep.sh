#!/bin/sh
# tools/corpus-sweep.sh — runs every corpus query (../shared/corpus/*.jsonl,
# focus.jsonl included) through a sanitizer build of hunt twice: once with
# --check, once run over samples/data (each file loaded with --load, table =
# file name). It reports any crash, sanitizer report or time-out, by corpus
# file and 0-based line; the queries' own errors are not its business
# (make corpus measures those). This is how a crash on real queries is found
# before a user finds it: a clean sweep prints "0 crashed".
#
# usage: sh tools/corpus-sweep.sh HUNT      (HUNT built with SANITIZE=1; skips
#        cleanly without ../shared/corpus; QUERY_TIMEOUT s per run, default 120)
set -eu
cd "$(dirname "$0")/.."
HUNT=${1:?usage: sh tools/corpus-sweep.sh HUNT}
CORPUS=../shared/corpus
if [ ! -d "$CORPUS" ]; then
    echo "corpus-sweep: $CORPUS not found; skipped"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "corpus-sweep: python3 is needed; skipped" >&2
    exit 0
fi
exec python3 - "$HUNT" "$CORPUS" <<'PY'
import concurrent.futures, glob, json, os, subprocess, sys

hunt, corpus = sys.argv[1], sys.argv[2]
timeout = float(os.environ.get("QUERY_TIMEOUT", "120"))

entries = []
for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl"))):
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if line.strip():
                entries.append((os.path.basename(path), i, json.loads(line)["query"]))
loads = []
for path in sorted(glob.glob("samples/data/*.ndjson")):
    loads += ["--load", "%s=%s" % (os.path.basename(path)[:-len(".ndjson")], path)]


def sweep(entry):
    """None when both runs end normally, else what went wrong."""
    name, line, query = entry
    for mode in (["--check"], ["--memory"] + loads):
        try:
            p = subprocess.run([hunt] + mode + ["-"], input=query.encode("utf-8"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               timeout=timeout)
        except subprocess.TimeoutExpired:
            return "%s line %d (%s): timed out after %g s" % (name, line, mode[0], timeout)
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode < 0 or p.returncode >= 128 or "Sanitizer" in err or \
                "runtime error" in err:
            first = [l for l in err.splitlines() if "ERROR" in l or "runtime error" in l]
            return "%s line %d (%s): exit %d %s" % (name, line, mode[0], p.returncode,
                                                    first[0] if first else "")
    return None


with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    bad = [r for r in pool.map(sweep, entries) if r]
for r in bad:
    print("  " + r)
print("corpus-sweep: %d queries, each checked and run: %d crashed or timed out"
      % (len(entries), len(bad)))
sys.exit(1 if bad else 0)
PY
