import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: { include: ['infra/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 600_000, pool: 'forks', maxWorkers: 2 },
});
