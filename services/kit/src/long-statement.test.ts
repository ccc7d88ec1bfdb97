import { MockActivityEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/database.js';
import { longStatement } from './long-statement.js';

// A statement of minutes inside a heartbeating activity, against real PostgreSQL: it must keep
// the attempt alive while it runs, and die with the activity when that is cancelled.
let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('long-statement');
  dataSource = new DataSource({ type: 'postgres', url: db.url, entities: [] });
  await dataSource.initialize();
});
afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

const running = async (marker: string) =>
  ((await dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`, [`%${marker}%`])) as [{ n: number }])[0].n;

describe('a long statement in an activity', () => {
  it('heartbeats while it runs and answers its result', async () => {
    const env = new MockActivityEnvironment({ heartbeatTimeoutMs: 600 });
    const beats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => beats.push(details));
    const result = (await env.run(() => longStatement(dataSource, `SELECT pg_sleep(1.5), 'yes' AS done`, [], { phase: 'sleeping' }))) as { done: string }[];
    expect(result[0]!.done).toBe('yes');
    expect(beats).toContainEqual({ phase: 'sleeping' });
  }, 30_000);

  it('is cancelled in PostgreSQL when the activity is cancelled, and the connection goes back to the pool', async () => {
    const env = new MockActivityEnvironment();
    const work = env.run(() => longStatement(dataSource, `SELECT pg_sleep(60) AS cancel_me_please`));
    for (let i = 0; i < 50 && (await running('cancel_me_please')) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await running('cancel_me_please')).toBe(1);
    env.cancel();
    await expect(work).rejects.toThrow(/cancel/i);
    expect(await running('cancel_me_please')).toBe(0);
  }, 30_000);

  it('is a plain query outside an activity', async () => {
    expect(await longStatement<{ one: number }[]>(dataSource, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
