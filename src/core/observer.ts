// What the running bot reports about itself (command outcomes, acknowledgement latency, digest deliveries,
// source fetches, rate-limit waits). Defined here so core, adapters and the digest can report without
// importing a metrics library; src/ops/metrics.ts implements it with prom-client.
import type { Platform } from '../shared/platform.ts';

/** How one dispatched invocation ended; "rate_limited" when a limit stopped it before the handler ran. */
export type CommandOutcomeLabel = 'ok' | 'user_error' | 'denied' | 'failed' | 'rate_limited';

export interface CommandFinished {
  /** Command path ("ask", "team set"), or "unknown"/"invalid"-style paths as dispatch reports them. */
  command: string;
  platform: Platform;
  outcome: CommandOutcomeLabel;
  /** From receipt by dispatch to the reply being built. */
  seconds: number;
}

/**
 * Every method is fire-and-forget and must not throw.
 *
 * @example
 * // In an adapter, right after Bolt's ack() resolved:
 * services.observer?.acknowledged('slack', (performance.now() - receivedAt) / 1000);
 */
export interface Observer {
  commandFinished(event: CommandFinished): void;
  /** An adapter acknowledged a platform request (Slack's ack, Discord's deferred or immediate response). */
  acknowledged(platform: Platform, seconds: number): void;
  /** One digest delivery attempt to one channel, e.g. outcome "sent", "failed", "skipped". */
  digestDelivered(platform: string, outcome: string): void;
  /** One data-source request, status "ok", "not_modified", or a SourceError kind ("rate_limited", ...). */
  sourceFetched(source: string, status: string): void;
  /**
   * Someone was told to wait: scope "user" or "channel" for command limits (seconds until they may retry), or a
   * data source's name when it asked us to back off (seconds we waited).
   */
  rateLimitWaited(scope: string, seconds: number): void;
  /** Someone voted on an answer (thumbs up or down). Optional: observers written before feedback existed still fit. */
  feedbackVoted?(vote: 'up' | 'down'): void;
}
