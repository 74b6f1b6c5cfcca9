// Builds the .vsix as `npm run package` does (vsce, with the prepublish compile) into a
// temporary folder, checks its file list and manifest, and loads the packaged extension from the
// unpacked files alone (with a stand-in for the `vscode` module), so that a dependency missing
// from the package fails here and not in the author's editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { extensionDir } from './textmate.mjs';
import { readEntry, readZip } from './vsix.mjs';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));

const work = mkdtempSync(join(tmpdir(), 'ww-vsix-'));
const vsixPath = join(work, 'wegwijzer.vsix');
let zip;

test('vsce packages the extension', { timeout: 300_000 }, () => {
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  // The same options as `npm run package`, with the output in a temporary folder.
  const script = manifest.scripts.package;
  assert.match(script, /^vsce package /);
  const options = script
    .replace(/^vsce package /, '')
    .split(/\s+/)
    .filter((x) => x !== '');
  const out = options.indexOf('--out');
  assert.ok(out >= 0, 'npm run package names its output');
  options.splice(out, 2, '--out', vsixPath);
  execFileSync(process.execPath, [vsce, 'package', ...options], {
    cwd: extensionDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  const size = statSync(vsixPath).size;
  console.log(`wegwijzer.vsix: ${size} bytes`);
  assert.ok(size > 20_000 && size < 2_000_000, `size ${size}`);
  zip = readZip(vsixPath);
  // Kept for whoever wants to install what the tests checked (ctest: build/tests/editors).
  if (process.env.WW_ARTIFACTS) {
    mkdirSync(process.env.WW_ARTIFACTS, { recursive: true });
    copyFileSync(vsixPath, join(process.env.WW_ARTIFACTS, 'wegwijzer.vsix'));
  }
});

test('the .vsix holds the extension and its runtime dependencies, nothing of the build', (t) => {
  if (!zip) {
    t.skip('no package');
    return;
  }
  const names = zip.entries.map((e) => e.name);
  const has = (n) => assert.ok(names.includes(n), `${n} is in the package`);
  for (const n of [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/package.json',
    'extension/README.md',
    'extension/images/icon.png',
    'extension/out/extension.js',
    'extension/out/config.js',
    'extension/out/commands.js',
    'extension/language-configuration.json',
    'extension/language-configuration-waivers.json',
    'extension/syntaxes/wegwijzer.tmLanguage.json',
    'extension/syntaxes/wegwijzer-waivers.tmLanguage.json',
    'extension/snippets/wegwijzer.json',
    'extension/snippets/waivers.json',
    'extension/package.nls.json',
    'extension/package.nls.nl.json',
    'extension/l10n/bundle.l10n.nl.json',
    'extension/node_modules/vscode-languageclient/package.json',
    'extension/node_modules/vscode-languageclient/node.js',
    'extension/node_modules/vscode-languageserver-protocol/package.json',
    'extension/node_modules/vscode-jsonrpc/package.json',
  ]) {
    has(n);
  }
  // Every file the manifest points at is packaged.
  const c = manifest.contributes;
  const referenced = [
    manifest.main.replace(/^\.\//, '') + (manifest.main.endsWith('.js') ? '' : '.js'),
    ...c.languages.map((l) => l.configuration),
    ...c.grammars.map((g) => g.path),
    ...c.snippets.map((s) => s.path),
    manifest.icon,
  ].map((p) => 'extension/' + p.replace(/^\.\//, ''));
  for (const p of referenced) {
    has(p);
  }
  const forbidden = [
    /^extension\/src\//,
    /^extension\/test\//,
    /\.ts$/,
    /\.map$/,
    /^extension\/tsconfig\.json$/,
    /^extension\/\.npmrc$/,
    /\.vsix$/,
    /^extension\/node_modules\/(typescript|@vscode\/vsce|vscode-textmate|vscode-oniguruma|@types)\//,
  ];
  for (const n of names) {
    for (const re of forbidden) {
      assert.doesNotMatch(n, re, `${n} must not be packaged`);
    }
  }
  const packaged = JSON.parse(readEntry(zip.buf, zip.entries.find((e) => e.name === 'extension/package.json')));
  assert.equal(packaged.name, 'wegwijzer');
  assert.deepEqual(Object.keys(packaged.contributes.configuration.properties).sort(), [
    'wegwijzer.asOf',
    'wegwijzer.includePaths',
    'wegwijzer.language',
    'wegwijzer.path',
    'wegwijzer.trace.server',
  ]);
  const vsixmanifest = readEntry(zip.buf, zip.entries.find((e) => e.name === 'extension.vsixmanifest')).toString();
  assert.match(vsixmanifest, /Id="wegwijzer"/);
  assert.match(vsixmanifest, /Microsoft\.VisualStudio\.Code/);
  // No telemetry: nothing that reports usage is packaged or required.
  assert.ok(!names.some((n) => /telemetry|applicationinsights/i.test(n)), 'no telemetry module');
});

test('the packaged extension loads from the package alone', (t) => {
  if (!zip) {
    t.skip('no package');
    return;
  }
  const root = join(work, 'unpacked');
  for (const e of zip.entries) {
    if (e.name.endsWith('/')) {
      continue;
    }
    const file = join(root, e.name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, readEntry(zip.buf, e));
  }
  // A stand-in for the API that VS Code gives an extension: any property, call or `new` works.
  const stub = () =>
    new Proxy(function () {}, {
      get: (target, prop) => (prop === 'prototype' ? target.prototype : prop === Symbol.toPrimitive ? () => '' : stub()),
      apply: () => stub(),
      construct: () => stub(),
    });
  const vscode = stub();
  const originalLoad = Module._load;
  const resolved = [];
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') {
      return vscode;
    }
    const file = Module._resolveFilename(request, parent, isMain);
    resolved.push(file);
    return originalLoad.call(this, request, parent, isMain);
  };
  try {
    const entry = join(root, 'extension', 'out', 'extension.js');
    const ext = Module.createRequire(entry)(entry);
    assert.equal(typeof ext.activate, 'function');
    assert.equal(typeof ext.deactivate, 'function');
  } finally {
    Module._load = originalLoad;
  }
  const outside = resolved.filter((f) => f.startsWith('/') && !f.startsWith(root));
  assert.deepEqual(outside, [], 'every module the extension loads comes from the package');
  assert.ok(resolved.some((f) => f.includes('vscode-languageclient')), 'the language client is loaded');
});

test('clean up', () => {
  rmSync(work, { recursive: true, force: true });
});
