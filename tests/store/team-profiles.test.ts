import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ChannelKey } from '../../src/store/channel-key.ts';
import type { Store } from '../../src/store/store.ts';
import { describeEachBackend, type TestDatabase } from './support/store-backends.ts';

const channel: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const at = new Date('2026-03-02T09:00:00Z');

describeEachBackend('team profiles', (backend) => {
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

  it('given no profile then get returns undefined', async () => {
    expect(await store.teamProfiles.get(channel)).toBeUndefined();
  });

  it('given a profile set then get returns it with who and when', async () => {
    await store.teamProfiles.set(channel, { rust: 'none', go: 'strong', priorities: ['tail-latency'] }, 'U1', at);
    expect(await store.teamProfiles.get(channel)).toEqual({
      profile: { rust: 'none', go: 'strong', priorities: ['tail-latency'] },
      updatedBy: 'U1',
      updatedAt: at,
    });
  });

  it('given a second set on the same channel then it replaces the first', async () => {
    await store.teamProfiles.set(channel, { rust: 'none', go: 'strong', priorities: [] }, 'U1', at);
    await store.teamProfiles.set(channel, { rust: 'strong', go: 'some', priorities: ['safety'] }, 'U2', new Date(at.getTime() + 1));
    const stored = await store.teamProfiles.get(channel);
    expect(stored?.profile).toEqual({ rust: 'strong', go: 'some', priorities: ['safety'] });
    expect(stored?.updatedBy).toBe('U2');
    expect(stored?.updatedAt.getTime()).toBe(at.getTime() + 1);
  });

  it('keeps channels, workspaces and platforms apart', async () => {
    const keys: ChannelKey[] = [
      channel,
      { ...channel, channelId: 'C2' },
      { ...channel, workspaceId: 'T2' },
      { ...channel, platform: 'discord' },
    ];
    for (const [i, key] of keys.entries()) {
      await store.teamProfiles.set(key, { rust: 'some', go: 'some', priorities: [] }, `U${i}`, at);
    }
    for (const [i, key] of keys.entries()) expect((await store.teamProfiles.get(key))?.updatedBy).toBe(`U${i}`);
  });

  it('round-trips epoch milliseconds exactly as a number (PostgreSQL bigint parsed as number)', async () => {
    const late = new Date('2099-12-31T23:59:59.999Z');
    await store.teamProfiles.set(channel, { rust: 'some', go: 'some', priorities: [] }, 'U1', late);
    const stored = await store.teamProfiles.get(channel);
    expect(stored?.updatedAt).toEqual(late);
  });

  it('answers ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});
