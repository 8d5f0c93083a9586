// Rate-limit counters in the database, kept by rate-limiter-flexible on the store's own connection: its SQLite store
// on the better-sqlite3 handle (one process) and its PostgreSQL store on the pg pool (every replica counts the same
// hits; each hit is one atomic upsert). The table is created by migration 0013 in the library's layout, so the
// library never issues DDL at run time. While the database fails, a per-process memory counter stands in
// (rate-limiter-flexible's insurance), so a hiccup still limits each replica instead of letting a flood through.
// What to allow is decided above the store (src/ops/command-rate-limiter.ts); this file only counts.
import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type * as Flexible from 'rate-limiter-flexible';
import type { Database } from './database.ts';
import type { DatabaseSchema } from './schema.ts';

export interface RateLimitPointTables {
  /** rate-limiter-flexible's table: exactly these three columns in this order (its INSERT names none). */
  rate_limit_points: {
    /** `<keyPrefix>:<key>`, e.g. "cmd-user:user:slack:T123:U456@29634121" */
    key: string;
    points: number;
    /** Epoch milliseconds when the count resets; the library ignores rows past it. */
    expire: number | null;
  };
}

export const RATE_LIMIT_POINTS_TABLE = 'rate_limit_points';

/** Counts per key that reset `durationSeconds` after a key's first point. */
export interface PointCounter {
  /** Adds one point (atomically, across replicas) and returns the key's count including it. */
  add(key: string): Promise<number>;
  /** The key's current count (0 when it has none or they expired). */
  count(key: string): Promise<number>;
  /** Takes one point back. */
  takeBack(key: string): Promise<void>;
}

// Only the classes used here: the package's index loads all of its ~25 stores, about 50 ms at every start-up.
const requireLibrary = createRequire(import.meta.url);
const loadClass = <T>(name: string) => requireLibrary(`rate-limiter-flexible/lib/${name}.js`) as T;

export class RateLimitPointStore {
  constructor(
    private readonly database: Database,
    private readonly db: Kysely<DatabaseSchema>,
  ) {}

  // Async like every repository method, so the shell's deferred store (deferred-store.ts) can stand in for it.
  async counter(options: { keyPrefix: string; durationSeconds: number }): Promise<PointCounter> {
    const MemoryLimiter = loadClass<typeof Flexible.RateLimiterMemory>('RateLimiterMemory');
    const common = {
      keyPrefix: options.keyPrefix,
      duration: options.durationSeconds,
      // The library's own allow/refuse threshold; unused, since we only add, read and take back points.
      points: 0,
      insuranceLimiter: new MemoryLimiter({ keyPrefix: options.keyPrefix, points: 0, duration: options.durationSeconds }),
      tableName: RATE_LIMIT_POINTS_TABLE,
      tableCreated: true,
      // Its timer would outlive a closed store; the limiter calls pruneExpired() instead.
      clearExpiredByTimeout: false,
    };
    const { driver } = this.database;
    const limiter =
      driver.kind === 'sqlite'
        ? new (loadClass<typeof Flexible.RateLimiterSQLite>('RateLimiterSQLite'))({ ...common, storeClient: driver.sqlite, storeType: 'better-sqlite3' })
        : new (loadClass<typeof Flexible.RateLimiterPostgres>('RateLimiterPostgres'))({ ...common, storeClient: driver.pool, storeType: 'pool' });
    return {
      // penalty() adds points and resolves with the count, never refusing: the decision is the caller's.
      add: async (key) => (await limiter.penalty(key, 1)).consumedPoints,
      count: async (key) => (await limiter.get(key))?.consumedPoints ?? 0,
      takeBack: async (key) => {
        await limiter.reward(key, 1);
      },
    };
  }

  /** Deletes counts that expired before `before` (epoch ms); returns how many rows went. */
  async pruneExpired(before: number): Promise<number> {
    const result = await this.db.deleteFrom('rate_limit_points').where('expire', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
