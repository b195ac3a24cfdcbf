import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each worker holds an embedded Postgres (~300 MB); two at a time suit a 2-core machine.
    maxWorkers: 2,
  },
});
