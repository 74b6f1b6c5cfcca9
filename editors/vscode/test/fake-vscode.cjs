// A small stand-in for the `vscode` module: enough of the API for the extension and
// vscode-languageclient to start the real server, open a document, show diagnostics, register
// the server's commands, ask with input boxes and apply workspace edits. Whatever it does not
// implement is a permissive stub. The test (test/extension.test.mjs) scripts the author's
// answers and reads what the editor would show from `fake.recorded`.
'use strict';
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');

function stub() {
  return new Proxy(function () {}, {
    get: (target, prop) => {
      if (prop === 'then') {
        return undefined; // not a promise
      }
      if (prop === Symbol.iterator) {
        return function* () {};
      }
      if (prop === Symbol.toPrimitive) {
        return () => '';
      }
      return prop === 'prototype' ? target.prototype : stub();
    },
    apply: () => stub(),
    construct: () => stub(),
  });
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((i) => i && i.dispose && i.dispose()));
  }
  dispose() {
    if (this.fn) {
      this.fn();
      this.fn = undefined;
    }
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg) => {
      const l = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(l);
      return new Disposable(() => this.listeners.delete(l));
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) {
      l(value);
    }
  }
  dispose() {
    this.listeners.clear();
  }
}

class Uri {
  constructor(scheme, p, query = '', fragment = '', authority = '') {
    this.scheme = scheme;
    this.path = p;
    this.query = query;
    this.fragment = fragment;
    this.authority = authority;
  }
  static file(p) {
    return new Uri('file', p);
  }
  static parse(s) {
    if (s.startsWith('file:')) {
      return new Uri('file', fileURLToPath(s));
    }
    const m = /^([a-zA-Z][\w+.-]*):(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$/.exec(s);
    return m ? new Uri(m[1], m[4], m[6] ?? '', m[8] ?? '', m[3] ?? '') : new Uri('file', s);
  }
  static from(c) {
    return new Uri(c.scheme, c.path ?? '', c.query ?? '', c.fragment ?? '', c.authority ?? '');
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString() {
    if (this.scheme === 'file') {
      return pathToFileURL(this.path).href;
    }
    return `${this.scheme}:${this.authority ? '//' + this.authority : ''}${this.path}${this.query ? '?' + this.query : ''}${this.fragment ? '#' + this.fragment : ''}`;
  }
  toJSON() {
    return this.toString();
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(a, b, c, d) {
    if (typeof a === 'number') {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    } else {
      this.start = a;
      this.end = b;
    }
  }
}
class Location {
  constructor(uri, range) {
    this.uri = uri;
    this.range = range;
  }
}
class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}
class DiagnosticRelatedInformation {
  constructor(location, message) {
    this.location = location;
    this.message = message;
  }
}
class TextEdit {
  constructor(range, newText) {
    this.range = range;
    this.newText = newText;
  }
  static replace(range, newText) {
    return new TextEdit(range, newText);
  }
  static insert(position, newText) {
    return new TextEdit(new Range(position, position), newText);
  }
}
class WorkspaceEdit {
  constructor() {
    this.operations = [];
  }
  createFile(uri, options) {
    this.operations.push({ create: uri.toString(), options });
  }
  set(uri, edits) {
    this.operations.push({ uri: uri.toString(), edits: edits.map((e) => (Array.isArray(e) ? e[0] : e)) });
  }
  replace(uri, range, newText) {
    this.operations.push({ uri: uri.toString(), edits: [new TextEdit(range, newText)] });
  }
  insert(uri, position, newText) {
    this.replace(uri, new Range(position, position), newText);
  }
  get size() {
    return this.operations.length;
  }
}
class MarkdownString {
  constructor(value = '') {
    this.value = value;
  }
  appendMarkdown(v) {
    this.value += v;
    return this;
  }
  appendCodeblock(v) {
    this.value += v;
    return this;
  }
}
class CancellationTokenSource {
  constructor() {
    this.emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose() {}
}
class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other) {
    return other.value === this.value || other.value.startsWith(this.value + '.');
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
}
CodeActionKind.Empty = new CodeActionKind('');
CodeActionKind.QuickFix = new CodeActionKind('quickfix');
CodeActionKind.Refactor = new CodeActionKind('refactor');
CodeActionKind.Source = new CodeActionKind('source');

const recorded = {
  diagnostics: new Map(), // uri string -> Diagnostic[]
  diagnosticEvents: new EventEmitter(),
  inputBoxes: [], // the options of every input box shown
  messages: [], // [kind, text]
  appliedEdits: [], // WorkspaceEdit
  executed: [], // [command, args] through commands.executeCommand
  contentProviders: new Map(),
  outputs: [], // the output channels, each { name, lines }
};
// Scripted: what the author types in input boxes, in order, and which button she clicks.
const answers = { inputBoxes: [], messageItem: () => undefined };
const commands = new Map();
const events = {
  didOpen: new EventEmitter(),
  didChange: new EventEmitter(),
  didClose: new EventEmitter(),
  didSave: new EventEmitter(),
  willSave: new EventEmitter(),
  didChangeConfiguration: new EventEmitter(),
  didChangeWorkspaceFolders: new EventEmitter(),
  activeEditor: new EventEmitter(),
  visibleEditors: new EventEmitter(),
  tabs: new EventEmitter(),
  grantTrust: new EventEmitter(),
};
const settings = { path: 'wegwijzer', includePaths: [], asOf: '', language: 'auto', 'trace.server': 'off' };
const textDocuments = [];

function getConfiguration(section) {
  const prefix = section ? section + '.' : '';
  const lookup = (key) => {
    const full = prefix + key;
    if (full.startsWith('wegwijzer.')) {
      return settings[full.slice('wegwijzer.'.length)];
    }
    return undefined;
  };
  return {
    get: (key, dflt) => {
      const v = lookup(key);
      return v === undefined ? dflt : v;
    },
    has: (key) => lookup(key) !== undefined,
    inspect: (key) => ({ key, globalValue: lookup(key) }),
    update: async () => {},
  };
}

function createDiagnosticCollection(name) {
  const own = new Map();
  return {
    name,
    set(uri, diags) {
      if (Array.isArray(uri)) {
        for (const [u, d] of uri) {
          this.set(u, d);
        }
        return;
      }
      own.set(uri.toString(), diags ?? []);
      recorded.diagnostics.set(uri.toString(), diags ?? []);
      recorded.diagnosticEvents.fire(uri.toString());
    },
    delete(uri) {
      own.delete(uri.toString());
    },
    clear() {
      own.clear();
    },
    get(uri) {
      return own.get(uri.toString());
    },
    has(uri) {
      return own.has(uri.toString());
    },
    forEach(cb) {
      own.forEach((d, u) => cb(Uri.parse(u), d, this));
    },
    dispose() {
      own.clear();
    },
  };
}

/** A text document as VS Code gives it to the client. */
function makeDocument(file, languageId, text, version = 1) {
  let content = text;
  const doc = {
    uri: Uri.file(file),
    fileName: file,
    languageId,
    version,
    isDirty: false,
    isClosed: false,
    isUntitled: false,
    eol: 1,
    getText: () => content,
    get lineCount() {
      return content.split('\n').length;
    },
    setText(t) {
      content = t;
      doc.version += 1;
    },
  };
  return doc;
}

const vscode = {
  version: '1.95.0',
  env: { language: 'en', appName: 'Visual Studio Code', machineId: 'test', openExternal: async () => true },
  // English, as VS Code gives it without a bundle for the display language: `{0}` filled in.
  l10n: {
    t: (message, ...args) => String(message).replace(/\{(\d+)\}/g, (whole, i) => (args[Number(i)] === undefined ? whole : String(args[Number(i)]))),
    bundle: undefined,
    uri: undefined,
  },
  Disposable,
  EventEmitter,
  Uri,
  Position,
  Range,
  Location,
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  TextEdit,
  WorkspaceEdit,
  MarkdownString,
  CancellationTokenSource,
  CodeActionKind,
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  EndOfLine: { LF: 1, CRLF: 2 },
  TextDocumentSaveReason: { Manual: 1 },
  workspace: {
    get workspaceFolders() {
      return vscode.__folders;
    },
    get textDocuments() {
      return textDocuments;
    },
    isTrusted: true,
    getConfiguration,
    getWorkspaceFolder: (uri) => (vscode.__folders || []).find((f) => uri.fsPath.startsWith(f.uri.fsPath)),
    onDidOpenTextDocument: events.didOpen.event,
    onDidChangeTextDocument: events.didChange.event,
    onDidCloseTextDocument: events.didClose.event,
    onDidSaveTextDocument: events.didSave.event,
    onWillSaveTextDocument: events.willSave.event,
    onDidChangeConfiguration: events.didChangeConfiguration.event,
    onDidChangeWorkspaceFolders: events.didChangeWorkspaceFolders.event,
    onDidGrantWorkspaceTrust: events.grantTrust.event,
    onDidCreateFiles: new EventEmitter().event,
    onDidRenameFiles: new EventEmitter().event,
    onDidDeleteFiles: new EventEmitter().event,
    onWillCreateFiles: new EventEmitter().event,
    onWillRenameFiles: new EventEmitter().event,
    onWillDeleteFiles: new EventEmitter().event,
    createFileSystemWatcher: () => ({
      onDidCreate: new EventEmitter().event,
      onDidChange: new EventEmitter().event,
      onDidDelete: new EventEmitter().event,
      dispose() {},
    }),
    registerTextDocumentContentProvider: (scheme, provider) => {
      recorded.contentProviders.set(scheme, provider);
      return new Disposable();
    },
    openTextDocument: async (uri) => {
      const provider = recorded.contentProviders.get(uri.scheme);
      const text = provider ? provider.provideTextDocumentContent(uri) : '';
      return makeDocument(uri.path, 'plaintext', text);
    },
    applyEdit: async (edit) => {
      recorded.appliedEdits.push(edit);
      return true;
    },
  },
  window: {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    tabGroups: { all: [], onDidChangeTabs: events.tabs.event, onDidChangeTabGroups: new EventEmitter().event },
    onDidChangeActiveTextEditor: events.activeEditor.event,
    onDidChangeVisibleTextEditors: events.visibleEditors.event,
    createOutputChannel: (name) => {
      const channel = {
      name,
      lines: [],
      append(v) {
        this.lines.push(v);
      },
      appendLine(v) {
        this.lines.push(v);
      },
      replace() {},
      clear() {},
      show() {},
      hide() {},
      dispose() {},
      };
      recorded.outputs.push(channel);
      return channel;
    },
    showInputBox: async (options) => {
      recorded.inputBoxes.push(options);
      const answer = answers.inputBoxes.shift();
      const value = typeof answer === 'function' ? answer(options) : answer;
      return value;
    },
    // A message with items is a question (window/showMessageRequest): answers.messageItem picks.
    showInformationMessage: async (text, ...items) => {
      recorded.messages.push(['info', text, items]);
      return answers.messageItem(items);
    },
    showWarningMessage: async (text, ...items) => {
      recorded.messages.push(['warning', text, items]);
      return answers.messageItem(items);
    },
    showErrorMessage: async (text, ...items) => {
      recorded.messages.push(['error', text, items]);
      return answers.messageItem(items);
    },
    showTextDocument: async () => stub(),
  },
  languages: {
    createDiagnosticCollection,
    match: (selector, doc) => {
      const list = Array.isArray(selector) ? selector : [selector];
      return list.some((s) => (typeof s === 'string' ? s === doc.languageId : (!s.language || s.language === doc.languageId) && (!s.scheme || s.scheme === doc.uri.scheme))) ? 10 : 0;
    },
    setTextDocumentLanguage: async (doc, languageId) => ({ ...doc, languageId }),
  },
  commands: {
    registerCommand: (id, fn) => {
      if (commands.has(id)) {
        throw new Error(`command '${id}' already exists`);
      }
      commands.set(id, fn);
      return new Disposable(() => commands.delete(id));
    },
    executeCommand: async (id, ...args) => {
      recorded.executed.push([id, args]);
      const fn = commands.get(id);
      return fn ? fn(...args) : undefined;
    },
  },
  __folders: undefined,
};

function permissive(obj) {
  return new Proxy(obj, { get: (target, prop) => (prop in target ? Reflect.get(target, prop) : stub()) });
}
for (const ns of ['workspace', 'window', 'languages', 'commands', 'env']) {
  vscode[ns] = permissive(vscode[ns]);
}

module.exports = new Proxy(vscode, {
  get: (target, prop) => (prop in target ? target[prop] : stub()),
});
module.exports.fake = { recorded, answers, commands, events, settings, textDocuments, makeDocument, Uri };
