// The `digest` command group as a user meets it through dispatch: subscribe, status, unsubscribe, watch, unwatch,
// preview; validation of days, times and zones; who may change settings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { dispatchText } from '../../src/core/dispatch.ts';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import type { Services } from '../../src/core/services.ts';
import { loadDemoCollections } from '../../src/digest/demo/load-demo.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { slackOrigin } from '../support/invocation-origin.ts';

const FRIDAY = new Date('2026-11-27T10:00:00Z');
let now: Date;
let services: Services;


async function run(text: string, origin: InvocationOrigin = slackOrigin()) {
  return dispatchText(`/rustvsgo ${text}`, origin, services, commands);
}

beforeEach(async () => {
  now = FRIDAY;
  const base = await createTestServices({ DIGEST_DEFAULT_DAY: 'monday', DIGEST_DEFAULT_TIME: '09:00', DIGEST_DEFAULT_TIMEZONE: 'UTC' });
  services = { ...base, now: () => now };
});

afterEach(async () => {
  await services.store.close();
});

describe('digest subscribe', () => {
  it('uses the configured defaults and names the next delivery in the channel’s zone', async () => {
    const { outcome, reply } = await run('digest subscribe');
    expect(outcome).toBe('ok');
    expect(reply.summary).toContain('every Monday at 09:00 (UTC)');
    expect(reply.fields).toContainEqual(expect.objectContaining({ label: 'Next delivery', value: 'Mon, 30 Nov 2026, 09:00 (UTC)' }));
    expect(reply.visibility).toBe('in_channel');
    expect(await services.store.digestSubscriptions.get({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' })).toMatchObject({
      day: 'monday',
      time: '09:00',
      timezone: 'UTC',
    });
  });

  it('takes day, time and zone, and accepts a zone typed in any case', async () => {
    const { reply } = await run('digest subscribe friday 16:30 america/new_york');
    expect(reply.summary).toContain('every Friday at 16:30 (America/New_York)');
    // Friday 27 Nov 16:30 in New York is still ahead at 10:00 UTC.
    expect(reply.fields).toContainEqual(expect.objectContaining({ value: 'Fri, 27 Nov 2026, 16:30 (America/New_York)' }));
  });

  it.each([
    ['digest subscribe funday', 'day'],
    ['digest subscribe monday 25:00', 'time'],
    ['digest subscribe monday 9am', 'time'],
  ])('rejects "%s" with a usage hint', async (text, option) => {
    const { outcome, reply } = await run(text);
    expect(outcome).toBe('user_error');
    expect(reply.summary).toContain(option);
  });

  it('rejects an unknown time zone without echoing a ping', async () => {
    const { outcome, reply } = await run('digest subscribe monday 09:00 Mars/@here');
    expect(outcome).toBe('user_error');
    expect(reply.title).toContain('is not a time zone');
    expect(containsLivePing(`${reply.title} ${reply.summary ?? ''}`)).toBe(false);
  });

  it('is refused to someone who may not manage the channel', async () => {
    const { outcome } = await run('digest subscribe', slackOrigin({ isChannelAdmin: async () => false }));
    expect(outcome).toBe('denied');
    expect(await services.store.digestSubscriptions.listActive()).toEqual([]);
  });

  it('explains that the shell cannot receive deliveries', async () => {
    const { outcome, reply } = await run('digest subscribe', slackOrigin({ platform: 'shell', workspaceId: 'local', channelId: 'shell' }));
    expect(outcome).toBe('user_error');
    expect(reply.title).toContain('Slack and Discord');
  });

  it('subscribing again changes the slot and lifts a pause', async () => {
    await run('digest subscribe');
    const channel = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' } as const;
    await services.store.digestSubscriptions.pause(channel, 'Slack: is_archived (the channel is archived)', now);
    const { reply } = await run('digest subscribe tuesday 08:15');
    expect(reply.summary).toContain('now resumed');
    const subscription = await services.store.digestSubscriptions.get(channel);
    expect(subscription?.paused).toBeUndefined();
    expect(subscription?.day).toBe('tuesday');
  });
});

describe('digest status and unsubscribe', () => {
  it('says when a channel is not subscribed', async () => {
    const { reply } = await run('digest status');
    expect(reply.title).toBe('No weekly digest here');
  });

  // Found at first contact: in the shell, status said "Subscribe with digest subscribe" (which the shell refuses)
  // and "rustvsgo kb check" (not on PATH in a clone). Hints must work where they are printed.
  it('in the terminal shell, gives only hints that work there', async () => {
    const { reply } = await run('digest status', slackOrigin({ platform: 'shell', workspaceId: 'local', channelId: 'shell' }));
    expect(reply.summary).toContain('The terminal shell has no digest');
    expect(reply.summary).toContain('`digest preview`');
    const kb = reply.fields?.find((f) => f.label === 'Knowledge base')?.value ?? '';
    expect(kb).toMatch(/up to date|`npm run --silent rustvsgo -- kb check`/);
    expect(kb).not.toContain('`rustvsgo kb check`');
  });

  it('is the default of the group, shows schedule, next and last delivery', async () => {
    await run('digest subscribe');
    const channel = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' } as const;
    const ledger = services.store.digestLedger;
    await ledger.ensure(channel, '2026-W48', new Date('2026-11-23T09:00:00Z'), now);
    await ledger.claim(channel, '2026-W48', 'h', now, 60_000);
    await ledger.markSent(channel, '2026-W48', 'h', '1.2', new Date('2026-11-23T09:00:05Z'));

    const { reply } = await run('digest');
    expect(reply.title).toBe('Weekly digest: active');
    expect(reply.fields).toContainEqual(expect.objectContaining({ label: 'Next delivery', value: 'Mon, 30 Nov 2026, 09:00 (UTC)' }));
    expect(reply.fields).toContainEqual(expect.objectContaining({ label: 'Last delivery', value: '2026-W48, Mon, 23 Nov 2026, 09:00 (UTC)' }));
  });

  it('shows a pause and its reason', async () => {
    await run('digest subscribe');
    await services.store.digestSubscriptions.pause({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, 'Slack: not_in_channel (the bot is not a member)', now);
    const { reply } = await run('digest status');
    expect(reply.title).toBe('Weekly digest: paused');
    expect(reply.tone).toBe('warning');
    expect(reply.fields.find((f) => f.label === 'Problem')?.value).toContain('Slack: not_in_channel');
    expect(reply.fields.find((f) => f.label === 'Next delivery')?.value).toBe('none while paused');
  });

  it('unsubscribe removes the subscription; a second one says it was not subscribed', async () => {
    await run('digest subscribe');
    expect((await run('digest unsubscribe')).reply.title).toBe('Weekly digest stopped');
    expect((await run('digest unsubscribe')).reply.title).toBe('Not subscribed');
    expect(await services.store.digestSubscriptions.listActive()).toEqual([]);
  });
});

describe('digest watch and unwatch', () => {
  const channel = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' } as const;

  it('adds a crate and a Go module for this channel only', async () => {
    expect((await run('digest watch tower')).reply.title).toBe('Watching tower');
    expect((await run('digest watch github.com/uptrace/bun')).outcome).toBe('ok');
    const changes = await services.store.digestSubscriptions.watchChanges(channel);
    expect(changes.map((c) => [c.action, c.item.id, c.item.language])).toEqual([
      ['add', 'github.com/uptrace/bun', 'go'],
      ['add', 'tower', 'rust'],
    ]);
    expect(await services.store.digestSubscriptions.watchChanges({ ...channel, channelId: 'C2' })).toEqual([]);
    expect((await services.store.digestSubscriptions.allAdditions()).map((i) => i.id)).toEqual(['github.com/uptrace/bun', 'tower']);
  });

  it('removes a default item, and watch brings it back', async () => {
    expect((await run('digest unwatch actix-web')).reply.title).toBe('actix-web removed from this channel’s digest');
    expect((await services.store.digestSubscriptions.watchChanges(channel)).map((c) => `${c.action}:${c.item.id}`)).toEqual(['remove:actix-web']);
    expect((await run('digest watch actix-web')).reply.title).toBe('actix-web is back in this channel’s digest');
    expect(await services.store.digestSubscriptions.watchChanges(channel)).toEqual([]);
  });

  it('unwatch of an added item drops it; of an unknown one says so', async () => {
    await run('digest watch tower');
    expect((await run('digest unwatch tower')).reply.title).toBe('No longer watching tower');
    const { outcome } = await run('digest unwatch tower');
    expect(outcome).toBe('user_error');
  });

  it('rejects names that are neither a crate nor a module path', async () => {
    const { outcome, reply } = await run('digest watch <!channel> hello');
    expect(outcome).toBe('user_error');
    expect(containsLivePing(reply.title)).toBe(false);
  });

  it('status lists the channel’s watchlist changes', async () => {
    await run('digest subscribe');
    await run('digest watch tower');
    await run('digest unwatch gin');
    const { reply } = await run('digest status');
    expect(reply.fields.find((f) => f.label === 'Watchlist changes')?.value).toBe('+ tower, − gin');
  });
});

describe('digest preview', () => {
  it('shows the stored week’s digest only to the asker, without the channel’s removed items', async () => {
    const demo = loadDemoCollections();
    const current = demo.at(-1)!;
    await services.store.digestSnapshots.save({ ...demo.at(-2)!, week: '2026-W47', collectedAt: '2026-11-16T09:00:00Z' });
    await services.store.digestSnapshots.save({ ...current, week: '2026-W48', collectedAt: '2026-11-23T09:00:00Z' });
    const removed = current.items.find((item) => item.releases.length > 0)!;
    await run(`digest unwatch ${removed.itemId}`);

    const { outcome, reply } = await run('digest preview');
    expect(outcome).toBe('ok');
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.title).toContain('2026-W48');
    const data = reply.data as { items: { name: string }[] };
    expect(data.items.some((item) => item.name === removed.name)).toBe(false);
  });

  it('says there is no data yet instead of collecting in a slash command', async () => {
    const { reply } = await run('digest preview');
    expect(reply.title).toBe('No digest data yet');
  });
});
