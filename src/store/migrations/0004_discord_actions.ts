// Commands behind Discord buttons whose text does not fit a 100-character custom_id ("Show full answer" on a
// long mention). The button carries only the row id; any replica can look it up.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('discord_actions')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('discord_actions_created_at').on('discord_actions').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('discord_actions').execute();
}
