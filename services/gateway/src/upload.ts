import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER } from '../../kit/src/context.js';
import { IDENTITY_HEADER, signIdentity } from '../../kit/src/identity.js';
import type { Authenticate } from './auth.js';

/** Largest file the upload endpoint takes; GraphQL's own JSON limit (64 KB) is untouched. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const PATH = /^\/imports\/enrolment(\/[a-f0-9]{40}\/report\.csv)?$/;

/**
 * File routes beside /graphql: `POST /imports/enrolment?mouId=…&fileName=…[&dryRun=true]` with the
 * file as the body (up to 50 MB), and `GET /imports/enrolment/<batchId>/report.csv`. The caller
 * signs in with the same bearer token as for GraphQL; the body and the answer are streamed to and
 * from the participants service with the identity the gateway signs, which then applies the same
 * roles and city scope as its resolvers. Nothing is buffered here.
 */
export function uploadRoutes(options: { authenticate: Authenticate; internalSecret: string; participantsUrl: string | undefined }) {
  return async function handleFileRoute(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    const reply = (status: number, code: string, message: string, headers: Record<string, string> = {}) => {
      req.resume();
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
    };
    const upload = !match[1];
    if ((upload && req.method !== 'POST') || (!upload && req.method !== 'GET')) {
      reply(405, 'BAD_REQUEST', upload ? 'Upload a file with POST.' : 'Download the report with GET.');
      return true;
    }
    if (!options.participantsUrl) {
      reply(503, 'SERVICE_UNAVAILABLE', 'The participants service is not configured.', { 'retry-after': '5' });
      return true;
    }
    let identity;
    try {
      identity = await options.authenticate(req.headers['authorization'] ?? null);
    } catch (error) {
      const code = error instanceof GraphQLError && typeof error.extensions['code'] === 'string' ? error.extensions['code'] : 'SERVICE_UNAVAILABLE';
      reply(
        code === 'UNAUTHENTICATED' ? 401 : 503,
        code,
        error instanceof Error ? error.message : 'Sign in first.',
        code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer' } : {},
      );
      return true;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) {
      reply(413, 'REQUEST_TOO_LARGE', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
      return true;
    }
    const requestId = randomUUID();
    const target = new URL(`${url.pathname}${url.search}`, options.participantsUrl);
    const headers: Record<string, string> = {
      [IDENTITY_HEADER]: await signIdentity(identity, options.internalSecret, requestId),
      [REQUEST_ID_HEADER]: requestId,
      'content-type': req.headers['content-type'] ?? 'application/octet-stream',
    };
    await new Promise<void>((resolve) => {
      const outbound = httpRequest(target, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, {
          'content-type': answer.headers['content-type'] ?? 'application/octet-stream',
          ...(answer.headers['content-disposition'] ? { 'content-disposition': answer.headers['content-disposition'] } : {}),
          [REQUEST_ID_HEADER]: requestId,
        });
        pipeline(answer, res).then(resolve, () => resolve());
      });
      outbound.on('error', () => {
        reply(503, 'SERVICE_UNAVAILABLE', 'The participants service cannot be reached; nothing was stored. Try again shortly.', { 'retry-after': '5' });
        resolve();
      });
      if (!upload) {
        outbound.end();
        return;
      }
      let bytes = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          if (bytes > MAX_UPLOAD_BYTES) return done(new Error('too large'));
          done(null, chunk);
        },
      });
      pipeline(req, limit, outbound).catch(() => {
        outbound.destroy();
        reply(413, 'REQUEST_TOO_LARGE', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
        resolve();
      });
    });
    return true;
  };
}
