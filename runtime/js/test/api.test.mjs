// The API on a small export by hand (runtime/fixtures/klein.json, read by runtime/python too): formats, dates, answers, redirects,
// incomplete cases; and the CommonJS build and the browser script give the same as the ES module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as ww from '../dist/esm/index.js';
const here = path.dirname(fileURLToPath(import.meta.url));
const { single, history } = JSON.parse(fs.readFileSync(path.join(here, '..', '..', 'fixtures', 'klein.json'), 'utf8'));
const answers = { ontvanger: 'veilig_thuis', leeftijd: 14, toestemming: 'no' };

test('load refuses what it does not read', () => {
  assert.throws(() => ww.load('{'), { name: 'WegwijzerError', kind: 'format', message: /^not JSON/ });
  assert.throws(() => ww.load({}), { kind: 'format', message: 'not a wegwijzer export: it has no `format`' });
  assert.throws(() => ww.load({ ...single, format: 'wegwijzer-tree/2' }), {
    kind: 'format',
    message: 'this runtime reads wegwijzer-tree/1, wegwijzer-history/1 and wegwijzer-compact/1; the export is `wegwijzer-tree/2` (a newer version of the runtime reads it)',
  });
  assert.throws(() => ww.load({ ...single, nodes: undefined }), { kind: 'format', message: 'the export has no `nodes` list' });
  assert.equal(ww.load(JSON.stringify(single)).ruleset.id, 'klein');
});

test('a compact export is read as the document it stands for', () => {
  const compact = { format: 'wegwijzer-compact/1', shared: ['klein', { id: { $: 0 }, title: 'Klein', version: '0123456789abcdef' }],
    document: { ...single, ruleset: { $: 1 } } };
  const tree = ww.load(compact);
  assert.equal(tree.format, 'wegwijzer-tree/1');
  assert.deepEqual(tree.periods[0], single);
  assert.equal(ww.evaluate(tree, answers).outcome.id, 'melden');
  assert.throws(() => ww.load({ ...compact, shared: [{ $: 0 }] }), {
    kind: 'format', message: 'the compact export refers to shared value 0, which it does not have' });
  assert.throws(() => ww.load({ ...compact, document: { $: 1 } }), { kind: 'format', message: 'not a wegwijzer export: it has no `format`' });
  assert.throws(() => ww.load({ format: 'wegwijzer-compact/1' }), { kind: 'format', message: 'the compact export lacks `shared` or `document`' });
});

test('evaluate gives outcome, decisions, obligations, flags, citations', () => {
  const r = ww.evaluate(ww.load(single), answers);
  assert.equal(r.status, 'decided');
  assert.equal(r.outcome.id, 'melden');
  assert.deepEqual(r.outcome.flags, ['verplicht']);
  assert.equal(r.outcome.withoutConsent, true);
  assert.deepEqual(r.outcome.obligations, [{ id: 'vastleggen', text: 'Leg het vast.' }]);
  assert.deepEqual(r.decisions.map((d) => [d.id, d.outcome && d.outcome.id]), [['delen', 'melden'], ['grond', null]]);
  assert.deepEqual(r.obligations, [{ id: 'vastleggen', text: 'Leg het vast.' }]);
  assert.deepEqual(r.exceptions, [{ rule: 'r1', over: 'r0' }]);
  assert.equal(r.citations[0].locator, 'art. 1');
  assert.deepEqual(r.asked.map((a) => [a.question, a.answer, a.label]),
    [['ontvanger', 'veilig_thuis', 'Veilig Thuis'], ['leeftijd', 14, '14'], ['toestemming', 'no', 'Nee']]);
  assert.equal(r.date.asOf, '2020-06-01');
  // Booleans for yes/no, digits for numbers, extra answers ignored.
  const same = ww.evaluate(ww.load(single), { ...answers, leeftijd: '14', toestemming: false, other: 'x' });
  assert.equal(same.outcome.id, 'melden');
  // `ja` and `nee` for yes and no, as the page shows them.
  const dutch = ww.evaluate(ww.load(single), { ...answers, toestemming: 'nee' });
  assert.deepEqual(dutch.asked.map((a) => a.answer), ['veilig_thuis', 14, 'no']);
});

