// Replays every conformance vector (tests/conformance) through the package: for every
// ruleset, period, date and case, evaluate() must give exactly what wegwijzer's evaluator
// gave, next() must ask the tree's questions in order, and answers that are not answers must be
// refused in explain's words. No known failures.
//
//   WW_VECTORS=DIR node --test test/     (default DIR: ../../build/tests/conformance/vectors)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, evaluate, next, WegwijzerError } from '../dist/esm/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.env.WW_VECTORS || path.join(here, '..', '..', '..', 'build', 'tests', 'conformance', 'vectors'));

function vectorFiles() {
  if (!fs.existsSync(dir))
    throw new Error(`no vectors in ${dir}: generate them with \`ctest --test-dir build -R conformance\` ` +
      '(tests/conformance/README.md), or set WW_VECTORS');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.vectors.json')).sort();
  if (!files.length) throw new Error(`no *.vectors.json in ${dir}`);
  return files;
}

// What a result shows, in the vectors' terms.
function shown(r) {
  const decisions = {};
  for (const d of r.decisions) decisions[d.id] = d.outcome ? d.outcome.id : null;
  return {
    outcome: r.outcome ? r.outcome.id : null,
    decisions,
    obligations: r.obligations.map((o) => o.id),
    rules: [...r.rules],
    exceptions: r.exceptions.map((e) => ({ rule: e.rule, over: e.over })),
    citations: r.citations.map((c) => ({ locator: c.locator, source: c.source, title: c.title })),
  };
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

test('every vector of every ruleset, period and date', () => {
  let cases = 0, evaluations = 0, nexts = 0, paths = 0, trees = 0, refusals = 0;
  const failures = [];
  let elapsed = 0n;
  for (const file of vectorFiles()) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    assert.equal(doc.format, 'wegwijzer-vectors/1', file);
    const tree = load(doc.export);
    // The compact export (`export --compact`) stands for exactly the same trees.
    assert.deepStrictEqual(load(doc.compact).periods, tree.periods, `${file}: compact export`);
    assert.equal(tree.periods.length, doc.periods.length, `${file}: one vector set per period`);
    doc.periods.forEach((set, k) => {
      trees++;
      paths += set.paths;
      for (const c of set.cases) {
        cases++;
        for (const asOf of set.dates) {
          const where = `${file} period ${k + 1} ${asOf} path ${c.path} ${JSON.stringify(c.answers)}`;
          const t0 = process.hrtime.bigint();
          let r;
          try {
            r = evaluate(tree, c.answers, { asOf });
          } catch (e) {
            failures.push(`${where}: ${e.message}`);
            continue;
          }
          elapsed += process.hrtime.bigint() - t0;
          evaluations++;
          const got = {
            index: r.date.index, status: r.status, asked: r.asked.map((a) => a.question),
            redirects: r.redirects.map((x) => ({ question: x.question, given: x.given, answer: x.answer, note: x.note })),
            ...shown(r),
          };
          const want = { index: k, status: 'decided', asked: c.asked, redirects: c.redirects, ...c.expect };
          try {
            assert.deepStrictEqual(sortKeys(got), sortKeys(want));
          } catch {
            failures.push(`${where}: got ${JSON.stringify(sortKeys(got))}, want ${JSON.stringify(sortKeys(want))}`);
          }
        }
        // next() asks the path's questions in order, offering the answer given.
        const partial = {};
        for (let i = 0; i <= c.asked.length; i++) {
          const q = next(tree, partial, { asOf: set.dates[0] });
          nexts++;
          if (i === c.asked.length) {
            if (q !== null) failures.push(`${file} path ${c.path}: next() asks ${q.id} after the last answer`);
            break;
          }
          if (!q || q.id !== c.asked[i]) {
            failures.push(`${file} path ${c.path}: next() gives ${q && q.id}, the tree asks ${c.asked[i]}`);
            break;
          }
          const given = c.answers[q.id];
          const redirect = c.redirects.find((x) => x.question === q.id);
          const offered = q.type === 'number'
            ? q.ranges.some(([lo, hi]) => lo <= given && given <= hi)
            : q.answers.some((a) => a.id === (redirect ? redirect.answer : given));
          if (!offered) failures.push(`${file} path ${c.path}: next() does not offer ${given} for ${q.id}`);
          partial[q.id] = given;
        }
      }
      // Answers to refuse, with explain's words.
      for (const r of set.refusals) {
        refusals++;
        const where = `${file} period ${k + 1} refusal ${r.question} = ${JSON.stringify(r.answers[r.question])}`;
        try {
          evaluate(tree, r.answers, { asOf: set.dates[0] });
          failures.push(`${where}: accepted`);
        } catch (e) {
          if (!(e instanceof WegwijzerError) || e.kind !== 'answer' || e.question !== r.question || e.message !== r.message)
            failures.push(`${where}: ${e.kind} ${e.question} ${e.message}, want ${r.message}`);
        }
      }
    });
  }
  const ms = Number(elapsed) / 1e6;
  console.log(`vectors: ${vectorFiles().length} files, ${trees} trees, ${paths} paths, ${cases} cases, ` +
    `${evaluations} evaluations in ${ms.toFixed(1)} ms (${(1000 * ms / Math.max(1, evaluations)).toFixed(2)} µs each), ` +
    `${nexts} next() calls, ${refusals} refusals, ${failures.length} failures`);
  assert.ok(cases > 0, 'no cases');
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} vectors fail`);
});
