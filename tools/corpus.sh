#!/bin/sh
# tools/corpus.sh — measures hunt against real published hunting queries
# (../shared/corpus/*.jsonl, read-only; they are measured, never copied here):
#   1. the share of all corpus queries `hunt --syntax` accepts (focus.jsonl
#      only repeats queries of the other files, so it is left out here);
#   2. the share of focus.jsonl queries `hunt --check` binds;
#   3. the share of the binding focus queries that run without error over
#      samples/data/*.ndjson (each loaded with --load, table = file name);
#      queries that bind only by assuming the columns of a watchlist that is
#      not loaded (hunt --check says so) are counted apart: they need the
#      user's watchlist to run;
#   4. not a target, the share of all corpus queries `hunt --check` binds —
#      the measure of how much real-world KQL hunt takes beyond the focus set;
# each with the top failure reasons: the error messages grouped by a
# normalized form (positions, numbers and the query's own names masked), with counts.
# Failures listed in tools/corpus-known-failures.tsv (corpus file, 0-based
# line, step, kind, reason: queries Kusto itself rejects, columns Microsoft
# does not document, objects of the author's own workspace, features hunt
# reports as not supported) are counted by kind; the top reasons are those of
# the failures not listed, and a listed query that now passes is named so
# that the list stays true.
# Two hunt processes run at a time; each query may take QUERY_TIMEOUT s.
#
# usage: sh tools/corpus.sh HUNT        (skips cleanly without ../shared/corpus)
set -eu
cd "$(dirname "$0")/.."
HUNT=${1:?usage: sh tools/corpus.sh HUNT}
CORPUS=../shared/corpus
if [ ! -d "$CORPUS" ]; then
    echo "corpus: $CORPUS not found; skipped"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "corpus: python3 is needed; skipped" >&2
    exit 0
fi
exec python3 - "$HUNT" "$CORPUS" <<'PY'
import collections, concurrent.futures, glob, json, os, re, subprocess, sys

hunt, corpus = sys.argv[1], sys.argv[2]
timeout = float(os.environ.get("QUERY_TIMEOUT", "20"))
top = int(os.environ.get("TOP", "10"))


def queries(path):
    """(label, query text, (file, line)) of each entry of a corpus file."""
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if line.strip():
                e = json.loads(line)
                out.append(("%s:%s" % (e.get("repo", "?"), e.get("path", "?")), e["query"],
                            (os.path.basename(path), i)))
    return out


def known_failures(path):
    """{step: {(file, line): kind}} from the list of known failures."""
    known = collections.defaultdict(dict)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    file, idx, step, kind = line.rstrip("\n").split("\t")[:4]
                    known[step][(file, int(idx))] = kind
    return known


known = known_failures("tools/corpus-known-failures.tsv")


def first_error(stderr):
    for line in stderr.splitlines():
        if line.startswith("hunt: error: "):
            return line[len("hunt: error: "):]
    lines = [l for l in stderr.splitlines() if l.strip()]
    return lines[-1] if lines else "(no message)"


ASSUMED = b"a watchlist is not loaded; its columns are assumed"
assumed = set()  # labels of queries that bound only with assumed watchlist columns


def run(args, query, label=None):
    """None when hunt accepts the query, else the reason."""
    try:
        p = subprocess.run([hunt] + args + ["-"], input=query.encode("utf-8"),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timed out after %g s" % timeout
    if p.returncode == 0:
        if ASSUMED in p.stderr:
            assumed.add(label)
        return None
    if p.returncode < 0 or p.returncode >= 128 or b"Sanitizer" in p.stderr:
        return "CRASH (exit %d)" % p.returncode
    return first_error(p.stderr.decode("utf-8", "replace"))


NAME_ERRORS = re.compile(r"unknown (table|name|column)|datetime literal")


def normalize(msg):
    """Groups messages: positions go; quoted text stays when it names a
    feature (an operator, function or token) and is masked when it names
    the query's own tables, columns or values; numbers elsewhere become N."""
    if msg.startswith("CRASH"):
        return msg
    msg = re.sub(r"^line \d+, column \d+: ", "", msg)
    msg = re.sub(r" \(did you mean '[^']*'\?\)$", "", msg)
    mask = bool(NAME_ERRORS.search(msg))
    parts = re.split(r"('[^']*'|\"[^\"]*\"|`[^`]*`)", msg)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append("'…'" if mask or len(part) > 26 else part)
        else:
            out.append(re.sub(r"\d+", "N", part))
    return "".join(out)[:110]


def measure(title, step, args, items):
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        reasons = list(pool.map(lambda item: run(args, item[1], item[0]), items))
    ok = [item for item, r in zip(items, reasons) if r is None]
    share = 100.0 * len(ok) / len(items) if items else 0.0
    print("%s: %d of %d (%.1f%%)" % (title, len(ok), len(items), share))
    wl = [item for item in ok if item[0] in assumed]
    if wl:
        print("  (%d of them bind only with assumed watchlist columns; they need the"
              " user's watchlist to run)" % len(wl))
    listed = known.get(step, {})
    kinds = collections.Counter(listed[item[2]] for item, r in zip(items, reasons)
                                if r is not None and item[2] in listed)
    if kinds:
        print("  %d of the %d failures are listed in tools/corpus-known-failures.tsv: %s"
              % (sum(kinds.values()), len(items) - len(ok),
                 ", ".join("%d %s" % (n, k) for k, n in kinds.most_common())))
    for item in ok:
        if item[2] in listed:
            print("  listed as failing, but passes now: %s line %d" % item[2])
    counts = collections.Counter(normalize(r) for item, r in zip(items, reasons)
                                 if r is not None and item[2] not in listed)
    if counts:
        print("  not listed:")
    for reason, n in counts.most_common(top):
        print("  %5d  %s" % (n, reason))
    crashes = [item[0] for item, r in zip(items, reasons) if r and r.startswith("CRASH")]
    for label in crashes[:5]:
        print("  crashed on: %s" % label)
    sys.stdout.flush()
    return ok


files = sorted(glob.glob(os.path.join(corpus, "*.jsonl")))
focus_path = os.path.join(corpus, "focus.jsonl")
everything = [q for p in files if p != focus_path for q in queries(p)]
focus = queries(focus_path) if os.path.exists(focus_path) else []

measure("syntax (hunt --syntax, all corpus queries)", "syntax", ["--syntax"], everything)
bound = measure("check (hunt --check, focus queries)", "check", ["--check"], focus)
loads = []
for path in sorted(glob.glob("samples/data/*.ndjson")):
    loads += ["--load", "%s=%s" % (os.path.basename(path)[:-len(".ndjson")], path)]
if not loads:
    print("run: no samples/data/*.ndjson; skipped")
else:
    measure("run (focus queries that bind, over samples/data)", "run", loads,
            [item for item in bound if item[0] not in assumed])
measure("check (hunt --check, all corpus queries; not a target)", "check-all", ["--check"],
        everything)
PY
