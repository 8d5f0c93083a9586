// Full-text, prefix and typo-tolerant search over the lookup facts, built once per fact list.
// Topic and tags weigh more than the body text, so "gc pauses" finds the fact about pauses, not every fact
// that mentions a pause in passing.
import { distance } from 'fastest-levenshtein';
import MiniSearch from 'minisearch';
import type { Fact } from './fact.ts';

export interface FactIndex {
  readonly facts: readonly Fact[];
  readonly byId: ReadonlyMap<string, Fact>;
  readonly search: MiniSearch<IndexedFact>;
  /** Distinct topics in file order, for autocomplete and "close topics". */
  readonly topics: readonly string[];
  /** Each topic's normalised words, computed once for spelling suggestions. */
  readonly topicWords: ReadonlyMap<string, readonly string[]>;
}

export interface FactHit {
  fact: Fact;
  score: number;
}

interface IndexedFact {
  id: string;
  topic: string;
  tags: string;
  text: string;
  language: string;
}

// Words that carry no meaning in a lookup ("tokio vs goroutines", "what is gogc").
const stopWords = new Set([
  'a', 'an', 'and', 'are', 'about', 'as', 'at', 'be', 'by', 'do', 'does', 'for', 'from', 'how', 'in', 'is', 'it',
  'of', 'on', 'or', 'than', 'the', 'to', 'versus', 'vs', 'what', 'when', 'why', 'with',
]);

/** Lower-cases, drops stop words and one-letter tokens, and folds a plural "s" so "pauses" meets "pause". */
export function normalizeTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (lower.length < 2 || stopWords.has(lower)) return null;
  if (lower.length > 4 && lower.endsWith('s') && !lower.endsWith('ss')) return lower.slice(0, -1);
  return lower;
}

/** A text's meaningful words, as the index sees them (MiniSearch's default tokenizer plus normalizeTerm). */
function words(text: string): string[] {
  return text
    .split(/[\n\r\p{Z}\p{P}]+/u)
    .map((word) => normalizeTerm(word))
    .filter((word): word is string => word !== null);
}

const searchOptions = {
  boost: { topic: 3, tags: 2, text: 1, language: 0.5 },
  prefix: (term: string) => term.length >= 3,
  // One typo from five letters, two from ten: "goroutnes" still finds goroutines.
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
  combineWith: 'OR' as const,
};

export function buildFactIndex(facts: readonly Fact[]): FactIndex {
  const search = new MiniSearch<IndexedFact>({
    fields: ['topic', 'tags', 'text', 'language'],
    processTerm: normalizeTerm,
    searchOptions,
  });
  search.addAll(
    facts.map((fact) => ({
      id: fact.id,
      topic: fact.topic,
      tags: fact.tags.join(' '),
      text: fact.text,
      language: fact.language === 'both' ? 'rust go' : fact.language,
    })),
  );
  const topics = [...new Set(facts.map((fact) => fact.topic))];
  const topicWords = new Map(topics.map((topic) => [topic, words(topic)]));
  return { facts, byId: new Map(facts.map((fact) => [fact.id, fact])), search, topics, topicWords };
}

const cache = new WeakMap<readonly Fact[], FactIndex>();

/** The index for a fact list, built on first use and kept as long as the list lives. */
export function factIndexFor(facts: readonly Fact[]): FactIndex {
  let index = cache.get(facts);
  if (!index) {
    index = buildFactIndex(facts);
    cache.set(facts, index);
  }
  return index;
}

/**
 * The best-matching facts, best first; empty when nothing matches. A fact must match at least half of the
 * query's words (exactly, by prefix or with a typo), so one fuzzy hit ("bread" ~ "read") in an unrelated
 * question does not count as an answer.
 */
export function searchFacts(index: FactIndex, query: string, limit = 3): FactHit[] {
  const queryWords = new Set(words(query));
  if (limit <= 0 || queryWords.size === 0) return [];
  const hits = index.search
    .search(query)
    .filter((result) => new Set(result.queryTerms).size * 2 >= queryWords.size)
    .flatMap((result) => {
      const fact = index.byId.get(String(result.id));
      return fact ? [{ fact, score: result.score }] : [];
    });
  // A topic picked from autocomplete names its fact exactly: that fact comes first whatever the scores say.
  const wanted = query.trim().toLowerCase();
  const exact = hits.findIndex((hit) => hit.fact.topic.toLowerCase() === wanted);
  if (exact > 0) hits.unshift(...hits.splice(exact, 1));
  return hits.slice(0, limit);
}

/** How far a query word is from the closest word of a topic, 0 (same) to 1 (nothing alike). */
function wordDistance(queryWord: string, topicWords: readonly string[]): number {
  let best = 1;
  for (const word of topicWords) {
    const shared = word.startsWith(queryWord) || queryWord.startsWith(word) ? 0.5 : 1;
    const edit = distance(queryWord, word) / Math.max(queryWord.length, word.length);
    best = Math.min(best, edit * shared);
  }
  return best;
}

/** Above this average word distance a topic is not "close" to the query at all. */
const unrelatedDistance = 0.5;

/**
 * Topics close to a query that found nothing (by spelling, not meaning), closest first. Always returns up to
 * `limit` topics so a user who typed something unrelated still sees what can be looked up.
 */
export function suggestTopics(index: FactIndex, query: string, limit = 3): string[] {
  const queryWords = words(query);
  const scored = index.topics.map((topic, order) => {
    const topicWords = index.topicWords.get(topic) ?? [];
    const total = queryWords.reduce((sum, word) => sum + wordDistance(word, topicWords), 0);
    return { topic, order, score: queryWords.length === 0 ? 1 : total / queryWords.length };
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  // Nothing spelled alike: offer the first topics of the file (the most asked-about ones) instead of noise.
  if ((scored[0]?.score ?? 1) > unrelatedDistance) return index.topics.slice(0, limit);
  return scored.slice(0, limit).map((entry) => entry.topic);
}

/** Topic suggestions for a partly typed value (Discord autocomplete allows at most 25). */
export function completeTopic(index: FactIndex, partial: string, limit = 25): string[] {
  const max = Math.min(limit, 25);
  if (partial.trim() === '') return index.topics.slice(0, max);
  const found = [...new Set(searchFacts(index, partial, index.facts.length).map((hit) => hit.fact.topic))];
  const rest = suggestTopics(index, partial, max).filter((topic) => !found.includes(topic));
  return [...found, ...rest].slice(0, max);
}
