// What delivery needs from a chat platform: post a digest carrying a marker for its week, and find a digest
// already posted for a week (the check that closes the window between sending a message and recording it).
import type { Reply } from '../../core/reply.ts';
import type { ChannelKey } from '../../store/channel-key.ts';
import type { TrendChart } from '../trend-chart.ts';

interface DigestPost {
  channel: ChannelKey;
  /** The subscriber's ISO week, e.g. 2026-W10; part of the marker the message carries. */
  week: string;
  reply: Reply;
  /** The trend chart, for platforms that carry it inside the digest message itself (Discord). */
  chart?: TrendChart;
}

export interface ChartAttachment {
  channel: ChannelKey;
  week: string;
  /** The posted digest (Slack ts): the chart goes into its thread. */
  messageRef: string;
  chart: TrendChart;
  /**
   * What the ledger recorded of earlier attempts: 'none' means none of them made the sharing call, so nothing can
   * be visible and the chart is uploaded without looking; 'started' means one did and its result is unknown.
   */
  earlier: 'none' | 'started';
  /** Records 'started' in the ledger; call right before the sharing call. False: the claim was lost, do not share. */
  beforeShare(): Promise<boolean>;
  /** The sharing call was answered with a definite no (nothing visible): clears 'started' so a retry uploads. */
  shareRefused(): Promise<void>;
}

export type ChartOutcome =
  /** Shared now. */
  | 'shared'
  /** The platform carried it inside the digest message (Discord). */
  | 'in-post'
  /** An earlier attempt's chart is in the digest's thread (read with the history opt-in). */
  | 'found'
  /** An earlier attempt may have shared it and the thread cannot be read: not shared again (at most once). */
  | 'unverified'
  /** This holder lost its claim before sharing: left to the holder that has it. */
  | 'not-holder';

/**
 * How a digest is posted on one platform. Each adapter owns its implementation (src/adapters/slack/digest-poster.ts,
 * src/adapters/discord/digest-poster.ts); start-up wires them from config (src/runtime/digest-posters.ts).
 */
export interface DigestPoster {
  readonly platform: 'slack' | 'discord';
  /** Posts the digest; returns a reference to the message (Slack ts, Discord message id). */
  post(post: DigestPost): Promise<string>;
  /** The reference of a digest this bot already posted in the channel for `week`, if the platform shows one. */
  findPosted(channel: ChannelKey, week: string): Promise<string | undefined>;
  /**
   * Makes sure the week's chart accompanies the posted digest, never twice. Slack uploads it into the digest's
   * thread (files.getUploadURLExternal -> upload -> files.completeUploadExternal); Discord carried it in post().
   */
  attachChart(attachment: ChartAttachment): Promise<ChartOutcome>;
}

/** The posters that can run, by platform; a channel on a platform without one is not delivered to. */
export type Posters = Partial<Record<ChannelKey['platform'], DigestPoster>>;

/** The channel refuses the bot (archived, bot removed, no permission): pause the subscription, do not retry. */
export class ChannelRejectedError extends Error {
  constructor(
    /** Shown to users in `digest status`, e.g. "Slack: is_archived (the channel is archived)". */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ChannelRejectedError';
  }
}

/** The platform answered the chart upload with a definite no (a missing scope, an error code): the digest stands
 * without its chart, recorded as sent. Transient failures (5xx, network, rate limits) are not this: they retry. */
export class ChartRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ChartRefusedError';
  }
}

/** The platform asked us to slow down for longer than we are willing to hold a claim: retry after `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited; retry after ${retryAfterMs} ms`);
    this.name = 'RateLimitedError';
  }
}

/** Waits; tests inject one that records the wait and returns at once. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The marker text every digest carries so a later run can recognise it (Discord footer, Slack fallback text). */
export function digestMarker(week: string): string {
  return `rustvsgo weekly digest · ${week}`;
}

/**
 * Runs a platform call, waiting as told when rate limited (`retryAfterMs` from the platform's 429), at most
 * `maxWaits` times and never longer than `maxWaitMs` in one go (beyond that the claim would expire: give up and
 * let the ledger retry later).
 */
export async function withRateLimitWaits<T>(
  call: () => Promise<T>,
  retryAfterOf: (error: unknown) => number | undefined,
  options: {
    sleep: Sleep;
    maxWaits?: number;
    maxWaitMs?: number;
    onWait?: (ms: number) => void;
    /** Turns a platform error that means "this channel rejects the bot" into a ChannelRejectedError. */
    rejectionOf?: (error: unknown) => ChannelRejectedError | undefined;
  },
): Promise<T> {
  const maxWaits = options.maxWaits ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  for (let waits = 0; ; waits += 1) {
    try {
      return await call();
    } catch (error) {
      const retryAfterMs = retryAfterOf(error);
      if (retryAfterMs === undefined) throw options.rejectionOf?.(error) ?? error;
      if (waits >= maxWaits || retryAfterMs > maxWaitMs) throw new RateLimitedError(retryAfterMs);
      options.onWait?.(retryAfterMs);
      await options.sleep(retryAfterMs);
    }
  }
}
