import { defineConfig } from 'vitest/config';

// Database tests run on embedded PGlite, or on the PostgreSQL server named by DATABASE_URL.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test-support/global-setup.ts'],
    pool: 'forks',
    // two workers on a 2-core runner: much of a test's time is spent waiting on PostgreSQL or a child process
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
