import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { launchStack, type RunningStack, type StackOptions } from '../../infra/stack.js';
import { httpOk } from '../../infra/processes.js';
import { partProcesses, sample } from '../../bench/lib/proc.js';
import type { Identity } from '../../services/kit/src/identity.js';
import { authHeaders, type GraphQLResponse } from '../harness/graphql.js';
import { createTestDatabase, type TestDatabase } from '../harness/database.js';
import { freePorts } from '../harness/ports.js';

// The fault-injection suite's system: the five Lindung processes as `npm start` runs them (the
// supervising launcher, infra/stack.ts), real child processes a test can SIGKILL, on a database
// of their own. PostgreSQL and Temporal are the run's (test/harness/global-setup.ts) unless a test
// brings its own to restart.

export const PART_NAMES = ['municipalities', 'participants', 'claims', 'lifecycle', 'gateway'] as const;
export type PartName = (typeof PART_NAMES)[number];

export interface RealStack {
  stack: RunningStack;
  gateway: string;
  databaseUrl: string;
  ports: Record<PartName, number>;
  logs: string[];
  /** pid of each part's current process, found by its environment (survives restarts). */
  pids(): Partial<Record<PartName, number>>;
  /** Resident memory of each part now, in bytes. */
  rss(): Partial<Record<PartName, number>>;
  /** What each part still holds after a forced GC (only with `memoryProbe`). */
  memory(): Promise<Partial<Record<PartName, MemoryReading>>>;
  /** SIGKILLs a part and waits until its supervisor has it back and answering /health. */
  killAndAwait(part: PartName): Promise<void>;
  stop(): Promise<void>;
}

export interface RealStackOptions extends Pick<StackOptions, 'postgres' | 'temporal' | 'supervision'> {
  /** A database to use (default: a fresh copy of the run's migrated template). */
  databaseUrl?: string;
  temporalAddress?: string;
  /** Launcher-started PostgreSQL and Temporal (the test restarts them): no shared ones. */
  ownServers?: boolean;
  /** Preload memory-probe.mjs into every part, for memory(). */
  memoryProbe?: boolean;
}

