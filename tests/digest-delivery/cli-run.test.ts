// `rustvsgo digest run --now ISO`: one round from the command line against the fake Slack and Discord APIs,
// with the week's data already collected (so no source is asked).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDigestCli } from '../../src/cli/digest-cli.ts';
import type { Services } from '../../src/core/services.ts';
import { loadDemoCollections } from '../../src/digest/demo/load-demo.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../support/fake-discord-api.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { createTestServices } from '../helpers/test-services.ts';

let slack: FakeSlackApi;
let discord: FakeDiscordApi;
let services: Services;

beforeEach(async () => {
  slack = await startFakeSlackApi();
  discord = await startFakeDiscordApi();
  services = await createTestServices(
    {
      DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'rustvsgo-cli-run-')), 'bot.db')}`,
      SLACK_BOT_TOKEN: 'xoxb-cli',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: 'discord-cli-token',
      DISCORD_API_URL: discord.url,
    },
    new Date('2026-11-27T12:00:00Z'),
  );
  const { store } = services;
  const slot = { day: 'monday', time: '09:00', timezone: 'UTC' } as const;
  await store.digestSubscriptions.subscribe({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, slot, 'U1', services.now());
  await store.digestSubscriptions.subscribe({ platform: 'discord', workspaceId: '111', channelId: '222' }, slot, 'U2', services.now());
  const demo = loadDemoCollections().at(-1)!;
  await store.digestSnapshots.save({ ...demo, week: '2026-W49', collectedAt: '2026-11-30T09:00:00.000Z' });
});

afterEach(async () => {
  await services.store.close();
  await slack.close();
  await discord.close();
});

async function digestRun(now: string): Promise<{ code: number; output: Record<string, unknown> }> {
  let out = '';
  const code = await runDigestCli(['run', '--now', now], services, { stdout: (text) => (out += text), stderr: () => {} });
  return { code, output: JSON.parse(out) as Record<string, unknown> };
}

describe('digest run', () => {
  it('delivers what is due at --now, once, and reports each delivery', async () => {
    const before = await digestRun('2026-11-30T08:59:00Z');
    expect(before).toEqual({ code: 0, output: expect.objectContaining({ due: 0, collection: 'not_needed', deliveries: [] }) });

    const due = await digestRun('2026-11-30T09:05:00Z');
    expect(due.code).toBe(0);
    expect(due.output).toMatchObject({ due: 2, collection: 'ready', outcomes: { sent: 2 } });
    expect(slack.inChannel('C1')).toHaveLength(1);
    expect(slack.inChannel('C1')[0]!.token).toBe('xoxb-cli');
    expect(discord.inChannel('222')).toHaveLength(1);

    const again = await digestRun('2026-11-30T10:00:00Z');
    expect(again.output).toMatchObject({ due: 0, deliveries: [] });
    expect(slack.messages).toHaveLength(1);
    expect(discord.messages).toHaveLength(1);
  });
});
