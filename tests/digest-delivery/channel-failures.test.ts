// What delivery does when a platform says no: a channel that rejects the bot pauses its subscription with the
// reason (no retry loop); a 429 is waited out as told; a transient failure is retried later with backoff.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDue } from '../../src/digest/run-due.ts';
import { createDeliveryWorld, DISCORD_CHANNEL, SLACK_CHANNEL, type DeliveryWorld } from './support/delivery-world.ts';

const SLOT = { day: 'monday', time: '09:00', timezone: 'UTC' } as const;
const WEEK = '2026-W49';

let world: DeliveryWorld;

beforeEach(async () => {
  world = await createDeliveryWorld('2026-11-30T08:00:00Z');
  const setup = await world.start();
  await setup.store.digestSubscriptions.subscribe(SLACK_CHANNEL, SLOT, 'U1', world.clock.now());
  await setup.store.digestSubscriptions.subscribe(DISCORD_CHANNEL, SLOT, 'U2', world.clock.now());
  world.clock.set('2026-11-30T09:01:00Z');
});

afterEach(async () => {
  await world.close();
});

describe('a channel that rejects the bot', () => {
  it.each(['is_archived', 'not_in_channel', 'channel_not_found', 'account_inactive', 'token_revoked'])(
    'Slack %s pauses the subscription with the reason and is not retried',
    async (error) => {
      world.slack.refuse.set('C1', error);
      const bot = await world.start();
      const first = await runDue(bot.deps);
      expect(first.deliveries.find((d) => d.channel.platform === 'slack')?.outcome).toBe('paused');

      const subscription = await bot.store.digestSubscriptions.get(SLACK_CHANNEL);
      expect(subscription?.paused?.reason).toContain(`Slack: ${error}`);
      expect((await bot.store.digestLedger.get(SLACK_CHANNEL, WEEK))?.state).toBe('paused');

      // Later rounds, even days later, do not knock again.
      const callsAfterFirst = world.slack.calls.length;
      for (const hours of [1, 24, 72]) {
        world.clock.advance(hours * 3_600_000);
        await runDue(bot.deps);
      }
      expect(world.slack.calls.length).toBe(callsAfterFirst);
      // The other channel was not held up.
      expect(world.discord.inChannel('222')).toHaveLength(1);
    },
  );

  it.each([
    [50013, 403],
    [50001, 403],
    [10003, 404],
  ])('Discord %i pauses the subscription with the reason', async (code, status) => {
    world.discord.refuse.set('222', { code, status });
    const bot = await world.start();
    const result = await runDue(bot.deps);
    expect(result.deliveries.find((d) => d.channel.platform === 'discord')?.outcome).toBe('paused');
    expect((await bot.store.digestSubscriptions.get(DISCORD_CHANNEL))?.paused?.reason).toContain(`Discord: ${code}`);
    const posts = world.discord.requests.filter((c) => c.method === 'POST').length;
    world.clock.advance(86_400_000);
    await runDue(bot.deps);
    expect(world.discord.requests.filter((c) => c.method === 'POST').length).toBe(posts);
    expect(world.slack.inChannel('C1')).toHaveLength(1);
  });

  it('a Discord channel without Attach Files gets the digest without its chart, not a pause', async () => {
    world.discord.refuseFiles.add('222');
    const bot = await world.start();
    const result = await runDue(bot.deps);
    expect(result.deliveries.find((d) => d.channel.platform === 'discord')?.outcome).toBe('sent');
    const [message] = world.discord.inChannel('222');
    expect(message?.attachments).toEqual([]);
    expect(JSON.stringify(message?.embeds)).not.toContain('attachment://');
    expect((await bot.store.digestSubscriptions.get(DISCORD_CHANNEL))?.paused).toBeUndefined();
  });

  it('a Slack app without files:write delivers the digest without its chart, recorded as sent, not paused', async () => {
    world.slack.on('files.getUploadURLExternal', () => ({ json: { ok: false, error: 'missing_scope' } }));
    const bot = await world.start();
    const result = await runDue(bot.deps);
    expect(result.deliveries.find((d) => d.channel.platform === 'slack')?.outcome).toBe('sent');
    expect(world.slack.inChannel('C1')).toHaveLength(1);
    expect(world.slack.files).toEqual([]);
    expect((await bot.store.digestSubscriptions.get(SLACK_CHANNEL))?.paused).toBeUndefined();
  });

  it('subscribing again after the fix delivers this week’s digest once', async () => {
    world.slack.refuse.set('C1', 'not_in_channel');
    const bot = await world.start();
    await runDue(bot.deps);
    world.slack.refuse.delete('C1');
    world.clock.advance(3_600_000);
    await bot.store.digestSubscriptions.subscribe(SLACK_CHANNEL, SLOT, 'U1', world.clock.now());
    const result = await runDue(bot.deps);
    expect(result.deliveries.map((d) => d.outcome)).toEqual(['sent']);
    expect(world.slack.inChannel('C1')).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('Slack 429: waits Retry-After as told, then posts once', async () => {
    world.slack.failNext('chat.postMessage', 2, { retryAfterSeconds: 3 });
    const bot = await world.start();
    await runDue(bot.deps);
    expect(bot.waits).toEqual([3000, 3000]);
    expect(world.slack.inChannel('C1')).toHaveLength(1);
  });

  it('Discord 429: waits retry_after as told, then posts once', async () => {
    world.discord.rateLimitNext(1, 2);
    const bot = await world.start();
    await runDue(bot.deps);
    expect(bot.waits).toEqual([2000]);
    expect(world.discord.inChannel('222')).toHaveLength(1);
  });

  it('a wait longer than a claim can cover is left to the ledger: retried after Retry-After, not sooner', async () => {
    world.slack.failNext('chat.postMessage', 1, { retryAfterSeconds: 600 });
    const bot = await world.start();
    const first = await runDue(bot.deps);
    expect(first.deliveries.find((d) => d.channel.platform === 'slack')?.outcome).toBe('failed');
    expect(bot.waits).toEqual([]);
    expect((await bot.store.digestLedger.get(SLACK_CHANNEL, WEEK))?.retryAt?.toISOString()).toBe('2026-11-30T09:11:00.000Z');

    world.clock.advance(5 * 60_000);
    expect((await runDue(bot.deps)).deliveries).toEqual([]);
    world.clock.advance(6 * 60_000);
    expect((await runDue(bot.deps)).deliveries.map((d) => d.outcome)).toEqual(['sent']);
    expect(world.slack.inChannel('C1')).toHaveLength(1);
  });
});

describe('a transient failure', () => {
  it('an unreachable API marks the delivery failed with a retry time, without pausing the channel', async () => {
    await world.slack.close();
    const bot = await world.start();
    const result = await runDue(bot.deps);
    expect(result.deliveries.find((d) => d.channel.platform === 'slack')?.outcome).toBe('failed');
    const record = await bot.store.digestLedger.get(SLACK_CHANNEL, WEEK);
    expect(record?.state).toBe('failed');
    expect(record?.retryAt?.toISOString()).toBe('2026-11-30T09:06:00.000Z');
    expect((await bot.store.digestSubscriptions.get(SLACK_CHANNEL))?.paused).toBeUndefined();
  });

  it('with SLACK_DIGEST_HISTORY_CHECK, a post whose answer was lost (HTTP 500 after Slack stored it) is found on retry and not posted again', async () => {
    // No ts came back, so the ledger has none: only reading history (the opt-in, with its scopes) can find it.
    await world.close();
    world = await createDeliveryWorld('2026-11-30T08:00:00Z', { slackHistoryCheck: true });
    const setup = await world.start();
    await setup.store.digestSubscriptions.subscribe(SLACK_CHANNEL, SLOT, 'U1', world.clock.now());
    await setup.store.digestSubscriptions.subscribe(DISCORD_CHANNEL, SLOT, 'U2', world.clock.now());
    world.clock.set('2026-11-30T09:01:00Z');
    world.slack.failNext('chat.postMessage', 1, { status: 500, afterEffect: true });
    const bot = await world.start();
    const first = await runDue(bot.deps);
    expect(first.deliveries.find((d) => d.channel.platform === 'slack')?.outcome).toBe('failed');
    expect(world.slack.inChannel('C1')).toHaveLength(1);

    world.clock.advance(5 * 60_000);
    const retry = await runDue(bot.deps);
    expect(retry.deliveries.map((d) => d.outcome)).toEqual(['recovered']);
    expect(world.slack.inChannel('C1')).toHaveLength(1);
    expect((await bot.store.digestLedger.get(SLACK_CHANNEL, WEEK))?.messageRef).toBe(world.slack.inChannel('C1')[0]!.ts);
  });
});
