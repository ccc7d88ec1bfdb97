import { constants } from 'node:fs';
import { access, mkdir, rename, rm, stat } from 'node:fs/promises';
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
}

export function cachedTemporalCliPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

/**
 * Locates a `temporal` binary: TEMPORAL_CLI_PATH, then PATH, then our cached build, then builds
 * it with Go (once per machine, under a lock). Throws a message naming every option otherwise.
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
  const go = await findOnPath('go', env);
  if (go !== undefined) return buildWithGo(go, cached, env, options);
  throw new Error(
    [
      'No Temporal server or Temporal CLI found. Any one of these works:',
      '  - set TEMPORAL_ADDRESS=host:port to use a running Temporal server;',
      '  - set TEMPORAL_CLI_PATH to a `temporal` CLI binary;',
      '  - install the `temporal` CLI on your PATH (https://docs.temporal.io/cli);',
      `  - install Go (https://go.dev/dl/); the CLI v${TEMPORAL_CLI_VERSION} is then built once into ${cached}.`,
    ].join('\n'),
  );
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
      const note = (): void =>
        progress(`building Temporal CLI v${TEMPORAL_CLI_VERSION} with go install (first run only, ~3 min)… ${Math.round((Date.now() - started) / 1000)} s`);
      note();
      const timer = setInterval(note, every);
      try {
        const build = spawnManaged({
          name: 'go install',
          command: go,
          args: ['install', "-ldflags=-s -w", `${MODULE}@v${TEMPORAL_CLI_VERSION}`],
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
