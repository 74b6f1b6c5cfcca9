// The wegwijzer runtime: walks a decision tree exported by `wegwijzer export --format json`
// (one date, or `--all-periods`) to the answer for a case, without a solver. The tree was
// proven equal to the rules before it was written; this walk is proven to agree with the
// evaluator on every path of every shipped ruleset and period (tests/conformance).
// No dependencies, no I/O: the same file runs in Node.js, in a browser and inside the page of
// `wegwijzer export --format html`. See docs/runtime.md.

import type * as Schema from "./generated/schema";

export type {
  Export, Tree as TreeDocument, History as HistoryDocument, Question, Outcome, Citation, Period,
  Redirect, LeafNode, QuestionNode,
} from "./generated/schema";

/** The export formats this runtime reads (`wegwijzer-compact/1`: `export --compact` of
 * either of the others). */
export const FORMATS: readonly string[] = ["wegwijzer-tree/1", "wegwijzer-history/1", "wegwijzer-compact/1"];

/** What went wrong: `format` (not an export this runtime reads), `date` (no tree for the
 * date), `answer` (an answer that is not one, or not possible at that point). */
export type ErrorKind = "format" | "date" | "answer";

/** Every error this package throws. `question` names the question of an `answer` error. */
export class WegwijzerError extends Error {
  readonly kind: ErrorKind;
  readonly question?: string;
  constructor(kind: ErrorKind, message: string, question?: string) {
    super(message);
    this.name = "WegwijzerError";
    this.kind = kind;
    if (question !== undefined) this.question = question;
  }
}

/** An answer: an answer id (`"yes"`/`"no"` for yes/no questions, also `"ja"`/`"nee"` and `true`/`false`), or a
 * whole number (also as digits in a string) for a number question. */
export type AnswerValue = string | number | boolean;
/** Answers by question id. Answers to questions the case does not reach are ignored. */
export type Answers = { readonly [question: string]: AnswerValue | null | undefined };

/** `asOf`: the date (`YYYY-MM-DD`, or a Date, read as a local date) whose rules apply. A
 * history picks the tree of that date (default: today); a one-date tree checks that the date
 * lies in its period (default: the tree's own date). */
export interface Options {
  readonly asOf?: string | Date;
}

interface Indexed {
  readonly doc: Schema.Tree;
  readonly questions: Map<string, Schema.Question>;
  readonly outcomes: Map<string, Map<string, Schema.Outcome>>;
  readonly obligations: Map<string, string>;
}

/** A loaded export: one tree, or every period's tree of a history. */
export interface Loaded {
  readonly format: string;
  readonly ruleset: { readonly id: string; readonly title: string; readonly version: string };
  /** The trees in date order (one for a one-date export). */
  readonly periods: readonly Schema.Tree[];
  /** @internal */
  readonly indexed: readonly Indexed[];
}

/** The date a result holds for, and which tree gave it. */
export interface DateUsed {
  /** The date asked about (`asOf`), or the tree's own date when none was given. */
  readonly asOf: string | null;
  /** The index of the tree used in `periods`. */
  readonly index: number;
  /** Its period: the answers hold on every day of it. */
  readonly period: Schema.Period;
  /** The tree's sentence about its date, in Dutch. */
  readonly statement: string;
  readonly historical: boolean;
}

/** An old answer taken as the answer that replaces it on the date. */
export interface Redirected {
  readonly question: string;
  /** The answer as given (an answer of other dates). */
  readonly given: string;
  /** The answer of this tree it was taken as. */
  readonly answer: string;
  readonly via: readonly string[];
  readonly since: string | null;
  readonly reason: string;
  /** As `wegwijzer explain` says it: "`amk` (an answer of `ontvanger` from 2009-01-01 until
   * 2015-01-01) is replaced by `veilig_thuis` from 2015-01-01: …". */
  readonly note: string;
}

/** A question that was answered on the way, with the answer as the tree took it. */
export interface Asked {
  readonly question: string;
  readonly text: string;
  readonly answer: string | number;
  readonly label: string;
}

