import { readdirSync, readFileSync } from 'node:fs';

// CPU and memory of processes, read from /proc (Linux): what a request costs each process.

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

export interface ProcSample {
  /** user + system CPU, in milliseconds, with that of its children it has reaped. */
  cpuMs: number;
  rssBytes: number;
}

export function sample(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    // A PostgreSQL backend that exits mid-measurement moves its CPU to the postmaster's cutime/cstime:
    // without them a group's total could fall (negative CPU per request).
    const reaped = Number(fields[13]) + Number(fields[14]);
    const rssPages = Number(fields[21]);
    return { cpuMs: ((utime + stime + reaped) * 1000) / TICKS_PER_SECOND, rssBytes: rssPages * 4096 };
  } catch {
    return undefined;
  }
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/**
 * The launcher's part processes of one stack, by name: each child gets LINDUNG_PART=<name> and
 * the stack's own LINDUNG_TASK_QUEUE_SUFFIX in its environment, which is how we find them again
 * (also after a restart).
 */
export function partProcesses(queueSuffix: string): Record<string, number> {
  const candidates: Record<string, number[]> = {};
  for (const pid of pids()) {
    const environ = readOr(`/proc/${pid}/environ`).split('\0');
    if (!environ.includes(`LINDUNG_TASK_QUEUE_SUFFIX=${queueSuffix}`)) continue;
    const part = environ.find((entry) => entry.startsWith('LINDUNG_PART='))?.slice('LINDUNG_PART='.length);
    if (part) (candidates[part] ??= []).push(pid);
  }
  // A part's own children inherit its environment (tsx's esbuild service, for one): the part is the one whose parent is not.
  const found: Record<string, number> = {};
  for (const [part, group] of Object.entries(candidates)) {
    found[part] = group.find((pid) => !group.includes(parentOf(pid) ?? -1)) ?? group[0]!;
  }
  return found;
}

/** Every process of one PostgreSQL server (postmaster and its backends), found by its data folder. */
export function postgresProcesses(dataDir: string): number[] {
  const postmaster = pids().find((pid) => readOr(`/proc/${pid}/cmdline`).split('\0').includes(dataDir));
  if (postmaster === undefined) return [];
  return [postmaster, ...pids().filter((pid) => parentOf(pid) === postmaster)];
}

function parentOf(pid: number): number | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Summed CPU of a group of processes (backends come and go; a group is re-read each time). */
export function groupCpuMs(group: () => number[]): number {
  return group().reduce((total, pid) => total + (sample(pid)?.cpuMs ?? 0), 0);
}

/** The kernel's own high-water mark of a process's resident memory (VmHWM), in bytes: the peak between samples too. */
export function peakRssBytes(pid: number): number | undefined {
  const line = readOr(`/proc/${pid}/status`)
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return line ? Number(line.replace(/\D+/g, '')) * 1024 : undefined;
}

/** What a pid runs (its command line), to show which process a figure belongs to. */
export function commandOf(pid: number): string {
  return readOr(`/proc/${pid}/cmdline`).split('\0').join(' ').trim();
}

/** Keeps the highest RSS seen per process name while it runs (sampled VmRSS, and each process's VmHWM). */
export class PeakMemory {
  readonly peaks: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;

  watch(processes: () => Record<string, number[]>, everyMs = 250): void {
    this.timer = setInterval(() => {
      for (const [name, group] of Object.entries(processes())) {
        const rss = Math.max(0, ...group.map((pid) => Math.max(sample(pid)?.rssBytes ?? 0, peakRssBytes(pid) ?? 0)));
        this.peaks[name] = Math.max(this.peaks[name] ?? 0, rss);
      }
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
