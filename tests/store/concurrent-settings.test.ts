// `team set` and `digest subscribe` sent to several replicas at once (each its own store and connections on one
// database), through the real command dispatcher: no update is lost.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { dispatchText } from '../../src/core/dispatch.ts';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import type { Services } from '../../src/core/services.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import type { ChannelKey } from '../../src/store/channel-key.ts';
import { describeEachBackend, type TestDatabase } from './support/store-backends.ts';
import { createTestServices } from '../helpers/test-services.ts';

const knowledge = loadKnowledgeBase();
const now = new Date('2026-03-04T12:00:00Z');
const origin = (channelId: string, userId: string): InvocationOrigin => ({
  platform: 'slack', workspaceId: 'T1', channelId, userId, locale: 'en', requestId: `req-${userId}`, isChannelAdmin: async () => true, mode: 'command',
});

describeEachBackend('concurrent settings from several replicas', (backend) => {
  let database: TestDatabase;
  let replicas: Services[];
  beforeEach(async () => {
    database = await backend.createDatabase();
    replicas = [];
    for (let i = 0; i < 3; i++) {
      replicas.push({ ...(await createTestServices({ DATABASE_URL: database.url }, now, await database.open())), knowledge });
    }
  });
  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.store.close()));
    await database.drop();
  });

  const run = (replica: Services, text: string, channelId: string, userId: string) => dispatchText(text, origin(channelId, userId), replica, commands);

  it('team set: each replica changing a different field of the same channel at once keeps every change', async () => {
    const channels = Array.from({ length: 8 }, (_, i) => `C${i}`);
    await Promise.all(
      channels.flatMap((channelId) => [
        run(replicas[0]!, '/rustvsgo team set rust=strong', channelId, 'U0'),
        run(replicas[1]!, '/rustvsgo team set go=some', channelId, 'U1'),
        run(replicas[2]!, '/rustvsgo team set priorities=safety,tail-latency', channelId, 'U2'),
      ]),
    );
    for (const channelId of channels) {
      const key: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId };
      expect((await replicas[0]!.store.teamProfiles.get(key))?.profile, channelId).toEqual({ rust: 'strong', go: 'some', priorities: ['safety', 'tail-latency'] });
    }
  });

  it('digest subscribe: every channel subscribed through any replica at once is subscribed once', async () => {
    const channels = Array.from({ length: 12 }, (_, i) => `C${i}`);
    const replies = await Promise.all(
      channels.flatMap((channelId, i) => replicas.map((replica, r) => run(replica, `/rustvsgo digest subscribe friday 1${r}:00 UTC`, channelId, `U${i}-${r}`))),
    );
    expect(replies.every((r) => r.outcome === 'ok')).toBe(true);
    const active = await replicas[0]!.store.digestSubscriptions.listActive();
    expect(active.map((s) => s.channel.channelId).sort()).toEqual([...channels].sort());
    for (const subscription of active) {
      // One replica's whole write: its time matches the user who wrote it.
      const replica = subscription.updatedBy.split('-')[1];
      expect(subscription).toMatchObject({ day: 'friday', time: `1${replica}:00`, timezone: 'UTC' });
    }
  });
});
