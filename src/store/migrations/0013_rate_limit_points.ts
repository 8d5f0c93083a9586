// Command rate limits move from fixed one-minute windows (rate_limit_counters) to rate-limiter-flexible's counters,
// read as a sliding window (src/ops/command-rate-limiter.ts). The table has the library's own layout; the old
// counters only ever held the last two minutes, so nothing is carried over.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_points')
    .addColumn('key', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  // Pruning expired counts scans by expire alone.
  await db.schema.createIndex('rate_limit_points_expire_idx').on('rate_limit_points').column('expire').execute();
  await db.schema.dropTable('rate_limit_counters').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_points').execute();
  await db.schema
    .createTable('rate_limit_counters')
    .addColumn('bucket_key', 'varchar(300)', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_counters_pk', ['bucket_key', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_limit_counters_window_idx').on('rate_limit_counters').column('window_start').execute();
}
