// The store suite runs once per backend: SQLite (a file, so several connections can share it) and a fresh
// PostgreSQL database per test file on the run's server (see postgres-global-setup.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { openStore, type Store } from '../../../src/store/store.ts';
import { databaseUrl } from './store-backends-url.ts';

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  /** False only for PostgreSQL on a developer machine with no server (never in CI). */
  available: boolean;
  /** A new, empty database; every call gives a separate one. */
  createDatabase(): Promise<TestDatabase>;
}

export interface TestDatabase {
  /** DATABASE_URL for it; open as many stores (connections) on it as a test needs. */
  url: string;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

export const sqliteBackend: StoreBackend = {
  name: 'sqlite',
  available: true,
  async createDatabase() {
    const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-store-'));
    const url = `sqlite:${join(dir, 'bot.db')}`;
    return { url, open: () => openStore(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

export const postgresBackend: StoreBackend = {
  name: 'postgres',
  available: inject('postgresUrl') !== '',
  async createDatabase() {
    const adminUrl = inject('postgresUrl');
    if (!adminUrl) throw new Error(`no PostgreSQL server: ${inject('postgresUnavailableReason')}`);
    const name = `rustvsgo_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    const url = databaseUrl(adminUrl, name);
    return {
      url,
      open: () => openStore(url),
      // FORCE ends connections a crashed child process may have left behind.
      drop: () => withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
    };
  },
};

const storeBackends: StoreBackend[] = [sqliteBackend, postgresBackend];

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Declares the same suite once per backend. A PostgreSQL variant with no server is skipped only on a developer
 * machine (the global setup fails the run in CI instead).
 */
export function describeEachBackend(title: string, suite: (backend: StoreBackend) => void): void {
  for (const backend of storeBackends) {
    describe.skipIf(!backend.available)(`${title} [${backend.name}]`, () => suite(backend));
  }
}
