// Store operations per second on SQLite and PostgreSQL: the team-profile read on the answer path and the ledger
// writes of one digest delivery (ensure + claim + mark sent) on the delivery path, each next to a raw `SELECT 1`
// round trip on the same store in the same run (the floor any query pays). PostgreSQL is TEST_POSTGRES_URL
// (or DATABASE_URL=postgres://...) or a throwaway local cluster as in the tests; without one, only SQLite runs.
// Run alone: `npx tsx bench/store.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { ChannelKey } from '../src/store/channel-key.ts';
import { openStore, type Store } from '../src/store/store.ts';
import { databaseUrl } from '../tests/store/support/store-backends-url.ts';
import { findOrStartPostgres, PostgresUnavailable } from '../tests/store/support/throwaway-postgres.ts';
import { benchResult, type BenchResult } from './bench-result.ts';

const READS = 3_000;
const DELIVERIES = 500;
const LEASE_MS = 5 * 60_000;

async function opsPerSecond(count: number, op: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, count); i++) await op(-1 - i); // warm-up: prepared plans, page cache
  const started = performance.now();
  for (let i = 0; i < count; i++) await op(i);
  return count / ((performance.now() - started) / 1000);
}

const round = (n: number) => Math.round(n);

async function measure(store: Store, label: string): Promise<BenchResult[]> {
  const key: ChannelKey = { platform: 'slack', workspaceId: 'TBENCH', channelId: 'CBENCH' };
  await store.teamProfiles.set(key, { rust: 'some', go: 'strong', priorities: ['tail-latency'] }, 'UBENCH', new Date());
  const selectOne = await opsPerSecond(READS, () => sql`select 1`.execute(store.database.db));
  const reads = await opsPerSecond(READS, () => store.teamProfiles.get(key));
  const now = new Date('2026-03-02T09:00:00Z');
  const deliveries = await opsPerSecond(DELIVERIES, async (i) => {
    const channel: ChannelKey = { platform: 'slack', workspaceId: 'TBENCH', channelId: `C${i}` };
    await store.digestLedger.ensure(channel, '2026-W10', now, now);
    const claim = await store.digestLedger.claim(channel, '2026-W10', 'bench', now, LEASE_MS);
    if (claim) await store.digestLedger.markSent(channel, '2026-W10', 'bench', `ts-${i}`, now);
  });
  const baselineName = `raw SELECT 1 round trips on the same store (${label})`;
  return [
    benchResult({ name: `team profile read, answer path (${label})`, value: round(reads), unit: 'ops/s', baselineName, baselineValue: round(selectOne) }),
    benchResult({
      name: `digest ledger writes per delivery: ensure+claim+sent (${label})`,
      value: round(deliveries),
      unit: 'deliveries/s',
      baselineName,
      baselineValue: round(selectOne),
    }),
  ];
}

export async function runStoreBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-bench-store-'));
  const sqliteStore = await openStore(`sqlite:${join(dir, 'bench.db')}`);
  try {
    results.push(...(await measure(sqliteStore, 'SQLite file, WAL')));
  } finally {
    await sqliteStore.close();
    rmSync(dir, { recursive: true, force: true });
  }

  let server;
  try {
    server = await findOrStartPostgres();
  } catch (error) {
    if (!(error instanceof PostgresUnavailable)) throw error;
    process.stderr.write(`store bench: PostgreSQL skipped: ${error.message}\n`);
    return results;
  }
  const name = `rustvsgo_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const pgStore = await openStore(databaseUrl(server.url, name));
    try {
      results.push(...(await measure(pgStore, 'PostgreSQL, loopback TCP')));
    } finally {
      await pgStore.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
    await server.stop();
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await runStoreBench()) console.log(`${r.name}: ${r.value} ${r.unit} (baseline ${r.baselineName}: ${r.baselineValue}; ratio ${r.ratio})`);
}
