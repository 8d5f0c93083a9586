// Every repository's core operations on both backends: the same calls, the same results.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadDemoCollections } from '../../src/digest/demo/load-demo.ts';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import { createCommandRateLimiter } from '../../src/ops/command-rate-limiter.ts';
import type { ChannelKey } from '../../src/store/channel-key.ts';
import type { Store } from '../../src/store/store.ts';
import { describeEachBackend, type TestDatabase } from './support/store-backends.ts';

const at = new Date('2026-03-02T09:00:00Z');
const channel: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };

describeEachBackend('repositories', (backend) => {
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

  it('slack installations: save, replace on reinstall, find, count, delete', async () => {
    const installation = { team: { id: 'T1', name: 'Acme' }, bot: { token: 'xoxb-1' }, isEnterpriseInstall: false };
    await store.slackInstallations.save(installation, at);
    await store.slackInstallations.save({ ...installation, bot: { token: 'xoxb-2' } }, at);
    expect(await store.slackInstallations.find({ teamId: 'T1' })).toMatchObject({ bot: { token: 'xoxb-2' } });
    expect(await store.slackInstallations.count()).toBe(1);
    expect(await store.slackInstallations.delete({ teamId: 'T1' })).toBe(true);
    expect(await store.slackInstallations.find({ teamId: 'T1' })).toBeUndefined();
  });

  it('source validators: put replaces, get returns what was put', async () => {
    const url = 'https://crates.io/api/v1/crates/tokio';
    await store.sourceValidators.put(url, { body: '{"a":1}', etag: 'W/"1"' });
    await store.sourceValidators.put(url, { body: '{"a":2}', lastModified: 'Mon, 02 Mar 2026 09:00:00 GMT' });
    expect(await store.sourceValidators.get(url)).toEqual({ body: '{"a":2}', lastModified: 'Mon, 02 Mar 2026 09:00:00 GMT' });
  });

  it('digest snapshots: a saved collection reads back equal; saving the week again replaces it', async () => {
    const [first, second] = loadDemoCollections();
    if (!first || !second) throw new Error('the demo data has two weeks');
    await store.digestSnapshots.save(first);
    await store.digestSnapshots.save(first);
    await store.digestSnapshots.save(second);
    expect(await store.digestSnapshots.get(first.week)).toEqual(first);
    expect(await store.digestSnapshots.weeksBefore(second.week, 5)).toEqual([first.week]);
    expect((await store.digestSnapshots.history(second.week, 5)).map((c) => c.week)).toEqual([first.week, second.week]);
  });

  it('discord actions: saved commands are found by id until they expire', async () => {
    const id = await store.discordActions.save('ask Rust or Go for a proxy?', at);
    expect(await store.discordActions.get(id, at)).toBe('ask Rust or Go for a proxy?');
    expect(await store.discordActions.get(id, new Date(at.getTime() + 31 * 24 * 3600_000))).toBeUndefined();
  });

  it('rate limits: counts from several replicas at once all land, and the limit holds across them', async () => {
    const replicas: Store[] = [];
    for (let i = 0; i < 4; i++) replicas.push(await database.open());
    try {
      const counters = await Promise.all(replicas.map((replica) => replica.rateLimits.counter({ keyPrefix: 'test', durationSeconds: 60 })));
      const counts = await Promise.all(counters.flatMap((counter) => Array.from({ length: 10 }, () => counter.add('user:slack:T1:U1'))));
      // Each hit saw a distinct running total: no two increments read the same value.
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const limiters = replicas.map((replica) => createCommandRateLimiter(replica.rateLimits, { userPerMinute: 10, channelPerMinute: 1000 }));
      const origin: InvocationOrigin = { ...channel, userId: 'U1', locale: 'en', requestId: 'r', mode: 'command', isChannelAdmin: async () => false };
      const decisions = await Promise.all(limiters.flatMap((limiter) => Array.from({ length: 10 }, () => limiter.check(origin, new Date()))));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });

  it('digest subscriptions: concurrent subscribes from several replicas all land, and one whole write wins per channel', async () => {
    const replicas: Store[] = [];
    for (let i = 0; i < 4; i++) replicas.push(await database.open());
    try {
      const channels = Array.from({ length: 12 }, (_, i): ChannelKey => ({ ...channel, channelId: `C${i}` }));
      await Promise.all(
        channels.map((key, i) => replicas[i % replicas.length]!.digestSubscriptions.subscribe(key, { day: 'monday', time: '09:00', timezone: 'UTC' }, `U${i}`, at)),
      );
      // Then every replica re-subscribes one channel at once with a different time.
      await Promise.all(
        replicas.map((replica, i) => replica.digestSubscriptions.subscribe(channel, { day: 'friday', time: `1${i}:00`, timezone: 'Europe/Berlin' }, `R${i}`, new Date(at.getTime() + i))),
      );
      const active = await store.digestSubscriptions.listActive();
      expect(active.map((s) => s.channel.channelId).sort()).toEqual(channels.map((c) => c.channelId).sort());
      const winner = await store.digestSubscriptions.get(channel);
      // Exactly one replica's write, whole (never a mix of two writes).
      const index = Number(winner?.updatedBy.slice(1));
      expect(winner).toMatchObject({ day: 'friday', time: `1${index}:00`, timezone: 'Europe/Berlin', activeFrom: at });
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });

  it('team profiles: concurrent sets on many channels from several replicas lose no update', async () => {
    const replicas: Store[] = [];
    for (let i = 0; i < 4; i++) replicas.push(await database.open());
    try {
      const channels = Array.from({ length: 20 }, (_, i): ChannelKey => ({ ...channel, channelId: `C${i}` }));
      await Promise.all(
        channels.flatMap((key, i) =>
          replicas.map((replica, r) => replica.teamProfiles.set(key, { rust: 'some', go: 'strong', priorities: [] }, `U${i}-R${r}`, at)),
        ),
      );
      for (const [i, key] of channels.entries()) expect((await store.teamProfiles.get(key))?.updatedBy).toMatch(new RegExp(`^U${i}-R[0-3]$`));
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });
});
