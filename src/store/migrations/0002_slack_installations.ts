// Slack OAuth installations (one row a workspace or Enterprise Grid org), holding the bot token Bolt authorizes with.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('slack_installations')
    .addColumn('installation_key', 'varchar(80)', (c) => c.primaryKey())
    .addColumn('team_id', 'varchar(64)')
    .addColumn('enterprise_id', 'varchar(64)')
    .addColumn('is_enterprise_install', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('installation_json', 'text', (c) => c.notNull())
    .addColumn('installed_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('slack_installations').execute();
}
