// Issue 8's "done when": with an adapter configured (Slack here, over signed HTTP requests as Slack sends them),
// /healthz, /readyz and /metrics answer, the counters move after a few commands, and the shared rate limit
// answers the user politely.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.ts';
import { startBot, type RunningBot } from '../../src/runtime/start.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { SIGNING_SECRET, signedPost, slashCommandBody } from '../support/slack-signed-request.ts';

let bot: RunningBot | undefined;
let slack: FakeSlackApi | undefined;
afterEach(async () => {
  await bot?.stop();
  await slack?.close();
});

function metricValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('operations with Slack configured', () => {
  it('given three commands from one user with a limit of two, then health answers, metrics move and the third is told to wait', async () => {
    slack = await startFakeSlackApi();
    const config = parseConfig({
      DATABASE_URL: 'sqlite::memory:',
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      DIGEST_ENABLED: 'false',
      SLACK_BOT_TOKEN: 'xoxb-ops-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      METRICS_TOKEN: 'metrics-token-123',
      RATE_LIMIT_USER_PER_MINUTE: '2',
    });
    bot = await startBot(config, pino({ level: 'silent' }));
    const base = `http://127.0.0.1:${bot.port}`;

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', adapters: { ok: true, states: { slack: true } } });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);

    for (const id of ['one', 'two', 'three']) {
      const res = await signedPost(`${base}/slack/events`, slashCommandBody({ text: 'Rust or Go for an edge gateway?', responseUrl: slack.responseUrl(id) }));
      expect(res.status).toBe(200);
    }
    await slack.next((c) => c.path === '/response/one');
    await slack.next((c) => c.path === '/response/two');
    const third = await slack.next((c) => c.path === '/response/three');
    expect(JSON.stringify(third.body)).toContain('Slow down a little');
    expect(JSON.stringify(third.body)).toMatch(/Try again in \d+ seconds?/);

    const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer metrics-token-123' } })).text();
    expect(metricValue(metrics, 'rustvsgo_commands_total{command="ask",platform="slack",outcome="ok"}')).toBe(2);
    expect(metricValue(metrics, 'rustvsgo_commands_total{command="ask",platform="slack",outcome="rate_limited"}')).toBe(1);
    expect(metricValue(metrics, 'rustvsgo_answer_duration_seconds_count{command="ask",platform="slack"}')).toBe(3);
    expect(metricValue(metrics, 'rustvsgo_ack_duration_seconds_count{platform="slack"}')).toBe(3);
    expect(metricValue(metrics, 'rustvsgo_rate_limit_waits_total{scope="user"}')).toBe(1);
  });
});
