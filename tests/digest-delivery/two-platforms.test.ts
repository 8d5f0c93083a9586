// Slack and Discord configured in one process: runtime/start.ts loads the Slack adapter (Bolt, undici 7) before
// discord.js (undici 6), so the process-wide undici dispatcher is Bolt's. The Discord digest's chart travels as a
// multipart upload, which used to fail there with "action is not a function" (src/adapters/discord/rest-options.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.ts';
import { loadDemoCollections } from '../../src/digest/demo/load-demo.ts';
import { startBot, type RunningBot } from '../../src/runtime/start.ts';
import { isoWeek } from '../../src/store/snapshot.ts';
import { openStore } from '../../src/store/store.ts';
import { WEEKDAYS } from '../../src/store/weekly-slot.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../support/fake-discord-api.ts';
import { startFakeDiscordGateway, type FakeDiscordGateway } from '../support/fake-discord-gateway.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { pngSize } from './support/png-header.ts';

const GUILD = { id: '200000000000000001', channelId: '300000000000000001' };

let slack: FakeSlackApi;
let discord: FakeDiscordApi;
let gateway: FakeDiscordGateway;
let bot: RunningBot | undefined;
let databaseUrl: string;

beforeEach(async () => {
  slack = await startFakeSlackApi();
  gateway = await startFakeDiscordGateway({ botId: '100000000000000001', guilds: [GUILD] });
  discord = await startFakeDiscordApi({ gateway: { url: gateway.url } });
  databaseUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'rustvsgo-two-platforms-')), 'bot.db')}`;
  const store = await openStore(databaseUrl);
  const now = new Date();
  // Today at 00:00 UTC: already past, whatever time the test runs (the bot reads the real clock).
  const slot = { day: WEEKDAYS[(now.getUTCDay() + 6) % 7]!, time: '00:00', timezone: 'UTC' };
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  await store.digestSubscriptions.subscribe({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, slot, 'U1', weekAgo);
  await store.digestSubscriptions.subscribe({ platform: 'discord', workspaceId: GUILD.id, channelId: GUILD.channelId }, slot, 'U2', weekAgo);
  const demo = loadDemoCollections().at(-1)!;
  await store.digestSnapshots.save({ ...demo, week: isoWeek(now), collectedAt: now.toISOString() });
  await store.close();
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await Promise.all([slack.close(), discord.close(), gateway.close()]);
});

describe('one process with Slack and Discord', () => {
  it('posts the Discord digest with its chart attached although Bolt loaded first', async () => {
    const config = parseConfig({
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: 'xoxb-start',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: 'discord-start-token',
      DISCORD_API_URL: discord.url,
    });
    bot = await startBot(config, pino({ level: 'silent' }));
    expect(bot.adapters.map((adapter) => adapter.name)).toEqual(['slack', 'discord-gateway']);
    // Queued behind the start-up round, so when it settles that round has finished too.
    await bot.digest!.runNow();

    expect(slack.inChannel('C1')).toHaveLength(1);
    expect(slack.files).toHaveLength(1);
    const [message] = discord.inChannel(GUILD.channelId);
    expect(message?.attachments).toHaveLength(1);
    expect(message!.attachments[0]).toMatchObject({ filename: 'chart.png', content_type: 'image/png' });
    expect(pngSize(message!.attachments[0]!.bytes).height).toBeGreaterThan(200);
    expect(message!.embeds.at(-1)).toMatchObject({ image: { url: 'attachment://chart.png' } });
  });
});
