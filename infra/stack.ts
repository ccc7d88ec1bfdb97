import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { envPort, repoRoot } from './paths.js';
import { maskPassword, startPostgres, type PostgresOptions } from './postgres.js';
import { startTemporal, type TemporalOptions } from './temporal.js';
import { describeExit, httpOk, portInUse, spawnManaged, waitUntil, type ManagedProcess } from './processes.js';
import { linePrinter } from './log-prefix.js';

export type PartName = 'municipalities' | 'participants' | 'claims' | 'lifecycle' | 'gateway';

export interface PartSpec {
  name: string;
  /** TypeScript entry, relative to the repository root, run with `node --import tsx`. */
  entry: string;
  portEnv: string;
  defaultPort: number;
}

/** Start order: subgraphs first, then the workflow worker, then the gateway that composes them. */
export const PARTS: readonly PartSpec[] = [
  { name: 'municipalities', entry: 'services/municipalities/src/main.ts', portEnv: 'MUNICIPALITIES_PORT', defaultPort: 4101 },
  { name: 'participants', entry: 'services/participants/src/main.ts', portEnv: 'PARTICIPANTS_PORT', defaultPort: 4102 },
  { name: 'claims', entry: 'services/claims/src/main.ts', portEnv: 'CLAIMS_PORT', defaultPort: 4103 },
  { name: 'lifecycle', entry: 'workflows/worker.ts', portEnv: 'LIFECYCLE_PORT', defaultPort: 4104 },
  { name: 'gateway', entry: 'services/gateway/src/main.ts', portEnv: 'GATEWAY_PORT', defaultPort: 4000 },
];

const ORPHAN_GUARD = pathToFileURL(join(repoRoot, 'infra', 'orphan-guard.mjs')).href;

export interface StackOptions {
  /** Use this database; no PostgreSQL is started. */
  databaseUrl?: string;
  /** Use this Temporal server; none is started. */
  temporalAddress?: string;
  temporalNamespace?: string;
  /** Port per part (default: `<PART>_PORT` from the environment, then the fixed defaults). */
  ports?: Partial<Record<PartName, number>>;
  /** The processes to run, in order (default PARTS); tests of the launcher itself pass stand-ins. */
  parts?: readonly PartSpec[];
  postgres?: PostgresOptions;
  temporal?: TemporalOptions;
  /** Extra environment for every child (over ours, under the computed URLs and PORT). */
  env?: NodeJS.ProcessEnv;
  /** Runs the migrations (default: migrateAll from infra/migrate.ts); null skips them. */
  migrate?: ((databaseUrl: string) => Promise<void>) | null;
  /** Receives every output line (default: our stdout); pass a collector to keep tests quiet. */
  log?: (line: string) => void;
  color?: boolean;
  healthTimeoutMs?: number;
  /**
   * Own process group per child (default false). The CLI sets it so a terminal Ctrl-C reaches only
   * the launcher, which then stops everything in order; under a test runner, leaving it off lets
   * Ctrl-C reach the children directly even if the runner dies first.
   */
  detached?: boolean;
  /** Aborting it cancels a start in progress (Ctrl-C while starting). */
  signal?: AbortSignal;
}

export interface StackUrls {
  graphql: string;
  /** GraphQL endpoint of every part, by name. */
  subgraphs: Record<string, string>;
  temporalAddress: string;
  temporalUi: string | undefined;
  /** Password masked: fit for printing. */
  database: string;
}

export interface RunningStack {
  urls: StackUrls;
  databaseUrl: string;
  /** Stops the parts in reverse order, then Temporal, then PostgreSQL. Idempotent. */
  stop(): Promise<void>;
  /** Resolves, after everything was stopped, if a part died on its own; the value explains why. */
  crashed: Promise<string>;
}

interface Started {
  name: string;
  stop: () => Promise<void>;
}

