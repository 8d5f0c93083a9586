// Issue 14, item 5: a captured Slack request replayed within its 5-minute window is dropped (on every replica:
// the seen signatures live in the store), timestamps in the future are refused, bodies are capped at what Slack
// sends, unsigned bodies are refused before they are read, and Discord options nested 1,000 deep are a 400.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordHttpEndpoint, INTERACTIONS_PATH } from '../../src/adapters/discord/http-interactions.ts';
import { createHttpServer } from '../../src/http/server.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { APP_ID, rawInteraction, testCommands } from '../discord/support/discord-fixtures.ts';
import { newSigningKey, signRequest } from '../support/discord-signed-request.ts';
import { SIGNING_SECRET, signedPost, slackSignature, slashCommandBody } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from '../slack/support/slack-harness.ts';

const harnesses: SlackHarness[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const c of cleanups.splice(0)) await c();
});

async function harness(env: Record<string, string> = {}): Promise<SlackHarness> {
  const h = await startSlackHarness(env);
  harnesses.push(h);
  return h;
}

/** Sends exactly these headers and body (fetch would recompute Content-Length). */
function rawPost(url: string, headers: Record<string, string>, body: Buffer | string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(body);
  });
}

describe('Slack replays and timestamps', () => {
  it('runs a replayed request once: the copy is acknowledged and dropped', async () => {
    const h = await harness();
    const body = slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl('once') });
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await signedPost(h.eventsUrl, body, { timestamp })).status).toBe(200);
    expect((await signedPost(h.eventsUrl, body, { timestamp })).status).toBe(200);
    // A later, different request is answered; answers run in arrival order, so a replay's answer would be in by then.
    await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl('after') }));
    await h.slack.next((c) => c.path === '/response/after');
    expect(h.slack.calls.filter((c) => c.path === '/response/once')).toHaveLength(1);
  });

  it('drops a replay that reaches another replica sharing the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-replay-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const url = `sqlite:${join(dir, 'bot.db')}`;
    const first = await harness({ DATABASE_URL: url });
    const second = await harness({ DATABASE_URL: url });
    const body = slashCommandBody({ text: 'help', responseUrl: first.slack.responseUrl('shared') });
    const timestamp = Math.floor(Date.now() / 1000);
    await signedPost(first.eventsUrl, body, { timestamp });
    await first.slack.next((c) => c.path === '/response/shared');
    await signedPost(second.eventsUrl, body, { timestamp });
    await signedPost(second.eventsUrl, slashCommandBody({ text: 'help', responseUrl: first.slack.responseUrl('later') }));
    await first.slack.next((c) => c.path === '/response/later');
    expect(first.slack.calls.filter((c) => c.path === '/response/shared')).toHaveLength(1);
  });

  it('refuses a correctly signed request whose timestamp is more than 5 minutes in the future', async () => {
    const h = await harness();
    const body = slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl('future') });
    const res = await signedPost(h.eventsUrl, body, { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 });
    expect(res.status).toBe(401);
    expect(h.slack.calls.some((c) => c.path === '/response/future')).toBe(false);
  });

  it('refuses an unsigned 4 MB body without reading it, and a signed body over 1 MB', async () => {
    const h = await harness();
    const big = Buffer.alloc(4 * 1024 * 1024, 'a');
    expect(await rawPost(h.eventsUrl, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.length) }, big)).toBe(401);
    const body = `${slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl() })}&pad=${'a'.repeat(1024 * 1024)}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const status = await rawPost(
      h.eventsUrl,
      {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(Buffer.byteLength(body)),
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
      },
      body,
    );
    expect(status).toBe(413);
  });
});

describe('Discord options nested 1,000 deep', () => {
  it('answer 400, not 500', async () => {
    const key = newSigningKey();
    const services = await createTestServices({ DISCORD_PUBLIC_KEY: key.publicKeyHex, DISCORD_APPLICATION_ID: APP_ID });
    const http = createHttpServer(pino({ level: 'silent' }));
    const endpoint = createDiscordHttpEndpoint({ services, commands: testCommands, http, publicKey: key.publicKeyHex, applicationId: APP_ID });
    const port = await http.listen(0, '127.0.0.1');
    cleanups.push(async () => {
      await endpoint.stop();
      await http.close();
      await services.store.close();
    });
    let option: Record<string, unknown> = { name: 'question', type: 3, value: 'x' };
    for (let i = 0; i < 1000; i += 1) option = { name: 'group', type: 2, options: [option] };
    const body = JSON.stringify(rawInteraction({ type: 2, data: { id: '1', name: 'rustvsgo', type: 1, options: [option] } }));
    const timestamp = String(Math.floor(services.now().getTime() / 1000));
    const res = await fetch(`http://127.0.0.1:${port}${INTERACTIONS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': signRequest(key, timestamp, body), 'x-signature-timestamp': timestamp },
      body,
    });
    expect(res.status).toBe(400);
  });
});
