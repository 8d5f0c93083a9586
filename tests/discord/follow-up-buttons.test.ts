// Issue 11, item 5 on Discord: an answer's follow-up options are buttons; pressing one re-asks the question with
// that fact added and UPDATES the message it sits on (HTTP: interaction type 3 answered with type 7; gateway:
// interaction.update(), which sends the same callback). Long commands ride on a stored id, since a custom_id
// holds 100 characters. Hand-built advice (fixtureAskCommand); signed requests and the fake Discord REST API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ButtonInteraction, type Client } from 'discord.js';
import { CUSTOM_ID_MAX, inlineFollowUpId, parseButtonId, storedFollowUpId } from '../../src/adapters/discord/button-ids.ts';
import { createDiscordGateway, type DiscordGateway } from '../../src/adapters/discord/gateway-adapter.ts';
import type { CommandSpec } from '../../src/core/command-spec.ts';
import type { Services } from '../../src/core/services.ts';
import { fixtureAskCommand, SETTLING_FACT } from '../helpers/advice-fixtures.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { discordVisibleChars } from '../helpers/visible-chars.ts';
import { commandData, rawInteraction, testCommands } from './support/discord-fixtures.ts';
import { construct, testGatewayClient } from './support/discord-gateway-client.ts';
import { startDiscordHttpHarness, type DiscordHttpHarness } from './support/discord-http-harness.ts';
import { discordMessage, startFakeDiscordApi, type FakeDiscordApi } from '../support/fake-discord-api.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const NOW = new Date('2026-11-27T10:00:00Z');
const commands: readonly CommandSpec[] = testCommands.map((c) => (c.name === 'ask' ? fixtureAskCommand : c));
const SHORT = 'Rust or Go for a rate limiter?';
const LONG = 'Rust or Go for the rate limiter in front of our public payments API, which sees bursts at the top of every hour?';

const customIds = (message: Json): string[] => message.components.flatMap((row: Json) => row.components.map((b: Json) => b.custom_id));
const labels = (message: Json): string[][] => message.components.map((row: Json) => row.components.map((b: Json) => b.label));

describe('over HTTP interactions', () => {
  let harness: DiscordHttpHarness;
  beforeEach(async () => {
    harness = await startDiscordHttpHarness({ commands, now: NOW });
  });
  afterEach(() => harness.close());

  const post = async (payload: unknown) => {
    const { status, json } = await harness.post(payload);
    return { status, json: json! };
  };

  async function askAnswer(question: string): Promise<Json> {
    await post(rawInteraction({ type: 2, data: commandData('ask', { question }) }));
    await harness.endpoint.idle();
    return harness.api.requests.find((r) => r.method === 'PATCH')!.body as Json;
  }

  it('given an answer with a follow-up then its options sit in their own row under Share and Show full', async () => {
    const answer = await askAnswer(SHORT);
    expect(answer.embeds[0].title).toBe('Go · confidence 0.52 (low) · Rust 70 / Go 71');
    // Votes and "Save as ADR" (issue 17) share the first row; follow-up options keep a row of their own.
    expect(labels(answer)).toEqual([['Share in channel', 'Show full answer', '👍', '👎', 'Save as ADR'], ['Rust', 'Go']]);
    const [rust, go] = customIds(answer).slice(-2).map((id) => parseButtonId(id));
    expect(rust).toEqual({ kind: 'follow_up', command: `ask ${SHORT} ${SETTLING_FACT.rust}` });
    expect(go).toEqual({ kind: 'follow_up', command: `ask ${SHORT} ${SETTLING_FACT.go}` });
    expect(discordVisibleChars(answer as never)).toBeLessThanOrEqual(1000);
  });

  it('given a follow-up pressed under the ephemeral answer then the message is updated (type 7) with the new answer', async () => {
    const answer = await askAnswer(SHORT);
    const rust = customIds(answer).at(-2)!;
    const before = harness.api.requests.length;
    const res = await post(rawInteraction({ type: 3, data: { custom_id: rust, component_type: 2 }, message: { id: '9', embeds: answer.embeds, flags: 64 } }));
    expect(res.status).toBe(200);
    expect(res.json.type).toBe(7);
    expect(res.json.data.flags).toBeUndefined();
    expect(res.json.data.embeds[0].title).toBe('Rust · confidence 0.86 (high) · Rust 80 / Go 64');
    expect(res.json.data.allowed_mentions).toEqual({ parse: [] });
    expect(labels(res.json.data)).toEqual([['Share in channel', 'Show full answer', '👍', '👎', 'Save as ADR']]);
    // In place: no new message, no deferred edit.
    await harness.endpoint.idle();
    expect(harness.api.requests.length).toBe(before);
  });

  it('given a question too long for a custom_id then the option is stored and the stored id re-asks it', async () => {
    const answer = await askAnswer(LONG);
    const ids = customIds(answer);
    expect(ids.every((id) => id.length <= CUSTOM_ID_MAX)).toBe(true);
    const go = parseButtonId(ids.at(-1)!);
    expect(go?.kind).toBe('follow_up_stored');
    const res = await post(rawInteraction({ type: 3, data: { custom_id: ids.at(-1), component_type: 2 }, message: { id: '9', embeds: [], flags: 0 } }));
    expect(res.json.type).toBe(7);
    expect(res.json.data.embeds[0].title).toBe('Go · confidence 0.88 (high) · Rust 61 / Go 78');
    // Under a message everyone sees, the new answer has no Share button.
    expect(labels(res.json.data)).toEqual([['Show full answer', '👍', '👎', 'Save as ADR']]);
  });

  it('given "Show full answer" then the full answer keeps the follow-up options under Share', async () => {
    const answer = await askAnswer(SHORT);
    const full = customIds(answer)[1]!;
    expect(parseButtonId(full)).toEqual({ kind: 'show_full', command: `ask --full ${SHORT}` });
    await post(rawInteraction({ type: 3, data: { custom_id: full, component_type: 2 }, message: { id: '9', embeds: [], flags: 64 } }));
    await harness.endpoint.idle();
    const edit = harness.api.requests.filter((r) => r.method === 'PATCH').at(-1)!.body as Json;
    expect(edit.embeds[0].title).toBe('Go · confidence 0.52 (low)');
    expect(labels(edit)).toEqual([['Share in channel'], ['Rust', 'Go']]);
  });

  it('given an expired stored option then a notice is sent on its own and the answer stays', async () => {
    const res = await post(rawInteraction({ type: 3, data: { custom_id: storedFollowUpId('nope'), component_type: 2 }, message: { id: '9', embeds: [], flags: 64 } }));
    expect(res.json.type).toBe(4);
    expect(res.json.data.content).toMatch(/expired/);
    expect(res.json.data.flags).toBe(64);
  });

  it('given a follow-up carrying a settings command then it is refused, not run', async () => {
    const res = await post(rawInteraction({ type: 3, data: { custom_id: inlineFollowUpId('team set rust=strong go=none'), component_type: 2 }, message: { id: '9', embeds: [], flags: 64 }, permissions: String(1 << 4) }));
    expect(res.json.type).toBe(7);
    expect(JSON.stringify(res.json.data.embeds)).not.toMatch(/Team set/);
  });
});

