import { defineConfig } from 'vitest/config';

// Three tiers, one folder each: `unit` (pure code, seconds: the edit-run loop),
// `integration` (a real database and a fake Slack on loopback), `e2e` (whole processes,
// fuzzing, shutdown, backup). `npm test` runs all three; `npm run test:unit` the first.
// Each worker holds an embedded Postgres (~300 MB); two at a time suit a 2-core machine,
// and DEALCLOCK_TEST_WORKERS changes that.
const workers = Number(process.env.DEALCLOCK_TEST_WORKERS ?? 2);

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: workers,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
