#!/usr/bin/env python3
"""docs/nl/diagnostics.md is generated from the catalogue (scripts/gen-nl-docs.py): this test
generates it again into OUTPUT_DIR and fails when the committed page differs, printing the
command that refreshes it.

Usage: nl_docs_test.py REPO_ROOT OUTPUT_DIR
"""
import difflib
import os
import subprocess
import sys

root, out_dir = sys.argv[1], sys.argv[2]
fresh = os.path.join(out_dir, "diagnostics.md")
os.makedirs(out_dir, exist_ok=True)
subprocess.run([sys.executable, os.path.join(root, "scripts", "gen-nl-docs.py"), root, fresh],
               check=True)
committed_path = os.path.join(root, "docs", "nl", "diagnostics.md")
try:
    with open(committed_path, encoding="utf-8") as f:
        committed = f.read()
except FileNotFoundError:
    committed = ""
with open(fresh, encoding="utf-8") as f:
    generated = f.read()
if committed != generated:
    sys.stdout.writelines(difflib.unified_diff(
        committed.splitlines(True), generated.splitlines(True),
        "docs/nl/diagnostics.md (committed)", "docs/nl/diagnostics.md (from the catalogue)", n=1))
    print("\ndocs/nl/diagnostics.md is not what the catalogue gives; refresh it with:\n"
          "  python3 scripts/gen-nl-docs.py")
    sys.exit(1)
print("docs/nl/diagnostics.md matches the catalogue")
