// Weekly digest collections: one row per ISO week (when and how each source fared) and one row per watched item
// or feed snapshot. Saving a week again replaces it, so re-running `digest collect` in the same week is safe.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';
import { collectionSchema, feedSnapshotSchema, itemSnapshotSchema, sourceStatusSchema, type Collection } from './snapshot.ts';
import { z } from 'zod';

export interface DigestSnapshotTables {
  digest_collections: {
    week: string;
    collected_at: number;
    sources_json: string;
  };
  digest_snapshots: {
    week: string;
    kind: 'item' | 'feed';
    item_id: string;
    position: number;
    data_json: string;
  };
}

export class DigestSnapshotRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async save(collection: Collection): Promise<void> {
    const valid = collectionSchema.parse(collection);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('digest_snapshots').where('week', '=', valid.week).execute();
      await trx.deleteFrom('digest_collections').where('week', '=', valid.week).execute();
      await trx
        .insertInto('digest_collections')
        .values({ week: valid.week, collected_at: Date.parse(valid.collectedAt), sources_json: JSON.stringify(valid.sources) })
        .execute();
      const rows = [
        ...valid.items.map((item, position) => ({ week: valid.week, kind: 'item' as const, item_id: item.itemId, position, data_json: JSON.stringify(item) })),
        ...valid.feeds.map((feed, position) => ({ week: valid.week, kind: 'feed' as const, item_id: feed.feedId, position, data_json: JSON.stringify(feed) })),
      ];
      // Chunked so a long watchlist stays under SQLite's bound-parameter limit.
      for (let start = 0; start < rows.length; start += 100) {
        await trx.insertInto('digest_snapshots').values(rows.slice(start, start + 100)).execute();
      }
    });
  }

  async get(week: string): Promise<Collection | undefined> {
    const header = await this.db.selectFrom('digest_collections').selectAll().where('week', '=', week).executeTakeFirst();
    if (!header) return undefined;
    const rows = await this.db.selectFrom('digest_snapshots').select(['kind', 'data_json']).where('week', '=', week).orderBy('position').execute();
    return collectionSchema.parse({
      week: header.week,
      collectedAt: new Date(Number(header.collected_at)).toISOString(),
      sources: z.array(sourceStatusSchema).parse(JSON.parse(header.sources_json)),
      items: rows.filter((row) => row.kind === 'item').map((row) => itemSnapshotSchema.parse(JSON.parse(row.data_json))),
      feeds: rows.filter((row) => row.kind === 'feed').map((row) => feedSnapshotSchema.parse(JSON.parse(row.data_json))),
    });
  }

  /** ISO weeks with a stored collection before `week` (exclusive), newest first. ISO week keys sort as text. */
  async weeksBefore(week: string, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('digest_collections').select('week').where('week', '<', week).orderBy('week', 'desc').limit(limit).execute();
    return rows.map((row) => row.week);
  }

  async latestBefore(week: string): Promise<Collection | undefined> {
    const [previous] = await this.weeksBefore(week, 1);
    return previous ? this.get(previous) : undefined;
  }

  /** Up to `count` collections ending with `week` (inclusive, when stored), oldest first: sparkline history. */
  async history(week: string, count: number): Promise<Collection[]> {
    const weeks = await this.db.selectFrom('digest_collections').select('week').where('week', '<=', week).orderBy('week', 'desc').limit(count).execute();
    const collections = await Promise.all(weeks.map((row) => this.get(row.week)));
    return collections.filter((collection): collection is Collection => collection !== undefined).reverse();
  }
}
