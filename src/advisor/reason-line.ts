// One reason as one line of the condensed answer (issue 11, item 7): when the knowledge base's sentence is too long
// for the line, the line shows the part of it that speaks for the side the reason favours and fits the question
// (not just its opening clause, which often states the other side's case first), cites the sources that say that
// part, and quotes the clause of the question it answers, in the asker's words, when one plainly does.
import type { Source } from '../core/reply.ts';
import { criterionAliases } from '../knowledge/criterion-aliases.ts';
import type { CriterionId } from '../knowledge/criterion.ts';
import type { Language } from './advice.ts';
import { shortened } from './advice-verdict.ts';

/** Words too common in reasons and questions to say what a clause is about. */
const COMMON = new Set(
  'about also because before being between both build does each even every from have into just less made make many more most much must need needs only other over same should since some such than that their them then there these they this those very what when where whether which while will with within without would your ours rust golang language languages code service services usually often'.split(
    ' ',
  ),
);

/** Crude stems: lower-case words of 4+ letters cut to 6, so "preemptively" meets "preemption". */
function stemsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[a-z][a-z0-9]{3,}/g) ?? []) if (!COMMON.has(w)) out.add(w.slice(0, 6));
  return out;
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/** A sentence split at its clause boundaries ("; ", ". ", ": ", " — ", ", whereas ", ", while "), each kept whole. */
export function clausesOf(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[;.:])\s+(?=\S)|\s+—\s+|,\s+(?=(?:whereas|while)\s)/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

const NAMES: Record<Language, RegExp> = { rust: /\bRust(?:'s)?\b/, go: /\bGo(?:'s)?\b(?!\s+(?:live|fast|ahead))/ };

/** +1 when a clause names the favoured language, -1 when it names only the other one (it states the other's case). */
function sideOf(clause: string, favours: Language): number {
  const own = NAMES[favours].test(clause);
  const other = NAMES[favours === 'rust' ? 'go' : 'rust'].test(clause);
  return own ? 1 : other ? -1 : 0;
}

/** Clause text as a line: capital first letter, "whereas"/"while" openers dropped, ending at a full stop. */
function asLine(clause: string): string {
  const body = clause.replace(/^(?:whereas|while)\s+/i, '').replace(/[;,:\s]+$/, '');
  const capital = body.charAt(0).toUpperCase() + body.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/** A clause that opens by pointing back ("that", "which", "so", "building on that") cannot be shown alone. */
const LEANS_BACK = /^(?:building on (?:that|this|it)|that|this|these|those|it|its|so|which|thus|hence|then)\b/i;

export interface ReasonPoint {
  /** What the line says: the whole sentence when it fits, else the clause(s) that fit best. */
  text: string;
  sources: Source[];
}

/**
 * The part of a reason's text to show in at most `max` characters. The whole sentence when it fits (citing all its
 * sources); else the best clause, or two neighbouring clauses, by: speaks for the favoured side, shares words with
 * the question, fits without a cut, comes earlier. An opening clause cites the first source (the knowledge base
 * lists first the source of its opening clause, docs/knowledge.md); a later clause cites the sources whose titles
 * share its words, or all of them when none does.
 */
export function reasonPoint(text: string, sources: readonly Source[], favours: Language, question: string, max: number): ReasonPoint {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return { text: flat, sources: [...sources] };
  const clauses = clausesOf(flat);
  const asked = stemsOf(question);
  let best: { text: string; first: number; last: number; score: number } | undefined;
  for (let i = 0; i < clauses.length; i++) {
    // "building on that favours Rust" means nothing without the clause before it.
    if (i > 0 && LEANS_BACK.test(clauses[i]!)) continue;
    for (let j = i; j < Math.min(clauses.length, i + 2); j++) {
      const parts = clauses.slice(i, j + 1);
      const line = asLine(parts.join(' '));
      const fits = line.length <= max;
      if (j > i && !fits) continue;
      const side = Math.max(...parts.map((p) => sideOf(p, favours)));
      const score = 4 * side + Math.min(3, shared(stemsOf(line), asked)) + (fits ? 3 : 0) + (j > i ? 0.5 : 0) - 0.1 * i;
      if (!best || score > best.score) best = { text: line, first: i, last: j, score };
    }
  }
  if (!best || clauses.length <= 1) return { text: shortened(flat, max), sources: sources.slice(0, 1) };
  const shown = shortened(best.text, max);
  return { text: shown, sources: best.first === 0 ? sources.slice(0, 1) : sourcesSaying(shown, sources) };
}

/** Words of source titles that say nothing about what the source backs. */
const TITLE_COMMON = new Set(['releas', 'notes', 'docume', 'packag', 'guide', 'checke', 'whitep', 'result', 'survey', 'offici', 'blog']);

/** The sources whose titles share a word with the clause, else all of them (together they back the whole sentence). */
function sourcesSaying(clause: string, sources: readonly Source[]): Source[] {
  const words = stemsOf(clause);
  const matching = sources.filter((s) => [...stemsOf(s.title)].some((w) => !TITLE_COMMON.has(w) && words.has(w)));
  return matching.length > 0 ? matching : [...sources];
}

/**
 * Per criterion, its one-word aliases ("memory", "p99", "team"); "memory-safety" is not split, or "memory" would
 * name safety, and words as common as "build" or "fit" name nothing.
 */
const ALIAS_WORDS = new Map<CriterionId, string[]>();
for (const [alias, id] of criterionAliases()) {
  const words = ALIAS_WORDS.get(id) ?? [];
  for (const word of [alias, ...(alias === id ? id.split('-') : [])]) {
    if (word.includes('-') || word === 'fit' || COMMON.has(word) || words.includes(word)) continue;
    words.push(word);
  }
  ALIAS_WORDS.set(id, words);
}

/**
 * A word is an alias, or an ending of up to three letters away from one whose stem has 5+ letters ("parallel",
 * "parallelism"; not "product", "productivity").
 */
function namesAlias(word: string, aliases: readonly string[]): boolean {
  const near = (short: string, long: string): boolean => short.length >= 5 && long.length - short.length <= 3 && long.startsWith(short);
  return aliases.some((a) => word === a || near(a, word) || near(word, a));
}

/** A clause's words, with "memory safe(ty)" read as safety and "compiled"/"compiler" (a kind of language, a program) left out. */
function clauseWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/\bmemory[- ](?=safe)/g, '')
      .replace(/\bcompile[dr]s?\b/g, '')
      .match(/[a-z0-9]+/g) ?? []
  );
}

