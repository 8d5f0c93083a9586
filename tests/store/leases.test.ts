import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { describeEachBackend, type TestDatabase } from './support/store-backends.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describeEachBackend('leases', (backend) => {
  let database: TestDatabase;
  let store: Store;
  beforeEach(async () => {
    database = await backend.createDatabase();
    store = await database.open();
  });
  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  it('given a free lease then the first holder gets it and a second does not', async () => {
    expect(await store.leases.acquire('collect:2026-W10', 'a', t0, 60_000)).toBe(true);
    expect(await store.leases.acquire('collect:2026-W10', 'b', later(1), 60_000)).toBe(false);
    expect((await store.leases.current('collect:2026-W10', later(1)))?.holder).toBe('a');
  });

  it('given the holder acquires again then it is extended, keeping when it was first acquired', async () => {
    await store.leases.acquire('job', 'a', t0, 60_000);
    expect(await store.leases.acquire('job', 'a', later(30_000), 60_000)).toBe(true);
    const lease = await store.leases.current('job', later(80_000));
    expect(lease).toEqual({ name: 'job', holder: 'a', expiresAt: later(90_000), acquiredAt: t0 });
  });

  it('given a holder that died then its lease is taken over only after it expires', async () => {
    await store.leases.acquire('job', 'dead', t0, 60_000);
    expect(await store.leases.acquire('job', 'b', later(60_000), 60_000)).toBe(false);
    expect(await store.leases.acquire('job', 'b', later(60_001), 60_000)).toBe(true);
    expect(await store.leases.current('job', later(60_001))).toMatchObject({ holder: 'b', acquiredAt: later(60_001) });
    // The dead holder, if it was only paused, learns it lost the lease.
    expect(await store.leases.renew('job', 'dead', later(60_002), 60_000)).toBe(false);
  });

  it('renews only a lease still held', async () => {
    await store.leases.acquire('job', 'a', t0, 1_000);
    expect(await store.leases.renew('job', 'a', later(1_000), 1_000)).toBe(true);
    expect(await store.leases.renew('job', 'a', later(2_001), 1_000)).toBe(false);
  });

  it('given a release then another holder gets it at once; nobody else can release it', async () => {
    await store.leases.acquire('job', 'a', t0, 60_000);
    expect(await store.leases.release('job', 'b')).toBe(false);
    expect(await store.leases.release('job', 'a')).toBe(true);
    expect(await store.leases.acquire('job', 'b', later(1), 60_000)).toBe(true);
  });

  it('releases every lease of a holder (shutdown) and prunes expired ones', async () => {
    await store.leases.acquire('one', 'a', t0, 60_000);
    await store.leases.acquire('two', 'a', t0, 60_000);
    await store.leases.acquire('three', 'b', t0, 1_000);
    expect(await store.leases.releaseAll('a')).toBe(2);
    expect(await store.leases.prune(later(1_001))).toBe(1);
    expect(await store.leases.current('three', t0)).toBeUndefined();
  });

  it('given many replicas racing for one lease then exactly one wins', async () => {
    const replicas: Store[] = [];
    for (let i = 0; i < 5; i++) replicas.push(await database.open());
    try {
      const won = await Promise.all(replicas.map((replica, i) => replica.leases.acquire('race', `r${i}`, t0, 60_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = won.indexOf(true);
      expect((await store.leases.current('race', t0))?.holder).toBe(`r${winner}`);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });
});
