// The Prometheus metrics of one process, on its own registry (so tests and several bots in one process never
// collide), and the Observer that core, adapters and the digest report through.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Observer } from '../core/observer.ts';

export interface OpsMetrics {
  registry: Registry;
  /** What Services.observer is set to. */
  observer: Observer;
  commands: Counter<'command' | 'platform' | 'outcome'>;
  answerLatency: Histogram<'command' | 'platform'>;
  ackLatency: Histogram<'platform'>;
  digestDeliveries: Counter<'platform' | 'outcome'>;
  sourceFetches: Counter<'source' | 'status'>;
  rateLimitWaits: Counter<'scope'>;
  rateLimitWaitSeconds: Histogram<'scope'>;
  kbStaleEntries: Gauge;
  feedbackVotes: Counter<'vote'>;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop lag, GC); off in tests that compare exact output. */
  processMetrics?: boolean;
  /** Counts knowledge-base entries needing review at scrape time (from the store); the gauge stays 0 without it. */
  kbStaleEntries?: () => Promise<number>;
}

// Answers are computed in-process (milliseconds); the tail buckets catch database stalls.
const ANSWER_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
// Slack and Discord both give 3 s to acknowledge; the buckets around it show how close we come.
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const WAIT_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 900, 3600];

/** Label values come from bounded sets already; this only stops a stray long value from bloating a series. */
function label(value: string): string {
  return value.length > 64 ? value.slice(0, 64) : value;
}

export function createMetrics(options: MetricsOptions = {}): OpsMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'rustvsgo_' });
  const registers = [registry];

  const commands = new Counter({
    name: 'rustvsgo_commands_total',
    help: 'Commands dispatched, by command path, platform and outcome (ok, user_error, denied, failed, rate_limited).',
    labelNames: ['command', 'platform', 'outcome'] as const,
    registers,
  });
  const answerLatency = new Histogram({
    name: 'rustvsgo_answer_duration_seconds',
    help: 'Time from dispatch receiving an invocation to its reply being built.',
    labelNames: ['command', 'platform'] as const,
    buckets: ANSWER_BUCKETS,
    registers,
  });
  const ackLatency = new Histogram({
    name: 'rustvsgo_ack_duration_seconds',
    help: 'Time from a platform request arriving to its acknowledgement being sent.',
    labelNames: ['platform'] as const,
    buckets: ACK_BUCKETS,
    registers,
  });
  const digestDeliveries = new Counter({
    name: 'rustvsgo_digest_deliveries_total',
    help: 'Digest delivery attempts to a channel, by platform and outcome.',
    labelNames: ['platform', 'outcome'] as const,
    registers,
  });
  const sourceFetches = new Counter({
    name: 'rustvsgo_source_fetches_total',
    help: 'Data-source requests of the digest collector, by source and status.',
    labelNames: ['source', 'status'] as const,
    registers,
  });
  const rateLimitWaits = new Counter({
    name: 'rustvsgo_rate_limit_waits_total',
    help: 'Times someone was told to wait: scope user/channel for command limits, or a data source that asked us to back off.',
    labelNames: ['scope'] as const,
    registers,
  });
  const rateLimitWaitSeconds = new Histogram({
    name: 'rustvsgo_rate_limit_wait_seconds',
    help: 'How long each rate-limit wait was (until a user may retry, or how long we backed off a source).',
    labelNames: ['scope'] as const,
    buckets: WAIT_BUCKETS,
    registers,
  });

  const feedbackVotes = new Counter({
    name: 'rustvsgo_feedback_total',
    help: 'Votes on answers (thumbs up / thumbs down buttons), by vote.',
    labelNames: ['vote'] as const,
    registers,
  });

  const countStale = options.kbStaleEntries;
  const kbStaleEntries = new Gauge({
    name: 'rustvsgo_kb_stale_entries',
    help: 'Knowledge-base entries checked against an older Go/Rust release than the newest stored one, or reviewed more than 12 months ago (see `rustvsgo kb check`).',
    registers,
    async collect() {
      if (!countStale) return;
      try {
        this.set(await countStale());
      } catch {
        // A store hiccup must not break the scrape; the gauge keeps its last value.
      }
    },
  });

  const observer: Observer = {
    commandFinished({ command, platform, outcome, seconds }) {
      commands.inc({ command: label(command), platform, outcome });
      answerLatency.observe({ command: label(command), platform }, seconds);
    },
    acknowledged(platform, seconds) {
      ackLatency.observe({ platform }, seconds);
    },
    digestDelivered(platform, outcome) {
      digestDeliveries.inc({ platform: label(platform), outcome: label(outcome) });
    },
    sourceFetched(source, status) {
      sourceFetches.inc({ source: label(source), status: label(status) });
    },
    rateLimitWaited(scope, seconds) {
      rateLimitWaits.inc({ scope: label(scope) });
      rateLimitWaitSeconds.observe({ scope: label(scope) }, seconds);
    },
    feedbackVoted(vote) {
      feedbackVotes.inc({ vote });
    },
  };

  return { registry, observer, commands, answerLatency, ackLatency, digestDeliveries, sourceFetches, rateLimitWaits, rateLimitWaitSeconds, kbStaleEntries, feedbackVotes };
}
