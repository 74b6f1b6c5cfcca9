// The TextMate grammars tokenised with vscode-textmate + vscode-oniguruma:
// - a small sample (test/fixtures/sample.ww) against the scopes written out below;
// - every shipped ruleset against an independent lexer built from the language's own lexer
//   rules (dsl/Wegwijzer.g4: its keywords are read from that file), so that a keyword added
//   to the language and missing from the grammar fails here;
// - the waivers sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extensionDir, loadGrammar, repoRoot, scopesAt, tokenize } from './textmate.mjs';

const fixture = (name) => readFileSync(join(extensionDir, 'test', 'fixtures', name), 'utf8');
const last = (scopes) => scopes[scopes.length - 1];

/** Finds the n-th occurrence of `text` on line `line` (1-based) and returns its scopes, after
 *  checking that the grammar gave every character of it the same scopes. */
function scopesOf(tok, line, text, n = 0) {
  const src = tok.lines[line - 1];
  assert.ok(src !== undefined, `line ${line} exists`);
  // A word is found as a whole word (`of` is not found in `professional`).
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(/^\w+$/.test(text) ? `(?<![A-Za-z_0-9])${escaped}(?![A-Za-z_0-9])` : escaped, 'g');
  const found = [...src.matchAll(re)];
  assert.ok(found.length > n, `\`${text}\` (occurrence ${n + 1}) on line ${line}: ${src}`);
  const at = found[n].index;
  const first = scopesAt(tok, line - 1, at);
  for (let c = at; c < at + text.length; c++) {
    assert.deepEqual(scopesAt(tok, line - 1, c), first, `\`${text}\` on line ${line} is one token`);
  }
  return first;
}

