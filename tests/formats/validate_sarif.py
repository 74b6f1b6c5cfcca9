#!/usr/bin/env python3
"""Validates `wegwijzer check --format sarif` against the SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py WEGWIJZER [INPUT...]

Run from the repository root (ctest does). WEGWIJZER is the binary; every INPUT (a .ww file or a
folder) is checked on its own with `--format sarif`, and the output must be one JSON document
that the schema in tests/data/sarif-schema-2.1.0.json accepts (Draft 7 validator, as in Debian's
python3-jsonschema). Without INPUTs a default list of shipped rulesets and defect files is used.

Beyond the schema, a few things SARIF consumers rely on are checked: every result's ruleId is
described in tool.driver.rules, every artifact URI is a relative path to an existing file with uriBaseId %SRCROOT% (also when
the input is given as an absolute path), and
regions are 1-based with the end not before the start; and GitHub code scanning's documented
requirements (check_github): every rule with its own short and full description, help and a
helpUri to its anchor, a location and partialFingerprints on every result, upload limits. Exits 0 when every input passes, 1 when
one fails, 2 on a usage error.
"""
import json
import os
import re
import subprocess
import sys
import urllib.parse

SCHEMA = os.path.join("tests", "data", "sarif-schema-2.1.0.json")
# RFC 3986: a URI has a scheme; a URI reference is a URI or a relative reference. Both are made
# of unreserved, reserved and percent-encoded characters only (no spaces).
_CHARS = r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*"
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:" + _CHARS + r"$")
URI_REF = re.compile(r"^" + _CHARS + r"$")

DEFAULT_INPUTS = [
    "rulesets",                                   # every shipped ruleset: results are notes
    "tests/golden/verify/formats/sarif.ww",       # conflict, dead rule, failing test
    "tests/golden/verify/formats/json.ww",        # gap, conflict, unasked question
    "tests/golden/verify/gap.ww",
    "tests/golden/verify/exception_cycle.ww",     # a front-end error: no ruleset verified
    "tests/golden/verify/inactive/huisarts.ww",   # a note in a module file
    "tests/golden/verify/clean.ww",               # no results at all
    "tests/golden/waivers/waived.ww",             # waived findings: suppressions
    "tests/golden/frontend/input/E0006_no_ww_files",  # a folder without rules: no span
    "tests/golden/no_such_file.ww",               # a path that cannot be read: no span
]

# GitHub code scanning's documented requirements for uploaded SARIF ("SARIF support for code
# scanning"), beyond the schema, and its upload limits.
GITHUB_MAX_RESULTS = 25000
GITHUB_MAX_RULES = 25000
GITHUB_MAX_LOCATIONS = 1000
GITHUB_MAX_DESCRIPTION = 1024


def check_github(log, where):
    problems = []
    if log.get("version") != "2.1.0" or "$schema" not in log:
        problems.append(f"{where}: version must be 2.1.0 and $schema set")
    for ri, run in enumerate(log.get("runs") or []):
        driver = run["tool"]["driver"]
        if not driver.get("name"):
            problems.append(f"{where}: runs[{ri}]: tool.driver.name is required")
        rules = driver.get("rules", [])
        ids = [r.get("id") for r in rules]
        if len(ids) != len(set(ids)):
            problems.append(f"{where}: runs[{ri}]: rule ids are not unique")
        if len(rules) > GITHUB_MAX_RULES or len(run.get("results", [])) > GITHUB_MAX_RESULTS:
            problems.append(f"{where}: runs[{ri}]: more rules or results than GitHub accepts")
        messages = {}
        for res in run.get("results", []):
            messages.setdefault(res.get("ruleId"), res["message"]["text"].split("\n")[0])
        for rule in rules:
            at = f"{where}: rule {rule.get('id')}"
            for key in ("shortDescription", "fullDescription", "help"):
                text = (rule.get(key) or {}).get("text", "")
                if not text:
                    problems.append(f"{at}: {key}.text is required")
            short = (rule.get("shortDescription") or {}).get("text", "")
            if len(short) > GITHUB_MAX_DESCRIPTION:
                problems.append(f"{at}: shortDescription is longer than {GITHUB_MAX_DESCRIPTION}")
            if short == messages.get(rule.get("id")):
                problems.append(f"{at}: shortDescription is a finding's message, not the rule's")
            uri = rule.get("helpUri", "")
            if not URI.match(uri) or not uri.endswith("#" + rule.get("id", "")):
                problems.append(f"{at}: helpUri {uri!r} is not an absolute URI to the code's anchor")
            level = (rule.get("defaultConfiguration") or {}).get("level")
            if level not in ("note", "warning", "error"):
                problems.append(f"{at}: defaultConfiguration.level {level!r}")
        for i, res in enumerate(run.get("results", [])):
            at = f"{where}: runs[{ri}].results[{i}] ({res.get('ruleId')})"
            if not res.get("message", {}).get("text"):
                problems.append(f"{at}: message.text is required")
            locs = res.get("locations") or []
            if not locs:
                problems.append(f"{at}: GitHub requires a location on every result")
            if len(locs) + len(res.get("relatedLocations", [])) > GITHUB_MAX_LOCATIONS:
                problems.append(f"{at}: too many locations")
            for loc in locs:
                if not loc.get("physicalLocation", {}).get("artifactLocation", {}).get("uri"):
                    problems.append(f"{at}: a location without physicalLocation.artifactLocation.uri")
            fingerprints = res.get("partialFingerprints") or {}
            if not fingerprints or not all(isinstance(v, str) and v for v in fingerprints.values()):
                problems.append(f"{at}: partialFingerprints must hold a stable fingerprint")
            for sup in res.get("suppressions", []):
                if sup.get("kind") not in ("inSource", "external") or not sup.get("justification"):
                    problems.append(f"{at}: a suppression needs a kind and a justification")
    return problems


