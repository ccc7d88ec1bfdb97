import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePorts } from '../test/harness/ports.js';
import { repoRoot } from './paths.js';
import { withClient } from './postgres-admin.js';
import { launchStack, type PartSpec, type StackOptions } from './stack.js';
import { temporalReady } from './temporal.js';

// The launcher itself, with stand-in parts (infra/fixtures/fake-part.ts) against the shared servers.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lindung-stack-test-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const fake = (name: string): PartSpec => ({ name, entry: 'infra/fixtures/fake-part.ts', portEnv: `${name.toUpperCase()}_PORT`, defaultPort: 1 });
const parts = [fake('alpha'), fake('claims'), fake('gateway')];

interface Event {
  name: string;
  event: string;
  env: Record<string, string | undefined>;
}

async function setup(modes: Record<string, string> = {}): Promise<{ options: StackOptions; lines: string[]; record: string; ports: number[] }> {
  const ports = await freePorts(parts.length);
  const record = join(root, `events-${ports[0]}.jsonl`);
  const lines: string[] = [];
  const env: NodeJS.ProcessEnv = { FAKE_RECORD: record, EXTRA: 'from-options' };
  for (const [name, mode] of Object.entries(modes)) env[`FAKE_MODE_${name.toUpperCase()}`] = mode;
  const options: StackOptions = {
    databaseUrl: inject('adminDatabaseUrl'),
    temporalAddress: inject('temporalAddress'),
    migrate: null,
    parts,
    ports: Object.fromEntries(parts.map((p, i) => [p.name, ports[i]])),
    env,
    log: (line) => lines.push(line),
    // Stand-ins answer in well under a second; a loaded 2-core machine can take a few seconds.
    healthTimeoutMs: 20_000,
  };
  return { options, lines, record, ports };
}

const events = async (file: string): Promise<Event[]> =>
  (await readFile(file, 'utf8').catch(() => ''))
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Event);

async function answers(port: number | undefined): Promise<boolean> {
  return fetch(`http://127.0.0.1:${String(port)}/health`).then(
    () => true,
    () => false,
  );
}

