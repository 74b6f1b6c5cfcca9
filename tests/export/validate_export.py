#!/usr/bin/python3
"""Validates `wegwijzer export --format json` of every shipped ruleset.

usage: validate_export.py WEGWIJZER [RULESET.ww ...]

Run from the repository root. Without RULESET arguments it exports every rulesets/*.ww that
declares a `ruleset` (modules such as basis.ww are skipped). For each export it checks:

1. the document against docs/export.schema.json (JSON Schema draft 2020-12, Debian's
   python3-jsonschema);
2. its references: every id it names (questions, outcomes, obligations, rules, sources, nodes)
   exists, and node i has id i;
3. every root-to-leaf path, replayed: each node's edges name valid answers of its question
   (answer ids, or numbers within min..max), disjoint from its other edges; no question is
   asked twice on a path and questions come in the author's order; the answers the path has
   chosen are consistent; and the leaf is consistent (its outcome belongs to the main decision
   and equals leaf.decisions[main], every decision's outcome belongs to that decision, its rules
   decide the main decision and give that outcome, its exceptions are exceptions of the rules
   they override, its citations are the outcome's then the rules', without repeats);
4. the number of paths equals verification.paths, and every node is reachable from the root;
5. the stamp: a verified export has no note, sha256 of each file matches the file on disk;
6. `--all-periods` covers the span with periods that meet, and `--all-periods --compact` is
   valid and expands to exactly the `--all-periods` document.

The three exports of a ruleset share a cache folder of their own (made and removed here), so
that `--all-periods --compact` reuses the proofs of `--all-periods` (a third of the time).

Exit status 0 when everything holds, 1 otherwise (every problem is printed).
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from jsonschema import Draft202012Validator

SCHEMA_PATH = "docs/export.schema.json"


def is_ruleset(path):
    """True when the file declares a ruleset (not a module)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if re.match(r"^\s*ruleset\s", line):
                return True
            if re.match(r"^\s*module\s", line):
                return False
    return False


