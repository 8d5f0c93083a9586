// The terminal shell's store opens on first use (src/store/deferred-store.ts): nothing is opened for commands that
// never touch it, every repository call waits for the one open, and a failed open is retried on the next call.
import { describe, expect, it } from 'vitest';
import { deferredStore } from '../../src/store/deferred-store.ts';
import { openStore, type Store } from '../../src/store/store.ts';

function counting(open: () => Promise<Store>) {
  const calls = { opened: 0 };
  return { calls, open: () => (calls.opened++, open()) };
}

describe('a store opened on first use', () => {
  it('given no command used it then nothing is opened, and close opens nothing', async () => {
    const { calls, open } = counting(() => openStore('sqlite::memory:'));
    const store = deferredStore('sqlite', open);
    expect(store.kind).toBe('sqlite');
    await store.close();
    expect(calls.opened).toBe(0);
  });

  it('given calls from several repositories then the database opens once and they read each other\'s writes', async () => {
    const { calls, open } = counting(() => openStore('sqlite::memory:'));
    const store = deferredStore('sqlite', open);
    const key = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };
    const [saved] = await Promise.all([store.teamProfiles.get(key), store.rateLimits.pruneExpired(0)]);
    expect(saved).toBeUndefined();
    expect(calls.opened).toBe(1);
    await store.ping();
    expect(store.database.kind).toBe('sqlite');
    await store.close();
  });

  it('given the rate limiter asks it for a counter then the counter works through the one open database', async () => {
    const { calls, open } = counting(() => openStore('sqlite::memory:'));
    const store = deferredStore('sqlite', open);
    const counter = await store.rateLimits.counter({ keyPrefix: 'test', durationSeconds: 60 });
    expect(await counter.add('user:slack:T1:U1')).toBe(1);
    expect(await counter.add('user:slack:T1:U1')).toBe(2);
    expect(await counter.count('user:slack:T1:U1')).toBe(2);
    expect(calls.opened).toBe(1);
    await store.close();
  });

  it('given the open fails then the call fails, and the next call tries again', async () => {
    let attempt = 0;
    const store = deferredStore('sqlite', async () => {
      attempt++;
      if (attempt === 1) throw new Error('disk full');
      return openStore('sqlite::memory:');
    });
    await expect(store.ping()).rejects.toThrow('disk full');
    await expect(store.ping()).resolves.toBeUndefined();
    expect(attempt).toBe(2);
    await store.close();
  });

  it('given a repository is awaited by mistake then it is not a thenable that opens the database', async () => {
    const { calls, open } = counting(() => openStore('sqlite::memory:'));
    const store = deferredStore('sqlite', open);
    expect(await store.feedback).toBe(store.feedback);
    expect(calls.opened).toBe(0);
  });
});
