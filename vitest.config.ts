import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CJS (main) and ESM (module) builds. Node loads the CJS one for Apollo and
// type-graphql, while Vite would hand our code the ESM one: two copies, and scalars built by
// one are unknown to the other. Pin our imports to the copy Node uses.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

// One PostgreSQL and one Temporal dev server for the whole run (test/harness/global-setup.ts);
// each test file gets its own database and its own task queues.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: ['domain/**/*.test.ts', 'services/**/*.test.ts', 'workflows/**/*.test.ts', 'infra/**/*.test.ts', 'test/**/*.test.ts', 'console/src/**/*.test.ts'],
    // The fault-injection suite runs on its own: npm run test:reliability (vitest.reliability.config.ts).
    exclude: ['**/node_modules/**', 'test/reliability/**'],
    globalSetup: ['test/harness/global-setup.ts'],
    setupFiles: ['test/harness/setup-env.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
