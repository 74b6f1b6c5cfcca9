// Every snippet, expanded with its defaults, is read by wegwijzer's own parser without a syntax
// or date error (`wegwijzer dump ast`; names the snippet makes up are not the point here), and
// the waiver snippet is a valid waivers file (`wegwijzer check`: no E0901). Needs WEGWIJZER.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionDir } from './textmate.mjs';
import { expandSnippet } from './snippet.mjs';

const binary = process.env.WEGWIJZER;
const skip = binary ? false : 'set WEGWIJZER to the wegwijzer binary';
const snippets = JSON.parse(readFileSync(join(extensionDir, 'snippets', 'wegwijzer.json'), 'utf8'));

function run(args, cwd) {
  const r = spawnSync(binary, args, { cwd, encoding: 'utf8', env: { ...process.env, WEGWIJZER_CACHE: 'off' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

for (const [name, s] of Object.entries(snippets)) {
  test(`snippet “${name}” parses`, { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ww-snippet-'));
    try {
      const body = expandSnippet(s.body);
      // An outcome is written inside a decision.
      const placed = /^outcome /.test(body) ? `decision d "D" {\n${body}\n}` : body;
      // A snippet with Dutch keywords (its name ends in `(nl)`) goes in a file with Dutch ones.
      const dutch = / \(nl\)$/.test(name);
      writeFileSync(join(dir, 'snippet.ww'), `${dutch ? 'regelset' : 'ruleset'} snippet "Snippet"\n\n${placed}\n`);
      const r = run(['dump', 'ast', '--color', 'never', 'snippet.ww'], dir);
      assert.doesNotMatch(r.out, /error\[E0[07][0-9]{2}\]/, `no syntax or date error:\n${body}\n${r.out}`);
      assert.ok(r.status === 0 || r.status === 1, `dump ran (status ${r.status}): ${r.out}`);
      const first = body.trim().split(/\s+/)[0];
      // The dump names the declaration in English.
      const keyword = dutch ? { regel: 'rule', vraag: 'question', test: 'test' }[first] : first;
      assert.match(r.out, new RegExp(`^\\s*${keyword} `, "m"), `the dump has the ${keyword}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the waiver snippet is a valid waivers file', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ww-snippet-'));
  try {
    const waivers = JSON.parse(readFileSync(join(extensionDir, 'snippets', 'waivers.json'), 'utf8'));
    const body = expandSnippet(Object.values(waivers)[0].body);
    writeFileSync(join(dir, 'w.ww'), 'ruleset w "W"\n');
    writeFileSync(join(dir, 'w.waivers'), body + '\n');
    const r = run(['check', '--color', 'never', 'w.ww'], dir);
    assert.doesNotMatch(r.out, /E0901/, `${body}\n${r.out}`);
    assert.match(r.out, /W0000:ruleset:onderwerp|waiver/i, 'the waiver was read');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
