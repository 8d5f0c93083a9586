// Builds the long-lived parts every command needs: config, logger, store, knowledge base, clock.
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config/env.ts';
import type { Services } from '../core/services.ts';
import { loadShippedKnowledgeBase } from '../knowledge/kb-snapshot.ts';
import { UserError } from '../core/user-error.ts';
import { checkSqliteFile, DatabaseUnavailableError, databaseKindOf } from '../store/database-url.ts';
import { deferredStore } from '../store/deferred-store.ts';
import type { Store, StoreOptions } from '../store/store.ts';
import { createTokenCipher, encryptionKeySchema, type TokenCipher } from '../store/token-cipher.ts';

export interface ServiceOptions {
  now?: () => Date;
  /**
   * When the database opens: at start (default; servers and the CLI, so an unreachable database stops them), or on
   * the first command that reads or writes it (the terminal shell: `help` should not wait for Kysely and migrations).
   * DATABASE_URL and the token keys are checked at start either way.
   */
  openStore?: 'at-start' | 'on-first-use';
}

export async function createServices(config: Config, logger: Logger, options: ServiceOptions = {}): Promise<Services> {
  // The knowledge base first: a broken data file should stop start-up before anything is opened. The built bot reads
  // the snapshot its build validated (kb-snapshot.ts); from src/ it is the YAML.
  const knowledge = await loadShippedKnowledgeBase();
  const storeOptions: StoreOptions = { tokenCipher: tokenCipherFrom(config) };
  const kind = databaseKindOf(config.DATABASE_URL);
  const open = async (): Promise<Store> => (await import('../store/store.ts')).openStore(config.DATABASE_URL, storeOptions);
  let store: Store;
  if (options.openStore === 'on-first-use') {
    checkSqliteFile(config.DATABASE_URL);
    store = deferredStore(kind, () => open().catch(sayWhatToFix));
  } else store = await open();
  return { config, logger, store, knowledge, now: options.now ?? (() => new Date()) };
}

/**
 * Opened on first use, an unreachable database is met by a command, not by start-up (which would end with one
 * line naming DATABASE_URL): the person at the shell got "Sorry, something went wrong on our side, try again",
 * which no retry fixes. They run the bot, so they are told what failed and what to fix; the next command tries again.
 */
function sayWhatToFix(error: unknown): never {
  if (error instanceof DatabaseUnavailableError) {
    throw new UserError(
      `The database is not available: ${error.message}`,
      'Fix DATABASE_URL (see .env.example) or start that database, then try again; help, lookup, compare and sources work without it.',
    );
  }
  throw error;
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

/** What is wrong with SLACK_TOKEN_ENCRYPTION_KEY (+ _PREVIOUS), one message each, for start-up to report with the rest. */
export function tokenKeyProblems(config: Pick<Config, 'SLACK_TOKEN_ENCRYPTION_KEY' | 'SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS'>): string[] {
  try {
    tokenCipherFrom(config);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
