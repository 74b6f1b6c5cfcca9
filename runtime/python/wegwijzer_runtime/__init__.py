"""Runs decision trees exported by wegwijzer (``wegwijzer export --format json``).

The answer for a case, with its obligations, flags and sources, from a tree exported for one
date or for every period (``--all-periods``), without a solver. The same API as the JavaScript
package ``@wegwijzer/runtime`` (runtime/js), in Python 3.11's standard library only; both are
proven to agree with wegwijzer's evaluator on every path of every shipped ruleset and period
(tests/conformance). See docs/runtime.md.

    import json, wegwijzer_runtime as ww
    tree = ww.load(open("huisarts.json").read())
    question = ww.next(tree, {})                    # the first question
    result = ww.evaluate(tree, answers, as_of="2026-12-06")
    print(result.outcome.text, [o.text for o in result.obligations])
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import re as _re
from dataclasses import dataclass, field
from typing import Any, Mapping, Union

next_ = next  # the builtin: this module's `next` is the API's

__all__ = [
    "FORMATS", "WegwijzerError", "Loaded", "DateUsed", "Redirected", "Asked", "NextQuestion",
    "Obligation", "OutcomeResult", "DecisionResult", "Evaluation", "load", "pick", "next",
    "evaluate", "today",
]

#: The export formats this runtime reads (``wegwijzer-compact/1``: ``export --compact`` of
#: either of the others).
FORMATS = ("wegwijzer-tree/1", "wegwijzer-history/1", "wegwijzer-compact/1")

AnswerValue = Union[str, int, bool]


class WegwijzerError(ValueError):
    """Every error this module raises. ``kind``: ``format`` (not an export this runtime
    reads), ``date`` (no tree for the date) or ``answer`` (an answer that is not one, or not
    possible at that point; ``question`` names the question)."""

    def __init__(self, kind: str, message: str, question: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.question = question


def _fail(kind: str, message: str, question: str | None = None):
    raise WegwijzerError(kind, message, question)


@dataclass(frozen=True)
class _Indexed:
    doc: dict
    questions: dict
    outcomes: dict
    obligations: dict


@dataclass(frozen=True)
class Loaded:
    """A loaded export: one tree, or every period's tree of a history (in date order)."""

    format: str
    ruleset: dict
    periods: list
    _indexed: list = field(repr=False)


@dataclass(frozen=True)
class DateUsed:
    """The date a result holds for: ``as_of`` (asked, or the tree's own), the ``index`` of the
    tree used in ``periods``, its ``period`` (``{"from", "until"}``), ``statement`` (Dutch)."""

    as_of: str | None
    index: int
    period: dict
    statement: str
    historical: bool


@dataclass(frozen=True)
class Redirected:
    """An old answer (``given``) taken as the ``answer`` that replaces it on the date."""

    question: str
    given: str
    answer: str
    via: list
    since: str | None
    reason: str
    note: str


@dataclass(frozen=True)
class Asked:
    question: str
    text: str
    answer: str | int
    label: str


@dataclass(frozen=True)
class NextQuestion:
    """The question to answer next; ``answers``: those possible here, in the author's order
    (empty for numbers, which have ``min``, ``max`` and the ``ranges`` possible here)."""

    id: str
    text: str
    type: str
    answers: list
    step: int
    help: str | None = None
    min: int | None = None
    max: int | None = None
    ranges: list | None = None


@dataclass(frozen=True)
class Obligation:
    id: str
    text: str


@dataclass(frozen=True)
class OutcomeResult:
    id: str
    text: str
    discloses: bool
    without_consent: bool
    flags: list
    obligations: list
    citations: list


@dataclass(frozen=True)
class DecisionResult:
    id: str
    text: str
    outcome: OutcomeResult | None


@dataclass(frozen=True)
class Evaluation:
    """``status``: ``decided``, or ``incomplete`` with the ``next`` question to ask."""

    status: str
    date: DateUsed
    verified: bool
    asked: list
    redirects: list
    next: NextQuestion | None
    decision: str
    outcome: OutcomeResult | None
    decisions: list
    obligations: list
    rules: list
    exceptions: list
    citations: list


def _check_tree(doc: Any, where: str) -> dict:
    if not isinstance(doc, dict) or doc.get("format") != "wegwijzer-tree/1":
        _fail("format", f"{where} is not a wegwijzer-tree/1 document")
    for key in ("questions", "decisions", "obligations", "nodes"):
        if not isinstance(doc.get(key), list):
            _fail("format", f"{where} has no `{key}` list")
    if not isinstance(doc.get("root"), int) or not isinstance(doc.get("date"), dict) \
            or not isinstance(doc.get("decision"), str):
        _fail("format", f"{where} lacks `root`, `date` or `decision`")
    return doc


