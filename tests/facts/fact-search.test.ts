import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/knowledge/fact.ts';
import {
  buildFactIndex,
  completeTopic,
  factIndexFor,
  normalizeTerm,
  searchFacts,
  suggestTopics,
} from '../../src/knowledge/fact-search.ts';
import { shippedFacts } from './facts-data.ts';

const facts = shippedFacts();
const index = buildFactIndex(facts);
const ids = (query: string, limit = 3) => searchFacts(index, query, limit).map((hit) => hit.fact.id);

describe('searchFacts over the shipped facts', () => {
  it.each([
    ['gc pauses', 'go-gc-pause-times'],
    ['GC PAUSES', 'go-gc-pause-times'],
    ['pauses of the gc', 'go-gc-pause-times'],
    ['tokio vs goroutines', 'tokio-vs-goroutines'],
    ['binary size', 'go-binary-size'],
    ['binary size', 'rust-binary-size-tuning'],
    ['GOMEMLIMIT', 'gomemlimit'],
    ['green tea', 'green-tea-gc'],
    ['rust 1.72', 'rust-1-72-release'],
    ['tokio 1.10', 'tokio-1-10-changelog'],
    ['is tide popular', 'tide-unmaintained'],
    ['lambda cold start', 'lambda-go-runtime'],
    ['kubernetes operator', 'kubernetes-ecosystem'],
    ['compile times', 'rust-compiler-performance-survey'],
    ['discord', 'case-discord-read-states'],
  ])('given "%s" then the top three include %s', (query, id) => {
    expect(ids(query)).toContain(id);
  });

  it.each([
    ['goroutnes', /goroutine/],
    ['gomemlimt', /gomemlimit/],
    ['firecrakcer', /firecracker/],
    ['pingra', /pingora/],
  ])('given the typo "%s" then fuzzy matching still finds it', (query, expected) => {
    const [first] = ids(query);
    expect(first).toMatch(expected);
  });

  it('given any topic as autocomplete offers it then that topic\'s fact comes first', () => {
    for (const fact of facts) expect(ids(fact.topic, 1), fact.topic).toEqual([fact.id]);
  });

  it('given "gc pauses" then the first hit is about pause times, ahead of facts that mention GC in passing', () => {
    expect(ids('gc pauses')[0]).toBe('go-gc-pause-times');
  });

  it('given a limit then at most that many facts come back, best first', () => {
    const hits = searchFacts(index, 'go gc', 5);
    expect(hits).toHaveLength(5);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it.each(['xyzzy', 'banana bread recipe', '', '   ', 'the of and'])('given "%s" then nothing matches', (query) => {
    expect(searchFacts(index, query)).toEqual([]);
  });
});

describe('suggestTopics', () => {
  it('given a misspelling too far for fuzzy search then close topics are spelled alike', () => {
    expect(searchFacts(index, 'tokoi')).toEqual([]);
    const close = suggestTopics(index, 'tokoi');
    expect(close).toHaveLength(3);
    for (const topic of close) expect(topic).toMatch(/tokio/i);
  });

  it('given unrelated text then it still offers three real topics', () => {
    const close = suggestTopics(index, 'xyzzy');
    expect(close).toHaveLength(3);
    for (const topic of close) expect(index.topics).toContain(topic);
  });
});

describe('completeTopic (Discord autocomplete)', () => {
  it.each(['', 'g', 'go', 'tok', 'rust', 'zzzz', 'a'.repeat(100)])('given "%s" then at most 25 distinct topics', (partial) => {
    const topics = completeTopic(index, partial);
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.length).toBeLessThanOrEqual(25);
    expect(new Set(topics).size).toBe(topics.length);
  });

  it('given a prefix then matching topics come first', () => {
    expect(completeTopic(index, 'tok')[0]).toMatch(/tokio/i);
    expect(completeTopic(index, 'gomem')[0]).toMatch(/GOMEMLIMIT/);
  });

  it('given a limit above 25 then Discord\'s cap of 25 still applies', () => {
    expect(completeTopic(index, '', 100)).toHaveLength(25);
  });
});

describe('factIndexFor', () => {
  it('given the same fact list twice then the index is built once', () => {
    expect(factIndexFor(facts)).toBe(factIndexFor(facts));
  });

  it('given a different fact list then it gets its own index', () => {
    const one: Fact[] = [
      {
        id: 'only-fact',
        topic: 'Only topic here',
        tags: ['solo'],
        criterion: 'safety',
        language: 'both',
        text: 'A single fact used to check that indexes are per list.',
        sources: [{ title: 'Example source', url: 'https://example.com/', date: '2024-01-01', label: '2024-01-01' }],
      },
    ];
    expect(factIndexFor(one)).not.toBe(factIndexFor(facts));
    expect(searchFacts(factIndexFor(one), 'solo').map((h) => h.fact.id)).toEqual(['only-fact']);
  });
});

describe('normalizeTerm', () => {
  it.each([
    ['Pauses', 'pause'],
    ['goroutines', 'goroutine'],
    ['GOGC', 'gogc'],
    ['class', 'class'],
    ['vs', null],
    ['x', null],
  ])('given "%s" then "%s"', (input, expected) => {
    expect(normalizeTerm(input)).toBe(expected);
  });
});
