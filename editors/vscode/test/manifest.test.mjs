// The manifest (package.json) and the code agree: every command the code registers is
// contributed and every contributed command is registered; every setting the code reads is
// declared; the server's commands are left to the language client (registering them again
// would fail at activation); the runtime needs nothing but vscode-languageclient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionDir } from './textmate.mjs';

const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
const source = ['extension.ts', 'commands.ts', 'config.ts']
  .map((f) => readFileSync(join(extensionDir, 'src', f), 'utf8'))
  .join('\n');

test('commands: registered in the code and contributed in the manifest, the same set', () => {
  const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(registered, contributed);
  for (const c of manifest.contributes.commands) {
    assert.equal(c.category, 'Wegwijzer');
  }
  for (const server of ['wegwijzer.runTest', 'wegwijzer.explainCase', 'wegwijzer.addWaiver']) {
    assert.ok(!registered.includes(server), `${server} is the server's: the language client registers it`);
  }
  for (const handled of ['wegwijzer.addWaiver', 'wegwijzer.explainCase']) {
    assert.ok(source.includes(`command === '${handled}'`), `the middleware handles ${handled}`);
  }
});

test('settings: every key the code reads is declared, with its type', () => {
  const declared = manifest.contributes.configuration.properties;
  const read = new Set([...source.matchAll(/\b(?:get|inspect)(?:<[^>]+>)?\('([A-Za-z.]+)'\)/g)].map((m) => `wegwijzer.${m[1]}`));
  for (const m of source.matchAll(/affectsConfiguration\(`\$\{SECTION\}\.([A-Za-z.]+)`\)/g)) {
    read.add(`wegwijzer.${m[1]}`);
  }
  assert.ok(read.size >= 3, [...read].join(', '));
  for (const key of read) {
    assert.ok(declared[key], `${key} is declared in package.json`);
  }
  assert.equal(declared['wegwijzer.path'].type, 'string');
  assert.equal(declared['wegwijzer.includePaths'].type, 'array');
  assert.equal(declared['wegwijzer.asOf'].type, 'string');
  assert.ok(new RegExp(declared['wegwijzer.asOf'].pattern).test('2016-03-01'));
  assert.ok(new RegExp(declared['wegwijzer.asOf'].pattern).test(''));
  assert.ok(!new RegExp(declared['wegwijzer.asOf'].pattern).test('2016-3-1'));
  assert.deepEqual(declared['wegwijzer.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('wegwijzer.path'));
});

test('the runtime depends on the language client alone; the client id matches the settings', () => {
  assert.deepEqual(Object.keys(manifest.dependencies), ['vscode-languageclient']);
  assert.match(source, /new LanguageClient\('wegwijzer',/, 'the client id gives wegwijzer.trace.server its meaning');
  assert.equal(manifest.main, './out/extension.js');
  assert.ok(manifest.contributes.languages.some((l) => l.id === 'wegwijzer' && l.extensions.includes('.ww')));
  assert.match(source, /language: 'wegwijzer'/, 'the client is for .ww documents');
  assert.doesNotMatch(source, /telemetry/i);
});
