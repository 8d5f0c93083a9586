// Per-channel digest option: skip weeks with nothing new (`digest set skip-empty on`). Stored with the
// subscription it belongs to; 0 (post every week) for every existing subscription.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('digest_subscriptions')
    .addColumn('skip_empty', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('digest_subscriptions').dropColumn('skip_empty').execute();
}
