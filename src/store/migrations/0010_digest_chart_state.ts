// Slack trend chart progress on the delivery ledger row, so a recovered digest gets exactly one chart without
// reading the channel (no history scopes by default). NULL: no attempt has made the chart visible, upload it;
// 'started': written right before files.completeUploadExternal, the call that shares it, so it may be in the thread;
// 'done': the chart is there (or settled without it); never upload again.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('digest_deliveries').addColumn('chart_state', 'varchar(16)').execute();
  // Rows still in flight when this ships may have shared their chart under the old code, which kept no record of
  // it: treat them as 'started' (checked in the thread with the history opt-in, else left alone) rather than upload
  // a second one.
  await sql`UPDATE digest_deliveries SET chart_state = 'started' WHERE state <> 'sent' AND message_ref IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('digest_deliveries').dropColumn('chart_state').execute();
}
