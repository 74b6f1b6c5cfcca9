// Browser test of the standalone HTML export (`wegwijzer export --format html`, docs/html.md).
// Exports shipped rulesets, opens each page from file:// in headless Debian Chromium through
// playwright-core, walks paths through the Wegwijzer and checks what the page shows against
// the JSON document of the same ruleset. Fails on any network request the page makes.
//
//   node --test walk.test.mjs -- /path/to/wegwijzer      (or WW_BINARY=/path/to/wegwijzer)
// Screenshots go to $WW_ARTIFACTS (default: <dir of the binary>/tests/browser).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const argBinary = process.argv.slice(2).find((a) => !a.startsWith('-'));
const binary = path.resolve(process.env.WW_BINARY || argBinary || path.join(repo, 'build', 'wegwijzer'));
const artifacts = path.resolve(process.env.WW_ARTIFACTS || path.join(path.dirname(binary), 'tests', 'browser'));
const chromiumPath = process.env.WW_CHROMIUM || '/usr/bin/chromium';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ww-browser-'));

let browser;
const exported = {};

function exportRuleset(name, format) {
  return execFileSync(binary, ['export', path.join('rulesets', `${name}.ww`), '--format', format], {
    cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20,
  });
}

function load(name) {
  if (exported[name]) return exported[name];
  const doc = JSON.parse(exportRuleset(name, 'json'));
  const html = exportRuleset(name, 'html');
  const file = path.join(work, `${name}.html`);
  fs.writeFileSync(file, html);
  exported[name] = { doc, html, file, url: pathToFileURL(file).href };
  return exported[name];
}

// The leaf the JSON tree gives for a case (answers by question id), and the questions asked.
function walkJson(doc, answers) {
  let node = doc.nodes[doc.root];
  const asked = [];
  while (node.question !== undefined) {
    assert.ok(node.question in answers, `the tree asks ${node.question}, which the case does not answer`);
    const value = answers[node.question];
    const edge = node.edges.find((e) => e.answers.some((a) => String(a) === String(value)));
    assert.ok(edge, `no edge for ${node.question} = ${value}`);
    asked.push(node.question);
    node = doc.nodes[edge.next];
  }
  return { leaf: node.leaf, asked };
}

// What the page should show at a leaf: the main outcome, helper outcomes, obligations (the
// leaf's: those of every decision in the case), citations.
function expected(doc, leaf) {
  const outcome = (decision, id) =>
    doc.decisions.find((d) => d.id === decision).outcomes.find((o) => o.id === id);
  const helpers = doc.decisions
    .filter((d) => d.id !== doc.decision && leaf.decisions[d.id])
    .map((d) => ({ decision: d.id, outcome: outcome(d.id, leaf.decisions[d.id]) }));
  const obligations = [...leaf.obligations];
  return {
    outcome: outcome(doc.decision, leaf.outcome),
    helpers,
    obligations,
    citations: leaf.citations,
  };
}

function labelOf(doc, qid, value) {
  const q = doc.questions.find((x) => x.id === qid);
  if (q.type === 'number') return String(value);
  const l = q.answers.find((a) => a.id === value).label;
  return l.charAt(0).toUpperCase() + l.slice(1);
}

async function openPage(name) {
  const { url } = load(name);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  context.on('request', (req) => {
    const u = req.url();
    if (u !== url && !u.startsWith('data:')) problems.push(`network request: ${u}`);
  });
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(url);
  return { page, context, problems };
}

// Answers the question shown; checks that it is the one the tree asks next and that only the
// answers on the node's edges are offered.
async function answerShown(page, doc, answers, nodeId) {
  const form = page.locator('#question-form');
  const qid = await form.getAttribute('data-question');
  const node = doc.nodes[nodeId];
  assert.equal(qid, node.question, 'the page asks the question of the current tree node');
  const q = doc.questions.find((x) => x.id === qid);
  // After an answer the new question's heading has focus (keyboard users land on it).
  if (nodeId !== doc.root) assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.tagName), 'H2');
  assert.equal((await page.locator('#question-form legend h2').textContent()).trim(), q.text);
  if (q.help) assert.ok((await form.locator('.help').textContent()).includes(q.help));
  const value = answers[qid];
  if (q.type === 'number') {
    const input = page.getByLabel(/Uw antwoord/);
    assert.equal(await input.getAttribute('min'), String(q.min));
    assert.equal(await input.getAttribute('max'), String(q.max));
    await input.fill(String(value));
  } else {
    const offered = await form.locator('input[type=radio]').evaluateAll((els) => els.map((e) => e.value));
    const onEdges = q.answers.map((a) => a.id).filter((id) => node.edges.some((e) => e.answers.includes(id)));
    assert.deepEqual(offered, onEdges, `answers offered for ${qid}`);
    await page.getByRole('radio', { name: labelOf(doc, qid, value), exact: true }).check();
  }
  // Keyboard: Enter in the form submits it, like the "Volgende" button.
  await page.getByRole('button', { name: 'Volgende' }).click();
  const edge = node.edges.find((e) => e.answers.some((a) => String(a) === String(value)));
  return edge.next;
}

