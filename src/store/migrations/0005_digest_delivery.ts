// Digest delivery: channel subscriptions, per-channel watchlist changes, the delivery ledger (one row per channel
// and week, UNIQUE by its primary key, so a week can be claimed and sent at most once) and the collection claims
// (one row per week, so only one replica collects).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('digest_subscriptions')
    .addColumn('platform', 'varchar(16)', (c) => c.notNull())
    .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('day', 'varchar(16)', (c) => c.notNull())
    .addColumn('time', 'varchar(5)', (c) => c.notNull())
    .addColumn('timezone', 'varchar(64)', (c) => c.notNull())
    .addColumn('active_from', 'bigint', (c) => c.notNull())
    .addColumn('paused_reason', 'text')
    .addColumn('paused_at', 'bigint')
    .addColumn('updated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_subscriptions_pk', ['platform', 'workspace_id', 'channel_id'])
    .execute();
  await db.schema
    .createTable('digest_watch_changes')
    .addColumn('platform', 'varchar(16)', (c) => c.notNull())
    .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('item_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('action', 'varchar(8)', (c) => c.notNull())
    .addColumn('item_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_watch_changes_pk', ['platform', 'workspace_id', 'channel_id', 'item_id'])
    .execute();
  await db.schema
    .createTable('digest_deliveries')
    .addColumn('platform', 'varchar(16)', (c) => c.notNull())
    .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('week', 'varchar(8)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('holder', 'varchar(128)')
    .addColumn('claim_until', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retry_at', 'bigint')
    .addColumn('message_ref', 'varchar(255)')
    .addColumn('reason', 'text')
    .addColumn('sent_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_deliveries_pk', ['platform', 'workspace_id', 'channel_id', 'week'])
    .execute();
  // The sweep looks for claimable rows by state; the index keeps that cheap with many channels.
  await db.schema.createIndex('digest_deliveries_state_idx').on('digest_deliveries').columns(['state', 'week']).execute();
  await db.schema
    .createTable('digest_collection_runs')
    .addColumn('week', 'varchar(8)', (c) => c.primaryKey())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('holder', 'varchar(128)', (c) => c.notNull())
    .addColumn('claim_until', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('digest_collection_runs').execute();
  await db.schema.dropTable('digest_deliveries').execute();
  await db.schema.dropTable('digest_watch_changes').execute();
  await db.schema.dropTable('digest_subscriptions').execute();
}
