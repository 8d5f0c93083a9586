// The one pipeline every digest goes through: delivery to a channel, `digest preview` (CLI and chat) and the demo.
// Same history window, same filtering, same builder, so a preview shows exactly what a channel will receive for
// the same stored data. Before this, delivery built with 9 weeks of history, the preview with 8 and the demo with
// its own, and a preview could differ from the delivered digest.
import type { Store } from '../store/store.ts';
import { buildDigest } from './build.ts';
import type { Digest } from './digest.ts';
import type { Collection } from '../store/snapshot.ts';

/** Weeks in view, this week included: the sparklines' and the trend chart's history window. */
export const HISTORY_WEEKS = 8;

export interface WeeklyEdition {
  digest: Digest;
  /** The collections in the history window, oldest first, filtered to the channel's items: the chart's data. */
  history: Collection[];
}

/** Keeps the watched items a channel follows (all of them when `itemIds` is absent). */
function onlyItems(collection: Collection, itemIds: ReadonlySet<string> | undefined): Collection {
  return itemIds ? { ...collection, items: collection.items.filter((item) => itemIds.has(item.itemId)) } : collection;
}

/**
 * The digest for the newest of `collections` (oldest first) against the one before it, with the history window
 * for sparklines and the chart. Pure: the same collections give the same edition.
 */
export function buildEdition(collections: Collection[], itemIds?: ReadonlySet<string>): WeeklyEdition {
  const history = collections.slice(-HISTORY_WEEKS).map((collection) => onlyItems(collection, itemIds));
  const current = history.at(-1);
  if (!current) throw new Error('buildEdition needs at least one collection');
  return { digest: buildDigest({ current, previous: history.at(-2), history }), history };
}

/** The stored collections an edition for `week` is built from: up to HISTORY_WEEKS ending at `week`, oldest first. */
export function loadEditionHistory(store: Store, week: string): Promise<Collection[]> {
  return store.digestSnapshots.history(week, HISTORY_WEEKS);
}