/** The question to answer next, with the answers possible at this point on the date. */
export interface NextQuestion {
  readonly id: string;
  readonly text: string;
  readonly help?: string;
  readonly type: "yes/no" | "one of" | "number";
  /** The answers that lead somewhere here, in the author's order (empty for numbers). */
  readonly answers: readonly Schema.Answer[];
  /** Number questions: the domain, and the ranges of numbers possible here. */
  readonly min?: number;
  readonly max?: number;
  readonly ranges?: readonly (readonly [number, number])[];
  /** How many questions were answered before this one. */
  readonly step: number;
}

export interface Obligation {
  readonly id: string;
  readonly text: string;
}

/** An outcome as the tree describes it. */
export interface OutcomeResult {
  readonly id: string;
  readonly text: string;
  readonly discloses: boolean;
  readonly withoutConsent: boolean;
  /** `verplicht`, … */
  readonly flags: readonly string[];
  /** The outcome's own obligations. */
  readonly obligations: readonly Obligation[];
  readonly citations: readonly Schema.Citation[];
}

export interface DecisionResult {
  readonly id: string;
  readonly text: string;
  /** Null when the rules decide nothing here (only in an --unverified export). */
  readonly outcome: OutcomeResult | null;
}

/** The answer for a case: `decided`, or `incomplete` with the question still to answer. */
export interface Evaluation {
  readonly status: "decided" | "incomplete";
  readonly date: DateUsed;
  /** false: the export says it is unverified; do not show the answer as advice. */
  readonly verified: boolean;
  readonly asked: readonly Asked[];
  readonly redirects: readonly Redirected[];
  /** When incomplete: what to ask next. */
  readonly next: NextQuestion | null;
  /** The main decision's id and outcome (null while incomplete or undecided). */
  readonly decision: string;
  readonly outcome: OutcomeResult | null;
  /** Every decision, the main one first, then the others in the export's order. */
  readonly decisions: readonly DecisionResult[];
  /** What the professional must do: the obligations of every decision in the case. */
  readonly obligations: readonly Obligation[];
  /** The main decision's rules that decided, and the exceptions that set a rule aside. */
  readonly rules: readonly string[];
  readonly exceptions: readonly { readonly rule: string; readonly over: string }[];
  /** The sources: the outcome's citations, then its rules'. */
  readonly citations: readonly Schema.Citation[];
}

