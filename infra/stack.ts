import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { envPort, repoRoot } from './paths.js';
import { maskPassword, startPostgres, type PostgresOptions } from './postgres.js';
import { startTemporal, type TemporalOptions } from './temporal.js';
import { describeExit, httpOk, portInUse, spawnManaged, waitUntil, type ManagedProcess } from './processes.js';
import { linePrinter } from './log-prefix.js';
import { DEFAULT_SUPERVISION, Supervisor, tailOf, type Instance, type SupervisionPolicy } from './supervisor.js';

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
  /** Restart policy once everything is up (default DEFAULT_SUPERVISION: 0.5 s, 1 s, 2 s … 10 s; 5 crashes in 60 s). */
  supervision?: Partial<SupervisionPolicy>;
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
  /**
   * Resolves, after everything was stopped, when a part kept crashing (the value says which and
   * how); a part that crashes now and then is restarted instead.
   */
  crashed: Promise<string>;
  /** Process id of a part's running instance ('postgres', 'temporal' or a part's name). */
  pid(name: string): number | undefined;
  /** How often a part was restarted after a crash. */
  restarts(name: string): number;
}

interface Unit {
  name: string;
  stop: () => Promise<void>;
  supervisor?: Supervisor;
}

/**
 * Starts PostgreSQL and Temporal (unless given), the migrations, then the parts in order, each
 * once it answers /health. Once all are up, each process we started is supervised: one that exits
 * on its own is restarted with backoff while the rest keep serving, and only one that crashes
 * `maxCrashes` times within the window stops the whole stack.
 */
