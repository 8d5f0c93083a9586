// Coverage the audit found missing: each of these lookups returns a fact on its topic, and `compare` accepts the
// words people use for a criterion ("latency" means tail-latency) while still rejecting nonsense.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { describeOptions, findCommand } from '../../src/core/command-spec.ts';
import { dispatchText } from '../../src/core/dispatch.ts';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import type { Services } from '../../src/core/services.ts';
import { CRITERION_IDS } from '../../src/knowledge/criterion.ts';
import { criterionAliases, criterionFromAlias } from '../../src/knowledge/criterion-aliases.ts';
import { factIndexFor, searchFacts } from '../../src/knowledge/fact-search.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { createTestServices } from '../helpers/test-services.ts';

const kb = loadKnowledgeBase();
const index = factIndexFor(kb.facts);

describe('lookups that used to miss', () => {
  it.each([
    ['io_uring', /io_uring/i],
    ['async cancellation', /cancel/i],
    ['sqlx vs pgx', /sqlx|pgx/i],
    ['hosting wasm plugins', /wasm/i],
    ['wasmtime vs wazero', /wasmtime|wazero/i],
    ['rust generics and traits', /generic|trait/i],
    ['pgo for rust', /pgo|profile-guided/i],
  ])('lookup %s returns a fact on the topic first', (query, topic) => {
    const hits = searchFacts(index, query);
    expect(hits.length).toBeGreaterThan(0);
    const best = hits[0]!.fact;
    expect(`${best.topic} ${best.tags.join(' ')}`).toMatch(topic);
  });

  it('the facts behind them are Rust- and Go-specific where the question is', () => {
    expect(searchFacts(index, 'io_uring').map((h) => h.fact.language)).toEqual(expect.arrayContaining(['rust', 'go']));
    expect(searchFacts(index, 'pgo for rust')[0]?.fact.text).toMatch(/rustc|Rust/);
    expect(searchFacts(index, 'sqlx vs pgx')[0]?.fact.id).toBe('sqlx-vs-pgx');
  });

  it('the knowledge base holds at least 140 facts', () => {
    expect(kb.facts.length).toBeGreaterThanOrEqual(140);
  });
});

describe('compare synonyms', () => {
  const origin: InvocationOrigin = { platform: 'shell', workspaceId: 'local', channelId: 'c1', userId: 'u1', locale: 'en', requestId: 'r', isChannelAdmin: async () => true, mode: 'command' };
  let services: Services;
  beforeEach(async () => {
    services = await createTestServices();
  });
  afterEach(async () => {
    await services.store.close();
  });

  it.each([
    ['latency', 'tail-latency'],
    ['p99', 'tail-latency'],
    ['tail latency', 'tail-latency'],
    ['compile times', 'build-speed'],
    ['security', 'safety'],
    ['memory', 'memory-efficiency'],
    ['FFI', 'interop'],
    ['gc-pauses', 'tail-latency'],
    ['build-speed', 'build-speed'],
  ])('compare %s means %s', async (word, id) => {
    const { reply } = await dispatchText(`/rustvsgo compare ${word}`, origin, services, commands);
    expect(reply.data).toMatchObject({ criterion: id });
    expect(reply.title).toContain(`(${id})`);
  });

  it('an unknown word is still rejected with the list of criteria', async () => {
    const { reply } = await dispatchText('/rustvsgo compare vibes', origin, services, commands);
    expect(reply.data).not.toMatchObject({ criterion: expect.anything() });
    expect(`${reply.title} ${reply.summary ?? ''} ${JSON.stringify(reply.sections ?? [])}`).toContain('tail-latency');
  });

  it('Discord still offers the eleven ids as choices', () => {
    const compare = findCommand(commands, 'compare');
    expect(describeOptions(compare!.args)[0]?.choices).toEqual([...CRITERION_IDS]);
  });

  it('every sub-criterion id of criteria.yaml resolves to the criterion that owns it, and no alias names two', () => {
    for (const criterion of kb.criteria) {
      for (const sub of criterion.sub_criteria) expect(criterionFromAlias(sub.id), sub.id).toBe(criterion.id);
    }
    expect(criterionAliases().size).toBeGreaterThan(80);
  });
});
