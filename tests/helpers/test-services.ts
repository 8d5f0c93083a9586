// Services for tests: an in-memory SQLite store (or the store a test opened itself, e.g. one several "replicas"
// share), the real knowledge base, a silent logger, a fixed clock.
import pino from 'pino';
import { parseConfig, type Config } from '../../src/config/env.ts';
import type { Services } from '../../src/core/services.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { openStore, type Store } from '../../src/store/store.ts';

export async function createTestServices(overrides: Partial<Record<string, string>> = {}, now = new Date('2026-11-27T10:00:00Z'), store?: Store): Promise<Services> {
  const config: Config = parseConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', ...overrides });
  return { config, logger: pino({ level: 'silent' }), store: store ?? (await openStore(config.DATABASE_URL)), knowledge: loadKnowledgeBase(), now: () => now };
}
