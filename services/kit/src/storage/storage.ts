import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A stored file, named by the SHA-256 of its bytes (the same upload twice is one file). */
export interface StoredFile {
  key: string;
  sha256: string;
  bytes: number;
}

/**
 * Where uploaded files live until the work that reads them is done: city lists for enrolment
 * imports now, claim documents later. Files go in and come out as streams, never whole in memory.
 */
export interface FileStorage {
  /** Streams `body` in; refuses (and keeps nothing) past `maxBytes`. */
  put(area: string, body: Readable, maxBytes: number): Promise<StoredFile>;
  open(key: string): Readable;
  exists(key: string): Promise<boolean>;
  /** Deletes a stored file (a claim document the virus scan refused); a missing file is no error. */
  remove(key: string): Promise<void>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  }
}

/** Local disk (one folder; in production a volume shared by the service's replicas, or swap in an object store). */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  async put(area: string, body: Readable, maxBytes: number): Promise<StoredFile> {
    if (!/^[a-z0-9-]+$/.test(area)) throw new Error(`bad storage area ${area}`);
    const folder = join(this.root, area);
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.upload-${randomUUID()}`);
    const hash = createHash('sha256');
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > maxBytes) return done(new FileTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, count, createWriteStream(temporary));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
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
    if (!/^[a-z0-9-]+\/[a-f0-9]{64}$/.test(key)) throw new Error(`bad storage key ${key}`);
    const path = resolve(this.root, key);
    if (dirname(dirname(path)) !== resolve(this.root)) throw new Error(`bad storage key ${key}`);
    return path;
  }
}

/** The storage a service uses: LINDUNG_STORAGE_DIR, else `files` in LINDUNG_DATA_DIR (default `.data`). */
export function storageFromEnv(env: NodeJS.ProcessEnv = process.env): FileStorage {
  return new LocalDiskStorage(env['LINDUNG_STORAGE_DIR'] || join(resolve(env['LINDUNG_DATA_DIR'] || '.data'), 'files'));
}
