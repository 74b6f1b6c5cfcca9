// The extension's decisions that need no VS Code (out/config.js, compiled from src/config.ts):
// the settings sent to the server, the waiver's questions and dates, the results shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const config = require('../out/config.js');

const ws = '/home/auteur/regels';
const home = '/home/auteur';

test('include paths: relative ones from the workspace folder, variables and ~ expanded', () => {
  const s = config.serverSettings(
    ['rulesets', '${workspaceFolder}/modules', '~/gedeeld', '/opt/ww', '  ', 7, '${userHome}/x'],
    '2016-03-01',
    ws,
    home,
  );
  assert.deepEqual(s.includePaths, [
    '/home/auteur/regels/rulesets',
    '/home/auteur/regels/modules',
    '/home/auteur/gedeeld',
    '/opt/ww',
    '/home/auteur/x',
  ]);
  assert.equal(s.asOf, '2016-03-01');
});

test('asOf: only a real date is sent, anything else means every period', () => {
  assert.equal(config.serverSettings([], '', ws, home).asOf, '');
  assert.equal(config.serverSettings([], '2015-02-30', ws, home).asOf, '');
  assert.equal(config.serverSettings([], '2015-1-1', ws, home).asOf, '');
  assert.equal(config.serverSettings([], ' 2024-02-29 ', ws, home).asOf, '2024-02-29');
  assert.equal(config.serverSettings(undefined, undefined, ws, home).includePaths.length, 0);
});

test('the server path: a bare name is left to PATH, a path is resolved', () => {
  assert.equal(config.resolveServerPath(undefined, ws, home), 'wegwijzer');
  assert.equal(config.resolveServerPath('  ', ws, home), 'wegwijzer');
  assert.equal(config.resolveServerPath('wegwijzer', ws, home), 'wegwijzer');
  assert.equal(config.resolveServerPath('build/wegwijzer', ws, home), '/home/auteur/regels/build/wegwijzer');
  assert.equal(config.resolveServerPath('${workspaceFolder}/build/wegwijzer', ws, home), '/home/auteur/regels/build/wegwijzer');
  assert.equal(config.resolveServerPath('~/bin/wegwijzer', ws, home), '/home/auteur/bin/wegwijzer');
  assert.equal(config.resolveServerPath('/usr/bin/wegwijzer', undefined, home), '/usr/bin/wegwijzer');
});

test('dates: YYYY-MM-DD and a real day', () => {
  for (const good of ['2015-01-01', '2024-02-29', '2000-02-29', '1999-12-31']) {
    assert.ok(config.isDate(good), good);
  }
  for (const bad of ['2015-1-1', '2015-02-30', '2023-02-29', '1900-02-29', '2015-13-01', '2015-00-10', '2015-01-00', '', 'morgen']) {
    assert.ok(!config.isDate(bad), bad);
  }
});

test('a waiver expires one year on by default, and not in the past', () => {
  const today = new Date(Date.UTC(2026, 11, 6));
  assert.equal(config.defaultExpiry(today), '2027-12-06');
  assert.equal(config.defaultExpiry(new Date(Date.UTC(2024, 1, 29))), '2025-02-28');
  assert.equal(config.expiryProblem('2027-12-06', today), undefined);
  assert.match(config.expiryProblem('2027-1-1', today), /YYYY-MM-DD/);
  assert.match(config.expiryProblem('2027-02-30', today), /not a day/);
  assert.match(config.expiryProblem('2026-12-06', today), /expired/);
  assert.match(config.expiryProblem('2020-01-01', today), /expired/);
  assert.equal(config.expiryProblem('2026-12-07', today), undefined);
  assert.match(config.reasonProblem('   '), /why/i);
  assert.equal(config.reasonProblem('De regel blijft zichtbaar.'), undefined);
});

