// Keeps one part of the stack running: when its process exits on its own, the part is started
// again after a growing pause, and only a part that keeps crashing makes the supervisor give up.
import { setTimeout as sleep } from 'node:timers/promises';
import { describeExit, type ExitInfo, type ManagedProcess } from './processes.js';

export interface SupervisionPolicy {
  /** Pause before the first restart; doubled for each further crash within the window. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** This many crashes within windowMs and the supervisor gives up. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_SUPERVISION: SupervisionPolicy = { initialDelayMs: 500, maxDelayMs: 10_000, maxCrashes: 5, windowMs: 60_000 };

/** One started copy of a part. */
export interface Instance {
  process: ManagedProcess;
  /** Stops it on purpose (asks politely, escalates). */
  stop(): Promise<void>;
}

export interface SupervisorHooks {
  log(line: string): void;
  /** The part crashed too often: `reason` names it, `detail` holds its last log lines. */
  giveUp(reason: string, detail: string): void;
}

export class Supervisor {
  private current: Instance;
  private readonly crashes: number[] = [];
  private restarts = 0;
  private stopping = false;
  private readonly cancel = new AbortController();
  private recovering: Promise<void> | undefined;

  constructor(
    readonly name: string,
    first: Instance,
    private readonly start: (signal: AbortSignal) => Promise<Instance>,
    private readonly policy: SupervisionPolicy,
    private readonly hooks: SupervisorHooks,
  ) {
    this.current = first;
  }

  get pid(): number | undefined {
    return this.current.process.pid;
  }

  get restartCount(): number {
    return this.restarts;
  }

  /** Starts watching the current instance. */
  watch(): void {
    const instance = this.current;
    void instance.process.exited.then((info) => {
      if (this.stopping || instance !== this.current) return;
      this.recovering = this.recover(info, instance.process);
    });
  }

  /** No more restarts; a pause before one ends, a restart under way is cancelled. */
  halt(): void {
    this.stopping = true;
    this.cancel.abort();
  }

  /** Stops restarting, waits for a restart in progress, then stops the running instance. */
  async stop(): Promise<void> {
    this.halt();
    await this.recovering;
    await this.current.stop();
  }

  private async recover(firstExit: ExitInfo, process: ManagedProcess): Promise<void> {
    let what = describeExit(firstExit);
    let detail = tailOf(process);
    for (;;) {
      const now = Date.now();
      this.crashes.push(now);
      while (this.crashes.length > 0 && now - (this.crashes[0] ?? now) > this.policy.windowMs) this.crashes.shift();
      const count = this.crashes.length;
      const window = `${Math.round(this.policy.windowMs / 1000)} s`;
      if (count >= this.policy.maxCrashes) {
        this.hooks.giveUp(`${this.name} crashed ${count} times within ${window} (last time it ${what})`, detail);
        return;
      }
      const delay = Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * 2 ** (count - 1));
      this.hooks.log(`${this.name} ${what}; restarting it in ${formatSeconds(delay)} (crash ${count} of ${this.policy.maxCrashes} allowed within ${window})${detail}`);
      try {
        await sleep(delay, undefined, { signal: this.cancel.signal });
      } catch {
        return; // stopping
      }
      try {
        const next = await this.start(this.cancel.signal);
        if (this.stopping) {
          await next.stop();
          return;
        }
        this.current = next;
        this.restarts += 1;
        this.hooks.log(`${this.name} is back (pid ${String(next.process.pid)}, restart ${this.restarts})`);
        this.watch();
        return;
      } catch (error) {
        if (this.stopping) return;
        what = `failed to restart: ${error instanceof Error ? error.message : String(error)}`;
        detail = '';
      }
    }
  }
}

/** The last log lines of a process, as a block to append to a message. */
export function tailOf(process: ManagedProcess, count = 20): string {
  const lines = process.lastLines(count);
  return lines.length === 0 ? ' (no output)' : `\n--- last ${process.name} log lines ---\n${lines.join('\n')}`;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 1000 ? 1 : 0)} s`;
}
