import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePorts } from '../test/harness/ports.js';
import { repoRoot } from './paths.js';
import { launchStack, type PartSpec, type StackOptions } from './stack.js';

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
    healthTimeoutMs: 3_000,
  };
  return { options, lines, record, ports };
}

const events = async (file: string): Promise<Event[]> =>
  (await readFile(file, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Event);

async function answers(port: number | undefined): Promise<boolean> {
  return fetch(`http://127.0.0.1:${String(port)}/health`).then(
    () => true,
    () => false,
  );
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
    await expect(launchStack(options)).rejects.toThrow(/^gateway failed to start: health check: not ready after 3 s[\s\S]*gateway listening/);
  });

  it('shuts everything down when a part dies after start', async () => {
    const { options, lines, ports } = await setup();
    const stack = await launchStack(options);
    try {
      await fetch(`http://127.0.0.1:${String(ports[0])}/crash`);
      await expect(stack.crashed).resolves.toBe('alpha exited with code 7');
      expect(lines.some((line) => line.startsWith('alpha exited with code 7; stopping everything.'))).toBe(true);
    } finally {
      await stack.stop();
    }
    for (const port of ports) expect(await answers(port)).toBe(false);
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
