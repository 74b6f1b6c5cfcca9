// The protocol exchange of the extension with the real language server: `$WEGWIJZER lsp` started
// through vscode-languageserver-protocol (the library vscode-languageclient is built on), with
// the capabilities and settings the extension sends. A copy of huisarts.ww and its modules with a
// typo: the diagnostic and its code, the quick fix, the fix applied and the diagnostic gone; a
// test run from its code lens; a gap, and its waiver action through the extension's own
// middleware (src/commands.ts: the questions asked, then the server writes the waiver); a case
// explained through the middleware, answering the server's questions; shutdown and exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './textmate.mjs';

const require = createRequire(import.meta.url);
const protocol = require('vscode-languageserver-protocol/node');
const config = require('../out/config.js');
const commands = require('../out/commands.js');

const binary = process.env.WEGWIJZER;
const skip = binary ? false : 'set WEGWIJZER to the wegwijzer binary';

const TYPO = 'leeftijd_gevragd';
const RIGHT = 'leeftijd_gevraagd';

/** Applies LSP text edits to a text (positions in UTF-16 code units, as negotiated). */
function applyEdits(text, edits) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      starts.push(i + 1);
    }
  }
  const offset = (p) => starts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

/** The text edits for one document in a WorkspaceEdit (changes or documentChanges). */
function editsFor(edit, uri) {
  const out = [];
  if (edit.changes && edit.changes[uri]) {
    out.push(...edit.changes[uri]);
  }
  for (const c of edit.documentChanges ?? []) {
    if (c.textDocument && c.textDocument.uri === uri) {
      out.push(...c.edits);
    }
  }
  return out;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

test('the extension and wegwijzer lsp: diagnostics, quick fix, test, gap and waiver, explanation, exit', { skip, timeout: 240_000 }, async () => {
  assert.ok(existsSync(binary), `WEGWIJZER=${binary} exists`);
  const dir = mkdtempSync(join(tmpdir(), 'ww-lsp-'));
  try {
    // The modules huisarts.ww extends (directly or through another module).
    for (const module of ['basis.ww', 'aanbieder.ww']) {
      writeFileSync(join(dir, module), readFileSync(join(repoRoot, 'rulesets', module)));
    }
    const original = readFileSync(join(repoRoot, 'rulesets', 'huisarts.ww'), 'utf8');
    const typoLine = original.split('\n').findIndex((l) => l.startsWith('rule wgbo_onder_12 when ' + RIGHT));
    assert.ok(typoLine >= 0, 'huisarts.ww has the rule the typo goes into');
    const lines = original.split('\n');
    lines[typoLine] = lines[typoLine].replace(RIGHT, TYPO);
    const withTypo = lines.join('\n');
    const huisarts = join(dir, 'huisarts.ww');
    writeFileSync(huisarts, withTypo);
    const uri = pathToFileURL(huisarts).href;
    const testName = /^test\s+"([^"]+)"/m.exec(original)[1];

    const settings = config.serverSettings([], '', dir);
    const child = spawn(binary, ['lsp'], {
      cwd: dir,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, WEGWIJZER_CACHE: 'off' },
    });
    let stderr = '';
    child.stderr.on('data', (b) => {
      stderr += b.toString();
    });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const connection = protocol.createProtocolConnection(
      new protocol.StreamMessageReader(child.stdout),
      new protocol.StreamMessageWriter(child.stdin),
    );

    // What the client answers and records.
    const diagnostics = new Map(); // uri -> latest params
    const waiters = [];
    const applied = [];
    const questions = [];
    const messages = [];
    connection.onNotification(protocol.PublishDiagnosticsNotification.type, (params) => {
      diagnostics.set(params.uri, params);
      for (const w of [...waiters]) {
        if (w.test(params)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(params);
        }
      }
    });
    const waitForDiagnostics = (what, test, forUri = uri) => {
      const now = diagnostics.get(forUri);
      if (now && test(now)) {
        return Promise.resolve(now);
      }
      return withTimeout(
        new Promise((resolve) => waiters.push({ test: (p) => p.uri === forUri && test(p), resolve })),
        120_000,
        what,
      );
    };
    connection.onNotification(protocol.ShowMessageNotification.type, (p) => messages.push(p));
    connection.onNotification(protocol.LogMessageNotification.type, () => {});
    connection.onRequest(protocol.ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === 'wegwijzer' ? settings : null)),
    );
    connection.onRequest(protocol.WorkDoneProgressCreateRequest.type, () => null);
    connection.onRequest(protocol.RegistrationRequest.type, () => null);
    connection.onRequest(protocol.CodeLensRefreshRequest.type, () => null);
    connection.onRequest(protocol.SemanticTokensRefreshRequest.type, () => null);
    connection.onRequest(protocol.ApplyWorkspaceEditRequest.type, (params) => {
      applied.push(params);
      return { applied: true };
    });
    let dismiss = false; // answer the server's questions, or dismiss them as the author may
    connection.onRequest(protocol.ShowMessageRequest.type, (params) => {
      questions.push(params);
      return !dismiss && params.actions && params.actions.length > 0 ? params.actions[0] : null;
    });
    connection.listen();

    try {
      // initialize, as vscode-languageclient does, with the extension's initializationOptions.
      const init = await withTimeout(
        connection.sendRequest(protocol.InitializeRequest.type, {
          processId: process.pid,
          clientInfo: { name: 'wegwijzer-vscode-test' },
          rootUri: pathToFileURL(dir).href,
          workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'regels' }],
          initializationOptions: settings,
          capabilities: {
            general: { positionEncodings: ['utf-16'] },
            workspace: {
              applyEdit: true,
              workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
              configuration: true,
              didChangeConfiguration: { dynamicRegistration: true },
              executeCommand: { dynamicRegistration: true },
              codeLens: { refreshSupport: true },
              semanticTokens: { refreshSupport: true },
              symbol: { dynamicRegistration: true },
              workspaceFolders: true,
            },
            textDocument: {
              synchronization: { dynamicRegistration: true, didSave: true },
              publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true },
              codeAction: {
                dynamicRegistration: true,
                isPreferredSupport: true,
                codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } },
              },
              hover: { contentFormat: ['markdown', 'plaintext'] },
              completion: { completionItem: { snippetSupport: true } },
              rename: { prepareSupport: true },
              codeLens: {},
              formatting: {},
              documentSymbol: { hierarchicalDocumentSymbolSupport: true },
              semanticTokens: {
                requests: { full: true },
                tokenTypes: [],
                tokenModifiers: [],
                formats: ['relative'],
              },
            },
            window: {
              showMessage: { messageActionItem: { additionalPropertiesSupport: true } },
              workDoneProgress: true,
            },
          },
        }),
        30_000,
        'initialize',
      );
      const caps = init.capabilities;
      for (const c of [
        'hoverProvider',
        'definitionProvider',
        'referencesProvider',
        'renameProvider',
        'documentSymbolProvider',
        'workspaceSymbolProvider',
        'completionProvider',
        'codeActionProvider',
        'codeLensProvider',
        'documentFormattingProvider',
        'semanticTokensProvider',
        'executeCommandProvider',
      ]) {
        assert.ok(caps[c], `the server offers ${c}`);
      }
      for (const cmd of ['wegwijzer.runTest', 'wegwijzer.explainCase', 'wegwijzer.addWaiver']) {
        assert.ok(caps.executeCommandProvider.commands.includes(cmd), `the server runs ${cmd}`);
      }
      connection.sendNotification(protocol.InitializedNotification.type, {});
      connection.sendNotification(protocol.DidChangeConfigurationNotification.type, { settings: { wegwijzer: settings } });

      // Open the ruleset with the typo: the front end's diagnostic, with its code and link.
      connection.sendNotification(protocol.DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'wegwijzer', version: 1, text: withTypo },
      });
      const first = await waitForDiagnostics('the diagnostic of the typo', (p) =>
        p.diagnostics.some((d) => d.code === 'E0101'),
      );
      const typo = first.diagnostics.find((d) => d.code === 'E0101');
      assert.equal(typo.severity, protocol.DiagnosticSeverity.Error);
      assert.match(typo.message, new RegExp(TYPO));
      assert.equal(typo.range.start.line, typoLine);
      assert.equal(typo.range.start.character, lines[typoLine].indexOf(TYPO));
      assert.equal(typo.range.end.character, lines[typoLine].indexOf(TYPO) + TYPO.length);
      assert.ok(typo.codeDescription && /#E0101$/.test(typo.codeDescription.href), 'the code links to its documentation');

      // The quick fix: the did-you-mean, as a code action with an edit.
      const actions = await withTimeout(
        connection.sendRequest(protocol.CodeActionRequest.type, {
          textDocument: { uri },
          range: typo.range,
          context: { diagnostics: [typo], only: ['quickfix'] },
        }),
        30_000,
        'codeAction',
      );
      assert.ok(Array.isArray(actions) && actions.length > 0, 'code actions for the typo');
      const fix = actions.find((a) => a.edit && editsFor(a.edit, uri).some((e) => e.newText === RIGHT));
      assert.ok(fix, `a quick fix replaces the typo with ${RIGHT}: ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(fix.kind, 'quickfix');
      const fixed = applyEdits(withTypo, editsFor(fix.edit, uri));
      assert.equal(fixed, original, 'the quick fix restores the ruleset');

      // Apply it: the diagnostic goes.
      connection.sendNotification(protocol.DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: fixed }],
      });
      const after = await waitForDiagnostics('the diagnostics after the fix', (p) =>
        (p.version === undefined || p.version >= 2) && !p.diagnostics.some((d) => d.code === 'E0101'),
      );
      assert.ok(!after.diagnostics.some((d) => d.severity === protocol.DiagnosticSeverity.Error && d.code.startsWith('E01')));

      // The code lenses: run each test, explain a case of a decision.
      const lenses = await withTimeout(
        connection.sendRequest(protocol.CodeLensRequest.type, { textDocument: { uri } }),
        30_000,
        'codeLens',
      );
      const runLens = lenses.find((l) => l.command && l.command.command === 'wegwijzer.runTest');
      assert.ok(runLens, 'a lens runs a test');
      assert.equal(runLens.command.arguments[0], uri);
      assert.ok(lenses.some((l) => l.command && l.command.command === 'wegwijzer.explainCase'), 'a lens explains a case');

      // Run a test of the shipped ruleset: it passes.
      const ran = await withTimeout(
        connection.sendRequest(protocol.ExecuteCommandRequest.type, {
          command: 'wegwijzer.runTest',
          arguments: [uri, testName],
        }),
        120_000,
        'runTest',
      );
      assert.equal(typeof ran.message, 'string');
      assert.equal(ran.passed, true, `test “${testName}”: ${ran.message}`);

      // A gap: without the rule for 16 and 17 year olds, `wie_toestemming` has no outcome for
      // them. The verifier's finding is published on the module's decision (basis.ww).
      const gapLines = original.split('\n');
      const vanaf16 = gapLines.findIndex((l) => l.startsWith('rule wgbo_vanaf_16 '));
      assert.ok(vanaf16 >= 0, 'huisarts.ww has the rule for 16 and 17 year olds');
      gapLines.splice(vanaf16, 2);
      connection.sendNotification(protocol.DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 3 },
        contentChanges: [{ text: gapLines.join('\n') }],
      });
      const basisUri = pathToFileURL(join(dir, 'basis.ww')).href;
      const gapped = await waitForDiagnostics(
        'the gap',
        (p) => p.diagnostics.some((d) => d.code === 'E0501'),
        basisUri,
      );
      const gap = gapped.diagnostics.find((d) => d.code === 'E0501');
      assert.match(gap.message, /wie_toestemming/);
      assert.match(gap.message, /[0-9]{4}-[0-9]{2}-[0-9]{2}/, 'the message names the period');
      const gapActions = await withTimeout(
        connection.sendRequest(protocol.CodeActionRequest.type, {
          textDocument: { uri: basisUri },
          range: gap.range,
          context: { diagnostics: [gap], only: ['quickfix'] },
        }),
        30_000,
        'codeAction on the gap',
      );
      const waive = gapActions.find((a) => a.command && a.command.command === 'wegwijzer.addWaiver');
      assert.ok(waive, `a code action adds a waiver: ${JSON.stringify(gapActions.map((a) => a.title))}`);
      const [waiverArg] = waive.command.arguments;
      assert.equal(waiverArg.id, 'E0501:huisarts:wie_toestemming');
      assert.equal(waiverArg.uri, uri, 'the waiver belongs to the ruleset');
      assert.equal(waiverArg.reason, undefined, 'the code action leaves the reason to the editor');

      // Sent as it is, the server refuses it: the editor must ask first.
      await assert.rejects(
        connection.sendRequest(protocol.ExecuteCommandRequest.type, waive.command),
        'addWaiver without a reason and a date fails',
      );
      assert.equal(applied.length, 0, 'nothing was written');

      // Through the extension's middleware: cancelling sends nothing...
      const next = (command, args) =>
        connection.sendRequest(protocol.ExecuteCommandRequest.type, { command, arguments: args });
      const shown = [];
      const today = new Date();
      const asked = [];
      const middleware = (answers) =>
        commands.executeCommandMiddleware({
          prompts: {
            reason: async (id) => (asked.push(['reason', id]), answers.reason),
            expires: async (id, proposed) => (asked.push(['expires', id, proposed]), answers.expires ?? proposed),
            by: async (id) => (asked.push(['by', id]), answers.by),
          },
          showExplanation: async (decision, result) => {
            shown.push({ decision, result });
          },
          today: () => today,
        });
      assert.equal(await middleware({ reason: undefined })(waive.command.command, waive.command.arguments, next), undefined);
      assert.equal(applied.length, 0, 'a cancelled waiver writes nothing');
      // ...and answering the three questions writes the waiver beside the ruleset.
      asked.length = 0;
      await withTimeout(
        middleware({ reason: 'De leeftijdsgrens volgt uit de WGBO.', by: 'M. de Vries' })(
          waive.command.command,
          waive.command.arguments,
          next,
        ),
        30_000,
        'addWaiver through the middleware',
      );
      assert.deepEqual(asked.map((a) => a[0]), ['reason', 'expires', 'by']);
      assert.equal(asked[1][2], config.defaultExpiry(today), 'the proposed date is a year from today');
      assert.equal(applied.length, 1, 'the server asked the client to apply one edit');
      const waiversUri = pathToFileURL(join(dir, 'huisarts.waivers')).href;
      const inserted = editsFor(applied[0].edit, waiversUri).map((e) => e.newText).join('');
      assert.match(inserted, /waive "E0501:huisarts:wie_toestemming"/);
      assert.match(inserted, /because "De leeftijdsgrens volgt uit de WGBO\."/);
      assert.match(inserted, /by "M\. de Vries"/);
      assert.match(inserted, new RegExp(`until ${config.defaultExpiry(today)}`));

      // Back to the shipped ruleset for the explanation.
      connection.sendNotification(protocol.DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 4 },
        contentChanges: [{ text: original }],
      });

      // Explain a case: the server asks its questions, the first answer is given to each.
      const explained = await withTimeout(
        middleware({})('wegwijzer.explainCase', [uri, 'wie_toestemming'], next),
        120_000,
        'explainCase',
      );
      assert.ok(questions.length >= 1, 'the server asked at least one question');
      assert.ok(questions.every((q) => typeof q.message === 'string' && q.actions.length >= 1));
      assert.equal(typeof config.explanationMarkdown(explained), 'string');
      assert.ok(explained.text.trim().length > 0, 'an explanation');
      assert.deepEqual(shown, [{ decision: 'wie_toestemming', result: explained }], 'the explanation is shown');
      assert.equal(config.explanationCancelled(explained), false);

      // Dismissing the first question ends the explanation without a text.
      dismiss = true;
      const questionsBefore = questions.length;
      const dismissed = await withTimeout(
        middleware({})('wegwijzer.explainCase', [uri, 'wie_toestemming'], next),
        120_000,
        'explainCase dismissed',
      );
      dismiss = false;
      assert.equal(questions.length, questionsBefore + 1, "one question, dismissed");
      assert.equal(config.explanationCancelled(dismissed), true, JSON.stringify(dismissed));

      // shutdown and exit: the process ends with status 0.
      await withTimeout(connection.sendRequest(protocol.ShutdownRequest.type), 30_000, 'shutdown');
      connection.sendNotification(protocol.ExitNotification.type);
      const end = await withTimeout(exited, 15_000, 'exit');
      assert.deepEqual(end, { code: 0, signal: null }, `the server exits cleanly\n${stderr}`);
    } catch (error) {
      if (stderr) {
        error.message += `\n--- server stderr ---\n${stderr.slice(-4000)}`;
      }
      throw error;
    } finally {
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
