// What the extension decides without VS Code: the server's settings, dates of waivers, the
// arguments of the server's commands. Kept apart from extension.ts so that it runs under Node
// in the tests (test/config.test.mjs).
import * as os from 'os';
import * as path from 'path';

/** A text for people in the editor's language: VS Code's `vscode.l10n.t` in the extension,
 *  `english` (English, `{0}` filled in) in the tests and by default. */
export type Translate = (message: string, ...args: string[]) => string;
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, i) => (args[Number(i)] ?? whole));

/** The language of the server's texts (`initializationOptions.language`, docs/lsp.md): the
 *  setting `wegwijzer.language` when it is `nl` or `en`, else ("auto") VS Code's display
 *  language: Dutch when it is Dutch (`nl`, `nl-BE`, …), English otherwise. */
export function serverLanguage(setting: unknown, displayLanguage: string | undefined): 'nl' | 'en' {
  if (setting === 'nl' || setting === 'en') {
    return setting;
  }
  const display = (displayLanguage ?? '').toLowerCase();
  return display === 'nl' || display.startsWith('nl-') || display.startsWith('nl_') ? 'nl' : 'en';
}

/** The settings the server reads: initializationOptions and the `wegwijzer` section. */
export interface ServerSettings {
  includePaths: string[];
  asOf: string;
}

/** Expands `${workspaceFolder}`, `${userHome}` and a leading `~`; a relative path is taken from
 *  the workspace folder (or left alone without one). */
export function resolvePath(p: string, workspaceFolder: string | undefined, home = os.homedir()): string {
  let out = p.trim();
  if (workspaceFolder !== undefined) {
    out = out.split('${workspaceFolder}').join(workspaceFolder);
  }
  out = out.split('${userHome}').join(home);
  if (out === '~') {
    out = home;
  } else if (out.startsWith('~/')) {
    out = path.join(home, out.slice(2));
  }
  if (!path.isAbsolute(out) && workspaceFolder !== undefined) {
    out = path.join(workspaceFolder, out);
  }
  return out;
}

/** The program to start: a bare name (`wegwijzer`) is looked up on PATH by the system, anything
 *  with a slash is a path (relative to the workspace folder). */
export function resolveServerPath(p: string | undefined, workspaceFolder: string | undefined, home = os.homedir()): string {
  const value = (p ?? '').trim();
  if (value === '') {
    return 'wegwijzer';
  }
  const expanded = value.includes('${') || value.startsWith('~') || value.includes('/') || value.includes('\\');
  return expanded ? resolvePath(value, workspaceFolder, home) : value;
}

/** The settings sent to the server, from the raw values of the configuration. */
export function serverSettings(
  includePaths: unknown,
  asOf: unknown,
  workspaceFolder: string | undefined,
  home = os.homedir(),
): ServerSettings {
  const paths = Array.isArray(includePaths)
    ? includePaths.filter((x): x is string => typeof x === 'string' && x.trim() !== '')
    : [];
  const date = typeof asOf === 'string' ? asOf.trim() : '';
  return {
    includePaths: paths.map((p) => resolvePath(p, workspaceFolder, home)),
    asOf: isDate(date) ? date : '',
  };
}

/** True for a real day written YYYY-MM-DD (as the language requires, docs/language.md). */
export function isDate(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) {
    return false;
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A date as YYYY-MM-DD, in UTC (waivers expire by UTC dates, docs/ci.md). */
export function formatDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** The default expiry of a new waiver: the same day one year on (28 February for 29 February). */
export function defaultExpiry(today: Date): string {
  const year = today.getUTCFullYear() + 1;
  const month = today.getUTCMonth();
  let day = today.getUTCDate();
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (day > last) {
    day = last;
  }
  return formatDate(new Date(Date.UTC(year, month, day)));
}

/** Why an expiry date cannot be used, or undefined when it can. A waiver holds before its date,
 *  so a date of today or earlier would be expired at once. */
export function expiryProblem(value: string, today: Date, t: Translate = english): string | undefined {
  const s = value.trim();
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s)) {
    return t('Write the date as YYYY-MM-DD, for example {0}.', defaultExpiry(today));
  }
  if (!isDate(s)) {
    return t('{0} is not a day of the calendar.', s);
  }
  if (s <= formatDate(today)) {
    return t('The waiver would have expired already: give a date after today.');
  }
  return undefined;
}

/** Why a reason cannot be used, or undefined. The waivers file needs a non-empty text. */
export function reasonProblem(value: string, t: Translate = english): string | undefined {
  return value.trim() === '' ? t('Say why this finding is accepted.') : undefined;
}

/** Why a name cannot be used, or undefined. The waivers file says who accepted the finding. */
export function nameProblem(value: string, t: Translate = english): string | undefined {
  return value.trim() === '' ? t('Give the name of who accepts this finding.') : undefined;
}

/** The argument of `wegwijzer.addWaiver`. */
export interface WaiverArgument {
  uri: string;
  id: string;
  reason?: string;
  expires?: string;
  by?: string;
  [key: string]: unknown;
}

/** Asks the author for what a waiver needs. Each function returns undefined when she cancels. */
export interface WaiverPrompts {
  reason(id: string): Promise<string | undefined>;
  expires(id: string, proposed: string): Promise<string | undefined>;
  by(id: string): Promise<string | undefined>;
}

/**
 * Completes the arguments of `wegwijzer.addWaiver` as the code action sends them (only the uri
 * and the finding's id): asks for the reason, the expiry date and who accepts the finding
 * (`waive "ID" because "WHY" by "WHO" until DATE`, docs/ci.md), each when missing. Returns
 * undefined when the author cancels; arguments that are complete already are returned as they
 * are.
 */
export async function completeWaiverArguments(
  args: unknown[],
  prompts: WaiverPrompts,
  today: Date,
): Promise<unknown[] | undefined> {
  const first = args[0];
  if (typeof first !== 'object' || first === null) {
    return args;
  }
  const waiver = { ...(first as WaiverArgument) };
  if (typeof waiver.reason !== 'string' || waiver.reason.trim() === '') {
    const reason = await prompts.reason(String(waiver.id ?? ''));
    if (reason === undefined || reasonProblem(reason) !== undefined) {
      return undefined;
    }
    waiver.reason = reason.trim();
  }
  if (typeof waiver.expires !== 'string' || expiryProblem(waiver.expires, today) !== undefined) {
    const expires = await prompts.expires(String(waiver.id ?? ''), defaultExpiry(today));
    if (expires === undefined || expiryProblem(expires, today) !== undefined) {
      return undefined;
    }
    waiver.expires = expires.trim();
  }
  if (typeof waiver.by !== 'string' || waiver.by.trim() === '') {
    const by = await prompts.by(String(waiver.id ?? ''));
    if (by === undefined || nameProblem(by) !== undefined) {
      return undefined;
    }
    waiver.by = by.trim();
  }
  return [waiver, ...args.slice(1)];
}

/** True when the author dismissed one of the questions of `wegwijzer.explainCase`. */
export function explanationCancelled(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { cancelled?: unknown }).cancelled === true;
}

/** The Markdown shown for the result of `wegwijzer.explainCase`. */
export function explanationMarkdown(result: unknown): string | undefined {
  if (typeof result === 'object' && result !== null && typeof (result as { text?: unknown }).text === 'string') {
    return (result as { text: string }).text;
  }
  return undefined;
}
