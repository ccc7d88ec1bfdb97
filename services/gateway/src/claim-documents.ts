import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GraphQLError } from 'graphql';
import { MAX_DOCUMENT_BYTES } from '../../../domain/claims/document-files.js';
import { ERROR_CODES, isErrorCode, type ErrorCode } from '../../../domain/errors.js';
import { REQUEST_ID_HEADER } from '../../kit/src/context.js';
import { IDENTITY_HEADER, signIdentity } from '../../kit/src/identity.js';
import type { Authenticate } from './auth.js';

// Claim document files beside /graphql (issue 15 item 3):
//   POST /claims/<claimId>/documents/<documentType>?fileName=…  body: the PDF, JPEG or PNG (≤ 10 MB)
//   GET  /claims/<claimId>/documents/<documentType>
// Signed in with the same bearer token as GraphQL; streamed to and from the claims service with
// the identity the gateway signs, which applies the roles, city scope and file checks.

const PATH = /^\/claims\/[^/]+\/documents\/[^/]+$/;

export function isClaimDocumentRequest(req: IncomingMessage): boolean {
  return PATH.test(new URL(req.url ?? '/', 'http://localhost').pathname);
}

export function claimDocumentRoutes(options: { authenticate: Authenticate; internalSecret: string; claimsUrl: string | undefined }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refuse = (code: ErrorCode, message: string, headers: Record<string, string> = {}): void => {
      req.resume();
      if (!res.headersSent) {
        res.writeHead(ERROR_CODES[code].status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
      }
    };
    if (req.method !== 'POST' && req.method !== 'GET') return refuse('BAD_REQUEST', 'Upload a claim document with POST, download it with GET.');
    let identity;
    try {
      identity = await options.authenticate(typeof req.headers.authorization === 'string' ? req.headers.authorization : null);
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
      return refuse(isErrorCode(code) ? code : 'UNAUTHENTICATED', error instanceof Error ? error.message : 'Sign in first.', { 'www-authenticate': 'Bearer' });
    }
    if (!options.claimsUrl) return refuse('SERVICE_UNAVAILABLE', 'Claim documents are not available: the claims service is not configured.', { 'retry-after': '5' });
    const upload = req.method === 'POST';
    const tooLarge = `The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB; scan it at a lower resolution or in parts.`;
    if (upload && Number(req.headers['content-length'] ?? 0) > MAX_DOCUMENT_BYTES) return refuse('REQUEST_TOO_LARGE', tooLarge);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = randomUUID();
    const headers: Record<string, string> = {
      [IDENTITY_HEADER]: await signIdentity(identity, options.internalSecret, requestId),
      [REQUEST_ID_HEADER]: requestId,
      ...(upload ? { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' } : {}),
      ...(upload && req.headers['content-length'] ? { 'content-length': req.headers['content-length'] } : {}),
    };
    let bytes = 0;
    await new Promise<void>((resolve) => {
      const outbound = httpRequest(new URL(`${url.pathname}${url.search}`, options.claimsUrl), { method: req.method, headers }, (answer) => {
        const passed: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
        for (const name of ['content-type', 'content-disposition', 'content-length', 'x-content-sha256']) {
          const value = answer.headers[name];
          if (typeof value === 'string') passed[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, passed);
        pipeline(answer, res).then(resolve, () => resolve());
      });
      outbound.on('error', () => {
        // Our own cap cuts the stream too: that is a 413, not an outage.
        if (bytes > MAX_DOCUMENT_BYTES) refuse('REQUEST_TOO_LARGE', tooLarge);
        refuse('SERVICE_UNAVAILABLE', 'The claims service cannot be reached; nothing was stored. Try again shortly.', { 'retry-after': '5' });
        resolve();
      });
      if (!upload) return void outbound.end();
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          if (bytes > MAX_DOCUMENT_BYTES) return done(new Error('too large'));
          done(null, chunk);
        },
      });
      // Not pipeline(): it would destroy the request, and with it the socket the 413 goes back on.
      limit.on('error', () => {
        outbound.destroy();
        refuse('REQUEST_TOO_LARGE', tooLarge);
        resolve();
      });
      req.on('close', () => {
        if (!req.complete) outbound.destroy();
      });
      req.pipe(limit).pipe(outbound);
    });
  };
}
