// The extension itself (out/extension.js, with vscode-languageclient) activated in Node against
// the real `$WEGWIJZER lsp`, with a stand-in for the VS Code API (test/fake-vscode.cjs): the
// server starts from the `wegwijzer.path` setting, a ruleset with a typo gets its diagnostic
// with code and link, the server's commands are registered by the client, the waiver's questions
// are asked in input boxes before the edit is applied (and nothing is written when the author
// cancels), a test runs, a case is explained into a Markdown preview, the restart command
// starts the server again, a path that is no program is reported, and deactivating stops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './textmate.mjs';

const require = createRequire(import.meta.url);
const binary = process.env.WEGWIJZER;
const skip = binary ? false : 'set WEGWIJZER to the wegwijzer binary';

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

test('the extension in Node with the real server: activate, diagnostics, waiver, test, explanation, restart', { skip, timeout: 240_000 }, async () => {
  assert.ok(existsSync(binary), `WEGWIJZER=${binary} exists`);
  const fakePath = require.resolve('./fake-vscode.cjs');
  const originalLoad = Module._load;
  Module._load = function (request, parent, isMain) {
    return request === 'vscode' ? require(fakePath) : originalLoad.call(this, request, parent, isMain);
  };
  const vscode = require(fakePath);
  const { fake } = vscode;
  const ext = require('../out/extension.js');
  const dir = mkdtempSync(join(tmpdir(), 'ww-ext-'));
  const context = { subscriptions: [], globalState: new Map(), workspaceState: new Map() };
  context.globalState.update = async (k, v) => void context.globalState.set(k, v);
  const oldCache = process.env.WEGWIJZER_CACHE;
  process.env.WEGWIJZER_CACHE = 'off'; // the server inherits the environment
  try {
    // The modules huisarts.ww extends (directly or through another module).
    for (const module of ['basis.ww', 'aanbieder.ww']) {
      writeFileSync(join(dir, module), readFileSync(join(repoRoot, 'rulesets', module)));
    }
    const original = readFileSync(join(repoRoot, 'rulesets', 'huisarts.ww'), 'utf8');
    const withTypo = original.replace('rule wgbo_onder_12 when leeftijd_gevraagd', 'rule wgbo_onder_12 when leeftijd_gevragd');
    assert.notEqual(withTypo, original);
    const file = join(dir, 'huisarts.ww');
    writeFileSync(file, withTypo);
    const uri = fake.Uri.file(file).toString();
    const testName = /^test\s+"([^"]+)"/m.exec(original)[1];

    fake.settings.path = binary;
    vscode.__folders = [{ uri: fake.Uri.file(dir), name: 'regels', index: 0 }];

    // Activation starts the server.
    await withTimeout(ext.activate(context), 60_000, 'activate');
    const output = () => fake.recorded.outputs.map((c) => `--- ${c.name}\n${c.lines.join('')}`).join('\n');
    assert.deepEqual(fake.recorded.messages.filter((m) => m[0] === 'error'), [], `no error at start\n${output()}`);
    for (const id of ['wegwijzer.restartServer', 'wegwijzer.showOutput', 'wegwijzer.runTest', 'wegwijzer.explainCase', 'wegwijzer.addWaiver']) {
      assert.ok(fake.commands.has(id), `command ${id} is registered`);
    }

    // Opening the ruleset: the typo's diagnostic, an error with its code linked.
    const diagnosed = new Promise((resolve) => {
      const check = () => {
        const d = (fake.recorded.diagnostics.get(uri) || []).find((x) => x.code && x.code.value === 'E0101');
        if (d) {
          resolve(d);
        }
      };
      fake.recorded.diagnosticEvents.event(check);
      check();
    });
    const doc = fake.makeDocument(file, 'wegwijzer', withTypo);
    fake.textDocuments.push(doc);
    fake.events.didOpen.fire(doc);
    const typo = await withTimeout(diagnosed, 60_000, 'the diagnostic of the typo');
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);
    assert.match(typo.message, /leeftijd_gevragd/);
    assert.match(typo.code.target.toString(), /#E0101$/);

    // The waiver as the code action runs it: cancelled at the first question, nothing applied.
    const addWaiver = fake.commands.get('wegwijzer.addWaiver');
    const waiver = { uri, id: 'E0501:huisarts:wie_toestemming' };
    fake.answers.inputBoxes = [undefined];
    await withTimeout(Promise.resolve(addWaiver(waiver)), 30_000, 'cancelled waiver');
    assert.equal(fake.recorded.inputBoxes.length, 1);
    assert.equal(fake.recorded.appliedEdits.length, 0, 'a cancelled waiver writes nothing');
    // Answered: reason, the proposed date, a name; the server's edit is applied.
    fake.recorded.inputBoxes.length = 0;
    fake.answers.inputBoxes = ['De leeftijdsgrens volgt uit de WGBO.', (o) => o.value, 'M. de Vries'];
    await withTimeout(Promise.resolve(addWaiver(waiver)), 30_000, 'waiver');
    assert.equal(fake.recorded.inputBoxes.length, 3, 'reason, date and name asked');
    const [reasonBox, dateBox, nameBox] = fake.recorded.inputBoxes;
    assert.equal(reasonBox.validateInput('  '), 'Say why this finding is accepted.');
    assert.match(dateBox.value, /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/);
    assert.match(dateBox.validateInput('2020-01-01'), /expired/);
    assert.match(dateBox.validateInput('2030-2-1'), /YYYY-MM-DD/);
    assert.equal(dateBox.validateInput(dateBox.value), undefined);
    assert.equal(nameBox.value, '', 'no name remembered yet');
    assert.equal(fake.recorded.appliedEdits.length, 1, 'the server applied one edit');
    const ops = fake.recorded.appliedEdits[0].operations;
    const waiversUri = fake.Uri.file(join(dir, 'huisarts.waivers')).toString();
    const text = ops.filter((o) => o.uri === waiversUri).flatMap((o) => o.edits.map((e) => e.newText)).join('');
    assert.match(text, /waive "E0501:huisarts:wie_toestemming"\s+because "De leeftijdsgrens volgt uit de WGBO\."\s+by "M\. de Vries"\s+until [0-9-]{10}/);
    assert.equal(context.globalState.get('wegwijzer.waiverBy'), 'M. de Vries', 'the name is remembered');

    // The author fixes the typo: the diagnostic goes.
    const fixedDiagnostics = new Promise((resolve) => {
      fake.recorded.diagnosticEvents.event((u) => {
        if (u === uri && !(fake.recorded.diagnostics.get(uri) || []).some((x) => x.code && x.code.value === 'E0101')) {
          resolve();
        }
      });
    });
    doc.setText(original);
    fake.events.didChange.fire({
      document: doc,
      contentChanges: [{ range: new vscode.Range(0, 0, 0, 0), rangeOffset: 0, rangeLength: 0, text: original }],
      reason: undefined,
    });
    await withTimeout(fixedDiagnostics, 60_000, 'the diagnostics after the fix');

    // Run a test: the server's result is shown as a message.
    const ran = await withTimeout(Promise.resolve(fake.commands.get('wegwijzer.runTest')(uri, testName)), 120_000, 'runTest');
    assert.equal(ran.passed, true, ran.message);
    await withTimeout(
      (async () => {
        while (!fake.recorded.messages.some((m) => m[0] === 'info' && m[1].includes('passed'))) {
          await new Promise((r) => setTimeout(r, 50));
        }
      })(),
      10_000,
      'the message of the test',
    );

    // Explain a case: every question answered with its first button; the explanation opens as
    // a Markdown preview of a read-only document that holds the server's text.
    const questionsBefore = fake.recorded.messages.length;
    fake.answers.messageItem = (items) => items[0];
    const explained = await withTimeout(
      Promise.resolve(fake.commands.get('wegwijzer.explainCase')(uri, 'wie_toestemming')),
      120_000,
      'explainCase',
    );
    fake.answers.messageItem = () => undefined;
    assert.ok(fake.recorded.messages.length > questionsBefore, 'the questions were asked as messages with buttons');
    assert.ok(explained && typeof explained.text === 'string' && explained.text.length > 0);
    const preview = fake.recorded.executed.find((e) => e[0] === 'markdown.showPreviewToSide');
    assert.ok(preview, 'a Markdown preview is opened');
    const shownUri = preview[1][0];
    assert.equal(shownUri.scheme, 'wegwijzer-explanation');
    assert.equal(fake.recorded.contentProviders.get('wegwijzer-explanation').provideTextDocumentContent(shownUri), explained.text);

    // Restart: the server starts again and the client registers its commands again.
    await withTimeout(Promise.resolve(fake.commands.get('wegwijzer.restartServer')()), 60_000, 'restart');
    assert.ok(fake.commands.has('wegwijzer.runTest'), 'the server commands are registered again');
    assert.deepEqual(fake.recorded.messages.filter((m) => m[0] === 'error'), [], 'no error');

    // A path that is no program: the author is told, with a way to the setting.
    fake.settings.path = join(dir, 'geen-wegwijzer');
    await withTimeout(Promise.resolve(fake.commands.get('wegwijzer.restartServer')()), 60_000, 'restart without a server');
    const told = fake.recorded.messages.find((m) => m[0] === 'error' && /did not start/.test(m[1]));
    assert.ok(told, JSON.stringify(fake.recorded.messages.filter((m) => m[0] === 'error')));
    assert.ok(told[1].includes(join(dir, 'geen-wegwijzer')), 'the message names the program');
    assert.deepEqual(told[2], ['Open settings', 'Show output']);
  } finally {
    await withTimeout(ext.deactivate(), 30_000, 'deactivate').catch(() => {});
    for (const d of context.subscriptions) {
      try {
        d.dispose();
      } catch {
        // disposed already
      }
    }
    Module._load = originalLoad;
    if (oldCache === undefined) {
      delete process.env.WEGWIJZER_CACHE;
    } else {
      process.env.WEGWIJZER_CACHE = oldCache;
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
