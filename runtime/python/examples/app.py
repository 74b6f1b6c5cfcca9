import json
import pathlib

import wegwijzer_runtime as ww

# 1. Load the tree: every period, compact (`wegwijzer export RULESET --all-periods --compact`).
tree = ww.load(pathlib.Path("huisarts.json").read_text(encoding="utf-8"))

# 2. Ask the questions the tree asks, offering only the answers possible at that point. Here
#    the answers come from a list (one is an id an older version of the app kept: `amk`).
given = {"situatie": "kindermishandeling", "ontvanger": "amk", "doel": "melden", "leeftijd": 9,
         "toestemming": "no", "waarom_geen_toestemming": "geweigerd",
         "af_vermoeden_veiligheid": "onveilig"}
as_of = "2026-12-06"  # the day of the professional's decision
answers = {}
while (q := ww.next(tree, answers, as_of=as_of)) is not None:
    offered = [f"{lo}–{hi}" for lo, hi in q.ranges] if q.type == "number" else [a["id"] for a in q.answers]
    print(f"{q.step + 1}. {q.text} [{', '.join(offered)}] → {given[q.id]}")
    answers[q.id] = given[q.id]

# 3. Show the answer, with what the professional must do and the sources.
r = ww.evaluate(tree, answers, as_of=as_of)
for x in r.redirects:
    print(f"({x.note})")
flags = f" [{', '.join(r.outcome.flags)}]" if r.outcome.flags else ""
print(f"Uitkomst: {r.outcome.text}{flags}")
for d in r.decisions[1:]:
    if d.outcome:
        print(f"{d.text} {d.outcome.text}")
for o in r.obligations:
    print(f"- [ ] {o.text}")
for c in r.citations:
    print(f"Bron: {c['title']}, {c['locator']}")
if not r.verified:
    print("NIET GEVERIFIEERD: geen advies")

# 4. Record the answer with the law it used: the ruleset's version and the period of the rules.
record = {"ruleset": tree.ruleset["id"], "version": tree.ruleset["version"], "asOf": r.date.as_of,
          "period": r.date.period, "answers": answers, "outcome": r.outcome.id}
print(json.dumps(record, ensure_ascii=False, separators=(",", ":")))

# An answer that is not one says which are.
try:
    ww.evaluate(tree, {**answers, "doel": "bellen"}, as_of=as_of)
except ww.WegwijzerError as e:
    print(f"{e.kind}: {e}")
