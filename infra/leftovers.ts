import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** The command line of a live process, '' when there is none (ps, not /proc: works on macOS too). */
export function commandOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/**
 * Stops a server an earlier, killed run left behind, identified by pid and confirmed by a marker
 * in its command line (its data path), so a reused pid never hits an unrelated process.
 * Returns false when there was nothing of ours to stop.
 */
export async function stopLeftover(pid: number, marker: string, signal: NodeJS.Signals, what: string): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0 || !commandOf(pid).includes(marker)) return false;
  try {
    process.kill(pid, signal);
  } catch {
    return true; // exited meanwhile
  }
  for (let i = 0; i < 150 && commandOf(pid).includes(marker); i++) await sleep(100);
  if (commandOf(pid).includes(marker)) throw new Error(`${what} (pid ${pid}) left by an earlier run is still running; stop it and retry`);
  return true;
}
