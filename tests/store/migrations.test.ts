import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/store/database.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { createStore } from '../../src/store/store.ts';
import { cleanEnv } from '../helpers/run-entry.ts';
import { runEntry } from './support/run-entry-async.ts';
import { describeEachBackend, type TestDatabase } from './support/store-backends.ts';

const key = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' } as const;

describeEachBackend('migrations', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await backend.createDatabase();
  });
  afterEach(async () => database.drop());

  it('given a fresh database then every migration applies, in name order', async () => {
    const opened = openDatabase(database.url);
    try {
      expect(opened.kind).toBe(backend.name);
      expect(await migrateToLatest(opened.db)).toEqual(Object.keys(migrations).sort());
    } finally {
      await opened.close();
    }
  });

  it('given an existing database then nothing is re-applied and stored data survives', async () => {
    const first = await database.open();
    await first.teamProfiles.set(key, { rust: 'some', go: 'strong', priorities: ['safety'] }, 'U1', new Date('2026-01-01T00:00:00Z'));
    await first.close();

    const opened = openDatabase(database.url);
    expect(await migrateToLatest(opened.db)).toEqual([]);
    const store = createStore(opened);
    try {
      expect((await store.teamProfiles.get(key))?.profile).toEqual({ rust: 'some', go: 'strong', priorities: ['safety'] });
    } finally {
      await store.close();
    }
  });

  it('given deliveries in flight before 0010 then a posted but unsent one counts its chart as started, never as not uploaded', async () => {
    const opened = openDatabase(database.url);
    const migrator = new Migrator({ db: opened.db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
    const store = createStore(opened);
    try {
      const { error } = await migrator.migrateTo('0009_digest_skip_empty');
      expect(error).toBeUndefined();
      const row = (channel: string, state: string, ref: string | null) =>
        sql`INSERT INTO digest_deliveries (platform, workspace_id, channel_id, week, state, due_at, attempts, message_ref, updated_at)
            VALUES ('slack', 'T1', ${channel}, '2026-W49', ${state}, 0, 1, ${ref}, 0)`.execute(opened.db);
      await row('C1', 'failed', '1780000001.000100'); // posted; its chart may or may not have been shared
      await row('C2', 'claimed', null); // not posted yet
      await row('C3', 'sent', '1780000002.000100'); // finished
      expect(await migrateToLatest(opened.db)).toEqual(['0010_digest_chart_state', '0011_feedback', '0012_asked_questions', '0013_rate_limit_points']);
      const states = (await store.digestLedger.forWeek('2026-W49')).map((r) => [r.channel.channelId, r.chartState]);
      expect(states).toEqual([
        ['C1', 'started'],
        ['C2', 'none'],
        ['C3', 'none'],
      ]);
    } finally {
      await store.close();
    }
  });

  // Separate processes, as real replicas are (better-sqlite3 is synchronous, so connections in one process
  // cannot wait for each other).
  it('given three replica processes starting at once then each migration applies exactly once', async () => {
    const runs = await Promise.all(
      Array.from({ length: 3 }, () => runEntry('tests/store/support/migrate-entry.ts', [], cleanEnv({ DATABASE_URL: database.url }))),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const applied = runs.flatMap((run) => JSON.parse(run.stdout) as string[]);
    expect(applied.sort()).toEqual(Object.keys(migrations).sort());
  });
});
