#!/usr/bin/env python3
"""The message catalogues (i18n/<language>/*.json) guard both languages (docs/i18n.md):

1. every file is a JSON object whose values are texts or plurals {"one": ..., "other": ...};
   no key is defined in two files of one language;
2. English and Dutch have exactly the same keys, and each key the same placeholders ({name})
   and the same shape (text or plural);
3. every code of docs/diagnostics.md has its message in both languages (a key CODE or
   CODE.something), and a Dutch reference entry (doc.CODE.meaning, doc.CODE.fix) for
   docs/nl/diagnostics.md;
4. every key the sources name literally (tr("key"), trn("key", …), i18nKey("key")) exists;
5. no text is empty, and a Dutch text differs from its English one unless the key is listed
   in i18n/same/*.txt (words that are the same in both languages, such as `test`).

Usage: catalogue_test.py REPO_ROOT
"""
import json
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
problems = []
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


def load(lang):
    merged, origin = {}, {}
    folder = os.path.join(root, "i18n", lang)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(folder, name)
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f, object_pairs_hook=pairs_checked(path))
        except (ValueError, UnicodeDecodeError) as e:
            problems.append(f"{path}: not valid JSON: {e}")
            continue
        if not isinstance(data, dict):
            problems.append(f"{path}: not a JSON object")
            continue
        for key, value in data.items():
            if key.startswith("//"):
                continue
            plural = isinstance(value, dict) and set(value) == {"one", "other"} and all(
                isinstance(v, str) for v in value.values())
            if not isinstance(value, str) and not plural:
                problems.append(f"{path}: `{key}` is neither a text nor a plural")
                continue
            texts = list(value.values()) if plural else [value]
            if any(not t.strip() for t in texts):
                problems.append(f"{path}: `{key}` is empty")
            if key in merged:
                problems.append(f"{path}: `{key}` is also defined in {origin[key]}")
            merged[key], origin[key] = value, path
    return merged


def pairs_checked(path):
    def hook(pairs):
        seen = set()
        for k, _ in pairs:
            if k in seen:
                problems.append(f"{path}: `{k}` appears twice")
            seen.add(k)
        return dict(pairs)
    return hook


def placeholders(value):
    texts = list(value.values()) if isinstance(value, dict) else [value]
    found = set()
    for t in texts:
        found |= set(PLACEHOLDER.findall(t))
    return found


en, nl = load("en"), load("nl")
for key in sorted(set(en) - set(nl)):
    problems.append(f"`{key}`: English only, no Dutch text (i18n/nl)")
for key in sorted(set(nl) - set(en)):
    if not key.startswith("doc."):
        problems.append(f"`{key}`: Dutch only, no English text (i18n/en)")
for key in sorted(set(en) & set(nl)):
    if isinstance(en[key], dict) != isinstance(nl[key], dict):
        problems.append(f"`{key}`: a plural in one language and not in the other")
    pe, pn = placeholders(en[key]), placeholders(nl[key])
    if pe != pn:
        problems.append(f"`{key}`: placeholders differ: en {sorted(pe)}, nl {sorted(pn)}")

same = set()
same_dir = os.path.join(root, "i18n", "same")
for name in sorted(os.listdir(same_dir)) if os.path.isdir(same_dir) else []:
    for line in open(os.path.join(same_dir, name), encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            same.add(line)
for key in sorted(set(en) & set(nl)):
    if en[key] == nl[key] and key not in same:
        problems.append(f"`{key}`: the Dutch text is the English one (translate it, or list the "
                        "key in i18n/same/*.txt)")

# 3. Every documented code.
codes = []
with open(os.path.join(root, "docs", "diagnostics.md"), encoding="utf-8") as f:
    for line in f:
        m = re.match(r'\| <a id="([EWN]\d{4})"></a>', line)
        if m:
            codes.append(m.group(1))
if not codes:
    problems.append("docs/diagnostics.md: no codes found")
for code in codes:
    for lang, cat in (("en", en), ("nl", nl)):
        if not any(k == code or k.startswith(code + ".") for k in cat):
            problems.append(f"{code}: no message in i18n/{lang} (a key `{code}` or `{code}.…`)")
    for part in ("meaning", "fix"):
        if f"doc.{code}.{part}" not in nl:
            problems.append(f"{code}: no `doc.{code}.{part}` in i18n/nl (docs/nl/diagnostics.md)")
for key in nl:
    m = re.match(r"doc\.([EWN]\d{4})\.", key)
    if m and m.group(1) not in codes:
        problems.append(f"`{key}`: {m.group(1)} is not a code of docs/diagnostics.md")

# 4. Keys named in the sources.
used = re.compile(r'\b(?:tr|trn|i18nKey)\(\s*(?:i18n::Lang::\w+\s*,\s*|lang\s*,\s*)?"([^"]+)"')
for top in ("cli", "compiler", "engine", "verifier", "lsp"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if not name.endswith((".cpp", ".h")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for m in used.finditer(text):
                key = m.group(1)
                line_start = text.rfind("\n", 0, m.start()) + 1
                if text[line_start:m.start()].lstrip().startswith("//"):
                    continue
                if key not in en:
                    line = text.count("\n", 0, m.start()) + 1
                    problems.append(f"{os.path.relpath(path, root)}:{line}: key `{key}` is not in "
                                    "the catalogue")

for p in problems:
    print(p)
print(f"{len(en)} keys in English, {len(nl)} in Dutch, {len(codes)} codes: "
      f"{len(problems)} problem{'s' if len(problems) != 1 else ''}")
sys.exit(1 if problems else 0)