export async function launchStack(options: StackOptions = {}): Promise<RunningStack> {
  const detached = options.detached ?? false;
  const log = options.log ?? ((line: string): void => void process.stdout.write(`${line}\n`));
  const parts = options.parts ?? PARTS;
  const policy: SupervisionPolicy = { ...DEFAULT_SUPERVISION, ...options.supervision };
  const names = ['postgres', 'temporal', ...parts.map((part) => part.name)];
  const printer = linePrinter(names, options.color ?? (options.log === undefined && process.stdout.isTTY), log);
  const givenPorts: Partial<Record<string, number>> = options.ports ?? {};
  const portOf = (p: PartSpec): number => givenPorts[p.name] ?? envPort(p.portEnv, p.defaultPort);
  const urlOf = (p: PartSpec): string => `http://127.0.0.1:${portOf(p)}/graphql`;
  const subgraphs: Record<string, string> = Object.fromEntries([...PARTS, ...parts].map((p) => [p.name, urlOf(p)]));
  const units: Unit[] = [];
  let stopping: Promise<void> | undefined;
  let starting = true;
  let startupFailure: { name: string; reason: string } | undefined;
  const failFast = new AbortController();
  const signal = options.signal === undefined ? failFast.signal : AbortSignal.any([options.signal, failFast.signal]);
  let reportCrash: (reason: string) => void = () => undefined;
  const crashed = new Promise<string>((resolve) => (reportCrash = resolve));

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // No restarts from here on: stopping one part must not bring another back.
      for (const unit of units) unit.supervisor?.halt();
      for (const unit of [...units].reverse()) {
        await unit.stop().catch((error: unknown) => log(`could not stop ${unit.name}: ${String(error)}`));
      }
    })());

  const hooks = {
    log,
    giveUp: (reason: string, detail: string): void => {
      if (stopping !== undefined) return;
      log(`${reason}; stopping everything.${detail}`);
      void stop().then(() => reportCrash(reason));
    },
  };

  /** Starts one part (first start and restarts alike); adds its last log lines to any failure. */
  const supervise = (name: string, first: Instance, again: (signal: AbortSignal) => Promise<Instance>): void => {
    const supervisor = new Supervisor(name, first, again, policy, hooks);
    units.push({ name, stop: () => supervisor.stop(), supervisor });
    // While starting, a process dying fails the start at once; afterwards its supervisor restarts it.
    void first.process.exited.then((info) => {
      if (stopping !== undefined || !starting) return;
      startupFailure = { name, reason: `${describeExit(info)}${tailOf(first.process)}` };
      failFast.abort();
    });
  };

  /** A server we may or may not start (PostgreSQL, Temporal): supervised only when we did. */
  const server = async <T extends { process: ManagedProcess | undefined; stop(): Promise<void> }>(name: string, start: () => Promise<T>): Promise<T> => {
    const first = await start();
    const instance = (running: T): Instance => {
      if (running.process === undefined) throw new Error(`${name} was not started by us`);
      return { process: running.process, stop: running.stop };
    };
    if (first.process === undefined) units.push({ name, stop: first.stop });
    else supervise(name, instance(first), async () => instance(await start()));
    return first;
  };

  let step = 'postgres';
  try {
    let databaseUrl = options.databaseUrl;
    if (databaseUrl === undefined) {
      const print = printer('postgres');
      // Its routine LOG lines stay in the buffer for error reports; warnings and errors are shown.
      const onLog = (l: string): void => void (/(WARNING|ERROR|FATAL|PANIC):|earlier run|cannot reach/.test(l) ? print(l) : undefined);
      const pg = await server('postgres', () => startPostgres({ detached, onLog, ...options.postgres }));
      databaseUrl = pg.url;
    }
    step = 'temporal';
    let temporalAddress = options.temporalAddress;
    let temporalUi: string | undefined;
    let namespace = options.temporalNamespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default';
    if (temporalAddress === undefined) {
      const wanted = namespace;
      const temporal = await server('temporal', () => startTemporal({ detached, namespace: wanted, onLog: printer('temporal'), onProgress: log, ...options.temporal }));
      ({ address: temporalAddress, uiUrl: temporalUi, namespace } = temporal);
    }
    signal.throwIfAborted();
    step = 'migrations';
    const migrate = options.migrate === undefined ? (await import('./migrate.js')).migrateAll : options.migrate;
    if (migrate !== null) await migrate(databaseUrl);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      MUNICIPALITIES_URL: subgraphs.municipalities,
      PARTICIPANTS_URL: subgraphs.participants,
      CLAIMS_URL: subgraphs.claims,
    };
    const timeoutMs = options.healthTimeoutMs ?? 120_000;
    const startPart = async (part: PartSpec, cancel: AbortSignal): Promise<Instance> => {
      const port = portOf(part);
      if (await portInUse(port)) throw new Error(`port ${port} is already in use (another Lindung running? set ${part.portEnv})`);
      const child = spawnManaged({
        name: part.name,
        command: process.execPath,
        args: ['--import', 'tsx', '--import', ORPHAN_GUARD, part.entry],
        cwd: repoRoot,
        detached,
        env: { ...env, PORT: String(port), LINDUNG_PART: part.name },
        onLine: printer(part.name),
      });
      try {
        await waitUntil(() => httpOk(`http://127.0.0.1:${port}/health`), { what: 'health check', timeoutMs, process: child, signal: cancel });
      } catch (error) {
        const exit = child.exitInfo(); // it died on its own, rather than never answering
        await child.stop(5_000);
        const message = exit !== undefined ? describeExit(exit) : error instanceof Error ? error.message : String(error);
        throw new Error(`${message}${tailOf(child)}`, { cause: error });
      }
      return {
        process: child,
        stop: async () => {
          const t0 = Date.now();
          const info = await child.stop(10_000);
          if (info.forced === true) log(`${part.name} ignored SIGTERM for ${Math.round((Date.now() - t0) / 1000)} s and was killed`);
        },
      };
    };
    for (const part of parts) {
      step = part.name;
      signal.throwIfAborted();
      const first = await startPart(part, signal);
      supervise(part.name, first, (cancel) => startPart(part, cancel));
    }
    starting = false;
    for (const unit of units) unit.supervisor?.watch();
    const urls = { graphql: subgraphs.gateway ?? '', subgraphs, temporalAddress, temporalUi, database: maskPassword(databaseUrl) };
    const find = (name: string): Supervisor | undefined => units.find((unit) => unit.name === name)?.supervisor;
    return {
      urls,
      databaseUrl,
      stop,
      crashed,
      pid: (name) => find(name)?.pid,
      restarts: (name) => find(name)?.restartCount ?? 0,
    };
  } catch (error) {
    await stop();
    if (options.signal?.aborted === true) throw options.signal.reason;
    const message = error instanceof Error ? error.message : String(error);
    const failure = startupFailure ?? { name: step, reason: message };
    throw new Error(`${failure.name} failed to start: ${failure.reason}`, { cause: error });
  }
}
