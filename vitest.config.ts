import { defineConfig } from 'vitest/config';

// One PostgreSQL and one Temporal dev server for the whole run (test/harness/global-setup.ts);
// each test file gets its own database and its own task queues.
export default defineConfig({
  test: {
    include: ['domain/**/*.test.ts', 'services/**/*.test.ts', 'workflows/**/*.test.ts', 'infra/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
