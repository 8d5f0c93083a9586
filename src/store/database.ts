// Opens the database named by DATABASE_URL (sqlite:<path> for the embedded default) as a Kysely instance and
// applies the versioned migrations.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteAdapter, SqliteDialect, type DialectAdapter, type Dialect } from 'kysely';
import type pg from 'pg';
import { migrations } from './migrations/index.ts';
import type { DatabaseSchema } from './schema.ts';
import { databaseKindOf, type DatabaseKind } from './database-url.ts';

export interface Database {
  db: Kysely<DatabaseSchema>;
  kind: DatabaseKind;
  /** The connection under Kysely, for a library that speaks to the driver itself (rate-limit-points.ts). */
  driver: DatabaseDriver;
  close(): Promise<void>;
}

type DatabaseDriver = { kind: 'sqlite'; sqlite: SQLite.Database } | { kind: 'postgres'; pool: pg.Pool };

/** `sqlite:./data/x.db`, `sqlite::memory:` (tests), or a postgres:// URL (database-url.ts rejects anything else). */
export function openDatabase(url: string): Database {
  if (databaseKindOf(url) === 'sqlite') {
    const path = url.slice('sqlite:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    // WAL lets readers proceed while a writer commits; busy_timeout rides out short lock contention
    // between processes sharing the file (CLI + running bot).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    sqlite.pragma('foreign_keys = ON');
    return wrap(new MigrationLockingSqliteDialect({ database: sqlite }), { kind: 'sqlite', sqlite });
  }
  return openPostgres(url);
}

// Timestamps are bigint epoch milliseconds and counts come back as bigint (COUNT(*)); pg returns int8 as a
// string by default to avoid precision loss past 2^53, which epoch milliseconds and our counts never reach.
// Set per pool rather than on the global pg.types, so nothing else in the process is affected.
const INT8_OID = 20;
const postgresTypes = (pgModule: typeof pg) => ({
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pgModule.types.getTypeParser(oid, format);
  },
}) as pg.CustomTypesConfig;

// pg is loaded only when DATABASE_URL names PostgreSQL: the SQLite default (and the shell) skip its start-up
// cost (bench/startup.ts). A synchronous require keeps openDatabase synchronous; pg is a CommonJS package.
const loadPg = () => createRequire(import.meta.url)('pg') as typeof pg;

/** Pool size per replica; PostgreSQL's default max_connections (100) then fits many replicas. */
const POSTGRES_POOL_SIZE = 10;

/**
 * Time limits, so a database that hangs (accepts connections, never answers) costs a command seconds, not forever
 * (issue 14). statement_timeout stops slow statements on the server; query_timeout stops waiting on the client side
 * when no answer comes at all; the connection timeout also bounds the wait for a free pooled client; keep-alive
 * lets the kernel notice a peer that vanished without closing the connection.
 */
const POSTGRES_STATEMENT_TIMEOUT_MS = 5000;
const POSTGRES_QUERY_TIMEOUT_MS = 6000;
const POSTGRES_CONNECTION_TIMEOUT_MS = 5000;
/** SQLite waits this long for another process's write lock before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

function openPostgres(url: string): Database {
  const pgModule = loadPg();
  const pool = new pgModule.Pool({
    connectionString: url,
    max: POSTGRES_POOL_SIZE,
    types: postgresTypes(pgModule),
    // A replica that cannot reach the database should fail start-up promptly rather than hang.
    connectionTimeoutMillis: POSTGRES_CONNECTION_TIMEOUT_MS,
    statement_timeout: POSTGRES_STATEMENT_TIMEOUT_MS,
    query_timeout: POSTGRES_QUERY_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'rustvsgo',
  });
  // An idle client losing its connection (server restart, failover) emits 'error' on the pool; without a
  // listener that would crash the process. The next query gets a fresh connection.
  pool.on('error', () => {});
  // A checked-out client whose connection drops (the server dies while a timed-out query is still pending) emits
  // 'error' on the client itself, where the pool's listener does not reach; unheard, it ends the process. The
  // query that was waiting fails on its own.
  pool.on('connect', (client) => client.on('error', () => {}));
  return wrap(new PostgresDialect({ pool }), { kind: 'postgres', pool });
}

// Kysely's SQLite adapter takes no migration lock (it assumes one process), so two processes starting on a new
// file at once (bot + CLI, or two replicas on one host) could both create the same table. BEGIN IMMEDIATE takes
// SQLite's write lock for the whole run (waiting up to busy_timeout); the loser then sees the migrations done.
// PostgreSQL needs nothing here: Kysely's Postgres adapter already holds an advisory lock while migrating.
class MigrationLockingSqliteAdapter extends SqliteAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`begin immediate`.execute(db);
  }

  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    try {
      await sql`commit`.execute(db);
    } catch {
      // No transaction is open when acquiring failed; that error is the one worth reporting.
    }
  }
}

class MigrationLockingSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new MigrationLockingSqliteAdapter();
  }
}

function wrap(dialect: Dialect, driver: DatabaseDriver): Database {
  const db = new Kysely<DatabaseSchema>({ dialect });
  return { db, kind: driver.kind, driver, close: () => db.destroy() };
}

/** Applies every migration not yet applied; returns the names applied now. */
export async function migrateToLatest(db: Kysely<DatabaseSchema>): Promise<string[]> {
  // Areas add their migrations independently (and deployments may skip a version), so a database that
  // applied 0007 before 0006 existed still gets 0006 instead of refusing to start.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  // Up to date (the usual start): skip the migration lock, so stores opening at once never queue on it.
  if ((await migrator.getMigrations()).every((m) => m.executedAt !== undefined)) return [];
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
