// One PostgreSQL and one Temporal dev server for the whole vitest run (or the ones named by
// DATABASE_URL / TEMPORAL_ADDRESS), plus a migrated template database that test files copy.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase, databaseUrl, dropDatabase } from '../../infra/postgres-admin.js';
import { startPostgres, type RunningPostgres } from '../../infra/postgres.js';
import { startTemporal, type RunningTemporal } from '../../infra/temporal.js';
import { generateSecretEnv } from '../../services/kit/src/secrets.js';
import { freePorts } from './ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string with CREATE DATABASE rights on the test server. */
    adminDatabaseUrl: string;
    /** Migrated database to copy from (see test/harness/database.ts). */
    templateDatabase: string;
    /** host:port of the Temporal frontend. */
    temporalAddress: string;
    temporalNamespace: string;
    /** Secrets of this run (LINDUNG_*), set into every test process's environment. */
    secretEnv: Record<string, string>;
  }
}

const TEMPLATE = 'lindung_template';

const runSecrets = generateSecretEnv();
Object.assign(process.env, runSecrets);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const startedAt = Date.now();
  const root = await mkdtemp(join(tmpdir(), `lindung-test-${process.pid}-`));
  // As root, PostgreSQL runs as user postgres and must be able to enter this folder.
  await chmod(root, 0o755);
  const [pgPort, temporalPort] = await freePorts(2);
  const timings: string[] = [];
  const timed = async <T>(label: string, work: Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await work;
    timings.push(`${label} ${Date.now() - t0} ms`);
    return result;
  };

  // Both servers start in parallel; if one fails, the other is stopped before we give up.
  const [pg, temporal] = await Promise.allSettled([
    timed('postgres', startPostgres({ dataDir: join(root, 'postgres'), port: pgPort, fast: true, extraFlags: ['-c', 'max_connections=300'] })),
    timed('temporal', startTemporal({ port: temporalPort, headless: true, dbFile: null })),
  ]);
  const stop = async (): Promise<void> => {
    await (temporal.status === 'fulfilled' ? temporal.value.stop() : undefined);
    await (pg.status === 'fulfilled' ? pg.value.stop() : undefined);
    await rm(root, { recursive: true, force: true });
  };
  if (pg.status === 'rejected' || temporal.status === 'rejected') {
    await stop();
    throw pg.status === 'rejected' ? pg.reason : (temporal as PromiseRejectedResult).reason;
  }

  try {
    await timed('template migration', migrateTemplate(pg.value));
  } catch (error) {
    await stop();
    throw error;
  }
  provideAll(project, pg.value, temporal.value);
  process.stderr.write(`test harness ready in ${Date.now() - startedAt} ms (${timings.join(', ')})\n`);
  return stop;
}

/** A fresh template each run, so a changed migration is never hidden by an old copy. */
async function migrateTemplate(pg: RunningPostgres): Promise<void> {
  await dropDatabase(pg.adminUrl, TEMPLATE);
  await createDatabase(pg.adminUrl, TEMPLATE);
  // Imported here so a broken migration reports as such, with the servers already cleaned up.
  const { migrateAll } = await import('../../infra/migrate.js');
  await migrateAll(databaseUrl(pg.adminUrl, TEMPLATE));
}

function provideAll(project: TestProject, pg: RunningPostgres, temporal: RunningTemporal): void {
  project.provide('adminDatabaseUrl', pg.adminUrl);
  project.provide('templateDatabase', TEMPLATE);
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalNamespace', temporal.namespace);
  // The migrations encrypt with the data key too, so the run's secrets exist before them.
  project.provide('secretEnv', runSecrets);
}
