// Issue 14, item 6: Discord under load. Autocomplete matches at most 200 typed characters and is rate-limited per
// user; command answers run through the bounded answer queue, so a burst of asks is deferred at once and answered
// a few at a time. Requests are Ed25519-signed and go through the real HTTP interactions endpoint.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDiscordHttpEndpoint, INTERACTIONS_PATH, type DiscordHttpEndpoint } from '../../src/adapters/discord/http-interactions.ts';
import { defineCommand } from '../../src/core/command-spec.ts';
import type { Services } from '../../src/core/services.ts';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { APP_ID, commandData, rawInteraction, testCommands } from '../discord/support/discord-fixtures.ts';
import { newSigningKey, signRequest, type SigningKey } from '../support/discord-signed-request.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../support/fake-discord-api.ts';

const typedLengths: number[] = [];
let running = 0;
let mostAtOnce = 0;

const suggest = defineCommand({
  name: 'suggest',
  description: 'test: records what autocomplete was asked to match',
  examples: ['suggest x'],
  access: 'everyone',
  args: z.object({ topic: z.string().min(1).describe('A topic').meta({ autocomplete: true }) }),
  autocomplete: (_option, partial) => {
    typedLengths.push(partial.length);
    return ['alpha', 'beta'];
  },
  handle: () => ({ title: 'ok', summary: 'ok' }),
});

const slow = defineCommand({
  name: 'slow',
  description: 'test: an answer that takes a while, counting how many run at once',
  examples: ['slow'],
  access: 'everyone',
  args: z.object({}),
  handle: async () => {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise((resolve) => setTimeout(resolve, 30));
    running -= 1;
    return { title: 'done', summary: 'done' };
  },
});

let api: FakeDiscordApi;
let key: SigningKey;
let services: Services;
let http: HttpServer;
let endpoint: DiscordHttpEndpoint;
let url: string;
beforeEach(async () => {
  typedLengths.length = 0;
  running = mostAtOnce = 0;
  api = await startFakeDiscordApi();
  key = newSigningKey();
  services = await createTestServices({ DISCORD_API_URL: api.url, DISCORD_PUBLIC_KEY: key.publicKeyHex, DISCORD_APPLICATION_ID: APP_ID });
  http = createHttpServer(pino({ level: 'silent' }));
  endpoint = createDiscordHttpEndpoint({ services, commands: [...testCommands, suggest, slow], http, publicKey: key.publicKeyHex, applicationId: APP_ID });
  url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}${INTERACTIONS_PATH}`;
});
afterEach(async () => {
  await endpoint.stop();
  await http.close();
  await services.store.close();
  await api.close();
});

async function post(payload: unknown): Promise<{ status: number; json: { type: number; data?: { choices?: unknown[] } } }> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(services.now().getTime() / 1000));
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signRequest(key, timestamp, body), 'x-signature-timestamp': timestamp },
    body,
  });
  return { status: res.status, json: (await res.json()) as { type: number; data?: { choices?: unknown[] } } };
}

function asUser(interaction: ReturnType<typeof rawInteraction>, id: string): unknown {
  const member = (interaction as { member: { user: Record<string, unknown> } }).member;
  return { ...interaction, member: { ...member, user: { ...member.user, id } } };
}

describe('autocomplete under abuse', () => {
  it('matches at most 200 characters of a 10 KB query', async () => {
    const res = await post(rawInteraction({ type: 4, data: commandData('suggest', { topic: 'a'.repeat(10_000) }, 'topic') }));
    expect(res.json.type).toBe(8);
    expect(typedLengths).toEqual([200]);
  });

  it('answers a flood from one user with empty lists past its budget, while another user still gets suggestions', async () => {
    const flood = rawInteraction({ type: 4, data: commandData('suggest', { topic: 'al' }, 'topic') });
    const answers: number[] = [];
    for (let i = 0; i < 30; i += 1) answers.push((await post(flood)).json.data?.choices?.length ?? 0);
    expect(answers.slice(0, 20).every((n) => n > 0)).toBe(true);
    expect(answers.slice(20).every((n) => n === 0)).toBe(true);
    expect(typedLengths).toHaveLength(20);
    const other = await post(asUser(flood, '600000000000000999'));
    expect(other.json.data?.choices?.length).toBeGreaterThan(0);
  });
});

describe('command answers under a burst', () => {
  it('defers every request at once and runs the answers a few at a time through the queue', async () => {
    const results = await Promise.all(Array.from({ length: 24 }, () => post(rawInteraction({ type: 2, data: commandData('slow') }))));
    expect(results.every((r) => r.status === 200 && r.json.type === 5)).toBe(true);
    await endpoint.idle();
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(24);
    expect(mostAtOnce).toBeLessThanOrEqual(4);
  });
});