// [line, text, the innermost scope expected, occurrence (default the first)]
const sampleExpectations = [
  [1, '//', 'punctuation.definition.comment.wegwijzer'],
  [1, ' A small ruleset', 'comment.line.double-slash.wegwijzer'],
  [2, 'A block comment', 'comment.block.wegwijzer'],
  [3, 'over two lines. ', 'comment.block.wegwijzer'],
  [3, '*/', 'punctuation.definition.comment.end.wegwijzer'],
  [4, 'ruleset', 'storage.type.wegwijzer'],
  [4, 'voorbeeld', 'entity.name.namespace.wegwijzer'],
  [4, 'Voorbeeld ', 'string.quoted.double.wegwijzer'],
  [4, '\\"', 'constant.character.escape.wegwijzer'],
  [4, ' aanhalingstekens', 'string.quoted.double.wegwijzer'],
  [4, 'extends', 'storage.modifier.wegwijzer'],
  [4, 'kader', 'entity.other.inherited-class.wegwijzer'],
  [4, 'valid', 'keyword.other.wegwijzer'],
  [4, 'from', 'keyword.other.wegwijzer'],
  [4, '2009-01-01', 'constant.numeric.date.wegwijzer'],
  [6, 'source', 'storage.type.wegwijzer'],
  [6, 'wjz', 'entity.name.constant.source.wegwijzer'],
  [6, 'until', 'keyword.other.wegwijzer'],
  [7, 'politieambtenaar', 'entity.name.type.parameter.wegwijzer'],
  [7, 'yes/no', 'support.type.yes-no.wegwijzer'],
  [8, 'set', 'storage.type.wegwijzer'],
  [8, 'politieambtenaar', 'variable.other.parameter.wegwijzer'],
  [8, '=', 'keyword.operator.assignment.wegwijzer'],
  [8, 'no', 'constant.language.wegwijzer'],
  [8, 'cite', 'keyword.other.wegwijzer'],
  [8, 'wjz', 'variable.other.wegwijzer'],
  [10, 'ontvanger', 'entity.name.type.question.wegwijzer'],
  [10, 'one', 'keyword.other.wegwijzer'],
  [10, 'of', 'keyword.other.wegwijzer'],
  [10, '{', 'punctuation.section.block.begin.wegwijzer'],
  [11, 'amk', 'entity.name.constant.answer.wegwijzer'],
  [11, 'Het AMK', 'string.quoted.double.wegwijzer'],
  [11, 'valid', 'keyword.other.wegwijzer'],
  [11, '2015-01-01', 'constant.numeric.date.wegwijzer'],
  [12, 'veilig_thuis', 'entity.name.constant.answer.wegwijzer'],
  [12, 'replaces', 'keyword.other.wegwijzer'],
  [12, 'amk', 'variable.other.answer.wegwijzer'],
  [12, ',', 'punctuation.separator.comma.wegwijzer'],
  [12, 'steunpunt', 'variable.other.answer.wegwijzer'],
  [12, 'Samen', 'string.quoted.double.wegwijzer'],
  [13, '}', 'punctuation.section.block.end.wegwijzer'],
  [13, 'valid', 'keyword.other.wegwijzer'],
  [14, 'asked', 'keyword.control.wegwijzer'],
  [14, 'when', 'keyword.control.wegwijzer'],
  [14, 'not', 'keyword.operator.logical.wegwijzer'],
  [14, 'politieambtenaar', 'variable.other.wegwijzer'],
  [15, 'help', 'keyword.other.wegwijzer'],
  [15, 'Kies er één.', 'string.quoted.double.wegwijzer'],
  [16, 'leeftijd', 'entity.name.type.question.wegwijzer'],
  [16, '-1', 'constant.numeric.integer.wegwijzer'],
  [16, '..', 'keyword.operator.range.wegwijzer'],
  [16, '17', 'constant.numeric.integer.wegwijzer'],
  [18, 'override', 'storage.modifier.wegwijzer'],
  [18, 'define', 'storage.type.wegwijzer'],
  [18, 'kind', 'entity.name.function.define.wegwijzer'],
  [18, '=', 'keyword.operator.assignment.wegwijzer'],
  [19, '<', 'keyword.operator.comparison.wegwijzer'],
  [19, '18', 'constant.numeric.integer.wegwijzer'],
  [19, 'and', 'keyword.operator.logical.wegwijzer'],
  [19, '(', 'punctuation.section.parens.begin.wegwijzer'],
  [19, '==', 'keyword.operator.comparison.wegwijzer'],
  [19, 'or', 'keyword.operator.logical.wegwijzer'],
  [19, 'in', 'keyword.operator.logical.wegwijzer'],
  [19, '{', 'punctuation.section.block.begin.wegwijzer'],
  [19, 'veilig_thuis', 'variable.other.wegwijzer'],
  [20, 'vastleggen', 'entity.name.constant.obligation.wegwijzer'],
  [21, 'vrijwillig', 'entity.name.constant.flag.wegwijzer'],
  [23, 'extend', 'storage.modifier.wegwijzer'],
  [23, 'decision', 'storage.type.wegwijzer'],
  [23, 'delen', 'entity.name.type.decision.wegwijzer'],
  [24, 'outcome', 'storage.type.wegwijzer'],
  [24, 'meldrecht', 'entity.name.constant.outcome.wegwijzer'],
  [24, 'discloses', 'keyword.other.wegwijzer'],
  [24, 'without', 'keyword.other.wegwijzer'],
  [24, 'consent', 'keyword.other.wegwijzer'],
  [24, 'is', 'keyword.other.wegwijzer'],
  [24, 'vrijwillig', 'variable.other.wegwijzer'],
  [25, 'obliges', 'keyword.other.wegwijzer'],
  [26, '}', 'punctuation.section.block.end.wegwijzer'],
  [28, 'rule', 'storage.type.wegwijzer'],
  [28, 'melden', 'entity.name.function.rule.wegwijzer'],
  [28, 'exception', 'keyword.control.wegwijzer'],
  [28, 'to', 'keyword.control.wegwijzer'],
  [28, 'andere', 'variable.other.wegwijzer'],
  [28, 'implies', 'keyword.operator.logical.wegwijzer'],
  [28, 'true', 'constant.language.wegwijzer'],
  [28, 'then', 'keyword.control.wegwijzer'],
  [28, 'meldrecht', 'variable.other.wegwijzer'],
  [29, '2015-1-1', 'invalid.illegal.date.wegwijzer'],
  [30, 'assume', 'storage.type.wegwijzer'],
  [30, ':', 'punctuation.separator.colon.wegwijzer'],
  [30, '!=', 'keyword.operator.comparison.wegwijzer'],
  [30, '>=', 'keyword.operator.comparison.wegwijzer'],
  [30, '0', 'constant.numeric.integer.wegwijzer'],
  [31, 'property', 'storage.type.wegwijzer'],
  [31, 'onafhankelijk', 'entity.name.function.property.wegwijzer'],
  [32, 'does', 'keyword.other.wegwijzer'],
  [32, 'depend', 'keyword.other.wegwijzer'],
  [32, 'on', 'keyword.other.wegwijzer'],
  [32, 'where', 'keyword.control.wegwijzer'],
  [33, 'property', 'storage.type.wegwijzer'],
  [33, 'Melden legt vast', 'string.quoted.double.wegwijzer'],
  [35, 'test', 'storage.type.wegwijzer'],
  [35, 'as', 'keyword.other.wegwijzer'],
  [35, 'of', 'keyword.other.wegwijzer'],
  [35, '2010-06-01', 'constant.numeric.date.wegwijzer'],
  [36, 'given', 'keyword.control.wegwijzer'],
  [36, 'ontvanger', 'variable.other.wegwijzer'],
  [36, '8', 'constant.numeric.integer.wegwijzer'],
  [37, 'expect', 'keyword.control.wegwijzer'],
  [37, 'meldrecht', 'variable.other.wegwijzer'],
];

