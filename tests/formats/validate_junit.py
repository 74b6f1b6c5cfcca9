#!/usr/bin/env python3
"""Checks the structure of `wegwijzer check --format junit`.

Usage: validate_junit.py WEGWIJZER [INPUT...]

Run from the repository root (ctest does). Every INPUT (a .ww file or a folder) is checked on its
own with `--format junit`; the output must be well-formed XML (xml.etree) with:

- a root <testsuites> whose tests/failures/errors/skipped attributes are the sums over its suites;
- <testsuite> children only, each with name, tests, failures, errors, skipped and time attributes
  that match its <testcase> children (a failure is a <failure> child, a skipped case a <skipped>
  child, never both);
- <testcase> children only, each with classname, name and time;
- a first suite named `analysis` with one case per input file;
- no inconclusive failure when the exit code is 0, and at least one failure when it is 1.

A JUnit failure does not tell an error from a warning (a dead, masked or redundant rule is a
failed check too), so the exit code is not compared with the failure count.

Without INPUTs a default list of shipped rulesets and defect files is used. Exits 0 when every
input passes, 1 when one fails, 2 on a usage error.
"""
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

DEFAULT_INPUTS = [
    "rulesets",
    "tests/golden/verify/formats/junit.ww",
    "tests/golden/verify/formats/sarif.ww",
    "tests/golden/verify/clean.ww",
    "tests/golden/verify/exception_cycle.ww",
    "tests/golden/verify/assumptions_contradict.ww",
    "tests/data/asked_when_unasked.ww",
]


def count_attr(el, name, problems, where):
    value = el.get(name)
    if value is None:
        problems.append(f"{where}: missing attribute {name!r}")
        return None
    try:
        n = int(value)
    except ValueError:
        problems.append(f"{where}: attribute {name}={value!r} is not a whole number")
        return None
    if n < 0:
        problems.append(f"{where}: attribute {name}={value!r} is negative")
    return n


def check(root, path, exit_code):
    problems = []
    if root.tag != "testsuites":
        return [f"{path}: the root element is <{root.tag}>, not <testsuites>"]
    sums = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suites = list(root)
    if not suites:
        problems.append(f"{path}: <testsuites> has no <testsuite>")
    for si, suite in enumerate(suites):
        where = f"{path}: testsuite[{si}]"
        if suite.tag != "testsuite":
            problems.append(f"{where}: <{suite.tag}> inside <testsuites>")
            continue
        if not suite.get("name"):
            problems.append(f"{where}: no name")
        if suite.get("time") is None:
            problems.append(f"{where}: no time")
        real = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for ci, case in enumerate(suite):
            cw = f"{where} ({suite.get('name')}) testcase[{ci}]"
            if case.tag != "testcase":
                problems.append(f"{cw}: <{case.tag}> inside <testsuite>")
                continue
            for attr in ("classname", "name", "time"):
                if not case.get(attr):
                    problems.append(f"{cw}: no {attr}")
            real["tests"] += 1
            kinds = [c.tag for c in case]
            for k in kinds:
                if k not in ("failure", "error", "skipped", "system-out", "system-err"):
                    problems.append(f"{cw}: unexpected <{k}>")
            if kinds.count("failure") + kinds.count("error") + kinds.count("skipped") > 1:
                problems.append(f"{cw}: more than one of failure/error/skipped")
            real["failures"] += kinds.count("failure")
            real["errors"] += kinds.count("error")
            real["skipped"] += kinds.count("skipped")
            for f in case.findall("failure"):
                if f.get("message") is None:
                    problems.append(f"{cw}: <failure> without message")
        for key in real:
            declared = count_attr(suite, key, problems, where)
            if declared is not None and declared != real[key]:
                problems.append(f"{where} ({suite.get('name')}): {key}={declared}, but it holds "
                                f"{real[key]}")
            sums[key] += real[key]
    for key in sums:
        declared = count_attr(root, key, problems, f"{path}: testsuites")
        if declared is not None and declared != sums[key]:
            problems.append(f"{path}: testsuites {key}={declared}, but the suites hold {sums[key]}")
    if suites and suites[0].get("name") != "analysis":
        problems.append(f"{path}: the first suite is {suites[0].get('name')!r}, not 'analysis'")
    # Exit code 1 means an error was reported: some check or test must have failed.
    if exit_code == 1 and sums["failures"] == 0:
        problems.append(f"{path}: exit code 1 (errors), but no <failure> in the report")
    # An inconclusive check makes the exit code 3 (no --allow-inconclusive is passed here).
    if exit_code == 0:
        for f in root.iter("failure"):
            if f.get("type") == "inconclusive":
                problems.append(f"{path}: exit 0 with an inconclusive check")
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary, inputs = argv[1], argv[2:] or DEFAULT_INPUTS
    failed = 0
    for path in inputs:
        proc = subprocess.run([binary, "check", "--format", "junit", path], capture_output=True,
                              text=True, env=dict(os.environ, NO_COLOR="1"))
        problems = []
        if proc.returncode not in (0, 1, 3):
            problems.append(f"{path}: exit code {proc.returncode}\n{proc.stderr}")
        elif proc.stderr:
            problems.append(f"{path}: unexpected output on standard error:\n{proc.stderr}")
        else:
            try:
                root = ET.fromstring(proc.stdout.encode("utf-8"))
            except ET.ParseError as e:
                problems.append(f"{path}: not well-formed XML: {e}")
            else:
                problems += check(root, path, proc.returncode)
                files = 1 if os.path.isfile(path) else None
                analysis = [s for s in root if s.get("name") == "analysis"]
                if files and analysis and int(analysis[0].get("tests", -1)) < files:
                    problems.append(f"{path}: the analysis suite has no case for the input file")
        if problems:
            failed += 1
            for p in problems:
                print(f"validate_junit: {p}", file=sys.stderr)
        else:
            print(f"ok: {path} (exit {proc.returncode})")
    print(f"{len(inputs) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
