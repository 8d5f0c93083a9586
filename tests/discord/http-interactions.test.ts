// The HTTP interactions endpoint, fed requests signed with a test Ed25519 key; follow-ups go to a local fake
// Discord REST API that records them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscordHttpEndpoint } from '../../src/adapters/discord/http-interactions.ts';
import { inlineShowFullId, shareButtonId, storedShowFullId } from '../../src/adapters/discord/button-ids.ts';
import type { Services } from '../../src/core/services.ts';
import { APP_ID, commandData, rawInteraction, testCommands } from './support/discord-fixtures.ts';
import { newSigningKey } from '../support/discord-signed-request.ts';
import { startDiscordHttpHarness, type DiscordHttpHarness } from './support/discord-http-harness.ts';
import type { FakeDiscordApi } from '../support/fake-discord-api.ts';

// Response bodies are read loosely: the assertions themselves check the shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const NOW = new Date('2026-11-27T10:00:00Z');
const nowSeconds = String(Math.floor(NOW.getTime() / 1000));

let harness: DiscordHttpHarness;
let api: FakeDiscordApi;
let services: Services;
let endpoint: DiscordHttpEndpoint;

beforeEach(async () => {
  harness = await startDiscordHttpHarness({ commands: testCommands, now: NOW });
  ({ api, services, endpoint } = harness);
});

afterEach(() => harness.close());

const post: DiscordHttpHarness['post'] = (payload, options) => harness.post(payload, options);

describe('signature checks', () => {
  it('answers a signed PING with type 1', async () => {
    const res = await post({ id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 });
    expect(res).toEqual({ status: 200, json: { type: 1 } });
  });

  it.each([
    ['a tampered body', { tamper: (b: string) => b.replace('"type":1', '"type":2') }],
    ['a signature from another key', { signWith: newSigningKey() }],
    ['a stale timestamp (replay)', { timestamp: String(Number(nowSeconds) - 3600) }],
  ])('rejects %s with 401', async (_name, options) => {
    const res = await post({ id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 }, options);
    expect(res.status).toBe(401);
    expect(api.requests).toHaveLength(0);
  });

  it('rejects a request with no signature headers with 401', async () => {
    const res = await fetch(harness.url, { method: 'POST', body: '{"type":1}' });
    expect(res.status).toBe(401);
  });
});