class Checker:
    def __init__(self, name, doc):
        self.name = name
        self.doc = doc
        self.problems = []

    def fail(self, message):
        self.problems.append(f"{self.name}: {message}")

    def run(self):
        doc = self.doc
        self.questions = {q["id"]: q for q in doc["questions"]}
        self.order = {q["id"]: i for i, q in enumerate(doc["questions"])}
        self.decisions = {d["id"]: d for d in doc["decisions"]}
        self.outcome_of = {}  # outcome id -> decision id
        self.outcomes = {}
        for d in doc["decisions"]:
            for o in d["outcomes"]:
                self.outcome_of[o["id"]] = d["id"]
                self.outcomes[o["id"]] = o
        self.obligations = {o["id"] for o in doc["obligations"]}
        self.sources = {s["id"]: s["title"] for s in doc["sources"]}
        self.rules = {r["id"]: r for r in doc["rules"]}
        self.main = doc["decision"]
        if self.main not in self.decisions:
            self.fail(f"main decision `{self.main}` is not among the decisions")
            return
        for i, n in enumerate(doc["nodes"]):
            if n["id"] != i:
                self.fail(f"node at index {i} has id {n['id']}")
                return
        self.nodes = doc["nodes"]
        if not 0 <= doc["root"] < len(self.nodes):
            self.fail(f"root {doc['root']} is not a node")
            return
        self.check_references()
        self.check_nodes()
        if self.problems:
            return
        self.paths = 0
        self.reached = set()
        self.walk(doc["root"], [], {})
        if self.paths != doc["verification"]["paths"]:
            self.fail(f"{self.paths} paths replayed, verification.paths says {doc['verification']['paths']}")
        unreached = sorted(set(range(len(self.nodes))) - self.reached)
        if unreached:
            self.fail(f"nodes not reachable from the root: {unreached}")
        self.check_stamp()

    def check_citations(self, where, citations):
        for c in citations:
            if c["source"] not in self.sources:
                self.fail(f"{where}: citation of unknown source `{c['source']}`")
            elif self.sources[c["source"]] != c["title"]:
                self.fail(f"{where}: citation title differs from source `{c['source']}`")

    def check_references(self):
        for o in self.outcomes.values():
            for k in o["obligations"]:
                if k not in self.obligations:
                    self.fail(f"outcome `{o['id']}`: unknown obligation `{k}`")
            self.check_citations(f"outcome `{o['id']}`", o["citations"])
        for r in self.rules.values():
            if r["decision"] and r["decision"] not in self.decisions:
                self.fail(f"rule `{r['id']}`: unknown decision `{r['decision']}`")
            if r["outcome"] and self.outcome_of.get(r["outcome"]) != r["decision"]:
                self.fail(f"rule `{r['id']}`: outcome `{r['outcome']}` is not of decision `{r['decision']}`")
            for t in r["exceptionTo"]:
                if t not in self.rules:
                    self.fail(f"rule `{r['id']}`: exception to unknown rule `{t}`")
            self.check_citations(f"rule `{r['id']}`", r["citations"])
        # An old answer is not an answer of this tree and is sent to one that is, once.
        for q in self.doc["questions"]:
            seen = set()
            for r in q.get("redirects", []):
                ids = [a["id"] for a in q["answers"]]
                if r["answer"] in ids or r["by"] not in ids or r["answer"] in seen:
                    self.fail(f"question `{q['id']}`: redirect of `{r['answer']}` to `{r['by']}`")
                seen.add(r["answer"])

    def valid_answers(self, q):
        if q["type"] == "number":
            return None  # checked as a range
        return [a["id"] for a in q["answers"]]

    def answer_ok(self, q, a):
        if q["type"] == "number":
            return isinstance(a, int) and not isinstance(a, bool) and q["min"] <= a <= q["max"]
        return isinstance(a, str) and a in self.valid_answers(q)

    def check_nodes(self):
        for n in self.nodes:
            if "leaf" in n:
                continue
            where = f"node {n['id']}"
            q = self.questions.get(n["question"])
            if q is None:
                self.fail(f"{where}: unknown question `{n['question']}`")
                continue
            seen = set()
            for e in n["edges"]:
                if not 0 <= e["next"] < len(self.nodes):
                    self.fail(f"{where}: edge to missing node {e['next']}")
                for a in e["answers"]:
                    if not self.answer_ok(q, a):
                        self.fail(f"{where}: `{a}` is not a valid answer of `{q['id']}`")
                    if a in seen:
                        self.fail(f"{where}: answer `{a}` on two edges (edges not disjoint)")
                    seen.add(a)
            if len(n["edges"]) < 2:
                self.fail(f"{where}: fewer than two edges (the question cannot change the result)")

    def walk(self, node_id, path, chosen):
        self.reached.add(node_id)
        n = self.nodes[node_id]
        if "leaf" in n:
            self.paths += 1
            self.check_leaf(n, path)
            return
        qid = n["question"]
        if qid in chosen:
            self.fail(f"path {self.describe(path)}: `{qid}` asked twice")
            return
        if path and self.order[qid] <= self.order[path[-1][0]]:
            self.fail(f"path {self.describe(path)}: `{qid}` asked out of the author's order")
        for e in n["edges"]:
            chosen[qid] = set(e["answers"])
            path.append((qid, e["answers"]))
            self.walk(e["next"], path, chosen)
            path.pop()
            del chosen[qid]

    @staticmethod
    def describe(path):
        return " → ".join(f"{q}={'/'.join(map(str, a))}" for q, a in path) or "(root)"

    def check_leaf(self, n, path):
        leaf = n["leaf"]
        where = f"leaf {n['id']} via {self.describe(path)}"
        if set(leaf["decisions"]) != set(self.decisions):
            self.fail(f"{where}: decisions {sorted(leaf['decisions'])} are not the ruleset's {sorted(self.decisions)}")
        for d, o in leaf["decisions"].items():
            if o is not None and self.outcome_of.get(o) != d:
                self.fail(f"{where}: `{o}` is not an outcome of decision `{d}`")
        outcome = leaf["outcome"]
        if leaf["decisions"].get(self.main) != outcome:
            self.fail(f"{where}: outcome `{outcome}` differs from decisions.{self.main}")
        if outcome is None:
            if self.doc["verification"]["verified"]:
                self.fail(f"{where}: no outcome in a verified export")
        elif self.outcome_of.get(outcome) != self.main:
            self.fail(f"{where}: `{outcome}` is not an outcome of the main decision `{self.main}`")
        for k in leaf["obligations"]:
            if k not in self.obligations:
                self.fail(f"{where}: unknown obligation `{k}`")
        if leaf["obligations"] != sorted(set(leaf["obligations"]), key=leaf["obligations"].index):
            self.fail(f"{where}: repeated obligation")
        for r in leaf["rules"]:
            rule = self.rules.get(r)
            if rule is None:
                self.fail(f"{where}: unknown rule `{r}`")
            elif rule["decision"] != self.main:
                self.fail(f"{where}: rule `{r}` does not decide `{self.main}`")
            elif outcome is not None and rule["outcome"] != outcome:
                self.fail(f"{where}: rule `{r}` gives `{rule['outcome']}`, the leaf `{outcome}`")
        if outcome is not None and not leaf["rules"]:
            self.fail(f"{where}: an outcome without a rule that gives it")
        for x in leaf["exceptions"]:
            rule = self.rules.get(x["rule"])
            if rule is None or x["over"] not in rule["exceptionTo"]:
                self.fail(f"{where}: `{x['rule']}` is not an exception to `{x['over']}`")
            if x["rule"] not in leaf["rules"]:
                self.fail(f"{where}: exception `{x['rule']}` won but is not among the leaf's rules")
        # The citations: the outcome's, then the rules', without repeats.
        expected, seen = [], set()
        lists = [self.outcomes[outcome]["citations"]] if outcome in self.outcomes else []
        lists += [self.rules[r]["citations"] for r in leaf["rules"] if r in self.rules]
        for cl in lists:
            for c in cl:
                key = json.dumps(c, sort_keys=True)
                if key not in seen:
                    seen.add(key)
                    expected.append(c)
        if leaf["citations"] != expected:
            self.fail(f"{where}: citations are not the outcome's then the rules'")

    def check_stamp(self):
        v = self.doc["verification"]
        if v["verified"] and "note" in v:
            self.fail("a verified export has a note")
        for f in self.doc["files"]:
            if os.path.exists(f["path"]):
                with open(f["path"], "rb") as fh:
                    digest = hashlib.sha256(fh.read()).hexdigest()
                if digest != f["sha256"]:
                    self.fail(f"sha256 of `{f['path']}` differs from the file")
            else:
                self.fail(f"source file `{f['path']}` does not exist")


