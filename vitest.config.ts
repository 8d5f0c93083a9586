import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Child-process and multi-replica tests start real processes; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One PostgreSQL server for the run (TEST_POSTGRES_URL or a throwaway cluster): see docs/scaling.md.
    globalSetup: ['tests/store/support/postgres-global-setup.ts'],
  },
});
