// A delivery test world: one SQLite file (shared by every "process" a test starts, as replicas or restarts would
// share it), a fake Slack API and a fake Discord API on loopback, an injected clock, recorded waits, and a
// collector that stores recorded demo data instead of asking the real sources.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseConfig } from '../../../src/config/env.ts';
import { createStoredDigestContent, type Collector } from '../../../src/digest/digest-content.ts';
import { createDiscordPoster } from '../../../src/adapters/discord/digest-poster.ts';
import type { Posters } from '../../../src/digest/delivery/poster.ts';
import { createSlackPoster } from '../../../src/adapters/slack/digest-poster.ts';
import { loadDemoCollections } from '../../../src/digest/demo/load-demo.ts';
import { processHolder, type RunDueDeps } from '../../../src/digest/run-due.ts';
import { isoWeek } from '../../../src/store/snapshot.ts';
import type { ChannelKey } from '../../../src/store/channel-key.ts';
import { openStore, type Store } from '../../../src/store/store.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../support/fake-discord-api.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.ts';

export const SLACK_CHANNEL: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
export const DISCORD_CHANNEL: ChannelKey = { platform: 'discord', workspaceId: '111', channelId: '222' };

interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

function testClock(startIso: string): TestClock {
  let current = Date.parse(startIso);
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = Date.parse(iso);
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** Stores the last demo week as this week's collection: real shape, no network. */
const demoCollector =
  (store: Store): Collector =>
  async (now) => {
    const demo = loadDemoCollections().at(-1)!;
    // The recorded collection time is kept, so its releases fall inside the digest's window.
    const collection = { ...demo, week: isoWeek(now) };
    await store.digestSnapshots.save(collection);
    return collection;
  };

interface TestProcess {
  store: Store;
  deps: RunDueDeps;
  /** Waits a poster was told to make (rate limits), in ms. */
  waits: number[];
  collections: number;
  /** The watchlist the last collection was asked for. */
  collectedWatchlist?: string[];
}

export interface DeliveryWorld {
  databaseUrl: string;
  slack: FakeSlackApi;
  discord: FakeDiscordApi;
  clock: TestClock;
  /** Starts a "process": its own store connection, holder id, posters and content. */
  start(overrides?: Partial<RunDueDeps>): Promise<TestProcess>;
  close(): Promise<void>;
}

/** `slackHistoryCheck`: the SLACK_DIGEST_HISTORY_CHECK opt-in (off by default, as in production). */
export async function createDeliveryWorld(startIso: string, options: { slackHistoryCheck?: boolean } = {}): Promise<DeliveryWorld> {
  const databaseUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'rustvsgo-delivery-')), 'bot.db')}`;
  const slack = await startFakeSlackApi();
  const discord = await startFakeDiscordApi();
  const clock = testClock(startIso);
  const config = parseConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  const logger = pino({ level: 'silent' });
  const stores: Store[] = [];

  return {
    databaseUrl,
    slack,
    discord,
    clock,
    async start(overrides = {}) {
      const store = await openStore(databaseUrl);
      stores.push(store);
      const waits: number[] = [];
      const sleep = async (ms: number) => {
        waits.push(ms);
      };
      const posters: Posters = {
        slack: createSlackPoster({ apiUrl: slack.apiUrl, tokenFor: async () => 'xoxb-test', sleep, historyCheck: options.slackHistoryCheck }),
        discord: createDiscordPoster({ apiUrl: discord.url, token: 'discord-test-token', sleep }),
      };
      const holder = processHolder();
      const process: TestProcess = { store, waits, collections: 0, deps: undefined as unknown as RunDueDeps };
      const collect = demoCollector(store);
      const content = createStoredDigestContent({
        store,
        config,
        logger,
        holder,
        collector: async (now, watchlist) => {
          process.collections += 1;
          process.collectedWatchlist = watchlist.map((item) => item.id);
          return collect(now, watchlist);
        },
      });
      process.deps = { store, content, posters, holder, now: clock.now, logger, ...overrides };
      return process;
    },
    async close() {
      await Promise.allSettled(stores.map((store) => store.close()));
      await slack.close();
      await discord.close();
    },
  };
}