test('the sample ruleset has the expected scopes', async () => {
  const grammar = await loadGrammar();
  const tok = tokenize(grammar, fixture('sample.ww'));
  for (const [line, text, scope, n] of sampleExpectations) {
    const scopes = scopesOf(tok, line, text, n ?? 0);
    assert.equal(last(scopes), scope, `line ${line}, \`${text}\`: ${scopes.join(' ')}`);
    assert.equal(scopes[0], 'source.wegwijzer');
  }
  assert.ok(tok.endState.equals(tok.initial), 'no block is left open at the end of the sample');
});

test('a string ends with its line, as the lexer says', async () => {
  const grammar = await loadGrammar();
  const tok = tokenize(grammar, 'source a "not closed\nrule b when c then d\n');
  assert.equal(last(scopesOf(tok, 1, 'not closed')), 'string.quoted.double.wegwijzer');
  assert.equal(last(scopesOf(tok, 2, 'rule')), 'storage.type.wegwijzer');
  assert.equal(last(scopesOf(tok, 2, 'b')), 'entity.name.function.rule.wegwijzer');
});

test('keywords are whole words: names that contain them are names', async () => {
  const grammar = await loadGrammar();
  const tok = tokenize(grammar, 'rule set_when when not_in == in_orde then isnot\n');
  assert.equal(last(scopesOf(tok, 1, 'set_when')), 'entity.name.function.rule.wegwijzer');
  assert.equal(last(scopesOf(tok, 1, 'not_in')), 'variable.other.wegwijzer');
  assert.equal(last(scopesOf(tok, 1, 'in_orde')), 'variable.other.wegwijzer');
  assert.equal(last(scopesOf(tok, 1, 'isnot')), 'variable.other.wegwijzer');
});

// ---- the shipped rulesets against the language's lexer -----------------------------------

/** The keywords of the language: every lexer rule of dsl/Wegwijzer.g4 that is one word. */
function languageKeywords() {
  const g4 = readFileSync(join(repoRoot, 'dsl', 'Wegwijzer.g4'), 'utf8');
  const words = new Set();
  for (const m of g4.matchAll(/^[A-Z_]+\s*:\s*'([a-z/]+)'\s*;/gm)) {
    words.add(m[1]);
  }
  return words;
}

