// The gateway adapter with a real discord.js Client whose REST base is a local fake Discord API: interactions
// and messages are built from raw payloads and passed through the real client structures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Message, type Client } from 'discord.js';
import { createDiscordClient, createDiscordGateway, DiscordLoginError, mentionText, threadName, type DiscordGateway } from '../../src/adapters/discord/gateway-adapter.ts';
import { isStartupProblem } from '../../src/runtime/fatal-start-error.ts';
import { inlineShowFullId, parseButtonId, shareButtonId } from '../../src/adapters/discord/button-ids.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { APP_ID, BOT_ID, CHANNEL_ID, commandData, rawInteraction, rawUserMessage, testCommands } from './support/discord-fixtures.ts';
import { construct, testGatewayClient } from './support/discord-gateway-client.ts';
import { discordMessage, startFakeDiscordApi, type FakeDiscordApi } from '../support/fake-discord-api.ts';

// Bodies are read loosely: the assertions check their shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

let api: FakeDiscordApi;
let services: Services;
let client: Client;
let gateway: DiscordGateway;

beforeEach(async () => {
  api = await startFakeDiscordApi();
  services = await createTestServices({ DISCORD_API_URL: api.url, DISCORD_TOKEN: 'test-token' });
  client = testGatewayClient(api.url, { guild: true });
  gateway = createDiscordGateway({ services, commands: testCommands, client });
});

afterEach(async () => {
  await gateway.idle();
  await client.destroy();
  await services.store.close();
  await api.close();
});

const routes = () => api.requests.map((r) => `${r.method} ${r.path}`);

