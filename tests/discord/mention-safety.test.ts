// Whatever a user types, nothing the bot posts on Discord pings anyone: every message carries
// allowed_mentions {parse: []}, and no @everyone/@here or mention token reaches the text unneutralized.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ButtonInteraction, ChatInputCommandInteraction, Message, type Client } from 'discord.js';
import { shareButtonId } from '../../src/adapters/discord/button-ids.ts';
import { createDiscordGateway, type DiscordGateway } from '../../src/adapters/discord/gateway-adapter.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import { mentionInjectionCorpus } from '../fixtures/mention-injection.ts';
import { BOT_ID, USER_ID, commandData, rawInteraction, rawUserMessage, testCommands } from './support/discord-fixtures.ts';
import { construct, testGatewayClient } from './support/discord-gateway-client.ts';
import { startDiscordHttpHarness, type DiscordHttpHarness } from './support/discord-http-harness.ts';
import { discordMessage, type DiscordRequest } from '../support/fake-discord-api.ts';

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

// One endpoint, fake API and store for the whole corpus; the gateway posts through the same fake API.
let harness: DiscordHttpHarness;
let client: Client;
let gateway: DiscordGateway;

beforeAll(async () => {
  harness = await startDiscordHttpHarness({ commands: testCommands });
  client = testGatewayClient(harness.api.url, { guild: true });
  gateway = createDiscordGateway({ services: harness.services, commands: testCommands, client });
});

afterAll(async () => {
  await gateway.idle();
  await client.destroy();
  await harness.close();
});

describe.each(mentionInjectionCorpus.map((text, i) => [i, text] as const))('corpus entry %i', (_i, text) => {
  it('a mention of the bot posts nothing that pings', async () => {
    const before = harness.api.requests.length;
    // Mallory's message mentions the bot; mention_everyone stays false whatever the text says, as Discord sets it
    // only for a user allowed to ping everyone.
    const raw = rawUserMessage(`<@${BOT_ID}> ${text}`, { author: { id: USER_ID, username: 'mallory', discriminator: '0', avatar: null }, mention_everyone: false });
    await gateway.handleMessage(construct<Message>(Message, client, raw));
    const sent = harness.api.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expectNoPings(sent);
  });

  it('slash commands over the gateway (lookup, echo, help) post nothing that pings', async () => {
    const before = harness.api.requests.length;
    for (const data of [commandData('lookup', { topic: text }), commandData('echo', { text }), commandData('help', { command: text.slice(0, 64) })]) {
      await gateway.handleInteraction(construct<ChatInputCommandInteraction>(ChatInputCommandInteraction, client, rawInteraction({ type: 2, data })));
    }
    const sent = harness.api.requests.slice(before);
    expect(sent.filter((r) => r.method === 'PATCH')).toHaveLength(3);
    expectNoPings(sent);
  });

  it('sharing an answer that quotes the text posts nothing that pings', async () => {
    const before = harness.api.requests.length;
    const message = discordMessage({
      id: '9',
      type: 20,
      flags: 64,
      embeds: [{ title: `Echo: ${text}`, description: text, fields: [{ name: text, value: text }], footer: { text } }],
    });
    const raw = rawInteraction({ type: 3, data: { custom_id: shareButtonId, component_type: 2 }, message });
    (raw as unknown as { member: { user: { global_name: string } } }).member.user.global_name = text;
    await gateway.handleInteraction(construct<ButtonInteraction>(ButtonInteraction, client, raw));
    expectNoPings(harness.api.requests.slice(before));
  });

  it('the HTTP endpoint (deferred edit and autocomplete) posts nothing that pings', async () => {
    const before = harness.api.requests.length;
    const bodies = [
      rawInteraction({ type: 2, data: commandData('echo', { text }) }),
      rawInteraction({ type: 4, data: commandData('lookup', { topic: text.slice(0, 100) }, 'topic') }),
    ];
    for (const payload of bodies) {
      const answer = (await harness.post(payload)).json as { data?: { choices?: { name: string }[] } } | undefined;
      for (const choice of answer?.data?.choices ?? []) expect(containsLivePing(choice.name)).toBe(false);
    }
    await harness.endpoint.idle();
    const sent = harness.api.requests.slice(before);
    expect(sent).toHaveLength(1);
    expectNoPings(sent);
  });
});
