import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in <root>/infra). */
export const repoRoot: string = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Where local state lives between runs: `LINDUNG_DATA_DIR`, default `<repo>/.data`. */
export function dataRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.LINDUNG_DATA_DIR ?? join(repoRoot, '.data'));
}

/** Per-user cache shared by all checkouts (built tools): `${XDG_CACHE_HOME:-$HOME/.cache}/lindung`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(env.HOME ?? homedir(), '.cache');
  return join(base, 'lindung');
}

/** Reads a port from the environment, falling back to a default; rejects junk early. */
export function envPort(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${name}=${raw} is not a valid TCP port`);
  return port;
}