def _index(doc: dict) -> _Indexed:
    return _Indexed(
        doc=doc,
        questions={q["id"]: q for q in doc["questions"]},
        outcomes={d["id"]: {o["id"]: o for o in d["outcomes"]} for d in doc["decisions"]},
        obligations={o["id"]: o["text"] for o in doc["obligations"]},
    )


def _expand(compact: dict) -> Any:
    """The document a compact export stands for: every ``{"$": k}`` replaced by shared value
    k, which refers only to shared values before it."""
    shared = compact.get("shared")
    if not isinstance(shared, list) or not isinstance(compact.get("document"), dict):
        _fail("format", "the compact export lacks `shared` or `document`")
    done: list = []

    def resolve(v: Any, limit: int) -> Any:
        if isinstance(v, list):
            return [resolve(x, limit) for x in v]
        if not isinstance(v, dict):
            return v
        if len(v) == 1 and "$" in v:
            k = v["$"]
            if not isinstance(k, int) or isinstance(k, bool) or not 0 <= k < limit:
                _fail("format", f"the compact export refers to shared value {k}, which it does not have")
            return done[k]
        return {key: resolve(x, limit) for key, x in v.items()}

    for k, v in enumerate(shared):
        done.append(resolve(v, k))
    return resolve(compact["document"], len(shared))


def load(document: str | bytes | Mapping) -> Loaded:
    """Reads an export (its JSON text, or the parsed value). Raises a ``format`` error on
    anything but a ``wegwijzer-tree/1``, ``wegwijzer-history/1`` or ``wegwijzer-compact/1``
    document; ``format`` is then the tree's or the history's."""
    value = document
    if isinstance(document, (str, bytes)):
        try:
            value = _json.loads(document)
        except ValueError as e:
            _fail("format", f"not JSON: {e}")
    if not isinstance(value, dict) or not isinstance(value.get("format"), str):
        _fail("format", "not a wegwijzer export: it has no `format`")
    if value["format"] == "wegwijzer-compact/1":
        value = _expand(value)
        if not isinstance(value, dict) or value.get("format") == "wegwijzer-compact/1":
            _fail("format", "the compact export holds no tree or history")
    if not isinstance(value.get("format"), str):
        _fail("format", "not a wegwijzer export: it has no `format`")
    fmt = value["format"]
    if fmt == "wegwijzer-tree/1":
        periods = [_check_tree(value, "the export")]
    elif fmt == "wegwijzer-history/1":
        if not isinstance(value.get("periods"), list) or not value["periods"]:
            _fail("format", "the history has no `periods`")
        periods = [_check_tree(p, f"period {i + 1}") for i, p in enumerate(value["periods"])]
    else:
        newer = " (a newer version of the runtime reads it)" if fmt.startswith("wegwijzer-") else ""
        _fail("format", f"this runtime reads {', '.join(FORMATS[:-1])} and {FORMATS[-1]}; "
              f"the export is `{fmt}`{newer}")
    r = periods[0]["ruleset"]
    return Loaded(format=fmt, ruleset={"id": r["id"], "title": r["title"], "version": r["version"]},
                  periods=periods, _indexed=[_index(p) for p in periods])


def today() -> str:
    """Today as ``YYYY-MM-DD`` (the local date)."""
    return _dt.date.today().isoformat()


_DATE = _re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_text(as_of: str | _dt.date) -> str:
    if isinstance(as_of, _dt.date):
        return f"{as_of.year:04d}-{as_of.month:02d}-{as_of.day:02d}"
    if not isinstance(as_of, str) or not _DATE.match(as_of):
        _fail("date", f"`{as_of}` is not a date: write YYYY-MM-DD")
    return as_of


def _holds(period: dict, date: str) -> bool:
    return (period["from"] is None or period["from"] <= date) and \
        (period["until"] is None or date < period["until"])


def _period_text(p: dict) -> str:
    if p["from"] is not None and p["until"] is not None:
        return f"from {p['from']} until {p['until']}"
    if p["from"] is not None:
        return f"from {p['from']}"
    if p["until"] is not None:
        return f"until {p['until']}"
    return "always"