/** Bytes, from process.memoryUsage() right after a full, forced GC (rssBefore: just before it). */
export interface MemoryReading {
  rss: number;
  rssBefore: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

const PROBE = fileURLToPath(new URL('./memory-probe.mjs', import.meta.url));

export async function startRealStack(label: string, options: RealStackOptions = {}): Promise<RealStack> {
  let db: TestDatabase | undefined;
  let databaseUrl = options.databaseUrl;
  if (databaseUrl === undefined && !options.ownServers) {
    db = await createTestDatabase(label);
    databaseUrl = db.url;
  }
  const portList = await freePorts(PART_NAMES.length);
  const ports = Object.fromEntries(PART_NAMES.map((name, i) => [name, portList[i]!])) as Record<PartName, number>;
  const suffix = `${label}-${randomUUID().slice(0, 8)}`;
  const logs: string[] = [];
  const probeDir = options.memoryProbe ? mkdtempSync(join(tmpdir(), 'lindung-memory-')) : undefined;
  const probeEnv = probeDir ? { LINDUNG_MEMORY_PROBE_DIR: probeDir, NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${JSON.stringify(PROBE)}`.trim() } : {};
  const stack = await launchStack({
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(options.ownServers ? {} : { temporalAddress: options.temporalAddress ?? inject('temporalAddress'), temporalNamespace: inject('temporalNamespace') }),
    postgres: options.postgres,
    temporal: options.temporal,
    ports,
    // Many requests from one test client; a queue suffix of its own on the shared Temporal server.
    env: { LINDUNG_TASK_QUEUE_SUFFIX: suffix, LINDUNG_RATE_LIMIT_PER_MINUTE: '100000000', ...probeEnv },
    // With our own servers the launcher migrates a fresh database, as `npm start` does.
    migrate: options.ownServers ? undefined : null,
    log: (line) => {
      logs.push(line);
      if (logs.length > 5000) logs.shift();
    },
    healthTimeoutMs: 180_000,
    // A fault test kills parts on purpose, often: the supervisor must never give up on them.
    supervision: { initialDelayMs: 200, maxDelayMs: 2_000, maxCrashes: 1_000, windowMs: 60_000, ...options.supervision },
  });
  const pids = () => partProcesses(suffix) as Partial<Record<PartName, number>>;
  return {
    stack,
    gateway: stack.urls.graphql,
    databaseUrl: stack.databaseUrl,
    ports,
    logs,
    pids,
    rss: () => Object.fromEntries(Object.entries(pids()).map(([name, pid]) => [name, sample(pid)?.rssBytes ?? 0])),
    async memory() {
      if (probeDir === undefined) throw new Error('startRealStack(…, { memoryProbe: true }) for memory()');
      // One process after another: five forced GCs at once would stall the whole machine for seconds.
      const readings: [string, MemoryReading][] = [];
      for (const [name, pid] of Object.entries(pids())) {
        const file = join(probeDir, `${pid}.json`);
        rmSync(file, { force: true });
        writeFileSync(join(probeDir, `${pid}.want`), '');
        await waitFor(`${name} memory reading`, () => existsSync(file), 60_000, 100);
        readings.push([name, JSON.parse(readFileSync(file, 'utf8')) as MemoryReading]);
      }
      return Object.fromEntries(readings);
    },
    async killAndAwait(part) {
      const before = stack.restarts(part);
      const pid = stack.pid(part);
      if (pid === undefined) throw new Error(`${part} has no process`);
      process.kill(pid, 'SIGKILL');
      await waitFor(
        `${part} restarted after SIGKILL`,
        async () => stack.restarts(part) > before && (await httpOk(`http://127.0.0.1:${ports[part]}/health`).catch(() => false)),
        240_000,
      );
    },
    async stop() {
      await stack.stop();
      await db?.drop();
      if (probeDir !== undefined) rmSync(probeDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` holds (errors count as not yet); fails after `timeoutMs` with `what`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve(check()).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for: ${what}`);
    await sleep(intervalMs);
  }
}

export interface RetryFigures {
  attempts: number;
  /** Answers that said a part was down (SERVICE_UNAVAILABLE, HTTP 502/503, connection refused or reset). */
  unavailable: number;
  /** ACCEPTED_PENDING: taken on, finishing later. */
  pending: number;
}

/** Codes after which a client tries again with the same Idempotency-Key. */
const TRY_AGAIN = new Set(['SERVICE_UNAVAILABLE', 'ACCEPTED_PENDING']);

/**
 * What a careful client does in an outage: sends the mutation with an Idempotency-Key and, while
 * the answer is "down" or "pending", sends it again with the same key, until it gets the first
 * result or an error a user must see. Returns that final answer. Never gives up on outages before
 * `timeoutMs`.
 */
export async function mutateUntilAnswered<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  who: Identity,
  figures: RetryFigures,
  timeoutMs = 240_000,
): Promise<GraphQLResponse<T>> {
  const key = `fault-${randomUUID()}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    figures.attempts++;
    let answer: GraphQLResponse<T> | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, ...(await authHeaders(who)) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      answer = response.status === 502 || response.status === 504 ? undefined : ((await response.json()) as GraphQLResponse<T>);
    } catch {
      answer = undefined; // the gateway itself was down or cut the connection
    }
    const code = answer?.errors?.[0]?.extensions?.code;
    if (answer !== undefined && (code === undefined || !TRY_AGAIN.has(code))) return answer;
    if (code === 'ACCEPTED_PENDING') figures.pending++;
    else figures.unavailable++;
    if (Date.now() > deadline) {
      const name = /\b(?:mutation|query)\s+(\w+)/.exec(query)?.[1] ?? 'request';
      const details = JSON.stringify(answer?.errors?.[0]?.extensions ?? {}).slice(0, 200);
      throw new Error(`${name}: no answer but "${code ?? 'connection failed'}" for ${Math.round(timeoutMs / 1000)} s (${details})`);
    }
    await sleep(500);
  }
}

/** A direct connection to the stack's database, for the checks a finance office would run. */
export async function sql(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

export const MB = 1024 * 1024;
