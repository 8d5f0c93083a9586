// Delivers one channel's digest for one week, exactly once, through the ledger:
//   ensure row -> claim (conditional UPDATE) -> [if an earlier claim existed: ask the platform whether that holder
//   already posted it] -> post with the week's marker -> keep its ref -> chart (Slack: chart_state none -> started
//   -> done around the sharing call) -> record sent (only while still holding the claim).
// A crash anywhere leaves a row a later run can finish: before the post nothing was sent; after it, the ledger's
// ref (or the platform) shows the message and the next holder records it instead of posting again, and the chart
// state says whether the chart still needs sharing.
import type { Logger } from 'pino';
import type { ChannelKey } from '../../store/channel-key.ts';
import type { DigestLedgerRepository } from '../../store/digest-ledger.ts';
import type { DigestSubscriptionRepository } from '../../store/digest-subscriptions.ts';
import type { TrendChart } from '../trend-chart.ts';
import type { DigestMessage } from '../digest-content.ts';
import type { Pacer } from './pacer.ts';
import { ChannelRejectedError, ChartRefusedError, RateLimitedError, type DigestPoster } from './poster.ts';

export type DeliveryStep = 'claimed' | 'sent' | 'charted' | 'recorded';

/** The ledger's message reference for a week a skip-empty channel got no digest because nothing was new. */
export const NOTHING_NEW_REF = 'skipped:nothing-new';

export type DeliveryOutcome =
  /** Posted and recorded now. */
  | 'sent'
  /** An earlier holder had posted it; recorded now without posting again. */
  | 'recovered'
  /** Already sent, or another holder is on it. */
  | 'skipped'
  /** The channel skips weeks with nothing new, and this week had nothing new: recorded, nothing posted. */
  | 'skipped_empty'
  | 'paused'
  | 'failed'
  /** Posted, but the claim had expired and another holder took it over: that holder will find the message. */
  | 'lease_lost';

export interface DeliveryDeps {
  ledger: DigestLedgerRepository;
  subscriptions: DigestSubscriptionRepository;
  posters: Partial<Record<ChannelKey['platform'], DigestPoster>>;
  /** Who claims: unique per process, so a restarted process never mistakes an old claim for its own. */
  holder: string;
  now: () => Date;
  /** How long a claim lasts; longer than any one post takes, including rate-limit waits. */
  leaseMs: number;
  pacer?: Pacer;
  logger: Logger;
  /** Test hook after each step; a throw here simulates a crash at that point (it is not caught). */
  onStep?: (step: DeliveryStep, channel: ChannelKey) => void | Promise<void>;
}

export interface DeliveryTask {
  channel: ChannelKey;
  week: string;
  dueAt: Date;
  /** Builds the digest to post; only called when a post (or its chart) is needed. */
  message: () => Promise<DigestMessage>;
  /** The channel asked to skip weeks with nothing new (`digest set skip-empty on`). */
  skipWhenNothingNew?: boolean;
}

const RETRY_BASE_MS = 5 * 60_000;
const RETRY_MAX_MS = 6 * 60 * 60_000;

/** Exponential backoff for transient failures: 5 min, 10 min, 20 min ... at most 6 h. */
function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.slice(0, 300);
  return 'unknown error';
}

/** The message's chart; a chart that fails to render is left out, it never holds the digest back. */
async function chartOf(message: DigestMessage, log: Logger): Promise<TrendChart | undefined> {
  try {
    return await message.chart();
  } catch (error) {
    log.warn({ err: error }, 'digest chart could not be rendered; posting without it');
    return undefined;
  }
}

/** Records a failed attempt: a channel that rejects the bot is paused; anything else is retried with backoff. */
async function failed(deps: DeliveryDeps, task: DeliveryTask, attempts: number, error: unknown, log: Logger): Promise<DeliveryOutcome> {
  const { channel, week } = task;
  const now = deps.now();
  if (error instanceof ChannelRejectedError) {
    await deps.ledger.markPaused(channel, week, deps.holder, error.reason, now);
    await deps.subscriptions.pause(channel, error.reason, now);
    log.warn({ reason: error.reason }, 'digest channel rejects the bot; subscription paused');
    return 'paused';
  }
  const retryAt = new Date(now.getTime() + (error instanceof RateLimitedError ? error.retryAfterMs : retryDelayMs(attempts)));
  await deps.ledger.markFailed(channel, week, deps.holder, describe(error), retryAt, now);
  log.warn({ err: error, retryAt: retryAt.toISOString(), attempts }, 'digest delivery failed; will retry');
  return 'failed';
}

