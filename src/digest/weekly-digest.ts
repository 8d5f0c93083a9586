// The digest's use cases over the store: collect this week's data once (for every channel) and build the digest
// for a week from the stored collections. The CLI and the delivery scheduler (run-due) both go through here.
import type { Logger } from 'pino';
import { loadWatchlist, type WatchItem } from '../knowledge/watchlist.ts';
import type { Store } from '../store/store.ts';
import { collectSnapshots } from './collect.ts';
import { isoWeek, type Collection } from '../store/snapshot.ts';
import { createSourceClients, type SourceConfig } from './source-clients.ts';
import type { SourceClock, SourceFetchObserver } from './sources/http-client.ts';
import { buildEdition, loadEditionHistory, type WeeklyEdition } from './weekly-edition.ts';

export interface CollectWeekInput {
  store: Store;
  config: SourceConfig;
  now: Date;
  /** Defaults to the knowledge base's watchlist; the scheduler passes the union of every channel's list. */
  watchlist?: WatchItem[];
  clock?: SourceClock;
  logger?: Pick<Logger, 'warn'>;
  /** How long the whole collection may take (default COLLECTION_DEADLINE_MS). */
  deadlineMs?: number;
  /** Source request metrics (the running bot's observer); absent in the CLI. */
  observer?: SourceFetchObserver;
}

/**
 * The longest a collection may run. It must end well inside the collection claim (15 minutes, see
 * digest-content.ts), or a replica still collecting would see its claim taken over and two would collect at once.
 * Past it, requests in flight are cut and the rest are skipped; what was collected is kept, the rest marked stale.
 */
const COLLECTION_DEADLINE_MS = 10 * 60_000;

/** Collects from every source and stores the result as this ISO week's collection (replacing an earlier one). */
export async function collectWeek(input: CollectWeekInput): Promise<Collection> {
  const week = isoWeek(input.now);
  const previous = await input.store.digestSnapshots.latestBefore(week);
  const deadlineMs = input.deadlineMs ?? COLLECTION_DEADLINE_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`the collection deadline (${Math.round(deadlineMs / 1000)} s) passed`)), deadlineMs);
  const clients = createSourceClients(input.config, { clock: input.clock, validators: input.store.sourceValidators, deadline: deadline.signal, observer: input.observer });
  const collection = await collectSnapshots({
    clients,
    watchlist: input.watchlist ?? loadWatchlist(),
    now: input.now,
    previous,
    onProblem: ({ source, item, error }) =>
      input.logger?.warn({ source, item, err: error instanceof Error ? error.message : String(error) }, 'digest source request failed'),
  }).finally(() => clearTimeout(timer));
  await input.store.digestSnapshots.save(collection);
  return collection;
}

/** The edition for the ISO week of `now`, from stored collections; undefined when the week was not collected. */
async function editionForWeek(store: Store, now: Date): Promise<WeeklyEdition | undefined> {
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