function fail(kind: ErrorKind, message: string, question?: string): never {
  throw new WegwijzerError(kind, message, question);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkTree(doc: unknown, where: string): Schema.Tree {
  if (!isObject(doc) || doc.format !== "wegwijzer-tree/1")
    fail("format", `${where} is not a wegwijzer-tree/1 document`);
  for (const key of ["questions", "decisions", "obligations", "nodes"])
    if (!Array.isArray(doc[key])) fail("format", `${where} has no \`${key}\` list`);
  if (typeof doc.root !== "number" || !isObject(doc.date) || typeof doc.decision !== "string")
    fail("format", `${where} lacks \`root\`, \`date\` or \`decision\``);
  return doc as unknown as Schema.Tree;
}

function index(doc: Schema.Tree): Indexed {
  const questions = new Map<string, Schema.Question>();
  for (const q of doc.questions) questions.set(q.id, q);
  const outcomes = new Map<string, Map<string, Schema.Outcome>>();
  for (const d of doc.decisions) outcomes.set(d.id, new Map(d.outcomes.map((o) => [o.id, o])));
  const obligations = new Map<string, string>();
  for (const o of doc.obligations) obligations.set(o.id, o.text);
  return { doc, questions, outcomes, obligations };
}

// The document a compact export (`export --compact`) stands for: every `{"$": k}` replaced by
// shared value k, which refers only to shared values before it.
function expand(compact: Record<string, unknown>): unknown {
  const shared = compact.shared;
  if (!Array.isArray(shared) || !isObject(compact.document))
    fail("format", "the compact export lacks `shared` or `document`");
  const done: unknown[] = [];
  const resolve = (v: unknown, limit: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => resolve(x, limit));
    if (!isObject(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "$") {
      const k = v.$;
      if (typeof k !== "number" || !Number.isInteger(k) || k < 0 || k >= limit)
        fail("format", `the compact export refers to shared value ${String(k)}, which it does not have`);
      return done[k];
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = resolve(v[key], limit);
    return out;
  };
  shared.forEach((v, k) => (done[k] = resolve(v, k)));
  return resolve(compact.document, shared.length);
}

/** Reads an export (its JSON text, or the parsed value). Fails with a `format` error on
 * anything but a `wegwijzer-tree/1`, `wegwijzer-history/1` or `wegwijzer-compact/1`
 * document. `format` is then the tree's or the history's. */
export function load(json: string | unknown): Loaded {
  let value: unknown = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (e) {
      fail("format", `not JSON: ${(e as Error).message}`);
    }
  }
  if (!isObject(value) || typeof value.format !== "string")
    fail("format", "not a wegwijzer export: it has no `format`");
  if (value.format === "wegwijzer-compact/1") {
    value = expand(value);
    if (!isObject(value) || value.format === "wegwijzer-compact/1")
      fail("format", "the compact export holds no tree or history");
  }
  if (typeof value.format !== "string") fail("format", "not a wegwijzer export: it has no `format`");
  const format = value.format;
  let periods: Schema.Tree[];
  if (format === "wegwijzer-tree/1") {
    periods = [checkTree(value, "the export")];
  } else if (format === "wegwijzer-history/1") {
    if (!Array.isArray(value.periods) || value.periods.length === 0)
      fail("format", "the history has no `periods`");
    periods = value.periods.map((p: unknown, i: number) => checkTree(p, `period ${i + 1}`));
  } else {
    fail(
      "format",
      `this runtime reads ${FORMATS.slice(0, -1).join(", ")} and ${FORMATS[FORMATS.length - 1]}; the export is \`${format}\`` +
        (/^wegwijzer-/.test(format) ? " (a newer version of the runtime reads it)" : ""),
    );
  }
  const r = periods[0].ruleset;
  return {
    format,
    ruleset: { id: r.id, title: r.title, version: r.version },
    periods,
    indexed: periods.map(index),
  };
}

function pad(n: number, width: number): string {
  let s = String(n);
  while (s.length < width) s = "0" + s;
  return s;
}

/** Today as `YYYY-MM-DD` (the local date). */
export function today(): string {
  return isoDate(new Date());
}

function isoDate(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
}

function dateText(asOf: string | Date): string {
  if (typeof asOf !== "string") return isoDate(asOf);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) fail("date", `\`${asOf}\` is not a date: write YYYY-MM-DD`);
  return asOf;
}

function holds(period: Schema.Period, date: string): boolean {
  return (period.from === null || period.from <= date) && (period.until === null || date < period.until);
}

function periodText(p: Schema.Period): string {
  if (p.from !== null && p.until !== null) return `from ${p.from} until ${p.until}`;
  if (p.from !== null) return `from ${p.from}`;
  if (p.until !== null) return `until ${p.until}`;
  return "always";
}

/** The tree for the date of `options`: a history picks the period that holds it. */
export function pick(tree: Loaded, options: Options = {}): DateUsed {
  const single = tree.format === "wegwijzer-tree/1";
  const asOf =
    options.asOf !== undefined ? dateText(options.asOf) : single ? tree.periods[0].date.asOf : today();
  let at = 0;
  if (asOf !== null) {
    at = tree.periods.findIndex((p) => holds(p.date.period, asOf));
    if (at < 0) {
      const span = single ? tree.periods[0].date.period : spanOf(tree);
      fail(
        "date",
        `no tree for ${asOf}: the export holds ${periodText(span)}` +
          (single ? " (export with --all-periods, or for that date with --as-of)" : ""),
      );
    }
  }
  const d = tree.periods[at].date;
  return { asOf, index: at, period: d.period, statement: d.statement, historical: d.historical };
}

function spanOf(tree: Loaded): Schema.Period {
  return { from: tree.periods[0].date.period.from, until: tree.periods[tree.periods.length - 1].date.period.until };
}

