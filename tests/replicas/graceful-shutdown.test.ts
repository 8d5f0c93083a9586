// SIGTERM on the real bot process (src/main.ts, Slack in HTTP mode, digest scheduler on): it stops taking work,
// finishes the delivery in flight, closes the database and exits 0; when the work in flight outlasts
// SHUTDOWN_TIMEOUT_MS it exits anyway, leaving the claim to expire for another replica.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoCollections } from '../../src/digest/demo/load-demo.ts';
import { WEEKDAYS } from '../../src/store/weekly-slot.ts';
import { isoWeek } from '../../src/store/snapshot.ts';
import type { ChannelKey } from '../../src/store/channel-key.ts';
import { openStore } from '../../src/store/store.ts';
import { cleanEnv } from '../helpers/run-entry.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { spawnNode } from './support/spawn-node.ts';

const channel: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'CSHUT' };

describe('graceful shutdown on SIGTERM', () => {
  let slack: FakeSlackApi;
  let databaseUrl: string;
  let week: string;

  // A channel whose digest is due right now (today's slot at 00:00 UTC passed), with the week's data already
  // collected, so the bot's start-up catch-up round posts at once and no network is needed.
  beforeEach(async () => {
    slack = await startFakeSlackApi();
    databaseUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'rustvsgo-shutdown-')), 'bot.db')}`;
    const now = new Date();
    week = isoWeek(now);
    const store = await openStore(databaseUrl);
    const demo = loadDemoCollections().at(-1)!;
    await store.digestSnapshots.save({ ...demo, week, collectedAt: now.toISOString() });
    const today = WEEKDAYS[(now.getUTCDay() + 6) % 7]!;
    await store.digestSubscriptions.subscribe(channel, { day: today, time: '00:00', timezone: 'UTC' }, 'U1', new Date(now.getTime() - 8 * 86_400_000));
    await store.close();
  });
  afterEach(async () => slack.close());

  function startBot(shutdownTimeoutMs: number) {
    return spawnNode(
      'src/main.ts',
      [],
      cleanEnv({
        DATABASE_URL: databaseUrl,
        SLACK_BOT_TOKEN: 'xoxb-shutdown-test',
        SLACK_SIGNING_SECRET: 'shutdown-test-signing-secret',
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
      }),
    );
  }

  async function ledgerState(): Promise<string | undefined> {
    const store = await openStore(databaseUrl);
    try {
      return (await store.digestLedger.get(channel, week))?.state;
    } finally {
      await store.close();
    }
  }

  it('given a digest post in flight then it finishes and records it before exiting 0', async () => {
    slack.holdAnswers((call) => call.method === 'chat.postMessage');
    const bot = startBot(20_000);
    // The post reached Slack and is waiting for its answer: now the orchestrator stops the container.
    await slack.next((call) => call.method === 'chat.postMessage', 60_000);
    bot.child.kill('SIGTERM');
    await bot.line(/shutting down/);
    expect(bot.child.exitCode).toBeNull();
    slack.releaseHeld();
    const result = await bot.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/"msg":"stopped"/);
    expect(slack.messages).toHaveLength(1);
    expect(await ledgerState()).toBe('sent');
  }, 90_000);

  it('given work in flight longer than SHUTDOWN_TIMEOUT_MS then it exits at the deadline, leaving the claim', async () => {
    slack.holdAnswers((call) => call.method === 'chat.postMessage');
    const bot = startBot(1_500);
    await slack.next((call) => call.method === 'chat.postMessage', 60_000);
    bot.child.kill('SIGTERM');
    const signalledAt = Date.now();
    const result = await bot.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/shutdown timed out/);
    // Bounded: the deadline plus process teardown, far below the 15 s the held request would take to time out.
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(await ledgerState()).toBe('claimed');
  }, 90_000);
});