/** Words that open a new part of a clause ("... on a Pi | with 256 MB of RAM | that parses untrusted input"). */
const PART_OPENERS = /\s+(?=(?:that|which|who|where|and|but|so|because|while|with|without|since|under)\s)/i;

/**
 * Parts of a question short enough to quote: split at sentence ends, semicolons, colons, commas, brackets and
 * dashes, then before words that open a new part; a part of fewer than three words says too little to quote.
 */
function questionParts(question: string): string[] {
  return question
    .replace(/\s+/g, ' ')
    .split(/[.;:!?()\n]|,\s|\s[—–-]\s/)
    .flatMap((c) => c.split(PART_OPENERS))
    // "and the best library for it" is quoted as "the best library for it": the joining word is not the asker's point.
    .map((c) => c.trim().replace(/^(?:and|but|so)\s+/i, ''))
    .filter((c) => c.split(' ').length >= 3);
}

const NEGATED = /\b(?:no|not|never|without|nobody|none|neither|nor)\b|n't\b/i;

/**
 * The clause of the question a reason answers, in the asker's words: the one that names the criterion (one of its
 * words, "memory", "p99", "team") or shares at least three words with the reason, whichever clause has most; never a negated clause; none when
 * no clause does or the best one is longer than `max` (a quote is shown whole or not at all).
 */
export function askedClause(question: string, criterion: CriterionId, reasonText: string, max: number): string | undefined {
  const aliases = ALIAS_WORDS.get(criterion) ?? [];
  const reasonStems = stemsOf(reasonText);
  let best: { clause: string; score: number } | undefined;
  for (const clause of questionParts(question)) {
    const named = clauseWords(clause).some((w) => namesAlias(w, aliases));
    const overlap = shared(stemsOf(clause), reasonStems);
    const score = (named ? 2 : 0) + overlap;
    // A negated clause ("no package manager") is not what a reason for that criterion answers.
    if (NEGATED.test(clause)) continue;
    if ((named || overlap >= 3) && (!best || score > best.score)) best = { clause, score };
  }
  return best && best.clause.length <= max ? best.clause : undefined;
}