describe('over the gateway', () => {
  let api: FakeDiscordApi;
  let services: Services;
  let client: Client;
  let gateway: DiscordGateway;

  beforeEach(async () => {
    api = await startFakeDiscordApi();
    services = await createTestServices({ DISCORD_API_URL: api.url, DISCORD_TOKEN: 'test-token' }, NOW);
    client = testGatewayClient(api.url);
    gateway = createDiscordGateway({ services, commands, client });
  });
  afterEach(async () => {
    await gateway.idle();
    await client.destroy();
    await services.store.close();
    await api.close();
  });

  const answerMessage = (flags: number) =>
    discordMessage({ id: '900000000000000005', type: 20, flags, embeds: [{ type: 'rich', title: 'Go · confidence 0.52 (low) · Rust 70 / Go 71' }] });

  it('given a follow-up pressed then interaction.update() replaces the message with the new answer', async () => {
    const customId = inlineFollowUpId(`ask ${SHORT} ${SETTLING_FACT.rust}`)!;
    const interaction = construct<ButtonInteraction>(ButtonInteraction, client, rawInteraction({ type: 3, data: { custom_id: customId, component_type: 2 }, message: answerMessage(64) }));
    await gateway.handleInteraction(interaction);
    expect(api.requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`)).toEqual(['POST /api/v10/interactions/700000000000000001/itoken/callback']);
    const body = api.requests[0]!.body as Json;
    expect(body.type).toBe(7);
    expect(body.data.embeds[0].title).toBe('Rust · confidence 0.86 (high) · Rust 80 / Go 64');
    expect(body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(labels(body.data)).toEqual([['Share in channel', 'Show full answer', '👍', '👎', 'Save as ADR']]);
  });

  it('given a stored follow-up then the stored command is re-asked, with its own options kept', async () => {
    const id = await services.store.discordActions.save(`ask ${LONG}`, NOW);
    const interaction = construct<ButtonInteraction>(ButtonInteraction, client, rawInteraction({ type: 3, data: { custom_id: storedFollowUpId(id), component_type: 2 }, message: answerMessage(0) }));
    await gateway.handleInteraction(interaction);
    const body = api.requests[0]!.body as Json;
    expect(body.type).toBe(7);
    // The re-asked question was still open, so the new answer offers its own options; no Share in a public message.
    expect(labels(body.data)).toEqual([['Show full answer', '👍', '👎', 'Save as ADR'], ['Rust', 'Go']]);
  });
});
