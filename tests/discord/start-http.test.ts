// The bot as `npm start` runs it with DISCORD_PUBLIC_KEY, DISCORD_APPLICATION_ID, DISCORD_API_URL and PORT set:
// signed PING -> type 1, signed `/rustvsgo ask` -> deferred then delivered by editing the original, bad
// signature -> 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { parseConfig } from '../../src/config/env.ts';
import { startBot, type RunningBot } from '../../src/runtime/start.ts';
import { APP_ID, commandData, rawInteraction } from './support/discord-fixtures.ts';
import { newSigningKey, signRequest } from '../support/discord-signed-request.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../support/fake-discord-api.ts';

const key = newSigningKey();
let api: FakeDiscordApi;
let bot: RunningBot;
let url: string;

beforeAll(async () => {
  api = await startFakeDiscordApi();
  const config = parseConfig({
    DATABASE_URL: 'sqlite::memory:',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DIGEST_ENABLED: 'false',
    DISCORD_PUBLIC_KEY: key.publicKeyHex,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: api.url,
  });
  bot = await startBot(config, pino({ level: 'silent' }));
  url = `http://127.0.0.1:${bot.port}/discord/interactions`;
});

afterAll(async () => {
  await bot?.stop();
  await api?.close();
});

async function post(payload: unknown, signWith = key) {
  const body = JSON.stringify(payload);
  // The running bot checks the timestamp against the real clock.
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetch(url, { method: 'POST', headers: { 'x-signature-ed25519': signRequest(signWith, timestamp, body), 'x-signature-timestamp': timestamp }, body });
  return { status: res.status, json: (await res.json()) as unknown };
}

describe('npm start with the Discord HTTP endpoint configured', () => {
  it('runs the discord-http adapter, not the shell', () => {
    expect(bot.adapters.map((a) => a.name)).toContain('discord-http');
    expect(bot.adapters.map((a) => a.name)).not.toContain('shell');
  });

  it('answers a signed PING with type 1', async () => {
    expect(await post({ id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 })).toEqual({ status: 200, json: { type: 1 } });
  });

  it('rejects a bad signature with 401', async () => {
    const res = await post({ id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 }, newSigningKey());
    expect(res.status).toBe(401);
  });

  it('defers `/rustvsgo ask` and delivers the answer by editing the original through the REST base', async () => {
    const before = api.requests.length;
    const res = await post(rawInteraction({ type: 2, data: commandData('ask', { question: 'Rust or Go for an edge gateway?' }) }));
    expect(res).toEqual({ status: 200, json: { type: 5, data: { flags: 64 } } });
    const [edit] = (await api.waitFor(before + 1)).slice(before);
    expect(edit!.method).toBe('PATCH');
    expect(edit!.path).toBe(`/api/v10/webhooks/${APP_ID}/itoken/messages/%40original`);
    const body = edit!.body as { embeds: { title?: string }[]; allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds.length).toBeGreaterThan(0);
    expect(body.embeds[0]!.title).not.toMatch(/Sorry|Unknown command|needs a fix/);
  });
});
