// The web console's build for `npm start`: built once, and again when its sources or the schema changed.
import { spawn } from 'node:child_process';
import { open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

const CONSOLE = join(repoRoot, 'console');

async function newest(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of await readdir(path)) latest = Math.max(latest, await newest(join(path, entry)));
  return latest;
}

/** True when console/dist is missing or older than the console's sources, config or the operations. */
export async function consoleBuildIsStale(): Promise<boolean> {
  const built = await newest(join(CONSOLE, 'dist', 'index.html'));
  if (built === 0) return true;
  const sources = Math.max(await newest(join(CONSOLE, 'src')), await newest(join(CONSOLE, 'index.html')), await newest(join(repoRoot, 'schema', 'operations')));
  return sources > built;
}

const LOCK = join(CONSOLE, '.build.lock');

/**
 * Runs `npm run build -w console` (about 10–30 s) when the build is stale; its output goes to `log`.
 * One build at a time across processes (Vite refuses a second; console test files start in
 * parallel): whoever finds another build under way waits for it and then looks again.
 */
export async function buildConsoleIfStale(log: (line: string) => void): Promise<void> {
  for (;;) {
    if (!(await consoleBuildIsStale())) return;
    const lock = await open(LOCK, 'wx').catch(() => null);
    if (!lock) {
      if (!(await lockHolderAlive())) await rm(LOCK, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      await lock.writeFile(String(process.pid));
      await lock.close();
      if (await consoleBuildIsStale()) await build(log);
      return;
    } finally {
      await rm(LOCK, { force: true });
    }
  }
}

/** Whether the process that took the build lock still runs (a killed one leaves its lock behind). */
async function lockHolderAlive(): Promise<boolean> {
  const pid = Number(await readFile(LOCK, 'utf8').catch(() => ''));
  if (!pid) {
    // Just created, its pid not written yet — unless its creator died in between.
    const created = (await stat(LOCK).catch(() => null))?.mtimeMs ?? 0;
    return Date.now() - created < 10_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function build(log: (line: string) => void): Promise<void> {
  log('console   | building the web console (npm run build -w console) …');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'build', '-w', 'console'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`The console build failed (exit ${code}):\n${lines.join('').slice(-4000)}`))));
  });
}
