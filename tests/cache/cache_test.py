#!/usr/bin/env python3
"""Reuse of decided proofs never turns a red into a green (verifier/proof_cache.h).

Usage: cache_test.py WEGWIJZER [--edits N]     (N: 16, or the environment's WW_CACHE_EDITS)

Run from the repository root (ctest does). Every check below runs `check` twice on the same
input, cold (`--no-cache`) and warm (a cache folder that every earlier run of this test filled,
with WW_CACHE_CHECK=1 so that each reused answer is also solved and must agree), and compares
the outputs byte for byte: text, and JSON without the records' `reused` and `solverCalls`.

1. Differential: random edits (seeded) of the shipped rulesets and of the golden tests' inputs
   — a rule removed, a number in a condition moved, an answer removed from a list, a date
   moved, a module edited, a rule duplicated under a new name — each checked cold and warm.
2. Invalidation: each input a key must cover, changed one at a time, gives a warm run whose
   result differs where the cold one does and that does not reuse the changed checks: the
   solver's limits (--timeout, --solver-memory), a parameter's value, an assumption, a period
   boundary, the tool's version (a pack stamped by another version). The same files copied to
   another folder reuse every check and name the new folder's files.
3. Damage: a pack corrupted, truncated, or written by another version is ignored with a note on
   standard error, and the run's result is still the cold one.
4. Concurrency: two processes fill one cache folder at once; a third run then reuses every job,
   and every pack in the folder reads.
Exits 0 when every comparison holds.
"""
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading

ROOT = os.getcwd()


def run(binary, args, env_extra=None, cwd=None):
    env = dict(os.environ, NO_COLOR="1", WW_TODAY="2026-12-01")
    env.pop("WEGWIJZER_CACHE", None)
    env.update(env_extra or {})
    return subprocess.run([binary] + args, capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=600)


def strip_reuse(text):
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        return text
    for rs in doc.get("rulesets", []):
        for c in rs.get("checks", []):
            c.pop("reused", None)
            c.pop("solverCalls", None)
    return json.dumps(doc, sort_keys=True, indent=1)


def both(binary, target, cache, extra=()):
    """(cold text, warm text, cold json, warm json, warm json raw) of `check`."""
    extra = list(extra)
    # The JSON run first: its records say what the first warm run after a change reused.
    cold_j = run(binary, ["check", "--no-cache", "--format", "json"] + extra + [target])
    warm_j = run(binary, ["check", "--cache", cache, "--format", "json"] + extra + [target],
                 {"WW_CACHE_CHECK": "1"})
    cold_t = run(binary, ["check", "--no-cache"] + extra + [target])
    warm_t = run(binary, ["check", "--cache", cache] + extra + [target], {"WW_CACHE_CHECK": "1"})
    return cold_t, warm_t, cold_j, warm_j


def compare(where, binary, target, cache, problems, extra=()):
    cold_t, warm_t, cold_j, warm_j = both(binary, target, cache, extra)
    for kind, a, b in (("text", cold_t, warm_t), ("json", cold_j, warm_j)):
        if a.returncode != b.returncode:
            problems.append(f"{where}: {kind}: exit {a.returncode} cold, {b.returncode} warm")
        sa = strip_reuse(a.stdout) if kind == "json" else a.stdout
        sb = strip_reuse(b.stdout) if kind == "json" else b.stdout
        if sa != sb:
            problems.append(f"{where}: {kind}: the warm output differs from the cold one")
        if "disagrees with the solver" in b.stderr or b.returncode < 0:
            problems.append(f"{where}: a kept proof disagreed with the solver:\n{b.stderr}")
    return warm_j


def reused_checks(json_text):
    try:
        doc = json.loads(json_text)
    except json.JSONDecodeError:
        return 0, 0
    # Checks that ask the solver nothing (tests, decision tables decided by arithmetic) have
    # nothing to reuse.
    checks = [c for rs in doc.get("rulesets", []) for c in rs.get("checks", [])
              if c.get("solverCalls", 0) > 0]
    return sum(1 for c in checks if c.get("reused")), len(checks)


# ---- 1. random edits --------------------------------------------------------------------------

EDITS = []


def edit(f):
    EDITS.append(f)
    return f


@edit
def remove_rule(text, rng):
    rules = [m for m in re.finditer(r"(?m)^rule [^\n]*(?:\n  [^\n]*)*\n", text)]
    if not rules:
        return None
    m = rng.choice(rules)
    return text[:m.start()] + text[m.end():]


@edit
def move_number(text, rng):
    numbers = list(re.finditer(r"(?<=[<>=] )(\d+)\b|\b(\d+)(?=\.\.)", text))
    if not numbers:
        return None
    m = rng.choice(numbers)
    value = int(m.group(0)) + rng.choice([-1, 1])
    return text[:m.start()] + str(max(value, 0)) + text[m.end():]