def fail(msg):
    print(f"validate_sarif: {msg}", file=sys.stderr)


def check_extra(log, where):
    problems = []
    for ri, run in enumerate(log.get("runs") or []):
        rules = {r.get("id") for r in run["tool"]["driver"].get("rules", [])}
        for i, res in enumerate(run.get("results", [])):
            at = f"{where}: runs[{ri}].results[{i}]"
            if res.get("ruleId") not in rules:
                problems.append(f"{at}: ruleId {res.get('ruleId')!r} is not in tool.driver.rules")
            locs = list(res.get("locations", [])) + list(res.get("relatedLocations", []))
            for loc in locs:
                phys = loc.get("physicalLocation", {})
                artifact = phys.get("artifactLocation", {})
                uri = artifact.get("uri", "")
                path = urllib.parse.unquote(uri)
                # A path that cannot be read (E0005) or a folder without rules (E0006) is
                # located at the path itself.
                exists = (res.get("ruleId") == "E0005" or os.path.isfile(path) or
                          (res.get("ruleId") == "E0006" and os.path.isdir(path)))
                if os.path.isabs(path) or not exists:
                    problems.append(f"{at}: artifact uri {uri!r} is not a relative path to a file")
                # Relative to the checkout's root, whatever path the command was given.
                if artifact.get("uriBaseId") != "%SRCROOT%":
                    problems.append(f"{at}: artifact uri {uri!r} without uriBaseId %SRCROOT%")
                reg = phys.get("region", {})
                if reg:
                    start = (reg["startLine"], reg.get("startColumn", 1))
                    end = (reg.get("endLine", reg["startLine"]), reg.get("endColumn", start[1]))
                    if end < start:
                        problems.append(f"{at}: region ends before it starts: {reg}")
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        fail("python3-jsonschema is not installed (scripts/install-deps.sh installs it)")
        return 2
    # An absolute path (as `-I /abs/folder` gives modules) still gives relative URIs.
    binary, inputs = argv[1], argv[2:] or DEFAULT_INPUTS + [
        os.path.abspath("tests/golden/verify/inactive/huisarts.ww")]
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    # The schema's "uri" and "uri-reference" formats are only checked by jsonschema when the
    # optional rfc3987 module is installed, which Debian's package does not pull in: check them
    # here with RFC 3986's syntax, so the result does not depend on what else is installed.
    formats = jsonschema.FormatChecker()
    formats.checks("uri")(lambda s: not isinstance(s, str) or bool(URI.match(s)))
    formats.checks("uri-reference")(lambda s: not isinstance(s, str) or bool(URI_REF.match(s)))
    validator = jsonschema.Draft7Validator(schema, format_checker=formats)
    failed = 0
    for path in inputs:
        proc = subprocess.run([binary, "check", "--format", "sarif", "--verbose", path], capture_output=True,
                              text=True, env=dict(os.environ, NO_COLOR="1"))
        if proc.returncode not in (0, 1, 3) and not (proc.returncode == 2 and not os.path.isfile(path)):
            fail(f"{path}: exit code {proc.returncode}\n{proc.stderr}")
            failed += 1
            continue
        if proc.stderr:
            fail(f"{path}: unexpected output on standard error:\n{proc.stderr}")
            failed += 1
            continue
        try:
            log = json.loads(proc.stdout)
        except json.JSONDecodeError as e:
            fail(f"{path}: the output is not JSON: {e}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        problems = [f"{path}: at /{'/'.join(map(str, e.absolute_path))}: {e.message}"
                    for e in errors]
        if not errors:
            problems += check_extra(log, path) + check_github(log, path)
        if problems:
            failed += 1
            for p in problems:
                fail(p)
        else:
            n = sum(len(r.get("results", [])) for r in log.get("runs") or [])
            print(f"ok: {path} ({n} results)")
    total = len(inputs)
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
