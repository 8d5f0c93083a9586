// Builds the long-lived parts every command needs: config, logger, store, knowledge base, clock.
import type { Logger } from 'pino';
import { compileKb } from '../advisor/compiled-kb.ts';
import { ConfigError, type Config } from '../config/env.ts';
import type { Services } from '../core/services.ts';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.ts';
import { openStore } from '../store/store.ts';
import { createTokenCipher, encryptionKeySchema, type TokenCipher } from '../store/token-cipher.ts';

export interface ServiceOptions {
  now?: () => Date;
}

export async function createServices(config: Config, logger: Logger, options: ServiceOptions = {}): Promise<Services> {
  // The knowledge base first: a broken data file should stop start-up before anything is opened.
  const knowledge = loadKnowledgeBase();
  // Compile the advisor's lexicon now, so the first question does not pay for it.
  compileKb(knowledge);
  const store = await openStore(config.DATABASE_URL, { tokenCipher: tokenCipherFrom(config) });
  return { config, logger, store, knowledge, now: options.now ?? (() => new Date()) };
}

/** The cipher for stored Slack installations, from SLACK_TOKEN_ENCRYPTION_KEY (+ _PREVIOUS); none without a key. */
export function tokenCipherFrom(config: Pick<Config, 'SLACK_TOKEN_ENCRYPTION_KEY' | 'SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS'>): TokenCipher | undefined {
  if (!config.SLACK_TOKEN_ENCRYPTION_KEY) return undefined;
  const current = encryptionKeySchema.safeParse(config.SLACK_TOKEN_ENCRYPTION_KEY);
  const previous = (config.SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS ?? '').split(',').filter((k) => k.trim()).map((k) => encryptionKeySchema.safeParse(k));
  const problems = [
    ...(current.success ? [] : [`SLACK_TOKEN_ENCRYPTION_KEY: ${current.error.issues[0]?.message}`]),
    ...previous.flatMap((p) => (p.success ? [] : [`SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS: ${p.error.issues[0]?.message}`])),
  ];
  if (problems.length > 0 || !current.success) throw new ConfigError(problems);
  return createTokenCipher(current.data, previous.flatMap((p) => (p.success ? [p.data] : [])));
}
