// Rate-limit counters in the database, kept by rate-limiter-flexible on the store's own connection: its SQLite store
// on the better-sqlite3 handle (one process) and its PostgreSQL store on the pg pool (every replica counts the same
// hits; each hit is one atomic upsert). The table is created by migration 0013 in the library's layout, so the
// library never issues DDL at run time. While the database fails, a per-process memory limiter stands in
// (rate-limiter-flexible's insurance), so a hiccup still limits each replica instead of letting a flood through.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Kysely } from 'kysely';
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

export interface PointCounterOptions {
  /** Separates one counter family's keys from another's in the shared table. */
  keyPrefix: string;
  /** Above this many points in a key's duration, consume() rejects. */
  points: number;
  /** Seconds a key counts from its first point. */
  durationSeconds: number;
}

export class RateLimitPointStore {
  constructor(
    private readonly database: Database,
    private readonly db: Kysely<DatabaseSchema>,
  ) {}

  /** A rate-limiter-flexible limiter on this database, with a memory limiter as insurance. */
  counter(options: PointCounterOptions): RateLimiterAbstract {
    const common = {
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.durationSeconds,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: options.keyPrefix, points: options.points, duration: options.durationSeconds }),
      storeType: this.database.driver.kind === 'sqlite' ? 'better-sqlite3' : 'pool',
      tableName: RATE_LIMIT_POINTS_TABLE,
      tableCreated: true,
      // Its timer would outlive a closed store; pruneExpired() is called by the limiter instead.
      clearExpiredByTimeout: false,
    };
    const { driver } = this.database;
    return driver.kind === 'sqlite'
      ? new RateLimiterSQLite({ ...common, storeClient: driver.sqlite })
      : new RateLimiterPostgres({ ...common, storeClient: driver.pool });
  }

  /** Deletes counts that expired before `before` (epoch ms); returns how many rows went. */
  async pruneExpired(before: number): Promise<number> {
    const result = await this.db.deleteFrom('rate_limit_points').where('expire', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
