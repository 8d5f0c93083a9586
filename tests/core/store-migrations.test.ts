import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/store/database.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { createStore, openStore } from '../../src/store/store.ts';

const key = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' } as const;

describe('SQLite store migrations', () => {
  it('given a fresh database then every migration applies, in order', async () => {
    const database = openDatabase('sqlite::memory:');
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations).sort());
    await database.close();
  });

  it('given an existing database then nothing is re-applied and stored data survives', async () => {
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'rustvsgo-store-')), 'bot.db')}`;
    const first = await openStore(url);
    await first.teamProfiles.set(key, { rust: 'some', go: 'strong', priorities: ['safety'] }, 'U1', new Date('2026-01-01T00:00:00Z'));
    await first.close();

    const database = openDatabase(url);
    expect(await migrateToLatest(database.db)).toEqual([]);
    const store = createStore(database);
    expect(await store.teamProfiles.get(key)).toEqual({
      profile: { rust: 'some', go: 'strong', priorities: ['safety'] },
      updatedBy: 'U1',
      updatedAt: new Date('2026-01-01T00:00:00Z'),
    });
    await store.close();
  });

  it('uses WAL mode for a file database', async () => {
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'rustvsgo-wal-')), 'bot.db')}`;
    const store = await openStore(url);
    const { sql } = await import('kysely');
    const result = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.database.db);
    expect(result.rows[0]?.journal_mode).toBe('wal');
    await store.close();
  });
});
