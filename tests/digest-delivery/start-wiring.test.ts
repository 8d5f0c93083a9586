// The running bot starts the digest scheduler when digests are enabled and a platform can post, and its start-up
// round catches up on this week's slot (real clock; the week's data is seeded so no source is asked).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.ts';
import { WEEKDAYS } from '../../src/store/weekly-slot.ts';
import { loadDemoCollections } from '../../src/digest/demo/load-demo.ts';
import { isoWeek } from '../../src/store/snapshot.ts';
import { startBot, type RunningBot } from '../../src/runtime/start.ts';
import { openStore } from '../../src/store/store.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';

let slack: FakeSlackApi;
let bot: RunningBot | undefined;
let databaseUrl: string;

beforeEach(async () => {
  slack = await startFakeSlackApi();
  databaseUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'rustvsgo-start-')), 'bot.db')}`;
  const store = await openStore(databaseUrl);
  const now = new Date();
  // Today at 00:00 UTC: already past, whatever time the test runs (the bot reads the real clock).
  const today = WEEKDAYS[(now.getUTCDay() + 6) % 7]!;
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  await store.digestSubscriptions.subscribe({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, { day: today, time: '00:00', timezone: 'UTC' }, 'U1', weekAgo);
  const demo = loadDemoCollections().at(-1)!;
  await store.digestSnapshots.save({ ...demo, week: isoWeek(now), collectedAt: now.toISOString() });
  await store.close();
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await slack.close();
});

function config(extra: Record<string, string> = {}) {
  return parseConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    SLACK_BOT_TOKEN: 'xoxb-start',
    SLACK_SIGNING_SECRET: 'signing-secret',
    SLACK_API_URL: slack.apiUrl,
    ...extra,
  });
}

describe('startBot and the digest scheduler', () => {
  it('starts the scheduler with a Slack token and delivers the missed slot once', async () => {
    bot = await startBot(config(), pino({ level: 'silent' }));
    expect(bot.digest).toBeDefined();
    // Queued behind the start-up round, so when it settles that round has finished too.
    await bot.digest!.runNow();
    expect(slack.inChannel('C1')).toHaveLength(1);
    expect(slack.inChannel('C1')[0]!.token).toBe('xoxb-start');
  });

  it('does not start it when DIGEST_ENABLED=false', async () => {
    bot = await startBot(config({ DIGEST_ENABLED: 'false' }), pino({ level: 'silent' }));
    expect(bot.digest).toBeUndefined();
    expect(slack.messages).toHaveLength(0);
  });
});
