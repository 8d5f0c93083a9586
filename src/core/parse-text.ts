// Turns the text form (`/rustvsgo <subcommand> <args>`, as Slack, the shell and mentions deliver it) into a
// command and validated arguments, using only the command specs.
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { describeOptions, type CommandSpec, type LeafCommand, type OptionDescriptor } from './command-spec.ts';
import { cleanUserText } from './safe-text.ts';

export type ParsedText =
  | { kind: 'command'; path: string; spec: LeafCommand; args: Record<string, unknown> }
  | { kind: 'invalid'; path: string; spec: LeafCommand; problems: string[] }
  | { kind: 'unknown'; word: string; suggestion?: string };

export interface ParseOptions {
  /** Mentions route non-decision text to `lookup` (a quick fact), slash commands to `ask`. */
  mode?: 'command' | 'mention';
}

/** Longest text accepted; longer input is cut here so parsing stays cheap whatever is pasted. */
export const MAX_INPUT_LENGTH = 4000;

const PREFIX = /^\s*(?:\/rustvsgo\b|@rustvsgo\b|<@[A-Z0-9!&]+(?:\|[^>]*)?>|‹@[^›]*›)[\s,:]*/i;

export function stripInvocationPrefix(text: string): string {
  let rest = text;
  // A message can carry both, e.g. "<@U123> /rustvsgo help".
  for (let i = 0; i < 2 && PREFIX.test(rest); i++) rest = rest.replace(PREFIX, '');
  return rest.trim();
}

const DECISION_WORDS = /\b(or|vs\.?|versus|should|which|choose|choosing|pick|rewrite|port|migrate|moving|switch|use|build|for)\b/i;
const LANGUAGE_WORDS = /\b(rust|go|golang)\b/i;

/** Does the text ask for a Rust-or-Go decision (rather than a fact about a topic)? */
export function readsAsDecisionQuestion(text: string): boolean {
  return LANGUAGE_WORDS.test(text) && DECISION_WORDS.test(text) && text.trim().split(/\s+/).length >= 3;
}

/** Does the text read as a question at all (so an unknown first word is not a mistyped subcommand)? */
function readsAsQuestion(text: string): boolean {
  const words = text.trim().split(/\s+/).length;
  return text.includes('?') || readsAsDecisionQuestion(text) || (words >= 4 && LANGUAGE_WORDS.test(text));
}

export function parseCommandText(input: string, specs: readonly CommandSpec[], options: ParseOptions = {}): ParsedText {
  const text = stripInvocationPrefix(cleanUserText(input.slice(0, MAX_INPUT_LENGTH)));
  const byName = (name: string) => specs.find((s) => s.name === name);
  if (text === '') {
    const help = byName('help');
    return help?.kind === 'command' ? parseArgs('help', help, '') : { kind: 'unknown', word: '' };
  }
  const head = /^\S+/.exec(text)?.[0] ?? '';
  const afterHead = text.slice(head.length).trimStart();
  const spec = byName(head.toLowerCase());

  if (spec?.kind === 'command') return parseArgs(spec.name, spec, afterHead);
  if (spec?.kind === 'group') {
    const subWord = /^\S+/.exec(afterHead)?.[0];
    const sub = subWord ? spec.subcommands.find((s) => s.name === subWord.toLowerCase()) : undefined;
    if (sub) return parseArgs(`${spec.name} ${sub.name}`, sub, afterHead.slice(subWord!.length).trimStart());
    const fallback = spec.subcommands.find((s) => s.name === spec.defaultSubcommand);
    if (!subWord && fallback) return parseArgs(`${spec.name} ${fallback.name}`, fallback, '');
    const names = spec.subcommands.map((s) => s.name);
    const word = `${spec.name} ${subWord ?? ''}`.trim();
    const suggestion = subWord ? closest(subWord, names) : undefined;
    return suggestion ? { kind: 'unknown', word, suggestion: `${spec.name} ${suggestion}` } : { kind: 'unknown', word };
  }

  // Not a subcommand: a question goes to `ask`; in a mention, a topic goes to `lookup`.
  const ask = byName('ask');
  const lookup = byName('lookup');
  if (options.mode === 'mention') {
    if (readsAsDecisionQuestion(text) && ask?.kind === 'command') return parseArgs('ask', ask, text);
    if (lookup?.kind === 'command') return parseArgs('lookup', lookup, text);
  }
  if (readsAsQuestion(text) && ask?.kind === 'command') return parseArgs('ask', ask, text);
  const suggestion = closest(head.toLowerCase(), specs.map((s) => s.name));
  return suggestion ? { kind: 'unknown', word: head, suggestion } : { kind: 'unknown', word: head };
}

