// Opens the database named by DATABASE_URL (sqlite:<path> for the embedded default) as a Kysely instance and
// applies the versioned migrations.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Dialect } from 'kysely';
import { migrations } from './migrations/index.ts';
import type { DatabaseSchema } from './schema.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DatabaseSchema>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export class DatabaseUrlError extends Error {}

/** `sqlite:./data/x.db`, `sqlite::memory:` (tests), or a postgres:// URL. */
export function openDatabase(url: string): Database {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new DatabaseUrlError('DATABASE_URL: expected sqlite:<path>');
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    // WAL lets readers proceed while a writer commits; busy_timeout rides out short lock contention
    // between processes sharing the file (CLI + running bot).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    return wrap(new SqliteDialect({ database: sqlite }), 'sqlite');
  }
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new DatabaseUrlError('DATABASE_URL: expected sqlite:<path> or postgres://...');
}

function openPostgres(_url: string): Database {
  throw new DatabaseUrlError('DATABASE_URL: PostgreSQL support is not available in this build');
}

function wrap(dialect: Dialect, kind: DatabaseKind): Database {
  const db = new Kysely<DatabaseSchema>({ dialect });
  return { db, kind, close: () => db.destroy() };
}

/** Applies every migration not yet applied; returns the names applied now. */
export async function migrateToLatest(db: Kysely<DatabaseSchema>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
