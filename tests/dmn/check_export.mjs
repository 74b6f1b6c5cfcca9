// The DMN export (docs/dmn.md) checked from outside, for every ruleset that has conformance
// vectors (tests/conformance: the shipped rulesets and the fuzz generator's random ones):
//   1. `wegwijzer export --format dmn --all-periods` writes it;
//   2. xmllint validates it against the official DMN 1.3 schema (dmn/schema/1.3/DMN13.xsd);
//   3. dmn-moddle, the parser of dmn-js and Camunda Modeler, reads it without a warning;
//   4. feelin, the bpmn.io FEEL interpreter, evaluates every input entry of every rule on every
//      case of the vectors at every date of its period (old answers that a later period replaces
//      given as they are): exactly one rule matches (hit policy UNIQUE), and
//      its output entries, evaluated by feelin, are what wegwijzer's evaluator decided;
//   5. no rule matches a date before the first period.
//
//   node check_export.mjs WEGWIJZER VECTORS_DIR OUT_DIR
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import DmnModdle from 'dmn-moddle';
import { evaluate, unaryTest } from 'feelin';

const [binary, vectorsDir, outDir] = process.argv.slice(2);
if (!binary || !vectorsDir || !outDir) {
  console.error('usage: node check_export.mjs WEGWIJZER VECTORS_DIR OUT_DIR');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const schema = path.join(root, 'dmn', 'schema', '1.3', 'DMN13.xsd');
fs.mkdirSync(outDir, { recursive: true });

// The ruleset a vectors file was written from, and the options generate.py gave it.
function source(name) {
  const m = /^generated-(\d+)$/.exec(name);
  if (m)
    return [path.join(vectorsDir, '..', 'generated', m[1], 'g.ww'), ['--unverified', '--timeout', '5']];
  return [path.join(root, 'rulesets', `${name}.ww`), []];
}

// The rule ids of one period, as the export names them (ruleset:rule:period).
// (rules that name no date: ruleset:rule).
const ruleIds = (rs, from, rules) => rules.map((r) => (from ? `${rs}:${r}:${from}` : `${rs}:${r}`));
const citationText = (c) => `${c.title ?? c.source}, ${c.locator}`;

// feelin parses every time it is called: the answer of one entry to one value is kept.
const tests = new Map(); // entry text -> (value key -> matches)
function matches(text, value, key) {
  if (text === '-') return true;
  let known = tests.get(text);
  if (!known) tests.set(text, (known = new Map()));
  let hit = known.get(key);
  if (hit === undefined) {
    hit = unaryTest(text, { '?': value }) === true;
    known.set(key, hit);
  }
  return hit;
}
const keyOf = (v) => (v && typeof v === 'object' ? `date:${v.toISODate()}` : JSON.stringify(v ?? null));
const dates = new Map();
function feelDate(iso) {
  let d = dates.get(iso);
  if (!d) dates.set(iso, (d = evaluate(`date("${iso}")`)));
  return d;
}

const moddle = new DmnModdle();
let files = 0, rules = 0, evaluations = 0, bytes = 0;
const failures = [];
const names = fs.readdirSync(vectorsDir).filter((f) => f.endsWith('.vectors.json')).sort()
  .map((f) => f.slice(0, -'.vectors.json'.length));
if (!names.length) throw new Error(`no *.vectors.json in ${vectorsDir}`);

// The exports, two at a time (each builds and proves every period's tree).
const run = promisify(execFile);
const exported = new Map();
{
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      const [ruleset, options] = source(name);
      const out = path.join(outDir, `${name}.dmn`);
      try {
        await run(binary, ['export', '--format', 'dmn', '--all-periods', ...options, '-o', out, ruleset],
          { env: { ...process.env, WEGWIJZER_CACHE: 'off' }, maxBuffer: 1 << 26 });
        exported.set(name, null);
      } catch (e) {
        exported.set(name, `export --format dmn failed (exit ${e.code}): ${e.stderr}`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
}

for (const name of names) {
  const vectors = JSON.parse(fs.readFileSync(path.join(vectorsDir, `${name}.vectors.json`), 'utf8'));
  const out = path.join(outDir, `${name}.dmn`);
  if (exported.get(name)) {
    failures.push(`${name}: ${exported.get(name)}`);
    continue;
  }
  const xml = fs.readFileSync(out, 'utf8');
  bytes += xml.length;
  files++;
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema, out], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    failures.push(`${name}: not valid DMN 1.3: ${e.stderr}`);
    continue;
  }
  const { rootElement, warnings } = await moddle.fromXML(xml, 'dmn:Definitions');
  if (warnings.length) {
    failures.push(`${name}: dmn-moddle warns: ${warnings.map((w) => w.message).join('; ')}`);
    continue;
  }
  const decision = rootElement.drgElement.find((e) => e.$type === 'dmn:Decision');
  const table = decision.decisionLogic;
  assert.equal(table.hitPolicy, 'UNIQUE', name);
  const inputs = table.input.map((i) => i.inputExpression.text);
  const outputs = table.output.map((o) => o.name);
  const rows = table.rule.map((r) => ({
    id: r.id,
    entries: r.inputEntry.map((e) => e.text),
    outputs: r.outputEntry.map((e) => e.text),
  }));
  rules += rows.length;
  const history = vectors.export;
  const rs = history.ruleset.id;
  const types = new Map();
  for (const p of history.periods) for (const q of p.questions) types.set(q.id, q.type);
  const main = history.periods[0].decision;
  const decisions = outputs.slice(0, outputs.length - 3);
  // A history of dated rules has the date input first; rules that name no date have none.
  const dated = history.periods.some((p) => p.date.period.from || p.date.period.until);
  assert.equal(inputs[0] === 'peildatum', dated, `${name}: the date input`);
  assert.equal(decisions[0], main, `${name}: the main decision's outcome comes first`);

  // Rules grouped by their first entry (the period's dates, in a dated history): a case is
  // tried on the groups whose first entry it meets.
  const groups = new Map();
  for (const row of rows) {
    if (!groups.has(row.entries[0])) groups.set(row.entries[0], []);
    groups.get(row.entries[0]).push(row);
  }
  const rowsFor = (context) => {
    const values = inputs.map((i) => context[i] ?? null);
    const keys = values.map(keyOf);
    const hit = [];
    for (const [first, group] of groups) {
      if (!matches(first, values[0], keys[0])) continue;
      for (const row of group)
        if (row.entries.every((text, i) => i === 0 || matches(text, values[i], keys[i]))) hit.push(row);
    }
    return hit;
  };

  vectors.periods.forEach((set, k) => {
    const from = history.periods[k].date.period.from;
    for (const c of set.cases) {
      // Old answers as given: the table takes them as the answers that replace them.
      const answers = { ...c.answers };
      const context = {};
      for (const input of inputs) context[input] = null;
      for (const [q, a] of Object.entries(answers))
        context[q] = types.get(q) === 'yes/no' ? a === 'yes' : a;
      for (const date of set.dates) {
        if (dated) context.peildatum = feelDate(date);
        evaluations++;
        const hit = rowsFor(context);
        const where = `${name} ${date} ${JSON.stringify(answers)}`;
        if (hit.length !== 1) {
          failures.push(`${where}: ${hit.length} rules match (${hit.map((h) => h.id).join(', ')})`);
          continue;
        }
        const got = Object.fromEntries(hit[0].outputs.map((text, i) => [outputs[i], evaluate(text)]));
        const e = c.expect;
        const want = {};
        for (const d of decisions) want[d] = e.decisions[d] ?? null;
        want[outputs.at(-3)] = e.obligations;
        want[outputs.at(-2)] = e.citations.map(citationText);
        want[outputs.at(-1)] = ruleIds(rs, from, e.rules);
        try {
          assert.deepStrictEqual(got, want);
        } catch (err) {
          failures.push(`${where}: rule ${hit[0].id} gives ${JSON.stringify(got)}, the evaluator ${JSON.stringify(want)}`);
        }
      }
    }
  });
  // Before the first period the rules say nothing: no rule may answer.
  const before = new Date(`${history.span.from}T00:00:00Z`);
  before.setUTCDate(before.getUTCDate() - 1);
  const first = vectors.periods[0].cases[0];
  if (first && history.span.from) {
    const context = { peildatum: feelDate(before.toISOString().slice(0, 10)) };
    for (const input of inputs) if (input !== 'peildatum') context[input] = null;
    for (const [q, a] of Object.entries(first.answers)) context[q] = types.get(q) === 'yes/no' ? a === 'yes' : a;
    if (rowsFor(context).length) failures.push(`${name}: a rule answers before ${history.span.from}`);
  }
  if (failures.length > 20) break;
}

for (const f of failures.slice(0, 20)) console.error(`FAILED ${f}`);
if (failures.length || !files) {
  console.error(`${failures.length}${failures.length > 20 ? '+' : ''} failures in ${files} DMN files`);
  process.exit(1);
}
console.log(`${files} DMN files (${(bytes / 1e6).toFixed(1)} MB, ${rules} rules): valid DMN 1.3, ` +
  `read by dmn-moddle; ${evaluations} evaluations by feelin, each matching exactly one rule ` +
  `with the evaluator's result`);
