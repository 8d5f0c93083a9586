// Signatures of signed platform requests already handled, so a captured request replayed within its 5-minute
// validity window is dropped on every replica (issue 14). Rows expire with the window.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('seen_request_signatures')
    .addColumn('signature', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('seen_request_signatures_expiry_idx').on('seen_request_signatures').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('seen_request_signatures').execute();
}
