import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { stopLeftover } from './leftovers.js';
import { dataRoot, envPort } from './paths.js';
import { portInUse, spawnManaged, waitUntil, type ManagedProcess } from './processes.js';
import { findTemporalCli } from './temporal-cli.js';

export { findTemporalCli, cachedTemporalCliPath, TEMPORAL_CLI_VERSION } from './temporal-cli.js';

/**
 * The dev server has one history shard, and each of its task-queue readers polls at most 20 times
 * a second by default: back-to-back traffic then waits ~50 ms per task dispatch, ~100 ms per
 * activity round trip, whatever our code does. Raised to 1000 the hop takes a few ms. A
 * production cluster spreads load over many shards and keeps the defaults (see README).
 */
export const DEV_SERVER_DYNAMIC_CONFIG: Readonly<Record<string, number>> = {
  'history.transferProcessorMaxPollRPS': 1000,
  'history.timerProcessorMaxPollRPS': 1000,
  'history.visibilityProcessorMaxPollRPS': 1000,
};

export interface TemporalOptions {
  /** Honour TEMPORAL_ADDRESS (default true). */
  useEnv?: boolean;
  port?: number;
  uiPort?: number;
  /** No web UI: faster start, fewer ports (tests). */
  headless?: boolean;
  /** SQLite file for state that survives restarts; null keeps everything in memory. */
  dbFile?: string | null;
  namespace?: string;
  /** Own process group, so a terminal Ctrl-C reaches only the launcher. */
  detached?: boolean;
  onLog?: (line: string) => void;
  onProgress?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface RunningTemporal {
  /** host:port of the frontend gRPC service. */
  address: string;
  /** Web UI, when we started a server with one. */
  uiUrl: string | undefined;
  namespace: string;
  started: boolean;
  /** The server process, when we started one (to notice it dying). */
  process: ManagedProcess | undefined;
  stop(): Promise<void>;
}

export async function startTemporal(options: TemporalOptions = {}): Promise<RunningTemporal> {
  const namespace = options.namespace ?? nonEmpty(process.env.TEMPORAL_NAMESPACE) ?? 'default';
  const fromEnv = nonEmpty(process.env.TEMPORAL_ADDRESS);
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  if ((options.useEnv ?? true) && fromEnv !== undefined) {
    await waitUntil(() => temporalReady(fromEnv, namespace), { what: `Temporal at TEMPORAL_ADDRESS=${fromEnv}`, timeoutMs });
    return { address: fromEnv, uiUrl: undefined, namespace, started: false, process: undefined, stop: async () => undefined };
  }

  const cli = await findTemporalCli({ onProgress: options.onProgress });
  const port = options.port ?? envPort('LINDUNG_TEMPORAL_PORT', 7244);
  const uiPort = options.uiPort ?? envPort('LINDUNG_TEMPORAL_UI_PORT', 8244);
  const dbFile = options.dbFile === undefined ? join(dataRoot(), 'temporal.db') : options.dbFile;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace, '--log-level', 'warn'];
  for (const [key, value] of Object.entries(DEV_SERVER_DYNAMIC_CONFIG)) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  if (options.headless === true) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  if (dbFile !== null) {
    await mkdir(dirname(dbFile), { recursive: true });
    // A server of a killed run would still hold the port and the file: stop it first.
    const leftover = Number(await readFile(`${dbFile}.pid`, 'utf8').catch(() => ''));
    if (await stopLeftover(leftover, dbFile, 'SIGTERM', 'Temporal dev server')) options.onLog?.(`stopped a Temporal dev server (pid ${leftover}) left running by an earlier run`);
    // WAL + synchronous=NORMAL: about 3x the workflow throughput of SQLite's defaults on this machine kind.
    args.push('--db-filename', dbFile, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  }

  // The dev server keeps running after failing to bind, and another server would answer for it.
  const wanted: Array<[number, string]> = [[port, 'LINDUNG_TEMPORAL_PORT']];
  if (options.headless !== true) wanted.push([uiPort, 'LINDUNG_TEMPORAL_UI_PORT']);
  for (const [taken, setting] of wanted) {
    if (await portInUse(taken)) throw new Error(`port ${taken} is already in use (a Temporal server left running? stop it, or set ${setting} or TEMPORAL_ADDRESS)`);
  }
  let stopping = false;
  // Its shutdown logs a burst of connection warnings that only alarm readers: drop them.
  const onLine = (line: string): void => void (stopping ? undefined : options.onLog?.(line));
  const server = spawnManaged({ name: 'temporal', command: cli, args, detached: options.detached ?? false, onLine });
  if (dbFile !== null && server.pid !== undefined) await writeFile(`${dbFile}.pid`, `${server.pid}\n`);
  const address = `127.0.0.1:${port}`;
  try {
    await waitUntil(() => temporalReady(address, namespace), { what: `Temporal dev server on ${address}`, timeoutMs, process: server });
  } catch (error) {
    await server.stop(5_000);
    if (dbFile !== null) await rm(`${dbFile}.pid`, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- last Temporal log lines ---\n${server.lastLines(20).join('\n')}`);
  }
  return {
    address,
    uiUrl: options.headless === true ? undefined : `http://127.0.0.1:${uiPort}`,
    namespace,
    started: true,
    process: server,
    stop: async () => {
      stopping = true;
      await server.stop(10_000);
      if (dbFile !== null) await rm(`${dbFile}.pid`, { force: true });
    },
  };
}

/** True once the frontend answers and the namespace exists (workers need both). */
export async function temporalReady(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    await connection.workflowService.getSystemInfo({});
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
