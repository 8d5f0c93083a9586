// Votes on answers (thumbs up/down, with an optional "what was wrong?" comment): the raw material for new
// evaluation cases (`rustvsgo feedback export`). Each row keeps what the answer said when the vote was cast, so a
// later knowledge-base change cannot rewrite what people voted on.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feedback_votes')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('platform', 'varchar(16)', (c) => c.notNull())
    .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('vote', 'varchar(8)', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('read_as', 'text', (c) => c.notNull())
    .addColumn('recommendation', 'varchar(16)', (c) => c.notNull())
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('kb_version', 'varchar(32)', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_votes_created_at').on('feedback_votes').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('feedback_votes').execute();
}