def expand(compact):
    """The document a wegwijzer-compact/1 export stands for (docs/export.md, `--compact`)."""
    shared = []

    def resolve(v, limit):
        if isinstance(v, list):
            return [resolve(x, limit) for x in v]
        if isinstance(v, dict):
            if list(v) == ["$"]:
                assert isinstance(v["$"], int) and 0 <= v["$"] < limit, v
                return shared[v["$"]]
            return {k: resolve(x, limit) for k, x in v.items()}
        return v

    for k, v in enumerate(compact["shared"]):
        shared.append(resolve(v, k))
    return resolve(compact["document"], len(shared))


def main(argv):
    cache = tempfile.mkdtemp(prefix="validate_export_")
    os.environ["WEGWIJZER_CACHE"] = cache
    try:
        return check_all(argv)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def check_all(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = argv[1]
    files = argv[2:] or sorted(
        os.path.join("rulesets", f) for f in os.listdir("rulesets") if f.endswith(".ww"))
    files = [f for f in files if is_ruleset(f)]
    if not files:
        print("validate_export: no rulesets found", file=sys.stderr)
        return 1
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    problems = []
    for path in files:
        run = subprocess.run([binary, "export", "--format", "json", path],
                             capture_output=True, text=True, encoding="utf-8")
        if run.returncode != 0:
            problems.append(f"{path}: export exited {run.returncode}: {run.stderr.strip()}")
            continue
        doc = json.loads(run.stdout)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors:
            problems.append(f"{path}: schema: /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
        if errors:
            continue
        checker = Checker(path, doc)
        checker.run()
        problems += checker.problems
        if not checker.problems:
            print(f"ok {path}: {len(doc['nodes'])} nodes, {checker.paths} paths replayed, "
                  f"{doc['verification']['casesReplayed']} cases replayed by the tool")
        # The whole history: one tree per period, each checked like the tree of one date, and
        # the periods in order, meeting without gap or overlap.
        run = subprocess.run([binary, "export", "--all-periods", "--format", "json", path],
                             capture_output=True, text=True, encoding="utf-8")
        if run.returncode != 0:
            problems.append(f"{path}: export --all-periods exited {run.returncode}: "
                            f"{run.stderr.strip()}")
            continue
        history = json.loads(run.stdout)
        errors = sorted(validator.iter_errors(history), key=lambda e: list(e.absolute_path))
        for e in errors:
            problems.append(f"{path} --all-periods: schema: "
                            f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
        if errors:
            continue
        periods = [p["date"]["period"] for p in history["periods"]]
        if periods[0]["from"] != history["span"]["from"] or \
                periods[-1]["until"] != history["span"]["until"]:
            problems.append(f"{path} --all-periods: the periods do not cover the span")
        for a, b in zip(periods, periods[1:]):
            if a["until"] is None or a["until"] != b["from"]:
                problems.append(f"{path} --all-periods: periods {a} and {b} do not meet")
        for period_doc in history["periods"]:
            if period_doc["date"]["period"] == doc["date"]["period"]:
                continue  # today's tree, replayed above
            checker = Checker(f"{path} {period_doc['date']['period']}", period_doc)
            checker.run()
            problems += checker.problems
        print(f"ok {path} --all-periods: {len(periods)} periods")
        # The compact history: its envelope valid, and expanded, exactly the history.
        run = subprocess.run([binary, "export", "--all-periods", "--compact", path],
                             capture_output=True, text=True)
        if run.returncode != 0:
            problems.append(f"{path}: export --all-periods --compact exited {run.returncode}")
            continue
        compact = json.loads(run.stdout)
        for e in validator.iter_errors(compact):
            problems.append(f"{path} --compact: schema: {e.message}")
        if expand(compact) != history:
            problems.append(f"{path} --compact: expanded, it is not the --all-periods document")
        else:
            print(f"ok {path} --all-periods --compact: {len(run.stdout.encode())} bytes, "
                  f"{len(compact['shared'])} shared values")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