export async function deliverWeek(deps: DeliveryDeps, task: DeliveryTask): Promise<DeliveryOutcome> {
  const { ledger, holder } = deps;
  const { channel, week } = task;
  const poster = deps.posters[channel.platform];
  const log = deps.logger.child({ platform: channel.platform, workspaceId: channel.workspaceId, channelId: channel.channelId, week });
  if (!poster) return 'skipped';

  await ledger.ensure(channel, week, task.dueAt, deps.now());
  const claim = await ledger.claim(channel, week, holder, deps.now(), deps.leaseMs);
  if (!claim) return 'skipped';
  await deps.onStep?.('claimed', channel);

  let messageRef: string;
  let recovered = false;
  let message: DigestMessage | undefined;
  try {
    // An earlier claim means an earlier holder may have posted and died before recording it: look first, in the
    // ledger (the ref kept right after its post), then on the platform (Slack only with the history opt-in).
    const existing = claim.attempts > 1 ? ((await ledger.postedRef(channel, week)) ?? (await poster.findPosted(channel, week))) : undefined;
    if (existing) {
      messageRef = existing;
      recovered = true;
    } else {
      message = await task.message();
      if (task.skipWhenNothingNew && message.nothingNew) {
        const skipped = await ledger.markSent(channel, week, holder, NOTHING_NEW_REF, deps.now());
        log.info('nothing new this week and the channel skips such weeks: nothing posted');
        return skipped ? 'skipped_empty' : 'lease_lost';
      }
      const chart = await chartOf(message, log);
      await deps.pacer?.wait(channel);
      messageRef = await poster.post({ channel, week, reply: message.reply, ...(chart ? { chart } : {}) });
      await ledger.recordPosted(channel, week, messageRef, deps.now());
    }
  } catch (error) {
    return failed(deps, task, claim.attempts, error, log);
  }
  if (!recovered) await deps.onStep?.('sent', channel);

  // The chart follows the digest. Slack uploads it into the digest's thread, and the ledger keeps how far that got
  // (chart_state), so a recovered digest never gets a second chart and no history scope is needed to know it.
  // Discord carried it in the post. Only a recovered digest can have chart progress: a fresh post starts at 'none'.
  try {
    const chartState = recovered ? await ledger.chartState(channel, week) : 'none';
    if (chartState !== 'done') {
      message ??= await task.message();
      const chart = await chartOf(message, log);
      if (chart) {
        const outcome = await poster.attachChart({
          channel,
          week,
          messageRef,
          chart,
          earlier: chartState,
          beforeShare: () => ledger.markChartStarted(channel, week, holder, deps.now(), chartState),
          shareRefused: () => ledger.clearChartStarted(channel, week, deps.now()),
        });
        if (outcome === 'unverified') {
          log.warn('an earlier attempt may have shared the chart and the thread cannot be read without the history opt-in; not sharing it again');
        }
        // Settled either way; a holder that lost its claim leaves the state to the holder that has it.
        if (outcome !== 'not-holder') await ledger.markChartDone(channel, week, deps.now());
      }
    }
  } catch (error) {
    // A definite no (no files:write, an error code) leaves the digest without its chart; a transient failure retries.
    if (!(error instanceof ChartRefusedError || error instanceof ChannelRejectedError)) return failed(deps, task, claim.attempts, error, log);
    log.warn({ reason: error.reason }, 'digest chart refused by the platform; digest recorded without it');
  }
  await deps.onStep?.('charted', channel);

  const recorded = await ledger.markSent(channel, week, holder, messageRef, deps.now());
  if (!recorded) {
    log.warn({ messageRef }, 'digest posted after the claim expired; the next holder will find it and record it');
    return 'lease_lost';
  }
  await deps.onStep?.('recorded', channel);
  log.info({ messageRef, recovered }, recovered ? 'digest found already posted; recorded' : 'digest delivered');
  return recovered ? 'recovered' : 'sent';
}