async function walk(page, doc, answers, { backAfter } = {}) {
  let nodeId = doc.root;
  const given = [];
  while (doc.nodes[nodeId].question !== undefined) {
    const qid = doc.nodes[nodeId].question;
    if (backAfter && qid === backAfter.question && !backAfter.done) {
      // Give a different answer first, then undo it with "Vorige".
      backAfter.done = true;
      const wrong = { ...answers, [qid]: backAfter.wrong };
      await answerShown(page, doc, wrong, nodeId);
      await page.getByRole('button', { name: 'Vorige' }).click();
      assert.equal(await page.locator('#question-form').getAttribute('data-question'), qid, 'Vorige goes back');
      const rows = await page.locator('#question-form').count();
      assert.equal(rows, 1);
    }
    given.push(qid);
    nodeId = await answerShown(page, doc, answers, nodeId);
  }
  return given;
}

async function checkResult(page, doc, answers, asked) {
  const { leaf, asked: jsonAsked } = walkJson(doc, answers);
  assert.deepEqual(asked, jsonAsked);
  const want = expected(doc, leaf);
  const result = page.locator('#result');
  await result.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), await result.locator('h2').getAttribute('id'));
  assert.equal(await result.getAttribute('data-outcome'), leaf.outcome);
  assert.equal((await page.locator('#outcome-text').textContent()).trim(), want.outcome.text);
  const helpers = await page.locator('#helper-decisions dd').evaluateAll((els) =>
    els.map((e) => ({ decision: e.dataset.decision, outcome: e.dataset.outcome, text: e.textContent })));
  assert.deepEqual(helpers, want.helpers.map((h) => ({ decision: h.decision, outcome: h.outcome.id, text: h.outcome.text })));
  const obligations = await page.locator('#obligations > li').evaluateAll((els) => els.map((e) => e.dataset.obligation));
  assert.deepEqual(obligations, want.obligations, 'obligations shown');
  for (const id of want.obligations) {
    const item = page.locator(`#obligations > li[data-obligation="${id}"]`);
    const text = doc.obligations.find((o) => o.id === id).text;
    const boxes = await item.locator('input[type=checkbox]').count();
    if (/(^|\s)1\.\s[\s\S]*\s2\.\s/.test(text)) {
      // The five questions become a checklist of their own.
      assert.ok(boxes >= 3, `${id}: numbered questions as checklist items`);
      for (let n = 1; n <= 5 && text.includes(` ${n}. `); n++)
        assert.ok((await item.textContent()).includes(`${n}. `));
    } else {
      assert.equal(boxes, 1);
      assert.equal((await item.textContent()).trim(), text);
    }
    // Every checkbox has a label.
    for (const box of await item.locator('input[type=checkbox]').all())
      assert.ok((await box.evaluate((b) => b.labels.length)) === 1);
  }
  const citations = await page.locator('#citations li').evaluateAll((els) => els.map((e) => e.textContent));
  assert.deepEqual(citations, want.citations.map((c) => `${c.title}, ${c.locator}`));

  // The printable summary lists every question and answer, in order.
  const rows = await page.locator('#summary tbody tr').evaluateAll((els) =>
    els.map((e) => ({ q: e.querySelector('th').textContent, a: e.querySelector('td').textContent })));
  assert.deepEqual(rows, asked.map((qid) => ({
    q: doc.questions.find((x) => x.id === qid).text, a: labelOf(doc, qid, answers[qid]) })));
  assert.match(await page.locator('#summary-date').textContent(), /Datum: \S+/);

  // The e-mail link carries the same summary.
  const href = await page.locator('#mail').getAttribute('href');
  assert.ok(href.startsWith('mailto:?subject='), href.slice(0, 40));
  const params = new URLSearchParams(href.slice('mailto:?'.length));
  const body = params.get('body');
  assert.ok(params.get('subject').includes(doc.ruleset.title));
  assert.ok(body.includes(want.outcome.text));
  for (const r of rows) {
    assert.ok(body.includes(r.q), `mail body has question ${r.q}`);
    assert.ok(body.includes(`Antwoord: ${r.a}`), `mail body has answer ${r.a}`);
  }
  for (const id of want.obligations) assert.ok(body.includes(doc.obligations.find((o) => o.id === id).text));

  // Printing hides the buttons and the question form.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#print').isVisible(), false);
  assert.equal(await page.locator('#mail').isVisible(), false);
  assert.equal(await page.locator('#summary').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  return want;
}

