// The delivery ledger: one row per channel and ISO week (its primary key makes it unique), moving
//   pending -> claimed (by one holder until claim_until) -> sent (message ref) | paused (reason) | failed (retry_at)
// Every transition is a conditional UPDATE whose WHERE clause names the state it leaves, so when several replicas
// race, exactly one UPDATE matches and the others see zero rows changed. A dead holder's claim is taken over only
// after it expires, and the taker first checks the platform for a message the dead holder may have sent.
// Also the collection claims: one row per week, so only one replica collects the week's data.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { ChannelKey } from './channel-key.ts';
import type { DatabaseSchema } from './schema.ts';

const deliveryStateSchema = z.enum(['pending', 'claimed', 'sent', 'paused', 'failed']);
type DeliveryState = z.infer<typeof deliveryStateSchema>;

/**
 * How far the Slack trend chart got (migration 0010): 'none' nothing was made visible; 'started' the sharing call
 * (files.completeUploadExternal) was about to be made, so the chart may be in the thread; 'done' settled.
 */
const chartStateSchema = z.enum(['none', 'started', 'done']);
export type ChartState = z.infer<typeof chartStateSchema>;

export interface DigestLedgerTables {
  digest_deliveries: {
    platform: string;
    workspace_id: string;
    channel_id: string;
    week: string;
    state: DeliveryState;
    due_at: number;
    holder: string | null;
    claim_until: number | null;
    attempts: number;
    retry_at: number | null;
    message_ref: string | null;
    reason: string | null;
    sent_at: number | null;
    /** NULL is 'none': rows written before migration 0010 had no chart step recorded. */
    chart_state: 'started' | 'done' | null;
    updated_at: number;
  };
  digest_collection_runs: {
    week: string;
    state: 'collecting' | 'done' | 'failed';
    holder: string;
    claim_until: number;
    attempts: number;
    reason: string | null;
    updated_at: number;
  };
}

export interface DeliveryRecord {
  channel: ChannelKey;
  week: string;
  state: DeliveryState;
  dueAt: Date;
  holder?: string;
  claimUntil?: Date;
  attempts: number;
  retryAt?: Date;
  messageRef?: string;
  reason?: string;
  sentAt?: Date;
  chartState: ChartState;
  updatedAt: Date;
}

/** A successful claim. `attempts` counts claims so far, this one included: above 1, an earlier holder may have sent. */
export interface DeliveryClaim {
  holder: string;
  attempts: number;
  claimUntil: Date;
}

export type CollectionClaim = 'claimed' | 'done' | 'busy';

type DeliveryRow = DigestLedgerTables['digest_deliveries'];

function fromRow(row: DeliveryRow): DeliveryRecord {
  const optionalDate = (value: number | null) => (value === null ? undefined : new Date(Number(value)));
  const record: DeliveryRecord = {
    channel: { platform: row.platform as ChannelKey['platform'], workspaceId: row.workspace_id, channelId: row.channel_id },
    week: row.week,
    state: deliveryStateSchema.parse(row.state),
    dueAt: new Date(Number(row.due_at)),
    attempts: Number(row.attempts),
    chartState: chartStateSchema.parse(row.chart_state ?? 'none'),
    updatedAt: new Date(Number(row.updated_at)),
  };
  if (row.holder !== null) record.holder = row.holder;
  if (row.message_ref !== null) record.messageRef = row.message_ref;
  if (row.reason !== null) record.reason = row.reason;
  const claimUntil = optionalDate(row.claim_until);
  if (claimUntil) record.claimUntil = claimUntil;
  const retryAt = optionalDate(row.retry_at);
  if (retryAt) record.retryAt = retryAt;
  const sentAt = optionalDate(row.sent_at);
  if (sentAt) record.sentAt = sentAt;
  return record;
}

