#!/usr/bin/env python3
"""Validates `wegwijzer diff --format json` against docs/diff.schema.json.

Usage: validate_diff.py WEGWIJZER

Run from the repository root (ctest does). Every pair tests/golden/diff/NAME/{old,new}.ww is
compared with `--format json`; the output must be one JSON document that the schema accepts
(python3-jsonschema), and its numbers must agree: a ruleset's `changed` is at most its `cases`,
the changes' counts add up to their decision's, and the regions cover every case, and `anyCaseChanged`
is true exactly when some decision lists a change. Exits 0 when every pair passes, 1 otherwise.
"""
import glob
import json
import os
import subprocess
import sys

SCHEMA = os.path.join("docs", "diff.schema.json")


def check_numbers(doc, where):
    problems = []
    for ruleset in doc["rulesets"]:
        for rs in ruleset.get("periods", []):
            problems += check_period(rs, where)
        if ruleset["compared"] and ruleset["anyCaseChanged"] != any(
                p["compared"] and p["anyCaseChanged"] for p in ruleset["periods"]):
            problems.append(f"{where}: the ruleset's anyCaseChanged does not match its periods")
    return problems


def check_period(rs, where):
    problems = []
    if not rs["compared"]:
        return problems
    changes = [c for d in rs["decisions"] for c in d["changes"]]
    if rs["anyCaseChanged"] != bool(changes):
        problems.append(f"{where}: anyCaseChanged does not match the changes listed")
    if rs["counted"]:
        if rs["changed"] > rs["cases"]:
            problems.append(f"{where}: more cases changed than compared")
        for d in rs["decisions"]:
            outcome = sum(c["count"] for c in d["changes"] if c["kind"] == "outcome")
            obligations = sum(c["count"] for c in d["changes"] if c["kind"] == "obligations")
            if outcome != d["outcomeChanged"] or obligations != d["obligationsChanged"]:
                problems.append(f"{where}: decision {d['id']}: the changes' counts do not add up")
            for c in d["changes"]:
                if c["casesOutsideRegionsIsLowerBound"]:
                    continue
                if sum(r["count"] for r in c["regions"]) + c["casesOutsideRegions"] < c["count"]:
                    problems.append(f"{where}: {c['old']} -> {c['new']}: regions miss cases")
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    import jsonschema
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    pairs = sorted(glob.glob(os.path.join("tests", "golden", "diff", "*", "old.ww")))
    if not pairs:
        print("validate_diff: no pairs found", file=sys.stderr)
        return 1
    failed = False
    for old in pairs:
        new = os.path.join(os.path.dirname(old), "new.ww")
        out = subprocess.run([argv[1], "diff", "--format", "json", old, new],
                             capture_output=True, text=True)
        try:
            doc = json.loads(out.stdout)
        except json.JSONDecodeError as e:
            print(f"{old}: not JSON: {e}\n{out.stdout}{out.stderr}", file=sys.stderr)
            failed = True
            continue
        errors = [f"{old}: {e.json_path}: {e.message}" for e in validator.iter_errors(doc)]
        errors += check_numbers(doc, old)
        for e in errors:
            print(e, file=sys.stderr)
        failed = failed or bool(errors)
        print(f"{old}: {'FAIL' if errors else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
