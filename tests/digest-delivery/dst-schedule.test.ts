// The scheduler under fake timers (node-cron in the subscriber's zone plus the UTC sweep) across DST changes:
// every subscriber gets one digest a week at its local time; a slot in the spring-forward gap goes out just after
// the gap; the repeated fall-back hour does not send twice.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDigestScheduler, type DigestScheduler } from '../../src/digest/scheduler.ts';
import type { WeeklySlot } from '../../src/store/weekly-slot.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { memoryDeps, type RecordedPost } from './support/memory-posters.ts';

const HOUR = 3_600_000;
// Each case replays days of the scheduler's minute ticks against a real SQLite store: ~8 s on an idle 2-core
// machine, over the suite's 30 s default when other work shares it. The limit only catches a hang.
const REPLAY_TIMEOUT_MS = 120_000;
let store: Store;
let scheduler: DigestScheduler | undefined;
let posts: RecordedPost[];

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  posts = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  vi.useRealTimers();
  await store.close();
});

async function runScheduler(slot: WeeklySlot, fromIso: string, hours: number): Promise<void> {
  vi.setSystemTime(new Date(fromIso));
  await store.digestSubscriptions.subscribe({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, slot, 'U1', new Date());
  scheduler = createDigestScheduler({ deps: memoryDeps(store, posts) });
  await scheduler.start();
  await vi.advanceTimersByTimeAsync(hours * HOUR);
}

describe.each([
  {
    name: 'America/New_York, Sunday 02:30 on the spring-forward day (2026-03-08): 02:30 does not exist',
    slot: { day: 'sunday', time: '02:30', timezone: 'America/New_York' },
    from: '2026-03-07T12:00:00Z',
    hours: 36,
    expected: [{ week: '2026-W10', at: '2026-03-08T07:30:00.000Z' }], // 03:30 EDT, just after the gap
  },
  {
    name: 'America/New_York, Sunday 01:30 on the fall-back day (2026-11-01): 01:30 happens twice',
    slot: { day: 'sunday', time: '01:30', timezone: 'America/New_York' },
    from: '2026-10-31T12:00:00Z',
    hours: 36,
    expected: [{ week: '2026-W44', at: '2026-11-01T05:30:00.000Z' }], // the first (EDT) 01:30 only
  },
  {
    name: 'Europe/Berlin, Sunday 02:30 on the spring-forward day (2026-03-29)',
    slot: { day: 'sunday', time: '02:30', timezone: 'Europe/Berlin' },
    from: '2026-03-28T12:00:00Z',
    hours: 36,
    expected: [{ week: '2026-W13', at: '2026-03-29T01:30:00.000Z' }], // 03:30 CEST
  },
  {
    name: 'America/New_York, Monday 09:00 across 2026-03-08: same local time, one hour earlier in UTC',
    slot: { day: 'monday', time: '09:00', timezone: 'America/New_York' },
    from: '2026-03-01T12:00:00Z',
    hours: 9 * 24,
    expected: [
      { week: '2026-W10', at: '2026-03-02T14:00:00.000Z' },
      { week: '2026-W11', at: '2026-03-09T13:00:00.000Z' },
    ],
  },
  {
    name: 'Europe/Berlin, Monday 09:00 across 2026-03-29',
    slot: { day: 'monday', time: '09:00', timezone: 'Europe/Berlin' },
    from: '2026-03-22T12:00:00Z',
    hours: 9 * 24,
    expected: [
      { week: '2026-W13', at: '2026-03-23T08:00:00.000Z' },
      { week: '2026-W14', at: '2026-03-30T07:00:00.000Z' },
    ],
  },
  {
    name: 'America/New_York, Monday 09:00 across 2026-11-01 (fall-back)',
    slot: { day: 'monday', time: '09:00', timezone: 'America/New_York' },
    from: '2026-10-25T12:00:00Z',
    hours: 9 * 24,
    expected: [
      { week: '2026-W44', at: '2026-10-26T13:00:00.000Z' },
      { week: '2026-W45', at: '2026-11-02T14:00:00.000Z' },
    ],
  },
] as const)('$name', ({ slot, from, hours, expected }) => {
  it('delivers once per week at the local slot', async () => {
    await runScheduler(slot, from, hours);
    expect(posts.map(({ week, at }) => ({ week, at }))).toEqual(expected);
  }, REPLAY_TIMEOUT_MS);
});

describe('one tick for every slot', () => {
  it('delivers subscribers in different zones and times, each at its own local slot, from the one task', async () => {
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
    await store.digestSubscriptions.subscribe({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, { day: 'monday', time: '09:00', timezone: 'Europe/Berlin' }, 'U1', new Date());
    await store.digestSubscriptions.subscribe({ platform: 'discord', workspaceId: '1', channelId: '2' }, { day: 'monday', time: '09:00', timezone: 'America/New_York' }, 'U1', new Date());
    await store.digestSubscriptions.subscribe({ platform: 'slack', workspaceId: 'T1', channelId: 'C3' }, { day: 'monday', time: '10:17', timezone: 'Asia/Kolkata' }, 'U1', new Date());
    scheduler = createDigestScheduler({ deps: memoryDeps(store, posts) });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(36 * HOUR);
    expect(posts.map(({ at }) => at).sort()).toEqual(['2026-03-02T04:47:00.000Z', '2026-03-02T08:00:00.000Z', '2026-03-02T14:00:00.000Z']);
  }, REPLAY_TIMEOUT_MS);
});
