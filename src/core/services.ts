// What command handlers receive besides their arguments: the long-lived parts of the running bot.
import type { Logger } from 'pino';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Store } from '../store/store.ts';
import type { Observer } from './observer.ts';
import type { CommandRateLimiter } from './rate-limit-gate.ts';

/**
 * The settings the bot started with. The core declares only those it reads itself (who may change settings), so it
 * does not import the config module: that module merges the full Config in (src/config/env.ts), and every other
 * layer sees all of it.
 */
export interface ServicesSettings {
  SETTINGS_ACCESS: 'everyone' | 'admins' | 'listed';
  SETTINGS_USER_IDS: string[];
}

export interface Services {
  config: ServicesSettings;
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
