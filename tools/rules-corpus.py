#!/usr/bin/env python3
"""tools/rules-corpus.py — measures `hunt rules lint` over the published
Sentinel rules of ../shared/corpus (entries with a "rule" object).

Each rule is written to a temporary directory as Sentinel-style YAML (name,
id, description, query and the rule's own fields), then linted one file per
process (a crash costs one rule, not the run). Prints how many load and how
many bind, overall and for the rules over tables hunt has schemas for.
The corpus is a test input only: nothing is copied into the project.

usage: python3 tools/rules-corpus.py HUNT_BINARY [CORPUS_DIR]
Skips (exit 0) when the corpus directory is absent.
"""
import glob, json, os, re, subprocess, sys, tempfile, uuid, collections

try:
    import yaml
except ImportError:
    yaml = None

KNOWN = {"SecurityAlert", "CloudAuditEvents", "CloudProcessEvents", "AlertInfo", "AlertEvidence",
         "SecurityIncident"}


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    hunt = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus")
    if not os.path.isdir(corpus):
        print("rules-corpus: %s not found; skipped" % corpus)
        return 0
    entries, seen = [], set()
    for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            e = json.loads(line)
            if not isinstance(e.get("rule"), dict):
                continue
            key = (e.get("repo"), e.get("path"), e.get("query"))
            if key in seen:
                continue
            seen.add(key)
            entries.append(e)
    tmp = tempfile.mkdtemp(prefix="hunt-corpus-")
    stats = collections.Counter()
    errors = collections.Counter()
    for i, e in enumerate(entries):
        doc = {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, "%s/%s" % (e.get("repo"), e.get("path")))),
               "name": e.get("name") or "rule %d" % i, "description": "corpus rule",
               "query": e["query"]}
        doc.update(e["rule"])
        f = os.path.join(tmp, "%05d.yaml" % i)
        with open(f, "w", encoding="utf-8") as out:
            if yaml:
                yaml.safe_dump(doc, out, sort_keys=False, allow_unicode=True, width=10000)
            else:
                json.dump(doc, out)
        d = os.path.join(tmp, "d%05d" % i)
        os.mkdir(d)
        os.rename(f, os.path.join(d, "rule.yaml"))
        try:
            p = subprocess.run([hunt, "rules", "lint", d], capture_output=True, text=True, timeout=60)
            out = p.stdout
        except subprocess.TimeoutExpired:
            out = ""
            p = None
        m = re.search(r"(\d+) loaded, (\d+) with queries, (\d+) bound, (\d+) errors", out)
        known = any(re.search(r"\b%s\b" % t, e["query"]) for t in KNOWN)
        stats["rules"] += 1
        stats["known_rules"] += known
        if not m:
            stats["crashed"] += 1
            continue
        loaded, bound, nerr = int(m.group(1)), int(m.group(3)), int(m.group(4))
        stats["loaded"] += loaded
        stats["bound"] += bound
        stats["clean"] += nerr == 0
        if known:
            stats["known_loaded"] += loaded
            stats["known_bound"] += bound
        for l in out.splitlines():
            mm = re.search(r": error: (.*)", l)
            if mm:
                msg = re.sub(r"'[^']*'", "'X'", mm.group(1))[:70]
                errors[msg] += 1
        os.unlink(os.path.join(d, "rule.yaml"))
        os.rmdir(d)
    os.rmdir(tmp) if not os.listdir(tmp) else None
    print("corpus rules: %(rules)d; loaded %(loaded)d; bound %(bound)d; no errors %(clean)d; crashed %(crashed)d" % collections.defaultdict(int, stats))
    print("over SecurityAlert/CloudAuditEvents/CloudProcessEvents/AlertInfo/AlertEvidence/SecurityIncident: %d rules, %d loaded, %d bound"
          % (stats["known_rules"], stats["known_loaded"], stats["known_bound"]))
    print("most common errors:")
    for msg, n in errors.most_common(12):
        print("  %5d  %s" % (n, msg))
    return 0


if __name__ == "__main__":
    sys.exit(main())
