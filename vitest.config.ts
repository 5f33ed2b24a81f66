import { defineConfig } from 'vitest/config';

// Each test file gets its own database (in-memory PGlite, or a fresh PostgreSQL database when
// TEST_DATABASE_URL is set), so files run in parallel forks without sharing state.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { test: { name: 'shared', include: ['packages/shared/src/**/*.test.ts'] } },
      { test: { name: 'client', include: ['packages/client/src/**/*.test.ts'] } },
      {
        test: {
          name: 'backend',
          include: ['backend/src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The compiled build under PM2 behind nginx, with faults (needs `npm run build` first).
        test: {
          name: 'deploy',
          include: ['deploy/test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