def pick(tree: Loaded, as_of: str | _dt.date | None = None) -> DateUsed:
    """The tree for the date: a history picks the period that holds it (default: today); a
    one-date tree checks that the date lies in its period (default: its own date)."""
    single = tree.format == "wegwijzer-tree/1"
    if as_of is not None:
        date = _date_text(as_of)
    else:
        date = tree.periods[0]["date"]["asOf"] if single else today()
    at = 0
    if date is not None:
        found = [i for i, p in enumerate(tree.periods) if _holds(p["date"]["period"], date)]
        if not found:
            span = tree.periods[0]["date"]["period"] if single else {
                "from": tree.periods[0]["date"]["period"]["from"],
                "until": tree.periods[-1]["date"]["period"]["until"]}
            hint = " (export with --all-periods, or for that date with --as-of)" if single else ""
            _fail("date", f"no tree for {date}: the export holds {_period_text(span)}{hint}")
        at = found[0]
    d = tree.periods[at]["date"]
    return DateUsed(as_of=date, index=at, period=d["period"], statement=d["statement"],
                    historical=d["historical"])


def _values_text(q: dict) -> str:
    if q["type"] == "number":
        return f"a whole number in {q['min']}..{q['max']}"
    if q["type"] == "yes/no":
        return "`yes` or `no` (`ja` or `nee`)"
    ids = [f"`{a['id']}`" for a in q["answers"]]
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} or {ids[-1]}"


def _normalise(q: dict, given: AnswerValue) -> tuple[str | int, Redirected | None]:
    if q["type"] == "number":
        n = None
        if isinstance(given, int) and not isinstance(given, bool):
            n = given
        elif isinstance(given, float) and given.is_integer():
            n = int(given)
        elif isinstance(given, str) and _re.fullmatch(r"-?\d+", given.strip()):
            n = int(given.strip())
        if n is None or n < q["min"] or n > q["max"]:
            _fail("answer", f"`{given}` is not an answer of `{q['id']}`: give {_values_text(q)}", q["id"])
        return n, None
    if isinstance(given, bool) and q["type"] == "yes/no":
        answer = "yes" if given else "no"
    elif q["type"] == "yes/no" and given in ("ja", "nee"):
        # `ja` and `nee` are `yes` and `no`, as the page, `ask` and `explain` show them.
        answer = "yes" if given == "ja" else "no"
    else:
        answer = str(given)
    if any(a["id"] == answer for a in q["answers"]):
        return answer, None
    for r in q.get("redirects", []) if q["type"] == "one of" else []:
        if r["answer"] != answer:
            continue
        when = " and ".join(_period_text(p) for p in r["valid"])
        by = f"`{r['by']}`"
        if r["via"]:
            by += " (through `" + "`, `".join(r["via"]) + "`)"
        note = f"`{r['answer']}` (an answer of `{q['id']}`{' ' + when if when else ''}) is replaced by {by}"
        if r["since"] is not None:
            note += f" from {r['since']}"
        if r["reason"]:
            note += f": {r['reason']}"
        return r["by"], Redirected(question=q["id"], given=answer, answer=r["by"], via=list(r["via"]),
                                   since=r["since"], reason=r["reason"], note=note)
    _fail("answer", f"`{answer}` is not an answer of `{q['id']}`: give {_values_text(q)}", q["id"])


def _other_dates(tree: Loaded, q: dict, answer: str, date: str | None) -> str | None:
    """An answer that is not one on the date but is on other dates of a history: when, as
    ``wegwijzer explain`` says it; None when no other period has it."""
    if len(tree.periods) < 2 or date is None or q["type"] == "number":
        return None
    spans: list = []
    for p in tree.periods:
        other = next_((x for x in p["questions"] if x["id"] == q["id"]), None)
        if other is None or other["type"] == "number" or not any(a["id"] == answer for a in other["answers"]):
            continue
        period = p["date"]["period"]
        if spans and spans[-1]["until"] is not None and spans[-1]["until"] == period["from"]:
            spans[-1] = {"from": spans[-1]["from"], "until": period["until"]}
        else:
            spans.append(period)
    if not spans:
        return None
    help_text = f" (“{q['help']}”)" if "help" in q else ""
    return (f"`{answer}` is not an answer of `{q['id']}` on {date}: it is one "
            f"{', '.join(_period_text(s) for s in spans)}{help_text}; give {_values_text(q)}")


def _label(q: dict, value: str | int) -> str:
    if q["type"] == "number":
        return str(value)
    for a in q["answers"]:
        if a["id"] == value:
            return a["label"][:1].upper() + a["label"][1:]
    return str(value)


def _edge(node: dict, value: str | int):
    for e in node["edges"]:
        for a in e["answers"]:
            # 1 == True in Python: compare types too (answers are str or int, never bool).
            if a == value and type(a) is type(value):
                return e
    return None


