// The pieces the full and the condensed answer share: the one-line verdict, confidence in words, sources
// numbered once each (reasons cite them as [1], [2]), and sentences shortened at a clause rather than mid-word.
import type { Source } from '../core/reply.ts';
import type { Advice } from './advice.ts';
import { LANGUAGE_NAME } from './explain.ts';

export function confidenceWords(c: number): string {
  return c >= 0.8 ? 'high' : c >= 0.6 ? 'medium' : 'low';
}

const OUT_OF_SCOPE_TITLE = 'Not a Rust-vs-Go question I can judge';

/** Said when a question is out of scope and the advisor gave no question of its own to ask back. */
export const WHAT_I_JUDGE =
  'I compare Rust and Go for a backend or systems component (a service, proxy, worker, CLI or data pipeline). Name the component and what matters: latency, memory, team skills, deadline.';

/** What the answer is, in words: "Rust", "Rust + Go, split by component". */
function verdictWords(advice: Advice): string {
  if (advice.recommendation === 'none') return OUT_OF_SCOPE_TITLE;
  if (advice.recommendation === 'hybrid') return 'Rust + Go, split by component';
  // At a stated 0.50 the calibrated answer is right half the time (the lowest reliability bin): a verdict
  // printed as a plain "Rust" would claim more than a coin toss, the same rule the flip line follows.
  if (Math.round(advice.confidence * 100) <= 50) return `Toss-up, leaning ${LANGUAGE_NAME[advice.recommendation]}`;
  return LANGUAGE_NAME[advice.recommendation];
}

/**
 * The verdict in one line, e.g. "Rust · confidence 0.82 (high) · Rust 78 / Go 61". The full answer leaves the
 * scores out (its score bars show them), so nothing is said twice. An out-of-scope answer has no confidence or
 * scores to show: they would measure a question the bot did not judge.
 */
export function verdictLine(advice: Advice, { withScores }: { withScores: boolean }): string {
  if (advice.recommendation === 'none') return OUT_OF_SCOPE_TITLE;
  const confidence = `confidence ${advice.confidence.toFixed(2)} (${confidenceWords(advice.confidence)})`;
  const pair = `Rust ${Math.round(advice.scores.rust)} / Go ${Math.round(advice.scores.go)}`;
  // A split's scores are the whole question scored for one language: bare, "Rust 68 / Go 83" beside a split read
  // as if Go had won.
  const scores = advice.recommendation === 'hybrid' ? `one language for all: ${pair}` : pair;
  return [verdictWords(advice), confidence, ...(withScores ? [scores] : [])].join(' · ');
}

/** Numbers sources in order of first citation, so each is listed once however many reasons cite it. */
export class SourceNumbers {
  private readonly byUrl = new Map<string, { n: number; source: Source }>();

  cite(source: Source): number {
    const known = this.byUrl.get(source.url);
    if (known) return known.n;
    const n = this.byUrl.size + 1;
    this.byUrl.set(source.url, { n, source });
    return n;
  }

  /** "[1][3]" for the given sources (duplicates cited once). */
  refs(sources: readonly Source[]): string {
    return [...new Set(sources.map((s) => this.cite(s)))].map((n) => `[${n}]`).join('');
  }

  list(): Source[] {
    return [...this.byUrl.values()].map((v) => v.source);
  }
}

/**
 * Text cut to at most `max` characters for a one-line summary: the whole text when it fits, else up to the last
 * clause or sentence end that fits (when that keeps at least half), else at a word with "…". One line always.
 */
export function shortened(text: string, max: number): string {
  const flat = /\s\s|[\n\r\t]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
  if (flat.length <= max) return flat;
  const room = flat.slice(0, max - 1);
  // Not at ": ", which usually introduces the point itself ("For the data path: ...").
  const clause = Math.max(room.lastIndexOf('; '), room.lastIndexOf('. '), room.lastIndexOf(' — '));
  if (clause >= max / 2) return `${trimEndPunctuation(room.slice(0, clause))}…`;
  const word = room.lastIndexOf(' ');
  return `${trimEndPunctuation(word >= max / 2 ? room.slice(0, word) : room)}…`;
}

/** Drops trailing spaces and , . ; : (a loop, not a /[...]+$/ regex, which rescans from every position). */
function trimEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && ' ,.;:'.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
