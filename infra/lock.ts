import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockOptions {
  /** Called about once a second while another process holds the lock. */
  onWait?: (waitedMs: number) => void;
  /** A lock older than this is taken over even if its owner looks alive (pid reuse). */
  staleMs?: number;
}

/**
 * Runs `fn` while holding a lock directory (mkdir is atomic on every local file system), so
 * parallel test processes run an expensive step once and the others wait for it. A lock whose
 * owner died is taken over. Callers keep their work safe to repeat (write to a temp path, then
 * rename): a takeover race can at worst run `fn` twice, never corrupt its result.
 */
export async function withLock<T>(lockDir: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 30 * 60_000;
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(lockDir, staleMs)) {
      // Rename first so two waiters cannot both delete a fresh lock taken in between.
      const aside = `${lockDir}.stale-${process.pid}-${Date.now()}`;
      await rename(lockDir, aside).then(
        () => rm(aside, { recursive: true, force: true }),
        () => undefined,
      );
      continue;
    }
    options.onWait?.(Date.now() - started);
    await sleep(1_000);
  }
  await writeFile(join(lockDir, 'owner'), `${process.pid}\n`);
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function isStale(lockDir: string, staleMs: number): Promise<boolean> {
  const info = await stat(lockDir).catch(() => undefined);
  if (info === undefined) return false; // released meanwhile: retry mkdir
  const age = Date.now() - info.mtimeMs;
  if (age > staleMs) return true;
  const owner = await readFile(join(lockDir, 'owner'), 'utf8').catch(() => undefined);
  // No owner file yet: its creator is between mkdir and writeFile, unless it died right there.
  if (owner === undefined) return age > 60_000;
  const pid = Number(owner.trim());
  return !Number.isInteger(pid) || pid <= 0 || !isAlive(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
