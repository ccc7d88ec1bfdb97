import { createRequire } from 'node:module';
import { chmod, link, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedTemporalCliPath, downloadedTemporalCliPath, downloadWithSdk, findTemporalCli } from './temporal-cli.js';

/** Stands in for the SDK's download: never reaches the internet. */
const offline = async (): Promise<string> => {
  throw new Error('getaddrinfo ENOTFOUND (stand-in: no internet)');
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lindung-cli-test-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function executable(path: string, body = 'exit 0'): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

/** An environment that sees only what the test puts in it. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { HOME: join(root, 'home'), XDG_CACHE_HOME: join(root, 'cache'), PATH: join(root, 'empty-bin'), ...extra };
}

describe('findTemporalCli', () => {
  it('rejects a TEMPORAL_CLI_PATH that does not exist instead of falling back', async () => {
    const onPath = await executable(join(root, 'bin', 'temporal'));
    const missing = join(root, 'nowhere', 'temporal');
    await expect(findTemporalCli({ env: env({ TEMPORAL_CLI_PATH: missing, PATH: join(onPath, '..') }) })).rejects.toThrow(`TEMPORAL_CLI_PATH=${missing} is not an executable file`);
  });

  it('prefers TEMPORAL_CLI_PATH, then PATH, then the cached build', async () => {
    const explicit = await executable(join(root, 'explicit', 'temporal'));
    const onPath = await executable(join(root, 'bin', 'temporal'));
    const cached = await executable(cachedTemporalCliPath(env()));
    const bin = join(root, 'bin');
    await expect(findTemporalCli({ env: env({ TEMPORAL_CLI_PATH: explicit, PATH: bin }) })).resolves.toBe(explicit);
    await expect(findTemporalCli({ env: env({ PATH: bin }) })).resolves.toBe(onPath);
    await expect(findTemporalCli({ env: env() })).resolves.toBe(cached);
  });

  it('names every option when nothing is available, the failed download included', async () => {
    const error = await findTemporalCli({ env: env(), download: offline, onProgress: () => undefined }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/TEMPORAL_ADDRESS/);
    expect(error?.message).toMatch(/TEMPORAL_CLI_PATH/);
    expect(error?.message).toMatch(/install the `temporal` CLI/);
    expect(error?.message).toMatch(/install Go/);
    expect(error?.message).toContain("with internet access, the Temporal SDK's download of the dev server");
    expect(error?.message).toContain('it failed: getaddrinfo ENOTFOUND (stand-in: no internet)');
  });

  it('falls back to Go before the download, and to the download only without Go, once', async () => {
    const calls: string[] = [];
    const download = async (dir: string): Promise<string> => {
      calls.push(dir);
      return executable(join(dir, 'temporal-sdk-typescript-1.24.0'), 'echo downloaded');
    };
    const goDir = join(root, 'go-bin');
    await executable(join(goDir, 'go'), `printf '#!/bin/sh\\n' > "$GOBIN/temporal"\n/bin/chmod +x "$GOBIN/temporal"`);
    await expect(findTemporalCli({ env: env({ PATH: goDir }), download, onProgress: () => undefined })).resolves.toBe(cachedTemporalCliPath(env()));
    expect(calls).toEqual([]);
    await rm(join(root, 'cache'), { recursive: true, force: true });

    const progress: string[] = [];
    const first = await findTemporalCli({ env: env(), download, onProgress: (line) => progress.push(line) });
    expect(first).toBe(downloadedTemporalCliPath(env()));
    expect(await readFile(first, 'utf8')).toContain('echo downloaded');
    expect(calls).toHaveLength(1);
    expect(progress[0]).toMatch(/fetching the dev server with the Temporal SDK's download \(needs internet\)/);
    await expect(findTemporalCli({ env: env(), download })).resolves.toBe(first);
    expect(calls).toHaveLength(1); // found in the cache the second time
    expect(await readdir(join(first, '..'))).toEqual(['temporal']); // no staging folder or lock left
  });

  it("the SDK's download uses a binary already fetched into its folder, starting it once on loopback", async () => {
    // A real dev server put where the SDK's core would have downloaded it: no network needed.
    const real = await findTemporalCli({ onProgress: () => undefined });
    const version = (createRequire(import.meta.url)('@temporalio/testing/package.json') as { version: string }).version;
    const dir = join(root, 'sdk');
    await mkdir(dir);
    const fetched = join(dir, `temporal-sdk-typescript-${version}`);
    await link(real, fetched).catch(async () => executable(fetched, `exec "${real}" "$@"`));
    // Should the SDK still try to download, it must fail here rather than go out.
    const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, ALL_PROXY: process.env.ALL_PROXY };
    process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
    process.env.ALL_PROXY = 'http://127.0.0.1:9';
    try {
      await expect(downloadWithSdk(dir)).resolves.toBe(fetched);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('builds once with go under a lock when several processes ask at the same time', async () => {
    // A fake `go` that takes a while, counts its runs and "installs" a binary into $GOBIN.
    const runs = join(root, 'go-runs');
    const goDir = join(root, 'go-bin');
    await executable(join(goDir, 'go'), `echo "$@" >> "${runs}"\n/bin/sleep 2\nprintf '#!/bin/sh\\necho fake temporal\\n' > "$GOBIN/temporal"\n/bin/chmod +x "$GOBIN/temporal"`);
    const progress: string[] = [];
    const options = { env: env({ PATH: goDir }), progressIntervalMs: 500, onProgress: (line: string) => progress.push(line) };
    const [first, second] = await Promise.all([findTemporalCli(options), findTemporalCli(options)]);

    const expected = cachedTemporalCliPath(env());
    expect(first).toBe(expected);
    expect(second).toBe(expected);
    const invocations = (await readFile(runs, 'utf8')).trim().split('\n');
    expect(invocations).toEqual(['install -ldflags=-s -w github.com/temporalio/cli/cmd/temporal@v1.5.1']);
    expect(progress.some((line) => line.startsWith('building Temporal CLI v1.5.1 with go install'))).toBe(true);
    expect(progress.some((line) => line.startsWith('waiting for another process'))).toBe(true);
  });

  it('reports a failed go build with its output', async () => {
    const goDir = join(root, 'go-bin');
    await executable(join(goDir, 'go'), 'echo "go: module lookup disabled" >&2\nexit 1');
    await expect(findTemporalCli({ env: env({ PATH: goDir }), onProgress: () => undefined })).rejects.toThrow(/exited with code 1:\ngo: module lookup disabled/);
  });
});
