// Raw Discord payloads (as Discord sends them) and a small command registry for adapter tests: the real help and
// lookup commands plus commands that fail, run long or manage.
import { z } from 'zod';
import { help } from '../../../src/commands/help.ts';
import { lookupCommand } from '../../../src/commands/lookup.ts';
import { defineCommand, defineGroup, type CommandSpec } from '../../../src/core/command-spec.ts';

export const APP_ID = '500000000000000001';
export const GUILD_ID = '200000000000000001';
export const CHANNEL_ID = '300000000000000001';
export const USER_ID = '600000000000000001';
export const BOT_ID = '100000000000000001';

const failingCommand = defineCommand({
  name: 'explode',
  description: 'Always fails (tests the apology path)',
  examples: ['explode'],
  access: 'everyone',
  args: z.object({}),
  handle() {
    throw new Error('secret database password leaked in a stack trace');
  },
});

const echoCommand = defineCommand({
  name: 'echo',
  description: 'Repeats the text (tests mention safety and long replies)',
  examples: ['echo hi'],
  access: 'everyone',
  args: z.object({
    text: z.string().min(1).describe('Text to repeat').meta({ rest: true }),
    times: z.coerce.number().int().min(1).max(500).optional().describe('How many sections'),
  }),
  handle(args) {
    const times = args.times ?? 1;
    return {
      title: `Echo: ${args.text}`,
      summary: args.text,
      sections: Array.from({ length: times }, (_v, i) => ({ heading: `Part ${i + 1}`, body: args.text })),
      tone: 'answer' as const,
    };
  },
});

const teamGroup = defineGroup({
  name: 'team',
  description: "The channel's team profile",
  examples: ['team view'],
  defaultSubcommand: 'view',
  subcommands: [
    defineCommand({ name: 'view', description: 'Show the profile', examples: ['team view'], access: 'everyone', args: z.object({}), handle: () => ({ title: 'Team profile' }) }),
    defineCommand({
      name: 'set',
      description: 'Set the profile',
      examples: ['team set some strong'],
      access: 'manage',
      args: z.object({
        rust: z.enum(['none', 'some', 'strong']).describe('Rust skill'),
        go: z.enum(['none', 'some', 'strong']).describe('Go skill'),
        priorities: z.array(z.enum(['safety', 'latency', 'hiring'])).optional().describe('Criteria that matter most'),
      }),
      handle: (args) => ({ title: `Team set: rust ${args.rust}, go ${args.go}`, tone: 'answer' as const }),
    }),
  ],
});

/** Stands in for the advisor: a multi-section answer, so mentions get condensed with a "Show full answer" button. */
const askCommand = defineCommand({
  name: 'ask',
  description: 'A recommendation (test double)',
  examples: ['ask Rust or Go for a CLI?'],
  access: 'everyone',
  args: z.object({ question: z.string().min(1).describe('Your question').meta({ rest: true }) }),
  handle: (args) => ({
    title: 'Recommendation: Go',
    summary: 'Go, narrowly.',
    sections: [
      { heading: 'Why', body: 'Reason one.' },
      { heading: 'Trade-off', body: 'Reason two.' },
    ],
    data: { question: args.question },
    tone: 'answer' as const,
  }),
});

export const testCommands: readonly CommandSpec[] = [help, askCommand, lookupCommand, echoCommand, failingCommand, teamGroup];

interface InteractionOptions {
  type: number;
  data?: Record<string, unknown>;
  permissions?: string;
  message?: Record<string, unknown>;
  channel?: Record<string, unknown>;
  guild?: boolean;
}

/** A raw interaction as Discord delivers it (gateway INTERACTION_CREATE or HTTP body). */
export function rawInteraction({ type, data, permissions = '0', message, channel, guild = true }: InteractionOptions) {
  const user = { id: USER_ID, username: 'alice', discriminator: '0', avatar: null, global_name: 'Alice' };
  return {
    id: '700000000000000001',
    application_id: APP_ID,
    type,
    token: 'itoken',
    version: 1,
    locale: 'en-US',
    channel_id: CHANNEL_ID,
    channel: channel ?? { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general' },
    app_permissions: '2251799813685247',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: guild ? 0 : 1,
    ...(guild
      ? { guild_id: GUILD_ID, guild_locale: 'en-US', member: { user, roles: [], permissions, joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 } }
      : { user }),
    ...(data ? { data } : {}),
    ...(message ? { message } : {}),
  };
}

/** `/rustvsgo <sub> ...` data with the options nested like Discord nests them. */
export function commandData(path: string, options: Record<string, string | number | boolean> = {}, focused?: string) {
  const leaf = Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3,
    value,
    ...(focused === name ? { focused: true } : {}),
  }));
  const [head, sub] = path.split(' ');
  const subcommand = sub ? { name: sub, type: 1, options: leaf } : { name: head!, type: 1, options: leaf };
  const top = sub ? [{ name: head!, type: 2, options: [subcommand] }] : [subcommand];
  return { id: '800000000000000001', name: 'rustvsgo', type: 1, options: top };
}

/** A raw guild message from a user (alice) in CHANNEL_ID, as the gateway delivers MESSAGE_CREATE; it mentions the bot when its text does. */
export function rawUserMessage(content: string, overrides: Record<string, unknown> = {}) {
  return {
    id: '910000000000000001',
    channel_id: CHANNEL_ID,
    guild_id: GUILD_ID,
    type: 0,
    content,
    author: { id: USER_ID, username: 'alice', discriminator: '0', avatar: null, global_name: 'Alice' },
    mentions: content.includes(`<@${BOT_ID}>`) ? [{ id: BOT_ID, username: 'rustvsgo', discriminator: '0', avatar: null, bot: true }] : [],
    mention_roles: [],
    mention_everyone: /@everyone|@here/.test(content),
    embeds: [],
    attachments: [],
    components: [],
    pinned: false,
    tts: false,
    timestamp: '2026-11-27T10:00:00.000Z',
    edited_timestamp: null,
    flags: 0,
    ...overrides,
  };
}
