#!/usr/bin/env python3
"""Every shipped ruleset with Dutch keywords gives the same results as with English ones.

Usage: check_keywords.py WEGWIJZER

Run from the repository root (ctest does). rulesets/ is copied twice to a scratch folder, as
`en/` and `nl/` (nothing in the repository is changed), and `fmt --keywords nl` converts every
file of `nl/`, modules too. Then:

1. every file of `nl/` is written with Dutch keywords (its first line says `regelset`, or it is a
   module whose keywords are Dutch: `fmt --keywords en --check` would change it);
2. `check --format json` of every ruleset gives the same findings in `en/` and `nl/` (code,
   severity, id, message, notes and help, the exit code; places are left out, as they move);
3. `export --format json` of every ruleset gives the same tree: the same document but for what
   names the bytes of the source files (each file's `sha256`, and `ruleset.version`, the hash
   over them, docs/export.md), which a conversion changes by design;
4. `diff en nl` says, for every ruleset, that no declaration and no case changed on any date
   (text), and `--format json --detailed-exitcode` exits 0 with no case changed;
5. `fmt --keywords en` converts `nl/` back to the original bytes of every file, and a second
   `fmt --keywords nl` then `fmt` (no --keywords) leaves the Dutch files as they are.

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


def first_word(text):
    """The first word of a file, after its comments."""
    text = re.sub(rb"^(\s|//[^\n]*|/\*.*?\*/)*", b"", text, flags=re.S)
    m = re.match(rb"[A-Za-z_]+", text)
    return m.group(0).decode() if m else ""


# The proofs are kept in a cache folder of this test's own (set in main): the converted files
# ask the solver exactly the same questions, so the Dutch side reuses the English side's proofs
# (a proof is kept by the formula it asks, docs/verification.md), and the module `basis` is
# proven once for all rulesets. The findings and trees are still made by each side's own run.
CACHE = {"WEGWIJZER_CACHE": "off"}


def run(binary, args, cwd):
    return subprocess.run([binary] + args, cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, NO_COLOR="1", **CACHE))


def findings(binary, cwd, path):
    out = run(binary, ["check", "--format", "json", path], cwd)
    try:
        doc = json.loads(out.stdout)
    except json.JSONDecodeError:
        return ("not json", out.returncode, out.stdout, out.stderr)

    def unplaced(note):
        return re.sub(r"^(also because of this: [^:]+):\d+:\d+:", r"\1:", note)
    keys = sorted((d["code"], d["severity"], d.get("id", ""), d["message"],
                   tuple(unplaced(n) for n in d["notes"]), tuple(d["help"]))
                  for d in doc["diagnostics"])
    return (out.returncode, keys)


def export(binary, cwd, path):
    out = run(binary, ["export", "--format", "json", path], cwd)
    try:
        doc = json.loads(out.stdout)
    except json.JSONDecodeError:
        return (out.returncode, "not json", out.stdout, out.stderr)
    hashes = (doc.get("ruleset", {}).pop("version", None),
              [f.pop("sha256", None) for f in doc.get("files", [])])
    if None in hashes[1] or hashes[0] is None:
        return (out.returncode, "no file hashes where docs/export.md puts them", out.stderr)
    return (out.returncode, json.dumps(doc, sort_keys=True), out.stderr)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    names = sorted(os.path.relpath(f, "rulesets")
                   for f in glob.glob("rulesets/**/*.ww", recursive=True))
    problems = []
    with tempfile.TemporaryDirectory(prefix="ww-keywords-") as scratch:
        en, nl = os.path.join(scratch, "en"), os.path.join(scratch, "nl")
        shutil.copytree("rulesets", en)
        shutil.copytree("rulesets", nl)
        original = {n: open(os.path.join(en, n), "rb").read() for n in names}

        conv = run(binary, ["fmt", "--keywords", "nl", "."], nl)
        if conv.returncode != 0:
            problems.append(f"fmt --keywords nl: exit {conv.returncode}\n{conv.stderr}")
        rulesets = []
        for n in names:
            text = open(os.path.join(nl, n), "rb").read()
            if text == original[n]:
                problems.append(f"{n}: fmt --keywords nl left it as it was")
            if first_word(text) == "regelset":
                rulesets.append(n)
            elif first_word(text) != "module":
                problems.append(f"{n}: neither `regelset` nor `module` after conversion")
        if not rulesets:
            problems.append("no ruleset converted")
        back = run(binary, ["fmt", "--keywords", "en", "--check"] + names, nl)
        if sorted(back.stdout.split()) != names:
            problems.append(f"fmt --keywords en --check names other files than all:\n{back.stdout}")

        CACHE["WEGWIJZER_CACHE"] = os.path.join(scratch, "cache")
        # English first, then Dutch: each side's runs in parallel, the Dutch ones after the
        # English proofs are kept.
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            checks_en = {n: pool.submit(findings, binary, en, n) for n in rulesets}
            exports_en = {n: pool.submit(export, binary, en, n) for n in rulesets}
            concurrent.futures.wait(list(checks_en.values()) + list(exports_en.values()))
            checks = {n: (checks_en[n], pool.submit(findings, binary, nl, n)) for n in rulesets}
            exports = {n: (exports_en[n], pool.submit(export, binary, nl, n)) for n in rulesets}
        for n in rulesets:
            a, b = checks[n][0].result(), checks[n][1].result()
            if a != b:
                problems.append(f"{n}: check finds other things with Dutch keywords:\n"
                                f"  en {a}\n  nl {b}")
            elif a[0] != 0:
                problems.append(f"{n}: check exits {a[0]} (the shipped rulesets verify)")
            a, b = exports[n][0].result(), exports[n][1].result()
            if a[0] != 0 or a != b:
                problems.append(f"{n}: export --format json differs (exit {a[0]}, {b[0]}):\n"
                                f"{a[1][:300]}\n{b[1][:300]}\n{a[-1]}{b[-1]}")

        # `--detailed-exitcode`: exit 0 only when no case changed on any date compared.
        diff = run(binary, ["diff", "--format", "json", "--detailed-exitcode", "en", "nl"], scratch)
        try:
            doc = json.loads(diff.stdout)
            summary = doc["summary"]
            if (diff.returncode != 0 or summary["anyCaseChanged"] or summary["rulesetsChanged"]
                    or summary["incomplete"] or summary["rulesetsCompared"] != len(rulesets)
                    or any(r["anyCaseChanged"] or not r["compared"] for r in doc["rulesets"])):
                problems.append(f"diff en nl: exit {diff.returncode}, summary {summary}\n"
                                f"{diff.stderr}")
        except (json.JSONDecodeError, KeyError) as e:
            problems.append(f"diff en nl: not the JSON of docs/diff.md ({e}, exit "
                            f"{diff.returncode}):\n{diff.stdout[:2000]}{diff.stderr}")
        # The text says it per ruleset, declarations included.
        text = run(binary, ["diff", "en", "nl"], scratch)
        same = text.stdout.count("no declaration and no case changed")
        if same != len(rulesets) or f"{len(rulesets)} rulesets compared, no case changed" \
                not in text.stdout:
            problems.append(f"diff en nl (text): {same} of {len(rulesets)} rulesets say that no "
                            f"declaration and no case changed:\n{text.stdout}")

        again = run(binary, ["fmt", "--check", "."], nl)
        if again.returncode != 0 or again.stdout:
            problems.append(f"fmt --check on the Dutch files changes them:\n{again.stdout}"
                            f"{again.stderr}")
        back = run(binary, ["fmt", "--keywords", "en", "."], nl)
        if back.returncode != 0:
            problems.append(f"fmt --keywords en: exit {back.returncode}\n{back.stderr}")
        for n in names:
            if open(os.path.join(nl, n), "rb").read() != original[n]:
                problems.append(f"{n}: converted to Dutch and back, it is not the original")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(names)} files, {len(rulesets)} rulesets converted to Dutch keywords and back; "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
