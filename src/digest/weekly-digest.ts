// The digest's use cases over the store: collect this week's data once (for every channel) and build the digest
// for a week from the stored collections. The CLI and the delivery scheduler (run-due) both go through here.
import type { Logger } from 'pino';
import { loadWatchlist, type WatchItem } from '../knowledge/watchlist.ts';
import type { Store } from '../store/store.ts';
import { collectSnapshots } from './collect.ts';
import { isoWeek, type Collection } from './snapshot.ts';
import { createSourceClients, type SourceConfig } from './source-clients.ts';
import type { SourceClock } from './sources/http-client.ts';
import { buildEdition, loadEditionHistory, type WeeklyEdition } from './weekly-edition.ts';

export interface CollectWeekInput {
  store: Store;
  config: SourceConfig;
  now: Date;
  /** Defaults to the knowledge base's watchlist; the scheduler passes the union of every channel's list. */
  watchlist?: WatchItem[];
  clock?: SourceClock;
  logger?: Pick<Logger, 'warn'>;
}

/** Collects from every source and stores the result as this ISO week's collection (replacing an earlier one). */
export async function collectWeek(input: CollectWeekInput): Promise<Collection> {
  const week = isoWeek(input.now);
  const previous = await input.store.digestSnapshots.latestBefore(week);
  const clients = createSourceClients(input.config, { clock: input.clock, validators: input.store.sourceValidators });
  const collection = await collectSnapshots({
    clients,
    watchlist: input.watchlist ?? loadWatchlist(),
    now: input.now,
    previous,
    onProblem: ({ source, item, error }) =>
      input.logger?.warn({ source, item, err: error instanceof Error ? error.message : String(error) }, 'digest source request failed'),
  });
  await input.store.digestSnapshots.save(collection);
  return collection;
}

/** Whether this ISO week already has a stored collection (the scheduler collects once a week). */
export async function hasCollection(store: Store, now: Date): Promise<boolean> {
  return (await store.digestSnapshots.get(isoWeek(now))) !== undefined;
}

/** The edition for the ISO week of `now`, from stored collections; undefined when the week was not collected. */
export async function editionForWeek(store: Store, now: Date): Promise<WeeklyEdition | undefined> {
  const week = isoWeek(now);
  const history = await loadEditionHistory(store, week);
  if (history.at(-1)?.week !== week) return undefined;
  return buildEdition(history);
}

/** The week's edition, collecting first when the week has no collection yet. */
export async function ensureEdition(input: CollectWeekInput): Promise<WeeklyEdition> {
  const existing = await editionForWeek(input.store, input.now);
  if (existing) return existing;
  await collectWeek(input);
  return (await editionForWeek(input.store, input.now)) as WeeklyEdition;
}