/** The tokens of dsl/Wegwijzer.g4's lexer (longest match; a keyword before a name). */
function lex(text, keywords) {
  const rules = [
    ['comment', /\/\/[^\r\n]*/y],
    ['comment', /\/\*[\s\S]*?\*\//y],
    ['string', /"(?:[^"\\\r\n]|\\.)*"/y],
    ['date', /[0-9]+-[0-9]+-[0-9]+/y],
    ['int', /[0-9]+/y],
    ['word', /yes\/no|[A-Za-z_][A-Za-z_0-9]*/y],
    ['punct', /\.\.|==|!=|<=|>=|[<>={}(),:-]/y],
    ['space', /[ \t\r\n\f\u00A0\uFEFF]+/y],
  ];
  const out = [];
  let pos = 0;
  while (pos < text.length) {
    let best;
    for (const [kind, re] of rules) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (m && (!best || m[0].length > best.text.length)) {
        best = { kind, text: m[0], start: pos };
      }
    }
    if (!best) {
      best = { kind: 'unknown', text: text[pos], start: pos };
    }
    if (best.kind === 'word') {
      best.kind = keywords.has(best.text) ? 'keyword' : 'name';
    }
    if (best.kind !== 'space') {
      out.push(best);
    }
    pos += best.text.length;
  }
  return out;
}

const expectedByKind = {
  comment: /^(comment\.|punctuation\.definition\.comment\.)/,
  string: /^(string\.quoted\.double|punctuation\.definition\.string|constant\.character\.escape)\./,
  date: /^constant\.numeric\.date\./,
  int: /^constant\.numeric\.integer\./,
  keyword: /^(storage\.type|storage\.modifier|keyword\.|constant\.language\.|support\.type\.)/,
  name: /^(entity\.name\.|entity\.other\.|variable\.other\.)/,
  punct: /^(punctuation\.|keyword\.operator\.|constant\.numeric\.integer\.)/,
};

const declaring = {
  module: 'entity.name.namespace.wegwijzer',
  ruleset: 'entity.name.namespace.wegwijzer',
  extends: 'entity.other.inherited-class.wegwijzer',
  question: 'entity.name.type.question.wegwijzer',
  parameter: 'entity.name.type.parameter.wegwijzer',
  decision: 'entity.name.type.decision.wegwijzer',
  rule: 'entity.name.function.rule.wegwijzer',
  define: 'entity.name.function.define.wegwijzer',
  property: 'entity.name.function.property.wegwijzer',
  outcome: 'entity.name.constant.outcome.wegwijzer',
  obligation: 'entity.name.constant.obligation.wegwijzer',
  flag: 'entity.name.constant.flag.wegwijzer',
  source: 'entity.name.constant.source.wegwijzer',
  set: 'variable.other.parameter.wegwijzer',
};

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      starts.push(i + 1);
    }
  }
  return starts;
}

function position(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return { line: lo, column: offset - starts[lo] };
}

const rulesetFiles = readdirSync(join(repoRoot, 'rulesets')).filter((f) => f.endsWith('.ww')).sort();

test('the language has the keywords the grammar highlights', () => {
  const keywords = languageKeywords();
  assert.ok(keywords.size >= 50, `${keywords.size} keywords read from dsl/Wegwijzer.g4`);
  const grammarText = readFileSync(join(extensionDir, 'syntaxes', 'wegwijzer.tmLanguage.json'), 'utf8');
  for (const word of keywords) {
    if (word === 'yes/no') {
      continue;
    }
    assert.match(grammarText, new RegExp(`[|(]${word}[|)]`), `keyword \`${word}\` is in the grammar`);
  }
});