function valuesText(q: Schema.Question): string {
  if (q.type === "number") return `a whole number in ${q.min}..${q.max}`;
  if (q.type === "yes/no") return "`yes` or `no` (`ja` or `nee`)";
  const ids = q.answers.map((a) => `\`${a.id}\``);
  return ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(", ")} or ${ids[ids.length - 1]}`;
}

interface Taken {
  value: string | number;
  redirect?: Redirected;
}

// The answer `given` to question q as the tree's edges write it, redirecting an old answer.
function normalise(q: Schema.Question, given: AnswerValue): Taken {
  if (q.type === "number") {
    const n = typeof given === "number" ? given : typeof given === "string" && /^-?\d+$/.test(given.trim()) ? Number(given.trim()) : NaN;
    if (!Number.isInteger(n) || n < q.min || n > q.max)
      fail("answer", `\`${String(given)}\` is not an answer of \`${q.id}\`: give ${valuesText(q)}`, q.id);
    return { value: n };
  }
  // `ja` and `nee` are `yes` and `no`, as the page, `ask` and `explain` show them.
  const text = String(given);
  const id = typeof given === "boolean" && q.type === "yes/no" ? (given ? "yes" : "no")
    : q.type === "yes/no" && (text === "ja" || text === "nee") ? (text === "ja" ? "yes" : "no")
    : text;
  if (q.answers.some((a) => a.id === id)) return { value: id };
  if (q.type === "one of" && q.redirects) {
    for (const r of q.redirects) {
      if (r.answer !== id) continue;
      const when = r.valid.map(periodText).join(" and ");
      let by = `\`${r.by}\``;
      if (r.via.length) by += ` (through \`${r.via.join("`, `")}\`)`;
      let note = `\`${r.answer}\` (an answer of \`${q.id}\`${when ? " " + when : ""}) is replaced by ${by}` +
        (r.since !== null ? ` from ${r.since}` : "");
      if (r.reason) note += `: ${r.reason}`;
      return {
        value: r.by,
        redirect: { question: q.id, given: id, answer: r.by, via: r.via, since: r.since, reason: r.reason, note },
      };
    }
  }
  return fail("answer", `\`${id}\` is not an answer of \`${q.id}\`: give ${valuesText(q)}`, q.id);
}

// An answer that is not one on the date but is on other dates of a history: say when, as
// `wegwijzer explain` does; null when no other period has it.
function otherDates(tree: Loaded, q: Schema.Question, id: string, date: string | null): string | null {
  if (tree.periods.length < 2 || date === null || q.type === "number") return null;
  const spans: Schema.Period[] = [];
  for (const p of tree.periods) {
    const other = p.questions.find((x) => x.id === q.id);
    if (!other || other.type === "number" || !other.answers.some((a) => a.id === id)) continue;
    const last = spans[spans.length - 1];
    if (last && last.until !== null && last.until === p.date.period.from)
      spans[spans.length - 1] = { from: last.from, until: p.date.period.until };
    else spans.push(p.date.period);
  }
  if (!spans.length) return null;
  return `\`${id}\` is not an answer of \`${q.id}\` on ${date}: it is one ${spans.map(periodText).join(", ")}` +
    (q.help !== undefined ? ` (“${q.help}”)` : "") + `; give ${valuesText(q)}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function labelOf(q: Schema.Question, value: string | number): string {
  if (q.type === "number") return String(value);
  const a = q.answers.find((x) => x.id === value);
  return a ? capital(a.label) : String(value);
}

function edgeFor(node: Schema.QuestionNode, value: string | number) {
  for (const e of node.edges) for (const a of e.answers as readonly (string | number)[]) if (a === value) return e;
  return undefined;
}

function nextQuestion(t: Indexed, node: Schema.QuestionNode, step: number): NextQuestion {
  const q = t.questions.get(node.question);
  if (!q) return fail("format", `the tree asks \`${node.question}\`, which it does not list`);
  const base = { id: q.id, text: q.text, type: q.type, step, ...(q.help !== undefined ? { help: q.help } : {}) };
  if (q.type === "number") {
    const values = ([] as number[]).concat(...node.edges.map((e) => e.answers as number[])).sort((a, b) => a - b);
    const ranges: [number, number][] = [];
    for (const v of values) {
      const last = ranges[ranges.length - 1];
      if (last && v === last[1] + 1) last[1] = v;
      else ranges.push([v, v]);
    }
    return { ...base, answers: [], min: q.min, max: q.max, ranges };
  }
  return { ...base, answers: q.answers.filter((a) => edgeFor(node, a.id) !== undefined) };
}

interface Walk {
  date: DateUsed;
  t: Indexed;
  asked: Asked[];
  redirects: Redirected[];
  leaf: Schema.LeafNode["leaf"] | null;
  next: NextQuestion | null;
}

