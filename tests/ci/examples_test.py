#!/usr/bin/env python3
"""Runs the CI examples of docs/examples on real changes, as a reviewer would meet them.

Usage: examples_test.py WEGWIJZER

Run from the repository root (ctest does). In a scratch git repository holding a copy of two
shipped rulesets and their modules (basis, aanbieder, huisarts, jeugdarts) on `main`, each change below is committed on a
branch, and then:

- the `run:` scripts of the GitHub workflow's `gate` job (docs/examples/github-actions.yml)
  that call wegwijzer are run in order with bash, as a pull request against `main` (their
  `env:` with the `${{ … }}` expressions filled in, `$GITHUB_ENV` carried from step to step);
- the `script:` of the GitLab job (docs/examples/gitlab-ci.yml) is run as a merge request;
- the pre-commit hook (docs/examples/pre-commit) is installed and a commit of the change is
  tried;

and what the reviewer sees is asserted: the job's result, the changed cases and their dates in
the diff comment (diff.md), the annotations, the JUnit report, the hook refusing or accepting.
The changes: one that holds today (an answer reworded), one that holds from a future date (a law
published ahead), and one that breaks the rules (a rule deleted: a gap, failing tests).
WEGWIJZER is put on PATH as `wegwijzer`. Exits 0 when every expectation holds.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml

EXAMPLES = os.path.join("docs", "examples")
RULESETS = ["basis.ww", "aanbieder.ww", "huisarts.ww", "jeugdarts.ww"]
OLD_TEXT = ("outcome kind_en_ouders \"Het kind (12 tot en met 15 jaar) én de ouder(s) met gezag of "
            "de voogd.")
GITHUB_CONTEXT = {
    "github.base_ref": "main",
    "github.server_url": "https://github.example",
    "github.repository": "gemeente/regels",
    "github.sha": "0000000",
    "github.event_name": "pull_request",
}


def reworded(text):
    """Today: the answer for children of 12 to 15 says it otherwise."""
    assert OLD_TEXT in text, "the answer to reword is not in huisarts.ww"
    return text.replace(OLD_TEXT, OLD_TEXT.replace("Het kind", "Zowel het kind"), 1)


def future(text):
    """From 2027-08-01: a new version of that answer, published ahead."""
    start = text.index(OLD_TEXT)
    block_end = text.index("\n}", start)
    old_block = text[start:block_end]
    new_block = (old_block + "\n    valid until 2027-08-01\n  " +
                 old_block.replace("Het kind (12", "Vanaf 1 augustus 2027: het kind (12", 1) +
                 "\n    valid from 2027-08-01")
    return text[:start] + new_block + text[block_end:]


def broken(text):
    """A rule deleted: children of 12 to 15 get no answer (a gap), and tests fail."""
    m = re.search(r"\nrule wgbo_12_tot_16 .*?\n(?=rule |\n)", text, re.S)
    assert m, "rule wgbo_12_tot_16 is not in huisarts.ww"
    return text[:m.start()] + "\n" + text[m.end():]


CHANGES = [
    # name, edit, gate passes, what diff.md must say
    ("today", reworded, True, ["(reworded)", "on every date"]),
    ("future", future, True, ["from 2027-08-01", "(reworded)"]),
    ("broken", broken, False, ["| no outcome |", "| removed | rule | `wgbo_12_tot_16` |"]),
]


def git(repo, *args, check=True):
    return subprocess.run(["git", "-c", "user.name=Auteur", "-c", "user.email=a@example.invalid",
                           *args], cwd=repo, capture_output=True, text=True, check=check)


def make_repo(root, change):
    repo = os.path.join(root, "repo")
    os.makedirs(os.path.join(repo, "rulesets"))
    for name in RULESETS:
        shutil.copy(os.path.join("rulesets", name), os.path.join(repo, "rulesets", name))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "rulesets")
    git(repo, "commit", "-q", "-m", "regels")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    git(repo, "checkout", "-q", "-b", "wijziging")
    path = os.path.join(repo, "rulesets", "huisarts.ww")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(change(text))
    return repo


def expressions(value):
    def fill(m):
        key = m.group(1).strip()
        if key not in GITHUB_CONTEXT:
            raise KeyError(f"no value for the expression {key!r}")
        return GITHUB_CONTEXT[key]
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", fill, str(value))


def run_github(repo, env):
    with open(os.path.join(EXAMPLES, "github-actions.yml"), encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    github_env = os.path.join(repo, "..", "github_env")
    open(github_env, "w").close()
    env = dict(env, GITHUB_ENV=github_env)
    output = ""
    steps = [s for s in workflow["jobs"]["gate"]["steps"]
             if "run" in s and "wegwijzer" in s["run"] and "apt-get" not in s["run"]]
    steps.append(workflow["jobs"]["gate"]["steps"][-1])  # the step that fails the job
    assert steps[-1]["name"].startswith("Fail"), "the gate's last step does not fail the job"
    code = 0
    for step in steps:
        step_env = dict(env)
        for key, value in (step.get("env") or {}).items():
            step_env[key] = expressions(value)
        with open(github_env, encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    key, value = line.rstrip("\n").split("=", 1)
                    step_env[key] = value
        proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=step_env,
                              capture_output=True, text=True, timeout=600)
        output += proc.stdout + proc.stderr
        code = proc.returncode
        if code != 0:
            break
    return code, output


def run_gitlab(repo, env):
    with open(os.path.join(EXAMPLES, "gitlab-ci.yml"), encoding="utf-8") as f:
        ci = yaml.safe_load(f)
    script = "\n".join(ci["wegwijzer"]["script"])
    env = dict(env, CI_MERGE_REQUEST_IID="7", CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main")
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=600)
    return proc.returncode, proc.stdout + proc.stderr


def run_hook(repo, env):
    hook = os.path.join(repo, ".git", "hooks", "pre-commit")
    shutil.copy(os.path.join(EXAMPLES, "pre-commit"), hook)
    os.chmod(hook, 0o755)
    git(repo, "add", "rulesets")
    proc = subprocess.run(["git", "-c", "user.name=Auteur", "-c", "user.email=a@example.invalid",
                           "commit", "-q", "-m", "wijziging"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600)
    return proc.returncode, proc.stdout + proc.stderr


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        bin_dir = os.path.join(scratch, "bin")
        os.makedirs(bin_dir)
        os.symlink(binary, os.path.join(bin_dir, "wegwijzer"))
        # The commands keep their proofs as CI would (one cache across the jobs of a change).
        env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""),
                   NO_COLOR="1", WW_TODAY="2026-12-06",
                   WEGWIJZER_CACHE=os.path.join(scratch, "cache"))
        for name, edit, passes, says in CHANGES:
            root = os.path.join(scratch, name)
            os.makedirs(root)
            repo = make_repo(root, edit)
            where = f"{name}: github"
            code, out = run_github(repo, env)
            if (code == 0) != passes:
                problems.append(f"{where}: the job {'failed' if code else 'passed'}\n{out[-3000:]}")
            diff_md = open(os.path.join(repo, "diff.md"), encoding="utf-8").read() \
                if os.path.exists(os.path.join(repo, "diff.md")) else ""
            for text in says + ["cases changed in 1 ruleset: `huisarts`"]:
                if text not in diff_md:
                    problems.append(f"{where}: diff.md does not say {text!r}\n{diff_md[:3000]}")
            if "compared: every date both versions model" not in diff_md:
                problems.append(f"{where}: diff.md does not say which dates were compared")
            if not passes and not re.search(r"^::error file=rulesets/", out, re.M):
                problems.append(f"{where}: no ::error annotation on a ruleset's line\n{out[-2000:]}")
            junit = os.path.join(repo, "wegwijzer-junit.xml")
            try:
                failures = int(ET.parse(junit).getroot().get("failures"))
                if (failures == 0) != passes:
                    problems.append(f"{where}: JUnit has {failures} failures")
            except (OSError, ET.ParseError, TypeError, ValueError) as e:
                problems.append(f"{where}: no readable JUnit report: {e}")
            for f in ("diff.md", "wegwijzer-junit.xml", "wegwijzer.sarif"):
                if os.path.exists(os.path.join(repo, f)):
                    os.remove(os.path.join(repo, f))
            code, out = run_gitlab(repo, env)
            if (code == 0) != passes:
                problems.append(f"{name}: gitlab: the job {'failed' if code else 'passed'}\n"
                                f"{out[-3000:]}")
            diff_md = open(os.path.join(repo, "diff.md"), encoding="utf-8").read() \
                if os.path.exists(os.path.join(repo, "diff.md")) else ""
            if not all(text in diff_md for text in says):
                problems.append(f"{name}: gitlab: diff.md misses {says}\n{diff_md[:2000]}")
            code, out = run_hook(repo, env)
            if (code == 0) != passes:
                problems.append(f"{name}: pre-commit: the commit was "
                                f"{'refused' if code else 'accepted'}\n{out[-3000:]}")
            if not passes and "pre-commit: wegwijzer check failed" not in out:
                problems.append(f"{name}: pre-commit: does not say why it refused\n{out[-2000:]}")
            if not problems:
                print(f"ok: {name}")
    for p in problems:
        print(f"examples_test: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