def _next_question(t: _Indexed, node: dict, step: int) -> NextQuestion:
    q = t.questions.get(node["question"])
    if q is None:
        _fail("format", f"the tree asks `{node['question']}`, which it does not list")
    if q["type"] == "number":
        ranges: list = []
        for v in sorted(v for e in node["edges"] for v in e["answers"]):
            if ranges and v == ranges[-1][1] + 1:
                ranges[-1][1] = v
            else:
                ranges.append([v, v])
        return NextQuestion(id=q["id"], text=q["text"], type=q["type"], answers=[], step=step,
                            help=q.get("help"), min=q["min"], max=q["max"],
                            ranges=[tuple(r) for r in ranges])
    return NextQuestion(id=q["id"], text=q["text"], type=q["type"], step=step, help=q.get("help"),
                        answers=[a for a in q["answers"] if _edge(node, a["id"]) is not None])


def _walk(tree: Loaded, answers: Mapping, as_of):
    if not isinstance(tree, Loaded):
        _fail("format", "not a loaded tree: call load() first")
    date = pick(tree, as_of)
    t = tree._indexed[date.index]
    asked: list = []
    redirects: list = []
    node = t.doc["nodes"][t.doc["root"]]
    while "leaf" not in node:
        q = t.questions.get(node["question"])
        if q is None:
            _fail("format", f"the tree asks `{node['question']}`, which it does not list")
        given = answers.get(q["id"])
        if given is None or given == "":
            return date, t, asked, redirects, None, _next_question(t, node, len(asked))
        try:
            value, redirect = _normalise(q, given)
        except WegwijzerError:
            when = _other_dates(tree, q, given, date.as_of) if isinstance(given, str) else None
            if when is None:
                raise
            _fail("answer", when, q["id"])
        edge = _edge(node, value)
        if edge is None:
            _fail("answer", f"`{given}` is not possible for `{q['id']}` after the answers before it "
                  "(the ruleset's assumptions exclude it)", q["id"])
        if redirect is not None:
            redirects.append(redirect)
        asked.append(Asked(question=q["id"], text=q["text"], answer=value, label=_label(q, value)))
        node = t.doc["nodes"][edge["next"]]
    return date, t, asked, redirects, node["leaf"], None


def next(tree: Loaded, answers: Mapping | None = None,  # noqa: A001 (the API's name)
         as_of: str | _dt.date | None = None) -> NextQuestion | None:
    """The question to answer next for these answers, with the answers possible at that
    point on the date; None when the answers lead to a result."""
    return _walk(tree, answers or {}, as_of)[5]


def _outcome(t: _Indexed, decision: str, oid: str | None) -> OutcomeResult | None:
    if oid is None:
        return None
    o = t.outcomes.get(decision, {}).get(oid)
    if o is None:
        _fail("format", f"the tree names outcome `{oid}` of `{decision}`, which it does not list")
    return OutcomeResult(id=o["id"], text=o["text"], discloses=o["discloses"],
                         without_consent=o["withoutConsent"], flags=list(o["flags"]),
                         obligations=[Obligation(k, t.obligations.get(k, "")) for k in o["obligations"]],
                         citations=list(o["citations"]))


def evaluate(tree: Loaded, answers: Mapping | None = None,
             as_of: str | _dt.date | None = None) -> Evaluation:
    """The answer for a case on the date: the main decision's outcome with its text, flags
    and citations, every other decision's outcome, the obligations, the rules and exceptions
    that decided, and the sources; old answers taken as their replacements (each in
    ``redirects``, with its note). With too few answers: ``incomplete``, with ``next``."""
    date, t, asked, redirects, leaf, nxt = _walk(tree, answers or {}, as_of)
    doc = t.doc
    base = dict(date=date, verified=doc["verification"]["verified"], asked=asked,
                redirects=redirects, decision=doc["decision"])
    if leaf is None:
        return Evaluation(status="incomplete", next=nxt, outcome=None, decisions=[], obligations=[],
                          rules=[], exceptions=[], citations=[], **base)
    order = [doc["decision"]] + [d["id"] for d in doc["decisions"] if d["id"] != doc["decision"]]
    texts = {d["id"]: d["text"] for d in doc["decisions"]}
    decisions = [DecisionResult(id=d, text=texts.get(d, ""),
                                outcome=_outcome(t, d, leaf["decisions"].get(d))) for d in order]
    return Evaluation(
        status="decided", next=None, outcome=decisions[0].outcome, decisions=decisions,
        obligations=[Obligation(k, t.obligations.get(k, "")) for k in leaf["obligations"]],
        rules=list(leaf["rules"]), exceptions=[dict(e) for e in leaf["exceptions"]],
        citations=list(leaf["citations"]), **base)