for (const file of rulesetFiles) {
  test(`rulesets/${file}: every token has the scope of its kind in the language's lexer`, async () => {
    const grammar = await loadGrammar();
    const keywords = languageKeywords();
    const text = readFileSync(join(repoRoot, 'rulesets', file), 'utf8');
    const tok = tokenize(grammar, text);
    const starts = lineStarts(text);
    const lexed = lex(text, keywords);
    let checked = 0;
    let declarations = 0;
    let answers = 0;
    let depth = 0; // inside `one of { ... }`: the answers are declared there
    const problems = [];
    for (let i = 0; i < lexed.length; i++) {
      const t = lexed[i];
      assert.notEqual(t.kind, 'unknown', `${file}: the lexer knows every character (${JSON.stringify(t.text)})`);
      // Every character of the token, on each of its lines.
      for (let k = 0; k < t.text.length; k++) {
        if (t.text[k] === '\n' || t.text[k] === '\r') {
          continue;
        }
        const { line, column } = position(starts, t.start + k);
        const scopes = scopesAt(tok, line, column);
        const inner = last(scopes) ?? '(none)';
        if (!expectedByKind[t.kind].test(inner) || inner.startsWith('invalid.')) {
          problems.push(`${file}:${line + 1}:${column + 1}: ${t.kind} ${JSON.stringify(t.text)} has ${inner}`);
          break;
        }
      }
      checked++;
      // A declared name has its declaration's scope.
      let next;
      for (let j = i + 1; j < lexed.length; j++) {
        if (lexed[j].kind !== 'comment') {
          next = lexed[j];
          break;
        }
      }
      if (t.kind === 'keyword' && declaring[t.text] && next && next.kind === 'name') {
        const p = position(starts, next.start);
        const inner = last(scopesAt(tok, p.line, p.column));
        if (inner !== declaring[t.text]) {
          problems.push(`${file}:${p.line + 1}:${p.column + 1}: \`${t.text} ${next.text}\`: the name has ${inner}`);
        }
        declarations++;
      }
      // The answers of a question: the names that start an entry of `one of { ... }`.
      if (t.kind === 'keyword' && t.text === 'of' && lexed[i - 1]?.text === 'one') {
        depth = 1;
        continue;
      }
      if (depth > 0 && t.kind === 'punct' && t.text === '}') {
        depth = 0;
      }
      if (depth > 0 && t.kind === 'name') {
        const before = lexed[i - 1];
        const isAnswer = before.text === '{' || before.kind === 'string' || before.kind === 'date' || before.kind === 'name';
        let j = i - 1;
        while (j >= 0 && (lexed[j].kind === 'name' || lexed[j].text === ',')) {
          j--;
        }
        const inReplaces = j >= 0 && lexed[j].text === 'replaces';
        if (isAnswer && !inReplaces) {
          const p = position(starts, t.start);
          const inner = last(scopesAt(tok, p.line, p.column));
          if (inner !== 'entity.name.constant.answer.wegwijzer') {
            problems.push(`${file}:${p.line + 1}:${p.column + 1}: answer \`${t.text}\` has ${inner}`);
          }
          answers++;
        }
      }
    }
    assert.deepEqual(problems.slice(0, 10), [], `${problems.length} tokens with the wrong scope`);
    assert.ok(checked > 100, `${checked} tokens checked`);
    assert.ok(declarations > 0, `${declarations} declared names checked`);
    assert.ok(tok.endState.equals(tok.initial), `${file}: no block is left open at the end`);
    if (file === 'basis.ww') {
      assert.ok(answers > 20, `${answers} answers checked in basis.ww`);
    }
  });
}

test('the waivers sample has the expected scopes', async () => {
  const grammar = await loadGrammar('source.wegwijzer-waivers');
  const tok = tokenize(grammar, fixture('sample.waivers'));
  const expectations = [
    [1, ' sample.waivers', 'comment.line.double-slash.wegwijzer'],
    [2, 'waive', 'keyword.other.waive.wegwijzer'],
    [2, 'W0509', 'constant.other.finding-code.wegwijzer'],
    [2, ':huisarts:wgbo_vanaf_16', 'string.quoted.double.wegwijzer'],
    [3, 'because', 'keyword.other.wegwijzer'],
    [3, '\\"', 'constant.character.escape.wegwijzer'],
    [4, 'by', 'keyword.other.wegwijzer'],
    [4, 'M. de Vries', 'string.quoted.double.wegwijzer'],
    [5, 'until', 'keyword.other.wegwijzer'],
    [5, '2027-01-01', 'constant.numeric.date.wegwijzer'],
  ];
  for (const [line, text, scope] of expectations) {
    const scopes = scopesOf(tok, line, text);
    assert.equal(last(scopes), scope, `line ${line}, \`${text}\`: ${scopes.join(' ')}`);
  }
});

// ---- Dutch keywords (docs/language.md#dutch-keywords) --------------------------------------

/** The Dutch keywords of the language, read from the one table the parser uses. */
function dutchKeywords() {
  const table = readFileSync(join(repoRoot, 'compiler', 'parse', 'keywords.cpp'), 'utf8');
  const out = new Set();
  for (const m of table.matchAll(/\{L::[A-Z]+, "([a-z/ ]+)"\}/g)) {
    out.add(m[1]);
  }
  return out;
}

