import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, databaseUrl } from '../../infra/postgres-admin.js';
import { startPostgres, type RunningPostgres } from '../../infra/postgres.js';
import { launchStack, type RunningStack } from '../../infra/stack.js';
import { startTemporal, type RunningTemporal } from '../../infra/temporal.js';
import { issueDevToken, type Identity } from '../../services/kit/src/identity.js';
import { generateSecretEnv, readSecrets } from '../../services/kit/src/secrets.js';
import { freePorts } from '../../test/harness/ports.js';
import { partProcesses, postgresProcesses } from './proc.js';

// What the bench starts for itself: one PostgreSQL, Temporal dev servers as each scenario needs,
// and whole stacks of real processes (as `npm start` runs them) on their own databases.

export interface BenchInfra {
  root: string;
  pg: RunningPostgres;
  pgDataDir: string;
  stop(): Promise<void>;
}

export async function startInfra(): Promise<BenchInfra> {
  // Every process of the bench shares one set of keys, as a deployment does.
  Object.assign(process.env, generateSecretEnv());
  const root = await mkdtemp(join(tmpdir(), 'lindung-bench-'));
  await chmod(root, 0o755); // as root, PostgreSQL runs as user postgres and must enter it
  const [pgPort] = (await freePorts(1)) as [number];
  const pgDataDir = join(root, 'postgres');
  // BENCH_PG_SLOW_MS=<ms> prints statements slower than that (finding where a scenario's time goes).
  const slow = process.env.BENCH_PG_SLOW_MS;
  const pg = await startPostgres({
    useEnv: false,
    dataDir: pgDataDir,
    port: pgPort,
    extraFlags: ['-c', 'max_connections=300', ...(slow ? ['-c', `log_min_duration_statement=${slow}`] : [])],
    ...(slow ? { onLog: (line: string) => void (/duration:/.test(line) ? console.error(line.slice(0, 600)) : undefined) } : {}),
  });
  return {
    root,
    pg,
    pgDataDir,
    async stop() {
      await pg.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A dev server of its own, in memory: `tuned` (our dispatch settings) or the stock one. */
export async function startBenchTemporal(tuned: boolean): Promise<RunningTemporal> {
  const [port] = (await freePorts(1)) as [number];
  return startTemporal({ useEnv: false, port, headless: true, dbFile: null, ...(tuned ? {} : { dynamicConfig: {} }) });
}

export interface BenchStack {
  stack: RunningStack;
  gateway: string;
  queueSuffix: string;
  /** pids by process name (the launcher's parts and PostgreSQL's group), re-read on each call. */
  processes(): Record<string, number[]>;
  stop(): Promise<void>;
}

/** The five Lindung processes on a fresh migrated database, against the given Temporal server. */
export async function startBenchStack(infra: BenchInfra, temporal: RunningTemporal, label: string): Promise<BenchStack> {
  const name = `bench_${label}_${Date.now().toString(36)}`;
  await createDatabase(infra.pg.adminUrl, name);
  const url = databaseUrl(infra.pg.adminUrl, name);
  const { migrateAll } = await import('../../infra/migrate.js');
  await migrateAll(url);
  const [municipalities, participants, claims, lifecycle, gateway] = (await freePorts(5)) as [number, number, number, number, number];
  const queueSuffix = `bench-${label}-${randomUUID().slice(0, 8)}`;
  const logs: string[] = [];
  const stack = await launchStack({
    databaseUrl: url,
    temporalAddress: temporal.address,
    temporalNamespace: temporal.namespace,
    ports: { municipalities, participants, claims, lifecycle, gateway },
    // The bench is one client sending thousands of requests a minute.
    env: { LINDUNG_TASK_QUEUE_SUFFIX: queueSuffix, LINDUNG_RATE_LIMIT_PER_MINUTE: '100000000', LINDUNG_STORAGE_DIR: join(infra.root, 'files') },
    migrate: null,
    log: (line) => logs.push(line),
  });
  return {
    stack,
    gateway: stack.urls.graphql,
    queueSuffix,
    processes() {
      const parts = partProcesses(queueSuffix);
      return { ...Object.fromEntries(Object.entries(parts).map(([part, pid]) => [part, [pid]])), postgres: postgresProcesses(infra.pgDataDir) };
    },
    stop: () => stack.stop(),
  };
}

/** Authorization headers for one person, as the gateway expects them. */
export async function bearer(identity: Identity): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await issueDevToken(identity, readSecrets().jwtSecret!)}` };
}
