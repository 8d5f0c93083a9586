// The digest content delivery posts: collected once a week for every channel (one replica collects, claimed in the
// ledger), then built per channel from the stored collections, filtered to that channel's watchlist.
import type { Logger } from 'pino';
import type { Config } from '../config/env.ts';
import { reply, type Reply } from '../core/reply.ts';
import { loadWatchlist, mergeWatchlists, type WatchItem } from '../knowledge/watchlist.ts';
import type { ChannelKey } from '../store/channel-key.ts';
import type { WatchChange } from '../store/digest-subscriptions.ts';
import type { Store } from '../store/store.ts';
import { hasNews } from './build.ts';
import { renderDigest } from './render-digest.ts';
import { isoWeek, type Collection } from '../store/snapshot.ts';
import { renderTrendChart, type TrendChart } from './trend-chart.ts';
import { collectWeek } from './weekly-digest.ts';
import type { SourceFetchObserver } from './sources/http-client.ts';
import { buildEdition, loadEditionHistory } from './weekly-edition.ts';

export type PrepareResult = 'collected' | 'ready' | 'busy' | 'failed';

/** One channel's digest for a week, as delivery posts it. */
export interface DigestMessage {
  reply: Reply;
  /**
   * Nothing new this week: no release, advisory or post and no number moving by 1% or more, with every source
   * answering (a failed source means "unknown", never "nothing new"). Channels with skip-empty get no post.
   */
  nothingNew: boolean;
  /** The trend chart (rendered once per edition, on first use); undefined when there is nothing to plot. */
  chart: () => Promise<TrendChart | undefined>;
}

export interface DigestContent {
  /** Makes sure this week's data is collected, once across replicas. "busy": another replica is collecting now. */
  prepare(now: Date): Promise<PrepareResult>;
  /** The digest for one channel from the newest collection at or before `now` (the same pipeline as a preview). */
  messageFor(channel: ChannelKey, now: Date): Promise<DigestMessage>;
}

/** Collects and stores one week's data for a watchlist; the default asks the real sources (URLs from config). */
export type Collector = (now: Date, watchlist: WatchItem[]) => Promise<Collection>;

export interface StoredDigestContentOptions {
  store: Store;
  config: Config;
  logger: Logger;
  holder: string;
  collector?: Collector;
  /** Source request metrics for the default collector. */
  observer?: SourceFetchObserver;
  defaultWatchlist?: WatchItem[];
  /** How long a collection claim lasts before another replica may take it over. */
  collectLeaseMs?: number;
  /** What to do about an empty store, in commands that work where the reply is shown (the shell cannot collect). */
  noDataHint?: string;
}

const CHAT_NO_DATA_HINT =
  'Nothing has been collected yet. The first collection runs with the first scheduled digest (`/rustvsgo digest subscribe` schedules one for this channel).';
const COLLECTION_RETRY_MS = 10 * 60_000;
const HISTORY_CACHE_MS = 5 * 60_000;

function sourceCollector(config: Config, store: Store, logger: Logger, observer: SourceFetchObserver | undefined): Collector {
  return (now, watchlist) => collectWeek({ store, config, now, watchlist, logger, observer });
}

/** The default watchlist with a channel's changes applied. */
function channelWatchlist(base: WatchItem[], changes: WatchChange[]): WatchItem[] {
  const removed = new Set(changes.filter((c) => c.action === 'remove').map((c) => c.item.id));
  const added = changes.filter((c) => c.action === 'add').map((c) => c.item);
  return mergeWatchlists(
    base.filter((item) => !removed.has(item.id)),
    added.filter((item) => !removed.has(item.id)),
  );
}

export function createStoredDigestContent(options: StoredDigestContentOptions): DigestContent {
  const { store, logger, holder } = options;
  const base = options.defaultWatchlist ?? loadWatchlist();
  const collector = options.collector ?? sourceCollector(options.config, store, logger, options.observer);
  const leaseMs = options.collectLeaseMs ?? 15 * 60_000;
  // Loaded collections by week: a fan-out to many channels reads the database once, not once per channel.
  // Entries expire so a collection saved by another process (`digest collect`) is seen within minutes.
  const historyCache = new Map<string, { loadedAt: number; collections: Promise<Collection[]> }>();
  // Channels with the same watchlist get the same digest and chart: built once per loaded history, not per channel.
  const messageCache = new Map<string, DigestMessage>();

  return {
    async prepare(now) {
      const week = isoWeek(now);
      if (await store.digestSnapshots.get(week)) return 'ready';
      const claim = await store.digestLedger.claimCollection(week, holder, now, leaseMs);
      if (claim === 'busy') return 'busy';
      if (claim === 'done') return 'ready';
      try {
        const watchlist = mergeWatchlists(base, await store.digestSubscriptions.allAdditions());
        const collection = await collector(now, watchlist);
        await store.digestLedger.finishCollection(week, holder, now);
        historyCache.clear();
        logger.info({ week, items: collection.items.length }, 'digest data collected');
        return 'collected';
      } catch (error) {
        logger.error({ err: error, week }, 'digest collection failed');
        await store.digestLedger.failCollection(week, holder, error instanceof Error ? error.message.slice(0, 300) : 'unknown error', new Date(now.getTime() + COLLECTION_RETRY_MS), now);
        return 'failed';
      }
    },

    async messageFor(channel, now) {
      const week = isoWeek(now);
      let cached = historyCache.get(week);
      if (!cached || now.getTime() - cached.loadedAt > HISTORY_CACHE_MS || now.getTime() < cached.loadedAt) {
        cached = { loadedAt: now.getTime(), collections: loadEditionHistory(store, week) };
        historyCache.set(week, cached);
        cached.collections.catch(() => historyCache.delete(week));
      }
      const history = await cached.collections;
      const current = history.at(-1);
      if (!current) {
        const empty = reply({
          title: 'No digest data yet',
          summary: options.noDataHint ?? CHAT_NO_DATA_HINT,
          tone: 'info',
        });
        return { reply: empty, nothingNew: true, chart: async () => undefined };
      }
      const ids = new Set(channelWatchlist(base, await store.digestSubscriptions.watchChanges(channel)).map((item) => item.id));
      const key = `${week}|${cached.loadedAt}|${[...ids].sort().join(',')}`;
      const known = messageCache.get(key);
      if (known) return known;
      const edition = buildEdition(history, ids);
      let chart: Promise<TrendChart | undefined> | undefined;
      const built: DigestMessage = {
        reply: renderDigest(edition.digest),
        nothingNew: !hasNews(edition.digest) && edition.digest.sources.every((source) => source.status === 'ok'),
        chart: () => {
          chart ??= renderTrendChart(edition.history);
          return chart;
        },
      };
      if (messageCache.size > 500) messageCache.clear();
      messageCache.set(key, built);
      return built;
    },
  };
}
