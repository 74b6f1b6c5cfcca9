// The language configuration (comments, brackets, indentation, folding, words) and the snippets
// as VS Code reads them: JSON, regular expressions in JavaScript's syntax, snippet bodies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionDir } from './textmate.mjs';
import { expandSnippet } from './snippet.mjs';

const read = (name) => JSON.parse(readFileSync(join(extensionDir, name), 'utf8'));
const lang = read('language-configuration.json');

test('comments and brackets are those of the language', () => {
  assert.deepEqual(lang.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
  assert.deepEqual(lang.brackets, [['{', '}'], ['(', ')']]);
  const pairs = lang.autoClosingPairs.map((p) => p.open + p.close);
  for (const p of ['{}', '()', '""']) {
    assert.ok(pairs.includes(p), `${p} closes itself`);
  }
  const waivers = read('language-configuration-waivers.json');
  assert.equal(waivers.comments.lineComment, '//');
});

test('indentation: a block that opens on a line indents the next one, `}` outdents', () => {
  const increase = new RegExp(lang.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(lang.indentationRules.decreaseIndentPattern);
  assert.ok(increase.test('decision delen "Mag ik delen?" {'));
  assert.ok(increase.test('question ontvanger "Met wie?" one of {'));
  assert.ok(increase.test('test "kind van 8" as of 2010-06-01 {'));
  assert.ok(!increase.test('  when ontvanger in {amk, steunpunt} then meldrecht'), 'a set of answers opens no block');
  assert.ok(!increase.test('source gids "Een titel met { erin"'), 'a brace in a text opens no block');
  assert.ok(decrease.test('}'));
  assert.ok(decrease.test('} valid from 2015-01-01'));
  assert.ok(!decrease.test('  expect meldrecht'));
});

test('folding markers and words', () => {
  const start = new RegExp(lang.folding.markers.start);
  const end = new RegExp(lang.folding.markers.end);
  assert.ok(start.test('// region toestemming') && start.test('  //#region'));
  assert.ok(end.test('// endregion') && !start.test('// endregion'));
  const word = new RegExp(lang.wordPattern, 'g');
  assert.deepEqual('valid from 2015-01-01 when leeftijd_gevraagd and leeftijd < -3'.match(word), [
    'valid',
    'from',
    '2015-01-01',
    'when',
    'leeftijd_gevraagd',
    'and',
    'leeftijd',
    '-3',
  ]);
});

test('every snippet is valid JSON with a prefix, a description and a body', () => {
  for (const file of ['snippets/wegwijzer.json', 'snippets/waivers.json']) {
    const snippets = read(file);
    assert.ok(Object.keys(snippets).length >= 1);
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.prefix && s.description && s.body, `${file}: ${name}`);
      const text = expandSnippet(s.body);
      assert.doesNotMatch(text, /\$/, `${name}: every placeholder expands`);
    }
  }
  const names = Object.keys(read('snippets/wegwijzer.json')).join(' ');
  for (const must of ['Rule', 'Test', 'Dated version']) {
    assert.ok(names.includes(must), `a snippet for: ${must}`);
  }
});
