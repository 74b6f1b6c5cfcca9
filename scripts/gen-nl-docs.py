#!/usr/bin/env python3
"""Writes docs/nl/diagnostics.md, "Bevindingen: alle codes", from the message catalogue.

For every code of docs/diagnostics.md, in that order and under Dutch headings for the same
groups: its severity in Dutch, doc.CODE.meaning, the Dutch texts of the code's keys (CODE and
CODE.*, placeholders shown as `{name}`) and doc.CODE.fix, all from i18n/nl/*.json. A code
without a Dutch entry gets a line that says so; tests/i18n/catalogue_test.py is what fails on
it. The ctest i18n/nl_docs compares the committed page with a fresh one.

Usage: gen-nl-docs.py [REPO_ROOT] [OUTPUT]   (default: the repository of this script,
       docs/nl/diagnostics.md in it; OUTPUT `-` writes to standard output)
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..")
output = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "docs", "nl", "diagnostics.md")

# The groups of docs/diagnostics.md ("### Files and syntax") in Dutch.
GROUPS = {
    "Files and syntax": "Bestanden en schrijfwijze",
    "Names and modules": "Namen en modules",
    "Types and values": "Soorten vragen en waarden",
    "Cycles and exceptions": "Kringverwijzingen en uitzonderingen",
    "Tests (analysis)": "Tests (analyse)",
    "Lints": "Zorgvuldigheid",
    "Dates": "Datums",
    "Verification": "Controle van de regels",
    "Decision tree (`export`, `ask`)": "Beslisboom (`export`, `ask`)",
    "Waivers": "Ontheffingen",
}
SEVERITY = {"error": "fout", "warning": "waarschuwing", "note": "opmerking"}
# The parts of a code's keys: CODE.note.X, CODE.help.X, CODE.label.X; anything else a message.
PARTS = [("message", "bericht"), ("note", "toelichting"), ("help", "suggestie"), ("label", "label")]
MISSING = "*(De Nederlandse tekst ontbreekt nog: `{key}` in i18n/nl.)*"


def catalogue(lang):
    merged = {}
    folder = os.path.join(root, "i18n", lang)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                for key, value in json.load(f).items():
                    if not key.startswith("//"):
                        merged.setdefault(key, value)
    return merged


def severity(text):
    """`error (exit 2)` -> `fout (exitcode 2)`."""
    m = re.match(r"\s*(error|warning|note)\s*(?:\(exit (\d+)\))?\s*$", text)
    if not m:
        return text.strip()
    out = SEVERITY[m.group(1)]
    return out + (f" (exitcode {m.group(2)})" if m.group(2) else "")


def code_span(text):
    """A Markdown code span around `text`, however many backticks it holds."""
    text = text.replace("\n", " ")
    longest = max((len(r) for r in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def texts(value):
    if isinstance(value, dict):
        return [value.get("one", ""), value.get("other", "")]
    return [value]


def codes_by_group():
    groups, current = [], None
    with open(os.path.join(root, "docs", "diagnostics.md"), encoding="utf-8") as f:
        for line in f:
            h = re.match(r"### (.+?)\s*$", line)
            if h:
                current = None
                if h.group(1) in GROUPS:
                    current = (GROUPS[h.group(1)], [])
                    groups.append(current)
                continue
            m = re.match(r'\| <a id="([EWN]\d{4})"></a>[EWN]\d{4} \|([^|]*)\|', line)
            if m:
                if current is None:
                    current = ("Overige codes", [])
                    groups.append(current)
                current[1].append((m.group(1), severity(m.group(2))))
    return [g for g in groups if g[1]]


def part_of(code, key):
    rest = key[len(code) + 1:] if key != code else ""
    head = rest.split(".", 1)[0]
    return head if head in ("note", "help", "label") else "message"


def render():
    nl = catalogue("nl")
    out = [
        "# Bevindingen: alle codes",
        "",
        "<!-- Gegenereerd door scripts/gen-nl-docs.py uit de Nederlandse catalogus (i18n/nl/);",
        "     niet met de hand bewerken. De test i18n/nl_docs vergelijkt deze pagina met de catalogus. -->",
        "",
        "Elke bevinding van wegwijzer, van een fout in de schrijfwijze tot een leemte in de regels,",
        "heeft een vaste **code**. Met `--lang nl` (of `WEGWIJZER_LANG=nl`) ziet een bevinding er",
        "zo uit:",
        "",
        "```",
        "huisarts.ww:8:20: fout[E0101]: …",
        "  (de regel uit het bestand, met ^^^ onder de plaats van de bevinding)",
        "  = toelichting: …",
        "  = suggestie: …",
        "```",
        "",
        "Voor de code staat de ernst: `fout`, `waarschuwing` of `opmerking`. Onder de bevinding",
        "staan soms regels met `= toelichting:` (meer uitleg) en `= suggestie:` (een mogelijke",
        "verbetering). Alleen de teksten volgen de taal: de codes (`E0101`), de kenmerken van",
        "bevindingen (`E0501:huisarts:delen`), de namen die u zelf schrijft en de exitcodes zijn in",
        "elke taal gelijk. Een ontheffing of een CI-koppeling blijft dus werken als u van taal",
        "wisselt.",
        "",
        "Per code hieronder: de ernst, wat de bevinding betekent, de tekst(en) die u te zien krijgt",
        "(met tussen accolades wat per geval wordt ingevuld, zoals `{name}`) en hoe u haar oplost.",
        "De Engelse naslag met voorbeelden is [../diagnostics.md](../diagnostics.md); de Nederlandse",
        "woorden volgen de [woordenlijst](../glossary.md). Hoe u begint, staat in",
        "[Aan de slag](README.md).",
        "",
    ]
    for title, codes in codes_by_group():
        out += [f"## {title}", ""]
        for code, sev in codes:
            out += [f'### <a id="{code}"></a>{code} · {sev}', ""]
            meaning = nl.get(f"doc.{code}.meaning")
            out += [meaning if isinstance(meaning, str) else MISSING.format(key=f"doc.{code}.meaning"), ""]
            keys = [k for k in nl if (k == code or k.startswith(code + ".")) and isinstance(nl[k], (str, dict))]
            if keys:
                order = {p: i for i, (p, _) in enumerate(PARTS)}
                keys.sort(key=lambda k: (order[part_of(code, k)], k != code, k))
                words = dict(PARTS)
                for k in keys:
                    for t in dict.fromkeys(texts(nl[k])):
                        out.append(f"- {words[part_of(code, k)]}: {code_span(t)}")
            else:
                out.append("- " + MISSING.format(key=code))
            out.append("")
            fix = nl.get(f"doc.{code}.fix")
            out += ["**Oplossen:** " + (fix if isinstance(fix, str) else MISSING.format(key=f"doc.{code}.fix")), ""]
    return "\n".join(out).rstrip("\n") + "\n"


text = render()
if output == "-":
    sys.stdout.write(text)
else:
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)
