"""Replays every conformance vector (tests/conformance) through the module: for every
ruleset, period, date and case, evaluate() must give exactly what wegwijzer's evaluator gave,
next() must ask the tree's questions in order, and answers that are not answers must be
refused in explain's words. No known failures.

    WW_VECTORS=DIR python3 -m unittest discover -s runtime/python/tests
    (default DIR: build/tests/conformance/vectors)
"""

import json
import os
import pathlib
import sys
import time
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import wegwijzer_runtime as ww  # noqa: E402

DIR = pathlib.Path(os.environ.get("WW_VECTORS") or HERE.parents[2] / "build" / "tests" / "conformance" / "vectors")


def shown(r):
    return {
        "outcome": r.outcome.id if r.outcome else None,
        "decisions": {d.id: d.outcome.id if d.outcome else None for d in r.decisions},
        "obligations": [o.id for o in r.obligations],
        "rules": list(r.rules),
        "exceptions": [{"rule": e["rule"], "over": e["over"]} for e in r.exceptions],
        "citations": [dict(c) for c in r.citations],
    }


class Vectors(unittest.TestCase):
    def test_every_vector(self):
        files = sorted(DIR.glob("*.vectors.json")) if DIR.is_dir() else []
        self.assertTrue(files, f"no vectors in {DIR}: generate them with `ctest --test-dir build -R "
                               "conformance` (tests/conformance/README.md), or set WW_VECTORS")
        failures = []
        cases = evaluations = nexts = paths = trees = refusals = 0
        elapsed = 0.0
        for f in files:
            doc = json.loads(f.read_text(encoding="utf-8"))
            self.assertEqual(doc["format"], "wegwijzer-vectors/1")
            tree = ww.load(doc["export"])
            # The compact export (`export --compact`) stands for exactly the same trees.
            self.assertEqual(ww.load(doc["compact"]).periods, tree.periods, f"{f.name}: compact export")
            self.assertEqual(len(tree.periods), len(doc["periods"]), f.name)
            for k, vset in enumerate(doc["periods"]):
                trees += 1
                paths += vset["paths"]
                for c in vset["cases"]:
                    cases += 1
                    for as_of in vset["dates"]:
                        where = f"{f.name} period {k + 1} {as_of} path {c['path']} {json.dumps(c['answers'])}"
                        t0 = time.perf_counter()
                        try:
                            r = ww.evaluate(tree, c["answers"], as_of=as_of)
                        except ww.WegwijzerError as e:
                            failures.append(f"{where}: {e}")
                            continue
                        elapsed += time.perf_counter() - t0
                        evaluations += 1
                        got = {"index": r.date.index, "status": r.status,
                               "asked": [a.question for a in r.asked],
                               "redirects": [{"question": x.question, "given": x.given, "answer": x.answer,
                                              "note": x.note} for x in r.redirects],
                               **shown(r)}
                        want = {"index": k, "status": "decided", "asked": c["asked"],
                                "redirects": c["redirects"], **c["expect"]}
                        if got != want:
                            failures.append(f"{where}: got {got}, want {want}")
                    partial = {}
                    for i in range(len(c["asked"]) + 1):
                        q = ww.next(tree, partial, as_of=vset["dates"][0])
                        nexts += 1
                        if i == len(c["asked"]):
                            if q is not None:
                                failures.append(f"{f.name} path {c['path']}: next() asks {q.id} at the end")
                            break
                        if q is None or q.id != c["asked"][i]:
                            failures.append(f"{f.name} path {c['path']}: next() gives {q and q.id}, "
                                            f"the tree asks {c['asked'][i]}")
                            break
                        given = c["answers"][q.id]
                        redirect = [x for x in c["redirects"] if x["question"] == q.id]
                        if q.type == "number":
                            offered = any(lo <= given <= hi for lo, hi in q.ranges)
                        else:
                            want_id = redirect[0]["answer"] if redirect else given
                            offered = any(a["id"] == want_id for a in q.answers)
                        if not offered:
                            failures.append(f"{f.name} path {c['path']}: next() does not offer {given} for {q.id}")
                        partial[q.id] = given
                for r in vset["refusals"]:
                    refusals += 1
                    where = f"{f.name} period {k + 1} refusal {r['question']} = {r['answers'][r['question']]!r}"
                    try:
                        ww.evaluate(tree, r["answers"], as_of=vset["dates"][0])
                        failures.append(f"{where}: accepted")
                    except ww.WegwijzerError as e:
                        if (e.kind, e.question, str(e)) != ("answer", r["question"], r["message"]):
                            failures.append(f"{where}: {e.kind} {e.question} {e}, want {r['message']}")
        print(f"vectors: {len(files)} files, {trees} trees, {paths} paths, {cases} cases, {evaluations} "
              f"evaluations in {elapsed * 1000:.1f} ms ({elapsed * 1e6 / max(1, evaluations):.2f} µs each), "
              f"{nexts} next() calls, {refusals} refusals, {len(failures)} failures", file=sys.stderr)
        self.assertGreater(cases, 0)
        self.assertEqual(failures[:20], [], f"{len(failures)} vectors fail")


if __name__ == "__main__":
    unittest.main()