export class DigestLedgerRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** An UPDATE of this channel's row for the week; callers add the conditions that make it a claim-safe transition. */
  private rowUpdate(key: ChannelKey, week: string) {
    return this.db
      .updateTable('digest_deliveries')
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .where('week', '=', week);
  }

  private row(key: ChannelKey, week: string) {
    return this.db
      .selectFrom('digest_deliveries')
      .selectAll()
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .where('week', '=', week);
  }

  async get(key: ChannelKey, week: string): Promise<DeliveryRecord | undefined> {
    const row = await this.row(key, week).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Records that the channel is owed this week's digest; a second call (any replica) changes nothing. */
  async ensure(key: ChannelKey, week: string, dueAt: Date, now: Date): Promise<void> {
    await this.db
      .insertInto('digest_deliveries')
      .values({
        platform: key.platform,
        workspace_id: key.workspaceId,
        channel_id: key.channelId,
        week,
        state: 'pending',
        due_at: dueAt.getTime(),
        holder: null,
        claim_until: null,
        attempts: 0,
        retry_at: null,
        message_ref: null,
        reason: null,
        sent_at: null,
        chart_state: null,
        updated_at: now.getTime(),
      })
      .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'channel_id', 'week']).doNothing())
      .execute();
  }

  /**
   * Claims the week's delivery for `holder` until now + leaseMs when nobody may be sending it: pending, paused
   * (the channel was subscribed again), failed and due for a retry, or claimed by a holder whose claim expired.
   * Returns undefined when another holder has it or it is already sent.
   */
  async claim(key: ChannelKey, week: string, holder: string, now: Date, leaseMs: number): Promise<DeliveryClaim | undefined> {
    const at = now.getTime();
    const claimUntil = at + leaseMs;
    const result = await this.rowUpdate(key, week)
      .set((eb) => ({ state: 'claimed', holder, claim_until: claimUntil, attempts: eb('attempts', '+', 1), retry_at: null, updated_at: at }))
      .where((eb) =>
        eb.or([
          eb('state', '=', 'pending'),
          eb('state', '=', 'paused'),
          eb.and([eb('state', '=', 'failed'), eb('retry_at', '<=', at)]),
          eb.and([eb('state', '=', 'claimed'), eb('claim_until', '<', at)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    const row = await this.row(key, week).where('holder', '=', holder).where('state', '=', 'claimed').executeTakeFirst();
    if (!row) return undefined;
    return { holder, attempts: Number(row.attempts), claimUntil: new Date(claimUntil) };
  }

  private async finish(key: ChannelKey, week: string, holder: string, values: Partial<DeliveryRow>): Promise<boolean> {
    const result = await this.rowUpdate(key, week)
      .set(values)
      .where('state', '=', 'claimed')
      .where('holder', '=', holder)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Keeps the posted message's reference the moment the post returns, whoever holds the claim now: a holder that
   * loses its claim (or dies) before `markSent` still leaves the ref for the next holder, which then records it
   * instead of posting again, with no need to read the channel's history. Never overwrites a ref.
   */
  async recordPosted(key: ChannelKey, week: string, messageRef: string, now: Date): Promise<void> {
    await this.rowUpdate(key, week)
      .set({ message_ref: messageRef, updated_at: now.getTime() })
      .where('message_ref', 'is', null)
      .execute();
  }

  /** The message reference recorded for this channel and week, if a post was recorded. */
  async postedRef(key: ChannelKey, week: string): Promise<string | undefined> {
    const row = await this.row(key, week).executeTakeFirst();
    return row?.message_ref ?? undefined;
  }

  /** How far the chart of this channel's week got ('none' when there is no row). */
  async chartState(key: ChannelKey, week: string): Promise<ChartState> {
    const row = await this.row(key, week).executeTakeFirst();
    return chartStateSchema.parse(row?.chart_state ?? 'none');
  }

  /**
   * Marks the chart 'started' right before the call that makes it visible. Only the holder of the claim, and only
   * from the state that holder read (`from`): a holder whose claim was taken over, or one that raced another
   * uploader, gets false and must not share it. `from: 'started'` is for a holder that checked the thread (history
   * opt-in) and found no chart.
   */
  async markChartStarted(key: ChannelKey, week: string, holder: string, now: Date, from: 'none' | 'started'): Promise<boolean> {
    const result = await this.rowUpdate(key, week)
      .set({ chart_state: 'started', updated_at: now.getTime() })
      .where('state', '=', 'claimed')
      .where('holder', '=', holder)
      .where((eb) => (from === 'none' ? eb('chart_state', 'is', null) : eb('chart_state', '=', 'started')))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * The sharing call got a definite answer that nothing was shared (a Slack error code, a 429): back to 'none', so
   * a retry uploads. Whoever holds the claim: it records a fact about the platform, like `recordPosted`.
   */
  async clearChartStarted(key: ChannelKey, week: string, now: Date): Promise<void> {
    await this.rowUpdate(key, week)
      .set({ chart_state: null, updated_at: now.getTime() })
      .where('chart_state', '=', 'started')
      .execute();
  }

  /** The chart is settled (shared, carried in the post, or left out on purpose): no later attempt touches it. */
  async markChartDone(key: ChannelKey, week: string, now: Date): Promise<void> {
    await this.rowUpdate(key, week)
      .set({ chart_state: 'done', updated_at: now.getTime() })
      .execute();
  }

  /** Records the sent message. False when this holder no longer holds the claim (it expired and was taken over). */
  markSent(key: ChannelKey, week: string, holder: string, messageRef: string, now: Date): Promise<boolean> {
    return this.finish(key, week, holder, { state: 'sent', message_ref: messageRef, sent_at: now.getTime(), claim_until: null, reason: null, updated_at: now.getTime() });
  }

  markPaused(key: ChannelKey, week: string, holder: string, reason: string, now: Date): Promise<boolean> {
    return this.finish(key, week, holder, { state: 'paused', reason, claim_until: null, updated_at: now.getTime() });
  }

  markFailed(key: ChannelKey, week: string, holder: string, reason: string, retryAt: Date, now: Date): Promise<boolean> {
    return this.finish(key, week, holder, { state: 'failed', reason, retry_at: retryAt.getTime(), claim_until: null, updated_at: now.getTime() });
  }

  /** The channel's most recent ledger row (newest week), whatever its state: what `status` reports. */
  async latest(key: ChannelKey): Promise<DeliveryRecord | undefined> {
    const row = await this.db
      .selectFrom('digest_deliveries')
      .selectAll()
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .orderBy('week', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async lastSent(key: ChannelKey): Promise<DeliveryRecord | undefined> {
    const row = await this.db
      .selectFrom('digest_deliveries')
      .selectAll()
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .where('state', '=', 'sent')
      .orderBy('week', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Every ledger row of a week (tests, the CLI summary). */
  async forWeek(week: string): Promise<DeliveryRecord[]> {
    const rows = await this.db.selectFrom('digest_deliveries').selectAll().where('week', '=', week).orderBy('platform').orderBy('channel_id').execute();
    return rows.map(fromRow);
  }

  /** Counts rows by state, e.g. for metrics. */
  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('digest_deliveries')
      .select(['state', sql<number>`count(*)`.as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
  }

  /**
   * Claims the week's collection: the first caller inserts the row; a dead holder's expired claim or a failed run
   * is taken over by a conditional UPDATE. "done" once a holder finished; "busy" while another holder collects.
   */
  async claimCollection(week: string, holder: string, now: Date, leaseMs: number): Promise<CollectionClaim> {
    const at = now.getTime();
    const inserted = await this.db
      .insertInto('digest_collection_runs')
      .values({ week, state: 'collecting', holder, claim_until: at + leaseMs, attempts: 1, reason: null, updated_at: at })
      .onConflict((oc) => oc.column('week').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return 'claimed';
    const taken = await this.db
      .updateTable('digest_collection_runs')
      .set((eb) => ({ state: 'collecting', holder, claim_until: at + leaseMs, attempts: eb('attempts', '+', 1), updated_at: at }))
      .where('week', '=', week)
      .where((eb) => eb.or([eb('state', '=', 'failed'), eb('state', '=', 'collecting')]))
      .where('claim_until', '<', at)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return 'claimed';
    const row = await this.db.selectFrom('digest_collection_runs').select('state').where('week', '=', week).executeTakeFirst();
    return row?.state === 'done' ? 'done' : 'busy';
  }

  async finishCollection(week: string, holder: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('digest_collection_runs')
      .set({ state: 'done', reason: null, updated_at: now.getTime() })
      .where('week', '=', week)
      .where('holder', '=', holder)
      .where('state', '=', 'collecting')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A failed collection may be retried by anyone after `retryAt`. */
  async failCollection(week: string, holder: string, reason: string, retryAt: Date, now: Date): Promise<void> {
    await this.db
      .updateTable('digest_collection_runs')
      .set({ state: 'failed', reason, claim_until: retryAt.getTime(), updated_at: now.getTime() })
      .where('week', '=', week)
      .where('holder', '=', holder)
      .where('state', '=', 'collecting')
      .execute();
  }
}
