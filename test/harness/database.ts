import { inject } from 'vitest';
import { createDatabase, databaseUrl, dropDatabase } from '../../infra/postgres-admin.js';

export interface TestDatabase {
  name: string;
  /** postgres:// URL of this test's own, already migrated, database. */
  url: string;
  /** Drops it (disconnecting any session still open). */
  drop(): Promise<void>;
}

let counter = 0;

/**
 * A fresh database copied from the migrated template made once per run by global-setup.ts:
 * one per test file keeps files independent while running in parallel.
 *
 *   const db = await createTestDatabase('claims');   // in beforeAll
 *   afterAll(() => db.drop());
 */
export async function createTestDatabase(label: string, adminUrl: string = inject('adminDatabaseUrl')): Promise<TestDatabase> {
  const template = inject('templateDatabase');
  counter += 1;
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
  // pid + counter: unique within the run; the time suffix keeps runs apart on a shared server.
  const name = `t_${slug}_${process.pid}_${counter}_${Date.now().toString(36)}`.slice(0, 63);
  await createDatabase(adminUrl, name, template);
  return { name, url: databaseUrl(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}
