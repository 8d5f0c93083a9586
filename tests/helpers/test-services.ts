// Services for tests: an in-memory SQLite store, the real knowledge base, a silent logger, a fixed clock.
import pino from 'pino';
import { parseConfig, type Config } from '../../src/config/env.ts';
import type { Services } from '../../src/core/services.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { openStore } from '../../src/store/store.ts';

export async function createTestServices(overrides: Partial<Record<string, string>> = {}, now = new Date('2026-11-27T10:00:00Z')): Promise<Services> {
  const config: Config = parseConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', ...overrides });
  const store = await openStore(config.DATABASE_URL);
  return { config, logger: pino({ level: 'silent' }), store, knowledge: loadKnowledgeBase(), now: () => now };
}