test('addWaiver from the code action: the reason and date are asked, then forwarded', async () => {
  const today = new Date(Date.UTC(2026, 11, 6));
  const asked = [];
  const prompts = {
    reason: async (id) => {
      asked.push(['reason', id]);
      return '  Bewust zo gelaten.  ';
    },
    expires: async (id, proposed) => {
      asked.push(['expires', id, proposed]);
      return proposed;
    },
    by: async (id) => {
      asked.push(['by', id]);
      return ' M. de Vries ';
    },
  };
  const args = [{ uri: 'file:///r/huisarts.ww', id: 'W0509:huisarts:wgbo_vanaf_16' }];
  const out = await config.completeWaiverArguments(args, prompts, today);
  assert.deepEqual(out, [
    {
      uri: 'file:///r/huisarts.ww',
      id: 'W0509:huisarts:wgbo_vanaf_16',
      reason: 'Bewust zo gelaten.',
      expires: '2027-12-06',
      by: 'M. de Vries',
    },
  ]);
  assert.deepEqual(asked, [
    ['reason', 'W0509:huisarts:wgbo_vanaf_16'],
    ['expires', 'W0509:huisarts:wgbo_vanaf_16', '2027-12-06'],
    ['by', 'W0509:huisarts:wgbo_vanaf_16'],
  ]);
  assert.equal(args[0].reason, undefined, 'the original arguments are not changed');
});

test('addWaiver: cancelling either question sends nothing; complete arguments are not asked again', async () => {
  const today = new Date(Date.UTC(2026, 11, 6));
  const never = {
    reason: async () => assert.fail('asked'),
    expires: async () => assert.fail('asked'),
    by: async () => assert.fail('asked'),
  };
  const complete = [{ uri: 'file:///r/a.ww', id: 'E0501:a:x', reason: 'Omdat', expires: '2027-01-01', by: 'Jan' }];
  assert.deepEqual(await config.completeWaiverArguments(complete, never, today), complete);
  const cancelReason = {
    reason: async () => undefined,
    expires: async () => assert.fail('asked after cancel'),
    by: async () => assert.fail('asked after cancel'),
  };
  assert.equal(await config.completeWaiverArguments([{ uri: 'u', id: 'i' }], cancelReason, today), undefined);
  const cancelDate = { reason: async () => 'Omdat', expires: async () => undefined, by: async () => assert.fail('asked') };
  assert.equal(await config.completeWaiverArguments([{ uri: 'u', id: 'i' }], cancelDate, today), undefined);
  const badDate = { reason: async () => 'Omdat', expires: async () => '2026-01-01', by: async () => assert.fail('asked') };
  assert.equal(await config.completeWaiverArguments([{ uri: 'u', id: 'i' }], badDate, today), undefined);
  const cancelName = { reason: async () => 'Omdat', expires: async (_id, p) => p, by: async () => undefined };
  assert.equal(await config.completeWaiverArguments([{ uri: 'u', id: 'i' }], cancelName, today), undefined);
  const blankName = { reason: async () => 'Omdat', expires: async (_id, p) => p, by: async () => '  ' };
  assert.equal(await config.completeWaiverArguments([{ uri: 'u', id: 'i' }], blankName, today), undefined);
  const expired = [{ uri: 'u', id: 'i', reason: 'Omdat', expires: '2020-01-01', by: 'Jan' }];
  const askDate = {
    reason: async () => assert.fail('reason asked again'),
    expires: async (_id, p) => p,
    by: async () => assert.fail('name asked again'),
  };
  assert.deepEqual(await config.completeWaiverArguments(expired, askDate, today), [
    { uri: 'u', id: 'i', reason: 'Omdat', expires: '2027-12-06', by: 'Jan' },
  ]);
});

test('the result of explainCase is its Markdown text', () => {
  assert.equal(config.explanationMarkdown({ text: '# Uitleg\n\nU mag melden.' }), '# Uitleg\n\nU mag melden.');
  assert.equal(config.explanationMarkdown({ text: 3 }), undefined);
  assert.equal(config.explanationMarkdown({}), undefined);
  assert.equal(config.explanationMarkdown(null), undefined);
  assert.equal(config.explanationCancelled({ cancelled: true }), true);
  assert.equal(config.explanationMarkdown({ cancelled: true }), undefined);
  assert.equal(config.explanationCancelled({ text: 'x', date: '2026-12-06' }), false);
  assert.equal(config.explanationCancelled(undefined), false);
  assert.match(config.nameProblem(' '), /name/);
  assert.equal(config.nameProblem('M. de Vries'), undefined);
});
