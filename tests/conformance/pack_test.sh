#!/usr/bin/env bash
# The package as an app gets it: `npm pack` in runtime/js, the tarball installed into an empty
# folder (offline: the package has no dependencies), the README's example run as an ES module
# and as CommonJS on a tree exported by the binary, and a TypeScript file type-checked against
# the installed declarations.
#   bash tests/conformance/pack_test.sh /path/to/wegwijzer
set -euo pipefail
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo/runtime/js"
if [ ! -x node_modules/.bin/tsc ]; then
  npm ci --no-audit --no-fund
fi
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
echo "packed $tarball ($(wc -c < "$work/$tarball") bytes):"
tar -tzf "$work/$tarball" | sort
mkdir "$work/app"
cd "$work/app"
echo '{ "name": "app", "version": "1.0.0", "private": true }' > package.json
npm install --offline --no-audit --no-fund "$work/$tarball" >/dev/null
(cd "$repo" && "$binary" export rulesets/huisarts.ww -o "$work/app/huisarts.json")

# The README's example, exactly as written there (between the two ```js fences after "Example").
awk '/^## Example/ {on = 1; next} on && /^```js$/ {code = 1; next} code && /^```$/ {exit} code' \
  "$repo/runtime/js/README.md" > example.mjs
lines=$(grep -c . example.mjs)
echo "README example: $lines lines"
[ "$lines" -le 10 ] || { echo "pack_test.sh: the README's example has $lines lines (at most 10)" >&2; exit 1; }
node example.mjs | tee esm.out
grep -q '^Waar gaat uw vermoeden over?' esm.out
grep -q 'Veilig Thuis' esm.out
# The same through require().
sed -e "s#^import fs from 'node:fs';#const fs = require('node:fs');#" \
    -e "s#^import { \(.*\) } from '@wegwijzer/runtime';#const { \1 } = require('@wegwijzer/runtime');#" \
    example.mjs > example.cjs
node example.cjs > cjs.out
cmp esm.out cjs.out

# The declarations: an app written in TypeScript compiles against them.
cat > app.ts <<'TS'
import { load, evaluate, next, WegwijzerError, Evaluation, NextQuestion, TreeDocument } from '@wegwijzer/runtime';
declare const text: string;
const tree = load(text);
const q: NextQuestion | null = next(tree, {});
const r: Evaluation = evaluate(tree, { leeftijd: 9, toestemming: false }, { asOf: '2026-01-01' });
const flags: readonly string[] = r.outcome ? r.outcome.flags : [];
const doc: TreeDocument = tree.periods[0];
const kind: 'format' | 'date' | 'answer' = new WegwijzerError('answer', 'x').kind;
export { q, flags, doc, kind };
TS
"$repo/runtime/js/node_modules/.bin/tsc" --noEmit --strict --moduleResolution node --target es2019 \
  --module es2015 app.ts
echo "ok: installed from the tarball, example run (ESM and CommonJS), declarations compile"
