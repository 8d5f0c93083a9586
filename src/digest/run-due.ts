// One delivery round: find the subscriptions whose slot this week (in their own zone) has passed and that are not
// yet delivered, collect the week's data once if needed, and deliver each through the ledger. Safe to run any
// number of times, from any number of replicas, at any moment: the scheduler runs it at each slot, every few
// minutes as a sweep (retries, takeovers, slots node-cron skipped in a DST gap) and at start-up (catch-up).
// `rustvsgo digest run [--now ISO]` runs it once.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Observer } from '../core/observer.ts';
import type { Services } from '../core/services.ts';
import type { ChannelKey } from '../store/channel-key.ts';
import type { DigestSubscription } from '../store/digest-subscriptions.ts';
import type { Store } from '../store/store.ts';
import { deliverWeek, type DeliveryOutcome, type DeliveryStep } from './delivery/deliver.ts';
import { createPacer, DEFAULT_POST_INTERVAL_MS, type Pacer } from './delivery/pacer.ts';
import { realSleep, type Posters } from './delivery/poster.ts';
import { slotThisWeek } from './delivery/schedule-time.ts';
import { createStoredDigestContent, type DigestContent, type PrepareResult } from './digest-content.ts';

/** Default claim length: well above one post with its rate-limit waits (capped at a minute each). */
const DEFAULT_DELIVERY_LEASE_MS = 5 * 60_000;

export interface RunDueDeps {
  store: Store;
  content: DigestContent;
  posters: Posters;
  holder: string;
  now: () => Date;
  logger: Logger;
  leaseMs?: number;
  pacer?: Pacer;
  onStep?: (step: DeliveryStep, channel: ChannelKey) => void | Promise<void>;
  /** Metrics: one call per delivery attempt with its outcome. */
  observer?: Pick<Observer, 'digestDelivered'>;
}

interface DeliveryReport {
  channel: ChannelKey;
  week: string;
  outcome: DeliveryOutcome;
}

export interface RunDueResult {
  at: string;
  /** Subscriptions whose slot has passed this week and that are not yet sent. */
  due: number;
  collection?: PrepareResult;
  deliveries: DeliveryReport[];
}

/** A claim holder id unique to this process. */
export function processHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

interface DueDelivery {
  subscription: DigestSubscription;
  week: string;
  dueAt: Date;
}

async function dueDeliveries(deps: RunDueDeps, now: Date): Promise<DueDelivery[]> {
  const due: DueDelivery[] = [];
  for (const subscription of await deps.store.digestSubscriptions.listActive()) {
    if (!deps.posters[subscription.channel.platform]) continue;
    const { week, dueAt } = slotThisWeek(now, subscription);
    // Not yet time, or the channel subscribed after this week's slot (its first digest is next week's).
    if (now < dueAt || dueAt < subscription.activeFrom) continue;
    const record = await deps.store.digestLedger.get(subscription.channel, week);
    if (record?.state === 'sent') continue;
    if (record?.state === 'claimed' && record.claimUntil && record.claimUntil >= now) continue;
    if (record?.state === 'failed' && record.retryAt && record.retryAt > now) continue;
    due.push({ subscription, week, dueAt });
  }
  return due;
}

export async function runDue(deps: RunDueDeps): Promise<RunDueResult> {
  const now = deps.now();
  const due = await dueDeliveries(deps, now);
  const result: RunDueResult = { at: now.toISOString(), due: due.length, deliveries: [] };
  if (due.length === 0) return result;

  result.collection = await deps.content.prepare(now);
  // Another replica is collecting (or collection failed and waits for its retry): deliver on a later round.
  if (result.collection === 'busy' || result.collection === 'failed') return result;

  const deliveryDeps = {
    ledger: deps.store.digestLedger,
    subscriptions: deps.store.digestSubscriptions,
    posters: deps.posters,
    holder: deps.holder,
    now: deps.now,
    leaseMs: deps.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS,
    pacer: deps.pacer,
    logger: deps.logger,
    onStep: deps.onStep,
  };
  for (const { subscription, week, dueAt } of due) {
    const channel = subscription.channel;
    const outcome = await deliverWeek(deliveryDeps, {
      channel,
      week,
      dueAt,
      message: () => deps.content.messageFor(channel, deps.now()),
      skipWhenNothingNew: subscription.skipEmpty,
    });
    result.deliveries.push({ channel, week, outcome });
    deps.observer?.digestDelivered(channel.platform, outcome);
  }
  return result;
}

/** The deps a running bot or the CLI uses: content from the store and sources, the given posters, real pacing. */
export function runDueDepsFromServices(services: Services, posters: Posters, overrides: Partial<RunDueDeps> = {}): RunDueDeps {
  const holder = overrides.holder ?? processHolder();
  return {
    store: services.store,
    content: createStoredDigestContent({ store: services.store, config: services.config, logger: services.logger, holder, observer: services.observer }),
    posters,
    observer: services.observer,
    holder,
    now: services.now,
    logger: services.logger,
    pacer: createPacer(DEFAULT_POST_INTERVAL_MS, { now: () => Date.now(), sleep: realSleep }),
    ...overrides,
  };
}

/** `rustvsgo digest run [--now ISO]`: one round; prints a JSON summary line and returns the exit code. */
export async function runDueCommand(services: Services, posters: Posters, write: (line: string) => void): Promise<number> {
  const deps = runDueDepsFromServices(services, posters);
  if (!deps.posters.slack && !deps.posters.discord) {
    write(JSON.stringify({ error: 'no platform can post: set SLACK_BOT_TOKEN (or Slack OAuth) and/or DISCORD_TOKEN' }));
    return 1;
  }
  const result = await runDue(deps);
  const counts: Record<string, number> = {};
  for (const delivery of result.deliveries) counts[delivery.outcome] = (counts[delivery.outcome] ?? 0) + 1;
  write(
    JSON.stringify({
      at: result.at,
      due: result.due,
      collection: result.collection ?? 'not_needed',
      outcomes: counts,
      deliveries: result.deliveries.map((d) => ({ platform: d.channel.platform, workspace: d.channel.workspaceId, channel: d.channel.channelId, week: d.week, outcome: d.outcome })),
    }),
  );
  return result.deliveries.some((d) => d.outcome === 'failed') ? 1 : 0;
}
