#!/usr/bin/env python3
"""A Dutch author reads no English (issue 21): runs `wegwijzer --lang nl` over every golden input
and the shipped rulesets (check, check --verbose --list-checks, test), reads the expected output
of every Dutch golden test (explain, ask, diff, exports, help, usage errors), and fails on a line
of Dutch output that still holds an English word.

What is not the tool's own text is left out before looking: the source lines of a finding's
excerpt (`NN | …`), names and code in backticks, texts of the rules in “…” or "…", file paths,
and the words that are the same in both languages (see ALLOWED).

Usage: no_english.py WEGWIJZER REPO_ROOT [--show N]
"""
import os
import re
import subprocess
import sys

ww, root = sys.argv[1], sys.argv[2]
show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 40

# English words that are not Dutch words (nor the names of our formats or commands).
ENGLISH = set("""
the not does cannot can't unknown expected defined twice rule rules question questions answer
answers outcome outcomes decision decisions error errors warning warnings checked found missing
should must which when then every never would could this that there here with without because
until from only also after before than these those their its it's is are was were been being has
have had will shall may might into onto over under between other others any some none all each
both either neither nor whether while where what who whom whose how why yes no true false
applies apply applied property properties holds hold vacuously gap gaps conflict conflicts
exception exceptions obligation obligations source sources assumption assumptions waived waiver
waivers expired file files folder folders ruleset rulesets module modules period periods
case cases region regions proven failed passed skipped inconclusive check checks test's tests'
see give write use add remove declare declared named name names value values number numbers
date dates day days year years valid invalid limit limits line lines column character
""".split())
# Words spelled alike in both languages, or ours in both: allowed everywhere.
ALLOWED = set("""
test tests module modules parameter parameters is in of op en een de het van voor na per
over was
""".split())

SNIPPET = re.compile(r"^\s*\d*\s*\|")
LOCATION = re.compile(r"^\S+:\d+:\d+:\s*")
STRIP = [
    re.compile(r"`[^`]*`"),            # names and code
    re.compile(r"“[^”]*”"),            # texts of the rules
    re.compile(r'"[^"]*"'),
    re.compile(r"\S+\.(ww|waivers|json|md|dot|html)\b"),  # paths
    re.compile(r"\b[EWN]\d{4}\b"),
    re.compile(r"https?://\S+"),
    re.compile(r"::[a-z-]+::"),          # a GitHub workflow command an author wrote in a text
    re.compile(r"^wegwijzer( [a-z]+)?:"),  # the command that speaks
    re.compile(r"^  [a-z]+ {2,}"),         # a command in the overview help
    re.compile(r"conflict van plichten"),  # the law's own word (docs/glossary.md)
    re.compile(r"--[a-z][a-z-]*"),         # option names
]
WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def english_words(line):
    if SNIPPET.match(line) or line.startswith("  ::: ") or line.startswith("::add-mask::"):
        return []
    text = LOCATION.sub("", line)
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    return [w for w in WORD.findall(text)
            if w.lower() in ENGLISH and w.lower() not in ALLOWED]


inputs = []
for dirpath, _, files in os.walk(os.path.join(root, "tests", "golden")):
    for name in sorted(files):
        if name.endswith(".ww"):
            inputs.append(os.path.join(dirpath, name))
inputs.sort()
runs = [["check", "--lang", "nl", "--no-cache", p] for p in inputs]
runs.append(["check", "--lang", "nl", "--no-cache", "--verbose", "--list-checks",
             os.path.join(root, "rulesets")])
runs.append(["test", "--lang", "nl", os.path.join(root, "rulesets")])

env = dict(os.environ, WW_TODAY="2026-12-01", NO_COLOR="1")
problems = []
for args in runs:
    try:
        out = subprocess.run([ww] + args, cwd=root, env=env, capture_output=True, text=True,
                             timeout=300).stdout
    except subprocess.TimeoutExpired:
        continue
    for line in out.splitlines():
        words = english_words(line)
        if words:
            problems.append((" ".join(args[-1:]), line, words))

# The Dutch golden tests (explain, ask, diff, exports, help, usage errors): their expected output.
for dirpath, _, files in os.walk(os.path.join(root, "tests", "golden")):
    for name in sorted(files):
        if not name.endswith(".expected"):
            continue
        path = os.path.join(dirpath, name)
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        if not lines or "--lang nl" not in lines[0] or "--help" in lines[0]:
            continue
        for line in lines[1:]:
            # Exit codes, JSON, XML and GitHub commands (their keys and names are English in
            # every language), option lines, and the rule code of a suggested test.
            stripped = line.lstrip()
            if (line.startswith("#exit") or stripped.startswith(("<", "\"", "{", "}", "[", "]",
                                                                  "::", "--", "given ", "expect "))
                    or " — " in line):
                continue
            words = english_words(line)
            if words:
                problems.append((path, line, words))

seen = set()
unique = []
for where, line, words in problems:
    key = LOCATION.sub("", line)
    if key not in seen:
        seen.add(key)
        unique.append((where, line, words))
for where, line, words in unique[:show]:
    print(f"{os.path.relpath(where, root) if os.path.isabs(where) else where}: {line.strip()}\n"
          f"    English: {', '.join(sorted(set(words)))}")
print(f"{len(runs)} runs in Dutch: {len(unique)} distinct line(s) with English words")
sys.exit(1 if unique else 0)
