import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeS3Unavailable, startFakeS3, type FakeS3 } from '../../../../test/harness/fake-s3.js';
import { S3RequestError, S3Storage, s3StorageFromEnv } from './s3-storage.js';
import { FileTooLargeError, LocalDiskStorage, storageFromEnv } from './storage.js';

// S3Storage against a real S3-compatible server process (gofakes3, built with Go once per machine).
const unavailable = await fakeS3Unavailable();
if (unavailable) console.warn(`s3-storage.test.ts ${unavailable}`);

let server: FakeS3;
let spoolDir: string;
let storage: S3Storage;

/** 1 MiB chunks, so a file crosses many stream reads and never sits whole in one buffer. */
function chunks(total: number, seed: number): { stream: () => Readable; sha256: string } {
  const piece = createHash('sha256').update(String(seed)).digest();
  const block = Buffer.alloc(1024 * 1024, piece);
  const hash = createHash('sha256');
  for (let sent = 0; sent < total; sent += block.length) hash.update(block.subarray(0, Math.min(block.length, total - sent)));
  return {
    sha256: hash.digest('hex'),
    stream: () =>
      Readable.from(
        (function* () {
          for (let sent = 0; sent < total; sent += block.length) yield block.subarray(0, Math.min(block.length, total - sent));
        })(),
      ),
  };
}

/** Every key in the bucket (gofakes3 does not check signatures, so the listing needs none). */
async function keysInBucket(): Promise<string[]> {
  const listing = await (await fetch(`${server.endpoint}/${server.bucket}?list-type=2`)).text();
  return [...listing.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!).sort();
}

function store(options: Partial<ConstructorParameters<typeof S3Storage>[0]> = {}): S3Storage {
  return new S3Storage({
    endpoint: server.endpoint,
    bucket: server.bucket,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test-secret' },
    pathStyle: true,
    prefix: 'unit/',
    spoolDir,
    ...options,
  });
}

describe.skipIf(unavailable !== null)('S3Storage against an S3-compatible server (gofakes3)', () => {
  beforeAll(async () => {
    server = await startFakeS3();
    spoolDir = await mkdtemp(join(tmpdir(), 'lindung-s3-spool-'));
    storage = store();
  });

  afterAll(async () => {
    await server?.stop();
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
  });

  it('streams a file in and out under <area>/<sha256>, byte for byte, and leaves no spool file', async () => {
    const file = chunks(3 * 1024 * 1024 + 17, 1);
    const stored = await storage.put('claim-documents', file.stream(), 10 * 1024 * 1024);
    expect(stored).toEqual({ key: `claim-documents/${file.sha256}`, sha256: file.sha256, bytes: 3 * 1024 * 1024 + 17 });
    expect(await keysInBucket()).toContain(`unit/claim-documents/${file.sha256}`);
    const back = createHash('sha256');
    let bytes = 0;
    for await (const chunk of storage.open(stored.key) as AsyncIterable<Buffer>) {
      back.update(chunk);
      bytes += chunk.length;
    }
    expect({ sha256: back.digest('hex'), bytes }).toEqual({ sha256: file.sha256, bytes: stored.bytes });
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('refuses a file over the cap and keeps nothing, in the bucket or the spool folder', async () => {
    const before = await keysInBucket();
    const file = chunks(2 * 1024 * 1024, 2);
    await expect(storage.put('claim-documents', file.stream(), 1024 * 1024)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await keysInBucket()).toEqual(before);
    expect(await storage.exists(`claim-documents/${file.sha256}`)).toBe(false);
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('stores the same bytes twice as one key', async () => {
    const before = await keysInBucket();
    const bytes = randomBytes(50_000);
    const first = await storage.put('enrolment-imports', Readable.from([bytes]), 1024 * 1024);
    const second = await storage.put('enrolment-imports', Readable.from([bytes.subarray(0, 20_000), bytes.subarray(20_000)]), 1024 * 1024);
    expect(second).toEqual(first);
    expect(await keysInBucket()).toEqual([...before, `unit/${first.key}`].sort());
  });

  it('answers exists, removes a file (a missing one is no error), and a removed file cannot be opened', async () => {
    const stored = await storage.put('claim-documents', Readable.from([Buffer.from('akta kematian')]), 1024);
    expect(await storage.exists(stored.key)).toBe(true);
    expect(await text(storage.open(stored.key))).toBe('akta kematian');
    await storage.remove(stored.key);
    expect(await storage.exists(stored.key)).toBe(false);
    await storage.remove(stored.key);
    expect(await keysInBucket()).not.toContain(`unit/${stored.key}`);
    await expect(text(storage.open(stored.key))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses bad areas and keys before any request, as local disk does', async () => {
    await expect(storage.put('../etc', Readable.from([Buffer.from('x')]), 10)).rejects.toThrow('bad storage area');
    await expect(storage.exists('claim-documents/../../x')).rejects.toThrow('bad storage key');
    expect(() => storage.open('nope')).toThrow('bad storage key');
  });

  it('reports the store’s refusal with its S3 code and keeps no spool file (a bucket that does not exist)', async () => {
    const missing = store({ bucket: 'no-such-bucket' });
    const failure = await missing.put('claim-documents', Readable.from([Buffer.from('x')]), 10).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(S3RequestError);
    expect(failure).toMatchObject({ status: 404, s3Code: 'NoSuchBucket' });
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('is chosen by LINDUNG_STORAGE=s3, with path-style addressing for a configured endpoint', async () => {
    const env = {
      LINDUNG_STORAGE: 's3',
      LINDUNG_S3_ENDPOINT: server.endpoint,
      LINDUNG_S3_BUCKET: server.bucket,
      LINDUNG_S3_ACCESS_KEY_ID: 'test',
      LINDUNG_S3_SECRET_ACCESS_KEY: 'test-secret',
      LINDUNG_S3_PREFIX: 'env/',
    };
    const fromEnv = storageFromEnv(env);
    expect(fromEnv).toBeInstanceOf(S3Storage);
    const stored = await fromEnv.put('claim-documents', Readable.from([Buffer.from('from env')]), 100);
    expect(await keysInBucket()).toContain(`env/${stored.key}`);
    expect(storageFromEnv({ LINDUNG_STORAGE_DIR: spoolDir })).toBeInstanceOf(LocalDiskStorage);
  });
});

describe('S3 storage settings', () => {
  it('names what is missing, and refuses an unknown storage kind', () => {
    expect(() => s3StorageFromEnv({})).toThrow(
      'LINDUNG_STORAGE=s3 needs LINDUNG_S3_BUCKET, LINDUNG_S3_ACCESS_KEY_ID (or AWS_ACCESS_KEY_ID), LINDUNG_S3_SECRET_ACCESS_KEY (or AWS_SECRET_ACCESS_KEY)',
    );
    expect(() => storageFromEnv({ LINDUNG_STORAGE: 'ftp' })).toThrow('LINDUNG_STORAGE=ftp is not a file storage; use disk (the default) or s3');
    expect(() => s3StorageFromEnv({ LINDUNG_S3_BUCKET: 'b', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's', LINDUNG_S3_PATH_STYLE: 'yes' })).toThrow(
      'LINDUNG_S3_PATH_STYLE=yes',
    );
    expect(() => new S3Storage({ endpoint: 'ftp://x', bucket: 'bucket', region: 'r', credentials: { accessKeyId: 'a', secretAccessKey: 's' }, pathStyle: true })).toThrow(
      'not http(s)',
    );
  });
});