/** Polls `check` (errors count as false) for at most 30 s. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('launchStack', () => {
  it('starts the parts in order with their environment and stops them in reverse order', async () => {
    const { options, lines, record, ports } = await setup();
    const stack = await launchStack(options);
    try {
      expect(stack.urls.graphql).toBe(`http://127.0.0.1:${ports[2]}/graphql`);
      expect(stack.urls.subgraphs.claims).toBe(`http://127.0.0.1:${ports[1]}/graphql`);
      expect(lines).toContain('alpha    | alpha listening'); // padded to the longest name, 'postgres'
    } finally {
      await stack.stop();
    }

    const seen = await events(record);
    expect(seen.filter((e) => e.event === 'start').map((e) => e.name)).toEqual(['alpha', 'claims', 'gateway']);
    expect(seen.filter((e) => e.event === 'sigterm').map((e) => e.name)).toEqual(['gateway', 'claims', 'alpha']);
    const env = seen[0]?.env;
    expect(env).toMatchObject({
      DATABASE_URL: inject('adminDatabaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      PORT: String(ports[0]),
      CLAIMS_URL: `http://127.0.0.1:${ports[1]}/graphql`,
      EXTRA: 'from-options',
    });
    for (const port of ports) expect(await answers(port)).toBe(false);
  });

  it('names the part that exits during start, shows its output and stops the others', async () => {
    const { options, ports } = await setup({ claims: 'exit-early' });
    const failure = await launchStack(options).then(
      () => 'started',
      (e: unknown) => (e as Error).message,
    );
    expect(failure).toMatch(/^claims failed to start: exited with code 3/);
    expect(failure).toContain('claims: cannot connect to anything (on purpose)');
    expect(await answers(ports[0])).toBe(false);
  });

  it('gives up on a part that never becomes healthy', async () => {
    const { options } = await setup({ gateway: 'never-healthy' });
    await expect(launchStack({ ...options, healthTimeoutMs: 8_000 })).rejects.toThrow(/^gateway failed to start: health check: not ready after 8 s[\s\S]*gateway listening/);
  });

  it('restarts a part killed with SIGKILL while the others keep serving', async () => {
    const { options, lines, record, ports } = await setup();
    const stack = await launchStack({ ...options, supervision: { initialDelayMs: 100 } });
    try {
      const [alpha, claims] = [stack.pid('alpha'), stack.pid('claims')];
      process.kill(claims ?? 0, 'SIGKILL');
      await until(async () => stack.pid('claims') !== claims && (await answers(ports[1])), 'claims to come back');
      expect(stack.restarts('claims')).toBe(1);
      expect(stack.pid('alpha')).toBe(alpha);
      expect(await answers(ports[0])).toBe(true);
      expect(lines.some((line) => line.startsWith('claims was killed by SIGKILL; restarting it in 0.1 s (crash 1 of 5 allowed within 60 s)'))).toBe(true);
      expect(lines.some((line) => line.startsWith(`claims is back (pid ${String(stack.pid('claims'))}, restart 1)`))).toBe(true);
    } finally {
      await stack.stop();
    }
    const seen = await events(record);
    expect(seen.filter((e) => e.name === 'claims' && e.event === 'start')).toHaveLength(2);
    expect(seen.filter((e) => e.event === 'sigterm').map((e) => e.name)).toEqual(['gateway', 'claims', 'alpha']);
    expect(lines.some((line) => line.includes('ignored SIGTERM'))).toBe(false);
    for (const port of ports) expect(await answers(port)).toBe(false);
  });

  it('stops everything, naming the part and its last log lines, when a part keeps crashing', async () => {
    const { options, lines, ports } = await setup({ claims: 'broken-on-restart' });
    const stack = await launchStack({ ...options, supervision: { initialDelayMs: 50, maxDelayMs: 200, maxCrashes: 3 } });
    try {
      await fetch(`http://127.0.0.1:${String(ports[1])}/crash`);
      const reason = await stack.crashed;
      expect(reason).toMatch(/^claims crashed 3 times within 60 s \(last time it failed to restart: exited with code 4/);
      expect(reason).toContain('claims: cannot start again (on purpose)');
      expect(lines.some((line) => line.startsWith('claims exited with code 7; restarting it in 0.1 s (crash 1 of 3'))).toBe(true);
      expect(lines.some((line) => line.startsWith('claims crashed 3 times within 60 s') && line.includes('stopping everything.'))).toBe(true);
    } finally {
      await stack.stop();
    }
    for (const port of ports) expect(await answers(port)).toBe(false);
  });

  it('restarts the PostgreSQL and the Temporal server it started when they die', async () => {
    const { options, ports } = await setup();
    const [pgPort, temporalPort] = await freePorts(2);
    const { databaseUrl: _db, temporalAddress: _t, ...rest } = options;
    const stack = await launchStack({
      ...rest,
      postgres: { useEnv: false, dataDir: join(root, `pg-${String(pgPort)}`), port: pgPort, fast: true },
      temporal: { useEnv: false, port: temporalPort, headless: true, dbFile: null },
      supervision: { initialDelayMs: 200 },
    });
    try {
      for (const name of ['postgres', 'temporal']) {
        const pid = stack.pid(name);
        expect(pid).toBeTypeOf('number');
        process.kill(pid ?? 0, 'SIGKILL');
        await until(async () => stack.pid(name) !== pid, `${name} to be restarted`);
      }
      await until(() => withClient(stack.databaseUrl, async () => true), 'PostgreSQL to answer');
      await until(() => temporalReady(stack.urls.temporalAddress, 'default'), 'Temporal to answer');
      expect(stack.restarts('postgres')).toBeGreaterThanOrEqual(1);
      expect(stack.restarts('temporal')).toBe(1);
      for (const port of ports) expect(await answers(port)).toBe(true);
    } finally {
      await stack.stop();
    }
  });

  it('leaves no part running when the launcher itself is killed hard', async () => {
    const { options, ports } = await setup();
    const { log: _log, ...serialisable } = options;
    const launcher = spawn(process.execPath, ['--import', 'tsx', 'infra/fixtures/launch-and-wait.ts'], {
      cwd: repoRoot,
      env: { ...process.env, LAUNCH_OPTIONS: JSON.stringify(serialisable) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [chunk] = (await once(launcher.stdout, 'data')) as [Buffer];
      expect(chunk.toString()).toContain('up');
      for (const port of ports) expect(await answers(port)).toBe(true);
    } finally {
      launcher.kill('SIGKILL');
    }
    // The orphan guard checks once a second; give the children a few seconds to notice and exit.
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (await Promise.all(ports.map(answers))).some(Boolean)) await new Promise((r) => setTimeout(r, 200));
    for (const port of ports) expect(await answers(port)).toBe(false);
  });
});
