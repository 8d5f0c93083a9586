// The Discord gateway sharded: two discord.js clients identify as shards 0 and 1 of 2 against a fake gateway and
// the fake REST API, each receives only the guilds Discord's rule assigns it (guild_id >> 22 mod 2), and a mention
// in each guild is answered once, by the shard that owns the guild. Both clients run in this process, the way
// ShardingManager's children would each run one (the manager's process spawning is not exercised here).
import { GatewayIntentBits, Client, Events } from 'discord.js';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordGateway, type DiscordGateway } from '../../src/adapters/discord/gateway-adapter.ts';
import { commands } from '../../src/commands/index.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../support/fake-discord-api.ts';
import { shardOf, startFakeDiscordGateway, type FakeDiscordGateway, type FakeGuild } from '../support/fake-discord-gateway.ts';

const BOT_ID = '100000000000000001';
const TOKEN = 'fake-bot-token.for-shard-test';
const guildFor = (n: bigint): FakeGuild => ({ id: String(n << 22n), channelId: String((n << 22n) + 1n) });
const guilds = [guildFor(1_000n), guildFor(1_001n)];

describe('Discord gateway with two shards', () => {
  let api: FakeDiscordApi;
  let gateway: FakeDiscordGateway;
  const shards: { gateway: DiscordGateway; guildsSeen: string[]; messagesSeen: string[] }[] = [];
  let services: Services;

  beforeAll(async () => {
    gateway = await startFakeDiscordGateway({ botId: BOT_ID, guilds });
    api = await startFakeDiscordApi({ gateway: { url: gateway.url, shards: 2 } });
    services = await createTestServices({ DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'rustvsgo-shards-')), 'bot.db')}`, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: api.url });
    for (const shardId of [0, 1]) {
      const client = new Client({
        intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
        allowedMentions: { parse: [], repliedUser: false },
        rest: { api: api.url },
        shards: [shardId],
        shardCount: 2,
      });
      const shard = { gateway: createDiscordGateway({ services, commands, client }), guildsSeen: [] as string[], messagesSeen: [] as string[] };
      client.on(Events.GuildCreate, (guild) => shard.guildsSeen.push(guild.id));
      client.on(Events.MessageCreate, (message) => shard.messagesSeen.push(message.guildId ?? ''));
      shards.push(shard);
    }
    await Promise.all(shards.map((s) => s.gateway.start()));
    await gateway.ready(2);
  });
  afterAll(async () => {
    await Promise.all(shards.map((s) => s.gateway.stop()));
    await services?.store.close();
    await gateway?.close();
    await api?.close();
  });

  it('each client identifies as its own shard and holds only the guilds that shard owns', () => {
    expect(gateway.identified.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const [shardId, shard] of shards.entries()) {
      expect(shard.gateway.client.guilds.cache.map((g) => g.id)).toEqual(guilds.filter((g) => shardOf(g.id, 2) === shardId).map((g) => g.id));
    }
  });

  it('a mention in each guild is answered exactly once, by the shard owning the guild', async () => {
    const before = api.requests.length;
    for (const [i, guild] of guilds.entries()) {
      gateway.sendMessage(guild, { id: String(900n + BigInt(i)), content: `<@${BOT_ID}> gc pauses?`, authorId: '500000000000000001', mentions: [{ id: BOT_ID, username: 'rustvsgo' }] });
    }
    // Each shard's MessageCreate starts a handler; once both arrived, wait for the handlers to finish.
    await Promise.all(shards.map((s) => (s.messagesSeen.length > 0 ? undefined : once(s.gateway.client, Events.MessageCreate))));
    await Promise.all(shards.map((s) => s.gateway.idle()));
    for (const [shardId, shard] of shards.entries()) {
      expect(shard.messagesSeen).toEqual(guilds.filter((g) => shardOf(g.id, 2) === shardId).map((g) => g.id));
    }
    const sent = api.requests.slice(before).filter((r) => r.method === 'POST');
    // One thread started from each mention, one answer posted in each: nothing twice, nothing missing.
    expect(sent.filter((r) => r.path.endsWith('/threads')).map((r) => r.path).sort()).toEqual(
      guilds.map((g, i) => `/api/v10/channels/${g.channelId}/messages/${900 + i}/threads`).sort(),
    );
    expect(sent.filter((r) => /\/channels\/\d+\/messages$/.test(r.path))).toHaveLength(2);
  });
});
