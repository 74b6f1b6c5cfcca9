// Loads the extension's TextMate grammars with vscode-textmate and vscode-oniguruma (the
// engine VS Code itself uses) and tokenises text into per-character scopes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

export const extensionDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(extensionDir, '..', '..');

const grammarFiles = {
  'source.wegwijzer': join(extensionDir, 'syntaxes', 'wegwijzer.tmLanguage.json'),
  'source.wegwijzer-waivers': join(extensionDir, 'syntaxes', 'wegwijzer-waivers.tmLanguage.json'),
};

let registry;

async function getRegistry() {
  if (registry) {
    return registry;
  }
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = grammarFiles[scopeName];
      if (!file) {
        return null;
      }
      return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
  });
  return registry;
}

export async function loadGrammar(scopeName = 'source.wegwijzer') {
  const grammar = await (await getRegistry()).loadGrammar(scopeName);
  if (!grammar) {
    throw new Error(`grammar ${scopeName} did not load`);
  }
  return grammar;
}

/**
 * Tokenises a whole text. Returns { lines, tokens, endState, initial }: lines[i] is the text of
 * line i, tokens[i] the grammar's tokens on it ({ start, end, text, scopes }).
 */
export function tokenize(grammar, text) {
  const lines = text.split(/\r?\n/);
  const tokens = [];
  let state = vsctm.INITIAL;
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, state);
    tokens.push(
      result.tokens.map((t) => ({
        start: t.startIndex,
        end: Math.min(t.endIndex, line.length),
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      })),
    );
    state = result.ruleStack;
  }
  // The state at the start of a line outside any block (INITIAL itself holds no grammar yet).
  const initial = grammar.tokenizeLine('', vsctm.INITIAL).ruleStack;
  return { lines, tokens, endState: state, initial };
}

/** The scopes of the character at (line, column), both from 0. */
export function scopesAt(tokenized, line, column) {
  for (const t of tokenized.tokens[line]) {
    if (column >= t.start && column < t.end) {
      return t.scopes;
    }
  }
  return [];
}
