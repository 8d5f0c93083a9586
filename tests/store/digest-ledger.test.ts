// The delivery ledger and collection claims under contention: several replicas (separate connections, real
// concurrency on PostgreSQL) racing for the same rows.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ChannelKey } from '../../src/store/channel-key.ts';
import type { Store } from '../../src/store/store.ts';
import { describeEachBackend, type TestDatabase } from './support/store-backends.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const week = '2026-W10';
const lease = 60_000;
const channels = Array.from({ length: 30 }, (_, i): ChannelKey => ({ platform: 'slack', workspaceId: 'T1', channelId: `C${i}` }));

describeEachBackend('digest ledger', (backend) => {
  let database: TestDatabase;
  let store: Store;
  let replicas: Store[];
  beforeEach(async () => {
    database = await backend.createDatabase();
    store = await database.open();
    replicas = [];
    for (let i = 0; i < 3; i++) replicas.push(await database.open());
  });
  afterEach(async () => {
    await Promise.all([store, ...replicas].map((s) => s.close()));
    await database.drop();
  });

  it('given three replicas claiming every channel at once then each channel is claimed by exactly one', async () => {
    const claims = await Promise.all(
      replicas.map(async (replica, r) => {
        const won: string[] = [];
        for (const channel of channels) {
          await replica.digestLedger.ensure(channel, week, t0, t0);
          if (await replica.digestLedger.claim(channel, week, `r${r}`, t0, lease)) won.push(channel.channelId);
        }
        return won;
      }),
    );
    expect(claims.flat().sort()).toEqual(channels.map((c) => c.channelId).sort());
    const rows = await store.digestLedger.forWeek(week);
    expect(rows.every((row) => row.state === 'claimed' && row.attempts === 1)).toBe(true);
  });

  it('given a claim then nobody else can record it sent, and it can be sent once', async () => {
    const [a, b] = replicas as [Store, Store];
    await a.digestLedger.ensure(channels[0]!, week, t0, t0);
    expect(await a.digestLedger.claim(channels[0]!, week, 'a', t0, lease)).toMatchObject({ attempts: 1 });
    expect(await b.digestLedger.claim(channels[0]!, week, 'b', later(1), lease)).toBeUndefined();
    expect(await b.digestLedger.markSent(channels[0]!, week, 'b', 'ts-b', later(2))).toBe(false);
    expect(await a.digestLedger.markSent(channels[0]!, week, 'a', 'ts-a', later(3))).toBe(true);
    expect(await b.digestLedger.claim(channels[0]!, week, 'b', later(lease * 10), lease)).toBeUndefined();
    expect(await store.digestLedger.get(channels[0]!, week)).toMatchObject({ state: 'sent', messageRef: 'ts-a', holder: 'a' });
  });

  it('given a holder that died then its claim is taken over after expiry, once, with attempts showing an earlier claim', async () => {
    const [dead, b, c] = replicas as [Store, Store, Store];
    await dead.digestLedger.ensure(channels[0]!, week, t0, t0);
    await dead.digestLedger.claim(channels[0]!, week, 'dead', t0, lease);
    expect(await b.digestLedger.claim(channels[0]!, week, 'b', later(lease), lease)).toBeUndefined();
    const takeovers = await Promise.all([b, c].map((s, i) => s.digestLedger.claim(channels[0]!, week, `t${i}`, later(lease + 1), lease)));
    const won = takeovers.filter((t) => t !== undefined);
    expect(won).toHaveLength(1);
    expect(won[0]?.attempts).toBe(2);
    // The dead holder comes back (a paused VM): it may not record its late send over the new holder's claim.
    expect(await dead.digestLedger.markSent(channels[0]!, week, 'dead', 'ts-late', later(lease + 2))).toBe(false);
  });

  it('given a recorded chart progress then only the claim holder starts it, once, and a definite no clears it', async () => {
    const [a, b] = replicas as [Store, Store];
    const channel = channels[0]!;
    await a.digestLedger.ensure(channel, week, t0, t0);
    await a.digestLedger.claim(channel, week, 'a', t0, lease);
    expect(await a.digestLedger.chartState(channel, week)).toBe('none');
    // Not the holder: may not start the chart.
    expect(await b.digestLedger.markChartStarted(channel, week, 'b', later(1), 'none')).toBe(false);
    expect(await a.digestLedger.markChartStarted(channel, week, 'a', later(2), 'none')).toBe(true);
    // A second start from 'none' (a racing uploader) fails: one sharing call at most.
    expect(await a.digestLedger.markChartStarted(channel, week, 'a', later(3), 'none')).toBe(false);
    expect(await store.digestLedger.chartState(channel, week)).toBe('started');
    await a.digestLedger.clearChartStarted(channel, week, later(4));
    expect(await store.digestLedger.chartState(channel, week)).toBe('none');
    expect(await a.digestLedger.markChartStarted(channel, week, 'a', later(5), 'none')).toBe(true);
    // After the holder died, the next holder that checked the thread may start it again from 'started'.
    const next = await b.digestLedger.claim(channel, week, 'b', later(lease + 1), lease);
    expect(next?.attempts).toBe(2);
    expect(await a.digestLedger.markChartStarted(channel, week, 'a', later(lease + 2), 'started')).toBe(false);
    expect(await b.digestLedger.markChartStarted(channel, week, 'b', later(lease + 3), 'started')).toBe(true);
    await b.digestLedger.markChartDone(channel, week, later(lease + 4));
    // 'done' is final: neither a clear nor a start moves it.
    await b.digestLedger.clearChartStarted(channel, week, later(lease + 5));
    expect(await b.digestLedger.markChartStarted(channel, week, 'b', later(lease + 6), 'none')).toBe(false);
    expect(await store.digestLedger.get(channel, week)).toMatchObject({ chartState: 'done', state: 'claimed', holder: 'b' });
  });

  it('given replicas racing to collect a week then exactly one collects; a dead collector is replaced after expiry', async () => {
    const results = await Promise.all(replicas.map((replica, r) => replica.digestLedger.claimCollection(week, `r${r}`, t0, lease)));
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r === 'busy')).toHaveLength(2);
    const retakes = await Promise.all(replicas.map((replica, r) => replica.digestLedger.claimCollection(week, `n${r}`, later(lease + 1), lease)));
    expect(retakes.filter((r) => r === 'claimed')).toHaveLength(1);
    const winner = `n${retakes.indexOf('claimed')}`;
    expect(await store.digestLedger.finishCollection(week, winner, later(lease + 2))).toBe(true);
    expect(await replicas[0]!.digestLedger.claimCollection(week, 'late', later(lease * 10), lease)).toBe('done');
  });

  it('counts rows by state as numbers', async () => {
    for (const channel of channels.slice(0, 3)) await store.digestLedger.ensure(channel, week, t0, t0);
    await store.digestLedger.claim(channels[0]!, week, 'a', t0, lease);
    expect(await store.digestLedger.countByState()).toEqual({ pending: 2, claimed: 1 });
  });
});
