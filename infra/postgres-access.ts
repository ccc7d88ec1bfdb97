// As root, the embedded PostgreSQL runs as the user `postgres` (it refuses to run as root). That
// user must be able to walk every folder above its binaries and its data directory; a checkout in
// a private (0700) folder — `mktemp -d`, root's home — allows neither. This module finds out, the
// way the server itself will meet it (a process running as that user), and if needed places what
// PostgreSQL needs in a folder it can reach.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, link, lstat, mkdir, readdir, readlink, realpath, rename, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { withLock } from './lock.js';

export interface UserIds {
  uid?: number;
  gid?: number;
}

export interface Binaries {
  postgres: string;
  initdb: string;
}

/**
 * A folder the user `postgres` can reach, owned by us and writable by no one else:
 * `LINDUNG_SHARED_DIR`, default `/var/tmp/lindung-<uid>` (`/var/tmp` survives reboots).
 */
export async function sharedRoot(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const base = existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
  const dir = resolve(env.LINDUNG_SHARED_DIR || join(base, `lindung-${process.getuid?.() ?? 'user'}`));
  await mkdir(dir, { recursive: true, mode: 0o755 });
  // Refuse a folder someone else prepared for us in a world-writable place.
  const info = await lstat(dir);
  const uid = process.getuid?.();
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid) || (info.mode & 0o022) !== 0) {
    throw new Error(`${dir} must be a directory owned by you and writable by no one else (remove it, or set LINDUNG_SHARED_DIR)`);
  }
  if ((info.mode & 0o005) !== 0o005) await chmod(dir, 0o755);
  return dir;
}

/** True when a process running with these ids can enter `dir` (every folder above it included). */
export function canEnter(dir: string, ids: UserIds): boolean {
  const result = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { ...ids, cwd: '/', stdio: 'ignore', timeout: 10_000 });
  return result.status === 0;
}

/** True when `binary --version` runs with these ids (the binary, its libraries and folders reachable). */
export function canRun(binary: string, ids: UserIds): boolean {
  const result = spawnSync(binary, ['--version'], { ...ids, cwd: '/', stdio: 'ignore', timeout: 10_000 });
  return result.status === 0;
}

/**
 * The binaries as given when the user `ids` can run them; else the same paths in a mirror of the
 * package's tree (bin/, lib/, share/: hard links where the file is world-readable, copies
 * otherwise) under `shared`, made once per package version and reused by every checkout.
 */
export async function reachableBinaries(bins: Binaries, ids: UserIds, shared: () => Promise<string>): Promise<Binaries> {
  if (ids.uid === undefined || (canRun(bins.postgres, ids) && canRun(bins.initdb, ids))) return bins;
  const tree = dirname(dirname(bins.postgres)); // <package>/native
  const size = (await stat(bins.postgres)).size;
  const key = createHash('sha256')
    .update(`${await realpath(tree).catch(() => tree)}\0${size}`)
    .digest('hex')
    .slice(0, 12);
  const target = join(await shared(), `postgres-${key}`);
  const mirrored = (path: string): string => join(target, relative(tree, path));
  const result = { postgres: mirrored(bins.postgres), initdb: mirrored(bins.initdb) };
  const works = (): boolean => canRun(result.postgres, ids) && canRun(result.initdb, ids);
  if (existsSync(target) && works()) return result;
  await withLock(`${target}.lock`, async () => {
    if (existsSync(target) && works()) return; // made by a parallel run meanwhile
    const staging = `${target}.tmp-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await mirrorTree(tree, staging);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  });
  if (!works()) throw new Error(`the PostgreSQL binaries copied to ${target} still cannot be run by the user postgres`);
  return result;
}

/** Recreates `from` at `to` with folders 0755 and every file readable by all. */
async function mirrorTree(from: string, to: string): Promise<void> {
  await mkdir(to, { mode: 0o755 });
  await chmod(to, 0o755);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const dest = join(to, entry.name);
    if (entry.isDirectory()) await mirrorTree(source, dest);
    else if (entry.isSymbolicLink()) await symlink(await readlink(source), dest);
    else if (entry.isFile()) {
      const { mode } = await stat(source);
      const readable = (mode & 0o004) !== 0 && ((mode & 0o100) === 0 || (mode & 0o001) !== 0);
      // A hard link shares the file's mode, so link only what others may already read and run.
      if (
        readable &&
        (await link(source, dest).then(
          () => true,
          () => false,
        ))
      )
        continue;
      await copyFile(source, dest);
      await chmod(dest, (mode & 0o100) !== 0 ? 0o755 : 0o644);
    }
  }
}

/**
 * Where the cluster for `dataDir` really lives. Normally `dataDir` itself. When the user `ids`
 * cannot reach its folder, a new cluster goes to `<shared>/data-<hash>/postgres` and `dataDir`
 * becomes a symbolic link to it, so later runs find it again; an existing cluster there is never
 * moved: that is an error naming the fix.
 */
export async function reachableDataDir(dataDir: string, ids: UserIds, shared: () => Promise<string>, log: (line: string) => void): Promise<string> {
  if (ids.uid === undefined) return dataDir;
  const linked = await lstat(dataDir).then(
    (info) => info.isSymbolicLink(),
    () => false,
  );
  const real = linked ? resolve(dirname(dataDir), await readlink(dataDir)) : dataDir;
  await mkdir(dirname(real), { recursive: true });
  if (canEnter(dirname(real), ids)) return real;
  if (linked) throw new Error(`${dataDir} links to ${real}, which the user postgres cannot reach; remove the link to start a new cluster`);
  if (existsSync(dataDir)) {
    throw new Error(
      `PostgreSQL runs as the user postgres, which cannot reach ${dirname(dataDir)} (a folder above it is private). ` +
        `Move the cluster elsewhere and set LINDUNG_DATA_DIR, or let that user through (chmod o+x on each private folder above it).`,
    );
  }
  const place = join(await shared(), `data-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
  await mkdir(place, { recursive: true, mode: 0o755 });
  const target = join(place, 'postgres');
  // Only the link led there: a cluster left at the target belonged to a `.data` since deleted.
  await rm(target, { recursive: true, force: true });
  await symlink(target, dataDir);
  log(`PostgreSQL runs as the user postgres, which cannot reach ${dirname(dataDir)}: its data lives in ${target} (linked from ${dataDir})`);
  return target;
}
