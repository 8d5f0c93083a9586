// What command handlers receive besides their arguments: the long-lived parts of the running bot.
import type { Logger } from 'pino';
import type { Config } from '../config/env.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Store } from '../store/store.ts';
import type { Observer } from './observer.ts';
import type { CommandRateLimiter } from './rate-limit-gate.ts';

export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  knowledge: KnowledgeBase;
  /** The clock; tests and `--now` inject a fixed one. */
  now: () => Date;
  /** Metrics sink (src/ops/metrics.ts); absent in tests and the CLI. */
  observer?: Observer;
  /** Per-user and per-channel command limits (src/ops/command-rate-limiter.ts); absent means unlimited. */
  rateLimiter?: CommandRateLimiter;
}
