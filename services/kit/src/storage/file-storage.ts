import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
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
 * imports, claim documents. Files go in and come out as streams, never whole in memory. Two
 * implementations: local disk (`LocalDiskStorage`, the default) and an S3-compatible object store
 * (`S3Storage`); `storageFromEnv` picks one.
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

/** An area is one lowercase word (`claim-documents`); a key is `<area>/<sha256 hex>`. */
export function assertArea(area: string): void {
  if (!/^[a-z0-9-]+$/.test(area)) throw new Error(`bad storage area ${area}`);
}

export function assertKey(key: string): void {
  if (!/^[a-z0-9-]+\/[a-f0-9]{64}$/.test(key)) throw new Error(`bad storage key ${key}`);
}

/**
 * Streams `body` into the file at `path` while hashing and counting it; past `maxBytes` it stops
 * with FileTooLargeError. On any failure the partial file is deleted before the error is thrown.
 */
export async function spoolToFile(body: Readable, path: string, maxBytes: number): Promise<{ sha256: string; bytes: number }> {
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
    await pipeline(body, count, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { sha256: hash.digest('hex'), bytes };
}