export async function launchStack(options: StackOptions = {}): Promise<RunningStack> {
  const detached = options.detached ?? false;
  const log = options.log ?? ((line: string): void => void process.stdout.write(`${line}\n`));
  const parts = options.parts ?? PARTS;
  const names = ['postgres', 'temporal', ...parts.map((part) => part.name)];
  const printer = linePrinter(names, options.color ?? (options.log === undefined && process.stdout.isTTY), log);
  const givenPorts: Partial<Record<string, number>> = options.ports ?? {};
  const portOf = (p: PartSpec): number => givenPorts[p.name] ?? envPort(p.portEnv, p.defaultPort);
  const urlOf = (p: PartSpec): string => `http://127.0.0.1:${portOf(p)}/graphql`;
  const subgraphs: Record<string, string> = Object.fromEntries([...PARTS, ...parts].map((p) => [p.name, urlOf(p)]));
  const started: Started[] = [];
  let stopping: Promise<void> | undefined;
  let starting = true;
  let startupFailure: { name: string; reason: string } | undefined;
  let current: ManagedProcess | undefined;
  const failFast = new AbortController();
  const signal = options.signal === undefined ? failFast.signal : AbortSignal.any([options.signal, failFast.signal]);
  let reportCrash: (reason: string) => void = () => undefined;
  const crashed = new Promise<string>((resolve) => (reportCrash = resolve));

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const part of [...started].reverse()) {
        await part.stop().catch((error: unknown) => log(`could not stop ${part.name}: ${String(error)}`));
      }
    })());

  // Any process we started dying on its own fails the start, or later stops the whole stack.
  const onExit = (child: ManagedProcess | undefined): void => {
    void child?.exited.then((info) => {
      if (stopping !== undefined) return;
      const reason = `${child.name} ${describeExit(info)}`;
      if (starting) {
        startupFailure = { name: child.name, reason: `${describeExit(info)}${tail(child)}` };
        failFast.abort();
        return;
      }
      log(`${reason}; stopping everything.${tail(child)}`);
      void stop().then(() => reportCrash(reason));
    });
  };

  let step = 'postgres';
  try {
    let databaseUrl = options.databaseUrl;
    if (databaseUrl === undefined) {
      const print = printer('postgres');
      // Its routine LOG lines stay in the buffer for error reports; warnings and errors are shown.
      const pg = await startPostgres({ detached, onLog: (l) => void (/(WARNING|ERROR|FATAL|PANIC):|earlier run|cannot reach/.test(l) ? print(l) : undefined), ...options.postgres });
      started.push({ name: 'postgres', stop: pg.stop });
      onExit(pg.process);
      databaseUrl = pg.url;
    }
    step = 'temporal';
    let temporalAddress = options.temporalAddress;
    let temporalUi: string | undefined;
    let namespace = options.temporalNamespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default';
    if (temporalAddress === undefined) {
      const temporal = await startTemporal({ detached, namespace, onLog: printer('temporal'), onProgress: log, ...options.temporal });
      started.push({ name: 'temporal', stop: temporal.stop });
      onExit(temporal.process);
      ({ address: temporalAddress, uiUrl: temporalUi, namespace } = temporal);
    }
    signal.throwIfAborted();
    step = 'migrations';
    const migrate = options.migrate === undefined ? (await import('./migrate.js')).migrateAll : options.migrate;
    if (migrate !== null) await migrate(databaseUrl);

    for (const part of parts) {
      step = part.name;
      signal.throwIfAborted();
      const port = portOf(part);
      if (await portInUse(port)) throw new Error(`port ${port} is already in use (another Lindung running? set ${part.portEnv})`);
      const child = spawnManaged({
        name: part.name,
        command: process.execPath,
        args: ['--import', 'tsx', '--import', ORPHAN_GUARD, part.entry],
        cwd: repoRoot,
        detached,
        env: {
          ...process.env,
          ...options.env,
          DATABASE_URL: databaseUrl,
          TEMPORAL_ADDRESS: temporalAddress,
          TEMPORAL_NAMESPACE: namespace,
          PORT: String(port),
          LINDUNG_PART: part.name,
          MUNICIPALITIES_URL: subgraphs.municipalities,
          PARTICIPANTS_URL: subgraphs.participants,
          CLAIMS_URL: subgraphs.claims,
        },
        onLine: printer(part.name),
      });
      current = child;
      started.push({
        name: part.name,
        stop: async () => {
          const t0 = Date.now();
          const info = await child.stop(10_000);
          if (info.signal === 'SIGKILL') log(`${part.name} ignored SIGTERM for ${Math.round((Date.now() - t0) / 1000)} s and was killed`);
        },
      });
      onExit(child);
      const timeoutMs = options.healthTimeoutMs ?? 120_000;
      await waitUntil(() => httpOk(`http://127.0.0.1:${port}/health`), { what: 'health check', timeoutMs, process: child, signal });
    }
    starting = false;
    const urls = { graphql: subgraphs.gateway ?? '', subgraphs, temporalAddress, temporalUi, database: maskPassword(databaseUrl) };
    return { urls, databaseUrl, stop, crashed };
  } catch (error) {
    await stop();
    if (options.signal?.aborted === true) throw options.signal.reason;
    const message = error instanceof Error ? error.message : String(error);
    const failure = startupFailure ?? { name: step, reason: `${message}${current?.name === step ? tail(current) : ''}` };
    throw new Error(`${failure.name} failed to start: ${failure.reason}`);
  }
}

function tail(child: ManagedProcess): string {
  const lines = child.lastLines(20);
  return lines.length === 0 ? ' (no output)' : `\n--- last ${child.name} log lines ---\n${lines.join('\n')}`;
}
