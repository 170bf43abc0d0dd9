import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests (Fastify inject, PGlite and PostgreSQL)
// and browser tests that drive Debian Chromium through playwright-core.
export default defineConfig({
  test: {
    // Databases filled once per run and copied per test (test/support/templates.ts).
    globalSetup: ['test/support/globalSetup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Vitest's default is one worker per core minus one: a single worker on a 2-core CI box,
          // while most of a test's time is spent waiting on PostgreSQL, child servers and Chromium.
          maxWorkers: 2,
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
