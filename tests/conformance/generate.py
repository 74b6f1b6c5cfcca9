#!/usr/bin/env python3
"""Writes the conformance vectors: for every shipped ruleset (rulesets/*.ww that declares a
`ruleset`) and for random rulesets of the fuzz generator, `wegwijzer export --format vectors`
into OUT_DIR/NAME.vectors.json: every period's tree, and cases on every root-to-leaf path with
the evaluator's result. runtime/js (`npm test`) and runtime/python replay them.

    python3 tests/conformance/generate.py WEGWIJZER OUT_DIR [--generator PATH] [--generated N]

Run from the repository root. Random rulesets that the tree cannot be built for in time, or
with a number question of more than 256 answers (the export lists every answer of an edge),
are left out and counted; any other failure fails the run.
"""

import argparse
import concurrent.futures
import json
import pathlib
import re
import shutil
import subprocess
import sys
import time


def declares_ruleset(path: pathlib.Path) -> bool:
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*module\s", line):
            return False
        if re.match(r"^\s*ruleset\s", line):
            return True
    return False


def wide_range(folder: pathlib.Path) -> bool:
    for f in folder.glob("*.ww"):
        for lo, hi in re.findall(r"(-?\d+)\.\.(-?\d+)", f.read_text(encoding="utf-8")):
            if int(hi) - int(lo) > 255:
                return True
    return False


def export(binary, ruleset, out, extra):
    started = time.monotonic()
    p = subprocess.run([binary, "export", "--format", "vectors", "--no-cache", *extra, str(ruleset),
                        "-o", str(out)], capture_output=True, text=True)
    return p.returncode, p.stderr, time.monotonic() - started


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("out")
    ap.add_argument("--generator", help="ww_generate_rulesets (tests/conformance/generate_rulesets.cpp)")
    ap.add_argument("--generated", type=int, default=100, help="random rulesets (default 100)")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    vectors = out / "vectors"
    shutil.rmtree(out, ignore_errors=True)
    vectors.mkdir(parents=True)

    jobs = []  # (name, ruleset file, extra options, generated)
    for f in sorted(pathlib.Path("rulesets").glob("*.ww")):
        if declares_ruleset(f):
            jobs.append((f.stem, f, [], False))
    skipped_wide = 0
    if args.generator and args.generated > 0:
        src = out / "generated"
        subprocess.run([args.generator, str(src), str(args.generated)], check=True)
        for d in sorted(src.iterdir(), key=lambda p: int(p.name)):
            if wide_range(d):
                skipped_wide += 1
                continue
            # Generated rulesets may have gaps or conflicts: the tree is still built and proven
            # equal to the rules (a null outcome where they decide nothing).
            jobs.append((f"generated-{d.name}", d / "g.ww", ["--unverified", "--timeout", "5"], True))

    failures, gave_up, done = [], [], []
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(export, args.binary, f, vectors / f"{name}.vectors.json", extra):
                   (name, f, generated) for name, f, extra, generated in jobs}
        for fut in concurrent.futures.as_completed(futures):
            name, f, generated = futures[fut]
            code, err, seconds = fut.result()
            if code == 0:
                done.append((name, seconds))
            elif generated and code == 3:
                gave_up.append(name)  # the solver's time limit: not a disagreement
                (vectors / f"{name}.vectors.json").unlink(missing_ok=True)
            else:
                failures.append(f"{f}: exit {code}\n{err}")
    total = time.monotonic() - started

    cases = paths = trees = size = 0
    for name, seconds in sorted(done):
        path = vectors / f"{name}.vectors.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        size += path.stat().st_size
        n = sum(len(s["cases"]) for s in doc["periods"])
        p = sum(s["paths"] for s in doc["periods"])
        cases, paths, trees = cases + n, paths + p, trees + len(doc["periods"])
        if not name.startswith("generated-"):
            print(f"ok {name}: {len(doc['periods'])} periods, {p} paths, {n} cases, "
                  f"{path.stat().st_size // 1024} KiB, {seconds:.1f} s")
    generated = [n for n, _ in done if n.startswith("generated-")]
    print(f"ok {len(generated)} generated rulesets ({skipped_wide} left out for a number question "
          f"of more than 256 answers, {len(gave_up)} for the solver's time limit)")
    print(f"vectors: {len(done)} files, {trees} trees, {paths} paths, {cases} cases, "
          f"{size / 1e6:.1f} MB, {total:.1f} s")
    for f in failures:
        print(f"FAILED {f}", file=sys.stderr)
    return 1 if failures or not done else 0


if __name__ == "__main__":
    sys.exit(main())
