// Digest data: conditional-request validators (with the body to reuse on 304), one row per ISO-week collection
// with each source's status, and one snapshot row per watched item or feed and week.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('source_validators')
    .addColumn('url', 'varchar(2048)', (c) => c.primaryKey())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('digest_collections')
    .addColumn('week', 'varchar(8)', (c) => c.primaryKey())
    .addColumn('collected_at', 'bigint', (c) => c.notNull())
    .addColumn('sources_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('digest_snapshots')
    .addColumn('week', 'varchar(8)', (c) => c.notNull())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('item_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_snapshots_pk', ['week', 'kind', 'item_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('digest_snapshots').execute();
  await db.schema.dropTable('digest_collections').execute();
  await db.schema.dropTable('source_validators').execute();
}