function walk(tree: Loaded, answers: Answers, options: Options): Walk {
  if (!tree || !Array.isArray(tree.indexed)) fail("format", "not a loaded tree: call load() first");
  const date = pick(tree, options);
  const t = tree.indexed[date.index];
  const asked: Asked[] = [];
  const redirects: Redirected[] = [];
  let node = t.doc.nodes[t.doc.root] as Schema.QuestionNode | Schema.LeafNode;
  while (!("leaf" in node)) {
    const q = t.questions.get(node.question);
    if (!q) return fail("format", `the tree asks \`${node.question}\`, which it does not list`);
    const given = Object.prototype.hasOwnProperty.call(answers, q.id) ? answers[q.id] : undefined;
    if (given === undefined || given === null || given === "")
      return { date, t, asked, redirects, leaf: null, next: nextQuestion(t, node, asked.length) };
    let taken: Taken;
    try {
      taken = normalise(q, given);
    } catch (e) {
      const when = e instanceof WegwijzerError && typeof given === "string" ? otherDates(tree, q, given, date.asOf) : null;
      if (when === null) throw e;
      return fail("answer", when, q.id);
    }
    const edge = edgeFor(node, taken.value);
    if (!edge)
      fail("answer", `\`${String(given)}\` is not possible for \`${q.id}\` after the answers before it (the ruleset's assumptions exclude it)`, q.id);
    if (taken.redirect) redirects.push(taken.redirect);
    asked.push({ question: q.id, text: q.text, answer: taken.value, label: labelOf(q, taken.value) });
    node = t.doc.nodes[edge.next] as Schema.QuestionNode | Schema.LeafNode;
  }
  return { date, t, asked, redirects, leaf: node.leaf, next: null };
}

/** The question to answer next for these answers (on the date of `options`), with the
 * answers possible at that point; null when the answers lead to a result. */
export function next(tree: Loaded, answers: Answers = {}, options: Options = {}): NextQuestion | null {
  return walk(tree, answers, options).next;
}

function outcomeResult(t: Indexed, decision: string, id: string | null): OutcomeResult | null {
  if (id === null) return null;
  const o = t.outcomes.get(decision)?.get(id);
  if (!o) return fail("format", `the tree names outcome \`${id}\` of \`${decision}\`, which it does not list`);
  return {
    id: o.id, text: o.text, discloses: o.discloses, withoutConsent: o.withoutConsent, flags: o.flags,
    obligations: o.obligations.map((k) => ({ id: k, text: t.obligations.get(k) ?? "" })),
    citations: o.citations,
  };
}

/** The answer for a case on the date of `options`: the main decision's outcome with its text,
 * flags and citations, every other decision's outcome, the obligations, the rules and
 * exceptions that decided, and the sources; old answers taken as their replacements (each in
 * `redirects`, with its note). With too few answers: `incomplete`, with the `next` question. */
export function evaluate(tree: Loaded, answers: Answers = {}, options: Options = {}): Evaluation {
  const w = walk(tree, answers, options);
  const doc = w.t.doc;
  const base = {
    date: w.date, verified: doc.verification.verified, asked: w.asked, redirects: w.redirects,
    decision: doc.decision,
  };
  if (!w.leaf)
    return { ...base, status: "incomplete", next: w.next, outcome: null, decisions: [], obligations: [], rules: [], exceptions: [], citations: [] };
  const leaf = w.leaf;
  const order = [doc.decision, ...doc.decisions.map((d) => d.id).filter((d) => d !== doc.decision)];
  const decisions = order.map((id) => {
    const d = doc.decisions.find((x) => x.id === id);
    const o = Object.prototype.hasOwnProperty.call(leaf.decisions, id) ? leaf.decisions[id] : null;
    return { id, text: d ? d.text : "", outcome: outcomeResult(w.t, id, o) };
  });
  return {
    ...base,
    status: "decided",
    next: null,
    outcome: decisions[0].outcome,
    decisions,
    obligations: leaf.obligations.map((k) => ({ id: k, text: w.t.obligations.get(k) ?? "" })),
    rules: leaf.rules,
    exceptions: leaf.exceptions,
    citations: leaf.citations,
  };
}
