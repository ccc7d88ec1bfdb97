import { constants } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { withLock } from '../../infra/lock.js';
import { cacheRoot } from '../../infra/paths.js';
import { describeExit, httpOk, spawnManaged, waitUntil, type ManagedProcess } from '../../infra/processes.js';
import { freePort } from './ports.js';

/** An S3-compatible server for tests: gofakes3, built from the Go module proxy once per machine. */
export const GOFAKES3_VERSION = '1.2.0';
const MODULE = 'github.com/johannesboyne/gofakes3/cmd/gofakes3';

/** Why S3 tests cannot run here, or null when they can (Go on PATH, or gofakes3 already built). */
export async function fakeS3Unavailable(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (await isExecutable(cachedPath(env))) return null;
  if (await goOnPath(env)) return null;
  return `skipped: the S3 storage tests build gofakes3 v${GOFAKES3_VERSION} with Go, and no \`go\` is on PATH (install Go, or put a gofakes3 binary at ${cachedPath(env)})`;
}

export interface FakeS3 {
  endpoint: string;
  bucket: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Starts gofakes3 (in-memory objects) on a free port of 127.0.0.1 with one bucket. */
export async function startFakeS3(bucket = 'lindung-test'): Promise<FakeS3> {
  const binary = await buildFakeS3();
  const port = await freePort();
  const server = spawnManaged({
    name: 'gofakes3',
    command: binary,
    args: ['-backend', 'memory', '-host', `127.0.0.1:${port}`, '-initialbucket', bucket, '-quiet'],
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntil(() => httpOk(`${endpoint}/`), { what: 'gofakes3', timeoutMs: 20_000, process: server });
  return { endpoint, bucket, process: server, stop: async () => void (await server.stop()) };
}

function cachedPath(env: NodeJS.ProcessEnv): string {
  return join(cacheRoot(env), `gofakes3-${GOFAKES3_VERSION}`, 'gofakes3');
}

/** `go install` into a private folder, renamed into the cache under a lock (parallel test files build once). */
async function buildFakeS3(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const target = cachedPath(env);
  if (await isExecutable(target)) return target;
  const go = await goOnPath(env);
  if (!go) throw new Error((await fakeS3Unavailable(env)) ?? 'no go');
  const dir = join(target, '..');
  await mkdir(dir, { recursive: true });
  return withLock(join(dir, '.build.lock'), async () => {
    if (await isExecutable(target)) return target;
    const staging = join(dir, `.build-${process.pid}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging);
    try {
      const build = spawnManaged({
        name: 'go install gofakes3',
        command: go,
        args: ['install', '-ldflags=-s -w', `${MODULE}@v${GOFAKES3_VERSION}`],
        env: { ...env, GOBIN: staging },
      });
      const info = await build.exited;
      if (info.code !== 0) throw new Error(`go install ${MODULE}@v${GOFAKES3_VERSION} ${describeExit(info)}:\n${build.lastLines(30).join('\n')}`);
      await rename(join(staging, 'gofakes3'), target);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return target;
  });
}

async function goOnPath(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir && (await isExecutable(join(dir, 'go')))) return join(dir, 'go');
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}
