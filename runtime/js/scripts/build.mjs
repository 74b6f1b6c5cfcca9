// Builds the package: types from docs/export.schema.json, then the TypeScript source compiled
// as an ES module (dist/esm), as CommonJS (dist/cjs), as declarations (dist/types), and as one
// classic script that defines the global `wegwijzer` (dist/browser/wegwijzer.js: the CommonJS
// build in a wrapper; `wegwijzer export --format html` inlines it). No dependencies but tsc.
//
//   node scripts/build.mjs [--tsc PATH] [--out DIR] [--only browser]
//
// npm's build uses the tsc of its devDependencies and writes here; CMake's uses Debian's tsc
// (the same version, 4.8.4, so the same output) and writes into the build tree, so that the C++
// build needs no npm.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const out = path.resolve(option('--out', here));
const only = option('--only', 'all');
const schema = path.resolve(option('--schema', path.join(here, '..', '..', 'docs', 'export.schema.json')));
let tsc = option('--tsc', path.join(here, 'node_modules', '.bin', 'tsc'));
if (!fs.existsSync(tsc)) {
  console.error(`build.mjs: ${tsc} not found (npm ci, or give --tsc PATH)`);
  process.exit(2);
}

// The sources, beside the types generated from the schema.
const src = path.join(out, 'src');
if (out !== here) {
  fs.mkdirSync(src, { recursive: true });
  for (const f of fs.readdirSync(path.join(here, 'src')))
    if (f.endsWith('.ts')) fs.copyFileSync(path.join(here, 'src', f), path.join(src, f));
}
fs.mkdirSync(path.join(src, 'generated'), { recursive: true });
execFileSync(process.execPath, [path.join(here, 'scripts', 'gen-types.mjs'), schema,
  path.join(src, 'generated', 'schema.ts')], { stdio: 'inherit' });

const common = ['--strict', '--target', 'es2019', '--lib', 'es2019', '--newLine', 'lf',
  '--removeComments', 'false', '--noEmitOnError', '--forceConsistentCasingInFileNames'];
const entry = path.join(src, 'index.ts');
const run = (extra) => execFileSync(tsc, [...common, ...extra, entry], { stdio: 'inherit' });
const dist = path.join(out, 'dist');
fs.rmSync(dist, { recursive: true, force: true });

run(['--module', 'commonjs', '--outDir', path.join(dist, 'cjs')]);
fs.writeFileSync(path.join(dist, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
if (only === 'all') {
  run(['--module', 'es2015', '--outDir', path.join(dist, 'esm')]);
  fs.writeFileSync(path.join(dist, 'esm', 'package.json'), '{ "type": "module" }\n');
  run(['--declaration', '--emitDeclarationOnly', '--outDir', path.join(dist, 'types')]);
  fs.copyFileSync(schema, path.join(dist, 'export.schema.json'));
}
// The classic script: the CommonJS build, whose only free names are `exports` (no require).
const cjs = fs.readFileSync(path.join(dist, 'cjs', 'index.js'), 'utf8');
if (/<\/script|<!--/i.test(cjs)) {
  console.error('build.mjs: the build contains `</script` or `<!--`, which would end the page\'s script');
  process.exit(1);
}
if (/\brequire\(/.test(cjs)) {
  console.error('build.mjs: the CommonJS build requires another module; the page cannot inline it');
  process.exit(1);
}
fs.mkdirSync(path.join(dist, 'browser'), { recursive: true });
fs.writeFileSync(path.join(dist, 'browser', 'wegwijzer.js'),
  '// @wegwijzer/runtime (runtime/js): the global `wegwijzer`.\n' +
  'var wegwijzer = (function (exports) {\n' + cjs + 'return exports;\n})({});\n');
