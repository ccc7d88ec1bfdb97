import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { startTestSystem, type TestSystem, type TestSystemOptions } from './system.js';

export interface SystemSuite {
  system: TestSystem;
  /** The gateway's GraphQL URL: the only door the tests knock on. */
  gateway: string;
  /** A client on the suite's own database, for asserting what was (not) written. */
  db: pg.Client;
}

/**
 * The real system for one test file: started before its tests, with a database client, and
 * stopped after them. Read the fields inside tests (they are set in beforeAll).
 */
export function useTestSystem(label: string, options: TestSystemOptions = {}): SystemSuite {
  const suite = {} as SystemSuite;
  beforeAll(async () => {
    suite.system = await startTestSystem(label, options);
    suite.gateway = suite.system.gatewayUrl;
    suite.db = new pg.Client({ connectionString: suite.system.db.url });
    await suite.db.connect();
  });
  afterAll(async () => {
    await suite.db?.end();
    await suite.system?.stop();
  });
  return suite;
}

/** Polls `probe` every 100 ms until it gives a value (not a timed assertion: the limit only stops a hang). */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
