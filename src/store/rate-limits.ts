// Fixed-window hit counters for command rate limits, in the database so every replica counts the same hits.
// One atomic upsert-increment per hit (INSERT ... ON CONFLICT DO UPDATE ... RETURNING), portable across SQLite
// (3.35+) and PostgreSQL, so concurrent replicas never lose a hit.
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

export interface RateLimitTables {
  rate_limit_counters: {
    /** e.g. "user:slack:T123:U456" */
    bucket_key: string;
    /** Epoch milliseconds at the start of the window. */
    window_start: number;
    hits: number;
  };
}

export class RateLimitRepository {
  // The whole schema, not just RateLimitTables: Kysely's types are invariant in the schema.
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Adds one hit to the key's window and returns the window's hit count including this one. */
  async hit(bucketKey: string, windowStart: number): Promise<number> {
    const row = await this.db
      .insertInto('rate_limit_counters')
      .values({ bucket_key: bucketKey, window_start: windowStart, hits: 1 })
      .onConflict((oc) =>
        oc.columns(['bucket_key', 'window_start']).doUpdateSet({ hits: sql<number>`rate_limit_counters.hits + 1` }),
      )
      .returning('hits')
      .executeTakeFirstOrThrow();
    return Number(row.hits);
  }

  /** Current hit count of a key's window (0 when none). */
  async count(bucketKey: string, windowStart: number): Promise<number> {
    const row = await this.db
      .selectFrom('rate_limit_counters')
      .select('hits')
      .where('bucket_key', '=', bucketKey)
      .where('window_start', '=', windowStart)
      .executeTakeFirst();
    return row ? Number(row.hits) : 0;
  }

  /** Deletes windows that started before `before` (epoch ms); returns how many rows went. */
  async prune(before: number): Promise<number> {
    const result = await this.db.deleteFrom('rate_limit_counters').where('window_start', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
