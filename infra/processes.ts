import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all (e.g. ENOENT). */
  error?: Error;
  /** Set by stop() when the process ignored the polite signal and had to be killed. */
  forced?: boolean;
}

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Own process group: a terminal Ctrl-C then reaches only us, and stop() can kill grandchildren too. */
  detached?: boolean;
  /** Signal that asks this program to shut down cleanly (postgres: SIGINT = fast shutdown). */
  stopSignal?: NodeJS.Signals;
  /** Every output line; output is always drained so a chatty child never blocks on a full pipe. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** How many recent lines to keep for error reports. */
  keepLines?: number;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** Resolves when the process has exited (or failed to spawn). */
  readonly exited: Promise<ExitInfo>;
  exitInfo(): ExitInfo | undefined;
  lastLines(count?: number): string[];
  /** Asks politely, escalates to SIGKILL after graceMs, resolves once the process is gone. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

// Processes still running; killed synchronously if we exit without stopping them.
const running = new Set<{ child: ChildProcess; detached: boolean; signal: NodeJS.Signals }>();
process.once('exit', () => {
  for (const entry of running) signalChild(entry.child, entry.detached, entry.signal);
});

function signalChild(child: ChildProcess, detached: boolean, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (detached) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone: nothing to do.
  }
}

export function spawnManaged(options: ManagedProcessOptions): ManagedProcess {
  const detached = options.detached ?? false;
  const stopSignal = options.stopSignal ?? 'SIGTERM';
  const keep = options.keepLines ?? 200;
  const lines: string[] = [];
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { child, detached, signal: stopSignal };
  running.add(entry);

  const pump = (stream: Readable | null, kind: 'stdout' | 'stderr'): void => {
    if (stream === null) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line: string) => {
      lines.push(line);
      if (lines.length > keep) lines.shift();
      options.onLine?.(line, kind);
    });
  };
  pump(child.stdout, 'stdout');
  pump(child.stderr, 'stderr');

  let info: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (error: Error) => {
      // 'error' without a pid means the spawn itself failed; no 'exit' will follow.
      if (child.pid === undefined) {
        info = { code: null, signal: null, error };
        running.delete(entry);
        resolve(info);
      }
    });
    child.once('exit', (code, signal) => {
      running.delete(entry);
      // Wait for the last output lines (pipes close after 'exit'), unless a grandchild holds them open.
      const done = (): void => {
        if (info !== undefined) return;
        info = { code, signal };
        resolve(info);
      };
      child.once('close', done);
      setTimeout(done, 300).unref();
    });
  });

  return {
    name: options.name,
    pid: child.pid,
    exited,
    exitInfo: () => info,
    lastLines: (count = 20) => lines.slice(-count),
    async stop(graceMs = 10_000): Promise<ExitInfo> {
      if (info !== undefined) return info;
      signalChild(child, detached, stopSignal);
      let forced = false;
      const timer = setTimeout(() => {
        forced = true;
        signalChild(child, detached, 'SIGKILL');
      }, graceMs);
      const result = await exited;
      clearTimeout(timer);
      // The leader is gone; make sure no grandchild of a detached group survives it.
      if (detached && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Group already empty.
        }
      }
      return forced ? { ...result, forced } : result;
    },
  };
}

export function describeExit(info: ExitInfo): string {
  if (info.error !== undefined) return `could not be started (${info.error.message})`;
  if (info.signal !== null) return `was killed by ${info.signal}`;
  return `exited with code ${String(info.code)}`;
}

export interface WaitOptions {
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Fail fast if this process exits while we wait. */
  process?: ManagedProcess;
  signal?: AbortSignal;
}

/** Polls `check` until it returns true; throws on timeout, abort, or early exit of `process`. */
export async function waitUntil(check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = '';
  for (;;) {
    options.signal?.throwIfAborted();
    const info = options.process?.exitInfo();
    if (info !== undefined) throw new Error(`${options.what}: process ${describeExit(info)}`);
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      const detail = lastError === '' ? '' : ` (last error: ${lastError})`;
      throw new Error(`${options.what}: not ready after ${Math.round(options.timeoutMs / 1000)} s${detail}`);
    }
    await sleep(options.intervalMs ?? 200);
  }
}

/**
 * True when GET url answers 200 within a second. No keep-alive: a pooled idle connection from the
 * health poll would otherwise hold the service's server open when it is asked to stop.
 */
export function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, headers: { connection: 'close' }, timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('timeout', () => request.destroy(new Error(`no answer from ${url} within 1 s`)));
    request.once('error', reject);
  });
}

/**
 * True when something already accepts connections on 127.0.0.1:port. Checked before starting a
 * server: a leftover one on that port would answer our readiness checks in its place (Temporal's
 * dev server even keeps running after failing to bind).
 */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
