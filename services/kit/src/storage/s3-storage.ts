import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertArea, assertKey, spoolToFile, type FileStorage, type StoredFile } from './file-storage.js';
import { EMPTY_SHA256, encodeSegment, signedHeaders, type AwsCredentials } from './sigv4.js';

export interface S3StorageOptions {
  /** `http(s)://host[:port]` of the S3 API (AWS: `https://s3.<region>.amazonaws.com`). */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: AwsCredentials;
  /** `<endpoint>/<bucket>/<key>` (MinIO and most S3-compatible servers) instead of `<bucket>.<endpoint host>/<key>`. */
  pathStyle: boolean;
  /** Put before every key, e.g. `lindung/` to share a bucket. */
  prefix?: string;
  /** Where an upload is spooled while it is hashed (default the system's temporary folder). */
  spoolDir?: string;
  /** Longest silence on a connection before the request is given up (default 30 s). */
  timeoutMs?: number;
  /** Attempts for a request the store answered 5xx, or not at all (default 3). */
  attempts?: number;
}

/** PutObject takes at most 5 GiB in one request. */
const MAX_SINGLE_PUT = 5 * 1024 ** 3;

/** A refusal or failure of the object store, with its S3 error code. */
export class S3RequestError extends Error {
  constructor(
    readonly status: number,
    readonly s3Code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Files in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, …), signed with Signature V4.
 * `put` spools the upload to a local temporary file while hashing and counting it (nothing whole
 * in memory; past the cap it stops and nothing reaches the store), then sends it in one PutObject
 * under `<area>/<sha256>` with that SHA-256 as the signed payload hash, so the store itself
 * refuses bytes that changed on the way. A key already stored is not sent again.
 */
export class S3Storage implements FileStorage {
  private readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly prefix: string;

  constructor(private readonly options: S3StorageOptions) {
    this.url = new URL(options.endpoint);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') throw new Error(`S3 endpoint ${options.endpoint} is not http(s)`);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(options.bucket)) throw new Error(`S3 bucket name ${options.bucket} is not valid`);
    this.prefix = options.prefix ?? '';
    if (!/^([A-Za-z0-9._-]+\/)*$/.test(this.prefix)) throw new Error(`S3 key prefix ${this.prefix} must be folder names each ending in /`);
    this.agent = this.url.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  async put(area: string, body: Readable, maxBytes: number): Promise<StoredFile> {
    assertArea(area);
    if (maxBytes > MAX_SINGLE_PUT) throw new Error(`S3Storage sends a file in one request: at most ${MAX_SINGLE_PUT} bytes, not ${maxBytes}`);
    const spool = join(this.options.spoolDir ?? tmpdir(), `lindung-upload-${randomUUID()}`);
    try {
      const { sha256, bytes } = await spoolToFile(body, spool, maxBytes);
      const key = `${area}/${sha256}`;
      if (!(await this.exists(key))) {
        const answer = await this.send('PUT', key, {
          payloadHash: sha256,
          headers: { 'content-type': 'application/octet-stream' },
          contentLength: bytes,
          body: () => createReadStream(spool),
        });
        answer.resume();
      }
      return { key, sha256, bytes };
    } finally {
      await rm(spool, { force: true });
    }
  }

  open(key: string): Readable {
    assertKey(key);
    const out = new PassThrough();
    this.send('GET', key, { allowMissing: true })
      .then((answer) => {
        if (answer.statusCode === 404) {
          answer.resume();
          out.destroy(Object.assign(new Error(`No stored file ${key}.`), { code: 'ENOENT' }));
          return;
        }
        return pipeline(answer, out);
      })
      .catch((error: unknown) => out.destroy(error as Error));
    return out;
  }

  async exists(key: string): Promise<boolean> {
    const answer = await this.send('HEAD', key, { allowMissing: true });
    answer.resume();
    return answer.statusCode === 200;
  }

  async remove(key: string): Promise<void> {
    (await this.send('DELETE', key, { allowMissing: true })).resume();
  }

  /** One signed request for an object; retried while the store answers 5xx or not at all. Resolves once the answer's headers are in. */
  private async send(
    method: 'GET' | 'HEAD' | 'PUT' | 'DELETE',
    key: string,
    request: { payloadHash?: string; headers?: Record<string, string>; contentLength?: number; body?: () => Readable; allowMissing?: boolean } = {},
  ): Promise<IncomingMessage> {
    assertKey(key);
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.once(method, key, request);
        const status = answer.statusCode ?? 0;
        if ((status >= 200 && status < 300) || (status === 404 && request.allowMissing)) return answer;
        const failure = await requestError(method, key, answer);
        if (status < 500 || attempt >= attempts) throw failure;
      } catch (error) {
        if (error instanceof S3RequestError && error.status < 500) throw error;
        if (attempt >= attempts) throw error;
      }
      await sleep(100 * 4 ** (attempt - 1));
    }
  }

