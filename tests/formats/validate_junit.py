#!/usr/bin/env python3
"""Checks the structure of `wegwijzer check --format junit`.

Usage: validate_junit.py WEGWIJZER [INPUT...]

Run from the repository root (ctest does). Every INPUT (a .ww file or a folder) is checked on its
own with `--format junit`; the output must be well-formed XML (xml.etree) with:

- a root <testsuites> whose tests/failures/errors/skipped attributes are the sums over its suites;
- <testsuite> children only, each with name, tests, failures, errors and skipped attributes
  that match its <testcase> children (a failure is a <failure> child, a skipped case a <skipped>
  child, never both);
- <testcase> children only, each with classname and name;
- a `time` attribute (seconds, a number) on every suite and on every case of a ruleset when
  `--timings` is given, and none without it (the report is then the same in every run);
- a first suite named `analysis` with one case per input file;
- the failures tell the exit code's story: none when the exit code is 0 (warnings and waived
  findings are not failures), at least one when it is 1 or 3 (every error of any stage, and
  every inconclusive check, is a failure with a body), and no inconclusive failure at exit 0.

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
    "tests/golden/dates/bad_dates.ww",
    "tests/golden/dates/overlap_versions.ww",
    "tests/golden/dates/hole_between_versions.ww",
    "tests/golden/dates/outlives_outcome.ww",
    "tests/golden/frontend/bad/E0003_three_errors.ww",
    "tests/golden/waivers/waived.ww",
    "tests/golden/waivers/expired.ww",
    "tests/golden/waivers/other_ruleset",
    "tests/golden/waivers/root_cause/root_cause.ww",
    "tests/golden/verify/formats/xml_forbidden.ww",  # U+FFFE and a control in a test's name
]
# Checked once more with --timings: every suite and case then has a time.
TIMED_INPUTS = ["tests/golden/verify/formats/junit.ww"]


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


def check_time(el, timings, problems, where):
    value = el.get("time")
    if not timings:
        if value is not None:
            problems.append(f"{where}: a time without --timings (the report must not vary)")
        return
    if value is None:
        problems.append(f"{where}: no time with --timings")
        return
    try:
        if float(value) < 0:
            problems.append(f"{where}: negative time {value!r}")
    except ValueError:
        problems.append(f"{where}: time {value!r} is not a number")


def check(root, path, exit_code, timings=False):
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
        check_time(suite, timings, problems, where)
        real = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for ci, case in enumerate(suite):
            cw = f"{where} ({suite.get('name')}) testcase[{ci}]"
            if case.tag != "testcase":
                problems.append(f"{cw}: <{case.tag}> inside <testsuite>")
                continue
            for attr in ("classname", "name"):
                if not case.get(attr):
                    problems.append(f"{cw}: no {attr}")
            # The front end is timed as a whole (its suite), not per file.
            check_time(case, timings and suite.get("name") != "analysis", problems, cw)
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
                if not (f.text or "").strip():
                    problems.append(f"{cw}: <failure> without a body")
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
    # The failures and the exit code tell the same story.
    if exit_code in (1, 3) and sums["failures"] == 0:
        problems.append(f"{path}: exit code {exit_code}, but no <failure> in the report")
    if exit_code == 0 and sums["failures"] != 0:
        problems.append(f"{path}: exit code 0, but {sums['failures']} <failure> in the report")
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
    binary = argv[1]
    runs = [(p, False) for p in argv[2:]] or (
        [(p, False) for p in DEFAULT_INPUTS] + [(p, True) for p in TIMED_INPUTS])
    failed = 0
    for path, timings in runs:
        proc = subprocess.run([binary, "check", "--format", "junit"] +
                              (["--timings"] if timings else []) + [path], capture_output=True,
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
                problems += check(root, path, proc.returncode, timings)
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
    print(f"{len(runs) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
