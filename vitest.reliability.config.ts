import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:reliability`: the fault-injection suite (test/reliability/). It kills processes,
// cuts connections and floods the API, so its files run one at a time, with the same harness
// (one PostgreSQL, one Temporal dev server) as `npm test`. Each test prints its figures.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/reliability/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 300_000,
  },
});
