// Runs missed while the bot was down: the scheduler's start-up round delivers this week's digest if its slot has
// passed, never a past week's, never twice, and not for a channel that subscribed after this week's slot.
import { afterEach, describe, expect, it } from 'vitest';
import { createDigestScheduler } from '../../src/digest/scheduler.ts';
import { createDeliveryWorld, DISCORD_CHANNEL, SLACK_CHANNEL, type DeliveryWorld } from './support/delivery-world.ts';

const SLOT = { day: 'monday', time: '09:00', timezone: 'Europe/Berlin' } as const; // 08:00Z in winter

let world: DeliveryWorld;

afterEach(async () => {
  await world.close();
});

async function subscribedAt(iso: string): Promise<void> {
  world = await createDeliveryWorld(iso);
  const setup = await world.start();
  await setup.store.digestSubscriptions.subscribe(SLACK_CHANNEL, SLOT, 'U1', world.clock.now());
  await setup.store.digestSubscriptions.subscribe(DISCORD_CHANNEL, SLOT, 'U2', world.clock.now());
}

async function startBotAt(iso: string) {
  world.clock.set(iso);
  const bot = await world.start();
  const scheduler = createDigestScheduler({ deps: bot.deps });
  const result = await scheduler.start();
  await scheduler.stop();
  return { bot, result };
}

describe('catch-up on start', () => {
  it('delivers this week’s digest when the bot was down at the slot', async () => {
    await subscribedAt('2026-11-27T12:00:00Z'); // Friday before
    const { result } = await startBotAt('2026-11-30T15:00:00Z'); // Monday afternoon, slot was 08:00Z
    expect(result?.deliveries.map((d) => d.outcome)).toEqual(['sent', 'sent']);
    expect(world.slack.inChannel('C1')).toHaveLength(1);
    expect(world.discord.inChannel('222')).toHaveLength(1);
  });

  it('a second start in the same week sends nothing more', async () => {
    await subscribedAt('2026-11-27T12:00:00Z');
    await startBotAt('2026-11-30T15:00:00Z');
    const { result } = await startBotAt('2026-12-02T10:00:00Z');
    expect(result?.due).toBe(0);
    expect(world.slack.messages).toHaveLength(1);
    expect(world.discord.messages).toHaveLength(1);
  });

  it('still catches up late in the week (Sunday night, Berlin time)', async () => {
    await subscribedAt('2026-11-27T12:00:00Z');
    await startBotAt('2026-12-06T22:30:00Z'); // Sunday 23:30 in Berlin: still week 49 there
    expect(world.slack.messages.map((m) => m.metadata?.event_payload.week)).toEqual(['2026-W49']);
  });

  it('a week missed entirely is not delivered in the next week', async () => {
    await subscribedAt('2026-11-20T12:00:00Z');
    // Down from before the week-48 slot until Monday of week 49, before that week's slot.
    const { result } = await startBotAt('2026-11-30T07:00:00Z');
    expect(result?.due).toBe(0);
    expect(world.slack.messages).toHaveLength(0);
    const { bot } = await startBotAt('2026-11-30T08:30:00Z');
    expect(world.slack.messages.map((m) => m.metadata?.event_payload.week)).toEqual(['2026-W49']);
    expect(await bot.store.digestLedger.forWeek('2026-W48')).toEqual([]);
  });

  it('a channel that subscribes after this week’s slot starts next week', async () => {
    await subscribedAt('2026-11-30T10:00:00Z'); // Monday, after the 08:00Z slot
    const { result } = await startBotAt('2026-11-30T10:05:00Z');
    expect(result?.due).toBe(0);
    await startBotAt('2026-12-07T08:01:00Z');
    expect(world.slack.messages.map((m) => m.metadata?.event_payload.week)).toEqual(['2026-W50']);
  });
});
