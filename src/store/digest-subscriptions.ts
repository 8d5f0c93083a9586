// Which channels get the weekly digest and when (day, time, zone), whether delivery is paused and why, and each
// channel's additions to and removals from the default watchlist.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { weekdaySchema, type WeeklySlot } from './weekly-slot.ts';
import { watchItemSchema, type WatchItem } from '../knowledge/watchlist.ts';
import { channelKeySchema, type ChannelKey } from './channel-key.ts';
import type { DatabaseSchema } from './schema.ts';

export interface DigestSubscriptionTables {
  digest_subscriptions: {
    platform: string;
    workspace_id: string;
    channel_id: string;
    day: string;
    time: string;
    timezone: string;
    active_from: number;
    paused_reason: string | null;
    paused_at: number | null;
    /** 1: weeks with nothing new are skipped (migration 0008). */
    skip_empty: number;
    updated_by: string;
    updated_at: number;
  };
  digest_watch_changes: {
    platform: string;
    workspace_id: string;
    channel_id: string;
    item_id: string;
    action: 'add' | 'remove';
    item_json: string;
    updated_by: string;
    updated_at: number;
  };
}

const digestSubscriptionSchema = z.object({
  channel: channelKeySchema,
  day: weekdaySchema,
  time: z.string(),
  timezone: z.string(),
  /** Deliveries whose slot falls before this instant are not owed (a channel subscribing on Tuesday starts next week). */
  activeFrom: z.date(),
  paused: z.object({ reason: z.string(), at: z.date() }).optional(),
  /** Weeks with nothing new get no post (`digest set skip-empty on`). */
  skipEmpty: z.boolean(),
  updatedBy: z.string(),
  updatedAt: z.date(),
});
export type DigestSubscription = z.infer<typeof digestSubscriptionSchema>;

export interface WatchChange {
  action: 'add' | 'remove';
  item: WatchItem;
}

type SubscriptionRow = DigestSubscriptionTables['digest_subscriptions'];

function fromRow(row: SubscriptionRow): DigestSubscription {
  return digestSubscriptionSchema.parse({
    channel: { platform: row.platform, workspaceId: row.workspace_id, channelId: row.channel_id },
    day: row.day,
    time: row.time,
    timezone: row.timezone,
    activeFrom: new Date(Number(row.active_from)),
    ...(row.paused_reason ? { paused: { reason: row.paused_reason, at: new Date(Number(row.paused_at ?? 0)) } } : {}),
    skipEmpty: Number(row.skip_empty) === 1,
    updatedBy: row.updated_by,
    updatedAt: new Date(Number(row.updated_at)),
  });
}

export class DigestSubscriptionRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async get(key: ChannelKey): Promise<DigestSubscription | undefined> {
    const row = await this.db
      .selectFrom('digest_subscriptions')
      .selectAll()
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /**
   * Subscribes a channel or changes its slot, in one atomic upsert (concurrent subscribes from several replicas
   * never fail or lose the last write). Subscribing again also lifts a pause: someone fixed the channel.
   * `active_from` is kept from the first subscription so changing the time does not skip a week already owed.
   */
  async subscribe(key: ChannelKey, slot: WeeklySlot, by: string, at: Date): Promise<DigestSubscription> {
    await this.db
      .insertInto('digest_subscriptions')
      .values({
        platform: key.platform,
        workspace_id: key.workspaceId,
        channel_id: key.channelId,
        day: slot.day,
        time: slot.time,
        timezone: slot.timezone,
        active_from: at.getTime(),
        paused_reason: null,
        paused_at: null,
        skip_empty: 0,
        updated_by: by,
        updated_at: at.getTime(),
      })
      .onConflict((oc) =>
        oc.columns(['platform', 'workspace_id', 'channel_id']).doUpdateSet({
          day: slot.day,
          time: slot.time,
          timezone: slot.timezone,
          paused_reason: null,
          paused_at: null,
          updated_by: by,
          updated_at: at.getTime(),
        }),
      )
      .execute();
    return (await this.get(key)) as DigestSubscription;
  }

  /** Sets whether weeks with nothing new are skipped; returns false when the channel is not subscribed. */
  async setSkipEmpty(key: ChannelKey, skipEmpty: boolean, by: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('digest_subscriptions')
      .set({ skip_empty: skipEmpty ? 1 : 0, updated_by: by, updated_at: at.getTime() })
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Returns whether the channel was subscribed. */
  async unsubscribe(key: ChannelKey): Promise<boolean> {
    const result = await this.db
      .deleteFrom('digest_subscriptions')
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Stops deliveries to a channel that rejects the bot, until someone subscribes it again. */
  async pause(key: ChannelKey, reason: string, at: Date): Promise<void> {
    await this.db
      .updateTable('digest_subscriptions')
      .set({ paused_reason: reason, paused_at: at.getTime() })
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .execute();
  }

  /** Every subscription that is not paused. */
  async listActive(): Promise<DigestSubscription[]> {
    const rows = await this.db.selectFrom('digest_subscriptions').selectAll().where('paused_reason', 'is', null).execute();
    return rows.map(fromRow);
  }

  async setWatchChange(key: ChannelKey, change: WatchChange, by: string, at: Date): Promise<void> {
    const itemJson = JSON.stringify(watchItemSchema.parse(change.item));
    await this.db
      .insertInto('digest_watch_changes')
      .values({
        platform: key.platform,
        workspace_id: key.workspaceId,
        channel_id: key.channelId,
        item_id: change.item.id,
        action: change.action,
        item_json: itemJson,
        updated_by: by,
        updated_at: at.getTime(),
      })
      .onConflict((oc) =>
        oc.columns(['platform', 'workspace_id', 'channel_id', 'item_id']).doUpdateSet({ action: change.action, item_json: itemJson, updated_by: by, updated_at: at.getTime() }),
      )
      .execute();
  }

  async clearWatchChange(key: ChannelKey, itemId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('digest_watch_changes')
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async watchChanges(key: ChannelKey): Promise<WatchChange[]> {
    const rows = await this.db
      .selectFrom('digest_watch_changes')
      .select(['action', 'item_json'])
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .orderBy('item_id')
      .execute();
    return rows.flatMap((row) => parseChange(row.action, row.item_json));
  }

  /** Items any subscribed channel added: the weekly collection covers them once for everyone. */
  async allAdditions(): Promise<WatchItem[]> {
    const rows = await this.db
      .selectFrom('digest_watch_changes')
      .select(['action', 'item_json'])
      .where('action', '=', 'add')
      .orderBy('item_id')
      .execute();
    const byId = new Map<string, WatchItem>();
    for (const change of rows.flatMap((row) => parseChange(row.action, row.item_json))) byId.set(change.item.id, change.item);
    return [...byId.values()];
  }
}

function parseChange(action: string, itemJson: string): WatchChange[] {
  // A row that no longer matches the schema (older version) is skipped rather than stopping every digest.
  const item = watchItemSchema.safeParse(JSON.parse(itemJson));
  if (!item.success || (action !== 'add' && action !== 'remove')) return [];
  return [{ action, item: item.data }];
}
