// Whatever a user types, nothing the bot posts on Discord pings anyone: every message carries
// allowed_mentions {parse: []}, and no @everyone/@here or mention token reaches the text unneutralized.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { ButtonInteraction, ChatInputCommandInteraction, ClientUser, Message, type Client } from 'discord.js';
import { shareButtonId } from '../../src/adapters/discord/button-ids.ts';
import { createDiscordClient, createDiscordGateway, type DiscordGateway } from '../../src/adapters/discord/gateway-adapter.ts';
import { createDiscordHttpEndpoint, INTERACTIONS_PATH, type DiscordHttpEndpoint } from '../../src/adapters/discord/http-interactions.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import type { Services } from '../../src/core/services.ts';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { mentionInjectionCorpus } from '../fixtures/mention-injection.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID, USER_ID, commandData, rawInteraction, testCommands } from './support/discord-fixtures.ts';
import { newSigningKey, signRequest } from '../support/discord-signed-request.ts';
import { startFakeDiscordApi, type FakeDiscordApi, type DiscordRequest } from '../support/fake-discord-api.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const construct = <T>(Structure: unknown, client: Client, raw: unknown): T => new (Structure as any)(client, raw) as T;

/** Every text a person could see in a request body (custom_ids are never shown). */
function visibleStrings(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return key === 'custom_id' || key === 'url' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => visibleStrings(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => visibleStrings(v, k));
  return [];
}

/** The message part of a request: the body itself, or `data` of an interaction callback. */
function messageOf(request: DiscordRequest): Record<string, unknown> | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  if (!body) return undefined;
  if (request.path.includes('/callback')) return body.data as Record<string, unknown> | undefined;
  return body;
}

function expectNoPings(requests: DiscordRequest[]) {
  const messages = requests.filter((r) => !r.path.endsWith('/threads')).map(messageOf);
  for (const message of messages) {
    // A deferral carries no text; every message with text or embeds must suppress mentions.
    if (!message || (!('embeds' in message) && !('content' in message) && !('choices' in message))) continue;
    if (!('choices' in message)) expect(message.allowed_mentions).toMatchObject({ parse: [] });
    for (const text of visibleStrings(message)) {
      expect(containsLivePing(text), text).toBe(false);
    }
  }
  for (const thread of requests.filter((r) => r.path.endsWith('/threads'))) {
    expect(containsLivePing(String((thread.body as Record<string, unknown>).name))).toBe(false);
  }
}

let api: FakeDiscordApi;
let services: Services;
let client: Client;
let gateway: DiscordGateway;
let http: HttpServer;
let endpoint: DiscordHttpEndpoint;
let endpointUrl: string;
const key = newSigningKey();
const NOW = new Date('2026-11-27T10:00:00Z');

beforeAll(async () => {
  api = await startFakeDiscordApi();
  services = await createTestServices({ DISCORD_API_URL: api.url }, NOW);
  client = createDiscordClient(api.url);
  client.token = 'test-token';
  client.rest.setToken('test-token');
  client.user = construct<ClientUser>(ClientUser, client, { id: BOT_ID, username: 'rustvsgo', discriminator: '0', avatar: null, bot: true });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (client.guilds as any)._add({
    id: GUILD_ID,
    name: 'g',
    unavailable: false,
    roles: [],
    members: [],
    threads: [],
    channels: [{ id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', position: 0, permission_overwrites: [] }],
  });
  gateway = createDiscordGateway({ services, commands: testCommands, client });
  http = createHttpServer(pino({ level: 'silent' }));
  endpoint = createDiscordHttpEndpoint({ services, commands: testCommands, http, publicKey: key.publicKeyHex, applicationId: APP_ID });
  endpointUrl = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}${INTERACTIONS_PATH}`;
});

afterAll(async () => {
  await gateway.idle();
  await endpoint.stop();
  await http.close();
  await client.destroy();
  await services.store.close();
  await api.close();
});

describe.each(mentionInjectionCorpus.map((text, i) => [i, text] as const))('corpus entry %i', (_i, text) => {
  it('a mention of the bot posts nothing that pings', async () => {
    const before = api.requests.length;
    const raw = {
      id: '910000000000000001',
      channel_id: CHANNEL_ID,
      guild_id: GUILD_ID,
      type: 0,
      content: `<@${BOT_ID}> ${text}`,
      author: { id: USER_ID, username: 'mallory', discriminator: '0', avatar: null },
      mentions: [{ id: BOT_ID, username: 'rustvsgo', discriminator: '0', avatar: null, bot: true }],
      mention_roles: [],
      mention_everyone: false,
      embeds: [],
      attachments: [],
      components: [],
      pinned: false,
      tts: false,
      timestamp: '2026-11-27T10:00:00.000Z',
      edited_timestamp: null,
      flags: 0,
    };
    await gateway.handleMessage(construct<Message>(Message, client, raw));
    const sent = api.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expectNoPings(sent);
  });

  it('slash commands over the gateway (lookup, echo, help) post nothing that pings', async () => {
    const before = api.requests.length;
    for (const data of [commandData('lookup', { topic: text }), commandData('echo', { text }), commandData('help', { command: text.slice(0, 64) })]) {
      await gateway.handleInteraction(construct<ChatInputCommandInteraction>(ChatInputCommandInteraction, client, rawInteraction({ type: 2, data })));
    }
    const sent = api.requests.slice(before);
    expect(sent.filter((r) => r.method === 'PATCH')).toHaveLength(3);
    expectNoPings(sent);
  });

  it('sharing an answer that quotes the text posts nothing that pings', async () => {
    const before = api.requests.length;
    const message = {
      id: '9',
      channel_id: CHANNEL_ID,
      type: 20,
      content: '',
      flags: 64,
      embeds: [{ title: `Echo: ${text}`, description: text, fields: [{ name: text, value: text }], footer: { text } }],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: '2026-11-27T10:00:00.000Z',
      edited_timestamp: null,
      author: { id: BOT_ID, username: 'rustvsgo', discriminator: '0', avatar: null, bot: true },
    };
    const raw = rawInteraction({ type: 3, data: { custom_id: shareButtonId, component_type: 2 }, message });
    (raw as unknown as { member: { user: { global_name: string } } }).member.user.global_name = text;
    await gateway.handleInteraction(construct<ButtonInteraction>(ButtonInteraction, client, raw));
    expectNoPings(api.requests.slice(before));
  });

  it('the HTTP endpoint (deferred edit and autocomplete) posts nothing that pings', async () => {
    const before = api.requests.length;
    const bodies = [
      rawInteraction({ type: 2, data: commandData('echo', { text }) }),
      rawInteraction({ type: 4, data: commandData('lookup', { topic: text.slice(0, 100) }, 'topic') }),
    ];
    for (const payload of bodies) {
      const body = JSON.stringify(payload);
      const timestamp = String(Math.floor(NOW.getTime() / 1000));
      const res = await fetch(endpointUrl, {
        method: 'POST',
        headers: { 'x-signature-ed25519': signRequest(key, timestamp, body), 'x-signature-timestamp': timestamp },
        body,
      });
      const answer = (await res.json()) as { data?: { choices?: { name: string }[] } };
      for (const choice of answer.data?.choices ?? []) expect(containsLivePing(choice.name)).toBe(false);
    }
    await endpoint.idle();
    const sent = api.requests.slice(before);
    expect(sent).toHaveLength(1);
    expectNoPings(sent);
  });
});
