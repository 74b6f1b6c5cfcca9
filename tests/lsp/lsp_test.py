"""`wegwijzer lsp` driven by scripted JSON-RPC exchanges, as an editor drives it.

usage: lsp_test.py WEGWIJZER RULESETS_DIR [SCENARIO...]

Each scenario works on its own copy of the shipped rulesets (edits, renames and waivers never
touch the repository) and starts its own server without a proof cache on disk."""

import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client, apply_edits, path_of, position_of, uri  # noqa: E402

BINARY, RULESETS = sys.argv[1], sys.argv[2]
ONLY = sys.argv[3:] or os.environ.get("WW_LSP_SCENARIOS", "").split()


def workspace():
    root = tempfile.mkdtemp(prefix="ww-lsp-")
    shutil.copytree(RULESETS, os.path.join(root, "rulesets"))
    return root, os.path.join(root, "rulesets")


def start(**kw):
    return Client(BINARY, ["--no-cache", "--debounce", "50", "--jobs", "2"], **kw)


def codes(c, u):
    return [d["code"] for d in c.diagnostics.get(u, [])]


def at(text, needle, nth=0, delta=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return position_of(text, i + delta)


def test_typo_quick_fix():
    """A typo gets E0101 at once with a did-you-mean; the quick fix removes it, and the
    proofs run on the corrected text."""
    root, rs = workspace()
    c = start()
    c.initialize(rs)
    p = os.path.join(rs, "huisarts.ww")
    good = open(p, encoding="utf-8").read()
    bad = good.replace("leeftijd_gevraagd and leeftijd < 12", "leeftijd_gevraagd and leeftyd < 12", 1)
    assert bad != good
    u = c.open(p, bad)
    c.wait_for(lambda: "E0101" in codes(c, u), 30, "E0101 for the typo")
    d = next(d for d in c.diagnostics[u] if d["code"] == "E0101")
    assert d["message"].startswith("unknown name `leeftyd`"), d["message"]
    assert d["range"]["start"] == at(bad, "leeftyd"), d["range"]
    assert d["codeDescription"]["href"].endswith("#E0101")
    assert d["severity"] == 1
    actions = c.result("textDocument/codeAction",
                       {"textDocument": {"uri": u}, "range": d["range"],
                        "context": {"diagnostics": [d]}})
    fix = [a for a in actions if a["title"] == "change to `leeftijd`"]
    assert fix and fix[0]["isPreferred"], actions
    n = c.checks()
    c.apply_workspace_edit(fix[0]["edit"])
    assert c.text(u) == good
    c.checked(n + 1)
    c.wait_for(lambda: c.diagnostics.get(u) == [], 60, "huisarts without findings")
    # Every ruleset of the folder was published (empty: the shipped rulesets verify).
    shipped = [f for f in os.listdir(rs) if f.endswith(".ww")]
    assert len([k for k in c.diagnostics if k.endswith(".ww")]) == len(shipped), sorted(c.diagnostics)
    assert all(v == [] for v in c.diagnostics.values()), {k: v for k, v in c.diagnostics.items() if v}
    assert c.finish() == 0


def dutch(args, options, env=None):
    """The server speaks Dutch: a hover, a quick fix's title and a code lens are Dutch; the
    finding's code and its data stay as they are in English."""
    root, rs = workspace()
    c = Client(BINARY, ["--no-cache", "--debounce", "50", "--jobs", "2", *args],
               env=dict(os.environ, **(env or {})))
    c.initialize(rs, options)
    p = os.path.join(rs, "huisarts.ww")
    good = open(p, encoding="utf-8").read()
    bad = good.replace("leeftijd_gevraagd and leeftijd < 12", "leeftijd_gevraagd and leeftyd < 12", 1)
    u = c.open(p, bad)
    c.wait_for(lambda: "E0101" in codes(c, u), 30, "E0101 for the typo")
    d = next(d for d in c.diagnostics[u] if d["code"] == "E0101")
    assert d["codeDescription"]["href"].endswith("#E0101") and d["source"] == "wegwijzer", d
    assert d["data"]["suggest"] == "leeftijd", d
    actions = c.result("textDocument/codeAction",
                       {"textDocument": {"uri": u}, "range": d["range"],
                        "context": {"diagnostics": [d]}})
    titles = [a["title"] for a in actions]
    assert "vervang door `leeftijd`" in titles, titles
    hover = c.result("textDocument/hover",
                     {"textDocument": {"uri": u}, "position": at(bad, "leeftijd >= 16")})
    value = hover["contents"]["value"]
    assert value.startswith("**vraag** `leeftijd`"), value
    assert "antwoorden: een heel getal van 0 tot en met" in value, value
    lenses = c.result("textDocument/codeLens", {"textDocument": {"uri": u}})
    lens_titles = {l["command"]["title"] for l in lenses}
    assert "een geval voorleggen" in lens_titles, lens_titles
    assert "▶ test uitvoeren" in lens_titles or any("geslaagd" in t or "mislukt" in t for t in lens_titles), lens_titles
    bad_rename = c.request("textDocument/rename", {"textDocument": {"uri": u},
                                                  "position": at(bad, "leeftijd >= 16"),
                                                  "newName": "not"})
    assert bad_rename["error"]["message"].startswith("`not` is geen naam"), bad_rename
    assert c.finish() == 0


def test_dutch_by_option():
    """`wegwijzer lsp --lang nl`, whatever the client and the environment ask."""
    dutch(["--lang", "nl"], {"language": "en"}, {"WEGWIJZER_LANG": "en"})


def test_dutch_by_client():
    """`initializationOptions.language` = "nl" from the client wins over the environment."""
    dutch([], {"language": "nl"}, {"WEGWIJZER_LANG": "en"})


GAP = """ruleset gat "Een ruleset met een gat"

question toestemming "Geeft de cliënt toestemming?" yes/no
question ernstig "Is er ernstig gevaar?" yes/no

source wet "Een wet"

decision delen "Mag ik delen?" {
  outcome ja "U mag delen." cite wet "art. 1"
  outcome nee "U deelt niet." cite wet "art. 2"
}

rule met_toestemming when toestemming then ja cite wet "art. 1"
rule zonder when not toestemming and ernstig then ja cite wet "art. 3"
"""


def test_close_gap():
    """A gap (E0501) with its region; "close the gap" inserts a rule for exactly those cases,
    after which the ruleset verifies."""
    root, rs = workspace()
    p = os.path.join(root, "gat.ww")
    open(p, "w", encoding="utf-8").write(GAP)
    c = start()
    c.initialize(root)
    u = c.open(p)
    c.wait_for(lambda: "E0501" in codes(c, u), 120, "the gap")
    d = next(d for d in c.diagnostics[u] if d["code"] == "E0501")
    assert "gap: decision `delen`" in d["message"], d["message"]
    assert "toestemming = no" in d["message"] and "ernstig = no" in d["message"], d["message"]
    actions = c.result("textDocument/codeAction",
                       {"textDocument": {"uri": u}, "range": d["range"],
                        "context": {"diagnostics": [d]}})
    titles = [a["title"] for a in actions]
    assert "close the gap: `nee` in these cases" in titles, titles
    assert any(t.startswith("waive `E0501:gat:delen`") for t in titles), titles
    close = next(a for a in actions if a["title"] == "close the gap: `nee` in these cases")
    n = c.checks()
    c.apply_workspace_edit(close["edit"])
    assert "rule delen_gat_1\n  when not toestemming and not ernstig\n  then nee\n" in c.text(u), c.text(u)
    c.checked(n + 1)
    # Verified: no error left; the new rule cites no source yet (W0101).
    c.wait_for(lambda: codes(c, u) == ["W0101"], 60, "the ruleset verified")
    assert c.finish() == 0


NEWER = """ruleset oud "Een regel die een oudere vervangt" valid from 2010-01-01

source wet "Een wet"
question toestemming "Geeft de cliënt toestemming?" yes/no

decision delen "Mag ik delen?" {
  outcome ja "U mag delen." cite wet "art. 1"
  outcome nee "U deelt niet." cite wet "art. 2"
}

rule met_toestemming when toestemming then ja cite wet "art. 1"
rule zonder when not toestemming then nee cite wet "art. 2"
rule zonder_nieuw when not toestemming then ja cite wet "art. 3" valid from 2020-01-01
"""


def test_end_old_rule():
    """A conflict that starts when a newer rule begins: the quick fix ends the older rule on
    that date, with the other rule as related information."""
    root, rs = workspace()
    p = os.path.join(root, "oud.ww")
    open(p, "w", encoding="utf-8").write(NEWER)
    c = start()
    c.initialize(root)
    u = c.open(p)
    c.wait_for(lambda: "E0502" in codes(c, u), 120, "the conflict")
    d = next(d for d in c.diagnostics[u] if d["code"] == "E0502")
    assert d["message"].startswith("from 2020-01-01: conflict"), d["message"]
    assert d["range"]["start"]["line"] == 12, d["range"]
    rel = d["relatedInformation"][0]
    assert rel["location"]["range"]["start"]["line"] == 11 and rel["message"] == "`zonder` gives `nee`", rel
    actions = c.result("textDocument/codeAction",
                       {"textDocument": {"uri": u}, "range": d["range"],
                        "context": {"diagnostics": [d]}})
    end = [a for a in actions if a["title"] == "end rule `zonder` with `valid until 2020-01-01`"]
    assert end, [a["title"] for a in actions]
    n = c.checks()
    c.apply_workspace_edit(end[0]["edit"])
    assert 'rule zonder when not toestemming then nee cite wet "art. 2" valid until 2020-01-01\n' in c.text(u), c.text(u)
    c.checked(n + 1)
    # No conflict left, no error at all (from 2020 the outcome `nee` is no rule's `then` any
    # more: W0104).
    c.wait_for(lambda: "W0104" in codes(c, u) and
               not any(d["severity"] == 1 for d in c.diagnostics.get(u, [])), 60,
               "no conflict left")
    assert c.finish() == 0


def test_navigation():
    """Hover, definition, references and rename across basis.ww and a profession."""
    root, rs = workspace()
    c = start()
    c.initialize(rs)
    hp = os.path.join(rs, "huisarts.ww")
    bp = os.path.join(rs, "basis.ww")
    hu, bu = c.open(hp), c.open(bp)
    htext = c.text(hu)
    pos = at(htext, "leeftijd < 12")
    hover = c.result("textDocument/hover", {"textDocument": {"uri": hu}, "position": pos})
    value = hover["contents"]["value"]
    assert value.startswith("**question** `leeftijd`"), value
    assert "answers: a whole number in" in value and "basis.ww" in value, value
    defs = c.result("textDocument/definition", {"textDocument": {"uri": hu}, "position": pos})
    assert defs[0]["uri"] == bu, defs
    btext = c.text(bu)
    line = defs[0]["range"]["start"]["line"]
    assert btext.split("\n")[line].lstrip().startswith("question leeftijd"), btext.split("\n")[line]
    refs = c.result("textDocument/references",
                    {"textDocument": {"uri": hu}, "position": pos, "context": {"includeDeclaration": True}})
    files = {r["uri"].rsplit("/", 1)[1] for r in refs}
    assert {"basis.ww", "huisarts.ww"} <= files and len(files) >= 4, files
    # An answer: hover shows its label, references stay within its question.
    apos = at(btext, "kind_getuige", 1)
    ahover = c.result("textDocument/hover", {"textDocument": {"uri": bu}, "position": apos})
    assert "**answer** `kind_getuige` of `situatie`" in ahover["contents"]["value"], ahover
    # A date: the period it falls in.
    dpos = at(htext, "as of 2010-06-01", 0, 7)
    dh = c.result("textDocument/hover", {"textDocument": {"uri": hu}, "position": dpos})
    assert "ruleset `huisarts`: period" in dh["contents"]["value"], dh
    # Rename a question of the module: every use in every profession, and nothing else.
    prep = c.result("textDocument/prepareRename", {"textDocument": {"uri": hu}, "position": pos})
    assert prep["placeholder"] == "leeftijd"
    bad = c.request("textDocument/rename", {"textDocument": {"uri": hu}, "position": pos, "newName": "not"})
    assert bad["error"]["code"] == -32602, bad
    edit = c.result("textDocument/rename", {"textDocument": {"uri": hu}, "position": pos,
                                            "newName": "leeftijd_kind"})
    total = sum(len(v) for v in edit["changes"].values())
    assert total == len(refs), (total, len(refs))
    for u2, edits in edit["changes"].items():
        assert all(c.text(u2)[0:0] == "" for _ in edits)
    n = c.checks()
    c.apply_workspace_edit(edit, to_disk=True)
    c.checked(n + 1)
    c.wait_for(lambda: all(v == [] for v in c.diagnostics.values()), 120,
               "every ruleset verified after the rename")
    # Symbols: the outline of a ruleset, and the workspace's.
    outline = c.result("textDocument/documentSymbol", {"textDocument": {"uri": hu}})
    names = [s["name"] for s in outline]
    assert names[0] == "huisarts" and "wgbo_onder_12" in names, names
    ws = c.result("workspace/symbol", {"query": "leeftijd_kind"})
    assert any(s["location"]["uri"] == bu for s in ws), ws
    assert c.finish() == 0


def test_completion_and_format():
    root, rs = workspace()
    c = start()
    c.initialize(rs)
    hp = os.path.join(rs, "huisarts.ww")
    hu = c.open(hp)
    text = c.text(hu) + "\nrule nieuw when situatie == "
    c.change(hu, text)
    end = position_of(text, len(text))
    items = c.result("textDocument/completion", {"textDocument": {"uri": hu}, "position": end})
    labels = {i["label"] for i in items}
    assert {"kind_getuige", "kindermishandeling"} <= labels and "leeftijd" not in labels, labels
    text2 = c.text(hu)[: -len("situatie == ")] + "lee"
    c.change(hu, text2)
    items = c.result("textDocument/completion",
                     {"textDocument": {"uri": hu}, "position": position_of(text2, len(text2))})
    labels = {i["label"] for i in items}
    assert {"leeftijd", "leeftijd_gevraagd", "when", "rule …", "test …"} <= labels, sorted(labels)[:40]
    # Formatting gives exactly what `wegwijzer fmt` writes.
    messy = "ruleset   m  \"M\"\nquestion q \"Q?\"   yes/no\ndecision d \"D?\" { outcome a \"A\" }\nrule r when q then a\n"
    mp = os.path.join(root, "m.ww")
    open(mp, "w").write(messy)
    mu = c.open(mp)
    edits = c.result("textDocument/formatting", {"textDocument": {"uri": mu}, "options": {"tabSize": 2, "insertSpaces": True}})
    import subprocess
    expected = subprocess.run([BINARY, "fmt", "--diff", mp], capture_output=True, text=True)
    formatted = apply_edits(messy, edits)
    subprocess.run([BINARY, "fmt", mp], check=True, capture_output=True)
    assert formatted == open(mp).read(), (formatted, open(mp).read())
    tokens = c.result("textDocument/semanticTokens/full", {"textDocument": {"uri": hu}})
    assert len(tokens["data"]) % 5 == 0 and len(tokens["data"]) > 100
    assert c.finish() == 0


def test_dutch_keywords():
    """The shipped rulesets with Dutch keywords (`fmt --keywords nl`): verified without a
    finding, the Dutch keywords and answers offered, and a rename refuses a Dutch keyword but
    not an English word, which is a name there."""
    import subprocess
    root, rs = workspace()
    subprocess.run([BINARY, "fmt", "--keywords", "nl", rs], check=True, capture_output=True)
    c = start()
    c.initialize(rs)
    hp = os.path.join(rs, "huisarts.ww")
    hu = c.open(hp)
    assert "\nregelset huisarts" in c.text(hu), c.text(hu)[:400]
    c.wait_for(lambda: c.diagnostics.get(hu) == [], 120, "huisarts with Dutch keywords verified")
    text = c.text(hu) + "\nregel nieuw als toestemming == "
    c.change(hu, text)
    items = c.result("textDocument/completion",
                     {"textDocument": {"uri": hu}, "position": position_of(text, len(text))})
    labels = {i["label"] for i in items}
    assert {"ja", "nee"} <= labels and "yes" not in labels, sorted(labels)
    text2 = c.text(hu)[: -len("toestemming == ")] + "lee"
    c.change(hu, text2)
    items = c.result("textDocument/completion",
                     {"textDocument": {"uri": hu}, "position": position_of(text2, len(text2))})
    labels = {i["label"] for i in items}
    assert {"leeftijd", "als", "gesteld als", "regel …", "uitzondering …"} <= labels, sorted(labels)[:60]
    assert "when" not in labels and "rule …" not in labels, sorted(labels)[:60]
    c.change(hu, open(hp, encoding="utf-8").read())
    pos = at(c.text(hu), "leeftijd <")
    bad = c.request("textDocument/rename", {"textDocument": {"uri": hu}, "position": pos, "newName": "als"})
    assert bad["error"]["code"] == -32602, bad
    good = c.result("textDocument/rename", {"textDocument": {"uri": hu}, "position": pos, "newName": "when"})
    assert sum(len(v) for v in good["changes"].values()) > 1, good
    assert c.finish() == 0


def test_lenses_and_commands():
    """Code lenses above tests and decisions; run a test; explain a case by answering the
    questions; add a waiver."""
    root, rs = workspace()
    c = start(answers=["Nee", "Ja"])
    c.initialize(rs)
    hp = os.path.join(rs, "huisarts.ww")
    hu = c.open(hp)
    c.checked(1)
    lenses = c.result("textDocument/codeLens", {"textDocument": {"uri": hu}})
    tests = [l for l in lenses if l["command"]["command"] == "wegwijzer.runTest"]
    assert tests and all(l["command"]["title"] == "✓ passed · run again" for l in tests), \
        [l for l in tests if l["command"]["title"] != "✓ passed · run again"]
    name = tests[0]["command"]["arguments"][1]
    r = c.result("workspace/executeCommand",
                 {"command": "wegwijzer.runTest", "arguments": [hu, name]})
    assert r["passed"] is True and r["message"] == f"test “{name}” passed", r
    # Break the test's expectation: it fails, and says what it expected and what came out.
    text = c.text(hu)
    start_of = text.index("test \"" + name)
    block_end = text.index("}", start_of)
    block = text[start_of:block_end]
    assert "ernstig_gevaar = yes" in block, block
    broken = text[:start_of] + block.replace("ernstig_gevaar = yes", "ernstig_gevaar = no") + text[block_end:]
    c.change(hu, broken)
    r = c.result("workspace/executeCommand",
                 {"command": "wegwijzer.runTest", "arguments": [hu, name]}, timeout=120)
    assert r["passed"] is False and "fails" in r["message"] and "the case:" in r["message"], r
    c.change(hu, text)
    explain = [l for l in lenses if l["command"]["command"] == "wegwijzer.explainCase"]
    assert explain, lenses
    r = c.result("workspace/executeCommand", explain[0]["command"], timeout=120)
    assert "answers:" in r["text"] and "answer:" in r["text"], r
    asked = [m for m in c.server_requests if m["method"] == "window/showMessageRequest"]
    assert asked and asked[0]["params"]["actions"], asked
    # A waiver: refused without a reason, written beside the ruleset with one.
    bad = c.request("workspace/executeCommand",
                    {"command": "wegwijzer.addWaiver", "arguments": [{"uri": hu, "id": "W0509:huisarts:x"}]})
    assert "reason" in bad["error"]["message"], bad
    r = c.result("workspace/executeCommand",
                 {"command": "wegwijzer.addWaiver",
                  "arguments": [{"uri": hu, "id": "W0509:huisarts:x", "reason": "Bewust zo.",
                                 "expires": "2030-01-01", "by": "M. de Vries"}]})
    assert r["applied"] is True
    w = open(os.path.join(rs, "huisarts.waivers"), encoding="utf-8").read()
    assert w == ('waive "W0509:huisarts:x"\n  because "Bewust zo."\n  by "M. de Vries"\n'
                 '  until 2030-01-01\n'), w
    # The waiver names no finding: E0903 at the waiver, once the proofs ran again.
    wu = uri(os.path.join(rs, "huisarts.waivers"))
    c.wait_for(lambda: any(d["code"] == "E0903" for v in c.diagnostics.values() for d in v), 120,
               "E0903 for the waiver that matches nothing")
    assert c.finish() == 0


def test_cancel_and_bad_input():
    """Typing again cancels the proofs; the last text wins. Malformed messages, unknown
    methods, positions past the end, a 16 MB file and a file deleted while open get answers,
    never a crash."""
    root, rs = workspace()
    c = start()
    c.initialize(rs)
    bp = os.path.join(rs, "basis.ww")
    bu = c.open(bp)
    good = c.text(bu)
    for i in range(8):
        c.change(bu, good + f"\n// edit {i}\n")
        time.sleep(0.02)
    c.change(bu, good.replace("question leeftijd ", "question leeftijd2 ", 1))
    t0 = time.monotonic()
    hover = c.request("textDocument/hover", {"textDocument": {"uri": bu}, "position": {"line": 0, "character": 3}})
    assert time.monotonic() - t0 < 10 and "error" not in hover
    c.wait_for(lambda: any(d["code"] == "E0101" for d in c.diagnostics.get(uri(os.path.join(rs, "huisarts.ww")), [])),
               120, "the rulesets that extend basis see the renamed question")
    assert c.checks() <= 3, c.checks()
    c.send_raw(b"Content-Length: 5\r\n\r\n{nope")
    c.send_raw(b"Content-Length: 2\r\n\r\n[]")
    r = c.request("no/such", {})
    assert r["error"]["code"] == -32601, r
    r = c.request("textDocument/hover", {"textDocument": {"uri": bu}, "position": {"line": 99999, "character": 99999}})
    assert "error" not in r
    r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.ww"}, "position": {"line": 0, "character": 0}})
    assert "error" not in r and r["result"] is None
    r = c.request("textDocument/definition", {"textDocument": {"uri": bu}})
    assert r["error"]["code"] == -32602, r
    big = os.path.join(rs, "groot.ww")
    bigu = c.open(big, "// " + "x" * (16 << 20) + "\n")
    c.wait_for(lambda: "E0007" in codes(c, bigu), 60, "E0007 for a file over 16 MiB")
    gone = os.path.join(rs, "weg.ww")
    open(gone, "w").write('ruleset weg "Weg"\n')
    gu = c.open(gone)
    os.remove(gone)
    c.notify("textDocument/didClose", {"textDocument": {"uri": gu}})
    c.notify("textDocument/didClose", {"textDocument": {"uri": bigu}})
    c.change(bu, good)
    c.wait_for(lambda: c.diagnostics.get(uri(os.path.join(rs, "huisarts.ww"))) == [], 120, "green again")
    assert c.finish() == 0
    # Exit without shutdown: exit code 1.
    c2 = start()
    c2.initialize(rs)
    c2.notify("exit", None)
    assert c2.proc.wait(timeout=30) == 1


SCENARIOS = {k[5:]: v for k, v in globals().items() if k.startswith("test_")}
failed = 0
for name, fn in SCENARIOS.items():
    if ONLY and name not in ONLY:
        continue
    t0 = time.monotonic()
    try:
        fn()
        print(f"ok   {name} ({time.monotonic() - t0:.1f} s)")
    except AssertionError as e:
        failed += 1
        print(f"FAIL {name}: {str(e)[:3000]}")
sys.exit(1 if failed else 0)
