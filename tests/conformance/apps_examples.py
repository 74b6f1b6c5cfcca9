#!/usr/bin/env python3
"""Runs the examples of docs/apps.md (runtime/js/examples/app.mjs, runtime/python/examples/app.py)
on a tree exported by the binary, checks that docs/apps.md shows each file exactly as it is, and
that both print the same lines: the two runtimes agree on a whole app's session too.

    python3 tests/conformance/apps_examples.py WEGWIJZER TSC

TSC: the TypeScript compiler that builds runtime/js here (Debian's, as CMake's build does).
Run from the repository root.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile


def main() -> int:
    binary, tsc = sys.argv[1], sys.argv[2]
    repo = pathlib.Path.cwd()
    docs = (repo / "docs" / "apps.md").read_text(encoding="utf-8")
    examples = {"js": repo / "runtime/js/examples/app.mjs", "python": repo / "runtime/python/examples/app.py"}
    for lang, path in examples.items():
        block = f"```{lang}\n{path.read_text(encoding='utf-8')}```\n"
        if block not in docs:
            print(f"docs/apps.md does not show {path.relative_to(repo)} as it is (a ```{lang} block)")
            return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        subprocess.run([binary, "export", "rulesets/huisarts.ww", "--all-periods", "--compact",
                        "--no-cache", "-o", str(work / "huisarts.json")], check=True)
        # The package, built as npm would build it, where `import '@wegwijzer/runtime'` finds it.
        pkg = work / "node_modules" / "@wegwijzer" / "runtime"
        subprocess.run(["node", str(repo / "runtime/js/scripts/build.mjs"), "--tsc", tsc, "--out", str(pkg)],
                       check=True)
        shutil.copy(repo / "runtime/js/package.json", pkg / "package.json")
        shutil.copy(examples["js"], work / "app.mjs")
        shutil.copy(examples["python"], work / "app.py")
        js = subprocess.run(["node", "app.mjs"], cwd=work, capture_output=True, text=True)
        py = subprocess.run([sys.executable, "app.py"], cwd=work, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(repo / "runtime/python")})
        for name, p in (("app.mjs", js), ("app.py", py)):
            if p.returncode != 0:
                print(f"{name} failed (exit {p.returncode}):\n{p.stdout}{p.stderr}")
                return 1
        print(js.stdout, end="")
        if js.stdout != py.stdout:
            print("the Python example prints otherwise:\n" + py.stdout)
            return 1
        if "Uitkomst: " not in js.stdout or "answer: " not in js.stdout:
            print("the examples show no outcome, or no refused answer")
            return 1
    print("ok: docs/apps.md shows both examples as they are; both print the same")
    return 0


if __name__ == "__main__":
    sys.exit(main())
