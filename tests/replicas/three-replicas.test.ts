// Three replica processes share one PostgreSQL database and one fake Slack API through a weekly digest cycle;
// one is killed with SIGKILL after Slack received its post but before it could record it. Every channel must
// end up with exactly one digest, and the week's data must be collected exactly once. Slack never answered that
// post, so no ts reached the ledger: only the history check finds it, hence SLACK_DIGEST_HISTORY_CHECK=true here
// (the opt-in; without it such a digest is posted again: docs/slack.md).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelKey } from '../../src/store/channel-key.ts';
import type { Store } from '../../src/store/store.ts';
import { cleanEnv } from '../helpers/run-entry.ts';
import { postgresBackend, type TestDatabase } from '../store/support/store-backends.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { spawnNode, type RunningProcess } from './support/spawn-node.ts';

const week = '2026-W10';
const slotTime = new Date('2026-03-02T09:00:00Z'); // Monday 09:00 UTC
const leaseMs = 60_000;
const channels = Array.from({ length: 12 }, (_, i): ChannelKey => ({ platform: 'slack', workspaceId: 'T1', channelId: `C${String(i).padStart(2, '0')}` }));

interface ReplicaRun extends RunningProcess {
  index: number;
}

describe.skipIf(!postgresBackend.available)('three replicas on one PostgreSQL [postgres]', () => {
  let database: TestDatabase;
  let store: Store;
  let slack: FakeSlackApi;
  let collectLog: string;

  beforeAll(async () => {
    database = await postgresBackend.createDatabase();
    store = await database.open();
    slack = await startFakeSlackApi();
    collectLog = join(mkdtempSync(join(tmpdir(), 'rustvsgo-replicas-')), 'collections.log');
    writeFileSync(collectLog, '');
    for (const channel of channels) {
      await store.digestSubscriptions.subscribe(channel, { day: 'monday', time: '09:00', timezone: 'UTC' }, 'U1', new Date('2026-02-20T00:00:00Z'));
    }
  });
  afterAll(async () => {
    await store?.close();
    await slack?.close();
    await database?.drop();
  });

  function startReplica(index: number, at: Date): ReplicaRun {
    const run = spawnNode(
      'tests/replicas/support/replica-entry.ts',
      [],
      cleanEnv({
        DATABASE_URL: database.url,
        SLACK_BOT_TOKEN: `xoxb-replica-${index}`,
        SLACK_API_URL: slack.apiUrl,
        SLACK_DIGEST_HISTORY_CHECK: 'true',
        REPLICA_NOW: at.toISOString(),
        REPLICA_LEASE_MS: String(leaseMs),
        COLLECT_LOG: collectLog,
        LOG_LEVEL: 'error',
      }),
    );
    return { ...run, index };
  }

  const at = (msAfterSlot: number) => new Date(slotTime.getTime() + msAfterSlot);

  it('delivers exactly one digest to every channel although a replica dies between posting and recording', async () => {
    // Round 1: three replicas wake up a minute after the slot. One collects; those that then find the data ready
    // deliver, each channel claimed by one of them (a replica that finds collection busy leaves it to the others
    // or a later round). On the third post Slack keeps the message but never answers, and the poster is killed there.
    let victim: ReplicaRun | undefined;
    const round1 = [0, 1, 2].map((i) => startReplica(i, at(60_000)));
    slack.holdAnswers((call) => {
      if (call.method !== 'chat.postMessage' || slack.messages.length !== 3) return false;
      victim = round1.find((r) => call.token === `xoxb-replica-${r.index}`);
      victim?.child.kill('SIGKILL');
      return true;
    });
    const results1 = await Promise.all(round1.map((r) => r.done));
    expect(victim, 'a replica was killed mid-delivery').toBeDefined();
    const killed = results1[victim!.index]!;
    expect(killed.signal).toBe('SIGKILL');
    for (const [i, result] of results1.entries()) if (i !== victim!.index) expect(result.code, result.stderr).toBe(0);
    const victimChannel = slack.messages[2]!.channel;
    expect((await store.digestLedger.get({ platform: 'slack', workspaceId: 'T1', channelId: victimChannel }, week))?.state).toBe('claimed');

    slack.holdAnswers(undefined);

    // Round 2, after the dead claim expired: one replica takes it over, finds the message in the channel's
    // history by its metadata, and records it instead of posting again; channels round 1 left are sent.
    const results2 = await Promise.all([0, 1, 2].map((i) => startReplica(i, at(60_000 + leaseMs + 1_000)).done));
    for (const result of results2) expect(result.code, result.stderr).toBe(0);
    const outcomes2 = results2.flatMap((r) => (JSON.parse(r.stdout) as { outcomes: [string, string][] }).outcomes);
    // Replicas that lose the race for a claim report "skipped"; exactly one recovers the dead holder's post.
    expect(outcomes2.filter(([channel, outcome]) => channel === victimChannel && outcome !== 'skipped')).toEqual([[victimChannel, 'recovered']]);
    expect(outcomes2.every(([, outcome]) => ['sent', 'recovered', 'skipped'].includes(outcome))).toBe(true);

    for (const channel of channels) {
      expect(slack.messages.filter((m) => m.channel === channel.channelId), channel.channelId).toHaveLength(1);
    }
    const ledger = await store.digestLedger.forWeek(week);
    expect(ledger).toHaveLength(channels.length);
    for (const row of ledger) {
      const message = slack.messages.find((m) => m.channel === row.channel.channelId);
      expect(row).toMatchObject({ state: 'sent', messageRef: message?.ts });
    }
    expect(readFileSync(collectLog, 'utf8').trim().split('\n')).toHaveLength(1);
  }, 240_000);
});
