import fs from 'node:fs';
import { load, next, evaluate, WegwijzerError } from '@wegwijzer/runtime';

// 1. Load the tree: every period, compact (`wegwijzer export RULESET --all-periods --compact`).
const tree = load(fs.readFileSync('huisarts.json', 'utf8'));

// 2. Ask the questions the tree asks, offering only the answers possible at that point. Here
//    the answers come from a list (one is an id an older version of the app kept: `amk`).
const given = { situatie: 'kindermishandeling', ontvanger: 'amk', doel: 'melden', leeftijd: 9,
  toestemming: 'no', waarom_geen_toestemming: 'geweigerd', af_vermoeden_veiligheid: 'onveilig' };
const asOf = '2026-12-06'; // the day of the professional's decision
const answers = {};
for (let q = next(tree, answers, { asOf }); q; q = next(tree, answers, { asOf })) {
  const offered = q.type === 'number' ? q.ranges.map(([lo, hi]) => `${lo}–${hi}`) : q.answers.map((a) => a.id);
  console.log(`${q.step + 1}. ${q.text} [${offered.join(', ')}] → ${given[q.id]}`);
  answers[q.id] = given[q.id];
}

// 3. Show the answer, with what the professional must do and the sources.
const r = evaluate(tree, answers, { asOf });
for (const x of r.redirects) console.log(`(${x.note})`);
console.log(`Uitkomst: ${r.outcome.text}${r.outcome.flags.length ? ` [${r.outcome.flags.join(', ')}]` : ''}`);
for (const d of r.decisions.slice(1)) if (d.outcome) console.log(`${d.text} ${d.outcome.text}`);
for (const o of r.obligations) console.log(`- [ ] ${o.text}`);
for (const c of r.citations) console.log(`Bron: ${c.title}, ${c.locator}`);
if (!r.verified) console.log('NIET GEVERIFIEERD: geen advies');

// 4. Record the answer with the law it used: the ruleset's version and the period of the rules.
const record = { ruleset: tree.ruleset.id, version: tree.ruleset.version, asOf: r.date.asOf,
  period: r.date.period, answers, outcome: r.outcome.id };
console.log(JSON.stringify(record));

// An answer that is not one says which are.
try {
  evaluate(tree, { ...answers, doel: 'bellen' }, { asOf });
} catch (e) {
  if (!(e instanceof WegwijzerError)) throw e;
  console.log(`${e.kind}: ${e.message}`);
}