describe('slash commands', () => {
  it('builds the client with only Guilds and GuildMessages intents and no pings by default', () => {
    const built = createDiscordClient('http://127.0.0.1:1/api');
    expect(built.options.intents.toArray().sort()).toEqual(['GuildMessages', 'Guilds']);
    expect(built.options.allowedMentions).toEqual({ parse: [], repliedUser: false });
    void built.destroy();
  });

  it('defers ephemerally, then edits the original with embeds and a Share button', async () => {
    const interaction = construct<ChatInputCommandInteraction>(ChatInputCommandInteraction, client, rawInteraction({ type: 2, data: commandData('lookup', { topic: 'gc pauses' }) }));
    await gateway.handleInteraction(interaction);
    expect(routes()).toEqual([
      'POST /api/v10/interactions/700000000000000001/itoken/callback?with_response=false',
      `PATCH /api/v10/webhooks/${APP_ID}/itoken/messages/%40original`,
    ]);
    expect(api.requests[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = api.requests[1]!.body as Json;
    expect(edit.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(edit.embeds[0].title).toMatch(/^Lookup: gc pauses/);
    expect(edit.components[0].components[0].custom_id).toBe(shareButtonId);
  });

  it('reads subcommand groups and options into the command path', async () => {
    const interaction = construct<ChatInputCommandInteraction>(
      ChatInputCommandInteraction,
      client,
      // Manage Channels (1 << 4): settings changes need it by default.
      rawInteraction({ type: 2, data: commandData('team set', { rust: 'strong', go: 'none' }), permissions: String(1 << 4) }),
    );
    await gateway.handleInteraction(interaction);
    expect((api.requests[1]!.body as Json).embeds[0].title).toBe('Team set: rust strong, go none');
  });

  it('answers a failing handler with an apology and keeps handling the next interaction', async () => {
    await gateway.handleInteraction(construct(ChatInputCommandInteraction, client, rawInteraction({ type: 2, data: commandData('explode') })));
    await gateway.handleInteraction(construct(ChatInputCommandInteraction, client, rawInteraction({ type: 2, data: commandData('help') })));
    const edits = api.requests.filter((r) => r.method === 'PATCH').map((r) => (r.body as Json).embeds[0]);
    expect(edits[0].title).toMatch(/^Sorry/);
    expect(edits[0].description).toMatch(/error id/);
    expect(edits[1].title).toMatch(/rustvsgo/);
  });

  it('logs and survives a REST failure (expired interaction)', async () => {
    api.respondWith((r) => (r.path.includes('/callback') ? { status: 404, body: { message: 'Unknown interaction', code: 10062 } } : undefined));
    await expect(gateway.handleInteraction(construct(ChatInputCommandInteraction, client, rawInteraction({ type: 2, data: commandData('help') })))).resolves.toBeUndefined();
    expect(routes()).toHaveLength(1);
  });

  it('goes through the client event pipeline too (INTERACTION_CREATE)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (client as any).actions.InteractionCreate.handle(rawInteraction({ type: 2, data: commandData('help') }));
    await gateway.idle();
    expect(routes()).toHaveLength(2);
  });
});

describe('autocomplete', () => {
  it('responds with at most 25 choices', async () => {
    const interaction = construct<AutocompleteInteraction>(AutocompleteInteraction, client, rawInteraction({ type: 4, data: commandData('lookup', { topic: '' }, 'topic') }));
    await gateway.handleInteraction(interaction);
    expect(routes()).toEqual(['POST /api/v10/interactions/700000000000000001/itoken/callback']);
    const body = api.requests[0]!.body as Json;
    expect(body.type).toBe(8);
    expect(body.data.choices.length).toBeGreaterThan(0);
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
  });
});

describe('buttons', () => {
  const ephemeralAnswer = discordMessage({
    id: '900000000000000005',
    type: 20,
    flags: 64,
    embeds: [{ type: 'rich', title: 'Lookup: tokio', description: 'Tokio facts <@&1> @here', color: 5793266 }],
  });

  it('"Share in channel" posts the same embeds publicly, with no pings', async () => {
    const interaction = construct<ButtonInteraction>(ButtonInteraction, client, rawInteraction({ type: 3, data: { custom_id: shareButtonId, component_type: 2 }, message: ephemeralAnswer }));
    await gateway.handleInteraction(interaction);
    const body = api.requests[0]!.body as Json;
    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0);
    expect(body.data.embeds).toEqual([{ title: 'Lookup: tokio', description: 'Tokio facts ‹@&1› @\u200Dhere', color: 5793266 }]);
    expect(body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('"Show full answer" defers ephemerally and edits with the full answer', async () => {
    const interaction = construct<ButtonInteraction>(
      ButtonInteraction,
      client,
      rawInteraction({ type: 3, data: { custom_id: inlineShowFullId('lookup tokio'), component_type: 2 }, message: { ...ephemeralAnswer, flags: 0 } }),
    );
    await gateway.handleInteraction(interaction);
    expect(api.requests[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
    expect((api.requests[1]!.body as Json).embeds[0].title).toMatch(/^Lookup: tokio/);
  });
});

describe('mentions', () => {
  it('starts a thread from the mention and answers there, condensed, with a Show full button', async () => {
    await gateway.handleMessage(construct<Message>(Message, client, rawUserMessage(`<@${BOT_ID}> Rust or Go for a CLI?`)));
    expect(routes()).toEqual([
      `POST /api/v10/channels/${CHANNEL_ID}/messages/910000000000000001/threads`,
      'POST /api/v10/channels/400000000000000001/messages',
    ]);
    expect((api.requests[0]!.body as Json).name).toBe('rustvsgo: Rust or Go for a CLI?');
    const answer = api.requests[1]!.body as Json;
    expect(answer.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(answer.embeds[0].title).toBe('Recommendation: Go');
    expect(answer.embeds[0].description).toContain('Reason one.');
    expect(answer.embeds[0].description).not.toContain('Reason two.');
    const button = answer.components[0].components[0];
    expect(button.label).toBe('Show full answer');
    // The mention named no command: the one that ran goes in front, so the button runs as a command.
    expect(parseButtonId(button.custom_id)).toEqual({ kind: 'show_full', command: 'ask Rust or Go for a CLI?' });
  });

  it('keeps a command the mention named as it is', async () => {
    await gateway.handleMessage(construct<Message>(Message, client, rawUserMessage(`<@${BOT_ID}> echo times=3 hello`)));
    const button = (api.requests[1]!.body as Json).components[0].components[0];
    expect(parseButtonId(button.custom_id)).toEqual({ kind: 'show_full', command: 'echo times=3 hello' });
  });

  it('stores a long mention behind the button (custom_id stays within 100 characters)', async () => {
    const long = `Rust or Go for ${'a tail-latency sensitive gateway that '.repeat(4)}fans out?`;
    await gateway.handleMessage(construct<Message>(Message, client, rawUserMessage(`<@${BOT_ID}> ${long}`)));
    const answer = api.requests[1]!.body as Json;
    const customId = answer.components[0].components[0].custom_id as string;
    expect(customId.length).toBeLessThanOrEqual(100);
    const action = parseButtonId(customId);
    expect(action?.kind).toBe('show_full_stored');
    if (action?.kind === 'show_full_stored') expect(await services.store.discordActions.get(action.id, services.now())).toBe(`ask ${long}`);
  });

  it('answers inside the thread when the mention was posted in one', async () => {
    await gateway.handleMessage(construct<Message>(Message, client, rawUserMessage(`<@${BOT_ID}> tokio`, { channel_id: '400000000000000009' })));
    expect(routes()).toEqual(['POST /api/v10/channels/400000000000000009/messages']);
    expect((api.requests[0]!.body as Json).message_reference.message_id).toBe('910000000000000001');
  });

  it('replies in the channel when starting a thread is not allowed', async () => {
    api.respondWith((r) => (r.path.endsWith('/threads') ? { status: 403, body: { message: 'Missing Permissions', code: 50013 } } : undefined));
    await gateway.handleMessage(construct<Message>(Message, client, rawUserMessage(`<@${BOT_ID}> tokio`)));
    expect(routes()).toEqual([`POST /api/v10/channels/${CHANNEL_ID}/messages/910000000000000001/threads`, `POST /api/v10/channels/${CHANNEL_ID}/messages`]);
  });

  it.each([
    ['a message that does not mention the bot', rawUserMessage('gc pauses')],
    ['@everyone alone', rawUserMessage('@everyone gc pauses', { mention_everyone: true })],
    ['a message from a bot', rawUserMessage(`<@${BOT_ID}> gc pauses`, { author: { id: '5', username: 'other', discriminator: '0', avatar: null, bot: true } })],
  ])('ignores %s', async (_name, raw) => {
    await gateway.handleMessage(construct<Message>(Message, client, raw));
    expect(api.requests).toHaveLength(0);
  });
});

describe('start-up', () => {
  it('turns a token Discord rejects into a start-up problem naming DISCORD_TOKEN (exit 2, no stack trace)', async () => {
    api.respondWith((r) => (r.path.startsWith('/api/v10/gateway/bot') ? { status: 401, body: { message: '401: Unauthorized', code: 0 } } : undefined));
    const fresh = createDiscordGateway({ services, commands: testCommands, client: createDiscordClient(api.url) });
    const failure = await fresh.start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DiscordLoginError);
    expect(isStartupProblem(failure)).toBe(true);
    expect(String((failure as Error).message)).toMatch(/^DISCORD_TOKEN:/);
    expect(String((failure as Error).message)).not.toContain('test-token');
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v10/gateway/bot']);
    await fresh.stop();
  });
});

describe('mention text', () => {
  it('removes the bot mention wherever it sits and keeps other text', () => {
    expect(mentionText(`hey <@${BOT_ID}> rust or go? <@!${BOT_ID}>`, BOT_ID)).toBe('hey rust or go?');
    expect(mentionText('<@123> rust', BOT_ID)).toBe('<@123> rust');
  });

  it('names threads within 100 characters, with mentions neutralized', () => {
    expect(threadName('x'.repeat(300))).toHaveLength(100);
    expect(threadName('@everyone hi')).not.toMatch(/@everyone/);
    expect(threadName('')).toBe('rustvsgo');
  });
});
