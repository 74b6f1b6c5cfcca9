#!/usr/bin/env python3
"""Every error code of docs/diagnostics.md tells the same story in every format.

Usage: every_error_code.py WEGWIJZER

Run from the repository root (ctest does). For each code whose severity in docs/diagnostics.md
is `error`, a golden test (tests/golden/**/*.expected) whose `check` or `test` command prints
`error[CODE]` is run again in each format, and:

- text: `error[CODE]` is printed;
- JSON: `diagnostics` has the code with severity `error`;
- SARIF: `results` has the code with level `error`;
- JUnit: some <failure> names `[CODE]` in its body, and the failures are counted;
- GitHub annotations: an `::error` line titled `wegwijzer CODE`;
- the exit code is not 0, the same in every format.

Codes that only other commands report (`export`, `ask`, `fmt`) must be printed by a golden test of that
command instead; they are listed in OTHER_COMMANDS, and a code listed there that `check` reports
too, or that no golden test shows, fails the test. E0010 and E0602 report a fault of the tool
itself (fmt changing a token, a decision tree that does not match its rules): no input is known
to give them, so they are only checked to be documented. Exits 0 when every code passes.
"""
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET

DOCS = os.path.join("docs", "diagnostics.md")
# Codes no `check` or `test` run reports, and the command whose golden test shows them.
OTHER_COMMANDS = {"E0601": "export", "E0012": "fmt"}
# Faults of the tool itself, which no input is known to give.
FAULTS = {"E0010", "E0602"}


def error_codes():
    codes = []
    with open(DOCS, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'\| <a id="([EWN]\d{4})"></a>\1 \| ([a-z]+)', line)
            if m and m.group(2) == "error":
                codes.append(m.group(1))
    return codes


def goldens():
    """(command words, expected text) of every golden test, placeholders filled in."""
    out = []
    for expected in sorted(glob.glob(os.path.join("tests", "golden", "**", "*.expected"),
                                     recursive=True)):
        with open(expected, encoding="utf-8", errors="replace") as f:
            text = f.read()
        first = text.split("\n", 1)[0]
        if not first.startswith("# command: wegwijzer "):
            continue
        rel = os.path.relpath(expected[: -len(".expected")])
        args = first[len("# command: wegwijzer "):]
        args = args.replace("{file}", rel).replace("{dir}", os.path.dirname(rel))
        out.append((shlex.split(args), text))
    return out


def without_format(words):
    out, skip = [], False
    for w in words:
        if skip:
            skip = False
            continue
        if w == "--format":
            skip = True
            continue
        if w.startswith("--format="):
            continue
        out.append(w)
    return out


def run(binary, words):
    env = dict(os.environ, NO_COLOR="1", WW_TODAY=os.environ.get("WW_TODAY", "2026-12-06"))
    return subprocess.run([binary] + words, capture_output=True, text=True, env=env, timeout=300)


def check_code(binary, code, words):
    problems = []
    base = without_format(words)
    text = run(binary, base)
    if f"error[{code}]" not in text.stdout + text.stderr:
        problems.append(f"text: no error[{code}]")
    if text.returncode == 0:
        problems.append("text: exit code 0")
    for fmt in ("json", "sarif", "junit", "github"):
        proc = run(binary, base[:1] + ["--format", fmt] + base[1:])
        if proc.returncode != text.returncode:
            problems.append(f"{fmt}: exit code {proc.returncode}, text gave {text.returncode}")
        try:
            if fmt == "json":
                doc = json.loads(proc.stdout)
                if not any(d.get("code") == code and d.get("severity") == "error"
                           for d in doc.get("diagnostics", [])):
                    problems.append("json: not in `diagnostics` as an error")
            elif fmt == "sarif":
                doc = json.loads(proc.stdout)
                results = [r for run_ in doc["runs"] for r in run_["results"]]
                if not any(r.get("ruleId") == code and r.get("level") == "error"
                           for r in results):
                    problems.append("sarif: no result with level error")
            elif fmt == "github":
                if not re.search(rf"^::error [^\n]*title=wegwijzer {code}::", proc.stdout, re.M):
                    problems.append("github: no ::error annotation")
            else:
                root = ET.fromstring(proc.stdout.encode("utf-8"))
                failures = list(root.iter("failure"))
                if int(root.get("failures", "0")) != len(failures) or not failures:
                    problems.append("junit: no failure, or a wrong count")
                if not any(f"[{code}]" in (f.text or "") + (f.get("message") or "")
                           for f in failures):
                    problems.append(f"junit: no failure names [{code}]")
        except (ValueError, KeyError, ET.ParseError) as e:
            problems.append(f"{fmt}: unreadable output: {e}")
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = argv[1]
    codes = error_codes()
    if len(codes) < 40:
        print(f"every_error_code: only {len(codes)} error codes read from {DOCS}", file=sys.stderr)
        return 1
    tests = goldens()
    failed = []
    for code in codes:
        marker = f"error[{code}]"
        if code in FAULTS:
            print(f"ok: {code} (a fault of the tool: documented, no input gives it)")
            continue
        checks = [w for w, t in tests if w and w[0] in ("check", "test") and marker in t]
        if code in OTHER_COMMANDS:
            others = [w for w, t in tests if w and w[0] == OTHER_COMMANDS[code] and marker in t]
            if checks:
                failed.append(f"{code}: listed as reported by `{OTHER_COMMANDS[code]}` only, "
                              f"but `{' '.join(checks[0])}` reports it")
            elif not others:
                failed.append(f"{code}: no golden test of `{OTHER_COMMANDS[code]}` shows it")
            else:
                print(f"ok: {code} (`{OTHER_COMMANDS[code]}`: {' '.join(others[0])})")
            continue
        if not checks:
            failed.append(f"{code}: no golden test of `check` or `test` shows it")
            continue
        # The shortest command, to keep the run short.
        words = min(checks, key=lambda w: (len(w), w))
        problems = check_code(binary, code, words)
        if problems:
            failed.append(f"{code} ({' '.join(words)}): " + "; ".join(problems))
        else:
            print(f"ok: {code} ({' '.join(words)})")
    for f in failed:
        print(f"every_error_code: {f}", file=sys.stderr)
    print(f"{len(codes) - len(failed)} of {len(codes)} error codes pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
