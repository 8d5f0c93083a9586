// Command rate limits: a sliding minute per user and per channel, counted in the database, so two limiters on one
// database (two replicas) share the budget.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import { bucketKey, createCommandRateLimiter } from '../../src/ops/command-rate-limiter.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { slackOrigin } from '../support/invocation-origin.ts';

const origin = (overrides: Partial<InvocationOrigin> = {}): InvocationOrigin => slackOrigin({ isChannelAdmin: async () => false, ...overrides });

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 10, 0, 0) + seconds * 1000);

describe('command rate limiter', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore('sqlite::memory:');
    // rate-limiter-flexible dates its counts by the system clock; keep it on the test's clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at(0));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close().catch(() => undefined);
  });

  const storedKeys = async () => (await store.database.db.selectFrom('rate_limit_points').select('key').execute()).map((r) => r.key);

  it('given a user at their limit, then the next command is refused with the seconds until the sliding minute has room', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 3, channelPerMinute: 100 });
    for (let i = 0; i < 3; i++) expect(await limiter.check(origin(), at(10))).toEqual({ allowed: true });
    // This minute is full; in the next one its 3 count for the share of it still inside the sliding minute, and
    // that drops to 2 (room for one) a third of the way in: 45 s + 20 s.
    expect(await limiter.check(origin(), at(15))).toEqual({ allowed: false, scope: 'user', retryAfterSeconds: 65 });
    expect((await limiter.check(origin(), at(79))).allowed).toBe(false);
    expect((await limiter.check(origin(), at(80))).allowed).toBe(true);
  });

  it('given a sliding minute with no commands, then the user may run commands again', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 1, channelPerMinute: 100 });
    expect((await limiter.check(origin(), at(59))).allowed).toBe(true);
    expect(await limiter.check(origin(), at(59.5))).toEqual({ allowed: false, scope: 'user', retryAfterSeconds: 61 });
    expect((await limiter.check(origin(), at(60))).allowed).toBe(false);
    expect((await limiter.check(origin(), at(119))).allowed).toBe(false);
    expect((await limiter.check(origin(), at(120))).allowed).toBe(true);
  });

  it('given refused attempts, then they are not counted, so retrying does not push the wait out', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 2, channelPerMinute: 100 });
    await limiter.check(origin(), at(0));
    await limiter.check(origin(), at(0));
    const first = await limiter.check(origin(), at(1));
    for (let i = 0; i < 20; i++) await limiter.check(origin(), at(2));
    const later = await limiter.check(origin(), at(3));
    expect(first.allowed || later.allowed).toBe(false);
    if (first.allowed || later.allowed) return;
    expect(3 + later.retryAfterSeconds).toBe(1 + first.retryAfterSeconds);
  });

  it('given a burst of twice the limit across the end of a minute, then only the limit passes', async () => {
    // Fixed windows let 3 commands in at :59 and 3 more at :00; any window's edge must not double the budget.
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 3, channelPerMinute: 100 });
    const burst = [];
    for (const second of [59, 59.5, 59.9, 60, 60.1, 60.5]) burst.push((await limiter.check(origin(), at(second))).allowed);
    expect(burst.filter(Boolean)).toHaveLength(3);
  });

  it('given one early command and a burst straddling the minute after it, then the burst gets no more than the limit', async () => {
    // A window that starts at a key's first hit has an edge too: a command at 0 s, then a burst at 59-61 s.
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 3, channelPerMinute: 100 });
    expect((await limiter.check(origin(), at(0))).allowed).toBe(true);
    const burst = [];
    for (const second of [59, 59.5, 60.5, 60.6, 60.7, 61]) burst.push((await limiter.check(origin(), at(second))).allowed);
    expect(burst.filter(Boolean).length).toBeLessThanOrEqual(3);
  });

  it('given many users in one channel, then the channel limit stops them together', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 10, channelPerMinute: 4 });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await limiter.check(origin({ userId: `U${i}` }), at(0)));
    expect(results.slice(0, 4).every((r) => r.allowed)).toBe(true);
    // Next minute, the 4 weigh 3 (room for one) a quarter of the way in: 60 s + 15 s.
    expect(results[4]).toEqual({ allowed: false, scope: 'channel', retryAfterSeconds: 75 });
  });

  it('given one user over their limit, then their refused attempts do not spend the channel budget', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 2, channelPerMinute: 3 });
    for (let i = 0; i < 10; i++) await limiter.check(origin({ userId: 'flooder' }), at(1));
    expect((await limiter.check(origin({ userId: 'someone-else' }), at(2))).allowed).toBe(true);
  });

  it('given the channel is full, then the user is not charged for the command that did not run', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 1, channelPerMinute: 1 });
    expect((await limiter.check(origin({ userId: 'U9', channelId: 'C9' }), at(0))).allowed).toBe(true);
    expect((await limiter.check(origin({ channelId: 'C9' }), at(0)))).toMatchObject({ allowed: false, scope: 'channel' });
    expect((await limiter.check(origin({ channelId: 'C2' }), at(0))).allowed).toBe(true);
  });

  it('given the same ids on another platform or workspace, then they have their own budget', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 1, channelPerMinute: 1 });
    expect((await limiter.check(origin(), at(0))).allowed).toBe(true);
    expect((await limiter.check(origin({ platform: 'discord' }), at(0))).allowed).toBe(true);
    expect((await limiter.check(origin({ workspaceId: 'T2' }), at(0))).allowed).toBe(true);
    expect((await limiter.check(origin(), at(0))).allowed).toBe(false);
  });

  it('given the local shell or CLI, then nothing is counted', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 1, channelPerMinute: 1 });
    for (let i = 0; i < 5; i++) {
      expect((await limiter.check(origin({ platform: 'shell' }), at(0))).allowed).toBe(true);
      expect((await limiter.check(origin({ platform: 'cli' }), at(0))).allowed).toBe(true);
    }
    expect(await storedKeys()).toEqual([]);
  });

  it('given two limiters on one database (two replicas), then they share the count', async () => {
    const replicaA = createCommandRateLimiter(store.rateLimits, { userPerMinute: 2, channelPerMinute: 100 });
    const replicaB = createCommandRateLimiter(store.rateLimits, { userPerMinute: 2, channelPerMinute: 100 });
    expect((await replicaA.check(origin(), at(0))).allowed).toBe(true);
    expect((await replicaB.check(origin(), at(0))).allowed).toBe(true);
    expect((await replicaA.check(origin(), at(0))).allowed).toBe(false);
  });

  it('given concurrent commands, then exactly the limit passes', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 10, channelPerMinute: 100 });
    const results = await Promise.all(Array.from({ length: 50 }, () => limiter.check(origin(), at(5))));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('given a new window, then counts that expired are pruned', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 5, channelPerMinute: 5 });
    await limiter.check(origin(), at(0));
    vi.setSystemTime(at(60));
    await limiter.check(origin(), at(60));
    const window = (seconds: number) => `@${Math.floor(at(seconds).getTime() / 60_000)}`;
    expect((await storedKeys()).filter((k) => k.startsWith('cmd-user:')).map((k) => k.slice(k.indexOf('@')))).toEqual([window(0), window(60)]);
    // Each minute's count lives two minutes (it is read as the previous minute), then goes.
    vi.setSystemTime(at(150));
    await limiter.check(origin(), at(150));
    expect((await storedKeys()).filter((k) => k.startsWith('cmd-user:')).map((k) => k.slice(k.indexOf('@'))).sort()).toEqual([window(60), window(150)]);
  });

  it('given the database fails, then a memory limiter still limits this process (insurance)', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 2, channelPerMinute: 100 });
    await store.close();
    expect((await limiter.check(origin(), at(1))).allowed).toBe(true);
    expect((await limiter.check(origin(), at(1))).allowed).toBe(true);
    expect(await limiter.check(origin(), at(2))).toMatchObject({ allowed: false, scope: 'user' });
  });

  it('given ids too long for the key column, then the key is a fixed-length hash that still separates users', () => {
    const long = 'x'.repeat(500);
    const a = bucketKey('user', origin({ userId: `${long}a` }));
    const b = bucketKey('user', origin({ userId: `${long}b` }));
    expect(a.length).toBeLessThanOrEqual(200);
    expect(a).not.toBe(b);
  });
});
