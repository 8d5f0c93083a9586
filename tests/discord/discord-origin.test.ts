// Where a Discord call comes from, as the core sees it: guild or DM, thread or channel, and who may manage.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AUTOCOMPLETE_BUDGET_MS, discordOrigin, suggestChoices, completeFromChoices } from '../../src/adapters/discord/discord-answers.ts';
import { factsOf } from '../../src/adapters/discord/http-interactions.ts';
import { rawInteractionSchema } from '../../src/adapters/discord/interaction-payload.ts';
import { mayManageSettings } from '../../src/core/settings-access.ts';
import { defineCommand } from '../../src/core/command-spec.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { CHANNEL_ID, GUILD_ID, USER_ID, commandData, rawInteraction } from './support/discord-fixtures.ts';

const MANAGE_CHANNELS = 1n << 4n;
const ADMINISTRATOR = 1n << 3n;

describe('invocation origin', () => {
  it('uses the guild as workspace and the channel as channel', async () => {
    const services = await createTestServices();
    const facts = factsOf(rawInteractionSchema.parse(rawInteraction({ type: 2, data: commandData('help') })), 'req1');
    expect(discordOrigin(facts, services)).toMatchObject({ platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID, userId: USER_ID, requestId: 'req1', mode: 'command' });
    expect(discordOrigin(facts, services).threadId).toBeUndefined();
  });

  it('keys a thread to its parent channel, so channel settings apply inside threads', async () => {
    const services = await createTestServices();
    const raw = rawInteraction({ type: 2, data: commandData('help'), channel: { id: '400000000000000001', type: 11, parent_id: CHANNEL_ID, guild_id: GUILD_ID } });
    const origin = discordOrigin(factsOf(rawInteractionSchema.parse(raw), 'r'), services);
    expect(origin).toMatchObject({ channelId: CHANNEL_ID, threadId: '400000000000000001' });
  });

  it('uses "dm" as the workspace in a DM, with the user from `user`', async () => {
    const services = await createTestServices();
    const raw = rawInteraction({ type: 2, data: commandData('help'), guild: false, channel: { id: '77', type: 1 } });
    expect(discordOrigin(factsOf(rawInteractionSchema.parse(raw), 'r'), services)).toMatchObject({ workspaceId: 'dm', channelId: '77', userId: USER_ID });
  });
});

describe('who may run manage subcommands', () => {
  const cases: [string, 'everyone' | 'admins' | 'listed', string[], { guildId?: string; permissions?: bigint }, boolean][] = [
    ['everyone: a member with no permissions', 'everyone', [], { guildId: GUILD_ID, permissions: 0n }, true],
    ['admins: a member without Manage Channels', 'admins', [], { guildId: GUILD_ID, permissions: 0n }, false],
    ['admins: a member with Manage Channels', 'admins', [], { guildId: GUILD_ID, permissions: MANAGE_CHANNELS }, true],
    ['admins: an Administrator', 'admins', [], { guildId: GUILD_ID, permissions: ADMINISTRATOR }, true],
    ['admins: unknown permissions', 'admins', [], { guildId: GUILD_ID }, false],
    ['admins: in a DM (their own settings)', 'admins', [], {}, true],
    ['listed: a listed user', 'listed', [USER_ID], { guildId: GUILD_ID, permissions: 0n }, true],
    ['listed: an unlisted admin', 'listed', ['someone-else'], { guildId: GUILD_ID, permissions: ADMINISTRATOR }, false],
  ];
  it.each(cases)('%s', async (_name, access, ids, member, expected) => {
    // The Discord origin supplies the access port; the core applies SETTINGS_ACCESS.
    const services = await createTestServices();
    const facts = { ...factsOf(rawInteractionSchema.parse(rawInteraction({ type: 2, data: commandData('help') })), 'r'), ...member, guildId: member.guildId };
    expect(await mayManageSettings(discordOrigin(facts, services), { SETTINGS_ACCESS: access, SETTINGS_USER_IDS: ids })).toBe(expected);
  });
});

describe('autocomplete', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const slow = (services: Services) => ({
    services,
    commands: [
      defineCommand({
        name: 'slow',
        description: 'Slow suggestions',
        examples: [],
        access: 'everyone',
        args: z.object({ topic: z.string().describe('Topic').meta({ autocomplete: true }) }),
        handle: () => ({ title: 'x' }),
        autocomplete: () => new Promise<string[]>((resolve) => setTimeout(() => resolve(['late']), 10_000)),
      }),
    ],
  });

  it('gives up with no choices before Discord\'s 3-second deadline when suggestions are slow', async () => {
    const services = await createTestServices();
    vi.useFakeTimers();
    const pending = suggestChoices(slow(services), { channelId: 'c', userId: 'u', requestId: 'r' }, { path: 'slow', options: { topic: 'x' }, focused: { name: 'topic', value: 'x' } });
    await vi.advanceTimersByTimeAsync(AUTOCOMPLETE_BUDGET_MS);
    expect(await pending).toEqual([]);
    expect(AUTOCOMPLETE_BUDGET_MS).toBeLessThan(3000);
  });

  it('completes list items from choices, skipping ones already chosen', () => {
    expect(completeFromChoices(['safety', 'latency', 'hiring'], 'safety, la', true)).toEqual(['safety,latency']);
    expect(completeFromChoices(['safety', 'latency', 'hiring'], '', false)).toEqual(['safety', 'latency', 'hiring']);
    expect(completeFromChoices(['safety', 'latency'], 'safety,', true)).toEqual(['safety,latency']);
  });
});
