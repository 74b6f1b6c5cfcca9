#!/usr/bin/env python3
"""`wegwijzer fmt` on every shipped ruleset and every golden input.

Usage: check_fmt.py WEGWIJZER

Run from the repository root (ctest does). rulesets/ and tests/golden/ are copied to a scratch
folder (nothing in the repository is changed) and `fmt` rewrites the copies. Then:

1. `fmt --check` on the copies changes nothing (fmt is idempotent);
2. a file fmt refuses (it does not parse) is left byte for byte as it was;
3. `check --format json` of every file that fmt changed gives the same findings before and after (code,
   severity, id, message, notes and help; positions may move), run from the repository and from
   the scratch folder so that paths read the same.

Exits 0 when everything holds, 1 otherwise.
"""
import concurrent.futures
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def findings(binary, root, path):
    out = subprocess.run([binary, "check", "--format", "json", path], cwd=root,
                         capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
    try:
        doc = json.loads(out.stdout)
    except json.JSONDecodeError:
        return ("not json", out.returncode, out.stdout, out.stderr)
    # A note that names another finding's place ("also because of this: FILE:LINE:COL: …")
    # moves with the layout; the finding it names is compared on its own.
    def unplaced(note):
        return re.sub(r"^(also because of this: [^:]+):\d+:\d+:", r"\1:", note)
    keys = sorted((d["code"], d["severity"], d.get("id", ""), d["message"],
                   tuple(unplaced(n) for n in d["notes"]), tuple(d["help"]))
                  for d in doc["diagnostics"])
    return (out.returncode, keys)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    files = sorted(glob.glob("rulesets/**/*.ww", recursive=True) +
                   glob.glob("tests/golden/**/*.ww", recursive=True))
    # Symbolic links (the link-loop tests) are inputs of their own tests, not files to format.
    files = [f for f in files if not os.path.islink(f) and os.path.isfile(f)]
    problems = []
    with tempfile.TemporaryDirectory(prefix="ww-fmt-") as scratch:
        for d in ("rulesets", os.path.join("tests", "golden")):
            shutil.copytree(d, os.path.join(scratch, d), symlinks=True)
        before = {f: open(f, "rb").read() for f in files}
        formatted = refused = 0
        for f in files:
            run = subprocess.run([binary, "fmt", f], cwd=scratch, capture_output=True, text=True)
            after = open(os.path.join(scratch, f), "rb").read()
            if run.returncode == 0:
                formatted += 1
            elif run.returncode == 1 and after == before[f]:
                refused += 1
            else:
                problems.append(f"{f}: fmt exit {run.returncode}, file changed: "
                                f"{after != before[f]}\n{run.stderr}")
        again = subprocess.run([binary, "fmt", "--check", "rulesets"] +
                               [f for f in files if f.startswith("tests")],
                               cwd=scratch, capture_output=True, text=True)
        for line in again.stdout.splitlines():
            problems.append(f"{line}: not idempotent (a second fmt changes it)")
        # A file fmt left byte for byte as it was is checked the same (check is
        # deterministic): only the files it changed need the two checks, run on every core.
        changed = [f for f in files if open(os.path.join(scratch, f), "rb").read() != before[f]]
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            runs = {f: (pool.submit(findings, binary, ".", f),
                        pool.submit(findings, binary, scratch, f)) for f in changed}
        for f in changed:
            a, b = runs[f][0].result(), runs[f][1].result()
            if a != b:
                problems.append(f"{f}: check finds other things after fmt:\n  before {a}\n  after  {b}")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(files)} files: {formatted} formatted, {refused} refused (they do not parse); "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
