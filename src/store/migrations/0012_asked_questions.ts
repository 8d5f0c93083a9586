// The questions each user asked (question and verdict), so the Slack App Home can show a user their last five and
// the channels they asked in. Rows older than 90 days are pruned as new ones arrive.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('asked_questions')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('platform', 'varchar(16)', (c) => c.notNull())
    .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('asked_questions_user').on('asked_questions').columns(['platform', 'workspace_id', 'user_id', 'created_at']).execute();
  await db.schema.createIndex('asked_questions_created_at').on('asked_questions').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('asked_questions').execute();
}
