// The VS Code client of `wegwijzer lsp`: starts the server, passes the settings, and adds what
// the protocol leaves to the editor (the questions of a waiver, the explanation as a
// document). See docs/editors.md.
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { executeCommandMiddleware } from './commands';
import {
  expiryProblem,
  explanationCancelled,
  explanationMarkdown,
  nameProblem,
  reasonProblem,
  resolveServerPath,
  serverLanguage,
  serverSettings,
  ServerSettings,
  Translate,
} from './config';

const SECTION = 'wegwijzer';
const EXPLAIN_SCHEME = 'wegwijzer-explanation';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let traceOutput: vscode.OutputChannel | undefined;
let starting: Promise<void> | undefined;
let state: vscode.Memento | undefined;
let watcher: vscode.FileSystemWatcher | undefined;
const LAST_NAME = 'wegwijzer.waiverBy';

/** The extension's own texts in VS Code's display language (l10n/bundle.l10n.*.json). */
const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

/** The read-only documents that hold explanations (so that closing one asks nothing). */
class Explanations implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private count = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  add(decision: string, text: string): vscode.Uri {
    this.count += 1;
    const name = decision.replace(/[^A-Za-z0-9_-]/g, '_') || 'uitleg';
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${name}-${this.count}.md` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

const explanations = new Explanations();

function workspaceFolderPath(): string | undefined {
  const folders = vscode.workspace.workspaceFolders;
  return folders && folders.length > 0 ? folders[0].uri.fsPath : undefined;
}

function currentSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return serverSettings(config.get('includePaths'), config.get('asOf'), workspaceFolderPath());
}

/** The language the server speaks (`wegwijzer.language`, "auto": VS Code's own). */
function currentLanguage(): 'nl' | 'en' {
  return serverLanguage(vscode.workspace.getConfiguration(SECTION).get('language'), vscode.env.language);
}

function serverCommand(): string {
  const config = vscode.workspace.getConfiguration(SECTION);
  // In an untrusted folder only the user's own setting counts (package.json:
  // restrictedConfigurations), never one written in the folder's settings.
  let configured = config.get<string>('path');
  if (!vscode.workspace.isTrusted) {
    configured = config.inspect<string>('path')?.globalValue ?? 'wegwijzer';
  }
  return resolveServerPath(configured, workspaceFolderPath());
}

async function askReason(id: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: t('Waiver for {0} (1/3)', id),
    prompt: t('Why is this finding accepted? The reason is written into the waivers file beside the ruleset.'),
    placeHolder: 'Reden',
    ignoreFocusOut: true,
    validateInput: (value) => reasonProblem(value, t),
  });
}

async function askExpiry(id: string, proposed: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: t('Waiver for {0} (2/3)', id),
    prompt: t('Until which date (YYYY-MM-DD)? On that date the waiver has expired and the finding counts again.'),
    value: proposed,
    ignoreFocusOut: true,
    validateInput: (value) => expiryProblem(value, new Date(), t),
  });
}

async function askName(id: string): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: t('Waiver for {0} (3/3)', id),
    prompt: t('Who accepts this finding? The name is written into the waivers file.'),
    value: state?.get<string>(LAST_NAME) ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => nameProblem(value, t),
  });
  if (name !== undefined && nameProblem(name) === undefined) {
    await state?.update(LAST_NAME, name.trim());
  }
  return name;
}

async function showExplanation(decision: string, result: unknown): Promise<void> {
  if (explanationCancelled(result)) {
    return; // the author dismissed a question: nothing to show
  }
  const text = explanationMarkdown(result);
  if (text === undefined) {
    void vscode.window.showWarningMessage(t('The server gave no explanation.'));
    return;
  }
  const uri = explanations.add(decision, text);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

function createClient(): LanguageClient {
  const command = serverCommand();
  // Standard input and output without a `transport`: with TransportKind.stdio the client would
  // add `--stdio` to the arguments, which `wegwijzer lsp` does not take.
  const serverOptions: ServerOptions = {
    run: { command, args: ['lsp'] },
    debug: { command, args: ['lsp'] },
  };
  const clientOptions: LanguageClientOptions = {
    // Files on disk: the server checks a document with the other files of its folder.
    documentSelector: [{ scheme: 'file', language: 'wegwijzer' }],
    initializationOptions: { ...currentSettings(), language: currentLanguage() },
    // Files changed on disk (another editor, git): rulesets, modules and waivers.
    synchronize: watcher ? { fileEvents: watcher } : undefined,
    outputChannel: output,
    traceOutputChannel: traceOutput,
    middleware: {
      executeCommand: (command, args, next) =>
        executeCommandMiddleware({
          prompts: { reason: askReason, expires: askExpiry, by: askName },
          showExplanation,
          today: () => new Date(),
        })(command, args, async (c, a) => next(c, a)),
      workspace: {
        // The server asks for its section with workspace/configuration: send the resolved one.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) {
            return result;
          }
          return params.items.map((item, i) => (item.section === SECTION ? currentSettings() : result[i]));
        },
      },
    },
  };
  return new LanguageClient('wegwijzer', 'Wegwijzer', serverOptions, clientOptions);
}

async function start(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    const command = serverCommand();
    const openSettings = t('Open settings');
    const showOutput = t('Show output');
    const choice = await vscode.window.showErrorMessage(
      t(
        'Wegwijzer: the language server `{0} lsp` did not start ({1}). Set wegwijzer.path to the wegwijzer program (docs/editors.md).',
        command,
        String(error),
      ),
      openSettings,
      showOutput,
    );
    if (choice === openSettings) {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'wegwijzer.path');
    } else if (choice === showOutput) {
      output?.show();
    }
  }
}

async function stop(): Promise<void> {
  const old = client;
  client = undefined;
  if (old !== undefined && old.state !== State.Stopped) {
    try {
      await old.stop();
    } catch {
      // Already gone: nothing to stop.
    }
  }
}

async function restart(): Promise<void> {
  if (starting !== undefined) {
    await starting;
  }
  starting = (async () => {
    await stop();
    await start();
  })();
  try {
    await starting;
  } finally {
    starting = undefined;
  }
}

function sendSettings(): void {
  if (client === undefined || !client.isRunning()) {
    return;
  }
  void client.sendNotification('workspace/didChangeConfiguration', {
    settings: { [SECTION]: currentSettings() },
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  state = context.globalState;
  output = vscode.window.createOutputChannel('Wegwijzer');
  traceOutput = vscode.window.createOutputChannel('Wegwijzer (protocol)');
  watcher = vscode.workspace.createFileSystemWatcher('**/*.{ww,waivers}');
  context.subscriptions.push(
    output,
    traceOutput,
    watcher,
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explanations),
    vscode.commands.registerCommand('wegwijzer.restartServer', () => restart()),
    vscode.commands.registerCommand('wegwijzer.showOutput', () => output?.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The server takes its language when it starts: a new language restarts it.
      if (event.affectsConfiguration(`${SECTION}.path`) || event.affectsConfiguration(`${SECTION}.language`)) {
        void restart();
      } else if (
        event.affectsConfiguration(`${SECTION}.includePaths`) ||
        event.affectsConfiguration(`${SECTION}.asOf`)
      ) {
        sendSettings();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart()),
    { dispose: () => void stop() },
  );
  await restart();
}

export async function deactivate(): Promise<void> {
  await stop();
}