/** The closest name within a small edit distance (or sharing a prefix), for "did you mean". */
export function closest(word: string, names: readonly string[]): string | undefined {
  const lower = word.toLowerCase().slice(0, 64);
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = name.startsWith(lower) || lower.startsWith(name) ? 0.5 : distance(lower, name);
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(2, Math.floor(lower.length / 3)) ? best.name : undefined;
}

const TOKEN = /"([^"]*)"|(\S+)/g;

function parseArgs(path: string, spec: LeafCommand, text: string): ParsedText {
  const descriptors = describeOptions(spec.args);
  const raw: Record<string, string> = {};
  const problems: string[] = [];
  const positional = descriptors.filter((d) => d.rest || !d.list || d.required);
  let next = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[1] ?? match[2] ?? '';
    // `--full` style switches set a boolean option (only before the rest of the text: a question may contain "--").
    const flag = /^--([a-z][a-z0-9-]*)$/i.exec(token);
    const flagged = flag ? descriptors.find((d) => d.type === 'boolean' && d.name === flag[1]!.toLowerCase()) : undefined;
    if (flagged) {
      raw[flagged.name] = 'true';
      continue;
    }
    const named = /^([a-z][a-z0-9-]*)=(.*)$/i.exec(token);
    const descriptor = named ? descriptors.find((d) => d.name === named[1]!.toLowerCase()) : undefined;
    if (named && descriptor) {
      raw[descriptor.name] = named[2]!;
      continue;
    }
    // An optional positional with choices that the token is not one of (nor a near miss of one, which is
    // better reported as a typo) is left out, so `subscribe 16:30` fills the time and keeps the default day.
    const fits = (d: OptionDescriptor) =>
      d.required || !d.choices || d.choices.includes(token.toLowerCase()) || closest(token, d.choices) !== undefined;
    while (next < positional.length && (raw[positional[next]!.name] !== undefined || !fits(positional[next]!))) next++;
    const target = positional[next];
    if (!target) {
      problems.push(`unexpected "${token.slice(0, 40)}"`);
      break;
    }
    if (target.rest) {
      raw[target.name] = text.slice(match.index).trim();
      break;
    }
    raw[target.name] = token;
    next++;
  }
  if (problems.length > 0) return { kind: 'invalid', path, spec, problems };
  return validateArgs(path, spec, raw);
}

/** Converts text values to each option's type, then validates with the command's zod schema. */
export function validateArgs(path: string, spec: LeafCommand, raw: Record<string, unknown>): ParsedText {
  const descriptors = describeOptions(spec.args);
  const converted: Record<string, unknown> = {};
  for (const d of descriptors) {
    const value = raw[d.name];
    if (value === undefined || value === '') continue;
    converted[d.name] = typeof value === 'string' ? convert(value, d) : value;
  }
  const result = spec.args.safeParse(converted);
  if (result.success) return { kind: 'command', path, spec, args: result.data as Record<string, unknown> };
  return { kind: 'invalid', path, spec, problems: describeIssues(result.error, descriptors) };
}

function convert(value: string, d: OptionDescriptor): unknown {
  const one = (v: string): unknown => {
    if (d.type === 'integer' || d.type === 'number') return v.trim() === '' ? v : Number(v);
    if (d.type === 'boolean') return /^(true|yes|on|1)$/i.test(v) ? true : /^(false|no|off|0)$/i.test(v) ? false : v;
    return d.choices ? v.toLowerCase() : v;
  };
  return d.list ? value.split(',').map((v) => one(v.trim())).filter((v) => v !== '') : one(value);
}

function describeIssues(error: z.ZodError, descriptors: OptionDescriptor[]): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'arguments');
    const d = descriptors.find((x) => x.name === name);
    if (d?.choices) return `\`${name}\` must be one of: ${d.choices.join(', ')}`;
    if (issue.code === 'invalid_type' && issue.input === undefined) return `\`${name}\` is missing`;
    if (issue.code === 'too_big') return `\`${name}\` is too long (at most ${String(issue.maximum)})`;
    return `\`${name}\`: ${issue.message}`;
  });
}
