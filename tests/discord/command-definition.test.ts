// The /rustvsgo application command is derived from the specs and obeys Discord's rules.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildCommandDefinition,
  COMMAND_NAME,
  validateCommandDefinition,
  type CommandDefinition,
} from '../../src/adapters/discord/command-definition.ts';
import { commands } from '../../src/commands/index.ts';
import { defineCommand, leafCommands } from '../../src/core/command-spec.ts';
import { testCommands } from './support/discord-fixtures.ts';

// Option trees are walked loosely; the validator under test does the typed checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('the definition built from the real command registry', () => {
  const definition = buildCommandDefinition(commands);

  it('passes every Discord rule', () => {
    expect(validateCommandDefinition(definition)).toEqual([]);
  });

  it('has one subcommand (or group of subcommands) per spec, in registry order', () => {
    expect(definition.name).toBe(COMMAND_NAME);
    expect((definition.options ?? []).map((o) => o.name)).toEqual(commands.map((c) => c.name));
    const leaves = (definition.options ?? []).flatMap((o: Json) => (o.type === 2 ? o.options.map((s: Json) => `${o.name} ${s.name}`) : [o.name]));
    expect(leaves).toEqual(leafCommands(commands).map((l) => l.path));
  });

  it('says "comma-separated" once in every list option description (issue 17: team set priorities said it twice)', () => {
    const descriptions: string[] = [];
    const walk = (options: Json[] | undefined) => {
      for (const o of options ?? []) {
        if (typeof o.description === 'string') descriptions.push(o.description);
        walk(o.options);
      }
    };
    walk(definition.options as Json[]);
    const priorities = descriptions.filter((d) => /comma-separated/i.test(d));
    expect(priorities.length).toBeGreaterThan(0);
    for (const d of priorities) expect(d.match(/comma-separated/gi), d).toHaveLength(1);
  });

  it('leaves the command usable by everyone (manage subcommands are checked per call)', () => {
    expect(definition.default_member_permissions).toBeUndefined();
  });
});

describe('derivation rules', () => {
  const definition = buildCommandDefinition(testCommands);
  const option = (path: string): Json => {
    const [head, sub] = path.split(' ');
    const top: Json = definition.options!.find((o) => o.name === head);
    return sub ? top.options.find((o: Json) => o.name === sub) : top;
  };

  it('turns groups into SUB_COMMAND_GROUPs of SUB_COMMANDs', () => {
    expect(option('team').type).toBe(2);
    expect(option('team set').type).toBe(1);
    expect(option('help').type).toBe(1);
  });

  it('maps enums to choices, lists of enums to autocomplete, rest text to a string with autocomplete when asked', () => {
    const set = option('team set');
    expect(set.options.map((o: Json) => [o.name, o.type, o.required])).toEqual([
      ['rust', 3, true],
      ['go', 3, true],
      ['priorities', 3, false],
    ]);
    expect(set.options[0].choices).toEqual([
      { name: 'none', value: 'none' },
      { name: 'some', value: 'some' },
      { name: 'strong', value: 'strong' },
    ]);
    expect(set.options[2].autocomplete).toBe(true);
    expect(set.options[2].choices).toBeUndefined();
    expect(option('lookup').options[0]).toMatchObject({ name: 'topic', type: 3, required: true, autocomplete: true, min_length: 1, max_length: 200 });
  });

  it('puts required options before optional ones and types integers', () => {
    const spec = defineCommand({
      name: 'order',
      description: 'Order test',
      examples: [],
      access: 'everyone',
      args: z.object({ count: z.number().int().optional().describe('How many'), name: z.string().describe('Name') }),
      handle: () => ({ title: 'x' }),
    });
    const built: Json = buildCommandDefinition([spec]).options![0];
    expect(built.options.map((o: Json) => [o.name, o.type, o.required])).toEqual([
      ['name', 3, true],
      ['count', 4, false],
    ]);
    expect(validateCommandDefinition(buildCommandDefinition([spec]))).toEqual([]);
  });

  it('uses autocomplete instead of choices when an enum has more than 25 values', () => {
    const values = Array.from({ length: 30 }, (_v, i) => `c${i}`) as [string, ...string[]];
    const spec = defineCommand({ name: 'many', description: 'Many', examples: [], access: 'everyone', args: z.object({ pick: z.enum(values).describe('Pick') }), handle: () => ({ title: 'x' }) });
    const built = buildCommandDefinition([spec]);
    expect((built.options![0] as Json).options[0]).toMatchObject({ autocomplete: true });
    expect(validateCommandDefinition(built)).toEqual([]);
  });

  it('truncates descriptions to 100 characters', () => {
    const spec = defineCommand({ name: 'long', description: 'd'.repeat(300), examples: [], access: 'everyone', args: z.object({}), handle: () => ({ title: 'x' }) });
    expect((buildCommandDefinition([spec]).options![0] as Json).description).toHaveLength(100);
  });
});

describe('the validator catches what Discord would reject', () => {
  const base = (): CommandDefinition => structuredClone(buildCommandDefinition(testCommands));
  const cases: [string, (d: Json) => void, RegExp][] = [
    ['an uppercase name', (d) => (d.options[0].name = 'Help'), /name "Help"/],
    ['a name with a space', (d) => (d.options[0].name = 'two words'), /name "two words"/],
    ['a name over 32 characters', (d) => (d.options[0].name = 'x'.repeat(33)), /must be 1-32/],
    ['an empty description', (d) => (d.options[0].description = ''), /description must be 1-100/],
    ['a 101-character description', (d) => (d.options[0].description = 'x'.repeat(101)), /description must be 1-100/],
    ['26 subcommands', (d) => (d.options = Array.from({ length: 26 }, (_v, i) => ({ type: 1, name: `s${i}`, description: 'x' }))), /26 options/],
    [
      '26 choices',
      (d) => (d.options[0].options = [{ type: 3, name: 'c', description: 'x', choices: Array.from({ length: 26 }, (_v, i) => ({ name: `v${i}`, value: `v${i}` })) }]),
      /26 choices/,
    ],
    ['autocomplete with choices', (d) => (d.options[0].options = [{ type: 3, name: 'c', description: 'x', autocomplete: true, choices: [{ name: 'a', value: 'a' }] }]), /autocomplete cannot/],
    [
      'a required option after an optional one',
      (d) => (d.options[0].options = [{ type: 3, name: 'a', description: 'x' }, { type: 3, name: 'b', description: 'x', required: true }]),
      /required options must come before/,
    ],
    ['duplicate names', (d) => (d.options[1].name = d.options[0].name), /duplicate/],
    ['a group inside a group', (d) => (d.options.find((o: Json) => o.name === 'team').options[0] = { type: 2, name: 'deep', description: 'x', options: [] }), /groups may only sit at the top/],
    ['subcommands mixed with plain options', (d) => d.options.push({ type: 3, name: 'plain', description: 'x' }), /cannot be mixed/],
    [
      'more than 8000 characters in total',
      (d) => (d.options = Array.from({ length: 25 }, (_v, i) => ({ type: 1, name: `s${i}`, description: 'x'.repeat(100), options: Array.from({ length: 25 }, (_w, j) => ({ type: 3, name: `o${j}`, description: 'y'.repeat(100) })) }))),
      /characters in names, descriptions and choices/,
    ],
  ];
  it.each(cases)('%s', (_name, breakIt, problem) => {
    const definition = base();
    expect(validateCommandDefinition(definition)).toEqual([]);
    breakIt(definition);
    expect(validateCommandDefinition(definition).join('\n')).toMatch(problem);
  });
});
