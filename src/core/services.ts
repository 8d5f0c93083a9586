// What command handlers receive besides their arguments: the long-lived parts of the running bot.
import type { Logger } from 'pino';
import type { Config } from '../config/env.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Store } from '../store/store.ts';

export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  knowledge: KnowledgeBase;
  /** The clock; tests and `--now` inject a fixed one. */
  now: () => Date;
}