@edit
def remove_answer(text, rng):
    answers = list(re.finditer(r"(?m)^  [a-z_][a-z_0-9]* +\"[^\"\n]*\"\n", text))
    if len(answers) < 3:
        return None
    m = rng.choice(answers)
    return text[:m.start()] + text[m.end():]


@edit
def move_date(text, rng):
    dates = list(re.finditer(r"valid (?:from|until) (\d{4})-(\d\d)-(\d\d)", text))
    if not dates:
        return None
    m = rng.choice(dates)
    year = int(m.group(1)) + rng.choice([-1, 1])
    return text[:m.start(1)] + f"{year:04d}" + text[m.end(1):]


@edit
def duplicate_rule(text, rng):
    rules = [m for m in re.finditer(r"(?m)^rule ([a-z_][a-z_0-9]*)[^\n]*(?:\n  [^\n]*)*\n", text)]
    if not rules:
        return None
    m = rng.choice(rules)
    copy = m.group(0).replace("rule " + m.group(1), "rule " + m.group(1) + "_tweede", 1)
    return text[:m.end()] + copy + text[m.end():]


def differential(binary, cache, problems, count, seed=20261206):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as scratch:
        # The modules and two professions: every kind of declaration, at a size CI can check
        # twice per edit.
        work = os.path.join(scratch, "rulesets")
        os.makedirs(work)
        for name in ("basis.ww", "aanbieder.ww", "huisarts.ww", "leerkracht.ww"):
            shutil.copy(os.path.join("rulesets", name), work)
        targets = [work]
        goldens = sorted(
            os.path.join(d, f) for d, _, fs in os.walk(os.path.join("tests", "golden", "verify"))
            for f in fs if f.endswith(".ww"))
        # The unedited inputs first: cold and warm agree, and the cache fills.
        compare("rulesets, unedited", binary, work, cache, problems)
        for g in goldens[::4]:
            compare(g, binary, g, cache, problems)
        done = 0
        attempts = 0
        while done < count and attempts < count * 10:
            attempts += 1
            name = rng.choice(sorted(os.listdir(work)))
            path = os.path.join(work, name)
            with open(path, encoding="utf-8") as f:
                original = f.read()
            how = rng.choice(EDITS)
            changed = how(original, rng)
            if changed is None or changed == original:
                continue
            with open(path, "w", encoding="utf-8") as f:
                f.write(changed)
            compare(f"edit {done + 1}: {how.__name__} in {name}", binary, work, cache, problems)
            done += 1
            # Half of the edits stay, so that later ones build on them; half are undone.
            if rng.random() < 0.5:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original)
        print(f"differential: {done} edits, cold and warm compared")


# ---- 2. invalidation --------------------------------------------------------------------------

KADER = """module kader "Kader" valid from 2015-01-01
source wet "Testwet"
parameter streng "Streng?" yes/no
question leeftijd "Hoe oud?" 0..17
question toestemming "Toestemming?" yes/no
decision delen "Delen?" {
  outcome ja "Ja" cite wet "1"
  outcome nee "Nee" cite wet "2"
}
rule met when toestemming then ja cite wet "1"
rule jong when not toestemming and leeftijd < 12 then ja cite wet "2" valid until 2018-01-01
rule ouder when not toestemming and leeftijd >= 12 and not streng then nee cite wet "3"
rule streng_ouder when not toestemming and leeftijd >= 12 and streng then ja cite wet "4"
"""
ARTS = """ruleset arts "Arts" extends kader
set streng = no cite wet "5"
"""


def invalidation(binary, cache_root, problems):
    with tempfile.TemporaryDirectory() as scratch:
        folder = os.path.join(scratch, "regels")
        os.makedirs(folder)

        def write(kader, arts):
            with open(os.path.join(folder, "kader.ww"), "w", encoding="utf-8") as f:
                f.write(kader)
            with open(os.path.join(folder, "arts.ww"), "w", encoding="utf-8") as f:
                f.write(arts)

        cache = os.path.join(cache_root, "invalidation")
        write(KADER, ARTS)
        compare("invalidation: first", binary, folder, cache, problems)
        warm = compare("invalidation: unchanged", binary, folder, cache, problems)
        hit, total = reused_checks(warm.stdout)
        if hit != total or total == 0:
            problems.append(f"invalidation: unchanged: {hit} of {total} checks reused, not all")
        # The same files in another folder: every check reused, the findings at the new paths
        # (compare: warm == cold, and the cold run names the new folder).
        moved = os.path.join(scratch, "elders")
        shutil.copytree(folder, moved)
        warm = compare("invalidation: moved", binary, moved, cache, problems)
        hit, total = reused_checks(warm.stdout)
        if hit != total or total == 0:
            problems.append(f"invalidation: moved: {hit} of {total} checks reused, not all")
        if os.path.join(moved, "kader.ww") not in warm.stdout:
            problems.append("invalidation: moved: the findings do not name the moved files")
        before = run(binary, ["check", "--no-cache", "--format", "json", folder]).stdout
        # A change of what the rules say changes the result: the warm run must give the new
        # result, not the kept one (compare: warm == cold). A change of the solver's limits
        # changes every key: nothing is reused.
        cases = [
            ("a parameter's value", KADER, ARTS.replace("streng = no", "streng = yes"), [], True),
            ("an assumption", KADER + 'assume "jong": leeftijd < 12\n', ARTS, [], True),
            ("a period boundary", KADER.replace("2018-01-01", "2019-01-01"), ARTS, [], True),
            ("the solver's time limit", KADER, ARTS, ["--timeout", "9"], False),
            ("the solver's memory limit", KADER, ARTS, ["--solver-memory", "4000"], False),
        ]
        for what, kader, arts, extra, changes in cases:
            write(kader, arts)
            cold = run(binary, ["check", "--no-cache", "--format", "json"] + extra + [folder])
            if changes and strip_reuse(cold.stdout) == strip_reuse(before):
                problems.append(f"invalidation: {what}: the change does not change the result")
            warm = compare(f"invalidation: {what}", binary, folder, cache, problems, extra)
            hit, total = reused_checks(warm.stdout)
            if not changes and hit:
                problems.append(f"invalidation: {what}: {hit} checks reused under other limits")
            write(KADER, ARTS)
        print("invalidation: moved folder, parameter, assumption, period boundary, time and memory limits")


