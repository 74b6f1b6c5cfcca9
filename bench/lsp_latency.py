"""Time from `didChange` to the language server's diagnostics (docs/performance.md, "The
language server"): the front end's (the changed file alone) and the verifier's (every ruleset
of the folder), cold (a new server, no proofs on disk) and warm (the same server, one rule
edited), for basis.ww and one profession.

usage: python3 bench/lsp_latency.py build/wegwijzer [RUNS]"""

import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lsp"))
from client import Client  # noqa: E402

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rulesets")


def one(name, typo_from, typo_to, edit_from, edit_to):
    """A new server on a copy of the rulesets; the file opened (cold check); then an edit that
    breaks a name (front end), then one that changes a rule (warm check)."""
    work = tempfile.mkdtemp(prefix="ww-lsp-bench-")
    rs = os.path.join(work, "rulesets")
    shutil.copytree(root, rs)
    c = Client(binary, ["--no-cache", "--debounce", "0"])
    c.initialize(rs)
    p = os.path.join(rs, name)
    text = open(p, encoding="utf-8").read()
    t0 = time.monotonic()
    u = c.open(p, text)
    c.checked(1)
    cold = time.monotonic() - t0
    # A typo: the front end's E0101 for this file.
    typo = text.replace(typo_from, typo_to, 1)
    assert typo != text
    n = len(c.published)
    t0 = time.monotonic()
    c.change(u, typo)
    c.wait_for(lambda: any(uu == u and any(d["code"] == "E0101" for d in ds)
                           for _, uu, ds in c.published[n:]), 60, "E0101")
    front = next(t for t, uu, ds in c.published[n:] if uu == u) - t0
    c.checked(2)
    # A rule changed: the proofs of what it affects again, the rest reused.
    changed = text.replace(edit_from, edit_to, 1)
    assert changed != text
    k = c.checks()
    t0 = time.monotonic()
    c.change(u, changed)
    c.checked(k + 1)
    warm = time.monotonic() - t0
    c.finish()
    shutil.rmtree(work)
    return front, cold, warm


cases = [("basis.ww", "toestemming_gevraagd and toestemming then", "toestemming_gevraagd and toestemmingx then",
          'cite gids "hoofdstuk 3, Advies"', 'cite gids "hoofdstuk 3, Advies (2)"'),
         ("huisarts.ww", "and leeftijd < 12", "and leeftijdx < 12",
          "leeftijd_gevraagd and leeftijd < 12", "leeftijd_gevraagd and leeftijd < 13")]
print(f"{'file':<14}{'front end':>12}{'cold check':>12}{'warm check':>12}   (median of {runs}, seconds)")
for name, *edits in cases:
    results = [one(name, *edits) for _ in range(runs)]
    med = [statistics.median(r[i] for r in results) for i in range(3)]
    print(f"{name:<14}{med[0]:>12.3f}{med[1]:>12.2f}{med[2]:>12.2f}")