test('next asks what the tree asks, offering what is possible here', () => {
  const tree = ww.load(single);
  const first = ww.next(tree, {});
  assert.deepEqual([first.id, first.step, first.answers.map((a) => a.id)], ['ontvanger', 0, ['veilig_thuis', 'politie']]);
  const age = ww.next(tree, { ontvanger: 'veilig_thuis' });
  assert.deepEqual([age.type, age.min, age.max, age.ranges, age.help], ['number', 0, 17, [[0, 16]], 'In jaren.']);
  assert.equal(ww.next(tree, answers), null);
  const r = ww.evaluate(tree, { ontvanger: 'veilig_thuis' });
  assert.equal(r.status, 'incomplete');
  assert.equal(r.next.id, 'leeftijd');
  assert.equal(r.outcome, null);
});

test('answers that are not answers, or not possible here, are refused', () => {
  const tree = ww.load(single);
  assert.throws(() => ww.evaluate(tree, { ontvanger: 'buren' }), {
    kind: 'answer', question: 'ontvanger', message: '`buren` is not an answer of `ontvanger`: give `veilig_thuis` or `politie`',
  });
  assert.throws(() => ww.evaluate(tree, { ontvanger: 'veilig_thuis', leeftijd: 18 }), {
    kind: 'answer', message: '`18` is not an answer of `leeftijd`: give a whole number in 0..17',
  });
  assert.throws(() => ww.evaluate(tree, { ontvanger: 'veilig_thuis', leeftijd: 17 }), {
    kind: 'answer', message: /^`17` is not possible for `leeftijd`/,
  });
  assert.throws(() => ww.evaluate(tree, { ontvanger: 'veilig_thuis', leeftijd: 1.5 }), { kind: 'answer' });
});

test('an old answer is taken as its replacement, with the note explain gives', () => {
  const r = ww.evaluate(ww.load(single), { ...answers, ontvanger: 'amk' });
  assert.equal(r.outcome.id, 'melden');
  assert.deepEqual(r.redirects.map((x) => x.note), [
    '`amk` (an answer of `ontvanger` from 2009-01-01 until 2015-01-01) is replaced by `veilig_thuis` from 2015-01-01: Samen Veilig Thuis.',
  ]);
});

test('a history picks the period of the date and says which', () => {
  const tree = ww.load(history);
  assert.equal(ww.evaluate(tree, answers, { asOf: '2014-12-31' }).date.index, 0);
  const r = ww.evaluate(tree, answers, { asOf: '2015-01-01' });
  assert.deepEqual([r.date.index, r.date.period, r.date.statement], [1, { from: '2015-01-01', until: null }, 'Regels vanaf 2015-01-01.']);
  assert.equal(ww.evaluate(tree, answers, { asOf: new Date(2016, 0, 1) }).date.index, 1);
  assert.equal(ww.evaluate(tree, answers).date.asOf, ww.today());
  assert.throws(() => ww.evaluate(tree, answers, { asOf: '2008-12-31' }), {
    kind: 'date', message: 'no tree for 2008-12-31: the export holds from 2009-01-01',
  });
  assert.throws(() => ww.evaluate(tree, answers, { asOf: '1-1-2010' }), { kind: 'date' });
  // An answer of other dates only: refused, saying when it is one, as explain does.
  const h = structuredClone(history);
  h.periods[0].questions[0].answers.push({ id: 'amk', label: 'AMK' });
  delete h.periods[1].questions[0].redirects;
  assert.throws(() => ww.evaluate(ww.load(h), { ...answers, ontvanger: 'amk' }, { asOf: '2016-01-01' }), {
    kind: 'answer', question: 'ontvanger',
    message: '`amk` is not an answer of `ontvanger` on 2016-01-01: it is one from 2009-01-01 until 2015-01-01; give `veilig_thuis` or `politie`',
  });
  // `amk` is an answer of no tree's question in 2010 (no redirects there): refused.
  assert.throws(() => ww.evaluate(tree, { ...answers, ontvanger: 'amk' }, { asOf: '2010-01-01' }), { kind: 'answer' });
  assert.throws(() => ww.evaluate(ww.load(single), answers, { asOf: '2014-01-01' }), {
    kind: 'date',
    message: 'no tree for 2014-01-01: the export holds from 2015-01-01 (export with --all-periods, or for that date with --as-of)',
  });
});

test('the CommonJS build and the browser script are the same implementation', () => {
  const require = createRequire(import.meta.url);
  const cjs = require('../dist/cjs/index.js');
  const context = {};
  vm.runInNewContext(fs.readFileSync(path.join(here, '..', 'dist', 'browser', 'wegwijzer.js'), 'utf8'), context);
  for (const impl of [cjs, context.wegwijzer]) {
    const r = impl.evaluate(impl.load(single), answers);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), JSON.parse(JSON.stringify(ww.evaluate(ww.load(single), answers))));
  }
});
