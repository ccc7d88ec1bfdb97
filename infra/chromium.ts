// Debian's Chromium for the console's browser tests (Playwright cannot download its own browser here).
// `npm test` runs this first: it finds LINDUNG_CHROMIUM or /usr/bin/chromium, and as root installs
// the `chromium` package when missing; anyone else is told the one command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['LINDUNG_CHROMIUM'] || DEFAULT_CHROMIUM;
}

/** Makes sure Chromium is there; answers its path or throws saying how to get it. */
export function ensureChromium(log: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)): string {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  if (path !== DEFAULT_CHROMIUM) throw new Error(`LINDUNG_CHROMIUM=${path} does not exist.`);
  if (process.getuid?.() !== 0) {
    throw new Error('The console tests need Chromium: run `sudo apt-get install -y chromium` (or set LINDUNG_CHROMIUM to a Chromium binary), then `npm test` again.');
  }
  log('chromium  | installing Debian’s chromium package for the console tests (apt-get, once) …');
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const run = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${run.status}); install chromium by hand.`);
  }
  if (!existsSync(path)) throw new Error(`apt-get installed chromium, but ${path} is missing.`);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureChromium();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
