// Each channel's digest follows its own watchlist: one collection covers the default list plus every channel's
// additions, and each channel's post leaves out what it removed (channels sharing a watchlist share one build).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build.ts';
import { loadDemoCollections } from '../../src/digest/demo/load-demo.ts';
import { runDue } from '../../src/digest/run-due.ts';
import { watchItemForName } from '../../src/knowledge/watchlist.ts';
import { createDeliveryWorld, SLACK_CHANNEL, type DeliveryWorld } from './support/delivery-world.ts';

const SLOT = { day: 'monday', time: '09:00', timezone: 'UTC' } as const;
const OTHER = { ...SLACK_CHANNEL, channelId: 'C2' };
let world: DeliveryWorld;

beforeEach(async () => {
  world = await createDeliveryWorld('2026-11-30T08:00:00Z');
});

afterEach(async () => {
  await world.close();
});

describe('per-channel watchlists', () => {
  it('collects the union of additions once and leaves a removed item out of that channel’s digest only', async () => {
    const demo = loadDemoCollections().at(-1)!;
    // An item the digest of this data shows (a release in the window).
    const shown = buildDigest({ current: demo }).items.find((item) => item.kind === 'release')!;
    const released = demo.items.find((item) => item.name === shown.name)!;
    const setup = await world.start();
    for (const channel of [SLACK_CHANNEL, OTHER]) await setup.store.digestSubscriptions.subscribe(channel, SLOT, 'U1', world.clock.now());
    await setup.store.digestSubscriptions.setWatchChange(SLACK_CHANNEL, { action: 'remove', item: { ...watchItemForName(released.itemId)!, id: released.itemId } }, 'U1', world.clock.now());
    await setup.store.digestSubscriptions.setWatchChange(OTHER, { action: 'add', item: watchItemForName('tower')! }, 'U1', world.clock.now());

    world.clock.set('2026-11-30T09:00:10Z');
    const bot = await world.start();
    await runDue(bot.deps);

    expect(bot.collections).toBe(1);
    expect(bot.collectedWatchlist).toContain('tower');
    expect(bot.collectedWatchlist).toContain(released.itemId);
    const posted = (channelId: string) => JSON.stringify(world.slack.inChannel(channelId)[0]!.blocks);
    expect(posted('C2')).toContain(released.name);
    expect(posted('C1')).not.toContain(released.name);
  });
});
