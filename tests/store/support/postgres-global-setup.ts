// vitest globalSetup: one PostgreSQL server for the whole run, shared with every test file through inject().
// Without any server: in CI (CI=true) the run fails; on a developer machine the PostgreSQL variants are
// skipped with a notice saying how to run them, so `npm ci && npm test` stays green anywhere.
import type { TestProject } from 'vitest/node';
import { findOrStartPostgres, PostgresUnavailable } from './throwaway-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server, or '' when none is available (never in CI). */
    postgresUrl: string;
    postgresUnavailableReason: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const server = await findOrStartPostgres();
    project.provide('postgresUrl', server.url);
    project.provide('postgresUnavailableReason', '');
    return () => server.stop();
  } catch (error) {
    if (!(error instanceof PostgresUnavailable) || process.env.CI === 'true') throw error;
    process.stderr.write(`\n[rustvsgo tests] PostgreSQL variants skipped: ${error.message}\n\n`);
    project.provide('postgresUrl', '');
    project.provide('postgresUnavailableReason', error.message);
    return async () => {};
  }
}
