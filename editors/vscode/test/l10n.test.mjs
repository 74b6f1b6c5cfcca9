// The extension in Dutch (issue 21): the manifest's texts through package.nls.json and
// package.nls.nl.json, the runtime texts through vscode.l10n and l10n/bundle.l10n.nl.json, and
// the setting wegwijzer.language that chooses the server's language (initializationOptions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { extensionDir } from './textmate.mjs';

const require = createRequire(import.meta.url);
const config = require('../out/config.js');
const read = (f) => JSON.parse(readFileSync(join(extensionDir, f), 'utf8'));
const manifestText = readFileSync(join(extensionDir, 'package.json'), 'utf8');
const nlsEn = read('package.nls.json');
const nlsNl = read('package.nls.nl.json');
const bundle = read('l10n/bundle.l10n.nl.json');
const source = ['extension.ts', 'commands.ts', 'config.ts']
  .map((f) => readFileSync(join(extensionDir, 'src', f), 'utf8'))
  .join('\n');
const placeholders = (s) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

test('manifest: every %key% has an English and a Dutch text, and no text is unused', () => {
  const used = new Set([...manifestText.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
  assert.ok(used.size >= 10, [...used].join(', '));
  assert.deepEqual(Object.keys(nlsEn).sort(), [...used].sort());
  assert.deepEqual(Object.keys(nlsNl).sort(), [...used].sort());
  for (const key of used) {
    assert.notEqual(nlsNl[key], nlsEn[key], `${key} is translated`);
    assert.ok(!/\bmelding|\bmeldt\b|\badvies\b/i.test(nlsNl[key]), `${key}: words reserved for the law (docs/glossary.md)`);
  }
  assert.equal(read('package.json').l10n, './l10n');
});

test('runtime: every text the code translates has its Dutch text, with the same placeholders', () => {
  const texts = new Set(
    [...source.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'")),
  );
  assert.ok(texts.size >= 12, [...texts].join('\n'));
  for (const t of texts) {
    assert.ok(typeof bundle[t] === 'string', `l10n/bundle.l10n.nl.json has: ${t}`);
    assert.deepEqual(placeholders(bundle[t]), placeholders(t), t);
  }
  for (const key of Object.keys(bundle)) {
    assert.ok(texts.has(key), `the bundle's text is used by the code: ${key}`);
    assert.ok(!/\bmelding|\bmeldt\b|\badvies\b/i.test(bundle[key]), `${key}: words reserved for the law`);
  }
  // No text for people is shown untranslated: the prompts, titles and messages go through t().
  assert.doesNotMatch(source, /(title|prompt):\s*[`'][A-Z]/, 'a title or prompt without t()');
  assert.doesNotMatch(source, /show(Error|Warning|Information)Message\(\s*[`']/, 'a message without t()');
});

test('wegwijzer.language: nl or en as set, auto follows the display language of VS Code', () => {
  assert.equal(config.serverLanguage('nl', 'en'), 'nl');
  assert.equal(config.serverLanguage('en', 'nl'), 'en');
  assert.equal(config.serverLanguage('auto', 'nl'), 'nl');
  assert.equal(config.serverLanguage('auto', 'nl-BE'), 'nl');
  assert.equal(config.serverLanguage(undefined, 'nl'), 'nl');
  assert.equal(config.serverLanguage('auto', 'en-US'), 'en');
  assert.equal(config.serverLanguage('auto', 'nn'), 'en');
  assert.equal(config.serverLanguage('auto', undefined), 'en');
  assert.equal(config.serverLanguage('fr', 'de'), 'en');
  const declared = read('package.json').contributes.configuration.properties['wegwijzer.language'];
  assert.deepEqual(declared.enum, ['auto', 'nl', 'en']);
  assert.equal(declared.default, 'auto');
  assert.match(source, /initializationOptions: \{ \.\.\.currentSettings\(\), language: currentLanguage\(\) \}/);
  assert.match(source, /affectsConfiguration\(`\$\{SECTION\}\.language`\)/, 'a new language restarts the server');
});

test('the waiver questions in Dutch, with the Dutch bundle as VS Code would load it', () => {
  const dutch = (message, ...args) =>
    (bundle[message] ?? message).replace(/\{(\d+)\}/g, (w, i) => args[Number(i)] ?? w);
  const today = new Date(Date.UTC(2026, 11, 6));
  assert.equal(config.expiryProblem('6-12-2027', today, dutch), 'Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2027-12-06.');
  assert.equal(config.expiryProblem('2027-02-30', today, dutch), '2027-02-30 is geen bestaande dag.');
  assert.match(config.expiryProblem('2026-12-06', today, dutch), /^De ontheffing zou dan al verlopen zijn/);
  assert.equal(config.reasonProblem(' ', dutch), 'Geef aan waarom deze bevinding wordt aanvaard.');
  assert.equal(config.nameProblem('', dutch), 'Geef de naam van wie de ontheffing verleent.');
  // English stays as it was.
  assert.equal(config.reasonProblem(' '), 'Say why this finding is accepted.');
  assert.equal(config.expiryProblem('2027-02-30', today), '2027-02-30 is not a day of the calendar.');
});
