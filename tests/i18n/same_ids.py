#!/usr/bin/env python3
"""Codes, ids, JSON keys and exit codes never change with the language (docs/i18n.md): runs
`check` in English and in Dutch on every golden input of tests/golden/{frontend,verify,waivers}
and compares, per format (json, sarif, junit), the exit code and everything but the texts for
people: JSON keys and non-text values, SARIF rule ids, levels and fingerprints, JUnit names of
elements and attributes. Each language checks each input once, in a cache folder of its own;
the other two formats reuse that language's result.

Usage: same_ids.py WEGWIJZER REPO_ROOT
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ww, root = sys.argv[1], sys.argv[2]
# Fields whose value is a text for people, in any object.
TEXT_KEYS = {"message", "text", "markdown", "notes", "help", "labels", "waived", "name", "why",
             "title", "case", "justification", "fullDescription", "shortDescription", "label", "summary", "reason"}


def shape(value, key=None):
    """The value with every text for people replaced by a marker."""
    if key in TEXT_KEYS:
        return "<text>"
    if isinstance(value, dict):
        return {k: shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v, key) for v in value]
    return value


def xml_shape(text):
    try:
        tree = ET.fromstring(text)
    except ET.ParseError as e:
        return f"unparsable: {e}"
    out = []
    for el in tree.iter():
        out.append((el.tag, sorted(k for k in el.attrib)))
    return out


inputs = []
for folder in ("frontend", "verify", "waivers"):
    for dirpath, _, files in os.walk(os.path.join(root, "tests", "golden", folder)):
        for name in sorted(files):
            if name.endswith(".ww") and "/nl" not in dirpath:
                inputs.append(os.path.join(dirpath, name))
inputs.sort()
env = dict(os.environ, WW_TODAY="2026-12-01", NO_COLOR="1", WEGWIJZER_CACHE="off")
env.pop("WEGWIJZER_LANG", None)
# Each language verifies each input once, in a cache folder of its own: its first format is
# checked from scratch, the other two formats reuse that language's result. The two languages
# never share a cache, so each finds its own ids.
scratch = tempfile.TemporaryDirectory(prefix="ww-same-ids-")
problems = 0
for number, path in enumerate(inputs):
    for fmt in ("json", "sarif", "junit"):
        runs = {}
        for lang in ("en", "nl"):
            cache = os.path.join(scratch.name, f"{number}-{lang}")
            p = subprocess.run([ww, "check", "--lang", lang, "--format", fmt, "--cache", cache,
                                path], cwd=root, env=env, capture_output=True, text=True,
                               timeout=300)
            runs[lang] = p
        en, nl = runs["en"], runs["nl"]
        rel = os.path.relpath(path, root)
        if en.returncode != nl.returncode:
            print(f"{rel} ({fmt}): exit {en.returncode} in English, {nl.returncode} in Dutch")
            problems += 1
            continue
        if fmt == "junit":
            same = xml_shape(en.stdout) == xml_shape(nl.stdout)
        else:
            try:
                same = shape(json.loads(en.stdout or "null")) == shape(json.loads(nl.stdout or "null"))
            except ValueError as e:
                print(f"{rel} ({fmt}): not JSON: {e}")
                problems += 1
                continue
        if not same:
            print(f"{rel} ({fmt}): keys, codes, ids or values differ between English and Dutch")
            problems += 1
scratch.cleanup()
print(f"{len(inputs)} inputs × 3 formats in English and Dutch: {problems} difference(s)")
sys.exit(1 if problems else 0)
