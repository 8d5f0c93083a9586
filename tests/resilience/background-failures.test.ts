// Issue 14, item 1: no background failure ends the process. Each case drives the real bot (src/main.ts in a child
// process) with a signed request that used to end it with exit 1 through an unhandled rejection.

import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { SIGNING_SECRET, signedPost } from '../support/slack-signed-request.ts';
import { postgresBackend, type TestDatabase } from '../store/support/store-backends.ts';
import { startFreezableProxy, viaProxy, type FreezableProxy } from '../store/support/freezable-proxy.ts';
import { startBotProcess, type BotProcess } from './support/bot-process.ts';

let bot: BotProcess | undefined;
let slack: FakeSlackApi | undefined;
let proxy: FreezableProxy | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await bot?.stop();
  await slack?.close();
  await proxy?.close();
  await database?.drop();
  bot = slack = proxy = database = undefined;
});

/** Still serving a while after the request: the process did not exit, and /healthz answers. */
async function expectStillRunning(b: BotProcess): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(b.exited()).toBeNull();
  expect((await fetch(`${b.baseUrl}/healthz`)).status).toBe(200);
}

describe('background failures', () => {
  it('a signed command without response_url is answered ephemerally through the Web API and the process keeps running', async () => {
    slack = await startFakeSlackApi();
    bot = await startBotProcess({ SLACK_BOT_TOKEN: 'xoxb-crash-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
    const res = await signedPost(`${bot.baseUrl}/slack/events`, 'command=%2Frustvsgo&text=help&team_id=T&channel_id=C&user_id=U');
    expect(res.status).toBe(200);
    const answer = await slack.next((c) => c.method === 'chat.postEphemeral', 15_000);
    expect(answer.body.channel).toBe('C');
    expect(answer.body.user).toBe('U');
    await expectStillRunning(bot);
  });

  it.skipIf(!postgresBackend.available)('a signed app_uninstalled while PostgreSQL is down is logged and the process keeps running', async () => {
    slack = await startFakeSlackApi();
    database = await postgresBackend.createDatabase();
    // Migrate through a direct connection, then give the bot a path the test can cut.
    await (await database.open()).close();
    const target = new URL(database.url);
    proxy = await startFreezableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    bot = await startBotProcess({
      DATABASE_URL: viaProxy(database.url, proxy),
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'client-secret-0123456789',
      SLACK_STATE_SECRET: 'state-secret-0123456789',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
    proxy.set('down');
    const event = JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: 'Ev1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_uninstalled' },
    });
    const res = await signedPost(`${bot.baseUrl}/slack/events`, event, { contentType: 'application/json' });
    expect(res.status).toBe(200);
    const deadline = Date.now() + 15_000;
    while (!bot.logs().includes('could not delete the installation') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(bot.logs()).toContain('could not delete the installation');
    await expectStillRunning(bot);
  });
});


describe('the process-level defect handler', () => {
  it('logs a rejection nobody handled as a defect and keeps the process running', async () => {
    const { runEntrySync, projectRoot, cleanEnv } = await import('../helpers/run-entry.ts');
    const result = runEntrySync('tests/resilience/support/defect-entry.ts', [], { cwd: projectRoot, env: cleanEnv() });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('still running');
    expect(result.stderr).toContain('"defect":"unhandled_rejection"');
    expect(result.stderr).toContain('left unhandled on purpose');
  });
});
