// Command rate limits: counted per user and per channel in the database, so two limiters on one database (two
// replicas) share the budget.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import { bucketKey, createCommandRateLimiter } from '../../src/ops/command-rate-limiter.ts';
import { openStore, type Store } from '../../src/store/store.ts';

const origin = (over: Partial<InvocationOrigin> = {}): InvocationOrigin => ({
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C1',
  userId: 'U1',
  locale: 'en',
  requestId: 'req',
  isChannelAdmin: async () => false,
  mode: 'command',
  ...over,
});

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 10, 0, 0) + seconds * 1000);

describe('command rate limiter', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore('sqlite::memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('given a user at their limit, then the next command in the same minute is refused with the seconds left', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 3, channelPerMinute: 100 });
    for (let i = 0; i < 3; i++) expect(await limiter.check(origin(), at(10))).toEqual({ allowed: true });
    expect(await limiter.check(origin(), at(15))).toEqual({ allowed: false, scope: 'user', retryAfterSeconds: 45 });
  });

  it('given a new minute, then the user may run commands again', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 1, channelPerMinute: 100 });
    expect((await limiter.check(origin(), at(59))).allowed).toBe(true);
    expect((await limiter.check(origin(), at(59.5))).allowed).toBe(false);
    expect((await limiter.check(origin(), at(60))).allowed).toBe(true);
  });

  it('given many users in one channel, then the channel limit stops them together', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 10, channelPerMinute: 4 });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await limiter.check(origin({ userId: `U${i}` }), at(0)));
    expect(results.slice(0, 4).every((r) => r.allowed)).toBe(true);
    expect(results[4]).toEqual({ allowed: false, scope: 'channel', retryAfterSeconds: 60 });
  });

  it('given one user over their limit, then their refused attempts do not spend the channel budget', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 2, channelPerMinute: 3 });
    for (let i = 0; i < 10; i++) await limiter.check(origin({ userId: 'flooder' }), at(1));
    expect((await limiter.check(origin({ userId: 'someone-else' }), at(2))).allowed).toBe(true);
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
    expect(await store.rateLimits.count(bucketKey('user', origin({ platform: 'shell' })), at(0).getTime())).toBe(0);
  });

  it('given two limiters on one database (two replicas), then they share the count', async () => {
    const replicaA = createCommandRateLimiter(store.rateLimits, { userPerMinute: 2, channelPerMinute: 100 });
    const replicaB = createCommandRateLimiter(store.rateLimits, { userPerMinute: 2, channelPerMinute: 100 });
    expect((await replicaA.check(origin(), at(0))).allowed).toBe(true);
    expect((await replicaB.check(origin(), at(0))).allowed).toBe(true);
    expect((await replicaA.check(origin(), at(0))).allowed).toBe(false);
  });

  it('given concurrent hits, then every hit is counted exactly once', async () => {
    const hits = await Promise.all(Array.from({ length: 50 }, () => store.rateLimits.hit('user:slack:T1:U1', 0)));
    expect([...hits].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await store.rateLimits.count('user:slack:T1:U1', 0)).toBe(50);
  });

  it('given a new window, then windows older than the previous one are pruned', async () => {
    const limiter = createCommandRateLimiter(store.rateLimits, { userPerMinute: 5, channelPerMinute: 5 });
    await limiter.check(origin(), at(0));
    await limiter.check(origin(), at(60));
    await limiter.check(origin(), at(120));
    const key = bucketKey('user', origin());
    expect(await store.rateLimits.count(key, at(0).getTime())).toBe(0);
    expect(await store.rateLimits.count(key, at(60).getTime())).toBe(1);
    expect(await store.rateLimits.count(key, at(120).getTime())).toBe(1);
  });

  it('given ids too long for the key column, then the key is a fixed-length hash that still separates users', () => {
    const long = 'x'.repeat(500);
    const a = bucketKey('user', origin({ userId: `${long}a` }));
    const b = bucketKey('user', origin({ userId: `${long}b` }));
    expect(a.length).toBeLessThanOrEqual(200);
    expect(a).not.toBe(b);
  });
});
