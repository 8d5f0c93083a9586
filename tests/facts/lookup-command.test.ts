import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/command-spec.ts';
import { describeOptions } from '../../src/core/command-spec.ts';
import { reply } from '../../src/core/reply.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import { commands } from '../../src/commands/index.ts';
import { lookupCommand } from '../../src/commands/lookup.ts';
import { lookupReply } from '../../src/commands/lookup-reply.ts';
import { buildFactIndex } from '../../src/knowledge/fact-search.ts';
import { shippedFacts } from './facts-data.ts';

const facts = shippedFacts();
const index = buildFactIndex(facts);

// Only `knowledge.facts` is used by the lookup command; the rest of Services is irrelevant here.
const ctx = { services: { knowledge: { facts, version: '1.2.3', reviewed: '2026-11-27' } } } as unknown as CommandContext;

describe('lookupReply', () => {
  it('given "gc pauses" then three facts, each with its text, sources and dates', () => {
    const answer = reply(lookupReply(index, 'gc pauses'));
    expect(answer.sections).toHaveLength(3);
    expect(answer.sections[0]?.heading).toContain('Go GC pause times');
    expect(answer.sections[0]?.body).toContain('100 microseconds');
    // Sources are cited by number and listed once (the list is numbered by every renderer), not repeated inline.
    expect(answer.sections[0]?.body).toMatch(/100 microseconds.* \[1\]\[2\]$/s);
    expect(answer.sections[0]?.body).not.toContain('https://');
    expect(answer.sources[0]).toMatchObject({ url: 'https://go.dev/doc/go1.8#gc', date: '2017-02-16' });
    expect(answer.sections[1]?.body).toMatch(/ \[2\]$/);
    expect(answer.sources.length).toBeGreaterThanOrEqual(3);
    for (const source of answer.sources) expect(source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(answer.tone).toBe('answer');
  });

  it('given no match then it says so and lists close topics', () => {
    const answer = reply(lookupReply(index, 'tokoi'));
    expect(answer.sections).toEqual([]);
    expect(answer.summary).toMatch(/^No fact matches tokoi\. Close topics: Tokio [^,]+, Tokio [^,]+, Tokio .+$/);
  });

  it('given a query with mentions then the echo cannot ping anyone', () => {
    for (const query of ['@everyone gc pauses', '<!channel> xyzzy', '<@U123ABC> tokio']) {
      const answer = reply(lookupReply(index, query));
      expect(containsLivePing(`${answer.title} ${answer.summary ?? ''}`), query).toBe(false);
    }
  });

  it('given a very long query then the echoed title stays short', () => {
    const answer = reply(lookupReply(index, `gc ${'pauses '.repeat(100)}`));
    expect(answer.title.length).toBeLessThanOrEqual(120);
  });

  it('given facts that share a source page then the reply lists that page once', () => {
    const answer = reply(lookupReply(index, 'gc pauses'));
    const urls = answer.sources.map((source) => source.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).toContain('https://go.dev/doc/gc-guide#Latency');
  });

  it('given a limit then that many facts are shown', () => {
    expect(reply(lookupReply(index, 'tokio', undefined, 1)).sections).toHaveLength(1);
  });
});

describe('lookupCommand spec', () => {
  it('given the command registry then lookup is registered', () => {
    expect(commands).toContain(lookupCommand);
  });

  it('given its options then topic takes the rest of the text and asks for autocomplete', () => {
    expect(lookupCommand.name).toBe('lookup');
    const [topic] = describeOptions(lookupCommand.args);
    expect(topic).toMatchObject({ name: 'topic', type: 'string', required: true, rest: true, autocomplete: true });
  });

  it('given parsed args then the handler answers from services.knowledge.facts', async () => {
    const args = lookupCommand.args.parse({ topic: '  binary size  ' });
    const answer = reply(await lookupCommand.handle(args, ctx));
    expect(answer.title).toBe('Lookup: binary size');
    expect(answer.footer).toBe('Knowledge base v1.2.3, reviewed 2026-11-27');
    expect(answer.sections.map((s) => s.heading).join(' ')).toMatch(/binary size/i);
  });

  it('given a thread mention then only the best fact is shown, with a button for the full lookup', async () => {
    const mention = { ...ctx, invocation: { mode: 'mention' } } as unknown as CommandContext;
    const answer = reply(await lookupCommand.handle(lookupCommand.args.parse({ topic: 'gc pauses?' }), mention));
    expect(answer.sections).toHaveLength(1);
    expect(answer.sections[0]?.heading).toContain('Go GC pause times');
    expect(answer.actions).toEqual([{ kind: 'show_full', label: 'Show more facts', command: 'lookup gc pauses?' }]);
  });

  it('given a thread mention that matches nothing then the close topics come without a button', async () => {
    const mention = { ...ctx, invocation: { mode: 'mention' } } as unknown as CommandContext;
    const answer = reply(await lookupCommand.handle(lookupCommand.args.parse({ topic: 'tokoi' }), mention));
    expect(answer.summary).toMatch(/^No fact matches tokoi\. Close topics: /);
    expect(answer.actions).toEqual([]);
  });

  it('given an empty topic then validation rejects it', () => {
    expect(lookupCommand.args.safeParse({ topic: '   ' }).success).toBe(false);
  });

  it('given a partial value then autocomplete returns at most 25 topics', async () => {
    for (const partial of ['', 'go', 'rust', 'zz']) {
      const topics = await lookupCommand.autocomplete?.('topic', partial, ctx);
      expect(topics?.length).toBeGreaterThan(0);
      expect(topics?.length).toBeLessThanOrEqual(25);
    }
  });
});
