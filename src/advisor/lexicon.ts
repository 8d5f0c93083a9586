// The phrase matcher, compiled once per knowledge base: every workload and constraint phrase becomes a token
// sequence over a shared vocabulary; questions are matched word-order-insensitively within a small window,
// with plural stemming, typo correction against the vocabulary, and longest-match-wins inside a group.
import { distance } from 'fastest-levenshtein';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { isEnglishWord } from './clauses.ts';
import { phraseTokens, tokenize, type TokenStream } from './normalize-text.ts';

type SignalGroup = 'workload' | 'constraint' | 'team';

interface CompiledPhrase {
  signalId: string;
  group: SignalGroup;
  tokens: string[];
  /** Phrases that contain a negation word themselves ("no rust experience") are never negated by it. */
  selfNegating: boolean;
  /** Signals one of which must also be read for this phrase to count (a workload's ambiguous_phrases). */
  needs?: readonly string[];
}

export interface PhraseMatch {
  signalId: string;
  group: SignalGroup;
  /** Token positions (in the stop-word-free stream) the phrase covered. */
  positions: number[];
  negated: boolean;
  /** Character offset of the first covered token, for splitting a question into components. */
  offset: number;
  needs?: readonly string[];
}

export interface Lexicon {
  phrases: CompiledPhrase[];
  /** token -> phrases containing it (candidate lookup). */
  byToken: Map<string, number[]>;
  vocabulary: Set<string>;
  /** Vocabulary bucketed by first letter, for typo correction. */
  byInitial: Map<string, string[]>;
  corrections: Map<string, string>;
}

const GROUP_OF_KIND: Record<string, SignalGroup> = {
  constraint: 'constraint',
  shape: 'constraint',
  team: 'team',
  codebase: 'team',
  migration: 'team',
};

const LANGUAGE_TOKENS = new Set(['go', 'rust']);

const NEGATION_WORDS = new Set(['no', 'not', 'never', 'without', 'nobody', 'neither', 'nor']);

export function compileLexicon(kb: KnowledgeBase): Lexicon {
  const phrases: CompiledPhrase[] = [];
  const add = (signalId: string, group: SignalGroup, phrase: string, needs?: readonly string[]): void => {
    const tokens = phraseTokens(phrase);
    // A phrase reduced to a bare language name would fire on every "Rust or Go" question.
    if (tokens.length === 0 || (tokens.length === 1 && LANGUAGE_TOKENS.has(tokens[0]!))) return;
    phrases.push({ signalId, group, tokens, selfNegating: tokens.some((t) => NEGATION_WORDS.has(t)), ...(needs ? { needs } : {}) });
  };
  for (const w of kb.workloads) {
    for (const p of w.phrases) add(w.id, 'workload', p);
    for (const p of w.ambiguous_phrases?.phrases ?? []) add(w.id, 'workload', p, w.ambiguous_phrases!.needs);
  }
  for (const c of kb.constraints) for (const p of c.phrases) add(c.id, GROUP_OF_KIND[c.kind] ?? 'constraint', p);
  const byToken = new Map<string, number[]>();
  const vocabulary = new Set<string>();
  for (const [index, phrase] of phrases.entries()) {
    for (const t of new Set(phrase.tokens)) {
      vocabulary.add(t);
      const list = byToken.get(t);
      if (list) list.push(index);
      else byToken.set(t, [index]);
    }
  }
  const byInitial = new Map<string, string[]>();
  for (const word of vocabulary) {
    if (word.length < 5) continue;
    const key = word[0]!;
    const list = byInitial.get(key);
    if (list) list.push(word);
    else byInitial.set(key, [word]);
  }
  return { phrases, byToken, vocabulary, byInitial, corrections: new Map() };
}

