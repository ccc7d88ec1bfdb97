import { constants } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { withLock } from './lock.js';
import { cacheRoot } from './paths.js';
import { describeExit, spawnManaged } from './processes.js';

/** v1.5.1's go.mod has no replace directive, so `go install ...@v1.5.1` works; later tags do not. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

export interface FindTemporalCliOptions {
  /** Progress lines while building or waiting for another process's build (default: stderr). */
  onProgress?: (line: string) => void;
  progressIntervalMs?: number;
  /** Environment to search (default process.env); tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /**
   * Last resort: fetches a dev server binary into the given empty folder and returns its path
   * (default downloadWithSdk, which needs internet); tests pass a stand-in.
   */
  download?: (dir: string) => Promise<string>;
}

/** Where a dev server fetched by the Temporal SDK is kept once fetched. */
export function downloadedTemporalCliPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), 'temporal-cli-sdk-download', 'temporal');
}

export function cachedTemporalCliPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

/**
 * Locates a `temporal` binary: TEMPORAL_CLI_PATH, then PATH, then our cached build or download,
 * then builds it with Go (once per machine, under a lock), and last fetches it the way the
 * Temporal SDK does (internet needed). Throws a message naming every option otherwise.
 */
export async function findTemporalCli(options: FindTemporalCliOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit !== undefined && explicit !== '') {
    // An explicit choice that does not work is an error, not a reason to silently use another binary.
    if (await isExecutable(explicit)) return explicit;
    throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file; fix it or unset it`);
  }
  const onPath = await findOnPath('temporal', env);
  if (onPath !== undefined) return onPath;
  const cached = cachedTemporalCliPath(env);
  if (await isExecutable(cached)) return cached;
  const downloaded = downloadedTemporalCliPath(env);
  if (await isExecutable(downloaded)) return downloaded;
  const go = await findOnPath('go', env);
  if (go !== undefined) return buildWithGo(go, cached, env, options);
  try {
    return await fetchOnce(options.download ?? downloadWithSdk, downloaded, options);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(
      [
        'No Temporal server or Temporal CLI found. Any one of these works:',
        '  - set TEMPORAL_ADDRESS=host:port to use a running Temporal server;',
        '  - set TEMPORAL_CLI_PATH to a `temporal` CLI binary;',
        '  - install the `temporal` CLI on your PATH (https://docs.temporal.io/cli);',
        `  - install Go (https://go.dev/dl/); the CLI v${TEMPORAL_CLI_VERSION} is then built once into ${cached};`,
        `  - with internet access, the Temporal SDK's download of the dev server into ${downloaded} (tried, and it failed: ${reason}).`,
      ].join('\n'),
      { cause: error },
    );
  }
}

/**
 * Fetches the dev server as `@temporalio/testing` does (the SDK's core downloads the CLI release
 * it recommends, then starts it once, on 127.0.0.1, to check it): into `dir`, returns its path.
 * An already fetched binary in `dir` is used as is, without any download.
 */
export async function downloadWithSdk(dir: string): Promise<string> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  let failure: unknown;
  try {
    // A long ttl: the SDK would otherwise delete a binary older than a day when asked again.
    const environment = await TestWorkflowEnvironment.createLocal({
      server: { ip: '127.0.0.1', ui: false, executable: { type: 'cached-download', downloadDir: dir, ttl: '3650d' } },
    });
    await environment.teardown();
  } catch (error) {
    failure = error; // its 5 s start-up wait can fail on a slow machine after the download worked
  }
  for (const name of await readdir(dir).catch(() => [])) {
    const path = join(dir, name);
    if (name.startsWith('temporal-') && (await isExecutable(path))) return path;
  }
  throw failure instanceof Error ? failure : new Error('the SDK fetched no dev server binary');
}

async function fetchOnce(download: (dir: string) => Promise<string>, target: string, options: FindTemporalCliOptions): Promise<string> {
  const progress = options.onProgress ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const dir = join(target, '..');
  await mkdir(dir, { recursive: true });
  return withLock(join(dir, '.download.lock'), async () => {
    if (await isExecutable(target)) return target; // fetched by another process meanwhile
    const staging = join(dir, `.download-${process.pid}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging);
    progress("no Temporal CLI and no Go: fetching the dev server with the Temporal SDK's download (needs internet)…");
    try {
      await rename(await download(staging), target);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    progress(`fetched the Temporal dev server: ${target}`);
    return target;
  });
}

async function buildWithGo(go: string, target: string, env: NodeJS.ProcessEnv, options: FindTemporalCliOptions): Promise<string> {
  const progress = options.onProgress ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const every = options.progressIntervalMs ?? 15_000;
  const dir = join(target, '..');
  await mkdir(dir, { recursive: true });
  let lastWaitNote = -Infinity;
  return withLock(
    join(dir, '.build.lock'),
    async () => {
      if (await isExecutable(target)) return target; // another process built it while we waited
      // Build into a private folder and rename: a killed build never leaves a broken binary behind.
      const staging = join(dir, `.build-${process.pid}`);
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging);
      const started = Date.now();
      const note = (): void => progress(`building Temporal CLI v${TEMPORAL_CLI_VERSION} with go install (first run only, ~3 min)… ${Math.round((Date.now() - started) / 1000)} s`);
      note();
      const timer = setInterval(note, every);
      try {
        const build = spawnManaged({
          name: 'go install',
          command: go,
          args: ['install', '-ldflags=-s -w', `${MODULE}@v${TEMPORAL_CLI_VERSION}`],
          env: { ...env, GOBIN: staging },
        });
        const info = await build.exited;
        if (info.code !== 0) {
          throw new Error(`go install ${MODULE}@v${TEMPORAL_CLI_VERSION} ${describeExit(info)}:\n${build.lastLines(30).join('\n')}`);
        }
        await rename(join(staging, 'temporal'), target);
      } finally {
        clearInterval(timer);
        await rm(staging, { recursive: true, force: true });
      }
      progress(`built Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
      return target;
    },
    {
      onWait: (waitedMs) => {
        if (waitedMs - lastWaitNote < every) return;
        lastWaitNote = waitedMs;
        progress(`waiting for another process to finish building the Temporal CLI… ${Math.round(waitedMs / 1000)} s`);
      },
    },
  );
}

async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