test('the grammar highlights every Dutch keyword of the language', () => {
  const keywords = dutchKeywords();
  assert.ok(keywords.size >= 45, `${keywords.size} Dutch keywords read from compiler/parse/keywords.cpp`);
  const grammar = JSON.parse(readFileSync(join(extensionDir, 'syntaxes', 'wegwijzer.tmLanguage.json'), 'utf8'));
  const nl = JSON.stringify(grammar.repository['nl-keywords']) + JSON.stringify(grammar.repository['nl-answer-type']);
  for (const word of keywords) {
    const spelled = word.split(' ').join('\\\\s+').replace('/', '/');
    assert.ok(nl.includes(spelled), `Dutch keyword \`${word}\` is in the grammar's nl-keywords`);
  }
});

test('the Dutch sample has the expected scopes', async () => {
  const grammar = await loadGrammar();
  const tok = tokenize(grammar, fixture('sample-nl.ww'));
  const expectations = [
    [4, 'regelset', 'storage.type.wegwijzer'],
    [4, 'voorbeeld', 'entity.name.namespace.wegwijzer'],
    [4, 'bouwt voort op', 'storage.modifier.wegwijzer'],
    [4, 'kader', 'entity.other.inherited-class.wegwijzer'],
    [4, 'geldig vanaf', 'keyword.other.wegwijzer'],
    [7, 'politieambtenaar', 'entity.name.type.parameter.wegwijzer'],
    [7, 'ja/nee', 'support.type.yes-no.wegwijzer'],
    [8, 'vul in', 'storage.type.wegwijzer'],
    [8, 'politieambtenaar', 'variable.other.parameter.wegwijzer'],
    [8, 'nee', 'constant.language.wegwijzer'],
    [8, 'verwijst naar', 'keyword.other.wegwijzer'],
    [10, 'ontvanger', 'entity.name.type.question.wegwijzer'],
    [10, 'een', 'keyword.other.wegwijzer'],
    [10, 'van', 'keyword.other.wegwijzer'],
    [11, 'amk', 'entity.name.constant.answer.wegwijzer'],
    [12, 'vervangt', 'keyword.other.wegwijzer'],
    [12, 'amk', 'variable.other.answer.wegwijzer'],
    [14, 'gesteld als', 'keyword.control.wegwijzer'],
    [14, 'niet', 'keyword.operator.logical.wegwijzer'],
    [15, 'toelichting', 'keyword.other.wegwijzer'],
  ];
  for (const [line, text, scope] of expectations) {
    const scopes = scopesOf(tok, line, text);
    assert.equal(last(scopes), scope, `line ${line}, \`${text}\`: ${scopes.join(' ')}`);
  }
});

test('one file, one keyword set: the other set\'s words are names', async () => {
  const grammar = await loadGrammar();
  const en = tokenize(grammar, 'ruleset a\nrule regel when als and toestemming then dan\n');
  assert.equal(last(scopesOf(en, 2, 'regel')), 'entity.name.function.rule.wegwijzer');
  assert.equal(last(scopesOf(en, 2, 'als')), 'variable.other.wegwijzer');
  assert.equal(last(scopesOf(en, 2, 'toestemming')), 'variable.other.wegwijzer');
  assert.equal(last(scopesOf(en, 2, 'dan')), 'variable.other.wegwijzer');
  const nl = tokenize(grammar, 'regelset a\nregel rule als when en toestemming dan then\n');
  assert.equal(last(scopesOf(nl, 2, 'regel')), 'storage.type.wegwijzer');
  assert.equal(last(scopesOf(nl, 2, 'rule')), 'entity.name.function.rule.wegwijzer');
  assert.equal(last(scopesOf(nl, 2, 'als')), 'keyword.control.wegwijzer');
  assert.equal(last(scopesOf(nl, 2, 'when')), 'variable.other.wegwijzer');
  assert.equal(last(scopesOf(nl, 2, 'toestemming')), 'variable.other.wegwijzer');
  assert.equal(last(scopesOf(nl, 2, 'then')), 'variable.other.wegwijzer');
});