/** Maps a word outside the vocabulary to the closest vocabulary word (1 edit, 2 for long words), if any. */
function correctWord(lexicon: Lexicon, word: string): string {
  if (word.length < 4 || lexicon.vocabulary.has(word) || /\d/.test(word)) return word;
  const cached = lexicon.corrections.get(word);
  if (cached !== undefined) return cached;
  // Only a word the English model does not know can be a typo: "liner", "caching" and "compiled" are words, and
  // so are the everyday words a hand list used to protect ("serve" is no "server", "steam" no "stream").
  if (isEnglishWord(word)) {
    lexicon.corrections.set(word, word);
    return word;
  }
  let best = word;
  // Swapped neighbours ("egde") are the commonest typo and the only one tried on short words.
  for (let i = 0; i + 1 < word.length; i++) {
    const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (lexicon.vocabulary.has(swapped)) {
      best = swapped;
      break;
    }
  }
  // Two edits only for long words that are not an inflected form ("building" is not "billing").
  const maxEdits = word.length >= 8 && !/(ing|ion|ed|ly|er|ions|ers)$/.test(word) ? 2 : 1;
  let bestDistance = best === word && word.length >= 5 ? maxEdits + 1 : 0;
  for (const candidate of bestDistance === 0 ? [] : (lexicon.byInitial.get(word[0]!) ?? [])) {
    if (Math.abs(candidate.length - word.length) > maxEdits) continue;
    const d = distance(word, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (lexicon.corrections.size > 20_000) lexicon.corrections.clear();
  lexicon.corrections.set(word, best);
  return best;
}

export function tokenizeFor(lexicon: Lexicon, text: string): TokenStream {
  return tokenize(text, (w) => correctWord(lexicon, w));
}

/**
 * Finds every phrase whose tokens all occur, in any order, within a window of (phrase length + 2) tokens of
 * one clause. Inside a group, a longer phrase that overlaps a shorter one wins ("caching proxy" over "cache").
 */
export function matchPhrases(lexicon: Lexicon, stream: TokenStream): PhraseMatch[] {
  const positionsOf = new Map<string, number[]>();
  for (const [i, t] of stream.tokens.entries()) {
    const list = positionsOf.get(t);
    if (list) list.push(i);
    else positionsOf.set(t, [i]);
  }
  const candidates = new Set<number>();
  for (const t of positionsOf.keys()) for (const p of lexicon.byToken.get(t) ?? []) candidates.add(p);

  const found: { phrase: CompiledPhrase; positions: number[] }[] = [];
  for (const index of candidates) {
    const phrase = lexicon.phrases[index]!;
    if (!phrase.tokens.every((t) => positionsOf.has(t))) continue;
    const positions = bestWindow(phrase.tokens, positionsOf, stream);
    if (positions) found.push({ phrase, positions });
  }
  // Longest first; among equals the tighter span (words side by side beat words gathered across the window:
  // "iterate fast" over "need ... fast"), then the tighter span counting stop words (in "small and memory safe",
  // "memory safe" is written side by side, "small memory" only once "and" is dropped), then the earlier match.
  const span = (positions: number[]): number => Math.max(...positions) - Math.min(...positions);
  const wordSpan = (positions: number[]): number => span(positions.map((p) => stream.wordIndex[p] ?? p));
  found.sort(
    (a, b) =>
      b.phrase.tokens.length - a.phrase.tokens.length ||
      span(a.positions) - span(b.positions) ||
      wordSpan(a.positions) - wordSpan(b.positions) ||
      a.positions[0]! - b.positions[0]!,
  );
  const taken = new Map<SignalGroup, Set<number>>();
  /** Token position -> length of the longest phrase (any group) that covered it. */
  const coveredBy = new Map<number, number>();
  const out: PhraseMatch[] = [];
  const seen = new Set<string>();
  for (const { phrase, positions } of found) {
    const used = taken.get(phrase.group) ?? new Set<number>();
    taken.set(phrase.group, used);
    const overlapsLonger = positions.some((p) => used.has(p));
    // Words a strictly longer phrase of another group already read are that phrase's: "garbage collector" is no
    // log collector, "memory-safe language" names no language tooling.
    if (positions.every((p) => coveredBy.has(p) && coveredBy.get(p)! > phrase.tokens.length)) continue;
    if (overlapsLonger && !out.some((m) => m.group === phrase.group && m.positions.length === positions.length && sameSet(m.positions, positions))) continue;
    for (const p of positions) {
      used.add(p);
      if (phrase.tokens.length > (coveredBy.get(p) ?? 0)) coveredBy.set(p, phrase.tokens.length);
    }
    const negated = !phrase.selfNegating && positions.some((p) => stream.negated[p]);
    const key = `${phrase.signalId}@${positions[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ signalId: phrase.signalId, group: phrase.group, positions, negated, offset: stream.offset[positions[0]!] ?? 0, ...(phrase.needs ? { needs: phrase.needs } : {}) });
  }
  return out;
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The tightest placement of the phrase's tokens within one clause, or undefined if it does not fit the window. */
function bestWindow(tokens: string[], positionsOf: Map<string, number[]>, stream: TokenStream): number[] | undefined {
  if (tokens.length === 1) return [positionsOf.get(tokens[0]!)![0]!];
  const window = tokens.length + 2;
  // Anchor on each occurrence of the first token; pick the nearest occurrence of each other token.
  let best: number[] | undefined;
  let bestSpan = Number.POSITIVE_INFINITY;
  for (const anchor of positionsOf.get(tokens[0]!)!) {
    const chosen = [anchor];
    let ok = true;
    for (const t of tokens.slice(1)) {
      let nearest = -1;
      let nearestDistance = Number.POSITIVE_INFINITY;
      for (const p of positionsOf.get(t)!) {
        if (chosen.includes(p) || stream.sentence[p] !== stream.sentence[anchor]) continue;
        const d = Math.abs(p - anchor);
        if (d < nearestDistance) {
          nearestDistance = d;
          nearest = p;
        }
      }
      if (nearest < 0) {
        ok = false;
        break;
      }
      chosen.push(nearest);
    }
    if (!ok) continue;
    const span = Math.max(...chosen) - Math.min(...chosen) + 1;
    // In phrase order, a couple of extra words may intervene ("small open-source team"); out of order the
    // words must be adjacent ("gateway at the edge"), which keeps unrelated neighbours from pairing up.
    const inOrder = chosen.every((p, i) => i === 0 || p > chosen[i - 1]!);
    if (span <= (inOrder ? window : tokens.length) && span < bestSpan) {
      bestSpan = span;
      best = chosen;
    }
  }
  return best;
}
