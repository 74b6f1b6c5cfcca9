"""The API on a small export by hand (runtime/fixtures/klein.json, which the JavaScript
package's tests read too): formats, dates, answers, redirects, incomplete cases."""

import datetime
import json
import pathlib
import sys
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import wegwijzer_runtime as ww  # noqa: E402

FIXTURE = json.loads((HERE.parent.parent / "fixtures" / "klein.json").read_text(encoding="utf-8"))
SINGLE, HISTORY = FIXTURE["single"], FIXTURE["history"]
ANSWERS = {"ontvanger": "veilig_thuis", "leeftijd": 14, "toestemming": "no"}


class Api(unittest.TestCase):
    def error(self, kind, message, f, *args, **kwargs):
        with self.assertRaises(ww.WegwijzerError) as e:
            f(*args, **kwargs)
        self.assertEqual(e.exception.kind, kind)
        if message is not None:
            self.assertEqual(str(e.exception), message)
        return e.exception

    def test_load_refuses_what_it_does_not_read(self):
        self.assertTrue(str(self.error("format", None, ww.load, "{")).startswith("not JSON"))
        self.error("format", "not a wegwijzer export: it has no `format`", ww.load, {})
        self.error("format", "this runtime reads wegwijzer-tree/1, wegwijzer-history/1 and wegwijzer-compact/1; the export is "
                   "`wegwijzer-tree/2` (a newer version of the runtime reads it)",
                   ww.load, {**SINGLE, "format": "wegwijzer-tree/2"})
        self.error("format", "the export has no `nodes` list", ww.load, {**SINGLE, "nodes": None})
        self.assertEqual(ww.load(json.dumps(SINGLE)).ruleset["id"], "klein")

    def test_compact(self):
        compact = {"format": "wegwijzer-compact/1",
                   "shared": ["klein", {"id": {"$": 0}, "title": "Klein", "version": "0123456789abcdef"}],
                   "document": {**SINGLE, "ruleset": {"$": 1}}}
        tree = ww.load(compact)
        self.assertEqual(tree.format, "wegwijzer-tree/1")
        self.assertEqual(tree.periods[0], SINGLE)
        self.assertEqual(ww.evaluate(tree, ANSWERS).outcome.id, "melden")
        self.error("format", "the compact export refers to shared value 0, which it does not have",
                   ww.load, {**compact, "shared": [{"$": 0}]})

    def test_ja_nee(self):
        # `ja` and `nee` for yes and no, as the page shows them.
        r = ww.evaluate(ww.load(SINGLE), {**ANSWERS, "toestemming": "nee"})
        self.assertEqual([a.answer for a in r.asked][-1], "no")

    def test_evaluate(self):
        r = ww.evaluate(ww.load(SINGLE), ANSWERS)
        self.assertEqual(r.status, "decided")
        self.assertEqual(r.outcome.id, "melden")
        self.assertEqual(r.outcome.flags, ["verplicht"])
        self.assertTrue(r.outcome.without_consent)
        self.assertEqual(r.outcome.obligations, [ww.Obligation("vastleggen", "Leg het vast.")])
        self.assertEqual([(d.id, d.outcome and d.outcome.id) for d in r.decisions],
                         [("delen", "melden"), ("grond", None)])
        self.assertEqual(r.exceptions, [{"rule": "r1", "over": "r0"}])
        self.assertEqual(r.citations[0]["locator"], "art. 1")
        self.assertEqual([(a.question, a.answer, a.label) for a in r.asked],
                         [("ontvanger", "veilig_thuis", "Veilig Thuis"), ("leeftijd", 14, "14"),
                          ("toestemming", "no", "Nee")])
        self.assertEqual(r.date.as_of, "2020-06-01")
        same = ww.evaluate(ww.load(SINGLE), {**ANSWERS, "leeftijd": "14", "toestemming": False, "x": 1})
        self.assertEqual(same.outcome.id, "melden")

    def test_next(self):
        tree = ww.load(SINGLE)
        first = ww.next(tree, {})
        self.assertEqual((first.id, first.step, [a["id"] for a in first.answers]),
                         ("ontvanger", 0, ["veilig_thuis", "politie"]))
        age = ww.next(tree, {"ontvanger": "veilig_thuis"})
        self.assertEqual((age.type, age.min, age.max, age.ranges, age.help),
                         ("number", 0, 17, [(0, 16)], "In jaren."))
        self.assertIsNone(ww.next(tree, ANSWERS))
        r = ww.evaluate(tree, {"ontvanger": "veilig_thuis"})
        self.assertEqual((r.status, r.next.id, r.outcome), ("incomplete", "leeftijd", None))

    def test_answers_refused(self):
        tree = ww.load(SINGLE)
        e = self.error("answer", "`buren` is not an answer of `ontvanger`: give `veilig_thuis` or `politie`",
                       ww.evaluate, tree, {"ontvanger": "buren"})
        self.assertEqual(e.question, "ontvanger")
        self.error("answer", "`18` is not an answer of `leeftijd`: give a whole number in 0..17",
                   ww.evaluate, tree, {"ontvanger": "veilig_thuis", "leeftijd": 18})
        e = self.error("answer", None, ww.evaluate, tree, {"ontvanger": "veilig_thuis", "leeftijd": 17})
        self.assertTrue(str(e).startswith("`17` is not possible for `leeftijd`"))
        self.error("answer", None, ww.evaluate, tree, {"ontvanger": "veilig_thuis", "leeftijd": 1.5})
        self.error("answer", None, ww.evaluate, tree, {"ontvanger": "veilig_thuis", "leeftijd": True})

    def test_redirect(self):
        r = ww.evaluate(ww.load(SINGLE), {**ANSWERS, "ontvanger": "amk"})
        self.assertEqual(r.outcome.id, "melden")
        self.assertEqual([x.note for x in r.redirects], [
            "`amk` (an answer of `ontvanger` from 2009-01-01 until 2015-01-01) is replaced by "
            "`veilig_thuis` from 2015-01-01: Samen Veilig Thuis."])

    def test_history(self):
        tree = ww.load(HISTORY)
        self.assertEqual(ww.evaluate(tree, ANSWERS, as_of="2014-12-31").date.index, 0)
        r = ww.evaluate(tree, ANSWERS, as_of="2015-01-01")
        self.assertEqual((r.date.index, r.date.period, r.date.statement),
                         (1, {"from": "2015-01-01", "until": None}, "Regels vanaf 2015-01-01."))
        self.assertEqual(ww.evaluate(tree, ANSWERS, as_of=datetime.date(2016, 1, 1)).date.index, 1)
        self.assertEqual(ww.evaluate(tree, ANSWERS).date.as_of, ww.today())
        self.error("date", "no tree for 2008-12-31: the export holds from 2009-01-01",
                   ww.evaluate, tree, ANSWERS, as_of="2008-12-31")
        self.error("date", None, ww.evaluate, tree, ANSWERS, as_of="1-1-2010")
        self.error("answer", None, ww.evaluate, tree, {**ANSWERS, "ontvanger": "amk"}, as_of="2010-01-01")
        h = json.loads(json.dumps(HISTORY))
        h["periods"][0]["questions"][0]["answers"].append({"id": "amk", "label": "AMK"})
        del h["periods"][1]["questions"][0]["redirects"]
        self.error("answer", "`amk` is not an answer of `ontvanger` on 2016-01-01: it is one from 2009-01-01 "
                   "until 2015-01-01; give `veilig_thuis` or `politie`",
                   ww.evaluate, ww.load(h), {**ANSWERS, "ontvanger": "amk"}, as_of="2016-01-01")
        self.error("date", "no tree for 2014-01-01: the export holds from 2015-01-01 (export with "
                   "--all-periods, or for that date with --as-of)",
                   ww.evaluate, ww.load(SINGLE), ANSWERS, as_of="2014-01-01")


if __name__ == "__main__":
    unittest.main()
