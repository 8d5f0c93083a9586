import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, defineGroup, describeOptions } from '../../src/core/command-spec.ts';
import { parseCommandText, readsAsDecisionQuestion } from '../../src/core/parse-text.ts';
import { askCommand as askSpec } from '../../src/commands/ask.ts';

const noop = () => ({ title: 'ok' });
const ask = defineCommand({
  name: 'ask', description: 'Ask', examples: ['ask Rust or Go?'], access: 'everyone',
  args: z.object({ question: z.string().min(1).max(2000).describe('Your question').meta({ rest: true }) }), handle: noop,
});
const lookup = defineCommand({
  name: 'lookup', description: 'Lookup', examples: ['lookup gc'], access: 'everyone',
  args: z.object({ topic: z.string().min(1).describe('Topic').meta({ rest: true, autocomplete: true }) }), handle: noop,
});
const compare = defineCommand({
  name: 'compare', description: 'Compare', examples: ['compare safety'], access: 'everyone',
  args: z.object({ criterion: z.enum(['safety', 'performance']).describe('Criterion') }), handle: noop,
});
const team = defineGroup({
  name: 'team', description: 'Team', examples: ['team'], defaultSubcommand: 'view',
  subcommands: [
    defineCommand({ name: 'view', description: 'View', examples: ['team view'], access: 'everyone', args: z.object({}), handle: noop }),
    defineCommand({
      name: 'set', description: 'Set', examples: ['team set rust=some go=strong'], access: 'manage',
      args: z.object({
        rust: z.enum(['none', 'some', 'strong']).describe('Rust skill'),
        go: z.enum(['none', 'some', 'strong']).describe('Go skill'),
        priorities: z.array(z.enum(['safety', 'performance'])).default([]).describe('Priorities'),
      }),
      handle: noop,
    }),
  ],
});
const help = defineCommand({ name: 'help', description: 'Help', examples: ['help'], access: 'everyone', args: z.object({ command: z.string().optional() }), handle: noop });
const specs = [ask, lookup, compare, team, help];

describe('parseCommandText', () => {
  it.each([
    ['/rustvsgo ask Rust or Go for an edge gateway?', 'ask', { question: 'Rust or Go for an edge gateway?' }],
    ['/rustvsgo Rust or Go for an edge gateway?', 'ask', { question: 'Rust or Go for an edge gateway?' }],
    ['Rust or Go for an edge gateway', 'ask', { question: 'Rust or Go for an edge gateway' }],
    ['compare SAFETY', 'compare', { criterion: 'safety' }],
    ['team', 'team view', {}],
    ['team set rust=some go=strong priorities=safety,performance', 'team set', { rust: 'some', go: 'strong', priorities: ['safety', 'performance'] }],
    ['team set go=strong rust=none', 'team set', { rust: 'none', go: 'strong', priorities: [] }],
    ['', 'help', {}],
    ['help team', 'help', { command: 'team' }],
    ["ask we don't care about \"latency\" much", 'ask', { question: "we don't care about \"latency\" much" }],
  ])('given %j then it runs %s', (text, path, args) => {
    const parsed = parseCommandText(text, specs);
    expect(parsed.kind).toBe('command');
    if (parsed.kind === 'command') {
      expect(parsed.path).toBe(path);
      expect(parsed.args).toEqual(args);
    }
  });

  it('given an optional positional with choices that a token does not match then the token fills the next option', () => {
    const subscribe = defineCommand({
      name: 'subscribe', description: 'Subscribe', examples: ['subscribe monday 09:00'], access: 'manage',
      args: z.object({
        day: z.enum(['monday', 'friday']).optional().describe('Day'),
        time: z.string().regex(/^\d\d:\d\d$/).optional().describe('Time'),
        timezone: z.string().optional().describe('Zone'),
      }),
      handle: noop,
    });
    expect(parseCommandText('subscribe 16:30 Europe/Berlin', [subscribe])).toMatchObject({ kind: 'command', args: { time: '16:30', timezone: 'Europe/Berlin' } });
    expect(parseCommandText('subscribe Friday 16:30', [subscribe])).toMatchObject({ kind: 'command', args: { day: 'friday', time: '16:30' } });
    expect(parseCommandText('subscribe frieday 16:30', [subscribe])).toMatchObject({ kind: 'invalid', problems: ['`day` must be one of: monday, friday'] });
  });

  it('given a mistyped subcommand then it suggests the closest command', () => {
    expect(parseCommandText('/rustvsgo comapre safety', specs)).toEqual({ kind: 'unknown', word: 'comapre', suggestion: 'compare' });
    expect(parseCommandText('team sett rust=some', specs)).toMatchObject({ kind: 'unknown', suggestion: 'team set' });
  });

  it('given an invalid choice then it reports the option and its choices', () => {
    const parsed = parseCommandText('team set rust=expert go=some', specs);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.problems.join(' ')).toContain('`rust` must be one of: none, some, strong');
  });

  it('given a missing required option then it says it is missing', () => {
    const parsed = parseCommandText('compare', specs);
    expect(parsed.kind).toBe('invalid');
  });

  it('given a mention then a topic goes to lookup and a decision question to ask', () => {
    expect(parseCommandText('<@U0BOT> gc pauses?', specs, { mode: 'mention' })).toMatchObject({ path: 'lookup', args: { topic: 'gc pauses?' } });
    expect(parseCommandText('@rustvsgo rust or go for a log shipper?', specs, { mode: 'mention' })).toMatchObject({ path: 'ask' });
  });

  it('given huge input then parsing stays bounded', () => {
    const parsed = parseCommandText(`ask ${'rust or go '.repeat(50_000)}`, specs);
    expect(parsed.kind).toBe('invalid');
  });
});

describe('describeOptions', () => {
  it('derives type, choices, required, rest and list from the zod schema', () => {
    expect(describeOptions(lookup.args)).toEqual([
      { name: 'topic', description: 'Topic', type: 'string', required: true, rest: true, autocomplete: true, list: false, minLength: 1 },
    ]);
    const [, , priorities] = describeOptions((team.subcommands[1]!).args);
    expect(priorities).toMatchObject({ name: 'priorities', required: false, list: true, choices: ['safety', 'performance'] });
  });
});

describe('readsAsDecisionQuestion', () => {
  it.each([
    ['Rust or Go for an edge gateway?', true],
    ['should we rewrite our proxy in rust', true],
    ['gc pauses?', false],
    ['tokio vs goroutines', false],
  ])('%j -> %s', (text, expected) => expect(readsAsDecisionQuestion(text)).toBe(expected));
});

describe('--flag switches for boolean options', () => {
  const real = [askSpec];
  it.each([
    ['ask --full Rust or Go for a CLI?', { question: 'Rust or Go for a CLI?', full: true }],
    ['ask Rust or Go for a CLI?', { question: 'Rust or Go for a CLI?', full: false }],
    ['--full Rust or Go for a CLI?', { question: 'Rust or Go for a CLI?', full: true }],
    // After the question starts, "--full" is part of the question's text.
    ['ask Rust or Go -- or --full C?', { question: 'Rust or Go -- or --full C?', full: false }],
  ])('%j', (text, args) => {
    const parsed = parseCommandText(text, real);
    expect(parsed.kind).toBe('command');
    expect(parsed.kind === 'command' && parsed.args).toEqual(args);
  });

  it('given a --flag naming no boolean option then it is read as text', () => {
    const parsed = parseCommandText('ask --question Rust or Go for a CLI?', real);
    expect(parsed.kind === 'command' && parsed.args.question).toBe('--question Rust or Go for a CLI?');
  });
});