  private once(
    method: string,
    key: string,
    request: { payloadHash?: string; headers?: Record<string, string>; contentLength?: number; body?: () => Readable },
  ): Promise<IncomingMessage> {
    const objectPath = `${this.prefix}${key}`.split('/').map(encodeSegment).join('/');
    const host = this.options.pathStyle ? this.url.host : `${this.options.bucket}.${this.url.host}`;
    const path = this.options.pathStyle ? `/${encodeSegment(this.options.bucket)}/${objectPath}` : `/${objectPath}`;
    const headers = signedHeaders({
      method,
      host,
      path,
      headers: request.headers ?? {},
      payloadHash: request.payloadHash ?? EMPTY_SHA256,
      region: this.options.region,
      service: 's3',
      credentials: this.options.credentials,
      now: new Date(),
    });
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = send(
        {
          protocol: this.url.protocol,
          hostname: this.options.pathStyle ? this.url.hostname : `${this.options.bucket}.${this.url.hostname}`,
          port: this.url.port || undefined,
          method,
          path,
          agent: this.agent,
          headers: { ...headers, ...(request.contentLength !== undefined ? { 'content-length': String(request.contentLength) } : {}) },
        },
        (answer) => {
          // The answer's body may be read slowly (a download to a slow client): no idle limit from here on.
          outgoing.setTimeout(0);
          resolve(answer);
        },
      );
      outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`S3 ${method} ${key}: no answer within ${timeoutMs} ms`)));
      outgoing.once('error', reject);
      if (request.body) {
        pipeline(request.body(), outgoing).catch((error: unknown) => outgoing.destroy(error as Error));
      } else {
        outgoing.end();
      }
    });
  }
}

async function requestError(method: string, key: string, answer: IncomingMessage): Promise<S3RequestError> {
  let text = '';
  for await (const chunk of answer as AsyncIterable<Buffer>) if (text.length < 4096) text += chunk.toString('utf8');
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP_${answer.statusCode}`;
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? '';
  return new S3RequestError(answer.statusCode ?? 0, code, `File storage (S3 ${method} ${key}) answered ${answer.statusCode} ${code}${message ? `: ${message}` : ''}`);
}

/**
 * S3Storage from the environment (LINDUNG_STORAGE=s3): LINDUNG_S3_BUCKET (required),
 * LINDUNG_S3_REGION (else AWS_REGION, else us-east-1), LINDUNG_S3_ENDPOINT (default AWS's for the
 * region), LINDUNG_S3_ACCESS_KEY_ID and LINDUNG_S3_SECRET_ACCESS_KEY (else AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY), LINDUNG_S3_SESSION_TOKEN (else AWS_SESSION_TOKEN), LINDUNG_S3_PATH_STYLE
 * (1 or 0; default 1 with an endpoint, 0 for AWS), LINDUNG_S3_PREFIX.
 */
export function s3StorageFromEnv(env: NodeJS.ProcessEnv = process.env): S3Storage {
  const bucket = env['LINDUNG_S3_BUCKET'];
  const accessKeyId = env['LINDUNG_S3_ACCESS_KEY_ID'] || env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['LINDUNG_S3_SECRET_ACCESS_KEY'] || env['AWS_SECRET_ACCESS_KEY'];
  const missing = [
    ...(bucket ? [] : ['LINDUNG_S3_BUCKET']),
    ...(accessKeyId ? [] : ['LINDUNG_S3_ACCESS_KEY_ID (or AWS_ACCESS_KEY_ID)']),
    ...(secretAccessKey ? [] : ['LINDUNG_S3_SECRET_ACCESS_KEY (or AWS_SECRET_ACCESS_KEY)']),
  ];
  if (missing.length) throw new Error(`LINDUNG_STORAGE=s3 needs ${missing.join(', ')}`);
  const region = env['LINDUNG_S3_REGION'] || env['AWS_REGION'] || 'us-east-1';
  const endpoint = env['LINDUNG_S3_ENDPOINT'];
  const pathStyle = env['LINDUNG_S3_PATH_STYLE'];
  if (pathStyle !== undefined && pathStyle !== '' && pathStyle !== '0' && pathStyle !== '1') throw new Error(`LINDUNG_S3_PATH_STYLE=${pathStyle}: use 1 or 0`);
  const sessionToken = env['LINDUNG_S3_SESSION_TOKEN'] || env['AWS_SESSION_TOKEN'];
  return new S3Storage({
    endpoint: endpoint || `https://s3.${region}.amazonaws.com`,
    bucket: bucket!,
    region,
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey!, ...(sessionToken ? { sessionToken } : {}) },
    pathStyle: pathStyle ? pathStyle === '1' : Boolean(endpoint),
    prefix: env['LINDUNG_S3_PREFIX'] || '',
  });
}
