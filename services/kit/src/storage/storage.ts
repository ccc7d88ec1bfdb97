import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { assertArea, assertKey, spoolToFile, type FileStorage, type StoredFile } from './file-storage.js';
import { s3StorageFromEnv } from './s3-storage.js';

export { FileTooLargeError, type FileStorage, type StoredFile } from './file-storage.js';

/** Local disk (one folder; in production a volume shared by the service's replicas, or S3Storage). */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  async put(area: string, body: Readable, maxBytes: number): Promise<StoredFile> {
    assertArea(area);
    const folder = join(this.root, area);
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.upload-${randomUUID()}`);
    const { sha256, bytes } = await spoolToFile(body, temporary, maxBytes);
    const key = `${area}/${sha256}`;
    await rename(temporary, this.path(key));
    return { key, sha256, bytes };
  }

  open(key: string): Readable {
    return createReadStream(this.path(key));
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.path(key)).then(
      () => true,
      () => false,
    );
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    assertKey(key);
    const path = resolve(this.root, key);
    if (dirname(dirname(path)) !== resolve(this.root)) throw new Error(`bad storage key ${key}`);
    return path;
  }
}

/**
 * The storage a service uses. LINDUNG_STORAGE=s3 picks an S3-compatible object store (settings in
 * s3StorageFromEnv); unset or `disk`, local disk: LINDUNG_STORAGE_DIR, else `files` in
 * LINDUNG_DATA_DIR (default `.data`).
 */
export function storageFromEnv(env: NodeJS.ProcessEnv = process.env): FileStorage {
  const kind = env['LINDUNG_STORAGE'] || 'disk';
  if (kind === 's3') return s3StorageFromEnv(env);
  if (kind !== 'disk') throw new Error(`LINDUNG_STORAGE=${kind} is not a file storage; use disk (the default) or s3`);
  return new LocalDiskStorage(env['LINDUNG_STORAGE_DIR'] || join(resolve(env['LINDUNG_DATA_DIR'] || '.data'), 'files'));
}