# ---- 3. damage --------------------------------------------------------------------------------

def damage(binary, cache_root, problems):
    target = os.path.join("tests", "golden", "verify", "gap.ww")
    cold = run(binary, ["check", "--no-cache", target]).stdout
    for how in ("corrupt", "truncated", "version"):
        cache = os.path.join(cache_root, "damage-" + how)
        run(binary, ["check", "--cache", cache, target])
        packs = [p for p in os.listdir(cache) if p.endswith(".pack")]
        if not packs:
            problems.append(f"damage: {how}: no pack written")
            continue
        path = os.path.join(cache, packs[0])
        with open(path, "rb") as f:
            data = bytearray(f.read())
        if how == "corrupt":
            data[len(data) // 2] ^= 0x20
        elif how == "truncated":
            data = data[: len(data) // 2]
        else:
            # Another version's pack, whole and with its own right checksum.
            text = data.decode("utf-8")
            body = text[: text.rindex("\nend ") + 1]
            count = text[text.rindex("\nend ") + 5:].split()[0]
            body = body.replace("versions wegwijzer-", "versions wegwijzer-0.0.0-other-", 1)
            data = (body + f"end {count} {hashlib.sha256(body.encode()).hexdigest()}\n").encode()
        with open(path, "wb") as f:
            f.write(data)
        warm = run(binary, ["check", "--cache", cache, target], {"WW_CACHE_CHECK": "1"})
        if how == "version":
            # Normal after an upgrade: not said in a plain run, said with --verbose.
            if "another version" in warm.stderr:
                problems.append(f"damage: version: said without --verbose:\n{warm.stderr}")
            warm.stderr = run(binary, ["check", "--verbose", "--cache", cache, target]).stderr
        if warm.stdout != cold:
            problems.append(f"damage: {how}: the output differs from the cold one")
        expected = {"corrupt": "corrupt", "truncated": "truncated", "version": "another version"}
        if f"ignored: " not in warm.stderr or expected[how] not in warm.stderr:
            problems.append(f"damage: {how}: no note says the pack was ignored:\n{warm.stderr}")
    print("damage: corrupt, truncated and other-version packs ignored with a note")


# ---- 4. concurrency ---------------------------------------------------------------------------

def concurrency(binary, cache_root, problems):
    cache = os.path.join(cache_root, "concurrent")
    results = {}

    def one(name, target):
        results[name] = run(binary, ["check", "--cache", cache, "-j1", target])

    threads = [threading.Thread(target=one, args=("a", "rulesets")),
               threading.Thread(target=one, args=("b", "rulesets"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if results["a"].stdout != results["b"].stdout:
        problems.append("concurrency: the two runs printed different reports")
    third = run(binary, ["check", "--cache", cache, "--format", "json", "rulesets"])
    hit, total = reused_checks(third.stdout)
    if hit != total:
        problems.append(f"concurrency: the third run reused {hit} of {total} checks")
    if "ignored" in third.stderr:
        problems.append(f"concurrency: a pack did not read:\n{third.stderr}")
    print(f"concurrency: two runs at once, then {hit} of {total} checks reused")


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    count = int(argv[argv.index("--edits") + 1]) if "--edits" in argv else int(
        os.environ.get("WW_CACHE_EDITS", "16"))
    problems = []
    with tempfile.TemporaryDirectory() as cache_root:
        differential(binary, os.path.join(cache_root, "differential"), problems, count)
        invalidation(binary, cache_root, problems)
        damage(binary, cache_root, problems)
        concurrency(binary, cache_root, problems)
    for p in problems:
        print(f"cache_test: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
