// The web console's build for `npm start`: built once, and again when its sources or the schema changed.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
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

/** Runs `npm run build -w console` (about 10–30 s) when the build is stale; its output goes to `log`. */
export async function buildConsoleIfStale(log: (line: string) => void): Promise<void> {
  if (!(await consoleBuildIsStale())) return;
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