async function shot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

before(async () => {
  assert.ok(fs.existsSync(binary), `wegwijzer binary not found: ${binary}`);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // chromium.launch gives every run a fresh temporary user-data-dir.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('the export is one self-contained, deterministic file', () => {
  const { html, doc } = load('huisarts');
  assert.equal(exportRuleset('huisarts', 'html'), html, 'two exports are byte-identical');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:/);
  assert.doesNotMatch(html, /\b(src|href)\s*=\s*["']?(https?:)?\/\//i, 'no external URLs');
  assert.doesNotMatch(html, /@import|url\(\s*['"]?https?:/i);
  const data = html.match(/<script type="application\/json" id="ww-data">([\s\S]*?)<\/script>/)[1];
  assert.ok(!data.includes('</'));
  assert.deepEqual(JSON.parse(data), doc, 'the embedded document is the JSON export');
  assert.ok(html.includes(doc.files[0].sha256));
});

test('huisarts: child witnessing partner violence, acute unsafety, reported to Veilig Thuis without consent (with Vorige)', async () => {
  const { doc } = load('huisarts');
  const { page, context, problems } = await openPage('huisarts');
  assert.equal(await page.title(), `Wegwijzer beroepsgeheim: ${doc.ruleset.title}`);
  assert.equal(await page.locator('#back').count(), 0, 'no Vorige on the first question');
  const answers = {
    situatie: 'kind_getuige', ontvanger: 'veilig_thuis', doel: 'melden', leeftijd: 6, toestemming: 'no',
    waarom_geen_toestemming: 'geweigerd', af_vermoeden_veiligheid: 'onveilig',
  };
  const backAfter = { question: 'ontvanger', wrong: 'raad' };
  const asked = await walk(page, doc, answers, { backAfter });
  assert.ok(backAfter.done, 'Vorige was used');
  const want = await checkResult(page, doc, answers, asked);
  assert.equal(want.outcome.id, 'melden_veilig_thuis_norm');
  assert.ok(want.obligations.includes('vijf_vragen'));
  assert.equal(await page.locator('#obligations li[data-obligation="vijf_vragen"] ul input[type=checkbox]').count(), 5);
  await shot(page, 'huisarts-amk');
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'huisarts-amk-print');
  await context.close();
  assert.deepEqual(problems, []);
});

test('huisarts: adults only, to the police', async () => {
  const { doc } = load('huisarts');
  const { page, context, problems } = await openPage('huisarts');
  const answers = {
    situatie: 'volwassenen', ontvanger: 'politie', doel: 'melden', toestemming: 'no',
    waarom_geen_toestemming: 'geweigerd', ernstig_gevaar: 'yes',
  };
  const asked = await walk(page, doc, answers);
  const want = await checkResult(page, doc, answers, asked);
  assert.equal(want.outcome.id, 'melding_politie');
  assert.ok(!asked.includes('leeftijd'), 'no age asked when only adults are involved');
  await context.close();
  assert.deepEqual(problems, []);
});

test('huisarts: advice without names', async () => {
  const { doc } = load('huisarts');
  const { page, context, problems } = await openPage('huisarts');
  const answers = { situatie: 'kindermishandeling', ontvanger: 'veilig_thuis', doel: 'advies' };
  const asked = await walk(page, doc, answers);
  const want = await checkResult(page, doc, answers, asked);
  assert.equal(want.outcome.id, 'advies_zonder_namen');
  await context.close();
  assert.deepEqual(problems, []);
});

test('huisarts: a number outside the range is refused, keyboard only', async () => {
  const { doc } = load('huisarts');
  const { page, context, problems } = await openPage('huisarts');
  const answers = { situatie: 'kindermishandeling', ontvanger: 'samenwerkingsverband', leeftijd: 14, toestemming: 'yes' };
  let nodeId = doc.root;
  while (doc.nodes[nodeId].question !== 'leeftijd') nodeId = await answerShown(page, doc, answers, nodeId);
  await page.keyboard.press('Tab');
  await page.keyboard.type('40');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#question-form').getAttribute('data-question'), 'leeftijd');
  assert.match(await page.getByRole('alert').textContent(), /0 tot en met 17/);
  await page.getByLabel(/Uw antwoord/).fill('14');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#question-form').getAttribute('data-question'), 'toestemming');
  await page.keyboard.press('Tab');            // to the first radio ("Ja")
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  const want = await checkResult(page, doc, answers, ['situatie', 'ontvanger', 'leeftijd', 'toestemming']);
  assert.equal(want.outcome.id, 'samenwerking');
  await context.close();
  assert.deepEqual(problems, []);
});

test('leerkracht: the Raad asks for information about a pupil of 9, no consent', async () => {
  const { doc } = load('leerkracht');
  const { page, context, problems } = await openPage('leerkracht');
  const answers = {
    situatie: 'kindermishandeling', ontvanger: 'raad', doel: 'verzoek', leeftijd: 9, toestemming: 'no',
    waarom_geen_toestemming: 'geweigerd',
  };
  const asked = await walk(page, doc, answers, { backAfter: { question: 'leeftijd', wrong: 13 } });
  await checkResult(page, doc, answers, asked);
  await shot(page, 'leerkracht-raad');
  await context.close();
  assert.deepEqual(problems, []);
});

test('an unverified export says NIET GEVERIFIEERD', async () => {
  const input = path.join('tests', 'golden', 'export', 'defect.ww');
  if (!fs.existsSync(path.join(repo, input))) return;  // the defect fixture is optional
  const run = spawnSync(binary, ['export', '--unverified', '--format', 'html', input], {
    cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  assert.ok(run.stdout.startsWith('<!DOCTYPE html>'), `export --unverified wrote a page (exit ${run.status})`);
  const file = path.join(work, 'defect.html');
  fs.writeFileSync(file, run.stdout);
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const problems = [];
  context.on('request', (req) => { if (req.url() !== url && !req.url().startsWith('data:')) problems.push(req.url()); });
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(url);
  assert.match(await page.locator('#unverified').textContent(), /NIET GEVERIFIEERD/);
  assert.match(await page.locator('#stamp').textContent(), /NIET GEVERIFIEERD/);
  // The gap: the police without consent reaches a leaf without an outcome.
  await page.getByRole('radio', { name: 'De politie', exact: true }).check();
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('radio', { name: 'Nee', exact: true }).check();
  await page.getByRole('button', { name: 'Volgende' }).click();
  assert.match(await page.locator('#result').textContent(), /NIET GEVERIFIEERD/);
  assert.equal((await page.locator('#outcome-text').textContent()).trim(), 'De regels geven hier geen uitkomst.');
  assert.equal(await page.locator('#summary tbody tr').count(), 2);
  await context.close();
  assert.deepEqual(problems, []);
});

// The page says for which date its answers hold; a page for a past date says it is historical.
function exportFile(file, format, extra) {
  return execFileSync(binary, ['export', file, '--format', format, ...extra], {
    cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, WW_TODAY: '2026-12-01' },
  });
}

test('the date line: today by default, historical with --as-of a past date', async () => {
  const file = path.join('tests', 'golden', 'dates', 'meldrecht.ww');
  for (const [extra, want, historical] of [
    [[], /zoals die gelden op 1 december 2026; deze regels gelden sinds 1 januari 2015\./, false],
    [['--as-of', '2010-06-01'], /zoals die golden op 1 juni 2010; deze regels golden van 1 januari 2009 tot 1 juli 2013\. Dit is een historische wegwijzer/, true],
  ]) {
    const doc = JSON.parse(exportFile(file, 'json', extra));
    const html = exportFile(file, 'html', extra);
    const out = path.join(work, `meldrecht-${historical ? 'past' : 'today'}.html`);
    fs.writeFileSync(out, html);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pathToFileURL(out).href);
    const line = page.locator('#date-line');
    assert.equal(await line.isVisible(), true, 'the date line is visible');
    const text = await line.textContent();
    assert.match(text, want);
    assert.ok(text.includes(doc.date.statement), 'the page shows the export\'s statement');
    assert.equal(text.includes('Historisch.'), historical);
    assert.equal(doc.date.historical, historical);
    await shot(page, `meldrecht-date-${historical ? 'past' : 'today'}`);
    await context.close();
  }
});
