// The delivery ledger's transitions: one claim at a time, takeover only after expiry, records only by the
// holder, retries only when due, and one collector per week.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelKey } from '../../src/store/channel-key.ts';
import { openStore, type Store } from '../../src/store/store.ts';

const channel: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const WEEK = '2026-W49';
const t0 = new Date('2026-11-30T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const LEASE = 60_000;
let store: Store;

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  await store.digestLedger.ensure(channel, WEEK, t0, t0);
});

afterEach(async () => {
  await store.close();
});

describe('delivery claims', () => {
  it('ensure is idempotent and starts pending', async () => {
    await store.digestLedger.ensure(channel, WEEK, at(5), at(5));
    expect(await store.digestLedger.forWeek(WEEK)).toEqual([expect.objectContaining({ state: 'pending', attempts: 0, dueAt: t0 })]);
  });

  it('only one holder claims; another gets it only after the claim expired, and is told it is a retry', async () => {
    expect(await store.digestLedger.claim(channel, WEEK, 'A', t0, LEASE)).toEqual({ holder: 'A', attempts: 1, claimUntil: at(LEASE) });
    expect(await store.digestLedger.claim(channel, WEEK, 'B', at(LEASE - 1), LEASE)).toBeUndefined();
    expect(await store.digestLedger.claim(channel, WEEK, 'B', at(LEASE + 1), LEASE)).toMatchObject({ holder: 'B', attempts: 2 });
  });

  it('a holder that lost its claim cannot record the result', async () => {
    await store.digestLedger.claim(channel, WEEK, 'A', t0, LEASE);
    await store.digestLedger.claim(channel, WEEK, 'B', at(LEASE + 1), LEASE);
    expect(await store.digestLedger.markSent(channel, WEEK, 'A', 'ts-a', at(LEASE + 2))).toBe(false);
    expect(await store.digestLedger.markSent(channel, WEEK, 'B', 'ts-b', at(LEASE + 3))).toBe(true);
    expect(await store.digestLedger.get(channel, WEEK)).toMatchObject({ state: 'sent', messageRef: 'ts-b', holder: 'B' });
  });

  it('a sent delivery can never be claimed again', async () => {
    await store.digestLedger.claim(channel, WEEK, 'A', t0, LEASE);
    await store.digestLedger.markSent(channel, WEEK, 'A', 'ts', at(1));
    expect(await store.digestLedger.claim(channel, WEEK, 'B', at(10 * LEASE), LEASE)).toBeUndefined();
  });

  it('a failed delivery is claimable only from its retry time', async () => {
    await store.digestLedger.claim(channel, WEEK, 'A', t0, LEASE);
    await store.digestLedger.markFailed(channel, WEEK, 'A', 'HTTP 500', at(300_000), at(1));
    expect(await store.digestLedger.claim(channel, WEEK, 'B', at(299_999), LEASE)).toBeUndefined();
    expect(await store.digestLedger.claim(channel, WEEK, 'B', at(300_000), LEASE)).toMatchObject({ attempts: 2 });
  });

  it('rows are unique per channel and week', async () => {
    await store.digestLedger.ensure(channel, '2026-W50', at(7 * 86_400_000), t0);
    await store.digestLedger.ensure({ ...channel, channelId: 'C2' }, WEEK, t0, t0);
    expect((await store.digestLedger.forWeek(WEEK)).map((r) => r.channel.channelId)).toEqual(['C1', 'C2']);
  });
});

describe('collection claims', () => {
  it('one holder collects a week; others are busy until it finishes, then see done', async () => {
    expect(await store.digestLedger.claimCollection(WEEK, 'A', t0, LEASE)).toBe('claimed');
    expect(await store.digestLedger.claimCollection(WEEK, 'B', at(1), LEASE)).toBe('busy');
    expect(await store.digestLedger.finishCollection(WEEK, 'A', at(2))).toBe(true);
    expect(await store.digestLedger.claimCollection(WEEK, 'B', at(3), LEASE)).toBe('done');
  });

  it('a dead collector’s claim is taken over after it expires; a failed one after its retry time', async () => {
    await store.digestLedger.claimCollection(WEEK, 'A', t0, LEASE);
    expect(await store.digestLedger.claimCollection(WEEK, 'B', at(LEASE + 1), LEASE)).toBe('claimed');
    await store.digestLedger.failCollection(WEEK, 'B', 'database error', at(LEASE + 600_000), at(LEASE + 2));
    expect(await store.digestLedger.claimCollection(WEEK, 'C', at(LEASE + 599_999), LEASE)).toBe('busy');
    expect(await store.digestLedger.claimCollection(WEEK, 'C', at(LEASE + 600_001), LEASE)).toBe('claimed');
    expect(await store.digestLedger.finishCollection(WEEK, 'A', at(LEASE + 600_002))).toBe(false);
  });
});