describe('application commands', () => {
  it('defers ephemerally, then edits the original response through the REST base', async () => {
    const res = await post(rawInteraction({ type: 2, data: commandData('lookup', { topic: 'gc pauses' }) }));
    expect(res).toEqual({ status: 200, json: { type: 5, data: { flags: 64 } } });
    await endpoint.idle();
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /api/v10/webhooks/${APP_ID}/itoken/messages/%40original`]);
    const body = api.requests[0]!.body as Json;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0].title).toMatch(/^Lookup: gc pauses/);
    expect(body.components[0].components[0].custom_id).toBe(shareButtonId);
    // The edit must not try to change ephemerality (fixed at defer time).
    expect(body.flags).toBeUndefined();
  });

  it('sends the bot token nowhere: webhook edits are unauthenticated', async () => {
    await post(rawInteraction({ type: 2, data: commandData('help') }));
    await endpoint.idle();
    expect(api.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('turns a failing handler into an apology with an id, and keeps serving', async () => {
    await post(rawInteraction({ type: 2, data: commandData('explode') }));
    await endpoint.idle();
    const apology = api.requests[0]!.body as Json;
    expect(apology.embeds[0].title).toMatch(/Sorry/);
    expect(JSON.stringify(apology)).not.toMatch(/password|stack/);
    expect(apology.embeds[0].description).toMatch(/error id `[\w-]+`/);
    expect(apology.components).toEqual([]);

    const next = await post(rawInteraction({ type: 2, data: commandData('help') }));
    expect(next.json).toEqual({ type: 5, data: { flags: 64 } });
    await endpoint.idle();
    expect((api.requests[1]!.body as Json).embeds[0].title).toMatch(/rustvsgo/);
  });

  it('denies a manage subcommand to a member without Manage Channels when SETTINGS_ACCESS=admins', async () => {
    services.config.SETTINGS_ACCESS = 'admins';
    await post(rawInteraction({ type: 2, data: commandData('team set', { rust: 'some', go: 'strong' }), permissions: '0' }));
    await post(rawInteraction({ type: 2, data: commandData('team set', { rust: 'some', go: 'strong' }), permissions: String(1 << 4) }));
    await endpoint.idle();
    const titles = api.requests.map((r) => (r.body as Json).embeds[0].title as string);
    expect(titles).toEqual(['You cannot change this channel’s settings', 'Team set: rust some, go strong']);
  });

  it('offers no Share button on a settings change', async () => {
    await post(rawInteraction({ type: 2, data: commandData('team set', { rust: 'some', go: 'strong' }), permissions: String(1 << 4) }));
    await endpoint.idle();
    const body = api.requests[0]!.body as Json;
    expect(body.embeds[0].title).toBe('Team set: rust some, go strong');
    expect(body.components).toEqual([]);
  });

  it('still answers when the follow-up edit fails (logged, not thrown)', async () => {
    api.respondWith(() => ({ status: 400, body: { message: 'Invalid Form Body', code: 50035 } }));
    const res = await post(rawInteraction({ type: 2, data: commandData('help') }));
    expect(res.status).toBe(200);
    await endpoint.idle();
    expect(api.requests).toHaveLength(1);
  });
});

describe('autocomplete', () => {
  it('answers type 8 with at most 25 choices, without touching the REST API', async () => {
    const res = await post(rawInteraction({ type: 4, data: commandData('lookup', { topic: '' }, 'topic') }));
    expect(res.status).toBe(200);
    expect(res.json!.type).toBe(8);
    const choices = res.json!.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect(c.value.length).toBeLessThanOrEqual(100);
    expect(api.requests).toHaveLength(0);
  });

  it('completes the last item of a list option from its choices', async () => {
    const res = await post(rawInteraction({ type: 4, data: commandData('team set', { rust: 'some', go: 'some', priorities: 'safety,la' }, 'priorities') }));
    expect(res.json!.data.choices).toEqual([{ name: 'safety,latency', value: 'safety,latency' }]);
  });
});

describe('buttons', () => {
  const shownEmbeds = [{ type: 'rich', title: 'Lookup: gc pauses', description: 'Go GC @everyone', color: 5793266, content_scan_version: 2 }];

  it('"Share in channel" reposts the embeds of the message it sits on, visibly and without pings', async () => {
    const res = await post(
      rawInteraction({ type: 3, data: { custom_id: shareButtonId, component_type: 2 }, message: { id: '9', embeds: shownEmbeds, flags: 64 } }),
    );
    expect(res.json!.type).toBe(4);
    expect(res.json!.data.flags).toBeUndefined();
    expect(res.json!.data.embeds).toEqual([{ title: 'Lookup: gc pauses', description: 'Go GC @\u200Deveryone', color: 5793266 }]);
    expect(res.json!.data.allowed_mentions).toEqual({ parse: [] });
    expect(res.json!.data.content).toBe('Shared by Alice');
  });

  it('"Show full answer" (inline command) defers and edits with the full answer', async () => {
    const res = await post(rawInteraction({ type: 3, data: { custom_id: inlineShowFullId('lookup gc pauses'), component_type: 2 }, message: { id: '9', embeds: [] } }));
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });
    await endpoint.idle();
    expect((api.requests[0]!.body as Json).embeds[0].title).toMatch(/^Lookup: gc pauses/);
  });

  it('"Show full answer" never changes settings, whoever presses it', async () => {
    await post(rawInteraction({ type: 3, data: { custom_id: inlineShowFullId('team set some strong'), component_type: 2 }, message: { id: '9', embeds: [] }, permissions: String(1 << 3) }));
    await endpoint.idle();
    expect((api.requests[0]!.body as Json).embeds[0].title).toBe('You cannot change this channel’s settings');
  });

  it('"Show full answer" (stored command) finds the command by id, and says when it expired', async () => {
    const id = await services.store.discordActions.save('lookup gc pauses', NOW);
    await post(rawInteraction({ type: 3, data: { custom_id: storedShowFullId(id), component_type: 2 }, message: { id: '9', embeds: [] } }));
    await post(rawInteraction({ type: 3, data: { custom_id: storedShowFullId('missing'), component_type: 2 }, message: { id: '9', embeds: [] } }));
    await endpoint.idle();
    const bodies = api.requests.map((r) => r.body as Json);
    expect(bodies[0]!.embeds[0].title).toMatch(/^Lookup: gc pauses/);
    expect(bodies[1]!.content).toMatch(/expired/);
  });
});
